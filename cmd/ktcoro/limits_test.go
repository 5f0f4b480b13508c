package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "1048576": 1 << 20, "512m": 512 << 20, "2g": 2 << 30, "2G": 2 << 30,
		"64k": 64 << 10, "1t": 1 << 40, "256MB": 256 << 20, " 3m ": 3 << 20,
	} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "m", "-1", "12x", "1.5g", "99999999999t"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) succeeded", in)
		}
	}
}

// TestLimitFlags: each limit flag stops the program it bounds with its
// message, which says where the script was (FILE stands for the
// script's path), and exit status 1, and the script cannot catch it.
func TestLimitFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, flags, src, want string
	}{
		{"steps", "--max-steps 1000000", `import kotlinx.coroutines.*
fun main() = runBlocking { repeat(4) { launch(Dispatchers.Default) { try { while (true) { } } catch (e: Throwable) { println("caught") } } } }`,
			"ktcoro: step limit exceeded (1000000 steps) at FILE:2\n"},
		{"steps in natives", "--max-steps 100000", `fun main() {
    println((1..10_000_000).toList().size)
}`,
			"ktcoro: step limit exceeded (100000 steps) at FILE:2\n"},
		{"memory", "--max-memory 32m", `fun main() {
    val l = ArrayList<Any>()
    while (true) {
        try { l.add(IntArray(1_000_000)) } catch (e: Throwable) { println("caught") }
    }
}`,
			"ktcoro: memory limit exceeded (32 MiB) at FILE:4\n"},
		{"memory in script code", "--max-memory 16m", `class Node(val next: Node?)
fun main() {
    var n: Node? = null
    while (true) { n = Node(n) }
}`,
			"ktcoro: memory limit exceeded (16 MiB) at FILE:4\n"},
		{"depth", "--max-depth 100", `fun f(n: Int): Int = f(n + 1) + 1
fun main() { println(f(0)) }`, "java.lang.StackOverflowError"},
		{"coroutines", "--max-coroutines 10", `import kotlinx.coroutines.*
fun main() = runBlocking {
    repeat(100) {
        try { launch { delay(100_000) } } catch (e: Throwable) { println("caught") }
    }
}`,
			"ktcoro: coroutine limit exceeded (10 live coroutines) at FILE:4\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".kc")
			if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errw bytes.Buffer
			args := append(append([]string{"run", "--timeout", "20s"}, strings.Fields(tc.flags)...), file)
			if st := run(args, strings.NewReader(""), &out, &errw); st != 1 {
				t.Errorf("status %d, want 1", st)
			}
			if want := strings.ReplaceAll(tc.want, "FILE", file); !strings.Contains(errw.String(), want) {
				t.Errorf("stderr:\n%.1000s\nwant %q", errw.String(), want)
			}
			if strings.Contains(out.String(), "caught") {
				t.Errorf("the script caught the limit:\n%s", out.String())
			}
		})
	}
	var out, errw bytes.Buffer
	if st := run([]string{"run", "--max-memory", "lots", "x.kc"}, strings.NewReader(""), &out, &errw); st != 64 {
		t.Errorf("--max-memory lots: status %d, want 64", st)
	}
	if st := run([]string{"--help"}, strings.NewReader(""), &out, &errw); st != 0 || !strings.Contains(out.String(), "--max-memory SIZE") {
		t.Errorf("--help does not document --max-memory:\n%s", out.String())
	}
}
