package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// TestGolden runs every testdata/*.kc through the CLI and compares exit
// status, stdout and stderr with testdata/*.golden: the user-visible text
// of diagnostics and backtraces. Run with -update to rewrite them (then
// read the diff).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.kc"))
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"run", f}, strings.NewReader(""), &stdout, &stderr)
			got := "exit " + strconv.Itoa(code) + "\n-- stdout --\n" + stdout.String() + "-- stderr --\n" + stderr.String()
			golden := strings.TrimSuffix(f, ".kc") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestUsage checks the command line's own messages and exit codes.
func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{nil, 0, ""}, // the REPL, on an empty input
		{[]string{"repl", "--nosuchflag"}, 64, ""},
		{[]string{"repl", "extra"}, 64, ""},
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"version"}, 0, "ktcoro " + Version},
		{[]string{"run"}, 64, ""},
		{[]string{"run", "--nosuchflag", "x.kc"}, 64, ""},
		{[]string{"run", "testdata/does-not-exist.kc"}, 64, ""},
		{[]string{"check", "testdata/backtrace.kc"}, 0, ""},
		{[]string{"check", "testdata/unresolved.kc"}, 2, ""},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, strings.NewReader(""), &stdout, &stderr)
		if code != tc.code || !strings.Contains(stdout.String(), tc.out) {
			t.Errorf("ktcoro %v: exit %d, stdout %q; want exit %d with %q (stderr %q)", tc.args, code, stdout.String(), tc.code, tc.out, stderr.String())
		}
	}
}
