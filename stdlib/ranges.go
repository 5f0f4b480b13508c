package stdlib

import (
	"math"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the ranges of values that are not integral: x..y and
// x..<y of Doubles and Floats (ClosedFloatingPointRange, OpenEndRange) and
// of Strings and other Comparables (ClosedRange). They test membership
// and emptiness; they cannot be iterated, as in Kotlin.

// The range interfaces and the classes of the built-in value ranges.
var (
	ClosedRangeClass              = &interp.Class{Name: "ClosedRange", QName: "kotlin.ranges.ClosedRange", Interface: true, Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}}
	OpenEndRangeClass             = &interp.Class{Name: "OpenEndRange", QName: "kotlin.ranges.OpenEndRange", Interface: true, Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}}
	ClosedFloatingPointRangeClass = &interp.Class{Name: "ClosedFloatingPointRange", QName: "kotlin.ranges.ClosedFloatingPointRange", Interface: true, Props: map[string]*interp.Prop{}, Methods: map[string]kValue{}, Interfaces: []*interp.Class{ClosedRangeClass}}

	closedDoubleRangeClass   = interp.NewClass("ClosedDoubleRange", "kotlin.ranges.ClosedDoubleRange", interp.AnyClass, ClosedFloatingPointRangeClass)
	closedFloatRangeClass    = interp.NewClass("ClosedFloatRange", "kotlin.ranges.ClosedFloatRange", interp.AnyClass, ClosedFloatingPointRangeClass)
	openDoubleRangeClass     = interp.NewClass("OpenEndDoubleRange", "kotlin.ranges.OpenEndDoubleRange", interp.AnyClass, OpenEndRangeClass)
	openFloatRangeClass      = interp.NewClass("OpenEndFloatRange", "kotlin.ranges.OpenEndFloatRange", interp.AnyClass, OpenEndRangeClass)
	comparableRangeClass     = interp.NewClass("ComparableRange", "kotlin.ranges.ComparableRange", interp.AnyClass, ClosedRangeClass)
	comparableOpenRangeClass = interp.NewClass("ComparableOpenEndRange", "kotlin.ranges.ComparableOpenEndRange", interp.AnyClass, OpenEndRangeClass)
)

// kValueRange is start..end (or start..<end when open) of Doubles, Floats
// or Comparables; kind is KDouble, KFloat or KObject for the others.
type kValueRange struct {
	start, end kValue
	open       bool
	kind       interp.Kind
}

// Class returns the range's Kotlin class.
func (r *kValueRange) Class() *interp.Class {
	switch {
	case r.kind == interp.KDouble && r.open:
		return openDoubleRangeClass
	case r.kind == interp.KDouble:
		return closedDoubleRangeClass
	case r.kind == interp.KFloat && r.open:
		return openFloatRangeClass
	case r.kind == interp.KFloat:
		return closedFloatRangeClass
	case r.open:
		return comparableOpenRangeClass
	}
	return comparableRangeClass
}

// kMakeValueRange is x..y and x..<y for operands that are not integral.
func kMakeValueRange(co *kCoro, x, y kValue, until bool) (kValue, error) {
	r := &kValueRange{start: x, end: y, open: until, kind: interp.KObject}
	switch {
	case x.IsNull() || y.IsNull():
		return kNull, co.Errorf("java.lang.NullPointerException", "")
	case x.IsNumber() && y.IsNumber():
		if x.Kind() == interp.KFloat && y.Kind() == interp.KFloat {
			r.kind = interp.KFloat
		} else {
			r.kind = interp.KDouble
			r.start, r.end = interp.Double(x.ToFloat64()), interp.Double(y.ToFloat64())
		}
	case x.Kind() != interp.KString && x.Kind() != interp.KObject:
		return kNull, co.Errorf("java.lang.UnsupportedOperationException", "rangeTo is not defined for %s", interp.ClassOf(x).QName)
	}
	return interp.Obj(r), nil
}

// before reports a < b (or a <= b when orEqual) as the range compares
// its bounds: IEEE order for floating point (false with a NaN), compareTo
// for the others.
func (r *kValueRange) before(co *kCoro, a, b kValue, orEqual bool) (bool, error) {
	if r.kind != interp.KObject {
		if !a.IsNumber() || !b.IsNumber() {
			return false, nil
		}
		x, y := a.ToFloat64(), b.ToFloat64()
		return x < y || orEqual && x == y, nil
	}
	c, err := co.Compare(a, b)
	return c < 0 || orEqual && c == 0, err
}

func (r *kValueRange) isEmpty(co *kCoro) (bool, error) {
	ok, err := r.before(co, r.start, r.end, !r.open)
	return !ok, err
}

func (r *kValueRange) contains(co *kCoro, v kValue) (bool, error) {
	if v.IsNull() {
		return false, nil
	}
	ok, err := r.before(co, r.start, v, true)
	if err != nil || !ok {
		return false, err
	}
	return r.before(co, v, r.end, !r.open)
}

// KString prints start..end or start..<end.
func (r *kValueRange) KString(co *kCoro) (string, error) {
	a, err := co.ToString(r.start)
	if err != nil {
		return "", err
	}
	b, err := co.ToString(r.end)
	if r.open {
		return a + "..<" + b, err
	}
	return a + ".." + b, err
}

// KEquals is true for a range of the same class with equal bounds, or
// when both are empty.
func (r *kValueRange) KEquals(co *kCoro, other kValue) (bool, error) {
	o, ok := other.AsObject().(*kValueRange)
	if !ok || o.Class() != r.Class() {
		return false, nil
	}
	e1, err := r.isEmpty(co)
	if err != nil {
		return false, err
	}
	e2, err := o.isEmpty(co)
	if err != nil || e1 && e2 {
		return e1 && e2, err
	}
	if r.kind != interp.KObject {
		// Double.equals: bit patterns, so 0.0 != -0.0 and NaN == NaN
		return r.bits(r.start) == r.bits(o.start) && r.bits(r.end) == r.bits(o.end), nil
	}
	if eq, err := co.Equals(r.start, o.start); err != nil || !eq {
		return false, err
	}
	return co.Equals(r.end, o.end)
}

func (r *kValueRange) bits(v kValue) uint64 {
	f := v.ToFloat64()
	if math.IsNaN(f) {
		return math.Float64bits(math.NaN())
	}
	return math.Float64bits(f)
}

// KHashCode is -1 for an empty range, else 31*start.hashCode() +
// end.hashCode().
func (r *kValueRange) KHashCode(co *kCoro) (int32, error) {
	if e, err := r.isEmpty(co); err != nil || e {
		return -1, err
	}
	a, err := co.HashCode(r.start)
	if err != nil {
		return 0, err
	}
	b, err := co.HashCode(r.end)
	return 31*a + b, err
}

func kAsValueRange(co *kCoro, this kValue) (*kValueRange, error) {
	if r, ok := this.AsObject().(*kValueRange); ok {
		return r, nil
	}
	return nil, kUnsupported(co)
}

func installValueRanges(in *interp.Interp) {
	for _, c := range []*interp.Class{ClosedRangeClass, OpenEndRangeClass, ClosedFloatingPointRangeClass} {
		in.DefineType(c)
	}
	in.DefineImport("kotlin.ranges")
}

// initValueRangeMethods registers the members of the value ranges (once:
// the classes are shared) and makes them what x..y builds.
func initValueRangeMethods() {
	interp.MakeValueRange = kMakeValueRange
	for _, c := range []*interp.Class{ClosedRangeClass, OpenEndRangeClass} {
		c.AddProp("start", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			r, err := kAsValueRange(co, this)
			if err != nil {
				return kNull, err
			}
			return r.start, nil
		})
		c.AddMethod("contains", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			r, err := kAsValueRange(co, this)
			if err != nil {
				return kNull, err
			}
			ok, err := r.contains(co, args[0])
			return interp.Bool(ok), err
		})
		c.AddMethod("isEmpty", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			r, err := kAsValueRange(co, this)
			if err != nil {
				return kNull, err
			}
			ok, err := r.isEmpty(co)
			return interp.Bool(ok), err
		})
	}
	ClosedRangeClass.AddProp("endInclusive", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		r, err := kAsValueRange(co, this)
		if err != nil || r.open {
			return kNull, kUnsupported(co)
		}
		return r.end, nil
	})
	OpenEndRangeClass.AddProp("endExclusive", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		r, err := kAsValueRange(co, this)
		if err != nil || !r.open {
			return kNull, kUnsupported(co)
		}
		return r.end, nil
	})
	ClosedFloatingPointRangeClass.AddMethod("lessThanOrEquals", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return interp.Bool(args[0].ToFloat64() <= args[1].ToFloat64()), nil
	})
}
