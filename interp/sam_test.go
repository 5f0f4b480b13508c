package interp_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
)

// runLines compiles and runs src and returns its output lines, or the
// compile or run error as the only line.
func runLines(t *testing.T, in *interp.Interp, out *bytes.Buffer, src string) []string {
	t.Helper()
	out.Reset()
	p, err := in.Compile("t.kc", []byte(src))
	if err == nil {
		err = in.Run(p)
	}
	if err != nil {
		return []string{strings.SplitN(err.Error(), "\n", 2)[0]}
	}
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// TestSAMConversion: fun interfaces are made from lambdas by their SAM
// constructor and when passed for a parameter declared as one.
func TestSAMConversion(t *testing.T) {
	const decls = `
fun interface F { fun f(x: Int): Int }
fun interface R { fun run() }
fun call(g: F) = g.f(41)
fun opt(g: F?) = g?.f(1)
fun same(g: F) = g
fun all(vararg gs: F) = gs.map { it.f(1) }
fun pick(g: F) = "F"
fun pick(s: String) = "S"
class Box(val g: F) { fun twice(h: F) = h.f(g.f(0)) }
`
	tests := []struct {
		name, main string
		want       []string
	}{
		{"constructor", `val g = F { it + 1 }; println(g.f(1)); println(g is F)`, []string{"2", "true"}},
		{"constructor from a reference", `fun sq(x: Int) = x * x
val g = F(::sq); println(g.f(3))`, []string{"9"}},
		{"function parameter", `println(call { it + 1 })`, []string{"42"}},
		{"function value", `val h: (Int) -> Int = { it * 2 }; println(call(h))`, []string{"82"}},
		{"nullable parameter", `println(opt(null)); println(opt { it + 5 })`, []string{"null", "6"}},
		{"instance unchanged", `val g = F { it }; println(same(g) === g)`, []string{"true"}},
		{"vararg", `println(all({ it + 1 }, F { it + 2 }, { it + 3 }))`, []string{"[2, 3, 4]"}},
		{"overload", `println(pick { it }); println(pick("s"))`, []string{"F", "S"}},
		{"constructor and method", `println(Box { it + 1 }.twice { it * 10 })`, []string{"10"}},
		{"unit result", `val r = R { 42 }; println(r.run())`, []string{"kotlin.Unit"}},
		{"lambda is not an instance", `val l = { x: Int -> x }; println(l is F)`, []string{"false"}},
		{"comparator parameter", `fun cmp(c: Comparator<String>) = c.compare("a", "b")
println(cmp { a, b -> a.compareTo(b) })`, []string{"-1"}},
	}
	in, out := newConvInterp(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runLines(t, in, out, decls+"fun main() {\n"+tt.main+"\n}\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSAMAcrossPrograms: a fun interface compiled earlier (as the
// prelude's are) converts lambdas in a later program.
func TestSAMAcrossPrograms(t *testing.T) {
	in, out := newConvInterp(t)
	runLines(t, in, out, `fun interface Sink<in T> { suspend fun put(v: T) }`)
	got := runLines(t, in, out, `import kotlinx.coroutines.*
suspend fun feed(s: Sink<Int>) { s.put(1); s.put(2) }
fun main() = runBlocking { feed { delay(10); println("put $it") } }`)
	if diff := cmp.Diff([]string{"put 1", "put 2"}, got); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// TestFunInterfaceErrors: a fun interface needs exactly one abstract
// function and no abstract property (kotlinc's diagnostics).
func TestFunInterfaceErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"fun interface F {\n    fun f(x: Int): Int\n    fun g(x: Int): Int\n}\nfun main() {}\n",
			"t.kc:1:1: error: functional interface must have exactly one abstract function."},
		{"fun interface F {\n    fun f(x: Int): Int = x\n}\nfun main() {}\n",
			"t.kc:1:1: error: functional interface must have exactly one abstract function."},
		{"fun interface F {\n    val x: Int\n    fun f()\n}\nfun main() {}\n",
			"t.kc:2:5: error: functional interface cannot have abstract properties."},
	}
	in, _ := newConvInterp(t)
	for _, tt := range tests {
		p, err := in.Compile("t.kc", []byte(tt.src))
		if err == nil {
			t.Errorf("%q compiled to %v", tt.src, p)
			continue
		}
		if got := strings.SplitN(err.Error(), "\n", 2)[0]; got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestReceiverFunctionValues: values of a function type with receiver are
// invoked as x.block() and block(x), whatever holds them.
func TestReceiverFunctionValues(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"property", `class H(private val block: Int.() -> Int) {
    fun a(x: Int) = x.block()
    fun b(x: Int) = block(x)
}
fun main() { val h = H { this + 1 }; println(h.a(1)); println(h.b(2)) }`, []string{"2", "3"}},
		{"trailing lambda to a constructor", `class H(val block: Int.() -> Int) { fun run(x: Int): Int = block(x) }
fun main() { println(H { this * 3 }.run(21)) }`, []string{"63"}},
		{"named argument", `class H(val n: Int, val block: Int.() -> Int) { fun run() = block(n) }
fun main() { println(H(block = { this * 2 }, n = 4).run()) }`, []string{"8"}},
		{"captured", `fun main() {
    val b: String.() -> Int = { length }
    val f = { s: String -> s.b() }
    println(f("abc"))
}`, []string{"3"}},
		{"untyped copy", `fun main() { val b: Int.() -> Int = { this - 1 }; val c = b; println(5.c()) }`, []string{"4"}},
		{"safe call", `fun main() {
    val b: Int.() -> Int = { this + 1 }
    val n: Int? = null
    println(n?.b())
    val m: Int? = 1
    println(m?.b())
}`, []string{"null", "2"}},
		{"top level", `val t: Int.(Int) -> Int = { this * it }
fun main() { println(3.t(4)); println(t(3, 5)) }`, []string{"12", "15"}},
		{"plain function as receiver function", `fun main() {
    val f: (Int, Int) -> Int = { a, b -> a - b }
    val g: Int.(Int) -> Int = f
    println(10.g(3))
}`, []string{"7"}},
		{"method parameter", `class B { fun with(x: Int, f: Int.() -> Int) = f(x) }
fun main() { println(B().with(6) { this * 7 }) }`, []string{"42"}},
	}
	in, out := newConvInterp(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runLines(t, in, out, tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}
