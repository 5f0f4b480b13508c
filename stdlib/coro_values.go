package stdlib

// Script values of the coroutine API: contexts and their elements, jobs,
// scopes, dispatchers, CoroutineStart, ThreadLocal.

import (
	"strconv"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

func iface(name, qname string, supers ...*interp.Class) *interp.Class {
	c := interp.NewClass(name, qname, nil, supers...)
	c.Interface = true
	return c
}

// The classes of the coroutine API.
var (
	CoroutineContextClass    = iface("CoroutineContext", "kotlin.coroutines.CoroutineContext")
	ContextElementClass      = iface("Element", "kotlin.coroutines.CoroutineContext.Element", CoroutineContextClass)
	CombinedContextClass     = interp.NewClass("CombinedContext", "kotlin.coroutines.CombinedContext", interp.AnyClass, CoroutineContextClass)
	EmptyContextClass        = interp.NewClass("EmptyCoroutineContext", "kotlin.coroutines.EmptyCoroutineContext", interp.AnyClass, CoroutineContextClass)
	JobClass                 = iface("Job", "kotlinx.coroutines.Job", ContextElementClass)
	DeferredClass            = iface("Deferred", "kotlinx.coroutines.Deferred", JobClass)
	CompletableJobClass      = iface("CompletableJob", "kotlinx.coroutines.CompletableJob", JobClass)
	CompletableDeferredClass = iface("CompletableDeferred", "kotlinx.coroutines.CompletableDeferred", DeferredClass)
	CoroutineScopeClass      = iface("CoroutineScope", "kotlinx.coroutines.CoroutineScope")
	// StandaloneCoroutineClass is the class of launch, runBlocking and
	// scoped coroutines (Job and CoroutineScope).
	StandaloneCoroutineClass = interp.NewClass("StandaloneCoroutine", "kotlinx.coroutines.StandaloneCoroutine", interp.AnyClass, JobClass, CoroutineScopeClass)
	// DeferredCoroutineClass is the class of async coroutines.
	DeferredCoroutineClass       = interp.NewClass("DeferredCoroutine", "kotlinx.coroutines.DeferredCoroutine", interp.AnyClass, DeferredClass, CoroutineScopeClass)
	JobImplClass                 = interp.NewClass("JobImpl", "kotlinx.coroutines.JobImpl", interp.AnyClass, CompletableJobClass)
	CompletableDeferredImplClass = interp.NewClass("CompletableDeferredImpl", "kotlinx.coroutines.CompletableDeferredImpl", interp.AnyClass, CompletableDeferredClass)
	ContextScopeClass            = interp.NewClass("ContextScope", "kotlinx.coroutines.internal.ContextScope", interp.AnyClass, CoroutineScopeClass)
	GlobalScopeClass             = interp.NewClass("GlobalScope", "kotlinx.coroutines.GlobalScope", interp.AnyClass, CoroutineScopeClass)
	DispatcherClass              = interp.NewClass("CoroutineDispatcher", "kotlinx.coroutines.CoroutineDispatcher", interp.AnyClass, ContextElementClass)
	ExecutorDispatcherClass      = interp.NewClass("ExecutorCoroutineDispatcher", "kotlinx.coroutines.ExecutorCoroutineDispatcher", DispatcherClass)
	ContinuationInterceptorClass = iface("ContinuationInterceptor", "kotlin.coroutines.ContinuationInterceptor", ContextElementClass)
	DispatchersClass             = interp.NewClass("Dispatchers", "kotlinx.coroutines.Dispatchers", interp.AnyClass)
	CoroutineNameClass           = interp.NewClass("CoroutineName", "kotlinx.coroutines.CoroutineName", interp.AnyClass, ContextElementClass)
	ExceptionHandlerClass        = interp.NewClass("CoroutineExceptionHandler", "kotlinx.coroutines.CoroutineExceptionHandler", interp.AnyClass, ContextElementClass)
	CoroutineStartClass          = interp.NewClass("CoroutineStart", "kotlinx.coroutines.CoroutineStart", interp.AnyClass)
	CoroutineIDClass             = interp.NewClass("CoroutineId", "kotlinx.coroutines.CoroutineId", interp.AnyClass, ContextElementClass)
	ThreadLocalClass             = interp.NewClass("ThreadLocal", "java.lang.ThreadLocal", interp.AnyClass)
	ThreadLocalElementClass      = interp.NewClass("ThreadLocalElement", "kotlinx.coroutines.internal.ThreadLocalElement", interp.AnyClass, ContextElementClass)
	DisposableHandleClass        = iface("DisposableHandle", "kotlinx.coroutines.DisposableHandle")
)

// ---- contexts ----

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
		return "kotlinx.coroutines.NonCancellable@" + interp.IdentityHex(v), nil
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

// disposable is a DisposableHandle.
type disposable struct{ h *sched.Handle }

func (*disposable) Class() *interp.Class { return DisposableHandleClass }

// ---- conversions ----

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

// dispValue returns the one script value of a dispatcher, so that ===
// holds between two reads of the same dispatcher.
func (r *crt) dispValue(d sched.Dispatcher) *dispVal {
	if v, ok := r.dispVals.Load(d); ok {
		return v.(*dispVal)
	}
	v, _ := r.dispVals.LoadOrStore(d, &dispVal{d})
	return v.(*dispVal)
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
