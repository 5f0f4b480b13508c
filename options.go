package ktcoro

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// RunOptions configure one run (EvalWith, RunWith, CallWith); the zero
// value runs as Eval, Run and Call do.
type RunOptions struct {
	// Limits, when not nil, replace Options.Limits for this run, all
	// six of them; nil runs with Options.Limits. A zero MaxWallTime,
	// MaxSteps, MaxCoroutines or MaxMemory is no limit for this run, as
	// in Options (even when the Interpreter has one); a zero MaxDepth or
	// MaxAlloc is the Interpreter's (Options.Limits' value, or its
	// default when that is zero too), so a run may tighten one limit
	// without restating the others. The Interpreter's limits apply again
	// when the run returns, however it ends (an error, a limit, a
	// panic), and to the coroutines it left behind.
	Limits *Limits
}

// EvalWith is Eval with options for this run (per-run limits, for
// example a tighter budget for one untrusted snippet):
//
//	v, err := it.EvalWith(ctx, src, ktcoro.RunOptions{Limits: &ktcoro.Limits{MaxSteps: 1e6, MaxDepth: 200}})
func (it *Interpreter) EvalWith(ctx context.Context, src string, opts RunOptions) (v Value, err error) {
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	return it.eval(ctx, opts.Limits, "<eval>", []byte(src))
}

// RunWith is Run with options for this run.
func (it *Interpreter) RunWith(ctx context.Context, prog *Program, opts RunOptions) error {
	return it.run(ctx, opts.Limits, prog)
}

// CallWith is Call with options for this run.
func (it *Interpreter) CallWith(ctx context.Context, opts RunOptions, name string, args ...any) (v Value, err error) {
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	fn, err := it.lookupFunc(name)
	if err != nil {
		return interp.Null, err
	}
	return it.call(ctx, opts.Limits, name, fn, args)
}

// lookupFunc returns the global function called name, or an error
// wrapping ErrNoGlobal. The caller holds mu.
func (it *Interpreter) lookupFunc(name string) (Value, error) {
	if it.closed.Load() {
		return interp.Null, ErrClosed
	}
	var (
		fn Value
		ok bool
	)
	coroutines.Locked(it.in, func() { fn, ok = it.in.LookupGlobal(name) })
	if !ok {
		return interp.Null, fmt.Errorf("%w: %s", ErrNoGlobal, name)
	}
	return fn, nil
}

// ArgumentError is returned by Call, CallWith and CallValue when a Go
// argument does not fit the script function's parameter: it does not
// convert to a script value at all (Err says why), or the function
// declares a parameter type the converted value does not have (a Go int
// for a String parameter). It is immutable: safe from any goroutine.
type ArgumentError struct {
	Func   string // the function's name, as given to Call
	Index  int    // the argument's position, from 1
	Param  string // the parameter's name, "" when unknown
	Type   string // the parameter's declared script type, "" when unknown
	GoType string // the Go type of the argument
	Err    error  // the conversion error, or nil
}

// Error returns "ktcoro: Call f: argument 1 (name: String): cannot pass
// a Go int", or the conversion error.
func (e *ArgumentError) Error() string {
	where := fmt.Sprintf("argument %d", e.Index)
	switch {
	case e.Param != "" && e.Type != "":
		where += " (" + e.Param + ": " + e.Type + ")"
	case e.Param != "":
		where += " (" + e.Param + ")"
	}
	if e.Err != nil {
		return "ktcoro: Call " + e.Func + ": " + where + ": " + e.Err.Error()
	}
	return "ktcoro: Call " + e.Func + ": " + where + ": cannot pass a Go " + e.GoType
}

// Unwrap returns Err.
func (e *ArgumentError) Unwrap() error { return e.Err }

// numberTypes are the script types a number converts to (the callee's
// prologue converts it).
var numberTypes = map[string]bool{"Int": true, "Long": true, "Short": true, "Byte": true,
	"Double": true, "Float": true, "Number": true, "Int?": true, "Long?": true, "Short?": true,
	"Byte?": true, "Double?": true, "Float?": true, "Number?": true}

// convertArgs converts the Go arguments of a Call of fn and checks them
// against fn's declared parameter types.
func convertArgs(name string, fn Value, args []any) ([]Value, error) {
	types, accepts := interp.ParamTypes(fn)
	params := interp.ParamNames(fn)
	vals := make([]Value, len(args))
	for i, a := range args {
		ae := &ArgumentError{Func: name, Index: i + 1, GoType: fmt.Sprint(reflect.TypeOf(a))}
		if i < len(params) {
			ae.Param = params[i]
		}
		if i < len(types) {
			ae.Type = types[i]
		}
		v, err := interp.ToValue(a)
		if err != nil {
			ae.Err = err
			return nil, ae
		}
		if accepts != nil && !accepts(i, v) && !(v.IsNumber() && numberTypes[ae.Type]) {
			return nil, ae
		}
		vals[i] = v
	}
	return vals, nil
}

// hostCall runs a script function for a Go func made of it (see
// interp.Interp.SetHostCaller) outside of any host function: as a run of
// its own (with ctx and the Interpreter's limits) when the Interpreter is
// idle, or inside the run in progress, on a coroutine of its own under
// the lock (the function must not suspend then).
func (it *Interpreter) hostCall(ctx context.Context, fn Value, args []Value) (Value, error) {
	for {
		if it.mu.TryLock() {
			return it.hostRun(ctx, fn, args)
		}
		if it.closed.Load() {
			return interp.Null, ErrClosed
		}
		if it.cur.Load() != nil {
			var (
				v   Value
				err error
			)
			it.in.WithCoroutine(func(co *interp.Coroutine) { v, err = co.CallSync(fn, args...) })
			if err != nil {
				return interp.Null, it.scriptError(err)
			}
			return v, nil
		}
		time.Sleep(100 * time.Microsecond) // another method holds mu for a moment
	}
}

// hostRun is hostCall's run of its own; the caller took mu.
func (it *Interpreter) hostRun(ctx context.Context, fn Value, args []Value) (v Value, err error) {
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	rs, err := it.begin(ctx, nil)
	if err != nil {
		return interp.Null, err
	}
	v, err = coroutines.Call(it.in, fn, args...)
	if err = it.end(rs, err); err != nil {
		return interp.Null, err
	}
	return v, nil
}
