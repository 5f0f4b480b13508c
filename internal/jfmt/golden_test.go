package jfmt

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The golden files in testdata were produced by a Java 17 JVM with
// testdata/gen/Gen.java (see the header of that file).

func readLines(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// unesc undoes Gen.esc: \\ \t \n \r and \uXXXX (UTF-16 code units).
func unesc(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var u []uint16
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			u = append(u, uint16(c))
			continue
		}
		i++
		switch s[i] {
		case 't':
			u = append(u, '\t')
		case 'n':
			u = append(u, '\n')
		case 'r':
			u = append(u, '\r')
		case '\\':
			u = append(u, '\\')
		case 'u':
			v, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
			if err != nil {
				panic(s)
			}
			u = append(u, uint16(v))
			i += 4
		}
	}
	return decodeUTF16(u)
}

func decodeUTF16(u []uint16) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := rune(u[i])
		if c >= 0xd800 && c < 0xdc00 && i+1 < len(u) && u[i+1] >= 0xdc00 && u[i+1] < 0xe000 {
			c = 0x10000 + (c-0xd800)<<10 + rune(u[i+1]-0xdc00)
			i++
		}
		b.WriteRune(c)
	}
	return b.String()
}

func TestFormatDoubleGolden(t *testing.T) {
	lines := readLines(t, "doubles.txt")
	if len(lines) < 8000 {
		t.Fatalf("only %d lines", len(lines))
	}
	bad := 0
	for _, l := range lines {
		p := strings.Fields(l[0])
		b, err := strconv.ParseUint(p[0], 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatDouble(math.Float64frombits(b)); got != p[1] {
			if bad++; bad < 20 {
				t.Errorf("FormatDouble(bits %s) = %q, JVM %q", p[0], got, p[1])
			}
		}
	}
}

func TestFormatFloatGolden(t *testing.T) {
	lines := readLines(t, "floats.txt")
	if len(lines) < 3000 {
		t.Fatalf("only %d lines", len(lines))
	}
	bad := 0
	for _, l := range lines {
		p := strings.Fields(l[0])
		b, err := strconv.ParseUint(p[0], 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatFloat(math.Float32frombits(uint32(b))); got != p[1] {
			if bad++; bad < 20 {
				t.Errorf("FormatFloat(bits %s) = %q, JVM %q", p[0], got, p[1])
			}
		}
	}
}

func TestParseDoubleGolden(t *testing.T) {
	lines := readLines(t, "parse.txt")
	if len(lines) < 3000 {
		t.Fatalf("only %d lines", len(lines))
	}
	bad := 0
	for _, l := range lines {
		in := unesc(l[0])
		got, ok := ParseDouble(in)
		var gs string
		if !ok {
			gs = "NFE"
		} else {
			gs = strconv.FormatUint(math.Float64bits(got), 16)
		}
		if gs != l[1] {
			if bad++; bad < 20 {
				t.Errorf("ParseDouble(%q) = %s, JVM %s", in, gs, l[1])
			}
		}
	}
}

func TestMiscGolden(t *testing.T) {
	for _, l := range readLines(t, "misc.txt") {
		switch l[0] {
		case "strhash":
			if got := strconv.Itoa(int(StringHash(unesc(l[1])))); got != l[2] {
				t.Errorf("StringHash(%q) = %s, JVM %s", unesc(l[1]), got, l[2])
			}
		case "dhash":
			b, _ := strconv.ParseUint(l[1], 16, 64)
			if got := strconv.Itoa(int(DoubleHash(math.Float64frombits(b)))); got != l[2] {
				t.Errorf("DoubleHash(bits %s) = %s, JVM %s", l[1], got, l[2])
			}
		case "fhash":
			b, _ := strconv.ParseUint(l[1], 16, 32)
			if got := strconv.Itoa(int(FloatHash(math.Float32frombits(uint32(b))))); got != l[2] {
				t.Errorf("FloatHash(bits %s) = %s, JVM %s", l[1], got, l[2])
			}
		case "lhash":
			v, _ := strconv.ParseInt(l[1], 10, 64)
			if got := strconv.Itoa(int(LongHash(v))); got != l[2] {
				t.Errorf("LongHash(%d) = %s, JVM %s", v, got, l[2])
			}
		case "radix":
			v, _ := strconv.ParseInt(l[1], 10, 64)
			r, _ := strconv.Atoi(l[2])
			if got := FormatInt(v, r); got != l[3] {
				t.Errorf("FormatInt(%d, %d) = %s, JVM %s", v, r, got, l[3])
			}
		default:
			t.Fatalf("bad line %q", l)
		}
	}
}
