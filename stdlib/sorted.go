package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the sorted collections, java.util.TreeSet and TreeMap
// (interp.Map in its sorted mode): sortedSetOf, sortedMapOf, toSortedSet,
// toSortedMap, the TreeSet/TreeMap constructors, and the navigation
// methods of SortedSet/NavigableSet and SortedMap/NavigableMap (first,
// last, headSet, tailSet, subSet, floor, ceiling, firstKey, headMap, ...).
// headSet, tailMap & co. return sorted copies, not views of the original.

// The sorted collection interfaces and their classes.
var (
	SortedSetClass    = kInterface("SortedSet", "java.util.SortedSet", interp.MutableSetClass)
	NavigableSetClass = kInterface("NavigableSet", "java.util.NavigableSet", SortedSetClass)
	SortedMapClass    = kInterface("SortedMap", "java.util.SortedMap", interp.MutableMapClass)
	NavigableMapClass = kInterface("NavigableMap", "java.util.NavigableMap", SortedMapClass)
	TreeSetClass      = interp.NewClass("TreeSet", "java.util.TreeSet", interp.AnyClass, NavigableSetClass)
	TreeMapClass      = interp.NewClass("TreeMap", "java.util.TreeMap", interp.AnyClass, NavigableMapClass)
)

func kInterface(name, qname string, supers ...*interp.Class) *interp.Class {
	return &interp.Class{Name: name, QName: qname, Interface: true, Interfaces: supers,
		Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}}
}

func installSorted(in *interp.Interp) {
	for _, c := range []*interp.Class{SortedSetClass, NavigableSetClass, SortedMapClass, NavigableMapClass, TreeSetClass, TreeMapClass} {
		in.DefineType(c)
	}
	for _, imp := range []string{"java.util.TreeSet", "java.util.TreeMap", "java.util.SortedSet",
		"java.util.SortedMap", "java.util.NavigableSet", "java.util.NavigableMap"} {
		in.DefineImport(imp)
	}
	in.DefineFunc("sortedSetOf", fnSortedSetOf)
	in.DefineFunc("sortedMapOf", fnSortedMapOf)
}

// kIsComparator reports whether v can only be a comparator argument (a
// built-in comparator, a lambda, or an object implementing Comparator)
// rather than a collection.
func kIsComparator(v kValue) bool {
	switch o := v.AsObject().(type) {
	case *kComparator, *interp.Closure, *interp.Native:
		return true
	case *interp.Instance:
		return o.Class().IsSubclassOf(ComparatorClass)
	}
	return false
}

// kNewSorted returns an empty TreeSet or TreeMap (class c) ordered by the
// comparator value cmpV, or naturally when it is null.
func kNewSorted(c *interp.Class, cmpV kValue) *interp.Map {
	var cmp interp.SortFunc
	if cmpV.IsNull() {
		cmp = func(co *kCoro, a, b kValue) (int, error) {
			if a.IsNull() || b.IsNull() {
				return 0, co.Errorf("java.lang.NullPointerException", "")
			}
			return kNatural(co)(a, b)
		}
	} else {
		cmp = func(co *kCoro, a, b kValue) (int, error) { return kComparatorFunc(co, cmpV)(a, b) }
	}
	return interp.NewSortedMap(c, cmp, cmpV)
}

// kSortedLike returns an empty sorted collection of m's class and order.
func kSortedLike(m *interp.Map) *interp.Map {
	_, cmpV, _ := m.SortedBy()
	return kNewSorted(m.Class(), cmpV)
}

// kFillSet adds xs to the set m.
func kFillSet(co *kCoro, m *interp.Map, xs []kValue) error {
	if err := co.CheckAlloc(len(xs), kSetEntryBytes); err != nil {
		return err
	}
	for i, x := range xs {
		if _, _, err := m.Put(co, x, interp.Unit); err != nil {
			return err
		}
		if err := co.WorkAt(i); err != nil {
			return err
		}
	}
	return nil
}

// kFillMap puts the entries of a map, or the pairs of a list, into m.
func kFillMap(co *kCoro, m *interp.Map, src kValue) error {
	if sm := kAsMap(src); sm != nil && !sm.IsSet() {
		keys, vals, err := kMapEntries(co, sm)
		if err != nil {
			return err
		}
		return kPutAll(co, m, keys, vals)
	}
	xs, err := kElemsOf(co, src)
	if err != nil {
		return err
	}
	return kPutPairs(co, m, xs)
}

// kPutPairs puts Pair values (a to b, or entries) into m.
func kPutPairs(co *kCoro, m *interp.Map, pairs []kValue) error {
	for i, p := range pairs {
		k, v, err := kPairParts(co, p)
		if err != nil {
			return err
		}
		if _, _, err := m.Put(co, k, v); err != nil {
			return err
		}
		if err := co.WorkAt(i); err != nil {
			return err
		}
	}
	return nil
}

// sortedSetOf(vararg elements) and sortedSetOf(comparator, vararg elements).
func fnSortedSetOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	cmpV := kNull
	if len(args) > 0 && kIsComparator(args[0]) {
		cmpV, args = args[0], args[1:]
	}
	m := kNewSorted(TreeSetClass, cmpV)
	return interp.Obj(m), kFillSet(co, m, args)
}

// sortedMapOf(vararg pairs) and sortedMapOf(comparator, vararg pairs).
func fnSortedMapOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	cmpV := kNull
	if len(args) > 0 && kIsComparator(args[0]) {
		cmpV, args = args[0], args[1:]
	}
	m := kNewSorted(TreeMapClass, cmpV)
	return interp.Obj(m), kPutPairs(co, m, args)
}

// kTreeFactory is TreeSet(), TreeSet(comparator), TreeSet(collection)
// and the same for TreeMap (a map to copy).
func kTreeFactory(c *interp.Class) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if !kHasArg(args, 0) || args[0].IsNull() {
			return interp.Obj(kNewSorted(c, kNull)), nil
		}
		if kIsComparator(args[0]) {
			return interp.Obj(kNewSorted(c, args[0])), nil
		}
		cmpV := kNull
		if src := kAsMap(args[0]); src != nil && src.IsSorted() {
			_, cmpV, _ = src.SortedBy() // a sorted source keeps its order
		}
		m := kNewSorted(c, cmpV)
		if c == TreeMapClass {
			return interp.Obj(m), kFillMap(co, m, args[0])
		}
		xs, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		return interp.Obj(m), kFillSet(co, m, xs)
	}
}

// kToSortedSet is Iterable.toSortedSet() and toSortedSet(comparator).
func kToSortedSet(co *kCoro, this kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, this)
	if err != nil {
		return kNull, err
	}
	m := kNewSorted(TreeSetClass, kArgOr(args, 0, kNull))
	return interp.Obj(m), kFillSet(co, m, xs)
}

// kToSortedMap is Map.toSortedMap() and toSortedMap(comparator).
func kToSortedMap(co *kCoro, this kValue, args []kValue) (kValue, error) {
	m := kNewSorted(TreeMapClass, kArgOr(args, 0, kNull))
	return interp.Obj(m), kFillMap(co, m, this)
}

// kRange copies the entries of the sorted m from position lo up to (not
// including) hi into a new sorted collection of the same kind.
func kRange(co *kCoro, m *interp.Map, lo, hi int) (kValue, error) {
	out := kSortedLike(m)
	if hi <= lo {
		return interp.Obj(out), nil
	}
	if err := co.CheckAlloc(hi-lo, kSetEntryBytes); err != nil {
		return kNull, err
	}
	for i := lo; i < hi; i++ {
		if _, _, err := out.Put(co, m.Keys[i], m.Vals[i]); err != nil {
			return kNull, err
		}
		if err := co.WorkAt(i - lo); err != nil {
			return kNull, err
		}
	}
	return interp.Obj(out), nil
}

// kBound returns the position of the first key after the keys below key
// (inclusive: also after key itself).
func kBound(co *kCoro, m *interp.Map, key kValue, inclusive bool) (int, error) {
	i, found, err := m.Search(co, key)
	if found && inclusive {
		i++
	}
	return i, err
}

// kNeighbour finds the greatest key below (lower, or floor with equal
// allowed) or the least key above (higher, ceiling) key: its position,
// or -1.
func kNeighbour(co *kCoro, m *interp.Map, key kValue, above, orEqual bool) (int, error) {
	i, found, err := m.Search(co, key)
	if err != nil {
		return -1, err
	}
	switch {
	case found && orEqual:
		return i, nil
	case above && found:
		i++
	case !above:
		i--
	}
	if i < 0 || i >= m.Len() {
		return -1, nil
	}
	return i, nil
}

func kSortedThis(this kValue) *interp.Map { return kAsMap(this) }

func initSortedMethods() {
	TreeSetClass.SetFactory(kTreeFactory(TreeSetClass), "comparator")
	TreeMapClass.SetFactory(kTreeFactory(TreeMapClass), "comparator")
	endKey := func(first bool, entry bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			m := kSortedThis(this)
			if m.Len() == 0 {
				if entry {
					return kNull, nil
				}
				return kNull, kNoSuchElement(co, "")
			}
			i := m.Len() - 1
			if first {
				i = 0
			}
			if entry {
				return interp.Obj(&interp.MapEntry{Key: m.Keys[i], Val: m.Vals[i]}), nil
			}
			return m.Keys[i], nil
		}
	}
	poll := func(first, entry bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			m := kSortedThis(this)
			if m.Len() == 0 {
				return kNull, nil
			}
			i := m.Len() - 1
			if first {
				i = 0
			}
			k, v := m.Keys[i], m.Vals[i]
			m.RemoveAt(i)
			if entry {
				return interp.Obj(&interp.MapEntry{Key: k, Val: v}), nil
			}
			return k, nil
		}
	}
	// head: keys below to (or up to it, inclusive)
	head := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kSortedThis(this)
		hi, err := kBound(co, m, args[0], kHasArg(args, 1) && args[1].AsBool())
		if err != nil {
			return kNull, err
		}
		return kRange(co, m, 0, hi)
	}
	// tail: keys from from (or above it, not inclusive)
	tail := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kSortedThis(this)
		lo, err := kBound(co, m, args[0], kHasArg(args, 1) && !args[1].AsBool())
		if err != nil {
			return kNull, err
		}
		return kRange(co, m, lo, m.Len())
	}
	// sub(from, to) or sub(from, fromInclusive, to, toInclusive)
	sub := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kSortedThis(this)
		from, fromIn, to, toIn := args[0], true, kArgOr(args, 1, kNull), false
		if len(args) >= 4 {
			fromIn, to, toIn = args[1].AsBool(), args[2], args[3].AsBool()
		}
		if c, _, _ := m.SortedBy(); c != nil {
			d, err := c(co, from, to)
			if err != nil {
				return kNull, err
			}
			if d > 0 {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "fromKey > toKey")
			}
		}
		lo, err := kBound(co, m, from, !fromIn)
		if err != nil {
			return kNull, err
		}
		hi, err := kBound(co, m, to, toIn)
		if err != nil {
			return kNull, err
		}
		return kRange(co, m, lo, hi)
	}
	neighbour := func(above, orEqual, entry bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			m := kSortedThis(this)
			i, err := kNeighbour(co, m, args[0], above, orEqual)
			if err != nil || i < 0 {
				return kNull, err
			}
			if entry {
				return interp.Obj(&interp.MapEntry{Key: m.Keys[i], Val: m.Vals[i]}), nil
			}
			return m.Keys[i], nil
		}
	}
	comparator := func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		_, cmpV, _ := kSortedThis(this).SortedBy()
		return cmpV, nil
	}
	descending := func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		m := kSortedThis(this)
		cmp, _, _ := m.SortedBy()
		out := interp.NewSortedMap(m.Class(), func(co *kCoro, a, b kValue) (int, error) { return cmp(co, b, a) },
			cmpV(func(co *kCoro, a, b kValue) (int, error) { return cmp(co, b, a) }))
		for i := m.Len() - 1; i >= 0; i-- {
			if _, _, err := out.Put(co, m.Keys[i], m.Vals[i]); err != nil {
				return kNull, err
			}
			if err := co.WorkAt(i); err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	}
	s := NavigableSetClass
	kMethod(s, "first", endKey(true, false))
	kMethod(s, "last", endKey(false, false))
	kMethod(s, "pollFirst", poll(true, false))
	kMethod(s, "pollLast", poll(false, false))
	kMethod(s, "headSet", head, "toElement", "inclusive")
	kMethod(s, "tailSet", tail, "fromElement", "inclusive")
	kMethod(s, "subSet", sub)
	kMethod(s, "floor", neighbour(false, true, false))
	kMethod(s, "lower", neighbour(false, false, false))
	kMethod(s, "ceiling", neighbour(true, true, false))
	kMethod(s, "higher", neighbour(true, false, false))
	kMethod(s, "comparator", comparator)
	kMethod(s, "descendingSet", descending)
	m := NavigableMapClass
	kMethod(m, "firstKey", endKey(true, false))
	kMethod(m, "lastKey", endKey(false, false))
	kMethod(m, "firstEntry", endKey(true, true))
	kMethod(m, "lastEntry", endKey(false, true))
	kMethod(m, "pollFirstEntry", poll(true, true))
	kMethod(m, "pollLastEntry", poll(false, true))
	kMethod(m, "headMap", head, "toKey", "inclusive")
	kMethod(m, "tailMap", tail, "fromKey", "inclusive")
	kMethod(m, "subMap", sub)
	kMethod(m, "floorKey", neighbour(false, true, false))
	kMethod(m, "lowerKey", neighbour(false, false, false))
	kMethod(m, "ceilingKey", neighbour(true, true, false))
	kMethod(m, "higherKey", neighbour(true, false, false))
	kMethod(m, "floorEntry", neighbour(false, true, true))
	kMethod(m, "lowerEntry", neighbour(false, false, true))
	kMethod(m, "ceilingEntry", neighbour(true, true, true))
	kMethod(m, "higherEntry", neighbour(true, false, true))
	kMethod(m, "comparator", comparator)
	kMethod(m, "descendingMap", descending)
}
