package main

// Tab completion in the REPL.

import (
	"sort"
	"strings"
	"unicode"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/parser"
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
var replCommands = []string{":cancel", ":debug", ":dump", ":help", ":load", ":quit", ":reset", ":time"}

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
		recv := receiverText(before[:j])
		if recv == "" {
			return nil, word
		}
		c.s.Inspect(func() {
			if v, ok := sampleOf(c.in, recv); ok {
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

// receiverText returns the expression that ends text (the text before a
// member's dot): names, member accesses, calls and indexing with their
// bracketed arguments and trailing lambdas, and string and char literals, back to the first
// character at bracket depth 0 that cannot be part of it ("" when the
// brackets do not balance).
func receiverText(text []rune) string {
	depth := 0
	i := len(text)
	for i > 0 {
		r := text[i-1]
		switch {
		case r == ')' || r == ']' || r == '}':
			depth++
		case r == '(' || r == '[' || r == '{':
			if depth == 0 {
				return strings.TrimSpace(string(text[i:]))
			}
			depth--
			if r == '{' && depth == 0 { // a trailing lambda: `f(x) { }`, `xs.map { }`
				for i > 1 && (text[i-2] == ' ' || text[i-2] == '\t') {
					i--
				}
			}
		case r == '"' || r == '\'':
			// a literal: back to its opening quote
			k := i - 2
			for k >= 0 && (text[k] != r || k > 0 && text[k-1] == '\\') {
				k--
			}
			if k < 0 {
				return ""
			}
			i = k + 1
		case depth == 0 && !isNameRune(r) && r != '.' && r != '?' && r != '!':
			return strings.TrimSpace(string(text[i:]))
		}
		i--
	}
	if depth != 0 {
		return ""
	}
	return strings.TrimSpace(string(text))
}

// sampleOf returns a value of the class the receiver expression src would
// have, found without running script code: literals, top-level values and
// their plain properties, and calls whose result class the standard
// library fixes (an element of a list, the receiver's class, a String,
// an Int, an instance of a script class for its constructor).
func sampleOf(in *interp.Interp, src string) (interp.Value, bool) {
	x, err := parser.ParseExpr("<completion>", []byte(src))
	if err != nil {
		return interp.Null, false
	}
	return sample(in, x, 0)
}

// sameClassCalls keep the class of their receiver; elementCalls return an
// element of their receiver (a list); stringCalls, intCalls and boolCalls
// return what they say.
var (
	sameClassCalls = wordSet("sorted sortedBy sortedDescending sortedByDescending sortedWith reversed asReversed filter filterNot filterIndexed " +
		"take takeLast takeWhile drop dropLast dropWhile distinct distinctBy shuffled toMutableList toList plus minus subList apply also onEach " +
		"trim trimStart trimEnd trimIndent trimMargin uppercase lowercase capitalize replace replaceFirst substring substringBefore substringAfter " +
		"padStart padEnd repeat removePrefix removeSuffix removeSurrounding ifEmpty ifBlank format")
	elementCalls = wordSet("first last single random firstOrNull lastOrNull singleOrNull get getOrNull elementAt elementAtOrNull find findLast " +
		"maxBy minBy maxByOrNull minByOrNull maxWith minWith maxOrNull minOrNull removeFirst removeLast removeAt component1 component2 component3")
	stringCalls = wordSet("toString joinToString name")
	intCalls    = wordSet("size length count indexOf lastIndexOf indexOfFirst indexOfLast toInt compareTo hashCode ordinal sum lastIndex")
	boolCalls   = wordSet("isEmpty isNotEmpty isBlank isNotBlank contains startsWith endsWith equals any all none")
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// sample is sampleOf for a parsed expression, depth bounding the walk.
func sample(in *interp.Interp, x lang.Expr, depth int) (interp.Value, bool) {
	if depth > 32 {
		return interp.Null, false
	}
	switch x := x.(type) {
	case *lang.StringLit:
		return interp.String(""), true
	case *lang.IntLit:
		if x.Long {
			return interp.Long(0), true
		}
		return interp.Int(0), true
	case *lang.FloatLit:
		return interp.Double(0), true
	case *lang.CharLit:
		return interp.Char('a'), true
	case *lang.BoolLit:
		return interp.Bool(false), true
	case *lang.Paren:
		return sample(in, x.X, depth+1)
	case *lang.Ident:
		return in.LookupGlobal(x.Name)
	case *lang.Postfix: // x!!
		return sample(in, x.X, depth+1)
	case *lang.Index:
		recv, ok := sample(in, x.X, depth+1)
		if !ok {
			return interp.Null, false
		}
		return element(recv)
	case *lang.Member:
		recv, ok := sample(in, x.X, depth+1)
		if !ok {
			return interp.Null, false
		}
		return property(recv, x.Name)
	case *lang.Call:
		switch fn := x.Fn.(type) {
		case *lang.Ident:
			v, ok := in.LookupGlobal(fn.Name)
			if c, isClass := v.AsObject().(*interp.Class); ok && isClass && !c.Interface {
				return interp.Obj(interp.NewInstance(c)), true // members need no constructor run
			}
			return interp.Null, false
		case *lang.Member:
			recv, ok := sample(in, fn.X, depth+1)
			if !ok {
				return interp.Null, false
			}
			return callResult(recv, fn.Name)
		}
	}
	return interp.Null, false
}

// property is a sample of recv.name: a field read directly (no getter
// runs), or a property whose class the tables fix.
func property(recv interp.Value, name string) (interp.Value, bool) {
	if inst, ok := recv.AsObject().(*interp.Instance); ok {
		if p := inst.Class().LookupProp(name); p != nil && p.Getter.IsNull() && p.Slot >= 0 && p.Slot < len(inst.Fields) {
			if v := inst.Fields[p.Slot]; !v.IsNull() {
				return v, true
			}
		}
	}
	return callResult(recv, name)
}

// callResult is a sample of the result of recv.name(...) from the tables.
func callResult(recv interp.Value, name string) (interp.Value, bool) {
	switch {
	case elementCalls[name]:
		return element(recv)
	case sameClassCalls[name]:
		return recv, true
	case stringCalls[name]:
		return interp.String(""), true
	case intCalls[name]:
		return interp.Int(0), true
	case boolCalls[name]:
		return interp.Bool(false), true
	}
	return interp.Null, false
}

// element is a sample of an element of a list (its first).
func element(recv interp.Value) (interp.Value, bool) {
	if l, ok := recv.AsObject().(*interp.List); ok && len(l.Elems) > 0 {
		return l.Elems[0], true
	}
	if recv.Kind() == interp.KString {
		return interp.Char('a'), true
	}
	return interp.Null, false
}
