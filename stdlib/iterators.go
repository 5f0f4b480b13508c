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
}

func (*kListIterator) Class() *interp.Class { return iterImplClass }

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
		if it, ok := this.AsObject().(*kListIterator); ok {
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
