package parser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ktcoro/ktcoro/lang"
)

// FuzzParse checks that no input makes the parser panic or hang and that
// every error carries a valid position.
func FuzzParse(f *testing.F) {
	for _, pat := range []string{"testdata/*.kc", "testdata/errors/*.kc", seedDir + "/*.kc"} {
		files, _ := filepath.Glob(pat)
		for _, fn := range files {
			if b, err := os.ReadFile(fn); err == nil && len(b) < 4000 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("val s = \"a${b + \"c${d}\"}e$f\"\nfun main() { run loop@{ return@loop } }"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := ParseFile("fuzz.kc", src)
		if err == nil {
			return
		}
		el, ok := err.(lang.ErrorList)
		if !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		if len(el) == 0 {
			t.Fatal("empty error list")
		}
		for _, e := range el {
			if e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("invalid position in %q", e.Error())
			}
		}
	})
}
