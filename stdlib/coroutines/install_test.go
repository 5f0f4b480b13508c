package coroutines_test

import (
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// install installs the standard library and kotlinx.coroutines in in.
func install(in *interp.Interp) error {
	if err := stdlib.Install(in); err != nil {
		return err
	}
	return coroutines.Install(in)
}

// TestInstallNeedsStdlib: kotlinx.coroutines is installed on top of the
// standard library, never alone.
func TestInstallNeedsStdlib(t *testing.T) {
	in := interp.New(interp.Options{})
	if err := coroutines.Install(in); err == nil {
		coroutines.Close(in)
		t.Fatal("Install succeeded without the standard library")
	}
}
