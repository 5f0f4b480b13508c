package sched

import (
	"strings"
	"sync"
	"sync/atomic"
)

// JobState is the public state of a Job, as kotlinx documents it.
type JobState int

// Job states. isActive/isCompleted/isCancelled per state:
//
//	New        false false false
//	Active     true  false false
//	Completing true  false false
//	Cancelling false false true
//	Cancelled  false true  true
//	Completed  false true  false
const (
	StateNew        JobState = iota // lazy, not started
	StateActive                     // running
	StateCompleting                 // body finished, waiting for children
	StateCancelling                 // cancelled or failed, waiting for the body and children to finish
	StateCancelled                  // final, with a cause (cancelled or failed)
	StateCompleted                  // final, normally
)

// String returns the name kotlinx prints inside Job.toString ("Active").
func (s JobState) String() string {
	return [...]string{"New", "Active", "Completing", "Cancelling", "Cancelled", "Completed"}[s]
}

// JobConfig describes a job made by Runtime.NewCoroutine: which kotlinx
// class it stands for and how it treats exceptions.
type JobConfig struct {
	// Name is the class's simple name as toString prints it:
	// "StandaloneCoroutine", "LazyStandaloneCoroutine", "DeferredCoroutine",
	// "LazyDeferredCoroutine", "BlockingCoroutine", "ScopeCoroutine",
	// "DispatchedCoroutine", "UndispatchedCoroutine", "TimeoutCoroutine",
	// "SupervisorCoroutine", ...
	Name string
	// Parent is the parent job (the Job of the parent context), or nil.
	// The parent is started if it is New, and the new job is attached.
	Parent *Job
	// Lazy creates the job New (CoroutineStart.LAZY); Start or Join
	// starts it and calls OnStart.
	Lazy bool
	// Supervisor makes the job ignore its children's failures
	// (SupervisorJobImpl, supervisorScope's SupervisorCoroutine).
	Supervisor bool
	// Scoped marks coroutineScope/withContext/withTimeout/supervisorScope
	// (and runBlocking) coroutines: their failure is not handed to the
	// parent, because the caller rethrows it.
	Scoped bool
	// NoBody marks jobs without a body (JobImpl, CompletableDeferred):
	// cancelling one completes it as soon as its children are done.
	NoBody bool
	// HandleException is called once with the final exception when the
	// parent did not take it (the root of a failed launch): it should
	// report it to the context's CoroutineExceptionHandler, else to the
	// thread's uncaught exception handler, and return true. Leave it nil
	// for coroutines whose result carries the exception (async,
	// runBlocking, scoped coroutines). It receives the job, so that one
	// function can serve every job (see Job.Data).
	HandleException func(j *Job, err error) bool
	// OnStart is called (outside any lock) when a lazy job is started.
	OnStart func()
	// OnCancelling is called once, first, when the job starts cancelling
	// or failing (never on normal completion); the language layer uses it (or InvokeOnCancelling) to
	// resume the coroutine's suspended call with CancellationException().
	OnCancelling func(cause error)
	// Label is the debug-mode name ("coroutine#1", "test#2"): when set,
	// String prints `"coroutine#1":BlockingCoroutine{Active}@hash`.
	Label string
	// Data is free for the host: the language layer keeps the script
	// value of the job there (see Job.Data).
	Data any
}

type jstate uint8

const (
	jNew jstate = iota
	jActive
	jFinishing // completing and/or cancelling
	jFinal
)

type nodeKind uint8

const (
	nodeCompletion nodeKind = iota
	nodeCancelling
	nodeChild
)

type node struct {
	kind    nodeKind
	invoked bool
	removed bool
	fn      func(cause error)
	child   *Job
	h       Handle // the handle addNode returns (one allocation with the node)
}

// Job is kotlinx.coroutines' Job (JobSupport): a state machine with a
// parent/child tree, cancellation and completion handlers, and a result
// slot for Deferred. All methods are safe from any goroutine; handlers
// run outside the job's lock, on the goroutine that caused the state
// change.
//
// Rules (as in kotlinx): a job completes only after all its children have
// completed; cancelling a job cancels its children; a child's failure
// (an error that is not a cancellation) cancels the parent and so its
// siblings, unless the parent is a supervisor; a cancellation does not
// cancel the parent; the first failure becomes the final cause and later
// failures are attached to it as suppressed; the final failure is handed
// to the parent, and at the root (or under a supervisor) to
// JobConfig.HandleException.
type Job struct {
	rt  *Runtime
	id  int64
	cfg JobConfig

	handlesExc bool // JobImpl: some ancestor handles exceptions

	mu         sync.Mutex
	st         jstate
	pub        atomic.Int32 // stateLocked(), published after each change for lock-free reads
	completing bool         // Finishing: body done (or NoBody completion requested)
	sealed     bool         // final cause being computed; no more exceptions
	rootCause  error
	more       *jobErrors // the body's exception and later ones, made on demand
	finalCause error
	result     any // the body's result; kept when the job completes normally
	nodes      []*node
	nchild     int32 // children attached and not removed
	nremoved   int32 // removed nodes still in nodes (compacted lazily)
	waitIdx    int   // tryFinish: the children before this index in nodes are removed
	pnode      *node // this job's node in its parent
}

// jobErrors holds the exceptions of a job beyond its root cause: few
// jobs have any.
type jobErrors struct {
	propErr    error   // the body's exception
	exceptions []error // after rootCause, in arrival order
	suppressed []error // attached to the final cause
}

// NewJob returns a Job() (kotlinx JobImpl): active, without a body; it
// completes with Complete/CompleteExceptionally or when cancelled, once
// its children are done.
func (rt *Runtime) NewJob(parent *Job) *Job {
	return rt.NewCoroutine(JobConfig{Name: "JobImpl", Parent: parent, NoBody: true})
}

// NewSupervisorJob returns a SupervisorJob(): like NewJob, but the
// failure of a child cancels neither the job nor the other children.
func (rt *Runtime) NewSupervisorJob(parent *Job) *Job {
	return rt.NewCoroutine(JobConfig{Name: "SupervisorJobImpl", Parent: parent, NoBody: true, Supervisor: true})
}

// NewCompletableDeferred returns a CompletableDeferred (a job without a
// body whose result is set with Complete).
func (rt *Runtime) NewCompletableDeferred(parent *Job) *Job {
	return rt.NewCoroutine(JobConfig{Name: "CompletableDeferredImpl", Parent: parent, NoBody: true})
}

// NewCoroutine returns the job of a coroutine (or any job) described by
// cfg, attached to cfg.Parent. It is Active, or New when cfg.Lazy.
func (rt *Runtime) NewCoroutine(cfg JobConfig) *Job {
	if cfg.Name == "" {
		cfg.Name = "StandaloneCoroutine"
	}
	j := &Job{rt: rt, id: rt.jobSeq.Add(1), cfg: cfg, st: jActive}
	if cfg.Lazy {
		j.st = jNew
	}
	j.publish()
	j.handlesExc = true
	if cfg.NoBody && cfg.Name != "CompletableDeferredImpl" {
		// JobImpl.handlesException: true when some ancestor handles them
		j.handlesExc = false
		for p := cfg.Parent; p != nil; p = p.cfg.Parent {
			if p.handlesExc {
				j.handlesExc = true
				break
			}
		}
	}
	if p := cfg.Parent; p != nil {
		p.Start()
		p.attachChild(j)
	}
	return j
}

// Key returns JobKey: a Job is a context element.
func (j *Job) Key() Key { return JobKey }

// Data returns JobConfig.Data.
func (j *Job) Data() any { return j.cfg.Data }

// ID returns the job's id (unique in the runtime, in creation order).
func (j *Job) ID() int64 { return j.id }

// Name returns the class name given at creation ("StandaloneCoroutine").
func (j *Job) Name() string { return j.cfg.Name }

// Label returns the debug label ("coroutine#1"), possibly empty.
func (j *Job) Label() string { return j.cfg.Label }

// Parent returns the parent job, or nil.
func (j *Job) Parent() *Job { return j.cfg.Parent }

// Runtime returns the runtime the job belongs to.
func (j *Job) Runtime() *Runtime { return j.rt }

// IsSupervisor reports whether the job ignores its children's failures.
func (j *Job) IsSupervisor() bool { return j.cfg.Supervisor }

// State returns the job's public state.
func (j *Job) State() JobState {
	return JobState(j.pub.Load())
}

// publish makes stateLocked() visible to State; called with j.mu held
// after every change of the state.
func (j *Job) publish() {
	j.pub.Store(int32(j.stateLocked()))
}

func (j *Job) stateLocked() JobState {
	switch j.st {
	case jNew:
		return StateNew
	case jActive:
		return StateActive
	case jFinishing:
		if j.rootCause != nil {
			return StateCancelling
		}
		if j.completing {
			return StateCompleting
		}
		return StateActive
	}
	if j.finalCause != nil {
		return StateCancelled
	}
	return StateCompleted
}

// IsActive is kotlinx's isActive: Active or Completing.
func (j *Job) IsActive() bool {
	s := j.State()
	return s == StateActive || s == StateCompleting
}

// IsCompleted is kotlinx's isCompleted: Cancelled or Completed.
func (j *Job) IsCompleted() bool {
	s := j.State()
	return s == StateCancelled || s == StateCompleted
}

// IsCancelled is kotlinx's isCancelled: Cancelling or Cancelled.
func (j *Job) IsCancelled() bool {
	s := j.State()
	return s == StateCancelling || s == StateCancelled
}

// String prints the job as kotlinx's JobSupport.toString:
// `BlockingCoroutine{Active}@1b6d3586`, with the debug label first when
// there is one: `"coroutine#1":BlockingCoroutine{Active}@1b6d3586`.
func (j *Job) String() string {
	var b strings.Builder
	if j.cfg.Label != "" {
		b.WriteString(`"` + j.cfg.Label + `":`)
	}
	b.WriteString(j.cfg.Name)
	b.WriteString("{" + j.State().String() + "}@")
	b.WriteString(j.rt.opts.Hash(j.id))
	return b.String()
}

// Start starts a New job (calling OnStart) and reports whether it did.
func (j *Job) Start() bool {
	j.mu.Lock()
	if j.st != jNew {
		j.mu.Unlock()
		return false
	}
	j.st = jActive
	j.publish()
	j.mu.Unlock()
	if j.cfg.OnStart != nil {
		j.cfg.OnStart()
	}
	return true
}

// Children returns the children that have not completed, in attach order.
func (j *Job) Children() []*Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*Job
	for _, n := range j.nodes {
		if n.kind == nodeChild && !n.removed {
			out = append(out, n.child)
		}
	}
	return out
}

// Handle unregisters a handler (kotlinx's DisposableHandle).
type Handle struct {
	j *Job
	n *node
}

// Dispose removes the handler if it has not run yet. Safe on a nil Handle.
func (h *Handle) Dispose() {
	if h == nil || h.n == nil {
		return
	}
	h.j.mu.Lock()
	h.j.removeLocked(h.n)
	h.j.mu.Unlock()
}

// removeLocked marks n removed; the list is compacted once half of it is
// removed, so that removals cost O(1) amortised.
func (j *Job) removeLocked(n *node) {
	if n.removed {
		return
	}
	n.removed = true
	j.nremoved++
	if j.nremoved > 8 && int(j.nremoved) > len(j.nodes)/2 {
		j.compactLocked()
	}
}

func (j *Job) compactLocked() {
	j.nremoved = 0
	j.waitIdx = 0
	k := 0
	for _, n := range j.nodes {
		if !n.removed {
			j.nodes[k] = n
			k++
		}
	}
	for i := k; i < len(j.nodes); i++ {
		j.nodes[i] = nil
	}
	j.nodes = j.nodes[:k]
}

// InvokeOnCompletion registers fn to run once when the job completes,
// with the final cause (nil when completed normally). When the job is
// already complete, fn runs at once on the calling goroutine.
func (j *Job) InvokeOnCompletion(fn func(cause error)) *Handle {
	return j.addNode(&node{kind: nodeCompletion, fn: fn}, true)
}

// InvokeOnCancelling registers fn to run once when the job starts
// cancelling or failing (with the root cause), or else when it completes
// (kotlinx's invokeOnCompletion(onCancelling = true)). When the job is
// already cancelling or complete, fn runs at once.
func (j *Job) InvokeOnCancelling(fn func(cause error)) *Handle {
	return j.addNode(&node{kind: nodeCancelling, fn: fn}, true)
}

func (j *Job) addNode(n *node, immediate bool) *Handle {
	j.mu.Lock()
	switch {
	case j.st == jFinal:
		cause := j.finalCause
		j.mu.Unlock()
		if immediate {
			n.fn(cause)
		}
		return nil
	case n.kind == nodeCancelling && j.st == jFinishing && j.rootCause != nil:
		cause := j.rootCause
		j.mu.Unlock()
		if immediate {
			n.fn(cause)
		}
		return nil
	}
	n.h = Handle{j, n}
	j.nodes = append(j.nodes, n)
	j.mu.Unlock()
	return &n.h
}

// Join starts the job if it is New and calls fn once it is complete (at
// once when it already is). The language layer's join suspends the
// caller and resumes it from fn; dispose the handle when the joining
// coroutine is cancelled first.
func (j *Job) Join(fn func()) *Handle {
	j.Start()
	return j.InvokeOnCompletion(func(error) { fn() })
}

// Await is Join for Deferred: fn receives the result or the final cause.
func (j *Job) Await(fn func(v any, err error)) *Handle {
	j.Start()
	return j.InvokeOnCompletion(func(error) { fn(j.Result()) })
}

// Result returns the completed job's value and final cause (nil, nil
// while it is not complete).
func (j *Job) Result() (any, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.st != jFinal {
		return nil, nil
	}
	return j.result, j.finalCause
}

// Cause returns the final cause of a completed job, or the root cause of
// a cancelling one (kotlinx's completionCause; nil otherwise).
func (j *Job) Cause() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.st == jFinal {
		return j.finalCause
	}
	return j.rootCause
}

// Suppressed returns the exceptions attached to the final cause as
// suppressed (later failures of the job and its children).
func (j *Job) Suppressed() []error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.more == nil {
		return nil
	}
	return append([]error(nil), j.more.suppressed...)
}

// CancellationException is kotlinx's getCancellationException (1.0.1
// wording): the root cause of a cancelling job, or the final cause of a
// cancelled one, when it is a cancellation; otherwise a
// JobCancellationException "Job is cancelling" / "Job was cancelled" with
// that cause, or "Job has completed normally" for a completed job. ok is
// false while the job is New or Active ("Job is still new or active").
func (j *Job) CancellationException() (err error, ok bool) {
	j.mu.Lock()
	st, root, final := j.st, j.rootCause, j.finalCause
	j.mu.Unlock()
	switch {
	case st == jFinishing && root != nil:
		return j.toCancellation(root, "Job is cancelling"), true
	case st == jFinal && final != nil:
		return j.toCancellation(final, "Job was cancelled"), true
	case st == jFinal:
		return j.rt.NewCancellation("Job has completed normally", nil, j), true
	}
	return nil, false
}

func (j *Job) toCancellation(err error, msg string) error {
	if j.rt.IsCancellation(err) {
		return err
	}
	return j.rt.NewCancellation(msg, err, j)
}

// childCancellationCause is the cause a parent gives the children it
// cancels (kotlinx 1.0.1's getChildJobCancellationCause): its root cause
// when that is a cancellation, or when the parent is a Job() or
// SupervisorJob() (they do not handle exceptions); otherwise a
// JobCancellationException "Parent job is Cancelling" (or "Cancelled",
// "Completed") whose cause is the root cause.
func (j *Job) childCancellationCause() error {
	j.mu.Lock()
	st, root := j.st, j.rootCause
	if st == jFinal {
		root = j.finalCause
	}
	j.mu.Unlock()
	handles := !j.cfg.NoBody || (j.cfg.Name != "JobImpl" && j.cfg.Name != "SupervisorJobImpl")
	if root != nil && (!handles || j.rt.IsCancellation(root)) {
		return root
	}
	state := "Cancelling"
	switch {
	case st == jFinal && root != nil:
		state = "Cancelled"
	case st == jFinal:
		state = "Completed"
	}
	return j.rt.NewCancellation("Parent job is "+state, root, j)
}

// Cancel cancels the job with cause; nil gives kotlinx's default
// JobCancellationException "Job was cancelled". Children are cancelled
// too. A non-cancellation cause makes the job fail (kotlinx 1.0.1 allows
// any Throwable). It reports whether the job was not complete yet.
func (j *Job) Cancel(cause error) bool {
	if cause == nil {
		cause = j.rt.NewCancellation("Job was cancelled", nil, j)
	}
	return j.cancelImpl(cause)
}

// Fail is Cancel for an internal failure of the coroutine (kotlinx's
// cancelCoroutine), e.g. an exception of its body before it returns.
func (j *Job) Fail(err error) bool { return j.cancelImpl(err) }

func (j *Job) cancelImpl(cause error) bool {
	if j.cfg.NoBody {
		if j.makeCompleting(nil, cause, false) {
			return true
		}
	}
	return j.makeCancelling(cause)
}

func (j *Job) parentCancelled(parent *Job) {
	j.cancelImpl(parent.childCancellationCause())
}

// childCancelled is called by a child that is cancelling or failing; it
// reports whether the parent takes responsibility for the exception.
func (j *Job) childCancelled(cause error) bool {
	if j.rt.IsCancellation(cause) {
		return true
	}
	if j.cfg.Supervisor {
		return false
	}
	return j.cancelImpl(cause) && j.handlesExc
}

func (j *Job) addExceptionLocked(err error) {
	if j.rootCause == nil {
		j.rootCause = err
		j.publish()
		return
	}
	if err == j.rootCause {
		return
	}
	more := j.errs()
	for _, e := range more.exceptions {
		if e == err {
			return
		}
	}
	more.exceptions = append(more.exceptions, err)
}

// errs returns the job's side struct of exceptions, making it; called
// with j.mu held.
func (j *Job) errs() *jobErrors {
	if j.more == nil {
		j.more = &jobErrors{}
	}
	return j.more
}

// propErrLocked returns the body's exception.
func (j *Job) propErrLocked() error {
	if j.more == nil {
		return nil
	}
	return j.more.propErr
}

// exceptionsLocked returns the exceptions after the root cause.
func (j *Job) exceptionsLocked() []error {
	if j.more == nil {
		return nil
	}
	return j.more.exceptions
}

// makeCancelling moves the job to Cancelling (or records one more
// exception). It reports false when it is too late (complete or sealed).
func (j *Job) makeCancelling(cause error) bool {
	j.mu.Lock()
	switch j.st {
	case jFinal:
		j.mu.Unlock()
		return false
	case jFinishing:
		if j.sealed {
			j.mu.Unlock()
			return false
		}
		was := j.rootCause != nil
		j.addExceptionLocked(cause)
		root := j.rootCause
		j.mu.Unlock()
		if !was {
			j.notifyCancelling(root)
		}
		return true
	case jActive:
		j.st = jFinishing
		j.rootCause = cause
		j.publish()
		j.mu.Unlock()
		j.notifyCancelling(cause)
		return true
	default: // New: never started; completes at once (after children)
		j.st = jFinishing
		j.completing = true
		j.rootCause = cause
		j.publish()
		j.mu.Unlock()
		j.notifyCancelling(cause)
		j.tryFinish()
		return true
	}
}

// notifyCancelling runs the cancelling hooks: the job's own, its
// cancelling handlers and children (in registration order), then tells
// the parent.
func (j *Job) notifyCancelling(cause error) {
	if j.cfg.OnCancelling != nil {
		j.cfg.OnCancelling(cause)
	}
	j.mu.Lock()
	var todo []*node
	for _, n := range j.nodes {
		if (n.kind == nodeCancelling || n.kind == nodeChild) && !n.invoked && !n.removed {
			todo = append(todo, n)
			if n.kind == nodeCancelling {
				n.invoked = true
			}
		}
	}
	j.mu.Unlock()
	for _, n := range todo {
		if n.kind == nodeChild {
			n.child.parentCancelled(j)
		} else {
			n.fn(cause)
		}
	}
	j.cancelParent(cause)
}

// cancelParent hands cause to the parent; it reports whether someone
// (the parent, or a scoped coroutine's caller) is responsible for it.
func (j *Job) cancelParent(cause error) bool {
	if j.cfg.Scoped {
		return true
	}
	isCancel := j.rt.IsCancellation(cause)
	p := j.cfg.Parent
	if p == nil {
		return isCancel
	}
	return p.childCancelled(cause) || isCancel
}

// Complete is called when the coroutine's body has finished, with its
// value or its exception (kotlinx's makeCompletingOnce); for a job
// without a body (NewJob, CompletableDeferred) it is complete()/
// completeExceptionally(). The job then waits for its children. It
// reports false when the job was already completing or complete.
func (j *Job) Complete(v any, err error) bool {
	return j.makeCompleting(v, err, true)
}

// makeCompleting implements Complete; fromBody is false for the
// cancel-completes-at-once path of jobs without a body.
func (j *Job) makeCompleting(v any, err error, fromBody bool) bool {
	j.mu.Lock()
	if j.st == jFinal || (j.st == jFinishing && j.completing) {
		j.mu.Unlock()
		return false
	}
	j.result = v
	if err != nil {
		j.errs().propErr = err
	}
	if err == nil && j.st == jActive && !j.hasChildLocked() {
		// fast path: nothing to wait for
		j.sealed = true
		j.mu.Unlock()
		j.finalize()
		return true
	}
	j.st = jFinishing
	j.completing = true
	was := j.rootCause != nil
	if err != nil {
		j.addExceptionLocked(err)
	}
	j.publish()
	root := j.rootCause
	j.mu.Unlock()
	if !was && root != nil {
		j.notifyCancelling(root)
	}
	j.tryFinish()
	return true
}

func (j *Job) hasChildLocked() bool { return j.nchild > 0 }

// tryFinish finalizes a completing job once it has no child left. While
// it has, it waits for them one at a time, as kotlinx's tryWaitForChild:
// a completion handler on the first child still attached calls tryFinish
// again. That handler takes its place among the child's own handlers, so
// a handler registered on the child before the parent started waiting
// for it runs before the parent completes.
func (j *Job) tryFinish() {
	for {
		j.mu.Lock()
		if j.st == jFinal || j.sealed || !j.completing {
			j.mu.Unlock()
			return
		}
		var c *Job
		for ; j.waitIdx < len(j.nodes); j.waitIdx++ {
			if n := j.nodes[j.waitIdx]; n.kind == nodeChild && !n.removed {
				c = n.child
				break
			}
		}
		if c == nil {
			j.sealed = true
			j.mu.Unlock()
			j.finalize()
			return
		}
		j.mu.Unlock()
		if c.addNode(&node{kind: nodeCompletion, fn: func(error) { j.tryFinish() }}, false) != nil {
			return
		}
		j.removeChild(c) // c completed meanwhile: go on with the next one
	}
}

// finalize computes the final cause of a sealed job, hands a failure on,
// and completes the job.
func (j *Job) finalize() {
	j.mu.Lock()
	var excs []error
	if j.rootCause != nil {
		excs = append(excs, j.rootCause)
	}
	excs = append(excs, j.exceptionsLocked()...)
	if pe := j.propErrLocked(); pe != nil && pe != j.rootCause {
		dup := false
		for _, e := range j.exceptionsLocked() {
			dup = dup || e == pe
		}
		if !dup {
			excs = append(excs, pe)
		}
	}
	j.mu.Unlock()

	var final error
	for _, e := range excs {
		if !j.rt.IsCancellation(e) {
			final = e
			break
		}
	}
	if final == nil && len(excs) > 0 {
		final = excs[0]
	}
	var supp []error
	if final != nil {
		for _, e := range excs {
			if e == final || j.rt.IsCancellation(e) {
				continue
			}
			dup := false
			for _, s := range supp {
				dup = dup || s == e
			}
			if !dup {
				supp = append(supp, e)
				if j.rt.opts.AddSuppressed != nil {
					j.rt.opts.AddSuppressed(final, e)
				}
			}
		}
		if !j.cancelParent(final) && j.cfg.HandleException != nil {
			j.cfg.HandleException(j, final)
		}
	}

	j.mu.Lock()
	j.st = jFinal
	j.finalCause = final
	j.publish()
	if supp != nil {
		j.errs().suppressed = supp
	}
	if final != nil {
		j.result = nil
	}
	var todo []*node
	for _, n := range j.nodes {
		if !n.removed && !n.invoked {
			n.invoked = true
			todo = append(todo, n)
		}
	}
	j.nodes = nil
	j.mu.Unlock()

	if p := j.cfg.Parent; p != nil {
		p.removeChild(j)
	}
	for _, n := range todo {
		if n.kind == nodeChild {
			n.child.parentCancelled(j)
		} else {
			n.fn(final)
		}
	}
}

// removeChild is called by a child once it is complete, before its
// completion handlers run (kotlinx's parentHandle.dispose()); a
// completing parent goes on from the handler tryFinish put on the child.
func (j *Job) removeChild(c *Job) {
	j.mu.Lock()
	n := c.pnode
	if n != nil && !n.removed {
		j.removeLocked(n)
		j.nchild--
	}
	j.mu.Unlock()
}

// attachChild adds c as a child. A child of a cancelling job is
// cancelled at once; a job that is complete (or cancelling and
// completing) no longer admits children: c is cancelled and not waited.
func (j *Job) attachChild(c *Job) {
	j.mu.Lock()
	switch {
	case j.st == jFinal || j.sealed || (j.st == jFinishing && j.rootCause != nil && j.completing):
		j.mu.Unlock()
		c.parentCancelled(j)
		return
	case j.st == jFinishing && j.rootCause != nil:
		n := &node{kind: nodeChild, child: c, invoked: true}
		c.pnode = n
		j.nodes = append(j.nodes, n)
		j.nchild++
		j.mu.Unlock()
		c.parentCancelled(j)
		return
	}
	n := &node{kind: nodeChild, child: c}
	c.pnode = n
	j.nodes = append(j.nodes, n)
	j.nchild++
	j.mu.Unlock()
}
