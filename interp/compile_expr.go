package interp

import "github.com/ktcoro/ktcoro/lang"

// This file holds the core of the expression compiler: expr, which
// dispatches on the kind of expression, string templates, and name
// resolution (locals, captures, globals, members of enclosing classes,
// this and outer this). Operators, control flow, lambdas and calls have
// files of their own (compile_ops.go, compile_control.go,
// compile_lambda.go, compile_call.go).

// expr compiles e, leaving exactly one value on the operand stack.
func (fc *funcCompiler) expr(e lang.Expr) {
	fc.c.poll()
	switch e := e.(type) {
	case *lang.IntLit:
		fc.emitConst(intLit(e))
	case *lang.FloatLit:
		if e.Float {
			fc.emitConst(Float(float32(e.Value)))
		} else {
			fc.emitConst(Double(e.Value))
		}
	case *lang.CharLit:
		fc.emitConst(Char(e.Value))
	case *lang.BoolLit:
		fc.emitConst(Bool(e.Value))
	case *lang.NullLit:
		fc.emit(NULL, 0, 1)
	case *lang.StringLit:
		fc.stringLit(e)
	case *lang.Ident:
		fc.loadName(e.Name, e.Pos())
	case *lang.Paren:
		fc.expr(e.X)
	case *lang.This:
		fc.this(e.Label, e.Pos())
	case *lang.Unary:
		fc.unary(e)
	case *lang.Postfix:
		fc.postfix(e)
	case *lang.Binary:
		fc.binary(e)
	case *lang.Is:
		fc.noteIsTest(e.X)
		fc.expr(e.X)
		if fc.isReified(e.Type) {
			fc.reifiedTest("$isType", e.Type, e.Pos())
			if e.Not {
				fc.emit(NOT, 0, 0)
			}
			break
		}
		fc.emit(IS, fc.constant(Obj(fc.c.typeTest(e.Type, nil))), 0)
		if e.Not {
			fc.emit(NOT, 0, 0)
		}
	case *lang.As:
		fc.expr(e.X)
		if fc.isReified(e.Type) {
			op := "$asType"
			if e.Safe {
				op = "$asSafeType"
			}
			fc.reifiedTest(op, e.Type, e.Pos())
			break
		}
		t := fc.c.typeTest(e.Type, nil)
		if e.Safe {
			fc.emit(ASSAFE, fc.constant(Obj(t)), 0)
		} else {
			fc.mark(e.Pos())
			fc.emit(AS, fc.constant(Obj(t)), 0)
		}
	case *lang.Call:
		fc.call(e)
	case *lang.Member:
		fc.member(e)
	case *lang.Index:
		fc.expr(e.X)
		for _, i := range e.Index {
			fc.expr(i)
		}
		fc.mark(e.Pos())
		fc.emit(INDEX, len(e.Index), -len(e.Index))
	case *lang.Lambda:
		fc.lambdaExpr(e, "", nil)
	case *lang.AnonFun:
		fn := fc.c.compileFunDecl(fc, e.Fun, nil, "")
		fn.isLambda = true
		fn.recvLambda = e.Fun.Receiver != nil
		fc.closure(fc.lastSub, fn)
	case *lang.ObjectExpr:
		fc.c.objectExpr(fc, e)
	case *lang.If:
		fc.ifExpr(e)
	case *lang.When:
		fc.when(e)
	case *lang.Try:
		fc.try(e)
	case *lang.Throw:
		fc.expr(e.X)
		fc.mark(e.Pos())
		fc.emit(THROW, 0, -1)
		fc.adj(1)
	case *lang.Return:
		fc.ret(e)
	case *lang.Break:
		fc.breakContinue(e.Label, true, e.Pos())
	case *lang.Continue:
		fc.breakContinue(e.Label, false, e.Pos())
	case *lang.CallableRef:
		fc.callableRef(e)
	case *lang.Super:
		fc.c.errorAt(e.Pos(), "super", "'super' cannot be a callee.")
		fc.emit(NULL, 0, 1)
	default:
		fc.c.errorf(e.Pos(), "unsupported expression.")
		fc.emit(NULL, 0, 1)
	}
}

func (fc *funcCompiler) stringLit(e *lang.StringLit) {
	if len(e.Parts) == 0 {
		fc.emitConst(String(""))
		return
	}
	if len(e.Parts) == 1 && e.Parts[0].Expr == nil {
		fc.emitConst(String(e.Parts[0].Text))
		return
	}
	for _, p := range e.Parts {
		if p.Expr == nil {
			fc.emitConst(String(p.Text))
		} else {
			fc.expr(p.Expr)
		}
	}
	fc.mark(e.Pos())
	fc.emit(TEMPLATE, len(e.Parts), 1-len(e.Parts))
}

// ---------------------------------------------------------------- names

// loadName pushes the value of an unqualified name.
func (fc *funcCompiler) loadName(name string, pos lang.Pos) {
	if l := fc.lookupLocal(name); l != nil {
		fc.checkInitialized(l, name, pos)
		if l.cell {
			fc.emit(LOADCELL, l.slot, 1)
		} else {
			fc.emit(LOAD, l.slot, 1)
		}
		if l.conv == kDelegate {
			fc.delegateGet(name, false)
		}
		return
	}
	if f := fc.resolveFree(name); f != nil {
		if f.cell {
			fc.emit(FREECELL, fc.freeIndex(f), 1)
		} else {
			fc.emit(FREE, fc.freeIndex(f), 1)
		}
		return
	}
	if name == "field" && fc.topField != nil {
		fc.emit(GLOBAL, fc.topField.slot, 1)
		return
	}
	if name == "field" && fc.accessorProp() != nil {
		p := fc.accessorProp()
		fc.classThis(pos)
		fc.emit(GETFIELD, p.Slot, 0)
		return
	}
	if fc.inClass() && !fc.extRecvMay(name) {
		if p := fc.memberProp(name); p != nil {
			fc.classThis(pos)
			if p.Getter.o == nil && p.Slot >= 0 && !p.Open && !p.Lateinit && p.Owner == fc.enclosingClass() {
				fc.emit(GETFIELD, p.Slot, 0)
			} else {
				fc.mark(pos)
				fc.emit(GETPROP, fc.name(name), 0)
				fc.word(0)
			}
			return
		}
	}
	if fc.inClass() && fc.memberAbstract(name) || fc.thisCastWith(name, false) != nil {
		fc.classThis(pos)
		fc.mark(pos)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
		return
	}
	if oc := fc.outerClassWith(name, false); oc != nil {
		fc.outerThis(oc, pos)
		fc.mark(pos)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
		return
	}
	if co := fc.companionHas(name, false); co != nil {
		fc.emit(OBJECT, fc.constant(Obj(co)), 1)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
		return
	}
	if c, oc := fc.enclosingClassWith(name, false); c != nil {
		fc.enclosingThis(c, oc, pos)
		fc.mark(pos)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
		return
	}
	if ec := fc.enumStatic("values"); name == "entries" && ec != nil {
		// entries inside an enum class, its companion or nested classes:
		// the class's static scope, before the receivers of lambdas
		fc.emitConst(Obj(ec))
		fc.mark(pos)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(fc.cacheSlot())
		return
	}
	if n := fc.nestedClass(name); n != nil {
		if n.IsObject {
			fc.emit(OBJECT, fc.constant(Obj(n)), 1)
		} else {
			fc.emitConst(Obj(n))
		}
		return
	}
	g, isGlobal := fc.c.globals[name]
	b, isBuiltin := fc.c.in.builtins[name]
	if fc.needsDynamic(name) {
		fc.mark(pos)
		fc.emit(DYNNAME, fc.name(name), 1)
		switch {
		case isGlobal && !g.isConst:
			fc.word(uint32(g.slot))
		case isGlobal:
			fc.word(dynFallbackConst | uint32(fc.constant(g.value)))
		case isBuiltin:
			fc.word(dynFallbackConst | uint32(fc.constant(b)))
		default:
			fc.word(dynFallbackNone)
		}
		return
	}
	switch {
	case isGlobal && g.cls != nil && g.cls.IsObject:
		fc.emit(OBJECT, fc.constant(g.value), 1)
	case isGlobal && g.isConst:
		fc.emitConst(g.value)
	case isGlobal && g.getter != nil:
		fc.emitConst(Obj(g.getter))
		fc.mark(pos)
		fc.emit(CALL, 0, 0)
	case isGlobal:
		fc.emit(GLOBAL, g.slot, 1)
		if g.delegate {
			fc.delegateGet(name, false)
		}
	case isBuiltin:
		fc.emitConst(b)
		if n, ok := b.o.(*Native); ok && n.Getter {
			fc.mark(pos)
			fc.emit(CALL, 0, 0)
		}
	default:
		fc.unresolvedName(pos, name)
		fc.emit(NULL, 0, 1)
	}
}

// delegateGet turns the delegate on the stack into the property value:
// getValue(thisRef, property), thisRef being this for a member.
func (fc *funcCompiler) delegateGet(name string, member bool) {
	fc.delegateArgs(name, member)
	fc.emit(INVOKE, 2, -2)
	fc.word(uint32(fc.name("getValue")))
	fc.word(0)
}

// needsDynamic reports whether an unqualified name must be looked up on
// run-time implicit receivers first.
// needsDynamicCall is needsDynamic for the call e: it is also false when
// only library classes have a member of that name and none of them takes
// a call of e's shape (String.repeat(n) takes no lambda; SequenceScope's
// yield takes a value), so repeat(n) { } and yield() in a coroutine
// reach the top-level functions directly.
func (fc *funcCompiler) needsDynamicCall(name string, e *lang.Call) bool {
	if !fc.needsDynamic(name) {
		return false
	}
	if fc.c.userMembers[name] {
		return true
	}
	switch name {
	case "repeat":
		return e.Lambda == nil
	case "yield":
		return len(e.Args) > 0 || e.Lambda != nil
	}
	return true
}

func (fc *funcCompiler) needsDynamic(name string) bool {
	if !fc.recvCtx && fc.lambdaDepth() == 0 {
		return false
	}
	return fc.c.memberNames[name]
}

func (fc *funcCompiler) accessorProp() *Prop {
	for f := fc; f != nil; f = f.parent {
		if f.accessor != nil {
			return f.accessor
		}
		if !f.lambda {
			return nil
		}
	}
	return nil
}

func (fc *funcCompiler) enclosingClass() *Class {
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			return f.class.cls
		}
	}
	return nil
}

// nestedClass finds a class nested in an enclosing class, its outer
// classes or their superclasses: the class body names it unqualified.
func (fc *funcCompiler) nestedClass(name string) *Class {
	for f := fc; f != nil; f = f.parent {
		if f.class == nil {
			continue
		}
		for c := f.class.cls; c != nil; c = c.outer {
			for s := c; s != nil; s = s.Super {
				if n, ok := s.Nested[name]; ok {
					return n
				}
			}
		}
	}
	return nil
}

// memberProp finds a property of the enclosing class (own or inherited).
func (fc *funcCompiler) memberProp(name string) *Prop {
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			return f.class.cls.LookupProp(name)
		}
	}
	return nil
}

// memberMethod reports whether the enclosing class has a method name.
func (fc *funcCompiler) memberMethod(name string) bool {
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			if f.class.members[name] {
				return true
			}
			if _, ok := f.class.cls.Methods[name]; ok {
				return true
			}
			for c := f.class.cls.Super; c != nil; c = c.Super {
				if _, ok := c.Methods[name]; ok {
					return true
				}
			}
			return f.class.cls.declaresFun(name, map[*Class]bool{})
		}
	}
	return false
}

// memberAbstract reports whether the enclosing class (or a superclass)
// declares an abstract property name.
func (fc *funcCompiler) memberAbstract(name string) bool {
	for c := fc.enclosingClass(); c != nil; c = c.Super {
		if c.abstract[name] {
			return true
		}
		for _, i := range c.Interfaces {
			for x := i; x != nil; x = x.Super {
				if x.abstract[name] {
					return true
				}
			}
		}
	}
	return false
}

// declaresFun reports whether c, a superclass or a superinterface has a
// member function name, abstract ones included (an interface's default
// method calls the abstract methods of the interfaces it extends).
func (c *Class) declaresFun(name string, seen map[*Class]bool) bool {
	if c == nil || seen[c] {
		return false
	}
	seen[c] = true
	if _, ok := c.Methods[name]; ok || c.members[name] {
		return true
	}
	if c.Super.declaresFun(name, seen) {
		return true
	}
	for _, i := range c.Interfaces {
		if i.declaresFun(name, seen) {
			return true
		}
	}
	return false
}

// outerClassWith finds, for code in an inner class, the outer class that
// has a member called name.
func (fc *funcCompiler) outerClassWith(name string, call bool) *classCtx {
	var ctx *classCtx
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			ctx = f.class
			break
		}
	}
	if ctx == nil {
		return nil
	}
	for oc := ctx.outer; oc != nil; oc = oc.outer {
		if call {
			if _, ok := oc.cls.LookupMethod(name); ok {
				return oc
			}
		} else if oc.cls.LookupProp(name) != nil || oc.cls.abstract[name] {
			return oc
		}
	}
	return nil
}

// enclosingClassWith finds, for code in an object expression or local
// class inside a method, the class of an enclosing method that has a
// member called name: the method's class itself, or (when that is an
// inner class) one of its outer classes, returned as outer.
func (fc *funcCompiler) enclosingClassWith(name string, call bool) (c *Class, outer *classCtx) {
	nearest := fc.enclosingClass()
	has := func(k *Class, members map[string]bool) bool {
		if call {
			_, ok := k.LookupMethod(name)
			return ok || members[name]
		}
		return k.LookupProp(name) != nil || k.abstract[name]
	}
	for f := fc; f != nil; f = f.parent {
		if f.class == nil || f.class.cls == nearest || f.lambda {
			continue
		}
		if has(f.class.cls, f.class.members) {
			return f.class.cls, nil
		}
		for oc := f.class.outer; oc != nil; oc = oc.outer {
			if has(oc.cls, oc.members) {
				return f.class.cls, oc
			}
		}
	}
	return nil, nil
}

// enclosingThis pushes the `this` of enclosing class c, captured, or
// with outer the instance of that outer class of c.
func (fc *funcCompiler) enclosingThis(c *Class, outer *classCtx, pos lang.Pos) {
	idx := fc.captureThis("@" + c.Name)
	if idx < 0 {
		fc.c.errorf(pos, "'this@%s' is not available here.", c.Name)
		fc.emit(NULL, 0, 1)
		return
	}
	fc.emit(FREE, idx, 1)
	for k := c; outer != nil && k != nil && k != outer.cls && k.inner; k = k.outer {
		fc.emit(GETFIELD, k.outerSlot, 0)
	}
}

// outerThis pushes the instance of outer class oc seen from an inner
// class method.
func (fc *funcCompiler) outerThis(oc *classCtx, pos lang.Pos) {
	fc.classThis(pos)
	c := fc.enclosingClass()
	for c != nil && c != oc.cls && c.inner {
		fc.emit(GETFIELD, c.outerSlot, 0)
		c = c.outer
	}
}

// companionHas returns the companion object that code in the enclosing
// class sees a member called name on: the class's own, an outer class's
// (from a nested or inner class) or a superclass's; nil when none has it.
func (fc *funcCompiler) companionHas(name string, call bool) *Class {
	for k := fc.enclosingClass(); k != nil; k = k.outer {
		for s := k; s != nil; s = s.Super {
			co := s.companion
			if co == nil {
				continue
			}
			if call {
				if _, ok := co.Methods[name]; ok || co.members[name] {
					return co
				}
			} else if co.Props[name] != nil {
				return co
			}
		}
	}
	return nil
}

// classThis pushes the `this` of the enclosing class (captured when inside
// a lambda or local function).
func (fc *funcCompiler) classThis(pos lang.Pos) {
	if fc.memberExt {
		fc.emit(RECV, 1, 1)
		return
	}
	if fc.class != nil && !fc.lambda {
		fc.emit(THIS, 0, 1)
		return
	}
	idx := fc.captureThis("@class")
	if idx < 0 {
		fc.c.errorf(pos, "'this' is not defined in this context.")
		fc.emit(NULL, 0, 1)
		return
	}
	fc.emit(FREE, idx, 1)
}

// this compiles `this` and `this@Label`.
func (fc *funcCompiler) this(label string, pos lang.Pos) {
	if label != "" {
		if fc.thisMatches("@" + label) {
			fc.emit(THIS, 0, 1)
			return
		}
		if fc.isDispatch("@" + label) {
			fc.emit(RECV, 1, 1)
			return
		}
		if c := fc.enclosingClass(); c != nil && c.inner {
			for f := fc; f != nil; f = f.parent {
				if f.class == nil {
					continue
				}
				for oc := f.class.outer; oc != nil; oc = oc.outer {
					if oc.cls.Name == label {
						fc.outerThis(oc, pos)
						return
					}
				}
				break
			}
		}
		idx := fc.captureThis("@" + label)
		if idx < 0 {
			fc.c.unresolvedLabel(pos.After("this"), label)
			fc.emit(NULL, 0, 1)
			return
		}
		fc.emit(FREE, idx, 1)
		return
	}
	if !fc.lambda {
		if !fc.hasThis {
			fc.c.errorAt(pos, "this", "'this' is not defined in this context.")
			fc.emit(NULL, 0, 1)
			return
		}
		fc.emit(THIS, 0, 1)
		return
	}
	// in a lambda: its receiver when called with one, else the enclosing this
	idx := fc.captureThisOuter()
	fc.emit(THIS, idx+1, 1)
}

// captureThisOuter captures, for a lambda, the `this` its creator sees
// (a method's this, or an enclosing lambda's receiver) and returns its free
// index, or -1 when there is none.
func (fc *funcCompiler) captureThisOuter() int {
	if fc.parent == nil {
		return -1
	}
	for i, f := range fc.free {
		if f.name == "@outer" {
			return i
		}
	}
	p := fc.parent
	if !p.lambda && !p.hasThis {
		return -1
	}
	fc.free = append(fc.free, &freeVar{name: "@outer", kind: freeThis})
	return len(fc.free) - 1
}
