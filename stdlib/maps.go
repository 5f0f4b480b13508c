package stdlib

import (
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
		return interp.Obj(&kMapWithDefault{m: kAsMap(this), fn: args[0]}), nil
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
			if w, ok := this.AsObject().(*kMapWithDefault); ok {
				return co.CallSync(w.fn, args[0])
			}
			k, err := co.ToString(args[0])
			if err != nil {
				return kNull, err
			}
			return kNull, kNoSuchElement(co, "Key "+k+" is missing in the map.")
		}
		return v, nil
	})
	for name, kind := range map[string]interp.MapViewKind{"keys": interp.MapKeys,
		"values": interp.MapValues, "entries": interp.MapEntries} {
		c.AddProp(name, func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
			return interp.Obj(kAsMap(this).View(kind)), nil
		})
	}
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
	value := func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Value(co)
	}
	e.AddProp("value", value)
	kMethod(e, "component1", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		return this.AsObject().(*interp.MapEntry).Key, nil
	})
	kMethod(e, "component2", value)
	kMethod(e, "setValue", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		me := this.AsObject().(*interp.MapEntry)
		if me.Owner == nil {
			return kNull, co.Errorf("java.lang.UnsupportedOperationException", "")
		}
		return me.SetValue(co, args[0])
	})
	kMethod(e, "toPair", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		me := this.AsObject().(*interp.MapEntry)
		v, err := me.Value(co)
		return kPairOf(co, me.Key, v), err
	})
}

// MapWithDefaultClass is the class of what Map.withDefault returns: a
// view of the map whose getValue calls the default for a missing key.
var MapWithDefaultClass = interp.NewClass("MutableMapWithDefaultImpl", "kotlin.collections.MutableMapWithDefaultImpl", interp.AnyClass, interp.MutableMapClass)

// kMapWithDefault is map.withDefault(fn): every Map operation reads and
// writes m (kAsMap unwraps it); only getValue differs.
type kMapWithDefault struct {
	m  *interp.Map
	fn kValue
}

// Class returns MapWithDefaultClass.
func (*kMapWithDefault) Class() *interp.Class { return MapWithDefaultClass }

// KString prints the underlying map.
func (w *kMapWithDefault) KString(co *kCoro) (string, error) { return co.ToString(interp.Obj(w.m)) }

// KEquals compares the underlying map with other.
func (w *kMapWithDefault) KEquals(co *kCoro, other kValue) (bool, error) {
	if o, ok := other.AsObject().(*kMapWithDefault); ok {
		other = interp.Obj(o.m)
	}
	return co.Equals(interp.Obj(w.m), other)
}

// KHashCode is the underlying map's.
func (w *kMapWithDefault) KHashCode(co *kCoro) (int32, error) { return co.HashCode(interp.Obj(w.m)) }
