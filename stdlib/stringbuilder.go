package stdlib

import (
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds StringBuilder (java.lang.StringBuilder, also named
// StringBuffer): the Go type and its methods.

// StringBuilderClass is java.lang.StringBuilder.
var StringBuilderClass = interp.NewClass("StringBuilder", "java.lang.StringBuilder", interp.AnyClass, interp.CharSequenceClass)

// StringBuilder is a mutable string (java.lang.StringBuilder). Its text is
// kept as UTF-8 with an ASCII flag; a mutex keeps racy scripts memory-safe.
type StringBuilder struct {
	mu    sync.Mutex
	b     []byte
	ascii bool
}

// NewStringBuilder returns a StringBuilder holding s. Its methods are safe
// from any goroutine.
func NewStringBuilder(s string) *StringBuilder {
	return &StringBuilder{b: []byte(s), ascii: isASCII(s)}
}

// Class implements interp.Object.
func (*StringBuilder) Class() *interp.Class { return StringBuilderClass }

// String returns the builder's text.
func (sb *StringBuilder) String() string {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	return string(sb.b)
}

// KString implements interp.Stringer.
func (sb *StringBuilder) KString(co *interp.Coroutine) (string, error) { return sb.text(co) }

// append appends s, charging the growth of the buffer (and the work of
// copying s) first.
func (sb *StringBuilder) append(co *interp.Coroutine, s string) error {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if n := len(sb.b) + len(s); n > cap(sb.b) {
		// append doubles the buffer
		if err := co.CheckAlloc(max(n, 2*cap(sb.b)), 1); err != nil {
			return err
		}
	}
	if len(s) >= interp.WorkChunk {
		if err := co.Work(len(s) / interp.WorkBytes); err != nil {
			return err
		}
	}
	sb.b = append(sb.b, s...)
	if sb.ascii && !isASCII(s) {
		sb.ascii = false
	}
	return nil
}

// text returns the builder's text, charging the copy.
func (sb *StringBuilder) text(co *interp.Coroutine) (string, error) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if err := sbCopy(co, len(sb.b)); err != nil {
		return "", err
	}
	return string(sb.b), nil
}

// sbCopy charges a copy of n bytes of a builder's text.
func sbCopy(co *interp.Coroutine, n int) error {
	if n < interp.WorkChunk {
		return nil
	}
	if err := co.CheckAlloc(n, 1); err != nil {
		return err
	}
	return co.Work(n / interp.WorkBytes)
}

// edit runs f on the UTF-16 view of the builder (or the bytes when ASCII)
// under the lock; f returns the new text, of at most extra bytes more
// than the builder's (the copies are charged first).
func (sb *StringBuilder) edit(co *interp.Coroutine, extra int, f func(s string) (string, error)) error {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if err := sbCopy(co, 3*len(sb.b)+extra); err != nil {
		return err
	}
	s, err := f(string(sb.b))
	if err != nil {
		return err
	}
	sb.b = append(sb.b[:0], s...)
	sb.ascii = isASCII(s)
	return nil
}

func sbOf(this kval) *StringBuilder {
	sb, _ := this.AsObject().(*StringBuilder)
	return sb
}

func sbIndexErr(co *interp.Coroutine, i, n int) error {
	return co.Errorf("java.lang.StringIndexOutOfBoundsException", "index %d,length %d", i, n)
}

func appendText(co *interp.Coroutine, v kval) (string, error) {
	if v.Kind() == interp.KObject {
		if l, ok := v.AsObject().(*interp.List); ok && l.Class() == interp.CharArrayClass {
			if err := co.CheckAlloc(len(l.Elems), 4); err != nil {
				return "", err
			}
			var u []uint16
			for _, e := range l.Elems {
				u = append(u, uint16(e.AsChar()))
			}
			return fromU16(u), nil
		}
	}
	if v.Kind() == interp.KChar {
		return charStr(v.AsChar()), nil
	}
	return co.ToString(v)
}

func initStringBuilder() {
	c := StringBuilderClass
	c.SetFactory(func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if len(args) > 0 && args[0].Kind() != interp.KInt && !interp.IsAbsent(args[0]) {
			s, err := co.ToString(args[0])
			if err != nil {
				return vnull, err
			}
			return interp.Obj(NewStringBuilder(s)), nil
		}
		return interp.Obj(NewStringBuilder("")), nil
	})
	m := func(name string, fn nf) { c.AddMethod(name, fn) }
	m("append", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		sb := sbOf(this)
		if len(args) == 3 {
			// append(CharSequence, start, end)
			s, err := str(co, args[0])
			if err != nil {
				return vnull, err
			}
			return this, sb.append(co, substr(s, int(args[1].AsInt()), int(args[2].AsInt())))
		}
		for _, a := range args {
			s, err := appendText(co, a)
			if err != nil {
				return vnull, err
			}
			if err := sb.append(co, s); err != nil {
				return vnull, err
			}
		}
		return this, nil
	})
	appendLine := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		sb := sbOf(this)
		if len(args) > 0 {
			s, err := appendText(co, args[0])
			if err != nil {
				return vnull, err
			}
			if err := sb.append(co, s); err != nil {
				return vnull, err
			}
		}
		return this, sb.append(co, "\n")
	}
	m("appendln", appendLine)
	m("appendLine", appendLine)
	m("insert", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		t, err := appendText(co, args[1])
		if err != nil {
			return vnull, err
		}
		return this, sbOf(this).edit(co, len(t), func(s string) (string, error) {
			n := u16len(s)
			if i < 0 || i > n {
				return "", co.Errorf("java.lang.StringIndexOutOfBoundsException", "offset %d, length %d", i, n)
			}
			return substr(s, 0, i) + t + substr(s, i, n), nil
		})
	})
	m("reverse", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return this, sbOf(this).edit(co, 0, func(s string) (string, error) {
			r, err := interp.CharSequenceClass.Methods["reversed"].AsObject().(*interp.Native).Fn(co, interp.String(s), nil)
			return r.AsString(), err
		})
	})
	m("deleteCharAt", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		return this, sbOf(this).edit(co, 0, func(s string) (string, error) {
			n := u16len(s)
			if i < 0 || i >= n {
				return "", sbIndexErr(co, i, n)
			}
			return substr(s, 0, i) + substr(s, i+1, n), nil
		})
	})
	del := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		a, b := int(args[0].AsInt()), int(args[1].AsInt())
		return this, sbOf(this).edit(co, 0, func(s string) (string, error) {
			n := u16len(s)
			if b > n {
				b = n
			}
			if a < 0 || a > b {
				return "", co.Errorf("java.lang.StringIndexOutOfBoundsException", "start %d, end %d, length %d", a, b, n)
			}
			return substr(s, 0, a) + substr(s, b, n), nil
		})
	}
	m("delete", del)
	m("deleteRange", del)
	m("replace", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		a, b := int(args[0].AsInt()), int(args[1].AsInt())
		t, err := str(co, args[2])
		if err != nil {
			return vnull, err
		}
		return this, sbOf(this).edit(co, len(t), func(s string) (string, error) {
			n := u16len(s)
			if b > n {
				b = n
			}
			if a < 0 || a > n || a > b {
				return "", co.Errorf("java.lang.StringIndexOutOfBoundsException", "start %d, end %d, length %d", a, b, n)
			}
			return substr(s, 0, a) + t + substr(s, b, n), nil
		})
	})
	m("setLength", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		l := int(args[0].AsInt())
		return vunit, sbOf(this).edit(co, 0, func(s string) (string, error) {
			n := u16len(s)
			if l < 0 {
				return "", strIndexErr(co, l)
			}
			if l <= n {
				return substr(s, 0, l), nil
			}
			if err := sbCopy(co, 2*l); err != nil {
				return "", err
			}
			return s + strings.Repeat("\x00", l-n), nil
		})
	})
	m("clear", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return this, sbOf(this).edit(co, 0, func(string) (string, error) { return "", nil })
	})
	set := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		ch := args[1].AsChar()
		return vunit, sbOf(this).edit(co, 0, func(s string) (string, error) {
			n := u16len(s)
			if i < 0 || i >= n {
				return "", sbIndexErr(co, i, n)
			}
			u := interp.UTF16Of(s)
			u[i] = uint16(ch)
			return fromU16(u), nil
		})
	}
	m("set", set)
	m("setCharAt", set)
	m("get", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		sb := sbOf(this)
		i := int(args[0].AsInt())
		sb.mu.Lock()
		if sb.ascii && i >= 0 && i < len(sb.b) {
			c := sb.b[i]
			sb.mu.Unlock()
			return interp.Char(rune(c)), nil
		}
		sb.mu.Unlock()
		s, err := sb.text(co)
		if err != nil {
			return vnull, err
		}
		if n := u16len(s); i < 0 || i >= n {
			return vnull, sbIndexErr(co, i, n)
		}
		return interp.Char(charAt(s, i)), nil
	})
	m("toString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		s, err := sbOf(this).text(co)
		return interp.String(s), err
	})
	m("capacity", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		sb := sbOf(this)
		sb.mu.Lock()
		defer sb.mu.Unlock()
		return interp.Int(int32(cap(sb.b))), nil
	})
}
