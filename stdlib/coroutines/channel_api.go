package coroutines

// The script API of channels: the classes, Channel(...), the members of
// SendChannel, ReceiveChannel, ChannelIterator and ChannelResult, and the
// builders produce, actor and ticker.

import (
	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// The classes of channels.
var (
	SendChannelClass       = iface("SendChannel", "kotlinx.coroutines.channels.SendChannel")
	ReceiveChannelClass    = iface("ReceiveChannel", "kotlinx.coroutines.channels.ReceiveChannel")
	ChannelClass           = iface("Channel", "kotlinx.coroutines.channels.Channel", SendChannelClass, ReceiveChannelClass)
	ProducerScopeClass     = iface("ProducerScope", "kotlinx.coroutines.channels.ProducerScope", CoroutineScopeClass, SendChannelClass)
	ActorScopeClass        = iface("ActorScope", "kotlinx.coroutines.channels.ActorScope", CoroutineScopeClass, ReceiveChannelClass)
	ChannelIteratorClass   = interp.NewClass("ChannelIterator", "kotlinx.coroutines.channels.ChannelIterator", interp.AnyClass)
	ChannelResultClass     = interp.NewClass("ChannelResult", "kotlinx.coroutines.channels.ChannelResult", interp.AnyClass)
	BufferOverflowClass    = interp.NewClass("BufferOverflow", "kotlinx.coroutines.channels.BufferOverflow", interp.AnyClass)
	TickerModeClass        = interp.NewClass("TickerMode", "kotlinx.coroutines.channels.TickerMode", interp.AnyClass)
	BufferedChannelClass   = interp.NewClass("BufferedChannel", "kotlinx.coroutines.channels.BufferedChannel", interp.AnyClass, ChannelClass)
	ProducerCoroutineClass = interp.NewClass("ProducerCoroutine", "kotlinx.coroutines.channels.ProducerCoroutine", interp.AnyClass,
		JobClass, ProducerScopeClass, ReceiveChannelClass)
	ActorCoroutineClass = interp.NewClass("ActorCoroutine", "kotlinx.coroutines.channels.ActorCoroutine", interp.AnyClass,
		JobClass, ActorScopeClass, SendChannelClass)
)

// chanVal is a channel made by Channel(...).
type chanVal struct{ ch *channel }

// Class implements interp.Object.
func (*chanVal) Class() *interp.Class { return BufferedChannelClass }

// KString implements interp.Stringer.
func (v *chanVal) KString(co *interp.Coroutine) (string, error) { return v.ch.String(co) }

// enumVal is an entry of BufferOverflow or TickerMode.
type enumVal struct {
	cls  *interp.Class
	name string
	n    int
}

// Class implements interp.Object.
func (v *enumVal) Class() *interp.Class { return v.cls }

// KString implements interp.Stringer.
func (v *enumVal) KString(*interp.Coroutine) (string, error) { return v.name, nil }

var (
	overflowValues = []*enumVal{{BufferOverflowClass, "SUSPEND", int(ovSuspend)},
		{BufferOverflowClass, "DROP_OLDEST", int(ovDropOldest)}, {BufferOverflowClass, "DROP_LATEST", int(ovDropLatest)}}
	tickerModes = []*enumVal{{TickerModeClass, "FIXED_PERIOD", 0}, {TickerModeClass, "FIXED_DELAY", 1}}
)

// chanOf returns the channel of a channel value: a Channel, a
// produce's or an actor's coroutine (also their scope).
func chanOf(v interp.Value) *channel {
	switch o := v.AsObject().(type) {
	case *chanVal:
		return o.ch
	case *Coro:
		if o.x != nil {
			return o.x.ch
		}
	}
	return nil
}

// chanArg is chanOf for a method's receiver, an error when it is none.
func chanArg(co *interp.Coroutine, v interp.Value) (*channel, error) {
	if ch := chanOf(v); ch != nil {
		return ch, nil
	}
	return nil, co.Errorf("java.lang.IllegalArgumentException", "not a channel: %s", interp.ClassOf(v).Name)
}

// channelArgs reads Channel(...)'s or a builder's capacity,
// onBufferOverflow and onUndeliveredElement arguments, starting at i.
func channelArgs(co *interp.Coroutine, args []interp.Value) (capacity int, ov overflow, undelivered interp.Value, err error) {
	undelivered = interp.Null
	for _, a := range args {
		switch {
		case interp.IsAbsent(a) || a.IsNull():
		case a.Kind() == interp.KInt:
			capacity = int(a.AsInt())
		case isOverflow(a):
			ov = overflow(a.AsObject().(*enumVal).n)
		default:
			undelivered = a
		}
	}
	switch {
	case capacity == capConflated && ov != ovSuspend:
		return 0, 0, interp.Null, co.Errorf("java.lang.IllegalArgumentException", "CONFLATED capacity cannot be used with non-default onBufferOverflow")
	case capacity < capBuffered:
		return 0, 0, interp.Null, co.Errorf("java.lang.IllegalArgumentException", "Invalid channel capacity: %d, should be >=0", capacity)
	}
	return capacity, ov, undelivered, nil
}

func isOverflow(v interp.Value) bool {
	e, ok := v.AsObject().(*enumVal)
	return ok && e.cls == BufferOverflowClass
}

// installChannels defines Channel(...), the channel classes and the
// builders.
func (r *crt) installChannels() {
	in := r.in
	for _, c := range []*interp.Class{SendChannelClass, ReceiveChannelClass, ChannelClass, ProducerScopeClass,
		ActorScopeClass, ChannelIteratorClass, ChannelResultClass, BufferOverflowClass, TickerModeClass,
		ProducerCoroutineClass, ActorCoroutineClass, BufferedChannelClass} {
		in.DefineType(c)
	}
	in.Define("ChannelResult", interp.Obj(ChannelResultClass))
	r.installProduce()
}

// initChannelMethods adds the members of the channel classes.
func initChannelMethods() {
	ChannelClass.SetFactory(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		capacity, ov, undelivered, err := channelArgs(co, args)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&chanVal{newChannel(capacity, ov, undelivered)}), nil
	}, "capacity", "onBufferOverflow", "onUndeliveredElement")
	ChannelClass.StaticProps = map[string]interp.Value{
		"UNLIMITED": interp.Int(capUnlimited), "RENDEZVOUS": interp.Int(capRendezvous),
		"CONFLATED": interp.Int(capConflated), "BUFFERED": interp.Int(capBuffered),
		"DEFAULT_BUFFER_PROPERTY_NAME": interp.String("kotlinx.coroutines.channels.defaultBuffer"),
	}
	BufferOverflowClass.StaticProps = map[string]interp.Value{}
	for _, e := range overflowValues {
		BufferOverflowClass.StaticProps[e.name] = interp.Obj(e)
	}
	TickerModeClass.StaticProps = map[string]interp.Value{}
	for _, e := range tickerModes {
		TickerModeClass.StaticProps[e.name] = interp.Obj(e)
	}
	initSendMethods()
	initReceiveMethods()
	initResultMethods()
	CoroutineScopeClass.AddMethod("produce", builderFn(false)).Params = produceParams
	CoroutineScopeClass.AddMethod("actor", builderFn(true)).Params = actorParams
	// a produce's block sees its coroutine as a ProducerScope, an
	// actor's as an ActorScope
	producerScope := map[string]bool{"channel": true, "send": true, "trySend": true, "close": true,
		"isClosedForSend": true, "invokeOnClose": true, "onSend": true}
	actorScope := map[string]bool{"channel": true, "receive": true, "receiveCatching": true, "tryReceive": true,
		"iterator": true, "isClosedForReceive": true, "isEmpty": true, "cancel": true, "onReceive": true,
		"onReceiveCatching": true}
	for k := range StandaloneCoroutineClass.ScopeMembers {
		producerScope[k], actorScope[k] = true, true
	}
	// the coroutine is also the channel the consumer holds: consume { }
	// and the like see its receiving side as their receiver
	for k := range actorScope {
		producerScope[k] = true
	}
	ProducerCoroutineClass.ScopeMembers = producerScope
	ActorCoroutineClass.ScopeMembers = actorScope
	suspendMethod(ProducerCoroutineClass, "__awaitClose", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return ch.awaitClose(co)
	})
	for _, c := range []*interp.Class{ProducerCoroutineClass, ActorCoroutineClass} {
		c.AddProp("channel", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			ch, err := chanArg(co, this)
			if err != nil {
				return interp.Null, err
			}
			return interp.Obj(&chanVal{ch}), nil
		})
		// cancel() cancels both the coroutine and its channel
		c.AddMethod("cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			c := this.AsObject().(*Coro)
			cause, err := cancelCause(co, args)
			if err != nil {
				return interp.Null, err
			}
			if cause == nil {
				cause = c.r.newJobCancellation(c.job.CancelMessage(), nil, &c.job)
			}
			err = c.x.ch.cancel(c.r, cause, co)
			c.job.Cancel(cause)
			if err != nil {
				return interp.Null, err
			}
			return interp.Unit, nil
		})
	}
}

// initSendMethods adds the members of SendChannel.
func initSendMethods() {
	sc := SendChannelClass
	suspendMethod(sc, "send", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return ch.send(co, args[0])
	})
	sc.AddMethod("trySend", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		r := rOf(co)
		ok, closed := ch.offer(r, args[0])
		switch {
		case ok:
			return interp.Obj(&chanResult{kind: resValue, v: interp.Unit}), nil
		case closed:
			return interp.Obj(&chanResult{kind: resClosed, cause: ch.sendError(r)}), nil
		}
		return interp.Obj(&chanResult{kind: resFailed}), nil
	})
	sc.AddMethod("close", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		var cause error
		if len(args) > 0 && !args[0].IsNull() && !interp.IsAbsent(args[0]) {
			e := interp.ExceptionOf(args[0])
			if e == nil {
				return interp.Null, co.Errorf("java.lang.IllegalArgumentException", "close: not a Throwable")
			}
			cause = e
		}
		return interp.Bool(ch.close(rOf(co), cause)), nil
	})
	sc.AddProp("isClosedForSend", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(ch.closed), nil
	})
	sc.AddMethod("invokeOnClose", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		h := args[0]
		if ch.closeHandled {
			old := "null"
			if !ch.onClose.IsNull() {
				if old, err = co.ToString(ch.onClose); err != nil {
					return interp.Null, err
				}
			}
			return interp.Null, co.Errorf("java.lang.IllegalStateException", "Another handler is already registered: %s", old)
		}
		ch.closeHandled = true
		ch.onClose = h
		if ch.closed {
			ch.invokeCloseHandler(rOf(co))
		}
		return interp.Unit, nil
	})
}

// initReceiveMethods adds the members of ReceiveChannel and
// ChannelIterator.
func initReceiveMethods() {
	rc := ReceiveChannelClass
	recv := func(kind waitKind) nfn {
		return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
			ch, err := chanArg(co, this)
			if err != nil {
				return interp.Null, err
			}
			v, ok, err := ch.receive(co, kind, nil)
			switch {
			case err != nil:
				return interp.Null, err
			case kind == wReceiveCatching && ok:
				return interp.Obj(&chanResult{kind: resValue, v: v}), nil
			case kind == wReceiveCatching:
				return interp.Obj(&chanResult{kind: resClosed, cause: ch.cause}), nil
			case ok:
				return v, nil
			}
			return interp.Null, ch.receiveError(rOf(co))
		}
	}
	suspendMethod(rc, "receive", recv(wReceive))
	suspendMethod(rc, "receiveCatching", recv(wReceiveCatching))
	rc.AddMethod("tryReceive", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		if v, ok := ch.poll(rOf(co)); ok {
			return interp.Obj(&chanResult{kind: resValue, v: v}), nil
		}
		if ch.closed {
			return interp.Obj(&chanResult{kind: resClosed, cause: ch.cause}), nil
		}
		return interp.Obj(&chanResult{kind: resFailed}), nil
	})
	rc.AddMethod("iterator", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Obj(&chanIter{ch: ch}), nil
	})
	rc.AddMethod("cancel", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		cause, err := cancelCause(co, args)
		if err != nil {
			return interp.Null, err
		}
		if cause == nil {
			cause = co.Errorf("java.util.concurrent.CancellationException", "Channel was cancelled")
		}
		return interp.Unit, ch.cancel(rOf(co), cause, co)
	})
	rc.AddProp("isClosedForReceive", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(ch.closedForReceive()), nil
	})
	rc.AddProp("isEmpty", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		ch, err := chanArg(co, this)
		if err != nil {
			return interp.Null, err
		}
		return interp.Bool(!ch.closedForReceive() && ch.size() == 0 && ch.senders.empty()), nil
	})
	ic := ChannelIteratorClass
	suspendMethod(ic, "hasNext", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return this.AsObject().(*chanIter).hasNext(co)
	})
	ic.AddMethod("next", func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return this.AsObject().(*chanIter).next(co)
	})
}

// initResultMethods adds the members of ChannelResult.
func initResultMethods() {
	rc := ChannelResultClass
	res := func(this interp.Value) *chanResult { return this.AsObject().(*chanResult) }
	rc.AddProp("isSuccess", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(res(this).kind == resValue), nil
	})
	rc.AddProp("isFailure", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(res(this).kind != resValue), nil
	})
	rc.AddProp("isClosed", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		return interp.Bool(res(this).kind == resClosed), nil
	})
	rc.AddMethod("getOrNull", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		if x := res(this); x.kind == resValue {
			return x.v, nil
		}
		return interp.Null, nil
	})
	rc.AddMethod("exceptionOrNull", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		if x := res(this); x.kind == resClosed && x.cause != nil {
			return excValue(co.Interp(), x.cause), nil
		}
		return interp.Null, nil
	})
	rc.AddMethod("getOrThrow", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		x := res(this)
		switch {
		case x.kind == resValue:
			return x.v, nil
		case x.kind == resClosed && x.cause != nil:
			return interp.Null, x.cause
		}
		s, err := x.KString(co)
		if err != nil {
			return interp.Null, err
		}
		if x.kind == resFailed {
			s = "Failed"
		}
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "Trying to call 'getOrThrow' on a failed channel result: %s", s)
	})
	rc.AddMethod("toString", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
		s, err := res(this).KString(co)
		return interp.String(s), err
	})
}

// ---- builders ----

// builderFn is produce or actor: the runtime is the calling coroutine's.
func builderFn(actor bool) nfn {
	return func(co *interp.Coroutine, this interp.Value, args []interp.Value) (interp.Value, error) {
		return rOf(co).produce(co, this, args, actor)
	}
}

// installProduce defines the functions produce and actor (the
// CoroutineScope members are added once, see initChannelMethods).
func (r *crt) installProduce() {
	r.in.DefineFunc("produce", builderFn(false)).Params = produceParams
	r.in.DefineFunc("actor", builderFn(true)).Params = actorParams
}

var (
	produceParams = []string{"context", "capacity", "block"}
	actorParams   = []string{"context", "capacity", "start", "onCompletion", "block"}
)

// produce starts a coroutine whose body sends into (produce) or receives
// from (actor) a channel of its own; the coroutine is the channel's
// other end, and completing closes the channel with its failure.
func (r *crt) produce(co *interp.Coroutine, this interp.Value, args []interp.Value, actor bool) (interp.Value, error) {
	scope := r.scopeOfCall(co)
	if ctx, ok := scopeCtx(this); ok {
		scope = ctx
	}
	// the capacity is the only Int argument; the rest are a builder's
	capacity := capRendezvous
	rest := make([]interp.Value, 0, len(args))
	for _, a := range args {
		if a.Kind() == interp.KInt {
			capacity = int(a.AsInt())
			continue
		}
		if !actor || !isFunction(a) || len(rest) == 0 || !isFunction(rest[len(rest)-1]) {
			rest = append(rest, a)
		}
	}
	extra, start, block, err := builderArgs(co, rest)
	if err != nil {
		return interp.Null, err
	}
	if _, _, _, err := channelArgs(co, []interp.Value{interp.Int(int32(capacity))}); err != nil {
		return interp.Null, err
	}
	ch := newChannel(capacity, ovSuspend, interp.Null)
	ctx := r.newContext(scope, extra)
	o := coroOpts{name: "ProducerCoroutine", cls: ProducerCoroutineClass, parent: r.parentOf(ctx), handles: true,
		lazy: start == sched.StartLazy, from: co}
	if actor {
		o.name, o.cls = "ActorCoroutine", ActorCoroutineClass
	}
	c, err := r.newCoro(ctx, o, block)
	if err != nil {
		return interp.Null, err
	}
	c.ext().ch, c.x.actor = ch, actor
	c.site, c.builder = co.CallSite(), bLaunch
	c.job.InvokeOnCompletion(func(cause error) {
		if actor {
			// the actor's mailbox is cancelled: senders get the cause
			if cause == nil {
				cause = r.newJobCancellation(c.job.CancelMessage(), nil, &c.job)
			}
			ch.cancel(r, cause, nil)
			return
		}
		ch.close(r, cause)
	})
	if start != sched.StartLazy {
		c.schedule()
	}
	return interp.Obj(c), nil
}
