package parser

import (
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/lang"
)

// deepSources are chains that nest the syntax tree n levels deep without
// (or with) brackets.
var deepSources = map[string]func(n int) string{
	"call":     func(n int) string { return "val x = 1" + strings.Repeat(".inc()", n) },
	"safecall": func(n int) string { return "val x = 1" + strings.Repeat("?.inc()", n) },
	"throw":    func(n int) string { return "fun f() { " + strings.Repeat("throw ", n) + "E() }" },
	"return":   func(n int) string { return "fun f() { " + strings.Repeat("return ", n) + "1 }" },
	"if":       func(n int) string { return "val x = " + strings.Repeat("if (c) ", n) + "1" },
	"elseif":   func(n int) string { return "val x = if (c) 0 " + strings.Repeat("else if (c) 1 ", n) + "else 2" },
	"elseif;":  func(n int) string { return "fun f() { if (c) 0; " + strings.Repeat("else if (c) 1; ", n) + "else 2 }" },
	"while":    func(n int) string { return "fun f() { " + strings.Repeat("while (c) ", n) + "g() }" },
	"not":      func(n int) string { return "val x = " + strings.Repeat("!", n) + "true" },
	"minus":    func(n int) string { return "val x = " + strings.Repeat("- ", n) + "1" },
	"plus":     func(n int) string { return "val x = a" + strings.Repeat(" + a", n) },
	"lines":    func(n int) string { return "val x = a" + strings.Repeat("\n.n", n) },
	"as":       func(n int) string { return "val x = 1" + strings.Repeat(" as Int", n) },
	"paren":    func(n int) string { return "val x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) },
	"lambda":   func(n int) string { return "val x = " + strings.Repeat("{ ", n) + strings.Repeat("}", n) },
	"template": func(n int) string { return "val x = " + strings.Repeat(`"${`, n) + "1" + strings.Repeat(`}"`, n) },
	"raw":      func(n int) string { return "val x = " + strings.Repeat(`"""${`, n) + "1" + strings.Repeat(`}"""`, n) },
	"functype": func(n int) string { return "val f: " + strings.Repeat("() -> ", n) + "Int = g" },
	"nullable": func(n int) string { return "val f: Int" + strings.Repeat("?", n) + " = g" },
	"generic": func(n int) string {
		return "val l: " + strings.Repeat("L<", n) + "Int" + strings.Repeat(">", n) + " = g"
	},
	"anonfun": func(n int) string { return "val f = " + strings.Repeat("fun() = ", n) + "1" },
}

// TestDeepNesting parses every chain shallow (no error) and 100,000
// levels deep (the nesting diagnostic at a valid position, no Go stack
// overflow); Incomplete answers on both.
func TestDeepNesting(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	for name, gen := range deepSources {
		if _, err := ParseFile("deep.kc", []byte(gen(5))); err != nil {
			t.Errorf("%s: 5 levels: %v", name, err)
		}
		src := gen(n)
		_, err := ParseFile("deep.kc", []byte(src))
		el, ok := err.(lang.ErrorList)
		if !ok || len(el) != 1 || !strings.Contains(el[0].Msg, "code nested more than 2000 levels deep") || el[0].Pos.Line < 1 || el[0].Pos.Col < 1 {
			t.Errorf("%s: %d levels: %v", name, n, err)
			continue
		}
		if d := el[0].Detail(); len(d) > 1000 {
			t.Errorf("%s: the diagnostic is %d bytes long", name, len(d))
		}
		Incomplete(src)
		Incomplete(gen(5))
	}
}

// TestNestingLimitEdge checks the limit itself: 1,995 brackets parse,
// 2,001 do not, and a chain of statements is not nesting.
func TestNestingLimitEdge(t *testing.T) {
	paren := deepSources["paren"]
	if _, err := ParseFile("p.kc", []byte(paren(maxNesting-5))); err != nil {
		t.Errorf("%d parentheses: %v", maxNesting-5, err)
	}
	if _, err := ParseFile("p.kc", []byte(paren(maxNesting+1))); err == nil {
		t.Errorf("%d parentheses parse", maxNesting+1)
	}
	stmts := "fun f() {\n" + strings.Repeat("g(a.b.c + 1)\n", 100_000) + "}"
	if _, err := ParseFile("s.kc", []byte(stmts)); err != nil {
		t.Errorf("100,000 statements: %v", err)
	}
	args := "val l = listOf(" + strings.Repeat("a + 1, ", 10_000) + "0)"
	if _, err := ParseFile("s.kc", []byte(args)); err != nil {
		t.Errorf("10,000 arguments: %v", err)
	}
	if _, err := ParseExpr("e.kc", []byte(deepSources["template"](1000))); err == nil {
		t.Error("ParseExpr: 1,000 nested templates parse")
	}
}

// TestByteOrderMark checks that a UTF-8 byte-order mark before the first
// line is skipped and does not shift columns.
func TestByteOrderMark(t *testing.T) {
	f, err := ParseFile("bom.kc", []byte("\uFEFFval x = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Body[0].Pos(); p != (lang.Pos{Line: 1, Col: 1}) {
		t.Errorf("first statement at %v", p)
	}
	_, err = ParseFile("bom.kc", []byte("\uFEFFval = 1\n"))
	el, ok := err.(lang.ErrorList)
	if !ok || strings.ContainsRune(el[0].Source, '\uFEFF') {
		t.Errorf("error on a file with a byte-order mark: %#v", err)
	}
}

// BenchmarkParseDeep parses each chain at 100,000 levels (refused) and
// just under the nesting limit.
func BenchmarkParseDeep(b *testing.B) {
	for _, name := range []string{"call", "elseif", "template", "plus", "lambda"} {
		for _, n := range []int{100_000, 600} {
			src := []byte(deepSources[name](n))
			b.Run(name+"/"+map[int]string{100_000: "100000", 600: "600"}[n], func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for i := 0; i < b.N; i++ {
					ParseFile("deep.kc", src)
				}
			})
		}
	}
}
