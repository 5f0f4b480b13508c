package ktcoro_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/ktcoro/ktcoro"
)

// A Value prints as the script's toString() (with fmt's %v too, running
// a script class's override), and Export turns it into plain Go values.
func ExampleValue_String() {
	it, _ := ktcoro.New(ktcoro.Options{})
	defer it.Close()
	ctx := context.Background()
	p, _ := it.Eval(ctx, `
        class Point(val x: Int, val y: Int) { override fun toString() = "($x, $y)" }
        Point(1, 2)
    `)
	l, _ := it.Eval(ctx, `listOf(1, 2L, 3.5, "four", 'c', null, mapOf("k" to true))`)
	fmt.Printf("%v %s\n", p, l)
	fmt.Printf("%#v\n", l.Export())
	// Output:
	// (1, 2) [1, 2, 3.5, four, c, null, {k=true}]
	// []interface {}{1, 2, 3.5, "four", "c", interface {}(nil), map[string]interface {}{"k":true}}
}

// User is a host type scripts see as an object.
type User struct {
	Name string
	Age  int
}

// Greeting is called from scripts as user.greeting().
func (u *User) Greeting(greeting string) string { return greeting + ", " + u.Name }

// A pointer to a Go struct is an object: scripts read and write its
// exported fields and call its methods under their lower-case names; a
// struct value is a read-only copy.
func ExampleInterpreter_Set_struct() {
	it, _ := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
	defer it.Close()
	u := &User{Name: "Ann", Age: 41}
	it.Set("user", u)
	it.Set("copy", User{Name: "Bob"})
	_, err := it.Eval(context.Background(), `
        println(user.greeting("Hello"))
        user.age += 1
        println(user)
        println(copy.name + " " + (user == user) + " " + (copy == user))
    `)
	fmt.Println(u.Age, err)
	// Output:
	// Hello, Ann
	// User(name=Ann, age=42)
	// Bob true false
	// 42 <nil>
}

// A script lambda becomes a Go func of the host's choosing; with an error
// result, the script's exception is returned.
func ExampleAs_func() {
	it, _ := ktcoro.New(ktcoro.Options{})
	defer it.Close()
	v, _ := it.Eval(context.Background(), `{ s: String -> if (s.isEmpty()) error("empty") else s.length * 2 }`)
	double, err := ktcoro.As[func(context.Context, string) (int, error)](v)
	if err != nil {
		panic(err)
	}
	fmt.Println(double(context.Background(), "abc"))
	_, err = double(context.Background(), "")
	fmt.Println(err)
	_, err = ktcoro.As[func(int, int) int](v)
	fmt.Println(err)
	// Output:
	// 6 <nil>
	// java.lang.IllegalStateException: empty
	// cannot convert a script function to Go func(int, int) int: it takes 1 parameter(s), the Go func 2
}

// Call's errors are typed: an unknown name wraps ErrNoGlobal, an argument
// the function's declared parameter type does not take is an
// *ArgumentError.
func ExampleInterpreter_Call_errors() {
	it, _ := ktcoro.New(ktcoro.Options{})
	defer it.Close()
	ctx := context.Background()
	it.Eval(ctx, `fun greet(name: String, times: Int) = "hi $name ".repeat(times)`)
	_, err := it.Call(ctx, "gret", "Ann", 2)
	fmt.Println(errors.Is(err, ktcoro.ErrNoGlobal))
	_, err = it.Call(ctx, "greet", 12, 2)
	var ae *ktcoro.ArgumentError
	fmt.Println(errors.As(err, &ae), err)
	// Output:
	// true
	// true ktcoro: Call greet: argument 1 (name: String): cannot pass a Go int
}

// Limits may change for one run: a tight budget for one snippet, and the
// LimitError says which limit and where the script was. MaxDepth and
// MaxAlloc change per run too; the next run has the Interpreter's
// limits again.
func ExampleInterpreter_EvalWith() {
	it, _ := ktcoro.New(ktcoro.Options{})
	defer it.Close()
	ctx := context.Background()
	_, err := it.EvalWith(ctx, "var n = 0\nwhile (true) n++", ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxSteps: 100_000}})
	var le *ktcoro.LimitError
	fmt.Println(errors.As(err, &le), le.Limit, le.File, le.Line)
	fmt.Println(err)
	deep := "fun deep(n: Int): Int = if (n == 0) 0 else deep(n - 1) + 1\ndeep(1000)"
	_, err = it.EvalWith(ctx, deep, ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxDepth: 100}})
	fmt.Println(err)
	v, err := it.Eval(ctx, deep+" + (1..1_000_000).sum()") // the Interpreter's limits: none
	fmt.Println(v, err)
	// Output:
	// true step <eval> 2
	// ktcoro: step limit exceeded (100000 steps) at <eval>:2
	// java.lang.StackOverflowError
	// 1784294664 <nil>
}
