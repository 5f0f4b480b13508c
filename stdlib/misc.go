package stdlib

import (
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// This file holds preconditions (require, check, error, TODO, assert),
// readLine, System and Thread shims, kotlin.random.Random (Kotlin's exact
// XorWow generator), java.util.concurrent.atomic, reflection names
// (::class.simpleName, javaClass.name), Throwable helpers and the Any
// fallbacks toString/hashCode/equals.

func init() {
	initRandom()
	initAtomics()
	initReflection()
	initThrowable()
	initEnum()
}

// initEnum gives enum entries Comparable's compareTo (by ordinal).
func initEnum() {
	ordinal := func(v interp.Value) int32 {
		if o, ok := v.AsObject().(*interp.Instance); ok && len(o.Fields) > 1 {
			return o.Fields[1].AsInt()
		}
		return 0
	}
	interp.EnumClass.AddMethod("compareTo", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if args[0].IsNull() {
			return interp.Null, co.Errorf("java.lang.NullPointerException", "")
		}
		return interp.Int(ordinal(this) - ordinal(args[0])), nil
	})
}

// ---- time ----

var processStart = time.Now()

// fallbackMillis and fallbackNanos serve System.currentTimeMillis and
// System.nanoTime for a coroutine without the coroutine runtime; scripts
// of an interpreter with the runtime read its clock (real or virtual).
func fallbackMillis() int64 { return time.Now().UnixMilli() }

func fallbackNanos() int64 { return int64(time.Since(processStart)) + 1_000_000_000 }

func nowMillis(co *interp.Coroutine) int64 {
	if t := threadsOf(co); t != nil {
		return t.Clock().UnixMilli()
	}
	return fallbackMillis()
}

func nowNanos(co *interp.Coroutine) int64 {
	if t := threadsOf(co); t != nil {
		return int64(t.Clock().Now()) + 1_000_000_000
	}
	return fallbackNanos()
}

// ---- Random ----

// RandomClass is kotlin.random.Random; Random(seed) creates Kotlin's
// XorWowRandom, whose sequence matches the JVM's exactly.
var RandomClass = interp.NewClass("Random", "kotlin.random.Random", interp.AnyClass)

// Random is a Kotlin XorWow random generator. It is safe for concurrent
// use (the default generator is shared by all threads and interpreters).
type Random struct {
	mu                    sync.Mutex
	x, y, z, w, v, addend int32
	seeded                bool
}

// Class implements interp.Object.
func (*Random) Class() *interp.Class { return RandomClass }

// NewRandom returns XorWowRandom(seed1, seed2), as Kotlin's Random(seed)
// does with (seed, seed shr 31) for an Int seed and (low, high) halves
// for a Long seed.
func NewRandom(seed1, seed2 int32) *Random {
	r := &Random{x: seed1, y: seed2, z: 0, w: 0, v: ^seed1, addend: (seed1 << 10) ^ int32(uint32(seed2)>>4), seeded: true}
	for i := 0; i < 64; i++ {
		r.nextInt()
	}
	return r
}

func (r *Random) nextInt() int32 {
	t := r.x
	t ^= int32(uint32(t) >> 2)
	r.x = r.y
	r.y = r.z
	r.z = r.w
	v0 := r.v
	r.w = v0
	t = (t ^ (t << 1)) ^ v0 ^ (v0 << 4)
	r.v = t
	r.addend += 362437
	return t + r.addend
}

// NextInt returns the next 32 random bits.
func (r *Random) NextInt() int32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nextInt()
}

func (r *Random) nextBits(n int) int32 {
	x := r.nextInt()
	if n == 0 {
		return 0
	}
	return int32(uint32(x) >> (32 - n))
}

func fastLog2(v int32) int { return 31 - leadingZeros32(uint32(v)) }

func leadingZeros32(x uint32) int {
	n := 0
	for i := 31; i >= 0 && x&(1<<uint(i)) == 0; i-- {
		n++
	}
	return n
}

// NextIntRange returns a random Int in [from, until) (Kotlin's
// Random.nextInt(from, until)); until must be greater than from.
func (r *Random) NextIntRange(from, until int32) int32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := until - from
	if n > 0 || n == -2147483648 {
		var rnd int32
		if n&-n == n {
			rnd = r.nextBits(fastLog2(n))
		} else {
			for {
				bits := int32(uint32(r.nextInt()) >> 1)
				v := bits % n
				if bits-v+(n-1) >= 0 {
					rnd = v
					break
				}
			}
		}
		return from + rnd
	}
	for {
		x := r.nextInt()
		if x >= from && x < until {
			return x
		}
	}
}

func (r *Random) nextLong() int64 {
	hi := int64(r.nextInt()) << 32
	return hi + int64(r.nextInt())
}

// NextLongRange returns a random Long in [from, until).
func (r *Random) NextLongRange(from, until int64) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := until - from
	if n > 0 {
		var rnd int64
		if n&-n == n {
			nLow, nHigh := int32(n), int32(uint64(n)>>32)
			switch {
			case nLow != 0:
				rnd = int64(r.nextBits(fastLog2(nLow))) & 0xFFFFFFFF
			case nHigh == 1:
				rnd = int64(r.nextInt()) & 0xFFFFFFFF
			default:
				hi := int64(r.nextBits(fastLog2(nHigh))) << 32
				rnd = hi + int64(r.nextInt())
			}
		} else {
			for {
				bits := int64(uint64(r.nextLong()) >> 1)
				v := bits % n
				if bits-v+(n-1) >= 0 {
					rnd = v
					break
				}
			}
		}
		return from + rnd
	}
	for {
		x := r.nextLong()
		if x >= from && x < until {
			return x
		}
	}
}

// NextDouble returns a random Double in [0, 1).
func (r *Random) NextDouble() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	hi := int64(r.nextBits(26))
	lo := int64(r.nextBits(27))
	return float64(hi<<27+lo) / float64(int64(1)<<53)
}

var defaultRandom = func() *Random {
	t := time.Now().UnixNano()
	return NewRandom(int32(t), int32(t>>32))
}()

func randomOf(this interp.Value) *Random {
	if r, ok := this.AsObject().(*Random); ok {
		return r
	}
	return defaultRandom
}

func emptyRandomRange(co *interp.Coroutine, from, until interp.Value) error {
	a, _ := co.ToString(from)
	b, _ := co.ToString(until)
	return co.Errorf("java.lang.IllegalArgumentException", "Random range is empty: [%s, %s).", a, b)
}

func initRandom() {
	c := RandomClass
	c.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if len(args) == 0 {
			return interp.Obj(defaultRandom), nil
		}
		s := args[0]
		if s.Kind() == interp.KLong {
			return interp.Obj(NewRandom(int32(s.AsLong()), int32(s.AsLong()>>32))), nil
		}
		x := int32(s.ToInt64())
		return interp.Obj(NewRandom(x, x>>31)), nil
	}, "seed")
	methods := map[string]interp.NativeFunc{
		"nextInt": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			switch len(args) {
			case 0:
				return interp.Int(r.NextInt()), nil
			case 1:
				if rg, ok := rangeArg(args[0]); ok {
					if rg.IsEmpty() {
						s, _ := co.ToString(args[0])
						return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Cannot get random in empty range: %s", s)
					}
					return interp.Int(r.intInRange(int32(rg.First), int32(rg.Last))), nil
				}
				until := args[0].AsInt()
				if until <= 0 {
					return interp.Null, emptyRandomRange(co, interp.Int(0), args[0])
				}
				return interp.Int(r.NextIntRange(0, until)), nil
			}
			from, until := args[0].AsInt(), args[1].AsInt()
			if until <= from {
				return interp.Null, emptyRandomRange(co, args[0], args[1])
			}
			return interp.Int(r.NextIntRange(from, until)), nil
		},
		"nextLong": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			switch len(args) {
			case 0:
				r.mu.Lock()
				defer r.mu.Unlock()
				return interp.Long(r.nextLong()), nil
			case 1:
				if rg, ok := rangeArg(args[0]); ok {
					if rg.IsEmpty() {
						s, _ := co.ToString(args[0])
						return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Cannot get random in empty range: %s", s)
					}
					return interp.Long(r.longInRange(rg.First, rg.Last)), nil
				}
				until := args[0].ToInt64()
				if until <= 0 {
					return interp.Null, emptyRandomRange(co, interp.Long(0), args[0])
				}
				return interp.Long(r.NextLongRange(0, until)), nil
			}
			from, until := args[0].ToInt64(), args[1].ToInt64()
			if until <= from {
				return interp.Null, emptyRandomRange(co, args[0], args[1])
			}
			return interp.Long(r.NextLongRange(from, until)), nil
		},
		"nextDouble": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			if len(args) == 0 {
				return interp.Double(r.NextDouble()), nil
			}
			from, until := 0.0, args[0].ToFloat64()
			if len(args) > 1 {
				from, until = args[0].ToFloat64(), args[1].ToFloat64()
			}
			if !(until > from) {
				return interp.Null, emptyRandomRange(co, interp.Double(from), interp.Double(until))
			}
			size := until - from
			var x float64
			if isInf(size) && !isInf(from) && !isInf(until) {
				r1 := r.NextDouble() * (until/2 - from/2)
				x = from + r1 + r1
			} else {
				x = from + r.NextDouble()*size
			}
			if x >= until {
				x = nextDown(until)
			}
			return interp.Double(x), nil
		},
		"nextFloat": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			r.mu.Lock()
			defer r.mu.Unlock()
			return interp.Float(float32(r.nextBits(24)) / float32(1<<24)), nil
		},
		"nextBoolean": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			r.mu.Lock()
			defer r.mu.Unlock()
			return interp.Bool(r.nextBits(1) != 0), nil
		},
		"nextBits": func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			r := randomOf(this)
			r.mu.Lock()
			defer r.mu.Unlock()
			return interp.Int(r.nextBits(int(args[0].AsInt()))), nil
		},
	}
	c.StaticMethods = map[string]interp.Value{}
	for name, fn := range methods {
		c.AddMethod(name, fn)
		c.StaticMethods[name] = interp.Obj(&interp.Native{Name: name, Fn: fn})
	}
	c.StaticProps = map[string]interp.Value{"Default": interp.Obj(defaultRandom)}
}

// intInRange is Random.nextInt(range) for a non-empty range.
func (r *Random) intInRange(first, last int32) int32 {
	switch {
	case last < 2147483647:
		return r.NextIntRange(first, last+1)
	case first > -2147483648:
		return r.NextIntRange(first-1, last) + 1
	}
	return r.NextInt()
}

func (r *Random) longInRange(first, last int64) int64 {
	switch {
	case last < 9223372036854775807:
		return r.NextLongRange(first, last+1)
	case first > -9223372036854775808:
		return r.NextLongRange(first-1, last) + 1
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nextLong()
}

// ---- atomics ----

// Atomic classes of java.util.concurrent.atomic.
var (
	AtomicIntegerClass   = interp.NewClass("AtomicInteger", "java.util.concurrent.atomic.AtomicInteger", interp.AnyClass)
	AtomicLongClass      = interp.NewClass("AtomicLong", "java.util.concurrent.atomic.AtomicLong", interp.AnyClass)
	AtomicBooleanClass   = interp.NewClass("AtomicBoolean", "java.util.concurrent.atomic.AtomicBoolean", interp.AnyClass)
	AtomicReferenceClass = interp.NewClass("AtomicReference", "java.util.concurrent.atomic.AtomicReference", interp.AnyClass)
)

// AtomicInt is an AtomicInteger. Like the other atomics, its operations
// are atomic, whatever the threads scripts use it from.
type AtomicInt struct{ v atomic.Int32 }

// AtomicLong is an AtomicLong.
type AtomicLong struct{ v atomic.Int64 }

// AtomicBool is an AtomicBoolean.
type AtomicBool struct{ v atomic.Bool }

// AtomicRef is an AtomicReference; a mutex guards its value.
type AtomicRef struct {
	mu sync.Mutex
	v  interp.Value
}

// Class implements interp.Object.
func (*AtomicInt) Class() *interp.Class { return AtomicIntegerClass }

// Class implements interp.Object.
func (*AtomicLong) Class() *interp.Class { return AtomicLongClass }

// Class implements interp.Object.
func (*AtomicBool) Class() *interp.Class { return AtomicBooleanClass }

// Class implements interp.Object.
func (*AtomicRef) Class() *interp.Class { return AtomicReferenceClass }

// KString implements interp.Stringer.
func (a *AtomicInt) KString(co *interp.Coroutine) (string, error) {
	return co.ToString(interp.Int(a.v.Load()))
}

// KString implements interp.Stringer.
func (a *AtomicLong) KString(co *interp.Coroutine) (string, error) {
	return co.ToString(interp.Long(a.v.Load()))
}

// KString implements interp.Stringer.
func (a *AtomicBool) KString(co *interp.Coroutine) (string, error) {
	return co.ToString(interp.Bool(a.v.Load()))
}

// KString implements interp.Stringer.
func (a *AtomicRef) KString(co *interp.Coroutine) (string, error) {
	a.mu.Lock()
	v := a.v
	a.mu.Unlock()
	return co.ToString(v)
}

// sameRef is the reference comparison of AtomicReference.compareAndSet:
// identity for objects, value equality for primitives and strings.
func sameRef(a, b interp.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case interp.KObject:
		return a.AsObject() == b.AsObject()
	case interp.KString:
		return a.AsString() == b.AsString()
	case interp.KDouble:
		return a.AsDouble() == b.AsDouble()
	case interp.KFloat:
		return a.AsFloat() == b.AsFloat()
	}
	return a.ToInt64() == b.ToInt64() && a.AsBool() == b.AsBool()
}

// numAtomic abstracts AtomicInteger and AtomicLong for shared natives.
type numAtomic interface {
	load() int64
	store(int64)
	cas(old, new int64) bool
	swap(int64) int64
	add(int64) int64
	wrap(int64) interp.Value
}

func (a *AtomicInt) load() int64                { return int64(a.v.Load()) }
func (a *AtomicInt) store(x int64)              { a.v.Store(int32(x)) }
func (a *AtomicInt) cas(o, n int64) bool        { return a.v.CompareAndSwap(int32(o), int32(n)) }
func (a *AtomicInt) swap(x int64) int64         { return int64(a.v.Swap(int32(x))) }
func (a *AtomicInt) add(d int64) int64          { return int64(a.v.Add(int32(d))) }
func (a *AtomicInt) wrap(x int64) interp.Value  { return interp.Int(int32(x)) }
func (a *AtomicLong) load() int64               { return a.v.Load() }
func (a *AtomicLong) store(x int64)             { a.v.Store(x) }
func (a *AtomicLong) cas(o, n int64) bool       { return a.v.CompareAndSwap(o, n) }
func (a *AtomicLong) swap(x int64) int64        { return a.v.Swap(x) }
func (a *AtomicLong) add(d int64) int64         { return a.v.Add(d) }
func (a *AtomicLong) wrap(x int64) interp.Value { return interp.Long(x) }

func initAtomics() {
	AtomicIntegerClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		a := &AtomicInt{}
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			a.v.Store(int32(args[0].ToInt64()))
		}
		return interp.Obj(a), nil
	}, "initialValue")
	AtomicLongClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		a := &AtomicLong{}
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			a.v.Store(args[0].ToInt64())
		}
		return interp.Obj(a), nil
	}, "initialValue")
	for _, c := range []*interp.Class{AtomicIntegerClass, AtomicLongClass} {
		c := c
		m := func(name string, fn func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error)) {
			c.AddMethod(name, func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
				return fn(co, this.AsObject().(numAtomic), args)
			})
		}
		get := func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.load()), nil
		}
		for _, n := range []string{"get", "getPlain", "getAcquire", "getOpaque", "intValue", "longValue"} {
			m(n, get)
		}
		m("toInt", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return interp.Int(int32(a.load())), nil
		})
		m("toLong", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return interp.Long(a.load()), nil
		})
		m("toDouble", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return interp.Double(float64(a.load())), nil
		})
		set := func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			a.store(args[0].ToInt64())
			return interp.Unit, nil
		}
		for _, n := range []string{"set", "lazySet", "setPlain", "setRelease", "setOpaque"} {
			m(n, set)
		}
		m("incrementAndGet", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.add(1)), nil
		})
		m("decrementAndGet", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.add(-1)), nil
		})
		m("getAndIncrement", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.add(1) - 1), nil
		})
		m("getAndDecrement", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.add(-1) + 1), nil
		})
		m("addAndGet", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.add(args[0].ToInt64())), nil
		})
		m("getAndAdd", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			d := args[0].ToInt64()
			return a.wrap(a.add(d) - d), nil
		})
		cas := func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return interp.Bool(a.cas(args[0].ToInt64(), args[1].ToInt64())), nil
		}
		m("compareAndSet", cas)
		m("weakCompareAndSet", cas)
		m("weakCompareAndSetPlain", cas)
		m("getAndSet", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return a.wrap(a.swap(args[0].ToInt64())), nil
		})
		update := func(after, accumulate bool) func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			return func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
				for {
					old := a.load()
					var r interp.Value
					var err error
					if accumulate {
						r, err = co.CallSync(args[1], a.wrap(old), args[0])
					} else {
						r, err = co.CallSync(args[0], a.wrap(old))
					}
					if err != nil {
						return interp.Null, err
					}
					n := r.ToInt64()
					if a.cas(old, n) {
						if after {
							return a.wrap(n), nil
						}
						return a.wrap(old), nil
					}
				}
			}
		}
		m("updateAndGet", update(true, false))
		m("getAndUpdate", update(false, false))
		m("accumulateAndGet", update(true, true))
		m("getAndAccumulate", update(false, true))
		m("toString", func(co *interp.Coroutine, a numAtomic, args []interp.Value) (interp.Value, error) {
			s, err := co.ToString(a.wrap(a.load()))
			return interp.String(s), err
		})
	}

	b := AtomicBooleanClass
	b.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		a := &AtomicBool{}
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			a.v.Store(args[0].AsBool())
		}
		return interp.Obj(a), nil
	}, "initialValue")
	bm := func(name string, fn func(a *AtomicBool, args []interp.Value) interp.Value) {
		b.AddMethod(name, func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return fn(this.AsObject().(*AtomicBool), args), nil
		})
	}
	bm("get", func(a *AtomicBool, args []interp.Value) interp.Value { return interp.Bool(a.v.Load()) })
	bm("set", func(a *AtomicBool, args []interp.Value) interp.Value { a.v.Store(args[0].AsBool()); return interp.Unit })
	bm("lazySet", func(a *AtomicBool, args []interp.Value) interp.Value { a.v.Store(args[0].AsBool()); return interp.Unit })
	bm("getAndSet", func(a *AtomicBool, args []interp.Value) interp.Value { return interp.Bool(a.v.Swap(args[0].AsBool())) })
	bm("compareAndSet", func(a *AtomicBool, args []interp.Value) interp.Value {
		return interp.Bool(a.v.CompareAndSwap(args[0].AsBool(), args[1].AsBool()))
	})
	bm("weakCompareAndSet", func(a *AtomicBool, args []interp.Value) interp.Value {
		return interp.Bool(a.v.CompareAndSwap(args[0].AsBool(), args[1].AsBool()))
	})
	bm("toString", func(a *AtomicBool, args []interp.Value) interp.Value {
		if a.v.Load() {
			return interp.String("true")
		}
		return interp.String("false")
	})

	r := AtomicReferenceClass
	r.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		a := &AtomicRef{}
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			a.v = args[0]
		}
		return interp.Obj(a), nil
	}, "initialValue")
	rm := func(name string, fn func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error)) {
		r.AddMethod(name, func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return fn(co, this.AsObject().(*AtomicRef), args)
		})
	}
	load := func(a *AtomicRef) interp.Value {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.v
	}
	cas := func(a *AtomicRef, old, n interp.Value) bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		if !sameRef(a.v, old) {
			return false
		}
		a.v = n
		return true
	}
	rm("get", func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		return load(a), nil
	})
	rm("set", func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		a.mu.Lock()
		a.v = args[0]
		a.mu.Unlock()
		return interp.Unit, nil
	})
	r.Methods["lazySet"] = r.Methods["set"]
	rm("getAndSet", func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		a.mu.Lock()
		defer a.mu.Unlock()
		old := a.v
		a.v = args[0]
		return old, nil
	})
	rm("compareAndSet", func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		return interp.Bool(cas(a, args[0], args[1])), nil
	})
	r.Methods["weakCompareAndSet"] = r.Methods["compareAndSet"]
	rupdate := func(after, accumulate bool) func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		return func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
			for {
				old := load(a)
				var n interp.Value
				var err error
				if accumulate {
					n, err = co.CallSync(args[1], old, args[0])
				} else {
					n, err = co.CallSync(args[0], old)
				}
				if err != nil {
					return interp.Null, err
				}
				if cas(a, old, n) {
					if after {
						return n, nil
					}
					return old, nil
				}
			}
		}
	}
	rm("updateAndGet", rupdate(true, false))
	rm("getAndUpdate", rupdate(false, false))
	rm("accumulateAndGet", rupdate(true, true))
	rm("getAndAccumulate", rupdate(false, true))
	rm("toString", func(co *interp.Coroutine, a *AtomicRef, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(load(a))
		return interp.String(s), err
	})
}

// ---- reflection names ----

// JavaClassClass is java.lang.Class, what `x.javaClass` and
// `X::class.java` evaluate to.
var JavaClassClass = interp.NewClass("Class", "java.lang.Class", interp.AnyClass)

// JavaClass is a java.lang.Class value: the Java view of the class Of.
// It is immutable.
type JavaClass struct{ Of *interp.Class }

// Class implements interp.Object.
func (*JavaClass) Class() *interp.Class { return JavaClassClass }

// KString implements interp.Stringer.
func (j *JavaClass) KString(co *interp.Coroutine) (string, error) {
	if j.Of.Interface {
		return "interface " + javaName(j.Of), nil
	}
	return "class " + javaName(j.Of), nil
}

// KEquals implements interp.Equaler.
func (j *JavaClass) KEquals(co *interp.Coroutine, other interp.Value) (bool, error) {
	o, ok := other.AsObject().(*JavaClass)
	return ok && o.Of == j.Of, nil
}

// KHashCode implements interp.Hasher.
func (j *JavaClass) KHashCode(co *interp.Coroutine) (int32, error) {
	return interp.IdentityHash(j.Of), nil
}

func javaName(c *interp.Class) string {
	if c.QName != "" {
		return c.QName
	}
	return c.Name
}

// kotlinName is KClass.qualifiedName: kotlin.Int for java.lang.Integer, ...
func kotlinName(c *interp.Class) string {
	switch c {
	case interp.IntClass, interp.LongClass, interp.DoubleClass, interp.FloatClass, interp.CharClass,
		interp.BooleanClass, interp.StringClass, interp.NumberClass, interp.CharSequenceClass, interp.ComparableClass:
		return "kotlin." + c.Name
	case interp.AnyClass:
		return "kotlin.Any"
	case interp.ThrowableClass:
		return "kotlin.Throwable"
	}
	return javaName(c)
}

// classOfReceiver returns the class a KClass/Class value describes.
func classOfReceiver(v interp.Value) *interp.Class {
	switch o := v.AsObject().(type) {
	case *interp.KClassValue:
		return o.Of
	case *interp.Class:
		return o
	case *JavaClass:
		return o.Of
	}
	return interp.ClassOf(v)
}

func simpleName(c *interp.Class) interp.Value {
	if c.Name == "" || strings.HasPrefix(c.Name, "<") {
		return interp.Null
	}
	return interp.String(c.Name)
}

func initReflection() {
	kc := interp.KClassClass
	kc.AddProp("simpleName", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return simpleName(classOfReceiver(this)), nil
	})
	kc.AddProp("qualifiedName", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(kotlinName(classOfReceiver(this))), nil
	})
	kc.AddProp("java", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(&JavaClass{Of: classOfReceiver(this)}), nil
	})
	kc.AddMethod("isInstance", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Bool(!args[0].IsNull() && interp.ClassOf(args[0]).IsSubclassOf(classOfReceiver(this))), nil
	})
	jc := JavaClassClass
	jc.AddProp("name", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(javaName(classOfReceiver(this))), nil
	})
	jc.AddProp("simpleName", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		c := classOfReceiver(this)
		n := javaName(c)
		if i := strings.LastIndexAny(n, ".$"); i >= 0 {
			n = n[i+1:]
		}
		return interp.String(n), nil
	})
	jc.AddProp("kotlin", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(&interp.KClassValue{Of: classOfReceiver(this)}), nil
	})
	jc.AddMethod("getName", jc.Props["name"].Getter.AsObject().(*interp.Native).Fn)
	jc.AddMethod("getSimpleName", jc.Props["simpleName"].Getter.AsObject().(*interp.Native).Fn)
}

// ---- Throwable ----

func excOf(v interp.Value) *interp.Exception {
	if e := interp.ExceptionOf(v); e != nil {
		return e
	}
	return &interp.Exception{Value: v}
}

// WriteErr writes s to the script's stderr after flushing its stdout, so
// that the two streams interleave as on a terminal (reports of uncaught
// exceptions). Safe where natives run.
func WriteErr(in *interp.Interp, s string) {
	in.Flush()
	unlock := in.LockOutput()
	defer unlock()
	io.WriteString(in.Stderr(), s)
}

// describeIn returns a function giving the toString() of exceptions,
// run in co.
func describeIn(co *interp.Coroutine) func(*interp.Exception) string {
	return func(e *interp.Exception) string {
		if s, err := co.ToString(e.Value); err == nil {
			return s
		}
		return e.Error()
	}
}

func initThrowable() {
	t := interp.ThrowableClass
	t.AddMethod("printStackTrace", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		WriteErr(co.Interp(), interp.PrintStackTraceWith(excOf(this), describeIn(co)))
		return interp.Unit, nil
	})
	t.AddProp("localizedMessage", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return co.GetProp(this, "message")
	})
	t.AddMethod("getLocalizedMessage", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return co.GetProp(this, "message")
	})
	t.AddProp("stackTrace", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		var out []interp.Value
		for _, e := range excOf(this).Trace() {
			out = append(out, interp.String(e.String()))
		}
		return interp.Obj(interp.NewArray(out)), nil
	})
	suppressed := func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(interp.NewArray(excOf(this).Suppressed())), nil
	}
	t.AddProp("suppressed", suppressed)
	t.AddMethod("getSuppressed", suppressed)
	t.AddMethod("addSuppressed", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		o := interp.ExceptionOf(args[0])
		if o == nil {
			return interp.Null, co.Errorf("java.lang.NullPointerException", "")
		}
		if o == excOf(this) {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Self-suppression not permitted")
		}
		excOf(this).AddSuppressed(o)
		return interp.Unit, nil
	})
	t.AddMethod("stackTraceToString", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(interp.PrintStackTraceWith(excOf(this), describeIn(co))), nil
	})
}

// ---- System, Thread and global functions ----

// ThreadClass is java.lang.Thread (only the current thread's view).
var ThreadClass = interp.NewClass("Thread", "java.lang.Thread", interp.AnyClass)

// ThreadInfo is the value of Thread.currentThread(): a snapshot of the
// Name of the thread that asked (with the debug-mode coroutine suffix).
type ThreadInfo struct{ Name string }

// Class implements interp.Object.
func (*ThreadInfo) Class() *interp.Class { return ThreadClass }

// KString implements interp.Stringer (Java 17's Thread.toString).
func (t *ThreadInfo) KString(co *interp.Coroutine) (string, error) {
	return "Thread[" + t.Name + ",5,main]", nil
}

// PrintStreamClass is java.io.PrintStream (System.out and System.err).
var PrintStreamClass = interp.NewClass("PrintStream", "java.io.PrintStream", interp.AnyClass)

// PrintStream is System.out, or System.err when Err is set. Its output
// goes to the interpreter's streams (interp.Interp.Stdout, Stderr).
type PrintStream struct{ Err bool }

// Class implements interp.Object.
func (*PrintStream) Class() *interp.Class { return PrintStreamClass }

func (p *PrintStream) write(co *interp.Coroutine, s string) {
	if p.Err {
		WriteErr(co.Interp(), s)
		return
	}
	co.Interp().WriteOut(s)
}

var psOnce sync.Once

func initPrintStream() {
	ps := PrintStreamClass
	arg := func(co *interp.Coroutine, args []interp.Value) (string, error) {
		if len(args) == 0 {
			return "", nil
		}
		if l, ok := args[0].AsObject().(*interp.List); ok && l.Class() == interp.CharArrayClass {
			return appendText(co, args[0])
		}
		return co.ToString(args[0])
	}
	ps.AddMethod("println", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := arg(co, args)
		if err == nil {
			this.AsObject().(*PrintStream).write(co, s+"\n")
		}
		return interp.Unit, err
	})
	ps.AddMethod("print", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := arg(co, args)
		if err == nil {
			this.AsObject().(*PrintStream).write(co, s)
		}
		return interp.Unit, err
	})
	printf := func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := printfText(co, args)
		if err == nil {
			this.AsObject().(*PrintStream).write(co, s)
		}
		return this, err
	}
	ps.AddMethod("printf", printf)
	ps.AddMethod("format", printf)
	ps.AddMethod("flush", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		co.Interp().Flush()
		return interp.Unit, nil
	})
	ThreadClass.AddProp("name", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*ThreadInfo).Name), nil
	})
	ThreadClass.AddMethod("getName", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*ThreadInfo).Name), nil
	})
	ThreadClass.AddProp("isDaemon", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(this.AsObject().(*ThreadInfo).Name != "main"), nil
	})
	ThreadClass.AddProp("id", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Long(int64(interp.IdentityHash(this.AsObject().(*ThreadInfo).Name) & 0xff)), nil
	})
	ThreadClass.StaticMethods = map[string]interp.Value{
		"currentThread": staticFn("currentThread", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Obj(&ThreadInfo{Name: threadName(co)}), nil
		}),
		"sleep": staticFn("sleep", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			ms := args[0].ToInt64()
			if ms < 0 {
				return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "timeout value is negative")
			}
			d := time.Duration(math.MaxInt64) // about 292 years: as good as for ever
			if ms < int64(d/time.Millisecond) {
				d = time.Duration(ms) * time.Millisecond
			}
			if t := threadsOf(co); t != nil {
				if err := t.Sleep(d); err != nil {
					return interp.Null, err
				}
			} else {
				time.Sleep(d)
			}
			return interp.Unit, nil
		}),
		"yield": staticFn("yield", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Unit, nil
		}),
	}
}

// threadName is Thread.currentThread().name: the name of the thread
// running script code now (with ` @name#id` in debug mode), "main"
// without the coroutine runtime.
func threadName(co *interp.Coroutine) string {
	if t := threadsOf(co); t != nil {
		if name := t.ThreadName(); name != "" {
			return name
		}
	}
	return "main"
}

// Threads is what the standard library needs from the coroutine runtime
// of an interpreter, which owns the threads that run script code:
// Thread.currentThread(), Thread.sleep, and the clock that
// System.currentTimeMillis, System.nanoTime and measureTimeMillis read.
// The runtime (package coroutines) lives above the standard library and
// registers itself with SetThreads when it is installed, so the standard
// library does not depend on it. Without one, scripts run on the thread
// "main", Thread.sleep sleeps and the clock is the wall clock. The
// methods are called by natives, holding the interpreter's lock.
type Threads interface {
	// ThreadName returns the name of the thread running script code
	// now (with ` @name#id` in debug mode), "" when unknown.
	ThreadName() string
	// Sleep blocks the current thread for d on the runtime's clock,
	// letting other threads run script code meanwhile. It returns early
	// with the error that stops the script (an *interp.Interrupted) when
	// the host stops it meanwhile (Interrupt, a limit, Close).
	Sleep(d time.Duration) error
	// Wait blocks the current thread until done is closed, letting
	// other threads run script code meanwhile, and returns nil; or it
	// returns early, as Sleep does, with the error that stops the script.
	Wait(done <-chan struct{}) error
	// Clock returns the runtime's clock (real or virtual).
	Clock() sched.Clock
	// Current returns a comparable value that identifies the thread
	// running script code now (the owner of the monitors it holds).
	Current() any
}

type threadsKey struct{}

// SetThreads registers the coroutine runtime t of an interpreter the
// standard library was installed in (see Threads). Not safe once scripts
// run.
func SetThreads(in *interp.Interp, t Threads) { in.SetData(threadsKey{}, t) }

func threadsOf(co *interp.Coroutine) Threads {
	t, _ := co.Interp().Data(threadsKey{}).(Threads)
	return t
}

func boolMsg(co *interp.Coroutine, args []interp.Value, i int, def string) (string, error) {
	if len(args) <= i || interp.IsAbsent(args[i]) {
		return def, nil
	}
	v, err := co.CallSync(args[i])
	if err != nil {
		return "", err
	}
	return co.ToString(v)
}

func installMisc(in *interp.Interp) {
	psOnce.Do(initPrintStream)
	for _, p := range []string{"kotlin.random", "kotlin.system", "java.util.concurrent.atomic",
		"java.util", "java.io", "kotlin.concurrent", "java.util.concurrent", "kotlin.reflect",
		"kotlin.properties", "kotlin.jvm", "kotlin.time"} {
		in.DefineImport(p)
	}
	in.DefineType(RandomClass)
	in.DefineType(AtomicIntegerClass)
	in.DefineType(AtomicLongClass)
	in.DefineType(AtomicBooleanClass)
	in.DefineType(AtomicReferenceClass)
	in.DefineType(ThreadClass)
	in.DefineType(JavaClassClass)
	in.DefineType(PrintStreamClass)

	precondition := func(class, def string) interp.NativeFunc {
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			if args[0].AsBool() {
				return interp.Unit, nil
			}
			msg, err := boolMsg(co, args, 1, def)
			if err != nil {
				return interp.Null, err
			}
			return interp.Null, co.Errorf(class, "%s", msg)
		}
	}
	in.DefineFunc("require", precondition("java.lang.IllegalArgumentException", "Failed requirement.")).Params = []string{"value", "lazyMessage"}
	in.DefineFunc("check", precondition("java.lang.IllegalStateException", "Check failed.")).Params = []string{"value", "lazyMessage"}
	notNull := func(class string) interp.NativeFunc {
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			if !args[0].IsNull() {
				return args[0], nil
			}
			msg, err := boolMsg(co, args, 1, "Required value was null.")
			if err != nil {
				return interp.Null, err
			}
			return interp.Null, co.Errorf(class, "%s", msg)
		}
	}
	in.DefineFunc("requireNotNull", notNull("java.lang.IllegalArgumentException")).Params = []string{"value", "lazyMessage"}
	in.DefineFunc("checkNotNull", notNull("java.lang.IllegalStateException")).Params = []string{"value", "lazyMessage"}
	in.DefineFunc("error", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		msg, err := co.ToString(args[0])
		if err != nil {
			return interp.Null, err
		}
		if args[0].IsNull() {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "null")
		}
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "%s", msg)
	}).Params = []string{"message"}
	in.DefineFunc("TODO", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if len(args) == 0 || interp.IsAbsent(args[0]) {
			return interp.Null, co.Errorf("kotlin.NotImplementedError", "An operation is not implemented.")
		}
		s, err := co.ToString(args[0])
		if err != nil {
			return interp.Null, err
		}
		return interp.Null, co.Errorf("kotlin.NotImplementedError", "An operation is not implemented: %s", s)
	}).Params = []string{"reason"}
	in.DefineFunc("assert", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, nil // the JVM runs without -ea
	}).Params = []string{"value", "lazyMessage"}
	in.DefineFunc("readLine", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v, _, stop := readLine(co)
		return v, stop
	})
	in.DefineFunc("readlnOrNull", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v, _, stop := readLine(co)
		return v, stop
	})
	in.DefineFunc("readln", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v, ok, stop := readLine(co)
		if stop != nil {
			return interp.Null, stop
		}
		if !ok {
			return interp.Null, co.Errorf("kotlin.io.ReadAfterEOFException", "EOF has already been reached")
		}
		return v, nil
	})
	measure := func(nanos bool) interp.NativeFunc {
		// fallback for measureTimeMillis/measureNanoTime; the prelude's
		// versions (which allow suspension in the block) replace these
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			start := nowNanos(co)
			if _, err := co.CallSync(args[0]); err != nil {
				return interp.Null, err
			}
			d := nowNanos(co) - start
			if nanos {
				return interp.Long(d), nil
			}
			return interp.Long(d / 1_000_000), nil
		}
	}
	if _, ok := in.Lookup("measureTimeMillis"); !ok {
		in.DefineFunc("measureTimeMillis", measure(false))
	}
	if _, ok := in.Lookup("measureNanoTime"); !ok {
		in.DefineFunc("measureNanoTime", measure(true))
	}

	system := interp.NewClass("System", "java.lang.System", interp.AnyClass)
	system.StaticProps = map[string]interp.Value{
		"out": interp.Obj(&PrintStream{}),
		"err": interp.Obj(&PrintStream{Err: true}),
	}
	system.StaticMethods = map[string]interp.Value{
		"currentTimeMillis": staticFn("currentTimeMillis", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Long(nowMillis(co)), nil
		}),
		"nanoTime": staticFn("nanoTime", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Long(nowNanos(co)), nil
		}),
		"identityHashCode": staticFn("identityHashCode", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			if args[0].IsNull() {
				return interp.Int(0), nil
			}
			if args[0].Kind() == interp.KObject {
				return interp.Int(interp.IdentityHash(args[0].AsObject())), nil
			}
			h, err := co.HashCode(args[0])
			return interp.Int(h), err
		}),
		"lineSeparator": staticFn("lineSeparator", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.String("\n"), nil
		}),
		"getProperty": staticFn("getProperty", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			switch args[0].AsString() {
			case "line.separator":
				return interp.String("\n"), nil
			case "java.version":
				return interp.String("17"), nil
			}
			if len(args) > 1 {
				return args[1], nil
			}
			return interp.Null, nil
		}),
		"getenv": staticFn("getenv", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Null, nil
		}),
	}
	in.Define("System", interp.Obj(system))
	in.Define("Thread", interp.Obj(ThreadClass))
	// `Unit` used as a value is the Unit object, not its class
	in.Define("Unit", interp.Unit)

	// Any's toString/hashCode/equals as fallbacks for values whose class
	// does not define them (members win over extensions).
	ext := func(name string, fn interp.NativeFunc) {
		in.DefineExtension(name, interp.AnyType, interp.Obj(&interp.Native{Name: name, Fn: fn}), false)
	}
	ext("toString", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(this)
		return interp.String(s), err
	})
	ext("hashCode", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		h, err := co.HashCode(this)
		return interp.Int(h), err
	})
	ext("equals", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		eq, err := co.Equals(this, args[0])
		return interp.Bool(eq), err
	})
	in.DefineExtension("javaClass", interp.AnyType, interp.Obj(&interp.Native{Name: "javaClass",
		Fn: func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Obj(&JavaClass{Of: interp.ClassOf(this)}), nil
		}}), true)
	// the compiler lowers `x::class` to $kclass(x.javaClass()): the call
	// form yields the class itself
	in.DefineExtension("javaClass", interp.AnyType, interp.Obj(&interp.Native{Name: "javaClass",
		Fn: func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Obj(interp.ClassOf(this)), nil
		}}), false)
	// java.util.Collections' synchronized wrappers: script collections
	// are already safe under the interpreter lock (the GIL of package
	// coroutines), so they return their argument
	collections := interp.NewClass("Collections", "java.util.Collections", interp.AnyClass)
	collections.StaticMethods = map[string]interp.Value{}
	for _, name := range []string{"synchronizedList", "synchronizedSet", "synchronizedMap", "synchronizedCollection"} {
		collections.StaticMethods[name] = staticFn(name, func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			return args[0], nil
		})
	}
	in.DefineType(collections)
	in.DefineImport("java.util.Collections")
}

func isInf(f float64) bool { return math.IsInf(f, 0) }

func nextDown(f float64) float64 { return math.Nextafter(f, math.Inf(-1)) }
