package main

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// rescueSpec is the -rescue flag: whom the organiser brings back after the first reveal of
// an elimination round.
type rescueSpec struct {
	all  bool
	n    int     // the best n, when set
	frac float64 // else this share of the eliminated (at least one)
}

// parseRescue reads -rescue: "all", a number of contestants, or a share of the eliminated
// such as "10%".
func parseRescue(s string) (rescueSpec, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "all":
		return rescueSpec{all: true}, nil
	case strings.HasSuffix(s, "%"):
		f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil || f <= 0 || f > 100 {
			return rescueSpec{}, fmt.Errorf("-rescue %q: want a share between 0%% and 100%%", s)
		}
		return rescueSpec{frac: f / 100}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return rescueSpec{}, fmt.Errorf("-rescue %q: want all, a number of contestants from 1, or a share such as 10%%", s)
	}
	return rescueSpec{n: n}, nil
}

// best is how many of eliminated contestants the rescue names with best: n (0 with all).
func (s rescueSpec) best(eliminated int) int {
	switch {
	case s.all:
		return 0
	case s.n > 0:
		return s.n
	}
	return share(s.frac, eliminated)
}

// survivorSeen is one survivors frame as a phone was sent it.
type survivorSeen struct {
	out            bool
	count, rescued int
}

// elimPhone is what a phone keeps of an elimination round: per question whether its reveal
// said it is out and whether its answer was refused as eliminated, and every survivors frame.
type elimPhone struct {
	resultOut, resultGot []bool
	seen                 []survivorSeen
}

func newElimPhone(questions int) *elimPhone {
	return &elimPhone{resultOut: make([]bool, questions), resultGot: make([]bool, questions)}
}

// onSurvivors records a survivors frame; the k-th one a phone gets belongs to the driver's
// k-th event (a reveal or a rescue), which waits for every phone's before it goes on.
func (p *phone) onSurvivors(f livetest.Frame) {
	if p.elim == nil {
		p.problem("unexpected frame %s", f.Raw)
		return
	}
	var sv wire.Survivors
	if err := f.Decode(&sv); err != nil || sv.Me == nil {
		p.problem("a survivors frame without this phone's place: %s", f.Raw)
		return
	}
	k := len(p.elim.seen)
	p.elim.seen = append(p.elim.seen, survivorSeen{out: sv.Me.Out, count: sv.Count, rescued: sv.Rescued})
	if k >= len(p.r.elim.events) {
		p.problem("survivors frame %d, the organiser made %d reveals and rescues at most: %s", k+1, len(p.r.elim.events), f.Raw)
		return
	}
	p.r.elim.events[k].phones.mark(p.i)
}

// expectedRefusal takes in the refusals a round kind makes on purpose: an answer of a phone
// that is out of an elimination round, a press after the buzzer's winner was named. It
// reports whether e was one.
func (p *phone) expectedRefusal(e wire.Error, a *answerState) bool {
	switch {
	case p.elim != nil && e.Code == "eliminated" && a != nil:
		a.failed, a.refused = true, true
		p.r.refused.Add(1)
		if p.st.Drop == dropAfterAck && !p.dropped {
			// The refusal is its answer's end, as an ack would be: it drops now, as planned.
			p.dropC = time.After(time.Duration(rand.Int64N(int64(50 * time.Millisecond))))
		}
		p.maybeSettle()
		return true
	case p.buzz != nil && (e.Code == "buzz_taken" || e.Code == "buzz_out") && e.ItemID == p.itemID && p.q >= 0:
		p.onBuzzTaken(e.Code == "buzz_out")
		return true
	}
	return false
}

// elimEvent is one thing the organiser did that sends a survivors frame: the reveal of a
// question or a rescue, with the frame the host socket got for it.
type elimEvent struct {
	phones *countdown // every phone holds its survivors frame

	// Set by the driver alone.
	question int // the question revealed, or -1 for a rescue
	all      bool
	best     int
	host     *wire.Survivors
}

// elimRun is the organiser's side of an elimination round: its events in order.
type elimRun struct {
	rescue rescueSpec
	events []*elimEvent
	used   int
}

// newElimRun makes room for a reveal per question and a rescue after each.
func newElimRun(spec rescueSpec, players, joined, questions int) *elimRun {
	e := &elimRun{rescue: spec, events: make([]*elimEvent, 2*questions)}
	for i := range e.events {
		e.events[i] = &elimEvent{phones: newCountdown(players, joined), question: -1}
	}
	return e
}

// eliminationQuestion plays question q of an elimination round: as a quiz question up to the
// results, then every phone's survivors frame; after the first question (and whenever
// nobody remains) a rescue; then the standings.
func (r *run) eliminationQuestion(ctx context.Context, q int) error {
	fanout, settled, results, err := r.playItem(ctx, q)
	if err != nil {
		return err
	}
	sv, err := r.awaitSurvivors(ctx, q, fmt.Sprintf("question %d", q+1))
	if err != nil {
		return err
	}
	line := fmt.Sprintf("question %d/%d: item at every phone %s; all answered and back %s; reveal to every result %s; %d remain",
		q+1, r.cfg.Questions, fanout, settled, results, sv.Count)
	eliminated := sv.Players - sv.Count
	switch {
	case q == 0 && eliminated > 0 || sv.Count == 0 && q < r.cfg.Questions-1:
		spec := r.elim.rescue
		if sv.Count == 0 {
			spec = rescueSpec{all: true} // nobody left to play the next question
		}
		at := r.clock()
		args := map[string]any{"reason": "Cứu trợ thử tải"}
		best := spec.best(eliminated)
		if best > 0 {
			args["best"] = best
		} else {
			args["all"] = true
		}
		ev := r.elim.events[r.elim.used]
		ev.all, ev.best = best == 0, best
		if err := r.commandWith(ctx, "rescue", args); err != nil {
			return err
		}
		sv, err := r.awaitSurvivors(ctx, -1, fmt.Sprintf("the rescue after question %d", q+1))
		if err != nil {
			return err
		}
		r.rescued.Add(int64(sv.Rescued))
		line += fmt.Sprintf("; rescue of %d to every phone %s, %d remain", sv.Rescued, r.since(at), sv.Count)
	}
	quiet()
	standingsAt := r.clock()
	if err := r.command(ctx, "standings"); err != nil {
		return err
	}
	r.awaitMe(ctx, r.barriers[q], standingsAt.at, fmt.Sprintf("question %d", q+1))
	r.logf("%s; standings to every rank %s", line, r.since(standingsAt))
	return nil
}

// awaitSurvivors waits for the survivors frame of the next event on the host socket and on
// every phone, and returns the host's.
func (r *run) awaitSurvivors(ctx context.Context, question int, what string) (wire.Survivors, error) {
	k := r.elim.used
	if k >= len(r.elim.events) {
		return wire.Survivors{}, fmt.Errorf("%s: more reveals and rescues than loadgen keeps", what)
	}
	ev := r.elim.events[k]
	ev.question = question
	r.elim.used++
	var sv wire.Survivors
	if !r.host.await(ctx, 30*time.Second, func() bool {
		if len(r.host.survivors) > k {
			sv = r.host.survivors[k]
		}
		return len(r.host.survivors) > k
	}) {
		return sv, fmt.Errorf("%s: the host socket got no survivors frame", what)
	}
	ev.host = &sv
	if missing := ev.phones.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("%s: %d phones never got the survivors frame", what, missing))
	}
	return sv, nil
}

// elimOutcome is what one phone did in an elimination round and was told.
type elimOutcome struct {
	Phone     int
	JoinOrder int
	Actions   []action // per question, as planned
	Acked     []bool   // per question, its answer was acked
	Refused   []bool   // per question, its answer was refused as eliminated
	Points    []int    // per question, the points of its result
	ResultOut []bool   // per question, result.out of its reveal
	ResultGot []bool
	Seen      []survivorSeen // its survivors frames, one per event
}

// elimEventRec is an event as the checks need it: the question revealed (-1 for a rescue),
// what the rescue asked for, and the host's survivors frame.
type elimEventRec struct {
	Question    int
	All         bool
	Best        int
	HostGot     bool
	HostCount   int
	HostRescued int
}

// checkElimination replays the round from the plan and what the server acked: after each
// reveal a phone that was in and was not acked a right answer is out; a rescue brings back
// the best of those out (points in the round, then join order: after the first question
// everyone out has 0 points and no time, so the server's time rule changes nothing). Every
// phone's result.out and survivors me.out must say what the replay says, the host's count
// must be those in, and an answer of a phone that is out must have been refused as
// eliminated (and one that is in never). It returns the survivors problems, the elimination
// problems, and how many remain at the end.
func checkElimination(outs []elimOutcome, events []elimEventRec) (survivors, eliminated []string, remain int) {
	out := make([]bool, len(outs))
	points := make([]int, len(outs))
	for k, ev := range events {
		what := fmt.Sprintf("the rescue (event %d)", k+1)
		if q := ev.Question; q >= 0 {
			what = fmt.Sprintf("question %d", q+1)
			for i, o := range outs {
				if out[i] {
					if o.Actions[q] != skip && !o.Refused[q] {
						eliminated = append(eliminated, fmt.Sprintf("%s: phone %d is out, its answer was not refused as eliminated", what, o.Phone))
					}
				} else {
					if o.Refused[q] {
						eliminated = append(eliminated, fmt.Sprintf("%s: phone %d is in, its answer was refused as eliminated", what, o.Phone))
					}
					out[i] = !(o.Actions[q] == right && o.Acked[q])
				}
				points[i] += o.Points[q]
				switch {
				case !o.ResultGot[q]:
					survivors = append(survivors, fmt.Sprintf("%s: phone %d got no result", what, o.Phone))
				case o.ResultOut[q] != out[i]:
					survivors = append(survivors, fmt.Sprintf("%s: phone %d was told out=%v, the plan says %v", what, o.Phone, o.ResultOut[q], out[i]))
				}
			}
		} else {
			var gone []int
			for i := range outs {
				if out[i] {
					gone = append(gone, i)
				}
			}
			slices.SortStableFunc(gone, func(a, b int) int {
				return cmp.Or(cmp.Compare(points[b], points[a]), cmp.Compare(outs[a].JoinOrder, outs[b].JoinOrder))
			})
			if !ev.All {
				gone = gone[:min(ev.Best, len(gone))]
			}
			for _, i := range gone {
				out[i] = false
			}
			if ev.HostRescued != len(gone) {
				survivors = append(survivors, fmt.Sprintf("%s: the host was told %d rescued, the rule brings back %d", what, ev.HostRescued, len(gone)))
			}
		}
		remain = 0
		for i := range outs {
			if !out[i] {
				remain++
			}
		}
		if !ev.HostGot || ev.HostCount != remain {
			survivors = append(survivors, fmt.Sprintf("%s: the host was told %d remain (frame seen: %v), %d phones are in", what, ev.HostCount, ev.HostGot, remain))
		}
		for i, o := range outs {
			switch {
			case k >= len(o.Seen):
				survivors = append(survivors, fmt.Sprintf("%s: phone %d got no survivors frame", what, o.Phone))
			case o.Seen[k].out != out[i] || o.Seen[k].count != remain:
				survivors = append(survivors, fmt.Sprintf("%s: phone %d was told out=%v with %d remaining, the plan says out=%v with %d",
					what, o.Phone, o.Seen[k].out, o.Seen[k].count, out[i], remain))
			}
		}
	}
	return survivors, eliminated, remain
}

// checkEliminationRun gathers the round from the phones and the driver, once the phones'
// goroutines have returned, and checks it; joinOrder is by participant id, from the results.
func (r *run) checkEliminationRun(rep *Report, joinOrder map[string]int) []string {
	outs := make([]elimOutcome, 0, len(r.phones))
	for _, p := range r.phones {
		o := elimOutcome{Phone: p.i, JoinOrder: joinOrder[p.participantID], ResultOut: p.elim.resultOut, ResultGot: p.elim.resultGot,
			Seen: p.elim.seen}
		for q := range r.cfg.Questions {
			a := p.answers[q]
			o.Actions = append(o.Actions, r.plan[q][p.i].Action)
			o.Acked = append(o.Acked, a.acked)
			o.Refused = append(o.Refused, a.refused)
			o.Points = append(o.Points, p.results[q].points)
		}
		outs = append(outs, o)
	}
	var events []elimEventRec
	for _, ev := range r.elim.events[:r.elim.used] {
		rec := elimEventRec{Question: ev.question, All: ev.all, Best: ev.best, HostGot: ev.host != nil}
		if ev.host != nil {
			rec.HostCount, rec.HostRescued = ev.host.Count, ev.host.Rescued
		}
		events = append(events, rec)
	}
	sp, ep, remain := checkElimination(outs, events)
	rep.SurvivorsOK, rep.EliminatedOK = ptr(len(sp) == 0), ptr(len(ep) == 0)
	rep.Survivors, rep.Rescued, rep.EliminatedRefused = ptr(remain), ptr(int(r.rescued.Load())), ptr(int(r.refused.Load()))
	return append(sp, ep...)
}

func ptr[T any](v T) *T { return &v }

// eliminationRound is the round of an -round elimination contest, for POST /api/contests.
func eliminationRound(ids []string, autoClose bool) map[string]any {
	return map[string]any{"title": "Rung chuông vàng thử tải", "kind": roundElimination, "scoring": "speed",
		"auto_close": autoClose, "question_ids": ids}
}
