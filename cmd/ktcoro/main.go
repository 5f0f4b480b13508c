// Command ktcoro runs ktcoro scripts.
//
//	ktcoro                              the interactive REPL (also: ktcoro repl)
//	ktcoro run [flags] FILE [args...]   run a script (also: ktcoro FILE)
//	ktcoro check FILE                   compile without running, report errors
//	ktcoro version                      print the version
//
// Exit status: 0 ok, 1 uncaught exception, 2 compile errors, 64 usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/lang"
	"github.com/ktcoro/ktcoro/sched"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// Version is the ktcoro release.
const Version = "0.1.0"

// usage is the whole command's help (ktcoro --help).
const usage = `ktcoro runs Kotlin-like scripts with kotlinx.coroutines-style concurrency.

Usage:
  ktcoro [repl [flags]]               the interactive REPL (type :help there)
  ktcoro run [flags] FILE [args...]   run a script (also: ktcoro FILE [args...])
  ktcoro check FILE                   compile FILE without running, report errors
  ktcoro version                      print the version
  ktcoro --help                       show this help (COMMAND --help: its own)

Flags for run:
` + runFlagsHelp + `
Limits for run (for untrusted scripts; past one the program stops with
"ktcoro: ... limit exceeded (...) at FILE:LINE", exit status 1, which
scripts cannot catch):
` + limitFlagsHelp + `
Flags for repl: --debug, --virtual-time and the limits, as for run; in
the REPL the limits bound each input (its time, steps and the memory it
adds), and the session goes on with the next one.

Exit status: 0 ok, 1 uncaught exception, 2 compile errors, 64 usage error.
`

// runFlagsHelp and limitFlagsHelp describe the flags of run (the limits
// are also the REPL's).
const (
	runFlagsHelp = `  --debug              coroutine debug mode: thread names get " @name#id"
  --virtual-time       run delays on a virtual clock
  --disasm             print the compiled bytecode instead of running
`
	limitFlagsHelp = `  --timeout D          stop the program after duration D (e.g. 10s, 1m30s)
  --max-steps N        stop it after N steps (calls, loop iterations, and
                       the work of built-in functions) in all coroutines
  --max-memory SIZE    stop it when it holds more than SIZE bytes
                       (e.g. 512m, 2g; suffixes k, m, g, t: powers of 1024)
  --max-depth N        call depth that throws StackOverflowError (16384)
  --max-coroutines N   stop it when more than N coroutines are alive
`
)

// runUsage is `ktcoro run --help`.
const runUsage = `Usage: ktcoro run [flags] FILE [args...]

Runs the script FILE: its top-level declarations, then main (with args
when main takes an Array<String>).

Flags:
` + runFlagsHelp + `
Limits (for untrusted scripts; past one the program stops with
"ktcoro: ... limit exceeded (...) at FILE:LINE", exit status 1, which
scripts cannot catch):
` + limitFlagsHelp + `
Exit status: 0 ok, 1 uncaught exception or limit, 2 compile errors,
64 usage error.
`

// checkUsage is `ktcoro check --help`.
const checkUsage = `Usage: ktcoro check FILE

Compiles FILE without running it and reports its compile errors in
kotlinc's format (file.kc:LINE:COL: error: ...): syntax, unresolved
names and members, type mismatches, nullable receivers and the other
everyday mistakes kotlinc reports (see spec/SPEC.md, Compile errors).

Exit status: 0 no errors, 2 compile errors, 64 usage error.
`

// replUsage is `ktcoro repl --help`.
const replUsage = `Usage: ktcoro [repl [flags]]

Starts the interactive REPL (type :help there). With piped input it reads
the inputs from standard input and exits non-zero after an error.

Flags: --debug, --virtual-time, and the limits of ktcoro run (--timeout,
--max-steps, --max-memory, --max-depth, --max-coroutines), which bound
each input (its time, steps and the memory it adds); after one is
exceeded the session goes on with the next input.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runREPL(nil, stdin, stdout, stderr)
	}
	switch args[0] {
	case "repl":
		return runREPL(args[1:], stdin, stdout, stderr)
	case "--help", "-h", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version":
		fmt.Fprintf(stdout, "ktcoro %s\n", Version)
		return 0
	case "check":
		return checkCmd(args[1:], stdout, stderr)
	case "run":
		return runScript(args[1:], stdin, stdout, stderr)
	}
	if isCommandLike(args[0]) {
		fmt.Fprintf(stderr, "ktcoro: unknown command %q (see ktcoro --help)\n", args[0])
		return 64
	}
	return runScript(args, stdin, stdout, stderr)
}

// isCommandLike reports whether the first argument of `ktcoro ARG ...`
// looks like a mistyped command rather than a script: a bare word that is
// not an existing file and has no script extension.
func isCommandLike(arg string) bool {
	if arg == "" || strings.HasPrefix(arg, "-") || strings.ContainsAny(arg, "/.\\") {
		return false
	}
	_, err := os.Stat(arg)
	return err != nil
}

// parseFlags parses a subcommand's flags; help (-h, --help) prints the
// subcommand's usage on stdout. It returns the exit status to end with,
// or -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string, help string, stdout io.Writer) int {
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, help)
			return 0
		}
		fmt.Fprintf(fs.Output(), "(see ktcoro %s --help)\n", fs.Name())
		return 64
	}
	return -1
}

type runFlags struct {
	debug, virtualTime, disasm bool
	timeout                    time.Duration
	maxSteps                   int64
	maxMemory                  sizeFlag
	maxDepth, maxCoroutines    int
}

// commonFlags returns the flag set of subcommand name with the flags run
// and repl share.
func commonFlags(name string, stderr io.Writer, debug, virtualTime *bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(debug, "debug", false, "coroutine debug mode")
	fs.BoolVar(virtualTime, "virtual-time", false, "virtual clock")
	return fs
}

func runScript(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f runFlags
	fs := commonFlags("run", stderr, &f.debug, &f.virtualTime)
	fs.BoolVar(&f.disasm, "disasm", false, "print bytecode")
	limitFlags(fs, &f)
	if code := parseFlags(fs, args, runUsage, stdout); code >= 0 {
		return code
	}
	if !f.valid(stderr, "run") {
		return 64
	}
	if fs.NArg() < 1 {
		fmt.Fprint(stderr, "ktcoro run: missing script file\n")
		return 64
	}
	file := fs.Arg(0)
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 64
	}
	var in *interp.Interp
	var exit exitStatus
	in = interp.New(interp.Options{Stdout: exit.gate(stdout), Stderr: exit.gate(stderr), Stdin: stdin,
		Args: fs.Args()[1:], Debug: f.debug, VirtualTime: f.virtualTime,
		MaxDepth: f.maxDepth, MaxMemory: int64(f.maxMemory),
		OnMemoryLimit: func(co *interp.Coroutine, _ int64) error {
			return stopAt(in, limitReason(co, fmt.Sprintf("memory limit exceeded (%s)", formatSize(int64(f.maxMemory)))))
		},
		Files: localFiles(), Env: localEnv(), Exit: exit.set})
	if err := stdlib.Install(in); err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	if err := coroutines.Install(in); err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	defer coroutines.Close(in)
	setLimits(in, f)
	prog, err := in.Compile(file, src)
	if err != nil {
		printCompileErrors(stderr, err)
		return 2
	}
	if f.disasm {
		fmt.Fprint(stdout, interp.Disassemble(prog.InitFunction()))
		if m, ok := prog.Main().AsObject().(*interp.Closure); ok {
			fmt.Fprint(stdout, interp.Disassemble(m.Function()))
		}
		return 0
	}
	if f.timeout > 0 {
		t := time.AfterFunc(f.timeout, func() {
			coroutines.Stop(in, fmt.Sprintf("timeout: the program ran longer than %s", f.timeout))
		})
		defer t.Stop()
	}
	stopDump := dumpOnSignal(in)
	defer stopDump()
	err = in.Run(prog)
	in.Flush()
	if code, ok := exit.get(); ok {
		return code
	}
	if err != nil {
		var intr *interp.Interrupted
		if errors.As(err, &intr) {
			fmt.Fprintf(stderr, "ktcoro: %s\n", intr.Reason)
			return 1
		}
		var dl *sched.DeadlockError
		if errors.As(err, &dl) {
			fmt.Fprintf(stderr, "ktcoro: %s\n", dl.Error())
			return 1
		}
		fmt.Fprint(stderr, coroutines.FormatUncaught(in, "main", err))
		return 1
	}
	return 0
}

// checkCmd is `ktcoro check [--help] FILE`.
func checkCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if code := parseFlags(fs, args, checkUsage, stdout); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, "usage: ktcoro check FILE\n")
		return 64
	}
	return check(fs.Arg(0), stderr)
}

func check(file string, stderr io.Writer) int {
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 64
	}
	in := interp.New(interp.Options{Stderr: stderr})
	if err := stdlib.Install(in); err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	if err := coroutines.Install(in); err != nil {
		fmt.Fprintf(stderr, "ktcoro: %v\n", err)
		return 1
	}
	if _, err := in.Compile(file, src); err != nil {
		printCompileErrors(stderr, err)
		return 2
	}
	return 0
}

func printCompileErrors(w io.Writer, err error) {
	var list lang.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintln(w, list.Detail())
		return
	}
	fmt.Fprintln(w, err)
}
