package main

import (
	"io"
	"os"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// The capabilities ktcoro run and the REPL grant: a script the user
// chose to run may use the whole file system (with the process's working
// directory), the real environment and the process's exit status.

// localFiles grants the whole file system, relative paths resolved
// against the working directory.
func localFiles() *interp.FileAccess {
	dir, err := os.Getwd()
	if err != nil {
		dir = "/"
	}
	return &interp.FileAccess{Root: "/", Dir: dir}
}

// localEnv is a copy of the process's environment.
func localEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// exitStatus records the status of the first exitProcess of a script.
type exitStatus struct {
	mu     sync.Mutex
	code   int
	exited bool
}

// set is the interpreter's Options.Exit: it records code and stops the
// script at once (an uncatchable *interp.Interrupted; finally blocks do
// not run).
func (e *exitStatus) set(code int) error {
	e.mu.Lock()
	if !e.exited {
		e.code, e.exited = code, true
	}
	e.mu.Unlock()
	return &interp.Interrupted{Reason: "exited"}
}

// get returns the recorded status, ok false when the script did not exit.
func (e *exitStatus) get() (int, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.code, e.exited
}

// gate returns w behind the exit's shutter: what is written after the
// script exited is dropped. The coroutines exitProcess stops may run a
// step or two more (the finally block of a coroutine cancelled
// meanwhile), but nothing of it shows, as nothing runs after the JVM's
// System.exit.
func (e *exitStatus) gate(w io.Writer) io.Writer { return &exitGate{e: e, w: w} }

// exitGate is a writer that drops what is written after the exit.
type exitGate struct {
	e *exitStatus
	w io.Writer
}

func (g *exitGate) Write(p []byte) (int, error) {
	if _, exited := g.e.get(); exited {
		return len(p), nil
	}
	return g.w.Write(p)
}
