package interp

// Small pieces of the embedding API that need the interpreter's
// internals: assigning globals, the tick hook and the interrupt flag, and
// errors a host function can return to throw a given exception class
// (reading globals, ClearInterrupt and CompileInput are in session.go).
// The high-level API (contexts, limits, suspending host functions) is the
// root package ktcoro, which wires interp, stdlib and stdlib/coroutines
// together.

import (
	"errors"
	"fmt"
)

// TickSteps is how often the tick hook runs (see SetTickHook) and the
// host interrupt and step limit are checked: every TickSteps calls and
// backward jumps of a coroutine.
const TickSteps = budgetChunk

// TickHook returns the function installed with SetTickHook, or nil, so
// that a host can chain its own (a step budget) in front of the
// library's. Not safe once scripts run.
func (in *Interp) TickHook() func(co *Coroutine) error { return in.tickHook }

// IsInterrupted reports whether Interrupt was called and not cleared
// (ClearInterrupt). Safe from any goroutine.
func (in *Interp) IsInterrupted() bool { return in.interrupted.Load() }

// ErrReadOnlyGlobal is returned by AssignGlobal for a name that is a
// function, a class, a property with accessors or a delegate, or a
// built-in.
var ErrReadOnlyGlobal = errors.New("cannot be assigned by the host")

// AssignGlobal gives the top-level property name the value v, as a host
// does to pass data to scripts. A stored property that a program
// declared (val or var) or that a host declared before is assigned in
// place, so that code compiled earlier sees the new value; an unknown
// name is declared as with SetGlobal (a val for scripts). It fails with
// ErrReadOnlyGlobal (wrapped with the name) for functions, classes,
// properties with accessors or delegates and built-ins, and for names
// that are not identifiers. Like SetGlobal, it must not race with
// running scripts.
func (in *Interp) AssignGlobal(name string, v Value) error {
	if !isIdentifier(name) {
		return fmt.Errorf("%q is not a valid name", name)
	}
	if v.is(kAbsent) {
		v = Null
	}
	g, ok := in.globalDecls[name]
	if !ok {
		if _, builtin := in.builtins[name]; builtin {
			return fmt.Errorf("%s is a built-in and %w", name, ErrReadOnlyGlobal)
		}
		in.SetGlobal(name, v)
		return nil
	}
	if g.isConst || g.getter != nil || g.setter != nil || g.delegate || g.slot < 0 || g.slot >= len(in.mod.globals) {
		return fmt.Errorf("%s %w", name, ErrReadOnlyGlobal)
	}
	in.mod.globals[g.slot] = v
	return nil
}

// ThrowError is an error a host function returns to throw an exception of
// a given built-in class in the script (see Throw), with Message as the
// exception's message ("" for none). It is converted by the wrappers of
// NewGoFunc and of the coroutine runtime's suspending host functions, and
// by Interp.ToException; a NativeFunc that returns one directly must
// convert it with ToException itself, or the script sees a
// java.lang.RuntimeException whose message is the ThrowError's text.
type ThrowError struct {
	Class   string // a built-in exception class, e.g. "java.io.IOException"
	Message string
}

// Error returns "Class: Message".
func (e *ThrowError) Error() string {
	if e.Message == "" {
		return e.Class
	}
	return e.Class + ": " + e.Message
}

// Throw returns an error that a host function returns to throw an
// exception of class (a built-in class name, simple or qualified, such
// as "IllegalArgumentException" or "java.io.IOException"; unknown names
// give RuntimeException) with a formatted message. Safe from any
// goroutine.
func Throw(class, format string, args ...any) error {
	return &ThrowError{Class: class, Message: fmt.Sprintf(format, args...)}
}

// ToException converts an error returned by host code into the
// exception the script sees: a script exception stays as it is, a
// ThrowError becomes an exception of its class, an uncatchable
// *Interrupted stays as it is, and any other error becomes a
// java.lang.RuntimeException with the error's text. co, when not nil,
// gives the exception its stack trace. It returns nil for a nil err. Call
// it where scripts run (it reads the interpreter's class table).
func (in *Interp) ToException(co *Coroutine, err error) error {
	if err == nil {
		return nil
	}
	var exc *Exception
	if errors.As(err, &exc) {
		return exc
	}
	var intr *Interrupted
	if errors.As(err, &intr) {
		return intr
	}
	var te *ThrowError
	if errors.As(err, &te) {
		return in.newErrorCo(co, te.Class, te.Message)
	}
	return in.newErrorCo(co, "java.lang.RuntimeException", err.Error())
}
