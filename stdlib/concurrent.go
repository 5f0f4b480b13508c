package stdlib

// The collections of java.util.concurrent: ConcurrentHashMap and
// CopyOnWriteArrayList. Script collections are already safe under the
// interpreter's lock (the GIL of package coroutines), which natives hold
// while they run, so these are the ordinary map and list with the JVM
// classes' names and extra methods. Two things need more than the GIL:
// the map's compute methods call a script function, during which the GIL
// may pass to another thread, so they hold the map's monitor (they are
// atomic on the JVM); and the list's iterators walk a snapshot.

import "github.com/ktcoro/ktcoro/interp"

var (
	// ConcurrentHashMapClass is java.util.concurrent.ConcurrentHashMap.
	ConcurrentHashMapClass = interp.NewClass("ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap", interp.HashMapClass)
	// CopyOnWriteArrayListClass is java.util.concurrent.CopyOnWriteArrayList.
	CopyOnWriteArrayListClass = interp.NewClass("CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArrayList", interp.ArrayListClass)
)

// chmKey is the monitor-table key of a ConcurrentHashMap's compute lock.
type chmKey struct{ m *interp.Map }

func installConcurrent(in *interp.Interp) {
	for _, q := range []string{"java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList",
		"java.util.concurrent.ConcurrentMap"} {
		in.DefineImport(q)
	}
	in.DefineType(ConcurrentHashMapClass)
	in.DefineType(CopyOnWriteArrayListClass)
}

// initConcurrentClasses adds the members of the concurrent collections
// (shared by every interpreter); the collection classes must be set up.
func initConcurrentClasses() {
	ConcurrentHashMapClass.SetFactory(kNewMapClass(ConcurrentHashMapClass), "initialCapacity")
	ConcurrentHashMapClass.SnapshotIter = true
	for _, name := range []string{"merge", "compute", "computeIfAbsent", "computeIfPresent"} {
		kMethod(ConcurrentHashMapClass, name, func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			inner, ok := interp.MutableMapClass.Methods[name].AsObject().(*interp.Native)
			if !ok {
				return kNull, kUnsupported(co)
			}
			t, key := monitorsOf(co), chmKey{kAsMap(this)}
			if err := t.enter(co, key); err != nil {
				return kNull, err
			}
			v, err := inner.Fn(co, this, args)
			if e := t.exit(co, key, ""); err == nil {
				err = e
			}
			return v, err
		})
	}

	c := CopyOnWriteArrayListClass
	c.SnapshotIter = true
	c.SetFactory(func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		if len(args) > 0 && args[0].IsNumber() {
			return kNull, co.Errorf("java.lang.IllegalArgumentException", "CopyOnWriteArrayList has no capacity")
		}
		v, err := kNewArrayList(co, this, args)
		if l := kAsList(v); l != nil {
			l.SetClass(CopyOnWriteArrayListClass)
		}
		return v, err
	})
	kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := co.Iterator(this) // a snapshot (SnapshotIter)
		if err != nil {
			return kNull, err
		}
		return interp.Obj(&kPeekIter{src: it}), nil
	})
	kMethod(c, "addIfAbsent", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		l := kAsList(this)
		for i, x := range l.Elems {
			eq, err := co.Equals(x, args[0])
			if err != nil || eq {
				return interp.False, err
			}
			if err := co.WorkAt(i); err != nil {
				return kNull, err
			}
		}
		if err := allocValues(co, 1); err != nil {
			return kNull, err
		}
		l.Append(args[0])
		return interp.True, nil
	})
}
