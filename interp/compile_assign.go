package interp

// Assignments: `=` and the compound operators on names, members and
// indices, plusAssign, and storing into a name (local, captured,
// global, member or implicit receiver).

import "github.com/ktcoro/ktcoro/lang"

func (fc *funcCompiler) assign(s *lang.Assign) {
	op := ""
	if s.Op != "=" {
		op = s.Op[:1]
	}
	switch t := s.Target.(type) {
	case *lang.Ident:
		if op != "" && fc.plusAssign(t, op, s.Value) {
			return
		}
		if op != "" {
			fc.expr(t)
			fc.expr(s.Value)
			fc.arith(op)
		} else {
			fc.expr(s.Value)
		}
		fc.storeName(t.Name, t.Pos())
	case *lang.Member:
		fc.checkAccess(t.Name, t.NamePos)
		fc.expr(t.X)
		if op != "" {
			fc.emit(DUP, 0, 1)
			fc.emit(GETPROP, fc.name(t.Name), 0)
			fc.word(0)
			fc.expr(s.Value)
			fc.arith(op)
		} else {
			fc.expr(s.Value)
		}
		fc.emit(SETPROP, fc.name(t.Name), -1)
		fc.word(fc.cacheSlot())
		fc.emit(POP, 0, -1)
	case *lang.Index:
		fc.expr(t.X)
		for _, i := range t.Index {
			fc.expr(i)
		}
		n := len(t.Index)
		if op != "" && n > 1 {
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
			fc.expr(s.Value)
			fc.arith(op)
		} else if op != "" {
			fc.emit(DUP2, 0, 2)
			fc.emit(INDEX, 1, -1)
			fc.expr(s.Value)
			fc.arith(op)
		} else {
			fc.expr(s.Value)
		}
		fc.emit(SETINDEX, n, -n-1) // obj i1..iN x -> result
		fc.emit(POP, 0, -1)
	case *lang.Paren:
		fc.assign(&lang.Assign{At: s.At, Op: s.Op, Target: t.X, Value: s.Value})
	default:
		fc.c.errorf(s.Pos(), "variable expected.")
	}
}

// plusAssign compiles `x += v` on a val as x.plusAssign(v) (collections).
func (fc *funcCompiler) plusAssign(t *lang.Ident, op string, v lang.Expr) bool {
	if op != "+" && op != "-" {
		return false
	}
	mutable, known := fc.isMutableName(t.Name)
	if !known || mutable {
		return false
	}
	fc.expr(t)
	fc.expr(v)
	m := "plusAssign"
	if op == "-" {
		m = "minusAssign"
	}
	fc.emit(INVOKE, 1, -1)
	fc.word(uint32(fc.name(m)))
	fc.word(0)
	fc.emit(POP, 0, -1)
	return true
}

func (fc *funcCompiler) isMutableName(name string) (mutable, known bool) {
	if l := fc.lookupLocal(name); l != nil {
		return l.mutable, true
	}
	if f := fc.resolveFree(name); f != nil {
		return f.mutable, true
	}
	if g, ok := fc.c.globals[name]; ok {
		return g.mutable, true
	}
	if fc.class != nil || fc.inClass() {
		if p := fc.memberProp(name); p != nil {
			return p.Mutable, true
		}
	}
	return false, false
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
		fc.emit(SETGLOBAL, g.slot, -1)
		return
	}
	if fc.recvCtx || fc.lambdaDepth() > 0 {
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
