package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/lang"
)

// seedDir holds the conformance programs; every one of them must parse.
const seedDir = "../../shared/conformance/seeds"

func TestConformanceSeedsParse(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.kc"))
	if len(files) == 0 {
		t.Skip("no conformance seeds found")
	}
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseFile(filepath.Base(fn), src); err != nil {
			if el, ok := err.(lang.ErrorList); ok {
				t.Errorf("%s", el.Detail())
			} else {
				t.Errorf("%s: %v", fn, err)
			}
		}
	}
}

// TestSpecTestsParse parses every program under spec/tests: all must parse
// except the syntax-error cases, whose first diagnostic must match the
// recorded NAME.kc:LINE:COL prefix.
func TestSpecTestsParse(t *testing.T) {
	var files []string
	filepath.WalkDir("../spec/tests", func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".kc") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no spec tests found")
	}
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(fn)
		_, err = ParseFile(base, src)
		if filepath.Base(filepath.Dir(fn)) == "errors" {
			// compile-error cases: syntax-* must fail to parse; a case that
			// fails here must fail with its expected first line
			want, _ := os.ReadFile(strings.TrimSuffix(fn, ".kc") + ".err")
			w, _, _ := strings.Cut(string(want), "\n")
			if err == nil && strings.HasPrefix(base, "syntax-") {
				t.Errorf("%s: parsed without error", fn)
			} else if err != nil && !strings.HasPrefix(err.Error(), w) {
				t.Errorf("%s: got %q, want prefix %q", fn, err.Error(), w)
			}
			continue
		}
		if err != nil {
			if el, ok := err.(lang.ErrorList); ok {
				t.Errorf("%s", el.Detail())
			} else {
				t.Errorf("%s: %v", fn, err)
			}
		}
	}
}

// TestDump parses the files named in $KTDUMP (debugging aid).
func TestDump(t *testing.T) {
	env := os.Getenv("KTDUMP")
	if env == "" {
		t.Skip()
	}
	for _, fn := range strings.Fields(env) {
		src, _ := os.ReadFile(fn)
		_, err := ParseFile(fn, src)
		if el, ok := err.(lang.ErrorList); ok {
			t.Log(el.Detail())
		} else if err != nil {
			t.Log(err)
		}
	}
}
