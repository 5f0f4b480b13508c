package interp

import (
	"math"
	"testing"
)

// sampleValues has every kind, with payloads that collide across kinds
// (0 and 1 as Int, Long, Char, Boolean...) and strings and objects that
// look alike.
func sampleValues() []Value {
	l := NewList(nil)
	return []Value{
		Null, Unit, absent, True, False,
		Int(0), Int(1), Int(-1), Long(0), Long(1), Long(-1),
		Double(0), Double(1), Double(math.Copysign(0, -1)), Double(math.NaN()),
		Float(0), Float(1), Char(0), Char('a'), Char(1),
		String(""), String("a"), String("kotlin.Unit"),
		Obj(l), Obj(NewList(nil)), Obj(ListClass),
	}
}

// TestTaggedKinds checks that the kind read from o agrees with the fast
// tests: is for the tagged kinds, IsNull, and that primitives carry no
// string or object.
func TestTaggedKinds(t *testing.T) {
	want := []Kind{
		KNull, KUnit, kAbsent, KBool, KBool,
		KInt, KInt, KInt, KLong, KLong, KLong,
		KDouble, KDouble, KDouble, KDouble,
		KFloat, KFloat, KChar, KChar, KChar,
		KString, KString, KString,
		KObject, KObject, KObject,
	}
	for i, v := range sampleValues() {
		k := v.Kind()
		if k != want[i] {
			t.Errorf("value %d: Kind() = %d, want %d", i, k, want[i])
		}
		for tk := KNull; tk <= kAbsent; tk++ {
			tagged := tk != KNull && tk != KString && tk != KObject
			if got := v.is(tk); got != (tagged && k == tk) {
				t.Errorf("value %d (kind %d): is(%d) = %v", i, k, tk, got)
			}
		}
		if v.IsNull() != (k == KNull) {
			t.Errorf("value %d: IsNull() = %v", i, v.IsNull())
		}
		if tk := tagKind(v); (tk != KObject) != (k != KNull && k != KString && k != KObject) || tk != KObject && tk != k {
			t.Errorf("value %d: tagKind = %d", i, tk)
		}
		if k != KString && k != KObject && (v.AsString() != "" || v.AsObject() != nil) {
			t.Errorf("value %d: a %d has a string or object payload", i, k)
		}
	}
}

// TestIdentityAndEquality checks === and == against their definitions
// on the kind and payloads.
func TestIdentityAndEquality(t *testing.T) {
	co := &Coroutine{}
	vs := sampleValues()
	for i, x := range vs {
		for j, y := range vs {
			kx, ky := x.Kind(), y.Kind()
			same := kx == ky
			if same {
				switch kx {
				case KNull, KUnit:
				case KString:
					same = x.AsString() == y.AsString()
				case KObject:
					same = x.AsObject() == y.AsObject()
				default:
					same = x.n == y.n
				}
			}
			if got := identical(x, y); got != same {
				t.Errorf("identical(%d, %d) = %v, want %v", i, j, got, same)
			}
			if kx == KObject || ky == KObject || x.IsNumber() && y.IsNumber() && kx != ky {
				continue // calls equals, or compares numbers by value
			}
			eq := same
			if kx == ky && (kx == KDouble || kx == KFloat) {
				eq = x.ToFloat64() == y.ToFloat64()
			}
			if got, err := co.Equals(x, y); err != nil || got != eq {
				t.Errorf("Equals(%d, %d) = %v, %v, want %v", i, j, got, err, eq)
			}
		}
	}
}
