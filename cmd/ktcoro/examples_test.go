package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamples runs the guided tour, every examples/*.kc, in-process and
// checks it against its NAME.out (and NAME.err, // exit:, // verify:, //
// args:) with the rules of the conformance cases (see spec_test.go). The
// expected output comes from real Kotlin (../shared/tools/kotlin-oracle
// --write examples). Each example runs on the virtual clock and, unless
// -short, also in real time, as `ktcoro run` does by default.
func TestExamples(t *testing.T) {
	root := filepath.Join("..", "..")
	files, _ := filepath.Glob(filepath.Join(root, "examples", "*.kc"))
	if len(files) == 0 {
		t.Fatal("no examples/*.kc found")
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		if !bytes.Contains(readme, []byte("examples/"+name)) {
			t.Errorf("README.md does not list examples/%s", name)
		}
		for _, mode := range []string{"virtual-time", "real-time"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				if mode == "real-time" && testing.Short() {
					t.Skip("real-time run skipped in -short mode")
				}
				t.Parallel()
				c := loadCase(t, path)
				abs, _ := filepath.Abs(path)
				args := []string{"run", "--timeout", "20s"}
				if mode == "virtual-time" {
					args = append(args, "--virtual-time")
				}
				args = append(append(args, c.args...), abs)
				// on the real clock a loaded machine can delay a coroutine
				// past the 100 ms margins the examples leave: a second
				// attempt tells that apart from a wrong output
				attempts := 1
				if mode == "real-time" {
					attempts = 2
				}
				var msg string
				for i := 0; i < attempts; i++ {
					var stdout, stderr bytes.Buffer
					code := run(args, strings.NewReader(""), &stdout, &stderr)
					errText := strings.ReplaceAll(stderr.String(), abs, filepath.Base(abs))
					if msg = c.check(stdout.String(), errText, code); msg == "" {
						break
					}
					t.Logf("attempt %d: %s", i+1, msg)
				}
				if msg != "" {
					t.Errorf("%s", msg)
				}
			})
		}
	}
}
