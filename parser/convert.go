package parser

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

// conv turns grammar structs into lang nodes, collecting errors.
type conv struct {
	file string
	stop func() error // polled while scanning and parsing (nil: never stops)
	errs lang.ErrorList
	// depth is the deepest nesting level of the text being converted (a
	// `${...}` template inside it starts one level deeper).
	depth int
}

var posOne = lang.Pos{Line: 1, Col: 1}

func lpos(p lexer.Position) lang.Pos { return lang.Pos{Line: int32(p.Line), Col: int32(p.Column)} }

// errorf reports a syntax error at p (line 1 when p is unknown), the extent
// of the offending element unknown. Messages use kotlinc's wording.
func (c *conv) errorf(p lang.Pos, format string, args ...any) {
	c.errorSpan(p, lang.Pos{}, format, args...)
}

// errorAt reports an error about the element whose source text is text,
// written at p (its carets span the text).
func (c *conv) errorAt(p lang.Pos, text, format string, args ...any) {
	c.errorSpan(p, p.After(text), format, args...)
}

func (c *conv) errorSpan(p, end lang.Pos, format string, args ...any) {
	if !p.IsValid() {
		p = lang.Pos{Line: 1, Col: 1}
	}
	c.errs.AddSpan(c.file, p, end, format, args...)
}

// ---------------------------------------------------------------- file

func (c *conv) fileNode(g *gFile) *lang.File {
	f := &lang.File{At: lang.At{P: lang.Pos{Line: 1, Col: 1}}, Name: c.file}
	f.Package = joinIdents(g.Package)
	for _, im := range g.Imports {
		f.Imports = append(f.Imports, &lang.Import{At: lang.At{P: lpos(im.Pos)}, Path: joinIdents(im.Path), Star: im.Star, Alias: string(im.Alias)})
	}
	stmts := make([]gStmt, 0, len(g.Stmts))
	for _, s := range g.Stmts {
		if s.Decl != nil {
			stmts = append(stmts, s.Decl)
		} else {
			stmts = append(stmts, s.Stmt)
		}
	}
	f.Body = c.stmts(stmts)
	return f
}

func joinIdents(ids []ident) string {
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return string(ids[0])
	}
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(string(id))
	}
	return b.String()
}

// ---------------------------------------------------------------- statements

func (c *conv) stmts(gs []gStmt) []lang.Stmt {
	out := make([]lang.Stmt, 0, len(gs))
	for _, g := range gs {
		if s := c.stmt(g); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func (c *conv) stmt(g gStmt) lang.Stmt {
	switch g := g.(type) {
	case *gDeclStmt:
		return c.decl(g.Pos, g.Mods, g.Decl)
	case *gFor:
		f := &lang.For{At: lang.At{P: lpos(g.Pos)}, Label: g.Label, Iter: c.expr(g.Iter), Body: c.body(g.Body)}
		if g.Destruct != nil {
			for _, d := range g.Destruct {
				f.Destructure = append(f.Destructure, string(d.Name))
			}
		} else {
			f.Var = string(g.Var)
		}
		f.VarType = c.typeRef(g.Type)
		return f
	case *gWhile:
		return &lang.While{At: lang.At{P: lpos(g.Pos)}, Label: g.Label, Cond: c.expr(g.Cond), Body: c.body(g.Body)}
	case *gDo:
		return &lang.DoWhile{At: lang.At{P: lpos(g.Pos)}, Label: g.Label, Body: c.body(g.Body), Cond: c.expr(g.Cond)}
	case *gExprStmt:
		x := c.expr(g.X)
		if g.Op == "" {
			return &lang.ExprStmt{At: lang.At{P: x.Pos()}, X: x}
		}
		switch x.(type) {
		case *lang.Ident, *lang.Member, *lang.Index:
		case *lang.Postfix, *lang.Call, *lang.This:
			// x!! += v is x!!.plusAssign(v): the compiler checks the
			// operator
			if g.Op == "=" {
				c.errorf(x.Pos(), "variable expected.")
			}
		case *lang.Paren:
			// (a) = 1 is accepted by Kotlin for simple names
			if _, ok := unparen(x).(*lang.Ident); !ok {
				c.errorf(unparen(x).Pos(), "variable expected.")
			}
		default:
			c.errorf(x.Pos(), "variable expected.")
		}
		return &lang.Assign{At: lang.At{P: x.Pos()}, Op: g.Op, OpPos: lpos(g.OpPos), Target: x, Value: c.expr(g.Value)}
	}
	return nil
}

func unparen(x lang.Expr) lang.Expr {
	for {
		p, ok := x.(*lang.Paren)
		if !ok {
			return x
		}
		x = p.X
	}
}

func (c *conv) block(g *gBlock) *lang.Block {
	if g == nil {
		return nil
	}
	b := &lang.Block{At: lang.At{P: lpos(g.Pos)}, Stmts: c.stmts(g.Stmts)}
	if g.Close.Line > 0 {
		b.Close = lpos(g.Close)
	}
	return b
}

func (c *conv) body(g *gBody) *lang.Block {
	if g == nil {
		return nil
	}
	if g.Block != nil {
		return c.block(g.Block)
	}
	s := c.stmt(g.Stmt)
	b := &lang.Block{At: lang.At{P: lpos(g.Pos)}}
	if s != nil {
		b.Stmts = []lang.Stmt{s}
	}
	return b
}

// ---------------------------------------------------------------- declarations

func (c *conv) mods(gs []*gMod) lang.Modifiers {
	var m lang.Modifiers
	var visPos lang.Pos // where m.Visibility was written
	for _, g := range gs {
		if g.Ann != nil {
			name := string(g.Ann.Name)
			if g.Ann.Target != "" {
				name = string(g.Ann.Target)
			}
			for _, r := range g.Ann.Rest {
				name += "." + string(r)
			}
			m.Annotations = append(m.Annotations, name)
			continue
		}
		switch g.Word {
		case "public", "private", "protected", "internal":
			if m.Visibility != "" && m.Visibility != g.Word {
				// kotlinc reports both modifiers
				c.errorAt(visPos, m.Visibility, "modifier '%s' is incompatible with '%s'.", m.Visibility, g.Word)
				c.errorAt(lpos(g.Pos), g.Word, "modifier '%s' is incompatible with '%s'.", g.Word, m.Visibility)
			}
			m.Visibility, visPos = g.Word, lpos(g.Pos)
		case "open":
			m.Open = true
		case "abstract":
			m.Abstract = true
		case "final":
			m.Final = true
		case "override":
			m.Override = true
		case "data":
			m.Data = true
		case "value":
			m.Value = true
		case "sealed":
			m.Sealed = true
		case "enum":
			m.Enum = true
		case "inner":
			m.Inner = true
		case "companion":
			m.Companion = true
		case "const":
			m.Const = true
		case "lateinit":
			m.Lateinit = true
		case "suspend":
			m.Suspend = true
		case "inline":
			m.Inline = true
		case "infix":
			m.Infix = true
		case "operator":
			m.Operator = true
		case "tailrec":
			m.Tailrec = true
		case "vararg":
			m.Vararg = true
		case "fun":
			m.Fun = true
		}
	}
	return m
}

func (c *conv) decl(pos lexer.Position, gm []*gMod, d any) lang.Stmt {
	mods := c.mods(gm)
	at := lang.At{P: lpos(pos)}
	switch d := d.(type) {
	case *gFun:
		f := c.fun(at, mods, d.TypeParams, d.Params, d.Result, d.Body)
		f.Receiver, f.Name, f.NamePos = c.nameChain(d.Name)
		if d.Recv != nil && f.Receiver == nil {
			f.Receiver = c.typeRef(d.Recv)
		}
		return f
	case *gProp:
		return c.prop(at, mods, d)
	case *gClass:
		cd := &lang.ClassDecl{At: at, Kind: lang.ClassKindClass, Mods: mods, Name: string(d.Name.Name), NamePos: lpos(d.Name.Pos)}
		if d.Kind == "interface" {
			cd.Kind = lang.ClassKindInterface
		}
		cd.TypeParams = c.typeParams(d.TypeParams)
		cd.CtorMods = c.mods(d.CtorMods)
		cd.HasCtor = d.HasCtor
		cd.CtorParams = c.params(d.Params)
		cd.Supers = c.supers(d.Supers)
		c.classBody(cd, d.Body)
		return cd
	case *gObject:
		cd := &lang.ClassDecl{At: at, Kind: lang.ClassKindObject, Mods: mods, Name: string(d.Name)}
		if cd.Name == "" && mods.Companion {
			cd.Name = "Companion"
		}
		cd.Supers = c.supers(d.Supers)
		c.classBody(cd, d.Body)
		if cd.Name == "" {
			return &lang.ExprStmt{At: at, X: &lang.ObjectExpr{At: at, Class: cd}}
		}
		return cd
	case *gTypeAlias:
		return &lang.TypeAliasDecl{At: at, Name: string(d.Name), TypeParams: c.typeParams(d.TypeParams), Type: c.typeRef(d.Type)}
	case *gInit:
		return &lang.InitBlock{At: at, Body: c.block(d.Body)}
	case *gCtor:
		return &lang.SecondaryCtor{At: at, Mods: mods, Params: c.params(d.Params), Delegate: d.Delegate, DelegArgs: c.args(d.Args), Body: c.block(d.Body)}
	}
	return nil
}

func (c *conv) fun(at lang.At, mods lang.Modifiers, tps []*gTypeParam, ps []*gParam, res *gType, body *gFunBody) *lang.FunDecl {
	f := &lang.FunDecl{At: at, Mods: mods, TypeParams: c.typeParams(tps), Params: c.params(ps), Result: c.typeRef(res)}
	if body != nil {
		if body.Block != nil {
			f.Body = c.block(body.Block)
		} else {
			f.ExprBody = c.expr(body.Expr)
		}
	}
	return f
}

func (c *conv) prop(at lang.At, mods lang.Modifiers, d *gProp) *lang.VarDecl {
	v := &lang.VarDecl{At: at, Mods: mods, Mutable: d.Kind == "var"}
	if d.Destruct != nil {
		for _, n := range d.Destruct {
			v.Destructure = append(v.Destructure, string(n.Name))
		}
		v.NamePos = at.P
	} else {
		v.Receiver, v.Name, v.NamePos = c.nameChain(d.Name)
	}
	v.Type = c.typeRef(d.Type)
	if d.Init != nil {
		v.Init = c.expr(d.Init)
		v.EqPos = lpos(d.EqPos)
	}
	if d.Delegate != nil {
		v.Delegate = c.expr(d.Delegate)
	}
	for _, a := range d.Accessors {
		acc := &lang.Accessor{At: lang.At{P: lpos(a.Pos)}, Mods: c.mods(a.Mods)}
		if a.Body != nil {
			if a.Body.Block != nil {
				acc.Body = c.block(a.Body.Block)
			} else {
				acc.ExprBody = c.expr(a.Body.Expr)
			}
		}
		if a.Kind == "get" {
			if v.Getter != nil {
				c.errorAt(acc.P, "get", "syntax error: Expecting member declaration.")
			}
			v.Getter = acc
		} else {
			acc.Param = string(a.Param)
			if acc.Param == "" {
				acc.Param = "value"
			}
			if v.Setter != nil {
				c.errorAt(acc.P, "set", "syntax error: Expecting member declaration.")
			}
			if !v.Mutable {
				c.errorf(acc.P, "a 'val' property cannot have a setter.")
			}
			v.Setter = acc
		}
	}
	return v
}

// nameChain splits `Recv.name` into receiver type and name.
func (c *conv) nameChain(g *gNameChain) (*lang.TypeRef, string, lang.Pos) {
	segs := make([]*gSimpleType, 0, 1+len(g.Tail))
	segs = append(segs, g.Head)
	nullable := false
	for _, t := range g.Tail {
		segs = append(segs, t.Seg)
		nullable = t.Nullable
	}
	last := segs[len(segs)-1]
	if len(last.Args) > 0 {
		c.errorf(lpos(last.Pos), "unexpected type arguments after name %s.", last.Name)
	}
	if len(segs) == 1 {
		return nil, string(last.Name), lpos(last.Pos)
	}
	recv := &lang.TypeRef{At: lang.At{P: lpos(g.Head.Pos)}, Nullable: nullable}
	names := make([]string, 0, len(segs)-1)
	for _, s := range segs[:len(segs)-1] {
		names = append(names, string(s.Name))
	}
	recv.Name = strings.Join(names, ".")
	recv.Args = c.typeArgs(segs[len(segs)-2].Args)
	return recv, string(last.Name), lpos(last.Pos)
}

func (c *conv) params(gs []*gParam) []*lang.Param {
	if len(gs) == 0 {
		return nil
	}
	out := make([]*lang.Param, 0, len(gs))
	for _, g := range gs {
		p := &lang.Param{At: lang.At{P: lpos(g.Pos)}, Mods: c.mods(g.Mods), Prop: g.Prop, Name: string(g.Name), Type: c.typeRef(g.Type)}
		if g.Default != nil {
			p.Default = c.expr(g.Default)
		}
		out = append(out, p)
	}
	return out
}

func (c *conv) typeParams(gs []*gTypeParam) []*lang.TypeParam {
	if len(gs) == 0 {
		return nil
	}
	out := make([]*lang.TypeParam, 0, len(gs))
	for _, g := range gs {
		out = append(out, &lang.TypeParam{At: lang.At{P: lpos(g.Pos)}, Name: string(g.Name), Bound: c.typeRef(g.Bound), Reified: g.Reified})
	}
	return out
}

func (c *conv) supers(gs []*gSuper) []*lang.SuperSpec {
	if len(gs) == 0 {
		return nil
	}
	out := make([]*lang.SuperSpec, 0, len(gs))
	for _, g := range gs {
		s := &lang.SuperSpec{At: lang.At{P: lpos(g.Pos)}, Type: c.typeRef(g.Type)}
		if g.Args != nil {
			s.HasCall = true
			s.Args = c.args(g.Args)
		}
		if g.Delegate != nil {
			s.Delegate = c.expr((*gExpr)(g.Delegate))
		}
		out = append(out, s)
	}
	return out
}

func (c *conv) classBody(cd *lang.ClassDecl, g *gClassBody) {
	if g == nil {
		return
	}
	if len(g.Entries) > 0 && !cd.Mods.Enum {
		c.errorAt(lpos(g.Entries[0].Pos), string(g.Entries[0].Name), "syntax error: Expecting member declaration.")
	}
	for _, e := range g.Entries {
		ee := &lang.EnumEntry{At: lang.At{P: lpos(e.Pos)}, Name: string(e.Name), Args: c.args(e.Args)}
		if e.HasBody {
			ee.Members = c.members(e.Members)
			if ee.Members == nil {
				ee.Members = []lang.Stmt{}
			}
		}
		cd.EnumEntries = append(cd.EnumEntries, ee)
	}
	cd.Members = c.members(g.Members)
}

func (c *conv) members(gs []*gMember) []lang.Stmt {
	if len(gs) == 0 {
		return nil
	}
	out := make([]lang.Stmt, 0, len(gs))
	for _, g := range gs {
		if s := c.decl(g.Pos, g.Mods, g.Decl); s != nil {
			if _, ok := s.(*lang.TypeAliasDecl); ok {
				continue // nested type aliases are not supported
			}
			if es, ok := s.(*lang.ExprStmt); ok {
				c.errorf(es.Pos(), "syntax error: Expecting member declaration.")
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// ---------------------------------------------------------------- types

func (c *conv) typeRef(g *gType) *lang.TypeRef {
	if g == nil {
		return nil
	}
	t := &lang.TypeRef{At: lang.At{P: lpos(g.Pos)}}
	switch {
	case g.Paren != nil:
		if g.Paren.Result == nil {
			if len(g.Paren.Params) != 1 || g.Paren.Params[0].Name != "" {
				c.errorf(t.P, "syntax error: Expecting '->'.")
				return t
			}
			inner := c.typeRef(g.Paren.Params[0].Type)
			inner.P = t.P
			inner.Nullable = inner.Nullable || g.Nullable
			t = inner
		} else {
			ft := &lang.FuncType{Result: c.typeRef(g.Paren.Result)}
			for _, p := range g.Paren.Params {
				ft.Params = append(ft.Params, c.typeRef(p.Type))
			}
			t.Func = ft
			t.Nullable = g.Nullable
		}
	default:
		names := make([]string, 0, len(g.User))
		for _, s := range g.User {
			names = append(names, string(s.Name))
		}
		t.Name = strings.Join(names, ".")
		t.Args = c.typeArgs(g.User[len(g.User)-1].Args)
		t.Nullable = g.Nullable
	}
	if g.RecvFun {
		recv := t
		t = &lang.TypeRef{At: recv.At, Func: &lang.FuncType{Receiver: recv, Result: c.typeRef(g.RecvResult)}}
		for _, p := range g.RecvParams {
			t.Func.Params = append(t.Func.Params, c.typeRef(p.Type))
		}
	}
	if g.Suspend {
		if t.Func == nil {
			c.errorAt(t.P, "suspend", "modifier 'suspend' is not applicable to 'non-functional type'.")
		} else {
			t.Func.Suspend = true
		}
	}
	return t
}

func (c *conv) typeArgs(gs []*gTypeArg) []*lang.TypeRef {
	if len(gs) == 0 {
		return nil
	}
	out := make([]*lang.TypeRef, 0, len(gs))
	for _, g := range gs {
		if g.Star {
			out = append(out, &lang.TypeRef{At: lang.At{P: lpos(g.Pos)}, Star: true})
		} else {
			out = append(out, c.typeRef(g.Type))
		}
	}
	return out
}

// ---------------------------------------------------------------- expressions

// Binary operator precedences (higher binds tighter); an identifier
// operator (infix call) has precInfix.
var precs = map[string]int{
	"as": 11, "as?": 11,
	"*": 10, "/": 10, "%": 10,
	"+": 9, "-": 9,
	"..": 8, "..<": 8,
	"?:": 6,
	"in": 5, "!in": 5, "is": 5, "!is": 5,
	"<": 4, ">": 4, "<=": 4, ">=": 4,
	"==": 3, "!=": 3, "===": 3, "!==": 3,
	"&&": 2,
	"||": 1,
}

const precInfix = 7

func opPrec(op string) (int, bool) {
	if p, ok := precs[op]; ok {
		return p, false
	}
	return precInfix, true
}

func (c *conv) expr(g *gExpr) lang.Expr {
	if g == nil {
		return nil
	}
	head := c.operand(g.Head)
	if len(g.Tail) == 0 {
		return head
	}
	operands := []lang.Expr{head}
	var ops []*gBinTail
	reduce := func() {
		op := ops[len(ops)-1]
		ops = ops[:len(ops)-1]
		y := operands[len(operands)-1]
		x := operands[len(operands)-2]
		operands = operands[:len(operands)-1]
		_, infix := opPrec(op.Op)
		name := op.Op
		if infix && len(name) >= 2 && name[0] == '`' {
			name = name[1 : len(name)-1]
		}
		operands[len(operands)-1] = &lang.Binary{At: lang.At{P: x.Pos()}, Op: name, Infix: infix, X: x, Y: y, OpPos: lpos(op.Pos)}
	}
	for _, t := range g.Tail {
		op := t.Op
		if t.TypeOp != "" {
			op = t.TypeOp
		}
		p, _ := opPrec(op)
		for len(ops) > 0 {
			q, _ := opPrec(ops[len(ops)-1].Op)
			if q < p {
				break
			}
			reduce()
		}
		if t.TypeOp != "" {
			x := operands[len(operands)-1]
			ty := c.typeRef(t.Type)
			var e lang.Expr
			switch t.TypeOp {
			case "as", "as?":
				e = &lang.As{At: lang.At{P: x.Pos()}, X: x, Safe: t.TypeOp == "as?", Type: ty}
			default:
				e = &lang.Is{At: lang.At{P: x.Pos()}, X: x, Not: t.TypeOp == "!is", Type: ty}
			}
			operands[len(operands)-1] = e
			continue
		}
		ops = append(ops, t)
		operands = append(operands, c.operand(t.Right))
	}
	for len(ops) > 0 {
		reduce()
	}
	return operands[0]
}

func (c *conv) operand(g *gOperand) lang.Expr {
	ops := g.Ops
	// position of the primary: after the prefix operators
	start := lpos(g.Tokens[0].Pos)
	at := lang.At{P: start}
	if len(ops) > 0 && len(g.Tokens) > len(ops) {
		at.P = lpos(g.Tokens[len(ops)].Pos)
	}
	var x lang.Expr
	switch {
	case g.Name != "":
		x = &lang.Ident{At: at, Name: string(g.Name)}
	case g.Lit != "":
		if n := len(ops); n > 0 && ops[n-1] == "-" && len(g.Suffixes) == 0 && isDigit(g.Lit[0]) {
			// fold -9223372036854775808 (and -2147483648) into the literal
			if v, long, ok := parseInt(g.Lit); ok && (v == 1<<63 || v == 1<<31) && !strings.ContainsAny(g.Lit, ".eEfF") {
				x = &lang.IntLit{At: lang.At{P: start}, Value: -int64(v), Long: long || v == 1<<63, Raw: "-" + g.Lit}
				ops = ops[:n-1]
				break
			}
		}
		x = c.literal(at, g.Lit)
	default:
		x = c.primary(g.X)
	}
	x = c.suffixes(x, g.Suffixes)
	for i := len(ops) - 1; i >= 0; i-- {
		switch ops[i] {
		case "*":
			c.errorf(start, "syntax error: Expecting an element.")
		case "!!":
			x = &lang.Unary{At: lang.At{P: start}, Op: "!", X: &lang.Unary{At: lang.At{P: start}, Op: "!", X: x}}
		default:
			x = &lang.Unary{At: lang.At{P: start}, Op: ops[i], X: x}
		}
	}
	return x
}

func (c *conv) suffixes(x lang.Expr, sufs []gSuffix) lang.Expr {
	var targs []*lang.TypeRef
	var recv *lang.Arg // the receiver of a pending `.(f)` call
	for i := 0; i < len(sufs); i++ {
		at := lang.At{P: x.Pos()}
		if recv != nil {
			at = recv.At
		}
		switch s := sufs[i].(type) {
		case *gRecvFnSuffix:
			// recv.(f)(args) calls f with recv as its first argument
			recv = &lang.Arg{At: at, Value: x}
			x = c.expr(s.X)
			continue
		case *gPostOp:
			x = &lang.Postfix{At: at, Op: s.Op, X: x}
		case *gMemberSuffix:
			x = &lang.Member{At: at, X: x, Name: string(s.Name.Name), Safe: s.Op == "?.", NamePos: lpos(s.Name.Pos)}
		case *gRefSuffix:
			ref := &lang.CallableRef{At: at, Name: string(s.Name)}
			if name, ok := typeName(x); ok {
				ref.RecvType = &lang.TypeRef{At: at, Name: name, Args: targs}
			} else {
				ref.Recv = x
			}
			x = ref
		case *gTypeArgsSuffix:
			targs = c.typeArgs(s.Args)
			continue
		case *gArgsSuffix:
			call := &lang.Call{At: at, Fn: x, TypeArgs: targs, Args: c.args(s.Args)}
			if call.Args == nil {
				call.Args = []*lang.Arg{}
			}
			if i+1 < len(sufs) {
				switch l := sufs[i+1].(type) {
				case *gLambdaSuffix:
					call.Lambda = c.lambda(l.Lambda, "", lang.Pos{})
					i++
				case *gLabelLambdaSuffix:
					call.Lambda = c.lambda(l.Lambda, l.Label, lpos(l.Pos))
					i++
				}
			}
			x = call
		case *gLambdaSuffix:
			x = &lang.Call{At: at, Fn: x, TypeArgs: targs, Lambda: c.lambda(s.Lambda, "", lang.Pos{})}
		case *gLabelLambdaSuffix:
			x = &lang.Call{At: at, Fn: x, TypeArgs: targs, Lambda: c.lambda(s.Lambda, s.Label, lpos(s.Pos))}
		}
		if call, ok := x.(*lang.Call); ok && recv != nil {
			call.Args = append([]*lang.Arg{recv}, call.Args...)
		}
		recv = nil
		switch s := sufs[i].(type) {
		case *gIndexSuffix:
			idx := &lang.Index{At: at, X: x}
			for _, e := range s.Index {
				idx.Index = append(idx.Index, c.expr(e))
			}
			x = idx
		}
		targs = nil
	}
	return x
}

// typeName reports whether x looks like a (dotted) type name: the last
// component starts with an upper-case letter and all parts are names.
func typeName(x lang.Expr) (string, bool) {
	switch x := x.(type) {
	case *lang.Ident:
		r, _ := utf8.DecodeRuneInString(x.Name)
		if r >= 'A' && r <= 'Z' {
			return x.Name, true
		}
	case *lang.Member:
		if x.Safe {
			return "", false
		}
		r, _ := utf8.DecodeRuneInString(x.Name)
		if !(r >= 'A' && r <= 'Z') {
			return "", false
		}
		if p, ok := dotted(x.X); ok {
			return p + "." + x.Name, true
		}
	}
	return "", false
}

func dotted(x lang.Expr) (string, bool) {
	switch x := x.(type) {
	case *lang.Ident:
		return x.Name, true
	case *lang.Member:
		if x.Safe {
			return "", false
		}
		if p, ok := dotted(x.X); ok {
			return p + "." + x.Name, true
		}
	}
	return "", false
}

func (c *conv) args(g *gArgs) []*lang.Arg {
	if g == nil || len(g.Args) == 0 {
		return nil
	}
	out := make([]*lang.Arg, 0, len(g.Args))
	for _, a := range g.Args {
		arg := &lang.Arg{At: lang.At{P: lpos(a.Pos)}, Name: string(a.Name)}
		v := a.Value
		if h := v.Head; len(h.Ops) > 0 && h.Ops[0] == "*" {
			hc := *h
			hc.Ops = h.Ops[1:]
			hc.Tokens = h.Tokens[1:]
			vc := *v
			vc.Head = &hc
			v = &vc
			arg.Spread = true
		}
		arg.Value = c.expr(v)
		out = append(out, arg)
	}
	return out
}

func (c *conv) lambda(g *gLambda, label string, pos lang.Pos) *lang.Lambda {
	l := &lang.Lambda{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(label), HasArrow: g.Arrow, Body: c.stmts(g.Body)}
	if label != "" {
		l.P = pos
	}
	for _, p := range g.Params {
		lp := &lang.LambdaParam{At: lang.At{P: lpos(p.Pos)}, Name: string(p.Name), Type: c.typeRef(p.Type)}
		for _, d := range p.Destruct {
			lp.Destructure = append(lp.Destructure, string(d))
		}
		l.Params = append(l.Params, lp)
	}
	return l
}

func (c *conv) primary(g gPrimary) lang.Expr {
	switch g := g.(type) {
	case *gThis:
		return &lang.This{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(g.Label)}
	case *gSuperExpr:
		s := &lang.Super{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(g.Label)}
		if g.Type != nil {
			s.Type = c.typeRef(g.Type).Name
		}
		return s
	case *gParen:
		return &lang.Paren{At: lang.At{P: lpos(g.Pos)}, X: c.expr(g.X)}
	case *gLabeledLambda:
		return c.lambda(g.Lambda, g.Label, lpos(g.Pos))
	case *gIf:
		return &lang.If{At: lang.At{P: lpos(g.Pos)}, Cond: c.expr(g.Cond), Then: c.body(g.Then), Else: c.body(g.Else)}
	case *gWhen:
		w := &lang.When{At: lang.At{P: lpos(g.Pos)}, SubjectVar: string(g.SubjectVar)}
		if g.HasSubject {
			w.Subject = c.expr(g.Subject)
		}
		for _, e := range g.Entries {
			we := &lang.WhenEntry{At: lang.At{P: lpos(e.Pos)}, Else: e.Else, Body: c.body(e.Body)}
			if e.Guard != nil {
				we.Guard = c.expr(e.Guard)
			}
			for _, cd := range e.Conds {
				wc := &lang.WhenCond{At: lang.At{P: lpos(cd.Pos)}}
				switch {
				case cd.InOp != "":
					wc.Kind, wc.X = cd.InOp, c.expr(cd.In)
				case cd.IsOp != "":
					wc.Kind, wc.Type = cd.IsOp, c.typeRef(cd.Type)
				default:
					wc.Kind, wc.X = "expr", c.expr(cd.X)
				}
				we.Conds = append(we.Conds, wc)
			}
			w.Entries = append(w.Entries, we)
		}
		return w
	case *gTry:
		t := &lang.Try{At: lang.At{P: lpos(g.Pos)}, Body: c.block(g.Body), Finally: c.block(g.Finally)}
		for _, k := range g.Catches {
			t.Catches = append(t.Catches, &lang.Catch{At: lang.At{P: lpos(k.Pos)}, Name: string(k.Name), Type: c.typeRef(k.Type), Body: c.block(k.Body)})
		}
		if len(t.Catches) == 0 && t.Finally == nil {
			// kotlinc: just after the try block
			c.errorf(lpos(g.Body.Close).After("}"), "syntax error: Expecting 'catch' or 'finally'.")
		}
		return t
	case *gThrow:
		return &lang.Throw{At: lang.At{P: lpos(g.Pos)}, X: c.expr(g.X)}
	case *gReturn:
		return &lang.Return{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(g.Label), X: c.expr(g.X)}
	case *gBreak:
		return &lang.Break{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(g.Label)}
	case *gContinue:
		return &lang.Continue{At: lang.At{P: lpos(g.Pos)}, Label: trimTicks(g.Label)}
	case *gObjectExpr:
		at := lang.At{P: lpos(g.Pos)}
		cd := &lang.ClassDecl{At: at, Kind: lang.ClassKindObject, Supers: c.supers(g.Supers)}
		c.classBody(cd, g.Body)
		return &lang.ObjectExpr{At: at, Class: cd}
	case *gAnonFun:
		at := lang.At{P: lpos(g.Pos)}
		f := c.fun(at, lang.Modifiers{}, nil, g.Params, g.Result, g.Body)
		f.NamePos = at.P
		f.Receiver = c.typeRef(g.Recv)
		return &lang.AnonFun{At: at, Fun: f}
	case *gRefPrimary:
		return &lang.CallableRef{At: lang.At{P: lpos(g.Pos)}, Name: string(g.Name)}
	}
	c.errorf(lang.Pos{}, "internal error: unknown expression")
	return &lang.NullLit{}
}

func trimTicks(s string) string {
	if len(s) >= 2 && s[0] == '`' {
		return s[1 : len(s)-1]
	}
	return s
}

// ---------------------------------------------------------------- literals

// parseInt decodes an integer literal's magnitude; long reports an L suffix.
func parseInt(raw string) (v uint64, long bool, ok bool) {
	s := raw
	if strings.HasSuffix(s, "L") {
		long = true
		s = s[:len(s)-1]
	}
	s = strings.TrimRight(s, "uU")
	s = strings.ReplaceAll(s, "_", "")
	base := 10
	if len(s) > 2 && s[0] == '0' && (s[1]|0x20 == 'x') {
		base, s = 16, s[2:]
	} else if len(s) > 2 && s[0] == '0' && (s[1]|0x20 == 'b') {
		base, s = 2, s[2:]
	}
	v, err := strconv.ParseUint(s, base, 64)
	return v, long, err == nil
}

// literal converts a Literal token.
func (c *conv) literal(at lang.At, raw string) lang.Expr {
	switch raw {
	case "true", "false":
		return &lang.BoolLit{At: at, Value: raw == "true"}
	case "null":
		return &lang.NullLit{At: at}
	}
	switch raw[0] {
	case '"', '$':
		return c.stringLit(at, raw)
	case '\'':
		return c.charLit(at, raw)
	}
	isFloat := false
	if !(len(raw) > 1 && raw[0] == '0' && (raw[1]|0x20 == 'x' || raw[1]|0x20 == 'b')) {
		isFloat = strings.ContainsAny(raw, ".eEfF")
	}
	if !isFloat {
		v, long, ok := parseInt(raw)
		if strings.ContainsAny(raw, "uU") {
			if !ok {
				c.errorAt(at.P, raw, "value out of range.")
			}
			return &lang.IntLit{At: at, Value: int64(v), Long: long || v > math.MaxUint32, Unsigned: true, Raw: raw}
		}
		if !ok || v > math.MaxInt64 {
			c.errorAt(at.P, raw, "value out of range.")
		}
		return &lang.IntLit{At: at, Value: int64(v), Long: long || v > math.MaxInt32, Raw: raw}
	}
	s := strings.ReplaceAll(raw, "_", "")
	isF := false
	if n := len(s); n > 0 && s[n-1]|0x20 == 'f' {
		isF = true
		s = s[:n-1]
	}
	bits := 64
	if isF {
		bits = 32
	}
	v, err := strconv.ParseFloat(s, bits)
	if err != nil && !strings.Contains(err.Error(), "range") {
		c.errorAt(at.P, raw, "value out of range.")
	}
	return &lang.FloatLit{At: at, Value: v, Float: isF, Raw: raw}
}

// escape decodes the escape sequence at s[i] == '\\'; it returns the rune and
// the length of the sequence, or ok == false.
func escape(s string, i int) (r rune, n int, ok bool) {
	if i+1 >= len(s) {
		return 0, 1, false
	}
	switch s[i+1] {
	case 't':
		return '\t', 2, true
	case 'b':
		return '\b', 2, true
	case 'n':
		return '\n', 2, true
	case 'r':
		return '\r', 2, true
	case '\'', '"', '\\', '$':
		return rune(s[i+1]), 2, true
	case 'u':
		if i+6 <= len(s) {
			v, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
			if err == nil {
				return rune(v), 6, true
			}
		}
	}
	_, w := utf8.DecodeRuneInString(s[i+1:])
	return 0, 1 + w, false
}

func (c *conv) charLit(at lang.At, raw string) lang.Expr {
	body := raw[1 : len(raw)-1]
	var r rune
	n := 0
	if len(body) > 0 && body[0] == '\\' {
		var ok bool
		r, n, ok = escape(body, 0)
		if !ok {
			c.errorAt(at.P, raw, "unsupported escape sequence.")
		}
	} else if len(body) > 0 {
		r, n = utf8.DecodeRuneInString(body)
	}
	if n == 0 || n != len(body) {
		if len(body) == 0 {
			c.errorAt(at.P, raw, "empty character literal.")
		} else {
			c.errorAt(at.P, raw, "too many characters in a character literal.")
		}
	}
	return &lang.CharLit{At: at, Value: r}
}

// stringLit splits a string literal into text and template parts.
func (c *conv) stringLit(at lang.At, raw string) lang.Expr {
	s := &lang.StringLit{At: at, End: at.P.After(raw)}
	// a multi-dollar literal ($$"...") interpolates only after dollars
	// dollars; fewer are text
	dollars := 1
	if n := dollarQuote(raw, 0); n > 0 {
		dollars = n
		raw = raw[n:]
		at.P.Col += int32(n)
	}
	q := 1
	if strings.HasPrefix(raw, `"""`) {
		s.Raw = true
		q = 3
	}
	body := raw[q : len(raw)-q]
	line, col := at.P.Line, at.P.Col+int32(q)
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			s.Parts = append(s.Parts, lang.StringPart{Text: text.String()})
			text.Reset()
		}
	}
	// advance moves the (line, col) cursor over body[from:to].
	advance := func(from, to int) {
		for _, r := range body[from:to] {
			if r == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
	}
	entryAt := -1
	for i := 0; i < len(body); {
		ch := body[i]
		switch {
		case ch == '\\' && !s.Raw:
			r, n, ok := escape(body, i)
			if !ok {
				c.errorAt(lang.Pos{Line: line, Col: col}, body[i:min(i+n, len(body))], "unsupported escape sequence.")
			} else {
				text.WriteRune(r)
			}
			advance(i, i+n)
			i += n
		case ch == '$' && dollars > 1 && i != entryAt && !dollarEntry(body, i, dollars):
			// a run of dollars that opens no entry, or the literal
			// dollars before the last `dollars` of one that does
			j := i
			for j < len(body) && body[j] == '$' {
				j++
			}
			if dollarEntry(body, j-dollars, dollars) {
				j -= dollars
			}
			text.WriteString(body[i:j])
			advance(i, j)
			i = j
		case ch == '$' && dollars > 1 && i != entryAt:
			// the entry goes on as a one-dollar one from its last dollar
			advance(i, i+dollars-1)
			i += dollars - 1
			entryAt = i
		case ch == '$' && i+1 < len(body) && body[i+1] == '{':
			sc := &scanner{src: body, tooDeep: -1}
			end := sc.skipTemplate(i + 2)
			if end < 0 {
				c.errorf(lang.Pos{Line: line, Col: col}, "syntax error: Expecting '}'.")
				return s
			}
			flush()
			start := lang.Pos{Line: line, Col: col}
			advance(i, i+2)
			inner := body[i+2 : end-1]
			x := c.subExpr(inner, lang.Pos{Line: line, Col: col}, start)
			if x != nil {
				s.Parts = append(s.Parts, lang.StringPart{Expr: x})
			}
			advance(i+2, end)
			i = end
		case ch == '$' && i+1 < len(body):
			r, _ := utf8.DecodeRuneInString(body[i+1:])
			if !isIdentStart(r) {
				text.WriteByte('$')
				advance(i, i+1)
				i++
				continue
			}
			j := i + 1
			for j < len(body) {
				r, w := utf8.DecodeRuneInString(body[j:])
				if !isIdentPart(r) {
					break
				}
				j += w
			}
			flush()
			name := body[i+1 : j]
			p := lang.Pos{Line: line, Col: col + 1}
			var x lang.Expr
			if name == "this" {
				x = &lang.This{At: lang.At{P: p}}
			} else {
				x = &lang.Ident{At: lang.At{P: p}, Name: name}
			}
			s.Parts = append(s.Parts, lang.StringPart{Expr: x})
			advance(i, j)
			i = j
		default:
			_, w := utf8.DecodeRuneInString(body[i:])
			text.WriteString(body[i : i+w])
			advance(i, i+w)
			i += w
		}
	}
	flush()
	return s
}

// dollarEntry reports whether the dollars starting at body[i] are exactly
// n followed by an identifier or `{`: a template entry of a multi-dollar
// literal.
func dollarEntry(body string, i, n int) bool {
	if i < 0 || i+n >= len(body) || strings.Count(body[i:i+n], "$") != n || body[i+n] == '$' {
		return false
	}
	if body[i+n] == '{' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(body[i+n:])
	return isIdentStart(r)
}

// subExpr parses the expression of a `${...}` template entry; base is the
// position of its first character, dollar the position of the '$'.
func (c *conv) subExpr(src string, base, dollar lang.Pos) lang.Expr {
	if strings.TrimSpace(src) == "" {
		c.errorf(lang.Pos{Line: dollar.Line, Col: dollar.Col + 2}, "syntax error: Expecting an expression.")
		return nil
	}
	if x := simpleTemplate(src, base); x != nil {
		return x
	}
	x, errs := parseExprTokens(c.file, src, base, c.depth+1, c.stop)
	if errs != nil {
		for _, e := range errs {
			if len(c.errs) < lang.MaxErrors {
				c.errs = append(c.errs, e)
			}
		}
		return nil
	}
	return x
}

// simpleTemplate builds the node for the common templates `${name}` and
// `${a.b.c}` (plain ASCII names, no spaces) without running the parser; it
// returns nil for anything else.
func simpleTemplate(src string, base lang.Pos) lang.Expr {
	var x lang.Expr
	start := 0
	for i := 0; i <= len(src); i++ {
		if i < len(src) {
			ch := src[i]
			if ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || i > start && ch >= '0' && ch <= '9' {
				continue
			}
			if ch != '.' {
				return nil
			}
		}
		if i == start {
			return nil
		}
		name := src[start:i]
		if keywords[name] {
			return nil
		}
		p := lang.Pos{Line: base.Line, Col: base.Col + int32(start)}
		if x == nil {
			x = &lang.Ident{At: lang.At{P: base}, Name: name}
		} else {
			x = &lang.Member{At: lang.At{P: base}, X: x, Name: name, NamePos: p}
		}
		start = i + 1
	}
	return x
}
