package ktcoro_test

import (
	"context"
	"runtime"
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
