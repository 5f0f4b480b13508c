package sched

import "sync"

// EventLoop is runBlocking's dispatcher: a FIFO of tasks run by Run on
// the goroutine that calls it (kotlinx's BlockingEventLoop). Dispatch is
// safe from any goroutine; Run belongs to the loop's own goroutine. A
// program that only uses one event loop runs deterministically: tasks run
// in the order they were dispatched, and its delays (timers targeting the
// loop) come back to the loop's queue in deadline order.
type EventLoop struct {
	rt *Runtime
	th *Thread
	id int64

	mu     sync.Mutex
	q      queue
	closed bool
	woken  bool // a Wake holds an activity count until Run takes it
	idle   bool // Run found the queue empty and may block: Dispatch wakes it
	wake   chan struct{}

	waitHook func(wait func())
}

// NewEventLoop returns an event loop whose thread is called name ("main"
// for the CLI's main script).
func (rt *Runtime) NewEventLoop(name string) *EventLoop {
	return rt.NewEventLoopOn(rt.newThread(name))
}

// NewEventLoopOn returns an event loop that runs on an existing thread:
// for a runBlocking nested in a task running on t (its Run parks the
// enclosing tasks while it waits, so they do not count as activity).
func (rt *Runtime) NewEventLoopOn(t *Thread) *EventLoop {
	return &EventLoop{rt: rt, th: t, id: rt.jobSeq.Add(1), wake: make(chan struct{}, 1)}
}

// Outcomes of drain.
const (
	drainEmpty    = iota // the queue is empty (and the loop marked idle)
	drainDone            // done held
	drainPanicked        // a task panicked (reported); there may be more
)

// drain runs queued tasks in order until done holds or the queue is
// empty, under one deferred recover for the whole run of tasks (a task
// that panics is reported as exec does, and Run goes on).
func (l *EventLoop) drain(done func() bool) (res int) {
	t := l.th
	t.running++
	defer func() {
		t.running--
		if r := recover(); r != nil {
			t.rt.taskPanicked(t, r)
			l.rt.dec(1) // the task that panicked
			res = drainPanicked
		}
	}()
	for {
		if done() {
			return drainDone
		}
		l.mu.Lock()
		task := l.q.pop()
		if task == nil {
			l.idle = true // Dispatch wakes the loop from now on
		}
		l.mu.Unlock()
		if task == nil {
			return drainEmpty
		}
		task.Run(t)
		l.rt.dec(1)
	}
}

// SetWaitHook makes Run call h(wait) instead of wait when it has to
// block until more work arrives; h must call wait. A host that holds a
// lock of its own while the loop runs tasks releases it around wait.
// Set it before Run; it returns the hook set before, for a nested Run
// that needs a hook of its own to put back when it returns.
func (l *EventLoop) SetWaitHook(h func(wait func())) (prev func(wait func())) {
	prev, l.waitHook = l.waitHook, h
	return prev
}

// Thread returns the loop's thread.
func (l *EventLoop) Thread() *Thread { return l.th }

// Dispatch queues task and wakes Run. After Close the task is rejected
// (Options.Reject; by default it runs on the DefaultExecutor thread).
func (l *EventLoop) Dispatch(task Task) {
	l.rt.inc(1)
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		l.rt.reject(l, task)
		return
	}
	l.q.push(task)
	idle := l.idle
	l.mu.Unlock()
	if idle {
		l.wakeup()
	}
}

// IsDispatchNeeded returns true.
func (l *EventLoop) IsDispatchNeeded() bool { return true }

// String returns "BlockingEventLoop@hash".
func (l *EventLoop) String() string { return "BlockingEventLoop@" + l.rt.opts.Hash(-l.id-1) }

// Key returns DispatcherKey.
func (l *EventLoop) Key() Key { return DispatcherKey }

// Wake makes Run re-evaluate its done condition; call it (from any
// goroutine) when something done depends on may have changed, e.g. from
// the completion handler of runBlocking's job. Until Run has seen it, the
// wake counts as activity (so virtual time does not jump and no deadlock
// is reported in between). After Close it does nothing.
func (l *EventLoop) Wake() {
	l.mu.Lock()
	if !l.closed && !l.woken {
		l.woken = true
		l.rt.inc(1)
	}
	l.mu.Unlock()
	l.wakeup()
}

// takeWake releases the activity count of a pending Wake.
func (l *EventLoop) takeWake() {
	l.mu.Lock()
	w := l.woken
	l.woken = false
	l.mu.Unlock()
	if w {
		l.rt.dec(1)
	}
}

func (l *EventLoop) wakeup() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Close makes the loop reject further tasks; tasks still queued are
// rejected too (with the default Reject they run on the DefaultExecutor
// thread). Call it once Run has returned for good.
func (l *EventLoop) Close() {
	l.mu.Lock()
	l.closed = true
	left := l.q.drain()
	l.mu.Unlock()
	l.takeWake()
	for _, t := range left {
		l.rt.reject(l, t) // each keeps its activity count
	}
}

// Pending returns the number of queued tasks.
func (l *EventLoop) Pending() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.q.len()
}

// Run runs the loop's tasks on the calling goroutine, in FIFO order,
// until done() returns true (checked before each task and whenever the
// loop is woken). It returns nil then; a *DeadlockError when done() is
// false but nothing anywhere can run any more; ErrClosed when the
// runtime is closed. Tasks still queued when it returns stay queued.
// Run must not be called concurrently with itself; a task may call it
// again, nested (a runBlocking sharing the loop), with a done of its
// own: the nested Run then runs the loop's tasks until that holds.
func (l *EventLoop) Run(done func() bool) error {
	prev := l.th.loop
	l.th.loop = l
	defer func() { l.th.loop = prev }()
	for {
		switch l.drain(done) {
		case drainDone:
			l.takeWake()
			return nil
		case drainPanicked:
			continue
		}
		l.takeWake()
		var err error
		if h := l.waitHook; h != nil {
			h(func() { err = l.wait(done) })
		} else {
			err = l.wait(done)
		}
		l.mu.Lock()
		l.idle = false
		l.mu.Unlock()
		if err != nil {
			return err
		}
	}
}

// wait blocks until the queue is not empty or done() may have changed.
func (l *EventLoop) wait(done func() bool) error {
	rt := l.rt
	rt.mu.Lock()
	if rt.closed {
		rt.mu.Unlock()
		return ErrClosed
	}
	rt.waiting[l] = struct{}{}
	rt.mu.Unlock()
	parked := rt.park(l.th)
	defer func() {
		rt.mu.Lock()
		delete(rt.waiting, l)
		rt.mu.Unlock()
		rt.unpark(parked)
		l.takeWake()
	}()
	for {
		rt.mu.Lock()
		closed, quiet := rt.closed, rt.quiescentLocked()
		rt.mu.Unlock()
		if closed {
			return ErrClosed
		}
		if done() {
			return nil
		}
		if quiet {
			return rt.deadlock(l.th.name)
		}
		<-l.wake
		l.mu.Lock()
		n := l.q.len()
		l.mu.Unlock()
		if n > 0 || done() {
			return nil
		}
		l.takeWake()
	}
}
