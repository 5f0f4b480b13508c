package interp_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
)

// TestNativeThrow: a native returning interp.Throw throws that class.
func TestNativeThrow(t *testing.T) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out})
	in.DefineFunc("say", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		out.WriteString(args[0].AsString())
		return interp.Unit, nil
	})
	in.DefineFunc("disk", func(co *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Null, interp.Throw("java.io.IOException", "disk %d", 1)
	})
	p, err := in.Compile("t.kc", []byte(`fun main() {
    try { disk() } catch (e: java.io.IOException) { say("caught " + e.message) }
}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "caught disk 1" {
		t.Errorf("got %q", got)
	}
}

// A break or continue in a lambda that a script keeps and runs after its
// loop has ended (Kotlin only allows them in inline lambdas) throws
// instead of jumping into whatever the loop's frame runs then: it used to
// jump back to the call after the loop, again and again.
func TestNonLocalJumpOutlivedLoop(t *testing.T) {
	in, out := newConvInterp(t)
	src := `fun later(f: () -> Unit): () -> Unit = f
fun main() {
    var saved: (() -> Unit)? = null
    for (i in 1..3) {
        saved = later { if (i == 3) break }
    }
    try { saved?.invoke() } catch (e: IllegalStateException) { println(e.message) }
    for (i in 1..2) { listOf(1).forEach { if (i == 1) continue } ; println("after $i") }
}`
	p, err := in.Compile("jump.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Run(p) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		in.Interrupt()
		t.Fatal("the jump did not end")
	}
	want := "non-local break or continue from a lambda that outlived its loop\nafter 2\n"
	if got := out.String(); got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}
