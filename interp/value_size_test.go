package interp_test

import (
	"testing"
	"unsafe"

	"github.com/ktcoro/ktcoro/interp"
)

// TestValueSize pins a Value at three machine words: every stack slot,
// List element and field is one.
func TestValueSize(t *testing.T) {
	if n := unsafe.Sizeof(interp.Value{}); n != 24 {
		t.Fatalf("unsafe.Sizeof(Value{}) = %d, want 24", n)
	}
}
