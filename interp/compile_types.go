package interp

import (
	"math"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// A small, conservative static typer: it knows the type of an expression
// only in the simple cases (literals, string templates, constructor calls
// of the script's own non-generic classes, variables and parameters with
// a declared or literal-inferred type, `x as T`) and only types it can
// reason about exactly (the primitives and String, and the script's own
// non-generic classes). Everything else is unknown, and unknown is never
// reported: the checks here only turn programs that kotlinc rejects into
// compile errors with kotlinc's wording, and must never reject a valid one.

// sType is a statically known type of an expression.
type sType struct {
	cls  *Class // nil for the null literal
	name string // as kotlinc prints it
	lit  bool   // an Int literal: also a Long, or a Short or Byte in range
	val  int64  // the value of an Int literal
}

// primitiveTypes are the built-in types the typer reasons about, by name.
var primitiveTypes = map[string]*Class{
	"Int": IntClass, "Long": LongClass, "Double": DoubleClass, "Float": FloatClass,
	"Char": CharClass, "String": StringClass, "Boolean": BooleanClass,
	"Byte": ByteClass, "Short": ShortClass,
}

// knownType resolves the declared type t to a class the typer reasons
// about: a primitive, String, or a non-generic class declared by the
// script being compiled. ok is false for every other type (generic
// parameters, aliases, function types, built-in classes and interfaces).
func (fc *funcCompiler) knownType(t *lang.TypeRef) (cls *Class, nullable, ok bool) {
	if t == nil || t.Func != nil || t.Star || len(t.Args) > 0 {
		return nil, false, false
	}
	name := strings.TrimPrefix(t.Name, "kotlin.")
	if _, alias := fc.c.in.aliases[name]; alias {
		return nil, false, false
	}
	if fc.typeParamNamed(name) {
		return nil, false, false
	}
	if p, ok := primitiveTypes[name]; ok {
		if c, user := fc.c.in.types[name]; user && c != p {
			return nil, false, false // a script class shadows the built-in
		}
		return p, t.Nullable, true
	}
	if c := fc.scriptClass(name); c != nil {
		return c, t.Nullable, true
	}
	return nil, false, false
}

// scriptClass returns the top-level, non-generic class called name that
// the script being compiled declares, or nil.
func (fc *funcCompiler) scriptClass(name string) *Class {
	c := fc.c.in.types[name]
	if c == nil || c.decl == nil || fc.c.classes[c.decl] != c || len(c.decl.TypeParams) > 0 || c.Name != name {
		return nil
	}
	return c
}

// typeParamNamed reports whether name is a type parameter of a function
// or class being compiled around fc.
func (fc *funcCompiler) typeParamNamed(name string) bool {
	for f := fc; f != nil; f = f.parent {
		if d, ok := f.body.(*lang.FunDecl); ok {
			for _, tp := range d.TypeParams {
				if tp.Name == name {
					return true
				}
			}
		}
		for cc := f.class; cc != nil; cc = cc.outer {
			if cc.decl != nil {
				for _, tp := range cc.decl.TypeParams {
					if tp.Name == name {
						return true
					}
				}
			}
		}
	}
	return false
}

// declaredSType is the static type of a variable declared with type t,
// or nil when it is unknown or nullable (a null check may smart-cast it).
func (fc *funcCompiler) declaredSType(t *lang.TypeRef) *sType {
	cls, nullable, ok := fc.knownType(t)
	if !ok || nullable {
		return nil
	}
	return &sType{cls: cls, name: cls.Name}
}

// exprType returns the static type of x when the typer knows it, else
// nil.
func (fc *funcCompiler) exprType(x lang.Expr) *sType {
	switch e := x.(type) {
	case *lang.Paren:
		return fc.exprType(e.X)
	case *lang.IntLit:
		switch {
		case e.Unsigned:
			return nil
		case e.Long:
			return &sType{cls: LongClass, name: "Long"}
		}
		if e.Value < math.MinInt32 || e.Value > math.MaxInt32 {
			return nil
		}
		return &sType{cls: IntClass, name: "Int", lit: true, val: e.Value}
	case *lang.FloatLit:
		if e.Float {
			return &sType{cls: FloatClass, name: "Float"}
		}
		return &sType{cls: DoubleClass, name: "Double"}
	case *lang.CharLit:
		return &sType{cls: CharClass, name: "Char"}
	case *lang.BoolLit:
		return &sType{cls: BooleanClass, name: "Boolean"}
	case *lang.StringLit:
		return &sType{cls: StringClass, name: "String"}
	case *lang.NullLit:
		return &sType{name: "Nothing?"}
	case *lang.As:
		if !e.Safe {
			return fc.declaredSType(e.Type)
		}
	case *lang.Ident:
		for f := fc; f != nil; f = f.parent {
			if f.narrowedBefore(e.Name, e.Pos()) {
				return nil
			}
			if l := f.lookupLocal(e.Name); l != nil {
				if l.conv == kDelegate {
					return nil
				}
				if l.typ != nil {
					return fc.declaredSType(l.typ)
				}
				return l.inferred
			}
		}
	case *lang.Call:
		return fc.ctorType(e)
	}
	return nil
}

// ctorType returns the type of e when it calls the constructor of a
// script class (see scriptClass) that can be instantiated, else nil.
func (fc *funcCompiler) ctorType(e *lang.Call) *sType {
	id, ok := e.Fn.(*lang.Ident)
	if !ok || len(e.TypeArgs) > 0 || fc.c.userMembers[id.Name] {
		return nil
	}
	for f := fc; f != nil; f = f.parent {
		if f.lookupLocal(id.Name) != nil {
			return nil
		}
	}
	g, ok := fc.c.globals[id.Name]
	if !ok || g.cls == nil {
		return nil
	}
	c := fc.scriptClass(id.Name)
	if c != g.cls || c.Interface || c.Abstract || c.Enum || c.Sealed || c.IsObject || hasCompanion(c.decl) {
		return nil
	}
	return &sType{cls: c, name: c.Name}
}

// hasCompanion reports whether d declares a companion object (whose
// invoke a call of the class's name might call).
func hasCompanion(d *lang.ClassDecl) bool {
	for _, m := range d.Members {
		if cd, ok := m.(*lang.ClassDecl); ok && cd.Mods.Companion {
			return true
		}
	}
	return false
}

// accepts reports whether a value of static type act may be used where
// the declared type want is expected; true when either is unknown.
func (fc *funcCompiler) accepts(want *lang.TypeRef, act *sType) bool {
	if act == nil {
		return true
	}
	cls, nullable, ok := fc.knownType(want)
	if !ok {
		return true
	}
	switch {
	case act.cls == nil:
		return nullable
	case act.cls == cls:
		return true
	case act.lit:
		switch cls {
		case LongClass:
			return true
		case ShortClass:
			return act.val >= math.MinInt16 && act.val <= math.MaxInt16
		case ByteClass:
			return act.val >= math.MinInt8 && act.val <= math.MaxInt8
		}
		return false
	case act.cls.decl != nil && cls.decl != nil:
		return act.cls.IsSubclassOf(cls)
	}
	return false
}

// mismatch reports x, of static type act, where the declared type want
// is expected: kind is "argument", "assignment", "initializer" or
// "return", which choose kotlinc's wording; at is where kotlinc reports
// it (the `=` of an initializer or assignment), x's position when unset.
func (fc *funcCompiler) mismatch(kind string, want *lang.TypeRef, act *sType, x lang.Expr, at lang.Pos) {
	w := typeString(want)
	pos := x.Pos()
	if at.IsValid() {
		pos = at
	}
	switch {
	case act.cls == nil:
		fc.c.errorAt(x.Pos(), "null", "null cannot be a value of a non-null type '%s'.", w)
	case kind == "argument" || kind == "assignment":
		fc.c.errorf(pos, "%s type mismatch: actual type is '%s', but '%s' was expected.", kind, act.name, w)
	default:
		fc.c.errorf(pos, "%s type mismatch: expected '%s', actual '%s'.", kind, w, act.name)
	}
}

// checkType reports x when its static type is known and want does not
// accept it (see mismatch for kind and at).
func (fc *funcCompiler) checkType(kind string, want *lang.TypeRef, x lang.Expr, at lang.Pos) {
	if want == nil || x == nil {
		return
	}
	if act := fc.exprType(x); !fc.accepts(want, act) {
		fc.mismatch(kind, want, act, x, at)
	}
}

// checkReturn checks the value x returned by a plain `return` against
// the declared result type of the function it returns from.
func (fc *funcCompiler) checkReturn(x lang.Expr) {
	f := fc
	for f != nil && f.lambda {
		f = f.parent
	}
	if f == nil || f.accessor != nil || f.topField != nil {
		return
	}
	if _, ok := f.body.(*lang.FunDecl); !ok {
		return
	}
	fc.checkType("return", f.resultTy, x, lang.Pos{})
}

// inferLocal returns the type of a local `val x = init` or `var x =
// init` without a declared type, when the typer knows init's type (a
// null literal gives no type).
func (fc *funcCompiler) inferLocal(d *lang.VarDecl) *sType {
	if d.Type != nil || d.Init == nil || d.Delegate != nil {
		return nil
	}
	t := fc.exprType(d.Init)
	if t == nil || t.cls == nil {
		return nil
	}
	return &sType{cls: t.cls, name: t.name}
}

// checkAssign checks `name = x` against the type of the local variable
// name (declared or inferred).
func (fc *funcCompiler) checkAssign(name string, x lang.Expr, at lang.Pos) {
	for f := fc; f != nil; f = f.parent {
		l := f.lookupLocal(name)
		if l == nil {
			continue
		}
		if l.conv == kDelegate || !l.mutable {
			return
		}
		want := l.typ
		if want == nil && l.inferred != nil {
			want = &lang.TypeRef{Name: l.inferred.name}
		}
		fc.checkType("assignment", want, x, at)
		return
	}
}

// checkArgTypes checks the arguments of call e against params, the
// parameters of the one function or constructor it calls (tps: the
// function's type parameters, whose uses accept anything).
func (fc *funcCompiler) checkArgTypes(params []*lang.Param, tps []*lang.TypeParam, e *lang.Call) {
	for _, m := range fc.argParams(params, e) {
		if m.p.Type != nil && !mentionsTypeParam(m.p.Type, tps) {
			fc.checkType("argument", m.p.Type, m.x, lang.Pos{})
		}
	}
}

// argMatch pairs an argument expression with the parameter it goes to.
type argMatch struct {
	x lang.Expr
	p *lang.Param
}

// argParams pairs e's arguments with params as Kotlin does (positional
// ones in order, the rest of them to a vararg, named ones by name); nil
// when the call spreads, names a missing parameter or passes too many
// (other checks report those).
func (fc *funcCompiler) argParams(params []*lang.Param, e *lang.Call) []argMatch {
	var out []argMatch
	named := false
	for i, a := range e.Args {
		if a.Spread {
			return nil
		}
		var p *lang.Param
		if a.Name != "" {
			named = true
			for _, q := range params {
				if q.Name == a.Name {
					p = q
				}
			}
		} else if !named {
			for j, q := range params {
				if q.Mods.Vararg && j <= i {
					p = q
					break
				}
				if j == i {
					p = q
					break
				}
			}
		}
		if p == nil {
			return nil
		}
		out = append(out, argMatch{a.Value, p})
	}
	return out
}

// mentionsTypeParam reports whether t names one of the type parameters tps.
func mentionsTypeParam(t *lang.TypeRef, tps []*lang.TypeParam) bool {
	if t == nil || len(tps) == 0 {
		return false
	}
	for _, tp := range tps {
		if t.Name == tp.Name {
			return true
		}
	}
	for _, a := range t.Args {
		if mentionsTypeParam(a, tps) {
			return true
		}
	}
	if t.Func != nil {
		if mentionsTypeParam(t.Func.Receiver, tps) || mentionsTypeParam(t.Func.Result, tps) {
			return true
		}
		for _, p := range t.Func.Params {
			if mentionsTypeParam(p, tps) {
				return true
			}
		}
	}
	return false
}

// checkCtorArgs checks the arguments of a constructor call of a script
// class with only a primary constructor.
func (fc *funcCompiler) checkCtorArgs(cls *Class, e *lang.Call) {
	if cls.decl == nil || len(cls.decl.TypeParams) > 0 || len(secondaryCtors(cls.decl)) > 0 || fc.c.classes[cls.decl] != cls {
		return
	}
	fc.checkArgTypes(cls.decl.CtorParams, nil, e)
}

// arithOps maps the arithmetic operators to their operator functions.
var arithOps = map[string]string{"+": "plus", "-": "minus", "*": "times", "/": "div", "%": "rem"}

// checkOperator reports `x op y` when x's static type is String, Boolean
// or Char and has no such operator, and the script declares no member or
// extension of that name (which could supply one).
func (fc *funcCompiler) checkOperator(e *lang.Binary) {
	fn, ok := arithOps[e.Op]
	if !ok || e.Infix || fc.c.userMembers[fn] {
		return
	}
	t := fc.exprType(e.X)
	if t == nil || t.cls == nil {
		return
	}
	switch t.cls {
	case StringClass:
		if fn == "plus" {
			return
		}
	case CharClass:
		if fn == "plus" || fn == "minus" {
			return
		}
	case BooleanClass:
	default:
		return
	}
	for _, x := range fc.c.in.exts[fn] {
		if x.recv == nil || x.recv.Test(zeroOf(t.cls)) {
			return // a library extension may apply
		}
	}
	fc.c.errorAt(e.OpPos, e.Op, "unresolved reference '%s' for operator '%s' on receiver of type '%s'.", fn, e.Op, t.name)
}

// zeroOf returns a sample value of the primitive class c (for testing
// which extension receivers accept c).
func zeroOf(c *Class) Value {
	switch c {
	case StringClass:
		return String("")
	case CharClass:
		return Char('a')
	}
	return Bool(false)
}
