package interp

import "github.com/ktcoro/ktcoro/lang"

// This file compiles control flow: blocks used as values, if, when,
// try/catch/finally (handlers and inlined finally blocks), return, break
// and continue.

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
	fc.checkExhaustive(e)
	fc.checkWhenElse(e)
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
		if ent.Else && ent.Guard == nil {
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
				fc.noteIsTest(e.Subject)
				fc.emit(LOAD, subj, 1)
				if fc.isReified(cnd.Type) {
					fc.reifiedTest("$isType", cnd.Type, cnd.Type.Pos())
				} else {
					fc.emit(IS, fc.constant(Obj(fc.c.typeTest(cnd.Type, nil))), 0)
				}
				if cnd.Kind == "!is" {
					fc.emit(NOT, 0, 0)
				}
			}
			hits = append(hits, fc.jump(JMPT))
		}
		next := -1
		if !ent.Else {
			next = fc.jump(JMP)
		}
		for _, h := range hits {
			fc.patch(h, fc.pc())
		}
		guard := -1
		if ent.Guard != nil {
			fc.expr(ent.Guard)
			guard = fc.jump(JMPF)
		}
		cast := fc.thisCastIn(e, ent)
		fc.valueBlock(ent.Body)
		if cast {
			fc.thisCasts = fc.thisCasts[:len(fc.thisCasts)-1]
		}
		ends = append(ends, fc.jump(JMP))
		if next >= 0 {
			fc.patch(next, fc.pc())
		}
		if guard >= 0 {
			fc.patch(guard, fc.pc())
		}
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
	if len(e.Catches) > 0 {
		// a return or break in the body leaves the catch range too: the
		// finally blocks it runs on the way out are not caught here
		fc.tries = append(fc.tries, body)
	}
	fc.valueBlock(e.Body)
	if len(e.Catches) > 0 {
		fc.tries = fc.tries[:len(fc.tries)-1]
	}
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
// return, break and continue), innermost first, each with its own range and
// the inner ones closed (an exception there reaches the outer handlers).
func (fc *funcCompiler) exitTries(from int) {
	open := fc.tries[from:]
	if len(open) == 0 {
		return
	}
	saved := fc.tries
	for i := len(open) - 1; i >= 0; i-- {
		t := open[i]
		for _, o := range open[i:] {
			fc.closeTry(o)
		}
		fc.tries = saved[:from+i]
		if t.finally != nil {
			fc.finallyBlock(t.finally)
		}
	}
	fc.tries = saved
}

func (fc *funcCompiler) reopenTries(from int) {
	for _, t := range fc.tries[from:] {
		fc.openTry(t)
	}
}

func (fc *funcCompiler) ret(e *lang.Return) {
	if e.Label == "" && e.X != nil {
		fc.checkReturn(e.X)
		fc.markValue(e.X)
	}
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
				fc.c.unresolvedLabel(e.Pos().After("return"), e.Label)
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
	keyword := "continue"
	if isBreak {
		keyword = "break"
	}
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
	if lp == nil && fc.lambda {
		if t, tlp := fc.enclosingLoop(label); tlp != nil {
			fc.nonLocalJump(t, tlp, isBreak)
			return
		}
	}
	if lp == nil {
		if label != "" {
			fc.c.errorAt(pos, keyword+"@"+label, "label does not denote a reachable loop.")
		} else {
			fc.c.errorAt(pos, keyword, "'break' and 'continue' are only allowed inside loops.")
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

// enclosingLoop finds the loop that a break or continue (label "" for the
// innermost) in a lambda leaves non-locally: a loop of an enclosing
// function, across lambdas only (Kotlin allows it from the lambdas of
// inline functions). It returns nil when there is none.
func (fc *funcCompiler) enclosingLoop(label string) (*funcCompiler, *loopCtx) {
	for f := fc.parent; f != nil; f = f.parent {
		for i := len(f.loops) - 1; i >= 0; i-- {
			if lp := f.loops[i]; !lp.lambda && (label == "" || lp.label == label) {
				return f, lp
			}
		}
		if !f.lambda {
			break
		}
	}
	return nil, nil
}

// nonLocalJump compiles a break or continue from a lambda to loop lp of
// the enclosing function t: the lambda's finally blocks run here, the rest
// as the frames unwind (see Coroutine.nonLocalReturn).
func (fc *funcCompiler) nonLocalJump(t *funcCompiler, lp *loopCtx, isBreak bool) {
	j := &nlJump{depth: lp.depth, from: t.pc()}
	if isBreak {
		lp.nlBreaks = append(lp.nlBreaks, j)
	} else {
		lp.nlConts = append(lp.nlConts, j)
	}
	fc.exitTries(0)
	fc.emit(NLJUMP, fc.captureFrame(t), 0)
	fc.word(uint32(fc.constant(Obj(j))))
	fc.reopenTries(0)
	fc.adj(1)
}

// thisCastIn notes, for the branch ent of `when (this) { is T -> ... }`
// in a method (an extension function looks its receiver's members up at
// run time), that this is smart-cast to the script class T in its body, and
// reports whether it did (the caller pops fc.thisCasts after the body).
func (fc *funcCompiler) thisCastIn(e *lang.When, ent *lang.WhenEntry) bool {
	t, ok := e.Subject.(*lang.This)
	if !ok || t.Label != "" || fc.lambda || fc.class == nil || fc.memberExt || len(ent.Conds) != 1 || ent.Conds[0].Kind != "is" || ent.Conds[0].Type == nil {
		return false
	}
	c := fc.c.lookupClass(ent.Conds[0].Type.Name)
	if c == nil {
		return false
	}
	fc.thisCasts = append(fc.thisCasts, c)
	return true
}

// thisCastWith returns the class `this` is smart-cast to here (see
// thisCastIn) that has a member name (a function when call), innermost
// first, looking through the lambdas around fc; nil when there is none.
func (fc *funcCompiler) thisCastWith(name string, call bool) *Class {
	for f := fc; f != nil; f = f.parent {
		for i := len(f.thisCasts) - 1; i >= 0; i-- {
			c := f.thisCasts[i]
			if call && c.declaresFun(name, map[*Class]bool{}) || !call && c.LookupProp(name) != nil {
				return c
			}
		}
		if !f.lambda {
			break
		}
	}
	return nil
}
