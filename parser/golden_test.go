package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/lang"
)

// TestErrorGolden parses testdata/errors/*.kc and compares the detailed
// diagnostics with the .golden files (go test -update rewrites them).
func TestErrorGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.kc")
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		_, perr := ParseFile(filepath.Base(fn), src)
		var got string
		switch e := perr.(type) {
		case nil:
			got = "no error\n"
		case lang.ErrorList:
			got = e.Detail() + "\n"
		default:
			t.Errorf("%s: error of type %T, want lang.ErrorList", fn, perr)
			continue
		}
		golden := strings.TrimSuffix(fn, ".kc") + ".golden"
		if *update {
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run with -update)", fn, err)
			continue
		}
		if got != string(want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", fn, got, want)
		}
	}
}
