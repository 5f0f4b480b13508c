package coroutines_test

import "strconv"

// Stress cases of channels and select (run by TestCoroutineStress):
// senders and receivers on Dispatchers.Default, some cancelled at any
// point; every element is either received once or handed to
// onUndeliveredElement, never lost nor duplicated.
func init() {
	stressCases = append(stressCases,
		stressCase{
			name: "channel-cancel",
			src: `import kotlinx.coroutines.*
import kotlinx.coroutines.channels.*
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

fun main() = runBlocking {
    val lostSum = AtomicLong()
    val lost = AtomicInteger()
    val ch = Channel<Int>(16) { lostSum.addAndGet(it.toLong()); lost.incrementAndGet() }
    val gotSum = AtomicLong()
    val got = AtomicInteger()
    val senders = List(__N__) { i ->
        launch(Dispatchers.Default, start = CoroutineStart.ATOMIC) { ch.send(i + 1) }
    }
    val receivers = List(30) { k ->
        launch(Dispatchers.Default) {
            for (x in ch) {
                gotSum.addAndGet(x.toLong())
                got.incrementAndGet()
                if (k % 3 == 0 && x % 7 == 0) yield()
            }
        }
    }
    for (i in 0 until __N__ step 3) senders[i].cancel()
    for (k in 0 until 30 step 3) receivers[k].cancel()
    senders.joinAll()
    ch.close()
    receivers.joinAll()
    println("elements=" + (got.get() + lost.get()))
    println("sum=" + (gotSum.get() + lostSum.get()))
}`,
			want: func(n int) string {
				return "elements=" + strconv.Itoa(n) + "\nsum=" + strconv.Itoa(n*(n+1)/2) + "\n"
			},
		},
		stressCase{
			name: "select-race",
			src: `import kotlinx.coroutines.*
import kotlinx.coroutines.channels.*
import kotlinx.coroutines.selects.*
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

fun main() = runBlocking {
    val a = Channel<Int>()
    val b = Channel<Int>(4)
    val got = AtomicInteger()
    val sum = AtomicLong()
    val consumers = List(__N__) {
        launch(Dispatchers.Default) {
            val v = select<Int> {
                a.onReceive { it }
                b.onReceive { it }
            }
            got.incrementAndGet()
            sum.addAndGet(v.toLong())
        }
    }
    val feeders = List(__N__) { i ->
        launch(Dispatchers.Default) { if (i % 2 == 0) a.send(i + 1) else b.send(i + 1) }
    }
    feeders.joinAll()
    consumers.joinAll()
    println("received=" + got.get())
    println("sum=" + sum.get())
}`,
			want: func(n int) string {
				return "received=" + strconv.Itoa(n) + "\nsum=" + strconv.Itoa(n*(n+1)/2) + "\n"
			},
		},
	)
}
