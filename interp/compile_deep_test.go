package interp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/stdlib"
)

// deepShapes are programs whose syntax tree is n levels deep (or, for
// classes, whose inheritance chain is n classes long): the shapes that
// once overflowed the Go stack or compiled in quadratic time.
var deepShapes = []struct {
	name string
	gen  func(n int) string
}{
	{"call", func(n int) string { return "val x = 1" + strings.Repeat(".inc()", n) }},
	{"safecall", func(n int) string { return "val x = 1" + strings.Repeat("?.inc()", n) }},
	{"prop", func(n int) string {
		return "class A { lateinit var n: A }\nval a = A()\nval x = a" + strings.Repeat(".n", n)
	}},
	{"throw", func(n int) string { return "fun f(): Int { " + strings.Repeat("throw ", n) + "Exception() }" }},
	{"return", func(n int) string { return "fun f(): Int { " + strings.Repeat("return ", n) + "1 }" }},
	{"if", func(n int) string {
		return "val x = " + strings.Repeat("if (true) ", n) + "1" + strings.Repeat(" else 2", n)
	}},
	{"elseif", func(n int) string {
		return "fun f(a: Int): Int = if (a == 0) 0 " + strings.Repeat("else if (a == 1) 1 ", n) + "else 2"
	}},
	{"not", func(n int) string { return "val x = " + strings.Repeat("!", n) + "true" }},
	{"minus", func(n int) string { return "val x = " + strings.Repeat("- ", n) + "1" }},
	{"plus", func(n int) string { return "val a = 1\nval x = a" + strings.Repeat(" + a", n) }},
	{"as", func(n int) string { return "val x = 1" + strings.Repeat(" as Int", n) }},
	{"paren", func(n int) string { return "val x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) }},
	{"lambda", func(n int) string { return "val x = " + strings.Repeat("run { ", n) + "1" + strings.Repeat(" }", n) }},
	{"template", func(n int) string { return "val x = " + strings.Repeat(`"${`, n) + "1" + strings.Repeat(`}"`, n) }},
	{"functype", func(n int) string { return "val f: " + strings.Repeat("() -> ", n) + "Int = TODO()" }},
	{"generic", func(n int) string {
		return "val l: " + strings.Repeat("List<", n) + "Int" + strings.Repeat(">", n) + "? = null"
	}},
	{"classes", func(n int) string {
		var b strings.Builder
		b.WriteString("open class C0\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "open class C%d : C%d()\n", i, i-1)
		}
		return b.String()
	}},
	{"classes-reversed", func(n int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "open class C%d\n", n)
		for i := n - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "open class C%d : C%d()\n", i, i+1)
		}
		return b.String()
	}},
}

// compileDeep compiles src in a fresh interpreter with the standard
// library; it fails t unless the result is success or a diagnostic list.
func compileDeep(t testing.TB, src string) error {
	in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader("")})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	_, err := in.Compile("deep.kc", []byte(src))
	var list lang.ErrorList
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("compile error is not a diagnostic list: %v", err)
	}
	for _, e := range list {
		if e.Pos.Line < 1 || strings.Contains(e.Msg, "internal") {
			t.Fatalf("bad diagnostic: %v", e)
		}
	}
	return err
}

// TestDeepChains compiles every shape at a few depths: shallow ones
// compile, 100,000 levels are refused with the nesting diagnostic (the
// class chains, which nest nothing, compile), and nothing overflows the Go
// stack. Speed is measured by BenchmarkCompileDeep, not here.
func TestDeepChains(t *testing.T) {
	for _, s := range deepShapes {
		t.Run(s.name, func(t *testing.T) {
			if err := compileDeep(t, s.gen(10)); err != nil {
				t.Errorf("10 levels: %v", err)
			}
			if err := compileDeep(t, s.gen(500)); err != nil && !strings.Contains(err.Error(), "nested more than") {
				t.Errorf("500 levels: %v", err)
			}
			n := 100_000
			if strings.HasPrefix(s.name, "classes") {
				if testing.Short() {
					return
				}
				n = 20_000
			}
			err := compileDeep(t, s.gen(n))
			if strings.HasPrefix(s.name, "classes") {
				if err != nil {
					t.Errorf("%d classes: %v", n, err)
				}
			} else if err == nil || !strings.Contains(err.Error(), "code nested more than") {
				t.Errorf("100,000 levels: %v, want the nesting diagnostic", err)
			}
		})
	}
}

// BenchmarkCompileDeep compiles each shape at 100,000 levels (refused by
// the nesting limit: the cost of finding that out) and just under the
// limit (compiled in full); class chains at 10,000 and 100,000 classes.
func BenchmarkCompileDeep(b *testing.B) {
	for _, s := range deepShapes {
		sizes := []int{100_000, 600}
		if strings.HasPrefix(s.name, "classes") {
			sizes = []int{10_000, 100_000}
		}
		for _, n := range sizes {
			src := s.gen(n)
			b.Run(fmt.Sprintf("%s/%d", s.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for i := 0; i < b.N; i++ {
					compileDeep(b, src)
				}
			})
		}
	}
}

// BenchmarkCompileIssueShapes compiles the four shapes of issue 11 at the
// sizes it measured: 20,000 `.n` reads, 10,000 classes in a chain, 30,000
// nested templates and 100,000 `else if` (the deep ones are now refused
// by the nesting limit; the classes compile).
func BenchmarkCompileIssueShapes(b *testing.B) {
	for _, tc := range []struct {
		shape string
		n     int
	}{{"prop", 20_000}, {"classes", 10_000}, {"template", 30_000}, {"elseif", 100_000}} {
		for _, s := range deepShapes {
			if s.name != tc.shape {
				continue
			}
			src := s.gen(tc.n)
			b.Run(fmt.Sprintf("%s/%d", tc.shape, tc.n), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					compileDeep(b, src)
				}
			})
		}
	}
}

// TestCompileStops checks that a cancelled context or an interrupt stops a
// compilation with an *Interrupted, and that the interpreter compiles
// again once the interrupt is cleared.
func TestCompileStops(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&src, "fun f%d(x: Int) = x + %d\n", i, i)
	}
	in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader("")})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var intr *interp.Interrupted
	if _, err := in.CompileContext(ctx, "stop.kc", []byte(src.String())); !errors.As(err, &intr) {
		t.Errorf("cancelled context: %v, want an *Interrupted", err)
	}
	in.Interrupt()
	if _, err := in.Compile("stop.kc", []byte(src.String())); !errors.As(err, &intr) {
		t.Errorf("interrupted: %v, want an *Interrupted", err)
	}
	in.ClearInterrupt()
	if _, err := in.Compile("stop.kc", []byte(src.String())); err != nil {
		t.Errorf("after ClearInterrupt: %v", err)
	}
}

// FuzzDeepChains compiles pre×n + core + post×n (n up to 5,000, past the
// nesting limit) and one of deepShapes at a fuzzed depth: the compiler
// must answer with a program or a diagnostic list, never overflow the Go
// stack or fail inside.
func FuzzDeepChains(f *testing.F) {
	f.Add("val x = ", "if (true) ", "1", " else 2", uint16(3000), uint8(0))
	f.Add("val x = 1", ".inc()", "", "", uint16(2500), uint8(1))
	f.Add("fun f(): Int { ", "throw ", "E()", "", uint16(4000), uint8(3))
	f.Add("val x = ", `"${`, "1", `}"`, uint16(120), uint8(13))
	f.Add("val x = ", "run { ", "1", " }", uint16(1200), uint8(12))
	f.Add("val x = ", "-", "1", "", uint16(2100), uint8(8))
	f.Add("val a = 1\nval x = a", " + a", "", "", uint16(1999), uint8(9))
	f.Fuzz(func(t *testing.T, head, pre, core, post string, n uint16, shape uint8) {
		n %= 5000
		if len(head)+len(core)+int(n)*(len(pre)+len(post)) > 200_000 {
			return
		}
		compileDeep(t, head+strings.Repeat(pre, int(n))+core+strings.Repeat(post, int(n)))
		s := deepShapes[int(shape)%len(deepShapes)]
		if strings.HasPrefix(s.name, "classes") {
			n %= 300
		}
		compileDeep(t, s.gen(int(n)))
	})
}
