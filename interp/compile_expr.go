package interp

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// expr compiles e, leaving exactly one value on the operand stack.
func (fc *funcCompiler) expr(e lang.Expr) {
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
		fc.expr(e.X)
		fc.emit(IS, fc.constant(Obj(fc.c.typeTest(e.Type, nil))), 0)
		if e.Not {
			fc.emit(NOT, 0, 0)
		}
	case *lang.As:
		fc.expr(e.X)
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
		fc.c.errorf(e.Pos(), "'super' is not an expression, it can only be used on the left-hand side of a dot ('.')")
		fc.emit(NULL, 0, 1)
	default:
		fc.c.errorf(e.Pos(), "unsupported expression")
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
	if fc.inClass() {
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
	if fc.inClass() && fc.memberAbstract(name) {
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
	if fc.companionHas(name, false) {
		fc.emit(OBJECT, fc.constant(Obj(fc.enclosingClass().companion)), 1)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
		return
	}
	if oc := fc.enclosingClassWith(name, false); oc != nil {
		fc.enclosingThis(oc, pos)
		fc.mark(pos)
		fc.emit(GETPROP, fc.name(name), 0)
		fc.word(0)
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
		fc.c.errorf(pos, "Unresolved reference: %s", name)
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
			for _, i := range f.class.cls.Interfaces {
				if _, ok := i.LookupMethod(name); ok {
					return true
				}
			}
			return false
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
// member called name.
func (fc *funcCompiler) enclosingClassWith(name string, call bool) *Class {
	nearest := fc.enclosingClass()
	for f := fc; f != nil; f = f.parent {
		if f.class == nil || f.class.cls == nearest || f.lambda {
			continue
		}
		c := f.class.cls
		if call {
			if _, ok := c.LookupMethod(name); ok || f.class.members[name] {
				return c
			}
		} else if c.LookupProp(name) != nil || c.abstract[name] {
			return c
		}
	}
	return nil
}

// enclosingThis pushes the `this` of enclosing class c, captured.
func (fc *funcCompiler) enclosingThis(c *Class, pos lang.Pos) {
	idx := fc.captureThis("@" + c.Name)
	if idx < 0 {
		fc.c.errorf(pos, "'this@%s' is not available here", c.Name)
		fc.emit(NULL, 0, 1)
		return
	}
	fc.emit(FREE, idx, 1)
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

// companionHas reports whether the enclosing class's companion object (or
// the enum class's statics) has a member called name.
func (fc *funcCompiler) companionHas(name string, call bool) bool {
	c := fc.enclosingClass()
	if c == nil || c.companion == nil {
		return false
	}
	if call {
		_, ok := c.companion.Methods[name]
		return ok || c.companion.members[name]
	}
	return c.companion.Props[name] != nil
}

// classThis pushes the `this` of the enclosing class (captured when inside
// a lambda or local function).
func (fc *funcCompiler) classThis(pos lang.Pos) {
	if fc.class != nil && !fc.lambda {
		fc.emit(THIS, 0, 1)
		return
	}
	idx := fc.captureThis("@class")
	if idx < 0 {
		fc.c.errorf(pos, "'this' is not defined in this context")
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
			fc.c.errorf(pos, "Unresolved label: @%s", label)
			fc.emit(NULL, 0, 1)
			return
		}
		fc.emit(FREE, idx, 1)
		return
	}
	if !fc.lambda {
		if !fc.hasThis {
			fc.c.errorf(pos, "'this' is not defined in this context")
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

// ---------------------------------------------------------------- operators

func (fc *funcCompiler) unary(e *lang.Unary) {
	switch e.Op {
	case "-":
		if lit, ok := e.X.(*lang.IntLit); ok {
			v := *lit
			v.Value = -v.Value
			fc.emitConst(intLit(&v))
			return
		}
		if lit, ok := e.X.(*lang.FloatLit); ok {
			if lit.Float {
				fc.emitConst(Float(float32(-lit.Value)))
			} else {
				fc.emitConst(Double(-lit.Value))
			}
			return
		}
		fc.expr(e.X)
		fc.mark(e.Pos())
		fc.emit(NEG, 0, 0)
	case "+":
		fc.expr(e.X)
	case "!":
		fc.expr(e.X)
		fc.emit(NOT, 0, 0)
	case "++", "--":
		fc.incDec(e.X, e.Op, true, e.Pos())
	default:
		fc.c.errorf(e.Pos(), "unsupported operator %s", e.Op)
		fc.emit(NULL, 0, 1)
	}
}

func (fc *funcCompiler) postfix(e *lang.Postfix) {
	switch e.Op {
	case "!!":
		fc.expr(e.X)
		fc.mark(e.Pos())
		fc.emit(NOTNULL, 0, 0)
	case "++", "--":
		fc.incDec(e.X, e.Op, false, e.Pos())
	}
}

// incDec compiles ++/-- as an expression whose value is the new (prefix)
// or old (postfix) value.
func (fc *funcCompiler) incDec(x lang.Expr, op string, prefix bool, pos lang.Pos) {
	d := 1
	if op == "--" {
		d = -1
	}
	step := func() {
		fc.mark(pos)
		fc.emit(INCDEC, int(uint32(int32(d))&0xFFFFFF), 0)
	}
	switch t := x.(type) {
	case *lang.Ident:
		fc.loadName(t.Name, pos)
		if !prefix {
			fc.emit(DUP, 0, 1)
		}
		step()
		if prefix {
			fc.emit(DUP, 0, 1)
		}
		fc.storeName(t.Name, pos)
	case *lang.Member:
		tmp := fc.temp()
		fc.expr(t.X)
		fc.emit(DUP, 0, 1)
		fc.emit(GETPROP, fc.name(t.Name), 0)
		fc.word(0)
		if !prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		step()
		if prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		fc.emit(SETPROP, fc.name(t.Name), -1)
		fc.word(0)
		fc.emit(POP, 0, -1)
		fc.emit(LOAD, tmp, 1)
	case *lang.Index:
		tmp := fc.temp()
		fc.expr(t.X)
		fc.expr(t.Index[0])
		fc.emit(DUP2, 0, 2)
		fc.emit(INDEX, 1, -1)
		if !prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		step()
		if prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		fc.emit(SETINDEX, 1, -2)
		fc.emit(POP, 0, -1)
		fc.emit(LOAD, tmp, 1)
	default:
		fc.c.errorf(pos, "Variable expected")
		fc.emit(NULL, 0, 1)
	}
}

var binOps = map[string]Opcode{
	"+": ADD, "-": SUB, "*": MUL, "/": DIV, "%": MOD,
	"==": EQ, "!=": NE, "===": IDEQ, "!==": IDNE,
	"<": LT, "<=": LE, ">": GT, ">=": GE, "..": RANGE, "..<": RANGEUNTIL,
}

func (fc *funcCompiler) binary(e *lang.Binary) {
	switch e.Op {
	case "&&":
		fc.expr(e.X)
		fc.emit(DUP, 0, 1)
		j := fc.jump(JMPF)
		fc.emit(POP, 0, -1)
		fc.expr(e.Y)
		fc.patch(j, fc.pc())
		return
	case "||":
		fc.expr(e.X)
		fc.emit(DUP, 0, 1)
		j := fc.jump(JMPT)
		fc.emit(POP, 0, -1)
		fc.expr(e.Y)
		fc.patch(j, fc.pc())
		return
	case "?:":
		fc.expr(e.X)
		j := fc.emit(JMPNNULL, 0, 0)
		fc.emit(POP, 0, -1)
		fc.expr(e.Y)
		fc.patch(j, fc.pc())
		return
	case "in", "!in":
		fc.expr(e.X)
		fc.expr(e.Y)
		fc.mark(e.OpPos)
		fc.emit(IN, 0, -1)
		if e.Op == "!in" {
			fc.emit(NOT, 0, 0)
		}
		return
	}
	if e.Infix {
		// a infix call: x.name(y)
		fc.expr(e.X)
		fc.expr(e.Y)
		fc.mark(e.OpPos)
		fc.invoke(e.Op, 1, nil, e.OpPos)
		return
	}
	op, ok := binOps[e.Op]
	if !ok {
		fc.c.errorf(e.OpPos, "unsupported operator %s", e.Op)
		fc.emit(NULL, 0, 1)
		return
	}
	fc.expr(e.X)
	fc.expr(e.Y)
	fc.mark(e.OpPos)
	fc.emit(op, 0, -1)
}

// cacheSlot allocates an inline cache for the instruction being emitted
// and returns its operand word (slot + 1).
func (fc *funcCompiler) cacheSlot() uint32 {
	fc.fn.ncache++
	return uint32(fc.fn.ncache)
}

// invoke emits INVOKE name with argc arguments above the receiver.
func (fc *funcCompiler) invoke(name string, argc int, names []string, pos lang.Pos) {
	fc.mark(pos)
	if names != nil {
		fc.emit(INVOKEN, argc, -argc)
		fc.word(uint32(fc.name(name)))
		fc.word(0)
		fc.word(uint32(fc.namesConst(names)))
		return
	}
	fc.emit(INVOKE, argc, -argc)
	fc.word(uint32(fc.name(name)))
	fc.word(fc.cacheSlot())
}

// ---------------------------------------------------------------- control flow

// body compiles a block whose value is wanted.
func (fc *funcCompiler) valueBlock(b *lang.Block) {
	if b == nil || len(b.Stmts) == 0 {
		fc.emit(UNIT, 0, 1)
		return
	}
	fc.push()
	last := len(b.Stmts) - 1
	fc.declareLocalFuns(b.Stmts)
	for _, s := range b.Stmts[:last] {
		fc.stmt(s)
	}
	if es, ok := b.Stmts[last].(*lang.ExprStmt); ok {
		fc.mark(es.Pos())
		fc.expr(es.X)
	} else {
		fc.stmt(b.Stmts[last])
		fc.emit(UNIT, 0, 1)
	}
	fc.pop()
}

func (fc *funcCompiler) ifExpr(e *lang.If) {
	js := fc.condJump(e.Cond)
	d := fc.depth
	fc.valueBlock(e.Then)
	end := fc.jump(JMP)
	for _, j := range js {
		fc.patch(j, fc.pc())
	}
	fc.depth = d
	if e.Else != nil {
		fc.valueBlock(e.Else)
	} else {
		fc.emit(UNIT, 0, 1)
	}
	fc.patch(end, fc.pc())
}

// ifStmt compiles an if whose value is not used.
func (fc *funcCompiler) ifStmt(e *lang.If) {
	js := fc.condJump(e.Cond)
	fc.push()
	fc.stmts(e.Then.Stmts)
	fc.pop()
	if e.Else == nil {
		for _, j := range js {
			fc.patch(j, fc.pc())
		}
		return
	}
	end := fc.jump(JMP)
	for _, j := range js {
		fc.patch(j, fc.pc())
	}
	fc.push()
	fc.stmts(e.Else.Stmts)
	fc.pop()
	fc.patch(end, fc.pc())
}

func (fc *funcCompiler) when(e *lang.When) {
	fc.push()
	subj := -1
	if e.Subject != nil {
		fc.expr(e.Subject)
		if e.SubjectVar != "" {
			l := fc.declare(e.SubjectVar, false)
			l.cell = false
			subj = l.slot
		} else {
			subj = fc.temp()
		}
		fc.emit(STORE, subj, -1)
	}
	var ends []int
	d := fc.depth
	hasElse := false
	for _, ent := range e.Entries {
		fc.depth = d
		if ent.Else {
			hasElse = true
			fc.valueBlock(ent.Body)
			ends = append(ends, fc.jump(JMP))
			continue
		}
		var hits []int
		for _, cnd := range ent.Conds {
			fc.mark(cnd.Pos())
			switch cnd.Kind {
			case "expr":
				if subj >= 0 {
					fc.emit(LOAD, subj, 1)
					fc.expr(cnd.X)
					fc.emit(EQ, 0, -1)
				} else {
					fc.expr(cnd.X)
				}
			case "in", "!in":
				fc.emit(LOAD, subj, 1)
				fc.expr(cnd.X)
				fc.emit(IN, 0, -1)
				if cnd.Kind == "!in" {
					fc.emit(NOT, 0, 0)
				}
			case "is", "!is":
				fc.emit(LOAD, subj, 1)
				fc.emit(IS, fc.constant(Obj(fc.c.typeTest(cnd.Type, nil))), 0)
				if cnd.Kind == "!is" {
					fc.emit(NOT, 0, 0)
				}
			}
			hits = append(hits, fc.jump(JMPT))
		}
		next := fc.jump(JMP)
		for _, h := range hits {
			fc.patch(h, fc.pc())
		}
		fc.valueBlock(ent.Body)
		ends = append(ends, fc.jump(JMP))
		fc.patch(next, fc.pc())
	}
	fc.depth = d
	if !hasElse {
		fc.emit(UNIT, 0, 1)
	}
	for _, j := range ends {
		fc.patch(j, fc.pc())
	}
	fc.depth = d + 1
	fc.pop()
}

func (fc *funcCompiler) openTry(t *tryCtx) {
	if t.open < 0 {
		t.open = fc.pc()
	}
}

func (fc *funcCompiler) closeTry(t *tryCtx) {
	if t.open >= 0 {
		if fc.pc() > t.open {
			t.ranges = append(t.ranges, [2]int{t.open, fc.pc()})
		}
		t.open = -1
	}
}

func (fc *funcCompiler) addHandlers(t *tryCtx, target, depth int) {
	for _, r := range t.ranges {
		fc.fn.handlers = append(fc.fn.handlers, handler{start: r[0], end: r[1], target: target, depth: depth})
	}
}

func (fc *funcCompiler) try(e *lang.Try) {
	d := fc.depth
	var fin *tryCtx
	if e.Finally != nil {
		fin = &tryCtx{finally: e.Finally, open: -1}
		fc.tries = append(fc.tries, fin)
		fc.openTry(fin)
	}
	body := &tryCtx{open: -1}
	fc.openTry(body)
	fc.valueBlock(e.Body)
	fc.closeTry(body)
	var ends []int
	if fin != nil {
		fc.closeTry(fin)
		fc.finallyInline(fin)
		fc.openTry(fin)
	}
	ends = append(ends, fc.jump(JMP))
	// catch dispatch: the exception is on the stack at depth d
	if len(e.Catches) > 0 {
		fc.depth = d
		target := fc.pc()
		fc.addHandlers(body, target, d)
		fc.adj(1)
		for _, cat := range e.Catches {
			fc.depth = d + 1
			fc.emit(DUP, 0, 1)
			fc.emit(IS, fc.constant(Obj(fc.c.typeTest(cat.Type, nil))), 0)
			next := fc.jump(JMPF)
			fc.push()
			l := fc.declare(cat.Name, false)
			fc.storeNew(l)
			fc.valueBlock(cat.Body)
			fc.pop()
			if fin != nil {
				fc.closeTry(fin)
				fc.finallyInline(fin)
				fc.openTry(fin)
			}
			ends = append(ends, fc.jump(JMP))
			fc.patch(next, fc.pc())
		}
		fc.depth = d + 1
		fc.emit(THROW, 0, -1) // no clause matched
	}
	if fin != nil {
		fc.closeTry(fin)
		fc.tries = fc.tries[:len(fc.tries)-1]
		// exceptional path: run finally and rethrow
		fc.depth = d
		target := fc.pc()
		fc.addHandlers(fin, target, d)
		fc.adj(1)
		tmp := fc.temp()
		fc.emit(STORE, tmp, -1)
		fc.finallyBlock(fin.finally)
		fc.emit(LOAD, tmp, 1)
		fc.emit(THROW, 0, -1)
	}
	for _, j := range ends {
		fc.patch(j, fc.pc())
	}
	fc.depth = d + 1
}

// finallyInline emits the finally block on a normal exit path (the value of
// the try is on the stack and stays there).
func (fc *funcCompiler) finallyInline(t *tryCtx) {
	fc.finallyBlock(t.finally)
}

func (fc *funcCompiler) finallyBlock(b *lang.Block) {
	fc.push()
	fc.stmts(b.Stmts)
	fc.pop()
}

// exitTries runs the finally blocks of the innermost n open tries (for
// return, break and continue), innermost first, with their ranges closed.
func (fc *funcCompiler) exitTries(from int) {
	open := fc.tries[from:]
	if len(open) == 0 {
		return
	}
	saved := fc.tries
	for i := len(open) - 1; i >= 0; i-- {
		t := open[i]
		for _, o := range open[:i+1] {
			fc.closeTry(o)
		}
		fc.tries = saved[:from+i]
		fc.finallyBlock(t.finally)
	}
	fc.tries = saved
}

func (fc *funcCompiler) reopenTries(from int) {
	for _, t := range fc.tries[from:] {
		fc.openTry(t)
	}
}

func (fc *funcCompiler) ret(e *lang.Return) {
	if e.Label != "" {
		for i := len(fc.loops) - 1; i >= 0; i-- {
			if lp := fc.loops[i]; lp.lambda && lp.label == e.Label {
				// return@repeat in an inlined lambda: the next iteration
				if e.X != nil {
					fc.expr(e.X)
					fc.emit(POP, 0, -1)
				}
				fc.mark(e.Pos())
				fc.exitTries(lp.tries)
				if extra := fc.depth - lp.depth; extra > 0 {
					fc.emit(POPN, extra, 0)
				}
				lp.continues = append(lp.continues, fc.jump(JMP))
				fc.reopenTries(lp.tries)
				fc.adj(1)
				return
			}
		}
	}
	target := fc
	if e.Label != "" {
		for f := fc; f != nil; f = f.parent {
			if f.label == e.Label {
				target = f
				break
			}
			if !f.lambda {
				fc.c.errorf(e.Pos(), "Unresolved label: @%s", e.Label)
				break
			}
		}
	} else {
		// a plain return leaves the nearest named function
		for target.lambda && target.parent != nil && !target.fn.isCtor {
			if target.fn.isAnon {
				break
			}
			target = target.parent
		}
	}
	if e.X != nil {
		fc.expr(e.X)
		if target == fc {
			fc.convResult()
		}
	} else {
		fc.emit(UNIT, 0, 1)
	}
	if target.fn.isCtor {
		fc.emit(POP, 0, -1)
		fc.emit(THIS, 0, 1)
	}
	fc.mark(e.Pos())
	fc.exitTries(0)
	if target == fc {
		fc.emit(RETURN, 0, -1)
	} else {
		// non-local return from an inline lambda
		idx := fc.captureFrame(target)
		fc.emit(NLRETURN, idx, -1)
	}
	fc.reopenTries(0)
	fc.adj(1) // the expression's (unreachable) value
}

// captureFrame captures a token for target's frame so that a non-local
// return can unwind to it.
func (fc *funcCompiler) captureFrame(target *funcCompiler) int {
	key := "@frame:" + target.fn.Name
	for i, f := range fc.free {
		if f.name == key {
			return i
		}
	}
	p := fc.parent
	var f *freeVar
	if p == target {
		f = &freeVar{name: key, kind: freeFrame}
	} else {
		f = &freeVar{name: key, kind: freeFree, index: p.captureFrame(target)}
	}
	fc.free = append(fc.free, f)
	return len(fc.free) - 1
}

func (fc *funcCompiler) breakContinue(label string, isBreak bool, pos lang.Pos) {
	var lp *loopCtx
	for i := len(fc.loops) - 1; i >= 0; i-- {
		if fc.loops[i].lambda {
			continue
		}
		if label == "" || fc.loops[i].label == label {
			lp = fc.loops[i]
			break
		}
	}
	if lp == nil {
		if label != "" {
			fc.c.errorf(pos, "The label '@%s' does not denote a loop", label)
		} else {
			fc.c.errorf(pos, "'break' and 'continue' are only allowed inside a loop")
		}
		fc.emit(UNIT, 0, 1)
		return
	}
	fc.exitTries(lp.tries)
	if extra := fc.depth - lp.depth; extra > 0 {
		fc.emit(POPN, extra, 0)
	}
	j := fc.jump(JMP)
	fc.reopenTries(lp.tries)
	if isBreak {
		lp.breaks = append(lp.breaks, j)
	} else {
		lp.continues = append(lp.continues, j)
	}
	fc.adj(1)
}

// ---------------------------------------------------------------- lambdas

// lambda compiles a lambda literal. label is the implicit label (the name
// of the function it is passed to); recvFn, when known, is the function
// type with receiver expected for it.
func (fc *funcCompiler) lambdaExpr(e *lang.Lambda, label string, recvFn *lang.FuncType) {
	if e.Label != "" {
		label = e.Label
	}
	sub := fc.c.newFunc(fc, "lambda", e.Pos(), e)
	sub.fn.Name = fc.fn.Name + "$lambda"
	sub.lambda = true
	sub.fn.isLambda = true
	sub.label = label
	sub.recvCtx = true
	sub.suspend = true // suspension inside lambdas is checked at run time
	var params []*lang.Param
	var destr [][]string
	if !e.HasArrow {
		sub.fn.noArrow = true
		params = []*lang.Param{{Name: "it"}}
		destr = append(destr, nil)
	} else {
		for i, p := range e.Params {
			name := p.Name
			if p.Destructure != nil {
				name = "$destr" + itoa(i)
			}
			params = append(params, &lang.Param{Name: name, Type: p.Type})
			destr = append(destr, p.Destructure)
		}
	}
	sub.declareParams(params)
	if !e.HasArrow && mentions(e.Body, "it") && fc.sees("it") {
		// a lambda without `->` called without an argument (a coroutine
		// block, run { }) has no `it` of its own: `it` is the enclosing one
		sub.outerIt()
	}
	for i, d := range destr {
		if d == nil {
			continue
		}
		for j, n := range d {
			if n == "_" {
				continue
			}
			sub.emit(LOAD, i, 1)
			sub.emit(COMPONENT, j+1, 0)
			sub.storeNew(sub.declare(n, false))
		}
	}
	if len(e.Body) == 0 {
		sub.emit(UNIT, 0, 1)
	} else {
		sub.valueBlock(&lang.Block{At: e.At, Stmts: e.Body})
	}
	sub.emit(RETURN, 0, -1)
	fn := sub.finish()
	fc.closure(sub, fn)
}

// inlineRepeat compiles `repeat(n) { body }` (the prelude's inline
// repeat with a lambda literal) as Kotlin inlines it: a counted loop
// whose body is the lambda's, with its parameter as the loop variable;
// `return@repeat` goes on with the next iteration. It reports false, for
// the ordinary call, when the lambda is not a plain literal or a lambda
// nested in it returns to its label.
func (fc *funcCompiler) inlineRepeat(e *lang.Call) bool {
	lam := e.Lambda
	if lam == nil || len(e.Args) != 1 || e.Args[0].Name != "" || e.Args[0].Spread || len(e.TypeArgs) > 0 {
		return false
	}
	param := "it"
	if lam.HasArrow {
		if len(lam.Params) != 1 || lam.Params[0].Destructure != nil {
			return false
		}
		param = lam.Params[0].Name
	}
	label := "repeat"
	if lam.Label != "" {
		label = lam.Label
	}
	if returnsFromNested(lam.Body, label) {
		return false
	}
	ctr, lim := fc.temp(), fc.temp()
	fc.expr(e.Args[0].Value)
	fc.emit(CONV, int(KInt), 0)
	fc.emit(STORE, lim, -1)
	fc.emit(INT, 0, 1)
	fc.emit(STORE, ctr, -1)
	enter := fc.jump(JMP)
	top := fc.pc()
	fc.push()
	if param != "_" && mentions(lam.Body, param) {
		l := fc.declare(param, false)
		l.cell = false
		fc.emit(LOAD, ctr, 1)
		fc.emit(STORE, l.slot, -1)
	}
	lp := &loopCtx{label: label, lambda: true, depth: fc.depth, tries: len(fc.tries)}
	fc.loops = append(fc.loops, lp)
	fc.stmts(lam.Body)
	fc.loops = fc.loops[:len(fc.loops)-1]
	fc.pop()
	cont := fc.pc()
	fc.emit(INCLOCAL, ctr, 0)
	fc.word(1)
	test := fc.pc()
	fc.patch(enter, test)
	fc.emit(LOAD, ctr, 1)
	fc.emit(LOAD, lim, 1)
	fc.emit(IFLT, top, -2)
	fc.fn.code[len(fc.fn.code)-1] |= ifWhenTrue
	fc.endLoop(lp, cont)
	fc.emit(UNIT, 0, 1)
	return true
}

// returnsFromNested reports whether a lambda or anonymous function inside
// body returns to label (such a return needs the lambda as a function).
func returnsFromNested(body []lang.Stmt, label string) bool {
	found := false
	for _, st := range body {
		lang.Inspect(st, func(n lang.Node) bool {
			switch n := n.(type) {
			case *lang.Lambda, *lang.AnonFun:
				lang.Inspect(n, func(m lang.Node) bool {
					if r, ok := m.(*lang.Return); ok && r.Label == label {
						found = true
					}
					return !found
				})
				return false
			}
			return !found
		})
	}
	return found
}

// unqualify returns the simple name a fully qualified one stands for
// (`java.util.Collections`, `kotlin.math.max`, `kotlinx.coroutines.delay`:
// a known package, or a class the script could import, then a name),
// or nil when m is an ordinary member access.
func (fc *funcCompiler) unqualify(m *lang.Member) *lang.Ident {
	if m.Safe {
		return nil
	}
	var parts []string
	x := lang.Expr(m.X)
	for {
		switch n := x.(type) {
		case *lang.Member:
			if n.Safe {
				return nil
			}
			parts = append(parts, n.Name)
			x = n.X
			continue
		case *lang.Ident:
			if fc.sees(n.Name) {
				return nil
			}
			if _, ok := fc.c.globals[n.Name]; ok {
				return nil
			}
			parts = append(parts, n.Name)
		default:
			return nil
		}
		break
	}
	slices.Reverse(parts)
	path := strings.Join(parts, ".")
	imports := fc.c.in.imports
	if _, isClass := fc.c.in.types[parts[len(parts)-1]]; isClass && len(parts) > 1 {
		return nil // java.util.Collections.x: a member of the class
	}
	if !imports[path] && !imports[path+"."+m.Name] {
		return nil
	}
	return &lang.Ident{At: lang.At{P: m.NamePos}, Name: m.Name}
}

// mentions reports whether the statements use name.
func mentions(body []lang.Stmt, name string) bool {
	found := false
	for _, st := range body {
		lang.Inspect(st, func(n lang.Node) bool {
			if id, ok := n.(*lang.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

// sees reports whether name is a local of fc or of a function enclosing
// it (so that a lambda inside fc could capture it).
func (fc *funcCompiler) sees(name string) bool {
	for p := fc; p != nil; p = p.parent {
		if p.lookupLocal(name) != nil {
			return true
		}
	}
	return false
}

// outerIt makes the implicit `it` of a lambda default to the enclosing
// `it` when the caller passes no argument.
func (fc *funcCompiler) outerIt() {
	f := fc.resolveFree("it") // fc's own `it` is a local: this is the enclosing one
	if f == nil {
		return
	}
	l := fc.lookupLocal("it")
	fc.fn.params[0].hasDefault = true
	fc.fn.hasDefault = true
	fc.emit(HASNEXTARG, l.slot, 1)
	j := fc.jump(JMPT)
	if f.cell {
		fc.emit(FREECELL, fc.freeIndex(f), 1)
	} else {
		fc.emit(FREE, fc.freeIndex(f), 1)
	}
	fc.emit(STORE, l.slot, -1)
	fc.patch(j, fc.pc())
}

// ---------------------------------------------------------------- references

func (fc *funcCompiler) callableRef(e *lang.CallableRef) {
	switch {
	case e.Name == "class":
		if e.RecvType != nil {
			fc.emitConst(Obj(fc.c.resolveClass(e.RecvType, e.Pos())))
		} else {
			fc.expr(e.Recv)
			fc.emit(INVOKE, 0, 0)
			fc.word(uint32(fc.name("javaClass")))
			fc.word(0)
		}
		fc.emitConst(fc.c.in.builtins["$kclass"])
		fc.emit(SWAP, 0, 0)
		fc.emit(CALL, 1, -1)
	case e.Recv == nil && e.RecvType == nil:
		fc.loadName(e.Name, e.Pos())
	case e.RecvType != nil && fc.staticRef(e):
		// Math::abs, Obj::method
	case e.RecvType != nil:
		// String::length, Foo::bar: a function taking the receiver first
		fc.emitConst(fc.c.in.builtins["$unboundRef"])
		fc.emitConst(String(e.Name))
		if c := fc.c.lookupClass(e.RecvType.Name); c != nil {
			fc.emitConst(Obj(c))
		} else {
			fc.emit(NULL, 0, 1)
		}
		fc.emit(CALL, 2, -2)
	default:
		// obj::method: bound reference
		fc.emitConst(fc.c.in.builtins["$boundRef"])
		fc.expr(e.Recv)
		fc.emitConst(String(e.Name))
		fc.emit(CALL, 2, -2)
	}
}

// staticRef compiles Type::name when Type is a built-in with a static
// method name (Math::abs) or an object declaration (Obj::method, bound to
// the object).
func (fc *funcCompiler) staticRef(e *lang.CallableRef) bool {
	if len(e.RecvType.Args) > 0 {
		return false
	}
	c := fc.c.lookupClass(e.RecvType.Name)
	if c == nil {
		if b, ok := fc.c.in.builtins[e.RecvType.Name]; ok {
			c, _ = b.o.(*Class)
		}
	}
	if c == nil {
		return false
	}
	if m, ok := c.StaticMethods[e.Name]; ok {
		fc.emitConst(m)
		return true
	}
	if c.IsObject && !c.Enum {
		fc.emitConst(fc.c.in.builtins["$boundRef"])
		fc.emit(OBJECT, fc.constant(Obj(c)), 1)
		fc.emitConst(String(e.Name))
		fc.emit(CALL, 2, -2)
		return true
	}
	return false
}

// ---------------------------------------------------------------- calls

// args compiles call arguments (plus the trailing lambda) and returns the
// argument count and names (nil when all are positional).
func (fc *funcCompiler) args(args []*lang.Arg, trailing *lang.Lambda, label string, recvFns []*lang.FuncType) (int, []string, bool) {
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
			var rf *lang.FuncType
			if i < len(recvFns) {
				rf = recvFns[i]
			}
			fc.lambdaExpr(lam, label, rf)
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
		fc.lambdaExpr(trailing, label, nil)
		names = append(names, "")
		n++
	}
	if !hasNames {
		names = nil
	}
	return n, names, false
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
				fc.c.errorf(pos, "calling a captured receiver function is not supported")
			}
			fc.mark(pos)
			fc.emit(CALLTHIS, argc-1, -argc)
			return
		}
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		fc.emitCall(argc, names, spread, pos)
		return
	}
	// a method of the enclosing class
	if fc.inClass() && fc.memberMethod(name) {
		fc.classThis(pos)
		argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
		fc.invoke(name, argc, names, pos)
		return
	}
	if fc.inClass() {
		if p := fc.memberProp(name); p != nil {
			fc.loadName(name, pos)
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
		if fc.companionHas(name, true) {
			fc.emit(OBJECT, fc.constant(Obj(fc.enclosingClass().companion)), 1)
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			fc.invoke(name, argc, names, pos)
			return
		}
		if oc := fc.enclosingClassWith(name, true); oc != nil {
			fc.enclosingThis(oc, pos)
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
	if (name == "enumValues" || name == "enumValueOf") && len(e.TypeArgs) == 1 {
		if c := fc.c.lookupClass(e.TypeArgs[0].Name); c != nil && c.Enum {
			fc.emitConst(Obj(c))
			argc, names, _ := fc.args(e.Args, e.Lambda, name, nil)
			m := "values"
			if name == "enumValueOf" {
				m = "valueOf"
			}
			fc.invoke(m, argc, names, pos)
			return
		}
	}
	g, isGlobal := fc.c.globals[name]
	b, isBuiltin := fc.c.in.builtins[name]
	dynamic := fc.needsDynamicCall(name, e)
	// the prelude's repeat, which no implicit receiver's member can stand for
	if name == "repeat" && (isGlobal && g.prelude && !g.overloaded || !isGlobal && isBuiltin) && !dynamic && fc.inlineRepeat(e) {
		return
	}
	// an extension called on the implicit this of a method (apply { })
	extOnThis := fc.inClass() && len(fc.c.in.exts[name]) > 0
	// a DYNCALL cannot spread: f(*a) calls the top-level f when there is one
	spreadToGlobal := (isGlobal || isBuiltin) && slices.ContainsFunc(e.Args, func(a *lang.Arg) bool { return a.Spread })
	if !spreadToGlobal && (dynamic || (!isGlobal && !isBuiltin && (fc.recvCtx || fc.lambdaDepth() > 0 || extOnThis))) {
		fc.emit(NULL, 0, 1)
		argc, names, spread := fc.args(e.Args, e.Lambda, name, nil)
		if spread {
			fc.c.errorf(pos, "spread arguments are not supported here")
		}
		fc.mark(pos)
		fc.emit(DYNCALL, argc, -argc)
		fc.word(uint32(fc.name(name)))
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
		}
		if g.isConst {
			fc.emitConst(g.value)
		} else {
			fc.emit(GLOBAL, g.slot, 1)
		}
	case isBuiltin:
		if n, ok := b.o.(*Native); ok && n.Suspend && !fc.suspendContext() {
			fc.c.errorf(pos, "Suspend function '%s' should be called only from a coroutine or another suspend function", name)
		}
		fc.emitConst(b)
	default:
		fc.c.errorf(pos, "Unresolved reference: %s", name)
		fc.emit(NULL, 0, 1)
	}
	var recvFns []*lang.FuncType
	if isGlobal && g.fun != nil {
		for _, p := range g.fun.Params {
			if p.Type != nil && p.Type.Func != nil {
				recvFns = append(recvFns, p.Type.Func)
			} else {
				recvFns = append(recvFns, nil)
			}
		}
	}
	argc, names, spread := fc.args(e.Args, e.Lambda, name, recvFns)
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
		fc.c.errorf(pos, "Suspend function '%s' should be called only from a coroutine or another suspend function", d.Name)
	}
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
		if n := len(d.Params); n > 0 && npos < n-1 {
			// a trailing lambda goes to the last parameter
			named[d.Params[n-1].Name] = true
		} else {
			npos++
		}
	}
	vararg := false
	for _, p := range d.Params {
		if p.Mods.Vararg {
			vararg = true
		}
	}
	if !vararg && npos > len(d.Params) {
		at := pos
		if len(d.Params) < len(e.Args) {
			at = e.Args[len(d.Params)].Pos()
		} else if e.Lambda != nil {
			at = e.Lambda.Pos()
		}
		fc.c.errorf(at, "Too many arguments for %s", funSignature(d))
		return
	}
	for i, p := range d.Params {
		if i < npos || named[p.Name] || p.Default != nil || p.Mods.Vararg {
			continue
		}
		if vararg {
			continue
		}
		fc.c.errorf(e.Pos(), "No value passed for parameter '%s'", p.Name)
		return
	}
}

func funSignature(d *lang.FunDecl) string {
	var b strings.Builder
	b.WriteString("fun ")
	b.WriteString(d.Name)
	b.WriteByte('(')
	for i, p := range d.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Name)
		if p.Type != nil {
			b.WriteString(": ")
			b.WriteString(typeString(p.Type))
		}
	}
	b.WriteByte(')')
	return b.String()
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

// callMember compiles recv.name(args) and recv?.name(args).
func (fc *funcCompiler) callMember(e *lang.Call, m *lang.Member) {
	if id := fc.unqualify(m); id != nil {
		fc.callName(e, id)
		return
	}
	if _, ok := m.X.(*lang.Super); ok {
		sup := fc.superClass(m.X.(*lang.Super), m.Pos())
		fc.classThis(m.Pos())
		argc, _, _ := fc.args(e.Args, e.Lambda, m.Name, nil)
		fc.mark(m.NamePos)
		fc.emit(SUPERINVOKE, argc, -argc)
		fc.word(uint32(fc.name(m.Name)))
		fc.word(uint32(fc.constant(Obj(sup))))
		return
	}
	// t.block() where block is a local of receiver-function type
	if l := fc.lookupLocal(m.Name); l != nil && l.recvFn != nil {
		fc.loadName(m.Name, m.NamePos)
		fc.expr(m.X)
		argc, _, _ := fc.args(e.Args, e.Lambda, m.Name, nil)
		fc.mark(m.NamePos)
		fc.emit(CALLTHIS, argc, -argc-1)
		return
	}
	fc.checkAccess(m.Name, m.NamePos)
	fc.expr(m.X)
	var skip int = -1
	if m.Safe {
		skip = fc.emit(JMPNULL, 0, 0)
	}
	if reifiedTypeArg[m.Name] && len(e.TypeArgs) == 1 && len(e.Args) == 0 && e.Lambda == nil {
		// the type argument of a reified function is passed as a value
		fc.emitConst(Obj(fc.c.typeTest(e.TypeArgs[0], nil)))
		fc.invoke(m.Name, 1, nil, m.NamePos)
		if skip >= 0 {
			fc.patch(skip, fc.pc())
		}
		return
	}
	argc, names, spread := fc.args(e.Args, e.Lambda, m.Name, nil)
	if spread {
		// recv.name(*args): the arguments are one array of arrays
		fc.mark(m.NamePos)
		fc.emit(SPREADINVOKE, 0, -1)
		fc.word(uint32(fc.name(m.Name)))
	} else {
		fc.invoke(m.Name, argc, names, m.NamePos)
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
	fc.c.errorf(pos, "Cannot access '%s': it is private in '%s'", name, owner.Name)
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
	fc.c.errorf(pos, "'super' is not allowed here")
	return AnyClass
}
