package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of the live map views Map.keys, Map.values
// and Map.entries (interp.MapView): membership, removal written through
// to the map, and the iterator whose remove() removes the entry.

// kAsView returns v's map view, or nil.
func kAsView(v kValue) *interp.MapView {
	mv, _ := v.AsObject().(*interp.MapView)
	return mv
}

// kIsSetView reports whether v is the keys or entries view of a map.
func kIsSetView(v kValue) bool {
	mv := kAsView(v)
	return mv != nil && mv.IsSet()
}

// kViewKey returns the map key of the view's element x (the entry's key
// for entries) and whether x can be an element at all.
func kViewKey(mv *interp.MapView, x kValue) (kValue, bool) {
	if mv.Kind == interp.MapEntries {
		e, ok := x.AsObject().(*interp.MapEntry)
		if !ok {
			return kNull, false
		}
		return e.Key, true
	}
	return x, true
}

// kViewRemove removes the element x from the view, and so its entry from
// the map; for values, the first entry holding x.
func kViewRemove(co *kCoro, mv *interp.MapView, x kValue) (bool, error) {
	if mv.Kind == interp.MapValues {
		i, err := mv.IndexOfValue(co, x)
		if err != nil || i < 0 {
			return false, err
		}
		k, _, _ := mv.M.ValueAt(i)
		_, _, err = mv.M.Remove(co, k)
		return true, err
	}
	in, err := mv.Contains(co, x)
	if err != nil || !in {
		return false, err
	}
	k, _ := kViewKey(mv, x)
	_, _, err = mv.M.Remove(co, k)
	return true, err
}

// kViewRemoveWhere removes the entries whose view element is (matching)
// or is not in the collection or predicate arg.
func kViewRemoveWhere(co *kCoro, this kValue, arg kValue, matching bool) (bool, error) {
	mv := kAsView(this)
	return kRemoveEntriesWhere(co, mv.M, arg, matching, func(k, v kValue) kValue {
		switch mv.Kind {
		case interp.MapValues:
			return v
		case interp.MapEntries:
			return interp.Obj(mv.M.Entry(k, v))
		}
		return k
	})
}

// kRemoveEntriesWhere removes the entries of m whose element (elem of
// the key and value) is (matching) or is not in the collection or
// predicate arg, and reports whether it removed any.
func kRemoveEntriesWhere(co *kCoro, m *interp.Map, arg kValue, matching bool, elem func(k, v kValue) kValue) (bool, error) {
	test, err := kMembership(co, arg)
	if err != nil {
		return false, err
	}
	keys, vals, err := kMapEntries(co, m)
	if err != nil {
		return false, err
	}
	changed := false
	for i, k := range keys {
		in, err := test(elem(k, vals[i]))
		if err == nil {
			err = co.WorkAt(i)
		}
		if err != nil {
			return false, err
		}
		if in == matching {
			if _, _, err := m.Remove(co, k); err != nil {
				return false, err
			}
			changed = true
		}
	}
	return changed, nil
}

// kAddRemovers registers removeAll, removeIf and retainAll on c, all
// done by where (matching tells removeAll and removeIf from retainAll).
func kAddRemovers(c *interp.Class, where func(co *kCoro, this, arg kValue, matching bool) (bool, error)) {
	for name, matching := range map[string]bool{"removeAll": true, "removeIf": true, "retainAll": false} {
		kMethod(c, name, func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			ok, err := where(co, this, args[0], matching)
			return interp.Bool(ok), err
		})
	}
}

// initMapViewMethods registers the methods of the map views.
func initMapViewMethods() {
	for _, c := range []*interp.Class{interp.KeySetViewClass, interp.ValuesViewClass, interp.EntrySetViewClass} {
		c.AddProp("size", kSizeProp)
		kMethod(c, "contains", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			in, err := kAsView(this).Contains(co, args[0])
			return interp.Bool(in), err
		})
		kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			mv := kAsView(this)
			keys, _, err := kMapEntries(co, mv.M)
			if err != nil {
				return kNull, err
			}
			return interp.Obj(&kViewIter{mv: mv, keys: keys, mod: mv.M.ModCount(), last: -1}), nil
		})
		unsupported := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			return kNull, kUnsupported(co)
		}
		kMethod(c, "add", unsupported)
		kMethod(c, "addAll", unsupported)
		kMethod(c, "plusAssign", unsupported)
		kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			ok, err := kViewRemove(co, kAsView(this), args[0])
			return interp.Bool(ok), err
		})
		kAddRemovers(c, kViewRemoveWhere)
		kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			mv := kAsView(this)
			var err error
			if kIsCollectionArg(args[0]) {
				_, err = kViewRemoveWhere(co, this, args[0], true)
			} else {
				_, err = kViewRemove(co, mv, args[0])
			}
			return interp.Unit, err
		})
		kMethod(c, "clear", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			kAsView(this).M.Clear()
			return interp.Unit, nil
		})
	}
}

// kViewIter is the iterator() of a map view: it walks the entries the
// map had when it was made, throws ConcurrentModificationException when
// the map changed since but through its own remove(), which removes the
// last element's entry from the map.
type kViewIter struct {
	mv      *interp.MapView
	keys    []kValue
	i, last int
	mod     int
}

// Class returns the iterator class.
func (*kViewIter) Class() *interp.Class { return iterImplClass }

// Next returns the next element of the view. Over a ConcurrentHashMap
// (a SnapshotIter class) it skips the keys removed since it began and
// throws no ConcurrentModificationException.
func (it *kViewIter) Next(co *kCoro) (kValue, bool, error) {
	weak := it.mv.M.Class().SnapshotIter
	for it.i < len(it.keys) {
		if !weak && it.mv.M.ModCount() != it.mod {
			return kNull, false, co.Errorf("java.util.ConcurrentModificationException", "")
		}
		it.last = it.i
		it.i++
		k := it.keys[it.last]
		if it.mv.Kind == interp.MapKeys && !weak {
			return k, true, nil
		}
		// a value replaced since is seen (replacing is no structural change)
		v, ok, err := it.mv.M.Get(co, k)
		switch {
		case err != nil:
			return kNull, false, err
		case !ok:
			continue
		case it.mv.Kind == interp.MapKeys:
			return k, true, nil
		case it.mv.Kind == interp.MapValues:
			return v, true, nil
		}
		return interp.Obj(it.mv.M.Entry(k, v)), true, nil
	}
	return kNull, false, nil
}

func (it *kViewIter) hasNext(co *kCoro) (bool, error) { return it.i < len(it.keys), nil }

func (it *kViewIter) remove(co *kCoro) error {
	if it.last < 0 {
		return co.Errorf("java.lang.IllegalStateException", "")
	}
	if it.mv.M.ModCount() != it.mod && !it.mv.M.Class().SnapshotIter {
		return co.Errorf("java.util.ConcurrentModificationException", "")
	}
	if _, _, err := it.mv.M.Remove(co, it.keys[it.last]); err != nil {
		return err
	}
	it.last = -1
	it.mod = it.mv.M.ModCount()
	return nil
}
