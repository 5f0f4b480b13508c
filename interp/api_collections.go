package interp

import (
	"runtime"
	"slices"
	"sync"
	"weak"

	"github.com/ktcoro/ktcoro/internal/jfmt"
)

// Helpers the standard library's collections need from the runtime.

// IsAbsent reports whether v marks an omitted argument (a native called
// with named arguments sees omitted parameters before the last given one as
// absent).
func (v Value) IsAbsent() bool { return v.is(kAbsent) }

// Arity returns the number of parameters a script function value declares
// (a lambda without an arrow counts its implicit `it`), or -1 when unknown
// (natives, references).
func Arity(fn Value) int {
	if cl, ok := fn.o.(*Closure); ok && cl.fn != nil {
		if cl.fn.noArrow {
			return 1
		}
		return cl.fn.nparams
	}
	return -1
}

// BindReceiver returns a copy of the script function fn that runs with
// this as its receiver (`this` inside a lambda with receiver), so that a
// coroutine can be started on it. ok is false when fn is not a script
// function.
func BindReceiver(fn, this Value) (Value, bool) {
	cl, ok := fn.o.(*Closure)
	if !ok {
		return fn, false
	}
	c := &Closure{fn: cl.fn, free: cl.free, recvs: cl.recvs, bound: &this}
	return Obj(c), true
}

// NewListOf returns a list of class c, a subclass of List such as a
// read-only flavour (java.util.Arrays$ArrayList). See ListClassesSupported.
func NewListOf(c *Class, elems []Value) *List { return &List{Elems: elems, cls: c} }

// ListClassesSupported reports whether a List whose class is probe counts
// as a list rather than an array, that is whether probe is a subclass of
// ListClass (List.IsArray tells arrays from lists by their class), so that
// NewListOf(probe, ...) makes a list. Safe from any goroutine.
func ListClassesSupported(probe *Class) bool {
	l := &List{cls: probe}
	return !l.IsArray()
}

// SetClass changes the class of a list or array (e.g. a read-only list
// made mutable by a copy).
func (l *List) SetClass(c *Class) { l.cls = c }

// ModCount returns the list's structural modification count.
func (l *List) ModCount() int { return l.modCount }

// ModCount returns the map's structural modification count.
func (m *Map) ModCount() int { return m.modCount }

// SetClass changes the class of a map or set.
func (m *Map) SetClass(c *Class) { m.cls = c }

// ValueAt returns the entry i (an index into Keys/Vals) and whether it is
// live.
func (m *Map) ValueAt(i int) (k, v Value, live bool) {
	if i < 0 || i >= len(m.Keys) {
		return Null, Null, false
	}
	return m.Keys[i], m.Vals[i], m.live[i]
}

// equals and hashCode of Map.Entry as java.util.AbstractMap.SimpleEntry.
func (e *MapEntry) equals(co *Coroutine, other Value) (bool, error) {
	o, ok := other.o.(*MapEntry)
	if !ok {
		return false, nil
	}
	eq, err := co.Equals(e.Key, o.Key)
	if err != nil || !eq {
		return false, err
	}
	ev, err := e.Value(co)
	ov := ev
	if err == nil {
		ov, err = o.Value(co)
	}
	if err != nil {
		return false, err
	}
	return co.Equals(ev, ov)
}

func (e *MapEntry) hashCode(co *Coroutine) (int32, error) {
	k, err := co.HashCode(e.Key)
	if err != nil {
		return 0, err
	}
	ev, err := e.Value(co)
	if err != nil {
		return 0, err
	}
	v, err := co.HashCode(ev)
	return k ^ v, err
}

// ---------------------------------------------------------------- hash order

// hashState is the simulated java.util.HashMap table of a HashMap or
// HashSet: its iteration order is by bucket, then insertion.
type hashState struct {
	mu      sync.Mutex
	initCap int // table size allocated by the first insertion
	maxLen  int // largest size reached (the table never shrinks)
	mod     int
	gen     int
	order   []int
}

var hashStates sync.Map // weak.Pointer[Map] -> *hashState

func (m *Map) hashState(create bool) *hashState {
	key := weak.Make(m)
	if s, ok := hashStates.Load(key); ok {
		return s.(*hashState)
	}
	if !create {
		return nil
	}
	s := &hashState{initCap: 16}
	if actual, loaded := hashStates.LoadOrStore(key, s); loaded {
		return actual.(*hashState)
	}
	runtime.AddCleanup(m, func(k weak.Pointer[Map]) { hashStates.Delete(k) }, key)
	return s
}

// IsHashOrdered reports whether m iterates in java.util.HashMap order
// (HashMap, its direct subclasses such as ConcurrentHashMap, and HashSet)
// rather than insertion order.
func (m *Map) IsHashOrdered() bool {
	return m.cls == HashMapClass || m.cls == HashSetClass || m.cls.Super == HashMapClass
}

// SetInitialCapacity records the capacity a HashMap/HashSet was created
// with (new HashMap(n)): its table holds tableSizeFor(n) buckets.
func (m *Map) SetInitialCapacity(n int) {
	c := 1
	for c < n {
		c <<= 1
	}
	s := m.hashState(true)
	s.mu.Lock()
	s.initCap = c
	s.mu.Unlock()
}

// NoteSize records the map's current size in its simulated table (call it
// after insertions; the table grows when the size passes 3/4 of it and
// never shrinks). Small hash maps are also rearranged into iteration
// order.
func (m *Map) NoteSize() {
	if !m.IsHashOrdered() {
		return
	}
	s := m.hashState(false)
	if s == nil && m.n > 12 {
		s = m.hashState(true)
	}
	if s != nil {
		s.mu.Lock()
		if m.n > s.maxLen {
			s.maxLen = m.n
		}
		s.mu.Unlock()
	}
	if m.n <= arrangeLimit && m.n > 1 {
		m.arrange()
	}
}

// keyHash returns hashCode() of the key stored under mk.
func keyHash(mk mapKey) int32 {
	switch mk.k {
	case KString:
		return jfmt.StringHash(mk.s)
	case KObject:
		return int32(uint32(mk.n))
	case KNull:
		return 0
	}
	return hashPrimitive(tagged(mk.k, mk.n))
}

func hashPrimitive(v Value) int32 {
	switch v.Kind() {
	case KBool:
		if v.n != 0 {
			return 1231
		}
		return 1237
	case KInt, KChar:
		return int32(v.n)
	case KLong:
		return int32(v.n ^ (v.n >> 32))
	case KDouble:
		return jfmt.DoubleHash(v.AsDouble())
	case KFloat:
		return jfmt.FloatHash(v.AsFloat())
	case KUnit:
		return identityHash(unitClass)
	}
	return 0
}

// IterationOrder returns the indices (into Keys/Vals) of the live entries
// in iteration order: insertion order for linked maps and sets, bucket
// order of java.util.HashMap for HashMap and HashSet. The result must not
// be modified.
func (m *Map) IterationOrder() []int {
	if !m.IsHashOrdered() {
		out := make([]int, 0, m.n)
		for i := range m.Keys {
			if m.live[i] {
				out = append(out, i)
			}
		}
		return out
	}
	s := m.hashState(false)
	initCap, maxLen := 16, m.n
	if s != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.order != nil && s.mod == m.modCount && s.gen == len(m.Keys) {
			return s.order
		}
		initCap = s.initCap
		if s.maxLen > maxLen {
			maxLen = s.maxLen
		}
		s.maxLen = maxLen
	}
	capacity := initCap
	for maxLen > capacity*3/4 && capacity < 1<<30 {
		capacity <<= 1
	}
	bucket := make([]int, len(m.Keys))
	for mk, idx := range m.index {
		h := uint32(keyHash(mk))
		b := int((h ^ h>>16) & uint32(capacity-1))
		for _, i := range idx {
			bucket[i] = b
		}
	}
	out := make([]int, 0, m.n)
	for i := range m.Keys {
		if m.live[i] {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return bucket[a] - bucket[b] })
	if s != nil {
		s.order, s.mod, s.gen = out, m.modCount, len(m.Keys)
	}
	return out
}

// arrangeLimit bounds the size of hash maps kept physically in iteration
// order (see NoteSize).
const arrangeLimit = 256

// arrange reorders the entries of a HashMap/HashSet physically into
// iteration order, so that code iterating Keys in slice order (printing,
// for loops) sees java.util.HashMap's order.
func (m *Map) arrange() {
	order := m.IterationOrder()
	inOrder := true
	for j, i := range order {
		if i != j {
			inOrder = false
			break
		}
	}
	if inOrder {
		return
	}
	remap := make(map[int]int, len(order))
	keys := make([]Value, len(order))
	vals := make([]Value, len(order))
	live := make([]bool, len(order))
	for j, i := range order {
		remap[i] = j
		keys[j], vals[j], live[j] = m.Keys[i], m.Vals[i], true
	}
	for k, idx := range m.index {
		nidx := make([]int, len(idx))
		for x, i := range idx {
			nidx[x] = remap[i]
		}
		m.index[k] = nidx
	}
	m.Keys, m.Vals, m.live = keys, vals, live
	if s := m.hashState(false); s != nil {
		s.mu.Lock()
		s.order = nil
		s.mu.Unlock()
	}
}
