package stdlib

import (
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the core of the collections library, whose pure-data
// part is written as Go natives: the collection classes, the creation
// functions (listOf, mutableMapOf, arrayOf, setOf, ...), the Go helpers
// the collection files share, and initCollectionClasses, which registers
// the methods of iterables.go, lists.go, arrays.go, sets.go, maps.go,
// sequences.go, sorting.go and grouping.go in a fixed order. Operations
// whose lambdas may suspend (forEach, map, filter, fold, ...) are in
// prelude.kc.

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

func init() {
	for _, c := range []*interp.Class{ArraysListClass, SingletonListClass, EmptyListClass} {
		c.ReadOnly = true
	}
}

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
	interp.DoubleArrayClass, interp.BooleanArrayClass, interp.CharArrayClass, interp.ByteArrayClass,
	interp.ShortArrayClass, interp.FloatArrayClass, interp.UByteArrayClass, interp.UShortArrayClass,
	interp.UIntArrayClass, interp.ULongArrayClass}

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
	for _, c := range []*interp.Class{interp.UByteArrayClass, interp.UShortArrayClass, interp.UIntArrayClass, interp.ULongArrayClass} {
		// ubyteArrayOf, ushortArrayOf, uintArrayOf, ulongArrayOf
		in.DefineFunc("u"+strings.ToLower(c.Name[1:len(c.Name)-len("Array")])+"ArrayOf", kTypedArrayOf(c, kArrayElems[c]))
	}
	installSorted(in)
	installDeque(in)
	installValueRanges(in)
	installPriorityQueue(in)
	installKotlinTest(in)
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
		{"floatArrayOf", kTypedArrayOf(interp.FloatArrayClass, interp.KFloat)},
		{"booleanArrayOf", kTypedArrayOf(interp.BooleanArrayClass, interp.KBool)},
		{"charArrayOf", kTypedArrayOf(interp.CharArrayClass, interp.KChar)},
		{"shortArrayOf", kTypedArrayOf(interp.ShortArrayClass, interp.KShort)},
		{"byteArrayOf", kTypedArrayOf(interp.ByteArrayClass, interp.KByte)},
		{"setOf", kSetOfClass(interp.LinkedSetClass)},
		{"mutableSetOf", kSetOfClass(interp.LinkedSetClass)},
		{"linkedSetOf", kSetOfClass(interp.LinkedSetClass)},
		{"hashSetOf", kSetOfClass(interp.HashSetClass)},
		{"emptySet", kSetOfClass(interp.LinkedSetClass)},
		{"mapOf", kMapOfClass(interp.LinkedMapClass)},
		{"mutableMapOf", kMapOfClass(interp.LinkedMapClass)},
		{"linkedMapOf", kMapOfClass(interp.LinkedMapClass)},
		{"hashMapOf", kMapOfClass(interp.HashMapClass)},
		{"emptyMap", kMapOfClass(interp.LinkedMapClass)},
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
	switch o := v.AsObject().(type) {
	case *interp.Map:
		return o
	case *kMapWithDefault:
		return o.m
	}
	return nil
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

// kPutAll puts vals[i] under keys[i] in m, polling the limits as it
// goes (Put checks the growth of m).
func kPutAll(co *kCoro, m *interp.Map, keys, vals []kValue) error {
	for i := range keys {
		if _, _, err := m.Put(co, keys[i], vals[i]); err != nil {
			return err
		}
		if err := co.WorkAt(i); err != nil {
			return err
		}
	}
	return nil
}

// kMapEntries returns the keys and values of m in iteration order, the
// copies checked and charged first.
func kMapEntries(co *kCoro, m *interp.Map) (keys, vals []kValue, err error) {
	if err := co.CheckAlloc(m.Len(), 2*interp.ValueBytes+8); err != nil {
		return nil, nil, err
	}
	order := m.IterationOrder()
	keys = make([]kValue, len(order))
	vals = make([]kValue, len(order))
	for j, i := range order {
		keys[j], vals[j], _ = m.ValueAt(i)
	}
	return keys, vals, co.Work(len(order) / 8)
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
		return chars(co, v.AsString())
	case interp.KNull:
		return nil, co.Errorf("java.lang.NullPointerException", "")
	}
	if w, ok := v.AsObject().(*kMapWithDefault); ok {
		v = interp.Obj(w.m)
	}
	switch o := v.AsObject().(type) {
	case *interp.List:
		return o.Elems, nil
	case *interp.MapView:
		if err := co.CheckAlloc(o.Len(), interp.ValueBytes); err != nil {
			return nil, err
		}
		return o.Elems(), co.Work(o.Len() / 8)
	case *interp.Map:
		keys, vals, err := kMapEntries(co, o)
		if err != nil || o.IsSet() {
			return keys, err
		}
		// and the entries
		if err := co.CheckAlloc(o.Len(), interp.ValueBytes+32); err != nil {
			return nil, err
		}
		out := make([]kValue, len(keys))
		for i := range keys {
			out[i] = interp.Obj(o.Entry(keys[i], vals[i]))
			if err := co.WorkAt(i); err != nil {
				return nil, err
			}
		}
		return out, nil
	case interp.Stringer:
		if v.AsObject().Class().IsSubclassOf(interp.CharSequenceClass) {
			str, err := o.KString(co)
			if err != nil {
				return nil, err
			}
			return chars(co, str)
		}
	}
	return co.Elements(v)
}

// kCopyElems returns a copy of the elements of any iterable kValue,
// checked and charged.
func kCopyElems(co *kCoro, v kValue) ([]kValue, error) {
	xs, err := kElemsOf(co, v)
	if err != nil {
		return nil, err
	}
	if err := allocValues(co, len(xs)); err != nil {
		return nil, err
	}
	if err := co.Work(len(xs)); err != nil {
		return nil, err
	}
	return append([]kValue(nil), xs...), nil
}

func kToInt(v kValue) int { return int(v.ToInt64()) }

// kNewSet returns a LinkedHashSet (or class c) holding xs.
func kNewSet(co *kCoro, c *interp.Class, xs []kValue) (*interp.Map, error) {
	if err := co.CheckAlloc(len(xs), kSetEntryBytes); err != nil {
		return nil, err
	}
	m := interp.NewMap(c)
	for i, x := range xs {
		if _, _, err := m.Put(co, x, interp.Unit); err != nil {
			return nil, err
		}
		if err := co.WorkAt(i); err != nil {
			return nil, err
		}
	}
	m.NoteSize()
	return m, nil
}

// kSetEntryBytes estimates the bytes an element of a set or map takes.
const kSetEntryBytes = interp.MapEntryBytes

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
		val, err := o.Value(co)
		return o.Key, val, err
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
		if o.Class() == ArrayDequeClass {
			return "ArrayDeque is empty."
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

// kArrayElems maps each primitive array class to its element kind.
var kArrayElems = map[*interp.Class]interp.Kind{
	interp.IntArrayClass: interp.KInt, interp.LongArrayClass: interp.KLong,
	interp.DoubleArrayClass: interp.KDouble, interp.FloatArrayClass: interp.KFloat,
	interp.BooleanArrayClass: interp.KBool, interp.CharArrayClass: interp.KChar,
	interp.ByteArrayClass: interp.KByte, interp.ShortArrayClass: interp.KShort,
	interp.UByteArrayClass: interp.KUByte, interp.UShortArrayClass: interp.KUShort,
	interp.UIntArrayClass: interp.KUInt, interp.ULongArrayClass: interp.KULong,
}

// kZeroOf is the default element of a typed array.
func kZeroOf(c *interp.Class) kValue {
	k, ok := kArrayElems[c]
	switch {
	case !ok:
		return kNull
	case k == interp.KBool:
		return interp.False
	case k == interp.KDouble:
		return interp.Double(0)
	case k == interp.KFloat:
		return interp.Float(0)
	}
	return interp.FromBits(k, 0)
}

// kConvertTo converts a number to the element kind of a typed array.
func kConvertTo(v kValue, k interp.Kind) kValue {
	if v.Kind() == k {
		return v
	}
	switch k {
	case interp.KInt, interp.KLong, interp.KDouble, interp.KFloat, interp.KByte, interp.KShort:
		if v.IsNumber() {
			return interp.ConvertNumber(v, k)
		}
	case interp.KUByte, interp.KUShort, interp.KUInt, interp.KULong:
		if v.IsUnsigned() {
			return interp.FromBits(k, v.AsUint64())
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

// kElemKindOf returns the element kind of a primitive array class
// (KNull for Array).
func kElemKindOf(c *interp.Class) interp.Kind { return kArrayElems[c] }

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
				if err := co.WorkAt(i); err != nil {
					return kNull, err
				}
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
				keys, vals, err := kMapEntries(co, src)
				if err != nil {
					return kNull, err
				}
				if err := kPutAll(co, m, keys, vals); err != nil {
					return kNull, err
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
	initIterAccess()
	initIterConversions()
	initIterAggregates()
	initIterSortAndSlice()
	initIterCombining()
	initIterPickAndSearch()
	initListMethods()
	initArrayMethods()
	initSetMethods()
	initDequeMethods()
	initListIterator()
	initValueRangeMethods()
	initPriorityQueueMethods()
	initSortedMethods()
	initMapMethods()
	initMutableMapMethods()
	initMapEntryMethods()
	initMapViewMethods()
	initSequenceTransforms()
	initSequenceSlices()
	initSequenceCombining()
	initSequenceScope()
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
	initConcurrentClasses()
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
		interp.ProgressionClass, seqImplClass, iterImplClass, cmpImplClass, GroupingClass,
		interp.KeySetViewClass, interp.ValuesViewClass, interp.EntrySetViewClass}
	return append(cs, kArrayClasses...)
}

func kSizeProp(co *kCoro, this kValue, _ []kValue) (kValue, error) {
	n, err := kSizeOf(co, this)
	return interp.Int(int32(n)), err
}
