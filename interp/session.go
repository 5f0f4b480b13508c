package interp

import (
	"maps"
	"sort"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/parser"
)

// Interactive sessions (the REPL).
//
// Every Compile of an interpreter adds to the same top-level scope: the
// functions, classes and properties of one program are visible to the
// programs compiled after it (a later declaration of the same name hides
// the earlier one). A REPL compiles each input with CompileInput and runs
// its initialiser in a coroutine; the functions below let it look at the
// session's names and values.

// CompileInput compiles one input of an interactive session, named name
// in diagnostics and stack traces. It differs from Compile in two ways:
//
//   - the top-level code may call suspend functions (delay, join, ...):
//     the host must run the initialiser (Program.Init) in a coroutine;
//   - when report is not "", the initialiser ends by calling the built-in
//     function named report: with the value of the input's last statement
//     when that is an expression (`1 + 1`, `println(x)`, `if (c) a else b`),
//     with no argument otherwise (a declaration, an assignment, a loop).
//     The call is made only when the code ran to its end, so it tells the
//     host both the value and that the top-level code is done, while the
//     coroutines it launched may go on.
//
// Errors are a lang.ErrorList with source lines attached, as for Compile.
// Like Compile, it must not run concurrently with scripts.
func (in *Interp) CompileInput(name string, src []byte, report string) (*Program, error) {
	f, err := parser.ParseFileStop(name, src, func() error { return in.compileStopped(nil) })
	if err != nil {
		return nil, err
	}
	if report != "" {
		in.topReport = addReport(f, report)
	}
	in.topSuspend = true
	p, err := in.CompileFile(f)
	in.topSuspend, in.topReport = false, nil
	if l, ok := err.(lang.ErrorList); ok {
		l.AttachSource(string(src))
	}
	return p, err
}

// scopeSnapshot is the top-level scope of an interpreter before a
// compilation: a program that fails to compile is rolled back to it, so
// that its declarations (a function whose body did not compile, a class)
// are not left behind half-made.
type scopeSnapshot struct {
	globalDecls map[string]*global
	types       map[string]*Class
	aliases     map[string]*lang.TypeAliasDecl
	exts        map[string][]*extension
	reified     map[string][]*lang.TypeParam
	nglobals    int
	nshadowed   int
}

// snapshot copies the maps of the top-level scope (the values they hold
// are not changed by a compilation, only added or replaced).
func (in *Interp) snapshot() *scopeSnapshot {
	return &scopeSnapshot{
		globalDecls: maps.Clone(in.globalScope()),
		types:       maps.Clone(in.types),
		aliases:     maps.Clone(in.aliases),
		exts:        maps.Clone(in.exts),
		reified:     maps.Clone(in.reified),
		nglobals:    len(in.mod.globals),
		nshadowed:   len(in.mod.shadowed),
	}
}

// rollback restores the top-level scope of s.
func (in *Interp) rollback(s *scopeSnapshot) {
	in.globalDecls, in.types, in.aliases, in.exts, in.reified = s.globalDecls, s.types, s.aliases, s.exts, s.reified
	m := in.mod
	if s.nglobals <= len(m.globals) {
		clear(m.globals[s.nglobals:])
		m.globals, m.names, m.used = m.globals[:s.nglobals], m.names[:s.nglobals], m.used[:s.nglobals]
	}
	if s.nshadowed <= len(m.shadowed) {
		m.shadowed = m.shadowed[:s.nshadowed]
	}
}

// addReport rewrites the end of f to call report (see CompileInput).
func addReport(f *lang.File, report string) *lang.Call {
	at := f.At
	var args []*lang.Arg
	if n := len(f.Body); n > 0 {
		last := f.Body[n-1]
		at = lang.At{P: last.Pos()}
		if es, ok := last.(*lang.ExprStmt); ok && hasValue(es.X) {
			f.Body = f.Body[:n-1]
			args = []*lang.Arg{{At: at, Value: es.X}}
		}
	}
	call := &lang.Call{At: at, Fn: &lang.Ident{At: at, Name: report}, Args: args}
	f.Body = append(f.Body, &lang.ExprStmt{At: at, X: call})
	return call
}

// hasValue reports whether an expression statement is also valid as an
// expression whose value is shown (an `if` without else, or a `when`
// without else, is a statement).
func hasValue(x lang.Expr) bool {
	switch x := x.(type) {
	case *lang.If:
		return x.Else != nil
	case *lang.When:
		for _, e := range x.Entries {
			if e.Else {
				return true
			}
		}
		return false
	case *lang.Return, *lang.Break, *lang.Continue:
		return false
	}
	return true
}

// SetGlobal declares a read-only top-level property name with value v, as
// `val name = v` would (the REPL's res0, res1, ...). Like the definitions
// of a program, it must not race with running scripts: call it from a
// native (which runs while it holds the interpreter) or before scripts
// run.
func (in *Interp) SetGlobal(name string, v Value) {
	g := &global{slot: in.newGlobal(name), init: true}
	in.mod.globals[g.slot] = v
	in.globalScope()[name] = g
}

// LookupGlobal returns the current value of the top-level name (the latest
// declaration of a script's property, function or class, else a
// built-in). Properties with a custom getter or a delegate, and
// properties not initialised yet, are not looked up (reading them could
// run script code). The caller must not race with running scripts.
func (in *Interp) LookupGlobal(name string) (Value, bool) {
	if g, ok := in.globalDecls[name]; ok {
		switch {
		case g.isConst:
			return g.value, true
		case g.getter != nil || g.delegate || !g.init:
			return Null, false
		case g.slot >= 0 && g.slot < len(in.mod.globals):
			return in.mod.globals[g.slot], true
		}
		return Null, false
	}
	v, ok := in.builtins[name]
	return v, ok
}

// TopLevelNames returns, sorted, the names a script can use at top level:
// the declarations of the programs compiled so far and the built-ins.
// Internal names (those that are not identifiers) are left out. The caller
// must not race with running scripts.
func (in *Interp) TopLevelNames() []string {
	set := map[string]bool{}
	for n := range in.globalDecls {
		set[n] = true
	}
	for n := range in.builtins {
		set[n] = true
	}
	return sortedNames(set)
}

// MemberNames returns, sorted, the names of the methods and properties
// that can follow `v.`: the members of v's class and its supertypes, the
// extensions that apply to v, and for a class used as a value its static
// members (enum entries, nested classes, companion members). The caller
// must not race with running scripts.
func (in *Interp) MemberNames(v Value) []string {
	set := map[string]bool{}
	addClass := func(c *Class) {
		seen := map[*Class]bool{}
		var walk func(c *Class)
		walk = func(c *Class) {
			if c == nil || seen[c] {
				return
			}
			seen[c] = true
			for n := range c.Methods {
				set[n] = true
			}
			for n, p := range c.Props {
				if !p.Private {
					set[n] = true
				}
			}
			walk(c.Super)
			for _, i := range c.Interfaces {
				walk(i)
			}
		}
		walk(c)
	}
	addClass(classOf(v))
	for n, list := range in.exts {
		for _, e := range list {
			if e.recv.Test(v) {
				set[n] = true
				break
			}
		}
	}
	if c, ok := v.o.(*Class); ok {
		for n := range c.StaticMethods {
			set[n] = true
		}
		for n := range c.StaticProps {
			set[n] = true
		}
		for n := range c.Nested {
			set[n] = true
		}
		for _, e := range c.EnumValues {
			if inst, ok := e.o.(*Instance); ok {
				set[inst.Fields[enumNameSlot].AsString()] = true
			}
		}
		if c.companion != nil {
			addClass(c.companion)
		}
	}
	return sortedNames(set)
}

// ClearInterrupt undoes Interrupt: scripts run again normally. A host
// that interrupted a runaway evaluation and wants to go on with the same
// interpreter (the REPL) calls it once the interrupted code has stopped.
// Safe from any goroutine.
func (in *Interp) ClearInterrupt() { in.interrupted.Store(false) }

// sortedNames returns the identifiers of set, sorted.
func sortedNames(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for n := range set {
		if isIdentifier(n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// isIdentifier reports whether s is a plain identifier (not an internal
// name such as "<init>" or "$result").
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return !strings.HasPrefix(s, "__")
}
