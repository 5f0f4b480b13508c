package jfmt

import (
	"errors"
	"math"
	"strconv"
	"testing"
)

// The expected strings below were printed by Java 17 (most of them also
// appear in the JVM-generated golden files in testdata).

func TestFormatDoubleTable(t *testing.T) {
	pointOne, pointTwo := 0.1, 0.2 // variables: Go constant arithmetic is exact
	tests := []struct {
		in   float64
		want string
	}{
		{1, "1.0"},
		{pointOne + pointTwo, "0.30000000000000004"},
		{1e10, "1.0E10"},
		{1e-5, "1.0E-5"},
		{-1.5e-7, "-1.5E-7"},
		{100, "100.0"},
		{1.2345678e7, "1.2345678E7"},
		{9999999, "9999999.0"},
		{1e7, "1.0E7"},
		{0.001, "0.001"},
		{0.00099, "9.9E-4"},
		{math.Copysign(0, -1), "-0.0"},
		{0, "0.0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		{5e-324, "4.9E-324"},
		{math.MaxFloat64, "1.7976931348623157E308"},
		{math.SmallestNonzeroFloat64, "4.9E-324"},
		{2.2250738585072014e-308, "2.2250738585072014E-308"},
		{3.14, "3.14"},
		{1.0 / 3, "0.3333333333333333"},
		{2e-3, "0.002"},
		// Java 17's famous non-shortest outputs.
		{1e23, "9.999999999999999E22"},
		{2e23, "1.9999999999999998E23"},
		// Java 17 prints integers in [2^53, 2^63) with all their digits
		// (up to 19), not the shortest representation.
		{1.9596420742315602e18, "1.95964207423156019E18"},
		{5.958838436080787e18, "5.9588384360807875E18"},
		// ... and occasionally picks a non-closest last digit.
		{3.0398833370930935e25, "3.0398833370930934E25"},
		{9.41375146853056e18, "9.413751468530561E18"},
	}
	for _, tt := range tests {
		if got := FormatDouble(tt.in); got != tt.want {
			t.Errorf("FormatDouble(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendDouble([]byte("x"), tt.in)); got != "x"+tt.want {
			t.Errorf("AppendDouble(%v) = %q", tt.in, got)
		}
	}
}

func TestFormatFloatTable(t *testing.T) {
	oneOne := float32(1.1)
	tests := []struct {
		in   float32
		want string
	}{
		{0.1, "0.1"},
		{oneOne * 3, "3.3000002"},
		{3.3000002, "3.3000002"},
		{1e10, "1.0E10"},
		{1, "1.0"},
		{16777216, "1.6777216E7"},
		{math.MaxFloat32, "3.4028235E38"},
		{math.SmallestNonzeroFloat32, "1.4E-45"},
		{float32(math.Copysign(0, -1)), "-0.0"},
		{float32(math.Inf(-1)), "-Infinity"},
		{float32(math.NaN()), "NaN"},
	}
	for _, tt := range tests {
		if got := FormatFloat(tt.in); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSprintfTable(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"%.2f", []any{0.125}, "0.13"},
		{"%.1f", []any{0.05}, "0.1"},
		{"%.2f", []any{1.005}, "1.01"}, // Java rounds the shortest decimal digits half-up
		{"%.2f", []any{2.675}, "2.68"},
		{"%f", []any{3.14159}, "3.141590"},
		{"%10.3f|", []any{3.14159}, "     3.142|"},
		{"%-8s|", []any{"ab"}, "ab      |"},
		{"%.3s", []any{"abcdef"}, "abc"},
		{"%e", []any{12.3456}, "1.234560e+01"},
		{"%E", []any{12.3456}, "1.234560E+01"},
		{"%g", []any{12.3456}, "12.3456"},
		{"%g", []any{0.0}, "0.00000"},
		{"%,d", []any{int32(1234567)}, "1,234,567"},
		{"%x", []any{int32(-1)}, "ffffffff"},
		{"%x", []any{int64(-1)}, "ffffffffffffffff"},
		{"%X", []any{int8(-1)}, "FF"},
		{"%o", []any{int32(8)}, "10"},
		{"%c", []any{int32(0x1F600)}, "\U0001F600"},
		{"%c", []any{Char('a')}, "a"},
		{"%b %b %b", []any{nil, "x", false}, "false true false"},
		{"%s %S", []any{nil, "abc"}, "null ABC"},
		{"%s|%s|%s", []any{1.0, float32(0.1), Char('z')}, "1.0|0.1|z"},
		{"%2$s %1$s %<s", []any{"a", "b"}, "b a a"},
		{"100%% %n", nil, "100% \n"},
		{"%05d|%+d|% d|%(d", []any{int32(-42), int32(42), int32(42), int32(-42)}, "-0042|+42| 42|(42)"},
		{"%s", []any{stringer{}}, "custom"},
		{"%h", []any{"hello"}, "5e918d2"},
	}
	for _, tt := range tests {
		got, err := Sprintf(tt.format, tt.args)
		if err != nil || got != tt.want {
			t.Errorf("Sprintf(%q, %v) = %q, %v; want %q", tt.format, tt.args, got, err, tt.want)
		}
	}
}

type stringer struct{}

func (stringer) String() string        { return "custom" }
func (stringer) JavaClassName() string { return "Custom" }

func TestSprintfErrors(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		class  string
		msg    string
	}{
		{"%d", []any{1.5}, "java.util.IllegalFormatConversionException", "d != java.lang.Double"},
		{"%d", []any{stringer{}}, "java.util.IllegalFormatConversionException", "d != Custom"},
		{"%s %s", []any{"a"}, "java.util.MissingFormatArgumentException", "Format specifier '%s'"},
		{"%q", nil, "java.util.UnknownFormatConversionException", "Conversion = 'q'"},
		{"%-d", []any{int32(1)}, "java.util.MissingFormatWidthException", "%-d"},
		{"%tY", []any{int64(0)}, "java.lang.UnsupportedOperationException", "date/time conversion %tY is not supported by ktcoro"},
	}
	for _, tt := range tests {
		_, err := Sprintf(tt.format, tt.args)
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Class != tt.class || fe.Message != tt.msg {
			t.Errorf("Sprintf(%q) error = %v; want %s: %s", tt.format, err, tt.class, tt.msg)
		}
	}
	if got := (&FormatError{Class: "a.B", Message: "m"}).Error(); got != "a.B: m" {
		t.Errorf("Error() = %q", got)
	}
}

func TestParseDoubleTable(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true},
		{"1.5", 1.5, true},
		{"  2.5 ", 2.5, true},
		{"1e3", 1000, true},
		{"-Infinity", math.Inf(-1), true},
		{"0x1p3", 8, true},
		{"1d", 1, true},
		{"1.5F", 1.5, true},
		{"", 0, false},
		{"1e", 0, false},
		{"1_000", 0, false},
		{"nan", 0, false},
		{"Infinityd", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseDouble(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseDouble(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if f, ok := ParseDouble("NaN"); !ok || math.Float64bits(f) != 0x7ff8000000000000 {
		t.Errorf("ParseDouble(NaN) = %x", math.Float64bits(f))
	}
}

func TestHashes(t *testing.T) {
	if got := StringHash("hello"); got != 99162322 {
		t.Errorf("StringHash(hello) = %d", got)
	}
	if got := StringHash("\U0001F600"); got != 1772899 {
		t.Errorf("StringHash(emoji) = %d", got)
	}
	if BoolHash(true) != 1231 || BoolHash(false) != 1237 {
		t.Error("BoolHash")
	}
	if got := DoubleHash(1.0); got != 1072693248 {
		t.Errorf("DoubleHash(1.0) = %d", got)
	}
	if got := FloatHash(1.0); got != 1065353216 {
		t.Errorf("FloatHash(1.0) = %d", got)
	}
	if got := LongHash(-1); got != 0 {
		t.Errorf("LongHash(-1) = %d", got)
	}
	if got := FormatInt(-255, 16); got != "-ff" {
		t.Errorf("FormatInt = %q", got)
	}
	if got := FormatInt(35, 36); got != "z" {
		t.Errorf("FormatInt = %q", got)
	}
	if got := FormatInt(10, 99); got != "10" {
		t.Errorf("FormatInt bad radix = %q", got)
	}
}

// TestFormatDoubleAllocs checks that FormatDouble allocates only its result.
func TestFormatDoubleAllocs(t *testing.T) {
	vals := []float64{3.14, 1e300, 5e-324, 123456789012345678, 0.1}
	for _, v := range vals {
		if n := testing.AllocsPerRun(100, func() { _ = FormatDouble(v) }); n > 1 {
			t.Errorf("FormatDouble(%v): %v allocs", v, n)
		}
		buf := make([]byte, 0, 64)
		if n := testing.AllocsPerRun(100, func() { buf = AppendDouble(buf[:0], v) }); n > 0 {
			t.Errorf("AppendDouble(%v): %v allocs", v, n)
		}
	}
}

var benchDoubles = []float64{1.0, 0.1, 3.14, 123.456, 100.0, 0.30000000000000004, 1e10, 2.5e-7, 42, 1234567.891}

func BenchmarkFormatDouble(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		_ = FormatDouble(benchDoubles[i%len(benchDoubles)])
	}
}

func BenchmarkAppendDouble(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = AppendDouble(buf[:0], benchDoubles[i%len(benchDoubles)])
	}
}

func BenchmarkAppendDoubleExtreme(b *testing.B) {
	vals := []float64{1e300, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308}
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = AppendDouble(buf[:0], vals[i%len(vals)])
	}
}

// BenchmarkStrconvShortest is a reference point: Go's shortest formatting.
func BenchmarkStrconvShortest(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = strconv.AppendFloat(buf[:0], benchDoubles[i%len(benchDoubles)], 'g', -1, 64)
	}
}

func BenchmarkSprintf(b *testing.B) {
	args := []any{3.14159, int32(42), "name"}
	for b.Loop() {
		_, _ = Sprintf("%.2f %5d %s", args)
	}
}
