package main

import (
	"bytes"
	"fmt"
	"github.com/ktcoro/ktcoro/internal/testutil"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ctrlC in a script stands for Ctrl-C typed at the prompt.
const ctrlC = "\x03"

// scriptSource feeds the REPL scripted lines and echoes them after the
// prompt, as a terminal would show them.
type scriptSource struct {
	w     io.Writer
	lines []string
}

func (s *scriptSource) readLine(p string) (string, error) {
	if len(s.lines) == 0 {
		io.WriteString(s.w, p+"\n")
		return "", io.EOF
	}
	line := s.lines[0]
	s.lines = s.lines[1:]
	if line == ctrlC {
		io.WriteString(s.w, p+"^C\n")
		return "", errInterrupt
	}
	io.WriteString(s.w, p+line+"\n")
	return line, nil
}

// newTestREPL returns a REPL writing its whole transcript (results,
// errors, script output) to buf; on the virtual clock unless realTime.
func newTestREPL(t *testing.T, buf *testutil.LockedBuffer, realTime bool) *repl {
	t.Helper()
	tw := &trackWriter{w: buf}
	r, err := newREPL(replConfig{out: tw, err: tw, stdin: strings.NewReader(""), virtualTime: !realTime})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// transcript runs the lines through a REPL and returns what a terminal
// would show.
func transcript(t *testing.T, lines ...string) string {
	t.Helper()
	var buf testutil.LockedBuffer
	r := newTestREPL(t, &buf, false)
	if code := r.run(&scriptSource{w: r.out, lines: lines}); code != 0 {
		t.Errorf("exit status %d", code)
	}
	return buf.String()
}

func checkTranscript(t *testing.T, got, want string) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transcript (-want +got):\n%s\ngot:\n%s", diff, got)
	}
}

func TestREPLBasics(t *testing.T) {
	got := transcript(t,
		"val x = 41",
		"x + 1",
		`println("hello")`,
		"fun twice(n: Int): Int {",
		"    return n * 2",
		"}",
		"twice(res0)",
		"data class P(val a: Int, val b: String)",
		`P(1, "one")`,
		`val raw = """first`,
		`second"""`,
		"raw",
		"1 +",
		"2",
		"listOf(1, 2, 3)",
		"null",
		"Unit",
		"var n = 0",
		"n += 5",
		"n",
		"if (n > 3) \"big\" else \"small\"",
		"if (n > 3) println(\"no value\")",
		`print("no newline")`,
		"res5 + res1",
		"import kotlin.math.*",
		"max(3, 7)",
	)
	want := `>>> val x = 41
>>> x + 1
res0: Int = 42
>>> println("hello")
hello
>>> fun twice(n: Int): Int {
...     return n * 2
... }
>>> twice(res0)
res1: Int = 84
>>> data class P(val a: Int, val b: String)
>>> P(1, "one")
res2: P = P(a=1, b=one)
>>> val raw = """first
... second"""
>>> raw
res3: String = first
second
>>> 1 +
... 2
res4: Int = 3
>>> listOf(1, 2, 3)
res5: List<Int> = [1, 2, 3]
>>> null
res6: Nothing? = null
>>> Unit
>>> var n = 0
>>> n += 5
>>> n
res7: Int = 5
>>> if (n > 3) "big" else "small"
res8: String = big
>>> if (n > 3) println("no value")
no value
>>> print("no newline")
no newline
>>> res5 + res1
res9: ArrayList = [1, 2, 3, 84]
>>> import kotlin.math.*
>>> max(3, 7)
res10: Int = 7
>>> 
`
	checkTranscript(t, got, want)
}

func TestREPLErrors(t *testing.T) {
	got := transcript(t,
		"val a = 1",
		"a + nope",
		"val b = ",
		"  )",
		"throw IllegalStateException(\"boom\")",
		"fun fails(n: Int): Int {",
		"  if (n == 0) throw ArithmeticException(\"zero\")",
		"  return fails(n - 1)",
		"}",
		"fails(2)",
		"a = 2",
		"a",
	)
	want := `>>> val a = 1
>>> a + nope
line2.kc:1:5: error: unresolved reference 'nope'.
a + nope
    ^^^^
>>> val b = 
...   )
line3.kc:1:8: error: syntax error: Expecting an element.
val b = 
       ^
>>> throw IllegalStateException("boom")
Exception in thread "main" java.lang.IllegalStateException: boom
	at <top-level>(line4.kc:1)
>>> fun fails(n: Int): Int {
...   if (n == 0) throw ArithmeticException("zero")
...   return fails(n - 1)
... }
>>> fails(2)
Exception in thread "main" java.lang.ArithmeticException: zero
	at fails(line5.kc:2)
	at fails(line5.kc:3)
	at fails(line5.kc:3)
	at <top-level>(line6.kc:1)
>>> a = 2
line7.kc:1:1: error: 'val' cannot be reassigned.
a = 2
^
>>> a
res0: Int = 1
>>> 
`
	checkTranscript(t, got, want)
}

func TestREPLCoroutines(t *testing.T) {
	got := transcript(t,
		"import kotlinx.coroutines.*",
		"val t0 = System.currentTimeMillis()",
		"delay(100_000)",
		"System.currentTimeMillis() - t0 >= 100_000",
		"Thread.currentThread().name",
		`val job = launch { delay(100_000); println("later") }`,
		`println("now")`,
		"job.isActive",
		"delay(200_000)",
		"job.isCompleted",
		`val started = launch { println("first step runs before the prompt") }`,
		"async { 6 * 7 }.await()",
		`coroutineScope { launch { delay(10); println("child") }; "scope" }`,
		"suspend fun twice(x: Int): Int { delay(1); return 2 * x }",
		"twice(21)",
		"withTimeout(100) { delay(200) }",
		`val bad = launch { delay(100_000); throw RuntimeException("background") }`,
		"delay(500_000)",
		"repeat(3) { delay(10); print(it) }",
		"isActive",
	)
	// the stack traces of exceptions thrown in coroutines are the
	// runtime's business (its golden tests check them): only their
	// first line is compared here
	got = regexp.MustCompile(`(?m)^\t.*\n`).ReplaceAllString(got, "")
	want := `>>> import kotlinx.coroutines.*
>>> val t0 = System.currentTimeMillis()
>>> delay(100_000)
>>> System.currentTimeMillis() - t0 >= 100_000
res0: Boolean = true
>>> Thread.currentThread().name
res1: String = main
>>> val job = launch { delay(100_000); println("later") }
>>> println("now")
now
>>> job.isActive
res2: Boolean = true
>>> delay(200_000)
later
>>> job.isCompleted
res3: Boolean = true
>>> val started = launch { println("first step runs before the prompt") }
first step runs before the prompt
>>> async { 6 * 7 }.await()
res4: Int = 42
>>> coroutineScope { launch { delay(10); println("child") }; "scope" }
child
res5: String = scope
>>> suspend fun twice(x: Int): Int { delay(1); return 2 * x }
>>> twice(21)
res6: Int = 42
>>> withTimeout(100) { delay(200) }
Exception in thread "main" kotlinx.coroutines.TimeoutCancellationException: Timed out waiting for 100 ms
>>> val bad = launch { delay(100_000); throw RuntimeException("background") }
>>> delay(500_000)
Exception in thread "main" java.lang.RuntimeException: background
>>> repeat(3) { delay(10); print(it) }
012
>>> isActive
res7: Boolean = true
>>> 
`
	checkTranscript(t, got, want)
}

func TestREPLCommands(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "lib.kc")
	if err := os.WriteFile(file, []byte("fun greet(who: String) = \"hello $who\"\nval loaded = 7\nloaded * 6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := transcript(t,
		":help",
		":load "+file,
		`greet("you")`,
		":load "+filepath.Join(dir, "missing.kc"),
		":debug on",
		"Thread.currentThread().name",
		":debug",
		":debug off",
		"Thread.currentThread().name",
		":debug maybe",
		":dump",
		"import kotlinx.coroutines.*",
		":time on",
		"delay(250)",
		":time off",
		":nope",
		":reset",
		"loaded",
		":quit",
		"never evaluated",
	)
	got = regexp.MustCompile(`Time: [0-9.]+(ms|µs|s)`).ReplaceAllString(got, "Time: T")
	got = regexp.MustCompile(`\}@[0-9a-f]+`).ReplaceAllString(got, "}@H")
	got = strings.ReplaceAll(got, dir, "DIR")
	want := ">>> :help\n" + replHelp + `>>> :load DIR/lib.kc
res0: Int = 42
>>> greet("you")
res1: String = hello you
>>> :load DIR/missing.kc
ktcoro: open DIR/missing.kc: no such file or directory
>>> :debug on
>>> Thread.currentThread().name
res2: String = main @coroutine#1
>>> :debug
:debug is on
>>> :debug off
>>> Thread.currentThread().name
res3: String = main
>>> :debug maybe
usage: :debug on|off
>>> :dump
No coroutine is alive.
>>> import kotlinx.coroutines.*
>>> :time on
>>> delay(250)
Time: T
>>> :time off
>>> :nope
Unknown command :nope (type :help for the commands)
>>> :reset
Session reset.
>>> loaded
line1.kc:1:1: error: unresolved reference 'loaded'.
loaded
^^^^^^
>>> :quit
`
	checkTranscript(t, got, want)
}

func TestREPLCtrlCAtPrompt(t *testing.T) {
	got := transcript(t,
		"fun unfinished() {",
		"  val x = 1",
		ctrlC,
		"1",
	)
	want := `>>> fun unfinished() {
...   val x = 1
... ^C
>>> 1
res0: Int = 1
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLCtrlCCancels interrupts evaluations that never end: a loop that
// never suspends, a long delay, a loop inside runBlocking, loops that
// catch the cancellation. Each time the REPL goes back to the prompt and
// the session still works.
func TestREPLCtrlCCancels(t *testing.T) {
	for _, code := range []string{
		"while (true) {}",
		"delay(1_000_000)",
		"runBlocking { var i = 0L; while (true) { i++ } }",
		"try { while (true) {} } catch (e: Throwable) { while (true) {} }",
		// swallows every CancellationException: the second Ctrl-C's
		// uncatchable interrupt stops it
		"while (true) { try { while (true) {} } catch (e: Throwable) {} }",
	} {
		t.Run(code, func(t *testing.T) {
			var buf testutil.LockedBuffer
			// the real clock: on the virtual one, delay(1_000_000) would
			// just end
			r := newTestREPL(t, &buf, true)
			started := make(chan string, 4)
			r.evalStarted = started
			done := make(chan int)
			go func() {
				done <- r.run(&scriptSource{w: r.out, lines: []string{"import kotlinx.coroutines.*", "val before = 1", code, "before + 1"}})
			}()
			<-started // import
			<-started // val before
			<-started // the endless code
			deadline := time.Now().Add(time.Minute)
			for {
				if time.Now().After(deadline) {
					t.Fatalf("not cancelled; transcript:\n%s", buf.String())
				}
				// Ctrl-C until the evaluation stops (timing-independent:
				// a press may come before the evaluation has started)
				r.interrupt()
				if strings.Contains(buf.String(), "Evaluation cancelled.") {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			<-started
			<-done
			want := fmt.Sprintf(">>> import kotlinx.coroutines.*\n>>> val before = 1\n>>> %s\nEvaluation cancelled.\n>>> before + 1\nres0: Int = 2\n>>> \n", code)
			checkTranscript(t, buf.String(), want)
		})
	}
}

func TestREPLComplete(t *testing.T) {
	var buf testutil.LockedBuffer
	r := newTestREPL(t, &buf, false)
	defer r.close()
	for i, src := range []string{
		`val greeting = "hi"`,
		"class Pt(val x: Int) { fun norm() = x * x }",
		"val pt = Pt(3)",
		"enum class Color { RED, GREEN }",
		"fun greetAll() = 1",
		"val pts = listOf(Pt(1), Pt(2))",
	} {
		r.eval(fmt.Sprintf("line%d.kc", i+1), []byte(src))
	}
	if out := buf.String(); out != "" {
		t.Fatalf("unexpected output %q", out)
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"gree", []string{"greetAll", "greeting"}},
		{"println(greeting.len", []string{"length"}},
		{"pt.n", []string{"norm"}},
		{"pt.", []string{"equals", "hashCode", "norm", "toString", "x"}},
		{"Color.G", []string{"GREEN"}},
		{"whi", []string{"while"}},
		{"printl", []string{"println"}},
		{":d", []string{":debug", ":dump"}},
		{"nosuch.", nil},
		{"a.b.", nil},
		// after a literal or a call: the members of the result's class
		{`"abc".trimE`, []string{"trimEnd"}},
		{`println("a" + "abc".uppercase().le`, []string{"length", "let"}},
		{"Pt(2).no", []string{"norm"}},
		{"pts.first().n", []string{"norm"}},
		{"pts[0].x.plu", []string{"plus"}},
		{"pts.filter { it.x > 0 }.sortedBy { it.x }.last().no", []string{"norm"}},
		{"greeting.length.coerce", []string{"coerceAtLeast", "coerceAtMost", "coerceIn"}},
		{"1.toSt", []string{"toString"}},
		{"greetAll().", nil}, // a script function: its result is not known without running it
	} {
		got, _ := r.complete(tc.text)
		if tc.text == "pt." || strings.HasSuffix(tc.text, ".coerce") {
			got = filterNames(got, tc.want)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("complete(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
	// the completer hands readline the rest of each word
	c := &completer{r: r}
	line := []rune("pt.no")
	rest, n := c.Do(line, len(line))
	if n != 2 || len(rest) != 1 || string(rest[0]) != "rm" {
		t.Errorf("Do = %q, %d; want [rm], 2", rest, n)
	}
	// list members must include what the prelude adds (filter, map, let)
	r.eval("line9.kc", []byte("val xs = listOf(1, 2)"))
	got, _ := r.complete("xs.")
	if want := []string{"filter", "let", "map", "size"}; !cmp.Equal(filterNames(got, want), want) {
		t.Errorf("complete(xs.) = %v, want it to contain %v", got, want)
	}
}

// filterNames returns the elements of got that are in want.
func filterNames(got, want []string) []string {
	var out []string
	for _, g := range got {
		for _, w := range want {
			if g == w {
				out = append(out, g)
			}
		}
	}
	return out
}

// TestREPLPlainInput runs `ktcoro` with its input from a pipe: no
// prompts, results on stdout, errors on stderr with positions counted in
// the whole input (the line the script's readLine() took included), and
// exit status 1 after an input failed.
func TestREPLPlainInput(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("val name = readLine()\nworld\n\"hello $name\"\nfun f(x: Int) =\n\n  x + nope\nf(1)")
	code := run(nil, in, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	checkTranscript(t, stdout.String(), "res0: String = hello world\n")
	checkTranscript(t, stderr.String(), "<stdin>:6:7: error: unresolved reference 'nope'.\n  x + nope\n      ^^^^\n"+
		"<stdin>:7:1: error: unresolved reference 'f'.\nf(1)\n^\n")
	stdout.Reset()
	stderr.Reset()
	if code := run(nil, strings.NewReader("val a = 2\na * 3\n"), &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Errorf("exit status %d, stderr %q; want 0 and nothing", code, stderr.String())
	}
	checkTranscript(t, stdout.String(), "res0: Int = 6\n")
}

// TestREPLLeadingDot: with piped input, a line starting with `.` or `?.`
// continues the expression above it, as in a Kotlin file.
func TestREPLLeadingDot(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("val xs = listOf(3, 1, 2)\nxs\n  .sorted()\n  .map { it * 10 }\nval n: Int? = 4\nn\n  ?.plus(1)\n1..3\n")
	if code := run(nil, in, &stdout, &stderr); code != 0 {
		t.Errorf("exit status %d, stderr %q", code, stderr.String())
	}
	checkTranscript(t, stdout.String(), "res0: ArrayList = [10, 20, 30]\nres1: Int = 5\nres2: IntRange = 1..3\n")
}

// TestREPLBackgroundSpinner: a coroutine the inputs launched that loops
// without suspending on the REPL's thread steps aside for the next
// inputs, which run (and see its progress); it stays cancellable by the
// session's end.
func TestREPLBackgroundSpinner(t *testing.T) {
	got := transcript(t,
		"import kotlinx.coroutines.*",
		"var n = 0L",
		"val j = launch { while (true) { n++ } }",
		"val k = launch { while (isActive) { n++ } }",
		`println("after")`,
		"n > 0",
		"k.cancel()",
		"k.join()",
		"k.isCancelled",
	)
	want := `>>> import kotlinx.coroutines.*
>>> var n = 0L
>>> val j = launch { while (true) { n++ } }
>>> val k = launch { while (isActive) { n++ } }
>>> println("after")
after
>>> n > 0
res0: Boolean = true
>>> k.cancel()
>>> k.join()
>>> k.isCancelled
res1: Boolean = true
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLAnswersBeforeNextLine: piped input fed a line at a time gets
// each answer before the next line is written (looking ahead for a
// leading `.` must not wait for input).
func TestREPLAnswersBeforeNextLine(t *testing.T) {
	pr, pw := io.Pipe()
	var stdout, stderr testutil.LockedBuffer
	done := make(chan int, 1)
	go func() { done <- run(nil, pr, &stdout, &stderr) }()
	if _, err := pw.Write([]byte("20 + 22\n")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "res0: Int = 42") {
		if time.Now().After(deadline) {
			t.Fatalf("no answer while the next line is not written; stdout %q", stdout.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	pw.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit status %d, stderr %q", code, stderr.String())
	}
}

// TestREPLExitStopsSpinners: at the end of piped input the session ends
// even when a coroutine nobody can cancel spins on a worker thread (as a
// JVM's threads stop when it exits).
func TestREPLExitStopsSpinners(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("import kotlinx.coroutines.*\nval j = GlobalScope.launch(Dispatchers.Default) { while (true) {} }\nprintln(\"after\")\n")
	done := make(chan int)
	go func() { done <- run(nil, in, &stdout, &stderr) }()
	select {
	case code := <-done:
		if code != 0 || stdout.String() != "after\n" {
			t.Errorf("exit status %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the session did not end")
	}
}

// TestREPLDumpHidesWrappers: :dump shows the coroutines the inputs
// started, not the session's job or the coroutines that run the inputs.
func TestREPLDumpHidesWrappers(t *testing.T) {
	got := transcript(t,
		"import kotlinx.coroutines.*",
		"val d = CompletableDeferred<Int>()",
		"val j = launch { d.await() }",
		":dump",
		"j.cancel()",
		":dump",
	)
	got = regexp.MustCompile(`@[0-9a-f]+`).ReplaceAllString(got, "@H")
	want := `>>> import kotlinx.coroutines.*
>>> val d = CompletableDeferred<Int>()
>>> val j = launch { d.await() }
>>> :dump
Coroutines still alive:
  StandaloneCoroutine{Active}@H suspended at <top-level>$lambda(line3.kc:1)
  CompletableDeferredImpl{Active}@H created at line2.kc:1
>>> j.cancel()
>>> :dump
Coroutines still alive:
  CompletableDeferredImpl{Active}@H created at line2.kc:1
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLCancelBackground: :cancel cancels what the inputs launched and
// keeps the definitions.
func TestREPLCancelBackground(t *testing.T) {
	got := transcript(t,
		"import kotlinx.coroutines.*",
		"var cleaned = false",
		"val j = launch { try { awaitCancellation() } finally { cleaned = true } }",
		":cancel",
		"j.join()",
		"j.isCancelled && cleaned",
		":cancel",
	)
	want := `>>> import kotlinx.coroutines.*
>>> var cleaned = false
>>> val j = launch { try { awaitCancellation() } finally { cleaned = true } }
>>> :cancel
Cancelled 1 background coroutine(s).
>>> j.join()
>>> j.isCancelled && cleaned
res0: Boolean = true
>>> :cancel
Cancelled 0 background coroutine(s).
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLFailedDefinition: an input that does not compile leaves
// nothing behind; the earlier definition of the name stays.
func TestREPLFailedDefinition(t *testing.T) {
	got := transcript(t,
		"fun c() = 1",
		"fun c() = undefinedName",
		"c()",
		"fun g() = alsoUndefined",
		"g()",
	)
	want := `>>> fun c() = 1
>>> fun c() = undefinedName
line2.kc:1:11: error: unresolved reference 'undefinedName'.
fun c() = undefinedName
          ^^^^^^^^^^^^^
>>> c()
res0: Int = 1
>>> fun g() = alsoUndefined
line4.kc:1:11: error: unresolved reference 'alsoUndefined'.
fun g() = alsoUndefined
          ^^^^^^^^^^^^^
>>> g()
line5.kc:1:1: error: unresolved reference 'g'.
g()
^
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLDeadlock: an input waiting for something that can never happen
// ends with the deadlock report (the dump of the live coroutines, whose
// format is the runtime's, is left out here), and the session goes on.
func TestREPLDeadlock(t *testing.T) {
	got := transcript(t,
		"import kotlinx.coroutines.*",
		"val never = CompletableDeferred<Int>()",
		"never.await()",
		"runBlocking { never.await() }",
		"never.isActive",
	)
	got = regexp.MustCompile(`(?m)^(Coroutines still alive:|  ).*\n`).ReplaceAllString(got, "")
	want := `>>> import kotlinx.coroutines.*
>>> val never = CompletableDeferred<Int>()
>>> never.await()
ktcoro: deadlock: the input waits, but nothing can run any more (no task, timer or host operation)
>>> runBlocking { never.await() }
ktcoro: deadlock: runBlocking on thread "main" waits, but nothing can run any more (no task, timer or host operation)
>>> never.isActive
res0: Boolean = true
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLLimits: with the limit flags, each input that exceeds one stops
// with the limit's report, and the session goes on with the next input
// (its definitions kept, its limits counted afresh).
func TestREPLLimits(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader(`var n = 0
while (true) { n++ }
Thread.sleep(100_000)
val big = "x".repeat(1 shl 29)
import kotlinx.coroutines.*
runBlocking { repeat(100) { launch { delay(1000) } } }
fun f(k: Int): Int = f(k + 1)
try { f(0) } catch (e: StackOverflowError) { "overflow" }
n > 0
`)
	// the timeout leaves the step limit time to be met on a loaded machine
	code := run([]string{"repl", "--timeout", "5s", "--max-steps", "5000000", "--max-memory", "64m",
		"--max-depth", "500", "--max-coroutines", "50"}, in, &stdout, &stderr)
	if code != 1 { // inputs failed
		t.Errorf("exit status %d, want 1", code)
	}
	checkTranscript(t, stdout.String(), "res0: String = overflow\nres1: Boolean = true\n")
	checkTranscript(t, stderr.String(), `ktcoro: step limit exceeded (5000000 steps) at <stdin>:2
ktcoro: timeout: the input ran longer than 5s
ktcoro: memory limit exceeded (64 MiB) at <stdin>:4
ktcoro: coroutine limit exceeded (50 live coroutines) at <stdin>:6
`)
	if code := run([]string{"repl", "--timeout", "-1s"}, strings.NewReader(""), &stdout, &stderr); code != 64 {
		t.Errorf("negative limit: exit status %d, want 64", code)
	}
}

// TestREPLLeadingDotInteractive: typed at a terminal, where the input
// above has already run, a line starting with `.` or `?.` goes on from
// its value (resN); after an input without a value it is the syntax
// error it is in Kotlin.
func TestREPLLeadingDotInteractive(t *testing.T) {
	got := transcript(t,
		"listOf(3, 1, 2)",
		"  .sorted()",
		"?.first()",
		`println("no value")`,
		".size",
	)
	want := `>>> listOf(3, 1, 2)
res0: List<Int> = [3, 1, 2]
>>>   .sorted()
res1: ArrayList = [1, 2, 3]
>>> ?.first()
res2: Int = 1
>>> println("no value")
no value
>>> .size
line5.kc:1:1: error: syntax error: Unexpected tokens.
.size
^
>>> 
`
	checkTranscript(t, got, want)
}

// TestREPLChecksAcrossInputs: a class from an earlier input is known to
// the checks of later ones (members, val properties), and a result shows
// its static type.
func TestREPLChecksAcrossInputs(t *testing.T) {
	got := transcript(t,
		"class Acc(val total: Int)",
		"Acc(1).totl",
		"Acc(1).total = 3",
		"val a = Acc(2)",
		"a.total + 1",
		`mapOf("k" to a.total)`,
	)
	want := `>>> class Acc(val total: Int)
>>> Acc(1).totl
line2.kc:1:8: error: unresolved reference 'totl' on receiver of type 'Acc'.
Acc(1).totl
       ^^^^
>>> Acc(1).total = 3
line3.kc:1:8: error: 'val' cannot be reassigned.
Acc(1).total = 3
       ^^^^^
>>> val a = Acc(2)
>>> a.total + 1
res0: Int = 3
>>> mapOf("k" to a.total)
res1: Map<String, Int> = {k=2}
>>> 
`
	checkTranscript(t, got, want)
}
