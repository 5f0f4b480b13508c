package ktcoro_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro"
)

// A redeclared global lets go of its old value unless code still refers to it.
func TestRedeclaredGlobalReleased(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	mustEval(t, it, `val kept = IntArray(10) { it }
fun readKept() = kept[9]
val d = IntArray(1000)
d.size`)
	mustEval(t, it, `val kept = IntArray(1)`) // the old one stays: readKept reads it
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for range 2000 {
		mustEval(t, it, `val d = IntArray(1000)
d[0] = d.size
d[0]`)
	}
	grown := int64(heap()) - int64(before)
	t.Logf("heap grew by %d bytes (%d per Eval)", grown, grown/2000)
	if grown > 2000*1000 { // 2,000 × 4 KB would be 8 MB
		t.Errorf("2,000 redeclarations of an IntArray(1000) kept %d bytes", grown)
	}
	if v, err := it.Call(context.Background(), "readKept"); err != nil || v.AsInt() != 9 {
		t.Errorf("readKept() = %v, %v", v, err)
	}
	if v := mustEval(t, it, `d.size + kept.size`); v.AsInt() != 1001 {
		t.Errorf("d.size + kept.size = %v", v)
	}
}

// A program that does not compile leaves nothing behind: its function,
// class, property and extension are not declared, and what it meant to
// redeclare keeps its old meaning.
func TestFailedCompileLeavesNothing(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{})
	mustEval(t, it, `fun c() = 1
val kept = 5`)
	_, err := it.Eval(context.Background(), `fun c() = undefinedName
fun d() = 2
class K
fun Int.twice() = this * 2
val kept = "replaced"
val fresh = 3`)
	if err == nil {
		t.Fatal("the program compiled")
	}
	if v := mustEval(t, it, `c() + kept`); v.AsInt() != 6 {
		t.Errorf("c() + kept = %v, want 6 (the old declarations)", v)
	}
	for _, name := range []string{"d", "fresh"} {
		if _, err := it.Get(name); !errors.Is(err, ktcoro.ErrNoGlobal) {
			t.Errorf("Get(%s) = %v, want ErrNoGlobal", name, err)
		}
	}
	for _, src := range []string{"K()", "3.twice()"} {
		if _, err := it.Eval(context.Background(), src); err == nil || !strings.Contains(strings.ToLower(err.Error()), "unresolved reference") {
			t.Errorf("%s: %v, want unresolved reference", src, err)
		}
	}
	mustEval(t, it, `fun d() = 2
val fresh = d() + 1`) // the names are free to declare
	if v := mustEval(t, it, `fresh`); v.AsInt() != 3 {
		t.Errorf("fresh = %v", v)
	}
}
