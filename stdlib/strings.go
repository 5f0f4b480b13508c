package stdlib

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the helpers the text files share (arguments, UTF-16
// indices), the registration of the text classes in a fixed order, the
// String-only methods and those of nullable receivers. CharSequence's
// methods are in charsequence.go, Char's in chars.go, StringBuilder in
// stringbuilder.go, Regex in regex.go, the string algorithms in text.go
// and number parsing and String.format in text_format.go.
//
// Kotlin strings are UTF-16; ktcoro keeps them as Go (UTF-8) strings.
// Searching works on the UTF-8 bytes (a match of valid UTF-8 is always on
// character boundaries); only indices that scripts see are converted to
// UTF-16 units, with a fast path for ASCII strings where both agree.

type kval = interp.Value

var (
	vnull = interp.Null
	vunit = interp.Unit
)

// nf is the shape of every native below.
type nf = interp.NativeFunc

// ---- small helpers shared by the stdlib files ----

func absent(args []kval, i int) bool {
	return i >= len(args) || interp.IsAbsent(args[i])
}

func argInt(args []kval, i int, def int) int {
	if absent(args, i) {
		return def
	}
	return int(args[i].ToInt64())
}

func argBool(args []kval, i int, def bool) bool {
	if absent(args, i) {
		return def
	}
	return args[i].AsBool()
}

// str returns the text of a CharSequence receiver (String or StringBuilder).
func str(co *interp.Coroutine, v kval) (string, error) {
	switch v.Kind() {
	case interp.KString:
		return v.AsString(), nil
	case interp.KNull:
		return "", co.Errorf("java.lang.NullPointerException", "")
	}
	if sb, ok := v.AsObject().(*StringBuilder); ok {
		return sb.String(), nil
	}
	if in, ok := v.AsObject().(*interp.Instance); ok && in.Class().IsSubclassOf(interp.CharSequenceClass) {
		return scriptCharSeq(co, v)
	}
	return co.ToString(v)
}

// scriptCharSeq reads the text of a script class implementing
// CharSequence through its length and get, as Kotlin's CharSequence
// extensions do (its toString need not be the text).
func scriptCharSeq(co *interp.Coroutine, v kval) (string, error) {
	l, err := co.GetProp(v, "length")
	if err != nil {
		return "", err
	}
	n := int(l.AsInt())
	if err := co.CheckAlloc(n, 2); err != nil {
		return "", err
	}
	u := make([]uint16, 0, max(n, 0))
	for i := 0; i < n; i++ {
		if err := co.Poll(); err != nil {
			return "", err
		}
		c, err := co.CallMethod(v, "get", interp.Int(int32(i)))
		if err != nil {
			return "", err
		}
		u = append(u, uint16(c.AsChar()))
	}
	return fromU16(u), nil
}

// strArg converts an argument expected to be a String/CharSequence/Char.
func strArg(co *interp.Coroutine, v kval) (string, error) {
	if v.Kind() == interp.KChar {
		return charStr(v.AsChar()), nil
	}
	return str(co, v)
}

func charStr(c rune) string {
	if c >= 0xD800 && c < 0xE000 {
		return string(utf8.RuneError)
	}
	return string(c)
}

func isASCII(s string) bool { return interp.IsASCII(s) }

// u16len is the Kotlin length of s.
func u16len(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// byteToU16 converts a byte offset of s to a UTF-16 index.
func byteToU16(s string, b int) int {
	if b < 0 {
		return b
	}
	if isASCII(s) {
		return b
	}
	return u16len(s[:b])
}

// u16ToByte converts a UTF-16 index (0..length) of s to a byte offset.
// An index inside a surrogate pair maps to the start of the character.
func u16ToByte(s string, i int) int {
	if isASCII(s) {
		return i
	}
	n := 0
	for b, r := range s {
		if n >= i {
			return b
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return len(s)
}

func fromU16(u []uint16) string { return string(utf16.Decode(u)) }

// substr returns s[begin:end] in UTF-16 indices (assumed valid).
func substr(s string, begin, end int) string {
	if isASCII(s) {
		return s[begin:end]
	}
	return fromU16(interp.UTF16Of(s)[begin:end])
}

// charAt returns the UTF-16 unit at index i (assumed valid).
func charAt(s string, i int) rune {
	if isASCII(s) {
		return rune(s[i])
	}
	return rune(interp.UTF16Of(s)[i])
}

// chars returns the UTF-16 units of s as Char values, checking and
// charging the allocation and the work.
func chars(co *interp.Coroutine, s string) ([]kval, error) {
	if err := allocValues(co, len(s)); err != nil {
		return nil, err
	}
	out := make([]kval, 0, len(s))
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			out = append(out, interp.Char(rune(s[i])))
			if err := co.WorkAt(i); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if err := co.CheckAlloc(len(s), 2); err != nil {
		return nil, err
	}
	for i, u := range interp.UTF16Of(s) {
		out = append(out, interp.Char(rune(u)))
		if err := co.WorkAt(i); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// strList returns a List of the strings ss, checking and charging it.
func strList(co *interp.Coroutine, ss []string) (kval, error) {
	if err := allocValues(co, len(ss)); err != nil {
		return vnull, err
	}
	out := make([]kval, len(ss))
	for i, s := range ss {
		out[i] = interp.String(s)
		if err := co.WorkAt(i); err != nil {
			return vnull, err
		}
	}
	return interp.Obj(interp.NewList(out)), nil
}

func isCallable(v kval) bool {
	switch v.AsObject().(type) {
	case *interp.Closure, *interp.Native:
		return true
	}
	return false
}

func callPred(co *interp.Coroutine, fn kval, args ...kval) (bool, error) {
	r, err := co.CallSync(fn, args...)
	return r.AsBool(), err
}

// ---- registration ----

func init() {
	initCharSequenceBasics()
	initCharSequenceSearch()
	initCharSequenceCase()
	initCharSequenceElements()
	initCharSequenceAffixes()
	initCharSequenceConversions()
	initStringOnly()
	initChar()
	initNullable()
	initStringBuilder()
	initRegex()
	interp.CharArrayClass.AddMethod("concatToString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		l := this.AsObject().(*interp.List)
		from, to := argInt(args, 0, 0), argInt(args, 1, len(l.Elems))
		if from < 0 || to > len(l.Elems) || from > to {
			return vnull, co.Errorf("java.lang.IndexOutOfBoundsException", "startIndex: %d, endIndex: %d, size: %d", from, to, len(l.Elems))
		}
		s, err := appendText(co, interp.Obj(interp.NewTypedArray(interp.CharArrayClass, l.Elems[from:to])))
		return interp.String(s), err
	})
}

func initStringOnly() {
	sc := interp.StringClass
	// String(chars), String(chars, offset, length), String(bytes)
	sc.SetFactory(func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if len(args) == 0 {
			return interp.String(""), nil
		}
		l, ok := args[0].AsObject().(*interp.List)
		if !ok {
			s, err := str(co, args[0])
			return interp.String(s), err
		}
		elems := l.Elems
		if len(args) >= 3 {
			off, n := int(args[1].ToInt64()), int(args[2].ToInt64())
			if off < 0 || n < 0 || off+n > len(elems) {
				return vnull, co.Errorf("java.lang.StringIndexOutOfBoundsException", "offset %d, count %d, length %d", off, n, len(elems))
			}
			elems = elems[off : off+n]
		}
		if l.Class() == interp.CharArrayClass {
			u := make([]uint16, len(elems))
			for i, e := range elems {
				u[i] = uint16(e.AsChar())
			}
			return interp.String(fromU16(u)), nil
		}
		b := make([]byte, len(elems))
		for i, e := range elems {
			b[i] = byte(e.ToInt64())
		}
		return interp.String(strings.ToValidUTF8(string(b), "\uFFFD")), nil
	}, "chars", "offset", "length")
	if sc.StaticMethods == nil {
		sc.StaticMethods = map[string]kval{}
	}
	sc.StaticMethods["format"] = interp.Obj(&interp.Native{Name: "format", Fn: func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		if len(args) == 0 {
			return vnull, co.Errorf("java.lang.NullPointerException", "")
		}
		f, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		return format(co, f, spreadArgs(args[1:]))
	}})
	sc.StaticMethods["valueOf"] = interp.Obj(&interp.Native{Name: "valueOf", Fn: func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		s, err := co.ToString(args[0])
		return interp.String(s), err
	}})
	sc.StaticMethods["join"] = interp.Obj(&interp.Native{Name: "join", Fn: func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		sep, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		parts := args[1:]
		if len(parts) == 1 && parts[0].Kind() == interp.KObject {
			if parts, err = co.Elements(parts[0]); err != nil {
				return vnull, err
			}
		}
		ss := make([]string, len(parts))
		for i, p := range parts {
			if ss[i], err = co.ToString(p); err != nil {
				return vnull, err
			}
		}
		return interp.String(strings.Join(ss, sep)), nil
	}})
}

// ---- nullable receivers ----

func initNullable() {
	nc := interp.NullClass
	nc.AddMethod("isNullOrEmpty", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.True, nil
	})
	nc.AddMethod("isNullOrBlank", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.True, nil
	})
	nc.AddMethod("orEmpty", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.String(""), nil
	})
}

func installStrings(in *interp.Interp) {
	in.DefineType(StringBuilderClass)
	in.Define("StringBuffer", interp.Obj(StringBuilderClass))
	in.DefineType(RegexClass)
	in.DefineType(MatchResultClass)
	in.DefineFunc("buildString", func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		sb := NewStringBuilder("")
		fn := args[len(args)-1]
		if _, err := co.CallMethodSync(fn, interp.Obj(sb)); err != nil {
			return vnull, err
		}
		s, err := sb.text(co)
		return interp.String(s), err
	})
	in.DefineImport("kotlin.text")
}
