package interp

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// This file compiles lambdas (literals, the inlined repeat, implicit it
// and receivers, returns from nested lambdas) and callable references
// (::f, Class::member).

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
	sub.critical = fc.c.critical[e]
	sub.fn.isLambda = true
	sub.fn.recvLambda = recvFn != nil
	sub.label = label
	sub.recvCtx = true
	sub.recv = fc.c.lambdaRecvs[e]
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
	limit := fc.c.importParts()
	for {
		switch n := x.(type) {
		case *lang.Member:
			if n.Safe || len(parts) >= limit {
				return nil // a.b.c...: longer than any imported path
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

// importParts returns the number of dot-separated parts of the longest
// imported path, which bounds the qualifier unqualify looks at (so that
// a long chain a.n.n.n... compiles in linear time).
func (c *compiler) importParts() int {
	imports := c.in.imports
	if c.importPartsFor != len(imports) || c.importPartsMax == 0 {
		n := 1
		for p := range imports {
			n = max(n, strings.Count(p, ".")+1)
		}
		c.importPartsFor, c.importPartsMax = len(imports), n
	}
	return c.importPartsMax
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
	case e.Name == "class" && fc.isReified(e.RecvType):
		fc.emitConst(fc.c.in.builtins["$typeClass"])
		fc.typeArgValue(e.RecvType)
		fc.emit(CALL, 1, -1)
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

// typedExpr compiles e, the value of a variable or property declared of
// type t: a lambda literal there is a lambda with receiver when t is a
// function type with one.
func (fc *funcCompiler) typedExpr(e lang.Expr, t *lang.TypeRef) {
	if lam, ok := e.(*lang.Lambda); ok && recvFnOf(t) != nil {
		fc.lambdaExpr(lam, "", t.Func)
		return
	}
	fc.expr(e)
}
