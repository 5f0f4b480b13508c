package parser

import (
	"os"
	"testing"
)

func BenchmarkParse1000Lines(b *testing.B) {
	src, err := os.ReadFile("testdata/bench1000.kc")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ParseFile("bench1000.kc", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFile("bench1000.kc", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLex1000Lines(b *testing.B) {
	src, err := os.ReadFile("testdata/bench1000.kc")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		lexTokens("bench1000.kc", string(src), posOne, false)
	}
}

func BenchmarkGrammarOnly(b *testing.B) {
	src, _ := os.ReadFile("testdata/bench1000.kc")
	toks, _ := lexTokens("x", string(src), posOne, false)
	for b.Loop() {
		buildParsers()
		if _, err := parseTokens(fileParser, toks, nil); err != nil {
			b.Fatal(err)
		}
	}
}
