package sched

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func threadName(o *out, prefix string) step {
	return func(c *co, th *Thread, err error) {
		o.printf("%s%s", prefix, flexible(th.Name()))
		c.finish(nil, err)
	}
}

// TestContextDispatchers is seed case context-01-dispatchers.
func TestContextDispatchers(t *testing.T) {
	base := runtime.NumGoroutine()
	rt := New(Options{VirtualTime: true})
	var o out
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		launch(rt, th, c.ctx, EmptyContext, "StandaloneCoroutine", false, nil, threadName(&o, "main runBlocking      : I'm working in thread "))
		launch(rt, th, c.ctx, Of(AsElement(rt.Unconfined())), "StandaloneCoroutine", false, nil, threadName(&o, "Unconfined            : I'm working in thread "))
		launch(rt, th, c.ctx, Of(AsElement(rt.Default())), "StandaloneCoroutine", false, nil, threadName(&o, "Default               : I'm working in thread "))
		st := rt.NewSingleThread("MyOwnThread")
		x := launch(rt, th, c.ctx, Of(AsElement(st)), "StandaloneCoroutine", false, nil, threadName(&o, "newSingleThreadContext: I'm working in thread "))
		x.job.InvokeOnCompletion(func(error) { st.Close() })
		c.finish(nil, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Default               : I'm working in thread DefaultDispatcher-worker-N",
		"Unconfined            : I'm working in thread main",
		"main runBlocking      : I'm working in thread main",
		"newSingleThreadContext: I'm working in thread MyOwnThread",
	}
	if d := cmp.Diff(want, o.sorted()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if o.get()[0] != "Unconfined            : I'm working in thread main" {
		t.Errorf("Unconfined did not run first: %v", o.get())
	}
	rt.Close()
	waitGoroutines(t, base)
}

// TestUnconfinedAfterDelay is seed case context-02-unconfined (exact).
func TestUnconfinedAfterDelay(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	var o out
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		launch(rt, th, c.ctx, Of(AsElement(rt.Unconfined())), "StandaloneCoroutine", false, nil, func(u *co, th *Thread, _ error) {
			o.printf("Unconfined      : I'm working in thread %s", th.Name())
			u.delay(500*ms, func(u *co, th *Thread, err error) {
				o.printf("Unconfined      : After delay in thread %s", th.Name())
				u.finish(nil, err)
			})
		})
		launch(rt, th, c.ctx, EmptyContext, "StandaloneCoroutine", false, nil, func(m *co, th *Thread, _ error) {
			o.printf("main runBlocking: I'm working in thread %s", th.Name())
			m.delay(1000*ms, func(m *co, th *Thread, err error) {
				o.printf("main runBlocking: After delay in thread %s", th.Name())
				m.finish(nil, err)
			})
		})
		c.finish(nil, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Unconfined      : I'm working in thread main",
		"main runBlocking: I'm working in thread main",
		"Unconfined      : After delay in thread kotlinx.coroutines.DefaultExecutor",
		"main runBlocking: After delay in thread main",
	}
	if d := cmp.Diff(want, o.get()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestFixedThreadPoolNames is seed case dispatchers-01: a new thread per
// task until the pool is full.
func TestFixedThreadPoolNames(t *testing.T) {
	base := runtime.NumGoroutine()
	rt := New(Options{VirtualTime: true})
	fx := rt.NewFixedThreadPool(2, "MultiThread")
	var o out
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		launch(rt, th, c.ctx, Of(AsElement(fx)), "StandaloneCoroutine", false, nil, threadName(&o, "Running in thread: "))
		launch(rt, th, c.ctx, Of(AsElement(fx)), "StandaloneCoroutine", false, nil, threadName(&o, "Running in thread: "))
		c.finish(nil, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Running in thread: MultiThread-1", "Running in thread: MultiThread-2"}
	if d := cmp.Diff(want, o.sorted()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if fx.String() != "ThreadPoolDispatcher[2, MultiThread]" || rt.NewSingleThread("X").String() != "ThreadPoolDispatcher[1, X]" {
		t.Errorf("names: %v", fx)
	}
	fx.Close()
	rt.Close()
	waitGoroutines(t, base)
}

// TestDefaultIOThreads: Default's workers are numbered from 1 and IO
// shares them.
func TestDefaultIOThreads(t *testing.T) {
	rt := New(Options{DefaultParallelism: 2, IOParallelism: 3})
	defer rt.Close()
	var mu sync.Mutex
	names := map[string]bool{}
	var wg sync.WaitGroup
	var running, maxRunning atomic.Int32
	task := func(th *Thread) {
		n := running.Add(1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
		mu.Lock()
		names[th.Name()] = true
		mu.Unlock()
		wg.Done()
	}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		rt.Default().Dispatch(TaskFunc(task))
	}
	wg.Wait()
	if m := maxRunning.Load(); m > 2 {
		t.Errorf("Default ran %d tasks at once", m)
	}
	maxRunning.Store(0)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		rt.IO().Dispatch(TaskFunc(task))
	}
	wg.Wait()
	if m := maxRunning.Load(); m > 3 {
		t.Errorf("IO ran %d tasks at once", m)
	}
	for n := range names {
		var i int
		if _, err := fmt.Sscanf(n, "DefaultDispatcher-worker-%d", &i); err != nil || i < 1 || i > 5 {
			t.Errorf("thread name %q", n)
		}
	}
	// limitedParallelism
	maxRunning.Store(0)
	lim := rt.LimitedParallelism(rt.IO(), 1)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		lim.Dispatch(TaskFunc(task))
	}
	wg.Wait()
	if m := maxRunning.Load(); m != 1 {
		t.Errorf("limitedParallelism(1) ran %d at once", m)
	}
	if got := lim.String(); !strings.HasPrefix(got, "LimitedDispatcher@") {
		t.Errorf("limited name %q", got)
	}
	if got := []string{rt.Default().String(), rt.IO().String(), rt.Unconfined().String()}; !cmp.Equal(got, []string{"Dispatchers.Default", "Dispatchers.IO", "Dispatchers.Unconfined"}) {
		t.Errorf("dispatcher names %v", got)
	}
	// kotlinx 1.8: a limit at least Default's parallelism is Default itself,
	// and a view limited again to at least its own limit is the view
	if d := rt.LimitedParallelism(rt.Default(), 1000); d != rt.Default() {
		t.Errorf("Default.limitedParallelism(1000) = %v", d)
	}
	if d := rt.LimitedParallelism(lim, 2); d != lim {
		t.Errorf("view.limitedParallelism(2) = %v, want the view", d)
	}
}

// TestTimerOrder: equal deadlines fire in scheduling order; earlier
// deadlines first; stopped timers do not fire.
func TestTimerOrder(t *testing.T) {
	for _, virtual := range []bool{true, false} {
		rt := New(Options{VirtualTime: virtual})
		loop := rt.NewEventLoop("main")
		var got []int
		n := 0
		add := func(d time.Duration, v int) *Timer {
			n++
			return rt.AfterFunc(d, loop, func(*Thread) { got = append(got, v) })
		}
		add(3*ms, 30)
		for i := 0; i < 5; i++ {
			add(2*ms, 20+i)
		}
		add(1*ms, 10)
		stop := add(2*ms, 99)
		add(0, 0)
		if !stop.Stop() || stop.Stop() {
			t.Errorf("Stop result")
		}
		n--
		if err := loop.Run(func() bool { return len(got) == n }); err != nil {
			t.Fatal(err)
		}
		want := []int{0, 10, 20, 21, 22, 23, 24, 30}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("virtual=%v (-want +got):\n%s", virtual, d)
		}
		rt.Close()
	}
}

// TestVirtualClock: time jumps when idle, and flows while busy.
func TestVirtualClock(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	start := rt.Now()
	startWall := rt.Clock().UnixMilli()
	real0 := time.Now()
	loop := rt.NewEventLoop("main")
	var at []time.Duration
	for _, d := range []time.Duration{10 * time.Second, time.Hour, 10 * time.Second} {
		rt.AfterFunc(d, loop, func(*Thread) { at = append(at, rt.Now()-start) })
	}
	if err := loop.Run(func() bool { return len(at) == 3 }); err != nil {
		t.Fatal(err)
	}
	if time.Since(real0) > 5*time.Second {
		t.Errorf("virtual waits took real time")
	}
	for i, want := range []time.Duration{10 * time.Second, 10 * time.Second, time.Hour} {
		if at[i] < want || at[i] > want+time.Second {
			t.Errorf("timer %d fired at %v, want %v", i, at[i], want)
		}
	}
	if w := rt.Clock().UnixMilli() - startWall; w < 3600_000 || w > 3601_000 {
		t.Errorf("wall clock moved %d ms", w)
	}

	// a task spinning on Default until the clock passes a deadline ends,
	// and a timer falls due meanwhile
	done := make(chan time.Duration)
	fired := atomic.Bool{}
	rt.AfterFunc(3*ms, rt.Default(), func(*Thread) { fired.Store(true) })
	rt.Default().Dispatch(TaskFunc(func(*Thread) {
		end := rt.Now() + 20*ms
		for rt.Now() < end {
		}
		done <- rt.Now()
	}))
	<-done
	if !fired.Load() {
		// the timer fires on time while the spinner holds a worker
		deadline := time.Now().Add(time.Second)
		for !fired.Load() && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if !fired.Load() {
			t.Errorf("timer did not fire while busy")
		}
	}
}

// TestJobCancelElapsed is seed case job-03-cancel: elapsed times come out
// exact on the virtual clock.
func TestJobCancelElapsed(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	var o out
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		startTime := rt.Clock().UnixMilli()
		var idx int
		var loopStep step
		loopStep = func(lc *co, th *Thread, err error) {
			if err != nil {
				lc.finish(nil, err)
				return
			}
			if idx > 0 {
				o.printf("[Elapsed time: %d ms] current index: %d", (rt.Clock().UnixMilli()-startTime)/500*500, idx-1)
			}
			if idx == 5 {
				lc.finish(nil, nil)
				return
			}
			idx++
			lc.delay(1000*ms, loopStep)
		}
		long := launch(rt, th, c.ctx, Of(AsElement(rt.IO())), "StandaloneCoroutine", false, nil, loopStep)
		c.delay(2500*ms, func(c *co, _ *Thread, _ error) {
			long.job.Cancel(nil)
			c.finish(nil, nil)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[Elapsed time: 1000 ms] current index: 0", "[Elapsed time: 2000 ms] current index: 1"}
	if d := cmp.Diff(want, o.get()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestDeadlock: a runBlocking waiting for a job nobody completes.
func TestDeadlock(t *testing.T) {
	rt := New(Options{VirtualTime: true, Deadlock: func() string { return "coroutine#2 suspended in join" }})
	defer rt.Close()
	loop := rt.NewEventLoop("main")
	j := rt.NewJob(nil)
	loop.Dispatch(TaskFunc(func(*Thread) {}))
	rt.AfterFunc(time.Hour, loop, func(*Thread) {})
	err := loop.Run(j.IsCompleted)
	var de *DeadlockError
	if !errors.As(err, &de) || de.Thread != "main" || de.Dump != "coroutine#2 suspended in join" {
		t.Fatalf("err = %v", err)
	}
	if rt.Now() < time.Hour {
		t.Errorf("the timer did not run first")
	}
	// an outstanding host operation is not a deadlock
	rt.BeginOp()
	hostDone := make(chan struct{})
	go func() {
		defer close(hostDone)
		time.Sleep(2 * ms)
		j.Complete(nil, nil)
		loop.Wake()
		rt.EndOp()
	}()
	if err := loop.Run(j.IsCompleted); err != nil {
		t.Fatal(err)
	}
	// Run may see the job complete before the host's Wake and EndOp: wait
	// for them, and let Run take the wake-up
	<-hostDone
	if err := loop.Run(j.IsCompleted); err != nil {
		t.Fatal(err)
	}
	if a := rt.Activity(); a.Busy != 0 || a.Ops != 0 || a.Timers != 0 {
		t.Errorf("activity %+v", a)
	}
}

// TestNestedRunBlockingAndSleep: a runBlocking inside a task parks the
// task, so virtual time still jumps; Sleep too.
func TestNestedRunBlockingAndSleep(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	outer := rt.NewEventLoop("main")
	done := false
	var got []string
	outer.Dispatch(TaskFunc(func(th *Thread) {
		inner := rt.NewEventLoopOn(th)
		fired := false
		rt.AfterFunc(10*time.Second, inner, func(th *Thread) { fired = true; got = append(got, "inner "+th.Name()) })
		if err := inner.Run(func() bool { return fired }); err != nil {
			t.Error(err)
		}
		inner.Close()
		rt.Default().Dispatch(TaskFunc(func(th *Thread) {
			rt.Sleep(th, 5*time.Second)
			outer.Dispatch(TaskFunc(func(th *Thread) { got = append(got, "slept "+th.Name()); done = true }))
		}))
	}))
	real0 := time.Now()
	if err := outer.Run(func() bool { return done }); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"inner main", "slept main"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if time.Since(real0) > 3*time.Second || rt.Now() < 15*time.Second {
		t.Errorf("virtual time: %v", rt.Now())
	}
}

// TestNestedRunSharesLoop: a task that runs its thread's loop again
// (a runBlocking sharing the thread's event loop) runs the loop's other
// tasks and timers until its own condition holds; the outer Run goes on
// afterwards, and the thread reports the innermost loop.
func TestNestedRunSharesLoop(t *testing.T) {
	for _, virtual := range []bool{true, false} {
		rt := New(Options{VirtualTime: virtual})
		loop := rt.NewEventLoop("main")
		var got []string
		done := false
		loop.Dispatch(TaskFunc(func(th *Thread) {
			if th.EventLoop() != loop {
				t.Errorf("thread's loop %v", th.EventLoop())
			}
			got = append(got, "outer task")
			innerDone := false
			rt.AfterFunc(20*time.Millisecond, loop, func(*Thread) { got = append(got, "inner timer"); innerDone = true })
			loop.Dispatch(TaskFunc(func(*Thread) { got = append(got, "queued before nested run") }))
			if err := loop.Run(func() bool { return innerDone }); err != nil {
				t.Error(err)
			}
			got = append(got, "nested run returned")
			loop.Dispatch(TaskFunc(func(*Thread) { got = append(got, "after"); done = true }))
		}))
		if err := loop.Run(func() bool { return done }); err != nil {
			t.Fatal(err)
		}
		want := []string{"outer task", "queued before nested run", "inner timer", "nested run returned", "after"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("virtual=%v (-want +got):\n%s", virtual, d)
		}
		if loop.Thread().EventLoop() != nil {
			t.Errorf("the thread still reports a loop after Run")
		}
		loop.Close()
		rt.Close()
	}
}

// TestClose: closed dispatchers reject to the DefaultExecutor thread (or
// the Reject hook), and nothing is left running.
func TestClose(t *testing.T) {
	base := runtime.NumGoroutine()
	rt := New(Options{VirtualTime: true})
	st := rt.NewSingleThread("S")
	ch := make(chan string, 4)
	st.Dispatch(TaskFunc(func(th *Thread) { ch <- th.Name() }))
	st.Close()
	st.Dispatch(TaskFunc(func(th *Thread) { ch <- th.Name() }))
	if a, b := <-ch, <-ch; !(a == "S" && b == "kotlinx.coroutines.DefaultExecutor" || b == "S" && a == "kotlinx.coroutines.DefaultExecutor") {
		t.Errorf("ran on %q, %q", a, b)
	}
	loop := rt.NewEventLoop("main")
	loop.Close()
	loop.Dispatch(TaskFunc(func(th *Thread) { ch <- th.Name() }))
	if a := <-ch; a != "kotlinx.coroutines.DefaultExecutor" {
		t.Errorf("rejected loop task ran on %q", a)
	}
	// a runtime with work everywhere closes cleanly
	for i := 0; i < 10; i++ {
		rt.Default().Dispatch(TaskFunc(func(*Thread) {}))
		rt.IO().Dispatch(TaskFunc(func(*Thread) {}))
		rt.AfterFunc(time.Hour, rt.Default(), func(*Thread) {})
	}
	fx := rt.NewFixedThreadPool(3, "F")
	fx.Dispatch(TaskFunc(func(*Thread) {}))
	w := rt.NewEventLoop("w")
	errc := make(chan error)
	rt.BeginOp() // keeps w from seeing a deadlock (taken before it runs)
	go func() { errc <- w.Run(func() bool { return false }) }()
	time.Sleep(ms)
	rt.Close()
	if err := <-errc; err != ErrClosed {
		t.Errorf("Run after Close: %v", err)
	}
	waitGoroutines(t, base)

	var rejected atomic.Int32
	rt2 := New(Options{Reject: func(Dispatcher, Task) { rejected.Add(1) }})
	s2 := rt2.NewSingleThread("S2")
	s2.Close()
	s2.Dispatch(TaskFunc(func(*Thread) {}))
	rt2.Close()
	if rejected.Load() != 1 {
		t.Errorf("Reject hook not called")
	}
	waitGoroutines(t, base)
}

// TestTaskPanic: a panicking task does not kill its thread.
func TestTaskPanic(t *testing.T) {
	var panics atomic.Int32
	rt := New(Options{Panic: func(*Thread, any) { panics.Add(1) }})
	defer rt.Close()
	st := rt.NewSingleThread("P")
	done := make(chan bool)
	st.Dispatch(TaskFunc(func(*Thread) { panic("boom") }))
	st.Dispatch(TaskFunc(func(*Thread) { done <- true }))
	<-done
	if panics.Load() != 1 {
		t.Errorf("panics = %d", panics.Load())
	}
}

// TestEventLoopTaskPanic: a panicking task on an event loop is reported,
// the tasks after it still run in order, and the activity count is
// balanced afterwards.
func TestEventLoopTaskPanic(t *testing.T) {
	var panics atomic.Int32
	rt := New(Options{VirtualTime: true, Panic: func(*Thread, any) { panics.Add(1) }})
	defer rt.Close()
	l := rt.NewEventLoop("main")
	var order []int
	l.Dispatch(TaskFunc(func(*Thread) { order = append(order, 1) }))
	l.Dispatch(TaskFunc(func(*Thread) { panic("boom") }))
	l.Dispatch(TaskFunc(func(*Thread) { order = append(order, 3) }))
	l.Dispatch(TaskFunc(func(*Thread) { order = append(order, 4) }))
	if err := l.Run(func() bool { return len(order) == 3 }); err != nil {
		t.Fatal(err)
	}
	if panics.Load() != 1 || fmt.Sprint(order) != "[1 3 4]" {
		t.Errorf("panics = %d, order = %v", panics.Load(), order)
	}
	if a := rt.Activity(); a.Busy != 0 {
		t.Errorf("activity %+v", a)
	}
}
