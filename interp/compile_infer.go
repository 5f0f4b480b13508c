package interp

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// This file extends the static typer of compile_types.go past literals
// and declarations: property reads and call results of the script's own
// classes and functions (by their declared types), `this`, arithmetic
// on the primitives, the members of String that everyone uses, and the
// collections the library's builders make (`listOf(1, 2)` is a
// `List<Int>`). As there, a type is known only where kotlinc's is
// certainly the same; everything else is unknown and never reported.

// Types the typer hands out often.
var (
	intSType    = &sType{cls: IntClass, name: "Int"}
	boolSType   = &sType{cls: BooleanClass, name: "Boolean"}
	stringSType = &sType{cls: StringClass, name: "String"}
)

// classSType is the static type of a value of class c.
func classSType(c *Class) *sType {
	switch c {
	case IntClass:
		return intSType
	case BooleanClass:
		return boolSType
	case StringClass:
		return stringSType
	}
	return &sType{cls: c, name: c.Name}
}

// ownClass reports whether c is a non-generic class this file declares,
// whose members the typer may read from its declaration.
func (fc *funcCompiler) ownClass(c *Class) bool {
	return fc.c.userClass(c) && len(c.decl.TypeParams) == 0
}

// memberType returns the static type of the property read x.name.
func (fc *funcCompiler) memberType(m *lang.Member) *sType {
	if m.Safe || fc.pathTested(m) {
		return nil
	}
	t := fc.exprType(m.X)
	if t == nil || t.cls == nil {
		return nil
	}
	switch {
	case t.cls == StringClass && m.Name == "length":
		return intSType
	case t.coll && m.Name == "size":
		return intSType
	}
	return finalOnly(fc.propType(t.cls, m.Name), fc.pathAssigned(m))
}

// finalOnly returns t, or nil when the variable or property of type t
// is assigned before the place asked about and t is not final (the
// assignment may have smart-cast it to a subtype).
func finalOnly(t *sType, assigned bool) *sType {
	if t == nil || !assigned {
		return t
	}
	if c := t.cls; c != nil && !t.coll && !c.Open && !c.Abstract && !c.Interface && !c.Sealed {
		return t
	}
	return nil
}

// propType returns the declared type of property name of class c, when
// c and the superclasses up to the one declaring it are the script's own
// (see ownClass).
func (fc *funcCompiler) propType(c *Class, name string) *sType {
	if p, d := fc.ownProp(c, name); p != nil {
		return fc.declaredSType(p.Type)
	} else if d != nil {
		return fc.declaredSType(d.Type)
	}
	return nil
}

// ownProp returns the declaration of property name of class c: the
// constructor parameter or the member that declares it in c or the
// superclasses above it, while they are the script's own (see
// ownClass); both nil otherwise.
func (fc *funcCompiler) ownProp(c *Class, name string) (*lang.Param, *lang.VarDecl) {
	for k := c; k != nil && k != AnyClass; k = k.Super {
		if !fc.ownClass(k) {
			return nil, nil
		}
		for _, p := range k.decl.CtorParams {
			if p.Prop != "" && p.Name == name {
				return p, nil
			}
		}
		for _, s := range k.decl.Members {
			if d, ok := s.(*lang.VarDecl); ok && d.Name == name && d.Receiver == nil {
				return nil, d
			}
		}
	}
	return nil, nil
}

// callType returns the static type of the result of call e: a
// constructor call, a builder, a function or method of the script with
// a declared result type, a String member, a collection builder.
func (fc *funcCompiler) callType(e *lang.Call) *sType {
	if js := fc.builderType(e); js != nil {
		return js
	}
	if t := fc.ctorType(e); t != nil {
		return t
	}
	switch f := e.Fn.(type) {
	case *lang.Ident:
		if fc.sees(f.Name) || fc.c.userMembers[f.Name] || isLibraryMember(f.Name) {
			return nil // a member of an implicit receiver may be the one called
		}
		if t := fc.collectionType(f.Name, e); t != nil {
			return t
		}
		if _, lib := fc.c.in.builtins[f.Name]; lib {
			return nil
		}
		var d *lang.FunDecl
		for _, p := range fc.c.pendingFun {
			if p.d.Name == f.Name {
				if d != nil {
					return nil // overloaded
				}
				d = p.d
			}
		}
		if d != nil && !mentionsTypeParam(d.Result, d.TypeParams) {
			return fc.declaredSType(d.Result)
		}
	case *lang.Member:
		if f.Safe {
			return nil
		}
		t := fc.exprType(f.X)
		if t == nil || t.cls == nil {
			return nil
		}
		switch f.Name {
		case "toString":
			if len(e.Args) == 0 && e.Lambda == nil {
				return stringSType
			}
		case "hashCode":
			if len(e.Args) == 0 && e.Lambda == nil {
				return intSType
			}
		}
		if t.cls == StringClass {
			return fc.stringMethodType(f.Name)
		}
		if !fc.ownClass(t.cls) || len(fc.c.in.exts[f.Name]) > 0 || fc.c.memberExts[f.Name] {
			return nil
		}
		if d := fc.methodDecl(t.cls, f.Name); d != nil && len(d.TypeParams) == 0 {
			return fc.declaredSType(d.Result)
		}
	}
	return nil
}

// methodDecl returns the declaration of the one member function name of
// the script class c (nil when it has none, several, or a supertype
// that is not the script's own might declare one).
func (fc *funcCompiler) methodDecl(c *Class, name string) *lang.FunDecl {
	var found *lang.FunDecl
	for k := c; k != nil && k != AnyClass; k = k.Super {
		if !fc.ownClass(k) {
			return nil
		}
		for _, s := range k.decl.Members {
			if f, ok := s.(*lang.FunDecl); ok && f.Name == name && f.Receiver == nil {
				if found != nil {
					return nil
				}
				found = f
			}
		}
	}
	return found
}

// stringResults are members of String (or extensions of it in the
// standard library) by the type they return.
var stringResults = map[string]*sType{
	"uppercase": stringSType, "lowercase": stringSType, "trim": stringSType,
	"trimStart": stringSType, "trimEnd": stringSType,
	"substring": stringSType, "replace": stringSType, "repeat": stringSType,
	"padStart": stringSType, "padEnd": stringSType, "removePrefix": stringSType,
	"removeSuffix": stringSType, "capitalize": stringSType, "trimIndent": stringSType,
	"trimMargin": stringSType, "replaceFirstChar": stringSType,
	"substringBefore": stringSType, "substringAfter": stringSType,
	"toInt": intSType, "indexOf": intSType, "lastIndexOf": intSType,
	"compareTo": intSType, "isEmpty": boolSType, "isNotEmpty": boolSType,
	"isBlank": boolSType, "isNotBlank": boolSType, "startsWith": boolSType,
	"endsWith": boolSType, "contains": boolSType, "equals": boolSType,
	"toLong":   {cls: LongClass, name: "Long"},
	"toDouble": {cls: DoubleClass, name: "Double"},
}

// stringMethodType returns the result type of the String member name,
// unless the script declares a function of that name (an extension of
// its own may shadow the library's).
func (fc *funcCompiler) stringMethodType(name string) *sType {
	t := stringResults[name]
	if t == nil || fc.scriptDeclares(name) || fc.c.globals[name] != nil {
		return nil
	}
	return t
}

// collectionBuilders maps the library's collection builders to the
// type name of what they return.
var collectionBuilders = map[string]struct {
	name string
	cls  *Class
}{
	"listOf": {"List", ListClass}, "mutableListOf": {"MutableList", MutableListClass},
	"setOf": {"Set", SetClass}, "mutableSetOf": {"MutableSet", MutableSetClass},
	"mapOf": {"Map", MapClass}, "mutableMapOf": {"MutableMap", MutableMapClass},
	"arrayOf": {"Array", ArrayClass},
}

// collectionType returns the type of a call of the library's collection
// builder name when its element types are known (all elements of one
// known type, or the explicit type arguments): `List<Int>`.
func (fc *funcCompiler) collectionType(name string, e *lang.Call) *sType {
	b, ok := collectionBuilders[name]
	if !ok || e.Lambda != nil || fc.c.globals[name] != nil {
		return nil
	}
	if _, lib := fc.c.in.builtins[name]; !lib {
		return nil
	}
	isMap := b.cls == MapClass || b.cls == MutableMapClass
	var args []string
	switch {
	case len(e.TypeArgs) > 0:
		for _, t := range e.TypeArgs {
			if _, _, ok := fc.knownType(t); !ok {
				return nil
			}
			args = append(args, typeString(t))
		}
	case len(e.Args) == 0:
		return nil
	case isMap:
		k, v := fc.sameType(e.Args, 0), fc.sameType(e.Args, 1)
		if k == "" || v == "" {
			return nil
		}
		args = []string{k, v}
	default:
		el := fc.sameType(e.Args, -1)
		if el == "" {
			return nil
		}
		args = []string{el}
	}
	if n := len(args); isMap && n != 2 || !isMap && n != 1 {
		return nil
	}
	return &sType{cls: b.cls, name: b.name + "<" + strings.Join(args, ", ") + ">", coll: true}
}

// sameType returns the type name all of args have (part -1), or all of
// their first (0) or second (1) halves of `a to b`; "" when one is
// unknown, they differ, or an argument is named or spread.
func (fc *funcCompiler) sameType(args []*lang.Arg, part int) string {
	name := ""
	for _, a := range args {
		if a.Name != "" || a.Spread {
			return ""
		}
		x := a.Value
		if part >= 0 {
			b, ok := x.(*lang.Binary)
			if !ok || !b.Infix || b.Op != "to" || fc.scriptDeclares("to") {
				return ""
			}
			x = b.X
			if part == 1 {
				x = b.Y
			}
		}
		t := fc.exprType(x)
		if t == nil || t.cls == nil || t.null || t.job || t.coll {
			return ""
		}
		if name != "" && name != t.name {
			return ""
		}
		name = t.name
	}
	return name
}

// thisType returns the static type of a plain `this`: the class of the
// method (or the receiver of the extension) it is in, when every lambda
// between is known to take no receiver.
func (fc *funcCompiler) thisType(e *lang.This) *sType {
	if e.Label != "" || fc.pathTested(e) {
		return nil
	}
	for f := fc; f != nil && f != fc.c.top; f = f.parent {
		switch {
		case f.lambda:
			if !f.recv.known || f.recv.scope || f.recv.cls != nil {
				return nil
			}
		case f.hasThis:
			if len(f.thisCasts) > 0 || f.envOf != nil {
				return nil
			}
			if f.class != nil && !f.memberExt {
				if fc.ownClass(f.class.cls) {
					return classSType(f.class.cls)
				}
				return nil
			}
			if c := f.fn.recvCls; c != nil && (fc.ownClass(c) || c.decl == nil && primitiveTypes[c.Name] == c) {
				return classSType(c)
			}
			return nil
		}
	}
	return nil
}

// binaryType returns the static type of x op y: Boolean for comparisons
// and logic, the promoted type for arithmetic on the primitives, String
// for a concatenation, `Pair<A, B>` for `a to b`.
func (fc *funcCompiler) binaryType(e *lang.Binary) *sType {
	switch e.Op {
	case "==", "!=", "===", "!==", "&&", "||", "<", ">", "<=", ">=":
		if !e.Infix {
			return boolSType
		}
	case "in", "!in":
		return boolSType
	case "to":
		if !e.Infix || fc.scriptDeclares("to") {
			return nil
		}
		x, y := fc.exprType(e.X), fc.exprType(e.Y)
		pair := fc.c.in.types["Pair"]
		if x == nil || y == nil || x.cls == nil || y.cls == nil || pair == nil {
			return nil
		}
		return &sType{cls: pair, name: "Pair<" + x.name + ", " + y.name + ">"}
	}
	fn, ok := arithOps[e.Op]
	if !ok || e.Infix {
		return nil
	}
	x, y := fc.exprType(e.X), fc.exprType(e.Y)
	if x == nil || y == nil || x.cls == nil || y.cls == nil || x.lit && y.lit || fc.scriptDeclares(fn) {
		return nil // two literals fold to an integer literal of any width
	}
	if x.cls == StringClass && fn == "plus" {
		return stringSType
	}
	if x.cls == CharClass {
		switch {
		case y.cls == CharClass && fn == "minus":
			return intSType
		case y.cls == IntClass && (fn == "plus" || fn == "minus"):
			return classSType(CharClass)
		}
		return nil
	}
	rx, ry := staticRank(x.cls), staticRank(y.cls)
	if rx == 0 || ry == 0 {
		return nil
	}
	return classSType(rankClass[max(rx, ry)])
}

// staticRank is numRank, the run time's promotion order, for a number
// class (Byte and Short compute in Int); 0 for the others.
func staticRank(c *Class) int {
	if k, ok := numberKinds[c]; ok {
		return numRank(k)
	}
	return 0
}

// numberKinds are the kinds of the number classes.
var numberKinds = map[*Class]Kind{ByteClass: KByte, ShortClass: KShort, IntClass: KInt, LongClass: KLong, FloatClass: KFloat, DoubleClass: KDouble}

// rankClass is the class of each result rank of numRank.
var rankClass = map[int]*Class{1: IntClass, 2: LongClass, 3: FloatClass, 4: DoubleClass}

// unaryType returns the static type of a prefix operator application.
func (fc *funcCompiler) unaryType(e *lang.Unary) *sType {
	x := fc.exprType(e.X)
	if x == nil || x.cls == nil || x.lit {
		return nil
	}
	switch e.Op {
	case "!":
		if x.cls == BooleanClass && !fc.scriptDeclares("not") {
			return boolSType
		}
	case "-", "+":
		if r := staticRank(x.cls); r > 0 && !fc.scriptDeclares("unaryMinus") && !fc.scriptDeclares("unaryPlus") {
			return classSType(rankClass[r])
		}
	}
	return nil
}

// pathTested reports whether the property path x (`a.b`, `this.b`,
// `this`) is tested or cast before x in the function being compiled or
// one around it: a smart cast may narrow it from there.
func (fc *funcCompiler) pathTested(x lang.Expr) bool {
	return fc.pathNarrowedBy(testedKey, x)
}

// pathAssigned reports whether the property path x is tested, cast or
// assigned before x (see pathTested).
func (fc *funcCompiler) pathAssigned(x lang.Expr) bool {
	return fc.pathNarrowedBy("", x)
}

// pathNarrowedBy is pathTested (prefix testedKey) and pathAssigned
// (prefix "").
func (fc *funcCompiler) pathNarrowedBy(prefix string, x lang.Expr) bool {
	key := pathKey(x)
	if key == "" {
		return true
	}
	for f := fc; f != nil; f = f.parent {
		if f.narrowedBefore(prefix+key, x.Pos()) {
			return true
		}
		if k, ok := strings.CutPrefix(key, "this."); ok && f.narrowedBefore(prefix+k, x.Pos()) {
			return true
		}
	}
	return false
}

// pathKey renders a name, `this` or a chain of property reads on one as
// the key narrowedBefore records them by; "" for other expressions and
// for chains longer than maxPath (whose types are then not known).
func pathKey(x lang.Expr) string {
	var names []string
	for len(names) <= maxPath {
		switch e := x.(type) {
		case *lang.Paren:
			x = e.X
			continue
		case *lang.Member:
			if e.Safe {
				return ""
			}
			names = append(names, e.Name)
			x = e.X
			continue
		case *lang.Ident:
			names = append(names, e.Name)
		case *lang.This:
			if e.Label != "" {
				return ""
			}
			names = append(names, "this")
		default:
			return ""
		}
		slices.Reverse(names)
		return strings.Join(names, ".")
	}
	return ""
}

// maxPath bounds the property chains pathKey renders.
const maxPath = 16

// exprEnd returns the position just after expression x where its source
// text is known from the tree (names, literals, property chains), so a
// diagnostic can underline all of it; the zero Pos otherwise.
func exprEnd(x lang.Expr) lang.Pos {
	switch e := x.(type) {
	case *lang.Ident:
		return e.Pos().After(e.Name)
	case *lang.Member:
		if e.NamePos.IsValid() {
			return e.NamePos.After(e.Name)
		}
	case *lang.IntLit:
		return e.Pos().After(e.Raw)
	case *lang.FloatLit:
		return e.Pos().After(e.Raw)
	case *lang.BoolLit:
		if e.Value {
			return e.Pos().After("true")
		}
		return e.Pos().After("false")
	case *lang.NullLit:
		return e.Pos().After("null")
	case *lang.StringLit:
		return e.End
	case *lang.This:
		if e.Label == "" {
			return e.Pos().After("this")
		}
	}
	return lang.Pos{}
}
