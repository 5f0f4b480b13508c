package interp

import (
	"errors"
	"fmt"
)

// ErrSuspend is returned by a NativeFunc that has suspended its coroutine
// (see Coroutine.Suspend). The VM leaves the run loop at once, keeping the
// coroutine's frames on its heap stack.
var ErrSuspend = errors.New("coroutine suspended")

// Status tells how a call to Coroutine.Run ended.
type Status uint8

// Run outcomes.
const (
	Done      Status = iota // the outermost frame returned; see Result
	Suspended               // a native suspended; resume with Resume or ResumeWithException
	Failed                  // an exception escaped the outermost frame; see Err
)

// Coroutine is the VM state of one script coroutine: a heap stack of values
// and frames. It owns no goroutine: Run executes it on the calling
// goroutine until it completes or suspends, and a suspended coroutine costs
// only its stack.
//
// A Coroutine is not synchronised. It must be run by one goroutine at a
// time, and its methods other than Run belong to that goroutine — in
// practice the natives it calls, which receive it — or, for Resume and
// ResumeWithException, to whoever wakes it while it is suspended. Data is
// set by the host or runtime that drives it.
type Coroutine struct {
	in     *Interp
	stack  []Value
	sp     int
	frames []frame
	frame0 [1]frame // frames' first backing array (one allocation less)

	// err is the exception a suspended call resumes with (after
	// ResumeWithException), then the one the coroutine failed with; the
	// result of a completed coroutine is kept in stack[0]
	err error
	// Data is free for the host and the runtime (the coroutine's Job).
	Data any

	budget int32 // calls and back jumps until the next tick
	quota  int32 // what budget was at the last tick (0 before the first)
	// syncDepth counts nested CallSync activations; natives cannot
	// suspend while it is non-zero.
	syncDepth int32
	// goDepth counts Go-side recursion (see maxGoDepth).
	goDepth int32

	status    Status
	pending   bool // a native suspended and has not been resumed yet
	resumed   bool // Resume was called; the value is on the stack
	yielded   bool // suspended at a loop's back jump (see SetYieldHook): a Resume brings no value
	start     bool // Run has not been called yet
	startThis bool // the start function has a receiver (in the stack, above the arguments)
}

// Interp returns the interpreter the coroutine belongs to.
func (co *Coroutine) Interp() *Interp { return co.in }

// NewCoroutine returns a coroutine that will call fn (a script function
// or a native) with args when Run is first called. It does not run
// anything: the error is reserved
// and currently always nil.
func (in *Interp) NewCoroutine(fn Value, args ...Value) (*Coroutine, error) {
	co := new(Coroutine)
	in.InitCoroutine(co, fn, nil, args)
	return co, nil
}

// NewCoroutineThis returns a coroutine that will call fn with receiver
// this (a lambda with receiver, `suspend CoroutineScope.() -> T`) and args
// when Run is first called.
func (in *Interp) NewCoroutineThis(fn Value, this Value, args ...Value) (*Coroutine, error) {
	co := new(Coroutine)
	in.InitCoroutine(co, fn, &this, args)
	return co, nil
}

// InitCoroutine sets up co (typically embedded in a host's struct, so
// that a coroutine costs one allocation less) as NewCoroutineThis does,
// without a receiver when this is nil. co must not be running; whatever
// it held is dropped, Data included.
func (in *Interp) InitCoroutine(co *Coroutine, fn Value, this *Value, args []Value) {
	// size the stack for the start function so that a small suspended
	// coroutine costs little; it grows on demand
	size := 1 + len(args)
	if cl, ok := fn.o.(*Closure); ok {
		size = 1 + cl.fn.nlocals + cl.fn.maxStack
	}
	if this != nil {
		// the receiver waits above the arguments until Run
		size = max(size, 2+len(args))
	}
	*co = Coroutine{in: in, stack: make([]Value, size)}
	co.frames = co.frame0[:0]
	co.stack[0] = fn
	copy(co.stack[1:], args)
	if this != nil {
		co.stack[1+len(args)] = *this
		co.startThis = true
	}
	co.sp = 1 + len(args)
	co.start = true
}

// ensure grows the stack so that it holds at least n values.
func (co *Coroutine) ensure(n int) error {
	if n <= len(co.stack) {
		return nil
	}
	size := 2 * len(co.stack)
	for size < n {
		size *= 2
	}
	s := make([]Value, size)
	copy(s, co.stack[:co.sp])
	co.stack = s
	return nil
}

// Result returns the value the coroutine completed with (when Status is
// Done).
func (co *Coroutine) Result() Value {
	if co.status != Done || len(co.stack) == 0 {
		return Null
	}
	return co.stack[0]
}

// Err returns the error the coroutine failed with (when Status is
// Failed): an *Exception, or an uncatchable *Interrupted.
func (co *Coroutine) Err() error { return co.err }

// Status returns how the last Run ended.
func (co *Coroutine) Status() Status { return co.status }

// Suspend is called by a NativeFunc that wants to suspend its coroutine:
// it must then return ErrSuspend, and later (from any goroutine, once)
// arrange for Resume or ResumeWithException to be called followed by Run
// on the coroutine's dispatcher. It fails when the native was called from
// Go through CallSync (a non-inline call), where no suspension is possible.
func (co *Coroutine) Suspend() error {
	if co.syncDepth > 0 {
		return co.in.NewError("java.lang.IllegalStateException",
			"a suspend function was called from a lambda that a built-in calls directly (not inline); it cannot suspend there")
	}
	co.pending = true
	return nil
}

// Resume delivers the value of the suspended call. Run continues after
// it. Call it once per suspension, while the coroutine is suspended and
// not running, and before the next Run.
func (co *Coroutine) Resume(v Value) {
	co.pending = false
	co.resumed = true
	co.err = nil
	if !co.yielded {
		co.stack[co.sp] = v
	}
}

// ResumeWithException makes the suspended call throw err (converted as
// a native's error is, see NativeFunc). Run continues by unwinding to the
// nearest handler. The same rules as for Resume apply.
func (co *Coroutine) ResumeWithException(err error) {
	co.pending = false
	co.resumed = true
	co.err = err
}

// IsSuspended reports whether the coroutine waits for Resume.
func (co *Coroutine) IsSuspended() bool { return co.pending }

// Run executes the coroutine until it completes, fails or suspends.
// An internal error of the interpreter (a Go panic) fails the coroutine
// with a java.lang.InternalError instead of crashing the host.
func (co *Coroutine) Run() (st Status) {
	defer func() {
		if r := recover(); r != nil {
			st = co.finish(Null, co.in.NewError("java.lang.InternalError", fmt.Sprintf("ktcoro internal error: %v", r)))
		}
	}()
	if co.start {
		co.start = false
		argc := co.sp - 1 // as InitCoroutine left it
		co.frames = co.frames[:0]
		var this *Value
		if co.startThis {
			co.startThis = false
			t := co.stack[1+argc]
			co.stack[1+argc] = Null
			this = &t
		}
		if err := co.callValueThis(co.stack[0], 1, argc, nil, this); err != nil {
			return co.finish(Null, err)
		}
		if len(co.frames) == 0 { // a native completed at once
			return co.finish(co.stack[0], nil)
		}
	} else if co.resumed {
		co.resumed = false
		if co.err != nil {
			err := co.err
			co.err = nil
			exc := co.toException(err)
			if !co.unwind(exc, 0) {
				return co.finish(Null, exc)
			}
		} else if co.yielded {
			co.yielded = false // the loop goes on: nothing to push
		} else {
			co.sp++
		}
	} else if co.pending {
		return Suspended
	}
	v, err := co.run(0)
	if err == ErrSuspend {
		co.status = Suspended
		return Suspended
	}
	return co.finish(v, err)
}

func (co *Coroutine) finish(v Value, err error) Status {
	// charge the steps since the last tick (a short coroutine never ticks
	// again after its first step)
	if used := int64(co.quota) - int64(co.budget); used > 0 {
		co.in.steps.Add(used)
		co.budget = co.quota
	}
	co.err = err
	if err != nil {
		co.status = Failed
		co.stack = nil
	} else {
		co.status = Done
		// keep the result in a one-slot stack (the small one itself)
		if cap(co.stack) > 4 {
			co.stack = make([]Value, 1)
		}
		co.stack = co.stack[:1]
		co.stack[0] = v
	}
	co.frames = nil
	return co.status
}

// CallSync calls a script or native function from Go and waits for its
// result. The callee must not suspend (doing so raises a script error):
// built-ins that call lambdas which may suspend are written in the prelude
// instead. It is safe only on the goroutine currently running co.
func (co *Coroutine) CallSync(fn Value, args ...Value) (Value, error) {
	return co.callSync(fn, Null, false, args)
}

// CallMethodSync calls a method value (a script method or a native) with
// an explicit receiver this, as CallSync does.
func (co *Coroutine) CallMethodSync(fn Value, this Value, args ...Value) (Value, error) {
	return co.callSync(fn, this, true, args)
}

func (co *Coroutine) callSync(fn Value, this Value, hasThis bool, args []Value) (Value, error) {
	if n, ok := fn.o.(*Native); ok {
		// a native calling natives by name (a built-in member that calls
		// iterator(), which a script class inherits from the same
		// built-in) must not recurse without bound on the Go stack
		if co.goDepth >= maxGoDepth {
			return Null, co.in.NewError("java.lang.StackOverflowError", "")
		}
		co.goDepth++
		defer func() { co.goDepth-- }()
		if hasThis {
			return callNative(co, n, this, args)
		}
		if n.hasBound {
			return callNative(co, n, n.bound, args)
		}
		return callNative(co, n, Null, args)
	}
	// The run loops below this call hold pointers into the frame and
	// value arrays; if the nested run grows them, the callers must go on
	// with the arrays they know. The nested frames are gone when it
	// returns, so the old arrays hold everything still live.
	savedStack, savedFrames := co.stack, co.frames
	defer func() {
		if len(co.frames) >= len(savedFrames) {
			co.frames = savedFrames
		}
		co.stack = savedStack
	}()
	base := co.sp
	if base+1+len(args)+8 > len(co.stack) {
		// growing here would move the caller's values: grow into a fresh
		// array that the deferred restore drops again
		if err := co.ensure(base + 1 + len(args) + 8); err != nil {
			return Null, err
		}
	}
	co.stack[base] = fn
	copy(co.stack[base+1:], args)
	co.sp = base + 1 + len(args)
	depth := len(co.frames)
	if co.syncDepth >= maxGoDepth {
		co.sp = base
		return Null, co.in.NewError("java.lang.StackOverflowError", "")
	}
	co.syncDepth++
	defer func() { co.syncDepth-- }()
	var thisp *Value
	if hasThis {
		thisp = &this
	}
	if err := co.callValueThis(fn, base+1, len(args), nil, thisp); err != nil {
		co.sp = base
		return Null, err
	}
	if len(co.frames) == depth { // completed without a frame (native or class)
		v := co.stack[base]
		co.sp = base
		return v, nil
	}
	co.frames[len(co.frames)-1].floor = true
	v, err := co.run(depth)
	co.sp = base
	if err == ErrSuspend {
		return Null, co.in.NewError("java.lang.IllegalStateException", "suspension inside a non-inline call")
	}
	return v, err
}

// Errorf returns a script exception (an *Exception) of the given class (a
// qualified or simple built-in exception class name; unknown names give
// java.lang.RuntimeException) with a formatted message and co's stack
// trace; a native returns it to throw it.
func (co *Coroutine) Errorf(class string, format string, args ...any) error {
	return co.in.newErrorCo(co, class, fmt.Sprintf(format, args...))
}

// Release drops what a finished coroutine holds (its stack and frames;
// the result too unless keepResult), for a host that keeps the Coroutine
// embedded in a longer-lived struct; the coroutine must not be run again.
func (co *Coroutine) Release(keepResult bool) {
	co.frames, co.err = nil, nil
	co.frame0 = [1]frame{}
	if !keepResult || co.status != Done {
		co.stack = nil
	}
}

// ResumesWithException reports whether the coroutine was resumed with
// ResumeWithException and has not run since.
func (co *Coroutine) ResumesWithException() bool { return co.resumed && co.err != nil }

// ResumeValue returns the value a Resume gave the suspended call, before
// it runs again (Null when none).
func (co *Coroutine) ResumeValue() Value {
	if !co.resumed || co.err != nil {
		return Null
	}
	return co.stack[co.sp]
}

// yieldNow is asked at a loop's back jump when the step budget ran out
// (fr.pc and co.sp saved): it reports whether the yield hook suspended
// the coroutine there (see SetYieldHook). A coroutine running a lambda a
// built-in calls directly cannot stop.
func (co *Coroutine) yieldNow() bool {
	h := co.in.yieldHook
	if h == nil || co.syncDepth > 0 || !h(co) {
		return false
	}
	co.yielded = true
	return true
}
