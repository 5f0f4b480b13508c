package stdlib

import (
	"strings"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds Regex (kotlin.text): construction with RegexOption,
// find, matches, replace with Java's replacement syntax, split, and the
// companion's escape/fromLiteral. The engines are in regex_engine.go,
// MatchResult and its groups in regex_match.go.

// RegexClass is kotlin.text.Regex.
var RegexClass = interp.NewClass("Regex", "kotlin.text.Regex", interp.AnyClass)

// regexOptionBits returns the option bits of RegexOption arguments (an
// entry, or a collection of entries).
func regexOptionBits(co *interp.Coroutine, args []kval) (int, error) {
	bits := 0
	var add func(a kval) error
	add = func(a kval) error {
		switch o := a.AsObject().(type) {
		case *interp.Instance:
			if o.Class().Enum || (o.Class().Super != nil && o.Class().Super.Enum) {
				nm, err := co.ToString(a)
				if err != nil {
					return err
				}
				for i, n := range regexOptionNames {
					if n == nm {
						bits |= 1 << i
					}
				}
			}
		case *interp.List:
			for _, e := range o.Elems {
				if err := add(e); err != nil {
					return err
				}
			}
		case *interp.Map:
			for i := range o.IterationOrder() {
				if k, _, live := o.ValueAt(i); live {
					if err := add(k); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for _, a := range args {
		if a.Kind() == interp.KObject {
			if err := add(a); err != nil {
				return 0, err
			}
		}
	}
	return bits, nil
}

// regexOptionNames are the entries of kotlin.text.RegexOption in order.
var regexOptionNames = []string{"IGNORE_CASE", "MULTILINE", "LITERAL", "UNIX_LINES", "COMMENTS", "DOT_MATCHES_ALL", "CANON_EQ"}

func newRegex(co *interp.Coroutine, pattern string, args []kval) (kval, error) {
	bits, err := regexOptionBits(co, args)
	if err != nil {
		return vnull, err
	}
	r, err := compileRegex(co, pattern, bits)
	if err != nil {
		return vnull, err
	}
	return interp.Obj(r), nil
}

// regexOf returns the Regex a String method was given, or compiles the
// pattern it was given.
func regexOf(co *interp.Coroutine, v kval) (*Regex, error) {
	if r, ok := v.AsObject().(*Regex); ok {
		return r, nil
	}
	p, err := strArg(co, v)
	if err != nil {
		return nil, err
	}
	return compileRegex(co, p, 0)
}

// contains reports whether r matches a part of s.
func (r *Regex) contains(co *interp.Coroutine, s string) (bool, error) {
	loc, err := r.findAt(co, s, 0)
	return loc != nil, err
}

// matches reports whether r matches the whole of s.
func (r *Regex) matches(co *interp.Coroutine, s string) (bool, error) {
	loc, err := r.matchEntire(co, s)
	return loc != nil, err
}

// options returns the set of the regex's RegexOption entries.
func (r *Regex) options(co *interp.Coroutine) (kval, error) {
	m := interp.NewMap(interp.LinkedSetClass)
	if cv, ok := co.Interp().Lookup("RegexOption"); ok {
		if c, ok := cv.AsObject().(*interp.Class); ok {
			for i, e := range c.EnumValues {
				if r.opts&(1<<i) != 0 {
					if _, _, err := m.Put(co, e, interp.Unit); err != nil {
						return vnull, err
					}
				}
			}
		}
	}
	return interp.Obj(m), nil
}

// groupIndex returns the number of the group a replacement names.
func (r *Regex) groupIndex(name string) int {
	if k, ok := r.names[name]; ok {
		return k
	}
	return -1
}

// expandReplacement expands a Java replacement string ($1, ${name}, \$)
// for one match, as Matcher.appendReplacement does.
func (r *Regex) expandReplacement(co *interp.Coroutine, b *strings.Builder, repl string, input string, loc []int) error {
	group := func(k int) error {
		if loc[2*k] >= 0 {
			return writeChecked(co, b, input[loc[2*k]:loc[2*k+1]])
		}
		return nil
	}
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch {
		case c == '\\':
			i++
			if i == len(repl) {
				return co.Errorf("java.lang.IllegalArgumentException", "character to be escaped is missing")
			}
			b.WriteByte(repl[i])
		case c != '$':
			b.WriteByte(c)
		case i+1 == len(repl):
			return co.Errorf("java.lang.IllegalArgumentException", "Illegal group reference: group index is missing")
		case repl[i+1] == '{':
			j := strings.IndexByte(repl[i:], '}')
			if j < 0 {
				return co.Errorf("java.lang.IllegalArgumentException", "named capturing group is missing trailing '}'")
			}
			name := repl[i+2 : i+j]
			if name == "" {
				return co.Errorf("java.lang.IllegalArgumentException", "named capturing group has 0 length name")
			}
			k := r.groupIndex(name)
			if k < 0 {
				return co.Errorf("java.lang.IllegalArgumentException", "No group with name {%s}", name)
			}
			if err := group(k); err != nil {
				return err
			}
			i += j
		case repl[i+1] >= '0' && repl[i+1] <= '9':
			k := int(repl[i+1] - '0')
			i++
			for i+1 < len(repl) && repl[i+1] >= '0' && repl[i+1] <= '9' {
				nk := k*10 + int(repl[i+1]-'0')
				if nk > r.ngroups {
					break
				}
				k = nk
				i++
			}
			if k > r.ngroups {
				return co.Errorf("java.lang.IndexOutOfBoundsException", "No group %d", k)
			}
			if err := group(k); err != nil {
				return err
			}
		default:
			return co.Errorf("java.lang.IllegalArgumentException", "Illegal group reference")
		}
	}
	return nil
}

// replaceN replaces the first n matches of r in s (all when n < 0) with
// repl: a replacement string, or a function of the MatchResult.
func (r *Regex) replaceN(co *interp.Coroutine, s string, repl kval, n int) (kval, error) {
	locs, err := r.findAll(co, s, 0, n)
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
		if repl.Kind() == interp.KString {
			err = r.expandReplacement(co, &b, repl.AsString(), s, loc)
		} else {
			var v kval
			v, err = co.CallSync(repl, interp.Obj(&MatchResult{re: r, input: s, loc: loc}))
			if err == nil {
				var t string
				if t, err = co.ToString(v); err == nil {
					err = writeChecked(co, &b, t)
				}
			}
		}
		if err != nil {
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

// split splits s around the matches of r, into at most limit parts when
// limit > 0. As Kotlin's, it keeps trailing empty parts.
func (r *Regex) split(co *interp.Coroutine, s string, limit int) ([]string, error) {
	if limit < 0 {
		return nil, co.Errorf("java.lang.IllegalArgumentException", "Limit must be non-negative, but was %d", limit)
	}
	n := -1
	if limit > 0 {
		n = limit - 1
	}
	locs, err := r.findAll(co, s, 0, n)
	if err != nil {
		return nil, err
	}
	if err := co.CheckAlloc(len(locs)+1, 16); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(locs)+1)
	last := 0
	for _, loc := range locs {
		out = append(out, s[last:loc[0]])
		last = loc[1]
	}
	return append(out, s[last:]), nil
}

// escapeReplacement quotes \ and $ of a literal replacement string.
func escapeReplacement(s string) string {
	if !strings.ContainsAny(s, `\$`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '$' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
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
		ok, err := r.matches(co, s)
		return interp.Bool(ok), err
	})
	rm("containsMatchIn", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		ok, err := r.contains(co, s)
		return interp.Bool(ok), err
	})
	// find, matchAt, matchesAt: a search from a startIndex
	at := func(name string, search func(r *Regex, co *interp.Coroutine, s string, from int) ([]int, error), asBool bool) {
		rm(name, func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
			from, err := regexStart(co, s, argInt(args, 0, 0))
			if err != nil {
				return vnull, err
			}
			loc, err := search(r, co, s, from)
			if asBool {
				return interp.Bool(loc != nil), err
			}
			return r.result(s, loc), err
		})
	}
	at("find", (*Regex).findAt, false)
	at("matchAt", (*Regex).matchAt, false)
	at("matchesAt", (*Regex).matchAt, true)
	rm("matchEntire", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		loc, err := r.matchEntire(co, s)
		return r.result(s, loc), err
	})
	rm("findAll", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		from, err := regexStart(co, s, argInt(args, 0, 0))
		if err != nil {
			return vnull, err
		}
		return r.matchSequence(co, s, from)
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
	rm("splitToSequence", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		parts, err := r.split(co, s, argInt(args, 0, 0))
		if err != nil {
			return vnull, err
		}
		l, err := strList(co, parts)
		if err != nil {
			return vnull, err
		}
		return listSequence(l), nil
	})
	rm("toString", func(co *interp.Coroutine, r *Regex, s string, args []kval) (kval, error) {
		return interp.String(r.pattern), nil
	})
	c.AddProp("pattern", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.String(this.AsObject().(*Regex).pattern), nil
	})
	c.AddProp("options", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return this.AsObject().(*Regex).options(co)
	})
	static := func(name string, fn func(co *interp.Coroutine, s string) (kval, error)) {
		c.StaticMethods[name] = interp.Obj(&interp.Native{Name: name, Fn: func(co *interp.Coroutine, _ kval, args []kval) (kval, error) {
			s, err := str(co, args[0])
			if err != nil {
				return vnull, err
			}
			return fn(co, s)
		}})
	}
	c.StaticMethods = map[string]kval{}
	static("escape", func(co *interp.Coroutine, s string) (kval, error) {
		return interp.String(`\Q` + strings.ReplaceAll(s, `\E`, `\E\\E\Q`) + `\E`), nil
	})
	static("escapeReplacement", func(co *interp.Coroutine, s string) (kval, error) {
		return interp.String(escapeReplacement(s)), nil
	})
	static("fromLiteral", func(co *interp.Coroutine, s string) (kval, error) {
		r, err := compileRegex(co, s, optLiteral)
		return interp.Obj(r), err
	})
	initMatchResult()
}

// regexStart checks a startIndex argument and returns its byte offset
// in s.
func regexStart(co *interp.Coroutine, s string, i int) (int, error) {
	if i < 0 || i > u16len(s) {
		return 0, co.Errorf("java.lang.IndexOutOfBoundsException", "Start index out of bounds: %d, input length: %d", i, u16len(s))
	}
	return u16ToByte(s, i), nil
}
