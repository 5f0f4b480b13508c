package lang

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one diagnostic: a message Msg at position Pos in the file named
// File. Source, when set, is the text of the offending line, shown with a
// caret by Detail.
type Error struct {
	File   string
	Pos    Pos
	Msg    string
	Source string
}

// Error formats the diagnostic as "file:line:col: message".
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Detail formats the diagnostic followed, when the source line is known, by
// that line and a caret under the column.
func (e *Error) Detail() string {
	s := e.Error()
	if e.Source == "" || !e.Pos.IsValid() {
		return s
	}
	line := strings.ReplaceAll(e.Source, "\t", " ")
	col := int(e.Pos.Col)
	if col < 1 {
		col = 1
	}
	return s + "\n" + line + "\n" + strings.Repeat(" ", col-1) + "^"
}

// MaxErrors caps the number of diagnostics an ErrorList keeps.
const MaxErrors = 20

// ErrorList is a list of diagnostics. It implements error.
type ErrorList []*Error

// Add appends a diagnostic at pos, dropping it when the list is full.
func (l *ErrorList) Add(file string, pos Pos, format string, args ...any) {
	if len(*l) >= MaxErrors {
		return
	}
	*l = append(*l, &Error{File: file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
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
// text of the file the diagnostics refer to.
func (l ErrorList) AttachSource(src string) {
	lines := strings.Split(src, "\n")
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

// Detail joins the detailed form (with source line and caret) of every
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
