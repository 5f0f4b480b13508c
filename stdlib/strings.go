package stdlib

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ktcoro/ktcoro/internal/jfmt"
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds String/CharSequence and Char methods, String.format,
// string parsing (toInt, toDouble, ...), StringBuilder and Regex.
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
	return co.ToString(v)
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

// chars returns the UTF-16 units of s as Char values.
func chars(s string) []kval {
	out := make([]kval, 0, len(s))
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			out = append(out, interp.Char(rune(s[i])))
		}
		return out
	}
	for _, u := range interp.UTF16Of(s) {
		out = append(out, interp.Char(rune(u)))
	}
	return out
}

func strList(ss []string) kval {
	out := make([]kval, len(ss))
	for i, s := range ss {
		out[i] = interp.String(s)
	}
	return interp.Obj(interp.NewList(out))
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

// ---- case and character classes ----

func isWhitespace(c rune) bool {
	// Character.isWhitespace || Character.isSpaceChar
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F:
		return true
	}
	return c >= 0x80 && (unicode.Is(unicode.Zs, c) || unicode.Is(unicode.Zl, c) || unicode.Is(unicode.Zp, c))
}

func toUpperChar(c rune) rune {
	if c < 0x80 {
		if 'a' <= c && c <= 'z' {
			return c - 32
		}
		return c
	}
	if c >= 0xD800 && c < 0xE000 {
		return c
	}
	return unicode.ToUpper(c)
}

func toLowerChar(c rune) rune {
	if c < 0x80 {
		if 'A' <= c && c <= 'Z' {
			return c + 32
		}
		return c
	}
	if c >= 0xD800 && c < 0xE000 {
		return c
	}
	return unicode.ToLower(c)
}

func upperString(s string) string {
	u := strings.ToUpper(s)
	if !isASCII(s) && strings.ContainsRune(u, 'ß') {
		u = strings.ReplaceAll(u, "ß", "SS")
	}
	return u
}

func lowerString(s string) string { return strings.ToLower(s) }

func charEqIC(a, b rune) bool {
	if a == b {
		return true
	}
	ua, ub := toUpperChar(a), toUpperChar(b)
	return ua == ub || toLowerChar(ua) == toLowerChar(ub)
}

// indexOf finds t in s at or after byte offset from; ignoreCase compares
// characters like Kotlin's Char.equals(ignoreCase = true).
func indexOf(s, t string, from int, ignoreCase bool) int {
	if from < 0 {
		from = 0
	}
	if from > len(s) {
		if t == "" && !ignoreCase {
			return -1
		}
		return -1
	}
	if !ignoreCase {
		i := strings.Index(s[from:], t)
		if i < 0 {
			return -1
		}
		return from + i
	}
	for i := from; i <= len(s); i++ {
		if i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		if _, ok := matchIC(s, i, t); ok {
			return i
		}
	}
	return -1
}

// lastIndexOf finds the last t in s starting at or before byte offset from.
func lastIndexOf(s, t string, from int, ignoreCase bool) int {
	if from > len(s)-len(t) {
		from = len(s) - len(t)
	}
	if !ignoreCase {
		for i := from; i >= 0; i-- {
			if strings.HasPrefix(s[i:], t) {
				return i
			}
		}
		return -1
	}
	if from > len(s) {
		from = len(s)
	}
	for i := from; i >= 0; i-- {
		if i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		if _, ok := matchIC(s, i, t); ok {
			return i
		}
	}
	return -1
}

// matchIC reports whether t matches s at byte offset i ignoring case and
// returns the end offset of the match in s.
func matchIC(s string, i int, t string) (int, bool) {
	for _, r := range t {
		if i >= len(s) {
			return 0, false
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		if !charEqIC(c, r) {
			return 0, false
		}
		i += n
	}
	return i, true
}

func hasPrefixIC(s, p string, ignoreCase bool) bool {
	if !ignoreCase {
		return strings.HasPrefix(s, p)
	}
	_, ok := matchIC(s, 0, p)
	return ok
}

func hasSuffixIC(s, p string, ignoreCase bool) bool {
	if !ignoreCase {
		return strings.HasSuffix(s, p)
	}
	ls, lp := u16len(s), u16len(p)
	if lp > ls {
		return false
	}
	_, ok := matchIC(s, u16ToByte(s, ls-lp), p)
	return ok
}

func replaceAll(s, old, new string, ignoreCase bool) string {
	if !ignoreCase {
		if old == "" {
			// Kotlin inserts the replacement between every character
			var b strings.Builder
			b.WriteString(new)
			for _, u := range chars(s) {
				b.WriteString(charStr(u.AsChar()))
				b.WriteString(new)
			}
			if isASCII(s) {
				return b.String()
			}
			u := interp.UTF16Of(s)
			var ub []uint16
			nu := interp.UTF16Of(new)
			ub = append(ub, nu...)
			for _, c := range u {
				ub = append(ub, c)
				ub = append(ub, nu...)
			}
			return fromU16(ub)
		}
		return strings.ReplaceAll(s, old, new)
	}
	var b strings.Builder
	i := 0
	for {
		j := indexOf(s, old, i, true)
		if j < 0 {
			break
		}
		end, _ := matchIC(s, j, old)
		b.WriteString(s[i:j])
		b.WriteString(new)
		if end == j { // empty match
			if j >= len(s) {
				i = len(s) + 1
				break
			}
			_, n := utf8.DecodeRuneInString(s[j:])
			b.WriteString(s[j : j+n])
			end = j + n
		}
		i = end
	}
	if i <= len(s) {
		b.WriteString(s[i:])
	}
	return b.String()
}

// splitStrings implements CharSequence.split(vararg delimiters, ignoreCase,
// limit) (Kotlin's rangesDelimitedBy).
func splitStrings(s string, delims []string, ignoreCase bool, limit int) []string {
	var out []string
	start, search, counter := 0, 0, 0
	for {
		if limit > 0 {
			counter++
		}
		if (limit > 0 && counter >= limit) || search > len(s) {
			return append(out, s[start:])
		}
		idx, mlen := -1, 0
		if len(delims) == 1 && !ignoreCase {
			idx = indexOf(s, delims[0], search, false)
			mlen = len(delims[0])
		} else {
			for i := search; i <= len(s) && idx < 0; i++ {
				if i < len(s) && !utf8.RuneStart(s[i]) {
					continue
				}
				for _, d := range delims {
					if ignoreCase {
						if end, ok := matchIC(s, i, d); ok {
							idx, mlen = i, end-i
							break
						}
					} else if strings.HasPrefix(s[i:], d) {
						idx, mlen = i, len(d)
						break
					}
				}
			}
		}
		if idx < 0 {
			return append(out, s[start:])
		}
		out = append(out, s[start:idx])
		start = idx + mlen
		search = start
		if mlen == 0 {
			if start < len(s) {
				_, n := utf8.DecodeRuneInString(s[start:])
				search += n
			} else {
				search++
			}
		}
	}
}

func linesOf(s string) []string {
	return splitStrings(s, []string{"\r\n", "\n", "\r"}, false, 0)
}

func isBlank(s string) bool {
	for _, r := range s {
		if !isWhitespace(r) {
			return false
		}
	}
	return true
}

func trimFunc(s string, pred func(rune) bool, left, right bool) string {
	if left {
		s = strings.TrimLeftFunc(s, pred)
	}
	if right {
		s = strings.TrimRightFunc(s, pred)
	}
	return s
}

// trimPred trims with a script predicate.
func trimPred(co *interp.Coroutine, s string, fn kval, left, right bool) (string, error) {
	u := chars(s)
	i, j := 0, len(u)
	if left {
		for i < j {
			ok, err := callPred(co, fn, u[i])
			if err != nil {
				return "", err
			}
			if !ok {
				break
			}
			i++
		}
	}
	if right {
		for j > i {
			ok, err := callPred(co, fn, u[j-1])
			if err != nil {
				return "", err
			}
			if !ok {
				break
			}
			j--
		}
	}
	return substr(s, i, j), nil
}

func indentWidth(line string) int {
	for i, c := range line {
		if !isWhitespace(c) {
			return byteToU16(line, i)
		}
	}
	return u16len(line)
}

func reindent(lines []string, cut func(string) (string, bool)) string {
	var out []string
	last := len(lines) - 1
	for i, l := range lines {
		if (i == 0 || i == last) && isBlank(l) {
			continue
		}
		if c, ok := cut(l); ok {
			out = append(out, c)
		} else {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func trimIndent(s string) string {
	lines := linesOf(s)
	minIndent := -1
	for _, l := range lines {
		if isBlank(l) {
			continue
		}
		if w := indentWidth(l); minIndent < 0 || w < minIndent {
			minIndent = w
		}
	}
	if minIndent < 0 {
		minIndent = 0
	}
	return reindent(lines, func(l string) (string, bool) {
		n := u16len(l)
		if minIndent >= n {
			return "", true
		}
		return substr(l, minIndent, n), true
	})
}

func trimMargin(s, prefix string) string {
	return reindent(linesOf(s), func(l string) (string, bool) {
		for i, c := range l {
			if !isWhitespace(c) {
				if strings.HasPrefix(l[i:], prefix) {
					return l[i+len(prefix):], true
				}
				return "", false
			}
		}
		return "", false
	})
}

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
	s, err := jfmt.Sprintf(f, a)
	if err != nil {
		if fe, ok := err.(*jfmt.FormatError); ok {
			return vnull, co.Errorf(fe.Class, "%s", fe.Message)
		}
		return vnull, err
	}
	return interp.String(s), nil
}

// ---- registration ----

func init() {
	initCharSequence()
	initStringOnly()
	initChar()
	initNullable()
	initStringBuilder()
	initRegex()
}

// csMethod registers a CharSequence method receiving the receiver's text.
func csMethod(name string, fn func(co *interp.Coroutine, s string, args []kval) (kval, error), params ...string) {
	n := interp.CharSequenceClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		s, err := str(co, this)
		if err != nil {
			return vnull, err
		}
		return fn(co, s, args)
	})
	if len(params) > 0 {
		n.Params = params
	}
}

func strIndexErr(co *interp.Coroutine, i int) error {
	return co.Errorf("java.lang.StringIndexOutOfBoundsException", "String index out of range: %d", i)
}

func substringChecked(co *interp.Coroutine, s string, begin, end int) (kval, error) {
	n := u16len(s)
	if begin < 0 || end > n || begin > end {
		return vnull, co.Errorf("java.lang.StringIndexOutOfBoundsException", "begin %d, end %d, length %d", begin, end, n)
	}
	return interp.String(substr(s, begin, end)), nil
}

func rangeArg(v kval) (*interp.Range, bool) {
	r, ok := v.AsObject().(*interp.Range)
	return r, ok
}

func initCharSequence() {
	cs := interp.CharSequenceClass
	cs.AddProp("length", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		return interp.Int(int32(u16len(s))), err
	})
	cs.AddProp("lastIndex", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		return interp.Int(int32(u16len(s) - 1)), err
	})
	cs.AddProp("indices", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		return interp.RangeOf(0, int64(u16len(s)-1), 1, interp.KInt), err
	})
	csMethod("get", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		if i < 0 || i >= u16len(s) {
			return vnull, strIndexErr(co, i)
		}
		return interp.Char(charAt(s, i)), nil
	})
	csMethod("length", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Int(int32(u16len(s))), nil
	})
	csMethod("substring", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if r, ok := rangeArg(args[0]); ok {
			return substringChecked(co, s, int(r.First), int(r.Last)+1)
		}
		end := argInt(args, 1, u16len(s))
		return substringChecked(co, s, argInt(args, 0, 0), end)
	}, "startIndex", "endIndex")
	csMethod("subSequence", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if r, ok := rangeArg(args[0]); ok {
			return substringChecked(co, s, int(r.First), int(r.Last)+1)
		}
		return substringChecked(co, s, argInt(args, 0, 0), argInt(args, 1, u16len(s)))
	}, "startIndex", "endIndex")
	csMethod("split", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		var delims []string
		ignoreCase := false
		limit := 0
		var re *Regex
		for i, a := range args {
			switch a.Kind() {
			case interp.KString:
				delims = append(delims, a.AsString())
			case interp.KChar:
				delims = append(delims, charStr(a.AsChar()))
			case interp.KBool:
				ignoreCase = a.AsBool()
			case interp.KInt:
				limit = int(a.AsInt())
			case interp.KObject:
				if r, ok := a.AsObject().(*Regex); ok && i == 0 {
					re = r
				} else if l, ok := a.AsObject().(*interp.List); ok {
					for _, e := range l.Elems {
						x, err := strArg(co, e)
						if err != nil {
							return vnull, err
						}
						delims = append(delims, x)
					}
				}
			}
		}
		if limit < 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Limit must be non-negative, but was %d", limit)
		}
		if re != nil {
			return strList(re.split(s, limit)), nil
		}
		if len(delims) == 0 {
			return strList([]string{s}), nil
		}
		return strList(splitStrings(s, delims, ignoreCase, limit)), nil
	}, "delimiters", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "ignoreCase", "limit")
	csMethod("lines", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return strList(linesOf(s)), nil
	})
	for _, name := range []string{"trim", "trimStart", "trimEnd"} {
		left, right := name != "trimEnd", name != "trimStart"
		csMethod(name, func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			if len(args) > 0 {
				if args[0].Kind() == interp.KChar || args[0].Kind() == interp.KString {
					// trim(vararg chars)
					var set []rune
					for _, a := range args {
						set = append(set, a.AsChar())
					}
					return interp.String(trimFunc(s, func(r rune) bool {
						for _, c := range set {
							if c == r {
								return true
							}
						}
						return false
					}, left, right)), nil
				}
				t, err := trimPred(co, s, args[0], left, right)
				return interp.String(t), err
			}
			return interp.String(trimFunc(s, isWhitespace, left, right)), nil
		})
	}
	pad := func(start bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			n := argInt(args, 0, 0)
			if n < 0 {
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Desired length %d is less than zero.", n)
			}
			c := ' '
			if !absent(args, 1) {
				c = args[1].AsChar()
			}
			l := u16len(s)
			if n <= l {
				return interp.String(s), nil
			}
			if err := co.CheckAlloc(n, 4); err != nil {
				return vnull, err
			}
			p := strings.Repeat(charStr(c), n-l)
			if start {
				return interp.String(p + s), nil
			}
			return interp.String(s + p), nil
		}
	}
	csMethod("padStart", pad(true), "length", "padChar")
	csMethod("padEnd", pad(false), "length", "padChar")
	// String.repeat only (not CharSequence): inside with(sb) { repeat(3) { } }
	// the implicit receiver must not capture the global repeat
	interp.StringClass.AddMethod("repeat", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		if len(args) == 2 && isCallable(args[1]) {
			// with("x") { repeat(n) { ... } }: the global repeat was meant
			g, ok := co.Interp().Lookup("repeat")
			if !ok {
				return vnull, co.Errorf("java.lang.NoSuchMethodError", "repeat")
			}
			return co.CallSync(g, args...)
		}
		n := argInt(args, 0, 0)
		if n < 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Count 'n' must be non-negative, but was %d.", n)
		}
		if err := co.CheckAlloc(n, 4*max(1, len(this.AsString()))); err != nil {
			return vnull, err
		}
		return interp.String(strings.Repeat(this.AsString(), n)), nil
	})
	csMethod("replace", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			return re.replace(co, s, args[1])
		}
		old, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		nw, err := strArg(co, args[1])
		if err != nil {
			return vnull, err
		}
		return interp.String(replaceAll(s, old, nw, argBool(args, 2, false))), nil
	}, "oldValue", "newValue", "ignoreCase")
	csMethod("replaceFirst", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			return re.replaceFirst(co, s, args[1])
		}
		old, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		nw, err := strArg(co, args[1])
		if err != nil {
			return vnull, err
		}
		i := indexOf(s, old, 0, argBool(args, 2, false))
		if i < 0 {
			return interp.String(s), nil
		}
		end := i + len(old)
		if argBool(args, 2, false) {
			end, _ = matchIC(s, i, old)
		}
		return interp.String(s[:i] + nw + s[end:]), nil
	}, "oldValue", "newValue", "ignoreCase")
	csMethod("contains", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			return interp.Bool(re.re.MatchString(s)), nil
		}
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		return interp.Bool(indexOf(s, t, 0, argBool(args, 1, false)) >= 0), nil
	}, "other", "ignoreCase")
	csMethod("startsWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		if !absent(args, 1) && args[1].Kind() == interp.KInt {
			// startsWith(prefix, startIndex, ignoreCase)
			i := int(args[1].AsInt())
			if i < 0 || i > u16len(s) {
				return interp.False, nil
			}
			return interp.Bool(hasPrefixIC(s[u16ToByte(s, i):], t, argBool(args, 2, false))), nil
		}
		return interp.Bool(hasPrefixIC(s, t, argBool(args, 1, false))), nil
	}, "prefix", "ignoreCase")
	csMethod("endsWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		return interp.Bool(hasSuffixIC(s, t, argBool(args, 1, false))), nil
	}, "suffix", "ignoreCase")
	csMethod("indexOf", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		from := argInt(args, 1, 0)
		if from < 0 {
			from = 0
		}
		if from > u16len(s) {
			return interp.Int(-1), nil
		}
		i := indexOf(s, t, u16ToByte(s, from), argBool(args, 2, false))
		return interp.Int(int32(byteToU16(s, i))), nil
	}, "string", "startIndex", "ignoreCase")
	csMethod("lastIndexOf", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		n := u16len(s)
		from := argInt(args, 1, n)
		if from < 0 {
			return interp.Int(-1), nil
		}
		if from > n {
			from = n
		}
		i := lastIndexOf(s, t, u16ToByte(s, from), argBool(args, 2, false))
		return interp.Int(int32(byteToU16(s, i))), nil
	}, "string", "startIndex", "ignoreCase")
	predIndex := func(last bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u := chars(s)
			for k := range u {
				i := k
				if last {
					i = len(u) - 1 - k
				}
				ok, err := callPred(co, args[0], u[i])
				if err != nil {
					return vnull, err
				}
				if ok {
					return interp.Int(int32(i)), nil
				}
			}
			return interp.Int(-1), nil
		}
	}
	csMethod("indexOfFirst", predIndex(false))
	csMethod("indexOfLast", predIndex(true))
	csMethod("toUpperCase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(upperString(s)), nil
	})
	csMethod("uppercase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(upperString(s)), nil
	})
	csMethod("toLowerCase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(lowerString(s)), nil
	})
	csMethod("lowercase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(lowerString(s)), nil
	})
	csMethod("capitalize", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s != "" {
			if c := charAt(s, 0); unicode.IsLower(c) {
				return interp.String(upperString(charStr(c)) + substr(s, 1, u16len(s))), nil
			}
		}
		return interp.String(s), nil
	})
	csMethod("decapitalize", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s != "" {
			if c := charAt(s, 0); unicode.IsUpper(c) {
				return interp.String(lowerString(charStr(c)) + substr(s, 1, u16len(s))), nil
			}
		}
		return interp.String(s), nil
	})
	csMethod("replaceFirstChar", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s == "" {
			return interp.String(s), nil
		}
		r, err := co.CallSync(args[0], interp.Char(charAt(s, 0)))
		if err != nil {
			return vnull, err
		}
		h, err := co.ToString(r)
		return interp.String(h + substr(s, 1, u16len(s))), err
	})
	csMethod("reversed", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if isASCII(s) {
			b := []byte(s)
			for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
				b[i], b[j] = b[j], b[i]
			}
			return interp.String(string(b)), nil
		}
		u := interp.UTF16Of(s)
		for i, j := 0, len(u)-1; i < j; i, j = i+1, j-1 {
			u[i], u[j] = u[j], u[i]
		}
		// keep surrogate pairs in order (StringBuilder.reverse does too)
		for i := 0; i+1 < len(u); i++ {
			if u[i] >= 0xDC00 && u[i] < 0xE000 && u[i+1] >= 0xD800 && u[i+1] < 0xDC00 {
				u[i], u[i+1] = u[i+1], u[i]
				i++
			}
		}
		return interp.String(fromU16(u)), nil
	})
	csMethod("trimIndent", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(trimIndent(s)), nil
	})
	csMethod("trimMargin", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p := "|"
		if !absent(args, 0) {
			p = args[0].AsString()
		}
		if isBlank(p) {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "marginPrefix must be non-blank string.")
		}
		return interp.String(trimMargin(s, p)), nil
	}, "marginPrefix")
	csMethod("isEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s == ""), nil
	})
	csMethod("isNotEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s != ""), nil
	})
	csMethod("isBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(isBlank(s)), nil
	})
	csMethod("isNotBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(!isBlank(s)), nil
	})
	csMethod("isNullOrEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s == ""), nil
	})
	csMethod("isNullOrBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(isBlank(s)), nil
	})
	csMethod("orEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(s), nil
	})
	csMethod("ifEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s == "" {
			return co.CallSync(args[0])
		}
		return interp.String(s), nil
	})
	csMethod("ifBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if isBlank(s) {
			return co.CallSync(args[0])
		}
		return interp.String(s), nil
	})
	firstLast := func(last, orNull bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u := chars(s)
			if len(args) > 0 {
				for k := range u {
					i := k
					if last {
						i = len(u) - 1 - k
					}
					ok, err := callPred(co, args[0], u[i])
					if err != nil {
						return vnull, err
					}
					if ok {
						return u[i], nil
					}
				}
				if orNull {
					return vnull, nil
				}
				return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence contains no character matching the predicate.")
			}
			if len(u) == 0 {
				if orNull {
					return vnull, nil
				}
				return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence is empty.")
			}
			if last {
				return u[len(u)-1], nil
			}
			return u[0], nil
		}
	}
	csMethod("first", firstLast(false, false))
	csMethod("last", firstLast(true, false))
	csMethod("firstOrNull", firstLast(false, true))
	csMethod("lastOrNull", firstLast(true, true))
	csMethod("find", firstLast(false, true))
	csMethod("findLast", firstLast(true, true))
	csMethod("single", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		u := chars(s)
		switch len(u) {
		case 0:
			return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence is empty.")
		case 1:
			return u[0], nil
		}
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char sequence has more than one element.")
	})
	csMethod("getOrNull", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		if i < 0 || i >= u16len(s) {
			return vnull, nil
		}
		return interp.Char(charAt(s, i)), nil
	})
	csMethod("elementAt", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		if i < 0 || i >= u16len(s) {
			return vnull, strIndexErr(co, i)
		}
		return interp.Char(charAt(s, i)), nil
	})
	csMethod("toCharArray", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Obj(interp.NewTypedArray(interp.CharArrayClass, chars(s))), nil
	})
	csMethod("toList", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Obj(interp.NewList(chars(s))), nil
	})
	csMethod("toMutableList", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Obj(interp.NewList(chars(s))), nil
	})
	csMethod("chunked", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		n := argInt(args, 0, 1)
		if n <= 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "size %d must be greater than zero.", n)
		}
		l := u16len(s)
		var out []kval
		for i := 0; i < l; i += n {
			e := i + n
			if e > l {
				e = l
			}
			v := interp.String(substr(s, i, e))
			if len(args) > 1 {
				var err error
				if v, err = co.CallSync(args[1], v); err != nil {
					return vnull, err
				}
			}
			out = append(out, v)
		}
		return interp.Obj(interp.NewList(out)), nil
	})
	takeDrop := func(name string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			n := argInt(args, 0, 0)
			if n < 0 {
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Requested character count %d is less than zero.", n)
			}
			l := u16len(s)
			if n > l {
				n = l
			}
			switch name {
			case "take":
				return interp.String(substr(s, 0, n)), nil
			case "drop":
				return interp.String(substr(s, n, l)), nil
			case "takeLast":
				return interp.String(substr(s, l-n, l)), nil
			}
			return interp.String(substr(s, 0, l-n)), nil
		}
	}
	for _, name := range []string{"take", "drop", "takeLast", "dropLast"} {
		csMethod(name, takeDrop(name))
	}
	predSlice := func(name string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u := chars(s)
			n := 0
			switch name {
			case "takeWhile", "dropWhile":
				for n < len(u) {
					ok, err := callPred(co, args[0], u[n])
					if err != nil {
						return vnull, err
					}
					if !ok {
						break
					}
					n++
				}
				if name == "takeWhile" {
					return interp.String(substr(s, 0, n)), nil
				}
				return interp.String(substr(s, n, len(u))), nil
			}
			n = len(u)
			for n > 0 {
				ok, err := callPred(co, args[0], u[n-1])
				if err != nil {
					return vnull, err
				}
				if !ok {
					break
				}
				n--
			}
			if name == "takeLastWhile" {
				return interp.String(substr(s, n, len(u))), nil
			}
			return interp.String(substr(s, 0, n)), nil
		}
	}
	for _, name := range []string{"takeWhile", "dropWhile", "takeLastWhile", "dropLastWhile"} {
		csMethod(name, predSlice(name))
	}
	csMethod("count", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if len(args) == 0 {
			return interp.Int(int32(u16len(s))), nil
		}
		n := 0
		for _, c := range chars(s) {
			ok, err := callPred(co, args[0], c)
			if err != nil {
				return vnull, err
			}
			if ok {
				n++
			}
		}
		return interp.Int(int32(n)), nil
	})
	filter := func(not bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			var out []uint16
			for _, c := range chars(s) {
				ok, err := callPred(co, args[0], c)
				if err != nil {
					return vnull, err
				}
				if ok != not {
					out = append(out, uint16(c.AsChar()))
				}
			}
			return interp.String(fromU16(out)), nil
		}
	}
	csMethod("filter", filter(false))
	csMethod("filterNot", filter(true))
	quant := func(kind string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			if len(args) == 0 {
				switch kind {
				case "any":
					return interp.Bool(s != ""), nil
				case "none":
					return interp.Bool(s == ""), nil
				}
				return interp.True, nil
			}
			for _, c := range chars(s) {
				ok, err := callPred(co, args[0], c)
				if err != nil {
					return vnull, err
				}
				switch {
				case kind == "all" && !ok:
					return interp.False, nil
				case kind == "any" && ok:
					return interp.True, nil
				case kind == "none" && ok:
					return interp.False, nil
				}
			}
			return interp.Bool(kind != "any"), nil
		}
	}
	for _, k := range []string{"all", "any", "none"} {
		csMethod(k, quant(k))
	}
	csMethod("removePrefix", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		return interp.String(strings.TrimPrefix(s, p)), err
	})
	csMethod("removeSuffix", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		return interp.String(strings.TrimSuffix(s, p)), err
	})
	csMethod("removeSurrounding", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		q := p
		if len(args) > 1 {
			if q, err = strArg(co, args[1]); err != nil {
				return vnull, err
			}
		}
		if len(s) >= len(p)+len(q) && strings.HasPrefix(s, p) && strings.HasSuffix(s, q) {
			return interp.String(s[len(p) : len(s)-len(q)]), nil
		}
		return interp.String(s), nil
	})
	substrBA := func(after, last bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			d, err := strArg(co, args[0])
			if err != nil {
				return vnull, err
			}
			def := s
			if len(args) > 1 {
				if def, err = str(co, args[1]); err != nil {
					return vnull, err
				}
			}
			var i int
			if last {
				i = strings.LastIndex(s, d)
			} else {
				i = strings.Index(s, d)
			}
			if i < 0 {
				return interp.String(def), nil
			}
			if after {
				return interp.String(s[i+len(d):]), nil
			}
			return interp.String(s[:i]), nil
		}
	}
	csMethod("substringBefore", substrBA(false, false))
	csMethod("substringAfter", substrBA(true, false))
	csMethod("substringBeforeLast", substrBA(false, true))
	csMethod("substringAfterLast", substrBA(true, true))
	csMethod("toRegex", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return newRegex(co, s, args)
	})
	csMethod("matches", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		re, ok := args[0].AsObject().(*Regex)
		if !ok {
			p, err := strArg(co, args[0])
			if err != nil {
				return vnull, err
			}
			v, err := newRegex(co, p, nil)
			if err != nil {
				return vnull, err
			}
			re = v.AsObject().(*Regex)
		}
		return interp.Bool(re.full.MatchString(s)), nil
	})
	csMethod("commonPrefixWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		a, b := chars(s), chars(t)
		n := 0
		for n < len(a) && n < len(b) && a[n].AsChar() == b[n].AsChar() {
			n++
		}
		return interp.String(substr(s, 0, n)), nil
	})
	csMethod("toSet", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		m := interp.NewMap(interp.LinkedSetClass)
		for _, c := range chars(s) {
			if _, _, err := m.Put(co, c, interp.Unit); err != nil {
				return vnull, err
			}
		}
		return interp.Obj(m), nil
	})
	csMethod("iterator", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		it, err := co.Iterator(interp.String(s))
		return interp.Obj(it), err
	})
	csMethod("toString", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(s), nil
	})
	csMethod("hashCode", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Int(jfmt.StringHash(s)), nil
	})
	csMethod("compareTo", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		if argBool(args, 1, false) {
			return interp.Int(int32(compareIC(s, t))), nil
		}
		return interp.Int(int32(compareU16(s, t))), nil
	}, "other", "ignoreCase")
	csMethod("equals", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if args[0].Kind() == interp.KNull {
			return interp.False, nil
		}
		if args[0].Kind() != interp.KString {
			if _, ok := args[0].AsObject().(*StringBuilder); !ok || !argBool(args, 1, false) {
				return interp.False, nil
			}
		}
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		if argBool(args, 1, false) {
			return interp.Bool(u16len(s) == u16len(t) && hasPrefixIC(s, t, true)), nil
		}
		return interp.Bool(s == t), nil
	}, "other", "ignoreCase")
	csMethod("plus", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := co.ToString(args[0])
		return interp.String(s + t), err
	})
	parse := func(kind string, orNull bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			radix := argInt(args, 0, 10)
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			switch kind {
			case "Int", "Long", "Short", "Byte":
				bits := map[string]int{"Int": 32, "Long": 64, "Short": 32, "Byte": 32}[kind]
				n, ok := parseIntJava(s, radix, bits)
				if ok && kind == "Short" && (n < -32768 || n > 32767) {
					ok = false
				}
				if ok && kind == "Byte" && (n < -128 || n > 127) {
					ok = false
				}
				if !ok {
					if orNull {
						return vnull, nil
					}
					if kind == "Short" || kind == "Byte" {
						if _, ok := parseIntJava(s, radix, 32); ok {
							return vnull, co.Errorf("java.lang.NumberFormatException",
								"Value out of range. Value:\"%s\" Radix:%d", s, radix)
						}
					}
					return vnull, numberFormat(co, s, radix)
				}
				if kind == "Long" {
					return interp.Long(n), nil
				}
				return interp.Int(int32(n)), nil
			}
			f, ok := jfmt.ParseDouble(s)
			if !ok {
				if orNull {
					return vnull, nil
				}
				return vnull, doubleError(co, s)
			}
			if kind == "Float" {
				return interp.Float(float32(f)), nil
			}
			return interp.Double(f), nil
		}
	}
	for _, k := range []string{"Int", "Long", "Short", "Byte", "Double", "Float"} {
		csMethod("to"+k, parse(k, false))
		csMethod("to"+k+"OrNull", parse(k, true))
	}
	csMethod("toBoolean", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(strings.EqualFold(s, "true")), nil
	})
	csMethod("toBooleanStrict", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		switch s {
		case "true":
			return interp.True, nil
		case "false":
			return interp.False, nil
		}
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "The string doesn't represent a boolean value: %s", s)
	})
	csMethod("toBooleanStrictOrNull", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		switch s {
		case "true":
			return interp.True, nil
		case "false":
			return interp.False, nil
		}
		return vnull, nil
	})
	csMethod("format", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return format(co, s, spreadArgs(args))
	})
	csMethod("encodeToByteArray", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		out := make([]kval, len(s))
		for i := 0; i < len(s); i++ {
			out[i] = interp.Int(int32(int8(s[i])))
		}
		return interp.Obj(interp.NewArray(out)), nil
	})
}

func compareU16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return asciiCompare(a, b)
	}
	ua, ub := interp.UTF16Of(a), interp.UTF16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// asciiCompare is String.compareTo: the difference of the first differing
// characters, or of the lengths.
func asciiCompare(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return len(a) - len(b)
}

// compareIC is String.compareToIgnoreCase.
func compareIC(a, b string) int {
	ua, ub := interp.UTF16Of(a), interp.UTF16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		x, y := rune(ua[i]), rune(ub[i])
		if x != y {
			x, y = toUpperChar(x), toUpperChar(y)
			if x != y {
				x, y = toLowerChar(x), toLowerChar(y)
				if x != y {
					return int(x) - int(y)
				}
			}
		}
	}
	return len(ua) - len(ub)
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

// ---- Char ----

func charMethod(name string, fn func(co *interp.Coroutine, c rune, args []kval) (kval, error)) *interp.Native {
	return interp.CharClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return fn(co, this.AsChar(), args)
	})
}

func charPred(name string, p func(rune) bool) {
	charMethod(name, func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Bool(p(c)), nil
	})
}

func initChar() {
	isLetter := func(c rune) bool { return c < 0xD800 || c >= 0xE000 && unicode.IsLetter(c) }
	charPred("isDigit", func(c rune) bool { return unicode.IsDigit(c) })
	charPred("isLetter", func(c rune) bool { return isLetter(c) && unicode.IsLetter(c) })
	charPred("isLetterOrDigit", func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) })
	charPred("isWhitespace", isWhitespace)
	charPred("isUpperCase", func(c rune) bool { return unicode.IsUpper(c) })
	charPred("isLowerCase", func(c rune) bool { return unicode.IsLower(c) })
	charPred("isTitleCase", func(c rune) bool { return unicode.IsTitle(c) })
	charPred("isISOControl", func(c rune) bool { return c <= 0x1F || (c >= 0x7F && c <= 0x9F) })
	charPred("isSurrogate", func(c rune) bool { return c >= 0xD800 && c < 0xE000 })
	charPred("isHighSurrogate", func(c rune) bool { return c >= 0xD800 && c < 0xDC00 })
	charPred("isLowSurrogate", func(c rune) bool { return c >= 0xDC00 && c < 0xE000 })
	charPred("isDefined", func(c rune) bool { return !unicode.Is(unicode.Cn, c) })
	upper := func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(toUpperChar(c)), nil
	}
	lower := func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(toLowerChar(c)), nil
	}
	charMethod("toUpperCase", upper)
	charMethod("uppercaseChar", upper)
	charMethod("toLowerCase", lower)
	charMethod("lowercaseChar", lower)
	charMethod("titlecaseChar", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(unicode.ToTitle(c)), nil
	})
	charMethod("uppercase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(upperString(charStr(c))), nil
	})
	charMethod("lowercase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(lowerString(charStr(c))), nil
	})
	charMethod("titlecase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(string(unicode.ToTitle(c))), nil
	})
	interp.CharClass.AddProp("code", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.Int(int32(this.AsChar())), nil
	})
	conv := map[string]func(c rune) kval{
		"toInt":    func(c rune) kval { return interp.Int(int32(c)) },
		"toLong":   func(c rune) kval { return interp.Long(int64(c)) },
		"toShort":  func(c rune) kval { return interp.Int(int32(int16(c))) },
		"toByte":   func(c rune) kval { return interp.Int(int32(int8(c))) },
		"toDouble": func(c rune) kval { return interp.Double(float64(c)) },
		"toFloat":  func(c rune) kval { return interp.Float(float32(c)) },
		"toChar":   func(c rune) kval { return interp.Char(c) },
	}
	for name, f := range conv {
		f := f
		charMethod(name, func(co *interp.Coroutine, c rune, args []kval) (kval, error) { return f(c), nil })
	}
	digit := func(orNull bool) func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
			radix := argInt(args, 0, 10)
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			d := digitOf(c, radix)
			if d < 0 {
				if orNull {
					return vnull, nil
				}
				if radix == 10 {
					return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char %s is not a decimal digit", charStr(c))
				}
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char %s is not a digit in the given radix=%d", charStr(c), radix)
			}
			return interp.Int(int32(d)), nil
		}
	}
	charMethod("digitToInt", digit(false))
	charMethod("digitToIntOrNull", digit(true))
	charMethod("toString", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(charStr(c)), nil
	})
	charMethod("compareTo", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Int(int32(c) - int32(args[0].AsChar())), nil
	})
	charMethod("equals", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		if args[0].Kind() != interp.KChar {
			return interp.False, nil
		}
		if argBool(args, 1, false) {
			return interp.Bool(charEqIC(c, args[0].AsChar())), nil
		}
		return interp.Bool(c == args[0].AsChar()), nil
	}).Params = []string{"other", "ignoreCase"}
	charMethod("plus", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		if args[0].Kind() == interp.KString {
			return interp.String(charStr(c) + args[0].AsString()), nil
		}
		return co.Arith(interp.ADD, interp.Char(c), args[0])
	})
	charMethod("minus", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return co.Arith(interp.SUB, interp.Char(c), args[0])
	})
	charMethod("inc", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(rune(uint16(c + 1))), nil
	})
	charMethod("dec", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(rune(uint16(c - 1))), nil
	})
	interp.CharClass.StaticProps = map[string]kval{
		"MIN_VALUE":          interp.Char(0),
		"MAX_VALUE":          interp.Char(0xFFFF),
		"MIN_HIGH_SURROGATE": interp.Char(0xD800),
		"MAX_HIGH_SURROGATE": interp.Char(0xDBFF),
		"MIN_LOW_SURROGATE":  interp.Char(0xDC00),
		"MAX_LOW_SURROGATE":  interp.Char(0xDFFF),
		"MIN_SURROGATE":      interp.Char(0xD800),
		"MAX_SURROGATE":      interp.Char(0xDFFF),
		"SIZE_BYTES":         interp.Int(2),
		"SIZE_BITS":          interp.Int(16),
	}
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

// ---- StringBuilder ----

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
func (sb *StringBuilder) KString(co *interp.Coroutine) (string, error) { return sb.String(), nil }

func (sb *StringBuilder) append(s string) {
	sb.mu.Lock()
	sb.b = append(sb.b, s...)
	if sb.ascii && !isASCII(s) {
		sb.ascii = false
	}
	sb.mu.Unlock()
}

// edit runs f on the UTF-16 view of the builder (or the bytes when ASCII)
// under the lock; f returns the new text.
func (sb *StringBuilder) edit(f func(s string) (string, error)) error {
	sb.mu.Lock()
	defer sb.mu.Unlock()
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
			sb.append(substr(s, int(args[1].AsInt()), int(args[2].AsInt())))
			return this, nil
		}
		for _, a := range args {
			s, err := appendText(co, a)
			if err != nil {
				return vnull, err
			}
			sb.append(s)
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
			sb.append(s)
		}
		sb.append("\n")
		return this, nil
	}
	m("appendln", appendLine)
	m("appendLine", appendLine)
	m("insert", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		t, err := appendText(co, args[1])
		if err != nil {
			return vnull, err
		}
		return this, sbOf(this).edit(func(s string) (string, error) {
			n := u16len(s)
			if i < 0 || i > n {
				return "", co.Errorf("java.lang.StringIndexOutOfBoundsException", "offset %d, length %d", i, n)
			}
			return substr(s, 0, i) + t + substr(s, i, n), nil
		})
	})
	m("reverse", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return this, sbOf(this).edit(func(s string) (string, error) {
			r, err := interp.CharSequenceClass.Methods["reversed"].AsObject().(*interp.Native).Fn(co, interp.String(s), nil)
			return r.AsString(), err
		})
	})
	m("deleteCharAt", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		return this, sbOf(this).edit(func(s string) (string, error) {
			n := u16len(s)
			if i < 0 || i >= n {
				return "", sbIndexErr(co, i, n)
			}
			return substr(s, 0, i) + substr(s, i+1, n), nil
		})
	})
	del := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		a, b := int(args[0].AsInt()), int(args[1].AsInt())
		return this, sbOf(this).edit(func(s string) (string, error) {
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
		return this, sbOf(this).edit(func(s string) (string, error) {
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
		return vunit, sbOf(this).edit(func(s string) (string, error) {
			n := u16len(s)
			if l < 0 {
				return "", strIndexErr(co, l)
			}
			if l <= n {
				return substr(s, 0, l), nil
			}
			if err := co.CheckAlloc(l, 4); err != nil {
				return "", err
			}
			return s + strings.Repeat("\x00", l-n), nil
		})
	})
	m("clear", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return this, sbOf(this).edit(func(string) (string, error) { return "", nil })
	})
	set := func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		ch := args[1].AsChar()
		return vunit, sbOf(this).edit(func(s string) (string, error) {
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
		s := sbOf(this).String()
		i := int(args[0].AsInt())
		if n := u16len(s); i < 0 || i >= n {
			return vnull, sbIndexErr(co, i, n)
		}
		return interp.Char(charAt(s, i)), nil
	})
	m("toString", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return interp.String(sbOf(this).String()), nil
	})
	m("capacity", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		sb := sbOf(this)
		sb.mu.Lock()
		defer sb.mu.Unlock()
		return interp.Int(int32(cap(sb.b))), nil
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
		return interp.String(sb.String()), nil
	})
	in.DefineImport("kotlin.text")
}

// ---- Regex ----

// RegexClass is kotlin.text.Regex, backed by Go's RE2 engine (Java
// patterns without backreferences or lookaround work unchanged).
var RegexClass = interp.NewClass("Regex", "kotlin.text.Regex", interp.AnyClass)

// MatchResultClass is kotlin.text.MatchResult.
var MatchResultClass = interp.NewClass("MatchResult", "kotlin.text.MatchResult", interp.AnyClass)

// Regex is a compiled regular expression. It is immutable: safe from any
// goroutine.
type Regex struct {
	pattern string
	re      *regexp.Regexp
	full    *regexp.Regexp // anchored at both ends, for matches()
}

// Class implements interp.Object.
func (*Regex) Class() *interp.Class { return RegexClass }

// KString implements interp.Stringer: the pattern.
func (r *Regex) KString(co *interp.Coroutine) (string, error) { return r.pattern, nil }

// MatchResult is one match of a Regex in an input. It is immutable: safe
// from any goroutine.
type MatchResult struct {
	re    *Regex
	input string
	loc   []int // byte offsets of the groups
}

// Class implements interp.Object.
func (*MatchResult) Class() *interp.Class { return MatchResultClass }

func (m *MatchResult) group(i int) kval {
	if 2*i+1 >= len(m.loc) || m.loc[2*i] < 0 {
		return vnull
	}
	return interp.String(m.input[m.loc[2*i]:m.loc[2*i+1]])
}

// KString implements interp.Stringer.
func (m *MatchResult) KString(co *interp.Coroutine) (string, error) {
	return "MatchResult(value=" + m.group(0).AsString() + ")", nil
}

// translatePattern adapts Java regex syntax to RE2 where they differ in
// spelling.
func translatePattern(p string) string {
	p = strings.ReplaceAll(p, "(?<", "(?P<")
	p = strings.ReplaceAll(p, "(?P<=", "(?<=")
	p = strings.ReplaceAll(p, "(?P<!", "(?<!")
	return p
}

func newRegex(co *interp.Coroutine, pattern string, args []kval) (kval, error) {
	flags := ""
	for _, a := range args {
		if o, ok := a.AsObject().(*interp.Instance); ok && o.Class().Enum {
			switch nm, _ := co.ToString(a); nm {
			case "IGNORE_CASE":
				flags += "i"
			case "MULTILINE":
				flags += "m"
			case "DOT_MATCHES_ALL":
				flags += "s"
			}
		}
	}
	p := translatePattern(pattern)
	if flags != "" {
		p = "(?" + flags + ")" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return vnull, co.Errorf("java.util.regex.PatternSyntaxException", "%s", err.Error())
	}
	full := regexp.MustCompile(`^(?:` + p + `)$`)
	return interp.Obj(&Regex{pattern: pattern, re: re, full: full}), nil
}

// expandReplacement expands a Java replacement string ($1, ${name}, \$)
// for one match.
func (r *Regex) expandReplacement(co *interp.Coroutine, repl string, input string, loc []int) (string, error) {
	var b strings.Builder
	ng := r.re.NumSubexp()
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch {
		case c == '\\' && i+1 < len(repl):
			i++
			b.WriteByte(repl[i])
		case c == '$' && i+1 < len(repl) && repl[i+1] == '{':
			j := strings.IndexByte(repl[i:], '}')
			if j < 0 {
				return "", co.Errorf("java.lang.IllegalArgumentException", "named capturing group is missing trailing '}'")
			}
			name := repl[i+2 : i+j]
			k := r.re.SubexpIndex(name)
			if k < 0 {
				return "", co.Errorf("java.lang.IllegalArgumentException", "No group with name {%s}", name)
			}
			if loc[2*k] >= 0 {
				b.WriteString(input[loc[2*k]:loc[2*k+1]])
			}
			i += j
		case c == '$' && i+1 < len(repl) && repl[i+1] >= '0' && repl[i+1] <= '9':
			k := int(repl[i+1] - '0')
			i++
			for i+1 < len(repl) && repl[i+1] >= '0' && repl[i+1] <= '9' {
				nk := k*10 + int(repl[i+1]-'0')
				if nk > ng {
					break
				}
				k = nk
				i++
			}
			if k > ng {
				return "", co.Errorf("java.lang.IndexOutOfBoundsException", "No group %d", k)
			}
			if loc[2*k] >= 0 {
				b.WriteString(input[loc[2*k]:loc[2*k+1]])
			}
		case c == '$':
			return "", co.Errorf("java.lang.IllegalArgumentException", "Illegal group reference")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func (r *Regex) replaceN(co *interp.Coroutine, s string, repl kval, n int) (kval, error) {
	locs := r.re.FindAllStringSubmatchIndex(s, n)
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(s[last:loc[0]])
		var t string
		var err error
		if repl.Kind() == interp.KString {
			t, err = r.expandReplacement(co, repl.AsString(), s, loc)
		} else {
			var v kval
			v, err = co.CallSync(repl, interp.Obj(&MatchResult{re: r, input: s, loc: loc}))
			if err == nil {
				t, err = co.ToString(v)
			}
		}
		if err != nil {
			return vnull, err
		}
		b.WriteString(t)
		last = loc[1]
	}
	b.WriteString(s[last:])
	return interp.String(b.String()), nil
}

func (r *Regex) replace(co *interp.Coroutine, s string, repl kval) (kval, error) {
	return r.replaceN(co, s, repl, -1)
}

func (r *Regex) replaceFirst(co *interp.Coroutine, s string, repl kval) (kval, error) {
	return r.replaceN(co, s, repl, 1)
}

func (r *Regex) split(s string, limit int) []string {
	n := -1
	if limit > 0 {
		n = limit
	}
	locs := r.re.FindAllStringIndex(s, -1)
	var out []string
	last := 0
	for _, loc := range locs {
		if n > 0 && len(out) == n-1 {
			break
		}
		out = append(out, s[last:loc[0]])
		last = loc[1]
	}
	return append(out, s[last:])
}

func (r *Regex) find(s string, from int) kval {
	if from > len(s) {
		return vnull
	}
	loc := r.re.FindStringSubmatchIndex(s[from:])
	if loc == nil {
		return vnull
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += from
		}
	}
	return interp.Obj(&MatchResult{re: r, input: s, loc: loc})
}

func initRegex() {
	c := RegexClass
	c.SetFactory(func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
		p, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		return newRegex(co, p, args[1:])
	}, "pattern", "option")
	rm := func(name string, fn func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error)) {
		c.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
			s := ""
			if len(args) > 0 {
				var err error
				if s, err = str(co, args[0]); err != nil {
					return vnull, err
				}
				args = args[1:]
			}
			return fn(co, this.AsObject().(*Regex), s, args)
		})
	}
	rm("matches", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return interp.Bool(r.full.MatchString(s)), nil
	})
	rm("containsMatchIn", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return interp.Bool(r.re.MatchString(s)), nil
	})
	rm("find", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return r.find(s, u16ToByte(s, argInt(args, 0, 0))), nil
	})
	rm("matchEntire", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		loc := r.full.FindStringSubmatchIndex(s)
		if loc == nil {
			return vnull, nil
		}
		// the anchored pattern wraps the original in a non-capturing group
		return interp.Obj(&MatchResult{re: r, input: s, loc: loc}), nil
	})
	rm("findAll", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		from := u16ToByte(s, argInt(args, 0, 0))
		var out []kval
		for _, loc := range r.re.FindAllStringSubmatchIndex(s[from:], -1) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += from
				}
			}
			out = append(out, interp.Obj(&MatchResult{re: r, input: s, loc: loc}))
		}
		return interp.Obj(interp.NewList(out)), nil
	})
	rm("replace", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return r.replace(co, s, args[0])
	})
	rm("replaceFirst", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return r.replaceFirst(co, s, args[0])
	})
	rm("split", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return strList(r.split(s, argInt(args, 0, 0))), nil
	})
	rm("toString", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return interp.String(r.pattern), nil
	})
	c.AddProp("pattern", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.String(this.AsObject().(*Regex).pattern), nil
	})
	c.StaticMethods = map[string]kval{
		"escape": interp.Obj(&interp.Native{Name: "escape", Fn: func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			s, err := str(co, args[0])
			return interp.String(`\Q` + s + `\E`), err
		}}),
	}

	mr := MatchResultClass
	mp := func(name string, fn func(m *MatchResult) kval) {
		mr.AddProp(name, func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
			return fn(this.AsObject().(*MatchResult)), nil
		})
	}
	mp("value", func(m *MatchResult) kval { return m.group(0) })
	mp("range", func(m *MatchResult) kval {
		a, b := byteToU16(m.input, m.loc[0]), byteToU16(m.input, m.loc[1])
		return interp.RangeOf(int64(a), int64(b-1), 1, interp.KInt)
	})
	mp("groupValues", func(m *MatchResult) kval {
		var out []kval
		for i := 0; 2*i < len(m.loc); i++ {
			g := m.group(i)
			if g.IsNull() {
				g = interp.String("")
			}
			out = append(out, g)
		}
		return interp.Obj(interp.NewList(out))
	})
	mp("groups", func(m *MatchResult) kval {
		var out []kval
		for i := 0; 2*i < len(m.loc); i++ {
			out = append(out, m.group(i))
		}
		return interp.Obj(interp.NewList(out))
	})
	mp("destructured", func(m *MatchResult) kval {
		var out []kval
		for i := 1; 2*i < len(m.loc); i++ {
			g := m.group(i)
			if g.IsNull() {
				g = interp.String("")
			}
			out = append(out, g)
		}
		return interp.Obj(interp.NewList(out))
	})
	mr.AddMethod("next", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		m := this.AsObject().(*MatchResult)
		from := m.loc[1]
		if m.loc[1] == m.loc[0] {
			if from >= len(m.input) {
				return vnull, nil
			}
			_, n := utf8.DecodeRuneInString(m.input[from:])
			from += n
		}
		return m.re.find(m.input, from), nil
	})
}
