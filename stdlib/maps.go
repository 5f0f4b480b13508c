package stdlib

import (
	"runtime"
	"sync"
	"weak"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of Map, MutableMap (put, remove, merge,
// compute, ...) and Map.Entry.

// initMapMethods registers the read-only Map methods and properties
// (get, containsKey, getOrDefault, getValue, keys, values, entries,
// toMutableMap, toSortedMap, asSequence).
func initMapMethods() {
	c := interp.MapClass
	get := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		v, _, err := kAsMap(this).Get(co, args[0])
		return v, err
	}
	kMethod(c, "get", get)
	kMethod(c, "containsKey", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, ok, err := kAsMap(this).Get(co, args[0])
		return interp.Bool(ok), err
	})
	kMethod(c, "containsValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, vals, err := kMapEntries(co, kAsMap(this))
		if err != nil {
			return kNull, err
		}
		for _, v := range vals {
			eq, err := co.Equals(v, args[0])
			if err != nil || eq {
				return interp.Bool(eq), err
			}
		}
		return interp.False, nil
	})
	kMethod(c, "getOrDefault", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		v, ok, err := kAsMap(this).Get(co, args[0])
		if !ok {
			return args[1], err
		}
		return v, err
	})
	kMethod(c, "withDefault", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		setMapDefault(co, kAsMap(this), args[0])
		return this, nil
	})
	kMethod(c, "getValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if len(args) == 2 {
			// val x by map: getValue(thisRef, property)
			args = []kValue{kPropertyName(args[1])}
		}
		v, ok, err := kAsMap(this).Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		if !ok {
			if fn, ok := mapDefaultOf(co, kAsMap(this)); ok {
				return co.CallSync(fn, args[0])
			}
			k, err := co.ToString(args[0])
			if err != nil {
				return kNull, err
			}
			return kNull, kNoSuchElement(co, "Key "+k+" is missing in the map.")
		}
		return v, nil
	})
	c.AddProp("keys", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		keys, _, err := kMapEntries(co, kAsMap(this))
		if err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, keys)
		return interp.Obj(m), err
	})
	c.AddProp("values", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		_, vals, err := kMapEntries(co, kAsMap(this))
		if err != nil {
			return kNull, err
		}
		return kListV(vals), nil
	})
	c.AddProp("entries", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		xs, err := kElemsOf(co, this)
		if err != nil {
			return kNull, err
		}
		m, err := kNewSet(co, interp.LinkedSetClass, xs)
		return interp.Obj(m), err
	})
	kMethod(c, "toMutableMap", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		keys, vals, err := kMapEntries(co, kAsMap(this))
		if err != nil {
			return kNull, err
		}
		out := interp.NewMap(interp.LinkedMapClass)
		if err := kPutAll(co, out, keys, vals); err != nil {
			return kNull, err
		}
		return interp.Obj(out), nil
	})
	kMethod(c, "toSortedMap", kToSortedMap, "comparator")
	kMethod(c, "asSequence", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		src := this
		return seqV(func(co *kCoro) (interp.Iterator, error) { return kIteratorOf(co, src) }), nil
	})
}

// initMutableMapMethods registers the MutableMap methods: put, set,
// putIfAbsent, putAll, remove, clear, and Java's default methods merge,
// compute* and replaceAll.
func initMutableMapMethods() {
	c := interp.MutableMapClass
	put := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, _, err := m.Put(co, args[0], args[1])
		m.NoteSize()
		return old, err
	}
	kMethod(c, "put", put)
	kMethod(c, "set", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		_, err := put(co, this, args)
		return interp.Unit, err
	})
	kMethod(c, "setValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		// var x by map: setValue(thisRef, property, value)
		_, err := put(co, this, []kValue{kPropertyName(args[1]), args[2]})
		return interp.Unit, err
	})
	kMethod(c, "putIfAbsent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		v, ok, err := m.Get(co, args[0])
		if err != nil || (ok && !v.IsNull()) {
			return v, err
		}
		return put(co, this, args)
	})
	putAll := func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		if src := kAsMap(args[0]); src != nil && !src.IsSet() {
			keys, vals, err := kMapEntries(co, src)
			if err != nil {
				return kNull, err
			}
			if err := kPutAll(co, m, keys, vals); err != nil {
				return kNull, err
			}
		} else {
			xs, err := kElemsOf(co, args[0])
			if err != nil {
				return kNull, err
			}
			for _, x := range xs {
				k, v, err := kPairParts(co, x)
				if err != nil {
					return kNull, err
				}
				if _, _, err := m.Put(co, k, v); err != nil {
					return kNull, err
				}
			}
		}
		m.NoteSize()
		return interp.Unit, nil
	}
	kMethod(c, "putAll", putAll)
	kMethod(c, "plusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if _, ok := args[0].AsObject().(*interp.Instance); ok {
			k, v, err := kPairParts(co, args[0])
			if err != nil {
				return kNull, err
			}
			return put(co, this, []kValue{k, v})
		}
		return putAll(co, this, args)
	})
	kMethod(c, "remove", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		if len(args) == 2 {
			v, ok, err := m.Get(co, args[0])
			if err != nil || !ok {
				return interp.False, err
			}
			eq, err := co.Equals(v, args[1])
			if err != nil || !eq {
				return interp.False, err
			}
			_, _, err = m.Remove(co, args[0])
			return interp.True, err
		}
		old, _, err := m.Remove(co, args[0])
		return old, err
	})
	kMethod(c, "minusAssign", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		ks := []kValue{args[0]}
		if kIsCollectionArg(args[0]) {
			var err error
			if ks, err = kElemsOf(co, args[0]); err != nil {
				return kNull, err
			}
		}
		for _, k := range ks {
			if _, _, err := m.Remove(co, k); err != nil {
				return kNull, err
			}
		}
		return interp.Unit, nil
	})
	kMethod(c, "clear", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		kAsMap(this).Clear()
		return interp.Unit, nil
	})
	// Java's default methods taking functions (not inline in Kotlin)
	kMethod(c, "merge", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		nv := args[1]
		if ok && !old.IsNull() {
			if nv, err = co.CallSync(args[2], old, args[1]); err != nil {
				return kNull, err
			}
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "computeIfAbsent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil || (ok && !old.IsNull()) {
			return old, err
		}
		nv, err := co.CallSync(args[1], args[0])
		if err != nil || nv.IsNull() {
			return nv, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "computeIfPresent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, ok, err := m.Get(co, args[0])
		if err != nil || !ok || old.IsNull() {
			return kNull, err
		}
		nv, err := co.CallSync(args[1], args[0], old)
		if err != nil {
			return kNull, err
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "compute", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		old, _, err := m.Get(co, args[0])
		if err != nil {
			return kNull, err
		}
		nv, err := co.CallSync(args[1], args[0], old)
		if err != nil {
			return kNull, err
		}
		if nv.IsNull() {
			_, _, err = m.Remove(co, args[0])
			return kNull, err
		}
		_, err = put(co, this, []kValue{args[0], nv})
		return nv, err
	})
	kMethod(c, "replaceAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		m := kAsMap(this)
		keys, vals, err := kMapEntries(co, m)
		if err != nil {
			return kNull, err
		}
		for i := range keys {
			nv, err := co.CallSync(args[0], keys[i], vals[i])
			if err != nil {
				return kNull, err
			}
			if _, _, err := m.Put(co, keys[i], nv); err != nil {
				return kNull, err
			}
		}
		return interp.Unit, nil
	})

}

// initMapEntryMethods registers Map.Entry's key, value, component1,
// component2, toPair and MutableMap.MutableEntry's setValue.
func initMapEntryMethods() {
	e := interp.MapEntryClass
	e.AddProp("key", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Key, nil
	})
	e.AddProp("value", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Val, nil
	})
	kMethod(e, "component1", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Key, nil
	})
	kMethod(e, "component2", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Val, nil
	})
	kMethod(e, "setValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		me := this.AsObject().(*interp.MapEntry)
		if me.Owner == nil {
			return kNull, co.Errorf("java.lang.UnsupportedOperationException", "")
		}
		old := me.Val
		// an entry removed from the map since is detached: only it changes
		if _, ok, err := me.Owner.Get(co, me.Key); err != nil || ok {
			if err == nil {
				_, _, err = me.Owner.Put(co, me.Key, args[0])
			}
			if err != nil {
				return kNull, err
			}
		}
		me.Val = args[0]
		return old, nil
	})
	kMethod(e, "toPair", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		me := this.AsObject().(*interp.MapEntry)
		return kPairOf(co, me.Key, me.Val), nil
	})
}

// mapDefaults holds the functions Map.withDefault gave maps, by a weak
// pointer to the map (an entry goes when its map is collected). It is
// kept in the interpreter's data.
type mapDefaults struct {
	mu  sync.Mutex
	fns map[weak.Pointer[interp.Map]]kValue
}

type mapDefaultsKey struct{}

var mapDefaultsMu sync.Mutex

func mapDefaultsOf(co *kCoro, create bool) *mapDefaults {
	mapDefaultsMu.Lock()
	defer mapDefaultsMu.Unlock()
	in := co.Interp()
	d, _ := in.Data(mapDefaultsKey{}).(*mapDefaults)
	if d == nil && create {
		d = &mapDefaults{fns: map[weak.Pointer[interp.Map]]kValue{}}
		in.SetData(mapDefaultsKey{}, d)
	}
	return d
}

// setMapDefault is withDefault: getValue of m calls fn for a missing
// key. Unlike Kotlin's, which wraps the map in a view, it returns m
// itself, so getValue of the receiver uses fn too.
func setMapDefault(co *kCoro, m *interp.Map, fn kValue) {
	d := mapDefaultsOf(co, true)
	k := weak.Make(m)
	d.mu.Lock()
	_, had := d.fns[k]
	d.fns[k] = fn
	d.mu.Unlock()
	if !had {
		runtime.AddCleanup(m, func(k weak.Pointer[interp.Map]) {
			d.mu.Lock()
			delete(d.fns, k)
			d.mu.Unlock()
		}, k)
	}
}

// mapDefaultOf returns the function withDefault gave m.
func mapDefaultOf(co *kCoro, m *interp.Map) (kValue, bool) {
	d := mapDefaultsOf(co, false)
	if d == nil {
		return kNull, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	fn, ok := d.fns[weak.Make(m)]
	return fn, ok
}
