package stdlib

import "github.com/ktcoro/ktcoro/interp"

// This file holds the methods of MutableSet (add, remove, addAll,
// retainAll, ...).

func initSetMethods() {
	c := interp.MutableSetClass
	kMethod(c, "add", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		_, found, err := m.Put(co, args[0], interp.Unit)
		m.NoteSize()
		return interp.Bool(!found), err
	})
	kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, found, err := kAsMap(this).Remove(co, args[0])
		return interp.Bool(found), err
	})
	addAll := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		xs, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		changed := false
		for _, x := range xs {
			_, found, err := m.Put(co, x, interp.Unit)
			if err != nil {
				return kNull, err
			}
			changed = changed || !found
		}
		m.NoteSize()
		return interp.Bool(changed), nil
	}
	kMethod(c, "addAll", addAll)
	kMethod(c, "plusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := addAll(co, this, args)
			return interp.Unit, err
		}
		m := kAsMap(this)
		_, _, err := m.Put(co, args[0], interp.Unit)
		m.NoteSize()
		return interp.Unit, err
	})
	removeSome := func(co *kCoro, this, arg kValue, matching bool) (bool, error) {
		return kRemoveEntriesWhere(co, kAsMap(this), arg, matching, func(k, _ kValue) kValue { return k })
	}
	kAddRemovers(c, removeSome)
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := removeSome(co, this, args[0], true)
			return interp.Unit, err
		}
		_, _, err := kAsMap(this).Remove(co, args[0])
		return interp.Unit, err
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		kAsMap(this).Clear()
		return interp.Unit, nil
	})
}
