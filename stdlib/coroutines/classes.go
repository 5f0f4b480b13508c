package coroutines

// The classes of the coroutine API, shared by all interpreters.

import (
	"github.com/ktcoro/ktcoro/interp"
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
