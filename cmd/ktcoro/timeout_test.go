package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// --timeout stops what a script leaves running as well as what it waits
// for, within its bound, with a dump of bounded size; a program whose
// main returns does not wait for GlobalScope coroutines (as a JVM exits).
func TestTimeoutStopsBusyCoroutines(t *testing.T) {
	cases := []struct {
		name, src string
		code      int
		stderr    string // a substring
	}{
		{"leftover", `import kotlinx.coroutines.*
@OptIn(DelicateCoroutinesApi::class)
fun main() {
    GlobalScope.launch(Dispatchers.Default) { while (true) { } }
    GlobalScope.launch(Dispatchers.IO) { Thread.sleep(3_600_000) }
    Thread.sleep(20)
    println("main done")
}`, 0, ""},
		{"joined", `import kotlinx.coroutines.*
@OptIn(DelicateCoroutinesApi::class)
fun main() = runBlocking {
    GlobalScope.launch(Dispatchers.Default) { while (true) { } }.join()
}`, 1, "timeout: the program ran longer than 500ms"},
		{"sleeping", `fun main() { Thread.sleep(Long.MAX_VALUE) }`, 1, "timeout"},
		// the dump says where each busy coroutine is executing
		{"where", `import kotlinx.coroutines.*
fun spin(): Long {
    var n = 0L
    while (true) { n++ }
}
fun main() = runBlocking {
    launch(Dispatchers.Default) { spin() }
    var k = 0
    while (true) { k++ }
}`, 1, "running at main$lambda("},
		{"many", `import kotlinx.coroutines.*
fun main() = runBlocking {
    repeat(50_000) { launch { delay(1_000_000) } }
}`, 1, "more ("},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, c.name+".kc")
			if err := os.WriteFile(file, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			done := make(chan int, 1)
			start := time.Now()
			go func() {
				done <- run([]string{"run", "--timeout", "500ms", file}, strings.NewReader(""), &stdout, &stderr)
			}()
			select {
			case code := <-done:
				if c.name == "where" && !strings.Contains(stderr.String(), "where.kc:4)") {
					t.Errorf("the dump does not say where spin runs:\n%.2000s", stderr.String())
				}
				if code != c.code || !strings.Contains(stderr.String(), c.stderr) {
					t.Errorf("exit %d, stderr:\n%.2000s", code, stderr.String())
				}
				if stderr.Len() > 200_000 {
					t.Errorf("%d bytes of stderr", stderr.Len())
				}
				t.Logf("ended after %s", time.Since(start))
			case <-time.After(15 * time.Second):
				t.Fatalf("no exit 15 s after a timeout of 500ms")
			}
		})
	}
}
