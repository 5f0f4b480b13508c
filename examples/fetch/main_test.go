package main

import (
	"bytes"
	"context"
	"github.com/ktcoro/ktcoro/internal/testutil"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ktcoro/ktcoro"
)

// TestOutput runs the example and compares what it prints with
// testdata/output.golden. The output does not depend on timing: the
// latencies of the simulated network are delays on the interpreter's
// virtual clock, no two requests end at the same instant, and the times
// the script prints are rounded down to 100 ms.
func TestOutput(t *testing.T) {
	// a few times: each run must give the same output
	testutil.CheckGolden(t, "testdata/output.golden", 3, run)
}

// TestStandIn runs pipeline.kc with testdata/standin.kt, a Kotlin
// stand-in for the host's fetch that real Kotlin can run too (see its
// header), and checks that the output is the golden output without the
// host's last line: the stand-in and the Go host simulate the same
// network.
func TestStandIn(t *testing.T) {
	golden, err := os.ReadFile("testdata/output.golden")
	if err != nil {
		t.Fatal(err)
	}
	standIn, err := os.ReadFile("testdata/standin.kt")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, line := range strings.SplitAfter(string(golden), "\n") {
		if !strings.HasPrefix(line, "host: ") {
			want.WriteString(line)
		}
	}
	var out bytes.Buffer
	it, err := ktcoro.New(ktcoro.Options{Stdout: &out, Stderr: &out, VirtualTime: true})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	ctx := context.Background()
	if _, err := it.Eval(ctx, pipeline+"\n"+string(standIn)); err != nil {
		t.Fatal(err)
	}
	if _, err := it.Call(ctx, "main"); err != nil {
		t.Fatalf("main: %v\noutput so far:\n%s", err, out.String())
	}
	if d := cmp.Diff(want.String(), out.String()); d != "" {
		t.Fatalf("output differs from testdata/output.golden without its host lines (-want +got):\n%s", d)
	}
}
