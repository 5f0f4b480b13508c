package interp

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ktcoro/ktcoro/lang"
)

// This file implements SAM conversion for `fun interface` declarations.
// A fun interface F gets, when its header is compiled, a hidden class that
// implements F: its single field holds a function value and its one
// method (F's abstract method) calls that function with the method's
// arguments, in a bytecode frame, so the function may suspend there (a
// `suspend fun interface`). An instance is made by F's SAM constructor
// (`F { ... }`) and by the prologue of any function, method or
// constructor with a parameter declared as F, which converts a function
// value passed for it. A value that already is an F passes unchanged.

// samInfo describes a fun interface iface: its abstract method, the class
// of the instances SAM conversion makes (or, for a built-in interface, the
// native that converts), and the natives that convert a parameter (one
// value, or each element of a vararg array).
type samInfo struct {
	iface  *Class
	method *lang.FunDecl
	impl   *Class
	conv   NativeFunc
	wrap   Value
	wrapVA Value
}

// convert returns v as an instance of the fun interface: a new instance
// of the hidden implementation when v is a function value, else v.
func (s *samInfo) convert(co *Coroutine, v Value) (Value, error) {
	if !isFunctionValue(v) || classOf(v).IsSubclassOf(s.iface) {
		return v, nil
	}
	if s.conv != nil {
		return s.conv(co, Null, []Value{v})
	}
	in := NewInstance(s.impl)
	in.Fields[0] = v
	return Obj(in), nil
}

// setWrappers makes the natives that parameters' prologues call.
func (s *samInfo) setWrappers() {
	s.wrap = Obj(&Native{Name: s.iface.Name, Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		return s.convert(co, args[0])
	}})
	s.wrapVA = Obj(&Native{Name: s.iface.Name, Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		if l, ok := args[0].o.(*List); ok {
			for i, e := range l.Elems {
				v, err := s.convert(co, e)
				if err != nil {
					return Null, err
				}
				l.Elems[i] = v
			}
		}
		return args[0], nil
	}})
}

// SetSAMConverter makes the built-in interface c a functional interface
// (java.util.Comparator): a function value passed for a script parameter
// declared as c is converted by calling convert with it as the one
// argument. Call it before scripts run.
func (c *Class) SetSAMConverter(convert NativeFunc) {
	s := &samInfo{iface: c, conv: convert}
	s.setWrappers()
	c.sam = s
}

// isFunctionValue reports whether v is a lambda, function or callable
// reference (what SAM conversion applies to).
func isFunctionValue(v Value) bool {
	switch v.o.(type) {
	case *Closure, *Native:
		return true
	case *Instance:
		return classOf(v).IsSubclassOf(functionClass) && classOf(v) != anyClass
	}
	return false
}

// samAccepts reports whether v passes for a parameter of type t by SAM
// conversion: t is a fun interface and v a function value.
func (t *TypeTest) samAccepts(v Value) bool {
	return t.cls != nil && t.cls.sam != nil && isFunctionValue(v)
}

// funInterface checks the `fun interface` d (exactly one abstract
// function, no abstract property) and prepares its SAM conversion.
func (c *compiler) funInterface(cls *Class, d *lang.ClassDecl) {
	var abstract []*lang.FunDecl
	implemented := map[string]bool{}
	bad := false
	for _, m := range d.Members {
		switch m := m.(type) {
		case *lang.FunDecl:
			if m.Receiver != nil {
				continue
			}
			if m.Body == nil && m.ExprBody == nil {
				abstract = append(abstract, m)
			} else {
				implemented[m.Name] = true
			}
		case *lang.VarDecl:
			if m.Init == nil && m.Getter == nil && m.Delegate == nil {
				kw := "val"
				if m.Mutable {
					kw = "var"
				}
				c.errorAt(m.Pos(), kw, "functional interface cannot have abstract properties.")
				bad = true
			}
		}
	}
	for _, i := range cls.Interfaces {
		if i.sam != nil && i.sam.method != nil && !implemented[i.sam.method.Name] && !hasFun(abstract, i.sam.method.Name) {
			abstract = append(abstract, i.sam.method)
		}
	}
	if len(abstract) != 1 {
		if !bad {
			c.errorAt(d.Pos(), "fun", "functional interface must have exactly one abstract function.")
		}
		return
	}
	m := abstract[0]
	impl := &Class{Name: cls.Name, QName: facadeName(c.file) + "$$Lambda", Super: AnyClass, Interfaces: []*Class{cls},
		Fields: []string{"function"}, Props: map[string]*Prop{}, Methods: map[string]Value{}, pos: d.Pos(), file: c.file}
	impl.Methods[m.Name] = Obj(&Closure{fn: c.samMethod(impl, m)})
	s := &samInfo{iface: cls, method: m, impl: impl}
	s.setWrappers()
	cls.sam = s
}

func hasFun(fs []*lang.FunDecl, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

// samMethod compiles the abstract method m for the hidden class impl:
// this.function(args...), its result Unit when m returns Unit.
func (c *compiler) samMethod(impl *Class, m *lang.FunDecl) *Function {
	fc := c.newFunc(nil, impl.Interfaces[0].Name+"."+m.Name, m.Pos(), nil)
	fc.fn.suspend = m.Mods.Suspend
	fc.suspend = m.Mods.Suspend
	fc.fn.owner = impl
	fc.hasThis = true
	params := make([]*lang.Param, len(m.Params))
	for i, p := range m.Params {
		params[i] = &lang.Param{At: p.At, Name: p.Name, Type: p.Type}
	}
	fc.declareParams(params)
	fc.emit(THIS, 0, 1)
	fc.emit(GETFIELD, 0, 0)
	for i := range params {
		fc.emit(LOAD, i, 1)
	}
	fc.mark(m.Pos())
	fc.emit(CALL, len(params), -len(params))
	if m.Result == nil || m.Result.Func == nil && (m.Result.Name == "Unit" || m.Result.Name == "kotlin.Unit") {
		fc.emit(POP, 0, -1)
		fc.emit(UNIT, 0, 1)
	} else {
		fc.resultTy = m.Result
		fc.convResult()
	}
	fc.emit(RETURN, 0, -1)
	return fc.finish()
}

// samParam emits, in a function's prologue, the SAM conversion of the
// parameter in slot when its declared type is a fun interface.
func (fc *funcCompiler) samParam(p *lang.Param, slot int) {
	if p.Type == nil || p.Type.Func != nil || fc.lambda {
		return
	}
	cls := fc.c.lookupClass(p.Type.Name)
	if cls == nil || cls.sam == nil {
		return
	}
	conv := cls.sam.wrap
	if p.Mods.Vararg {
		conv = cls.sam.wrapVA
	}
	fc.emitConst(conv)
	fc.emit(LOAD, slot, 1)
	fc.emit(CALL, 1, -1)
	fc.emit(STORE, slot, -1)
}

// facadeName is the JVM class Kotlin compiles a file's top level into
// (main.kc: MainKt).
func facadeName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if base == "" {
		return "ScriptKt"
	}
	r, n := utf8.DecodeRuneInString(base)
	return string(unicode.ToUpper(r)) + base[n:] + "Kt"
}
