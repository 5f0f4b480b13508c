package ktcoro_test

// Adversarial tests of the shutdown path: what a script leaves running,
// races of Interrupt and Close with the start of a run, blocking natives
// (Thread.sleep, readLine) and Go panics. Each runs under a bound and
// checks that the interpreter is usable afterwards (or that Close
// returned).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// within fails the test when fn does not return within d.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %s", what, d)
	}
}

// A coroutine left spinning on Dispatchers.Default after the run (no
// limits set) does not keep Close from returning.
func TestCloseStopsLeftoverCoroutines(t *testing.T) {
	for _, disp := range []string{"Dispatchers.Default", "Dispatchers.IO", "newSingleThreadContext(\"x\")"} {
		t.Run(disp, func(t *testing.T) {
			it, _ := newTest(t, ktcoro.Options{})
			mustEval(t, it, `import kotlinx.coroutines.*
@OptIn(DelicateCoroutinesApi::class)
val j = GlobalScope.launch(`+disp+`) { while (true) { } }
@OptIn(DelicateCoroutinesApi::class)
val k = GlobalScope.launch(Dispatchers.Default) { try { while (true) { } } finally { while (true) { } } }
Thread.sleep(20)`)
			start := time.Now()
			within(t, 5*time.Second, "Close", func() {
				if err := it.Close(); err != nil {
					t.Errorf("Close = %v", err)
				}
			})
			t.Logf("Close took %s", time.Since(start))
		})
	}
}

// Close abandons a host function that never returns, after its grace
// period, and says so.
func TestCloseAbandonsBlockedHostFunction(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{})
	if err := it.Define("stuck", func() { close(started); <-block }); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		_, err := it.Eval(context.Background(), `stuck()`)
		errc <- err
	}()
	<-started
	within(t, 5*time.Second, "Close", func() {
		err := it.Close()
		if !errors.Is(err, ktcoro.ErrAbandoned) {
			t.Errorf("Close = %v, want ErrAbandoned", err)
		}
	})
}

// Close racing the start of a run: the run is either refused (ErrClosed)
// or stopped; nothing hangs.
func TestCloseRacesStart(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		it, err := ktcoro.New(ktcoro.Options{})
		if err != nil {
			t.Fatal(err)
		}
		errc := make(chan error, 1)
		go func() {
			_, err := it.Eval(context.Background(), `while (true) { }`)
			errc <- err
		}()
		if d := rand.IntN(200); d > 100 {
			time.Sleep(time.Duration(d-100) * time.Microsecond)
		}
		within(t, 5*time.Second, "Close", func() {
			if err := it.Close(); err != nil {
				t.Errorf("iteration %d: Close = %v", i, err)
			}
		})
		select {
		case err := <-errc:
			if err != ktcoro.ErrClosed && err != ktcoro.ErrInterrupted {
				t.Fatalf("iteration %d: Eval = %v", i, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("iteration %d: Eval did not return after Close", i)
		}
	}
}

// An Interrupt between the call of a run and its start is not lost.
func TestInterruptBeforeStart(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	ktcoro.SetBeginHook(it.Interrupt)
	within(t, 5*time.Second, "Eval", func() {
		_, err := it.Eval(context.Background(), `while (true) { }`)
		ktcoro.SetBeginHook(nil)
		if err != ktcoro.ErrInterrupted {
			t.Errorf("Eval = %v, want ErrInterrupted", err)
		}
	})
	checkUsable(t, it)
}

// Interrupt racing runs that start and end: never lost once the run is
// in progress, never a hang, never a data race.
func TestInterruptRacesRuns(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	started := make(chan struct{}, 1)
	if err := it.Define("started", func() { started <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	n := 3000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		errc := make(chan error, 1)
		short := i%2 == 0
		go func() {
			var err error
			if short {
				_, err = it.Eval(context.Background(), `1 + 1`)
			} else {
				_, err = it.Eval(context.Background(), `started(); while (true) { }`)
			}
			errc <- err
		}()
		if !short {
			<-started
		}
		it.Interrupt()
		select {
		case err := <-errc:
			if !short && err != ktcoro.ErrInterrupted {
				t.Fatalf("iteration %d: Eval = %v", i, err)
			}
			if short && err != nil && err != ktcoro.ErrInterrupted {
				t.Fatalf("iteration %d: Eval = %v", i, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("iteration %d: the Interrupt was lost", i)
		}
	}
	checkUsable(t, it)
}

// testStops checks that a run of src, which blocks for ever, stops at
// the wall time limit, at Interrupt and when its context is done, after
// about d; interruptSrc is what runs for the interrupt (the blocking
// part on another thread, say).
func testStops(t *testing.T, name, src, interruptSrc string, d time.Duration) {
	t.Run(name+"/wall", func(t *testing.T) {
		it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxWallTime: 2 * d}})
		within(t, 2*time.Second, "Eval", func() {
			_, err := it.Eval(context.Background(), src)
			var le *ktcoro.LimitError
			if !errors.As(err, &le) || le.Limit != ktcoro.LimitWallTime {
				t.Errorf("Eval = %v, want the wall time limit", err)
			}
		})
		checkUsable(t, it)
	})
	t.Run(name+"/interrupt", func(t *testing.T) {
		it, _ := newTest(t, ktcoro.Options{})
		time.AfterFunc(d, it.Interrupt)
		within(t, 2*time.Second, "Eval", func() {
			if _, err := it.Eval(context.Background(), interruptSrc); err != ktcoro.ErrInterrupted {
				t.Errorf("Eval = %v, want ErrInterrupted", err)
			}
		})
		checkUsable(t, it)
	})
	t.Run(name+"/context", func(t *testing.T) {
		it, _ := newTest(t, ktcoro.Options{CancelGrace: 50 * time.Millisecond})
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		within(t, 2*time.Second, "Eval", func() {
			if _, err := it.Eval(ctx, src); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Eval = %v, want context.DeadlineExceeded", err)
			}
		})
		checkUsable(t, it)
	})
}

// Thread.sleep honours every way of stopping a run, whatever the value.
func TestThreadSleepStops(t *testing.T) {
	for _, ms := range []string{"3_600_000", "Long.MAX_VALUE", "9_300_000_000_000L"} {
		testStops(t, ms, `Thread.sleep(`+ms+`)`, `import kotlinx.coroutines.*
runBlocking { launch(Dispatchers.Default) { Thread.sleep(`+ms+`) } }`, 50*time.Millisecond)
	}
	t.Run("close", func(t *testing.T) {
		it, _ := newTest(t, ktcoro.Options{})
		mustEval(t, it, `import kotlinx.coroutines.*
@OptIn(DelicateCoroutinesApi::class)
val j = GlobalScope.launch(Dispatchers.IO) { Thread.sleep(3_600_000) }`)
		within(t, 3*time.Second, "Close", func() {
			if err := it.Close(); err != nil {
				t.Errorf("Close = %v", err)
			}
		})
	})
}

// readLine on a host Stdin that blocks can be stopped, and a line that
// arrives later goes to the next readLine.
func TestReadLineStops(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	it, _ := newTest(t, ktcoro.Options{Stdin: pr, Limits: ktcoro.Limits{MaxWallTime: 100 * time.Millisecond}})
	within(t, 2*time.Second, "Eval", func() {
		_, err := it.Eval(context.Background(), `readLine()`)
		var le *ktcoro.LimitError
		if !errors.As(err, &le) {
			t.Errorf("Eval = %v, want the wall time limit", err)
		}
	})
	time.AfterFunc(30*time.Millisecond, it.Interrupt)
	within(t, 2*time.Second, "Eval", func() {
		if _, err := it.Eval(context.Background(), `readln()`); err != ktcoro.ErrInterrupted {
			t.Errorf("Eval = %v, want ErrInterrupted", err)
		}
	})
	go io.WriteString(pw, "hello\nworld\n")
	v := mustEval(t, it, `readLine() + " " + readLine()`)
	if s := as[string](t, v); s != "hello world" {
		t.Errorf("readLine after the stops = %q", s)
	}
	checkUsable(t, it)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		it.Eval(context.Background(), `readLine()`)
	}()
	time.Sleep(20 * time.Millisecond)
	within(t, 3*time.Second, "Close", func() { it.Close() })
	wg.Wait()
}

// A line longer than half the memory budget (or one allocation's limit)
// is not read whole: readLine throws OutOfMemoryError after reading at most
// that much (the next readLine gets the rest of that line), and the
// input goes on after it.
func TestReadLineLongLine(t *testing.T) {
	long := strings.Repeat("x", 12<<20)
	it, _ := newTest(t, ktcoro.Options{Stdin: strings.NewReader(long + "\nshort\n"),
		Limits: ktcoro.Limits{MaxMemory: 16 << 20}})
	v := mustEval(t, it, `val first = try { readLine() } catch (e: OutOfMemoryError) { e.toString() }
var rest = 0
while (true) { val l = try { readLine() } catch (e: OutOfMemoryError) { null } ?: break; rest++; if (l == "short") break }
first + " " + rest`)
	if s := as[string](t, v); s != "java.lang.OutOfMemoryError: Java heap space 2" {
		t.Errorf("readLine of a long line = %q", s)
	}
	checkUsable(t, it)
}

// No Go panic escapes an entry point: an exception class that is not a
// Throwable, a host function that panics, a bug of the entry point itself.
func TestNoPanicEscapes(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	for _, class := range []string{"com.acme.String", "com.acme.Int", "com.acme.Any", "com.acme.Unit", "com.acme.List",
		"String", "kotlin.collections.HashMap", "Nothing", "com.acme.Class", "", ".", "java.lang.Object"} {
		if err := it.Define("boom", func() error { return ktcoro.Throw(class, "bad %s", class) }); err != nil {
			t.Fatal(err)
		}
		_, err := it.Eval(context.Background(), `boom()`)
		var se *ktcoro.ScriptError
		if !errors.As(err, &se) || se.Class() != "java.lang.RuntimeException" {
			t.Errorf("Throw(%q) = %v", class, err)
		}
		_, err = it.Eval(context.Background(), `try { boom(); 0 } catch (e: Exception) { e.message!!.length }`)
		if err != nil {
			t.Errorf("Throw(%q) caught: %v", class, err)
		}
	}
	if err := it.Define("panics", func() { panic(errors.New("host bug")) }); err != nil {
		t.Fatal(err)
	}
	if _, err := it.Eval(context.Background(), `panics()`); err == nil {
		t.Error("a panicking host function: no error")
	}
	if err := it.DefineSuspend("panicsLater", func(ctx context.Context) { panic("host bug") }); err != nil {
		t.Fatal(err)
	}
	if _, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { panicsLater() }`); err == nil {
		t.Error("a panicking suspending host function: no error")
	}
	ktcoro.SetBeginHook(func() { panic("entry point bug") })
	_, err := it.Eval(context.Background(), `1`)
	ktcoro.SetBeginHook(nil)
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) || se.Class() != "java.lang.InternalError" {
		t.Errorf("a panic in Eval = %v", err)
	}
	ktcoro.SetBeginHook(func() { panic("entry point bug") })
	_, err = it.Call(context.Background(), "println", "x")
	ktcoro.SetBeginHook(nil)
	if !errors.As(err, &se) {
		t.Errorf("a panic in Call = %v", err)
	}
	checkUsable(t, it)
}

// The error types a run returns are the root package's.
func TestExportedErrorTypes(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	_, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { CompletableDeferred<Int>().await() }`)
	var dl *ktcoro.DeadlockError
	if !errors.As(err, &dl) {
		t.Errorf("deadlock: %v (%T)", err, err)
	}
	started := make(chan struct{}, 1)
	if err := it.Define("started", func() { started <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	aborted := make(chan struct{})
	go func() {
		<-started
		coroutines.Abort(it.Interp(), "stopped by the host")
		close(aborted)
	}()
	_, err = it.Eval(context.Background(), `started(); while (true) { }`)
	<-aborted
	var intr *ktcoro.Interrupted
	if !errors.As(err, &intr) || intr.Reason != "stopped by the host" {
		t.Errorf("Abort: %v (%T)", err, err)
	}
	checkUsable(t, it)
}

// Nested coroutine builders do not grow the Go stack without bound: past
// MaxDepth levels they throw StackOverflowError (catchable), and a long
// chain of scopes completing one after the other resumes through the
// dispatcher.
func TestNestedBuildersOverflow(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxWallTime: 60 * time.Second, MaxDepth: 2000}})
	mustEval(t, it, `import kotlinx.coroutines.*
suspend fun n(k: Int): Int = if (k == 0) 0 else coroutineScope { n(k - 1) + 1 }
suspend fun s(k: Int): Int = if (k == 0) 0 else supervisorScope { s(k - 1) + 1 }
suspend fun w(k: Int): Int = if (k == 0) 0 else withContext(CoroutineName("x")) { w(k - 1) + 1 }
fun b(k: Int): Int = if (k == 0) 0 else runBlocking { b(k - 1) + 1 }
suspend fun y(k: Int): Int { yield(); return if (k == 0) 0 else coroutineScope { y(k - 1) + 1 } }`)
	for _, call := range []string{"n(100_000)", "s(100_000)", "w(100_000)", "b(100_000)"} {
		v := mustEval(t, it, `runBlocking { try { `+call+`; "no" } catch (e: StackOverflowError) { "caught" } }`)
		if s := as[string](t, v); s != "caught" {
			t.Errorf("%s: %s", call, s)
		}
		_, err := it.Eval(context.Background(), `runBlocking { `+call+` }`)
		var se *ktcoro.ScriptError
		if !errors.As(err, &se) || se.Class() != "java.lang.StackOverflowError" {
			t.Errorf("%s uncaught: %v", call, err)
		}
	}
	if v := mustEval(t, it, `runBlocking { n(1000) + y(20_000) }`); v.AsInt() != 21_000 {
		t.Errorf("n(1000) + y(20_000) = %v", v)
	}
	checkUsable(t, it)
}

// Parsing a huge source stops with the compilation's context and with
// the run's wall time: it does not go on to the end of the file first.
func TestParseStops(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 6<<20; i++ {
		fmt.Fprintf(&b, "fun f%d(x: Int) = x + %d * (x - 1)\n", i, i)
	}
	src := b.String()
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxWallTime: 100 * time.Millisecond}})
	within(t, 2*time.Second, "CompileContext", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := it.CompileContext(ctx, "big.kc", []byte(src))
		var intr *ktcoro.Interrupted
		if !errors.As(err, &intr) {
			t.Errorf("CompileContext = %v, want Interrupted", err)
		}
	})
	within(t, 2*time.Second, "Eval", func() {
		_, err := it.Eval(context.Background(), src)
		var le *ktcoro.LimitError
		if !errors.As(err, &le) {
			t.Errorf("Eval = %v, want the wall time limit", err)
		}
	})
	checkUsable(t, it)
}

// A thread blocked in synchronized or ReentrantLock.lock, waiting for a
// lock that is never released (the JVM hangs there too), honours every
// way of stopping a run, Close included.
func TestBlockedLockStops(t *testing.T) {
	for name, src := range map[string]string{
		"synchronized": `import kotlinx.coroutines.*
val lock = Any()
runBlocking {
    launch(Dispatchers.Default) { synchronized(lock) { Thread.sleep(3_600_000) } }
    Thread.sleep(20)
    synchronized(lock) { println("not reached") }
}`,
		"ReentrantLock": `import kotlinx.coroutines.*
import java.util.concurrent.locks.ReentrantLock
val lock = ReentrantLock()
runBlocking {
    withContext(Dispatchers.Default) { lock.lock() }
    lock.lock()
}`,
	} {
		testStops(t, name, src, src, 100*time.Millisecond)
		t.Run(name+"/close", func(t *testing.T) {
			it, _ := newTest(t, ktcoro.Options{})
			done := make(chan error, 1)
			go func() {
				_, err := it.Eval(context.Background(), src)
				done <- err
			}()
			time.Sleep(100 * time.Millisecond)
			within(t, 3*time.Second, "Close", func() {
				if err := it.Close(); err != nil {
					t.Errorf("Close = %v", err)
				}
				if err := <-done; err == nil {
					t.Errorf("Eval returned nil after Close")
				}
			})
		})
	}
}
