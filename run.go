package ktcoro

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/parser"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// Eval runs src, a snippet of script, as one input of a REPL session:
// its declarations join the Interpreter's globals (later Evals, Call and
// Get see them), its top-level code runs in a coroutine on the calling
// goroutine (the thread "main"; it may call suspend functions, as inside
// runBlocking), and Eval returns the value of its last statement when
// that is an expression, else Unit. A main function it declares is not
// called (EvalFile and Run run programs). Eval returns when the code and
// the coroutines it started in its scope are done; cancelling ctx cancels
// them (see Options.CancelGrace) and Eval then returns ctx.Err().
func (it *Interpreter) Eval(ctx context.Context, src string) (v Value, err error) {
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	return it.eval(ctx, nil, "<eval>", []byte(src))
}

// eval is Eval with the run's limits lim (nil: the Interpreter's); the caller holds mu.
func (it *Interpreter) eval(ctx context.Context, lim *Limits, name string, src []byte) (Value, error) {
	rs, err := it.begin(ctx, lim)
	if err != nil {
		return interp.Null, err
	}
	var prog *interp.Program
	coroutines.Locked(it.in, func() { prog, err = it.in.CompileInput(name, src, evalResultName) })
	if err != nil {
		return interp.Null, it.end(rs, err)
	}
	_, err = coroutines.Call(it.in, prog.Init())
	if err = it.end(rs, err); err != nil {
		return interp.Null, err
	}
	return rs.result, nil
}

// EvalFile runs the script file at path as a program, as `ktcoro run`
// does: its top-level code, then its main function if it declares one
// (with Options.Args). Output is flushed when it returns. Cancelling ctx
// cancels the program's coroutines, and EvalFile returns ctx.Err().
func (it *Interpreter) EvalFile(ctx context.Context, path string) (err error) {
	defer it.guard(&err, false) // run guards itself
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	prog, err := it.Compile(path, src)
	if err != nil {
		return err
	}
	return it.run(ctx, nil, prog)
}

// Program is a parsed and checked script file. It is immutable: compile
// it once and Run it in any number of Interpreters, concurrently. Each
// Run lowers it to the bytecode of its Interpreter (compiled code binds
// the interpreter's built-ins and globals), which is much cheaper than
// parsing and checking it again.
type Program struct {
	name string
	src  []byte
	file *lang.File
}

// Name returns the file name the program was compiled with. Safe from
// any goroutine.
func (p *Program) Name() string { return p.name }

// Compile parses and checks a script file against the Interpreter's
// definitions (the standard library and the host's Define,
// DefineSuspend, Set and Options.Dispatchers names; not the globals of
// earlier Evals). Errors are a lang.ErrorList: `file:line:col: error: message.`
// with the source line. The Program may run in any Interpreter that has
// the same host definitions.
func (it *Interpreter) Compile(filename string, src []byte) (*Program, error) {
	return it.CompileContext(context.Background(), filename, src)
}

// CompileContext is Compile that gives up when ctx is done: the error is
// then an *interp.Interrupted. Parsing and compiling take time linear in
// the size of the file and poll ctx as they go.
func (it *Interpreter) CompileContext(ctx context.Context, filename string, src []byte) (prog *Program, err error) {
	defer it.guard(&err, false)
	f, err := parser.ParseFileStop(filename, src, func() error { return interp.ContextStop(ctx) })
	if err != nil {
		return nil, err
	}
	it.mu.Lock()
	defs := append([]func(*interp.Interp) error(nil), it.defs...)
	it.mu.Unlock()
	check, err := it.newInterp()
	if err != nil {
		return nil, err
	}
	defer coroutines.Close(check)
	for _, d := range defs {
		if err := d(check); err != nil {
			return nil, err
		}
	}
	// this also settles what compiling writes into the tree (the names of
	// anonymous objects), so that the Runs that share it only read it
	if _, err := check.CompileFileContext(ctx, f); err != nil {
		return nil, attachSource(err, src)
	}
	return &Program{name: filename, src: src, file: f}, nil
}

func attachSource(err error, src []byte) error {
	if l, ok := err.(lang.ErrorList); ok {
		l.AttachSource(string(src))
	}
	return err
}

// Run runs a compiled program in the Interpreter, as EvalFile does.
func (it *Interpreter) Run(ctx context.Context, prog *Program) error {
	return it.run(ctx, nil, prog)
}

// run is Run with the run's limits lim (nil: the Interpreter's).
func (it *Interpreter) run(ctx context.Context, lim *Limits, prog *Program) (err error) {
	if prog == nil {
		return errors.New("ktcoro: Run of a nil Program")
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	rs, err := it.begin(ctx, lim)
	if err != nil {
		return err
	}
	var p *interp.Program
	coroutines.Locked(it.in, func() { p, err = it.in.CompileFile(prog.file) })
	if err != nil {
		return it.end(rs, attachSource(err, prog.src))
	}
	return it.end(rs, it.in.Run(p))
}

// Call calls the script function called name (a top-level function of
// an earlier Eval or Run, or a built-in) with args converted by ToValue,
// and returns its result. A suspend function runs as in runBlocking, on
// the calling goroutine: Call returns when it has returned. Its uncaught
// exception is a *ScriptError; cancelling ctx cancels it. An unknown name
// gives an error wrapping ErrNoGlobal; an argument ToValue cannot
// convert, or whose value the function's declared parameter type does
// not take (a Go int for a String; numbers pass for any number type),
// an *ArgumentError.
func (it *Interpreter) Call(ctx context.Context, name string, args ...any) (v Value, err error) {
	return it.CallWith(ctx, RunOptions{}, name, args...)
}

// CallValue is Call for a function value: a lambda or a function
// reference a script returned.
func (it *Interpreter) CallValue(ctx context.Context, fn Value, args ...any) (v Value, err error) {
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	return it.call(ctx, nil, "the function value", fn, args)
}

// call is Call and CallValue with the run's limits lim (nil: the
// Interpreter's); the caller holds mu.
func (it *Interpreter) call(ctx context.Context, lim *Limits, name string, fn Value, args []any) (Value, error) {
	switch fn.AsObject().(type) {
	case *interp.Closure, *interp.Native, *interp.Overloads:
	default:
		return interp.Null, fmt.Errorf("ktcoro: Call: %s is not a function but %s", name, interp.ClassOf(fn).Name)
	}
	vals, err := convertArgs(name, fn, args)
	if err != nil {
		return interp.Null, err
	}
	rs, err := it.begin(ctx, lim)
	if err != nil {
		return interp.Null, err
	}
	v, err := coroutines.Call(it.in, fn, vals...)
	if err = it.end(rs, err); err != nil {
		return interp.Null, err
	}
	return v, nil
}

// ErrNoGlobal is wrapped by the error of Get, and of Call and CallWith,
// for a name that no program declared and that is not a built-in
// (errors.Is(err, ErrNoGlobal)).
var ErrNoGlobal = errors.New("ktcoro: no such global")

// Get returns the value of the top-level property, function, class or
// object called name, of an earlier Eval or Run or set with Set, or of a
// built-in. A property with a custom getter, a delegate (by lazy) or an
// object declaration is evaluated, as a run. An unknown name gives an
// error wrapping ErrNoGlobal. Convert the value with FromValue.
func (it *Interpreter) Get(name string) (v Value, err error) {
	if !isIdentifier(name) {
		return interp.Null, fmt.Errorf("ktcoro: Get: %q is not a valid script name", name)
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	defer it.guard(&err, true)
	if it.closed.Load() {
		return interp.Null, ErrClosed
	}
	var ok bool
	coroutines.Locked(it.in, func() { v, ok = it.in.LookupGlobal(name) })
	if ok {
		return v, nil
	}
	v, err = it.eval(context.Background(), nil, "<get>", []byte(name))
	var l lang.ErrorList
	if errors.As(err, &l) {
		return interp.Null, fmt.Errorf("%w: %s", ErrNoGlobal, name)
	}
	return v, err
}

// Set gives the top-level property name the Go value v, converted by
// ToValue: a property an earlier Eval or Run declared is assigned (code
// compiled earlier sees the new value), an unknown name is declared as a
// val that scripts can read (and Compile knows). Functions, classes,
// properties with accessors and built-ins cannot be set.
func (it *Interpreter) Set(name string, v any) error {
	val, err := interp.ToValue(v)
	if err != nil {
		return fmt.Errorf("ktcoro: Set %s: %w", name, err)
	}
	if !isIdentifier(name) {
		return fmt.Errorf("ktcoro: Set: %q is not a valid script name", name)
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	if it.closed.Load() {
		return ErrClosed
	}
	var existed bool
	coroutines.Locked(it.in, func() {
		_, existed = it.in.LookupGlobal(name)
		err = it.in.AssignGlobal(name, val)
	})
	if err != nil {
		return fmt.Errorf("ktcoro: Set: %w", err)
	}
	if !existed { // a host val: Compile's checks must know the name
		it.defs = append(it.defs, func(in *interp.Interp) error {
			return in.AssignGlobal(name, interp.Null)
		})
	}
	return nil
}

// Define makes v visible to scripts under name, as a built-in constant:
// a Go function (see ToValue and interp.NewGoFunc: its parameters and
// results are converted, an error it returns is thrown; an
// interp.NativeFunc is used as it is), or any value ToValue converts.
// A Go function runs on a script thread, holding the interpreter: it
// must be quick (use DefineSuspend for blocking work). Define names
// before compiling the scripts that use them.
func (it *Interpreter) Define(name string, v any) error {
	var val Value
	if reflect.ValueOf(v).Kind() == reflect.Func {
		n, err := interp.NewGoFunc(name, v)
		if err != nil {
			return fmt.Errorf("ktcoro: Define: %w", err)
		}
		val = interp.Obj(n)
	} else {
		var err error
		if val, err = interp.ToValue(v); err != nil {
			return fmt.Errorf("ktcoro: Define %s: %w", name, err)
		}
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	if it.closed.Load() {
		return ErrClosed
	}
	return it.define(name, func(in *interp.Interp) error {
		in.Define(name, val)
		return nil
	})
}

// DefineSuspend makes the Go function fn a suspend function for
// scripts, called name. fn's first parameter is a context.Context; the
// others take the script's arguments, converted on the script's thread
// (a wrong count or type throws IllegalArgumentException); its results
// are none, a value, an error, or a value and an error:
//
//	it.DefineSuspend("fetch", func(ctx context.Context, url string) (string, error) { ... })
//
// Scripts call it from coroutines (`val page = fetch(url)`): the
// coroutine suspends — other coroutines go on — while fn runs on a
// goroutine of its own, and resumes with fn's result on its dispatcher,
// or throws fn's error (interp.Throw picks the exception class; other
// errors are RuntimeExceptions). Cancelling the coroutine resumes it at
// once with CancellationException and cancels ctx; ctx also carries the
// values of the context of the run. fn may also be a
// coroutines.SuspendFunc, for full control.
func (it *Interpreter) DefineSuspend(name string, fn any) error {
	n, err := coroutines.NewSuspendGoFunc(name, fn)
	if err != nil {
		return fmt.Errorf("ktcoro: DefineSuspend: %w", err)
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	if it.closed.Load() {
		return ErrClosed
	}
	return it.define(name, func(in *interp.Interp) error {
		in.Define(name, interp.Obj(n))
		return nil
	})
}

// ToValue converts a Go value to a script value: numbers, strings,
// booleans, slices (to lists), maps (to maps with sorted keys), structs
// and pointers to structs (to objects whose members are their exported
// fields, named by the `ktcoro:"name"` tag or the field name in
// lowerCamelCase, and methods, writable fields through a pointer),
// other pointers, functions, and Values themselves (see
// interp.ToValue). Safe from any goroutine: it makes new
// values.
func ToValue(v any) (Value, error) { return interp.ToValue(v) }

// FromValue stores the script value v in the Go variable dst points to,
// converting it to dst's type, with an error naming both types when it
// does not fit (see interp.FromValue). Use it on values a run returned,
// once it has returned (or inside a Go function a script calls): it reads
// the script objects inside v.
func FromValue(v Value, dst any) error { return interp.FromValue(v, dst) }

// As returns the script value v converted to the Go type T (see
// FromValue, also for when it is safe).
func As[T any](v Value) (T, error) {
	var x T
	err := interp.FromValue(v, &x)
	return x, err
}

// Throw returns an error that a host function returns to throw an
// exception of the given built-in class (for example
// "java.io.IOException" or "IllegalArgumentException") in the script.
// Safe from any goroutine.
func Throw(class, format string, args ...any) error { return interp.Throw(class, format, args...) }
