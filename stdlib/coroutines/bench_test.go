package coroutines_test

import (
	"bytes"
	"runtime"
	"strconv"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// runBench compiles and runs src in a fresh interpreter with the
// virtual clock, with a native heapNow() that collects garbage and
// returns the live heap in bytes.
func runBench(b *testing.B, src string) string {
	b.Helper()
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out, VirtualTime: true})
	if err := install(in); err != nil {
		b.Fatal(err)
	}
	defer coroutines.Close(in)
	in.DefineFunc("heapNow", func(co *interp.Coroutine, _ interp.Value, _ []interp.Value) (interp.Value, error) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return interp.Long(int64(ms.HeapAlloc)), nil
	})
	p, err := in.Compile("bench.kc", []byte(src))
	if err != nil {
		b.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		b.Fatalf("%v\n%s", err, out.String())
	}
	return out.String()
}

// BenchmarkYieldSwitch: two coroutines trading yield() on runBlocking's
// event loop; one op is one switch.
func BenchmarkYieldSwitch(b *testing.B) {
	n := b.N/2 + 1
	src := `import kotlinx.coroutines.*
fun main() = runBlocking {
    var steps = 0
    val a = launch { repeat(` + strconv.Itoa(n) + `) { steps++; yield() } }
    val b = launch { repeat(` + strconv.Itoa(n) + `) { steps++; yield() } }
    a.join(); b.join()
}`
	b.ResetTimer()
	runBench(b, src)
}

// BenchmarkSuspendedCoroutine measures the live heap of 100,000
// coroutines suspended in launch { delay(1000) } (metric bytes/coroutine).
func BenchmarkSuspendedCoroutine(b *testing.B) {
	const n = 100_000
	src := `import kotlinx.coroutines.*
fun main() = runBlocking {
    val before = heapNow()
    repeat(` + strconv.Itoa(n) + `) { launch { delay(1000) } }
    yield()
    val after = heapNow()
    println(after - before)
}`
	reportHeapPer(b, src, n)
}

// reportHeapPer runs src, which prints the growth of the live heap over
// n coroutines, b.N times and reports it per coroutine.
func reportHeapPer(b *testing.B, src string, n int) {
	var per float64
	for i := 0; i < b.N; i++ {
		out := runBench(b, src)
		v, err := strconv.ParseFloat(string(bytes.TrimSpace([]byte(out))), 64)
		if err != nil {
			b.Fatalf("output %q", out)
		}
		per = v / float64(n)
	}
	b.ReportMetric(per, "bytes/coroutine")
}

// BenchmarkChannelPingPong is the anchor for BenchmarkYieldSwitch: two
// goroutines trading a token over unbuffered channels; one op is one
// switch.
func BenchmarkChannelPingPong(b *testing.B) {
	ping, pong := make(chan struct{}), make(chan struct{})
	go func() {
		for range ping {
			pong <- struct{}{}
		}
	}()
	for i := 0; i < b.N; i += 2 {
		ping <- struct{}{}
		<-pong
	}
	close(ping)
}

// BenchmarkRendezvousPingPong: two coroutines trading a message over two
// rendezvous channels on runBlocking's thread; one op is one message
// (BenchmarkChannelPingPong is the same with goroutines and Go channels).
func BenchmarkRendezvousPingPong(b *testing.B) {
	n := b.N/2 + 1
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.channels.*
fun main() = runBlocking {
    val ping = Channel<Int>()
    val pong = Channel<Int>()
    launch { repeat(` + strconv.Itoa(n) + `) { pong.send(ping.receive()) } }
    repeat(` + strconv.Itoa(n) + `) { ping.send(it); pong.receive() }
}`
	b.ResetTimer()
	runBench(b, src)
}

// BenchmarkSuspendedReceiver measures the live heap of 100,000 coroutines
// suspended in receive() on one channel (metric bytes/coroutine), then
// releases them all with one element each.
func BenchmarkSuspendedReceiver(b *testing.B) {
	const n = 100_000
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.channels.*
fun main() = runBlocking {
    val ch = Channel<Int>()
    val before = heapNow()
    repeat(` + strconv.Itoa(n) + `) { launch { ch.receive() } }
    yield()
    val after = heapNow()
    println(after - before)
    repeat(` + strconv.Itoa(n) + `) { ch.send(it) }
}`
	reportHeapPer(b, src, n)
}

// BenchmarkMutexMassiveRun is the kotlinx guide's massiveRun with a
// Mutex: 100 coroutines on Dispatchers.Default doing 1,000
// `mutex.withLock { counter++ }` each; one op is one such run (100,000
// increments), metric ns/increment.
func BenchmarkMutexMassiveRun(b *testing.B) {
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.sync.*

val mutex = Mutex()
var counter = 0

fun main() = runBlocking {
    repeat(` + strconv.Itoa(b.N) + `) {
        withContext(Dispatchers.Default) {
            coroutineScope {
                repeat(100) {
                    launch { repeat(1000) { mutex.withLock { counter++ } } }
                }
            }
        }
    }
    println(counter)
}`
	b.ResetTimer()
	out := runBench(b, src)
	b.StopTimer()
	if want := strconv.Itoa(b.N * 100_000); string(bytes.TrimSpace([]byte(out))) != want {
		b.Fatalf("counter %q, want %s", out, want)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/increment")
}

// BenchmarkStateFlowUpdate: a MutableStateFlow updated 1,000,000 times
// with one collector on runBlocking's loop; the updater yields after each
// update, so the collector sees every value. One op is one update (set,
// wake-up, the collector's emit).
func BenchmarkStateFlowUpdate(b *testing.B) {
	const n = 1_000_000
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*
fun main() = runBlocking {
    val s = MutableStateFlow(0)
    var seen = 0
    var last = 0
    val job = launch { s.collect { seen++; last = it } }
    yield()
    for (i in 1..` + strconv.Itoa(n) + `) {
        s.value = i
        yield()
    }
    job.cancel()
    println("$seen $last")
}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out := runBench(b, src); out != "1000001 1000000\n" {
			b.Fatalf("output %q", out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/update")
}

// BenchmarkStateFlowSet: the same without the yields: the collector,
// conflated, sees only the last value; one op is one set.
func BenchmarkStateFlowSet(b *testing.B) {
	const n = 1_000_000
	src := `import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*
fun main() = runBlocking {
    val s = MutableStateFlow(0)
    var last = 0
    val job = launch { s.collect { last = it } }
    yield()
    for (i in 1..` + strconv.Itoa(n) + `) s.value = i
    yield()
    job.cancel()
    println(last)
}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out := runBench(b, src); out != "1000000\n" {
			b.Fatalf("output %q", out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/update")
}

// flowChainSrc folds 1..1,000,000 through map and filter, as a Flow or
// (with "asSequence") as a Sequence: BenchmarkFlowChain and its anchor
// BenchmarkSequenceChain. The flow should stay within twice the
// sequence's time: an emit through the chain allocates no coroutine and
// no closure.
func flowChainSrc(as string) string {
	return `import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*
fun main() = runBlocking {
    val s = (1..1_000_000).` + as + `().map { it * 2 }.filter { it % 3 == 0 }.fold(0L) { a, b -> a + b }
    println(s)
}`
}

// BenchmarkFlowChain: (1..1_000_000).asFlow().map { }.filter { }.fold;
// one op is the whole fold.
func BenchmarkFlowChain(b *testing.B) {
	src := flowChainSrc("asFlow")
	for i := 0; i < b.N; i++ {
		if out := runBench(b, src); out != "333333666666\n" {
			b.Fatalf("output %q", out)
		}
	}
}

// BenchmarkSequenceChain is BenchmarkFlowChain over a Sequence.
func BenchmarkSequenceChain(b *testing.B) {
	src := flowChainSrc("asSequence")
	for i := 0; i < b.N; i++ {
		if out := runBench(b, src); out != "333333666666\n" {
			b.Fatalf("output %q", out)
		}
	}
}
