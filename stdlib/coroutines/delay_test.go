package coroutines

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
)

// TestDelayTimerBusy: a coroutine's own delay timer is busy while the
// wake of an earlier suspension is still on its way (its timer fired, but
// a cancellation resumed the coroutine first). A delay meanwhile takes a
// timer of its own, and the late wake, when it arrives, resumes nothing.
// markStale and wakeStale stand in for that race, which a script cannot
// provoke deterministically.
func TestDelayTimerBusy(t *testing.T) {
	var out strings.Builder
	in := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard, VirtualTime: true})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	if err := Install(in); err != nil {
		t.Fatal(err)
	}
	defer Close(in)
	in.DefineFunc("markStale", func(co *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
		c := coroOf(co)
		c.set(fTbusy, true)
		c.tgen = c.wgen + 100 // a suspension long over
		return interp.Unit, nil
	})
	in.DefineFunc("wakeStale", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c := args[0].AsObject().(*Coro)
		(*coroWake)(c).Run(crtOf(co.Interp()).curTh)
		return interp.Bool(c.has(fTbusy)), nil
	})
	src := `import kotlinx.coroutines.*
fun main() = runBlocking {
    val a = launch {
        markStale()
        val t0 = System.currentTimeMillis()
        delay(1000)
        // the virtual clock flows with real time while anything runs: a
        // loaded machine may add a millisecond or two
        println("a woke after ${(System.currentTimeMillis() - t0) / 100 * 100} ms")
        delay(500)
        println("a woke again after ${(System.currentTimeMillis() - t0) / 100 * 100} ms")
    }
    delay(10)
    println("stale wake delivered, timer still busy: ${wakeStale(a)}")
    a.join()
}`
	p, err := in.Compile("busy.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := "stale wake delivered, timer still busy: false\na woke after 1000 ms\na woke again after 1500 ms\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
