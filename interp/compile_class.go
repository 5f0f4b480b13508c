package interp

import (
	"context"
	"fmt"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/parser"
)

// Program is a compiled file: its initialiser (top-level declarations and
// statements, in order) and its main function, if any. File is the file
// name it was compiled with. A Program is immutable, and its accessors are
// safe from any goroutine; it belongs to the interpreter that compiled it,
// whose globals and built-ins its code refers to, and runs only there
// (Interp.Run).
type Program struct {
	File        string
	init        *Function
	main        Value
	mainArgs    bool
	mainSuspend bool
	resultType  string
}

// ResultType returns, for a program CompileInput made with a report
// call, the static type of the value it reports as Kotlin writes it
// (`List<Int>`) where the compiler knows it, else "".
func (p *Program) ResultType() string { return p.resultType }

// Init returns the program's top-level initialiser as a callable value.
func (p *Program) Init() Value { return Obj(&Closure{fn: p.init}) }

// Main returns the program's main function, or null when it has none.
func (p *Program) Main() Value { return p.main }

// MainTakesArgs reports whether main declares the args parameter.
func (p *Program) MainTakesArgs() bool { return p.mainArgs }

// MainSuspends reports whether main is a `suspend fun main`.
func (p *Program) MainSuspends() bool { return p.mainSuspend }

// InitFunction returns the initialiser's compiled code (for --disasm).
func (p *Program) InitFunction() *Function { return p.init }

// Compile parses and compiles a source file named filename (the name
// used in diagnostics and stack traces). Its declarations join the
// interpreter's top-level scope. Errors are a lang.ErrorList with source
// lines attached. Compile must not run concurrently with scripts or other
// compilations of the interpreter (with the standard library installed,
// call it under coroutines.Locked or before scripts run).
func (in *Interp) Compile(filename string, src []byte) (*Program, error) {
	return in.CompileContext(context.Background(), filename, src)
}

// CompileContext is Compile that stops when ctx is done or the
// interpreter is interrupted (Interrupt): the error is then an
// *Interrupted. The parser and the compiler poll every thousand tokens
// or nodes or so, so even a pathological file stops within milliseconds.
func (in *Interp) CompileContext(ctx context.Context, filename string, src []byte) (*Program, error) {
	f, err := parser.ParseFileStop(filename, src, func() error { return in.compileStopped(ctx) })
	if err != nil {
		return nil, err
	}
	p, err := in.CompileFileContext(ctx, f)
	if l, ok := err.(lang.ErrorList); ok {
		l.AttachSource(string(src))
	}
	return p, err
}

// CompileFile compiles a parsed file, as Compile does. Errors are a
// lang.ErrorList (without source lines: see lang.ErrorList.AttachSource);
// an internal compiler failure is reported as a diagnostic, never as a
// panic. Like Compile, it must not run concurrently with scripts.
func (in *Interp) CompileFile(f *lang.File) (prog *Program, err error) {
	return in.CompileFileContext(context.Background(), f)
}

// CompileFileContext is CompileFile that stops, as CompileContext does,
// when ctx is done or the interpreter is interrupted.
func (in *Interp) CompileFileContext(ctx context.Context, f *lang.File) (prog *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog = nil
			if stop, ok := r.(compileStop); ok {
				err = stop.err
				return
			}
			err = lang.ErrorList{{File: f.Name, Pos: lang.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("internal compiler error: %v.", r)}}
		}
	}()
	if in.preCompile != nil && !in.inPreCompile {
		in.inPreCompile = true
		err := in.preCompile(f)
		in.inPreCompile = false
		if err != nil {
			return nil, err
		}
	}
	in.mod.releaseShadowed()
	snap := in.snapshot()
	defer func() {
		if prog == nil { // a program that does not compile leaves nothing behind
			in.rollback(snap)
		}
	}()
	in.noteReified(f)
	c := &compiler{in: in, ctx: ctx, file: f.Name, library: f.Name == PreludeFile || in.library[f.Name], globals: in.globalScope(), classes: map[*lang.ClassDecl]*Class{},
		methodClosures: map[*lang.FunDecl]*Closure{}, declaredHere: map[string]bool{}}
	for _, imp := range f.Imports {
		if !in.importOK(imp) {
			name, off := in.unresolvedImport(imp)
			// the path follows `import ` (kotlinc points at the name)
			at := lang.Pos{Line: imp.Pos().Line, Col: imp.Pos().Col + int32(len("import ")+off)}
			c.errorAt(at, name, "unresolved reference '%s'.", name)
		}
	}
	// pass 0: type aliases, which any declaration may use
	for _, s := range f.Body {
		if d, ok := s.(*lang.TypeAliasDecl); ok {
			if in.aliases == nil {
				in.aliases = map[string]*lang.TypeAliasDecl{}
			}
			in.aliases[d.Name] = d
		}
	}
	// pass 1: declare every top-level name
	var classDecls []*lang.ClassDecl
	for _, s := range f.Body {
		switch d := s.(type) {
		case *lang.FunDecl:
			cl := &Closure{}
			if d.Receiver != nil {
				in.DefineExtension(d.Name, c.typeTest(d.Receiver, d.TypeParams), Obj(cl), false)
				c.pendingExt = append(c.pendingExt, pendingFun{d, cl})
				continue
			}
			if g, ok := c.globals[d.Name]; ok && g.fun != nil && g.isConst && c.declaredHere[d.Name] {
				// an overload: calls choose by argument count and types
				g.value = addOverload(g.value, Obj(cl), d.Name)
				g.overloaded = true
			} else {
				if _, ok := c.globals[d.Name]; ok && !c.declaredHere[d.Name] {
					c.redeclared = append(c.redeclared, d.Name)
				}
				c.globals[d.Name] = &global{fun: d, value: Obj(cl), isConst: true, prelude: c.file == PreludeFile}
			}
			c.declaredHere[d.Name] = true
			c.pendingFun = append(c.pendingFun, pendingFun{d, cl})
		case *lang.VarDecl:
			if d.Receiver != nil {
				c.pendingExtProps = append(c.pendingExtProps, d)
				continue
			}
			names := d.Destructure
			if names == nil {
				names = []string{d.Name}
			}
			for _, n := range names {
				if n == "_" {
					continue
				}
				g := &global{slot: in.newGlobal(n), mutable: d.Mutable, delegate: d.Delegate != nil, recvFn: recvFnOf(d.Type), inPlace: inPlaceDecl(d), prim: primitiveDecl(d)}
				if d.Delegate == nil {
					g.conv = numericKind(d.Type)
				}
				if d.Getter != nil && (d.Getter.Body != nil || d.Getter.ExprBody != nil) {
					g.getter = &Closure{}
				}
				if d.Setter != nil && (d.Setter.Body != nil || d.Setter.ExprBody != nil) {
					g.setter = &Closure{}
				}
				if g.getter != nil || g.setter != nil {
					c.pendingTopProps = append(c.pendingTopProps, d)
				}
				c.globals[n] = g
			}
		case *lang.ClassDecl:
			cls := c.declareClass(d, nil)
			c.globals[d.Name] = &global{cls: cls, value: Obj(cls), isConst: true}
			classDecls = append(classDecls, d)
		}
	}
	for _, d := range classDecls {
		c.classHeader(d)
	}
	c.collectMemberNames()
	// pass 2: bodies
	for _, d := range classDecls {
		c.classBody(d, nil)
	}
	for _, p := range c.pendingFun {
		p.cl.fn = c.compileFunDecl(nil, p.d, nil, "")
		p.cl.fn.paramTypes = c.paramTypes(p.d.Params, p.d.TypeParams)
	}
	for _, p := range c.pendingExt {
		p.cl.fn = c.compileFunDecl(nil, p.d, nil, "")
		p.cl.fn.paramTypes = c.paramTypes(p.d.Params, p.d.TypeParams)
	}
	for _, d := range c.pendingExtProps {
		c.extensionProp(d, nil, nil)
	}
	for _, d := range c.pendingTopProps {
		c.topAccessors(d)
	}
	// pass 3: the initialiser
	// top-level variables are globals, never cells: no capture scan
	fc := c.newFunc(nil, "<top-level>", f.Pos(), nil)
	c.top = fc
	fc.label = "<top-level>"
	fc.suspend = in.topSuspend
	for _, d := range classDecls {
		c.enumEntries(fc, d)
	}
	for _, s := range f.Body {
		switch d := s.(type) {
		case *lang.FunDecl, *lang.ClassDecl, *lang.TypeAliasDecl:
			continue
		case *lang.VarDecl:
			if d.Receiver != nil {
				continue
			}
			fc.mark(d.Pos())
			c.topVar(fc, d)
			continue
		}
		fc.stmt(s)
	}
	var resultType string
	if r := in.topReport; r != nil && len(r.Args) == 1 {
		if t := fc.exprType(r.Args[0].Value); t != nil && !t.null {
			resultType = t.name
		}
	}
	fc.emit(UNIT, 0, 1)
	fc.emit(RETURN, 0, -1)
	p := &Program{File: f.Name, init: fc.finish(), resultType: resultType}
	if g, ok := c.globals["main"]; ok && g.fun != nil && c.declaredHere["main"] {
		p.main = g.value
		p.mainArgs = len(g.fun.Params) > 0
		p.mainSuspend = g.fun.Mods.Suspend
	}
	if len(c.errs) > 0 {
		return nil, c.errs.Sort()
	}
	return p, nil
}

type pendingFun struct {
	d  *lang.FunDecl
	cl *Closure
}

// globalScope returns the top-level names of the session (REPL lines see
// earlier ones).
func (in *Interp) globalScope() map[string]*global {
	if in.globalDecls == nil {
		in.globalDecls = map[string]*global{}
	}
	return in.globalDecls
}

func (in *Interp) newGlobal(name string) int {
	if old, ok := in.globalDecls[name]; ok && !old.isConst && old.slot >= 0 && old.slot < len(in.mod.globals) {
		in.mod.shadowed = append(in.mod.shadowed, old.slot) // released at the next compilation
	}
	in.mod.globals = append(in.mod.globals, Null)
	in.mod.names = append(in.mod.names, name)
	in.mod.used = append(in.mod.used, false)
	return len(in.mod.globals) - 1
}

// unresolvedImport names the part of imp's path that kotlinc reports as
// unresolved: the first name that is not a known package prefix, or the
// imported name itself when its package is known; offset is where that
// name starts in the path.
func (in *Interp) unresolvedImport(imp *lang.Import) (name string, offset int) {
	parts := strings.Split(imp.Path, ".")
	prefix := ""
	for i, p := range parts {
		if i > 0 {
			prefix += "."
		}
		offset = len(prefix)
		prefix += p
		known := false
		for pkg := range in.imports {
			if pkg == prefix || strings.HasPrefix(pkg, prefix+".") {
				known = true
				break
			}
		}
		if !known {
			return p, offset
		}
	}
	return parts[len(parts)-1], offset
}

// importOK reports whether imp names a known package or declaration.
func (in *Interp) importOK(imp *lang.Import) bool {
	if in.imports[imp.Path] {
		return true
	}
	if imp.Star {
		return false
	}
	i := strings.LastIndexByte(imp.Path, '.')
	if i < 0 {
		return false
	}
	pkg, name := imp.Path[:i], imp.Path[i+1:]
	if !in.imports[pkg] {
		return false
	}
	if _, ok := in.builtins[name]; ok {
		return true
	}
	if _, ok := in.types[name]; ok {
		return true
	}
	if _, ok := in.globalDecls[name]; ok {
		return true // a prelude declaration (loaded before the file compiles)
	}
	_, ok := in.exts[name]
	return ok
}

func (c *compiler) topVar(fc *funcCompiler, d *lang.VarDecl) {
	if d.Destructure != nil {
		fc.expr(d.Init)
		fc.destructure(d.Destructure, func(n string) {
			fc.emit(SETGLOBAL, c.globals[n].slot, -1)
			c.globals[n].init = true
		})
		return
	}
	g := c.globals[d.Name]
	if d.Delegate == nil && d.Getter == nil {
		if d.Type != nil {
			g.sType = fc.declaredSType(d.Type)
		} else if t := fc.inferLocal(d); t != nil {
			g.sType = t
		}
	}
	switch {
	case d.Delegate != nil:
		fc.expr(d.Delegate)
		g.delegate = true
	case d.Init != nil:
		fc.markValue(d.Init)
		fc.checkType("initializer", d.Type, d.Init, d.EqPos)
		fc.typedExpr(d.Init, d.Type)
		if k := numericKind(d.Type); k != KNull {
			fc.emit(CONV, int(k), 0)
		}
	default:
		return
	}
	fc.emit(SETGLOBAL, g.slot, -1)
	g.init = true
}

// ---------------------------------------------------------------- classes

// EnumClass is the superclass of every enum class: fields name and ordinal.
var EnumClass *Class

const (
	enumNameSlot    = 0
	enumOrdinalSlot = 1
)

func init() {
	EnumClass = NewClass("Enum", "kotlin.Enum", AnyClass, ComparableClass)
	EnumClass.AddField("name", false)
	EnumClass.AddField("ordinal", false)
}

// declareClass creates the class skeleton for d (and its nested classes).
func (c *compiler) declareClass(d *lang.ClassDecl, outer *Class) *Class {
	cls := &Class{Name: d.Name, Props: map[string]*Prop{}, Methods: map[string]Value{},
		Interface: d.Kind == lang.ClassKindInterface, Abstract: d.Mods.Abstract || d.Mods.Sealed,
		Open: d.Mods.Open || d.Mods.Abstract || d.Mods.Sealed || d.Kind == lang.ClassKindInterface,
		Data: d.Mods.Data || d.Mods.Value, Enum: d.Mods.Enum, Sealed: d.Mods.Sealed,
		IsObject: d.Kind == lang.ClassKindObject, pos: d.Pos(), file: c.file, decl: d}
	cls.outer = outer
	cls.inner = d.Mods.Inner && outer != nil
	c.classes[d] = cls
	c.noteClass(d, cls)
	c.in.types[d.Name] = cls
	for _, m := range d.Members {
		if nd, ok := m.(*lang.ClassDecl); ok {
			n := c.declareClass(nd, cls)
			if cls.Nested == nil {
				cls.Nested = map[string]*Class{}
			}
			if nd.Mods.Companion {
				cls.companion = n
			}
			cls.Nested[nd.Name] = n
		}
	}
	return cls
}

// resolveClass resolves a type name to a class (script or built-in).
func (c *compiler) resolveClass(t *lang.TypeRef, pos lang.Pos) *Class {
	if cls := c.lookupClass(t.Name); cls != nil {
		return cls
	}
	c.unresolved(pos, t.Name)
	return AnyClass
}

func (c *compiler) lookupClass(name string) *Class {
	if cls, ok := c.in.types[name]; ok {
		return cls
	}
	if _, ok := c.in.aliases[name]; ok {
		if t := c.unalias(&lang.TypeRef{Name: name}); t.Func == nil && t.Name != name {
			return c.lookupClass(t.Name)
		}
		return nil
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if outer := c.lookupClass(name[:i]); outer != nil {
			if n, ok := outer.Nested[name[i+1:]]; ok {
				return n
			}
		}
		return c.in.types[name[i+1:]]
	}
	return nil
}

// unalias returns the type a type alias stands for (following aliases of
// aliases), or t when it names no alias. An alias's own type parameter
// stands for Any?.
func (c *compiler) unalias(t *lang.TypeRef) *lang.TypeRef {
	for range 64 { // a cycle of aliases ends here; kotlinc rejects one
		if t == nil || t.Func != nil {
			return t
		}
		a, ok := c.in.aliases[t.Name]
		if !ok {
			return t
		}
		if _, cls := c.in.types[t.Name]; cls {
			return t
		}
		nt := *a.Type
		nt.Nullable = nt.Nullable || t.Nullable
		for _, tp := range a.TypeParams {
			if tp.Name == nt.Name {
				nt = lang.TypeRef{At: nt.At, Name: "Any", Nullable: true}
			}
		}
		t = &nt
	}
	return t
}

// typeTest compiles a written type for is/as/catch/extension receivers.
func (c *compiler) typeTest(t *lang.TypeRef, tps []*lang.TypeParam) *TypeTest {
	if t == nil {
		return AnyType
	}
	t = c.unalias(t)
	if t.Func != nil {
		return &TypeTest{Name: "Function", fn: true, Nullable: t.Nullable}
	}
	for _, tp := range tps {
		if tp.Name == t.Name {
			return &TypeTest{Name: t.Name, any: true, Nullable: true}
		}
	}
	switch t.Name {
	case "Any", "kotlin.Any":
		return &TypeTest{Name: "Any", any: true, Nullable: t.Nullable}
	case "Nothing":
		return &TypeTest{Name: "Nothing", cls: NullClass, Nullable: t.Nullable}
	}
	cls := c.lookupClass(t.Name)
	if cls == nil {
		if len(t.Name) <= 2 && t.Name == strings.ToUpper(t.Name) {
			return &TypeTest{Name: t.Name, any: true, Nullable: true} // a type parameter
		}
		c.unresolved(t.Pos(), t.Name)
		return AnyType
	}
	return &TypeTest{Name: t.Name, cls: cls, Nullable: t.Nullable}
}

// inherits reports whether c is target or derives from it (tolerating
// cycles among classes still being declared).
func inherits(c, target *Class, seen map[*Class]bool) bool {
	if c == nil || seen[c] {
		return false
	}
	if c == target {
		return true
	}
	seen[c] = true
	if inherits(c.Super, target, seen) {
		return true
	}
	for _, i := range c.Interfaces {
		if inherits(i, target, seen) {
			return true
		}
	}
	return false
}

// noteClass records that d declares cls in this compilation.
func (c *compiler) noteClass(d *lang.ClassDecl, cls *Class) {
	if c.classDecls == nil {
		c.classDecls = map[*Class]*lang.ClassDecl{}
		c.rooted = map[*Class]bool{}
		c.throwable = map[*Class]bool{}
	}
	c.classDecls[cls] = d
}

// isRooted reports whether cls's supertypes are settled and acyclic: a
// class of an earlier compilation, or one whose header is done and whose
// supertypes are all rooted. A class cannot be among the ancestors of a
// rooted class while its own header is in progress.
func (c *compiler) isRooted(cls *Class) bool {
	if _, ours := c.classDecls[cls]; !ours {
		return true
	}
	return c.rooted[cls]
}

// isThrowable reports whether cls extends Throwable (its chain is fixed).
func (c *compiler) isThrowable(cls *Class) bool {
	if _, ours := c.classDecls[cls]; ours && c.rooted[cls] {
		return c.throwable[cls]
	}
	return cls.IsSubclassOf(ThrowableClass)
}

// classHeader fills in the superclass, fields and property table of d's
// class (superclasses first).
func (c *compiler) classHeader(d *lang.ClassDecl) {
	cls := c.classes[d]
	if cls.headerDone {
		return
	}
	cls.headerDone = true
	c.poll()
	defer func() {
		// rooted once every supertype is: the ancestry is final
		for _, i := range cls.Interfaces {
			if !c.isRooted(i) {
				return
			}
		}
		if cls.Super == nil || c.isRooted(cls.Super) {
			if cls.Super != nil {
				c.throwable[cls] = c.isThrowable(cls.Super)
			}
			c.rooted[cls] = true
		}
	}()
	for _, s := range d.Supers {
		sc := c.lookupClass(s.Type.Name)
		if sc == nil {
			c.unresolved(s.Pos(), s.Type.Name)
			continue
		}
		if sd, ok := c.classDecls[sc]; ok {
			c.classHeader(sd)
		}
		if !c.isRooted(sc) && inherits(sc, cls, map[*Class]bool{}) {
			c.errorAt(s.Pos(), s.Type.Name, "cycle in supertypes and/or containing declarations detected.")
			continue
		}
		if sc.Interface {
			cls.Interfaces = append(cls.Interfaces, sc)
		} else {
			cls.Super = sc
		}
	}
	if cls.Enum {
		cls.Super = EnumClass
	}
	c.checkFinal(d, cls)
	c.delegation(d)
	c.inheritDefaults(d, d.Supers)
	if cls.Super == nil && !cls.Interface {
		cls.Super = AnyClass
	}
	if cls.Super != nil {
		cls.Fields = append([]string(nil), cls.Super.Fields...)
	}
	if cls.inner {
		cls.Fields = append(cls.Fields, "this$0")
		cls.outerSlot = len(cls.Fields) - 1
		// outer.Inner(args) and Inner(args) inside the outer class
		inner := cls
		cls.outer.Methods[cls.Name] = Obj(&Native{Name: cls.Name, Fn: func(co *Coroutine, this Value, args []Value) (Value, error) {
			return co.newInner(inner, this, args)
		}})
	}
	if qn := cls.Super; qn != nil && c.isThrowable(qn) {
		cls.QName = cls.Name
	}
	for _, p := range d.CtorParams {
		if p.Prop != "" {
			slot := cls.addField(p.Name, p.Prop == "var")
			pr := cls.Props[p.Name]
			pr.Open = p.Mods.Open || p.Mods.Override
			pr.Private = p.Mods.Visibility == "private"
			pr.conv = numericKind(p.Type)
			pr.prim = primitiveType(p.Type)
			_ = slot
			if d.Mods.Data || d.Mods.Value {
				cls.dataProps = append(cls.dataProps, p.Name)
			}
		}
	}
	members := map[string]bool{}
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.VarDecl:
			if m.Receiver == nil {
				c.memberPropHeader(cls, m, d)
			}
		case *lang.FunDecl:
			if m.Receiver != nil {
				continue
			}
			members[m.Name] = true
			if m.Mods.Visibility == "private" {
				if cls.private == nil {
					cls.private = map[string]bool{}
				}
				cls.private[m.Name] = true
			}
			if m.Body != nil || m.ExprBody != nil {
				cl := &Closure{}
				c.methodClosures[m] = cl
				cls.Methods[m.Name] = addOverload(cls.Methods[m.Name], Obj(cl), m.Name)
			}
		case *lang.ClassDecl:
			c.classHeader(m)
		}
	}
	cls.members = members
	if d.Mods.Fun && cls.Interface {
		c.funInterface(cls, d)
	}
	if cls.Data {
		c.dataMethods(cls)
	}
	if cls.Enum {
		c.enumStatics(cls)
	}
}

func (c *compiler) memberPropHeader(cls *Class, m *lang.VarDecl, d *lang.ClassDecl) {
	needsField := m.Init != nil || m.Delegate != nil || m.Mods.Lateinit ||
		(m.Getter == nil && !(d.Kind == lang.ClassKindInterface) && !m.Mods.Abstract) ||
		accessorUsesField(m.Getter) || accessorUsesField(m.Setter)
	var p *Prop
	if needsField {
		cls.addField(m.Name, m.Mutable)
		p = cls.Props[m.Name]
	} else {
		p = &Prop{Name: m.Name, Slot: -1, Mutable: m.Mutable, Owner: cls}
		if m.Getter == nil && (d.Kind == lang.ClassKindInterface || m.Mods.Abstract) {
			// abstract: the implementing class provides it
			if cls.abstract == nil {
				cls.abstract = map[string]bool{}
			}
			cls.abstract[m.Name] = true
			return
		}
		cls.Props[m.Name] = p
	}
	p.Open = m.Mods.Open || m.Mods.Override || m.Mods.Abstract || d.Kind == lang.ClassKindInterface
	p.Private = m.Mods.Visibility == "private"
	p.Lateinit = m.Mods.Lateinit
	p.InPlace = inPlaceDecl(m)
	p.prim = primitiveDecl(m)
	if m.Delegate == nil {
		p.conv = numericKind(m.Type)
	}
	if m.Getter != nil && (m.Getter.Body != nil || m.Getter.ExprBody != nil) {
		p.Getter = Obj(&Closure{})
	}
	if m.Delegate != nil {
		p.Getter = Obj(&Closure{})
		if m.Mutable {
			p.Setter = Obj(&Closure{})
		}
	}
	if m.Setter != nil && (m.Setter.Body != nil || m.Setter.ExprBody != nil) {
		p.Setter = Obj(&Closure{})
	}
}

func accessorUsesField(a *lang.Accessor) bool {
	if a == nil {
		return false
	}
	if a.Body == nil && a.ExprBody == nil {
		return true
	}
	found := false
	walkIdents(a, func(name string) {
		if name == "field" {
			found = true
		}
	})
	return found
}

func (c *compiler) collectMemberNames() {
	mine := map[*Class]bool{}
	for _, cls := range c.classes {
		mine[cls] = true
	}
	c.memberNames = c.in.memberNameSet(mine)
	c.userMembers = map[string]bool{}
	// names private in exactly one class and public nowhere can be checked
	// at compile time
	public := map[string]bool{}
	for n := range c.memberNames {
		public[n] = true
	}
	c.privateOwner = map[string]*Class{}
	owners := map[string]int{}
	for _, cls := range c.classes {
		for n, p := range cls.Props {
			if p.Private {
				c.privateOwner[n] = cls
				owners[n]++
			} else {
				public[n] = true
			}
		}
		for n := range cls.members {
			if cls.private[n] {
				c.privateOwner[n] = cls
				owners[n]++
			} else {
				public[n] = true
			}
		}
	}
	for n := range c.privateOwner {
		if public[n] || owners[n] > 1 {
			delete(c.privateOwner, n)
		}
	}
	for _, cls := range c.classes {
		for n := range cls.Props {
			c.memberNames[n], c.userMembers[n] = true, true
		}
		for n := range cls.Methods {
			c.memberNames[n], c.userMembers[n] = true, true
		}
		for n := range cls.members {
			c.memberNames[n], c.userMembers[n] = true, true
		}
	}
	for n := range c.in.exts {
		c.memberNames[n], c.userMembers[n] = true, true
	}
	// member extensions are defined when their class's body compiles
	c.memberExts = map[string]bool{}
	for d := range c.classes {
		c.noteMemberExts(d)
	}
}

// noteMemberExts records the member extensions d declares among the
// member names.
func (c *compiler) noteMemberExts(d *lang.ClassDecl) {
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.FunDecl:
			if m.Receiver != nil {
				c.memberNames[m.Name], c.userMembers[m.Name] = true, true
				c.memberExts[m.Name] = true
			}
		case *lang.VarDecl:
			if m.Receiver != nil {
				c.memberNames[m.Name], c.userMembers[m.Name] = true, true
				c.memberExts[m.Name] = true
			}
		}
	}
}

// memberNameSet returns the names of all members of the built-in classes.
func (in *Interp) memberNameSet(skip map[*Class]bool) map[string]bool {
	out := map[string]bool{}
	seen := map[*Class]bool{}
	for _, cls := range in.types {
		if seen[cls] || skip[cls] {
			continue
		}
		seen[cls] = true
		for n := range cls.Props {
			out[n] = true
		}
		for n := range cls.Methods {
			out[n] = true
		}
	}
	for n := range in.exts {
		out[n] = true
	}
	return out
}

// classBody compiles the methods, accessors and constructors of d.
func (c *compiler) classBody(d *lang.ClassDecl, parent *funcCompiler) {
	cls := c.classes[d]
	ctx := &classCtx{cls: cls, decl: d, members: cls.members}
	// an inner class sees its outer classes up to the first that is not
	// inner itself
	for k, cur := cls, ctx; k.inner && k.outer != nil; k, cur = k.outer, cur.outer {
		cur.outer = &classCtx{cls: k.outer, members: k.outer.members}
	}
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.FunDecl:
			if m.Receiver != nil {
				// a member extension: its dispatch receiver is found
				// where it is called (see memberExt)
				me := &memberExt{cls: cls, name: m.Name}
				c.in.DefineExtension(m.Name, c.typeTest(m.Receiver, m.TypeParams), Obj(me), false)
				me.fn = c.compileFunDecl(parent, m, ctx, cls.Name)
				me.fn.paramTypes = c.paramTypes(m.Params, m.TypeParams)
				continue
			}
			if m.Body == nil && m.ExprBody == nil {
				continue
			}
			fn := c.compileFunDecl(parent, m, ctx, cls.Name)
			cl := c.methodClosures[m]
			cl.fn = fn
			fn.paramTypes = c.paramTypes(m.Params, m.TypeParams)
		case *lang.VarDecl:
			if m.Receiver != nil {
				c.extensionProp(m, ctx, parent)
				continue
			}
			c.accessors(cls, ctx, m, parent)
		case *lang.ClassDecl:
			if c.classes[m].inner {
				// an inner class of a local class reads the same
				// environment, through its outer instance
				c.classBody(m, parent)
			} else {
				c.classBody(m, nil)
			}
		}
	}
	c.constructors(cls, ctx, d, parent)
}

// accessors compiles the getter and setter of property m; parent is the
// environment of a local class (nil otherwise).
func (c *compiler) accessors(cls *Class, ctx *classCtx, m *lang.VarDecl, parent *funcCompiler) {
	p := cls.Props[m.Name]
	if p == nil {
		return
	}
	if m.Delegate != nil {
		// getter: this.field.getValue()
		fc := c.newFunc(parent, cls.Name+".get-"+m.Name, m.Pos(), m)
		fc.class, fc.hasThis = ctx, true
		fc.fn.owner = cls
		fc.emit(THIS, 0, 1)
		fc.emit(GETFIELD, p.Slot, 0)
		fc.delegateGet(m.Name, true)
		fc.emit(RETURN, 0, -1)
		p.Getter.o.(*Closure).fn = fc.finish()
		if m.Mutable {
			// setter: this.field.setValue(this, property, value)
			fc := c.newFunc(parent, cls.Name+".set-"+m.Name, m.Pos(), m)
			fc.class, fc.hasThis = ctx, true
			fc.fn.owner = cls
			fc.declareParams([]*lang.Param{{Name: "value", Type: m.Type}})
			fc.emit(THIS, 0, 1)
			fc.emit(GETFIELD, p.Slot, 0)
			fc.delegateSet(m.Name, true, 0)
			fc.emit(UNIT, 0, 1)
			fc.emit(RETURN, 0, -1)
			p.Setter.o.(*Closure).fn = fc.finish()
		}
	}
	if g := m.Getter; g != nil && (g.Body != nil || g.ExprBody != nil) {
		fc := c.newFunc(parent, cls.Name+".get-"+m.Name, g.Pos(), g)
		fc.class, fc.hasThis, fc.accessor = ctx, true, p
		fc.fn.owner = cls
		fc.resultTy = m.Type
		if g.ExprBody != nil {
			fc.expr(g.ExprBody)
		} else {
			fc.stmts(g.Body.Stmts)
			fc.emit(UNIT, 0, 1)
		}
		fc.emit(RETURN, 0, -1)
		p.Getter.o.(*Closure).fn = fc.finish()
	}
	if s := m.Setter; s != nil && (s.Body != nil || s.ExprBody != nil) {
		fc := c.newFunc(parent, cls.Name+".set-"+m.Name, s.Pos(), s)
		fc.class, fc.hasThis, fc.accessor = ctx, true, p
		fc.fn.owner = cls
		name := s.Param
		if name == "" {
			name = "value"
		}
		fc.declareParams([]*lang.Param{{Name: name, Type: m.Type}})
		if s.ExprBody != nil {
			fc.expr(s.ExprBody)
			fc.emit(POP, 0, -1)
		} else {
			fc.stmts(s.Body.Stmts)
		}
		fc.emit(UNIT, 0, 1)
		fc.emit(RETURN, 0, -1)
		p.Setter.o.(*Closure).fn = fc.finish()
	}
}

// constructors compiles the primary constructor (property initialisers and
// init blocks in order) and the secondary ones.
func (c *compiler) constructors(cls *Class, ctx *classCtx, d *lang.ClassDecl, parent *funcCompiler) {
	var superSpec *lang.SuperSpec
	for _, s := range d.Supers {
		if sc := c.lookupClass(s.Type.Name); sc != nil && !sc.Interface {
			superSpec = s
		}
	}
	hasPrimary := d.HasCtor || len(secondaryCtors(d)) == 0
	if hasPrimary {
		fc := c.ctorFunc(cls, ctx, d, d.Pos(), parent)
		fc.declareParams(d.CtorParams)
		fc.fn.paramTypes = c.paramTypes(d.CtorParams, d.TypeParams)
		c.superCall(fc, cls, superSpec)
		for _, p := range d.CtorParams {
			if p.Prop == "" {
				continue
			}
			fc.emit(THIS, 0, 1)
			fc.loadName(p.Name, p.Pos())
			if k := numericKind(p.Type); k != KNull {
				fc.emit(CONV, int(k), 0)
			}
			fc.emit(SETFIELD, cls.FieldIndex(p.Name), -2)
		}
		c.memberInits(fc, cls, d)
		fc.emit(THIS, 0, 1)
		fc.emit(RETURN, 0, -1)
		cls.ctor = Obj(&Closure{fn: fc.finish()})
	}
	for _, sc := range secondaryCtors(d) {
		fc := c.ctorFunc(cls, ctx, d, sc.Pos(), parent)
		fc.declareParams(sc.Params)
		fc.fn.paramTypes = c.paramTypes(sc.Params, d.TypeParams)
		switch {
		case sc.Delegate == "this":
			fc.emit(THIS, 0, 1)
			argc, _, _ := fc.args(sc.DelegArgs, nil, "", nil)
			fc.emit(SUPERINVOKE, argc, -argc)
			fc.word(uint32(fc.name("<init>")))
			fc.word(uint32(fc.constant(Obj(cls))))
			fc.emit(POP, 0, -1)
		default:
			spec := superSpec
			if sc.Delegate == "super" {
				spec = &lang.SuperSpec{At: sc.At, HasCall: true, Args: sc.DelegArgs}
				if superSpec != nil {
					spec.Type = superSpec.Type
				}
			}
			c.superCall(fc, cls, spec)
			if !hasPrimary {
				c.memberInits(fc, cls, d)
			}
		}
		if sc.Body != nil {
			fc.stmts(sc.Body.Stmts)
		}
		fc.emit(THIS, 0, 1)
		fc.emit(RETURN, 0, -1)
		cls.ctors = append(cls.ctors, Obj(&Closure{fn: fc.finish()}))
	}
}

// paramTypes returns the declared parameter types of a function or
// constructor (a vararg's element type), used to choose between overloads.
func (c *compiler) paramTypes(params []*lang.Param, tps []*lang.TypeParam) []*TypeTest {
	out := make([]*TypeTest, len(params))
	for i, p := range params {
		if p.Type != nil {
			out[i] = c.typeTest(p.Type, tps)
		}
	}
	return out
}

func secondaryCtors(d *lang.ClassDecl) []*lang.SecondaryCtor {
	var out []*lang.SecondaryCtor
	for _, m := range d.Members {
		if s, ok := m.(*lang.SecondaryCtor); ok {
			out = append(out, s)
		}
	}
	return out
}

func (c *compiler) ctorFunc(cls *Class, ctx *classCtx, d *lang.ClassDecl, pos lang.Pos, parent *funcCompiler) *funcCompiler {
	fc := c.newFunc(parent, cls.Name+".<init>", pos, d)
	fc.class, fc.hasThis = ctx, true
	fc.fn.isCtor = true
	fc.fn.owner = cls
	fc.label = cls.Name
	if cls.Super != nil && cls.Super != AnyClass && cls.Super.QName != "" {
		fc.recvCtx = true
	}
	return fc
}

// superCall emits the call of the superclass constructor.
func (c *compiler) superCall(fc *funcCompiler, cls *Class, spec *lang.SuperSpec) {
	if cls.Super == nil || cls.Super == AnyClass || cls.Super == EnumClass {
		return
	}
	if cls.Super.ctor.o == nil && len(cls.Super.ctors) == 0 && cls.Super.factory == nil && spec == nil {
		return
	}
	if sup := cls.Super; sup.envSlot > 0 && sup.envSlot <= len(cls.Fields) {
		// a local superclass: its members read its environment
		fc.emit(THIS, 0, 1)
		fc.loadName(envName(sup.Name), fc.fn.pos)
		fc.emit(SETFIELD, sup.envSlot-1, -2)
	}
	fc.emit(THIS, 0, 1)
	argc := 0
	if spec != nil {
		argc, _, _ = fc.args(spec.Args, nil, "", nil)
	}
	fc.emit(SUPERINVOKE, argc, -argc)
	fc.word(uint32(fc.name("<init>")))
	fc.word(uint32(fc.constant(Obj(cls.Super))))
	fc.emit(POP, 0, -1)
}

// memberInits emits property initialisers and init blocks in source order.
func (c *compiler) memberInits(fc *funcCompiler, cls *Class, d *lang.ClassDecl) {
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.VarDecl:
			var init lang.Expr
			switch {
			case m.Delegate != nil:
				init = m.Delegate
			case m.Init != nil:
				init = m.Init
			default:
				continue
			}
			slot := cls.FieldIndex(m.Name)
			if slot < 0 {
				continue
			}
			fc.mark(m.Pos())
			fc.emit(THIS, 0, 1)
			if m.Delegate == nil {
				fc.checkType("initializer", m.Type, init, m.EqPos)
				fc.typedExpr(init, m.Type)
			} else {
				fc.expr(init)
			}
			if k := numericKind(m.Type); k != KNull && m.Delegate == nil {
				fc.emit(CONV, int(k), 0)
			}
			fc.emit(SETFIELD, slot, -2)
		case *lang.InitBlock:
			fc.push()
			fc.stmts(m.Body.Stmts)
			fc.pop()
		}
	}
}

// dataMethods adds componentN and copy to a data class.
func (c *compiler) dataMethods(cls *Class) {
	for i, name := range cls.dataProps {
		slotName := name
		cls.Methods[componentName(i+1)] = Obj(&Native{Name: componentName(i + 1), Fn: func(co *Coroutine, this Value, _ []Value) (Value, error) {
			in := this.o.(*Instance)
			return in.Fields[in.cls.FieldIndex(slotName)], nil
		}})
	}
	props := cls.dataProps
	cls.Methods["copy"] = Obj(&Native{Name: "copy", Params: props, Fn: func(co *Coroutine, this Value, args []Value) (Value, error) {
		src := this.o.(*Instance)
		vals := make([]Value, len(props))
		for i, p := range props {
			if i < len(args) && !args[i].is(kAbsent) {
				vals[i] = args[i]
			} else {
				vals[i] = src.Fields[src.cls.FieldIndex(p)]
			}
		}
		return co.CallSync(Obj(src.cls), vals...)
	}})
}

// extensionProp compiles `val T.name get() = ...`; ctx is the class of a
// member extension property (nil at top level), parent the environment of
// a local class.
func (c *compiler) extensionProp(d *lang.VarDecl, ctx *classCtx, parent *funcCompiler) {
	recv := c.typeTest(d.Receiver, nil)
	if d.Getter != nil {
		g := d.Getter
		fc := c.newFunc(parent, "get-"+d.Name, g.Pos(), g)
		fc.hasThis, fc.recvCtx = true, true
		fc.class, fc.memberExt = ctx, ctx != nil
		if g.ExprBody != nil {
			fc.expr(g.ExprBody)
		} else if g.Body != nil {
			fc.stmts(g.Body.Stmts)
			fc.emit(UNIT, 0, 1)
		}
		fc.emit(RETURN, 0, -1)
		c.in.exts[d.Name] = append(c.in.exts[d.Name], &extension{recv: recv, fn: extValue(d.Name, false, fc.finish(), ctx), prop: true})
	}
	if s := d.Setter; s != nil && c.in.exts[d.Name] != nil {
		fc := c.newFunc(parent, "set-"+d.Name, s.Pos(), s)
		fc.hasThis, fc.recvCtx = true, true
		fc.class, fc.memberExt = ctx, ctx != nil
		name := s.Param
		if name == "" {
			name = "value"
		}
		fc.declareParams([]*lang.Param{{Name: name}})
		if s.Body != nil {
			fc.stmts(s.Body.Stmts)
		} else if s.ExprBody != nil {
			fc.expr(s.ExprBody)
			fc.emit(POP, 0, -1)
		}
		fc.emit(UNIT, 0, 1)
		fc.emit(RETURN, 0, -1)
		ext := c.in.exts[d.Name][len(c.in.exts[d.Name])-1]
		ext.setter = extValue(d.Name, true, fc.finish(), ctx)
	}
}

// extValue is the callable of an extension function fn: for a member
// extension of ctx's class, a memberExt.
func extValue(name string, setter bool, fn *Function, ctx *classCtx) Value {
	if ctx != nil {
		return Obj(&memberExt{cls: ctx.cls, fn: fn, name: name, setter: setter})
	}
	return Obj(&Closure{fn: fn})
}

// topAccessors compiles the getter and setter of a top-level property.
// A setter's `field` is the property's global slot.
func (c *compiler) topAccessors(d *lang.VarDecl) {
	g := c.globals[d.Name]
	compile := func(a *lang.Accessor, name string, param bool) *Function {
		fc := c.newFunc(nil, name, a.Pos(), a)
		fc.topField = g
		if param {
			p := a.Param
			if p == "" {
				p = "value"
			}
			fc.declareParams([]*lang.Param{{Name: p, Type: d.Type}})
		}
		if a.ExprBody != nil {
			fc.expr(a.ExprBody)
			if param {
				fc.emit(POP, 0, -1)
				fc.emit(UNIT, 0, 1)
			}
		} else {
			fc.stmts(a.Body.Stmts)
			fc.emit(UNIT, 0, 1)
		}
		fc.emit(RETURN, 0, -1)
		return fc.finish()
	}
	if g.getter != nil {
		g.getter.fn = compile(d.Getter, "get-"+d.Name, false)
	}
	if g.setter != nil {
		g.setter.fn = compile(d.Setter, "set-"+d.Name, true)
	}
}

// localClass compiles a class declared inside a function body. Its name is
// a local holding a boundClass: the class and its environment, a closure
// made where the declaration runs whose free values are the locals (and
// receivers) the class's members capture. Constructing an instance stores
// the environment in a hidden field; the members (compiled with the
// environment as parent, sharing its free list) read it from there, so
// the class stays one class while each evaluation captures its own locals.
func (c *compiler) localClass(fc *funcCompiler, d *lang.ClassDecl) {
	cls := c.declareClass(d, nil)
	c.classHeader(d)
	for n := range cls.Props {
		c.memberNames[n], c.userMembers[n] = true, true
	}
	for n := range cls.members {
		c.memberNames[n], c.userMembers[n] = true, true
	}
	c.noteMemberExts(d)
	if d.Kind != lang.ClassKindClass || d.Mods.Enum {
		c.classBody(d, nil)
		c.globals[d.Name] = &global{cls: cls, value: Obj(cls), isConst: true}
		c.enumEntries(fc, d)
		return
	}
	c.globals[d.Name] = &global{cls: cls, value: Obj(cls), isConst: true}
	// the name is a cell so that members may construct the class itself
	self := fc.declare(d.Name, false)
	self.cell = true
	envLocal := fc.declare(envName(d.Name), false)
	fc.emit(NULL, 0, 1)
	fc.storeNew(self)
	c.classWithEnv(fc, d, cls)
	fc.emit(STORE, envLocal.slot, -1)
	fc.emitConst(Obj(bindClassNative))
	fc.emitConst(Obj(cls))
	fc.emit(LOAD, envLocal.slot, 1)
	fc.emit(CALL, 2, -2)
	fc.emit(STORECELL, self.slot, -1)
}

// classWithEnv compiles the body of local class d with an environment and
// emits in fc the creation of the environment's closure.
func (c *compiler) classWithEnv(fc *funcCompiler, d *lang.ClassDecl, cls *Class) {
	cls.Fields = append(cls.Fields, "<env>")
	cls.envSlot = len(cls.Fields)
	env := c.newFunc(fc, cls.Name+".<env>", d.Pos(), nil)
	env.envOf = cls
	env.recvCtx = fc.recvCtx
	// the environment keeps the implicit receivers of where the class is
	// declared (an extension function's, a lambda's)
	env.fn.isLambda = true
	env.fn.recvUse.Store(2)
	c.classBody(d, env)
	env.emit(NULL, 0, 1)
	env.emit(RETURN, 0, -1)
	fc.closure(env, env.finish())
}

// envName is the hidden local holding the environment of local class name.
func envName(name string) string { return "<env>" + name }

var bindClassNative = &Native{Name: "<local class>", Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
	return Obj(&boundClass{cls: args[0].o.(*Class), env: args[1].o.(*Closure)}), nil
}}

// objectExpr compiles `object : Base(args) { members }`: a local class
// (see localClass) made at compile time, instantiated where the expression
// is evaluated with the locals it captures there.
func (c *compiler) objectExpr(fc *funcCompiler, e *lang.ObjectExpr) {
	d := e.Class
	if d.Name == "" {
		d.Name = "<anonymous>"
	}
	cls := c.declareClass(d, nil)
	delete(c.in.types, d.Name)
	c.classHeader(d)
	for n := range cls.Props {
		c.memberNames[n], c.userMembers[n] = true, true
	}
	for n := range cls.members {
		c.memberNames[n], c.userMembers[n] = true, true
	}
	c.noteMemberExts(d)
	cls.QName = ""
	cls.anonymous = true
	fc.emitConst(Obj(bindClassNative))
	fc.emitConst(Obj(cls))
	c.classWithEnv(fc, d, cls)
	fc.emit(CALL, 2, -2)
	fc.emit(CALL, 0, 0)
}

// walkIdents calls f for every identifier in n.
func walkIdents(n lang.Node, f func(string)) {
	lang.Inspect(n, func(x lang.Node) bool {
		if id, ok := x.(*lang.Ident); ok {
			f(id.Name)
		}
		return true
	})
}

// Run runs a compiled program on the calling goroutine: the top-level
// initialiser, then main (with the interpreter's Args when main declares
// a parameter). It returns the script's uncaught exception (an
// *Exception), an *Interrupted, or nil. Output is flushed at the end.
// Coroutine builders install a scheduler through RunHook; a `suspend fun
// main` is run by SuspendMainHook. Run must not be called while another
// Run, a coroutines.Call or a compilation of the same interpreter is in
// progress, on any goroutine: nothing orders them (the standard library's
// lock takes the second caller for the thread "main" that already holds
// it).
func (in *Interp) Run(p *Program) error {
	defer in.Flush()
	if err := in.runValue(p.Init()); err != nil {
		return err
	}
	if p.main.o == nil {
		return nil
	}
	var args []Value
	if p.mainArgs {
		args = append(args, in.scriptArgs())
	}
	if p.mainSuspend {
		if in.SuspendMainHook == nil {
			return in.NewError("java.lang.IllegalStateException", "suspend fun main needs the coroutine runtime (coroutines.Install)")
		}
		return in.SuspendMainHook(p.main, args)
	}
	return in.runValue(p.main, args...)
}

// runValue calls fn in a fresh coroutine and runs it to completion.
func (in *Interp) runValue(fn Value, args ...Value) error {
	co, err := in.NewCoroutine(fn, args...)
	if err != nil {
		return err
	}
	if in.RunHook != nil {
		return in.RunHook(co)
	}
	switch co.Run() {
	case Failed:
		return co.Err()
	case Suspended:
		return in.NewError("java.lang.IllegalStateException", "the program suspended with nothing to resume it")
	}
	return nil
}

// newInner creates an instance of inner class c whose outer instance is
// outer.
func (co *Coroutine) newInner(c *Class, outer Value, args []Value) (Value, error) {
	ctor, err := co.pickCtor(c, args, nil)
	if err != nil {
		return Null, err
	}
	inst := NewInstance(c)
	inst.Fields[c.outerSlot] = outer
	this := Obj(inst)
	if ctor.o != nil {
		if _, err := co.CallMethodSync(ctor, this, args...); err != nil {
			return Null, err
		}
	}
	return this, nil
}
