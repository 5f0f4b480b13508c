package sched

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// This file simulates the language layer: a coroutine is a chain of Go
// continuations (steps) instead of interpreter frames, but it is started,
// suspended, resumed and cancelled the way interp/stdlib will do it.

// out collects printed lines from any goroutine.
type out struct {
	mu    sync.Mutex
	lines []string
}

func (o *out) printf(format string, args ...any) {
	o.mu.Lock()
	o.lines = append(o.lines, fmt.Sprintf(format, args...))
	o.mu.Unlock()
}

func (o *out) get() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.lines...)
}

func (o *out) sorted() []string {
	l := o.get()
	sort.Strings(l)
	return l
}

// step is a piece of a coroutine body between two suspension points. err
// is the exception the suspension point resumed with (cancellation).
type step func(c *co, t *Thread, err error)

type co struct {
	rt   *Runtime
	job  *Job
	ctx  Context
	disp Dispatcher
	// the current suspension: claim decides between the normal
	// resumption and cancellation
	mu      sync.Mutex
	susp    *suspension
	uncaugh *out // where HandleException prints, when set
}

type suspension struct {
	claimed atomic.Bool
	cancel  func()
	handle  *Handle
}

// launch starts a coroutine on ctx's dispatcher (Unconfined: inline on t).
func launch(rt *Runtime, t *Thread, parentCtx Context, extra Context, name string, lazy bool, uncaught *out, body step) *co {
	ctx := parentCtx.Plus(extra)
	if ctx.Dispatcher() == nil {
		ctx = ctx.With(AsElement(rt.Default()))
	}
	c := &co{rt: rt, ctx: ctx, disp: ctx.Dispatcher(), uncaugh: uncaught}
	cfg := JobConfig{Name: name, Parent: ctx.Job(), Lazy: lazy}
	if name == "StandaloneCoroutine" || name == "LazyStandaloneCoroutine" {
		cfg.HandleException = func(_ *Job, err error) bool {
			if h := c.ctx.ExceptionHandler(); h != nil {
				h.Value.(func(Context, error))(c.ctx, err)
				return true
			}
			if c.uncaugh != nil {
				c.uncaugh.printf("uncaught: %v", err)
			}
			return true
		}
	}
	cfg.OnCancelling = func(error) { c.cancelSuspension() }
	start := func() {
		c.dispatch(t, func(c *co, t *Thread, err error) {
			if e, ok := c.job.CancellationException(); ok && c.job.IsCancelled() {
				c.finish(nil, e)
				return
			}
			body(c, t, err)
		}, nil)
	}
	if lazy {
		cfg.OnStart = start
	}
	c.job = rt.NewCoroutine(cfg)
	c.ctx = ctx.With(c.job)
	if !lazy {
		start()
	}
	return c
}

// dispatch runs k on the coroutine's dispatcher (inline on t when no
// dispatch is needed and the caller is on a thread).
func (c *co) dispatch(t *Thread, k step, err error) {
	if !c.disp.IsDispatchNeeded() && t != nil {
		k(c, t, err)
		return
	}
	c.disp.Dispatch(TaskFunc(func(t *Thread) { k(c, t, err) }))
}

func (c *co) suspend(s *suspension) {
	c.mu.Lock()
	c.susp = s
	c.mu.Unlock()
	if c.job.IsCancelled() {
		c.cancelSuspension()
	}
}

func (c *co) cancelSuspension() {
	c.mu.Lock()
	s := c.susp
	c.mu.Unlock()
	if s != nil && s.claimed.CompareAndSwap(false, true) {
		s.cancel()
	}
}

// delay suspends for d, then continues with k (or with the cancellation).
func (c *co) delay(d time.Duration, k step) {
	s := &suspension{}
	var tm *Timer
	target := c.disp
	s.cancel = func() {
		tm.Stop()
		e, _ := c.job.CancellationException()
		c.dispatch(nil, k, e)
	}
	tm = c.rt.AfterFunc(d, target, func(t *Thread) {
		if s.claimed.CompareAndSwap(false, true) {
			k(c, t, nil)
		}
	})
	c.suspend(s)
}

// join suspends until j completes.
func (c *co) join(t *Thread, j *Job, k step) {
	s := &suspension{}
	s.cancel = func() {
		s.handle.Dispose()
		e, _ := c.job.CancellationException()
		c.dispatch(nil, k, e)
	}
	var mu sync.Mutex
	mu.Lock()
	s.handle = j.Join(func() {
		mu.Lock()
		mu.Unlock()
		if s.claimed.CompareAndSwap(false, true) {
			c.dispatch(nil, k, nil)
		}
	})
	mu.Unlock()
	c.suspend(s)
}

// yield re-dispatches the coroutine.
func (c *co) yield(k step) {
	c.disp.Dispatch(TaskFunc(func(t *Thread) { k(c, t, nil) }))
}

// finish ends the body with a value or an exception.
func (c *co) finish(v any, err error) {
	c.mu.Lock()
	c.susp = nil
	c.mu.Unlock()
	c.job.Complete(v, err)
}

// runBlocking runs body as a BlockingCoroutine on a new event loop on
// the calling goroutine, like the CLI's main.
func runBlocking(rt *Runtime, threadName string, extra Context, body step) (*Job, error) {
	loop := rt.NewEventLoop(threadName)
	defer loop.Close()
	ctx := Of(AsElement(loop)).Plus(extra)
	c := &co{rt: rt, ctx: ctx, disp: loop}
	c.job = rt.NewCoroutine(JobConfig{Name: "BlockingCoroutine", Parent: ctx.Job(), Scoped: true,
		OnCancelling: func(error) { c.cancelSuspension() }})
	c.ctx = ctx.With(c.job)
	c.job.InvokeOnCompletion(func(error) { loop.Wake() })
	loop.Dispatch(TaskFunc(func(t *Thread) { body(c, t, nil) }))
	err := loop.Run(c.job.IsCompleted)
	if err != nil {
		return c.job, err
	}
	_, cause := c.job.Result()
	return c.job, cause
}

// testError is a non-cancellation script exception.
type testError struct{ msg string }

func (e *testError) Error() string { return "java.lang.RuntimeException: " + e.msg }

func fail(msg string) error { return &testError{msg} }

// waitGoroutines waits (briefly) until the goroutine count is back to n.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	var now int
	for i := 0; i < 200; i++ {
		now = runtime.NumGoroutine()
		if now <= n {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	buf = buf[:runtime.Stack(buf, true)]
	t.Fatalf("goroutines: %d, want <= %d\n%s", now, n, buf)
}

func isCancel(err error) bool {
	var c *CancellationError
	return errors.As(err, &c)
}

func flexible(s string) string {
	if i := strings.Index(s, "worker-"); i >= 0 {
		j := i + len("worker-")
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return s[:i] + "worker-N" + s[j:]
	}
	return s
}
