package stdlib

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the two engines behind Regex: Go's RE2 (linear time)
// for every pattern it can compile, and the backtracking regexp2 only for
// the Java features RE2 lacks (lookaround, backreferences, atomic groups,
// possessive quantifiers). Matches are byte offsets of the groups, as Go's
// FindStringSubmatchIndex gives them.

// Regex option bits, by the ordinal of kotlin.text.RegexOption (declared
// in the prelude in Kotlin's order).
const (
	optIgnoreCase = 1 << iota
	optMultiline
	optLiteral
	optUnixLines
	optComments
	optDotMatchesAll
	optCanonEq
)

// regexTimeout bounds one call of the backtracking engine. A script that
// is stopped meanwhile (interrupt, wall time) does not wait for it: the
// match runs on a goroutine of its own that is abandoned, and ends by
// this timeout at the latest.
const regexTimeout = 5 * time.Second

// Regex is a compiled regular expression. It is immutable: safe from any
// goroutine.
type Regex struct {
	pattern string
	opts    int
	ngroups int
	names   map[string]int // group name -> number

	re      *regexp.Regexp // RE2: nil when bt is set
	anch    *regexp.Regexp // RE2 \A(?:p): a match at a position of a slice
	full    *regexp.Regexp // RE2 \A(?:p)\z
	leftCtx bool           // the RE2 pattern looks left (\b, ^): a search from an offset cannot slice the input
	emptyOK bool           // the RE2 pattern may match the empty string

	bt, btAnch, btFull *regexp2.Regexp // backtracking: p, \G(?:p), \A(?:p)\z
}

// Class implements interp.Object.
func (*Regex) Class() *interp.Class { return RegexClass }

// KString implements interp.Stringer: the pattern.
func (r *Regex) KString(co *interp.Coroutine) (string, error) { return r.pattern, nil }

// stripComments removes whitespace and #-comments from a pattern outside
// character classes (Java's COMMENTS flag; RE2 has no such flag).
func stripComments(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			i++
			b.WriteByte(p[i])
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		case c == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// possessiveToAtomic rewrites Java's possessive quantifiers (a*+, a++,
// a?+, a{n,m}+), which .NET lacks, as atomic groups ((?>a*)).
func possessiveToAtomic(p string) string {
	var b strings.Builder
	var starts []int // output offsets of the open groups
	atom := -1       // output offset of the last atom
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\\':
			atom = b.Len()
			b.WriteByte(c)
			if i+1 < len(p) {
				i++
				b.WriteByte(p[i])
				if strings.IndexByte("pPxk", p[i]) >= 0 && i+1 < len(p) && (p[i+1] == '{' || p[i+1] == '<') {
					if j := strings.IndexAny(p[i+1:], "}>"); j >= 0 {
						b.WriteString(p[i+1 : i+2+j])
						i += j + 1
					}
				}
				if p[i] == 'Q' {
					j := strings.Index(p[i+1:], `\E`)
					if j < 0 {
						j = len(p) - i - 1
					} else {
						j += 2
					}
					b.WriteString(p[i+1 : i+1+j])
					i += j
				}
			}
		case '[':
			atom = b.Len()
			j := i + 1
			if j < len(p) && p[j] == '^' {
				j++
			}
			if j < len(p) && p[j] == ']' {
				j++
			}
			depth := 1
			for ; j < len(p) && depth > 0; j++ {
				switch p[j] {
				case '\\':
					j++
				case '[':
					depth++
				case ']':
					depth--
				}
			}
			b.WriteString(p[i:min(j, len(p))])
			i = min(j, len(p)) - 1
		case '(':
			starts = append(starts, b.Len())
			b.WriteByte(c)
			atom = -1
		case ')':
			atom = -1
			if n := len(starts); n > 0 {
				atom = starts[n-1]
				starts = starts[:n-1]
			}
			b.WriteByte(c)
		case '*', '+', '?', '{':
			j := i + 1
			if c == '{' {
				k := strings.IndexByte(p[i:], '}')
				if k < 0 || strings.Trim(p[i+1:i+k], "0123456789,") != "" {
					b.WriteByte(c)
					atom = b.Len() - 1
					continue
				}
				j = i + k + 1
			}
			q := p[i:j]
			if j < len(p) && p[j] == '+' && atom >= 0 {
				s := b.String()
				b.Reset()
				b.WriteString(s[:atom] + "(?>" + s[atom:] + q + ")")
				i = j
			} else {
				b.WriteString(q)
				i = j - 1
			}
			atom = -1
		default:
			atom = b.Len()
			b.WriteByte(c)
		}
	}
	return b.String()
}

// posixClasses are Java's POSIX character classes (\p{Alpha}, US-ASCII
// only, as Java has them by default), as the ranges of a character class.
var posixClasses = map[string]string{
	"Lower": "a-z", "Upper": "A-Z", "ASCII": `\x00-\x7F`, "Alpha": "a-zA-Z",
	"Digit": "0-9", "Alnum": "a-zA-Z0-9", "Punct": "!-/:-@\\[-`{-~",
	"Graph": "!-~", "Print": " -~", "Blank": ` \t`, "Cntrl": `\x00-\x1F\x7F`,
	"XDigit": "0-9a-fA-F", "Space": ` \t\n\x0B\f\r`,
	"javaLowerCase": `\p{Ll}`, "javaUpperCase": `\p{Lu}`, "IsAlphabetic": `\p{L}\p{Nl}`,
	"IsLetter": `\p{L}`, "IsDigit": `\p{Nd}`, "IsUppercase": `\p{Lu}`, "IsLowercase": `\p{Ll}`,
	"IsWhite_Space": `\s`, "javaWhitespace": `\s`, "IsPunctuation": `\p{P}`,
}

// translateClasses rewrites Java's \p{Name} classes that neither engine
// knows (POSIX and java* names) as character classes.
func translateClasses(p string) string {
	if !strings.Contains(p, `\p{`) && !strings.Contains(p, `\P{`) {
		return p
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+2 < len(p) && (p[i+1] == 'p' || p[i+1] == 'P') && p[i+2] == '{':
			j := strings.IndexByte(p[i:], '}')
			if j > 0 {
				if cls, ok := posixClasses[p[i+3:i+j]]; ok && (!inClass || p[i+1] == 'p') {
					switch {
					case inClass:
						b.WriteString(cls)
					case p[i+1] == 'P':
						b.WriteString("[^" + cls + "]")
					default:
						b.WriteString("[" + cls + "]")
					}
					i += j
					continue
				}
			}
			b.WriteByte(c)
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			i++
			b.WriteByte(p[i])
		case c == '[':
			inClass = true
			b.WriteByte(c)
		case c == ']':
			inClass = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// looksLeft reports whether a parsed RE2 pattern has an assertion on
// the text before a position (^, \A, \b, \B).
func looksLeft(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range re.Sub {
		if looksLeft(s) {
			return true
		}
	}
	return false
}

// canBeEmpty reports whether a parsed RE2 pattern may match the empty
// string somewhere.
func canBeEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpNoMatch:
		return false
	case syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpRepeat:
		return re.Min == 0 || canBeEmpty(re.Sub[0])
	case syntax.OpPlus, syntax.OpCapture:
		return canBeEmpty(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !canBeEmpty(s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if canBeEmpty(s) {
				return true
			}
		}
		return false
	}
	return true // the empty match and the assertions
}

// compileRegex compiles pattern with the option bits opts: with RE2 when
// it can, else with the backtracking engine.
func compileRegex(co *interp.Coroutine, pattern string, opts int) (*Regex, error) {
	r := &Regex{pattern: pattern, opts: opts}
	p := pattern
	switch {
	case opts&optLiteral != 0:
		p = regexp.QuoteMeta(p)
	case opts&optComments != 0:
		p = translateClasses(stripComments(p))
	default:
		p = translateClasses(p)
	}
	flags := ""
	if opts&optIgnoreCase != 0 {
		flags += "i"
	}
	if opts&optMultiline != 0 {
		flags += "m"
	}
	if opts&optDotMatchesAll != 0 {
		flags += "s"
	}
	fp := p
	if flags != "" {
		fp = "(?" + flags + ")" + p
	}
	if re, err := regexp.Compile(fp); err == nil {
		r.re = re
		r.anch = regexp.MustCompile(`\A(?:` + fp + `)`)
		r.full = regexp.MustCompile(`\A(?:` + fp + `)\z`)
		r.ngroups = re.NumSubexp()
		for i, n := range re.SubexpNames() {
			if n != "" {
				if r.names == nil {
					r.names = map[string]int{}
				}
				r.names[n] = i
			}
		}
		if t, err := syntax.Parse(fp, syntax.Perl); err == nil {
			r.leftCtx = looksLeft(t)
			r.emptyOK = canBeEmpty(t)
		}
		return r, nil
	}
	var o regexp2.RegexOptions
	if opts&optIgnoreCase != 0 {
		o |= regexp2.IgnoreCase
	}
	if opts&optMultiline != 0 {
		o |= regexp2.Multiline
	}
	if opts&optDotMatchesAll != 0 {
		o |= regexp2.Singleline
	}
	p = possessiveToAtomic(p)
	comp := func(s string) (*regexp2.Regexp, error) {
		re, err := regexp2.Compile(s, o, regexp2.OptionMaintainCaptureOrder())
		if err != nil {
			return nil, err
		}
		re.MatchTimeout = regexTimeout
		return re, nil
	}
	var err error
	if r.bt, err = comp(p); err != nil {
		msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		return nil, co.Errorf("java.util.regex.PatternSyntaxException", "%s near index %d\n%s", msg, len(pattern), pattern)
	}
	if r.btAnch, err = comp(`\G(?:` + p + `)`); err != nil {
		return nil, co.Errorf("java.util.regex.PatternSyntaxException", "%s", err.Error())
	}
	if r.btFull, err = comp(`\A(?:` + p + `)\z`); err != nil {
		return nil, co.Errorf("java.util.regex.PatternSyntaxException", "%s", err.Error())
	}
	nums := r.bt.GetGroupNumbers()
	r.ngroups = len(nums) - 1
	for _, n := range r.bt.GetGroupNames() {
		if k := r.bt.GroupNumberFromName(n); k > 0 && (n[0] < '0' || n[0] > '9') {
			if r.names == nil {
				r.names = map[string]int{}
			}
			r.names[n] = k
		}
	}
	return r, nil
}

// btRun runs fn, a call of the backtracking engine, on a goroutine of its
// own while the thread waits for it in a way the host can stop (a stopped
// script gets the error that stopped it; the goroutine ends by
// regexTimeout). Engine errors become exceptions: a timeout, a
// backtracking stack overflow (Java's StackOverflowError).
func btRun[T any](co *interp.Coroutine, r *Regex, fn func() (T, error)) (T, error) {
	var v T
	var err error
	if t := threadsOf(co); t != nil {
		done := make(chan struct{})
		go func() {
			defer close(done)
			v, err = fn()
		}()
		if stop := t.Wait(done); stop != nil {
			var zero T
			return zero, stop
		}
	} else {
		v, err = fn()
	}
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, regexp2.ErrBacktrackingStackLimit):
		return v, co.Errorf("java.lang.StackOverflowError", "")
	case strings.Contains(err.Error(), "timeout"):
		return v, co.Errorf("java.lang.RuntimeException", "regex match took longer than %v (catastrophic backtracking?): %s", regexTimeout, r.pattern)
	}
	return v, co.Errorf("java.lang.RuntimeException", "%s", err.Error())
}

// btLoc returns the byte offsets of the groups of a backtracking match
// (-1 for a group that did not take part), nil for no match.
func (r *Regex) btLoc(m *regexp2.Match) []int {
	if m == nil {
		return nil
	}
	loc := make([]int, 2*(r.ngroups+1))
	for i := range loc {
		loc[i] = -1
	}
	for i := 0; i <= r.ngroups; i++ {
		g := m.GroupByNumber(i)
		if g == nil || len(g.Captures) == 0 {
			continue
		}
		a, n := g.ByteRange()
		loc[2*i], loc[2*i+1] = a, a+n
	}
	return loc
}

// findAt returns the first match in s that starts at byte from or after
// it, with the text before from as context (lookbehind, \b, ^); nil when
// there is none.
func (r *Regex) findAt(co *interp.Coroutine, s string, from int) ([]int, error) {
	if from > len(s) {
		return nil, nil
	}
	if r.bt != nil {
		return btRun(co, r, func() ([]int, error) {
			m, err := r.bt.FindStringMatchStartingAt(s, from)
			return r.btLoc(m), err
		})
	}
	if from == 0 || !r.leftCtx {
		loc := shift(r.re.FindStringSubmatchIndex(s[from:]), from)
		end := len(s)
		if loc != nil {
			end = loc[1]
		}
		return loc, co.Work((end - from) / interp.WorkBytes)
	}
	// the pattern looks left of from: search the whole input, in batches
	for batch := 16; ; batch *= 4 {
		if err := co.CheckAlloc(batch, regexMatchBytes); err != nil {
			return nil, err
		}
		if err := co.Work(len(s) / interp.WorkBytes); err != nil {
			return nil, err
		}
		locs := r.re.FindAllStringSubmatchIndex(s, batch)
		for _, loc := range locs {
			if loc[0] >= from {
				return loc, nil
			}
		}
		if len(locs) < batch {
			return nil, nil
		}
	}
}

// shift adds from to the offsets of loc (of a match in s[from:]).
func shift(loc []int, from int) []int {
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += from
		}
	}
	return loc
}

// matchAt returns the match that starts exactly at byte at, nil when
// there is none.
func (r *Regex) matchAt(co *interp.Coroutine, s string, at int) ([]int, error) {
	if at > len(s) {
		return nil, nil
	}
	if r.bt != nil {
		return btRun(co, r, func() ([]int, error) {
			m, err := r.btAnch.FindStringMatchStartingAt(s, at)
			return r.btLoc(m), err
		})
	}
	if at > 0 && r.leftCtx {
		loc, err := r.findAt(co, s, at)
		if loc == nil || loc[0] != at {
			return nil, err
		}
		return loc, nil
	}
	loc := shift(r.anch.FindStringSubmatchIndex(s[at:]), at)
	if loc != nil {
		return loc, co.Work((loc[1] - at) / interp.WorkBytes)
	}
	return nil, nil
}

// matchEntire returns the match of the whole of s, nil when there is none.
func (r *Regex) matchEntire(co *interp.Coroutine, s string) ([]int, error) {
	if r.bt != nil {
		return btRun(co, r, func() ([]int, error) {
			m, err := r.btFull.FindStringMatch(s)
			return r.btLoc(m), err
		})
	}
	if err := co.Work(len(s) / interp.WorkBytes); err != nil {
		return nil, err
	}
	return r.full.FindStringSubmatchIndex(s), nil
}

// regexMatchBytes estimates the bytes one match takes while matches are
// collected (its indices, their slice), for Coroutine.CheckAlloc.
const regexMatchBytes = 64

// nextFrom is where the search for the match after loc starts, as
// MatchResult.next does: its end, one character further for an empty
// match; -1 past the end of s.
func nextFrom(s string, loc []int) int {
	from := loc[1]
	if loc[1] == loc[0] {
		if from >= len(s) {
			return -1
		}
		_, n := utf8.DecodeRuneInString(s[from:])
		from += n
	}
	return from
}

// findAll returns the offsets of the first n matches of r in s from byte
// from on (all when n < 0), chained as MatchResult.next chains them. It
// charges each batch of matches before it is collected, so an input with
// millions of matches stays within the limits.
func (r *Regex) findAll(co *interp.Coroutine, s string, from, n int) ([][]int, error) {
	per := regexMatchBytes + 16*r.ngroups
	if r.bt != nil {
		var out [][]int
		for len(out) != n {
			// a batch at a time on the engine's goroutine, charged here
			batch := 4096
			if n >= 0 {
				batch = min(batch, n-len(out))
			}
			if err := co.CheckAlloc(batch, per); err != nil {
				return nil, err
			}
			locs, err := btRun(co, r, func() ([][]int, error) {
				var locs [][]int
				for len(locs) < batch && from >= 0 {
					m, err := r.bt.FindStringMatchStartingAt(s, from)
					if m == nil || err != nil {
						from = -1
						return locs, err
					}
					loc := r.btLoc(m)
					locs = append(locs, loc)
					from = nextFrom(s, loc)
				}
				return locs, nil
			})
			if err != nil {
				return nil, err
			}
			out = append(out, locs...)
			if from < 0 {
				break
			}
		}
		return out, nil
	}
	if (from > 0 && r.leftCtx) || (r.emptyOK && !r.leftCtx) {
		// chained as Java chains them (Go's FindAll skips an empty match
		// right after a match)
		var out [][]int
		for len(out) != n {
			loc, err := r.findAt(co, s, from)
			if err != nil || loc == nil {
				return out, err
			}
			if err := co.CheckGrowth(len(out), cap(out), per); err != nil {
				return nil, err
			}
			out = append(out, loc)
			if from = nextFrom(s, loc); from < 0 {
				break
			}
		}
		return out, nil
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
		locs := r.re.FindAllStringSubmatchIndex(s[from:], batch)
		if len(locs) < batch || batch == n {
			for _, loc := range locs {
				shift(loc, from)
			}
			return locs, nil
		}
	}
}
