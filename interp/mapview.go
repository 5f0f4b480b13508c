package interp

// This file holds the live views of a Map: its keys, values and entries
// (Map.keys, Map.values, Map.entries), which read the map at every use
// and write removals through to it, as java.util.HashMap's do.

// MapViewKind tells which view of a map a MapView is.
type MapViewKind uint8

// The views of a map.
const (
	MapKeys    MapViewKind = iota // Map.keys: a set of the keys
	MapValues                     // Map.values: a collection of the values
	MapEntries                    // Map.entries: a set of Map.Entry
)

// MapView is a live view of a Map's keys, values or entries: its size,
// contents and order are the map's at each use, and removing through it
// removes entries from the map. Adding through it is unsupported.
type MapView struct {
	idHash
	// M is the map the view shows.
	M *Map
	// Kind tells whether the view shows the keys, values or entries.
	Kind MapViewKind
}

// Classes of the map views, named after the JVM's: the LinkedHashMap
// ones are the bases (the standard library adds their methods), the
// HashMap and TreeMap ones only rename them.
var (
	KeySetViewClass   = NewClass("LinkedKeySet", "java.util.LinkedHashMap$LinkedKeySet", AnyClass, MutableSetClass)
	ValuesViewClass   = NewClass("LinkedValues", "java.util.LinkedHashMap$LinkedValues", AnyClass, CollectionClass)
	EntrySetViewClass = NewClass("LinkedEntrySet", "java.util.LinkedHashMap$LinkedEntrySet", AnyClass, MutableSetClass)

	hashViewClasses = [3]*Class{
		NewClass("KeySet", "java.util.HashMap$KeySet", KeySetViewClass),
		NewClass("Values", "java.util.HashMap$Values", ValuesViewClass),
		NewClass("EntrySet", "java.util.HashMap$EntrySet", EntrySetViewClass),
	}
	treeViewClasses = [3]*Class{
		NewClass("KeySet", "java.util.TreeMap$KeySet", KeySetViewClass),
		NewClass("Values", "java.util.TreeMap$Values", ValuesViewClass),
		NewClass("EntrySet", "java.util.TreeMap$EntrySet", EntrySetViewClass),
	}
)

// View returns the kind view of m: the same object at every call, as
// the JVM's maps keep theirs.
func (m *Map) View(kind MapViewKind) *MapView {
	if m.views == nil {
		m.views = new([3]*MapView)
	}
	v := m.views[kind]
	if v == nil {
		v = &MapView{M: m, Kind: kind}
		m.views[kind] = v
	}
	return v
}

// Class returns the view's class, after the map's flavour.
func (v *MapView) Class() *Class {
	switch {
	case v.M.sorted != nil:
		return treeViewClasses[v.Kind]
	case v.M.IsHashOrdered():
		return hashViewClasses[v.Kind]
	}
	return [3]*Class{KeySetViewClass, ValuesViewClass, EntrySetViewClass}[v.Kind]
}

// Len returns the number of elements (the map's size).
func (v *MapView) Len() int { return v.M.n }

// IsSet reports whether the view is a set (keys or entries).
func (v *MapView) IsSet() bool { return v.Kind != MapValues }

// elem returns the view's element for the entry at slot i.
func (v *MapView) elem(i int) Value {
	switch v.Kind {
	case MapKeys:
		return v.M.Keys[i]
	case MapValues:
		return v.M.Vals[i]
	}
	return Obj(v.M.Entry(v.M.Keys[i], v.M.Vals[i]))
}

// Elems returns the view's elements in the map's iteration order.
func (v *MapView) Elems() []Value {
	order := v.M.IterationOrder()
	out := make([]Value, len(order))
	for j, i := range order {
		out[j] = v.elem(i)
	}
	return out
}

// Contains reports whether x is an element of the view: a key, a value,
// or an entry whose key maps to an equal value.
func (v *MapView) Contains(co *Coroutine, x Value) (bool, error) {
	switch v.Kind {
	case MapKeys:
		_, ok, err := v.M.Get(co, x)
		return ok, err
	case MapEntries:
		e, ok := x.o.(*MapEntry)
		if !ok {
			return false, nil
		}
		val, found, err := v.M.Get(co, e.Key)
		if err != nil || !found {
			return false, err
		}
		ev, err := e.Value(co)
		if err != nil {
			return false, err
		}
		return co.Equals(val, ev)
	}
	i, err := v.IndexOfValue(co, x)
	return i >= 0, err
}

// order returns the map's iteration order (see Map.IterationOrder),
// charging the slice it makes.
func (v *MapView) order(co *Coroutine) ([]int, error) {
	if err := co.CheckAlloc(len(v.M.Keys), 8); err != nil {
		return nil, err
	}
	return v.M.IterationOrder(), nil
}

// IndexOfValue returns the slot of the first entry (in iteration order)
// whose value equals x, or -1.
func (v *MapView) IndexOfValue(co *Coroutine, x Value) (int, error) {
	order, err := v.order(co)
	if err != nil {
		return -1, err
	}
	for j, i := range order {
		eq, err := co.Equals(v.M.Vals[i], x)
		if err == nil {
			err = co.WorkAt(j)
		}
		if err != nil || eq {
			if !eq {
				i = -1
			}
			return i, err
		}
	}
	return -1, nil
}

// contains reports whether the set value s (a hash set or a set view)
// holds x; ok is false when s is no set.
func setContains(co *Coroutine, s Value, x Value) (in, ok bool, err error) {
	switch o := s.o.(type) {
	case *Map:
		if !o.IsSet() {
			return false, false, nil
		}
		_, in, err = o.Get(co, x)
		return in, true, err
	case *MapView:
		if !o.IsSet() {
			return false, false, nil
		}
		in, err = o.Contains(co, x)
		return in, true, err
	}
	return false, false, nil
}

// setLen returns the size of a set value (see setContains).
func setLen(s Value) int {
	switch o := s.o.(type) {
	case *Map:
		return o.n
	case *MapView:
		return o.M.n
	}
	return -1
}

// equals is AbstractSet.equals for keys and entries (same size, and
// every element of the view in the other set); values compare by
// identity, as on the JVM.
func (v *MapView) equals(co *Coroutine, other Value) (bool, error) {
	if !v.IsSet() || setLen(other) != v.M.n {
		return false, nil
	}
	if ov, ok := other.o.(*MapView); ok && !ov.IsSet() {
		return false, nil
	}
	if m, ok := other.o.(*Map); ok && !m.IsSet() {
		return false, nil
	}
	order, err := v.order(co)
	if err != nil {
		return false, err
	}
	for j, i := range order {
		in, _, err := setContains(co, other, v.elem(i))
		if err == nil {
			err = co.WorkAt(j)
		}
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// hashCode is AbstractSet.hashCode (the sum of the elements' hash codes)
// for keys and entries, the identity hash for values.
func (v *MapView) hashCode(co *Coroutine) (int32, error) {
	if !v.IsSet() {
		return identityHash(v), nil
	}
	var h int32
	for i := range v.M.Keys {
		if !v.M.live[i] {
			continue
		}
		kh, err := co.HashCode(v.M.Keys[i])
		if err == nil {
			err = co.WorkAt(i)
		}
		if err != nil {
			return 0, err
		}
		if v.Kind == MapEntries {
			vh, err := co.HashCode(v.M.Vals[i])
			if err != nil {
				return 0, err
			}
			kh ^= vh
		}
		h += kh
	}
	return h, nil
}

// toString prints the view as a collection: [a, b], [1, 2], [a=1, b=2].
func (v *MapView) toString(co *Coroutine) (string, error) {
	if err := co.CheckAlloc(v.M.n, ValueBytes); err != nil {
		return "", err
	}
	return co.joinValues(v.Elems(), "[", "]", v)
}

// iterator returns an iterator over the view for loops.
func (v *MapView) iterator() *mapIter {
	it := newMapIter(v.M)
	it.yield = v.Kind
	return it
}
