package interp

// This file chooses among overloads as Kotlin does: of the candidates
// that apply to the arguments (by count, defaults, varargs and declared
// parameter types), the most specific one wins: the one whose parameter
// types (and receiver type, for extensions) are all subtypes of every
// other's. Between equally specific ones, a function without varargs
// beats one with, one that leaves fewer defaults unused beats one that
// leaves more, and a script's function beats a built-in one. An argument's
// type is its static type when the call site knows it (a typed local, a
// cast), else its run-time class.

// subtypeOf reports whether the declared type t is a subtype of u; nil
// stands for a type not known (a built-in's parameter), taken as Any?.
func subtypeOf(t, u *TypeTest) bool {
	if u == nil {
		return true
	}
	if t == nil {
		return u.any && u.Nullable
	}
	if t.Nullable && !u.Nullable {
		return false
	}
	switch {
	case u.any:
		return true
	case t.any:
		return false
	case u.fn || t.fn:
		return u.fn && t.fn
	case t.cls == nil || u.cls == nil:
		return t.cls == u.cls
	}
	return t.cls.IsSubclassOf(u.cls)
}

// argFits reports whether an argument (its value v, and its static type
// st when known) passes a parameter of declared type p.
func argFits(p, st *TypeTest, v Value) bool {
	if p == nil {
		return true
	}
	if st != nil {
		return subtypeOf(st, p)
	}
	return p.Test(v) || p.samAccepts(v)
}

// olCand is an applicable candidate: its parameter type for each
// positional argument, the defaults it leaves unused, whether an argument
// goes to its vararg.
type olCand struct {
	v        Value
	recv     *TypeTest
	types    []*TypeTest
	defaults int
	vararg   bool
	native   bool
}

// paramFor returns the index of the parameter of f the positional
// argument j (of argc) goes to, or -1 when there is none.
func (f *Function) paramFor(j, argc int, args []Value) int {
	declared := f.nparams - f.nhidden
	if f.vararg >= 0 {
		if j < f.vararg {
			return j
		}
		if j == argc-1 && f.vararg < declared-1 {
			if _, ok := args[j].o.(*Closure); ok {
				return declared - 1 // a trailing lambda after the vararg
			}
		}
		return f.vararg
	}
	if j == argc-1 && argc < declared && f.trailingToLast(args[j], j) {
		return declared - 1
	}
	if j < declared {
		return j
	}
	return -1
}

// applies checks candidate f against positional args (static: their
// static types, or nil) and describes it when it applies.
func (f *Function) applies(args []Value, static []*TypeTest) (olCand, bool) {
	argc := len(args)
	declared := f.nparams - f.nhidden
	c := olCand{types: make([]*TypeTest, argc)}
	used := make([]bool, declared)
	for j := range args {
		i := f.paramFor(j, argc, args)
		if i < 0 || (used[i] && i != f.vararg) {
			return c, false
		}
		used[i] = true
		var p *TypeTest
		if i < len(f.paramTypes) {
			p = f.paramTypes[i]
		}
		var st *TypeTest
		if j < len(static) {
			st = static[j]
		}
		if !argFits(p, st, args[j]) {
			return c, false
		}
		c.types[j] = p
		if i == f.vararg {
			c.vararg = true
		}
	}
	for i := 0; i < declared; i++ {
		if used[i] || i == f.vararg {
			continue
		}
		if i >= len(f.params) || !f.params[i].hasDefault {
			return c, false
		}
		c.defaults++
	}
	return c, true
}

// noWorseThan reports whether a is at least as specific as b: each of its
// parameter types (and its receiver type) is a subtype of b's.
func (a *olCand) noWorseThan(b *olCand) bool {
	if a.recv != nil && b.recv != nil && !subtypeOf(a.recv, b.recv) {
		return false
	}
	for j := range a.types {
		if !subtypeOf(a.types[j], b.types[j]) {
			return false
		}
	}
	return true
}

// beats reports whether a is more specific than b.
func (a *olCand) beats(b *olCand) bool {
	if !a.noWorseThan(b) {
		return false
	}
	if !b.noWorseThan(a) {
		return true
	}
	switch {
	case a.vararg != b.vararg:
		return !a.vararg
	case a.defaults != b.defaults:
		return a.defaults < b.defaults
	}
	return !a.native && b.native
}

// mostSpecific picks among the applicable functions of set (recvs: their
// receiver types, for extensions) the most specific one for the
// positional args. ok is false when none applies; ambiguous tells that
// several apply and none is more specific than all the others.
func mostSpecific(fns []Value, recvs []*TypeTest, args []Value, static []*TypeTest) (best Value, ok, ambiguous bool) {
	var cands []olCand
	for i, v := range fns {
		var c olCand
		switch o := v.o.(type) {
		case *Closure:
			var fits bool
			if c, fits = o.fn.applies(args, static); !fits {
				continue
			}
		case *memberExt:
			var fits bool
			if o.fn == nil {
				continue
			}
			if c, fits = o.fn.applies(args, static); !fits {
				continue
			}
		default:
			c = olCand{types: make([]*TypeTest, len(args)), native: true}
		}
		c.v = v
		if recvs != nil {
			c.recv = recvs[i]
		}
		cands = append(cands, c)
	}
	switch len(cands) {
	case 0:
		return Null, false, false
	case 1:
		return cands[0].v, true, false
	}
	for i := range cands {
		wins := true
		for j := range cands {
			if i != j && !cands[i].beats(&cands[j]) {
				wins = false
				break
			}
		}
		if wins {
			return cands[i].v, true, false
		}
	}
	// none beats all: the first that no other beats
	for i := range cands {
		beaten := false
		for j := range cands {
			if i != j && cands[j].beats(&cands[i]) {
				beaten = true
				break
			}
		}
		if !beaten {
			return cands[i].v, true, true
		}
	}
	return cands[0].v, true, true
}

// allKnown reports whether every argument's static type is known.
func allKnown(static []*TypeTest, argc int) bool {
	if len(static) < argc {
		return false
	}
	for _, t := range static[:argc] {
		if t == nil {
			return false
		}
	}
	return true
}

// extSetKey identifies a cached set of extensions applicable to a class.
type extSetKey struct {
	cls  *Class
	name string
}

// extSetEntry is a cached extCallee answer, valid while extEpoch is.
type extSetEntry struct {
	epoch uint32
	v     Value
}

// extCallee returns what a call of extension function name on recv runs:
// the one extension of that name whose receiver type recv passes, or,
// when several do (overloads by parameters or by receiver type), the set
// of them, from which pickOverload chooses by the arguments. ok is false
// when none applies.
func (in *Interp) extCallee(name string, recv Value) (Value, bool) {
	list := in.exts[name]
	var first *extension
	n := 0
	for _, e := range list {
		if !e.prop && e.recv.Test(recv) {
			if first == nil {
				first = e
			}
			n++
		}
	}
	switch n {
	case 0:
		return Null, false
	case 1:
		return first.fn, true
	}
	k := extSetKey{classOf(recv), name}
	epoch := in.extEpoch.Load()
	if c, ok := in.extSets.Load(k); ok && c.(*extSetEntry).epoch == epoch {
		return c.(*extSetEntry).v, true
	}
	set := &Overloads{Name: name}
	for _, e := range list {
		if !e.prop && e.recv.Test(recv) {
			set.Fns = append(set.Fns, e.fn)
			set.recvs = append(set.recvs, e.recv)
		}
	}
	in.extSets.Store(k, &extSetEntry{epoch, Obj(set)})
	return Obj(set), true
}

// builtinRejects reports whether the built-in member name of a number,
// Char, String, list or array cannot take args, so that a script's
// extension of that name may (fun Int.times(s: String) beside
// Int.times(Int), operator fun String.get(r: IntRange)): the arithmetic and
// comparison operators of numbers take one number or Char, get one Int.
func builtinRejects(recv Value, name string, args []Value) bool {
	if name == "get" {
		// a String's, list's or array's get takes one Int index (an
		// extension get(IntRange) or get(from, to) may take the others)
		switch recv.o.(type) {
		case string, *List:
			return len(args) != 1 || !args[0].is(KInt)
		}
	}
	if !recv.IsNumber() && !recv.is(KChar) {
		return false
	}
	switch name {
	case "plus", "minus", "times", "div", "rem", "mod", "compareTo", "rangeTo", "rangeUntil":
		return len(args) != 1 || !args[0].IsNumber() && !args[0].is(KChar)
	}
	return false
}

// fits reports whether f can take the positional args (by count,
// defaults, varargs and declared types), as applies does, without
// describing it.
func (f *Function) fits(args []Value) bool {
	declared := f.nparams - f.nhidden
	if declared > 64 {
		return true
	}
	var used uint64
	for j := range args {
		i := f.paramFor(j, len(args), args)
		if i < 0 || used&(1<<i) != 0 && i != f.vararg {
			return false
		}
		used |= 1 << i
		if i < len(f.paramTypes) && !argFits(f.paramTypes[i], nil, args[j]) {
			return false
		}
	}
	for i := 0; i < declared; i++ {
		if used&(1<<i) == 0 && i != f.vararg && (i >= len(f.params) || !f.params[i].hasDefault) {
			return false
		}
	}
	return true
}

// memberRejects reports whether member method m of recv cannot take args.
func memberRejects(recv, m Value, name string, args []Value) bool {
	switch o := m.o.(type) {
	case *Native:
		return builtinRejects(recv, name, args)
	case *Closure:
		return !o.fn.fits(args)
	case *Overloads:
		for _, v := range o.Fns {
			if cl, ok := v.o.(*Closure); !ok || cl.fn.fits(args) {
				return false
			}
		}
		return true
	}
	return false
}

// extBeatsMember returns the extension a call name(args) on recv runs
// instead of its member method m, when m cannot take the arguments and
// an extension of that name applies to recv (fun Int.times(s: String)
// beside Int.times(Int)); ok is false when the member stays.
func (in *Interp) extBeatsMember(recv, m Value, name string, args []Value, names []string) (Value, bool) {
	if names != nil || len(in.exts[name]) == 0 || !memberRejects(recv, m, name, args) {
		return Null, false
	}
	return in.extCallee(name, recv)
}

// callStatic calls f (an overload set or a class) with the positional
// arguments at stack[base:base+argc], whose static types static holds
// where the call site knows them: they choose the overload.
func (co *Coroutine) callStatic(f Value, base, argc int, static []*TypeTest) error {
	switch o := f.o.(type) {
	case *Overloads:
		target, err := co.pickOverload(o, co.stack[base:base+argc], nil, static)
		if err != nil {
			return err
		}
		return co.callValueThis(target, base, argc, nil, nil)
	case *Class:
		if o.factory == nil && o.sam == nil && !o.Interface && !o.Abstract && len(o.ctors) > 0 {
			ctor, err := co.pickCtor(o, co.stack[base:base+argc], static)
			if err != nil {
				return err
			}
			return co.constructWith(o, nil, ctor, base, argc, nil)
		}
	}
	return co.callValueThis(f, base, argc, nil, nil)
}

// staticExtension reports whether recv.name(...) with a receiver of static
// class s must choose among extensions by s rather than by the receiver's
// run-time class: s has no member name, an extension name applies to s,
// and another is declared on a strict subclass of s (Kotlin resolves
// extensions statically: `val s: Shape = Square(); s.name()` calls
// Shape.name even when Square.name exists).
func (c *compiler) staticExtension(s *Class, name string) bool {
	if s == nil {
		return false
	}
	if _, ok := s.LookupMethod(name); ok || s.LookupProp(name) != nil {
		return false
	}
	applies, narrower := false, false
	for _, e := range c.in.exts[name] {
		if e.prop || e.recv == nil || e.recv.Nullable {
			continue
		}
		switch {
		case e.recv.any || e.recv.cls != nil && s.IsSubclassOf(e.recv.cls):
			applies = true
		case e.recv.cls != nil && e.recv.cls.IsSubclassOf(s):
			narrower = true
		}
	}
	return applies && narrower
}

// staticExtNative is the compiler's $staticExt(class, name, recv): the
// extensions name that apply to static receiver class, bound to recv (a
// boundExt the call that follows calls).
var staticExtNative = &Native{Name: "$staticExt", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
	s, _ := args[0].o.(*Class)
	name := args[1].AsString()
	set := &Overloads{Name: name}
	for _, e := range co.in.exts[name] {
		if e.prop || e.recv == nil || !(e.recv.any || e.recv.cls != nil && s != nil && s.IsSubclassOf(e.recv.cls)) {
			continue
		}
		set.Fns = append(set.Fns, e.fn)
		set.recvs = append(set.recvs, e.recv)
	}
	if len(set.Fns) == 1 {
		return Obj(&boundExt{fn: set.Fns[0], recv: args[2]}), nil
	}
	return Obj(&boundExt{fn: Obj(set), recv: args[2]}), nil
}}

// boundExt is an extension function (or a set of overloads) chosen by
// the static type of its receiver recv: calling it calls fn with recv as
// the receiver.
type boundExt struct {
	fn   Value
	recv Value
}

// Class implements Object.
func (*boundExt) Class() *Class { return functionClass }
