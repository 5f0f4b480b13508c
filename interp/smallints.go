package interp

import (
	"math/bits"
	"strconv"
)

// This file holds the small and unsigned integer types: Byte and Short
// (JVM primitives, kept sign-extended in the payload like an Int, so
// int32(v.n) reads them) and UByte, UShort, UInt and ULong (Kotlin's
// unsigned value classes, kept zero-extended, so v.n is their value).
// Arithmetic on Byte and Short promotes to Int (see numRank); the
// unsigned types have their own (unsignedArith).

// The classes of the small and unsigned integers and of their arrays.
var (
	ByteClass         = &Class{Name: "Byte", QName: "java.lang.Byte"}
	ShortClass        = &Class{Name: "Short", QName: "java.lang.Short"}
	UByteClass        = &Class{Name: "UByte", QName: "kotlin.UByte"}
	UShortClass       = &Class{Name: "UShort", QName: "kotlin.UShort"}
	UIntClass         = &Class{Name: "UInt", QName: "kotlin.UInt"}
	ULongClass        = &Class{Name: "ULong", QName: "kotlin.ULong"}
	ByteArrayClass    = &Class{Name: "ByteArray", QName: "kotlin.ByteArray"}
	ShortArrayClass   = &Class{Name: "ShortArray", QName: "kotlin.ShortArray"}
	FloatArrayClass   = &Class{Name: "FloatArray", QName: "kotlin.FloatArray"}
	UByteArrayClass   = &Class{Name: "UByteArray", QName: "kotlin.UByteArray"}
	UShortArrayClass  = &Class{Name: "UShortArray", QName: "kotlin.UShortArray"}
	UIntArrayClass    = &Class{Name: "UIntArray", QName: "kotlin.UIntArray"}
	ULongArrayClass   = &Class{Name: "ULongArray", QName: "kotlin.ULongArray"}
	UIntRangeClass    = &Class{Name: "UIntRange", QName: "kotlin.ranges.UIntRange"}
	ULongRangeClass   = &Class{Name: "ULongRange", QName: "kotlin.ranges.ULongRange"}
	smallIntClasses   = []*Class{ByteClass, ShortClass, UByteClass, UShortClass, UIntClass, ULongClass}
	smallArrayClasses = []*Class{ByteArrayClass, ShortArrayClass, FloatArrayClass,
		UByteArrayClass, UShortArrayClass, UIntArrayClass, ULongArrayClass, UIntRangeClass, ULongRangeClass}
)

func init() {
	for _, c := range smallIntClasses {
		c.Super = AnyClass
		if c == ByteClass || c == ShortClass {
			c.Super = NumberClass
		}
		c.Interfaces = []*Class{ComparableClass}
		c.Props = map[string]*Prop{}
		c.Methods = map[string]Value{}
	}
	for _, c := range smallArrayClasses {
		c.Super = AnyClass
		if c == UIntRangeClass || c == ULongRangeClass {
			c.Super = ProgressionClass // shares the ranges' methods
		}
		c.Props = map[string]*Prop{}
		c.Methods = map[string]Value{}
	}
}

// unsignedStorage returns the signed element kind an unsigned array class
// stores its elements as (KNull for other classes).
func unsignedStorage(c *Class) Kind {
	switch c {
	case UByteArrayClass:
		return KByte
	case UShortArrayClass:
		return KShort
	case UIntArrayClass:
		return KInt
	case ULongArrayClass:
		return KLong
	}
	return KNull
}

// Byte returns a Kotlin Byte.
func Byte(b int8) Value { return tagged(KByte, uint64(int64(b))) }

// Short returns a Kotlin Short.
func Short(s int16) Value { return tagged(KShort, uint64(int64(s))) }

// UByte returns a Kotlin UByte.
func UByte(b uint8) Value { return tagged(KUByte, uint64(b)) }

// UShort returns a Kotlin UShort.
func UShort(s uint16) Value { return tagged(KUShort, uint64(s)) }

// UInt returns a Kotlin UInt.
func UInt(u uint32) Value { return tagged(KUInt, uint64(u)) }

// ULong returns a Kotlin ULong.
func ULong(u uint64) Value { return tagged(KULong, u) }

// AsUint64 returns the value of an unsigned number (UByte, UShort, UInt,
// ULong), and the bits of any other integer.
func (v Value) AsUint64() uint64 { return v.n }

// IsUnsigned reports whether v is a UByte, UShort, UInt or ULong.
func (v Value) IsUnsigned() bool {
	t, ok := v.o.(*kindTag)
	return ok && t.k >= KUByte && t.k <= KULong
}

// IsIntegral reports whether v is an Int, Long, Byte or Short.
func (v Value) IsIntegral() bool {
	t, ok := v.o.(*kindTag)
	return ok && (t.k == KInt || t.k == KLong || t.k == KByte || t.k == KShort)
}

// FromBits returns the value of kind k whose two's-complement bits are
// the low bits of x: Kotlin's toByte(), toShort(), toInt(), toLong(),
// toUByte(), ..., toULong() of an integer (truncating or extending as the
// JVM does). Kinds other than the integers give Int(x).
func FromBits(k Kind, x uint64) Value {
	switch k {
	case KByte:
		return Byte(int8(x))
	case KShort:
		return Short(int16(x))
	case KLong:
		return Long(int64(x))
	case KUByte:
		return UByte(uint8(x))
	case KUShort:
		return UShort(uint16(x))
	case KUInt:
		return UInt(uint32(x))
	case KULong:
		return ULong(x)
	case KChar:
		return Char(rune(uint16(x)))
	}
	return Int(int32(x))
}

// ConvertNumber converts a number (or Char) to kind k as Kotlin's toX()
// functions do: integers truncate or extend their bits; a floating-point
// value goes to an integer kind through Int (Byte, Short, Char) or Long
// (Long, and the unsigned kinds saturate at their bounds).
func ConvertNumber(v Value, k Kind) Value {
	if v.Kind() == k {
		return v
	}
	isFloat := v.is(KDouble) || v.is(KFloat)
	switch k {
	case KDouble:
		if v.is(KFloat) {
			return Double(float64(v.AsFloat()))
		}
		return Double(v.ToFloat64())
	case KFloat:
		if v.is(KULong) {
			return Float(float32(v.n))
		}
		return Float(float32(v.ToFloat64()))
	case KInt, KByte, KShort, KChar:
		if isFloat {
			return FromBits(k, uint64(int64(f2i(v.ToFloat64()))))
		}
	case KLong:
		if isFloat {
			return Long(f2l(v.ToFloat64()))
		}
	case KUByte, KUShort, KUInt, KULong:
		if isFloat {
			return FromBits(k, f2u(v.ToFloat64(), k))
		}
	}
	return FromBits(k, uint64(v.ToInt64()))
}

// f2u converts a floating-point value to an unsigned kind as Kotlin's
// Double.toUInt()/toULong() do: NaN and negatives are 0, too large
// saturates (toUByte/toUShort go through toInt then truncate).
func f2u(f float64, k Kind) uint64 {
	switch k {
	case KUByte, KUShort:
		return uint64(int64(f2i(f)))
	case KUInt:
		switch {
		case f != f || f <= 0:
			return 0
		case f >= 4294967295:
			return 4294967295
		}
		return uint64(uint32(f))
	}
	switch {
	case f != f || f <= 0:
		return 0
	case f >= 18446744073709551615:
		return 1<<64 - 1
	case f < 9223372036854775808:
		return uint64(int64(f))
	}
	return uint64(int64(f-9223372036854775808)) + 1<<63
}

// unsignedWidth returns the result width of arithmetic on unsigned
// operands: 64 when a ULong is involved, else 32 (UByte and UShort promote
// to UInt). It returns 0 unless both are unsigned.
func unsignedWidth(x, y Value) int {
	if !x.IsUnsigned() || !y.IsUnsigned() {
		return 0
	}
	if x.is(KULong) || y.is(KULong) {
		return 64
	}
	return 32
}

// unsignedArith applies + - * / % to two unsigned operands: modular
// arithmetic, unsigned division.
func (co *Coroutine) unsignedArith(op Opcode, x, y Value) (Value, error) {
	w := unsignedWidth(x, y)
	a, b := x.n, y.n
	var r uint64
	switch op {
	case ADD:
		r = a + b
	case SUB:
		r = a - b
	case MUL:
		r = a * b
	case DIV, MOD:
		if b == 0 {
			return Null, co.in.NewError("java.lang.ArithmeticException", "/ by zero")
		}
		if op == DIV {
			r = a / b
		} else {
			r = a % b
		}
	}
	if w == 64 {
		return ULong(r), nil
	}
	return UInt(uint32(r)), nil
}

// compareUnsigned compares two unsigned operands.
func compareUnsigned(x, y Value) int {
	switch {
	case x.n < y.n:
		return -1
	case x.n > y.n:
		return 1
	}
	return 0
}

// unsignedString formats an unsigned value.
func unsignedString(v Value) string { return strconv.FormatUint(v.n, 10) }

// smallHash is hashCode() of a Byte, Short or unsigned value.
func smallHash(v Value) int32 {
	if v.is(KULong) {
		return int32(v.n ^ (v.n >> 32))
	}
	return int32(v.n)
}

// Bitwise applies shl, shr, ushr, and, or, xor (named by op) to integers of
// one kind k (Int, Long, Byte, Short or unsigned; Byte and Short only have
// and/or/xor in Kotlin): the result has x's kind. ok is false for an
// unknown op.
func Bitwise(op string, x, y Value) (r Value, ok bool) {
	k := x.Kind()
	width := uint(32)
	switch k {
	case KLong, KULong:
		width = 64
	case KByte, KUByte:
		width = 8
	case KShort, KUShort:
		width = 16
	}
	a, b := x.n, y.n
	var out uint64
	switch op {
	case "and":
		out = a & b
	case "or":
		out = a | b
	case "xor":
		out = a ^ b
	case "shl":
		s := uint(b) & (max(width, 32) - 1)
		out = a << s
	case "shr":
		s := uint(b) & (max(width, 32) - 1)
		if x.IsUnsigned() {
			out = mask(a, width) >> s
		} else {
			out = uint64(int64(a) >> s)
		}
	case "ushr":
		s := uint(b) & (max(width, 32) - 1)
		out = mask(a, max(width, 32)) >> s
	default:
		return Null, false
	}
	return FromBits(k, out), true
}

// Inv is inv() of an integer of any kind: its bits flipped, same kind.
func Inv(x Value) Value { return FromBits(x.Kind(), ^x.n) }

func mask(a uint64, width uint) uint64 {
	if width >= 64 {
		return a
	}
	return a & (1<<width - 1)
}

// CountBits returns countOneBits, countLeadingZeroBits and
// countTrailingZeroBits of an integer in its kind's width.
func CountBits(x Value) (ones, leading, trailing int) {
	width := 32
	switch x.Kind() {
	case KLong, KULong:
		width = 64
	case KByte, KUByte:
		width = 8
	case KShort, KUShort:
		width = 16
	}
	u := mask(x.n, uint(width))
	ones = bits.OnesCount64(u)
	leading = bits.LeadingZeros64(u) - (64 - width)
	trailing = bits.TrailingZeros64(u)
	if trailing > width {
		trailing = width
	}
	return
}
