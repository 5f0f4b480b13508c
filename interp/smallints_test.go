package interp

import (
	"math"
	"testing"
)

// TestConvertNumber checks toByte/toShort/toUInt/... as the JVM and
// Kotlin define them: truncation of integers, saturation of floats.
func TestConvertNumber(t *testing.T) {
	tests := []struct {
		in   Value
		k    Kind
		want Value
	}{
		{Int(200), KByte, Byte(-56)},
		{Int(-129), KByte, Byte(127)},
		{Int(70000), KShort, Short(4464)},
		{Long(1 << 40), KInt, Int(0)},
		{Int(-1), KUInt, UInt(math.MaxUint32)},
		{Int(-1), KULong, ULong(math.MaxUint64)},
		{Long(-1), KUInt, UInt(math.MaxUint32)},
		{Int(256), KUByte, UByte(0)},
		{Int(-1), KUShort, UShort(math.MaxUint16)},
		{UInt(3000000000), KInt, Int(-1294967296)},
		{UInt(3000000000), KLong, Long(3000000000)},
		{ULong(math.MaxUint64), KLong, Long(-1)},
		{ULong(math.MaxUint64), KUInt, UInt(math.MaxUint32)},
		{UByte(200), KByte, Byte(-56)},
		{Byte(-1), KUInt, UInt(math.MaxUint32)},
		{Double(3.99), KByte, Byte(3)},
		{Double(1e10), KByte, Byte(-1)}, // through Int.MAX_VALUE
		{Double(math.NaN()), KShort, Short(0)},
		{Double(3.7), KUInt, UInt(3)},
		{Double(-3.7), KUInt, UInt(0)},
		{Double(1e20), KULong, ULong(math.MaxUint64)},
		{Double(1e19), KULong, ULong(10000000000000000000)},
		{Double(5e9), KUInt, UInt(math.MaxUint32)},
		{ULong(math.MaxUint64), KDouble, Double(1.8446744073709552e19)},
		{Int(65), KChar, Char('A')},
		{Char('A'), KByte, Byte(65)},
	}
	for _, tt := range tests {
		got := ConvertNumber(tt.in, tt.k)
		if !identical(got, tt.want) {
			t.Errorf("ConvertNumber(%s %v, %d) = %s %v, want %s %v", typeName(tt.in), tt.in.n, tt.k,
				typeName(got), got.n, typeName(tt.want), tt.want.n)
		}
	}
}

// TestUnsignedArith checks wrapping, unsigned division and comparison.
func TestUnsignedArith(t *testing.T) {
	co := &Coroutine{in: New(Options{})}
	tests := []struct {
		op   Opcode
		x, y Value
		want Value
	}{
		{ADD, UInt(4000000000), UInt(1000000000), UInt(705032704)},
		{SUB, UInt(0), UInt(1), UInt(math.MaxUint32)},
		{DIV, UInt(4000000000), UInt(3), UInt(1333333333)},
		{MOD, UInt(4000000000), UInt(7), UInt(4000000000 % 7)},
		{ADD, UByte(200), UByte(100), UInt(300)},
		{MUL, ULong(math.MaxUint64), UInt(2), ULong(math.MaxUint64 - 1)},
		{DIV, ULong(math.MaxUint64), ULong(2), ULong(math.MaxUint64 / 2)},
		{ADD, Byte(100), Byte(100), Int(200)},
	}
	for _, tt := range tests {
		got, err := co.Arith(tt.op, tt.x, tt.y)
		if err != nil || !identical(got, tt.want) {
			t.Errorf("Arith(%v, %v, %v) = %v (%v), want %v", tt.op, tt.x.n, tt.y.n, got.n, err, tt.want.n)
		}
	}
	if _, err := co.Arith(DIV, UInt(1), UInt(0)); err == nil {
		t.Error("UInt / 0 did not throw")
	}
	if c := compareUnsigned(UInt(4000000000), UInt(3)); c != 1 {
		t.Errorf("compareUnsigned = %d, want 1", c)
	}
	if s := toStringSimple(ULong(math.MaxUint64)); s != "18446744073709551615" {
		t.Errorf("ULong.MAX_VALUE prints %q", s)
	}
}

// TestBitwiseSmall checks shifts and inv in each kind's width.
func TestBitwiseSmall(t *testing.T) {
	if r, _ := Bitwise("shr", UInt(0x80000000), Int(31)); !identical(r, UInt(1)) {
		t.Errorf("UInt shr = %v", r.n)
	}
	if r, _ := Bitwise("shr", Int(-8), Int(1)); !identical(r, Int(-4)) {
		t.Errorf("Int shr = %v", r.n)
	}
	if r, _ := Bitwise("ushr", Int(-1), Int(28)); !identical(r, Int(15)) {
		t.Errorf("Int ushr = %v", r.n)
	}
	if r, _ := Bitwise("shl", UInt(1), Int(33)); !identical(r, UInt(2)) {
		t.Errorf("UInt shl 33 = %v", r.n)
	}
	if r := Inv(UByte(0x0F)); !identical(r, UByte(0xF0)) {
		t.Errorf("UByte inv = %v", r.n)
	}
	if ones, lead, trail := CountBits(UInt(1)); ones != 1 || lead != 31 || trail != 0 {
		t.Errorf("CountBits(1u) = %d %d %d", ones, lead, trail)
	}
	if _, lead, trail := CountBits(Byte(0)); lead != 8 || trail != 8 {
		t.Errorf("CountBits(0.toByte()) = %d %d", lead, trail)
	}
}
