package interp

import (
	"errors"
	"fmt"
	"strings"
)

// Field slots of every Throwable instance.
const (
	excMessageSlot = 0
	excCauseSlot   = 1
)

// ThrowableClass is the root of the exception classes.
var ThrowableClass *Class

var exceptionClasses []*Class

// exception classes: qualified name and parent's simple name
var exceptionTree = [][2]string{
	{"java.lang.Exception", "Throwable"},
	{"java.lang.Error", "Throwable"},
	{"java.lang.RuntimeException", "Exception"},
	{"java.lang.IllegalStateException", "RuntimeException"},
	{"java.lang.IllegalMonitorStateException", "RuntimeException"},
	{"java.util.concurrent.CancellationException", "IllegalStateException"},
	{"kotlinx.coroutines.JobCancellationException", "CancellationException"},
	{"kotlinx.coroutines.TimeoutCancellationException", "CancellationException"},
	{"kotlinx.coroutines.CompletionHandlerException", "RuntimeException"},
	{"kotlinx.coroutines.channels.ClosedSendChannelException", "IllegalStateException"},
	{"java.lang.IllegalArgumentException", "RuntimeException"},
	{"java.lang.NumberFormatException", "IllegalArgumentException"},
	{"java.util.regex.PatternSyntaxException", "IllegalArgumentException"},
	{"java.lang.ArithmeticException", "RuntimeException"},
	{"java.lang.IndexOutOfBoundsException", "RuntimeException"},
	{"java.lang.ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException"},
	{"java.lang.StringIndexOutOfBoundsException", "IndexOutOfBoundsException"},
	{"java.lang.NullPointerException", "RuntimeException"},
	{"kotlin.KotlinNullPointerException", "NullPointerException"},
	{"java.lang.ClassCastException", "RuntimeException"},
	{"kotlin.TypeCastException", "ClassCastException"},
	{"java.lang.UnsupportedOperationException", "RuntimeException"},
	{"java.util.NoSuchElementException", "RuntimeException"},
	{"kotlinx.coroutines.channels.ClosedReceiveChannelException", "NoSuchElementException"},
	{"java.util.ConcurrentModificationException", "RuntimeException"},
	{"kotlin.UninitializedPropertyAccessException", "RuntimeException"},
	{"java.lang.InstantiationException", "Exception"},
	{"java.io.IOException", "Exception"},
	{"java.io.FileNotFoundException", "IOException"},
	{"java.lang.InterruptedException", "Exception"},
	{"java.util.concurrent.TimeoutException", "Exception"},
	{"java.lang.CloneNotSupportedException", "Exception"},
	{"java.util.IllegalFormatException", "IllegalArgumentException"},
	{"java.util.MissingFormatArgumentException", "IllegalFormatException"},
	{"java.util.UnknownFormatConversionException", "IllegalFormatException"},
	{"java.util.IllegalFormatConversionException", "IllegalFormatException"},
	{"java.lang.AssertionError", "Error"},
	{"kotlin.NotImplementedError", "Error"},
	{"java.lang.VirtualMachineError", "Error"},
	{"java.lang.InternalError", "VirtualMachineError"},
	{"java.lang.StackOverflowError", "VirtualMachineError"},
	{"java.lang.OutOfMemoryError", "VirtualMachineError"},
	{"java.lang.LinkageError", "Error"},
	{"java.lang.NoSuchMethodError", "LinkageError"},
	{"java.lang.NoSuchFieldError", "LinkageError"},
}

func initExceptions() {
	t := &Class{Name: "Throwable", QName: "java.lang.Throwable", Open: true,
		Props: map[string]*Prop{}, Methods: map[string]Value{}, Super: AnyClass}
	t.AddField("message", false)
	t.AddField("cause", false)
	t.SetInit(throwableInit, "message", "cause")
	ThrowableClass = t
	exceptionClasses = []*Class{t}
	byName := map[string]*Class{"Throwable": t}
	for _, e := range exceptionTree {
		q := e[0]
		simple := q[strings.LastIndexByte(q, '.')+1:]
		parent := byName[e[1]]
		c := NewClass(simple, q, parent)
		c.ctor = parent.ctor
		byName[simple] = c
		exceptionClasses = append(exceptionClasses, c)
	}
}

// excData is the Go-side state of a Throwable instance.
type excData struct {
	trace      []TraceEntry
	suppressed []Value
	wrap       *Exception // the one *Exception of this instance (ExceptionOf)
	extra      any        // library data (Exception.SetData)
	// origin is the Data of the coroutine the trace was captured in (the
	// runtime's coroutine object); a TraceAnnotator adds its lines.
	origin any
}

// TraceEntry is one line of a script stack trace: the function Func as
// stack traces name it ("main", "Foo.bar", "main$lambda"), the File it was
// compiled from ("" for a native) and the 1-based Line.
type TraceEntry struct {
	Func string
	File string
	Line int
}

// String formats the entry as the JVM does after "at ": "Func(File:Line)",
// or "Func(Native Method)" without a file.
func (e TraceEntry) String() string {
	if e.File == "" {
		return e.Func + "(Native Method)"
	}
	return fmt.Sprintf("%s(%s:%d)", e.Func, e.File, e.Line)
}

// throwableInit is the constructor of Throwable and its built-in
// subclasses: (), (message), (message, cause) or (cause).
func throwableInit(co *Coroutine, this Value, args []Value) (Value, error) {
	in := this.o.(*Instance)
	if len(args) > 0 && !args[0].is(kAbsent) {
		if args[0].Kind() == KObject {
			if c, ok := args[0].o.(*Instance); ok && c.cls.IsSubclassOf(ThrowableClass) && len(args) == 1 {
				in.Fields[excCauseSlot] = args[0]
				s, err := co.ToString(args[0])
				if err != nil {
					return Null, err
				}
				in.Fields[excMessageSlot] = String(s)
				goto trace
			}
		}
		in.Fields[excMessageSlot] = args[0]
	}
	if len(args) > 1 && !args[1].is(kAbsent) {
		in.Fields[excCauseSlot] = args[1]
	}
trace:
	d := dataOf(in)
	d.trace = co.StackTrace()
	d.origin = co.Data
	return this, nil
}

// dataOf returns the Go-side state of a Throwable instance, creating it
// when the instance has none yet.
func dataOf(in *Instance) *excData {
	d, ok := in.Native.(*excData)
	if !ok {
		d = &excData{}
		in.Native = d
	}
	return d
}

// StackTrace returns the script stack trace of the coroutine, innermost
// call first.
func (co *Coroutine) StackTrace() []TraceEntry {
	var out []TraceEntry
	for i := len(co.frames) - 1; i >= 0; i-- {
		fr := &co.frames[i]
		if fr.fn.isCtor && i == len(co.frames)-1 && fr.fn.owner != nil && fr.fn.owner.IsSubclassOf(ThrowableClass) {
			continue // the exception's own constructor
		}
		pc := int(fr.pc) - 1
		if pc < 0 {
			pc = 0
		}
		out = append(out, TraceEntry{Func: fr.fn.Name, File: fr.fn.File, Line: int(fr.fn.posAt(pc).Line)})
	}
	return out
}

// Exception is a script exception travelling through Go code as an error.
// Value is the Throwable instance (an *Instance whose class is a subclass
// of ThrowableClass); ExceptionOf gives the one *Exception of an instance.
//
// Its methods read (and AddSuppressed and SetData write) that instance,
// which scripts can reach: call them on the script's thread, where
// scripts of the interpreter cannot run at the same time, or once the run
// that threw it has returned and nothing else uses the exception.
type Exception struct {
	Value Value
}

// Error returns the exception's JVM-style description ("class: message").
func (e *Exception) Error() string {
	return describeThrowable(e.Value)
}

// Class returns the exception's class.
func (e *Exception) Class() *Class { return classOf(e.Value) }

// Message returns the exception's message, or "" when it has none.
func (e *Exception) Message() string {
	if in, ok := e.Value.o.(*Instance); ok {
		return in.Fields[excMessageSlot].AsString()
	}
	return ""
}

// Trace returns the stack trace captured when the exception was created.
func (e *Exception) Trace() []TraceEntry {
	if in, ok := e.Value.o.(*Instance); ok {
		if d, ok := in.Native.(*excData); ok {
			return d.trace
		}
	}
	return nil
}

// Cause returns the exception's cause, or nil.
func (e *Exception) Cause() *Exception {
	if in, ok := e.Value.o.(*Instance); ok {
		if c := in.Fields[excCauseSlot]; c.Kind() == KObject {
			return ExceptionOf(c)
		}
	}
	return nil
}

func describeThrowable(v Value) string {
	in, ok := v.o.(*Instance)
	if !ok {
		return typeName(v)
	}
	name := in.cls.QName
	if name == "" {
		name = in.cls.Name
	}
	msg := in.Fields[excMessageSlot]
	if msg.o == nil {
		return name
	}
	return name + ": " + toStringSimple(msg)
}

// NewError returns a script exception (an *Exception) of the built-in
// class named class (simple or qualified name; an unknown name gives
// java.lang.RuntimeException) with message msg ("" for none) and no stack
// trace. Call it where scripts run (it reads the interpreter's class
// table).
func (in *Interp) NewError(class string, msg string) error {
	return in.newErrorCo(nil, class, msg)
}

func (in *Interp) newErrorCo(co *Coroutine, class string, msg string) error {
	c := in.types[class]
	if c == nil || !c.IsSubclassOf(ThrowableClass) {
		c = nil
		if i := strings.LastIndexByte(class, '.'); i >= 0 {
			c = in.types[class[i+1:]]
		}
	}
	if c == nil || !c.IsSubclassOf(ThrowableClass) {
		// not an exception class (interp.Throw("com.acme.String", ...))
		c = in.types["RuntimeException"]
	}
	inst := NewInstance(c)
	if msg != "" {
		inst.Fields[excMessageSlot] = String(msg)
	}
	d := &excData{}
	if co != nil {
		d.trace = co.StackTrace()
		d.origin = co.Data
	}
	inst.Native = d
	d.wrap = &Exception{Value: Obj(inst)}
	return d.wrap
}

// ExceptionOf returns the error that carries the Throwable v through Go
// code. It is the same *Exception every time for the same instance, so
// errors can be compared with ==. It returns nil when v is not a
// Throwable.
func ExceptionOf(v Value) *Exception {
	in, ok := v.o.(*Instance)
	if !ok || !in.cls.IsSubclassOf(ThrowableClass) {
		return nil
	}
	d := dataOf(in)
	if d.wrap == nil {
		d.wrap = &Exception{Value: v}
	}
	return d.wrap
}

// SetData attaches library data to the exception (the job of a
// JobCancellationException, say).
func (e *Exception) SetData(v any) {
	if in, ok := e.Value.o.(*Instance); ok {
		dataOf(in).extra = v
	}
}

// Data returns what SetData attached, or nil.
func (e *Exception) Data() any {
	if in, ok := e.Value.o.(*Instance); ok {
		if d, ok := in.Native.(*excData); ok {
			return d.extra
		}
	}
	return nil
}

// AddSuppressed records other as suppressed by e (Throwable.addSuppressed).
func (e *Exception) AddSuppressed(other *Exception) {
	if in, ok := e.Value.o.(*Instance); ok {
		d := dataOf(in)
		d.suppressed = append(d.suppressed, other.Value)
	}
}

// Suppressed returns the exceptions recorded with AddSuppressed.
func (e *Exception) Suppressed() []Value {
	if in, ok := e.Value.o.(*Instance); ok {
		if d, ok := in.Native.(*excData); ok {
			return append([]Value(nil), d.suppressed...)
		}
	}
	return nil
}

// Throw returns v as an error; v must be a Throwable.
func (co *Coroutine) throwValue(v Value) error {
	if t, ok := v.o.(*nlReturn); ok {
		return t // the rethrow at the end of a finally block
	}
	if e := ExceptionOf(v); e != nil {
		return e
	}
	if v.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "")
	}
	return co.in.NewError("java.lang.ClassCastException", typeName(v)+" cannot be cast to java.lang.Throwable")
}

// toException turns an error returned by a native into a script exception.
// Interruptions stay as they are (they cannot be caught).
func (co *Coroutine) toException(err error) error {
	var exc *Exception
	if errors.As(err, &exc) {
		if in, ok := exc.Value.o.(*Instance); ok {
			if d, ok := in.Native.(*excData); ok && d.trace == nil {
				d.trace = co.StackTrace()
				d.origin = co.Data
			} else if !ok {
				in.Native = &excData{trace: co.StackTrace(), origin: co.Data}
			}
		}
		return exc
	}
	return co.in.ToException(co, err)
}

// nlReturn is a non-local return (from an inline function's lambda) on
// its way through the finally blocks between the lambda and the function
// it returns from: the handlers of try blocks get it as if it were an
// exception (no catch clause matches it), and the rethrow at the end of a
// finally block goes on with the return (see nonLocalReturn). With jump
// set it is a non-local break or continue instead: the target frame goes
// on at jump.pc.
type nlReturn struct {
	target int // the frame to return from (or to jump in)
	v      Value
	jump   *nlJump
}

// nlJump is the destination of a non-local break or continue (from an
// inline function's lambda to a loop of an enclosing function), filled in
// when the loop is compiled to its end.
type nlJump struct {
	pc    int // where the loop's frame goes on
	depth int // its operand depth there
	end   int // the loop's end: handlers of the loop's frame before it belong to tries inside the loop
	// from is where in the loop the lambda is made: the loop's frame,
	// while it runs the lambda, is between from and end (else the lambda
	// outlived the loop)
	from int
}

var nlReturnClass = NewClass("NonLocalReturn", "", nil)

// Class implements Object.
func (*nlReturn) Class() *Class { return nlReturnClass }

// Class implements Object.
func (*nlJump) Class() *Class { return nlReturnClass }

func (*nlReturn) Error() string { return "non-local return" }

// nonLocalReturn returns nl.v from frame nl.target, the frame of the
// function a lambda's non-local return leaves, or for a break or continue
// (nl.jump set) resumes that frame at the loop's destination. When a try
// block with a handler encloses the current instruction of a frame on the
// way (the target's included, for a jump only the tries inside the loop),
// the innermost such handler gets an nlReturn instead, so that its
// finally block runs; its rethrow comes back here. ret reports that the
// frame returned from was run's floor: run returns v.
func (co *Coroutine) nonLocalReturn(nl nlReturn, floor int) (ret bool, _ Value, err error) {
	target, v := nl.target, nl.v
	if j := nl.jump; j != nil && target >= floor && target < len(co.frames) {
		if pc := int(co.frames[target].pc); pc <= j.from || pc > j.end {
			target = -1 // the frame is no longer in the loop
		}
	}
	if target < floor || target >= len(co.frames) {
		what := "return from a lambda that outlived its function"
		if nl.jump != nil {
			what = "break or continue from a lambda that outlived its loop"
		}
		return false, Null, co.in.NewError("java.lang.IllegalStateException", "non-local "+what)
	}
	for i := len(co.frames) - 1; i >= target; i-- {
		fr := &co.frames[i]
		pc := int(fr.pc) - 1
		for _, h := range fr.fn.handlers {
			if pc >= h.start && pc < h.end && (i > target || nl.jump == nil || h.target < nl.jump.end) {
				co.frames = co.frames[:i+1]
				sp := int(fr.base) + fr.fn.nlocals + h.depth
				co.stack[sp] = Obj(&nlReturn{target: target, v: v, jump: nl.jump})
				co.sp = sp + 1
				fr.pc = int32(h.target)
				return false, Null, nil
			}
		}
	}
	tf := &co.frames[target]
	if j := nl.jump; j != nil {
		co.frames = co.frames[:target+1]
		tf.pc = int32(j.pc)
		co.sp = int(tf.base) + tf.fn.nlocals + j.depth
		return false, Null, nil
	}
	dst := int(tf.base) - 1
	isFloor := tf.floor
	co.frames = co.frames[:target]
	co.stack[dst] = v
	co.sp = dst + 1
	return isFloor || len(co.frames) <= floor, v, nil
}

// unwind looks for a handler for err in the frames above floor, innermost
// first, popping the frames that have none. It reports whether a handler
// took the exception; the frame stack is then ready to continue there.
func (co *Coroutine) unwind(err error, floor int) bool {
	exc, ok := err.(*Exception)
	if !ok {
		for len(co.frames) > floor {
			isFloor := co.frames[len(co.frames)-1].floor
			co.frames = co.frames[:len(co.frames)-1]
			if isFloor {
				break
			}
		}
		return false
	}
	for len(co.frames) > floor {
		fr := &co.frames[len(co.frames)-1]
		pc := int(fr.pc) - 1
		for _, h := range fr.fn.handlers {
			if pc >= h.start && pc < h.end {
				sp := int(fr.base) + fr.fn.nlocals + h.depth
				co.stack[sp] = exc.Value
				co.sp = sp + 1
				fr.pc = int32(h.target)
				return true
			}
		}
		isFloor := fr.floor
		co.frames = co.frames[:len(co.frames)-1]
		if isFloor {
			break
		}
	}
	return false
}

func (co *Coroutine) npe(v Value) error {
	if v.o == nil {
		return co.in.NewError("java.lang.NullPointerException", "")
	}
	return co.in.NewError("java.lang.ClassCastException", typeName(v)+" is not an object with fields")
}

func (co *Coroutine) castError(v Value, t *TypeTest) error {
	target := t.Name
	if t.cls != nil && t.cls.QName != "" {
		target = t.cls.QName
	}
	if v.o == nil {
		kt := t.Name
		if t.cls != nil && strings.HasPrefix(t.cls.QName, "java.lang.") {
			kt = "kotlin." + t.cls.Name
		}
		return co.in.NewError("kotlin.TypeCastException", "null cannot be cast to non-null type "+kt)
	}
	return co.in.NewError("java.lang.ClassCastException", castMessage(typeName(v), target))
}

// castMessage is JDK 17's ClassCastException message: the classes and the
// modules they are in (java.* in java.base, everything else, script
// classes and the Kotlin runtime included, in the class path's unnamed
// module).
func castMessage(from, to string) string {
	module := func(name string) string {
		if strings.HasPrefix(name, "java.") {
			return "module java.base of loader 'bootstrap'"
		}
		return "unnamed module of loader 'app'"
	}
	mf, mt := module(from), module(to)
	var where string
	if mf == mt {
		where = from + " and " + to + " are in " + mf
	} else {
		where = from + " is in " + mf + "; " + to + " is in " + mt
	}
	return "class " + from + " cannot be cast to class " + to + " (" + where + ")"
}

// FormatUncaught returns the JVM's report of an uncaught exception:
// `Exception in thread "T" class: message`, the stack trace lines and the
// chain of causes. An err that is not an *Exception is reported with its
// Error text. It describes exceptions with Exception.Error; see
// FormatUncaughtWith for their toString(). It reads the exception (see
// Exception for when that is safe).
func FormatUncaught(thread string, err error) string {
	return FormatUncaughtWith(thread, err, nil)
}

// FormatUncaughtWith is FormatUncaught with describe giving the text of
// each exception of the report (the exception and its causes and
// suppressed ones): its toString(), as the JVM prints it — a script
// class's override, kotlinx's JobCancellationException with its job. A
// nil describe uses Exception.Error.
func FormatUncaughtWith(thread string, err error, describe func(*Exception) string) string {
	var b strings.Builder
	var exc *Exception
	if !errors.As(err, &exc) {
		fmt.Fprintf(&b, "Exception in thread %q %s\n", thread, err.Error())
		return b.String()
	}
	if describe == nil {
		describe = (*Exception).Error
	}
	fmt.Fprintf(&b, "Exception in thread %q %s\n", thread, describe(exc))
	writeTrace(&b, exc, describe)
	return b.String()
}

// maxTraceLines caps the stack trace lines printed per exception, as the
// JVM's MaxJavaStackTraceDepth does.
const maxTraceLines = 1024

// TraceAnnotator is implemented by the host data of a coroutine
// (Coroutine.Data) that can tell where the coroutine came from, like the
// coroutine runtime's coroutines. The report of an exception created in
// such a coroutine (FormatUncaught, PrintStackTrace) shows the lines
// TraceAnnotation returns after the exception's script frames, each
// indented like a frame. The method is called on the goroutine that
// prints the report.
type TraceAnnotator interface {
	TraceAnnotation() []string
}

// Origin returns the Data of the coroutine the exception's stack trace
// was captured in (the coroutine runtime's coroutine object), or nil for
// an exception created outside any coroutine or by Go code.
func (e *Exception) Origin() any {
	if in, ok := e.Value.o.(*Instance); ok {
		if d, ok := in.Native.(*excData); ok {
			return d.origin
		}
	}
	return nil
}

// writeFrames writes the script frames of exc and the annotation of the
// coroutine it was created in, each line after indent.
func writeFrames(b *strings.Builder, exc *Exception, indent string) {
	for i, t := range exc.Trace() {
		if i == maxTraceLines {
			break
		}
		fmt.Fprintf(b, "%sat %s\n", indent, t)
	}
	if a, ok := exc.Origin().(TraceAnnotator); ok {
		for _, l := range a.TraceAnnotation() {
			b.WriteString(indent)
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
}

func writeTrace(b *strings.Builder, exc *Exception, describe func(*Exception) string) {
	writeFrames(b, exc, "\t")
	for _, s := range exc.Suppressed() {
		if se := ExceptionOf(s); se != nil && se != exc {
			fmt.Fprintf(b, "\tSuppressed: %s\n", describe(se))
			writeFrames(b, se, "\t\t")
		}
	}
	seen := map[any]bool{exc.Value.o: true}
	for c := exc.Cause(); c != nil && !seen[c.Value.o]; c = c.Cause() {
		seen[c.Value.o] = true
		fmt.Fprintf(b, "Caused by: %s\n", describe(c))
		writeFrames(b, c, "\t")
	}
}

// PrintStackTrace returns what Throwable.printStackTrace() prints,
// describing exceptions with Exception.Error.
func PrintStackTrace(exc *Exception) string {
	return PrintStackTraceWith(exc, nil)
}

// PrintStackTraceWith is PrintStackTrace with describe giving each
// exception's toString() (see FormatUncaughtWith); nil uses
// Exception.Error.
func PrintStackTraceWith(exc *Exception, describe func(*Exception) string) string {
	if describe == nil {
		describe = (*Exception).Error
	}
	var b strings.Builder
	b.WriteString(describe(exc))
	b.WriteByte('\n')
	writeTrace(&b, exc, describe)
	return b.String()
}

// CallSite is a position in script code: a function and an instruction
// in it. Capturing one is cheap (the line is looked up by Entry), so the
// coroutine runtime records one for every coroutine it creates.
type CallSite struct {
	fn *Function
	pc int32
}

// CallSite returns the position the innermost script frame of co is at:
// while a native runs, the call of that native (a launch, say). It is
// the zero CallSite when no script frame is active.
func (co *Coroutine) CallSite() CallSite {
	if len(co.frames) == 0 {
		return CallSite{}
	}
	fr := &co.frames[len(co.frames)-1]
	pc := fr.pc - 1
	if pc < 0 {
		pc = 0
	}
	return CallSite{fn: fr.fn, pc: int32(pc)}
}

// Entry returns the call site as a stack trace entry (function, file and
// line); ok is false for the zero CallSite.
func (s CallSite) Entry() (e TraceEntry, ok bool) {
	if s.fn == nil {
		return TraceEntry{}, false
	}
	return TraceEntry{Func: s.fn.Name, File: s.fn.File, Line: int(s.fn.posAt(int(s.pc)).Line)}, true
}
