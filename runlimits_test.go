package ktcoro_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
)

// deepSrc recurses 1,000 calls deep; probeSrc allocates 40 MB at once.
const (
	deepSrc  = "fun deep(n: Int): Int = if (n == 0) 0 else deep(n - 1) + 1\ndeep(1000)"
	probeSrc = "IntArray(10_000_000).size"
)

// evalClass runs src with the run options opts and returns its value, or
// the class of the exception it threw.
func evalClass(t *testing.T, it *ktcoro.Interpreter, src string, opts ktcoro.RunOptions) string {
	t.Helper()
	v, err := it.EvalWith(context.Background(), src, opts)
	var se *ktcoro.ScriptError
	switch {
	case err == nil:
		return v.String()
	case errors.As(err, &se):
		return se.Class()
	}
	t.Fatalf("EvalWith(%q) = %v", src, err)
	return ""
}

// MaxDepth and MaxAlloc change per run too; zero keeps the
// Interpreter's, and the Interpreter's apply again after the run,
// however it ended.
func TestRunLimitsDepthAndAlloc(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	plain := ktcoro.RunOptions{}
	tight := ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxDepth: 200, MaxAlloc: 1 << 20}}
	mustEval(t, it, "fun deep(n: Int): Int = if (n == 0) 0 else deep(n - 1) + 1")
	for _, step := range []struct {
		name string
		src  string
		opts ktcoro.RunOptions
		want string
	}{
		{"plain depth", deepSrc, plain, "1000"},
		{"plain alloc", probeSrc, plain, "10000000"},
		{"tight depth", deepSrc, tight, "java.lang.StackOverflowError"},
		{"after a failed run: depth", deepSrc, plain, "1000"},
		{"tight alloc", probeSrc, tight, "java.lang.OutOfMemoryError"},
		{"after a failed run: alloc", probeSrc, plain, "10000000"},
		{"tight, caught", "try { deep(1000) } catch (e: StackOverflowError) { -1 }", tight, "-1"},
		{"after a successful run", deepSrc, plain, "1000"},
		// a run may loosen them as well
		{"loose depth", "deep(20_000)", ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxDepth: 30_000}}, "20000"},
		{"after a loose run", "deep(20_000)", plain, "java.lang.StackOverflowError"},
	} {
		if got := evalClass(t, it, step.src, step.opts); got != step.want {
			t.Errorf("%s: %s", step.name, got)
		}
	}

	// zero MaxDepth and MaxAlloc in RunOptions are the Interpreter's, not
	// the defaults; the other zero fields are no limit
	it, _ = newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxDepth: 200, MaxAlloc: 1 << 20, MaxSteps: 1000}})
	mustEval(t, it, "fun deep(n: Int): Int = if (n == 0) 0 else deep(n - 1) + 1")
	zero := ktcoro.RunOptions{Limits: &ktcoro.Limits{}}
	if got := evalClass(t, it, deepSrc, zero); got != "java.lang.StackOverflowError" {
		t.Errorf("zero MaxDepth: %s", got)
	}
	if got := evalClass(t, it, probeSrc, zero); got != "java.lang.OutOfMemoryError" {
		t.Errorf("zero MaxAlloc: %s", got)
	}
	if got := evalClass(t, it, "var s = 0\nfor (i in 1..100_000) s += i\ns", zero); got != "705082704" {
		t.Errorf("zero MaxSteps: %s", got)
	}
	loose := ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxDepth: 2000, MaxAlloc: 1 << 29}}
	if got := evalClass(t, it, deepSrc+"\n"+probeSrc, loose); got != "10000000" {
		t.Errorf("a looser run: %s", got)
	}
	if got := evalClass(t, it, "deep(150)", plain); got != "150" {
		t.Errorf("the Interpreter's limits: %s", got)
	}
	if got := evalClass(t, it, deepSrc, plain); got != "java.lang.StackOverflowError" {
		t.Errorf("the Interpreter's limits after a looser run: %s", got)
	}
}

// A run that stops on a limit, or that panics before it is published,
// leaves the Interpreter's limits in place.
func TestRunLimitsRestoredAfterStopAndPanic(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	mustEval(t, it, "fun deep(n: Int): Int = if (n == 0) 0 else deep(n - 1) + 1")
	tight := &ktcoro.Limits{MaxDepth: 50, MaxAlloc: 1 << 10, MaxSteps: 10_000}
	_, err := it.EvalWith(context.Background(), "while (true) { }", ktcoro.RunOptions{Limits: tight})
	var le *ktcoro.LimitError
	if !errors.As(err, &le) || le.Limit != ktcoro.LimitSteps {
		t.Fatalf("the tight run: %v", err)
	}
	if got := evalClass(t, it, deepSrc+"\n"+probeSrc, ktcoro.RunOptions{}); got != "10000000" {
		t.Errorf("after a stopped run: %s", got)
	}
	ktcoro.SetBeginHook(func() { panic("entry point bug") })
	_, err = it.EvalWith(context.Background(), "1", ktcoro.RunOptions{Limits: tight})
	ktcoro.SetBeginHook(nil)
	var se *ktcoro.ScriptError
	if !errors.As(err, &se) || se.Class() != "java.lang.InternalError" {
		t.Fatalf("a panic in EvalWith = %v", err)
	}
	if got := evalClass(t, it, deepSrc+"\n"+probeSrc, ktcoro.RunOptions{}); got != "10000000" {
		t.Errorf("after a panicking run: %s", got)
	}
	prog, err := it.Compile("p.kc", []byte("fun main() { println(IntArray(10_000_000).size) }"))
	if err != nil {
		t.Fatal(err)
	}
	var se2 *ktcoro.ScriptError
	if err := it.RunWith(context.Background(), prog, ktcoro.RunOptions{Limits: tight}); !errors.As(err, &se2) || se2.Class() != "java.lang.OutOfMemoryError" {
		t.Errorf("RunWith a tight MaxAlloc = %v", err)
	}
	if err := it.Run(context.Background(), prog); err != nil {
		t.Errorf("Run after it = %v", err)
	}
}

// Each limit's LimitError names the limit and where the script was.
func TestLimitErrorPosition(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limits ktcoro.Limits
		src    string
		limit  string
		line   int // 0: no position
		text   string
	}{
		{"steps", ktcoro.Limits{MaxSteps: 100_000}, `fun main() {
    var n = 0
    while (true) { n++ }
}`, ktcoro.LimitSteps, 3, "ktcoro: step limit exceeded (100000 steps) at lim.kc:3"},
		{"memory by a built-in", ktcoro.Limits{MaxMemory: 32 << 20}, `fun main() {
    val l = ArrayList<Any>()
    while (true) {
        l.add(IntArray(1_000_000))
    }
}`, ktcoro.LimitMemory, 4, "ktcoro: memory limit exceeded (33554432 bytes) at lim.kc:4"},
		{"memory by script code", ktcoro.Limits{MaxMemory: 16 << 20}, `class Node(val next: Node?)
fun main() {
    var n: Node? = null
    while (true) { n = Node(n) }
}`, ktcoro.LimitMemory, 4, "ktcoro: memory limit exceeded (16777216 bytes) at lim.kc:4"},
		{"coroutines", ktcoro.Limits{MaxCoroutines: 10}, `import kotlinx.coroutines.*
fun main() = runBlocking {
    repeat(100) {
        launch { delay(100_000) }
    }
}`, ktcoro.LimitCoroutines, 4, "ktcoro: coroutine limit exceeded (10 live coroutines) at lim.kc:4"},
		{"coroutines by async in a function", ktcoro.Limits{MaxCoroutines: 10}, `import kotlinx.coroutines.*
fun CoroutineScope.spawn(k: Int) =
    async { delay(100_000); k }
fun main() = runBlocking {
    repeat(100) { spawn(it) }
}`, ktcoro.LimitCoroutines, 3, "ktcoro: coroutine limit exceeded (10 live coroutines) at lim.kc:3"},
		{"wall time in script code", ktcoro.Limits{MaxWallTime: 20 * time.Millisecond}, `fun main() {
    while (true) { }
}`, ktcoro.LimitWallTime, 2, "ktcoro: wall time limit exceeded (20ms) at lim.kc:2"},
		// every coroutine waits: no script code runs, no position
		{"wall time while waiting", ktcoro.Limits{MaxWallTime: 20 * time.Millisecond}, `import kotlinx.coroutines.*
fun main() = runBlocking {
    delay(100_000)
}`, ktcoro.LimitWallTime, 0, "ktcoro: wall time limit exceeded (20ms)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, _ := newTest(t, ktcoro.Options{})
			prog, err := it.Compile("lim.kc", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			// the same limits per run and per Interpreter
			for _, how := range []string{"RunWith", "Options"} {
				var err error
				if how == "RunWith" {
					err = it.RunWith(ctx, prog, ktcoro.RunOptions{Limits: &tc.limits})
				} else {
					it2, _ := newTest(t, ktcoro.Options{Limits: tc.limits})
					err = it2.Run(ctx, prog)
				}
				var le *ktcoro.LimitError
				if !errors.As(err, &le) {
					t.Fatalf("%s: %v, want a LimitError", how, err)
				}
				wantFile := "lim.kc"
				if tc.line == 0 {
					wantFile = ""
				}
				if le.Limit != tc.limit || le.File != wantFile || le.Line != tc.line || le.Error() != tc.text {
					t.Errorf("%s: %q %q %q %d, want %q at %q %d: %q", how, le.Limit, le.Detail, le.File, le.Line,
						tc.limit, wantFile, tc.line, tc.text)
				}
			}
			checkUsable(t, it)
		})
	}
}

// Error names the limit, and the position only when there is one.
func TestLimitErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  ktcoro.LimitError
		want string
	}{
		{ktcoro.LimitError{Limit: ktcoro.LimitMemory, Detail: "1024 bytes", File: "a.kc", Line: 7}, "ktcoro: memory limit exceeded (1024 bytes) at a.kc:7"},
		{ktcoro.LimitError{Limit: ktcoro.LimitCoroutines, Detail: "5 live coroutines"}, "ktcoro: coroutine limit exceeded (5 live coroutines)"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}
