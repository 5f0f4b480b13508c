package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIUsage: each command's --help prints that command's help on
// stdout and exits 0; usage mistakes say what is wrong and exit 64.
func TestCLIUsage(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string // substrings of stdout and stderr
		notOut   string // must not appear in stdout
	}{
		{args: []string{"--help"}, out: "Usage:\n  ktcoro [repl [flags]]"},
		{args: []string{"run", "--help"}, out: "Usage: ktcoro run [flags] FILE", notOut: "ktcoro check FILE"},
		{args: []string{"run", "-h"}, out: "Usage: ktcoro run [flags] FILE"},
		{args: []string{"check", "--help"}, out: "Usage: ktcoro check FILE", notOut: "--max-steps"},
		{args: []string{"repl", "--help"}, out: "Usage: ktcoro [repl [flags]]", notOut: "--disasm"},
		{args: []string{"frob"}, code: 64, err: `ktcoro: unknown command "frob" (see ktcoro --help)`},
		{args: []string{"run", "--timeout", "5", "x.kc"}, code: 64,
			err: `invalid value "5" for flag -timeout: a duration needs a unit: use e.g. 5s`},
		{args: []string{"run", "--timeout", "1.5", "x.kc"}, code: 64, err: "use e.g. 1.5s"},
		{args: []string{"run", "--timeout", "soon", "x.kc"}, code: 64, err: `invalid duration "soon" (want e.g. 10s, 1m30s or 500ms)`},
		{args: []string{"run", "--bogus", "x.kc"}, code: 64, err: "flag provided but not defined: -bogus\n(see ktcoro run --help)"},
		{args: []string{"check"}, code: 64, err: "usage: ktcoro check FILE"},
		{args: []string{"missing.kc"}, code: 64, err: "missing.kc"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, strings.NewReader(""), &stdout, &stderr)
		name := strings.Join(tc.args, " ")
		if code != tc.code {
			t.Errorf("ktcoro %s: exit status %d, want %d (stderr %q)", name, code, tc.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), tc.out) {
			t.Errorf("ktcoro %s: stdout %q, want it to contain %q", name, stdout.String(), tc.out)
		}
		if tc.notOut != "" && strings.Contains(stdout.String(), tc.notOut) {
			t.Errorf("ktcoro %s: stdout has %q: not this command's help", name, tc.notOut)
		}
		if !strings.Contains(stderr.String(), tc.err) {
			t.Errorf("ktcoro %s: stderr %q, want it to contain %q", name, stderr.String(), tc.err)
		}
	}
}

// TestCLITimeoutUnits: --timeout takes a duration with a unit.
func TestCLITimeoutUnits(t *testing.T) {
	file := writeScript(t, `fun main() { println("ok") }`)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "--timeout", "1m30s", file}, strings.NewReader(""), &stdout, &stderr); code != 0 || stdout.String() != "ok\n" {
		t.Errorf("exit status %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// writeScript writes src to a script file in a temporary directory.
func writeScript(t *testing.T, src string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "script.kc")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
