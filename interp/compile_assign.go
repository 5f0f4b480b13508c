package interp

// Assignments: `=` and the compound operators on names, members and
// indices, plusAssign, and storing into a name (local, captured,
// global, member or implicit receiver).

import (
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// Target kinds of OPASSIGN: how the run time tells whether the target of
// `a op= b` may be assigned (see augAssign).
const (
	augVar        = iota // an assignable name of a read-only or unknown type: a = a op b where a has op
	augVarInPlace        // an assignable name of a mutable type: a.opAssign(b) where a has it
	augVal               // a val or an expression that is not assignable
	augMember            // obj.name: assignable when the property is a var; operand: name index
	augIndex             // obj[i...]: assignable when obj takes set; operand: number of indices
)

// augOps lists the compound operators in the order OPASSIGN numbers them.
var augOps = [...]string{"+", "-", "*", "/", "%"}

// augNames are the operator functions of augOps.
var augNames = [...]string{"plus", "minus", "times", "div", "rem"}

func augIndexOf(op string) int {
	for i, o := range augOps {
		if o == op {
			return i
		}
	}
	return 0
}

func (fc *funcCompiler) assign(s *lang.Assign) {
	op := ""
	if s.Op != "=" {
		op = s.Op[:1]
	}
	switch t := s.Target.(type) {
	case *lang.Ident:
		if op == "" {
			fc.checkAssign(t.Name, s.Value, s.OpPos)
			fc.expr(s.Value)
			fc.storeName(t.Name, t.Pos())
			return
		}
		mutable, inPlace, prim, known := fc.nameMutability(t.Name)
		if known && !mutable && !prim {
			fc.opAssignCall(t, op, s.Value)
			return
		}
		fc.expr(t)
		fc.expr(s.Value)
		if prim {
			fc.arith(op)
			fc.storeName(t.Name, t.Pos())
			return
		}
		kind := augVar
		if inPlace {
			kind = augVarInPlace
		}
		fc.compound(op, kind, 0, 0, func() { fc.storeName(t.Name, t.Pos()) })
	case *lang.Member:
		fc.checkAccess(t.Name, t.NamePos)
		fc.checkMemberOn(fc.knownClassOf(t.X), t.Name, t.NamePos)
		if op == "" { // (x.p += v on a val may be plusAssign on its value)
			fc.checkValAssign(t.X, t.Name, t.NamePos)
		}
		if op == "" {
			fc.checkPropAssign(t, s.Value, s.OpPos)
		}
		fc.expr(t.X)
		if op == "" {
			fc.expr(s.Value)
			fc.setProp(t.Name)
			return
		}
		fc.emit(DUP, 0, 1)
		fc.emit(GETPROP, fc.name(t.Name), 0)
		fc.word(0)
		fc.expr(s.Value)
		fc.compound(op, augMember, fc.name(t.Name), 1, func() { fc.setProp(t.Name) })
	case *lang.Index:
		fc.expr(t.X)
		for _, i := range t.Index {
			fc.expr(i)
		}
		n := len(t.Index)
		if op == "" {
			fc.expr(s.Value)
			fc.setIndex(n)
			return
		}
		if n > 1 {
			// keep the receiver and indices in temporaries to read then write
			slots := make([]int, n+1)
			for i := n; i >= 0; i-- {
				slots[i] = fc.temp()
				fc.emit(STORE, slots[i], -1)
			}
			for _, sl := range slots {
				fc.emit(LOAD, sl, 1)
			}
			for _, sl := range slots {
				fc.emit(LOAD, sl, 1)
			}
			fc.emit(INDEX, n, -n)
		} else {
			fc.emit(DUP2, 0, 2)
			fc.emit(INDEX, 1, -1)
		}
		fc.expr(s.Value)
		fc.compound(op, augIndex, n, n+1, func() { fc.setIndex(n) })
	case *lang.Paren:
		fc.assign(&lang.Assign{At: s.At, Op: s.Op, Target: t.X, Value: s.Value})
	case *lang.Postfix, *lang.Call, *lang.This:
		if p, ok := t.(*lang.Postfix); op != "" && (!ok || p.Op == "!!") {
			// not assignable: x!! += v is x!!.plusAssign(v)
			fc.opAssignCall(t, op, s.Value)
			return
		}
		fc.c.errorf(s.Pos(), "variable expected.")
	default:
		fc.c.errorf(s.Pos(), "variable expected.")
	}
}

func (fc *funcCompiler) setProp(name string) {
	fc.emit(SETPROP, fc.name(name), -1)
	fc.word(fc.cacheSlot())
	fc.emit(POP, 0, -1)
}

func (fc *funcCompiler) setIndex(n int) {
	fc.emit(SETINDEX, n, -n-1) // obj i1..iN x -> result
	fc.emit(POP, 0, -1)
}

// compound finishes `target op= v` with the target's current value x and
// v on the stack above the parts parts of the target (receiver,
// indices) that store needs: where the run time finds x.opAssign (see
// augAssign) it calls it and drops the parts, else (the common case,
// which OPASSIGN jumps to) it computes x op v and store writes it back.
func (fc *funcCompiler) compound(op string, kind, operand, parts int, store func()) {
	i := augIndexOf(op)
	at := fc.emit(OPASSIGN, 0, 0)
	fc.word(uint32(operand)<<6 | uint32(i)<<3 | uint32(kind))
	depth := fc.depth
	fc.emit(INVOKE, 1, -1)
	fc.word(uint32(fc.name(augNames[i] + "Assign")))
	fc.word(0)
	fc.emit(POP, 0, -1)
	if parts > 0 {
		fc.emit(POPN, parts, -parts)
	}
	end := fc.jump(JMP)
	fc.patch(at, fc.pc())
	fc.depth = depth
	fc.arith(op)
	store()
	fc.patch(end, fc.pc())
}

// opAssignCall compiles `x op= v` on a target that cannot be assigned (a
// val, x!!, a call) as x.plusAssign(v) (minusAssign, ...).
func (fc *funcCompiler) opAssignCall(x lang.Expr, op string, v lang.Expr) {
	fc.expr(x)
	fc.expr(v)
	fc.emit(INVOKE, 1, -1)
	fc.word(uint32(fc.name(augNames[augIndexOf(op)] + "Assign")))
	fc.word(0)
	fc.emit(POP, 0, -1)
}

// primitiveDecl reports whether the local d declares holds a number,
// Char, Boolean or String all its life: its declared type says so, or
// it has none and starts as a literal of one of them.
func primitiveDecl(d *lang.VarDecl) bool {
	if d.Type != nil {
		return primitiveType(d.Type)
	}
	x := d.Init
	if u, ok := x.(*lang.Unary); ok && u.Op == "-" {
		x = u.X
	}
	switch x.(type) {
	case *lang.IntLit, *lang.FloatLit, *lang.CharLit, *lang.BoolLit, *lang.StringLit:
		return true
	}
	return false
}

// primitiveType reports whether a declared type is a non-null number,
// Char, Boolean or String.
func primitiveType(t *lang.TypeRef) bool {
	if t == nil || t.Nullable || t.Func != nil {
		return false
	}
	switch strings.TrimPrefix(t.Name, "kotlin.") {
	case "Int", "Long", "Short", "Byte", "Double", "Float", "Char", "Boolean", "String":
		return true
	}
	return false
}

// nameMutability tells whether the variable called name is a var,
// whether it is one of a mutable type (see inPlaceDecl) and whether it
// always holds a primitive (see primitiveDecl); known is false when the
// compiler cannot tell (a receiver's property).
func (fc *funcCompiler) nameMutability(name string) (mutable, inPlace, prim, known bool) {
	if l := fc.lookupLocal(name); l != nil {
		return l.mutable, l.inPlace, l.prim, true
	}
	if f := fc.resolveFree(name); f != nil {
		return f.mutable, f.inPlace, f.prim, true
	}
	if g, ok := fc.c.globals[name]; ok {
		return g.mutable, g.inPlace, g.prim, true
	}
	if fc.class != nil || fc.inClass() {
		if p := fc.memberProp(name); p != nil {
			return p.Mutable, p.InPlace, p.prim, true
		}
	}
	if p, _ := fc.outerProp(name); p != nil {
		return p.Mutable, p.InPlace, p.prim, true
	}
	return false, false, false, false
}

// outerProp finds the property name of an outer class (seen from an inner
// class), of the class of an enclosing method (seen from an object
// expression or local class in it) or of a companion object in scope, and returns it with the function
// that pushes the instance owning it.
func (fc *funcCompiler) outerProp(name string) (*Prop, func(pos lang.Pos)) {
	if oc := fc.outerClassWith(name, false); oc != nil {
		if p := oc.cls.LookupProp(name); p != nil {
			return p, func(pos lang.Pos) { fc.outerThis(oc, pos) }
		}
	}
	if c, oc := fc.enclosingClassWith(name, false); c != nil {
		owner := c
		if oc != nil {
			owner = oc.cls
		}
		if p := owner.LookupProp(name); p != nil {
			return p, func(pos lang.Pos) { fc.enclosingThis(c, oc, pos) }
		}
	}
	if co := fc.companionHas(name, false); co != nil {
		return co.Props[name], func(lang.Pos) { fc.emit(OBJECT, fc.constant(Obj(co)), 1) }
	}
	return nil, nil
}

// mutableFactories are the functions whose result is of a mutable
// collection type.
var mutableFactories = map[string]bool{
	"mutableListOf": true, "arrayListOf": true, "mutableSetOf": true, "hashSetOf": true,
	"linkedSetOf": true, "sortedSetOf": true, "mutableMapOf": true, "hashMapOf": true,
	"linkedMapOf": true, "sortedMapOf": true, "toMutableList": true, "toMutableSet": true,
	"toMutableMap": true, "buildList": false, "ArrayDeque": true,
}

// readOnlyTypes are the collection types without plusAssign, whose vars
// are reassigned by +=.
var readOnlyTypes = map[string]bool{
	"List": true, "Set": true, "Map": true, "Collection": true, "Iterable": true,
	"Sequence": true, "Array": true, "String": true, "CharSequence": true,
}

// inPlaceDecl reports whether the property or variable d declares has a
// mutable type that, as Kotlin's static types decide, makes `x += v`
// x.plusAssign(v) even though x also has plus (a MutableList): declared
// with a type other than a read-only collection or a primitive, or
// without one and initialised by a mutable collection's factory or a
// constructor call.
func inPlaceDecl(d *lang.VarDecl) bool {
	if d.Type != nil {
		if d.Type.Func != nil {
			return false
		}
		n := d.Type.Name
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			n = n[i+1:]
		}
		return !readOnlyTypes[n] && !primitiveDecl(d)
	}
	c, ok := d.Init.(*lang.Call)
	if !ok {
		return false
	}
	switch f := c.Fn.(type) {
	case *lang.Ident:
		return mutableFactories[f.Name] || f.Name != "" && f.Name[0] >= 'A' && f.Name[0] <= 'Z'
	case *lang.Member:
		return mutableFactories[f.Name]
	}
	return false
}

func (fc *funcCompiler) arith(op string) {
	switch op {
	case "+":
		fc.emit(ADD, 0, -1)
	case "-":
		fc.emit(SUB, 0, -1)
	case "*":
		fc.emit(MUL, 0, -1)
	case "/":
		fc.emit(DIV, 0, -1)
	case "%":
		fc.emit(MOD, 0, -1)
	}
}

// storeName stores TOS into the variable called name.
func (fc *funcCompiler) storeName(name string, pos lang.Pos) {
	if l := fc.lookupLocal(name); l != nil {
		if !l.mutable && (l.assigned || l.fun != nil) {
			// a val without initialiser may be assigned (once per path:
			// not checked)
			fc.c.valReassigned(pos, name)
		}
		if l.conv == kDelegate {
			// var x by delegate: x = v is setValue(null, ::x, v)
			t := fc.temp()
			fc.emit(STORE, t, -1)
			if l.cell {
				fc.emit(LOADCELL, l.slot, 1)
			} else {
				fc.emit(LOAD, l.slot, 1)
			}
			fc.delegateSet(name, false, t)
			return
		}
		if l.conv != KNull && l.conv != kDelegate {
			fc.emit(CONV, int(l.conv), 0)
		}
		if l.cell {
			fc.emit(STORECELL, l.slot, -1)
		} else {
			fc.emit(STORE, l.slot, -1)
		}
		return
	}
	if f := fc.resolveFree(name); f != nil {
		if !f.mutable {
			fc.c.valReassigned(pos, name)
		}
		if !f.cell {
			fc.c.errorAt(pos, name, "captured values are immutable here: %s.", name)
		}
		fc.emit(SETFREECELL, fc.freeIndex(f), -1)
		return
	}
	if name == "field" && fc.topField != nil {
		fc.emit(SETGLOBAL, fc.topField.slot, -1)
		return
	}
	if name == "field" && fc.accessorProp() != nil {
		if k := fc.accessorProp().conv; k != KNull {
			fc.emit(CONV, int(k), 0)
		}
		fc.classThis(pos)
		fc.emit(SWAP, 0, 0)
		fc.emit(SETFIELD, fc.accessorProp().Slot, -2)
		return
	}
	if fc.class != nil || fc.inClass() {
		if p := fc.memberProp(name); p != nil {
			if !p.Mutable && !fc.inCtor() {
				fc.c.valReassigned(pos, name)
			}
			if p.conv != KNull {
				fc.emit(CONV, int(p.conv), 0)
			}
			fc.classThis(pos)
			fc.emit(SWAP, 0, 0)
			if p.Setter.o == nil && p.Slot >= 0 && !p.Open && p.Owner == fc.enclosingClass() {
				fc.emit(SETFIELD, p.Slot, -2)
				return
			}
			fc.emit(SETPROP, fc.name(name), -1)
			fc.word(fc.cacheSlot())
			fc.emit(POP, 0, -1)
			return
		}
	}
	if p, owner := fc.outerProp(name); p != nil {
		if !p.Mutable {
			fc.c.valReassigned(pos, name)
		}
		owner(pos)
		fc.emit(SWAP, 0, 0)
		fc.emit(SETPROP, fc.name(name), -1)
		fc.word(fc.cacheSlot())
		fc.emit(POP, 0, -1)
		return
	}
	if g, ok := fc.c.globals[name]; ok && g.setter != nil {
		fc.emitConst(Obj(g.setter))
		fc.emit(SWAP, 0, 0)
		fc.emit(CALL, 1, -1)
		fc.emit(POP, 0, -1)
		return
	}
	if g, ok := fc.c.globals[name]; ok && !g.isConst {
		if !g.mutable && g.init {
			fc.c.valReassigned(pos, name)
		}
		if g.delegate {
			t := fc.temp()
			fc.emit(STORE, t, -1)
			fc.emit(GLOBAL, g.slot, 1)
			fc.delegateSet(name, false, t)
			return
		}
		if g.conv != KNull {
			fc.emit(CONV, int(g.conv), 0)
		}
		fc.emit(SETGLOBAL, g.slot, -1)
		return
	}
	if (fc.recvCtx || fc.lambdaDepth() > 0) && !fc.unknownCall(name) {
		// a property of an implicit receiver (apply { name = x }): the
		// innermost that has it
		fc.emit(DYNRECV, fc.name(name), 1)
		fc.emit(SWAP, 0, 0)
		fc.emit(SETPROP, fc.name(name), -1)
		fc.word(0)
		fc.emit(POP, 0, -1)
		return
	}
	fc.c.unresolved(pos, name)
	fc.emit(POP, 0, -1)
}
