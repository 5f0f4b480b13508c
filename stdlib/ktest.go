package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the natives behind kotlin.test (whose assertions are
// written in prelude.kc): the run-time view of a reified type argument,
// which the compiler passes as an *interp.TypeTest.

func installKotlinTest(in *interp.Interp) {
	in.DefineImport("kotlin.test")
	// fail is a native so that a host's own fail (Interp.Define) wins
	in.DefineFunc("fail", func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if !kHasArg(args, 0) || args[0].IsNull() {
			return kNull, co.Errorf("java.lang.AssertionError", "")
		}
		return kNull, co.Errorf("java.lang.AssertionError", "%s", args[0].AsString())
	})
	in.DefineFunc("__typeIs", func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		return interp.Bool(kTypeIs(args[0], args[1])), nil
	})
	in.DefineFunc("__typeJavaName", func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		return interp.String("class " + kTypeQName(args[0])), nil
	})
	in.DefineFunc("__typeKName", func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		return interp.String(kKotlinName(kTypeClass(args[0]), kTypeQName(args[0])) + kNoReflection), nil
	})
	in.DefineFunc("__valueKClass", func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		if args[0].IsNull() {
			return interp.String("null"), nil
		}
		c := interp.ClassOf(args[0])
		return interp.String("class " + kClassQName(c) + kNoReflection), nil
	})
}

// kNoReflection is what the JVM appends to a KClass or KType printed
// without kotlin-reflect on the class path.
const kNoReflection = " (Kotlin reflection is not available)"

// kTypeIs reports whether v passes the type test t (or is an instance of
// the class t).
func kTypeIs(t, v kValue) bool {
	switch o := t.AsObject().(type) {
	case *interp.TypeTest:
		return o.Test(v)
	case *interp.Class:
		return !v.IsNull() && interp.ClassOf(v).IsSubclassOf(o)
	}
	return false
}

func kTypeClass(t kValue) *interp.Class {
	switch o := t.AsObject().(type) {
	case *interp.TypeTest:
		return o.TestedClass()
	case *interp.Class:
		return o
	}
	return nil
}

// kTypeQName is the JVM name of the class a type test names.
func kTypeQName(t kValue) string {
	if c := kTypeClass(t); c != nil {
		return kClassQName(c)
	}
	if tt, ok := t.AsObject().(*interp.TypeTest); ok {
		return tt.Name
	}
	return "java.lang.Object"
}

func kClassQName(c *interp.Class) string {
	if c.QName != "" {
		return c.QName
	}
	return c.Name
}

// kKotlinName is the Kotlin name of a built-in class (kotlin.Int for
// java.lang.Integer), else its JVM name.
func kKotlinName(c *interp.Class, qname string) string {
	if c == nil {
		return qname
	}
	switch c {
	case interp.IntClass, interp.LongClass, interp.DoubleClass, interp.FloatClass, interp.CharClass,
		interp.BooleanClass, interp.StringClass, interp.AnyClass:
		return "kotlin." + c.Name
	}
	return qname
}
