package interp

import "math"

// Kind is the dynamic kind of a Value. Primitive kinds keep their payload in
// the Value itself, so arithmetic never allocates.
type Kind uint8

// The value kinds. The zero Value is null.
const (
	KNull Kind = iota
	KUnit
	KBool
	KInt    // 32-bit, wraps
	KLong   // 64-bit
	KDouble // float64
	KFloat  // float32
	KChar   // UTF-16 code unit, kept as a rune
	KString // o holds a Go string
	KObject // o holds an Object
	KByte   // 8-bit signed, kept sign-extended like an Int
	KShort  // 16-bit signed, kept sign-extended like an Int
	KUByte  // 8-bit unsigned, kept zero-extended
	KUShort // 16-bit unsigned, kept zero-extended
	KUInt   // 32-bit unsigned, kept zero-extended
	KULong  // 64-bit unsigned
	kAbsent // an omitted argument, replaced by its default in the callee's prologue
)

// Value is one script value: a reference word and a numeric payload (the
// bits of a number, a Char or a Boolean). The reference word
// holds nil for null, a Go string for a String, an Object for an object,
// and for the other kinds a pointer to the kind's static tag. The zero
// Value is null. Values are immutable and copied freely; make them with
// Int, Long, Double, Float, Char, Bool, String and Obj (or ToValue), and
// read them with Kind and the As methods, which return meaningless results
// for a kind they are not meant for.
//
// A Value is three machine words: a variable holding one (a global, an
// Instance field, a List element) that is written on one goroutine while
// another reads it can be torn. Values stored where scripts can reach them
// are therefore only touched under the interpreter's lock (see the
// package documentation).
type Value struct {
	o any    // nil: null; *kindTag: Unit, Boolean, the numbers, Char and absent; string: KString; Object: KObject
	n uint64 // the bits of an Int, Long, Double, Float, Char or Boolean
}

// kindTag marks a Value whose kind has no reference payload (Unit, the
// primitives and absent): its o is &kindTags[kind]. A kindTag is not an
// Object, so AsObject and AsString see nothing in such a Value.
type kindTag struct{ k Kind }

// kindTags holds one tag per kind; only the entries of tagged kinds are
// ever stored in a Value, so two Values have the same tag exactly when
// they have the same kind.
var kindTags = [kAbsent + 1]kindTag{
	KNull: {KNull}, KUnit: {KUnit}, KBool: {KBool}, KInt: {KInt},
	KLong: {KLong}, KDouble: {KDouble}, KFloat: {KFloat}, KChar: {KChar},
	KString: {KString}, KObject: {KObject}, KByte: {KByte}, KShort: {KShort},
	KUByte: {KUByte}, KUShort: {KUShort}, KUInt: {KUInt}, KULong: {KULong},
	kAbsent: {kAbsent},
}

// tagged returns a Value of a tagged kind k with payload n.
func tagged(k Kind, n uint64) Value { return Value{o: &kindTags[k], n: n} }

// is reports whether v has the tagged kind k (KUnit, KBool, the numbers,
// KChar or kAbsent; never true for KNull, KString or KObject).
//
// It is the VM's kind test: two word compares (the type word of o with
// *kindTag's, its data word with &kindTags[k]).
func (v Value) is(k Kind) bool { return v.o == any(&kindTags[k]) }

// tagKind returns the kind of a tagged Value (see is) and KObject for
// null, strings and objects: a switch in the VM's loop that only tells
// tagged kinds apart uses it, since Kind is not inlined there.
func tagKind(v Value) Kind {
	if t, ok := v.o.(*kindTag); ok {
		return t.k
	}
	return KObject
}

// Null is the null value.
var Null = Value{}

// Unit is Kotlin's Unit.
var Unit = tagged(KUnit, 0)

// True and False are the Boolean values.
var (
	True  = tagged(KBool, 1)
	False = tagged(KBool, 0)
)

var absent = tagged(kAbsent, 0)

// Int returns a Kotlin Int.
func Int(i int32) Value { return Value{o: &kindTags[KInt], n: uint64(int64(i))} }

// Long returns a Kotlin Long.
func Long(i int64) Value { return Value{o: &kindTags[KLong], n: uint64(i)} }

// Double returns a Kotlin Double.
func Double(f float64) Value { return Value{o: &kindTags[KDouble], n: math.Float64bits(f)} }

// Float returns a Kotlin Float.
func Float(f float32) Value { return Value{o: &kindTags[KFloat], n: uint64(math.Float32bits(f))} }

// Char returns a Kotlin Char.
func Char(c rune) Value { return Value{o: &kindTags[KChar], n: uint64(c)} }

// Bool returns a Kotlin Boolean.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// String returns a Kotlin String.
func String(s string) Value { return Value{o: s} }

// Obj wraps a heap object as a Value; a nil Object gives null.
func Obj(o Object) Value {
	if o == nil {
		return Null
	}
	return Value{o: o}
}

// Kind returns v's kind.
func (v Value) Kind() Kind {
	switch o := v.o.(type) {
	case *kindTag:
		return o.k
	case nil:
		return KNull
	case string:
		return KString
	}
	return KObject
}

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.o == nil }

// AsInt returns the payload of an Int (or Char, Byte, Short) value.
func (v Value) AsInt() int32 { return int32(int64(v.n)) }

// AsLong returns the payload of a Long value.
func (v Value) AsLong() int64 { return int64(v.n) }

// AsDouble returns the payload of a Double value.
func (v Value) AsDouble() float64 { return math.Float64frombits(v.n) }

// AsFloat returns the payload of a Float value.
func (v Value) AsFloat() float32 { return math.Float32frombits(uint32(v.n)) }

// AsChar returns the payload of a Char value.
func (v Value) AsChar() rune { return rune(v.n) }

// AsBool returns the payload of a Boolean value.
func (v Value) AsBool() bool { return v.n != 0 }

// AsString returns the payload of a String value ("" for other kinds).
func (v Value) AsString() string {
	s, _ := v.o.(string)
	return s
}

// AsObject returns the payload of an object value (nil for other kinds).
func (v Value) AsObject() Object {
	o, _ := v.o.(Object)
	return o
}

// IsNumber reports whether v is a kotlin.Number: an Int, Long, Double,
// Float, Byte or Short (the unsigned types are not Numbers).
func (v Value) IsNumber() bool {
	t, ok := v.o.(*kindTag)
	return ok && (t.k >= KInt && t.k <= KFloat || t.k == KByte || t.k == KShort)
}

// ToInt64 converts any numeric or Char value to int64 (truncating floats;
// an unsigned value keeps its bits, so a ULong past Long.MAX_VALUE is
// negative).
func (v Value) ToInt64() int64 {
	switch v.Kind() {
	case KInt, KChar, KByte, KShort:
		return int64(int32(v.n))
	case KLong, KUByte, KUShort, KUInt, KULong:
		return int64(v.n)
	case KDouble:
		return f2l(v.AsDouble())
	case KFloat:
		return f2l(float64(v.AsFloat()))
	}
	return 0
}

// ToFloat64 converts any numeric value to float64.
func (v Value) ToFloat64() float64 {
	switch v.Kind() {
	case KInt, KChar, KByte, KShort:
		return float64(int32(v.n))
	case KLong:
		return float64(int64(v.n))
	case KUByte, KUShort, KUInt, KULong:
		return float64(v.n)
	case KDouble:
		return v.AsDouble()
	case KFloat:
		return float64(v.AsFloat())
	}
	return 0
}

// f2l converts like the JVM's d2l: NaN is 0, out-of-range saturates.
func f2l(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= 9.223372036854775807e18:
		return math.MaxInt64
	case f <= -9.223372036854775808e18:
		return math.MinInt64
	}
	return int64(f)
}

// f2i converts like the JVM's d2i.
func f2i(f float64) int32 {
	switch {
	case f != f:
		return 0
	case f >= 2147483647:
		return math.MaxInt32
	case f <= -2147483648:
		return math.MinInt32
	}
	return int32(f)
}

// Object is implemented by every heap value a script can hold: the
// objects of this package (*Instance, *List, *Map, *Class, *Closure,
// *Native, ...) and a host's own types, which may also implement
// Stringer, Equaler and Hasher and get methods through their Class. A
// host object is used by scripts on the script's thread; if the host uses
// it from other goroutines too, it must synchronise itself.
type Object interface {
	// Class returns the object's runtime class, used for method lookup,
	// `is` checks and printing.
	Class() *Class
}
