package interp

import (
	"math"
	"strconv"
	"strings"

	"github.com/ktcoro/ktcoro/internal/jfmt"
)

// maxGoDepth bounds the recursion of Go-side helpers (toString, equals,
// hashCode of nested structures, calls from natives into scripts).
const maxGoDepth = 2000

// EnterNested is how every native that walks a script structure
// (toString, equals, hashCode, contentDeep*, ...) enters one level of it.
// It counts the level against the depth bound shared by all such walks:
// past it the script gets java.lang.StackOverflowError, as on the JVM,
// instead of the Go stack overflowing. It also counts the node as one
// step (see Poll), so the host's step budget, wall time and interrupt
// stop a walk over a huge or exponentially shared structure. When it
// returns nil the caller must call LeaveNested once the level is done.
func (co *Coroutine) EnterNested() error {
	if co.goDepth >= maxGoDepth {
		return co.in.NewError("java.lang.StackOverflowError", "")
	}
	if err := co.Poll(); err != nil {
		return err
	}
	co.goDepth++
	return nil
}

// LeaveNested ends a level entered with EnterNested.
func (co *Coroutine) LeaveNested() { co.goDepth-- }

// numeric rank for binary promotion: Int < Long < Float < Double
func numRank(k Kind) int {
	switch k {
	case KInt, KChar, KByte, KShort:
		return 1
	case KLong:
		return 2
	case KFloat:
		return 3
	case KDouble:
		return 4
	}
	return 0
}

var opMethod = map[Opcode]string{ADD: "plus", SUB: "minus", MUL: "times", DIV: "div", MOD: "rem"}

// binaryOp is the slow path of ADD..MOD for the operands at stack[sp-2],
// stack[sp-1]: mixed numbers, strings, chars, and operator functions (which
// may enter a frame; the caller notices by the frame count).
func (co *Coroutine) binaryOp(op Opcode, sp int) (Value, error) {
	x, y := co.stack[sp-2], co.stack[sp-1]
	if x.Kind() == KString && op == ADD {
		s, err := co.ToString(y)
		if err != nil {
			return Null, err
		}
		if err := co.CheckAlloc(len(x.o.(string))+len(s), 4); err != nil {
			return Null, err
		}
		return String(x.o.(string) + s), nil
	}
	if (x.IsNumber() || x.is(KChar)) && (y.IsNumber() || y.is(KChar)) || unsignedWidth(x, y) != 0 {
		return co.Arith(op, x, y)
	}
	if x.is(KChar) && y.Kind() == KString && op == ADD {
		// Char.plus(String): String
		s, err := co.ToString(x)
		return String(s + y.o.(string)), err
	}
	if x.o == nil && op == ADD {
		if _, ext := co.in.extCallee("plus", x); !ext {
			// String?.plus(Any?): null is "null", the only plus a
			// null receiver has in the library
			s, err := co.ToString(y)
			return String("null" + s), err
		}
	}
	if x.Kind() == KObject || x.o == nil {
		err := co.invokeMethod(opMethod[op], sp-1, 1, nil)
		return co.stack[sp-2], err
	}
	if fn, ok := co.in.extCallee(opMethod[op], x); ok {
		// an operator extension on a number or Char (Int.times(v: Vec))
		err := co.callValueThis(fn, sp-1, 1, nil, &x)
		return co.stack[sp-2], err
	}
	return Null, co.in.NewError("java.lang.UnsupportedOperationException",
		"operator "+opMethod[op]+" is not defined for "+typeName(x)+" and "+typeName(y))
}

// Arith applies + - * / % to two numbers (or Chars) with Kotlin's promotion
// rules: Int op Int is Int (wrapping; Byte and Short promote to Int), Long
// wins over Int, Float over integers, Double over everything. Char + Int
// is Char; Char - Char is Int. Two unsigned operands give a UInt (or a
// ULong when one is a ULong), wrapping, with unsigned division.
func (co *Coroutine) Arith(op Opcode, x, y Value) (Value, error) {
	if unsignedWidth(x, y) != 0 {
		return co.unsignedArith(op, x, y)
	}
	if x.is(KChar) {
		if y.is(KChar) && op == SUB {
			return Int(int32(x.n) - int32(y.n)), nil
		}
		if (y.is(KInt) || y.is(KByte) || y.is(KShort)) && (op == ADD || op == SUB) {
			d := int32(y.n)
			if op == SUB {
				d = -d
			}
			return Char(rune(uint16(int32(x.n) + d))), nil
		}
		return Null, co.in.NewError("java.lang.UnsupportedOperationException", "bad Char arithmetic")
	}
	r := numRank(x.Kind())
	if ry := numRank(y.Kind()); ry > r {
		r = ry
	}
	switch r {
	case 1:
		a, b := int32(x.n), int32(y.n)
		switch op {
		case ADD:
			return Int(a + b), nil
		case SUB:
			return Int(a - b), nil
		case MUL:
			return Int(a * b), nil
		case DIV, MOD:
			if b == 0 {
				return Null, co.in.NewError("java.lang.ArithmeticException", "/ by zero")
			}
			if b == -1 {
				if op == DIV {
					return Int(-a), nil
				}
				return Int(0), nil
			}
			if op == DIV {
				return Int(a / b), nil
			}
			return Int(a % b), nil
		}
	case 2:
		a, b := x.ToInt64(), y.ToInt64()
		switch op {
		case ADD:
			return Long(a + b), nil
		case SUB:
			return Long(a - b), nil
		case MUL:
			return Long(a * b), nil
		case DIV, MOD:
			if b == 0 {
				return Null, co.in.NewError("java.lang.ArithmeticException", "/ by zero")
			}
			if b == -1 {
				if op == DIV {
					return Long(-a), nil
				}
				return Long(0), nil
			}
			if op == DIV {
				return Long(a / b), nil
			}
			return Long(a % b), nil
		}
	case 3:
		a, b := float32(x.ToFloat64()), float32(y.ToFloat64())
		if x.is(KFloat) {
			a = x.AsFloat()
		}
		if y.is(KFloat) {
			b = y.AsFloat()
		}
		switch op {
		case ADD:
			return Float(a + b), nil
		case SUB:
			return Float(a - b), nil
		case MUL:
			return Float(a * b), nil
		case DIV:
			return Float(a / b), nil
		case MOD:
			return Float(float32(math.Mod(float64(a), float64(b)))), nil
		}
	case 4:
		a, b := x.ToFloat64(), y.ToFloat64()
		switch op {
		case ADD:
			return Double(a + b), nil
		case SUB:
			return Double(a - b), nil
		case MUL:
			return Double(a * b), nil
		case DIV:
			return Double(a / b), nil
		case MOD:
			return Double(math.Mod(a, b)), nil
		}
	}
	return Null, co.in.NewError("java.lang.UnsupportedOperationException", "bad arithmetic")
}

// identical implements ===: the same kind and payload, the same string, or
// the same object.
func identical(x, y Value) bool {
	switch o := x.o.(type) {
	case *kindTag:
		return y.o == any(o) && x.n == y.n
	case nil:
		return y.o == nil
	case string:
		s, ok := y.o.(string)
		return ok && s == o
	}
	return x.o == y.o
}

// Equals implements ==: structural equality, calling a script's equals
// when it defines one. Numbers of different kinds compare by value (Kotlin
// rejects such comparisons at compile time except for literals, which it
// converts).
func (co *Coroutine) Equals(x, y Value) (bool, error) {
	if x.o == nil || y.o == nil {
		return x.o == y.o, nil
	}
	if x.IsNumber() && y.IsNumber() {
		if x.Kind() == y.Kind() && !x.is(KDouble) && !x.is(KFloat) {
			return x.n == y.n, nil
		}
		if numRank(x.Kind()) <= 2 && numRank(y.Kind()) <= 2 {
			return x.ToInt64() == y.ToInt64(), nil
		}
		return x.ToFloat64() == y.ToFloat64(), nil
	}
	if x.Kind() != KObject {
		if x.Kind() != y.Kind() {
			// a UInt literal compared with a UByte, UShort or ULong
			return unsignedWidth(x, y) != 0 && x.n == y.n, nil
		}
		if x.Kind() == KString {
			return x.o.(string) == y.o.(string), nil
		}
		return x.n == y.n, nil
	}
	if y.Kind() != KObject {
		return false, nil
	}
	if x.o == y.o {
		return true, nil
	}
	if err := co.EnterNested(); err != nil {
		return false, err
	}
	defer co.LeaveNested()
	if e, ok := x.o.(equaler); ok {
		return e.equals(co, y)
	}
	if e, ok := x.o.(Equaler); ok {
		return e.KEquals(co, y)
	}
	if in, ok := x.o.(*Instance); ok {
		if m, ok := in.cls.LookupMethod("equals"); ok {
			r, err := co.CallMethodSync(m, x, y)
			return r.AsBool(), err
		}
		if in.cls.Data {
			return co.dataEquals(in, y)
		}
	}
	return false, nil
}

// BoxedEquals implements == between values of which one at least is
// statically typed Any (or Number, Comparable): Kotlin calls equals, so
// numbers of different kinds differ and Doubles (Floats) compare as
// Double.equals does (NaN equals NaN, 0.0 differs from -0.0).
func (co *Coroutine) BoxedEquals(x, y Value) (bool, error) {
	if x.IsNumber() && y.IsNumber() {
		if x.Kind() != y.Kind() {
			return false, nil
		}
		if x.is(KDouble) || x.is(KFloat) {
			return sameFloat(x, y), nil
		}
	}
	return co.Equals(x, y)
}

// equaler is implemented by built-in objects with structural equality.
type equaler interface {
	equals(co *Coroutine, other Value) (bool, error)
}

// hasher is implemented by built-in objects with structural hash codes.
type hasher interface {
	hashCode(co *Coroutine) (int32, error)
}

// stringer is implemented by built-in objects that print themselves.
type stringer interface {
	toString(co *Coroutine) (string, error)
}

// Stringer is implemented by host objects (outside this package) that
// print themselves: KString is their Kotlin toString(). Like every method
// of a host object, it is called on the script's thread, with the calling
// coroutine.
type Stringer interface {
	KString(co *Coroutine) (string, error)
}

// Equaler is implemented by host objects with structural equality:
// KEquals is their Kotlin equals(other), used by ==, collections and map
// keys. Implement Hasher consistently with it.
type Equaler interface {
	KEquals(co *Coroutine, other Value) (bool, error)
}

// Hasher is implemented by host objects with structural hash codes:
// KHashCode is their Kotlin hashCode(). Objects that are equal by
// Equaler must have equal hash codes. Without it an object hashes by
// identity.
type Hasher interface {
	KHashCode(co *Coroutine) (int32, error)
}

func (co *Coroutine) dataEquals(a *Instance, y Value) (bool, error) {
	b, ok := y.o.(*Instance)
	if !ok || b.cls != a.cls {
		return false, nil
	}
	for _, name := range a.cls.dataProps {
		i := a.cls.FieldIndex(name)
		x, y := a.Fields[i], b.Fields[i]
		if x.is(KDouble) && y.is(KDouble) || x.is(KFloat) && y.is(KFloat) {
			// a data class compares Double/Float properties as Double.compare
			// does: NaN equals NaN, 0.0 differs from -0.0
			if !sameFloat(x, y) {
				return false, nil
			}
			continue
		}
		eq, err := co.Equals(x, y)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// sameFloat is Double.equals (Float.equals) of two Doubles (Floats): the
// same bits, every NaN being one.
func sameFloat(x, y Value) bool {
	if x.is(KFloat) {
		a, b := x.AsFloat(), y.AsFloat()
		return a != a && b != b || x.n == y.n
	}
	a, b := x.AsDouble(), y.AsDouble()
	return a != a && b != b || x.n == y.n
}

// Compare implements compareTo for < <= > >=: numbers, chars, strings,
// booleans, and objects with a compareTo method. It returns cmpNaN when a
// NaN is involved.
func (co *Coroutine) Compare(x, y Value) (int, error) {
	if x.IsNumber() && y.IsNumber() {
		if numRank(x.Kind()) <= 2 && numRank(y.Kind()) <= 2 {
			a, b := x.ToInt64(), y.ToInt64()
			switch {
			case a < b:
				return -1, nil
			case a > b:
				return 1, nil
			}
			return 0, nil
		}
		a, b := x.ToFloat64(), y.ToFloat64()
		switch {
		case a < b:
			return -1, nil
		case a > b:
			return 1, nil
		case a == b:
			return 0, nil
		}
		return cmpNaN, nil
	}
	switch {
	case x.is(KChar) && y.is(KChar), x.is(KBool) && y.is(KBool):
		return cmpInt(int32(x.n), int32(y.n)), nil
	case unsignedWidth(x, y) != 0:
		return compareUnsigned(x, y), nil
	case x.Kind() == KString && y.Kind() == KString:
		return compareStrings(x.o.(string), y.o.(string)), nil
	}
	if x.o == nil || y.o == nil {
		return 0, co.in.NewError("java.lang.NullPointerException", "")
	}
	r, err := co.CallMethod(x, "compareTo", y)
	if err != nil {
		return 0, err
	}
	c := r.AsInt()
	switch {
	case c < 0:
		return -1, nil
	case c > 0:
		return 1, nil
	}
	return 0, nil
}

// compareStrings compares like String.compareTo (UTF-16 code units).
func compareStrings(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	ua, ub := utf16Of(a), utf16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return cmpInt(int32(ua[i]), int32(ub[i]))
		}
	}
	return cmpInt(int32(len(ua)), int32(len(ub)))
}

// CompareValues compares like compareValues (nulls first).
func (co *Coroutine) CompareValues(x, y Value) (int, error) {
	if x.o == nil || y.o == nil {
		switch {
		case x.Kind() == y.Kind():
			return 0, nil
		case x.o == nil:
			return -1, nil
		}
		return 1, nil
	}
	c, err := co.Compare(x, y)
	if c == cmpNaN {
		c = 0
	}
	return c, err
}

// ToString returns Kotlin's toString() of v, calling a script's toString
// when it defines one.
func (co *Coroutine) ToString(v Value) (string, error) {
	switch v.Kind() {
	case KString:
		return v.o.(string), nil
	case KObject:
		// a structure that contains itself recurses here in Go: bound it
		// like the JVM's stack
		if err := co.EnterNested(); err != nil {
			return "", err
		}
		defer co.LeaveNested()
		switch o := v.o.(type) {
		case *Instance:
			return co.instanceString(o, v)
		case stringer:
			return o.toString(co)
		case Stringer:
			return o.KString(co)
		}
		return co.objectString(v), nil
	}
	return toStringSimple(v), nil
}

// toStringSimple formats primitives (and falls back to class@hash for
// objects) without running script code.
func toStringSimple(v Value) string {
	switch v.Kind() {
	case KNull:
		return "null"
	case KUnit:
		return "kotlin.Unit"
	case KBool:
		if v.n != 0 {
			return "true"
		}
		return "false"
	case KInt, KByte, KShort:
		return strconv.FormatInt(int64(int32(v.n)), 10)
	case KLong:
		return strconv.FormatInt(int64(v.n), 10)
	case KUByte, KUShort, KUInt, KULong:
		return unsignedString(v)
	case KDouble:
		return jfmt.FormatDouble(v.AsDouble())
	case KFloat:
		return jfmt.FormatFloat(v.AsFloat())
	case KChar:
		return string(rune(v.n))
	case KString:
		return v.o.(string)
	}
	if in, ok := v.o.(*Instance); ok && in.cls.IsSubclassOf(ThrowableClass) {
		return describeThrowable(v)
	}
	return typeName(v) + "@" + strconv.FormatInt(int64(uint32(identityHash(v.o))), 16)
}

func (co *Coroutine) instanceString(o *Instance, v Value) (string, error) {
	if m, ok := o.cls.LookupMethod("toString"); ok {
		r, err := co.CallMethodSync(m, v)
		if err != nil {
			return "", err
		}
		return co.ToString(r)
	}
	c := o.cls
	switch {
	case c.IsSubclassOf(ThrowableClass):
		msg, err := co.GetProp(v, "message")
		if err != nil {
			return "", err
		}
		name := c.QName
		if name == "" {
			name = c.Name
		}
		if msg.o == nil {
			return name, nil
		}
		s, err := co.ToString(msg)
		return name + ": " + s, err
	case c.Enum || (c.Super != nil && c.Super.Enum):
		return o.Fields[enumNameSlot].AsString(), nil
	case c.Data && c.IsObject:
		return c.Name, nil // a data object prints its name
	case c.Data:
		var b strings.Builder
		b.WriteString(c.Name)
		b.WriteByte('(')
		for i, name := range c.dataProps {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(name)
			b.WriteByte('=')
			f := o.Fields[c.FieldIndex(name)]
			var s string
			var err error
			if l, ok := f.o.(*List); ok && l.IsArray() {
				// a data class prints an array property's content
				s, err = co.joinValues(l.Elems, "[", "]")
			} else {
				s, err = co.ToString(f)
			}
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
		b.WriteByte(')')
		return b.String(), nil
	}
	return co.objectString(v), nil
}

func (co *Coroutine) objectString(v Value) string {
	return binaryName(classOf(v)) + "@" + strconv.FormatInt(int64(uint32(identityHash(v.o))), 16)
}

// binaryName is the JVM's binary name of a class: its qualified name, or
// for a script class nested in others Outer$Inner.
func binaryName(c *Class) string {
	if c.QName != "" {
		return c.QName
	}
	name := c.Name
	for o, depth := c.outer, 0; o != nil && depth < 64; o, depth = o.outer, depth+1 {
		if o.QName != "" {
			return o.QName + "$" + name
		}
		name = o.Name + "$" + name
	}
	return name
}

// HashCode returns Kotlin's hashCode() of v.
func (co *Coroutine) HashCode(v Value) (int32, error) {
	switch v.Kind() {
	case KNull:
		return 0, nil
	case KBool:
		if v.n != 0 {
			return 1231, nil
		}
		return 1237, nil
	case KInt, KChar, KByte, KShort:
		return int32(v.n), nil
	case KLong:
		return int32(v.n ^ (v.n >> 32)), nil
	case KUByte, KUShort, KUInt, KULong:
		return smallHash(v), nil
	case KDouble:
		return jfmt.DoubleHash(v.AsDouble()), nil
	case KFloat:
		return jfmt.FloatHash(v.AsFloat()), nil
	case KString:
		return jfmt.StringHash(v.o.(string)), nil
	case KUnit:
		return identityHash(unitClass), nil
	}
	if err := co.EnterNested(); err != nil {
		return 0, err
	}
	defer co.LeaveNested()
	switch o := v.o.(type) {
	case *Instance:
		if m, ok := o.cls.LookupMethod("hashCode"); ok {
			r, err := co.CallMethodSync(m, v)
			return r.AsInt(), err
		}
		if o.cls.Data {
			var h int32
			for i, name := range o.cls.dataProps {
				f := o.Fields[o.cls.FieldIndex(name)]
				if l, ok := f.o.(*List); ok && l.IsArray() {
					// an array property hashes by content (Arrays.hashCode)
					f = Obj(NewList(l.Elems))
				}
				x, err := co.HashCode(f)
				if err != nil {
					return 0, err
				}
				if i == 0 {
					h = x
				} else {
					h = h*31 + x
				}
			}
			return h, nil
		}
	case hasher:
		return o.hashCode(co)
	case Hasher:
		return o.KHashCode(co)
	}
	return identityHash(v.o), nil
}

// anyMethod implements Any's toString/hashCode/equals for super calls.
func (co *Coroutine) anyMethod(name string, this Value, args []Value) (Value, error) {
	switch name {
	case "toString":
		if in, ok := this.o.(*Instance); ok && in.cls.IsSubclassOf(ThrowableClass) {
			return String(describeThrowable(this)), nil
		}
		return String(co.objectString(this)), nil
	case "hashCode":
		return Int(identityHash(this.o)), nil
	case "equals":
		return Bool(len(args) == 1 && identical(this, args[0])), nil
	}
	return Null, nil
}

// concat converts vals to strings and joins them (string templates).
func (co *Coroutine) concat(vals []Value) (string, error) {
	if len(vals) == 1 {
		return co.ToString(vals[0])
	}
	var b strings.Builder
	for _, v := range vals {
		if v.Kind() == KString {
			b.WriteString(v.o.(string))
			continue
		}
		s, err := co.ToString(v)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if err := co.CheckAlloc(b.Len(), 4); err != nil {
		return "", err
	}
	return b.String(), nil
}

// convertNumber converts a numeric value to kind k (declared types: an
// integer literal given a Byte, Short, Long, Float or Double, a UInt
// literal given a UByte, UShort or ULong). Other values are left alone.
func convertNumber(v Value, k Kind) Value {
	if v.Kind() == k {
		return v
	}
	switch k {
	case KUByte, KUShort, KUInt, KULong:
		if v.IsUnsigned() {
			return FromBits(k, v.n)
		}
		return v
	}
	if !v.IsNumber() {
		return v
	}
	return ConvertNumber(v, k)
}

// numberClassName names the JVM class of the signed number kind k ("" for
// other kinds): the target a CONV names when its operand is not a number.
func numberClassName(k Kind) string {
	switch k {
	case KInt:
		return "java.lang.Integer"
	case KLong:
		return "java.lang.Long"
	case KDouble:
		return "java.lang.Double"
	case KFloat:
		return "java.lang.Float"
	case KByte:
		return "java.lang.Byte"
	case KShort:
		return "java.lang.Short"
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func utf16Of(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// MakeValueRange, when set (by the standard library, before scripts run),
// builds x..y (or x..<y when until) for operands that are not Ints, Longs,
// Chars or unsigned: Doubles, Strings, other Comparables.
var MakeValueRange func(co *Coroutine, x, y Value, until bool) (Value, error)

// makeRange builds x..y (or x until y) for Ints, Longs and Chars.
func (co *Coroutine) makeRange(x, y Value, until bool) (Value, error) {
	if w := unsignedWidth(x, y); w != 0 && x.n <= math.MaxInt64 && y.n <= math.MaxInt64 {
		kind := KUInt
		if w == 64 {
			kind = KULong
		}
		last := int64(y.n)
		if until {
			if last == 0 {
				return Obj(&Range{First: 1, Last: 0, Step: 1, Elem: kind}), nil
			}
			last--
		}
		return Obj(&Range{First: int64(x.n), Last: last, Step: 1, Elem: kind}), nil
	}
	if !(x.is(KInt) || x.is(KLong) || x.is(KChar)) || !(y.is(KInt) || y.is(KLong) || y.is(KChar)) {
		if MakeValueRange != nil {
			return MakeValueRange(co, x, y, until)
		}
		return Null, co.in.NewError("java.lang.UnsupportedOperationException", "rangeTo is not defined for "+typeName(x))
	}
	kind := x.Kind()
	if y.is(KLong) {
		kind = KLong
	}
	last := y.ToInt64()
	if until {
		if last == math.MinInt64 {
			return Obj(&Range{First: 1, Last: 0, Step: 1, Elem: kind}), nil
		}
		last--
	}
	return Obj(&Range{First: x.ToInt64(), Last: last, Step: 1, Elem: kind}), nil
}

// augAssign decides how OPASSIGN's `target op= v` goes, with the
// target's value x and v at stack[sp-2], stack[sp-1] (a = operand<<6 |
// op<<3 | target kind, see augVar): true to call x.opAssign(v), false to
// assign x op v.
// As Kotlin, opAssign is called where it exists and the target cannot be
// assigned or x has no op. Where both exist on an assignable target,
// Kotlin's static types choose (or it is the compile error "ambiguity
// between assign operator candidates"); here opAssign is called unless
// the target was declared with a read-only type (see inPlaceDecl).
func (co *Coroutine) augAssign(a uint32, fn *Function, sp int) bool {
	operand := a >> 6
	x := co.stack[sp-2]
	if x.Kind() != KObject || x.o == nil || classOf(x).ReadOnly {
		return false
	}
	name := augNames[a>>3&7]
	if !co.in.hasMember(x, name+"Assign", true) {
		return false
	}
	assignable, reassign := true, false
	switch a & 7 {
	case augVar:
		reassign = true
	case augVal:
		assignable = false
	case augMember:
		p := classOf(co.stack[sp-3]).LookupProp(fn.names[operand])
		assignable = p != nil && p.Mutable
		reassign = p != nil && !p.InPlace
	case augIndex:
		obj := co.stack[sp-3-int(operand)]
		assignable = obj.Kind() == KObject && !classOf(obj).ReadOnly && co.in.hasMember(obj, "set", true)
	}
	return !assignable || !reassign || !co.in.hasMember(x, name, true)
}
