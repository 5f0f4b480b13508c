package ktcoro_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
)

// adversarialLimits are the limits the memory cases run under.
var adversarialLimits = ktcoro.Limits{MaxWallTime: 2 * time.Second, MaxMemory: 64 << 20}

// memoryCases are scripts whose built-in functions would allocate far
// more than the budget (or take far longer than the wall time) if they
// did not check before allocating and poll while working. want is
// "memory" (java.lang.OutOfMemoryError or the memory LimitError: which
// one depends on whether MaxAlloc or MaxMemory is met first), "stopped"
// (the memory error or the wall time), a LimitError's Limit, or an
// exception class.
var memoryCases = []struct {
	name, src, want string
}{
	{"format width", `"%2147483647d".format(1)`, "memory"},
	{"format precision", `"%.1000000000f".format(1.0)`, "memory"},
	{"format string width", `"%2000000000s".format("x")`, "memory"},
	{"StringBuilder doubling", `val sb = StringBuilder("x"); while (true) sb.append(sb)`, "memory"},
	{"StringBuilder growth", `val sb = StringBuilder(); while (true) sb.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")`, "memory"},
	{"StringBuilder repeat", `val sb = StringBuilder(); while (true) sb.append("x".repeat(1_000_000))`, "memory"},
	{"StringBuilder insert", `val sb = StringBuilder("xxxxxxxx"); while (true) sb.insert(0, sb.toString())`, "memory"},
	{"StringBuilder setLength", `StringBuilder().setLength(2_000_000_000)`, "memory"},
	{"string plus", `var s = "x"; while (true) s += s`, "memory"},
	{"toList", `"x".repeat(50_000_000).toList().size`, "memory"},
	{"toCharArray", `"x".repeat(200_000_000).toCharArray().size`, "memory"},
	{"chars", `"x".repeat(20_000_000).map { it }.size`, "memory"},
	{"split", `"x".repeat(20_000_000).split("").size`, "memory"},
	{"split char", `",".repeat(30_000_000).split(',').size`, "memory"},
	{"lines", `"\n".repeat(30_000_000).lines().size`, "memory"},
	{"replace", `"x".repeat(10_000_000).replace("x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy").length`, "memory"},
	{"replace char", `val s = "x".repeat(200_000_000); val l = ArrayList<String>(); while (true) l.add(s.replace('x', 'y'))`, "memory"},
	{"windowed", `(1..100_000).toList().windowed(50_000).size`, "memory"},
	{"windowed string", `"x".repeat(100_000).windowed(50_000).size`, "memory"},
	{"chunked", `"x".repeat(250_000_000).chunked(1).size`, "memory"},
	{"chunked list", `List(20_000_000) { 0 }.chunked(1).size`, "memory"},
	{"joinToString", `val s = "x".repeat(1_000_000); List(1000) { s }.joinToString("").length`, "memory"},
	{"joinToString separator", `List(10_000_000) { "" }.joinToString("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").length`, "memory"},
	{"repeat", `"xx".repeat(Int.MAX_VALUE).length`, "memory"},
	{"repeat sum", `val l = ArrayList<String>(); while (true) l.add("x".repeat(10_000_000))`, "memory"},
	{"padStart", `"x".padStart(Int.MAX_VALUE).length`, "memory"},
	{"padEnd", `"x".padEnd(1_000_000_000, 'y').length`, "memory"},
	{"List(n)", `List(Int.MAX_VALUE) { it }.size`, "memory"},
	{"MutableList(n)", `MutableList(Int.MAX_VALUE) { 0 }.size`, "memory"},
	{"IntArray", `IntArray(Int.MAX_VALUE).size`, "memory"},
	{"LongArray many", `val l = ArrayList<LongArray>(); while (true) l.add(LongArray(10_000_000))`, "memory"},
	{"Array(n)", `Array(Int.MAX_VALUE) { 0 }.size`, "memory"},
	{"arrayOfNulls", `arrayOfNulls<Any>(Int.MAX_VALUE).size`, "memory"},
	{"ArrayList growth", `val l = ArrayList<Int>(); while (true) l.add(1)`, "memory"},
	{"map growth", `val m = HashMap<Int, Int>(); var i = 0; while (true) { m[i] = i; i++ }`, "memory"},
	{"set growth", `val m = HashSet<Int>(); var i = 0; while (true) { m.add(i); i++ }`, "memory"},
	{"toList copies", `val l = List(5_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.toList())`, "memory"},
	{"toMutableList copies", `val l = List(5_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.toMutableList())`, "memory"},
	{"sorted copies", `val l = List(5_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.sorted())`, "memory"},
	{"toSet copies", `val l = List(2_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.toSet())`, "memory"},
	{"plus copies", `var l = listOf(1); while (true) l = l + l`, "memory"},
	{"range toList", `(0..Int.MAX_VALUE).toList().size`, "memory"},
	{"char range many", `val all = ArrayList<Any>(); while (true) all.add((0..10_000_000).toList())`, "memory"},
	{"sequence windowed", `(0..Int.MAX_VALUE).asSequence().windowed(Int.MAX_VALUE, partialWindows = true).count()`, "memory"},
	{"sequence toList", `(0..Int.MAX_VALUE).asSequence().toList().size`, "memory"},
	// a lambda per element: slow enough that the wall time may come first
	{"sequence map toList", `generateSequence(0) { it + 1 }.map { it * 2 }.toList().size`, "stopped"},
	{"reversed copies", `val l = List(5_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.reversed())`, "memory"},
	{"map toList", `val m = HashMap<Int, Int>(); for (i in 0 until 1_000_000) m[i] = i; val all = ArrayList<Any>(); while (true) all.add(m.toList())`, "memory"},
	{"zip", `val l = List(1_000_000) { it }; val all = ArrayList<Any>(); while (true) all.add(l.zip(l))`, "memory"},
	{"flatten", `val l = List(1000) { List(1000) { it } }; val all = ArrayList<Any>(); while (true) all.add(l.flatten())`, "memory"},
	{"toString of a large list", `val l = List(1000) { "x".repeat(1_000_000) }; l.toString().length`, "memory"},
	{"buildString", `buildString { while (true) append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") }`, "memory"},
	{"uppercase", `val s = "x".repeat(100_000_000); val l = ArrayList<String>(); while (true) l.add(s.uppercase())`, "memory"},
	{"reversed string", `val s = "x".repeat(100_000_000); val l = ArrayList<String>(); while (true) l.add(s.reversed())`, "memory"},
	{"trimIndent", `val s = "x\n".repeat(50_000_000); s.trimIndent().length`, "memory"},
	{"suspended coroutines", `kotlinx.coroutines.runBlocking { repeat(1_000_000) { launch { kotlinx.coroutines.delay(1_000_000) } } }`, "memory"},
	{"regex findAll", `Regex("x").findAll("x".repeat(20_000_000)).count()`, "memory"},
	{"regex split", `"x".repeat(20_000_000).split(Regex("x")).size`, "memory"},
	{"regex replace", `"x".repeat(10_000_000).replace(Regex("x"), "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy").length`, "memory"},
	{"map values copies", `val m = HashMap<Int, Int>(); for (i in 0 until 1_000_000) m[i] = i; val all = ArrayList<Any>(); while (true) all.add(m.values)`, "memory"},
	{"map keys copies", `val m = HashMap<Int, Int>(); for (i in 0 until 1_000_000) m[i] = i; val all = ArrayList<Any>(); while (true) all.add(m.keys)`, "memory"},
	{"toMutableMap copies", `val m = HashMap<Int, Int>(); for (i in 0 until 1_000_000) m[i] = i; val all = ArrayList<Any>(); while (true) all.add(m.toMutableMap())`, "memory"},
	{"map plus copies", `val m = HashMap<Int, Int>(); for (i in 0 until 1_000_000) m[i] = i; val all = ArrayList<Any>(); while (true) all.add(m + m)`, "memory"},
	{"set union copies", `val s = (0 until 1_000_000).toSet(); val all = ArrayList<Any>(); while (true) all.add(s union s)`, "memory"},
	{"set intersect copies", `val s = (0 until 1_000_000).toSet(); val all = ArrayList<Any>(); while (true) all.add(s intersect s)`, "memory"},
	{"sequence sorted", `(0..Int.MAX_VALUE).asSequence().sorted().first()`, "memory"},
	{"encodeToByteArray", `val s = "x".repeat(100_000_000); val l = ArrayList<Any>(); while (true) l.add(s.encodeToByteArray())`, "memory"},
}

// TestMemoryLimits runs each memory case under adversarialLimits: each
// ends with its memory error well within the wall time, the process
// survives, and the interpreter is usable afterwards.
func TestMemoryLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates up to the budget in every case")
	}
	it, _ := newTest(t, ktcoro.Options{Limits: adversarialLimits})
	for _, tc := range memoryCases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := it.Eval(context.Background(), tc.src)
			d := time.Since(start)
			checkLimitErr(t, err, tc.want)
			// generous for a loaded machine: this catches a native that
			// ignores the limits (it would run for minutes), not slowness
			if d > 4*time.Second {
				t.Errorf("stopped after %v", d)
			}
			checkUsable(t, it)
			runtime.GC()
		})
	}
}

// checkLimitErr checks that err is the memory error ("memory"), the
// memory error or the wall time ("stopped"), the LimitError with that
// Limit or the exception of that class.
func checkLimitErr(t *testing.T, err error, want string) {
	t.Helper()
	var le *ktcoro.LimitError
	var se *ktcoro.ScriptError
	memory := want == "memory" || want == "stopped"
	switch {
	case errors.As(err, &le):
		if le.Limit != want && !(memory && le.Limit == ktcoro.LimitMemory) && !(want == "stopped" && le.Limit == ktcoro.LimitWallTime) {
			t.Errorf("limit %q, want %q", le.Limit, want)
		}
	case errors.As(err, &se):
		if se.Class() != want && !(memory && se.Class() == "java.lang.OutOfMemoryError") {
			t.Errorf("exception %s, want %s", se.Class(), want)
		}
	default:
		t.Errorf("Eval = %v, want %s", err, want)
	}
}

// TestNativeWorkCountsSteps: the work of built-in functions counts toward
// MaxSteps, and stops them within milliseconds of MaxWallTime.
func TestNativeWorkCountsSteps(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"toList", `"x".repeat(10_000_000).toList().size`},
		{"chunked", `"x".repeat(10_000_000).chunked(1).size`},
		{"range toList", `(1..10_000_000).toList().size`},
		{"List(n)", `List(10_000_000) { 0 }.size`},
		{"joinToString", `List(1_000_000) { "x" }.joinToString(",").length`},
		{"sorted", `List(1_000_000) { it }.sorted().size`},
		{"split", `",".repeat(2_000_000).split(",").size`},
		{"format", `"%100000000d".format(1).length`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxSteps: 200_000}})
			_, err := it.Eval(context.Background(), tc.src)
			checkLimitErr(t, err, ktcoro.LimitSteps)
			checkUsable(t, it)
		})
	}
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxWallTime: 300 * time.Millisecond}})
	start := time.Now()
	_, err := it.Eval(context.Background(), `"x".repeat(250_000_000).chunked(1).size`)
	if d := time.Since(start); d > 1300*time.Millisecond {
		t.Errorf("chunked stopped after %v", d)
	}
	if err == nil {
		t.Error("chunked was not stopped")
	}
	checkUsable(t, it)
}

// TestCoroutineSteps: creating a coroutine costs the steps it executes,
// not a whole tick's worth.
func TestCoroutineSteps(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxSteps: 1_000_000}})
	if _, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { repeat(7000) { launch { delay(10) } } }`); err != nil {
		t.Fatal(err)
	}
	// and what short coroutines execute is charged when they complete
	_, err := it.Eval(context.Background(), `import kotlinx.coroutines.*
runBlocking { repeat(10_000) { launch { var i = 0; while (i < 1000) i++ } } }`)
	checkLimitErr(t, err, ktcoro.LimitSteps)
}

// TestMemoryBudgetReleases: memory a script drops is credited back, so a
// run that allocates much more than the budget in total, but never
// holds more than a part of it, is not stopped.
func TestMemoryBudgetReleases(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxMemory: 128 << 20, MaxWallTime: 20 * time.Second}})
	v, err := it.Eval(context.Background(), `var n = 0L
repeat(40) { n += "x".repeat(1_000_000).toCharArray().size + (1..1_000_000).toList().size }
n`)
	if err != nil {
		t.Fatal(err)
	}
	if v.AsLong() != 40*2_000_000 {
		t.Errorf("n = %v", v)
	}
}

// TestMemoryCapCLI runs the memory cases through `ktcoro run
// --max-memory` in a child process whose address space is capped at
// 4 GiB: each fails with its error, and the process survives to report
// it.
func TestMemoryCapCLI(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("needs sh and ulimit -v, builds the CLI")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "ktcoro")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ktcoro")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for i, tc := range memoryCases {
		t.Run(tc.name, func(t *testing.T) {
			script := filepath.Join(dir, fmt.Sprintf("case%d.kc", i))
			if err := os.WriteFile(script, []byte("fun main() {\n"+tc.src+"\n}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("sh", "-c", `ulimit -v 4194304 && exec "$0" run --max-memory 64m --timeout 5s "$1"`, bin, script)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Fatalf("exit: %v, want status 1\n%s", err, out)
			}
			ok := strings.Contains(string(out), "OutOfMemoryError") || strings.Contains(string(out), "memory limit exceeded")
			if tc.want == "stopped" {
				ok = ok || strings.Contains(string(out), "ktcoro: timeout")
			}
			if !ok {
				t.Errorf("output:\n%.2000s", out)
			}
		})
	}
}
