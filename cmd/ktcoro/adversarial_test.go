package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// adversarialCases are the scripts that once crashed or wedged the host
// process, each with what `ktcoro run --timeout 2s --max-memory 256m`
// must end with now: the exit status and a piece of its output.
var adversarialCases = []struct {
	name, src string
	code      int
	want      string // a substring of stdout+stderr, or several separated by |
}{
	{"cyclic contentDeepToString", `fun main() { val a = arrayOfNulls<Any>(1); a[0] = a; println(a.contentDeepToString()) }`,
		0, "[[...]]"},
	{"deep arrays contentDeepToString", `fun main() {
    var a: Array<Any?> = arrayOf(1)
    repeat(300_000) { a = arrayOf(a) }
    println(a.contentDeepToString().length)
}`, 1, "java.lang.StackOverflowError"},
	{"shared list hashCode", `fun main() { var l: Any = listOf(1); repeat(60) { l = listOf(l, l) }; println(l.hashCode()) }`,
		1, "timeout"},
	{"built-in members calling each other on a script class", `abstract class X : List<Int>
class Y : X() { override val size get() = 1 }
fun main() { println(Y().contains(1)) }`, 1, "java.lang.StackOverflowError"},
	{"nested coroutineScope", `import kotlinx.coroutines.*
suspend fun n(k: Int): Int = if (k == 0) 0 else coroutineScope { n(k - 1) + 1 }
fun main() = runBlocking { println(n(1_000_000)) }`, 1, "java.lang.StackOverflowError"},
	{"nested withContext", `import kotlinx.coroutines.*
suspend fun n(k: Int): Int = if (k == 0) 0 else withContext(CoroutineName("x")) { n(k - 1) + 1 }
fun main() = runBlocking { println(n(1_000_000)) }`, 1, "java.lang.StackOverflowError"},
	{"nested runBlocking", `import kotlinx.coroutines.*
fun n(k: Int): Int = if (k == 0) 0 else runBlocking { n(k - 1) + 1 }
fun main() { println(n(1_000_000)) }`, 1, "java.lang.StackOverflowError"},
	{"chunked", `fun main() { println("x".repeat(250_000_000).chunked(1).size) }`, 1, "OutOfMemoryError|memory limit exceeded"},
	{"format width", `fun main() { println("%2147483647d".format(1)) }`, 1, "OutOfMemoryError"},
	{"List(n)", `fun main() { println(List(200_000_000) { it }.size) }`, 1,
		"OutOfMemoryError|memory limit exceeded|timeout"}, // a lambda per element: a loaded machine may meet the wall time first
	{"sleep", `fun main() { Thread.sleep(3_600_000) }`, 1, "timeout"},
	{"spin on Default", `import kotlinx.coroutines.*
fun main() = runBlocking { launch(Dispatchers.Default) { while (true) { } }.join() }`, 1, "timeout"},
	{"1M .inc() chain", "fun main() { println(1" + strings.Repeat(".inc()", 1_000_000) + ") }",
		2, "nested more than 2000 levels"},
	{"1M if chain", "fun main() { " + strings.Repeat("if (true) ", 1_000_000) + "println(1) }",
		2, "nested more than 2000 levels"},
}

// TestAdversarialUnderCap runs each adversarial case through the real
// command (this test binary, see TestMain) in a child process whose
// address space is capped at 4 GiB: each must end with its error, its
// exit status and in bounded time, never with a crash of the process.
func TestAdversarialUnderCap(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" || raceEnabled {
		t.Skip("needs sh and ulimit -v; the race detector's shadow memory does not fit under the cap")
	}
	dir := t.TempDir()
	for _, c := range adversarialCases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".kc")
			if err := os.WriteFile(file, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			// a guard against a hang, far above any bound the cases have
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", "-c",
				`ulimit -v 4194304 && exec "$0" run --timeout 2s --max-memory 256m "$1"`, os.Args[0], file)
			cmd.Env = append(os.Environ(), childEnv+"=1")
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("still running after 60 s:\n%.2000s", out)
			}
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, w := range strings.Split(c.want, "|") {
				found = found || strings.Contains(string(out), w)
			}
			if code != c.code || !found {
				t.Errorf("exit %d (want %d), output (want %q):\n%.2000s", code, c.code, c.want, out)
			}
			if strings.Contains(string(out), "fatal error") || strings.Contains(string(out), "goroutine ") {
				t.Errorf("the Go runtime crashed:\n%.2000s", out)
			}
		})
	}
}
