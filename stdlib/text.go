package stdlib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the string algorithms behind the CharSequence methods:
// case mapping and character classes, searching, comparing, replacing and
// splitting (optionally ignoring case), lines, blank tests, trimming and
// indentation.

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

// replaceAll replaces every old in s by new, checking and charging the
// result's size first.
func replaceAll(co *interp.Coroutine, s, old, new string, ignoreCase bool) (string, error) {
	// a bound of the result's size (exact when !ignoreCase)
	n := len(s) + 1
	if old != "" {
		n = strings.Count(s, old)
		if ignoreCase {
			n = len(s)/len(old) + 1
		}
	}
	if grow := len(new) - len(old); grow > 0 {
		if n > (1<<40)/grow {
			return "", co.Interp().NewError("java.lang.OutOfMemoryError", "Java heap space")
		}
		if err := allocText(co, 2*(len(s)+n*grow)); err != nil {
			return "", err
		}
	} else if err := allocText(co, 2*len(s)); err != nil {
		return "", err
	}
	return replaceAllText(s, old, new, ignoreCase), nil
}

func replaceAllText(s, old, new string, ignoreCase bool) string {
	if !ignoreCase {
		if old == "" {
			// Kotlin inserts the replacement between every character
			var b strings.Builder
			b.WriteString(new)
			if isASCII(s) {
				for i := 0; i < len(s); i++ {
					b.WriteByte(s[i])
					b.WriteString(new)
				}
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
func splitStrings(co *interp.Coroutine, s string, delims []string, ignoreCase bool, limit int) ([]string, error) {
	var out []string
	start, search, counter := 0, 0, 0
	for {
		if limit > 0 {
			counter++
		}
		if err := co.CheckGrowth(len(out), cap(out), 16); err != nil {
			return nil, err
		}
		if err := co.WorkAt(len(out)); err != nil {
			return nil, err
		}
		if (limit > 0 && counter >= limit) || search > len(s) {
			return append(out, s[start:]), nil
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
			return append(out, s[start:]), nil
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

func linesOf(co *interp.Coroutine, s string) ([]string, error) {
	return splitStrings(co, s, []string{"\r\n", "\n", "\r"}, false, 0)
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
	u, err := chars(co, s)
	if err != nil {
		return "", err
	}
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

func reindent(co *interp.Coroutine, s string, cut func(string) (string, bool)) (string, error) {
	lines, err := linesOf(co, s)
	if err != nil {
		return "", err
	}
	if err := allocText(co, 2*len(s)); err != nil {
		return "", err
	}
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
	return strings.Join(out, "\n"), nil
}

func trimIndent(co *interp.Coroutine, s string) (string, error) {
	lines, err := linesOf(co, s)
	if err != nil {
		return "", err
	}
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
	return reindent(co, s, func(l string) (string, bool) {
		n := u16len(l)
		if minIndent >= n {
			return "", true
		}
		return substr(l, minIndent, n), true
	})
}

func trimMargin(co *interp.Coroutine, s, prefix string) (string, error) {
	return reindent(co, s, func(l string) (string, bool) {
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
