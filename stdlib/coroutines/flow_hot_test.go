package coroutines_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestFlowDeadlockDump: the deadlock report says which StateFlow or
// SharedFlow a collector waits on and which SharedFlow an emitter waits
// for room in.
func TestFlowDeadlockDump(t *testing.T) {
	checkDeadlockDump(t, "fl.kc", `import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*
fun main() = runBlocking {
    val s = MutableStateFlow(1)
    val sf = MutableSharedFlow<Int>()
    launch { s.collect { } }
    launch { sf.collect { awaitCancellation() } }
    yield()
    sf.emit(1)
    sf.emit(2)
}`,
		`(?m)^  BlockingCoroutine\{Active\}@\w+ suspended at .*, in emit\(\) on SharedFlow@\w+ \(replay=0, buffered=0, emitters=1, subscribers=1\)$`,
		`(?m)^    StandaloneCoroutine\{Active\}@\w+ suspended at .*, in collect\(\) on StateFlow@\w+ \(subscribers=1\)$`,
		`(?m)^    StandaloneCoroutine\{Active\}@\w+ suspended at main\$lambda\$lambda\$lambda\(fl\.kc:7\)$`,
	)
}

// TestFlowStress: many collectors of a StateFlow and of a SharedFlow on
// Dispatchers.Default while four coroutines update them, some
// collectors cancelled midway: every collector that stays sees the
// final value, the counts of subscribers go back to zero, nothing hangs,
// and the goroutines are gone after Close. Run it with -race.
func TestFlowStress(t *testing.T) {
	n, reps := stressSize()
	n /= 10
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*
import java.util.concurrent.atomic.AtomicInteger

fun main() = runBlocking<Unit> {
    val state = MutableStateFlow(0)
    val shared = MutableSharedFlow<Int>(replay = 1, extraBufferCapacity = 4)
    val sawState = AtomicInteger()
    val sawShared = AtomicInteger()
    withContext(Dispatchers.Default) {
        val collectors = List(__N__) { i ->
            launch {
                if (i % 2 == 0) {
                    state.collect { if (it == -1) { sawState.incrementAndGet(); throw CancellationException("done") } }
                } else {
                    shared.collect { if (it == -1) { sawShared.incrementAndGet(); throw CancellationException("done") } }
                }
            }
        }
        while (state.subscriptionCount.value + shared.subscriptionCount.value < __N__) yield()
        val updaters = List(4) { u ->
            launch {
                repeat(200) { k ->
                    state.update { it + 1 }
                    shared.emit(u * 1000 + k)
                    if (k % 50 == 0) collectors[(u * 7 + k) % (__N__ / 4) * 4 + 2].cancel()
                }
            }
        }
        updaters.joinAll()
        val total = state.value
        state.value = -1
        shared.emit(-1)
        collectors.joinAll()
        println("total=$total")
    }
    println("sawState=${sawState.get()} sawShared=${sawShared.get()}")
    println("counts=${state.subscriptionCount.value} ${shared.subscriptionCount.value}")
}
`
	src = strings.ReplaceAll(src, "__N__", strconv.Itoa(n))
	cut := map[int]bool{} // the state collectors the updaters cancel
	for u := range 4 {
		for k := 0; k < 200; k += 50 {
			cut[(u*7+k)%(n/4)*4+2] = true
		}
	}
	want := "total=800\nsawState=" + strconv.Itoa((n+1)/2-len(cut)) + " sawShared=" + strconv.Itoa(n/2) + "\ncounts=0 0\n"
	before := runtime.NumGoroutine()
	for i := range reps {
		if got := runStress(t, "flows", src); got != want {
			t.Fatalf("run %d printed\n%s\nwant\n%s", i, got, want)
		}
	}
	checkNoLeak(t, before)
}
