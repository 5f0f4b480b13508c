package parser

import "github.com/alecthomas/participle/v2/lexer"

// Incomplete reports whether src, the text typed so far at an interactive
// prompt, needs more lines before it can be parsed: a bracket ( [ { is
// still open, a raw string """...""" (or a string template, or a block
// comment) runs to the end of the text, or the last token cannot end a
// statement (a binary or assignment operator, '.', '?.', '::', ':', ',',
// `else`, `in`, a control header like `if (c)` without its body).
//
// The answer comes from the lexer and its newline pass, never from parse
// errors: text that is wrong whatever follows (an unmatched ')', a
// newline inside a plain string, a bad character) is complete, so that
// the parser reports the error at once. It never panics.
func Incomplete(src string) bool {
	s := rawScanner(src)
	raw := s.scanRaw()
	if s.err != nil {
		// scanRaw stops with s.off at the token it could not finish
		return openAtEnd(s, s.off)
	}
	if len(raw) == 0 {
		return false
	}
	open, unmatched := openBrackets(raw)
	if unmatched {
		return false // a parse error, not more input
	}
	if len(open) > 0 {
		return true
	}
	if last := raw[len(raw)-1]; last.kind == tPunct && last.val == ";" {
		return false
	}
	c := contextPass{raw: raw, out: make([]lexer.Token, 0, len(raw)+1), stack: []frame{{}}}
	c.run()
	if c.tooDeep != nil {
		return false
	}
	return !c.canEnd() || c.lastCtrlClose
}

// openAtEnd reports whether the token at off that the scanner could not
// finish is a string literal or a block comment still open at the end of
// src (more input may close it), rather than a hard error.
func openAtEnd(s *scanner, off int) bool {
	src := s.src
	if off >= len(src) {
		return false
	}
	switch {
	case len(src)-off >= 2 && src[off] == '/' && src[off+1] == '*':
		return true // an unterminated block comment only ends at the end
	case len(src)-off >= 3 && src[off:off+3] == `"""`:
		return true // a raw string only fails at the end of the text
	case src[off] == '"':
		return plainStringOpen(s, off)
	}
	return false
}

// plainStringOpen reports whether the plain string literal at i runs to the
// end of the text (true) or breaks at a newline (false: an error). Newlines
// inside its ${...} templates are allowed.
func plainStringOpen(s *scanner, i int) bool {
	src := s.src
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '\n':
			return false
		case '"':
			return false // closed: the error is elsewhere
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				j := s.skipTemplate(i + 2)
				if j < 0 {
					return s.tooDeep < 0 // the template is still open (or nests too deep)
				}
				i = j - 1
			}
		}
	}
	return true
}

// rawScanner is a scanner of src on its own (positions from 1:1).
func rawScanner(src string) *scanner {
	return &scanner{file: "", src: src, line: 1, colVal: 1, baseLine: 1, baseCol: 1, tooDeep: -1}
}

// openBrackets returns the brackets of raw still open at its end,
// outermost first, and whether a closing bracket had none to close.
func openBrackets(raw []rawTok) (open []*rawTok, unmatched bool) {
	for i := range raw {
		t := &raw[i]
		if t.kind != tPunct {
			continue
		}
		switch t.val {
		case "(", "[", "{":
			open = append(open, t)
		case ")", "]", "}":
			if len(open) == 0 {
				unmatched = true
				continue
			}
			open = open[:len(open)-1]
		}
	}
	return open, unmatched
}
