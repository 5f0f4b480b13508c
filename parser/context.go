package parser

import (
	"fmt"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

// The context pass turns raw tokens into the stream the grammar sees:
//
//   - significant newlines become Sep tokens (see newlineSeparates);
//   - soft modifier keywords in modifier position become Modifier tokens;
//   - '<' ... '>' around type arguments are recognised (typeArgsEnd);
//   - operators are classified by what precedes them: after an operand
//     ('x', ')', ']', '}', a literal, ...) a '-' is a BinOp, '(' a Suffix
//     (call), an identifier an infix function name (BinOp); elsewhere '-'
//     is a PrefixOp, '(' plain punctuation and so on. This lets the
//     grammar decide most alternatives on one token.

// frame is an open bracket during the context pass.
type frame struct {
	open     byte // '(', '[', '<' or '{' (0 for the outermost level)
	params   bool // '<' of type parameters after fun/val/var
	ctrl     bool // '(' of an if/while/for/when/catch header
	when     bool // '(' of a when header
	annot    bool // '(' of annotation arguments
	do       bool // '{' opened right after `do`
	bareDo   int  // '{' level: `do` keywords whose body is a statement without braces, awaiting their `while`
	declHead bool // '{' level: a declaration header is pending its body
	prop     bool // '{' level: the current statement is a property declaration
	links    int  // operators, suffixes and keywords since the last separator or ','
}

// lexTokens lexes src into the token stream seen by the grammar. base is the
// position of src[0] in its file (for template expressions); inParens starts
// the stream inside a parenthesis, where newlines are insignificant.
func lexTokens(file, src string, base lang.Pos, inParens bool) ([]lexer.Token, *lang.Error) {
	toks, _, err := lexTokensAt(file, src, base, inParens, 0, nil)
	return toks, err
}

// lexTokensAt is lexTokens for a text that starts depth levels deep in the
// syntax tree; it also returns the deepest level the text reaches. It
// polls stop (when set) as it scans.
func lexTokensAt(file, src string, base lang.Pos, inParens bool, depth int, stop func() error) ([]lexer.Token, int, *lang.Error) {
	s := &scanner{file: file, src: src, line: 1, colVal: 1, baseLine: int(base.Line), baseCol: int(base.Col), depth: depth, tooDeep: -1, stop: stop}
	raw := s.scanRaw()
	if s.err != nil {
		return nil, 0, s.err
	}
	c := contextPass{raw: raw, out: make([]lexer.Token, 0, len(raw)+len(raw)/4+1), base: depth, maxDepth: depth}
	if inParens {
		c.stack = append(c.stack, frame{open: '('})
	} else {
		c.stack = append(c.stack, frame{})
	}
	c.run()
	if t := c.tooDeep; t != nil {
		return nil, 0, &lang.Error{File: file, Pos: lang.Pos{Line: int32(t.pos.Line), Col: int32(t.pos.Column)},
			Msg: tooDeepMsg}
	}
	end := s.position(len(src))
	c.out = append(c.out, lexer.Token{Type: lexer.EOF, Pos: end})
	return c.out, c.maxDepth, nil
}

type contextPass struct {
	raw   []rawTok
	out   []lexer.Token
	stack []frame
	// facts about the last emitted token (prev is nil after a Sep)
	prev          *rawTok
	operand       bool // it ends an operand: binary operators and suffixes may follow
	infixOK       bool // an identifier after it is an infix function name
	lastCtrlClose bool // ')' closing a control-structure header
	lastWhenClose bool // ')' closing a when header
	lastDoClose   bool // '}' closing the body of a `do`
	whileAfterDo  bool // the last `while` ends a do-while
	tooDeep       *rawTok
	// links is the sum of the frames' links: with len(stack) it bounds the
	// depth of the syntax tree built so far (depth).
	links int
	// sepLinks is the top frame's links before the last Sep, restored when
	// an `else` takes that Sep back (`if (a) b; else if ...` nests).
	sepLinks int
	// base is the depth at which this text starts (a template's
	// expression inside its string); maxDepth the deepest point reached.
	base, maxDepth int
}

// maxNesting bounds the nesting of the syntax tree, so that the recursive
// parts of the parser, the resolver and the compiler stay far from Go's
// stack limit on hostile input. Every open bracket counts one level, and
// so does every operator, suffix (`.name`, `?.name`, a call, `!!`) and
// expression keyword (`if`, `else`, `throw`, `return`, ...) between two
// statement separators or commas of the same bracket: a conservative
// bound on how deep the tree of a chain like `a.f().f().f()...`,
// `throw throw ...` or `- - - x` grows. A `${...}` template counts from
// the deepest level of the text it is in, and templateCost levels for
// every template it is nested in.
const maxNesting = 2000

// tooDeepMsg reports code nested past maxNesting.
var tooDeepMsg = fmt.Sprintf("code nested more than %d levels deep (brackets, operators and chained calls each count one level).", maxNesting)

// depth returns the nesting bound at the current token.
func (c *contextPass) depth() int { return c.base + len(c.stack) + c.links }

// linkToken reports whether the emitted token ot/val makes the syntax tree
// one level deeper (without opening a bracket).
func linkToken(ot lexer.TokenType, val string) bool {
	switch ot {
	case tPrefixOp, tSuffix, tBinOp, tTypeOp, tAssignOp, tDecl:
		return true
	case tKeyword:
		switch val {
		case "if", "else", "while", "for", "do", "throw", "return", "try", "when", "catch", "finally":
			return true
		}
	case tPunct:
		return val == "->" || val == "?"
	}
	return false
}

func (c *contextPass) top() *frame { return &c.stack[len(c.stack)-1] }

func (c *contextPass) emitSep(pos lexer.Position, val string) {
	n := len(c.out)
	if n == 0 || c.out[n-1].Type == tSep || c.out[n-1].Type == tParams || c.out[n-1].Value == "{" {
		return
	}
	c.out = append(c.out, lexer.Token{Type: tSep, Value: val, Pos: pos})
	t := c.top()
	c.sepLinks = t.links
	c.links -= t.links
	t.links = 0
	t.declHead = false
	t.prop = false
	c.prev = nil
	c.operand, c.infixOK = false, false
	c.lastCtrlClose, c.lastWhenClose, c.lastDoClose = false, false, false
}

// afterPrev returns the position just after the last emitted token (where
// a significant newline is), or def when that is not simple to compute.
func (c *contextPass) afterPrev(def lexer.Position) lexer.Position {
	n := len(c.out)
	if n == 0 {
		return def
	}
	p := c.out[n-1]
	cols := 0
	for _, r := range p.Value {
		if r == '\n' {
			return def
		}
		cols++
	}
	if p.Type == tLabel {
		cols++ // the '@'
	}
	p.Pos.Column += cols
	p.Pos.Offset += len(p.Value)
	return p.Pos
}

func (c *contextPass) run() {
	raw := c.raw
	for i := 0; i < len(raw); i++ {
		t := &raw[i]
		if t.nl && c.newlineSeparates(i) {
			c.emitSep(c.afterPrev(t.pos), "\n")
		}
		switch t.kind {
		case tIdent:
			if modifierWords[t.val] && c.isModifier(i) {
				t.kind = tModifier
			}
		case tKeyword:
			if t.val == "fun" && i+1 < len(raw) && raw[i+1].val == "interface" && raw[i+1].kind == tKeyword {
				t.kind = tModifier
			}
			if t.val == "else" && !(i+1 < len(raw) && raw[i+1].val == "->") {
				// `if (a) b; else c`
				if n := len(c.out); n > 0 && c.out[n-1].Type == tSep {
					c.out = c.out[:n-1]
					c.top().links += c.sepLinks
					c.links += c.sepLinks
					c.sepLinks = 0
				}
			}
		case tPunct:
			switch t.val {
			case ";":
				c.emitSep(t.pos, ";")
				continue
			case "<":
				if p := c.prev; p != nil && (p.kind == tIdent || p.kind == tKeyword && (p.val == "super" || p.val == "fun" || p.val == "val" || p.val == "var")) {
					if j := c.typeArgsEnd(i, p.kind == tKeyword && p.val != "super"); j > 0 {
						t.kind = tTALt
						raw[j].kind = tTAGt
					}
				}
			}
		}
		c.emit(t, i)
		if d := c.depth(); d > c.maxDepth {
			c.maxDepth = d
			if d > maxNesting {
				c.tooDeep = t
				return
			}
		}
	}
	if n := len(c.out); n > 0 && c.out[n-1].Type == tSep {
		c.out = c.out[:n-1]
	}
}

// outType classifies t for the grammar given the preceding token.
func (c *contextPass) outType(t *rawTok) lexer.TokenType {
	opnd := c.operand
	switch t.kind {
	case tIdent:
		if opnd && c.infixOK && !t.nl {
			return tBinOp
		}
		return tIdent
	case tInt, tFloat, tChar, tString:
		return tLiteral
	case tKeyword:
		switch t.val {
		case "val", "var", "fun", "class", "interface", "object", "typealias":
			return tDecl
		case "true", "false", "null":
			return tLiteral
		case "in":
			if opnd {
				return tBinOp
			}
		case "as", "is":
			if opnd {
				return tTypeOp
			}
		}
		return tKeyword
	case tLabel:
		if opnd {
			return tSuffix
		}
		return tLabel
	case tTALt:
		if opnd {
			return tSuffix
		}
		return tPunct
	case tPunct:
		switch t.val {
		case ".", "?.":
			return tSuffix
		case "(", "[", "::", "{":
			if opnd {
				return tSuffix
			}
		case "++", "--", "!!":
			if opnd {
				return tSuffix
			}
			return tPrefixOp
		case "!":
			return tPrefixOp
		case "+", "-", "*":
			if opnd {
				return tBinOp
			}
			return tPrefixOp
		case "/", "%", "..", "..<", "?:", "<", ">", "<=", ">=", "==", "!=", "===", "!==", "&&", "||", "!in":
			if opnd {
				return tBinOp
			}
		case "!is", "as?":
			if opnd {
				return tTypeOp
			}
		case "=", "+=", "-=", "*=", "/=", "%=":
			return tAssignOp
		}
	}
	return t.kind
}

// emit appends t and maintains the bracket stack and the operand state.
func (c *contextPass) emit(t *rawTok, i int) {
	prev := c.prev
	ot := c.outType(t)
	ctrlClose, whenClose, doClose := false, false, false
	operand, infixOK := false, false
	switch t.kind {
	case tTALt:
		c.stack = append(c.stack, frame{open: '<', params: prev != nil && prev.kind == tKeyword})
	case tTAGt:
		operand, infixOK = true, true
		if f := c.top(); f.open == '<' {
			if f.params {
				operand, infixOK = false, false
			}
			c.links -= f.links
			c.stack = c.stack[:len(c.stack)-1]
		}
	case tIdent:
		if ot == tIdent {
			operand = true
			switch t.val {
			case "by", "where", "out", "reified", "suspend", "import":
			default:
				infixOK = true
			}
		}
		if t.val == "constructor" || t.val == "init" {
			c.top().declHead = true
		}
	case tInt, tFloat, tChar, tString:
		operand, infixOK = true, true
	case tAtIdent:
		// `return@l -1` returns -1: the label of a return is no operand
		operand = !(prev != nil && prev.kind == tKeyword && prev.val == "return")
	case tKeyword:
		switch t.val {
		case "val", "var":
			if c.top().open == '{' || c.top().open == 0 {
				c.top().prop = true
			}
		case "fun", "class", "interface", "object":
			if t.val == "class" && i > 0 && c.raw[i-1].val == "::" {
				// a class literal: an operand
				operand, infixOK = true, true
			} else {
				c.top().declHead = true
			}
		case "do":
			if i+1 < len(c.raw) && !(c.raw[i+1].kind == tPunct && c.raw[i+1].val == "{") {
				c.top().bareDo++
			}
		case "while":
			c.whileAfterDo = c.lastDoClose
			if f := c.top(); !c.lastDoClose && f.bareDo > 0 {
				f.bareDo-- // `do statement while (c)`
				c.whileAfterDo = true
			}
		case "this", "super", "true", "false", "null":
			operand, infixOK = true, true
		}
	case tPunct:
		switch t.val {
		case "++", "--", "!!":
			if ot == tSuffix {
				operand, infixOK = true, true
			}
		case "(":
			f := frame{open: '('}
			if prev != nil {
				switch {
				case prev.kind == tKeyword && (prev.val == "if" || prev.val == "for"):
					f.ctrl = true
				case prev.kind == tKeyword && prev.val == "when":
					f.ctrl, f.when = true, true
				case prev.kind == tKeyword && prev.val == "while":
					f.ctrl = !c.whileAfterDo
				case prev.kind == tIdent && prev.val == "catch":
					f.ctrl = true
				case prev.kind == tAtIdent:
					f.annot = true
				}
			}
			c.stack = append(c.stack, f)
		case "[":
			c.stack = append(c.stack, frame{open: '['})
		case "{":
			f := frame{open: '{'}
			if prev != nil && prev.kind == tKeyword && prev.val == "do" {
				f.do = true
			}
			arrow := !(prev != nil && prev.kind == tKeyword && prev.val == "when") && !c.lastWhenClose && c.hasArrow(i)
			c.top().declHead = false
			c.stack = append(c.stack, f)
			c.out = append(c.out, lexer.Token{Type: ot, Value: t.val, Pos: t.pos})
			if arrow {
				c.out = append(c.out, lexer.Token{Type: tParams, Value: "", Pos: t.pos})
			}
			c.prev = t
			c.operand, c.infixOK = false, false
			c.lastCtrlClose, c.lastWhenClose, c.lastDoClose = false, false, false
			return
		case ")", "]", "}":
			open := byte('(')
			if t.val == "]" {
				open = '['
			} else if t.val == "}" {
				open = '{'
				if n := len(c.out); n > 0 && c.out[n-1].Type == tSep {
					c.out = c.out[:n-1]
				}
			}
			operand, infixOK = true, true
			// pop up to the matching bracket (unclosed '<' are dropped)
			for k := len(c.stack) - 1; k >= 1; k-- {
				if c.stack[k].open == open {
					f := c.stack[k]
					for _, g := range c.stack[k:] {
						c.links -= g.links
					}
					c.stack = c.stack[:k]
					ctrlClose, whenClose, doClose = f.ctrl, f.when, f.do
					if f.ctrl || f.annot {
						operand, infixOK = false, false
					}
					break
				}
				if c.stack[k].open != '<' {
					break
				}
			}
		case "=":
			c.top().declHead = false
		case ",":
			c.links -= c.top().links
			c.top().links = 0
		}
	}
	if linkToken(ot, t.val) {
		c.top().links++
		c.links++
	}
	c.out = append(c.out, lexer.Token{Type: ot, Value: t.val, Pos: t.pos})
	c.prev = t
	c.operand, c.infixOK = operand, infixOK
	c.lastCtrlClose, c.lastWhenClose, c.lastDoClose = ctrlClose, whenClose, doClose
}

// canEnd reports whether the last emitted token can end a statement.
func (c *contextPass) canEnd() bool {
	p := c.prev
	if p == nil {
		return false
	}
	switch p.kind {
	case tIdent:
		// an infix function name (`a to\n b`) wants its right operand
		n := len(c.out)
		return n == 0 || c.out[n-1].Type != tBinOp
	case tInt, tFloat, tChar, tString, tAtIdent, tTAGt:
		return true
	case tKeyword:
		switch p.val {
		case "this", "super", "true", "false", "null", "return", "break", "continue":
			return true
		case "object":
			return true // `companion object` without a body
		case "class":
			// a class literal, `String::class`, ends an operand
			n := len(c.out)
			return n >= 2 && c.out[n-2].Value == "::"
		}
	case tPunct:
		switch p.val {
		case ")", "]", "}", "++", "--", "!!", "?":
			return true
		case "*":
			n := len(c.out)
			return n >= 2 && c.out[n-2].Value == "."
		}
	}
	return false
}

// newlineSeparates decides whether the line break before raw[i] ends a statement.
func (c *contextPass) newlineSeparates(i int) bool {
	top := c.top()
	if top.open != '{' && top.open != 0 {
		return false
	}
	if !c.canEnd() {
		return false
	}
	if c.lastCtrlClose {
		return false // `if (c)\n body`
	}
	n := &c.raw[i]
	switch n.kind {
	case tPunct:
		switch n.val {
		case ".", "?.", "?:", "&&", "||", ":", "=", "->", ",", ")", "]", "}", "as?":
			return false
		case "{":
			return !top.declHead
		}
	case tKeyword:
		switch n.val {
		case "as":
			return false
		case "else":
			return i+1 < len(c.raw) && c.raw[i+1].val == "->" && c.raw[i+1].kind == tPunct
		case "while":
			return !c.lastDoClose && top.bareDo == 0
		}
	case tIdent:
		switch n.val {
		case "catch", "finally", "by", "where":
			return false
		case "get", "set":
			if top.prop && c.accessorFollows(i) {
				return false
			}
		default:
			if top.prop && modifierWords[n.val] && i+1 < len(c.raw) && !c.raw[i+1].nl &&
				(c.raw[i+1].val == "get" || c.raw[i+1].val == "set") && c.raw[i+1].kind == tIdent {
				return false
			}
		}
	}
	return true
}

// accessorFollows reports whether raw[i] (get or set) looks like a property accessor.
func (c *contextPass) accessorFollows(i int) bool {
	if i+1 >= len(c.raw) {
		return true
	}
	nx := &c.raw[i+1]
	if nx.nl {
		return true
	}
	if nx.kind == tPunct {
		switch nx.val {
		case "(", "=", "}", ";":
			return true
		}
	}
	return false
}

// isModifier reports whether the modifier word raw[i] stands in modifier position.
func (c *contextPass) isModifier(i int) bool {
	if i+1 >= len(c.raw) {
		return false
	}
	nx := &c.raw[i+1]
	if nx.nl {
		return false
	}
	switch nx.kind {
	case tKeyword:
		switch nx.val {
		case "fun", "val", "var", "class", "interface", "object", "typealias":
			return true
		}
	case tAtIdent:
		return true
	case tIdent:
		if modifierWords[nx.val] {
			return true
		}
		switch nx.val {
		case "constructor", "get", "set", "init":
			return true
		}
		switch c.raw[i].val {
		case "vararg", "noinline", "crossinline":
			return true
		}
	}
	return false
}

// typeArgsEnd checks whether the '<' at raw[i] opens a type-argument list and
// returns the index of the matching '>' (or -1). With any set the tokens
// after the list are not inspected (type parameters after fun/val/var).
func (c *contextPass) typeArgsEnd(i int, any bool) int {
	raw := c.raw
	depth, paren := 0, 0
	for j := i; j < len(raw) && j < i+200; j++ {
		t := &raw[j]
		if j > i && t.nl {
			return -1
		}
		switch t.kind {
		case tIdent, tModifier:
		case tKeyword:
			if t.val != "in" {
				return -1
			}
		case tPunct:
			switch t.val {
			case "<":
				depth++
			case ">":
				depth--
				if depth == 0 {
					if paren != 0 {
						return -1
					}
					if any || typeArgsFollow(raw, j+1) {
						return j
					}
					return -1
				}
			case "(":
				paren++
			case ")":
				paren--
				if paren < 0 {
					return -1
				}
			case ".", ",", "?", "*", "->", ":":
			default:
				return -1
			}
		default:
			return -1
		}
	}
	return -1
}

// typeArgsFollow reports whether raw[j] may follow a type-argument list.
func typeArgsFollow(raw []rawTok, j int) bool {
	if j >= len(raw) || raw[j].nl {
		return true
	}
	t := &raw[j]
	switch t.kind {
	case tIdent:
		return t.val == "by" || t.val == "where"
	case tInt, tFloat, tChar, tString, tLabel, tAtIdent:
		return false
	case tKeyword:
		switch t.val {
		case "in", "is", "as":
			return true
		}
		return false
	case tPunct:
		switch t.val {
		case "!", "-", "+", "++", "--", "[", "!in", "!is":
			return false
		}
	}
	return true
}

// hasArrow reports whether the '{' at raw[i] starts a lambda with a parameter list.
func (c *contextPass) hasArrow(i int) bool {
	raw := c.raw
	paren, angle := 0, 0
	for j := i + 1; j < len(raw) && j < i+100; j++ {
		t := &raw[j]
		switch t.kind {
		case tIdent, tModifier:
		case tKeyword:
			if t.val != "in" {
				return false
			}
		case tPunct, tTALt, tTAGt:
			switch t.val {
			case "->":
				if paren == 0 && angle == 0 {
					return true
				}
			case "(":
				paren++
			case ")":
				paren--
				if paren < 0 {
					return false
				}
			case "<":
				angle++
			case ">":
				angle--
			case ",", ":", ".", "?", "*":
			default:
				return false
			}
		default:
			return false
		}
	}
	return false
}
