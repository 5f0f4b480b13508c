package ktcoro_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
	"github.com/ktcoro/ktcoro/interp"
)

type hidden struct{ a, b int }

type inner struct{ City string }

type outer struct {
	Name string
	Home inner
	Next *outer
}

// Go structs: unexported fields only, nested structs written through a
// pointer, cyclic pointers printed without looping.
func TestEmbedStructs(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	a := &outer{Name: "a", Home: inner{"Oslo"}}
	a.Next = a
	it.Set("h", hidden{1, 2})
	it.Set("a", a)
	mustEval(t, it, `
println(h)
println(a)
a.home.city = "Rome"
println(a.next.next.home.city)
try { h.a } catch (e: Throwable) { println(e::class.simpleName) }
try { a.name = 3 } catch (e: IllegalArgumentException) { println("IAE") }
`)
	if a.Home.City != "Rome" {
		t.Errorf("nested write did not reach the struct: %+v", a.Home)
	}
	want := "hidden()\nouter(name=a, home=inner(city=Oslo), next=...)\nRome\nNoSuchFieldError\nIAE\n"
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	v, _ := it.Get("a")
	if v.Export() != any(a) {
		t.Errorf("Export of a pointer = %v, want the pointer", v.Export())
	}
	var back *outer
	if err := ktcoro.FromValue(v, &back); err != nil || back != a {
		t.Errorf("FromValue = %p %v, want %p", back, err, a)
	}
}

// String inside a host function reuses the calling coroutine (no
// deadlock), also for a script toString override; a lambda converted to a
// Go func is called from inside a host function and after the run.
func TestEmbedCallbacks(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	var saved func(int) int
	var seen []string
	it.Define("keep", func(v ktcoro.Value, f func(int) int) int {
		seen = append(seen, v.String(), fmt.Sprint(v.Export()))
		saved = f
		return f(20)
	})
	mustEval(t, it, `
class P(val n: Int) { override fun toString() = "P#$n" }
println(keep(P(7)) { it * 2 + 2 })
`)
	if got := out.String(); got != "42\n" {
		t.Errorf("output %q", got)
	}
	if strings.Join(seen, ",") != "P#7,map[n:7]" {
		t.Errorf("inside the host function: %q", seen)
	}
	if saved(1) != 4 { // after the run: a run of its own
		t.Errorf("saved(1) = %d", saved(1))
	}
	v, _ := it.Eval(context.Background(), `P(9)`)
	if v.String() != "P#9" {
		t.Errorf("String after the run = %q", v.String())
	}
	// a panic the host can recover when the func type has no error
	f, err := ktcoro.As[func() int](mustEval(t, it, `{ -> error("boom") }`))
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			r := recover()
			var fe *interp.FuncError
			if e, ok := r.(error); !ok || !errors.As(e, &fe) || !strings.Contains(e.Error(), "boom") {
				t.Errorf("recovered %v", r)
			}
		}()
		f()
	}()
	// func types a lambda cannot satisfy
	lam := mustEval(t, it, `{ a: Int, b: Int -> a + b }`)
	for _, bad := range []any{new(func(int) int), new(func(chan int, int) int), new(func() (int, int))} {
		if err := ktcoro.FromValue(lam, bad); err == nil {
			t.Errorf("FromValue into %T accepted", bad)
		}
	}
	if err := ktcoro.FromValue(mustEval(t, it, `3`), new(func())); err == nil {
		t.Errorf("an Int converted to a func")
	}
	// after Close, the Go func reports ErrClosed
	g, _ := ktcoro.As[func(int) (int, error)](mustEval(t, it, `{ x: Int -> x }`))
	it.Close()
	if _, err := g(1); !errors.Is(err, ktcoro.ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

// Values are printed and lambdas called from many goroutines while runs
// go on (go test -race).
func TestEmbedConcurrent(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	ctx := context.Background()
	mustEval(t, it, `class Q(val s: String) { override fun toString() = "Q($s)" }`)
	q := mustEval(t, it, `Q("x")`)
	f, err := ktcoro.As[func(int) int](mustEval(t, it, `{ x: Int -> x + 1 }`))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				switch g % 2 {
				case 0:
					if s := q.String(); s != "Q(x)" {
						t.Errorf("String = %q", s)
					}
					if f(i) != i+1 {
						t.Errorf("f(%d)", i)
					}
				default:
					if _, err := it.Eval(ctx, `var k = 0; repeat(1000) { k += it }; Q("$k").toString()`); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
}

// Per-run limits override the Interpreter's, and Call checks declared
// parameter types.
func TestEmbedRunLimitsAndArgs(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxSteps: 1_000}})
	ctx := context.Background()
	if _, err := it.EvalWith(ctx, `(1..100_000).sum()`, ktcoro.RunOptions{Limits: &ktcoro.Limits{}}); err != nil {
		t.Errorf("without limits: %v", err)
	}
	var le *ktcoro.LimitError
	if _, err := it.Eval(ctx, `(1..100_000).forEach { }`); !errors.As(err, &le) {
		t.Errorf("the Interpreter's limits: %v", err)
	}
	_, err := it.EvalWith(ctx, "\nwhile (true) { }", ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxWallTime: 20 * time.Millisecond}})
	if !errors.As(err, &le) || le.Limit != ktcoro.LimitWallTime || le.Line != 2 {
		t.Errorf("wall time: %v", err)
	}
	mustEval(t, it, `fun f(a: Long, b: String?, c: Double) = "$a $b $c"`)
	if v, err := it.CallWith(ctx, ktcoro.RunOptions{}, "f", 1, nil, 2); err != nil || v.String() != "1 null 2.0" {
		t.Errorf("f(1, nil, 2) = %v %v", v, err)
	}
	var ae *ktcoro.ArgumentError
	if _, err := it.Call(ctx, "f", 1, 2, 3); !errors.As(err, &ae) || ae.Index != 2 || ae.Param != "b" || ae.Type != "String?" {
		t.Errorf("f(1, 2, 3) = %v", err)
	}
	if _, err := it.Call(ctx, "f", make(chan int)); !errors.As(err, &ae) || ae.Err == nil {
		t.Errorf("f(chan) = %v", err)
	}
}
