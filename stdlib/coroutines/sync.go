package coroutines

// kotlinx.coroutines.sync: Mutex and Semaphore. As in kotlinx, a Mutex
// is a semaphore of one permit plus an owner (MutexImpl extends
// SemaphoreImpl). Their state is touched only by natives, under the GIL,
// so it needs no lock of its own. Waiters queue in FIFO order; a release
// with waiters hands the permit (the lock, with the waiter's owner)
// straight to the first, which keeps a Mutex locked across the hand-over.
// A waiter cancelled in the queue leaves it (coroExtra.queue); one
// cancelled after the hand-over but before it ran again gives the permit
// back (coroExtra.lost, kotlinx's prompt cancellation). withLock and
// withPermit, whose blocks may suspend, are in the kotlinx prelude.

import (
	"github.com/ktcoro/ktcoro/interp"
)

// The classes of kotlinx.coroutines.sync.
var (
	MutexClass         = iface("Mutex", "kotlinx.coroutines.sync.Mutex")
	SemaphoreClass     = iface("Semaphore", "kotlinx.coroutines.sync.Semaphore")
	SemaphoreImplClass = interp.NewClass("SemaphoreImpl", "kotlinx.coroutines.sync.SemaphoreImpl", interp.AnyClass, SemaphoreClass)
	// MutexImplClass is the class of Mutex(): a SemaphoreImpl, as in
	// kotlinx.
	MutexImplClass = interp.NewClass("MutexImpl", "kotlinx.coroutines.sync.MutexImpl", SemaphoreImplClass, MutexClass)
)

// sem is a counting semaphore with a FIFO queue of suspended acquirers.
// Under the GIL.
type sem struct {
	permits int32
	avail   int32                       // available permits; never above 0 while someone waits
	waiters fifo[semWaiter, *semWaiter] // first to be served first
	m       *mutex                      // the mutex this is the semaphore of, or nil
}

// semWaiter is a coroutine suspended in acquire or lock: its place in
// the queue (queued) and what it gives back when a cancellation takes
// the permit it was handed.
type semWaiter struct {
	c     *Coro
	gen   uint32
	s     *sem
	owner interp.Value // the owner a lock waits with
	links[semWaiter]
}

func (w *semWaiter) link() *links[semWaiter] { return &w.links }

// Class implements interp.Object.
func (*sem) Class() *interp.Class { return SemaphoreImplClass }

// mutex is a Mutex: a semaphore of one permit and its owner.
type mutex struct {
	sem
	// owner is the holder's owner (null for lock()) while hasOwner;
	// hasOwner is false exactly when the mutex is unlocked (kotlinx's
	// NO_OWNER)
	owner    interp.Value
	hasOwner bool
}

// Class implements interp.Object.
func (*mutex) Class() *interp.Class { return MutexImplClass }

// KString implements interp.Stringer: kotlinx's
// Mutex@hash[isLocked=..,owner=..].
func (m *mutex) KString(co *interp.Coroutine) (string, error) {
	owner := "<NO_OWNER>"
	if m.hasOwner {
		s, err := co.ToString(m.owner)
		if err != nil {
			return "", err
		}
		owner = s
	}
	locked := "false"
	if m.locked() {
		locked = "true"
	}
	return "Mutex@" + interp.IdentityHex(m) + "[isLocked=" + locked + ",owner=" + owner + "]", nil
}

func (m *mutex) locked() bool { return m.avail <= 0 }

// semOf returns the semaphore of a Semaphore or Mutex value.
func semOf(co *interp.Coroutine, v interp.Value) (*sem, error) {
	switch o := v.AsObject().(type) {
	case *sem:
		return o, nil
	case *mutex:
		return &o.sem, nil
	}
	return nil, co.Errorf("java.lang.IllegalStateException", "not a kotlinx.coroutines.sync.Semaphore")
}

// mutexOf returns the mutex of a Mutex value.
func mutexOf(co *interp.Coroutine, v interp.Value) (*mutex, error) {
	if m, ok := v.AsObject().(*mutex); ok {
		return m, nil
	}
	return nil, co.Errorf("java.lang.IllegalStateException", "not a kotlinx.coroutines.sync.Mutex")
}

// tryAcquire takes a permit when one is available.
func (s *sem) tryAcquire() bool {
	if s.avail > 0 {
		s.avail--
		return true
	}
	return false
}

// wait suspends the coroutine of co at the end of s's queue (a lock
// with owner), cancellably.
func (s *sem) wait(co *interp.Coroutine, what string, owner interp.Value) (interp.Value, error) {
	c, err := current(co, what)
	if err != nil {
		return interp.Null, err
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	w := &semWaiter{c: c, gen: gen, s: s, owner: owner}
	s.waiters.add(w)
	x := c.ext()
	x.queue = w
	x.lost = w.lost
	c.park()
	return interp.Null, interp.ErrSuspend
}

// leave implements queued: the waiter's suspension was cancelled.
func (w *semWaiter) leave() { w.s.waiters.remove(w) }

// lost gives back the permit (the lock) the waiter was handed when a
// cancellation replaced the resumption before the coroutine ran again.
func (w *semWaiter) lost(interp.Value) {
	if m := w.s.m; m != nil {
		if m.hasOwner && interp.Identical(m.owner, w.owner) {
			m.unlocked()
		}
		return
	}
	w.s.release(nil)
}

// release gives a permit back: to the first waiter, which resumes with
// it, else to the pool. It fails when all permits are back already.
func (s *sem) release(co *interp.Coroutine) error {
	for w := s.waiters.first(); w != nil; w = s.waiters.first() {
		w.leave()
		if m := s.m; m != nil {
			m.owner, m.hasOwner = w.owner, true
		}
		if w.c.fire(w.gen, interp.Unit, nil) {
			return nil
		}
	}
	if s.m != nil {
		s.m.owner, s.m.hasOwner = interp.Null, false
	}
	if s.avail >= s.permits {
		if co == nil {
			return nil
		}
		return co.Errorf("java.lang.IllegalStateException", "The number of released permits cannot be greater than %d", s.permits)
	}
	s.avail++
	return nil
}

// unlocked releases the mutex's permit: the lock goes to the first
// waiter, else the mutex is unlocked.
func (m *mutex) unlocked() {
	m.owner, m.hasOwner = interp.Null, false
	m.release(nil)
}

// lockResult is the outcome of tryLock.
type lockResult uint8

const (
	lockOK      lockResult = iota
	lockFailed             // locked by someone else
	lockByOwner            // locked by this very owner
)

// tryLock locks the mutex for owner when it is unlocked.
func (m *mutex) tryLock(owner interp.Value) lockResult {
	if m.tryAcquire() {
		m.owner, m.hasOwner = owner, true
		return lockOK
	}
	if !owner.IsNull() && m.hasOwner && interp.Identical(m.owner, owner) {
		return lockByOwner
	}
	return lockFailed
}

// alreadyLocked is the error of lock(owner) and tryLock(owner) by the
// holder.
func alreadyLocked(co *interp.Coroutine, owner interp.Value) error {
	s, err := co.ToString(owner)
	if err != nil {
		return err
	}
	return co.Errorf("java.lang.IllegalStateException", "This mutex is already locked by the specified owner: %s", s)
}

// tryLockCall is tryLock(owner) on the Mutex this, as lock starts with
// it: the mutex, the owner, and whether it is locked for owner now; an
// error when this owner holds it already.
func tryLockCall(co *interp.Coroutine, this interp.Value, args []interp.Value) (*mutex, interp.Value, bool, error) {
	m, err := mutexOf(co, this)
	if err != nil {
		return nil, interp.Null, false, err
	}
	owner := optArg(args, 0)
	switch m.tryLock(owner) {
	case lockOK:
		return m, owner, true, nil
	case lockByOwner:
		return m, owner, false, alreadyLocked(co, owner)
	}
	return m, owner, false, nil
}

// unlock unlocks the mutex, held by owner (any owner when null).
func (m *mutex) unlock(co *interp.Coroutine, owner interp.Value) error {
	if !m.locked() {
		return co.Errorf("java.lang.IllegalStateException", "This mutex is not locked")
	}
	if !owner.IsNull() && !interp.Identical(m.owner, owner) {
		cur, err := co.ToString(m.owner)
		if err != nil {
			return err
		}
		exp, err := co.ToString(owner)
		if err != nil {
			return err
		}
		return co.Errorf("java.lang.IllegalStateException", "This mutex is locked by %s, but %s is expected", cur, exp)
	}
	m.unlocked()
	return nil
}

// optArg returns args[i], or null when it was left out.
func optArg(args []interp.Value, i int) interp.Value {
	if i < len(args) && !args[i].IsAbsent() {
		return args[i]
	}
	return interp.Null
}

// newSemaphore is Semaphore(permits, acquiredPermits = 0).
func newSemaphore(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
	permits := int32(optArg(args, 0).ToInt64())
	acquired := int32(0)
	if v := optArg(args, 1); !v.IsNull() {
		acquired = int32(v.ToInt64())
	}
	if permits <= 0 {
		return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Semaphore should have at least 1 permit, but had %d", permits)
	}
	if acquired < 0 || acquired > permits {
		return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "The number of acquired permits should be in 0..%d", permits)
	}
	return interp.Obj(&sem{permits: permits, avail: permits - acquired}), nil
}

// newMutex is Mutex(locked = false).
func newMutex(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
	m := &mutex{sem: sem{permits: 1, avail: 1}}
	m.m = m
	if v := optArg(args, 0); !v.IsNull() && v.AsBool() {
		m.avail = 0
		m.owner, m.hasOwner = interp.Null, true
	}
	return interp.Obj(m), nil
}

// initSyncMethods adds the members and constructors of Mutex and
// Semaphore.
func initSyncMethods() {
	MutexClass.SetFactory(newMutex, "locked")
	SemaphoreClass.SetFactory(newSemaphore, "permits", "acquiredPermits")

	sc := SemaphoreImplClass
	sc.AddProp("availablePermits", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := semOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Int(max(s.avail, 0)), nil
	})
	sc.AddMethod("tryAcquire", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := semOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(s.tryAcquire()), nil
	})
	suspendMethod(sc, "acquire", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := semOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		if s.tryAcquire() {
			return interp.Unit, nil
		}
		return s.wait(co, "acquire", interp.Null)
	})
	sc.AddMethod("release", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := semOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Unit, s.release(co)
	})

	mc := MutexImplClass
	mc.AddProp("isLocked", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		m, err := mutexOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(m.locked()), nil
	})
	mc.AddMethod("holdsLock", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		m, err := mutexOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(m.hasOwner && interp.Identical(m.owner, optArg(args, 0))), nil
	}).Params = []string{"owner"}
	mc.AddMethod("tryLock", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		_, _, ok, err := tryLockCall(co, this, args)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(ok), nil
	}).Params = []string{"owner"}
	lock := mc.AddMethod("lock", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		m, owner, ok, err := tryLockCall(co, this, args)
		switch {
		case err != nil:
			return interp.Null, err
		case ok:
			return interp.Unit, nil
		}
		return m.wait(co, "lock", owner)
	})
	lock.Suspend, lock.Params = true, []string{"owner"}
	mc.AddMethod("unlock", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		m, err := mutexOf(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Unit, m.unlock(co, optArg(args, 0))
	}).Params = []string{"owner"}
}
