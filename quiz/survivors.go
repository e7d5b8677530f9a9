package quiz

import (
	"cmp"
	"slices"
)

// Survivors lists who remains in round r of the play (in play and not out), best first:
// more points in the round, then less time, then who joined first.
func Survivors(p *Play, r int) []string {
	id := p.Contest.Rounds[r].ID
	var out []string
	for _, pid := range p.Active() {
		if t := p.Tallies.Of(pid, id); t == nil || !t.Out {
			out = append(out, pid)
		}
	}
	order := map[string]int{}
	for i, pid := range out {
		order[pid] = i
	}
	slices.SortStableFunc(out, func(a, b string) int {
		ta, tb := p.Tallies.Of(a, id), p.Tallies.Of(b, id)
		var pa, pb int
		var ma, mb int64
		if ta != nil {
			pa, ma = ta.Points, ta.TimeMs
		}
		if tb != nil {
			pb, mb = tb.Points, tb.TimeMs
		}
		return cmp.Or(cmp.Compare(pb, pa), cmp.Compare(ma, mb), cmp.Compare(order[a], order[b]))
	})
	return out
}
