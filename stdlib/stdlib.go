package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// Install defines the standard library in in: the built-in functions,
// classes and extensions and the prelude (loaded on demand by the
// compiler, see interp.Interp.SetPreCompile). It does not add
// kotlinx.coroutines: package coroutines does, on top of it
// (coroutines.Install, called right after Install); without it a script
// runs on the thread "main" and cannot use coroutines. Call it once per
// interpreter, right after interp.New and before compiling scripts. The
// error reports a prelude that failed to compile (an internal error). Not
// safe once scripts run, in any interpreter of the process (the first
// Install adds methods to the shared core classes).
func Install(in *interp.Interp) error {
	installNatives(in)
	if err := installCollectionsAndPrelude(in); err != nil { // last: the prelude uses the natives
		return err
	}
	return AddPrelude(in, "file.kc", fileSrc)
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
	installOptIn(in)
	installLocks(in)
	installConcurrent(in)
	installSystem(in)
	installFile(in)
}
