package ktcoro_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the package edges of DESIGN.md: lang imports
// only the standard library, parser is the only importer of participle,
// sched imports nothing of the language, interp does not import stdlib,
// stdlib does not import stdlib/coroutines (kotlinx.coroutines sits on the
// standard library, not the other way round), the root package (the
// embedding facade) sits on interp, stdlib, stdlib/coroutines and sched.
func TestImportDirection(t *testing.T) {
	const mod = "github.com/ktcoro/ktcoro/"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	allowed := map[string][]string{
		"lang":              {},
		"parser":            {"lang"},
		"sched":             {},
		"interp":            {"lang", "parser", "sched", "internal/jfmt"},
		"stdlib":            {"interp", "sched", "lang", "internal/jfmt"},
		"stdlib/coroutines": {"interp", "sched", "lang", "internal/jfmt", "stdlib"},
		"internal/jfmt":     {},
		"internal/testutil": {},
		".":                 {"interp", "stdlib", "stdlib/coroutines", "sched", "lang", "parser"}, // the embedding facade
		"cmd/ktcoro":        {"interp", "stdlib", "stdlib/coroutines", "lang", "parser", "sched"},
		"examples/embed":    {"interp", "stdlib", "stdlib/coroutines", "sched", "internal/testutil"},
		"examples/fetch":    {"internal/testutil"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		if pkg == strings.TrimSuffix(mod, "/") {
			pkg = "."
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the import-direction table of deps_test.go", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/alecthomas/participle") && pkg != "parser" {
				t.Errorf("%s imports participle; only parser may", pkg)
			}
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			dep := strings.TrimPrefix(imp, mod)
			found := false
			for _, a := range ok {
				if a == dep {
					found = true
				}
			}
			if !found {
				t.Errorf("%s imports %s, against DESIGN.md's import direction", pkg, dep)
			}
		}
	}
}
