package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The conformance cases of spec/tests run in-process through the CLI's run
// function, checked by the rules of ../shared/conformance/README.md.
// spec/known-failures.txt lists the cases that do not pass yet, each with
// a reason: they are reported as skipped; a listed case that passes fails
// the test so that the list only shrinks.

// specCase is one NAME.kc with its expectations.
type specCase struct {
	path string
	mode string
	args []string
	exit int
	out  string
	err  *string
}

var directive = regexp.MustCompile(`^//\s*(verify|args|exit)\s*:\s*(.*?)\s*$`)

func loadCase(t *testing.T, path string) *specCase {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &specCase{path: path, mode: "exact"}
	for _, line := range strings.Split(string(src), "\n") {
		s := strings.TrimSpace(line)
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "//") {
			break
		}
		m := directive.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		switch m[1] {
		case "verify":
			c.mode = m[2]
		case "args":
			c.args = strings.Fields(m[2])
		case "exit":
			c.exit, _ = strconv.Atoi(m[2])
		}
	}
	base := strings.TrimSuffix(path, ".kc")
	out, err := os.ReadFile(base + ".out")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c.out = string(out)
	if e, err := os.ReadFile(base + ".err"); err == nil {
		s := string(e)
		c.err = &s
	}
	return c
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// check compares a run with the case's expectations and returns a
// description of the first mismatch, or "".
func (c *specCase) check(stdout, stderr string, code int) string {
	if code != c.exit {
		return "exit status " + strconv.Itoa(code) + ", want " + strconv.Itoa(c.exit) + "\nstderr:\n" + stderr
	}
	want, got := splitLines(c.out), splitLines(stdout)
	switch c.mode {
	case "exact":
		if stdout != c.out {
			return "stdout (-want +got):\n" + cmp.Diff(want, got)
		}
	case "unordered":
		w, g := append([]string(nil), want...), append([]string(nil), got...)
		sort.Strings(w)
		sort.Strings(g)
		if !cmp.Equal(w, g) {
			return "stdout lines (sorted, -want +got):\n" + cmp.Diff(w, g)
		}
	case "lines-start":
		if len(want) != len(got) {
			return "stdout (-want +got):\n" + cmp.Diff(want, got)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				return "stdout line " + strconv.Itoa(i+1) + ": " + strconv.Quote(got[i]) + " does not start with " + strconv.Quote(want[i])
			}
		}
	case "lines-start-unordered":
		if len(want) != len(got) || !prefixMatching(want, got) {
			return "stdout lines do not pair up with the expected prefixes (-want +got):\n" + cmp.Diff(want, got)
		}
	default:
		return "unknown verify mode " + c.mode
	}
	if c.err != nil {
		we, ge := splitLines(*c.err), splitLines(stderr)
		for i, w := range we {
			if i >= len(ge) || !strings.HasPrefix(ge[i], w) {
				return "stderr (-want prefixes +got):\n" + cmp.Diff(we, ge)
			}
		}
	}
	return ""
}

// prefixMatching pairs every actual line with a distinct expected prefix
// (bipartite matching by augmenting paths).
func prefixMatching(expected, actual []string) bool {
	owner := make([]int, len(expected))
	for i := range owner {
		owner[i] = -1
	}
	var augment func(i int, seen []bool) bool
	augment = func(i int, seen []bool) bool {
		for j, e := range expected {
			if seen[j] || !strings.HasPrefix(actual[i], e) {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || augment(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	for i := range actual {
		if !augment(i, make([]bool, len(expected))) {
			return false
		}
	}
	return true
}

// knownFailures reads spec/known-failures.txt: "path  reason" lines.
func knownFailures(t *testing.T, root string) map[string]string {
	t.Helper()
	known := map[string]string{}
	f, err := os.Open(filepath.Join(root, "known-failures.txt"))
	if err != nil {
		return known
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		known[name] = strings.TrimSpace(reason)
	}
	return known
}

func TestSpec(t *testing.T) {
	root := filepath.Join("..", "..", "spec")
	known := knownFailures(t, root)
	var cases []string
	filepath.WalkDir(filepath.Join(root, "tests"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".kc") {
			cases = append(cases, p)
		}
		return nil
	})
	if len(cases) == 0 {
		t.Fatal("no cases found under spec/tests")
	}
	seen := map[string]bool{}
	for _, path := range cases {
		rel, _ := filepath.Rel(filepath.Join(root, "tests"), path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			c := loadCase(t, path)
			abs, _ := filepath.Abs(path)
			var stdout, stderr bytes.Buffer
			args := append([]string{"run", "--virtual-time", "--timeout", "20s"}, c.args...)
			args = append(args, abs)
			code := run(args, strings.NewReader(""), &stdout, &stderr)
			// the conformance tool runs cases from their directory
			errText := strings.ReplaceAll(stderr.String(), abs, filepath.Base(abs))
			msg := c.check(stdout.String(), errText, code)
			reason, isKnown := known[rel]
			switch {
			case msg != "" && isKnown:
				t.Skipf("known failure (%s)", reason)
			case msg != "":
				t.Errorf("%s\nstderr:\n%s", msg, errText[:min(len(errText), 2000)])
			case isKnown:
				t.Errorf("passes now: remove it from spec/known-failures.txt")
			}
		})
	}
	for k := range known {
		if !seen[k] {
			t.Errorf("spec/known-failures.txt lists %s, which does not exist", k)
		}
	}
}
