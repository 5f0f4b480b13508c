package parser

import (
	"bytes"
	"os"
	"testing"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ktcoro/ktcoro/lang"
)

func TestTraceCount(t *testing.T) {
	if os.Getenv("KTTRACE") == "" {
		t.Skip()
	}
	src, _ := os.ReadFile("testdata/bench1000.kc")
	toks, _ := lexTokens("x", string(src), lang.Pos{Line: 1, Col: 1}, false)
	t.Logf("tokens: %d", len(toks))
	var buf bytes.Buffer
	pl, _ := lexer.Upgrade(&sliceLexer{toks: toks})
	buildParsers()
	_, err := fileParser.ParseFromLexer(pl, participle.Trace(&buf))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/trace.txt", buf.Bytes(), 0o644)
}
