package jfmt

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// FormatInt returns Integer.toString(v, radix) / Long.toString(v, radix):
// lowercase digits and a leading '-' for negative values. As in Java, a
// radix outside 2..36 is replaced by 10.
func FormatInt(v int64, radix int) string {
	if radix < 2 || radix > 36 {
		radix = 10
	}
	return strconv.FormatInt(v, radix)
}

// StringHash returns java.lang.String.hashCode of s: s[0]*31^(n-1) + ... +
// s[n-1] over the UTF-16 code units of s (a character outside the Basic
// Multilingual Plane contributes its two surrogates). Invalid UTF-8 bytes
// count as U+FFFD, as they would after decoding into a Java string.
func StringHash(s string) int32 {
	var h int32
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			h = 31*h + int32(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xffff {
			r -= 0x10000
			h = 31*h + int32(0xd800+(r>>10))
			h = 31*h + int32(0xdc00+(r&0x3ff))
		} else {
			h = 31*h + int32(r)
		}
	}
	return h
}

// LongHash returns java.lang.Long.hashCode(v): (int)(v ^ (v >>> 32)).
func LongHash(v int64) int32 {
	return int32(v ^ int64(uint64(v)>>32))
}

// DoubleHash returns java.lang.Double.hashCode(d), the LongHash of
// Double.doubleToLongBits(d) (all NaNs collapse to the canonical NaN).
func DoubleHash(d float64) int32 {
	if d != d {
		return LongHash(0x7ff8000000000000)
	}
	return LongHash(int64(math.Float64bits(d)))
}

// FloatHash returns java.lang.Float.hashCode(f), which is
// Float.floatToIntBits(f) (all NaNs collapse to the canonical NaN).
func FloatHash(f float32) int32 {
	if f != f {
		return 0x7fc00000
	}
	return int32(math.Float32bits(f))
}

// BoolHash returns java.lang.Boolean.hashCode(b): 1231 for true, 1237 for
// false.
func BoolHash(b bool) int32 {
	if b {
		return 1231
	}
	return 1237
}
