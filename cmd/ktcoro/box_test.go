package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBox runs the self-checking programs of spec/box: each file
// spec/box/<section>/<name>.kc defines `fun box(): String`, which returns
// "OK" when all its checks pass. The test appends a main that prints the
// result, runs the program in-process on the virtual clock like TestSpec,
// and fails unless it prints exactly "OK". spec/box/known-failures.txt
// lists the programs that do not pass yet (same contract as
// spec/known-failures.txt: skipped while failing, an error once passing).
// A listed program whose reason starts with "crash" kills the Go runtime
// (e.g. a fatal stack overflow, which no recover can stop): it is skipped
// without being run, so it must be taken off the list by hand once fixed.
func TestBox(t *testing.T) {
	root := filepath.Join("..", "..", "spec", "box")
	known := knownFailures(t, root)
	var progs []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".kc") {
			progs = append(progs, p)
		}
		return nil
	})
	if len(progs) == 0 {
		t.Fatal("no programs found under spec/box")
	}
	dir := t.TempDir()
	seen := map[string]bool{}
	for _, path := range progs {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			if reason, ok := known[rel]; ok && strings.HasPrefix(reason, "crash") {
				t.Skipf("known crash, not run (%s)", reason)
			}
			msg := runBox(t, path, filepath.Join(dir, strings.ReplaceAll(rel, "/", "_")))
			reason, isKnown := known[rel]
			switch {
			case msg != "" && isKnown:
				t.Skipf("known failure (%s)", reason)
			case msg != "":
				t.Error(msg)
			case isKnown:
				t.Errorf("passes now: remove it from spec/box/known-failures.txt")
			}
		})
	}
	for k := range known {
		if !seen[k] {
			t.Errorf("spec/box/known-failures.txt lists %s, which does not exist", k)
		}
	}
}

// boxMain is appended to every box program to make it runnable.
const boxMain = "\nfun main() { println(box()) }\n"

// runBox writes the program at path with boxMain appended to scratch, runs
// it and returns "" when it printed OK, else a description of what it did.
func runBox(t *testing.T, path, scratch string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scratch, append(src, boxMain...), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "--virtual-time", "--timeout", "20s", scratch}, strings.NewReader(""), &stdout, &stderr)
	if code == 0 && stdout.String() == "OK\n" {
		return ""
	}
	errText := strings.ReplaceAll(stderr.String(), scratch, filepath.Base(path))
	out := stdout.String()
	return "exit status " + strconv.Itoa(code) + "\nstdout:\n" + out[:min(len(out), 2000)] + "\nstderr:\n" + errText[:min(len(errText), 2000)]
}
