package parser

import "testing"

func TestIncomplete(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"", false},
		{"   ", false},
		{"// just a comment", false},
		{"42", false},
		{"val x = 1", false},
		{"println(\"hi\")", false},
		{"fun f() {", true},
		{"fun f() {\n  return 1\n}", false},
		{"class A(val x: Int) {\n", true},
		{"class A(val x: Int) {\n  fun g() = x\n}", false},
		{"listOf(1,", true},
		{"listOf(1, 2)", false},
		{"arr[", true},
		{"val s = \"\"\"abc", true},
		{"val s = \"\"\"abc\ndef\"\"\"", false},
		{"val s = \"abc", true},
		{"val s = \"abc\nd\"", false},
		{"\"${listOf(1,", true},
		{"\"${listOf(1,\n2)}\"", false},
		{"/* open comment", true},
		{"1 +", true},
		{"1 +\n2", false},
		{"x.", true},
		{"x?.", true},
		{"x.\nlength", false},
		{"val x =", true},
		{"val x: ", true},
		{"a &&", true},
		{"a ?:", true},
		{"1 ..", true},
		{"if (x)", true},
		{"if (x) 1 else", true},
		{"if (x) 1 else 2", false},
		{"while (true) {}", false},
		{"x++", false},
		{"x!!", false},
		{"lateinit var xs: List<Int>", false},
		{"val f = String::", true},
		{"foo();", false},
		{")", false},
		{"fun f() { }}", false},
		{"'", false},
		{"1x", false},
		{"`abc", false},
		{"return", false},
		{"-", true},
	} {
		if got := Incomplete(tc.src); got != tc.want {
			t.Errorf("Incomplete(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

func FuzzIncomplete(f *testing.F) {
	for _, s := range []string{"fun f() {", "\"\"\"", "\"${", "1 +", "if (x)", "/*", "a.b?.c::d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Incomplete(src) // must not panic
	})
}
