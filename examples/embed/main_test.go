package main

import (
	"github.com/ktcoro/ktcoro/internal/testutil"
	"testing"
)

// TestOutput runs the example and compares what it prints with
// testdata/output.golden. The output does not depend on timing: the
// three fetches wait for each other, the cancellation waits until the
// script is in waitForever, and delays run on the virtual clock.
func TestOutput(t *testing.T) {
	// a few times: each run must give the same output
	testutil.CheckGolden(t, "testdata/output.golden", 3, run)
}
