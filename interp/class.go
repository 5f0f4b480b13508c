package interp

import (
	"github.com/ktcoro/ktcoro/lang"
)

// Class is a runtime class: a script class, interface, object or enum, or a
// built-in type (String, List, IllegalStateException, ...). Built-in and
// script classes share one model so that method lookup, `is` checks and
// inheritance from built-ins (a script exception extending
// RuntimeException) work the same way. Super is the superclass (nil only
// for Any) and Interfaces the implemented interfaces; Interface, Abstract,
// Open, Data, Enum and Sealed tell what the declaration says.
//
// A Class is immutable once its program has been loaded and may be read
// from any goroutine. Built-in classes are set up with NewClass and the
// Add/Set methods before any script runs; the core classes of this
// package are shared by every interpreter in the process.
type Class struct {
	Name       string // simple name
	QName      string // name printed by toString and in exception lines
	Super      *Class
	Interfaces []*Class
	Interface  bool
	Abstract   bool
	Open       bool
	Data       bool
	Enum       bool
	Sealed     bool
	IsObject   bool // an `object` declaration (singleton)
	// ReadOnly marks a built-in collection class whose instances refuse
	// mutation (the lists listOf returns): `a += b` does not call their
	// plusAssign, and `a[i] += b` does not store into them.
	ReadOnly bool
	// SnapshotIter makes a `for` loop over a List of this class walk a
	// copy of its elements taken when the loop starts, as the iterators
	// of java.util.concurrent.CopyOnWriteArrayList do; over a Map (or its
	// views), the keys it had then that it still holds, as
	// ConcurrentHashMap's weakly consistent iterators do.
	SnapshotIter bool

	// Fields lists the names of the backing fields in slot order,
	// inherited ones first.
	Fields []string
	// Props maps a property name to how it is read and written.
	Props map[string]*Prop
	// Methods maps a method name to a callable (*Closure or *Native).
	Methods map[string]Value
	// ScopeMembers, when set, lists the only members an instance shows
	// as an implicit receiver (an unqualified name inside a lambda with
	// receiver): those of the receiver's static type, where the runtime
	// class has more (a coroutine is a Job, but a launch block's receiver
	// is a CoroutineScope). Extensions are not restricted.
	ScopeMembers map[string]bool

	// ctor is the primary constructor (fills fields, runs init blocks);
	// nil for built-ins that cannot be constructed from scripts.
	ctor Value
	// factory creates instances of built-in classes that are not
	// *Instance (StringBuilder, ArrayList, ...); it wins over ctor.
	ctors         []Value // secondary constructors
	factory       NativeFunc
	factoryParams []string
	// Statics holds the companion object or, for an object declaration,
	// the singleton instance.
	Statics Value
	// EnumValues holds the entries of an enum class in declaration order.
	EnumValues []Value
	// Nested holds nested classes by name.
	Nested map[string]*Class
	// New creates a bare instance of a built-in class that scripts may
	// extend (exceptions); nil means a plain *Instance.
	dataProps []string // primary-constructor properties of a data class

	// StaticMethods holds functions called on the class itself
	// (values()/valueOf() of enums, host-defined statics).
	StaticMethods map[string]Value
	// StaticProps holds constants read from the class itself
	// (Int.MAX_VALUE).
	StaticProps map[string]Value

	companion  *Class
	outer      *Class // enclosing class of a nested or inner class
	inner      bool   // an inner class: field outerSlot holds the outer instance
	outerSlot  int
	envSlot    int             // a local class: 1 + the field holding its environment (see localClass)
	abstract   map[string]bool // abstract property names (compiler)
	private    map[string]bool // private member functions (compiler)
	members    map[string]bool // names of member functions (compiler)
	headerDone bool
	// sam, for a fun interface, is how function values convert to it.
	sam *samInfo
	// decl is the declaration of a script class (nil for built-ins).
	decl      *lang.ClassDecl
	anonymous bool

	pos  lang.Pos
	file string
}

// Prop describes a property of a class: its Name, whether it is Mutable
// (var), Private or Open, and its Owner, the class that declares it.
type Prop struct {
	Name     string
	Slot     int   // backing field slot, or -1
	Getter   Value // callable taking `this`, or null when the field is read directly
	Setter   Value // callable taking `this` and the value, or null
	Mutable  bool
	Private  bool
	Open     bool
	Lateinit bool // reading it while null throws UninitializedPropertyAccessException
	// InPlace marks a var of a mutable type: `x.p += v` calls plusAssign
	// where the value has both it and plus (see augAssign).
	InPlace bool
	prim    bool // always a number, Char, Boolean or String (see primitiveDecl)
	// conv is the declared numeric type a value stored in the field is
	// converted to (`var l: Long` given an Int), or KNull
	conv  Kind
	Owner *Class
}

// Class implements Object: a class used as a value (for companion access and
// `X::class`) is of class KClass.
func (c *Class) Class() *Class { return classClass }

// IsSubclassOf reports whether c is d or inherits from it.
func (c *Class) IsSubclassOf(d *Class) bool {
	for x := c; x != nil; x = x.Super {
		if x == d {
			return true
		}
		for _, i := range x.Interfaces {
			if i.IsSubclassOf(d) {
				return true
			}
		}
	}
	return d == anyClass
}

// LookupMethod finds a method by name along the class hierarchy: own
// methods, then the superclass chain, then interfaces (default methods).
func (c *Class) LookupMethod(name string) (Value, bool) {
	for x := c; x != nil; x = x.Super {
		if m, ok := x.Methods[name]; ok {
			return m, true
		}
	}
	for x := c; x != nil; x = x.Super {
		for _, i := range x.Interfaces {
			if m, ok := i.LookupMethod(name); ok {
				return m, true
			}
		}
	}
	return Null, false
}

// LookupProp finds a property by name along the class hierarchy.
func (c *Class) LookupProp(name string) *Prop {
	for x := c; x != nil; x = x.Super {
		if p, ok := x.Props[name]; ok {
			return p
		}
	}
	for x := c; x != nil; x = x.Super {
		for _, i := range x.Interfaces {
			if p := i.LookupProp(name); p != nil {
				return p
			}
		}
	}
	return nil
}

// FieldIndex returns the slot of the named backing field (the last one
// of that name, a subclass's shadowing an inherited one), or -1.
func (c *Class) FieldIndex(name string) int {
	for i := len(c.Fields) - 1; i >= 0; i-- {
		if c.Fields[i] == name {
			return i
		}
	}
	return -1
}

// NewClass returns a built-in class with the given simple and qualified
// names, superclass and interfaces; it is open (scripts may extend it) and
// inherits super's backing fields, as they are at the time of the call.
// Hosts and the standard library use it to describe their types; methods
// and properties are added with AddMethod and AddProp before any script
// runs, and the class is made known to scripts with Interp.DefineType.
// Safe from any goroutine.
func NewClass(name, qname string, super *Class, ifaces ...*Class) *Class {
	c := &Class{Name: name, QName: qname, Super: super, Interfaces: ifaces,
		Props: map[string]*Prop{}, Methods: map[string]Value{}, Open: true}
	if super != nil {
		c.Fields = append([]string(nil), super.Fields...)
	}
	return c
}

// AddMethod adds (or replaces) the native method name and returns it (to
// set Params or Suspend). Not safe once scripts run — in any interpreter,
// for the classes that several share.
func (c *Class) AddMethod(name string, fn NativeFunc) *Native {
	n := &Native{Name: name, Fn: fn, Owner: c}
	c.Methods[name] = Obj(n)
	noteNativeMember(name)
	return n
}

// AddProp adds (or replaces) the native read-only property name, computed
// by get at each read with the object as `this`. Not safe once scripts
// run.
func (c *Class) AddProp(name string, get NativeFunc) {
	c.Props[name] = &Prop{Name: name, Slot: -1, Getter: Obj(&Native{Name: name, Fn: get, Owner: c}), Owner: c}
	noteNativeMember(name)
}

// AddField adds a backing field with a plain property of the same name and
// returns its slot in Instance.Fields. Add fields before creating
// subclasses (NewClass copies the superclass's fields). Not safe once
// scripts run.
func (c *Class) AddField(name string, mutable bool) int {
	noteNativeMember(name)
	return c.addField(name, mutable)
}

// addField is AddField for the compiler: the fields of script classes
// are not native members (see nativeMembers).
func (c *Class) addField(name string, mutable bool) int {
	c.Fields = append(c.Fields, name)
	slot := len(c.Fields) - 1
	c.Props[name] = &Prop{Name: name, Slot: slot, Mutable: mutable, Owner: c}
	return slot
}

// SetFactory sets the function scripts call as `Name(args)` to create a
// built-in object; params name its parameters for named arguments. Not
// safe once scripts run.
func (c *Class) SetFactory(fn NativeFunc, params ...string) {
	c.factory = fn
	c.factoryParams = params
}

// SetInit sets the initialiser of a built-in class that scripts may
// extend: it runs with `this` already allocated as an *Instance, and
// params name its parameters for named arguments. Not safe once scripts
// run.
func (c *Class) SetInit(fn NativeFunc, params ...string) {
	c.ctor = Obj(&Native{Name: c.Name, Fn: fn, Owner: c, Params: params})
}

// Instance is an object of a script class (or of a built-in class scripts
// can extend, such as exceptions). Fields holds its backing fields in the
// slot order of Class.Fields. Scripts write them without a lock: read or
// write them only where script code of the interpreter cannot run at the
// same time (on the script's thread, or under the standard library's
// lock).
type Instance struct {
	idHash
	cls    *Class
	Fields []Value
	inline [3]Value // backing store of Fields for small classes (one allocation)
	// Native carries host data: for exceptions the stack trace, for
	// built-in bases whatever their natives need.
	Native any
}

// Class returns the instance's class.
func (in *Instance) Class() *Class { return in.cls }

// NewInstance returns a zeroed instance of c.
func NewInstance(c *Class) *Instance {
	in := &Instance{cls: c}
	if n := len(c.Fields); n <= len(in.inline) {
		in.Fields = in.inline[:n:n]
	} else {
		in.Fields = make([]Value, n)
	}
	return in
}

// Cell is a mutable variable captured by a closure; V is its value. Like
// Instance fields, it is written by scripts without a lock.
type Cell struct {
	V Value
}

// Class implements Object.
func (*Cell) Class() *Class { return anyClass }

// Closure is a script function value: compiled code plus captured values.
// Call it with Coroutine.CallSync, or start a coroutine on it with
// Interp.NewCoroutine.
type Closure struct {
	idHash
	fn   *Function
	free []Value
	// recvs holds the implicit receivers visible where a lambda was
	// created (the receivers of enclosing lambdas and extension functions),
	// innermost first.
	recvs []Value
	// bound is the receiver of a bound callable reference (obj::method)
	// or the `this` a method runs with; nil when unbound.
	bound *Value
}

// Class implements Object.
func (*Closure) Class() *Class { return functionClass }

// Function returns the compiled function of the closure.
func (cl *Closure) Function() *Function { return cl.fn }

// NativeFunc is the Go signature of built-in functions and methods. co is
// the calling coroutine and this the receiver for methods (null for plain
// functions); args are the arguments, which the native must not keep (the
// slice is the coroutine's stack). It runs on the script's thread, with
// the interpreter to itself: it may read and write script objects, and
// must not block for long.
//
// A returned error is thrown in the script: an *Exception as it is, an
// *Interrupted uncatchably, any other error (a *ThrowError included: see
// Interp.ToException) as a java.lang.RuntimeException with the error's
// text. A native may return ErrSuspend after arranging for the coroutine
// to be resumed (see Coroutine.Suspend).
type NativeFunc func(co *Coroutine, this Value, args []Value) (Value, error)

// Native is a built-in function value: Fn, called Name in stack traces
// and error messages, and for a method its Owner class (nil for a
// function). Set its fields before scripts can call it.
type Native struct {
	Name  string
	Fn    NativeFunc
	Owner *Class
	// Params names the parameters, for calls with named arguments; when
	// nil, named arguments are an error.
	Params []string
	// Suspend marks a native that may suspend; calling it from a
	// non-suspend function is a compile error.
	Suspend bool
	// Getter marks a built-in property (DefineGetter): naming it calls
	// it without arguments.
	Getter bool
	// Receiver is the implicit-receiver class a native passes to its
	// lambda argument (informational).
	bound    Value
	hasBound bool
	unbound  bool // an unbound callable reference Type::name (UnboundRefClass)
}

// Class implements Object.
func (n *Native) Class() *Class {
	if n.unbound {
		return UnboundRefClass
	}
	return functionClass
}

// WithParams sets the parameter names (Params) and returns n.
func (n *Native) WithParams(names ...string) *Native { n.Params = names; return n }
