package ktcoro_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// docPackages are the directories whose exported API must read as a
// reference under `go doc`: the embedding facade and the library packages.
var docPackages = []string{".", "interp", "sched", "stdlib", "stdlib/coroutines", "lang", "parser"}

// TestDocComments checks, without external tools, that every package in
// docPackages has a package doc comment and that every exported name has a
// doc comment: top-level constants, variables, types and functions, methods
// on exported types, exported fields of exported struct types and methods of
// exported interfaces. A constant or variable inside a documented
// parenthesised group counts as documented, as go doc shows the group's
// comment; for fields and interface methods see undocumentedMembers. Test
// files and generated files are not checked.
func TestDocComments(t *testing.T) {
	var missing []string
	for _, dir := range docPackages {
		missing = append(missing, undocumented(t, dir)...)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("%d exported names or packages without a doc comment:\n\t%s",
			len(missing), strings.Join(missing, "\n\t"))
	}
}

// undocumented parses the non-test Go files of dir and returns one line per
// missing doc comment, as "file:line: what".
func undocumented(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if ast.IsGenerated(f) {
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatalf("%s: no Go files", dir)
	}

	var out []string
	report := func(pos token.Pos, format string, args ...any) {
		p := fset.Position(pos)
		out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(p.Filename), p.Line, fmt.Sprintf(format, args...)))
	}

	hasPkgDoc := false
	for _, f := range files {
		if f.Doc != nil && strings.TrimSpace(f.Doc.Text()) != "" {
			hasPkgDoc = true
		}
	}
	if !hasPkgDoc {
		out = append(out, fmt.Sprintf("%s: package %s has no package doc comment", filepath.ToSlash(dir), files[0].Name.Name))
	}

	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				name := d.Name.Name
				if d.Recv != nil {
					recv := receiverType(d.Recv)
					if !ast.IsExported(recv) {
						continue // not shown by go doc
					}
					name = recv + "." + name
				}
				if !documented(d.Doc) {
					report(d.Pos(), "func %s", name)
				}
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				grouped := d.Lparen.IsValid()
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						if !documented(s.Doc) && !(documented(d.Doc) && !grouped) {
							report(s.Pos(), "type %s", s.Name.Name)
						}
						typeDoc := s.Doc
						if typeDoc == nil && !grouped {
							typeDoc = d.Doc
						}
						out = append(out, undocumentedMembers(fset, s, typeDoc)...)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if !n.IsExported() {
								continue
							}
							if !documented(s.Doc) && !documented(d.Doc) && !documented(s.Comment) {
								report(n.Pos(), "%s %s", d.Tok, n.Name)
							}
						}
					}
				}
			}
		}
	}
	return out
}

// undocumentedMembers reports the exported fields of an exported struct
// type and the methods of an exported interface type that are not
// documented. A member is documented by its own doc or line comment, or by
// being named (as a whole word) in the doc comment of its type or in the
// doc comment of an earlier member of its group (the members up to the
// previous blank line): go doc shows the type's comment and the struct's
// source together, so "Keys and Vals hold ..." documents both fields.
func undocumentedMembers(fset *token.FileSet, s *ast.TypeSpec, typeDoc *ast.CommentGroup) []string {
	var (
		list *ast.FieldList
		kind string
	)
	switch typ := s.Type.(type) {
	case *ast.StructType:
		list, kind = typ.Fields, "field"
	case *ast.InterfaceType:
		list, kind = typ.Methods, "method"
	default:
		return nil
	}
	typeWords := words(typeDoc)
	var (
		out        []string
		groupWords = map[string]bool{}
		prevEnd    = -1
	)
	for _, field := range list.List {
		start := field.Pos()
		if field.Doc != nil {
			start = field.Doc.Pos()
		}
		if prevEnd >= 0 && fset.Position(start).Line > prevEnd+1 {
			groupWords = map[string]bool{} // a blank line starts a new group
		}
		end := field.End()
		if field.Comment != nil {
			end = field.Comment.End()
		}
		prevEnd = fset.Position(end).Line
		for w := range words(field.Doc) {
			groupWords[w] = true
		}
		if documented(field.Doc) || documented(field.Comment) {
			continue
		}
		for _, n := range field.Names { // embedded fields and interfaces need no comment
			if n.IsExported() && !typeWords[n.Name] && !groupWords[n.Name] {
				p := fset.Position(n.Pos())
				out = append(out, fmt.Sprintf("%s:%d: %s %s.%s", filepath.ToSlash(p.Filename), p.Line, kind, s.Name.Name, n.Name))
			}
		}
	}
	return out
}

// words returns the identifiers a comment group mentions.
func words(g *ast.CommentGroup) map[string]bool {
	set := map[string]bool{}
	if g == nil {
		return set
	}
	for _, w := range strings.FieldsFunc(g.Text(), func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		set[w] = true
	}
	return set
}

// receiverType returns the name of a method's receiver base type, without
// pointer or type parameters.
func receiverType(recv *ast.FieldList) string {
	if len(recv.List) == 0 {
		return ""
	}
	expr := recv.List[0].Type
	for {
		switch e := expr.(type) {
		case *ast.StarExpr:
			expr = e.X
		case *ast.ParenExpr:
			expr = e.X
		case *ast.IndexExpr:
			expr = e.X
		case *ast.IndexListExpr:
			expr = e.X
		case *ast.Ident:
			return e.Name
		default:
			return ""
		}
	}
}

// documented reports whether a comment group has text other than
// directives such as //go:generate or //nolint.
func documented(g *ast.CommentGroup) bool {
	return g != nil && strings.TrimSpace(g.Text()) != ""
}
