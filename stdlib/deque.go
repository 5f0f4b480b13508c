package stdlib

import (
	"slices"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds kotlin.collections.ArrayDeque, a MutableList (an
// interp.List of its own class) with cheap access at both ends: the list
// methods apply, and addFirst/removeFirst/removeLast & co. (lists.go) say
// "ArrayDeque is empty." as Kotlin's do.

// ArrayDequeClass is kotlin.collections.ArrayDeque.
var ArrayDequeClass = interp.NewClass("ArrayDeque", "kotlin.collections.ArrayDeque", interp.AnyClass, interp.MutableListClass)

func installDeque(in *interp.Interp) {
	in.DefineType(ArrayDequeClass)
	in.DefineImport("kotlin.collections.ArrayDeque")
}

// kNewArrayDeque is ArrayDeque(), ArrayDeque(initialCapacity) and
// ArrayDeque(elements).
func kNewArrayDeque(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	var xs []kValue
	switch {
	case !kHasArg(args, 0):
	case args[0].IsNumber():
		if n := args[0].ToInt64(); n < 0 {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "Illegal Capacity: %d", n)
		}
	default:
		var err error
		if xs, err = kCopyElems(co, args[0]); err != nil {
			return kNull, err
		}
	}
	if xs == nil {
		xs = []kValue{}
	}
	return interp.Obj(interp.NewListOf(ArrayDequeClass, xs)), nil
}

func initDequeMethods() {
	ArrayDequeClass.SetFactory(kNewArrayDeque, "initialCapacity")
	// addFirst on a long deque shifts the elements: as much work as a copy
	kMethod(ArrayDequeClass, "addFirst", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := co.CheckGrowth(l.Len(), cap(l.Elems), interp.ValueBytes); err != nil {
			return kNull, err
		}
		if err := co.Work(l.Len() / 64); err != nil {
			return kNull, err
		}
		l.Elems = slices.Insert(l.Elems, 0, args[0])
		l.Touch()
		return interp.Unit, nil
	})
}
