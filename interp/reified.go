package interp

import "github.com/ktcoro/ktcoro/lang"

// This file compiles reified type parameters. A function declared with
// `<reified T>` gets one hidden parameter per reified type parameter,
// after the declared ones, named "$T"; a call that writes its type
// arguments (`f<String>(x)`) passes them by that name as TypeTest values
// (or, inside another reified function, passes its own "$T" on). Inside
// the function `is T`, `as T`, `as? T`, `T::class` and
// `filterIsInstance<T>()` read the hidden parameter. A call that writes no
// type argument leaves it at its default, the erased type (Any?).

// reifiedName is the hidden parameter holding type parameter name.
func reifiedName(name string) string { return "$" + name }

// noteReified records the functions of f (top-level, members, local)
// that have reified type parameters, so that calls compiled before the
// declaration pass the type arguments too.
func (in *Interp) noteReified(f *lang.File) {
	lang.Inspect(f, func(n lang.Node) bool {
		if d, ok := n.(*lang.FunDecl); ok {
			for _, tp := range d.TypeParams {
				if tp.Reified {
					if in.reified == nil {
						in.reified = map[string][]*lang.TypeParam{}
					}
					if _, seen := in.reified[d.Name]; !seen {
						in.reified[d.Name] = d.TypeParams
					}
					break
				}
			}
		}
		return true
	})
}

// declareReified declares the hidden type-argument parameters of a
// function with reified type parameters (after declareParams) and emits
// their default, the erased type.
func (fc *funcCompiler) declareReified(tps []*lang.TypeParam) {
	for _, tp := range tps {
		if !tp.Reified {
			continue
		}
		name := reifiedName(tp.Name)
		l := fc.declare(name, false)
		l.cell = false
		fc.fn.params = append(fc.fn.params, param{name: name, hasDefault: true})
		fc.fn.nparams++
		fc.fn.nhidden++
		fc.fn.hasDefault = true
		fc.emit(HASNEXTARG, l.slot, 1)
		j := fc.jump(JMPT)
		fc.emitConst(Obj(AnyType))
		fc.emit(STORE, l.slot, -1)
		fc.patch(j, fc.pc())
	}
}

// reifiedArgs compiles the type arguments a call of name passes to its
// reified type parameters, after the argc arguments (named by names, nil
// when positional), and returns the new count and names.
func (fc *funcCompiler) reifiedArgs(e *lang.Call, name string, argc int, names []string) (int, []string) {
	if reifiedTypeArg[name] && len(e.TypeArgs) == 1 && argc == 0 {
		// filterIsInstance<T>() on an implicit receiver
		fc.typeArgValue(e.TypeArgs[0])
		return 1, nil
	}
	tps := fc.c.in.reified[name]
	if len(tps) == 0 || len(e.TypeArgs) != len(tps) {
		return argc, names
	}
	for i, tp := range tps {
		if !tp.Reified {
			continue
		}
		if names == nil {
			names = make([]string, argc)
		}
		fc.typeArgValue(e.TypeArgs[i])
		names = append(names, reifiedName(tp.Name))
		argc++
	}
	return argc, names
}

// isReified reports whether t names a reified type parameter of the
// function being compiled (or of one enclosing it).
func (fc *funcCompiler) isReified(t *lang.TypeRef) bool {
	if t == nil || t.Func != nil || len(t.Args) > 0 {
		return false
	}
	name := reifiedName(t.Name)
	return fc.lookupLocal(name) != nil || fc.resolveFree(name) != nil
}

// typeArgValue pushes the TypeTest for type argument t: the caller's own
// hidden parameter for a reified T, else a constant.
func (fc *funcCompiler) typeArgValue(t *lang.TypeRef) {
	if fc.isReified(t) {
		fc.loadName(reifiedName(t.Name), t.Pos())
		if t.Nullable {
			fc.emitConst(fc.c.in.builtins["$nullableType"])
			fc.emit(SWAP, 0, 0)
			fc.emit(CALL, 1, -1)
		}
		return
	}
	fc.emitConst(Obj(fc.c.typeTest(t, nil)))
}

// reifiedTest compiles `x is T`, `x as T` or `x as? T` (x on the stack)
// for a reified T: op is "$isType", "$asType" or "$asSafeType".
func (fc *funcCompiler) reifiedTest(op string, t *lang.TypeRef, pos lang.Pos) {
	fc.emitConst(fc.c.in.builtins[op])
	fc.emit(SWAP, 0, 0)
	fc.typeArgValue(t)
	fc.mark(pos)
	fc.emit(CALL, 2, -2)
}

// installReified defines the natives reified code calls.
func installReified(in *Interp) {
	typeArg := func(v Value) *TypeTest {
		if t, ok := v.o.(*TypeTest); ok {
			return t
		}
		return AnyType
	}
	in.builtins["$isType"] = Obj(&Native{Name: "$isType", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		return Bool(typeArg(args[1]).Test(args[0])), nil
	}})
	cast := func(safe bool) func(co *Coroutine, _ Value, args []Value) (Value, error) {
		return func(co *Coroutine, _ Value, args []Value) (Value, error) {
			v, t := args[0], typeArg(args[1])
			if !t.Test(v) {
				if safe {
					return Null, nil
				}
				return Null, co.castError(v, t)
			}
			return v, nil
		}
	}
	in.builtins["$asType"] = Obj(&Native{Name: "$asType", Fn: cast(false)})
	in.builtins["$asSafeType"] = Obj(&Native{Name: "$asSafeType", Fn: cast(true)})
	in.builtins["$nullableType"] = Obj(&Native{Name: "$nullableType", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		t := *typeArg(args[0])
		t.Nullable = true
		return Obj(&t), nil
	}})
	in.builtins["$typeClass"] = Obj(&Native{Name: "$typeClass", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		t := typeArg(args[0])
		if t.cls == nil {
			return Obj(&KClassValue{Of: AnyClass}), nil
		}
		return Obj(&KClassValue{Of: t.cls}), nil
	}})
}
