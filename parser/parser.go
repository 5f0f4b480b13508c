package parser

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

// ParseFile parses a whole source file. On error it returns a lang.ErrorList
// (positions are 1-based lines and rune columns) with the source lines
// attached.
//
// A UTF-8 byte-order mark at the start of src is skipped, as kotlinc does.
func ParseFile(name string, src []byte) (*lang.File, error) {
	return ParseFileStop(name, src, nil)
}

// ParseFileStop is ParseFile that calls stop every thousand tokens or so
// while it scans and parses (stop may be nil): when stop returns an
// error, the parse ends at once and returns that error. A host parsing
// untrusted source passes a function that reports its deadline or
// interrupt, since parsing takes about a microsecond per token.
func ParseFileStop(name string, src []byte, stop func() error) (f *lang.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(parseStop)
			if !ok {
				panic(r)
			}
			f, err = nil, s.err
		}
	}()
	buildParsers()
	text := strings.TrimPrefix(string(src), "\uFEFF")
	c := &conv{file: name, stop: stop}
	f = c.parseFile(text)
	if len(c.errs) > 0 {
		errs := c.errs.Sort()
		errs.AttachSource(text)
		noteUnclosed(errs, text)
		return nil, errs
	}
	return f, nil
}

// ParseExpr parses a single expression (newlines inside it are not
// significant except within lambdas).
func ParseExpr(name string, src []byte) (lang.Expr, error) {
	buildParsers()
	text := string(src)
	x, errs := parseExprTokens(name, text, lang.Pos{Line: 1, Col: 1}, 0, nil)
	if len(errs) > 0 {
		errs = errs.Sort()
		errs.AttachSource(text)
		return nil, errs
	}
	return x, nil
}

func (c *conv) parseFile(text string) (f *lang.File) {
	toks, depth, lerr := lexTokensAt(c.file, text, lang.Pos{Line: 1, Col: 1}, false, 0, c.stop)
	c.depth = depth
	if lerr != nil {
		c.errs = append(c.errs, lerr)
		return nil
	}
	g, err := parseTokens(fileParser, toks, c.stop)
	if err != nil {
		c.errs = append(c.errs, c.convertError(err, toks, false))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			repanicStop(r)
			c.errorf(lang.Pos{Line: 1, Col: 1}, "internal parser error: %v.", r)
			f = nil
		}
	}()
	return c.fileNode(g)
}

// parseExprTokens lexes and parses src, located at base in file and depth
// levels deep in the syntax tree, as one expression.
func parseExprTokens(file, src string, base lang.Pos, depth int, stop func() error) (x lang.Expr, errs lang.ErrorList) {
	c := &conv{file: file, stop: stop}
	toks, depth, lerr := lexTokensAt(file, src, base, true, depth, stop)
	if lerr != nil {
		return nil, lang.ErrorList{lerr}
	}
	c.depth = depth
	g, err := parseExprToks(toks, stop)
	if err != nil {
		return nil, lang.ErrorList{c.convertError(err, toks, base != posOne)}
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				repanicStop(r)
				c.errorf(base, "internal parser error: %v.", r)
			}
		}()
		x = c.expr(g)
	}()
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return x, nil
}

// parseTokens runs a participle parser over a token slice, turning panics
// into errors.
func parseTokens[G any](p *participle.Parser[G], toks []lexer.Token, stop func() error) (g *G, err error) {
	defer func() {
		if r := recover(); r != nil {
			repanicStop(r)
			g = nil
			if e, ok := r.(participle.Error); ok {
				err = e
			} else {
				err = fmt.Errorf("internal parser error: %v", r)
			}
		}
	}()
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	if stop != nil {
		stoppers.Store(pl, stop)
		defer stoppers.Delete(pl)
	}
	return p.ParseFromLexer(pl)
}

// parseExprToks parses a token slice as one expression with the
// hand-written expression parser.
func parseExprToks(toks []lexer.Token, stop func() error) (g *gExpr, err error) {
	defer func() {
		if r := recover(); r != nil {
			repanicStop(r)
			g = nil
			err = fmt.Errorf("internal parser error: %v", r)
		}
	}()
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	if stop != nil {
		stoppers.Store(pl, stop)
		defer stoppers.Delete(pl)
	}
	return parseExprRoot(pl)
}

// convertError rewrites a participle error in kotlinc's words
// ("syntax error: Expecting ')'."), at kotlinc's position: a missing
// element is reported just after the token it should follow.
func (c *conv) convertError(err error, toks []lexer.Token, template bool) *lang.Error {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return &lang.Error{File: c.file, Pos: lang.Pos{Line: 1, Col: 1}, Msg: err.Error() + "."}
	}
	pos := lpos(perr.Position())
	msg := perr.Message()
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		i := tokenIndex(toks, ute.Unexpected)
		op, bad := ute.Unexpected, lexer.Token{}
		if i >= 0 && i+1 < len(toks) {
			bad = toks[i+1]
		}
		if !isOperator(op) && i > 0 {
			op, bad = toks[i-1], ute.Unexpected
		}
		if isOperator(op) && bad.Pos.Line > 0 && !startsOperand(bad) {
			// An operator without its right operand.
			if op.Type == tTypeOp {
				return &lang.Error{File: c.file, Pos: lpos(bad.Pos), Msg: "syntax error: Type expected."}
			}
			return &lang.Error{File: c.file, Pos: tokenEnd(op), Msg: "syntax error: Expecting an element."}
		}
		if i > 0 && ute.Unexpected.Type != tSep && ute.Unexpected.Type != lexer.EOF && toks[i-1].Pos.Line == ute.Unexpected.Pos.Line &&
			endsStatement(toks[i-1]) && (strings.HasSuffix(perr.Message(), `(expected "}")`) || !strings.Contains(perr.Message(), "(expected")) {
			return &lang.Error{File: c.file, Pos: lpos(ute.Unexpected.Pos), End: lpos(ute.Unexpected.Pos).After(ute.Unexpected.Value),
				Msg: "syntax error: Unexpected tokens (use ';' to separate expressions on the same line)."}
		}
		msg = "syntax error: Unexpected tokens."
		if ute.Unexpected.Value == "}" && !template {
			msg = "syntax error: Expecting a top level declaration."
		}
		if j := strings.Index(perr.Message(), " (expected "); j >= 0 {
			exp := strings.TrimSuffix(perr.Message()[j+len(" (expected "):], ")")
			if e, ok := simpleExpect(exp); ok {
				switch {
				case e == "a type":
					// kotlinc: at the token found instead
					msg = "syntax error: Type expected."
				case i > 0:
					msg = "syntax error: Expecting " + e + "."
					pos = tokenEnd(toks[i-1])
				default:
					msg = "syntax error: Expecting " + e + "."
				}
			}
		}
	}
	if !pos.IsValid() {
		pos = lang.Pos{Line: 1, Col: 1}
	}
	return &lang.Error{File: c.file, Pos: pos, Msg: msg}
}

// tokenEnd returns the position just past token t.
func tokenEnd(t lexer.Token) lang.Pos { return lpos(t.Pos).After(t.Value) }

// grammar node names shown as expectations, in kotlinc's words.
var expectNames = map[string]string{
	"gExpr": "an expression", "gOperand": "an element",
	"gType": "a type", "gBody": "an expression", "gBlock": "'{'",
	"gStmt": "an element", "<ident>": "a name", "gNameChain": "a name", "gName": "a name",
	"gSimpleType": "a type", "gLambda": "'{'",
}

// simpleExpect turns participle's expectation into words when it is short.
func simpleExpect(exp string) (string, bool) {
	if n, ok := expectNames[exp]; ok {
		return n, true
	}
	if strings.HasPrefix(exp, `"`) && strings.HasSuffix(exp, `"`) && strings.Count(exp, `"`) == 2 {
		return "'" + exp[1:len(exp)-1] + "'", true
	}
	if strings.HasPrefix(exp, `<ident>`) || strings.HasPrefix(exp, "Ident") {
		return "a name", true
	}
	return "", false
}

// tokenIndex finds t in toks (-1 when absent).
func tokenIndex(toks []lexer.Token, t lexer.Token) int {
	for i := range toks {
		if toks[i].Pos == t.Pos && toks[i].Type == t.Type && toks[i].Value == t.Value {
			return i
		}
	}
	return -1
}

// isOperator reports whether t is an operator that needs a right operand.
func isOperator(t lexer.Token) bool {
	switch t.Type {
	case tBinOp, tTypeOp, tAssignOp, tPrefixOp:
		return true
	}
	return false
}

// endsStatement reports whether a statement can end with t.
func endsStatement(t lexer.Token) bool {
	switch t.Type {
	case tIdent, tLiteral, tTAGt:
		return true
	case tPunct, tSuffix:
		return t.Value == ")" || t.Value == "]" || t.Value == "}"
	case tKeyword:
		return t.Value == "this" || t.Value == "super"
	}
	return false
}

// startsOperand reports whether t can begin an operand.
func startsOperand(t lexer.Token) bool {
	switch t.Type {
	case tIdent, tLiteral, tPrefixOp, tLabel:
		return true
	case tKeyword:
		return t.Value != "else" && t.Value != "in" && t.Value != "is" && t.Value != "as"
	case tPunct, tSuffix:
		switch t.Value {
		case "(", "{", "::":
			return true
		}
	}
	return false
}
