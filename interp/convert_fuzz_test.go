package interp_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
)

// fuzzValue builds a script value from bytes with a small stack machine:
// primitives, lists, arrays, sets, string-keyed maps, values pushed
// again (shared parts) and lists that contain an outer list (cycles).
func fuzzValue(prog []byte) interp.Value {
	var stack []interp.Value
	pop := func(n int) []interp.Value {
		n = min(n, len(stack))
		xs := append([]interp.Value(nil), stack[len(stack)-n:]...)
		stack = stack[:len(stack)-n]
		return xs
	}
	for i := 0; i < len(prog); i++ {
		op, arg := prog[i]%10, 0
		if i+1 < len(prog) {
			arg = int(prog[i+1])
		}
		switch op {
		case 0:
			stack = append(stack, interp.Int(int32(arg)-128))
			i++
		case 1:
			stack = append(stack, interp.String("s"+strconv.Itoa(arg)))
			i++
		case 2:
			stack = append(stack, interp.Obj(interp.NewList(pop(arg%6))))
			i++
		case 3:
			stack = append(stack, interp.Obj(interp.NewArray(pop(arg%6))))
			i++
		case 4: // share: push an earlier value again
			if len(stack) > 0 {
				stack = append(stack, stack[arg%len(stack)])
			}
			i++
		case 5: // a map with string keys
			m := interp.NewMap(interp.LinkedMapClass)
			for j, v := range pop(arg % 4) {
				_, _, _ = m.Put(nil, interp.String("k"+strconv.Itoa(j)), v)
			}
			stack = append(stack, interp.Obj(m))
			i++
		case 6: // a cycle: a list gets an earlier value (maybe itself) appended
			if len(stack) > 0 {
				if l, ok := stack[len(stack)-1].AsObject().(*interp.List); ok {
					l.Append(stack[arg%len(stack)])
				}
			}
			i++
		case 7:
			for _, v := range []interp.Value{interp.Null, interp.Double(1.5), interp.Bool(true), interp.Char('x'), interp.Long(1 << 40)} {
				if arg%5 == 0 {
					stack = append(stack, v)
				}
				arg /= 5
			}
			i++
		case 8: // a set of primitives
			m := interp.NewMap(interp.LinkedSetClass)
			for j := range arg % 4 {
				_, _, _ = m.Put(nil, interp.Int(int32(j)), interp.Unit)
			}
			stack = append(stack, interp.Obj(m))
			i++
		case 9: // a list of everything so far
			stack = append(stack, interp.Obj(interp.NewList(append([]interp.Value(nil), stack...))))
		}
		if len(stack) > 64 {
			stack = stack[len(stack)-64:]
		}
	}
	if len(stack) == 0 {
		return interp.Null
	}
	return stack[len(stack)-1]
}

type fuzzTarget struct {
	A int
	B []any
	C map[string]int
	D *fuzzTarget
}

// FuzzFromValue converts arbitrary script values (shared, cyclic, deep)
// to Go types: a conversion may fail, but must not panic, hang or grow
// without bound; what converts to any converts back with ToValue.
func FuzzFromValue(f *testing.F) {
	f.Add([]byte{0, 1, 0, 2, 2, 2})
	f.Add([]byte{0, 1, 2, 1, 4, 0, 4, 0, 2, 2, 4, 0, 4, 0, 2, 2, 4, 0, 4, 0, 2, 2})
	f.Add([]byte{0, 1, 2, 1, 6, 0})
	f.Add([]byte{1, 5, 0, 9, 5, 3, 8, 3, 7, 7, 3, 4})
	f.Add([]byte{0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
	// a smaller bound keeps the fuzzer fast; the bound itself is the same
	// code (TestFromValueShared in the root package tries the real one)
	f.Cleanup(interp.SetMaxConvertNodes(20_000))
	f.Fuzz(func(t *testing.T, prog []byte) {
		v := fuzzValue(prog)
		start := time.Now()
		var x any
		if err := interp.FromValue(v, &x); err == nil {
			if _, err := interp.ToValue(x); err != nil {
				t.Errorf("ToValue(FromValue(v)): %v", err)
			}
		}
		var xs [][]int
		_ = interp.FromValue(v, &xs)
		var m map[string]any
		_ = interp.FromValue(v, &m)
		var s fuzzTarget
		_ = interp.FromValue(v, &s)
		var arr [2]*[]string
		_ = interp.FromValue(v, &arr)
		_, _ = interp.ToGo(v)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("conversions took %v", d)
		}
	})
}
