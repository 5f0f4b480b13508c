package lang

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestErrorFormats(t *testing.T) {
	e := &Error{File: "a.kc", Pos: Pos{Line: 3, Col: 7}, Msg: "unresolved reference 'x'.", Source: "\tval y = x"}
	if got, want := e.Error(), "a.kc:3:7: error: unresolved reference 'x'."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	want := "a.kc:3:7: error: unresolved reference 'x'.\n val y = x\n      ^"
	if diff := cmp.Diff(want, e.Detail()); diff != "" {
		t.Errorf("Detail (-want +got):\n%s", diff)
	}
	noPos := &Error{File: "a.kc", Msg: "cannot read."}
	if got := noPos.Error(); got != "a.kc: error: cannot read." {
		t.Errorf("no position: %q", got)
	}
	warn := &Error{File: "a.kc", Pos: Pos{Line: 1, Col: 5}, Msg: "variable 'x' is never used.", Warning: true}
	if got, want := warn.Error(), "a.kc:1:5: warning: variable 'x' is never used."; got != want {
		t.Errorf("warning: %q, want %q", got, want)
	}
}

func TestErrorDetailSpan(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pos, end Pos
		want     string
	}{
		{"one line", Pos{Line: 2, Col: 13}, Pos{Line: 2, Col: 16}, "            ^^^"},
		{"unknown end", Pos{Line: 2, Col: 13}, Pos{}, "            ^"},
		{"empty span", Pos{Line: 2, Col: 13}, Pos{Line: 2, Col: 13}, "            ^"},
		{"to the end of the line", Pos{Line: 2, Col: 13}, Pos{Line: 4, Col: 2}, "            ^^^^^^"},
	} {
		e := &Error{File: "a.kc", Pos: tc.pos, End: tc.end, Msg: "m.", Source: "    println(add(1)"}
		want := "a.kc:2:13: error: m.\n    println(add(1)\n" + tc.want
		if diff := cmp.Diff(want, e.Detail()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestPosAfter(t *testing.T) {
	p := Pos{Line: 3, Col: 5}
	for text, want := range map[string]Pos{
		"":            {Line: 3, Col: 5},
		"foo":         {Line: 3, Col: 8},
		"héé":         {Line: 3, Col: 8},
		"\"\"\"a\nbc": {Line: 4, Col: 3},
	} {
		if got := p.After(text); got != want {
			t.Errorf("After(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestErrorListSortDedupAndCap(t *testing.T) {
	var l ErrorList
	l.Add("a.kc", Pos{Line: 5, Col: 1}, "late")
	l.Add("a.kc", Pos{Line: 2, Col: 9}, "early %d", 1)
	l.Add("a.kc", Pos{Line: 2, Col: 9}, "early %d", 1)
	l.Add("a.kc", Pos{Line: 2, Col: 3}, "first")
	l = l.Sort()
	var got []string
	for _, e := range l {
		got = append(got, e.Error())
	}
	want := []string{"a.kc:2:3: error: first", "a.kc:2:9: error: early 1", "a.kc:5:1: error: late"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted list (-want +got):\n%s", diff)
	}
	var err error = l
	var back ErrorList
	if !errors.As(err, &back) || len(back) != 3 {
		t.Errorf("ErrorList does not round-trip through error")
	}
	var full ErrorList
	for i := 0; i < MaxErrors+5; i++ {
		full.Add("a.kc", Pos{Line: int32(i + 1), Col: 1}, "e")
	}
	if len(full) != MaxErrors {
		t.Errorf("list holds %d errors, want the cap %d", len(full), MaxErrors)
	}
	if (ErrorList{}).Err() != nil {
		t.Errorf("an empty list must be a nil error")
	}
}

func TestAttachSource(t *testing.T) {
	l := ErrorList{{File: "a.kc", Pos: Pos{Line: 2, Col: 1}, Msg: "m"}}
	l.AttachSource("line one\r\nline two\r\n")
	if l[0].Source != "line two" {
		t.Errorf("Source = %q", l[0].Source)
	}
}

func TestErrorDetailLongLine(t *testing.T) {
	long := strings.Repeat("a", 10_000) + "é" + strings.Repeat("b", 10_000)
	for _, tc := range []struct {
		name string
		col  int32
		end  Pos
		text string // the clipped line
		at   int    // its caret column
	}{
		{"middle", 10_001, Pos{Line: 1, Col: 10_004}, "..." + strings.Repeat("a", 100) + "é" + strings.Repeat("b", 99) + "...", 104},
		{"start", 1, Pos{}, strings.Repeat("a", 200) + "...", 1},
		{"end", 20_001, Pos{Line: 2, Col: 1}, "..." + strings.Repeat("b", 200), 203},
	} {
		e := &Error{File: "a.kc", Pos: Pos{Line: 1, Col: tc.col}, End: tc.end, Msg: "m.", Source: long}
		lines := strings.Split(e.Detail(), "\n")
		if len(lines) != 3 {
			t.Fatalf("%s: %q", tc.name, e.Detail())
		}
		if diff := cmp.Diff(tc.text, lines[1]); diff != "" {
			t.Errorf("%s: line (-want +got):\n%s", tc.name, diff)
		}
		caret := strings.TrimLeft(lines[2], " ")
		if got := len(lines[2]) - len(caret) + 1; got != tc.at || len(caret) > DetailWidth {
			t.Errorf("%s: caret at %d width %d, want at %d", tc.name, got, len(caret), tc.at)
		}
	}
}
