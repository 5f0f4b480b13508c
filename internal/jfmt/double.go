package jfmt

import (
	"math"
	"math/bits"
)

// This file emulates the binary-to-decimal conversion of Java 17
// (jdk.internal.math.FloatingDecimal.BinaryToASCIIBuffer.dtoa). The
// algorithm is a Steele & White / dragon4 style free-format digit
// generator with a number of historical quirks that make its output differ
// from the shortest representation in some cases; they are reproduced here
// exactly, because Kotlin on Java 17 prints whatever it produces:
//
//   - integers below 2^63 are printed exactly (up to 19 digits), only
//     dropping digits that are "insignificant" for the precision;
//   - the stopping test uses a symmetric interval of half an ulp (a quarter
//     ulp for powers of two) with strict bounds in the int/long paths and a
//     non-strict upper bound in the big-integer path;
//   - a value printed in E-form always gets at least two digits, developed
//     by the generator rather than appended as zeros.
//
// The three arithmetic paths of the original (int, long and big integer)
// are kept separate because they do not behave identically at the edges
// (overflow hacks, strict vs non-strict comparisons).

const (
	expShift     = 52
	fractHOB     = uint64(1) << expShift
	expOne       = uint64(1023) << expShift
	signifMask   = fractHOB - 1
	maxSmallBinE = 62
	minSmallBinE = -(63 / 3)
)

// long5pow[i] = 5^i, for 5^i < 2^63 (27 entries, as in the JDK).
var long5pow = [27]int64{
	1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
	48828125, 244140625, 1220703125, 6103515625, 30517578125, 152587890625,
	762939453125, 3814697265625, 19073486328125, 95367431640625,
	476837158203125, 2384185791015625, 11920928955078125, 59604644775390625,
	298023223876953125, 1490116119384765625,
}

// n5bits[i] is approximately ceil(log2(5^i)).
var n5bits = [27]int{
	0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42,
	45, 47, 49, 52, 54, 56, 59, 61,
}

// insignificantDigitsNumber[p] is the number of decimal digits of 2^p
// minus one, as used for integers wider than the significand.
var insignificantDigitsNumber = [64]int{
	0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3,
	4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
	8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11,
	12, 12, 12, 12, 13, 13, 13, 14, 14, 14,
	15, 15, 15, 15, 16, 16, 16, 17, 17, 17,
	18, 18, 18, 19,
}

// jdigits is the decimal form of a finite non-zero value: the value is
// 0.d[0]d[1]...d[n-1] * 10^exp.
type jdigits struct {
	d   [32]byte
	n   int
	exp int
}

func n5bitsOf(i int) int {
	if i < len(n5bits) {
		return n5bits[i]
	}
	return i * 3
}

// developLong produces the digits of the positive integer lvalue after
// discarding insig low-order decimal digits (rounding half up), with
// trailing zeros removed.
func (j *jdigits) developLong(lvalue int64, insig int) {
	decExp := 0
	if insig != 0 {
		pow10 := long5pow[insig] << uint(insig)
		residue := lvalue % pow10
		lvalue /= pow10
		decExp += insig
		if residue >= pow10>>1 {
			lvalue++
		}
	}
	for lvalue%10 == 0 {
		lvalue /= 10
		decExp++
	}
	var tmp [20]byte
	i := len(tmp)
	for lvalue != 0 {
		i--
		tmp[i] = byte('0' + lvalue%10)
		lvalue /= 10
	}
	j.n = copy(j.d[:], tmp[i:])
	j.exp = decExp + j.n
}

// estimateDecExp returns Java's estimate of floor(log10(value)).
func estimateDecExp(fractBits uint64, binExp int) int {
	d2 := math.Float64frombits(expOne | (fractBits & signifMask))
	// Explicit conversions prevent fused multiply-add, which would change
	// the rounding compared to the JVM.
	t := float64((d2 - 1.5) * 0.289529654)
	t = float64(t + 0.176091259)
	u := float64(float64(binExp) * 0.301029995663981)
	return int(math.Floor(float64(t + u)))
}

func (j *jdigits) roundup() {
	i := j.n - 1
	q := j.d[i]
	if q == '9' {
		for q == '9' && i > 0 {
			j.d[i] = '0'
			i--
			q = j.d[i]
		}
		if q == '9' {
			j.exp++
			j.d[0] = '1'
			return
		}
	}
	j.d[i] = q + 1
}

// dtoa develops the digits of the value fractBits * 2^(binExp-52), where
// fractBits has bit 52 set. compat selects Double.toString's behaviour
// (isCompatibleFormat); the Formatter uses compat=false.
func (j *jdigits) dtoa(binExp int, fractBits uint64, nSignificantBits int, compat bool) {
	tailZeros := bits.TrailingZeros64(fractBits)
	nFractBits := expShift + 1 - tailZeros
	nTinyBits := max(0, nFractBits-binExp-1)
	if binExp <= maxSmallBinE && binExp >= minSmallBinE {
		if nTinyBits < len(long5pow) && nFractBits+n5bits[nTinyBits] < 64 && nTinyBits == 0 {
			insignificant := 0
			if binExp > nSignificantBits {
				p2 := binExp - nSignificantBits - 1
				if p2 > 1 && p2 < len(insignificantDigitsNumber) {
					insignificant = insignificantDigitsNumber[p2]
				}
			}
			if binExp >= expShift {
				fractBits <<= uint(binExp - expShift)
			} else {
				fractBits >>= uint(expShift - binExp)
			}
			j.developLong(int64(fractBits), insignificant)
			return
		}
	}

	decExp := estimateDecExp(fractBits, binExp)
	B5 := max(0, -decExp)
	B2 := B5 + nTinyBits + binExp
	S5 := max(0, decExp)
	S2 := S5 + nTinyBits
	M5 := B5
	M2 := B2 - nSignificantBits

	fractBits >>= uint(tailZeros)
	B2 -= nFractBits - 1
	common2 := min(B2, S2)
	B2 -= common2
	S2 -= common2
	M2 -= common2
	if nFractBits == 1 {
		M2--
	}
	if M2 < 0 {
		B2 -= M2
		S2 -= M2
		M2 = 0
	}

	Bbits := nFractBits + B2 + n5bitsOf(B5)
	tenSbits := S2 + 1 + n5bitsOf(S5+1)

	nd := 0
	var low, high bool
	var lowDigitDifference int64
	formE := func() bool { return !compat || decExp < -3 || decExp >= 8 }

	switch {
	case Bbits < 32 && tenSbits < 32:
		// All values fit in (Java) ints; int32 arithmetic wraps like Java.
		b := (int32(fractBits) * int32(long5pow[B5])) << uint(B2)
		s := int32(long5pow[S5]) << uint(S2)
		m := int32(long5pow[M5]) << uint(M2)
		tens := s * 10
		q := b / s
		b = 10 * (b % s)
		m *= 10
		low = b < m
		high = b+m > tens
		if q == 0 && !high {
			decExp--
		} else {
			j.d[nd] = byte('0' + q)
			nd++
		}
		if formE() {
			high, low = false, false
		}
		for !low && !high {
			q = b / s
			b = 10 * (b % s)
			m *= 10
			if m > 0 {
				low = b < m
				high = b+m > tens
			} else {
				low, high = true, true
			}
			j.d[nd] = byte('0' + q)
			nd++
		}
		lowDigitDifference = int64((b << 1) - tens)
	case Bbits < 64 && tenSbits < 64:
		b := (int64(fractBits) * long5pow[B5]) << uint(B2)
		s := long5pow[S5] << uint(S2)
		m := long5pow[M5] << uint(M2)
		tens := s * 10
		q := b / s
		b = 10 * (b % s)
		m *= 10
		low = b < m
		high = b+m > tens
		if q == 0 && !high {
			decExp--
		} else {
			j.d[nd] = byte('0' + q)
			nd++
		}
		if formE() {
			high, low = false, false
		}
		for !low && !high {
			q = b / s
			b = 10 * (b % s)
			m *= 10
			if m > 0 {
				low = b < m
				high = b+m > tens
			} else {
				low, high = true, true
			}
			j.d[nd] = byte('0' + q)
			nd++
		}
		lowDigitDifference = (b << 1) - tens
	default:
		var S, B, M, tenS, tmp nat
		S.setPow52(1, S5, S2)
		B.setPow52(fractBits, B5, B2)
		M.setPow52(1, M5+1, M2+1)
		tenS.setPow52(1, S5+1, S2+1)
		q := B.quoRemIteration(&S, &tmp)
		low = B.cmp(&M) < 0
		high = tenS.cmpSum(&B, &M, &tmp) <= 0
		if q == 0 && !high {
			decExp--
		} else {
			j.d[nd] = byte('0' + q)
			nd++
		}
		if formE() {
			high, low = false, false
		}
		for !low && !high {
			q = B.quoRemIteration(&S, &tmp)
			M.mulSmall(10)
			low = B.cmp(&M) < 0
			high = tenS.cmpSum(&B, &M, &tmp) <= 0
			j.d[nd] = byte('0' + q)
			nd++
		}
		if high && low {
			B.shl(1)
			lowDigitDifference = int64(B.cmp(&tenS))
		}
	}
	j.exp = decExp + 1
	j.n = nd
	if high {
		if low {
			if lowDigitDifference == 0 {
				if j.d[nd-1]&1 != 0 {
					j.roundup()
				}
			} else if lowDigitDifference > 0 {
				j.roundup()
			}
		} else {
			j.roundup()
		}
	}
}

// setDouble develops the digits of the finite, non-zero absolute value of
// the double with the given bits.
func (j *jdigits) setDouble(dBits uint64, compat bool) {
	fractBits := dBits & signifMask
	binExp := int(dBits>>expShift) & 0x7ff
	var nSignificantBits int
	if binExp == 0 {
		lz := bits.LeadingZeros64(fractBits)
		shift := lz - (63 - expShift)
		fractBits <<= uint(shift)
		binExp = 1 - shift
		nSignificantBits = 64 - lz
	} else {
		fractBits |= fractHOB
		nSignificantBits = expShift + 1
	}
	j.dtoa(binExp-1023, fractBits, nSignificantBits, compat)
}

// setFloat develops the digits of the finite, non-zero absolute value of
// the float with the given bits.
func (j *jdigits) setFloat(fBits uint32) {
	fractBits := fBits & (1<<23 - 1)
	binExp := int(fBits>>23) & 0xff
	var nSignificantBits int
	if binExp == 0 {
		lz := bits.LeadingZeros32(fractBits)
		shift := lz - (31 - 23)
		fractBits <<= uint(shift)
		binExp = 1 - shift
		nSignificantBits = 32 - lz
	} else {
		fractBits |= 1 << 23
		nSignificantBits = 24
	}
	j.dtoa(binExp-127, uint64(fractBits)<<(expShift-23), nSignificantBits, true)
}

// appendJava appends the Double.toString layout of the digits.
func (j *jdigits) appendJava(dst []byte, neg bool) []byte {
	if neg {
		dst = append(dst, '-')
	}
	d := j.d[:j.n]
	e := j.exp
	switch {
	case e > 0 && e < 8:
		if len(d) <= e {
			dst = append(dst, d...)
			for i := len(d); i < e; i++ {
				dst = append(dst, '0')
			}
			return append(dst, '.', '0')
		}
		dst = append(dst, d[:e]...)
		dst = append(dst, '.')
		return append(dst, d[e:]...)
	case e <= 0 && e > -3:
		dst = append(dst, '0', '.')
		for i := e; i < 0; i++ {
			dst = append(dst, '0')
		}
		return append(dst, d...)
	default:
		dst = append(dst, d[0], '.')
		if len(d) > 1 {
			dst = append(dst, d[1:]...)
		} else {
			dst = append(dst, '0')
		}
		dst = append(dst, 'E')
		var x int
		if e <= 0 {
			dst = append(dst, '-')
			x = -e + 1
		} else {
			x = e - 1
		}
		if x >= 100 {
			dst = append(dst, byte('0'+x/100))
			x %= 100
			dst = append(dst, byte('0'+x/10))
		} else if x >= 10 {
			dst = append(dst, byte('0'+x/10))
		}
		return append(dst, byte('0'+x%10))
	}
}

// AppendDouble appends [FormatDouble](f) to dst and returns the extended
// buffer.
func AppendDouble(dst []byte, f float64) []byte {
	b := math.Float64bits(f)
	neg := b>>63 != 0
	b &^= 1 << 63
	switch {
	case b == 0:
		if neg {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	case b >= 0x7ff0000000000000:
		if b > 0x7ff0000000000000 {
			return append(dst, "NaN"...)
		}
		if neg {
			return append(dst, "-Infinity"...)
		}
		return append(dst, "Infinity"...)
	}
	var j jdigits
	j.setDouble(b, true)
	return j.appendJava(dst, neg)
}

// FormatDouble returns Kotlin's Double.toString() on Java 17, e.g. "1.0",
// "0.30000000000000004", "1.0E10", "1.0E-5", "100.0", "1.2345678E7",
// "-0.0", "NaN", "Infinity", "-Infinity", "4.9E-324",
// "1.7976931348623157E308".
//
// Values with 1e-3 <= |f| < 1e7 are printed as plain decimals with at
// least one digit after the point; other values use computerized
// scientific notation d.dddE±n. The digits are those of Java 17's
// FloatingDecimal, which are usually, but not always, the shortest that
// uniquely distinguish the value.
func FormatDouble(f float64) string {
	var buf [32]byte
	return string(AppendDouble(buf[:0], f))
}

// AppendFloat appends [FormatFloat](f) to dst and returns the extended
// buffer.
func AppendFloat(dst []byte, f float32) []byte {
	b := math.Float32bits(f)
	neg := b>>31 != 0
	b &^= 1 << 31
	switch {
	case b == 0:
		if neg {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	case b >= 0x7f800000:
		if b > 0x7f800000 {
			return append(dst, "NaN"...)
		}
		if neg {
			return append(dst, "-Infinity"...)
		}
		return append(dst, "Infinity"...)
	}
	var j jdigits
	j.setFloat(b)
	return j.appendJava(dst, neg)
}

// FormatFloat returns Kotlin's Float.toString() on Java 17, e.g. "0.1",
// "3.3000002", "1.0E10". The layout rules are those of [FormatDouble]; the
// digits are developed for float32 precision.
func FormatFloat(f float32) string {
	var buf [32]byte
	return string(AppendFloat(buf[:0], f))
}
