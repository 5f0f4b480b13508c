package stdlib

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds Regex and MatchResult (kotlin.text), backed by Go's RE2
// engine: pattern translation, find, matches, replace with group
// references and split.

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
	locs, err := r.findAll(co, s, n, true)
	if err != nil {
		return vnull, err
	}
	var b strings.Builder
	last := 0
	for i, loc := range locs {
		if err := co.WorkAt(i); err != nil {
			return vnull, err
		}
		if err := writeChecked(co, &b, s[last:loc[0]]); err != nil {
			return vnull, err
		}
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
		if err := writeChecked(co, &b, t); err != nil {
			return vnull, err
		}
		last = loc[1]
	}
	if err := writeChecked(co, &b, s[last:]); err != nil {
		return vnull, err
	}
	return interp.String(b.String()), nil
}

func (r *Regex) replace(co *interp.Coroutine, s string, repl kval) (kval, error) {
	return r.replaceN(co, s, repl, -1)
}

func (r *Regex) replaceFirst(co *interp.Coroutine, s string, repl kval) (kval, error) {
	return r.replaceN(co, s, repl, 1)
}

// regexMatchBytes estimates the bytes one match takes while matches are
// collected (its indices, their slice), for Coroutine.CheckAlloc.
const regexMatchBytes = 64

// findAll returns the indices of the first n matches of r in s (all
// when n < 0), as FindAllStringSubmatchIndex does (only the whole
// match's when sub is false). It asks for a growing number of matches
// at a time, checking and charging each batch before it is made, so an
// input with millions of matches stays within the limits.
func (r *Regex) findAll(co *interp.Coroutine, s string, n int, sub bool) ([][]int, error) {
	per := regexMatchBytes
	if sub {
		per += 16 * r.re.NumSubexp()
	}
	for batch := 1024; ; batch *= 4 {
		if n >= 0 && batch >= n {
			batch = n
		}
		if err := co.CheckAlloc(min(batch, len(s)+1), per); err != nil {
			return nil, err
		}
		if err := co.Work(len(s) / interp.WorkBytes); err != nil {
			return nil, err
		}
		var locs [][]int
		if sub {
			locs = r.re.FindAllStringSubmatchIndex(s, batch)
		} else {
			locs = r.re.FindAllStringIndex(s, batch)
		}
		if len(locs) < batch || batch == n {
			return locs, nil
		}
	}
}

func (r *Regex) split(co *interp.Coroutine, s string, limit int) ([]string, error) {
	n := -1
	if limit > 0 {
		n = limit
	}
	locs, err := r.findAll(co, s, n, false)
	if err != nil {
		return nil, err
	}
	if err := co.CheckAlloc(len(locs)+1, 16); err != nil {
		return nil, err
	}
	var out []string
	last := 0
	for _, loc := range locs {
		if n > 0 && len(out) == n-1 {
			break
		}
		out = append(out, s[last:loc[0]])
		last = loc[1]
	}
	return append(out, s[last:]), nil
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
		locs, err := r.findAll(co, s[from:], -1, true)
		if err != nil {
			return vnull, err
		}
		if err := co.CheckAlloc(len(locs), interp.ValueBytes+48); err != nil {
			return vnull, err
		}
		out := make([]kval, 0, len(locs))
		for _, loc := range locs {
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
		parts, err := r.split(co, s, argInt(args, 0, 0))
		if err != nil {
			return vnull, err
		}
		return strList(co, parts)
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
