package stdlib

// The coroutine runtime of scripts: sched (jobs, dispatchers, timers)
// bound to the VM's resumable coroutines.
//
// A script coroutine (launch, async, runBlocking, coroutineScope,
// withContext, ...) is a Coro: a sched.Job, its context, its dispatcher
// and an interp.Coroutine (the heap frames of its body). It owns no
// goroutine: running it means handing Coro.run to its dispatcher, which
// calls it on one of its threads; run executes the frames until the body
// completes or a native suspends it (delay, join, await, ...). The
// suspending native registers a waiter with whoever will wake it (a
// timer, a job's completion, the job's own cancellation); the first of
// them to fire wins, stores the value or exception in the waiter and
// hands run to the dispatcher again.
//
// Script code of one interpreter runs under one lock (the GIL): a thread
// takes it for as long as it runs a coroutine and lets it go at
// suspension, when it blocks (runBlocking's loop, Thread.sleep) and every
// few thousand steps. A racy script on Dispatchers.Default may therefore
// compute a wrong result, as on the JVM, but it can never corrupt the
// interpreter's memory (a Go map written from two threads at once, a torn
// value).

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

type crtKey struct{}

// crt is the coroutine runtime of one interpreter.
type crt struct {
	in    *interp.Interp
	rt    *sched.Runtime
	debug bool

	gil    sync.Mutex
	holder atomic.Pointer[sched.Thread]
	ntask  uint32 // tasks run nested in the GIL (under it)
	// gilWaiters counts goroutines blocked in lockGIL: tick hands the
	// GIL over only when there are some
	gilWaiters atomic.Int32
	// under the GIL: the threads running Unconfined coroutines, with
	// the ones waiting for their turn (see runUnconfined)
	unconf map[*sched.Thread][]*Coro
	// under the GIL: what runs now
	cur     *Coro
	curTh   *sched.Thread
	curName string

	mainTh *sched.Thread
	ids    atomic.Int64 // debug-mode coroutine ids

	mu    sync.Mutex
	fatal error // an uncatchable error (interrupt, step limit) that ended a coroutine

	roots    map[*sched.Job]struct{} // under mu: coroutines at the top of the job forest, for the dump
	ncOnce   sync.Once
	nc       *jobVal
	dispVals sync.Map // sched.Dispatcher -> *dispVal

	// under mu: jobs without a body and without a parent (Job(),
	// SupervisorJob(), CompletableDeferred()), held weakly (see trackJob)
	jobRoots map[weak.Pointer[sched.Job]]struct{}
	jobPrune int // len(jobRoots) at which trackJob drops collected entries

	host       atomic.Pointer[hostState]   // embedding state (host.go), nil until a host sets some
	jobClasses map[jobKind]*sched.JobClass // under the GIL (see jobClass)
	// ctx is the context of ctxOf (see Coro.context), under the GIL
	ctxOf    *Coro
	ctx      sched.Context
	lastBase *sched.Context // see shareCtx
}

// installCoroutines binds the coroutine API to a new runtime.
func installCoroutines(in *interp.Interp) {
	coroMethodsOnce.Do(func() {
		initCoroMethods()
		initFactories()
		cancellationClass = in.Type("CancellationException")
		// kotlinx's JobCancellationException.toString names the job
		in.Type("JobCancellationException").AddMethod("toString", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			e := interp.ExceptionOf(this)
			s := e.Error()
			if j, ok := e.Data().(*sched.Job); ok {
				s += "; job=" + j.String()
			}
			return interp.String(s), nil
		})
	})
	r := newCrt(in)
	r.install()
}

// Runtime returns the coroutine runtime (sched) of an interpreter the
// standard library was installed in, or nil. A host may use it to read the
// clock or the activity, or to make dispatchers; closing it is Close's
// job. Safe from any goroutine.
func Runtime(in *interp.Interp) *sched.Runtime {
	if r := crtOf(in); r != nil {
		return r.rt
	}
	return nil
}

func crtOf(in *interp.Interp) *crt {
	r, _ := in.Data(crtKey{}).(*crt)
	return r
}

func newCrt(in *interp.Interp) *crt {
	opts := in.Options()
	r := &crt{in: in, debug: opts.Debug}
	r.rt = sched.New(sched.Options{
		VirtualTime:    opts.VirtualTime,
		IsCancellation: isCancellation,
		NewCancellation: func(msg string, cause error, job *sched.Job) error {
			return r.newJobCancellation(msg, cause, job)
		},
		AddSuppressed: func(root, other error) {
			var a, b *interp.Exception
			if errors.As(root, &a) && errors.As(other, &b) && a != b {
				a.AddSuppressed(b)
			}
		},
		Deadlock: r.dump,
		Panic: func(t *sched.Thread, v any) {
			r.setFatal(fmt.Errorf("ktcoro internal error on thread %s: %v", t.Name(), v))
		},
	})
	r.mainTh = r.rt.NewEventLoop("main").Thread()
	r.curTh = r.mainTh
	r.curName = "main"
	in.SetData(crtKey{}, r)
	SetThreads(in, r)
	in.SetTickHook(r.tick)
	in.RunHook = r.runMain
	in.SuspendMainHook = r.runSuspendMain
	return r
}

func (r *crt) setFatal(err error) {
	r.mu.Lock()
	if r.fatal == nil {
		r.fatal = err
	}
	r.mu.Unlock()
	r.in.Interrupt()
}

// ---- the GIL ----

// gilSave is what enter saved, for leave.
type gilSave struct {
	nested bool
	cur    *Coro
	th     *sched.Thread
	name   string
}

// enter takes the GIL for thread t (nested when t already holds it).
func (r *crt) enter(t *sched.Thread) gilSave {
	if t != nil && r.holder.Load() == t {
		return gilSave{nested: true, cur: r.cur, th: r.curTh, name: r.curName}
	}
	r.lockGIL()
	r.holder.Store(t)
	s := gilSave{cur: r.cur, th: r.curTh, name: r.curName}
	r.cur, r.curTh, r.curName = nil, t, ""
	if t != nil {
		r.curName = t.Name()
	}
	return s
}

// lockGIL takes the GIL, counting the wait for tick.
func (r *crt) lockGIL() {
	if r.gil.TryLock() {
		return
	}
	r.gilWaiters.Add(1)
	r.gil.Lock()
	r.gilWaiters.Add(-1)
}

// leave undoes enter.
func (r *crt) leave(s gilSave) {
	r.cur, r.curTh, r.curName = s.cur, s.th, s.name
	if !s.nested {
		r.holder.Store(nil)
		r.gil.Unlock()
	}
}

// release lets other threads run script code while this one blocks; the
// caller must hold the GIL. reacquire takes it back.
func (r *crt) release() gilSave {
	s := gilSave{cur: r.cur, th: r.curTh, name: r.curName}
	r.holder.Store(nil)
	r.gil.Unlock()
	return s
}

func (r *crt) reacquire(s gilSave) {
	r.lockGIL()
	r.holder.Store(s.th)
	r.cur, r.curTh, r.curName = s.cur, s.th, s.name
}

// tick is the VM's periodic hook: it lets other threads take the GIL.
func (r *crt) tick(co *interp.Coroutine) error {
	if r.gilWaiters.Load() == 0 {
		return nil // nobody to let in
	}
	if r.holder.Load() == nil {
		return nil // not run under the GIL (a host driving a coroutine by hand)
	}
	s := r.release()
	runtime.Gosched()
	r.reacquire(s)
	return nil
}

// runMain runs a program's initialiser or main on the calling goroutine
// (the thread "main"), outside any coroutine.
func (r *crt) runMain(co *interp.Coroutine) error {
	r.rt.BeginOp()
	defer r.rt.EndOp()
	s := r.enter(r.mainTh)
	st := co.Run()
	var err error
	switch st {
	case interp.Failed:
		err = co.Err()
	case interp.Suspended:
		err = r.in.NewError("java.lang.IllegalStateException", "the program suspended outside of a coroutine")
	}
	r.leave(s)
	if f := r.takeFatal(); f != nil {
		return f
	}
	return err
}

func (r *crt) takeFatal() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal
}

// ---- coroutines ----

// Coro is a script coroutine: a job with a body running in a VM
// coroutine on a dispatcher. Its script value is the coroutine object
// itself (StandaloneCoroutine, DeferredCoroutine, ...), which is both a
// Job and the CoroutineScope receiver of its body; it is also the
// interp.Coroutine.Data of the VM coroutine. Hosts meet it in stack
// traces (TraceAnnotation); its methods are safe where scripts run and
// where reports are printed.
type Coro struct {
	vm  interp.Coroutine
	job sched.Job
	r   *crt
	// base is the context the coroutine was made with, without its own
	// job (see context); siblings share it (see crt.shareCtx)
	base *sched.Context

	// under the GIL
	f       coroFlag
	builder builder // what created it, for stack traces (with site)

	// the current suspension (see suspend), under the GIL: whoever
	// resumes it first wins; wakers hold its generation, so that a late
	// one cannot resume a later suspension. The resumption goes to the
	// VM coroutine at once (or, while the native that suspended is still
	// running, waits in wstate or x). fWcancel: the job's cancellation
	// resumes it with CancellationException; fWtm: tm belongs to it (a
	// cancellation that wins stops it; see also coroExtra.timer).
	wstate waitState
	wgen   uint32
	// tm is the coroutine's delay timer; busy (fTbusy) from its start
	// until its task ran or it was stopped, for the suspension tgen.
	tgen uint32
	tm   sched.Timer
	x    *coroExtra // made on demand

	// where the coroutine was created, for stack traces (set before it
	// first runs; see TraceAnnotation)
	site interp.CallSite
}

// coroExtra holds what few coroutines need, under the GIL.
type coroExtra struct {
	tls []tlSave // the thread's own ThreadLocal values while it runs
	// reg is a join's or await's completion handler, and timer a
	// delay's timer when tm was busy: a cancellation that wins disposes
	// of them
	reg   *sched.Handle
	timer *sched.Timer
	// cause, when set, gives the exception a cancellation resumes with
	// (await: the awaited job's failure)
	cause func() error
	// val and err are a resumption that arrived while the native that
	// suspended was still running (wstate waitEarly)
	val interp.Value
	err error
}

// ext returns the coroutine's side struct, making it.
func (c *Coro) ext() *coroExtra {
	if c.x == nil {
		c.x = &coroExtra{}
	}
	return c.x
}

// coroTask is the Task that runs a coroutine (Coro.run); coroTimer the
// task of its delay timer (Coro.tm), which runs on the timer thread, and
// coroWake the one that timer dispatches. All are the Coro itself, so
// that dispatching allocates nothing.
type (
	coroTask  Coro
	coroTimer Coro
	coroWake  Coro
)

// Run implements sched.Task.
func (t *coroTask) Run(th *sched.Thread) { (*Coro)(t).run(th) }

// Run implements sched.Task: the delay is over; the coroutine's
// dispatcher gets coroWake (Unconfined: it runs here, on the timer
// thread).
func (t *coroTimer) Run(th *sched.Thread) {
	c := (*Coro)(t)
	sched.DispatchOrRun(c.dispatcher(), th, (*coroWake)(c))
}

// Run implements sched.Task: tm's delay of suspension tgen is over.
func (t *coroWake) Run(th *sched.Thread) { (*Coro)(t).wake(th, 0, true) }

// sleep arms a timer that resumes suspension gen after d: tm, unless
// it is still busy with an earlier suspension's (then one of its own).
// The caller holds the GIL.
func (c *Coro) sleep(gen uint32, d time.Duration) {
	if c.has(fTbusy) {
		c.ext().timer = c.r.rt.AfterFunc(d, c.dispatcher(), func(t *sched.Thread) { c.wake(t, gen, false) })
		return
	}
	c.set(fTbusy, true)
	c.tgen = gen
	c.r.rt.StartTimer(&c.tm, d, (*coroTimer)(c))
	c.set(fWtm, true)
}

// coroFlag is a set of a coroutine's flags, under the GIL.
type coroFlag uint16

const (
	fRunning  coroFlag = 1 << iota // its frames are on a Go stack now
	fAgain                         // a resume arrived while it was running
	fStarted                       // its body has started
	fAtomic                        // CoroutineStart.ATOMIC/UNDISPATCHED: the body starts even when cancelled
	fHasTL                         // the context holds ThreadLocal elements
	fNoDisp                        // context leaves the dispatcher out (scopes of suspend fun main)
	fNoJob                         // context leaves the job out (suspend fun main)
	fDeferred                      // made by async: a Deferred
	fWcancel                       // the current suspension is cancellable
	fWtm                           // tm belongs to the current suspension
	fTbusy                         // tm is busy
	fNoResult                      // nobody reads its result (launch)
)

func (c *Coro) has(f coroFlag) bool { return c.f&f != 0 }

func (c *Coro) set(f coroFlag, on bool) {
	if on {
		c.f |= f
	} else {
		c.f &^= f
	}
}

type waitState uint8

const (
	waitNone    waitState = iota
	waitPending           // suspended, not resumed yet
	waitResumed           // resumed: the VM coroutine has the resumption
	waitUnit              // resumed with Unit while still running: run delivers it
	waitEarly             // resumed while still running: run delivers x.val/x.err
)

// Class implements interp.Object.
func (c *Coro) Class() *interp.Class {
	if c.has(fDeferred) {
		return DeferredCoroutineClass
	}
	return StandaloneCoroutineClass
}

// KString implements interp.Stringer.
func (c *Coro) KString(co *interp.Coroutine) (string, error) { return c.job.String(), nil }

// shareCtx returns a pointer to ctx, the same as for the last
// coroutine made when that one was made with the same context (children
// launched in a loop). The caller holds the GIL.
func (r *crt) shareCtx(ctx sched.Context) *sched.Context {
	if p := r.lastBase; p != nil && p.Same(ctx) {
		return p
	}
	p := &ctx
	r.lastBase = p
	return p
}

// dispatcher returns the coroutine's dispatcher: its context's (the
// one it was made with), else Unconfined (suspend fun main).
func (c *Coro) dispatcher() sched.Dispatcher {
	if d := c.base.Dispatcher(); d != nil {
		return d
	}
	return c.r.rt.Unconfined()
}

// context returns the coroutine's context: the one it was made with
// plus its job (built on demand: few coroutines need it).
// The last one built is kept (children launched in a loop share it).
// The caller holds the GIL.
func (c *Coro) context() sched.Context {
	if c.has(fNoJob) {
		return *c.base
	}
	r := c.r
	if r.ctxOf == c {
		return r.ctx
	}
	ctx := c.base.With(&c.job)
	if c.has(fNoDisp) {
		ctx = ctx.MinusKey(sched.DispatcherKey)
	}
	r.ctxOf, r.ctx = c, ctx
	return ctx
}

// fire resumes suspension gen with v or err unless it was resumed
// already (or is over). The caller holds the GIL.
func (c *Coro) fire(gen uint32, v interp.Value, err error) bool {
	if !c.claim(gen, v, err) {
		return false
	}
	c.schedule()
	return true
}

// claim marks suspension gen resumed with v or err; false when it was
// resumed already. The caller holds the GIL.
func (c *Coro) claim(gen uint32, v interp.Value, err error) bool {
	if c.wgen != gen || c.wstate != waitPending {
		return false
	}
	c.deliver(v, err)
	return true
}

// deliver hands the resumption of the current suspension to the VM
// coroutine, or keeps it for run while the native that suspended is
// still running.
func (c *Coro) deliver(v interp.Value, err error) {
	switch {
	case !c.has(fRunning) && err != nil:
		c.wstate = waitResumed
		c.vm.ResumeWithException(err)
	case !c.has(fRunning):
		c.wstate = waitResumed
		c.vm.Resume(v)
	case err == nil && v.Kind() == interp.KUnit:
		c.wstate = waitUnit
	default:
		c.wstate = waitEarly
		x := c.ext()
		x.val, x.err = v, err
	}
}

// wake ends a delay: it resumes suspension gen (with tm, the one tm
// was started for, and tm is no longer busy) with Unit on thread t,
// unless it was resumed already. run takes the GIL itself (t may be
// nil), so wake lets go of it first.
func (c *Coro) wake(t *sched.Thread, gen uint32, tm bool) {
	s := c.r.enter(t)
	if tm {
		c.set(fTbusy, false)
		gen = c.tgen
	}
	ok := c.claim(gen, interp.Unit, nil)
	c.r.leave(s)
	if ok {
		c.run(t)
	}
}

// resumeOn resumes suspension gen with v or err right away on thread t
// (a timer's thread, or the thread that completed what it waited for),
// unless it was resumed already. The caller holds the GIL.
func (c *Coro) resumeOn(gen uint32, t *sched.Thread, v interp.Value, err error) {
	if c.claim(gen, v, err) {
		c.run(t)
	}
}

// cancelWait resumes a cancellable suspension with the job's
// cancellation exception (JobClass.CancelParked). The caller holds the
// GIL.
func (c *Coro) cancelWait() {
	if !c.has(fWcancel) || c.wstate != waitPending {
		return
	}
	var err error
	if x := c.x; x != nil && x.cause != nil {
		err = x.cause()
	}
	if err == nil {
		err = c.cancellationException()
	}
	c.deliver(interp.Null, err)
	if c.has(fWtm) && c.tm.Stop() {
		c.set(fTbusy, false)
	}
	if x := c.x; x != nil {
		x.reg.Dispose()
		x.timer.Stop()
	}
	c.schedule()
}

func coroOf(co *interp.Coroutine) *Coro {
	c, _ := co.Data.(*Coro)
	return c
}

// current returns the coroutine a native runs in, or an error for code
// outside coroutines.
func current(co *interp.Coroutine, what string) (*Coro, error) {
	if c := coroOf(co); c != nil {
		return c, nil
	}
	return nil, co.Errorf("java.lang.IllegalStateException", "%s can only be called from a coroutine", what)
}

// suspend prepares the suspension of c's running native and returns
// its generation: the native must return interp.ErrSuspend after
// registering a waker that calls fire, resumeOn or wake with it. (What
// the waker registers was cleared when the last suspension was
// delivered, see resumeVM.)
func (c *Coro) suspend(co *interp.Coroutine, cancellable bool) (uint32, error) {
	if err := co.Suspend(); err != nil {
		return 0, err
	}
	c.wgen++
	c.wstate = waitPending
	c.set(fWcancel, cancellable)
	return c.wgen, nil
}

// park makes a cancellable suspension cancellable once its waker is
// registered: the job's cancellation resumes it with
// CancellationException (at once when the job is already cancelling),
// in the order kotlinx notifies it: after the children and handlers
// registered before it.
func (c *Coro) park() {
	if !c.has(fWcancel) || c.wstate != waitPending {
		return
	}
	if !c.job.Park() {
		c.cancelWait()
	}
}

// cancellationException is what a cancelled suspension throws.
func (c *Coro) cancellationException() error {
	if err, ok := c.job.CancellationException(); ok {
		return err
	}
	return c.r.newJobCancellation("Job was cancelled", nil, &c.job)
}

// schedule hands the coroutine to its dispatcher to run; with Unconfined
// it runs at once on the current thread. The caller holds the GIL.
func (c *Coro) schedule() {
	if d := c.dispatcher(); d.IsDispatchNeeded() {
		d.Dispatch((*coroTask)(c))
		return
	}
	c.r.runUnconfined(c)
}

// runUnconfined runs an Unconfined coroutine on the current thread, as
// kotlinx's unconfined event loop does: when the thread is already
// running one, c waits in the thread's queue until that one suspends or
// completes (so nested Unconfined launches and resumptions run in FIFO
// order, without growing the stack). The caller holds the GIL.
func (r *crt) runUnconfined(c *Coro) {
	t := r.curTh
	if q, active := r.unconf[t]; active {
		r.unconf[t] = append(q, c)
		return
	}
	if r.unconf == nil {
		r.unconf = map[*sched.Thread][]*Coro{}
	}
	r.unconf[t] = nil
	c.run(t)
	for {
		q := r.unconf[t]
		if len(q) == 0 {
			break
		}
		r.unconf[t] = q[1:]
		q[0].run(t)
	}
	delete(r.unconf, t)
}

// threadName is the thread's name as the coroutine sees it (with
// ` @name#id` in debug mode).
func (c *Coro) threadName(t *sched.Thread) string {
	name := "main"
	if t != nil {
		name = t.Name()
	}
	if c.r.debug {
		if l := c.r.label(*c.base); l != "" {
			return name + " @" + l
		}
		// no CoroutineId (suspend fun main and its scopes): the thread
		// keeps the name it has, as on the JVM — ` @calc#1` when resumed
		// by the completion of the coroutine calc#1 on that thread
		if c.r.curTh == t && c.r.curName != "" {
			return c.r.curName
		}
	}
	return name
}

// run runs the coroutine on thread t until it suspends or completes.
func (c *Coro) run(t *sched.Thread) {
	r := c.r
	s := r.enter(t)
	if s.nested {
		// an event loop running tasks under the GIL: let other threads
		// have it now and then
		if r.ntask++; r.ntask%256 == 0 {
			r.tick(nil)
		}
	}
	if c.has(fRunning) {
		c.set(fAgain, true)
		r.leave(s)
		return
	}
	c.set(fRunning, true)
	r.cur, r.curTh = c, t
	r.curName = c.threadName(t)
	c.restoreTLs(t)
	var st interp.Status
	var early error // cancelled before it started: the body never runs
	for {
		if !c.has(fStarted) {
			c.set(fStarted, true)
			if !c.has(fAtomic) && c.job.IsCancelled() {
				early = c.cancellationException()
				break
			}
		} else if c.wstate >= waitResumed {
			c.resumeVM()
		}
		st = c.vm.Run()
		if st == interp.Suspended && c.has(fAgain) {
			c.set(fAgain, false)
			continue
		}
		break
	}
	c.set(fAgain, false)
	c.set(fRunning, false)
	c.saveTLs(t)
	switch {
	case early != nil:
		c.complete(interp.Null, early)
	case st == interp.Done:
		c.complete(c.vm.Result(), nil)
	case st == interp.Failed:
		err := c.vm.Err()
		var intr *interp.Interrupted
		if errors.As(err, &intr) {
			r.setFatal(err)
		}
		c.complete(interp.Null, err)
	}
	r.leave(s)
}

// resumeVM completes the delivery of a resumption to the VM
// coroutine: one kept while the native was running, and a cancellation
// of the job meanwhile, which a cancellable suspension throws instead.
func (c *Coro) resumeVM() {
	switch c.wstate {
	case waitUnit:
		c.vm.Resume(interp.Unit)
	case waitEarly:
		x := c.x
		if x.err != nil {
			c.vm.ResumeWithException(x.err)
		} else {
			c.vm.Resume(x.val)
		}
		x.val, x.err = interp.Value{}, nil
	}
	c.wstate = waitNone
	if c.has(fWcancel) && !c.vm.ResumesWithException() && c.job.IsCancelled() {
		c.vm.ResumeWithException(c.cancellationException())
	}
	c.set(fWtm, false)
	if x := c.x; x != nil {
		x.reg, x.cause, x.timer = nil, nil, nil
	}
}

// complete ends the body, dropping its frames: the job completes once
// its children have.
func (c *Coro) complete(v interp.Value, err error) {
	// the value stays in the VM coroutine (see jobResult) when someone
	// reads it
	c.vm.Release(!c.has(fNoResult))
	c.job.Complete(nil, err)
}

// coroOpts describe a coroutine to create.
type coroOpts struct {
	name       string // kotlinx class name: "StandaloneCoroutine", ...
	cls        *interp.Class
	lazy       bool
	supervisor bool
	scoped     bool
	handles    bool // a root failure goes to the exception handler (launch)
	parent     *sched.Job
}

// jobKind is what a sched.JobClass of a coroutine depends on.
type jobKind struct {
	name                              string
	lazy, supervisor, scoped, handles bool
}

// jobClass returns the (shared) job class of coroutines made with o.
// The caller holds the GIL.
func (r *crt) jobClass(o coroOpts) *sched.JobClass {
	k := jobKind{o.name, o.lazy, o.supervisor, o.scoped, o.handles}
	if jc := r.jobClasses[k]; jc != nil {
		return jc
	}
	jc := &sched.JobClass{Name: o.name, Supervisor: o.supervisor, Scoped: o.scoped, CancelParked: cancelParked}
	if o.handles {
		jc.HandleException = handleRootFailure
	}
	if o.lazy {
		jc.OnStart = startLazy
	}
	if r.jobClasses == nil {
		r.jobClasses = map[jobKind]*sched.JobClass{}
	}
	r.jobClasses[k] = jc
	return jc
}

func startLazy(j *sched.Job) { j.Data().(*Coro).schedule() }

func cancelParked(j *sched.Job, _ error) { j.Data().(*Coro).cancelWait() }

// newCoro creates a coroutine with context ctx (dispatcher included)
// whose body calls block with the coroutine as receiver. It does not
// start it.
func (r *crt) newCoro(ctx sched.Context, o coroOpts, block interp.Value) (*Coro, error) {
	c := &Coro{r: r}
	c.set(fDeferred, o.cls == DeferredCoroutineClass)
	c.set(fNoResult, o.handles)
	if ctx.Dispatcher() == nil {
		ctx = ctx.With(sched.AsElement(r.rt.Default()))
	}
	c.base = r.shareCtx(ctx)
	r.rt.InitJob(&c.job, r.jobClass(o), o.parent, o.lazy, c)
	if r.debug {
		if l := r.label(ctx); l != "" {
			c.job.SetLabel(l)
		}
	}
	if err := r.admit(&c.job); err != nil { // the host's coroutine limit (host.go)
		return nil, err
	}
	r.track(&c.job)
	for i := range ctx.Len() {
		if _, ok := ctx.At(i).(*tlElement); ok {
			c.set(fHasTL, true)
		}
	}
	this := interp.Obj(c)
	c.initVM(block, &this, nil)
	return c, nil
}

// initVM sets up the coroutine's VM coroutine to call fn (with receiver
// this, when not nil) with args.
func (c *Coro) initVM(fn interp.Value, this *interp.Value, args []interp.Value) {
	c.r.in.InitCoroutine(&c.vm, fn, this, args)
	c.vm.Data = c
}

// handleRootFailure is the HandleException of launch coroutines: the
// failure goes to the context's handler or the uncaught-exception report.
func handleRootFailure(j *sched.Job, err error) bool {
	c := j.Data().(*Coro)
	c.r.handleException(c.context(), err)
	return true
}

// label is the debug name of a coroutine context: "name#id".
func (r *crt) label(ctx sched.Context) string {
	id, ok := ctx.Get(coroIDKey).(*coroIDElem)
	if !ok {
		return ""
	}
	name, ok := ctx.Name()
	if !ok {
		name = "coroutine"
	}
	return name + "#" + strconv.FormatInt(id.id, 10)
}

// newContext is kotlinx's newCoroutineContext: scope context + extra,
// and a new CoroutineId in debug mode (newCoro adds Dispatchers.Default
// when there is no dispatcher).
func (r *crt) newContext(scope, extra sched.Context) sched.Context {
	ctx := scope.Plus(extra)
	if r.debug {
		ctx = ctx.With(&coroIDElem{r.ids.Add(1)})
	}
	return ctx
}

// handleException reports the failure of a root coroutine: to the
// context's CoroutineExceptionHandler, else as the JVM's default
// uncaught exception handler does (on stderr, and the program goes on).
func (r *crt) handleException(ctx sched.Context, err error) {
	if isCancellation(err) {
		return
	}
	if h := ctx.ExceptionHandler(); h != nil {
		if hv, ok := h.Value.(*handlerVal); ok {
			exc := excValue(r.in, err)
			if _, cerr := r.callSync(hv.fn, ctxValue(r, ctx), exc); cerr != nil {
				r.printUncaught(cerr)
			}
			return
		}
	}
	r.printUncaught(err)
}

func (r *crt) printUncaught(err error) {
	var intr *interp.Interrupted
	if errors.As(err, &intr) {
		return
	}
	name := r.curName
	if name == "" {
		name = "main"
	}
	WriteErr(r.in, interp.FormatUncaughtWith(name, err, r.describe))
}

// callSync calls a script function that must not suspend (a handler) in
// a VM coroutine of its own, on the current thread.
func (r *crt) callSync(fn interp.Value, args ...interp.Value) (interp.Value, error) {
	return runToEnd(r.in, "a handler cannot suspend", fn, args...)
}

// runToEnd runs fn(args) in a VM coroutine of its own on the calling
// goroutine and returns its result or exception; a suspension is an
// IllegalStateException saying suspended.
func runToEnd(in *interp.Interp, suspended string, fn interp.Value, args ...interp.Value) (interp.Value, error) {
	vm, err := in.NewCoroutine(fn, args...)
	if err != nil {
		return interp.Null, err
	}
	switch vm.Run() {
	case interp.Failed:
		return interp.Null, vm.Err()
	case interp.Suspended:
		return interp.Null, in.NewError("java.lang.IllegalStateException", suspended)
	}
	return vm.Result(), nil
}

func excValue(in *interp.Interp, err error) interp.Value {
	var e *interp.Exception
	if errors.As(err, &e) {
		return e.Value
	}
	ex := in.NewError("java.lang.RuntimeException", err.Error())
	return ex.(*interp.Exception).Value
}

// ---- cancellation exceptions ----

var cancellationClass *interp.Class

func isCancellation(err error) bool {
	var e *interp.Exception
	if !errors.As(err, &e) {
		return false
	}
	if cancellationClass == nil {
		return false
	}
	return e.Class().IsSubclassOf(cancellationClass)
}

// newJobCancellation makes a kotlinx.coroutines.JobCancellationException.
func (r *crt) newJobCancellation(msg string, cause error, job *sched.Job) error {
	e := r.in.NewError("kotlinx.coroutines.JobCancellationException", msg).(*interp.Exception)
	if cause != nil {
		if ce, ok := cause.(*interp.Exception); ok {
			if in, ok := e.Value.AsObject().(*interp.Instance); ok {
				in.Fields[1] = ce.Value
			}
		}
	}
	e.SetData(job)
	return e
}

// ---- blocking ----

// block runs wait with the GIL released (the thread blocks in Go).
// Outside coroutines (plain code on the main thread, which holds an
// activity count of the runtime) the count is given up meanwhile, so
// that virtual time can advance.
func (r *crt) block(wait func()) {
	plain := r.cur == nil
	s := r.release()
	if plain {
		r.rt.EndOp()
	}
	wait()
	if plain {
		r.rt.BeginOp()
	}
	r.reacquire(s)
}

// Sleep is Thread.sleep on the runtime's clock (stdlib.Threads).
func (r *crt) Sleep(d time.Duration) {
	t := r.curTh
	if r.cur == nil {
		t = nil
	}
	r.block(func() { r.rt.Sleep(t, d) })
}

// ThreadName is the name of the thread running script code now
// (stdlib.Threads).
func (r *crt) ThreadName() string { return r.curName }

// Clock is the runtime's clock (stdlib.Threads).
func (r *crt) Clock() sched.Clock { return r.rt.Clock() }

// ---- thread locals as context elements ----

type tlSave struct {
	tl  *threadLocal
	old interp.Value
	had bool
}

// restoreTLs installs the values of the coroutine's ThreadLocal context
// elements on thread t (kotlinx's ThreadContextElement.updateThreadContext).
func (c *Coro) restoreTLs(t *sched.Thread) {
	if !c.has(fHasTL) {
		return
	}
	x := c.ext()
	x.tls = x.tls[:0]
	for i := range c.base.Len() {
		if te, ok := c.base.At(i).(*tlElement); ok {
			old, had := te.tl.get(t)
			x.tls = append(x.tls, tlSave{te.tl, old, had})
			te.tl.set(t, te.value)
		}
	}
}

// saveTLs restores the thread's own values.
func (c *Coro) saveTLs(t *sched.Thread) {
	if c.x == nil {
		return
	}
	tls := c.x.tls
	for i := len(tls) - 1; i >= 0; i-- {
		s := tls[i]
		if s.had {
			s.tl.set(t, s.old)
		} else {
			s.tl.remove(t)
		}
	}
	c.x.tls = tls[:0]
}

// ---- the dump of suspended coroutines ----

// track registers a coroutine at the top of the coroutine forest the dump
// walks, until it completes: one without a parent, or whose nearest
// ancestors are jobs without a body up to a root (a child of a Job()
// that nothing else keeps: holding the coroutine keeps that root alive
// for trackJob's weak reference).
func (r *crt) track(j *sched.Job) {
	for p := j.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.Data().(*Coro); ok {
			return // the dump reaches it from that coroutine
		}
	}
	r.mu.Lock()
	if r.roots == nil {
		r.roots = map[*sched.Job]struct{}{}
	}
	r.roots[j] = struct{}{}
	r.mu.Unlock()
	j.InvokeOnCompletion(func(error) {
		r.mu.Lock()
		delete(r.roots, j)
		r.mu.Unlock()
	})
}

// trackJob registers a job without a body and without a parent (Job(),
// SupervisorJob(), CompletableDeferred(), a CoroutineScope's own job)
// for the dump, until it completes. The reference is weak: a job the
// script dropped and no coroutine runs under may be collected (a
// coroutine under it keeps it alive, see track).
func (r *crt) trackJob(j *sched.Job) {
	if j.Parent() != nil {
		return
	}
	wp := weak.Make(j)
	r.mu.Lock()
	if r.jobRoots == nil {
		r.jobRoots = map[weak.Pointer[sched.Job]]struct{}{}
	}
	if len(r.jobRoots) >= r.jobPrune {
		for k := range r.jobRoots {
			if k.Value() == nil {
				delete(r.jobRoots, k)
			}
		}
		r.jobPrune = max(64, 2*len(r.jobRoots))
	}
	r.jobRoots[wp] = struct{}{}
	r.mu.Unlock()
	j.InvokeOnCompletion(func(error) {
		r.mu.Lock()
		delete(r.jobRoots, wp)
		r.mu.Unlock()
	})
}

// dump lists the live coroutines as a tree: each job, its state and,
// for a suspended coroutine, the script line where it waits; jobs
// without a body (Job(), SupervisorJob(), CompletableDeferred()) with
// the line that created them. It is printed on a deadlock, on --timeout
// and on SIGQUIT.
func (r *crt) dump() string {
	top := map[*sched.Job]bool{}
	r.mu.Lock()
	for j := range r.roots {
		for j.Parent() != nil {
			j = j.Parent()
		}
		top[j] = true
	}
	for wp := range r.jobRoots {
		if j := wp.Value(); j != nil {
			top[j] = true
		}
	}
	r.mu.Unlock()
	roots := make([]*sched.Job, 0, len(top))
	for j := range top {
		roots = append(roots, j)
	}
	sort.Slice(roots, func(i, k int) bool { return roots[i].ID() < roots[k].ID() })
	var b strings.Builder
	b.WriteString("Coroutines still alive:\n")
	n := 0
	var walk func(j *sched.Job, depth int)
	walk = func(j *sched.Job, depth int) {
		n++
		b.WriteString(strings.Repeat("  ", depth+1))
		b.WriteString(j.String())
		if v, ok := j.Data().(*jobVal); ok {
			if e, ok := v.site.Entry(); ok {
				b.WriteString(" created at " + e.File + ":" + strconv.Itoa(e.Line))
			}
		}
		if c, ok := j.Data().(*Coro); ok {
			if vm := &c.vm; vm.IsSuspended() {
				if tr := vm.StackTrace(); len(tr) > 0 {
					b.WriteString(" suspended at " + tr[0].String())
				}
			} else if c.has(fRunning) {
				b.WriteString(" running")
			}
		}
		b.WriteByte('\n')
		for _, ch := range j.Children() {
			walk(ch, depth+1)
		}
	}
	for _, j := range roots {
		walk(j, 0)
	}
	if n == 0 {
		return "No coroutine is alive.\n"
	}
	return b.String()
}

// Dump returns the dump of the live coroutines of an interpreter (for a
// host's diagnostics; the CLI prints it on SIGQUIT): a tree of jobs with
// their states and, for a suspended coroutine, the line where it waits;
// "" without the standard library. It waits until no script code runs,
// so it is safe from any goroutine except the threads that run script
// code (natives), where it would wait for itself.
func Dump(in *interp.Interp) string {
	r := crtOf(in)
	if r == nil {
		return ""
	}
	r.lockGIL()
	defer r.gil.Unlock()
	return r.dump()
}

// Stop ends the program of an interpreter: running script code stops at
// its next step with an uncatchable error, blocked runBlocking calls
// return, and the run reports an *interp.Interrupted whose reason is
// reason followed by the dump of the coroutines that were alive (see
// Dump). It closes the coroutine runtime (in the background): unlike
// Abort, the interpreter cannot run coroutines afterwards. Safe from any
// goroutine except the threads that run script code (natives): it takes
// the dump first, and would wait for itself.
func Stop(in *interp.Interp, reason string) {
	r := crtOf(in)
	if r == nil {
		in.Interrupt()
		return
	}
	dump := Dump(in)
	r.setFatal(&interp.Interrupted{Reason: reason + "\n" + dump})
	go r.rt.Close()
}

// Close stops the coroutine runtime of an interpreter: its threads exit
// and pending timers are dropped; it waits for the tasks running at that
// moment to finish. Call it when the interpreter is done: it cannot run
// coroutines afterwards. Calling it more than once is fine. Safe from any
// goroutine except the threads that run script code (natives), where it
// would wait for itself.
func Close(in *interp.Interp) {
	if r := crtOf(in); r != nil {
		r.rt.Close()
	}
}
