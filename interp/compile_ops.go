package interp

import (
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// This file compiles operators: unary and postfix operators, ++ and --,
// binary operators, and the operator calls (invoke) they lower to.

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
		fc.c.errorf(e.Pos(), "unsupported operator %s.", e.Op)
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
		// a prefix ++/-- on a property reads it again (its getter may
		// say something else); a local's value is the one stored
		local := fc.lookupLocal(t.Name) != nil || fc.resolveFree(t.Name) != nil
		fc.loadName(t.Name, pos)
		if !prefix {
			fc.emit(DUP, 0, 1)
		}
		step()
		if prefix && local {
			fc.emit(DUP, 0, 1)
		}
		fc.storeName(t.Name, pos)
		if prefix && !local {
			fc.loadName(t.Name, pos)
		}
	case *lang.Member:
		if rt := fc.knownClassOf(t.X); rt != nil {
			n := len(fc.c.errs)
			if fc.checkMemberOn(rt, t.Name, t.NamePos); len(fc.c.errs) > n {
				// kotlinc reports the operator's access to it as well
				opAt := pos
				if !prefix {
					opAt = exprEnd(t)
				}
				fc.c.errorAt(opAt, op, "unresolved reference '%s' on receiver of type '%s'.", t.Name, rt.name)
			}
		}
		// a prefix ++/-- reads the property again for its value, as
		// Kotlin does; a postfix one keeps the old value
		tmp := fc.temp()
		fc.expr(t.X)
		if prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		fc.emit(DUP, 0, 1)
		fc.emit(GETPROP, fc.name(t.Name), 0)
		fc.word(0)
		if !prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		step()
		fc.emit(SETPROP, fc.name(t.Name), -1)
		fc.word(0)
		fc.emit(POP, 0, -1)
		fc.emit(LOAD, tmp, 1)
		if prefix {
			fc.emit(GETPROP, fc.name(t.Name), 0)
			fc.word(0)
		}
	case *lang.Index:
		// as for a property, a prefix ++/-- calls get again; the
		// receiver and indices are evaluated once, kept in temporaries
		n := len(t.Index)
		slots := make([]int, n+1)
		fc.expr(t.X)
		for _, i := range t.Index {
			fc.expr(i)
		}
		for i := n; i >= 0; i-- {
			slots[i] = fc.temp()
			fc.emit(STORE, slots[i], -1)
		}
		loadAll := func() {
			for _, sl := range slots {
				fc.emit(LOAD, sl, 1)
			}
		}
		tmp, val := fc.temp(), fc.temp()
		loadAll()
		fc.emit(INDEX, n, -n)
		if !prefix {
			fc.emit(DUP, 0, 1)
			fc.emit(STORE, tmp, -1)
		}
		step()
		fc.emit(STORE, val, -1)
		loadAll()
		fc.emit(LOAD, val, 1)
		fc.emit(SETINDEX, n, -n-1)
		fc.emit(POP, 0, -1)
		if prefix {
			loadAll()
			fc.emit(INDEX, n, -n)
		} else {
			fc.emit(LOAD, tmp, 1)
		}
	default:
		fc.c.errorf(pos, "variable expected.")
		fc.emit(NULL, 0, 1)
	}
}

var binOps = map[string]Opcode{
	"+": ADD, "-": SUB, "*": MUL, "/": DIV, "%": MOD,
	"==": EQ, "!=": NE, "===": IDEQ, "!==": IDNE,
	"<": LT, "<=": LE, ">": GT, ">=": GE, "..": RANGE, "..<": RANGEUNTIL,
}

// checkBinary runs the static checks of an operator application.
func (fc *funcCompiler) checkBinary(e *lang.Binary) {
	fc.checkOperator(e)
	fc.checkNullableOperator(e)
	fc.checkEquality(e)
}

func (fc *funcCompiler) binary(e *lang.Binary) {
	fc.checkBinary(e)
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
		fc.c.errorAt(e.OpPos, e.Op, "unsupported operator %s.", e.Op)
		fc.emit(NULL, 0, 1)
		return
	}
	fc.expr(e.X)
	fc.expr(e.Y)
	fc.mark(e.OpPos)
	if (op == EQ || op == NE) && fc.boxedEquality(e) {
		// A=1: equals of boxes (see Coroutine.BoxedEquals)
		fc.emit(op, 1, -1)
		return
	}
	fc.emit(op, 0, -1)
}

// boxedEquality reports whether x == y of e compares boxes: one operand is
// a variable or parameter declared Any, Number or Comparable (nullable or
// not) and not smart-cast before e, or a cast to one of them. Kotlin then
// calls equals, so 1L == 1 is false and 0.0 == -0.0 is false, where two
// numbers statically typed as such compare by value.
func (fc *funcCompiler) boxedEquality(e *lang.Binary) bool {
	return fc.boxedType(e.X) || fc.boxedType(e.Y)
}

// boxedType reports whether expression x is statically typed Any, Number
// or Comparable (see boxedEquality).
func (fc *funcCompiler) boxedType(x lang.Expr) bool {
	var t *lang.TypeRef
	switch e := x.(type) {
	case *lang.Paren:
		return fc.boxedType(e.X)
	case *lang.As:
		t = e.Type
	case *lang.Ident:
		for f := fc; f != nil && t == nil; f = f.parent {
			if f.narrowedBefore(e.Name, e.Pos()) {
				return false
			}
			if l := f.lookupLocal(e.Name); l != nil {
				t = l.typ
				break
			}
		}
	}
	if t = fc.c.unalias(t); t == nil || t.Func != nil {
		return false
	}
	switch strings.TrimPrefix(strings.TrimPrefix(t.Name, "kotlin."), "java.lang.") {
	case "Any", "Number", "Comparable":
		return true
	}
	return false
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
