package coroutines

// Time: delay (a coroutine's own timer), yield, awaitCancellation,
// withTimeout and withTimeoutOrNull.

import (
	"strconv"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
)

// millis converts a script's milliseconds to a duration, saturating (a
// delay of Long.MAX_VALUE means forever).
func millis(ms int64) time.Duration {
	const max = int64(100 * 365 * 24 * time.Hour / time.Millisecond)
	if ms > max {
		ms = max
	}
	return time.Duration(ms) * time.Millisecond
}

// msArg reads a delay or timeout argument: milliseconds as a Long, or a
// kotlin.time.Duration (rounded up to whole milliseconds, as kotlinx's
// toDelayMillis does; Duration.INFINITE is forever).
func msArg(v interp.Value) int64 {
	if ms, ok := stdlib.DurationMillis(v); ok {
		return ms
	}
	return v.ToInt64()
}

// delay suspends the coroutine for d.
func (r *crt) delay(co *interp.Coroutine, d time.Duration) (interp.Value, error) {
	c, err := current(co, "delay")
	if err != nil {
		return interp.Null, err
	}
	if d <= 0 {
		return interp.Unit, nil
	}
	if c.job.IsCancelled() {
		return interp.Null, c.cancellationException()
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	c.sleep(gen, d)
	c.park()
	return interp.Null, interp.ErrSuspend
}

// sleep arms a timer that resumes suspension gen after d: tm, unless
// it is still busy with an earlier suspension's (then one of its own).
// The caller holds the GIL.
func (c *Coro) sleep(gen uint32, d time.Duration) {
	if c.has(fTbusy) {
		c.ext().timer = c.r.rt.AfterFunc(d, c.dispatcher(), func(t *sched.Thread) { c.wake(t, gen, false) })
		return
	}
	c.set(fTbusy, true)
	c.tgen = gen
	c.r.rt.StartTimer(&c.tm, d, (*coroTimer)(c))
	c.set(fWtm, true)
}

// Run implements sched.Task: the delay is over; the coroutine's
// dispatcher gets coroWake (Unconfined: it runs here, on the timer
// thread).
func (t *coroTimer) Run(th *sched.Thread) {
	c := (*Coro)(t)
	sched.DispatchOrRun(c.dispatcher(), th, (*coroWake)(c))
}

// Run implements sched.Task: tm's delay of suspension tgen is over.
func (t *coroWake) Run(th *sched.Thread) { (*Coro)(t).wake(th, 0, true) }

// wake ends a delay: it resumes suspension gen (with tm, the one tm
// was started for, and tm is no longer busy) with Unit on thread t,
// unless it was resumed already. run takes the GIL itself (t may be
// nil), so wake lets go of it first.
func (c *Coro) wake(t *sched.Thread, gen uint32, tm bool) {
	s := c.r.enter(t)
	if tm {
		c.set(fTbusy, false)
		gen = c.tgen
	}
	ok := c.claim(gen, interp.Unit, nil)
	c.r.leave(s)
	if ok {
		c.run(t)
	}
}

// awaitCancellation suspends until the coroutine is cancelled, then
// throws its CancellationException: no timer, nothing but the
// cancellation resumes it.
func (r *crt) awaitCancellation(co *interp.Coroutine) (interp.Value, error) {
	c, err := currentActive(co, "awaitCancellation")
	if err != nil {
		return interp.Null, err
	}
	if _, err := c.suspend(co, true); err != nil {
		return interp.Null, err
	}
	c.park()
	return interp.Null, interp.ErrSuspend
}

// yield gives the thread to the other coroutines of the dispatcher.
func (r *crt) yield(co *interp.Coroutine) (interp.Value, error) {
	c, err := currentActive(co, "yield")
	if err != nil {
		return interp.Null, err
	}
	d := c.dispatcher()
	if !d.IsDispatchNeeded() {
		return interp.Unit, nil
	}
	if _, err := c.suspend(co, true); err != nil {
		return interp.Null, err
	}
	// the resumption is already on its way: only a cancellation before
	// the coroutine runs again changes it (checked by run)
	c.wstate = waitUnit
	d.Dispatch((*coroTask)(c))
	return interp.Null, interp.ErrSuspend
}

// newTimeout makes kotlinx's TimeoutCancellationException.
func (r *crt) newTimeout(d time.Duration, job *sched.Job) error {
	ms := d.Milliseconds()
	e := r.in.NewError("kotlinx.coroutines.TimeoutCancellationException", "Timed out waiting for "+strconv.FormatInt(ms, 10)+" ms").(*interp.Exception)
	e.SetData(job)
	return e
}

// installDelay defines delay, yield and the timeouts.
func (r *crt) installDelay() {
	in := r.in
	defineSuspend(in, "delay", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.delay(co, millis(msArg(args[0])))
	}, "timeMillis")
	defineSuspend(in, "yield", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.yield(co)
	})
	defineSuspend(in, "awaitCancellation", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return r.awaitCancellation(co)
	})
	timeout := func(orNull bool) nfn {
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			ms := msArg(args[0])
			if ms <= 0 {
				if orNull {
					return interp.Null, nil
				}
				return interp.Null, co.Errorf("kotlinx.coroutines.TimeoutCancellationException", "Timed out immediately")
			}
			return r.scoped(co, scopedKind{name: "TimeoutCoroutine", timeout: millis(ms),
				orNull: orNull}, sched.EmptyContext, args[1])
		}
	}
	defineSuspend(in, "withTimeout", timeout(false), "timeMillis", "block")
	defineSuspend(in, "withTimeoutOrNull", timeout(true), "timeMillis", "block")
}
