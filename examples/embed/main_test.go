package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutput runs the example and compares what it prints with
// testdata/output.golden. The output does not depend on timing: the
// three fetches wait for each other, the cancellation waits until the
// script is in waitForever, and delays run on the virtual clock.
func TestOutput(t *testing.T) {
	want, err := os.ReadFile("testdata/output.golden")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 { // a few times: each run must give the same output
		var out bytes.Buffer
		if err := run(&out); err != nil {
			t.Fatalf("run: %v\noutput so far:\n%s", err, out.String())
		}
		if d := cmp.Diff(string(want), out.String()); d != "" {
			t.Fatalf("output differs from testdata/output.golden (-want +got):\n%s", d)
		}
	}
}
