package sched

import "testing"

// BenchmarkEventLoopSwitch: two tasks that re-dispatch each other on one
// event loop; one op is one task run (the scheduler's share of a yield()
// switch).
func BenchmarkEventLoopSwitch(b *testing.B) {
	rt := New(Options{VirtualTime: true})
	defer rt.Close()
	l := rt.NewEventLoop("main")
	n := 0
	var ping Task
	ping = TaskFunc(func(t *Thread) {
		n++
		if n < b.N {
			l.Dispatch(ping)
		}
	})
	l.Dispatch(ping)
	b.ResetTimer()
	if err := l.Run(func() bool { return n >= b.N }); err != nil {
		b.Fatal(err)
	}
}
