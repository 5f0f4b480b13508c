package interp

import (
	"math"
	"slices"
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
	job  bool   // a coroutine Job or Deferred (cls is nil)
	null bool   // the null literal (cls is nil)
	val  int64  // the value of an Int literal
	coll bool   // a collection of a library builder (`List<Int>`)
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
// the script being compiled (or an earlier input of a session) declares,
// or nil.
func (fc *funcCompiler) scriptClass(name string) *Class {
	c := fc.c.in.types[name]
	if c == nil || !fc.c.userClass(c) || len(c.decl.TypeParams) > 0 || c.Name != name {
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
	if js := fc.jobType(t); js != nil {
		return js
	}
	cls, nullable, ok := fc.knownType(t)
	if !ok || nullable {
		return nil
	}
	return &sType{cls: cls, name: cls.Name}
}

// exprType returns the static type of x when the typer knows it, else
// nil. Results are remembered per expression: the checks ask for the
// type of a receiver chain at each of its links.
func (fc *funcCompiler) exprType(x lang.Expr) *sType {
	if fc.c.libraryFile() {
		return nil // the library's own sources are not checked
	}
	if t, ok := fc.c.exprTypes[x]; ok {
		return t
	}
	t := fc.typeOf(x)
	if fc.c.exprTypes == nil {
		fc.c.exprTypes = map[lang.Expr]*sType{}
	}
	fc.c.exprTypes[x] = t
	return t
}

// typeOf computes exprType.
func (fc *funcCompiler) typeOf(x lang.Expr) *sType {
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
		return classSType(CharClass)
	case *lang.BoolLit:
		return boolSType
	case *lang.StringLit:
		return stringSType
	case *lang.NullLit:
		return &sType{name: "Nothing?", null: true}
	case *lang.As:
		if !e.Safe {
			return fc.declaredSType(e.Type)
		}
	case *lang.Ident:
		assigned := false
		for f := fc; f != nil; f = f.parent {
			if f.narrowedBefore(testedKey+e.Name, e.Pos()) {
				return nil
			}
			assigned = assigned || f.narrowedBefore(e.Name, e.Pos())
			if l := f.lookupLocal(e.Name); l != nil {
				if l.conv == kDelegate {
					return nil
				}
				t := l.inferred
				if l.typ != nil {
					t = fc.declaredSType(l.typ)
				}
				return finalOnly(t, assigned)
			}
		}
		if t := fc.thisType(&lang.This{At: e.At}); t != nil {
			if pt := fc.propType(t.cls, e.Name); pt != nil {
				return finalOnly(pt, assigned)
			}
		}
		if g := fc.c.globals[e.Name]; g != nil && g.sType != nil && !fc.c.memberNames[e.Name] && !fc.c.userMembers[e.Name] && !isLibraryMember(e.Name) {
			// no member of that name anywhere: no implicit receiver hides it
			return finalOnly(g.sType, assigned || g.mutable)
		}
	case *lang.This:
		return fc.thisType(e)
	case *lang.Member:
		return fc.memberType(e)
	case *lang.Call:
		return fc.callType(e)
	case *lang.Unary:
		return fc.unaryType(e)
	case *lang.Binary:
		// job + 1 (on a name only: a chain of operators is not typed)
		if _, name := e.X.(*lang.Ident); name && e.Op == "+" {
			if x := fc.exprType(e.X); x != nil && x.job && fc.jobPlus(e) {
				return &sType{name: "Job", job: true}
			}
		}
		return fc.binaryType(e)
	}
	return nil
}

// jobType returns the static type of a variable declared as a
// kotlinx.coroutines Job or Deferred<T>, or nil.
func (fc *funcCompiler) jobType(t *lang.TypeRef) *sType {
	if t == nil || t.Nullable || t.Func != nil || fc.c.in.types[t.Name] == nil || fc.scriptClass(t.Name) != nil {
		return nil
	}
	switch {
	case t.Name == "Job" && len(t.Args) == 0, t.Name == "Deferred" && len(t.Args) == 1:
		return &sType{name: typeString(t), job: true}
	}
	return nil
}

// builderType returns the static type of `launch { }` (a Job) or
// `async { }` (a Deferred, its type argument not inferred: known to the
// operator checks only) when the library's builder is the one called,
// or nil.
func (fc *funcCompiler) builderType(e *lang.Call) *sType {
	id, ok := e.Fn.(*lang.Ident)
	if !ok || id.Name != "launch" && id.Name != "async" || fc.c.userMembers[id.Name] {
		return nil
	}
	if _, lib := fc.c.in.builtins[id.Name]; !lib {
		return nil
	}
	if _, decl := fc.c.globals[id.Name]; decl {
		return nil
	}
	for f := fc; f != nil; f = f.parent {
		if f.lookupLocal(id.Name) != nil {
			return nil
		}
	}
	if id.Name == "async" {
		return &sType{job: true} // a Deferred<T>, T not inferred
	}
	return &sType{name: "Job", job: true}
}

// jobPlus reports whether `job + y` resolves, as kotlinc does, to the
// deprecated Job.plus(Job): y's static type is a primitive or String
// (no coroutine context).
func (fc *funcCompiler) jobPlus(e *lang.Binary) bool {
	if fc.scriptDeclares("plus") {
		return false
	}
	y := fc.exprType(e.Y)
	return y != nil && y.cls != nil && primitiveTypes[y.cls.Name] == y.cls
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
	if act == nil || act.name == "" {
		return true // unknown, or known to the operator checks only
	}
	cls, nullable, ok := fc.knownType(want)
	if !ok {
		return true
	}
	switch {
	case act.null:
		return nullable
	case act.cls == nil:
		return false
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
	case act.null:
		fc.c.errorAt(x.Pos(), "null", "null cannot be a value of a non-null type '%s'.", w)
	case kind == "argument" && exprEnd(x).IsValid():
		fc.c.errs.AddSpan(fc.c.file, pos, exprEnd(x), "%s type mismatch: actual type is '%s', but '%s' was expected.", kind, act.name, w)
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
	if t == nil || t.null {
		return nil
	}
	return &sType{cls: t.cls, name: t.name, job: t.job, coll: t.coll}
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
	if cls.decl == nil || len(cls.decl.TypeParams) > 0 || len(secondaryCtors(cls.decl)) > 0 || fc.c.classes[cls.decl] != cls || hasCompanion(cls.decl) {
		return
	}
	fc.checkArgTypes(cls.decl.CtorParams, nil, e)
}

// arithOps maps the arithmetic operators to their operator functions.
var arithOps = map[string]string{"+": "plus", "-": "minus", "*": "times", "/": "div", "%": "rem"}

// checkOperator reports `x op y` when x's static type is String, Boolean
// or Char, which have no such operator (nor has Kotlin's standard library
// an extension for it), and the script declares no member or extension
// of that name (which could supply one). It also reports `job + 1` (see
// jobPlus).
func (fc *funcCompiler) checkOperator(e *lang.Binary) {
	fn, ok := arithOps[e.Op]
	if !ok || e.Infix {
		return
	}
	t := fc.exprType(e.X)
	if t != nil && t.job && fn == "plus" && fc.jobPlus(e) {
		fc.c.errorAt(e.OpPos, e.Op, "'fun plus(other: Job): Job' is deprecated. %s", jobPlusDeprecation)
		if y := fc.exprType(e.Y); y != nil && y.name != "" {
			fc.mismatch("argument", &lang.TypeRef{Name: "Job"}, y, e.Y, lang.Pos{})
		}
		return
	}
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
		if x.recv == nil || x.recv.any || x.recv.cls != nil && t.cls.IsSubclassOf(x.recv.cls) {
			return // an extension the host or library defines applies
		}
	}
	if fc.scriptDeclares(fn) {
		return
	}
	fc.c.errorAt(e.OpPos, e.Op, "unresolved reference '%s' for operator '%s' on receiver of type '%s'.", fn, e.Op, t.name)
}

// candidate is a function or constructor a call may resolve to: its
// parameters and the type parameters in scope for them.
type candidate struct {
	params []*lang.Param
	tps    []*lang.TypeParam
}

// mismatches reports whether every argument of e finds its parameter of
// cand and one at least has a known type cand's parameter does not
// accept.
func (fc *funcCompiler) mismatches(cand candidate, e *lang.Call) bool {
	ms := fc.argParams(cand.params, e)
	if ms == nil && len(e.Args) > 0 {
		return false
	}
	for _, m := range ms {
		if m.p.Type != nil && !mentionsTypeParam(m.p.Type, cand.tps) && !fc.accepts(m.p.Type, fc.exprType(m.x)) {
			return true
		}
	}
	return false
}

// checkCandidates checks call e, at the name written at pos, against the
// functions it may call: with one, each argument whose type is known;
// with several, it reports kotlinc's "none of the following candidates
// is applicable" when each of them has an argument of the wrong type.
func (fc *funcCompiler) checkCandidates(cands []candidate, e *lang.Call, pos lang.Pos, name string) {
	if _, ok := fc.c.in.builtins[name]; ok || slices.Contains(fc.c.redeclared, name) {
		return // a library function of that name may be the one called
	}
	switch len(cands) {
	case 0:
		return
	case 1:
		fc.checkArgTypes(cands[0].params, cands[0].tps, e)
		return
	}
	for _, c := range cands {
		if !fc.mismatches(c, e) {
			return
		}
	}
	fc.c.errorAt(pos, name, "none of the following candidates is applicable:")
}

// topOverloads returns the top-level functions called name that this
// file declares.
func (fc *funcCompiler) topOverloads(name string) []candidate {
	var out []candidate
	for _, p := range fc.c.pendingFun {
		if p.d.Name == name {
			out = append(out, candidate{p.d.Params, p.d.TypeParams})
		}
	}
	return out
}

// checkMethodArgs checks the arguments of x.name(args) when x's static
// type is a script class whose member functions called name are all
// declared by script classes, and no extension of that name exists.
func (fc *funcCompiler) checkMethodArgs(e *lang.Call, m *lang.Member) {
	if m.Safe || len(fc.c.in.exts[m.Name]) > 0 {
		return
	}
	t := fc.exprType(m.X)
	if t == nil || t.cls == nil || t.cls.decl == nil {
		return
	}
	var cands []candidate
	sigs := map[string]bool{} // an override stands for the function it overrides
	seen := map[*Class]bool{}
	var walk func(c *Class) bool
	walk = func(c *Class) bool {
		if c == nil || c == AnyClass || seen[c] {
			return true
		}
		seen[c] = true
		if c.decl == nil || fc.c.classes[c.decl] != c {
			return false // a built-in or library supertype may add members
		}
		if _, ok := propRecvFn(c, m.Name); ok {
			return false
		}
		for _, s := range c.decl.Members {
			if f, ok := s.(*lang.FunDecl); ok && f.Name == m.Name && f.Receiver == nil {
				sig := paramSig(f.Params)
				if sigs[sig] {
					continue
				}
				sigs[sig] = true
				tps := append(append([]*lang.TypeParam{}, f.TypeParams...), c.decl.TypeParams...)
				cands = append(cands, candidate{f.Params, tps})
			}
		}
		if !walk(c.Super) {
			return false
		}
		for _, i := range c.Interfaces {
			if !walk(i) {
				return false
			}
		}
		return true
	}
	if !walk(t.cls) {
		return
	}
	fc.checkCandidates(cands, e, m.NamePos, m.Name)
}

// paramSig renders the parameter types of a function, to tell an
// override from an overload.
func paramSig(ps []*lang.Param) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(typeString(p.Type))
		if p.Mods.Vararg {
			b.WriteString("...")
		}
		b.WriteByte(',')
	}
	return b.String()
}

// checkPropAssign checks `x.name = v` (the `=` at at) when x's static
// type is a script class that declares property name with a type.
func (fc *funcCompiler) checkPropAssign(m *lang.Member, v lang.Expr, at lang.Pos) {
	if m.Safe {
		return
	}
	t := fc.exprType(m.X)
	if t == nil || t.cls == nil {
		return
	}
	for c := t.cls; c != nil && c != AnyClass; c = c.Super {
		if c.decl == nil || fc.c.classes[c.decl] != c || len(c.decl.TypeParams) > 0 {
			return
		}
		for _, p := range c.decl.CtorParams {
			if p.Prop == "var" && p.Name == m.Name {
				fc.checkType("assignment", p.Type, v, at)
				return
			}
		}
		for _, s := range c.decl.Members {
			if d, ok := s.(*lang.VarDecl); ok && d.Name == m.Name && d.Receiver == nil {
				if d.Mutable {
					fc.checkType("assignment", d.Type, v, at)
				}
				return
			}
		}
	}
}

// jobPlusDeprecation is kotlinx.coroutines' deprecation message of
// Job.plus(Job), which kotlinc reports for `job + 1`.
const jobPlusDeprecation = "Operator '+' on two Job objects is meaningless. Job is a coroutine context element and `+` is a set-sum operator for coroutine contexts. The job to the right of `+` just replaces the job the left of `+`."

// scriptDeclares reports whether the script declares a member function
// or an extension function or property called name (which might supply an operator
// the built-in types lack).
func (fc *funcCompiler) scriptDeclares(name string) bool {
	c := fc.c
	if c.declared == nil || c.declaredAt != len(c.classes) {
		c.declared, c.declaredAt = map[string]bool{}, len(c.classes)
	}
	found, ok := c.declared[name]
	if !ok {
		for _, cls := range c.classes {
			if _, ok := cls.Methods[name]; ok || cls.members[name] || cls.Props[name] != nil {
				found = true
			}
		}
		c.declared[name] = found
	}
	return found || fc.scriptExtension(name)
}

// localExtensions returns the names of the extension functions and
// properties declared inside fc's code (once per function).
func (fc *funcCompiler) localExtensions() map[string]bool {
	if fc.localExts == nil {
		fc.localExts = map[string]bool{}
		if fc.body != nil {
			lang.Inspect(fc.body, func(n lang.Node) bool {
				switch d := n.(type) {
				case *lang.FunDecl:
					if d.Receiver != nil {
						fc.localExts[d.Name] = true
					}
				case *lang.VarDecl:
					if d.Receiver != nil {
						fc.localExts[d.Name] = true
					}
				}
				return true
			})
		}
	}
	return fc.localExts
}

// userClass reports whether cls was declared by the script being
// compiled or by an earlier script in the interpreter (a REPL input), not
// by the library's own sources.
func (c *compiler) userClass(cls *Class) bool {
	if cls == nil || cls.decl == nil {
		return false
	}
	return c.classes[cls.decl] == cls && !c.library || cls.file != PreludeFile && !c.in.library[cls.file]
}

// libraryFile reports whether the file being compiled is one of the
// library's own sources (the prelude, see CompileLibrary).
func (c *compiler) libraryFile() bool { return c.library }
