package stdlib

import (
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf16"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds sorting (natural order, selectors, comparators),
// shuffling and random picks, and java.util.Comparator: the built-in
// comparator values and compareBy, naturalOrder, nullsFirst, thenBy, ...

type kCmpFunc func(a, b kValue) (int, error)

// kSortValues sorts xs stably in kNatural order.
func kSortValues(co *kCoro, xs []kValue) error { return kSortWith(co, xs, kNatural(co)) }

func kReverseCmp(c kCmpFunc) kCmpFunc {
	return func(a, b kValue) (int, error) {
		r, err := c(a, b)
		return -r, err
	}
}

// kSortWith sorts xs stably with cmp; the first error stops the sort.
func kSortWith(co *kCoro, xs []kValue, cmp kCmpFunc) error {
	var err error
	n := 0
	slices.SortStableFunc(xs, func(a, b kValue) int {
		if err != nil {
			return 0
		}
		// the comparisons are the sort's work (and its way to stop)
		if err = co.WorkAt(n); err != nil {
			return 0
		}
		n++
		c, e := cmp(a, b)
		if e != nil {
			err = e
		}
		return c
	})
	return err
}

// naturalOrder compares with compareTo; NaN sorts last as in Java.
func kNatural(co *kCoro) kCmpFunc {
	return func(a, b kValue) (int, error) {
		if (a.Kind() == interp.KDouble || a.Kind() == interp.KFloat) && (b.Kind() == interp.KDouble || b.Kind() == interp.KFloat) {
			x, y := a.ToFloat64(), b.ToFloat64()
			switch {
			case x < y:
				return -1, nil
			case x > y:
				return 1, nil
			}
			xn, yn := math.IsNaN(x), math.IsNaN(y)
			switch {
			case xn && yn:
				return 0, nil
			case xn:
				return 1, nil
			case yn:
				return -1, nil
			}
			// -0.0 < 0.0
			xs, ys := math.Signbit(x), math.Signbit(y)
			switch {
			case xs && !ys:
				return -1, nil
			case !xs && ys:
				return 1, nil
			}
			return 0, nil
		}
		return co.CompareValues(a, b)
	}
}

func kSortBySelector(co *kCoro, xs []kValue, sel kValue, desc bool) error {
	if err := co.CheckAlloc(len(xs), 2*interp.ValueBytes+8); err != nil {
		return err
	}
	keys := make([]kValue, len(xs))
	for i, x := range xs {
		k, err := co.CallSync(sel, x)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	nat := kNatural(co)
	var err error
	n := 0
	slices.SortStableFunc(idx, func(a, b int) int {
		if err != nil {
			return 0
		}
		if err = co.WorkAt(n); err != nil {
			return 0
		}
		n++
		c, e := nat(keys[a], keys[b])
		if e != nil {
			err = e
		}
		if desc {
			c = -c
		}
		return c
	})
	if err != nil {
		return err
	}
	out := make([]kValue, len(xs))
	for j, i := range idx {
		out[j] = xs[i]
	}
	copy(xs, out)
	return nil
}

// ---------------------------------------------------------------- kShuffle

func kRandomIndex(co *kCoro, n int, rnd kValue) (int, error) {
	if rnd.IsNull() {
		return int(kRandUint64() % uint64(n)), nil
	}
	v, err := co.CallMethod(rnd, "nextInt", interp.Int(int32(n)))
	return kToInt(v), err
}

var (
	kRandMu    sync.Mutex
	kRandState uint64 = 0x9E3779B97F4A7C15
)

func kRandUint64() uint64 {
	kRandMu.Lock()
	defer kRandMu.Unlock()
	kRandState ^= kRandState << 13
	kRandState ^= kRandState >> 7
	kRandState ^= kRandState << 17
	return kRandState
}

// kShuffle is Kotlin's MutableList.shuffle(random): swaps from the end.
func kShuffle(co *kCoro, xs []kValue, rnd kValue) error {
	for i := len(xs) - 1; i >= 1; i-- {
		j, err := kRandomIndex(co, i+1, rnd)
		if err != nil {
			return err
		}
		xs[i], xs[j] = xs[j], xs[i]
	}
	return nil
}

// ---------------------------------------------------------------- comparators

// kComparator is a built-in java.util.Comparator.
type kComparator struct {
	cmp func(co *kCoro, a, b kValue) (int, error)
}

func (*kComparator) Class() *interp.Class { return cmpImplClass }

func cmpV(f func(co *kCoro, a, b kValue) (int, error)) kValue {
	return interp.Obj(&kComparator{cmp: f})
}

// kComparatorFunc turns a comparator value (built-in, a script object
// implementing Comparator, or a two-argument lambda) into a Go function.
func kComparatorFunc(co *kCoro, c kValue) kCmpFunc {
	switch o := c.AsObject().(type) {
	case *kComparator:
		return func(a, b kValue) (int, error) { return o.cmp(co, a, b) }
	case *interp.Closure, *interp.Native:
		return func(a, b kValue) (int, error) {
			r, err := co.CallSync(c, a, b)
			return int(r.AsInt()), err
		}
	}
	if c.IsNull() {
		return kNatural(co)
	}
	return func(a, b kValue) (int, error) {
		r, err := co.CallMethod(c, "compare", a, b)
		return int(r.AsInt()), err
	}
}

func selectorCmp(sels []kValue, desc bool) func(co *kCoro, a, b kValue) (int, error) {
	return func(co *kCoro, a, b kValue) (int, error) {
		for _, s := range sels {
			x, err := co.CallSync(s, a)
			if err != nil {
				return 0, err
			}
			y, err := co.CallSync(s, b)
			if err != nil {
				return 0, err
			}
			c, err := kNatural(co)(x, y)
			if err != nil || c != 0 {
				if desc {
					c = -c
				}
				return c, err
			}
		}
		return 0, nil
	}
}

func fnCompareBy(desc bool) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		sels := append([]kValue(nil), args...)
		if len(sels) == 1 {
			if l := kAsList(sels[0]); l != nil {
				sels = l.Snapshot()
			}
		}
		return cmpV(selectorCmp(sels, desc)), nil
	}
}

// compareIgnoreCase is String.CASE_INSENSITIVE_ORDER's comparison.
func compareIgnoreCase(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(x) && i < len(y); i++ {
		c1, c2 := rune(x[i]), rune(y[i])
		if c1 == c2 {
			continue
		}
		c1, c2 = unicode.ToUpper(c1), unicode.ToUpper(c2)
		if c1 == c2 {
			continue
		}
		c1, c2 = unicode.ToLower(c1), unicode.ToLower(c2)
		if c1 != c2 {
			return int(c1 - c2)
		}
	}
	return len(x) - len(y)
}

func fnNaturalOrder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kNatural(co)(a, b) }), nil
}

func fnReverseOrder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kNatural(co)(b, a) }), nil
}

func fnCompareValues(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	c, err := kNatural(co)(args[0], args[1])
	return interp.Int(int32(c)), err
}

func fnCompareValuesBy(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	c, err := selectorCmp(args[2:], false)(co, args[0], args[1])
	return interp.Int(int32(c)), err
}

func fnNulls(first bool) interp.NativeFunc {
	return func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		inner := kArgOr(args, 0, kNull)
		return cmpV(func(co *kCoro, a, b kValue) (int, error) {
			switch {
			case a.IsNull() && b.IsNull():
				return 0, nil
			case a.IsNull():
				if first {
					return -1, nil
				}
				return 1, nil
			case b.IsNull():
				if first {
					return 1, nil
				}
				return -1, nil
			}
			return kComparatorFunc(co, inner)(a, b)
		}), nil
	}
}

func fnComparator(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	fn := args[0]
	return cmpV(func(co *kCoro, a, b kValue) (int, error) {
		r, err := co.CallSync(fn, a, b)
		return int(r.AsInt()), err
	}), nil
}

func initComparatorMethods() {
	kMethod(cmpImplClass, "compare", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		c, err := this.AsObject().(*kComparator).cmp(co, args[0], args[1])
		return interp.Int(int32(c)), err
	})
	c := ComparatorClass
	c.SetSAMConverter(fnComparator)
	kMethod(c, "reversed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return cmpV(func(co *kCoro, a, b kValue) (int, error) { return kComparatorFunc(co, this)(b, a) }), nil
	})
	then := func(next func(co *kCoro, args []kValue) kCmpFunc) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			args = append([]kValue(nil), args...)
			return cmpV(func(co *kCoro, a, b kValue) (int, error) {
				r, err := kComparatorFunc(co, this)(a, b)
				if err != nil || r != 0 {
					return r, err
				}
				return next(co, args)(a, b)
			}), nil
		}
	}
	selector := func(desc bool) func(co *kCoro, args []kValue) kCmpFunc {
		return func(co *kCoro, args []kValue) kCmpFunc {
			f := selectorCmp(args[:1], desc)
			return func(a, b kValue) (int, error) { return f(co, a, b) }
		}
	}
	comparator := func(desc bool) func(co *kCoro, args []kValue) kCmpFunc {
		return func(co *kCoro, args []kValue) kCmpFunc {
			f := kComparatorFunc(co, args[0])
			if desc {
				return kReverseCmp(f)
			}
			return f
		}
	}
	kMethod(c, "thenBy", then(func(co *kCoro, args []kValue) kCmpFunc {
		if _, ok := args[0].AsObject().(*kComparator); ok || len(args) > 1 {
			return comparator(false)(co, args)
		}
		return selector(false)(co, args)
	}))
	kMethod(c, "thenByDescending", then(selector(true)))
	kMethod(c, "thenComparing", then(func(co *kCoro, args []kValue) kCmpFunc {
		if _, ok := args[0].AsObject().(*kComparator); ok {
			return comparator(false)(co, args)
		}
		if interp.Arity(args[0]) == 1 {
			return selector(false)(co, args)
		}
		return comparator(false)(co, args)
	}))
	kMethod(c, "then", then(comparator(false)))
	kMethod(c, "thenDescending", then(comparator(true)))
}
