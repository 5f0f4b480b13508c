package stdlib

import (
	"math"
	"strconv"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of Byte and Short (whose arithmetic
// promotes to Int) and of the unsigned types UByte, UShort, UInt and
// ULong: conversions between every number kind (toByte, toUInt, ...),
// their constants, arithmetic and bitwise operators as functions, and
// ranges of UInt/ULong.

func init() { initSmallInts() }

// kindConversions are the toX() conversions every number (and Char) has,
// with the kind each converts to.
var kindConversions = map[string]interp.Kind{
	"toByte": interp.KByte, "toShort": interp.KShort, "toInt": interp.KInt, "toLong": interp.KLong,
	"toUByte": interp.KUByte, "toUShort": interp.KUShort, "toUInt": interp.KUInt, "toULong": interp.KULong,
	"toDouble": interp.KDouble, "toFloat": interp.KFloat,
}

func initSmallInts() {
	unsigned := []*interp.Class{interp.UByteClass, interp.UShortClass, interp.UIntClass, interp.ULongClass}
	small := []*interp.Class{interp.ByteClass, interp.ShortClass}
	for name, k := range kindConversions {
		k := k
		conv := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.ConvertNumber(this, k), nil
		}
		switch k {
		case interp.KByte, interp.KShort, interp.KUByte, interp.KUShort, interp.KUInt, interp.KULong:
			numMethod(name, conv) // Int/Long/Double/Float gain toByte, toUInt, ...
		}
		for _, c := range unsigned {
			c.AddMethod(name, conv)
		}
	}
	for _, c := range append(unsigned, small...) {
		c.AddMethod("toChar", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.ConvertNumber(this, interp.KChar), nil
		})
	}
	// Byte and Short: ++ and -- keep the kind, unary minus gives an Int
	for _, c := range small {
		c.AddMethod("inc", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.FromBits(this.Kind(), this.AsUint64()+1), nil
		})
		c.AddMethod("dec", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.FromBits(this.Kind(), this.AsUint64()-1), nil
		})
		c.AddMethod("unaryMinus", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.Int(-this.AsInt()), nil
		})
	}
	for _, c := range append(unsigned, small...) {
		for _, name := range []string{"and", "or", "xor", "shl", "shr", "ushr"} {
			name := name
			if name == "ushr" && c != interp.ByteClass && c != interp.ShortClass {
				continue
			}
			c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
				r, _ := interp.Bitwise(name, this, args[0])
				return r, nil
			})
		}
		c.AddMethod("inv", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.Inv(this), nil
		})
		for i, name := range []string{"countOneBits", "countLeadingZeroBits", "countTrailingZeroBits"} {
			i := i
			c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
				var n [3]int
				n[0], n[1], n[2] = interp.CountBits(this)
				return interp.Int(int32(n[i])), nil
			})
		}
	}
	for _, c := range unsigned {
		initUnsignedMethods(c)
	}
	for name, k := range map[string]interp.Kind{"toUByte": interp.KUByte, "toUShort": interp.KUShort, "toUInt": interp.KUInt, "toULong": interp.KULong} {
		k := k
		interp.CharClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.ConvertNumber(this, k), nil
		})
	}
	// Char(code): code is an Int (or UShort) in 0..0xFFFF
	interp.CharClass.SetFactory(func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if len(args) != 1 || !(args[0].IsIntegral() || args[0].IsUnsigned()) {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char takes one Int code")
		}
		c := args[0].ToInt64()
		if c < 0 || c > 0xFFFF {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Invalid Char code: %d", c)
		}
		return interp.Char(rune(c)), nil
	}, "code")
	for _, c := range []struct {
		cls      *interp.Class
		min, max kval
		bytes    int32
	}{
		{interp.ByteClass, interp.Byte(math.MinInt8), interp.Byte(math.MaxInt8), 1},
		{interp.ShortClass, interp.Short(math.MinInt16), interp.Short(math.MaxInt16), 2},
		{interp.UByteClass, interp.UByte(0), interp.UByte(math.MaxUint8), 1},
		{interp.UShortClass, interp.UShort(0), interp.UShort(math.MaxUint16), 2},
		{interp.UIntClass, interp.UInt(0), interp.UInt(math.MaxUint32), 4},
		{interp.ULongClass, interp.ULong(0), interp.ULong(math.MaxUint64), 8},
	} {
		c.cls.StaticProps = map[string]kval{"MIN_VALUE": c.min, "MAX_VALUE": c.max,
			"SIZE_BYTES": interp.Int(c.bytes), "SIZE_BITS": interp.Int(8 * c.bytes)}
	}
}

// initUnsignedMethods gives an unsigned class what Number gives the
// signed ones: toString, equals, hashCode, compareTo, the arithmetic
// operators as functions, inc/dec, ranges, min/max coercion.
func initUnsignedMethods(c *interp.Class) {
	c.AddMethod("toString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			radix := int(args[0].AsInt())
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			return interp.String(strconv.FormatUint(this.AsUint64(), radix)), nil
		}
		s, err := co.ToString(this)
		return interp.String(s), err
	})
	c.AddMethod("hashCode", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		h, err := co.HashCode(this)
		return interp.Int(h), err
	})
	c.AddMethod("equals", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(args[0].Kind() == this.Kind() && args[0].AsUint64() == this.AsUint64()), nil
	})
	c.AddMethod("compareTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		r, err := co.Compare(this, args[0])
		return interp.Int(int32(r)), err
	})
	for name, op := range map[string]interp.Opcode{"plus": interp.ADD, "minus": interp.SUB, "times": interp.MUL, "div": interp.DIV, "rem": interp.MOD} {
		op := op
		c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return co.Arith(op, this, args[0])
		})
	}
	c.AddMethod("floorDiv", c.Methods["div"].AsObject().(*interp.Native).Fn)
	c.AddMethod("mod", c.Methods["rem"].AsObject().(*interp.Native).Fn)
	c.AddMethod("inc", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.FromBits(this.Kind(), this.AsUint64()+1), nil
	})
	c.AddMethod("dec", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.FromBits(this.Kind(), this.AsUint64()-1), nil
	})
	for _, name := range []string{"coerceIn", "coerceAtLeast", "coerceAtMost"} {
		m, _ := interp.IntClass.LookupMethod(name)
		c.Methods[name] = m
	}
	c.AddMethod("rangeTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return unsignedRange(co, this, args[0], 0)
	})
	c.AddMethod("rangeUntil", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return unsignedRange(co, this, args[0], -1)
	})
	c.AddMethod("until", c.Methods["rangeUntil"].AsObject().(*interp.Native).Fn)
	c.AddMethod("downTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return unsignedRange(co, this, args[0], 1)
	})
}

// unsignedRange builds x..y (dir 0), x until y (-1) or x downTo y (1) of
// unsigned values: a UIntRange, or a ULongRange when one is a ULong (whose
// bounds must stay below 2^63 here).
func unsignedRange(co *interp.Coroutine, x, y kval, dir int) (kval, error) {
	if !x.IsUnsigned() || !y.IsUnsigned() {
		return vnull, co.Errorf("java.lang.UnsupportedOperationException", "ranges of %s are not supported", interp.ClassOf(x).Name)
	}
	kind := interp.KUInt
	if x.Kind() == interp.KULong || y.Kind() == interp.KULong {
		kind = interp.KULong
	}
	a, b := x.AsUint64(), y.AsUint64()
	if a > math.MaxInt64 || b > math.MaxInt64 {
		return vnull, co.Errorf("java.lang.UnsupportedOperationException", "ULong ranges past Long.MAX_VALUE are not supported")
	}
	switch dir {
	case -1:
		if b == 0 {
			return interp.RangeOf(1, 0, 1, kind), nil
		}
		return interp.RangeOf(int64(a), int64(b)-1, 1, kind), nil
	case 1:
		return interp.RangeOf(int64(a), int64(b), -1, kind), nil
	}
	return interp.RangeOf(int64(a), int64(b), 1, kind), nil
}
