package stdlib

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/ktcoro/ktcoro/internal/jfmt"
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the conversions between text and numbers: parsing as
// Java does (toInt, toLong, toDouble, radixes and the
// NumberFormatException messages) and String.format.

// ---- number parsing ----

func numberFormat(co *interp.Coroutine, s string, radix int) error {
	msg := "For input string: \"" + s + "\""
	if radix != 10 {
		msg += " under radix " + strconv.Itoa(radix)
	}
	return co.Errorf("java.lang.NumberFormatException", "%s", msg)
}

// parseIntJava parses like Integer.parseInt/Long.parseLong: an optional
// sign and digits of the radix, nothing else.
func parseIntJava(s string, radix int, bits int) (int64, bool) {
	if s == "" || radix < 2 || radix > 36 {
		return 0, false
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
		if len(s) == 1 {
			return 0, false
		}
	}
	var limit uint64 = 1<<(bits-1) - 1
	if neg {
		limit++
	}
	var n uint64
	for _, r := range s[i:] {
		d := digitOf(r, radix)
		if d < 0 {
			return 0, false
		}
		if n > (limit-uint64(d))/uint64(radix) {
			return 0, false
		}
		n = n*uint64(radix) + uint64(d)
	}
	if neg {
		return -int64(n), true
	}
	return int64(n), true
}

// digitOf is Character.digit(c, radix).
func digitOf(r rune, radix int) int {
	d := -1
	switch {
	case '0' <= r && r <= '9':
		d = int(r - '0')
	case 'a' <= r && r <= 'z':
		d = int(r-'a') + 10
	case 'A' <= r && r <= 'Z':
		d = int(r-'A') + 10
	case r >= 0xFF21 && r <= 0xFF3A:
		d = int(r-0xFF21) + 10
	case r >= 0xFF41 && r <= 0xFF5A:
		d = int(r-0xFF41) + 10
	case unicode.IsDigit(r):
		d = unicodeDigit(r)
	}
	if d >= radix {
		return -1
	}
	return d
}

func unicodeDigit(r rune) int {
	// Nd characters come in runs of ten starting at a zero
	for z := r; z > r-10; z-- {
		if !unicode.IsDigit(z - 1) {
			return int(r - z)
		}
	}
	return int(r % 10)
}

func doubleError(co *interp.Coroutine, s string) error {
	t := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if t == "" {
		return co.Errorf("java.lang.NumberFormatException", "empty String")
	}
	i := 0
	if t[0] == '+' || t[0] == '-' {
		i++
	}
	points := 0
	for ; i < len(t); i++ {
		c := t[i]
		if c == '.' {
			points++
			if points == 2 {
				return co.Errorf("java.lang.NumberFormatException", "multiple points")
			}
			continue
		}
		if c < '0' || c > '9' {
			break
		}
	}
	return co.Errorf("java.lang.NumberFormatException", "For input string: \"%s\"", t)
}

func checkRadix(co *interp.Coroutine, radix int) error {
	if radix < 2 || radix > 36 {
		return co.Errorf("java.lang.IllegalArgumentException", "radix %d was not in valid range 2..36", radix)
	}
	return nil
}

// ---- String.format ----

// fmtObj is a non-primitive argument of String.format.
type fmtObj struct {
	s    string
	cls  string
	hash int32
}

func (o fmtObj) String() string        { return o.s }
func (o fmtObj) JavaClassName() string { return o.cls }
func (o fmtObj) HashCode() int32       { return o.hash }

func formatArgs(co *interp.Coroutine, vals []kval) ([]any, error) {
	out := make([]any, len(vals))
	for i, v := range vals {
		switch v.Kind() {
		case interp.KInt:
			out[i] = v.AsInt()
		case interp.KLong:
			out[i] = v.AsLong()
		case interp.KDouble:
			out[i] = v.AsDouble()
		case interp.KFloat:
			out[i] = v.AsFloat()
		case interp.KChar:
			out[i] = jfmt.Char(v.AsChar())
		case interp.KString:
			out[i] = v.AsString()
		case interp.KBool:
			out[i] = v.AsBool()
		case interp.KNull:
			out[i] = nil
		default:
			s, err := co.ToString(v)
			if err != nil {
				return nil, err
			}
			h, err := co.HashCode(v)
			if err != nil {
				return nil, err
			}
			c := interp.ClassOf(v)
			name := c.QName
			if name == "" {
				name = c.Name
			}
			out[i] = fmtObj{s: s, cls: name, hash: h}
		}
	}
	return out, nil
}

// spread flattens a vararg argument passed as an array (`*arr`).
func spreadArgs(args []kval) []kval {
	if len(args) == 1 {
		if l, ok := args[0].AsObject().(*interp.List); ok && l.Class() == interp.ArrayClass {
			return l.Elems
		}
	}
	return args
}

func format(co *interp.Coroutine, f string, args []kval) (kval, error) {
	a, err := formatArgs(co, args)
	if err != nil {
		return vnull, err
	}
	s, err := jfmt.SprintfReserve(f, a, func(n int) error {
		if err := co.CheckAlloc(n, 1); err != nil {
			return err
		}
		return co.Work(n / interp.WorkBytes)
	})
	if err != nil {
		if fe, ok := err.(*jfmt.FormatError); ok {
			return vnull, co.Errorf(fe.Class, "%s", fe.Message)
		}
		return vnull, err
	}
	return interp.String(s), nil
}
