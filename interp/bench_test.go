package interp_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// benchScript compiles bench/NAME.kc once and runs it b.N times.
func benchScript(b *testing.B, name string) {
	src, err := os.ReadFile(filepath.Join("..", "bench", name+".kc"))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		in := interp.New(interp.Options{Stdout: io.Discard})
		if err := stdlib.Install(in); err != nil {
			b.Fatal(err)
		}
		if err := coroutines.Install(in); err != nil {
			b.Fatal(err)
		}
		p, err := in.Compile(name+".kc", src)
		if err != nil {
			b.Fatal(err)
		}
		if err := in.Run(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFib30 is recursive fib(30) (about 1.6M calls).
func BenchmarkFib30(b *testing.B) { benchScript(b, "fib") }

// BenchmarkLoop10M is a 10M-iteration while loop with % and if.
func BenchmarkLoop10M(b *testing.B) { benchScript(b, "loop") }

// BenchmarkHello is interpreter start-up plus hello world.
func BenchmarkHello(b *testing.B) { benchScript(b, "hello") }

// BenchmarkMethods is method calls, property access and allocation.
func BenchmarkMethods(b *testing.B) { benchScript(b, "methods") }

// BenchmarkMapViews is map iteration: destructuring loops, forEach and
// the keys/values/entries views.
func BenchmarkMapViews(b *testing.B) { benchScript(b, "mapviews") }
