package jfmt

import "math/bits"

// natWords bounds the size of the big integers used by dtoa. The largest
// operands (for subnormals and values near Double.MAX_VALUE) need about
// 1200 bits; 40 words leave ample room.
const natWords = 40

// nat is a small fixed-capacity unsigned big integer (little-endian 64-bit
// words) that lives on the stack; dtoa needs no heap allocation.
type nat struct {
	w [natWords]uint64
	n int // number of used words; w[n-1] != 0 unless n == 0
}

func (z *nat) norm() {
	for z.n > 0 && z.w[z.n-1] == 0 {
		z.n--
	}
}

// mulSmall sets z = z * m.
func (z *nat) mulSmall(m uint64) {
	var carry uint64
	for i := 0; i < z.n; i++ {
		hi, lo := bits.Mul64(z.w[i], m)
		lo, c := bits.Add64(lo, carry, 0)
		z.w[i] = lo
		carry = hi + c
	}
	if carry != 0 {
		z.w[z.n] = carry
		z.n++
	}
}

// shl sets z = z << s.
func (z *nat) shl(s int) {
	if z.n == 0 || s == 0 {
		return
	}
	ws, bs := s/64, uint(s%64)
	if bs == 0 {
		copy(z.w[ws:ws+z.n], z.w[:z.n])
	} else {
		z.w[z.n+ws] = 0
		for i := z.n - 1; i >= 0; i-- {
			v := z.w[i]
			z.w[i+ws+1] |= v >> (64 - bs)
			z.w[i+ws] = v << bs
		}
		z.n++
	}
	for i := 0; i < ws; i++ {
		z.w[i] = 0
	}
	z.n += ws
	z.norm()
}

// setPow52 sets z = m * 5^p5 * 2^p2 (m > 0).
func (z *nat) setPow52(m uint64, p5, p2 int) {
	z.w[0] = m
	z.n = 1
	for p5 >= 27 {
		z.mulSmall(7450580596923828125) // 5^27
		p5 -= 27
	}
	if p5 > 0 {
		z.mulSmall(uint64(long5pow[p5]))
	}
	z.shl(p2)
}

// cmp returns -1, 0 or +1 as z <, ==, > y.
func (z *nat) cmp(y *nat) int {
	if z.n != y.n {
		if z.n < y.n {
			return -1
		}
		return 1
	}
	for i := z.n - 1; i >= 0; i-- {
		if z.w[i] != y.w[i] {
			if z.w[i] < y.w[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// cmpSum compares z with a+b, using tmp as scratch space.
func (z *nat) cmpSum(a, b, tmp *nat) int {
	if a.n < b.n {
		a, b = b, a
	}
	var c uint64
	for i := 0; i < a.n; i++ {
		var y uint64
		if i < b.n {
			y = b.w[i]
		}
		tmp.w[i], c = bits.Add64(a.w[i], y, c)
	}
	tmp.n = a.n
	if c != 0 {
		tmp.w[tmp.n] = c
		tmp.n++
	}
	return z.cmp(tmp)
}

// sub sets z = z - y (requires z >= y).
func (z *nat) sub(y *nat) {
	var b uint64
	for i := 0; i < z.n; i++ {
		var v uint64
		if i < y.n {
			v = y.w[i]
		}
		z.w[i], b = bits.Sub64(z.w[i], v, b)
	}
	z.norm()
}

// top returns z >> shift truncated to 64 bits.
func (z *nat) top(shift int) uint64 {
	ws, bs := shift/64, uint(shift%64)
	var v uint64
	if ws < z.n {
		v = z.w[ws] >> bs
	}
	if bs != 0 && ws+1 < z.n {
		v |= z.w[ws+1] << (64 - bs)
	}
	return v
}

func (z *nat) bitLen() int {
	if z.n == 0 {
		return 0
	}
	return (z.n-1)*64 + bits.Len64(z.w[z.n-1])
}

// quoRemIteration returns q = z / s and sets z = 10 * (z mod s). The
// caller guarantees q < 10 (z < 10*s). tmp is scratch space.
func (z *nat) quoRemIteration(s, tmp *nat) int {
	sl := s.bitLen()
	shift := max(0, sl-60)
	tz, ts := z.top(shift), s.top(shift)
	q := tz / ts
	if q > 0 {
		for {
			copy(tmp.w[:s.n], s.w[:s.n])
			tmp.n = s.n
			tmp.mulSmall(q)
			if tmp.cmp(z) <= 0 {
				break
			}
			q--
		}
		z.sub(tmp)
	}
	for z.cmp(s) >= 0 {
		z.sub(s)
		q++
	}
	z.mulSmall(10)
	return int(q)
}
