package parser

import (
	"testing"
)

func TestExprDump(t *testing.T) {
	for _, src := range []string{
		"a + b * c",
		"a < b && c > d",
		"listOf<Int>(1, 2)",
		"x?.let { it + 1 } ?: 0",
		"1 until 10 step 2",
		"a as Int + 1",
		"x is String && y !is Int",
		"f(x = 1, *arr) { a, b -> a }",
		"\"a${b + \"c${d}\"}e$f\"",
		"-9223372036854775808L",
		"String::length",
		"::foo",
		"this@Outer.x",
		"super<Base>.foo()",
		"when (val x = f()) { 1, 2 -> a\n in 3..4 -> b\n is String -> c\n else -> d }",
		"if (a) b else c",
		"try { a } catch (e: Exception) { b } finally { c }",
		"run loop@{ return@loop 1 }",
		"object : Runnable { override fun run() {} }",
		"fun(x: Int): Int { return x }",
		"{ (a, b), _ -> a }",
		"{ -> 1 }",
		"a[i, j]!!",
		"mutableMapOf<String, List<Int>>()",
		"foo<T>{ }",
		"i < n",
		"Foo::class.java",
		"'\\u0041'",
		"0xFF + 0b101 + 1_000 + 1L + 1.5 + 1e10 + 1.5f + 2F + .5",
	} {
		x, err := ParseExpr("e", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		t.Logf("%s\n  => %s", src, sexpr(x))
	}
}
