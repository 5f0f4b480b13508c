package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The hand-written part of the parser. Participle parses the overall
// grammar (files, declarations, classes, functions, parameters), but its
// generic machinery costs a few allocations per grammar node tried, so the
// hottest nonterminals are parsed here by recursive descent and plugged into
// the participle grammar as custom nodes: gExpr, gType, gArgs, gBlock and
// gProp implement participle.Parseable, and gStmt is parsed with
// participle.ParseTypeWith. They build the same grammar structs the
// participle grammar would (the struct tags document the syntax), and they
// call back into participle (declParser and friends, productions of the
// file grammar) for the declarations, supers and class bodies they contain.
//
// The hand-written code follows participle's conventions: a literal in the
// grammar ("(", "in", ...) matches a token by its text whatever its type, a
// token type (<ident>, <binop>, ...) matches by type, and an optional part
// that fails right after its first token is backtracked where that lets the
// parse continue (type arguments after a type name, `A.(B) -> C`). A
// nonterminal that cannot start at the current token returns nil without
// consuming anything; errors are raised as panics carrying a
// participle.UnexpectedTokenError and turned into returned errors at the
// custom-node boundaries (hcatch).

// hp is the hand-written parser's state: the participle token stream.
type hp struct {
	lex *lexer.PeekingLexer
	// noLambda stops an expression before a trailing lambda (`I by x {`
	// opens the class body); brackets lift it.
	noLambda bool
}

// hpErr carries a parse error through a panic.
type hpErr struct{ err error }

// hcatch turns an hpErr panic into *err.
func hcatch(err *error) {
	if r := recover(); r != nil {
		e, ok := r.(hpErr)
		if !ok {
			panic(r)
		}
		*err = e.err
	}
}

// Productions of the file grammar the hand-written code calls back into
// (set up in init, next to fileParser).
var (
	declParser      *participle.Parser[gDeclStmt]
	superParser     *participle.Parser[gSuper]
	classBodyParser *participle.Parser[gClassBody]
	allowTrailing   = participle.AllowTrailing(true)
)

// sub parses one T with the participle production sp; unless must is set,
// it returns nil when T cannot start at the current token.
func sub[T any](p *hp, sp *participle.Parser[T], must bool) *T {
	start := p.lex.Cursor()
	v, err := sp.ParseFromLexer(p.lex, allowTrailing)
	if err != nil {
		if !must && p.lex.Cursor() == start {
			if _, ok := err.(*participle.UnexpectedTokenError); ok {
				return nil
			}
		}
		panic(hpErr{err})
	}
	return v
}

func (p *hp) peek() *lexer.Token { return p.lex.Peek() }
func (p *hp) next() *lexer.Token {
	if p.lex.Cursor()%pollTokens == 0 {
		pollStream(p.lex)
	}
	return p.lex.Next()
}

// peek2 returns the token after the next one.
func (p *hp) peek2() *lexer.Token {
	cp := p.lex.MakeCheckpoint()
	p.lex.Next()
	t := p.lex.Peek()
	p.lex.LoadCheckpoint(cp)
	return t
}

// fail raises "unexpected <next token> (expected <expect>)".
func (p *hp) fail(expect string) {
	panic(hpErr{&participle.UnexpectedTokenError{Unexpected: *p.peek(), Expect: expect}})
}

// is reports whether the next token's text is v.
func (p *hp) is(v string) bool { return p.peek().Value == v }

// accept consumes the next token if its text is v.
func (p *hp) accept(v string) bool {
	if p.peek().Value == v {
		p.next()
		return true
	}
	return false
}

// want consumes the next token, which must have the text v.
func (p *hp) want(v string) *lexer.Token {
	if p.peek().Value != v {
		p.fail(`"` + v + `"`)
	}
	return p.next()
}

// name consumes an identifier (backquotes removed).
func (p *hp) name() ident {
	t := p.peek()
	if t.Type != tIdent {
		p.fail("<ident>")
	}
	p.next()
	return unquoteIdent(t.Value)
}

func unquoteIdent(s string) ident {
	if len(s) >= 2 && s[0] == '`' {
		s = s[1 : len(s)-1]
	}
	return ident(s)
}

// ---------------------------------------------------------------- participle hooks

// Parse implements participle.Parseable.
func (g *gExpr) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	x := p.expr()
	if x == nil {
		return participle.NextMatch
	}
	*g = *x
	return nil
}

// Parse implements participle.Parseable: an expression that ends before
// a `{` (the delegate of `I by expr`, followed by the class body).
func (g *gDelegExpr) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex, noLambda: true}
	x := p.expr()
	if x == nil {
		return participle.NextMatch
	}
	*g = gDelegExpr(*x)
	return nil
}

// Parse implements participle.Parseable.
func (g *gType) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	x := p.typ()
	if x == nil {
		return participle.NextMatch
	}
	*g = *x
	return nil
}

// Parse implements participle.Parseable.
func (g *gArgs) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	if !p.is("(") {
		return participle.NextMatch
	}
	*g = *p.args()
	return nil
}

// Parse implements participle.Parseable.
func (g *gBlock) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	if !p.is("{") {
		return participle.NextMatch
	}
	*g = *p.block()
	return nil
}

// Parse implements participle.Parseable.
func (g *gProp) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	if t := p.peek(); t.Value != "val" && t.Value != "var" {
		return participle.NextMatch
	}
	*g = *p.prop()
	return nil
}

// Parse implements participle.Parseable.
func (g *gFun) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	if !p.is("fun") {
		return participle.NextMatch
	}
	*g = *p.fun()
	return nil
}

// Parse implements participle.Parseable.
func (g *gParam) Parse(lex *lexer.PeekingLexer) (err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	x := p.param()
	if x == nil {
		return participle.NextMatch
	}
	*g = *x
	return nil
}

// parseStmt is the participle.ParseTypeWith hook for gStmt.
func parseStmt(lex *lexer.PeekingLexer) (s gStmt, err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	s = p.stmt()
	if s == nil {
		return nil, participle.NextMatch
	}
	return s, nil
}

// parseExprRoot parses a whole token stream as one expression (ParseExpr
// and string templates).
func parseExprRoot(lex *lexer.PeekingLexer) (g *gExpr, err error) {
	defer hcatch(&err)
	p := hp{lex: lex}
	g = p.expr()
	if g == nil || p.peek().Type != lexer.EOF {
		return nil, &participle.UnexpectedTokenError{Unexpected: *p.peek()}
	}
	return g, nil
}

// ---------------------------------------------------------------- statements

// stmt parses a statement:
//
//	gStmt = gDeclStmt | gExprStmt | gFor | gWhile | gDo .
func (p *hp) stmt() gStmt {
	t := p.peek()
	switch t.Type {
	case tDecl:
		switch t.Value {
		case "val", "var":
			return &gDeclStmt{Pos: t.Pos, Decl: p.prop()}
		case "fun":
			if p.peek2().Value == "(" {
				return p.exprStmt() // anonymous function
			}
			return &gDeclStmt{Pos: t.Pos, Decl: p.fun()}
		}
		return sub(p, declParser, true)
	case tModifier, tAtIdent:
		return sub(p, declParser, true)
	case tLabel:
		switch p.peek2().Value {
		case "for", "while", "do":
			return p.loop()
		}
	case tKeyword:
		switch t.Value {
		case "for", "while", "do":
			return p.loop()
		}
	}
	return p.exprStmt()
}

// exprStmt parses gExprStmt = gExpr (<assignop> gExpr)? .
func (p *hp) exprStmt() gStmt {
	x := p.expr()
	if x == nil {
		return nil
	}
	s := &gExprStmt{X: x}
	if p.peek().Type == tAssignOp {
		s.OpPos = p.peek().Pos
		s.Op = p.next().Value
		s.Value = p.mustExpr()
	}
	return s
}

// loop parses gFor, gWhile or gDo (the next token is a label or the keyword).
func (p *hp) loop() gStmt {
	pos := p.peek().Pos
	label := ""
	if p.peek().Type == tLabel {
		label = p.next().Value
	}
	switch p.next().Value {
	case "for":
		g := &gFor{Pos: pos, Label: label}
		p.want("(")
		if p.accept("(") {
			for {
				d := &gDestruct{Name: p.name()}
				if p.accept(":") {
					d.Type = p.mustType()
				}
				g.Destruct = append(g.Destruct, d)
				if !p.accept(",") {
					break
				}
			}
			p.want(")")
		} else if p.peek().Type == tIdent {
			g.Var = p.name()
		} else {
			p.fail(`("(" gDestruct ("," gDestruct)* ")") | <ident>`)
		}
		if p.accept(":") {
			g.Type = p.mustType()
		}
		p.want("in")
		g.Iter = p.mustExpr()
		p.want(")")
		g.Body = p.mustBody()
		return g
	case "while":
		g := &gWhile{Pos: pos, Label: label}
		p.want("(")
		g.Cond = p.mustExpr()
		p.want(")")
		g.Body = p.mustBody()
		return g
	default: // do
		g := &gDo{Pos: pos, Label: label}
		g.Body = p.mustBody()
		p.want("while")
		p.want("(")
		g.Cond = p.mustExpr()
		p.want(")")
		return g
	}
}

// stmts parses (gStmt (<sep> gStmt)*)? .
func (p *hp) stmts() []gStmt {
	s := p.stmt()
	if s == nil {
		return nil
	}
	list := []gStmt{s}
	for p.peek().Type == tSep {
		cp := p.lex.MakeCheckpoint()
		p.next()
		s := p.stmt()
		if s == nil {
			p.lex.LoadCheckpoint(cp)
			break
		}
		list = append(list, s)
	}
	return list
}

// block parses gBlock = "{" (gStmt (<sep> gStmt)*)? "}" (the next token is "{").
func (p *hp) block() *gBlock {
	g := &gBlock{Pos: p.next().Pos}
	g.Stmts = p.stmts()
	g.Close = p.want("}").Pos
	return g
}

// body parses gBody = gBlock | gStmt ; nil when neither starts here.
func (p *hp) body() *gBody {
	t := p.peek()
	if t.Value == "{" {
		return &gBody{Pos: t.Pos, Block: p.block()}
	}
	s := p.stmt()
	if s == nil {
		return nil
	}
	return &gBody{Pos: t.Pos, Stmt: s}
}

func (p *hp) mustBody() *gBody {
	b := p.body()
	if b == nil {
		p.fail("gBody")
	}
	return b
}

// ---------------------------------------------------------------- properties

// prop parses gProp (the next token is val or var).
func (p *hp) prop() *gProp {
	t := p.next()
	g := &gProp{Pos: t.Pos, Kind: t.Value}
	if p.is("<") {
		p.next()
		g.TypeParams = p.typeParams()
	}
	if p.accept("(") {
		for {
			d := &gDestruct{Name: p.name()}
			if p.accept(":") {
				d.Type = p.mustType()
			}
			g.Destruct = append(g.Destruct, d)
			if !p.accept(",") {
				break
			}
		}
		p.want(")")
	} else {
		g.Name = p.nameChain()
	}
	if p.accept(":") {
		g.Type = p.mustType()
	}
	if p.accept("where") {
		g.Where = p.wheres()
	}
	if eq := p.peek().Pos; p.accept("=") {
		g.EqPos = eq
		g.Init = p.mustExpr()
	} else if p.accept("by") {
		g.Delegate = p.mustExpr()
	}
	for {
		a := p.accessor()
		if a == nil {
			break
		}
		g.Accessors = append(g.Accessors, a)
	}
	return g
}

// fun parses gFun (the next token is `fun`).
func (p *hp) fun() *gFun {
	g := &gFun{Pos: p.next().Pos}
	if p.is("<") {
		p.next()
		g.TypeParams = p.typeParams()
	}
	if p.is("(") {
		// a parenthesised receiver type: fun (() -> T).name()
		g.Recv = p.mustType()
		p.want(".")
	}
	g.Name = p.nameChain()
	p.want("(")
	g.Params = p.params()
	if p.accept(":") {
		g.Result = p.mustType()
	}
	if p.accept("where") {
		g.Where = p.wheres()
	}
	g.Body = p.funBody()
	return g
}

// params parses (gParam ("," gParam)* ","?)? ")" after "(".
func (p *hp) params() []*gParam {
	var list []*gParam
	if prm := p.param(); prm != nil {
		list = append(list, prm)
		for p.accept(",") {
			prm := p.param()
			if prm == nil {
				break // a trailing ","
			}
			list = append(list, prm)
		}
	}
	p.want(")")
	return list
}

// param parses gParam; nil when none starts here.
func (p *hp) param() *gParam {
	t := p.peek()
	switch t.Type {
	case tModifier, tAtIdent, tIdent:
	default:
		if t.Value != "val" && t.Value != "var" {
			return nil
		}
	}
	g := &gParam{Pos: t.Pos, Mods: p.mods()}
	if t := p.peek(); t.Value == "val" || t.Value == "var" {
		p.next()
		g.Prop = t.Value
	}
	g.Name = p.name()
	if p.accept(":") {
		g.Type = p.mustType()
	}
	if p.accept("=") {
		g.Default = p.mustExpr()
	}
	return g
}

// typeParams parses gTypeParam ("," gTypeParam)* ">" after "<".
func (p *hp) typeParams() []*gTypeParam {
	var list []*gTypeParam
	for {
		tp := &gTypeParam{Pos: p.peek().Pos}
		for {
			t := p.peek()
			if t.Value == "reified" || t.Value == "in" || t.Value == "out" || t.Type == tAtIdent {
				tp.Reified = tp.Reified || t.Value == "reified"
				p.next()
				continue
			}
			break
		}
		tp.Name = p.name()
		if p.accept(":") {
			tp.Bound = p.mustType()
		}
		list = append(list, tp)
		if !p.accept(",") {
			break
		}
	}
	p.want(">")
	return list
}

// wheres parses gWhere ("," gWhere)* after "where".
func (p *hp) wheres() []*gWhere {
	var list []*gWhere
	for {
		w := &gWhere{Name: p.name()}
		p.want(":")
		w.Bound = p.mustType()
		list = append(list, w)
		if !p.accept(",") {
			return list
		}
	}
}

// nameChain parses gNameChain = gSimpleType gChainSeg* .
func (p *hp) nameChain() *gNameChain {
	t := p.peek()
	head := p.simpleType()
	if head == nil {
		p.fail("gNameChain")
	}
	g := &gNameChain{Pos: t.Pos, Head: head}
	for {
		cp := p.lex.MakeCheckpoint()
		start := p.lex.Cursor()
		seg := &gChainSeg{}
		switch {
		case p.accept("?."):
			seg.Nullable = true
		case p.accept("?"):
			seg.Nullable = true
			if !p.accept(".") {
				p.lex.LoadCheckpoint(cp)
				return g
			}
		case p.accept("."):
		default:
			return g
		}
		seg.Seg = p.simpleType()
		if seg.Seg == nil {
			if p.lex.Cursor() > start+1 {
				p.fail("gSimpleType")
			}
			p.lex.LoadCheckpoint(cp)
			return g
		}
		g.Tail = append(g.Tail, seg)
	}
}

// accessor parses gAccessor; nil when none starts here.
func (p *hp) accessor() *gAccessor {
	cp := p.lex.MakeCheckpoint()
	start := p.lex.Cursor()
	g := &gAccessor{Pos: p.peek().Pos}
	g.Mods = p.mods()
	t := p.peek()
	if t.Value != "get" && t.Value != "set" {
		if p.lex.Cursor() > start+1 {
			p.fail(`"get" | "set"`)
		}
		p.lex.LoadCheckpoint(cp)
		return nil
	}
	p.next()
	g.Kind = t.Value
	if p.accept("(") {
		g.Paren = true
		if p.peek().Type == tIdent {
			g.Param = p.name()
			if p.accept(":") {
				g.ParamType = p.mustType()
			}
		}
		p.want(")")
		if p.accept(":") {
			g.Result = p.mustType()
		}
		g.Body = p.funBody()
	}
	return g
}

// mods parses gMod* .
func (p *hp) mods() []*gMod {
	var list []*gMod
	for {
		t := p.peek()
		switch t.Type {
		case tModifier:
			p.next()
			list = append(list, &gMod{Pos: t.Pos, Word: t.Value})
		case tAtIdent:
			p.next()
			a := &gAnnotation{Name: unquoteIdent(t.Value)}
			if p.accept(":") {
				a.Target = p.name()
			}
			for p.is(".") {
				p.next()
				a.Rest = append(a.Rest, p.name())
			}
			if p.is("(") {
				a.Args = p.args()
			}
			if p.peek().Type == tSep {
				p.next()
			}
			list = append(list, &gMod{Pos: t.Pos, Ann: a})
		default:
			return list
		}
	}
}

// funBody parses gFunBody = ("=" gExpr) | gBlock ; nil when absent.
func (p *hp) funBody() *gFunBody {
	if p.accept("=") {
		return &gFunBody{Expr: p.mustExpr()}
	}
	if p.is("{") {
		return &gFunBody{Block: p.block()}
	}
	return nil
}

// ---------------------------------------------------------------- types

// typ parses gType; nil when no type starts here.
func (p *hp) typ() *gType {
	g := p.typeHead()
	if g != nil && p.is(".") && p.peek2().Value == "(" {
		p.next()
		p.next()
		g.RecvFun = true
		g.RecvParams = p.funcParams()
		p.want("->")
		g.RecvResult = p.mustType()
	}
	return g
}

// typeHead parses a gType up to a function type's receiver: the type
// before `.(` (a receiver type of a function type or of an anonymous
// function), or nil when no type starts here.
func (p *hp) typeHead() *gType {
	t := p.peek()
	g := &gType{Pos: t.Pos}
	if t.Value == "suspend" {
		p.next()
		g.Suspend = true
	}
	if p.is("(") {
		g.Paren = p.parenType()
	} else {
		st := p.simpleType()
		if st == nil {
			if g.Suspend {
				p.fail("gParenType | gSimpleType")
			}
			return nil
		}
		g.User = append(g.User, st)
		for p.is(".") {
			cp := p.lex.MakeCheckpoint()
			p.next()
			st := p.simpleType()
			if st == nil {
				p.lex.LoadCheckpoint(cp)
				break
			}
			g.User = append(g.User, st)
		}
	}
	for p.accept("?") {
		g.Nullable = true
	}
	return g
}

func (p *hp) mustType() *gType {
	t := p.typ()
	if t == nil {
		p.fail("gType")
	}
	return t
}

// parenType parses gParenType (the next token is "(").
func (p *hp) parenType() *gParenType {
	p.next()
	g := &gParenType{Params: p.funcParams()}
	if p.is("->") {
		cp := p.lex.MakeCheckpoint()
		p.next()
		g.Result = p.typ()
		if g.Result == nil {
			p.lex.LoadCheckpoint(cp)
		}
	}
	return g
}

// funcParams parses (gFuncParam ("," gFuncParam)* ","?)? ")" after "(".
func (p *hp) funcParams() []*gFuncParam {
	var list []*gFuncParam
	if fp := p.funcParam(); fp != nil {
		list = append(list, fp)
		for p.accept(",") {
			fp := p.funcParam()
			if fp == nil {
				break // a trailing ","
			}
			list = append(list, fp)
		}
	}
	p.want(")")
	return list
}

// funcParam parses gFuncParam = (<ident> ":")? gType ; nil when absent.
func (p *hp) funcParam() *gFuncParam {
	t := p.peek()
	if t.Type == tIdent && p.peek2().Value == ":" {
		p.next()
		p.next()
		return &gFuncParam{Name: unquoteIdent(t.Value), Type: p.mustType()}
	}
	ty := p.typ()
	if ty == nil {
		return nil
	}
	return &gFuncParam{Type: ty}
}

// simpleType parses gSimpleType; nil when no name is next.
func (p *hp) simpleType() *gSimpleType {
	t := p.peek()
	if t.Type != tIdent {
		return nil
	}
	p.next()
	g := &gSimpleType{Pos: t.Pos, Name: unquoteIdent(t.Value)}
	if p.is("<") {
		cp := p.lex.MakeCheckpoint()
		p.next()
		a := p.typeArg()
		if a == nil {
			// `x is T < y`: a comparison, not type arguments
			p.lex.LoadCheckpoint(cp)
			return g
		}
		g.Args = p.typeArgsRest(a)
	}
	return g
}

// typeArgsRest parses ("," gTypeArg)* ">" after the first type argument.
func (p *hp) typeArgsRest(first *gTypeArg) []*gTypeArg {
	list := []*gTypeArg{first}
	for p.is(",") {
		cp := p.lex.MakeCheckpoint()
		p.next()
		a := p.typeArg()
		if a == nil {
			p.lex.LoadCheckpoint(cp)
			break
		}
		list = append(list, a)
	}
	p.want(">")
	return list
}

// typeArg parses gTypeArg = "*" | (("in" | "out")? gType) ; nil when absent.
func (p *hp) typeArg() *gTypeArg {
	t := p.peek()
	if t.Value == "*" {
		p.next()
		return &gTypeArg{Pos: t.Pos, Star: true}
	}
	if t.Value == "in" || t.Value == "out" {
		p.next()
		return &gTypeArg{Pos: t.Pos, Type: p.mustType()}
	}
	ty := p.typ()
	if ty == nil {
		return nil
	}
	return &gTypeArg{Pos: t.Pos, Type: ty}
}

// ---------------------------------------------------------------- expressions

// expr parses gExpr; nil when no operand starts here.
func (p *hp) expr() *gExpr {
	head := p.operand()
	if head == nil {
		return nil
	}
	g := &gExpr{Head: head}
	for {
		t := p.peek()
		switch t.Type {
		case tBinOp:
			cp := p.lex.MakeCheckpoint()
			p.next()
			var r *gOperand
			if t.Value == "get" || t.Value == "set" {
				// `var x = 0 get() = 1`: like participle, give up the
				// operator when its operand fails within one token of
				// lookahead, so that the accessor can follow
				if r = p.tailOperand(cp.Cursor()); r == nil {
					p.lex.LoadCheckpoint(cp)
					return g
				}
			} else if r = p.operand(); r == nil {
				if !startsOperand(*p.peek()) {
					// reported as "syntax error: Expecting an element." after <op>
					p.lex.LoadCheckpoint(cp)
				}
				p.fail("gOperand")
			}
			g.Tail = append(g.Tail, &gBinTail{Pos: t.Pos, Op: t.Value, Right: r})
		case tTypeOp:
			p.next()
			ty := p.typ()
			if ty == nil {
				p.fail("gType")
			}
			g.Tail = append(g.Tail, &gBinTail{Pos: t.Pos, TypeOp: t.Value, Type: ty})
		default:
			return g
		}
	}
}

// tailOperand parses the operand after the binary operator at cursor op; it
// returns nil when there is none or when a primary fails at its second
// token (participle backtracks such a failure).
func (p *hp) tailOperand(op int) (r *gOperand) {
	prefixed := p.peek().Type == tPrefixOp
	defer func() {
		if e := recover(); e != nil {
			if _, ok := e.(hpErr); !ok || prefixed || p.lex.Cursor() > op+2 {
				panic(e)
			}
			r = nil
		}
	}()
	return p.operand()
}

func (p *hp) mustExpr() *gExpr {
	x := p.expr()
	if x == nil {
		p.fail("gExpr")
	}
	return x
}

// operand parses gOperand; nil when none starts here.
func (p *hp) operand() *gOperand {
	start := p.lex.RawCursor()
	g := &gOperand{}
	for p.peek().Type == tPrefixOp {
		g.Ops = append(g.Ops, p.next().Value)
	}
	t := p.peek()
	switch t.Type {
	case tIdent:
		p.next()
		g.Name = unquoteIdent(t.Value)
	case tLiteral:
		p.next()
		g.Lit = t.Value
	default:
		g.X = p.primary()
		if g.X == nil {
			if len(g.Ops) > 0 {
				p.fail("(<ident> | <literal> | gPrimary)")
			}
			return nil
		}
	}
	for p.peek().Type == tSuffix {
		s := p.suffix()
		if s == nil {
			break
		}
		g.Suffixes = append(g.Suffixes, s)
	}
	g.Tokens = p.lex.Range(start, p.lex.RawCursor())
	return g
}

// suffix parses gSuffix (the next token is a Suffix); nil when the suffix
// does not continue after its first token.
func (p *hp) suffix() gSuffix {
	t := p.peek()
	cp := p.lex.MakeCheckpoint()
	switch t.Value {
	case ".", "?.":
		p.next()
		if n := p.peek(); n.Type == tIdent {
			p.next()
			return &gMemberSuffix{Op: t.Value, Name: &gName{Pos: n.Pos, Name: unquoteIdent(n.Value)}}
		} else if n.Value == "(" && t.Value == "." {
			p.next()
			g := &gRecvFnSuffix{Pos: n.Pos, X: p.mustExpr()}
			p.want(")")
			if !p.is("(") && !p.is("{") {
				p.fail(`"("`)
			}
			return g
		} else if n.Value != "{" {
			p.fail("<ident>")
		}
	case "(":
		return &gArgsSuffix{Args: p.args()}
	case "{":
		if p.noLambda {
			return nil
		}
		return &gLambdaSuffix{Lambda: p.lambda()}
	case "[":
		p.next()
		g := &gIndexSuffix{}
		x := p.expr()
		if x != nil {
			g.Index = append(g.Index, x)
			for p.accept(",") {
				g.Index = append(g.Index, p.mustExpr())
			}
			p.want("]")
			return g
		}
	case "++", "--", "!!":
		p.next()
		return &gPostOp{Pos: t.Pos, Op: t.Value}
	case "<":
		p.next()
		if a := p.typeArg(); a != nil {
			return &gTypeArgsSuffix{Args: p.typeArgsRest(a)}
		}
	case "::":
		p.next()
		if n := p.peek(); n.Type == tIdent || n.Value == "class" {
			p.next()
			name := ident(n.Value)
			if n.Type == tIdent {
				name = unquoteIdent(n.Value)
			}
			return &gRefSuffix{Name: name}
		} else if n.Value != "{" {
			p.fail(`<ident> | "class"`)
		}
	default:
		p.next()
	}
	// a labelled lambda `f lbl@{ }` (or the suffix did not continue)
	if p.is("{") {
		return &gLabelLambdaSuffix{Pos: t.Pos, Label: t.Value, Lambda: p.lambda()}
	}
	p.lex.LoadCheckpoint(cp)
	return nil
}

// args parses gArgs (the next token is "(").
func (p *hp) args() *gArgs {
	defer func(nl bool) { p.noLambda = nl }(p.noLambda)
	p.noLambda = false
	p.next()
	g := &gArgs{}
	if a := p.arg(); a != nil {
		g.Args = append(g.Args, a)
		for p.accept(",") {
			a := p.arg()
			if a == nil {
				break // a trailing ","
			}
			g.Args = append(g.Args, a)
		}
	}
	p.want(")")
	return g
}

// arg parses gArg = (<ident> "=")? gExpr ; nil when absent.
func (p *hp) arg() *gArg {
	t := p.peek()
	g := &gArg{Pos: t.Pos}
	if t.Type == tIdent && p.peek2().Value == "=" {
		p.next()
		p.next()
		g.Name = unquoteIdent(t.Value)
		g.Value = p.mustExpr()
		return g
	}
	g.Value = p.expr()
	if g.Value == nil {
		return nil
	}
	return g
}

// lambda parses gLambda (the next token is "{").
func (p *hp) lambda() *gLambda {
	g := &gLambda{Pos: p.next().Pos}
	if p.peek().Type == tParams {
		cp := p.lex.MakeCheckpoint()
		p.next()
		if lp := p.lambdaParam(); lp != nil {
			g.Params = append(g.Params, lp)
			for p.is(",") {
				cp := p.lex.MakeCheckpoint()
				p.next()
				lp := p.lambdaParam()
				if lp == nil {
					p.lex.LoadCheckpoint(cp)
					break
				}
				g.Params = append(g.Params, lp)
			}
		}
		if p.is("->") {
			p.next()
			g.Arrow = true
		} else {
			if p.lex.Cursor() > cp.Cursor()+1 {
				p.fail(`"->"`)
			}
			g.Params = nil
			p.lex.LoadCheckpoint(cp)
		}
	}
	g.Body = p.stmts()
	p.want("}")
	return g
}

// lambdaParam parses gLambdaParam; nil when absent.
func (p *hp) lambdaParam() *gLambdaParam {
	t := p.peek()
	g := &gLambdaParam{Pos: t.Pos}
	if t.Value == "(" {
		p.next()
		g.Destruct = append(g.Destruct, p.name())
		for p.accept(",") {
			g.Destruct = append(g.Destruct, p.name())
		}
		p.want(")")
	} else if t.Type == tIdent {
		p.next()
		g.Name = unquoteIdent(t.Value)
	} else {
		return nil
	}
	if p.accept(":") {
		g.Type = p.mustType()
	}
	return g
}

// primary parses gPrimary; nil when none starts here.
func (p *hp) primary() gPrimary {
	t := p.peek()
	if t.Type == tLabel {
		p.next()
		if !p.is("{") {
			p.fail("gLambda")
		}
		l := p.lambda()
		return &gLabeledLambda{Pos: t.Pos, Label: t.Value, Lambda: l}
	}
	switch t.Value {
	case "(":
		p.next()
		x := p.mustExpr()
		p.want(")")
		return &gParen{Pos: t.Pos, X: x}
	case "this":
		p.next()
		g := &gThis{Pos: t.Pos, This: true}
		if n := p.peek(); n.Type == tAtIdent {
			p.next()
			g.Label = n.Value
		}
		return g
	case "{":
		return &gLabeledLambda{Pos: t.Pos, Lambda: p.lambda()}
	case "if":
		p.next()
		g := &gIf{Pos: t.Pos}
		p.want("(")
		g.Cond = p.mustExpr()
		p.want(")")
		g.Then = p.mustBody()
		if p.is("else") {
			cp := p.lex.MakeCheckpoint()
			p.next()
			g.Else = p.body()
			if g.Else == nil {
				p.lex.LoadCheckpoint(cp)
			}
		}
		return g
	case "when":
		return p.when()
	case "return":
		p.next()
		g := &gReturn{Pos: t.Pos}
		if n := p.peek(); n.Type == tAtIdent {
			p.next()
			g.Label = n.Value
		}
		g.X = p.expr()
		return g
	case "try":
		p.next()
		g := &gTry{Pos: t.Pos}
		if !p.is("{") {
			p.fail("gBlock")
		}
		g.Body = p.block()
		for p.is("catch") {
			c := &gCatch{Pos: p.next().Pos}
			p.want("(")
			c.Name = p.name()
			p.want(":")
			c.Type = p.mustType()
			p.want(")")
			if !p.is("{") {
				p.fail("gBlock")
			}
			c.Body = p.block()
			g.Catches = append(g.Catches, c)
		}
		if p.accept("finally") {
			if !p.is("{") {
				p.fail("gBlock")
			}
			g.Finally = p.block()
		}
		return g
	case "throw":
		p.next()
		return &gThrow{Pos: t.Pos, X: p.mustExpr()}
	case "break", "continue":
		p.next()
		label := ""
		if n := p.peek(); n.Type == tAtIdent {
			p.next()
			label = n.Value
		}
		if t.Value == "break" {
			return &gBreak{Pos: t.Pos, Label: label}
		}
		return &gContinue{Pos: t.Pos, Label: label}
	case "super":
		p.next()
		g := &gSuperExpr{Pos: t.Pos, Super: true}
		if p.is("<") {
			p.next()
			g.Type = p.mustType()
			p.want(">")
		}
		if n := p.peek(); n.Type == tAtIdent {
			p.next()
			g.Label = n.Value
		}
		return g
	case "object":
		p.next()
		g := &gObjectExpr{Pos: t.Pos}
		if p.accept(":") {
			for {
				s := sub(p, superParser, false)
				if s == nil {
					p.fail("gSuper")
				}
				g.Supers = append(g.Supers, s)
				if !p.accept(",") {
					break
				}
			}
		}
		g.Body = sub(p, classBodyParser, false)
		if g.Body == nil {
			p.fail("gClassBody")
		}
		return g
	case "fun":
		p.next()
		g := &gAnonFun{Pos: t.Pos}
		if !p.is("(") {
			// a receiver: fun Int.(y: Int) = this + y
			g.Recv = p.typeHead()
			if g.Recv == nil {
				p.fail("gType")
			}
			p.want(".")
		}
		p.want("(")
		g.Params = p.params()
		if p.accept(":") {
			g.Result = p.mustType()
		}
		g.Body = p.funBody()
		return g
	case "::":
		p.next()
		return &gRefPrimary{Pos: t.Pos, Name: p.name()}
	}
	return nil
}

// when parses gWhen (the next token is `when`). Entries need no separator
// between them, as in Kotlin:
//
//	gWhen = "when" ("(" ("val" <ident> (":" gType)? "=")? gExpr ")")? "{" (gWhenEntry (<sep>? gWhenEntry)*)? "}" .
func (p *hp) when() *gWhen {
	g := &gWhen{Pos: p.next().Pos}
	if p.accept("(") {
		g.HasSubject = true
		if p.is("val") {
			p.next()
			g.SubjectVar = p.name()
			if p.accept(":") {
				g.SubjectTy = p.mustType()
			}
			p.want("=")
		}
		g.Subject = p.mustExpr()
		p.want(")")
	}
	p.want("{")
	for {
		cp := p.lex.MakeCheckpoint()
		sep := false
		if len(g.Entries) > 0 && p.peek().Type == tSep {
			p.next()
			sep = true
		}
		e := p.whenEntry()
		if e == nil {
			if sep {
				p.lex.LoadCheckpoint(cp)
			}
			break
		}
		g.Entries = append(g.Entries, e)
	}
	p.want("}")
	return g
}

// whenEntry parses gWhenEntry; nil when none starts here.
func (p *hp) whenEntry() *gWhenEntry {
	t := p.peek()
	g := &gWhenEntry{Pos: t.Pos}
	if t.Value == "else" {
		p.next()
		g.Else = true
	} else {
		c := p.whenCond()
		if c == nil {
			return nil
		}
		g.Conds = append(g.Conds, c)
		for p.accept(",") {
			c := p.whenCond()
			if c == nil {
				break // a trailing ","
			}
			g.Conds = append(g.Conds, c)
		}
	}
	if p.accept("if") {
		g.Guard = p.mustExpr()
	}
	p.want("->")
	g.Body = p.mustBody()
	return g
}

// whenCond parses gWhenCond; nil when none starts here.
func (p *hp) whenCond() *gWhenCond {
	t := p.peek()
	g := &gWhenCond{Pos: t.Pos}
	switch t.Value {
	case "in", "!in":
		p.next()
		g.InOp = t.Value
		g.In = p.mustExpr()
	case "is", "!is":
		p.next()
		g.IsOp = t.Value
		g.Type = p.mustType()
	default:
		g.X = p.expr()
		if g.X == nil {
			return nil
		}
	}
	return g
}
