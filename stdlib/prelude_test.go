package stdlib

import (
	"io"
	"strings"
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

// TestPreludeLoads checks that the prelude compiles as a whole and that
// its definitions are visible to scripts.
func TestPreludeLoads(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard})
	installNatives(in)
	installCollections(in)
	if err := installPrelude(in); err != nil {
		t.Fatal(err)
	}
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
		installNatives(in)
		installCollections(in)
		t0 := time.Now()
		if err := installPrelude(in); err != nil {
			t.Fatal(err)
		}
		prelude += time.Since(t0)
	}
	t.Logf("Install: %v per interpreter, prelude compile+run: %v", time.Since(start)/n, prelude/n)
}

// TestPreludeOnDemand checks that Install loads no prelude function a
// script does not use, loads the ones it uses (with what they use), and
// that later compilations in the same interpreter load more.
func TestPreludeOnDemand(t *testing.T) {
	var out strings.Builder
	in := newTestInterp(t, &out)
	if _, ok := in.Lookup("forEach"); ok {
		t.Fatal("forEach was loaded before any script used it")
	}
	if in.Type("Pair") != nil {
		t.Fatal("Pair was loaded before any script used it")
	}
	run := func(src string) {
		t.Helper()
		p, err := in.Compile("t.kc", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Run(p); err != nil {
			t.Fatal(err)
		}
	}
	run(`fun main() { repeat(2) { print(it) } }`)
	if _, ok := in.Lookup("repeat"); !ok {
		t.Error("repeat was not loaded for a script that calls it")
	}
	if _, ok := in.Lookup("groupBy"); ok {
		t.Error("groupBy was loaded although no script used it")
	}
	run(`fun main() { println(listOf(1, 2, 3).groupBy { it % 2 }) }`)
	// zip creates Pairs in Go: the natives load the class themselves
	run(`fun main() { println(listOf(1, 2).zip(listOf("a", "b"))) }`)
	in.Flush()
	if got, want := out.String(), "01{1=[1, 3], 0=[2]}\n[(1, a), (2, b)]\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}

func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newTestInterp(b, io.Discard)
	}
}

// TestAddPrelude checks that a prelude added by a library loads on demand
// with the standard library's (which it may use), that LoadPrelude loads
// all of both, and that AddPrelude needs the standard library.
func TestAddPrelude(t *testing.T) {
	var out strings.Builder
	in := newTestInterp(t, &out)
	src := []byte(`// a library's prelude
fun twice(block: () -> Unit) {
    repeat(2) { block() }
}
fun unused() = Triple(1, 2, 3)
`)
	if err := AddPrelude(in, "lib/prelude.kc", src); err != nil {
		t.Fatal(err)
	}
	p, err := in.Compile("t.kc", []byte(`fun main() { twice { print("x") } }`))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "xx" {
		t.Errorf("output %q, want %q", got, "xx")
	}
	if _, ok := in.Lookup("unused"); ok || in.Type("Triple") != nil {
		t.Error("unused or Triple was loaded although no script used them")
	}
	if err := LoadPrelude(in); err != nil {
		t.Fatal(err)
	}
	if _, ok := in.Lookup("unused"); !ok || in.Type("Triple") == nil {
		t.Error("LoadPrelude did not load unused and Triple")
	}
	if err := AddPrelude(interp.New(interp.Options{}), "lib/prelude.kc", src); err == nil {
		t.Error("AddPrelude succeeded without the standard library")
	}
}
