// Package interp compiles and runs ktcoro scripts: the resolver and
// compiler that lower lang syntax trees to bytecode, the resumable VM, the
// runtime values (Value, Class, Instance, List, Map, Exception) and the
// low-level embedding API that packages stdlib and stdlib/coroutines and
// the root package ktcoro are built on. An Interp is one script world; Compile turns a file into a
// *Program once, and every run of script code happens in a Coroutine, a VM
// whose call stack lives on the heap, so that it can stop at a suspending
// call and resume later on another goroutine without keeping a Go stack.
// Built-in functions are Go natives, and a native suspends its coroutine
// by a small protocol (Suspend, ErrSuspend, Resume). interp has no
// scheduler and no standard library of its own: stdlib.Install adds the
// standard library, and coroutines.Install (package stdlib/coroutines)
// kotlinx.coroutines with its scheduler.
// Most hosts should use the root package ktcoro, which wires everything
// together behind a safe API.
//
// # Interpreters and programs
//
// New returns an Interp with the core classes (Any, String, Int, List,
// the exceptions, ...). The host then defines its built-ins (Define,
// DefineFunc, DefineGetter, DefineType, DefineExtension, or
// stdlib.Install and coroutines.Install for the standard library and
// kotlinx.coroutines) before any script runs.
// Compile, CompileFile and CompileInput check a file against those
// definitions and lower it to a *Program: immutable Functions (flat
// []uint32 code, constants, a pc-to-line table) for its top-level
// initialiser, its main function and everything they declare. Every
// program compiled by an Interp joins the same top-level scope, as the
// inputs of a REPL do: later programs see the functions, classes and
// properties of earlier ones. A Program is bound to the Interp that
// compiled it (its code refers to that interpreter's globals and
// built-ins); to run one source text in several interpreters, compile it
// in each (ktcoro.Program does this for you). Run executes a program's
// initialiser and then its main on the calling goroutine. Use one Interp
// per program or session: interpreters share nothing but the built-in
// classes, and separate interpreters run concurrently.
//
// # Coroutines and natives
//
// A Coroutine (NewCoroutine) holds the frames of one script coroutine.
// Coroutine.Run executes them on the calling goroutine until the outermost
// function returns (Done), an exception escapes it (Failed) or a native
// suspends it (Suspended); script-to-script calls push frames in the same
// dispatch loop instead of recursing in Go. A native (NativeFunc) receives
// the running Coroutine, the receiver and the arguments, and returns a
// Value or an error: an *Exception (Coroutine.Errorf, Interp.NewError) is
// thrown in the script as it is, an *Interrupted stops the script, and
// any other error is thrown as a java.lang.RuntimeException with the
// error's text. NewGoFunc wraps a plain Go function, converting its
// arguments and results with FromValue and ToValue. A native may call
// script code back with Coroutine.CallSync, provided that code does not
// suspend.
//
// # The suspension protocol
//
// A native that must wait (delay, join, a host's asynchronous call) calls
// Coroutine.Suspend, arranges for a wake-up, and returns ErrSuspend. Run
// then returns Suspended and the coroutine keeps its frames on its heap
// stack; no goroutine waits for it. When the awaited event fires, whoever
// handles it calls Resume (the value of the suspended call) or
// ResumeWithException (an error the call throws) exactly once, and then
// Run again — on the coroutine's dispatcher, never while another Run of
// the same coroutine is in progress. Run continues after the suspended
// call. The coroutine runtime of package stdlib/coroutines implements
// launch, delay, withContext and the rest on this protocol and package
// sched, installing itself through Interp.RunHook, Interp.SuspendMainHook
// and Interp.SetTickHook.
//
// # Errors
//
// Compile errors are a lang.ErrorList. An exception a script does not
// catch is an *Exception; Interp.Interrupt and Options.MaxSteps stop
// scripts with an uncatchable *Interrupted. A Go panic inside the VM or a
// native fails the coroutine with java.lang.InternalError (an unexpected
// runtime error in a native: IllegalArgumentException), and a panic in
// the compiler becomes a diagnostic: no panic escapes to the host.
//
// # Goroutine safety
//
// An Interp does not serialise script execution by itself. These are safe
// from any goroutine at any time: Interp.Interrupt, ClearInterrupt,
// IsInterrupted, WriteOut, Flush, SetData, Data and Options; the
// functions Throw, ToValue, NewGoFunc, NewGoSignature, IdentityHash and
// the constructors of Values; reading a Class, Function or Program. All
// the rest must be used by one goroutine at a time, and not while script
// code of the same interpreter runs: compiling, Run, Define* and the other
// definitions (which must be complete before the first script runs),
// reading or assigning globals, and the objects scripts can reach —
// globals, Instance fields, Lists, Maps, Exceptions, even the Values held
// in them, which a concurrent write can tear. A Coroutine is run by one
// goroutine at a time, and its methods belong to the goroutine running it
// (the natives it calls).
//
// Package stdlib/coroutines supplies the lock (its GIL) that lets one
// interpreter's coroutines run on several threads; with it installed,
// touch the interpreter from other goroutines only through
// coroutines.Locked, coroutines.Call and the other functions of that
// package that say so, or through package ktcoro.
//
// The core classes (AnyClass, StringClass, the exception classes, ...)
// are package variables shared by every Interp in the process. Adding
// members to them (Class.AddMethod, AddProp, SetFactory, ...), as
// packages stdlib and stdlib/coroutines do when they are initialised and
// on their first Install, must
// happen before any interpreter runs scripts.
package interp
