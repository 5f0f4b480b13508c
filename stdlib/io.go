package stdlib

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

func installIO(in *interp.Interp) {
	in.DefineFunc("println", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s := ""
		if len(args) > 0 {
			var err error
			if s, err = co.ToString(args[0]); err != nil {
				return interp.Null, err
			}
		}
		in.WriteOut(s + "\n")
		return interp.Unit, nil
	})
	in.DefineFunc("print", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(args[0])
		if err != nil {
			return interp.Null, err
		}
		in.WriteOut(s)
		return interp.Unit, nil
	})
}

// lineReader reads the lines of an interpreter's standard input for
// readLine. A read that cannot be served from the buffer runs on a
// goroutine of its own, so that the thread waiting for it can be stopped
// (a host's Stdin may block for ever); a read abandoned that way stays
// pending, and the next readLine takes its line.
type lineReader struct {
	mu      sync.Mutex
	pending *lineRead // the read in progress on its goroutine, or nil
}

// lineRead is one read of a line on its own goroutine; s and err are
// set before done is closed.
type lineRead struct {
	done chan struct{}
	s    string
	err  error
}

type lineReaderKey struct{}

var lineReaderMu sync.Mutex

func lineReaderOf(in *interp.Interp) *lineReader {
	lineReaderMu.Lock()
	defer lineReaderMu.Unlock()
	lr, _ := in.Data(lineReaderKey{}).(*lineReader)
	if lr == nil {
		lr = &lineReader{}
		in.SetData(lineReaderKey{}, lr)
	}
	return lr
}

// readRawLine reads one line of the script's standard input, "" and an
// error at its end. With a coroutine runtime the thread waits without
// holding the interpreter and returns the runtime's stop error (an
// *interp.Interrupted) when the host stops the script meanwhile.
func readRawLine(co *interp.Coroutine) (string, error, error) {
	in := co.Interp()
	br := in.Stdin()
	t := threadsOf(co)
	max := lineMax(in)
	if t == nil {
		s, err := readBounded(br, max)
		return s, err, nil
	}
	lr := lineReaderOf(in)
	for {
		lr.mu.Lock()
		p := lr.pending
		if p == nil {
			if b, _ := br.Peek(br.Buffered()); bytes.IndexByte(b, '\n') >= 0 {
				s, err := br.ReadString('\n') // served from the buffer
				lr.mu.Unlock()
				return s, err, nil
			}
			p = &lineRead{done: make(chan struct{})}
			lr.pending = p
			go func() {
				p.s, p.err = readBounded(br, max)
				close(p.done)
			}()
		}
		lr.mu.Unlock()
		if stop := t.Wait(p.done); stop != nil {
			return "", nil, stop
		}
		lr.mu.Lock()
		mine := lr.pending == p
		if mine {
			lr.pending = nil
		}
		lr.mu.Unlock()
		if mine {
			return p.s, p.err, nil
		}
		// another thread took that line: read the next one
	}
}

// errLineTooLong is what readBounded returns for a line longer than its
// bound (it consumed that much of the line, and one buffer more; the
// rest stays in the input).
var errLineTooLong = errors.New("line too long")

// lineMax bounds the length of a line readLine reads: one allocation's
// limit (Options.MaxAlloc), and half the memory budget when there is one
// (reading a line takes up to twice its length while the buffer grows).
func lineMax(in *interp.Interp) int {
	o := in.Options()
	max := o.MaxAlloc
	if o.MaxMemory > 0 && o.MaxMemory/2 < int64(max) {
		max = int(o.MaxMemory / 2)
	}
	return max
}

// readBounded is br.ReadString('\n') for lines of at most max bytes:
// past that it returns errLineTooLong.
func readBounded(br *bufio.Reader, max int) (string, error) {
	var buf []byte
	for {
		b, err := br.ReadSlice('\n')
		if len(buf)+len(b) > max {
			return "", errLineTooLong
		}
		buf = append(buf, b...)
		if err != bufio.ErrBufferFull {
			return string(buf), err
		}
	}
}

// readLine is readLine(): the next line of the standard input without
// its line terminator, ok false at its end; stop is the error that
// stopped the script while it waited. A line longer than an allocation
// may be, or than the memory budget, throws OutOfMemoryError.
func readLine(co *interp.Coroutine) (v interp.Value, ok bool, stop error) {
	co.Interp().Flush()
	s, err, stop := readRawLine(co)
	if stop != nil {
		return interp.Null, false, stop
	}
	if err == errLineTooLong {
		return interp.Null, false, co.Errorf("java.lang.OutOfMemoryError", "Java heap space")
	}
	if err := co.CheckAlloc(len(s), 1); err != nil {
		return interp.Null, false, err
	}
	if err != nil && s == "" {
		return interp.Null, false, nil
	}
	s = strings.TrimSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	return interp.String(s), true, nil
}
