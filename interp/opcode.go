package interp

import (
	"fmt"
	"strings"
)

// Opcode is one VM instruction. Code is a []uint32: the low 8 bits of a word
// hold the opcode and the high 24 bits its first operand A (unsigned, or
// signed for INT). Opcodes marked "+1 word" are followed by further operand
// words. The comment on each opcode shows its stack effect.
type Opcode uint8

// The opcodes.
const (
	NOP          Opcode = iota // -
	CONST                      // - -> consts[A]
	INT                        // - -> Int(A) (signed 24-bit immediate)
	NULL                       // - -> null
	UNIT                       // - -> Unit
	TRUE                       // - -> true
	FALSE                      // - -> false
	POP                        // x ->
	POPN                       // x1..xA ->
	DUP                        // x -> x x
	DUP2                       // x y -> x y x y
	SWAP                       // x y -> y x
	ROT3                       // x y z -> z x y   (moves TOS under two)
	LOAD                       // - -> locals[A]
	LOAD2                      // - -> locals[A] locals[w1]      +1 word: second slot
	LOADINT                    // - -> locals[A] Int(w1)         +1 word: signed immediate
	LOADK                      // - -> locals[A] consts[w1]      +1 word: constant index
	ADDLL                      // - -> locals[A] + locals[w1]    +2 words: slot, unused (fused LOAD2; ADD)
	SUBLL                      // - -> locals[A] - locals[w1]
	MULLL                      // - -> locals[A] * locals[w1]
	MODLL                      // - -> locals[A] % locals[w1]
	ADDLI                      // - -> locals[A] + Int(w1)       +2 words: immediate, unused (fused LOADINT; ADD)
	SUBLI                      // - -> locals[A] - Int(w1)
	MULLI                      // - -> locals[A] * Int(w1)
	MODLI                      // - -> locals[A] % Int(w1)
	IFCMPLI                    // -             compare locals[w1&0xFFFFFF] with Int(w2) as the IFxx opcode in w1>>24 does, jump to A
	IFCMPLK                    // -             same with consts[w2]
	IFCMPLL                    // -             same with locals[w2]
	STORE                      // x ->          locals[A] = x
	LOADCELL                   // - -> locals[A].cell.v
	STORECELL                  // x ->          locals[A].cell.v = x
	MKCELL                     // -             locals[A] = new cell(locals[A])
	FREE                       // - -> closure.free[A]
	FREECELL                   // - -> closure.free[A].cell.v
	SETFREECELL                // x ->          closure.free[A].cell.v = x
	GLOBAL                     // - -> globals[A]
	SETGLOBAL                  // x ->          globals[A] = x
	THIS                       // - -> this                 A = 0, or 1 + the free index of the creator's this; with thisOrNull, null when there is none
	RECV                       // - -> implicit receiver A of the closure's chain (0 = frame's own)
	GETFIELD                   // obj -> obj.fields[A]
	SETFIELD                   // obj x ->      obj.fields[A] = x
	GETPROP                    // obj -> obj.name            A = name index; +1 word: cache index
	SETPROP                    // obj x ->                   A = name index; +1 word: cache index
	SAFEPROP                   // obj -> obj?.name           as GETPROP, null stays null
	DYNNAME                    // - -> value of a name looked up on the implicit receivers, then globals[w1]; A = name; +1 word: global index or -1
	DYNCALL                    // nil a1..aN -> result      name(args) on the innermost implicit receiver that has it, else the fallback; A = N; +4 words: name, fallback, names const or dynFallbackNone, inline cache
	INDEX                      // obj i1..iN -> obj[i...]    A = N
	SETINDEX                   // obj i1..iN x ->            A = N
	ADD                        // x y -> x+y
	SUB                        // x y -> x-y
	MUL                        // x y -> x*y
	DIV                        // x y -> x/y
	MOD                        // x y -> x%y
	NEG                        // x -> -x
	NOT                        // x -> !x (x.not() for objects)
	INCDEC                     // x -> x+A (A = +1 or -1; x.inc()/x.dec() for objects)
	EQ                         // x y -> x==y   (equals)
	NE                         // x y -> x!=y
	IDEQ                       // x y -> x===y
	IDNE                       // x y -> x!==y
	LT                         // x y -> x<y   (compareTo)
	LE                         // x y -> x<=y
	GT                         // x y -> x>y
	GE                         // x y -> x>=y
	RANGE                      // x y -> x..y
	RANGEUNTIL                 // x y -> x..<y
	IN                         // x coll -> x in coll
	INCLOCAL                   // -             locals[A] += int8(w1) for an Int/Long local; +1 word: delta
	INCCELL                    // -             cell locals[A] += w1, as INCLOCAL; +1 word: delta
	INCFREECELL                // -             captured cell free[A] += w1, as INCLOCAL; +1 word: delta
	JMP                        // -             pc = A
	JMPF                       // b ->          if !b { pc = A }
	JMPT                       // b ->          if b { pc = A }
	JMPNULL                    // x -> x        if x == null { pc = A } (value stays)
	JMPNNULL                   // x -> x        if x != null { pc = A } (value stays)
	IFLT                       // x y ->        if !(x<y) { pc = A }
	IFLE                       // x y ->        if !(x<=y) { pc = A }
	IFGT                       // x y ->        if !(x>y) { pc = A }
	IFGE                       // x y ->        if !(x>=y) { pc = A }
	IFEQ                       // x y ->        if !(x==y) { pc = A }
	IFNE                       // x y ->        if !(x!=y) { pc = A }
	CALL                       // f a1..aN -> result          A = N
	CALLN                      // f a1..aN -> result          A = N; +1 word: const index of the argument names (or static types)
	INVOKE                     // recv a1..aN -> result       A = N; +2 words: name index, cache index
	INVOKEN                    // as INVOKE with names;       +3 words: name, cache, names const
	SAFEINVOKE                 // as INVOKE, null receiver gives null without evaluating the call
	SUPERINVOKE                // this a1..aN -> result       A = N; +2 words: name, class const (the super class)
	TAILCALL                   // f a1..aN -> (returns)      A = N; a tailrec self call replaces the frame
	CALLTHIS                   // f recv a1..aN -> result     A = N; calls f with receiver recv (lambdas with receiver)
	NLRETURN                   // x ->          non-local return from the frame captured in closure.free[A]
	FRAME                      // - -> Int(index of the current frame), captured for non-local returns
	OBJECT                     // - -> the singleton of the object class consts[A] (created on first use)
	SPREADCALL                 // f arr -> result             calls f with the elements of arr (a *List)
	SPREADINVOKE               // recv arr -> result          calls method w1 of recv with the elements of arr; +1 word: name
	NAMEDARG                   // v -> named(v)               a named argument inside a spread call's arrays; A = name
	RETURN                     // x ->          returns x from the frame
	CLOSURE                    // c1..cN -> closure           A = const index of *Function; N = fn.nfree
	THROW                      // x ->          throws x
	TEMPLATE                   // x1..xN -> string            A = N
	TOSTR                      // x -> x.toString()
	IS                         // x -> x is T                 A = const index of the type
	AS                         // x -> x as T
	ASSAFE                     // x -> x as? T
	NOTNULL                    // x -> x!!
	ITER                       // coll -> iterator
	NEXT                       // it -> it                    if it has a next element push it; else pop nothing and jump to A; +0
	FORINT                     // -                           counting loop step: +1 word: slot of limit; A = jump target when done (see compileFor)
	LIST                       // x1..xN -> List(x...)        A = N (used for varargs)
	CONV                       // x -> converted(x)           A = target kind (declared type conversion)
	HASNEXTARG                 // -> b                        A = local slot; b = locals[A] is not absent
	COMPONENT                  // x -> x.componentA()
	LINE                       // -             no effect; marks a statement start for the debugger
	DYNRECV                    // - -> the innermost implicit receiver with a property called name, else the innermost; A = name index
	NLJUMP                     // -             non-local break/continue to the frame captured in closure.free[A]; +1 word: const index of the *nlJump
	OPASSIGN                   // x v -> x v                  jump to A unless `target op= v` calls x.opAssign(v) (see augAssign); +1 word: operand<<6 | op<<3 | target kind
	PARAMCHK                   // -             throws unless locals[A] has the parameter's declared type; +1 word: const index of the *paramCheck
	CALLP                      // f a1..aN -> result          A = N; as CALL, entering a script function after its PARAMCHKs (the arguments are proven)
	numOpcodes
)

var opNames = [...]string{
	NOP: "NOP", CONST: "CONST", INT: "INT", NULL: "NULL", UNIT: "UNIT", TRUE: "TRUE",
	FALSE: "FALSE", POP: "POP", POPN: "POPN", DUP: "DUP", DUP2: "DUP2", SWAP: "SWAP", ROT3: "ROT3",
	LOAD: "LOAD", LOAD2: "LOAD2", LOADINT: "LOADINT", LOADK: "LOADK", ADDLL: "ADDLL", SUBLL: "SUBLL", MULLL: "MULLL", MODLL: "MODLL",
	ADDLI: "ADDLI", SUBLI: "SUBLI", MULLI: "MULLI", MODLI: "MODLI",
	IFCMPLI: "IFCMPLI", IFCMPLK: "IFCMPLK", IFCMPLL: "IFCMPLL", STORE: "STORE", LOADCELL: "LOADCELL", STORECELL: "STORECELL",
	MKCELL: "MKCELL", FREE: "FREE", FREECELL: "FREECELL", SETFREECELL: "SETFREECELL",
	GLOBAL: "GLOBAL", SETGLOBAL: "SETGLOBAL", THIS: "THIS", RECV: "RECV", DYNRECV: "DYNRECV",
	GETFIELD: "GETFIELD", SETFIELD: "SETFIELD", GETPROP: "GETPROP", SETPROP: "SETPROP",
	SAFEPROP: "SAFEPROP", DYNNAME: "DYNNAME", DYNCALL: "DYNCALL", INDEX: "INDEX", SETINDEX: "SETINDEX",
	ADD: "ADD", SUB: "SUB", MUL: "MUL", DIV: "DIV", MOD: "MOD", NEG: "NEG", NOT: "NOT", INCDEC: "INCDEC",
	EQ: "EQ", NE: "NE", IDEQ: "IDEQ", IDNE: "IDNE", LT: "LT", LE: "LE", GT: "GT", GE: "GE",
	RANGE: "RANGE", RANGEUNTIL: "RANGEUNTIL", IN: "IN", INCLOCAL: "INCLOCAL", INCCELL: "INCCELL", INCFREECELL: "INCFREECELL",
	JMP: "JMP", JMPF: "JMPF", JMPT: "JMPT", JMPNULL: "JMPNULL", JMPNNULL: "JMPNNULL",
	IFLT: "IFLT", IFLE: "IFLE", IFGT: "IFGT", IFGE: "IFGE", IFEQ: "IFEQ", IFNE: "IFNE", CALL: "CALL", CALLN: "CALLN", INVOKE: "INVOKE", INVOKEN: "INVOKEN",
	SAFEINVOKE: "SAFEINVOKE", SUPERINVOKE: "SUPERINVOKE", SPREADCALL: "SPREADCALL", SPREADINVOKE: "SPREADINVOKE", NAMEDARG: "NAMEDARG", CALLTHIS: "CALLTHIS", TAILCALL: "TAILCALL", NLRETURN: "NLRETURN", OBJECT: "OBJECT", FRAME: "FRAME",
	RETURN: "RETURN", CLOSURE: "CLOSURE", THROW: "THROW", TEMPLATE: "TEMPLATE",
	TOSTR: "TOSTR", IS: "IS", AS: "AS", ASSAFE: "ASSAFE", NOTNULL: "NOTNULL", ITER: "ITER",
	NEXT: "NEXT", FORINT: "FORINT", LIST: "LIST", CONV: "CONV", HASNEXTARG: "HASNEXTARG",
	COMPONENT: "COMPONENT", LINE: "LINE", NLJUMP: "NLJUMP", OPASSIGN: "OPASSIGN", PARAMCHK: "PARAMCHK", CALLP: "CALLP",
}

// String returns the opcode's name ("ADD"), or "OP<n>" for an unknown
// opcode.
func (op Opcode) String() string {
	if int(op) < len(opNames) && opNames[op] != "" {
		return opNames[op]
	}
	return fmt.Sprintf("OP%d", op)
}

// extraWords returns the number of operand words that follow op's first word.
func extraWords(op Opcode) int {
	switch op {
	case GETPROP, SETPROP, SAFEPROP, DYNNAME, CALLN, SPREADINVOKE, INCLOCAL, INCCELL, INCFREECELL, LOAD2, LOADINT, LOADK, NLJUMP, OPASSIGN, PARAMCHK:
		return 1
	case INVOKE, SAFEINVOKE, SUPERINVOKE, FORINT, ADDLL, SUBLL, MULLL, MODLL, ADDLI, SUBLI,
		MULLI, MODLI, IFCMPLI, IFCMPLK, IFCMPLL:
		return 2
	case INVOKEN:
		return 3
	case DYNCALL:
		return 4
	}
	return 0
}

// Disassemble returns a readable listing of fn's code and, recursively, of
// the functions in its constants (`ktcoro run --disasm`): one line per
// instruction with its pc, source line, opcode and operands. The format is
// for people and may change.
func Disassemble(fn *Function) string {
	var b strings.Builder
	seen := map[*Function]bool{}
	var dis func(f *Function)
	dis = func(f *Function) {
		if seen[f] {
			return
		}
		seen[f] = true
		fmt.Fprintf(&b, "function %s (params %d, locals %d, free %d)\n", f.Name, f.nparams, f.nlocals, f.nfree)
		for pc := 0; pc < len(f.code); {
			w := f.code[pc]
			op := Opcode(w)
			a := w >> 8
			line := f.posAt(pc)
			fmt.Fprintf(&b, "  %4d %4d  %-11s", pc, line.Line, op)
			switch op {
			case INT, INCDEC:
				fmt.Fprintf(&b, " %d", int32(w)>>8)
			case LOAD2, LOADK:
				fmt.Fprintf(&b, " %d %d", a, f.code[pc+1])
			case LOADINT, ADDLI, SUBLI, MULLI, MODLI:
				fmt.Fprintf(&b, " %d %d", a, int32(f.code[pc+1]))
			case ADDLL, SUBLL, MULLL, MODLL:
				fmt.Fprintf(&b, " %d %d", a, f.code[pc+1])
			case IFCMPLI, IFCMPLK, IFCMPLL:
				fmt.Fprintf(&b, " %s local %d with %d -> %d", Opcode(f.code[pc+1]>>24), f.code[pc+1]&0xFFFFFF, int32(f.code[pc+2]), a&^(ifWhenTrue>>8))
				if w&ifWhenTrue != 0 {
					b.WriteString(" (when true)")
				}
			case IFLT, IFLE, IFGT, IFGE, IFEQ, IFNE:
				if w&ifWhenTrue != 0 {
					fmt.Fprintf(&b, " %d (when true)", a&^(ifWhenTrue>>8))
				} else {
					fmt.Fprintf(&b, " %d", a)
				}
			case CONST, CLOSURE, IS, AS, ASSAFE, OBJECT:
				fmt.Fprintf(&b, " %d\t; %s", a, f.constString(int(a)))
			case GETPROP, SETPROP, SAFEPROP, NAMEDARG:
				fmt.Fprintf(&b, " %s", f.names[a])
			case DYNNAME, DYNRECV:
				fmt.Fprintf(&b, " %s", f.names[a])
			case DYNCALL:
				fmt.Fprintf(&b, " %d %s", a, f.names[f.code[pc+1]])
			case INVOKE, SAFEINVOKE, INVOKEN:
				fmt.Fprintf(&b, " %d %s", a, f.names[f.code[pc+1]])
			case SPREADINVOKE:
				fmt.Fprintf(&b, " %s", f.names[f.code[pc+1]])
			case SUPERINVOKE:
				fmt.Fprintf(&b, " %d %s", a, f.names[f.code[pc+1]])
			case POP, DUP, DUP2, SWAP, ROT3, ADD, SUB, MUL, DIV, MOD, NEG, NOT, EQ, NE, IDEQ,
				IDNE, LT, LE, GT, GE, RANGE, RANGEUNTIL, IN, RETURN, THROW, TOSTR, NOTNULL,
				ITER, NULL, UNIT, TRUE, FALSE, THIS, NOP, LINE, SPREADCALL:
			default:
				fmt.Fprintf(&b, " %d", a)
			}
			b.WriteByte('\n')
			pc += 1 + extraWords(op)
		}
		for _, h := range f.handlers {
			fmt.Fprintf(&b, "  handler [%d, %d) -> %d depth %d\n", h.start, h.end, h.target, h.depth)
		}
		for _, c := range f.consts {
			switch sub := c.o.(type) {
			case *Function:
				dis(sub)
			case *Closure:
				if sub.fn != nil {
					dis(sub.fn)
				}
			}
		}
	}
	dis(fn)
	return b.String()
}

func (f *Function) constString(i int) string {
	if i >= len(f.consts) {
		return "?"
	}
	c := f.consts[i]
	switch o := c.o.(type) {
	case *Function:
		return "fun " + o.Name
	case *Class:
		return "class " + o.Name
	case string:
		return fmt.Sprintf("%q", o)
	}
	return fmt.Sprintf("%v", c.Kind())
}
