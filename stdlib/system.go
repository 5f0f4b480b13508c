package stdlib

import (
	"sort"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the process capabilities of scripts (see
// interp.Options): exitProcess and System.exit, System.getenv, and
// java.lang.SecurityException, what they throw when the host did not
// grant them.

// SecurityExceptionClass is java.lang.SecurityException, thrown when a
// script uses a capability the host did not grant (files, exit).
var SecurityExceptionClass *interp.Class

// ReadAfterEOFExceptionClass is kotlin.io.ReadAfterEOFException, what
// readln() throws at the end of the input.
var ReadAfterEOFExceptionClass *interp.Class

var exceptionsOnce sync.Once

// initExceptionClasses makes the exception classes of this file under
// in's RuntimeException (the exception classes are shared by every
// interpreter).
func initExceptionClasses(in *interp.Interp) {
	exceptionsOnce.Do(func() {
		runtimeExc := in.Type("java.lang.RuntimeException")
		SecurityExceptionClass = newExceptionClass("SecurityException", "java.lang.SecurityException", runtimeExc)
		ReadAfterEOFExceptionClass = newExceptionClass("ReadAfterEOFException", "kotlin.io.ReadAfterEOFException", runtimeExc)
	})
}

// newExceptionClass returns an exception class scripts can throw, catch
// and construct (with a message and a cause).
func newExceptionClass(name, qname string, super *interp.Class) *interp.Class {
	c := interp.NewClass(name, qname, super)
	c.Fields = append([]string(nil), super.Fields...)
	c.SetInit(func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		inst := this.AsObject().(*interp.Instance)
		for i := 0; i < len(args) && i < 2 && i < len(inst.Fields); i++ {
			if !interp.IsAbsent(args[i]) {
				inst.Fields[i] = args[i]
			}
		}
		return this, nil
	}, "message", "cause")
	return c
}

// denied is the SecurityException of a capability the host did not
// grant.
func denied(co *interp.Coroutine, what string) error {
	return co.Errorf("java.lang.SecurityException", "%s is not granted by the host", what)
}

func installSystem(in *interp.Interp) {
	initExceptionClasses(in)
	in.DefineType(SecurityExceptionClass)
	in.DefineType(ReadAfterEOFExceptionClass)
	exit := func(name string) interp.NativeFunc {
		return func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
			fn := co.Interp().Options().Exit
			if fn == nil {
				return interp.Null, denied(co, name)
			}
			co.Interp().Flush()
			return interp.Null, fn(int(args[0].ToInt64()))
		}
	}
	in.DefineFunc("exitProcess", exit("exitProcess")).Params = []string{"status"}
	v, ok := in.Lookup("System")
	if !ok {
		return
	}
	system, ok := v.AsObject().(*interp.Class)
	if !ok {
		return
	}
	system.StaticMethods["exit"] = staticFn("exit", exit("System.exit"))
	system.StaticMethods["getenv"] = staticFn("getenv", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		env := co.Interp().Options().Env
		if len(args) > 0 {
			if args[0].IsNull() {
				return interp.Null, co.Errorf("java.lang.NullPointerException", "")
			}
			if s, ok := env[args[0].AsString()]; ok {
				return interp.String(s), nil
			}
			return interp.Null, nil
		}
		keys := make([]string, 0, len(env))
		for k := range env {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if err := co.CheckAlloc(len(keys), interp.MapEntryBytes); err != nil {
			return interp.Null, err
		}
		m := interp.NewMap(interp.LinkedMapClass)
		for _, k := range keys {
			if _, _, err := m.Put(co, interp.String(k), interp.String(env[k])); err != nil {
				return interp.Null, err
			}
		}
		return interp.Obj(m), nil
	})
}
