package interp

import (
	"github.com/ktcoro/ktcoro/lang"
)

// Parameters declared with a type kotlinc checks statically (Int,
// Boolean, Char, String, a script class) are checked again where a
// function is entered: ktcoro's static checks do not see every call (a
// value through an unchecked cast, or one kotlinc would have rejected
// that the typer could not type), and a wrong value used silently would
// fail later with a message that does not say what was expected.

// paramCheck is the constant of a PARAMCHK: the parameter's declared
// type and, for the NullPointerException of a null, the JVM names of
// the method and the parameter.
type paramCheck struct {
	t      *TypeTest
	tag    any // &kindTags[k] for a primitive of kind k (the fast path), else nil
	method string
	param  string
}

// ok reports whether v may be passed for the parameter.
func (pc *paramCheck) ok(v Value) bool {
	if pc.tag != nil {
		return v.o == pc.tag
	}
	return v.o != nil && pc.t.Test(v)
}

// primitiveKinds are the kinds of the checked primitive classes (String
// is checked too, by class).
var primitiveKinds = map[*Class]Kind{IntClass: KInt, BooleanClass: KBool, CharClass: KChar}

// Class implements Object (checks live in constant pools).
func (*paramCheck) Class() *Class { return anyClass }

// checkParams emits the PARAMCHKs of the parameters of function d, whose
// JVM method is called method. When they open the function, a call that
// proved its arguments (see argsProven) enters after them (CALLP).
func (fc *funcCompiler) checkParams(d *lang.FunDecl, method string) {
	if fc.c.libraryFile() {
		return // the library's own functions are called from natives with what they are given
	}
	start := fc.pc()
	for _, p := range d.Params {
		c := fc.checkedParamClass(p, d.TypeParams)
		l := fc.lookupLocal(p.Name)
		if c == nil || l == nil || l.cell {
			continue
		}
		pc := &paramCheck{t: NewTypeTest(c, false), method: method, param: p.Name}
		if k, ok := primitiveKinds[c]; ok {
			pc.tag = any(&kindTags[k])
		}
		fc.emit(PARAMCHK, l.slot, 0)
		fc.word(uint32(fc.constant(Obj(pc))))
	}
	if start == 0 {
		fc.fn.argsChecked = int32(fc.pc())
	}
}

// checkedParamClass returns the class parameter p is checked against on
// entry (see checkParams), or nil: p is declared, not nullable, with
// Int, Boolean, Char, String or a class of the script that is not an
// interface (a lambda may stand for a fun interface).
func (fc *funcCompiler) checkedParamClass(p *lang.Param, tps []*lang.TypeParam) *Class {
	t := p.Type
	if t == nil || t.Nullable || t.Func != nil || p.Mods.Vararg || mentionsTypeParam(t, tps) || fc.typeParamNamed(t.Name) {
		return nil
	}
	c := fc.c.lookupClass(fc.c.unalias(t).Name)
	if _, prim := primitiveKinds[c]; c == nil || !prim && c != StringClass && (c.decl == nil || fc.c.classes[c.decl] != c || c.Interface) {
		return nil
	}
	if sc, user := fc.c.in.types[c.Name]; primitiveTypes[c.Name] == c && user && sc != c {
		return nil // a script class shadows the built-in
	}
	return c
}

// argsProven reports whether the static types of call e's arguments
// show that every parameter of d that checkParams checks gets a value
// of its type.
func (fc *funcCompiler) argsProven(d *lang.FunDecl, e *lang.Call) bool {
	ms := fc.argParams(d.Params, e)
	if ms == nil && len(e.Args) > 0 {
		return false
	}
	for _, p := range d.Params {
		if fc.checkedParamClass(p, d.TypeParams) == nil {
			continue
		}
		proven := false
		for _, m := range ms {
			if m.p == p {
				t := fc.exprType(m.x)
				proven = t != nil && t.cls != nil && !t.null && fc.accepts(p.Type, t) && !fc.uncheckedParam(m.x)
				break
			}
		}
		if !proven {
			return false
		}
	}
	return true
}

// paramMismatch handles a value *v that failed a PARAMCHK: another
// number where an Int is declared is converted to an Int, as the JVM
// unboxes it through Number.intValue() (a Long a Go host passed, say);
// anything else is the exception the JVM throws.
func (co *Coroutine) paramMismatch(v *Value, pc *paramCheck) error {
	if pc.t.cls == IntClass && v.IsNumber() && !v.IsUnsigned() {
		*v = convertNumber(*v, KInt)
		return nil
	}
	return co.paramError(*v, pc)
}

// paramError is the exception of a failed PARAMCHK for value v.
func (co *Coroutine) paramError(v Value, pc *paramCheck) error {
	if v.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "Parameter specified as non-null is null: method "+pc.method+", parameter "+pc.param)
	}
	if pc.t.cls == IntClass {
		// the JVM unboxes an Int through java.lang.Number
		return co.in.NewError("java.lang.ClassCastException", castMessage(typeName(v), "java.lang.Number"))
	}
	return co.castError(v, pc.t)
}

// CompileLibrary is Compile for a source file of the library itself (a
// prelude written in the language): its functions are called by natives
// with the values they are given, so their parameters are not checked
// on entry as a script's are.
func (in *Interp) CompileLibrary(file string, src []byte) (*Program, error) {
	if in.library == nil {
		in.library = map[string]bool{}
	}
	in.library[file] = true
	return in.Compile(file, src)
}

// uncheckedParam reports whether x names a parameter whose declared type
// nothing checked on entry: one of a lambda, a constructor or an
// accessor (only named functions check theirs, see checkParams).
func (fc *funcCompiler) uncheckedParam(x lang.Expr) bool {
	id, ok := x.(*lang.Ident)
	if !ok {
		return false
	}
	for f := fc; f != nil; f = f.parent {
		if l := f.lookupLocal(id.Name); l != nil {
			_, named := f.body.(*lang.FunDecl)
			return l.slot < f.fn.nparams && (f.lambda || !named)
		}
	}
	return false
}

// provenArgs marks the cache word of an INVOKE whose arguments the
// compiler proved against the method's parameter types (see
// argsProven): the method is entered after its PARAMCHKs.
const provenArgs = 1 << 31
