package interp

import "github.com/ktcoro/ktcoro/lang"

// Final classes and members, as kotlinc checks them: a class extends only
// an open, abstract or sealed class, a member overrides only an open one
// (abstract, open, an interface's, or an override not marked final), and
// a member that has the signature of an inherited open one says
// `override`. Only supertypes declared in the same compilation are
// checked (the built-in classes scripts extend are open).

// checkFinal reports kotlinc's errors for d, whose supertypes have been
// resolved.
func (c *compiler) checkFinal(d *lang.ClassDecl, cls *Class) {
	for _, s := range d.Supers {
		sc := c.lookupClass(s.Type.Name)
		if sc == nil {
			continue
		}
		if sd, ok := c.classDecls[sc]; ok && !inheritable(sd) {
			c.errorAt(s.Type.Pos(), s.Type.Name, "this type is final, so it cannot be extended.")
		}
	}
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.FunDecl:
			if m.Receiver == nil {
				c.checkOverride(cls, m.Pos(), m.NamePos, m.Name, m.Mods, m.Params, true)
			}
		case *lang.VarDecl:
			if m.Receiver == nil && m.Name != "" {
				c.checkOverride(cls, m.Pos(), m.NamePos, m.Name, m.Mods, nil, false)
			}
		}
	}
	if d.HasCtor {
		for _, p := range d.CtorParams {
			if p.Prop != "" {
				c.checkOverride(cls, p.Pos(), p.Pos(), p.Name, p.Mods, nil, false)
			}
		}
	}
}

// inheritable reports whether a class declaration may be extended.
func inheritable(d *lang.ClassDecl) bool {
	return d.Kind == lang.ClassKindInterface || d.Mods.Open || d.Mods.Abstract || d.Mods.Sealed
}

// checkOverride checks one member of cls against the member it would
// override: fun members by name and parameter types, properties by name.
func (c *compiler) checkOverride(cls *Class, at, namePos lang.Pos, name string, mods lang.Modifiers, params []*lang.Param, fun bool) {
	if mods.Visibility == "private" {
		return
	}
	owner, sm, smods := c.inheritedMember(cls, name, params, fun)
	if owner == nil {
		return
	}
	open := smods.Open || smods.Abstract || smods.Override && !smods.Final || owner.Kind == lang.ClassKindInterface
	switch {
	case mods.Override && !open:
		c.errorAt(at, "override", "'%s' in '%s' is final and cannot be overridden.", name, owner.Name)
	case !mods.Override && sm != nil:
		c.errorAt(namePos, name, "'%s' hides member of supertype '%s' and needs an 'override' modifier.", name, owner.Name)
	}
}

// inheritedMember finds the member of cls's supertypes (declared in this
// compilation) that a member name with params would override: the class
// declaring it, the member and its modifiers. Private members are not
// inherited.
func (c *compiler) inheritedMember(cls *Class, name string, params []*lang.Param, fun bool) (*lang.ClassDecl, lang.Stmt, lang.Modifiers) {
	seen := map[*Class]bool{}
	supers := append([]*Class{cls.Super}, cls.Interfaces...)
	for len(supers) > 0 {
		sc := supers[0]
		supers = supers[1:]
		if sc == nil || seen[sc] {
			continue
		}
		seen[sc] = true
		sd, ok := c.classDecls[sc]
		if !ok {
			continue
		}
		for _, m := range sd.Members {
			switch m := m.(type) {
			case *lang.FunDecl:
				if fun && m.Receiver == nil && m.Name == name && m.Mods.Visibility != "private" && sameParams(m.Params, params) {
					return sd, m, m.Mods
				}
			case *lang.VarDecl:
				if !fun && m.Receiver == nil && m.Name == name && m.Mods.Visibility != "private" {
					return sd, m, m.Mods
				}
			}
		}
		if !fun && sd.HasCtor {
			for _, p := range sd.CtorParams {
				if p.Prop != "" && p.Name == name && p.Mods.Visibility != "private" {
					return sd, nil, p.Mods
				}
			}
		}
		supers = append(supers, sc.Super)
		supers = append(supers, sc.Interfaces...)
	}
	return nil, nil, lang.Modifiers{}
}

// sameParams reports whether two parameter lists have the same written
// types (an overload has other ones).
func sameParams(a, b []*lang.Param) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if typeText(a[i].Type) != typeText(b[i].Type) || a[i].Mods.Vararg != b[i].Mods.Vararg {
			return false
		}
	}
	return true
}

// typeText is a written type's name with its nullability, for comparing
// signatures.
func typeText(t *lang.TypeRef) string {
	if t == nil {
		return ""
	}
	s := t.Name
	if t.Nullable {
		s += "?"
	}
	return s
}
