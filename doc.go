// Package ktcoro embeds the ktcoro interpreter — a Kotlin-like scripting
// language with kotlinx.coroutines-style structured concurrency — in a
// Go program. It wires the interpreter (package interp), the standard
// library and coroutine runtime (package stdlib) and the scheduler
// (package sched) behind a small API:
//
//	it, err := ktcoro.New(ktcoro.Options{Stdout: os.Stdout})
//	defer it.Close()
//	it.DefineSuspend("fetch", func(ctx context.Context, url string) (string, error) {
//		return httpGet(ctx, url) // runs on its own goroutine; the coroutine waits
//	})
//	v, err := it.Eval(ctx, `runBlocking { fetch("https://example.com").length }`)
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
// Define runs on those threads, holding the lock: it must be quick. A
// function defined with DefineSuspend is a suspend function for scripts:
// the calling coroutine suspends, its Go body runs on a goroutine of its
// own (an HTTP call, a database query), and its result — or its error,
// as an exception — resumes the coroutine; the coroutine's cancellation
// cancels the context.Context the Go body receives.
//
// # Errors
//
// Compile errors are a lang.ErrorList (each `file:line:col: message`);
// an exception the script does not catch is a *ScriptError, whose
// Backtrace has the script stack trace; a cancelled context gives
// ctx.Err() (context.Canceled, context.DeadlineExceeded); exceeding a
// limit gives a *LimitError and Interrupt gives ErrInterrupted. A Go
// panic inside the interpreter or a host function becomes an exception,
// never a crash, and after any of these errors the Interpreter stays
// usable.
//
// # Untrusted scripts
//
// Options.Limits bounds wall time, steps, call depth, live coroutines and
// allocation size. Scripts have no file, network or process access (the
// standard library has none; System.getenv returns null, readLine reads
// only Options.Stdin): what they can reach is what the host defines.
package ktcoro
