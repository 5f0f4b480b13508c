package stdlib

import (
	"fmt"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds MatchResult (kotlin.text): its value, range, groups
// (by number and by name, null for a group that did not take part),
// groupValues, destructured and next, and the lazy sequence findAll
// returns.

// Classes of a match: kotlin.text.MatchResult, its groups collection
// (a List, indexed by number or by name), MatchGroup and Destructured.
var (
	MatchResultClass  = interp.NewClass("MatchResult", "kotlin.text.MatchResult", interp.AnyClass)
	MatchGroupsClass  = interp.NewClass("MatchNamedGroupCollection", "kotlin.text.MatchNamedGroupCollection", interp.AnyClass, interp.ListClass)
	MatchGroupClass   = interp.NewClass("MatchGroup", "kotlin.text.MatchGroup", interp.AnyClass)
	DestructuredClass = interp.NewClass("Destructured", "kotlin.text.MatchResult.Destructured", interp.AnyClass)
)

// MatchResult is one match of a Regex in an input. It is immutable: safe
// from any goroutine.
type MatchResult struct {
	re    *Regex
	input string
	loc   []int // byte offsets of the groups, -1 for a group that did not take part
}

// Class implements interp.Object.
func (*MatchResult) Class() *interp.Class { return MatchResultClass }

// KString implements interp.Stringer, as the JVM prints a MatchResult
// (its class and identity).
func (m *MatchResult) KString(co *interp.Coroutine) (string, error) {
	return fmt.Sprintf("kotlin.text.MatcherMatchResult@%x", uint32(interp.IdentityHash(m))), nil
}

// result returns the MatchResult of loc in s, null for no match.
func (r *Regex) result(s string, loc []int) kval {
	if loc == nil {
		return vnull
	}
	return interp.Obj(&MatchResult{re: r, input: s, loc: loc})
}

func (m *MatchResult) value(i int) kval {
	if m.loc[2*i] < 0 {
		return vnull
	}
	return interp.String(m.input[m.loc[2*i]:m.loc[2*i+1]])
}

func (m *MatchResult) rangeOf(i int) kval {
	a, b := byteToU16(m.input, m.loc[2*i]), byteToU16(m.input, m.loc[2*i+1])
	return interp.RangeOf(int64(a), int64(b-1), 1, interp.KInt)
}

// group returns the MatchGroup of group i, null when it did not take
// part in the match.
func (m *MatchResult) group(i int) kval {
	if m.loc[2*i] < 0 {
		return vnull
	}
	return interp.Obj(&MatchGroup{Value: m.value(i).AsString(), m: m, i: i})
}

// MatchGroup is kotlin.text.MatchGroup: a group's value and range. It is
// immutable: safe from any goroutine.
type MatchGroup struct {
	Value string // the text of the group
	m     *MatchResult
	i     int
}

// Class implements interp.Object.
func (*MatchGroup) Class() *interp.Class { return MatchGroupClass }

// KString implements interp.Stringer, as the data class prints.
func (g *MatchGroup) KString(co *interp.Coroutine) (string, error) {
	r, err := co.ToString(g.m.rangeOf(g.i))
	if err == nil {
		err = allocText(co, len(g.Value)+len(r)+32)
	}
	return "MatchGroup(value=" + g.Value + ", range=" + r + ")", err
}

// KEquals implements interp.Equaler: equal values and ranges.
func (g *MatchGroup) KEquals(co *interp.Coroutine, other kval) (bool, error) {
	o, ok := other.AsObject().(*MatchGroup)
	if !ok {
		return false, nil
	}
	a, b := g.m.loc[2*g.i:2*g.i+2], o.m.loc[2*o.i:2*o.i+2]
	return g.Value == o.Value && byteToU16(g.m.input, a[0]) == byteToU16(o.m.input, b[0]), nil
}

// KHashCode implements interp.Hasher.
func (g *MatchGroup) KHashCode(co *interp.Coroutine) (int32, error) {
	return co.HashCode(interp.String(g.Value))
}

// destructured is MatchResult.Destructured: the values of the groups
// from 1 on, as componentN and toList.
type destructured struct{ m *MatchResult }

// Class implements interp.Object.
func (*destructured) Class() *interp.Class { return DestructuredClass }

// groupValues returns the values of the groups from group first on, ""
// for a group that did not take part.
func (m *MatchResult) groupValues(co *interp.Coroutine, first int) (kval, error) {
	n := len(m.loc)/2 - first
	if err := allocValues(co, n); err != nil {
		return vnull, err
	}
	out := make([]kval, 0, n)
	for i := first; 2*i < len(m.loc); i++ {
		g := m.value(i)
		if g.IsNull() {
			g = interp.String("")
		}
		out = append(out, g)
	}
	return interp.Obj(interp.NewList(out)), nil
}

// groupByName returns the group called name, or throws as Java does.
func (m *MatchResult) groupByName(co *interp.Coroutine, name string) (kval, error) {
	k := m.re.groupIndex(name)
	if k < 0 {
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "No group with name <%s>", name)
	}
	return m.group(k), nil
}

func initMatchResult() {
	mr := MatchResultClass
	mp := func(name string, fn func(co *interp.Coroutine, m *MatchResult) (kval, error)) {
		mr.AddProp(name, func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
			return fn(co, this.AsObject().(*MatchResult))
		})
	}
	mp("value", func(co *interp.Coroutine, m *MatchResult) (kval, error) { return m.value(0), nil })
	mp("range", func(co *interp.Coroutine, m *MatchResult) (kval, error) { return m.rangeOf(0), nil })
	mp("groupValues", func(co *interp.Coroutine, m *MatchResult) (kval, error) { return m.groupValues(co, 0) })
	mp("groups", func(co *interp.Coroutine, m *MatchResult) (kval, error) {
		n := len(m.loc) / 2
		if err := allocValues(co, n); err != nil {
			return vnull, err
		}
		out := make([]kval, n)
		for i := range out {
			out[i] = m.group(i)
		}
		// group 0 always took part: its MatchGroup leads to m
		return interp.Obj(interp.NewListOf(MatchGroupsClass, out)), nil
	})
	mp("destructured", func(co *interp.Coroutine, m *MatchResult) (kval, error) {
		return interp.Obj(&destructured{m}), nil
	})
	mr.AddMethod("next", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		m := this.AsObject().(*MatchResult)
		from := nextFrom(m.input, m.loc)
		if from < 0 {
			return vnull, nil
		}
		loc, err := m.re.findAt(co, m.input, from)
		return m.re.result(m.input, loc), err
	})

	gc := MatchGroupsClass
	gc.AddMethod("get", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		l := this.AsObject().(*interp.List)
		if args[0].Kind() == interp.KString {
			return l.Elems[0].AsObject().(*MatchGroup).m.groupByName(co, args[0].AsString())
		}
		i, err := kListIndex(co, l, args[0])
		if err != nil {
			return vnull, err
		}
		return l.Elems[i], nil
	})

	g := MatchGroupClass
	g.AddProp("value", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.String(this.AsObject().(*MatchGroup).Value), nil
	})
	g.AddProp("range", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		mg := this.AsObject().(*MatchGroup)
		return mg.m.rangeOf(mg.i), nil
	})
	g.AddMethod("component1", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.String(this.AsObject().(*MatchGroup).Value), nil
	})
	g.AddMethod("component2", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		mg := this.AsObject().(*MatchGroup)
		return mg.m.rangeOf(mg.i), nil
	})

	d := DestructuredClass
	for k := 1; k <= 10; k++ {
		d.AddMethod(fmt.Sprintf("component%d", k), func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
			m := this.AsObject().(*destructured).m
			if 2*k >= len(m.loc) {
				return vnull, co.Errorf("java.lang.IndexOutOfBoundsException", "No group %d", k)
			}
			v := m.value(k)
			if v.IsNull() {
				v = interp.String("")
			}
			return v, nil
		})
	}
	d.AddMethod("toList", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return this.AsObject().(*destructured).m.groupValues(co, 1)
	})
	d.AddProp("match", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.Obj(this.AsObject().(*destructured).m), nil
	})
}

// matchIter iterates over the matches of a regex lazily, fetching them
// in growing batches.
type matchIter struct {
	r     *Regex
	s     string
	from  int // where the next batch starts, -1 after the last
	batch int
	buf   [][]int
}

// Class implements interp.Object.
func (*matchIter) Class() *interp.Class { return iterImplClass }

// fill fetches the next batch of matches when the buffer is empty; it
// reports whether there is a match to take.
func (it *matchIter) fill(co *interp.Coroutine) (bool, error) {
	if len(it.buf) > 0 {
		return true, nil
	}
	if it.from < 0 {
		return false, nil
	}
	it.batch = min(max(it.batch*4, 16), 4096)
	locs, err := it.r.findAll(co, it.s, it.from, it.batch)
	if err != nil {
		return false, err
	}
	if len(locs) < it.batch {
		it.from = -1
	} else {
		it.from = nextFrom(it.s, locs[len(locs)-1])
	}
	it.buf = locs
	return len(locs) > 0, nil
}

func (it *matchIter) hasNext(co *interp.Coroutine) (bool, error) { return it.fill(co) }

// Next implements interp.Iterator.
func (it *matchIter) Next(co *interp.Coroutine) (kval, bool, error) {
	if ok, err := it.fill(co); !ok || err != nil {
		return vnull, false, err
	}
	loc := it.buf[0]
	it.buf = it.buf[1:]
	return it.r.result(it.s, loc), true, nil
}

// matchSequence is findAll: a lazy sequence of the matches from byte
// from on.
func (r *Regex) matchSequence(co *interp.Coroutine, s string, from int) (kval, error) {
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		return &matchIter{r: r, s: s, from: from}, nil
	}), nil
}

// listSequence returns a sequence over the elements of a list.
func listSequence(l kval) kval {
	return seqV(func(co *kCoro) (interp.Iterator, error) { return kIteratorOf(co, l) })
}
