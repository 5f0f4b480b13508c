// Package sched is ktcoro's coroutine runtime, usable from Go without the
// language: the Job tree, CoroutineContext elements, dispatchers (the
// runBlocking EventLoop, Default/IO, single-thread and fixed pools,
// Unconfined, limitedParallelism views, host dispatchers), timers, and
// real and virtual clocks.
//
// The model: sched never runs script code and never owns a coroutine. A
// coroutine lives in the language layer as heap frames; whenever it must
// run (start, or resume after delay/join/await), the language layer hands
// a Task — a Go closure "run this coroutine until it suspends" — to the
// coroutine's Dispatcher, which runs it on one of its named Threads (Go
// cannot look up the current thread, so the task receives it). Suspension
// means registering a callback: a Timer (Runtime.AfterFunc) for delay, a
// completion handler (Job.Join, Job.Await, Job.InvokeOnCompletion) for
// join/await, and a cancelling handler (Job.InvokeOnCancelling) so that
// cancellation resumes the coroutine with Job.CancellationException. The
// Job state machine follows kotlinx.coroutines 1.0.1 (which the project's
// conformance cases were recorded with), and the language layer supplies
// the exception values through Options hooks (IsCancellation,
// NewCancellation, AddSuppressed) and reports unhandled failures through
// JobConfig.HandleException.
//
// A Runtime tracks activity: every task from the moment it is dispatched
// until it returns, plus host operations (BeginOp/EndOp). When nothing is
// active the virtual clock jumps to the next timer, and an EventLoop
// waiting for a condition that nothing can change any more returns a
// DeadlockError. Runtime.Close stops every thread the runtime started.
package sched
