package ktcoro_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ktcoro/ktcoro"
)

// Capabilities are off by default: files and exit throw
// SecurityException, the environment is empty.
func TestCapabilitiesOffByDefault(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{})
	_, err := it.Eval(context.Background(), `
import java.io.File
import kotlin.system.exitProcess
try { File("/etc/passwd").readText() } catch (e: SecurityException) { println(e) }
try { File("x").exists() } catch (e: SecurityException) { println("exists: " + e.message) }
println(System.getenv("HOME"))
println(System.getenv().size)
println(File("a/b.txt").name)
try { exitProcess(3) } catch (e: SecurityException) { println(e) }
try { System.exit(4) } catch (e: SecurityException) { println(e.message) }
`)
	if err != nil {
		t.Fatal(err)
	}
	want := `java.lang.SecurityException: file access is not granted by the host
exists: file access is not granted by the host
null
0
b.txt
java.lang.SecurityException: exitProcess is not granted by the host
System.exit is not granted by the host
`
	if got := out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// Env shows exactly the map the host gives.
func TestCapabilityEnv(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{Env: map[string]string{"B": "2", "A": "1"}})
	if _, err := it.Eval(context.Background(), `println(System.getenv("A")); println(System.getenv("HOME")); println(System.getenv())`); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "1\nnull\n{A=1, B=2}\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// exitProcess returns an *ExitError to the host, after the output so far,
// without running finally blocks; the Interpreter stays usable.
func TestCapabilityExit(t *testing.T) {
	it, out := newTest(t, ktcoro.Options{AllowExit: true})
	_, err := it.Eval(context.Background(), `
import kotlin.system.exitProcess
println("before")
try { exitProcess(3) } catch (e: Throwable) { println("caught") } finally { println("finally") }
println("after")
`)
	var ee *ktcoro.ExitError
	if !errors.As(err, &ee) || ee.Code != 3 {
		t.Fatalf("err = %v, want *ExitError{3}", err)
	}
	if got := out.String(); got != "before\n" {
		t.Fatalf("output %q", got)
	}
	v, err := it.Eval(context.Background(), `1 + 1`)
	if err != nil || v.ToInt64() != 2 {
		t.Fatalf("after exit: %v, %v", v, err)
	}
}

// Paths resolve under FileRoot: `/` is the root, `..` stops there, and a
// symbolic link cannot lead out of it.
func TestCapabilityFilesRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "in.txt"), []byte("inside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "abs.txt")); err != nil {
		t.Fatal(err)
	}
	it, out := newTest(t, ktcoro.Options{FileRoot: root})
	rel, err := filepath.Rel(root, outside)
	if err != nil {
		t.Fatal(err)
	}
	_, err = it.Eval(context.Background(), `
import java.io.File
println(File("in.txt").readText())
println(File("/in.txt").readText())
println(File("/../../in.txt").readText())
println(File("in.txt").absolutePath)
println(File("`+rel+`/secret.txt").exists())
for (p in listOf("link/secret.txt", "abs.txt", "../`+filepath.Base(outside)+`/secret.txt")) {
    try { println(File(p).readText()) } catch (e: Exception) { println(e.javaClass.name) }
}
try { File("link/new.txt").writeText("x") } catch (e: Exception) { println(e.javaClass.name) }
File("made/deep").mkdirs()
File("made/deep/f.txt").writeText("hello")
println(File("/").listFiles()!!.map { it.name }.sorted())
println(File.createTempFile("tmp", ".x").parent)
`)
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, bad := range []string{"secret\n"} {
		if strings.Contains(got, bad) {
			t.Fatalf("escaped the root:\n%s", got)
		}
	}
	// escapes through a link are refused; `..` stops at the root, where
	// the outside directory's name names nothing
	want := "inside\ninside\ninside\n/in.txt\nfalse\n" +
		"java.lang.SecurityException\njava.lang.SecurityException\njava.io.FileNotFoundException\n" +
		"java.lang.SecurityException\n[abs.txt, in.txt, link, made]\n/tmp\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(outside, "new.txt")); err == nil {
		t.Fatal("wrote through a link out of the root")
	}
	if b, err := os.ReadFile(filepath.Join(root, "made/deep/f.txt")); err != nil || string(b) != "hello" {
		t.Fatalf("made/deep/f.txt: %q %v", b, err)
	}
}

// Reading a file bigger than the memory budget is stopped by the budget,
// and a read loop over a huge file is stopped by the step limit.
func TestCapabilityFilesLimits(t *testing.T) {
	root := t.TempDir()
	big := strings.Repeat(strings.Repeat("x", 99)+"\n", 200_000) // 20 MB
	if err := os.WriteFile(filepath.Join(root, "big.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	it, _ := newTest(t, ktcoro.Options{FileRoot: root, Limits: ktcoro.Limits{MaxMemory: 4 << 20}})
	_, err := it.Eval(context.Background(), `java.io.File("big.txt").readText().length`)
	var le *ktcoro.LimitError
	if !errors.As(err, &le) {
		var se *ktcoro.ScriptError
		if !errors.As(err, &se) || !strings.Contains(se.Error(), "OutOfMemoryError") {
			t.Fatalf("readText over the budget: %v", err)
		}
	}
	it2, _ := newTest(t, ktcoro.Options{FileRoot: root, Limits: ktcoro.Limits{MaxSteps: 50_000}})
	_, err = it2.Eval(context.Background(), `var n = 0; java.io.File("big.txt").forEachLine { n++ }; n`)
	if !errors.As(err, &le) || le.Limit != ktcoro.LimitSteps {
		t.Fatalf("forEachLine over the step limit: %v", err)
	}
}
