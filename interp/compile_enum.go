package interp

import (
	"slices"

	"github.com/ktcoro/ktcoro/lang"
)

// Enum classes: their entries (with arguments and bodies) and statics.

// enumEntries emits the creation of d's enum entries (and of nested enums).
func (c *compiler) enumEntries(fc *funcCompiler, d *lang.ClassDecl) {
	for _, m := range d.Members {
		if nd, ok := m.(*lang.ClassDecl); ok {
			c.enumEntries(fc, nd)
		}
	}
	if !d.Mods.Enum {
		return
	}
	cls := c.classes[d]
	for i, e := range d.EnumEntries {
		ecls := cls
		if len(e.Members) > 0 {
			sub := &lang.ClassDecl{At: e.At, Name: cls.Name, Members: e.Members, Kind: lang.ClassKindClass}
			ecls = &Class{Name: cls.Name, Super: cls, Props: map[string]*Prop{}, Methods: map[string]Value{}, Fields: cls.Fields}
			c.classes[sub] = ecls
			c.noteClass(sub, ecls)
			ecls.headerDone = true
			for _, m := range e.Members {
				if f, ok := m.(*lang.FunDecl); ok && (f.Body != nil || f.ExprBody != nil) {
					ecls.Methods[f.Name] = Obj(&Closure{})
				}
			}
			// properties of the body are getters (`override val p = 1`
			// reads as `get() = 1`): the entry shares its enum's fields
			var props []*lang.VarDecl
			for _, m := range e.Members {
				if v, ok := m.(*lang.VarDecl); ok && v.Receiver == nil && v.Name != "" && v.Delegate == nil {
					g := *v
					if g.Getter == nil || (g.Getter.Body == nil && g.Getter.ExprBody == nil) {
						g.Getter = &lang.Accessor{At: v.At, ExprBody: v.Init}
					}
					g.Init, g.Setter, g.Mutable = nil, nil, false
					if g.Getter.ExprBody == nil && g.Getter.Body == nil {
						continue
					}
					c.memberPropHeader(ecls, &g, sub)
					props = append(props, &g)
				}
			}
			ecls.members = map[string]bool{}
			for n := range ecls.Methods {
				ecls.members[n] = true
			}
			ctx := &classCtx{cls: ecls, decl: sub, members: ecls.members}
			for _, g := range props {
				c.accessors(ecls, ctx, g, nil)
			}
			for _, m := range e.Members {
				if f, ok := m.(*lang.FunDecl); ok && (f.Body != nil || f.ExprBody != nil) {
					ecls.Methods[f.Name].o.(*Closure).fn = c.compileFunDecl(nil, f, ctx, cls.Name+"."+e.Name)
				}
			}
			ecls.ctor = cls.ctor
			ecls.ctors = cls.ctors
		}
		fc.mark(e.Pos())
		fc.emitConst(Obj(enumEntryNative))
		fc.emitConst(Obj(cls))
		fc.emitConst(Obj(ecls))
		fc.emitConst(String(e.Name))
		fc.emitConst(Int(int32(i)))
		argc := c.enumEntryArgs(fc, d, e)
		fc.emit(CALL, 4+argc, -4-argc)
		fc.emit(POP, 0, -1)
	}
}

// enumEntryArgs compiles the constructor arguments of enum entry e and
// returns their count. Named ones (`A(code = 1)`) are put in the primary
// constructor's parameter order, a skipped parameter with a default
// passed as absent (its default is used).
func (c *compiler) enumEntryArgs(fc *funcCompiler, d *lang.ClassDecl, e *lang.EnumEntry) int {
	named := false
	for _, a := range e.Args {
		named = named || a.Name != ""
	}
	if !named {
		argc, _, _ := fc.args(e.Args, nil, "", nil)
		return argc
	}
	byParam := make([]*lang.Arg, len(d.CtorParams))
	for i, a := range e.Args {
		idx := i
		if a.Name != "" {
			idx = slices.IndexFunc(d.CtorParams, func(p *lang.Param) bool { return p.Name == a.Name })
		}
		if idx < 0 || idx >= len(byParam) {
			c.errorf(a.Pos(), "no parameter with name '%s' found.", a.Name)
			continue
		}
		byParam[idx] = a
	}
	n := len(byParam)
	for n > 0 && byParam[n-1] == nil {
		n--
	}
	for _, a := range byParam[:n] {
		if a == nil {
			fc.emitConst(absent)
			continue
		}
		fc.expr(a.Value)
	}
	return n
}

// enumEntryNative creates one enum entry: (enumClass, entryClass, name,
// ordinal, ctor args...).
var enumEntryNative = &Native{Name: "<enum entry>", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
	cls := args[0].o.(*Class)
	ecls := args[1].o.(*Class)
	inst := NewInstance(ecls)
	inst.Fields[enumNameSlot] = args[2]
	inst.Fields[enumOrdinalSlot] = args[3]
	this := Obj(inst)
	ctor, err := co.pickCtor(ecls, args[4:], nil)
	if err != nil {
		return Null, err
	}
	if ctor.o != nil {
		if _, err := co.CallMethodSync(ctor, this, args[4:]...); err != nil {
			return Null, err
		}
	}
	cls.EnumValues = append(cls.EnumValues, this)
	if cls.StaticProps == nil {
		cls.StaticProps = map[string]Value{}
	}
	if l, ok := cls.StaticProps["entries"].o.(*List); ok {
		l.Append(this)
	} else {
		cls.StaticProps["entries"] = Obj(NewList([]Value{this}))
	}
	return this, nil
}}

// enumStatics adds values() and valueOf() to an enum class.
func (c *compiler) enumStatics(cls *Class) {
	cls.StaticMethods = map[string]Value{
		"values": Obj(&Native{Name: "values", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
			return Obj(NewArray(append([]Value(nil), cls.EnumValues...))), nil
		}}),
		// __entries is enumEntries<E>(), the list E.entries reads
		"__entries": Obj(&Native{Name: "entries", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
			return Obj(NewList(append([]Value(nil), cls.EnumValues...))), nil
		}}),
		"valueOf": Obj(&Native{Name: "valueOf", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
			name := args[0].AsString()
			for _, e := range cls.EnumValues {
				if e.o.(*Instance).Fields[enumNameSlot].AsString() == name {
					return e, nil
				}
			}
			return Null, co.in.NewError("java.lang.IllegalArgumentException", "No enum constant "+cls.Name+"."+name)
		}}),
	}
}
