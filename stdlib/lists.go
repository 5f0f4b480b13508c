package stdlib

import (
	"slices"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of List and MutableList (get, subList,
// set, add, remove, retainAll, clear, ...) and in-place sorting of lists
// and arrays.

func kListIndex(co *kCoro, l *interp.List, v kValue) (int, error) {
	if v.Kind() != interp.KInt {
		return 0, co.Errorf("java.lang.ClassCastException", "index is not an Int")
	}
	i := kToInt(v)
	if i < 0 || i >= l.Len() {
		return i, kIndexError(co, l, i)
	}
	return i, nil
}

func initListMethods() {
	for _, c := range []*interp.Class{interp.CollectionClass, interp.MapClass} {
		c.AddProp("size", kSizeProp)
	}
	c := interp.ListClass
	kMethod(c, "get", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		return l.Elems[i], nil
	})
	kMethod(c, "listIterator", kNewListIterator, "index")
	kMethod(c, "subList", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		from, to := kToInt(args[0]), kToInt(args[1])
		switch {
		case from < 0:
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "fromIndex = %d", from)
		case to > l.Len():
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "toIndex = %d", to)
		case from > to:
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "fromIndex(%d) > toIndex(%d)", from, to)
		}
		return kListV(append([]kValue{}, l.Elems[from:to]...)), nil
	})
	c = interp.MutableListClass
	kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if l.Class() == SingletonListClass || l.Class() == EmptyListClass {
			return kNull, kUnsupported(co)
		}
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		old := l.Elems[i]
		l.Elems[i] = args[1]
		return old, nil
	})
	kMethod(c, "add", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		if len(args) == 2 {
			i := kToInt(args[0])
			if i < 0 || i > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, l.Len())
			}
			l.Elems = slices.Insert(l.Elems, i, args[1])
			l.Touch()
			return interp.Unit, nil
		}
		if err := co.CheckGrowth(l.Len(), cap(l.Elems), interp.ValueBytes); err != nil {
			return kNull, err
		}
		l.Append(args[0])
		return interp.True, nil
	})
	addAll := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		at := l.Len()
		src := args[0]
		if len(args) == 2 {
			at = kToInt(args[0])
			src = args[1]
			if at < 0 || at > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", at, l.Len())
			}
		}
		xs, err := kCopyElems(co, src)
		if err != nil {
			return kNull, err
		}
		if l.Len()+len(xs) > cap(l.Elems) {
			if err := allocValues(co, max(2*cap(l.Elems), l.Len()+len(xs))); err != nil {
				return kNull, err
			}
		}
		l.Elems = slices.Insert(l.Elems, at, xs...)
		l.Touch()
		return interp.Bool(len(xs) > 0), nil
	}
	kMethod(c, "addAll", addAll)
	kMethod(c, "plusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := addAll(co, this, args)
			return interp.Unit, err
		}
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		if err := co.CheckGrowth(l.Len(), cap(l.Elems), interp.ValueBytes); err != nil {
			return kNull, err
		}
		l.Append(args[0])
		return interp.Unit, nil
	})
	kMethod(c, "addFirst", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		l.Elems = slices.Insert(l.Elems, 0, args[0])
		l.Touch()
		return interp.Unit, nil
	})
	kMethod(c, "addLast", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := co.CheckGrowth(l.Len(), cap(l.Elems), interp.ValueBytes); err != nil {
			return kNull, err
		}
		l.Append(args[0])
		return interp.Unit, nil
	})
	removeElem := func(co *kCoro, l *interp.List, x kValue) (bool, error) {
		for i, e := range l.Elems {
			eq, err := co.Equals(e, x)
			if err != nil {
				return false, err
			}
			if eq {
				l.Elems = slices.Delete(l.Elems, i, i+1)
				l.Touch()
				return true, nil
			}
		}
		return false, nil
	}
	kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := removeElem(co, l, args[0])
		return interp.Bool(ok), err
	})
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		if kIsCollectionArg(args[0]) {
			_, err := kRemoveWhere(co, l, args[0], true)
			return interp.Unit, err
		}
		_, err := removeElem(co, l, args[0])
		return interp.Unit, err
	})
	removeAt := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		old := l.Elems[i]
		l.Elems = slices.Delete(l.Elems, i, i+1)
		l.Touch()
		return old, nil
	}
	kMethod(c, "removeAt", removeAt)
	kMethod(c, "removeFirst", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kAsList(this).Len() == 0 {
			return kNull, kNoSuchElement(co, kEmptyMessage(this))
		}
		return removeAt(co, this, []kValue{interp.Int(0)})
	})
	kMethod(c, "removeLast", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kAsList(this).Len()
		if n == 0 {
			return kNull, kNoSuchElement(co, kEmptyMessage(this))
		}
		return removeAt(co, this, []kValue{interp.Int(int32(n - 1))})
	})
	kMethod(c, "removeFirstOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kAsList(this).Len() == 0 {
			return kNull, nil
		}
		return removeAt(co, this, []kValue{interp.Int(0)})
	})
	kMethod(c, "removeLastOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kAsList(this).Len()
		if n == 0 {
			return kNull, nil
		}
		return removeAt(co, this, []kValue{interp.Int(int32(n - 1))})
	})
	kMethod(c, "removeAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := kRemoveWhere(co, l, args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "removeIf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ok, err := kRemoveWhere(co, kAsList(this), args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "retainAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := kRemoveWhere(co, l, args[0], false)
		return interp.Bool(ok), err
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		l.Elems = l.Elems[:0:0]
		l.Touch()
		return interp.Unit, nil
	})
	initInPlaceSorts(c)
	for _, ac := range kArrayClasses {
		initInPlaceSorts(ac)
	}
}

// kIsCollectionArg reports whether v is a collection (for += and -=,
// which add all elements of a collection argument).
func kIsCollectionArg(v kValue) bool {
	switch o := v.AsObject().(type) {
	case *interp.List:
		return !kIsArray(o) || o.Class() == interp.ArrayClass
	case *interp.Map:
		return o.IsSet()
	case *interp.MapView:
		return true
	case *interp.Range, *kSeq:
		return true
	}
	return false
}

// kMembership returns the test removeAll/retainAll apply to an element:
// the predicate arg, or membership in the collection arg.
func kMembership(co *kCoro, arg kValue) (func(x kValue) (bool, error), error) {
	if kIsFunc(arg) {
		return func(x kValue) (bool, error) {
			r, err := co.CallSync(arg, x)
			return r.AsBool(), err
		}, nil
	}
	ys, err := kElemsOf(co, arg)
	if err != nil {
		return nil, err
	}
	set, err := kNewSet(co, interp.LinkedSetClass, ys)
	if err != nil {
		return nil, err
	}
	return func(x kValue) (bool, error) {
		_, ok, err := set.Get(co, x)
		return ok, err
	}, nil
}

// kRemoveWhere removes the elements of l that are in (or, with keep
// false, not in) the collection or predicate arg.
func kRemoveWhere(co *kCoro, l *interp.List, arg kValue, matching bool) (bool, error) {
	test, err := kMembership(co, arg)
	if err != nil {
		return false, err
	}
	out := l.Elems[:0:0]
	changed := false
	for i, x := range l.Elems {
		in, err := test(x)
		if err == nil {
			err = co.WorkAt(i)
		}
		if err != nil {
			return false, err
		}
		if in == matching {
			changed = true
			continue
		}
		out = append(out, x)
	}
	if changed {
		l.Elems = out
		l.Touch()
	}
	return changed, nil
}

func initInPlaceSorts(c *interp.Class) {
	kMethod(c, "sort", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if len(args) > 0 && kIsFunc(args[0]) {
			// sort { a, b -> } is kSortWith(Comparator)
			return interp.Unit, kSortWith(co, l.Elems, kComparatorFunc(co, args[0]))
		}
		xs := l.Elems
		if len(args) == 2 {
			xs = xs[kToInt(args[0]):kToInt(args[1])]
		}
		err := kSortValues(co, xs)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortWith(co, l.Elems, kReverseCmp(kNatural(co)))
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortWith", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortWith(co, l.Elems, kComparatorFunc(co, args[0]))
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortBySelector(co, l.Elems, args[0], false)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortByDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortBySelector(co, l.Elems, args[0], true)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "reverse", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		slices.Reverse(kAsList(this).Elems)
		return interp.Unit, nil
	})
	kMethod(c, "shuffle", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return interp.Unit, kShuffle(co, kAsList(this).Elems, kArgOr(args, 0, kNull))
	})
	kMethod(c, "fill", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		from, to := 0, l.Len()
		if kHasArg(args, 1) {
			from = kToInt(args[1])
		}
		if kHasArg(args, 2) {
			to = kToInt(args[2])
		}
		if from < 0 || to > l.Len() || from > to {
			return kNull, co.Errorf("java.lang.ArrayIndexOutOfBoundsException", "Array index out of range: %d", to)
		}
		v := kConvertTo(args[0], kElemKindOf(l.Class()))
		for i := from; i < to; i++ {
			l.Elems[i] = v
		}
		return interp.Unit, nil
	}, "element", "fromIndex", "toIndex")
}
