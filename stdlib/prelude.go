package stdlib

import (
	_ "embed"
	"errors"
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
	p, err := in.CompileLibrary(name, src)
	if err != nil {
		return err
	}
	return in.Run(p)
}

// A preludeChunk is one top-level declaration of a prelude (with the
// comment lines before it): the unit of on-demand loading.
type preludeChunk struct {
	first, last int      // line range [first, last)
	decls       []string // names it declares
}

// A preludeSplit is a prelude source cut into its top-level declarations
// (see splitPrelude), once per process.
type preludeSplit struct {
	file   string // the file name it compiles under
	lines  []string
	chunks []preludeChunk
	byName map[string][]int // declared name -> chunks
}

// stdPrelude is the standard library's prelude (and the time functions),
// split.
var stdPrelude = sync.OnceValue(func() *preludeSplit {
	return splitPrelude(interp.PreludeFile, string(preludeSrc)+"\n"+preludeTime)
})

// splits caches the preludes AddPrelude was given, split: file name and
// source -> *preludeSplit.
var splits sync.Map

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

// splitPrelude cuts a prelude source into top-level declarations. A
// declaration starts at a line that begins with neither blank space, a
// comment nor a closing brace; the comments just above it belong to it.
func splitPrelude(file, src string) *preludeSplit {
	sp := &preludeSplit{file: file, lines: strings.Split(src, "\n"), byName: map[string][]int{}}
	isStart := func(l string) bool {
		return l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '}' && l[0] != ')' && !strings.HasPrefix(l, "//")
	}
	var starts []int
	for i, l := range sp.lines {
		if isStart(l) {
			starts = append(starts, i)
		}
	}
	for k, st := range starts {
		end := len(sp.lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		ch := preludeChunk{first: st, last: end}
		head := sp.lines[st]
		if name := declName(head); name != "" {
			ch.decls = []string{name}
		}
		for _, d := range ch.decls {
			sp.byName[d] = append(sp.byName[d], len(sp.chunks))
		}
		sp.chunks = append(sp.chunks, ch)
	}
	return sp
}

// source returns the text of the chunks pick (sorted) at their own lines,
// so that positions in stack traces are the prelude's.
func (sp *preludeSplit) source(pick []int) []byte {
	var b strings.Builder
	line := 0
	for _, i := range pick {
		ch := sp.chunks[i]
		for ; line < ch.first; line++ {
			b.WriteByte('\n')
		}
		for ; line < ch.last; line++ {
			b.WriteString(sp.lines[line])
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

// loaderKey keys an interpreter's prelude loader in its data (see
// installLazyPrelude), for natives that need prelude classes.
type loaderKey struct{}

// A preludeLoader loads the declarations of an interpreter's preludes
// on demand: the standard library's, then those added by AddPrelude. It
// is used under the interpreter's lock (compilations).
type preludeLoader struct {
	in      *interp.Interp
	sources []*preludeSplit
	loaded  [][]bool // per source, per chunk
}

func loaderOf(in *interp.Interp) *preludeLoader {
	l, _ := in.Data(loaderKey{}).(*preludeLoader)
	return l
}

// add makes sp one of the loader's sources.
func (l *preludeLoader) add(sp *preludeSplit) {
	l.sources = append(l.sources, sp)
	l.loaded = append(l.loaded, make([]bool, len(sp.chunks)))
}

// load compiles and runs the declarations of the given names not loaded
// yet, with the declarations they use (by name, transitively): one
// compilation per source, in the order of the sources (a later prelude
// may use an earlier one).
func (l *preludeLoader) load(names map[string]bool) error {
	type ref struct{ src, chunk int }
	var work []ref
	want := func(name string) {
		for s, sp := range l.sources {
			for _, i := range sp.byName[name] {
				if !l.loaded[s][i] {
					l.loaded[s][i] = true
					work = append(work, ref{s, i})
				}
			}
		}
	}
	for n := range names {
		want(n)
	}
	if len(work) == 0 {
		return nil
	}
	picks := make([][]int, len(l.sources))
	for len(work) > 0 {
		w := work[len(work)-1]
		work = work[:len(work)-1]
		picks[w.src] = append(picks[w.src], w.chunk)
		sp := l.sources[w.src]
		for _, line := range sp.lines[sp.chunks[w.chunk].first:sp.chunks[w.chunk].last] {
			eachIdent(line, want)
		}
	}
	for s, pick := range picks {
		if len(pick) == 0 {
			continue
		}
		sort.Ints(pick)
		sp := l.sources[s]
		if err := runPrelude(l.in, sp.file, sp.source(pick)); err != nil {
			return err
		}
	}
	return nil
}

// loadPreludeNames loads the prelude declarations of the given names (and
// what they use) into in.
func loadPreludeNames(in *interp.Interp, names ...string) error {
	l := loaderOf(in)
	if l == nil {
		return nil
	}
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
	}
	return l.load(set)
}

// AddPrelude adds a prelude to an interpreter the standard library was
// installed in: Kotlin source (file names it in stack traces) that the
// compiler loads on demand like the standard library's own prelude, the
// top-level declarations a compiled file can reach by the names it uses,
// just before the file. Its declarations may use the standard library's
// and those of the preludes added before it. A library built on the
// standard library writes the parts of it that call lambdas which may
// suspend this way (package coroutines: joinAll, awaitAll). It fails
// when the standard library is not installed in in. Not safe once
// scripts run.
func AddPrelude(in *interp.Interp, file string, src []byte) error {
	l := loaderOf(in)
	if l == nil {
		return errors.New("stdlib.AddPrelude: the standard library is not installed in this interpreter")
	}
	key := file + "\x00" + string(src)
	sp, ok := splits.Load(key)
	if !ok {
		sp, _ = splits.LoadOrStore(key, splitPrelude(file, string(src)))
	}
	l.add(sp.(*preludeSplit))
	return nil
}

// LoadPrelude compiles and runs every declaration of the interpreter's
// preludes that is not loaded yet (a REPL does it before the first input,
// so that completion sees every built-in; a script loads only the parts
// it uses). Call it where compiling is allowed: under the interpreter's
// lock (see package coroutines) or before scripts run.
func LoadPrelude(in *interp.Interp) error {
	l := loaderOf(in)
	if l == nil {
		return nil
	}
	names := map[string]bool{}
	for _, sp := range l.sources {
		for n := range sp.byName {
			names[n] = true
		}
	}
	return l.load(names)
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
	l := &preludeLoader{in: in}
	l.add(stdPrelude())
	in.SetData(loaderKey{}, l)
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
		return l.load(names)
	})
	return nil
}

// installCollectionsAndPrelude installs the collection natives, then the
// prelude.
func installCollectionsAndPrelude(in *interp.Interp) error {
	installCollections(in)
	return installLazyPrelude(in)
}
