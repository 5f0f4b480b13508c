package coroutines

// Channels (kotlinx.coroutines.channels): a buffer and two FIFO queues of
// suspended coroutines, senders and receivers. Everything here runs
// under the GIL, so a channel needs no lock of its own: an operation
// either completes at once (a waiting partner or room in the buffer) or
// queues its coroutine, and the partner that arrives later completes it
// and resumes it through its dispatcher, as kotlinx does.

import (
	"math"
	"strconv"
	"strings"

	"github.com/ktcoro/ktcoro/interp"
)

// overflow is kotlinx's BufferOverflow.
type overflow uint8

const (
	ovSuspend overflow = iota
	ovDropOldest
	ovDropLatest
)

// Channel capacities as kotlinx encodes them.
const (
	capRendezvous = 0
	capUnlimited  = math.MaxInt32
	capConflated  = -1
	capBuffered   = -2
	// capDefault is what Channel.BUFFERED means (the JVM's
	// kotlinx.coroutines.channels.defaultBuffer).
	capDefault = 64
)

// channel is a Channel: the buffered elements, the coroutines suspended
// in send and in receive, and the close state. Under the GIL.
type channel struct {
	capacity int      // how many elements buf holds (capUnlimited: no bound)
	overflow overflow // what send does when buf is full
	buf      []interp.Value
	head     int // buf[head:] are the elements, oldest first
	senders  waitQueue
	recvs    waitQueue
	// closed: close or cancel was called (closed for send); cause is
	// the close cause (nil for a plain close), cancelled tells cancel.
	closed    bool
	cancelled bool
	cause     error
	// closeWait holds the producers suspended in awaitClose.
	closeWait waitQueue
	// undelivered is onUndeliveredElement (Null when none).
	undelivered interp.Value
	// onClose is invokeOnClose's handler (Null when none); closeHandled
	// records that one was registered.
	onClose      interp.Value
	closeHandled bool
}

// newChannel makes a channel as Channel(capacity, onBufferOverflow)
// does: a rendezvous or buffered channel that suspends senders, or one
// that drops elements (conflated).
func newChannel(capacity int, ov overflow, undelivered interp.Value) *channel {
	ch := &channel{overflow: ov, undelivered: undelivered, onClose: interp.Null}
	switch capacity {
	case capConflated:
		ch.capacity, ch.overflow = 1, ovDropOldest
	case capBuffered:
		ch.capacity = capDefault
		if ov != ovSuspend {
			ch.capacity = 1
		}
	case capUnlimited:
		ch.capacity, ch.overflow = capUnlimited, ovSuspend
	case capRendezvous:
		if ov != ovSuspend {
			ch.capacity = 1
		}
	default:
		ch.capacity = capacity
	}
	return ch
}

// size is the number of buffered elements.
func (ch *channel) size() int { return len(ch.buf) - ch.head }

// push appends v to the buffer.
func (ch *channel) push(v interp.Value) {
	if ch.head > 0 && ch.head == len(ch.buf) {
		ch.buf, ch.head = ch.buf[:0], 0
	} else if ch.head > 32 && ch.head*2 > len(ch.buf) {
		n := copy(ch.buf, ch.buf[ch.head:])
		clear(ch.buf[n:])
		ch.buf, ch.head = ch.buf[:n], 0
	}
	ch.buf = append(ch.buf, v)
}

// pop removes and returns the oldest buffered element.
func (ch *channel) pop() interp.Value {
	v := ch.buf[ch.head]
	ch.buf[ch.head] = interp.Value{}
	ch.head++
	return v
}

// closedForReceive reports whether nothing can be received any more.
func (ch *channel) closedForReceive() bool {
	return ch.closed && ch.size() == 0 && ch.senders.empty()
}

// sendError is what a send to the closed channel throws.
func (ch *channel) sendError(r *crt) error {
	if ch.cause != nil {
		return ch.cause
	}
	return r.in.NewError("kotlinx.coroutines.channels.ClosedSendChannelException", "Channel was closed")
}

// receiveError is what a receive from the closed, empty channel throws.
func (ch *channel) receiveError(r *crt) error {
	if ch.cause != nil {
		return ch.cause
	}
	return r.in.NewError("kotlinx.coroutines.channels.ClosedReceiveChannelException", "Channel was closed")
}

// offer is a send that does not suspend: it hands v to a waiting
// receiver, buffers it, or drops an element as the overflow mode says.
// It reports false when the sender would have to suspend (or the
// channel is closed: closed tells).
func (ch *channel) offer(r *crt, v interp.Value) (ok, closed bool) {
	if ch.closed {
		return false, true
	}
	for w := ch.recvs.first(); w != nil; w = ch.recvs.first() {
		if w.take(r, v) {
			return true, false
		}
	}
	if ch.size() < ch.capacity {
		ch.push(v)
		return true, false
	}
	switch ch.overflow {
	case ovDropOldest:
		old := ch.pop()
		ch.push(v)
		ch.drop(r, old)
		return true, false
	case ovDropLatest:
		ch.drop(r, v)
		return true, false
	}
	return false, false
}

// poll is a receive that does not suspend: the oldest buffered element
// (moving a suspended sender's element into the buffer), or a suspended
// sender's element. ok is false when there is none.
func (ch *channel) poll(r *crt) (v interp.Value, ok bool) {
	if ch.size() > 0 {
		v = ch.pop()
		if s := ch.senders.first(); s != nil {
			ch.senders.remove(s)
			ch.push(s.val)
			s.resume(r, interp.Unit, nil)
		}
		return v, true
	}
	if s := ch.senders.first(); s != nil {
		ch.senders.remove(s)
		s.resume(r, interp.Unit, nil)
		return s.val, true
	}
	return interp.Null, false
}

// drop hands an element the channel will never deliver to
// onUndeliveredElement.
func (ch *channel) drop(r *crt, v interp.Value) {
	if ch.undelivered.IsNull() {
		return
	}
	if _, err := r.callSync(ch.undelivered, v); err != nil {
		r.printUncaught(err)
	}
}

// close closes the channel for send with cause (nil: normally); it
// reports false when it was closed already. The receivers waiting (the
// buffer is empty then) get the close; the senders waiting keep their
// elements for the receivers to come.
func (ch *channel) close(r *crt, cause error) bool {
	if ch.closed {
		return false
	}
	ch.closed, ch.cause = true, cause
	for w := ch.closeWait.first(); w != nil; w = ch.closeWait.first() {
		ch.closeWait.remove(w)
		w.resume(r, interp.Unit, nil)
	}
	if ch.senders.empty() {
		for w := ch.recvs.first(); w != nil; w = ch.recvs.first() {
			w.closed(r, ch)
		}
	}
	ch.invokeCloseHandler(r)
	return true
}

// invokeCloseHandler calls invokeOnClose's handler once the channel is
// closed.
func (ch *channel) invokeCloseHandler(r *crt) {
	h := ch.onClose
	if h.IsNull() {
		return
	}
	ch.onClose = interp.Null
	arg := interp.Null
	if ch.cause != nil {
		arg = excValue(r.in, ch.cause)
	}
	if _, err := r.callSync(h, arg); err != nil {
		r.printUncaught(err)
	}
}

// cancel closes the channel with cause and discards what it holds: the
// buffered elements (newest first) and those of the suspended senders go
// to onUndeliveredElement, the senders get cause. co, the coroutine of
// the native that cancels (nil from a completion handler), polls the
// limits while the elements are handed over; its error is the limit's.
func (ch *channel) cancel(r *crt, cause error, co *interp.Coroutine) error {
	ch.close(r, cause)
	ch.cancelled = true
	if !ch.undelivered.IsNull() {
		for i := 0; ch.size() > 0; i++ {
			if co != nil {
				if err := co.WorkAt(i); err != nil {
					return err
				}
			}
			v := ch.buf[len(ch.buf)-1]
			ch.buf[len(ch.buf)-1] = interp.Value{}
			ch.buf = ch.buf[:len(ch.buf)-1]
			ch.drop(r, v)
		}
	}
	ch.buf, ch.head = nil, 0
	for s := ch.senders.first(); s != nil; s = ch.senders.first() {
		ch.senders.remove(s)
		ch.drop(r, s.val)
		s.resume(r, interp.Null, ch.cause)
	}
	for w := ch.recvs.first(); w != nil; w = ch.recvs.first() {
		w.closed(r, ch)
	}
	return nil
}

// String is kotlinx's BufferedChannel.toString.
func (ch *channel) String(co *interp.Coroutine) (string, error) {
	var b strings.Builder
	switch {
	case ch.cancelled:
		b.WriteString("cancelled,")
	case ch.closed:
		b.WriteString("closed,")
	}
	b.WriteString("capacity=")
	b.WriteString(strconv.Itoa(ch.capacity))
	b.WriteString(",data=[")
	for i, v := range ch.buf[ch.head:] {
		if err := co.WorkAt(i); err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteString(",")
		}
		s, err := co.ToString(v)
		if err != nil {
			return "", err
		}
		b.WriteString("(<BUFFERED>,")
		b.WriteString(s)
		b.WriteString(")")
	}
	b.WriteString("]")
	return b.String(), nil
}

// ---- waiting coroutines ----

// waitKind is what a suspended coroutine waits for in a channel.
type waitKind uint8

const (
	wReceive         waitKind = iota // receive(): resumed with the element
	wReceiveCatching                 // receiveCatching(): with a ChannelResult
	wHasNext                         // ChannelIterator.hasNext(): with true or false
	wNext                            // a for loop's step: with the iterator itself
	wSend                            // send(val): with Unit
	wSelect                          // a clause of a select (see select.go)
	wClose                           // awaitClose: with Unit
)

// waiter is a coroutine suspended in a channel operation, in one of its
// queues.
type waiter struct {
	links[waiter]
	ch     *channel
	c      *Coro
	gen    uint32
	kind   waitKind
	val    interp.Value // wSend: the element
	it     *chanIter    // wHasNext, wNext
	sel    *selector    // wSelect
	clause int          // wSelect: the clause's index
}

// waitQueue is a FIFO of waiters.
type waitQueue = fifo[waiter, *waiter]

func (w *waiter) link() *links[waiter] { return &w.links }

// unlink takes w out of the queue it is in, if any.
func (w *waiter) unlink() {
	if q, ok := w.q.(*waitQueue); ok {
		q.remove(w)
	}
}

// leave implements queued: the coroutine's suspension was cancelled; a
// sender's element goes to onUndeliveredElement.
func (w *waiter) leave() {
	if w.q == nil {
		return
	}
	w.unlink()
	if w.kind == wSend {
		w.ch.drop(w.c.r, w.val)
	}
}

// lost implements losing: the element a receiver was resumed with, but
// that its cancellation took, is undelivered (kotlinx's prompt
// cancellation).
func (w *waiter) lost(v interp.Value) {
	r := w.c.r
	switch w.kind {
	case wReceive:
		w.ch.drop(r, v)
	case wReceiveCatching:
		if res, ok := v.AsObject().(*chanResult); ok && res.kind == resValue {
			w.ch.drop(r, res.v)
		}
	case wHasNext, wNext:
		if w.it.has {
			w.it.has = false
			w.ch.drop(r, w.it.elem)
		}
	}
}

// resume resumes the waiter's coroutine with v or err (a select's
// onSend clause: the select wins with that clause).
func (w *waiter) resume(r *crt, v interp.Value, err error) {
	if w.kind == wSelect {
		w.sel.win(r, w.clause, v, err)
		return
	}
	w.c.fire(w.gen, v, err)
}

// take hands the element v to a waiting receiver, taking it out of the
// queue; false when the waiter could not take it (a select that another
// clause has won meanwhile).
func (w *waiter) take(r *crt, v interp.Value) bool {
	w.unlink()
	switch w.kind {
	case wReceive:
		w.resume(r, v, nil)
	case wReceiveCatching:
		w.resume(r, interp.Obj(&chanResult{kind: resValue, v: v}), nil)
	case wHasNext:
		w.it.elem, w.it.has = v, true
		w.resume(r, interp.True, nil)
	case wNext:
		w.it.elem, w.it.has = v, true
		w.resume(r, interp.Obj(w.it), nil)
	case wSelect:
		return w.sel.win(r, w.clause, v, nil)
	}
	return true
}

// closed resumes a waiting receiver with the close of ch.
func (w *waiter) closed(r *crt, ch *channel) {
	w.unlink()
	switch w.kind {
	case wReceive:
		w.resume(r, interp.Null, ch.receiveError(r))
	case wReceiveCatching:
		w.resume(r, interp.Obj(&chanResult{kind: resClosed, cause: ch.cause}), nil)
	case wHasNext:
		w.it.done = true
		if ch.cause != nil {
			w.resume(r, interp.Null, ch.cause)
			return
		}
		w.resume(r, interp.False, nil)
	case wNext:
		w.it.done = true
		w.resume(r, interp.Obj(w.it), nil)
	case wSelect:
		w.sel.closed(r, w.clause, ch)
	}
}

// ---- suspending operations ----

// send is SendChannel.send.
func (ch *channel) send(co *interp.Coroutine, v interp.Value) (interp.Value, error) {
	c, err := current(co, "send")
	if err != nil {
		return interp.Null, err
	}
	r := c.r
	if c.job.IsCancelled() {
		ch.drop(r, v)
		return interp.Null, c.cancellationException()
	}
	if ok, closed := ch.offer(r, v); ok {
		return interp.Unit, nil
	} else if closed {
		ch.drop(r, v)
		return interp.Null, ch.sendError(r)
	}
	return interp.Null, ch.wait(co, c, &ch.senders, waiter{kind: wSend, val: v})
}

// wait suspends c (running the native of co) in queue q of the channel
// as w says, through the waiter kept in c's side struct, and returns
// interp.ErrSuspend, or the error that kept it from suspending.
func (ch *channel) wait(co *interp.Coroutine, c *Coro, q *waitQueue, w waiter) error {
	gen, err := c.suspend(co, true)
	if err != nil {
		return err
	}
	x := c.ext()
	w.ch, w.c, w.gen = ch, c, gen
	x.w = w
	q.add(&x.w)
	x.queue = &x.w
	c.park()
	return interp.ErrSuspend
}

// receive suspends the caller until an element or the close arrives
// (receive, receiveCatching, an iterator's hasNext or a for loop's step,
// as kind says); the element, when there is one at once, is returned
// with ok set.
func (ch *channel) receive(co *interp.Coroutine, kind waitKind, it *chanIter) (v interp.Value, ok bool, err error) {
	c, err := currentActive(co, "receive")
	if err != nil {
		return interp.Null, false, err
	}
	r := c.r
	if v, ok := ch.poll(r); ok {
		return v, true, nil
	}
	if ch.closed {
		return interp.Null, false, nil
	}
	return interp.Null, false, ch.wait(co, c, &ch.recvs, waiter{kind: kind, it: it})
}

// awaitClose suspends the producer until the channel is closed (or the
// producer cancelled).
func (ch *channel) awaitClose(co *interp.Coroutine) (interp.Value, error) {
	c, err := currentActive(co, "awaitClose")
	if err != nil {
		return interp.Null, err
	}
	if ch.closed {
		return interp.Unit, nil
	}
	return interp.Null, ch.wait(co, c, &ch.closeWait, waiter{kind: wClose})
}

// waitPlace tells the dump what a coroutine suspended in a channel
// operation or a select waits for: ", in receive() on channel@1a2b3c
// (capacity=0, buffered=0, senders=0, receivers=2)". The caller holds the
// GIL.
func (c *Coro) waitPlace() string {
	if c.x == nil {
		return ""
	}
	switch q := c.x.queue.(type) {
	case *waiter:
		if q.q == nil {
			return ""
		}
		return ", in " + waitOps[q.kind] + " on " + q.ch.describe()
	case *selector:
		if q.done {
			return ""
		}
		var b strings.Builder
		b.WriteString(", in select on ")
		for i := range q.clauses {
			if i > 0 {
				b.WriteString(", ")
			}
			if i == 8 {
				b.WriteString("...")
				break
			}
			cl := &q.clauses[i]
			b.WriteString(clauseNames[cl.kind])
			if cl.ch != nil {
				b.WriteString(" of " + cl.ch.describe())
			}
		}
		return b.String()
	}
	return flowWaitPlace(c.x.queue)
}

var (
	waitOps     = [...]string{wReceive: "receive()", wReceiveCatching: "receiveCatching()", wHasNext: "hasNext()", wNext: "a for loop", wSend: "send()", wSelect: "select", wClose: "awaitClose()"}
	clauseNames = [...]string{clReceive: "onReceive", clReceiveCatching: "onReceiveCatching", clSend: "onSend", clAwait: "onAwait", clJoin: "onJoin", clTimeout: "onTimeout"}
)

// describe names the channel in the dump: its identity and state.
func (ch *channel) describe() string {
	return "channel@" + interp.IdentityHex(ch) + " (capacity=" + strconv.Itoa(ch.capacity) + ", buffered=" + strconv.Itoa(ch.size()) +
		", senders=" + strconv.Itoa(ch.senders.len()) + ", receivers=" + strconv.Itoa(ch.recvs.len()) + ")"
}

// ---- iteration ----

// chanIter is a ChannelIterator: hasNext() suspends for the next element
// and keeps it for next(); a for loop over a channel uses it through
// interp.Iterator, whose Next suspends the same way.
type chanIter struct {
	ch   *channel
	elem interp.Value
	has  bool // elem is the next element
	done bool // the channel was closed (hasNext returned false)
}

// Class implements interp.Object.
func (*chanIter) Class() *interp.Class { return ChannelIteratorClass }

// Next implements interp.Iterator: the for loop's step. When it must
// wait it suspends; the coroutine is resumed with the iterator itself,
// and the loop asks Next again.
func (it *chanIter) Next(co *interp.Coroutine) (interp.Value, bool, error) {
	if it.has {
		it.has = false
		v := it.elem
		it.elem = interp.Value{}
		return v, true, nil
	}
	ch := it.ch
	if it.done || ch.closedForReceive() {
		it.done = true
		if ch.cause != nil {
			return interp.Null, false, ch.cause
		}
		return interp.Null, false, nil
	}
	v, ok, err := ch.receive(co, wNext, it)
	if err != nil || ok {
		return v, ok, err
	}
	// closed with nothing to receive
	it.done = true
	if ch.cause != nil {
		return interp.Null, false, ch.cause
	}
	return interp.Null, false, nil
}

// hasNext is ChannelIterator.hasNext.
func (it *chanIter) hasNext(co *interp.Coroutine) (interp.Value, error) {
	if it.has {
		return interp.True, nil
	}
	ch := it.ch
	if !it.done && !ch.closedForReceive() {
		v, ok, err := ch.receive(co, wHasNext, it)
		if err != nil {
			return interp.Null, err
		}
		if ok {
			it.elem, it.has = v, true
			return interp.True, nil
		}
	}
	it.done = true
	if ch.cause != nil {
		return interp.Null, ch.cause
	}
	return interp.False, nil
}

// next is ChannelIterator.next.
func (it *chanIter) next(co *interp.Coroutine) (interp.Value, error) {
	if !it.has {
		if it.done {
			return interp.Null, it.ch.receiveError(rOf(co))
		}
		return interp.Null, co.Errorf("java.lang.IllegalStateException", "'hasNext' should be called prior to 'next' invocation")
	}
	it.has = false
	v := it.elem
	it.elem = interp.Value{}
	return v, nil
}

// ---- ChannelResult ----

// resKind tells the three states of a ChannelResult.
type resKind uint8

const (
	resValue resKind = iota
	resFailed
	resClosed
)

// chanResult is a ChannelResult: trySend's, tryReceive's and
// receiveCatching's outcome.
type chanResult struct {
	kind  resKind
	v     interp.Value // resValue
	cause error        // resClosed: the close cause (nil: closed normally)
}

// Class implements interp.Object.
func (*chanResult) Class() *interp.Class { return ChannelResultClass }

// KString implements interp.Stringer: Value(v), Value(Failed) or
// Closed(cause), as kotlinx prints them.
func (res *chanResult) KString(co *interp.Coroutine) (string, error) {
	switch res.kind {
	case resFailed:
		return "Value(Failed)", nil
	case resClosed:
		s := "null"
		if res.cause != nil {
			var err error
			if s, err = co.ToString(excValue(co.Interp(), res.cause)); err != nil {
				return "", err
			}
		}
		return "Closed(" + s + ")", nil
	}
	s, err := co.ToString(res.v)
	return "Value(" + s + ")", err
}
