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
// class it stands for and how it treats exceptions. (A language layer
// that makes many jobs shares a JobClass among them instead, see
// Runtime.InitJob.)
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
	// or failing (never on normal completion). (A language layer resumes
	// a suspended call with CancellationException through Job.Park and
	// JobClass.CancelParked instead, which keep kotlinx's order.)
	OnCancelling func(cause error)
	// Label is the debug-mode name ("coroutine#1", "test#2"): when set,
	// String prints `"coroutine#1":BlockingCoroutine{Active}@hash`.
	Label string
	// Data is free for the host: the language layer keeps the script
	// value of the job there (see Job.Data).
	Data any
}

// JobClass describes a kind of job, shared by all jobs of the kind: the
// kotlinx class it stands for, how it treats exceptions, and the hooks
// through which the language layer learns about its jobs. A JobClass
// must not change once a job uses it.
type JobClass struct {
	// Name is the class's simple name (see JobConfig.Name).
	Name string
	// Supervisor, Scoped and NoBody are as in JobConfig.
	Supervisor bool
	Scoped     bool
	NoBody     bool
	// HandleException is as in JobConfig.
	HandleException func(j *Job, err error) bool
	// OnStart is called (outside any lock) when a lazy job is started.
	OnStart func(j *Job)
	// OnCancelling is called once, first, when the job starts cancelling
	// or failing (never on normal completion).
	OnCancelling func(j *Job, cause error)
	// CancelParked is called when the job starts cancelling while its
	// body is parked (see Job.Park), once per Park, in the order of the
	// cancelling handlers and children registered before the Park; the
	// language layer resumes the suspended body with
	// CancellationException from it.
	CancelParked func(j *Job, cause error)
}

type jstate uint8

const (
	jNew jstate = iota
	jActive
	jFinishing // completing and/or cancelling
	jFinal
)

type jflags uint8

const (
	fHandlesExc jflags = 1 << iota // JobImpl: some ancestor handles exceptions
	fCompleting                    // Finishing: body done (or NoBody completion requested)
	fSealed                        // final cause being computed; no more exceptions
	fCancelling                    // it has a root cause (cancelling or failed)
	fParked                        // see Park
)

type nodeKind uint8

const (
	nodeCompletion nodeKind = iota
	nodeCancelling
	nodeChild
)

// node is an entry of a job's list: a handler, or a child (the child's
// own cnode).
type node struct {
	kind    nodeKind
	invoked bool
	removed bool
	fn      func(cause error)
	child   *Job
}

// hnode is a handler's node with the Handle that removes it (one
// allocation).
type hnode struct {
	node
	h Handle
}

// Job is kotlinx.coroutines' Job (JobSupport): a state machine with a
// parent/child tree, cancellation and completion handlers, and a result
// slot for Deferred. All methods are safe from any goroutine; handlers
// run outside the job's lock, on the goroutine that caused the state
// change. A Job is made by Runtime.NewCoroutine (or NewJob, ...), or
// embedded in a host struct and set up with Runtime.InitJob.
//
// Rules (as in kotlinx): a job completes only after all its children have
// completed; cancelling a job cancels its children; a child's failure
// (an error that is not a cancellation) cancels the parent and so its
// siblings, unless the parent is a supervisor; a cancellation does not
// cancel the parent; the first failure becomes the final cause and later
// failures are attached to it as suppressed; the final failure is handed
// to the parent, and at the root (or under a supervisor) to
// JobClass.HandleException.
type Job struct {
	rt     *Runtime
	cls    *JobClass
	parent *Job
	data   any
	id     int64

	mu    sync.Mutex
	pub   atomic.Int32 // stateLocked(), published after each change for lock-free reads
	st    jstate
	flags jflags
	x     *jobExtra // the list and the exceptions, made on demand
	cnode node      // this job's entry in its parent's list
}

// jobExtra holds what few jobs need: handlers and children, exceptions
// and a debug label.
type jobExtra struct {
	nodes      []*node
	nchild     int32 // children attached and not removed
	nremoved   int32 // removed nodes still in nodes (compacted lazily)
	waitIdx    int   // tryFinish: the children before this index in nodes are removed
	rootCause  error
	finalCause error
	propErr    error   // the body's exception
	exceptions []error // after rootCause, in arrival order
	suppressed []error // attached to the final cause
	label      string
	parkAt     int // Park: the length of nodes when the body parked
	result     any // the body's result; kept when the job completes normally
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
// cfg, attached to cfg.Parent. It is Active, or New when cfg.Lazy. (It
// makes a JobClass for the job; InitJob shares one among many.)
func (rt *Runtime) NewCoroutine(cfg JobConfig) *Job {
	if cfg.Name == "" {
		cfg.Name = "StandaloneCoroutine"
	}
	cls := &JobClass{Name: cfg.Name, Supervisor: cfg.Supervisor, Scoped: cfg.Scoped, NoBody: cfg.NoBody,
		HandleException: cfg.HandleException}
	if f := cfg.OnStart; f != nil {
		cls.OnStart = func(*Job) { f() }
	}
	if f := cfg.OnCancelling; f != nil {
		cls.OnCancelling = func(_ *Job, cause error) { f(cause) }
	}
	j := &Job{}
	if cfg.Label != "" {
		j.x = &jobExtra{label: cfg.Label}
	}
	rt.InitJob(j, cls, cfg.Parent, cfg.Lazy, cfg.Data)
	return j
}

// InitJob sets up j, a zero Job (typically embedded in the host's own
// coroutine struct), as a job of class cls attached to parent (which is
// started if it is New), Active or, when lazy, New. data is what
// j.Data returns.
func (rt *Runtime) InitJob(j *Job, cls *JobClass, parent *Job, lazy bool, data any) {
	j.rt, j.cls, j.parent, j.data = rt, cls, parent, data
	j.id = rt.jobSeq.Add(1)
	j.st = jActive
	if lazy {
		j.st = jNew
	}
	j.publish()
	j.flags |= fHandlesExc
	if cls.NoBody && cls.Name != "CompletableDeferredImpl" {
		// JobImpl.handlesException: true when some ancestor handles them
		j.flags &^= fHandlesExc
		for p := parent; p != nil; p = p.parent {
			p.mu.Lock() // other bits of flags change under mu
			h := p.flags&fHandlesExc != 0
			p.mu.Unlock()
			if h {
				j.flags |= fHandlesExc
				break
			}
		}
	}
	if parent != nil {
		parent.Start()
		parent.attachChild(j)
	}
}

// Key returns JobKey: a Job is a context element.
func (j *Job) Key() Key { return JobKey }

// Data returns JobConfig.Data (InitJob's data).
func (j *Job) Data() any { return j.data }

// ID returns the job's id (unique in the runtime, in creation order).
func (j *Job) ID() int64 { return j.id }

// Name returns the class name given at creation ("StandaloneCoroutine").
func (j *Job) Name() string { return j.cls.Name }

// Label returns the debug label ("coroutine#1"), possibly empty.
func (j *Job) Label() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.x == nil {
		return ""
	}
	return j.x.label
}

// SetLabel sets the debug label (JobConfig.Label).
func (j *Job) SetLabel(l string) {
	j.mu.Lock()
	j.ext().label = l
	j.mu.Unlock()
}

// ext returns the job's side struct, making it; called with j.mu held
// (or before the job is shared).
func (j *Job) ext() *jobExtra {
	if j.x == nil {
		j.x = &jobExtra{}
	}
	return j.x
}

// rootCauseLocked returns the root cause of a cancelling or failed job.
func (j *Job) rootCauseLocked() error {
	if j.x == nil {
		return nil
	}
	return j.x.rootCause
}

// finalCauseLocked returns the final cause of a complete job.
func (j *Job) finalCauseLocked() error {
	if j.x == nil {
		return nil
	}
	return j.x.finalCause
}

// Parent returns the parent job, or nil.
func (j *Job) Parent() *Job { return j.parent }

// Runtime returns the runtime the job belongs to.
func (j *Job) Runtime() *Runtime { return j.rt }

// IsSupervisor reports whether the job ignores its children's failures.
func (j *Job) IsSupervisor() bool { return j.cls.Supervisor }

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
		if j.flags&fCancelling != 0 {
			return StateCancelling
		}
		if j.flags&fCompleting != 0 {
			return StateCompleting
		}
		return StateActive
	}
	if j.finalCauseLocked() != nil {
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
	if l := j.Label(); l != "" {
		b.WriteString(`"` + l + `":`)
	}
	b.WriteString(j.cls.Name)
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
	if f := j.cls.OnStart; f != nil {
		f(j)
	}
	return true
}

// Children returns the children that have not completed, in attach order.
func (j *Job) Children() []*Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*Job
	for _, n := range j.nodesLocked() {
		if n.kind == nodeChild && !n.removed {
			out = append(out, n.child)
		}
	}
	return out
}

func (j *Job) nodesLocked() []*node {
	if j.x == nil {
		return nil
	}
	return j.x.nodes
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
	x := j.x
	x.nremoved++
	if x.nremoved > 8 && int(x.nremoved) > len(x.nodes)/2 {
		j.compactLocked()
	}
}

func (j *Job) compactLocked() {
	x := j.x
	x.nremoved = 0
	x.waitIdx = 0
	k, park := 0, x.parkAt
	for i, n := range x.nodes {
		if !n.removed {
			x.nodes[k] = n
			k++
		} else if i < x.parkAt {
			park--
		}
	}
	x.parkAt = park
	clear(x.nodes[k:])
	x.nodes = x.nodes[:k]
}

// InvokeOnCompletion registers fn to run once when the job completes,
// with the final cause (nil when completed normally). When the job is
// already complete, fn runs at once on the calling goroutine.
func (j *Job) InvokeOnCompletion(fn func(cause error)) *Handle {
	return j.addNode(&hnode{node: node{kind: nodeCompletion, fn: fn}}, true)
}

// InvokeOnCancelling registers fn to run once when the job starts
// cancelling or failing (with the root cause), or else when it completes
// (kotlinx's invokeOnCompletion(onCancelling = true)). When the job is
// already cancelling or complete, fn runs at once.
func (j *Job) InvokeOnCancelling(fn func(cause error)) *Handle {
	return j.addNode(&hnode{node: node{kind: nodeCancelling, fn: fn}}, true)
}

func (j *Job) addNode(n *hnode, immediate bool) *Handle {
	j.mu.Lock()
	switch {
	case j.st == jFinal:
		cause := j.finalCauseLocked()
		j.mu.Unlock()
		if immediate {
			n.fn(cause)
		}
		return nil
	case n.kind == nodeCancelling && j.st == jFinishing && j.flags&fCancelling != 0:
		cause := j.rootCauseLocked()
		j.mu.Unlock()
		if immediate {
			n.fn(cause)
		}
		return nil
	}
	n.h = Handle{j, &n.node}
	x := j.ext()
	x.nodes = append(x.nodes, &n.node)
	j.mu.Unlock()
	return &n.h
}

// Park tells the job that its body is suspended in a cancellable wait.
// If the job starts cancelling before the body parks again,
// JobClass.CancelParked is called once, in the order of the cancelling
// handlers and children registered before Park (as kotlinx notifies a
// suspended continuation registered then). Park reports false, and
// parks nothing, when the job is already cancelling or complete. A hook
// that arrives after the body was resumed by something else must be
// ignored by the language layer (or treated as a cancellation of the
// job's current wait, which is just as cancelled).
func (j *Job) Park() bool {
	j.mu.Lock()
	if j.st == jFinal || j.flags&fCancelling != 0 {
		j.mu.Unlock()
		return false
	}
	j.flags |= fParked
	if j.x != nil {
		j.x.parkAt = len(j.x.nodes)
	}
	j.mu.Unlock()
	return true
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
	if j.x == nil {
		return nil, nil
	}
	return j.x.result, j.x.finalCause
}

// Cause returns the final cause of a completed job, or the root cause of
// a cancelling one (kotlinx's completionCause; nil otherwise).
func (j *Job) Cause() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.st == jFinal {
		return j.finalCauseLocked()
	}
	return j.rootCauseLocked()
}

// Suppressed returns the exceptions attached to the final cause as
// suppressed (later failures of the job and its children).
func (j *Job) Suppressed() []error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.x == nil {
		return nil
	}
	return append([]error(nil), j.x.suppressed...)
}

// CancellationException is kotlinx's getCancellationException
// (kotlinx.coroutines 1.8): the root cause of a cancelling job, or the
// final cause of a cancelled one, when it is a cancellation; otherwise a
// JobCancellationException "StandaloneCoroutine is cancelling" (the job's
// class name) / the job's CancelMessage with that cause, or
// "StandaloneCoroutine has completed normally" for a completed job. ok is
// false while the job is New or Active ("Job is still new or active").
func (j *Job) CancellationException() (err error, ok bool) {
	j.mu.Lock()
	st, root, final := j.st, j.rootCauseLocked(), j.finalCauseLocked()
	j.mu.Unlock()
	switch {
	case st == jFinishing && root != nil:
		return j.toCancellation(root, j.cls.Name+" is cancelling"), true
	case st == jFinal && final != nil:
		return j.toCancellation(final, j.CancelMessage()), true
	case st == jFinal:
		return j.rt.NewCancellation(j.cls.Name+" has completed normally", nil, j), true
	}
	return nil, false
}

// CancelMessage is the message of the JobCancellationException a job
// is cancelled with when no cause is given (kotlinx's
// cancellationExceptionMessage): "StandaloneCoroutine was cancelled",
// named after the coroutine's class, and "Job was cancelled" for jobs
// without a body (Job(), SupervisorJob(), CompletableDeferred()).
func (j *Job) CancelMessage() string {
	if j.cls.NoBody {
		return "Job was cancelled"
	}
	return j.cls.Name + " was cancelled"
}

func (j *Job) toCancellation(err error, msg string) error {
	if j.rt.IsCancellation(err) {
		return err
	}
	return j.rt.NewCancellation(msg, err, j)
}

// childCancellationCause is the cause a parent gives the children it
// cancels (kotlinx's getChildJobCancellationCause): its root cause when
// that is a cancellation; otherwise a JobCancellationException "Parent
// job is Cancelling" (or "Cancelled", "Completed") whose cause is the
// root cause.
func (j *Job) childCancellationCause() error {
	j.mu.Lock()
	st, root := j.st, j.rootCauseLocked()
	if st == jFinal {
		root = j.finalCauseLocked()
	}
	j.mu.Unlock()
	if root != nil && j.rt.IsCancellation(root) {
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
// JobCancellationException with the job's CancelMessage. Children are
// cancelled too. A non-cancellation cause makes the job fail. It reports
// whether the job was not complete yet.
func (j *Job) Cancel(cause error) bool {
	if cause == nil {
		cause = j.rt.NewCancellation(j.CancelMessage(), nil, j)
	}
	return j.cancelImpl(cause)
}

// Fail is Cancel for an internal failure of the coroutine (kotlinx's
// cancelCoroutine), e.g. an exception of its body before it returns.
func (j *Job) Fail(err error) bool { return j.cancelImpl(err) }

func (j *Job) cancelImpl(cause error) bool {
	if j.cls.NoBody {
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
	if j.cls.Supervisor {
		return false
	}
	// flags shares its word with bits other goroutines write under mu
	j.mu.Lock()
	handles := j.flags&fHandlesExc != 0
	j.mu.Unlock()
	return j.cancelImpl(cause) && handles
}

func (j *Job) addExceptionLocked(err error) {
	x := j.ext()
	if x.rootCause == nil {
		x.rootCause = err
		j.flags |= fCancelling
		j.publish()
		return
	}
	if err == x.rootCause {
		return
	}
	for _, e := range x.exceptions {
		if e == err {
			return
		}
	}
	x.exceptions = append(x.exceptions, err)
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
		if j.flags&fSealed != 0 {
			j.mu.Unlock()
			return false
		}
		was := j.flags&fCancelling != 0
		j.addExceptionLocked(cause)
		root := j.x.rootCause
		j.mu.Unlock()
		if !was {
			j.notifyCancelling(root)
		}
		return true
	case jActive:
		j.st = jFinishing
		j.addExceptionLocked(cause)
		j.mu.Unlock()
		j.notifyCancelling(cause)
		return true
	default: // New: never started; completes at once (after children)
		j.st = jFinishing
		j.flags |= fCompleting
		j.addExceptionLocked(cause)
		j.mu.Unlock()
		j.notifyCancelling(cause)
		j.tryFinish()
		return true
	}
}

// notifyCancelling runs the cancelling hooks: the job's own, its
// cancelling handlers and children (in registration order, a parked
// body in its place among them), then tells the parent.
func (j *Job) notifyCancelling(cause error) {
	if f := j.cls.OnCancelling; f != nil {
		f(j, cause)
	}
	j.mu.Lock()
	parked := j.flags&fParked != 0 && j.cls.CancelParked != nil
	j.flags &^= fParked
	park := 0
	if j.x != nil {
		park = j.x.parkAt
	}
	var todo []*node
	for i, n := range j.nodesLocked() {
		if i == park && parked {
			todo = append(todo, nil)
			parked = false
		}
		if (n.kind == nodeCancelling || n.kind == nodeChild) && !n.invoked && !n.removed {
			todo = append(todo, n)
			if n.kind == nodeCancelling {
				n.invoked = true
			}
		}
	}
	j.mu.Unlock()
	for _, n := range todo {
		switch {
		case n == nil:
			j.cls.CancelParked(j, cause)
		case n.kind == nodeChild:
			n.child.parentCancelled(j)
		default:
			n.fn(cause)
		}
	}
	if parked { // (parked after every node)
		j.cls.CancelParked(j, cause)
	}
	j.cancelParent(cause)
}

// cancelParent hands cause to the parent; it reports whether someone
// (the parent, or a scoped coroutine's caller) is responsible for it.
func (j *Job) cancelParent(cause error) bool {
	if j.cls.Scoped {
		return true
	}
	isCancel := j.rt.IsCancellation(cause)
	p := j.parent
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
	if j.st == jFinal || (j.st == jFinishing && j.flags&fCompleting != 0) {
		j.mu.Unlock()
		return false
	}
	j.flags &^= fParked
	if v != nil {
		j.ext().result = v
	}
	if err != nil {
		j.ext().propErr = err
	}
	if err == nil && j.st == jActive && !j.hasChildLocked() {
		// fast path: nothing to wait for
		j.flags |= fSealed
		j.mu.Unlock()
		j.finalize()
		return true
	}
	j.st = jFinishing
	j.flags |= fCompleting
	was := j.flags&fCancelling != 0
	if err != nil {
		j.addExceptionLocked(err)
	}
	j.publish()
	root := j.rootCauseLocked()
	j.mu.Unlock()
	if !was && root != nil {
		j.notifyCancelling(root)
	}
	j.tryFinish()
	return true
}

func (j *Job) hasChildLocked() bool { return j.x != nil && j.x.nchild > 0 }

// tryFinish finalizes a completing job once it has no child left. While
// it has, it waits for them one at a time, as kotlinx's tryWaitForChild:
// a completion handler on the first child still attached calls tryFinish
// again. That handler takes its place among the child's own handlers, so
// a handler registered on the child before the parent started waiting
// for it runs before the parent completes.
func (j *Job) tryFinish() {
	for {
		j.mu.Lock()
		if j.st == jFinal || j.flags&fSealed != 0 || j.flags&fCompleting == 0 {
			j.mu.Unlock()
			return
		}
		var c *Job
		if x := j.x; x != nil {
			for ; x.waitIdx < len(x.nodes); x.waitIdx++ {
				if n := x.nodes[x.waitIdx]; n.kind == nodeChild && !n.removed {
					c = n.child
					break
				}
			}
		}
		if c == nil {
			j.flags |= fSealed
			j.mu.Unlock()
			j.finalize()
			return
		}
		j.mu.Unlock()
		if c.addNode(&hnode{node: node{kind: nodeCompletion, fn: func(error) { j.tryFinish() }}}, false) != nil {
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
	if x := j.x; x != nil {
		if x.rootCause != nil {
			excs = append(excs, x.rootCause)
		}
		excs = append(excs, x.exceptions...)
		if pe := x.propErr; pe != nil && pe != x.rootCause {
			dup := false
			for _, e := range x.exceptions {
				dup = dup || e == pe
			}
			if !dup {
				excs = append(excs, pe)
			}
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
		if !j.cancelParent(final) && j.cls.HandleException != nil {
			j.cls.HandleException(j, final)
		}
	}

	j.mu.Lock()
	j.st = jFinal
	j.flags &^= fParked
	if final != nil {
		x := j.ext()
		x.finalCause = final
		x.suppressed = supp
		x.result = nil
	}
	j.publish()
	var todo []*node
	if x := j.x; x != nil {
		for _, n := range x.nodes {
			if !n.removed && !n.invoked {
				n.invoked = true
				todo = append(todo, n)
			}
		}
		x.nodes = nil
	}
	j.mu.Unlock()

	if p := j.parent; p != nil {
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
	n := &c.cnode
	if n.child != nil && !n.removed {
		j.removeLocked(n)
		j.x.nchild--
	}
	j.mu.Unlock()
}

// attachChild adds c as a child. A child of a cancelling job is
// cancelled at once; a job that is complete (or cancelling and
// completing) no longer admits children: c is cancelled and not waited.
func (j *Job) attachChild(c *Job) {
	j.mu.Lock()
	cancelling := j.st == jFinishing && j.flags&fCancelling != 0
	if j.st == jFinal || j.flags&fSealed != 0 || (cancelling && j.flags&fCompleting != 0) {
		j.mu.Unlock()
		c.parentCancelled(j)
		return
	}
	c.cnode = node{kind: nodeChild, child: c, invoked: cancelling}
	x := j.ext()
	x.nodes = append(x.nodes, &c.cnode)
	x.nchild++
	j.mu.Unlock()
	if cancelling {
		c.parentCancelled(j)
	}
}
