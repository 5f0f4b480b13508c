// Package parser turns ktcoro source text into lang syntax trees.
//
// Parsing happens in three steps. A hand-written lexer (lexer.go) splits the
// source into raw tokens; a string literal, templates included, is one token.
// A context pass (context.go) then shapes the token stream for the grammar:
// it turns significant newlines into Sep tokens (a newline ends a statement
// only inside braces or at top level, after a token that can end a
// statement, and before one that cannot continue it), marks soft modifier
// keywords, recognises type-argument brackets, and classifies operators by
// what precedes them (after an operand '-' is binary and '(' starts a call;
// elsewhere '-' is a prefix operator). A participle grammar (grammar.go)
// parses that stream into private grammar structs: participle drives the
// overall grammar (files, imports, declarations, classes and their
// members), while the hottest nonterminals (expressions, statements, types,
// call arguments, blocks, properties, functions and parameters) are parsed
// by hand-written recursive descent (hand.go) plugged into the grammar as
// participle custom nodes, which call back into the participle grammar for
// the declarations they contain. Binary expressions are kept as flat
// operand/operator lists, and convert.go turns the structs into lang nodes,
// applying operator precedence by precedence climbing and parsing the
// `${...}` entries of string templates as expressions with positions inside
// the enclosing file. Errors are lang.ErrorLists with 1-based line and rune
// column positions.
package parser
