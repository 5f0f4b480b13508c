package coroutines_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// A racy script on Dispatchers.Default (a shared var, a shared list and
// map written from many coroutines without synchronisation) may count
// wrong, as on the JVM, but must never crash or hang the interpreter.
func TestRacyScriptIsSafe(t *testing.T) {
	src := `import kotlinx.coroutines.*
fun main() = runBlocking {
    var counter = 0
    val list = mutableListOf<Int>()
    val map = mutableMapOf<Int, Int>()
    val jobs = List(200) { i ->
        launch(Dispatchers.Default) {
            repeat(200) { k ->
                counter++
                list.add(k)
                map[k % 17] = (map[k % 17] ?: 0) + 1
                if (k % 50 == 0) yield()
            }
        }
    }
    jobs.forEach { it.join() }
    println("counter<=" + (counter <= 40000))
    println("list<=" + (list.size <= 40000))
    println("keys=" + map.size)
}`
	for i := 0; i < 5; i++ {
		var out bytes.Buffer
		in := interp.New(interp.Options{Stdout: &out, Stderr: &out})
		if err := install(in); err != nil {
			t.Fatal(err)
		}
		p, err := in.Compile("racy.kc", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Run(p); err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, out.String())
		}
		coroutines.Close(in)
		if got := out.String(); !strings.Contains(got, "counter<=true\nlist<=true\nkeys=17\n") {
			t.Fatalf("run %d printed %q", i, got)
		}
	}
}
