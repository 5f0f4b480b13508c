package stdlib

// Members of the coroutine API classes. The classes are shared by all
// interpreters; the members find their interpreter's runtime through
// the calling coroutine.

import (
	"sync"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

var coroMethodsOnce sync.Once

func rOf(co *interp.Coroutine) *crt { return crtOf(co.Interp()) }

// dispatchers is the Dispatchers object (its members find the runtime
// through the calling coroutine).
type dispatchers struct{}

func (*dispatchers) Class() *interp.Class { return DispatchersClass }

func initCoroMethods() {
	m := func(c *interp.Class, name string, fn nfn) *interp.Native { return c.AddMethod(name, fn) }
	sm := func(c *interp.Class, name string, fn nfn) {
		n := c.AddMethod(name, fn)
		n.Suspend = true
	}
	p := func(c *interp.Class, name string, fn nfn) { c.AddProp(name, fn) }

	// ---- CoroutineContext ----
	cc := CoroutineContextClass
	m(cc, "plus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		b, ok := toCtx(args[0])
		if !ok {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "%s is not a CoroutineContext", interp.ClassOf(args[0]).Name)
		}
		return ctxValue(rOf(co), a.Plus(b)), nil
	})
	m(cc, "get", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		k, ok := keyOf(args[0])
		if !ok {
			return interp.Null, nil
		}
		if e := a.Get(k); e != nil {
			return elemValue(rOf(co), e), nil
		}
		return interp.Null, nil
	})
	m(cc, "minusKey", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		k, ok := keyOf(args[0])
		if !ok {
			return this, nil
		}
		return ctxValue(rOf(co), a.MinusKey(k)), nil
	})
	m(cc, "fold", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		acc := args[0]
		for _, e := range a.Elements() {
			v, err := co.CallSync(args[1], acc, elemValue(rOf(co), e))
			if err != nil {
				return interp.Null, err
			}
			acc = v
		}
		return acc, nil
	})
	ctxJob := func(this interp.Value) *sched.Job {
		a, _ := toCtx(this)
		return a.Job()
	}
	p(cc, "isActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := ctxJob(this)
		return interp.Bool(j == nil || j.IsActive()), nil
	})
	m(cc, "cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			j.Cancel(cancelCause(args))
		}
		return interp.Unit, nil
	})
	m(cc, "cancelChildren", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			for _, ch := range j.Children() {
				ch.Cancel(cancelCause(args))
			}
		}
		return interp.Unit, nil
	})
	m(cc, "ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, rOf(co).ensureActive(ctxJob(this))
	})
	p(cc, "job", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			return elemValue(rOf(co), j), nil
		}
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "Current context doesn't contain Job in it: %s", ctxString(this))
	})
	p(ContextElementClass, "key", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		switch this.AsObject().(type) {
		case *Coro, *jobVal:
			return interp.Obj(JobClass), nil
		case *nameVal:
			return interp.Obj(CoroutineNameClass), nil
		case *dispVal:
			return interp.Obj(ContinuationInterceptorClass), nil
		case *handlerVal:
			return interp.Obj(ExceptionHandlerClass), nil
		}
		return interp.Null, nil
	})

	// ---- Job ----
	jc := JobClass
	state := func(f func(j *sched.Job) bool) nfn {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			return interp.Bool(f(jobOf(this))), nil
		}
	}
	p(jc, "isActive", state((*sched.Job).IsActive))
	p(jc, "isCompleted", state((*sched.Job).IsCompleted))
	p(jc, "isCancelled", state((*sched.Job).IsCancelled))
	p(jc, "children", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		var out []interp.Value
		for _, c := range jobOf(this).Children() {
			out = append(out, elemValue(rOf(co), c))
		}
		return interp.Obj(interp.NewList(out)), nil
	})
	p(jc, "parent", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if pj := jobOf(this).Parent(); pj != nil {
			return elemValue(rOf(co), pj), nil
		}
		return interp.Null, nil
	})
	sm(jc, "join", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).join(co, jobOf(this))
	})
	m(jc, "start", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Bool(jobOf(this).Start()), nil
	})
	m(jc, "cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if v, ok := this.AsObject().(*jobVal); ok && v.nc {
			return interp.False, nil
		}
		return interp.Bool(jobOf(this).Cancel(cancelCause(args))), nil
	})
	sm(jc, "cancelAndJoin", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		jobOf(this).Cancel(nil)
		return rOf(co).join(co, jobOf(this))
	})
	m(jc, "cancelChildren", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		for _, ch := range jobOf(this).Children() {
			ch.Cancel(cancelCause(args))
		}
		return interp.Unit, nil
	})
	m(jc, "ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, rOf(co).ensureActive(jobOf(this))
	})
	m(jc, "getCancellationException", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		err, ok := jobOf(this).CancellationException()
		if !ok {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "Job is still new or active: %s", jobOf(this).String())
		}
		return excValue(co.Interp(), err), nil
	})
	m(jc, "invokeOnCompletion", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
	m(jc, "complete", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		v := interp.Unit
		if len(args) > 0 {
			v = args[0]
		}
		return interp.Bool(jobOf(this).Complete(v, nil)), nil
	})
	m(jc, "completeExceptionally", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		e := interp.ExceptionOf(args[0])
		if e == nil {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "not a Throwable")
		}
		return interp.Bool(jobOf(this).Complete(nil, e)), nil
	})
	m(DisposableHandleClass, "dispose", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*disposable).h.Dispose()
		return interp.Unit, nil
	})

	// ---- Deferred ----
	dc := DeferredClass
	sm(dc, "await", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).await(co, jobOf(this))
	})
	m(dc, "getCompleted", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := jobOf(this)
		if !j.IsCompleted() {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "This job has not completed yet")
		}
		return jobResult(j)
	})
	m(dc, "getCompletionExceptionOrNull", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := jobOf(this)
		if !j.IsCompleted() {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "This job has not completed yet")
		}
		if _, err := j.Result(); err != nil {
			return excValue(co.Interp(), err), nil
		}
		return interp.Null, nil
	})

	// ---- CoroutineScope ----
	sc := CoroutineScopeClass
	scope := func(_ *interp.Coroutine, this interp.Value) sched.Context {
		ctx, _ := scopeCtx(this)
		return ctx
	}
	m(sc, "launch", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).build(co, scope(co, this), args, false)
	}).Params = []string{"context", "start", "block"}
	m(sc, "async", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).build(co, scope(co, this), args, true)
	}).Params = []string{"context", "start", "block"}
	p(sc, "coroutineContext", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(&ctxVal{scope(co, this)}), nil
	})
	p(sc, "isActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := scope(co, this).Job()
		return interp.Bool(j == nil || j.IsActive()), nil
	})
	m(sc, "cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := scope(co, this).Job()
		if j == nil {
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "Scope cannot be cancelled because it does not have a job: %s", scopeString(this))
		}
		j.Cancel(cancelCause(args))
		return interp.Unit, nil
	})
	m(sc, "ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
	// ---- dispatchers ----
	p(DispatchersClass, "Default", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.Default())), nil
	})
	p(DispatchersClass, "IO", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.IO())), nil
	})
	p(DispatchersClass, "Unconfined", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.Unconfined())), nil
	})
	p(DispatchersClass, "Main", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Null, co.Errorf("java.lang.IllegalStateException",
			"Module with the Main dispatcher is missing. Add dependency providing the Main dispatcher, e.g. 'kotlinx-coroutines-android'")
	})
	m(DispatcherClass, "close", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*dispVal).d.Close()
		return interp.Unit, nil
	})
	m(DispatcherClass, "limitedParallelism", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		n := int(args[0].ToInt64())
		if n < 1 {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Expected positive parallelism level, but got %d", n)
		}
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.LimitedParallelism(this.AsObject().(*dispVal).d, n))), nil
	})
	m(DispatcherClass, "isDispatchNeeded", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Bool(this.AsObject().(*dispVal).d.IsDispatchNeeded()), nil
	})

	// ---- CoroutineName, CoroutineStart ----
	p(CoroutineNameClass, "name", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*nameVal).name), nil
	})
	CoroutineNameClass.StaticProps = map[string]interp.Value{"Key": interp.Obj(CoroutineNameClass)}
	JobClass.StaticProps = map[string]interp.Value{"Key": interp.Obj(JobClass)}
	ContinuationInterceptorClass.StaticProps = map[string]interp.Value{"Key": interp.Obj(ContinuationInterceptorClass)}
	ExceptionHandlerClass.StaticProps = map[string]interp.Value{"Key": interp.Obj(ExceptionHandlerClass)}
	CoroutineStartClass.StaticProps = map[string]interp.Value{}
	for s, v := range startVals {
		CoroutineStartClass.StaticProps[s.String()] = interp.Obj(v)
	}
	p(CoroutineStartClass, "name", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*startVal).s.String()), nil
	})
	p(ExceptionHandlerClass, "key", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(ExceptionHandlerClass), nil
	})
	m(ExceptionHandlerClass, "handleException", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return co.CallSync(this.AsObject().(*handlerVal).fn, args...)
	})

	// ---- ThreadLocal ----
	tc := ThreadLocalClass
	m(tc, "get", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		tl := this.AsObject().(*threadLocal)
		v, ok := tl.get(rOf(co).curTh)
		if !ok {
			return interp.Null, nil
		}
		return v, nil
	})
	m(tc, "set", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*threadLocal).set(rOf(co).curTh, args[0])
		return interp.Unit, nil
	})
	m(tc, "remove", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*threadLocal).remove(rOf(co).curTh)
		return interp.Unit, nil
	})
	m(tc, "asContextElement", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		tl := this.AsObject().(*threadLocal)
		v := interp.Null
		if len(args) > 0 && !args[0].IsAbsent() {
			v = args[0]
		} else if cur, ok := tl.get(rOf(co).curTh); ok {
			v = cur
		}
		s, err := co.ToString(v)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&tlElement{tl: tl, value: v,
			text: "ThreadLocal(value=" + s + ", threadLocal = java.lang.ThreadLocal@" + interp.IdentityHex(tl) + ")"}), nil
	}).Params = []string{"value"}
}

func ctxString(v interp.Value) string {
	c, _ := toCtx(v)
	return c.String()
}

func scopeString(v interp.Value) string {
	if s, ok := v.AsObject().(*scopeVal); ok && s.global {
		return "kotlinx.coroutines.GlobalScope@" + interp.IdentityHex(s)
	}
	ctx, _ := scopeCtx(v)
	return "CoroutineScope(coroutineContext=" + ctx.String() + ")"
}
