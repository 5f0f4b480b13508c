package coroutines

// The coroutine runtime of one interpreter (crt): its sched.Runtime,
// the GIL that script code of the interpreter runs under, the thread
// "main" that runs a program's plain code, and Install, which binds it
// all to an interpreter.
//
// Script code of one interpreter runs under one lock (the GIL): a thread
// takes it for as long as it runs a coroutine and lets it go at
// suspension, when it blocks (runBlocking's loop, Thread.sleep) and every
// few thousand steps. A racy script on Dispatchers.Default may therefore
// compute a wrong result, as on the JVM, but it can never corrupt the
// interpreter's memory (a Go map written from two threads at once, a torn
// value).

import (
	_ "embed"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
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
	// maxNest bounds the coroutines running nested on one thread's Go
	// stack (counted with sched.Thread.Nest around each inline start of
	// a scope's block, inline resumption and runBlocking): a scope or
	// runBlocking that would go deeper throws StackOverflowError, a
	// resumption goes through the dispatcher. The interpreter's MaxDepth.
	maxNest int32

	mu    sync.Mutex
	fatal error // an uncatchable error (interrupt, step limit) that ended a coroutine
	// under mu: closed when the host stops the script (setFatal,
	// shutdown), so that threads blocked in Thread.sleep or readLine
	// return; Reset makes a new one
	stopCh chan struct{}
	// under mu: see newJobCancellation
	lastCancel cancelCache

	roots map[*sched.Job]struct{} // under mu: coroutines at the top of the job forest, for the dump
	// dumpHidden holds the jobs the dump leaves out, showing their
	// children in their place: a REPL session's job and the coroutines
	// that run its inputs (sync.Map of *sched.Job -> struct{})
	dumpHidden sync.Map
	ncOnce     sync.Once
	nc         *jobVal
	dispVals   sync.Map // sched.Dispatcher -> *dispVal

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

// preludeSrc is the part of kotlinx.coroutines written in the language
// itself (see prelude.kc): the functions that suspend in a loop or
// around a block.
//
//go:embed prelude.kc
var preludeSrc []byte

// preludeFile is the file name the prelude compiles under (stack traces
// show it).
const preludeFile = "coroutines/prelude.kc"

// flowSrc is kotlinx.coroutines.flow, written in the language (see
// flow.kc), a prelude of its own loaded on demand after preludeSrc.
//
//go:embed flow.kc
var flowSrc []byte

// flowFile is the file name the flow prelude compiles under.
const flowFile = "coroutines/flow.kc"

// flowHotSrc is the hot flows of kotlinx.coroutines.flow (StateFlow,
// SharedFlow, stateIn, shareIn), written in the language over the natives
// of flow_hot.go (see flow_hot.kc), a prelude loaded on demand after
// flowSrc.
//
//go:embed flow_hot.kc
var flowHotSrc []byte

// flowHotFile is the file name the hot-flow prelude compiles under.
const flowHotFile = "coroutines/flow_hot.kc"

// initOnce guards initClasses.
var initOnce sync.Once

// Install adds kotlinx.coroutines to an interpreter that already has the
// standard library (call stdlib.Install first: kotlinx.coroutines is
// built on it, as on the JVM): the coroutine builders, jobs, contexts and
// dispatchers, the kotlinx prelude (loaded on demand, see
// stdlib.AddPrelude), and a coroutine runtime of its own, which it binds
// to in through interp.Interp.RunHook, SuspendMainHook and the tick hook,
// and to the standard library through stdlib.SetThreads. Call it once per
// interpreter, right after stdlib.Install and before compiling scripts,
// and Close the interpreter when done: the runtime owns goroutines. It
// fails when the standard library is not installed. Not safe once
// scripts run, in any interpreter of the process (the first Install adds
// members to the shared classes).
func Install(in *interp.Interp) error {
	if err := stdlib.AddPrelude(in, preludeFile, preludeSrc); err != nil {
		return errors.New("coroutines.Install: the standard library is not installed in this interpreter (call stdlib.Install first)")
	}
	if err := stdlib.AddPrelude(in, flowFile, flowSrc); err != nil {
		return err
	}
	if err := stdlib.AddPrelude(in, flowHotFile, flowHotSrc); err != nil {
		return err
	}
	initOnce.Do(func() { initClasses(in) })
	r := newCrt(in)
	r.install()
	in.SetLocker(func(fn func()) { Locked(in, fn) }) // Value.String and Go funcs of lambdas run script code
	return nil
}

// initClasses adds the members and constructors of the coroutine API
// classes, which all interpreters share (they find their runtime through
// the calling coroutine, see rOf), and the coroutine side of the core
// exception classes.
func initClasses(in *interp.Interp) {
	initContextMethods()
	initJobMethods()
	initDeferredMethods()
	initScopeMethods()
	initDispatcherMethods()
	initElementMethods()
	initThreadLocalMethods()
	initSyncMethods()
	initExceptions(in)
	initChannelMethods()
	initSelectMethods()
	initFlowHotMethods()
}

// install defines the coroutine API in the runtime's interpreter.
func (r *crt) install() {
	in := r.in
	for _, p := range []string{"kotlinx.coroutines", "kotlin.coroutines", "kotlinx.coroutines.sync",
		"kotlin.coroutines.experimental", "kotlinx.coroutines.channels", "kotlinx.coroutines.debug",
		"kotlinx.coroutines.selects", "kotlinx.coroutines.flow"} {
		in.DefineImport(p)
	}
	for _, c := range []*interp.Class{CoroutineContextClass, JobClass, DeferredClass, CompletableDeferredClass,
		CompletableJobClass, CoroutineScopeClass, DispatcherClass, CoroutineNameClass, ExceptionHandlerClass,
		CoroutineStartClass, ThreadLocalClass, ContinuationInterceptorClass, DispatchersClass, GlobalScopeClass,
		EmptyContextClass, DisposableHandleClass, ExecutorDispatcherClass, MutexClass, SemaphoreClass} {
		in.DefineType(c)
	}
	stdlib.DefineAnnotations(in, "kotlinx.coroutines.ExperimentalCoroutinesApi",
		"kotlinx.coroutines.DelicateCoroutinesApi", "kotlinx.coroutines.ObsoleteCoroutinesApi",
		"kotlinx.coroutines.InternalCoroutinesApi", "kotlinx.coroutines.FlowPreview")
	r.installBuilders()
	r.installDelay()
	r.installJobs()
	r.installContexts()
	r.installChannels()
	r.installSelect()
	r.installFlow()
	r.installFlowHot()
}

// nfn is the type of the natives of the coroutine API.
type nfn = interp.NativeFunc

// defineSuspend defines a suspend native called name in in, with its
// parameter names when given.
func defineSuspend(in *interp.Interp, name string, fn nfn, params ...string) {
	n := in.DefineFunc(name, fn)
	n.Suspend = true
	if params != nil {
		n.Params = params
	}
}

// suspendMethod adds a suspend method to a class.
func suspendMethod(c *interp.Class, name string, fn nfn) {
	n := c.AddMethod(name, fn)
	n.Suspend = true
}

// Runtime returns the coroutine runtime (sched) of an interpreter
// kotlinx.coroutines was installed in (Install), or nil. A host may use
// it to read the clock or the activity, or to make dispatchers; closing
// it is Close's job. Safe from any goroutine.
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

func rOf(co *interp.Coroutine) *crt { return crtOf(co.Interp()) }

func newCrt(in *interp.Interp) *crt {
	opts := in.Options()
	r := &crt{in: in, debug: opts.Debug, maxNest: int32(min(max(opts.MaxDepth, 64), 1<<20))}
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
	stdlib.SetThreads(in, r)
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
	r.signalStop()
}

// signalStop wakes the threads blocked in Sleep and Wait.
func (r *crt) signalStop() {
	r.mu.Lock()
	if r.stopCh == nil {
		r.stopCh = make(chan struct{})
	}
	select {
	case <-r.stopCh:
	default:
		close(r.stopCh)
	}
	r.mu.Unlock()
}

// clearFatal forgets the error that stopped the script and the stop
// signal, for the next run.
func (r *crt) clearFatal() {
	r.mu.Lock()
	r.fatal = nil
	r.lastCancel = cancelCache{}
	if r.stopCh != nil {
		select {
		case <-r.stopCh:
			r.stopCh = nil // signalled: the next waiter gets a new one
		default:
		}
	}
	r.mu.Unlock()
}

// stopChan returns the channel signalStop closes.
func (r *crt) stopChan() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopCh == nil {
		r.stopCh = make(chan struct{})
	}
	return r.stopCh
}

// stopErr is the error a thread woken by signalStop throws.
func (r *crt) stopErr() error {
	if f := r.takeFatal(); f != nil {
		return f
	}
	return &interp.Interrupted{Reason: "interrupted"}
}

func (r *crt) takeFatal() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal
}

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

// Sleep is Thread.sleep on the runtime's clock (stdlib.Threads): it
// returns early, with the error that stops the script, when the host
// stops it (Interrupt, a limit, a cancelled context past its grace,
// Close).
func (r *crt) Sleep(d time.Duration) error {
	t := r.curTh
	if r.cur == nil {
		t = nil
	}
	stop := r.stopChan()
	if r.in.IsInterrupted() {
		return r.stopErr()
	}
	slept := true
	r.block(func() { slept = r.rt.SleepUntil(t, d, stop) })
	if !slept {
		return r.stopErr()
	}
	return nil
}

// Wait blocks the thread until done is closed (stdlib.Threads), or
// returns the error that stops the script when the host stops it.
func (r *crt) Wait(done <-chan struct{}) error {
	stop := r.stopChan()
	if r.in.IsInterrupted() {
		return r.stopErr()
	}
	stopped := false
	r.block(func() {
		select {
		case <-done:
		case <-stop:
			stopped = true
		}
	})
	if stopped {
		return r.stopErr()
	}
	return nil
}

// ThreadName is the name of the thread running script code now
// (stdlib.Threads).
func (r *crt) ThreadName() string { return r.curName }

// Current identifies the thread running script code now
// (stdlib.Threads): its sched.Thread, the thread "main" outside any.
func (r *crt) Current() any {
	if r.curTh == nil {
		return r.mainTh
	}
	return r.curTh
}

// Clock is the runtime's clock (stdlib.Threads).
func (r *crt) Clock() sched.Clock { return r.rt.Clock() }

// Close stops the coroutine runtime of an interpreter, as Shutdown does
// with a grace period of two seconds: its script code stops, its threads
// exit and pending timers are dropped. Call it when the interpreter is
// done: it cannot run coroutines afterwards. Calling it more than once is
// fine. Safe from any goroutine.
func Close(in *interp.Interp) {
	_ = Shutdown(in, "the interpreter was closed", closeWait)
}

// Shutdown stops everything an interpreter runs, in a run of the host or
// not (a coroutine GlobalScope.launch left spinning): script code stops
// at its next step with an uncatchable *interp.Interrupted whose reason
// is reason (finally blocks do not run, as when a JVM exits), threads
// blocked in Thread.sleep or readLine return, pending timers are dropped
// and the runtime's threads exit. It waits for them at most grace, then
// returns an error saying what did not stop (a thread held by a host
// function that does not return); those goroutines exit when it does.
// The interpreter cannot run coroutines afterwards. Safe from any
// goroutine; on a thread of the runtime (in a native) it waits the whole
// grace period, for its own thread, and reports it.
func Shutdown(in *interp.Interp, reason string, grace time.Duration) error {
	r := crtOf(in)
	if r == nil {
		in.Interrupt()
		return nil
	}
	r.setFatal(&interp.Interrupted{Reason: reason})
	done := make(chan struct{})
	go func() {
		r.rt.Close()
		close(done)
	}()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
		return nil
	case <-t.C:
	}
	what := "a thread of the coroutine runtime did not stop"
	if th := r.holder.Load(); th != nil {
		what = fmt.Sprintf("thread %q did not stop running script code or a host function", th.Name())
	}
	return errors.New(what)
}
