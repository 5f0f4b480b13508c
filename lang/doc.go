// Package lang holds the vocabulary of the ktcoro language shared by the
// parser and the interpreter: syntax tree nodes, source positions and
// diagnostics. It contains no logic beyond formatting and walking the tree,
// and it imports only the Go standard library.
package lang
