package coroutines_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// syncStressSrc hammers a Mutex and a Semaphore from Dispatchers.Default:
// __N__ coroutines doing __K__ withLock increments each (yielding inside
// the lock now and then, so that the others queue up); then waiters
// that suspend while holding the lock or a permit, a third of them
// given up by timeouts of 0..2 ms (cancelled in the queue, or handed the
// lock and cancelled before they ran: prompt cancellation) and others
// cancelled by the main coroutine. Mutual exclusion is checked inside
// each critical section; at the end the mutex must be free and every
// permit back.
const syncStressSrc = `import kotlinx.coroutines.*
import kotlinx.coroutines.sync.*
import java.util.concurrent.atomic.AtomicInteger

val mutex = Mutex()
val sem = Semaphore(3)
var counter = 0
var inside = 0
var violations = 0
val permits = AtomicInteger()
var maxPermitted = 0

fun main() = runBlocking {
    withContext(Dispatchers.Default) {
        coroutineScope {
            repeat(__N__) {
                launch {
                    repeat(__K__) {
                        mutex.withLock {
                            counter++
                            if (counter % 64 == 0) yield()
                        }
                    }
                }
            }
        }
    }
    println("counter=" + counter)
    val entered = AtomicInteger()
    val jobs = List(__N__) { i ->
        launch(Dispatchers.Default) {
            val body: suspend () -> Unit = {
                mutex.withLock(i) {
                    inside++
                    try {
                        if (inside != 1 || !mutex.holdsLock(i)) violations++
                        entered.incrementAndGet()
                        if (i % 2 == 0) yield() else delay(1)
                    } finally {
                        // a cancellation in yield or delay leaves here too
                        inside--
                    }
                }
                sem.withPermit {
                    val now = permits.incrementAndGet()
                    try {
                        if (now > maxPermitted) maxPermitted = now
                        if (now > 3) violations++
                        delay((i % 3).toLong())
                    } finally {
                        permits.decrementAndGet()
                    }
                }
            }
            if (i % 3 == 0) withTimeoutOrNull((i % 7 % 3).toLong()) { body() } else body()
        }
    }
    for (i in 1 until __N__ step 5) {
        jobs[i].cancel()
        if (i % 2 == 0) yield()
    }
    jobs.joinAll()
    println("violations=" + violations + " maxPermitted<=3: " + (maxPermitted <= 3))
    println("someone entered: " + (entered.get() > 0))
    println("isLocked=" + mutex.isLocked + " available=" + sem.availablePermits)
    val last = withTimeoutOrNull(1000) { mutex.withLock { sem.withPermit { "free" } } }
    println("after: " + last)
}
`

// TestMutexSemaphoreStress runs syncStressSrc a few times in fresh
// interpreters (see runStress: a hang fails with the coroutine dump).
func TestMutexSemaphoreStress(t *testing.T) {
	n, k, reps := 100, 1000, 3
	if raceEnabled || testing.Short() {
		n, k, reps = 40, 100, 2
	}
	before := runtime.NumGoroutine()
	src := strings.NewReplacer("__N__", fmt.Sprint(n), "__K__", fmt.Sprint(k)).Replace(syncStressSrc)
	want := fmt.Sprintf("counter=%d\nviolations=0 maxPermitted<=3: true\nsomeone entered: true\nisLocked=false available=3\nafter: free\n", n*k)
	for i := 0; i < reps; i++ {
		if got := runStress(t, "sync", src); got != want {
			t.Fatalf("run %d printed\n%s\nwant\n%s", i, got, want)
		}
	}
	checkNoLeak(t, before)
}
