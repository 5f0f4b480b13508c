package stdlib

import (
	"slices"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the Go iterators behind iterator(): a list's or map's
// (with remove and the concurrent-modification check), a peeking wrapper
// giving hasNext, iterators made from a function, and kIteratorOf.

// kListIterator is the iterator() of a list (or of a map's entries): it
// supports hasNext/next/remove and fails on concurrent modification.
type kListIterator struct {
	l    *interp.List
	m    *interp.Map // entries of m, when iterating a map
	i    int
	last int
	mod  int
	list bool // made by listIterator(): a ListIterator
}

// Class returns the iterator's class (a ListIterator's for listIterator()).
func (it *kListIterator) Class() *interp.Class {
	if it.list {
		return listIterClass
	}
	return iterImplClass
}

func (it *kListIterator) modCount() int {
	if it.m != nil {
		return it.m.ModCount()
	}
	return it.l.ModCount()
}

func (it *kListIterator) Next(co *kCoro) (kValue, bool, error) {
	if it.i >= it.l.Len() {
		return kNull, false, nil
	}
	if it.modCount() != it.mod {
		return kNull, false, co.Errorf("java.util.ConcurrentModificationException", "")
	}
	it.last = it.i
	it.i++
	return it.l.Elems[it.last], true, nil
}

func (it *kListIterator) hasNext(co *kCoro) (bool, error) { return it.i < it.l.Len(), nil }

func (it *kListIterator) remove(co *kCoro) error {
	if it.last < 0 {
		return co.Errorf("java.lang.IllegalStateException", "")
	}
	if it.modCount() != it.mod {
		return co.Errorf("java.util.ConcurrentModificationException", "")
	}
	if it.m != nil {
		k := it.l.Elems[it.last]
		if e, ok := k.AsObject().(*interp.MapEntry); ok {
			k = e.Key
		}
		if _, _, err := it.m.Remove(co, k); err != nil {
			return err
		}
		it.l.Elems = slices.Delete(it.l.Elems, it.last, it.last+1)
	} else {
		if err := kCheckMutable(co, it.l); err != nil {
			return err
		}
		it.l.Elems = slices.Delete(it.l.Elems, it.last, it.last+1)
		it.l.Touch()
	}
	it.i = it.last
	it.last = -1
	it.mod = it.modCount()
	return nil
}

// kPeekIter adapts any iterator for hasNext()/next() calls from scripts.
type kPeekIter struct {
	src  interp.Iterator
	buf  kValue
	has  bool
	done bool
}

func (*kPeekIter) Class() *interp.Class { return iterImplClass }

func (it *kPeekIter) Next(co *kCoro) (kValue, bool, error) {
	if it.has {
		it.has = false
		v := it.buf
		it.buf = kNull
		return v, true, nil
	}
	if it.done {
		return kNull, false, nil
	}
	v, ok, err := it.src.Next(co)
	if err != nil || !ok {
		it.done = true
	}
	return v, ok, err
}

func (it *kPeekIter) hasNext(co *kCoro) (bool, error) {
	if it.has {
		return true, nil
	}
	if it.done {
		return false, nil
	}
	v, ok, err := it.src.Next(co)
	if err != nil {
		return false, err
	}
	if !ok {
		it.done = true
		return false, nil
	}
	it.buf, it.has = v, true
	return true, nil
}

// kFuncIter is an iterator driven by a Go function.
type kFuncIter func(co *kCoro) (kValue, bool, error)

func (kFuncIter) Class() *interp.Class { return iterImplClass }

func (f kFuncIter) Next(co *kCoro) (kValue, bool, error) { return f(co) }

type kHasNexter interface {
	hasNext(co *kCoro) (bool, error)
}

func init() {
	iterImplClass.AddMethod("hasNext", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		switch it := this.AsObject().(type) {
		case kHasNexter:
			ok, err := it.hasNext(co)
			return interp.Bool(ok), err
		}
		return interp.False, nil
	})
	iterImplClass.AddMethod("next", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, ok := this.AsObject().(interp.Iterator)
		if !ok {
			return kNull, kNoSuchElement(co, "")
		}
		v, ok, err := it.Next(co)
		if err != nil {
			return kNull, err
		}
		if !ok {
			return kNull, kNoSuchElement(co, "")
		}
		return v, nil
	})
	// Iterator.iterator() is the iterator itself (for loops over one)
	interp.IteratorClass.AddMethod("iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this, nil
	})
	interp.IteratorClass.AddMethod("asSequence", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		used := false
		return seqV(func(co *kCoro) (interp.Iterator, error) {
			if used {
				return nil, co.Errorf("java.lang.IllegalStateException", "This sequence can be consumed only once.")
			}
			used = true
			return kIteratorOf(co, this)
		}), nil
	})
	iterImplClass.AddMethod("remove", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		switch it := this.AsObject().(type) {
		case *kListIterator:
			return interp.Unit, it.remove(co)
		case *kViewIter:
			return interp.Unit, it.remove(co)
		}
		return kNull, kUnsupported(co)
	})
}

// kIteratorOf returns an iterator that also answers hasNext.
func kIteratorOf(co *kCoro, v kValue) (interp.Iterator, error) {
	if v.Kind() == interp.KNull {
		return nil, co.Errorf("java.lang.NullPointerException", "")
	}
	if m := kAsMap(v); m != nil {
		xs, err := kElemsOf(co, v)
		if err != nil {
			return nil, err
		}
		return &kListIterator{l: interp.NewList(xs), m: m, mod: m.ModCount(), last: -1}, nil
	}
	return co.Iterator(v)
}

// listIterClass is the class of listIterator(): a list's iterator that
// also walks backwards and sets or adds at the cursor (java.util.ListIterator).
var listIterClass = interp.NewClass("ListItr", "java.util.ArrayList$ListItr", iterImplClass)

// kNewListIterator is List.listIterator() and listIterator(index).
func kNewListIterator(co *kCoro, this kValue, args []kValue) (kValue, error) {
	l := kAsList(this)
	if l == nil {
		return kNull, kUnsupported(co)
	}
	i := 0
	if kHasArg(args, 0) {
		i = int(args[0].ToInt64())
		if i < 0 || i > l.Len() {
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, l.Len())
		}
	}
	return interp.Obj(&kListIterator{l: l, i: i, mod: l.ModCount(), last: -1, list: true}), nil
}

func (it *kListIterator) checkMod(co *kCoro) error {
	if it.modCount() != it.mod {
		return co.Errorf("java.util.ConcurrentModificationException", "")
	}
	return nil
}

// listIterOf returns the list iterator this is, or an error.
func listIterOf(co *kCoro, this kValue) (*kListIterator, error) {
	if it, ok := this.AsObject().(*kListIterator); ok && it.list {
		return it, nil
	}
	return nil, kUnsupported(co)
}

func initListIterator() {
	c := listIterClass
	c.AddMethod("hasPrevious", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err != nil {
			return kNull, err
		}
		return interp.Bool(it.i > 0), nil
	})
	c.AddMethod("nextIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err != nil {
			return kNull, err
		}
		return interp.Int(int32(it.i)), nil
	})
	c.AddMethod("previousIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err != nil {
			return kNull, err
		}
		return interp.Int(int32(it.i - 1)), nil
	})
	c.AddMethod("previous", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err == nil {
			err = it.checkMod(co)
		}
		if err != nil {
			return kNull, err
		}
		if it.i <= 0 || it.i > it.l.Len() {
			return kNull, kNoSuchElement(co, "")
		}
		it.i--
		it.last = it.i
		return it.l.Elems[it.i], nil
	})
	c.AddMethod("set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err == nil {
			err = kCheckMutable(co, it.l)
		}
		if err != nil {
			return kNull, err
		}
		if it.last < 0 {
			return kNull, co.Errorf("java.lang.IllegalStateException", "")
		}
		if err := it.checkMod(co); err != nil {
			return kNull, err
		}
		it.l.Elems[it.last] = args[0]
		return interp.Unit, nil
	})
	c.AddMethod("add", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		it, err := listIterOf(co, this)
		if err == nil {
			err = kCheckMutable(co, it.l)
		}
		if err == nil {
			err = it.checkMod(co)
		}
		if err == nil {
			err = co.CheckGrowth(it.l.Len(), cap(it.l.Elems), interp.ValueBytes)
		}
		if err == nil {
			err = co.Work(it.l.Len() / 64)
		}
		if err != nil {
			return kNull, err
		}
		it.l.Elems = slices.Insert(it.l.Elems, it.i, args[0])
		it.l.Touch()
		it.i++
		it.last = -1
		it.mod = it.modCount()
		return interp.Unit, nil
	})
}
