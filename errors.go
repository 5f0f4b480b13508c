package ktcoro

import (
	"errors"
	"strconv"
	"strings"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// ErrInterrupted is returned by a run stopped by Interpreter.Interrupt.
var ErrInterrupted = errors.New("ktcoro: script interrupted by the host")

// ErrClosed is returned by the methods of a closed Interpreter.
var ErrClosed = errors.New("ktcoro: interpreter closed")

// ErrAbandoned is wrapped by the error Close returns when something did
// not stop within its grace period (a host function that does not
// return); the error says what.
var ErrAbandoned = errors.New("ktcoro: Close abandoned work that did not stop")

// DeadlockError is returned by a run whose code waits for something that
// can no longer happen (runBlocking { CompletableDeferred<Int>().await() }:
// nothing is queued or running, no timer is pending, no host function is
// outstanding — Kotlin would hang for ever). Dump lists the coroutines
// that were alive (summarised past about 1,000). The waiting coroutine is
// cancelled first, so its finally blocks have run. The Interpreter stays
// usable. Immutable: safe from any goroutine.
type DeadlockError = sched.DeadlockError

// Interrupted is returned by a run that something other than Interrupt,
// Close or a limit stopped without the script's cooperation: an
// internal error on a thread of the coroutine runtime, or a host that
// stopped it with the lower-level functions of package
// stdlib/coroutines (Abort, Stop). Reason says why. Scripts cannot catch
// it, and its finally blocks do not run. The Interpreter stays usable
// (unless coroutines.Stop closed its runtime). Immutable: safe from any
// goroutine.
type Interrupted = interp.Interrupted

// The limits a LimitError names (see Limits).
const (
	LimitWallTime   = "wall time"
	LimitSteps      = "step"
	LimitCoroutines = "coroutine"
	LimitMemory     = "memory"
)

// LimitError is returned by a run stopped because it exceeded one of
// its limits (Options.Limits or RunOptions.Limits). Scripts cannot catch
// it. It is immutable: safe from any goroutine.
type LimitError struct {
	Limit  string // LimitWallTime, LimitSteps, LimitCoroutines or LimitMemory
	Detail string // the limit's value, e.g. "1000000 steps"
	// File and Line locate the script code the coroutine that met the
	// limit was running: the loop or call where the steps ran out or
	// the wall time was found out, the launch (async, produce, ...) of
	// the coroutine too many, the allocation or the work that went over
	// MaxMemory. They are "" and 0 when the limit fired outside of any
	// script code: the wall time running out while every coroutine
	// waits (delay, a host function), memory measured or a coroutine
	// created while the host, not a script, was working.
	File string
	Line int
}

// Error returns "ktcoro: <limit> limit exceeded (<detail>)", followed by
// " at <file>:<line>" when the limit fired in script code.
func (e *LimitError) Error() string {
	s := "ktcoro: " + e.Limit + " limit exceeded (" + e.Detail + ")"
	if e.Line > 0 {
		s += " at " + e.File + ":" + strconv.Itoa(e.Line)
	}
	return s
}

// ScriptError is an exception a script did not catch. Error is its
// one-line description as the JVM prints it
// ("java.lang.IllegalStateException: boom"); Backtrace adds the script
// stack trace and the causes. Exception (also found by errors.As) is the
// exception itself, for its class, message and script value. The methods
// of ScriptError are safe from any goroutine (the backtrace is made when
// the run returns); those of the *interp.Exception read the script's
// object (see interp.Exception).
type ScriptError struct {
	Exception *interp.Exception
	trace     string
}

// Error returns the exception's toString(): its class and message.
func (e *ScriptError) Error() string {
	first, _, _ := strings.Cut(e.trace, "\n")
	if first == "" {
		return e.Exception.Error()
	}
	return first
}

// Backtrace returns what printStackTrace() prints: the exception, one
// `\tat function(file.kc:line)` line per script frame (with the
// coroutines it ran in), and its suppressed exceptions and causes.
func (e *ScriptError) Backtrace() string {
	if e.trace == "" {
		return e.Exception.Error() + "\n"
	}
	return e.trace
}

// Class returns the exception's qualified class name
// ("java.lang.IllegalStateException").
func (e *ScriptError) Class() string {
	c := e.Exception.Class()
	if c.QName != "" {
		return c.QName
	}
	return c.Name
}

// Message returns the exception's message ("" when it has none).
func (e *ScriptError) Message() string { return e.Exception.Message() }

// Unwrap returns the *interp.Exception.
func (e *ScriptError) Unwrap() error { return e.Exception }

// FuncError is the error of a Go func made from a script function (As,
// FromValue into a func type) whose call failed: Err is the script's
// exception (errors.As finds the *interp.Exception, or the *ScriptError
// when the call ran as a run of its own), a stopped run, or a value that
// did not convert. A func type without an error result panics with it.
type FuncError = interp.FuncError
