package coroutines

// Coroutine contexts and their elements as script values: the
// CoroutineContext operations, dispatchers (Dispatchers, thread pools,
// limitedParallelism), CoroutineName, CoroutineExceptionHandler,
// CoroutineStart, the debug-mode CoroutineId and ThreadLocal elements.

import (
	"strconv"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// ctxVal is a CoroutineContext of several (or no) elements.
type ctxVal struct{ ctx sched.Context }

func (v *ctxVal) Class() *interp.Class {
	if v.ctx.IsEmpty() {
		return EmptyContextClass
	}
	return CombinedContextClass
}

func (v *ctxVal) KString(co *interp.Coroutine) (string, error) { return v.ctx.String(), nil }

func (v *ctxVal) KEquals(co *interp.Coroutine, o interp.Value) (bool, error) {
	c, ok := toCtx(o)
	return ok && c.Equal(v.ctx), nil
}

// coroIDElem is the debug-mode CoroutineId element.
type coroIDElem struct{ id int64 }

type coroIDKeyT struct{}

var coroIDKey sched.Key = coroIDKeyT{}

func (*coroIDElem) Key() sched.Key                              { return coroIDKey }
func (e *coroIDElem) String() string                            { return "CoroutineId(" + strconv.FormatInt(e.id, 10) + ")" }
func (*coroIDElem) Class() *interp.Class                        { return CoroutineIDClass }
func (e *coroIDElem) KString(*interp.Coroutine) (string, error) { return e.String(), nil }

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

// dispVal is a dispatcher.
type dispVal struct{ d sched.Dispatcher }

func (v *dispVal) Class() *interp.Class {
	if _, ok := v.d.(*sched.ThreadPool); ok {
		return ExecutorDispatcherClass
	}
	return DispatcherClass
}

func (v *dispVal) KString(*interp.Coroutine) (string, error) { return v.d.String(), nil }

func (v *dispVal) KEquals(co *interp.Coroutine, o interp.Value) (bool, error) {
	x, ok := o.AsObject().(*dispVal)
	return ok && x.d == v.d, nil
}

// dispatchers is the Dispatchers object (its members find the runtime
// through the calling coroutine).
type dispatchers struct{}

func (*dispatchers) Class() *interp.Class { return DispatchersClass }

// dispValue returns the one script value of a dispatcher, so that ===
// holds between two reads of the same dispatcher.
func (r *crt) dispValue(d sched.Dispatcher) *dispVal {
	if v, ok := r.dispVals.Load(d); ok {
		return v.(*dispVal)
	}
	v, _ := r.dispVals.LoadOrStore(d, &dispVal{d})
	return v.(*dispVal)
}

// nameVal is a CoroutineName.
type nameVal struct{ name string }

func (*nameVal) Class() *interp.Class { return CoroutineNameClass }

func (v *nameVal) KString(*interp.Coroutine) (string, error) {
	return "CoroutineName(" + v.name + ")", nil
}

func (v *nameVal) KEquals(co *interp.Coroutine, o interp.Value) (bool, error) {
	x, ok := o.AsObject().(*nameVal)
	return ok && x.name == v.name, nil
}

// handlerVal is a CoroutineExceptionHandler made from a lambda.
type handlerVal struct {
	h  *sched.ExceptionHandler
	fn interp.Value
}

func (*handlerVal) Class() *interp.Class                        { return ExceptionHandlerClass }
func (v *handlerVal) KString(*interp.Coroutine) (string, error) { return v.h.String(), nil }

// startVal is a CoroutineStart entry.
type startVal struct{ s sched.Start }

func (*startVal) Class() *interp.Class                        { return CoroutineStartClass }
func (v *startVal) KString(*interp.Coroutine) (string, error) { return v.s.String(), nil }

var startVals = map[sched.Start]*startVal{
	sched.StartDefault: {sched.StartDefault}, sched.StartLazy: {sched.StartLazy},
	sched.StartAtomic: {sched.StartAtomic}, sched.StartUndispatched: {sched.StartUndispatched},
}

// threadLocal is java.lang.ThreadLocal: a value per thread.
type threadLocal struct {
	mu   sync.Mutex
	vals map[*sched.Thread]interp.Value
}

func (*threadLocal) Class() *interp.Class { return ThreadLocalClass }

func (tl *threadLocal) get(t *sched.Thread) (interp.Value, bool) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	v, ok := tl.vals[t]
	return v, ok
}

func (tl *threadLocal) set(t *sched.Thread, v interp.Value) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if tl.vals == nil {
		tl.vals = map[*sched.Thread]interp.Value{}
	}
	tl.vals[t] = v
}

func (tl *threadLocal) remove(t *sched.Thread) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	delete(tl.vals, t)
}

// tlElement is threadLocal.asContextElement(value).
type tlElement struct {
	tl    *threadLocal
	value interp.Value
	text  string
}

func (e *tlElement) Key() sched.Key                            { return e.tl }
func (e *tlElement) String() string                            { return e.text }
func (*tlElement) Class() *interp.Class                        { return ThreadLocalElementClass }
func (e *tlElement) KString(*interp.Coroutine) (string, error) { return e.text, nil }

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

// toCtx returns the context a script value stands for.
func toCtx(v interp.Value) (sched.Context, bool) {
	switch o := v.AsObject().(type) {
	case *ctxVal:
		return o.ctx, true
	case *Coro:
		return sched.Of(&o.job), true
	case *jobVal:
		return sched.Of(o.job), true
	case *dispVal:
		return sched.Of(sched.AsElement(o.d)), true
	case *nameVal:
		return sched.Of(sched.CoroutineName(o.name)), true
	case *handlerVal:
		return sched.Of(o.h), true
	case *tlElement:
		return sched.Of(o), true
	case *coroIDElem:
		return sched.Of(o), true
	}
	return sched.EmptyContext, false
}

// elemValue returns the script value of a context element.
func elemValue(r *crt, e sched.Element) interp.Value {
	switch x := e.(type) {
	case *sched.Job:
		switch d := x.Data().(type) {
		case *Coro:
			return interp.Obj(d)
		case *jobVal:
			return interp.Obj(d)
		}
		return interp.Obj(&jobVal{job: x, cls: JobImplClass})
	case sched.CoroutineName:
		return interp.Obj(&nameVal{string(x)})
	case *sched.ExceptionHandler:
		if h, ok := x.Value.(*handlerVal); ok {
			return interp.Obj(h)
		}
	case *tlElement:
		return interp.Obj(x)
	case *coroIDElem:
		return interp.Obj(x)
	}
	if d := sched.DispatcherOf(e); d != nil {
		return interp.Obj(r.dispValue(d))
	}
	return interp.Null
}

// ctxValue returns the script value of a context: the element itself
// when there is one, a CombinedContext otherwise.
func ctxValue(r *crt, ctx sched.Context) interp.Value {
	if ctx.Len() == 1 {
		return elemValue(r, ctx.Elements()[0])
	}
	return interp.Obj(&ctxVal{ctx})
}

// keyOf returns the context key a script value names (Job,
// CoroutineName, ContinuationInterceptor, a ThreadLocal's element, ...).
func keyOf(v interp.Value) (sched.Key, bool) {
	switch o := v.AsObject().(type) {
	case *interp.Class:
		switch o {
		case JobClass, DeferredClass:
			return sched.JobKey, true
		case CoroutineNameClass:
			return sched.NameKey, true
		case ExceptionHandlerClass:
			return sched.ExceptionHandlerKey, true
		case ContinuationInterceptorClass, DispatcherClass:
			return sched.DispatcherKey, true
		case CoroutineIDClass:
			return coroIDKey, true
		}
	case *tlElement:
		return o.tl, true
	case *threadLocal:
		return o, true
	}
	return nil, false
}

func ctxString(v interp.Value) string {
	c, _ := toCtx(v)
	return c.String()
}

// installContexts defines the context functions and objects and the
// dispatchers.
func (r *crt) installContexts() {
	in := r.in
	in.DefineGetter("coroutineContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c, err := current(co, "coroutineContext")
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&ctxVal{c.context()}), nil
	})
	defineSuspend(in, "currentCoroutineContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c, err := current(co, "currentCoroutineContext")
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&ctxVal{c.context()}), nil
	})
	in.Define("EmptyCoroutineContext", interp.Obj(&ctxVal{sched.EmptyContext}))
	in.Define("Dispatchers", interp.Obj(&dispatchers{}))
	in.DefineFunc("newSingleThreadContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(r.dispValue(r.rt.NewSingleThread(args[0].AsString()))), nil
	}).Params = []string{"name"}
	in.DefineFunc("newFixedThreadPoolContext", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(r.dispValue(r.rt.NewFixedThreadPool(int(args[0].ToInt64()), args[1].AsString()))), nil
	}).Params = []string{"nThreads", "name"}
}

// initContextMethods adds the members of CoroutineContext and its
// elements' key.
func initContextMethods() {
	cc := CoroutineContextClass
	cc.AddMethod("plus", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		b, ok := toCtx(args[0])
		if !ok {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "%s is not a CoroutineContext", interp.ClassOf(args[0]).Name)
		}
		return ctxValue(rOf(co), a.Plus(b)), nil
	})
	cc.AddMethod("get", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
	cc.AddMethod("minusKey", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		a, _ := toCtx(this)
		k, ok := keyOf(args[0])
		if !ok {
			return this, nil
		}
		return ctxValue(rOf(co), a.MinusKey(k)), nil
	})
	cc.AddMethod("fold", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
	cc.AddProp("isActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		j := ctxJob(this)
		return interp.Bool(j == nil || j.IsActive()), nil
	})
	cc.AddMethod("cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			_, err := cancel(co, args, j)
			return interp.Unit, err
		}
		return interp.Unit, nil
	})
	cc.AddMethod("cancelChildren", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			_, err := cancel(co, args, j.Children()...)
			return interp.Unit, err
		}
		return interp.Unit, nil
	})
	cc.AddMethod("ensureActive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, rOf(co).ensureActive(ctxJob(this))
	})
	cc.AddProp("job", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		if j := ctxJob(this); j != nil {
			return elemValue(rOf(co), j), nil
		}
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "Current context doesn't contain Job in it: %s", ctxString(this))
	})
	ContextElementClass.AddProp("key", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
}

// initDispatcherMethods adds the members of Dispatchers and
// CoroutineDispatcher.
func initDispatcherMethods() {
	DispatchersClass.AddProp("Default", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.Default())), nil
	})
	DispatchersClass.AddProp("IO", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.IO())), nil
	})
	DispatchersClass.AddProp("Unconfined", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.Unconfined())), nil
	})
	DispatchersClass.AddProp("Main", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Null, co.Errorf("java.lang.IllegalStateException",
			"Module with the Main dispatcher is missing. Add dependency providing the Main dispatcher, e.g. 'kotlinx-coroutines-android'")
	})
	DispatcherClass.AddMethod("close", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*dispVal).d.Close()
		return interp.Unit, nil
	})
	DispatcherClass.AddMethod("limitedParallelism", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		n := int(args[0].ToInt64())
		if n < 1 {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Expected positive parallelism level, but got %d", n)
		}
		return interp.Obj(rOf(co).dispValue(rOf(co).rt.LimitedParallelism(this.AsObject().(*dispVal).d, n))), nil
	})
	DispatcherClass.AddMethod("isDispatchNeeded", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Bool(this.AsObject().(*dispVal).d.IsDispatchNeeded()), nil
	})
}

// initElementMethods adds the members and constructors of
// CoroutineName, CoroutineExceptionHandler and CoroutineStart, and the
// keys of the context elements.
func initElementMethods() {
	CoroutineNameClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(args[0])
		return interp.Obj(&nameVal{s}), err
	}, "name")
	ExceptionHandlerClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		v := &handlerVal{fn: args[0]}
		v.h = &sched.ExceptionHandler{Value: v, Text: "CoroutineExceptionHandler"}
		return interp.Obj(v), nil
	}, "handler")
	CoroutineNameClass.AddProp("name", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
	CoroutineStartClass.AddProp("name", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.String(this.AsObject().(*startVal).s.String()), nil
	})
	ExceptionHandlerClass.AddProp("key", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(ExceptionHandlerClass), nil
	})
	ExceptionHandlerClass.AddMethod("handleException", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return co.CallSync(this.AsObject().(*handlerVal).fn, args...)
	})
}

// initThreadLocalMethods adds the members and the constructor of
// ThreadLocal.
func initThreadLocalMethods() {
	ThreadLocalClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Obj(&threadLocal{}), nil
	})
	tc := ThreadLocalClass
	tc.AddMethod("get", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		tl := this.AsObject().(*threadLocal)
		v, ok := tl.get(rOf(co).curTh)
		if !ok {
			return interp.Null, nil
		}
		return v, nil
	})
	tc.AddMethod("set", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*threadLocal).set(rOf(co).curTh, args[0])
		return interp.Unit, nil
	})
	tc.AddMethod("remove", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		this.AsObject().(*threadLocal).remove(rOf(co).curTh)
		return interp.Unit, nil
	})
	tc.AddMethod("asContextElement", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
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
