package stdlib

import (
	"math"
	"math/bits"
	"strconv"
	"sync"

	"github.com/ktcoro/ktcoro/internal/jfmt"
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of Int, Long, Double, Float (conversions,
// arithmetic and bitwise operators as functions, rounding, coercion),
// range construction (until, downTo, step, reversed) and range
// properties, the numeric constants, kotlin.math and java.lang.Math.

func init() {
	initNumberMethods()
	initBitwise()
	initFloatMethods()
	initRanges()
	initNumberConstants()
}

// d2i and d2l convert like the JVM (NaN is 0, out of range saturates).
func d2i(f float64) int32 {
	switch {
	case f != f:
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

func d2l(f float64) int64 {
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

func isFloating(v kval) bool { return v.Kind() == interp.KDouble || v.Kind() == interp.KFloat }

// toIntValue is Number.toInt().
func toIntValue(v kval) int32 {
	if isFloating(v) {
		return d2i(v.ToFloat64())
	}
	return int32(v.ToInt64())
}

func toLongValue(v kval) int64 {
	if isFloating(v) {
		return d2l(v.ToFloat64())
	}
	return v.ToInt64()
}

func toFloat32(v kval) float32 {
	switch v.Kind() {
	case interp.KFloat:
		return v.AsFloat()
	case interp.KLong:
		return float32(v.AsLong())
	}
	return float32(v.ToFloat64())
}

func numMethod(name string, fn nf) { interp.NumberClass.AddMethod(name, fn) }

// javaCompareDouble is Double.compare: -0.0 < 0.0 and NaN is greatest.
func javaCompareDouble(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	ba, bb := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if a != a {
		ba = 0x7ff8000000000000
	}
	if b != b {
		bb = 0x7ff8000000000000
	}
	switch {
	case ba == bb:
		return 0
	case ba < bb:
		return -1
	}
	return 1
}

func initNumberMethods() {
	conv := map[string]func(v kval) kval{
		"toInt":  func(v kval) kval { return interp.Int(toIntValue(v)) },
		"toLong": func(v kval) kval { return interp.Long(toLongValue(v)) },
		"toDouble": func(v kval) kval {
			if v.Kind() == interp.KFloat {
				return interp.Double(float64(v.AsFloat()))
			}
			return interp.Double(v.ToFloat64())
		},
		"toFloat": func(v kval) kval { return interp.Float(toFloat32(v)) },
		"toChar":  func(v kval) kval { return interp.Char(rune(uint16(toIntValue(v)))) },
	}
	for name, f := range conv {
		f := f
		numMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) { return f(this), nil })
	}
	numMethod("toString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		if len(args) > 0 && !interp.IsAbsent(args[0]) && this.IsIntegral() {
			radix := int(args[0].AsInt())
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			return interp.String(jfmt.FormatInt(this.ToInt64(), radix)), nil
		}
		s, err := co.ToString(this)
		return interp.String(s), err
	})
	numMethod("hashCode", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		h, err := co.HashCode(this)
		return interp.Int(h), err
	})
	numMethod("equals", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		o := args[0]
		if o.Kind() != this.Kind() {
			return interp.False, nil
		}
		switch this.Kind() {
		case interp.KDouble:
			return interp.Bool(javaCompareDouble(this.AsDouble(), o.AsDouble()) == 0), nil
		case interp.KFloat:
			return interp.Bool(javaCompareDouble(float64(this.AsFloat()), float64(o.AsFloat())) == 0), nil
		}
		return interp.Bool(this.ToInt64() == o.ToInt64()), nil
	})
	numMethod("compareTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		o := args[0]
		if isFloating(this) || isFloating(o) {
			return interp.Int(int32(javaCompareDouble(this.ToFloat64(), o.ToFloat64()))), nil
		}
		a, b := this.ToInt64(), o.ToInt64()
		switch {
		case a < b:
			return interp.Int(-1), nil
		case a > b:
			return interp.Int(1), nil
		}
		return interp.Int(0), nil
	})
	for name, op := range map[string]interp.Opcode{"plus": interp.ADD, "minus": interp.SUB, "times": interp.MUL, "div": interp.DIV, "rem": interp.MOD} {
		op := op
		numMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return co.Arith(op, this, args[0])
		})
	}
	numMethod("mod", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		r, err := co.Arith(interp.MOD, this, args[0])
		if err != nil {
			return r, err
		}
		switch r.Kind() {
		case interp.KInt, interp.KLong:
			if r.ToInt64() != 0 && (r.ToInt64() < 0) != (args[0].ToInt64() < 0) {
				r, err = co.Arith(interp.ADD, r, args[0])
			}
			if args[0].Kind() == interp.KInt && r.Kind() == interp.KLong {
				r = interp.Int(int32(r.AsLong()))
			}
		default:
			if f := r.ToFloat64(); f != 0 && (f < 0) != (args[0].ToFloat64() < 0) {
				r, err = co.Arith(interp.ADD, r, args[0])
			}
		}
		return r, err
	})
	numMethod("floorDiv", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return floorDiv(co, this, args[0])
	})
	numMethod("inc", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return co.Arith(interp.ADD, this, interp.Int(1))
	})
	numMethod("dec", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return co.Arith(interp.SUB, this, interp.Int(1))
	})
	numMethod("unaryPlus", func(co *interp.Coroutine, this kval, args []kval) (kval, error) { return this, nil })
	numMethod("unaryMinus", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return negate(this), nil
	})
	numMethod("coerceAtLeast", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		c, err := co.Compare(this, args[0])
		if err != nil || c >= 0 {
			return this, err
		}
		return args[0], nil
	})
	numMethod("coerceAtMost", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		c, err := co.Compare(this, args[0])
		if err != nil || c <= 0 {
			return this, err
		}
		return args[0], nil
	})
	coerceIn := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		var lo, hi kval
		if r, ok := rangeArg(args[0]); ok {
			if r.IsEmpty() {
				s, _ := co.ToString(args[0])
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Cannot coerce value to an empty range: %s.", s)
			}
			lo, hi = rangeElem(r, r.First), rangeElem(r, r.Last)
		} else {
			lo, hi = args[0], args[1]
			if !lo.IsNull() && !hi.IsNull() {
				c, err := co.Compare(lo, hi)
				if err != nil {
					return vnull, err
				}
				if c > 0 {
					ls, _ := co.ToString(lo)
					hs, _ := co.ToString(hi)
					return vnull, co.Errorf("java.lang.IllegalArgumentException",
						"Cannot coerce value to an empty range: maximum %s is less than minimum %s.", hs, ls)
				}
			}
		}
		if !lo.IsNull() {
			if c, err := co.Compare(this, lo); err != nil || c < 0 {
				return lo, err
			}
		}
		if !hi.IsNull() {
			if c, err := co.Compare(this, hi); err != nil || c > 0 {
				return hi, err
			}
		}
		return this, nil
	}
	numMethod("coerceIn", coerceIn)
	interp.CharClass.AddMethod("coerceIn", coerceIn)
	interp.StringClass.AddMethod("coerceIn", coerceIn)
	// T.coerceIn/AtLeast/AtMost for any Comparable (Duration, script classes)
	for _, name := range []string{"coerceIn", "coerceAtLeast", "coerceAtMost"} {
		m, _ := interp.IntClass.LookupMethod(name)
		interp.ComparableClass.Methods[name] = m
	}
	interp.NumberClass.AddProp("absoluteValue", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return absValue(this), nil
	})
	interp.NumberClass.AddProp("sign", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return signValue(this), nil
	})
	numMethod("rangeTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return makeRange(co, this, args[0], 0)
	})
	numMethod("rangeUntil", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return makeRange(co, this, args[0], -1)
	})
	numMethod("until", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return makeRange(co, this, args[0], -1)
	})
	numMethod("downTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return makeRange(co, this, args[0], 1)
	})
	for _, name := range []string{"until", "downTo", "rangeTo", "rangeUntil"} {
		m := interp.NumberClass.Methods[name]
		interp.CharClass.Methods[name] = m
	}
	interp.BooleanClass.AddMethod("and", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(this.AsBool() && args[0].AsBool()), nil
	})
	interp.BooleanClass.AddMethod("or", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(this.AsBool() || args[0].AsBool()), nil
	})
	interp.BooleanClass.AddMethod("xor", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(this.AsBool() != args[0].AsBool()), nil
	})
	interp.BooleanClass.AddMethod("not", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(!this.AsBool()), nil
	})
	interp.BooleanClass.AddMethod("compareTo", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		a, b := this.AsBool(), args[0].AsBool()
		switch {
		case a == b:
			return interp.Int(0), nil
		case a:
			return interp.Int(1), nil
		}
		return interp.Int(-1), nil
	})
	interp.BooleanClass.AddMethod("toString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.String(strconv.FormatBool(this.AsBool())), nil
	})
	interp.BooleanClass.AddMethod("hashCode", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		h, err := co.HashCode(this)
		return interp.Int(h), err
	})
	interp.BooleanClass.AddMethod("equals", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Bool(args[0].Kind() == interp.KBool && args[0].AsBool() == this.AsBool()), nil
	})
}

func negate(v kval) kval {
	switch v.Kind() {
	case interp.KInt:
		return interp.Int(-v.AsInt())
	case interp.KLong:
		return interp.Long(-v.AsLong())
	case interp.KFloat:
		return interp.Float(-v.AsFloat())
	case interp.KDouble:
		return interp.Double(-v.AsDouble())
	}
	return v
}

func absValue(v kval) kval {
	switch v.Kind() {
	case interp.KInt:
		if v.AsInt() < 0 {
			return interp.Int(-v.AsInt())
		}
	case interp.KLong:
		if v.AsLong() < 0 {
			return interp.Long(-v.AsLong())
		}
	case interp.KFloat:
		return interp.Float(float32(math.Abs(float64(v.AsFloat()))))
	case interp.KDouble:
		return interp.Double(math.Abs(v.AsDouble()))
	}
	return v
}

func signum(f float64) float64 {
	switch {
	case f > 0:
		return 1
	case f < 0:
		return -1
	}
	return f // ±0 and NaN
}

func signValue(v kval) kval {
	switch v.Kind() {
	case interp.KInt, interp.KLong:
		x := v.ToInt64()
		switch {
		case x > 0:
			return interp.Int(1)
		case x < 0:
			return interp.Int(-1)
		}
		return interp.Int(0)
	case interp.KFloat:
		return interp.Float(float32(signum(float64(v.AsFloat()))))
	}
	return interp.Double(signum(v.ToFloat64()))
}

func floorDiv(co *interp.Coroutine, x, y kval) (kval, error) {
	if x.Kind() == interp.KLong || y.Kind() == interp.KLong {
		a, b := x.ToInt64(), y.ToInt64()
		if b == 0 {
			return vnull, co.Errorf("java.lang.ArithmeticException", "/ by zero")
		}
		if b == -1 {
			return interp.Long(-a), nil
		}
		q := a / b
		if (a%b != 0) && ((a < 0) != (b < 0)) {
			q--
		}
		return interp.Long(q), nil
	}
	a, b := x.AsInt(), y.AsInt()
	if b == 0 {
		return vnull, co.Errorf("java.lang.ArithmeticException", "/ by zero")
	}
	if b == -1 {
		return interp.Int(-a), nil
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return interp.Int(q), nil
}

func floorMod(co *interp.Coroutine, x, y kval) (kval, error) {
	if x.Kind() == interp.KLong || y.Kind() == interp.KLong {
		a, b := x.ToInt64(), y.ToInt64()
		if b == 0 {
			return vnull, co.Errorf("java.lang.ArithmeticException", "/ by zero")
		}
		if b == -1 {
			return interp.Long(0), nil
		}
		m := a % b
		if m != 0 && (m < 0) != (b < 0) {
			m += b
		}
		if y.Kind() == interp.KInt {
			return interp.Int(int32(m)), nil
		}
		return interp.Long(m), nil
	}
	a, b := x.AsInt(), y.AsInt()
	if b == 0 {
		return vnull, co.Errorf("java.lang.ArithmeticException", "/ by zero")
	}
	if b == -1 {
		return interp.Int(0), nil
	}
	m := a % b
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return interp.Int(m), nil
}

func initBitwise() {
	type op struct {
		i func(a, b int32) int32
		l func(a, b int64) int64
	}
	ops := map[string]op{
		"and":  {func(a, b int32) int32 { return a & b }, func(a, b int64) int64 { return a & b }},
		"or":   {func(a, b int32) int32 { return a | b }, func(a, b int64) int64 { return a | b }},
		"xor":  {func(a, b int32) int32 { return a ^ b }, func(a, b int64) int64 { return a ^ b }},
		"shl":  {func(a, b int32) int32 { return a << uint(b&31) }, func(a, b int64) int64 { return a << uint(b&63) }},
		"shr":  {func(a, b int32) int32 { return a >> uint(b&31) }, func(a, b int64) int64 { return a >> uint(b&63) }},
		"ushr": {func(a, b int32) int32 { return int32(uint32(a) >> uint(b&31)) }, func(a, b int64) int64 { return int64(uint64(a) >> uint(b&63)) }},
	}
	for name, o := range ops {
		o := o
		interp.IntClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.Int(o.i(this.AsInt(), int32(args[0].ToInt64()))), nil
		})
		interp.LongClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.Long(o.l(this.AsLong(), args[0].ToInt64())), nil
		})
	}
	interp.IntClass.AddMethod("inv", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Int(^this.AsInt()), nil
	})
	interp.LongClass.AddMethod("inv", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Long(^this.AsLong()), nil
	})
	ibits := map[string]func(x uint32) int32{
		"countOneBits":          func(x uint32) int32 { return int32(bits.OnesCount32(x)) },
		"countLeadingZeroBits":  func(x uint32) int32 { return int32(bits.LeadingZeros32(x)) },
		"countTrailingZeroBits": func(x uint32) int32 { return int32(bits.TrailingZeros32(x)) },
		"takeHighestOneBit": func(x uint32) int32 {
			if x == 0 {
				return 0
			}
			return int32(uint32(1) << (31 - bits.LeadingZeros32(x)))
		},
		"takeLowestOneBit": func(x uint32) int32 { return int32(x & -x) },
	}
	for name, f := range ibits {
		f := f
		interp.IntClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return interp.Int(f(uint32(this.AsInt()))), nil
		})
	}
	lbits := map[string]func(x uint64) kval{
		"countOneBits":          func(x uint64) kval { return interp.Int(int32(bits.OnesCount64(x))) },
		"countLeadingZeroBits":  func(x uint64) kval { return interp.Int(int32(bits.LeadingZeros64(x))) },
		"countTrailingZeroBits": func(x uint64) kval { return interp.Int(int32(bits.TrailingZeros64(x))) },
	}
	for name, f := range lbits {
		f := f
		interp.LongClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return f(uint64(this.AsLong())), nil
		})
	}
	interp.IntClass.AddMethod("rotateLeft", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Int(int32(bits.RotateLeft32(uint32(this.AsInt()), int(args[0].AsInt())))), nil
	})
	interp.IntClass.AddMethod("rotateRight", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.Int(int32(bits.RotateLeft32(uint32(this.AsInt()), -int(args[0].AsInt())))), nil
	})
}

// javaRound is Math.round(double) without the saturation.
func javaRound(f float64) float64 {
	r := math.Floor(f)
	if f-r >= 0.5 {
		r++
	}
	return r
}

func floatMethod(name string, fn func(co *interp.Coroutine, f float64, isFloat bool, args []kval) (kval, error)) {
	for _, c := range []*interp.Class{interp.DoubleClass, interp.FloatClass} {
		c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return fn(co, this.ToFloat64(), this.Kind() == interp.KFloat, args)
		})
	}
}

func floatResult(f float64, isFloat bool) kval {
	if isFloat {
		return interp.Float(float32(f))
	}
	return interp.Double(f)
}

func initFloatMethods() {
	floatMethod("isNaN", func(co *interp.Coroutine, f float64, _ bool, args []kval) (kval, error) {
		return interp.Bool(f != f), nil
	})
	floatMethod("isInfinite", func(co *interp.Coroutine, f float64, _ bool, args []kval) (kval, error) {
		return interp.Bool(math.IsInf(f, 0)), nil
	})
	floatMethod("isFinite", func(co *interp.Coroutine, f float64, _ bool, args []kval) (kval, error) {
		return interp.Bool(!math.IsInf(f, 0) && f == f), nil
	})
	floatMethod("roundToInt", func(co *interp.Coroutine, f float64, _ bool, args []kval) (kval, error) {
		switch {
		case f != f:
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Cannot round NaN value.")
		case f > math.MaxInt32:
			return interp.Int(math.MaxInt32), nil
		case f < math.MinInt32:
			return interp.Int(math.MinInt32), nil
		}
		return interp.Int(int32(javaRound(f))), nil
	})
	floatMethod("roundToLong", func(co *interp.Coroutine, f float64, _ bool, args []kval) (kval, error) {
		if f != f {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Cannot round NaN value.")
		}
		return interp.Long(d2l(javaRound(f))), nil
	})
	floatMethod("pow", func(co *interp.Coroutine, f float64, isFloat bool, args []kval) (kval, error) {
		return floatResult(javaPow(f, args[0].ToFloat64()), isFloat), nil
	})
	floatMethod("withSign", func(co *interp.Coroutine, f float64, isFloat bool, args []kval) (kval, error) {
		return floatResult(math.Copysign(f, args[0].ToFloat64()), isFloat), nil
	})
	floatMethod("nextUp", func(co *interp.Coroutine, f float64, isFloat bool, args []kval) (kval, error) {
		if isFloat {
			return interp.Float(math.Nextafter32(float32(f), float32(math.Inf(1)))), nil
		}
		return interp.Double(math.Nextafter(f, math.Inf(1))), nil
	})
	floatMethod("nextDown", func(co *interp.Coroutine, f float64, isFloat bool, args []kval) (kval, error) {
		if isFloat {
			return interp.Float(math.Nextafter32(float32(f), float32(math.Inf(-1)))), nil
		}
		return interp.Double(math.Nextafter(f, math.Inf(-1))), nil
	})
	for _, c := range []*interp.Class{interp.DoubleClass, interp.FloatClass} {
		c.AddProp("ulp", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
			f := this.ToFloat64()
			if this.Kind() == interp.KFloat {
				x := float32(math.Abs(f))
				return interp.Float(math.Nextafter32(x, float32(math.Inf(1))) - x), nil
			}
			x := math.Abs(f)
			return interp.Double(math.Nextafter(x, math.Inf(1)) - x), nil
		})
	}
}

// javaPow is Math.pow: Go's math.Pow agrees with Java's except for a
// few special cases (Java: 1.0.pow(NaN) is NaN, (-1.0).pow(±Inf) is NaN).
func javaPow(x, y float64) float64 {
	if y != y {
		return math.NaN()
	}
	if (x == 1 || x == -1) && math.IsInf(y, 0) {
		return math.NaN()
	}
	if y == float64(int64(y)) && math.Abs(y) < 64 && !math.IsInf(x, 0) && x == x {
		// exact integral powers by repeated squaring give Java's results
		// for the common small cases (10.0.pow(-2) = 0.01)
		n := int64(y)
		neg := n < 0
		if neg {
			n = -n
		}
		r, b := 1.0, x
		exact := true
		for n > 0 {
			if n&1 == 1 {
				p := r * b
				if !exactMul(r, b, p) {
					exact = false
					break
				}
				r = p
			}
			n >>= 1
			if n > 0 {
				p := b * b
				if !exactMul(b, b, p) {
					exact = false
					break
				}
				b = p
			}
		}
		if exact {
			if neg {
				return 1 / r
			}
			return r
		}
	}
	return math.Pow(x, y)
}

// exactMul reports whether p == a*b exactly (no rounding happened).
func exactMul(a, b, p float64) bool {
	if math.IsInf(p, 0) || p == 0 {
		return false
	}
	return math.FMA(a, b, -p) == 0
}

// ---- ranges ----

func rangeElem(r *interp.Range, x int64) kval {
	switch r.Elem {
	case interp.KLong:
		return interp.Long(x)
	case interp.KChar:
		return interp.Char(rune(x))
	}
	return interp.Int(int32(x))
}

func floorModI(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// progressionLast is Kotlin's getProgressionLastElement.
func progressionLast(start, end, step int64) int64 {
	diffMod := func(a, b, c int64) int64 { return floorModI(floorModI(a, c)-floorModI(b, c), c) }
	if step > 0 {
		if start >= end {
			return end
		}
		return end - diffMod(end, start, step)
	}
	if start <= end {
		return end
	}
	return end + diffMod(start, end, -step)
}

// makeRange builds x..y (dir 0), x until y (dir -1) or x downTo y (dir 1).
func makeRange(co *interp.Coroutine, x, y kval, dir int) (kval, error) {
	ok := func(v kval) bool {
		return v.Kind() == interp.KInt || v.Kind() == interp.KLong || v.Kind() == interp.KChar
	}
	if !ok(x) || !ok(y) {
		return vnull, co.Errorf("java.lang.UnsupportedOperationException", "ranges of %s are not supported", interp.ClassOf(x).Name)
	}
	kind := x.Kind()
	if y.Kind() == interp.KLong {
		kind = interp.KLong
	}
	a, b := x.ToInt64(), y.ToInt64()
	switch dir {
	case -1:
		if kind == interp.KInt && b <= math.MinInt32 || kind == interp.KChar && b <= 0 || b == math.MinInt64 {
			return interp.RangeOf(1, 0, 1, kind), nil
		}
		return interp.RangeOf(a, b-1, 1, kind), nil
	case 1:
		return interp.RangeOf(a, b, -1, kind), nil
	}
	return interp.RangeOf(a, b, 1, kind), nil
}

func rangeMethod(name string, fn func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error)) {
	for _, c := range []*interp.Class{interp.ProgressionClass, interp.LongRangeClass, interp.CharRangeClass} {
		c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			return fn(co, this.AsObject().(*interp.Range), this, args)
		})
	}
}

func rangeProp(name string, fn func(r *interp.Range) kval) {
	for _, c := range []*interp.Class{interp.ProgressionClass, interp.LongRangeClass, interp.CharRangeClass} {
		c.AddProp(name, func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
			return fn(this.AsObject().(*interp.Range)), nil
		})
	}
}

func initRanges() {
	rangeProp("first", func(r *interp.Range) kval { return rangeElem(r, r.First) })
	rangeProp("last", func(r *interp.Range) kval { return rangeElem(r, r.Last) })
	rangeProp("start", func(r *interp.Range) kval { return rangeElem(r, r.First) })
	rangeProp("endInclusive", func(r *interp.Range) kval { return rangeElem(r, r.Last) })
	rangeProp("step", func(r *interp.Range) kval {
		if r.Elem == interp.KLong {
			return interp.Long(r.Step)
		}
		return interp.Int(int32(r.Step))
	})
	rangeMethod("step", func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		st := args[0].ToInt64()
		if st <= 0 {
			s, _ := co.ToString(args[0])
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Step must be positive, was: %s.", s)
		}
		if r.Step < 0 {
			st = -st
		}
		return interp.RangeOf(r.First, progressionLast(r.First, r.Last, st), st, r.Elem), nil
	})
	rangeMethod("reversed", func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		return interp.RangeOf(r.Last, r.First, -r.Step, r.Elem), nil
	})
	rangeMethod("isEmpty", func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		return interp.Bool(r.IsEmpty()), nil
	})
	rangeMethod("contains", func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		// a Double, Float or Char (a number in a CharRange) reaches here only
		// as Any, where Kotlin's contains(element: Any) is equals-based: false
		x := args[0]
		if (x.Kind() == interp.KChar) != (r.Elem == interp.KChar) {
			return interp.False, nil
		}
		switch x.Kind() {
		case interp.KInt, interp.KLong, interp.KChar, interp.KByte, interp.KShort:
			return interp.Bool(r.Contains(x.ToInt64())), nil
		case interp.KUByte, interp.KUShort, interp.KUInt, interp.KULong:
			return interp.Bool(x.AsUint64() <= math.MaxInt64 && r.Contains(x.ToInt64())), nil
		}
		return interp.False, nil
	})
	firstLast := func(last, orNull bool) func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		return func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
			if len(args) > 0 {
				// first { predicate }: walk the elements
				elems, err := co.Elements(this)
				if err != nil {
					return vnull, err
				}
				for k := range elems {
					i := k
					if last {
						i = len(elems) - 1 - k
					}
					ok, err := callPred(co, args[0], elems[i])
					if err != nil {
						return vnull, err
					}
					if ok {
						return elems[i], nil
					}
				}
				if orNull {
					return vnull, nil
				}
				return vnull, co.Errorf("java.util.NoSuchElementException", "Collection contains no element matching the predicate.")
			}
			if r.IsEmpty() {
				if orNull {
					return vnull, nil
				}
				s, _ := co.ToString(this)
				return vnull, co.Errorf("java.util.NoSuchElementException", "Progression %s is empty.", s)
			}
			if last {
				return rangeElem(r, r.LastElement()), nil
			}
			return rangeElem(r, r.First), nil
		}
	}
	rangeMethod("first", firstLast(false, false))
	rangeMethod("last", firstLast(true, false))
	rangeMethod("firstOrNull", firstLast(false, true))
	rangeMethod("lastOrNull", firstLast(true, true))
	rangeMethod("random", func(co *interp.Coroutine, r *interp.Range, this kval, args []kval) (kval, error) {
		if r.IsEmpty() {
			s, _ := co.ToString(this)
			return vnull, co.Errorf("java.util.NoSuchElementException", "Cannot get random in empty range: %s", s)
		}
		rnd := defaultRandom
		if len(args) > 0 {
			if x, ok := args[0].AsObject().(*Random); ok {
				rnd = x
			}
		}
		switch {
		case r.Step == 1 && r.Elem == interp.KLong:
			return rangeElem(r, rnd.longInRange(r.First, r.Last)), nil
		case r.Step == 1:
			return rangeElem(r, int64(rnd.intInRange(int32(r.First), int32(r.Last)))), nil
		}
		n := (r.LastElement()-r.First)/r.Step + 1
		return rangeElem(r, r.First+int64(rnd.NextIntRange(0, int32(n)))*r.Step), nil
	})
}

// ---- constants ----

func initNumberConstants() {
	interp.IntClass.StaticProps = map[string]kval{
		"MAX_VALUE":  interp.Int(math.MaxInt32),
		"MIN_VALUE":  interp.Int(math.MinInt32),
		"SIZE_BYTES": interp.Int(4),
		"SIZE_BITS":  interp.Int(32),
	}
	interp.LongClass.StaticProps = map[string]kval{
		"MAX_VALUE":  interp.Long(math.MaxInt64),
		"MIN_VALUE":  interp.Long(math.MinInt64),
		"SIZE_BYTES": interp.Int(8),
		"SIZE_BITS":  interp.Int(64),
	}
	interp.DoubleClass.StaticProps = map[string]kval{
		"MAX_VALUE":         interp.Double(math.MaxFloat64),
		"MIN_VALUE":         interp.Double(4.9e-324),
		"POSITIVE_INFINITY": interp.Double(math.Inf(1)),
		"NEGATIVE_INFINITY": interp.Double(math.Inf(-1)),
		"NaN":               interp.Double(math.NaN()),
		"SIZE_BYTES":        interp.Int(8),
		"SIZE_BITS":         interp.Int(64),
	}
	interp.FloatClass.StaticProps = map[string]kval{
		"MAX_VALUE":         interp.Float(math.MaxFloat32),
		"MIN_VALUE":         interp.Float(math.SmallestNonzeroFloat32),
		"POSITIVE_INFINITY": interp.Float(float32(math.Inf(1))),
		"NEGATIVE_INFINITY": interp.Float(float32(math.Inf(-1))),
		"NaN":               interp.Float(float32(math.NaN())),
		"SIZE_BYTES":        interp.Int(4),
		"SIZE_BITS":         interp.Int(32),
	}
	interp.BooleanClass.StaticProps = map[string]kval{}
}

func staticFn(name string, fn nf) kval {
	return interp.Obj(&interp.Native{Name: name, Fn: fn})
}

// javaBoxClass returns a class value standing for a Java wrapper class
// (Integer, Long, Double, ...) with static helpers.
func javaBoxClass(name, qname string, props map[string]kval, methods map[string]kval) *interp.Class {
	c := interp.NewClass(name, qname, interp.AnyClass)
	c.StaticProps = props
	c.StaticMethods = methods
	return c
}

func installNumbers(in *interp.Interp) {
	parseWith := func(kind string) nf {
		return func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			s, err := str(co, args[0])
			if err != nil {
				return vnull, err
			}
			return interp.CharSequenceClass.Methods["to"+kind].AsObject().(*interp.Native).Fn(co, interp.String(s), args[1:])
		}
	}
	intStr := func(radix int, bitsN int) nf {
		return func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			x := args[0].ToInt64()
			if bitsN == 32 {
				return interp.String(strconv.FormatUint(uint64(uint32(x)), radix)), nil
			}
			return interp.String(strconv.FormatUint(uint64(x), radix)), nil
		}
	}
	toStr := staticFn("toString", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if len(args) > 1 {
			return interp.String(jfmt.FormatInt(args[0].ToInt64(), int(args[1].AsInt()))), nil
		}
		s, err := co.ToString(args[0])
		return interp.String(s), err
	})
	cmp := staticFn("compare", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if isFloating(args[0]) {
			return interp.Int(int32(javaCompareDouble(args[0].ToFloat64(), args[1].ToFloat64()))), nil
		}
		a, b := args[0].ToInt64(), args[1].ToInt64()
		switch {
		case a < b:
			return interp.Int(-1), nil
		case a > b:
			return interp.Int(1), nil
		}
		return interp.Int(0), nil
	})
	minMax := func(max bool) kval {
		return staticFn("max", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return mathMinMax(co, args, max)
		})
	}
	in.Define("Integer", interp.Obj(javaBoxClass("Integer", "java.lang.Integer", interp.IntClass.StaticProps, map[string]kval{
		"parseInt":       staticFn("parseInt", parseWith("Int")),
		"valueOf":        staticFn("valueOf", parseOrSelf(parseWith("Int"))),
		"toString":       toStr,
		"toBinaryString": staticFn("toBinaryString", intStr(2, 32)),
		"toHexString":    staticFn("toHexString", intStr(16, 32)),
		"toOctalString":  staticFn("toOctalString", intStr(8, 32)),
		"bitCount": staticFn("bitCount", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return interp.Int(int32(bits.OnesCount32(uint32(args[0].AsInt())))), nil
		}),
		"compare": cmp,
		"signum": staticFn("signum", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return signValue(args[0]), nil
		}),
		"max": minMax(true),
		"min": minMax(false),
		"sum": staticFn("sum", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return co.Arith(interp.ADD, args[0], args[1])
		}),
	})))
	// Long, Double, Float and Boolean are the Kotlin classes; give them
	// the Java statics scripts commonly use (once: the classes are shared).
	addStatics := func(c *interp.Class, m map[string]kval) {
		if c.StaticMethods == nil {
			c.StaticMethods = map[string]kval{}
		}
		for k, v := range m {
			c.StaticMethods[k] = v
		}
	}
	staticsOnce.Do(func() {
		addStatics(interp.LongClass, map[string]kval{
			"parseLong": staticFn("parseLong", parseWith("Long")), "toString": toStr, "compare": cmp,
			"toBinaryString": staticFn("toBinaryString", intStr(2, 64)), "toHexString": staticFn("toHexString", intStr(16, 64)),
		})
		addStatics(interp.DoubleClass, map[string]kval{
			"parseDouble": staticFn("parseDouble", parseWith("Double")), "toString": toStr, "compare": cmp,
			"isNaN": staticFn("isNaN", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
				f := args[0].ToFloat64()
				return interp.Bool(f != f), nil
			}),
		})
		addStatics(interp.FloatClass, map[string]kval{"parseFloat": staticFn("parseFloat", parseWith("Float")), "compare": cmp})
		addStatics(interp.BooleanClass, map[string]kval{
			"parseBoolean": staticFn("parseBoolean", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
				s, _ := str(co, args[0])
				return interp.Bool(len(s) == 4 && (s[0]|32) == 't' && (s[1]|32) == 'r' && (s[2]|32) == 'u' && (s[3]|32) == 'e'), nil
			}),
		})
		addStatics(interp.CharClass, map[string]kval{
			"isDigit":      staticCharPred("isDigit"),
			"isLetter":     staticCharPred("isLetter"),
			"isWhitespace": staticCharPred("isWhitespace"),
			"isUpperCase":  staticCharPred("isUpperCase"),
			"isLowerCase":  staticCharPred("isLowerCase"),
			"toUpperCase":  staticCharPred("toUpperCase"),
			"toLowerCase":  staticCharPred("toLowerCase"),
		})
	})
	in.Define("Character", interp.Obj(javaBoxClass("Character", "java.lang.Character", interp.CharClass.StaticProps, interp.CharClass.StaticMethods)))
	installMath(in)
}

var staticsOnce sync.Once

func staticCharPred(name string) kval {
	return staticFn(name, func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return co.CallMethod(args[0], name)
	})
}

func parseOrSelf(parse nf) nf {
	return func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		if args[0].Kind() == interp.KInt {
			return args[0], nil
		}
		return parse(co, this, args)
	}
}

// ---- kotlin.math and java.lang.Math ----

// log10 is fdlibm's __ieee754_log10 (what Java's Math.log10 computes),
// which is exact for powers of ten, unlike Go's log(x)/ln(10).
func log10(x float64) float64 {
	const (
		two54    = 1.80143985094819840000e+16
		ivln10   = 4.34294481903251816668e-01
		log102hi = 3.01029995663611771306e-01
		log102lo = 3.69423907715893078616e-13
	)
	bitsX := math.Float64bits(x)
	hx := int32(bitsX >> 32)
	lx := uint32(bitsX)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		bitsX = math.Float64bits(x)
		hx = int32(bitsX >> 32)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) & 0x80000000 >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = math.Float64frombits(uint64(uint32(hx))<<32 | (math.Float64bits(x) & 0xffffffff))
	z := y*log102lo + ivln10*math.Log(x)
	return z + y*log102hi
}

// javaMax and javaMin are Math.max/min for doubles: NaN wins, -0.0 < 0.0.
func javaMax(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	if a == 0 && b == 0 {
		if math.Signbit(a) {
			return b
		}
		return a
	}
	if a >= b {
		return a
	}
	return b
}

func javaMin(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	if a == 0 && b == 0 {
		if math.Signbit(a) {
			return a
		}
		return b
	}
	if a <= b {
		return a
	}
	return b
}

// mathMinMax is max/min/maxOf/minOf over two or more values: numbers of
// the same kind with Math.max semantics, other Comparables with compareTo.
func mathMinMax(co *interp.Coroutine, args []kval, max bool) (kval, error) {
	args = spreadArgs(args)
	if len(args) == 2 && args[1].Kind() == interp.KObject {
		if l, ok := args[1].AsObject().(*interp.List); ok && l.Class() != interp.ArrayListClass {
			args = append([]kval{args[0]}, l.Elems...)
		}
	}
	if len(args) == 0 {
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "no arguments")
	}
	best := args[0]
	for _, x := range args[1:] {
		if isFloating(best) || isFloating(x) {
			a, b := best.ToFloat64(), x.ToFloat64()
			var r float64
			if max {
				r = javaMax(a, b)
			} else {
				r = javaMin(a, b)
			}
			if best.Kind() == interp.KFloat && x.Kind() == interp.KFloat {
				best = interp.Float(float32(r))
			} else {
				best = interp.Double(r)
			}
			continue
		}
		c, err := co.Compare(best, x)
		if err != nil {
			return vnull, err
		}
		if (max && c < 0) || (!max && c > 0) {
			best = x
		}
	}
	return best, nil
}

func installMath(in *interp.Interp) {
	in.DefineImport("kotlin.math")
	// the kotlin.math extensions that are methods of the number classes
	// here, imported by name (import kotlin.math.pow)
	for _, name := range []string{"pow", "absoluteValue", "sign", "withSign", "roundToInt", "roundToLong",
		"ulp", "nextUp", "nextDown", "nextTowards", "IEEErem"} {
		in.DefineImport("kotlin.math." + name)
	}
	in.DefineImport("kotlin.enums.enumEntries") // compiled as an intrinsic
	f1 := map[string]func(float64) float64{
		"sqrt": math.Sqrt, "cbrt": math.Cbrt, "exp": math.Exp, "expm1": math.Expm1,
		"ln": math.Log, "log10": log10, "log2": func(x float64) float64 { return math.Log(x) / math.Ln2 },
		"ln1p": math.Log1p, "sin": math.Sin, "cos": math.Cos, "tan": math.Tan, "asin": math.Asin,
		"acos": math.Acos, "atan": math.Atan, "sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
		"asinh": math.Asinh, "acosh": math.Acosh, "atanh": math.Atanh,
		"floor": math.Floor, "ceil": math.Ceil, "truncate": math.Trunc, "round": math.RoundToEven,
	}
	fnFloat := func(f func(float64) float64) nf {
		return func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return floatResult(f(args[0].ToFloat64()), args[0].Kind() == interp.KFloat), nil
		}
	}
	mathStatics := map[string]kval{}
	for name, f := range f1 {
		in.DefineFunc(name, fnFloat(f))
		mathStatics[name] = staticFn(name, fnFloat(f))
	}
	mathStatics["log"] = mathStatics["ln"]
	mathStatics["log1p"] = mathStatics["ln1p"]
	mathStatics["rint"] = mathStatics["round"]
	in.DefineFunc("log", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		x, base := args[0].ToFloat64(), args[1].ToFloat64()
		if base <= 0 || base == 1 {
			return floatResult(math.NaN(), args[0].Kind() == interp.KFloat), nil
		}
		return floatResult(math.Log(x)/math.Log(base), args[0].Kind() == interp.KFloat), nil
	})
	two := map[string]func(a, b float64) float64{
		"atan2": math.Atan2, "hypot": math.Hypot, "pow": javaPow, "IEEErem": math.Remainder,
		"withSign": math.Copysign, "nextAfter": math.Nextafter,
	}
	for name, f := range two {
		f := f
		fn := func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			return floatResult(f(args[0].ToFloat64(), args[1].ToFloat64()), args[0].Kind() == interp.KFloat && args[1].Kind() == interp.KFloat), nil
		}
		if name != "pow" {
			in.DefineFunc(name, fn)
		}
		mathStatics[name] = staticFn(name, fn)
	}
	mathStatics["copySign"] = mathStatics["withSign"]
	abs := func(co *interp.Coroutine, _ kval, args []kval) (kval, error) { return absValue(args[0]), nil }
	sign := func(co *interp.Coroutine, _ kval, args []kval) (kval, error) { return signValue(args[0]), nil }
	in.DefineFunc("abs", abs)
	in.DefineFunc("sign", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return floatResult(signum(args[0].ToFloat64()), args[0].Kind() == interp.KFloat), nil
	})
	mathStatics["abs"] = staticFn("abs", abs)
	mathStatics["signum"] = staticFn("signum", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return floatResult(signum(args[0].ToFloat64()), args[0].Kind() == interp.KFloat), nil
	})
	_ = sign
	mm := func(max bool) nf {
		return func(co *interp.Coroutine, _ kval, args []kval) (kval, error) { return mathMinMax(co, args, max) }
	}
	in.DefineFunc("max", mm(true))
	in.DefineFunc("min", mm(false))
	in.DefineFunc("maxOf", mm(true))
	in.DefineFunc("minOf", mm(false))
	mathStatics["max"] = staticFn("max", mm(true))
	mathStatics["min"] = staticFn("min", mm(false))
	in.Define("PI", interp.Double(math.Pi))
	in.Define("E", interp.Double(math.E))
	mathStatics["floorMod"] = staticFn("floorMod", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return floorMod(co, args[0], args[1])
	})
	mathStatics["floorDiv"] = staticFn("floorDiv", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return floorDiv(co, args[0], args[1])
	})
	mathStatics["round"] = staticFn("round", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		f := args[0].ToFloat64()
		if args[0].Kind() == interp.KFloat {
			return interp.Int(d2i(javaRound(f))), nil
		}
		return interp.Long(d2l(javaRound(f))), nil
	})
	mathStatics["toRadians"] = staticFn("toRadians", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return interp.Double(args[0].ToFloat64() / 180 * math.Pi), nil
	})
	mathStatics["toDegrees"] = staticFn("toDegrees", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return interp.Double(args[0].ToFloat64() * 180 / math.Pi), nil
	})
	mathStatics["random"] = staticFn("random", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		return interp.Double(defaultRandom.NextDouble()), nil
	})
	exact := func(name string, op interp.Opcode) {
		mathStatics[name] = staticFn(name, func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			r, err := co.Arith(op, args[0], args[1])
			if err != nil {
				return r, err
			}
			a, b := args[0].ToInt64(), args[1].ToInt64()
			var wide int64
			overflow := false
			switch op {
			case interp.ADD:
				wide = a + b
				overflow = (a > 0 && b > 0 && wide < 0) || (a < 0 && b < 0 && wide >= 0)
			case interp.SUB:
				wide = a - b
				overflow = (a >= 0 && b < 0 && wide < 0) || (a < 0 && b > 0 && wide >= 0)
			case interp.MUL:
				wide = a * b
				overflow = a != 0 && (wide/a != b || (a == -1 && b == math.MinInt64))
			}
			if r.Kind() == interp.KInt {
				if overflow || wide != int64(r.AsInt()) {
					return vnull, co.Errorf("java.lang.ArithmeticException", "integer overflow")
				}
			} else if overflow {
				return vnull, co.Errorf("java.lang.ArithmeticException", "long overflow")
			}
			return r, nil
		})
	}
	exact("addExact", interp.ADD)
	exact("subtractExact", interp.SUB)
	exact("multiplyExact", interp.MUL)
	mathStatics["toIntExact"] = staticFn("toIntExact", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		x := args[0].ToInt64()
		if x != int64(int32(x)) {
			return vnull, co.Errorf("java.lang.ArithmeticException", "integer overflow")
		}
		return interp.Int(int32(x)), nil
	})
	mathCls := interp.NewClass("Math", "java.lang.Math", interp.AnyClass)
	mathCls.StaticMethods = mathStatics
	mathCls.StaticProps = map[string]kval{"PI": interp.Double(math.Pi), "E": interp.Double(math.E)}
	in.Define("Math", interp.Obj(mathCls))
	in.Define("StrictMath", interp.Obj(mathCls))
}
