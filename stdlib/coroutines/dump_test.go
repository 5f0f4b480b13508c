package coroutines_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// A dump of many coroutines shows the first ones in full and summarises
// the rest; a deep job tree does not overflow the Go stack nor make the
// dump quadratic; and stopping them all takes bounded time.
func TestDumpBounded(t *testing.T) {
	var out, errOut bytes.Buffer
	// the real clock: on the virtual one, the delays would end (and the
	// program deadlock) while the test looks at the dump
	in := interp.New(interp.Options{Stdout: &out, Stderr: &errOut})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	if err := coroutines.Install(in); err != nil {
		t.Fatal(err)
	}
	defer coroutines.Close(in)
	p, err := in.Compile("many.kc", []byte(`import kotlinx.coroutines.*
suspend fun deep(k: Int): Int = if (k == 0) { awaitCancellation() } else coroutineScope { launch { deep(k - 1) }; 0 }
fun main() = runBlocking {
    repeat(20_000) { launch { delay(1_000_000) } }
    launch { deep(3_000) }
    delay(10)
    println("started")
    awaitCancellation()
}`))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Run(p) }()
	for !strings.Contains(out.String(), "started") {
		in.Flush()
		time.Sleep(10 * time.Millisecond)
	}
	d := coroutines.Dump(in)
	if n := strings.Count(d, "\n"); n > 1200 || len(d) > 200_000 {
		t.Errorf("dump of %d lines, %d bytes", n, len(d))
	}
	if !strings.Contains(d, "more (") || !strings.Contains(d, "StandaloneCoroutine{Active} suspended at") {
		t.Errorf("no summary in the dump:\n%s", d[max(0, len(d)-2000):])
	}
	start := time.Now()
	coroutines.Stop(in, "stopped")
	select {
	case err := <-done:
		if _, ok := err.(*interp.Interrupted); !ok {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after Stop")
	}
	t.Logf("stopped in %s", time.Since(start))
}
