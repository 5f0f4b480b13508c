// Package sched is ktcoro's coroutine runtime, usable from Go without the
// language: the Job tree of kotlinx.coroutines, CoroutineContext elements,
// dispatchers with named threads, timers, and real and virtual clocks.
// sched never runs script code and never owns a coroutine. A coroutine
// lives in the language layer as heap frames; whenever it must run (start,
// or resume after delay/join/await), the language layer hands a Task —
// "run this coroutine until it suspends", typically the coroutine's own
// struct, so that dispatching allocates nothing — to the coroutine's
// Dispatcher, which runs it on one of its named Threads (Go cannot look up
// the current thread, so the task receives it). Suspending means
// registering a callback that will dispatch the next task: a Timer for
// delay (which the language layer may embed in its coroutine, see
// Runtime.StartTimer), a completion handler for join/await, and Job.Park
// so that cancellation resumes the coroutine with CancellationException
// (JobClass.CancelParked). The language layer may embed the Job too
// (Runtime.InitJob, with a JobClass shared by all jobs of a kind). One
// Runtime holds all of this for one program.
//
// # Jobs
//
// A Job (Runtime.NewCoroutine, NewJob, NewSupervisorJob,
// NewCompletableDeferred) is kotlinx's JobSupport state machine, following
// kotlinx.coroutines 1.8 (the project's reference): New → Active → Completing → Completed, or Cancelling →
// Cancelled (see JobState). A job completes only after its children; a
// cancelled job cancels its children; a child's failure cancels its parent
// and siblings unless the parent is a supervisor; cancellation does not
// propagate up. The language layer supplies the exception values through
// Options hooks (IsCancellation, NewCancellation, AddSuppressed), learns
// about state changes through Job.InvokeOnCancelling,
// Job.InvokeOnCompletion, Job.Join and Job.Await, and reports unhandled
// failures through JobClass.HandleException (JobConfig.HandleException).
//
// # Contexts
//
// A Context is an immutable ordered set of Elements, at most one per Key
// (kotlinx's CoroutineContext): a *Job, a dispatcher (AsElement), a
// CoroutineName, an *ExceptionHandler, or elements a host defines.
//
// # Dispatchers
//
// Dispatcher is an interface, so a host can plug in its own (a game loop,
// a GUI thread, a test scheduler). The Runtime provides kotlinx's:
//
//   - EventLoop, runBlocking's FIFO queue, run by EventLoop.Run on the
//     goroutine that calls it; a program that only uses one event loop is
//     deterministic.
//   - Default and IO, views on one shared pool of worker goroutines named
//     "DefaultDispatcher-worker-N", created on demand.
//   - ThreadPool, from NewSingleThread ("X") and NewFixedThreadPool
//     ("X-1" ... "X-n").
//   - Unconfined, which resumes a coroutine on whatever thread resumes it.
//   - LimitedParallelism, a view that runs at most n tasks of another
//     dispatcher at once.
//   - TickDispatcher, a queue a host's own loop drains with Tick; Adopt
//     and AdoptThread wrap any host dispatcher so that the runtime sees
//     its activity.
//
// # Timers and clocks
//
// Runtime.AfterFunc schedules a task on the runtime's timer thread
// ("kotlinx.coroutines.DefaultExecutor"), which dispatches it to its
// target when it falls due; timers with the same deadline fire in the
// order they were scheduled. Time comes from a Clock: a RealClock, or with
// Options.VirtualTime a VirtualClock, which flows with real time while
// anything runs and jumps to the next deadline when nothing does.
//
// # Activity, virtual time and deadlocks
//
// A Runtime counts activity: every task from the moment it is dispatched
// until it returns, plus host operations (BeginOp/EndOp) such as a Go
// callback that will resume a coroutine later. When nothing is active
// the virtual clock jumps to the next timer, and an EventLoop waiting for
// a condition that nothing can change any more returns a *DeadlockError
// instead of hanging. Runtime.Close stops every thread the runtime
// started.
//
// # Goroutine safety
//
// The methods of Runtime, Job, Timer, Handle, ThreadPool and the clocks
// are safe from any goroutine, and a Context is an immutable value.
// Dispatch is safe from any goroutine on every dispatcher (implementations
// of Dispatcher must make it so). The exceptions are documented where they
// apply: EventLoop.Run and TickDispatcher.Tick belong to the goroutine
// that drives the loop, Runtime.Sleep to the thread it is given, and the
// Thread a Task receives is only meaningful on the goroutine running that
// task. Handlers registered on a Job run on the goroutine that caused the
// state change, outside the job's lock; tasks run on the dispatcher's
// threads. A panic that escapes a task running on one of the runtime's
// Threads is recovered and reported to Options.Panic; the thread goes on.
package sched
