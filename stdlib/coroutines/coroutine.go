package coroutines

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

import (
	"errors"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

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
	// queue, when set, is the queue the current suspension waits in (a
	// channel's senders or receivers, a mutex's or a semaphore's
	// waiters): a cancellation that wins takes the coroutine out of it
	queue queued
	// lost, when set, gets the value of a resumption that a cancellation
	// replaced before the coroutine ran again (kotlinx's prompt
	// cancellation guarantee: a received element goes to
	// onUndeliveredElement, an acquired lock is released)
	lost func(v interp.Value)
	// ch is the channel of a produce's or an actor's coroutine (actor
	// tells which)
	ch    *channel
	actor bool
	// building is the select expression the coroutine's select builder
	// is adding clauses to
	building *selector
	// w is the coroutine's place in a channel's queue while it waits in
	// send, receive or awaitClose (one at a time: reused)
	w waiter
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

// Class implements interp.Object.
func (c *Coro) Class() *interp.Class {
	if c.has(fDeferred) {
		return DeferredCoroutineClass
	}
	if c.x != nil && c.x.ch != nil {
		if c.x.actor {
			return ActorCoroutineClass
		}
		return ProducerCoroutineClass
	}
	return StandaloneCoroutineClass
}

// KString implements interp.Stringer.
func (c *Coro) KString(co *interp.Coroutine) (string, error) { return c.job.String(), nil }

// coroOpts describe a coroutine to create.
type coroOpts struct {
	name       string // kotlinx class name: "StandaloneCoroutine", ...
	cls        *interp.Class
	lazy       bool
	supervisor bool
	scoped     bool
	handles    bool // a root failure goes to the exception handler (launch)
	parent     *sched.Job
	// from is the coroutine creating it (for the host's coroutine
	// limit: where it fired), nil when the host creates it
	from *interp.Coroutine
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

func startLazy(j *sched.Job)             { j.Data().(*Coro).schedule() }
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
	if err := r.admit(&c.job, o.from); err != nil { // the host's coroutine limit (host.go)
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

// initVM sets up the coroutine's VM coroutine to call fn (with receiver
// this, when not nil) with args.
func (c *Coro) initVM(fn interp.Value, this *interp.Value, args []interp.Value) {
	c.r.in.InitCoroutine(&c.vm, fn, this, args)
	c.vm.Data = c
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

// currentActive is current for a native about to suspend: a coroutine
// already cancelled throws its CancellationException instead.
func currentActive(co *interp.Coroutine, what string) (*Coro, error) {
	c, err := current(co, what)
	if err != nil {
		return nil, err
	}
	if c.job.IsCancelled() {
		return nil, c.cancellationException()
	}
	return c, nil
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
		if x := c.x; x != nil {
			if l, ok := x.queue.(losing); ok {
				l.lost(c.vm.ResumeValue())
			} else if x.lost != nil {
				x.lost(c.vm.ResumeValue())
			}
		}
		c.vm.ResumeWithException(c.cancellationException())
	}
	c.set(fWtm, false)
	if x := c.x; x != nil {
		x.reg, x.cause, x.timer, x.queue, x.lost = nil, nil, nil, nil, nil
	}
}

// queued is a coroutine's place in a queue of suspended coroutines (see
// coroExtra.queue).
type queued interface {
	// leave takes the coroutine out of the queue: its suspension was
	// cancelled. Called under the GIL.
	leave()
}

// losing is a queued that hands back what a cancellation took from a
// resumption (see coroExtra.lost), without a closure per suspension.
type losing interface {
	queued
	lost(v interp.Value)
}

// complete ends the body, dropping its frames: the job completes once
// its children have.
func (c *Coro) complete(v interp.Value, err error) {
	// the value stays in the VM coroutine (see jobResult) when someone
	// reads it
	c.vm.Release(!c.has(fNoResult))
	c.job.Complete(nil, err)
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

// resumeOn resumes suspension gen with v or err right away on thread t
// (a timer's thread, or the thread that completed what it waited for),
// unless it was resumed already. The caller holds the GIL.
func (c *Coro) resumeOn(gen uint32, t *sched.Thread, v interp.Value, err error) {
	if c.claim(gen, v, err) {
		if t.Nest(0) >= c.r.maxNest {
			// a long chain of scopes completing one after the other:
			// through the dispatcher, not deeper into the Go stack
			c.schedule()
			return
		}
		t.Nest(1)
		c.run(t)
		t.Nest(-1)
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
		if x.queue != nil {
			x.queue.leave()
		}
	}
	c.schedule()
}

// cancellationException is what a cancelled suspension throws.
func (c *Coro) cancellationException() error {
	if err, ok := c.job.CancellationException(); ok {
		return err
	}
	return c.r.newJobCancellation("Job was cancelled", nil, &c.job)
}
