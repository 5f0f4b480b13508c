package ktcoro_test

import (
	"context"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
)

// TestRegexBacktrackingStops: a catastrophic pattern on the backtracking
// engine (a backreference keeps it off RE2) stops at the run's wall time,
// not when the match would end, and the interpreter stays usable.
func TestRegexBacktrackingStops(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{Limits: ktcoro.Limits{MaxWallTime: 200 * time.Millisecond}})
	for _, src := range []string{
		`Regex("(x+x+)+y\\1").containsMatchIn("x".repeat(5000))`,
		`Regex("(?=(a|aa)+b)").findAll("a".repeat(100)).count()`,
		`runBlocking { Regex("(x+x+)+(?!y)y").find("x".repeat(5000)) }`,
	} {
		within(t, 2*time.Second, "Eval", func() {
			_, err := it.Eval(context.Background(), "import kotlinx.coroutines.*\n"+src)
			checkLimitErr(t, err, ktcoro.LimitWallTime)
		})
		checkUsable(t, it)
	}
	// without a limit a lookaround pattern works on the backtracking engine
	v := mustEval(t, it, `Regex("(?<=\\$)\\d+").findAll("$1 2 $3").map { it.value }.toList().toString()`)
	if s := as[string](t, v); s != "[1, 3]" {
		t.Errorf("lookbehind findAll = %q", s)
	}
}
