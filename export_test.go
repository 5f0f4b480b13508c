package ktcoro

// SetBeginHook sets a function that begin calls after the method has
// waited for its turn and before the run is published (tests of the
// races of Interrupt and Close with the start of a run).
func SetBeginHook(fn func()) {
	if fn == nil {
		beginHook.Store(nil)
	} else {
		beginHook.Store(&fn)
	}
}
