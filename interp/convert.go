package interp

// Conversion between Go values and script values, and Go functions
// callable from scripts (NewGoFunc).
//
// Go to script (ToValue):
//
//	nil, nil pointer, nil interface  null
//	bool                             Boolean
//	int8, int16, int32, uint8, uint16  Int
//	int, uint, uint32, uint64, uintptr Int when the value fits in 32 bits, else Long
//	int64                            Long
//	float32, float64                 Float, Double
//	string                           String
//	slice, array                     a new ArrayList (elements converted)
//	map                              a new LinkedHashMap, keys sorted (string,
//	                                 bool or number keys only)
//	struct, pointer to struct        a Go object (gostruct.go)
//	other pointer                    what it points to
//	func                             a function (NewGoFunc)
//	Value, Object, *Exception        themselves
//
// Script to Go (FromValue) goes the other way into a typed Go variable,
// checking ranges; ToGo picks a natural Go type for a value.

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxConvertDepth bounds the nesting of converted values (a cyclic
// structure would otherwise recurse forever).
const maxConvertDepth = 64

// maxConvertNodes bounds the values one conversion visits, counting a
// shared sub-structure each time it is met: a list holding the same list
// twice, 40 levels deep, would otherwise convert exponentially until
// the host runs out of memory.
var maxConvertNodes = 1 << 20

// convState is the bookkeeping of one conversion: the values visited so
// far and, when it runs on a script's thread, the coroutine whose limits
// it polls (stop keeps the error that stopped it).
type convState struct {
	nodes int
	co    *Coroutine
	stop  error
	// export makes toGo convert as Value.Export does
	export bool
}

// visit counts one value at path, depth levels down, against the bounds
// of a conversion, and polls the host's limits on a script's thread.
func (c *convState) visit(path *convPath, depth int) error {
	if depth > maxConvertDepth {
		return convErr(path, "cannot convert a value nested more than %d levels deep (a cycle?)", maxConvertDepth)
	}
	if c.nodes++; c.nodes > maxConvertNodes {
		return convErr(path, "cannot convert a value of more than %d elements (shared parts count each time)", maxConvertNodes)
	}
	if c.co != nil {
		if err := c.co.Poll(); err != nil {
			c.stop = err
			return err
		}
	}
	return nil
}

// ConversionError reports a value that cannot be converted between Go and
// the script. Path locates it inside the converted value ("[2].name"),
// empty at the top; Msg says what did not fit ("cannot convert ...").
// It is immutable: safe from any goroutine.
type ConversionError struct {
	Path string
	Msg  string
}

// Error returns "cannot convert ...", with the path when there is one.
func (e *ConversionError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Msg + " (at " + e.Path + ")"
}

func convErr(path *convPath, format string, args ...any) error {
	return &ConversionError{Path: path.String(), Msg: fmt.Sprintf(format, args...)}
}

// convPath locates a part of a converted value: its parts are kept as a
// chain and written out only for an error, so that a deep conversion does
// not build a path string for every element. nil is the top.
type convPath struct {
	up   *convPath
	kind byte // 'i' an index, 'f' a field name, 'k' a map key, 'K' "[key]"
	idx  int
	name string
	kv   Value
}

func (p *convPath) index(i int) *convPath { return &convPath{up: p, kind: 'i', idx: i} }

func (p *convPath) field(name string) *convPath { return &convPath{up: p, kind: 'f', name: name} }

func (p *convPath) key(k Value) *convPath { return &convPath{up: p, kind: 'k', kv: k} }

// mapKey is the place of a map's key (not the value under it).
func (p *convPath) mapKey() *convPath { return &convPath{up: p, kind: 'K'} }

// String writes the path as "[2].name[\"k\"]", empty at the top.
func (p *convPath) String() string {
	var parts []*convPath
	for q := p; q != nil; q = q.up {
		parts = append(parts, q)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		switch q := parts[i]; q.kind {
		case 'i':
			b.WriteString("[" + strconv.Itoa(q.idx) + "]")
		case 'f':
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(q.name)
		case 'k':
			b.WriteString("[" + keyText(q.kv) + "]")
		case 'K':
			b.WriteString("[key]")
		}
	}
	return b.String()
}

var (
	valueType     = reflect.TypeFor[Value]()
	objectType    = reflect.TypeFor[Object]()
	errorType     = reflect.TypeFor[error]()
	exceptionType = reflect.TypeFor[*Exception]()
	nativeFnType  = reflect.TypeFor[NativeFunc]()
)

// ToValue converts a Go value to a script value:
//
//	nil, nil pointer, slice, map, func    null
//	bool                                  Boolean
//	int8, int16, int32, uint8, uint16     Int
//	int, uint, uint32, uint64, uintptr    Int when it fits in 32 bits, else Long
//	int64                                 Long
//	float32, float64                      Float, Double
//	string                                String
//	slice, array                          a new ArrayList (elements converted)
//	map                                   a new LinkedHashMap in sorted key order
//	                                      (string, bool or number keys only)
//	struct, non-nil pointer to struct     a Go object: its exported fields (named by
//	                                      the `ktcoro:"name"` tag or the field name
//	                                      with a lower-case first letter; `ktcoro:"-"`
//	                                      skips a field) and methods (lower-case first
//	                                      letter) are its members, writable fields
//	                                      through a pointer (see gostruct.go)
//	other pointer, interface              what it points to
//	NativeFunc                            a built-in function
//	other func                            a built-in function (NewGoFunc)
//	Value, Object                         themselves
//	*Exception                            its Throwable value
//
// Collections are copied: the script gets new lists and maps, never views
// of Go memory (an Object, such as a *List, is passed as it is); a
// pointer to a struct is shared, a struct value copied once. It fails
// with a *ConversionError for other types, for a uint64 beyond Long, for
// values nested more than 64 levels deep (a cycle), and for values of
// more than 1,048,576 parts in all (a part shared by several containers
// counts each time). Safe from any
// goroutine: it creates values and touches no interpreter.
func ToValue(x any) (Value, error) {
	switch x := x.(type) {
	case nil:
		return Null, nil
	case Value:
		return x, nil
	case string:
		return String(x), nil
	case bool:
		return Bool(x), nil
	case int:
		return intValue(int64(x)), nil
	case int32:
		return Int(x), nil
	case int64:
		return Long(x), nil
	case float64:
		return Double(x), nil
	}
	return new(convState).toValue(reflect.ValueOf(x), nil, 0)
}

// intValue is a Go int as an Int when it fits, else a Long.
func intValue(i int64) Value {
	if i >= math.MinInt32 && i <= math.MaxInt32 {
		return Int(int32(i))
	}
	return Long(i)
}

func (c *convState) toValue(rv reflect.Value, path *convPath, depth int) (Value, error) {
	if err := c.visit(path, depth); err != nil {
		return Null, err
	}
	if !rv.IsValid() {
		return Null, nil
	}
	t := rv.Type()
	switch {
	case t == valueType:
		return rv.Interface().(Value), nil
	case t == exceptionType:
		if rv.IsNil() {
			return Null, nil
		}
		return rv.Interface().(*Exception).Value, nil
	case t.Kind() == reflect.Func && t == nativeFnType:
		if rv.IsNil() {
			return Null, nil
		}
		return Obj(&Native{Name: "hostFunction", Fn: rv.Interface().(NativeFunc)}), nil
	case t.Implements(objectType) && (t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface || !rv.IsNil()):
		return Obj(rv.Interface().(Object)), nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return Bool(rv.Bool()), nil
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return Int(int32(rv.Int())), nil
	case reflect.Int64:
		return Long(rv.Int()), nil
	case reflect.Int:
		return intValue(rv.Int()), nil
	case reflect.Uint8, reflect.Uint16:
		return Int(int32(rv.Uint())), nil
	case reflect.Uint, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return Null, convErr(path, "cannot convert %s %d to a script number: it does not fit in a Long", t, u)
		}
		return intValue(int64(u)), nil
	case reflect.Float32:
		return Float(float32(rv.Float())), nil
	case reflect.Float64:
		return Double(rv.Float()), nil
	case reflect.String:
		return String(rv.String()), nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return Null, nil
		}
		if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
			return Obj(newGoObject(rv, true)), nil
		}
		if t.Kind() == reflect.Interface {
			// not a part of its own, nor a level (what it holds is not an
			// interface, so this cannot loop): what converts to an any
			// converts back within the same bounds
			c.nodes--
			return c.toValue(rv.Elem(), path, depth)
		}
		return c.toValue(rv.Elem(), path, depth+1)
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && rv.IsNil() {
			return Null, nil
		}
		elems := make([]Value, rv.Len())
		for i := range elems {
			v, err := c.toValue(rv.Index(i), path.index(i), depth+1)
			if err != nil {
				return Null, err
			}
			elems[i] = v
		}
		return Obj(NewList(elems)), nil
	case reflect.Map:
		if rv.IsNil() {
			return Null, nil
		}
		return c.mapToValue(rv, path, depth)
	case reflect.Struct:
		return Obj(newGoObject(rv, false)), nil
	case reflect.Func:
		if rv.IsNil() {
			return Null, nil
		}
		n, err := NewGoFunc("hostFunction", rv.Interface())
		if err != nil {
			return Null, convErr(path, "%v", err)
		}
		return Obj(n), nil
	}
	return Null, convErr(path, "cannot convert a Go %s to a script value", t)
}

// mapToValue converts a Go map to a LinkedHashMap whose entries are in
// sorted key order, so that scripts print them deterministically.
func (c *convState) mapToValue(rv reflect.Value, path *convPath, depth int) (Value, error) {
	type entry struct {
		k Value
		v reflect.Value
	}
	entries := make([]entry, 0, rv.Len())
	iter := rv.MapRange()
	for iter.Next() {
		k, err := c.toValue(iter.Key(), path.mapKey(), depth+1)
		if err != nil {
			return Null, err
		}
		switch k.Kind() {
		case KString, KBool, KInt, KLong, KDouble, KFloat, KChar:
			c.nodes-- // a key is counted with its entry, as ToGo counts it
		default:
			return Null, convErr(path, "cannot convert a Go %s to a script map: keys must be strings, booleans or numbers", rv.Type())
		}
		entries = append(entries, entry{k, iter.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return compareKeys(a.k, b.k) })
	m := NewMap(LinkedMapClass)
	for _, e := range entries {
		v, err := c.toValue(e.v, path.key(e.k), depth+1)
		if err != nil {
			return Null, err
		}
		if _, _, err := m.Put(nil, e.k, v); err != nil {
			return Null, err
		}
	}
	return Obj(m), nil
}

func compareKeys(a, b Value) int {
	if a.Kind() != b.Kind() {
		return cmp.Compare(a.Kind(), b.Kind())
	}
	switch a.Kind() {
	case KString:
		return strings.Compare(a.AsString(), b.AsString())
	case KDouble, KFloat:
		return cmp.Compare(a.ToFloat64(), b.ToFloat64())
	}
	return cmp.Compare(a.ToInt64(), b.ToInt64())
}

func keyText(k Value) string {
	if k.Kind() == KString {
		return strconv.Quote(k.AsString())
	}
	return toStringSimple(k)
}

// eachField calls f with the script name and index of every exported
// field of struct type t, in declaration order; fields of embedded
// structs without a tag are promoted, as encoding/json does. The script
// name is the `ktcoro:"name"` tag, else the field name with its first
// letter in lower case ("UserID" -> "userID"); `ktcoro:"-"` skips a
// field.
func eachField(t reflect.Type, f func(name string, index []int) bool) {
	seen := map[string]bool{}
	var walk func(t reflect.Type, prefix []int) bool
	walk = func(t reflect.Type, prefix []int) bool {
		for i := range t.NumField() {
			sf := t.Field(i)
			index := append(slices.Clip(prefix), i)
			tag, hasTag := sf.Tag.Lookup("ktcoro")
			if tag == "-" {
				continue
			}
			if sf.Anonymous && !hasTag {
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct && sf.Type.Kind() == reflect.Struct {
					if !walk(ft, index) {
						return false
					}
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			name := tag
			if name == "" {
				name = fieldName(sf.Name)
			}
			if seen[name] {
				continue
			}
			seen[name] = true
			if !f(name, index) {
				return false
			}
		}
		return true
	}
	walk(t, nil)
}

// fieldName is a Go field name in the script's lowerCamelCase.
func fieldName(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// FromValue stores the script value v in the Go variable dst points to,
// converting it to dst's type: numbers into integer types (checking the
// range) and float types, String into string, Boolean into bool, lists,
// arrays and sets into slices and arrays, maps into maps, maps with
// string keys and instances of script classes into structs (by the field
// names of ToValue), null into pointers, slices, maps and interfaces (as
// nil), anything into an interface (see ToGo) and into Value, a Go
// object (a struct ToValue converted) into its own struct or pointer
// type, and a function value into a Go func type (see goFunc: calling
// the func runs the script function, see Interp.CallScript). Other
// combinations fail with a *ConversionError naming the script type, the
// Go type and the place, as do values nested more than 64 levels deep
// and values of more than 1,048,576 parts (a list holding the same list
// twice, 40 levels deep, counts 2^41: conversions copy, so such a value
// would otherwise take exponential time and memory). It reads script objects: call it where scripts
// cannot modify them concurrently (the values a host receives after a run
// has returned, or on the script's own thread).
func FromValue(v Value, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("FromValue needs a non-nil pointer, not %T", dst)
	}
	return new(convState).fromValue(v, rv.Elem(), nil, 0)
}

// scriptType names a value's script type for messages: "Int 3",
// "String \"abc\"", "ArrayList".
func scriptType(v Value) string {
	switch v.Kind() {
	case KNull:
		return "null"
	case KString:
		s := v.AsString()
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return "String " + strconv.Quote(s)
	case KInt, KLong, KDouble, KFloat, KBool, KChar:
		return classOf(v).Name + " " + toStringSimple(v)
	}
	return typeName(v)
}

func (c *convState) fromValue(v Value, dst reflect.Value, path *convPath, depth int) error {
	if err := c.visit(path, depth); err != nil {
		return err
	}
	if v.is(kAbsent) {
		v = Null
	}
	t := dst.Type()
	bad := func() error {
		return convErr(path, "cannot convert %s to Go %s", scriptType(v), t)
	}
	if t == valueType {
		dst.Set(reflect.ValueOf(v))
		return nil
	}
	if g, ok := v.o.(*goObject); ok && g.assignTo(dst) {
		return nil
	}
	switch t.Kind() {
	case reflect.Func:
		if v.o == nil {
			dst.SetZero()
			return nil
		}
		f, err := goFunc(v, t)
		if err != nil {
			return convErr(path, "%v", err)
		}
		dst.Set(f)
		return nil
	case reflect.Interface:
		if v.o == nil {
			dst.SetZero()
			return nil
		}
		if t == errorType {
			if e := ExceptionOf(v); e != nil {
				dst.Set(reflect.ValueOf(e))
				return nil
			}
			return bad()
		}
		g, err := c.toGo(v, path, depth)
		if err != nil {
			return err
		}
		gv := reflect.ValueOf(g)
		if !gv.Type().AssignableTo(t) {
			return bad()
		}
		dst.Set(gv)
		return nil
	case reflect.Pointer:
		if v.o == nil {
			dst.SetZero()
			return nil
		}
		if t.Implements(objectType) {
			if v.Kind() == KObject && reflect.TypeOf(v.o) == t {
				dst.Set(reflect.ValueOf(v.o))
				return nil
			}
			return bad()
		}
		p := reflect.New(t.Elem())
		if err := c.fromValue(v, p.Elem(), path, depth+1); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Bool:
		if !v.is(KBool) {
			return bad()
		}
		dst.SetBool(v.AsBool())
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := integral(v)
		if !ok {
			return bad()
		}
		if dst.OverflowInt(i) {
			return convErr(path, "cannot convert %s to Go %s: out of range", scriptType(v), t)
		}
		dst.SetInt(i)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		i, ok := integral(v)
		if !ok {
			return bad()
		}
		if i < 0 || dst.OverflowUint(uint64(i)) {
			return convErr(path, "cannot convert %s to Go %s: out of range", scriptType(v), t)
		}
		dst.SetUint(uint64(i))
		return nil
	case reflect.Float32, reflect.Float64:
		if !v.IsNumber() {
			return bad()
		}
		dst.SetFloat(v.ToFloat64())
		return nil
	case reflect.String:
		if v.Kind() != KString {
			return bad()
		}
		dst.SetString(v.AsString())
		return nil
	case reflect.Slice, reflect.Array:
		if v.o == nil && t.Kind() == reflect.Slice {
			dst.SetZero()
			return nil
		}
		elems, ok := elementsOf(v)
		if !ok {
			return bad()
		}
		if t.Kind() == reflect.Array {
			if len(elems) != t.Len() {
				return convErr(path, "cannot convert %s of %d elements to Go %s", scriptType(v), len(elems), t)
			}
		} else {
			dst.Set(reflect.MakeSlice(t, len(elems), len(elems)))
		}
		for i, e := range elems {
			if err := c.fromValue(e, dst.Index(i), path.index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if v.o == nil {
			dst.SetZero()
			return nil
		}
		m, ok := v.o.(*Map)
		if v.Kind() != KObject || !ok || m.IsSet() {
			return bad()
		}
		out := reflect.MakeMapWithSize(t, m.Len())
		var err error
		m.Each(func(k, val Value) bool {
			kv := reflect.New(t.Key()).Elem()
			if err = c.fromValue(k, kv, path.mapKey(), depth+1); err != nil {
				return false
			}
			vv := reflect.New(t.Elem()).Elem()
			if err = c.fromValue(val, vv, path.key(k), depth+1); err != nil {
				return false
			}
			out.SetMapIndex(kv, vv)
			return true
		})
		if err != nil {
			return err
		}
		dst.Set(out)
		return nil
	case reflect.Struct:
		fields, ok := fieldsOf(v)
		if !ok {
			return bad()
		}
		var err error
		eachField(t, func(name string, index []int) bool {
			fv, ok := fields(name)
			if !ok {
				return true
			}
			f, ferr := dst.FieldByIndexErr(index)
			if ferr != nil { // through a nil embedded pointer
				return true
			}
			err = c.fromValue(fv, f, path.field(name), depth+1)
			return err == nil
		})
		return err
	}
	return bad()
}

// elementsOf returns the elements of a list, array, set or range.
func elementsOf(v Value) ([]Value, bool) {
	if v.Kind() != KObject {
		return nil, false
	}
	switch o := v.o.(type) {
	case *List:
		return o.Elems, true
	case *Map:
		if !o.IsSet() {
			return nil, false
		}
		keys, _ := o.EntryList()
		return keys, true
	case *MapView:
		return o.Elems(), true
	case *Range:
		if o.count() > 1<<20 {
			return nil, false
		}
		return o.values(), true
	}
	return nil, false
}

// fieldsOf returns a lookup of the named fields of a map with string keys
// or of an instance of a script class (its backing fields that are
// public properties).
func fieldsOf(v Value) (func(name string) (Value, bool), bool) {
	if v.Kind() != KObject {
		return nil, false
	}
	switch o := v.o.(type) {
	case *Map:
		if o.IsSet() {
			return nil, false
		}
		return func(name string) (Value, bool) {
			val, ok, _ := o.Get(nil, String(name))
			return val, ok
		}, true
	case *Instance:
		if o.cls.IsSubclassOf(ThrowableClass) {
			return nil, false
		}
		return func(name string) (Value, bool) {
			for c := o.cls; c != nil; c = c.Super {
				if p, ok := c.Props[name]; ok && !p.Private && p.Slot >= 0 && p.Slot < len(o.Fields) && p.Getter.o == nil {
					return o.Fields[p.Slot], true
				}
			}
			return Null, false
		}, true
	}
	return nil, false
}

// ToGo converts a script value to a natural Go value: null and Unit to
// nil, Boolean to bool, Int to int, Long to int64, Double to float64,
// Float to float32, Char to rune, String to string, lists, arrays and
// sets to []any, maps to map[string]any when every key is a String (else
// map[any]any), instances of script classes to map[string]any of their
// public stored properties, enum entries to their name, exceptions to
// *Exception; other objects (functions, jobs, ...) stay Values. Like
// FromValue it fails with a *ConversionError past 64 levels of nesting
// or 1,048,576 parts. It reads
// script objects (see FromValue for when that is safe); the Go values it
// returns are new and the caller's.
func ToGo(v Value) (any, error) { return new(convState).toGo(v, nil, 0) }

func (c *convState) toGo(v Value, path *convPath, depth int) (any, error) {
	if err := c.visit(path, depth); err != nil {
		return nil, err
	}
	if c.export && v.Kind() != KObject {
		return v.Export(), nil
	}
	switch v.Kind() {
	case KNull, KUnit, kAbsent:
		return nil, nil
	case KBool:
		return v.AsBool(), nil
	case KInt:
		return int(v.AsInt()), nil
	case KLong:
		return v.AsLong(), nil
	case KDouble:
		return v.AsDouble(), nil
	case KFloat:
		return v.AsFloat(), nil
	case KChar:
		return v.AsChar(), nil
	case KString:
		return v.AsString(), nil
	}
	if e := ExceptionOf(v); e != nil {
		if c.export {
			return v, nil
		}
		return e, nil
	}
	if g, ok := v.o.(*goObject); ok {
		return g.rv.Interface(), nil
	}
	if elems, ok := elementsOf(v); ok {
		out := make([]any, len(elems))
		for i, e := range elems {
			g, err := c.toGo(e, path.index(i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	}
	switch o := v.o.(type) {
	case *Map:
		keys, vals := o.EntryList()
		allStrings := true
		for _, k := range keys {
			allStrings = allStrings && k.Kind() == KString
		}
		if !allStrings && c.export {
			return v, nil
		}
		if allStrings {
			out := make(map[string]any, len(keys))
			for i, k := range keys {
				g, err := c.toGo(vals[i], path.key(k), depth+1)
				if err != nil {
					return nil, err
				}
				out[k.AsString()] = g
			}
			return out, nil
		}
		out := make(map[any]any, len(keys))
		for i, k := range keys {
			gk, err := c.toGo(k, path.mapKey(), depth+1)
			if err != nil {
				return nil, err
			}
			if gk != nil && !reflect.TypeOf(gk).Comparable() {
				return nil, convErr(path, "cannot convert a map with %s keys to Go", scriptType(k))
			}
			g, err := c.toGo(vals[i], path.key(k), depth+1)
			if err != nil {
				return nil, err
			}
			out[gk] = g
		}
		return out, nil
	case *Instance:
		if c.export && (o.cls.Enum || o.cls.decl == nil) {
			return v, nil
		}
		if o.cls.Enum && len(o.Fields) > enumNameSlot {
			return o.Fields[enumNameSlot].AsString(), nil
		}
		out := map[string]any{}
		for _, name := range o.cls.Fields {
			var p *Prop
			for c := o.cls; c != nil && p == nil; c = c.Super {
				p = c.Props[name]
			}
			if p == nil || p.Private || p.Slot < 0 || p.Slot >= len(o.Fields) {
				continue
			}
			g, err := c.toGo(o.Fields[p.Slot], path.field(name), depth+1)
			if err != nil {
				return nil, err
			}
			out[name] = g
		}
		return out, nil
	}
	return v, nil
}

// NewGoFunc wraps a Go function so that scripts can call it: each script
// argument is converted with FromValue to the type of the corresponding
// parameter (a variadic function takes any number of trailing
// arguments), and the results — none, a value, an error, or a value and
// an error — are converted back with ToValue. A wrong number of
// arguments or an argument that does not convert throws
// IllegalArgumentException (so does one too deep or too large, see
// FromValue; the conversion counts each part as a step of the run, so the
// host's limits stop it); a returned error is thrown as ToException
// converts it (Throw picks the class); a panic in fn throws
// java.lang.RuntimeException instead of crashing. A function of type
// NativeFunc is used as it is. fn runs on the script's thread, like any
// built-in: it must not block for long (see the coroutine runtime's
// suspending host functions for that) nor call back into the
// interpreter's host API. NewGoFunc itself is safe from any goroutine;
// the Native it returns may be defined in several interpreters.
func NewGoFunc(name string, fn any) (*Native, error) {
	if f, ok := fn.(NativeFunc); ok {
		return &Native{Name: name, Fn: lendingNative(f)}, nil
	}
	if f, ok := fn.(func(*Coroutine, Value, []Value) (Value, error)); ok {
		return &Native{Name: name, Fn: lendingNative(f)}, nil
	}
	rv := reflect.ValueOf(fn)
	if rv.Kind() != reflect.Func || rv.IsNil() {
		return nil, fmt.Errorf("%s: not a function but %T", name, fn)
	}
	sig, err := NewGoSignature(name, rv.Type(), 0)
	if err != nil {
		return nil, err
	}
	return &Native{Name: name, Fn: func(co *Coroutine, _ Value, args []Value) (Value, error) {
		return callGo(co, sig, rv, args)
	}}, nil
}

// GoSignature describes the parameters and results of a Go function
// called from scripts: it converts the script arguments to the Go
// parameters (after the first skip ones, which the caller supplies, such
// as a context.Context) and the Go results back. NewGoFunc uses it; so
// does the coroutine runtime for suspending host functions. Its methods
// are safe from any goroutine.
type GoSignature struct {
	name     string
	t        reflect.Type
	skip     int
	hasValue bool // the first result is a value
	hasErr   bool // the last result is an error
}

// NewGoSignature checks that t is a function type whose results are
// none, (R), (error) or (R, error), and that takes at least skip
// parameters. Safe from any goroutine.
func NewGoSignature(name string, t reflect.Type, skip int) (*GoSignature, error) {
	if t.Kind() != reflect.Func {
		return nil, fmt.Errorf("%s: not a function but %s", name, t)
	}
	if t.NumIn() < skip {
		return nil, fmt.Errorf("%s: %s takes fewer than %d parameters", name, t, skip)
	}
	s := &GoSignature{name: name, t: t, skip: skip}
	switch t.NumOut() {
	case 0:
	case 1:
		if t.Out(0) == errorType {
			s.hasErr = true
		} else {
			s.hasValue = true
		}
	case 2:
		if t.Out(1) != errorType {
			return nil, fmt.Errorf("%s: the second result of %s must be error", name, t)
		}
		s.hasValue, s.hasErr = true, true
	default:
		return nil, fmt.Errorf("%s: %s has more than two results", name, t)
	}
	return s, nil
}

// Type returns the function type.
func (s *GoSignature) Type() reflect.Type { return s.t }

// Args converts script arguments to the Go parameters after the skipped
// ones. The error says which argument did not fit, or that the count is
// wrong. It reads script objects (call it on the script's thread).
func (s *GoSignature) Args(args []Value) ([]reflect.Value, error) {
	return s.args(new(convState), args)
}

// args is Args within the conversion c.
func (s *GoSignature) args(c *convState, args []Value) ([]reflect.Value, error) {
	n := s.t.NumIn()
	fixed := n - s.skip
	variadic := s.t.IsVariadic()
	if variadic {
		fixed--
	}
	for len(args) > 0 && args[len(args)-1].is(kAbsent) {
		args = args[:len(args)-1]
	}
	if len(args) < fixed || !variadic && len(args) > fixed {
		want := strconv.Itoa(fixed)
		if variadic {
			want = "at least " + want
		}
		plural := "s"
		if fixed == 1 && !variadic {
			plural = ""
		}
		return nil, fmt.Errorf("%s expects %s argument%s, got %d", s.name, want, plural, len(args))
	}
	out := make([]reflect.Value, s.skip, s.skip+len(args))
	for i, a := range args {
		var pt reflect.Type
		if i < fixed {
			pt = s.t.In(s.skip + i)
		} else {
			pt = s.t.In(n - 1).Elem()
		}
		p := reflect.New(pt).Elem()
		if err := c.fromValue(a, p, nil, 0); err != nil {
			var ce *ConversionError
			if errors.As(err, &ce) {
				where := "argument " + strconv.Itoa(i+1)
				if ce.Path != "" {
					where += " at " + ce.Path
				}
				return nil, fmt.Errorf("%s: %s: %s", s.name, where, ce.Msg)
			}
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Results converts the Go results of a call back: the value (Unit when
// the function returns none) and the returned error.
func (s *GoSignature) Results(out []reflect.Value) (Value, error) {
	if s.hasErr {
		if e := out[len(out)-1]; !e.IsNil() {
			return Null, e.Interface().(error)
		}
	}
	if !s.hasValue {
		return Unit, nil
	}
	v, err := new(convState).toValue(out[0], nil, 0)
	if err != nil {
		return Null, fmt.Errorf("%s returned a value scripts cannot use: %w", s.name, err)
	}
	return v, nil
}

// Call calls fn (a function of the signature's type) with the converted
// arguments and converts its results, turning a panic into an error.
func (s *GoSignature) Call(fn reflect.Value, in []reflect.Value) (v Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				r = re.Error()
			}
			v, err = Null, fmt.Errorf("host function %s panicked: %v", s.name, r)
		}
	}()
	return s.Results(fn.Call(in))
}

// integral returns the value of an Int, Long or Char (its code) for a Go
// integer type.
func integral(v Value) (int64, bool) {
	switch v.Kind() {
	case KInt, KLong:
		return v.ToInt64(), true
	case KChar:
		return int64(v.AsChar()), true
	}
	return 0, false
}
