package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ktcoro/ktcoro/lang"
)

var ignorePos = cmpopts.IgnoreTypes(lang.At{}, lang.Pos{})

func id(n string) *lang.Ident    { return &lang.Ident{Name: n} }
func num(v int64) *lang.IntLit   { return &lang.IntLit{Value: v, Raw: itoa(v)} }
func typ(n string) *lang.TypeRef { return &lang.TypeRef{Name: n} }
func itoa(v int64) string {
	if v < 10 {
		return string(rune('0' + v))
	}
	return itoa(v/10) + itoa(v%10)
}

func parseOne(t *testing.T, src string) []lang.Stmt {
	t.Helper()
	f, err := ParseFile("t.kc", []byte(src))
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return f.Body
}

func TestStatementsCmp(t *testing.T) {
	tests := []struct {
		src  string
		want []lang.Stmt
	}{
		{"val x: Int = 1", []lang.Stmt{&lang.VarDecl{Name: "x", Type: typ("Int"), Init: num(1)}}},
		{"var (a, _) = p", []lang.Stmt{&lang.VarDecl{Mutable: true, Destructure: []string{"a", "_"}, Init: id("p")}}},
		{"a.b[i] += 2", []lang.Stmt{&lang.Assign{Op: "+=", Target: &lang.Index{X: &lang.Member{X: id("a"), Name: "b"}, Index: []lang.Expr{id("i")}}, Value: num(2)}}},
		{"x = 1; y = 2", []lang.Stmt{
			&lang.Assign{Op: "=", Target: id("x"), Value: num(1)},
			&lang.Assign{Op: "=", Target: id("y"), Value: num(2)},
		}},
		{"outer@ for ((k, v) in m) continue@outer", []lang.Stmt{&lang.For{Label: "outer", Destructure: []string{"k", "v"}, Iter: id("m"),
			Body: &lang.Block{Stmts: []lang.Stmt{&lang.ExprStmt{X: &lang.Continue{Label: "outer"}}}}}}},
		{"do { i++ } while (i < 3)", []lang.Stmt{&lang.DoWhile{
			Body: &lang.Block{Stmts: []lang.Stmt{&lang.ExprStmt{X: &lang.Postfix{Op: "++", X: id("i")}}}},
			Cond: &lang.Binary{Op: "<", X: id("i"), Y: num(3)}}}},
		{"fun <T> List<T>.second(): T = this[1]", []lang.Stmt{&lang.FunDecl{
			TypeParams: []*lang.TypeParam{{Name: "T"}},
			Receiver:   &lang.TypeRef{Name: "List", Args: []*lang.TypeRef{typ("T")}},
			Name:       "second", Result: typ("T"),
			ExprBody: &lang.Index{X: &lang.This{}, Index: []lang.Expr{num(1)}}}}},
		{"val f: suspend CoroutineScope.() -> Unit = {}", []lang.Stmt{&lang.VarDecl{Name: "f",
			Type: &lang.TypeRef{Func: &lang.FuncType{Suspend: true, Receiver: typ("CoroutineScope"), Result: typ("Unit")}},
			Init: &lang.Lambda{}}}},
		{"val g: ((Int) -> Int)? = null", []lang.Stmt{&lang.VarDecl{Name: "g",
			Type: &lang.TypeRef{Nullable: true, Func: &lang.FuncType{Params: []*lang.TypeRef{typ("Int")}, Result: typ("Int")}},
			Init: &lang.NullLit{}}}},
		{"import a.b.*", nil},
		{`val y = when (s) { is String -> "str" else -> "?" }`, []lang.Stmt{&lang.VarDecl{Name: "y", Init: &lang.When{Subject: id("s"),
			Entries: []*lang.WhenEntry{
				{Conds: []*lang.WhenCond{{Kind: "is", Type: typ("String")}}, Body: &lang.Block{Stmts: []lang.Stmt{&lang.ExprStmt{X: &lang.StringLit{Parts: []lang.StringPart{{Text: "str"}}}}}}},
				{Else: true, Body: &lang.Block{Stmts: []lang.Stmt{&lang.ExprStmt{X: &lang.StringLit{Parts: []lang.StringPart{{Text: "?"}}}}}}},
			}}}}},
		{"f { x as (Int) -> Unit }", []lang.Stmt{&lang.ExprStmt{X: &lang.Call{Fn: id("f"), Lambda: &lang.Lambda{Body: []lang.Stmt{&lang.ExprStmt{X: &lang.As{X: id("x"),
			Type: &lang.TypeRef{Func: &lang.FuncType{Params: []*lang.TypeRef{typ("Int")}, Result: typ("Unit")}}}}}}}}}},
		{"var x = 0 get() = 1", []lang.Stmt{&lang.VarDecl{Mutable: true, Name: "x", Init: num(0), Getter: &lang.Accessor{ExprBody: num(1)}}}},
	}
	for _, tt := range tests {
		got := parseOne(t, tt.src)
		if diff := cmp.Diff(tt.want, got, ignorePos, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.src, diff)
		}
	}
}

func TestDeclarations(t *testing.T) {
	src := `@file:JvmName("x")
package demo.app
import a.b.C as D

enum class Color(val rgb: Int) {
    RED(0xFF0000) { override fun label() = "r" },
    GREEN(0x00FF00);
    open fun label() = name
}

data class P(val x: Int, var y: Int = 0) : Base(x), Iface by impl {
    init { check(x > 0) }
    constructor(s: String) : this(s.toInt())
    companion object { const val ZERO = 0 }
    var count = 0
        private set
    val twice: Int
        get() = x * 2
}

class A private constructor(private val n: Int)
typealias Name = String
`
	f, err := ParseFile("d.kc", []byte(src))
	if err != nil {
		t.Fatalf("%q", err.Error())
	}
	if f.Package != "demo.app" || len(f.Imports) != 1 || f.Imports[0].Alias != "D" || f.Imports[0].Path != "a.b.C" {
		t.Errorf("header: %+v %+v", f.Package, f.Imports)
	}
	if len(f.Body) != 4 {
		t.Fatalf("got %d top-level statements, want 4", len(f.Body))
	}
	if a, ok := f.Body[3].(*lang.TypeAliasDecl); !ok || a.Name != "Name" || a.Type.Name != "String" {
		t.Errorf("typealias: %s", sexpr(f.Body[3]))
	}
	enum := f.Body[0].(*lang.ClassDecl)
	if !enum.Mods.Enum || len(enum.EnumEntries) != 2 || enum.EnumEntries[0].Members == nil || len(enum.Members) != 1 {
		t.Errorf("enum: %s", sexpr(enum))
	}
	p := f.Body[1].(*lang.ClassDecl)
	if !p.Mods.Data || len(p.CtorParams) != 2 || p.CtorParams[1].Prop != "var" || p.CtorParams[1].Default == nil {
		t.Errorf("data class: %s", sexpr(p))
	}
	if len(p.Supers) != 2 || !p.Supers[0].HasCall || p.Supers[1].Delegate == nil {
		t.Errorf("supers: %s", sexpr(p.Supers))
	}
	kinds := ""
	for _, m := range p.Members {
		switch m := m.(type) {
		case *lang.InitBlock:
			kinds += "init "
		case *lang.SecondaryCtor:
			kinds += "ctor:" + m.Delegate + " "
		case *lang.ClassDecl:
			kinds += "object:" + m.Name + " "
		case *lang.VarDecl:
			kinds += "var:" + m.Name
			if m.Setter != nil {
				kinds += "+set:" + m.Setter.Mods.Visibility
			}
			if m.Getter != nil {
				kinds += "+get"
			}
			kinds += " "
		}
	}
	if want := "init ctor:this object:Companion var:count+set:private var:twice+get "; kinds != want {
		t.Errorf("members: got %q want %q", kinds, want)
	}
	a := f.Body[2].(*lang.ClassDecl)
	if a.CtorMods.Visibility != "private" || !a.HasCtor || a.CtorParams[0].Mods.Visibility != "private" {
		t.Errorf("ctor mods: %s", sexpr(a))
	}
}

func TestPositions(t *testing.T) {
	src := "fun main() {\n    val héllo = \"x${a +\n  b}\"\n    foo.bar(1)\n}\n"
	f, err := ParseFile("p.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fn := f.Body[0].(*lang.FunDecl)
	if fn.Pos() != (lang.Pos{Line: 1, Col: 1}) || fn.NamePos != (lang.Pos{Line: 1, Col: 5}) {
		t.Errorf("fun at %v name at %v", fn.Pos(), fn.NamePos)
	}
	v := fn.Body.Stmts[0].(*lang.VarDecl)
	if v.Pos() != (lang.Pos{Line: 2, Col: 5}) || v.NamePos != (lang.Pos{Line: 2, Col: 9}) {
		t.Errorf("val at %v name at %v", v.Pos(), v.NamePos)
	}
	s := v.Init.(*lang.StringLit)
	if s.Pos() != (lang.Pos{Line: 2, Col: 17}) {
		t.Errorf("string at %v", s.Pos())
	}
	bin := s.Parts[1].Expr.(*lang.Binary)
	if bin.X.Pos() != (lang.Pos{Line: 2, Col: 21}) || bin.OpPos != (lang.Pos{Line: 2, Col: 23}) || bin.Y.Pos() != (lang.Pos{Line: 3, Col: 3}) {
		t.Errorf("template positions: %v %v %v", bin.X.Pos(), bin.OpPos, bin.Y.Pos())
	}
	call := fn.Body.Stmts[1].(*lang.ExprStmt).X.(*lang.Call)
	m := call.Fn.(*lang.Member)
	if call.Pos() != (lang.Pos{Line: 4, Col: 5}) || m.NamePos != (lang.Pos{Line: 4, Col: 9}) || call.Args[0].Pos() != (lang.Pos{Line: 4, Col: 13}) {
		t.Errorf("call at %v, member name at %v, arg at %v", call.Pos(), m.NamePos, call.Args[0].Pos())
	}
	// errors inside templates point into the file
	_, err = ParseFile("p.kc", []byte("val s = \"a\n${1 +}\"\n"))
	if err == nil {
		// a newline inside a regular string is an error of its own
		t.Fatal("expected an error")
	}
	_, err = ParseFile("p.kc", []byte("val s = \"\"\"a\n  ${1 + }\"\"\"\n"))
	if el, ok := err.(lang.ErrorList); !ok || el[0].Pos != (lang.Pos{Line: 2, Col: 8}) {
		t.Errorf("template error: %v", err)
	}
}

func TestNewlineRules(t *testing.T) {
	ok := []string{
		"fun f(x: Int) =\n    x +\n    1",
		"val y = a\n    .b()\n    ?.c\n    ?: d",
		"val ok = a &&\n    b ||\n    c",
		"fun g() {\n    if (a) x\n    else y\n}",
		"fun g() {\n    try {\n    }\n    catch (e: Exception) {\n    }\n    finally {\n    }\n}",
		"fun g() = when (x) {\n    1 -> if (c) a\n    else -> b\n}",
		"fun g() {\n    if (x)\n        return\n    foo()\n}",
		"fun g() {\n    do {\n        i++\n    }\n    while (i < 3)\n    foo()\n}",
		"class A(\n    val x: Int\n) : B(\n    x\n) {\n}",
		"val list = listOf(\n    1,\n    2,\n)",
		"fun f() {\n    foo(bar {\n        a()\n        b()\n    })\n}",
		"interface I {\n    val items: List<String>\n    fun f(): Map<String, Int>\n}",
		"var x: Int = 0\n    get() = field\n    set(v) {\n        field = v\n    }",
		"fun h()\n{\n}",
	}
	for _, src := range ok {
		if _, err := ParseFile("n.kc", []byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	bad := []string{"val x = 1 2", "fun f() { a b }", "val s = foo\n(1)\n+"}
	for _, src := range bad {
		if _, err := ParseFile("n.kc", []byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
	// a line starting with '(' is a new statement, not a call
	stmts := parseOne(t, "fun f() {\n    a\n    (b)\n}")[0].(*lang.FunDecl).Body.Stmts
	if len(stmts) != 2 {
		t.Errorf("got %d statements, want 2", len(stmts))
	}
}

func TestGenericsVsComparison(t *testing.T) {
	cases := map[string]string{
		"a < b && c > d":       `(Binary Op="&&" X=(Binary Op="<" X=(Ident Name="a") Y=(Ident Name="b")) Y=(Binary Op=">" X=(Ident Name="c") Y=(Ident Name="d")))`,
		"f(a < b, c > d)":      `(Call Fn=(Ident Name="f") Args=[(Arg Value=(Binary Op="<" X=(Ident Name="a") Y=(Ident Name="b"))) (Arg Value=(Binary Op=">" X=(Ident Name="c") Y=(Ident Name="d")))])`,
		"emptyList<String>()":  `(Call Fn=(Ident Name="emptyList") TypeArgs=[(TypeRef Name="String")] Args=[])`,
		"x is List<*>":         `(Is X=(Ident Name="x") Type=(TypeRef Name="List" Args=[(TypeRef Star=true)]))`,
		"i < n":                `(Binary Op="<" X=(Ident Name="i") Y=(Ident Name="n"))`,
		"a.b<C>(d)":            `(Call Fn=(Member X=(Ident Name="a") Name="b") TypeArgs=[(TypeRef Name="C")] Args=[(Arg Value=(Ident Name="d"))])`,
		"x as? String ?: \"\"": `(Binary Op="?:" X=(As X=(Ident Name="x") Safe=true Type=(TypeRef Name="String")) Y=(StringLit))`,
		"-x as Int":            `(As X=(Unary Op="-" X=(Ident Name="x")) Type=(TypeRef Name="Int"))`,
		"a to b in c":          `(Binary Op="in" X=(Binary Op="to" Infix=true X=(Ident Name="a") Y=(Ident Name="b")) Y=(Ident Name="c"))`,
		"a ?: b == c":          `(Binary Op="==" X=(Binary Op="?:" X=(Ident Name="a") Y=(Ident Name="b")) Y=(Ident Name="c"))`,
		"1..n - 1":             `(Binary Op=".." X=(IntLit Value=1 Raw="1") Y=(Binary Op="-" X=(Ident Name="n") Y=(IntLit Value=1 Raw="1")))`,
		"obj::method":          `(CallableRef Recv=(Ident Name="obj") Name="method")`,
		"this::foo":            `(CallableRef Recv=(This) Name="foo")`,
	}
	for src, want := range cases {
		x, err := ParseExpr("g", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := sexpr(x); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}
