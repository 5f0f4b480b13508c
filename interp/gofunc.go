package interp

// Go functions called by scripts (callGo, shared by NewGoFunc and the
// methods of Go objects) and script functions called by Go: FromValue
// turns a lambda or function reference into a Go func of the host's
// chosen type (goFunc).

import (
	"context"
	"fmt"
	"reflect"
)

var contextType = reflect.TypeFor[context.Context]()

// callGo calls the Go function fn, of sig's type, for a script: it
// converts the arguments (IllegalArgumentException when they do not
// fit), lends co for the duration of the call (see lend), and converts
// the results (a returned error is thrown, see ToException).
func callGo(co *Coroutine, sig *GoSignature, fn reflect.Value, args []Value) (Value, error) {
	c := &convState{co: co}
	in, err := sig.args(c, args)
	if c.stop != nil {
		return Null, c.stop // the host's limits stopped the conversion
	}
	if err != nil {
		return Null, co.Errorf("java.lang.IllegalArgumentException", "%s", err.Error())
	}
	unlend := co.in.lend(co)
	v, err := sig.Call(fn, in)
	unlend()
	if err != nil {
		return Null, co.in.ToException(co, err)
	}
	return v, nil
}

// lendingNative wraps a NativeFunc a host defines so that its coroutine
// is lent while it runs (see lend).
func lendingNative(f NativeFunc) NativeFunc {
	return func(co *Coroutine, this Value, args []Value) (Value, error) {
		unlend := co.in.lend(co)
		defer unlend()
		return f(co, this, args)
	}
}

// FuncError is the error a Go func made from a script function (see
// FromValue) returns, or panics with when its type has no error result:
// the script function's exception (Err is an *Exception, or what the
// host's caller made of it, such as a *ktcoro.ScriptError), a run that was
// stopped, or an argument or result that did not convert. Func names the
// Go func type.
type FuncError struct {
	Func string
	Err  error
}

// Error returns the underlying error's text.
func (e *FuncError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *FuncError) Unwrap() error { return e.Err }

// goFunc returns a Go func of type t that calls the script function fn:
// its arguments are converted with ToValue (after a first
// context.Context, which it may take), the call runs as
// Interp.CallScript says, and the result is converted to t's result with
// FromValue. t's results are none, (R), (error) or (R, error); without an
// error result, a failure panics with a *FuncError.
func goFunc(fn Value, t reflect.Type) (reflect.Value, error) {
	what := "a script function"
	if _, ok := fn.o.(*Overloads); !ok && !isFunctionValue(fn) {
		what = scriptType(fn)
	}
	bad := func(why string) (reflect.Value, error) {
		return reflect.Value{}, fmt.Errorf("cannot convert %s to Go %s: %s", what, t, why)
	}
	if _, ok := fn.o.(*Overloads); !ok && !isFunctionValue(fn) {
		return bad("it is not a function")
	}
	sig, err := NewGoSignature("func", t, 0)
	if err != nil {
		return bad("its results must be none, a value, an error, or a value and an error")
	}
	skip := 0
	if t.NumIn() > 0 && t.In(0) == contextType {
		skip = 1
	}
	for i := skip; i < t.NumIn(); i++ {
		switch t.In(i).Kind() {
		case reflect.Chan, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
			return bad(fmt.Sprintf("parameter %d (%s) has no script type", i+1, t.In(i)))
		}
	}
	if cl, ok := fn.o.(*Closure); ok && cl.fn != nil && !t.IsVariadic() && cl.fn.vararg < 0 {
		n := t.NumIn() - skip
		want := cl.fn.nparams - cl.fn.nhidden
		if cl.fn.noArrow && n <= 1 {
			want = n // { it } takes one argument or none
		}
		fits := n == want
		if !fits && cl.fn.hasDefault && n < want {
			fits = true
		}
		if !fits {
			return bad(fmt.Sprintf("it takes %d parameter(s), the Go func %d", want, n))
		}
	}
	owner := ownerOf(fn)
	if owner == nil {
		owner = detached()
	}
	name := t.String()
	return reflect.MakeFunc(t, func(in []reflect.Value) []reflect.Value {
		fail := func(err error) []reflect.Value {
			ferr := &FuncError{Func: name, Err: err}
			if !sig.hasErr {
				panic(ferr)
			}
			out := make([]reflect.Value, t.NumOut())
			for i := range out {
				out[i] = reflect.Zero(t.Out(i))
			}
			out[len(out)-1] = reflect.ValueOf(error(ferr))
			return out
		}
		ctx := context.Background()
		if skip == 1 && !in[0].IsNil() {
			ctx = in[0].Interface().(context.Context)
		}
		args := make([]Value, 0, len(in))
		for i := skip; i < len(in); i++ {
			v, err := ToValue(in[i].Interface())
			if err != nil {
				return fail(fmt.Errorf("argument %d: %w", i+1-skip, err))
			}
			args = append(args, v)
		}
		v, err := owner.CallScript(ctx, fn, args)
		if err != nil {
			return fail(err)
		}
		out := make([]reflect.Value, 0, 2)
		if sig.hasValue {
			r := reflect.New(t.Out(0)).Elem()
			owner.WithCoroutine(func(co *Coroutine) { err = (&convState{co: co}).fromValue(v, r, nil, 0) })
			if err != nil {
				return fail(fmt.Errorf("result: %w", err))
			}
			out = append(out, r)
		}
		if sig.hasErr {
			out = append(out, reflect.Zero(errorType))
		}
		return out
	}), nil
}

// CallScript calls the script function fn with args from a host
// goroutine: inside a Go function a script is calling (NewGoFunc), on
// the calling coroutine, nested (fn must not suspend); elsewhere through
// the caller installed with SetHostCaller (the root package runs it as a
// run of its own, or inside the run in progress), else on a coroutine of
// its own under the interpreter's lock. Safe from any goroutine, with the
// exception WithCoroutine names.
func (in *Interp) CallScript(ctx context.Context, fn Value, args []Value) (v Value, err error) {
	if in.borrow(func(co *Coroutine) { v, err = co.CallSync(fn, args...) }) {
		return v, err
	}
	if call := in.embed.caller; call != nil {
		return call(ctx, fn, args)
	}
	in.WithCoroutine(func(co *Coroutine) { v, err = co.CallSync(fn, args...) })
	return v, err
}
