package interp

// Go structs as script objects. ToValue turns a Go struct, or a pointer
// to one, into a goObject: scripts read its exported fields and call its
// exported methods under their Go names with a lower-case first letter
// (goja's convention: user.name reads Name, user.greeting() calls
// Greeting). Through a pointer the fields are writable and the methods
// are those of the pointer's method set, and == is the identity of the
// pointer; a struct value is copied once, when it is converted, its
// fields are read-only, and == compares the structs as Go's == does
// (reflect.DeepEqual for structs Go cannot compare).

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// goObject is a Go struct seen by scripts: rv is the host's pointer to
// it (ptr), or an addressable copy of a struct value.
type goObject struct {
	idHash
	rv  reflect.Value
	ptr bool
	cls *Class
}

// Class returns the object's class: one per Go type, shared by every
// interpreter.
func (g *goObject) Class() *Class { return g.cls }

// goClasses caches the class of each Go struct type and pointer type.
var goClasses sync.Map // reflect.Type -> *Class

// newGoObject wraps rv, a non-nil pointer to a struct (ptr) or a struct.
func newGoObject(rv reflect.Value, ptr bool) *goObject {
	if !ptr {
		cp := reflect.New(rv.Type()).Elem()
		cp.Set(rv)
		rv = cp
	}
	return &goObject{rv: rv, ptr: ptr, cls: goClass(rv.Type(), ptr)}
}

// structValue returns the struct itself.
func (g *goObject) structValue() reflect.Value {
	if g.ptr {
		return g.rv.Elem()
	}
	return g.rv
}

// goClass returns the class of the Go type t (a struct type, or a
// pointer to one when ptr), making it on first use.
func goClass(t reflect.Type, ptr bool) *Class {
	if c, ok := goClasses.Load(t); ok {
		return c.(*Class)
	}
	st := t
	if ptr {
		st = t.Elem()
	}
	name := st.Name()
	if name == "" {
		name = "GoStruct"
	}
	c := NewClass(name, st.String(), AnyClass)
	eachField(st, func(fname string, index []int) bool {
		c.Props[fname] = goFieldProp(c, fname, index, ptr, st.FieldByIndex(index).Type)
		noteGoMember(fname)
		return true
	})
	for i := range t.NumMethod() {
		m := t.Method(i)
		if !m.IsExported() {
			continue
		}
		mname := fieldName(m.Name)
		if _, clash := c.Props[mname]; clash {
			continue
		}
		c.Methods[mname] = Obj(goMethod(c, mname, i, m.Type))
		noteGoMember(mname)
	}
	actual, _ := goClasses.LoadOrStore(t, c)
	return actual.(*Class)
}

// goFieldProp is the property of the exported field at index: its getter
// converts the field with ToValue (a struct field of a pointer becomes a
// pointer to the field, so that writes reach it), its setter, through a
// pointer only, with FromValue.
func goFieldProp(c *Class, name string, index []int, ptr bool, ft reflect.Type) *Prop {
	get := &Native{Name: name, Owner: c, Fn: func(co *Coroutine, this Value, _ []Value) (Value, error) {
		g := this.o.(*goObject)
		f, err := g.structValue().FieldByIndexErr(index)
		if err != nil { // through a nil embedded pointer
			return Null, nil
		}
		if f.Kind() == reflect.Struct && g.ptr {
			return Obj(newGoObject(f.Addr(), true)), nil
		}
		cs := &convState{co: co}
		v, err := cs.toValue(f, nil, 0)
		if cs.stop != nil {
			return Null, cs.stop
		}
		if err != nil {
			return Null, co.Errorf("java.lang.IllegalStateException", "%s.%s: %v", c.Name, name, err)
		}
		return v, nil
	}}
	p := &Prop{Name: name, Slot: -1, Getter: Obj(get), Owner: c}
	if !ptr {
		return p
	}
	p.Mutable = true
	p.Setter = Obj(&Native{Name: name, Owner: c, Fn: func(co *Coroutine, this Value, args []Value) (Value, error) {
		g := this.o.(*goObject)
		f, err := g.structValue().FieldByIndexErr(index)
		if err != nil {
			return Null, co.Errorf("java.lang.NullPointerException", "%s.%s is inside a nil embedded struct", c.Name, name)
		}
		nv := reflect.New(ft).Elem()
		cs := &convState{co: co}
		if err := cs.fromValue(args[0], nv, nil, 0); err != nil {
			if cs.stop != nil {
				return Null, cs.stop
			}
			return Null, co.Errorf("java.lang.IllegalArgumentException", "%s.%s: %v", c.Name, name, err)
		}
		f.Set(nv)
		return Unit, nil
	}})
	return p
}

// goMethod is the method i of a Go type whose type (with the receiver
// first) is mt, called with converted arguments as NewGoFunc does.
func goMethod(c *Class, name string, i int, mt reflect.Type) *Native {
	in := make([]reflect.Type, mt.NumIn()-1)
	for k := range in {
		in[k] = mt.In(k + 1)
	}
	out := make([]reflect.Type, mt.NumOut())
	for k := range out {
		out[k] = mt.Out(k)
	}
	sig, sigErr := NewGoSignature(c.Name+"."+name, reflect.FuncOf(in, out, mt.IsVariadic()), 0)
	return &Native{Name: name, Owner: c, Fn: func(co *Coroutine, this Value, args []Value) (Value, error) {
		if sigErr != nil {
			return Null, co.Errorf("java.lang.UnsupportedOperationException", "%v", sigErr)
		}
		g := this.o.(*goObject)
		return callGo(co, sig, g.rv.Method(i), args)
	}}
}

// toString is the object's toString(): its String method when the Go
// type has one (fmt.Stringer, or error's Error), else the Kotlin data
// class layout of its exported fields, "User(name=Ann, age=3)", nested
// structs written the same way, slices as lists, maps as maps, a pointer
// already being written (a cycle) as "..." and nil as null.
func (g *goObject) toString(co *Coroutine) (s string, err error) {
	switch x := g.rv.Interface().(type) {
	case fmt.Stringer:
		return g.callString(co, x.String)
	case error:
		return g.callString(co, x.Error)
	}
	w := &goWriter{co: co, onPath: map[uintptr]bool{}}
	if g.ptr {
		w.onPath[g.rv.Pointer()] = true
	}
	w.write(g.structValue(), 0)
	return w.b.String(), w.err
}

// callString calls a host String method, turning a panic into an
// exception.
func (g *goObject) callString(co *Coroutine, f func() string) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = "", co.Errorf("java.lang.RuntimeException", "%s.String panicked: %v", g.cls.Name, r)
		}
	}()
	return f(), nil
}

// goWriter writes Go values for goObject.toString.
type goWriter struct {
	co     *Coroutine
	b      strings.Builder
	onPath map[uintptr]bool
	nodes  int
	err    error
}

// maxGoWriteDepth bounds the nesting goWriter writes out.
const maxGoWriteDepth = 32

func (w *goWriter) write(rv reflect.Value, depth int) {
	if w.err != nil {
		return
	}
	if w.nodes++; w.nodes%1024 == 0 {
		if w.err = w.co.Poll(); w.err != nil {
			return
		}
	}
	if !rv.IsValid() {
		w.b.WriteString("null")
		return
	}
	if depth > maxGoWriteDepth || w.b.Len() > 1<<20 {
		w.b.WriteString("...")
		return
	}
	t := rv.Type()
	if t == valueType {
		s, err := w.co.ToString(rv.Interface().(Value))
		w.b.WriteString(s)
		w.err = err
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			w.b.WriteString("null")
			return
		}
		if t.Kind() == reflect.Pointer {
			p := rv.Pointer()
			if w.onPath[p] {
				w.b.WriteString("...")
				return
			}
			w.onPath[p] = true
			defer delete(w.onPath, p)
		}
		w.write(rv.Elem(), depth+1)
	case reflect.Struct:
		name := t.Name()
		if name == "" {
			name = "GoStruct"
		}
		w.b.WriteString(name + "(")
		first := true
		eachField(t, func(fname string, index []int) bool {
			if !first {
				w.b.WriteString(", ")
			}
			first = false
			w.b.WriteString(fname + "=")
			f, err := rv.FieldByIndexErr(index)
			if err != nil {
				w.b.WriteString("null")
				return true
			}
			w.write(f, depth+1)
			return w.err == nil
		})
		w.b.WriteString(")")
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && rv.IsNil() {
			w.b.WriteString("null")
			return
		}
		w.b.WriteString("[")
		for i := range rv.Len() {
			if i > 0 {
				w.b.WriteString(", ")
			}
			w.write(rv.Index(i), depth+1)
		}
		w.b.WriteString("]")
	case reflect.Map:
		if rv.IsNil() {
			w.b.WriteString("null")
			return
		}
		keys := rv.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			return strings.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
		})
		w.b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				w.b.WriteString(", ")
			}
			w.write(k, depth+1)
			w.b.WriteString("=")
			w.write(rv.MapIndex(k), depth+1)
		}
		w.b.WriteString("}")
	case reflect.String:
		w.b.WriteString(rv.String())
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		w.b.WriteString(t.String())
	default:
		v, err := new(convState).toValue(rv, nil, 0)
		if err != nil {
			w.b.WriteString(fmt.Sprint(rv.Interface()))
			return
		}
		w.b.WriteString(toStringSimple(v))
	}
}

// KEquals implements Equaler: a pointer equals the same pointer, a
// struct value an equal struct value of the same type.
func (g *goObject) KEquals(_ *Coroutine, other Value) (bool, error) {
	h, ok := other.o.(*goObject)
	if !ok || h.ptr != g.ptr || h.rv.Type() != g.rv.Type() {
		return false, nil
	}
	if g.ptr {
		return g.rv.Pointer() == h.rv.Pointer(), nil
	}
	if g.rv.Type().Comparable() {
		return g.rv.Equal(h.rv), nil
	}
	return reflect.DeepEqual(g.rv.Interface(), h.rv.Interface()), nil
}

// KHashCode implements Hasher consistently with KEquals.
func (g *goObject) KHashCode(*Coroutine) (int32, error) {
	if g.ptr {
		p := uint64(g.rv.Pointer())
		return int32(p ^ p>>32), nil
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%v", g.rv.Interface())
	return int32(h.Sum32()), nil
}

// assignTo stores g in dst when dst's type fits it: the struct for its
// struct type, the pointer for its pointer type, a copy of the pointed-to
// struct for a struct type. It reports whether it did.
func (g *goObject) assignTo(dst reflect.Value) bool {
	t := dst.Type()
	switch {
	case g.rv.Type().AssignableTo(t) && t.Kind() != reflect.Interface:
		dst.Set(g.rv)
	case g.ptr && g.rv.Elem().Type().AssignableTo(t) && t.Kind() != reflect.Interface:
		dst.Set(g.rv.Elem())
	default:
		return false
	}
	return true
}
