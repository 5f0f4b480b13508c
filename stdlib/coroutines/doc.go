// Package coroutines is kotlinx.coroutines for ktcoro scripts — runBlocking,
// launch, async, delay, withContext, coroutineScope, Job, Deferred,
// Dispatchers, ... — bound to package sched, with the coroutine runtime
// that runs them. It is built on the Kotlin standard library (package
// stdlib), as kotlinx.coroutines is on the JVM: Install adds it to an
// interp.Interp that stdlib.Install has set up, and gives the interpreter
// a coroutine runtime of its own, with worker goroutines: call Close when
// the interpreter is done. Script code of one interpreter always runs
// under one lock, the GIL, so that a racy script computes wrong values as
// on the JVM but can never corrupt the interpreter's memory or crash the
// host. The functions of this package that take an *interp.Interp are the
// embedding layer that package ktcoro builds on: calling script functions
// from Go, suspending host functions, host dispatchers, stopping a
// program, and a REPL session.
//
// # Where things are
//
// One file per concept:
//
//   - runtime.go: the per-interpreter runtime, the GIL, Install, Close;
//   - coroutine.go: Coro, a script coroutine: running, suspending and
//     resuming it;
//   - builders.go: launch, async, runBlocking, coroutineScope,
//     supervisorScope, withContext, suspend fun main;
//   - delay.go: delay, yield, withTimeout, withTimeoutOrNull;
//   - job.go: Job, Deferred, CompletableDeferred and CoroutineScope values
//     and their members, join and await;
//   - context.go: contexts and their elements, dispatchers, CoroutineName,
//     CoroutineExceptionHandler, CoroutineStart, ThreadLocal elements;
//   - classes.go: the classes of the API;
//   - exceptions.go: cancellation exceptions, failures of root coroutines;
//   - trace.go and dump.go: stack traces with coroutine boundaries, the
//     dump of live coroutines;
//   - sync.go: Mutex and Semaphore (kotlinx.coroutines.sync);
//   - host.go: suspending host functions and the calls a Go host makes;
//   - session.go: the REPL session;
//   - prelude.kc: the part written in the language (joinAll, awaitAll,
//     withLock, withPermit), loaded on demand through stdlib.AddPrelude.
//
// Channels (channels.go), select (select.go) and Flow (flow*.go, mostly
// in the prelude, as kotlinx writes Flow in Kotlin) will come here too.
//
// # The coroutine runtime
//
// Each interpreter gets one sched.Runtime (see Runtime): the thread
// "main", an event loop that runBlocking, Call and interp.Interp.Run run
// on the calling goroutine; the shared worker pool of Dispatchers.Default
// and Dispatchers.IO, started on first use; single-thread and fixed
// pools the script creates; and the timer thread. A script coroutine is a
// *Coro: a sched.Job with its context, its dispatcher and an
// interp.Coroutine holding its frames. It runs as tasks on its
// dispatcher's threads and suspends with interp's protocol, so a suspended
// coroutine costs a few hundred bytes and no goroutine.
// interp.Options.VirtualTime selects the virtual clock and
// interp.Options.Debug the debug thread names of kotlinx.coroutines. The
// runtime serves the standard library's threads and clock
// (Thread.currentThread, Thread.sleep, System.currentTimeMillis) through
// stdlib.SetThreads.
//
// # The GIL
//
// A thread takes the interpreter's lock for as long as it runs script
// code and lets it go when the coroutine suspends, when the thread blocks
// (runBlocking waiting for its children, Thread.sleep) and every
// interp.TickSteps steps, so that the other threads take turns. Scripts
// on multi-threaded dispatchers therefore interleave like JVM threads
// (`counter++` from two coroutines may lose updates), while the
// interpreter's maps, slices and Values are never written by two
// goroutines at once. One interpreter never runs script code on two CPUs
// at the same moment; run several interpreters for parallelism.
//
// Natives run holding the GIL: they may read and write script objects,
// must not block (a blocking host call belongs in a suspend function, see
// NewSuspendFunc), and must not call the functions of this package that
// take the lock themselves (Locked, Call, CancelCoroutines, Abort,
// StackTrace, FormatUncaught, Dump, Stop, Close and the Session methods
// but Cancel): they would wait for themselves.
//
// # Host functions and calls
//
// Call runs a script function from Go like runBlocking, on the calling
// goroutine; Locked runs Go code while no script code runs, for compiling
// and for reading or writing globals. NewSuspendFunc, NewSuspendGoFunc and
// DefineSuspendFunc make Go functions that scripts call as suspend
// functions: their blocking part (a HostWork) runs on a goroutine of its
// own with a context.Context that the coroutine's cancellation cancels,
// while other coroutines go on. DefineDispatcher lets scripts run code on
// a host's thread (a sched.TickDispatcher driven by a game or GUI loop).
// LimitCoroutines bounds live coroutines; SetHostContext passes values to
// host work.
//
// # Stopping and cleaning up
//
// CancelCoroutines cancels every coroutine cooperatively (its finally
// blocks run). Abort stops a program with an uncatchable error and keeps
// the runtime usable (call Reset before the next run). Stop ends a
// program for good, reporting the coroutines still alive, and closes the
// runtime. Close stops the runtime's goroutines once the interpreter is
// done. Dump lists the live coroutines (the CLI prints it on SIGQUIT).
// Session runs a REPL, where what an input launches goes on while the
// host waits for the next input.
//
// # Goroutine safety
//
// Every function says from where it may be called. In short: the threads
// that run script code hold the GIL and may use the interpreter and the
// script's objects; any other goroutine goes through Locked, Call, or the
// functions documented as safe from any goroutine, and makes one Call (or
// interp.Interp.Run) at a time per interpreter, since the thread "main"
// has a single event loop.
package coroutines
