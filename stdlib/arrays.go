package stdlib

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of arrays (Array, IntArray, CharArray,
// ...): size, get/set, contentToString, contentEquals, copyOf,
// sortedArray, reversedArray and clone.

func initArrayMethods() {
	for _, c := range kArrayClasses {
		c.AddProp("size", kSizeProp)
		kMethod(c, "get", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			i, err := kListIndex(co, l, args[0])
			if err != nil {
				return kNull, err
			}
			return l.Elems[i], nil
		})
		kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			i, err := kListIndex(co, l, args[0])
			if err != nil {
				return kNull, err
			}
			l.Elems[i] = kConvertTo(args[1], kElemKindOf(l.Class()))
			return interp.Unit, nil
		})
		kMethod(c, "contentToString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			l := kAsList(this)
			if l == nil {
				return interp.String("null"), nil
			}
			s, err := kJoinValues(co, l.Elems)
			return interp.String(s), err
		})
		kMethod(c, "contentDeepToString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			s, err := kDeepString(co, this)
			return interp.String(s), err
		})
		kMethod(c, "contentEquals", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			a, b := kAsList(this), kAsList(args[0])
			if a == nil || b == nil {
				return interp.Bool(a == b), nil
			}
			if a.Len() != b.Len() {
				return interp.False, nil
			}
			for i := range a.Elems {
				eq, err := co.Equals(a.Elems[i], b.Elems[i])
				if err != nil || !eq {
					return interp.False, err
				}
			}
			return interp.True, nil
		})
		kMethod(c, "contentHashCode", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			h, err := co.HashCode(kListV(kAsList(this).Elems))
			return interp.Int(h), err
		})
		kMethod(c, "copyOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			n := l.Len()
			if len(args) > 0 {
				n = kToInt(args[0])
			}
			if n < 0 {
				return kNull, co.Errorf("java.lang.NegativeArraySizeException", "%d", n)
			}
			if err := co.CheckAlloc(n, 32); err != nil {
				return kNull, err
			}
			out := make([]kValue, n)
			z := kZeroOf(l.Class())
			for i := range out {
				if i < l.Len() {
					out[i] = l.Elems[i]
				} else {
					out[i] = z
				}
				if err := tickAt(co, i); err != nil {
					return kNull, err
				}
			}
			return interp.Obj(interp.NewTypedArray(l.Class(), out)), nil
		})
		kMethod(c, "copyOfRange", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			from, to := kToInt(args[0]), kToInt(args[1])
			if from < 0 || to > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "toIndex (%d) is greater than size (%d).", to, l.Len())
			}
			if from > to {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "fromIndex (%d) is greater than toIndex (%d).", from, to)
			}
			return interp.Obj(interp.NewTypedArray(l.Class(), append([]kValue{}, l.Elems[from:to]...))), nil
		})
		kMethod(c, "sortedArray", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			err := kSortValues(co, xs)
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), err
		})
		kMethod(c, "sortedArrayDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			err := kSortWith(co, xs, kReverseCmp(kNatural(co)))
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), err
		})
		kMethod(c, "reversedArray", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			slices.Reverse(xs)
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), nil
		})
		kMethod(c, "clone", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			return interp.Obj(interp.NewTypedArray(l.Class(), l.Snapshot())), nil
		})
	}
}

func kJoinValues(co *kCoro, xs []kValue) (string, error) {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := co.ToString(x)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String(), nil
}

func kDeepString(co *kCoro, v kValue) (string, error) {
	l := kAsList(v)
	if l == nil || !kIsArray(l) {
		return co.ToString(v)
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range l.Elems {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := kDeepString(co, x)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String(), nil
}
