package stdlib

import (
	"io"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
)

func newTestInterp(t testing.TB, out io.Writer) *interp.Interp {
	t.Helper()
	in := interp.New(interp.Options{Stdout: out, Stderr: io.Discard})
	if err := Install(in); err != nil {
		t.Fatalf("Install: %v", err)
	}
	return in
}

// TestPreludeLoads checks that the prelude compiles and that its
// definitions are visible to scripts.
func TestPreludeLoads(t *testing.T) {
	in := newTestInterp(t, io.Discard)
	for _, name := range []string{"repeat", "run", "with", "buildString", "List"} {
		if _, ok := in.Lookup(name); !ok {
			t.Errorf("prelude function %s is not defined", name)
		}
	}
	for _, name := range []string{"Pair", "Triple", "IndexedValue"} {
		if in.Type(name) == nil {
			t.Errorf("prelude class %s is not defined", name)
		}
	}
}

// TestPreludeCompileTime reports how long installing the library (natives
// plus the prelude) takes; hello-world must start in a few milliseconds.
func TestPreludeCompileTime(t *testing.T) {
	newTestInterp(t, io.Discard) // warm up (first use initialises the classes)
	const n = 20
	start := time.Now()
	var prelude time.Duration
	for i := 0; i < n; i++ {
		in := interp.New(interp.Options{Stdout: io.Discard})
		installIO(in)
		installLazy(in)
		installStrings(in)
		installNumbers(in)
		installMisc(in)
		installCollections(in)
		t0 := time.Now()
		if err := installPrelude(in); err != nil {
			t.Fatal(err)
		}
		prelude += time.Since(t0)
	}
	t.Logf("Install: %v per interpreter, prelude compile+run: %v", time.Since(start)/n, prelude/n)
}

func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newTestInterp(b, io.Discard)
	}
}
