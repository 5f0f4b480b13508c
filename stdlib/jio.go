package stdlib

import (
	"bufio"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the contents of files: File.readText, readLines,
// writeText, appendText, forEachLine, and the streams bufferedReader(),
// bufferedWriter(), printWriter() and writer() return, with the limits
// (memory charged before it is allocated, the step budget polled while
// reading) of the natives around them.

// The stream classes of java.io that files hand out.
var (
	BufferedReaderClass = interp.NewClass("BufferedReader", "java.io.BufferedReader", interp.AnyClass)
	BufferedWriterClass = interp.NewClass("BufferedWriter", "java.io.BufferedWriter", interp.AnyClass)
	PrintWriterClass    = interp.NewClass("PrintWriter", "java.io.PrintWriter", interp.AnyClass)
	writerClass         = interp.NewClass("OutputStreamWriter", "java.io.OutputStreamWriter", BufferedWriterClass)
)

// readChunk is how much readAll asks of a file at a time.
const readChunk = 64 << 10

// readAll reads r to its end, charging the buffer before it grows and
// the work of the copy as it goes.
func readAll(co *interp.Coroutine, r io.Reader, hint int64) ([]byte, error) {
	size := readChunk
	if hint > 0 && hint < 1<<40 {
		size = int(hint) + 1
	}
	if err := co.CheckAlloc(size, 1); err != nil {
		return nil, err
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			n := max(2*cap(buf), len(buf)+readChunk)
			if err := co.CheckAlloc(n, 1); err != nil {
				return nil, err
			}
			buf = append(make([]byte, 0, n), buf...)
		}
		end := min(cap(buf), len(buf)+readChunk)
		n, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if werr := co.Work(n / interp.WorkBytes); werr != nil {
			return nil, werr
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// fileReader is a BufferedReader on a file. Its mutex keeps racy
// scripts memory-safe.
type fileReader struct {
	mu     sync.Mutex
	f      *os.File
	r      *bufio.Reader
	path   string
	closed bool
}

// Class implements interp.Object.
func (*fileReader) Class() *interp.Class { return BufferedReaderClass }

// openReader opens the file at p for reading; the file is closed by
// close(), or when the reader is garbage.
func openReader(co *interp.Coroutine, p string) (*fileReader, error) {
	s, err := fsOf(co)
	if err != nil {
		return nil, err
	}
	defer s.close()
	f, err := s.openFile(p, os.O_RDONLY)
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			return nil, co.Errorf("java.io.FileNotFoundException", "%s (Is a directory)", p)
		}
	}
	if err != nil {
		return nil, openError(co, p, err)
	}
	rd := &fileReader{f: f, r: bufio.NewReader(f), path: p}
	runtime.AddCleanup(rd, func(f *os.File) { f.Close() }, f)
	return rd, nil
}

// readLine returns the next line without its terminator, false at the
// end of the file.
func (rd *fileReader) readLine(co *interp.Coroutine) (string, bool, error) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.closed {
		return "", false, co.Errorf("java.io.IOException", "Stream closed")
	}
	s, err := readBounded(rd.r, lineMax(co.Interp()))
	if err == errLineTooLong {
		return "", false, co.Errorf("java.lang.OutOfMemoryError", "Java heap space")
	}
	if err != nil && err != io.EOF {
		return "", false, ioError(co, rd.path, err)
	}
	if s == "" {
		return "", false, nil
	}
	if err := allocText(co, len(s)); err != nil {
		return "", false, err
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r"), true, nil
}

// eachLine calls fn with each remaining line, polling the limits.
func (rd *fileReader) eachLine(co *interp.Coroutine, fn func(s string) error) error {
	for i := 0; ; i++ {
		s, ok, err := rd.readLine(co)
		if err != nil || !ok {
			return err
		}
		if err := co.WorkAt(i); err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
}

// lines reads the remaining lines into a list.
func (rd *fileReader) lines(co *interp.Coroutine) (interp.Value, error) {
	var out []interp.Value
	err := rd.eachLine(co, func(s string) error {
		if err := co.CheckGrowth(len(out), cap(out), interp.ValueBytes); err != nil {
			return err
		}
		out = append(out, interp.String(s))
		return nil
	})
	return kListV(out), err
}

// text reads the rest of the file.
func (rd *fileReader) text(co *interp.Coroutine) (interp.Value, error) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.closed {
		return interp.Null, co.Errorf("java.io.IOException", "Stream closed")
	}
	var hint int64
	if fi, err := rd.f.Stat(); err == nil {
		hint = fi.Size()
	}
	b, err := readAll(co, rd.r, hint)
	if err != nil {
		if _, ok := err.(*interp.Exception); !ok {
			if _, intr := err.(*interp.Interrupted); !intr {
				return interp.Null, ioError(co, rd.path, err)
			}
		}
		return interp.Null, err
	}
	if err := co.CheckAlloc(len(b), 1); err != nil {
		return interp.Null, err
	}
	return interp.String(string(b)), nil
}

func (rd *fileReader) close() {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if !rd.closed {
		rd.closed = true
		rd.f.Close()
	}
}

// sequence is the reader's lineSequence(): its lines, once.
func (rd *fileReader) sequence() interp.Value {
	var once sync.Once
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		used := true
		once.Do(func() { used = false })
		if used {
			return nil, co.Errorf("java.lang.IllegalStateException", "This sequence can be consumed only once.")
		}
		return kFuncIter(func(co *kCoro) (kValue, bool, error) {
			s, ok, err := rd.readLine(co)
			return interp.String(s), ok, err
		}), nil
	})
}

// fileWriter is a BufferedWriter, an OutputStreamWriter or a
// PrintWriter on a file.
type fileWriter struct {
	mu     sync.Mutex
	f      *os.File
	w      *bufio.Writer
	path   string
	closed bool
	cls    *interp.Class
}

// Class implements interp.Object.
func (w *fileWriter) Class() *interp.Class { return w.cls }

// openWriter opens the file at p for writing (appending or truncating).
func openWriter(co *interp.Coroutine, p string, appending bool, cls *interp.Class) (*fileWriter, error) {
	s, err := fsOf(co)
	if err != nil {
		return nil, err
	}
	defer s.close()
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appending {
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := s.openFile(p, flag)
	if err != nil {
		return nil, openError(co, p, err)
	}
	w := &fileWriter{f: f, w: bufio.NewWriter(f), path: p, cls: cls}
	runtime.AddCleanup(w, func(f *os.File) { f.Close() }, f)
	return w, nil
}

func (w *fileWriter) write(co *interp.Coroutine, s string) error {
	if len(s) >= interp.WorkChunk {
		if err := co.Work(len(s) / interp.WorkBytes); err != nil {
			return err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		if w.cls == PrintWriterClass {
			return nil // a PrintWriter only remembers its errors
		}
		return co.Errorf("java.io.IOException", "Stream closed")
	}
	if _, err := w.w.WriteString(s); err != nil && w.cls != PrintWriterClass {
		return ioError(co, w.path, err)
	}
	return nil
}

func (w *fileWriter) flush(co *interp.Coroutine) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	if err := w.w.Flush(); err != nil && w.cls != PrintWriterClass {
		return ioError(co, w.path, err)
	}
	return nil
}

func (w *fileWriter) close(co *interp.Coroutine) error {
	err := w.flush(co)
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		w.f.Close()
	}
	return err
}

// writeFile writes text to the file at p (appending or replacing it).
func writeFile(co *interp.Coroutine, p string, text interp.Value, appending bool) error {
	s, err := str(co, text)
	if err != nil {
		return err
	}
	w, err := openWriter(co, p, appending, BufferedWriterClass)
	if err != nil {
		return err
	}
	if err := w.write(co, s); err != nil {
		w.close(co)
		return err
	}
	return w.close(co)
}

// textArg is the text of a Writer's write/print argument: a string, a
// character array, a character code (write(Int)) or any value's toString.
func textArg(co *interp.Coroutine, v interp.Value, code bool) (string, error) {
	if code && v.Kind() == interp.KInt {
		return string(rune(v.AsInt())), nil
	}
	if l, ok := v.AsObject().(*interp.List); ok && v.Kind() == interp.KObject && l.Class() == interp.CharArrayClass {
		return appendText(co, v)
	}
	return co.ToString(v)
}

func initFileContents(c *interp.Class) {
	// reading opens the file, hands its reader to read and closes it
	reading := func(read func(co *interp.Coroutine, rd *fileReader, args []interp.Value) (interp.Value, error)) interp.NativeFunc {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			rd, err := openReader(co, fileOf(this).path)
			if err != nil {
				return interp.Null, err
			}
			defer rd.close()
			return read(co, rd, args)
		}
	}
	c.AddMethod("readText", reading(func(co *interp.Coroutine, rd *fileReader, _ []interp.Value) (interp.Value, error) {
		return rd.text(co)
	}))
	c.AddMethod("readLines", reading(func(co *interp.Coroutine, rd *fileReader, _ []interp.Value) (interp.Value, error) {
		return rd.lines(co)
	}))
	c.AddMethod("forEachLine", reading(func(co *interp.Coroutine, rd *fileReader, args []interp.Value) (interp.Value, error) {
		action := args[len(args)-1]
		return interp.Unit, rd.eachLine(co, func(s string) error {
			_, err := co.CallSync(action, interp.String(s))
			return err
		})
	}))
	c.AddMethod("writeText", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, writeFile(co, fileOf(this).path, args[0], false)
	})
	c.AddMethod("appendText", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.Unit, writeFile(co, fileOf(this).path, args[0], true)
	})
	reader := func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		rd, err := openReader(co, fileOf(this).path)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(rd), nil
	}
	c.AddMethod("bufferedReader", reader)
	c.AddMethod("reader", reader)
	writer := func(cls *interp.Class) interp.NativeFunc {
		return func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			w, err := openWriter(co, fileOf(this).path, false, cls)
			if err != nil {
				return interp.Null, err
			}
			return interp.Obj(w), nil
		}
	}
	c.AddMethod("bufferedWriter", writer(BufferedWriterClass))
	c.AddMethod("writer", writer(writerClass))
	c.AddMethod("printWriter", writer(PrintWriterClass))
	initReaderClass()
	initWriterClasses()
}

func initReaderClass() {
	r := BufferedReaderClass
	rdOf := func(v interp.Value) *fileReader { return v.AsObject().(*fileReader) }
	r.AddMethod("readLine", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		s, ok, err := rdOf(this).readLine(co)
		if !ok || err != nil {
			return interp.Null, err
		}
		return interp.String(s), nil
	})
	r.AddMethod("readText", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return rdOf(this).text(co)
	})
	r.AddMethod("readLines", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return rdOf(this).lines(co)
	})
	seq := func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return rdOf(this).sequence(), nil
	}
	r.AddMethod("lineSequence", seq)
	r.AddMethod("lines", seq)
	r.AddMethod("read", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		rd := rdOf(this)
		rd.mu.Lock()
		defer rd.mu.Unlock()
		if rd.closed {
			return interp.Null, co.Errorf("java.io.IOException", "Stream closed")
		}
		ch, _, err := rd.r.ReadRune()
		if err != nil {
			return interp.Int(-1), nil
		}
		return interp.Int(int32(ch)), nil
	})
	r.AddMethod("ready", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		rd := rdOf(this)
		rd.mu.Lock()
		defer rd.mu.Unlock()
		return interp.Bool(!rd.closed && rd.r.Buffered() > 0), nil
	})
	r.AddMethod("close", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		rdOf(this).close()
		return interp.Unit, nil
	})
}

func initWriterClasses() {
	wOf := func(v interp.Value) *fileWriter { return v.AsObject().(*fileWriter) }
	for _, c := range []*interp.Class{BufferedWriterClass, PrintWriterClass} {
		c.AddMethod("write", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			s, err := textArg(co, args[0], true)
			if err == nil {
				err = wOf(this).write(co, s)
			}
			return interp.Unit, err
		})
		c.AddMethod("append", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			s, err := textArg(co, args[0], false)
			if err == nil {
				err = wOf(this).write(co, s)
			}
			return this, err
		})
		c.AddMethod("flush", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return interp.Unit, wOf(this).flush(co)
		})
		c.AddMethod("close", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return interp.Unit, wOf(this).close(co)
		})
	}
	BufferedWriterClass.AddMethod("newLine", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Unit, wOf(this).write(co, "\n")
	})
	p := PrintWriterClass
	print := func(nl bool) interp.NativeFunc {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			s := ""
			if len(args) > 0 && !interp.IsAbsent(args[0]) {
				var err error
				if s, err = textArg(co, args[0], false); err != nil {
					return interp.Unit, err
				}
			}
			if nl {
				if err := allocText(co, len(s)+1); err != nil {
					return interp.Unit, err
				}
				s += "\n"
			}
			return interp.Unit, wOf(this).write(co, s)
		}
	}
	p.AddMethod("print", print(false))
	p.AddMethod("println", print(true))
	printf := func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := printfText(co, args)
		if err == nil {
			err = wOf(this).write(co, s)
		}
		return this, err
	}
	p.AddMethod("printf", printf)
	p.AddMethod("format", printf)
}

// printfText is the text of printf(format, args...) on a stream.
func printfText(co *interp.Coroutine, args []interp.Value) (string, error) {
	f, err := str(co, args[0])
	if err != nil {
		return "", err
	}
	s, err := format(co, f, spreadArgs(args[1:]))
	return s.AsString(), err
}
