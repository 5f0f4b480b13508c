package parser

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and the grammar section of spec/SPEC.md")

const (
	specPath     = "../spec/SPEC.md"
	grammarBegin = "<!-- grammar:begin -->"
	grammarEnd   = "<!-- grammar:end -->"
)

// grammarSection is the text that belongs between the grammar markers.
func grammarSection() string {
	buildParsers()
	return "\n```ebnf\n" + strings.TrimSpace(fileParser.String()) + "\n```\n"
}

// TestGrammarInSpec checks that spec/SPEC.md shows the live grammar; with
// -update it rewrites the section between the markers (creating the file
// when needed).
func TestGrammarInSpec(t *testing.T) {
	b, err := os.ReadFile(specPath)
	if err != nil && !*update {
		t.Fatalf("%v (run go test ./parser -run TestGrammarInSpec -update)", err)
	}
	spec := string(b)
	i := strings.Index(spec, grammarBegin)
	j := strings.Index(spec, grammarEnd)
	if i < 0 || j < i {
		if !*update {
			t.Fatalf("%s: grammar markers missing", specPath)
		}
		t.Fatalf("%s: add the %s / %s markers first", specPath, grammarBegin, grammarEnd)
	}
	cur := spec[i+len(grammarBegin) : j]
	want := grammarSection()
	if cur == want {
		return
	}
	if *update {
		spec = spec[:i+len(grammarBegin)] + want + spec[j:]
		if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the EBNF differs from the live grammar; run go test ./parser -run TestGrammarInSpec -update", specPath)
}
