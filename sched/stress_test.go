package sched

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestStressLaunchCancel launches thousands of coroutines on Default with
// children and delays, cancels a third of them from IO, and makes one
// fail in some rounds; every completion must be seen exactly once,
// runBlocking must return, and Close must leave no goroutine behind.
func TestStressLaunchCancel(t *testing.T) {
	n, rounds := 2000, 6
	if testing.Short() || raceEnabled {
		n, rounds = 500, 3
	}
	base := runtime.NumGoroutine()
	for round := 0; round < rounds; round++ {
		rt := New(Options{VirtualTime: true})
		var completions atomic.Int64
		var jobs []*Job
		var mu sync.Mutex
		failRound := round%2 == 1
		var failing *Job
		body := func(c *co, th *Thread, _ error) {
			for i := 0; i < n; i++ {
				i := i
				x := launch(rt, th, c.ctx, Of(AsElement(rt.Default())), "StandaloneCoroutine", false, nil, func(w *co, th *Thread, _ error) {
					if i%5 == 0 {
						ch := launch(rt, th, w.ctx, EmptyContext, "StandaloneCoroutine", false, nil, func(cc *co, _ *Thread, _ error) {
							cc.delay(time.Duration(i%3)*ms, finishWith)
						})
						ch.job.InvokeOnCompletion(func(error) { completions.Add(1) })
						mu.Lock()
						jobs = append(jobs, ch.job)
						mu.Unlock()
					}
					w.delay(time.Duration(i%7)*ms, func(w *co, _ *Thread, err error) {
						if err == nil && failRound && i == n/2 {
							err = fail("boom")
						}
						w.finish(nil, err)
					})
				})
				x.job.InvokeOnCompletion(func(error) { completions.Add(1) })
				if i == n/2 {
					failing = x.job
				}
				mu.Lock()
				jobs = append(jobs, x.job)
				mu.Unlock()
			}
			mu.Lock()
			snapshot := append([]*Job(nil), jobs...)
			mu.Unlock()
			launch(rt, th, c.ctx, Of(AsElement(rt.IO())), "StandaloneCoroutine", false, nil, func(k *co, _ *Thread, _ error) {
				for i := 0; i < len(snapshot); i += 3 {
					if snapshot[i] != failing {
						snapshot[i].Cancel(nil)
					}
				}
				k.finish(nil, nil)
			})
			c.finish(nil, nil)
		}
		done := make(chan error, 1)
		go func() {
			_, err := runBlocking(rt, "main", EmptyContext, body)
			done <- err
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(60 * time.Second):
			buf := make([]byte, 1<<20)
			t.Fatalf("round %d hangs; activity %+v\n%s", round, rt.Activity(), buf[:runtime.Stack(buf, true)])
		}
		if failRound {
			if err == nil || err.Error() != "java.lang.RuntimeException: boom" {
				t.Errorf("round %d: err = %v", round, err)
			}
		} else if err != nil {
			t.Errorf("round %d: err = %v", round, err)
		}
		mu.Lock()
		total := len(jobs)
		for _, j := range jobs {
			if !j.IsCompleted() {
				t.Fatalf("round %d: %v not completed", round, j)
			}
		}
		mu.Unlock()
		// a parent may complete while the completion handlers of its last
		// children still run on other threads (as in kotlinx): give them
		// a moment
		for i := 0; i < 500 && completions.Load() != int64(total); i++ {
			time.Sleep(time.Millisecond)
		}
		if got := completions.Load(); got != int64(total) {
			t.Errorf("round %d: %d completions, want %d", round, got, total)
		}
		rt.Close()
		waitGoroutines(t, base)
	}
}

// TestStressJobRaces hammers one parent with concurrent attach, cancel
// and complete from many goroutines.
func TestStressJobRaces(t *testing.T) {
	rt := New(Options{})
	for round := 0; round < 50; round++ {
		var reported atomic.Int64
		parent := rt.NewCoroutine(JobConfig{Name: "ScopeCoroutine", Scoped: true})
		var completed atomic.Int64
		parent.InvokeOnCompletion(func(error) { completed.Add(1) })
		var wg sync.WaitGroup
		children := make([]*Job, 200)
		for i := range children {
			children[i] = rt.NewCoroutine(JobConfig{Parent: parent, HandleException: func(*Job, error) bool { reported.Add(1); return true }})
		}
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := g; i < len(children); i += 8 {
					switch i % 4 {
					case 0:
						children[i].Cancel(nil)
						children[i].Complete(nil, nil)
					case 1:
						children[i].Complete(nil, nil)
					case 2:
						if i == 42 {
							children[i].Complete(nil, fail("x"))
						} else {
							children[i].Complete(nil, nil)
						}
					case 3:
						children[i].InvokeOnCancelling(func(error) {})
						children[i].Complete(nil, nil)
					}
				}
			}(g)
		}
		wg.Add(1)
		go func() { defer wg.Done(); parent.Complete(nil, nil) }()
		wg.Wait()
		if !parent.IsCompleted() || completed.Load() != 1 {
			t.Fatalf("round %d: parent %v, completions %d", round, parent, completed.Load())
		}
		if _, err := parent.Result(); err == nil || err.Error() != "java.lang.RuntimeException: x" {
			t.Fatalf("round %d: parent cause %v", round, err)
		}
		if reported.Load() != 0 {
			t.Fatalf("a child reported an exception its scoped parent handles")
		}
	}
}
