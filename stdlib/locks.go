package stdlib

// The JVM's blocking locks: the monitor every object has (synchronized,
// @Synchronized) and java.util.concurrent.locks.ReentrantLock (with the
// prelude's withLock).
//
// Script code runs under the interpreter's lock (the GIL of package
// coroutines), which is handed between threads every few thousand steps,
// so a critical section may be interleaved with other threads' code: a
// monitor is a real lock, owned by a thread (Threads.Current) with a hold
// count. A thread that finds it owned by another waits without the GIL
// (Threads.Wait) and honours every stop of the host meanwhile. A monitor
// is not fair, like the JVM's: the thread that leaves wakes the first
// waiter, which tries again and may lose to a thread that came later.
//
// Monitors live in a table of the interpreter only while a thread holds
// or waits for them, so locking an object costs it nothing afterwards.

import (
	"math"
	"reflect"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// monitor is one held (or awaited) lock: its owner, how many times the
// owner entered it, and the channels of the threads waiting for it.
type monitor struct {
	owner   any
	count   int32
	waiters []chan struct{}
}

// monitorTable holds the monitors of an interpreter that are held or
// awaited, by key (see monitorKey and lockKey).
type monitorTable struct {
	mu sync.Mutex
	m  map[any]*monitor
}

type monitorsKey struct{}

// noThreads is the owner of monitors without a coroutine runtime, where
// all script code runs on one thread.
type noThreads struct{}

func monitorsOf(co *interp.Coroutine) *monitorTable {
	t, _ := co.Interp().Data(monitorsKey{}).(*monitorTable)
	return t
}

// currentOwner identifies the thread running co's code now.
func currentOwner(co *interp.Coroutine) any {
	if t := threadsOf(co); t != nil {
		return t.Current()
	}
	return noThreads{}
}

// monitorKey returns the key of v's monitor: the value itself, which
// compares objects by identity and strings by content (as interned
// literals share one monitor on the JVM); an object whose Go type cannot
// be compared shares its class's monitor.
func monitorKey(co *interp.Coroutine, v interp.Value) (any, error) {
	if v.IsNull() {
		return nil, co.Errorf("java.lang.NullPointerException", "")
	}
	if o := v.AsObject(); o != nil && !reflect.TypeOf(o).Comparable() {
		return o.Class(), nil
	}
	return v, nil
}

// enter takes the monitor of key for the current thread, waiting while
// another thread holds it.
func (t *monitorTable) enter(co *interp.Coroutine, key any) error {
	self := currentOwner(co)
	for {
		t.mu.Lock()
		m := t.m[key]
		if m == nil {
			m = &monitor{}
			t.m[key] = m
		}
		switch {
		case m.count == 0:
			m.owner, m.count = self, 1
			t.mu.Unlock()
			return nil
		case m.owner == self:
			if m.count == math.MaxInt32 {
				t.mu.Unlock()
				return co.Errorf("java.lang.Error", "Maximum lock count exceeded")
			}
			m.count++
			t.mu.Unlock()
			return nil
		}
		th := threadsOf(co)
		if th == nil {
			t.mu.Unlock()
			return co.Errorf("java.lang.IllegalMonitorStateException", "the monitor is held by another thread")
		}
		ch := make(chan struct{})
		m.waiters = append(m.waiters, ch)
		t.mu.Unlock()
		if err := th.Wait(ch); err != nil {
			t.giveUp(key, ch)
			return err
		}
		// woken by the owner's exit: try again
	}
}

// giveUp takes a stopped waiter's channel ch out of key's queue; when the
// waiter was woken meanwhile, the wake-up goes on to the next waiter.
func (t *monitorTable) giveUp(key any, ch chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	m := t.m[key]
	if m == nil {
		return
	}
	for i, w := range m.waiters {
		if w == ch {
			m.waiters = append(m.waiters[:i], m.waiters[i+1:]...)
			return
		}
	}
	if m.count == 0 {
		t.wakeOrDrop(key, m)
	}
}

// wakeOrDrop wakes the first waiter of the free monitor m, or forgets m
// when nobody waits. Called holding t.mu.
func (t *monitorTable) wakeOrDrop(key any, m *monitor) {
	if len(m.waiters) == 0 {
		delete(t.m, key)
		return
	}
	close(m.waiters[0])
	m.waiters[0] = nil
	m.waiters = m.waiters[1:]
}

// exit leaves the monitor of key once; it fails with
// IllegalMonitorStateException when the current thread does not hold it.
func (t *monitorTable) exit(co *interp.Coroutine, key any, msg string) error {
	self := currentOwner(co)
	t.mu.Lock()
	defer t.mu.Unlock()
	m := t.m[key]
	if m == nil || m.count == 0 || m.owner != self {
		return co.Errorf("java.lang.IllegalMonitorStateException", "%s", msg)
	}
	m.count--
	if m.count == 0 {
		m.owner = nil
		t.wakeOrDrop(key, m)
	}
	return nil
}

// tryEnter takes the monitor of key when it is free or already the
// current thread's, without waiting.
func (t *monitorTable) tryEnter(co *interp.Coroutine, key any) bool {
	self := currentOwner(co)
	t.mu.Lock()
	defer t.mu.Unlock()
	m := t.m[key]
	switch {
	case m == nil:
		t.m[key] = &monitor{owner: self, count: 1}
	case m.count == 0:
		m.owner, m.count = self, 1
	case m.owner == self && m.count < math.MaxInt32:
		m.count++
	default:
		return false
	}
	return true
}

// state returns the owner and hold count of key's monitor (nil, 0 when
// free).
func (t *monitorTable) state(key any) (any, int32) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if m := t.m[key]; m != nil && m.count > 0 {
		return m.owner, m.count
	}
	return nil, 0
}

// ---- ReentrantLock

var (
	// LockClass is the interface java.util.concurrent.locks.Lock.
	LockClass = &interp.Class{Name: "Lock", QName: "java.util.concurrent.locks.Lock", Interface: true,
		Props: map[string]*interp.Prop{}, Methods: map[string]interp.Value{}}
	// ReentrantLockClass is java.util.concurrent.locks.ReentrantLock.
	ReentrantLockClass = interp.NewClass("ReentrantLock", "java.util.concurrent.locks.ReentrantLock", interp.AnyClass, LockClass)
)

// ReentrantLock is a java.util.concurrent.locks.ReentrantLock: its state
// is a monitor of the interpreter's table, apart from the monitor that
// synchronized takes on the same object.
type ReentrantLock struct{ fair bool }

// Class returns ReentrantLockClass.
func (*ReentrantLock) Class() *interp.Class { return ReentrantLockClass }

// lockKey is the table key of a ReentrantLock's state.
type lockKey struct{ l *ReentrantLock }

// KString prints the lock as the JVM does: its identity, then
// [Unlocked] or [Locked by thread NAME].
func (l *ReentrantLock) KString(co *interp.Coroutine) (string, error) {
	state := "[Unlocked]"
	if owner, n := monitorsOf(co).state(lockKey{l}); n > 0 {
		name := "main"
		if th, ok := owner.(interface{ Name() string }); ok {
			name = th.Name()
		}
		state = "[Locked by thread " + name + "]"
	}
	return "java.util.concurrent.locks.ReentrantLock@" + interp.IdentityHex(l) + state, nil
}

func installLocks(in *interp.Interp) {
	locksOnce.Do(initLockClass)
	in.SetData(monitorsKey{}, &monitorTable{m: map[any]*monitor{}})
	in.DefineImport("java.util.concurrent.locks")
	in.DefineType(LockClass)
	in.DefineType(ReentrantLockClass)
	DefineAnnotations(in, "kotlin.jvm.Synchronized", "kotlin.jvm.Volatile")
	in.DefineFunc("__monitorEnter", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		key, err := monitorKey(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		return interp.Unit, monitorsOf(co).enter(co, key)
	})
	in.DefineFunc("__monitorExit", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		key, err := monitorKey(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		return interp.Unit, monitorsOf(co).exit(co, key, "current thread is not owner")
	})
}

var locksOnce sync.Once

// initLockClass adds the members of ReentrantLock (shared by every
// interpreter).
func initLockClass() {
	c := ReentrantLockClass
	c.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		l := &ReentrantLock{}
		if len(args) > 0 && !interp.IsAbsent(args[0]) {
			l.fair = args[0].AsBool()
		}
		return interp.Obj(l), nil
	}, "fair")
	m := func(name string, fn func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error)) {
		c.AddMethod(name, func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return fn(co, monitorsOf(co), lockKey{this.AsObject().(*ReentrantLock)})
		})
	}
	lock := func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		return interp.Unit, t.enter(co, key)
	}
	m("lock", lock)
	m("lockInterruptibly", lock)
	m("unlock", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		return interp.Unit, t.exit(co, key, "")
	})
	m("tryLock", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		return interp.Bool(t.tryEnter(co, key)), nil
	})
	both := func(prop, getter string, fn func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error)) {
		m(getter, fn)
		c.AddProp(prop, func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return fn(co, monitorsOf(co), lockKey{this.AsObject().(*ReentrantLock)})
		})
	}
	both("isLocked", "isLocked", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		_, n := t.state(key)
		return interp.Bool(n > 0), nil
	})
	both("isHeldByCurrentThread", "isHeldByCurrentThread", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		owner, n := t.state(key)
		return interp.Bool(n > 0 && owner == currentOwner(co)), nil
	})
	both("holdCount", "getHoldCount", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		owner, n := t.state(key)
		if owner != currentOwner(co) {
			n = 0
		}
		return interp.Int(n), nil
	})
	both("isFair", "isFair", func(co *interp.Coroutine, t *monitorTable, key lockKey) (interp.Value, error) {
		return interp.Bool(key.l.fair), nil
	})
}
