package sched

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const ms = time.Millisecond

func finishWith(c *co, _ *Thread, err error) { c.finish(nil, err) }

// TestJobStates is seed case job-05-states.
func TestJobStates(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	var o out
	state := func(name string, j *Job) {
		o.printf("%s: isActive=%v, isCompleted=%v, isCancelled=%v", name, j.IsActive(), j.IsCompleted(), j.IsCancelled())
	}
	var strs []string
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		lazy := launch(rt, th, c.ctx, EmptyContext, "LazyStandaloneCoroutine", true, nil, func(lc *co, _ *Thread, _ error) {
			lc.delay(1000*ms, finishWith)
		})
		state("New", lazy.job)
		strs = append(strs, lazy.job.String())
		lazy.job.Start()
		state("Active", lazy.job)
		lazy.job.Cancel(nil)
		state("Cancelling", lazy.job)
		strs = append(strs, lazy.job.String())
		c.join(th, lazy.job, func(c *co, th *Thread, _ error) {
			state("Cancelled", lazy.job)
			strs = append(strs, lazy.job.String())
			parent := launch(rt, th, c.ctx, EmptyContext, "StandaloneCoroutine", false, nil, func(pc *co, th *Thread, _ error) {
				launch(rt, th, pc.ctx, EmptyContext, "StandaloneCoroutine", false, nil, func(cc *co, _ *Thread, _ error) {
					cc.delay(100*ms, finishWith)
				})
				pc.finish(nil, nil)
			})
			c.yield(func(c *co, th *Thread, _ error) {
				state("Completing", parent.job)
				strs = append(strs, parent.job.String())
				c.join(th, parent.job, func(c *co, _ *Thread, _ error) {
					state("Completed", parent.job)
					strs = append(strs, parent.job.String())
					c.finish(nil, nil)
				})
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"New: isActive=false, isCompleted=false, isCancelled=false",
		"Active: isActive=true, isCompleted=false, isCancelled=false",
		"Cancelling: isActive=false, isCompleted=false, isCancelled=true",
		"Cancelled: isActive=false, isCompleted=true, isCancelled=true",
		"Completing: isActive=true, isCompleted=false, isCancelled=false",
		"Completed: isActive=false, isCompleted=true, isCancelled=false",
	}
	if d := cmp.Diff(want, o.get()); d != "" {
		t.Errorf("job-05 (-want +got):\n%s", d)
	}
	h := rt.opts.Hash
	_ = h
	wantStr := []string{"LazyStandaloneCoroutine{New}", "LazyStandaloneCoroutine{Cancelling}", "LazyStandaloneCoroutine{Cancelled}",
		"StandaloneCoroutine{Completing}", "StandaloneCoroutine{Completed}"}
	for i := range strs {
		if j := len(strs[i]) - len("@") - 8; j > 0 {
			strs[i] = strs[i][:indexByte(strs[i], '@')]
		}
	}
	if d := cmp.Diff(wantStr, strs); d != "" {
		t.Errorf("toString (-want +got):\n%s", d)
	}
}

func indexByte(s string, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return len(s)
}

// TestStateTable drives bare jobs through every state.
func TestStateTable(t *testing.T) {
	rt := New(Options{})
	type flags struct {
		State                        string
		Active, Completed, Cancelled bool
	}
	get := func(j *Job) flags {
		return flags{j.State().String(), j.IsActive(), j.IsCompleted(), j.IsCancelled()}
	}
	var got []flags
	lazy := rt.NewCoroutine(JobConfig{Lazy: true})
	got = append(got, get(lazy))
	lazy.Start()
	got = append(got, get(lazy))
	child := rt.NewCoroutine(JobConfig{Parent: lazy})
	lazy.Complete(nil, nil)
	got = append(got, get(lazy))
	child.Cancel(nil)
	got = append(got, get(child)) // body still running
	child.Complete(nil, nil)      // body ends (it ignored the cancellation)
	got = append(got, get(child), get(lazy))
	want := []flags{
		{"New", false, false, false},
		{"Active", true, false, false},
		{"Completing", true, false, false},
		{"Cancelling", false, false, true},
		{"Cancelled", false, true, true},
		{"Completed", false, true, false},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if r, err := child.Result(); r != nil || !isCancel(err) || err.Error() != "StandaloneCoroutine was cancelled" {
		t.Errorf("child result %v, %v", r, err)
	}
	// a lazy job cancelled before it starts completes at once; OnStart never runs
	started := false
	l2 := rt.NewCoroutine(JobConfig{Lazy: true, OnStart: func() { started = true }})
	l2.Cancel(nil)
	if started || l2.State() != StateCancelled || l2.Start() {
		t.Errorf("lazy cancelled: started=%v state=%v", started, l2.State())
	}
}

func TestJobMessages(t *testing.T) {
	rt := New(Options{})
	j := rt.NewJob(nil)
	if _, ok := j.CancellationException(); ok {
		t.Errorf("active job has a cancellation exception")
	}
	j.Cancel(nil)
	e, _ := j.CancellationException()
	ce := e.(*CancellationError)
	if ce.Msg != "Job was cancelled" || ce.Job != j || j.State() != StateCancelled {
		t.Errorf("cancel: %#v, %v", ce, j)
	}
	// a child cancelled by its parent's failure gets "Parent job is
	// Cancelling" with the failure as its cause (kotlinx 1.8, also under
	// a Job()), and that is its getCancellationException
	p := rt.NewJob(nil)
	c := rt.NewCoroutine(JobConfig{Parent: p})
	boom := fail("boom")
	p.Cancel(boom)
	root, _ := c.Cause().(*CancellationError)
	if root == nil || root.Msg != "Parent job is Cancelling" || root.Cause != boom || root.Job != p {
		t.Errorf("child root cause %#v", c.Cause())
	}
	e, _ = c.CancellationException()
	if e != c.Cause() {
		t.Errorf("child cancellation: %#v", e)
	}
	// a failing coroutine's own getCancellationException names its class
	f := rt.NewCoroutine(JobConfig{Name: "StandaloneCoroutine"})
	f.Cancel(boom)
	e, _ = f.CancellationException()
	if ce := e.(*CancellationError); ce.Msg != "StandaloneCoroutine is cancelling" || ce.Cause != boom {
		t.Errorf("failing coroutine: %#v", ce)
	}
	// completed normally
	d := rt.NewCoroutine(JobConfig{Name: "DeferredCoroutine"})
	d.Complete(42, nil)
	e, _ = d.CancellationException()
	if v, err := d.Result(); v != 42 || err != nil || e.(*CancellationError).Msg != "DeferredCoroutine has completed normally" {
		t.Errorf("deferred: %v %v %v", v, err, e)
	}
	// a child of a completed job is cancelled at once
	c2 := rt.NewCoroutine(JobConfig{Parent: d})
	if c2.State() != StateCancelling {
		t.Errorf("child of completed parent: %v", c2.State())
	}
	// debug label
	b := rt.NewCoroutine(JobConfig{Name: "BlockingCoroutine", Label: "coroutine#1"})
	if got, want := b.String(), `"coroutine#1":BlockingCoroutine{Active}@`+rt.opts.Hash(b.ID()); got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// TestPropagation covers the exception rules on bare jobs.
func TestPropagation(t *testing.T) {
	var supp out
	rt := New(Options{AddSuppressed: func(root, other error) { supp.printf("%v <- %v", root, other) }})
	var uncaught out
	handle := func(_ *Job, err error) bool { uncaught.printf("%v", err); return true }
	std := func(p *Job) *Job {
		return rt.NewCoroutine(JobConfig{Parent: p, HandleException: handle})
	}

	// child failure cancels parent and siblings
	root := rt.NewCoroutine(JobConfig{Name: "BlockingCoroutine", Scoped: true})
	a, b := std(root), std(root)
	x := fail("X")
	a.Complete(nil, x)
	if ce, ok := b.Cause().(*CancellationError); !root.IsCancelled() || !b.IsCancelled() || !ok || ce.Msg != "Parent job is Cancelling" || ce.Cause != x {
		t.Errorf("failure did not cancel parent/sibling: %v %v (%v)", root, b, b.Cause())
	}
	// the sibling's finally fails too: suppressed
	y := fail("Y")
	b.Complete(nil, y)
	root.Complete(nil, nil)
	if _, err := root.Result(); err != x {
		t.Errorf("root cause %v, want X", err)
	}
	// kotlinx 1.0.1 cancels b with "Parent job is Cancelling" (cause X),
	// so b fails with Y, which the parent attaches to X
	if _, err := b.Result(); err != y {
		t.Errorf("b failed with %v, want Y", err)
	}
	if d := cmp.Diff([]error{y}, root.Suppressed(), cmp.Comparer(func(a, b error) bool { return a == b })); d != "" {
		t.Errorf("suppressed: %s", d)
	}
	if d := cmp.Diff([]string{"java.lang.RuntimeException: X <- java.lang.RuntimeException: Y"}, supp.get()); d != "" {
		t.Errorf("AddSuppressed: %s", d)
	}
	if got := uncaught.get(); len(got) != 0 {
		t.Errorf("scoped root reported %v", got)
	}

	// cancellation does not cancel the parent
	p := rt.NewCoroutine(JobConfig{HandleException: handle})
	c := std(p)
	c.Cancel(nil)
	c.Complete(nil, nil)
	p.Complete(nil, nil)
	if p.State() != StateCompleted || c.State() != StateCancelled {
		t.Errorf("cancel propagated: %v %v", p, c)
	}

	// supervisor: siblings survive, the failed child reports itself
	sup := rt.NewSupervisorJob(nil)
	s1, s2 := std(sup), std(sup)
	s1.Complete(nil, fail("S"))
	if s2.IsCancelled() || sup.IsCancelled() || !s1.IsCancelled() {
		t.Errorf("supervisor propagated: %v %v", sup, s2)
	}
	if got := uncaught.get(); len(got) != 1 || got[0] != "java.lang.RuntimeException: S" {
		t.Errorf("uncaught = %v", got)
	}
	// Job(): a root JobImpl does not handle exceptions either
	jp := rt.NewJob(nil)
	j1, j2 := std(jp), std(jp)
	j1.Complete(nil, fail("J"))
	if !jp.IsCancelled() || !j2.IsCancelled() {
		t.Errorf("Job() parent not cancelled")
	}
	j2.Complete(nil, nil)
	// reported once, by the failed child: the sibling was cancelled with
	// "Parent job is Cancelling", a cancellation (kotlinx 1.8)
	if got := uncaught.get(); len(got) != 2 || got[1] != "java.lang.RuntimeException: J" || jp.State() != StateCancelled {
		t.Errorf("uncaught = %v, %v", got, jp)
	}
	// handlers registered after completion run at once, exactly once
	n := 0
	jp.InvokeOnCompletion(func(error) { n++ })
	h := sup.InvokeOnCompletion(func(error) { n += 10 })
	h.Dispose()
	sup.Complete(nil, nil)
	s2.Complete(nil, nil)
	if n != 1 || sup.State() != StateCompleted {
		t.Errorf("handlers ran %d, sup %v", n, sup)
	}
}

// TestExceptionsSeeds replays the propagation seed cases on the event loop.
func TestExceptionsSeeds(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	named := func(n string) Context { return Of(CoroutineName(n)) }
	printName := func(o *out) step {
		return func(c *co, th *Thread, err error) {
			if err == nil {
				n, _ := c.ctx.Name()
				o.printf("%s 실행", n)
			}
			c.finish(nil, err)
		}
	}

	// exceptions-01: the failure cancels everything and runBlocking throws
	var o1, u1 out
	_, err := runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		launch(rt, th, c.ctx, named("Coroutine1"), "StandaloneCoroutine", false, &u1, func(c1 *co, th *Thread, _ error) {
			launch(rt, th, c1.ctx, named("Coroutine3"), "StandaloneCoroutine", false, &u1, func(c3 *co, _ *Thread, _ error) {
				c3.finish(nil, fail("Exception"))
			})
			c1.delay(100*ms, printName(&o1))
		})
		launch(rt, th, c.ctx, named("Coroutine2"), "StandaloneCoroutine", false, &u1, func(c2 *co, _ *Thread, _ error) {
			c2.delay(100*ms, printName(&o1))
		})
		c.delay(1000*ms, finishWith)
	})
	if err == nil || err.Error() != "java.lang.RuntimeException: Exception" || len(o1.get())+len(u1.get()) != 0 {
		t.Errorf("exceptions-01: err=%v out=%v uncaught=%v", err, o1.get(), u1.get())
	}

	// exceptions-02: SupervisorJob shared by two launches
	var o2, u2 out
	_, err = runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		sj := rt.NewSupervisorJob(nil)
		launch(rt, th, c.ctx, named("Coroutine1").With(sj), "StandaloneCoroutine", false, &u2, func(c1 *co, th *Thread, _ error) {
			launch(rt, th, c1.ctx, named("Coroutine3"), "StandaloneCoroutine", false, &u2, func(c3 *co, _ *Thread, _ error) {
				c3.finish(nil, fail("Exception"))
			})
			c1.delay(100*ms, printName(&o2))
		})
		launch(rt, th, c.ctx, named("Coroutine2").With(sj), "StandaloneCoroutine", false, &u2, func(c2 *co, _ *Thread, _ error) {
			c2.delay(100*ms, printName(&o2))
		})
		c.delay(400*ms, finishWith)
	})
	if d := cmp.Diff([]string{"Coroutine2 실행", "uncaught: java.lang.RuntimeException: Exception"}, append(o2.get(), u2.get()...)); err != nil || d != "" {
		t.Errorf("exceptions-02: err=%v %s", err, d)
	}

	// exceptions-05: SupervisorJob as the parent of one coroutine does not
	// protect that coroutine's children
	var o5, u5 out
	_, err = runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		launch(rt, th, c.ctx, named("Parent Coroutine").With(rt.NewSupervisorJob(nil)), "StandaloneCoroutine", false, &u5, func(pc *co, th *Thread, _ error) {
			launch(rt, th, pc.ctx, named("Coroutine1"), "StandaloneCoroutine", false, &u5, func(c1 *co, th *Thread, _ error) {
				launch(rt, th, c1.ctx, named("Coroutine3"), "StandaloneCoroutine", false, &u5, func(c3 *co, _ *Thread, _ error) {
					c3.finish(nil, fail("Exception"))
				})
				c1.delay(100*ms, printName(&o5))
			})
			launch(rt, th, pc.ctx, named("Coroutine2"), "StandaloneCoroutine", false, &u5, func(c2 *co, _ *Thread, _ error) {
				c2.delay(100*ms, printName(&o5))
			})
			pc.finish(nil, nil)
		})
		c.delay(400*ms, finishWith)
	})
	if d := cmp.Diff([]string{"uncaught: java.lang.RuntimeException: Exception"}, append(o5.get(), u5.get()...)); err != nil || d != "" {
		t.Errorf("exceptions-05: err=%v %s", err, d)
	}

	// exceptions-09: the root coroutine's handler wins
	var o9 out
	handler := func(tag string) *ExceptionHandler {
		return &ExceptionHandler{Value: func(ctx Context, err error) {
			n := ctx.Get(NameKey)
			o9.printf("%s %v %v", tag, n, err)
		}}
	}
	_, err = runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		scope := Of(handler("Coroutine"), rt.NewJob(nil))
		launch(rt, th, scope, named("Coroutine1").With(handler("Coroutine222")), "StandaloneCoroutine", false, nil, func(c1 *co, th *Thread, _ error) {
			launch(rt, th, c1.ctx, named("Coroutine2"), "StandaloneCoroutine", false, nil, func(c2 *co, _ *Thread, _ error) {
				c2.finish(nil, fail("Coroutine2 Exception"))
			})
			c1.finish(nil, nil)
		})
		c.delay(500*ms, finishWith)
	})
	if d := cmp.Diff([]string{"Coroutine222 CoroutineName(Coroutine1) java.lang.RuntimeException: Coroutine2 Exception"}, o9.get()); err != nil || d != "" {
		t.Errorf("exceptions-09: err=%v %s", err, d)
	}

	// exceptions-11: invokeOnCompletion sees a CancellationException
	var o11 out
	_, err = runBlocking(rt, "main", EmptyContext, func(c *co, th *Thread, _ error) {
		j := launch(rt, th, c.ctx, EmptyContext, "StandaloneCoroutine", false, nil, func(jc *co, _ *Thread, _ error) {
			jc.delay(10*ms, finishWith)
		})
		j.job.InvokeOnCompletion(func(cause error) { o11.printf("%v", isCancel(cause)) })
		j.job.Cancel(nil)
		c.finish(nil, nil)
	})
	if d := cmp.Diff([]string{"true"}, o11.get()); err != nil || d != "" {
		t.Errorf("exceptions-11: err=%v %s", err, d)
	}
}
