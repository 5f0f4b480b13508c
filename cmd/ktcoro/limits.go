package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// The limit flags of run: --max-memory's sizes, and the limits that are
// not interpreter options.

// sizeFlag is a byte count given as 512m, 2g, 1024k or 1048576.
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }

func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	*s = sizeFlag(n)
	return err
}

// durationFlag is a duration with a unit (10s, 1m30s, 500ms); a bare
// number is refused with a hint rather than guessed.
type durationFlag time.Duration

func (d *durationFlag) String() string { return time.Duration(*d).String() }

func (d *durationFlag) Set(v string) error {
	if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
		return fmt.Errorf("a duration needs a unit: use e.g. %ss", strings.TrimSpace(v))
	}
	t, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("invalid duration %q (want e.g. 10s, 1m30s or 500ms)", v)
	}
	*d = durationFlag(t)
	return nil
}

// parseSize parses a byte count: digits with an optional k, m, g or t
// suffix (powers of 1024, case-insensitive, an optional trailing b).
func parseSize(v string) (int64, error) {
	t := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(v)), "b")
	shift := 0
	if t != "" {
		if i := strings.IndexByte("kmgt", t[len(t)-1]); i >= 0 {
			shift = 10 * (i + 1)
			t = t[:len(t)-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("invalid size %q (want e.g. 512m or 2g)", v)
	}
	return n << shift, nil
}

// limitFlags defines the limit flags run and repl share in fs.
func limitFlags(fs *flag.FlagSet, f *runFlags) {
	fs.Var((*durationFlag)(&f.timeout), "timeout", "stop after this duration")
	fs.Int64Var(&f.maxSteps, "max-steps", 0, "step limit")
	fs.Var(&f.maxMemory, "max-memory", "memory limit")
	fs.IntVar(&f.maxDepth, "max-depth", 0, "call depth limit")
	fs.IntVar(&f.maxCoroutines, "max-coroutines", 0, "live coroutine limit")
}

// valid reports whether the limit flags make sense, and says why not on
// stderr for the subcommand cmd.
func (f *runFlags) valid(stderr io.Writer, cmd string) bool {
	if f.maxSteps < 0 || f.maxDepth < 0 || f.maxCoroutines < 0 || f.timeout < 0 {
		fmt.Fprintf(stderr, "ktcoro %s: limits must not be negative\n", cmd)
		return false
	}
	return true
}

// setLimits applies the step and coroutine limits of the run flags (the
// others are interpreter options).
func setLimits(in *interp.Interp, f runFlags) {
	if n := f.maxSteps; n > 0 {
		inner := in.TickHook()
		in.SetTickHook(func(co *interp.Coroutine) error {
			if in.Steps() > n {
				return stopAt(in, limitReason(co, fmt.Sprintf("step limit exceeded (%d steps)", n)))
			}
			if inner != nil {
				return inner(co)
			}
			return nil
		})
	}
	if n := f.maxCoroutines; n > 0 {
		coroutines.LimitCoroutines(in, n, func(co *interp.Coroutine) error {
			return stopAt(in, limitReason(co, fmt.Sprintf("coroutine limit exceeded (%d live coroutines)", n)))
		})
	}
}

// limitReason is the message of a limit that fired while co ran (nil:
// outside of any coroutine): msg, followed by " at file.kc:LINE" when co
// ran script code.
func limitReason(co *interp.Coroutine, msg string) string {
	if co == nil {
		return msg
	}
	if file, pos := co.Position(); pos.IsValid() {
		return fmt.Sprintf("%s at %s:%d", msg, file, pos.Line)
	}
	return msg
}

// stopAt stops the program for a limit it exceeded: its coroutines stop
// (from another goroutine, as the caller runs script code) and the
// returned error stops the caller's at once.
func stopAt(in *interp.Interp, reason string) error {
	go coroutines.Abort(in, reason)
	return &interp.Interrupted{Reason: reason}
}

// formatSize prints a byte count with the largest exact binary suffix.
func formatSize(n int64) string {
	for _, u := range []struct {
		shift  uint
		suffix string
	}{{40, "TiB"}, {30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
