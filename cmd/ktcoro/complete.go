package main

// Tab completion in the REPL.

import (
	"sort"
	"strings"
	"unicode"
)

// replKeywords are completed at the start of a name.
var replKeywords = []string{
	"abstract", "as", "break", "class", "companion", "const", "continue", "data", "do",
	"else", "enum", "false", "finally", "for", "fun", "if", "import", "in", "infix",
	"init", "inline", "inner", "interface", "internal", "is", "lateinit", "null",
	"object", "open", "operator", "out", "override", "private", "protected", "public",
	"return", "sealed", "super", "suspend", "tailrec", "this", "throw", "true", "try",
	"typealias", "val", "var", "vararg", "when", "while",
}

// replCommands are completed after ':' at the start of the input.
var replCommands = []string{":debug", ":dump", ":help", ":load", ":quit", ":reset", ":time"}

// completer is readline's AutoCompleter for the REPL.
type completer struct{ r *repl }

// Do returns the completions of the word before the cursor: the rest of
// each candidate, and the length (in runes) of the word typed so far.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	if c.r == nil || pos > len(line) {
		return nil, 0
	}
	cands, word := c.r.complete(string(line[:pos]))
	out := make([][]rune, 0, len(cands))
	for _, s := range cands {
		out = append(out, []rune(s[len(word):]))
	}
	return out, len([]rune(word))
}

func isNameRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// complete returns the candidates for the text before the cursor and the
// word they complete: commands after a leading ':', members after
// `name.` (of the value of the top-level name), else keywords and the
// top-level names (declarations and built-ins).
func (r *repl) complete(text string) (cands []string, word string) {
	if t := strings.TrimLeft(text, " \t"); strings.HasPrefix(t, ":") && !strings.ContainsAny(t, " \t") {
		return withPrefix(replCommands, t), t
	}
	rs := []rune(text)
	i := len(rs)
	for i > 0 && isNameRune(rs[i-1]) {
		i--
	}
	word = string(rs[i:])
	if word != "" && unicode.IsDigit(rs[i]) {
		return nil, word
	}
	before := rs[:i]
	c := r.cur.Load()
	if c == nil {
		return nil, word
	}
	var names []string
	switch {
	case len(before) > 0 && before[len(before)-1] == '.':
		j := len(before) - 1
		if j > 0 && before[j-1] == '?' {
			j--
		}
		k := j
		for k > 0 && isNameRune(before[k-1]) {
			k--
		}
		recv := string(before[k:j])
		if recv == "" || unicode.IsDigit(before[k]) || k > 0 && (before[k-1] == '.' || before[k-1] == '`') {
			return nil, word // only a plain top-level name is evaluated
		}
		c.s.Inspect(func() {
			if v, ok := c.in.LookupGlobal(recv); ok {
				names = c.in.MemberNames(v)
			}
		})
	default:
		c.s.Inspect(func() { names = c.in.TopLevelNames() })
		names = append(names, replKeywords...)
	}
	return withPrefix(names, word), word
}

// withPrefix returns the distinct names that start with prefix, sorted.
func withPrefix(names []string, prefix string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
