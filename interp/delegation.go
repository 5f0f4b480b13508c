package interp

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// This file implements class delegation, `class C(x: I) : I by x`. The
// class gets a private field per delegate, initialised first in the
// constructor, and a forwarding member for every member of the interface
// (and its superinterfaces) the class does not declare itself, written
// as ordinary members so that calls, overloads and implicit receivers
// treat them like any other:
//
//	private val $delegate0 = x
//	override fun f(a: A) = this.$delegate0.f(a)
//	override val p get() = this.$delegate0.p
//
// A built-in interface (CharSequence, List, ...) has no declaration to
// read: its members come from builtinDelegated.

// builtinDelegated lists the members a class delegating a built-in
// interface forwards: functions with their arities (one forwarding
// overload each), properties with -1.
var builtinDelegated = map[string]map[string][]int{}

func init() {
	prop := []int{-1}
	add := func(name, base string, members map[string][]int) {
		m := map[string][]int{}
		maps.Copy(m, builtinDelegated[base])
		maps.Copy(m, members)
		builtinDelegated[name] = m
	}
	add("CharSequence", "", map[string][]int{"length": prop, "get": {1}, "subSequence": {2}, "iterator": {0}})
	add("Comparable", "", map[string][]int{"compareTo": {1}})
	add("Iterable", "", map[string][]int{"iterator": {0}})
	add("MutableIterable", "Iterable", nil)
	add("Collection", "Iterable", map[string][]int{"size": prop, "isEmpty": {0}, "contains": {1}, "containsAll": {1}})
	mutable := map[string][]int{"add": {1}, "addAll": {1}, "remove": {1}, "removeAll": {1}, "retainAll": {1}, "clear": {0}}
	add("MutableCollection", "Collection", mutable)
	add("Set", "Collection", nil)
	add("MutableSet", "MutableCollection", nil)
	add("List", "Collection", map[string][]int{"get": {1}, "indexOf": {1}, "lastIndexOf": {1}, "subList": {2}, "listIterator": {0, 1}})
	add("MutableList", "List", mutable)
	maps.Copy(builtinDelegated["MutableList"], map[string][]int{"add": {1, 2}, "addAll": {1, 2}, "removeAt": {1}, "set": {2}})
	add("Map", "", map[string][]int{"size": prop, "isEmpty": {0}, "containsKey": {1}, "containsValue": {1}, "get": {1},
		"getOrDefault": {2}, "iterator": {0}, "keys": prop, "values": prop, "entries": prop})
	add("MutableMap", "Map", map[string][]int{"put": {2}, "set": {2}, "putAll": {1}, "remove": {1}, "clear": {0}})
}

// delegation adds the delegate fields and forwarding members of d's
// `I by expr` supertypes to d.Members (once).
func (c *compiler) delegation(d *lang.ClassDecl) {
	declared := map[string]bool{}
	// declaredFun and arities: the names declared as functions, and the
	// parameter counts declared or forwarded for each (a built-in
	// interface's overloads are forwarded one by one)
	declaredFun := map[string]bool{}
	arities := map[string][]int{}
	for _, p := range d.CtorParams {
		if p.Prop != "" {
			declared[p.Name] = true
		}
	}
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.FunDecl:
			if m.Receiver == nil {
				declared[m.Name] = true
				declaredFun[m.Name] = true
				arities[m.Name] = append(arities[m.Name], len(m.Params))
			}
		case *lang.VarDecl:
			if m.Receiver == nil {
				if strings.HasPrefix(m.Name, "$delegate") {
					return // already expanded
				}
				declared[m.Name] = true
			}
		}
	}
	var added []lang.Stmt
	for i, s := range d.Supers {
		if s.Delegate == nil || s.Type == nil {
			continue
		}
		at := s.At
		field := "$delegate" + strconv.Itoa(i)
		added = append(added, &lang.VarDecl{At: at, Mods: lang.Modifiers{Visibility: "private"}, Name: field, NamePos: at.P, Init: s.Delegate})
		recv := func() lang.Expr {
			return &lang.Member{At: at, X: &lang.This{At: at}, Name: field, NamePos: at.P}
		}
		var forwardTo func(name string, x lang.Expr, target string, params []*lang.Param)
		forwardTo = func(name string, x lang.Expr, target string, params []*lang.Param) {
			var args []*lang.Arg
			var ps []*lang.Param
			for _, p := range params {
				np := &lang.Param{At: p.At, Mods: lang.Modifiers{Vararg: p.Mods.Vararg}, Name: p.Name, Type: p.Type, Default: p.Default}
				ps = append(ps, np)
				args = append(args, &lang.Arg{At: at, Value: &lang.Ident{At: at, Name: p.Name}, Spread: p.Mods.Vararg})
			}
			call := &lang.Call{At: at, Fn: &lang.Member{At: at, X: x, Name: target, NamePos: at.P}, Args: args}
			added = append(added, &lang.FunDecl{At: at, Mods: lang.Modifiers{Override: true}, Name: name, NamePos: at.P, Params: ps, ExprBody: call})
		}
		forwardFun := func(name string, params []*lang.Param) {
			forwardTo(name, recv(), name, params)
		}
		forwardProp := func(name string, mutable bool, t *lang.TypeRef) {
			v := &lang.VarDecl{At: at, Mods: lang.Modifiers{Override: true}, Mutable: mutable, Name: name, NamePos: at.P, Type: t,
				Getter: &lang.Accessor{At: at, ExprBody: &lang.Member{At: at, X: recv(), Name: name, NamePos: at.P}}}
			if mutable {
				v.Setter = &lang.Accessor{At: at, Param: "value", Body: &lang.Block{At: at, Stmts: []lang.Stmt{
					&lang.Assign{At: at, Op: "=", Target: &lang.Member{At: at, X: recv(), Name: name, NamePos: at.P}, Value: &lang.Ident{At: at, Name: "value"}},
				}}}
			}
			added = append(added, v)
		}
		if b, ok := builtinDelegated[s.Type.Name]; ok && c.classDeclOf(s.Type.Name) == nil {
			for _, name := range slices.Sorted(maps.Keys(b)) {
				if declared[name] && !declaredFun[name] {
					continue // a property, or a member declared before this supertype
				}
				for _, n := range b[name] {
					if n < 0 {
						if !declared[name] {
							forwardProp(name, false, nil)
						}
						continue
					}
					if declaredFun[name] && slices.Contains(arities[name], n) {
						continue
					}
					var ps []*lang.Param
					for k := 0; k < n; k++ {
						ps = append(ps, &lang.Param{At: at, Name: "p" + strconv.Itoa(k)})
					}
					if name == "set" && strings.HasSuffix(s.Type.Name, "Map") {
						// m[k] = v is Kotlin's extension MutableMap.set: it calls put
						forwardTo(name, &lang.This{At: at}, "put", ps)
					} else {
						forwardFun(name, ps)
					}
					arities[name] = append(arities[name], n)
				}
				declared[name] = true
				declaredFun[name] = true
			}
			continue
		}
		seen := map[*lang.ClassDecl]bool{}
		var walk func(id *lang.ClassDecl)
		walk = func(id *lang.ClassDecl) {
			if id == nil || seen[id] {
				return
			}
			seen[id] = true
			own := map[string]bool{}
			for _, m := range id.Members {
				switch m := m.(type) {
				case *lang.FunDecl:
					if m.Receiver == nil && !declared[m.Name] && m.Mods.Visibility != "private" {
						own[m.Name] = true
						forwardFun(m.Name, m.Params)
					}
				case *lang.VarDecl:
					if m.Receiver == nil && m.Name != "" && !declared[m.Name] && m.Mods.Visibility != "private" {
						own[m.Name] = true
						forwardProp(m.Name, m.Mutable, m.Type)
					}
				}
			}
			for n := range own {
				declared[n] = true
			}
			for _, sup := range id.Supers {
				if sup.Type != nil {
					walk(c.classDeclOf(sup.Type.Name))
				}
			}
		}
		walk(c.classDeclOf(s.Type.Name))
	}
	if len(added) > 0 {
		d.Members = append(added, d.Members...)
	}
}

// classDeclOf returns the declaration of the class named name compiled
// in this compilation, or nil.
func (c *compiler) classDeclOf(name string) *lang.ClassDecl {
	cls := c.lookupClass(name)
	if cls == nil {
		return nil
	}
	return c.classDecls[cls]
}

// inheritDefaults gives the parameters of d's overriding functions the
// default values the overridden declaration has (Kotlin forbids writing
// them again on an override; every override uses the inherited ones).
func (c *compiler) inheritDefaults(d *lang.ClassDecl, supers []*lang.SuperSpec) {
	for _, m := range d.Members {
		f, ok := m.(*lang.FunDecl)
		if !ok || !f.Mods.Override || f.Receiver != nil {
			continue
		}
		base := c.overridden(supers, f, map[*lang.ClassDecl]bool{})
		if base == nil {
			continue
		}
		for i, p := range f.Params {
			if p.Default == nil && base.Params[i].Default != nil {
				np := *p
				np.Default = base.Params[i].Default
				f.Params[i] = &np
			}
		}
	}
}

// overridden finds the declaration f overrides among supers (and their
// supertypes), with as many parameters, that has a default value.
func (c *compiler) overridden(supers []*lang.SuperSpec, f *lang.FunDecl, seen map[*lang.ClassDecl]bool) *lang.FunDecl {
	for _, s := range supers {
		if s.Type == nil {
			continue
		}
		sd := c.classDeclOf(s.Type.Name)
		if sd == nil || seen[sd] {
			continue
		}
		seen[sd] = true
		for _, m := range sd.Members {
			if g, ok := m.(*lang.FunDecl); ok && g.Name == f.Name && g.Receiver == nil && len(g.Params) == len(f.Params) &&
				slices.ContainsFunc(g.Params, func(p *lang.Param) bool { return p.Default != nil }) {
				return g
			}
		}
		if g := c.overridden(sd.Supers, f, seen); g != nil {
			return g
		}
	}
	return nil
}
