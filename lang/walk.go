package lang

// Inspect traverses the tree rooted at n in depth-first order, calling f
// for every node (statements, expressions, declarations, type references
// and the parts of when/try/class bodies). When f returns false the
// children of that node are skipped. Nil nodes are skipped.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	switch n := n.(type) {
	case *File:
		for _, s := range n.Body {
			Inspect(s, f)
		}
	case *Block:
		for _, s := range n.Stmts {
			Inspect(s, f)
		}
	case *ExprStmt:
		Inspect(n.X, f)
	case *Assign:
		Inspect(n.Target, f)
		Inspect(n.Value, f)
	case *VarDecl:
		inspectType(n.Receiver, f)
		inspectType(n.Type, f)
		Inspect(n.Init, f)
		Inspect(n.Delegate, f)
		inspectAccessor(n.Getter, f)
		inspectAccessor(n.Setter, f)
	case *FunDecl:
		inspectType(n.Receiver, f)
		inspectParams(n.Params, f)
		inspectType(n.Result, f)
		Inspect(n.Body, f)
		Inspect(n.ExprBody, f)
	case *ClassDecl:
		inspectParams(n.CtorParams, f)
		for _, s := range n.Supers {
			inspectType(s.Type, f)
			inspectArgs(s.Args, f)
			Inspect(s.Delegate, f)
		}
		for _, e := range n.EnumEntries {
			inspectArgs(e.Args, f)
			for _, m := range e.Members {
				Inspect(m, f)
			}
		}
		for _, m := range n.Members {
			Inspect(m, f)
		}
	case *InitBlock:
		Inspect(n.Body, f)
	case *Accessor:
		Inspect(n.Body, f)
		Inspect(n.ExprBody, f)
	case *SecondaryCtor:
		inspectParams(n.Params, f)
		inspectArgs(n.DelegArgs, f)
		Inspect(n.Body, f)
	case *While:
		Inspect(n.Cond, f)
		Inspect(n.Body, f)
	case *DoWhile:
		Inspect(n.Body, f)
		Inspect(n.Cond, f)
	case *TypeAliasDecl:
		inspectType(n.Type, f)
	case *For:
		inspectType(n.VarType, f)
		Inspect(n.Iter, f)
		Inspect(n.Body, f)
	case *StringLit:
		for _, p := range n.Parts {
			Inspect(p.Expr, f)
		}
	case *Unary:
		Inspect(n.X, f)
	case *Postfix:
		Inspect(n.X, f)
	case *Binary:
		Inspect(n.X, f)
		Inspect(n.Y, f)
	case *Is:
		Inspect(n.X, f)
		inspectType(n.Type, f)
	case *As:
		Inspect(n.X, f)
		inspectType(n.Type, f)
	case *Call:
		Inspect(n.Fn, f)
		for _, t := range n.TypeArgs {
			inspectType(t, f)
		}
		inspectArgs(n.Args, f)
		Inspect(n.Lambda, f)
	case *Member:
		Inspect(n.X, f)
	case *Index:
		Inspect(n.X, f)
		for _, i := range n.Index {
			Inspect(i, f)
		}
	case *Lambda:
		for _, p := range n.Params {
			inspectType(p.Type, f)
		}
		for _, s := range n.Body {
			Inspect(s, f)
		}
	case *AnonFun:
		Inspect(n.Fun, f)
	case *ObjectExpr:
		Inspect(n.Class, f)
	case *If:
		Inspect(n.Cond, f)
		Inspect(n.Then, f)
		Inspect(n.Else, f)
	case *When:
		Inspect(n.Subject, f)
		for _, e := range n.Entries {
			for _, c := range e.Conds {
				Inspect(c.X, f)
				inspectType(c.Type, f)
			}
			Inspect(e.Guard, f)
			Inspect(e.Body, f)
		}
	case *Try:
		Inspect(n.Body, f)
		for _, c := range n.Catches {
			inspectType(c.Type, f)
			Inspect(c.Body, f)
		}
		Inspect(n.Finally, f)
	case *Throw:
		Inspect(n.X, f)
	case *Return:
		Inspect(n.X, f)
	case *CallableRef:
		Inspect(n.Recv, f)
		inspectType(n.RecvType, f)
	case *Paren:
		Inspect(n.X, f)
	case *TypeRef:
		for _, a := range n.Args {
			inspectType(a, f)
		}
		if n.Func != nil {
			inspectType(n.Func.Receiver, f)
			for _, p := range n.Func.Params {
				inspectType(p, f)
			}
			inspectType(n.Func.Result, f)
		}
	}
}

func inspectType(t *TypeRef, f func(Node) bool) {
	if t != nil {
		Inspect(t, f)
	}
}

func inspectAccessor(a *Accessor, f func(Node) bool) {
	if a != nil {
		Inspect(a, f)
	}
}

func inspectParams(ps []*Param, f func(Node) bool) {
	for _, p := range ps {
		inspectType(p.Type, f)
		Inspect(p.Default, f)
	}
}

func inspectArgs(as []*Arg, f func(Node) bool) {
	for _, a := range as {
		Inspect(a.Value, f)
	}
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	switch n := n.(type) {
	case *Block:
		return n == nil
	case *FunDecl:
		return n == nil
	case *Lambda:
		return n == nil
	case *ClassDecl:
		return n == nil
	case *TypeRef:
		return n == nil
	case *File:
		return n == nil
	case *Accessor:
		return n == nil
	case *AnonFun:
		return n == nil
	}
	return false
}
