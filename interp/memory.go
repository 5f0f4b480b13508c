package interp

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// ValueBytes is the size of a Value in a slice, for the estimates given
// to Coroutine.CheckAlloc.
const ValueBytes = 24

// memBudget accounts the memory a run holds for Options.MaxMemory: used
// is the heap growth measured at the last check plus what natives
// charged since.
type memBudget struct {
	mu   sync.Mutex   // orders checks
	used atomic.Int64 // bytes held, as estimated
	base atomic.Int64 // live heap bytes when accounting began
	// nextPoll is the step count (Interp.Steps) from which a tick
	// measures the heap again
	nextPoll atomic.Int64
}

// heap metrics: the bytes of live and not yet swept heap objects (an
// upper bound, cheap to read), and the live bytes found by the last GC.
const (
	metricHeapObjects = "/memory/classes/heap/objects:bytes"
	metricHeapLive    = "/gc/heap/live:bytes"
)

// readHeap returns the value of one of the heap metrics.
func readHeap(name string) int64 {
	s := [1]metrics.Sample{{Name: name}}
	metrics.Read(s[:])
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// ResetMemory starts the accounting of Options.MaxMemory afresh: the
// heap the process holds now (as of its last garbage collection) is not
// charged to scripts. The root package calls it when a run begins.
// Safe from any goroutine.
func (in *Interp) ResetMemory() {
	in.mem.mu.Lock()
	in.mem.base.Store(readHeap(metricHeapLive))
	in.mem.used.Store(0)
	in.mem.mu.Unlock()
}

// MemoryUsed returns the bytes scripts hold according to the MaxMemory
// accounting (0 without MaxMemory). Safe from any goroutine.
func (in *Interp) MemoryUsed() int64 { return in.mem.used.Load() }

// Steps returns the steps (calls, backward jumps and the work of
// natives, see Coroutine.Work) the coroutines of the interpreter have
// executed, charged at every tick and when a coroutine completes. Safe
// from any goroutine.
func (in *Interp) Steps() int64 { return in.steps.Load() }

// chargeMemory adds b bytes a native running in co is about to allocate
// to the budget, and checks the heap when the estimate passes MaxMemory.
func (co *Coroutine) chargeMemory(b int64) error {
	in := co.in
	lim := in.opts.MaxMemory
	if lim <= 0 || b <= 0 {
		return nil
	}
	if in.mem.used.Add(b) <= lim {
		return nil
	}
	return co.checkMemory(b)
}

// pollMemory runs at every tick of co: it measures the heap when it may
// have grown past the budget by the work of script code.
func (co *Coroutine) pollMemory() error {
	in := co.in
	lim := in.opts.MaxMemory
	if readHeap(metricHeapObjects)-in.mem.base.Load() <= lim && in.mem.used.Load() <= lim {
		return nil
	}
	return co.checkMemory(0)
}

// checkMemory measures the heap growth, collecting garbage first when
// the cheap measure is over the budget, with pending bytes about to be
// allocated; past MaxMemory it returns the limit's error (co is the
// coroutine that was running, for OnMemoryLimit).
func (co *Coroutine) checkMemory(pending int64) error {
	in := co.in
	lim := in.opts.MaxMemory
	in.mem.mu.Lock()
	base := in.mem.base.Load()
	used := max(readHeap(metricHeapObjects)-base, 0)
	if used+pending > lim {
		runtime.GC()
		used = max(readHeap(metricHeapLive)-base, 0)
	}
	in.mem.used.Store(used + pending)
	in.mem.mu.Unlock()
	if used+pending <= lim {
		return nil
	}
	if h := in.opts.OnMemoryLimit; h != nil {
		return h(co, used+pending)
	}
	return &Interrupted{Reason: fmt.Sprintf("memory limit exceeded (%d bytes)", lim)}
}
