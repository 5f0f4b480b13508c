package interp

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
)

// List is a list or an array. Lists made by listOf are read-only in
// Kotlin but share the representation; arrays have a fixed size. Elems
// holds the elements; a host that changes its length directly should call
// Touch, so that iterators in progress throw
// ConcurrentModificationException as on the JVM.
//
// A List is not synchronised: scripts on several threads rely on the
// standard library's lock, so read or write a list scripts can reach only
// where script code of its interpreter cannot run at the same time.
type List struct {
	idHash
	Elems    []Value
	cls      *Class
	modCount int
}

// Class returns the list's class (ArrayList, Array, IntArray, ...).
func (l *List) Class() *Class { return l.cls }

// NewList returns a mutable list (ArrayList) holding elems.
func NewList(elems []Value) *List { return &List{Elems: elems, cls: ArrayListClass} }

// NewArray returns an Array holding elems.
func NewArray(elems []Value) *List { return &List{Elems: elems, cls: ArrayClass} }

// NewTypedArray returns an array of class c (IntArray, ...) holding elems.
func NewTypedArray(c *Class, elems []Value) *List { return &List{Elems: elems, cls: c} }

// Len returns the number of elements.
func (l *List) Len() int { return len(l.Elems) }

// IsArray reports whether l is an array rather than a list.
func (l *List) IsArray() bool { return !l.cls.IsSubclassOf(ListClass) }

func (l *List) get(i int) (Value, bool) {
	if i < 0 || i >= len(l.Elems) {
		return Null, false
	}
	return l.Elems[i], true
}

// Snapshot returns a copy of the elements.
func (l *List) Snapshot() []Value { return append([]Value(nil), l.Elems...) }

// Append adds v at the end (a structural modification).
func (l *List) Append(v Value) {
	l.Elems = append(l.Elems, v)
	l.modCount++
}

// Touch records a structural modification (for
// ConcurrentModificationException).
func (l *List) Touch() { l.modCount++ }

func indexMsg(i, size int) string {
	return "Index: " + itoa(i) + ", Size: " + itoa(size)
}

func (l *List) equals(co *Coroutine, other Value) (bool, error) {
	if l.IsArray() {
		return false, nil
	}
	var ys []Value
	switch o := other.o.(type) {
	case *List:
		if o.IsArray() {
			return false, nil
		}
		ys = o.Elems
	case *Range:
		if o.count() != int64(len(l.Elems)) {
			return false, nil
		}
		ys = o.values()
	default:
		return false, nil
	}
	if len(ys) != len(l.Elems) {
		return false, nil
	}
	for i := range ys {
		eq, err := co.Equals(l.Elems[i], ys[i])
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

func (l *List) hashCode(co *Coroutine) (int32, error) {
	if l.IsArray() {
		return identityHash(l), nil
	}
	h := int32(1)
	for _, e := range l.Elems {
		x, err := co.HashCode(e)
		if err != nil {
			return 0, err
		}
		h = 31*h + x
	}
	return h, nil
}

func (l *List) toString(co *Coroutine) (string, error) {
	if k := unsignedStorage(l.cls); k != KNull {
		// an unsigned array is a value class printing its signed storage
		vals := make([]Value, len(l.Elems))
		for i, e := range l.Elems {
			vals[i] = FromBits(k, e.n)
		}
		return co.joinValues(vals, l.cls.Name+"(storage=[", "])")
	}
	if l.IsArray() {
		return arrayIdentity(l), nil
	}
	return co.joinValues(l.Elems, "[", "]", l)
}

func arrayIdentity(l *List) string {
	prefix := "[Ljava.lang.Object;"
	switch l.cls {
	case IntArrayClass:
		prefix = "[I"
	case LongArrayClass:
		prefix = "[J"
	case DoubleArrayClass:
		prefix = "[D"
	case BooleanArrayClass:
		prefix = "[Z"
	case CharArrayClass:
		prefix = "[C"
	case ByteArrayClass, UByteArrayClass:
		prefix = "[B"
	case ShortArrayClass, UShortArrayClass:
		prefix = "[S"
	case FloatArrayClass:
		prefix = "[F"
	case UIntArrayClass:
		prefix = "[I"
	case ULongArrayClass:
		prefix = "[J"
	case ArrayClass:
		if c := commonClass(l.Elems); c != nil {
			prefix = "[L" + binaryName(c) + ";"
		}
	}
	return prefix + "@" + hex32(uint32(identityHash(l)))
}

// commonClass approximates the element type an Array was created with
// (its JVM class is Integer[] for arrayOf(1)): the nearest class all its
// non-null elements share, or nil (Object) for none or only Any.
func commonClass(elems []Value) *Class {
	var common *Class
	for _, e := range elems {
		if e.o == nil {
			continue
		}
		c := classOf(e)
		if common == nil {
			common = c
			continue
		}
		for common != nil && c != common && !c.IsSubclassOf(common) {
			common = common.Super
		}
		if common == nil || common == AnyClass {
			return nil
		}
	}
	if common == AnyClass {
		return nil
	}
	return common
}

func hex32(u uint32) string {
	const digits = "0123456789abcdef"
	if u == 0 {
		return "0"
	}
	var b [8]byte
	i := len(b)
	for u > 0 {
		i--
		b[i] = digits[u&15]
		u >>= 4
	}
	return string(b[i:])
}

// joinValues formats values as prefix + "a, b" + suffix; an element that
// is the collection itself prints as Kotlin's "(this Collection)".
func (co *Coroutine) joinValues(vals []Value, prefix, suffix string, self ...any) (string, error) {
	var b strings.Builder
	b.WriteString(prefix)
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		if len(self) > 0 && v.Kind() == KObject && v.o == self[0] {
			b.WriteString("(this Collection)")
			continue
		}
		s, err := co.ToString(v)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
		if err := co.CheckAlloc(b.Len(), 4); err != nil {
			return "", err
		}
	}
	b.WriteString(suffix)
	return b.String(), nil
}

// mapKey is the Go map key of a script value: primitives and strings by
// value, other objects by hash code (collisions resolved with Equals).
type mapKey struct {
	k Kind
	n uint64
	s string
}

// MapEntryBytes estimates the bytes an entry of a Map takes (its key and
// value, its slot in the hash index), for Coroutine.CheckAlloc.
const MapEntryBytes = 2*ValueBytes + 96

// Map is an insertion-ordered hash map (LinkedHashMap semantics; HashMap
// and hash sets share it). Sets are Maps whose values are unused.
//
// Keys and Vals hold the entries by slot, in insertion order, with the
// slots of removed entries left in place as null until the map is
// compacted: read them through Each, EntryList, IterationOrder or ValueAt,
// and add or remove entries only with Put, Remove and Clear (the hash
// index is kept beside them). Get, Put and Remove take the calling
// coroutine because keys are compared with the script's equals and
// hashCode. Like List, a Map is not synchronised.
type Map struct {
	idHash
	index    map[mapKey][]int
	Keys     []Value
	Vals     []Value
	live     []bool
	n        int
	cls      *Class
	modCount int
	sorted   *sortState   // TreeMap/TreeSet order (sortedmap.go); nil otherwise
	views    *[3]*MapView // keys, values, entries once asked for (mapview.go)
	valMod   int          // values replaced (see MapEntry.Value)
}

// Class returns the map's class.
func (m *Map) Class() *Class { return m.cls }

// NewMap returns an empty map of class c (LinkedHashMap, HashMap,
// LinkedHashSet, HashSet).
func NewMap(c *Class) *Map { return &Map{index: map[mapKey][]int{}, cls: c} }

// IsSet reports whether m is a set.
func (m *Map) IsSet() bool { return m.cls.IsSubclassOf(SetClass) }

// Len returns the number of entries.
func (m *Map) Len() int { return m.n }

func (co *Coroutine) keyOf(v Value) (mapKey, error) {
	switch v.Kind() {
	case KString:
		return mapKey{k: KString, s: v.o.(string)}, nil
	case KObject:
		h, err := co.HashCode(v)
		return mapKey{k: KObject, n: uint64(uint32(h))}, err
	}
	return mapKey{k: v.Kind(), n: v.n}, nil
}

// find returns the entry index of key, or -1.
func (m *Map) find(co *Coroutine, key Value) (int, mapKey, error) {
	mk, err := co.keyOf(key)
	if err != nil {
		return -1, mk, err
	}
	for _, i := range m.index[mk] {
		if mk.k != KObject {
			return i, mk, nil
		}
		eq, err := co.Equals(m.Keys[i], key)
		if err != nil {
			return -1, mk, err
		}
		if eq {
			return i, mk, nil
		}
	}
	return -1, mk, nil
}

// Get returns the value stored under key and whether there is one. The
// error comes from a script's equals or hashCode.
func (m *Map) Get(co *Coroutine, key Value) (Value, bool, error) {
	if m.sorted != nil {
		i, err := m.findSorted(co, key)
		if err != nil || i < 0 {
			return Null, false, err
		}
		return m.Vals[i], true, nil
	}
	i, _, err := m.find(co, key)
	if err != nil || i < 0 {
		return Null, false, err
	}
	return m.Vals[i], true, nil
}

// Put stores v under key and returns the previous value and whether
// there was one. The error comes from a script's equals or hashCode.
func (m *Map) Put(co *Coroutine, key, v Value) (Value, bool, error) {
	if m.sorted != nil {
		return m.putSorted(co, key, v)
	}
	i, mk, err := m.find(co, key)
	if err != nil || i >= 0 {
		return m.replaceAt(i, i >= 0, v, err)
	}
	if err := m.checkGrowth(co); err != nil {
		return Null, false, err
	}
	m.index[mk] = append(m.index[mk], len(m.Keys))
	m.Keys = append(m.Keys, key)
	m.Vals = append(m.Vals, v)
	m.live = append(m.live, true)
	m.n++
	m.modCount++
	return Null, false, nil
}

// replaceAt ends a Put that found its key at i (or failed with err):
// the value is replaced and the old one returned.
func (m *Map) replaceAt(i int, found bool, v Value, err error) (Value, bool, error) {
	if err != nil || !found {
		return Null, false, err
	}
	old := m.Vals[i]
	m.Vals[i] = v
	m.valMod++
	return old, true, nil
}

// checkGrowth asks the memory budget before an entry is added: the
// entries double when full (and the index grows with them).
func (m *Map) checkGrowth(co *Coroutine) error {
	if co == nil {
		return nil
	}
	return co.CheckGrowth(len(m.Keys), cap(m.Keys), MapEntryBytes)
}

// Remove deletes key and returns its value and whether it was present.
// The error comes from a script's equals or hashCode.
func (m *Map) Remove(co *Coroutine, key Value) (Value, bool, error) {
	if m.sorted != nil {
		return m.removeSorted(co, key)
	}
	i, mk, err := m.find(co, key)
	if err != nil || i < 0 {
		return Null, false, err
	}
	old := m.Vals[i]
	m.live[i] = false
	m.Keys[i], m.Vals[i] = Null, Null
	idx := m.index[mk]
	for j, x := range idx {
		if x == i {
			idx = append(idx[:j:j], idx[j+1:]...)
			break
		}
	}
	if len(idx) == 0 {
		delete(m.index, mk)
	} else {
		m.index[mk] = idx
	}
	m.n--
	m.modCount++
	if len(m.Keys) > 32 && m.n < len(m.Keys)/2 {
		m.compact()
	}
	return old, true, nil
}

func (m *Map) compact() {
	keys, vals := m.Keys, m.Vals
	live := m.live
	m.Keys, m.Vals, m.live = nil, nil, nil
	old := m.index
	m.index = make(map[mapKey][]int, len(old))
	remap := make(map[int]int, m.n)
	for i := range keys {
		if live[i] {
			remap[i] = len(m.Keys)
			m.Keys = append(m.Keys, keys[i])
			m.Vals = append(m.Vals, vals[i])
			m.live = append(m.live, true)
		}
	}
	for k, idx := range old {
		nidx := make([]int, 0, len(idx))
		for _, i := range idx {
			nidx = append(nidx, remap[i])
		}
		m.index[k] = nidx
	}
}

// Clear removes every entry.
func (m *Map) Clear() {
	m.index = map[mapKey][]int{}
	m.Keys, m.Vals, m.live = nil, nil, nil
	m.n = 0
	m.modCount++
}

// Each calls f for every entry in iteration order until f returns false.
func (m *Map) Each(f func(k, v Value) bool) {
	if m.IsHashOrdered() {
		for _, i := range m.IterationOrder() {
			if !f(m.Keys[i], m.Vals[i]) {
				return
			}
		}
		return
	}
	for i := range m.Keys {
		if m.live[i] && !f(m.Keys[i], m.Vals[i]) {
			return
		}
	}
}

// EntryList returns the live keys and values in iteration order.
func (m *Map) EntryList() (keys, vals []Value) {
	m.Each(func(k, v Value) bool {
		keys = append(keys, k)
		vals = append(vals, v)
		return true
	})
	return
}

func (m *Map) toString(co *Coroutine) (string, error) {
	var b strings.Builder
	if m.IsSet() {
		keys, _ := m.EntryList()
		return co.joinValues(keys, "[", "]", m)
	}
	b.WriteByte('{')
	first := true
	var err error
	m.Each(func(k, v Value) bool {
		if !first {
			b.WriteString(", ")
		}
		first = false
		ks, vs := "(this Map)", "(this Map)"
		if k.o != any(m) {
			if ks, err = co.ToString(k); err != nil {
				return false
			}
		}
		if v.o != any(m) {
			if vs, err = co.ToString(v); err != nil {
				return false
			}
		}
		b.WriteString(ks)
		b.WriteByte('=')
		b.WriteString(vs)
		err = co.CheckAlloc(b.Len(), 4)
		return err == nil
	})
	b.WriteByte('}')
	return b.String(), err
}

func (m *Map) equals(co *Coroutine, other Value) (bool, error) {
	if v, ok := other.o.(*MapView); ok {
		if !m.IsSet() {
			return false, nil
		}
		return v.equals(co, Obj(m))
	}
	o, ok := other.o.(*Map)
	if !ok || o.IsSet() != m.IsSet() || o.n != m.n {
		return false, nil
	}
	for i := range m.Keys {
		if !m.live[i] {
			continue
		}
		v, found, err := o.Get(co, m.Keys[i])
		if err != nil || !found {
			return false, err
		}
		if !m.IsSet() {
			eq, err := co.Equals(v, m.Vals[i])
			if err != nil || !eq {
				return false, err
			}
		}
	}
	return true, nil
}

func (m *Map) hashCode(co *Coroutine) (int32, error) {
	var h int32
	for i := range m.Keys {
		if !m.live[i] {
			continue
		}
		kh, err := co.HashCode(m.Keys[i])
		if err != nil {
			return 0, err
		}
		if m.IsSet() {
			h += kh
			continue
		}
		vh, err := co.HashCode(m.Vals[i])
		if err != nil {
			return 0, err
		}
		h += kh ^ vh
	}
	return h, nil
}

// MapEntry is a Map.Entry as seen by iteration: the pair Key, Val, and
// the Owner map it came from (nil for an entry that never was a map's),
// which setValue writes through to. As the JVM's map nodes, an entry of
// a map reads the value the map holds while the key stays in it (use
// Value, not Val); once the key is removed it keeps its last value.
type MapEntry struct {
	Key, Val Value
	Owner    *Map
	stamp    int32 // Owner's change count when Val was read (mapStamp)
	detached bool  // the key was found removed from Owner since
}

// Entry returns the live entry of m for key k, whose value is now v.
func (m *Map) Entry(k, v Value) *MapEntry {
	return &MapEntry{Key: k, Val: v, Owner: m, stamp: m.stamp()}
}

// stamp changes whenever an entry of m is added, removed or replaced
// (kept in 32 bits, so that a MapEntry stays in a 64-byte size class).
func (m *Map) stamp() int32 { return int32(m.modCount + m.valMod) }

// Value returns the entry's value: the map's value for the key while the
// key is in the map, else the last one seen. The error comes from a
// script's equals or hashCode.
func (e *MapEntry) Value(co *Coroutine) (Value, error) {
	m := e.Owner
	if m == nil || e.detached || m.stamp() == e.stamp {
		return e.Val, nil
	}
	v, ok, err := m.Get(co, e.Key)
	if err != nil {
		return Null, err
	}
	if !ok {
		e.detached = true
		return e.Val, nil
	}
	e.Val, e.stamp = v, m.stamp()
	return v, nil
}

// SetValue is MutableEntry.setValue: it replaces the value in the entry
// and, while the key is in the map, in the map; it returns the old value.
func (e *MapEntry) SetValue(co *Coroutine, v Value) (Value, error) {
	old, err := e.Value(co)
	if err != nil {
		return Null, err
	}
	if m := e.Owner; m != nil && !e.detached {
		if _, _, err := m.Put(co, e.Key, v); err != nil {
			return Null, err
		}
		e.stamp = m.stamp()
	}
	e.Val = v
	return old, nil
}

// Class returns Map.Entry.
func (*MapEntry) Class() *Class { return MapEntryClass }

func (e *MapEntry) toString(co *Coroutine) (string, error) {
	k, err := co.ToString(e.Key)
	if err != nil {
		return "", err
	}
	val, err := e.Value(co)
	if err != nil {
		return "", err
	}
	v, err := co.ToString(val)
	return k + "=" + v, err
}

// Range is an integer, long or char progression (IntRange, 1..10 step 2):
// First, Last and Step as Kotlin's progressions define them (Last is the
// written bound, see LastElement), with Elem the element kind. Ranges are
// immutable once made.
type Range struct {
	First, Last, Step int64
	Elem              Kind // KInt, KLong, KChar, KUInt or KULong
}

// Class returns IntRange, LongRange, CharRange or IntProgression.
func (r *Range) Class() *Class {
	switch {
	case r.Elem == KLong:
		return LongRangeClass
	case r.Elem == KChar:
		return CharRangeClass
	case r.Elem == KUInt:
		return UIntRangeClass
	case r.Elem == KULong:
		return ULongRangeClass
	case r.Step != 1:
		return ProgressionClass
	}
	return IntRangeClass
}

// Contains reports whether x lies in the range (ignoring the step, as
// Kotlin's contains does for ranges).
func (r *Range) Contains(x int64) bool {
	if r.Step > 0 {
		return x >= r.First && x <= r.Last
	}
	return x <= r.First && x >= r.Last
}

// IsEmpty reports whether the progression has no elements.
func (r *Range) IsEmpty() bool {
	if r.Step > 0 {
		return r.First > r.Last
	}
	return r.First < r.Last
}

// Elem returns a value of the range's element kind.
func (r *Range) elem(x int64) Value {
	switch r.Elem {
	case KLong:
		return Long(x)
	case KChar:
		return Char(rune(x))
	case KUInt, KULong:
		return FromBits(r.Elem, uint64(x))
	}
	return Int(int32(x))
}

// LastElement returns the last element the progression actually reaches.
func (r *Range) LastElement() int64 {
	if r.IsEmpty() || r.Step == 1 || r.Step == -1 {
		return r.Last
	}
	n := (r.Last - r.First) / r.Step
	return r.First + n*r.Step
}

func (r *Range) values() []Value {
	var out []Value
	if r.IsEmpty() {
		return out
	}
	last := r.LastElement()
	for x := r.First; ; x += r.Step {
		out = append(out, r.elem(x))
		if x == last {
			break
		}
	}
	return out
}

func (r *Range) toString(co *Coroutine) (string, error) {
	f, l := toStringSimple(r.elem(r.First)), toStringSimple(r.elem(r.Last))
	switch {
	case r.Step == 1:
		return f + ".." + l, nil
	case r.Step > 0:
		return f + ".." + l + " step " + itoa(int(r.Step)), nil
	}
	return f + " downTo " + l + " step " + itoa(int(-r.Step)), nil
}

func (r *Range) equals(co *Coroutine, other Value) (bool, error) {
	o, ok := other.o.(*Range)
	if !ok {
		return false, nil
	}
	if r.IsEmpty() && o.IsEmpty() {
		return true, nil
	}
	return *r == *o, nil
}

// Iterator is implemented by script-visible iterators. Next returns the
// next element and true, or false at the end.
type Iterator interface {
	Object
	// Next returns the next element, or false at the end. It may suspend
	// (co.Suspend, then ErrSuspend) when it must wait for the element: the
	// coroutine must then be resumed with the iterator itself as the
	// value, and the loop calls Next again.
	Next(co *Coroutine) (Value, bool, error)
}

type listIter struct {
	l   *List
	i   int
	mod int
}

func (*listIter) Class() *Class { return IteratorClass }

func (it *listIter) Next(co *Coroutine) (Value, bool, error) {
	if it.l.modCount != it.mod {
		return Null, false, co.in.NewError("java.util.ConcurrentModificationException", "")
	}
	if it.i >= len(it.l.Elems) {
		return Null, false, nil
	}
	v := it.l.Elems[it.i]
	it.i++
	return v, true, nil
}

type rangeIter struct {
	r    *Range
	next int64
	last int64
	done bool
}

func (*rangeIter) Class() *Class { return IteratorClass }

func (it *rangeIter) Next(co *Coroutine) (Value, bool, error) {
	if it.done {
		return Null, false, nil
	}
	v := it.next
	if v == it.last {
		it.done = true
	} else {
		it.next += it.r.Step
	}
	return it.r.elem(v), true, nil
}

// mapIter iterates a map's entries (or a set's elements) or one of its
// views. Like java.util.HashMap's iterators it finds the next element
// when it returns one: it ends without complaint when there was none,
// even if the map changed since, and otherwise throws
// ConcurrentModificationException when the map changed.
type mapIter struct {
	m     *Map
	pos   int // position of the next element in order or m.Keys; -1 at the end
	mod   int
	yield MapViewKind // MapEntries for maps, MapKeys for sets
	order []int       // hash-ordered maps: the entry indices in iteration order
	weak  []Value     // maps of a SnapshotIter class: the keys when it began
}

// weakMapIter iterates m as java.util.concurrent.ConcurrentHashMap's
// weakly consistent iterators do: over the keys m had when it began,
// skipping those removed since, with the current values, and without
// ConcurrentModificationException.
func (co *Coroutine) weakMapIter(m *Map, yield MapViewKind) (*mapIter, error) {
	if err := co.CheckAlloc(m.n, ValueBytes); err != nil {
		return nil, err
	}
	keys, _ := m.EntryList()
	if keys == nil {
		keys = []Value{}
	}
	return &mapIter{m: m, yield: yield, weak: keys}, nil
}

func newMapIter(m *Map) *mapIter {
	it := &mapIter{m: m, mod: m.modCount, yield: MapEntries}
	if m.IsSet() {
		it.yield = MapKeys
	}
	if m.IsHashOrdered() {
		if it.order = m.IterationOrder(); it.order == nil {
			it.order = []int{}
		}
	}
	it.pos = it.following(-1)
	return it
}

// following returns the position after pos, or -1 at the end.
func (it *mapIter) following(pos int) int {
	if it.order != nil {
		if pos+1 < len(it.order) {
			return pos + 1
		}
		return -1
	}
	for j := pos + 1; j < len(it.m.Keys); j++ {
		if it.m.live[j] {
			return j
		}
	}
	return -1
}

func (*mapIter) Class() *Class { return IteratorClass }

func (it *mapIter) Next(co *Coroutine) (Value, bool, error) {
	for it.weak != nil && it.pos < len(it.weak) {
		k := it.weak[it.pos]
		it.pos++
		v, ok, err := it.m.Get(co, k)
		if err != nil || !ok {
			if err != nil {
				return Null, false, err
			}
			continue
		}
		switch it.yield {
		case MapKeys:
			return k, true, nil
		case MapValues:
			return v, true, nil
		}
		return Obj(it.m.Entry(k, v)), true, nil
	}
	if it.pos < 0 || it.weak != nil {
		return Null, false, nil
	}
	if it.m.modCount != it.mod {
		return Null, false, co.in.NewError("java.util.ConcurrentModificationException", "")
	}
	i := it.pos
	if it.order != nil {
		i = it.order[it.pos]
	}
	it.pos = it.following(it.pos)
	switch it.yield {
	case MapKeys:
		return it.m.Keys[i], true, nil
	case MapValues:
		return it.m.Vals[i], true, nil
	}
	return Obj(it.m.Entry(it.m.Keys[i], it.m.Vals[i])), true, nil
}

type stringIter struct {
	u []uint16
	s string
	i int
}

func (*stringIter) Class() *Class { return IteratorClass }

func (it *stringIter) Next(co *Coroutine) (Value, bool, error) {
	if it.u != nil {
		if it.i >= len(it.u) {
			return Null, false, nil
		}
		it.i++
		return Char(rune(it.u[it.i-1])), true, nil
	}
	if it.i >= len(it.s) {
		return Null, false, nil
	}
	it.i++
	return Char(rune(it.s[it.i-1])), true, nil
}

// scriptIter adapts an object with iterator()/hasNext()/next() methods.
type scriptIter struct {
	it Value
}

func (*scriptIter) Class() *Class { return IteratorClass }

func (s *scriptIter) Next(co *Coroutine) (Value, bool, error) {
	h, err := co.CallMethod(s.it, "hasNext")
	if err != nil || !h.AsBool() {
		return Null, false, err
	}
	v, err := co.CallMethod(s.it, "next")
	return v, err == nil, err
}

// Iterator returns an iterator over v: lists, arrays, sets, maps (entries),
// ranges, strings, iterators, and objects with an iterator() method.
func (co *Coroutine) Iterator(v Value) (Iterator, error) {
	switch o := v.o.(type) {
	case *List:
		if o.cls.SnapshotIter {
			if err := co.CheckAlloc(len(o.Elems), ValueBytes); err != nil {
				return nil, err
			}
			if err := co.Work(len(o.Elems)); err != nil {
				return nil, err
			}
			return &listIter{l: &List{Elems: o.Snapshot(), cls: o.cls}}, nil
		}
		return &listIter{l: o, mod: o.modCount}, nil
	case *Range:
		if o.IsEmpty() {
			return &rangeIter{r: o, done: true}, nil
		}
		return &rangeIter{r: o, next: o.First, last: o.LastElement()}, nil
	case *Map:
		if o.cls.SnapshotIter {
			return co.weakMapIter(o, newMapIter(o).yield)
		}
		return newMapIter(o), nil
	case *MapView:
		if o.M.cls.SnapshotIter {
			return co.weakMapIter(o.M, o.Kind)
		}
		return o.iterator(), nil
	case string:
		if isASCII(o) {
			return &stringIter{s: o}, nil
		}
		return &stringIter{u: utf16Of(o)}, nil
	case Iterator:
		return o, nil
	}
	if v.o == nil {
		return nil, co.in.NewError("java.lang.NullPointerException", "")
	}
	it, err := co.CallMethod(v, "iterator")
	if err != nil {
		return nil, err
	}
	if i, ok := it.o.(Iterator); ok {
		return i, nil
	}
	return &scriptIter{it: it}, nil
}

// iterValue adapts Iterator to a Value for the ITER opcode.
func (co *Coroutine) iterValue(v Value) (Value, error) {
	it, err := co.Iterator(v)
	if err != nil {
		return Null, err
	}
	return Obj(it), nil
}

// Elements returns the elements of any iterable value as a slice.
func (co *Coroutine) Elements(v Value) ([]Value, error) {
	switch o := v.o.(type) {
	case *List:
		return o.Elems, nil
	case *Range:
		n := o.count()
		if n == 0 {
			return nil, nil
		}
		if err := co.CheckAlloc(int(min(n, 1<<40)), ValueBytes); err != nil {
			return nil, err
		}
		out := make([]Value, 0, n)
		for x := o.First; ; x += o.Step {
			out = append(out, o.elem(x))
			if len(out) == int(n) {
				return out, nil
			}
			if err := co.WorkAt(len(out) - 1); err != nil {
				return nil, err
			}
		}
	}
	it, err := co.Iterator(v)
	if err != nil {
		return nil, err
	}
	var out []Value
	for {
		x, ok, err := it.Next(co)
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		// an endless iterator must stay bounded and interruptible
		if err := co.CheckGrowth(len(out), cap(out), ValueBytes); err != nil {
			return nil, err
		}
		out = append(out, x)
		if err := co.WorkAt(len(out) - 1); err != nil {
			return nil, err
		}
	}
}

// count returns the number of elements of the progression.
func (r *Range) count() int64 {
	if r.IsEmpty() {
		return 0
	}
	return (r.LastElement()-r.First)/r.Step + 1
}

// Poll lets long-running natives honour the host's interrupt, the step
// limit and the memory budget: it counts as one step and fails like the
// VM would. Natives whose work grows with their input call Work instead,
// every few thousand elements.
func (co *Coroutine) Poll() error {
	co.budget--
	if co.budget <= 0 {
		return co.tick()
	}
	return nil
}

// Work charges n steps of work done by a native (an element visited, a
// few dozen bytes copied count as one step) and polls as Poll does when
// the coroutine's step budget runs out: a native calls it every few
// thousand elements (WorkChunk), so that MaxSteps counts its work and an
// interrupt stops it within milliseconds.
func (co *Coroutine) Work(n int) error {
	if n <= 0 {
		return nil
	}
	co.budget -= int32(min(n, 1<<28))
	if co.budget <= 0 {
		return co.tick()
	}
	return nil
}

// WorkChunk is how many elements a native processes between two calls
// of Coroutine.Work.
const WorkChunk = 4096

// WorkAt charges the work on element i (counted from 0) of a native's
// loop: every WorkChunk elements it calls Work, which polls the limits.
func (co *Coroutine) WorkAt(i int) error {
	if i&(WorkChunk-1) == WorkChunk-1 {
		return co.Work(WorkChunk)
	}
	return nil
}

// CheckGrowth checks and charges (CheckAlloc) the growth of a slice of
// elemBytes-byte elements that holds length of capacity and is about to
// be appended to: when it is full, append doubles it.
func (co *Coroutine) CheckGrowth(length, capacity, elemBytes int) error {
	if length < capacity {
		return nil
	}
	return co.CheckAlloc(max(2*length, 8), elemBytes)
}

// WorkBytes is how many bytes a native copies or scans for one step of
// Coroutine.Work.
const WorkBytes = 64

var (
	idHashes sync.Map
	idSeed   atomic.Uint32
)

// idHash is embedded in the heap objects scripts commonly print or hash
// by identity: it holds their identity hash, assigned on first use, so no
// table has to remember every object ever hashed.
type idHash struct {
	h atomic.Int32
}

func (x *idHash) identity() *atomic.Int32 { return &x.h }

// nextIdentityHash returns the next pseudo-random identity hash (never 0).
func nextIdentityHash() int32 {
	x := idSeed.Add(0x9E3779B9)
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	if h := int32(x & math.MaxInt32); h != 0 {
		return h
	}
	return 1
}

// identityHash returns a stable pseudo-random identity hash for an object,
// like the JVM's System.identityHashCode. Objects embedding idHash keep it
// themselves; others (classes, rare host objects) go to a table.
func identityHash(o any) int32 {
	if x, ok := o.(interface{ identity() *atomic.Int32 }); ok {
		p := x.identity()
		if h := p.Load(); h != 0 {
			return h
		}
		p.CompareAndSwap(0, nextIdentityHash())
		return p.Load()
	}
	if h, ok := idHashes.Load(o); ok {
		return h.(int32)
	}
	actual, _ := idHashes.LoadOrStore(o, nextIdentityHash())
	return actual.(int32)
}
