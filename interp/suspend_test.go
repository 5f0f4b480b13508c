package interp_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// suspendHarness is an interpreter with a test-only native `pause(x)` that
// suspends the calling coroutine; the test resumes it later.
type suspendHarness struct {
	in      *interp.Interp
	out     bytes.Buffer
	pending []*interp.Coroutine
	args    []interp.Value
}

func newSuspendHarness(t *testing.T) *suspendHarness {
	t.Helper()
	h := &suspendHarness{}
	h.in = interp.New(interp.Options{Stdout: &h.out, Stderr: &h.out})
	if err := stdlib.Install(h.in); err != nil {
		t.Fatal(err)
	}
	if err := coroutines.Install(h.in); err != nil {
		t.Fatal(err)
	}
	n := h.in.DefineFunc("pause", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if err := co.Suspend(); err != nil {
			return interp.Null, err
		}
		h.pending = append(h.pending, co)
		h.args = append(h.args, args[0])
		return interp.Null, interp.ErrSuspend
	})
	n.Suspend = true
	return h
}

func (h *suspendHarness) start(t *testing.T, src string) *interp.Coroutine {
	t.Helper()
	p, err := h.in.Compile("suspend.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.in.Run(p); err != nil {
		t.Fatal(err)
	}
	fn, ok := h.in.Lookup("entry")
	if !ok {
		t.Fatal("no entry function")
	}
	co, err := h.in.NewCoroutine(fn)
	if err != nil {
		t.Fatal(err)
	}
	return co
}

// next takes the one pending suspension and checks the argument it got.
func (h *suspendHarness) next(t *testing.T, co *interp.Coroutine, wantArg string) {
	t.Helper()
	if len(h.pending) != 1 || h.pending[0] != co {
		t.Fatalf("want exactly one suspension of the coroutine, have %d", len(h.pending))
	}
	if got := h.args[0].AsString(); got != wantArg {
		t.Fatalf("pause got %q, want %q", got, wantArg)
	}
	h.pending, h.args = nil, nil
}

const suspendScript = `
suspend fun leaf(tag: String, n: Int): Int {
    val got = pause("$tag:$n")
    return got as Int + n
}

suspend fun middle(xs: List<Int>): Int {
    var total = 0
    xs.forEach { x ->
        total += leaf("forEach", x)
    }
    repeat(2) { i ->
        total += leaf("repeat", i)
    }
    val mapped = xs.map { x -> leaf("map", x) * 10 }
    println("mapped=$mapped")
    return total
}

suspend fun entry(): String {
    val local = "kept"
    val r = try {
        middle(listOf(1, 2))
    } catch (e: IllegalStateException) {
        println("caught ${e.message} with $local")
        -1
    }
    val again = leaf("after", 7)
    return "r=$r again=$again local=$local"
}
`

// TestSuspendResumeNested proves that a native can suspend in the middle
// of nested script calls, including inside lambdas run by prelude
// functions (forEach, repeat, map), and that the coroutine resumes there
// with a value, its frames and locals intact, all on the test goroutine.
func TestSuspendResumeNested(t *testing.T) {
	h := newSuspendHarness(t)
	co := h.start(t, suspendScript)
	steps := []struct {
		arg   string
		value int32
	}{
		{"forEach:1", 100}, {"forEach:2", 200},
		{"repeat:0", 1}, {"repeat:1", 2},
		{"map:1", 5}, {"map:2", 6},
		{"after:7", 1000},
	}
	if st := co.Run(); st != interp.Suspended {
		t.Fatalf("first run: status %v, want Suspended", st)
	}
	for i, s := range steps {
		h.next(t, co, s.arg)
		co.Resume(interp.Int(s.value))
		st := co.Run()
		if i < len(steps)-1 && st != interp.Suspended {
			t.Fatalf("step %d: status %v, want Suspended (err %v)", i, st, co.Err())
		}
		if i == len(steps)-1 && st != interp.Done {
			t.Fatalf("last step: status %v, want Done (err %v)", st, co.Err())
		}
	}
	// forEach: 101 + 202, repeat: 1 + 3 -> 307
	want := "r=307 again=1007 local=kept"
	if diff := cmp.Diff(want, co.Result().AsString()); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	h.in.Flush()
	if diff := cmp.Diff("mapped=[60, 80]\n", h.out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// TestSuspendResumeWithException resumes a suspended call with an
// exception: it propagates through the forEach lambda and the prelude
// frames to the script's try/catch, and the coroutine goes on.
func TestSuspendResumeWithException(t *testing.T) {
	h := newSuspendHarness(t)
	co := h.start(t, suspendScript)
	if st := co.Run(); st != interp.Suspended {
		t.Fatalf("status %v, want Suspended", st)
	}
	h.next(t, co, "forEach:1")
	co.ResumeWithException(h.in.NewError("java.lang.IllegalStateException", "boom"))
	if st := co.Run(); st != interp.Suspended {
		t.Fatalf("status %v, want Suspended (err %v)", st, co.Err())
	}
	h.next(t, co, "after:7")
	co.Resume(interp.Int(3))
	if st := co.Run(); st != interp.Done {
		t.Fatalf("status %v, want Done (err %v)", st, co.Err())
	}
	if diff := cmp.Diff("r=-1 again=10 local=kept", co.Result().AsString()); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	h.in.Flush()
	if diff := cmp.Diff("caught boom with kept\n", h.out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// TestSuspendUncaught resumes with an exception nobody catches: the
// coroutine fails with it.
func TestSuspendUncaught(t *testing.T) {
	h := newSuspendHarness(t)
	co := h.start(t, `suspend fun entry(): Int = pause("x") as Int`)
	if st := co.Run(); st != interp.Suspended {
		t.Fatalf("status %v", st)
	}
	h.next(t, co, "x")
	co.ResumeWithException(h.in.NewError("java.io.IOException", "gone"))
	if st := co.Run(); st != interp.Failed {
		t.Fatalf("status %v, want Failed", st)
	}
	var exc *interp.Exception
	if !errors.As(co.Err(), &exc) || exc.Error() != "java.io.IOException: gone" {
		t.Fatalf("err = %v", co.Err())
	}
}

// TestSuspendInsideNonInlineCall checks that suspending inside a lambda a
// Go native calls directly is a script error, not a crash.
func TestSuspendInsideNonInlineCall(t *testing.T) {
	h := newSuspendHarness(t)
	h.in.DefineFunc("callNow", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return co.CallSync(args[0])
	})
	co := h.start(t, `suspend fun entry(): String = try { callNow { pause("no") }; "ran" } catch (e: IllegalStateException) { "refused" }`)
	if st := co.Run(); st != interp.Done {
		t.Fatalf("status %v, want Done (err %v)", st, co.Err())
	}
	if got := co.Result().AsString(); got != "refused" {
		t.Fatalf("result %q", got)
	}
	if len(h.pending) != 0 {
		t.Fatalf("a suspension escaped: %d pending", len(h.pending))
	}
}
