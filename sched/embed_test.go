package sched

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// body is a host coroutine struct that embeds its Job and Timer, as the
// language layer does.
type body struct {
	job   Job
	tm    Timer
	loop  *EventLoop
	fired []time.Duration
	log   *[]string
	name  string
}

// Run is the timer's task: it runs on the timer thread and dispatches
// what it does to the event loop.
func (b *body) Run(*Thread) {
	now := b.job.rt.Now()
	b.loop.Dispatch(TaskFunc(func(*Thread) { b.fired = append(b.fired, now) }))
}

// TestInitJobPark: embedded jobs share one JobClass; a cancellation
// resumes a parked body in the order kotlinx notifies a suspended
// continuation: after the children and handlers registered before it
// parked, before those registered later (also once removed entries have
// been compacted away), once per Park.
func TestInitJobPark(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	var log []string
	cls := &JobClass{Name: "StandaloneCoroutine", CancelParked: func(j *Job, cause error) {
		b := j.Data().(*body)
		*b.log = append(*b.log, b.name+" parked")
	}}
	mk := func(name string, parent *Job) *body {
		b := &body{log: &log, name: name}
		rt.InitJob(&b.job, cls, parent, false, b)
		return b
	}
	p := mk("parent", nil)
	early := mk("early", &p.job)
	early.job.InvokeOnCancelling(func(error) { log = append(log, "early cancelled") })
	// handlers registered before the park and removed after it: the
	// list is compacted, and the park position moves with it
	var hs []*Handle
	for range 20 {
		hs = append(hs, p.job.InvokeOnCancelling(func(error) { log = append(log, "removed handler ran") }))
	}
	if !p.job.Park() {
		t.Fatal("Park on an active job reported false")
	}
	for _, h := range hs {
		h.Dispose()
	}
	late := mk("late", &p.job)
	late.job.InvokeOnCancelling(func(error) { log = append(log, "late cancelled") })
	p.job.InvokeOnCancelling(func(error) { log = append(log, "parent handler") })
	if p.job.Name() != "StandaloneCoroutine" || p.job.Data() != p {
		t.Errorf("Name %q, Data %v", p.job.Name(), p.job.Data())
	}
	p.job.Cancel(nil)
	want := []string{"early cancelled", "parent parked", "late cancelled", "parent handler"}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("cancellation order (-want +got):\n%s", diff)
	}
	if p.job.Park() {
		t.Error("Park on a cancelling job reported true")
	}
	// a body that never parked is not resumed by its cancellation
	log = nil
	q := mk("q", nil)
	q.job.Cancel(nil)
	if len(log) != 0 {
		t.Errorf("unparked job: %v", log)
	}
}

// TestStartTimer: an embedded timer runs its task on the timer thread
// and can be started again once it has fired or was stopped.
func TestStartTimer(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	b := &body{loop: rt.NewEventLoop("main")}
	rt.InitJob(&b.job, &JobClass{Name: "StandaloneCoroutine"}, nil, false, b)
	start := rt.Now()
	rt.StartTimer(&b.tm, 100*ms, b)
	if err := b.loop.Run(func() bool { return len(b.fired) == 1 }); err != nil {
		t.Fatal(err)
	}
	// fired: start it again, stop it, start it again
	rt.StartTimer(&b.tm, 100*ms, b)
	if !b.tm.Stop() {
		t.Error("Stop of a pending timer reported false")
	}
	rt.StartTimer(&b.tm, 50*ms, b)
	if err := b.loop.Run(func() bool { return len(b.fired) == 2 }); err != nil {
		t.Fatal(err)
	}
	// (the virtual clock also runs with real time: allow for that)
	for i, want := range []time.Duration{100 * ms, 150 * ms} {
		if at := b.fired[i] - start; at < want || at > want+time.Second {
			t.Errorf("timer fired at %v, want %v", at, want)
		}
	}
	if b.tm.Stop() {
		t.Error("Stop of a fired timer reported true")
	}
}

// TestContextSame: Same tells copies of one context from equal ones made
// apart; the dispatcher stays the last element, where Dispatcher finds it.
func TestContextSame(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	a := Of(CoroutineName("a"), AsElement(rt.Default()))
	b := a
	c := Of(CoroutineName("a"), AsElement(rt.Default()))
	if !a.Same(b) || a.Same(c) || !a.Equal(c) || !EmptyContext.Same(Context{}) {
		t.Errorf("Same: a~b %v, a~c %v, a==c %v", a.Same(b), a.Same(c), a.Equal(c))
	}
	d := a.With(&ExceptionHandler{Text: "h"})
	if d.Dispatcher() != rt.Default() || d.MinusKey(DispatcherKey).Dispatcher() != nil {
		t.Errorf("Dispatcher of %v: %v", d, d.Dispatcher())
	}
}

// TestQueueShrinks: a task queue gives a burst's buffer back once empty.
func TestQueueShrinks(t *testing.T) {
	var q queue
	f := TaskFunc(func(*Thread) {})
	for range 5000 {
		q.push(f)
	}
	for q.len() > 0 {
		q.pop()
	}
	if q.buf != nil {
		t.Errorf("buffer of %d kept", len(q.buf))
	}
	q.push(f)
	if q.pop() == nil || q.buf == nil || len(q.buf) > queueKeep {
		t.Errorf("small queue: buffer %d", len(q.buf))
	}
}
