package stdlib

import "github.com/ktcoro/ktcoro/interp"

// This file holds Grouping, the result of groupingBy { }, and its
// operations (eachCount, fold, reduce, aggregate, ...).

// kGrouping is groupingBy { key }: a source and a key selector (called
// from Go: it must not suspend).
type kGrouping struct {
	src, key kValue
}

func (*kGrouping) Class() *interp.Class { return GroupingClass }

func (g *kGrouping) each(co *kCoro, f func(k, e kValue) error) error {
	xs, err := kElemsOf(co, g.src)
	if err != nil {
		return err
	}
	for _, x := range xs {
		k, err := co.CallSync(g.key, x)
		if err != nil {
			return err
		}
		if err := f(k, x); err != nil {
			return err
		}
	}
	return nil
}

func initGrouping() {
	c := GroupingClass
	grp := func(v kValue) *kGrouping { return v.AsObject().(*kGrouping) }
	kMethod(c, "eachCount", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, _ kValue) error {
			n, _, err := m.Get(co, k)
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, interp.Int(n.AsInt()+1))
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "fold", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		withKey := kIsFunc(args[0]) && len(args) == 2
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			if !ok {
				if withKey {
					if acc, err = co.CallSync(args[0], k, e); err != nil {
						return err
					}
				} else {
					acc = args[0]
				}
			}
			if withKey {
				acc, err = co.CallSync(args[1], k, acc, e)
			} else {
				acc, err = co.CallSync(args[1], acc, e)
			}
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, acc)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "reduce", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			if ok {
				if e, err = co.CallSync(args[0], k, acc, e); err != nil {
					return err
				}
			}
			_, _, err = m.Put(co, k, e)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "aggregate", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := interp.NewMap(interp.LinkedMapClass)
		err := grp(this).each(co, func(k, e kValue) error {
			acc, ok, err := m.Get(co, k)
			if err != nil {
				return err
			}
			r, err := co.CallSync(args[0], k, acc, e, interp.Bool(!ok))
			if err != nil {
				return err
			}
			_, _, err = m.Put(co, k, r)
			return err
		})
		return interp.Obj(m), err
	})
	kMethod(c, "keyOf", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return co.CallSync(grp(this).key, args[0])
	})
}
