package main

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// outcome is what one phone ended the contest with.
type outcome struct {
	Phone         int
	ParticipantID string
	Results       []resultRec // one per question
	Final         meRec       // its own place in the final standings frame
}

// checkStandings compares what every phone was told at the end with the results the server
// computes from the stored answers: the same rank and score, and a score that is the sum of
// the points of the results in the phone's reveal frames.
func checkStandings(outs []outcome, results []standing) []string {
	var problems []string
	if len(results) != len(outs) {
		problems = append(problems, fmt.Sprintf("the results list %d contestants, %d phones joined", len(results), len(outs)))
	}
	byID := make(map[string]standing, len(results))
	for _, s := range results {
		byID[s.ParticipantID] = s
	}
	for _, o := range outs {
		s, ok := byID[o.ParticipantID]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("phone %d (%s) is not in the results", o.Phone, o.ParticipantID))
			continue
		case !o.Final.got:
			problems = append(problems, fmt.Sprintf("phone %d never got its final rank", o.Phone))
		case o.Final.score != s.Score || o.Final.rank != s.Rank:
			problems = append(problems, fmt.Sprintf("phone %d was told rank %d with %d points, the results say rank %d with %d",
				o.Phone, o.Final.rank, o.Final.score, s.Rank, s.Score))
		case o.Final.players != len(results):
			problems = append(problems, fmt.Sprintf("phone %d was told %d players, the results list %d", o.Phone, o.Final.players, len(results)))
		}
		sum, missing := 0, 0
		for _, r := range o.Results {
			if !r.got {
				missing++
			}
			sum += r.points
		}
		if missing > 0 {
			problems = append(problems, fmt.Sprintf("phone %d got %d of %d results", o.Phone, len(o.Results)-missing, len(o.Results)))
		} else if sum != s.Score {
			problems = append(problems, fmt.Sprintf("phone %d: its results add up to %d points, the results say %d", o.Phone, sum, s.Score))
		}
	}
	return problems
}

// sentAnswer is one answer a phone sent, and whether it was acked.
type sentAnswer struct {
	Phone         int
	ParticipantID string
	ItemID        string
	AnswerID      string
	Acked         bool
}

// answerKey names the one answer a contestant may have to an item.
type answerKey struct{ participant, item string }

// countLost counts the answers lost: sent and never acked, or (when stored, the answers in
// the database by contestant and item, is known) acked but not stored as sent. It also
// reports stored answers that no phone sent.
func countLost(sent []sentAnswer, stored map[answerKey]string) (int, []string) {
	lost := 0
	var problems []string
	mine := make(map[answerKey]bool, len(sent))
	for _, a := range sent {
		k := answerKey{a.ParticipantID, a.ItemID}
		mine[k] = true
		switch {
		case !a.Acked:
			lost++
			problems = append(problems, fmt.Sprintf("phone %d: answer %s was never acked", a.Phone, a.AnswerID))
		case stored == nil:
		case stored[k] == "":
			lost++
			problems = append(problems, fmt.Sprintf("phone %d: answer %s was acked but is not in the database", a.Phone, a.AnswerID))
		case stored[k] != a.AnswerID:
			lost++
			problems = append(problems, fmt.Sprintf("phone %d: answer %s was acked, the database holds %s", a.Phone, a.AnswerID, stored[k]))
		}
	}
	for k, id := range stored {
		if !mine[k] {
			problems = append(problems, fmt.Sprintf("the database holds answer %s of %s to %s, which no phone sent", id, k.participant, k.item))
		}
	}
	return lost, problems
}

// checkReveal compares the reveal the host saw with the answers acked for that question:
// the count, and the distribution they make (see distribution). unacked answers may or may
// not have been stored, so with any of them only bounds hold.
func checkReveal(q int, rv reveal, dist []int, acked, unacked int) []string {
	if unacked == 0 {
		if rv.Answered != acked || !slices.Equal(rv.Distribution, dist) {
			return []string{fmt.Sprintf("question %d: the reveal counts %d answers %v, the phones were acked %d %v",
				q+1, rv.Answered, rv.Distribution, acked, dist)}
		}
		return nil
	}
	if rv.Answered < acked || rv.Answered > acked+unacked {
		return []string{fmt.Sprintf("question %d: the reveal counts %d answers, the phones were acked %d and sent %d more",
			q+1, rv.Answered, acked, unacked)}
	}
	return nil
}

// checkItems compares the item each phone was first shown for question q (by phone, only
// the phones shown one) with the item the host socket was shown: the same item, the same
// deadline.
func checkItems(q int, want seenItem, got map[int]seenItem) []string {
	var problems []string
	for _, i := range slices.Sorted(maps.Keys(got)) {
		if it := got[i]; it != want {
			problems = append(problems, fmt.Sprintf("question %d: phone %d was shown item %s closing at %d, the host item %s closing at %d",
				q+1, i, it.ID, it.ClosesAt, want.ID, want.ClosesAt))
		}
	}
	return problems
}

// checkHosts compares what the host socket of every node was shown with what the first was
// shown: the same items and deadlines, reveals and standings.
func checkHosts(hosts []*host, questions int) []string {
	if len(hosts) < 2 {
		return nil
	}
	want := hosts[0].shown()
	var problems []string
	for _, h := range hosts[1:] {
		problems = append(problems, compareShown(h.name, hosts[0].name, h.shown(), want, questions)...)
	}
	return problems
}

// compareShown lists how got, what the socket called name was shown, differs from want,
// what the socket called wantName was shown.
func compareShown(name, wantName string, got, want shown, questions int) []string {
	var problems []string
	differ := func(what string, g, w any, gOK, wOK bool) {
		if gOK == wOK && reflect.DeepEqual(g, w) {
			return
		}
		show := func(v any, ok bool) string {
			if !ok {
				return "none"
			}
			return fmt.Sprintf("%+v", v)
		}
		problems = append(problems, fmt.Sprintf("%s was shown %s %s, the %s %s", name, what, show(g, gOK), wantName, show(w, wOK)))
	}
	for q := range questions {
		gi, giOK := got.items[q]
		wi, wiOK := want.items[q]
		differ(fmt.Sprintf("as item %d", q+1), gi, wi, giOK, wiOK)
		gr, grOK := got.reveals[q]
		wr, wrOK := want.reveals[q]
		differ(fmt.Sprintf("as the reveal of question %d", q+1), gr, wr, grOK, wrOK)
		gs, gsOK := got.standings[q]
		ws, wsOK := want.standings[q]
		differ(fmt.Sprintf("as the standings after question %d", q+1), gs, ws, gsOK, wsOK)
	}
	differ("as the final standings", got.finalTop, want.finalTop, got.finalTop != nil, want.finalTop != nil)
	differ("as the survivors (count, rescued) of each reveal and rescue", got.survivors, want.survivors, len(got.survivors) > 0, len(want.survivors) > 0)
	differ("as the buzzer's winners", got.winners, want.winners, len(got.winners) > 0, len(want.winners) > 0)
	return problems
}
