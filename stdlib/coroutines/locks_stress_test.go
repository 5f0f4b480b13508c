package coroutines_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestLockStress runs the JVM locks from four coroutines on
// Dispatchers.Default, each critical section long enough for the
// interpreter lock to pass to another thread inside it: no increment
// under a monitor, a ReentrantLock or a ConcurrentHashMap compute is
// lost. Run it with -race.
func TestLockStress(t *testing.T) {
	n, reps := stressSize()
	n /= 50 // increments per coroutine
	src := `import kotlinx.coroutines.*
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock

class Counter {
    var n = 0
    @Synchronized fun inc() { val t = n; spin(); n = t + 1 }
}

fun spin(): Int { var s = 0; for (i in 0 until 2000) s += i; return s }

fun main() = runBlocking<Unit> {
    val monitor = Any()
    val lock = ReentrantLock()
    val counter = Counter()
    val map = ConcurrentHashMap<String, Int>()
    var a = 0
    var b = 0
    withContext(Dispatchers.Default) {
        repeat(4) {
            launch {
                repeat(__N__) {
                    synchronized(monitor) { synchronized(monitor) { val t = a; spin(); a = t + 1 } }
                    lock.withLock { val t = b; spin(); b = t + 1 }
                    counter.inc()
                    map.compute("k") { _, v -> spin(); (v ?: 0) + 1 }
                }
            }
        }
    }
    println("$a $b ${counter.n} ${map["k"]} ${lock.isLocked}")
}
`
	src = strings.ReplaceAll(src, "__N__", strconv.Itoa(n))
	want := strings.Repeat(strconv.Itoa(4*n)+" ", 4) + "false\n"
	before := runtime.NumGoroutine()
	for range reps {
		if got := runStress(t, "locks", src); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	checkNoLeak(t, before)
}
