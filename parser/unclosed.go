package parser

import (
	"strconv"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// Unclosed brackets: a syntax error at the end of the file that expects a
// closing bracket also shows where the bracket left open was opened.

// noteUnclosed adds to the "Expecting '}'" (or ')', ']') error of errs that
// lies after the last line of text a note pointing at the innermost
// bracket still open at the end of text.
func noteUnclosed(errs lang.ErrorList, text string) {
	lastLine := strings.Count(text, "\n") + 1
	for _, e := range errs {
		if !strings.HasPrefix(e.Msg, "syntax error: Expecting '") || !strings.ContainsAny(e.Msg[len("syntax error: Expecting '"):], "})]") {
			continue
		}
		if int(e.Pos.Line) < lastLine-1 && !onlyBlankAfter(text, e.Pos) {
			continue
		}
		br, line, col, ok := innermostOpen(text)
		if !ok {
			return
		}
		lines := strings.Split(text, "\n")
		src := strings.TrimRight(lines[line-1], "\r")
		e.Notes = append(e.Notes, "'"+br+"' opened at "+strconv.Itoa(line)+":"+strconv.Itoa(col)+" is not closed:\n"+
			strings.ReplaceAll(src, "\t", " ")+"\n"+strings.Repeat(" ", col-1)+"^")
		return
	}
}

// onlyBlankAfter reports whether nothing but white space and comments'
// absence follows the line of p (the error is at the end of the input).
func onlyBlankAfter(text string, p lang.Pos) bool {
	lines := strings.Split(text, "\n")
	for i := int(p.Line); i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			return false
		}
	}
	return true
}

// innermostOpen returns the innermost bracket still open at the end of
// text, with its 1-based line and column, by the lexer's tokens (brackets
// in strings and comments do not count).
func innermostOpen(text string) (br string, line, col int, ok bool) {
	s := rawScanner(text)
	raw := s.scanRaw()
	if s.err != nil {
		return "", 0, 0, false
	}
	open, _ := openBrackets(raw)
	if len(open) == 0 {
		return "", 0, 0, false
	}
	t := open[len(open)-1]
	return t.val, t.pos.Line, t.pos.Column, true
}
