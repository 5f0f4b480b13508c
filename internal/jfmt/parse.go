package jfmt

import (
	"math"
	"strconv"
)

// ParseDouble parses s like java.lang.Double.parseDouble (Java 17), which
// is also Kotlin's String.toDouble(). It returns ok=false where Java throws
// NumberFormatException.
//
// Accepted, as in Java: leading and trailing characters <= ' ' (ASCII
// whitespace and control characters) are trimmed; an optional sign;
// "NaN" and "Infinity" (case-sensitive, nothing after them); decimal
// numbers such as "1", "1.5", ".5", "1.", "1e3", "1E-3" with an optional
// final type suffix 'd', 'D', 'f' or 'F'; and hexadecimal floating-point
// literals such as "0x1p3", "0x1.8P-2d" (binary exponent required).
// Decimal and hexadecimal values are correctly rounded.
func ParseDouble(s string) (float64, bool) {
	// String.trim(): strip chars <= ' ' at both ends.
	lo, hi := 0, len(s)
	for lo < hi && s[lo] <= ' ' {
		lo++
	}
	for hi > lo && s[hi-1] <= ' ' {
		hi--
	}
	s = s[lo:hi]
	n := len(s)
	if n == 0 {
		return 0, false
	}
	i := 0
	neg := false
	switch s[0] {
	case '-':
		neg = true
		i++
	case '+':
		i++
	}
	if i >= n {
		return 0, false
	}
	switch c := s[i]; {
	case c == 'N':
		if s[i:] == "NaN" {
			return math.Float64frombits(0x7ff8000000000000), true // Java's canonical NaN
		}
		return 0, false
	case c == 'I':
		if s[i:] == "Infinity" {
			if neg {
				return math.Inf(-1), true
			}
			return math.Inf(1), true
		}
		return 0, false
	case c == '0' && i+1 < n && (s[i+1] == 'x' || s[i+1] == 'X'):
		return parseHex(s[i+2:], neg)
	}

	start := i
	seenDot := false
	nDigits := 0
	for ; i < n; i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			nDigits++
		} else if c == '.' {
			if seenDot {
				return 0, false
			}
			seenDot = true
		} else {
			break
		}
	}
	if nDigits == 0 {
		return 0, false
	}
	mantEnd := i
	expStart, expEnd := 0, 0
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i >= n {
			return 0, false
		}
		expStart = i
		if s[i] == '-' || s[i] == '+' {
			i++
		}
		d := i
		for i < n && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return 0, false
		}
		expEnd = i
	}
	if i < n {
		if i != n-1 {
			return 0, false
		}
		switch s[i] {
		case 'd', 'D', 'f', 'F':
		default:
			return 0, false
		}
	}
	buf := make([]byte, 0, 8+mantEnd-start+expEnd-expStart)
	if neg {
		buf = append(buf, '-')
	}
	buf = append(buf, s[start:mantEnd]...)
	if expEnd > expStart {
		buf = append(buf, 'e')
		buf = append(buf, s[expStart:expEnd]...)
	}
	f, err := strconv.ParseFloat(string(buf), 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return f, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// parseHex parses the part after "0x" of a hexadecimal floating-point
// literal: hexdigits[.[hexdigits]] or [hexdigits].hexdigits, then [pP],
// an optionally signed decimal exponent and an optional [fFdD].
func parseHex(s string, neg bool) (float64, bool) {
	n := len(s)
	i := 0
	nd := 0
	for i < n && isHex(s[i]) {
		i++
		nd++
	}
	if i < n && s[i] == '.' {
		i++
		for i < n && isHex(s[i]) {
			i++
			nd++
		}
	}
	if nd == 0 {
		return 0, false
	}
	mantEnd := i
	if i >= n || (s[i] != 'p' && s[i] != 'P') {
		return 0, false
	}
	i++
	expStart := i
	if i < n && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := i
	for i < n && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == d {
		return 0, false
	}
	expEnd := i
	if i < n {
		if i != n-1 {
			return 0, false
		}
		switch s[i] {
		case 'd', 'D', 'f', 'F':
		default:
			return 0, false
		}
	}
	zero := true
	for j := 0; j < mantEnd; j++ {
		if s[j] != '0' && s[j] != '.' {
			zero = false
			break
		}
	}
	if zero {
		if neg {
			return math.Copysign(0, -1), true
		}
		return 0, true
	}
	buf := make([]byte, 0, 8+expEnd)
	if neg {
		buf = append(buf, '-')
	}
	buf = append(buf, '0', 'x')
	buf = append(buf, s[:mantEnd]...)
	buf = append(buf, 'p')
	buf = append(buf, s[expStart:expEnd]...)
	f, err := strconv.ParseFloat(string(buf), 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return f, true
}
