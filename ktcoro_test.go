package ktcoro_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/ktcoro/ktcoro/internal/testutil"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro"
	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/sched"
)

func newTest(t *testing.T, opts ktcoro.Options) (*ktcoro.Interpreter, *testutil.LockedBuffer) {
	t.Helper()
	out := &testutil.LockedBuffer{}
	if opts.Stdout == nil {
		opts.Stdout = out
	}
	if opts.Stderr == nil {
		opts.Stderr = out
	}
	it, err := ktcoro.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { it.Close() })
	return it, out
}

func mustEval(t *testing.T, it *ktcoro.Interpreter, src string) ktcoro.Value {
	t.Helper()
	v, err := it.Eval(context.Background(), src)
	if err != nil {
		var se *ktcoro.ScriptError
		if errors.As(err, &se) {
			t.Fatalf("Eval: %s", se.Backtrace())
		}
		t.Fatalf("Eval: %v", err)
	}
	return v
}

func as[T any](t *testing.T, v ktcoro.Value) T {
	t.Helper()
	x, err := ktcoro.As[T](v)
	if err != nil {
		t.Fatalf("As: %v", err)
	}
	return x
}

// checkUsable checks that the interpreter still evaluates code after an
// error.
func checkUsable(t *testing.T, it *ktcoro.Interpreter) {
	t.Helper()
	v, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { delay(1); 40 + 2 }`)
	if err != nil || v.AsInt() != 42 {
		t.Fatalf("the interpreter is not usable any more: %v %v", v, err)
	}
}

func TestEvalValueAndGlobals(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{VirtualTime: true})
	if v := mustEval(t, it, `1 + 2`); v.AsInt() != 3 {
		t.Errorf("1 + 2 = %v", v)
	}
	// declarations persist; top-level code may suspend
	mustEval(t, it, `import kotlinx.coroutines.*
var counter = 0
fun bump(by: Int): Int { counter += by; return counter }
delay(3_600_000) // an hour: the test hangs unless virtual time jumps
runBlocking { coroutineScope { launch { delay(3_600_000) } } }
println("loaded")`)
	if v := mustEval(t, it, `bump(5); bump(2)`); v.AsInt() != 7 {
		t.Errorf("bump = %v", v)
	}
	if v := mustEval(t, it, `val s = "x"`); v.Kind() != interp.KUnit {
		t.Errorf("a declaration's value = %v, want Unit", v)
	}
	if v := mustEval(t, it, `if (counter > 100) 1`); v.Kind() != interp.KUnit {
		t.Errorf("an if without else = %v, want Unit", v)
	}
	v, err := it.Get("counter")
	if err != nil || v.AsInt() != 7 {
		t.Errorf("Get(counter) = %v, %v", v, err)
	}
	if err := it.Set("counter", 40); err != nil {
		t.Fatal(err)
	}
	if v := mustEval(t, it, `bump(2)`); v.AsInt() != 42 {
		t.Errorf("after Set, bump(2) = %v", v)
	}
	// a host value declared with Set is a val for scripts; a later Set
	// changes what code compiled earlier reads
	if err := it.Set("limit", 10); err != nil {
		t.Fatal(err)
	}
	mustEval(t, it, `fun limitTimes(k: Int) = limit * k`)
	if err := it.Set("limit", 20); err != nil {
		t.Fatal(err)
	}
	if v, err := it.Call(context.Background(), "limitTimes", 2); err != nil || v.AsInt() != 40 {
		t.Errorf("limitTimes(2) = %v, %v", v, err)
	}
	if _, err := it.Eval(context.Background(), `limit = 3`); err == nil {
		t.Error("a script assigned a host val")
	}
	// computed globals are evaluated
	mustEval(t, it, `val lazyOne by lazy { println("computing"); 1 }
object Config { val name = "cfg" }
val twice: Int get() = counter * 2`)
	for name, want := range map[string]string{"lazyOne": "1", "twice": "84"} {
		v, err := it.Get(name)
		if err != nil {
			t.Fatalf("Get(%s): %v", name, err)
		}
		if got := fmt.Sprint(as[any](t, v)); got != want {
			t.Errorf("Get(%s) = %s, want %s", name, got, want)
		}
	}
	if v, err := it.Get("Config"); err != nil || v.Kind() != interp.KObject {
		t.Errorf("Get(Config) = %v, %v", v, err)
	}
	if _, err := it.Get("nothingHere"); !errors.Is(err, ktcoro.ErrNoGlobal) {
		t.Errorf("Get(nothingHere) = %v, want ErrNoGlobal", err)
	}
	if _, err := it.Get("1 + 1"); err == nil {
		t.Error("Get accepted an expression")
	}
	if err := it.Set("bump", 1); err == nil {
		t.Error("Set replaced a function")
	}
	if err := it.Set("println", 1); err == nil {
		t.Error("Set replaced a built-in")
	}
	if got, want := out.String(), "loaded\ncomputing\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}

func TestCompileErrors(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	_, err := it.Eval(context.Background(), "val x = 1\nprintln(y)")
	var l lang.ErrorList
	if !errors.As(err, &l) || !strings.Contains(err.Error(), "<eval>:2:9: error: unresolved reference 'y'.") {
		t.Errorf("Eval error = %v", err)
	}
	_, err = it.Compile("bad.kc", []byte("fun main() {\n  undefinedThing()\n}\n"))
	if !errors.As(err, &l) || !strings.Contains(err.Error(), "bad.kc:2:3: error: unresolved reference 'undefinedThing'.") {
		t.Errorf("Compile error = %v", err)
	}
	if !strings.Contains(l.Detail(), "undefinedThing()") {
		t.Errorf("the diagnostic has no source line:\n%s", l.Detail())
	}
	checkUsable(t, it)
}

func TestCompileSeesHostDefinitions(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{VirtualTime: true})
	it.Define("hostValue", 7)
	it.DefineSuspend("hostWait", func(ctx context.Context) (string, error) { return "waited", nil })
	it.Set("setting", "on")
	prog, err := it.Compile("p.kc", []byte(`import kotlinx.coroutines.*
fun main() = runBlocking { println("${hostWait()} $hostValue $setting") }`))
	if err != nil {
		t.Fatal(err)
	}
	if err := it.Run(context.Background(), prog); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "waited 7 on\n" {
		t.Errorf("output %q", got)
	}
	// calling a suspend function outside a coroutine is a compile error
	if _, err := it.Compile("q.kc", []byte(`fun f() = hostWait()`)); err == nil {
		t.Error("a plain function called a suspending host function")
	}
}

func TestEvalFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.kc")
	os.WriteFile(path, []byte(`import kotlinx.coroutines.*
fun main(args: Array<String>) = runBlocking {
    launch { delay(10); println("world ${args.joinToString()}") }
    println("hello")
}`), 0o600)
	it, out := newTest(t, ktcoro.Options{VirtualTime: true, Args: []string{"a", "b"}})
	if err := it.EvalFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "hello\nworld a, b\n" {
		t.Errorf("output %q", got)
	}
	if err := it.EvalFile(context.Background(), filepath.Join(dir, "missing.kc")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestScriptError(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{VirtualTime: true})
	mustEval(t, it, `import kotlinx.coroutines.*
class AppException(msg: String, cause: Throwable) : RuntimeException(msg, cause)
fun inner(n: Int): Int = if (n == 0) throw IllegalStateException("bottom") else inner(n - 1)
suspend fun outer(): Int {
    delay(5)
    try { return inner(2) } catch (e: IllegalStateException) { throw AppException("wrapped", e) }
}`)
	_, err := it.Call(context.Background(), "outer")
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) {
		t.Fatalf("Call error = %v (%T), want *ScriptError", err, err)
	}
	if se.Error() != "AppException: wrapped" || se.Class() != "AppException" || se.Message() != "wrapped" {
		t.Errorf("Error %q Class %q Message %q", se.Error(), se.Class(), se.Message())
	}
	want := `AppException: wrapped
	at outer(<eval>:6)
Caused by: java.lang.IllegalStateException: bottom
	at inner(<eval>:3)
	at inner(<eval>:3)
	at inner(<eval>:3)
	at outer(<eval>:6)
`
	if d := cmp.Diff(want, se.Backtrace()); d != "" {
		t.Errorf("backtrace (-want +got):\n%s", d)
	}
	var exc *interp.Exception
	if !errors.As(err, &exc) || exc.Message() != "wrapped" {
		t.Errorf("errors.As(*interp.Exception) = %v", exc)
	}
	checkUsable(t, it)
}

func TestCall(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{VirtualTime: true})
	ctx := context.Background()
	mustEval(t, it, `import kotlinx.coroutines.*
data class Point(val x: Int, val y: Int)
fun add(a: Int, b: Int) = a + b
fun describe(p: Map<String, Any?>) = "${p["name"]} has ${(p["tags"] as List<*>).size} tags"
suspend fun parallelSum(xs: List<Int>): Int = coroutineScope {
    xs.map { x -> async { delay(10L * x); x } }.awaitAll().sum()
}
fun makePoint(x: Int) = Point(x, x * 2)
fun adder(k: Int): (Int) -> Int = { x -> x + k }
fun sum(vararg xs: Int) = xs.sum()`)
	if v, err := it.Call(ctx, "add", 2, 40); err != nil || v.AsInt() != 42 {
		t.Errorf("add = %v, %v", v, err)
	}
	if v, err := it.Call(ctx, "describe", map[string]any{"name": "box", "tags": []string{"a", "b"}}); err != nil || v.AsString() != "box has 2 tags" {
		t.Errorf("describe = %v, %v", v, err)
	}
	if v, err := it.Call(ctx, "parallelSum", []int{1, 2, 3, 4}); err != nil || v.AsInt() != 10 {
		t.Errorf("parallelSum = %v, %v", v, err)
	}
	v, err := it.Call(ctx, "makePoint", 3)
	if err != nil {
		t.Fatal(err)
	}
	type point struct{ X, Y int }
	if p := as[point](t, v); p != (point{3, 6}) {
		t.Errorf("makePoint = %+v", p)
	}
	if g := as[any](t, v); !cmp.Equal(g, map[string]any{"x": 3, "y": 6}) {
		t.Errorf("makePoint as any = %#v", g)
	}
	f, err := it.Call(ctx, "adder", 10)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := it.CallValue(ctx, f, 5); err != nil || v.AsInt() != 15 {
		t.Errorf("adder(10)(5) = %v, %v", v, err)
	}
	if v, err := it.Call(ctx, "println", "from Go"); err != nil || v.Kind() != interp.KUnit {
		t.Errorf("println = %v, %v", v, err)
	}
	if _, err := it.Call(ctx, "noSuchFunction"); !errors.Is(err, ktcoro.ErrNoGlobal) || !strings.Contains(err.Error(), "noSuchFunction") {
		t.Errorf("unknown function: %v", err)
	}
	if _, err := it.Call(ctx, "add", make(chan int)); err == nil || !strings.Contains(err.Error(), "argument 1") {
		t.Errorf("bad argument: %v", err)
	}
	_, err = it.Call(ctx, "add", 1)
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) {
		t.Errorf("add(1) = %v, want a script exception", err)
	}
}

func TestPlainHostFunctions(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	it.Define("concat", func(parts ...string) string { return strings.Join(parts, "+") })
	it.Define("fail", func(kind string) error {
		switch kind {
		case "io":
			return ktcoro.Throw("java.io.IOException", "disk full")
		case "panic":
			panic("host bug")
		}
		return errors.New("plain Go error")
	})
	it.Define("raw", interp.NativeFunc(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Int(int32(len(args))), nil
	}))
	it.Define("answer", 42)
	it.Define("config", map[string]any{"debug": true, "level": 3})
	mustEval(t, it, `
println(concat("a", "b", "c"))
println(concat())
println(raw(1, 2, 3))
println(answer + 1)
println(config["debug"].toString() + " " + config["level"])
for (k in listOf("io", "panic", "other")) {
    try { fail(k) } catch (e: Exception) { println(e) }
}
try { concat(1) } catch (e: IllegalArgumentException) { println(e.message) }
try { fail() } catch (e: IllegalArgumentException) { println(e.message) }
`)
	want := `a+b+c

3
43
true 3
java.io.IOException: disk full
java.lang.RuntimeException: host function fail panicked: host bug
java.lang.RuntimeException: plain Go error
concat: argument 1: cannot convert Int 1 to Go string
fail expects 1 argument, got 0
`
	if d := cmp.Diff(want, out.String()); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	if err := it.Define("bad name", 1); err == nil {
		t.Error("Define accepted a bad name")
	}
	if err := it.Define("ch", make(chan int)); err == nil {
		t.Error("Define accepted a channel")
	}
}

// TestSuspendingHostFunction calls a suspending Go function from three
// coroutines at once: each Go call waits until all three are in flight,
// so the test passes only if they really run concurrently.
func TestSuspendingHostFunction(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{VirtualTime: true})
	var wg sync.WaitGroup
	wg.Add(3)
	it.DefineSuspend("fetch", func(ctx context.Context, url string) (map[string]any, error) {
		wg.Done()
		wg.Wait()
		if url == "bad" {
			return nil, ktcoro.Throw("java.io.IOException", "cannot fetch %s", url)
		}
		return map[string]any{"url": url, "size": len(url)}, nil
	})
	it.DefineSuspend("nothing", func(ctx context.Context) {})
	it.DefineSuspend("crash", func(ctx context.Context) int { panic("oops") })
	v := mustEval(t, it, `import kotlinx.coroutines.*
runBlocking {
    val results = listOf("a", "bad", "ccc").map { u ->
        async(Dispatchers.IO) {
            try { fetch(u)["size"] as Int } catch (e: java.io.IOException) { println(e.message); -1 }
        }
    }.awaitAll()
    nothing()
    try { crash() } catch (e: RuntimeException) { println(e.message) }
    println(Thread.currentThread().name)
    results
}`)
	if got := as[[]int](t, v); !cmp.Equal(got, []int{1, -1, 3}) {
		t.Errorf("results %v", got)
	}
	want := "cannot fetch bad\nhost function crash panicked: oops\nmain\n"
	if d := cmp.Diff(want, out.String()); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	// calling one with wrong arguments throws before suspending
	_, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { fetch(1, 2) }`)
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) || se.Class() != "java.lang.IllegalArgumentException" {
		t.Errorf("fetch(1, 2): %v", err)
	}
	if err := it.DefineSuspend("noCtx", func(s string) string { return s }); err == nil {
		t.Error("DefineSuspend accepted a function without a context")
	}
}

// TestSuspendingHostFunctionCancelled checks that cancelling the calling
// coroutine cancels the Go side's context and resumes the coroutine at
// once with CancellationException.
func TestSuspendingHostFunctionCancelled(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{VirtualTime: true})
	type ctxKey struct{}
	saw := make(chan error, 1)
	var value any
	it.DefineSuspend("block", func(ctx context.Context) error {
		value = ctx.Value(ctxKey{})
		<-ctx.Done()
		saw <- ctx.Err()
		return nil
	})
	ctx := context.WithValue(context.Background(), ctxKey{}, "request-7")
	_, err := it.Eval(ctx, `import kotlinx.coroutines.*
runBlocking {
    val job = launch(start = CoroutineStart.UNDISPATCHED) {
        try { block() } finally { println("finally, cancelled: ${!isActive}") }
    }
    job.cancelAndJoin()
    println("joined")
}`)
	if err != nil {
		t.Fatal(err)
	}
	if e := <-saw; e != context.Canceled {
		t.Errorf("the Go side saw %v", e)
	}
	if value != "request-7" {
		t.Errorf("the Go side's context value = %v", value)
	}
	if got := out.String(); got != "finally, cancelled: true\njoined\n" {
		t.Errorf("output %q", got)
	}
}

// TestHostCancellation cancels the context of a run while the script
// waits: it sees CancellationException, its finally blocks run, and the
// run returns context.Canceled.
func TestHostCancellation(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	entered := make(chan struct{}, 1)
	it.DefineSuspend("waitHost", func(ctx context.Context) error {
		entered <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	})
	for _, tc := range []struct{ name, src, want string }{
		{"Eval", `import kotlinx.coroutines.*
runBlocking {
    launch { try { delay(Long.MAX_VALUE) } finally { println("child finally") } }
    try { waitHost() } catch (e: CancellationException) { println("caught ${e::class.simpleName}") } finally { println("finally") }
    println("still running")
    delay(10)
    println("not reached")
}`, "child finally\ncaught JobCancellationException\nfinally\nstill running\n"},
		{"GlobalScope", `import kotlinx.coroutines.*
val worker = GlobalScope.launch { try { waitHost() } finally { println("global finally") } }
runBlocking {
    try { worker.join() } finally { withContext(NonCancellable) { worker.join(); println("joined") } }
}`, "global finally\njoined\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out.Reset()
			ctx, cancel := context.WithCancel(context.Background())
			go func() {
				<-entered
				cancel()
			}()
			_, err := it.Eval(ctx, tc.src)
			if err != context.Canceled {
				t.Errorf("Eval = %v, want context.Canceled", err)
			}
			if got := out.String(); got != tc.want {
				t.Errorf("output %q, want %q", got, tc.want)
			}
			checkUsable(t, it)
		})
	}
	// a context cancelled before the run starts stops nothing but it
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := it.Eval(ctx, `println("ran")`); err != context.Canceled {
		t.Errorf("Eval with a cancelled context = %v", err)
	}
	if strings.Contains(out.String(), "ran") {
		t.Error("the script ran with a cancelled context")
	}
}

// TestHostCancellationUncooperative cancels a script that never
// suspends: after the grace period it is stopped anyway.
func TestHostCancellationUncooperative(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{CancelGrace: time.Millisecond})
	for _, src := range []string{
		`cancelHost()
while (true) { }`,
		`import kotlinx.coroutines.*
cancelHost()
runBlocking { while (true) { try { yield() } catch (e: CancellationException) { } } }`,
	} {
		ctx, cancel := context.WithCancel(context.Background())
		it.Define("cancelHost", func() { cancel() })
		_, err := it.Eval(ctx, src)
		if err != context.Canceled {
			t.Errorf("Eval = %v, want context.Canceled", err)
		}
		checkUsable(t, it)
	}
	// a deadline
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := it.Eval(ctx, `while (true) { }`); err != context.DeadlineExceeded {
		t.Errorf("Eval = %v, want context.DeadlineExceeded", err)
	}
}

func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limits ktcoro.Limits
		src    string
		want   string // the LimitError's Limit, or an exception class
	}{
		{"steps", ktcoro.Limits{MaxSteps: 100_000}, `var i = 0
while (true) { try { i++ } catch (e: Throwable) { } finally { i++ } }`, ktcoro.LimitSteps},
		{"steps in workers", ktcoro.Limits{MaxSteps: 100_000}, `import kotlinx.coroutines.*
runBlocking { repeat(4) { launch(Dispatchers.Default) { while (true) { } } } }`, ktcoro.LimitSteps},
		{"steps in recursion", ktcoro.Limits{MaxSteps: 100_000}, `fun f(n: Int): Int = if (n < 0) 0 else f(n - 1) + f(n - 2)
f(100)`, ktcoro.LimitSteps},
		{"wall time", ktcoro.Limits{MaxWallTime: 20 * time.Millisecond}, `while (true) { }`, ktcoro.LimitWallTime},
		{"wall time suspended", ktcoro.Limits{MaxWallTime: 20 * time.Millisecond}, `import kotlinx.coroutines.*
runBlocking { try { delay(1_000_000) } finally { println("finally") } }`, ktcoro.LimitWallTime},
		{"coroutines", ktcoro.Limits{MaxCoroutines: 50}, `import kotlinx.coroutines.*
runBlocking { repeat(1000) { try { launch { delay(1_000_000) } } catch (e: Throwable) { println("caught") } } }`, ktcoro.LimitCoroutines},
		{"depth", ktcoro.Limits{MaxDepth: 100}, `fun down(n: Int): Int = down(n + 1) + 1
down(0)`, "java.lang.StackOverflowError"},
		{"alloc", ktcoro.Limits{MaxAlloc: 1 << 20}, `IntArray(10_000_000).size`, "java.lang.OutOfMemoryError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, out := newTest(t, ktcoro.Options{Limits: tc.limits}) // real time: delays wait
			_, err := it.Eval(context.Background(), tc.src)
			var le *ktcoro.LimitError
			var se *ktcoro.ScriptError
			switch {
			case errors.As(err, &le):
				if le.Limit != tc.want {
					t.Errorf("limit %q, want %q", le.Limit, tc.want)
				}
			case errors.As(err, &se):
				if se.Class() != tc.want {
					t.Errorf("exception %s, want %s", se.Class(), tc.want)
				}
			default:
				t.Fatalf("Eval = %v, want the %s limit", err, tc.want)
			}
			if strings.Contains(out.String(), "caught") {
				t.Errorf("the script caught the limit:\n%s", out.String())
			}
			checkUsable(t, it)
		})
	}
	// a limit that is not reached changes nothing
	it, _ := newTest(t, ktcoro.Options{VirtualTime: true, Limits: ktcoro.Limits{MaxSteps: 10_000_000, MaxCoroutines: 200, MaxWallTime: time.Hour}})
	v := mustEval(t, it, `import kotlinx.coroutines.*
runBlocking { (1..100).map { k -> async { delay(k * 10L); k } }.awaitAll().sum() }`)
	if v.AsInt() != 5050 {
		t.Errorf("sum = %v", v)
	}
}

// TestDeadlock: a run waiting for something that can no longer happen
// returns an error (with the dump of the coroutines) instead of hanging.
func TestDeadlock(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{VirtualTime: true})
	_, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { CompletableDeferred<Int>().await() }`)
	if err == nil || !strings.Contains(err.Error(), "deadlock") {
		t.Errorf("Eval = %v, want a deadlock", err)
	}
	checkUsable(t, it)
	mustEval(t, it, `import kotlinx.coroutines.*
suspend fun never(): Int { val d = CompletableDeferred<Int>(); try { return d.await() } finally { println("never's finally") } }`)
	_, err = it.Call(context.Background(), "never")
	var dl *ktcoro.DeadlockError
	if !errors.As(err, &dl) {
		t.Errorf("Call = %v (%T), want a *ktcoro.DeadlockError", err, err)
	}
	checkUsable(t, it)
}

func TestInterrupt(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	it.Define("interruptMe", func() { go it.Interrupt() })
	for _, src := range []string{
		`interruptMe()
while (true) { try { } catch (e: Throwable) { println("caught") } }`,
		`import kotlinx.coroutines.*
runBlocking { launch(Dispatchers.Default) { interruptMe(); while (true) { } }; delay(Long.MAX_VALUE) }`,
	} {
		if _, err := it.Eval(context.Background(), src); err != ktcoro.ErrInterrupted {
			t.Errorf("Eval = %v, want ErrInterrupted", err)
		}
		checkUsable(t, it)
	}
	if strings.Contains(out.String(), "caught") {
		t.Error("the script caught the interrupt")
	}
	it.Interrupt() // no run: nothing happens
	checkUsable(t, it)
}

// TestNoAmbientAuthority checks that scripts reach no file, network,
// process or environment by themselves.
func TestNoAmbientAuthority(t *testing.T) {
	t.Setenv("KTCORO_SECRET", "s3cret")
	it, _ := newTest(t, ktcoro.Options{})
	v := mustEval(t, it, `listOf(System.getenv("KTCORO_SECRET"), System.getenv("HOME"), readLine())`)
	if got := as[[]any](t, v); !cmp.Equal(got, []any{nil, nil, nil}) {
		t.Errorf("getenv/readLine = %v", got)
	}
	for _, src := range []string{
		`java.io.File("/etc/passwd").readText()`,
		`File("/etc/passwd").readText()`,
		`Runtime.getRuntime().exec("ls")`,
		`ProcessBuilder("ls").start()`,
		`java.net.URL("http://example.com").readText()`,
		`exitProcess(3)`,
		`System.exit(3)`,
	} {
		if _, err := it.Eval(context.Background(), src); err == nil {
			t.Errorf("%s: no error", src)
		}
	}
	// the host's own stdin is passed only when the host says so
	it2, _ := newTest(t, ktcoro.Options{Stdin: strings.NewReader("typed\n")})
	if v := mustEval(t, it2, `readLine()`); v.AsString() != "typed" {
		t.Errorf("readLine = %v", v)
	}
}

func TestTickDispatcher(t *testing.T) {
	ui := sched.NewTickDispatcher("UI")
	it, out := newTest(t, ktcoro.Options{VirtualTime: true, Debug: true, Dispatchers: map[string]sched.Dispatcher{"UI": ui}})
	done := make(chan struct{})
	ticked := make(chan int, 100)
	go func() {
		for {
			select {
			case <-ui.Ready():
				ticked <- ui.Tick()
			case <-done:
				return
			}
		}
	}()
	defer close(done)
	mustEval(t, it, `import kotlinx.coroutines.*
runBlocking(CoroutineName("host")) {
    val jobs = (1..3).map { k ->
        launch(UI + CoroutineName("ui$k")) {
            println("$k on ${Thread.currentThread().name}")
            delay(10)
            println("$k again on ${Thread.currentThread().name}")
        }
    }
    jobs.joinAll()
    UI.close() // the script cannot close the host's dispatcher
    withContext(UI) { println("still on ${Thread.currentThread().name}") }
    println("back on ${Thread.currentThread().name}")
}`)
	want := `1 on UI @ui1#2
2 on UI @ui2#3
3 on UI @ui3#4
1 again on UI @ui1#2
2 again on UI @ui2#3
3 again on UI @ui3#4
still on UI @host#1
back on main @host#1
`
	if d := cmp.Diff(want, out.String()); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	if ui.Len() != 0 {
		t.Errorf("%d tasks left", ui.Len())
	}
}

// TestCompileOnceRunConcurrently runs one Program in several
// interpreters at the same time (run it with -race).
func TestCompileOnceRunConcurrently(t *testing.T) {
	src := `import kotlinx.coroutines.*
interface Shape { fun area(): Double }
data class Rect(val w: Double, val h: Double) : Shape { override fun area() = w * h }
object Registry { val shapes = mutableListOf<Shape>() }
enum class Color { RED, GREEN }
fun main() = runBlocking {
    val listener = object : Shape { override fun area() = 0.0 }
    Registry.shapes += Rect(seed.toDouble(), 2.0)
    Registry.shapes += listener
    val areas = Registry.shapes.map { s -> async(Dispatchers.Default) { delay(5); s.area() } }.awaitAll()
    println("seed=$seed areas=$areas colors=${Color.values().toList()} lookup=${lookup(seed)}")
}`
	newInterp := func(out *testutil.LockedBuffer, seed int) *ktcoro.Interpreter {
		it, err := ktcoro.New(ktcoro.Options{Stdout: out, Stderr: out, VirtualTime: true})
		if err != nil {
			t.Error(err)
			return nil
		}
		it.Set("seed", seed)
		it.DefineSuspend("lookup", func(ctx context.Context, k int) int { return k * 10 })
		return it
	}
	var first testutil.LockedBuffer
	compiler := newInterp(&first, 0)
	defer compiler.Close()
	prog, err := compiler.Compile("shapes.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	outs := make([]testutil.LockedBuffer, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it := newInterp(&outs[i], i)
			defer it.Close()
			for range 2 {
				if err := it.Run(context.Background(), prog); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	for i := range n {
		line := fmt.Sprintf("seed=%d areas=[%d.0, 0.0] colors=[RED, GREEN] lookup=%d\n", i, 2*i, 10*i)
		want := line + line // each Run declares the program anew: a new Registry
		if got := outs[i].String(); got != want {
			t.Errorf("interpreter %d printed %q, want %q", i, got, want)
		}
	}
}

// TestSeparateInterpretersConcurrently runs interpreters side by side,
// each calling suspending host functions from many coroutines (run it
// with -race).
func TestSeparateInterpretersConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := &testutil.LockedBuffer{}
			it, err := ktcoro.New(ktcoro.Options{Stdout: out, Stderr: out})
			if err != nil {
				t.Error(err)
				return
			}
			defer it.Close()
			var mu sync.Mutex
			seen := map[int]bool{}
			it.DefineSuspend("work", func(ctx context.Context, k int) (int, error) {
				mu.Lock()
				seen[k] = true
				mu.Unlock()
				return k * k, nil
			})
			v, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking {
    (1..50).map { k -> async(Dispatchers.Default) { work(k) + work(k) } }.awaitAll().sum()
}`)
			if err != nil {
				t.Error(err)
				return
			}
			if got, want := v.AsInt(), int32(2*42925); got != want {
				t.Errorf("interpreter %d: sum %d, want %d", i, got, want)
			}
			if len(seen) != 50 {
				t.Errorf("interpreter %d: %d keys", i, len(seen))
			}
		}()
	}
	wg.Wait()
}

func TestClose(t *testing.T) {
	it, err := ktcoro.New(ktcoro.Options{})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	it.DefineSuspend("forever", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	errc := make(chan error, 1)
	go func() {
		_, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { forever() }`)
		errc <- err
	}()
	<-started
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != ktcoro.ErrInterrupted {
		t.Errorf("Eval during Close = %v", err)
	}
	if _, err := it.Eval(context.Background(), `1`); err != ktcoro.ErrClosed {
		t.Errorf("Eval after Close = %v", err)
	}
	if err := it.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

// BenchmarkSuspendingHostCall measures a script's call of a suspending
// Go function: suspend, a goroutine, resume on the event loop.
func BenchmarkSuspendingHostCall(b *testing.B) {
	it, err := ktcoro.New(ktcoro.Options{Stdout: &testutil.LockedBuffer{}})
	if err != nil {
		b.Fatal(err)
	}
	defer it.Close()
	it.DefineSuspend("echo", func(ctx context.Context, x int) int { return x })
	it.Set("n", b.N)
	b.ResetTimer()
	if _, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { var s = 0L; for (i in 1..n) s += echo(i); s }`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCall measures calling a script function from Go.
func BenchmarkCall(b *testing.B) {
	it, err := ktcoro.New(ktcoro.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer it.Close()
	if _, err := it.Eval(context.Background(), `fun add(a: Int, b: Int) = a + b`); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := it.Call(ctx, "add", i, 1); err != nil {
			b.Fatal(err)
		}
	}
}
