package interp

import (
	"github.com/ktcoro/ktcoro/lang"
)

// Everyday mistakes kotlinc reports that the static typer can see:
// comparing values of unrelated built-in types, creating an instance of
// an abstract class, reading a variable before it is assigned, a `when`
// expression over a number or a String without an else branch.

// checkEquality reports `x == y` and `x != y` where both static types are
// built-in (numbers, Char, Boolean, String) and differ: kotlinc compares
// no Int with a Long, nor a String with a Char.
func (fc *funcCompiler) checkEquality(e *lang.Binary) {
	if e.Op != "==" && e.Op != "!=" || e.Infix {
		return
	}
	x, y := fc.exprType(e.X), fc.exprType(e.Y)
	if x == nil || y == nil || x.cls == nil || y.cls == nil || x.cls == y.cls {
		return
	}
	if primitiveTypes[x.cls.Name] != x.cls || primitiveTypes[y.cls.Name] != y.cls {
		return
	}
	msg := "operator '%s' cannot be applied to '%s' and '%s'."
	if end := exprEnd(e.Y); end.IsValid() {
		fc.c.errs.AddSpan(fc.c.file, e.Pos(), end, msg, e.Op, x.name, y.name)
		return
	}
	fc.c.errorf(e.Pos(), msg, e.Op, x.name, y.name)
}

// checkAbstractCtor reports a call of the constructor of the abstract
// script class c (at pos, the class name).
func (fc *funcCompiler) checkAbstractCtor(c *Class, e *lang.Call, pos lang.Pos, name string) {
	if fc.c.libraryFile() {
		return
	}
	if c == nil || c.decl == nil || !c.Abstract || c.Interface || fc.c.classes[c.decl] != c {
		return
	}
	text := name
	if len(e.Args) == 0 && e.Lambda == nil {
		text += "()"
	}
	fc.c.errorAt(pos, text, "cannot create an instance of an abstract class.")
}

// checkInitialized reports a read of the local l (declared without an
// initialiser) written at pos when nothing before it in the functions
// being compiled assigns it.
func (fc *funcCompiler) checkInitialized(l *local, name string, pos lang.Pos) {
	if fc.c.libraryFile() {
		return
	}
	if !l.noInit {
		return
	}
	for f := fc; f != nil; f = f.parent {
		if f.narrowedBefore(assignKey+name, pos) {
			return
		}
		if f.lookupLocal(name) == l {
			break
		}
	}
	fc.c.errorAt(pos, name, "variable '%s' must be initialized.", name)
}

// assignKey prefixes the keys of narrowedBefore that record assignments.
const assignKey = "set:"

// markValue records x, when it is a `when` (in parentheses or not), as
// one whose value is used: an initialiser, an expression body, a
// returned value (see checkWhenElse).
func (fc *funcCompiler) markValue(x lang.Expr) {
	for {
		p, ok := x.(*lang.Paren)
		if !ok {
			break
		}
		x = p.X
	}
	if w, ok := x.(*lang.When); ok {
		if fc.c.valueWhens == nil {
			fc.c.valueWhens = map[*lang.When]bool{}
		}
		fc.c.valueWhens[w] = true
	}
}

// checkWhenElse reports a `when` whose value is used (see markValue)
// without an else branch when it cannot be exhaustive otherwise: it has
// no subject, or its subject's static type is a number, Char or String
// (a sealed, enum or Boolean subject is checkExhaustive's).
func (fc *funcCompiler) checkWhenElse(e *lang.When) {
	if fc.c.libraryFile() {
		return
	}
	if !fc.c.valueWhens[e] {
		return
	}
	for _, ent := range e.Entries {
		if ent.Else && ent.Guard == nil {
			return
		}
	}
	if e.Subject != nil {
		subj := e.Subject
		if id, ok := subj.(*lang.Ident); ok {
			// typed where the when starts: its own branches narrow it
			subj = &lang.Ident{At: e.At, Name: id.Name}
		}
		t := fc.exprType(subj)
		if t == nil || t.cls == nil || t.cls == BooleanClass || primitiveTypes[t.cls.Name] != t.cls {
			return
		}
	}
	fc.c.errorAt(e.Pos(), "when", "'when' expression must be exhaustive. Add an 'else' branch.")
}

// checkMissingReturn reports kotlinc's "missing return statement." at
// the closing brace of the block body of function d, declared with a
// result type other than Unit, when its end is certainly reachable (see
// completes).
func (fc *funcCompiler) checkMissingReturn(d *lang.FunDecl) {
	if fc.c.libraryFile() {
		return
	}
	if d.Body == nil || d.Result == nil || !d.Body.Close.IsValid() {
		return
	}
	switch typeString(d.Result) {
	case "Unit", "kotlin.Unit", "Nothing", "kotlin.Nothing":
		return
	}
	if fc.completes(d.Body.Stmts) {
		fc.c.errorf(d.Body.Close, "missing return statement.")
	}
}

// completes reports whether the end of a block is certainly reachable:
// its last statement is a declaration, an assignment, a loop with a
// condition, an `if` without else (or with a branch that completes), a
// call of println or print, or an expression without calls. Anything
// else (a call, which may return Nothing; a when; a try) may not
// complete and is not reported.
func (fc *funcCompiler) completes(stmts []lang.Stmt) bool {
	if len(stmts) == 0 {
		return true
	}
	switch s := stmts[len(stmts)-1].(type) {
	case *lang.VarDecl, *lang.Assign, *lang.For:
		return true
	case *lang.While:
		_, lit := s.Cond.(*lang.BoolLit)
		return !lit
	case *lang.ExprStmt:
		return fc.exprCompletes(s.X)
	}
	return false
}

// exprCompletes is completes for an expression statement.
func (fc *funcCompiler) exprCompletes(x lang.Expr) bool {
	switch e := x.(type) {
	case *lang.If:
		if _, lit := e.Cond.(*lang.BoolLit); lit {
			return false
		}
		return e.Else == nil || fc.completes(e.Then.Stmts) || fc.completes(e.Else.Stmts)
	case *lang.Call:
		id, ok := e.Fn.(*lang.Ident)
		if !ok || id.Name != "println" && id.Name != "print" || fc.sees(id.Name) || fc.c.globals[id.Name] != nil || fc.c.userMembers[id.Name] {
			return false
		}
		_, lib := fc.c.in.builtins[id.Name]
		return lib
	case *lang.Ident, *lang.IntLit, *lang.StringLit, *lang.BoolLit, *lang.FloatLit, *lang.CharLit, *lang.NullLit:
		return true
	}
	return false
}

// checkValAssign reports an assignment to the property name of x whose
// class is a script class that declares it `val` (and nothing between
// redeclares it `var`).
func (fc *funcCompiler) checkValAssign(x lang.Expr, name string, pos lang.Pos) {
	t := fc.knownClassOf(x)
	if t == nil {
		return
	}
	// (a member val without an initialiser may be assigned once by an
	// init block)
	if p, d := fc.ownProp(t.cls, name); p != nil && p.Prop == "val" || d != nil && !d.Mutable && d.Init != nil {
		fc.c.errorAt(pos, name, "'val' cannot be reassigned.")
	}
}

// readOnlyMutators are the members and extensions of the mutable
// collections that the read-only List, Set and Map lack.
var readOnlyMutators = map[string]bool{
	"add": true, "addAll": true, "remove": true, "removeAt": true, "removeAll": true,
	"retainAll": true, "clear": true, "set": true, "put": true, "putAll": true,
	"removeIf": true, "sort": true, "sortBy": true, "sortDescending": true,
	"shuffle": true, "fill": true, "replaceAll": true, "removeFirst": true,
	"removeLast": true, "getOrPut": true, "addFirst": true, "addLast": true,
}

// readOnlyLacks reports whether t is a read-only collection of a
// library builder (`List<Int>` of listOf) and name one of the mutators
// it lacks.
func readOnlyLacks(t *sType, name string) bool {
	if !t.coll || !readOnlyMutators[name] {
		return false
	}
	switch t.cls {
	case ListClass, SetClass, MapClass:
		return true
	}
	return false
}
