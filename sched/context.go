package sched

import "strings"

// Key identifies the kind of a context element. Keys are compared with ==,
// so a key must be a comparable value; the predefined keys are JobKey,
// DispatcherKey, NameKey and ExceptionHandlerKey. Hosts define their own
// (for example a pointer to a package-level struct, or a small named type).
type Key any

// The keys of the predefined elements.
var (
	// JobKey is the key of *Job (kotlinx: Job).
	JobKey Key = keyName("Job")
	// DispatcherKey is the key of dispatchers (kotlinx: ContinuationInterceptor).
	DispatcherKey Key = keyName("ContinuationInterceptor")
	// NameKey is the key of CoroutineName.
	NameKey Key = keyName("CoroutineName")
	// ExceptionHandlerKey is the key of ExceptionHandler (kotlinx: CoroutineExceptionHandler).
	ExceptionHandlerKey Key = keyName("CoroutineExceptionHandler")
)

type keyName string

// Element is one entry of a Context. Every element is also a Context of
// one element (see Of). Key identifies the element's kind: a context holds
// at most one element per key. String is how kotlinx prints the element
// inside a context, e.g. "CoroutineName(x)". Elements are shared between
// contexts and goroutines, so they should be immutable.
type Element interface {
	Key() Key
	String() string
}

// Context is an immutable, ordered set of elements, at most one per key
// (kotlinx's CoroutineContext). The zero value is not valid; use
// EmptyContext, Of or Plus. A Context is a value that may be shared
// freely between goroutines.
//
// Order follows kotlin.coroutines.CombinedContext: elements are kept in
// the order they were added; adding an element whose key is already
// present removes the old one and appends the new one at the end; and the
// dispatcher (DispatcherKey) is always moved last. Fold and String visit
// elements in that order.
type Context struct {
	elems []Element // never modified after construction
}

// EmptyContext is the context without elements (kotlinx's EmptyCoroutineContext).
var EmptyContext = Context{}

// Of returns a context holding the given elements, added left to right
// as by Plus. Nil elements are skipped.
func Of(elems ...Element) Context {
	c := EmptyContext
	for _, e := range elems {
		if e != nil {
			c = c.With(e)
		}
	}
	return c
}

// Same reports whether c and o are the same context value (made by the
// same call, or copies of one): a cheap test that implies Equal.
func (c Context) Same(o Context) bool {
	return len(c.elems) == len(o.elems) && (len(c.elems) == 0 || &c.elems[0] == &o.elems[0])
}

// Len returns the number of elements.
func (c Context) Len() int { return len(c.elems) }

// IsEmpty reports whether the context has no elements.
func (c Context) IsEmpty() bool { return len(c.elems) == 0 }

// Elements returns a copy of the elements in fold order.
func (c Context) Elements() []Element {
	return append([]Element(nil), c.elems...)
}

// At returns the i-th element (0 <= i < Len()), in the order Elements
// lists them, without copying the list.
func (c Context) At(i int) Element { return c.elems[i] }

// Get returns the element with the given key, or nil.
func (c Context) Get(k Key) Element {
	for _, e := range c.elems {
		if e.Key() == k {
			return e
		}
	}
	return nil
}

// Job returns the context's job, or nil.
func (c Context) Job() *Job {
	j, _ := c.Get(JobKey).(*Job)
	return j
}

// Dispatcher returns the context's dispatcher, or nil.
func (c Context) Dispatcher() Dispatcher {
	// the dispatcher, when there is one, is the last element (see With)
	if n := len(c.elems); n > 0 {
		if e := c.elems[n-1]; e.Key() == DispatcherKey {
			return DispatcherOf(e)
		}
	}
	return nil
}

// Name returns the context's CoroutineName and whether there is one.
func (c Context) Name() (string, bool) {
	if n, ok := c.Get(NameKey).(CoroutineName); ok {
		return string(n), true
	}
	return "", false
}

// ExceptionHandler returns the context's exception handler, or nil.
func (c Context) ExceptionHandler() *ExceptionHandler {
	h, _ := c.Get(ExceptionHandlerKey).(*ExceptionHandler)
	return h
}

// MinusKey returns the context without the element of key k (the same
// context when there is none).
func (c Context) MinusKey(k Key) Context {
	for i, e := range c.elems {
		if e.Key() == k {
			out := make([]Element, 0, len(c.elems)-1)
			out = append(out, c.elems[:i]...)
			out = append(out, c.elems[i+1:]...)
			return Context{out}
		}
	}
	return c
}

// With returns c plus one element (see Plus).
func (c Context) With(e Element) Context {
	if e == nil {
		return c
	}
	k := e.Key()
	out := make([]Element, 0, len(c.elems)+1)
	var disp Element
	for _, x := range c.elems {
		switch xk := x.Key(); {
		case xk == k:
			// replaced: the new element goes to the end
		case xk == DispatcherKey:
			disp = x
		default:
			out = append(out, x)
		}
	}
	out = append(out, e)
	if disp != nil && k != DispatcherKey {
		out = append(out, disp)
	}
	return Context{out}
}

// Plus returns the union of c and o; for a key present in both, o's
// element wins (kotlinx: context + other).
func (c Context) Plus(o Context) Context {
	if len(o.elems) == 0 {
		return c
	}
	if len(c.elems) == 0 {
		return o
	}
	r := c
	for _, e := range o.elems {
		r = r.With(e)
	}
	return r
}

// Fold folds the elements left to right (kotlinx: fold).
func (c Context) Fold(initial any, op func(acc any, e Element) any) any {
	acc := initial
	for _, e := range c.elems {
		acc = op(acc, e)
	}
	return acc
}

// Equal reports whether both contexts hold the same elements (compared
// with ==, in any order), as kotlinx's CombinedContext.equals does.
func (c Context) Equal(o Context) bool {
	if len(c.elems) != len(o.elems) {
		return false
	}
	for _, e := range c.elems {
		if o.Get(e.Key()) != e {
			return false
		}
	}
	return true
}

// String prints the context as kotlinx does: "EmptyCoroutineContext", a
// single element by itself ("CoroutineName(x)"), otherwise
// "[CoroutineName(x), Dispatchers.Default]".
func (c Context) String() string {
	switch len(c.elems) {
	case 0:
		return "EmptyCoroutineContext"
	case 1:
		return c.elems[0].String()
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range c.elems {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.String())
	}
	b.WriteByte(']')
	return b.String()
}

// CoroutineName is the CoroutineName element; String gives
// "CoroutineName(name)".
type CoroutineName string

// Key returns NameKey.
func (CoroutineName) Key() Key { return NameKey }

// String returns "CoroutineName(name)".
func (n CoroutineName) String() string { return "CoroutineName(" + string(n) + ")" }

// ExceptionHandler is the CoroutineExceptionHandler element. sched never
// calls it: Value is an opaque host value (the script's handler lambda),
// and Text is what String returns (kotlinx prints the handler object, e.g.
// "MainKt$main$1$invokeSuspend$$inlined$CoroutineExceptionHandler$1@6d06d69c";
// the host decides). Compare handlers by pointer.
type ExceptionHandler struct {
	Value any
	Text  string
}

// Key returns ExceptionHandlerKey.
func (*ExceptionHandler) Key() Key { return ExceptionHandlerKey }

// String returns h.Text, or "CoroutineExceptionHandler" when it is empty.
func (h *ExceptionHandler) String() string {
	if h.Text == "" {
		return "CoroutineExceptionHandler"
	}
	return h.Text
}

// Start is the CoroutineStart option of coroutine builders. It is not a
// context element in kotlinx (it is a parameter of launch/async); sched
// only uses it to decide whether a coroutine job is created New (Lazy).
type Start int

// CoroutineStart values.
const (
	StartDefault Start = iota
	StartLazy
	StartAtomic
	StartUndispatched
)

// String returns the kotlinx enum name.
func (s Start) String() string {
	switch s {
	case StartLazy:
		return "LAZY"
	case StartAtomic:
		return "ATOMIC"
	case StartUndispatched:
		return "UNDISPATCHED"
	}
	return "DEFAULT"
}
