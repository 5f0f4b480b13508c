package stdlib

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the file system java.io.File reaches: the host's
// grant (interp.Options.Files), the resolution of the paths scripts name
// under its root, and the JVM's exceptions for what goes wrong.

// fileSys is one file operation's view of the granted file system: the
// root (nil for the whole file system, Root "/") and the working
// directory as scripts see it.
type fileSys struct {
	root *os.Root
	dir  string
}

// fsOf returns the file system granted to co's interpreter, a
// SecurityException when there is none. close releases it.
func fsOf(co *interp.Coroutine) (*fileSys, error) {
	fa := co.Interp().Options().Files
	if fa == nil || fa.Root == "" {
		return nil, denied(co, "file access")
	}
	s := &fileSys{dir: scriptDir(fa)}
	if filepath.Clean(fa.Root) != "/" {
		r, err := os.OpenRoot(fa.Root)
		if err != nil {
			return nil, co.Errorf("java.io.IOException", "the file root granted by the host cannot be opened: %v", err)
		}
		s.root = r
	}
	return s, nil
}

// scriptDir is the working directory scripts see under fa.
func scriptDir(fa *interp.FileAccess) string {
	if fa == nil || fa.Dir == "" {
		return "/"
	}
	return path.Clean("/" + fa.Dir)
}

func (s *fileSys) close() {
	if s.root != nil {
		s.root.Close()
	}
}

// abs is p made absolute against the working directory (unclean, as
// File.absolutePath).
func (s *fileSys) abs(p string) string { return absPath(s.dir, p) }

func absPath(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	if p == "" {
		return dir
	}
	if dir == "/" {
		return "/" + p
	}
	return dir + "/" + p
}

// name returns the name of p for the os functions: a path for the whole
// file system, a name relative to the root otherwise (`..` cannot climb
// above the root: "/.." is "/").
func (s *fileSys) name(p string) string {
	a := s.abs(p)
	if s.root == nil {
		return a
	}
	rel := strings.TrimPrefix(path.Clean(a), "/")
	if rel == "" {
		return "."
	}
	return rel
}

func (s *fileSys) openFile(p string, flag int) (*os.File, error) {
	if s.root == nil {
		return os.OpenFile(s.name(p), flag, 0o666)
	}
	return s.root.OpenFile(s.name(p), flag, 0o666)
}

func (s *fileSys) stat(p string) (fs.FileInfo, error) {
	if s.root == nil {
		return os.Stat(s.name(p))
	}
	return s.root.Stat(s.name(p))
}

func (s *fileSys) mkdir(p string) error {
	if s.root == nil {
		return os.Mkdir(s.name(p), 0o777)
	}
	return s.root.Mkdir(s.name(p), 0o777)
}

func (s *fileSys) mkdirAll(p string) error {
	if s.root == nil {
		return os.MkdirAll(s.name(p), 0o777)
	}
	return s.root.MkdirAll(s.name(p), 0o777)
}

func (s *fileSys) remove(p string) error {
	if s.root == nil {
		return os.Remove(s.name(p))
	}
	return s.root.Remove(s.name(p))
}

func (s *fileSys) rename(from, to string) error {
	if s.root == nil {
		return os.Rename(s.name(from), s.name(to))
	}
	return s.root.Rename(s.name(from), s.name(to))
}

// readDir returns the names in directory p, sorted, polling the limits
// and charging the memory as it reads them.
func (s *fileSys) readDir(co *interp.Coroutine, p string) ([]string, error) {
	f, err := s.openFile(p, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	for {
		chunk, err := f.Readdirnames(interp.WorkChunk)
		for _, n := range chunk {
			if err := co.CheckGrowth(len(names), cap(names), 16+len(n)); err != nil {
				return nil, err
			}
			names = append(names, n)
		}
		if err := co.Work(len(chunk)); err != nil {
			return nil, err
		}
		if err == io.EOF || len(chunk) == 0 {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(names)
	return names, nil
}

// errEscape reports an error of os.Root about a path leading out of the
// root.
func errEscape(err error) bool {
	return err != nil && strings.Contains(err.Error(), "escapes from parent")
}

// osReason is the JVM's wording of what err says went wrong (the C
// library's strerror text: "No such file or directory").
func osReason(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "No such file or directory"
	}
	if errors.Is(err, fs.ErrPermission) {
		return "Permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// openError is the exception of a failed opening of the file at p, as
// FileInputStream and FileOutputStream throw it:
// java.io.FileNotFoundException: p (No such file or directory).
func openError(co *interp.Coroutine, p string, err error) error {
	if errEscape(err) {
		return escapeError(co, p)
	}
	return co.Errorf("java.io.FileNotFoundException", "%s (%s)", p, osReason(err))
}

// ioError is the IOException of a failed read or write of p.
func ioError(co *interp.Coroutine, p string, err error) error {
	if errEscape(err) {
		return escapeError(co, p)
	}
	return co.Errorf("java.io.IOException", "%s (%s)", p, osReason(err))
}

func escapeError(co *interp.Coroutine, p string) error {
	return co.Errorf("java.lang.SecurityException", "%s leads out of the file root granted by the host", p)
}

// checkEscape turns an escape from the root into its SecurityException,
// for the operations that report failure with false.
func checkEscape(co *interp.Coroutine, p string, err error) error {
	if errEscape(err) {
		return escapeError(co, p)
	}
	return nil
}
