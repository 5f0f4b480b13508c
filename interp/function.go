package interp

import (
	"sort"
	"sync/atomic"

	"github.com/ktcoro/ktcoro/lang"
)

// Function is compiled code: a function, method, constructor, lambda or a
// file's top-level initialiser, compiled from File. It is immutable after
// compilation (its inline caches are updated atomically) and shared by
// every closure and coroutine that runs it, on any goroutine.
type Function struct {
	Name string // as shown in stack traces ("main", "Foo.bar", "main$lambda")
	File string

	code     []uint32
	consts   []Value
	names    []string
	pcs      []pcPos // pc -> source position, sorted by pc
	handlers []handler

	nparams int // declared parameters (not counting `this`)
	// argsChecked is the pc after the PARAMCHKs that open the function
	// (0 when none do): where a CALLP enters.
	argsChecked int32
	nlocals     int // all local slots, parameters first
	nfree       int // captured values
	// envSlot, for a member of a local class, is 1 + the field of the
	// instance holding the closure whose free values the member reads
	// (see localClass); 0 otherwise.
	envSlot int
	envFree int // how many of the environment's values the member reads
	// envPath, for a member of an inner class of a local class, lists
	// the outer-instance fields that lead from `this` to the local
	// class's instance holding the environment.
	envPath []int
	// dispatchEnv is envSlot for a member extension of a local class:
	// the environment is its dispatch receiver's.
	dispatchEnv int
	maxStack    int // operand stack depth above the locals
	params      []param
	vararg      int // index of the vararg parameter, or -1
	// nhidden counts the parameters after the declared ones that carry
	// the type arguments of reified type parameters (passed by name).
	nhidden int
	// paramTypes holds the declared parameter types of a function,
	// method, extension or constructor (a vararg's element type; nil
	// entries: untyped), for choosing between overloads.
	paramTypes []*TypeTest

	// caches are the inline caches of INVOKE instructions (operand - 1).
	caches []atomic.Pointer[icEntry]
	ncache int

	suspend    bool
	noArrow    bool // lambda without `->`: implicit `it`, lenient arity
	isLambda   bool
	recvLambda bool // a lambda with receiver: a call without one takes it from the first argument
	isCtor     bool // returns `this`
	isAnon     bool // anonymous function: `return` leaves it
	tailrec    bool
	hasDefault bool
	owner      *Class
	recvCls    *Class // an extension function's declared receiver class, if known
	mod        *module
	pos        lang.Pos

	// recvUse memoises needsRecvs: 0 not known yet, 1 no, 2 yes.
	recvUse atomic.Int32
	// single is the closure every evaluation of a lambda that captures
	// nothing shares (see sharedClosure).
	single atomic.Pointer[Closure]
}

// needsRecvs reports whether closures of the lambda f must carry the
// implicit receivers of the place they are made: f, or a lambda or
// object it makes, looks names up on implicit receivers (DYNNAME,
// DYNCALL, RECV, DYNRECV).
func (f *Function) needsRecvs() bool {
	switch f.recvUse.Load() {
	case 1:
		return false
	case 2:
		return true
	}
	uses := false
	for pc := 0; pc < len(f.code) && !uses; {
		w := f.code[pc]
		op := Opcode(w)
		switch op {
		case DYNNAME, DYNCALL, RECV, DYNRECV, OBJECT:
			uses = true
		case CLOSURE:
			if g, ok := f.consts[w>>8].o.(*Function); !ok || g.isLambda && g.needsRecvs() {
				uses = true
			}
		}
		pc += 1 + extraWords(op)
	}
	if uses {
		f.recvUse.Store(2)
	} else {
		f.recvUse.Store(1)
	}
	return uses
}

// sharedClosure returns the closure of a lambda that captures nothing
// (no free variables, no implicit receivers), made once: like Kotlin's
// singleton instances of non-capturing lambdas, every evaluation of the
// lambda gives the same object. It returns nil for other functions.
func (f *Function) sharedClosure() *Closure {
	if cl := f.single.Load(); cl != nil {
		return cl
	}
	if !f.isLambda || f.nfree > 0 || f.needsRecvs() {
		return nil
	}
	f.single.CompareAndSwap(nil, &Closure{fn: f})
	return f.single.Load()
}

// Class implements Object so that functions can sit in constant pools.
func (*Function) Class() *Class { return functionClass }

// Suspend reports whether the function was declared `suspend`.
func (f *Function) Suspend() bool { return f.suspend }

type param struct {
	name       string
	hasDefault bool
	conv       Kind // declared numeric type to convert to, or KNull for none
}

type pcPos struct {
	pc  int
	pos lang.Pos
}

// handler protects code[start:end): an exception thrown there resets the
// operand stack to depth values above the locals, pushes the exception and
// jumps to target.
type handler struct {
	start, end, target, depth int
}

// posAt returns the source position of the instruction at pc.
func (f *Function) posAt(pc int) lang.Pos {
	i := sort.Search(len(f.pcs), func(i int) bool { return f.pcs[i].pc > pc })
	if i == 0 {
		return f.pos
	}
	return f.pcs[i-1].pos
}

// module holds the global variables of the programs compiled into one
// interpreter session (a file, or every line of a REPL session).
type module struct {
	owner   *Interp // the interpreter the module belongs to (see ownerOf)
	globals []Value
	names   []string
	// used[i]: code other than a top-level initialiser refers to slot
	// i (a function, a lambda, an accessor), so it must keep its value
	// after a later program redeclares its name
	used []bool
	// shadowed holds the slots of globals a program redeclared;
	// releaseShadowed drops their values at the next compilation
	shadowed []int
}

// useGlobal records that slot is referred to by code that may run again.
func (m *module) useGlobal(slot int) {
	if slot >= 0 && slot < len(m.used) {
		m.used[slot] = true
	}
}

// releaseShadowed lets go of the values of the globals earlier programs
// redeclared (REPL inputs declaring `val d = IntArray(1000)` again and
// again) that no code refers to any more: their initialisers have run,
// and nothing else names the slot. Called when a compilation starts.
func (m *module) releaseShadowed() {
	for _, slot := range m.shadowed {
		if !m.used[slot] {
			m.globals[slot] = Null
		}
	}
	m.shadowed = m.shadowed[:0]
}

// frame is one activation on a coroutine's heap stack.
type frame struct {
	fn   *Function
	cl   *Closure
	pc   int32
	base int32 // index of local 0 in the coroutine's stack
	// hasThis tells that the frame has a receiver; it is kept in
	// stack[base-1], the slot the result will go to.
	hasThis bool
	// floor marks a frame entered from Go (CallSync): returning from it
	// leaves the run loop.
	floor bool
}

// icEntry remembers how a call site resolved a method name for one
// receiver class. Entries are replaced atomically, so call sites may be
// shared by coroutines on different threads.
type icEntry struct {
	cls  *Class
	m    Value
	ext  Value // the extension (or set of overloaded ones) called
	kind memberKind
	// checkArgs: extensions share the member's name; one of them runs
	// when the member cannot take a call's arguments
	checkArgs bool
	epoch     uint32
	slot      int // GETPROP/SETPROP: the backing field
	// DYNCALL: the classes of the implicit receivers asked, innermost
	// first, and the index of the one that has the member (-1: none).
	recvs []*Class
	hit   int
}

// acceptsTypes reports whether args pass the declared parameter types.
// trailingToLast reports whether v, the last of fewer positional arguments
// than parameters (at index k), is a trailing lambda that belongs to the
// last parameter: a function value where the last parameter has no
// default or where parameter k's declared type does not take it.
func (f *Function) trailingToLast(v Value, k int) bool {
	if _, ok := v.o.(*Closure); !ok {
		return false
	}
	if !f.params[f.nparams-f.nhidden-1].hasDefault {
		return true
	}
	t := k < len(f.paramTypes) && f.paramTypes[k] != nil
	return t && !f.paramTypes[k].Test(v) && !f.paramTypes[k].samAccepts(v)
}

// takesRecvArg reports whether the lambda f, invoked with a receiver and
// argc arguments, takes the receiver as its first parameter: a lambda
// without receiver whose parameters are written (`{ x: Int -> }` used as
// an `Int.() -> Int`).
func (f *Function) takesRecvArg(argc int) bool {
	return !f.recvLambda && !f.noArrow && f.nparams == argc+1
}

func (f *Function) acceptsTypes(args []Value) bool {
	for i, t := range f.paramTypes {
		if t != nil && i < len(args) && !t.Test(args[i]) && !t.samAccepts(args[i]) {
			return false
		}
	}
	return true
}
