package coroutines

// The coroutine side of an interactive session (the REPL): every input
// runs as a coroutine of one session-wide scope on the thread "main".

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
)

// reportName is the built-in an input's initialiser ends by calling (see
// interp.CompileInput); it is not an identifier, so scripts cannot name it.
const reportName = "$replResult"

// closeWait bounds how long Close waits for the session's coroutines to
// finish after cancelling them.
const closeWait = 2 * time.Second

// Session runs the inputs of an interactive session. Each input is
// compiled with interp.CompileInput and its top-level code runs as a
// coroutine of the session scope (a SupervisorJob whose dispatcher is an
// event loop on the thread "main", which a goroutine of the session runs
// all the time). So top-level code may suspend (delay(100) at the prompt
// waits), and what it launches (launch { delay(1000); println("later") })
// goes on after Eval has returned, printing while the host waits for the
// next input. Definitions persist from one input to the next.
//
// The host holds an activity count of the runtime (sched.Runtime.BeginOp)
// except while Eval waits: with the virtual clock, time only advances
// during evaluations, which keeps scripted sessions deterministic.
//
// Eval, Cancel, SetDebug, Inspect and Close are meant for one host
// goroutine, except Cancel, which is safe from any goroutine (a signal
// handler).
type Session struct {
	r    *crt
	in   *interp.Interp
	loop *sched.EventLoop
	job  *sched.Job    // the session scope's SupervisorJob
	ctx  sched.Context // the session scope: job + loop

	cur          atomic.Pointer[evaluation]
	cancelMu     sync.Mutex  // Cancel against the end of an evaluation
	interrupting atomic.Bool // Cancel: script code of the evaluation throws at its next tick
	closing      atomic.Bool
	loopDone     chan struct{}
	closeOnce    sync.Once
	nres         int // under the GIL: the next resN
}

// Result is the outcome of one Eval.
type Result struct {
	// Name is the top-level property the value was stored in (res0,
	// res1, ...) when the input ended with an expression whose value is
	// not Unit; HasValue is then true, Value the value, Text its
	// toString() and Type its static type as Kotlin writes it where the
	// compiler knows it (`List<Int>`), else the simple name of its class
	// ("Nothing?" for null).
	Name     string
	HasValue bool
	Value    interp.Value
	Text     string
	Type     string
	// Err is what stopped the input: a lang.ErrorList of compile errors,
	// an uncaught exception (*interp.Exception), an *interp.Interrupted
	// (a deadlock, an interrupt), or nil.
	Err error
	// Cancelled tells that Cancel stopped the evaluation.
	Cancelled bool
}

// evaluation is one Eval in progress.
type evaluation struct {
	done      chan struct{}
	finished  atomic.Bool
	cancels   atomic.Int32
	cancelled atomic.Bool
	stopped   atomic.Pointer[interp.Interrupted] // Stop: the limit that ended it
	coro      *Coro                              // under the GIL: the input's coroutine, once started
	static    string                             // the static type of the value it reports, "" when unknown
	res       Result
}

// NewSession starts a session on an interpreter kotlinx.coroutines was
// installed in (Install). Call it before any script runs in the interpreter, and
// Close it when done.
func NewSession(in *interp.Interp) (*Session, error) {
	r := crtOf(in)
	if r == nil {
		return nil, errors.New("coroutines.NewSession: kotlinx.coroutines is not installed in this interpreter")
	}
	s := &Session{r: r, in: in, loopDone: make(chan struct{})}
	s.loop = r.rt.NewEventLoopOn(r.mainTh)
	s.job = r.rt.NewSupervisorJob(nil)
	r.track(s.job)
	r.dumpHidden.Store(s.job, struct{}{}) // the dump shows what the inputs started
	s.ctx = sched.Of(s.job, s.loop)
	in.DefineFunc(reportName, s.report)
	in.SetTickHook(s.tick)
	in.SetYieldHook(s.yield)
	r.rt.BeginOp() // the host's activity, given up while Eval waits
	go s.runLoop()
	// load the whole prelude now, on the session's thread before the
	// first input, so that completion sees every built-in (a script run
	// by the CLI loads only the parts it uses)
	s.loop.Dispatch(sched.TaskFunc(func(t *sched.Thread) {
		sv := r.enter(t)
		defer r.leave(sv)
		_ = stdlib.LoadPrelude(in)
	}))
	return s, nil
}

// runLoop runs the session's event loop until Close. A deadlock (the
// evaluation waits for something that can no longer happen) ends the
// evaluation with an *interp.Interrupted describing it, and the loop goes
// on.
func (s *Session) runLoop() {
	defer close(s.loopDone)
	r := s.r
	for {
		err := s.loop.Run(s.closing.Load)
		var dl *sched.DeadlockError
		if err == nil || s.closing.Load() || !errors.As(err, &dl) {
			return
		}
		ev := s.cur.Load()
		if ev == nil {
			// no evaluation (Close is waiting for the coroutines): do
			// not spin
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if !r.rt.Quiescent() {
			continue // the evaluation ended meanwhile, or a new one started
		}
		reason := "deadlock: the input waits, but nothing can run any more (no task, timer or host operation)"
		if dl.Dump != "" {
			reason += "\n" + dl.Dump
		}
		ev.finish(r.rt, Result{Err: &interp.Interrupted{Reason: reason}})
		sv := r.enter(r.mainTh)
		if c := ev.coro; c != nil {
			c.job.Cancel(nil)
		}
		r.leave(sv)
	}
}

// finish ends the evaluation with res unless it has ended already. The
// host's activity count is taken back first, so that virtual time does
// not move between the end of the evaluation and the host's next step.
func (ev *evaluation) finish(rt *sched.Runtime, res Result) bool {
	if !ev.finished.CompareAndSwap(false, true) {
		return false
	}
	ev.res = res
	rt.BeginOp()
	close(ev.done)
	return true
}

// Eval compiles src (one input, or a whole file for :load) as the input
// called name and runs its top-level code as a coroutine of the session
// scope, on the thread "main". It returns when that code is done (the
// coroutines it launched may go on) or when Cancel stops it.
func (s *Session) Eval(name string, src []byte) Result {
	ev := &evaluation{done: make(chan struct{})}
	s.cur.Store(ev)
	s.loop.Dispatch(sched.TaskFunc(func(t *sched.Thread) { s.start(ev, name, src, t) }))
	s.r.rt.EndOp()
	<-ev.done
	s.cancelMu.Lock()
	s.cur.Store(nil)
	s.cancelMu.Unlock()
	s.recover()
	if stop := ev.stopped.Load(); stop != nil {
		return Result{Err: stop}
	}
	if !ev.res.Cancelled {
		s.settle()
	}
	return ev.res
}

// settleWait bounds how long Eval lets the coroutines an input started
// run their first steps; on the virtual clock (scripted sessions, tests)
// a deterministic transcript matters more than a prompt delayed by a
// coroutine that never suspends, so the bound is larger there.
const (
	settleWait        = 200 * time.Millisecond
	settleWaitVirtual = 10 * time.Second
)

// settle waits until the tasks queued on the session's thread when the
// evaluation ended have run (the first steps of what the input launched:
// `launch { println("hi") }` prints before the next prompt), within
// settleWait.
func (s *Session) settle() {
	d := settleWait
	if s.r.rt.IsVirtual() {
		d = settleWaitVirtual
	}
	s.onLoop(func() {}, d)
}

// onLoop runs fn as a task of the session's thread and waits for it, at
// most d; it reports whether fn ran in time (else it runs later).
func (s *Session) onLoop(fn func(), d time.Duration) bool {
	ch := make(chan struct{})
	s.loop.Dispatch(sched.TaskFunc(func(*sched.Thread) {
		fn()
		close(ch)
	}))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}

// FormatUncaught returns the JVM's report of an exception that escaped
// an input (see the package's FormatUncaught), as if on thread "main".
func (s *Session) FormatUncaught(err error) string {
	ch := make(chan string, 1)
	if s.onLoop(func() { ch <- FormatUncaught(s.in, "main", err) }, time.Second) {
		return <-ch
	}
	return interp.FormatUncaught("main", err)
}

// start compiles and starts an evaluation on the session's thread.
func (s *Session) start(ev *evaluation, name string, src []byte, t *sched.Thread) {
	r := s.r
	sv := r.enter(t)
	if ev.cancelled.Load() {
		r.leave(sv)
		ev.finish(r.rt, Result{Cancelled: true})
		return
	}
	p, err := s.in.CompileInput(name, src, reportName)
	if err != nil {
		r.leave(sv)
		ev.finish(r.rt, Result{Err: err})
		return
	}
	ctx := r.newContext(s.ctx, sched.EmptyContext)
	c, err := r.newCoro(ctx, coroOpts{name: "StandaloneCoroutine", cls: StandaloneCoroutineClass, parent: s.job}, p.Init())
	if err != nil {
		r.leave(sv)
		ev.finish(r.rt, Result{Err: err})
		return
	}
	ev.coro, ev.static = c, p.ResultType()
	r.dumpHidden.Store(&c.job, struct{}{})
	c.job.InvokeOnCompletion(func(cause error) {
		r.dumpHidden.Delete(&c.job)
		// the code failed or was cancelled before its end (else report
		// has finished the evaluation), or a coroutine it launched failed
		// later: that one is reported as kotlinx reports the failure of
		// a root coroutine
		if ev.finish(r.rt, Result{Err: cause, Cancelled: ev.cancelled.Load()}) {
			return
		}
		if cause != nil && !isCancellation(cause) {
			r.handleException(c.context(), cause)
		}
	})
	r.leave(sv)
	c.run(t)
}

// report is the built-in the initialiser of an input ends with: it
// finishes the evaluation with the input's value.
func (s *Session) report(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
	ev := s.cur.Load()
	c := coroOf(co)
	if ev == nil || c == nil || ev.coro != c {
		return interp.Unit, nil
	}
	var res Result
	if len(args) > 0 && !args[0].IsAbsent() && args[0].Kind() != interp.KUnit {
		v := args[0]
		text, err := co.ToString(v)
		if err != nil {
			return interp.Null, err
		}
		res = Result{Name: fmt.Sprintf("res%d", s.nres), HasValue: true, Value: v, Text: text, Type: typeName(v)}
		if ev.static != "" {
			res.Type = ev.static // as Kotlin declares it: List<Int>, not ArrayList
		}
		s.nres++
		s.in.SetGlobal(res.Name, v)
	}
	ev.finish(s.r.rt, res)
	return interp.Unit, nil
}

// typeName is the type the REPL shows for a value: its class's simple
// name, "Nothing?" for null.
func typeName(v interp.Value) string {
	if v.IsNull() {
		return "Nothing?"
	}
	return interp.ClassOf(v).Name
}

// tick is the session's VM tick hook: after Cancel, script code of the
// evaluation (the input's coroutine and its descendants) and any script
// code on the thread "main" throws CancellationException at its next
// call or backward jump, so that a loop that never suspends
// (while (true) {}) stops too.
func (s *Session) tick(co *interp.Coroutine) error {
	if s.interrupting.Load() && s.r.holder.Load() != nil {
		if err := s.interruption(co); err != nil {
			return err
		}
	}
	return s.r.tick(co)
}

func (s *Session) interruption(co *interp.Coroutine) error {
	r := s.r
	c := coroOf(co)
	inEval := false
	if ev := s.cur.Load(); ev != nil && ev.coro != nil && c != nil {
		for j := &c.job; j != nil; j = j.Parent() {
			if j == &ev.coro.job {
				inEval = true
				break
			}
		}
	}
	if !inEval && r.curTh != r.mainTh {
		return nil
	}
	if c != nil {
		if err, ok := c.job.CancellationException(); ok {
			return err
		}
		return r.newJobCancellation("Evaluation was cancelled", nil, &c.job)
	}
	return r.in.NewError("java.util.concurrent.CancellationException", "Evaluation was cancelled")
}

// Cancel stops the evaluation in progress, if any (Ctrl-C). The first
// call cancels the input's coroutine (and so what it launched and waits
// for) and makes its script code throw CancellationException at the next
// step even where it never suspends; a second call interrupts every
// running script with an uncatchable error (interp.Interp.Interrupt); a
// third one gives up waiting: Eval returns at once, with Cancelled set.
// Safe from any goroutine.
func (s *Session) Cancel() {
	s.cancelMu.Lock()
	defer s.cancelMu.Unlock()
	ev := s.cur.Load()
	if ev == nil {
		return
	}
	r := s.r
	switch ev.cancels.Add(1) {
	case 1:
		ev.cancelled.Store(true)
		s.interrupting.Store(true)
		r.rt.AfterFunc(0, nil, func(t *sched.Thread) {
			sv := r.enter(t)
			if c := ev.coro; c != nil {
				c.job.Cancel(nil)
			}
			r.leave(sv)
		})
	case 2:
		s.in.Interrupt()
		r.signalStop()
	default:
		ev.finish(r.rt, Result{Cancelled: true})
	}
}

// Stop ends the evaluation in progress, if any, for a limit the host
// enforces: every running script stops at its next step with an
// uncatchable error (as after a second Cancel), the input's coroutine is
// cancelled, a Thread.sleep or readLine returns, and Eval returns an
// *interp.Interrupted whose reason is reason. The session goes on with
// the next input. Safe from any goroutine, even a thread that runs script
// code (a tick hook's).
func (s *Session) Stop(reason string) {
	s.cancelMu.Lock()
	defer s.cancelMu.Unlock()
	ev := s.cur.Load()
	if ev == nil || !ev.stopped.CompareAndSwap(nil, &interp.Interrupted{Reason: reason}) {
		return
	}
	r := s.r
	r.setFatal(ev.stopped.Load())
	r.rt.AfterFunc(0, nil, func(t *sched.Thread) {
		sv := r.enter(t)
		if c := ev.coro; c != nil {
			c.job.Cancel(nil)
		}
		r.leave(sv)
	})
}

// recover undoes what an interrupted evaluation left behind: the
// interrupt flag and the runtime's fatal error, so that the session goes
// on.
func (s *Session) recover() {
	s.interrupting.Store(false)
	s.r.clearFatal()
	s.in.ClearInterrupt()
}

// SetDebug turns debug mode (` @coroutine#N` in thread names) on or off
// for the coroutines started from now on.
func (s *Session) SetDebug(on bool) {
	s.r.lockGIL()
	s.r.debug = on
	s.r.gil.Unlock()
}

// yield is the interpreter's yield hook in a session: a coroutine that
// runs on the session's thread, is not the input being evaluated and
// loops without suspending steps aside (as yield() would) when other work
// waits for that thread, such as the next input, so that a background
// `launch { while (true) { } }` never freezes the prompt.
func (s *Session) yield(co *interp.Coroutine) bool {
	c := coroOf(co)
	if c == nil || s.loop.Pending() == 0 || c.dispatcher() != sched.Dispatcher(s.loop) {
		return false
	}
	if ev := s.cur.Load(); ev != nil && ev.coro == c {
		return false
	}
	if _, err := c.suspend(co, false); err != nil {
		return false
	}
	c.wstate = waitUnit
	s.loop.Dispatch((*coroTask)(c))
	return true
}

// Evaluating reports whether an input is being evaluated.
func (s *Session) Evaluating() bool { return s.cur.Load() != nil }

// Background returns how many coroutines the session's inputs started
// are still alive (children of the session's job, the input being
// evaluated not counted).
func (s *Session) Background() int {
	return len(s.background())
}

// background returns the live coroutines (and jobs) the inputs started:
// the children of the coroutines that ran the inputs, the one being
// evaluated excepted.
func (s *Session) background() []*sched.Job {
	var live []*sched.Job
	ev := s.cur.Load()
	for _, w := range s.job.Children() {
		if ev != nil && ev.coro != nil && w == &ev.coro.job {
			continue
		}
		for _, j := range w.Children() {
			if !j.IsCompleted() {
				live = append(live, j)
			}
		}
	}
	return live
}

// CancelBackground cancels the coroutines the session's inputs started
// (as cancelChildren() on the session's job), the input being evaluated
// excepted; the definitions stay. It returns how many it cancelled.
func (s *Session) CancelBackground() int {
	r := s.r
	done := make(chan int, 1)
	r.rt.AfterFunc(0, nil, func(t *sched.Thread) {
		sv := r.enter(t)
		live := s.background()
		for _, j := range live {
			j.Cancel(nil)
		}
		r.leave(sv)
		done <- len(live)
	})
	select {
	case n := <-done:
		return n
	case <-time.After(closeWait):
		return 0
	}
}

// Inspect calls fn while no script code runs (fn must not run any): for
// reading the session's names and values (Interp.TopLevelNames,
// LookupGlobal, MemberNames).
func (s *Session) Inspect(fn func()) {
	s.r.lockGIL()
	defer s.r.gil.Unlock()
	fn()
}

// Close cancels the session's coroutines, waits a little for them to
// finish (their finally blocks run), then stops the coroutine runtime
// (see Close). The session and its interpreter cannot be used afterwards.
func (s *Session) Close() {
	s.closeOnce.Do(func() {
		r := s.r
		// a coroutine spinning on the thread "main" stops at its next
		// step instead of keeping the cancellation from running
		s.interrupting.Store(true)
		done := make(chan struct{})
		s.loop.Dispatch(sched.TaskFunc(func(t *sched.Thread) {
			sv := r.enter(t)
			s.job.InvokeOnCompletion(func(error) { close(done) })
			s.job.Cancel(nil)
			r.leave(sv)
		}))
		r.rt.EndOp()
		timer := time.NewTimer(closeWait)
		select {
		case <-done:
		case <-timer.C:
		}
		timer.Stop()
		// what still runs (a GlobalScope coroutine spinning on a worker,
		// which no cancellation reaches) stops at its next step, as the
		// threads of a JVM that exits
		r.setFatal(&interp.Interrupted{Reason: "the session is closed"})
		s.closing.Store(true)
		s.loop.Wake()
		r.rt.Close()
		select {
		case <-s.loopDone:
		case <-time.After(closeWait):
		}
		s.in.Flush()
	})
}
