package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScriptArgs runs a script-mode file with arguments after its name:
// its top-level code sees them as `args`. The expected output is what
// `kotlinc -script script-mode-args.kts one "two three"` (2.4.20) prints.
func TestScriptArgs(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "../../spec/tests/basics/script-mode-args.kc", "one", "two three"}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	want := "args: 2 [one, two three] true\none, two three\n"
	if diff := cmp.Diff(want, stdout.String()); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
}
