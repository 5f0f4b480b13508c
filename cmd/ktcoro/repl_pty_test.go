package main

import (
	"github.com/ktcoro/ktcoro/internal/testutil"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// childEnv makes the test binary act as the ktcoro command (TestMain), so
// that TestREPLTerminal runs the real main in a pseudo-terminal without
// building another binary.
const childEnv = "KTCORO_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestREPLTerminal runs `ktcoro` (no arguments) in a pseudo-terminal and
// types at it: editing, continuation lines, output of a background
// coroutine arriving while a line is being typed, Ctrl-C during an
// endless loop and on a typed line, Tab completion, Ctrl-D, and the
// history file in $HOME. Waits are bounded only by generous deadlines.
func TestREPLTerminal(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"=1", "HOME="+home, "TERM=xterm")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer f.Close()
	var out testutil.LockedBuffer
	go io.Copy(&out, f)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()

	mark := 0 // expectations look at the output after the previous match
	expect := func(s string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			all := out.String()
			if i := strings.Index(all[mark:], s); i >= 0 {
				mark += i + len(s)
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no %q in the terminal after %q; whole output:\n%s", s, all[:mark], all)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	send := func(s string) {
		t.Helper()
		if _, err := f.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}

	expect("Welcome to ktcoro")
	expect(">>> ")
	send("val x = 41\r")
	expect(">>> ")
	send("x + 1\r")
	expect("res0: Int = 42")
	expect(">>> ")

	// a definition over several lines
	send("fun f(n: Int): Int {\r")
	expect("... ")
	send("  return n * 3\r")
	expect("... ")
	send("}\r")
	expect(">>> ")
	send("f(x)\r")
	expect("res1: Int = 123")
	expect(">>> ")

	// a coroutine prints while a line is being typed: the typed text
	// survives (the line is redrawn below the output)
	send("import kotlinx.coroutines.*\r")
	expect(">>> ")
	send(`val j = launch { delay(300); println("lat" + "er") }` + "\r")
	expect(">>> ")
	send("4")
	expect("later")
	send("56\r")
	expect("res2: Int = 456")
	expect(">>> ")

	// Ctrl-C stops an endless loop; the terminal is in cooked mode while
	// code runs, so ^C is a SIGINT. Press until it is seen (the first
	// press may reach readline before it has left raw mode).
	send("while (true) {}\r")
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String()[mark:], "Evaluation cancelled.") {
		if time.Now().After(deadline) {
			t.Fatalf("Ctrl-C did not cancel; output:\n%s", out.String())
		}
		send("\x03")
		time.Sleep(100 * time.Millisecond)
	}
	expect("Evaluation cancelled.")
	send("x\r")
	expect("res3: Int = 41")
	expect(">>> ")

	// Ctrl-C on a typed line discards it
	send("this is discarded")
	expect("discarded")
	send("\x03")
	expect("^C")
	expect(">>> ")

	// Tab completes a built-in name
	send("printl\t")
	expect("println")
	send(`("com" + "pleted")` + "\r")
	expect("completed")
	expect(">>> ")

	// an input of several lines is one history entry: Up brings back
	// all of it
	send("listOf(1,\r")
	expect("... ")
	send("2)\r")
	expect("res4: List<Int> = [1, 2]")
	expect(">>> ")
	send("\x1b[A\r")
	expect("res5: List<Int> = [1, 2]")
	expect(">>> ")

	// Ctrl-C at an empty prompt says how to stop background work
	send("val bg = launch { delay(100_000) }\r")
	expect(">>> ")
	send("\x03")
	expect("1 background coroutine(s) still running: :dump lists them, :cancel cancels them")
	send(":cancel\r")
	expect("Cancelled 1 background coroutine(s).")
	expect(">>> ")

	// Ctrl-D exits
	send("\x04")
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v; output:\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no exit after Ctrl-D; output:\n%s", out.String())
	}
	if s := out.String(); strings.Contains(s, "panic") {
		t.Errorf("panic in the output:\n%s", s)
	}
	hist, err := os.ReadFile(filepath.Join(home, historyFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"val x = 41", "x + 1", "fun f(n: Int): Int {" + histNewline + "  return n * 3" + histNewline + "}",
		"while (true) {}", "listOf(1," + histNewline + "2)"} {
		if !strings.Contains(string(hist), line+"\n") {
			t.Errorf("history lacks %q:\n%s", line, hist)
		}
	}
}
