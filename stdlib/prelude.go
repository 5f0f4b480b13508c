package stdlib

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
)

// preludeSrc is the part of the standard library written in the language
// itself (see prelude.kc).
//
//go:embed prelude.kc
var preludeSrc []byte

// preludeTime needs System (installed by another part of the library); it
// is compiled only when System exists.
const preludeTime = `
inline fun measureTimeMillis(block: () -> Unit): Long {
    val start = System.currentTimeMillis()
    block()
    return System.currentTimeMillis() - start
}
inline fun measureNanoTime(block: () -> Unit): Long {
    val start = System.nanoTime()
    block()
    return System.nanoTime() - start
}
inline fun measureTime(block: () -> Unit): Duration {
    val start = System.nanoTime()
    block()
    return (System.nanoTime() - start).nanoseconds
}
data class TimedValue<T>(val value: T, val duration: Duration)
inline fun <T> measureTimedValue(block: () -> T): TimedValue<T> {
    val start = System.nanoTime()
    val v = block()
    return TimedValue(v, (System.nanoTime() - start).nanoseconds)
}
`

// installPrelude compiles and runs the whole prelude into in at once (the
// tests use it; Install loads the prelude on demand instead, see
// installLazyPrelude). It must run after every native is defined: the
// prelude refers to them by name.
func installPrelude(in *interp.Interp) error {
	if err := runPrelude(in, interp.PreludeFile, preludeSrc); err != nil {
		return err
	}
	if _, ok := in.Lookup("System"); ok {
		return runPrelude(in, "prelude-time.kc", []byte(preludeTime))
	}
	return nil
}

func runPrelude(in *interp.Interp, name string, src []byte) error {
	p, err := in.Compile(name, src)
	if err != nil {
		return err
	}
	return in.Run(p)
}

// A preludeChunk is one top-level declaration of the prelude (with the
// comment lines before it): the unit of on-demand loading.
type preludeChunk struct {
	first, last int      // line range [first, last)
	decls       []string // names it declares
}

var (
	chunkOnce    sync.Once
	chunkLines   []string
	chunks       []preludeChunk
	chunksByName map[string][]int
)

// declName returns the name a top-level declaration line declares: the
// function name before `(`, the class/object/interface name, or the
// property name (after an extension receiver).
func declName(head string) string {
	var words []string
	eachIdent(head, func(w string) { words = append(words, w) })
	for i, w := range words {
		switch w {
		case "fun":
			before := head
			if p := strings.IndexByte(head, '('); p >= 0 {
				before = head[:p]
			}
			last := ""
			eachIdent(before, func(w string) { last = w })
			return last
		case "class", "object", "interface":
			if i+1 < len(words) {
				return words[i+1]
			}
		case "val", "var":
			before := head
			for _, stop := range []string{":", "=", " get"} {
				if p := strings.Index(before, stop); p >= 0 {
					before = before[:p]
				}
			}
			last := ""
			eachIdent(before, func(w string) { last = w })
			return last
		}
	}
	return ""
}

// splitPrelude cuts the prelude source (and the time functions) into
// top-level declarations, once per process. A declaration starts at a
// line that begins with neither blank space, a comment nor a closing
// brace; the comments just above it belong to it.
func splitPrelude() {
	src := string(preludeSrc) + "\n" + preludeTime
	chunkLines = strings.Split(src, "\n")
	isStart := func(l string) bool {
		return l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '}' && l[0] != ')' && !strings.HasPrefix(l, "//")
	}
	var starts []int
	for i, l := range chunkLines {
		if isStart(l) {
			starts = append(starts, i)
		}
	}
	chunksByName = map[string][]int{}
	for k, st := range starts {
		end := len(chunkLines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		ch := preludeChunk{first: st, last: end}
		head := chunkLines[st]
		if name := declName(head); name != "" {
			ch.decls = []string{name}
		}
		for _, d := range ch.decls {
			chunksByName[d] = append(chunksByName[d], len(chunks))
		}
		chunks = append(chunks, ch)
	}
}

// loaderKey keys an interpreter's prelude loader in its data (see
// installLazyPrelude), for natives that need prelude classes.
type loaderKey struct{}

// loadPreludeNames loads the prelude declarations of the given names (and
// what they use) into in.
func loadPreludeNames(in *interp.Interp, names ...string) error {
	l, ok := in.Data(loaderKey{}).(func(map[string]bool) error)
	if !ok {
		return nil
	}
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
	}
	return l(set)
}

// eachIdent calls f for every identifier-like word of line (a fast
// stand-in for identRe over the whole prelude).
func eachIdent(line string, f func(string)) {
	for i := 0; i < len(line); {
		c := line[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			j := i + 1
			for j < len(line) {
				c := line[j]
				if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
					j++
					continue
				}
				break
			}
			f(line[i:j])
			i = j
			continue
		}
		if c >= '0' && c <= '9' {
			for i < len(line) && (line[i] == '_' || line[i] >= '0' && line[i] <= '9' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z') {
				i++
			}
			continue
		}
		i++
	}
}

// installLazyPrelude arranges for the prelude declarations a compiled file
// can reach (by the names it uses, transitively) to be compiled just
// before the file: a script pays only for the part of the prelude it
// uses, and hello-world for none of it.
func installLazyPrelude(in *interp.Interp) error {
	chunkOnce.Do(splitPrelude)
	loaded := make([]bool, len(chunks))
	load := func(names map[string]bool) error {
		var work []int
		want := func(name string) {
			for _, i := range chunksByName[name] {
				if !loaded[i] {
					loaded[i] = true
					work = append(work, i)
				}
			}
		}
		for n := range names {
			want(n)
		}
		if len(work) == 0 {
			return nil
		}
		var pick []int
		for len(work) > 0 {
			i := work[len(work)-1]
			work = work[:len(work)-1]
			pick = append(pick, i)
			for _, l := range chunkLines[chunks[i].first:chunks[i].last] {
				eachIdent(l, want)
			}
		}
		// one source with the picked declarations at their own lines, so
		// that positions in stack traces are the prelude's
		sort.Ints(pick)
		var b strings.Builder
		line := 0
		for _, i := range pick {
			ch := chunks[i]
			for ; line < ch.first; line++ {
				b.WriteByte('\n')
			}
			for ; line < ch.last; line++ {
				b.WriteString(chunkLines[line])
				b.WriteByte('\n')
			}
		}
		return runPrelude(in, interp.PreludeFile, []byte(b.String()))
	}
	in.SetData(loaderKey{}, load)
	in.SetPreCompile(func(f *lang.File) error {
		names := map[string]bool{}
		lang.Inspect(f, func(n lang.Node) bool {
			switch n := n.(type) {
			case *lang.Ident:
				names[n.Name] = true
			case *lang.Member:
				names[n.Name] = true
			case *lang.Binary:
				if n.Infix {
					names[n.Op] = true
				}
			case *lang.CallableRef:
				names[n.Name] = true
			case *lang.TypeRef:
				names[n.Name] = true
			}
			return true
		})
		return load(names)
	})
	return nil
}

// installCollectionsAndPrelude installs the collection natives, then the
// prelude.
func installCollectionsAndPrelude(in *interp.Interp) error {
	installCollections(in)
	return installLazyPrelude(in)
}
