package interp

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/ktcoro/ktcoro/lang"
)

// The compiler turns a lang.File into Functions. It resolves every name
// once: to a local slot, a captured cell or value, a global slot, a member
// of the enclosing class, a built-in, or (inside lambdas and extension
// functions, whose receivers are only known at run time) a dynamic lookup
// on the implicit receivers with a static fallback. Static errors
// (unresolved names, reassigned vals, wrong argument counts, suspend calls
// from plain functions) are collected as diagnostics.

// local is a variable or parameter of the function being compiled.
type local struct {
	name     string
	slot     int
	mutable  bool
	cell     bool
	assigned bool          // val without initialiser: one assignment allowed
	fun      *lang.FunDecl // local function
	recvFn   *lang.FuncType
	conv     Kind
	// static is the declared type of a val or parameter, where it can
	// choose between overloads (see staticTypeOf); nil otherwise.
	static *TypeTest
	prim   bool // always a number, Char, Boolean or String (x += v is plain arithmetic)
	noInit bool // declared without an initialiser (see checkInitialized)

	inPlace bool          // a var of a mutable type: x += v prefers x.plusAssign(v) (see augVarInPlace)
	typ     *lang.TypeRef // declared type of a parameter or variable, or nil
	// inferred is the static type of a variable without a declared
	// type, from its initialiser (see inferLocal), or nil.
	inferred *sType
}

type scope struct {
	parent *scope
	vars   map[string]*local
}

// freeVar is a value captured by a closure from its parent function.
type freeVar struct {
	name    string
	kind    int // freeLocal, freeFree, freeThis, freeFrame
	index   int // parent's slot or free index
	cell    bool
	mutable bool
	recvFn  *lang.FuncType
	fun     *lang.FunDecl
	inPlace bool
	prim    bool
	typ     *lang.TypeRef
}

const (
	freeLocal = iota
	freeFree
	freeThis
	freeFrame
	freeDispatch // a member extension's dispatch receiver
)

type loopCtx struct {
	label      string
	lambda     bool // an inlined lambda (repeat): `return@label` continues it, break and continue do not see it
	breaks     []int
	continues  []int
	contTarget int
	depth      int // operand depth inside the body
	// nlBreaks and nlConts are the non-local breaks and continues of
	// lambdas in the body (see nonLocalJump)
	nlBreaks, nlConts []*nlJump
	tries             int // len(fc.tries) at the loop
}

type tryCtx struct {
	finally *lang.Block // nil for the catch range of a body (see try)
	open    int         // start pc of the open range, or -1
	ranges  [][2]int
}

// classCtx describes the class whose members are being compiled.
type classCtx struct {
	outer   *classCtx // the outer class of an inner class
	cls     *Class
	decl    *lang.ClassDecl
	members map[string]bool // member functions (for unqualified calls)
}

type funcCompiler struct {
	c      *compiler
	parent *funcCompiler
	// body is the function's code and narrowed maps the names of its
	// variables that `is`, `as`, a when's `is` or an assignment may
	// smart-cast there to where the first of those is (computed on
	// first use; see staticType)
	body     lang.Node
	narrowed map[string]lang.Pos
	fn       *Function
	sc       *scope
	depth    int
	nlocals  int
	loops    []*loopCtx
	tries    []*tryCtx
	free     []*freeVar
	captured map[string]bool

	lambda   bool
	critical bool   // the lambda of a synchronized call: a suspension point here is an error
	label    string // lambda label for return@label; function name for named functions
	hasThis  bool   // frame has a `this` (method, extension, ctor)
	recvCtx  bool   // unqualified names may resolve on run-time receivers
	class    *classCtx
	suspend  bool
	resultTy *lang.TypeRef
	accessor *Prop // compiling a property accessor: `field` is this prop's slot
	lastSub  *funcCompiler
	topField *global // compiling a top-level accessor: `field` is this global
	// envOf is set on the environment of a local class (see localClass):
	// a function with no code whose free variables are what the class's
	// members capture. Member functions compiled with it as parent share
	// its free list and read it from the instance at run time.
	envOf *Class
	// memberExt: an extension function or property accessor declared in
	// a class; its dispatch receiver is implicit receiver 1 (RECV 1).
	memberExt bool
	// isTested holds the names an `is` test was compiled on (see
	// smartCast).
	isTested map[string]bool
	// thisCasts are the classes `this` is smart-cast to in the when
	// branch being compiled (see thisCastIn).
	thisCasts []*Class
	// recv is what is known of a lambda's implicit receiver (see
	// noteLambdaRecvs).
	recv staticRecv
	// localExts holds the extensions declared in the function's code
	// (see localExtensions).
	localExts map[string]bool
}

// env returns the local-class environment whose free list fc shares, or
// nil.
func (fc *funcCompiler) env() *funcCompiler {
	if fc.parent != nil && fc.parent.envOf != nil {
		return fc.parent
	}
	return nil
}

type global struct {
	slot       int
	mutable    bool
	init       bool // val with initialiser
	fun        *lang.FunDecl
	cls        *Class
	value      Value // constant value (functions, classes)
	isConst    bool
	delegate   bool     // `val x by d`: the slot holds d, reads call d.getValue()
	overloaded bool     // several top-level functions share the name
	getter     *Closure // a top-level property with a custom getter
	setter     *Closure
	prelude    bool // declared by the library's prelude (PreludeFile)
	inPlace    bool // a var of a mutable type (see augVarInPlace)
	prim       bool // always a number, Char, Boolean or String (see primitiveDecl)
	conv       Kind // declared numeric type assignments convert to, or KNull
	// recvFn is the declared function type with receiver of a top-level
	// property (`val f: Int.() -> Int`), or nil.
	recvFn *lang.FuncType
	// sType is the static type of a top-level property (declared, or
	// of its initialiser), nil when unknown (see exprType).
	sType *sType
}

// PreludeFile is the file name under which the standard library compiles
// its prelude (Kotlin-source parts of the library). The compiler treats
// some of its inline functions as Kotlin's compiler does: repeat(n) { }
// becomes a loop.
const PreludeFile = "prelude.kc"

type compiler struct {
	top     *funcCompiler // the top-level initialiser (see module.used)
	in      *Interp
	ctx     context.Context // nil: no context to poll (see poll)
	polls   int
	file    string
	errs    lang.ErrorList
	globals map[string]*global
	classes map[*lang.ClassDecl]*Class
	// methodDecls indexes the member functions of script classes by name
	// (see methodParams); built on first use.
	methodDecls map[string][]*lang.FunDecl
	// builtinMethods holds the method names of built-in classes.
	builtinMethods map[string]bool
	// memberNames holds every member name of every known class, to decide
	// whether an unqualified name inside a lambda could possibly resolve
	// on a receiver.
	memberNames map[string]bool
	// userMembers holds the member and extension names the script's own
	// classes and extensions declare (a subset of memberNames).
	userMembers map[string]bool
	// lambdaRecvs holds the receivers the callees of lambda arguments
	// are known to give them (see noteLambdaRecvs).
	lambdaRecvs map[*lang.Lambda]staticRecv
	// memberExts holds the names of member extensions (see memberExt).
	memberExts map[string]bool

	privateOwner map[string]*Class // member name -> the one class where it is private
	pendingFun   []pendingFun
	library      bool                 // compiling one of the library's own sources (see CompileLibrary)
	exprTypes    map[lang.Expr]*sType // exprType's results
	valueWhens   map[*lang.When]bool  // see markValue
	// declared caches scriptDeclares's answers about the file's classes,
	// while their count is declaredAt.
	declared   map[string]bool
	declaredAt int
	// extNames holds the names of the file's extensions (see
	// scriptExtension), made when their count was extNamesAt.
	extNames        map[string]bool
	extNamesAt      int
	pendingExt      []pendingFun
	pendingExtProps []*lang.VarDecl
	pendingTopProps []*lang.VarDecl
	methodClosures  map[*lang.FunDecl]*Closure
	declaredHere    map[string]bool // top-level functions of this file (overloads)
	// redeclared lists the top-level functions of this file that hide
	// one declared before (the library's, or an earlier REPL line's)
	redeclared []string

	// classDecls maps the classes of this compilation back to their
	// declarations; rooted holds those whose supertypes are all settled
	// and free of cycles, throwable those that extend Throwable (both
	// filled in by classHeader, so that a long inheritance chain compiles
	// in linear time).
	classDecls map[*Class]*lang.ClassDecl
	// critical holds the lambdas passed to synchronized (see
	// markCritical)
	critical  map[*lang.Lambda]bool
	rooted    map[*Class]bool
	throwable map[*Class]bool
	// importPartsMax caches importParts for importPartsFor imports.
	importPartsFor, importPartsMax int
}

// errorf reports a compile error at pos, the extent of the offending
// element unknown. Messages use kotlinc's wording and style (lower case,
// a final period).
func (c *compiler) errorf(pos lang.Pos, format string, args ...any) {
	c.errs.Add(c.file, pos, format, args...)
}

// errorAt reports a compile error about the element whose source text is
// text, written at pos (its carets span the text).
func (c *compiler) errorAt(pos lang.Pos, text, format string, args ...any) {
	c.errs.AddSpan(c.file, pos, pos.After(text), format, args...)
}

// unresolved reports kotlinc's "unresolved reference 'name'." at the name
// written at pos.
func (c *compiler) unresolved(pos lang.Pos, name string) {
	c.errorAt(pos, name, "unresolved reference '%s'.", name)
}

// unresolvedLabel reports kotlinc's "unresolved label." at `@label`, which
// starts at pos.
func (c *compiler) unresolvedLabel(pos lang.Pos, label string) {
	c.errorAt(pos, "@"+label, "unresolved label.")
}

// suspendCall reports a call of the suspend function name (its signature
// sig) from outside a coroutine, at the name written at pos.
func (c *compiler) suspendCall(pos lang.Pos, name, sig string) {
	c.errorAt(pos, name, "suspend function '%s' can only be called from a coroutine or another suspend function.", sig)
}

// suspendInCritical reports kotlinc's error for a call of the suspend
// function name inside a synchronized block, at the name written at pos.
func (c *compiler) suspendInCritical(pos lang.Pos, name string) {
	c.errorAt(pos, name, "the '%s' suspension point is inside a critical section.", name)
}

// valReassigned reports kotlinc's "'val' cannot be reassigned." at the name
// written at pos.
func (c *compiler) valReassigned(pos lang.Pos, name string) {
	c.errorAt(pos, name, "'val' cannot be reassigned.")
}

// ---------------------------------------------------------------- emit

func (fc *funcCompiler) emit(op Opcode, a int, delta int) int {
	if (op == GLOBAL || op == SETGLOBAL) && fc != fc.c.top {
		fc.c.in.mod.useGlobal(a)
	}
	pc := len(fc.fn.code)
	fc.fn.code = append(fc.fn.code, uint32(op)|uint32(a)<<8)
	fc.adj(delta)
	return pc
}

func (fc *funcCompiler) word(w uint32) { fc.fn.code = append(fc.fn.code, w) }

func (fc *funcCompiler) adj(delta int) {
	fc.depth += delta
	if fc.depth > fc.fn.maxStack {
		fc.fn.maxStack = fc.depth
	}
	if fc.depth < 0 {
		fc.depth = 0
	}
}

func (fc *funcCompiler) pc() int { return len(fc.fn.code) }

func (fc *funcCompiler) patch(at, target int) {
	w := fc.fn.code[at]
	fc.fn.code[at] = w&0xFF | uint32(target)<<8
}

func (fc *funcCompiler) jump(op Opcode) int {
	d := 0
	if op == JMPF || op == JMPT {
		d = -1
	}
	return fc.emit(op, 0, d)
}

func (fc *funcCompiler) mark(pos lang.Pos) {
	if !pos.IsValid() {
		return
	}
	n := len(fc.fn.pcs)
	if n > 0 && fc.fn.pcs[n-1].pos == pos {
		return
	}
	if n > 0 && fc.fn.pcs[n-1].pc == fc.pc() {
		fc.fn.pcs[n-1].pos = pos
		return
	}
	fc.fn.pcs = append(fc.fn.pcs, pcPos{pc: fc.pc(), pos: pos})
}

func (fc *funcCompiler) constant(v Value) int {
	for i, c := range fc.fn.consts {
		// o tells the kind apart: the same o and payload (any payload
		// for an object) are the same constant
		if c.o == v.o && (c.n == v.n || v.Kind() == KObject) {
			return i
		}
	}
	fc.fn.consts = append(fc.fn.consts, v)
	return len(fc.fn.consts) - 1
}

func (fc *funcCompiler) emitConst(v Value) {
	switch v.Kind() {
	case KNull:
		fc.emit(NULL, 0, 1)
		return
	case KUnit:
		fc.emit(UNIT, 0, 1)
		return
	case KBool:
		if v.n != 0 {
			fc.emit(TRUE, 0, 1)
		} else {
			fc.emit(FALSE, 0, 1)
		}
		return
	case KInt:
		if i := v.AsInt(); i >= -(1<<23) && i < 1<<23 {
			fc.emit(INT, int(uint32(i)&0xFFFFFF), 1)
			return
		}
	}
	fc.emit(CONST, fc.constant(v), 1)
}

func (fc *funcCompiler) name(s string) int {
	if fc.lambda && fc.c.memberExts[s] {
		// a member extension finds its dispatch receiver among the
		// caller's implicit receivers: keep them
		fc.fn.recvUse.Store(2)
	}
	for i, n := range fc.fn.names {
		if n == s {
			return i
		}
	}
	fc.fn.names = append(fc.fn.names, s)
	return len(fc.fn.names) - 1
}

func (fc *funcCompiler) namesConst(names []string) int {
	return fc.constant(Obj(&stringList{s: names}))
}

// ---------------------------------------------------------------- scopes

func (fc *funcCompiler) push() { fc.sc = &scope{parent: fc.sc, vars: map[string]*local{}} }
func (fc *funcCompiler) pop()  { fc.sc = fc.sc.parent }

// declare adds a local in the current scope. Captured mutable variables
// live in cells.
func (fc *funcCompiler) declare(name string, mutable bool) *local {
	l := &local{name: name, slot: fc.nlocals, mutable: mutable}
	fc.nlocals++
	if fc.nlocals > fc.fn.nlocals {
		fc.fn.nlocals = fc.nlocals
	}
	if name != "_" && name != "" {
		fc.sc.vars[name] = l
	}
	l.cell = mutable && fc.captured[name]
	return l
}

// temp allocates a hidden local slot.
func (fc *funcCompiler) temp() int {
	l := &local{slot: fc.nlocals}
	fc.nlocals++
	if fc.nlocals > fc.fn.nlocals {
		fc.fn.nlocals = fc.nlocals
	}
	return l.slot
}

func (fc *funcCompiler) lookupLocal(name string) *local {
	for s := fc.sc; s != nil; s = s.parent {
		if l, ok := s.vars[name]; ok {
			return l
		}
	}
	return nil
}

// resolveFree finds name in an enclosing function and captures it.
func (fc *funcCompiler) resolveFree(name string) *freeVar {
	if e := fc.env(); e != nil {
		return e.resolveFree(name)
	}
	for i, f := range fc.free {
		if f.name == name {
			_ = i
			return f
		}
	}
	p := fc.parent
	if p == nil {
		return nil
	}
	if l := p.lookupLocal(name); l != nil {
		f := &freeVar{name: name, kind: freeLocal, index: l.slot, cell: l.cell, mutable: l.mutable, recvFn: l.recvFn, fun: l.fun, inPlace: l.inPlace, prim: l.prim, typ: l.typ}
		if l.mutable && !l.cell {
			// a var captured after all: it was not seen by the scan
			f.cell = false
		}
		fc.free = append(fc.free, f)
		return f
	}
	if pf := p.resolveFree(name); pf != nil {
		f := &freeVar{name: name, kind: freeFree, index: p.freeIndex(pf), cell: pf.cell, mutable: pf.mutable, recvFn: pf.recvFn, fun: pf.fun, inPlace: pf.inPlace, prim: pf.prim, typ: pf.typ}
		fc.free = append(fc.free, f)
		return f
	}
	return nil
}

func (fc *funcCompiler) freeIndex(f *freeVar) int {
	if e := fc.env(); e != nil {
		return e.freeIndex(f)
	}
	for i, x := range fc.free {
		if x == f {
			return i
		}
	}
	return -1
}

// captureThis captures the `this` named by key (see thisMatches) from the
// nearest enclosing function that has it and returns its free index, or -1.
func (fc *funcCompiler) captureThis(key string) int {
	if e := fc.env(); e != nil {
		return e.captureThis(key)
	}
	for i, f := range fc.free {
		if f.name == key {
			return i
		}
	}
	p := fc.parent
	if p == nil {
		return -1
	}
	var f *freeVar
	if p.thisMatches(key) {
		f = &freeVar{name: key, kind: freeThis}
	} else if p.isDispatch(key) {
		f = &freeVar{name: key, kind: freeDispatch}
	} else {
		idx := p.captureThis(key)
		if idx < 0 {
			return -1
		}
		f = &freeVar{name: key, kind: freeFree, index: idx}
	}
	fc.free = append(fc.free, f)
	return len(fc.free) - 1
}

// thisMatches reports whether this function's own `this` is the one named
// by key: "" (any function with a receiver), "@class" (the class's this),
// or a label.
func (fc *funcCompiler) thisMatches(key string) bool {
	switch {
	case key == "@class":
		return fc.hasThis && fc.class != nil && !fc.lambda && !fc.memberExt
	case key == "":
		return fc.hasThis || fc.lambda
	case strings.HasPrefix(key, "@"):
		if fc.class != nil && !fc.lambda && !fc.memberExt && fc.class.cls.Name == key[1:] {
			return true
		}
		return fc.label == key[1:]
	}
	return false
}

// extRecvMay reports whether, in member extension fc, name may be a member
// of the extension receiver, which comes before the class's members: then
// name is looked up at run time on the receivers in order.
func (fc *funcCompiler) extRecvMay(name string) bool {
	if !fc.memberExt || !fc.c.memberNames[name] {
		return false
	}
	r := fc.fn.recvCls
	if r == nil {
		return true
	}
	if _, ok := r.LookupMethod(name); ok || r.LookupProp(name) != nil {
		return true
	}
	return len(fc.c.in.exts[name]) > 0 || fc.c.memberExts[name]
}

// isDispatch reports whether key names the dispatch receiver of member
// extension fc: "@class" or its class's label.
func (fc *funcCompiler) isDispatch(key string) bool {
	return fc.memberExt && (key == "@class" || key == "@"+fc.class.cls.Name)
}

// ---------------------------------------------------------------- functions

// newFunc starts compiling a function nested in parent (nil for top level).
func (c *compiler) newFunc(parent *funcCompiler, name string, pos lang.Pos, body lang.Node) *funcCompiler {
	fc := &funcCompiler{c: c, parent: parent, fn: &Function{Name: name, File: c.file, pos: pos, mod: c.in.mod, vararg: -1}}
	if parent != nil {
		parent.lastSub = fc
	}
	fc.push()
	fc.captured = capturedNames(body)
	fc.body = body
	return fc
}

// finish closes the function: a jump to a RETURN becomes a RETURN.
func (fc *funcCompiler) finish() *Function {
	code := fc.fn.code
	for pc := 0; pc < len(code); pc += 1 + extraWords(Opcode(code[pc])) {
		if Opcode(code[pc]) == JMP {
			if t := int(code[pc] >> 8); t < len(code) && Opcode(code[t]) == RETURN {
				code[pc] = uint32(RETURN)
			}
		}
	}
	if fc.fn.tailrec {
		// CALL (or CALLP); RETURN in a tailrec function reuses the frame
		for pc := 0; pc+1 < len(code); pc += 1 + extraWords(Opcode(code[pc])) {
			if op := Opcode(code[pc]); op != CALL && op != CALLP {
				continue
			}
			next := pc + 1
			if Opcode(code[next]) == CONV && next+1 < len(code) {
				next++ // the callee converts its result itself
			}
			if Opcode(code[next]) == RETURN {
				code[pc] = uint32(TAILCALL) | code[pc]&^0xFF
			}
		}
	}
	fuse(fc.fn)
	if fc.fn.ncache > 0 {
		fc.fn.caches = make([]atomic.Pointer[icEntry], fc.fn.ncache)
	}
	fc.fn.nlocals = max(fc.fn.nlocals, fc.nlocals)
	fc.fn.nfree = len(fc.free)
	if e := fc.env(); e != nil {
		if fc.memberExt {
			fc.fn.dispatchEnv = e.envOf.envSlot
		} else {
			fc.fn.envSlot = e.envOf.envSlot
		}
		fc.fn.envFree = len(e.free)
		if fc.class != nil {
			// a member of an inner class of the local class: its outer
			// instances lead to the one holding the environment
			for x := fc.class.cls; x != nil && x != e.envOf && x.inner; x = x.outer {
				fc.fn.envPath = append(fc.fn.envPath, x.outerSlot)
			}
		}
	}
	return fc.fn
}

// jumpTargets returns the set of pcs that code may jump to (or where a
// handler range starts or ends).
func jumpTargets(fn *Function) map[int]bool {
	t := map[int]bool{}
	code := fn.code
	for pc := 0; pc < len(code); pc += 1 + extraWords(Opcode(code[pc])) {
		w := code[pc]
		switch Opcode(w) {
		case JMP, JMPF, JMPT, JMPNULL, JMPNNULL, NEXT, OPASSIGN:
			t[int(w>>8)] = true
		case IFLT, IFLE, IFGT, IFGE, IFEQ, IFNE:
			t[int(w>>8)&^(ifWhenTrue>>8)] = true
		case FORINT:
			t[int(code[pc+2])] = true
		}
	}
	for _, h := range fn.handlers {
		t[h.start], t[h.end], t[h.target] = true, true, true
	}
	return t
}

// fuse replaces common pairs of one-word instructions by two-word
// superinstructions (LOAD a; LOAD b -> LOAD2 a b, and so on). The code
// keeps its length, so no jump needs retargeting; a pair is left alone
// when its second instruction is a jump target.
func fuse(fn *Function) {
	code := fn.code
	targets := jumpTargets(fn)
	for pc := 0; pc+1 < len(code); {
		w := code[pc]
		n := 1 + extraWords(Opcode(w))
		if Opcode(w) == LOAD && n == 1 && !targets[pc+1] {
			next := code[pc+1]
			switch Opcode(next) {
			case LOAD:
				code[pc] = uint32(LOAD2) | w&^0xFF
				code[pc+1] = next >> 8
				pc += 2
				continue
			case INT:
				code[pc] = uint32(LOADINT) | w&^0xFF
				code[pc+1] = uint32(int32(next) >> 8)
				pc += 2
				continue
			case CONST:
				code[pc] = uint32(LOADK) | w&^0xFF
				code[pc+1] = next >> 8
				pc += 2
				continue
			}
		}
		pc += n
	}
	// second round: a fused load followed by arithmetic or a
	// compare-and-jump becomes one three-word instruction
	for pc := 0; pc+2 < len(code); {
		w := code[pc]
		op := Opcode(w)
		n := 1 + extraWords(op)
		if (op == LOAD2 || op == LOADINT || op == LOADK) && !targets[pc+2] {
			next := code[pc+2]
			nop := Opcode(next)
			a := w >> 8
			switch {
			case nop >= ADD && nop <= MOD && nop != DIV && op != LOADK:
				base := map[Opcode]Opcode{ADD: ADDLL, SUB: SUBLL, MUL: MULLL, MOD: MODLL}[nop]
				if op == LOADINT {
					base += ADDLI - ADDLL
				}
				code[pc] = uint32(base) | a<<8
				code[pc+2] = 0
				pc += 3
				continue
			case nop >= IFLT && nop <= IFNE && a < 1<<24:
				form := map[Opcode]Opcode{LOAD2: IFCMPLL, LOADINT: IFCMPLI, LOADK: IFCMPLK}[op]
				operand := code[pc+1]
				code[pc] = uint32(form) | next&^0xFF
				code[pc+1] = a | uint32(nop)<<24
				code[pc+2] = operand
				pc += 3
				continue
			}
		}
		pc += n
	}
}

// declareParams declares the parameters and emits the prologue (defaults,
// declared numeric conversions, destructuring).
func (fc *funcCompiler) declareParams(params []*lang.Param) {
	fn := fc.fn
	fn.nparams = len(params)
	locals := make([]*local, len(params))
	for i, p := range params {
		l := fc.declare(p.Name, false)
		l.cell = false
		locals[i] = l
		if !p.Mods.Vararg {
			l.typ = p.Type
		}
		if p.Type != nil && p.Type.Func != nil && p.Type.Func.Receiver != nil {
			l.recvFn = p.Type.Func
		}
		if !p.Mods.Vararg {
			l.static = fc.c.staticTypeOf(p.Type)
		}
		pi := param{name: p.Name, hasDefault: p.Default != nil, conv: numericKind(p.Type)}
		fn.params = append(fn.params, pi)
		if p.Default != nil {
			fn.hasDefault = true
		}
		if p.Mods.Vararg {
			fn.vararg = i
		}
	}
	for i, p := range params {
		l := locals[i]
		if p.Default != nil {
			fc.emit(HASNEXTARG, l.slot, 1)
			j := fc.jump(JMPT)
			fc.expr(p.Default)
			fc.emit(STORE, l.slot, -1)
			fc.patch(j, fc.pc())
		}
		if k := numericKind(p.Type); k != KNull && p.Type.Func == nil {
			fc.emit(LOAD, l.slot, 1)
			fc.emit(CONV, int(k), 0)
			fc.emit(STORE, l.slot, -1)
		}
		fc.samParam(p, l.slot)
		if fc.captured[p.Name] && l.mutable {
			l.cell = true
			fc.emit(MKCELL, l.slot, 0)
		}
	}
}

// numericKind returns the value kind a declared type converts to.
func numericKind(t *lang.TypeRef) Kind {
	if t == nil || t.Func != nil {
		return KNull
	}
	switch t.Name {
	case "Long", "kotlin.Long":
		return KLong
	case "Double", "kotlin.Double":
		return KDouble
	case "Float", "kotlin.Float":
		return KFloat
	case "Byte", "kotlin.Byte":
		return KByte
	case "Short", "kotlin.Short":
		return KShort
	case "UByte", "kotlin.UByte":
		return KUByte
	case "UShort", "kotlin.UShort":
		return KUShort
	case "UInt", "kotlin.UInt":
		return KUInt
	case "ULong", "kotlin.ULong":
		return KULong
	}
	return KNull
}

// compileFunDecl compiles a named function (top-level, member, local or
// extension) and returns its Function.
func (c *compiler) compileFunDecl(parent *funcCompiler, d *lang.FunDecl, class *classCtx, qual string) *Function {
	name := d.Name
	if qual != "" {
		name = qual + "." + d.Name
	}
	fc := c.newFunc(parent, name, d.Pos(), d)
	fc.fn.suspend = d.Mods.Suspend
	fc.fn.tailrec = d.Mods.Tailrec
	fc.suspend = d.Mods.Suspend
	fc.label = d.Name
	fc.class = class
	fc.memberExt = class != nil && d.Receiver != nil
	fc.hasThis = class != nil || d.Receiver != nil
	fc.recvCtx = d.Receiver != nil || (parent != nil && parent.recvCtx)
	if d.Receiver != nil && d.Receiver.Func == nil {
		fc.fn.recvCls = c.lookupClass(d.Receiver.Name)
	}
	if class != nil {
		fc.fn.owner = class.cls
		if class.cls.Super != nil && class.cls.Super.QName != "" && class.cls.Super != AnyClass {
			fc.recvCtx = true // members of built-in superclasses are looked up at run time
		}
	}
	fc.resultTy = d.Result
	fc.declareParams(d.Params)
	method := facadeName(c.file) + "." + d.Name
	if class != nil && d.Receiver == nil {
		method = class.cls.Name + "." + d.Name
	}
	fc.checkParams(d, method)
	fc.checkMissingReturn(d)
	fc.declareReified(d.TypeParams)
	if slices.Contains(d.Mods.Annotations, "Synchronized") || slices.Contains(d.Mods.Annotations, "kotlin.jvm.Synchronized") {
		d = synchronizedFun(d, class != nil, c.file)
	}
	if d.ExprBody != nil {
		fc.markValue(d.ExprBody)
		fc.checkType("return", d.Result, d.ExprBody, lang.Pos{})
		fc.expr(d.ExprBody)
		fc.convResult()
		fc.emit(RETURN, 0, -1)
	} else if d.Body != nil {
		fc.stmts(d.Body.Stmts)
		fc.emit(UNIT, 0, 1)
		fc.emit(RETURN, 0, -1)
	} else {
		fc.emitThrow("java.lang.AbstractMethodError", "abstract function "+d.Name)
	}
	return fc.finish()
}

// synchronizedFun returns a copy of the @Synchronized function d whose
// body runs holding a monitor, as kotlinc compiles it: the receiver's for
// a member, else the file facade's (one per file, named by a string no
// script writes). The prelude's __monitorEnter and __monitorExit take and
// leave it; a return in the body leaves it through the finally.
func synchronizedFun(d *lang.FunDecl, member bool, file string) *lang.FunDecl {
	at := lang.At{P: d.Pos()}
	if d.Body != nil {
		at = d.Body.At
	}
	var lock lang.Expr = &lang.This{At: at}
	if !member {
		lock = &lang.StringLit{At: at, Parts: []lang.StringPart{{Text: "\x00file facade " + file}}}
	}
	monitor := func(name string) lang.Stmt {
		return &lang.ExprStmt{At: at, X: &lang.Call{At: at, Fn: &lang.Ident{At: at, Name: name}, Args: []*lang.Arg{{At: at, Value: lock}}}}
	}
	body := d.Body
	if d.ExprBody != nil {
		body = &lang.Block{At: at, Stmts: []lang.Stmt{&lang.ExprStmt{At: at, X: &lang.Return{At: at, X: d.ExprBody}}}}
	}
	if body == nil {
		return d // abstract
	}
	out := *d
	out.ExprBody = nil
	out.Body = &lang.Block{At: at, Stmts: []lang.Stmt{
		monitor("__monitorEnter"),
		&lang.ExprStmt{At: at, X: &lang.Try{At: at, Body: body, Finally: &lang.Block{At: at, Stmts: []lang.Stmt{monitor("__monitorExit")}}}},
	}}
	return &out
}

func (fc *funcCompiler) convResult() {
	if k := numericKind(fc.resultTy); k != KNull {
		fc.emit(CONV, int(k), 0)
	}
}

// emitThrow emits code that throws a built-in exception.
func (fc *funcCompiler) emitThrow(class, msg string) {
	fc.emitConst(Obj(throwNative))
	fc.emitConst(String(class))
	fc.emitConst(String(msg))
	fc.emit(CALL, 2, -1)
}

// thisOrNull marks the operand of a THIS that pushes null instead of
// failing when there is no this.
const thisOrNull = 1 << 22

// closure emits the creation of a closure over fn compiled by sub.
func (fc *funcCompiler) closure(sub *funcCompiler, fn *Function) {
	for _, f := range sub.free {
		switch f.kind {
		case freeLocal:
			fc.emit(LOAD, f.index, 1)
		case freeFree:
			fc.emit(FREE, f.index, 1)
		case freeThis:
			if fc.lambda {
				// a lambda called without a receiver passes on the this
				// of its creator, or null when there is none: the lambda
				// created here may get its own receiver
				fc.emit(THIS, (fc.captureThisOuter()+1)|thisOrNull, 1)
			} else {
				fc.emit(THIS, 0, 1)
			}
		case freeFrame:
			fc.emit(FRAME, 0, 1)
		case freeDispatch:
			fc.emit(RECV, 1, 1)
		}
	}
	fc.emit(CLOSURE, fc.constant(Obj(fn)), 1-len(sub.free))
}

// ---------------------------------------------------------------- statements

// declareLocalFuns declares the local functions of a statement list before
// its statements run, so that they may call each other.
func (fc *funcCompiler) declareLocalFuns(list []lang.Stmt) {
	for _, s := range list {
		if d, ok := s.(*lang.FunDecl); ok && d.Receiver == nil {
			l := fc.declare(d.Name, true)
			l.fun = d
			if fc.captured[d.Name] {
				l.cell = true
				fc.emit(NULL, 0, 1)
				fc.emit(STORE, l.slot, -1)
				fc.emit(MKCELL, l.slot, 0)
			}
		}
	}
}

func (fc *funcCompiler) stmts(list []lang.Stmt) {
	fc.declareLocalFuns(list)
	for _, s := range list {
		fc.stmt(s)
	}
}

// pollEvery is the number of compiled nodes between two polls of the
// interrupt flag and the context.
const pollEvery = 1024

// compileStop carries the error that stops a compilation (see poll)
// through a panic to CompileFileContext.
type compileStop struct{ err error }

// poll stops the compilation, every pollEvery calls, when the interpreter
// is interrupted or the compilation's context is done.
func (c *compiler) poll() {
	c.polls++
	if c.polls%pollEvery != 0 {
		return
	}
	if err := c.in.compileStopped(c.ctx); err != nil {
		panic(compileStop{err})
	}
}

// compileStopped returns the *Interrupted that stops a compilation (or a
// parse) when the interpreter is interrupted or ctx (which may be nil) is
// done, else nil.
func (in *Interp) compileStopped(ctx context.Context) error {
	if in.interrupted.Load() {
		return &Interrupted{Reason: "interrupted"}
	}
	return ContextStop(ctx)
}

// ContextStop returns the *Interrupted that stops a compilation or a
// parse when ctx (which may be nil) is done, else nil.
func ContextStop(ctx context.Context) error {
	if ctx != nil && ctx.Err() != nil {
		return &Interrupted{Reason: "compilation stopped: " + context.Cause(ctx).Error()}
	}
	return nil
}

func (fc *funcCompiler) stmt(s lang.Stmt) {
	fc.c.poll()
	fc.mark(s.Pos())
	switch s := s.(type) {
	case *lang.ExprStmt:
		if fc.incStmt(s.X) {
			return
		}
		if i, ok := s.X.(*lang.If); ok {
			fc.ifStmt(i)
			return
		}
		fc.expr(s.X)
		fc.emit(POP, 0, -1)
	case *lang.Assign:
		fc.assign(s)
	case *lang.VarDecl:
		fc.localVar(s)
	case *lang.FunDecl:
		fc.localFun(s)
	case *lang.Block:
		fc.push()
		fc.stmts(s.Stmts)
		fc.pop()
	case *lang.While:
		fc.whileLoop(s)
	case *lang.DoWhile:
		fc.doWhile(s)
	case *lang.For:
		fc.forLoop(s)
	case *lang.ClassDecl:
		fc.c.localClass(fc, s)
	case *lang.TypeAliasDecl:
		// a local type alias names nothing at run time
	default:
		fc.c.errorf(s.Pos(), "unsupported statement.")
	}
}

// incStmt compiles `i++`/`i--`/`++i` as a statement on a var local, or a
// captured one, as INCLOCAL, INCCELL or INCFREECELL.
func (fc *funcCompiler) incStmt(e lang.Expr) bool {
	var op string
	var x lang.Expr
	switch e := e.(type) {
	case *lang.Postfix:
		op, x = e.Op, e.X
	case *lang.Unary:
		op, x = e.Op, e.X
	default:
		return false
	}
	if op != "++" && op != "--" {
		return false
	}
	id, ok := x.(*lang.Ident)
	if !ok {
		return false
	}
	d := 1
	if op == "--" {
		d = -1
	}
	switch l := fc.lookupLocal(id.Name); {
	case l != nil && l.mutable && l.conv != kDelegate:
		if l.cell {
			fc.emit(INCCELL, l.slot, 0)
		} else {
			fc.emit(INCLOCAL, l.slot, 0)
		}
	case l != nil:
		return false
	default:
		f := fc.resolveFree(id.Name)
		if f == nil || !f.cell || !f.mutable {
			return false
		}
		fc.emit(INCFREECELL, fc.freeIndex(f), 0)
	}
	fc.word(uint32(int32(d)))
	return true
}

// destructure takes the value on the stack apart with component1..N and
// hands each named component (on the stack) to store; "_" skips one.
func (fc *funcCompiler) destructure(names []string, store func(name string)) {
	tmp := fc.temp()
	fc.emit(STORE, tmp, -1)
	for i, n := range names {
		if n == "_" {
			continue
		}
		fc.emit(LOAD, tmp, 1)
		fc.emit(COMPONENT, i+1, 0)
		store(n)
	}
}

func (fc *funcCompiler) localVar(d *lang.VarDecl) {
	if d.Destructure != nil {
		fc.expr(d.Init)
		fc.destructure(d.Destructure, func(n string) { fc.storeNew(fc.declare(n, d.Mutable)) })
		return
	}
	if d.Delegate != nil {
		// `val x by lazy { }`: evaluate the delegate, read it on access
		fc.expr(d.Delegate)
		l := fc.declare(d.Name, d.Mutable)
		l.conv = kDelegate
		l.assigned = true
		fc.storeNew(l)
		return
	}
	inferred := fc.inferLocal(d)
	if d.Init != nil {
		fc.markValue(d.Init)
		fc.checkType("initializer", d.Type, d.Init, d.EqPos)
		fc.typedExpr(d.Init, d.Type)
		if k := numericKind(d.Type); k != KNull {
			fc.emit(CONV, int(k), 0)
		}
	} else {
		fc.emit(NULL, 0, 1)
	}
	l := fc.declare(d.Name, d.Mutable)
	l.assigned = d.Init != nil
	l.noInit = d.Init == nil && !d.Mods.Lateinit
	if d.Type != nil && d.Type.Func != nil && d.Type.Func.Receiver != nil {
		l.recvFn = d.Type.Func
	} else if id, ok := d.Init.(*lang.Ident); ok && d.Type == nil {
		// val b = block: b has block's type
		l.recvFn = fc.recvFnNamed(id.Name)
	} else if af, ok := d.Init.(*lang.AnonFun); ok && d.Type == nil && af.Fun.Receiver != nil {
		// val f = fun Int.(y: Int) = ...: f has a receiver
		l.recvFn = &lang.FuncType{Receiver: af.Fun.Receiver}
	}
	fc.storeNew(l)
	if d.Init == nil || d.Mutable {
		// a later assignment converts to the declared type too
		// (var n: Long = 0; n = 2_000_000_000 holds a Long)
		l.conv = numericKind(d.Type)
	}
	l.static = fc.c.staticTypeOf(d.Type)
	l.prim = primitiveDecl(d)
	l.inPlace = inPlaceDecl(d)
	l.typ = d.Type
	l.inferred = inferred
}

// kDelegate marks a local holding a property delegate (read via getValue).
const kDelegate Kind = 200

// KPropertyClass is kotlin.reflect.KProperty: the `property` argument a
// delegate's getValue and setValue get (it has the property's name).
var KPropertyClass = NewClass("KProperty", "kotlin.reflect.KProperty", AnyClass)

func init() { KPropertyClass.AddField("name", false) }

// kproperty returns the KProperty of the delegated property name.
func kproperty(name string) Value {
	p := NewInstance(KPropertyClass)
	p.Fields[0] = String(name)
	return Obj(p)
}

// delegateArgs pushes the thisRef (this for a member, else null) and
// property arguments of getValue/setValue.
func (fc *funcCompiler) delegateArgs(name string, member bool) {
	if member {
		fc.emit(THIS, 0, 1)
	} else {
		fc.emit(NULL, 0, 1)
	}
	fc.emitConst(kproperty(name))
}

// delegateSet calls setValue(thisRef, property, value) on the delegate on
// the stack with the value in local slot t.
func (fc *funcCompiler) delegateSet(name string, member bool, t int) {
	fc.delegateArgs(name, member)
	fc.emit(LOAD, t, 1)
	fc.emit(INVOKE, 3, -3)
	fc.word(uint32(fc.name("setValue")))
	fc.word(0)
	fc.emit(POP, 0, -1)
}

// storeNew stores TOS into a freshly declared local, making its cell.
func (fc *funcCompiler) storeNew(l *local) {
	fc.emit(STORE, l.slot, -1)
	if l.cell {
		fc.emit(MKCELL, l.slot, 0)
	}
}

func (fc *funcCompiler) localFun(d *lang.FunDecl) {
	if d.Receiver != nil {
		fn := fc.c.compileFunDecl(fc, d, nil, "")
		sub := fc.lastSub
		fc.closure(sub, fn)
		tmp := fc.temp()
		fc.emit(STORE, tmp, -1)
		fc.c.in.DefineExtension(d.Name, fc.c.typeTest(d.Receiver, d.TypeParams), Null, false)
		ext := fc.c.in.exts[d.Name][len(fc.c.in.exts[d.Name])-1]
		// local extension functions capture their environment: register
		// the closure when the declaration runs
		fc.emitConst(Obj(&Native{Name: "<local extension>", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
			ext.fn = args[0]
			return Unit, nil
		}}))
		fc.emit(LOAD, tmp, 1)
		fc.emit(CALL, 1, -1)
		fc.emit(POP, 0, -1)
		return
	}
	l := fc.lookupLocal(d.Name)
	fn := fc.compileNested(d)
	fc.closure(fc.lastSub, fn)
	if l.cell {
		fc.emit(STORECELL, l.slot, -1)
	} else {
		fc.emit(STORE, l.slot, -1)
	}
}

// compileNested compiles a local function and remembers its sub-compiler
// (for the capture list) in fc.lastSub.
func (fc *funcCompiler) compileNested(d *lang.FunDecl) *Function {
	return fc.c.compileFunDecl(fc, d, nil, "")
}

func (fc *funcCompiler) inCtor() bool {
	for f := fc; f != nil; f = f.parent {
		if f.fn.isCtor {
			return true
		}
		if !f.lambda {
			return false
		}
	}
	return false
}

func (fc *funcCompiler) inClass() bool {
	for f := fc; f != nil; f = f.parent {
		if f.class != nil {
			return true
		}
	}
	return false
}

func (fc *funcCompiler) lambdaDepth() int {
	n := 0
	for f := fc; f != nil && f.lambda; f = f.parent {
		n++
	}
	return n
}

// capturedNames returns the identifiers used inside closures nested in n
// (lambdas, local and anonymous functions, object expressions, local
// classes): the variables of n's function that may need cells.
func capturedNames(n lang.Node) map[string]bool {
	out := map[string]bool{}
	if n == nil {
		return out
	}
	collect := func(x lang.Node) bool {
		if id, ok := x.(*lang.Ident); ok {
			out[id.Name] = true
		}
		return true
	}
	lang.Inspect(n, func(x lang.Node) bool {
		switch x := x.(type) {
		case *lang.Lambda, *lang.AnonFun, *lang.ObjectExpr, *lang.ClassDecl:
			if x != n {
				lang.Inspect(x, collect)
				return false
			}
		case *lang.FunDecl:
			if x != n {
				lang.Inspect(x, collect)
				return false
			}
		}
		return true
	})
	return out
}

// intLit returns the Value of an integer literal: Int, Long, UInt or ULong.
func intLit(e *lang.IntLit) Value {
	if e.Unsigned {
		if e.Long {
			return ULong(uint64(e.Value))
		}
		return UInt(uint32(e.Value))
	}
	if e.Long || e.Value > math.MaxInt32 || e.Value < math.MinInt32 {
		return Long(e.Value)
	}
	return Int(int32(e.Value))
}
