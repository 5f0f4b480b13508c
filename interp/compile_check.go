package interp

import (
	"sync"

	"github.com/ktcoro/ktcoro/lang"
)

// This file holds what the compiler knows before the program runs about
// implicit receivers and members: the receiver a lambda gets from the
// function it is passed to, and the checks built on it (a call of a name
// that nothing in scope has, launch/async without a CoroutineScope,
// members and argument counts on receivers whose class is known).
// Where a receiver is not known statically the run-time lookup stays.

// staticRecv is what the compiler knows of a lambda's implicit receiver.
type staticRecv struct {
	known bool   // false: only the run time knows
	scope bool   // a CoroutineScope (of a builder: launch, produce, ...)
	cls   *Class // the receiver's class; nil with known and !scope: none
}

// builderRecvs names the functions whose lambda runs with a
// CoroutineScope (or a subtype of it) as its receiver.
var builderRecvs = map[string]bool{
	"runBlocking": true, "launch": true, "async": true, "coroutineScope": true,
	"supervisorScope": true, "withContext": true, "withTimeout": true,
	"withTimeoutOrNull": true, "produce": true, "actor": true,
	"channelFlow": true, "callbackFlow": true,
}

// plainLambdaFuncs names library functions (members or top-level) whose
// lambda arguments take no receiver.
var plainLambdaFuncs = map[string]bool{
	"let": true, "also": true, "takeIf": true, "takeUnless": true, "use": true,
	"repeat": true, "forEach": true, "forEachIndexed": true, "onEach": true,
	"map": true, "mapIndexed": true, "mapNotNull": true, "flatMap": true,
	"filter": true, "filterNot": true, "filterIndexed": true, "any": true,
	"all": true, "none": true, "count": true, "sumOf": true, "fold": true,
	"reduce": true, "find": true, "first": true, "last": true,
	"firstOrNull": true, "lastOrNull": true, "sortedBy": true,
	"sortedByDescending": true, "groupBy": true, "associate": true,
	"associateBy": true, "associateWith": true, "partition": true,
	"maxBy": true, "minBy": true, "maxOf": true, "minOf": true,
	"collect": true, "consumeEach": true, "withLock": true, "withPermit": true,
	"invokeOnCompletion": true, "getOrPut": true, "thread": true,
	"measureTimeMillis": true, "measureNanoTime": true, "synchronized": true,
}

// scopeBuilders names the builders that are extensions of CoroutineScope:
// without a CoroutineScope receiver in scope they are unresolved.
var scopeBuilders = map[string]bool{"launch": true, "async": true, "produce": true, "actor": true}

// noteLambdaRecvs records, for the lambda arguments of call e of name,
// the receiver the callee gives them. params are the callee's declared
// parameters when known (a script or prelude function).
func (fc *funcCompiler) noteLambdaRecvs(e *lang.Call, name string, params []*lang.Param) {
	each := func(lam *lang.Lambda, p *lang.Param) {
		r := staticRecv{}
		switch {
		case params != nil:
			if p != nil && p.Type != nil && p.Type.Func != nil && !p.Mods.Vararg {
				r.known = true
				if rt := p.Type.Func.Receiver; rt != nil {
					r.cls = fc.c.lookupClass(rt.Name)
					r.known = r.cls != nil
				}
			}
		case fc.c.userMembers[name]:
		case builderRecvs[name]:
			r = staticRecv{known: true, scope: true}
		case plainLambdaFuncs[name]:
			r.known = true
		}
		if r.known {
			if fc.c.lambdaRecvs == nil {
				fc.c.lambdaRecvs = map[*lang.Lambda]staticRecv{}
			}
			fc.c.lambdaRecvs[lam] = r
		}
	}
	for i, a := range e.Args {
		if lam, ok := a.Value.(*lang.Lambda); ok {
			each(lam, paramAt(params, i, a.Name))
		}
	}
	if e.Lambda != nil {
		each(e.Lambda, paramAt(params, len(params)-1, ""))
	}
}

// paramAt returns the parameter of params an argument at index i (or
// named name) goes to, or nil.
func paramAt(params []*lang.Param, i int, name string) *lang.Param {
	if name != "" {
		for _, q := range params {
			if q.Name == name {
				return q
			}
		}
		return nil
	}
	if i >= 0 && i < len(params) {
		return params[i]
	}
	return nil
}

// mayHaveScope reports whether a CoroutineScope (or a receiver with a
// member called name) may be an implicit receiver at fc: false only when
// every implicit receiver in scope is known and none is one.
func (fc *funcCompiler) mayHaveScope(name string) bool {
	scope := fc.c.in.types["CoroutineScope"]
	if scope == nil || fc.c.userMembers[name] {
		return true
	}
	has := func(c *Class) bool {
		_, ok := c.LookupMethod(name)
		return ok || c.IsSubclassOf(scope)
	}
	for f := fc; f != nil; f = f.parent {
		switch {
		case f == fc.c.top:
			return true // top-level code (the REPL runs it in a scope)
		case f.lambda:
			r := f.recv
			if !r.known || r.scope || r.cls != nil && has(r.cls) {
				return true
			}
		case f.envOf != nil:
			return true
		case f.class != nil:
			c := f.class.cls
			if has(c) || f.memberExt || c.outer != nil || f.parent != nil && f.parent != fc.c.top {
				return true
			}
			return false
		case f.hasThis:
			if c := f.fn.recvCls; c == nil || has(c) {
				return true
			}
		}
	}
	return false
}

// unknownCall reports whether a call of (or an assignment to) name inside a lambda or an
// extension cannot resolve: name is no local, global or built-in, and no
// class or extension anywhere has a member called it.
func (fc *funcCompiler) unknownCall(name string) bool {
	if fc.c.memberNames[name] || isLibraryMember(name) || fc.scriptDeclares(name) {
		return false
	}
	// a class the library does not list by name may still be a
	// receiver's declared class
	for f := fc; f != nil; f = f.parent {
		c := f.recv.cls
		if !f.lambda {
			c = f.fn.recvCls
		}
		if c == nil {
			continue
		}
		if _, ok := c.LookupMethod(name); ok || c.LookupProp(name) != nil {
			return false
		}
	}
	return true
}

// nativeMembers holds the name of every member a native class was given
// (AddMethod, AddProp, AddField: kind nativeKind; the fields and methods
// of Go structs: kind goKind), in any interpreter: the classes of
// library values are not all listed by name (SemaphoreImpl), yet any of
// them may be an implicit receiver. Only names are kept, so it stays as
// small as the library. The compiler adds the fields of script classes
// with addField, which does not record them (they are listed per
// interpreter, see memberNameSet).
var nativeMembers struct {
	sync.RWMutex
	names map[string]uint8
}

// The kinds of native member nativeMembers records.
const (
	nativeKind uint8 = 1 << iota
	goKind
)

// noteNativeMember records name as a member of some native class.
func noteNativeMember(name string) { noteMember(name, nativeKind) }

// noteGoMember records name as a field or method of some Go struct.
func noteGoMember(name string) { noteMember(name, goKind) }

// noteMember adds kind to name's entry in nativeMembers.
func noteMember(name string, kind uint8) {
	nativeMembers.RLock()
	k := nativeMembers.names[name]
	nativeMembers.RUnlock()
	if k&kind != 0 {
		return
	}
	nativeMembers.Lock()
	if nativeMembers.names == nil {
		nativeMembers.names = map[string]uint8{}
	}
	nativeMembers.names[name] |= kind
	nativeMembers.Unlock()
}

// isNativeMember reports whether some native class or Go struct has a
// member name.
func isNativeMember(name string) bool {
	nativeMembers.RLock()
	defer nativeMembers.RUnlock()
	return nativeMembers.names[name] != 0
}

// isLibraryMember reports whether some native class that is not a Go
// struct has a member name: a Go struct is never a receiver's static
// type, so its members do not excuse an unknown member of one.
func isLibraryMember(name string) bool {
	nativeMembers.RLock()
	defer nativeMembers.RUnlock()
	return nativeMembers.names[name]&nativeKind != 0
}

// knownClassOf returns the static type of x when the compiler knows it
// and knows all the members of its class: a script class that is not
// generic and extends only script classes, or a library class (whose
// members are its native members and the library's extensions). nil
// otherwise.
func (fc *funcCompiler) knownClassOf(x lang.Expr) *sType {
	t := fc.exprType(x)
	if t == nil || t.cls == nil || t.null || t.job {
		return nil
	}
	if c := t.cls; c.decl != nil && (!scriptOnly(c) || len(c.decl.TypeParams) > 0) {
		return nil
	}
	return t
}

// scriptOnly reports whether c and all its supertypes but Any were
// declared in the script (so its members are all known).
func scriptOnly(c *Class) bool {
	if c == AnyClass || c == anyClass {
		return true
	}
	if c.decl == nil || c.Enum || c.outer != nil {
		return false
	}
	if c.Super != nil && !scriptOnly(c.Super) {
		return false
	}
	for _, i := range c.Interfaces {
		if !scriptOnly(i) {
			return false
		}
	}
	return true
}

// checkMemberOn reports recv.name where recv's class c is known and
// neither it nor any extension has a member name (kotlinc's
// `unresolved reference 'x' on receiver of type 'C'.`), and returns the
// member function's declaration when c declares exactly one called name.
func (fc *funcCompiler) checkMemberOn(t *sType, name string, pos lang.Pos) *lang.FunDecl {
	if t != nil && readOnlyLacks(t, name) && !fc.scriptExtension(name) {
		fc.c.errorAt(pos, name, "unresolved reference '%s' on receiver of type '%s'.", name, t.name)
		return nil
	}
	if t == nil || len(fc.c.in.exts[name]) > 0 || fc.c.memberExts[name] {
		return nil
	}
	c := t.cls
	_, isMethod := c.LookupMethod(name)
	if isMethod || c.LookupProp(name) != nil || c.members[name] {
		if !isMethod {
			return nil
		}
		return fc.methodDecl(c, name)
	}
	if fc.c.memberNames[name] || isLibraryMember(name) || fc.scriptDeclares(name) {
		return nil // maybe an extension of c (top-level extension properties are not listed apart)
	}
	fc.c.errorAt(pos, name, "unresolved reference '%s' on receiver of type '%s'.", name, t.name)
	return nil
}

// ctorSignature renders the primary constructor of script class c as
// kotlinc's diagnostics show it: `constructor(a: Int): Foo`.
func ctorSignature(c *Class) string {
	d := &lang.FunDecl{Name: "constructor", Params: c.decl.CtorParams, Result: &lang.TypeRef{Name: c.Name}}
	sig := funSignature(d)
	return "constructor" + sig[len("fun constructor"):]
}
