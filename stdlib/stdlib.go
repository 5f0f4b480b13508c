// Package stdlib is what scripts can call: printing, strings, numbers,
// collections, exceptions, Thread/System shims and, later, the coroutine
// API bound to sched. Install wires it into an interpreter. Functions that
// take lambdas which may suspend (repeat, forEach, map, let, apply, ...)
// are written in the language itself, in prelude.kc, so that suspension
// inside them works.
package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// Install defines the standard library in in.
func Install(in *interp.Interp) error {
	installIO(in)
	installLazy(in)
	installStrings(in)
	installNumbers(in)
	installMisc(in)
	installCoroutines(in)
	return installCollectionsAndPrelude(in) // last: the prelude uses the natives
}
