package coroutines

// The natives of kotlinx.coroutines.flow (the rest is written in the
// language, see flow.kc): the check flow { } makes at each emit, and the
// type test of filterIsInstance.

import (
	"reflect"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// installFlow defines the natives flow.kc uses.
func (r *crt) installFlow() {
	in := r.in
	// __flowCheckEmit(collectContext) is what flow { }'s collector does
	// before each emit: it throws the coroutine's CancellationException
	// when it is no longer active, and IllegalStateException when the
	// emission happens in another context than the collection's (kotlinx's
	// context preservation).
	in.DefineFunc("__flowCheckEmit", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c := coroOf(co)
		if c == nil {
			return interp.Unit, nil
		}
		if err := r.ensureActive(&c.job); err != nil {
			return interp.Unit, err
		}
		collect, ok := toCtx(args[0])
		if !ok {
			return interp.Unit, nil
		}
		return interp.Unit, checkFlowContext(co, collect, c.context())
	}).Params = []string{"collectContext"}
	// __isInstance(type, value) tests value against the type argument the
	// compiler passes to filterIsInstance<T>().
	in.DefineFunc("__isInstance", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		tt, ok := args[0].AsObject().(*interp.TypeTest)
		if !ok {
			return interp.False, co.Errorf("java.lang.UnsupportedOperationException", "filterIsInstance<T>() needs its type argument at run time")
		}
		return interp.Bool(tt.Test(args[1])), nil
	}).Params = []string{"type", "value"}
}

// scopeJobNames are the kotlinx classes that are ScopeCoroutines: a flow
// may emit from inside them (coroutineScope, withContext on the same
// dispatcher, withTimeout, supervisorScope).
var scopeJobNames = map[string]bool{"ScopeCoroutine": true, "DispatchedCoroutine": true,
	"UndispatchedCoroutine": true, "TimeoutCoroutine": true, "SupervisorCoroutine": true}

// checkFlowContext is kotlinx's SafeCollector.checkContext: every element
// of the emission's context must be the collection's, and the emitting
// job must be the collecting one or a scope coroutine below it.
func checkFlowContext(co *interp.Coroutine, collect, current sched.Context) error {
	if current.Same(collect) {
		return nil
	}
	collectJob := collect.Job()
	count := 0
	for _, e := range current.Elements() {
		if j, ok := e.(*sched.Job); ok {
			p := j
			for p != nil && p != collectJob && scopeJobNames[p.Name()] {
				p = p.Parent()
			}
			if p != collectJob {
				return co.Errorf("java.lang.IllegalStateException", "Flow invariant is violated:\n\t\tEmission from another coroutine is detected.\n\t\tChild of %s, expected child of %s.\n\t\tFlowCollector is not thread-safe and concurrent emissions are prohibited.\n\t\tTo mitigate this restriction please use 'channelFlow' builder instead of 'flow'",
					jobString(p), jobString(collectJob))
			}
			if collectJob != nil {
				count++
			}
			continue
		}
		if !sameElement(collect.Get(e.Key()), e) {
			count = -1 << 30
			continue
		}
		count++
	}
	if count != collect.Len() {
		return co.Errorf("java.lang.IllegalStateException", "Flow invariant is violated:\n\t\tFlow was collected in %s,\n\t\tbut emission happened in %s.\n\t\tPlease refer to 'flow' documentation or use 'flowOn' instead", collect, current)
	}
	return nil
}

// jobString prints a job as kotlinx does in the invariant's message
// (null for none).
func jobString(j *sched.Job) string {
	if j == nil {
		return "null"
	}
	return j.String()
}

// sameElement reports whether a and b are the same context element (by
// identity, as kotlinx compares them; never panicking on a host's
// element that Go cannot compare).
func sameElement(a, b sched.Element) bool {
	if a == nil || b == nil {
		return false
	}
	if da := sched.DispatcherOf(a); da != nil {
		db := sched.DispatcherOf(b)
		return db != nil && reflect.TypeOf(da) == reflect.TypeOf(db) && reflect.TypeOf(da).Comparable() && da == db
	}
	return reflect.TypeOf(a) == reflect.TypeOf(b) && reflect.TypeOf(a).Comparable() && a == b
}
