package testutil

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// CheckGolden runs run n times and fails t unless every run succeeds and
// writes exactly the contents of the golden file at path (an example
// program whose output must not depend on timing).
func CheckGolden(t *testing.T, path string, n int, run func(w io.Writer) error) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for range n {
		var out bytes.Buffer
		if err := run(&out); err != nil {
			t.Fatalf("run: %v\noutput so far:\n%s", err, out.String())
		}
		if d := cmp.Diff(string(want), out.String()); d != "" {
			t.Fatalf("output differs from %s (-want +got):\n%s", path, d)
		}
	}
}
