package coroutines

// The coroutine builders: launch, async, runBlocking, and the scoped
// ones (coroutineScope, supervisorScope, withContext; withTimeout is in
// delay.go), and `suspend fun main`.

import (
	"errors"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

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
	o := coroOpts{cls: StandaloneCoroutineClass, lazy: start == sched.StartLazy, parent: r.parentOf(ctx), handles: !async, from: co}
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
// thread until the coroutine completes. Nested in a task of an event
// loop, it runs that loop (as kotlinx.coroutines shares the thread's
// event loop): the outer runBlocking's coroutines go on while it waits.
func (r *crt) runBlocking(co *interp.Coroutine, args []interp.Value) (interp.Value, error) {
	extra, _, block, err := builderArgs(co, args)
	if err != nil {
		return interp.Null, err
	}
	t := r.curTh
	if t == nil {
		t = r.mainTh
	}
	if t.Nest(0) >= r.maxNest {
		return interp.Null, co.Errorf("java.lang.StackOverflowError", "")
	}
	loop, own := t.EventLoop(), false
	if loop == nil {
		loop, own = r.rt.NewEventLoopOn(t), true
	}
	ctx := extra
	if ctx.Dispatcher() == nil {
		ctx = ctx.With(loop)
	}
	if r.debug {
		ctx = ctx.With(&coroIDElem{r.ids.Add(1)})
	}
	c, err := r.newCoro(ctx, coroOpts{name: "BlockingCoroutine", cls: StandaloneCoroutineClass, scoped: true, parent: r.parentOf(ctx), from: co}, block)
	if err != nil {
		return interp.Null, err
	}
	c.site, c.builder = co.CallSite(), bRunBlocking
	c.schedule()
	t.Nest(1)
	rerr := r.waitFor(loop, c, r.block)
	t.Nest(-1)
	if own {
		loop.Close()
	}
	if rerr != nil {
		// the run returns rerr (a *sched.DeadlockError stays one); the
		// script stops uncatchably
		var dl *sched.DeadlockError
		if errors.As(rerr, &dl) {
			r.setFatal(dl)
		} else {
			r.setFatal(&interp.Interrupted{Reason: rerr.Error()})
		}
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
	prev := loop.SetWaitHook(hook)
	err := loop.Run(c.job.IsCompleted)
	// a shared loop's own Run goes on with its hook (put back without a
	// defer: one in this frame, below which every task of the loop runs,
	// measurably slows the tasks)
	loop.SetWaitHook(prev)
	return err
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
	if same && r.curTh.Nest(0) >= r.maxNest {
		// the block would run deeper into the Go stack: as deep as the
		// JVM's, it overflows the same way
		return interp.Null, co.Errorf("java.lang.StackOverflowError", "")
	}
	child, err := r.newCoro(ctx, coroOpts{name: name, cls: StandaloneCoroutineClass, scoped: true, supervisor: k.supervisor, parent: r.parentOf(ctx), from: co}, block)
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
		t := r.curTh
		t.Nest(1) // see maxNest
		child.run(t)
		t.Nest(-1)
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

// runSuspendMain runs `suspend fun main` (Kotlin's runSuspend): the body
// is a coroutine with an empty context — no Job, no dispatcher, so it
// starts on the thread "main" and, after a suspension, goes on on the
// thread that resumed it (the DefaultExecutor after a delay) — while the
// main thread waits for it to complete.
func (r *crt) runSuspendMain(fn interp.Value, args []interp.Value) error {
	r.rt.BeginOp()
	defer r.rt.EndOp()
	s := r.enter(r.mainTh)
	c := &Coro{r: r, base: &sched.EmptyContext, f: fNoJob}
	r.rt.InitJob(&c.job, r.jobClass(coroOpts{name: "RunSuspend", scoped: true}), nil, false, c)
	r.track(&c.job)
	c.initVM(fn, nil, args)
	loop := r.rt.NewEventLoopOn(r.mainTh)
	c.run(r.mainTh)
	rerr := r.waitFor(loop, c, r.block)
	loop.Close()
	r.leave(s)
	if f := r.takeFatal(); f != nil {
		return f
	}
	if rerr != nil {
		var dl *sched.DeadlockError
		if errors.As(rerr, &dl) {
			rerr = errors.New("deadlock: suspend fun main waits, but nothing can run any more (no task, timer or host operation)\n" + dl.Dump)
		}
		intr := &interp.Interrupted{Reason: rerr.Error()}
		r.setFatal(intr)
		return intr
	}
	_, err := jobResult(&c.job)
	return err
}

// installBuilders defines the coroutine builders.
func (r *crt) installBuilders() {
	in := r.in
	in.DefineFunc("runBlocking", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.runBlocking(co, args)
	}).Params = []string{"context", "block"}
	in.DefineFunc("launch", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.build(co, r.scopeOfCall(co), args, false)
	}).Params = []string{"context", "start", "block"}
	in.DefineFunc("async", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.build(co, r.scopeOfCall(co), args, true)
	}).Params = []string{"context", "start", "block"}
	defineSuspend(in, "coroutineScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.scoped(co, scopedKind{name: "ScopeCoroutine"}, sched.EmptyContext, args[0])
	}, "block")
	defineSuspend(in, "supervisorScope", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.scoped(co, scopedKind{name: "SupervisorCoroutine", supervisor: true}, sched.EmptyContext, args[0])
	}, "block")
	defineSuspend(in, "withContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		ctx, _, block, err := builderArgs(co, args)
		if err != nil {
			return interp.Null, err
		}
		return r.scoped(co, scopedKind{name: "withContext"}, ctx, block)
	}, "context", "block")
}
