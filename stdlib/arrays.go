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
			l := kAsList(this)
			if l == nil {
				return interp.String("null"), nil
			}
			d := kDeepStringer{co: co, path: map[*interp.List]bool{}}
			if err := d.write(l); err != nil {
				return kNull, err
			}
			return interp.String(d.b.String()), nil
		})
		kMethod(c, "contentDeepEquals", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			eq, err := kDeepEquals(co, kAsList(this), kAsList(args[0]))
			return interp.Bool(eq), err
		})
		kMethod(c, "contentDeepHashCode", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			h, err := kDeepHash(co, kAsList(this))
			return interp.Int(h), err
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
				if err := co.WorkAt(i); err != nil {
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
	// ByteArray.decodeToString(): the bytes as UTF-8, malformed input
	// replaced by U+FFFD
	kMethod(interp.ByteArrayClass, "decodeToString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		l := kAsList(this)
		if err := co.CheckAlloc(l.Len(), 4); err != nil {
			return kNull, err
		}
		b := make([]byte, l.Len())
		for i, e := range l.Elems {
			b[i] = byte(e.AsUint64())
		}
		return interp.String(strings.ToValidUTF8(string(b), "\uFFFD")), nil
	})
}

// kJoinValues prints xs as AbstractCollection.toString does
// ("[a, b]"), polling and charging as it goes.
func kJoinValues(co *kCoro, xs []kValue) (string, error) {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if err := co.WorkAt(i); err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := co.ToString(x)
		if err != nil {
			return "", err
		}
		if err := writeChecked(co, &b, s); err != nil {
			return "", err
		}
	}
	b.WriteByte(']')
	return b.String(), nil
}

// kDeepStringer writes Array.contentDeepToString into one builder (so
// that deep nesting stays linear) as the JVM does: an array met again
// on the path from the top prints as "[...]"; the depth and the size are
// bounded like every walk (see interp.Coroutine.EnterNested).
type kDeepStringer struct {
	co   *kCoro
	b    strings.Builder
	path map[*interp.List]bool
}

func (d *kDeepStringer) write(l *interp.List) error {
	if d.path[l] {
		d.b.WriteString("[...]")
		return nil
	}
	if err := d.co.EnterNested(); err != nil {
		return err
	}
	defer d.co.LeaveNested()
	d.path[l] = true
	defer delete(d.path, l)
	d.b.WriteByte('[')
	for i, x := range l.Elems {
		if i > 0 {
			d.b.WriteString(", ")
		}
		if e := kAsList(x); e != nil && kIsArray(e) {
			if err := d.write(e); err != nil {
				return err
			}
		} else {
			s, err := d.co.ToString(x)
			if err != nil {
				return err
			}
			d.b.WriteString(s)
		}
		if err := d.co.CheckAlloc(d.b.Len(), 4); err != nil {
			return err
		}
	}
	d.b.WriteByte(']')
	return nil
}

// kDeepEquals is Array.contentDeepEquals: nested arrays compare by
// content, other elements with ==.
func kDeepEquals(co *kCoro, a, b *interp.List) (bool, error) {
	if a == b {
		return true, nil
	}
	if a == nil || b == nil || a.Len() != b.Len() {
		return false, nil
	}
	if err := co.EnterNested(); err != nil {
		return false, err
	}
	defer co.LeaveNested()
	for i, x := range a.Elems {
		y := b.Elems[i]
		xl, yl := kAsList(x), kAsList(y)
		if xl != nil && yl != nil && kIsArray(xl) && kIsArray(yl) {
			if xl.Class() != yl.Class() { // IntArray vs Array: identity, so unequal
				return false, nil
			}
			eq, err := kDeepEquals(co, xl, yl)
			if err != nil || !eq {
				return false, err
			}
			continue
		}
		eq, err := co.Equals(x, y)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// kDeepHash is Array.contentDeepHashCode: nested arrays hash by content.
func kDeepHash(co *kCoro, l *interp.List) (int32, error) {
	if l == nil {
		return 0, nil
	}
	if err := co.EnterNested(); err != nil {
		return 0, err
	}
	defer co.LeaveNested()
	h := int32(1)
	for _, x := range l.Elems {
		var eh int32
		var err error
		if e := kAsList(x); e != nil && kIsArray(e) {
			eh, err = kDeepHash(co, e)
		} else {
			eh, err = co.HashCode(x)
		}
		if err != nil {
			return 0, err
		}
		h = 31*h + eh
	}
	return h, nil
}
