package interp

import "slices"

// This file holds the sorted mode of Map, the representation of
// java.util.TreeMap and TreeSet: the entries stay physically in the order
// of a comparator, keys are found by binary search with it (two keys the
// comparator calls equal are the same key, as in Java), and there is no
// hash index.

// SortFunc is the order of a sorted map: negative, zero or positive as a
// sorts before, with or after b. Its error (a script comparator's
// exception) stops the operation that compared.
type SortFunc func(co *Coroutine, a, b Value) (int, error)

// NewSortedMap returns an empty map of class c (TreeMap, TreeSet) whose
// entries stay sorted by cmp. The comparator value cmpV (Null for the
// natural order) is what comparator() returns.
func NewSortedMap(c *Class, cmp SortFunc, cmpV Value) *Map {
	return &Map{index: map[mapKey][]int{}, cls: c, sorted: &sortState{cmp: cmp, value: cmpV}}
}

// sortState is the order of a sorted map.
type sortState struct {
	cmp   SortFunc
	value Value
}

// IsSorted reports whether m keeps its entries sorted (see NewSortedMap).
func (m *Map) IsSorted() bool { return m.sorted != nil }

// SortedBy returns the order of a sorted map and its comparator value
// (Null for the natural order); ok is false for other maps.
func (m *Map) SortedBy() (cmp SortFunc, cmpV Value, ok bool) {
	if m.sorted == nil {
		return nil, Null, false
	}
	return m.sorted.cmp, m.sorted.value, true
}

// Search returns the position in Keys where key is or would be inserted,
// and whether it is there. It calls the comparator O(log n) times; for
// other maps it returns (-1, false, nil).
func (m *Map) Search(co *Coroutine, key Value) (int, bool, error) {
	if m.sorted == nil {
		return -1, false, nil
	}
	var err error
	i, found := slices.BinarySearchFunc(m.Keys, key, func(e, k Value) int {
		if err != nil {
			return 0
		}
		c, e2 := m.sorted.cmp(co, e, k)
		if e2 != nil {
			err = e2
		}
		return c
	})
	if err != nil {
		return -1, false, err
	}
	return i, found, nil
}

// findSorted is find for a sorted map.
func (m *Map) findSorted(co *Coroutine, key Value) (int, error) {
	i, found, err := m.Search(co, key)
	if err != nil || !found {
		return -1, err
	}
	return i, nil
}

// putSorted is Put for a sorted map: an absent key is inserted at its
// place.
func (m *Map) putSorted(co *Coroutine, key, v Value) (Value, bool, error) {
	if m.n == 0 {
		// the JVM compares the first key with itself (a null or
		// non-comparable key throws)
		if _, err := m.sorted.cmp(co, key, key); err != nil {
			return Null, false, err
		}
	}
	i, found, err := m.Search(co, key)
	if err != nil || found {
		return m.replaceAt(i, found, v, err)
	}
	if err := m.checkGrowth(co); err != nil {
		return Null, false, err
	}
	m.Keys = slices.Insert(m.Keys, i, key)
	m.Vals = slices.Insert(m.Vals, i, v)
	m.live = append(m.live, true)
	m.n++
	m.modCount++
	return Null, false, nil
}

// removeSorted is Remove for a sorted map.
func (m *Map) removeSorted(co *Coroutine, key Value) (Value, bool, error) {
	i, err := m.findSorted(co, key)
	if err != nil || i < 0 {
		return Null, false, err
	}
	old := m.Vals[i]
	m.RemoveAt(i)
	return old, true, nil
}

// RemoveAt deletes the entry at position i of a sorted map (0 is the
// first key); other maps are left alone.
func (m *Map) RemoveAt(i int) {
	if m.sorted == nil || i < 0 || i >= len(m.Keys) {
		return
	}
	m.Keys = slices.Delete(m.Keys, i, i+1)
	m.Vals = slices.Delete(m.Vals, i, i+1)
	m.live = m.live[:len(m.live)-1]
	m.n--
	m.modCount++
}
