package coroutines_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// A program whose coroutines all wait on channels ends with the deadlock
// report, whose dump says which channel operation each waits in, on which
// channel (the same identity for the same channel), and its state.
func TestChannelDeadlockDump(t *testing.T) {
	checkDeadlockDump(t, "dl.kc", `import kotlinx.coroutines.*
import kotlinx.coroutines.channels.*
import kotlinx.coroutines.selects.*
fun main() = runBlocking {
    val ch = Channel<Int>()
    val out = Channel<String>(1)
    launch { out.send("a"); out.send("b") }
    launch { for (x in ch) println(x) }
    launch { select<Unit> { out.onSend("c") { }; ch.onReceive { } } }
    ch.send(1)
    out.receive()
    ch.receive()
}`,
		`(?m)^  BlockingCoroutine\{Active\}@\w+ suspended at main\$lambda\(dl\.kc:12\), in receive\(\) on channel@(\w+) \(capacity=0, buffered=0, senders=0, receivers=3\)$`,
		`(?m)^    StandaloneCoroutine\{Active\}@\w+ suspended at main\$lambda\$lambda\(dl\.kc:8\), in a for loop on channel@\w+ \(capacity=0`,
		`(?m)^    StandaloneCoroutine\{Active\}@\w+ suspended at select\(.*\), in select on onSend of channel@\w+ \(capacity=1, buffered=1, senders=1, receivers=0\), onReceive of channel@\w+ \(capacity=0`,
	)
}

// checkDeadlockDump runs src (file name) on the virtual clock, expects a
// deadlock, and checks its report against each pattern of wants.
func checkDeadlockDump(t *testing.T, name, src string, wants ...string) {
	t.Helper()
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out, VirtualTime: true})
	if err := install(in); err != nil {
		t.Fatal(err)
	}
	defer coroutines.Close(in)
	p, err := in.Compile(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	err = in.Run(p)
	dl, ok := err.(*sched.DeadlockError)
	if !ok {
		t.Fatalf("Run = %v, want a deadlock\n%s", err, out.String())
	}
	for _, want := range wants {
		if !regexp.MustCompile(want).MatchString(dl.Error()) {
			t.Errorf("the deadlock report lacks %s:\n%s", want, dl.Error())
		}
	}
}
