package main

// The interactive REPL: `ktcoro` without arguments, or `ktcoro repl`.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chzyer/readline"
	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/parser"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

const (
	prompt     = ">>> "
	contPrompt = "... "
	// historyFile is the name of the history file in the home directory.
	historyFile = ".ktcoro_history"
	// flushEvery is how often script output is flushed to the terminal,
	// so that coroutines running in the background print promptly.
	flushEvery = 30 * time.Millisecond
)

const replHelp = `Type Kotlin code: declarations (val, var, fun, class, import) persist,
and the value of an expression is printed as "res0: Int = 42" (nothing for
Unit). Input continues on "... " lines while a bracket, a string or an
operator is open. Top-level code runs in a coroutine: delay() waits, launch
{ ... } returns at once and runs in the background.

Commands:
  :help            show this help
  :quit            exit (also Ctrl-D)
  :load FILE       evaluate the file's top-level code (main is not called)
  :reset           forget every definition and cancel every coroutine
  :dump            print the coroutines still alive
  :cancel          cancel the coroutines the inputs launched (definitions stay)
  :debug on|off    coroutine debug mode: thread names get " @coroutine#N"
  :time on|off     print the time each evaluation took

Keys: Ctrl-C cancels the evaluation in progress (press it again to force)
or discards the input being typed (at an empty prompt it says whether
background coroutines run); Ctrl-D exits; Tab completes.
`

// errInterrupt is what a lineSource returns when the user pressed Ctrl-C
// while typing.
var errInterrupt = errors.New("interrupt")

// lineSource is where the REPL reads its input from: the terminal
// (readline), plain standard input, or a test's script.
type lineSource interface {
	// readLine shows prompt and returns the next line without its
	// newline; io.EOF at the end, errInterrupt for Ctrl-C.
	readLine(prompt string) (string, error)
}

// replConfig describes a REPL session.
type replConfig struct {
	out, err    io.Writer // where results, diagnostics and script output go
	stdin       io.Reader // what scripts' readLine() reads
	debug       bool
	virtualTime bool
	limits      runFlags // the limit flags: each bounds one input
}

// repl is an interactive session: an interpreter and its coroutines.Session,
// fed input by a lineSource. Everything but interrupt runs on the
// goroutine that calls run.
type repl struct {
	exit   exitStatus // exitProcess's status
	cfg    replConfig
	out    *trackWriter
	errw   io.Writer
	cur    atomic.Pointer[session]
	inputs int // inputs evaluated: they are named line1.kc, line2.kc, ...
	// stepBase is the interpreter's step count when the input in
	// progress began (--max-steps bounds each input)
	stepBase atomic.Int64
	debug    bool
	timing   bool
	// For input that is not a terminal the inputs are one text named
	// <stdin> whose positions count from its first line, and an input
	// that fails makes the exit status 1.
	linesRead func() int // lines consumed so far; nil when not piped
	failed    bool       // an input failed (piped input)
	lastRes   string     // the resN of the last input when it had a value, else ""

	stopFlush chan struct{}
	flushDone chan struct{}
	// evalStarted, when set (tests), receives the name of each input
	// just before it is evaluated.
	evalStarted chan<- string
}

// session is the interpreter of a REPL and its coroutines.Session (replaced
// by :reset).
type session struct {
	in *interp.Interp
	s  *coroutines.Session
}

// trackWriter serialises the writes of the REPL, the script output and
// the error stream to one terminal, and remembers whether the last byte
// written ended a line.
type trackWriter struct {
	mu    sync.Mutex
	w     io.Writer
	midLn bool // the last write did not end with a newline
}

func (t *trackWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(p) > 0 {
		t.midLn = p[len(p)-1] != '\n'
	}
	return t.w.Write(p)
}

// sameStream writes to w (another view of the same terminal, such as
// readline's stderr wrapper) under t's lock and tracking.
type sameStream struct {
	t *trackWriter
	w io.Writer
}

func (s sameStream) Write(p []byte) (int, error) {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	if len(p) > 0 {
		s.t.midLn = p[len(p)-1] != '\n'
	}
	return s.w.Write(p)
}

// newREPL creates the interpreter and the session.
func newREPL(cfg replConfig) (*repl, error) {
	r := &repl{cfg: cfg, debug: cfg.debug}
	if tw, ok := cfg.out.(*trackWriter); ok {
		r.out = tw
	} else {
		r.out = &trackWriter{w: cfg.out}
	}
	r.errw = cfg.err
	if r.errw == nil {
		r.errw = r.out
	}
	if err := r.start(); err != nil {
		return nil, err
	}
	r.stopFlush = make(chan struct{})
	r.flushDone = make(chan struct{})
	go r.flusher()
	return r, nil
}

// start creates a fresh interpreter and session (at the start, and for
// :reset).
func (r *repl) start() error {
	lim := r.cfg.limits
	in := interp.New(interp.Options{Stdout: r.out, Stderr: r.errw, Stdin: r.cfg.stdin,
		Debug: r.debug, VirtualTime: r.cfg.virtualTime,
		MaxDepth: lim.maxDepth, MaxMemory: int64(lim.maxMemory),
		OnMemoryLimit: func(co *interp.Coroutine, _ int64) error {
			return r.stopInput(limitReason(co, fmt.Sprintf("memory limit exceeded (%s)", formatSize(int64(lim.maxMemory)))))
		},
		Files: localFiles(), Env: localEnv(), Exit: func(code int) error {
			r.exit.set(code)
			return r.stopInput(fmt.Sprintf("exited with status %d", code))
		}})
	if err := stdlib.Install(in); err != nil {
		return err
	}
	if err := coroutines.Install(in); err != nil {
		return err
	}
	s, err := coroutines.NewSession(in)
	if err != nil {
		return err
	}
	if n := lim.maxSteps; n > 0 {
		inner := in.TickHook()
		in.SetTickHook(func(co *interp.Coroutine) error {
			if in.Steps()-r.stepBase.Load() > n {
				return r.stopInput(limitReason(co, fmt.Sprintf("step limit exceeded (%d steps)", n)))
			}
			return inner(co)
		})
	}
	if n := lim.maxCoroutines; n > 0 {
		coroutines.LimitCoroutines(in, n, func(co *interp.Coroutine) error {
			return r.stopInput(limitReason(co, fmt.Sprintf("coroutine limit exceeded (%d live coroutines)", n)))
		})
	}
	r.cur.Store(&session{in, s})
	r.inputs = 0
	return nil
}

// flusher flushes the script output regularly, so that what coroutines
// print in the background shows up while the prompt waits.
func (r *repl) flusher() {
	defer close(r.flushDone)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.flushInterp()
		case <-r.stopFlush:
			return
		}
	}
}

// flushInterp flushes the current interpreter's output.
func (r *repl) flushInterp() {
	if c := r.cur.Load(); c != nil {
		c.in.Flush()
	}
}

// interrupt cancels the evaluation in progress (Ctrl-C); safe from any
// goroutine.
func (r *repl) interrupt() {
	c := r.cur.Load()
	if c == nil {
		return
	}
	if !c.s.Evaluating() {
		r.backgroundHint()
		return
	}
	c.s.Cancel()
}

// backgroundHint is what Ctrl-C says when no input is being evaluated:
// how to list and cancel the background coroutines, if some run.
func (r *repl) backgroundHint() {
	if n := r.cur.Load().s.Background(); n > 0 {
		r.eprintf("%d background coroutine(s) still running: :dump lists them, :cancel cancels them\n", n)
	}
}

// stopInput stops the input in progress for the limit reason, from a
// thread that runs script code: the returned error stops that code at
// once, and the session's Stop the rest.
func (r *repl) stopInput(reason string) error {
	if c := r.cur.Load(); c != nil {
		c.s.Stop(reason)
	}
	return &interp.Interrupted{Reason: reason}
}

// printf writes REPL output after the script's pending output, on a line
// of its own.
func (r *repl) printf(format string, args ...any) {
	r.flushInterp()
	r.newline()
	fmt.Fprintf(r.out, format, args...)
}

// eprintf is printf on the error stream.
func (r *repl) eprintf(format string, args ...any) {
	r.flushInterp()
	r.newline()
	fmt.Fprintf(r.errw, format, args...)
}

// newline ends a line the script left open (print without println), so
// that the prompt and results start at the left margin.
func (r *repl) newline() {
	r.out.mu.Lock()
	mid := r.out.midLn
	r.out.mu.Unlock()
	if mid {
		io.WriteString(r.out, "\n")
	}
}

// run reads and evaluates input until the end of it or :quit; it closes
// the session and returns the exit status.
func (r *repl) run(src lineSource) int {
	defer r.close()
	var buf []string
	for {
		p := prompt
		if len(buf) > 0 {
			p = contPrompt
		}
		r.flushInterp()
		r.newline()
		line, err := src.readLine(p)
		if err == errInterrupt {
			if len(buf) == 0 && strings.TrimSpace(line) == "" {
				r.backgroundHint()
			}
			buf = nil
			continue
		}
		if err != nil {
			return r.status()
		}
		if len(buf) == 0 {
			t := strings.TrimSpace(line)
			if t == "" {
				continue
			}
			if strings.HasPrefix(t, ":") {
				remember(src, t)
				if r.command(t) {
					return r.status()
				}
				continue
			}
		}
		if len(buf) == 0 && r.lastRes != "" && leadingMember(line) && !canPeek(src) {
			// typed at a terminal, the expression above has already run:
			// the line goes on from its value
			line = r.lastRes + strings.TrimSpace(line)
		}
		buf = append(buf, line)
		text := strings.Join(buf, "\n")
		if parser.Incomplete(text) || continuedBelow(src) {
			continue
		}
		remember(src, text)
		r.inputs++
		if r.linesRead != nil {
			// positions count in the whole input: the text starts on its line
			first := r.linesRead() - len(buf) + 1
			r.eval("<stdin>", []byte(strings.Repeat("\n", first-1)+text))
		} else {
			r.eval(fmt.Sprintf("line%d.kc", r.inputs), []byte(text))
		}
		if code, ok := r.exit.get(); ok {
			return code // exitProcess ends the REPL with its status
		}
		buf = nil
	}
}

// remember adds a whole input (all its lines) or a command to the
// history of a source that keeps one.
func remember(src lineSource, entry string) {
	if h, ok := src.(interface{ remember(string) }); ok {
		h.remember(entry)
	}
}

// continuedBelow reports whether the next line of a source that can look
// ahead (piped input) goes on with the expression read so far: it starts
// with a member access (`.map { }`, `?.let { }`), as Kotlin allows.
func continuedBelow(src lineSource) bool {
	p, ok := src.(interface{ peekLine() string })
	return ok && leadingMember(p.peekLine())
}

// canPeek reports whether src can look at its next line before it is
// read (piped input).
func canPeek(src lineSource) bool {
	_, ok := src.(interface{ peekLine() string })
	return ok
}

// leadingMember reports whether line starts with a member access
// (`.map { }`, `?.let { }`).
func leadingMember(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "?.") || strings.HasPrefix(t, ".") && !strings.HasPrefix(t, "..")
}

// status is the exit status of the session: 1 when piped input had an
// input that failed.
func (r *repl) status() int {
	if r.linesRead != nil && r.failed {
		return 1
	}
	return 0
}

// close ends the session: its coroutines are cancelled.
func (r *repl) close() {
	r.cur.Load().s.Close()
	close(r.stopFlush)
	<-r.flushDone
	r.flushInterp()
	r.newline()
}

// eval evaluates one input and prints its outcome.
func (r *repl) eval(name string, src []byte) {
	c := r.cur.Load()
	if r.evalStarted != nil {
		r.evalStarted <- name
	}
	rt := coroutines.Runtime(c.in)
	lim := r.cfg.limits
	r.stepBase.Store(c.in.Steps())
	if lim.maxMemory > 0 {
		c.in.ResetMemory()
	}
	if d := lim.timeout; d > 0 {
		t := time.AfterFunc(d, func() {
			c.s.Stop(fmt.Sprintf("timeout: the input ran longer than %s", d))
		})
		defer t.Stop()
	}
	start := rt.Now()
	r.lastRes = ""
	res := c.s.Eval(name, src)
	elapsed := rt.Now() - start
	r.report(res)
	if r.timing {
		r.printf("Time: %s\n", elapsed.Round(time.Microsecond))
	}
}

// report prints the outcome of an evaluation.
func (r *repl) report(res coroutines.Result) {
	var list lang.ErrorList
	var intr *interp.Interrupted
	if res.Cancelled || res.Err != nil {
		r.failed = true
	}
	if _, exited := r.exit.get(); exited {
		return // exitProcess: nothing more to say
	}
	switch {
	case res.Cancelled:
		r.eprintf("Evaluation cancelled.\n")
	case errors.As(res.Err, &list):
		r.eprintf("%s\n", list.Detail())
	case errors.As(res.Err, &intr):
		r.eprintf("ktcoro: %s\n", strings.TrimRight(intr.Reason, "\n"))
	case res.Err != nil:
		r.eprintf("%s", r.cur.Load().s.FormatUncaught(res.Err))
	case res.HasValue:
		r.lastRes = res.Name
		r.printf("%s: %s = %s\n", res.Name, res.Type, res.Text)
	}
}

// command runs a :command; it reports whether the REPL should exit.
func (r *repl) command(line string) bool {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case ":quit", ":q", ":exit":
		return true
	case ":help", ":h":
		r.printf("%s", replHelp)
	case ":load":
		r.load(arg)
	case ":reset":
		r.reset()
	case ":dump":
		r.printf("%s", coroutines.Dump(r.cur.Load().in))
	case ":cancel":
		n := r.cur.Load().s.CancelBackground()
		r.printf("Cancelled %d background coroutine(s).\n", n)
	case ":debug":
		if on, ok := r.onOff(":debug", arg, r.debug); ok {
			r.debug = on
			r.cur.Load().s.SetDebug(on)
		}
	case ":time":
		if on, ok := r.onOff(":time", arg, r.timing); ok {
			r.timing = on
		}
	default:
		r.eprintf("Unknown command %s (type :help for the commands)\n", name)
	}
	return false
}

// onOff parses the argument of :debug and :time; without one it shows
// the current setting.
func (r *repl) onOff(cmd, arg string, cur bool) (on, ok bool) {
	switch arg {
	case "on":
		return true, true
	case "off":
		return false, true
	case "":
		state := "off"
		if cur {
			state = "on"
		}
		r.printf("%s is %s\n", cmd, state)
		return cur, false
	}
	r.eprintf("usage: %s on|off\n", cmd)
	return cur, false
}

// load evaluates a file as one input.
func (r *repl) load(file string) {
	file = strings.Trim(file, `"'`)
	if file == "" {
		r.eprintf("usage: :load FILE\n")
		return
	}
	src, err := os.ReadFile(file)
	if err != nil {
		r.eprintf("ktcoro: %v\n", err)
		return
	}
	r.eval(file, src)
}

// reset replaces the interpreter and session with fresh ones.
func (r *repl) reset() {
	r.cur.Load().s.Close()
	if err := r.start(); err != nil {
		r.eprintf("ktcoro: %v\n", err)
		return
	}
	r.printf("Session reset.\n")
}

// ---- line sources ----

// plainSource reads lines from a non-terminal input, without prompts or
// editing (`ktcoro < script` or a pipe). Scripts' readLine() reads from
// the same buffer; the line count takes both readers into account.
type plainSource struct {
	r       *bufio.Reader
	nl      *newlineCounter // below r
	partial bool            // the last line read had no newline (end of input)
}

func (p *plainSource) readLine(string) (string, error) {
	s, err := p.r.ReadString('\n')
	if err != nil && s == "" {
		return "", err
	}
	p.partial = !strings.HasSuffix(s, "\n")
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r"), nil
}

// peekLine returns what is already buffered of the next line, without
// consuming it and without waiting for more input: a program that feeds
// the REPL a line at a time and waits for its answer must get it (the
// start of the line is what continuedBelow looks at).
func (p *plainSource) peekLine() string {
	b, _ := p.r.Peek(p.r.Buffered())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// linesRead is how many lines of the input have been consumed, by the
// REPL or by the scripts.
func (p *plainSource) linesRead() int {
	ahead, _ := p.r.Peek(p.r.Buffered())
	n := p.nl.n - bytes.Count(ahead, []byte{'\n'})
	if p.partial {
		n++
	}
	return n
}

// newlineCounter counts the newlines read through it.
type newlineCounter struct {
	r io.Reader
	n int
}

func (c *newlineCounter) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += bytes.Count(b[:n], []byte{'\n'})
	return n, err
}

// termSource reads lines with readline: editing, history, completion.
type termSource struct {
	rl   *readline.Instance
	file string // the history file, "" for none
}

// The history file holds one input per line; the newlines of an input of
// several lines are written as histNewline, so that recalling it brings
// back the whole input.
const histNewline = "\u2424"

// histKeep is how many entries loadHistory keeps of a longer file.
const histKeep = 1000

// loadHistory reads the history file into readline's history (the last
// histKeep entries; the file is rewritten when it holds more).
func (t termSource) loadHistory() {
	if t.file == "" {
		return
	}
	data, err := os.ReadFile(t.file)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) > histKeep {
		lines = lines[len(lines)-histKeep:]
		os.WriteFile(t.file, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	}
	for _, l := range lines {
		if l != "" {
			t.rl.SaveHistory(strings.ReplaceAll(l, histNewline, "\n"))
		}
	}
}

// remember adds an entry to the history and appends it to the file.
func (t termSource) remember(entry string) {
	t.rl.SaveHistory(entry)
	if t.file == "" {
		return
	}
	f, err := os.OpenFile(t.file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(strings.ReplaceAll(entry, "\n", histNewline) + "\n")
}

func (t termSource) readLine(p string) (string, error) {
	t.rl.SetPrompt(p)
	line, err := t.rl.Readline()
	if err == readline.ErrInterrupt {
		return "", errInterrupt
	}
	return line, err
}

// historyPath returns ~/.ktcoro_history ($HOME is respected), or "" when
// there is no home directory.
func historyPath() string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, historyFile)
}

// runREPL is `ktcoro repl [flags]` (and `ktcoro` alone).
func runREPL(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var cfg replConfig
	fs := commonFlags("repl", stderr, &cfg.debug, &cfg.virtualTime)
	limitFlags(fs, &cfg.limits)
	if code := parseFlags(fs, args, replUsage, stdout); code >= 0 {
		return code
	}
	if !cfg.limits.valid(stderr, "repl") {
		return 64
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "ktcoro repl: unexpected argument %q\n", fs.Arg(0))
		return 64
	}
	interactive := stdin == io.Reader(os.Stdin) && stdout == io.Writer(os.Stdout) && readline.DefaultIsTerminal()
	if !interactive {
		nl := &newlineCounter{r: stdin}
		br := bufio.NewReader(nl)
		cfg.stdin = br // scripts' readLine() shares the buffer with the REPL
		cfg.out, cfg.err = stdout, stderr
		r, err := newREPL(cfg)
		if err != nil {
			fmt.Fprintf(stderr, "ktcoro: %v\n", err)
			return 1
		}
		src := &plainSource{r: br, nl: nl}
		r.linesRead = src.linesRead
		return r.run(src)
	}
	rcfg := &readline.Config{
		Prompt: prompt,
		// the REPL keeps the history itself: an input of several lines
		// is one entry
		DisableAutoSaveHistory: true,
		HistoryLimit:           histKeep,
		HistorySearchFold:      true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n",
	}
	comp := &completer{}
	rcfg.AutoComplete = comp
	rl, err := readline.NewEx(rcfg)
	if err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	defer rl.Close()
	tw := &trackWriter{w: rl.Stdout()}
	cfg.out = tw
	cfg.err = sameStream{tw, rl.Stderr()}
	cfg.stdin = stdin
	r, err := newREPL(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	comp.r = r
	// Ctrl-C while code runs (the terminal is not in raw mode then)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		for range sig {
			tw.mu.Lock()
			tw.midLn = true // the terminal echoed ^C
			tw.mu.Unlock()
			r.interrupt()
		}
	}()
	fmt.Fprintf(tw, "Welcome to ktcoro %s. Type :help for help, :quit or Ctrl-D to exit.\n", Version)
	ts := termSource{rl: rl, file: historyPath()}
	ts.loadHistory()
	return r.run(ts)
}
