package stdlib

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the pure-data part of the collections library as Go
// natives: creation functions, element access, mutation, sorting,
// slicing, conversions, aggregates without lambdas, comparators, lazy
// sequences and StringBuilder. Operations whose lambdas may suspend
// (forEach, map, filter, fold, ...) are in prelude.kc.

type (
	kValue = interp.Value
	kCoro  = interp.Coroutine
)

var kNull = interp.Null

// IterClass is the marker interface every iterable kValue implements:
// Iterable, Map (iterated as entries), CharSequence, arrays and
// sequences. The prelude declares the generic operations (forEach, map,
// filter, ...) as extensions of it, so one definition serves them all.
// Scripts do not see it under a Kotlin name.
var IterClass = &interp.Class{Name: "__Iter", QName: "kotlin.collections.Iterable", Interface: true,
	Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}}

// The read-only list flavours Kotlin's factories return on the JVM; they
// differ in their index-error messages and refuse mutation.
var (
	ArraysListClass    = interp.NewClass("ArrayList", "java.util.Arrays$ArrayList", interp.AnyClass, interp.MutableListClass)
	SingletonListClass = interp.NewClass("SingletonList", "java.util.Collections$SingletonList", interp.AnyClass, interp.MutableListClass)
	EmptyListClass     = interp.NewClass("EmptyList", "kotlin.collections.EmptyList", interp.AnyClass, interp.MutableListClass)
)

// Sequence classes: the interface scripts name and the built-in lazy
// implementation.
var (
	SequenceClass      = &interp.Class{Name: "Sequence", QName: "kotlin.sequences.Sequence", Interface: true, Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}, Interfaces: []*interp.Class{IterClass}}
	seqImplClass       = interp.NewClass("Sequence", "kotlin.sequences.Sequence", interp.AnyClass, SequenceClass)
	SequenceScopeClass = interp.NewClass("SequenceScope", "kotlin.sequences.SequenceScope", interp.AnyClass)
	iterImplClass      = interp.NewClass("Iterator", "java.util.Iterator", interp.AnyClass, interp.IteratorClass)
	// ComparatorClass is java.util.Comparator; scripts implement it or
	// build one with compareBy, Comparator { a, b -> }, naturalOrder(), ...
	ComparatorClass = &interp.Class{Name: "Comparator", QName: "java.util.Comparator", Interface: true, Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}}
	cmpImplClass    = interp.NewClass("Comparator", "java.util.Comparator", interp.AnyClass, ComparatorClass)
	// GroupingClass is the result of groupingBy { }.
	GroupingClass = interp.NewClass("Grouping", "kotlin.collections.Grouping", interp.AnyClass)
)

var kArrayClasses = []*interp.Class{interp.ArrayClass, interp.IntArrayClass, interp.LongArrayClass,
	interp.DoubleArrayClass, interp.BooleanArrayClass, interp.CharArrayClass}

// kListFlavours is set when the runtime tells lists of the read-only
// classes from arrays; otherwise every list is an ArrayList.
var kListFlavours bool

var kCollectionsOnce sync.Once

func installCollections(in *interp.Interp) {
	kCollectionsOnce.Do(initCollectionClasses)
	in.DefineType(IterClass)
	in.DefineType(SequenceClass)
	in.DefineType(SequenceScopeClass)
	in.DefineType(ComparatorClass)
	in.DefineType(GroupingClass)
	in.DefineType(interp.MapEntryClass)
	for _, d := range []struct {
		name string
		fn   interp.NativeFunc
	}{
		{"listOf", fnListOf},
		{"mutableListOf", fnMutableListOf},
		{"arrayListOf", fnMutableListOf},
		{"emptyList", fnEmptyList},
		{"listOfNotNull", fnListOfNotNull},
		{"arrayOf", fnArrayOf},
		{"emptyArray", fnArrayOf},
		{"arrayOfNulls", fnArrayOfNulls},
		{"intArrayOf", kTypedArrayOf(interp.IntArrayClass, interp.KInt)},
		{"longArrayOf", kTypedArrayOf(interp.LongArrayClass, interp.KLong)},
		{"doubleArrayOf", kTypedArrayOf(interp.DoubleArrayClass, interp.KDouble)},
		{"floatArrayOf", kTypedArrayOf(interp.DoubleArrayClass, interp.KFloat)},
		{"booleanArrayOf", kTypedArrayOf(interp.BooleanArrayClass, interp.KBool)},
		{"charArrayOf", kTypedArrayOf(interp.CharArrayClass, interp.KChar)},
		{"shortArrayOf", kTypedArrayOf(interp.IntArrayClass, interp.KInt)},
		{"byteArrayOf", kTypedArrayOf(interp.IntArrayClass, interp.KInt)},
		{"setOf", kSetOfClass(interp.LinkedSetClass)},
		{"mutableSetOf", kSetOfClass(interp.LinkedSetClass)},
		{"linkedSetOf", kSetOfClass(interp.LinkedSetClass)},
		{"hashSetOf", kSetOfClass(interp.HashSetClass)},
		{"emptySet", kSetOfClass(interp.LinkedSetClass)},
		{"sortedSetOf", fnSortedSetOf},
		{"mapOf", kMapOfClass(interp.LinkedMapClass)},
		{"mutableMapOf", kMapOfClass(interp.LinkedMapClass)},
		{"linkedMapOf", kMapOfClass(interp.LinkedMapClass)},
		{"hashMapOf", kMapOfClass(interp.HashMapClass)},
		{"emptyMap", kMapOfClass(interp.LinkedMapClass)},
		{"sortedMapOf", fnSortedMapOf},
		{"sequenceOf", fnSequenceOf},
		{"emptySequence", fnSequenceOf},
		{"generateSequence", fnGenerateSequence},
		{"sequence", fnSequence},
		{"iterator", fnIteratorBuilder},
		{"naturalOrder", fnNaturalOrder},
		{"reverseOrder", fnReverseOrder},
		{"compareBy", fnCompareBy(false)},
		{"compareByDescending", fnCompareBy(true)},
		{"compareValues", fnCompareValues},
		{"compareValuesBy", fnCompareValuesBy},
		{"nullsFirst", fnNulls(true)},
		{"nullsLast", fnNulls(false)},
		{"Comparator", fnComparator},
		{"__first", fnFirst},
		{"__last", fnLast},
		{"__firstOrNull", fnFirstOrNull},
		{"__lastOrNull", fnLastOrNull},
		{"__single", fnSingle},
		{"__singleOrNull", fnSingleOrNull},
		{"__count", fnCount},
		{"__arity", fnArity},
		{"__newList", fnNewList},
		{"__mapPut", fnMapPut},
		{"__isString", fnIsString},
		{"__isMap", fnIsMap},
		{"__emptyError", fnEmptyError},
		{"__reduceError", fnReduceError},
	} {
		in.DefineFunc(d.name, d.fn)
	}
	for _, imp := range []string{"java.util", "java.util.ArrayList", "java.util.HashMap", "java.util.HashSet",
		"java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.Comparator", "kotlin.comparisons",
		"kotlin.collections", "kotlin.sequences"} {
		in.DefineImport(imp)
	}
}

// ---------------------------------------------------------------- helpers

func kArgOr(args []kValue, i int, def kValue) kValue {
	if i < len(args) && !args[i].IsAbsent() {
		return args[i]
	}
	return def
}

func kHasArg(args []kValue, i int) bool { return i < len(args) && !args[i].IsAbsent() }

func kIsFunc(v kValue) bool {
	switch v.AsObject().(type) {
	case *interp.Closure, *interp.Native:
		return true
	}
	return false
}

func kListV(elems []kValue) kValue { return interp.Obj(interp.NewList(elems)) }

// kRoList returns a read-only list as listOf would (Arrays$ArrayList,
// SingletonList or EmptyList).
func kRoList(elems []kValue) kValue {
	if !kListFlavours {
		return kListV(elems)
	}
	switch len(elems) {
	case 0:
		return interp.Obj(interp.NewListOf(EmptyListClass, elems))
	case 1:
		return interp.Obj(interp.NewListOf(SingletonListClass, elems))
	}
	return interp.Obj(interp.NewListOf(ArraysListClass, elems))
}

// kToListV is Iterable.toList(): emptyList, listOf(x) or an ArrayList.
func kToListV(elems []kValue) kValue {
	if !kListFlavours || len(elems) > 1 {
		return kListV(elems)
	}
	return kRoList(elems)
}

func kAsList(v kValue) *interp.List {
	l, _ := v.AsObject().(*interp.List)
	return l
}

func kAsMap(v kValue) *interp.Map {
	m, _ := v.AsObject().(*interp.Map)
	return m
}

func kIsArray(l *interp.List) bool {
	c := l.Class()
	for _, a := range kArrayClasses {
		if c == a {
			return true
		}
	}
	return false
}

func kIsReadOnlyList(l *interp.List) bool {
	c := l.Class()
	return c == ArraysListClass || c == SingletonListClass || c == EmptyListClass
}

func kUnsupported(co *kCoro) error { return co.Errorf("java.lang.UnsupportedOperationException", "") }

// kCheckMutable fails for fixed-size lists (listOf, arrays).
func kCheckMutable(co *kCoro, l *interp.List) error {
	if kIsReadOnlyList(l) || kIsArray(l) {
		return kUnsupported(co)
	}
	return nil
}

// kMapEntries returns the keys and values of m in iteration order.
func kMapEntries(m *interp.Map) (keys, vals []kValue) {
	order := m.IterationOrder()
	keys = make([]kValue, len(order))
	vals = make([]kValue, len(order))
	for j, i := range order {
		keys[j], vals[j], _ = m.ValueAt(i)
	}
	return
}

// kStringChars returns the UTF-16 code units of s as Chars.
func kStringChars(s string) []kValue {
	out := make([]kValue, 0, len(s))
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, interp.Char(rune(u)))
	}
	return out
}

func kCharsString(vs []kValue) string {
	u := make([]uint16, len(vs))
	for i, v := range vs {
		u[i] = uint16(v.AsChar())
	}
	return string(utf16.Decode(u))
}

// kElemsOf returns the elements of any iterable kValue. The slice may alias
// a list's storage: callers must not modify it.
func kElemsOf(co *kCoro, v kValue) ([]kValue, error) {
	switch v.Kind() {
	case interp.KString:
		return kStringChars(v.AsString()), nil
	case interp.KNull:
		return nil, co.Errorf("java.lang.NullPointerException", "")
	}
	switch o := v.AsObject().(type) {
	case *interp.List:
		return o.Elems, nil
	case *interp.Map:
		keys, vals := kMapEntries(o)
		if o.IsSet() {
			return keys, nil
		}
		out := make([]kValue, len(keys))
		for i := range keys {
			out[i] = interp.Obj(&interp.MapEntry{Key: keys[i], Val: vals[i]})
		}
		return out, nil
	case interp.Stringer:
		if v.AsObject().Class().IsSubclassOf(interp.CharSequenceClass) {
			str, err := o.KString(co)
			return kStringChars(str), err
		}
	}
	return co.Elements(v)
}

func kCopyElems(co *kCoro, v kValue) ([]kValue, error) {
	xs, err := kElemsOf(co, v)
	if err != nil {
		return nil, err
	}
	return append([]kValue(nil), xs...), nil
}

func kToInt(v kValue) int { return int(v.ToInt64()) }

// kNewSet returns a LinkedHashSet (or class c) holding xs.
func kNewSet(co *kCoro, c *interp.Class, xs []kValue) (*interp.Map, error) {
	m := interp.NewMap(c)
	for _, x := range xs {
		if _, _, err := m.Put(co, x, interp.Unit); err != nil {
			return nil, err
		}
	}
	m.NoteSize()
	return m, nil
}

// kMapCapacity is Kotlin's presizing of hash collections for n elements.
func kMapCapacity(n int) int {
	if n < 3 {
		return n + 1
	}
	return n + n/3
}

// preludeType returns a class of the prelude (Pair, Triple,
// IndexedValue), loading the prelude's core declarations when the script
// did not mention them.
func preludeType(co *kCoro, name string) *interp.Class {
	in := co.Interp()
	if c := in.Type(name); c != nil {
		return c
	}
	if err := loadPreludeNames(in, name); err != nil {
		return nil
	}
	return in.Type(name)
}

// kPairOf returns Pair(a, b).
func kPairOf(co *kCoro, a, b kValue) kValue {
	c := preludeType(co, "Pair")
	if c == nil {
		return kListV([]kValue{a, b})
	}
	inst := interp.NewInstance(c)
	inst.Fields[c.FieldIndex("first")] = a
	inst.Fields[c.FieldIndex("second")] = b
	return interp.Obj(inst)
}

// kPairParts returns the components of a Pair (or a Map.Entry).
func kPairParts(co *kCoro, v kValue) (kValue, kValue, error) {
	switch o := v.AsObject().(type) {
	case *interp.Instance:
		c := o.Class()
		if c.Name == "Pair" {
			return o.Fields[c.FieldIndex("first")], o.Fields[c.FieldIndex("second")], nil
		}
	case *interp.MapEntry:
		return o.Key, o.Val, nil
	}
	a, err := co.CallMethod(v, "component1")
	if err != nil {
		return kNull, kNull, err
	}
	b, err := co.CallMethod(v, "component2")
	return a, b, err
}

func kIndexedValue(co *kCoro, i int, v kValue) kValue {
	c := preludeType(co, "IndexedValue")
	inst := interp.NewInstance(c)
	inst.Fields[c.FieldIndex("index")] = interp.Int(int32(i))
	inst.Fields[c.FieldIndex("value")] = v
	return interp.Obj(inst)
}

// kIndexError is the exception of list[i] out of range, worded as the JVM
// class behind the list words it.
func kIndexError(co *kCoro, l *interp.List, i int) error {
	n := l.Len()
	switch {
	case kIsArray(l) || l.Class() == ArraysListClass:
		return co.Errorf("java.lang.ArrayIndexOutOfBoundsException", "Index %d out of bounds for length %d", i, n)
	case l.Class() == EmptyListClass:
		return co.Errorf("java.lang.IndexOutOfBoundsException", "Empty list doesn't contain element at index %d.", i)
	case l.Class() == SingletonListClass:
		return co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: 1", i)
	}
	return co.Errorf("java.lang.IndexOutOfBoundsException", "Index %d out of bounds for length %d", i, n)
}

func kNoSuchElement(co *kCoro, msg string) error {
	return co.Errorf("java.util.NoSuchElementException", "%s", msg)
}

// kEmptyMessage is the NoSuchElementException message for first() & co.
func kEmptyMessage(v kValue) string {
	switch v.Kind() {
	case interp.KString:
		return "Char sequence is empty."
	}
	switch o := v.AsObject().(type) {
	case *interp.List:
		if kIsArray(o) {
			return "Array is empty."
		}
		return "List is empty."
	case *kSeq:
		return "Sequence is empty."
	}
	if v.AsObject() != nil && v.AsObject().Class().IsSubclassOf(interp.CharSequenceClass) {
		return "Char sequence is empty."
	}
	return "Collection is empty."
}

// ---------------------------------------------------------------- creation

func fnListOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	if len(args) == 1 {
		if a := kAsList(args[0]); a != nil && kIsArray(a) && a.Class() == interp.ArrayClass {
			// listOf(*arr) arrives as the vararg array
			return kRoList(a.Snapshot()), nil
		}
	}
	return kRoList(append([]kValue(nil), args...)), nil
}

func fnMutableListOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return kListV(append(make([]kValue, 0, len(args)), args...)), nil
}

func fnEmptyList(co *kCoro, _ kValue, args []kValue) (kValue, error) { return kRoList(nil), nil }

func fnListOfNotNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	var out []kValue
	for _, a := range args {
		if !a.IsNull() {
			out = append(out, a)
		}
	}
	return kToListV(out), nil
}

func fnArrayOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return interp.Obj(interp.NewArray(append([]kValue(nil), args...))), nil
}

func fnArrayOfNulls(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	n := kToInt(args[0])
	if n < 0 {
		return kNull, co.Errorf("java.lang.NegativeArraySizeException", "%d", n)
	}
	if err := co.CheckAlloc(n, 32); err != nil {
		return kNull, err
	}
	return interp.Obj(interp.NewArray(make([]kValue, n))), nil
}

// kZeroOf is the default element of a typed array.
func kZeroOf(c *interp.Class) kValue {
	switch c {
	case interp.IntArrayClass:
		return interp.Int(0)
	case interp.LongArrayClass:
		return interp.Long(0)
	case interp.DoubleArrayClass:
		return interp.Double(0)
	case interp.BooleanArrayClass:
		return interp.False
	case interp.CharArrayClass:
		return interp.Char(0)
	}
	return kNull
}

// kConvertTo converts a number to the element kind of a typed array.
func kConvertTo(v kValue, k interp.Kind) kValue {
	switch k {
	case interp.KInt:
		if v.Kind() != interp.KInt && v.IsNumber() {
			return interp.Int(int32(v.ToInt64()))
		}
	case interp.KLong:
		if v.Kind() != interp.KLong && v.IsNumber() {
			return interp.Long(v.ToInt64())
		}
	case interp.KDouble:
		if v.Kind() != interp.KDouble && v.IsNumber() {
			return interp.Double(v.ToFloat64())
		}
	case interp.KFloat:
		if v.Kind() != interp.KFloat && v.IsNumber() {
			return interp.Float(float32(v.ToFloat64()))
		}
	}
	return v
}

func kTypedArrayOf(c *interp.Class, k interp.Kind) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		out := make([]kValue, len(args))
		for i, a := range args {
			out[i] = kConvertTo(a, k)
		}
		return interp.Obj(interp.NewTypedArray(c, out)), nil
	}
}

func kElemKindOf(c *interp.Class) interp.Kind {
	switch c {
	case interp.IntArrayClass:
		return interp.KInt
	case interp.LongArrayClass:
		return interp.KLong
	case interp.DoubleArrayClass:
		return interp.KDouble
	}
	return interp.KNull
}

// kArrayFactory implements Array(n) { }, IntArray(n), IntArray(n) { }.
func kArrayFactory(c *interp.Class) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if len(args) == 0 {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "No value passed for parameter 'size'")
		}
		n := kToInt(args[0])
		if n < 0 {
			return kNull, co.Errorf("java.lang.NegativeArraySizeException", "%d", n)
		}
		if err := co.CheckAlloc(n, 32); err != nil {
			return kNull, err
		}
		out := make([]kValue, n)
		k := kElemKindOf(c)
		if len(args) > 1 && kIsFunc(args[1]) {
			for i := range out {
				v, err := co.CallSync(args[1], interp.Int(int32(i)))
				if err != nil {
					return kNull, err
				}
				out[i] = kConvertTo(v, k)
			}
		} else {
			z := kZeroOf(c)
			for i := range out {
				out[i] = z
			}
		}
		return interp.Obj(interp.NewTypedArray(c, out)), nil
	}
}

func kSetOfClass(c *interp.Class) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if len(args) == 1 {
			if a := kAsList(args[0]); a != nil && a.Class() == interp.ArrayClass {
				args = a.Elems
			}
		}
		m := interp.NewMap(c)
		if c == interp.HashSetClass {
			m.SetInitialCapacity(kMapCapacity(len(args)))
		}
		for _, a := range args {
			if _, _, err := m.Put(co, a, interp.Unit); err != nil {
				return kNull, err
			}
		}
		m.NoteSize()
		return interp.Obj(m), nil
	}
}

func kMapOfClass(c *interp.Class) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if len(args) == 1 {
			if a := kAsList(args[0]); a != nil && a.Class() == interp.ArrayClass {
				args = a.Elems
			}
		}
		m := interp.NewMap(c)
		if c == interp.HashMapClass {
			m.SetInitialCapacity(kMapCapacity(len(args)))
		}
		for _, a := range args {
			k, v, err := kPairParts(co, a)
			if err != nil {
				return kNull, err
			}
			if _, _, err := m.Put(co, k, v); err != nil {
				return kNull, err
			}
		}
		m.NoteSize()
		return interp.Obj(m), nil
	}
}

func fnSortedSetOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs := append([]kValue(nil), args...)
	if err := kSortValues(co, xs); err != nil {
		return kNull, err
	}
	m, err := kNewSet(co, interp.LinkedSetClass, xs)
	return interp.Obj(m), err
}

func fnSortedMapOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	m, err := kMapOfClass(interp.LinkedMapClass)(co, kNull, args)
	if err != nil {
		return kNull, err
	}
	return kSortedMap(co, kAsMap(m))
}

func kSortedMap(co *kCoro, m *interp.Map) (kValue, error) {
	keys, vals := kMapEntries(m)
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	var err error
	slices.SortStableFunc(idx, func(a, b int) int {
		if err != nil {
			return 0
		}
		c, e := co.Compare(keys[a], keys[b])
		if e != nil {
			err = e
		}
		return c
	})
	if err != nil {
		return kNull, err
	}
	out := interp.NewMap(interp.LinkedMapClass)
	for _, i := range idx {
		if _, _, err := out.Put(co, keys[i], vals[i]); err != nil {
			return kNull, err
		}
	}
	return interp.Obj(out), nil
}

// collection constructors: ArrayList(), ArrayList(n), ArrayList(coll), ...

func kNewArrayList(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	if len(args) > 0 && !args[0].IsNumber() {
		xs, err := kCopyElems(co, args[0])
		return kListV(xs), err
	}
	if len(args) > 0 && args[0].ToInt64() < 0 {
		return kNull, co.Errorf("java.lang.IllegalArgumentException", "Illegal Capacity: %d", args[0].ToInt64())
	}
	return kListV([]kValue{}), nil
}

func kNewMapClass(c *interp.Class) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(c)
		if len(args) > 0 && args[0].IsNumber() {
			if c.IsSubclassOf(interp.HashMapClass) || c == interp.HashSetClass {
				m.SetInitialCapacity(kToInt(args[0]))
			}
			return interp.Obj(m), nil
		}
		if len(args) > 0 {
			if src := kAsMap(args[0]); src != nil && !src.IsSet() {
				if c == interp.HashMapClass {
					m.SetInitialCapacity(max(int(float32(src.Len())/0.75)+1, 16))
				}
				keys, vals := kMapEntries(src)
				for i := range keys {
					if _, _, err := m.Put(co, keys[i], vals[i]); err != nil {
						return kNull, err
					}
				}
				m.NoteSize()
				return interp.Obj(m), nil
			}
			xs, err := kElemsOf(co, args[0])
			if err != nil {
				return kNull, err
			}
			if c == interp.HashSetClass {
				m.SetInitialCapacity(max(int(float32(len(xs))/0.75)+1, 16))
			}
			for _, x := range xs {
				if _, _, err := m.Put(co, x, interp.Unit); err != nil {
					return kNull, err
				}
			}
			m.NoteSize()
		}
		return interp.Obj(m), nil
	}
}

func fnNewList(co *kCoro, _ kValue, args []kValue) (kValue, error) { return kListV([]kValue{}), nil }

func fnIsString(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return interp.Bool(args[0].Kind() == interp.KString), nil
}

func fnIsMap(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	m := kAsMap(args[0])
	return interp.Bool(m != nil && !m.IsSet()), nil
}

// fnMapPut is __mapPut(map, key, kValue) for prelude code building maps.
func fnMapPut(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	m := kAsMap(args[0])
	old, _, err := m.Put(co, args[1], args[2])
	m.NoteSize()
	return old, err
}

func fnArity(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return interp.Int(int32(interp.Arity(args[0]))), nil
}

// fnEmptyError is __emptyError(collection): the NoSuchElementException of
// first()/last() & co. on an empty receiver.
func fnEmptyError(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return kNull, kNoSuchElement(co, kEmptyMessage(args[0]))
}

// fnReduceError is __reduceError(receiver): reduce on an empty receiver.
func fnReduceError(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	what := "collection"
	switch kEmptyMessage(args[0]) {
	case "Sequence is empty.":
		what = "sequence"
	case "Array is empty.":
		what = "array"
	case "Char sequence is empty.":
		what = "char sequence"
	}
	return kNull, co.Errorf("java.lang.UnsupportedOperationException", "Empty %s can't be reduced.", what)
}

// ---------------------------------------------------------------- first/last/single

func fnFirst(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	v := args[0]
	if l := kAsList(v); l != nil {
		if l.Len() == 0 {
			return kNull, kNoSuchElement(co, kEmptyMessage(v))
		}
		return l.Elems[0], nil
	}
	if r, ok := v.AsObject().(*interp.Range); ok {
		if r.IsEmpty() {
			return kNull, kNoSuchElement(co, kEmptyMessage(v))
		}
		return kRangeElem(r, r.First), nil
	}
	it, err := kIteratorOf(co, v)
	if err != nil {
		return kNull, err
	}
	x, ok, err := it.Next(co)
	if err != nil {
		return kNull, err
	}
	if !ok {
		return kNull, kNoSuchElement(co, kEmptyMessage(v))
	}
	return x, nil
}

func fnFirstOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	it, err := kIteratorOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	x, _, err := it.Next(co)
	return x, err
}

func fnLast(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	if r, ok := args[0].AsObject().(*interp.Range); ok && !r.IsEmpty() {
		return kRangeElem(r, r.LastElement()), nil
	}
	xs, err := kElemsOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	if len(xs) == 0 {
		return kNull, kNoSuchElement(co, kEmptyMessage(args[0]))
	}
	return xs[len(xs)-1], nil
}

func fnLastOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil || len(xs) == 0 {
		return kNull, err
	}
	return xs[len(xs)-1], nil
}

func fnSingle(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil {
		return kNull, err
	}
	switch len(xs) {
	case 0:
		return kNull, kNoSuchElement(co, kEmptyMessage(args[0]))
	case 1:
		return xs[0], nil
	}
	msg := "Collection has more than one element."
	switch kEmptyMessage(args[0]) {
	case "List is empty.":
		msg = "List has more than one element."
	case "Array is empty.":
		msg = "Array has more than one element."
	case "Char sequence is empty.":
		msg = "Char sequence has more than one element."
	case "Sequence is empty.":
		msg = "Sequence has more than one element."
	}
	return kNull, co.Errorf("java.lang.IllegalArgumentException", "%s", msg)
}

func fnSingleOrNull(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs, err := kElemsOf(co, args[0])
	if err != nil || len(xs) != 1 {
		return kNull, err
	}
	return xs[0], nil
}

func fnCount(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	n, err := kSizeOf(co, args[0])
	return interp.Int(int32(n)), err
}

func kSizeOf(co *kCoro, v kValue) (int, error) {
	switch o := v.AsObject().(type) {
	case *interp.List:
		return o.Len(), nil
	case *interp.Map:
		return o.Len(), nil
	case *interp.Range:
		if o.IsEmpty() {
			return 0, nil
		}
		return int((o.LastElement()-o.First)/o.Step) + 1, nil
	}
	if v.Kind() == interp.KString {
		return len(utf16.Encode([]rune(v.AsString()))), nil
	}
	xs, err := kElemsOf(co, v)
	return len(xs), err
}

func kRangeElem(r *interp.Range, x int64) kValue {
	switch r.Elem {
	case interp.KLong:
		return interp.Long(x)
	case interp.KChar:
		return interp.Char(rune(x))
	}
	return interp.Int(int32(x))
}

// ---------------------------------------------------------------- methods

// kPropertyName returns the name of a KProperty (a delegate's property
// argument) as a String value.
func kPropertyName(p kValue) kValue {
	if in, ok := p.AsObject().(*interp.Instance); ok && in.Class() == interp.KPropertyClass {
		return in.Fields[0]
	}
	return p
}

func kMethod(c *interp.Class, name string, fn interp.NativeFunc, params ...string) {
	n := c.AddMethod(name, fn)
	if len(params) > 0 {
		n.Params = params
	}
}

func initCollectionClasses() {
	kListFlavours = interp.ListClassesSupported(ArraysListClass)
	// every iterable kValue gets the generic operations
	interp.IterableClass.Interfaces = append(interp.IterableClass.Interfaces, IterClass)
	interp.MapClass.Interfaces = append(interp.MapClass.Interfaces, IterClass)
	interp.CharSequenceClass.Interfaces = append(interp.CharSequenceClass.Interfaces, IterClass)
	for _, c := range kArrayClasses {
		c.Interfaces = append(c.Interfaces, IterClass)
	}
	interp.ArrayListClass.SetFactory(kNewArrayList, "initialCapacity")
	interp.LinkedMapClass.SetFactory(kNewMapClass(interp.LinkedMapClass), "initialCapacity")
	interp.HashMapClass.SetFactory(kNewMapClass(interp.HashMapClass), "initialCapacity")
	interp.LinkedSetClass.SetFactory(kNewMapClass(interp.LinkedSetClass), "initialCapacity")
	interp.HashSetClass.SetFactory(kNewMapClass(interp.HashSetClass), "initialCapacity")
	interp.ArrayClass.SetFactory(kArrayFactory(interp.ArrayClass), "size", "init")
	// IntRange(1, 3), LongRange(1, 3), CharRange('a', 'c'), Any()
	for c, k := range map[*interp.Class]interp.Kind{interp.IntRangeClass: interp.KInt,
		interp.LongRangeClass: interp.KLong, interp.CharRangeClass: interp.KChar} {
		k := k
		c.SetFactory(func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
			if len(args) != 2 {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "a range takes start and endInclusive")
			}
			return interp.RangeOf(args[0].ToInt64(), args[1].ToInt64(), 1, k), nil
		}, "start", "endInclusive")
	}
	interp.AnyClass.SetFactory(func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		return interp.Obj(interp.NewInstance(interp.AnyClass)), nil
	})
	for _, c := range kArrayClasses[1:] {
		c.SetFactory(kArrayFactory(c), "size", "init")
	}
	initIterMethods()
	initListMethods()
	initArrayMethods()
	initSetMethods()
	initMapMethods()
	initSequenceMethods()
	initComparatorMethods()
	if interp.StringClass.StaticProps == nil {
		interp.StringClass.StaticProps = map[string]kValue{}
	}
	if _, ok := interp.StringClass.StaticProps["CASE_INSENSITIVE_ORDER"]; !ok {
		interp.StringClass.StaticProps["CASE_INSENSITIVE_ORDER"] = cmpV(func(co *kCoro, a, b kValue) (int, error) {
			return compareIgnoreCase(a.AsString(), b.AsString()), nil
		})
	}
	initGrouping()
	for _, c := range kConcreteClasses() {
		kMethod(c, "toString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			s, err := co.ToString(this)
			return interp.String(s), err
		})
		kMethod(c, "hashCode", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			h, err := co.HashCode(this)
			return interp.Int(h), err
		})
		kMethod(c, "equals", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			eq, err := co.Equals(this, args[0])
			return interp.Bool(eq), err
		})
	}
}

func kConcreteClasses() []*interp.Class {
	cs := []*interp.Class{interp.ArrayListClass, ArraysListClass, SingletonListClass, EmptyListClass,
		interp.LinkedSetClass, interp.HashSetClass, interp.LinkedMapClass, interp.HashMapClass,
		interp.MapEntryClass, interp.IntRangeClass, interp.LongRangeClass, interp.CharRangeClass,
		interp.ProgressionClass, seqImplClass, iterImplClass, cmpImplClass, GroupingClass}
	return append(cs, kArrayClasses...)
}

func kSizeProp(co *kCoro, this kValue, _ []kValue) (kValue, error) {
	n, err := kSizeOf(co, this)
	return interp.Int(int32(n)), err
}

func initIterMethods() {
	c := IterClass
	c.AddProp("indices", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Obj(&interp.Range{First: 0, Last: int64(n) - 1, Step: 1, Elem: interp.KInt}), err
	})
	c.AddProp("lastIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Int(int32(n - 1)), err
	})
	kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if l := kAsList(this); l != nil {
			return interp.Obj(&kListIterator{l: l, mod: l.ModCount(), last: -1}), nil
		}
		if m := kAsMap(this); m != nil {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			return interp.Obj(&kListIterator{l: interp.NewList(xs), m: m, mod: m.ModCount(), last: -1}), nil
		}
		it, err := co.Iterator(this)
		if err != nil {
			return kNull, err
		}
		return interp.Obj(&kPeekIter{src: it}), nil
	})
	kMethod(c, "isEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n == 0), err
	})
	kMethod(c, "isNotEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n != 0), err
	})
	kMethod(c, "isNullOrEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		n, err := kSizeOf(co, this)
		return interp.Bool(n == 0), err
	})
	kMethod(c, "orEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) { return this, nil })
	kMethod(c, "contains", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil {
			_, ok, err := m.Get(co, args[0])
			return interp.Bool(ok), err
		}
		if r, ok := this.AsObject().(*interp.Range); ok && (args[0].IsNumber() || args[0].Kind() == interp.KChar) {
			if args[0].Kind() == interp.KDouble || args[0].Kind() == interp.KFloat {
				f := args[0].ToFloat64()
				return interp.Bool(f >= float64(min(r.First, r.Last)) && f <= float64(max(r.First, r.Last))), nil
			}
			return interp.Bool(r.Contains(args[0].ToInt64())), nil
		}
		i, err := kIndexOf(co, this, args[0])
		return interp.Bool(i >= 0), err
	})
	kMethod(c, "containsAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ys, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		for _, y := range ys {
			r, err := co.CallMethod(this, "contains", y)
			if err != nil || !r.AsBool() {
				return interp.False, err
			}
		}
		return interp.True, nil
	})
	kMethod(c, "indexOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i, err := kIndexOf(co, this, args[0])
		return interp.Int(int32(i)), err
	})
	kMethod(c, "lastIndexOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		for i := len(xs) - 1; i >= 0; i-- {
			eq, err := co.Equals(xs[i], args[0])
			if err != nil {
				return kNull, err
			}
			if eq {
				return interp.Int(int32(i)), nil
			}
		}
		return interp.Int(-1), nil
	})
	kMethod(c, "elementAt", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		i := kToInt(args[0])
		if i < 0 || i >= len(xs) {
			if l := kAsList(this); l != nil {
				return kNull, kIndexError(co, l, i)
			}
			if _, ok := this.AsObject().(*kSeq); ok {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Sequence doesn't contain element at index %d.", i)
			}
			if m := kAsMap(this); m != nil {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Collection doesn't contain element at index %d.", i)
			}
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, len(xs))
		}
		return xs[i], nil
	})
	kMethod(c, "elementAtOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		i := kToInt(args[0])
		if err != nil || i < 0 || i >= len(xs) {
			return kNull, err
		}
		return xs[i], nil
	})
	kMethod(c, "getOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		i := kToInt(args[0])
		if err != nil || i < 0 || i >= len(xs) {
			return kNull, err
		}
		return xs[i], nil
	})
	kMethod(c, "toList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil && !m.IsSet() {
			keys, vals := kMapEntries(m)
			out := make([]kValue, len(keys))
			for i := range keys {
				out[i] = kPairOf(co, keys[i], vals[i])
			}
			return kToListV(out), nil
		}
		xs, err := kCopyElems(co, this)
		return kToListV(xs), err
	})
	kMethod(c, "toMutableList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if xs == nil {
			xs = []kValue{}
		}
		return kListV(xs), err
	})
	kMethod(c, "asIterable", func(co *kCoro, this kValue, _ []kValue) (kValue, error) { return this, nil })
	kMethod(c, "asList", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if l := kAsList(this); l != nil && kIsArray(l) {
			// a view writing through to the array is not modelled: copy
			return kRoList(l.Snapshot()), nil
		}
		return this, nil
	})
	kMethod(c, "toCollection", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		for _, x := range xs {
			if _, err := co.CallMethod(args[0], "add", x); err != nil {
				return kNull, err
			}
		}
		return args[0], nil
	})
	toSet := func(c *interp.Class) interp.NativeFunc {
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			m := interp.NewMap(c)
			if c == interp.HashSetClass {
				m.SetInitialCapacity(kMapCapacity(max(len(xs), 12)))
			}
			for _, x := range xs {
				if _, _, err := m.Put(co, x, interp.Unit); err != nil {
					return kNull, err
				}
			}
			m.NoteSize()
			return interp.Obj(m), nil
		}
	}
	kMethod(c, "toSet", toSet(interp.LinkedSetClass))
	kMethod(c, "toMutableSet", toSet(interp.LinkedSetClass))
	kMethod(c, "toHashSet", toSet(interp.HashSetClass))
	kMethod(c, "toSortedSet", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		if err := kSortValues(co, xs); err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, xs)
		return interp.Obj(m), err
	})
	kMethod(c, "toMap", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if m := kAsMap(this); m != nil && !m.IsSet() {
			keys, vals := kMapEntries(m)
			out := interp.NewMap(interp.LinkedMapClass)
			if len(args) > 0 {
				out = kAsMap(args[0])
			}
			for i := range keys {
				if _, _, err := out.Put(co, keys[i], vals[i]); err != nil {
					return kNull, err
				}
			}
			out.NoteSize()
			return interp.Obj(out), nil
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := interp.NewMap(interp.LinkedMapClass)
		if len(args) > 0 {
			out = kAsMap(args[0])
		}
		for _, x := range xs {
			k, v, err := kPairParts(co, x)
			if err != nil {
				return kNull, err
			}
			if _, _, err := out.Put(co, k, v); err != nil {
				return kNull, err
			}
		}
		out.NoteSize()
		return interp.Obj(out), nil
	})
	toArr := func(c *interp.Class) interp.NativeFunc {
		k := kElemKindOf(c)
		return func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			xs, err := kCopyElems(co, this)
			for i := range xs {
				xs[i] = kConvertTo(xs[i], k)
			}
			if xs == nil {
				xs = []kValue{}
			}
			return interp.Obj(interp.NewTypedArray(c, xs)), err
		}
	}
	kMethod(c, "toTypedArray", toArr(interp.ArrayClass))
	kMethod(c, "toIntArray", toArr(interp.IntArrayClass))
	kMethod(c, "toLongArray", toArr(interp.LongArrayClass))
	kMethod(c, "toDoubleArray", toArr(interp.DoubleArrayClass))
	kMethod(c, "toBooleanArray", toArr(interp.BooleanArrayClass))
	kMethod(c, "toCharArray", toArr(interp.CharArrayClass))
	kMethod(c, "asSequence", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if _, ok := this.AsObject().(*kSeq); ok {
			return this, nil
		}
		src := this
		return seqV(func(co *kCoro) (interp.Iterator, error) { return kIteratorOf(co, src) }), nil
	})
	kMethod(c, "sum", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		return kSumValues(co, xs, kZeroFor(this, xs))
	})
	kMethod(c, "average", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		if len(xs) == 0 {
			return interp.Double(math.NaN()), nil
		}
		s := 0.0
		for _, x := range xs {
			s += x.ToFloat64()
		}
		return interp.Double(s / float64(len(xs))), nil
	})
	maxMin := func(sign int, throw bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			if len(xs) == 0 {
				if throw {
					return kNull, kNoSuchElement(co, "")
				}
				return kNull, nil
			}
			best := xs[0]
			for _, x := range xs[1:] {
				if kIsNaN(best) {
					break
				}
				if kIsNaN(x) {
					best = x
					break
				}
				c, err := co.Compare(x, best)
				if err != nil {
					return kNull, err
				}
				if c*sign > 0 {
					best = x
				}
			}
			return best, nil
		}
	}
	kMethod(c, "max", maxMin(1, false))
	kMethod(c, "min", maxMin(-1, false))
	kMethod(c, "maxOrNull", maxMin(1, false))
	kMethod(c, "minOrNull", maxMin(-1, false))
	maxMinWith := func(sign int) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil || len(xs) == 0 {
				return kNull, err
			}
			cmp := kComparatorFunc(co, args[0])
			best := xs[0]
			for _, x := range xs[1:] {
				c, err := cmp(x, best)
				if err != nil {
					return kNull, err
				}
				if c*sign > 0 {
					best = x
				}
			}
			return best, nil
		}
	}
	kMethod(c, "maxWith", maxMinWith(1))
	kMethod(c, "minWith", maxMinWith(-1))
	kMethod(c, "maxWithOrNull", maxMinWith(1))
	kMethod(c, "minWithOrNull", maxMinWith(-1))
	kMethod(c, "sorted", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortValues(co, xs)
		return kSortedResult(this, xs), err
	})
	kMethod(c, "sortedDescending", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortWith(co, xs, kReverseCmp(kNatural(co)))
		return kSortedResult(this, xs), err
	})
	kMethod(c, "sortedWith", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		err = kSortWith(co, xs, kComparatorFunc(co, args[0]))
		return kSortedResult(this, xs), err
	})
	sortedBy := func(desc bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kCopyElems(co, this)
			if err != nil {
				return kNull, err
			}
			err = kSortBySelector(co, xs, args[0], desc)
			return kSortedResult(this, xs), err
		}
	}
	kMethod(c, "sortedBy", sortedBy(false))
	kMethod(c, "sortedByDescending", sortedBy(true))
	kMethod(c, "reversed", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		if r, ok := this.AsObject().(*interp.Range); ok {
			if r.IsEmpty() {
				return interp.Obj(&interp.Range{First: r.Last, Last: r.First, Step: -r.Step, Elem: r.Elem}), nil
			}
			return interp.Obj(&interp.Range{First: r.LastElement(), Last: r.First, Step: -r.Step, Elem: r.Elem}), nil
		}
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		slices.Reverse(xs)
		if this.Kind() == interp.KString {
			return interp.String(kCharsString(xs)), nil
		}
		if len(xs) <= 1 {
			return kToListV(xs), nil
		}
		return kListV(xs), nil
	})
	kMethod(c, "asReversed", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		slices.Reverse(xs)
		return kListV(xs), err
	})
	kMethod(c, "distinct", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, xs)
		if err != nil {
			return kNull, err
		}
		keys, _ := kMapEntries(m)
		return kListV(keys), nil
	})
	kMethod(c, "take", kSliceOp(func(n, i int) (int, int) { return 0, min(i, n) }, "take"))
	kMethod(c, "drop", kSliceOp(func(n, i int) (int, int) { return min(i, n), n }, "drop"))
	kMethod(c, "takeLast", kSliceOp(func(n, i int) (int, int) { return n - min(i, n), n }, "takeLast"))
	kMethod(c, "dropLast", kSliceOp(func(n, i int) (int, int) { return 0, n - min(i, n) }, "dropLast"))
	kMethod(c, "slice", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		idx, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		out := make([]kValue, 0, len(idx))
		for _, iv := range idx {
			i := kToInt(iv)
			if i < 0 || i >= len(xs) {
				if l := kAsList(this); l != nil {
					return kNull, kIndexError(co, l, i)
				}
				return kNull, co.Errorf("java.lang.StringIndexOutOfBoundsException", "index: %d, length: %d", i, len(xs))
			}
			out = append(out, xs[i])
		}
		if this.Kind() == interp.KString {
			return interp.String(kCharsString(out)), nil
		}
		return kToListV(out), nil
	})
	kMethod(c, "chunked", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kToInt(args[0])
		return kWindowed(co, this, n, n, true, kArgOr(args, 1, kNull))
	}, "size", "transform")
	kMethod(c, "windowed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var tr kValue
		if len(args) > 1 && kIsFunc(args[len(args)-1]) {
			tr = args[len(args)-1]
			args = args[:len(args)-1]
		}
		n := kToInt(args[0])
		step := kToInt(kArgOr(args, 1, interp.Int(1)))
		partial := kArgOr(args, 2, interp.False).AsBool()
		return kWindowed(co, this, n, step, partial, tr)
	}, "size", "step", "partialWindows", "transform")
	kMethod(c, "joinToString", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var b strings.Builder
		if err := kJoinTo(co, &b, this, args); err != nil {
			return kNull, err
		}
		return interp.String(b.String()), nil
	}, "separator", "prefix", "postfix", "limit", "truncated", "transform")
	kMethod(c, "joinTo", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var b strings.Builder
		if err := kJoinTo(co, &b, this, args[1:]); err != nil {
			return kNull, err
		}
		_, err := co.CallMethod(args[0], "append", interp.String(b.String()))
		return args[0], err
	}, "buffer", "separator", "prefix", "postfix", "limit", "truncated", "transform")
	kMethod(c, "plus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], true, false)
	})
	kMethod(c, "plusElement", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], true, true)
	})
	kMethod(c, "minus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], false, false)
	})
	kMethod(c, "minusElement", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return kPlusMinus(co, this, args[0], false, true)
	})
	setOp := func(op string) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			xs, err := kElemsOf(co, this)
			if err != nil {
				return kNull, err
			}
			ys, err := kElemsOf(co, args[0])
			if err != nil {
				return kNull, err
			}
			a, err := kNewSet(co, interp.LinkedSetClass, xs)
			if err != nil {
				return kNull, err
			}
			switch op {
			case "union":
				for _, y := range ys {
					if _, _, err := a.Put(co, y, interp.Unit); err != nil {
						return kNull, err
					}
				}
			case "subtract":
				for _, y := range ys {
					if _, _, err := a.Remove(co, y); err != nil {
						return kNull, err
					}
				}
			case "intersect":
				b, err := kNewSet(co, interp.LinkedSetClass, ys)
				if err != nil {
					return kNull, err
				}
				keys, _ := kMapEntries(a)
				for _, k := range keys {
					if _, ok, err := b.Get(co, k); err != nil {
						return kNull, err
					} else if !ok {
						if _, _, err := a.Remove(co, k); err != nil {
							return kNull, err
						}
					}
				}
			}
			return interp.Obj(a), nil
		}
	}
	kMethod(c, "union", setOp("union"))
	kMethod(c, "intersect", setOp("intersect"))
	kMethod(c, "subtract", setOp("subtract"))
	kMethod(c, "zip", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		ys, err := kElemsOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		n := min(len(xs), len(ys))
		out := make([]kValue, n)
		for i := 0; i < n; i++ {
			if len(args) > 1 {
				v, err := co.CallSync(args[1], xs[i], ys[i])
				if err != nil {
					return kNull, err
				}
				out[i] = v
			} else {
				out[i] = kPairOf(co, xs[i], ys[i])
			}
		}
		return kListV(out), nil
	})
	kMethod(c, "zipWithNext", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		var out []kValue
		for i := 0; i+1 < len(xs); i++ {
			if len(args) > 0 {
				v, err := co.CallSync(args[0], xs[i], xs[i+1])
				if err != nil {
					return kNull, err
				}
				out = append(out, v)
			} else {
				out = append(out, kPairOf(co, xs[i], xs[i+1]))
			}
		}
		if out == nil {
			out = []kValue{}
		}
		return kListV(out), nil
	})
	kMethod(c, "unzip", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		as, bs := make([]kValue, len(xs)), make([]kValue, len(xs))
		for i, x := range xs {
			if as[i], bs[i], err = kPairParts(co, x); err != nil {
				return kNull, err
			}
		}
		return kPairOf(co, kListV(as), kListV(bs)), nil
	})
	kMethod(c, "flatten", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := []kValue{}
		for _, x := range xs {
			ys, err := kElemsOf(co, x)
			if err != nil {
				return kNull, err
			}
			out = append(out, ys...)
		}
		return kListV(out), nil
	})
	kMethod(c, "withIndex", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := make([]kValue, len(xs))
		for i, x := range xs {
			out[i] = kIndexedValue(co, i, x)
		}
		return kListV(out), nil
	})
	kMethod(c, "shuffled", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kCopyElems(co, this)
		if err != nil {
			return kNull, err
		}
		return kListV(xs), kShuffle(co, xs, kArgOr(args, 0, kNull))
	})
	kMethod(c, "random", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		if len(xs) == 0 {
			return kNull, kNoSuchElement(co, "Collection is empty.")
		}
		i, err := kRandomIndex(co, len(xs), kArgOr(args, 0, kNull))
		if err != nil {
			return kNull, err
		}
		return xs[i], nil
	})
	kMethod(c, "groupingBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return interp.Obj(&kGrouping{src: this, key: args[0]}), nil
	})
	// filterIsInstance<T>() needs T at run time: it works once the compiler
	// passes the type argument as a *TypeTest.
	kMethod(c, "filterIsInstance", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		var tt *interp.TypeTest
		if len(args) > 0 {
			tt, _ = args[0].AsObject().(*interp.TypeTest)
		}
		if tt == nil {
			return kNull, co.Errorf("java.lang.UnsupportedOperationException", "filterIsInstance<T>() needs its type argument at run time")
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		out := []kValue{}
		for _, x := range xs {
			if tt.Test(x) {
				out = append(out, x)
			}
		}
		return kListV(out), nil
	})
	kMethod(c, "binarySearch", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		lo, hi := 0, len(xs)-1
		if kHasArg(args, 1) && !kIsFunc(args[1]) && args[1].IsNumber() {
			lo = kToInt(args[1])
			if kHasArg(args, 2) {
				hi = kToInt(args[2]) - 1
			}
		}
		cmp := kNatural(co)
		if len(args) > 1 && args[1].Kind() == interp.KObject && !args[1].IsNumber() {
			cmp = kComparatorFunc(co, args[1])
		}
		for lo <= hi {
			mid := int(uint(lo+hi) >> 1)
			c, err := cmp(xs[mid], args[0])
			if err != nil {
				return kNull, err
			}
			switch {
			case c < 0:
				lo = mid + 1
			case c > 0:
				hi = mid - 1
			default:
				return interp.Int(int32(mid)), nil
			}
		}
		return interp.Int(int32(-(lo + 1))), nil
	})
}

func kIsNaN(v kValue) bool {
	k := v.Kind()
	return (k == interp.KDouble || k == interp.KFloat) && math.IsNaN(v.ToFloat64())
}

// kSortedResult wraps a sorted copy: arrays' sorted() is a List too.
func kSortedResult(this kValue, xs []kValue) kValue {
	if len(xs) <= 1 {
		return kToListV(xs)
	}
	return kListV(xs)
}

func kIndexOf(co *kCoro, this kValue, x kValue) (int, error) {
	xs, err := kElemsOf(co, this)
	if err != nil {
		return -1, err
	}
	for i, e := range xs {
		eq, err := co.Equals(e, x)
		if err != nil {
			return -1, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

// kSliceOp implements take/drop/takeLast/dropLast.
func kSliceOp(bounds func(n, i int) (int, int), name string) interp.NativeFunc {
	return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i := kToInt(args[0])
		if i < 0 {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "Requested element count %d is less than zero.", i)
		}
		if s, ok := this.AsObject().(*kSeq); ok {
			return s.slice(name, i), nil
		}
		if this.Kind() == interp.KString {
			u := utf16.Encode([]rune(this.AsString()))
			a, b := bounds(len(u), i)
			return interp.String(string(utf16.Decode(u[a:b]))), nil
		}
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		a, b := bounds(len(xs), i)
		out := append([]kValue(nil), xs[a:b]...)
		if out == nil {
			out = []kValue{}
		}
		if name == "take" && i == 0 || len(out) <= 1 {
			return kToListV(out), nil
		}
		return kListV(out), nil
	}
}

func kWindowed(co *kCoro, this kValue, size, step int, partial bool, transform kValue) (kValue, error) {
	if size <= 0 || step <= 0 {
		if size == step {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "size %d must be greater than zero.", size)
		}
		return kNull, co.Errorf("java.lang.IllegalArgumentException", "Both size %d and step %d must be greater than zero.", size, step)
	}
	if s, ok := this.AsObject().(*kSeq); ok {
		return s.windowed(size, step, partial, transform), nil
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return kNull, err
	}
	isStr := this.Kind() == interp.KString
	out := []kValue{}
	for i := 0; i < len(xs); i += step {
		end := i + size
		if end > len(xs) {
			if !partial {
				break
			}
			end = len(xs)
		}
		var w kValue
		if isStr {
			w = interp.String(kCharsString(xs[i:end]))
		} else {
			w = kListV(append([]kValue(nil), xs[i:end]...))
		}
		if !transform.IsNull() {
			if w, err = co.CallSync(transform, w); err != nil {
				return kNull, err
			}
		}
		out = append(out, w)
	}
	return kListV(out), nil
}

// kJoinTo appends the elements of this to b as joinToString does.
func kJoinTo(co *kCoro, b *strings.Builder, this kValue, args []kValue) error {
	sep := kArgOr(args, 0, interp.String(", ")).AsString()
	prefix := kArgOr(args, 1, interp.String("")).AsString()
	postfix := kArgOr(args, 2, interp.String("")).AsString()
	limit := kToInt(kArgOr(args, 3, interp.Int(-1)))
	truncated := kArgOr(args, 4, interp.String("...")).AsString()
	transform := kArgOr(args, 5, kNull)
	// a trailing lambda may come in any position
	for i := 0; i < len(args) && i < 5; i++ {
		if kIsFunc(args[i]) {
			transform = args[i]
			switch i {
			case 0:
				sep = ", "
			case 1:
				prefix = ""
			case 2:
				postfix = ""
			case 3:
				limit = -1
			case 4:
				truncated = "..."
			}
		}
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return err
	}
	b.WriteString(prefix)
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		if limit >= 0 && i >= limit {
			b.WriteString(truncated)
			break
		}
		if !transform.IsNull() {
			if x, err = co.CallSync(transform, x); err != nil {
				return err
			}
		}
		s, err := co.ToString(x)
		if err != nil {
			return err
		}
		b.WriteString(s)
	}
	b.WriteString(postfix)
	return nil
}

// kPlusMinus implements + and - on lists, sets, arrays and maps.
func kPlusMinus(co *kCoro, this, arg kValue, plus, single bool) (kValue, error) {
	if m := kAsMap(this); m != nil && !m.IsSet() {
		return kMapPlusMinus(co, m, arg, plus)
	}
	xs, err := kElemsOf(co, this)
	if err != nil {
		return kNull, err
	}
	var ys []kValue
	many := false
	if !single {
		switch o := arg.AsObject().(type) {
		case *interp.List, *interp.Range, *kSeq:
			many = true
		case *interp.Map:
			many = o.IsSet()
		}
	}
	if many {
		if ys, err = kElemsOf(co, arg); err != nil {
			return kNull, err
		}
	} else {
		ys = []kValue{arg}
	}
	if m := kAsMap(this); m != nil {
		out, err := kNewSet(co, interp.LinkedSetClass, xs)
		if err != nil {
			return kNull, err
		}
		for _, y := range ys {
			if plus {
				_, _, err = out.Put(co, y, interp.Unit)
			} else {
				_, _, err = out.Remove(co, y)
			}
			if err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	}
	var out []kValue
	if plus {
		out = append(append(make([]kValue, 0, len(xs)+len(ys)), xs...), ys...)
	} else if many {
		out = []kValue{}
		set, err := kNewSet(co, interp.LinkedSetClass, ys)
		if err != nil {
			return kNull, err
		}
		for _, x := range xs {
			_, found, err := set.Get(co, x)
			if err != nil {
				return kNull, err
			}
			if !found {
				out = append(out, x)
			}
		}
	} else {
		out = []kValue{}
		removed := false
		for _, x := range xs {
			if !removed {
				eq, err := co.Equals(x, arg)
				if err != nil {
					return kNull, err
				}
				if eq {
					removed = true
					continue
				}
			}
			out = append(out, x)
		}
	}
	if l := kAsList(this); l != nil && kIsArray(l) {
		return interp.Obj(interp.NewTypedArray(l.Class(), out)), nil
	}
	return kListV(out), nil
}

func kMapPlusMinus(co *kCoro, m *interp.Map, arg kValue, plus bool) (kValue, error) {
	keys, vals := kMapEntries(m)
	out := interp.NewMap(interp.LinkedMapClass)
	for i := range keys {
		if _, _, err := out.Put(co, keys[i], vals[i]); err != nil {
			return kNull, err
		}
	}
	if plus {
		var pairs []kValue
		switch o := arg.AsObject().(type) {
		case *interp.Map:
			ks, vs := kMapEntries(o)
			for i := range ks {
				if _, _, err := out.Put(co, ks[i], vs[i]); err != nil {
					return kNull, err
				}
			}
			return interp.Obj(out), nil
		case *interp.List:
			pairs = o.Elems
		default:
			pairs = []kValue{arg}
		}
		for _, p := range pairs {
			k, v, err := kPairParts(co, p)
			if err != nil {
				return kNull, err
			}
			if _, _, err := out.Put(co, k, v); err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	}
	var ks []kValue
	switch arg.AsObject().(type) {
	case *interp.List, *interp.Map, *interp.Range:
		var err error
		if ks, err = kElemsOf(co, arg); err != nil {
			return kNull, err
		}
	default:
		ks = []kValue{arg}
	}
	for _, k := range ks {
		if _, _, err := out.Remove(co, k); err != nil {
			return kNull, err
		}
	}
	return interp.Obj(out), nil
}

func kZeroFor(this kValue, xs []kValue) kValue {
	if l := kAsList(this); l != nil {
		switch l.Class() {
		case interp.LongArrayClass:
			return interp.Long(0)
		case interp.DoubleArrayClass:
			return interp.Double(0)
		}
	}
	if len(xs) > 0 {
		switch xs[0].Kind() {
		case interp.KLong:
			return interp.Long(0)
		case interp.KDouble:
			return interp.Double(0)
		case interp.KFloat:
			return interp.Float(0)
		}
	}
	return interp.Int(0)
}

func kSumValues(co *kCoro, xs []kValue, acc kValue) (kValue, error) {
	switch acc.Kind() {
	case interp.KInt:
		var s int32
		for _, x := range xs {
			s += int32(x.ToInt64())
		}
		return interp.Int(s), nil
	case interp.KLong:
		var s int64
		for _, x := range xs {
			s += x.ToInt64()
		}
		return interp.Long(s), nil
	case interp.KFloat:
		var s float32
		for _, x := range xs {
			s += float32(x.ToFloat64())
		}
		return interp.Float(s), nil
	}
	var s float64
	for _, x := range xs {
		s += x.ToFloat64()
	}
	return interp.Double(s), nil
}

// ---------------------------------------------------------------- sorting

type kCmpFunc func(a, b kValue) (int, error)

// kSortValues sorts xs stably in kNatural order.
func kSortValues(co *kCoro, xs []kValue) error { return kSortWith(co, xs, kNatural(co)) }

func kReverseCmp(c kCmpFunc) kCmpFunc {
	return func(a, b kValue) (int, error) {
		r, err := c(a, b)
		return -r, err
	}
}

// kSortWith sorts xs stably with cmp; the first error stops the sort.
func kSortWith(co *kCoro, xs []kValue, cmp kCmpFunc) error {
	var err error
	slices.SortStableFunc(xs, func(a, b kValue) int {
		if err != nil {
			return 0
		}
		c, e := cmp(a, b)
		if e != nil {
			err = e
		}
		return c
	})
	return err
}

// naturalOrder compares with compareTo; NaN sorts last as in Java.
func kNatural(co *kCoro) kCmpFunc {
	return func(a, b kValue) (int, error) {
		if (a.Kind() == interp.KDouble || a.Kind() == interp.KFloat) && (b.Kind() == interp.KDouble || b.Kind() == interp.KFloat) {
			x, y := a.ToFloat64(), b.ToFloat64()
			switch {
			case x < y:
				return -1, nil
			case x > y:
				return 1, nil
			}
			xn, yn := math.IsNaN(x), math.IsNaN(y)
			switch {
			case xn && yn:
				return 0, nil
			case xn:
				return 1, nil
			case yn:
				return -1, nil
			}
			// -0.0 < 0.0
			xs, ys := math.Signbit(x), math.Signbit(y)
			switch {
			case xs && !ys:
				return -1, nil
			case !xs && ys:
				return 1, nil
			}
			return 0, nil
		}
		return co.CompareValues(a, b)
	}
}

func kSortBySelector(co *kCoro, xs []kValue, sel kValue, desc bool) error {
	keys := make([]kValue, len(xs))
	for i, x := range xs {
		k, err := co.CallSync(sel, x)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	nat := kNatural(co)
	var err error
	slices.SortStableFunc(idx, func(a, b int) int {
		if err != nil {
			return 0
		}
		c, e := nat(keys[a], keys[b])
		if e != nil {
			err = e
		}
		if desc {
			c = -c
		}
		return c
	})
	if err != nil {
		return err
	}
	out := make([]kValue, len(xs))
	for j, i := range idx {
		out[j] = xs[i]
	}
	copy(xs, out)
	return nil
}

// ---------------------------------------------------------------- kShuffle

func kRandomIndex(co *kCoro, n int, rnd kValue) (int, error) {
	if rnd.IsNull() {
		return int(kRandUint64() % uint64(n)), nil
	}
	v, err := co.CallMethod(rnd, "nextInt", interp.Int(int32(n)))
	return kToInt(v), err
}

var (
	kRandMu    sync.Mutex
	kRandState uint64 = 0x9E3779B97F4A7C15
)

func kRandUint64() uint64 {
	kRandMu.Lock()
	defer kRandMu.Unlock()
	kRandState ^= kRandState << 13
	kRandState ^= kRandState >> 7
	kRandState ^= kRandState << 17
	return kRandState
}

// kShuffle is Kotlin's MutableList.shuffle(random): swaps from the end.
func kShuffle(co *kCoro, xs []kValue, rnd kValue) error {
	for i := len(xs) - 1; i >= 1; i-- {
		j, err := kRandomIndex(co, i+1, rnd)
		if err != nil {
			return err
		}
		xs[i], xs[j] = xs[j], xs[i]
	}
	return nil
}

// ---------------------------------------------------------------- iterators

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

// ---------------------------------------------------------------- lists

func kListIndex(co *kCoro, l *interp.List, v kValue) (int, error) {
	if v.Kind() != interp.KInt {
		return 0, co.Errorf("java.lang.ClassCastException", "index is not an Int")
	}
	i := kToInt(v)
	if i < 0 || i >= l.Len() {
		return i, kIndexError(co, l, i)
	}
	return i, nil
}

func initListMethods() {
	for _, c := range []*interp.Class{interp.CollectionClass, interp.MapClass} {
		c.AddProp("size", kSizeProp)
	}
	c := interp.ListClass
	kMethod(c, "get", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		return l.Elems[i], nil
	})
	kMethod(c, "subList", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		from, to := kToInt(args[0]), kToInt(args[1])
		switch {
		case from < 0:
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "fromIndex = %d", from)
		case to > l.Len():
			return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "toIndex = %d", to)
		case from > to:
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "fromIndex(%d) > toIndex(%d)", from, to)
		}
		return kListV(append([]kValue{}, l.Elems[from:to]...)), nil
	})
	c = interp.MutableListClass
	kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if l.Class() == SingletonListClass || l.Class() == EmptyListClass {
			return kNull, kUnsupported(co)
		}
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		old := l.Elems[i]
		l.Elems[i] = args[1]
		return old, nil
	})
	kMethod(c, "add", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		if len(args) == 2 {
			i := kToInt(args[0])
			if i < 0 || i > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, l.Len())
			}
			l.Elems = slices.Insert(l.Elems, i, args[1])
			l.Touch()
			return interp.Unit, nil
		}
		l.Append(args[0])
		return interp.True, nil
	})
	addAll := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		at := l.Len()
		src := args[0]
		if len(args) == 2 {
			at = kToInt(args[0])
			src = args[1]
			if at < 0 || at > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", at, l.Len())
			}
		}
		xs, err := kCopyElems(co, src)
		if err != nil {
			return kNull, err
		}
		l.Elems = slices.Insert(l.Elems, at, xs...)
		l.Touch()
		return interp.Bool(len(xs) > 0), nil
	}
	kMethod(c, "addAll", addAll)
	kMethod(c, "plusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := addAll(co, this, args)
			return interp.Unit, err
		}
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		l.Append(args[0])
		return interp.Unit, nil
	})
	kMethod(c, "addFirst", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		l.Elems = slices.Insert(l.Elems, 0, args[0])
		l.Touch()
		return interp.Unit, nil
	})
	kMethod(c, "addLast", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		kAsList(this).Append(args[0])
		return interp.Unit, nil
	})
	removeElem := func(co *kCoro, l *interp.List, x kValue) (bool, error) {
		for i, e := range l.Elems {
			eq, err := co.Equals(e, x)
			if err != nil {
				return false, err
			}
			if eq {
				l.Elems = slices.Delete(l.Elems, i, i+1)
				l.Touch()
				return true, nil
			}
		}
		return false, nil
	}
	kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := removeElem(co, l, args[0])
		return interp.Bool(ok), err
	})
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		if kIsCollectionArg(args[0]) {
			_, err := kRemoveWhere(co, l, args[0], true)
			return interp.Unit, err
		}
		_, err := removeElem(co, l, args[0])
		return interp.Unit, err
	})
	removeAt := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return kNull, err
		}
		old := l.Elems[i]
		l.Elems = slices.Delete(l.Elems, i, i+1)
		l.Touch()
		return old, nil
	}
	kMethod(c, "removeAt", removeAt)
	kMethod(c, "removeFirst", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kAsList(this).Len() == 0 {
			return kNull, kNoSuchElement(co, "List is empty.")
		}
		return removeAt(co, this, []kValue{interp.Int(0)})
	})
	kMethod(c, "removeLast", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kAsList(this).Len()
		if n == 0 {
			return kNull, kNoSuchElement(co, "List is empty.")
		}
		return removeAt(co, this, []kValue{interp.Int(int32(n - 1))})
	})
	kMethod(c, "removeFirstOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kAsList(this).Len() == 0 {
			return kNull, nil
		}
		return removeAt(co, this, []kValue{interp.Int(0)})
	})
	kMethod(c, "removeLastOrNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kAsList(this).Len()
		if n == 0 {
			return kNull, nil
		}
		return removeAt(co, this, []kValue{interp.Int(int32(n - 1))})
	})
	kMethod(c, "removeAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := kRemoveWhere(co, l, args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "removeIf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ok, err := kRemoveWhere(co, kAsList(this), args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "retainAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		ok, err := kRemoveWhere(co, l, args[0], false)
		return interp.Bool(ok), err
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if err := kCheckMutable(co, l); err != nil {
			return kNull, err
		}
		l.Elems = l.Elems[:0:0]
		l.Touch()
		return interp.Unit, nil
	})
	initInPlaceSorts(c)
	for _, ac := range kArrayClasses {
		initInPlaceSorts(ac)
	}
}

// kIsCollectionArg reports whether v is a collection (for += and -=,
// which add all elements of a collection argument).
func kIsCollectionArg(v kValue) bool {
	switch o := v.AsObject().(type) {
	case *interp.List:
		return !kIsArray(o) || o.Class() == interp.ArrayClass
	case *interp.Map:
		return o.IsSet()
	case *interp.Range, *kSeq:
		return true
	}
	return false
}

// kRemoveWhere removes the elements of l that are in (or, with keep
// false, not in) the collection or predicate arg.
func kRemoveWhere(co *kCoro, l *interp.List, arg kValue, matching bool) (bool, error) {
	var test func(x kValue) (bool, error)
	if kIsFunc(arg) {
		test = func(x kValue) (bool, error) {
			r, err := co.CallSync(arg, x)
			return r.AsBool(), err
		}
	} else {
		ys, err := kElemsOf(co, arg)
		if err != nil {
			return false, err
		}
		set, err := kNewSet(co, interp.LinkedSetClass, ys)
		if err != nil {
			return false, err
		}
		test = func(x kValue) (bool, error) {
			_, ok, err := set.Get(co, x)
			return ok, err
		}
	}
	out := l.Elems[:0:0]
	changed := false
	for _, x := range l.Elems {
		in, err := test(x)
		if err != nil {
			return false, err
		}
		if in == matching {
			changed = true
			continue
		}
		out = append(out, x)
	}
	if changed {
		l.Elems = out
		l.Touch()
	}
	return changed, nil
}

func initInPlaceSorts(c *interp.Class) {
	kMethod(c, "sort", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		if len(args) > 0 && kIsFunc(args[0]) {
			// sort { a, b -> } is kSortWith(Comparator)
			return interp.Unit, kSortWith(co, l.Elems, kComparatorFunc(co, args[0]))
		}
		xs := l.Elems
		if len(args) == 2 {
			xs = xs[kToInt(args[0]):kToInt(args[1])]
		}
		err := kSortValues(co, xs)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortWith(co, l.Elems, kReverseCmp(kNatural(co)))
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortWith", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortWith(co, l.Elems, kComparatorFunc(co, args[0]))
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortBySelector(co, l.Elems, args[0], false)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "sortByDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		err := kSortBySelector(co, l.Elems, args[0], true)
		l.Touch()
		return interp.Unit, err
	})
	kMethod(c, "reverse", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		slices.Reverse(kAsList(this).Elems)
		return interp.Unit, nil
	})
	kMethod(c, "shuffle", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return interp.Unit, kShuffle(co, kAsList(this).Elems, kArgOr(args, 0, kNull))
	})
	kMethod(c, "fill", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		from, to := 0, l.Len()
		if kHasArg(args, 1) {
			from = kToInt(args[1])
		}
		if kHasArg(args, 2) {
			to = kToInt(args[2])
		}
		if from < 0 || to > l.Len() || from > to {
			return kNull, co.Errorf("java.lang.ArrayIndexOutOfBoundsException", "Array index out of range: %d", to)
		}
		v := kConvertTo(args[0], kElemKindOf(l.Class()))
		for i := from; i < to; i++ {
			l.Elems[i] = v
		}
		return interp.Unit, nil
	}, "element", "fromIndex", "toIndex")
}

// ---------------------------------------------------------------- arrays

func initArrayMethods() {
	for _, c := range kArrayClasses {
		c.AddProp("size", kSizeProp)
		kMethod(c, "get", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			i, err := kListIndex(co, l, args[0])
			if err != nil {
				return kNull, err
			}
			return l.Elems[i], nil
		})
		kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			i, err := kListIndex(co, l, args[0])
			if err != nil {
				return kNull, err
			}
			l.Elems[i] = kConvertTo(args[1], kElemKindOf(l.Class()))
			return interp.Unit, nil
		})
		kMethod(c, "contentToString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			l := kAsList(this)
			if l == nil {
				return interp.String("null"), nil
			}
			s, err := kJoinValues(co, l.Elems)
			return interp.String(s), err
		})
		kMethod(c, "contentDeepToString", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			s, err := kDeepString(co, this)
			return interp.String(s), err
		})
		kMethod(c, "contentEquals", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			a, b := kAsList(this), kAsList(args[0])
			if a == nil || b == nil {
				return interp.Bool(a == b), nil
			}
			if a.Len() != b.Len() {
				return interp.False, nil
			}
			for i := range a.Elems {
				eq, err := co.Equals(a.Elems[i], b.Elems[i])
				if err != nil || !eq {
					return interp.False, err
				}
			}
			return interp.True, nil
		})
		kMethod(c, "contentHashCode", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			h, err := co.HashCode(kListV(kAsList(this).Elems))
			return interp.Int(h), err
		})
		kMethod(c, "copyOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			n := l.Len()
			if len(args) > 0 {
				n = kToInt(args[0])
			}
			if n < 0 {
				return kNull, co.Errorf("java.lang.NegativeArraySizeException", "%d", n)
			}
			if err := co.CheckAlloc(n, 32); err != nil {
				return kNull, err
			}
			out := make([]kValue, n)
			z := kZeroOf(l.Class())
			for i := range out {
				if i < l.Len() {
					out[i] = l.Elems[i]
				} else {
					out[i] = z
				}
			}
			return interp.Obj(interp.NewTypedArray(l.Class(), out)), nil
		})
		kMethod(c, "copyOfRange", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			from, to := kToInt(args[0]), kToInt(args[1])
			if from < 0 || to > l.Len() {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "toIndex (%d) is greater than size (%d).", to, l.Len())
			}
			if from > to {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "fromIndex (%d) is greater than toIndex (%d).", from, to)
			}
			return interp.Obj(interp.NewTypedArray(l.Class(), append([]kValue{}, l.Elems[from:to]...))), nil
		})
		kMethod(c, "sortedArray", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			err := kSortValues(co, xs)
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), err
		})
		kMethod(c, "sortedArrayDescending", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			err := kSortWith(co, xs, kReverseCmp(kNatural(co)))
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), err
		})
		kMethod(c, "reversedArray", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			xs := l.Snapshot()
			slices.Reverse(xs)
			return interp.Obj(interp.NewTypedArray(l.Class(), xs)), nil
		})
		kMethod(c, "clone", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			l := kAsList(this)
			return interp.Obj(interp.NewTypedArray(l.Class(), l.Snapshot())), nil
		})
	}
}

func kJoinValues(co *kCoro, xs []kValue) (string, error) {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := co.ToString(x)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String(), nil
}

func kDeepString(co *kCoro, v kValue) (string, error) {
	l := kAsList(v)
	if l == nil || !kIsArray(l) {
		return co.ToString(v)
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range l.Elems {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := kDeepString(co, x)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String(), nil
}

// ---------------------------------------------------------------- sets

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
	removeSome := func(co *kCoro, m *interp.Map, arg kValue, matching bool) (bool, error) {
		var test func(x kValue) (bool, error)
		if kIsFunc(arg) {
			test = func(x kValue) (bool, error) {
				r, err := co.CallSync(arg, x)
				return r.AsBool(), err
			}
		} else {
			ys, err := kElemsOf(co, arg)
			if err != nil {
				return false, err
			}
			set, err := kNewSet(co, interp.LinkedSetClass, ys)
			if err != nil {
				return false, err
			}
			test = func(x kValue) (bool, error) {
				_, ok, err := set.Get(co, x)
				return ok, err
			}
		}
		keys, _ := kMapEntries(m)
		changed := false
		for _, k := range keys {
			in, err := test(k)
			if err != nil {
				return false, err
			}
			if in == matching {
				if _, _, err := m.Remove(co, k); err != nil {
					return false, err
				}
				changed = true
			}
		}
		return changed, nil
	}
	kMethod(c, "removeAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ok, err := removeSome(co, kAsMap(this), args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "removeIf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ok, err := removeSome(co, kAsMap(this), args[0], true)
		return interp.Bool(ok), err
	})
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if kIsCollectionArg(args[0]) {
			_, err := removeSome(co, kAsMap(this), args[0], true)
			return interp.Unit, err
		}
		_, _, err := kAsMap(this).Remove(co, args[0])
		return interp.Unit, err
	})
	kMethod(c, "retainAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		ok, err := removeSome(co, kAsMap(this), args[0], false)
		return interp.Bool(ok), err
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		kAsMap(this).Clear()
		return interp.Unit, nil
	})
}

// ---------------------------------------------------------------- maps

func initMapMethods() {
	c := interp.MapClass
	get := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		v, _, err := kAsMap(this).Get(co, args[0])
		return v, err
	}
	kMethod(c, "get", get)
	kMethod(c, "containsKey", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, ok, err := kAsMap(this).Get(co, args[0])
		return interp.Bool(ok), err
	})
	kMethod(c, "containsValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, vals := kMapEntries(kAsMap(this))
		for _, v := range vals {
			eq, err := co.Equals(v, args[0])
			if err != nil || eq {
				return interp.Bool(eq), err
			}
		}
		return interp.False, nil
	})
	kMethod(c, "getOrDefault", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		v, ok, err := kAsMap(this).Get(co, args[0])
		if !ok {
			return args[1], err
		}
		return v, err
	})
	kMethod(c, "getValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if len(args) == 2 {
			// val x by map: getValue(thisRef, property)
			args = []kValue{kPropertyName(args[1])}
		}
		v, ok, err := kAsMap(this).Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		if !ok {
			k, err := co.ToString(args[0])
			if err != nil {
				return kNull, err
			}
			return kNull, kNoSuchElement(co, "Key "+k+" is missing in the map.")
		}
		return v, nil
	})
	c.AddProp("keys", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		keys, _ := kMapEntries(kAsMap(this))
		m, err := kNewSet(co, interp.LinkedSetClass, keys)
		return interp.Obj(m), err
	})
	c.AddProp("values", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		_, vals := kMapEntries(kAsMap(this))
		return kListV(vals), nil
	})
	c.AddProp("entries", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, xs)
		return interp.Obj(m), err
	})
	kMethod(c, "toMutableMap", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		keys, vals := kMapEntries(kAsMap(this))
		out := interp.NewMap(interp.LinkedMapClass)
		for i := range keys {
			if _, _, err := out.Put(co, keys[i], vals[i]); err != nil {
				return kNull, err
			}
		}
		return interp.Obj(out), nil
	})
	kMethod(c, "toSortedMap", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return kSortedMap(co, kAsMap(this))
	})
	kMethod(c, "asSequence", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		src := this
		return seqV(func(co *kCoro) (interp.Iterator, error) { return kIteratorOf(co, src) }), nil
	})
	c = interp.MutableMapClass
	put := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, _, err := m.Put(co, args[0], args[1])
		m.NoteSize()
		return old, err
	}
	kMethod(c, "put", put)
	kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, err := put(co, this, args)
		return interp.Unit, err
	})
	kMethod(c, "setValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		// var x by map: setValue(thisRef, property, value)
		_, err := put(co, this, []kValue{kPropertyName(args[1]), args[2]})
		return interp.Unit, err
	})
	kMethod(c, "putIfAbsent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		v, ok, err := m.Get(co, args[0])
		if err != nil || (ok && !v.IsNull()) {
			return v, err
		}
		return put(co, this, args)
	})
	putAll := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		if src := kAsMap(args[0]); src != nil && !src.IsSet() {
			keys, vals := kMapEntries(src)
			for i := range keys {
				if _, _, err := m.Put(co, keys[i], vals[i]); err != nil {
					return kNull, err
				}
			}
		} else {
			xs, err := kElemsOf(co, args[0])
			if err != nil {
				return kNull, err
			}
			for _, x := range xs {
				k, v, err := kPairParts(co, x)
				if err != nil {
					return kNull, err
				}
				if _, _, err := m.Put(co, k, v); err != nil {
					return kNull, err
				}
			}
		}
		m.NoteSize()
		return interp.Unit, nil
	}
	kMethod(c, "putAll", putAll)
	kMethod(c, "plusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if _, ok := args[0].AsObject().(*interp.Instance); ok {
			k, v, err := kPairParts(co, args[0])
			if err != nil {
				return kNull, err
			}
			return put(co, this, []kValue{k, v})
		}
		return putAll(co, this, args)
	})
	kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		if len(args) == 2 {
			v, ok, err := m.Get(co, args[0])
			if err != nil || !ok {
				return interp.False, err
			}
			eq, err := co.Equals(v, args[1])
			if err != nil || !eq {
				return interp.False, err
			}
			_, _, err = m.Remove(co, args[0])
			return interp.True, err
		}
		old, _, err := m.Remove(co, args[0])
		return old, err
	})
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		ks := []kValue{args[0]}
		if kIsCollectionArg(args[0]) {
			var err error
			if ks, err = kElemsOf(co, args[0]); err != nil {
				return kNull, err
			}
		}
		for _, k := range ks {
			if _, _, err := m.Remove(co, k); err != nil {
				return kNull, err
			}
		}
		return interp.Unit, nil
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		kAsMap(this).Clear()
		return interp.Unit, nil
	})
	// Java's default methods taking functions (not inline in Kotlin)
	kMethod(c, "merge", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		nv := args[1]
		if ok && !old.IsNull() {
			if nv, err = co.CallSync(args[2], old, args[1]); err != nil {
				return kNull, err
			}
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "computeIfAbsent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil || (ok && !old.IsNull()) {
			return old, err
		}
		nv, err := co.CallSync(args[1], args[0])
		if err != nil || nv.IsNull() {
			return nv, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "computeIfPresent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil || !ok || old.IsNull() {
			return kNull, err
		}
		nv, err := co.CallSync(args[1], args[0], old)
		if err != nil {
			return kNull, err
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "compute", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, _, err := m.Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		nv, err := co.CallSync(args[1], args[0], old)
		if err != nil {
			return kNull, err
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "replaceAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		keys, vals := kMapEntries(m)
		for i := range keys {
			nv, err := co.CallSync(args[0], keys[i], vals[i])
			if err != nil {
				return kNull, err
			}
			if _, _, err := m.Put(co, keys[i], nv); err != nil {
				return kNull, err
			}
		}
		return interp.Unit, nil
	})

	e := interp.MapEntryClass
	e.AddProp("key", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Key, nil
	})
	e.AddProp("value", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Val, nil
	})
	kMethod(e, "component1", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Key, nil
	})
	kMethod(e, "component2", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Val, nil
	})
	kMethod(e, "toPair", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		me := this.AsObject().(*interp.MapEntry)
		return kPairOf(co, me.Key, me.Val), nil
	})
}

// ---------------------------------------------------------------- sequences

// kSeq is a lazy sequence: each iteration calls iter for a fresh
// iterator. Intermediate operations (map, filter, take, ...) build new
// sequences; their lambdas are called from Go while iterating and must
// not suspend (as in Kotlin, where they are not inline).
type kSeq struct {
	iter func(co *kCoro) (interp.Iterator, error)
}

func (*kSeq) Class() *interp.Class { return seqImplClass }

func seqV(iter func(co *kCoro) (interp.Iterator, error)) kValue {
	return interp.Obj(&kSeq{iter: iter})
}

// derive returns a sequence whose iterator wraps an iterator of s.
func (s *kSeq) derive(f func(co *kCoro, src interp.Iterator) interp.Iterator) kValue {
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		src, err := s.iter(co)
		if err != nil {
			return nil, err
		}
		return f(co, src), nil
	})
}

// stateful returns a sequence that collects s, transforms the elements
// and yields the result (sorted, ...).
func (s *kSeq) stateful(f func(co *kCoro, xs []kValue) ([]kValue, error)) kValue {
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		xs, err := co.Elements(interp.Obj(s))
		if err != nil {
			return nil, err
		}
		ys, err := f(co, append([]kValue(nil), xs...))
		if err != nil {
			return nil, err
		}
		return co.Iterator(kListV(ys))
	})
}

func (s *kSeq) slice(name string, n int) kValue {
	switch name {
	case "take":
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if i >= n {
					return kNull, false, nil
				}
				i++
				return src.Next(co)
			})
		})
	case "drop":
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			dropped := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if !dropped {
					dropped = true
					for i := 0; i < n; i++ {
						if _, ok, err := src.Next(co); err != nil || !ok {
							return kNull, false, err
						}
					}
				}
				return src.Next(co)
			})
		})
	}
	return s.stateful(func(co *kCoro, xs []kValue) ([]kValue, error) {
		k := min(n, len(xs))
		if name == "takeLast" {
			return xs[len(xs)-k:], nil
		}
		return xs[:len(xs)-k], nil
	})
}

func (s *kSeq) windowed(size, step int, partial bool, transform kValue) kValue {
	return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
		var buf []kValue
		done := false
		return kFuncIter(func(co *kCoro) (kValue, bool, error) {
			for !done && len(buf) < size {
				v, ok, err := src.Next(co)
				if err != nil {
					return kNull, false, err
				}
				if !ok {
					done = true
					break
				}
				buf = append(buf, v)
			}
			if len(buf) == 0 || (len(buf) < size && !partial) {
				return kNull, false, nil
			}
			w := kListV(append([]kValue(nil), buf...))
			if step >= len(buf) {
				skip := step - len(buf)
				buf = buf[:0]
				for ; skip > 0 && !done; skip-- {
					if _, ok, err := src.Next(co); err != nil {
						return kNull, false, err
					} else if !ok {
						done = true
					}
				}
			} else {
				buf = append([]kValue(nil), buf[step:]...)
			}
			if !transform.IsNull() {
				r, err := co.CallSync(transform, w)
				return r, err == nil, err
			}
			return w, true, nil
		})
	})
}

func callBool(co *kCoro, fn kValue, args ...kValue) (bool, error) {
	r, err := co.CallSync(fn, args...)
	return r.AsBool(), err
}

func initSequenceMethods() {
	c := seqImplClass
	seq := func(v kValue) *kSeq { return v.AsObject().(*kSeq) }
	kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := seq(this).iter(co)
		if err != nil {
			return kNull, err
		}
		return interp.Obj(&kPeekIter{src: it}), nil
	})
	kMethod(c, "map", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				r, err := co.CallSync(fn, v)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "mapIndexed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				r, err := co.CallSync(fn, interp.Int(int32(i)), v)
				i++
				return r, err == nil, err
			})
		}), nil
	})
	filter := func(keep func(co *kCoro, i int, v kValue) (bool, error)) func(s *kSeq) kValue {
		return func(s *kSeq) kValue {
			return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
				i := 0
				return kFuncIter(func(co *kCoro) (kValue, bool, error) {
					for {
						v, ok, err := src.Next(co)
						if err != nil || !ok {
							return kNull, false, err
						}
						k, err := keep(co, i, v)
						i++
						if err != nil {
							return kNull, false, err
						}
						if k {
							return v, true, nil
						}
					}
				})
			})
		}
	}
	kMethod(c, "filter", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) { return callBool(co, fn, v) })(seq(this)), nil
	})
	kMethod(c, "filterNot", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) {
			b, err := callBool(co, fn, v)
			return !b, err
		})(seq(this)), nil
	})
	kMethod(c, "filterIndexed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, i int, v kValue) (bool, error) {
			return callBool(co, fn, interp.Int(int32(i)), v)
		})(seq(this)), nil
	})
	kMethod(c, "filterNotNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) { return !v.IsNull(), nil })(seq(this)), nil
	})
	kMethod(c, "mapNotNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					r, err := co.CallSync(fn, v)
					if err != nil {
						return kNull, false, err
					}
					if !r.IsNull() {
						return r, true, nil
					}
				}
			})
		}), nil
	})
	kMethod(c, "onEach", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				_, err = co.CallSync(fn, v)
				return v, err == nil, err
			})
		}), nil
	})
	whileOp := func(take bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			fn := args[0]
			return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
				done := false
				return kFuncIter(func(co *kCoro) (kValue, bool, error) {
					for {
						v, ok, err := src.Next(co)
						if err != nil || !ok {
							return kNull, false, err
						}
						if done {
							if take {
								return kNull, false, nil
							}
							return v, true, nil
						}
						b, err := callBool(co, fn, v)
						if err != nil {
							return kNull, false, err
						}
						if take {
							if !b {
								done = true
								return kNull, false, nil
							}
							return v, true, nil
						}
						if !b {
							done = true
							return v, true, nil
						}
					}
				})
			}), nil
		}
	}
	kMethod(c, "takeWhile", whileOp(true))
	kMethod(c, "dropWhile", whileOp(false))
	for _, name := range []string{"take", "drop", "takeLast", "dropLast"} {
		name := name
		kMethod(c, name, func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			n := kToInt(args[0])
			if n < 0 {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "Requested element count %d is less than zero.", n)
			}
			return seq(this).slice(name, n), nil
		})
	}
	flatMap := func(co *kCoro, s *kSeq, fn kValue) kValue {
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var cur interp.Iterator
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					if cur != nil {
						v, ok, err := cur.Next(co)
						if err != nil {
							return kNull, false, err
						}
						if ok {
							return v, true, nil
						}
						cur = nil
					}
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					if !fn.IsNull() {
						if v, err = co.CallSync(fn, v); err != nil {
							return kNull, false, err
						}
					}
					if cur, err = kIteratorOf(co, v); err != nil {
						return kNull, false, err
					}
				}
			})
		})
	}
	kMethod(c, "flatMap", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return flatMap(co, seq(this), args[0]), nil
	})
	kMethod(c, "flatten", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return flatMap(co, seq(this), kNull), nil
	})
	distinctBy := func(s *kSeq, fn kValue) kValue {
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			seen := interp.NewMap(interp.LinkedSetClass)
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					k := v
					if !fn.IsNull() {
						if k, err = co.CallSync(fn, v); err != nil {
							return kNull, false, err
						}
					}
					_, found, err := seen.Put(co, k, interp.Unit)
					if err != nil {
						return kNull, false, err
					}
					if !found {
						return v, true, nil
					}
				}
			})
		})
	}
	kMethod(c, "distinct", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return distinctBy(seq(this), kNull), nil
	})
	kMethod(c, "distinctBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return distinctBy(seq(this), args[0]), nil
	})
	kMethod(c, "withIndex", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				i++
				return kIndexedValue(co, i-1, v), true, nil
			})
		}), nil
	})
	kMethod(c, "zip", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		other, fn := args[0], kArgOr(args, 1, kNull)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var oit interp.Iterator
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if oit == nil {
					var err error
					if oit, err = kIteratorOf(co, other); err != nil {
						return kNull, false, err
					}
				}
				a, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				b, ok, err := oit.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				if fn.IsNull() {
					return kPairOf(co, a, b), true, nil
				}
				r, err := co.CallSync(fn, a, b)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "zipWithNext", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := kArgOr(args, 0, kNull)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var prev kValue
			started := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if !started {
					started = true
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					prev = v
				}
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				a := prev
				prev = v
				if fn.IsNull() {
					return kPairOf(co, a, v), true, nil
				}
				r, err := co.CallSync(fn, a, v)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "plus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		other := args[0]
		many := kIsCollectionArg(other)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var second interp.Iterator
			first := true
			single := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if first {
					v, ok, err := src.Next(co)
					if err != nil || ok {
						return v, ok, err
					}
					first = false
					if !many {
						single = true
						return other, true, nil
					}
					if second, err = kIteratorOf(co, other); err != nil {
						return kNull, false, err
					}
				}
				if single {
					return kNull, false, nil
				}
				return second.Next(co)
			})
		}), nil
	})
	sortOp := func(f func(co *kCoro, xs []kValue, args []kValue) error) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			return seq(this).stateful(func(co *kCoro, xs []kValue) ([]kValue, error) {
				return xs, f(co, xs, args)
			}), nil
		}
	}
	kMethod(c, "sorted", sortOp(func(co *kCoro, xs, _ []kValue) error { return kSortValues(co, xs) }))
	kMethod(c, "sortedDescending", sortOp(func(co *kCoro, xs, _ []kValue) error {
		return kSortWith(co, xs, kReverseCmp(kNatural(co)))
	}))
	kMethod(c, "sortedWith", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortWith(co, xs, kComparatorFunc(co, args[0]))
	}))
	kMethod(c, "sortedBy", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortBySelector(co, xs, args[0], false)
	}))
	kMethod(c, "sortedByDescending", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortBySelector(co, xs, args[0], true)
	}))
	kMethod(c, "chunked", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kToInt(args[0])
		return kWindowed(co, this, n, n, true, kArgOr(args, 1, kNull))
	})
	kMethod(c, "constrainOnce", func(co *kCoro, this kValue, args []kValue) (kValue, error) { return this, nil })
	kMethod(c, "elementAt", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i := kToInt(args[0])
		it, err := seq(this).iter(co)
		if err != nil {
			return kNull, err
		}
		for j := 0; ; j++ {
			v, ok, err := it.Next(co)
			if err != nil {
				return kNull, err
			}
			if !ok || i < 0 {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Sequence doesn't contain element at index %d.", i)
			}
			if j == i {
				return v, nil
			}
		}
	})

	sc := SequenceScopeClass
	kMethod(sc, "yield", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		s := this.AsObject().(*seqScope)
		s.val, s.has = args[0], true
		if err := co.Suspend(); err != nil {
			return kNull, err
		}
		return kNull, interp.ErrSuspend
	})
	kMethod(sc, "yieldAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		s := this.AsObject().(*seqScope)
		it, err := kIteratorOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		s.sub = it
		if err := co.Suspend(); err != nil {
			return kNull, err
		}
		return kNull, interp.ErrSuspend
	})
}

// seqScope is the receiver of a sequence { } builder: yield hands a value
// to the consumer and suspends the builder's coroutine.
type seqScope struct {
	val kValue
	has bool
	sub interp.Iterator
}

func (*seqScope) Class() *interp.Class { return SequenceScopeClass }

// builderIter runs a sequence { } block in its own coroutine, resuming it
// whenever the consumer wants the next element.
type builderIter struct {
	block   kValue
	scope   *seqScope
	inner   *interp.Coroutine
	started bool
	done    bool
}

func (*builderIter) Class() *interp.Class { return iterImplClass }

func (it *builderIter) Next(co *kCoro) (kValue, bool, error) {
	for {
		if it.scope.sub != nil {
			v, ok, err := it.scope.sub.Next(co)
			if err != nil {
				return kNull, false, err
			}
			if ok {
				return v, true, nil
			}
			it.scope.sub = nil
		}
		if it.done {
			return kNull, false, nil
		}
		if !it.started {
			it.started = true
			fn, ok := interp.BindReceiver(it.block, interp.Obj(it.scope))
			if !ok {
				it.done = true
				return kNull, false, co.Errorf("java.lang.IllegalArgumentException", "sequence { } needs a lambda")
			}
			inner, err := co.Interp().NewCoroutine(fn)
			if err != nil {
				return kNull, false, err
			}
			it.inner = inner
		} else {
			it.inner.Resume(interp.Unit)
		}
		switch it.inner.Run() {
		case interp.Done:
			it.done = true
			it.inner = nil
		case interp.Failed:
			it.done = true
			err := it.inner.Err()
			it.inner = nil
			return kNull, false, err
		case interp.Suspended:
			if it.scope.has {
				it.scope.has = false
				v := it.scope.val
				it.scope.val = kNull
				return v, true, nil
			}
			if it.scope.sub == nil {
				it.done = true
				return kNull, false, co.Errorf("java.lang.IllegalStateException",
					"a sequence { } builder may only suspend in yield and yieldAll")
			}
		}
	}
}

func (it *builderIter) hasNext(co *kCoro) (bool, error) { return false, nil }

func newBuilderIter(block kValue) interp.Iterator {
	return &kPeekIter{src: &builderIter{block: block, scope: &seqScope{}}}
}

func fnSequence(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	block := args[0]
	return seqV(func(co *kCoro) (interp.Iterator, error) { return newBuilderIter(block), nil }), nil
}

func fnIteratorBuilder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return interp.Obj(newBuilderIter(args[0])), nil
}

func fnSequenceOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs := append([]kValue(nil), args...)
	return seqV(func(co *kCoro) (interp.Iterator, error) { return co.Iterator(kListV(xs)) }), nil
}

// fnGenerateSequence is generateSequence(seed) { next },
// generateSequence(seedFunction, nextFunction) and
// generateSequence(nextFunction); a null ends the sequence.
func fnGenerateSequence(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	var seed, seedFn, next kValue
	switch len(args) {
	case 1:
		seedFn, next = args[0], args[0]
	default:
		if kIsFunc(args[0]) {
			seedFn = args[0]
		} else {
			seed = args[0]
		}
		next = args[1]
	}
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		started := false
		var cur kValue
		return kFuncIter(func(co *kCoro) (kValue, bool, error) {
			var err error
			if !started {
				started = true
				cur = seed
				if !seedFn.IsNull() {
					cur, err = co.CallSync(seedFn)
				}
			} else if !cur.IsNull() {
				cur, err = co.CallSync(next, cur)
			}
			if err != nil || cur.IsNull() {
				return kNull, false, err
			}
			return cur, true, nil
		}), nil
	}), nil
}

// ---------------------------------------------------------------- comparators

// kComparator is a built-in java.util.Comparator.
type kComparator struct {
	cmp func(co *kCoro, a, b kValue) (int, error)
}

func (*kComparator) Class() *interp.Class { return cmpImplClass }

func cmpV(f func(co *kCoro, a, b kValue) (int, error)) kValue {
	return interp.Obj(&kComparator{cmp: f})
}

// kComparatorFunc turns a comparator value (built-in, a script object
// implementing Comparator, or a two-argument lambda) into a Go function.
func kComparatorFunc(co *kCoro, c kValue) kCmpFunc {
	switch o := c.AsObject().(type) {
	case *kComparator:
		return func(a, b kValue) (int, error) { return o.cmp(co, a, b) }
	case *interp.Closure, *interp.Native:
		return func(a, b kValue) (int, error) {
			r, err := co.CallSync(c, a, b)
			return int(r.AsInt()), err
		}
	}
	if c.IsNull() {
		return kNatural(co)
	}
	return func(a, b kValue) (int, error) {
		r, err := co.CallMethod(c, "compare", a, b)
		return int(r.AsInt()), err
	}
}

func selectorCmp(sels []kValue, desc bool) func(co *kCoro, a, b kValue) (int, error) {
	return func(co *kCoro, a, b kValue) (int, error) {
		for _, s := range sels {
			x, err := co.CallSync(s, a)
			if err != nil {
				return 0, err
			}
			y, err := co.CallSync(s, b)
			if err != nil {
				return 0, err
			}
			c, err := kNatural(co)(x, y)
			if err != nil || c != 0 {
				if desc {
					c = -c
				}
				return c, err
			}
		}
		return 0, nil
	}
}

func fnCompareBy(desc bool) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		sels := append([]kValue(nil), args...)
		if len(sels) == 1 {
			if l := kAsList(sels[0]); l != nil {
				sels = l.Snapshot()
			}
		}
		return cmpV(selectorCmp(sels, desc)), nil
	}
}

// compareIgnoreCase is String.CASE_INSENSITIVE_ORDER's comparison.
func compareIgnoreCase(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(x) && i < len(y); i++ {
		c1, c2 := rune(x[i]), rune(y[i])
		if c1 == c2 {
			continue
		}
		c1, c2 = unicode.ToUpper(c1), unicode.ToUpper(c2)
		if c1 == c2 {
			continue
		}
		c1, c2 = unicode.ToLower(c1), unicode.ToLower(c2)
		if c1 != c2 {
			return int(c1 - c2)
		}
	}
	return len(x) - len(y)
}

func fnNaturalOrder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kNatural(co)(a, b) }), nil
}

func fnReverseOrder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kNatural(co)(b, a) }), nil
}

func fnCompareValues(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	c, err := kNatural(co)(args[0], args[1])
	return interp.Int(int32(c)), err
}

func fnCompareValuesBy(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	c, err := selectorCmp(args[2:], false)(co, args[0], args[1])
	return interp.Int(int32(c)), err
}

func fnNulls(first bool) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		inner := kArgOr(args, 0, kNull)
		return cmpV(func(co *kCoro, a, b kValue) (int, error) {
			switch {
			case a.IsNull() && b.IsNull():
				return 0, nil
			case a.IsNull():
				if first {
					return -1, nil
				}
				return 1, nil
			case b.IsNull():
				if first {
					return 1, nil
				}
				return -1, nil
			}
			return kComparatorFunc(co, inner)(a, b)
		}), nil
	}
}

func fnComparator(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	fn := args[0]
	return cmpV(func(co *kCoro, a, b kValue) (int, error) {
		r, err := co.CallSync(fn, a, b)
		return int(r.AsInt()), err
	}), nil
}

func initComparatorMethods() {
	kMethod(cmpImplClass, "compare", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		c, err := this.AsObject().(*kComparator).cmp(co, args[0], args[1])
		return interp.Int(int32(c)), err
	})
	c := ComparatorClass
	kMethod(c, "reversed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kComparatorFunc(co, this)(b, a) }), nil
	})
	then := func(next func(co *kCoro, args []kValue) kCmpFunc) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			args = append([]kValue(nil), args...)
			return cmpV(func(co *kCoro, a, b kValue) (int, error) {
				r, err := kComparatorFunc(co, this)(a, b)
				if err != nil || r != 0 {
					return r, err
				}
				return next(co, args)(a, b)
			}), nil
		}
	}
	selector := func(desc bool) func(co *kCoro, args []kValue) kCmpFunc {
		return func(co *kCoro, args []kValue) kCmpFunc {
			f := selectorCmp(args[:1], desc)
			return func(a, b kValue) (int, error) { return f(co, a, b) }
		}
	}
	comparator := func(desc bool) func(co *kCoro, args []kValue) kCmpFunc {
		return func(co *kCoro, args []kValue) kCmpFunc {
			f := kComparatorFunc(co, args[0])
			if desc {
				return kReverseCmp(f)
			}
			return f
		}
	}
	kMethod(c, "thenBy", then(func(co *kCoro, args []kValue) kCmpFunc {
		if _, ok := args[0].AsObject().(*kComparator); ok || len(args) > 1 {
			return comparator(false)(co, args)
		}
		return selector(false)(co, args)
	}))
	kMethod(c, "thenByDescending", then(selector(true)))
	kMethod(c, "thenComparing", then(func(co *kCoro, args []kValue) kCmpFunc {
		if _, ok := args[0].AsObject().(*kComparator); ok {
			return comparator(false)(co, args)
		}
		if interp.Arity(args[0]) == 1 {
			return selector(false)(co, args)
		}
		return comparator(false)(co, args)
	}))
	kMethod(c, "then", then(comparator(false)))
	kMethod(c, "thenDescending", then(comparator(true)))
}

// ---------------------------------------------------------------- grouping

// kGrouping is groupingBy { key }: a source and a key selector (called
// from Go: it must not suspend).
type kGrouping struct {
	src, key kValue
}

func (*kGrouping) Class() *interp.Class { return GroupingClass }

func (g *kGrouping) each(co *kCoro, f func(k, e kValue) error) error {
	xs, err := kElemsOf(co, g.src)
	if err != nil {
		return err
	}
	for _, x := range xs {
		k, err := co.CallSync(g.key, x)
		if err != nil {
			return err
		}
		if err := f(k, x); err != nil {
			return err
		}
	}
	return nil
}

func initGrouping() {
	c := GroupingClass
	grp := func(v kValue) *kGrouping { return v.AsObject().(*kGrouping) }
	kMethod(c, "eachCount", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, _ kValue) error {
			n, _, err := m.Get(co, k)
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, interp.Int(n.AsInt()+1))
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "fold", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		withKey := kIsFunc(args[0]) && len(args) == 2
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			if !ok {
				if withKey {
					if acc, err = co.CallSync(args[0], k, e); err != nil {
						return err
					}
				} else {
					acc = args[0]
				}
			}
			if withKey {
				acc, err = co.CallSync(args[1], k, acc, e)
			} else {
				acc, err = co.CallSync(args[1], acc, e)
			}
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, acc)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "reduce", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			if ok {
				if e, err = co.CallSync(args[0], k, acc, e); err != nil {
					return err
				}
			}
			_, _, err = m.Put(co, k, e)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "aggregate", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			r, err := co.CallSync(args[0], k, acc, e, interp.Bool(!ok))
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, r)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "keyOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return co.CallSync(grp(this).key, args[0])
	})
}
