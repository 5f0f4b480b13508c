package interp

import (
	"github.com/ktcoro/ktcoro/lang"
)

// Kotlin's most frequent compile error: a member of a nullable value
// used without `?.` or `!!`. The compiler reports it where it knows the
// receiver is declared nullable and nothing before the use may have
// smart-cast it to non-null: a parameter (`fun f(s: String?)`), a local
// declared with a nullable type (kotlinc keeps the declared type, even
// with a non-null initialiser), a property of a script class read
// through a receiver whose class is known. Any test of the receiver before the use
// (`== null`, `!= null`, `!!`, `?:`, `is`, an assignment, a call of
// require/check/isNullOrEmpty with it) counts as a smart cast, so that a
// valid program is never reported.

// nullSafeMembers are the library functions whose receiver may be null
// (extensions of `T`, `T?` or `String?`): calling them on a nullable
// receiver is fine.
var nullSafeMembers = map[string]bool{
	"toString": true, "equals": true, "hashCode": true, "let": true, "also": true,
	"apply": true, "run": true, "takeIf": true, "takeUnless": true,
	"isNullOrEmpty": true, "isNullOrBlank": true, "orEmpty": true,
	"toBoolean": true, "contentEquals": true, "use": true,
}

// nullCheckFuncs are the functions whose argument is non-null after they
// return (contracts), or that test it.
var nullCheckFuncs = map[string]bool{
	"require": true, "check": true, "requireNotNull": true, "checkNotNull": true, "assert": true,
}

// nullableRecv returns the type of receiver x as kotlinc writes it
// (`String?`) when x is declared nullable and cannot have been
// smart-cast before x, else "".
func (fc *funcCompiler) nullableRecv(x lang.Expr) string {
	var t *lang.TypeRef
	switch e := x.(type) {
	case *lang.Ident:
		for f := fc; f != nil; f = f.parent {
			if f.narrowedBefore(e.Name, e.Pos()) || f.narrowedBefore(nullKey+e.Name, e.Pos()) {
				return ""
			}
			if l := f.lookupLocal(e.Name); l != nil {
				_, named := f.body.(*lang.FunDecl)
				param := l.slot < f.fn.nparams && named && !f.lambda
				if l.conv == kDelegate || !param && l.typ == nil {
					return ""
				}
				t = l.typ
				break
			}
		}
	case *lang.Member:
		if e.Safe || fc.pathAssigned(e) || fc.pathNullChecked(e) {
			return ""
		}
		rt := fc.exprType(e.X)
		if rt == nil || rt.cls == nil {
			return ""
		}
		t = fc.propDecl(rt.cls, e.Name)
	}
	if t == nil || !t.Nullable {
		return ""
	}
	if _, _, ok := fc.knownType(&lang.TypeRef{Name: t.Name}); !ok || len(t.Args) > 0 {
		return ""
	}
	return typeString(t)
}

// pathNullChecked reports whether the property path x is compared with
// null (or otherwise tested for it) before x.
func (fc *funcCompiler) pathNullChecked(x lang.Expr) bool {
	return fc.pathNarrowedBy(nullKey, x)
}

// nullKey prefixes the keys of narrowedBefore that record null tests.
const nullKey = "null:"

// nullTested returns the paths node n tests for null (see nullCheckFuncs).
func nullTested(n lang.Node) []lang.Expr {
	switch n := n.(type) {
	case *lang.Binary:
		switch n.Op {
		case "==", "!=", "===", "!==":
			if _, ok := n.Y.(*lang.NullLit); ok {
				return []lang.Expr{n.X}
			}
			if _, ok := n.X.(*lang.NullLit); ok {
				return []lang.Expr{n.Y}
			}
		case "?:":
			return []lang.Expr{n.X}
		}
	case *lang.Postfix:
		if n.Op == "!!" {
			return []lang.Expr{n.X}
		}
	case *lang.Call:
		switch f := n.Fn.(type) {
		case *lang.Ident:
			if nullCheckFuncs[f.Name] {
				var out []lang.Expr
				for _, a := range n.Args {
					lang.Inspect(a.Value, func(m lang.Node) bool {
						if x, ok := m.(lang.Expr); ok && pathKey(x) != "" {
							out = append(out, x)
						}
						return true
					})
				}
				return out
			}
		case *lang.Member:
			if f.Name == "isNullOrEmpty" || f.Name == "isNullOrBlank" {
				return []lang.Expr{f.X}
			}
		}
	}
	return nil
}

// propDecl returns the declared type of property name of script class c
// (see propType), or nil.
func (fc *funcCompiler) propDecl(c *Class, name string) *lang.TypeRef {
	p, d := fc.ownProp(c, name)
	switch {
	case p != nil:
		return p.Type
	case d != nil && d.Getter == nil: // a getter may compute it each time
		return d.Type
	}
	return nil
}

// checkNullableMember reports m (x.name without ?.) where x is nullable
// (see nullableRecv) and name is not a function the library lets a
// nullable receiver call.
func (fc *funcCompiler) checkNullableMember(m *lang.Member) {
	if fc.c.libraryFile() {
		return
	}
	if m.Safe || nullSafeMembers[m.Name] || fc.scriptExtension(m.Name) {
		return
	}
	for _, x := range fc.c.in.exts[m.Name] {
		if x.recv == nil || x.recv.any || x.recv.Nullable {
			return
		}
	}
	nt := fc.nullableRecv(m.X)
	if nt == "" || nt == "String?" && m.Name == "plus" || !m.NamePos.IsValid() || m.NamePos.Col < 2 {
		return // String?.plus is the library's
	}
	dot := lang.Pos{Line: m.NamePos.Line, Col: m.NamePos.Col - 1}
	fc.c.errorf(dot, "only safe (?.) or non-null asserted (!!.) calls are allowed on a nullable receiver of type '%s'.", nt)
}

// checkNullableOperator reports `x op y` for an arithmetic operator where
// x is a nullable number or script class (String? + y is concatenation).
func (fc *funcCompiler) checkNullableOperator(e *lang.Binary) {
	if fc.c.libraryFile() {
		return
	}
	fn, ok := arithOps[e.Op]
	if !ok || e.Infix || fc.scriptDeclares(fn) {
		return
	}
	nt := fc.nullableRecv(e.X)
	if nt == "" || nt == "String?" && fn == "plus" {
		return
	}
	fc.c.errorAt(e.OpPos, e.Op, "operator call is prohibited on a nullable receiver of type '%s'. Use '?.'-qualified call instead.", nt)
}

// scriptExtension reports whether the script declares an extension
// function or property called name (whose receiver may be nullable).
func (fc *funcCompiler) scriptExtension(name string) bool {
	c := fc.c
	if n := len(c.pendingExt) + len(c.pendingExtProps) + len(c.memberExts); c.extNames == nil || c.extNamesAt != n {
		c.extNames, c.extNamesAt = map[string]bool{}, n
		for m := range c.memberExts {
			c.extNames[m] = true
		}
		for _, p := range c.pendingExt {
			c.extNames[p.d.Name] = true
		}
		for _, d := range c.pendingExtProps {
			c.extNames[d.Name] = true
		}
	}
	if c.extNames[name] {
		return true
	}
	for f := fc; f != nil; f = f.parent {
		if f.localExtensions()[name] {
			return true
		}
	}
	return false
}
