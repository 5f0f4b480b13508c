package coroutines

// Cancellation exceptions and the failures of root coroutines
// (CoroutineExceptionHandler, the uncaught-exception report).

import (
	"errors"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
)

var cancellationClass *interp.Class

func isCancellation(err error) bool {
	e, ok := err.(*interp.Exception)
	if !ok {
		if _, intr := err.(*interp.Interrupted); intr || !errors.As(err, &e) {
			return false
		}
	}
	if cancellationClass == nil {
		return false
	}
	return e.Class().IsSubclassOf(cancellationClass)
}

// newJobCancellation makes a kotlinx.coroutines.JobCancellationException.
func (r *crt) newJobCancellation(msg string, cause error, job *sched.Job) error {
	if r.in.IsInterrupted() {
		// the host is stopping the program: no script code will look at
		// these closely, and a parent with a million children must stop
		// in bounded time, so its children share one
		r.mu.Lock()
		defer r.mu.Unlock()
		if c := r.lastCancel; c.e != nil && c.msg == msg && c.cause == cause && c.job == job {
			return c.e
		}
		e := r.makeJobCancellation(msg, cause, job)
		r.lastCancel = cancelCache{msg, cause, job, e}
		return e
	}
	return r.makeJobCancellation(msg, cause, job)
}

// cancelCache is the last cancellation newJobCancellation made while the
// host stops the program.
type cancelCache struct {
	msg   string
	cause error
	job   *sched.Job
	e     error
}

func (r *crt) makeJobCancellation(msg string, cause error, job *sched.Job) error {
	e := r.in.NewError("kotlinx.coroutines.JobCancellationException", msg).(*interp.Exception)
	if cause != nil {
		if ce, ok := cause.(*interp.Exception); ok {
			if in, ok := e.Value.AsObject().(*interp.Instance); ok {
				in.Fields[1] = ce.Value
			}
		}
	}
	e.SetData(job)
	return e
}

// handleRootFailure is the HandleException of launch coroutines: the
// failure goes to the context's handler or the uncaught-exception report.
func handleRootFailure(j *sched.Job, err error) bool {
	c := j.Data().(*Coro)
	c.r.handleException(c.context(), err)
	return true
}

// handleException reports the failure of a root coroutine: to the
// context's CoroutineExceptionHandler, else as the JVM's default
// uncaught exception handler does (on stderr, and the program goes on).
func (r *crt) handleException(ctx sched.Context, err error) {
	if isCancellation(err) {
		return
	}
	if h := ctx.ExceptionHandler(); h != nil {
		if hv, ok := h.Value.(*handlerVal); ok {
			exc := excValue(r.in, err)
			if _, cerr := r.callSync(hv.fn, ctxValue(r, ctx), exc); cerr != nil {
				r.printUncaught(cerr)
			}
			return
		}
	}
	r.printUncaught(err)
}

func (r *crt) printUncaught(err error) {
	var intr *interp.Interrupted
	if errors.As(err, &intr) {
		return
	}
	name := r.curName
	if name == "" {
		name = "main"
	}
	stdlib.WriteErr(r.in, interp.FormatUncaughtWith(name, err, r.describe))
}

// callSync calls a script function that must not suspend (a handler) in
// a VM coroutine of its own, on the current thread.
func (r *crt) callSync(fn interp.Value, args ...interp.Value) (interp.Value, error) {
	return runToEnd(r.in, "a handler cannot suspend", fn, args...)
}

// runToEnd runs fn(args) in a VM coroutine of its own on the calling
// goroutine and returns its result or exception; a suspension is an
// IllegalStateException saying suspended.
func runToEnd(in *interp.Interp, suspended string, fn interp.Value, args ...interp.Value) (interp.Value, error) {
	vm, err := in.NewCoroutine(fn, args...)
	if err != nil {
		return interp.Null, err
	}
	switch vm.Run() {
	case interp.Failed:
		return interp.Null, vm.Err()
	case interp.Suspended:
		return interp.Null, in.NewError("java.lang.IllegalStateException", suspended)
	}
	return vm.Result(), nil
}

func excValue(in *interp.Interp, err error) interp.Value {
	var e *interp.Exception
	if errors.As(err, &e) {
		return e.Value
	}
	ex := in.NewError("java.lang.RuntimeException", err.Error())
	return ex.(*interp.Exception).Value
}

// initExceptions binds the core exception classes the runtime needs:
// CancellationException, and JobCancellationException, whose toString
// names the job as kotlinx's does.
func initExceptions(in *interp.Interp) {
	cancellationClass = in.Type("CancellationException")
	in.Type("JobCancellationException").AddMethod("toString", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		e := interp.ExceptionOf(this)
		s := e.Error()
		if j, ok := e.Data().(*sched.Job); ok {
			s += "; job=" + j.String()
		}
		return interp.String(s), nil
	})
}
