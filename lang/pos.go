package lang

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file: Line and Col are 1-based, the
// column counted in runes. The zero Pos means "unknown".
type Pos struct {
	Line int32
	Col  int32
}

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Before reports whether p comes before q in the file.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// After returns the position just past text written at p: the end of the
// span of an element whose source text is text. Text may span lines.
func (p Pos) After(text string) Pos {
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		return Pos{Line: p.Line + int32(strings.Count(text, "\n")), Col: int32(utf8.RuneCountInString(text[i+1:])) + 1}
	}
	return Pos{Line: p.Line, Col: p.Col + int32(utf8.RuneCountInString(text))}
}
