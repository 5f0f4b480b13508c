package coroutines

// The dump of live coroutines: the coroutine forest the runtime tracks,
// printed on a deadlock, on --timeout and on SIGQUIT.

import (
	"sort"
	"strconv"
	"strings"
	"weak"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/sched"
)

// track registers a coroutine at the top of the coroutine forest the dump
// walks, until it completes: one without a parent, or whose nearest
// ancestors are jobs without a body up to a root (a child of a Job()
// that nothing else keeps: holding the coroutine keeps that root alive
// for trackJob's weak reference).
func (r *crt) track(j *sched.Job) {
	for p := j.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.Data().(*Coro); ok {
			return // the dump reaches it from that coroutine
		}
	}
	r.mu.Lock()
	if r.roots == nil {
		r.roots = map[*sched.Job]struct{}{}
	}
	r.roots[j] = struct{}{}
	r.mu.Unlock()
	j.InvokeOnCompletion(func(error) {
		r.mu.Lock()
		delete(r.roots, j)
		r.mu.Unlock()
	})
}

// trackJob registers a job without a body and without a parent (Job(),
// SupervisorJob(), CompletableDeferred(), a CoroutineScope's own job)
// for the dump, until it completes. The reference is weak: a job the
// script dropped and no coroutine runs under may be collected (a
// coroutine under it keeps it alive, see track).
func (r *crt) trackJob(j *sched.Job) {
	if j.Parent() != nil {
		return
	}
	wp := weak.Make(j)
	r.mu.Lock()
	if r.jobRoots == nil {
		r.jobRoots = map[weak.Pointer[sched.Job]]struct{}{}
	}
	if len(r.jobRoots) >= r.jobPrune {
		for k := range r.jobRoots {
			if k.Value() == nil {
				delete(r.jobRoots, k)
			}
		}
		r.jobPrune = max(64, 2*len(r.jobRoots))
	}
	r.jobRoots[wp] = struct{}{}
	r.mu.Unlock()
	j.InvokeOnCompletion(func(error) {
		r.mu.Lock()
		delete(r.jobRoots, wp)
		r.mu.Unlock()
	})
}

// dump lists the live coroutines as a tree: each job, its state and,
// for a suspended coroutine, the script line where it waits; jobs
// without a body (Job(), SupervisorJob(), CompletableDeferred()) with
// the line that created them. It is printed on a deadlock, on --timeout
// and on SIGQUIT.
func (r *crt) dump() string {
	top := map[*sched.Job]bool{}
	r.mu.Lock()
	for j := range r.roots {
		for j.Parent() != nil {
			j = j.Parent()
		}
		top[j] = true
	}
	for wp := range r.jobRoots {
		if j := wp.Value(); j != nil {
			top[j] = true
		}
	}
	r.mu.Unlock()
	roots := make([]*sched.Job, 0, len(top))
	for j := range top {
		roots = append(roots, j)
	}
	sort.Slice(roots, func(i, k int) bool { return roots[i].ID() < roots[k].ID() })
	var b strings.Builder
	b.WriteString("Coroutines still alive:\n")
	n := 0
	// past dumpFull jobs, the rest is summarised: counts by class, state
	// and place, so that a million coroutines make a short report
	counts := map[string]int{}
	type item struct {
		j     *sched.Job
		depth int
	}
	stack := make([]item, 0, len(roots))
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, item{roots[i], 0})
	}
	for len(stack) > 0 { // depth first, iteratively: job trees may be deep
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		j := it.j
		if _, hide := r.dumpHidden.Load(j); hide {
			ch := j.Children()
			for i := len(ch) - 1; i >= 0; i-- {
				stack = append(stack, item{ch[i], it.depth})
			}
			continue
		}
		n++
		place := jobPlace(j)
		if n <= dumpFull {
			if it.depth < dumpIndent {
				b.WriteString(strings.Repeat("  ", it.depth+1))
			} else {
				b.WriteString(strings.Repeat("  ", dumpIndent+1) + "(depth " + strconv.Itoa(it.depth) + ") ")
			}
			b.WriteString(j.String())
			b.WriteString(place)
			b.WriteByte('\n')
		} else {
			counts[j.Name()+"{"+j.State().String()+"}"+place]++
		}
		ch := j.Children()
		for i := len(ch) - 1; i >= 0; i-- {
			stack = append(stack, item{ch[i], it.depth + 1})
		}
	}
	if n == 0 {
		return "No coroutine is alive.\n"
	}
	if n > dumpFull {
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, k int) bool {
			if counts[keys[i]] != counts[keys[k]] {
				return counts[keys[i]] > counts[keys[k]]
			}
			return keys[i] < keys[k]
		})
		b.WriteString("  ... and " + strconv.Itoa(n-dumpFull) + " more (" + strconv.Itoa(n) + " in all), by state and place:\n")
		for i, k := range keys {
			if i == dumpPlaces {
				b.WriteString("    ... " + strconv.Itoa(len(keys)-dumpPlaces) + " other states and places\n")
				break
			}
			b.WriteString("    " + strconv.Itoa(counts[k]) + " × " + k + "\n")
		}
	}
	return b.String()
}

// The bounds of a dump: the jobs shown in full, the indentation shown,
// and the lines of the summary of the rest.
const (
	dumpFull   = 1000
	dumpIndent = 32
	dumpPlaces = 100
)

// jobPlace is what the dump says of a job after its name: where a job
// without a body was created, where a coroutine is suspended, or that it
// runs.
func jobPlace(j *sched.Job) string {
	if v, ok := j.Data().(*jobVal); ok {
		if e, ok := v.site.Entry(); ok {
			return " created at " + e.File + ":" + strconv.Itoa(e.Line)
		}
	}
	if c, ok := j.Data().(*Coro); ok {
		if vm := &c.vm; vm.IsSuspended() {
			if tr := vm.StackTrace(); len(tr) > 0 {
				return " suspended at " + tr[0].String() + c.waitPlace()
			}
		} else if c.has(fRunning) {
			// the dump holds the GIL: a running coroutine is paused at
			// a step (its loop's back jump or a call), where its frames
			// say where it is
			if tr := vm.StackTrace(); len(tr) > 0 {
				return " running at " + tr[0].String()
			}
			return " running"
		}
	}
	return ""
}

// Dump returns the dump of the live coroutines of an interpreter (for a
// host's diagnostics; the CLI prints it on SIGQUIT): a tree of jobs with
// their states and, for a suspended coroutine, the line where it waits;
// "" without kotlinx.coroutines (Install). It waits until no script code runs,
// so it is safe from any goroutine except the threads that run script
// code (natives), where it would wait for itself.
func Dump(in *interp.Interp) string {
	r := crtOf(in)
	if r == nil {
		return ""
	}
	r.lockGIL()
	defer r.gil.Unlock()
	return r.dump()
}
