package interp

// SetMaxConvertNodes changes the bound on the parts one conversion
// visits (for fuzzing at a useful speed) and returns the old one's
// restorer. Not for parallel tests.
func SetMaxConvertNodes(n int) (restore func()) {
	old := maxConvertNodes
	maxConvertNodes = n
	return func() { maxConvertNodes = old }
}
