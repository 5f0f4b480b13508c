package interp

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// This file compiles calls and member access: arguments, calls by name
// (functions, constructors, members, built-ins), checks of a call against
// its declaration, member calls and property reads, super and access
// checks.

// args compiles call arguments (plus the trailing lambda) and returns the
// argument count and names (nil when all are positional). params, when
// known, are the callee's declared parameters: a lambda passed for one of
// a function type with receiver is compiled as a lambda with receiver.
func (fc *funcCompiler) args(args []*lang.Arg, trailing *lang.Lambda, label string, params []*lang.Param) (int, []string, bool) {
	var names []string
	spread := false
	for _, a := range args {
		if a.Spread && a.Name == "" {
			// a named one (parts = *array) passes the array itself
			spread = true
		}
	}
	if spread {
		for _, a := range args {
			fc.expr(a.Value)
			switch {
			case a.Name != "":
				fc.emit(NAMEDARG, fc.name(a.Name), 0)
			case !a.Spread:
				fc.emit(LIST, 1, 0)
			}
		}
		if trailing != nil {
			fc.lambdaExpr(trailing, label, nil)
			fc.emit(LIST, 1, 0)
		}
		n := len(args)
		if trailing != nil {
			n++
		}
		fc.emit(LIST, n, 1-n)
		return 1, nil, true
	}
	hasNames := false
	for i, a := range args {
		if lam, ok := a.Value.(*lang.Lambda); ok {
			fc.lambdaExpr(lam, label, argRecvFn(params, i, a.Name))
		} else {
			fc.expr(a.Value)
		}
		names = append(names, a.Name)
		if a.Name != "" {
			hasNames = true
		}
	}
	n := len(args)
	if trailing != nil {
		fc.lambdaExpr(trailing, label, argRecvFn(params, len(params)-1, ""))
		names = append(names, "")
		n++
	}
	if !hasNames {
		names = nil
	}
	return n, names, false
}

// invokesWithReceiver reports whether x.name(...) invokes the value name
// stands for here with x as its receiver: name is a variable or property
// declared of a function type with receiver, or a local variable whose
// type is not known and that no class or extension has a member called.
func (fc *funcCompiler) invokesWithReceiver(name string) bool {
	if fc.recvFnNamed(name) != nil {
		return true
	}
	return fc.sees(name) && !fc.c.memberNames[name] && !fc.c.userMembers[name]
}

// recvFnNamed returns the declared function type with receiver of the
// value name stands for here (a local or captured variable, a property of
// the enclosing class, a top-level property), or nil.
func (fc *funcCompiler) recvFnNamed(name string) *lang.FuncType {
	for p := fc; p != nil; p = p.parent {
		if l := p.lookupLocal(name); l != nil {
			return l.recvFn
		}
	}
	if rf, ok := propRecvFn(fc.enclosingClass(), name); ok {
		return rf
	}
	for f := fc; f != nil; f = f.parent {
		if rf, ok := propRecvFn(f.fn.recvCls, name); ok {
			return rf // a property of an extension's receiver
		}
	}
	if g, ok := fc.c.globals[name]; ok {
		return g.recvFn
	}
	return nil
}

// methodParams returns the declared parameters of the member functions
// named name of script classes when e passes a lambda, no built-in class
// or extension has a member of that name, and those declarations agree on
// which parameters have a function type with receiver; nil otherwise.
// (The receiver's class is known only at run time.)
func (fc *funcCompiler) methodParams(name string, e *lang.Call) []*lang.Param {
	hasLambda := e.Lambda != nil
	for _, a := range e.Args {
		if _, ok := a.Value.(*lang.Lambda); ok {
			hasLambda = true
		}
	}
	if !hasLambda {
		return nil
	}
	c := fc.c
	if c.methodDecls == nil {
		c.methodDecls = map[string][]*lang.FunDecl{}
		c.builtinMethods = map[string]bool{}
		seen := map[*Class]bool{}
		add := func(cls *Class) {
			if seen[cls] {
				return
			}
			seen[cls] = true
			if cls.decl == nil {
				for n := range cls.Methods {
					c.builtinMethods[n] = true
				}
				return
			}
			for _, m := range cls.decl.Members {
				if f, ok := m.(*lang.FunDecl); ok && f.Receiver == nil {
					c.methodDecls[f.Name] = append(c.methodDecls[f.Name], f)
				}
			}
		}
		for _, cls := range c.in.types {
			add(cls)
		}
		for _, cls := range c.classes {
			add(cls)
		}
	}
	if c.builtinMethods[name] || len(c.in.exts[name]) > 0 {
		return nil // the receiver may be a built-in or have an extension
	}
	n := len(e.Args) + btoi(e.Lambda != nil)
	var out []*lang.Param
	for _, f := range c.methodDecls[name] {
		if len(f.Params) != n {
			continue
		}
		if out == nil {
			out = f.Params
			continue
		}
		for i, p := range f.Params {
			if (recvFnOf(p.Type) == nil) != (recvFnOf(out[i].Type) == nil) || p.Name != out[i].Name {
				return nil
			}
		}
	}
	return out
}

// propRecvFn finds property name of script class cls (or its
// superclasses) and returns its declared function type with receiver
// (nil when it has none); ok reports whether the property was found.
func propRecvFn(cls *Class, name string) (rf *lang.FuncType, ok bool) {
	for ; cls != nil; cls = cls.Super {
		if cls.decl == nil {
			continue
		}
		for _, p := range cls.decl.CtorParams {
			if p.Prop != "" && p.Name == name {
				return recvFnOf(p.Type), true
			}
		}
		for _, m := range cls.decl.Members {
			if v, ok := m.(*lang.VarDecl); ok && v.Name == name && v.Receiver == nil {
				return recvFnOf(v.Type), true
			}
		}
	}
	return nil, false
}

// recvFnParams returns parameters standing for the declared parameter
// types of the function value name (so that a lambda passed to it is
// compiled knowing its type), or nil.
func (fc *funcCompiler) recvFnParams(name string) []*lang.Param {
	rf := fc.recvFnNamed(name)
	if rf == nil {
		return nil
	}
	ps := make([]*lang.Param, len(rf.Params))
	for i, t := range rf.Params {
		ps[i] = &lang.Param{Type: t}
	}
	return ps
}

// argRecvFn returns the function type with receiver declared for the
// argument at index i (or named name) among params, or nil.
func argRecvFn(params []*lang.Param, i int, name string) *lang.FuncType {
	var p *lang.Param
	if name != "" {
		for _, q := range params {
			if q.Name == name {
				p = q
			}
		}
	} else if i >= 0 && i < len(params) {
		p = params[i]
	}
	if p == nil || p.Mods.Vararg {
		return nil
	}
	return recvFnOf(p.Type)
}

// ctorParams returns the parameters of the constructor of cls that a call
// with n arguments most likely calls: the primary one unless only a
// secondary one takes n; nil when cls was not declared in a script.
func ctorParams(cls *Class, n int) []*lang.Param {
	d := cls.decl
	if d == nil {
		return nil
	}
	if len(d.CtorParams) == n {
		return d.CtorParams
	}
	for _, sc := range secondaryCtors(d) {
		if len(sc.Params) == n {
			return sc.Params
		}
	}
	return d.CtorParams
}

// recvFnOf returns t when it is a function type with receiver, else nil.
func recvFnOf(t *lang.TypeRef) *lang.FuncType {
	if t == nil || t.Func == nil || t.Func.Receiver == nil {
		return nil
	}
	return t.Func
}

func (fc *funcCompiler) emitCall(argc int, names []string, spread bool, pos lang.Pos) {
	fc.mark(pos)
	switch {
	case spread:
		fc.emit(SPREADCALL, 0, -1)
	case names != nil:
		fc.emit(CALLN, argc, -argc)
		fc.word(uint32(fc.namesConst(names)))
	default:
		fc.emit(CALL, argc, -argc)
	}
}

func (fc *funcCompiler) call(e *lang.Call) {
	switch f := e.Fn.(type) {
	case *lang.Ident:
		fc.callName(e, f)
		return
	case *lang.Member:
		fc.callMember(e, f)
		return
	}
	fc.expr(e.Fn)
	argc, names, spread := fc.args(e.Args, e.Lambda, "", nil)
	fc.emitCall(argc, names, spread, e.Pos())
}

// callName compiles name(args).
func (fc *funcCompiler) callName(e *lang.Call, id *lang.Ident) {
	name := id.Name
	pos := id.Pos()
	// a local or captured function value
	if l := fc.lookupLocal(name); l != nil {
		if l.recvFn != nil && len(e.Args)+btoi(e.Lambda != nil) == len(l.recvFn.Params) {
			// block() inside T.block: the implicit receiver is this
			fc.loadName(name, pos)
			fc.this("", pos)
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.mark(pos)
			fc.emit(CALLTHIS, argc, -argc-1)
			_ = names
			return
		}
		if l.recvFn != nil {
			fc.loadName(name, pos)
			argc, _, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.mark(pos)
			fc.emit(CALLTHIS, argc-1, -argc)
			return
		}
		fc.loadName(name, pos)
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		fc.emitCall(argc, names, spread, pos)
		return
	}
	if f := fc.resolveFree(name); f != nil {
		fc.loadName(name, pos)
		if f.recvFn != nil {
			argc, _, _ := fc.args(e.Args, e.Lambda, name, nil)
			if argc == len(f.recvFn.Params) {
				fc.this("", pos)
				fc.emit(SWAP, 0, 0)
				fc.c.errorAt(pos, name, "calling a captured receiver function is not supported.")
			}
			fc.mark(pos)
			fc.emit(CALLTHIS, argc-1, -argc)
			return
		}
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		fc.emitCall(argc, names, spread, pos)
		return
	}
	// a method of the enclosing class, or of the class this is
	// smart-cast to
	if fc.inClass() && (fc.memberMethod(name) || fc.thisCastWith(name, true) != nil) && !fc.extRecvMay(name) {
		fc.classThis(pos)
		argc, names, _ := fc.args(e.Args, e.Lambda, name, fc.methodParams(name, e))
		argc, names = fc.reifiedArgs(e, name, argc, names)
		fc.invoke(name, argc, names, pos)
		return
	}
	if fc.inClass() && !fc.extRecvMay(name) {
		if p := fc.memberProp(name); p != nil {
			fc.loadName(name, pos)
			if rf, _ := propRecvFn(fc.enclosingClass(), name); rf != nil && len(e.Args)+btoi(e.Lambda != nil) == len(rf.Params)+1 {
				// block(x) for a property of a function type with
				// receiver: x is the receiver
				argc, _, _ := fc.args(e.Args, e.Lambda, name, nil)
				fc.mark(pos)
				fc.emit(CALLTHIS, argc-1, -argc)
				return
			}
			argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
			fc.emitCall(argc, names, spread, pos)
			return
		}
		if oc := fc.outerClassWith(name, true); oc != nil {
			fc.outerThis(oc, pos)
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.invoke(name, argc, names, pos)
			return
		}
		if co := fc.companionHas(name, true); co != nil {
			fc.emit(OBJECT, fc.constant(Obj(co)), 1)
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.invoke(name, argc, names, pos)
			return
		}
		if c, oc := fc.enclosingClassWith(name, true); c != nil {
			fc.enclosingThis(c, oc, pos)
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.invoke(name, argc, names, pos)
			return
		}
		if ec := fc.enumStatic(name); ec != nil {
			fc.emitConst(Obj(ec))
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.invoke(name, argc, names, pos)
			return
		}
	}
	if n := fc.nestedClass(name); n != nil && !n.IsObject {
		// a nested class constructed from its outer class's body
		fc.emitConst(Obj(n))
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		fc.emitCall(argc, names, spread, pos)
		return
	}
	if reifiedFirstArg[name] && len(e.TypeArgs) == 1 {
		if g, ok := fc.c.globals[name]; ok && g.prelude && !g.overloaded {
			// the type argument is passed as a leading argument
			fc.emitConst(g.value)
			fc.emitConst(Obj(fc.c.typeTest(e.TypeArgs[0], nil)))
			argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
			fc.emitCall(argc+1, names, spread, pos)
			return
		}
	}
	if (name == "enumValues" || name == "enumValueOf" || name == "enumEntries") && len(e.TypeArgs) == 1 {
		if c := fc.c.lookupClass(e.TypeArgs[0].Name); c != nil && c.Enum {
			fc.emitConst(Obj(c))
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			m := "values"
			switch name {
			case "enumValueOf":
				m = "valueOf"
			case "enumEntries":
				m = "__entries"
			}
			fc.invoke(m, argc, names, pos)
			return
		}
	}
	if _, ok := fc.c.globals[name]; !ok {
		// a constructor called through a type alias: Builder()
		if t := fc.c.unalias(&lang.TypeRef{Name: name}); t.Func == nil && t.Name != name {
			if i := strings.LastIndexByte(t.Name, '.'); i < 0 || fc.c.lookupClass(t.Name) != nil {
				name = t.Name[i+1:]
			}
		}
	}
	g, isGlobal := fc.c.globals[name]
	b, isBuiltin := fc.c.in.builtins[name]
	if fc.critical {
		if n, ok := b.o.(*Native); isGlobal && g.fun != nil && g.fun.Mods.Suspend || !isGlobal && ok && n.Suspend {
			fc.c.suspendInCritical(pos, name)
		}
	}
	if name == "synchronized" && (isGlobal && g.prelude || !isGlobal && isBuiltin) {
		fc.markCritical(e)
	}
	dynamic := fc.needsDynamicCall(name, e)
	// the prelude's repeat, which no implicit receiver's member can stand for
	if name == "repeat" && (isGlobal && g.prelude && !g.overloaded || !isGlobal && isBuiltin) && !dynamic && fc.inlineRepeat(e) {
		return
	}
	// an extension called on the implicit this of a method (apply { })
	extOnThis := fc.inClass() && len(fc.c.in.exts[name]) > 0
	// a DYNCALL cannot spread: f(*a) calls the top-level f when there is one
	spreadToGlobal := (isGlobal || isBuiltin) && slices.ContainsFunc(e.Args, func(a *lang.Arg) bool { return a.Spread })
	if !isGlobal && isBuiltin && scopeBuilders[name] && !fc.mayHaveScope(name) {
		fc.unresolvedName(pos, name)
	}
	if !spreadToGlobal && (dynamic || (!isGlobal && !isBuiltin && (fc.recvCtx || fc.lambdaDepth() > 0 || extOnThis))) {
		if !isGlobal && !isBuiltin && fc.unknownCall(name) {
			fc.unresolvedName(pos, name)
		}
		if !isGlobal {
			fc.noteLambdaRecvs(e, name, nil)
		}
		fc.emit(NULL, 0, 1)
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		if spread {
			fc.c.errorf(pos, "spread arguments are not supported here.")
		} else {
			argc, names = fc.reifiedArgs(e, name, argc, names)
		}
		fc.mark(pos)
		fc.emit(DYNCALL, argc, -argc)
		fc.word(uint32(fc.name(name)))
		switch {
		case isGlobal && !g.isConst:
			if fc != fc.c.top {
				fc.c.in.mod.useGlobal(g.slot)
			}
			fc.word(uint32(g.slot))
		case isGlobal:
			fc.word(dynFallbackConst | uint32(fc.constant(g.value)))
		case isBuiltin:
			fc.word(dynFallbackConst | uint32(fc.constant(b)))
		default:
			fc.word(dynFallbackNone)
		}
		if names != nil {
			fc.word(uint32(fc.namesConst(names)))
		} else {
			fc.word(dynFallbackNone)
		}
		fc.word(fc.cacheSlot())
		return
	}
	switch {
	case isGlobal:
		if g.fun != nil && !g.overloaded {
			fc.checkCall(g.fun, e, pos)
			fc.checkCandidates([]candidate{{g.fun.Params, g.fun.TypeParams}}, e, pos, name)
		} else if g.fun != nil {
			fc.checkCandidates(fc.topOverloads(name), e, pos, name)
		} else if g.cls != nil {
			fc.checkCtorArgs(g.cls, e)
			fc.checkAbstractCtor(g.cls, e, pos, name)
		}
		if c := g.cls; c != nil && c.decl != nil && len(c.ctors) == 0 && len(secondaryCtors(c.decl)) == 0 && !c.Abstract && !c.Interface && !c.IsObject {
			fc.checkArgCount(c.decl.CtorParams, e, pos, name, ctorSignature(c))
		}
		if g.isConst {
			fc.emitConst(g.value)
		} else {
			fc.emit(GLOBAL, g.slot, 1)
		}
	case isBuiltin:
		if n, ok := b.o.(*Native); ok && n.Suspend && !fc.suspendContext() {
			fc.c.suspendCall(pos, name, "suspend fun "+name+"(...)")
		}
		fc.emitConst(b)
	default:
		fc.unresolvedName(pos, name)
		fc.emit(NULL, 0, 1)
	}
	var params []*lang.Param
	switch {
	case isGlobal && g.fun != nil && !g.overloaded:
		params = g.fun.Params
	case isGlobal && g.cls != nil:
		params = ctorParams(g.cls, len(e.Args)+btoi(e.Lambda != nil))
	}
	if params != nil || !isGlobal {
		fc.noteLambdaRecvs(e, name, params)
	}
	argc, names, spread := fc.args(e.Args, e.Lambda, name, params)
	if !spread {
		argc, names = fc.reifiedArgs(e, name, argc, names)
	}
	if isGlobal && names == nil && !spread && (g.overloaded || g.cls != nil && len(g.cls.ctors) > 0) {
		if static := fc.staticArgs(e.Args); static != nil {
			// the arguments' static types choose the overload
			static = append(static, make([]*TypeTest, argc-len(static))...)
			fc.mark(pos)
			fc.emit(CALLN, argc, -argc)
			fc.word(uint32(fc.constant(Obj(&stringList{types: static}))))
			return
		}
	}
	if isGlobal && g.fun != nil && !g.overloaded && names == nil && !spread && fc.argsProven(g.fun, e) {
		fc.mark(pos)
		fc.emit(CALLP, argc, -argc)
		return
	}
	fc.emitCall(argc, names, spread, pos)
}

// enumStatic finds an enclosing enum class (from its body or its
// companion) whose statics include name.
func (fc *funcCompiler) enumStatic(name string) *Class {
	for c := fc.enclosingClass(); c != nil; c = c.outer {
		if _, ok := c.StaticMethods[name]; ok {
			return c
		}
		if c.Super != nil && c.Super.Enum {
			if _, ok := c.Super.StaticMethods[name]; ok {
				return c.Super
			}
		}
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// markCritical notes the lambdas passed to the call e of the prelude's
// synchronized: a call of a suspend function written directly in their
// body (or in a repeat inlined there) is kotlinc's error "suspension point
// inside a critical section". Lambdas nested in them are not checked:
// they may run elsewhere (launch { }), and whether they are inline is not
// known here.
func (fc *funcCompiler) markCritical(e *lang.Call) {
	if fc.c.critical == nil {
		fc.c.critical = map[*lang.Lambda]bool{}
	}
	if e.Lambda != nil {
		fc.c.critical[e.Lambda] = true
	}
	for _, a := range e.Args {
		if l, ok := a.Value.(*lang.Lambda); ok {
			fc.c.critical[l] = true
		}
	}
}

// suspendContext reports whether a suspend function may be called here:
// in a suspend function, or in a lambda (which may be a suspend lambda or
// an inline one; checked at run time).
func (fc *funcCompiler) suspendContext() bool {
	return fc.suspend || fc.lambda
}

// checkCall checks a call of a known top-level function: suspend context
// and argument count.
func (fc *funcCompiler) checkCall(d *lang.FunDecl, e *lang.Call, pos lang.Pos) {
	if d.Mods.Suspend && !fc.suspendContext() {
		fc.c.suspendCall(pos, d.Name, funSignature(d))
	}
	fc.checkArgCount(d.Params, e, pos, d.Name, funSignature(d))
}

// checkArgCount checks the argument count of call e (at pos, of name) of
// a function, method or constructor with params, whose signature sig
// the diagnostics show.
func (fc *funcCompiler) checkArgCount(params []*lang.Param, e *lang.Call, pos lang.Pos, name, sig string) {
	npos := 0
	named := map[string]bool{}
	for _, a := range e.Args {
		if a.Spread {
			return
		}
		if a.Name == "" {
			npos++
		} else {
			named[a.Name] = true
		}
	}
	if e.Lambda != nil {
		if n := len(params); n > 0 && npos < n-1 {
			// a trailing lambda goes to the last parameter
			named[params[n-1].Name] = true
		} else {
			npos++
		}
	}
	vararg := false
	for _, p := range params {
		if p.Mods.Vararg {
			vararg = true
		}
	}
	if !vararg && npos > len(params) {
		if len(params) < len(e.Args) {
			fc.c.errorf(e.Args[len(params)].Pos(), "too many arguments for '%s'.", sig)
		} else if e.Lambda != nil {
			fc.c.errorf(e.Lambda.Pos(), "too many arguments for '%s'.", sig)
		} else {
			fc.c.errorAt(pos, name, "too many arguments for '%s'.", sig)
		}
		return
	}
	for _, a := range e.Args {
		if a.Name != "" && !slices.ContainsFunc(params, func(p *lang.Param) bool { return p.Name == a.Name }) {
			fc.c.errorAt(a.Pos(), a.Name, "no parameter with name '%s' found.", a.Name)
		}
	}
	for i, p := range params {
		if i < npos || named[p.Name] || p.Default != nil || p.Mods.Vararg {
			continue
		}
		if vararg {
			continue
		}
		fc.c.errorAt(pos, name, "no value passed for parameter '%s'.", p.Name)
		return
	}
}

// funSignature renders d's signature as kotlinc's diagnostics show it:
// `suspend fun <T> Int.f(a: Int, vararg b: T = ...): Unit`. The result type
// is the written one, Unit for a block body, the type of a literal
// expression body, and left out when it would need inference.
func funSignature(d *lang.FunDecl) string {
	var b strings.Builder
	if d.Mods.Suspend {
		b.WriteString("suspend ")
	}
	b.WriteString("fun ")
	if len(d.TypeParams) > 0 {
		var ts []string
		for _, t := range d.TypeParams {
			ts = append(ts, t.Name)
		}
		b.WriteString("<" + strings.Join(ts, ", ") + "> ")
	}
	if d.Receiver != nil {
		b.WriteString(typeString(d.Receiver) + ".")
	}
	b.WriteString(d.Name)
	b.WriteByte('(')
	for i, p := range d.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		if p.Mods.Vararg {
			b.WriteString("vararg ")
		}
		b.WriteString(p.Name)
		if p.Type != nil {
			b.WriteString(": ")
			b.WriteString(typeString(p.Type))
		}
		if p.Default != nil {
			b.WriteString(" = ...")
		}
	}
	b.WriteByte(')')
	if r := resultTypeName(d); r != "" {
		b.WriteString(": " + r)
	}
	return b.String()
}

// resultTypeName names d's result type when it is known without inference
// ("" otherwise).
func resultTypeName(d *lang.FunDecl) string {
	if d.Result != nil {
		return typeString(d.Result)
	}
	if d.ExprBody == nil {
		return "Unit"
	}
	return literalTypeName(d.ExprBody)
}

// literalTypeName names the type of e when e is a literal ("" otherwise).
func literalTypeName(e lang.Expr) string {
	switch x := e.(type) {
	case *lang.IntLit:
		switch {
		case x.Unsigned && x.Long:
			return "ULong"
		case x.Unsigned:
			return "UInt"
		case x.Long:
			return "Long"
		}
		return "Int"
	case *lang.FloatLit:
		if x.Float {
			return "Float"
		}
		return "Double"
	case *lang.BoolLit:
		return "Boolean"
	case *lang.CharLit:
		return "Char"
	case *lang.StringLit:
		return "String"
	}
	return ""
}

func typeString(t *lang.TypeRef) string {
	if t == nil {
		return ""
	}
	var s string
	if t.Func != nil {
		var ps []string
		for _, p := range t.Func.Params {
			ps = append(ps, typeString(p))
		}
		s = "(" + strings.Join(ps, ", ") + ") -> " + typeString(t.Func.Result)
		if t.Func.Receiver != nil {
			s = typeString(t.Func.Receiver) + "." + s
		}
	} else {
		s = t.Name
		if len(t.Args) > 0 {
			var as []string
			for _, a := range t.Args {
				if a == nil || a.Star {
					as = append(as, "*")
				} else {
					as = append(as, typeString(a))
				}
			}
			s += "<" + strings.Join(as, ", ") + ">"
		}
	}
	if t.Nullable {
		s += "?"
	}
	return s
}

// reifiedTypeArg names the built-in functions whose type argument is
// passed at run time (`xs.filterIsInstance<String>()`).
var reifiedTypeArg = map[string]bool{"filterIsInstance": true}

// reifiedFirstArg names the prelude functions with a reified type
// parameter that take its type test as their first argument
// (assertFailsWith<E> { } calls assertFailsWith(E, block)).
var reifiedFirstArg = map[string]bool{"assertFailsWith": true, "assertIs": true, "assertIsNot": true}

// callMember compiles recv.name(args) and recv?.name(args).
func (fc *funcCompiler) callMember(e *lang.Call, m *lang.Member) {
	if id := fc.unqualify(m); id != nil {
		fc.callName(e, id)
		return
	}
	if _, ok := m.X.(*lang.Super); ok {
		sup := fc.superClass(m.X.(*lang.Super), m.Pos())
		if s := m.X.(*lang.Super); s.Type == "" {
			sup = fc.superWith(sup, m.Name)
		}
		fc.classThis(m.Pos())
		argc, _, _ := fc.args(e.Args, e.Lambda, m.Name, nil)
		fc.mark(m.NamePos)
		fc.emit(SUPERINVOKE, argc, -argc)
		fc.word(uint32(fc.name(m.Name)))
		fc.word(uint32(fc.constant(Obj(sup))))
		return
	}
	if fc.invokesWithReceiver(m.Name) {
		// x.block() where block is a value of a function type with
		// receiver: block invoked with x as its receiver
		fc.expr(m.X)
		skip := -1
		if m.Safe {
			skip = fc.emit(JMPNULL, 0, 0)
		}
		fc.loadName(m.Name, m.NamePos)
		fc.emit(SWAP, 0, 0)
		argc, _, _ := fc.args(e.Args, e.Lambda, m.Name, fc.recvFnParams(m.Name))
		fc.mark(m.NamePos)
		fc.emit(CALLTHIS, argc, -argc-1)
		if skip >= 0 {
			fc.patch(skip, fc.pc())
		}
		return
	}
	if fc.memberExtOutside(m.Name) {
		fc.c.errorf(m.NamePos, "unresolved reference '%s'.", m.Name)
	}
	fc.checkNullableMember(m)
	proven := false // the method's parameter checks can be skipped (see argsProven)
	if t := fc.knownClassOf(m.X); t != nil {
		if d := fc.checkMemberOn(t, m.Name, m.NamePos); d != nil {
			fc.checkArgCount(d.Params, e, m.NamePos, d.Name, funSignature(d))
			proven = !m.Safe && fc.ownClass(t.cls) && !fc.scriptExtension(m.Name) && fc.argsProven(d, e)
		}
	}
	fc.checkAccess(m.Name, m.NamePos)
	if st := fc.staticType(m.X); st != nil && !m.Safe && !hasSpread(e.Args) && fc.c.staticExtension(st.cls, m.Name) {
		// an extension chosen by the receiver's declared class
		fc.emitConst(Obj(staticExtNative))
		fc.emitConst(Obj(st.cls))
		fc.emitConst(String(m.Name))
		fc.expr(m.X)
		fc.emit(CALL, 3, -3)
		argc, names, spread := fc.args(e.Args, e.Lambda, m.Name, nil)
		fc.emitCall(argc, names, spread, m.NamePos)
		return
	}
	fc.checkMethodArgs(e, m)
	fc.expr(m.X)
	var skip int = -1
	if m.Safe {
		skip = fc.emit(JMPNULL, 0, 0)
	}
	if reifiedTypeArg[m.Name] && len(e.TypeArgs) == 1 && len(e.Args) == 0 && e.Lambda == nil {
		// the type argument of a reified function is passed as a value
		fc.typeArgValue(e.TypeArgs[0])
		fc.invoke(m.Name, 1, nil, m.NamePos)
		if skip >= 0 {
			fc.patch(skip, fc.pc())
		}
		return
	}
	mparams := fc.methodParams(m.Name, e)
	fc.noteLambdaRecvs(e, m.Name, mparams)
	argc, names, spread := fc.args(e.Args, e.Lambda, m.Name, mparams)
	if !spread {
		argc, names = fc.reifiedArgs(e, m.Name, argc, names)
	}
	if spread {
		// recv.name(*args): the arguments are one array of arrays
		fc.mark(m.NamePos)
		fc.emit(SPREADINVOKE, 0, -1)
		fc.word(uint32(fc.name(m.Name)))
	} else {
		fc.invoke(m.Name, argc, names, m.NamePos)
		if proven && names == nil {
			fc.fn.code[len(fc.fn.code)-1] |= provenArgs
		}
	}
	if skip >= 0 {
		fc.patch(skip, fc.pc())
	}
}

// member compiles recv.name and recv?.name.
func (fc *funcCompiler) member(m *lang.Member) {
	if id := fc.unqualify(m); id != nil {
		fc.expr(id)
		return
	}
	if r, ok := m.X.(*lang.CallableRef); ok && m.Name == "isInitialized" && r.Recv == nil && r.RecvType == nil && fc.inClass() {
		// ::prop.isInitialized of a lateinit property: its field is set
		if p := fc.memberProp(r.Name); p != nil && p.Lateinit && p.Slot >= 0 {
			fc.classThis(m.Pos())
			fc.emit(GETFIELD, p.Slot, 0)
			fc.emit(NULL, 0, 1)
			fc.emit(NE, 0, -1)
			return
		}
	}
	if s, ok := m.X.(*lang.Super); ok {
		sup := fc.superClass(s, m.Pos())
		fc.classThis(m.Pos())
		fc.emit(SUPERINVOKE, 0, 0)
		fc.word(uint32(fc.name(m.Name)))
		fc.word(uint32(fc.constant(Obj(sup))))
		return
	}
	fc.checkAccess(m.Name, m.NamePos)
	fc.checkMemberOn(fc.knownClassOf(m.X), m.Name, m.NamePos)
	fc.checkNullableMember(m)
	fc.expr(m.X)
	var skip int = -1
	if m.Safe {
		skip = fc.emit(JMPNULL, 0, 0)
	}
	fc.mark(m.NamePos)
	fc.emit(GETPROP, fc.name(m.Name), 0)
	fc.word(fc.cacheSlot())
	if skip >= 0 {
		fc.patch(skip, fc.pc())
	}
}

// checkAccess reports `recv.name` outside the class where name is private
// (when that is known at compile time: the name is private in one class
// and public nowhere).
func (fc *funcCompiler) checkAccess(name string, pos lang.Pos) {
	owner := fc.c.privateOwner[name]
	if owner == nil {
		return
	}
	for c := fc.enclosingClass(); c != nil; c = c.outer {
		for x := c; x != nil; x = x.Super {
			if x == owner {
				return
			}
		}
		if c.companion == owner || owner.outer == c {
			return
		}
	}
	fc.c.errorAt(pos, name, "cannot access '%s': it is private in '%s'.", fc.c.memberSignature(owner, name), owner.Name)
}

// memberSignature renders member name of class cls as kotlinc's diagnostics
// show it (`val secret: Int`, `fun hid(x: Int): Int`); just the name when
// cls was not declared in this file.
func (c *compiler) memberSignature(cls *Class, name string) string {
	for d, x := range c.classes {
		if x != cls {
			continue
		}
		for _, p := range d.CtorParams {
			if p.Prop != "" && p.Name == name {
				return p.Prop + " " + name + ": " + typeString(p.Type)
			}
		}
		for _, m := range d.Members {
			switch m := m.(type) {
			case *lang.FunDecl:
				if m.Name == name && m.Receiver == nil {
					return funSignature(m)
				}
			case *lang.VarDecl:
				if m.Name == name && m.Receiver == nil {
					sig := "val " + name
					if m.Mutable {
						sig = "var " + name
					}
					t := typeString(m.Type)
					if t == "" && m.Init != nil {
						t = literalTypeName(m.Init)
					}
					if t != "" {
						sig += ": " + t
					}
					return sig
				}
			}
		}
	}
	return name
}

// superClass resolves the class named by super / super<T>.
func (fc *funcCompiler) superClass(s *lang.Super, pos lang.Pos) *Class {
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			c := f.class.cls
			if s.Type != "" {
				for _, i := range c.Interfaces {
					if i.Name == s.Type {
						return i
					}
				}
				if c.Super != nil && c.Super.Name == s.Type {
					return c.Super
				}
			}
			if c.Super != nil {
				return c.Super
			}
			if len(c.Interfaces) > 0 {
				return c.Interfaces[0]
			}
			return AnyClass
		}
	}
	fc.c.errorAt(pos, "super", "no supertypes are accessible in this context.")
	return AnyClass
}

// superWith picks, for an unqualified super.name(...), the supertype that
// has the function name: the superclass when it declares it, else the
// first superinterface that does (an abstract class calling its
// interface's default method); sup, superClass's choice, otherwise.
func (fc *funcCompiler) superWith(sup *Class, name string) *Class {
	c := fc.enclosingClass()
	if c == nil || sup != c.Super || sup.declaresFun(name, map[*Class]bool{}) {
		return sup
	}
	for _, i := range c.Interfaces {
		if i.declaresFun(name, map[*Class]bool{}) {
			return i
		}
	}
	return sup
}

// memberExtOutside reports whether x.name(...) here can only call a
// member extension (a class's `fun T.name()`) where no instance of its
// class can be an implicit receiver: outside every class, lambda and
// extension, which Kotlin rejects as an unresolved reference.
func (fc *funcCompiler) memberExtOutside(name string) bool {
	if !fc.c.memberExts[name] {
		return false
	}
	for f := fc; f != nil; f = f.parent {
		if f.class != nil || f.lambda || f.recvCtx || f.hasThis {
			return false
		}
	}
	for _, e := range fc.c.in.exts[name] {
		if _, ok := e.fn.o.(*memberExt); !ok {
			return false
		}
	}
	has := func(cls *Class) bool {
		_, m := cls.Methods[name]
		return m || cls.Props[name] != nil
	}
	for _, cls := range fc.c.in.types {
		if has(cls) {
			return false
		}
	}
	for _, cls := range fc.c.classes {
		if has(cls) {
			return false
		}
	}
	return true
}

// staticTypeOf returns the test for declared type t when it can stand
// for an argument's static type in choosing an overload: a non-null class
// type or Any; nil for nullable, function and generic types (and none).
func (c *compiler) staticTypeOf(t *lang.TypeRef) *TypeTest {
	if t == nil || t.Nullable || t.Func != nil {
		return nil
	}
	t = c.unalias(t)
	if t.Func != nil || t.Nullable {
		return nil
	}
	if t.Name == "Any" || t.Name == "kotlin.Any" {
		return &TypeTest{Name: "Any", any: true}
	}
	if cls := c.lookupClass(t.Name); cls != nil {
		return &TypeTest{Name: t.Name, cls: cls}
	}
	return nil
}

// staticType returns the static type of argument x where it is known
// and may differ from its run-time class: a variable or parameter
// declared with a type, read before any `is`, `as` or assignment of it
// in the function may smart-cast it, or a cast `x as T`; nil otherwise
// (the run-time class decides).
func (fc *funcCompiler) staticType(x lang.Expr) *TypeTest {
	switch e := x.(type) {
	case *lang.Paren:
		return fc.staticType(e.X)
	case *lang.As:
		if !e.Safe {
			return fc.c.staticTypeOf(e.Type)
		}
	case *lang.Ident:
		for f := fc; f != nil; f = f.parent {
			if f.narrowedBefore(e.Name, e.Pos()) {
				return nil
			}
			if l := f.lookupLocal(e.Name); l != nil {
				return l.static
			}
		}
	}
	return nil
}

// narrowedBefore reports whether fc's code tests, casts or assigns a
// variable called name (x is T, x as T, when (x) { is T -> }, x = v)
// before pos: a smart cast may narrow its declared type from there.
// name may be a property path (see pathKey); testedKey+name asks about
// the tests and casts only.
func (fc *funcCompiler) narrowedBefore(name string, pos lang.Pos) bool {
	if fc.narrowed == nil {
		fc.narrowed = map[string]lang.Pos{}
		if fc.body != nil {
			lang.Inspect(fc.body, func(n lang.Node) bool {
				var x lang.Expr
				switch n := n.(type) {
				case *lang.Is:
					x = n.X
				case *lang.As:
					x = n.X
				case *lang.When:
					x = n.Subject
				case *lang.Assign:
					x = n.Target
				}
				// note keeps the first position of each key
				note := func(key string) {
					if p, seen := fc.narrowed[key]; !seen || n.Pos().Before(p) {
						fc.narrowed[key] = n.Pos()
					}
				}
				for _, t := range nullTested(n) {
					if key := pathKey(t); key != "" {
						note(nullKey + key)
					}
				}
				if key := pathKey(x); key != "" {
					note(key)
					if _, assign := n.(*lang.Assign); assign {
						note(assignKey + key)
					} else {
						note(testedKey + key)
					}
				}
				return true
			})
		}
	}
	p, ok := fc.narrowed[name]
	return ok && p.Before(pos)
}

// testedKey prefixes the keys of narrowedBefore that record tests and
// casts only (an assignment cannot narrow a final type).
const testedKey = "is:"

// staticArgs returns the static types of args (see staticType) when the
// call passes them positionally and one at least is known, else nil.
func (fc *funcCompiler) staticArgs(args []*lang.Arg) []*TypeTest {
	var out []*TypeTest
	for i, a := range args {
		if a.Name != "" || a.Spread {
			return nil
		}
		if t := fc.staticType(a.Value); t != nil {
			if out == nil {
				out = make([]*TypeTest, len(args))
			}
			out[i] = t
		}
	}
	return out
}

// hasSpread reports whether a call passes an argument with *.
func hasSpread(args []*lang.Arg) bool {
	for _, a := range args {
		if a.Spread {
			return true
		}
	}
	return false
}
