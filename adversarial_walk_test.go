package ktcoro_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ktcoro/ktcoro"
)

// dagList is a list holding the same list twice, 60 levels deep: 2^61
// nodes for a walk that does not notice the sharing (as the JVM's does
// not), 61 objects in memory.
const dagList = `var l: Any = listOf(1)
repeat(60) { l = listOf(l, l) }
var m: Any = listOf(1)
repeat(60) { m = listOf(m, m) }
`

const dagArray = `var a: Array<Any?> = arrayOf(1)
repeat(60) { a = arrayOf(a, a) }
var b: Array<Any?> = arrayOf(1)
repeat(60) { b = arrayOf(b, b) }
`

// TestAdversarialWalks runs scripts that make the natives walking a
// structure (toString, hashCode, ==, contains, contentDeep*, host
// conversions) recurse without end, exponentially or very deep. Each
// must end with the expected error (a limit, StackOverflowError, a
// conversion error) soon after its limit, and leave the interpreter
// usable.
func TestAdversarialWalks(t *testing.T) {
	take := func(x any) int { return 1 }
	for _, tc := range []struct {
		name      string
		limits    ktcoro.Limits // MaxWallTime 2 s and MaxSteps 100M unless set
		interrupt time.Duration // Interrupt after this long when > 0
		src       string
		want      string // a LimitError's Limit, "interrupted", an exception class, or "=" + the result
		msg       string // a part of the error's text
	}{
		{name: "dag hashCode wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `l.hashCode()`, want: ktcoro.LimitWallTime},
		{name: "dag hashCode steps", limits: ktcoro.Limits{MaxSteps: 1_000_000},
			src: dagList + `l.hashCode()`, want: ktcoro.LimitSteps},
		{name: "dag == steps", limits: ktcoro.Limits{MaxSteps: 1_000_000},
			src: dagList + `l == m`, want: ktcoro.LimitSteps},
		{name: "dag == wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `l == m`, want: ktcoro.LimitWallTime},
		{name: "dag contains interrupt", interrupt: 30 * time.Millisecond,
			src: dagList + `listOf(1, l).contains(m)`, want: "interrupted"},
		{name: "dag indexOf wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `listOf(1, l).indexOf(m)`, want: ktcoro.LimitWallTime},
		{name: "dag toString wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `l.toString().length`, want: ktcoro.LimitWallTime},
		{name: "dag toString steps", limits: ktcoro.Limits{MaxSteps: 1_000_000},
			src: dagList + `"$l".length`, want: ktcoro.LimitSteps},
		{name: "dag map key wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `hashMapOf(l to 1).size`, want: ktcoro.LimitWallTime},
		{name: "dag set toString interrupt", interrupt: 30 * time.Millisecond,
			src: dagList + `setOf(l, 2).toString().length`, want: "interrupted"},
		{name: "dag data class hashCode steps", limits: ktcoro.Limits{MaxSteps: 1_000_000},
			src: `data class N(val l: Any?, val r: Any?)
var n: Any? = null
repeat(60) { n = N(n, n) }
n.hashCode()`, want: ktcoro.LimitSteps},
		{name: "dag contentDeepHashCode wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagArray + `a.contentDeepHashCode()`, want: ktcoro.LimitWallTime},
		{name: "dag contentDeepEquals steps", limits: ktcoro.Limits{MaxSteps: 1_000_000},
			src: dagArray + `a.contentDeepEquals(b)`, want: ktcoro.LimitSteps},
		{name: "dag contentDeepToString interrupt", interrupt: 30 * time.Millisecond,
			src: dagArray + `a.contentDeepToString().length`, want: "interrupted"},
		{name: "cyclic contentDeepToString",
			src: `val a = arrayOfNulls<Any>(1); a[0] = a; a.contentDeepToString()`, want: "=[[...]]"},
		{name: "cyclic contentDeepHashCode",
			src: `val a = arrayOfNulls<Any>(1); a[0] = a; a.contentDeepHashCode()`, want: "java.lang.StackOverflowError"},
		{name: "self list toString",
			src: `val l = mutableListOf<Any>(1); l.add(l); l.toString()`, want: "=[1, (this Collection)]"},
		{name: "self list hashCode",
			src: `val l = mutableListOf<Any>(1); l.add(l); l.hashCode()`, want: "java.lang.StackOverflowError"},
		{name: "self lists ==",
			src: `val l = mutableListOf<Any>(1); l.add(l); val k = mutableListOf<Any>(1); k.add(k); l == k`, want: "java.lang.StackOverflowError"},
		{name: "self data class toString",
			src: `data class D(var x: Any?); val d = D(null); d.x = d; "$d"`, want: "java.lang.StackOverflowError"},
		{name: "stack overflow is catchable",
			src: `val l = mutableListOf<Any>(1); l.add(l)
try { l.hashCode(); "no" } catch (e: StackOverflowError) { "caught " + e }`, want: "=caught java.lang.StackOverflowError"},
		{name: "deep arrays contentDeepToString",
			src: `var a: Array<Any?> = arrayOf(1)
repeat(300_000) { a = arrayOf(a) }
a.contentDeepToString()`, want: "java.lang.StackOverflowError"},
		{name: "deep lists toString",
			src: `var l: Any = listOf(1)
repeat(300_000) { l = listOf(l) }
l.toString()`, want: "java.lang.StackOverflowError"},
		{name: "deep lists ==",
			src: `var l: Any = listOf(1)
repeat(300_000) { l = listOf(l) }
var m: Any = listOf(1)
repeat(300_000) { m = listOf(m) }
l == m`, want: "java.lang.StackOverflowError"},
		{name: "deep maps hashCode",
			src: `var l: Any = mapOf(1 to 2)
repeat(10_000) { l = mapOf(1 to l) }
l.hashCode()`, want: "java.lang.StackOverflowError"},
		// a million parts take ~1 s, more on a loaded machine
		{name: "host function dag", limits: ktcoro.Limits{MaxWallTime: 10 * time.Second},
			src: dagList + `try { take(l); "no" } catch (e: IllegalArgumentException) { "caught" }`, want: "=caught"},
		{name: "host function dag uncaught", limits: ktcoro.Limits{MaxWallTime: 10 * time.Second},
			src: dagList + `take(l)`, want: "java.lang.IllegalArgumentException", msg: "more than 1048576"},
		{name: "host function dag wall time", limits: ktcoro.Limits{MaxWallTime: 50 * time.Millisecond},
			src: dagList + `while (true) take(l)`, want: ktcoro.LimitWallTime},
		{name: "host function deep",
			src: `var l: Any = listOf(1)
repeat(300_000) { l = listOf(l) }
take(l)`, want: "java.lang.IllegalArgumentException", msg: "nested more than 64"},
		{name: "host function cycle",
			src: `val l = mutableListOf<Any>(1); l.add(l); take(l)`, want: "java.lang.IllegalArgumentException", msg: "nested more than 64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lim := tc.limits
			if lim.MaxWallTime == 0 {
				lim.MaxWallTime = 2 * time.Second
			}
			if lim.MaxSteps == 0 {
				lim.MaxSteps = 100_000_000
			}
			it, out := newTest(t, ktcoro.Options{Limits: lim})
			if err := it.Define("take", take); err != nil {
				t.Fatal(err)
			}
			if tc.interrupt > 0 {
				tm := time.AfterFunc(tc.interrupt, it.Interrupt)
				defer tm.Stop()
			}
			start := time.Now()
			v, err := it.Eval(context.Background(), tc.src)
			took := time.Since(start)
			t.Logf("stopped after %v: %v", took, err)
			var le *ktcoro.LimitError
			var se *ktcoro.ScriptError
			switch {
			case strings.HasPrefix(tc.want, "="):
				if err != nil {
					t.Fatalf("Eval = %v, want %s", err, tc.want[1:])
				}
				if got := v.AsString(); got != tc.want[1:] {
					t.Errorf("Eval = %s, want %s", got, tc.want[1:])
				}
			case tc.want == "interrupted":
				if err != ktcoro.ErrInterrupted {
					t.Errorf("Eval = %v, want ErrInterrupted", err)
				}
			case errors.As(err, &le):
				if le.Limit != tc.want {
					t.Errorf("limit %q, want %q", le.Limit, tc.want)
				}
			case errors.As(err, &se):
				if se.Class() != tc.want {
					t.Errorf("exception %v, want %s", err, tc.want)
				}
			default:
				t.Fatalf("Eval = %v, want %s", err, tc.want)
			}
			if tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)) {
				t.Errorf("error %v, want one saying %q", err, tc.msg)
			}
			// the bound is generous: this catches a walk that ignores its
			// limits, not slowness (see the report for the figures)
			if bound := lim.MaxWallTime + time.Second; took > bound {
				t.Errorf("took %v, more than %v", took, bound)
			}
			if strings.Contains(out.String(), "panic") {
				t.Errorf("output: %s", out.String())
			}
			checkUsable(t, it)
		})
	}
}

// TestFromValueShared: converting a value with shared parts to Go fails
// with a clear error instead of taking exponential time and memory.
func TestFromValueShared(t *testing.T) {
	it, _ := newTest(t, ktcoro.Options{VirtualTime: true})
	v := mustEval(t, it, dagList+`l`)
	for name, conv := range map[string]func() error{
		"FromValue": func() error { var x any; return ktcoro.FromValue(v, &x) },
		"As":        func() error { _, err := ktcoro.As[[]any](v); return err },
	} {
		start := time.Now()
		err := conv()
		t.Logf("%s: %v after %v", name, err, time.Since(start))
		if err == nil || !strings.Contains(err.Error(), "more than 1048576") {
			t.Errorf("%s = %v, want an error about the size", name, err)
		}
	}
	checkUsable(t, it)
}
