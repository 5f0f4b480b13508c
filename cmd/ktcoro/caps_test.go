package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ktcoro run grants files, the environment and the exit status:
// exitProcess(3) ends with status 3 after the output so far, without the
// finally blocks, and what other coroutines print afterwards is dropped.
func TestCLICapabilities(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data.txt")
	if err := os.WriteFile(data, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KTCORO_CAPS_TEST", "granted")
	script := filepath.Join(dir, "s.kc")
	src := `import java.io.File
import kotlin.system.exitProcess
import kotlinx.coroutines.*

fun main() = runBlocking {
    println(File("` + data + `").readLines())
    println(System.getenv("KTCORO_CAPS_TEST"))
    File("` + filepath.Join(dir, "out.txt") + `").writeText("written")
    launch(Dispatchers.Default) {
        print("exiting")
        exitProcess(3)
    }
    try {
        delay(5000)
    } finally {
        println("finally must not run")
    }
}
`
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", script}, strings.NewReader(""), &stdout, &stderr)
	if code != 3 {
		t.Fatalf("exit status %d, want 3 (stderr %q)", code, stderr.String())
	}
	if got, want := stdout.String(), "[one, two]\ngranted\nexiting"; got != want {
		t.Fatalf("stdout %q, want %q", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out.txt")); string(b) != "written" {
		t.Fatalf("out.txt: %q", b)
	}
}
