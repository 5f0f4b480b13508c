package sched

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTickDispatcher(t *testing.T) {
	d := NewTickDispatcher("UI")
	if d.String() != "UI" || !d.IsDispatchNeeded() {
		t.Errorf("String %q IsDispatchNeeded %v", d.String(), d.IsDispatchNeeded())
	}
	if n := d.Tick(); n != 0 {
		t.Errorf("Tick on an empty queue ran %d tasks", n)
	}
	var got []int
	for i := range 3 {
		d.Dispatch(TaskFunc(func(th *Thread) {
			if th != nil {
				t.Errorf("task %d got thread %v, want nil", i, th)
			}
			got = append(got, i)
			if i == 0 {
				d.Dispatch(TaskFunc(func(*Thread) { got = append(got, 10) })) // for the next Tick
			}
		}))
	}
	select {
	case <-d.Ready():
	default:
		t.Fatal("Ready did not fire after Dispatch")
	}
	if d.Len() != 3 {
		t.Errorf("Len = %d", d.Len())
	}
	if n := d.Tick(); n != 3 {
		t.Errorf("Tick ran %d tasks, want 3", n)
	}
	if n := d.Tick(); n != 1 {
		t.Errorf("second Tick ran %d tasks, want 1", n)
	}
	if d := cmp.Diff([]int{0, 1, 2, 10}, got); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
	d.Close() // does nothing: the host owns the loop
}

// TestTickDispatcherConcurrent dispatches from many goroutines while a
// loop ticks (run it with -race).
func TestTickDispatcherConcurrent(t *testing.T) {
	d := NewTickDispatcher("loop")
	const n = 1000
	var ran sync.WaitGroup
	ran.Add(n)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-d.Ready():
				d.Tick()
			case <-done:
				return
			}
		}
	}()
	count := 0 // touched only by tasks, which run on the loop goroutine
	for range n {
		go func() {
			d.Dispatch(TaskFunc(func(*Thread) { count++; ran.Done() }))
		}()
	}
	ran.Wait()
	close(done)
	if count != n {
		t.Errorf("%d tasks ran, want %d", count, n)
	}
}

// TestAdoptThread checks that an adopted host dispatcher's tasks run on
// a thread with the given name and count as activity until they run.
func TestAdoptThread(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	d := NewTickDispatcher("host-loop")
	a := rt.AdoptThread(d, "UI")
	if a.String() != "host-loop" || !a.IsDispatchNeeded() {
		t.Errorf("String %q", a.String())
	}
	if e, ok := a.(Element); !ok || e.Key() != DispatcherKey || DispatcherOf(AsElement(a)) != a {
		t.Error("the adopted dispatcher is not a context element")
	}
	var name string
	a.Dispatch(TaskFunc(func(th *Thread) { name = th.Name() }))
	if rt.Quiescent() {
		t.Error("the runtime is quiescent with a task queued on the host dispatcher")
	}
	if act := rt.Activity(); act.Busy != 1 {
		t.Errorf("busy = %d, want 1", act.Busy)
	}
	d.Tick()
	if name != "UI" {
		t.Errorf("thread %q, want UI", name)
	}
	if !rt.Quiescent() {
		t.Errorf("the runtime is busy after the task ran: %+v", rt.Activity())
	}
	// a task the host runs on a thread of its own keeps that thread
	other := rt.newThread("other")
	a.Dispatch(TaskFunc(func(th *Thread) { name = th.Name() }))
	for _, task := range drainTick(d) {
		task.Run(other)
	}
	if name != "other" {
		t.Errorf("thread %q, want other", name)
	}
	// a panicking task is reported, the activity count is released
	a.Dispatch(TaskFunc(func(*Thread) { panic("boom") }))
	var panicked any
	rt.opts.Panic = func(_ *Thread, v any) { panicked = v }
	d.Tick()
	if panicked != "boom" || !rt.Quiescent() {
		t.Errorf("panic %v, quiescent %v", panicked, rt.Quiescent())
	}
	a.Close() // does not close the host's dispatcher
	a.Dispatch(TaskFunc(func(*Thread) {}))
	if d.Len() != 1 {
		t.Error("the host dispatcher was closed")
	}
	d.Tick()
}

// drainTick takes the queued tasks of d without running them.
func drainTick(d *TickDispatcher) []Task {
	d.mu.Lock()
	defer d.mu.Unlock()
	q := d.q
	d.q = nil
	return q
}
