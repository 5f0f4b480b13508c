package jfmt

import (
	"errors"
	"testing"
)

// TestSprintfReserve: a wide or precise specifier is reserved before it
// is printed, and reserve's error stops the formatting.
func TestSprintfReserve(t *testing.T) {
	errBig := errors.New("too big")
	var asked []int
	reserve := func(n int) error {
		asked = append(asked, n)
		if n > 1<<20 {
			return errBig
		}
		return nil
	}
	for _, f := range []string{"%2147483647d", "%.1000000000f", "%2000000000s", "ab%-5000000x"} {
		asked = nil
		if _, err := SprintfReserve(f, []any{int32(1)}, reserve); !errors.Is(err, errBig) {
			t.Errorf("%q: err = %v, want the reserve's error", f, err)
		}
		if len(asked) != 1 {
			t.Errorf("%q: reserve called %d times", f, len(asked))
		}
	}
	asked = nil
	s, err := SprintfReserve("%5d|%2000d|%.3f", []any{int32(1), int32(2), 1.5}, reserve)
	if err != nil || len(s) != 5+1+2000+1+5 {
		t.Errorf("= %d bytes, %v", len(s), err)
	}
	if len(asked) != 1 || asked[0] < 2*2000 {
		t.Errorf("reserved %v, want one call of at least twice the width", asked)
	}
}
