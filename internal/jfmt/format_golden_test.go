package jfmt

import (
	"math"
	"strconv"
	"testing"
)

// parseArg decodes the argument encoding of testdata/gen/Gen.java.
func parseArg(t *testing.T, s string) any {
	t.Helper()
	v := s[2:]
	switch s[0] {
	case 'I':
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			t.Fatal(err)
		}
		return int32(n)
	case 'J':
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return n
	case 'S':
		n, err := strconv.ParseInt(v, 10, 16)
		if err != nil {
			t.Fatal(err)
		}
		return int16(n)
	case 'B':
		n, err := strconv.ParseInt(v, 10, 8)
		if err != nil {
			t.Fatal(err)
		}
		return int8(n)
	case 'D':
		if v[0] == '#' {
			b, err := strconv.ParseUint(v[1:], 16, 64)
			if err != nil {
				t.Fatal(err)
			}
			return math.Float64frombits(b)
		}
		f, ok := ParseDouble(v)
		if !ok {
			t.Fatalf("bad double %q", v)
		}
		return f
	case 'F':
		f, err := strconv.ParseFloat(v, 32)
		if err != nil && v != "NaN" {
			t.Fatal(err)
		}
		return float32(f)
	case 'C':
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		return Char(n)
	case 'Z':
		return v == "true"
	case 'N':
		return nil
	case 'T':
		return unesc(v)
	}
	t.Fatalf("bad arg %q", s)
	return nil
}

func checkFormatFile(t *testing.T, name string, min int) {
	lines := readLines(t, name)
	if len(lines) < min {
		t.Fatalf("only %d lines in %s", len(lines), name)
	}
	bad := 0
	for _, l := range lines {
		format := unesc(l[0])
		want := l[1]
		var args []any
		for _, a := range l[2:] {
			args = append(args, parseArg(t, a))
		}
		out, err := Sprintf(format, args)
		var got string
		if err != nil {
			fe, ok := err.(*FormatError)
			if !ok {
				t.Fatalf("Sprintf(%q): error %T %v", format, err, err)
			}
			got = "!" + fe.Class + ": " + fe.Message
			want = "!" + unesc(want[1:])
		} else {
			got = "=" + out
			want = "=" + unesc(want[1:])
		}
		if got != want {
			if bad++; bad < 30 {
				t.Errorf("Sprintf(%q, %v):\n got %q\nwant %q", format, l[2:], got, want)
			}
		}
	}
}

func TestSprintfGolden(t *testing.T) { checkFormatFile(t, "format.txt", 300) }

func TestSprintfRandomGolden(t *testing.T) { checkFormatFile(t, "format_random.txt", 3000) }
