package stdlib

import (
	"strings"

	"github.com/ktcoro/ktcoro/interp"
)

// Helpers for natives whose allocation or work grows with their input:
// they check the allocation (MaxAlloc, MaxMemory) before making it and
// charge their work to the step budget every interp.WorkChunk elements,
// so that every limit stops them within milliseconds.

// allocValues checks and charges a slice of n values.
func allocValues(co *interp.Coroutine, n int) error {
	return co.CheckAlloc(n, interp.ValueBytes)
}

// allocText checks and charges n bytes of text about to be made, and
// the work of making them.
func allocText(co *interp.Coroutine, n int) error {
	if err := co.CheckAlloc(n, 1); err != nil {
		return err
	}
	if n >= interp.WorkChunk {
		return co.Work(n / interp.WorkBytes)
	}
	return nil
}

// textChunk is how many bytes repeatText copies between two polls.
const textChunk = 1 << 20

// repeatText returns s repeated n times, checked and charged, polling
// while it copies a long result.
func repeatText(co *interp.Coroutine, s string, n int) (string, error) {
	if n <= 0 || s == "" {
		return "", nil
	}
	if n > (1<<62)/len(s) {
		return "", co.Interp().NewError("java.lang.OutOfMemoryError", "Java heap space")
	}
	total := n * len(s)
	if err := co.CheckAlloc(total, 1); err != nil {
		return "", err
	}
	if total <= textChunk {
		return strings.Repeat(s, n), nil
	}
	var b strings.Builder
	b.Grow(total)
	per := max(1, textChunk/len(s))
	chunk := strings.Repeat(s, min(per, n))
	for left := n; left > 0; left -= per {
		if left < per {
			chunk = chunk[:left*len(s)]
		}
		b.WriteString(chunk)
		if err := co.Work(len(chunk) / interp.WorkBytes); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// writeChecked appends s to b, checking and charging the growth of its
// buffer first (strings.Builder doubles it) and the work of a long copy.
func writeChecked(co *interp.Coroutine, b *strings.Builder, s string) error {
	if n := b.Len() + len(s); n > b.Cap() {
		if err := co.CheckAlloc(max(n, 2*b.Cap()), 1); err != nil {
			return err
		}
	}
	if len(s) >= interp.WorkChunk {
		if err := co.Work(len(s) / interp.WorkBytes); err != nil {
			return err
		}
	}
	b.WriteString(s)
	return nil
}
