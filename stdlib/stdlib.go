package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// Install defines the standard library in in: the built-in functions,
// classes and extensions, the prelude (loaded on demand by the compiler,
// see interp.Interp.SetPreCompile), and the coroutine runtime, which it
// binds to in through interp.Interp.RunHook, SuspendMainHook and the tick
// hook. Call it once per interpreter, right after interp.New and before
// compiling scripts, and Close the interpreter when done: the runtime owns
// goroutines. The error reports a prelude that failed to compile (an
// internal error). Not safe once scripts run, in any interpreter of the
// process (the first Install adds methods to the shared core classes).
func Install(in *interp.Interp) error {
	installNatives(in)
	installCoroutines(in)
	return installCollectionsAndPrelude(in) // last: the prelude uses the natives
}

// installNatives defines the Go natives of the standard library but the
// collections (which come with the prelude, see
// installCollectionsAndPrelude).
func installNatives(in *interp.Interp) {
	installIO(in)
	installLazy(in)
	installStrings(in)
	installNumbers(in)
	installMisc(in)
	installDuration(in)
}
