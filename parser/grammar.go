package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar. These structs never leave the package: convert.go
// turns them into lang nodes. Binary expressions are a flat operand/operator
// list; precedence is applied in Go (see binary in convert.go). The structs
// of the nonterminals parsed by hand (see hand.go: gExpr, gType, gArgs,
// gBlock, gProp, gFun, gParam, gStmt and everything only they reach) keep
// their participle tags as documentation of the syntax the hand-written
// code accepts.

// ident is a captured identifier with any backquotes removed.
type ident string

// Capture implements participle.Capture.
func (i *ident) Capture(v []string) error {
	s := v[0]
	if len(s) >= 2 && s[0] == '`' {
		s = s[1 : len(s)-1]
	}
	*i = ident(s)
	return nil
}

// ---------------------------------------------------------------- file

// gName is an identifier with its position.
type gName struct {
	Pos  lexer.Position
	Name ident `parser:"@Ident"`
}

type gFile struct {
	Pos     lexer.Position
	FileAnn []*gFileAnn `parser:"@@*"`
	Package []ident     `parser:"( 'package' @Ident ( '.' @Ident )* Sep? )?"`
	Imports []*gImport  `parser:"( @@ Sep? )*"`
	Stmts   []*gTopStmt `parser:"( @@ ( Sep @@ )* )?"`
}

// gTopStmt is a top-level statement: a declaration, parsed by participle,
// or any other statement (gStmt is parsed by hand, see hand.go).
type gTopStmt struct {
	Decl *gDeclStmt `parser:"  @@"`
	Stmt gStmt      `parser:"| @@"`
}

type gFileAnn struct {
	Name ident  `parser:"'file':AtIdent ':' @Ident ( '.' Ident )*"`
	Args *gArgs `parser:"@@? Sep?"`
}

type gImport struct {
	Pos   lexer.Position
	Path  []ident `parser:"'import' @Ident ( '.' @Ident )*"`
	Star  bool    `parser:"( '.' @'*' )?"`
	Alias ident   `parser:"( 'as' @Ident )?"`
}

// ---------------------------------------------------------------- modifiers

type gMod struct {
	Pos  lexer.Position
	Word string       `parser:"  @Modifier"`
	Ann  *gAnnotation `parser:"| @@"`
}

type gAnnotation struct {
	Name   ident   `parser:"@AtIdent"`
	Target ident   `parser:"( ':' @Ident )?"`
	Rest   []ident `parser:"( '.' @Ident )*"`
	Args   *gArgs  `parser:"@@? Sep?"`
}

// ---------------------------------------------------------------- statements

type gStmt interface{ stmt() }

type gDeclStmt struct {
	Pos  lexer.Position
	Mods []*gMod `parser:"(?= Decl | Modifier | AtIdent ) @@*"`
	Decl gDecl   `parser:"@@"`
}

type gFor struct {
	Pos      lexer.Position
	Label    string       `parser:"@Label? 'for' '('"`
	Destruct []*gDestruct `parser:"( '(' @@ ( ',' @@ )* ')'"`
	Var      ident        `parser:"| @Ident )"`
	Type     *gType       `parser:"( ':' @@ )?"`
	Iter     *gExpr       `parser:"'in' @@ ')'"`
	Body     *gBody       `parser:"@@"`
}

type gWhile struct {
	Pos   lexer.Position
	Label string `parser:"@Label? 'while' '('"`
	Cond  *gExpr `parser:"@@ ')'"`
	Body  *gBody `parser:"@@"`
}

type gDo struct {
	Pos   lexer.Position
	Label string `parser:"@Label? 'do'"`
	Body  *gBody `parser:"@@"`
	Cond  *gExpr `parser:"'while' '(' @@ ')'"`
}

type gExprStmt struct {
	X     *gExpr         `parser:"@@"`
	Op    string         `parser:"( @AssignOp"`
	Value *gExpr         `parser:"@@ )?"`
	OpPos lexer.Position // position of Op (set by the hand parser)
}

func (*gDeclStmt) stmt() {}
func (*gFor) stmt()      {}
func (*gWhile) stmt()    {}
func (*gDo) stmt()       {}
func (*gExprStmt) stmt() {}

type gDestruct struct {
	Name ident  `parser:"@Ident"`
	Type *gType `parser:"( ':' @@ )?"`
}

type gBlock struct {
	Pos   lexer.Position
	Stmts []gStmt        `parser:"'{' ( @@ ( Sep @@ )* )? '}'"`
	Close lexer.Position // the closing brace (set by the hand-written parser)
}

// gBody is the body of a control structure: a block or a single statement.
type gBody struct {
	Pos   lexer.Position
	Block *gBlock `parser:"  @@"`
	Stmt  gStmt   `parser:"| @@"`
}

// ---------------------------------------------------------------- declarations

type gDecl interface{ decl() }

type gMemberDecl interface{ member() }

type gMember struct {
	Pos  lexer.Position
	Mods []*gMod     `parser:"@@*"`
	Decl gMemberDecl `parser:"@@"`
}

type gClass struct {
	Pos        lexer.Position
	Kind       string        `parser:"@( 'class' | 'interface' )"`
	Name       *gName        `parser:"@@"`
	TypeParams []*gTypeParam `parser:"( '<' @@ ( ',' @@ )* '>' )?"`
	CtorMods   []*gMod       `parser:"( @@* 'constructor' )?"`
	HasCtor    bool          `parser:"( @'('"`
	Params     []*gParam     `parser:"  ( @@ ( ',' @@ )* ','? )? ')' )?"`
	Supers     []*gSuper     `parser:"( ':' @@ ( ',' @@ )* )?"`
	Where      []*gWhere     `parser:"( 'where' @@ ( ',' @@ )* )?"`
	Body       *gClassBody   `parser:"@@?"`
}

type gObject struct {
	Pos    lexer.Position
	Name   ident       `parser:"'object' @Ident?"`
	Supers []*gSuper   `parser:"( ':' @@ ( ',' @@ )* )?"`
	Body   *gClassBody `parser:"@@?"`
}

type gClassBody struct {
	Entries []*gEnumEntry `parser:"'{' ( @@ ( ',' @@ )* ','? )?"`
	Members []*gMember    `parser:"Sep? ( @@ ( Sep @@ )* )? '}'"`
}

type gEnumEntry struct {
	Pos     lexer.Position
	Name    ident      `parser:"(?! 'init' | 'constructor' ) @Ident"`
	Args    *gArgs     `parser:"@@?"`
	HasBody bool       `parser:"( @'{'"`
	Members []*gMember `parser:"  ( @@ ( Sep @@ )* )? '}' )?"`
}

type gSuper struct {
	Pos      lexer.Position
	Type     *gType      `parser:"@@"`
	Args     *gArgs      `parser:"@@?"`
	Delegate *gDelegExpr `parser:"( 'by' @@ )?"`
}

// gDelegExpr is the expression after `by` in a supertype list.
type gDelegExpr gExpr

type gWhere struct {
	Name  ident  `parser:"@Ident"`
	Bound *gType `parser:"':' @@"`
}

type gTypeParam struct {
	Pos     lexer.Position
	Reified bool   `parser:"( @'reified' | 'in' | 'out' | AtIdent )*"`
	Name    ident  `parser:"@Ident"`
	Bound   *gType `parser:"( ':' @@ )?"`
}

type gFun struct {
	Pos        lexer.Position
	TypeParams []*gTypeParam `parser:"'fun' ( '<' @@ ( ',' @@ )* '>' )?"`
	Recv       *gType        `parser:"( &'(' @@ '.' )?"`
	Name       *gNameChain   `parser:"@@"`
	Params     []*gParam     `parser:"'(' ( @@ ( ',' @@ )* ','? )? ')'"`
	Result     *gType        `parser:"( ':' @@ )?"`
	Where      []*gWhere     `parser:"( 'where' @@ ( ',' @@ )* )?"`
	Body       *gFunBody     `parser:"@@?"`
}

type gFunBody struct {
	Expr  *gExpr  `parser:"  '=' @@"`
	Block *gBlock `parser:"| @@"`
}

// gNameChain is `a.b.c` with optional type arguments and `?` on the
// segments: the receiver type and name of an extension.
type gNameChain struct {
	Pos  lexer.Position
	Head *gSimpleType `parser:"@@"`
	Tail []*gChainSeg `parser:"@@*"`
}

type gChainSeg struct {
	Nullable bool         `parser:"( @'?.' | @'?'? '.' )"`
	Seg      *gSimpleType `parser:"@@"`
}

type gProp struct {
	Pos        lexer.Position
	Kind       string         `parser:"@( 'val' | 'var' )"`
	TypeParams []*gTypeParam  `parser:"( '<' @@ ( ',' @@ )* '>' )?"`
	Destruct   []*gDestruct   `parser:"( '(' @@ ( ',' @@ )* ')'"`
	Name       *gNameChain    `parser:"| @@ )"`
	Type       *gType         `parser:"( ':' @@ )?"`
	Where      []*gWhere      `parser:"( 'where' @@ ( ',' @@ )* )?"`
	Init       *gExpr         `parser:"( '=' @@"`
	EqPos      lexer.Position // position of the '=' before Init (set by the hand parser)
	Delegate   *gExpr         `parser:"| 'by' @@ )?"`
	Accessors  []*gAccessor   `parser:"@@*"`
}

type gAccessor struct {
	Pos       lexer.Position
	Mods      []*gMod   `parser:"@@*"`
	Kind      string    `parser:"@( 'get' | 'set' )"`
	Paren     bool      `parser:"( @'('"`
	Param     ident     `parser:"  ( @Ident"`
	ParamType *gType    `parser:"    ( ':' @@ )? )? ')'"`
	Result    *gType    `parser:"  ( ':' @@ )?"`
	Body      *gFunBody `parser:"  @@? )?"`
}

type gTypeAlias struct {
	Name       ident         `parser:"'typealias' @Ident"`
	TypeParams []*gTypeParam `parser:"( '<' @@ ( ',' @@ )* '>' )?"`
	Type       *gType        `parser:"'=' @@"`
}

type gInit struct {
	Pos  lexer.Position
	Body *gBlock `parser:"'init' @@"`
}

type gCtor struct {
	Pos      lexer.Position
	Params   []*gParam `parser:"'constructor' '(' ( @@ ( ',' @@ )* ','? )? ')'"`
	Delegate string    `parser:"( ':' @( 'this' | 'super' )"`
	Args     *gArgs    `parser:"  @@ )?"`
	Body     *gBlock   `parser:"@@?"`
}

type gParam struct {
	Pos     lexer.Position
	Mods    []*gMod `parser:"@@*"`
	Prop    string  `parser:"@( 'val' | 'var' )?"`
	Name    ident   `parser:"@Ident"`
	Type    *gType  `parser:"( ':' @@ )?"`
	Default *gExpr  `parser:"( '=' @@ )?"`
}

func (*gClass) decl()     {}
func (*gObject) decl()    {}
func (*gFun) decl()       {}
func (*gProp) decl()      {}
func (*gTypeAlias) decl() {}

func (*gClass) member()     {}
func (*gObject) member()    {}
func (*gFun) member()       {}
func (*gProp) member()      {}
func (*gTypeAlias) member() {}
func (*gInit) member()      {}
func (*gCtor) member()      {}

// ---------------------------------------------------------------- types

type gType struct {
	Pos        lexer.Position
	Suspend    bool           `parser:"@'suspend'?"`
	Paren      *gParenType    `parser:"( @@"`
	User       []*gSimpleType `parser:"| @@ ( '.' @@ )* )"`
	Nullable   bool           `parser:"@'?'*"`
	RecvFun    bool           `parser:"( @'.' '('"`
	RecvParams []*gFuncParam  `parser:"  ( @@ ( ',' @@ )* ','? )? ')'"`
	RecvResult *gType         `parser:"  '->' @@ )?"`
}

type gParenType struct {
	Params []*gFuncParam `parser:"'(' ( @@ ( ',' @@ )* ','? )? ')'"`
	Result *gType        `parser:"( '->' @@ )?"`
}

type gFuncParam struct {
	Name ident  `parser:"( @Ident ':' )?"`
	Type *gType `parser:"@@"`
}

type gSimpleType struct {
	Pos  lexer.Position
	Name ident       `parser:"@Ident"`
	Args []*gTypeArg `parser:"( '<' @@ ( ',' @@ )* '>' )?"`
}

type gTypeArg struct {
	Pos  lexer.Position
	Star bool   `parser:"  @'*'"`
	Type *gType `parser:"| ( 'in' | 'out' )? @@"`
}

// ---------------------------------------------------------------- expressions

// gExpr is a flat binary expression: operands separated by operators.
type gExpr struct {
	Head *gOperand   `parser:"@@"`
	Tail []*gBinTail `parser:"( (?= BinOp | TypeOp ) @@ )*"`
}

type gBinTail struct {
	Pos    lexer.Position
	Op     string    `parser:"  @BinOp"`
	Right  *gOperand `parser:"  @@"`
	TypeOp string    `parser:"| @TypeOp"`
	Type   *gType    `parser:"  @@"`
}

// gOperand is a prefixed, suffixed primary expression. Names and literals
// are inlined because they are by far the most common operands.
type gOperand struct {
	Tokens   []lexer.Token
	Ops      []string  `parser:"@PrefixOp*"`
	Name     ident     `parser:"( @Ident"`
	Lit      string    `parser:"| @Literal"`
	X        gPrimary  `parser:"| @@ )"`
	Suffixes []gSuffix `parser:"( (?= Suffix) @@ )*"`
}

type gSuffix interface{ suffix() }

type gPostOp struct {
	Pos lexer.Position
	Op  string `parser:"@( '++' | '--' | '!!' )"`
}

type gMemberSuffix struct {
	Op   string `parser:"@( '.' | '?.' )"`
	Name *gName `parser:"@@"`
}

type gRefSuffix struct {
	Name ident `parser:"'::' @( Ident | 'class' )"`
}

type gTypeArgsSuffix struct {
	Args []*gTypeArg `parser:"'<' @@ ( ',' @@ )* '>'"`
}

type gArgsSuffix struct {
	Args *gArgs `parser:"@@"`
}

type gLambdaSuffix struct {
	Lambda *gLambda `parser:"@@"`
}

// gLabelLambdaSuffix is a labelled trailing lambda `f lbl@{ }`; the label
// token is classified as a Suffix after an operand.
type gLabelLambdaSuffix struct {
	Pos    lexer.Position
	Label  string   `parser:"@Suffix"`
	Lambda *gLambda `parser:"@@"`
}

type gIndexSuffix struct {
	Index []*gExpr `parser:"'[' @@ ( ',' @@ )* ']'"`
}

// gRecvFnSuffix is `.(f)` in `recv.(f)(args)`: a call of the function
// value f with recv as its receiver (an argument suffix follows).
type gRecvFnSuffix struct {
	Pos lexer.Position
	X   *gExpr `parser:"'.' '(' @@ ')' &( '(' | '{' )"`
}

func (*gPostOp) suffix()            {}
func (*gMemberSuffix) suffix()      {}
func (*gRefSuffix) suffix()         {}
func (*gTypeArgsSuffix) suffix()    {}
func (*gArgsSuffix) suffix()        {}
func (*gLambdaSuffix) suffix()      {}
func (*gLabelLambdaSuffix) suffix() {}
func (*gIndexSuffix) suffix()       {}
func (*gRecvFnSuffix) suffix()      {}

type gArgs struct {
	Args []*gArg `parser:"'(' ( @@ ( ',' @@ )* ','? )? ')'"`
}

type gArg struct {
	Pos   lexer.Position
	Name  ident  `parser:"( @Ident '=' )?"`
	Value *gExpr `parser:"@@"`
}

type gPrimary interface{ primary() }

type gThis struct {
	Pos   lexer.Position
	This  bool   `parser:"@'this'"`
	Label string `parser:"@AtIdent?"`
}

type gSuperExpr struct {
	Pos   lexer.Position
	Super bool   `parser:"@'super'"`
	Type  *gType `parser:"( '<' @@ '>' )?"`
	Label string `parser:"@AtIdent?"`
}

type gParen struct {
	Pos lexer.Position
	X   *gExpr `parser:"'(' @@ ')'"`
}

type gLabeledLambda struct {
	Pos    lexer.Position
	Label  string   `parser:"@Label?"`
	Lambda *gLambda `parser:"@@"`
}

type gLambda struct {
	Pos    lexer.Position
	Arrow  bool            `parser:"'{' ( @Params"`
	Params []*gLambdaParam `parser:"  ( @@ ( ',' @@ )* )? '->' )?"`
	Body   []gStmt         `parser:"( @@ ( Sep @@ )* )? '}'"`
}

type gLambdaParam struct {
	Pos      lexer.Position
	Destruct []ident `parser:"( '(' @Ident ( ',' @Ident )* ')'"`
	Name     ident   `parser:"| @Ident )"`
	Type     *gType  `parser:"( ':' @@ )?"`
}

type gIf struct {
	Pos  lexer.Position
	Cond *gExpr `parser:"'if' '(' @@ ')'"`
	Then *gBody `parser:"@@"`
	Else *gBody `parser:"( 'else' @@ )?"`
}

type gWhen struct {
	Pos        lexer.Position
	HasSubject bool          `parser:"'when' ( @'('"`
	SubjectVar ident         `parser:"  ( 'val' @Ident"`
	SubjectTy  *gType        `parser:"    ( ':' @@ )? '=' )?"`
	Subject    *gExpr        `parser:"  @@ ')' )?"`
	Entries    []*gWhenEntry `parser:"'{' ( @@ ( Sep? @@ )* )? '}'"`
}

type gWhenEntry struct {
	Pos   lexer.Position
	Else  bool         `parser:"( @'else'"`
	Conds []*gWhenCond `parser:"| @@ ( ',' @@ )* ','? )"`
	Guard *gExpr       `parser:"( 'if' @@ )?"`
	Body  *gBody       `parser:"'->' @@"`
}

type gWhenCond struct {
	Pos  lexer.Position
	InOp string `parser:"  @( 'in' | '!in' )"`
	In   *gExpr `parser:"  @@"`
	IsOp string `parser:"| @( 'is' | '!is' )"`
	Type *gType `parser:"  @@"`
	X    *gExpr `parser:"| @@"`
}

type gTry struct {
	Pos     lexer.Position
	Body    *gBlock   `parser:"'try' @@"`
	Catches []*gCatch `parser:"@@*"`
	Finally *gBlock   `parser:"( 'finally' @@ )?"`
}

type gCatch struct {
	Pos  lexer.Position
	Name ident   `parser:"'catch' '(' @Ident"`
	Type *gType  `parser:"':' @@ ')'"`
	Body *gBlock `parser:"@@"`
}

type gThrow struct {
	Pos lexer.Position
	X   *gExpr `parser:"'throw' @@"`
}

type gReturn struct {
	Pos   lexer.Position
	Label string `parser:"'return' @AtIdent?"`
	X     *gExpr `parser:"@@?"`
}

type gBreak struct {
	Pos   lexer.Position
	Label string `parser:"'break' @AtIdent?"`
}

type gContinue struct {
	Pos   lexer.Position
	Label string `parser:"'continue' @AtIdent?"`
}

type gObjectExpr struct {
	Pos    lexer.Position
	Supers []*gSuper   `parser:"'object' ( ':' @@ ( ',' @@ )* )?"`
	Body   *gClassBody `parser:"@@"`
}

type gAnonFun struct {
	Pos    lexer.Position
	Recv   *gType    `parser:"'fun' ( @@ '.' )?"`
	Params []*gParam `parser:"'(' ( @@ ( ',' @@ )* ','? )? ')'"`
	Result *gType    `parser:"( ':' @@ )?"`
	Body   *gFunBody `parser:"@@?"`
}

type gRefPrimary struct {
	Pos  lexer.Position
	Name ident `parser:"'::' @Ident"`
}

func (*gThis) primary()          {}
func (*gSuperExpr) primary()     {}
func (*gParen) primary()         {}
func (*gLabeledLambda) primary() {}
func (*gIf) primary()            {}
func (*gWhen) primary()          {}
func (*gTry) primary()           {}
func (*gThrow) primary()         {}
func (*gReturn) primary()        {}
func (*gBreak) primary()         {}
func (*gContinue) primary()      {}
func (*gObjectExpr) primary()    {}
func (*gAnonFun) primary()       {}
func (*gRefPrimary) primary()    {}

// The parser is built once, together with the productions the hand-written
// code calls back into. Building it takes about a millisecond, so init
// starts it on another goroutine and the entry points wait for it
// (buildParsers): the rest of a process's start-up runs meanwhile.
var (
	fileParser *participle.Parser[gFile]
	built      = make(chan struct{})
)

func init() {
	go func() {
		defer close(built)
		fileParser = participle.MustBuild[gFile](options()...)
		declParser = production[gDeclStmt]()
		superParser = production[gSuper]()
		classBodyParser = production[gClassBody]()
	}()
}

// buildParsers waits until the participle parsers are built.
func buildParsers() { <-built }

// production returns the parser for production P of the file grammar.
func production[P any]() *participle.Parser[P] {
	p, err := participle.ParserForProduction[P](fileParser)
	if err != nil {
		panic(err)
	}
	return p
}

func options() []participle.Option {
	return []participle.Option{
		participle.Lexer(lexDef{}),
		participle.UseLookahead(1),
		participle.ParseTypeWith(parseStmt),
		participle.Union[gDecl](&gProp{}, &gFun{}, &gClass{}, &gObject{}, &gTypeAlias{}),
		participle.Union[gMemberDecl](&gFun{}, &gProp{}, &gClass{}, &gObject{}, &gInit{}, &gCtor{}, &gTypeAlias{}),
	}
}
