package coroutines

// Stack traces of coroutines (the "(Coroutine boundary)" lines) and
// reports of uncaught exceptions.

import (
	"strconv"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// builder names the function that created a coroutine.
type builder uint8

const (
	bNone builder = iota // not created by a script (suspend fun main)
	bLaunch
	bAsync
	bRunBlocking
	bCoroutineScope
	bSupervisorScope
	bWithContext
	bWithTimeout
	bWithTimeoutOrNull
)

var builderNames = [...]string{"", "launch", "async", "runBlocking", "coroutineScope",
	"supervisorScope", "withContext", "withTimeout", "withTimeoutOrNull"}

func (b builder) String() string { return builderNames[b] }

// maxBoundaryLines caps the coroutine lines of a stack trace (a deep
// tree of nested coroutines).
const maxBoundaryLines = 64

// TraceAnnotation implements interp.TraceAnnotator: the lines a stack
// trace shows after the script frames of an exception created in the
// coroutine. Under a "(Coroutine boundary)" line, one line per coroutine
// from this one up through its parents: the builder that created it and
// where, and its name ("name#id" in debug mode, as in thread names; the
// CoroutineName otherwise), e.g.
//
//	(Coroutine boundary)
//	at launch(main.kc:9) coroutine "worker#2"
//	at runBlocking(main.kc:8) coroutine "coroutine#1"
//
// A Job(), SupervisorJob() or CoroutineScope(...) parent shows as
// `at SupervisorJob(main.kc:4)`.
func (c *Coro) TraceAnnotation() []string {
	var lines []string
	j := &c.job
	for ; j != nil && len(lines) < maxBoundaryLines; j = j.Parent() {
		if l := boundaryLine(j); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	if j != nil {
		lines = append(lines, "...")
	}
	return append([]string{"(Coroutine boundary)"}, lines...)
}

// boundaryLine is the stack trace line of a job (see TraceAnnotation), or
// "" when the script did not create it at a known place.
func boundaryLine(j *sched.Job) string {
	var (
		site  interp.CallSite
		fn    string
		label string
	)
	switch d := j.Data().(type) {
	case *Coro:
		site, fn = d.site, d.builder.String()
		label = j.Label()
		if label == "" {
			label, _ = d.base.Name()
		}
	case *jobVal:
		site, fn = d.site, d.fn
	}
	e, ok := site.Entry()
	if !ok || fn == "" {
		return ""
	}
	s := "at " + fn + "(" + e.File + ":" + strconv.Itoa(e.Line) + ")"
	if label != "" {
		s += " coroutine " + strconv.Quote(label)
	}
	return s
}

// toStringFn calls toString() on its argument.
var toStringFn = interp.Obj(&interp.Native{Name: "toString", Fn: func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
	s, err := co.ToString(args[0])
	return interp.String(s), err
}})

// describe returns the toString() of an exception, as the JVM prints it
// in a report: a script class's override, JobCancellationException with
// its job. The caller holds the GIL.
func (r *crt) describe(e *interp.Exception) string {
	if _, ok := e.Class().LookupMethod("toString"); !ok {
		return e.Error()
	}
	v, err := runToEnd(r.in, "toString cannot suspend", toStringFn, e.Value)
	if err != nil || v.Kind() != interp.KString {
		return e.Error()
	}
	return v.AsString()
}

// FormatUncaught returns the JVM's report of an uncaught exception of a
// script run by interpreter in (an exception that escaped main, say) on
// thread: `Exception in thread "T" ` followed by the exception's
// toString(), its script stack trace — with the coroutines it was
// created in (see Coro.TraceAnnotation) — and its causes. It takes the
// interpreter's lock as the thread "main": call it once the run that threw
// err has returned (as the CLI does) or from a native on the thread
// "main". While the thread "main" runs script code on another goroutine
// it does not wait for it, and from a native on another thread it would
// wait for itself.
func FormatUncaught(in *interp.Interp, thread string, err error) string {
	r := crtOf(in)
	if r == nil {
		return interp.FormatUncaught(thread, err)
	}
	s := r.enter(r.mainTh)
	defer r.leave(s)
	return interp.FormatUncaughtWith(thread, err, r.describe)
}

// StackTrace returns what printStackTrace() prints for exc: its
// toString(), its script stack trace with the coroutines it was created
// in, its suppressed exceptions and causes. Safe from any goroutine
// except the threads that run script code.
func StackTrace(in *interp.Interp, exc *interp.Exception) string {
	r := crtOf(in)
	if r == nil {
		return interp.PrintStackTrace(exc)
	}
	var out string
	Locked(in, func() { out = interp.PrintStackTraceWith(exc, r.describe) })
	return out
}
