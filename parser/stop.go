package parser

// Stopping a parse: a host that parses untrusted source gives ParseFileStop
// a function it polls while it scans and parses, and the parse ends with
// that function's error as soon as it reports one.

import (
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// pollTokens is how many tokens the scanner and the parser go between
// two calls of the stop function (roughly; the parser polls when its
// cursor crosses a multiple, which backtracking may skip now and then).
const pollTokens = 1024

// parseStop carries the stop function's error through the parser as a
// panic, past participle and the parser's own recovery points, to
// ParseFileStop.
type parseStop struct{ err error }

// stoppers maps the token streams of the parses in progress that have a
// stop function to it: participle's hooks into the hand-written parser
// get only the stream.
var stoppers sync.Map // *lexer.PeekingLexer → func() error

// pollStream calls the stop function of the parse reading lex, if it has
// one, and stops the parse when it reports an error.
func pollStream(lex *lexer.PeekingLexer) {
	if f, ok := stoppers.Load(lex); ok {
		if err := f.(func() error)(); err != nil {
			panic(parseStop{err})
		}
	}
}

// poll calls stop, when set, and stops the parse when it reports an error.
func poll(stop func() error) {
	if stop != nil {
		if err := stop(); err != nil {
			panic(parseStop{err})
		}
	}
}

// repanicStop lets a parseStop through a recovery point: r is what it
// recovered.
func repanicStop(r any) {
	if s, ok := r.(parseStop); ok {
		panic(s)
	}
}
