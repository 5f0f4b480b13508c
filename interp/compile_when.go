package interp

// The exhaustiveness of `when`: over a subject whose declared type is a
// sealed class or interface, an enum or Boolean (nullable or not), a
// `when` without else must cover every case, as kotlinc demands of both
// when expressions and when statements.

import (
	"slices"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// checkExhaustive reports kotlinc's error for e when its subject is a
// parameter or variable declared with such a type and a case is missing.
// A subject of unknown type, or one an earlier `is` test may have smart
// cast, is not checked.
func (fc *funcCompiler) checkExhaustive(e *lang.When) {
	id, ok := e.Subject.(*lang.Ident)
	if !ok || e.SubjectVar != "" {
		return
	}
	for _, ent := range e.Entries {
		if ent.Else && ent.Guard == nil {
			return
		}
	}
	t := fc.declaredType(id.Name)
	if t == nil || t.Func != nil || fc.smartCast(id.Name) {
		return
	}
	cov := fc.whenCoverage(e)
	var missing []string
	switch name := strings.TrimPrefix(t.Name, "kotlin."); {
	case name == "Boolean":
		for _, b := range []string{"true", "false"} {
			if !cov.lits[b] {
				missing = append(missing, b)
			}
		}
	default:
		cls := fc.c.lookupClass(t.Name)
		if cls == nil || cls.decl == nil {
			return
		}
		switch {
		case cls.Enum:
			for _, en := range cls.decl.EnumEntries {
				if !cov.lits[en.Name] && !cov.covers(cls) {
					missing = append(missing, en.Name)
				}
			}
		case cls.Sealed:
			if !cov.covers(cls) {
				missing = fc.c.missingSubclasses(cls, cov, missing)
			}
		default:
			return
		}
	}
	if t.Nullable && !cov.lits["null"] {
		missing = append(missing, "null")
	}
	if len(missing) == 0 {
		return
	}
	for i, m := range missing {
		missing[i] = "'" + m + "'"
	}
	what := missing[0] + " branch"
	if len(missing) > 1 {
		what = strings.Join(missing, ", ") + " branches"
	}
	fc.c.errorAt(e.Pos(), "when", "'when' expression must be exhaustive. Add the %s or an 'else' branch.", what)
}

// declaredType returns the declared type of the parameter or variable
// called name, or nil.
func (fc *funcCompiler) declaredType(name string) *lang.TypeRef {
	if l := fc.lookupLocal(name); l != nil {
		return l.typ
	}
	if f := fc.resolveFree(name); f != nil {
		return f.typ
	}
	return nil
}

// smartCast reports whether an `is` test on name was compiled before in
// this function or the functions around it (kotlinc may have narrowed
// the name's type since).
func (fc *funcCompiler) smartCast(name string) bool {
	for f := fc; f != nil; f = f.parent {
		if f.isTested[name] {
			return true
		}
	}
	return false
}

// noteIsTest records an `is` test on x when x is a name (see smartCast).
func (fc *funcCompiler) noteIsTest(x lang.Expr) {
	if id, ok := x.(*lang.Ident); ok {
		if fc.isTested == nil {
			fc.isTested = map[string]bool{}
		}
		fc.isTested[id.Name] = true
	}
}

// coverage is what the unguarded branches of a when match: the classes
// of `is` conditions, and the names of literals, objects and enum entries
// of `==` conditions.
type coverage struct {
	types []*Class
	lits  map[string]bool
}

// covers reports whether an `is` branch matches every instance of c.
func (cv *coverage) covers(c *Class) bool {
	for _, t := range cv.types {
		if c.IsSubclassOf(t) {
			return true
		}
	}
	return false
}

func (fc *funcCompiler) whenCoverage(e *lang.When) *coverage {
	cv := &coverage{lits: map[string]bool{}}
	for _, ent := range e.Entries {
		if ent.Guard != nil {
			continue
		}
		for _, cnd := range ent.Conds {
			switch cnd.Kind {
			case "is":
				if cnd.Type.Nullable {
					cv.lits["null"] = true
				}
				if c := fc.c.lookupClass(cnd.Type.Name); c != nil {
					cv.types = append(cv.types, c)
				}
			case "expr":
				switch x := cnd.X.(type) {
				case *lang.NullLit:
					cv.lits["null"] = true
				case *lang.BoolLit:
					if x.Value {
						cv.lits["true"] = true
					} else {
						cv.lits["false"] = true
					}
				default:
					if n := dottedName(x); n != "" {
						// an object (Empty, Expr.Zero) or an enum entry
						// (Color.RED): matched by its last name
						cv.lits[n[strings.LastIndexByte(n, '.')+1:]] = true
					}
				}
			}
		}
	}
	return cv
}

// dottedName returns `a.b.c` for an identifier or a chain of member
// accesses on one, else "".
func dottedName(x lang.Expr) string {
	switch x := x.(type) {
	case *lang.Ident:
		return x.Name
	case *lang.Member:
		if p := dottedName(x.X); p != "" && !x.Safe {
			return p + "." + x.Name
		}
	}
	return ""
}

// missingSubclasses appends to out the subclasses of sealed class c that
// cov does not match, as kotlinc names them: the leaves of the sealed
// hierarchy in the order of its inheritors' names, an object by its
// name and a class as `is Name`.
func (c *compiler) missingSubclasses(sealed *Class, cov *coverage, out []string) []string {
	var subs []*Class
	for _, x := range c.classes {
		if x == sealed || x.anonymous {
			continue
		}
		if x.Super == sealed || slices.Contains(x.Interfaces, sealed) {
			subs = append(subs, x)
		}
	}
	slices.SortFunc(subs, func(a, b *Class) int { return strings.Compare(qualName(a), qualName(b)) })
	for _, s := range subs {
		switch {
		case cov.covers(s):
		case s.Sealed:
			out = c.missingSubclasses(s, cov, out)
		case s.IsObject:
			if !cov.lits[s.Name] {
				out = append(out, s.Name)
			}
		default:
			out = append(out, "is "+s.Name)
		}
	}
	return out
}

// qualName is c's name with the names of the classes it is nested in.
func qualName(c *Class) string {
	n := c.Name
	for o := c.outer; o != nil; o = o.outer {
		n = o.Name + "." + n
	}
	return n
}
