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
func ParseFile(name string, src []byte) (*lang.File, error) {
	buildParsers()
	text := string(src)
	c := &conv{file: name}
	f := c.parseFile(text)
	if len(c.errs) > 0 {
		errs := c.errs.Sort()
		errs.AttachSource(text)
		return nil, errs
	}
	return f, nil
}

// ParseExpr parses a single expression (newlines inside it are not
// significant except within lambdas).
func ParseExpr(name string, src []byte) (lang.Expr, error) {
	buildParsers()
	text := string(src)
	x, errs := parseExprTokens(name, text, lang.Pos{Line: 1, Col: 1})
	if len(errs) > 0 {
		errs = errs.Sort()
		errs.AttachSource(text)
		return nil, errs
	}
	return x, nil
}

func (c *conv) parseFile(text string) (f *lang.File) {
	toks, lerr := lexTokens(c.file, text, lang.Pos{Line: 1, Col: 1}, false)
	if lerr != nil {
		c.errs = append(c.errs, lerr)
		return nil
	}
	g, err := parseTokens(fileParser, toks)
	if err != nil {
		c.errs = append(c.errs, c.convertError(err, toks, false))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			c.errorf(lang.Pos{Line: 1, Col: 1}, "internal parser error: %v", r)
			f = nil
		}
	}()
	return c.fileNode(g)
}

// parseExprTokens lexes and parses src, located at base in file, as one
// expression.
func parseExprTokens(file, src string, base lang.Pos) (x lang.Expr, errs lang.ErrorList) {
	c := &conv{file: file}
	toks, lerr := lexTokens(file, src, base, true)
	if lerr != nil {
		return nil, lang.ErrorList{lerr}
	}
	g, err := parseExprToks(toks)
	if err != nil {
		return nil, lang.ErrorList{c.convertError(err, toks, base != posOne)}
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				c.errorf(base, "internal parser error: %v", r)
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
func parseTokens[G any](p *participle.Parser[G], toks []lexer.Token) (g *G, err error) {
	defer func() {
		if r := recover(); r != nil {
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
	return p.ParseFromLexer(pl)
}

// parseExprToks parses a token slice as one expression with the
// hand-written expression parser.
func parseExprToks(toks []lexer.Token) (g *gExpr, err error) {
	defer func() {
		if r := recover(); r != nil {
			g = nil
			err = fmt.Errorf("internal parser error: %v", r)
		}
	}()
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	return parseExprRoot(pl)
}

// describe names a token for an error message.
func describe(t lexer.Token) string {
	switch t.Type {
	case lexer.EOF:
		return "end of file"
	case tSep:
		if t.Value == ";" {
			return `";"`
		}
		return "newline"
	case tLiteral:
		switch t.Value[0] {
		case '"':
			return "string literal"
		case '\'':
			return "character literal"
		}
		if isDigit(t.Value[0]) || t.Value[0] == '.' {
			return "number " + t.Value
		}
	case tParams:
		return "lambda parameters"
	case tLabel:
		return fmt.Sprintf("label %q", t.Value+"@")
	case tSuffix:
		if t.Value != "" && isIdentStart(rune(t.Value[0])) {
			return fmt.Sprintf("label %q", t.Value+"@")
		}
	case tAtIdent:
		return fmt.Sprintf("%q", "@"+t.Value)
	}
	return fmt.Sprintf("%q", t.Value)
}

// convertError rewrites a participle error for humans.
func (c *conv) convertError(err error, toks []lexer.Token, template bool) *lang.Error {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return &lang.Error{File: c.file, Pos: lang.Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	pos := lpos(perr.Position())
	msg := perr.Message()
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		// An operator without its right operand: report at the token
		// after the operator, where the operand is missing.
		describe := func(t lexer.Token) string {
			if template && t.Type == lexer.EOF {
				return `"}"`
			}
			return describe(t)
		}
		i := tokenIndex(toks, ute.Unexpected)
		op, bad := ute.Unexpected, lexer.Token{}
		if i >= 0 && i+1 < len(toks) {
			bad = toks[i+1]
		}
		if !isOperator(op) && i > 0 {
			op, bad = toks[i-1], ute.Unexpected
		}
		if isOperator(op) && bad.Pos.Line > 0 && !startsOperand(bad) {
			what := "an expression"
			if op.Type == tTypeOp {
				what = "a type"
			}
			return &lang.Error{File: c.file, Pos: lpos(bad.Pos), Msg: fmt.Sprintf("expected %s after %q but found %s", what, op.Value, describe(bad))}
		}
		if i > 0 && ute.Unexpected.Type != tSep && ute.Unexpected.Type != lexer.EOF && toks[i-1].Pos.Line == ute.Unexpected.Pos.Line &&
			endsStatement(toks[i-1]) && (strings.HasSuffix(perr.Message(), `(expected "}")`) || !strings.Contains(perr.Message(), "(expected")) {
			return &lang.Error{File: c.file, Pos: lpos(ute.Unexpected.Pos), Msg: fmt.Sprintf(`unexpected %s (statements on one line must be separated by ";")`, describe(ute.Unexpected))}
		}
		found := describe(ute.Unexpected)
		msg = "unexpected " + found
		if i := strings.Index(perr.Message(), " (expected "); i >= 0 {
			exp := strings.TrimSuffix(perr.Message()[i+len(" (expected "):], ")")
			if e, ok := simpleExpect(exp); ok {
				msg = fmt.Sprintf("expected %s but found %s", e, found)
			}
		}
	}
	if !pos.IsValid() {
		pos = lang.Pos{Line: 1, Col: 1}
	}
	return &lang.Error{File: c.file, Pos: pos, Msg: msg}
}

// grammar node names shown as expectations.
var expectNames = map[string]string{
	"gExpr": "an expression", "gOperand": "an expression",
	"gType": "a type", "gBody": "a statement or block", "gBlock": `"{"`,
	"gStmt": "a statement", "<ident>": "a name", "gNameChain": "a name", "gName": "a name",
	"gSimpleType": "a type", "gLambda": "a lambda",
}

// simpleExpect turns participle's expectation into words when it is short.
func simpleExpect(exp string) (string, bool) {
	if n, ok := expectNames[exp]; ok {
		return n, true
	}
	if strings.HasPrefix(exp, `"`) && strings.HasSuffix(exp, `"`) && strings.Count(exp, `"`) == 2 {
		return exp, true
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
