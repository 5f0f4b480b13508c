package interp_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// fuzzRunBound is the real time an input of FuzzRun may run before the
// host interrupts it.
const fuzzRunBound = 2 * time.Second

// FuzzRun compiles and runs arbitrary input with a step budget on the
// virtual clock (a mutated delay or Thread.sleep costs no real time): it
// must never panic, never hang, and every compile error must carry a
// valid position. Interpreter-internal failures (InternalError) are
// findings, and so is an input still running fuzzRunBound after the
// host interrupted it.
func FuzzRun(f *testing.F) {
	// every case of spec/tests (channels, select, flow and the rest,
	// at any depth) is a seed, ...
	filepath.WalkDir(filepath.Join("..", "spec", "tests"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".kc") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(string(b))
			}
		}
		return nil
	})
	// and every box program of spec/box, with the main the runner adds
	filepath.WalkDir(filepath.Join("..", "spec", "box"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".kc") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(string(b) + "\nfun main() { println(box()) }\n")
			}
		}
		return nil
	})
	f.Add("fun main() { println(1 / 0) }")
	f.Add("fun f(n: Int): Int = f(n + 1)\nfun main() { f(0) }")
	f.Fuzz(func(t *testing.T, src string) {
		in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard,
			Stdin: strings.NewReader(""), MaxSteps: 200000, MaxDepth: 500, MaxAlloc: 1 << 20,
			VirtualTime: true})
		if err := stdlib.Install(in); err != nil {
			t.Fatal(err)
		}
		if err := coroutines.Install(in); err != nil {
			t.Fatal(err)
		}
		defer coroutines.Close(in)
		start := time.Now()
		stop := time.AfterFunc(fuzzRunBound, in.Interrupt)
		defer func() {
			stop.Stop()
			if d := time.Since(start); d > 2*fuzzRunBound {
				t.Fatalf("input ran %v, past the interrupt at %v", d, fuzzRunBound)
			}
		}()
		p, err := in.Compile("fuzz.kc", []byte(src))
		if err != nil {
			var list lang.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("compile error is not a diagnostic list: %v", err)
			}
			for _, e := range list {
				if e.Pos.Line < 1 {
					t.Fatalf("diagnostic without position: %v", e)
				}
			}
			return
		}
		err = in.Run(p)
		var exc *interp.Exception
		if errors.As(err, &exc) && exc.Class().Name == "InternalError" {
			t.Fatalf("internal error: %v", err)
		}
	})
}
