// Package ktcoro embeds the ktcoro interpreter — a Kotlin-like scripting
// language with kotlinx.coroutines-style structured concurrency — in a
// Go program. It wires the interpreter (package interp), the standard
// library (package stdlib), kotlinx.coroutines and its coroutine runtime
// (package stdlib/coroutines) and the scheduler (package sched) behind a small API that is safe to use from any
// goroutine: an Interpreter runs scripts, Go values and script values
// convert both ways, Go functions become script functions (blocking ones
// as suspend functions, so that coroutines wait for them without blocking
// a thread), and a context.Context cancels what a script runs.
//
//	it, err := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
//	defer it.Close()
//	it.DefineSuspend("fetch", func(ctx context.Context, url string) (string, error) {
//		return httpGet(ctx, url) // runs on its own goroutine; the coroutine waits
//	})
//	v, err := it.Eval(ctx, `runBlocking { fetch("https://example.com").length }`)
//
// # Embedding in ten minutes
//
//  1. Create an Interpreter with New and Close it when done: it owns
//     worker goroutines. Options set the output streams, the script's
//     arguments, virtual time (handy in tests) and Limits.
//  2. Give scripts what they may use: Define for Go functions and values
//     (arguments and results are converted, a returned error is thrown,
//     Throw picks the exception class), DefineSuspend for Go functions
//     that block (HTTP, databases), Set for data, and
//     Options.Dispatchers for a thread of your own (a UI or game loop,
//     see sched.TickDispatcher).
//  3. Run code: Eval for snippets (its declarations accumulate, like a
//     REPL, and it returns the value of the last expression), EvalFile
//     for a program with a main, or Compile once and Run the Program
//     many times, in as many Interpreters as you like.
//  4. Talk to the script: Call (or CallValue) runs a script function,
//     suspend ones included, as runBlocking would; Get reads a global;
//     FromValue and As turn results into Go values, ToValue the other
//     way.
//  5. Handle errors: a *ScriptError for an exception the script did not
//     catch (Backtrace has the script stack trace), a lang.ErrorList for
//     compile errors, ctx.Err() after cancelling ctx, a *LimitError or
//     ErrInterrupted when the run was stopped.
//  6. Stop scripts: cancel the run's ctx (coroutines get
//     CancellationException, their finally blocks run, and after
//     Options.CancelGrace the run is stopped regardless), or call
//     Interrupt from any goroutine.
//
// For what this package does not cover (defining classes, extension
// functions, a REPL with background coroutines), Interpreter.Interp gives
// the underlying interp.Interp, and package stdlib/coroutines has the
// lower-level functions this package is built on.
//
// # Model
//
// An Interpreter is one script world: its definitions, its global
// variables, its coroutine runtime (dispatchers, timers, the thread
// "main"). Eval, EvalFile, Run, Call, Get and Set run one at a time (a
// call made while another runs waits for it); Interrupt and Close may be
// called from any goroutine. Separate Interpreters are independent and
// run concurrently; a Program compiled once runs in any number of them.
//
// Script code of one Interpreter runs under one lock, on the goroutine
// that called Eval (the thread "main") and on the runtime's worker
// goroutines (Dispatchers.Default, IO, ...). A Go function defined with
// Define runs on those threads, holding the lock: it must be quick, and it
// must not call the Interpreter's methods other than Interrupt (they
// would wait for the run that is waiting for it). A function defined with
// DefineSuspend is a suspend function for scripts: the calling coroutine
// suspends, its Go body runs on a goroutine of its own (an HTTP call, a
// database query), and its result — or its error, as an exception —
// resumes the coroutine; the coroutine's cancellation cancels the
// context.Context the Go body receives.
//
// # Errors
//
// Compile errors are a lang.ErrorList (each `file:line:col: error: message.`);
// an exception the script does not catch is a *ScriptError, whose
// Backtrace has the script stack trace; a cancelled context gives
// ctx.Err() (context.Canceled, context.DeadlineExceeded); exceeding a
// limit gives a *LimitError and Interrupt gives ErrInterrupted; a run
// that waits for something that can no longer happen gives a
// *DeadlockError, and one stopped by other means (see Interrupted) an
// *Interrupted. A Go panic inside the interpreter or a host function
// becomes an exception (a panic of the interpreter itself a *ScriptError
// of class java.lang.InternalError), never a crash, and after any of these
// errors the Interpreter stays usable. Close stops everything, coroutines
// a finished run left behind included, and returns within a grace period
// (ErrAbandoned says what did not stop).
//
// # Untrusted scripts
//
// Options.Limits bounds wall time, steps, call depth, live coroutines and
// allocation size. Scripts have no file, network or process access (the
// standard library has none; System.getenv returns null, readLine reads
// only Options.Stdin): what they can reach is what the host defines.
package ktcoro
