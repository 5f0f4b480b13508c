package interp

import (
	"bufio"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ktcoro/ktcoro/lang"
)

// Options configure an interpreter. The zero value is usable: output goes
// to os.Stdout/os.Stderr, input comes from os.Stdin. Stdout receives what
// scripts print (buffered: see Interp.Flush), Stderr their error output,
// and Stdin is what readLine reads.
type Options struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// MaxDepth is the call depth at which StackOverflowError is thrown
	// (default 16384; see also SetRunLimits).
	MaxDepth int
	// MaxSteps stops scripts with an uncatchable error once the
	// coroutines of the interpreter have executed that many steps in
	// all (calls, backward jumps and the work of natives, see Steps;
	// 0: no limit). Used by fuzzing; a host counting per run uses Steps
	// in a tick hook.
	MaxSteps int64
	// MaxAlloc bounds the bytes one script allocation (an array, a
	// string) may take; past it the script gets OutOfMemoryError
	// (default 1 GiB).
	MaxAlloc int
	// MaxMemory bounds, in bytes, the memory scripts may hold (0: no
	// limit): natives charge what they are about to allocate
	// (Coroutine.CheckAlloc) and the growth of the Go heap since
	// ResetMemory is measured at every tick and whenever the charges
	// pass the budget. Exceeding it stops the script with an
	// uncatchable error (see OnMemoryLimit). The Go heap is the
	// process's: what other goroutines allocate meanwhile counts too.
	MaxMemory int64
	// OnMemoryLimit, when set, is called (on the script's goroutine)
	// when MaxMemory is exceeded, with the coroutine that was running
	// (its Position says where, when it ran script code) and the bytes
	// the script would hold; the error it returns is thrown in the
	// script (an *Interrupted stops it). By default the script stops
	// with an *Interrupted.
	OnMemoryLimit func(co *Coroutine, used int64) error
	// Args are the script's command-line arguments (`args` in main).
	Args []string
	// Debug turns on debug mode (coroutine names in thread names).
	Debug bool
	// VirtualTime runs the coroutine runtime on a virtual clock: delays
	// take no real time, and the program's interleaving stays the same.
	VirtualTime bool
	// Files, when set, grants scripts java.io.File under a root
	// directory (see FileAccess); without it file operations throw
	// java.lang.SecurityException.
	Files *FileAccess
	// Env is the environment System.getenv shows scripts; nil shows an
	// empty one. Pass a copy of os.Environ for the real one.
	Env map[string]string
	// Exit, when set, grants exitProcess and System.exit: it is called
	// with the status (output already flushed) and its error is thrown
	// in the script, an *Interrupted to stop it at once. Without it
	// they throw java.lang.SecurityException.
	Exit func(code int) error
}

// Interp is an interpreter instance: built-in definitions, the classes
// known by name, the programs compiled so far and their global variables,
// and the output streams. Definitions (Define, DefineType, ...) must be
// made before scripts run.
//
// An Interp does not serialise the work done on it. Interrupt,
// ClearInterrupt, IsInterrupted, WriteOut, Flush, LockOutput, SetData,
// Data and Options are safe from any goroutine; every other method must
// be called by one goroutine at a time and not while script code of the
// interpreter runs elsewhere (a native may call them, as it runs on the
// script's thread). In particular Run, Compile and the coroutines of one
// interpreter must not run concurrently unless a lock orders them: with
// kotlinx.coroutines installed, that is the GIL of package
// stdlib/coroutines (see coroutines.Call and coroutines.Locked); package
// ktcoro does all of this for a host.
type Interp struct {
	views     views // remembered UTF-16 views of long strings (see View)
	opts      Options
	argsArray Value // scriptArgs, made on first use
	maxDepth  int

	outMu sync.Mutex
	out   *bufio.Writer
	errw  io.Writer
	stdin *bufio.Reader

	builtins map[string]Value
	// library holds the names of the library's own source files (see
	// CompileLibrary).
	library map[string]bool
	types   map[string]*Class
	aliases map[string]*lang.TypeAliasDecl // typealias declarations by name
	exts    map[string][]*extension
	// reified maps a function name to the type parameters of its
	// declaration when one is reified (see reified.go).
	reified map[string][]*lang.TypeParam
	imports map[string]bool // importable packages and names

	mod         *module
	extEpoch    atomic.Uint32 // changes when extensions are added (invalidates inline caches)
	memberMiss  sync.Map      // memberKey -> extEpoch: hasMember found nothing
	extSets     sync.Map      // extSetKey -> *extSetEntry: overloaded extensions applicable to a class
	globalDecls map[string]*global
	interrupted atomic.Bool
	topSuspend  bool       // compiling a session input: top-level code may suspend (CompileInput)
	topReport   *lang.Call // the report call CompileInput added, or nil

	// preCompile runs before a file is compiled (the library loads the
	// prelude declarations the file can reach); not re-entered.
	preCompile   func(f *lang.File) error
	inPreCompile bool

	// RunHook, when set, drives the coroutines Run starts (the coroutine
	// runtime sets it to run them on an event loop). It must run co to
	// completion and return its failure.
	RunHook func(co *Coroutine) error

	// SuspendMainHook, when set, runs a program's `suspend fun main`
	// (fn, called with args) as a coroutine to completion and returns its
	// failure; the coroutine runtime sets it.
	SuspendMainHook func(fn Value, args []Value) error

	// tickHook runs every budgetChunk calls and back jumps (see
	// SetTickHook).
	tickHook func(co *Coroutine) error
	// yieldHook: see SetYieldHook
	yieldHook func(co *Coroutine) bool
	// steps counts the steps every coroutine executed (see Steps).
	steps atomic.Int64
	// mem is the MaxMemory accounting.
	mem memBudget
	// data holds the libraries' per-interpreter state (SetData).
	dataMu sync.Mutex
	data   map[any]any
	// embed is the state of the embedding hooks (export.go).
	embed embedState
}

// SetTickHook installs fn to be called on the running coroutine's
// goroutine every TickSteps calls and backward jumps of any script code:
// the coroutine runtime uses it to let other threads run. An error it
// returns is thrown in the script (an *Interrupted stops it). It replaces
// the hook installed before (see TickHook to chain them). Not safe once
// scripts run.
func (in *Interp) SetTickHook(fn func(co *Coroutine) error) { in.tickHook = fn }

// SetYieldHook installs fn, which a coroutine asks at the back jump of a
// loop when its step budget runs out (after the tick hook): when fn has
// suspended the coroutine (Coroutine.Suspend) and arranged for it to be
// resumed, it returns true, and the coroutine stops there, to go on with
// the loop's next iteration when resumed (the value of that Resume is
// ignored). A REPL uses it so that a coroutine spinning on the thread
// that runs the inputs lets the next input run. Nil (the default): loops
// never yield. Set it before running scripts.
func (in *Interp) SetYieldHook(fn func(co *Coroutine) bool) { in.yieldHook = fn }

// SetData stores a library's per-interpreter state under key (compare
// keys with ==; use an unexported type to avoid clashes). Safe from any
// goroutine.
func (in *Interp) SetData(key, v any) {
	in.dataMu.Lock()
	defer in.dataMu.Unlock()
	if in.data == nil {
		in.data = map[any]any{}
	}
	in.data[key] = v
}

// Data returns what SetData stored under key, or nil. Safe from any
// goroutine.
func (in *Interp) Data(key any) any {
	in.dataMu.Lock()
	defer in.dataMu.Unlock()
	return in.data[key]
}

// extension is an extension function or property registered by a script
// or the prelude.
type extension struct {
	recv   *TypeTest
	fn     Value // function, or getter for a property
	setter Value
	prop   bool
}

// New returns an interpreter with the core classes, with the defaults of
// Options filled in. Call stdlib.Install and coroutines.Install (or
// define your own built-ins) before compiling scripts. Safe from any goroutine: interpreters are
// independent.
func New(opts Options) *Interp {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	opts.MaxDepth, opts.MaxAlloc = withDefaults(opts.MaxDepth, opts.MaxAlloc)
	in := &Interp{
		opts:     opts,
		maxDepth: opts.MaxDepth,
		out:      bufio.NewWriterSize(opts.Stdout, 32<<10),
		errw:     opts.Stderr,
		builtins: map[string]Value{},
		types:    map[string]*Class{},
		exts:     map[string][]*extension{},
		imports:  map[string]bool{},
		mod:      &module{},
	}
	in.mod.owner = in
	for _, c := range coreClasses() {
		in.DefineType(c)
	}
	in.DefineType(EnumClass)
	in.DefineType(KPropertyClass)
	installCore(in)
	for _, p := range []string{"kotlin", "kotlin.collections", "kotlin.text", "kotlin.ranges",
		"kotlin.sequences", "kotlin.io", "kotlin.comparisons", "java.lang"} {
		in.imports[p] = true
	}
	return in
}

// SetPreCompile installs a function called with every parsed file before
// it is compiled, except files compiled by the function itself. The
// standard library uses it to load on demand the parts of its prelude a
// file refers to. Not safe once scripts run.
func (in *Interp) SetPreCompile(fn func(f *lang.File) error) { in.preCompile = fn }

// Options returns the options the interpreter was created with, defaults
// filled in. Safe from any goroutine.
func (in *Interp) Options() Options { return in.opts }

// Define makes v visible to scripts under name, as a built-in: programs
// compiled afterwards see it, and a declaration of a script with the same
// name hides it. A later Define of the same name replaces it. Not safe
// once scripts run.
func (in *Interp) Define(name string, v Value) { in.builtins[name] = v }

// DefineFunc defines a native function and returns it (to set Params or
// Suspend). Not safe once scripts run.
func (in *Interp) DefineFunc(name string, fn NativeFunc) *Native {
	n := &Native{Name: name, Fn: fn}
	in.builtins[name] = Obj(n)
	return n
}

// DefineGetter defines a built-in property computed at each read (for
// example `coroutineContext`, which depends on the running coroutine).
// Not safe once scripts run.
func (in *Interp) DefineGetter(name string, fn NativeFunc) *Native {
	n := &Native{Name: name, Fn: fn, Getter: true}
	in.builtins[name] = Obj(n)
	return n
}

// DefineType makes class c known by its simple and qualified names for
// `is`, `as`, `catch` and extension receivers, and callable as a
// constructor when it has one. Not safe once scripts run.
func (in *Interp) DefineType(c *Class) {
	in.types[c.Name] = c
	if c.QName != "" {
		in.types[c.QName] = c
	}
	if _, ok := in.builtins[c.Name]; !ok {
		in.builtins[c.Name] = Obj(c)
	}
}

// DefineImport makes `import path` and `import path.*` valid. Not safe
// once scripts run.
func (in *Interp) DefineImport(path string) { in.imports[path] = true }

// Type returns the class known by name (simple or qualified, as given to
// DefineType), or nil. The caller must not race with compiling.
func (in *Interp) Type(name string) *Class { return in.types[name] }

// Lookup returns the built-in or global value called name: a constant
// top-level declaration (a function, a class), the current value of a
// global slot, else a built-in; ok is false when there is none (see also
// LookupGlobal). The caller must not race with running scripts.
func (in *Interp) Lookup(name string) (Value, bool) {
	if g, ok := in.globalDecls[name]; ok && g.isConst {
		return g.value, true
	}
	for i, n := range in.mod.names {
		if n == name {
			return in.mod.globals[i], true
		}
	}
	v, ok := in.builtins[name]
	return v, ok
}

// Interrupt asks every running coroutine of the interpreter to stop with an
// uncatchable error at its next call or backward jump. Safe from any
// goroutine.
func (in *Interp) Interrupt() { in.interrupted.Store(true) }

// Stdout returns the buffered script output (Options.Stdout behind a
// buffer). Writers must hold the lock given by LockOutput, or use
// WriteOut.
func (in *Interp) Stdout() *bufio.Writer { return in.out }

// LockOutput locks the output buffer and returns the unlock function; the
// caller may then write to Stdout. Safe from any goroutine; the lock is
// not reentrant (do not call WriteOut or Flush while holding it).
func (in *Interp) LockOutput() func() {
	in.outMu.Lock()
	return in.outMu.Unlock
}

// WriteOut writes s to the script's standard output. Safe from any
// goroutine.
func (in *Interp) WriteOut(s string) {
	in.outMu.Lock()
	in.out.WriteString(s)
	in.outMu.Unlock()
}

// Flush writes buffered output to Options.Stdout and returns the
// writer's error. Safe from any goroutine.
func (in *Interp) Flush() error {
	in.outMu.Lock()
	defer in.outMu.Unlock()
	return in.out.Flush()
}

// Stderr returns the error stream, Options.Stderr (unbuffered: writers
// from several goroutines must synchronise themselves).
func (in *Interp) Stderr() io.Writer { return in.errw }

// Stdin returns the buffered standard input, Options.Stdin behind a
// buffer created on first use. Call it where scripts run (it is not
// synchronised).
func (in *Interp) Stdin() *bufio.Reader {
	if in.stdin == nil {
		in.stdin = bufio.NewReader(in.opts.Stdin)
	}
	return in.stdin
}

// tick runs every budgetChunk calls and back jumps (and at the first
// step of a coroutine): it charges the steps executed since the last
// tick, checks the host interrupt flag, the step limit and the memory
// budget.
func (co *Coroutine) tick() error {
	used := int64(co.quota) - int64(co.budget)
	co.budget, co.quota = budgetChunk, budgetChunk
	steps := co.in.steps.Add(used)
	if co.in.interrupted.Load() {
		return &Interrupted{Reason: "interrupted"}
	}
	if m := co.in.opts.MaxSteps; m > 0 && steps > m {
		return &Interrupted{Reason: "step limit exceeded"}
	}
	if co.in.opts.MaxMemory > 0 && steps >= co.in.mem.nextPoll.Load() {
		// every budgetChunk steps of all coroutines, not at the first
		// step of each: reading the heap costs a microsecond
		co.in.mem.nextPoll.Store(steps + budgetChunk)
		if err := co.pollMemory(); err != nil {
			return err
		}
	}
	if h := co.in.tickHook; h != nil {
		return h(co)
	}
	return nil
}

// Interrupted is the uncatchable error that stops a script when the host
// interrupts it or its step budget runs out. Reason says why ("interrupted",
// "step limit exceeded", or a host's text); catch blocks do not see it and
// finally blocks do not run.
type Interrupted struct{ Reason string }

// Error returns "script " followed by the reason.
func (e *Interrupted) Error() string { return "script " + e.Reason }

// classOf returns the runtime class of v.
func classOf(v Value) *Class {
	switch v.Kind() {
	case KNull:
		return nullClass
	case KUnit:
		return unitClass
	case KBool:
		return boolClass
	case KInt:
		return intClass
	case KLong:
		return longClass
	case KDouble:
		return doubleClass
	case KFloat:
		return floatClass
	case KChar:
		return charClass
	case KString:
		return stringClass
	case KObject:
		return v.o.(Object).Class()
	case KByte:
		return ByteClass
	case KShort:
		return ShortClass
	case KUByte:
		return UByteClass
	case KUShort:
		return UShortClass
	case KUInt:
		return UIntClass
	case KULong:
		return ULongClass
	}
	return anyClass
}

// ClassOf returns the runtime class of v.
func ClassOf(v Value) *Class { return classOf(v) }

type memberKind int

const (
	memberNone memberKind = iota
	memberMethod
	memberProp
)

// findMember resolves name on recv: a member method, then a member
// property, then an extension.
func (in *Interp) findMember(recv Value, name string) (Value, memberKind) {
	c := classOf(recv)
	if m, ok := c.LookupMethod(name); ok {
		return m, memberMethod
	}
	if p := c.LookupProp(name); p != nil {
		return Null, memberProp
	}
	if fn, ok := in.extCallee(name, recv); ok {
		return fn, memberMethod
	}
	if e := in.findExt(name, recv, true); e != nil {
		return Null, memberProp
	}
	return Null, memberNone
}

// memberKey identifies a member lookup for the miss cache.
type memberKey struct {
	cls  *Class
	name string
	call bool
}

// hasMember reports whether recv has a method (call) or property named name.
// Misses are cached per class and name (implicit receivers are asked for
// every unqualified call inside a lambda), until extensions change.
func (in *Interp) hasMember(recv Value, name string, call bool) bool {
	c := classOf(recv)
	k := memberKey{c, name, call}
	epoch := in.extEpoch.Load()
	if e, ok := in.memberMiss.Load(k); ok && e.(uint32) == epoch {
		return false
	}
	if in.hasMemberSlow(recv, c, name, call) {
		return true
	}
	in.memberMiss.Store(k, epoch)
	return false
}

func (in *Interp) hasMemberSlow(recv Value, c *Class, name string, call bool) bool {
	if c.ScopeMembers != nil && !c.ScopeMembers[name] {
		return call && in.findExt(name, recv, false) != nil || in.findExt(name, recv, true) != nil
	}
	if call {
		if _, ok := c.LookupMethod(name); ok {
			return true
		}
		if in.findExt(name, recv, false) != nil {
			return true
		}
	}
	if c.LookupProp(name) != nil {
		return true
	}
	return in.findExt(name, recv, true) != nil
}

// findExt returns the most specific extension called name applicable to
// recv. Between two of the same receiver type, a script's own (a
// closure) hides a built-in one (`operator fun Int.times(v: Vec)` beside
// the library's Int.times(Duration)); otherwise the first defined wins.
func (in *Interp) findExt(name string, recv Value, prop bool) *extension {
	var best *extension
	for _, e := range in.exts[name] {
		if e.prop != prop || !e.recv.Test(recv) {
			continue
		}
		if best == nil || e.recv.moreSpecific(best.recv) {
			best = e
			continue
		}
		if !best.recv.moreSpecific(e.recv) && isNativeFn(best.fn) && !isNativeFn(e.fn) {
			best = e
		}
	}
	return best
}

func isNativeFn(v Value) bool {
	_, ok := v.o.(*Native)
	return ok
}

// DefineExtension registers an extension function (or, with prop set, an
// extension property getter) called name on receivers passing recv: fn is
// called with the receiver as `this`. Among the extensions of one name
// that apply, the one with the most specific receiver type wins; members
// win over extensions. Not safe once scripts run.
func (in *Interp) DefineExtension(name string, recv *TypeTest, fn Value, prop bool) {
	in.exts[name] = append(in.exts[name], &extension{recv: recv, fn: fn, prop: prop})
	in.extEpoch.Add(1)
}

// GetProp reads property name of recv (a member property, an extension
// property, a static member of a class value), calling a getter
// synchronously when there is one (see CallSync). It throws
// NullPointerException for a null receiver and NoSuchFieldError for an
// unknown name. Call it on the goroutine running co.
func (co *Coroutine) GetProp(recv Value, name string) (Value, error) {
	c := classOf(recv)
	if p := c.LookupProp(name); p != nil {
		return co.readProp(recv, p)
	}
	if e := co.in.findExt(name, recv, true); e != nil {
		return co.CallMethodSync(e.fn, recv)
	}
	if cls, ok := recv.o.(*Class); ok {
		if v, ok := cls.StaticProps[name]; ok {
			return v, nil
		}
		if v, ok := co.staticMember(cls, name); ok {
			return v, nil
		}
		if cls.companion != nil {
			inst, err := co.objectInstance(cls.companion)
			if err != nil {
				return Null, err
			}
			return co.GetProp(inst, name)
		}
	}
	if in, ok := recv.o.(*Instance); ok {
		// a nested object or class reached through an object: Config.Defaults
		if v, ok := co.staticMember(in.cls, name); ok {
			return v, nil
		}
	}
	if recv.o == nil {
		return Null, co.in.NewError("java.lang.NullPointerException", "")
	}
	if m, ok := c.LookupMethod(name); ok && (name == "size" || name == "length") {
		return co.CallMethodSync(m, recv)
	}
	return Null, co.in.NewError("java.lang.NoSuchFieldError", "Unresolved reference: "+name+" (on "+typeName(recv)+")")
}

// staticMember resolves Class.name for enum entries and nested classes.
func (co *Coroutine) staticMember(cls *Class, name string) (Value, bool) {
	if cls.Enum {
		for _, e := range cls.EnumValues {
			if e.o.(*Instance).Fields[enumNameSlot].AsString() == name {
				return e, true
			}
		}
		if name == "entries" {
			return Obj(NewList(append([]Value(nil), cls.EnumValues...))), true
		}
	}
	if n, ok := cls.Nested[name]; ok {
		if n.IsObject {
			if v, err := co.objectInstance(n); err == nil {
				return v, true
			}
		}
		return Obj(n), true
	}
	return Null, false
}

func (co *Coroutine) readProp(recv Value, p *Prop) (Value, error) {
	if p.Getter.o == nil {
		if in, ok := recv.o.(*Instance); ok && p.Slot >= 0 && p.Slot < len(in.Fields) {
			return in.Fields[p.Slot], nil
		}
		return Null, co.in.NewError("java.lang.IllegalStateException", "property "+p.Name+" has no value")
	}
	return co.CallMethodSync(p.Getter, recv)
}

// SetProp assigns property name of recv, calling a setter synchronously
// when there is one (see CallSync). It throws IllegalStateException for a
// property without a backing field or setter, NullPointerException for a
// null receiver and NoSuchFieldError for an unknown name. Call it on the
// goroutine running co.
func (co *Coroutine) SetProp(recv Value, name string, v Value) error {
	c := classOf(recv)
	if p := c.LookupProp(name); p != nil {
		if p.Setter.o != nil {
			_, err := co.CallMethodSync(p.Setter, recv, v)
			return err
		}
		if in, ok := recv.o.(*Instance); ok && p.Slot >= 0 {
			in.Fields[p.Slot] = v
			return nil
		}
		return co.in.NewError("java.lang.IllegalStateException", "Val cannot be reassigned: "+name)
	}
	for _, e := range co.in.exts[name] {
		if e.prop && e.setter.o != nil && e.recv.Test(recv) {
			_, err := co.CallMethodSync(e.setter, recv, v)
			return err
		}
	}
	if recv.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "")
	}
	return co.in.NewError("java.lang.NoSuchFieldError", "Unresolved reference: "+name)
}

// CallMethod calls method name on recv synchronously (see CallSync): a
// member method, an extension function, or a property holding a function.
// It throws NullPointerException for a null receiver and NoSuchMethodError
// for an unknown name. Call it on the goroutine running co.
func (co *Coroutine) CallMethod(recv Value, name string, args ...Value) (Value, error) {
	m, kind := co.in.findMember(recv, name)
	switch kind {
	case memberMethod:
		return co.CallMethodSync(m, recv, args...)
	case memberProp:
		f, err := co.GetProp(recv, name)
		if err != nil {
			return Null, err
		}
		return co.CallSync(f, args...)
	}
	if recv.o == nil {
		return Null, co.in.NewError("java.lang.NullPointerException", "")
	}
	return Null, co.in.NewError("java.lang.NoSuchMethodError", "Unresolved reference: "+name+" (on "+typeName(recv)+")")
}
