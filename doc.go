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
//     way. A Value prints as the script's toString() (String, fmt's %v)
//     and Export makes plain Go values of it (int64, float64, string,
//     bool, []any, map[string]any, nil). A Go struct or pointer to one
//     is an object for scripts (user.name reads Name, user.greeting()
//     calls Greeting, fields of a pointer are writable; it prints as
//     User(name=Ann, age=41), or with its String method), and a script
//     lambda converts to any Go func type (As[func(int) int]).
//  5. Per-run options: EvalWith, RunWith and CallWith take RunOptions,
//     whose Limits replace Options.Limits for that run (all six; a zero
//     MaxDepth or MaxAlloc keeps the Interpreter's); the next run has
//     the Interpreter's again.
//  6. Handle errors: a *ScriptError for an exception the script did not
//     catch (Backtrace has the script stack trace), a lang.ErrorList for
//     compile errors, ctx.Err() after cancelling ctx, a *LimitError
//     (which limit, and the script file and line where it fired, when
//     script code was running) or
//     ErrInterrupted when the run was stopped, ErrNoGlobal (errors.Is)
//     for Call of an unknown name, an *ArgumentError for an argument
//     that does not fit the function's declared parameter type.
//  7. Stop scripts: cancel the run's ctx (coroutines get
//     CancellationException, their finally blocks run, and after
//     Options.CancelGrace the run is stopped regardless), or call
//     Interrupt from any goroutine: it stops the run in progress only
//     (calls waiting for their turn start normally afterwards).
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
// # Script code from host goroutines
//
// Value.String, Value.Export and the Go funcs made of script lambdas run
// script code or read script objects. Inside a Go function a script is
// calling (Define), they run on the calling coroutine, which the
// function's wrapper lends for the duration of the call (one user at a
// time), so they never wait for the lock that goroutine holds. Elsewhere
// they take the Interpreter's lock, waiting for running script code to
// let them in. A lambda's Go func called outside of any host function
// runs as a run of its own (with the Interpreter's limits and the ctx of
// its first parameter when it takes one; it may suspend) when the
// Interpreter is idle, and inside the run in progress (on a coroutine of
// its own; it must not suspend) when one runs: from a DefineSuspend
// body, for example. Inside a host function it runs nested on the
// calling coroutine and must not suspend either. A script exception is
// the returned error (an *interp.FuncError wrapping it) when the func
// type has an error result, else a panic with that error, which the host
// may recover. The one place where none of these may be used is a raw
// interp.NativeFunc installed with the lower-level interp API (not
// Define): it holds the lock without lending its coroutine; use the
// coroutine it receives (co.ToString) there.
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
