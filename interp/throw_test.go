package interp_test

import (
	"bytes"
	"strings"
	"testing"

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
