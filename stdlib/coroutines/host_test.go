package coroutines_test

import (
	"context"
	"errors"
	"github.com/ktcoro/ktcoro/internal/testutil"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

func newHostInterp(t *testing.T, virtual bool) (*interp.Interp, *testutil.LockedBuffer) {
	t.Helper()
	out := &testutil.LockedBuffer{}
	in := interp.New(interp.Options{Stdout: out, Stderr: out, VirtualTime: virtual})
	if err := install(in); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coroutines.Close(in) })
	return in, out
}

// run compiles src as a program and runs it.
func run(t *testing.T, in *interp.Interp, src string) error {
	t.Helper()
	p, err := in.Compile("host.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return in.Run(p)
}

// TestSuspendFunc calls a two-stage suspending host function from many
// coroutines on Dispatchers.Default at once (run it with -race): the
// first stage reads the arguments on the script's thread, the work runs
// on goroutines of its own.
func TestSuspendFunc(t *testing.T) {
	in, out := newHostInterp(t, false)
	var inFlight, maxInFlight atomic.Int32
	const n = 20
	var barrier sync.WaitGroup
	barrier.Add(n)
	coroutines.DefineSuspendFunc(in, "sumAsync", func(co *interp.Coroutine, args []interp.Value) (coroutines.HostWork, error) {
		var xs []int
		if err := interp.FromValue(args[0], &xs); err != nil {
			return nil, err
		}
		if len(xs) == 0 {
			return nil, nil // Unit at once
		}
		if xs[0] < 0 {
			return nil, interp.Throw("IllegalArgumentException", "negative: %d", xs[0])
		}
		return func(ctx context.Context) (interp.Value, error) {
			k := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := maxInFlight.Load(); k > m && !maxInFlight.CompareAndSwap(m, k); m = maxInFlight.Load() {
			}
			if len(xs) > 1 {
				barrier.Done()
				barrier.Wait() // all n calls are in flight together
			}
			s := 0
			for _, x := range xs {
				s += x
			}
			return interp.ToValue(s)
		}, nil
	})
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    val sums = (1..`+"20"+`).map { k ->
        async(Dispatchers.Default) { sumAsync(mutableListOf(k, k, k)) }
    }.awaitAll()
    println(sums.sum())
    println(sumAsync(listOf()))
    try { sumAsync(listOf(-1)) } catch (e: IllegalArgumentException) { println(e) }
    try { sumAsync(listOf("x")) } catch (e: RuntimeException) { println(e) }
}`)
	if err != nil {
		t.Fatal(err)
	}
	want := `630
kotlin.Unit
java.lang.IllegalArgumentException: negative: -1
java.lang.RuntimeException: cannot convert String "x" to Go int (at [0])
`
	if d := cmp.Diff(want, out.String()); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	if maxInFlight.Load() != n {
		t.Errorf("at most %d calls were in flight together, want %d", maxInFlight.Load(), n)
	}
}

// TestSuspendFuncKeepsRuntimeBusy: while host work is outstanding, the
// runtime is not idle: on the virtual clock, a runBlocking waiting only
// for it is not a deadlock, and time does not jump past it.
func TestSuspendFuncKeepsRuntimeBusy(t *testing.T) {
	in, out := newHostInterp(t, true)
	entered := make(chan struct{})
	release := make(chan struct{})
	coroutines.DefineSuspendFunc(in, "hostWait", func(co *interp.Coroutine, args []interp.Value) (coroutines.HostWork, error) {
		return func(ctx context.Context) (interp.Value, error) {
			close(entered)
			<-release
			return interp.String("released"), nil
		}, nil
	})
	go func() {
		<-entered
		// the script waits for the host now; a deadlock check or a
		// virtual-time jump would happen here
		close(release)
	}()
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    val r = withTimeoutOrNull(60_000) { hostWait() }
    println(r)
}`)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "released\n" {
		t.Errorf("output %q", out.String())
	}
}

// TestSuspendGoFunc: reflective suspending functions.
func TestSuspendGoFunc(t *testing.T) {
	in, out := newHostInterp(t, true)
	for name, fn := range map[string]any{
		"upper":    func(ctx context.Context, s string) (string, error) { return strings.ToUpper(s), nil },
		"joinWith": func(ctx context.Context, sep string, parts ...string) string { return strings.Join(parts, sep) },
		"fail":     func(ctx context.Context) error { return errors.New("failed in Go") },
		"raw": coroutines.SuspendFunc(func(co *interp.Coroutine, args []interp.Value) (coroutines.HostWork, error) {
			return func(context.Context) (interp.Value, error) { return interp.Int(7), nil }, nil
		}),
	} {
		n, err := coroutines.NewSuspendGoFunc(name, fn)
		if err != nil {
			t.Fatal(err)
		}
		in.Define(name, interp.Obj(n))
	}
	for _, bad := range []any{42, func(s string) {}, func(ctx context.Context) (int, int) { return 0, 0 }} {
		if _, err := coroutines.NewSuspendGoFunc("bad", bad); err == nil {
			t.Errorf("NewSuspendGoFunc accepted %T", bad)
		}
	}
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    println(upper("abc") + joinWith("-", "a", "b") + raw())
    try { fail() } catch (e: Exception) { println(e) }
    try { upper() } catch (e: IllegalArgumentException) { println(e.message) }
}`)
	if err != nil {
		t.Fatal(err)
	}
	want := "ABCa-b7\njava.lang.RuntimeException: failed in Go\nupper expects 1 argument, got 0\n"
	if d := cmp.Diff(want, out.String()); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	// outside a coroutine: a compile error
	if _, err := in.Compile("x.kc", []byte(`fun f() = upper("x")`)); err == nil {
		t.Error("a plain function called a suspending host function")
	}
}

func TestCall(t *testing.T) {
	in, out := newHostInterp(t, true)
	if err := run(t, in, `import kotlinx.coroutines.*
suspend fun slow(x: Int): Int { delay(1000); println("on ${Thread.currentThread().name}"); return x * 2 }
fun plain(s: String) = s.length
fun bad(): Int = throw IllegalStateException("bad")`); err != nil {
		t.Fatal(err)
	}
	get := func(name string) interp.Value {
		v, ok := in.LookupGlobal(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return v
	}
	if v, err := coroutines.Call(in, get("slow"), interp.Int(21)); err != nil || v.AsInt() != 42 {
		t.Errorf("slow(21) = %v, %v", v, err)
	}
	if v, err := coroutines.Call(in, get("plain"), interp.String("four")); err != nil || v.AsInt() != 4 {
		t.Errorf("plain = %v, %v", v, err)
	}
	_, err := coroutines.Call(in, get("bad"))
	var exc *interp.Exception
	if !errors.As(err, &exc) || exc.Message() != "bad" {
		t.Errorf("bad() = %v", err)
	}
	if tr := coroutines.StackTrace(in, exc); tr != "java.lang.IllegalStateException: bad\n\tat bad(host.kc:4)\n" {
		t.Errorf("StackTrace = %q", tr)
	}
	if out.String() != "on main\n" {
		t.Errorf("output %q", out.String())
	}
}

// TestAbortAndReset stops a program stuck in a delay and in a busy loop,
// then runs again.
func TestAbortAndReset(t *testing.T) {
	in, out := newHostInterp(t, false)
	started := make(chan struct{}, 2)
	in.DefineFunc("started", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		started <- struct{}{}
		return interp.Unit, nil
	})
	go func() {
		<-started
		<-started
		coroutines.Abort(in, "stopped by the test")
	}()
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    launch(Dispatchers.Default) { started(); while (true) { } }
    try { started(); delay(Long.MAX_VALUE) } finally { println("finally") }
}`)
	var intr *interp.Interrupted
	if !errors.As(err, &intr) || intr.Reason != "stopped by the test" {
		t.Errorf("run = %v, want the abort", err)
	}
	coroutines.Reset(in)
	if err := run(t, in, `fun main() { println("again") }`); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "again\n") {
		t.Errorf("output %q", out.String())
	}
}

func TestCancelCoroutines(t *testing.T) {
	in, out := newHostInterp(t, true)
	waiting := make(chan struct{})
	coroutines.DefineSuspendFunc(in, "park", func(co *interp.Coroutine, args []interp.Value) (coroutines.HostWork, error) {
		return func(ctx context.Context) (interp.Value, error) {
			close(waiting)
			<-ctx.Done()
			return interp.Null, ctx.Err()
		}, nil
	})
	if n := coroutines.CancelCoroutines(in, "nothing to cancel"); n != 0 {
		t.Errorf("cancelled %d", n)
	}
	go func() {
		<-waiting
		coroutines.CancelCoroutines(in, "the host says stop")
	}()
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    try { park() } catch (e: CancellationException) { println(e.message) }
}`)
	if err == nil || !strings.Contains(err.Error(), "the host says stop") {
		t.Errorf("run = %v", err)
	}
	if out.String() != "the host says stop\n" {
		t.Errorf("output %q", out.String())
	}
}

func TestLimitCoroutines(t *testing.T) {
	in, out := newHostInterp(t, true)
	coroutines.LimitCoroutines(in, 10, func(*interp.Coroutine) error {
		return interp.Throw("IllegalStateException", "too many coroutines")
	})
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    val jobs = mutableListOf<Job>()
    try {
        repeat(20) { jobs += launch { delay(100) } }
    } catch (e: IllegalStateException) {
        println("${e.message} after ${jobs.size}")
    }
    jobs.joinAll()
    // completed coroutines no longer count
    println((1..5).map { k -> async { k } }.awaitAll().sum())
}`)
	if err != nil {
		t.Fatal(err)
	}
	// runBlocking's own coroutine is one of the 10
	if want := "too many coroutines after 9\n15\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
}

// serialDispatcher runs its tasks one at a time on a goroutine of its
// own, passing no thread.
type serialDispatcher struct{ tasks chan sched.Task }

func (d *serialDispatcher) Dispatch(task sched.Task) { d.tasks <- task }
func (d *serialDispatcher) IsDispatchNeeded() bool   { return true }
func (d *serialDispatcher) String() string           { return "Serial" }
func (d *serialDispatcher) Close()                   {}

func TestDefineDispatcher(t *testing.T) {
	in, out := newHostInterp(t, true)
	d := &serialDispatcher{tasks: make(chan sched.Task, 64)}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case task := <-d.tasks:
				task.Run(nil)
			case <-done:
				return
			}
		}
	}()
	if err := coroutines.DefineDispatcher(in, "Worker", d); err != nil {
		t.Fatal(err)
	}
	if err := coroutines.DefineDispatcher(in, "Nil", nil); err == nil {
		t.Error("DefineDispatcher accepted nil")
	}
	err := run(t, in, `import kotlinx.coroutines.*
fun main() = runBlocking {
    val names = (1..3).map { async(Worker) { delay(10); Thread.currentThread().name } }.awaitAll()
    println(names)
    println(Worker)
}`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[Worker, Worker, Worker]\nSerial\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
}

func TestLocked(t *testing.T) {
	in, _ := newHostInterp(t, false)
	var err error
	coroutines.Locked(in, func() { err = in.AssignGlobal("answer", interp.Int(42)) })
	if err != nil {
		t.Fatal(err)
	}
	var v interp.Value
	var ok bool
	coroutines.Locked(in, func() { v, ok = in.LookupGlobal("answer") })
	if !ok || v.AsInt() != 42 {
		t.Errorf("answer = %v %v", v, ok)
	}
}
