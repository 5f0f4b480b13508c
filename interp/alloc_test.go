package interp_test

import (
	"io"
	"strconv"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// TestArithmeticDoesNotAllocate checks that Int, Long and Double
// arithmetic, comparisons and local variables cost no Go allocation per
// operation: a loop of 100,000 iterations allocates as much as one of 10.
func TestArithmeticDoesNotAllocate(t *testing.T) {
	src := func(n int) string {
		return `
fun work(n: Int): Double {
    var i = 0
    var l = 0L
    var d = 0.0
    while (i < n) {
        if (i % 3 == 0) l += i
        d = d * 0.5 + i
        i++
    }
    return d + l
}
fun main() { work(` + strconv.Itoa(n) + `) }`
	}
	allocs := func(n int) float64 {
		in := interp.New(interp.Options{Stdout: io.Discard})
		if err := stdlib.Install(in); err != nil {
			t.Fatal(err)
		}
		if err := coroutines.Install(in); err != nil {
			t.Fatal(err)
		}
		p, err := in.Compile("alloc.kc", []byte(src(n)))
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Run(p); err != nil { // warm up: objects initialised once
			t.Fatal(err)
		}
		return testing.AllocsPerRun(5, func() {
			if err := in.Run(p); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(10), allocs(100000)
	if large > small+2 {
		t.Fatalf("100000 iterations allocate %.0f times, 10 iterations %.0f: arithmetic allocates", large, small)
	}
}
