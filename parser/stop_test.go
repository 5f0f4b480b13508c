package parser

import (
	"errors"
	"strings"
	"testing"
)

// ParseFileStop polls its stop function while it scans and parses, and
// returns the function's error as soon as it reports one: in the scanner,
// in the grammar, in the hand-written parser and inside string templates.
func TestParseFileStop(t *testing.T) {
	errStop := errors.New("stop")
	var b strings.Builder
	for i := range 3000 {
		b.WriteString("fun f")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("(a: Int) = a + 1 * (2 - a)\nval s = \"${1 + 2 + 3} ${f(1)}\"\n")
	}
	src := []byte(b.String())
	if _, err := ParseFileStop("a.kc", src, func() error { return nil }); err != nil {
		t.Fatalf("parse without a stop: %v", err)
	}
	// count the polls of a whole parse, then stop at each stage
	polls := 0
	if _, err := ParseFileStop("a.kc", src, func() error { polls++; return nil }); err != nil {
		t.Fatal(err)
	}
	if polls < 50 {
		t.Fatalf("%d polls for %d bytes, want about one per thousand tokens", polls, len(src))
	}
	for _, at := range []int{1, polls / 4, polls / 2, polls - 1} {
		n := 0
		f, err := ParseFileStop("a.kc", src, func() error {
			n++
			if n >= at {
				return errStop
			}
			return nil
		})
		if err != errStop || f != nil {
			t.Errorf("stop at poll %d of %d: %v, %v", at, polls, f, err)
		}
		if n != at {
			t.Errorf("stop at poll %d: polled %d times", at, n)
		}
	}
}
