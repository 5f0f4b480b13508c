package coroutines

// select (kotlinx.coroutines.selects): a select expression waits for the
// first of several clauses (a channel's onReceive, onReceiveCatching and
// onSend, a Deferred's onAwait, a Job's onJoin, onTimeout) and runs that
// clause's block. The prelude's select builds a selector with the
// builder lambda (each clause registers itself in the selector the
// coroutine is building), asks it for the winning block (doSelect, which
// suspends when no clause is ready) and calls the block.

import (
	"math/rand/v2"
	"time"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// The classes of select.
var (
	SelectBuilderClass = iface("SelectBuilder", "kotlinx.coroutines.selects.SelectBuilder")
	// SelectImplementationClass is the class of a select being built.
	SelectImplementationClass = interp.NewClass("SelectImplementation", "kotlinx.coroutines.selects.SelectImplementation",
		interp.AnyClass, SelectBuilderClass)
)

// clauseKind tells what a select clause waits for.
type clauseKind uint8

const (
	clReceive clauseKind = iota
	clReceiveCatching
	clSend
	clAwait
	clJoin
	clTimeout
)

// clause is one clause of a select and, while the select waits, its
// registration.
type clause struct {
	kind  clauseKind
	ch    *channel     // clReceive*, clSend
	chv   interp.Value // clSend: the channel (the block's argument)
	val   interp.Value // clSend: the element
	job   *sched.Job   // clAwait, clJoin
	d     time.Duration
	block interp.Value
	// the registration while the select waits
	w  *waiter
	h  *sched.Handle
	tm *sched.Timer
}

// selector is a select expression of a coroutine. Under the GIL.
type selector struct {
	c        *Coro
	gen      uint32
	unbiased bool
	clauses  []clause
	waiting  bool // registered, suspended
	done     bool // a clause won
	winner   int
	arg      interp.Value // the winning block's argument
	hasArg   bool
}

// Class implements interp.Object.
func (*selector) Class() *interp.Class { return SelectImplementationClass }

// building returns the selector the running coroutine is building, or
// an error saying that a clause is used outside of select.
func building(co *interp.Coroutine, what string) (*selector, error) {
	if c := coroOf(co); c != nil && c.x != nil && c.x.building != nil && !c.x.building.waiting && !c.x.building.done {
		return c.x.building, nil
	}
	return nil, co.Errorf("java.lang.IllegalStateException", "%s is a select clause: use it inside select { }", what)
}

// add registers a clause in the selector being built.
func addClause(co *interp.Coroutine, what string, cl clause) (interp.Value, error) {
	s, err := building(co, what)
	if err != nil {
		return interp.Null, err
	}
	if err := co.Work(1); err != nil {
		return interp.Null, err
	}
	s.clauses = append(s.clauses, cl)
	return interp.Unit, nil
}

// doSelect returns the winning clause's block: at once when a clause is
// ready (the first one listed, or a random one for selectUnbiased), else
// after suspending until one is.
func (s *selector) doSelect(co *interp.Coroutine) (interp.Value, error) {
	c, err := current(co, "select")
	if err != nil {
		return interp.Null, err
	}
	r := c.r
	if c.x != nil && c.x.building == s {
		c.x.building = nil
	}
	if c.job.IsCancelled() {
		return interp.Null, c.cancellationException()
	}
	if s.unbiased {
		rand.Shuffle(len(s.clauses), func(i, j int) { s.clauses[i], s.clauses[j] = s.clauses[j], s.clauses[i] })
	}
	for i := range s.clauses {
		if err := co.WorkAt(i); err != nil {
			return interp.Null, err
		}
		if v, ok, err := s.ready(r, i); ok || err != nil {
			if err != nil {
				return interp.Null, err
			}
			s.done = true
			s.setArg(i, v)
			return s.clauses[i].block, nil
		}
	}
	if len(s.clauses) == 0 {
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "select has no clauses")
	}
	gen, err := c.suspend(co, true)
	if err != nil {
		return interp.Null, err
	}
	s.c, s.gen, s.waiting = c, gen, true
	for i := range s.clauses {
		s.register(r, i)
	}
	c.ext().queue = s
	c.park()
	return interp.Null, interp.ErrSuspend
}

// ready checks clause i without waiting: its value when it can be
// selected now, or the exception the select throws.
func (s *selector) ready(r *crt, i int) (interp.Value, bool, error) {
	cl := &s.clauses[i]
	switch cl.kind {
	case clReceive, clReceiveCatching:
		if v, ok := cl.ch.poll(r); ok {
			if cl.kind == clReceiveCatching {
				v = interp.Obj(&chanResult{kind: resValue, v: v})
			}
			return v, true, nil
		}
		if cl.ch.closed {
			if cl.kind == clReceiveCatching {
				return interp.Obj(&chanResult{kind: resClosed, cause: cl.ch.cause}), true, nil
			}
			return interp.Null, false, cl.ch.receiveError(r)
		}
	case clSend:
		ok, closed := cl.ch.offer(r, cl.val)
		if closed {
			return interp.Null, false, cl.ch.sendError(r)
		}
		return interp.Unit, ok, nil
	case clAwait:
		cl.job.Start()
		if cl.job.IsCompleted() {
			v, err := jobResult(cl.job)
			return v, err == nil, err
		}
	case clJoin:
		cl.job.Start()
		return interp.Unit, cl.job.IsCompleted(), nil
	case clTimeout:
		return interp.Unit, cl.d <= 0, nil
	}
	return interp.Null, false, nil
}

// register makes clause i wake the waiting select.
func (s *selector) register(r *crt, i int) {
	cl := &s.clauses[i]
	switch cl.kind {
	case clReceive, clReceiveCatching:
		cl.w = &waiter{ch: cl.ch, c: s.c, kind: wSelect, sel: s, clause: i}
		cl.ch.recvs.add(cl.w)
	case clSend:
		cl.w = &waiter{ch: cl.ch, c: s.c, kind: wSelect, sel: s, clause: i, val: cl.val}
		cl.ch.senders.add(cl.w)
	case clAwait:
		job := cl.job
		cl.h = job.Await(func(any, error) {
			v, err := jobResult(job)
			s.win(r, i, v, err)
		})
	case clJoin:
		cl.h = cl.job.Join(func() { s.win(r, i, interp.Unit, nil) })
	case clTimeout:
		cl.tm = r.rt.AfterFunc(cl.d, s.c.dispatcher(), func(t *sched.Thread) {
			sv := r.enter(t)
			s.win(r, i, interp.Unit, nil)
			r.leave(sv)
		})
	}
}

// setArg records the winning clause's argument for its block.
func (s *selector) setArg(i int, v interp.Value) {
	s.winner = i
	switch cl := &s.clauses[i]; cl.kind {
	case clSend:
		s.arg, s.hasArg = cl.chv, true
	case clJoin, clTimeout:
		s.arg, s.hasArg = interp.Null, false
	default:
		s.arg, s.hasArg = v, true
	}
}

// win ends the waiting select with clause i (its value v, or the
// exception err the select throws); false when another clause won
// already. The caller holds the GIL.
func (s *selector) win(r *crt, i int, v interp.Value, err error) bool {
	if s.done || !s.waiting {
		return false
	}
	s.done = true
	s.unregister(i)
	if cl := &s.clauses[i]; cl.kind == clReceiveCatching && err == nil {
		if _, ok := v.AsObject().(*chanResult); !ok {
			v = interp.Obj(&chanResult{kind: resValue, v: v})
		}
	}
	s.setArg(i, v)
	if err != nil {
		s.c.fire(s.gen, interp.Null, err)
		return true
	}
	s.c.fire(s.gen, s.clauses[i].block, nil)
	return true
}

// closed is the close of ch reaching the waiting receive clause i.
func (s *selector) closed(r *crt, i int, ch *channel) {
	if s.clauses[i].kind == clReceiveCatching {
		s.win(r, i, interp.Obj(&chanResult{kind: resClosed, cause: ch.cause}), nil)
		return
	}
	s.win(r, i, interp.Null, ch.receiveError(r))
}

// unregister takes the select's registrations out of the channels, jobs
// and timers, except clause keep's (already out, or -1 for none).
func (s *selector) unregister(keep int) {
	for i := range s.clauses {
		cl := &s.clauses[i]
		if cl.w != nil {
			cl.w.unlink()
		}
		if i != keep {
			cl.h.Dispose()
			cl.tm.Stop()
		}
		cl.w, cl.h, cl.tm = nil, nil, nil
	}
}

// leave implements queued: the select's coroutine was cancelled while it
// waited.
func (s *selector) leave() {
	if s.done {
		return
	}
	s.done = true
	s.unregister(-1)
}

// lost implements losing: a clause won, but the coroutine was cancelled
// before it could run: a received element is undelivered.
func (s *selector) lost(interp.Value) {
	if cl := &s.clauses[s.winner]; cl.kind == clReceive && s.hasArg {
		cl.ch.drop(s.c.r, s.arg)
	}
}

// installSelect defines the natives the prelude's select uses and the
// clauses.
func (r *crt) installSelect() {
	in := r.in
	in.DefineType(SelectBuilderClass)
	in.DefineFunc("__select", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		c, err := current(co, "select")
		if err != nil {
			return interp.Null, err
		}
		s := &selector{unbiased: len(args) > 0 && args[0].AsBool()}
		c.ext().building = s
		return interp.Obj(s), nil
	})
}

// initSelectMethods adds the clauses to the classes that have them and
// the members of the select being built.
func initSelectMethods() {
	sc := SelectImplementationClass
	self := func(this interp.Value) *selector { return this.AsObject().(*selector) }
	suspendMethod(sc, "__doSelect", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return self(this).doSelect(co)
	})
	sc.AddProp("__hasArg", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(self(this).hasArg), nil
	})
	sc.AddProp("__arg", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return self(this).arg, nil
	})
	sc.AddMethod("onTimeout", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ms := msArg(args[0])
		return addClause(co, "onTimeout", clause{kind: clTimeout, d: millis(max(ms, 0)), block: args[1]})
	}).Params = []string{"timeMillis", "block"}
	chanClause := func(kind clauseKind, what string) nfn {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			ch, err := chanArg(co, this)
			if err != nil {
				return interp.Null, err
			}
			cl := clause{kind: kind, ch: ch, chv: this, block: args[len(args)-1]}
			if kind == clSend {
				cl.val = args[0]
			}
			return addClause(co, what, cl)
		}
	}
	ReceiveChannelClass.AddMethod("onReceive", chanClause(clReceive, "onReceive"))
	ReceiveChannelClass.AddMethod("onReceiveCatching", chanClause(clReceiveCatching, "onReceiveCatching"))
	SendChannelClass.AddMethod("onSend", chanClause(clSend, "onSend"))
	DeferredClass.AddMethod("onAwait", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return addClause(co, "onAwait", clause{kind: clAwait, job: jobOf(this), block: args[len(args)-1]})
	})
	JobClass.AddMethod("onJoin", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return addClause(co, "onJoin", clause{kind: clJoin, job: jobOf(this), block: args[len(args)-1]})
	})
}
