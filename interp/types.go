package interp

// The core classes. The standard library adds methods and properties to
// them (once, from its package initialisation) before scripts run.
var (
	AnyClass          = &Class{Name: "Any", QName: "java.lang.Object", Open: true}
	NullClass         = &Class{Name: "Nothing?", QName: "null"}
	UnitClass         = &Class{Name: "Unit", QName: "kotlin.Unit"}
	FunctionClass     = &Class{Name: "Function", QName: "kotlin.Function"}
	KClassClass       = &Class{Name: "KClass", QName: "kotlin.reflect.KClass"}
	ComparableClass   = &Class{Name: "Comparable", QName: "java.lang.Comparable", Interface: true}
	CharSequenceClass = &Class{Name: "CharSequence", QName: "java.lang.CharSequence", Interface: true}
	NumberClass       = &Class{Name: "Number", QName: "java.lang.Number", Abstract: true}
	BooleanClass      = &Class{Name: "Boolean", QName: "java.lang.Boolean"}
	IntClass          = &Class{Name: "Int", QName: "java.lang.Integer"}
	LongClass         = &Class{Name: "Long", QName: "java.lang.Long"}
	DoubleClass       = &Class{Name: "Double", QName: "java.lang.Double"}
	FloatClass        = &Class{Name: "Float", QName: "java.lang.Float"}
	CharClass         = &Class{Name: "Char", QName: "java.lang.Character"}
	StringClass       = &Class{Name: "String", QName: "java.lang.String"}

	IterableClass     = &Class{Name: "Iterable", QName: "java.lang.Iterable", Interface: true}
	CollectionClass   = &Class{Name: "Collection", QName: "java.util.Collection", Interface: true}
	ListClass         = &Class{Name: "List", QName: "java.util.List", Interface: true}
	MutableListClass  = &Class{Name: "MutableList", QName: "java.util.List", Interface: true}
	ArrayListClass    = &Class{Name: "ArrayList", QName: "java.util.ArrayList"}
	SetClass          = &Class{Name: "Set", QName: "java.util.Set", Interface: true}
	MutableSetClass   = &Class{Name: "MutableSet", QName: "java.util.Set", Interface: true}
	LinkedSetClass    = &Class{Name: "LinkedHashSet", QName: "java.util.LinkedHashSet"}
	HashSetClass      = &Class{Name: "HashSet", QName: "java.util.HashSet"}
	MapClass          = &Class{Name: "Map", QName: "java.util.Map", Interface: true}
	MutableMapClass   = &Class{Name: "MutableMap", QName: "java.util.Map", Interface: true}
	LinkedMapClass    = &Class{Name: "LinkedHashMap", QName: "java.util.LinkedHashMap"}
	HashMapClass      = &Class{Name: "HashMap", QName: "java.util.HashMap"}
	MapEntryClass     = &Class{Name: "Entry", QName: "java.util.Map$Entry"}
	ArrayClass        = &Class{Name: "Array", QName: "kotlin.Array"}
	IntArrayClass     = &Class{Name: "IntArray", QName: "kotlin.IntArray"}
	LongArrayClass    = &Class{Name: "LongArray", QName: "kotlin.LongArray"}
	DoubleArrayClass  = &Class{Name: "DoubleArray", QName: "kotlin.DoubleArray"}
	BooleanArrayClass = &Class{Name: "BooleanArray", QName: "kotlin.BooleanArray"}
	CharArrayClass    = &Class{Name: "CharArray", QName: "kotlin.CharArray"}
	IntRangeClass     = &Class{Name: "IntRange", QName: "kotlin.ranges.IntRange"}
	LongRangeClass    = &Class{Name: "LongRange", QName: "kotlin.ranges.LongRange"}
	CharRangeClass    = &Class{Name: "CharRange", QName: "kotlin.ranges.CharRange"}
	ProgressionClass  = &Class{Name: "IntProgression", QName: "kotlin.ranges.IntProgression"}
	IteratorClass     = &Class{Name: "Iterator", QName: "java.util.Iterator", Interface: true}
)

// short aliases used inside the package
var (
	anyClass      = AnyClass
	nullClass     = NullClass
	unitClass     = UnitClass
	functionClass = FunctionClass
	classClass    = KClassClass
	boolClass     = BooleanClass
	intClass      = IntClass
	longClass     = LongClass
	doubleClass   = DoubleClass
	floatClass    = FloatClass
	charClass     = CharClass
	stringClass   = StringClass
)

func init() {
	link := func(c, super *Class, ifaces ...*Class) {
		c.Super = super
		c.Interfaces = ifaces
		if c.Props == nil {
			c.Props = map[string]*Prop{}
		}
		if c.Methods == nil {
			c.Methods = map[string]Value{}
		}
	}
	link(AnyClass, nil)
	link(NullClass, nil)
	link(UnitClass, AnyClass)
	link(FunctionClass, AnyClass)
	link(KClassClass, AnyClass)
	link(ComparableClass, nil)
	link(CharSequenceClass, nil)
	link(NumberClass, AnyClass)
	link(BooleanClass, AnyClass, ComparableClass)
	for _, c := range []*Class{IntClass, LongClass, DoubleClass, FloatClass} {
		link(c, NumberClass, ComparableClass)
	}
	link(CharClass, AnyClass, ComparableClass)
	link(StringClass, AnyClass, ComparableClass, CharSequenceClass)
	link(IterableClass, nil)
	link(CollectionClass, nil, IterableClass)
	link(ListClass, nil, CollectionClass)
	link(MutableListClass, nil, ListClass)
	link(ArrayListClass, AnyClass, MutableListClass)
	link(SetClass, nil, CollectionClass)
	link(MutableSetClass, nil, SetClass)
	link(LinkedSetClass, AnyClass, MutableSetClass)
	link(HashSetClass, AnyClass, MutableSetClass)
	link(MapClass, nil)
	link(MutableMapClass, nil, MapClass)
	link(LinkedMapClass, AnyClass, MutableMapClass)
	link(HashMapClass, AnyClass, MutableMapClass)
	link(MapEntryClass, AnyClass)
	for _, c := range []*Class{ArrayClass, IntArrayClass, LongArrayClass, DoubleArrayClass, BooleanArrayClass, CharArrayClass} {
		link(c, AnyClass)
	}
	link(ProgressionClass, AnyClass, IterableClass)
	link(IntRangeClass, ProgressionClass)
	link(LongRangeClass, AnyClass, IterableClass)
	link(CharRangeClass, AnyClass, IterableClass)
	link(IteratorClass, nil)
	initExceptions()
}

func coreClasses() []*Class {
	cs := []*Class{AnyClass, UnitClass, ComparableClass, CharSequenceClass, NumberClass,
		BooleanClass, IntClass, LongClass, DoubleClass, FloatClass, CharClass, StringClass,
		IterableClass, CollectionClass, ListClass, MutableListClass, ArrayListClass, SetClass,
		MutableSetClass, LinkedSetClass, HashSetClass, MapClass, MutableMapClass, LinkedMapClass,
		HashMapClass, ArrayClass, IntArrayClass, LongArrayClass, DoubleArrayClass,
		BooleanArrayClass, CharArrayClass, IntRangeClass, LongRangeClass, CharRangeClass,
		ProgressionClass, IteratorClass, FunctionClass, KClassClass}
	cs = append(cs, smallIntClasses...)
	cs = append(cs, smallArrayClasses...)
	return append(cs, exceptionClasses...)
}

// TypeTest is a compiled type for `is`, `as`, `catch` and extension
// receivers: Name is the type's name as written ("String", "Any?") and
// Nullable tells whether null passes. Generic arguments are erased. A
// TypeTest is immutable: safe from any goroutine.
type TypeTest struct {
	Name     string
	Nullable bool
	cls      *Class
	any      bool // a type parameter or Any?: everything passes
	fn       bool // a function type
	conv     Kind // numeric kind a cast converts to (never set by `as`)
}

// TestedClass returns the class t tests for, or nil for a type parameter,
// Any or a function type.
func (t *TypeTest) TestedClass() *Class { return t.cls }

// Class implements Object (type tests live in constant pools).
func (*TypeTest) Class() *Class { return anyClass }

// NewTypeTest returns a type test for class c (and its subclasses), which
// null passes when nullable is set.
func NewTypeTest(c *Class, nullable bool) *TypeTest {
	return &TypeTest{Name: c.Name, cls: c, Nullable: nullable}
}

// AnyType matches every value, null included (type parameters).
var AnyType = &TypeTest{Name: "Any?", Nullable: true, any: true}

// Test reports whether v is an instance of the type.
func (t *TypeTest) Test(v Value) bool {
	if v.o == nil {
		return t.Nullable
	}
	if t.any {
		return true
	}
	if t.fn {
		switch v.o.(type) {
		case *Closure, *Native:
			return true
		}
		return false
	}
	return classOf(v).IsSubclassOf(t.cls)
}

// moreSpecific reports whether t is a narrower receiver type than u.
func (t *TypeTest) moreSpecific(u *TypeTest) bool {
	if u.any {
		return !t.any
	}
	if t.any || t.cls == nil || u.cls == nil {
		return false
	}
	return t.cls != u.cls && t.cls.IsSubclassOf(u.cls)
}

// typeName returns the JVM class name of v's class, as used in messages.
func typeName(v Value) string {
	if v.o == nil {
		return "null"
	}
	c := classOf(v)
	if c.QName != "" {
		return c.QName
	}
	return c.Name
}

// stringList is a constant holding argument names (nil: all positional)
// and, for a call choosing among overloads, the arguments' static types
// where known (see staticArgs).
type stringList struct {
	s     []string
	types []*TypeTest
}

func (*stringList) Class() *Class { return anyClass }
