// Command embed shows a Go program embedding ktcoro:
//
//   - a suspending Go function (a pretend HTTP fetch) that three
//     coroutines call at once: each call runs on a goroutine of its own
//     while its coroutine is suspended;
//   - script functions called from Go, a suspend one included, with the
//     result converted to a Go value and an exception as a Go error with
//     the script backtrace;
//   - cancelling a script from Go through a context.Context: the script
//     sees CancellationException, its finally block runs, the Go side of
//     the suspending function sees its context cancelled, and the call
//     returns context.Canceled;
//   - a custom dispatcher driven by the host's own event loop
//     (sched.TickDispatcher), which scripts use with withContext(UI).
//
// Run it with `go run ./examples/embed`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ktcoro/ktcoro"
	"github.com/ktcoro/ktcoro/sched"
)

// script is the program the host loads. It has no main: the host calls
// its functions.
const script = `import kotlinx.coroutines.*

// three requests at once; the results come back in order
suspend fun fetchAll(urls: List<String>): List<String> = coroutineScope {
    urls.map { url -> async { fetch(url) } }.awaitAll()
}

val prices = mapOf("apple" to 0.5, "pear" to 0.75)

suspend fun total(item: String, quantity: Int): Double {
    delay(100) // a pretend lookup; the virtual clock makes it instant
    val price = prices[item] ?: throw IllegalArgumentException("unknown item: $item")
    return price * quantity
}

fun watch() = runBlocking {
    try {
        println("script: waiting for the host")
        waitForever()
    } catch (e: CancellationException) {
        println("script: cancelled")
        throw e
    } finally {
        println("script: finally runs")
    }
}

fun onUi() = runBlocking {
    val name = withContext(UI) { Thread.currentThread().name }
    println("script: withContext(UI) ran on thread $name")
    println("script: back on thread ${Thread.currentThread().name}")
}
`

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
}

// run is the whole example; it writes what it shows to w.
func run(w io.Writer) error {
	ctx := context.Background()

	// A dispatcher for the host's event loop: scripts dispatch tasks to
	// it, the loop below runs them with Tick.
	ui := sched.NewTickDispatcher("UI")
	it, err := ktcoro.New(ktcoro.Options{
		Stdout:      w,
		Stderr:      w,
		VirtualTime: true,
		Dispatchers: map[string]sched.Dispatcher{"UI": ui},
	})
	if err != nil {
		return err
	}
	defer it.Close()

	stopLoop := make(chan struct{})
	var loop sync.WaitGroup
	loop.Add(1)
	go func() { // the host's event loop
		defer loop.Done()
		for {
			select {
			case <-ui.Ready():
				ui.Tick()
			case <-stopLoop:
				return
			}
		}
	}()
	defer func() {
		close(stopLoop)
		loop.Wait()
	}()

	// A suspending Go function. To show that the three calls really run
	// at the same time, each waits until all three have started.
	var started, inFlight, maxInFlight atomic.Int32
	allStarted := make(chan struct{})
	err = it.DefineSuspend("fetch", func(ctx context.Context, url string) (string, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := maxInFlight.Load(); n > m && !maxInFlight.CompareAndSwap(m, n); m = maxInFlight.Load() {
		}
		if started.Add(1) == 3 {
			close(allStarted)
		}
		select {
		case <-allStarted:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		return fmt.Sprintf("<html>%s</html>", url), nil
	})
	if err != nil {
		return err
	}

	// A suspending Go function that waits until its coroutine is
	// cancelled, and tells the host what its context saw.
	entered := make(chan struct{})
	sawCancel := make(chan error, 1)
	err = it.DefineSuspend("waitForever", func(ctx context.Context) error {
		close(entered)
		<-ctx.Done()
		sawCancel <- ctx.Err()
		return ctx.Err()
	})
	if err != nil {
		return err
	}

	prog, err := it.Compile("embed.kc", []byte(script))
	if err != nil {
		return err
	}
	if err := it.Run(ctx, prog); err != nil {
		return err
	}

	fmt.Fprintln(w, "== a suspending Go function called from three coroutines")
	v, err := it.Call(ctx, "fetchAll", []string{"a.example", "b.example", "c.example"})
	if err != nil {
		return err
	}
	pages, err := ktcoro.As[[]string](v)
	if err != nil {
		return err
	}
	for _, p := range pages {
		fmt.Fprintln(w, "host: got", p)
	}
	fmt.Fprintln(w, "host: requests in flight at once:", maxInFlight.Load())

	fmt.Fprintln(w, "== script functions called from Go")
	v, err = it.Call(ctx, "total", "apple", 3)
	if err != nil {
		return err
	}
	sum, err := ktcoro.As[float64](v)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "host: total(apple, 3) = %.2f\n", sum)
	_, err = it.Call(ctx, "total", "plum", 1)
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) {
		return fmt.Errorf("expected a script exception, got %v", err)
	}
	fmt.Fprintln(w, "host: the script threw", se.Class())
	fmt.Fprint(w, se.Backtrace())

	fmt.Fprintln(w, "== cancelling from Go")
	cctx, cancel := context.WithCancel(ctx)
	go func() {
		<-entered // the script waits in waitForever now
		cancel()
	}()
	_, err = it.Call(cctx, "watch")
	fmt.Fprintln(w, "host: the Go side saw:", <-sawCancel)
	fmt.Fprintln(w, "host: Call returned:", err)
	if !errors.Is(err, context.Canceled) {
		return fmt.Errorf("expected context.Canceled, got %v", err)
	}

	fmt.Fprintln(w, "== a custom dispatcher driven by the host's event loop")
	if _, err := it.Call(ctx, "onUi"); err != nil {
		return err
	}
	return nil
}
