package stdlib

import (
	"strings"
	"testing"
)

func TestRandomXorWow(t *testing.T) {
	// values from Kotlin 1.3 on the JVM
	ktCheck(t, "import kotlin.random.Random\nval r = Random(42)", []ktCase{
		{`"" + r.nextInt(100) + " " + r.nextInt(100) + " " + r.nextInt(100) + " " + r.nextInt(100) + " " + r.nextInt(100)`, "33 40 41 2 41"},
		{`Random(7).nextInt() == Random(7).nextInt()`, "true"},
		{`Random(1).nextInt(0)`, "!java.lang.IllegalArgumentException: Random range is empty: [0, 0)."},
		{`Random.nextInt(10) in 0..9`, "true"},
		{`Random(3).nextDouble() < 1.0`, "true"},
	})
}

func TestRandomGo(t *testing.T) {
	r := NewRandom(42, 0)
	var got []int32
	for i := 0; i < 5; i++ {
		got = append(got, r.NextIntRange(0, 100))
	}
	want := []int32{33, 40, 41, 2, 41}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Random(42).nextInt(100) x5 = %v, want %v", got, want)
		}
	}
}

func TestPreconditions(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`require(false)`, "!java.lang.IllegalArgumentException: Failed requirement."},
		{`require(false) { "bad " + 1 }`, "!java.lang.IllegalArgumentException: bad 1"},
		{`require(true)`, "kotlin.Unit"},
		{`check(false)`, "!java.lang.IllegalStateException: Check failed."},
		{`checkNotNull(null)`, "!java.lang.IllegalStateException: Required value was null."},
		{`requireNotNull("x")`, "x"},
		{`error("boom")`, "!java.lang.IllegalStateException: boom"},
		{`TODO()`, "!kotlin.NotImplementedError: An operation is not implemented."},
		{`TODO("later")`, "!kotlin.NotImplementedError: An operation is not implemented: later"},
		{`assert(false)`, "kotlin.Unit"},
	})
}

func TestAtomics(t *testing.T) {
	ktCheck(t, "import java.util.concurrent.atomic.*\nval a = AtomicInteger(5)\nval l = AtomicLong()\nval r = AtomicReference(\"x\")\nval b = AtomicBoolean()", []ktCase{
		{`a.incrementAndGet()`, "6"},
		{`a.getAndAdd(4)`, "6"},
		{`a`, "10"},
		{`a.compareAndSet(10, 1)`, "true"},
		{`a.compareAndSet(10, 2)`, "false"},
		{`a.updateAndGet { it * 3 }`, "3"},
		{`a.accumulateAndGet(4) { x, y -> x + y }`, "7"},
		{`l.addAndGet(10000000000L)`, "10000000000"},
		{`l.getAndIncrement()`, "10000000000"},
		{`r.getAndSet("y") + r.get()`, "xy"},
		{`b.compareAndSet(false, true)`, "true"},
		{`b`, "true"},
	})
}

func TestReflectionAndThrowable(t *testing.T) {
	ktCheck(t, "class Foo\nval e = IllegalStateException(\"boom\")", []ktCase{
		{`e.javaClass.name`, "java.lang.IllegalStateException"},
		{`e.javaClass.simpleName`, "IllegalStateException"},
		{`e::class.simpleName`, "IllegalStateException"},
		{`Foo()::class.simpleName`, "Foo"},
		{`"s"::class.qualifiedName`, "kotlin.String"},
		{`5::class.java.name`, "java.lang.Integer"},
		{`e.localizedMessage`, "boom"},
		{`Thread.currentThread().name`, "main"},
		{`System.currentTimeMillis() > 0`, "true"},
		{`Unit`, "kotlin.Unit"},
	})
}

func TestPrintStackTraceAndSystemOut(t *testing.T) {
	out, errs, err := ktRun(t, `fun main() {
    println("before")
    System.out.println("out")
    try { error("boom") } catch (e: Exception) { e.printStackTrace() }
    System.err.println("err")
    print(readLine() + "|" + readLine() + "|" + readLine())
}`, "line1\r\nline2")
	if err != nil {
		t.Fatal(err)
	}
	if out != "before\nout\nline1|line2|null" {
		t.Errorf("stdout = %q", out)
	}
	if !strings.HasPrefix(errs, "java.lang.IllegalStateException: boom\n\tat main(test.kc:4)") || !strings.HasSuffix(errs, "err\n") {
		t.Errorf("stderr = %q", errs)
	}
}
