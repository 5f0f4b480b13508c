package stdlib

import (
	"math"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
)

// TestDurationMillis checks the milliseconds kotlinx.coroutines waits for
// a Duration: rounded up, zero for non-positive, Long.MAX_VALUE for
// infinite, and no Duration for other values.
func TestDurationMillis(t *testing.T) {
	for _, tc := range []struct {
		d    Duration
		want int64
	}{
		{durOfNanos(1), 1},
		{durOfNanos(1_000_000), 1},
		{durOfNanos(1_000_001), 2},
		{durOfNanos(1_500_000), 2},
		{Duration{}, 0},
		{durOfNanos(-5), 0},
		{durInfinite, math.MaxInt64},
		{durNegInfinite, 0},
		{durOfMillis(maxNanosInMillis + 10), maxNanosInMillis + 10},
	} {
		got, ok := DurationMillis(durV(tc.d))
		if !ok || got != tc.want {
			t.Errorf("DurationMillis(%v) = %d, %v; want %d", tc.d, got, ok, tc.want)
		}
	}
	if _, ok := DurationMillis(interp.Long(5)); ok {
		t.Errorf("a Long is not a Duration")
	}
}

// TestDurationEncoding checks Kotlin's two ranges: nanoseconds up to
// ±(2^62-1) ns, milliseconds beyond, infinite at ±(2^62-1) ms.
func TestDurationEncoding(t *testing.T) {
	if d := durationOfLong(maxNanos, unitNanos); d.inMillis() || d.value() != maxNanos {
		t.Errorf("maxNanos ns: %#v", d)
	}
	if d := durationOfLong(maxNanos+1, unitNanos); !d.inMillis() {
		t.Errorf("maxNanos+1 ns stays in nanoseconds: %#v", d)
	}
	if d := durationOfLong(math.MaxInt64, unitMillis); d != durInfinite {
		t.Errorf("Long.MAX_VALUE ms = %v, want Infinity", d)
	}
	if d := durInfinite.neg(); d != durNegInfinite {
		t.Errorf("-Infinity raw %d", d.raw)
	}
	if got := durationOfLong(90, durationUnits[4]).String(); got != "1h 30m" {
		t.Errorf("90 minutes prints %q", got)
	}
}
