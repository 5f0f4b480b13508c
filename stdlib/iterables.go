package stdlib

import (
	"math"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods all iterables share (IterClass: Iterable,
// Map, CharSequence, arrays and sequences) that need no suspending lambda:
// emptiness and membership, element access, conversions (toList, toSet,
// toMap, toTypedArray, ...), aggregates (sum, max, ...), sorted copies,
// slicing, joining, plus/minus, set operations and zipping; the
// first/last/single natives behind the prelude; and their Go helpers.

// ---------------------------------------------------------------- first/last/single

func fnFirst(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	v := args[0]
	if l := kAsList(v); l != nil {
		if l.Len() == 0 {
			return kNull, kNoSuchElement(co, kEmptyMessage(v))
		}
		return l.Elems[0], nil
	}
	if r, ok := v.AsObject().(*interp.Range); ok {
		if r.IsEmpty() {
			return kNull, kNoSuchElement(co, kEmptyMessage(v))
		}
		return kRangeElem(r, r.First), nil
	}
	it, err := kIteratorOf(co, v)
	if err != nil {
		return kNull, err
	}
	x, ok, err := it.Next(co)
	if err != nil {
		return kNull, err
	}
	if !ok {
		return kNull, kNoSuchElement(co, kEmptyMessage(v))
	}
	return x, nil
}

func fnFirstOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	it, err := kIteratorOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	x, _, err := it.Next(co)
	return x, err
}

func fnLast(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	if r, ok := args[0].AsObject().(*interp.Range); ok && !r.IsEmpty() {
		return kRangeElem(r, r.LastElement()), nil
	}
	xs, err := kElemsOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	if len(xs) == 0 {
		return kNull, kNoSuchElement(co, kEmptyMessage(args[0]))
	}
	return xs[len(xs)-1], nil
}

func fnLastOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil || len(xs) == 0 {
		return kNull, err
	}
	return xs[len(xs)-1], nil
}

func fnSingle(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	switch len(xs) {
	case 0:
		return kNull, kNoSuchElement(co, kEmptyMessage(args[0]))
	case 1:
		return xs[0], nil
	}
	msg := "Collection has more than one element."
	switch kEmptyMessage(args[0]) {
	case "List is empty.":
		msg = "List has more than one element."
	case "Array is empty.":
		msg = "Array has more than one element."
	case "Char sequence is empty.":
		msg = "Char sequence has more than one element."
	case "Sequence is empty.":
		msg = "Sequence has more than one element."
	}
	return kNull, co.Errorf("java.lang.IllegalArgumentException", "%s", msg)
}

func fnSingleOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil || len(xs) != 1 {
		return kNull, err
	}
	return xs[0], nil
}

func fnCount(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	n, err := kSizeOf(co, args[0])
	return interp.Int(int32(n)), err
}

func kSizeOf(co *kCoro, v kValue) (int, error) {
	switch o := v.AsObject().(type) {
	case *interp.List:
		return o.Len(), nil
	case *interp.Map:
		return o.Len(), nil
	case *interp.MapView:
		return o.Len(), nil
	case *interp.Range:
		if o.IsEmpty() {
			return 0, nil
		}
		return int((o.LastElement()-o.First)/o.Step) + 1, nil
	}
	if v.Kind() == interp.KString {
		return len(utf16.Encode([]rune(v.AsString()))), nil
	}
	xs, err := kElemsOf(co, v)
	return len(xs), err
}

func kRangeElem(r *interp.Range, x int64) kValue {
	switch r.Elem {
	case interp.KLong:
		return interp.Long(x)
	case interp.KChar:
		return interp.Char(rune(x))
	}
	return interp.Int(int32(x))
}

// initIterAccess registers the Iterable methods for size, emptiness,
// membership and element access (indices, iterator, isEmpty, contains,
// indexOf, elementAt, getOrNull, ...).
func initIterAccess() {
	c := IterClass
	c.AddProp("indices", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Obj(&interp.Range{First: 0, Last: int64(n) - 1, Step: 1, Elem: interp.KInt}), err
	})
	c.AddProp("lastIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Int(int32(n - 1)), err
	})
	kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if l := kAsList(this); l != nil {
			return interp.Obj(&kListIterator{l: l, mod: l.ModCount(), last: -1}), nil
		}
		if m := kAsMap(this); m != nil {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			return interp.Obj(&kListIterator{l: interp.NewList(xs), m: m, mod: m.ModCount(), last: -1}), nil
		}
		it, err := co.Iterator(this)
		if err != nil {
			return kNull, err
		}
		return interp.Obj(&kPeekIter{src: it}), nil
	})
	kMethod(c, "isEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n == 0), err
	})
	kMethod(c, "isNotEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n != 0), err
	})
	kMethod(c, "isNullOrEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n == 0), err
	})
	kMethod(c, "orEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) { return this, nil })
	kMethod(c, "contains", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil {
			_, ok, err := m.Get(co, args[0])
			return interp.Bool(ok), err
		}
		if r, ok := this.AsObject().(*interp.Range); ok && (args[0].IsNumber() || args[0].Kind() == interp.KChar) {
			if args[0].Kind() == interp.KDouble || args[0].Kind() == interp.KFloat {
				f := args[0].ToFloat64()
				return interp.Bool(f >= float64(min(r.First, r.Last)) && f <= float64(max(r.First, r.Last))), nil
			}
			return interp.Bool(r.Contains(args[0].ToInt64())), nil
		}
		i, err := kIndexOf(co, this, args[0])
		return interp.Bool(i >= 0), err
	})
	kMethod(c, "containsAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ys, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		for _, y := range ys {
			r, err := co.CallMethod(this, "contains", y)
			if err != nil || !r.AsBool() {
				return interp.False, err
			}
		}
		return interp.True, nil
	})
	kMethod(c, "indexOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i, err := kIndexOf(co, this, args[0])
		return interp.Int(int32(i)), err
	})
	kMethod(c, "lastIndexOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		for i := len(xs) - 1; i >= 0; i-- {
			eq, err := co.Equals(xs[i], args[0])
			if err != nil {
				return kNull, err
			}
			if eq {
				return interp.Int(int32(i)), nil
			}
		}
		return interp.Int(-1), nil
	})
	kMethod(c, "elementAt", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		i := kToInt(args[0])
		if i < 0 || i >= len(xs) {
			if l := kAsList(this); l != nil {
				return kNull, kIndexError(co, l, i)
			}
			if _, ok := this.AsObject().(*kSeq); ok {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Sequence doesn't contain element at index %d.", i)
			}
			if m := kAsMap(this); m != nil {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Collection doesn't contain element at index %d.", i)
			}
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, len(xs))
		}
		return xs[i], nil
	})
	kMethod(c, "elementAtOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		i := kToInt(args[0])
		if err != nil || i < 0 || i >= len(xs) {
			return kNull, err
		}
		return xs[i], nil
	})
	kMethod(c, "getOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		i := kToInt(args[0])
		if err != nil || i < 0 || i >= len(xs) {
			return kNull, err
		}
		return xs[i], nil
	})
}

// initIterConversions registers the Iterable conversions: toList,
// toMutableList, asList, toCollection, toSet, toSortedSet, toMap, the
// toXxxArray family and asSequence.
func initIterConversions() {
	c := IterClass
	kMethod(c, "toList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil && !m.IsSet() {
			if err := co.CheckAlloc(m.Len(), interp.ValueBytes+48); err != nil {
				return kNull, err
			}
			keys, vals, err := kMapEntries(co, m)
			if err != nil {
				return kNull, err
			}
			out := make([]kValue, len(keys))
			for i := range keys {
				out[i] = kPairOf(co, keys[i], vals[i])
				if err := co.WorkAt(i); err != nil {
					return kNull, err
				}
			}
			return kToListV(out), nil
		}
		xs, err := kCopyElems(co, this)
		return kToListV(xs), err
	})
	kMethod(c, "toMutableList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if xs == nil {
			xs = []kValue{}
		}
		return kListV(xs), err
	})
	kMethod(c, "asIterable", func(co *kCoro, this kValue, _ []kValue) (kValue, error) { return this, nil })
	kMethod(c, "asList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if l := kAsList(this); l != nil && kIsArray(l) {
			// a view writing through to the array is not modelled: copy
			return kRoList(l.Snapshot()), nil
		}
		return this, nil
	})
	kMethod(c, "toCollection", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		for _, x := range xs {
			if _, err := co.CallMethod(args[0], "add", x); err != nil {
				return kNull, err
			}
		}
		return args[0], nil
	})
	toSet := func(c *interp.Class) interp.NativeFunc {
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			if err := co.CheckAlloc(len(xs), kSetEntryBytes); err != nil {
				return kNull, err
			}
			m := interp.NewMap(c)
			if c == interp.HashSetClass {
				m.SetInitialCapacity(kMapCapacity(max(len(xs), 12)))
			}
			for i, x := range xs {
				if _, _, err := m.Put(co, x, interp.Unit); err != nil {
					return kNull, err
				}
				if err := co.WorkAt(i); err != nil {
					return kNull, err
				}
			}
			m.NoteSize()
			return interp.Obj(m), nil
		}
	}
	kMethod(c, "toSet", toSet(interp.LinkedSetClass))
	kMethod(c, "toMutableSet", toSet(interp.LinkedSetClass))
	kMethod(c, "toHashSet", toSet(interp.HashSetClass))
	kMethod(c, "toSortedSet", kToSortedSet, "comparator")
	kMethod(c, "toMap", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil && !m.IsSet() {
			keys, vals, err := kMapEntries(co, m)
			if err != nil {
				return kNull, err
			}
			out := interp.NewMap(interp.LinkedMapClass)
			if len(args) > 0 {
				out = kAsMap(args[0])
			}
			if err := kPutAll(co, out, keys, vals); err != nil {
				return kNull, err
			}
			out.NoteSize()
			return interp.Obj(out), nil
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := interp.NewMap(interp.LinkedMapClass)
		if len(args) > 0 {
			out = kAsMap(args[0])
		}
		for _, x := range xs {
			k, v, err := kPairParts(co, x)
			if err != nil {
				return kNull, err
			}
			if _, _, err := out.Put(co, k, v); err != nil {
				return kNull, err
			}
		}
		out.NoteSize()
		return interp.Obj(out), nil
	})
	toArr := func(c *interp.Class) interp.NativeFunc {
		k := kElemKindOf(c)
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			xs, err := kCopyElems(co, this)
			for i := range xs {
				xs[i] = kConvertTo(xs[i], k)
			}
			if xs == nil {
				xs = []kValue{}
			}
			return interp.Obj(interp.NewTypedArray(c, xs)), err
		}
	}
	kMethod(c, "toTypedArray", toArr(interp.ArrayClass))
	kMethod(c, "toIntArray", toArr(interp.IntArrayClass))
	kMethod(c, "toLongArray", toArr(interp.LongArrayClass))
	kMethod(c, "toDoubleArray", toArr(interp.DoubleArrayClass))
	kMethod(c, "toBooleanArray", toArr(interp.BooleanArrayClass))
	kMethod(c, "toCharArray", toArr(interp.CharArrayClass))
	for _, ac := range []*interp.Class{interp.ByteArrayClass, interp.ShortArrayClass, interp.FloatArrayClass,
		interp.UByteArrayClass, interp.UShortArrayClass, interp.UIntArrayClass, interp.ULongArrayClass} {
		kMethod(c, "to"+ac.Name, toArr(ac)) // toByteArray, ..., toULongArray
	}
	kMethod(c, "asSequence", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if _, ok := this.AsObject().(*kSeq); ok {
			return this, nil
		}
		src := this
		return seqV(func(co *kCoro) (interp.Iterator, error) { return kIteratorOf(co, src) }), nil
	})
}

// initIterAggregates registers the Iterable aggregates without lambdas:
// sum, average, max/min and maxWith/minWith with their OrNull forms.
func initIterAggregates() {
	c := IterClass
	kMethod(c, "sum", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		return kSumValues(co, xs, kZeroFor(this, xs))
	})
	kMethod(c, "average", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		if len(xs) == 0 {
			return interp.Double(math.NaN()), nil
		}
		s := 0.0
		for _, x := range xs {
			s += x.ToFloat64()
		}
		return interp.Double(s / float64(len(xs))), nil
	})
	// extreme is max/min (natural order; a NaN wins, as in Kotlin) and,
	// withCmp, maxWith/minWith (a Comparator argument). On an empty
	// iterable they throw NoSuchElementException since Kotlin 1.7 (they
	// returned null in 1.3), their ...OrNull forms return null.
	extreme := func(sign int, orNull, withCmp bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			if len(xs) == 0 {
				if orNull {
					return kNull, nil
				}
				return kNull, kNoSuchElement(co, "")
			}
			cmp := kCmpFunc(co.Compare)
			if withCmp {
				cmp = kComparatorFunc(co, args[0])
			}
			best := xs[0]
			for _, x := range xs[1:] {
				if !withCmp && kIsNaN(best) {
					break
				}
				if !withCmp && kIsNaN(x) {
					best = x
					break
				}
				c, err := cmp(x, best)
				if err != nil {
					return kNull, err
				}
				if c*sign > 0 {
					best = x
				}
			}
			return best, nil
		}
	}
	kMethod(c, "max", extreme(1, false, false))
	kMethod(c, "min", extreme(-1, false, false))
	kMethod(c, "maxOrNull", extreme(1, true, false))
	kMethod(c, "minOrNull", extreme(-1, true, false))
	kMethod(c, "maxWith", extreme(1, false, true))
	kMethod(c, "minWith", extreme(-1, false, true))
	kMethod(c, "maxWithOrNull", extreme(1, true, true))
	kMethod(c, "minWithOrNull", extreme(-1, true, true))
}

// initIterSortAndSlice registers the Iterable methods returning sorted,
// reversed or sliced copies: sorted*, reversed, asReversed, distinct,
// take/drop, slice, chunked and windowed.
func initIterSortAndSlice() {
	c := IterClass
	kMethod(c, "sorted", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortValues(co, xs)
		return kSortedResult(this, xs), err
	})
	kMethod(c, "sortedDescending", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortWith(co, xs, kReverseCmp(kNatural(co)))
		return kSortedResult(this, xs), err
	})
	kMethod(c, "sortedWith", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortWith(co, xs, kComparatorFunc(co, args[0]))
		return kSortedResult(this, xs), err
	})
	sortedBy := func(desc bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kCopyElems(co, this)
			if err != nil {
				return kNull, err
			}
			err = kSortBySelector(co, xs, args[0], desc)
			return kSortedResult(this, xs), err
		}
	}
	kMethod(c, "sortedBy", sortedBy(false))
	kMethod(c, "sortedByDescending", sortedBy(true))
	kMethod(c, "reversed", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if r, ok := this.AsObject().(*interp.Range); ok {
			if r.IsEmpty() {
				return interp.Obj(&interp.Range{First: r.Last, Last: r.First, Step: -r.Step, Elem: r.Elem}), nil
			}
			return interp.Obj(&interp.Range{First: r.LastElement(), Last: r.First, Step: -r.Step, Elem: r.Elem}), nil
		}
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		slices.Reverse(xs)
		if this.Kind() == interp.KString {
			return interp.String(kCharsString(xs)), nil
		}
		if len(xs) <= 1 {
			return kToListV(xs), nil
		}
		return kListV(xs), nil
	})
	kMethod(c, "asReversed", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		slices.Reverse(xs)
		return kListV(xs), err
	})
	kMethod(c, "distinct", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, xs)
		if err != nil {
			return kNull, err
		}
		keys, _, err := kMapEntries(co, m)
		if err != nil {
			return kNull, err
		}
		return kListV(keys), nil
	})
	kMethod(c, "take", kSliceOp(func(n, i int) (int, int) { return 0, min(i, n) }, "take"))
	kMethod(c, "drop", kSliceOp(func(n, i int) (int, int) { return min(i, n), n }, "drop"))
	kMethod(c, "takeLast", kSliceOp(func(n, i int) (int, int) { return n - min(i, n), n }, "takeLast"))
	kMethod(c, "dropLast", kSliceOp(func(n, i int) (int, int) { return 0, n - min(i, n) }, "dropLast"))
	kMethod(c, "slice", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		idx, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		out := make([]kValue, 0, len(idx))
		for _, iv := range idx {
			i := kToInt(iv)
			if i < 0 || i >= len(xs) {
				if l := kAsList(this); l != nil {
					return kNull, kIndexError(co, l, i)
				}
				return kNull, co.Errorf("java.lang.StringIndexOutOfBoundsException", "index: %d, length: %d", i, len(xs))
			}
			out = append(out, xs[i])
		}
		if this.Kind() == interp.KString {
			return interp.String(kCharsString(out)), nil
		}
		return kToListV(out), nil
	})
	kMethod(c, "chunked", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kToInt(args[0])
		return kWindowed(co, this, n, n, true, kArgOr(args, 1, kNull))
	}, "size", "transform")
	kMethod(c, "windowed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var tr kValue
		if len(args) > 1 && kIsFunc(args[len(args)-1]) {
			tr = args[len(args)-1]
			args = args[:len(args)-1]
		}
		n := kToInt(args[0])
		step := kToInt(kArgOr(args, 1, interp.Int(1)))
		partial := kArgOr(args, 2, interp.False).AsBool()
		return kWindowed(co, this, n, step, partial, tr)
	}, "size", "step", "partialWindows", "transform")
}

// initIterCombining registers the Iterable methods combining or
// reshaping collections: joinToString, joinTo, plus/minus, union,
// intersect, subtract, zip, zipWithNext, unzip, flatten and withIndex.
func initIterCombining() {
	c := IterClass
	kMethod(c, "joinToString", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var b strings.Builder
		if err := kJoinTo(co, &b, this, args); err != nil {
			return kNull, err
		}
		return interp.String(b.String()), nil
	}, "separator", "prefix", "postfix", "limit", "truncated", "transform")
	kMethod(c, "joinTo", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var b strings.Builder
		if err := kJoinTo(co, &b, this, args[1:]); err != nil {
			return kNull, err
		}
		_, err := co.CallMethod(args[0], "append", interp.String(b.String()))
		return args[0], err
	}, "buffer", "separator", "prefix", "postfix", "limit", "truncated", "transform")
	kMethod(c, "plus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], true, false)
	})
	kMethod(c, "plusElement", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], true, true)
	})
	kMethod(c, "minus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], false, false)
	})
	kMethod(c, "minusElement", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], false, true)
	})
	setOp := func(op string) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			ys, err := kElemsOf(co, args[0])
			if err != nil {
				return kNull, err
			}
			a, err := kNewSet(co, interp.LinkedSetClass, xs)
			if err != nil {
				return kNull, err
			}
			switch op {
			case "union":
				for i, y := range ys {
					if _, _, err := a.Put(co, y, interp.Unit); err != nil {
						return kNull, err
					}
					if err := co.WorkAt(i); err != nil {
						return kNull, err
					}
				}
			case "subtract":
				for i, y := range ys {
					if _, _, err := a.Remove(co, y); err != nil {
						return kNull, err
					}
					if err := co.WorkAt(i); err != nil {
						return kNull, err
					}
				}
			case "intersect":
				b, err := kNewSet(co, interp.LinkedSetClass, ys)
				if err != nil {
					return kNull, err
				}
				keys, _, err := kMapEntries(co, a)
				if err != nil {
					return kNull, err
				}
				for _, k := range keys {
					if _, ok, err := b.Get(co, k); err != nil {
						return kNull, err
					} else if !ok {
						if _, _, err := a.Remove(co, k); err != nil {
							return kNull, err
						}
					}
				}
			}
			return interp.Obj(a), nil
		}
	}
	kMethod(c, "union", setOp("union"))
	kMethod(c, "intersect", setOp("intersect"))
	kMethod(c, "subtract", setOp("subtract"))
	kMethod(c, "zip", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		ys, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		n := min(len(xs), len(ys))
		if err := co.CheckAlloc(n, interp.ValueBytes+48); err != nil {
			return kNull, err
		}
		out := make([]kValue, n)
		for i := 0; i < n; i++ {
			if err := co.WorkAt(i); err != nil {
				return kNull, err
			}
			if len(args) > 1 {
				v, err := co.CallSync(args[1], xs[i], ys[i])
				if err != nil {
					return kNull, err
				}
				out[i] = v
			} else {
				out[i] = kPairOf(co, xs[i], ys[i])
			}
		}
		return kListV(out), nil
	})
	kMethod(c, "zipWithNext", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		var out []kValue
		for i := 0; i+1 < len(xs); i++ {
			if len(args) > 0 {
				v, err := co.CallSync(args[0], xs[i], xs[i+1])
				if err != nil {
					return kNull, err
				}
				out = append(out, v)
			} else {
				out = append(out, kPairOf(co, xs[i], xs[i+1]))
			}
		}
		if out == nil {
			out = []kValue{}
		}
		return kListV(out), nil
	})
	kMethod(c, "unzip", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		as, bs := make([]kValue, len(xs)), make([]kValue, len(xs))
		for i, x := range xs {
			if as[i], bs[i], err = kPairParts(co, x); err != nil {
				return kNull, err
			}
		}
		return kPairOf(co, kListV(as), kListV(bs)), nil
	})
	kMethod(c, "flatten", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := []kValue{}
		for _, x := range xs {
			ys, err := kElemsOf(co, x)
			if err != nil {
				return kNull, err
			}
			if len(out)+len(ys) > cap(out) {
				if err := allocValues(co, max(2*cap(out), len(out)+len(ys))); err != nil {
					return kNull, err
				}
			}
			if err := co.Work(1 + len(ys)); err != nil {
				return kNull, err
			}
			out = append(out, ys...)
		}
		return kListV(out), nil
	})
	kMethod(c, "withIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		if err := co.CheckAlloc(len(xs), interp.ValueBytes+48); err != nil {
			return kNull, err
		}
		out := make([]kValue, len(xs))
		for i, x := range xs {
			out[i] = kIndexedValue(co, i, x)
			if err := co.WorkAt(i); err != nil {
				return kNull, err
			}
		}
		return kListV(out), nil
	})
}

// initIterPickAndSearch registers shuffled, random, groupingBy,
// filterIsInstance and binarySearch.
func initIterPickAndSearch() {
	c := IterClass
	kMethod(c, "shuffled", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		return kListV(xs), kShuffle(co, xs, kArgOr(args, 0, kNull))
	})
	kMethod(c, "random", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		if len(xs) == 0 {
			return kNull, kNoSuchElement(co, "Collection is empty.")
		}
		i, err := kRandomIndex(co, len(xs), kArgOr(args, 0, kNull))
		if err != nil {
			return kNull, err
		}
		return xs[i], nil
	})
	kMethod(c, "groupingBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return interp.Obj(&kGrouping{src: this, key: args[0]}), nil
	})
	// filterIsInstance<T>() needs T at run time: it works once the compiler
	// passes the type argument as a *TypeTest.
	kMethod(c, "filterIsInstance", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var tt *interp.TypeTest
		if len(args) > 0 {
			tt, _ = args[0].AsObject().(*interp.TypeTest)
		}
		if tt == nil {
			return kNull, co.Errorf("java.lang.UnsupportedOperationException", "filterIsInstance<T>() needs its type argument at run time")
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := []kValue{}
		for _, x := range xs {
			if tt.Test(x) {
				out = append(out, x)
			}
		}
		return kListV(out), nil
	})
	kMethod(c, "binarySearch", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		lo, hi := 0, len(xs)-1
		if fn := args[len(args)-1]; kIsFunc(fn) && (len(args) == 1 || args[0].IsNumber()) {
			// binarySearch(fromIndex, toIndex) { comparison }
			if len(args) > 1 {
				lo = kToInt(args[0])
			}
			if len(args) > 2 {
				hi = kToInt(args[1]) - 1
			}
			return kBinarySearch(lo, hi, func(mid int) (int, error) {
				v, err := co.CallSync(fn, xs[mid])
				return kToInt(v), err
			})
		}
		if kHasArg(args, 1) && !kIsFunc(args[1]) && args[1].IsNumber() {
			lo = kToInt(args[1])
			if kHasArg(args, 2) {
				hi = kToInt(args[2]) - 1
			}
		}
		cmp := kNatural(co)
		if len(args) > 1 && args[1].Kind() == interp.KObject && !args[1].IsNumber() {
			cmp = kComparatorFunc(co, args[1])
		}
		return kBinarySearch(lo, hi, func(mid int) (int, error) { return cmp(xs[mid], args[0]) })
	})
}

// kBinarySearch searches lo..hi (inclusive) with cmp, the order of the
// element at an index against the one sought: its index, or
// -(insertion point + 1).
func kBinarySearch(lo, hi int, cmp func(mid int) (int, error)) (kValue, error) {
	for lo <= hi {
		mid := int(uint(lo+hi) >> 1)
		c, err := cmp(mid)
		if err != nil {
			return kNull, err
		}
		switch {
		case c < 0:
			lo = mid + 1
		case c > 0:
			hi = mid - 1
		default:
			return interp.Int(int32(mid)), nil
		}
	}
	return interp.Int(int32(-(lo + 1))), nil
}

func kIsNaN(v kValue) bool {
	k := v.Kind()
	return (k == interp.KDouble || k == interp.KFloat) && math.IsNaN(v.ToFloat64())
}

// kSortedResult wraps a sorted copy: arrays' sorted() is a List too.
func kSortedResult(this kValue, xs []kValue) kValue {
	if len(xs) <= 1 {
		return kToListV(xs)
	}
	return kListV(xs)
}

func kIndexOf(co *kCoro, this kValue, x kValue) (int, error) {
	xs, err := kElemsOf(co, this)
	if err != nil {
		return -1, err
	}
	for i, e := range xs {
		eq, err := co.Equals(e, x)
		if err != nil {
			return -1, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

// kSliceOp implements take/drop/takeLast/dropLast.
func kSliceOp(bounds func(n, i int) (int, int), name string) interp.NativeFunc {
	return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i := kToInt(args[0])
		if i < 0 {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "Requested element count %d is less than zero.", i)
		}
		if s, ok := this.AsObject().(*kSeq); ok {
			return s.slice(name, i), nil
		}
		if this.Kind() == interp.KString {
			u := utf16.Encode([]rune(this.AsString()))
			a, b := bounds(len(u), i)
			return interp.String(string(utf16.Decode(u[a:b]))), nil
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		a, b := bounds(len(xs), i)
		out := append([]kValue(nil), xs[a:b]...)
		if out == nil {
			out = []kValue{}
		}
		if name == "take" && i == 0 || len(out) <= 1 {
			return kToListV(out), nil
		}
		return kListV(out), nil
	}
}

func kWindowed(co *kCoro, this kValue, size, step int, partial bool, transform kValue) (kValue, error) {
	if size <= 0 || step <= 0 {
		if size == step {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "size %d must be greater than zero.", size)
		}
		return kNull, co.Errorf("java.lang.IllegalArgumentException", "Both size %d and step %d must be greater than zero.", size, step)
	}
	if s, ok := this.AsObject().(*kSeq); ok {
		return s.windowed(size, step, partial, transform), nil
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return kNull, err
	}
	isStr := this.Kind() == interp.KString
	// the windows and their elements
	windows := len(xs)/step + 1
	per := interp.ValueBytes * (min(size, len(xs)) + 2)
	if isStr {
		per = min(size, len(xs)) + 2*interp.ValueBytes
	}
	if err := co.CheckAlloc(windows, per); err != nil {
		return kNull, err
	}
	out := []kValue{}
	for i := 0; i < len(xs); i += step {
		if err := co.Work(1 + min(size, len(xs)-i)/8); err != nil {
			return kNull, err
		}
		end := i + size
		if end > len(xs) {
			if !partial {
				break
			}
			end = len(xs)
		}
		var w kValue
		if isStr {
			w = interp.String(kCharsString(xs[i:end]))
		} else {
			w = kListV(append([]kValue(nil), xs[i:end]...))
		}
		if !transform.IsNull() {
			if w, err = co.CallSync(transform, w); err != nil {
				return kNull, err
			}
		}
		out = append(out, w)
	}
	return kListV(out), nil
}

// kJoinTo appends the elements of this to b as joinToString does.
func kJoinTo(co *kCoro, b *strings.Builder, this kValue, args []kValue) error {
	sep := kArgOr(args, 0, interp.String(", ")).AsString()
	prefix := kArgOr(args, 1, interp.String("")).AsString()
	postfix := kArgOr(args, 2, interp.String("")).AsString()
	limit := kToInt(kArgOr(args, 3, interp.Int(-1)))
	truncated := kArgOr(args, 4, interp.String("...")).AsString()
	transform := kArgOr(args, 5, kNull)
	// a trailing lambda may come in any position
	for i := 0; i < len(args) && i < 5; i++ {
		if kIsFunc(args[i]) {
			transform = args[i]
			switch i {
			case 0:
				sep = ", "
			case 1:
				prefix = ""
			case 2:
				postfix = ""
			case 3:
				limit = -1
			case 4:
				truncated = "..."
			}
		}
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return err
	}
	b.WriteString(prefix)
	for i, x := range xs {
		if i > 0 {
			if err := joinGrow(co, b, len(sep)); err != nil {
				return err
			}
			b.WriteString(sep)
		}
		if limit >= 0 && i >= limit {
			b.WriteString(truncated)
			break
		}
		if !transform.IsNull() {
			if x, err = co.CallSync(transform, x); err != nil {
				return err
			}
		}
		s, err := co.ToString(x)
		if err != nil {
			return err
		}
		if err := joinGrow(co, b, len(s)); err != nil {
			return err
		}
		b.WriteString(s)
		if err := co.WorkAt(i); err != nil {
			return err
		}
	}
	b.WriteString(postfix)
	return nil
}

// joinGrow checks and charges the growth of b before n bytes are
// written to it (it doubles when full), and the copy into the result.
func joinGrow(co *kCoro, b *strings.Builder, n int) error {
	if b.Len()+n <= b.Cap() {
		return nil
	}
	return allocText(co, 3*max(b.Len()+n, 2*b.Cap()))
}

// kPlusMinus implements + and - on lists, sets, arrays and maps.
func kPlusMinus(co *kCoro, this, arg kValue, plus, single bool) (kValue, error) {
	if m := kAsMap(this); m != nil && !m.IsSet() {
		return kMapPlusMinus(co, m, arg, plus)
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return kNull, err
	}
	var ys []kValue
	many := false
	if !single {
		switch o := arg.AsObject().(type) {
		case *interp.List, *interp.Range, *kSeq:
			many = true
		case *interp.Map:
			many = o.IsSet()
		case *interp.MapView:
			many = true
		}
	}
	if many {
		if ys, err = kElemsOf(co, arg); err != nil {
			return kNull, err
		}
	} else {
		ys = []kValue{arg}
	}
	if m := kAsMap(this); m != nil || kIsSetView(this) {
		out, err := kNewSet(co, interp.LinkedSetClass, xs)
		if err != nil {
			return kNull, err
		}
		for i, y := range ys {
			if plus {
				_, _, err = out.Put(co, y, interp.Unit)
			} else {
				_, _, err = out.Remove(co, y)
			}
			if err == nil {
				err = co.WorkAt(i)
			}
			if err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	}
	var out []kValue
	if plus {
		if err := allocValues(co, len(xs)+len(ys)); err != nil {
			return kNull, err
		}
		if err := co.Work(len(xs) + len(ys)); err != nil {
			return kNull, err
		}
		out = append(append(make([]kValue, 0, len(xs)+len(ys)), xs...), ys...)
	} else if many {
		out = []kValue{}
		set, err := kNewSet(co, interp.LinkedSetClass, ys)
		if err != nil {
			return kNull, err
		}
		for i, x := range xs {
			_, found, err := set.Get(co, x)
			if err == nil {
				err = co.WorkAt(i)
			}
			if err == nil && !found {
				err = co.CheckGrowth(len(out), cap(out), interp.ValueBytes)
			}
			if err != nil {
				return kNull, err
			}
			if !found {
				out = append(out, x)
			}
		}
	} else {
		out = []kValue{}
		removed := false
		for _, x := range xs {
			if !removed {
				eq, err := co.Equals(x, arg)
				if err != nil {
					return kNull, err
				}
				if eq {
					removed = true
					continue
				}
			}
			out = append(out, x)
		}
	}
	if l := kAsList(this); l != nil && kIsArray(l) {
		return interp.Obj(interp.NewTypedArray(l.Class(), out)), nil
	}
	return kListV(out), nil
}

func kMapPlusMinus(co *kCoro, m *interp.Map, arg kValue, plus bool) (kValue, error) {
	keys, vals, err := kMapEntries(co, m)
	if err != nil {
		return kNull, err
	}
	out := interp.NewMap(interp.LinkedMapClass)
	if err := kPutAll(co, out, keys, vals); err != nil {
		return kNull, err
	}
	if plus {
		var pairs []kValue
		switch o := arg.AsObject().(type) {
		case *interp.Map:
			ks, vs, err := kMapEntries(co, o)
			if err != nil {
				return kNull, err
			}
			if err := kPutAll(co, out, ks, vs); err != nil {
				return kNull, err
			}
			return interp.Obj(out), nil
		case *interp.List:
			pairs = o.Elems
		default:
			pairs = []kValue{arg}
		}
		for _, p := range pairs {
			k, v, err := kPairParts(co, p)
			if err != nil {
				return kNull, err
			}
			if _, _, err := out.Put(co, k, v); err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	}
	var ks []kValue
	switch arg.AsObject().(type) {
	case *interp.List, *interp.Map, *interp.Range:
		var err error
		if ks, err = kElemsOf(co, arg); err != nil {
			return kNull, err
		}
	default:
		ks = []kValue{arg}
	}
	for _, k := range ks {
		if _, _, err := out.Remove(co, k); err != nil {
			return kNull, err
		}
	}
	return interp.Obj(out), nil
}

func kZeroFor(this kValue, xs []kValue) kValue {
	if l := kAsList(this); l != nil {
		switch l.Class() {
		case interp.LongArrayClass:
			return interp.Long(0)
		case interp.DoubleArrayClass:
			return interp.Double(0)
		case interp.FloatArrayClass:
			return interp.Float(0)
		case interp.UByteArrayClass, interp.UShortArrayClass, interp.UIntArrayClass:
			return interp.UInt(0)
		case interp.ULongArrayClass:
			return interp.ULong(0)
		}
	}
	if len(xs) > 0 {
		switch xs[0].Kind() {
		case interp.KUByte, interp.KUShort, interp.KUInt:
			return interp.UInt(0)
		case interp.KULong:
			return interp.ULong(0)
		case interp.KLong:
			return interp.Long(0)
		case interp.KDouble:
			return interp.Double(0)
		case interp.KFloat:
			return interp.Float(0)
		}
	}
	return interp.Int(0)
}

func kSumValues(co *kCoro, xs []kValue, acc kValue) (kValue, error) {
	switch acc.Kind() {
	case interp.KInt:
		var s int32
		for _, x := range xs {
			s += int32(x.ToInt64())
		}
		return interp.Int(s), nil
	case interp.KLong:
		var s int64
		for _, x := range xs {
			s += x.ToInt64()
		}
		return interp.Long(s), nil
	case interp.KFloat:
		var s float32
		for _, x := range xs {
			s += float32(x.ToFloat64())
		}
		return interp.Float(s), nil
	case interp.KUInt, interp.KULong:
		var s uint64
		for _, x := range xs {
			s += x.AsUint64()
		}
		return interp.FromBits(acc.Kind(), s), nil
	}
	var s float64
	for _, x := range xs {
		s += x.ToFloat64()
	}
	return interp.Double(s), nil
}
