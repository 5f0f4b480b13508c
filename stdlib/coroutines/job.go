package coroutines

// Jobs as scripts see them: Job, Deferred and CompletableDeferred values
// and CoroutineScope, their members, join and await.

import (
	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// jobVal is a job without a body: Job(), SupervisorJob(),
// CompletableDeferred(), NonCancellable.
type jobVal struct {
	job *sched.Job
	cls *interp.Class
	nc  bool // NonCancellable
	// where the script created it, for the dump and stack traces
	site interp.CallSite
	fn   string // "Job", "SupervisorJob", "CompletableDeferred", "CoroutineScope"
}

func (v *jobVal) Class() *interp.Class { return v.cls }

func (v *jobVal) KString(*interp.Coroutine) (string, error) {
	if v.nc {
		return "NonCancellable", nil
	}
	return v.job.String(), nil
}

// scopeVal is CoroutineScope(context) or GlobalScope.
type scopeVal struct {
	ctx    sched.Context
	global bool
}

func (v *scopeVal) Class() *interp.Class {
	if v.global {
		return GlobalScopeClass
	}
	return ContextScopeClass
}

// disposable is a DisposableHandle.
type disposable struct{ h *sched.Handle }

func (*disposable) Class() *interp.Class { return DisposableHandleClass }

// jobOf returns the job of a Job value.
func jobOf(v interp.Value) *sched.Job {
	switch o := v.AsObject().(type) {
	case *Coro:
		return &o.job
	case *jobVal:
		return o.job
	}
	return nil
}

// scopeCtx returns the context of a CoroutineScope value.
func scopeCtx(v interp.Value) (sched.Context, bool) {
	switch o := v.AsObject().(type) {
	case *Coro:
		return o.context(), true
	case *scopeVal:
		return o.ctx, true
	}
	return sched.EmptyContext, false
}

func scopeString(v interp.Value) string {
	if s, ok := v.AsObject().(*scopeVal); ok && s.global {
		return "kotlinx.coroutines.GlobalScope@" + interp.IdentityHex(s)
	}
	ctx, _ := scopeCtx(v)
	return "CoroutineScope(coroutineContext=" + ctx.String() + ")"
}

// nonCancellable returns the runtime's NonCancellable job.
func (r *crt) nonCancellable() *jobVal {
	r.ncOnce.Do(func() {
		r.nc = &jobVal{job: r.rt.NewCoroutine(sched.JobConfig{Name: "NonCancellable", NoBody: true}), cls: JobImplClass, nc: true}
	})
	return r.nc
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

// cancel cancels jobs with the cause cancel's optional arguments give
// (an exception, or a message and a cause), one exception for all; it
// reports whether the first was not complete yet.
func cancel(co *interp.Coroutine, args []interp.Value, jobs ...*sched.Job) (interp.Value, error) {
	cause, err := cancelCause(co, args)
	if err != nil {
		return interp.Null, err
	}
	done := false
	for i, j := range jobs {
		if j.Cancel(cause) && i == 0 {
			done = true
		}
	}
	return interp.Bool(done), nil
}

// cancelCause converts cancel's optional arguments.
func cancelCause(co *interp.Coroutine, args []interp.Value) (error, error) {
	if len(args) == 0 || args[0].IsAbsent() || args[0].IsNull() {
		return nil, nil
	}
	if args[0].Kind() == interp.KString {
		// cancel(message, cause = null): CancellationException(message, cause)
		cause := interp.Null
		if len(args) > 1 && !args[1].IsAbsent() {
			cause = args[1]
		}
		v, err := co.CallSync(interp.Obj(co.Interp().Type("CancellationException")), args[0], cause)
		if err != nil {
			return nil, err
		}
		return interp.ExceptionOf(v), nil
	}
	if e := interp.ExceptionOf(args[0]); e != nil {
		return e, nil
	}
	return nil, nil
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

// installJobs defines the job and scope functions and objects.
func (r *crt) installJobs() {
	in := r.in
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
		value, completed := interp.Null, false
		if len(args) > 0 && !args[0].IsAbsent() && !args[0].IsNull() {
			// CompletableDeferred(parent) or CompletableDeferred(value), a
			// deferred completed with value
			if parent = jobOf(args[0]); parent == nil {
				value, completed = args[0], true
			}
		}
		v.job = r.rt.NewCoroutine(sched.JobConfig{Name: "CompletableDeferredImpl", Parent: parent, NoBody: true, Data: v})
		v.site, v.fn = co.CallSite(), "CompletableDeferred"
		r.trackJob(v.job)
		if completed {
			v.job.Complete(value, nil)
		}
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
}

// initJobMethods adds the members of Job and DisposableHandle, and Job's
// constructor.
func initJobMethods() {
	JobClass.SetFactory(jobFactory(false), "parent")
	jc := JobClass
	state := func(f func(j *sched.Job) bool) nfn {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Bool(f(jobOf(this))), nil
		}
	}
	jc.AddProp("isActive", state((*sched.Job).IsActive))
	jc.AddProp("isCompleted", state((*sched.Job).IsCompleted))
	jc.AddProp("isCancelled", state((*sched.Job).IsCancelled))
	jc.AddProp("children", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		var out []interp.Value
		for _, c := range jobOf(this).Children() {
			out = append(out, elemValue(rOf(co), c))
		}
		return interp.Obj(interp.NewList(out)), nil
	})
	jc.AddProp("parent", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if pj := jobOf(this).Parent(); pj != nil {
			return elemValue(rOf(co), pj), nil
		}
		return interp.Null, nil
	})
	suspendMethod(jc, "join", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).join(co, jobOf(this))
	})
	jc.AddMethod("start", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Bool(jobOf(this).Start()), nil
	})
	jc.AddMethod("cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if v, ok := this.AsObject().(*jobVal); ok && v.nc {
			return interp.Unit, nil
		}
		_, err := cancel(co, args, jobOf(this))
		return interp.Unit, err
	})
	suspendMethod(jc, "cancelAndJoin", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		jobOf(this).Cancel(nil)
		return rOf(co).join(co, jobOf(this))
	})
	jc.AddMethod("cancelChildren", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		_, err := cancel(co, args, jobOf(this).Children()...)
		return interp.Unit, err
	})
	jc.AddMethod("ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, rOf(co).ensureActive(jobOf(this))
	})
	jc.AddMethod("getCancellationException", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		err, ok := jobOf(this).CancellationException()
		if !ok {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "Job is still new or active: %s", jobOf(this).String())
		}
		return excValue(co.Interp(), err), nil
	})
	jc.AddMethod("invokeOnCompletion", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		r := rOf(co)
		fn := args[len(args)-1]
		h := jobOf(this).InvokeOnCompletion(func(cause error) {
			arg := interp.Null
			if cause != nil {
				arg = excValue(r.in, cause)
			}
			if _, err := r.callSync(fn, arg); err != nil {
				r.printUncaught(err)
			}
		})
		return interp.Obj(&disposable{h}), nil
	})
	jc.AddMethod("complete", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		v := interp.Unit
		if len(args) > 0 {
			v = args[0]
		}
		return interp.Bool(jobOf(this).Complete(v, nil)), nil
	})
	jc.AddMethod("completeExceptionally", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		e := interp.ExceptionOf(args[0])
		if e == nil {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "not a Throwable")
		}
		return interp.Bool(jobOf(this).Complete(nil, e)), nil
	})
	DisposableHandleClass.AddMethod("dispose", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*disposable).h.Dispose()
		return interp.Unit, nil
	})
}

// initDeferredMethods adds the members of Deferred.
func initDeferredMethods() {
	dc := DeferredClass
	suspendMethod(dc, "await", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).await(co, jobOf(this))
	})
	dc.AddMethod("getCompleted", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := jobOf(this)
		if !j.IsCompleted() {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "This job has not completed yet")
		}
		return jobResult(j)
	})
	dc.AddMethod("getCompletionExceptionOrNull", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := jobOf(this)
		if !j.IsCompleted() {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "This job has not completed yet")
		}
		if _, err := j.Result(); err != nil {
			return excValue(co.Interp(), err), nil
		}
		return interp.Null, nil
	})
}

// initScopeMethods adds the members of CoroutineScope.
func initScopeMethods() {
	sc := CoroutineScopeClass
	scope := func(_ *interp.Coroutine, this interp.Value) sched.Context {
		ctx, _ := scopeCtx(this)
		return ctx
	}
	sc.AddMethod("launch", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).build(co, scope(co, this), args, false)
	}).Params = []string{"context", "start", "block"}
	sc.AddMethod("async", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).build(co, scope(co, this), args, true)
	}).Params = []string{"context", "start", "block"}
	sc.AddProp("coroutineContext", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(&ctxVal{scope(co, this)}), nil
	})
	sc.AddProp("isActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := scope(co, this).Job()
		return interp.Bool(j == nil || j.IsActive()), nil
	})
	sc.AddMethod("cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := scope(co, this).Job()
		if j == nil {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "Scope cannot be cancelled because it does not have a job: %s", scopeString(this))
		}
		_, err := cancel(co, args, j)
		return interp.Unit, err
	})
	sc.AddMethod("ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, rOf(co).ensureActive(scope(co, this).Job())
	})
	// a coroutine is a Job too, but the block it runs sees it as a
	// CoroutineScope: unqualified names reach only the scope's members
	// (a top-level `job` or `join` is not hidden by the coroutine's own)
	scopeMembers := map[string]bool{"launch": true, "async": true, "coroutineContext": true, "isActive": true,
		"cancel": true, "ensureActive": true, "toString": true, "equals": true, "hashCode": true}
	StandaloneCoroutineClass.ScopeMembers = scopeMembers
	DeferredCoroutineClass.ScopeMembers = scopeMembers
	for _, c := range []*interp.Class{ContextScopeClass, GlobalScopeClass} {
		c.AddMethod("toString", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.String(scopeString(this)), nil
		})
	}
}
