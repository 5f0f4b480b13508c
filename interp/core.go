package interp

import "strings"

// Core natives the compiler itself refers to.

// throwNative throws a built-in exception: (class name, message).
var throwNative = &Native{Name: "<throw>", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
	return Null, co.in.NewError(args[0].AsString(), args[1].AsString())
}}

// KClassValue is what `X::class` evaluates to: the KClass of the class Of.
type KClassValue struct {
	Of *Class
}

// Class implements Object.
func (*KClassValue) Class() *Class { return KClassClass }

func (k *KClassValue) toString(co *Coroutine) (string, error) {
	name := k.Of.QName
	if name == "" {
		name = k.Of.Name
	}
	if k.Of.Interface {
		return "interface " + name, nil
	}
	return "class " + name, nil
}

func (k *KClassValue) equals(co *Coroutine, other Value) (bool, error) {
	o, ok := other.o.(*KClassValue)
	return ok && o.Of == k.Of, nil
}

func (k *KClassValue) hashCode(co *Coroutine) (int32, error) { return identityHash(k.Of), nil }

// boundMethod is `obj::name`: calling it calls obj.name(args); for a
// property it reads (or, with `set`, writes) the property.
type boundMethod struct {
	recv Value
	name string
}

// BoundRefClass is the class of bound callable references (obj::f,
// this::prop): `invoke`, `get`, `set`, `name`, `isInitialized`.
var BoundRefClass = NewClass("KCallable", "kotlin.reflect.KCallable", FunctionClass)

func (*boundMethod) Class() *Class { return BoundRefClass }

func (b *boundMethod) call(co *Coroutine, a []Value) (Value, error) {
	if len(a) == 0 {
		if _, kind := co.in.findMember(b.recv, b.name); kind == memberProp {
			return co.GetProp(b.recv, b.name)
		}
	}
	return co.CallMethod(b.recv, b.name, a...)
}

func init() {
	BoundRefClass.AddMethod("invoke", func(co *Coroutine, this Value, args []Value) (Value, error) {
		return this.o.(*boundMethod).call(co, args)
	})
	BoundRefClass.AddMethod("get", func(co *Coroutine, this Value, args []Value) (Value, error) {
		b := this.o.(*boundMethod)
		return co.GetProp(b.recv, b.name)
	})
	BoundRefClass.AddMethod("set", func(co *Coroutine, this Value, args []Value) (Value, error) {
		b := this.o.(*boundMethod)
		return Unit, co.SetProp(b.recv, b.name, args[0])
	})
	BoundRefClass.AddProp("name", func(co *Coroutine, this Value, args []Value) (Value, error) {
		return String(this.o.(*boundMethod).name), nil
	})
	BoundRefClass.AddProp("isInitialized", func(co *Coroutine, this Value, args []Value) (Value, error) {
		b := this.o.(*boundMethod)
		if in, ok := b.recv.o.(*Instance); ok {
			if p := in.cls.LookupProp(b.name); p != nil && p.Slot >= 0 {
				return Bool(in.Fields[p.Slot].o != nil), nil
			}
		}
		return True, nil
	})
}

// scriptArgs returns the script's command-line arguments as one
// Array<String>: `args` of main and of a script's top-level code.
func (in *Interp) scriptArgs() Value {
	if in.argsArray.o == nil {
		elems := make([]Value, len(in.opts.Args))
		for i, a := range in.opts.Args {
			elems[i] = String(a)
		}
		in.argsArray = Obj(NewArray(elems))
	}
	return in.argsArray
}

func installCore(in *Interp) {
	installReified(in)
	// a script's top-level code sees its arguments as `args`, as a Kotlin
	// script does (a parameter or declaration of that name hides it)
	in.DefineGetter("args", func(co *Coroutine, _ Value, _ []Value) (Value, error) {
		return co.in.scriptArgs(), nil
	})
	in.builtins["$kclass"] = Obj(&Native{Name: "$kclass", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		switch o := args[0].o.(type) {
		case *Class:
			return Obj(&KClassValue{Of: o}), nil
		case *KClassValue:
			return args[0], nil
		}
		return Obj(&KClassValue{Of: classOf(args[0])}), nil
	}})
	in.builtins["$boundRef"] = Obj(&Native{Name: "$boundRef", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		// args is a window on the VM stack: copy what the reference keeps
		return Obj(&boundMethod{recv: args[0], name: args[1].AsString()}), nil
	}})
	in.builtins["$unboundRef"] = Obj(&Native{Name: "$unboundRef", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		name := args[0].AsString()
		if c, ok := args[1].o.(*Class); ok && !c.Interface && c.ctor.o == nil && c.factory == nil && c.StaticMethods != nil {
			if m, ok := c.StaticMethods[name]; ok {
				return m, nil
			}
		}
		return Obj(&Native{Name: name, unbound: true, Fn: func(co *Coroutine, _ Value, a []Value) (Value, error) {
			if len(a) == 0 {
				return Null, co.in.NewError("java.lang.IllegalArgumentException", "missing receiver for ::"+name)
			}
			recv := a[0]
			if len(a) == 1 {
				if _, kind := co.in.findMember(recv, name); kind == memberProp {
					return co.GetProp(recv, name)
				}
			}
			return co.CallMethod(recv, name, a[1:]...)
		}}), nil
	}})
}

// UnboundRefClass is the class of unbound callable references
// (String::length, Item::price): natives marked unbound, taking the
// receiver first, with `get`, `set` and `name` as on a KProperty1.
var UnboundRefClass = NewClass("KCallable", "kotlin.reflect.KCallable", FunctionClass)

func init() {
	UnboundRefClass.AddMethod("get", func(co *Coroutine, this Value, args []Value) (Value, error) {
		if len(args) != 1 {
			return Null, co.in.NewError("java.lang.IllegalArgumentException", "get of a property reference takes its receiver")
		}
		return co.GetProp(args[0], this.o.(*Native).Name)
	})
	UnboundRefClass.AddMethod("set", func(co *Coroutine, this Value, args []Value) (Value, error) {
		if len(args) != 2 {
			return Null, co.in.NewError("java.lang.IllegalArgumentException", "set of a property reference takes its receiver and a value")
		}
		return Unit, co.SetProp(args[0], this.o.(*Native).Name, args[1])
	})
	// ::f.name: the name of a function (a reference to it is the function);
	// types.go's init, which makes the core classes' maps, runs after this
	if FunctionClass.Props == nil {
		FunctionClass.Props = map[string]*Prop{}
	}
	FunctionClass.AddProp("name", func(co *Coroutine, this Value, args []Value) (Value, error) {
		name := ""
		switch f := this.o.(type) {
		case *Closure:
			name = f.fn.Name
		case *Native:
			name = f.Name
		}
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		return String(name), nil
	})
}
