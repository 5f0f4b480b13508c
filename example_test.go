package ktcoro_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro"
	"github.com/ktcoro/ktcoro/sched"
)

// A host evaluates a snippet and gets the value of its last expression.
func ExampleInterpreter_Eval() {
	it, err := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
	if err != nil {
		panic(err)
	}
	defer it.Close()
	v, err := it.Eval(context.Background(), `
        val words = listOf("structured", "concurrency")
        println(words.joinToString(" "))
        words.sumOf { it.length }
    `)
	if err != nil {
		panic(err)
	}
	n, err := ktcoro.As[int](v)
	fmt.Println(n, err)
	// Output:
	// structured concurrency
	// 21 <nil>
}

// Go functions become script functions; their arguments and results are
// converted, and a returned error is thrown in the script.
func ExampleInterpreter_Define() {
	it, _ := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
	defer it.Close()
	it.Define("shout", func(s string, times int) (string, error) {
		if times < 0 {
			return "", ktcoro.Throw("IllegalArgumentException", "times must not be negative: %d", times)
		}
		return strings.Repeat(strings.ToUpper(s)+"!", times), nil
	})
	it.Eval(context.Background(), `
        println(shout("hey", 2))
        try { shout("x", -1) } catch (e: IllegalArgumentException) { println("caught: ${e.message}") }
    `)
	// Output:
	// HEY!HEY!
	// caught: times must not be negative: -1
}

// A suspending Go function runs on a goroutine of its own while the
// calling coroutine is suspended; here three coroutines call it at once.
func ExampleInterpreter_DefineSuspend() {
	it, _ := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
	defer it.Close()
	var wg sync.WaitGroup
	wg.Add(3)
	it.DefineSuspend("lookup", func(ctx context.Context, key string) (int, error) {
		wg.Done()
		wg.Wait() // returns once all three calls are in flight
		return len(key), nil
	})
	v, err := it.Eval(context.Background(), `
        import kotlinx.coroutines.*
        runBlocking {
            listOf("a", "bb", "ccc").map { k -> async { lookup(k) } }.awaitAll()
        }
    `)
	lengths, _ := ktcoro.As[[]int](v)
	fmt.Println(lengths, err)
	// Output:
	// [1 2 3] <nil>
}

// Go calls script functions, suspend ones too; an uncaught exception is
// a *ScriptError with the script backtrace.
func ExampleInterpreter_Call() {
	it, _ := ktcoro.New(ktcoro.Options{VirtualTime: true})
	defer it.Close()
	ctx := context.Background()
	_, err := it.Eval(ctx, `
        import kotlinx.coroutines.*
        suspend fun slowSquare(x: Int): Int { delay(1000); return x * x }
        fun checked(x: Int): Int {
            require(x > 0) { "x must be positive, was $x" }
            return x
        }
    `)
	if err != nil {
		panic(err)
	}
	v, err := it.Call(ctx, "slowSquare", 12)
	fmt.Println(v.AsInt(), err)
	_, err = it.Call(ctx, "checked", -1)
	var se *ktcoro.ScriptError
	if errors.As(err, &se) {
		fmt.Print(se.Backtrace())
	}
	// Output:
	// 144 <nil>
	// java.lang.IllegalArgumentException: x must be positive, was -1
	// 	at checked(<eval>:5)
}

// Cancelling the context of a run cancels the script's coroutines: they
// see CancellationException, their finally blocks run, and the run
// returns context.Canceled. The Go side of a suspending function sees its
// context cancelled.
func ExampleInterpreter_Eval_cancel() {
	it, _ := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
	defer it.Close()
	ctx, cancel := context.WithCancel(context.Background())
	it.DefineSuspend("waitForHost", func(ctx context.Context) error {
		cancel() // the host gives up, say
		<-ctx.Done()
		return ctx.Err()
	})
	_, err := it.Eval(ctx, `
        import kotlinx.coroutines.*
        runBlocking {
            try {
                waitForHost()
            } finally {
                println("cleaning up")
            }
        }
    `)
	fmt.Println(err == context.Canceled)
	// Output:
	// cleaning up
	// true
}

// Limits stop runaway scripts with an error they cannot catch; the
// interpreter stays usable.
func ExampleLimits() {
	it, _ := ktcoro.New(ktcoro.Options{Limits: ktcoro.Limits{MaxSteps: 1_000_000}})
	defer it.Close()
	_, err := it.Eval(context.Background(), `
        while (true) {
            try { } catch (e: Throwable) { }
        }
    `)
	fmt.Println(err)
	v, err := it.Eval(context.Background(), `6 * 7`)
	fmt.Println(v.AsInt(), err)
	// Output:
	// ktcoro: step limit exceeded (1000000 steps) at <eval>:2
	// 42 <nil>
}

// A program compiled once runs in many interpreters at the same time.
func ExampleInterpreter_Compile() {
	newInterp := func(out *strings.Builder, n int) *ktcoro.Interpreter {
		it, _ := ktcoro.New(ktcoro.Options{Stdout: out, VirtualTime: true})
		it.Set("n", n) // read by the script as a val
		return it
	}
	var first strings.Builder
	compiler := newInterp(&first, 0)
	defer compiler.Close()
	prog, err := compiler.Compile("fib.kc", []byte(`
        import kotlinx.coroutines.*
        fun fib(k: Int): Long = if (k < 2) k.toLong() else fib(k - 1) + fib(k - 2)
        fun main() = runBlocking {
            delay(10)
            println("fib($n) = ${fib(n)}")
        }
    `))
	if err != nil {
		panic(err)
	}
	outs := make([]strings.Builder, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it := newInterp(&outs[i], 20+i)
			defer it.Close()
			if err := it.Run(context.Background(), prog); err != nil {
				fmt.Fprintln(&outs[i], err)
			}
		}()
	}
	wg.Wait()
	for i := range outs {
		fmt.Print(outs[i].String())
	}
	// Output:
	// fib(20) = 6765
	// fib(21) = 10946
	// fib(22) = 17711
	// fib(23) = 28657
}

// A host dispatcher driven by the host's own event loop: scripts switch
// to it with withContext, and the loop runs their tasks with Tick.
func Example_dispatcher() {
	ui := sched.NewTickDispatcher("UI")
	it, _ := ktcoro.New(ktcoro.Options{
		Stdout:      os.Stdout,
		Dispatchers: map[string]sched.Dispatcher{"UI": ui},
	})
	defer it.Close()
	done := make(chan struct{})
	go func() { // the host's event loop
		for {
			select {
			case <-ui.Ready():
				ui.Tick()
			case <-done:
				return
			}
		}
	}()
	defer close(done)
	it.Eval(context.Background(), `
        import kotlinx.coroutines.*
        runBlocking {
            withContext(UI) { println("on ${Thread.currentThread().name}") }
            println("back on ${Thread.currentThread().name}")
        }
    `)
	// Output:
	// on UI
	// back on main
}

// Go values convert to script values and back: a struct is an object
// whose fields scripts read, and scripts can hand results back as maps or
// data class instances.
func ExampleFromValue() {
	type Order struct {
		Item     string
		Quantity int
		Tags     []string `ktcoro:"labels"`
	}
	it, _ := ktcoro.New(ktcoro.Options{})
	defer it.Close()
	it.Set("order", Order{Item: "apple", Quantity: 3, Tags: []string{"fresh"}})
	v, err := it.Eval(context.Background(), `
        data class Order(val item: String, val quantity: Int, val labels: List<String>)
        Order(order.item, order.quantity * 2, order.labels + "doubled")
    `)
	if err != nil {
		panic(err)
	}
	var o Order
	err = ktcoro.FromValue(v, &o)
	fmt.Printf("%+v %v\n", o, err)
	var n int8
	fmt.Println(ktcoro.FromValue(ktcoro.Value(mustValue(300)), &n))
	// Output:
	// {Item:apple Quantity:6 Tags:[fresh doubled]} <nil>
	// cannot convert Int 300 to Go int8: out of range
}

func mustValue(x any) ktcoro.Value {
	v, err := ktcoro.ToValue(x)
	if err != nil {
		panic(err)
	}
	return v
}
