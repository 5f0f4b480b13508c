package stdlib

import (
	_ "embed"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds java.io.File and Kotlin's extensions of it (readText,
// writeText, forEachLine, walk, ...). A File is a path; what it names is
// reached through the file system the host granted (fsys.go).

// fileSrc is the part of the file library written in the language.
//
//go:embed file.kc
var fileSrc []byte

// FileClass is java.io.File.
var FileClass = interp.NewClass("File", "java.io.File", interp.AnyClass)

// File is a java.io.File: an abstract path, normalised as the JVM does
// on Unix (no repeated or trailing separator).
type File struct{ path string }

// Class implements interp.Object.
func (*File) Class() *interp.Class { return FileClass }

// KString implements interp.Stringer: the path.
func (f *File) KString(co *interp.Coroutine) (string, error) { return f.path, nil }

// KEquals implements interp.Equaler: files are equal when their paths are.
func (f *File) KEquals(co *interp.Coroutine, other interp.Value) (bool, error) {
	g, ok := other.AsObject().(*File)
	return ok && g.path == f.path, nil
}

// KHashCode implements interp.Hasher (the JVM's on Unix).
func (f *File) KHashCode(co *interp.Coroutine) (int32, error) {
	h, err := co.HashCode(interp.String(f.path))
	return h ^ 1234321, err
}

// normalizePath is java.io.File's normalisation on Unix: repeated
// separators collapse and a trailing one goes.
func normalizePath(p string) string {
	if !strings.Contains(p, "//") && (len(p) <= 1 || !strings.HasSuffix(p, "/")) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && i > 0 && p[i-1] == '/' {
			continue
		}
		b.WriteByte(p[i])
	}
	s := b.String()
	if len(s) > 1 {
		s = strings.TrimSuffix(s, "/")
	}
	return s
}

// resolvePath is File(parent, child) for normalised parts.
func resolvePath(parent, child string) string {
	switch {
	case child == "":
		return parent
	case strings.HasPrefix(child, "/"):
		if parent == "/" {
			return child
		}
		return parent + child
	case parent == "/":
		return parent + child
	}
	return parent + "/" + child
}

func (f *File) name() string { return f.path[strings.LastIndexByte(f.path, '/')+1:] }

// parent is File.parent: the path before the last separator, or "" and
// false when there is none.
func (f *File) parent() (string, bool) {
	i := strings.LastIndexByte(f.path, '/')
	prefix := 0
	if strings.HasPrefix(f.path, "/") {
		prefix = 1
	}
	if i < prefix {
		if prefix > 0 && len(f.path) > prefix {
			return f.path[:prefix], true
		}
		return "", false
	}
	return f.path[:i], true
}

func fileOf(v interp.Value) *File { return v.AsObject().(*File) }

func fileV(p string) interp.Value { return interp.Obj(&File{path: p}) }

// pathArg returns the path of a File or String argument.
func pathArg(co *interp.Coroutine, v interp.Value) (string, error) {
	if f, ok := v.AsObject().(*File); ok && v.Kind() == interp.KObject {
		return f.path, nil
	}
	if v.IsNull() {
		return "", co.Errorf("java.lang.NullPointerException", "")
	}
	return str(co, v)
}

// fileNative is a method of File that reaches the file system.
type fileNative func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error)

// withFS adapts fn to a method: the host's grant is checked first.
func withFS(fn fileNative) interp.NativeFunc {
	return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := fsOf(co)
		if err != nil {
			return interp.Null, err
		}
		defer s.close()
		return fn(co, s, fileOf(this), args)
	}
}

// statBool is a File method answering a question about the file's
// status: false when it cannot be read.
func statBool(test func(fs.FileInfo) bool) interp.NativeFunc {
	return withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		fi, err := s.stat(f.path)
		if err != nil {
			return interp.False, checkEscape(co, f.path, err)
		}
		return interp.Bool(test(fi)), nil
	})
}

// okBool is a File method that reports its success with a Boolean.
func okBool(op func(s *fileSys, f *File, args []interp.Value) error) interp.NativeFunc {
	return withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		err := op(s, f, args)
		if err != nil {
			return interp.False, checkEscape(co, f.path, err)
		}
		return interp.True, nil
	})
}

var fileOnce sync.Once

func initFileClass() {
	c := FileClass
	c.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		if len(args) < 2 || interp.IsAbsent(args[1]) {
			p, err := pathArg(co, args[0])
			return fileV(normalizePath(p)), err
		}
		child, err := pathArg(co, args[1])
		if err != nil {
			return interp.Null, err
		}
		child = normalizePath(child)
		if args[0].IsNull() {
			return fileV(child), nil
		}
		parent, err := pathArg(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		if parent == "" {
			return fileV(resolvePath("/", child)), nil
		}
		return fileV(resolvePath(normalizePath(parent), child)), nil
	}, "pathname", "child")
	c.StaticProps = map[string]interp.Value{
		"separator":         interp.String("/"),
		"separatorChar":     interp.Char('/'),
		"pathSeparator":     interp.String(":"),
		"pathSeparatorChar": interp.Char(':'),
	}
	c.StaticMethods = map[string]interp.Value{"createTempFile": staticFn("createTempFile", createTempFile)}
	prop := func(name string, fn func(f *File) interp.Value) {
		c.AddProp(name, func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return fn(fileOf(this)), nil
		})
	}
	prop("name", func(f *File) interp.Value { return interp.String(f.name()) })
	prop("path", func(f *File) interp.Value { return interp.String(f.path) })
	prop("parent", func(f *File) interp.Value {
		if p, ok := f.parent(); ok {
			return interp.String(p)
		}
		return interp.Null
	})
	prop("parentFile", func(f *File) interp.Value {
		if p, ok := f.parent(); ok {
			return fileV(p)
		}
		return interp.Null
	})
	prop("extension", func(f *File) interp.Value {
		n := f.name()
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			return interp.String(n[i+1:])
		}
		return interp.String("")
	})
	prop("nameWithoutExtension", func(f *File) interp.Value {
		n := f.name()
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			return interp.String(n[:i])
		}
		return interp.String(n)
	})
	prop("isAbsolute", func(f *File) interp.Value { return interp.Bool(strings.HasPrefix(f.path, "/")) })
	prop("invariantSeparatorsPath", func(f *File) interp.Value { return interp.String(f.path) })
	absolute := func(co *interp.Coroutine, f *File) string {
		return absPath(scriptDir(co.Interp().Options().Files), f.path)
	}
	c.AddProp("absolutePath", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(absolute(co, fileOf(this))), nil
	})
	c.AddProp("absoluteFile", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return fileV(absolute(co, fileOf(this))), nil
	})
	c.AddProp("isFile", statBool(func(fi fs.FileInfo) bool { return fi.Mode().IsRegular() }))
	c.AddProp("isDirectory", statBool(func(fi fs.FileInfo) bool { return fi.IsDir() }))
	c.AddProp("isHidden", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(strings.HasPrefix(fileOf(this).name(), ".")), nil
	})
	c.AddMethod("exists", statBool(func(fs.FileInfo) bool { return true }))
	c.AddMethod("canRead", statBool(func(fs.FileInfo) bool { return true }))
	c.AddMethod("length", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		fi, err := s.stat(f.path)
		if err != nil {
			return interp.Long(0), checkEscape(co, f.path, err)
		}
		return interp.Long(fi.Size()), nil
	}))
	c.AddMethod("lastModified", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		fi, err := s.stat(f.path)
		if err != nil {
			return interp.Long(0), checkEscape(co, f.path, err)
		}
		return interp.Long(fi.ModTime().UnixMilli()), nil
	}))
	c.AddMethod("toString", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.String(fileOf(this).path), nil
	})
	c.AddMethod("resolve", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		child, err := pathArg(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		child = normalizePath(child)
		if strings.HasPrefix(child, "/") {
			return fileV(child), nil
		}
		return fileV(resolvePath(fileOf(this).path, child)), nil
	})
	c.AddMethod("relativeTo", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		base, err := pathArg(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		dir := scriptDir(co.Interp().Options().Files)
		rel, err := filepath.Rel(path.Clean(absPath(dir, base)), path.Clean(absPath(dir, fileOf(this).path)))
		if err != nil {
			return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "this and base files have different roots: %s and %s.", fileOf(this).path, base)
		}
		if rel == "." {
			rel = ""
		}
		return fileV(rel), nil
	})
	c.AddMethod("mkdir", okBool(func(s *fileSys, f *File, _ []interp.Value) error { return s.mkdir(f.path) }))
	c.AddMethod("mkdirs", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		if _, err := s.stat(f.path); err == nil {
			return interp.False, nil
		}
		err := s.mkdirAll(f.path)
		return interp.Bool(err == nil), checkEscape(co, f.path, err)
	}))
	c.AddMethod("delete", okBool(func(s *fileSys, f *File, _ []interp.Value) error { return s.remove(f.path) }))
	c.AddMethod("createNewFile", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		h, err := s.openFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
		if errors.Is(err, fs.ErrExist) {
			return interp.False, nil
		}
		if err != nil {
			return interp.False, ioError(co, f.path, err)
		}
		h.Close()
		return interp.True, nil
	}))
	c.AddMethod("renameTo", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		to, err := pathArg(co, args[0])
		if err != nil {
			return interp.Null, err
		}
		err = s.rename(f.path, to)
		return interp.Bool(err == nil), checkEscape(co, to, err)
	}))
	initFileContents(c)
	initFileTree(c)
}

// createTempFile is File.createTempFile(prefix, suffix, directory): a
// new empty file named prefix, a random number and suffix (".tmp" when
// null) in directory, else in the system's temporary directory ("/tmp"
// under a file root, made when missing).
func createTempFile(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
	prefix, err := str(co, args[0])
	if err != nil {
		return interp.Null, err
	}
	if n := len([]rune(prefix)); n < 3 {
		return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Prefix string \"%s\" too short: length must be at least 3", prefix)
	}
	suffix := ".tmp"
	if len(args) > 1 && !interp.IsAbsent(args[1]) && !args[1].IsNull() {
		if suffix, err = str(co, args[1]); err != nil {
			return interp.Null, err
		}
	}
	s, err := fsOf(co)
	if err != nil {
		return interp.Null, err
	}
	defer s.close()
	dir := os.TempDir()
	if s.root != nil {
		dir = "/tmp"
		if err := s.mkdirAll(dir); err != nil {
			return interp.Null, ioError(co, dir, err)
		}
	}
	if len(args) > 2 && !interp.IsAbsent(args[2]) && !args[2].IsNull() {
		if dir, err = pathArg(co, args[2]); err != nil {
			return interp.Null, err
		}
	}
	for range 100 {
		p := resolvePath(normalizePath(dir), prefix+strconv.FormatUint(rand.Uint64(), 10)+suffix)
		h, err := s.openFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return interp.Null, ioError(co, p, err)
		}
		h.Close()
		return fileV(p), nil
	}
	return interp.Null, co.Errorf("java.io.IOException", "Unable to create temporary file")
}

func installFile(in *interp.Interp) {
	fileOnce.Do(initFileClass)
	in.DefineType(FileClass)
	in.DefineType(BufferedReaderClass)
	in.DefineType(BufferedWriterClass)
	in.DefineType(PrintWriterClass)
}

// initFileTree adds the methods that list directories: list, listFiles,
// walk (top-down, a directory before its entries, the entries by name)
// and deleteRecursively. The JVM lists a directory in the file system's
// order; ktcoro sorts the names.
func initFileTree(c *interp.Class) {
	list := func(files bool) interp.NativeFunc {
		return withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
			if fi, err := s.stat(f.path); err != nil || !fi.IsDir() {
				return interp.Null, checkEscape(co, f.path, err)
			}
			names, err := s.readDir(co, f.path)
			if err != nil {
				return interp.Null, checkEscape(co, f.path, err)
			}
			if err := co.CheckAlloc(len(names), interp.ValueBytes); err != nil {
				return interp.Null, err
			}
			out := make([]interp.Value, 0, len(names))
			for i, n := range names {
				if err := co.WorkAt(i); err != nil {
					return interp.Null, err
				}
				if files {
					// a File and its joined path per entry
					if err := co.CheckAlloc(1, 16+len(f.path)+len(n)); err != nil {
						return interp.Null, err
					}
				}
				v := interp.String(n)
				if files {
					v = fileV(resolvePath(f.path, n))
				}
				if len(args) > 0 && !interp.IsAbsent(args[0]) && !args[0].IsNull() {
					keep, err := co.CallSync(args[0], v)
					if err != nil {
						return interp.Null, err
					}
					if !keep.AsBool() {
						continue
					}
				}
				out = append(out, v)
			}
			return interp.Obj(interp.NewListOf(interp.ArrayClass, out)), nil
		})
	}
	c.AddMethod("listFiles", list(true))
	c.AddMethod("list", list(false))
	walk := func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		start := fileOf(this).path
		return seqV(func(co *kCoro) (interp.Iterator, error) {
			pending := []string{start}
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if len(pending) == 0 {
					return kNull, false, nil
				}
				p := pending[len(pending)-1]
				pending = pending[:len(pending)-1]
				s, err := fsOf(co)
				if err != nil {
					return kNull, false, err
				}
				defer s.close()
				fi, err := s.stat(p)
				if err != nil {
					if p == start {
						return kNull, false, checkEscape(co, p, err)
					}
					return fileV(p), true, nil
				}
				if fi.IsDir() {
					names, err := s.readDir(co, p)
					if err != nil {
						return fileV(p), true, checkEscape(co, p, err)
					}
					for i := len(names) - 1; i >= 0; i-- {
						// the pending path, and the slot that holds it
						if err := co.CheckAlloc(1, 16+len(p)+len(names[i])); err != nil {
							return kNull, false, err
						}
						if err := co.CheckGrowth(len(pending), cap(pending), 16); err != nil {
							return kNull, false, err
						}
						pending = append(pending, resolvePath(p, names[i]))
					}
				}
				return fileV(p), true, nil
			}), nil
		}), nil
	}
	c.AddMethod("walk", walk)
	c.AddMethod("walkTopDown", walk)
	c.AddMethod("deleteRecursively", withFS(func(co *interp.Coroutine, s *fileSys, f *File, args []interp.Value) (interp.Value, error) {
		ok := true
		var del func(p string, depth int) error
		del = func(p string, depth int) error {
			if err := co.Work(1); err != nil {
				return err
			}
			if fi, err := s.stat(p); err == nil && fi.IsDir() && depth < 4096 {
				names, err := s.readDir(co, p)
				if err != nil {
					return checkEscape(co, p, err)
				}
				for _, n := range names {
					if err := del(resolvePath(p, n), depth+1); err != nil {
						return err
					}
				}
			}
			if err := s.remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				ok = false
				return checkEscape(co, p, err)
			}
			return nil
		}
		err := del(f.path, 0)
		return interp.Bool(ok), err
	}))
}
