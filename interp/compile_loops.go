package interp

// Loops: while, do-while and for (over ranges, counting loops and
// iterators), and the jumps that leave them.

import "github.com/ktcoro/ktcoro/lang"

// whileLoop compiles `while (c) body` with the test at the bottom:
// JMP test; top: body; test: if c goto top.
func (fc *funcCompiler) whileLoop(s *lang.While) {
	enter := fc.jump(JMP)
	top := fc.pc()
	lp := &loopCtx{label: s.Label, depth: fc.depth, tries: len(fc.tries)}
	fc.loops = append(fc.loops, lp)
	fc.push()
	fc.stmts(s.Body.Stmts)
	fc.pop()
	fc.loops = fc.loops[:len(fc.loops)-1]
	test := fc.pc()
	fc.patch(enter, test)
	fc.mark(s.Cond.Pos())
	fc.condJumpTrue(s.Cond, top)
	fc.endLoop(lp, test)
}

// condJumpTrue compiles a condition that jumps to target when it holds.
func (fc *funcCompiler) condJumpTrue(e lang.Expr, target int) {
	if p, ok := e.(*lang.Paren); ok {
		fc.condJumpTrue(p.X, target)
		return
	}
	if b, ok := e.(*lang.Binary); ok && !b.Infix && !fc.boxedEquality(b) {
		if op, ok := condOps[b.Op]; ok {
			fc.checkBinary(b)
			fc.expr(b.X)
			fc.expr(b.Y)
			fc.mark(b.OpPos)
			fc.emit(op, target, -2)
			fc.fn.code[len(fc.fn.code)-1] |= ifWhenTrue
			return
		}
	}
	fc.expr(e)
	j := fc.jump(JMPT)
	fc.patch(j, target)
}

var condOps = map[string]Opcode{"<": IFLT, "<=": IFLE, ">": IFGT, ">=": IFGE, "==": IFEQ, "!=": IFNE}

// condJump compiles a condition and returns the jumps taken when it is
// false (to be patched by the caller); execution falls through when it is
// true. Comparisons fuse with the jump.
func (fc *funcCompiler) condJump(e lang.Expr) []int {
	switch b := e.(type) {
	case *lang.Paren:
		return fc.condJump(b.X)
	case *lang.Binary:
		if op, ok := condOps[b.Op]; ok && !b.Infix && !fc.boxedEquality(b) {
			fc.checkBinary(b)
			fc.expr(b.X)
			fc.expr(b.Y)
			fc.mark(b.OpPos)
			return []int{fc.emit(op, 0, -2)}
		}
		if b.Op == "&&" {
			return append(fc.condJump(b.X), fc.condJump(b.Y)...)
		}
	case *lang.BoolLit:
		if b.Value {
			return nil
		}
	}
	fc.expr(e)
	return []int{fc.jump(JMPF)}
}

func (fc *funcCompiler) endLoop(lp *loopCtx, cont int) {
	for _, b := range lp.breaks {
		fc.patch(b, fc.pc())
	}
	for _, c := range lp.continues {
		fc.patch(c, cont)
	}
	for _, j := range lp.nlBreaks {
		j.pc, j.end = fc.pc(), fc.pc()
	}
	for _, j := range lp.nlConts {
		j.pc, j.end = cont, fc.pc()
	}
}

func (fc *funcCompiler) doWhile(s *lang.DoWhile) {
	top := fc.pc()
	lp := &loopCtx{label: s.Label, depth: fc.depth, tries: len(fc.tries)}
	fc.loops = append(fc.loops, lp)
	fc.push()
	fc.stmts(s.Body.Stmts)
	cont := fc.pc()
	fc.expr(s.Cond)
	fc.pop()
	fc.loops = fc.loops[:len(fc.loops)-1]
	j := fc.jump(JMPT)
	fc.patch(j, top)
	fc.endLoop(lp, cont)
}

func (fc *funcCompiler) forLoop(s *lang.For) {
	if r, ok := s.Iter.(*lang.Binary); ok && (r.Op == ".." || r.Op == "..<" || (r.Infix && r.Op == "until")) && s.Var != "" &&
		!fc.unsignedOperand(r.X) && !fc.unsignedOperand(r.Y) {
		fc.forRange(s, r)
		return
	}
	fc.expr(s.Iter)
	fc.emit(ITER, 0, 0)
	top := fc.pc()
	next := fc.emit(NEXT, 0, 0) // pushes the element when there is one
	fc.adj(1)
	lp := &loopCtx{label: s.Label, contTarget: top, depth: fc.depth - 1, tries: len(fc.tries)}
	fc.push()
	fc.bindLoopVar(s)
	fc.loops = append(fc.loops, lp)
	fc.stmts(s.Body.Stmts)
	fc.loops = fc.loops[:len(fc.loops)-1]
	fc.pop()
	fc.emit(JMP, top, 0)
	fc.patch(next, fc.pc())
	fc.endLoop(lp, top)
	fc.emit(POP, 0, -1)
}

// unsignedOperand reports whether e is known to be unsigned (a `u`
// literal or a local declared UInt/ULong/...): a loop over its range
// iterates the range itself, since the counting loop's limit arithmetic
// (end - 1 for until) is not defined for it.
func (fc *funcCompiler) unsignedOperand(e lang.Expr) bool {
	switch x := e.(type) {
	case *lang.IntLit:
		return x.Unsigned
	case *lang.Ident:
		if l := fc.lookupLocal(x.Name); l != nil {
			return l.conv >= KUByte && l.conv <= KULong
		}
	}
	return false
}

// bindLoopVar stores the element on the stack into the loop variable(s).
func (fc *funcCompiler) bindLoopVar(s *lang.For) {
	if s.Destructure != nil {
		fc.destructure(s.Destructure, func(n string) { fc.storeNew(fc.declare(n, false)) })
		return
	}
	l := fc.declare(s.Var, false)
	l.cell = false
	fc.emit(STORE, l.slot, -1)
}

// forRange compiles `for (i in a..b)` and `a until b` as a counting loop.
func (fc *funcCompiler) forRange(s *lang.For, r *lang.Binary) {
	ctr, lim := fc.temp(), fc.temp()
	fc.expr(r.X)
	fc.emit(STORE, ctr, -1)
	fc.expr(r.Y)
	if r.Op != ".." {
		fc.emit(INT, 1, 1)
		fc.emit(SUB, 0, -1)
	}
	fc.emit(STORE, lim, -1)
	fc.emit(LOAD, lim, 1)
	fc.emit(LOAD, ctr, 1)
	fc.emit(LT, 0, -1)
	exit := fc.jump(JMPT)
	top := fc.pc()
	fc.push()
	l := fc.declare(s.Var, false)
	l.cell = false
	fc.emit(LOAD, ctr, 1)
	fc.emit(STORE, l.slot, -1)
	lp := &loopCtx{label: s.Label, depth: fc.depth, tries: len(fc.tries)}
	fc.loops = append(fc.loops, lp)
	fc.stmts(s.Body.Stmts)
	fc.loops = fc.loops[:len(fc.loops)-1]
	fc.pop()
	cont := fc.pc()
	fc.emit(FORINT, ctr, 0)
	fc.word(uint32(lim))
	done := len(fc.fn.code)
	fc.word(0)
	fc.emit(JMP, top, 0)
	fc.fn.code[done] = uint32(fc.pc())
	fc.patch(exit, fc.pc())
	fc.endLoop(lp, cont)
}
