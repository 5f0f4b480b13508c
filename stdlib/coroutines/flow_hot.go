package coroutines

// The natives under the hot flows of kotlinx.coroutines.flow (the
// prelude flow_hot.kc builds StateFlow, SharedFlow, stateIn and shareIn
// on them): a stateCore is the state of a MutableStateFlow, a sharedCore
// that of a MutableSharedFlow, and a subscriber of either is a slot the
// prelude's collect loop takes values from. Everything runs under the
// GIL, so they need no lock. A collector waits in its slot (queued: a
// cancellation takes it out), an emitter of a full SharedFlow waits in
// the flow's queue of emitters after the buffered values, as kotlinx's
// SharedFlowImpl keeps them; the dump says which flow a coroutine waits
// on (waitPlace).

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/ktcoro/ktcoro/interp"
)

// The classes of the natives (the prelude's classes wrap them).
var (
	stateCoreClass  = interp.NewClass("__StateCore", "kotlinx.coroutines.flow.__StateCore", interp.AnyClass)
	sharedCoreClass = interp.NewClass("__SharedCore", "kotlinx.coroutines.flow.__SharedCore", interp.AnyClass)
	stateSlotClass  = interp.NewClass("__StateSlot", "kotlinx.coroutines.flow.__StateSlot", interp.AnyClass)
	sharedSlotClass = interp.NewClass("__SharedSlot", "kotlinx.coroutines.flow.__SharedSlot", interp.AnyClass)
	noValueClass    = interp.NewClass("__NoValue", "kotlinx.coroutines.flow.__NoValue", interp.AnyClass)
)

// noValue is what a slot's next returns when it waited: the prelude's
// collect loop asks again (so that a conflated value is read when the
// collector runs, not when it was woken).
type noValueT struct{}

// Class implements interp.Object.
func (*noValueT) Class() *interp.Class { return noValueClass }

var noValue = interp.Obj(&noValueT{})

// ---- StateFlow ----

// stateCore is the state of a MutableStateFlow: its value, a version
// bumped by each change, and the collectors waiting for one.
type stateCore struct {
	val     interp.Value
	version uint64
	waiting []*stateSlot
	nsubs   int
	nextID  uint64      // the subscription order, in which a change wakes collectors
	count   *sharedCore // subscriptionCount, made on demand
}

// Class implements interp.Object.
func (*stateCore) Class() *interp.Class { return stateCoreClass }

// stateSlot is a collector of a StateFlow: the version and value it saw
// last, and its suspension while it waits.
type stateSlot struct {
	s       *stateCore
	seen    uint64
	last    interp.Value
	hasLast bool
	c       *Coro
	gen     uint32
	at      int // index in s.waiting, -1 when not waiting
	freed   bool
	id      uint64 // when it subscribed (see stateCore.nextID)
}

// Class implements interp.Object.
func (*stateSlot) Class() *interp.Class { return stateSlotClass }

// set makes v the value unless it equals the current one (==); the
// waiting collectors are woken. changed tells whether it changed.
func (s *stateCore) set(co *interp.Coroutine, v interp.Value) (changed bool, err error) {
	eq, err := co.Equals(s.val, v)
	if err != nil || eq {
		return false, err
	}
	s.val = v
	s.version++
	w := s.waiting
	s.waiting = s.waiting[:0:0]
	// as kotlinx's slots: in the order the collectors subscribed, not
	// the order they last began to wait
	slices.SortFunc(w, func(a, b *stateSlot) int { return cmp.Compare(a.id, b.id) })
	for _, sl := range w {
		sl.at = -1
		sl.c.fire(sl.gen, noValue, nil)
	}
	return true, nil
}

// compareAndSet is MutableStateFlow.compareAndSet.
func (s *stateCore) compareAndSet(co *interp.Coroutine, expect, update interp.Value) (bool, error) {
	eq, err := co.Equals(s.val, expect)
	if err != nil || !eq {
		return false, err
	}
	_, err = s.set(co, update)
	return err == nil, err
}

// subscribe adds a collector.
func (s *stateCore) subscribe() *stateSlot {
	s.nsubs++
	s.count.add(1)
	s.nextID++
	return &stateSlot{s: s, seen: s.version - 1, at: -1, id: s.nextID}
}

// free removes the collector (once).
func (sl *stateSlot) free() {
	if sl.freed {
		return
	}
	sl.freed = true
	sl.leave()
	sl.s.nsubs--
	sl.s.count.add(-1)
}

// leave implements queued: the collector's wait was cancelled.
func (sl *stateSlot) leave() {
	if sl.at < 0 {
		return
	}
	w := sl.s.waiting
	last := len(w) - 1
	w[sl.at] = w[last]
	w[sl.at].at = sl.at
	w[last] = nil
	sl.s.waiting = w[:last]
	sl.at = -1
}

// next returns the value the collector emits next: the current value
// when it changed since it last looked and differs from the last one it
// emitted; otherwise it suspends the coroutine and returns noValue when
// woken.
func (sl *stateSlot) next(co *interp.Coroutine) (interp.Value, error) {
	c, err := currentActive(co, "collect")
	if err != nil {
		return interp.Null, err
	}
	s := sl.s
	if sl.seen != s.version {
		sl.seen = s.version
		v := s.val
		if sl.hasLast {
			eq, err := co.Equals(sl.last, v)
			if err != nil {
				return interp.Null, err
			}
			if eq {
				return sl.wait(co, c)
			}
		}
		sl.last, sl.hasLast = v, true
		return v, nil
	}
	return sl.wait(co, c)
}

// wait suspends the collector until the value changes.
func (sl *stateSlot) wait(co *interp.Coroutine, c *Coro) (interp.Value, error) {
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	sl.c, sl.gen = c, gen
	sl.at = len(sl.s.waiting)
	sl.s.waiting = append(sl.s.waiting, sl)
	c.ext().queue = sl
	c.park()
	return interp.Null, interp.ErrSuspend
}

// ---- SharedFlow ----

// sharedCore is the state of a MutableSharedFlow, indexed as kotlinx's
// SharedFlowImpl: the values from index head on, first the buffered ones
// (bufSize of them), then the queued emitters (queueSize). A collector
// reads from its own index; those from replayIndex on are the replay
// cache, and the buffer starts at the smaller of replayIndex and the
// slowest collector's index (minIndex).
type sharedCore struct {
	replay, capacity int // capacity: replay + extraBufferCapacity
	ov               overflow
	buf              []sharedItem // buf[i] is index head+i
	head             int64
	bufSize          int
	queueSize        int
	replayIndex      int64
	minIndex         int64
	slots            []*sharedSlot // the collectors
	count            *sharedCore   // subscriptionCount, made on demand
}

// sharedItem is a buffered value, a queued emitter (em) or a cancelled
// emitter's place (gone).
type sharedItem struct {
	v    interp.Value
	em   *sharedEmitter
	gone bool
}

// sharedEmitter is a coroutine suspended in emit, waiting for room.
type sharedEmitter struct {
	f     *sharedCore
	index int64
	v     interp.Value
	c     *Coro
	gen   uint32
}

// sharedSlot is a collector of a SharedFlow: its index (-1 once freed)
// and its suspension while it waits.
type sharedSlot struct {
	f       *sharedCore
	index   int64
	c       *Coro
	gen     uint32
	waiting bool
}

// Class implements interp.Object.
func (*sharedCore) Class() *interp.Class { return sharedCoreClass }

// Class implements interp.Object.
func (*sharedSlot) Class() *interp.Class { return sharedSlotClass }

func newSharedCore(replay, extra int, ov overflow) *sharedCore {
	capacity := replay + extra
	if capacity < 0 || capacity > math.MaxInt32 {
		capacity = math.MaxInt32
	}
	return &sharedCore{replay: replay, capacity: capacity, ov: ov}
}

// newCount is the shared flow of a subscriptionCount starting at n:
// every change is kept (replay 1, no bound, DROP_OLDEST), as kotlinx's
// SubscriptionCountStateFlow.
func newCount(n int) *sharedCore {
	f := newSharedCore(1, math.MaxInt32, ovDropOldest)
	f.tryEmit(nil, interp.Int(int32(n)))
	return f
}

// add changes a subscriptionCount by d (nothing when there is none).
func (f *sharedCore) add(d int32) {
	if f == nil {
		return
	}
	v := f.at(f.bufEnd() - 1).v
	f.tryEmit(nil, interp.Int(v.AsInt()+d))
	f.wakeCollectors()
}

func (f *sharedCore) bufEnd() int64   { return f.head + int64(f.bufSize) }
func (f *sharedCore) queueEnd() int64 { return f.bufEnd() + int64(f.queueSize) }
func (f *sharedCore) replaySize() int { return int(f.bufEnd() - f.replayIndex) }

// at returns the item at index i (head <= i < queueEnd).
func (f *sharedCore) at(i int64) *sharedItem { return &f.buf[i-f.head] }

// enqueue appends an item at queueEnd.
func (f *sharedCore) enqueue(co *interp.Coroutine, it sharedItem) error {
	if co != nil {
		if err := co.CheckGrowth(len(f.buf), cap(f.buf), 40); err != nil {
			return err
		}
	}
	f.buf = append(f.buf, it)
	return nil
}

// setIndexes moves the replay index, the slowest collector's index and
// the ends of the buffer and the queue, dropping the items before the
// new head.
func (f *sharedCore) setIndexes(replayIndex, minIndex, bufEnd, queueEnd int64) {
	newHead := min(replayIndex, minIndex)
	if drop := int(newHead - f.head); drop > 0 {
		n := copy(f.buf, f.buf[drop:])
		clear(f.buf[n:])
		f.buf = f.buf[:n]
	}
	f.head = newHead
	f.replayIndex, f.minIndex = replayIndex, minIndex
	f.bufSize = int(bufEnd - newHead)
	f.queueSize = int(queueEnd - bufEnd)
}

// tryEmit is MutableSharedFlow.tryEmit without waking anyone: false when
// emit would have to suspend. A nil co skips the memory check (counts).
func (f *sharedCore) tryEmit(co *interp.Coroutine, v interp.Value) (bool, error) {
	if len(f.slots) == 0 {
		if f.replay == 0 {
			return true, nil // nobody to get it, nothing to keep
		}
		if err := f.insert(co, v); err != nil {
			return false, err
		}
		if f.bufSize > f.replay {
			f.dropOldest()
		}
		f.minIndex = f.bufEnd()
		return true, nil
	}
	if f.bufSize >= f.capacity && f.minIndex <= f.replayIndex {
		switch f.ov {
		case ovSuspend:
			return false, nil
		case ovDropLatest:
			return true, nil
		}
	}
	if err := f.insert(co, v); err != nil {
		return false, err
	}
	if f.bufSize > f.capacity {
		f.dropOldest()
	}
	if f.replaySize() > f.replay {
		f.setIndexes(f.replayIndex+1, f.minIndex, f.bufEnd(), f.queueEnd())
	}
	return true, nil
}

// insert puts v at the end of the buffer (there is no queue when it is
// called: emitters queue only while the buffer is full).
func (f *sharedCore) insert(co *interp.Coroutine, v interp.Value) error {
	if err := f.enqueue(co, sharedItem{v: v}); err != nil {
		return err
	}
	f.bufSize++
	return nil
}

// dropOldest drops the oldest buffered value; collectors that had not
// read it skip it.
func (f *sharedCore) dropOldest() {
	*f.at(f.head) = sharedItem{}
	newHead := f.head + 1
	ri, mi := f.replayIndex, f.minIndex
	if ri < newHead {
		ri = newHead
	}
	if mi < newHead {
		for _, s := range f.slots {
			if s.index >= 0 && s.index < newHead {
				s.index = newHead
			}
		}
		mi = newHead
	}
	f.setIndexes(ri, mi, f.bufEnd(), f.queueEnd())
}

// peek returns the index the collector can take a value from, or -1.
func (f *sharedCore) peek(s *sharedSlot) int64 {
	i := s.index
	switch {
	case i < f.bufEnd():
		return i
	case f.capacity > 0, i > f.head, f.queueSize == 0:
		return -1
	}
	return i // no buffer: straight from the first queued emitter
}

// take takes the collector's next value: ok false when there is none
// (or it was a cancelled emitter's place).
func (f *sharedCore) take(s *sharedSlot) (v interp.Value, ok bool) {
	i := f.peek(s)
	if i < 0 {
		return interp.Null, false
	}
	it := f.at(i)
	switch {
	case it.em != nil:
		v, ok = it.em.v, true
	case !it.gone:
		v, ok = it.v, true
	}
	old := s.index
	s.index = i + 1
	f.collectorMoved(old)
	return v, ok
}

// collectorMoved updates the indexes after a collector left index old
// (it read a value or left): when the slowest collector moved, queued
// emitters move into the freed room and resume.
func (f *sharedCore) collectorMoved(old int64) {
	if old > f.minIndex {
		return
	}
	newMin := f.bufEnd()
	if f.capacity == 0 && f.queueSize > 0 {
		newMin++
	}
	for _, s := range f.slots {
		if s.index >= 0 && s.index < newMin {
			newMin = s.index
		}
	}
	if newMin <= f.minIndex {
		return
	}
	bufEnd, queueEnd := f.bufEnd(), f.queueEnd()
	maxResume := f.queueSize
	if len(f.slots) > 0 {
		maxResume = min(maxResume, f.capacity-int(bufEnd-newMin))
	}
	var resume []*sharedEmitter
	for i := bufEnd; i < queueEnd && len(resume) < maxResume; i++ {
		it := f.at(i)
		if it.em == nil {
			continue
		}
		em := it.em
		*it = sharedItem{gone: true}
		*f.at(bufEnd) = sharedItem{v: em.v}
		bufEnd++
		resume = append(resume, em)
	}
	if len(f.slots) == 0 {
		newMin = bufEnd
	}
	ri := max(f.replayIndex, bufEnd-int64(min(f.replay, int(bufEnd-f.head))))
	if f.capacity == 0 && ri < queueEnd && f.at(ri).gone {
		bufEnd++
		ri++
	}
	f.setIndexes(ri, newMin, bufEnd, queueEnd)
	f.cleanTail()
	for _, em := range resume {
		em.index = -1
		em.c.fire(em.gen, interp.Unit, nil)
	}
	if len(resume) > 0 {
		f.wakeCollectors()
	}
}

// cleanTail drops cancelled emitters' places from the end of the queue.
func (f *sharedCore) cleanTail() {
	if f.capacity == 0 && f.queueSize <= 1 {
		return
	}
	for f.queueSize > 0 && f.at(f.queueEnd()-1).gone {
		f.queueSize--
		f.buf[len(f.buf)-1] = sharedItem{}
		f.buf = f.buf[:len(f.buf)-1]
	}
}

// wakeCollectors resumes the waiting collectors that have a value now.
func (f *sharedCore) wakeCollectors() {
	for _, s := range f.slots {
		if s.waiting && f.peek(s) >= 0 {
			s.waiting = false
			s.c.fire(s.gen, noValue, nil)
		}
	}
}

// subscribe adds a collector; it starts at the replay cache.
func (f *sharedCore) subscribe() *sharedSlot {
	s := &sharedSlot{f: f, index: f.replayIndex}
	if s.index < f.minIndex {
		f.minIndex = s.index
	}
	f.slots = append(f.slots, s)
	f.count.add(1)
	return s
}

// free removes the collector (once).
func (s *sharedSlot) free() {
	if s.index < 0 {
		return
	}
	f := s.f
	s.waiting = false
	for i, o := range f.slots {
		if o == s {
			last := len(f.slots) - 1
			f.slots[i] = f.slots[last]
			f.slots[last] = nil
			f.slots = f.slots[:last]
			break
		}
	}
	old := s.index
	s.index = -1
	f.collectorMoved(old)
	f.count.add(-1)
}

// leave implements queued: the collector's wait was cancelled.
func (s *sharedSlot) leave() { s.waiting = false }

// next returns the collector's next value, or suspends until there is
// one and returns noValue when woken.
func (s *sharedSlot) next(co *interp.Coroutine) (interp.Value, error) {
	c, err := currentActive(co, "collect")
	if err != nil {
		return interp.Null, err
	}
	f := s.f
	for i := 0; ; i++ {
		if v, ok := f.take(s); ok {
			return v, nil
		}
		if f.peek(s) < 0 {
			break
		}
		if err := co.WorkAt(i); err != nil {
			return interp.Null, err
		}
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	s.c, s.gen, s.waiting = c, gen, true
	c.ext().queue = s
	c.park()
	return interp.Null, interp.ErrSuspend
}

// emit is MutableSharedFlow.emit: at once when there is room, else the
// coroutine queues with its value until the slowest collector makes
// room (or, without a buffer, takes it).
func (f *sharedCore) emit(co *interp.Coroutine, v interp.Value) (interp.Value, error) {
	c, err := currentActive(co, "emit")
	if err != nil {
		return interp.Null, err
	}
	ok, err := f.tryEmit(co, v)
	if err != nil {
		return interp.Null, err
	}
	if ok {
		f.wakeCollectors()
		return interp.Unit, nil
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	em := &sharedEmitter{f: f, index: f.queueEnd(), v: v, c: c, gen: gen}
	if err := f.enqueue(co, sharedItem{em: em}); err != nil {
		return interp.Null, err
	}
	f.queueSize++
	if f.capacity == 0 {
		f.wakeCollectors()
	}
	c.ext().queue = em
	c.park()
	return interp.Null, interp.ErrSuspend
}

// leave implements queued: the emitter's wait was cancelled; its place
// in the queue is left empty.
func (em *sharedEmitter) leave() {
	f := em.f
	if em.index < f.head || em.index >= f.queueEnd() {
		return
	}
	if it := f.at(em.index); it.em == em {
		*it = sharedItem{gone: true}
		em.index = -1
		f.cleanTail()
	}
}

// replayCache is SharedFlow.replayCache.
func (f *sharedCore) replayCache(co *interp.Coroutine) (interp.Value, error) {
	n := f.replaySize()
	if err := co.CheckAlloc(n, 16); err != nil {
		return interp.Null, err
	}
	if err := co.Work(n); err != nil {
		return interp.Null, err
	}
	out := make([]interp.Value, n)
	for i := range out {
		out[i] = f.at(f.replayIndex + int64(i)).v
	}
	return interp.Obj(interp.NewList(out)), nil
}

// resetReplayCache is MutableSharedFlow.resetReplayCache.
func (f *sharedCore) resetReplayCache() {
	f.setIndexes(f.bufEnd(), f.minIndex, f.bufEnd(), f.queueEnd())
}

// ---- the dump ----

// flowWaitPlace tells the dump which flow a coroutine waits on, or "".
func flowWaitPlace(q queued) string {
	switch q := q.(type) {
	case *stateSlot:
		return ", in collect() on StateFlow@" + interp.IdentityHex(q.s) + " (subscribers=" + strconv.Itoa(q.s.nsubs) + ")"
	case *sharedSlot:
		if q.waiting {
			return ", in collect() on " + q.f.describe()
		}
	case *sharedEmitter:
		if q.index >= 0 {
			return ", in emit() on " + q.f.describe()
		}
	}
	return ""
}

// describe names a shared flow in the dump: its identity and state.
func (f *sharedCore) describe() string {
	return "SharedFlow@" + interp.IdentityHex(f) + " (replay=" + strconv.Itoa(f.replay) + ", buffered=" + strconv.Itoa(f.bufSize) +
		", emitters=" + strconv.Itoa(f.queueSize) + ", subscribers=" + strconv.Itoa(len(f.slots)) + ")"
}

// ---- the natives ----

// installFlowHot defines the natives of flow_hot.kc.
func (r *crt) installFlowHot() {
	in := r.in
	for _, c := range []*interp.Class{stateCoreClass, sharedCoreClass, stateSlotClass, sharedSlotClass} {
		in.DefineType(c)
	}
	in.DefineFunc("__stateCore", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(&stateCore{val: args[0]}), nil
	})
	in.DefineFunc("__sharedCore", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		replay, extra := int(args[0].ToInt64()), int(args[1].ToInt64())
		ov := ovSuspend
		if isOverflow(args[2]) {
			ov = overflow(args[2].AsObject().(*enumVal).n)
		}
		switch {
		case replay < 0:
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "replay cannot be negative, but was %d", replay)
		case extra < 0:
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "extraBufferCapacity cannot be negative, but was %d", extra)
		case replay == 0 && extra == 0 && ov != ovSuspend:
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException",
				"replay or extraBufferCapacity must be positive with non-default onBufferOverflow strategy %s", overflowValues[ov].name)
		}
		return interp.Obj(newSharedCore(replay, extra, ov)), nil
	})
	in.DefineFunc("__noValue", func(*interp.Coroutine, interp.Value, []interp.Value) (interp.Value, error) {
		return noValue, nil
	})
}

// initFlowHotMethods adds the members of the natives' classes.
func initFlowHotMethods() {
	st := func(v interp.Value) *stateCore { return v.AsObject().(*stateCore) }
	sc := stateCoreClass
	sc.AddProp("value", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return st(this).val, nil
	})
	sc.AddMethod("set", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		_, err := st(this).set(co, args[0])
		return interp.Unit, err
	})
	sc.AddMethod("compareAndSet", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ok, err := st(this).compareAndSet(co, args[0], args[1])
		return interp.Bool(ok), err
	})
	sc.AddMethod("subscribe", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(st(this).subscribe()), nil
	})
	sc.AddMethod("count", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		s := st(this)
		if s.count == nil {
			s.count = newCount(s.nsubs)
		}
		return interp.Obj(s.count), nil
	})
	ss := stateSlotClass
	suspendMethod(ss, "next", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return this.AsObject().(*stateSlot).next(co)
	})
	ss.AddMethod("free", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		this.AsObject().(*stateSlot).free()
		return interp.Unit, nil
	})

	sh := func(v interp.Value) *sharedCore { return v.AsObject().(*sharedCore) }
	fc := sharedCoreClass
	fc.AddMethod("tryEmit", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		f := sh(this)
		ok, err := f.tryEmit(co, args[0])
		if ok {
			f.wakeCollectors()
		}
		return interp.Bool(ok), err
	})
	suspendMethod(fc, "emit", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return sh(this).emit(co, args[0])
	})
	fc.AddProp("replayCache", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return sh(this).replayCache(co)
	})
	fc.AddProp("last", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		f := sh(this)
		return f.at(f.bufEnd() - 1).v, nil
	})
	fc.AddMethod("resetReplayCache", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		sh(this).resetReplayCache()
		return interp.Unit, nil
	})
	fc.AddMethod("subscribe", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Obj(sh(this).subscribe()), nil
	})
	fc.AddMethod("count", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		f := sh(this)
		if f.count == nil {
			f.count = newCount(len(f.slots))
		}
		return interp.Obj(f.count), nil
	})
	fs := sharedSlotClass
	suspendMethod(fs, "next", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return this.AsObject().(*sharedSlot).next(co)
	})
	fs.AddMethod("free", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		this.AsObject().(*sharedSlot).free()
		return interp.Unit, nil
	})
}
