package coroutines_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// Stress tests of the coroutine API as scripts use it: thousands of
// coroutines on Dispatchers.Default launched and cancelled, awaited,
// racing timeouts, failing inside nested scopes and under supervisors,
// each script run many times in fresh interpreters. Each script prints
// counts that do not depend on the interleaving (the outcome of a race
// is checked only as a sum), compared exactly. A watchdog fails the test
// with the coroutine dump when a run hangs, and the goroutines of the
// runtimes must be gone after coroutines.Close.

// stressSize returns how many coroutines each script starts and how many
// times each runs: fewer under the race detector and with -short.
func stressSize() (n, reps int) {
	switch {
	case raceEnabled:
		return 500, 2
	case testing.Short():
		return 500, 3
	}
	return 3000, 8
}

// stressWatchdog is how long one run may take before it counts as hung.
const stressWatchdog = 60 * time.Second

// runStress runs src in a fresh interpreter (virtual clock) and returns
// its stdout; it fails the test with the coroutine dump when the run
// does not end within stressWatchdog.
func runStress(t *testing.T, name, src string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &errOut, VirtualTime: true})
	if err := install(in); err != nil {
		t.Fatal(err)
	}
	defer coroutines.Close(in)
	p, err := in.Compile(name+".kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Run(p) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", name, err, out.String(), errOut.String())
		}
	case <-time.After(stressWatchdog):
		dump := make(chan string, 1)
		go func() { dump <- coroutines.Dump(in) }()
		var d string
		select {
		case d = <-dump:
		case <-time.After(5 * time.Second):
			d = "(no dump: the interpreter lock is held)"
		}
		coroutines.Stop(in, "stress watchdog")
		t.Fatalf("%s: no end after %s\n%s", name, stressWatchdog, d)
	}
	if errOut.Len() > 0 {
		t.Errorf("%s: unexpected stderr:\n%s", name, errOut.String())
	}
	return out.String()
}

// checkNoLeak waits (briefly) until the number of goroutines is back to
// what it was before the runs.
func checkNoLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("goroutine leak: %d goroutines before, %d after coroutines.Close\n%s", before, n, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stressCase is a script template (__N__ is replaced by the number of
// coroutines) and its expected output for n.
type stressCase struct {
	name string
	src  string
	want func(n int) string
}

var stressCases = []stressCase{
	{
		// launch + cancel: the odd coroutines wait "forever" and are
		// cancelled right after the launches, before or after they
		// started; the even ones complete. Every odd one that started
		// sees its cancellation.
		name: "launch-cancel",
		src: `import kotlinx.coroutines.*
import java.util.concurrent.atomic.AtomicInteger

fun main() = runBlocking {
    val startedOdd = AtomicInteger()
    val caughtOdd = AtomicInteger()
    val finished = AtomicInteger()
    val jobs = List(__N__) { i ->
        launch(Dispatchers.Default) {
            if (i % 2 == 1) {
                startedOdd.incrementAndGet()
                try {
                    delay(100_000)
                    finished.incrementAndGet()
                } catch (e: CancellationException) {
                    caughtOdd.incrementAndGet()
                    throw e
                }
            } else {
                delay(1)
                finished.incrementAndGet()
            }
        }
    }
    for (i in 1 until __N__ step 2) jobs[i].cancel()
    jobs.joinAll()
    println("finished=" + finished.get())
    println("cancelled=" + jobs.count { it.isCancelled })
    println("caught all started=" + (caughtOdd.get() == startedOdd.get()))
    val inner = launch(Dispatchers.Default) {
        repeat(__N__) { launch { delay(100_000) } }
    }
    delay(10)
    inner.cancelAndJoin()
    println("inner cancelled=" + inner.isCancelled + " children left=" + inner.children.count())
}
`,
		want: func(n int) string {
			return fmt.Sprintf("finished=%d\ncancelled=%d\ncaught all started=true\ninner cancelled=true children left=0\n", n/2, n/2)
		},
	},
	{
		// async + await: values summed through await and awaitAll,
		// with yields in between; lazy asyncs started by await.
		name: "async-await",
		src: `import kotlinx.coroutines.*

fun main() = runBlocking {
    val ds = List(__N__) { i ->
        async(Dispatchers.Default) {
            yield()
            i.toLong() * i
        }
    }
    var sum = 0L
    for (d in ds) sum += d.await()
    println("sum=" + sum)
    val lazies = List(__N__) { i -> async(Dispatchers.Default, start = CoroutineStart.LAZY) { i + 1 } }
    println("lazy sum=" + lazies.awaitAll().sum())
    val nested = withContext(Dispatchers.Default) {
        List(__N__) { i -> async { async { i % 7 }.await() } }.awaitAll().sum()
    }
    println("nested sum=" + nested)
}
`,
		want: func(n int) string {
			var sq, mod int64
			for i := int64(0); i < int64(n); i++ {
				sq += i * i
				mod += i % 7
			}
			return fmt.Sprintf("sum=%d\nlazy sum=%d\nnested sum=%d\n", sq, int64(n)*int64(n+1)/2, mod)
		},
	},
	{
		// withTimeout races: a third in time, a third timed out, a third
		// racing a timeout of the same length (either outcome, counted
		// as a sum); withTimeout's exception caught.
		name: "timeouts",
		src: `import kotlinx.coroutines.*
import java.util.concurrent.atomic.AtomicInteger

fun main() = runBlocking {
    val inTime = AtomicInteger()
    val timedOut = AtomicInteger()
    val raced = AtomicInteger()
    val jobs = List(__N__) { i ->
        launch(Dispatchers.Default) {
            when (i % 3) {
                0 -> if (withTimeoutOrNull(100_000) { delay(1); i } == i) inTime.incrementAndGet()
                1 -> try {
                    withTimeout(1) { delay(100_000) }
                } catch (e: TimeoutCancellationException) {
                    timedOut.incrementAndGet()
                }
                else -> {
                    withTimeoutOrNull(5) { delay(5); i }
                    raced.incrementAndGet()
                }
            }
        }
    }
    jobs.joinAll()
    println("in time=" + inTime.get())
    println("timed out=" + timedOut.get())
    println("raced=" + raced.get())
    println("all active=" + isActive)
}
`,
		want: func(n int) string {
			c := [3]int{}
			for i := 0; i < n; i++ {
				c[i%3]++
			}
			return fmt.Sprintf("in time=%d\ntimed out=%d\nraced=%d\nall active=true\n", c[0], c[1], c[2])
		},
	},
	{
		// nested coroutineScope trees on Default whose failing leaf
		// cancels the whole tree; the failure reaches the caller.
		name: "failing-scopes",
		src: `import kotlinx.coroutines.*
import java.util.concurrent.atomic.AtomicInteger

suspend fun tree(depth: Int, fail: Boolean): Int = coroutineScope {
    if (depth == 0) {
        yield()
        if (fail) throw IllegalStateException("leaf")
        1
    } else {
        val a = async(Dispatchers.Default) { tree(depth - 1, false) }
        val b = async(Dispatchers.Default) { tree(depth - 1, fail) }
        a.await() + b.await()
    }
}

fun main() = runBlocking {
    val ok = AtomicInteger()
    val failed = AtomicInteger()
    val leaves = AtomicInteger()
    val jobs = List(__N__ / 8) { i ->
        launch(Dispatchers.Default) {
            try {
                leaves.addAndGet(tree(3, i % 3 == 0))
                ok.incrementAndGet()
            } catch (e: IllegalStateException) {
                failed.incrementAndGet()
            }
        }
    }
    jobs.joinAll()
    println("ok=" + ok.get() + " failed=" + failed.get() + " leaves=" + leaves.get())
    val outcome = try {
        coroutineScope {
            repeat(__N__) { i -> launch(Dispatchers.Default) { if (i == __N__ / 2) throw ArithmeticException("one") else delay(100_000) } }
            "not reached"
        }
    } catch (e: ArithmeticException) {
        "caught " + e.message
    }
    println(outcome)
}
`,
		want: func(n int) string {
			m := n / 8
			fails := (m + 2) / 3
			return fmt.Sprintf("ok=%d failed=%d leaves=%d\ncaught one\n", m-fails, fails, 8*(m-fails))
		},
	},
	{
		// SupervisorJob scopes: failing children go to the handler, the
		// others and the supervisor go on; supervisorScope likewise;
		// cancelling the supervisor cancels what is left.
		name: "supervisors",
		src: `import kotlinx.coroutines.*
import java.util.concurrent.atomic.AtomicInteger

fun main() = runBlocking {
    val handled = AtomicInteger()
    val ok = AtomicInteger()
    val handler = CoroutineExceptionHandler { _, _ -> handled.incrementAndGet() }
    val supervisor = SupervisorJob()
    val scope = CoroutineScope(supervisor + Dispatchers.Default + handler)
    val jobs = List(__N__) { i ->
        scope.launch {
            delay(1)
            if (i % 4 == 0) throw RuntimeException("child " + i)
            ok.incrementAndGet()
        }
    }
    jobs.joinAll()
    println("handled=" + handled.get() + " ok=" + ok.get() + " supervisor active=" + supervisor.isActive)
    val failedAsyncs = AtomicInteger()
    val values = supervisorScope {
        val ds = List(__N__) { i -> async(Dispatchers.Default) { if (i % 5 == 0) throw IllegalStateException() else 1 } }
        ds.sumBy { d ->
            try {
                d.await()
            } catch (e: IllegalStateException) {
                failedAsyncs.incrementAndGet()
                0
            }
        }
    }
    println("values=" + values + " failed=" + failedAsyncs.get())
    val waiting = List(__N__) { scope.launch { delay(100_000) } }
    delay(10)
    supervisor.cancel()
    waiting.joinAll()
    println("cancelled=" + waiting.count { it.isCancelled } + " supervisor cancelled=" + supervisor.isCancelled)
}
`,
		want: func(n int) string {
			fail4 := (n + 3) / 4
			fail5 := (n + 4) / 5
			return fmt.Sprintf("handled=%d ok=%d supervisor active=true\nvalues=%d failed=%d\ncancelled=%d supervisor cancelled=true\n",
				fail4, n-fail4, n-fail5, fail5, n)
		},
	},
}

func TestCoroutineStress(t *testing.T) {
	n, reps := stressSize()
	before := runtime.NumGoroutine()
	for _, c := range stressCases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.ReplaceAll(c.src, "__N__", fmt.Sprint(n))
			want := c.want(n)
			for i := 0; i < reps; i++ {
				if got := runStress(t, c.name, src); got != want {
					t.Fatalf("run %d printed\n%s\nwant\n%s", i, got, want)
				}
			}
		})
	}
	checkNoLeak(t, before)
}
