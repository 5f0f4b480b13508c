package interp

// Kotlin indexes strings in UTF-16 code units and ktcoro keeps them as Go
// strings (UTF-8): s[i] and s.length must know whether s is ASCII, and
// otherwise see its UTF-16 form. A loop over a long string asks that for
// every index, so the interpreter remembers it for the last few long
// strings it was asked about.

import (
	"sync/atomic"
	"unsafe"
)

// StringView is what String.get and String.length need to know of a
// string: whether it is ASCII (its bytes are its UTF-16 units) and, when
// it is not, its UTF-16 units. U must not be modified.
type StringView struct {
	s     string
	ASCII bool
	U     []uint16 // nil when ASCII
}

// Len returns the string's length in UTF-16 units (Kotlin's length).
func (v *StringView) Len() int {
	if v.ASCII {
		return len(v.s)
	}
	return len(v.U)
}

// At returns the UTF-16 unit at index i (which must be valid).
func (v *StringView) At(i int) rune {
	if v.ASCII {
		return rune(v.s[i])
	}
	return rune(v.U[i])
}

// viewMin is the shortest string whose view is remembered: a shorter one
// is cheaper to look at again than to look up.
const viewMin = 64

// viewSlots is how many long strings an interpreter remembers (a loop
// comparing two strings index by index uses two).
const viewSlots = 4

// views are an interpreter's remembered string views, filled round robin.
type views struct {
	slot [viewSlots]atomic.Pointer[StringView]
	next atomic.Uint32
}

// View returns the UTF-16 view of s, remembered for the last few long
// strings so that indexing one in a loop does not look at the whole
// string each time. Making the view of a non-ASCII string is charged to
// the memory budget (its units take two bytes each); the error is the
// budget's. Safe from any goroutine.
func (co *Coroutine) View(s string) (*StringView, error) {
	if len(s) < viewMin {
		v := &StringView{s: s, ASCII: isASCII(s)}
		if !v.ASCII {
			v.U = utf16Of(s)
		}
		return v, nil
	}
	vs := &co.in.views
	for i := range vs.slot {
		if v := vs.slot[i].Load(); v != nil && len(v.s) == len(s) && unsafe.StringData(v.s) == unsafe.StringData(s) {
			return v, nil
		}
	}
	v := &StringView{s: s, ASCII: isASCII(s)}
	if !v.ASCII {
		if err := co.CheckAlloc(len(s), 2); err != nil {
			return nil, err
		}
		v.U = utf16Of(s)
	}
	vs.slot[vs.next.Add(1)%viewSlots].Store(v)
	return v, nil
}

// ForgetViews drops the remembered string views (for a host that wants
// their memory back between runs).
func (in *Interp) ForgetViews() {
	for i := range in.views.slot {
		in.views.slot[i].Store(nil)
	}
}
