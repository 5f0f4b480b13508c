package interp

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// enter pushes a frame for closure cl whose arguments are at
// stack[base:base+argc]; its result will be stored at stack[base-1].
func (co *Coroutine) enter(cl *Closure, base, argc int, names []string, this *Value) error {
	fn := cl.fn
	if len(co.frames) >= co.in.maxDepth {
		return co.in.NewError("java.lang.StackOverflowError", "")
	}
	if need := base + fn.nlocals + fn.maxStack; need > len(co.stack) {
		if co.sp < base+argc {
			co.sp = base + argc
		}
		if err := co.ensure(need); err != nil {
			return err
		}
	}
	if fn.recvLambda && this == nil && cl.bound == nil && argc > 0 && names == nil {
		// block(x) for a lambda with receiver: x is its this
		recv := co.stack[base]
		this = &recv
		copy(co.stack[base:], co.stack[base+1:base+argc])
		argc--
	}
	if names != nil || argc != fn.nparams || fn.vararg >= 0 || fn.nhidden > 0 {
		if err := co.arrangeArgs(fn, base, argc, names); err != nil {
			return err
		}
	}
	stack := co.stack
	for i := base + fn.nparams; i < base+fn.nlocals; i++ {
		stack[i] = Null
	}
	fr := frame{fn: fn, cl: cl, base: int32(base)}
	// `this` lives in the result slot below the arguments until the
	// frame returns
	if this != nil {
		stack[base-1] = *this
		fr.hasThis = true
	} else if cl.bound != nil {
		stack[base-1] = *cl.bound
		fr.hasThis = true
	}
	if fn.envSlot > 0 {
		// a member of a local class reads what it captured from the
		// environment its instance was made with
		env := co.envOf(outerAlong(stack[base-1], fn.envPath), fn.envSlot, fn.envFree)
		if env == nil {
			return co.in.NewError("java.lang.IllegalStateException", fn.Name+" called without its local class's environment")
		}
		fr.cl = env
	}
	co.frames = append(co.frames, fr)
	co.sp = base + fn.nlocals
	return nil
}

// arrangeArgs rewrites the argument area of a call so that it holds
// exactly fn.nparams values: named arguments moved to their parameters,
// omitted ones marked absent (the prologue fills in defaults), varargs
// packed into an array.
func (co *Coroutine) arrangeArgs(fn *Function, base, argc int, names []string) error {
	stack := co.stack
	args := make([]Value, argc)
	copy(args, stack[base:base+argc])
	out := make([]Value, fn.nparams)
	set := make([]bool, fn.nparams)
	// np counts the declared parameters: positional arguments and a
	// trailing lambda never go to the hidden type-argument ones
	np := fn.nparams - fn.nhidden
	// positional arguments first
	npos := argc
	if names != nil {
		npos = 0
		for npos < argc && names[npos] == "" {
			npos++
		}
	}
	pos := args[:npos]
	if fn.vararg >= 0 {
		v := fn.vararg
		after := np - 1 - v
		n := 0
		for i := 0; i < len(pos) && i < v; i++ {
			out[i], set[i] = pos[i], true
			n++
		}
		rest := pos[n:]
		// a trailing lambda after the varargs goes to the last parameter
		if after > 0 && len(rest) > 0 && names == nil {
			if _, ok := rest[len(rest)-1].o.(*Closure); ok {
				out[np-1], set[np-1] = rest[len(rest)-1], true
				rest = rest[:len(rest)-1]
			}
		}
		if len(rest) > 0 || !fn.params[v].hasDefault {
			elems := make([]Value, len(rest))
			copy(elems, rest)
			out[v], set[v] = Obj(NewArray(elems)), true
		}
	} else {
		if len(pos) > np && !fn.noArrow {
			return co.in.NewError("java.lang.IllegalArgumentException",
				"Too many arguments for "+fn.Name+": expected "+itoa(fn.nparams)+", got "+itoa(argc))
		}
		if k := len(pos) - 1; names == nil && k >= 0 && k < np-1 && fn.trailingToLast(pos[k], k) {
			// a trailing lambda goes to the last parameter: f(x) { } for
			// fun f(x: Int, y: Int = 0, block: () -> Unit)
			out[np-1], set[np-1] = pos[k], true
			pos = pos[:k]
		}
		for i := 0; i < len(pos) && i < np; i++ {
			out[i], set[i] = pos[i], true
		}
	}
	for i := npos; i < argc; i++ {
		idx := -1
		for j, p := range fn.params {
			if p.name == names[i] {
				idx = j
				break
			}
		}
		if (names[i] == "" || names[i] == setValueArg) && i == argc-1 && np > 0 {
			idx = np - 1 // a trailing lambda after named arguments: f(a = 1) { }
		}
		if idx < 0 {
			return co.in.NewError("java.lang.IllegalArgumentException", "Cannot find a parameter with this name: "+names[i])
		}
		if idx == fn.vararg {
			if l, ok := args[i].o.(*List); ok {
				out[idx], set[idx] = Obj(l), true
				continue
			}
		}
		out[idx], set[idx] = args[i], true
	}
	for i := range out {
		if !set[i] {
			switch {
			case fn.params[i].hasDefault:
				out[i] = absent
			case fn.noArrow:
				out[i] = Null
			default:
				return co.in.NewError("java.lang.IllegalArgumentException",
					"No value passed for parameter '"+fn.params[i].name+"'")
			}
		}
	}
	copy(stack[base:], out)
	return nil
}

// callValueThis calls fv with the arguments at stack[base:base+argc]. A
// script callee gets a new frame (the run loop continues in it); a native
// runs at once. Either way the result ends up at stack[base-1].
func (co *Coroutine) callValueThis(fv Value, base, argc int, names []string, this *Value) error {
	switch o := fv.o.(type) {
	case *Closure:
		return co.enter(o, base, argc, names, this)
	case *Native:
		args := co.stack[base : base+argc]
		if names != nil {
			var err error
			if args, err = co.nativeNamedArgs(o, args, names); err != nil {
				return err
			}
		}
		recv := Null
		if this != nil {
			recv = *this
		} else if o.hasBound {
			recv = o.bound
		}
		v, err := callNative(co, o, recv, args)
		if err != nil {
			if err == ErrSuspend {
				co.sp = base - 1
			}
			return err
		}
		co.stack[base-1] = v
		co.sp = base
		return nil
	case *Class:
		if o.IsObject {
			// Obj() is Obj.invoke(): an object declaration has no constructor
			inst, err := co.objectInstance(o)
			if err != nil {
				return err
			}
			co.stack[base-1] = inst
			return co.invokeMethod("invoke", base, argc, names)
		}
		return co.construct(o, nil, base, argc, names)
	case *boundClass:
		return co.construct(o.cls, o.env, base, argc, names)
	case *boundExt:
		return co.callValueThis(o.fn, base, argc, names, &o.recv)
	case *memberExt:
		if d, ok := co.dispatchReceiver(o.cls); ok {
			return co.enterMemberExt(o.fn, d, base, argc, names, this)
		}
		// another class's member extension of the same name and
		// receiver type may be the one meant here
		for _, m := range o.others(co.in) {
			if d, ok := co.dispatchReceiver(m.cls); ok {
				return co.enterMemberExt(m.fn, d, base, argc, names, this)
			}
		}
		return co.in.NewError("java.lang.IllegalStateException", "member extension "+o.fn.Name+" called outside its class "+o.cls.Name)
	case *Overloads:
		target, err := co.pickOverload(o, co.stack[base:base+argc], names, nil)
		if err != nil {
			return err
		}
		return co.callValueThis(target, base, argc, names, this)
	}
	if fv.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "")
	}
	return co.invokeMethod("invoke", base, argc, names)
}

func (co *Coroutine) nativeNamedArgs(n *Native, args []Value, names []string) ([]Value, error) {
	if n.Params == nil {
		return nil, co.in.NewError("java.lang.IllegalArgumentException", "named arguments are not supported by "+n.Name)
	}
	out := make([]Value, 0, len(n.Params))
	// a positional argument after named ones is a trailing lambda: it
	// goes to the last parameter
	trailing := -1
	if last := len(args) - 1; last > 0 && names[last] == "" {
		for i := 0; i < last; i++ {
			if names[i] != "" {
				trailing = last
				break
			}
		}
	}
	for i, a := range args {
		if names[i] == "" && i != trailing {
			out = append(out, a)
		}
	}
	for len(out) < len(n.Params) {
		out = append(out, absent)
	}
	if trailing >= 0 && len(n.Params) > 0 {
		out[len(n.Params)-1] = args[trailing]
	}
	for i, a := range args {
		if names[i] == "" {
			continue
		}
		idx := -1
		for j, p := range n.Params {
			if p == names[i] {
				idx = j
			}
		}
		if idx < 0 {
			return nil, co.in.NewError("java.lang.IllegalArgumentException", "Cannot find a parameter with this name: "+names[i])
		}
		out[idx] = a
	}
	// trim trailing absent values so natives see the usual short form
	for len(out) > 0 && out[len(out)-1].is(kAbsent) {
		out = out[:len(out)-1]
	}
	return out, nil
}

// construct creates an instance of class c with the arguments at
// stack[base:base+argc].
// A local class (boundClass) gives its instances env, the closure its
// members read captured values from.
func (co *Coroutine) construct(c *Class, env *Closure, base, argc int, names []string) error {
	if c.sam != nil && argc == 1 && names == nil && isFunctionValue(co.stack[base]) {
		// the SAM constructor F { ... }
		v, err := c.sam.convert(co, co.stack[base])
		if err != nil {
			return err
		}
		co.stack[base-1] = v
		co.sp = base
		return nil
	}
	if (c.Interface || c.Abstract) && c.factory == nil {
		return co.in.NewError("java.lang.InstantiationException", "Cannot create an instance of an abstract class "+c.Name)
	}
	if c.factory != nil {
		args := co.stack[base : base+argc]
		if names != nil {
			var err error
			n := &Native{Name: c.Name, Params: c.factoryParams}
			if args, err = co.nativeNamedArgs(n, args, names); err != nil {
				return err
			}
		}
		v, err := c.factory(co, Null, args)
		if err != nil {
			return err
		}
		co.stack[base-1] = v
		co.sp = base
		return nil
	}
	ctor, err := co.pickCtor(c, co.stack[base:base+argc], nil)
	if err != nil {
		return err
	}
	return co.constructWith(c, env, ctor, base, argc, names)
}

// constructWith creates an instance of class c (see construct) with its
// constructor ctor.
func (co *Coroutine) constructWith(c *Class, env *Closure, ctor Value, base, argc int, names []string) error {
	if ctor.o == nil {
		return co.in.NewError("java.lang.IllegalStateException", c.Name+" has no constructor")
	}
	inst := NewInstance(c)
	if env != nil {
		inst.Fields[c.envSlot-1] = Obj(env)
	}
	this := Obj(inst)
	co.stack[base-1] = this
	if n, ok := ctor.o.(*Native); ok {
		// a built-in initialiser: the instance is the result
		if err := co.callValueThis(Obj(n), base, argc, names, &this); err != nil {
			return err
		}
		co.stack[base-1] = this
		return nil
	}
	return co.callValueThis(ctor, base, argc, names, &this)
}

// invokeCached is invokeMethod with the inline cache of a call site: the
// member found for the receiver's class is remembered.
func (co *Coroutine) invokeCached(ic *atomic.Pointer[icEntry], name string, base, argc int) error {
	recv := co.stack[base-1]
	if recv.Kind() == KObject {
		if _, isClass := recv.o.(*Class); isClass {
			return co.invokeMethod(name, base, argc, nil)
		}
	}
	cls := classOf(recv)
	epoch := co.in.extEpoch.Load()
	e := ic.Load()
	if e == nil || e.cls != cls || e.epoch != epoch {
		c := cls
		if m, ok := c.LookupMethod(name); ok {
			// the arguments are checked against the member only when an
			// extension of that name applies to this class (Point.plus
			// beside the library's Collection.plus does not)
			check := false
			if len(co.in.exts[name]) > 0 {
				_, check = co.in.extCallee(name, recv)
			}
			e = &icEntry{cls: cls, m: m, kind: memberMethod, epoch: epoch, checkArgs: check}
		} else if c.LookupProp(name) != nil {
			e = &icEntry{cls: cls, kind: memberProp, epoch: epoch}
		} else if x, ok := co.in.extCallee(name, recv); ok {
			e = &icEntry{cls: cls, ext: x, kind: memberMethod, epoch: epoch}
		} else {
			return co.invokeMethod(name, base, argc, nil)
		}
		ic.Store(e)
	}
	switch {
	case e.ext.o != nil:
		return co.callValueThis(e.ext, base, argc, nil, &recv)
	case e.kind == memberMethod:
		if e.checkArgs {
			if x, ok := co.in.extBeatsMember(recv, e.m, name, co.stack[base:base+argc], nil); ok {
				return co.callValueThis(x, base, argc, nil, &recv)
			}
		}
		return co.callValueThis(e.m, base, argc, nil, &recv)
	}
	v, err := co.GetProp(recv, name)
	if err != nil {
		return err
	}
	co.stack[base-1] = v
	return co.callValueThis(v, base, argc, nil, nil)
}

// setValueArg names the assigned value of a[i...] = v for a script's
// operator set whose vararg is not its last parameter: the value always
// goes to the last parameter.
const setValueArg = "\x00value"

// setIndexNames returns the argument names of a[i...] = v (n values, v
// last) for receiver recv: nil, except for a set method with a vararg
// index parameter before the value's (see setValueArg).
func (co *Coroutine) setIndexNames(recv Value, n int) []string {
	inst, ok := recv.o.(*Instance)
	if !ok {
		return nil
	}
	m, ok := inst.cls.LookupMethod("set")
	if !ok {
		return nil
	}
	if cl, ok := m.o.(*Closure); !ok || cl.fn.vararg < 0 || cl.fn.vararg == cl.fn.nparams-cl.fn.nhidden-1 {
		return nil
	}
	names := make([]string, n)
	names[n-1] = setValueArg
	return names
}

// invokeMethod calls method name on the receiver at stack[base-1] with the
// arguments at stack[base:base+argc].
func (co *Coroutine) invokeMethod(name string, base, argc int, names []string) error {
	recv := co.stack[base-1]
	if name == "invoke" && recv.Kind() == KObject {
		switch recv.o.(type) {
		case *Closure, *Native, *Overloads:
			// f.invoke(args) is f(args)
			return co.callValueThis(recv, base, argc, names, nil)
		}
	}
	m, kind := co.in.findMember(recv, name)
	switch kind {
	case memberMethod:
		if x, ok := co.in.extBeatsMember(recv, m, name, co.stack[base:base+argc], names); ok {
			m = x
		}
		return co.callValueThis(m, base, argc, names, &recv)
	case memberProp:
		v, err := co.GetProp(recv, name)
		if err != nil {
			return err
		}
		co.stack[base-1] = v
		return co.callValueThis(v, base, argc, names, nil)
	}
	if recv.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "")
	}
	if in, ok := recv.o.(*Instance); ok {
		// a class nested in an object: Config.Entry(args)
		if n, ok := in.cls.Nested[name]; ok && !n.IsObject {
			co.stack[base-1] = Obj(n)
			return co.callValueThis(Obj(n), base, argc, names, nil)
		}
	}
	if c, ok := recv.o.(*Class); ok {
		// static access: enum valueOf/values, host statics, companion
		// object methods
		if m, ok := c.StaticMethods[name]; ok {
			return co.callValueThis(m, base, argc, names, nil)
		}
		if n, ok := c.Nested[name]; ok && !n.IsObject {
			co.stack[base-1] = Obj(n)
			return co.callValueThis(Obj(n), base, argc, names, nil)
		}
		if c.companion != nil || c.IsObject {
			obj := c
			if c.companion != nil {
				obj = c.companion
			}
			inst, err := co.objectInstance(obj)
			if err != nil {
				return err
			}
			co.stack[base-1] = inst
			return co.invokeMethod(name, base, argc, names)
		}
	}
	return co.in.NewError("java.lang.NoSuchMethodError", "Unresolved reference: "+name+" (on "+typeName(recv)+")")
}

// invokeSuper calls super.name(args) with this at stack[base-1].
func (co *Coroutine) invokeSuper(super *Class, name string, base, argc int) error {
	this := co.stack[base-1]
	if name == "<init>" {
		ctor, err := co.pickCtor(super, co.stack[base:base+argc], nil)
		if err != nil {
			return err
		}
		if ctor.o == nil {
			co.stack[base-1] = this
			co.sp = base
			return nil
		}
		return co.callValueThis(ctor, base, argc, nil, &this)
	}
	if m, ok := super.LookupMethod(name); ok {
		return co.callValueThis(m, base, argc, nil, &this)
	}
	if p := super.LookupProp(name); p != nil && argc == 0 {
		v, err := co.readProp(this, p)
		if err != nil {
			return err
		}
		co.stack[base-1] = v
		co.sp = base
		return nil
	}
	// Any's methods
	switch name {
	case "toString", "hashCode", "equals":
		v, err := co.anyMethod(name, this, co.stack[base:base+argc])
		if err != nil {
			return err
		}
		co.stack[base-1] = v
		co.sp = base
		return nil
	}
	return co.in.NewError("java.lang.NoSuchMethodError", "Unresolved reference: super."+name)
}

// spreadCall calls f with the elements of the array at the top of the
// stack: f arr -> result.
func (co *Coroutine) spreadCall(sp int, method string) error {
	// the compiler passes one array per argument: the spread arrays
	// themselves and single-element arrays for the others
	l, ok := co.stack[sp-1].o.(*List)
	if !ok {
		return co.in.NewError("java.lang.IllegalStateException", "spread argument is not an array")
	}
	var elems []Value
	var names []string // set when named arguments follow
	for _, part := range l.Elems {
		if na, ok := part.o.(*namedArg); ok {
			if names == nil {
				names = make([]string, len(elems))
			}
			elems = append(elems, na.v)
			names = append(names, na.name)
			continue
		}
		p, ok := part.o.(*List)
		if !ok {
			return co.in.NewError("java.lang.ClassCastException", typeName(part)+" cannot be spread: it is not an array")
		}
		elems = append(elems, p.Elems...)
		for range p.Elems {
			if names != nil {
				names = append(names, "")
			}
		}
	}
	base := sp - 1
	if err := co.ensure(base + len(elems) + 8); err != nil {
		return err
	}
	copy(co.stack[base:], elems)
	co.sp = base + len(elems)
	if method != "" {
		return co.invokeMethod(method, base, len(elems), names)
	}
	return co.callValueThis(co.stack[base-1], base, len(elems), names, nil)
}

// namedArg is a named argument of a call with spread arguments, in the
// array of argument arrays the call receives.
type namedArg struct {
	name string
	v    Value
}

// Class implements Object.
func (*namedArg) Class() *Class { return anyClass }

// getProp reads property name of the value at stack[idx] and stores the
// result there. pushed reports that a getter frame was entered instead.
func (co *Coroutine) getProp(name string, idx int) (pushed bool, err error) {
	recv := co.stack[idx]
	if in, ok := recv.o.(*Instance); ok {
		if p := in.cls.LookupProp(name); p != nil {
			if p.Getter.o == nil && p.Slot >= 0 {
				v := in.Fields[p.Slot]
				if v.o == nil && p.Lateinit {
					return false, co.in.NewError("kotlin.UninitializedPropertyAccessException", "lateinit property "+name+" has not been initialized")
				}
				co.stack[idx] = v
				return false, nil
			}
			if cl, ok := p.Getter.o.(*Closure); ok {
				co.sp = idx + 1
				return true, co.enter(cl, idx+1, 0, nil, &recv)
			}
		}
	}
	v, err := co.GetProp(recv, name)
	if err != nil {
		return false, err
	}
	co.stack[idx] = v
	return false, nil
}

// setProp assigns stack[idx+1] to property name of stack[idx], leaving Unit
// at stack[idx] (or entering a setter frame, which leaves its result there).
func (co *Coroutine) setProp(name string, idx int) (pushed bool, err error) {
	recv, v := co.stack[idx], co.stack[idx+1]
	if in, ok := recv.o.(*Instance); ok {
		if p := in.cls.LookupProp(name); p != nil {
			if p.conv != KNull {
				v = convertNumber(v, p.conv)
				co.stack[idx+1] = v
			}
			if p.Setter.o == nil && p.Slot >= 0 {
				in.Fields[p.Slot] = v
				co.stack[idx] = Unit
				co.sp = idx + 1
				return false, nil
			}
			if cl, ok := p.Setter.o.(*Closure); ok {
				co.sp = idx + 2
				return true, co.enter(cl, idx+1, 1, nil, &recv)
			}
		}
	}
	if err := co.SetProp(recv, name, v); err != nil {
		return false, err
	}
	co.stack[idx] = Unit
	co.sp = idx + 1
	return false, nil
}

// implicitReceiver returns the n-th implicit receiver of frame fr.
func (co *Coroutine) implicitReceiver(fr *frame, n int) (Value, error) {
	if r, ok := co.implicitAt(fr, n); ok {
		return r, nil
	}
	return Null, co.in.NewError("java.lang.IllegalStateException", "no implicit receiver")
}

// dynFallbackNone marks a DYNNAME/DYNCALL without a fallback.
const dynFallbackNone = 0xFFFFFFFF

// dynFallbackConst flags a fallback that is a constant index (a built-in)
// rather than a global slot.
const dynFallbackConst = 0x80000000

// lookupImplicit finds the innermost implicit receiver of fr that has a
// member called name.
func (co *Coroutine) lookupImplicit(fr *frame, name string, call bool) (Value, bool) {
	for i := 0; ; i++ {
		r, ok := co.implicitAt(fr, i)
		if !ok {
			return Null, false
		}
		if co.receiverHas(fr, i, r, name, call) {
			return r, true
		}
	}
}

// receiverHas reports whether r, the i-th implicit receiver of fr, has a
// member called name.
func (co *Coroutine) receiverHas(fr *frame, i int, r Value, name string, call bool) bool {
	return co.in.hasMember(r, name, call) || i == 0 && fr.hasThis && declares(fr.fn.recvCls, name, call)
}

// declares reports whether class c (an extension function's declared
// receiver type) has a member called name: it is visible on `this` even
// when the runtime class hides it as an implicit receiver (ScopeMembers:
// in `fun Job.f()`, a coroutine's isCompleted).
func declares(c *Class, name string, call bool) bool {
	if c == nil || c.ScopeMembers != nil {
		return false
	}
	if _, ok := c.LookupMethod(name); ok && call {
		return true
	}
	return c.LookupProp(name) != nil
}

func (co *Coroutine) dynFallback(fn *Function, g uint32, name string) (Value, error) {
	switch {
	case g == dynFallbackNone:
		return Null, co.in.NewError("java.lang.NoSuchMethodError", "Unresolved reference: "+name)
	case g&dynFallbackConst != 0:
		return fn.consts[g&^dynFallbackConst], nil
	}
	return fn.mod.globals[g], nil
}

// dynName pushes the value of name read from the innermost implicit
// receiver that has it, else the fallback.
func (co *Coroutine) dynName(fr *frame, name string, g int32, sp int) (bool, error) {
	if r, ok := co.lookupImplicit(fr, name, false); ok {
		co.stack[sp] = r
		co.sp = sp + 1
		return co.getProp(name, sp)
	}
	v, err := co.dynFallback(fr.fn, uint32(g), name)
	if err != nil {
		return false, err
	}
	if n, ok := v.o.(*Native); ok && n.Getter {
		if v, err = callNative(co, n, Null, nil); err != nil {
			return false, err
		}
	}
	co.stack[sp] = v
	return false, nil
}

// implicitAt returns the i-th implicit receiver of fr, innermost first,
// and whether there is one.
func (co *Coroutine) implicitAt(fr *frame, i int) (Value, bool) {
	if fr.hasThis {
		if i == 0 {
			return co.stack[fr.base-1], true
		}
		i--
	}
	if fr.cl != nil && i < len(fr.cl.recvs) {
		return fr.cl.recvs[i], true
	}
	return Null, false
}

// lookupImplicitCached is lookupImplicit for a call with the inline cache
// of its site: which receiver has the member is remembered, keyed by the
// classes of the receivers asked, until extensions change.
func (co *Coroutine) lookupImplicitCached(fr *frame, ic *atomic.Pointer[icEntry], name string) (Value, bool) {
	epoch := co.in.extEpoch.Load()
	if e := ic.Load(); e != nil && e.epoch == epoch && co.implicitMatch(fr, e.recvs) {
		if e.hit >= 0 {
			return co.implicitAt(fr, e.hit)
		}
		if _, more := co.implicitAt(fr, len(e.recvs)); !more {
			return Null, false
		}
	}
	e := &icEntry{epoch: epoch, hit: -1}
	var found Value
	for i := 0; ; i++ {
		r, ok := co.implicitAt(fr, i)
		if !ok {
			break
		}
		e.recvs = append(e.recvs, classOf(r))
		if co.receiverHas(fr, i, r, name, true) {
			e.hit, found = i, r
			break
		}
	}
	ic.Store(e)
	return found, e.hit >= 0
}

// implicitMatch reports whether the innermost implicit receivers of fr
// have the classes cls.
func (co *Coroutine) implicitMatch(fr *frame, cls []*Class) bool {
	for i, c := range cls {
		r, ok := co.implicitAt(fr, i)
		if !ok || classOf(r) != c {
			return false
		}
	}
	return true
}

// dynCall calls name(args) on the innermost implicit receiver that has such
// a member, else calls the fallback function. The arguments are at
// stack[base:base+argc], stack[base-1] is a placeholder for the result.
func (co *Coroutine) dynCall(fr *frame, ic *atomic.Pointer[icEntry], name string, g uint32, base, argc int, names []string) error {
	if r, ok := co.lookupImplicitCached(fr, ic, name); ok {
		co.stack[base-1] = r
		return co.invokeMethod(name, base, argc, names)
	}
	v, err := co.dynFallback(fr.fn, g, name)
	if err != nil {
		return err
	}
	co.stack[base-1] = v
	return co.callValueThis(v, base, argc, names, nil)
}

// pickCtor chooses the constructor of c for args: the most specific of
// the primary and secondary ones that applies (see pickOverload), else
// one whose parameter count fits. static: the arguments' static types,
// where known.
func (co *Coroutine) pickCtor(c *Class, args []Value, static []*TypeTest) (Value, error) {
	if len(c.ctors) == 0 {
		return c.ctor, nil
	}
	argc := len(args)
	all := make([]Value, 0, len(c.ctors)+1)
	if c.ctor.o != nil {
		all = append(all, c.ctor)
	}
	all = append(all, c.ctors...)
	if best, ok, ambiguous := mostSpecific(all, nil, args, static); ok {
		if ambiguous && allKnown(static, argc) {
			return Null, co.in.NewError("java.lang.IllegalStateException", "Overload resolution ambiguity: no constructor of "+c.Name+" is more specific than the others for these arguments")
		}
		return best, nil
	}
	for _, v := range all {
		if cl, ok := v.o.(*Closure); ok && cl.fn.nparams == argc {
			return v, nil
		}
	}
	for _, v := range all {
		if cl, ok := v.o.(*Closure); ok && cl.fn.nparams >= argc && (cl.fn.hasDefault || cl.fn.vararg >= 0) {
			return v, nil
		}
	}
	return Null, co.in.NewError("java.lang.IllegalArgumentException", "no constructor of "+c.Name+" takes "+itoa(argc)+" arguments")
}

// objInitMu guards the creation of object singletons.
var objInitMu sync.Mutex

// objectInstance returns the singleton of an object declaration, creating
// it on first use (as the JVM initialises an object's class lazily).
func (co *Coroutine) objectInstance(c *Class) (Value, error) {
	objInitMu.Lock()
	if c.Statics.o != nil {
		v := c.Statics
		objInitMu.Unlock()
		return v, nil
	}
	inst := NewInstance(c)
	c.Statics = Obj(inst)
	objInitMu.Unlock()
	if c.ctor.o != nil {
		if _, err := co.CallMethodSync(c.ctor, c.Statics); err != nil {
			return Null, err
		}
	}
	return c.Statics, nil
}

// Overloads is a set of functions sharing a name (overloads by parameter
// count or types); a call picks one by its arguments. Name is the shared
// name and Fns the functions, in declaration order.
type Overloads struct {
	Name string
	Fns  []Value
	// recvs, for a set of extensions, holds their receiver types.
	recvs []*TypeTest
}

// Class implements Object.
func (*Overloads) Class() *Class { return FunctionClass }

// addOverload adds fn to the function (or overload set) old.
func addOverload(old, fn Value, name string) Value {
	switch o := old.o.(type) {
	case *Overloads:
		o.Fns = append(o.Fns, fn)
		return old
	case *Closure, *Native:
		return Obj(&Overloads{Name: name, Fns: []Value{old, fn}})
	}
	return fn
}

// pickOverload chooses the function of set for args (see overload.go):
// the most specific that applies; when none applies by the declared types
// (a literal converted to a Long parameter), the first whose count fits,
// then one that can take the arguments with defaults or varargs. static
// holds the arguments' static types where the call site knows them.
func (co *Coroutine) pickOverload(set *Overloads, args []Value, names []string, static []*TypeTest) (Value, error) {
	argc := len(args)
	if names == nil {
		best, ok, ambiguous := mostSpecific(set.Fns, set.recvs, args, static)
		if ambiguous && allKnown(static, argc) {
			return Null, co.in.NewError("java.lang.IllegalStateException", "Overload resolution ambiguity: no function "+set.Name+" is more specific than the others for these arguments")
		}
		if ok {
			return best, nil
		}
	}
	fits := func(f *Function) bool { return f.nparams == argc && names == nil }
	for _, v := range set.Fns {
		if cl, ok := v.o.(*Closure); ok && fits(cl.fn) && cl.fn.acceptsTypes(args) {
			return v, nil
		}
	}
	for _, v := range set.Fns {
		if cl, ok := v.o.(*Closure); ok && fits(cl.fn) {
			return v, nil
		}
	}
	for _, v := range set.Fns {
		cl, ok := v.o.(*Closure)
		if !ok {
			return v, nil
		}
		if cl.fn.vararg >= 0 || (argc <= cl.fn.nparams && (cl.fn.hasDefault || names != nil)) {
			return v, nil
		}
	}
	return Null, co.in.NewError("java.lang.IllegalArgumentException", "no overload of "+set.Name+" takes "+itoa(argc)+" arguments")
}

// callNative calls a built-in. A Go runtime error inside it (a native that
// indexes an argument the script did not pass) becomes a script exception
// instead of an internal error.
func callNative(co *Coroutine, n *Native, recv Value, args []Value) (v Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(runtime.Error); !ok {
				panic(r)
			}
			v, err = Null, co.in.NewError("java.lang.IllegalArgumentException",
				fmt.Sprintf("bad arguments for %s (%d given): %v", n.Name, len(args), r))
		}
	}()
	return n.Fn(co, recv, args)
}

// outerAlong follows the outer-instance fields path from the inner class
// instance this.
func outerAlong(this Value, path []int) Value {
	for _, slot := range path {
		inst, ok := this.o.(*Instance)
		if !ok || slot >= len(inst.Fields) {
			return Null
		}
		this = inst.Fields[slot]
	}
	return this
}

// envOf returns the environment of the local class instance this, held in
// field slot-1 and of at least nfree values, or nil when this is not one.
func (co *Coroutine) envOf(this Value, slot, nfree int) *Closure {
	inst, ok := this.o.(*Instance)
	if !ok || slot > len(inst.Fields) {
		return nil
	}
	env, _ := inst.Fields[slot-1].o.(*Closure)
	if env == nil || len(env.free) < nfree {
		return nil
	}
	return env
}

// boundClass is the value of a local class's name: the class and the
// environment (captured locals) its instances get.
type boundClass struct {
	idHash
	cls *Class
	env *Closure
}

// Class implements Object.
func (b *boundClass) Class() *Class { return classClass }

// memberExt is an extension function (or property accessor) declared in
// class cls: it runs with two receivers, the extension receiver as `this`
// and an instance of cls, the dispatch receiver, as implicit receiver 1.
type memberExt struct {
	idHash
	cls    *Class
	fn     *Function
	name   string
	setter bool // a property's setter
}

// others lists the member extensions of the same name and kind as m
// (those of other classes).
func (m *memberExt) others(in *Interp) []*memberExt {
	var out []*memberExt
	for _, e := range in.exts[m.name] {
		v := e.fn
		if m.setter {
			v = e.setter
		}
		if o, ok := v.o.(*memberExt); ok && o != m {
			out = append(out, o)
		}
	}
	return out
}

// Class implements Object.
func (m *memberExt) Class() *Class { return functionClass }

// dispatchReceiver finds, among the implicit receivers of the calling
// frame (innermost first), an instance of cls: the dispatch receiver of a
// member extension called there.
func (co *Coroutine) dispatchReceiver(cls *Class) (Value, bool) {
	if len(co.frames) == 0 {
		return Null, false
	}
	fr := &co.frames[len(co.frames)-1]
	for i := 0; ; i++ {
		r, ok := co.implicitAt(fr, i)
		if !ok {
			return Null, false
		}
		if classOf(r).IsSubclassOf(cls) {
			return r, true
		}
	}
}

// enterMemberExt calls member extension fn with dispatch receiver d (see
// enter); a member extension of a local class reads its captured values
// from d's environment.
func (co *Coroutine) enterMemberExt(fn *Function, d Value, base, argc int, names []string, this *Value) error {
	cl := &Closure{fn: fn, recvs: []Value{d}}
	if fn.dispatchEnv > 0 {
		env := co.envOf(d, fn.dispatchEnv, fn.envFree)
		if env == nil {
			return co.in.NewError("java.lang.IllegalStateException", fn.Name+" called without its local class's environment")
		}
		cl.free = env.free
	}
	return co.enter(cl, base, argc, names, this)
}
