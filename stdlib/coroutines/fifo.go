package coroutines

// fifo is a first-in, first-out queue of suspended coroutines (a
// channel's senders or receivers, a semaphore's waiters): a doubly linked
// list through the links each element embeds, so that a waiter whose
// suspension is cancelled leaves it at once. Under the GIL.
type fifo[T any, P linked[T]] struct {
	head, tail P
	n          int
}

// links are an element's place in a fifo: q is the queue it is in
// (nil when none).
type links[T any] struct {
	q          any
	prev, next *T
}

// linked is a pointer to an element that embeds its links.
type linked[T any] interface {
	*T
	link() *links[T]
}

func (q *fifo[T, P]) empty() bool { return q.head == nil }
func (q *fifo[T, P]) first() P    { return q.head }
func (q *fifo[T, P]) len() int    { return q.n }

// add appends w.
func (q *fifo[T, P]) add(w P) {
	l := w.link()
	q.n++
	l.q, l.prev, l.next = q, q.tail, nil
	if q.tail != nil {
		q.tail.link().next = w
	} else {
		q.head = w
	}
	q.tail = w
}

// remove takes w out, when it is in q.
func (q *fifo[T, P]) remove(w P) {
	l := w.link()
	if l.q != any(q) {
		return
	}
	q.n--
	if l.prev != nil {
		P(l.prev).link().next = l.next
	} else {
		q.head = l.next
	}
	if l.next != nil {
		P(l.next).link().prev = l.prev
	} else {
		q.tail = l.prev
	}
	l.q, l.prev, l.next = nil, nil, nil
}
