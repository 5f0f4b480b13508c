package interp

// Script values seen from the host: Value.String (the script's
// toString()) and Value.Export (a plain Go value), and how host code
// runs script code safely to compute them.
//
// Script code of an interpreter runs under its lock (the coroutine
// runtime's, installed with SetLocker). A host goroutine that wants to
// run some (a toString() override, a lambda converted to a Go func) takes
// that lock, waiting for running script code to let it in, and runs on a
// coroutine of its own. The one exception is the goroutine of a Go
// function a script is calling (NewGoFunc): it already holds the lock,
// and taking it again would wait for itself. While such a function runs,
// its wrapper lends the calling coroutine to the interpreter (see lend);
// host code then borrows it, one caller at a time, and runs nested on it
// as a built-in calling a lambda does.

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ktcoro/ktcoro/lang"
)

// embedState is the per-interpreter state of the embedding hooks.
type embedState struct {
	// lent is the coroutine of the Go function scripts are calling now
	// (nil: none), see lend.
	lent atomic.Pointer[hostCall]
	// locker runs a function under the interpreter's lock (SetLocker).
	locker func(func())
	// caller calls a script function from a host goroutine as a run of
	// its own (SetHostCaller).
	caller func(ctx context.Context, fn Value, args []Value) (Value, error)
}

// hostCall is a coroutine lent by a running Go function: mu is held by
// whoever runs script code on co.
type hostCall struct {
	mu sync.Mutex
	co *Coroutine
}

// SetLocker installs lock, which calls its argument while no script code
// of the interpreter runs (the coroutine runtime installs its lock):
// Value.String, Value.Export and the Go funcs FromValue makes of script
// functions take it before they run script code or read script objects.
// Without one they run without a lock. Not safe once scripts run.
func (in *Interp) SetLocker(lock func(fn func())) { in.embed.locker = lock }

// SetHostCaller installs call, which the Go funcs FromValue makes of
// script functions use when they are called outside of any Go function a
// script is calling (a host goroutine after a run, for example): it
// should run fn as a run of its own, with the host's limits and ctx. The
// root package installs one. Without it, or when it is not usable, such
// a call runs fn under the lock on a coroutine of its own (fn must not
// suspend). Not safe once scripts run.
func (in *Interp) SetHostCaller(call func(ctx context.Context, fn Value, args []Value) (Value, error)) {
	in.embed.caller = call
}

// lend makes co, the coroutine calling a Go function, available to host
// code that runs script code while the function runs (see the comment at
// the top of this file); the returned function takes it back, once the
// host code using it is done.
func (in *Interp) lend(co *Coroutine) (unlend func()) {
	hc := &hostCall{co: co}
	prev := in.embed.lent.Swap(hc)
	return func() {
		hc.mu.Lock()
		in.embed.lent.Store(prev)
		hc.mu.Unlock()
	}
}

// borrow runs fn on the lent coroutine, when there is one, and reports
// whether it did.
func (in *Interp) borrow(fn func(co *Coroutine)) bool {
	for {
		hc := in.embed.lent.Load()
		if hc == nil {
			return false
		}
		hc.mu.Lock()
		if in.embed.lent.Load() == hc {
			defer hc.mu.Unlock()
			fn(hc.co)
			return true
		}
		hc.mu.Unlock() // taken back meanwhile: look again
	}
}

// InHostCall reports whether a Go function made by NewGoFunc is running
// on a script thread of the interpreter now (its coroutine is lent). Safe
// from any goroutine.
func (in *Interp) InHostCall() bool { return in.embed.lent.Load() != nil }

// WithCoroutine calls fn with a coroutine on which it may run script code
// of the interpreter (co.CallSync, co.ToString) and read script objects:
// inside a Go function a script is calling, the calling coroutine (lent
// by NewGoFunc's wrapper, one user at a time); elsewhere a new coroutine,
// under the interpreter's lock (SetLocker), which waits for running
// script code to let it in. fn must not suspend. Safe from any goroutine,
// except a script thread inside a NativeFunc that was not made by
// NewGoFunc (it holds the lock without lending its coroutine: use the
// coroutine it receives instead).
func (in *Interp) WithCoroutine(fn func(co *Coroutine)) {
	if in.borrow(fn) {
		return
	}
	run := func() {
		co := &Coroutine{in: in, stack: make([]Value, 16)}
		co.frames = co.frame0[:0]
		fn(co)
	}
	if l := in.embed.locker; l != nil {
		l(run)
		return
	}
	run()
}

// detached is the interpreter that formats and exports values no
// interpreter owns (built-in collections of primitives, Go objects): no
// script code runs for them, so it needs no lock.
var detached = sync.OnceValue(func() *Interp {
	return New(Options{Stdout: discard{}, Stderr: discard{}, Stdin: strings.NewReader("")})
})

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// maxOwnerSearch bounds the values ownerOf looks at.
const maxOwnerSearch = 4096

// ownerOf returns the interpreter whose script code v may run when it is
// printed or compared (the interpreter that compiled the class of an
// instance inside it, or a function inside it), or nil when v holds no
// script code among the first values it looks at.
func ownerOf(v Value) *Interp {
	budget := maxOwnerSearch
	var find func(v Value, depth int) *Interp
	find = func(v Value, depth int) *Interp {
		if budget--; budget < 0 || depth > maxConvertDepth || v.Kind() != KObject {
			return nil
		}
		switch o := v.o.(type) {
		case *Closure:
			return closureOwner(o)
		case *Instance:
			if in := classOwner(o.cls); in != nil {
				return in
			}
			for _, f := range o.Fields {
				if in := find(f, depth+1); in != nil {
					return in
				}
			}
		case *List:
			for _, e := range o.Elems {
				if in := find(e, depth+1); in != nil {
					return in
				}
			}
		case *Map:
			keys, vals := o.EntryList()
			for i := range keys {
				if in := find(keys[i], depth+1); in != nil {
					return in
				}
				if in := find(vals[i], depth+1); in != nil {
					return in
				}
			}
		}
		return nil
	}
	return find(v, 0)
}

func closureOwner(cl *Closure) *Interp {
	if cl == nil || cl.fn == nil || cl.fn.mod == nil {
		return nil
	}
	return cl.fn.mod.owner
}

// classOwner finds the interpreter of a script class through its code.
func classOwner(c *Class) *Interp {
	for ; c != nil; c = c.Super {
		if cl, ok := c.ctor.o.(*Closure); ok {
			if in := closureOwner(cl); in != nil {
				return in
			}
		}
		for _, m := range c.Methods {
			if cl, ok := m.o.(*Closure); ok {
				if in := closureOwner(cl); in != nil {
					return in
				}
			}
		}
	}
	return nil
}

// withOwner runs fn as WithCoroutine does, on the interpreter that owns
// v (or on one of its own when none does).
func withOwner(v Value, fn func(co *Coroutine)) {
	in := ownerOf(v)
	if in == nil {
		in = detached()
	}
	in.WithCoroutine(fn)
}

// String returns the script's toString() of v, as println prints it:
// "42", "kotlin.Unit", "[1, 2]", a data class's "User(name=Ann)", and
// what a script class's toString override returns (it runs, see
// Interp.WithCoroutine: inside a Go function the script is calling, on
// the calling coroutine; elsewhere under the interpreter's lock, waiting
// for running script code to let it in). When toString throws, or the
// value nests deeper than the JVM's stack would allow, String returns
// the class name and identity hash ("Foo@1b6d3586"), as Any.toString()
// does. So fmt's %v and %s print the same as the script. Safe from any
// goroutine, with the caveats of FromValue: a collection the script is
// changing concurrently may be read mid-change.
func (v Value) String() string {
	if v.Kind() != KObject {
		if v.Kind() == KString {
			return v.AsString()
		}
		return toStringSimple(v)
	}
	var s string
	withOwner(v, func(co *Coroutine) {
		var err error
		if s, err = co.ToString(v); err != nil {
			s = co.objectString(v)
		}
	})
	return s
}

// Export returns v as a plain Go value: nil for null and Unit, bool,
// int64 for Int and Long, float64 for Double and Float, string for
// String and Char, []any for lists, arrays and sets, map[string]any for
// maps whose keys are all Strings and for instances of script classes
// (their public stored properties), the Go value itself for a Go struct
// or pointer passed in (see ToValue), and v itself for anything else
// (functions, jobs, enum entries, exceptions, maps with other keys, and
// values nested more than 64 levels deep or of more than 1,048,576
// parts). Safe from any goroutine, as String is.
func (v Value) Export() any {
	switch v.Kind() {
	case KNull, KUnit, kAbsent:
		return nil
	case KBool:
		return v.AsBool()
	case KInt, KLong:
		return v.ToInt64()
	case KDouble, KFloat:
		return v.ToFloat64()
	case KChar:
		return string(v.AsChar())
	case KString:
		return v.AsString()
	}
	var out any
	withOwner(v, func(co *Coroutine) {
		x, err := (&convState{co: co, export: true}).toGo(v, nil, 0)
		if err != nil {
			x = v
		}
		out = x
	})
	return out
}

// Position returns the file and the position of the script code co runs
// (its innermost frame), or "" and an invalid position when it runs none.
// Call it on the goroutine running co.
func (co *Coroutine) Position() (file string, pos lang.Pos) {
	if len(co.frames) == 0 {
		return "", lang.Pos{}
	}
	fr := &co.frames[len(co.frames)-1]
	if fr.fn == nil {
		return "", lang.Pos{}
	}
	return fr.fn.File, fr.fn.posAt(int(fr.pc) - 1)
}

// ParamTypes returns the names of fn's declared parameter types (a
// top-level function of a script: "String", "Int?"; "" where it declared
// none or where a type does not restrict values) and a function that
// reports whether the i-th argument value passes its parameter's type,
// or nil when fn is not such a function. Safe from any goroutine.
func ParamTypes(fn Value) (names []string, accepts func(i int, v Value) bool) {
	cl, ok := fn.o.(*Closure)
	if !ok || cl.fn == nil || cl.fn.paramTypes == nil {
		return nil, nil
	}
	f := cl.fn
	names = make([]string, len(f.paramTypes))
	for i, t := range f.paramTypes {
		if t != nil {
			names[i] = t.Name
			if t.Nullable {
				names[i] += "?"
			}
		}
	}
	return names, func(i int, v Value) bool {
		if i >= len(f.paramTypes) || f.paramTypes[i] == nil {
			return true
		}
		t := f.paramTypes[i]
		return t.Test(v) || t.samAccepts(v)
	}
}

// ParamNames returns the declared parameter names of a script function
// (nil for other values). Safe from any goroutine.
func ParamNames(fn Value) []string {
	cl, ok := fn.o.(*Closure)
	if !ok || cl.fn == nil {
		return nil
	}
	f := cl.fn
	n := f.nparams - f.nhidden
	if n < 0 || n > len(f.params) {
		return nil
	}
	out := make([]string, n)
	for i := range n {
		out[i] = f.params[i].name
	}
	return out
}

// RunLimits are the limits of Options that a host may change between
// runs (see SetRunLimits).
type RunLimits struct {
	MaxDepth  int   // Options.MaxDepth; zero or less: the default, 16384
	MaxAlloc  int   // Options.MaxAlloc; zero or less: the default, 1 GiB
	MaxMemory int64 // Options.MaxMemory; zero or less: no limit
}

// The defaults of Options.MaxDepth and Options.MaxAlloc.
const (
	defaultMaxDepth = 16384
	defaultMaxAlloc = 1 << 30
)

// withDefaults returns MaxDepth and MaxAlloc with their defaults in
// place of zero or less.
func withDefaults(depth, alloc int) (int, int) {
	if depth <= 0 {
		depth = defaultMaxDepth
	}
	if alloc <= 0 {
		alloc = defaultMaxAlloc
	}
	return depth, alloc
}

// SetRunLimits changes Options.MaxDepth, MaxAlloc and MaxMemory for the
// script code that runs from now on (the host's per-run limits; Options
// then returns them). The coroutine runtime's bound on coroutine
// builders nested on one thread, which it took from MaxDepth when it was
// installed, stays. Call it while no script code runs (under the lock).
func (in *Interp) SetRunLimits(l RunLimits) {
	in.opts.MaxDepth, in.opts.MaxAlloc = withDefaults(l.MaxDepth, l.MaxAlloc)
	in.maxDepth = in.opts.MaxDepth
	in.opts.MaxMemory = max(l.MaxMemory, 0)
}
