package lang

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Error is one diagnostic: a message Msg about the element that starts at
// position Pos in the file named File and ends just before End (the zero
// End when the extent is unknown). Warning marks a warning; by default a
// diagnostic is an error. Source, when set, is the text of the offending
// line, shown with carets by Detail. Messages follow kotlinc's style: lower
// case, ending with a period.
type Error struct {
	File    string
	Pos     Pos
	End     Pos
	Msg     string
	Warning bool
	Source  string
	// Notes are lines Detail prints after the source line, each as
	// "note: ..." (a suggestion such as "did you mean 'count'?").
	Notes []string
}

// Severity returns "error" or "warning".
func (e *Error) Severity() string {
	if e.Warning {
		return "warning"
	}
	return "error"
}

// Error formats the diagnostic as kotlinc does: "file:line:col: error: message"
// ("warning:" for a warning).
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Severity(), e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.File, e.Pos.Line, e.Pos.Col, e.Severity(), e.Msg)
}

// Detail formats the diagnostic followed, when the source line is known, by
// that line and carets under the offending element: one per column of its
// span on that line (to the end of the line when the element goes on), or a
// single caret when the span is unknown.
func (e *Error) Detail() string {
	s := e.Error()
	if e.Source == "" || !e.Pos.IsValid() {
		return s
	}
	line := strings.ReplaceAll(e.Source, "\t", " ")
	col := max(int(e.Pos.Col), 1)
	width := 1
	switch {
	case e.End.Line == e.Pos.Line && e.End.Col > e.Pos.Col:
		width = int(e.End.Col - e.Pos.Col)
	case e.End.Line > e.Pos.Line:
		width = max(utf8.RuneCountInString(line)-col+1, 1)
	}
	line, col, width = clipLine(line, col, width)
	s += "\n" + line + "\n" + strings.Repeat(" ", col-1) + strings.Repeat("^", width)
	for _, n := range e.Notes {
		s += "\nnote: " + n
	}
	return s
}

// DetailWidth is the number of characters of a long source line that
// Detail shows around the column of the diagnostic.
const DetailWidth = 200

// clipLine cuts a line longer than DetailWidth characters down to the
// DetailWidth characters around column col ("..." marks a cut), and
// returns the caret column and width for the clipped line.
func clipLine(line string, col, width int) (string, int, int) {
	if len(line) <= DetailWidth {
		return line, col, width
	}
	n := utf8.RuneCountInString(line)
	if n <= DetailWidth {
		return line, col, width
	}
	to := min(max(col-1-DetailWidth/2, 0)+DetailWidth, n)
	from := to - DetailWidth
	bf, bt := len(line), len(line)
	r := 0
	for i := range line {
		if r == from {
			bf = i
		}
		if r == to {
			bt = i
			break
		}
		r++
	}
	pre, post := "", ""
	if from > 0 {
		pre = "..."
	}
	if to < n {
		post = "..."
	}
	width = max(min(width, to-(col-1)), 1)
	return pre + line[bf:bt] + post, col - from + len(pre), width
}

// MaxErrors caps the number of diagnostics an ErrorList keeps.
const MaxErrors = 20

// ErrorList is a list of diagnostics. It implements error.
type ErrorList []*Error

// Add appends an error at pos whose extent is unknown, dropping it when the
// list is full.
func (l *ErrorList) Add(file string, pos Pos, format string, args ...any) {
	l.AddSpan(file, pos, Pos{}, format, args...)
}

// AddSpan appends an error about the element from pos up to end (exclusive;
// the zero Pos when unknown), dropping it when the list is full.
func (l *ErrorList) AddSpan(file string, pos, end Pos, format string, args ...any) {
	if len(*l) >= MaxErrors {
		return
	}
	*l = append(*l, &Error{File: file, Pos: pos, End: end, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by position and removes exact duplicates.
func (l ErrorList) Sort() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Pos.Before(l[j].Pos)
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Pos == l[i-1].Pos && e.Msg == l[i-1].Msg && e.File == l[i-1].File {
			continue
		}
		out = append(out, e)
	}
	return out
}

// AttachSource fills in the Source field of every diagnostic from src, the
// text of the file the diagnostics refer to (a leading byte-order mark
// is not part of the first line, as in parser.ParseFile).
func (l ErrorList) AttachSource(src string) {
	lines := strings.Split(strings.TrimPrefix(src, "\uFEFF"), "\n")
	for _, e := range l {
		if n := int(e.Pos.Line); n >= 1 && n <= len(lines) {
			e.Source = strings.TrimRight(lines[n-1], "\r")
		}
	}
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error joins the diagnostics, one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Detail joins the detailed form (with source line and carets) of every
// diagnostic.
func (l ErrorList) Detail() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Detail())
	}
	return b.String()
}
