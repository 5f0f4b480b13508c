package sched

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type hostKey struct{}

type hostElem struct{ v string }

func (hostElem) Key() Key         { return hostKey{} }
func (h hostElem) String() string { return "Host(" + h.v + ")" }

func TestContextPrinting(t *testing.T) {
	rt := New(Options{})
	defer rt.Close()
	job := rt.NewJob(nil)
	sj := rt.NewSupervisorJob(nil)
	def := AsElement(rt.Default())
	hash := rt.opts.Hash
	got := []string{
		EmptyContext.String(),
		Of(CoroutineName("x")).String(),
		CoroutineName("x").String(),
		Of(CoroutineName("a"), def, job).String(),
		Of(def, CoroutineName("a"), CoroutineName("b")).String(),
		Of(CoroutineName("a"), job, CoroutineName("b")).String(),
		Of(CoroutineName("a"), hostElem{"h"}, def).Plus(Of(CoroutineName("b"), AsElement(rt.IO()))).String(),
		Of(CoroutineName("a"), job).MinusKey(JobKey).String(),
		Of(job).MinusKey(JobKey).String(),
		job.String(),
		sj.String(),
		rt.Default().String(),
		rt.Unconfined().String(),
	}
	want := []string{
		"EmptyCoroutineContext",
		"CoroutineName(x)",
		"CoroutineName(x)",
		"[CoroutineName(a), JobImpl{Active}@" + hash(job.ID()) + ", Dispatchers.Default]",
		"[CoroutineName(b), Dispatchers.Default]",
		"[JobImpl{Active}@" + hash(job.ID()) + ", CoroutineName(b)]",
		"[Host(h), CoroutineName(b), Dispatchers.IO]",
		"CoroutineName(a)",
		"EmptyCoroutineContext",
		"JobImpl{Active}@" + hash(job.ID()),
		"SupervisorJobImpl{Active}@" + hash(sj.ID()),
		"Dispatchers.Default",
		"Dispatchers.Unconfined",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("printing (-want +got):\n%s", d)
	}
}

func TestContextOps(t *testing.T) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	// ctxelem-01: Dispatchers.IO + CoroutineName("MyCoroutine")
	c := Of(AsElement(rt.IO()), CoroutineName("MyCoroutine"))
	if got := c.Get(NameKey); got != CoroutineName("MyCoroutine") {
		t.Errorf("c[CoroutineName] = %v", got)
	}
	if c.Dispatcher() != rt.IO() {
		t.Errorf("c[ContinuationInterceptor] is not IO")
	}
	if c.Job() != nil {
		t.Errorf("c[Job] = %v, want nil", c.Job())
	}
	// ctxelem-02: overwrite
	n := Of(CoroutineName("MyCoroutine")).Plus(Of(CoroutineName("NewCoroutine")))
	if name, _ := n.Name(); name != "NewCoroutine" || n.Len() != 1 {
		t.Errorf("overwrite: %v", n)
	}
	// ctxelem-03: minusKey
	job := rt.NewJob(nil)
	ctx := Of(CoroutineName("MyCoroutine"), job)
	nc := ctx.MinusKey(JobKey)
	if ctx.Job() != job || nc.Job() != nil || !nc.Equal(Of(CoroutineName("MyCoroutine"))) {
		t.Errorf("minusKey: %v -> %v", ctx, nc)
	}
	if ctx.MinusKey(hostKey{}).Len() != 2 {
		t.Errorf("minusKey of an absent key changed the context")
	}
	// fold order, host elements, exception handler
	h := &ExceptionHandler{Value: 42, Text: "Handler@1"}
	all := Of(hostElem{"1"}, AsElement(rt.Default()), h, CoroutineName("n"))
	names := all.Fold("", func(acc any, e Element) any { return acc.(string) + e.String() + ";" })
	if names != "Host(1);Handler@1;CoroutineName(n);Dispatchers.Default;" {
		t.Errorf("fold = %q", names)
	}
	if all.ExceptionHandler() != h || all.Get(hostKey{}) != (hostElem{"1"}) {
		t.Errorf("get of handler/host element failed")
	}
	if !Of().IsEmpty() || EmptyContext.Plus(all).String() != all.String() || all.Plus(EmptyContext).Len() != 4 {
		t.Errorf("empty context identities")
	}
	// an adopted host dispatcher is found as the dispatcher
	host := rt.Adopt(rt.NewSingleThread("H"))
	defer host.Close()
	if Of(AsElement(host)).Dispatcher() != host {
		t.Errorf("adopted dispatcher not found")
	}
}
