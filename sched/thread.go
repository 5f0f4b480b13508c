package sched

import (
	"fmt"
	"strconv"
)

// Task is a unit of work a dispatcher runs: typically "resume this
// coroutine and run it until it suspends". Run receives the thread it
// runs on (Go has no thread-local lookup, so the thread is passed
// along). A coroutine is usually its own Task, so that dispatching it
// allocates nothing; TaskFunc makes one of a function.
type Task interface {
	Run(t *Thread)
}

// TaskFunc is a function used as a Task.
type TaskFunc func(t *Thread)

// Run calls f(t).
func (f TaskFunc) Run(t *Thread) { f(t) }

// Thread is a named worker goroutine of the runtime: a pool worker, the
// thread of a single-thread dispatcher, the goroutine that runs an
// EventLoop, or the timer thread. Name and ID never change and are safe
// from any goroutine; the other methods belong to the thread's own
// goroutine (the one running a task on it).
type Thread struct {
	name string
	id   int64
	rt   *Runtime
	// running counts the tasks executing (nested) on this thread that
	// hold an activity count; only the thread's goroutine touches it.
	running int
	// loop is the event loop running on the thread (the innermost Run),
	// kotlinx's ThreadLocalEventLoop; only the thread's goroutine
	// touches it.
	loop *EventLoop
	// nest counts what runs nested on the thread's Go stack (see
	// Nest); only the thread's goroutine touches it.
	nest int32
}

// Nest adds d to the count of nested runs on the thread's Go stack (a
// coroutine started at once inside another, a runBlocking inside a
// task) and returns the new count, so that a library can bound how deep
// the Go stack grows. A nil thread counts nothing. Call it on the
// thread's goroutine.
func (t *Thread) Nest(d int32) int32 {
	if t == nil {
		return 0
	}
	t.nest += d
	return t.nest
}

// EventLoop returns the event loop whose Run is running on the thread
// (the innermost one), or nil: a runBlocking nested in one of its tasks
// shares it, as kotlinx's runBlocking shares the thread's event loop.
// Call it on the thread's goroutine.
func (t *Thread) EventLoop() *EventLoop { return t.loop }

// Name returns the thread's name, e.g. "DefaultDispatcher-worker-1".
func (t *Thread) Name() string { return t.name }

// ID returns the thread's id: unique in its runtime, in creation order.
func (t *Thread) ID() int64 { return t.id }

// String returns "Thread[name,id]".
func (t *Thread) String() string { return "Thread[" + t.name + "," + strconv.FormatInt(t.id, 10) + "]" }

// Runtime returns the runtime that owns the thread.
func (t *Thread) Runtime() *Runtime { return t.rt }

// exec runs task on t with one activity count held by the caller.
func (t *Thread) exec(task Task) {
	t.running++
	defer func() {
		t.running--
		if r := recover(); r != nil {
			t.rt.taskPanicked(t, r)
		}
	}()
	task.Run(t)
}

func (rt *Runtime) newThread(name string) *Thread {
	return &Thread{name: name, id: rt.threadSeq.Add(1), rt: rt}
}

// Dispatcher runs tasks, kotlinx's CoroutineDispatcher. Hosts may
// implement it (a game loop, a GUI thread, a test scheduler); wrap such a
// dispatcher with Runtime.Adopt so that the virtual clock and deadlock
// detection see its activity.
type Dispatcher interface {
	// Dispatch arranges for task to run once, later, on one of the
	// dispatcher's threads. It must be safe from any goroutine and must
	// not run the task inline (except Unconfined, see there).
	Dispatch(task Task)
	// IsDispatchNeeded reports whether a resumption must go through
	// Dispatch; false (only Unconfined) means the caller runs the task
	// itself, on its current thread.
	IsDispatchNeeded() bool
	// String is kotlinx's toString of the dispatcher.
	String() string
	// Close stops the dispatcher's threads (see the implementations).
	Close()
}

// AsElement returns d as a context element (key DispatcherKey).
func AsElement(d Dispatcher) Element {
	if e, ok := d.(Element); ok {
		return e
	}
	return dispElem{d}
}

type dispElem struct{ Dispatcher }

func (dispElem) Key() Key { return DispatcherKey }

// DispatcherOf returns the dispatcher held by a context element made with
// AsElement (or a dispatcher that is itself an element).
func DispatcherOf(e Element) Dispatcher {
	switch x := e.(type) {
	case dispElem:
		return x.Dispatcher
	case Dispatcher:
		if e.Key() == DispatcherKey {
			return x
		}
	}
	return nil
}

func hexID(id int64) string {
	// a stable, identity-hash-looking number derived from an id
	x := uint32(id)*2654435761 ^ 0x1b6d3586
	return fmt.Sprintf("%x", x)
}
