package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

// frame is an open bracket during the context pass.
type frame struct {
	open     byte // '(', '[', '<' or '{' (0 for the outermost level)
	ctrl     bool // '(' of an if/while/for/when/catch header
	do       bool // '{' opened right after `do`
	declHead bool // '{' level: a declaration header is pending its body
	prop     bool // '{' level: the current statement is a property declaration
}

// lexTokens lexes src into the token stream seen by the grammar. base is the
// position of src[0] in its file (for template expressions); inParens starts
// the stream inside a parenthesis, where newlines are insignificant.
func lexTokens(file, src string, base lang.Pos, inParens bool) ([]lexer.Token, *lang.Error) {
	s := &scanner{file: file, src: src, line: 1, colVal: 1, baseLine: int(base.Line), baseCol: int(base.Col)}
	raw := s.scanRaw()
	if s.err != nil {
		return nil, s.err
	}
	c := contextPass{raw: raw, out: make([]lexer.Token, 0, len(raw)+len(raw)/4+1)}
	if inParens {
		c.stack = append(c.stack, frame{open: '('})
	} else {
		c.stack = append(c.stack, frame{})
	}
	c.run()
	end := s.position(len(src))
	end.Line = s.line + s.baseLine - 1
	c.out = append(c.out, lexer.Token{Type: lexer.EOF, Pos: end})
	return c.out, nil
}

type contextPass struct {
	raw   []rawTok
	out   []lexer.Token
	stack []frame
	// properties of the last emitted token
	lastCtrlClose bool // ')' closing a control-structure header
	lastDoClose   bool // '}' closing the body of a `do`
	whileAfterDo  bool // the last `while` ends a do-while
}

func (c *contextPass) top() *frame { return &c.stack[len(c.stack)-1] }

func (c *contextPass) lastOut() *lexer.Token {
	if len(c.out) == 0 {
		return nil
	}
	return &c.out[len(c.out)-1]
}

func (c *contextPass) emitSep(pos lexer.Position, val string) {
	last := c.lastOut()
	if last == nil || last.Type == tSep || last.Type == tArrowBrace || last.Type == tPunct && last.Value == "{" {
		return
	}
	c.out = append(c.out, lexer.Token{Type: tSep, Value: val, Pos: pos})
	t := c.top()
	t.declHead = false
	t.prop = false
	c.lastCtrlClose, c.lastDoClose = false, false
}

func (c *contextPass) run() {
	raw := c.raw
	for i := 0; i < len(raw); i++ {
		t := &raw[i]
		if t.nl && c.newlineSeparates(i) {
			c.emitSep(t.pos, "\n")
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
		}
		if t.kind == tPunct && t.val == ";" {
			c.emitSep(t.pos, ";")
			continue
		}
		if t.kind == tPunct && t.val == "<" && len(c.out) > 0 {
			p := c.lastOut()
			if p.Type == tIdent || p.Type == tKeyword && (p.Value == "super" || p.Value == "fun" || p.Value == "val" || p.Value == "var") {
				if j := c.typeArgsEnd(i, p.Type == tKeyword && p.Value != "super"); j > 0 {
					t.kind = tTALt
					raw[j].kind = tTAGt
				}
			}
		}
		if t.kind == tPunct && t.val == "{" && c.hasArrow(i) {
			t.kind = tArrowBrace
		}
		c.emit(t)
	}
	if last := c.lastOut(); last != nil && last.Type == tSep {
		c.out = c.out[:len(c.out)-1]
	}
}

// emit appends t and maintains the bracket stack.
func (c *contextPass) emit(t *rawTok) {
	prev := c.lastOut()
	ctrlClose, doClose := false, false
	switch t.kind {
	case tTALt:
		c.stack = append(c.stack, frame{open: '<'})
	case tTAGt:
		if c.top().open == '<' {
			c.stack = c.stack[:len(c.stack)-1]
		}
	case tArrowBrace:
		c.top().declHead = false
		c.stack = append(c.stack, frame{open: '{'})
	case tKeyword:
		switch t.val {
		case "val", "var":
			if c.top().open == '{' || c.top().open == 0 {
				c.top().prop = true
			}
		case "fun", "class", "interface", "object":
			c.top().declHead = true
		case "while":
			c.whileAfterDo = c.lastDoClose
		}
	case tIdent:
		if t.val == "constructor" || t.val == "init" {
			c.top().declHead = true
		}
	case tPunct:
		switch t.val {
		case "(":
			f := frame{open: '('}
			if prev != nil {
				switch {
				case prev.Type == tKeyword && (prev.Value == "if" || prev.Value == "for" || prev.Value == "when"):
					f.ctrl = true
				case prev.Type == tKeyword && prev.Value == "while":
					f.ctrl = !c.whileAfterDo
				case prev.Type == tIdent && prev.Value == "catch":
					f.ctrl = true
				}
			}
			c.stack = append(c.stack, f)
		case "[":
			c.stack = append(c.stack, frame{open: '['})
		case "{":
			f := frame{open: '{'}
			if prev != nil && prev.Type == tKeyword && prev.Value == "do" {
				f.do = true
			}
			c.top().declHead = false
			c.stack = append(c.stack, f)
		case ")", "]", "}":
			open := byte('(')
			if t.val == "]" {
				open = '['
			} else if t.val == "}" {
				open = '{'
				if last := c.lastOut(); last != nil && last.Type == tSep {
					c.out = c.out[:len(c.out)-1]
				}
			}
			// pop up to the matching bracket (unclosed '<' are dropped)
			for k := len(c.stack) - 1; k >= 1; k-- {
				if c.stack[k].open == open {
					f := c.stack[k]
					c.stack = c.stack[:k]
					ctrlClose = f.ctrl
					doClose = f.do
					break
				}
				if c.stack[k].open != '<' {
					break
				}
			}
		case "=":
			c.top().declHead = false
		}
	}
	c.out = append(c.out, lexer.Token{Type: t.kind, Value: t.val, Pos: t.pos})
	c.lastCtrlClose, c.lastDoClose = ctrlClose, doClose
}

// canEnd reports whether token p can end a statement.
func (c *contextPass) canEnd(p *lexer.Token) bool {
	switch p.Type {
	case tIdent, tInt, tFloat, tChar, tString, tAtIdent, tTAGt:
		return true
	case tKeyword:
		switch p.Value {
		case "this", "super", "true", "false", "null", "return", "break", "continue":
			return true
		}
	case tPunct:
		switch p.Value {
		case ")", "]", "}", "++", "--", "!!", "?":
			return true
		case "*":
			n := len(c.out)
			return n >= 2 && c.out[n-2].Value == "." && c.out[n-2].Type == tPunct
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
	p := c.lastOut()
	if p == nil || p.Type == tSep || !c.canEnd(p) {
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
			return !c.lastDoClose
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
	case tAtIdent:
		return true
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
		case tPunct:
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
