package stdlib

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
)

// ktRun compiles src (a whole program) with the standard library and
// returns its stdout and stderr.
func ktRun(t *testing.T, src string, stdin string) (string, string, error) {
	t.Helper()
	var out, errw bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &errw, Stdin: strings.NewReader(stdin)})
	if err := Install(in); err != nil {
		t.Fatalf("Install: %v", err)
	}
	p, err := in.Compile("test.kc", []byte(src))
	if err != nil {
		t.Fatalf("compile:\n%s\n%v", src, err)
	}
	err = in.Run(p)
	return out.String(), errw.String(), err
}

// ktCase is one println(expr) check: expr is printed, want is the line.
type ktCase struct{ expr, want string }

// ktCheck runs every expression of cases in one program (each in a
// try/catch so that an exception prints as `!class: message`) and
// compares the printed lines.
func ktCheck(t *testing.T, prelude string, cases []ktCase) {
	t.Helper()
	var b strings.Builder
	b.WriteString(prelude)
	b.WriteString("\nfun main() {\n")
	var want []string
	for _, c := range cases {
		b.WriteString("    try { println(" + c.expr + ") } catch (e: Throwable) { println(\"!\" + e) }\n")
		want = append(want, c.want)
	}
	b.WriteString("}\n")
	out, _, err := ktRun(t, b.String(), "")
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i := range want {
		g := "<missing>"
		if i < len(got) {
			g = got[i]
		}
		if g != want[i] {
			t.Errorf("%s\n got  %q\n want %q", cases[i].expr, g, want[i])
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d lines, want %d:\n%s", len(got), len(want), cmp.Diff(want, got))
	}
}

func TestStringMethods(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`"abc".length`, "3"},
		{`"héllo".length`, "5"},
		{`"a😀b".length`, "4"},
		{`"a😀b"[3]`, "b"},
		{`"abc"[1]`, "b"},
		{`"abc"[10]`, "!java.lang.StringIndexOutOfBoundsException: String index out of range: 10"},
		{`"abc".substring(1)`, "bc"},
		{`"abc".substring(2, 10)`, "!java.lang.StringIndexOutOfBoundsException: begin 2, end 10, length 3"},
		{`"héllo".substring(1, 3)`, "él"},
		{`"a,b,,c".split(",")`, "[a, b, , c]"},
		{`"a, b;c".split(", ", ";")`, "[a, b, c]"},
		{`"1-2-3-4".split("-", limit = 2)`, "[1, 2-3-4]"},
		{`"abc".split("")`, "[, a, b, c, ]"},
		{`"aXbxc".split("x", ignoreCase = true)`, "[a, b, c]"},
		{`"a1b22c".split(Regex("[0-9]+"))`, "[a, b, c]"},
		{`"[" + "  pad  ".trim() + "]"`, "[pad]"},
		{`"[" + "  pad  ".trimStart() + "]"`, "[pad  ]"},
		{`"[" + "  pad  ".trimEnd() + "]"`, "[  pad]"},
		{`"xxaxx".trim { it == 'x' }`, "a"},
		{`"7".padStart(3, '0')`, "007"},
		{`"ab".padEnd(4, '.')`, "ab.."},
		{`"ab".padStart(-1)`, "!java.lang.IllegalArgumentException: Desired length -1 is less than zero."},
		{`"ab".repeat(3)`, "ababab"},
		{`"ab".repeat(-1)`, "!java.lang.IllegalArgumentException: Count 'n' must be non-negative, but was -1."},
		{`"aaa".replace("aa", "b")`, "ba"},
		{`"a-b".replace('-', '+')`, "a+b"},
		{`"Hello".replace("l", "L", ignoreCase = true)`, "HeLLo"},
		{`"abc".replace("", "-")`, "-a-b-c-"},
		{`"banana".indexOf("an")`, "1"},
		{`"banana".indexOf('n', 3)`, "4"},
		{`"banana".lastIndexOf("an")`, "3"},
		{`"banana".lastIndexOf('a', 4)`, "3"},
		{`"héllo".indexOf("l")`, "2"},
		{`"kotlin".contains("TL", ignoreCase = true)`, "true"},
		{`'k' in "kotlin"`, "true"},
		{`"kotlin".startsWith("kot")`, "true"},
		{`"kotlin".endsWith("LIN", true)`, "true"},
		{`"stressed".reversed()`, "desserts"},
		{`"one\ntwo\r\nthree".lines()`, "[one, two, three]"},
		{`"Mixed".toUpperCase() + "Mixed".lowercase()`, "MIXEDmixed"},
		{`"straße".uppercase()`, "STRASSE"},
		{`"word".capitalize() + "Word".decapitalize()`, "Wordword"},
		{`"word".replaceFirstChar { it.uppercase() }`, "Word"},
		{`"Hello".equals("hELLO", ignoreCase = true)`, "true"},
		{`"Hello".equals("hELLO")`, "false"},
		{`"a1b2".filter { it.isDigit() }`, "12"},
		{`"a1b2".count { it.isLetter() }`, "2"},
		{`"abc".all { it.isLetter() }`, "true"},
		{`"abc".any { it == 'z' }`, "false"},
		{`"abc".none { it == 'z' }`, "true"},
		{`"abcdefg".chunked(3)`, "[abc, def, g]"},
		{`"Hello".take(2) + "Hello".drop(3) + "Hello".takeLast(1) + "Hello".dropLast(4)`, "HelooH"},
		{`"Hello".take(-1)`, "!java.lang.IllegalArgumentException: Requested character count -1 is less than zero."},
		{`"".first()`, "!java.util.NoSuchElementException: Char sequence is empty."},
		{`"abc".first().toString() + "abc".last()`, "ac"},
		{`"".firstOrNull()`, "null"},
		{`"   ".isBlank()`, "true"},
		{`"".isEmpty()`, "true"},
		{`"x".isNotEmpty()`, "true"},
		{`"prefix-body".removePrefix("prefix-")`, "body"},
		{`"file.txt".removeSuffix(".txt")`, "file"},
		{`"(x)".removeSurrounding("(", ")")`, "x"},
		{`"key=value=x".substringBefore("=")`, "key"},
		{`"key=value=x".substringAfter("=")`, "value=x"},
		{`"key=value=x".substringAfterLast("=")`, "x"},
		{`"key".substringAfter("=", "none")`, "none"},
		{`"apple".compareTo("banana")`, "-1"},
		{`"b".compareTo("a")`, "1"},
		{`"abc".compareTo("ABD", ignoreCase = true)`, "-1"},
		{`"abc".hashCode()`, "96354"},
		{`"abc".indices`, "0..2"},
		{`"abc".lastIndex`, "2"},
		{`"hey".toList()`, "[h, e, y]"},
		{`"abc".toCharArray().size`, "3"},
		{`"".ifEmpty { "was empty" }`, "was empty"},
		{`"x" + 1 + 'c'`, "x1c"},
	})
}

func TestStringFormatAndParse(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`String.format("%d %s %.2f", 42, "str", 3.14159)`, "42 str 3.14"},
		{`"%5.1f%%".format(45.678)`, " 45.7%"},
		{`"%.2f".format(2.675)`, "2.68"},
		{`"%s|%s".format(null, 'c')`, "null|c"},
		{`"%d".format("x")`, "!java.util.IllegalFormatConversionException: d != java.lang.String"},
		{`"%d %d".format(1)`, "!java.util.MissingFormatArgumentException: Format specifier '%d'"},
		{`"42".toInt() + 1`, "43"},
		{`"+5".toInt()`, "5"},
		{`"abc".toInt()`, "!java.lang.NumberFormatException: For input string: \"abc\""},
		{`"".toInt()`, "!java.lang.NumberFormatException: For input string: \"\""},
		{`"2147483648".toInt()`, "!java.lang.NumberFormatException: For input string: \"2147483648\""},
		{`"-2147483648".toInt()`, "-2147483648"},
		{`"2147483648".toLong()`, "2147483648"},
		{`"zz".toInt(16)`, "!java.lang.NumberFormatException: For input string: \"zz\" under radix 16"},
		{`"ff".toInt(16)`, "255"},
		{`"abc".toIntOrNull()`, "null"},
		{`" 1".toIntOrNull()`, "null"},
		{`"3.5".toDouble()`, "3.5"},
		{`"1e3".toDouble()`, "1000.0"},
		{`"1.2.3".toDouble()`, "!java.lang.NumberFormatException: multiple points"},
		{`"".toDouble()`, "!java.lang.NumberFormatException: empty String"},
		{`" x ".toDouble()`, "!java.lang.NumberFormatException: For input string: \"x\""},
		{`"x".toDoubleOrNull()`, "null"},
		{`"1.5".toFloat()`, "1.5"},
		{`"TRUE".toBoolean()`, "true"},
		{`"yes".toBoolean()`, "false"},
	})
}

func TestChars(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`'a'.isLetter().toString() + '5'.isDigit() + ' '.isWhitespace() + 'A'.isUpperCase() + 'a'.isLowerCase()`, "truetruetruetruetrue"},
		{`'_'.isLetterOrDigit()`, "false"},
		{`'a'.toUpperCase()`, "A"},
		{`'Q'.lowercaseChar()`, "q"},
		{`'q'.uppercase()`, "Q"},
		{`'a'.code`, "97"},
		{`'a'.toInt()`, "97"},
		{`'7'.digitToInt()`, "7"},
		{`'x'.digitToInt()`, "!java.lang.IllegalArgumentException: Char x is not a decimal digit"},
		{`'B'.compareTo('A')`, "1"},
		{`'a' + 1`, "b"},
		{`Char.MAX_VALUE.code`, "65535"},
	})
}

func TestStringBuilder(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`StringBuilder().append("a").append(1).append('c').append(1.5).append(true).append(null)`, "a1c1.5truenull"},
		{`StringBuilder("abc").reverse()`, "cba"},
		{`StringBuilder("abc").insert(1, "XY")`, "aXYbc"},
		{`StringBuilder("abc").deleteCharAt(0)`, "bc"},
		{`StringBuilder("abc").deleteCharAt(5)`, "!java.lang.StringIndexOutOfBoundsException: index 5,length 3"},
		{`StringBuilder("héllo").length`, "5"},
		{`StringBuilder("abc")[1]`, "b"},
		{`StringBuilder("abc").apply { setLength(1) }`, "a"},
		{`StringBuilder("abc").isNotEmpty()`, "true"},
		{`StringBuilder("abcdef").delete(1, 3)`, "adef"},
		{`buildString { append("a"); append(1) }`, "a1"},
		{`StringBuilder().appendln("x").append("y").toString().replace("\n", "|")`, "x|y"},
	})
}

func TestRegex(t *testing.T) {
	ktCheck(t, "", []ktCase{
		{`Regex("(\\d+)-(\\d+)").replace("10-20 and 3-4", "$2:$1")`, "20:10 and 4:3"},
		{`Regex("[a-c]+").matches("abc")`, "true"},
		{`"abcd".matches(Regex("[a-c]+"))`, "false"},
		{`Regex("\\d+").find("ab12cd")?.value`, "12"},
		{`Regex("\\d+").find("ab12cd")?.range`, "2..3"},
		{`Regex("(\\w)(\\d)").find("x a1")?.groupValues`, "[a1, a, 1]"},
		{`Regex("\\d").findAll("a1b2").map { it.value }.joinToString()`, "1, 2"},
		{`"a.b".toRegex().containsMatchIn("axb")`, "true"},
		{`"a1b2".replace(Regex("\\d")) { "<" + it.value + ">" }`, "a<1>b<2>"},
		{`Regex("x+")`, "x+"},
	})
}

func TestNullableReceivers(t *testing.T) {
	ktCheck(t, "val n: String? = null\nval e: String? = \"\"", []ktCase{
		{`n.isNullOrEmpty()`, "true"},
		{`n.isNullOrBlank()`, "true"},
		{`e.isNullOrEmpty()`, "true"},
		{`"[" + n.orEmpty() + "]"`, "[]"},
		{`n.toString()`, "null"},
		{`n.hashCode()`, "0"},
	})
}

func TestImplicitReceiverRepeat(t *testing.T) {
	out, _, err := ktRun(t, `fun main() {
    val t = with(StringBuilder()) {
        repeat(3) { append(it) }
        toString()
    }
    println(t + " " + "ab".repeat(2))
}`, "")
	if err != nil || out != "012 abab\n" {
		t.Errorf("got %q, %v", out, err)
	}
}

// Indexing long strings goes through the interpreter's remembered views:
// ASCII, non-ASCII and surrogate pairs, several strings in turn (more
// than it remembers), and equal strings that are different Go strings.
func TestLongStringIndexing(t *testing.T) {
	got := runScript(t, `fun main() {
    val a = "ab".repeat(100)
    val b = "é😀".repeat(100)
    val c = StringBuilder().append("ab".repeat(100)).toString()
    val d = "xyz".repeat(50)
    val e = "€".repeat(70)
    val all = listOf(a, b, c, d, e)
    var sum = 0L
    for (i in 0 until 150) for (s in all) if (i < s.length) sum += s[i].code * (i + 1)
    println(all.map { it.length })
    println(sum)
    println(listOf(b[0], b[1].code, b[2].code, b[299].code, a == c, a[199], e[69]))
    try { b[300] } catch (x: IndexOutOfBoundsException) { println(x.message) }
}`)
	want := "[200, 300, 200, 150, 70]\n" + strconv.Itoa(longIndexSum()) +
		"\n[é, 55357, 56832, 56832, true, b, €]\nString index out of range: 300\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// longIndexSum computes TestLongStringIndexing's sum in Go.
func longIndexSum() int {
	all := []string{strings.Repeat("ab", 100), strings.Repeat("é😀", 100), strings.Repeat("ab", 100),
		strings.Repeat("xyz", 50), strings.Repeat("€", 70)}
	sum := 0
	for i := range 150 {
		for _, s := range all {
			u := utf16.Encode([]rune(s))
			if i < len(u) {
				sum += int(u[i]) * (i + 1)
			}
		}
	}
	return sum
}

// BenchmarkLongStringIndex indexes every character of a 100,000-character
// string, ASCII and not, with a while loop that reads length each time: a
// string's view is made once, not once per index.
func BenchmarkLongStringIndex(b *testing.B) {
	in := newTestInterp(b, io.Discard)
	p, err := in.Compile("bench.kc", []byte(`fun main() {
    for (s in listOf("a".repeat(100_000), "é".repeat(100_000))) {
        var i = 0
        var n = 0
        while (i < s.length) { n += s[i].code; i++ }
    }
}`))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := in.Run(p); err != nil {
			b.Fatal(err)
		}
	}
}
