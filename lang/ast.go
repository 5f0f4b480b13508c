package lang

// Node is implemented by every syntax tree node: the pointer types of this
// package's node structs. Pos returns the position of the node's first
// character. A tree is plain data: it is not safe to change it while
// another goroutine reads it, but any number of goroutines may read it.
type Node interface {
	Pos() Pos
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node. Declarations are statements too, so that local
// functions, classes and variables can appear in blocks.
type Stmt interface {
	Node
	stmtNode()
}

// At carries a node's position; embedded in every node. P is the position
// of the node's first character.
type At struct {
	P Pos
}

// Pos returns the node's start position.
func (a At) Pos() Pos { return a.P }

// File is a parsed source file, the result of parser.ParseFile. Imports
// holds its import lines and Body its top-level declarations and
// statements, both in source order.
type File struct {
	At
	Name    string // file name as given to the parser (used in diagnostics)
	Package string // dotted package name, "" when absent
	Imports []*Import
	Body    []Stmt
}

// Import is an `import a.b.c`, `import a.b.*` or `import a.b.C as D` line.
type Import struct {
	At
	Path  string // dotted path without the trailing ".*"
	Star  bool   // import a.b.*
	Alias string // import a.b.C as D
}

// ---------------------------------------------------------------- types

// TypeRef is a written type: `Int`, `List<String>?`, `(Int) -> Unit`,
// `suspend CoroutineScope.() -> Unit`. Types are erased at run time; the
// compiler uses them only where they change a value (`val x: Long = 1`) and
// for function types with receivers.
type TypeRef struct {
	At
	Name     string     // dotted name, e.g. "Int", "kotlin.collections.List"; "" for a function type
	Args     []*TypeRef // generic arguments; nil for a star projection entry use Star
	Star     bool       // `*` projection
	Nullable bool       // trailing `?`
	Func     *FuncType  // non-nil for function types
}

// FuncType is the function part of a TypeRef: Suspend is set for a
// `suspend` function type, Params are the parameter types and Result the
// result type.
type FuncType struct {
	Suspend  bool
	Receiver *TypeRef // `T.() -> R`; nil when absent
	Params   []*TypeRef
	Result   *TypeRef
}

// ---------------------------------------------------------------- modifiers

// Modifiers are the keywords and annotations in front of a declaration.
// Each bool field is set when the keyword of the same name was written:
// Open, Abstract, Final, Override, Data, Value, Sealed, Enum, Inner, Companion,
// Const, Lateinit, Suspend, Inline, Infix, Operator, Tailrec and Vararg;
// Fun is the `fun` of a `fun interface`.
type Modifiers struct {
	Visibility  string // "", "public", "private", "protected", "internal"
	Open        bool
	Abstract    bool
	Final       bool
	Override    bool
	Data        bool
	Value       bool // `value class`: compared and printed by its one property
	Sealed      bool
	Enum        bool
	Inner       bool
	Companion   bool
	Const       bool
	Lateinit    bool
	Suspend     bool
	Inline      bool
	Infix       bool
	Operator    bool
	Tailrec     bool
	Vararg      bool
	Fun         bool     // `fun interface`: a functional (SAM) interface
	Annotations []string // annotation names without '@' (arguments are dropped)
}

// ---------------------------------------------------------------- statements

// TypeAliasDecl is `typealias Name<TypeParams> = Type`, a second name for
// a type wherever a type may be written.
type TypeAliasDecl struct {
	At
	Name       string
	TypeParams []*TypeParam
	Type       *TypeRef
}

// Block is a braced statement list or the body of a control structure;
// Stmts holds its statements in order. The value of a block used as an
// expression is the value of its last statement when that is an expression
// statement, else Unit.
type Block struct {
	At
	Stmts []Stmt
	Close Pos // the closing brace; zero when not known
}

// ExprStmt is an expression X used as a statement.
type ExprStmt struct {
	At
	X Expr
}

// Assign is `target op value`: Op is one of = += -= *= /= %=, Target is
// an *Ident, *Member or *Index, and Value the assigned expression.
type Assign struct {
	At
	Op     string
	OpPos  Pos // position of the operator
	Target Expr
	Value  Expr
}

// VarDecl declares a property or local variable: `val x: T = init`,
// `var x by lazy { }`, `val (a, b) = pair`, and extension properties
// `val String.twice get() = this + this`. Mods holds its modifiers,
// Receiver the receiver type of an extension property (nil otherwise),
// Type the declared type (nil when not written), and Getter and Setter the
// custom accessors (nil when absent).
type VarDecl struct {
	At
	Mods        Modifiers
	Mutable     bool // var
	Receiver    *TypeRef
	Name        string   // "" when Destructure is used
	NamePos     Pos      // position of the name
	Destructure []string // `val (a, _, c) = ...`; "_" skips a component
	Type        *TypeRef
	Init        Expr // may be nil (abstract, lateinit, or assigned later)
	EqPos       Pos  // position of the `=` before Init
	Delegate    Expr // `by expr`; nil when absent
	Getter      *Accessor
	Setter      *Accessor
}

// Accessor is a custom property getter or setter (`get() = expr`,
// `private set(v) { ... }`). Mods holds its modifiers; its body is either
// the block Body or the expression ExprBody.
type Accessor struct {
	At
	Mods     Modifiers
	Param    string // setter parameter name ("value" by default)
	Body     *Block // block body; nil when ExprBody is set or the accessor has no body
	ExprBody Expr
}

// Param is a function, constructor or lambda-with-types parameter called
// Name.
type Param struct {
	At
	Mods    Modifiers // Vararg lives here
	Prop    string    // "val" or "var" for constructor properties, else ""
	Name    string
	Type    *TypeRef // may be nil for lambda parameters
	Default Expr     // may be nil
}

// TypeParam is a generic type parameter (`T`, `reified T : Any`): Name
// and the upper Bound (nil when not written). Erased, unless Reified (an
// inline function's `reified T`): then calls pass the type argument.
type TypeParam struct {
	At
	Name    string
	Bound   *TypeRef
	Reified bool
}

// FunDecl is a named function declaration, top-level, member or local:
// Mods holds its modifiers, TypeParams its generic parameters, Name its
// name (at NamePos), Params its parameters, and its body is the block Body
// or the expression ExprBody (`fun f() = expr`).
type FunDecl struct {
	At
	Mods       Modifiers
	TypeParams []*TypeParam
	Receiver   *TypeRef // extension receiver; nil when absent
	Name       string
	NamePos    Pos
	Params     []*Param
	Result     *TypeRef // nil when not written
	Body       *Block   // nil when ExprBody is set or the function is abstract
	ExprBody   Expr
}

// ClassKind tells class-like declarations apart.
type ClassKind int

// The class-like declaration kinds.
const (
	ClassKindClass ClassKind = iota
	ClassKindInterface
	ClassKindObject // `object X` and `companion object`
)

// ClassDecl is a class, interface, object, enum class or companion object:
// Kind tells which, Mods holds its modifiers (enum-ness, data-ness and
// sealed-ness are there), Name is written at NamePos, TypeParams are its
// generic parameters, CtorParams the primary constructor's parameters,
// Supers its supertype list and EnumEntries the constants of an enum
// class, in source order.
type ClassDecl struct {
	At
	Kind        ClassKind
	Mods        Modifiers
	Name        string // "Companion" for an unnamed companion object; "" for object expressions
	NamePos     Pos
	TypeParams  []*TypeParam
	CtorMods    Modifiers // modifiers of the primary constructor (`private constructor(...)`)
	HasCtor     bool      // a primary constructor parameter list was written
	CtorParams  []*Param
	Supers      []*SuperSpec
	EnumEntries []*EnumEntry
	Members     []Stmt // *VarDecl, *FunDecl, *ClassDecl, *InitBlock, *SecondaryCtor
}

// SuperSpec is one entry of a class's supertype list: `Base(args)` (a
// constructor call), `Iface` (no call), or `Iface by expr`. Type is the
// supertype and Args the constructor arguments.
type SuperSpec struct {
	At
	Type     *TypeRef
	HasCall  bool // `Base(...)` with parentheses
	Args     []*Arg
	Delegate Expr // `by expr`
}

// EnumEntry is one constant of an enum class: `RED(255) { override ... }`,
// with its Name and constructor Args.
type EnumEntry struct {
	At
	Name    string
	Args    []*Arg
	Members []Stmt // body of an entry with its own members; nil otherwise
}

// InitBlock is an `init { }` block in a class body; Body is the block.
type InitBlock struct {
	At
	Body *Block
}

// SecondaryCtor is `constructor(params) : this(args) { body }`: Mods are
// its modifiers, Params its parameters and DelegArgs the arguments of the
// this(...) or super(...) call it delegates to.
type SecondaryCtor struct {
	At
	Mods      Modifiers
	Params    []*Param
	Delegate  string // "this", "super" or "" when absent
	DelegArgs []*Arg
	Body      *Block // may be nil
}

// While is `label@ while (cond) body`: Label ("" when absent), Cond and
// Body.
type While struct {
	At
	Label string
	Cond  Expr
	Body  *Block
}

// DoWhile is `label@ do body while (cond)`, with Label "" when absent.
// Cond may use variables declared in Body.
type DoWhile struct {
	At
	Label string
	Body  *Block
	Cond  Expr
}

// For is `label@ for (x in iter) body` or `for ((k, v) in map) body`:
// Label ("" when absent), the loop variable (Var or Destructure) with its
// declared VarType (nil when not written), the iterated expression Iter and
// the Body.
type For struct {
	At
	Label       string
	Var         string   // "" when Destructure is used
	Destructure []string // "_" skips a component
	VarType     *TypeRef
	Iter        Expr
	Body        *Block
}

// ---------------------------------------------------------------- expressions

// Ident is a simple name, Name.
type Ident struct {
	At
	Name string
}

// IntLit is an integer literal. Long is set for an `L` suffix or a value that
// does not fit Int (as in Kotlin). Value holds the exact value; hex and binary
// literals are already decoded. Unsigned is set for a `u`/`U` suffix: the
// literal is a UInt, or a ULong with Long, and Value holds its bits.
type IntLit struct {
	At
	Value    int64
	Long     bool
	Unsigned bool
	Raw      string // source text, for diagnostics
}

// FloatLit is a floating-point literal: its Value, Float set for an `f`/`F`
// suffix, and Raw, the source text.
type FloatLit struct {
	At
	Value float64
	Float bool
	Raw   string
}

// CharLit is a character literal; Value has its escapes decoded.
type CharLit struct {
	At
	Value rune
}

// BoolLit is `true` or `false`, as Value.
type BoolLit struct {
	At
	Value bool
}

// NullLit is `null`.
type NullLit struct {
	At
}

// StringLit is a string literal, regular or, with Raw set, raw
// ("""..."""). Parts alternate freely between literal text (escapes
// decoded) and template expressions.
type StringLit struct {
	At
	Raw   bool
	Parts []StringPart
	End   Pos // just after the closing quote, for diagnostics
}

// StringPart is literal Text (Expr == nil) or a template expression
// (`$name` or `${expr}`).
type StringPart struct {
	Text string
	Expr Expr
}

// This is `this` or `this@Label`.
type This struct {
	At
	Label string
}

// Super is `super`, `super<T>` or `super@Label`; only valid as a member
// access receiver. Type is the T of `super<T>` and Label the label, ""
// when absent.
type Super struct {
	At
	Type  string
	Label string
}

// Unary is a prefix operator application: Op (one of - + ! ++ --)
// applied to X.
type Unary struct {
	At
	Op string
	X  Expr
}

// Postfix is a postfix operator application: Op (one of ++ -- !!)
// applied to X.
type Postfix struct {
	At
	Op string
	X  Expr
}

// Binary is an operator application `X Op Y`, the operator at OpPos. Op
// is one of * / % + - .. ..< ?: < > <= >= == != === !== && || in !in, or
// for an infix function call (`a to b`, `x shl 2`, `1 until 10`) the
// function name with Infix set.
type Binary struct {
	At
	Op    string
	Infix bool
	X, Y  Expr
	OpPos Pos
}

// Is is `x is T` or, with Not set, `x !is T`: X is the tested expression
// and Type the type.
type Is struct {
	At
	X    Expr
	Not  bool
	Type *TypeRef
}

// As is `x as T` or, with Safe set, `x as? T`: X is the cast expression
// and Type the type.
type As struct {
	At
	X    Expr
	Safe bool
	Type *TypeRef
}

// Arg is a call argument: `value`, `name = value` (Name set), or `*array`
// (Spread set); Value is the argument expression.
type Arg struct {
	At
	Name   string
	Spread bool
	Value  Expr
}

// Call is `fn(args) { trailing lambda }`. Fn is usually an *Ident or a
// *Member (a method call); TypeArgs are parsed and erased; Args are the
// arguments in parentheses, in source order.
type Call struct {
	At
	Fn       Expr
	TypeArgs []*TypeRef
	Args     []*Arg
	Lambda   *Lambda // trailing lambda; nil when absent
}

// Member is `x.name` or `x?.name` (Safe): the receiver X and the member
// Name, written at NamePos.
type Member struct {
	At
	X       Expr
	Name    string
	Safe    bool
	NamePos Pos
}

// Index is `x[i]` or `x[i, j]`: X is the indexed expression, Index the
// index expressions.
type Index struct {
	At
	X     Expr
	Index []Expr
}

// LambdaParam is a lambda parameter: a Name (possibly "_") or a
// Destructure list `(a, b)`, and an optional Type (nil when not written).
type LambdaParam struct {
	At
	Name        string
	Destructure []string
	Type        *TypeRef
}

// Lambda is `label@ { params -> body }`: Label ("" when absent), Params and
// the Body statements. HasArrow is false for `{ body }`, whose single
// parameter (if any) is `it`.
type Lambda struct {
	At
	Label    string
	HasArrow bool
	Params   []*LambdaParam
	Body     []Stmt
}

// AnonFun is an anonymous function `fun(x: Int): Int { ... }` or
// `fun(x: Int) = x`; Fun is its declaration, with an empty name.
type AnonFun struct {
	At
	Fun *FunDecl
}

// ObjectExpr is an object expression `object : Base(args), Iface { members }`;
// Class is its declaration, with an empty name.
type ObjectExpr struct {
	At
	Class *ClassDecl
}

// If is `if (cond) then else els`: Cond, Then and Else; Else may be nil.
type If struct {
	At
	Cond Expr
	Then *Block
	Else *Block
}

// WhenCond is one condition of a when branch; Type is the type of an
// `is`/`!is` condition.
type WhenCond struct {
	At
	Kind string // "expr", "in", "!in", "is", "!is"
	X    Expr   // for expr/in/!in
	Type *TypeRef
}

// WhenEntry is `cond, cond -> body` or, with Else set, `else -> body`;
// Body is the branch's block.
type WhenEntry struct {
	At
	Conds []*WhenCond // empty for else
	Else  bool
	Guard Expr // `cond if guard ->` (Kotlin 2.2's guard); nil when absent
	Body  *Block
}

// When is `when (subject) { entries }` or `when { entries }`, with its
// Entries in source order. A subject may bind a variable, named by
// SubjectVar ("" otherwise): `when (val x = f()) { ... }`.
type When struct {
	At
	Subject    Expr // nil when absent
	SubjectVar string
	Entries    []*WhenEntry
}

// Catch is `catch (name: Type) { body }`: the variable Name, the caught
// Type and the handler Body.
type Catch struct {
	At
	Name string
	Type *TypeRef
	Body *Block
}

// Try is `try { } catch (...) { } finally { }`: the protected Body, the
// Catches in source order and the Finally block.
type Try struct {
	At
	Body    *Block
	Catches []*Catch
	Finally *Block // nil when absent
}

// Throw is `throw x`; X is the thrown expression.
type Throw struct {
	At
	X Expr
}

// Return is `return`, `return x`, `return@label x`: Label is "" when
// absent, and X may be nil.
type Return struct {
	At
	Label string
	X     Expr
}

// Break is `break` or `break@label`; Label is "" when absent.
type Break struct {
	At
	Label string
}

// Continue is `continue` or `continue@label`; Label is "" when absent.
type Continue struct {
	At
	Label string
}

// CallableRef is a callable reference: `::foo`, `String::length`,
// `obj::method`, `::Class`. Recv is nil for `::foo`; RecvType is set when the
// receiver is a type name, Recv when it is an expression.
type CallableRef struct {
	At
	Recv     Expr
	RecvType *TypeRef
	Name     string // "class" for `X::class`
}

// Paren is a parenthesised expression X. It is kept so that `(a)` as an
// assignment target and `(f)()` can be told apart from names.
type Paren struct {
	At
	X Expr
}

func (*Block) stmtNode()         {}
func (*ExprStmt) stmtNode()      {}
func (*Assign) stmtNode()        {}
func (*VarDecl) stmtNode()       {}
func (*FunDecl) stmtNode()       {}
func (*ClassDecl) stmtNode()     {}
func (*InitBlock) stmtNode()     {}
func (*SecondaryCtor) stmtNode() {}
func (*While) stmtNode()         {}
func (*DoWhile) stmtNode()       {}
func (*For) stmtNode()           {}
func (*TypeAliasDecl) stmtNode() {}

func (*Ident) exprNode()       {}
func (*IntLit) exprNode()      {}
func (*FloatLit) exprNode()    {}
func (*CharLit) exprNode()     {}
func (*BoolLit) exprNode()     {}
func (*NullLit) exprNode()     {}
func (*StringLit) exprNode()   {}
func (*This) exprNode()        {}
func (*Super) exprNode()       {}
func (*Unary) exprNode()       {}
func (*Postfix) exprNode()     {}
func (*Binary) exprNode()      {}
func (*Is) exprNode()          {}
func (*As) exprNode()          {}
func (*Call) exprNode()        {}
func (*Member) exprNode()      {}
func (*Index) exprNode()       {}
func (*Lambda) exprNode()      {}
func (*AnonFun) exprNode()     {}
func (*ObjectExpr) exprNode()  {}
func (*If) exprNode()          {}
func (*When) exprNode()        {}
func (*Try) exprNode()         {}
func (*Throw) exprNode()       {}
func (*Return) exprNode()      {}
func (*Break) exprNode()       {}
func (*Continue) exprNode()    {}
func (*CallableRef) exprNode() {}
func (*Paren) exprNode()       {}
