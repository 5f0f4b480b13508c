package sched

import (
	"strconv"
	"sync"
)

// queue is a FIFO of tasks (not synchronised) in a ring buffer whose
// size is a power of two.
type queue struct {
	buf  []Task
	head int
	n    int
}

func (q *queue) len() int { return q.n }

func (q *queue) push(t Task) {
	if q.n == len(q.buf) {
		nb := make([]Task, max(8, 2*len(q.buf)))
		for i := 0; i < q.n; i++ {
			nb[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
		}
		q.buf, q.head = nb, 0
	}
	q.buf[(q.head+q.n)&(len(q.buf)-1)] = t
	q.n++
}

func (q *queue) pop() Task {
	if q.n == 0 {
		return nil
	}
	t := q.buf[q.head]
	q.buf[q.head] = nil
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.n--
	if q.n == 0 && len(q.buf) > queueKeep {
		// a burst is over: give its memory back
		q.buf, q.head = nil, 0
	}
	return t
}

// queueKeep is the largest buffer a queue keeps when it runs empty.
const queueKeep = 1024

func (q *queue) drain() []Task {
	out := make([]Task, 0, q.n)
	for q.n > 0 {
		out = append(out, q.pop())
	}
	return out
}

// pool is a set of worker threads sharing one FIFO queue. Workers are
// created on demand up to max: when no worker is idle (the kotlinx
// scheduler), or for every task until max threads exist (eager, like
// java.util.concurrent.ThreadPoolExecutor below its core size, where the
// new thread takes the task as its first one). Workers live until the
// pool is shut down.
type pool struct {
	rt    *Runtime
	max   int
	eager bool
	name  func(i int) string

	mu      sync.Mutex
	cond    *sync.Cond
	q       queue
	workers int
	idle    int
	closed  bool
	threads []*Thread
}

func newPool(rt *Runtime, max int, eager bool, name func(int) string) *pool {
	p := &pool{rt: rt, max: max, eager: eager, name: name}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// submit queues a task for which the caller holds an activity count.
// It reports false (keeping the count with the caller) when shut down.
func (p *pool) submit(task Task) bool {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return false
	}
	if p.workers < p.max && (p.eager || p.idle == 0) {
		p.workers++
		th := p.rt.newThread(p.name(p.workers))
		p.threads = append(p.threads, th)
		p.rt.wg.Add(1)
		p.mu.Unlock()
		go p.work(th, task)
		return true
	}
	p.q.push(task)
	if p.idle > 0 {
		p.cond.Signal()
	}
	p.mu.Unlock()
	return true
}

func (p *pool) work(th *Thread, first Task) {
	defer p.rt.wg.Done()
	if first != nil {
		th.exec(first)
		p.rt.dec(1)
	}
	for {
		p.mu.Lock()
		for p.q.len() == 0 && !p.closed {
			p.idle++
			p.cond.Wait()
			p.idle--
		}
		task := p.q.pop()
		if task == nil { // closed and drained
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		th.exec(task)
		p.rt.dec(1)
	}
}

// shutdown stops accepting tasks; with drop, queued tasks are discarded,
// otherwise the workers run them before exiting.
func (p *pool) shutdown(drop bool) {
	p.mu.Lock()
	p.closed = true
	n := 0
	if drop {
		n = len(p.q.drain())
	}
	p.cond.Broadcast()
	p.mu.Unlock()
	p.rt.dec(n)
}

// poolDispatcher adapts a pool to Dispatcher for limited views.
type poolDispatcher struct{ p *pool }

func (d poolDispatcher) Dispatch(task Task) {
	d.p.rt.inc(1)
	if !d.p.submit(task) {
		d.p.rt.reject(d, task)
	}
}
func (d poolDispatcher) IsDispatchNeeded() bool { return true }
func (d poolDispatcher) String() string         { return "pool" }
func (d poolDispatcher) Close()                 {}

// ThreadPool is the dispatcher of NewSingleThread and NewFixedThreadPool
// (kotlinx's ThreadPoolDispatcher). Its methods are safe from any goroutine.
type ThreadPool struct {
	rt   *Runtime
	p    *pool
	n    int
	name string
}

// NewSingleThread returns a dispatcher with one thread named name
// (newSingleThreadContext). Close it when done.
func (rt *Runtime) NewSingleThread(name string) *ThreadPool {
	return rt.newThreadPool(1, name, func(int) string { return name })
}

// NewFixedThreadPool returns a dispatcher with n threads named
// "name-1" ... "name-n" (newFixedThreadPoolContext), started one per task
// until n exist; its only thread is named name when n is 1, as in
// kotlinx's ThreadPoolDispatcher. Close it when done.
func (rt *Runtime) NewFixedThreadPool(n int, name string) *ThreadPool {
	if n <= 1 {
		return rt.newThreadPool(1, name, func(int) string { return name })
	}
	return rt.newThreadPool(n, name, func(i int) string { return name + "-" + strconv.Itoa(i) })
}

func (rt *Runtime) newThreadPool(n int, name string, names func(int) string) *ThreadPool {
	tp := &ThreadPool{rt: rt, p: newPool(rt, n, true, names), n: n, name: name}
	if !rt.register(tp) {
		tp.p.shutdown(true)
	}
	return tp
}

// Dispatch queues task on one of the pool's threads. After Close the
// task is rejected (Options.Reject; by default it runs on the
// DefaultExecutor thread, as kotlinx 1.0.1 did; see Options.Reject).
func (tp *ThreadPool) Dispatch(task Task) {
	tp.rt.inc(1)
	if !tp.p.submit(task) {
		tp.rt.reject(tp, task)
	}
}

// IsDispatchNeeded returns true.
func (tp *ThreadPool) IsDispatchNeeded() bool { return true }

// String returns "ThreadPoolDispatcher[n, name]".
func (tp *ThreadPool) String() string {
	return "ThreadPoolDispatcher[" + strconv.Itoa(tp.n) + ", " + tp.name + "]"
}

// Key returns DispatcherKey.
func (tp *ThreadPool) Key() Key { return DispatcherKey }

// Close shuts the pool down like ExecutorService.shutdown: tasks already
// queued still run, new ones are rejected, and the threads exit when the
// queue is empty. It does not wait for them (Runtime.Close does).
func (tp *ThreadPool) Close() { tp.p.shutdown(false) }

func (tp *ThreadPool) closeNow() { tp.p.shutdown(true) }

// Threads returns the threads started so far.
func (tp *ThreadPool) Threads() []*Thread {
	tp.p.mu.Lock()
	defer tp.p.mu.Unlock()
	return append([]*Thread(nil), tp.p.threads...)
}

// limited runs at most n of its tasks at once on a parent dispatcher
// (kotlinx's LimitedDispatcher; also Default and IO over the shared pool).
type limited struct {
	rt     *Runtime
	parent Dispatcher
	n      int
	name   string

	mu      sync.Mutex
	q       queue
	running int
}

func newLimited(rt *Runtime, p *pool, n int, name string) *limited {
	return &limited{rt: rt, parent: poolDispatcher{p}, n: n, name: name}
}

// LimitedParallelism returns a view of d that runs at most n of the
// tasks dispatched through it at once (limitedParallelism), as
// kotlinx.coroutines 1.8 does: Dispatchers.Default itself when n is at
// least its parallelism, and a view of a view when n is at least the
// view's limit; a view prints as "LimitedDispatcher@hash". Closing the
// view does nothing.
func (rt *Runtime) LimitedParallelism(d Dispatcher, n int) Dispatcher {
	if n < 1 {
		n = 1
	}
	if l, ok := d.(*limited); ok && n >= l.n && l != rt.io {
		return d
	}
	id := -rt.limSeq.Add(1) // negative: not a job's id
	return &limited{rt: rt, parent: d, n: n, name: "LimitedDispatcher@" + rt.opts.Hash(id)}
}

func (l *limited) Dispatch(task Task) {
	l.rt.inc(1)
	l.mu.Lock()
	l.q.push(task)
	start := l.running < l.n
	if start {
		l.running++
	}
	l.mu.Unlock()
	if start {
		l.parent.Dispatch(l)
	}
}

// Run drains the view's queue on a parent thread, handing the thread
// back to the parent after a batch for fairness.
func (l *limited) Run(t *Thread) {
	for i := 0; ; i++ {
		l.mu.Lock()
		if l.q.len() == 0 {
			l.running--
			l.mu.Unlock()
			return
		}
		if i == 16 {
			l.mu.Unlock()
			l.parent.Dispatch(l)
			return
		}
		task := l.q.pop()
		l.mu.Unlock()
		if t != nil {
			t.exec(task)
		} else {
			task.Run(t)
		}
		l.rt.dec(1)
	}
}

func (l *limited) IsDispatchNeeded() bool { return true }
func (l *limited) String() string         { return l.name }
func (l *limited) Close()                 {}
func (l *limited) Key() Key               { return DispatcherKey }

// unconfined is Dispatchers.Unconfined. IsDispatchNeeded is false: the
// caller resumes the coroutine inline, on whatever thread it is (task(t)
// with its own current thread), which is what kotlinx does. Dispatch is
// only for callers that have no thread of the runtime (a host goroutine,
// a closed dispatcher's rejects): the task then runs on the
// DefaultExecutor thread. Timers whose target is Unconfined also run on
// that thread ("After delay in thread kotlinx.coroutines.DefaultExecutor").
type unconfined struct{ rt *Runtime }

func (u *unconfined) Dispatch(task Task)     { u.rt.execute(task, false) }
func (u *unconfined) IsDispatchNeeded() bool { return false }
func (u *unconfined) Close()                 {}
func (u *unconfined) Key() Key               { return DispatcherKey }
func (u *unconfined) String() string         { return "Dispatchers.Unconfined" }
