package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds java.util.PriorityQueue: a binary heap in an array,
// ordered by a Comparator or the elements' natural order. Its iteration
// order and toString are the heap array's, as on the JVM (the sifts below
// follow java.util.PriorityQueue's, so the array is the same).

// PriorityQueueClass is java.util.PriorityQueue.
var PriorityQueueClass = interp.NewClass("PriorityQueue", "java.util.PriorityQueue", interp.AnyClass, interp.CollectionClass)

// kPQueue is a PriorityQueue: heap holds the elements in heap order; cmp
// is the comparator (null for natural order).
type kPQueue struct {
	heap []kValue
	cmp  kValue
	mod  int
}

// Class returns PriorityQueue.
func (*kPQueue) Class() *interp.Class { return PriorityQueueClass }

// KString prints the elements in heap order, as AbstractCollection does.
func (q *kPQueue) KString(co *kCoro) (string, error) {
	return kJoinValues(co, q.heap)
}

func installPriorityQueue(in *interp.Interp) {
	in.DefineType(PriorityQueueClass)
	in.DefineImport("java.util.PriorityQueue")
}

// kNewPriorityQueue is PriorityQueue(), PriorityQueue(initialCapacity),
// PriorityQueue(comparator), PriorityQueue(initialCapacity, comparator)
// and PriorityQueue(collection) (heapified as the JVM does).
func kNewPriorityQueue(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	q := &kPQueue{cmp: kNull}
	for i := 0; i < len(args) && i < 2; i++ {
		a := args[i]
		switch {
		case !kHasArg(args, i) || a.IsNull():
		case a.IsNumber():
			if a.ToInt64() < 1 {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "")
			}
		case kIsComparator(a):
			q.cmp = a
		default:
			if src, ok := a.AsObject().(*kPQueue); ok {
				q.cmp = src.cmp
			}
			xs, err := kCopyElems(co, a)
			if err != nil {
				return kNull, err
			}
			for _, x := range xs {
				if x.IsNull() {
					return kNull, co.Errorf("java.lang.NullPointerException", "")
				}
			}
			q.heap = xs
			for k := len(xs)/2 - 1; k >= 0; k-- {
				if err := q.siftDown(co, k, xs[k]); err != nil {
					return kNull, err
				}
			}
		}
	}
	return interp.Obj(q), nil
}

func (q *kPQueue) compare(co *kCoro, a, b kValue) (int, error) {
	if err := co.Work(1); err != nil {
		return 0, err
	}
	if q.cmp.IsNull() {
		return kNatural(co)(a, b)
	}
	return kComparatorFunc(co, q.cmp)(a, b)
}

func (q *kPQueue) siftUp(co *kCoro, k int, x kValue) error {
	for k > 0 {
		parent := (k - 1) / 2
		e := q.heap[parent]
		c, err := q.compare(co, x, e)
		if err != nil {
			return err
		}
		if c >= 0 {
			break
		}
		q.heap[k] = e
		k = parent
	}
	q.heap[k] = x
	return nil
}

func (q *kPQueue) siftDown(co *kCoro, k int, x kValue) error {
	n := len(q.heap)
	for half := n / 2; k < half; {
		child := 2*k + 1
		c := q.heap[child]
		if right := child + 1; right < n {
			r, err := q.compare(co, c, q.heap[right])
			if err != nil {
				return err
			}
			if r > 0 {
				child = right
				c = q.heap[child]
			}
		}
		r, err := q.compare(co, x, c)
		if err != nil {
			return err
		}
		if r <= 0 {
			break
		}
		q.heap[k] = c
		k = child
	}
	q.heap[k] = x
	return nil
}

func (q *kPQueue) offer(co *kCoro, x kValue) error {
	if x.IsNull() {
		return co.Errorf("java.lang.NullPointerException", "")
	}
	if err := co.CheckGrowth(len(q.heap), cap(q.heap), interp.ValueBytes); err != nil {
		return err
	}
	q.mod++
	q.heap = append(q.heap, x)
	if len(q.heap) == 1 {
		// the JVM compares a lone first element with itself (a type check)
		if _, err := q.compare(co, x, x); err != nil {
			q.heap = q.heap[:0]
			return err
		}
		return nil
	}
	return q.siftUp(co, len(q.heap)-1, x)
}

// removeAt removes the element at i as the JVM does: the last element
// fills the hole and sifts down, or up.
func (q *kPQueue) removeAt(co *kCoro, i int) error {
	q.mod++
	s := len(q.heap) - 1
	moved := q.heap[s]
	q.heap[s] = kNull
	q.heap = q.heap[:s]
	if s == i {
		return nil
	}
	if err := q.siftDown(co, i, moved); err != nil {
		return err
	}
	if q.heap[i] == moved {
		return q.siftUp(co, i, moved)
	}
	return nil
}

func (q *kPQueue) poll(co *kCoro) (kValue, error) {
	if len(q.heap) == 0 {
		return kNull, nil
	}
	top := q.heap[0]
	return top, q.removeAt(co, 0)
}

func (q *kPQueue) indexOf(co *kCoro, x kValue) (int, error) {
	for i, e := range q.heap {
		eq, err := co.Equals(x, e)
		if err == nil {
			err = co.WorkAt(i)
		}
		if err != nil || eq {
			return i, err
		}
	}
	return -1, nil
}

// pqIterator iterates the heap array; remove removes the last element
// returned (the JVM's iterator may then visit a moved element later; this
// one iterates a snapshot).
type pqIterator struct {
	q    *kPQueue
	xs   []kValue
	i    int
	last int
	mod  int
}

func (*pqIterator) Class() *interp.Class { return iterImplClass }

func (it *pqIterator) Next(co *kCoro) (kValue, bool, error) {
	if it.i >= len(it.xs) {
		return kNull, false, nil
	}
	if it.q.mod != it.mod {
		return kNull, false, co.Errorf("java.util.ConcurrentModificationException", "")
	}
	it.last = it.i
	it.i++
	return it.xs[it.last], true, nil
}

func (it *pqIterator) hasNext(co *kCoro) (bool, error) { return it.i < len(it.xs), nil }

func kAsPQueue(co *kCoro, this kValue) (*kPQueue, error) {
	if q, ok := this.AsObject().(*kPQueue); ok {
		return q, nil
	}
	return nil, kUnsupported(co)
}

// pqMethod registers a method of PriorityQueue on its kPQueue.
func pqMethod(name string, fn func(co *kCoro, q *kPQueue, args []kValue) (kValue, error)) {
	kMethod(PriorityQueueClass, name, func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		q, err := kAsPQueue(co, this)
		if err != nil {
			return kNull, err
		}
		return fn(co, q, args)
	})
}

func initPriorityQueueMethods() {
	PriorityQueueClass.SetFactory(kNewPriorityQueue, "initialCapacity", "comparator")
	add := func(co *kCoro, q *kPQueue, args []kValue) (kValue, error) {
		return interp.True, q.offer(co, args[0])
	}
	pqMethod("add", add)
	pqMethod("offer", add)
	addAll := func(co *kCoro, q *kPQueue, args []kValue) (kValue, error) {
		xs, err := kCopyElems(co, args[0])
		if err != nil {
			return kNull, err
		}
		for _, x := range xs {
			if err := q.offer(co, x); err != nil {
				return kNull, err
			}
		}
		return interp.Bool(len(xs) > 0), nil
	}
	pqMethod("addAll", addAll)
	pqMethod("plusAssign", func(co *kCoro, q *kPQueue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := addAll(co, q, args)
			return interp.Unit, err
		}
		return interp.Unit, q.offer(co, args[0])
	})
	pqMethod("poll", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) { return q.poll(co) })
	pqMethod("peek", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) {
		if len(q.heap) == 0 {
			return kNull, nil
		}
		return q.heap[0], nil
	})
	pqMethod("element", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) {
		if len(q.heap) == 0 {
			return kNull, kNoSuchElement(co, "")
		}
		return q.heap[0], nil
	})
	pqMethod("remove", func(co *kCoro, q *kPQueue, args []kValue) (kValue, error) {
		if !kHasArg(args, 0) {
			if len(q.heap) == 0 {
				return kNull, kNoSuchElement(co, "")
			}
			return q.poll(co)
		}
		i, err := q.indexOf(co, args[0])
		if err != nil || i < 0 {
			return interp.False, err
		}
		return interp.True, q.removeAt(co, i)
	})
	pqMethod("contains", func(co *kCoro, q *kPQueue, args []kValue) (kValue, error) {
		i, err := q.indexOf(co, args[0])
		return interp.Bool(i >= 0), err
	})
	pqMethod("clear", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) {
		q.mod++
		q.heap = nil
		return interp.Unit, nil
	})
	pqMethod("isEmpty", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) {
		return interp.Bool(len(q.heap) == 0), nil
	})
	pqMethod("comparator", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) { return q.cmp, nil })
	pqMethod("iterator", func(co *kCoro, q *kPQueue, _ []kValue) (kValue, error) {
		if err := allocValues(co, len(q.heap)); err != nil {
			return kNull, err
		}
		xs := append([]kValue(nil), q.heap...)
		return interp.Obj(&pqIterator{q: q, xs: xs, mod: q.mod, last: -1}), nil
	})
	PriorityQueueClass.AddProp("size", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		q, err := kAsPQueue(co, this)
		if err != nil {
			return kNull, err
		}
		return interp.Int(int32(len(q.heap))), nil
	})
}
