package parser

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

// Token types produced by the hand-written lexer.
const (
	tIdent    lexer.TokenType = iota + 1 // identifier or soft keyword; backquoted names keep their quotes
	tKeyword                             // hard keyword
	tModifier                            // soft modifier keyword standing in modifier position
	tInt                                 // integer literal (raw text)
	tFloat                               // floating-point literal (raw text)
	tChar                                // character literal (raw text, with quotes)
	tString                              // whole string literal (raw text, with quotes and templates)
	tLabel                               // `name@`, value is name
	tAtIdent                             // `@name`, value is name
	tPunct                               // operator or punctuation
	tSep                                 // statement separator: significant newline or ';'
	tTALt                                // '<' opening a type-argument list (raw kind only)
	tTAGt                                // '>' closing a type-argument list
	tLiteral                             // number, char, string, true, false or null
	tDecl                                // val var fun class interface object typealias
	tPrefixOp                            // prefix operator: - + ! ++ -- (and * for spread)
	tBinOp                               // binary operator or infix function name after an operand
	tTypeOp                              // as as? is !is after an operand
	tAssignOp                            // = += -= *= /= %=
	tSuffix                              // postfix/selector start after an operand: . ?. ( [ { :: < ++ -- !! label@
	tParams                              // zero-width marker after the '{' of a lambda with a parameter list
)

var symbols = map[string]lexer.TokenType{
	"EOF":      lexer.EOF,
	"Ident":    tIdent,
	"Keyword":  tKeyword,
	"Modifier": tModifier,
	"Int":      tInt,
	"Float":    tFloat,
	"Char":     tChar,
	"String":   tString,
	"Label":    tLabel,
	"AtIdent":  tAtIdent,
	"Punct":    tPunct,
	"Sep":      tSep,
	"TAGt":     tTAGt,
	"Literal":  tLiteral,
	"Decl":     tDecl,
	"PrefixOp": tPrefixOp,
	"BinOp":    tBinOp,
	"TypeOp":   tTypeOp,
	"AssignOp": tAssignOp,
	"Suffix":   tSuffix,
	"Params":   tParams,
}

var keywords = map[string]bool{
	"as": true, "break": true, "class": true, "continue": true, "do": true,
	"else": true, "false": true, "for": true, "fun": true, "if": true, "in": true,
	"interface": true, "is": true, "null": true, "object": true, "package": true,
	"return": true, "super": true, "this": true, "throw": true, "true": true,
	"try": true, "typealias": true, "typeof": true, "val": true, "var": true,
	"when": true, "while": true,
}

var modifierWords = map[string]bool{
	"public": true, "private": true, "protected": true, "internal": true,
	"open": true, "abstract": true, "final": true, "override": true, "data": true,
	"sealed": true, "enum": true, "inner": true, "companion": true, "const": true,
	"lateinit": true, "suspend": true, "inline": true, "infix": true,
	"operator": true, "tailrec": true, "vararg": true, "noinline": true,
	"crossinline": true, "external": true, "expect": true, "actual": true,
	"annotation": true, "value": true,
}

// lexDef implements participle's lexer.Definition on top of lexTokens.
type lexDef struct{}

func (lexDef) Symbols() map[string]lexer.TokenType { return symbols }

func (d lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexBytes(filename, b)
}

func (lexDef) LexString(filename, s string) (lexer.Lexer, error) {
	return lexDef{}.LexBytes(filename, []byte(s))
}

func (lexDef) LexBytes(filename string, b []byte) (lexer.Lexer, error) {
	toks, err := lexTokens(filename, string(b), lang.Pos{Line: 1, Col: 1}, false)
	if err != nil {
		return nil, err
	}
	return &sliceLexer{toks: toks}, nil
}

// sliceLexer replays a pre-lexed token slice.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.toks) {
		return l.toks[len(l.toks)-1], nil
	}
	t := l.toks[l.i]
	l.i++
	return t, nil
}

// rawTok is a token before the newline and context passes.
type rawTok struct {
	kind lexer.TokenType
	val  string
	pos  lexer.Position
	nl   bool // a line break precedes the token
}

// scanner is the character-level lexer state.
type scanner struct {
	file      string
	src       string
	off       int
	line      int
	lineStart int // offset of the first byte of the current line
	colOff    int // cached (offset, col) on the current line
	colVal    int
	baseLine  int // position offset of src within an enclosing file
	baseCol   int
	err       *lang.Error
	// depth is the nesting level src starts at, tmpl the number of
	// `${...}` entries the scanner is inside, tooDeep the offset of the
	// '$' of the first that nests past maxNesting (-1 before that).
	depth, tmpl, tooDeep int
	stop                 func() error // polled every pollTokens tokens (nil: never)
}

// templateCost is what a `${...}` inside a string counts toward
// maxNesting: more than a bracket, since the text of a template is lexed
// once more for every template it is in.
const templateCost = 20

// fail records the first lexical error: msg at p, spanning the source text
// span (one caret when span is "").
func (s *scanner) fail(p lexer.Position, span, msg string) {
	end := lang.Pos{}
	if span != "" {
		end = lpos(p).After(span)
	}
	s.failAt(lpos(p), end, msg)
}

// failAt records the first lexical error: msg about the text from at to
// end (the zero Pos when unknown).
func (s *scanner) failAt(at, end lang.Pos, msg string) {
	if s.err == nil {
		s.err = &lang.Error{File: s.file, Pos: at, End: end, Msg: msg}
	}
}

// unexpectedCharMsg is kotlinc's message for a character no token starts
// with: an element is expected at the start of a line, else the rest of
// the line is unexpected.
func unexpectedCharMsg(lineStart bool) string {
	if lineStart {
		return "syntax error: Expecting an element."
	}
	return "syntax error: Unexpected tokens (use ';' to separate expressions on the same line)."
}

// restOfLine returns src[i:] up to the end of its line.
func restOfLine(src string, i int) string {
	if n := strings.IndexByte(src[i:], '\n'); n >= 0 {
		return src[i : i+n]
	}
	return src[i:]
}

// position returns the position of byte offset off, which must be on the current line.
func (s *scanner) position(off int) lexer.Position {
	if s.colOff < s.lineStart || s.colOff > off {
		s.colOff, s.colVal = s.lineStart, 1
	}
	for i := s.colOff; i < off; {
		c := s.src[i]
		if c < utf8.RuneSelf {
			i++
		} else {
			_, n := utf8.DecodeRuneInString(s.src[i:])
			i += n
		}
		s.colVal++
	}
	s.colOff = off
	col := s.colVal
	if s.line == 1 {
		col += s.baseCol - 1
	}
	return lexer.Position{Filename: s.file, Offset: off, Line: s.line + s.baseLine - 1, Column: col}
}

// newlines accounts for the line breaks in src[from:to].
func (s *scanner) newlines(from, to int) {
	for i := from; i < to; i++ {
		if s.src[i] == '\n' {
			s.line++
			s.lineStart = i + 1
		}
	}
}

func isIdentStart(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// runeAt decodes the rune at offset i (0 and width 0 at the end).
func (s *scanner) runeAt(i int) (rune, int) {
	if i >= len(s.src) {
		return 0, 0
	}
	c := s.src[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.src[i:])
}

// three-, two- and one-character operators, longest first.
var ops3 = []string{"===", "!==", "..<"}
var ops2 = []string{"?.", "?:", "::", "..", "->", "++", "--", "+=", "-=", "*=", "/=", "%=", "==", "!=", "<=", ">=", "&&", "||", "!!"}

const ops1 = "+-*/%=<>!?.,;:()[]{}@"

// scanRaw splits src into raw tokens.
func (s *scanner) scanRaw() []rawTok {
	src := s.src
	toks := make([]rawTok, 0, len(src)/4+1)
	nl := false
	if len(src) >= 2 && src[0] == '#' && src[1] == '!' && s.baseLine == 1 && s.baseCol == 1 {
		for s.off < len(src) && src[s.off] != '\n' {
			s.off++
		}
	}
	for s.err == nil {
		// whitespace and comments
		for s.off < len(src) {
			c := src[s.off]
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' {
				s.off++
			} else if c == '\n' {
				s.off++
				s.line++
				s.lineStart = s.off
				nl = true
			} else if c == '/' && s.off+1 < len(src) && src[s.off+1] == '/' {
				for s.off < len(src) && src[s.off] != '\n' {
					s.off++
				}
			} else if c == '/' && s.off+1 < len(src) && src[s.off+1] == '*' {
				start := s.off
				end := s.skipBlockComment(s.off)
				if end < 0 {
					// kotlinc: at the end of the file
					s.failAt(lpos(s.position(start)).After(src[start:]), lang.Pos{}, "syntax error: Unclosed comment.")
					return toks
				}
				for i := start; i < end; i++ {
					if src[i] == '\n' {
						nl = true
						s.line++
						s.lineStart = i + 1
					}
				}
				s.off = end
			} else {
				break
			}
		}
		if s.off >= len(src) {
			break
		}
		start := s.off
		pos := s.position(start)
		c := src[start]
		var kind lexer.TokenType
		var val string
		switch {
		case c == '`':
			i := start + 1
			for i < len(src) && src[i] != '`' && src[i] != '\n' {
				i++
			}
			if i >= len(src) || src[i] != '`' || i == start+1 {
				s.fail(pos, "", "unterminated backquoted identifier.")
				return toks
			}
			s.off = i + 1
			kind, val = tIdent, src[start:s.off]
		case isDigit(c) || c == '.' && start+1 < len(src) && isDigit(src[start+1]):
			kind = s.scanNumber(pos)
			val = src[start:s.off]
		case c == '\'':
			end := s.skipChar(start)
			if end < 0 {
				s.fail(pos, restOfLine(src, start), "incorrect character literal.")
				return toks
			}
			s.off = end
			kind, val = tChar, src[start:end]
		case c == '"' || c == '$' && dollarQuote(src, start) > 0:
			end := s.skipString(start)
			if end < 0 && s.tooDeep >= 0 {
				at := lpos(pos)
				if !strings.Contains(src[start:s.tooDeep], "\n") {
					at = lpos(s.position(s.tooDeep))
				}
				s.failAt(at, lang.Pos{}, tooDeepMsg)
				return toks
			}
			if end < 0 {
				// kotlinc: expecting the quote at the end of the line
				s.failAt(lpos(pos).After(restOfLine(src, start)), lang.Pos{}, "syntax error: Expecting '\"'.")
				return toks
			}
			s.off = end
			kind, val = tString, src[start:end]
			s.newlines(start, end)
		case c == '@':
			r, n := s.runeAt(start + 1)
			if isIdentStart(r) || r == '`' {
				i := start + 1 + n
				if r == '`' {
					for i < len(src) && src[i] != '`' && src[i] != '\n' {
						i++
					}
					if i < len(src) && src[i] == '`' {
						i++
					}
				} else {
					for {
						r, n := s.runeAt(i)
						if n == 0 || !isIdentPart(r) {
							break
						}
						i += n
					}
				}
				s.off = i
				kind, val = tAtIdent, src[start+1:i]
			} else {
				s.off++
				kind, val = tPunct, "@"
			}
		default:
			r, n := s.runeAt(start)
			if isIdentStart(r) {
				i := start + n
				for {
					r, n := s.runeAt(i)
					if n == 0 || !isIdentPart(r) {
						break
					}
					i += n
				}
				s.off = i
				val = src[start:i]
				kind = tIdent
				if keywords[val] {
					kind = tKeyword
					if val == "as" && i < len(src) && src[i] == '?' {
						s.off++
						kind, val = tPunct, "as?"
					}
				} else if i < len(src) && src[i] == '@' {
					s.off++
					kind = tLabel
				}
				break
			}
			if c == '!' && start+2 < len(src) && src[start+1] == 'i' && (src[start+2] == 'n' || src[start+2] == 's') {
				r3, _ := s.runeAt(start + 3)
				if !isIdentPart(r3) {
					s.off = start + 3
					kind, val = tPunct, src[start:s.off]
					break
				}
			}
			for _, op := range ops3 {
				if len(src)-start >= 3 && src[start:start+3] == op {
					kind, val = tPunct, op
					break
				}
			}
			if kind == 0 {
				for _, op := range ops2 {
					if len(src)-start >= 2 && src[start:start+2] == op {
						kind, val = tPunct, op
						break
					}
				}
			}
			if kind == 0 {
				for i := 0; i < len(ops1); i++ {
					if ops1[i] == c {
						kind, val = tPunct, ops1[i:i+1]
						break
					}
				}
			}
			if kind == 0 {
				if r == utf8.RuneError && n <= 1 {
					s.fail(pos, "", "invalid UTF-8 encoding.")
				} else {
					s.fail(pos, "", unexpectedCharMsg(strings.TrimSpace(src[s.lineStart:start]) == ""))
				}
				return toks
			}
			s.off = start + len(val)
		}
		if s.err != nil {
			return toks
		}
		toks = append(toks, rawTok{kind: kind, val: val, pos: pos, nl: nl})
		if len(toks)%pollTokens == 0 {
			poll(s.stop)
		}
		nl = false
	}
	return toks
}

// skipBlockComment returns the offset after the (nested) comment starting at
// i, or -1 when it is unterminated.
func (s *scanner) skipBlockComment(i int) int {
	src := s.src
	depth := 0
	for i < len(src) {
		if src[i] == '/' && i+1 < len(src) && src[i+1] == '*' {
			depth++
			i += 2
		} else if src[i] == '*' && i+1 < len(src) && src[i+1] == '/' {
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		} else {
			i++
		}
	}
	return -1
}

// skipChar returns the offset after the char literal at i, or -1.
func (s *scanner) skipChar(i int) int {
	src := s.src
	i++
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '\'':
			return i + 1
		case '\n':
			return -1
		}
		i++
	}
	return -1
}

// skipString returns the offset after the string literal (regular or raw)
// starting at i, or -1 when it is unterminated. Templates are skipped with
// their nested strings.
func (s *scanner) skipString(i int) int {
	src := s.src
	n := dollarQuote(src, i)
	if n > 0 {
		return s.skipDollarString(i+n, n)
	}
	if len(src)-i >= 3 && src[i:i+3] == `"""` {
		i += 3
		for i < len(src) {
			if src[i] == '"' && len(src)-i >= 3 && src[i:i+3] == `"""` {
				i += 3
				for i < len(src) && src[i] == '"' {
					i++
				}
				return i
			}
			if src[i] == '$' && i+1 < len(src) && src[i+1] == '{' {
				i = s.skipTemplate(i + 2)
				if i < 0 {
					return -1
				}
				continue
			}
			i++
		}
		return -1
	}
	i++
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '"':
			return i + 1
		case '\n':
			return -1
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				i = s.skipTemplate(i + 2)
				if i < 0 {
					return -1
				}
				continue
			}
		}
		i++
	}
	return -1
}

// dollarQuote returns n when src[i:] starts a multi-dollar string
// literal, n (at least two) dollars and a quote (`$$"..."`), else 0.
func dollarQuote(src string, i int) int {
	j := i
	for j < len(src) && src[j] == '$' {
		j++
	}
	if j-i < 2 || j >= len(src) || src[j] != '"' {
		return 0
	}
	return j - i
}

// skipDollarString is skipString for a multi-dollar literal whose quote
// is at i: only a run of at least n dollars followed by `{` opens a
// template entry.
func (s *scanner) skipDollarString(i, n int) int {
	src := s.src
	raw := len(src)-i >= 3 && src[i:i+3] == `"""`
	if raw {
		i += 3
	} else {
		i++
	}
	for i < len(src) {
		switch c := src[i]; {
		case raw && c == '"' && len(src)-i >= 3 && src[i:i+3] == `"""`:
			i += 3
			for i < len(src) && src[i] == '"' {
				i++
			}
			return i
		case !raw && c == '\\':
			i += 2
			continue
		case !raw && c == '"':
			return i + 1
		case !raw && c == '\n':
			return -1
		case c == '$':
			j := i
			for j < len(src) && src[j] == '$' {
				j++
			}
			if j-i >= n && j < len(src) && src[j] == '{' {
				i = s.skipTemplate(j + 1)
				if i < 0 {
					return -1
				}
				continue
			}
			i = j
			continue
		}
		i++
	}
	return -1
}

// skipTemplate skips the body of a `${...}` entry starting after the brace
// and returns the offset after the closing brace, or -1.
func (s *scanner) skipTemplate(i int) int {
	s.tmpl++
	defer func() { s.tmpl-- }()
	if s.depth+s.tmpl*templateCost > maxNesting && s.tooDeep < 0 {
		s.tooDeep = i - 2
	}
	if s.tooDeep >= 0 {
		return -1
	}
	src := s.src
	depth := 1
	for i < len(src) {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			i = s.skipString(i)
			if i < 0 {
				return -1
			}
			continue
		case '\'':
			j := s.skipChar(i)
			if j > 0 {
				i = j
				continue
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				continue
			}
			if i+1 < len(src) && src[i+1] == '*' {
				i = s.skipBlockComment(i)
				if i < 0 {
					return -1
				}
				continue
			}
		}
		i++
	}
	return -1
}

// scanNumber scans a numeric literal at s.off.
func (s *scanner) scanNumber(pos lexer.Position) lexer.TokenType {
	src := s.src
	i := s.off
	kind := tInt
	if src[i] == '0' && i+1 < len(src) && (src[i+1]|0x20 == 'x' || src[i+1]|0x20 == 'b') {
		i += 2
		for i < len(src) && (isHex(src[i]) || src[i] == '_') {
			i++
		}
	} else {
		for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
			i++
		}
		if i+1 < len(src) && src[i] == '.' && isDigit(src[i+1]) {
			kind = tFloat
			i++
			for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
				i++
			}
		}
		if i < len(src) && src[i]|0x20 == 'e' {
			j := i + 1
			if j < len(src) && (src[j] == '+' || src[j] == '-') {
				j++
			}
			if j < len(src) && isDigit(src[j]) {
				kind = tFloat
				i = j
				for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
					i++
				}
			}
		}
		if i < len(src) && src[i]|0x20 == 'f' {
			kind = tFloat
			i++
		}
	}
	if kind == tInt {
		if i < len(src) && src[i]|0x20 == 'u' {
			i++
		}
		if i < len(src) && src[i] == 'L' {
			i++
		}
	}
	s.off = i
	if r, _ := s.runeAt(i); isIdentPart(r) {
		s.fail(pos, "", "invalid numeric literal.")
	}
	return kind
}

func isHex(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
