package interp

import (
	"math"
)

// budgetChunk is how many back jumps and calls run between checks of the
// host interrupt flag and the step limit.
const budgetChunk = 1 << 14

// run executes frames until the frame stack shrinks to floor (the frame at
// index floor returned), an exception escapes it, or a native suspends.
// Script-to-script calls push frames and continue in this loop; the Go
// stack does not grow with script recursion.
func (co *Coroutine) run(floor int) (Value, error) {
	var (
		fr    *frame
		fn    *Function
		code  []uint32
		pc    int
		base  int
		stack []Value
		sp    int
		err   error
	)
reload:
	fr = &co.frames[len(co.frames)-1]
	fn = fr.fn
	code = fn.code
	pc = int(fr.pc)
	base = int(fr.base)
	stack = co.stack
	sp = co.sp
	for {
		w := code[pc]
		pc++
		switch Opcode(w) {
		case NOP, LINE:
		case CONST:
			stack[sp] = fn.consts[w>>8]
			sp++
		case INT:
			stack[sp] = Int(int32(w) >> 8)
			sp++
		case NULL:
			stack[sp] = Null
			sp++
		case UNIT:
			stack[sp] = Unit
			sp++
		case TRUE:
			stack[sp] = True
			sp++
		case FALSE:
			stack[sp] = False
			sp++
		case POP:
			sp--
		case POPN:
			sp -= int(w >> 8)
		case DUP:
			stack[sp] = stack[sp-1]
			sp++
		case DUP2:
			stack[sp] = stack[sp-2]
			stack[sp+1] = stack[sp-1]
			sp += 2
		case SWAP:
			stack[sp-1], stack[sp-2] = stack[sp-2], stack[sp-1]
		case ROT3:
			z := stack[sp-1]
			stack[sp-1] = stack[sp-2]
			stack[sp-2] = stack[sp-3]
			stack[sp-3] = z
		case LOAD:
			stack[sp] = stack[base+int(w>>8)]
			sp++
		case LOAD2:
			stack[sp] = stack[base+int(w>>8)]
			stack[sp+1] = stack[base+int(code[pc])]
			pc++
			sp += 2
		case LOADINT:
			stack[sp] = stack[base+int(w>>8)]
			stack[sp+1] = Int(int32(code[pc]))
			pc++
			sp += 2
		case LOADK:
			stack[sp] = stack[base+int(w>>8)]
			stack[sp+1] = fn.consts[code[pc]]
			pc++
			sp += 2
		case ADDLI:
			x := stack[base+int(w>>8)]
			if x.is(KInt) {
				stack[sp] = Int(int32(x.n) + int32(code[pc]))
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case SUBLI:
			x := stack[base+int(w>>8)]
			if x.is(KInt) {
				stack[sp] = Int(int32(x.n) - int32(code[pc]))
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case MULLI:
			x := stack[base+int(w>>8)]
			if x.is(KInt) {
				stack[sp] = Int(int32(x.n) * int32(code[pc]))
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case MODLI:
			x := stack[base+int(w>>8)]
			if d := int32(code[pc]); x.is(KInt) && d != 0 && d != -1 {
				stack[sp] = Int(int32(x.n) % d)
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case ADDLL:
			x, y := stack[base+int(w>>8)], stack[base+int(code[pc])]
			if x.is(KInt) && y.is(KInt) {
				stack[sp] = Int(int32(x.n) + int32(y.n))
				sp++
				pc += 2
				break
			}
			if (x.is(KLong) || x.is(KInt)) && (y.is(KLong) || y.is(KInt)) {
				stack[sp] = Long(x.ToInt64() + y.ToInt64())
				sp++
				pc += 2
				break
			}
			if x.is(KDouble) && y.is(KDouble) {
				stack[sp] = Double(math.Float64frombits(x.n) + math.Float64frombits(y.n))
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case SUBLL, MULLL, MODLL:
			x, y := stack[base+int(w>>8)], stack[base+int(code[pc])]
			if x.is(KInt) && y.is(KInt) {
				a, b := int32(x.n), int32(y.n)
				var r int32
				switch Opcode(w) {
				case SUBLL:
					r = a - b
				case MULLL:
					r = a * b
				default:
					if b == 0 || b == -1 {
						goto fusedArith
					}
					r = a % b
				}
				stack[sp] = Int(r)
				sp++
				pc += 2
				break
			}
			goto fusedArith
		case IFCMPLI, IFCMPLK, IFCMPLL:
			{
				a := code[pc]
				x := stack[base+int(a&0xFFFFFF)]
				var y Value
				switch Opcode(w) {
				case IFCMPLI:
					y = Int(int32(code[pc+1]))
				case IFCMPLK:
					y = fn.consts[code[pc+1]]
				default:
					y = stack[base+int(code[pc+1])]
				}
				cmp := Opcode(a >> 24)
				pc += 2
				var holds bool
				if x.is(KInt) && y.is(KInt) {
					switch cmp {
					case IFLT:
						holds = int32(x.n) < int32(y.n)
					case IFLE:
						holds = int32(x.n) <= int32(y.n)
					case IFGT:
						holds = int32(x.n) > int32(y.n)
					case IFGE:
						holds = int32(x.n) >= int32(y.n)
					case IFEQ:
						holds = x.n == y.n
					default:
						holds = x.n != y.n
					}
				} else {
					fr.pc = int32(pc)
					co.sp = sp
					holds, err = co.compareOp(cmp, x, y)
					if err != nil {
						goto fail
					}
				}
				if holds == (w&ifWhenTrue != 0) {
					t := int(w>>8) &^ (ifWhenTrue >> 8)
					if t < pc {
						co.budget--
						if co.budget <= 0 {
							fr.pc = int32(t)
							co.sp = sp
							if err = co.tick(); err != nil {
								goto fail
							}
							if co.yieldNow() {
								pc, err = t, ErrSuspend
								goto fail
							}
						}
					}
					pc = t
				}
			}
		case STORE:
			sp--
			stack[base+int(w>>8)] = stack[sp]
		case LOADCELL:
			stack[sp] = stack[base+int(w>>8)].o.(*Cell).V
			sp++
		case STORECELL:
			sp--
			stack[base+int(w>>8)].o.(*Cell).V = stack[sp]
		case MKCELL:
			p := &stack[base+int(w>>8)]
			*p = Value{o: &Cell{V: *p}}
		case FREE:
			stack[sp] = fr.cl.free[w>>8]
			sp++
		case FREECELL:
			stack[sp] = fr.cl.free[w>>8].o.(*Cell).V
			sp++
		case SETFREECELL:
			sp--
			fr.cl.free[w>>8].o.(*Cell).V = stack[sp]
		case GLOBAL:
			stack[sp] = fn.mod.globals[w>>8]
			sp++
		case SETGLOBAL:
			sp--
			fn.mod.globals[w>>8] = stack[sp]
		case THIS:
			if fr.hasThis {
				stack[sp] = stack[base-1]
			} else if a := w >> 8 &^ thisOrNull; a > 0 && fr.cl != nil {
				stack[sp] = fr.cl.free[a-1]
			} else if w>>8&thisOrNull != 0 {
				stack[sp] = Null
			} else {
				err = co.in.NewError("java.lang.IllegalStateException", "'this' is not defined in this context")
				goto fail
			}
			sp++
		case RECV:
			stack[sp], err = co.implicitReceiver(fr, int(w>>8))
			if err != nil {
				goto fail
			}
			sp++
		case DYNRECV:
			// the receiver of an assignment `name = x` in a lambda with
			// receiver: the innermost implicit receiver that has it
			if r, ok := co.lookupImplicit(fr, fn.names[w>>8], false); ok {
				stack[sp] = r
			} else if stack[sp], err = co.implicitReceiver(fr, 0); err != nil {
				goto fail
			}
			sp++
		case GETFIELD:
			in, ok := stack[sp-1].o.(*Instance)
			if !ok {
				err = co.npe(stack[sp-1])
				goto fail
			}
			stack[sp-1] = in.Fields[w>>8]
		case SETFIELD:
			in, ok := stack[sp-2].o.(*Instance)
			if !ok {
				err = co.npe(stack[sp-2])
				goto fail
			}
			in.Fields[w>>8] = stack[sp-1]
			sp -= 2
		case GETPROP, SAFEPROP:
			name := fn.names[w>>8]
			ic := code[pc]
			pc++
			if Opcode(w) == SAFEPROP && stack[sp-1].o == nil {
				break
			}
			if in, ok := stack[sp-1].o.(*Instance); ok && ic != 0 {
				c := &fn.caches[ic-1]
				if e := c.Load(); e != nil && e.cls == in.cls {
					stack[sp-1] = in.Fields[e.slot]
					break
				}
				if p := in.cls.LookupProp(name); p != nil && p.Getter.o == nil && p.Slot >= 0 && !p.Lateinit {
					c.Store(&icEntry{cls: in.cls, slot: p.Slot})
					stack[sp-1] = in.Fields[p.Slot]
					break
				}
			}
			fr.pc = int32(pc)
			co.sp = sp
			var pushed bool
			pushed, err = co.getProp(name, sp-1)
			if err != nil {
				goto fail
			}
			if pushed {
				goto reload
			}
			stack = co.stack
		case SETPROP:
			name := fn.names[w>>8]
			ic := code[pc]
			pc++
			if in, ok := stack[sp-2].o.(*Instance); ok && ic != 0 {
				c := &fn.caches[ic-1]
				if e := c.Load(); e != nil && e.cls == in.cls {
					in.Fields[e.slot] = stack[sp-1]
					sp--
					stack[sp-1] = Unit
					break
				}
				if p := in.cls.LookupProp(name); p != nil && p.Setter.o == nil && p.Slot >= 0 && p.conv == KNull {
					c.Store(&icEntry{cls: in.cls, slot: p.Slot})
					in.Fields[p.Slot] = stack[sp-1]
					sp--
					stack[sp-1] = Unit
					break
				}
			}
			fr.pc = int32(pc)
			co.sp = sp
			var pushed bool
			pushed, err = co.setProp(name, sp-2)
			if err != nil {
				goto fail
			}
			if pushed {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case DYNNAME:
			name := fn.names[w>>8]
			g := int32(code[pc])
			pc++
			fr.pc = int32(pc)
			co.sp = sp
			var pushed bool
			pushed, err = co.dynName(fr, name, g, sp)
			if err != nil {
				goto fail
			}
			if pushed {
				goto reload
			}
			sp++
			stack = co.stack
		case DYNCALL:
			argc := int(w >> 8)
			name := fn.names[code[pc]]
			g := code[pc+1]
			var names []string
			if nc := code[pc+2]; nc != dynFallbackNone {
				names = fn.consts[nc].o.(*stringList).s
			}
			ic := &fn.caches[code[pc+3]-1]
			pc += 4
			fr.pc = int32(pc)
			co.sp = sp
			depth := len(co.frames)
			err = co.dynCall(fr, ic, name, g, sp-argc, argc, names)
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case INDEX:
			n := int(w >> 8)
			if n == 1 {
				if l, ok := stack[sp-2].o.(*List); ok && stack[sp-1].is(KInt) {
					i := int(int32(stack[sp-1].n))
					if v, ok := l.get(i); ok {
						stack[sp-2] = v
						sp--
						break
					}
				}
			}
			fr.pc = int32(pc)
			co.sp = sp
			err = co.invokeMethod("get", sp-n, n, nil)
			if err != nil {
				goto fail
			}
			goto reload
		case SETINDEX:
			n := int(w>>8) + 1
			fr.pc = int32(pc)
			co.sp = sp
			err = co.invokeMethod("set", sp-n, n, co.setIndexNames(stack[sp-n-1], n))
			if err != nil {
				goto fail
			}
			goto reload
		case ADD:
			x, y := &stack[sp-2], &stack[sp-1]
			if x.is(KInt) && y.is(KInt) {
				x.n = uint64(int64(int32(x.n) + int32(y.n)))
				sp--
				break
			}
			if x.is(KDouble) && y.is(KDouble) {
				x.n = math.Float64bits(math.Float64frombits(x.n) + math.Float64frombits(y.n))
				sp--
				break
			}
			if (x.is(KLong) || x.is(KInt)) && (y.is(KLong) || y.is(KInt)) {
				*x = Long(x.ToInt64() + y.ToInt64())
				sp--
				break
			}
			goto binop
		case SUB:
			x, y := &stack[sp-2], &stack[sp-1]
			if x.is(KInt) && y.is(KInt) {
				x.n = uint64(int64(int32(x.n) - int32(y.n)))
				sp--
				break
			}
			goto binop
		case MUL:
			x, y := &stack[sp-2], &stack[sp-1]
			if x.is(KInt) && y.is(KInt) {
				x.n = uint64(int64(int32(x.n) * int32(y.n)))
				sp--
				break
			}
			goto binop
		case DIV, MOD:
			x, y := &stack[sp-2], &stack[sp-1]
			if x.is(KInt) && y.is(KInt) && int32(y.n) != 0 && int32(y.n) != -1 {
				if Opcode(w) == DIV {
					x.n = uint64(int64(int32(x.n) / int32(y.n)))
				} else {
					x.n = uint64(int64(int32(x.n) % int32(y.n)))
				}
				sp--
				break
			}
			goto binop
		case EQ, NE:
			x, y := stack[sp-2], stack[sp-1]
			var eq bool
			if x.is(KInt) && y.is(KInt) {
				eq = x.n == y.n
			} else if t, ok := x.o.(*kindTag); ok && y.o == any(t) && t.k != KDouble && t.k != KFloat {
				// one tagged kind other than Double and Float: equal payloads
				eq = x.n == y.n
			} else if x.o == nil || y.o == nil {
				eq = x.o == nil && y.o == nil
			} else {
				fr.pc = int32(pc)
				co.sp = sp
				if w>>8 != 0 {
					eq, err = co.BoxedEquals(x, y)
				} else {
					eq, err = co.Equals(x, y)
				}
				if err != nil {
					goto fail
				}
			}
			sp--
			stack[sp-1] = Bool(eq == (Opcode(w) == EQ))
		case IDEQ, IDNE:
			eq := identical(stack[sp-2], stack[sp-1])
			sp--
			stack[sp-1] = Bool(eq == (Opcode(w) == IDEQ))
		case LT, LE, GT, GE:
			x, y := stack[sp-2], stack[sp-1]
			var c int
			if x.is(KInt) && y.is(KInt) {
				c = cmpInt(int32(x.n), int32(y.n))
			} else {
				fr.pc = int32(pc)
				co.sp = sp
				c, err = co.Compare(x, y)
				if err != nil {
					goto fail
				}
				if c == cmpNaN {
					sp--
					stack[sp-1] = False
					break
				}
			}
			sp--
			stack[sp-1] = Bool(cmpHolds(Opcode(w), c))
		case IFLT, IFLE, IFGT, IFGE:
			x, y := stack[sp-2], stack[sp-1]
			sp -= 2
			var c int
			if x.is(KInt) && y.is(KInt) {
				c = cmpInt(int32(x.n), int32(y.n))
			} else {
				fr.pc = int32(pc)
				co.sp = sp + 2
				c, err = co.Compare(x, y)
				if err != nil {
					goto fail
				}
			}
			if (c != cmpNaN && cmpHolds(Opcode(w)-IFLT+LT, c)) == (w&ifWhenTrue != 0) {
				t := int(w>>8) &^ (ifWhenTrue >> 8)
				if t < pc {
					co.budget--
					if co.budget <= 0 {
						fr.pc = int32(t)
						co.sp = sp
						if err = co.tick(); err != nil {
							goto fail
						}
						if co.yieldNow() {
							pc, err = t, ErrSuspend
							goto fail
						}
					}
				}
				pc = t
			}
		case IFEQ, IFNE:
			x, y := stack[sp-2], stack[sp-1]
			sp -= 2
			var eq bool
			if x.is(KInt) && y.is(KInt) {
				eq = x.n == y.n
			} else if t, ok := x.o.(*kindTag); ok && y.o == any(t) && t.k != KDouble && t.k != KFloat {
				// one tagged kind other than Double and Float: equal payloads
				eq = x.n == y.n
			} else if x.o == nil || y.o == nil {
				eq = x.o == nil && y.o == nil
			} else {
				fr.pc = int32(pc)
				co.sp = sp + 2
				eq, err = co.Equals(x, y)
				if err != nil {
					goto fail
				}
			}
			if (eq == (Opcode(w) == IFEQ)) == (w&ifWhenTrue != 0) {
				t := int(w>>8) &^ (ifWhenTrue >> 8)
				if t < pc {
					co.budget--
					if co.budget <= 0 {
						fr.pc = int32(t)
						co.sp = sp
						if err = co.tick(); err != nil {
							goto fail
						}
						if co.yieldNow() {
							pc, err = t, ErrSuspend
							goto fail
						}
					}
				}
				pc = t
			}
		case NEG:
			x := &stack[sp-1]
			switch tagKind(*x) {
			case KInt:
				x.n = uint64(-int64(int32(x.n)))
				x.n = uint64(int64(int32(x.n)))
			case KLong:
				x.n = uint64(-int64(x.n))
			case KDouble:
				x.n = math.Float64bits(-math.Float64frombits(x.n))
			case KFloat:
				x.n = uint64(math.Float32bits(-math.Float32frombits(uint32(x.n))))
			default:
				fr.pc = int32(pc)
				co.sp = sp
				err = co.invokeMethod("unaryMinus", sp, 0, nil)
				if err != nil {
					goto fail
				}
				goto reload
			}
		case NOT:
			x := &stack[sp-1]
			if !x.is(KBool) {
				fr.pc = int32(pc)
				co.sp = sp
				err = co.invokeMethod("not", sp, 0, nil)
				if err != nil {
					goto fail
				}
				goto reload
			}
			x.n ^= 1
		case INCDEC:
			x := &stack[sp-1]
			d := int32(w) >> 8
			if x.is(KInt) {
				x.n = uint64(int64(int32(x.n) + d))
			} else if !stepNumber(x, d) {
				fr.pc = int32(pc)
				co.sp = sp
				err = co.invokeMethod(stepOperator(d), sp, 0, nil)
				if err != nil {
					goto fail
				}
				goto reload
			}
		case RANGE, RANGEUNTIL:
			x, y := stack[sp-2], stack[sp-1]
			fr.pc = int32(pc)
			co.sp = sp
			if x.Kind() == KObject {
				err = co.invokeMethod(map[bool]string{true: "rangeTo", false: "rangeUntil"}[Opcode(w) == RANGE], sp-1, 1, nil)
				if err != nil {
					goto fail
				}
				goto reload
			}
			var r Value
			r, err = co.makeRange(x, y, Opcode(w) == RANGEUNTIL)
			if err != nil {
				goto fail
			}
			sp--
			stack[sp-1] = r
		case IN:
			x, c := stack[sp-2], stack[sp-1]
			if r, ok := c.o.(*Range); ok && (x.is(KInt) || x.is(KLong) || x.is(KChar)) && x.is(KChar) == (r.Elem == KChar) {
				sp--
				stack[sp-1] = Bool(r.Contains(x.ToInt64()))
				break
			}
			// x in c is c.contains(x)
			stack[sp-2], stack[sp-1] = c, x
			fr.pc = int32(pc)
			co.sp = sp
			err = co.invokeMethod("contains", sp-1, 1, nil)
			if err != nil {
				goto fail
			}
			goto reload
		case INCLOCAL, INCCELL, INCFREECELL:
			var p *Value
			switch Opcode(w) {
			case INCLOCAL:
				p = &stack[base+int(w>>8)]
			case INCCELL:
				p = &stack[base+int(w>>8)].o.(*Cell).V
			default:
				p = &fr.cl.free[w>>8].o.(*Cell).V
			}
			d := int32(code[pc])
			pc++
			if p.is(KInt) {
				p.n = uint64(int64(int32(p.n) + d))
			} else if !stepNumber(p, d) {
				// an object's inc()/dec() operator
				fr.pc = int32(pc)
				co.sp = sp
				var v Value
				v, err = co.CallMethod(*p, stepOperator(d))
				if err != nil {
					goto fail
				}
				stack = co.stack
				if Opcode(w) == INCLOCAL {
					p = &stack[base+int(w>>8)]
				}
				*p = v
			}
		case JMP:
			t := int(w >> 8)
			if t < pc {
				co.budget--
				if co.budget <= 0 {
					fr.pc = int32(t)
					co.sp = sp
					if err = co.tick(); err != nil {
						goto fail
					}
					if co.yieldNow() {
						pc, err = t, ErrSuspend
						goto fail
					}
				}
			}
			pc = t
		case JMPF:
			sp--
			if stack[sp].n == 0 {
				pc = int(w >> 8)
			}
		case JMPT:
			sp--
			if stack[sp].n != 0 {
				t := int(w >> 8)
				if t < pc {
					co.budget--
					if co.budget <= 0 {
						fr.pc = int32(t)
						co.sp = sp
						if err = co.tick(); err != nil {
							goto fail
						}
						if co.yieldNow() {
							pc, err = t, ErrSuspend
							goto fail
						}
					}
				}
				pc = t
			}
		case JMPNULL:
			if stack[sp-1].o == nil {
				pc = int(w >> 8)
			}
		case JMPNNULL:
			if stack[sp-1].o != nil {
				pc = int(w >> 8)
			}
		case CALL, CALLN, CALLP:
			argc := int(w >> 8)
			var names []string
			var static []*TypeTest
			if Opcode(w) == CALLN {
				sl := fn.consts[code[pc]].o.(*stringList)
				names, static = sl.s, sl.types
				pc++
			}
			fr.pc = int32(pc)
			co.sp = sp
			co.budget--
			if co.budget <= 0 {
				if err = co.tick(); err != nil {
					goto fail
				}
			}
			// fast path: a plain script function with exactly its arguments
			if cl, ok := stack[sp-argc-1].o.(*Closure); ok && names == nil && cl.bound == nil {
				f := cl.fn
				nb := sp - argc
				if f.nparams == argc && f.vararg < 0 && !f.recvLambda && nb+f.nlocals+f.maxStack <= len(stack) && len(co.frames) < co.in.maxDepth {
					for i := sp; i < nb+f.nlocals; i++ {
						stack[i] = Null
					}
					nf := frame{fn: f, cl: cl, base: int32(nb)}
					if Opcode(w) == CALLP {
						nf.pc = f.argsChecked
					}
					co.frames = append(co.frames, nf)
					co.sp = nb + f.nlocals
					goto reload
				}
			}
			depth := len(co.frames)
			if static != nil {
				err = co.callStatic(stack[sp-argc-1], sp-argc, argc, static)
			} else {
				err = co.callValueThis(stack[sp-argc-1], sp-argc, argc, names, nil)
			}
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case INVOKE, INVOKEN, SAFEINVOKE:
			argc := int(w >> 8)
			name := fn.names[code[pc]]
			pc += 2
			var names []string
			if Opcode(w) == INVOKEN {
				names = fn.consts[code[pc]].o.(*stringList).s
				pc++
			}
			if Opcode(w) == SAFEINVOKE && stack[sp-argc-1].o == nil {
				sp -= argc
				break
			}
			fr.pc = int32(pc)
			co.sp = sp
			co.budget--
			if co.budget <= 0 {
				if err = co.tick(); err != nil {
					goto fail
				}
			}
			depth := len(co.frames)
			ic := code[pc-1-btoi(names != nil)]
			if slot := ic &^ provenArgs; Opcode(w) == INVOKE && slot != 0 {
				err = co.invokeCached(&fn.caches[slot-1], name, sp-argc, argc)
			} else {
				err = co.invokeMethod(name, sp-argc, argc, names)
			}
			if err != nil {
				goto fail
			}
			if ic&provenArgs != 0 && len(co.frames) == depth+1 && co.frames[depth].pc == 0 {
				// the compiler proved the arguments: skip the method's checks
				co.frames[depth].pc = co.frames[depth].fn.argsChecked
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case SUPERINVOKE:
			argc := int(w >> 8)
			name := fn.names[code[pc]]
			super := fn.consts[code[pc+1]].o.(*Class)
			pc += 2
			fr.pc = int32(pc)
			co.sp = sp
			depth := len(co.frames)
			err = co.invokeSuper(super, name, sp-argc, argc)
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case TAILCALL:
			{
				argc := int(w >> 8)
				dst := base - 1
				copy(stack[dst:], stack[sp-argc-1:sp])
				isFloor := fr.floor
				co.frames = co.frames[:len(co.frames)-1]
				co.sp = dst + 1 + argc
				depth := len(co.frames)
				err = co.callValueThis(stack[dst], dst+1, argc, nil, nil)
				if err != nil {
					if len(co.frames) == depth {
						// report the error in the caller's frame
						co.frames = append(co.frames, frame{fn: fn, cl: fr.cl, base: int32(base), pc: int32(pc), floor: isFloor})
					}
					fr = &co.frames[len(co.frames)-1]
					goto fail
				}
				if len(co.frames) == depth {
					// a native completed: this frame has returned its value
					v := co.stack[dst]
					if isFloor || len(co.frames) <= floor {
						return v, nil
					}
				} else if isFloor {
					co.frames[len(co.frames)-1].floor = true
				}
				goto reload
			}
		case CALLTHIS:
			argc := int(w >> 8)
			f := stack[sp-argc-2]
			recv := stack[sp-argc-1]
			fr.pc = int32(pc)
			co.sp = sp
			depth := len(co.frames)
			if cl, ok := f.o.(*Closure); ok && cl.fn.isLambda && !cl.fn.takesRecvArg(argc) {
				copy(stack[sp-argc-1:], stack[sp-argc:sp])
				sp--
				co.sp = sp
				err = co.callValueThis(f, sp-argc, argc, nil, &recv)
			} else {
				err = co.callValueThis(f, sp-argc-1, argc+1, nil, nil)
			}
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case NLRETURN:
			fr.pc = int32(pc)
			co.sp = sp
			var ret bool
			var v Value
			ret, v, err = co.nonLocalReturn(nlReturn{target: int(fr.cl.free[w>>8].n), v: stack[sp-1]}, floor)
			if err != nil {
				goto fail
			}
			if ret {
				return v, nil
			}
			goto reload
		case NLJUMP:
			fr.pc = int32(pc)
			co.sp = sp
			_, _, err = co.nonLocalReturn(nlReturn{target: int(fr.cl.free[w>>8].n), jump: fn.consts[code[pc]].o.(*nlJump)}, floor)
			if err != nil {
				goto fail
			}
			goto reload
		case FRAME:
			stack[sp] = Int(int32(len(co.frames) - 1))
			sp++
		case OBJECT:
			c := fn.consts[w>>8].o.(*Class)
			if c.Statics.o != nil {
				stack[sp] = c.Statics
				sp++
				break
			}
			fr.pc = int32(pc)
			co.sp = sp
			var v Value
			v, err = co.objectInstance(c)
			if err != nil {
				goto fail
			}
			stack = co.stack
			stack[sp] = v
			sp++
		case NAMEDARG:
			stack[sp-1] = Obj(&namedArg{name: fn.names[w>>8], v: stack[sp-1]})
		case SPREADCALL, SPREADINVOKE:
			name := ""
			if Opcode(w) == SPREADINVOKE {
				name = fn.names[code[pc]]
				pc++
			}
			fr.pc = int32(pc)
			co.sp = sp
			depth := len(co.frames)
			err = co.spreadCall(sp, name)
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp = co.sp
			stack = co.stack
		case RETURN:
			v := stack[sp-1]
			dst := base - 1
			isFloor := fr.floor
			co.frames = co.frames[:len(co.frames)-1]
			stack[dst] = v
			co.sp = dst + 1
			if isFloor || len(co.frames) <= floor {
				return v, nil
			}
			goto reload
		case CLOSURE:
			f := fn.consts[w>>8].o.(*Function)
			if cl := f.sharedClosure(); cl != nil {
				stack[sp] = Value{o: cl}
				sp++
				break
			}
			cl := &Closure{fn: f}
			// the captured values and a new receiver chain share one array
			var outer []Value
			if fr.cl != nil {
				outer = fr.cl.recvs
			}
			nrecv := 0
			if f.isLambda && fr.hasThis {
				nrecv = 1 + len(outer)
			}
			if n := f.nfree + nrecv; n > 0 {
				vals := make([]Value, n)
				cl.free = vals[:f.nfree:f.nfree]
				copy(cl.free, stack[sp-f.nfree:sp])
				sp -= f.nfree
				if nrecv > 0 {
					cl.recvs = vals[f.nfree:]
					cl.recvs[0] = stack[fr.base-1]
					copy(cl.recvs[1:], outer)
				}
			}
			if f.isLambda && nrecv == 0 {
				cl.recvs = outer
			}
			stack[sp] = Value{o: cl}
			sp++
		case THROW:
			err = co.throwValue(stack[sp-1])
			goto fail
		case TEMPLATE, TOSTR:
			n := int(w >> 8)
			if Opcode(w) == TOSTR {
				n = 1
			}
			fr.pc = int32(pc)
			co.sp = sp
			var s string
			s, err = co.concat(stack[sp-n : sp])
			if err != nil {
				goto fail
			}
			sp -= n
			stack[sp] = Value{o: s}
			sp++
		case IS:
			t := fn.consts[w>>8].o.(*TypeTest)
			stack[sp-1] = Bool(t.Test(stack[sp-1]))
		case AS, ASSAFE:
			t := fn.consts[w>>8].o.(*TypeTest)
			v := stack[sp-1]
			if !t.Test(v) {
				if Opcode(w) == ASSAFE {
					stack[sp-1] = Null
					break
				}
				if v.o == nil && t.Nullable {
					break
				}
				err = co.castError(v, t)
				goto fail
			}
			if t.conv != 0 && v.o != nil {
				stack[sp-1] = convertNumber(v, t.conv)
			}
		case NOTNULL:
			if stack[sp-1].o == nil {
				err = co.in.NewError("java.lang.NullPointerException", "")
				goto fail
			}
		case ITER:
			fr.pc = int32(pc)
			co.sp = sp
			var it Value
			it, err = co.iterValue(stack[sp-1])
			if err != nil {
				goto fail
			}
			stack[sp-1] = it
		case NEXT:
			it := stack[sp-1].o.(Iterator)
			fr.pc = int32(pc)
			co.sp = sp
			var v Value
			var ok bool
			v, ok, err = it.Next(co)
			if err != nil {
				if err == ErrSuspend {
					// the iterator suspended (a channel's): it resumes the
					// coroutine with itself, which lands in its own slot,
					// and NEXT asks it again
					pc--
					co.sp = sp - 1
				}
				goto fail
			}
			if !ok {
				pc = int(w >> 8)
				break
			}
			stack[sp] = v
			sp++
		case FORINT:
			// locals[A] is the loop variable, the next word holds the
			// slot of the inclusive Int limit; jump target follows.
			i := &stack[base+int(w>>8)]
			lim := stack[base+int(code[pc])]
			if i.is(KInt) && lim.is(KInt) {
				if int32(i.n) >= int32(lim.n) {
					pc = int(code[pc+1])
					break
				}
				i.n = uint64(int64(int32(i.n) + 1))
			} else {
				if i.ToInt64() >= lim.ToInt64() {
					pc = int(code[pc+1])
					break
				}
				switch tagKind(*i) {
				case KChar:
					i.n++
				default:
					i.n = uint64(int64(i.n) + 1)
				}
			}
			pc += 2
		case LIST:
			n := int(w >> 8)
			elems := make([]Value, n)
			copy(elems, stack[sp-n:sp])
			sp -= n
			stack[sp] = Obj(NewArray(elems))
			sp++
		case CONV:
			v := stack[sp-1]
			if v.o != nil {
				k := Kind(w >> 8)
				if !v.IsNumber() && numberClassName(k) != "" && !v.IsUnsigned() {
					// a value of another type where a number is declared:
					// the JVM unboxes it through java.lang.Number
					err = co.in.NewError("java.lang.ClassCastException", castMessage(typeName(v), "java.lang.Number"))
					goto fail
				}
				stack[sp-1] = convertNumber(v, k)
			}
		case PARAMCHK:
			pk := fn.consts[code[pc]].o.(*paramCheck)
			pc++
			if v := &stack[base+int(w>>8)]; !pk.ok(*v) {
				if err = co.paramMismatch(v, pk); err != nil {
					goto fail
				}
			}
		case HASNEXTARG:
			stack[sp] = Bool(!stack[base+int(w>>8)].is(kAbsent))
			sp++
		case COMPONENT:
			n := int(w >> 8)
			x := stack[sp-1]
			if l, ok := x.o.(*List); ok {
				v, ok := l.get(n - 1)
				if !ok {
					err = co.in.NewError("java.lang.IndexOutOfBoundsException", indexMsg(n-1, l.Len()))
					goto fail
				}
				stack[sp-1] = v
				break
			}
			fr.pc = int32(pc)
			co.sp = sp
			err = co.invokeMethod(componentName(n), sp, 0, nil)
			if err != nil {
				goto fail
			}
			goto reload
		case OPASSIGN:
			if x := stack[sp-2]; x.Kind() != KObject || !co.augAssign(code[pc], fn, sp) {
				pc = int(w >> 8)
				break
			}
			pc++
		default:
			err = co.in.NewError("java.lang.IllegalStateException", "bad opcode "+Opcode(w).String())
			goto fail
		}
		continue

	fusedArith:
		// slow path of a fused arithmetic instruction: push its operands
		// and do the plain operation
		stack[sp] = stack[base+int(w>>8)]
		if op := Opcode(w); op >= ADDLI {
			stack[sp+1] = Int(int32(code[pc]))
			w = uint32(ADD + op - ADDLI)
		} else {
			stack[sp+1] = stack[base+int(code[pc])]
			w = uint32(ADD + op - ADDLL)
		}
		if Opcode(w) == DIV {
			w = uint32(MOD)
		}
		sp += 2
		pc += 2
	binop:
		fr.pc = int32(pc)
		co.sp = sp
		{
			depth := len(co.frames)
			var v Value
			v, err = co.binaryOp(Opcode(w), sp)
			if err != nil {
				goto fail
			}
			if len(co.frames) != depth {
				goto reload
			}
			sp--
			stack = co.stack
			stack[sp-1] = v
		}
		continue

	fail:
		fr.pc = int32(pc)
		if err == ErrSuspend {
			return Null, err
		}
		if t, ok := err.(*nlReturn); ok {
			// a finally block on the way of a non-local return is done
			var ret bool
			var v Value
			ret, v, err = co.nonLocalReturn(*t, floor)
			if err == nil {
				if ret {
					return v, nil
				}
				goto reload
			}
		}
		exc := co.toException(err)
		if co.unwind(exc, floor) {
			err = nil
			goto reload
		}
		return Null, exc
	}
}

// stepNumber adds d to a number or Char in place, keeping its kind (the
// Int case is inlined by the callers), and reports whether v was one.
func stepNumber(v *Value, d int32) bool {
	switch v.Kind() {
	case KInt:
		v.n = uint64(int64(int32(v.n) + d))
	case KLong:
		v.n = uint64(int64(v.n) + int64(d))
	case KChar:
		v.n = uint64(uint16(int32(v.n) + d))
	case KDouble:
		v.n = math.Float64bits(math.Float64frombits(v.n) + float64(d))
	case KFloat:
		v.n = uint64(math.Float32bits(math.Float32frombits(uint32(v.n)) + float32(d)))
	case KByte, KShort, KUByte, KUShort, KUInt, KULong:
		*v = FromBits(v.Kind(), v.n+uint64(int64(d)))
	default:
		return false
	}
	return true
}

// stepOperator names the operator function of ++ (inc) or -- (dec).
func stepOperator(d int32) string {
	if d < 0 {
		return "dec"
	}
	return "inc"
}

// compareOp evaluates the comparison of an IFxx opcode on any values.
func (co *Coroutine) compareOp(op Opcode, x, y Value) (bool, error) {
	if op == IFEQ || op == IFNE {
		eq, err := co.Equals(x, y)
		return eq == (op == IFEQ), err
	}
	c, err := co.Compare(x, y)
	if err != nil || c == cmpNaN {
		return false, err
	}
	return cmpHolds(op-IFLT+LT, c), nil
}

func cmpInt(x, y int32) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// ifWhenTrue is the flag bit of an IFxx instruction's operand that makes
// it jump when the comparison holds (loop conditions) instead of when it
// does not.
const ifWhenTrue = 1 << 31

// cmpNaN is the result of comparing with NaN: every ordering is false.
const cmpNaN = 2

func cmpHolds(op Opcode, c int) bool {
	switch op {
	case LT:
		return c < 0
	case LE:
		return c <= 0
	case GT:
		return c > 0
	case GE:
		return c >= 0
	}
	return false
}

func componentName(n int) string {
	switch n {
	case 1:
		return "component1"
	case 2:
		return "component2"
	case 3:
		return "component3"
	case 4:
		return "component4"
	case 5:
		return "component5"
	}
	return "component" + itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
