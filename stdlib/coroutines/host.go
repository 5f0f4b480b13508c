package coroutines

// What a Go host needs from the coroutine runtime: suspending host
// functions (the Go side runs on a goroutine of its own and resumes the
// calling coroutine), calling script functions — suspend ones too — from
// Go, host dispatchers, cancelling and stopping what a script runs, a
// bound on live coroutines, and the runtime lock for reading and writing
// globals. The root package ktcoro builds the high-level API (contexts,
// limits, value conversion) on these.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// hostState is the embedding state of a runtime (crt.host).
type hostState struct {
	ctx atomic.Pointer[context.Context] // base of the contexts of host work

	maxCoro  int64                            // LimitCoroutines: 0 = none
	exceeded func(co *interp.Coroutine) error // the error a coroutine beyond maxCoro throws
	live     atomic.Int64                     // coroutines created and not completed (when maxCoro > 0)
}

// SuspendFunc is a Go function that scripts call as a suspend function
// (see NewSuspendFunc). It is called on the script's thread, holding the
// interpreter, with the call's arguments: it checks and converts them
// (script objects may be read only here, never on another goroutine) and
// returns the work to do. An error it returns is thrown in the script at
// once, without suspending (see interp.Interp.ToException; interp.Throw
// picks the class). A nil HostWork completes the call with Unit at once.
type SuspendFunc func(co *interp.Coroutine, args []interp.Value) (HostWork, error)

// HostWork is the part of a suspending host function that runs on a
// goroutine of its own while the calling coroutine is suspended: an HTTP
// request, a database query. ctx is cancelled when the coroutine is
// cancelled (or when the work is done); it carries the values of the
// host context given to SetHostContext. The value it returns (a new
// value: it must not be a script object read from the arguments'
// insides) resumes the coroutine; an error is thrown in the script as
// interp.Interp.ToException converts it. A panic becomes a
// RuntimeException.
type HostWork func(ctx context.Context) (interp.Value, error)

// NewSuspendFunc returns a built-in suspend function called name that
// runs fn: scripts call it from coroutines and suspend functions (calling
// it elsewhere is a compile error), and the calling coroutine suspends —
// other coroutines go on — until the HostWork fn returned has finished on
// its goroutine, then resumes with its result on its dispatcher. While
// the work is outstanding the runtime counts it as activity: the virtual
// clock does not jump past it and no deadlock is reported. Cancelling the
// coroutine resumes it at once with CancellationException and cancels the
// work's context. The function is not bound to an interpreter: it finds
// the runtime through the calling coroutine, so the Native may be defined
// in several interpreters. NewSuspendFunc is safe from any goroutine.
func NewSuspendFunc(name string, fn SuspendFunc) *interp.Native {
	return &interp.Native{Name: name, Suspend: true, Fn: func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return suspendCall(co, name, fn, args)
	}}
}

// DefineSuspendFunc defines NewSuspendFunc(name, fn) in in. Not safe
// once scripts run.
func DefineSuspendFunc(in *interp.Interp, name string, fn SuspendFunc) *interp.Native {
	n := NewSuspendFunc(name, fn)
	in.Define(name, interp.Obj(n))
	return n
}

var contextType = reflect.TypeFor[context.Context]()

// NewSuspendGoFunc is NewSuspendFunc for a plain Go function whose first
// parameter is a context.Context, such as
//
//	func(ctx context.Context, url string) (string, error)
//
// The other parameters take the script's arguments, converted on the
// script's thread as interp.NewGoFunc converts them (a wrong count or
// type throws IllegalArgumentException without suspending); fn then runs
// on a goroutine of its own, and its results — none, a value, an error,
// or a value and an error — resume the coroutine. A SuspendFunc is used
// as it is. It fails when fn is not a function or its first parameter is
// not a context.Context, and for results other than those. Safe from any
// goroutine.
func NewSuspendGoFunc(name string, fn any) (*interp.Native, error) {
	switch f := fn.(type) {
	case SuspendFunc:
		return NewSuspendFunc(name, f), nil
	case func(*interp.Coroutine, []interp.Value) (HostWork, error):
		return NewSuspendFunc(name, f), nil
	}
	rv := reflect.ValueOf(fn)
	if rv.Kind() != reflect.Func || rv.IsNil() {
		return nil, fmt.Errorf("%s: not a function but %T", name, fn)
	}
	t := rv.Type()
	if t.NumIn() == 0 || t.In(0) != contextType {
		return nil, fmt.Errorf("%s: the first parameter of a suspending function must be a context.Context (%s)", name, t)
	}
	sig, err := interp.NewGoSignature(name, t, 1)
	if err != nil {
		return nil, err
	}
	return NewSuspendFunc(name, func(co *interp.Coroutine, args []interp.Value) (HostWork, error) {
		in, err := sig.Args(args)
		if err != nil {
			return nil, &interp.ThrowError{Class: "java.lang.IllegalArgumentException", Message: err.Error()}
		}
		return func(ctx context.Context) (interp.Value, error) {
			in[0] = reflect.ValueOf(ctx)
			return sig.Call(rv, in)
		}, nil
	}), nil
}

// suspendCall is the body of a suspending host function.
func suspendCall(co *interp.Coroutine, name string, fn SuspendFunc, args []interp.Value) (interp.Value, error) {
	r := crtOf(co.Interp())
	if r == nil {
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "%s needs the coroutine runtime (coroutines.Install)", name)
	}
	c, err := current(co, name)
	if err != nil {
		return interp.Null, err
	}
	if c.job.IsCancelled() {
		return interp.Null, c.cancellationException()
	}
	work, err := fn(co, args)
	if err != nil {
		return interp.Null, co.Interp().ToException(co, err)
	}
	if work == nil {
		return interp.Unit, nil
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	ctx, cancel := context.WithCancel(r.hostContext())
	h := c.job.InvokeOnCancelling(func(error) { cancel() })
	r.rt.BeginOp() // ended by runHostWork once the coroutine is resumed
	go r.runHostWork(c, gen, work, ctx, cancel, h, name)
	c.park()
	return interp.Null, interp.ErrSuspend
}

// runHostWork runs a suspending host function's work on its own
// goroutine and resumes the coroutine with the outcome (unless its
// cancellation did so first).
func (r *crt) runHostWork(c *Coro, gen uint32, work HostWork, ctx context.Context, cancel context.CancelFunc, h *sched.Handle, name string) {
	defer r.rt.EndOp()
	v, err := safeWork(ctx, work, name)
	h.Dispose()
	cancel()
	s := r.enter(nil)
	if err != nil {
		err = r.in.ToException(nil, err)
		v = interp.Null
	}
	c.fire(gen, v, err)
	r.leave(s)
}

func safeWork(ctx context.Context, work HostWork, name string) (v interp.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = interp.Null, fmt.Errorf("host function %s panicked: %v", name, p)
		}
	}()
	return work(ctx)
}

// hostOf returns the embedding state of r, creating it.
func (r *crt) hostOf() *hostState {
	if h := r.host.Load(); h != nil {
		return h
	}
	r.host.CompareAndSwap(nil, &hostState{})
	return r.host.Load()
}

func (r *crt) hostContext() context.Context {
	if h := r.host.Load(); h != nil {
		if p := h.ctx.Load(); p != nil {
			return *p
		}
	}
	return context.Background()
}

// SetHostContext sets the context whose values the contexts of host work
// (HostWork) carry from now on. Its cancellation does not reach them: the
// coroutine's cancellation does (a host cancels what a script runs with
// CancelCoroutines). Safe from any goroutine.
func SetHostContext(in *interp.Interp, ctx context.Context) {
	r := crtOf(in)
	if r == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	r.hostOf().ctx.Store(&ctx)
}

// LimitCoroutines bounds the number of live coroutines (created and not
// completed) of an interpreter to max: creating one more calls exceeded,
// with the coroutine creating it (its Position says where; nil when the
// host creates it, as Call does), and throws the error it returns where
// the coroutine was to be created:
// an *interp.Interrupted stops the program (scripts cannot catch it); a
// script exception or an interp.Throw error can be caught. Zero or less
// removes the bound. Not safe once scripts run.
func LimitCoroutines(in *interp.Interp, max int, exceeded func(co *interp.Coroutine) error) {
	r := crtOf(in)
	if r == nil {
		return
	}
	h := r.hostOf()
	h.maxCoro = int64(max)
	h.exceeded = exceeded
}

// admit counts a coroutine just created against the host's limit (see
// LimitCoroutines); over the limit it completes the job with the limit's
// error and returns it; from is the coroutine creating it, or nil.
// Called by newCoro under the GIL.
func (r *crt) admit(j *sched.Job, from *interp.Coroutine) error {
	h := r.host.Load()
	if h == nil || h.maxCoro <= 0 {
		return nil
	}
	if h.live.Add(1) > h.maxCoro {
		h.live.Add(-1)
		var err error
		if h.exceeded != nil {
			err = h.exceeded(from)
		}
		if err == nil {
			err = &interp.Interrupted{Reason: fmt.Sprintf("coroutine limit exceeded (%d live coroutines)", h.maxCoro)}
		}
		// the job is already attached to its parent: complete it as
		// cancelled, which does not fail the parent (the error thrown
		// where it was created decides what happens)
		j.Complete(nil, r.newJobCancellation("The coroutine limit was exceeded", nil, j))
		return r.in.ToException(nil, err)
	}
	j.InvokeOnCompletion(func(error) { h.live.Add(-1) })
	return nil
}

// Call calls the script function fn (a suspend function or not) with
// args from Go, as `runBlocking { fn(args) }` would: in a new root
// coroutine on an event loop that runs on the calling goroutine (the
// thread "main") until fn has returned and the coroutines it started in
// its scope have completed. It returns fn's value, or its exception (an
// *interp.Exception), an *interp.Interrupted when the program was stopped
// (Abort, a limit), a *sched.DeadlockError when fn waits for something
// that can no longer happen (fn is then cancelled). Output is flushed
// when it returns. Do not call it from script code (a native); from Go,
// one call at a time per interpreter, and not while interp.Interp.Run
// runs on another goroutine (the thread "main" has one event loop, and
// the lock would take the second caller for the first).
func Call(in *interp.Interp, fn interp.Value, args ...interp.Value) (interp.Value, error) {
	r := crtOf(in)
	if r == nil {
		return runToEnd(in, "a suspend function needs the coroutine runtime (coroutines.Install)", fn, args...)
	}
	defer in.Flush()
	// no activity count of our own: fn runs as a task of the loop, which
	// counts it (and a runBlocking nested in it parks it while it waits)
	s := r.enterHost()
	defer r.leave(s)
	loop := r.rt.NewEventLoopOn(r.mainTh)
	c, err := r.newCoro(sched.EmptyContext.With(loop), coroOpts{name: "BlockingCoroutine", cls: StandaloneCoroutineClass, scoped: true}, fn)
	if err != nil {
		return interp.Null, err
	}
	c.initVM(fn, nil, args) // without the receiver newCoro gave it
	c.schedule()
	rerr := r.waitFor(loop, c, func(wait func()) {
		sv := r.release()
		wait()
		r.reacquire(sv)
	})
	var dl *sched.DeadlockError
	if errors.As(rerr, &dl) {
		// nothing can resume fn: cancel it, and let its finally blocks run
		c.job.Cancel(r.newJobCancellation("Deadlock", nil, &c.job))
		if loop.Run(c.job.IsCompleted) != nil {
			rerr = dl
		}
	}
	loop.Close()
	if f := r.takeFatal(); f != nil {
		return interp.Null, f
	}
	if rerr != nil {
		if dl != nil {
			return interp.Null, dl
		}
		return interp.Null, &interp.Interrupted{Reason: rerr.Error()}
	}
	return jobResult(&c.job)
}

// Locked calls fn while no script code of the interpreter runs, as the
// thread "main" (fn may compile programs, which can load parts of the
// prelude, and read or write globals; it must not run scripts itself nor
// block). Safe from any goroutine except the threads that run script
// code.
func Locked(in *interp.Interp, fn func()) {
	r := crtOf(in)
	if r == nil {
		fn()
		return
	}
	defer r.leave(r.enterHost())
	fn()
}

// enterHost takes the GIL for a host goroutine (Locked, Call), as the
// thread "main": like enter(r.mainTh), but never taken as nested, since
// the caller is not a script thread, whatever thread holds the lock (the
// thread "main" of another host goroutine inside Locked, for one).
func (r *crt) enterHost() gilSave {
	r.lockGIL()
	r.holder.Store(r.mainTh)
	saved := gilSave{cur: r.cur, th: r.curTh, name: r.curName}
	r.cur, r.curTh, r.curName = nil, r.mainTh, r.mainTh.Name()
	return saved
}

// CancelCoroutines cancels every coroutine at the top of the
// interpreter's coroutine forest (runBlocking's, GlobalScope's, those of
// a CoroutineScope(...)) with a JobCancellationException whose message
// is reason, and so everything they started: each sees
// CancellationException at its next suspension point and its finally
// blocks run. It returns how many it cancelled. Safe from any goroutine
// except the threads that run script code (natives).
func CancelCoroutines(in *interp.Interp, reason string) int {
	r := crtOf(in)
	if r == nil {
		return 0
	}
	s := r.enter(nil)
	defer r.leave(s)
	r.mu.Lock()
	roots := make([]*sched.Job, 0, len(r.roots))
	for j := range r.roots {
		roots = append(roots, j)
	}
	r.mu.Unlock()
	slices.SortFunc(roots, func(a, b *sched.Job) int { return int(a.ID() - b.ID()) })
	n := 0
	for _, j := range roots {
		if !j.IsCompleted() && j.Cancel(r.newJobCancellation(reason, nil, j)) {
			n++
		}
	}
	return n
}

// Abort stops the program of an interpreter with an uncatchable error:
// running script code stops at its next step (interp.Interp.Interrupt),
// suspended coroutines are cancelled (CancelCoroutines) so that the run
// can return, and the run returns an *interp.Interrupted with reason.
// Unlike Stop, the runtime stays usable: call Reset before the next run.
// Safe from any goroutine except the threads that run script code.
func Abort(in *interp.Interp, reason string) {
	r := crtOf(in)
	if r == nil {
		in.Interrupt()
		return
	}
	r.setFatal(&interp.Interrupted{Reason: reason})
	CancelCoroutines(in, reason)
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

// Reset makes an interpreter stopped by Abort, an interrupt, a limit or
// a deadlock usable again: it clears the interrupt flag and the
// runtime's record of the error that stopped it. Call it between runs.
// Safe from any goroutine.
func Reset(in *interp.Interp) {
	if r := crtOf(in); r != nil {
		r.clearFatal()
	}
	in.ClearInterrupt()
}

// DefineDispatcher makes the host dispatcher d a script value called
// name, for withContext(name) { }, launch(name) { } and so on. d is
// adopted with sched.Runtime.AdoptThread: its tasks count as activity,
// and those the host runs with a nil thread (a sched.TickDispatcher's)
// run on a thread called name. The script cannot close it. Not safe once
// scripts run.
func DefineDispatcher(in *interp.Interp, name string, d sched.Dispatcher) error {
	r := crtOf(in)
	if r == nil {
		return errors.New("coroutines.DefineDispatcher: kotlinx.coroutines is not installed in this interpreter")
	}
	if d == nil {
		return fmt.Errorf("coroutines.DefineDispatcher: nil dispatcher for %s", name)
	}
	in.Define(name, interp.Obj(r.dispValue(r.rt.AdoptThread(d, name))))
	return nil
}
