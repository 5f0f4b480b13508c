package interp

// Small exported helpers for the standard library's string, number and
// miscellaneous natives.

// IsAbsent reports whether v is an omitted optional argument (a named-
// argument call left a parameter out).
func IsAbsent(v Value) bool { return v.is(kAbsent) }

// IsASCII reports whether s holds only ASCII characters, so that its byte
// indices are its UTF-16 indices.
func IsASCII(s string) bool { return isASCII(s) }

// UTF16Of returns the UTF-16 code units of s (Kotlin's view of a string).
func UTF16Of(s string) []uint16 { return utf16Of(s) }

// IdentityHash returns the identity hash code of a heap value, like
// System.identityHashCode: stable for the object's lifetime, pseudo-random,
// never 0. The objects of this package keep theirs in themselves; other
// objects (classes, host objects) are remembered in a process-wide table,
// which keeps them alive. Safe from any goroutine.
func IdentityHash(o any) int32 { return identityHash(o) }

// Identical reports whether x === y in Kotlin: the same object, the same
// string, or the same primitive value. Safe from any goroutine.
func Identical(x, y Value) bool { return identical(x, y) }

// IdentityHex returns o's identity hash in hexadecimal, as the JVM's
// default toString prints it after the `@`.
func IdentityHex(o any) string { return hex32(uint32(identityHash(o))) }

// RangeOf returns a progression value (IntRange, LongRange, CharRange or
// IntProgression depending on elem and step).
func RangeOf(first, last, step int64, elem Kind) Value {
	return Obj(&Range{First: first, Last: last, Step: step, Elem: elem})
}

// CheckAlloc is what a native calls before an allocation that grows with
// its input: n elements of elemBytes bytes each (ValueBytes for values,
// 1 per byte of a string). It returns java.lang.OutOfMemoryError, which
// the script may catch, when the allocation exceeds what one script
// allocation may take (Options.MaxAlloc), so that the script fails
// instead of the host running out of memory; and it charges the bytes to
// the interpreter's memory budget (Options.MaxMemory), failing with the
// budget's uncatchable error past it. An estimate is fine as long as it
// is not far below the truth; charge a growing buffer when it grows.
func (co *Coroutine) CheckAlloc(n, elemBytes int) error {
	if n <= 0 {
		return nil
	}
	elemBytes = max(elemBytes, 1)
	if n > co.in.opts.MaxAlloc/elemBytes {
		return co.in.NewError("java.lang.OutOfMemoryError", "Java heap space")
	}
	if co.in.opts.MaxMemory > 0 {
		return co.chargeMemory(int64(n) * int64(elemBytes))
	}
	return nil
}
