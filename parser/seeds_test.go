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
