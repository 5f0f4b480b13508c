package ktcoro

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// Value is a script value (see package interp for its constructors:
// interp.Int, interp.String, interp.Obj, ...). ToValue and FromValue
// convert Go values.
type Value = interp.Value

// Options configure an Interpreter. The zero value is usable: output to
// os.Stdout and os.Stderr, no input, real time, no limits.
type Options struct {
	// Stdout receives println and print (buffered, flushed when each
	// run returns); default os.Stdout.
	Stdout io.Writer
	// Stderr receives System.err and the reports of uncaught exceptions
	// of coroutines nobody waits for; default os.Stderr.
	Stderr io.Writer
	// Stdin is what readLine() reads; default: nothing (readLine returns
	// null). Scripts never read the process's standard input unless the
	// host passes it here.
	Stdin io.Reader
	// Args are the script's command-line arguments (main's args).
	Args []string
	// Debug turns on coroutine debug mode: thread names get
	// ` @name#id` while a coroutine runs, as -Dkotlinx.coroutines.debug.
	Debug bool
	// VirtualTime runs the coroutine runtime on a virtual clock: a
	// script that only waits (delay, withTimeout) takes no real time,
	// with the interleaving it has on a real clock. Time still flows
	// while script code or a suspending host function works.
	VirtualTime bool
	// Dispatchers are host dispatchers that scripts can name:
	// withContext(UI) { } for Dispatchers{"UI": d}. A
	// sched.TickDispatcher is driven by the host's own loop (Tick); any
	// sched.Dispatcher that runs each task once on one thread at a time
	// works. Tasks the host runs with a nil thread run on a thread with
	// the dispatcher's name here.
	Dispatchers map[string]sched.Dispatcher
	// Limits bound what a run may use (for untrusted scripts).
	Limits Limits
	// FileRoot, when not "", grants scripts java.io.File under this
	// host directory, which they see as "/" (also their working
	// directory): `..` and symbolic links cannot lead out of it. "/"
	// grants the whole file system. Without it, file operations throw
	// java.lang.SecurityException.
	FileRoot string
	// Env is the environment System.getenv shows scripts; nil shows an
	// empty one (the process's environment only if the host copies
	// os.Environ here).
	Env map[string]string
	// AllowExit grants exitProcess and System.exit: the run then stops
	// and returns an *ExitError with the status. Without it they throw
	// java.lang.SecurityException.
	AllowExit bool
	// CancelGrace is how long a run whose context was cancelled may go
	// on cooperatively (its coroutines see CancellationException at
	// their next suspension point and run their finally blocks) before
	// it is stopped without cooperation, as by Interrupt. Default one
	// second; negative: wait for the script however long it takes.
	CancelGrace time.Duration
}

// Limits bound each run (Eval, EvalFile, Run, Call, and Get of a
// computed property) of an Interpreter; RunOptions.Limits replace them
// for one run. Zero values mean no limit, except for MaxDepth and
// MaxAlloc (a default). Exceeding MaxWallTime, MaxSteps, MaxCoroutines or
// MaxMemory stops the run with a *LimitError that scripts cannot catch
// (it names the limit and, when it fired in script code, the file and
// line); MaxDepth and MaxAlloc throw exceptions in the script, as the JVM
// does.
type Limits struct {
	// MaxWallTime is the real time a run may take.
	MaxWallTime time.Duration
	// MaxSteps bounds the calls and backward jumps (loop iterations) of
	// all the script code a run executes, in any coroutine, plus the
	// work of built-in functions (one step per element they visit, or
	// per interp.WorkBytes bytes of text). It is checked every
	// interp.TickSteps steps of a coroutine.
	MaxSteps int64
	// MaxDepth is the call depth at which a coroutine throws
	// StackOverflowError (default 16384). Coroutine builders nested on
	// one thread are bounded by the Interpreter's MaxDepth, also in a
	// run with a MaxDepth of its own.
	MaxDepth int
	// MaxCoroutines bounds the coroutines alive at once.
	MaxCoroutines int
	// MaxAlloc bounds the bytes of one allocation (an array, a string);
	// past it the script gets OutOfMemoryError (default 1 GiB).
	MaxAlloc int
	// MaxMemory bounds the bytes a run may hold. Built-in functions
	// charge what they are about to allocate before allocating it, and
	// the growth of the Go heap since the run began is measured (with
	// runtime/metrics, collecting garbage when it looks over the
	// budget) whenever the charges pass it and every interp.TickSteps
	// steps. The heap is the process's: memory other goroutines of the
	// host allocate during the run counts too.
	MaxMemory int64
}

// Interpreter is one script world: definitions, global variables and a
// coroutine runtime (see the package documentation). Eval, EvalFile,
// Run, Call, CallValue, Get, Set and the Define methods may be called
// from any goroutine but run one at a time; Compile may run alongside
// them. Interrupt is safe at any moment, from any goroutine, even from a
// Go function that a script is calling. None of the others may be called
// from such a function: it would wait for the run that is waiting for
// it (Close would wait its grace period, then report it).
type Interpreter struct {
	in   *interp.Interp
	opts Options

	mu      sync.Mutex // one run or API call at a time
	defs    []func(in *interp.Interp) error
	abortMu sync.Mutex // orders stopping a run against its end (run.ended)

	// state orders the start and end of runs, Interrupt and Close: one
	// linearisable state machine (idle, running cur, closed). cur and
	// closed are written under it and read without it where a stale
	// value does no harm.
	state  sync.Mutex
	cur    atomic.Pointer[run] // the run in progress
	closed atomic.Bool
	epoch  uint64 // under state: Interrupt and Close calls so far
}

// evalResultName is the built-in an Eval's code ends by calling with
// its value (see interp.Interp.CompileInput); it is not an identifier,
// so scripts cannot name it.
const evalResultName = "$evalResult"

// New returns an interpreter with the standard library and
// kotlinx.coroutines installed and the options applied. Close it when done: it owns worker goroutines. Safe
// from any goroutine (interpreters are independent).
func New(opts Options) (*Interpreter, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	if opts.CancelGrace == 0 {
		opts.CancelGrace = time.Second
	}
	it := &Interpreter{opts: opts}
	in, err := it.newInterp()
	if err != nil {
		return nil, err
	}
	it.in = in
	in.DefineFunc(evalResultName, func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if rs := it.cur.Load(); rs != nil && len(args) > 0 && !args[0].IsAbsent() {
			rs.result = args[0]
		}
		return interp.Unit, nil
	})
	inner := in.TickHook()
	in.SetTickHook(func(co *interp.Coroutine) error {
		if err := it.tick(co); err != nil {
			return err
		}
		if inner != nil {
			return inner(co)
		}
		return nil
	})
	if n := opts.Limits.MaxCoroutines; n > 0 {
		coroutines.LimitCoroutines(in, n, it.coroutineLimit)
	}
	in.SetHostCaller(it.hostCall)
	names := make([]string, 0, len(opts.Dispatchers))
	for name := range opts.Dispatchers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := it.define(name, func(in *interp.Interp) error {
			return coroutines.DefineDispatcher(in, name, opts.Dispatchers[name])
		}); err != nil {
			coroutines.Close(in)
			return nil, err
		}
	}
	return it, nil
}

// newInterp returns an interpreter with the options and the standard
// library (Compile checks programs in one of these).
func (it *Interpreter) newInterp() (*interp.Interp, error) {
	o := it.opts
	var exit func(code int) error
	if o.AllowExit {
		exit = it.exit
	}
	in := interp.New(interp.Options{Stdout: o.Stdout, Stderr: o.Stderr, Stdin: o.Stdin, Args: o.Args,
		Debug: o.Debug, VirtualTime: o.VirtualTime, MaxDepth: o.Limits.MaxDepth, MaxAlloc: o.Limits.MaxAlloc,
		MaxMemory: o.Limits.MaxMemory, OnMemoryLimit: it.memoryLimit,
		Files: o.fileAccess(), Env: o.Env, Exit: exit})
	if err := stdlib.Install(in); err != nil {
		return nil, fmt.Errorf("ktcoro: installing the standard library: %w", err)
	}
	if err := coroutines.Install(in); err != nil {
		return nil, fmt.Errorf("ktcoro: installing kotlinx.coroutines: %w", err)
	}
	return in, nil
}

// define applies a host definition to the interpreter and records it
// for the interpreters Compile checks programs in. The caller holds mu
// (or is New).
func (it *Interpreter) define(name string, apply func(in *interp.Interp) error) error {
	if !isIdentifier(name) {
		return fmt.Errorf("ktcoro: %q is not a valid script name", name)
	}
	var err error
	coroutines.Locked(it.in, func() { err = apply(it.in) })
	if err != nil {
		return fmt.Errorf("ktcoro: defining %s: %w", name, err)
	}
	it.defs = append(it.defs, apply)
	return nil
}

// isIdentifier reports whether s is a name scripts can use.
func isIdentifier(s string) bool {
	if s == "" || strings.HasPrefix(s, "__") {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}

// Interp returns the underlying interpreter, for what this package does
// not cover (defining classes, extensions). Safe from any goroutine, but
// what it returns must not be used while a run is in progress; use it
// inside coroutines.Locked, which also keeps out coroutines a finished run
// left behind.
func (it *Interpreter) Interp() *interp.Interp { return it.in }

// Interrupt stops the run in progress, and only it, with
// ErrInterrupted: its script code stops at its next step, its suspended
// coroutines are cancelled, a Thread.sleep or readLine returns, and
// scripts cannot catch it. A run that has begun (it holds the
// Interpreter, even if it has not run script code yet) counts as in
// progress; calls still waiting for their turn, and calls made after
// Interrupt has returned, are not affected, nor are coroutines a finished
// run left behind (Close stops those). The Interpreter stays usable.
// Safe from any goroutine.
func (it *Interpreter) Interrupt() {
	it.state.Lock()
	defer it.state.Unlock()
	it.epoch++
	if rs := it.cur.Load(); rs != nil {
		rs.abort(ErrInterrupted)
	}
}

// entry is what a run-starting method reads when it is called, before
// it waits for its turn: an Interrupt or Close after this stops it.
func (it *Interpreter) entry() uint64 {
	it.state.Lock()
	defer it.state.Unlock()
	return it.epoch
}

// wallBackstop is how long after MaxWallTime runs out the timer stops a
// run that no tick has stopped (a run that waits).
const wallBackstop = 2 * time.Millisecond

// closeGrace bounds how long Close waits for script code and host
// functions to stop.
const closeGrace = 2 * time.Second

// Close stops everything the Interpreter runs and releases its
// goroutines: the run in progress returns ErrInterrupted (as after
// Interrupt), the calls waiting for their turn ErrClosed, and every coroutine — those a finished run left
// behind (GlobalScope.launch) included — stops at its next step,
// without running its finally blocks, as when a JVM exits. Close returns
// once they have stopped, or after a grace period of about two seconds
// (a host function that does not return, a Stdin read that blocks in
// Go): it then returns an error wrapping ErrAbandoned that says what it
// abandoned; those goroutines end when what blocks them does. Eval,
// EvalFile, Run, Call, Get, Set and the Define methods return ErrClosed
// afterwards. Safe from any goroutine, even a Go function that a script
// is calling (it then waits the grace period for that function's run,
// and reports it abandoned); calling it more than once is fine (later
// calls return nil at once).
func (it *Interpreter) Close() error {
	it.state.Lock()
	if it.closed.Load() {
		it.state.Unlock()
		return nil
	}
	it.closed.Store(true)
	it.epoch++
	if rs := it.cur.Load(); rs != nil {
		rs.abort(ErrInterrupted)
	}
	it.state.Unlock()

	deadline := time.Now().Add(closeGrace)
	var abandoned []string
	if err := coroutines.Shutdown(it.in, "the interpreter was closed", closeGrace); err != nil {
		abandoned = append(abandoned, err.Error())
	}
	// wait for the run in progress to return
	got := make(chan struct{})
	go func() {
		it.mu.Lock()
		close(got)
		it.mu.Unlock()
	}()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-got:
	case <-t.C:
		abandoned = append(abandoned, "the run in progress did not return")
	}
	if abandoned != nil {
		return fmt.Errorf("%w after %s: %s", ErrAbandoned, closeGrace, strings.Join(abandoned, "; "))
	}
	return nil
}

// ---- runs ----

// run is one Eval, EvalFile, Run or Call in progress.
type run struct {
	it     *Interpreter
	ctx    context.Context
	steps0 int64                 // the interpreter's step count when the run began
	stop   atomic.Pointer[error] // why the host stopped it (limit, interrupt, context)
	result interp.Value          // the Eval's value (under the runtime lock)
	stops  []func() bool         // timers and context hooks to undo at the end
	limits Limits                // the run's limits (RunOptions or Options)
	// wallOut is set when MaxWallTime has run out: the next tick stops
	// the run, so that the LimitError knows where the script was
	wallOut atomic.Bool

	// under it.abortMu
	ended bool
	grace *time.Timer

	finished bool // under it.mu: see finish
}

// beginHook is for tests (see export_test.go).
var beginHook atomic.Pointer[func()]

// begin starts a run with the limits lim (nil: Options.Limits); the
// caller holds mu and calls end when done.
func (it *Interpreter) begin(ctx context.Context, lim *Limits) (*run, error) {
	ep := it.entry() // an Interrupt from now on stops this run
	if it.closed.Load() {
		return nil, ErrClosed
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	coroutines.Reset(it.in)
	coroutines.SetHostContext(it.in, ctx)
	l := it.opts.Limits.forRun(lim)
	rs := &run{it: it, ctx: ctx, result: interp.Unit, steps0: it.in.Steps(), limits: l}
	it.applyLimits(l)
	published := false
	defer func() {
		if !published { // an error or a panic (the run is not finished)
			it.restoreLimits(l)
		}
	}()
	if l.MaxMemory > 0 {
		it.in.ResetMemory()
	}
	if h := beginHook.Load(); h != nil {
		(*h)()
	}
	it.state.Lock()
	switch {
	case it.closed.Load():
		it.state.Unlock()
		return nil, ErrClosed
	case it.epoch != ep:
		it.state.Unlock()
		return nil, ErrInterrupted // interrupted while it waited for its turn
	}
	it.cur.Store(rs) // from now on finish restores the Interpreter's limits
	published = true
	it.state.Unlock()
	if d := l.MaxWallTime; d > 0 {
		// when it runs out, the next tick of running script code stops
		// the run where it is; without one soon (the run waits), the
		// timer does
		var backstop atomic.Pointer[time.Timer]
		t := time.AfterFunc(d, func() {
			rs.wallOut.Store(true)
			backstop.Store(time.AfterFunc(wallBackstop, func() {
				rs.abort(&LimitError{Limit: LimitWallTime, Detail: d.String()})
			}))
		})
		rs.stops = append(rs.stops, func() bool {
			t.Stop()
			if b := backstop.Load(); b != nil {
				b.Stop()
			}
			return true
		})
	}
	if ctx.Done() != nil {
		rs.stops = append(rs.stops, context.AfterFunc(ctx, rs.cancel))
	}
	return rs, nil
}

// end finishes a run: it undoes its timers, cancels the coroutines it
// left behind (GlobalScope.launch) and maps err to what the host sees.
func (it *Interpreter) end(rs *run, err error) error {
	it.finish(rs)
	if err == nil {
		return nil
	}
	if p := rs.stop.Load(); p != nil {
		return *p
	}
	if cerr := rs.ctx.Err(); cerr != nil {
		return cerr
	}
	return it.scriptError(err)
}

// finish undoes a run's timers, cancels the coroutines it left behind
// and unpublishes it; it does it once (see guard).
func (it *Interpreter) finish(rs *run) {
	if rs.finished {
		return
	}
	rs.finished = true
	for _, stop := range rs.stops {
		stop()
	}
	it.abortMu.Lock()
	rs.ended = true
	if rs.grace != nil {
		rs.grace.Stop()
	}
	it.abortMu.Unlock()
	coroutines.CancelCoroutines(it.in, "The host's call returned")
	it.restoreLimits(rs.limits) // what the run left behind runs with the Interpreter's
	it.state.Lock()
	it.cur.Store(nil) // an Interrupt or Close from now on comes after the run
	it.state.Unlock()
}

// guard converts a Go panic in an entry point (a bug of ktcoro: the VM
// and natives have their own) into the error it returns, a *ScriptError
// of class java.lang.InternalError, and finishes the run in progress
// when runs is set (the caller holds mu). Deferred by every method that
// runs or compiles script code: no panic escapes to the host.
func (it *Interpreter) guard(errp *error, runs bool) {
	p := recover()
	if p == nil {
		return
	}
	if runs {
		if rs := it.cur.Load(); rs != nil {
			func() {
				defer func() { _ = recover() }()
				it.finish(rs)
			}()
		}
	}
	*errp = it.internalError(p)
}

// internalError is the error an entry point returns for the Go panic p.
func (it *Interpreter) internalError(p any) (err error) {
	msg := fmt.Sprintf("ktcoro internal error: %v", p)
	defer func() {
		if recover() != nil {
			err = errors.New(msg)
		}
	}()
	if exc, ok := it.in.NewError("java.lang.InternalError", msg).(*interp.Exception); ok {
		return &ScriptError{Exception: exc}
	}
	return errors.New(msg)
}

// scriptError wraps an uncaught script exception with its backtrace.
func (it *Interpreter) scriptError(err error) error {
	exc, ok := err.(*interp.Exception)
	if !ok {
		return err
	}
	return &ScriptError{Exception: exc, trace: coroutines.StackTrace(it.in, exc)}
}

// abort stops the run without the script's cooperation; the run returns
// err. Safe from any goroutine, including script threads (the work is
// done on a goroutine of its own).
func (rs *run) abort(err error) {
	if !rs.stop.CompareAndSwap(nil, &err) {
		return
	}
	go func() {
		it := rs.it
		it.abortMu.Lock()
		defer it.abortMu.Unlock()
		if !rs.ended {
			coroutines.Abort(it.in, err.Error())
		}
	}()
}

// cancel is the run's reaction to the cancellation of its context: its
// coroutines are cancelled, and after the grace period it is aborted.
func (rs *run) cancel() {
	it := rs.it
	it.abortMu.Lock()
	defer it.abortMu.Unlock()
	if rs.ended {
		return
	}
	coroutines.CancelCoroutines(it.in, "The host cancelled the run: "+rs.ctx.Err().Error())
	if g := it.opts.CancelGrace; g >= 0 {
		rs.grace = time.AfterFunc(g, func() { rs.abort(rs.ctx.Err()) })
	}
}

// forRun returns the limits of a run whose RunOptions.Limits are lim,
// for an Interpreter with the limits l (see RunOptions.Limits).
func (l Limits) forRun(lim *Limits) Limits {
	if lim == nil {
		return l
	}
	r := *lim
	if r.MaxDepth <= 0 {
		r.MaxDepth = l.MaxDepth
	}
	if r.MaxAlloc <= 0 {
		r.MaxAlloc = l.MaxAlloc
	}
	return r
}

// applyLimits makes l the limits of the script code that runs from now
// on (the interpreter's MaxDepth, MaxAlloc and MaxMemory, the coroutine
// runtime's MaxCoroutines); the run's step and wall-time limits are its
// own (see tick). The caller holds mu.
func (it *Interpreter) applyLimits(l Limits) {
	coroutines.Locked(it.in, func() {
		it.in.SetRunLimits(interp.RunLimits{MaxDepth: l.MaxDepth, MaxAlloc: l.MaxAlloc, MaxMemory: l.MaxMemory})
		coroutines.LimitCoroutines(it.in, l.MaxCoroutines, it.coroutineLimit)
	})
}

// restoreLimits makes the Interpreter's limits those of the script code
// that runs from now on, after a run with the limits l.
func (it *Interpreter) restoreLimits(l Limits) {
	if l != it.opts.Limits {
		it.applyLimits(it.opts.Limits)
	}
}

// tick runs every interp.TickSteps steps of any coroutine: it counts the
// run's steps. Script code running outside of any run (a coroutine that
// ignored its cancellation) is stopped when the Interpreter has limits.
func (it *Interpreter) tick(co *interp.Coroutine) error {
	rs := it.cur.Load()
	if rs == nil {
		l := it.opts.Limits
		if l.MaxSteps > 0 || l.MaxWallTime > 0 || l.MaxCoroutines > 0 || l.MaxMemory > 0 {
			return &interp.Interrupted{Reason: "script code ran outside of a run of the host"}
		}
		return nil
	}
	l := rs.limits
	switch {
	case l.MaxSteps > 0 && it.in.Steps()-rs.steps0 > l.MaxSteps:
		return it.limitExceeded(co, LimitSteps, fmt.Sprintf("%d steps", l.MaxSteps))
	case rs.wallOut.Load():
		return it.limitExceeded(co, LimitWallTime, l.MaxWallTime.String())
	}
	return nil
}

// coroutineLimit is the reaction to a run starting more coroutines than
// its MaxCoroutines, in co (nil: from the host).
func (it *Interpreter) coroutineLimit(co *interp.Coroutine) error {
	n := it.opts.Limits.MaxCoroutines
	if rs := it.cur.Load(); rs != nil {
		n = rs.limits.MaxCoroutines
	}
	return it.limitExceeded(co, LimitCoroutines, fmt.Sprintf("%d live coroutines", n))
}

// memoryLimit is interp's reaction to a run holding more than
// Limits.MaxMemory, found while co ran.
func (it *Interpreter) memoryLimit(co *interp.Coroutine, used int64) error {
	n := it.opts.Limits.MaxMemory
	if rs := it.cur.Load(); rs != nil {
		n = rs.limits.MaxMemory
	}
	return it.limitExceeded(co, LimitMemory, fmt.Sprintf("%d bytes", n))
}

// limitExceeded stops the run in progress for the limit named limit
// (detail: its value), which fired while co ran (nil: outside of any
// coroutine): the run returns a LimitError with the position of the
// script code co was running, if any, and the returned error stops co at
// once. Called on co's goroutine.
func (it *Interpreter) limitExceeded(co *interp.Coroutine, limit, detail string) error {
	err := &LimitError{Limit: limit, Detail: detail}
	if co != nil {
		if file, pos := co.Position(); pos.IsValid() {
			err.File, err.Line = file, int(pos.Line)
		}
	}
	if rs := it.cur.Load(); rs != nil {
		rs.abort(err)
	}
	return &interp.Interrupted{Reason: err.Error()}
}
