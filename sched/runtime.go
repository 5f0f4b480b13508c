package sched

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Runtime. The zero value is usable: real clock,
// kotlinx.coroutines 1.8 strings, default hooks.
type Options struct {
	// VirtualTime selects the VirtualClock (see there).
	VirtualTime bool
	// DefaultParallelism is the number of threads of Dispatchers.Default;
	// 0 means max(2, GOMAXPROCS).
	DefaultParallelism int
	// IOParallelism is the limit of Dispatchers.IO; 0 means 64.
	IOParallelism int

	// IsCancellation classifies errors: true for the language's
	// CancellationException and subclasses. Default: errors.As to
	// *CancellationError.
	IsCancellation func(err error) bool
	// NewCancellation makes a JobCancellationException with the given
	// message, cause (may be nil) and job (kotlinx prints it as
	// "kotlinx.coroutines.JobCancellationException: msg; job=<job>").
	// Default: a *CancellationError.
	NewCancellation func(msg string, cause error, job *Job) error
	// AddSuppressed attaches other to root as a suppressed exception
	// (Throwable.addSuppressed). Optional: the job also records the list
	// (Job.Suppressed).
	AddSuppressed func(root, other error)
	// Hash returns the identity hash kotlinx appends to a job's or
	// dispatcher's toString ("@1b6d3586"). Default: derived from the id.
	Hash func(id int64) string
	// Deadlock, when set, returns a dump of the suspended coroutines
	// (names, states, suspension points) for DeadlockError.
	Deadlock func() string
	// Reject receives a task dispatched to a closed dispatcher. Default
	// (as kotlinx 1.0.1 did for a shut-down executor or event loop; 1.8
	// cancels the coroutine's job and runs the task on Dispatchers.IO):
	// run it on the DefaultExecutor thread; after Runtime.Close, drop it.
	Reject func(d Dispatcher, task Task)
	// Panic receives a Go panic that escaped a task (the runtime recovers
	// it and the thread goes on). Default: print it to stderr.
	Panic func(t *Thread, v any)
}

// Runtime is one coroutine world: its clock, the shared Default/IO
// thread pool, the timer thread (kotlinx.coroutines.DefaultExecutor), the
// activity counter that drives the virtual clock and deadlock detection,
// and the hooks that let the language layer supply exception values. It
// creates the other dispatchers. All methods are safe from any goroutine
// unless noted.
type Runtime struct {
	opts   Options
	clock  Clock
	vclock *VirtualClock

	threadSeq atomic.Int64
	limSeq    atomic.Int64 // limitedParallelism views made
	jobSeq    atomic.Int64
	busy      atomic.Int64 // tasks queued or running + host ops + parked adjustments
	ops       atomic.Int64

	mu        sync.Mutex
	timers    timerHeap
	timerSeq  uint64
	waiting   map[*EventLoop]struct{}
	closed    bool
	execOn    bool
	execQ     []Task
	execWake  chan struct{}
	execTh    *Thread
	closers   []Dispatcher
	wg        sync.WaitGroup
	poolOnce  sync.Once
	pool      *pool
	def, io   *limited
	unconf    *unconfined
	closeOnce sync.Once
	done      chan struct{} // closed by Close
}

// New returns a runtime. Threads are created lazily, on first use.
func New(opts Options) *Runtime {
	rt := &Runtime{opts: opts, waiting: map[*EventLoop]struct{}{}, execWake: make(chan struct{}, 1), done: make(chan struct{})}
	if opts.VirtualTime {
		rt.vclock = NewVirtualClock()
		rt.clock = rt.vclock
	} else {
		rt.clock = NewRealClock()
	}
	if rt.opts.IsCancellation == nil {
		rt.opts.IsCancellation = func(err error) bool {
			var c *CancellationError
			return errors.As(err, &c)
		}
	}
	if rt.opts.NewCancellation == nil {
		rt.opts.NewCancellation = func(msg string, cause error, job *Job) error {
			return &CancellationError{Msg: msg, Cause: cause, Job: job}
		}
	}
	if rt.opts.Hash == nil {
		rt.opts.Hash = hexID
	}
	rt.unconf = &unconfined{rt: rt}
	rt.execTh = rt.newThread("kotlinx.coroutines.DefaultExecutor")
	return rt
}

// Clock returns the runtime's clock.
func (rt *Runtime) Clock() Clock { return rt.clock }

// Now returns the runtime clock's monotonic time.
func (rt *Runtime) Now() time.Duration { return rt.clock.Now() }

// IsVirtual reports whether the runtime runs on the virtual clock.
func (rt *Runtime) IsVirtual() bool { return rt.vclock != nil }

// IsCancellation applies the IsCancellation hook.
func (rt *Runtime) IsCancellation(err error) bool { return err != nil && rt.opts.IsCancellation(err) }

// NewCancellation applies the NewCancellation hook.
func (rt *Runtime) NewCancellation(msg string, cause error, job *Job) error {
	return rt.opts.NewCancellation(msg, cause, job)
}

// CancellationError is the default cancellation exception value
// (kotlinx's JobCancellationException) used when no NewCancellation hook
// is set: Msg is its message ("Job was cancelled"), Cause the error that
// caused the cancellation (nil for a plain cancel) and Job the job that
// was cancelled.
type CancellationError struct {
	Msg   string
	Cause error
	Job   *Job
}

// Error returns the message.
func (e *CancellationError) Error() string { return e.Msg }

// Unwrap returns the cause.
func (e *CancellationError) Unwrap() error { return e.Cause }

// ---- activity ----

// inc records n more units of activity.
func (rt *Runtime) inc(n int) { rt.busy.Add(int64(n)) }

// dec records n units of activity less; at zero the runtime is idle.
func (rt *Runtime) dec(n int) {
	if rt.busy.Add(-int64(n)) == 0 {
		rt.idle()
	}
}

// idle wakes whoever reacts to idleness: the timer thread (virtual time
// jumps) and event loops waiting in Run (deadlock detection).
func (rt *Runtime) idle() {
	rt.mu.Lock()
	for l := range rt.waiting {
		l.wakeup()
	}
	rt.mu.Unlock()
	rt.wakeExec()
}

// BeginOp records an outstanding host operation (a Go callback that will
// resume a coroutine later, a host goroutine running script code outside
// any dispatcher): while one is outstanding the runtime is not idle, so
// virtual time does not jump and no deadlock is reported. Every BeginOp
// needs exactly one EndOp. A goroutine holding an op must end it before it
// blocks in EventLoop.Run or Sleep, or time cannot advance.
func (rt *Runtime) BeginOp() {
	rt.ops.Add(1)
	rt.inc(1)
}

// EndOp ends an operation started with BeginOp.
func (rt *Runtime) EndOp() {
	rt.ops.Add(-1)
	rt.dec(1)
}

// Activity is a snapshot of what the runtime is doing.
type Activity struct {
	Busy   int64         // tasks queued or running, plus host operations
	Ops    int64         // outstanding host operations (BeginOp)
	Timers int           // pending timers
	Now    time.Duration // clock time
}

// Activity returns a snapshot of the runtime's activity (for a --timeout
// report, or tests).
func (rt *Runtime) Activity() Activity {
	rt.mu.Lock()
	n := len(rt.timers)
	rt.mu.Unlock()
	return Activity{Busy: rt.busy.Load(), Ops: rt.ops.Load(), Timers: n, Now: rt.clock.Now()}
}

// Quiescent reports whether nothing can ever happen again by itself: no
// task queued or running, no host operation, no timer pending.
func (rt *Runtime) Quiescent() bool {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.quiescentLocked()
}

func (rt *Runtime) quiescentLocked() bool {
	return rt.busy.Load() == 0 && len(rt.timers) == 0 && len(rt.execQ) == 0
}

// DeadlockError is returned by EventLoop.Run when the loop waits for a
// condition that can never become true: nothing is queued or running
// anywhere, no timer is pending and no host operation is outstanding
// (Kotlin would hang forever).
type DeadlockError struct {
	Thread string // the thread of the waiting event loop
	Dump   string // the Deadlock hook's dump of suspended coroutines
}

// Error describes the deadlock.
func (e *DeadlockError) Error() string {
	s := "deadlock: runBlocking on thread \"" + e.Thread + "\" waits, but nothing can run any more (no task, timer or host operation)"
	if e.Dump != "" {
		s += "\n" + e.Dump
	}
	return s
}

func (rt *Runtime) deadlock(thread string) *DeadlockError {
	e := &DeadlockError{Thread: thread}
	if rt.opts.Deadlock != nil {
		e.Dump = rt.opts.Deadlock()
	}
	return e
}

// ErrClosed is returned by EventLoop.Run when the runtime was closed.
var ErrClosed = errors.New("sched: runtime closed")

func (rt *Runtime) taskPanicked(t *Thread, v any) {
	if rt.opts.Panic != nil {
		rt.opts.Panic(t, v)
		return
	}
	fmt.Fprintf(os.Stderr, "sched: panic in a task on thread %s: %v\n", t.name, v)
}

// reject handles a task dispatched to a closed dispatcher d. The caller
// holds one activity count for the task, which reject takes over.
func (rt *Runtime) reject(d Dispatcher, task Task) {
	if rt.opts.Reject != nil {
		rt.dec(1)
		rt.opts.Reject(d, task)
		return
	}
	rt.execute(task, true)
}

// ---- timers ----

// Timer is a pending delayed task (see Runtime.AfterFunc).
type Timer struct {
	rt       *Runtime
	deadline time.Duration
	seq      uint64
	task     Task
	index    int // in the heap; -1 when fired or stopped
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].deadline != h[j].deadline {
		return h[i].deadline < h[j].deadline
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}

// AfterFunc schedules fn to run after d of clock time. When it falls
// due the task is dispatched to target; with a nil target, or
// Unconfined, or any dispatcher whose IsDispatchNeeded is false, it runs
// on the timer thread "kotlinx.coroutines.DefaultExecutor". Timers with
// the same deadline fire in the order they were scheduled. Pending timers
// keep the runtime from being quiescent but not from being idle (idleness
// is what lets virtual time jump to them).
func (rt *Runtime) AfterFunc(d time.Duration, target Dispatcher, fn func(t *Thread)) *Timer {
	t := new(Timer)
	var task Task = TaskFunc(fn)
	if target != nil {
		task = TaskFunc(func(th *Thread) { DispatchOrRun(target, th, TaskFunc(fn)) })
	}
	rt.StartTimer(t, d, task)
	return t
}

// DispatchOrRun dispatches task to d, or runs it at once on th (the
// thread the caller runs on) when d needs no dispatch (Unconfined).
func DispatchOrRun(d Dispatcher, th *Thread, task Task) {
	if d.IsDispatchNeeded() {
		d.Dispatch(task)
		return
	}
	task.Run(th)
}

// StartTimer is AfterFunc for a Timer the caller provides (typically
// embedded in its coroutine struct) and a Task, which runs on the timer
// thread (and may dispatch what it does). t must not be pending: a Timer
// can be started again once its task has run or it was stopped.
func (rt *Runtime) StartTimer(t *Timer, d time.Duration, task Task) {
	if d < 0 {
		d = 0
	}
	rt.mu.Lock()
	*t = Timer{rt: rt, index: -1}
	if rt.closed {
		rt.mu.Unlock()
		return
	}
	rt.timerSeq++
	now := rt.clock.Now()
	deadline := now + d
	if d > math.MaxInt64-now {
		deadline = math.MaxInt64 // never, rather than an overflow into the past
	}
	t.deadline, t.seq, t.task = deadline, rt.timerSeq, task
	heap.Push(&rt.timers, t)
	first := t.index == 0
	rt.startExecLocked()
	rt.mu.Unlock()
	if first {
		rt.wakeExec()
	}
}

// Stop cancels the timer; it reports whether the timer was still pending.
func (t *Timer) Stop() bool {
	if t == nil || t.rt == nil {
		return false
	}
	rt := t.rt
	rt.mu.Lock()
	ok := t.index >= 0
	if ok {
		heap.Remove(&rt.timers, t.index)
		t.task = nil
	}
	rt.mu.Unlock()
	if ok {
		// a stopped timer may have been what kept an event loop waiting
		rt.idleCheck()
	}
	return ok
}

// idleCheck signals idleness watchers if the runtime is idle now.
func (rt *Runtime) idleCheck() {
	if rt.busy.Load() == 0 {
		rt.idle()
	}
}

// Deadline returns the clock time at which the timer falls due.
func (t *Timer) Deadline() time.Duration { return t.deadline }

// ---- the DefaultExecutor thread ----

// execute runs task on the DefaultExecutor thread. counted tells whether
// the caller already holds an activity count for it (taken over).
func (rt *Runtime) execute(task Task, counted bool) {
	if !counted {
		rt.inc(1)
	}
	rt.mu.Lock()
	if rt.closed {
		rt.mu.Unlock()
		rt.dec(1)
		return
	}
	rt.execQ = append(rt.execQ, task)
	rt.startExecLocked()
	rt.mu.Unlock()
	rt.wakeExec()
}

func (rt *Runtime) wakeExec() {
	select {
	case rt.execWake <- struct{}{}:
	default:
	}
}

func (rt *Runtime) startExecLocked() {
	if rt.execOn || rt.closed {
		return
	}
	rt.execOn = true
	rt.wg.Add(1)
	go rt.execLoop()
}

// execLoop is the DefaultExecutor thread: it fires due timers (and, on
// the virtual clock, makes time jump when the runtime is idle) and runs
// the tasks given to it.
func (rt *Runtime) execLoop() {
	defer rt.wg.Done()
	th := rt.execTh
	var sleep *time.Timer
	defer func() {
		if sleep != nil {
			sleep.Stop()
		}
	}()
	for {
		rt.mu.Lock()
		if rt.closed {
			rt.mu.Unlock()
			return
		}
		now := rt.clock.Now()
		var due []*Timer
		if len(rt.timers) > 0 && rt.timers[0].deadline > now && rt.vclock != nil &&
			rt.busy.Load() == 0 && len(rt.execQ) == 0 {
			// idle: jump to the next deadline
			rt.vclock.AdvanceTo(rt.timers[0].deadline)
			now = rt.clock.Now()
		}
		for len(rt.timers) > 0 && rt.timers[0].deadline <= now {
			due = append(due, heap.Pop(&rt.timers).(*Timer))
		}
		// hold a count for each due timer until it is dispatched, so the
		// runtime never looks idle in between
		rt.inc(len(due))
		var task Task
		if len(due) == 0 && len(rt.execQ) > 0 {
			task = rt.execQ[0]
			rt.execQ[0] = nil
			rt.execQ = rt.execQ[1:]
		}
		wait := time.Duration(-1)
		if len(due) == 0 && task == nil && len(rt.timers) > 0 {
			wait = rt.timers[0].deadline - now
		}
		rt.mu.Unlock()

		for _, t := range due {
			rt.fire(th, t)
		}
		if task != nil {
			th.exec(task)
			rt.dec(1)
		}
		if len(due) > 0 || task != nil {
			continue
		}
		if wait < 0 {
			<-rt.execWake
			continue
		}
		if sleep == nil {
			sleep = time.NewTimer(wait)
		} else {
			sleep.Reset(wait)
		}
		select {
		case <-rt.execWake:
			if !sleep.Stop() {
				select {
				case <-sleep.C:
				default:
				}
			}
		case <-sleep.C:
		}
	}
}

// fire runs a due timer's task; the caller holds one count for it.
func (rt *Runtime) fire(th *Thread, t *Timer) {
	if task := t.task; task != nil {
		th.exec(task)
	}
	rt.dec(1)
}

// Sleep blocks the calling goroutine for d of clock time (Thread.sleep).
// t is the thread the caller runs a task on (nil for a goroutine outside
// the runtime): while it sleeps, its tasks do not count as activity, so
// virtual time can jump; the timer hands the activity back before it
// wakes the sleeper. It returns early when the runtime is closed. Safe
// only on t's own goroutine.
func (rt *Runtime) Sleep(t *Thread, d time.Duration) { rt.SleepUntil(t, d, nil) }

// SleepUntil is Sleep that also returns early when stop is closed (a
// nil stop never is); it reports whether the whole of d elapsed.
func (rt *Runtime) SleepUntil(t *Thread, d time.Duration, stop <-chan struct{}) bool {
	ch := make(chan struct{})
	var mu sync.Mutex
	fired, parked, handed := false, 0, false
	tm := rt.AfterFunc(d, nil, func(*Thread) {
		mu.Lock()
		fired = true
		if parked > 0 {
			rt.inc(parked) // the sleeper's tasks are active again
			handed = true
		}
		mu.Unlock()
		close(ch)
	})
	mu.Lock()
	if fired {
		mu.Unlock()
		return true
	}
	if t != nil && t.running > 0 {
		parked = t.running
		rt.dec(parked)
	}
	mu.Unlock()
	slept := false
	select {
	case <-ch:
		slept = true
	case <-rt.closedCh():
	case <-stop:
		tm.Stop()
	}
	mu.Lock()
	if !handed {
		rt.unpark(parked)
		parked = 0
	}
	mu.Unlock()
	return slept
}

func (rt *Runtime) park(t *Thread) int {
	if t == nil || t.running == 0 {
		return 0
	}
	n := t.running
	rt.dec(n)
	return n
}

func (rt *Runtime) unpark(n int) {
	if n > 0 {
		rt.inc(n)
	}
}

func (rt *Runtime) closedCh() chan struct{} { return rt.done }

// ---- shared pool, predefined dispatchers ----

func (rt *Runtime) sharedPool() {
	rt.poolOnce.Do(func() {
		n := rt.opts.DefaultParallelism
		if n <= 0 {
			n = max(2, runtime.GOMAXPROCS(0))
		}
		io := rt.opts.IOParallelism
		if io <= 0 {
			io = 64
		}
		rt.pool = newPool(rt, n+io, false, func(i int) string { return fmt.Sprintf("DefaultDispatcher-worker-%d", i) })
		rt.def = newLimited(rt, rt.pool, n, "Dispatchers.Default")
		rt.io = newLimited(rt, rt.pool, io, "Dispatchers.IO")
	})
}

// Default returns Dispatchers.Default: at most DefaultParallelism tasks
// at once on the shared pool, whose threads are named
// "DefaultDispatcher-worker-N" (created on demand, numbered from 1).
// Its Close does nothing (kotlinx: "DefaultDispatcher cannot be closed");
// Runtime.Close stops it.
func (rt *Runtime) Default() Dispatcher { rt.sharedPool(); return rt.def }

// IO returns Dispatchers.IO: at most IOParallelism tasks at once on the
// same shared pool and threads as Default.
func (rt *Runtime) IO() Dispatcher { rt.sharedPool(); return rt.io }

// Unconfined returns Dispatchers.Unconfined. Its IsDispatchNeeded is
// false: whoever resumes a coroutine on it runs the task inline, on its
// own current thread, as kotlinx does. Its Dispatch is only for callers
// without a thread of the runtime (a host goroutine, a closed dispatcher's
// rejects): the task then runs on the DefaultExecutor thread, where
// timers targeting Unconfined also run. Close does nothing.
func (rt *Runtime) Unconfined() Dispatcher { return rt.unconf }

// Adopt wraps a host dispatcher so that the tasks it is given count as
// activity from Dispatch until they return (the virtual clock and the
// deadlock detection then see them). The host must run every task it is
// given exactly once (or the runtime never becomes idle).
func (rt *Runtime) Adopt(d Dispatcher) Dispatcher { return &adopted{rt: rt, d: d} }

type adopted struct {
	rt *Runtime
	d  Dispatcher
}

func (a *adopted) Dispatch(task Task) {
	a.rt.inc(1)
	a.d.Dispatch(TaskFunc(func(t *Thread) {
		defer a.rt.dec(1)
		if t != nil {
			t.exec(task)
		} else {
			task.Run(t)
		}
	}))
}
func (a *adopted) IsDispatchNeeded() bool { return a.d.IsDispatchNeeded() }
func (a *adopted) String() string         { return a.d.String() }
func (a *adopted) Close()                 { a.d.Close() }
func (a *adopted) Key() Key               { return DispatcherKey }

// Close stops the runtime: every dispatcher it created is closed, queued
// tasks and pending timers are dropped, event loops waiting in Run return
// ErrClosed, and Close waits until all the runtime's goroutines have
// exited (tasks running at that moment are allowed to finish). Calling it
// from a task of the runtime deadlocks. Safe to call more than once.
func (rt *Runtime) Close() {
	rt.closeOnce.Do(func() {
		rt.mu.Lock()
		rt.closed = true
		for _, t := range rt.timers {
			t.index = -1
		}
		rt.timers = nil
		nq := len(rt.execQ)
		rt.execQ = nil
		closers := rt.closers
		rt.closers = nil
		loops := make([]*EventLoop, 0, len(rt.waiting))
		for l := range rt.waiting {
			loops = append(loops, l)
		}
		rt.mu.Unlock()
		close(rt.closedCh())
		rt.dec(nq)
		rt.wakeExec()
		if rt.pool != nil {
			rt.pool.shutdown(true)
		}
		for _, d := range closers {
			if c, ok := d.(interface{ closeNow() }); ok {
				c.closeNow()
			} else {
				d.Close()
			}
		}
		for _, l := range loops {
			l.wakeup()
		}
		rt.wg.Wait()
	})
}

func (rt *Runtime) register(d Dispatcher) bool {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.closed {
		return false
	}
	rt.closers = append(rt.closers, d)
	return true
}
