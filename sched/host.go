package sched

// Dispatchers driven by a host: a Tick-style queue for a host's own
// event loop (a game loop, a GUI thread, a request loop), and adoption of
// any host dispatcher under a thread name.

import "sync"

// TickDispatcher is a Dispatcher for a host's own event loop: Dispatch
// queues a task and signals Ready; the host runs the queued tasks by
// calling Tick from its loop, on its own goroutine, at the moments it
// chooses (once per frame, when Ready fires). It creates no goroutine.
//
// Tasks run with a nil thread; give the dispatcher to the language layer
// through Runtime.AdoptThread, which names the thread and counts the
// queued tasks as activity (so the virtual clock waits for them). The
// host must keep calling Tick while scripts may dispatch to it: a task
// that is never run leaves its coroutine suspended.
//
// Dispatch, Ready, Len and String are safe from any goroutine; Tick must
// be called from one goroutine at a time (the host's loop).
type TickDispatcher struct {
	name  string
	mu    sync.Mutex
	q     []Task
	ready chan struct{}
}

// NewTickDispatcher returns an empty dispatcher whose String is name.
func NewTickDispatcher(name string) *TickDispatcher {
	return &TickDispatcher{name: name, ready: make(chan struct{}, 1)}
}

// Dispatch queues task and signals Ready. Safe from any goroutine.
func (d *TickDispatcher) Dispatch(task Task) {
	d.mu.Lock()
	d.q = append(d.q, task)
	d.mu.Unlock()
	select {
	case d.ready <- struct{}{}:
	default:
	}
}

// Ready returns a channel that receives a value after tasks have been
// queued (one value for any number of tasks queued since the last
// receive): a host loop selects on it and then calls Tick. Safe from any
// goroutine.
func (d *TickDispatcher) Ready() <-chan struct{} { return d.ready }

// Tick runs the tasks that were queued when it was called, in FIFO
// order, on the calling goroutine, and returns how many it ran. Tasks
// they queue run at the next Tick. Call it from one goroutine at a time.
func (d *TickDispatcher) Tick() int {
	d.mu.Lock()
	tasks := d.q
	d.q = nil
	d.mu.Unlock()
	for _, t := range tasks {
		t.Run(nil)
	}
	return len(tasks)
}

// Len returns the number of queued tasks. Safe from any goroutine.
func (d *TickDispatcher) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.q)
}

// IsDispatchNeeded returns true.
func (d *TickDispatcher) IsDispatchNeeded() bool { return true }

// String returns the name given to NewTickDispatcher.
func (d *TickDispatcher) String() string { return d.name }

// Close does nothing: the host owns the loop that runs the tasks.
func (d *TickDispatcher) Close() {}

// AdoptThread is Adopt for a host dispatcher whose tasks run on one host
// thread at a time: the tasks it is given count as activity from
// Dispatch until they return, and a task the host runs with a nil thread
// (as TickDispatcher does) runs on a thread of the runtime called name,
// so that Thread.currentThread().name is name. The host must run every
// task exactly once and never two at the same time (use Adopt for a
// multi-threaded host dispatcher). Closing the result does not close d:
// the host owns it.
func (rt *Runtime) AdoptThread(d Dispatcher, name string) Dispatcher {
	return &adoptedThread{rt: rt, d: d, th: rt.newThread(name)}
}

type adoptedThread struct {
	rt *Runtime
	d  Dispatcher
	th *Thread
}

func (a *adoptedThread) Dispatch(task Task) {
	a.rt.inc(1)
	a.d.Dispatch(TaskFunc(func(t *Thread) {
		defer a.rt.dec(1)
		if t == nil {
			t = a.th
		}
		t.exec(task)
	}))
}

func (a *adoptedThread) IsDispatchNeeded() bool { return a.d.IsDispatchNeeded() }
func (a *adoptedThread) String() string         { return a.d.String() }
func (a *adoptedThread) Close()                 {}
func (a *adoptedThread) Key() Key               { return DispatcherKey }
