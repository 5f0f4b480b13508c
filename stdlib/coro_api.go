package stdlib

// The coroutine builders and suspending functions of kotlinx.coroutines.

import (
	"strconv"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

type nfn = interp.NativeFunc

// builderArgs sorts the arguments of launch/async/runBlocking/withContext:
// contexts, a CoroutineStart and the block (the last function), in any
// order (named arguments arrive in parameter order).
func builderArgs(co *interp.Coroutine, args []interp.Value) (ctx sched.Context, start sched.Start, block interp.Value, err error) {
	ctx = sched.EmptyContext
	for _, a := range args {
		if a.IsAbsent() || a.IsNull() {
			continue
		}
		if s, ok := a.AsObject().(*startVal); ok {
			start = s.s
			continue
		}
		if c, ok := toCtx(a); ok {
			ctx = ctx.Plus(c)
			continue
		}
		if isFunction(a) {
			block = a
			continue
		}
		return ctx, start, block, co.Errorf("java.lang.IllegalArgumentException", "unexpected argument %s for a coroutine builder", interp.ClassOf(a).Name)
	}
	if block.IsNull() {
		return ctx, start, block, co.Errorf("java.lang.IllegalArgumentException", "a coroutine builder needs a block")
	}
	return ctx, start, block, nil
}

func isFunction(v interp.Value) bool {
	switch v.AsObject().(type) {
	case *interp.Closure, *interp.Native:
		return true
	}
	return false
}

// nonCancellable returns the runtime's NonCancellable job.
func (r *crt) nonCancellable() *jobVal {
	r.ncOnce.Do(func() {
		r.nc = &jobVal{job: r.rt.NewCoroutine(sched.JobConfig{Name: "NonCancellable", NoBody: true}), cls: JobImplClass, nc: true}
	})
	return r.nc
}

// parentOf returns the job a coroutine in ctx is the child of (none
// under NonCancellable).
func (r *crt) parentOf(ctx sched.Context) *sched.Job {
	j := ctx.Job()
	if j != nil && r.nc != nil && j == r.nc.job {
		return nil
	}
	return j
}

// launch and async.
func (r *crt) build(co *interp.Coroutine, scope sched.Context, args []interp.Value, async bool) (interp.Value, error) {
	extra, start, block, err := builderArgs(co, args)
	if err != nil {
		return interp.Null, err
	}
	ctx := r.newContext(scope, extra)
	o := coroOpts{cls: StandaloneCoroutineClass, lazy: start == sched.StartLazy, parent: r.parentOf(ctx), handles: !async}
	switch {
	case async && o.lazy:
		o.name, o.cls = "LazyDeferredCoroutine", DeferredCoroutineClass
	case async:
		o.name, o.cls = "DeferredCoroutine", DeferredCoroutineClass
	case o.lazy:
		o.name = "LazyStandaloneCoroutine"
	default:
		o.name = "StandaloneCoroutine"
	}
	c, err := r.newCoro(ctx, o, block)
	if err != nil {
		return interp.Null, err
	}
	c.site, c.builder = co.CallSite(), bLaunch
	if async {
		c.builder = bAsync
	}
	c.set(fAtomic, start == sched.StartAtomic || start == sched.StartUndispatched)
	switch start {
	case sched.StartLazy:
	case sched.StartUndispatched:
		c.run(r.curTh)
	default:
		c.schedule()
	}
	return interp.Obj(c), nil
}

// scopeOfCall returns the scope a receiver-less launch/async uses: the
// running coroutine's (the implicit CoroutineScope receiver), else
// GlobalScope.
func (r *crt) scopeOfCall(co *interp.Coroutine) sched.Context {
	if c := coroOf(co); c != nil {
		return c.context()
	}
	return sched.EmptyContext
}

// runBlocking runs a new coroutine and an event loop on the calling
// thread until the coroutine completes.
func (r *crt) runBlocking(co *interp.Coroutine, args []interp.Value) (interp.Value, error) {
	extra, _, block, err := builderArgs(co, args)
	if err != nil {
		return interp.Null, err
	}
	t := r.curTh
	if t == nil {
		t = r.mainTh
	}
	loop := r.rt.NewEventLoopOn(t)
	ctx := extra
	if ctx.Dispatcher() == nil {
		ctx = ctx.With(loop)
	}
	if r.debug {
		ctx = ctx.With(&coroIDElem{r.ids.Add(1)})
	}
	c, err := r.newCoro(ctx, coroOpts{name: "BlockingCoroutine", cls: StandaloneCoroutineClass, scoped: true, parent: r.parentOf(ctx)}, block)
	if err != nil {
		return interp.Null, err
	}
	c.site, c.builder = co.CallSite(), bRunBlocking
	c.schedule()
	rerr := r.waitFor(loop, c, r.block)
	loop.Close()
	if rerr != nil {
		r.setFatal(&interp.Interrupted{Reason: rerr.Error()})
		return interp.Null, &interp.Interrupted{Reason: rerr.Error()}
	}
	return jobResult(&c.job)
}

// waitFor runs loop on the calling goroutine until c's job completes.
// The loop keeps the GIL while it has tasks (they enter it nested) and
// runs its waits for more inside hook: r.block, or a plain release of the
// GIL for a caller that holds no activity count of its own.
func (r *crt) waitFor(loop *sched.EventLoop, c *Coro, hook func(wait func())) error {
	c.job.InvokeOnCompletion(func(error) { loop.Wake() })
	loop.SetWaitHook(hook)
	return loop.Run(c.job.IsCompleted)
}

// scopedKind describes coroutineScope, supervisorScope, withContext and
// withTimeout.
type scopedKind struct {
	name       string
	supervisor bool
	timeout    time.Duration // withTimeout: > 0
	orNull     bool
}

// builder returns the function that makes the scope.
func (k scopedKind) builder() builder {
	switch {
	case k.name == "withContext":
		return bWithContext
	case k.orNull:
		return bWithTimeoutOrNull
	case k.timeout > 0:
		return bWithTimeout
	case k.supervisor:
		return bSupervisorScope
	}
	return bCoroutineScope
}

// scoped runs block in a child coroutine of the caller and suspends the
// caller until the child and its children complete; it returns the
// block's value or rethrows its exception. The child starts at once, on
// the caller's thread, when it keeps the caller's dispatcher.
func (r *crt) scoped(co *interp.Coroutine, k scopedKind, extra sched.Context, block interp.Value) (interp.Value, error) {
	c, err := current(co, k.name)
	if err != nil {
		return interp.Null, err
	}
	ctx := c.context().Plus(extra)
	if j := ctx.Job(); j != nil && j != &c.job && !j.IsActive() {
		// withContext into a cancelled job
		if cerr, ok := j.CancellationException(); ok {
			return interp.Null, cerr
		}
	}
	if c.job.IsCancelled() && ctx.Job() == &c.job {
		return interp.Null, c.cancellationException()
	}
	// a caller without a dispatcher (suspend fun main, and scopes in it)
	// runs the block in place, and so do its scopes: the child gets the
	// caller's dispatcher (Unconfined) but, like the caller, not in its
	// context, so that its children get Dispatchers.Default
	d := c.dispatcher()
	noDisp := ctx.Dispatcher() == nil
	if noDisp {
		ctx = ctx.With(sched.AsElement(d))
	}
	same := ctx.Dispatcher() == d
	name := k.name
	if name == "withContext" {
		name = "DispatchedCoroutine"
		if same {
			name = "UndispatchedCoroutine"
		}
	}
	child, err := r.newCoro(ctx, coroOpts{name: name, cls: StandaloneCoroutineClass, scoped: true, supervisor: k.supervisor, parent: r.parentOf(ctx)}, block)
	if err != nil {
		return interp.Null, err
	}
	child.set(fNoDisp, noDisp)
	child.site, child.builder = co.CallSite(), k.builder()
	var timeoutErr error
	if k.timeout > 0 {
		timeoutErr = r.newTimeout(k.timeout, &child.job)
		tm := r.rt.AfterFunc(k.timeout, nil, func(t *sched.Thread) {
			s := r.enter(t)
			child.job.Cancel(timeoutErr)
			r.leave(s)
		})
		child.job.InvokeOnCompletion(func(error) { tm.Stop() })
	}
	finish := func(v interp.Value, err error) (interp.Value, error) {
		if err != nil && timeoutErr != nil && err == timeoutErr && k.orNull {
			return interp.Null, nil
		}
		return v, err
	}
	var (
		waiting, fin bool
		fv           interp.Value
		ferr         error
		gen          uint32
	)
	child.job.InvokeOnCompletion(func(error) {
		v, err := jobResult(&child.job)
		if !waiting {
			fin, fv, ferr = true, v, err
			return
		}
		v, err = finish(v, err)
		if same {
			// resume the caller directly, on this thread
			c.resumeOn(gen, r.curTh, v, err)
			return
		}
		c.fire(gen, v, err)
	})
	if same {
		child.run(r.curTh)
	} else {
		child.schedule()
	}
	if fin {
		return finish(fv, ferr)
	}
	waiting = true
	// not cancellable: the caller's cancellation reaches it through the
	// child, whose completion resumes it
	gen, err = c.suspend(co, false)
	if err != nil {
		return interp.Null, err
	}
	return interp.Null, interp.ErrSuspend
}

// millis converts a script's milliseconds to a duration, saturating (a
// delay of Long.MAX_VALUE means forever).
func millis(ms int64) time.Duration {
	const max = int64(100 * 365 * 24 * time.Hour / time.Millisecond)
	if ms > max {
		ms = max
	}
	return time.Duration(ms) * time.Millisecond
}

// newTimeout makes kotlinx's TimeoutCancellationException.
func (r *crt) newTimeout(d time.Duration, job *sched.Job) error {
	ms := d.Milliseconds()
	e := r.in.NewError("kotlinx.coroutines.TimeoutCancellationException", "Timed out waiting for "+strconv.FormatInt(ms, 10)+" ms").(*interp.Exception)
	e.SetData(job)
	return e
}

// delay suspends the coroutine for d.
func (r *crt) delay(co *interp.Coroutine, d time.Duration) (interp.Value, error) {
	c, err := current(co, "delay")
	if err != nil {
		return interp.Null, err
	}
	if d <= 0 {
		return interp.Unit, nil
	}
	if c.job.IsCancelled() {
		return interp.Null, c.cancellationException()
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	c.sleep(gen, d)
	c.park()
	return interp.Null, interp.ErrSuspend
}

// yield gives the thread to the other coroutines of the dispatcher.
func (r *crt) yield(co *interp.Coroutine) (interp.Value, error) {
	c, err := current(co, "yield")
	if err != nil {
		return interp.Null, err
	}
	if c.job.IsCancelled() {
		return interp.Null, c.cancellationException()
	}
	d := c.dispatcher()
	if !d.IsDispatchNeeded() {
		return interp.Unit, nil
	}
	if _, err := c.suspend(co, true); err != nil {
		return interp.Null, err
	}
	// the resumption is already on its way: only a cancellation before
	// the coroutine runs again changes it (checked by run)
	c.wstate = waitUnit
	d.Dispatch((*coroTask)(c))
	return interp.Null, interp.ErrSuspend
}

// join suspends until job completes.
func (r *crt) join(co *interp.Coroutine, job *sched.Job) (interp.Value, error) {
	c, err := current(co, "join")
	if err != nil {
		return interp.Null, err
	}
	job.Start()
	if job.IsCompleted() {
		if c.job.IsCancelled() {
			return interp.Null, c.cancellationException()
		}
		return interp.Unit, nil
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	c.ext().reg = job.Join(func() { c.fire(gen, interp.Unit, nil) })
	c.park()
	return interp.Null, interp.ErrSuspend
}

// await suspends until the deferred completes and returns its value or
// throws its exception.
func (r *crt) await(co *interp.Coroutine, job *sched.Job) (interp.Value, error) {
	job.Start()
	if job.IsCompleted() {
		return jobResult(job)
	}
	c, err := current(co, "await")
	if err != nil {
		return interp.Null, err
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	// cancelled while the awaited job fails: throw that failure (kotlinx's
	// AwaitContinuation)
	x := c.ext()
	x.cause = job.Cause
	x.reg = job.Await(func(any, error) {
		v, err := jobResult(job)
		c.fire(gen, v, err)
	})
	c.park()
	return interp.Null, interp.ErrSuspend
}

// jobResult returns a completed job's value or final cause. A
// coroutine's value is the result its VM coroutine kept.
func jobResult(job *sched.Job) (interp.Value, error) {
	v, err := job.Result()
	if err != nil {
		return interp.Null, err
	}
	if c, ok := job.Data().(*Coro); ok && c.vm.Status() == interp.Done {
		return c.vm.Result(), nil
	}
	if v == nil {
		return interp.Unit, nil
	}
	return v.(interp.Value), nil
}

// cancelCause converts cancel's optional argument.
func cancelCause(args []interp.Value) error {
	if len(args) == 0 || args[0].IsAbsent() || args[0].IsNull() {
		return nil
	}
	if e := interp.ExceptionOf(args[0]); e != nil {
		return e
	}
	return nil
}

// ensureActive throws the job's cancellation exception when it is not
// active.
func (r *crt) ensureActive(job *sched.Job) error {
	if job == nil || job.IsActive() {
		return nil
	}
	if err, ok := job.CancellationException(); ok {
		return err
	}
	return nil
}

// ---- installation ----

func (r *crt) install() {
	in := r.in
	for _, p := range []string{"kotlinx.coroutines", "kotlin.coroutines", "kotlinx.coroutines.sync",
		"kotlin.coroutines.experimental", "kotlinx.coroutines.channels", "kotlinx.coroutines.debug"} {
		in.DefineImport(p)
	}
	for _, c := range []*interp.Class{CoroutineContextClass, JobClass, DeferredClass, CompletableDeferredClass,
		CompletableJobClass, CoroutineScopeClass, DispatcherClass, CoroutineNameClass, ExceptionHandlerClass,
		CoroutineStartClass, ThreadLocalClass, ContinuationInterceptorClass, DispatchersClass, GlobalScopeClass,
		EmptyContextClass, DisposableHandleClass, ExecutorDispatcherClass} {
		in.DefineType(c)
	}
	suspend := func(name string, fn nfn, params ...string) {
		n := in.DefineFunc(name, fn)
		n.Suspend = true
		if params != nil {
			n.Params = params
		}
	}
	in.DefineFunc("runBlocking", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.runBlocking(co, args)
	}).Params = []string{"context", "block"}
	in.DefineFunc("launch", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.build(co, r.scopeOfCall(co), args, false)
	}).Params = []string{"context", "start", "block"}
	in.DefineFunc("async", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.build(co, r.scopeOfCall(co), args, true)
	}).Params = []string{"context", "start", "block"}
	suspend("delay", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.delay(co, millis(args[0].ToInt64()))
	}, "timeMillis")
	suspend("yield", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.yield(co)
	})
	suspend("coroutineScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.scoped(co, scopedKind{name: "ScopeCoroutine"}, sched.EmptyContext, args[0])
	}, "block")
	suspend("supervisorScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.scoped(co, scopedKind{name: "SupervisorCoroutine", supervisor: true}, sched.EmptyContext, args[0])
	}, "block")
	suspend("withContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		ctx, _, block, err := builderArgs(co, args)
		if err != nil {
			return interp.Null, err
		}
		return r.scoped(co, scopedKind{name: "withContext"}, ctx, block)
	}, "context", "block")
	timeout := func(orNull bool) nfn {
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			ms := args[0].ToInt64()
			if ms <= 0 {
				if orNull {
					return interp.Null, nil
				}
				return interp.Null, co.Errorf("kotlinx.coroutines.TimeoutCancellationException", "Timed out immediately")
			}
			return r.scoped(co, scopedKind{name: "TimeoutCoroutine", timeout: millis(ms),
				orNull: orNull}, sched.EmptyContext, args[1])
		}
	}
	suspend("withTimeout", timeout(false), "timeMillis", "block")
	suspend("withTimeoutOrNull", timeout(true), "timeMillis", "block")
	in.DefineGetter("coroutineContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c, err := current(co, "coroutineContext")
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&ctxVal{c.context()}), nil
	})
	suspend("currentCoroutineContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c, err := current(co, "currentCoroutineContext")
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&ctxVal{c.context()}), nil
	})
	in.DefineGetter("isActive", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if c := coroOf(co); c != nil {
			return interp.Bool(c.job.IsActive()), nil
		}
		return interp.True, nil
	})
	in.DefineFunc("ensureActive", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if c := coroOf(co); c != nil {
			return interp.Unit, r.ensureActive(&c.job)
		}
		return interp.Unit, nil
	})
	in.DefineFunc("SupervisorJob", jobFactory(true)).Params = []string{"parent"}
	in.DefineFunc("CompletableDeferred", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v := &jobVal{cls: CompletableDeferredImplClass}
		var parent *sched.Job
		if len(args) > 0 && !args[0].IsAbsent() {
			parent = jobOf(args[0])
		}
		v.job = r.rt.NewCoroutine(sched.JobConfig{Name: "CompletableDeferredImpl", Parent: parent, NoBody: true, Data: v})
		v.site, v.fn = co.CallSite(), "CompletableDeferred"
		r.trackJob(v.job)
		return interp.Obj(v), nil
	}).Params = []string{"parent"}
	in.DefineFunc("CoroutineScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		ctx, ok := toCtx(args[0])
		if !ok {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "CoroutineScope needs a CoroutineContext")
		}
		if ctx.Job() == nil {
			v := &jobVal{cls: JobImplClass, site: co.CallSite(), fn: "CoroutineScope"}
			v.job = r.rt.NewCoroutine(sched.JobConfig{Name: "JobImpl", NoBody: true, Data: v})
			r.trackJob(v.job)
			ctx = ctx.With(v.job)
		}
		return interp.Obj(&scopeVal{ctx: ctx}), nil
	}).Params = []string{"context"}
	in.DefineFunc("MainScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Null, co.Errorf("java.lang.IllegalStateException",
			"Module with the Main dispatcher is missing. Add dependency providing the Main dispatcher, e.g. 'kotlinx-coroutines-android'")
	})
	in.Define("GlobalScope", interp.Obj(&scopeVal{global: true, ctx: sched.EmptyContext}))
	in.Define("NonCancellable", interp.Obj(r.nonCancellable()))
	in.Define("EmptyCoroutineContext", interp.Obj(&ctxVal{sched.EmptyContext}))
	in.Define("Dispatchers", interp.Obj(&dispatchers{}))
	in.DefineFunc("newSingleThreadContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(r.dispValue(r.rt.NewSingleThread(args[0].AsString()))), nil
	}).Params = []string{"name"}
	in.DefineFunc("newFixedThreadPoolContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(r.dispValue(r.rt.NewFixedThreadPool(int(args[0].ToInt64()), args[1].AsString()))), nil
	}).Params = []string{"nThreads", "name"}
}

// jobFactory is Job(parent) or SupervisorJob(parent).
func jobFactory(supervisor bool) nfn {
	return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		var parent *sched.Job
		if len(args) > 0 && !args[0].IsAbsent() {
			parent = jobOf(args[0])
		}
		v := &jobVal{cls: JobImplClass, site: co.CallSite(), fn: "Job"}
		name := "JobImpl"
		if supervisor {
			name, v.fn = "SupervisorJobImpl", "SupervisorJob"
		}
		r := rOf(co)
		v.job = r.rt.NewCoroutine(sched.JobConfig{Name: name, Parent: parent, NoBody: true, Supervisor: supervisor, Data: v})
		r.trackJob(v.job)
		return interp.Obj(v), nil
	}
}

// initFactories sets the constructors of the coroutine API classes
// (shared by all interpreters; they find their runtime through the
// calling coroutine).
func initFactories() {
	JobClass.SetFactory(jobFactory(false), "parent")
	CoroutineNameClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(args[0])
		return interp.Obj(&nameVal{s}), err
	}, "name")
	ExceptionHandlerClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v := &handlerVal{fn: args[0]}
		v.h = &sched.ExceptionHandler{Value: v, Text: "CoroutineExceptionHandler"}
		return interp.Obj(v), nil
	}, "handler")
	ThreadLocalClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(&threadLocal{}), nil
	})
}
