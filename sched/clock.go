package sched

import (
	"sync"
	"time"
)

// Clock is the runtime's time source. Now is monotonic (time since the
// clock was created); UnixMilli is the wall clock that
// System.currentTimeMillis reads, and UnixNano feeds System.nanoTime. Both
// move together: UnixMilli() == start wall time + Now(). All methods are
// safe from any goroutine.
type Clock interface {
	Now() time.Duration
	UnixMilli() int64
	UnixNano() int64
}

// RealClock follows the machine's monotonic clock.
type RealClock struct {
	start     time.Time
	startUnix int64 // ns
}

// NewRealClock returns a real clock starting now.
func NewRealClock() *RealClock {
	now := time.Now()
	return &RealClock{start: now, startUnix: now.UnixNano()}
}

// Now returns the time elapsed since the clock was created.
func (c *RealClock) Now() time.Duration { return time.Since(c.start) }

// UnixMilli returns the wall clock in milliseconds since the Unix epoch.
func (c *RealClock) UnixMilli() int64 { return c.UnixNano() / 1e6 }

// UnixNano returns the wall clock in nanoseconds since the Unix epoch.
func (c *RealClock) UnixNano() int64 { return c.startUnix + int64(c.Now()) }

// VirtualClock is the clock of a runtime created with Options.VirtualTime.
//
// Virtual time = the time of the last jump + the real time elapsed since
// that jump. So it flows like real time while anything runs (a script
// spinning on Dispatchers.Default until currentTimeMillis passes a
// deadline terminates, and a timer falls due while a worker is busy, as
// with a real clock), and whenever the whole runtime is idle (no task
// queued or running anywhere, no host operation outstanding) the runtime
// makes it jump straight to the next timer's deadline. A program that
// only waits runs in microseconds with the interleaving it has on a real
// clock, and elapsed times read from it are the sums of the delays plus
// the (small) real time spent computing. Now never goes backwards.
type VirtualClock struct {
	mu        sync.Mutex
	base      time.Duration // virtual time at the last jump
	realAt    time.Time     // real time of the last jump
	startUnix int64         // ns
}

// NewVirtualClock returns a virtual clock at 0 whose wall clock starts at
// the current real wall time.
func NewVirtualClock() *VirtualClock {
	now := time.Now()
	return &VirtualClock{realAt: now, startUnix: now.UnixNano()}
}

// Now returns the virtual time.
func (c *VirtualClock) Now() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base + time.Since(c.realAt)
}

// UnixMilli returns the virtual wall clock in milliseconds.
func (c *VirtualClock) UnixMilli() int64 { return c.UnixNano() / 1e6 }

// UnixNano returns the virtual wall clock in nanoseconds.
func (c *VirtualClock) UnixNano() int64 { return c.startUnix + int64(c.Now()) }

// AdvanceTo moves the virtual time forward to at least d (never back).
// The runtime calls it when it is idle; tests may call it too.
func (c *VirtualClock) AdvanceTo(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if cur := c.base + now.Sub(c.realAt); d > cur {
		c.base, c.realAt = d, now
	}
}
