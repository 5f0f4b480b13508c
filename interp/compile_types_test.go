package interp_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
)

// compileTypes compiles src with the standard library installed and
// returns the compile error's text ("" when it compiles).
func compileTypes(t *testing.T, src string) string {
	t.Helper()
	in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader("")})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Compile("t.kc", []byte(src)); err != nil {
		return err.Error()
	}
	return ""
}

// typeCases are programs close to a type mismatch, each with the start of
// the diagnostic kotlinc 2.4.20 gives for it, or "" for a valid program
// (checked with kotlinc too): the static type checks must accept every
// valid one, and report the others as kotlinc does.
var typeCases = map[string]struct{ src, want string }{
	"long-literal":         {"fun f(x: Long) = x\nfun main() { val l: Long = 1; f(2); println(l) }", ""},
	"byte-short":           {"fun f(b: Byte, s: Short) = b + s\nfun main() { val b: Byte = 127; println(f(-128, 32767) + b) }", ""},
	"any-number":           {"fun f(a: Any, n: Number, c: Comparable<Int>, o: Any?) = 1\nfun main() { println(f(\"s\", 1, 2, null)) }", ""},
	"nullable":             {"fun f(s: String?) = s\nfun main() { println(f(null)); val x: Int? = null; println(x) }", ""},
	"subclass":             {"open class A\nclass B : A()\nfun f(a: A) = 1\nfun main() { println(f(B())); val a: A = B(); println(a) }", ""},
	"interface":            {"interface I\nclass C : I\nfun f(i: I) = 1\nfun main() { println(f(C())) }", ""},
	"generic":              {"fun <T> f(x: T, l: List<T>) = x\nfun main() { println(f(\"s\", listOf(1))) }", ""},
	"generic-class":        {"class Box<T>(val v: T) { fun put(x: T) = x }\nfun main() { println(Box(1).put(2)); println(Box(\"a\").v) }", ""},
	"overloads":            {"fun f(x: Int) = 1\nfun f(x: String) = 2\nfun main() { println(f(\"s\") + f(1)) }", ""},
	"defaults-named":       {"fun f(a: Int, b: String = \"x\") = b\nfun main() { println(f(b = \"y\", a = 1)) }", ""},
	"vararg":               {"fun f(vararg xs: Int) = xs.size\nfun main() { println(f(1, 2, *intArrayOf(3))) }", ""},
	"smart-cast-is":        {"open class A\nclass B : A()\nfun f(b: B) = 1\nfun main() { val a: A = B(); if (a is B) println(f(a)) }", ""},
	"smart-cast-assign":    {"fun f(s: String) = s\nfun main() { var x: Any = 1; x = \"s\"; println(f(x)) }", ""},
	"as-cast":              {"fun f(s: String) = s\nfun main() { val x: Any = \"s\"; println(f(x as String)) }", ""},
	"shadowed-param":       {"fun f(s: String) = s\nfun main() { val x = 1; run { val x = \"s\"; println(f(x)) } }", ""},
	"string-plus":          {"fun main() { println(\"a\" + 1); println('a' + 1); println('b' - 'a'); println('b' - 1) }", ""},
	"user-operator":        {"operator fun Boolean.plus(o: Int) = 1\nfun main() { println(true + 1) }", ""},
	"string-ext-minus":     {"operator fun String.minus(o: Int) = dropLast(o)\nfun main() { println(\"abc\" - 1) }", ""},
	"return-lambda":        {"fun f(): Int { listOf(1).forEach { return it }; return 0 }\nfun main() { println(f()) }", ""},
	"return-labelled":      {"fun f(): Int { val s = run { return@run \"s\" }; return s.length }\nfun main() { println(f()) }", ""},
	"return-anon":          {"fun f(): Int { val g = fun(): String { return \"s\" }; return g().length }\nfun main() { println(f()) }", ""},
	"getter":               {"class C { val n: Int get() { return 1 } }\nfun main() { println(C().n) }", ""},
	"var-inferred":         {"fun main() { var d = 1.0; d = 2.0; var c = 'a'; c = 'b'; println(\"$d$c\") }", ""},
	"method-overload":      {"class C { fun f(x: Int) = 1; fun f(x: String) = 2 }\nfun main() { val c = C(); println(c.f(\"s\")) }", ""},
	"method-override":      {"open class A { open fun f(x: Int) = 1 }\nclass B : A() { override fun f(x: Int) = 2 }\nfun main() { val b = B(); println(b.f(1)) }", ""},
	"method-ext":           {"class C { fun f(x: Int) = 1 }\nfun C.f(x: String) = 2\nfun main() { println(C().f(\"s\")) }", ""},
	"method-generic":       {"class C { fun <T> f(x: T) = x }\nfun main() { println(C().f(\"s\")) }", ""},
	"typealias":            {"typealias S = String\nfun f(s: S) = s\nfun main() { println(f(\"x\")) }", ""},
	"nullable-alias":       {"typealias S = String?\nfun f(s: S) = s\nfun main() { println(f(null)) }", ""},
	"type-param-named":     {"class T\nfun <T> f(x: T) = x\nfun main() { println(f(1)) }", ""},
	"companion-invoke":     {"class P(val x: Int) { companion object { operator fun invoke(s: String) = P(s.length) } }\nfun f(p: P) = p.x\nfun main() { println(f(P(\"ab\"))) }", ""},
	"sam":                  {"fun interface F { fun run(): Int }\nfun f(g: F) = g.run()\nfun main() { println(f { 1 }) }", ""},
	"char-code":            {"fun f(n: Int) = n\nfun main() { println(f('a'.code)) }", ""},
	"trailing-lambda":      {"fun f(n: Int, g: () -> Int) = n + g()\nfun main() { println(f(1) { 2 }) }", ""},
	"delegate":             {"fun f(n: Int) = n\nfun main() { val x by lazy { 1 }; println(f(x)) }", ""},
	"unsigned":             {"fun f(n: UInt) = n\nfun main() { println(f(1u)) }", ""},
	"apply-scope":          {"class Counter { var n = 0; fun add(k: Int) { n += k } }\nfun add(s: String) = println(s)\nfun main() {\n    val c = Counter()\n    c.apply { add(2) }\n    add(\"x\")\n    println(c.n)\n}", ""},
	"ext-receiver-method":  {"class C { fun f(x: Int) = x }\nfun String.f(x: String) = x\nfun main() {\n    val c = C()\n    println(c.f(1))\n    println(\"a\".f(\"b\"))\n}", ""},
	"generic-super":        {"open class Base<T> { fun put(x: T) = println(x) }\nclass StrBase : Base<String>()\nfun main() {\n    val b = StrBase()\n    b.put(\"s\")\n}", ""},
	"inner-shadow":         {"class Box(var v: String)\nfun main() {\n    val b = Box(\"a\")\n    b.v = \"c\"\n    var n: Long = 1\n    n = 2\n    var s: Short = 3\n    s = 4\n    println(\"${b.v} $n $s\")\n}", ""},
	"interface-default":    {"interface Greeter { fun greet(name: String) = \"hi $name\" }\nclass G : Greeter\nfun main() {\n    val g = G()\n    println(g.greet(\"bob\"))\n}", ""},
	"local-class":          {"class P(val n: Int)\nfun show(p: Any) = println(p)\nfun main() {\n    class P(val s: String)\n    val p = P(\"a\")\n    println(p.s)\n    show(p)\n}", ""},
	"local-ext":            {"class C { fun f(x: Int) = 1 }\nfun main() {\n    fun C.f(x: String) = 2\n    println(C().f(\"s\"))\n}", ""},
	"object-method":        {"object Reg { fun put(k: String) = println(k) }\nfun main() {\n    val o = object { fun put(x: Int) = x }\n    Reg.put(\"a\")\n    println(o.put(1))\n}", ""},
	"return-in-lambda-fun": {"fun find(xs: List<String>): Int {\n    xs.forEachIndexed { i, s -> if (s == \"b\") return i }\n    return -1\n}\nfun label(): String = run { \"x\" }\nfun main() { println(find(listOf(\"a\", \"b\"))); println(label()) }", ""},
	"shadow-int":           {"fun f(x: Number) = x\nfun g(x: Comparable<String>) = x\nfun h(x: CharSequence) = x\nfun main() { println(f(1.5)); println(g(\"a\")); println(h(\"s\")) }", ""},
	"with-member":          {"class C { fun f(s: String) = s.length }\nfun f(n: Int) = n\nfun main() { with(C()) { println(f(\"abc\")) } }", ""},
	"err-byte-range": {"fun f(b: Byte) = b\nfun main() { println(f(128)) }",
		"t.kc:2:24: error: argument type mismatch: actual type is 'Int', but 'Byte' was expected."},
	"err-script-class": {"class A\nclass B\nfun f(a: A) = 1\nfun main() { val b = B(); println(f(b)) }",
		"t.kc:4:37: error: argument type mismatch: actual type is 'B', but 'A' was expected."},
	"err-param-type": {"fun f(s: String) = s\nfun g(n: Int) = f(n)\nfun main() { println(g(1)) }",
		"t.kc:2:19: error: argument type mismatch: actual type is 'Int', but 'String' was expected."},
	"err-as-type": {"fun f(s: String) = s\nfun main() { val x: Any = 1; println(f(x as Int)) }",
		"t.kc:2:40: error: argument type mismatch: actual type is 'Int', but 'String' was expected."},
	"err-return-null": {"fun f(): String { return null }\nfun main() { println(f()) }",
		"t.kc:1:26: error: null cannot be a value of a non-null type 'String'."},
	"err-assign-null": {"fun main() { var s = \"a\"; s = null; println(s) }",
		"t.kc:1:31: error: null cannot be a value of a non-null type 'String'."},
	"err-var-inferred": {"fun main() { var d = 1.0; d = 2; println(d) }",
		"t.kc:1:29: error: assignment type mismatch: actual type is 'Int', but 'Double' was expected."},
	"err-char-times": {"fun main() { println('a' * 2) }",
		"t.kc:1:26: error: unresolved reference 'times' for operator '*' on receiver of type 'Char'."},
}

func TestTypeChecks(t *testing.T) {
	for name, c := range typeCases {
		t.Run(name, func(t *testing.T) {
			msg := compileTypes(t, c.src)
			switch {
			case c.want == "" && msg != "":
				t.Errorf("rejected a valid program:\n%s\n%s", c.src, msg)
			case !strings.HasPrefix(msg, c.want):
				t.Errorf("got %q\nwant %q", msg, c.want)
			}
		})
	}
}

// TestNumberParamCastError: where the static checks cannot see it, a
// value of another type passed for a parameter declared as a number
// (Long, Double, ...) throws the JVM's ClassCastException of unboxing it
// (to java.lang.Number).
func TestNumberParamCastError(t *testing.T) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out, Stdin: strings.NewReader("")})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	p, err := in.Compile("t.kc", []byte(`fun f(x: Long) = x + 1
fun main() {
    val m = mapOf("a" to "4")
    try { println(f(m["a"]!!)) } catch (e: ClassCastException) { println(e.message) }
}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatal(err)
	}
	want := "class java.lang.String cannot be cast to class java.lang.Number"
	if got := out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
}

// TestParamNullCheck: null reaching a non-null parameter through an
// unchecked cast is the NullPointerException Kotlin's parameter checks
// throw, naming the method (the file's facade class or the class) and
// the parameter.
func TestParamNullCheck(t *testing.T) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out, Stdin: strings.NewReader("")})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	p, err := in.Compile("t.kc", []byte(`class P { fun twice(n: Int) = n * 2 }
fun greet(s: String) = "hi " + s
@Suppress("UNCHECKED_CAST")
fun main() {
    val g = ::greet as (Any?) -> String
    try { println(g(null)) } catch (e: NullPointerException) { println(e.message) }
    val t = P::twice as (P, Any?) -> Int
    try { println(t(P(), null)) } catch (e: NullPointerException) { println(e.message) }
}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatal(err)
	}
	want := "Parameter specified as non-null is null: method TKt.greet, parameter s\n" +
		"Parameter specified as non-null is null: method P.twice, parameter n\n"
	if got := out.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
