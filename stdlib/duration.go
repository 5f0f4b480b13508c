// kotlin.time: Duration (a value in one Long, nanoseconds or milliseconds
// as Kotlin stores it, so that arithmetic, rounding and printing agree with
// Kotlin to the last digit), DurationUnit, and the monotonic TimeSource.
// measureTime and measureTimedValue are prelude code (preludeTime): their
// blocks may suspend.

package stdlib

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// DurationClass is kotlin.time.Duration.
var DurationClass = interp.NewClass("Duration", "kotlin.time.Duration", interp.AnyClass, interp.ComparableClass)

// DurationUnitClass is kotlin.time.DurationUnit.
var DurationUnitClass = interp.NewClass("DurationUnit", "kotlin.time.DurationUnit", interp.AnyClass, interp.ComparableClass)

// Duration is a kotlin.time.Duration. Raw holds Kotlin's encoding: the
// value shifted left by one, with the low bit set when the value is in
// milliseconds (outside ±(2^62-1) ns) rather than nanoseconds.
type Duration struct{ raw int64 }

// Durations within ±maxNanos are kept in nanoseconds, others in
// milliseconds up to ±maxMillis (beyond which they are infinite).
const (
	maxNanos         = math.MaxInt64/2/1_000_000*1_000_000 - 1
	maxMillis        = math.MaxInt64 / 2
	maxNanosInMillis = maxNanos / 1_000_000
)

var (
	durInfinite    = durOfMillis(maxMillis)
	durNegInfinite = durOfMillis(-maxMillis)
)

// DurationUnit is one entry of kotlin.time.DurationUnit.
type DurationUnit struct {
	name    string
	ordinal int
	nanos   int64 // length of the unit in nanoseconds
	short   string
}

// Class implements interp.Object.
func (*DurationUnit) Class() *interp.Class { return DurationUnitClass }

// KString prints the entry's name.
func (u *DurationUnit) KString(*interp.Coroutine) (string, error) { return u.name, nil }

var durationUnits = []*DurationUnit{
	{"NANOSECONDS", 0, 1, "ns"},
	{"MICROSECONDS", 1, 1_000, "us"},
	{"MILLISECONDS", 2, 1_000_000, "ms"},
	{"SECONDS", 3, 1_000_000_000, "s"},
	{"MINUTES", 4, 60_000_000_000, "m"},
	{"HOURS", 5, 3_600_000_000_000, "h"},
	{"DAYS", 6, 86_400_000_000_000, "d"},
}

var (
	unitNanos  = durationUnits[0]
	unitMillis = durationUnits[2]
)

func durOfNanos(ns int64) Duration  { return Duration{ns << 1} }
func durOfMillis(ms int64) Duration { return Duration{ms<<1 + 1} }
func (d Duration) value() int64     { return d.raw >> 1 }
func (d Duration) inMillis() bool   { return d.raw&1 == 1 }
func (d Duration) isInfinite() bool { return d == durInfinite || d == durNegInfinite }
func (d Duration) storage() *DurationUnit {
	if d.inMillis() {
		return unitMillis
	}
	return unitNanos
}

func clamp(v, lo, hi int64) int64 { return max(lo, min(hi, v)) }

func durOfNanosNormalized(ns int64) Duration {
	if ns >= -maxNanos && ns <= maxNanos {
		return durOfNanos(ns)
	}
	return durOfMillis(ns / 1_000_000)
}

func durOfMillisNormalized(ms int64) Duration {
	if ms >= -maxNanosInMillis && ms <= maxNanosInMillis {
		return durOfNanos(ms * 1_000_000)
	}
	return durOfMillis(clamp(ms, -maxMillis, maxMillis))
}

// convertUnit converts a count of from into to, truncating toward zero
// and saturating at the Long range, as Kotlin's convertDurationUnit does.
func convertUnit(v int64, from, to *DurationUnit) int64 {
	if from.nanos >= to.nanos {
		f := from.nanos / to.nanos
		r := v * f
		if v != 0 && (r/f != v || (v > 0) != (r > 0)) {
			if v > 0 {
				return math.MaxInt64
			}
			return math.MinInt64
		}
		return r
	}
	return v / (to.nanos / from.nanos)
}

// convertUnitDouble converts like convertUnit, exactly as Kotlin does for
// a Double: one multiplication or division by the integer ratio.
func convertUnitDouble(v float64, from, to *DurationUnit) float64 {
	if from.nanos >= to.nanos {
		return v * float64(from.nanos/to.nanos)
	}
	return v / float64(to.nanos/from.nanos)
}

// durationOfLong is Long.toDuration(unit).
func durationOfLong(v int64, u *DurationUnit) Duration {
	lim := convertUnit(maxNanos, unitNanos, u)
	if v >= -lim && v <= lim {
		return durOfNanos(convertUnit(v, u, unitNanos))
	}
	return durOfMillis(clamp(convertUnit(v, u, unitMillis), -maxMillis, maxMillis))
}

// roundToLong is Kotlin's Double.roundToLong (Math.round).
func roundToLong(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Floor(f + 0.5))
}

// durationOfDouble is Double.toDuration(unit).
func durationOfDouble(co *interp.Coroutine, v float64, u *DurationUnit) (Duration, error) {
	ns := convertUnitDouble(v, u, unitNanos)
	if math.IsNaN(ns) {
		return Duration{}, co.Errorf("java.lang.IllegalArgumentException", "Duration value cannot be NaN.")
	}
	n := roundToLong(ns)
	if n >= -maxNanos && n <= maxNanos {
		return durOfNanos(n), nil
	}
	return durOfMillisNormalized(roundToLong(convertUnitDouble(v, u, unitMillis))), nil
}

func (d Duration) neg() Duration { return Duration{(-d.value())<<1 | d.raw&1} }

func (d Duration) plus(co *interp.Coroutine, o Duration) (Duration, error) {
	switch {
	case d.isInfinite():
		if !o.isInfinite() || (d.raw^o.raw) >= 0 {
			return d, nil
		}
		return Duration{}, co.Errorf("java.lang.IllegalArgumentException", "Summing infinite durations of different signs yields an undefined result.")
	case o.isInfinite():
		return o, nil
	case d.raw&1 == o.raw&1:
		r := d.value() + o.value()
		if d.inMillis() {
			return durOfMillisNormalized(r), nil
		}
		return durOfNanosNormalized(r), nil
	case d.inMillis():
		return addMixed(d.value(), o.value()), nil
	}
	return addMixed(o.value(), d.value()), nil
}

func addMixed(ms, ns int64) Duration {
	oms := ns / 1_000_000
	r := ms + oms
	if r >= -maxNanosInMillis && r <= maxNanosInMillis {
		return durOfNanos(r*1_000_000 + (ns - oms*1_000_000))
	}
	return durOfMillis(clamp(r, -maxMillis, maxMillis))
}

func (d Duration) timesInt(co *interp.Coroutine, s int32) (Duration, error) {
	if d.isInfinite() {
		switch {
		case s == 0:
			return Duration{}, co.Errorf("java.lang.IllegalArgumentException", "Multiplying infinite duration by zero yields an undefined result.")
		case s > 0:
			return d, nil
		}
		return d.neg(), nil
	}
	if s == 0 {
		return Duration{}, nil
	}
	v, sc := d.value(), int64(s)
	r := v * sc
	inf := durNegInfinite
	if cmp3(v, 0)*cmp3(sc, 0) > 0 {
		inf = durInfinite
	}
	if !d.inMillis() {
		if v >= maxNanos/math.MinInt32 && v <= -maxNanos/math.MinInt32 {
			return durOfNanos(r), nil
		}
		if r/sc == v {
			return durOfNanosNormalized(r), nil
		}
		ms := v / 1_000_000
		rem := v - ms*1_000_000
		rms := ms * sc
		total := rms + (rem*sc)/1_000_000
		if rms/sc == ms && total^rms >= 0 {
			return durOfMillis(clamp(total, -maxMillis, maxMillis)), nil
		}
		return inf, nil
	}
	if r/sc == v {
		return durOfMillis(clamp(r, -maxMillis, maxMillis)), nil
	}
	return inf, nil
}

func (d Duration) timesDouble(co *interp.Coroutine, s float64) (Duration, error) {
	if i := roundToInt(s); float64(i) == s {
		return d.timesInt(co, i)
	}
	u := d.storage()
	return durationOfDouble(co, d.toDouble(u)*s, u)
}

func roundToInt(f float64) int32 {
	l := roundToLong(f)
	return int32(clamp(l, math.MinInt32, math.MaxInt32))
}

func (d Duration) divInt(co *interp.Coroutine, s int32) (Duration, error) {
	if s == 0 {
		switch {
		case d.raw > 0:
			return durInfinite, nil
		case d.raw < 0:
			return durNegInfinite, nil
		}
		return Duration{}, co.Errorf("java.lang.IllegalArgumentException", "Dividing zero duration by zero yields an undefined result.")
	}
	v, sc := d.value(), int64(s)
	if !d.inMillis() {
		return durOfNanos(v / sc), nil
	}
	if d.isInfinite() {
		return d.timesInt(co, int32(cmp3(sc, 0)))
	}
	r := v / sc
	if r >= -maxNanosInMillis && r <= maxNanosInMillis {
		rem := (v - r*sc) * 1_000_000 / sc
		return durOfNanos(r*1_000_000 + rem), nil
	}
	return durOfMillis(r), nil
}

func (d Duration) divDouble(co *interp.Coroutine, s float64) (Duration, error) {
	if i := roundToInt(s); float64(i) == s && i != 0 {
		return d.divInt(co, i)
	}
	u := d.storage()
	return durationOfDouble(co, d.toDouble(u)/s, u)
}

func (d Duration) compare(o Duration) int {
	bits := d.raw ^ o.raw
	if bits < 0 || bits&1 == 0 {
		return cmp3(d.raw, o.raw)
	}
	r := int(d.raw&1) - int(o.raw&1)
	if d.raw < 0 {
		return -r
	}
	return r
}

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// toLong is Duration.toLong(unit): whole units, saturated; Long.MAX_VALUE
// and Long.MIN_VALUE for the infinite durations.
func (d Duration) toLong(u *DurationUnit) int64 {
	switch d {
	case durInfinite:
		return math.MaxInt64
	case durNegInfinite:
		return math.MinInt64
	}
	return convertUnit(d.value(), d.storage(), u)
}

func (d Duration) toDouble(u *DurationUnit) float64 {
	switch d {
	case durInfinite:
		return math.Inf(1)
	case durNegInfinite:
		return math.Inf(-1)
	}
	return convertUnitDouble(float64(d.value()), d.storage(), u)
}

func (d Duration) abs() Duration {
	if d.raw < 0 {
		return d.neg()
	}
	return d
}

// components returns the whole days, hours, minutes and seconds and the
// nanoseconds of a non-negative duration.
func (d Duration) components() (days, hours, minutes, seconds, nanos int64) {
	days = d.toLong(durationUnits[6])
	if d.isInfinite() {
		return days, 0, 0, 0, 0
	}
	hours = d.toLong(durationUnits[5]) % 24
	minutes = d.toLong(durationUnits[4]) % 60
	seconds = d.toLong(durationUnits[3]) % 60
	if d.inMillis() {
		nanos = d.value() % 1000 * 1_000_000
	} else {
		nanos = d.value() % 1_000_000_000
	}
	return
}

// appendFractional writes whole[.fraction]unit, the fraction cut after
// its last non-zero digit (after a whole group of three for ISO).
func appendFractional(b *strings.Builder, whole, frac int64, size int, unit string, iso bool) {
	b.WriteString(strconv.FormatInt(whole, 10))
	if frac != 0 {
		b.WriteByte('.')
		fs := strconv.FormatInt(frac, 10)
		fs = strings.Repeat("0", max(0, size-len(fs))) + fs
		n := strings.LastIndexFunc(fs, func(r rune) bool { return r != '0' }) + 1
		if !iso && n < 3 {
			b.WriteString(fs[:n])
		} else {
			b.WriteString(fs[:(n+2)/3*3])
		}
	}
	b.WriteString(unit)
}

// String is Duration.toString(): "1h 30m", "1.5s", "100ms", "Infinity".
func (d Duration) String() string {
	switch d {
	case Duration{}:
		return "0s"
	case durInfinite:
		return "Infinity"
	case durNegInfinite:
		return "-Infinity"
	}
	var b strings.Builder
	neg := d.raw < 0
	if neg {
		b.WriteByte('-')
	}
	days, hours, minutes, seconds, nanos := d.abs().components()
	hasDays, hasHours, hasMinutes := days != 0, hours != 0, minutes != 0
	hasSeconds := seconds != 0 || nanos != 0
	n := 0
	part := func(v int64, unit string) {
		if n > 0 {
			b.WriteByte(' ')
		}
		n++
		b.WriteString(strconv.FormatInt(v, 10))
		b.WriteString(unit)
	}
	if hasDays {
		part(days, "d")
	}
	if hasHours || (hasDays && (hasMinutes || hasSeconds)) {
		part(hours, "h")
	}
	if hasMinutes || (hasSeconds && (hasHours || hasDays)) {
		part(minutes, "m")
	}
	if hasSeconds {
		if n > 0 {
			b.WriteByte(' ')
		}
		n++
		switch {
		case seconds != 0 || hasDays || hasHours || hasMinutes:
			appendFractional(&b, seconds, nanos, 9, "s", false)
		case nanos >= 1_000_000:
			appendFractional(&b, nanos/1_000_000, nanos%1_000_000, 6, "ms", false)
		case nanos >= 1_000:
			appendFractional(&b, nanos/1_000, nanos%1_000, 3, "us", false)
		default:
			b.WriteString(strconv.FormatInt(nanos, 10) + "ns")
		}
	}
	s := b.String()
	if neg && n > 1 {
		s = "-(" + s[1:] + ")"
	}
	return s
}

// isoString is Duration.toIsoString().
func (d Duration) isoString() string {
	var b strings.Builder
	if d.raw < 0 {
		b.WriteByte('-')
	}
	b.WriteString("PT")
	a := d.abs()
	days, hours, minutes, seconds, nanos := a.components()
	hours += days * 24
	if a.isInfinite() {
		hours = 9999999999999
	}
	hasHours := hours != 0
	hasSeconds := seconds != 0 || nanos != 0
	hasMinutes := minutes != 0 || (hasSeconds && hasHours)
	if hasHours {
		b.WriteString(strconv.FormatInt(hours, 10) + "H")
	}
	if hasMinutes {
		b.WriteString(strconv.FormatInt(minutes, 10) + "M")
	}
	if hasSeconds || (!hasHours && !hasMinutes) {
		appendFractional(&b, seconds, nanos, 9, "S", true)
	}
	return b.String()
}

// unitString is Duration.toString(unit, decimals).
func (d Duration) unitString(co *interp.Coroutine, u *DurationUnit, decimals int32) (string, error) {
	if decimals < 0 {
		return "", co.Errorf("java.lang.IllegalArgumentException", "decimals must be not negative, but was %d", decimals)
	}
	f := d.toDouble(u)
	if math.IsInf(f, 0) {
		if f > 0 {
			return "Infinity", nil
		}
		return "-Infinity", nil
	}
	return exactDecimals(f, int(min(decimals, 12))) + u.short, nil
}

// exactDecimals prints f's exact binary value rounded half up to n
// decimals, as java.math.BigDecimal does.
func exactDecimals(f float64, n int) string {
	x := new(big.Float).SetPrec(2000).SetFloat64(f)
	scale := new(big.Float).SetPrec(2000).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
	x.Mul(x, scale)
	neg := f < 0
	x.Abs(x)
	x.Add(x, big.NewFloat(0.5))
	i, _ := x.Int(nil)
	s := i.String()
	if n > 0 {
		if len(s) <= n {
			s = strings.Repeat("0", n-len(s)+1) + s
		}
		s = s[:len(s)-n] + "." + s[len(s)-n:]
	}
	if neg {
		s = "-" + s // DecimalFormat keeps the sign of a value rounded to zero
	}
	return s
}

// Class implements interp.Object.
func (*Duration) Class() *interp.Class { return DurationClass }

// KString prints the duration as Kotlin does.
func (d *Duration) KString(*interp.Coroutine) (string, error) { return d.String(), nil }

// KEquals compares two durations by value.
func (d *Duration) KEquals(_ *interp.Coroutine, o interp.Value) (bool, error) {
	e, ok := asDuration(o)
	return ok && e == *d, nil
}

// KHashCode is Long.hashCode of the raw value, as Kotlin's value class.
func (d *Duration) KHashCode(*interp.Coroutine) (int32, error) {
	return int32(d.raw ^ int64(uint64(d.raw)>>32)), nil
}

func durV(d Duration) interp.Value { return interp.Obj(&d) }

func asDuration(v interp.Value) (Duration, bool) {
	if v.Kind() != interp.KObject {
		return Duration{}, false
	}
	d, ok := v.AsObject().(*Duration)
	if !ok {
		return Duration{}, false
	}
	return *d, true
}

// DurationMillis returns the milliseconds kotlinx.coroutines waits for a
// Duration argument (delay, withTimeout): rounded up to whole
// milliseconds, 0 for a duration that is not positive, Long.MAX_VALUE for
// an infinite one. ok is false when v is not a Duration.
func DurationMillis(v interp.Value) (ms int64, ok bool) {
	d, ok := asDuration(v)
	if !ok {
		return 0, false
	}
	if d.raw <= 0 {
		return 0, true
	}
	up, _ := d.plus(nil, durOfNanos(999_999))
	return up.toLong(unitMillis), true
}

func unitArg(co *interp.Coroutine, args []interp.Value, i int) (*DurationUnit, error) {
	if i < len(args) && args[i].Kind() == interp.KObject {
		if u, ok := args[i].AsObject().(*DurationUnit); ok {
			return u, nil
		}
	}
	return nil, co.Errorf("java.lang.IllegalArgumentException", "a DurationUnit was expected")
}

// toDuration converts a number receiver to a Duration of unit u, as
// Int/Long/Double.toDuration(u) (Float as Double).
func toDuration(co *interp.Coroutine, v interp.Value, u *DurationUnit) (interp.Value, error) {
	switch v.Kind() {
	case interp.KDouble, interp.KFloat:
		d, err := durationOfDouble(co, v.ToFloat64(), u)
		if err != nil {
			return interp.Null, err
		}
		return durV(d), nil
	}
	return durV(durationOfLong(v.ToInt64(), u)), nil
}

var durationOnce sync.Once

func installDuration(in *interp.Interp) {
	durationOnce.Do(initDurationMethods)
	in.DefineType(DurationClass)
	in.DefineType(DurationUnitClass)
	for _, p := range []string{"kotlin.time", "kotlin.time.Duration.Companion", "kotlin.time.DurationUnit",
		"kotlin.time.TimeSource", "kotlin.time.TimeSource.Monotonic"} {
		in.DefineImport(p)
	}
	for _, n := range []*interp.Class{interp.IntClass, interp.LongClass, interp.DoubleClass, interp.FloatClass} {
		recv := interp.NewTypeTest(n, false)
		for _, u := range durationUnits {
			u := u
			name := strings.ToLower(u.name)
			in.DefineExtension(name, recv, staticFn(name, func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
				return toDuration(co, this, u)
			}), true)
		}
		in.DefineExtension("toDuration", recv, staticFn("toDuration", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			u, err := unitArg(co, args, 0)
			if err != nil {
				return interp.Null, err
			}
			return toDuration(co, this, u)
		}), false)
	}
	times := staticFn("times", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		d, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		if this.Kind() == interp.KInt {
			return durResult(d.timesInt(co, this.AsInt()))
		}
		return durResult(d.timesDouble(co, this.ToFloat64()))
	})
	in.DefineExtension("times", interp.NewTypeTest(interp.IntClass, false), times, false)
	in.DefineExtension("times", interp.NewTypeTest(interp.DoubleClass, false), times, false)
	in.DefineType(timeSourceClass)
	in.DefineType(TimeMarkClass)
}

func durThis(this interp.Value) Duration { return *this.AsObject().(*Duration) }

// durArg reads argument i as a Duration or throws ClassCastException.
func durArg(co *interp.Coroutine, args []interp.Value, i int) (Duration, error) {
	if i < len(args) {
		if d, ok := asDuration(args[i]); ok {
			return d, nil
		}
	}
	return Duration{}, co.Errorf("java.lang.ClassCastException", "a kotlin.time.Duration was expected")
}

func durResult(d Duration, err error) (interp.Value, error) {
	if err != nil {
		return interp.Null, err
	}
	return durV(d), nil
}

func initDurationMethods() {
	c := DurationClass
	whole := map[string]*DurationUnit{
		"inWholeNanoseconds": durationUnits[0], "inWholeMicroseconds": durationUnits[1],
		"inWholeMilliseconds": durationUnits[2], "inWholeSeconds": durationUnits[3],
		"inWholeMinutes": durationUnits[4], "inWholeHours": durationUnits[5], "inWholeDays": durationUnits[6],
	}
	for name, u := range whole {
		u := u
		c.AddProp(name, func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return interp.Long(durThis(this).toLong(u)), nil
		})
	}
	c.AddProp("absoluteValue", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return durV(durThis(this).abs()), nil
	})
	tests := map[string]func(Duration) bool{
		"isPositive": func(d Duration) bool { return d.raw > 0 },
		"isNegative": func(d Duration) bool { return d.raw < 0 },
		"isInfinite": Duration.isInfinite,
		"isFinite":   func(d Duration) bool { return !d.isInfinite() },
	}
	for name, t := range tests {
		t := t
		c.AddMethod(name, func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return interp.Bool(t(durThis(this))), nil
		})
	}
	c.AddMethod("plus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		return durResult(durThis(this).plus(co, o))
	})
	c.AddMethod("minus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		return durResult(durThis(this).plus(co, o.neg()))
	})
	c.AddMethod("unaryMinus", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return durV(durThis(this).neg()), nil
	})
	c.AddMethod("unaryPlus", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return this, nil
	})
	c.AddMethod("times", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		d := durThis(this)
		switch k := args[0].Kind(); k {
		case interp.KDouble, interp.KFloat:
			return durResult(d.timesDouble(co, args[0].ToFloat64()))
		case interp.KInt:
			return durResult(d.timesInt(co, args[0].AsInt()))
		}
		return interp.Null, co.Errorf("java.lang.ClassCastException", "Duration.times takes an Int or a Double")
	})
	c.AddMethod("div", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		d := durThis(this)
		if o, ok := asDuration(args[0]); ok {
			u := d.storage()
			if o.storage().nanos > u.nanos {
				u = o.storage()
			}
			return interp.Double(d.toDouble(u) / o.toDouble(u)), nil
		}
		switch args[0].Kind() {
		case interp.KDouble, interp.KFloat:
			return durResult(d.divDouble(co, args[0].ToFloat64()))
		case interp.KInt:
			return durResult(d.divInt(co, args[0].AsInt()))
		}
		return interp.Null, co.Errorf("java.lang.ClassCastException", "Duration.div takes an Int, a Double or a Duration")
	})
	c.AddMethod("compareTo", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		return interp.Int(int32(durThis(this).compare(o))), nil
	})
	conv := func(f func(Duration, *DurationUnit) interp.Value) nf {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			u, err := unitArg(co, args, 0)
			if err != nil {
				return interp.Null, err
			}
			return f(durThis(this), u), nil
		}
	}
	c.AddMethod("toDouble", conv(func(d Duration, u *DurationUnit) interp.Value { return interp.Double(d.toDouble(u)) }))
	c.AddMethod("toLong", conv(func(d Duration, u *DurationUnit) interp.Value { return interp.Long(d.toLong(u)) }))
	c.AddMethod("toInt", conv(func(d Duration, u *DurationUnit) interp.Value {
		return interp.Int(int32(clamp(d.toLong(u), math.MinInt32, math.MaxInt32)))
	}))
	c.AddMethod("toIsoString", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(durThis(this).isoString()), nil
	})
	c.AddMethod("toString", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		d := durThis(this)
		if len(args) == 0 {
			return interp.String(d.String()), nil
		}
		u, err := unitArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		dec := int32(0)
		if len(args) > 1 && !interp.IsAbsent(args[1]) {
			dec = args[1].AsInt()
		}
		s, err := d.unitString(co, u, dec)
		return interp.String(s), err
	})
	c.StaticProps = map[string]interp.Value{
		"ZERO":     durV(Duration{}),
		"INFINITE": durV(durInfinite),
	}

	uc := DurationUnitClass
	uc.AddProp("name", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*DurationUnit).name), nil
	})
	uc.AddProp("ordinal", func(_ *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Int(int32(this.AsObject().(*DurationUnit).ordinal)), nil
	})
	uc.AddMethod("compareTo", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o, ok := args[0].AsObject().(*DurationUnit)
		if !ok {
			return interp.Null, co.Errorf("java.lang.ClassCastException", "a DurationUnit was expected")
		}
		return interp.Int(int32(cmp3(int64(this.AsObject().(*DurationUnit).ordinal), int64(o.ordinal)))), nil
	})
	uc.StaticProps = map[string]interp.Value{}
	all := make([]interp.Value, len(durationUnits))
	for i, u := range durationUnits {
		uc.StaticProps[u.name] = interp.Obj(u)
		all[i] = interp.Obj(u)
	}
	uc.StaticProps["entries"] = interp.Obj(interp.NewList(all))
	uc.StaticMethods = map[string]interp.Value{
		"values": staticFn("values", func(_ *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
			return interp.Obj(interp.NewList(append([]interp.Value(nil), all...))), nil
		}),
	}
	initTimeMarks()
}

// TimeMarkClass is kotlin.time.TimeSource.Monotonic.ValueTimeMark: a
// reading of the monotonic clock (the interpreter's clock, virtual time
// included).
var TimeMarkClass = interp.NewClass("ValueTimeMark", "kotlin.time.TimeSource.Monotonic.ValueTimeMark", interp.AnyClass, interp.ComparableClass)

// timeSourceClass is kotlin.time.TimeSource; its Monotonic object is the
// only time source.
var timeSourceClass = interp.NewClass("TimeSource", "kotlin.time.TimeSource", interp.AnyClass)

// monotonicClass is TimeSource.Monotonic.
var monotonicClass = interp.NewClass("Monotonic", "kotlin.time.TimeSource.Monotonic", timeSourceClass)

// timeSource is the TimeSource.Monotonic object.
type timeSource struct{}

// Class implements interp.Object.
func (timeSource) Class() *interp.Class { return monotonicClass }

// KString prints the source as Kotlin does.
func (timeSource) KString(*interp.Coroutine) (string, error) {
	return "TimeSource(System.nanoTime())", nil
}

// timeMark is a reading of the monotonic clock in nanoseconds.
type timeMark struct{ ns int64 }

// Class implements interp.Object.
func (*timeMark) Class() *interp.Class { return TimeMarkClass }

// KString prints the mark as Kotlin does.
func (m *timeMark) KString(*interp.Coroutine) (string, error) {
	return "ValueTimeMark(reading=" + strconv.FormatInt(m.ns, 10) + ")", nil
}

// KEquals compares two readings.
func (m *timeMark) KEquals(_ *interp.Coroutine, o interp.Value) (bool, error) {
	n, ok := o.AsObject().(*timeMark)
	return o.Kind() == interp.KObject && ok && n.ns == m.ns, nil
}

// KHashCode hashes the reading as a Long.
func (m *timeMark) KHashCode(*interp.Coroutine) (int32, error) {
	return int32(m.ns ^ int64(uint64(m.ns)>>32)), nil
}

// elapsed is the duration from a reading to now.
func (m *timeMark) elapsed(co *interp.Coroutine) Duration {
	return durOfNanosNormalized(nowNanos(co) - m.ns)
}

// shift moves the reading by d (saturating at the clock's range).
func (m *timeMark) shift(d Duration) *timeMark {
	if d.isInfinite() {
		if d.raw > 0 {
			return &timeMark{math.MaxInt64}
		}
		return &timeMark{math.MinInt64}
	}
	ns := d.toLong(unitNanos)
	r := m.ns + ns
	if (ns > 0 && r < m.ns) || (ns < 0 && r > m.ns) {
		if ns > 0 {
			r = math.MaxInt64
		} else {
			r = math.MinInt64
		}
	}
	return &timeMark{r}
}

func initTimeMarks() {
	markNow := staticFn("markNow", func(co *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(&timeMark{nowNanos(co)}), nil
	})
	monotonicClass.AddMethod("markNow", func(co *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(&timeMark{nowNanos(co)}), nil
	})
	timeSourceClass.StaticProps = map[string]interp.Value{"Monotonic": interp.Obj(timeSource{})}
	monotonicClass.StaticMethods = map[string]interp.Value{"markNow": markNow}
	m := TimeMarkClass
	mark := func(v interp.Value) *timeMark { return v.AsObject().(*timeMark) }
	m.AddMethod("elapsedNow", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return durV(mark(this).elapsed(co)), nil
	})
	m.AddMethod("hasPassedNow", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(mark(this).elapsed(co).raw >= 0), nil
	})
	m.AddMethod("hasNotPassedNow", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(mark(this).elapsed(co).raw < 0), nil
	})
	m.AddMethod("plus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		d, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(mark(this).shift(d)), nil
	})
	m.AddMethod("minus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if args[0].Kind() == interp.KObject {
			if o, ok := args[0].AsObject().(*timeMark); ok {
				return durV(durOfNanosNormalized(mark(this).ns - o.ns)), nil
			}
		}
		d, err := durArg(co, args, 0)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(mark(this).shift(d.neg())), nil
	})
	m.AddMethod("compareTo", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o, ok := args[0].AsObject().(*timeMark)
		if !ok {
			return interp.Null, co.Errorf("java.lang.ClassCastException", "a time mark was expected")
		}
		return interp.Int(int32(cmp3(mark(this).ns, o.ns))), nil
	})
}
