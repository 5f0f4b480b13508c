package interp

import (
	"sort"

	"github.com/ktcoro/ktcoro/lang"
)

// "Did you mean": an unresolved name close to a name in scope (a local, a
// top-level declaration or a built-in) gets that name as a note.

// unresolvedName reports name as unresolved at pos, with a note naming
// the closest name in scope when one is close enough.
func (fc *funcCompiler) unresolvedName(pos lang.Pos, name string) {
	fc.c.unresolved(pos, name)
	if s := fc.closestName(name); s != "" {
		l := fc.c.errs
		if n := len(l); n > 0 && l[n-1].Pos == pos {
			l[n-1].Notes = append(l[n-1].Notes, "did you mean '"+s+"'?")
		}
	}
}

// closestName returns the name in scope nearest to name in edit
// distance, if within len(name)/3 edits ("" otherwise, and for names
// shorter than three characters); ties go to the alphabetically first.
func (fc *funcCompiler) closestName(name string) string {
	if len(name) < 3 {
		return ""
	}
	var cands []string
	for f := fc; f != nil; f = f.parent {
		for sc := f.sc; sc != nil; sc = sc.parent {
			for n := range sc.vars {
				cands = append(cands, n)
			}
		}
	}
	for n := range fc.c.globals {
		cands = append(cands, n)
	}
	for n := range fc.c.in.builtins {
		cands = append(cands, n)
	}
	sort.Strings(cands)
	best, bestD := "", len(name)/3+1
	for _, n := range cands {
		if n == name || len(n) < 2 || !isIdentifier(n) || n[0] == '_' {
			continue
		}
		if d := editDistance(name, n, bestD); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (adjacent swaps count
// one) of a and b, or limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit)
}
