package main

import (
	"strings"
	"testing"
)

// elimGame is a round of two questions with four phones (join order 1–4): after question 1,
// phone 0 was right, phone 1 wrong, phone 2 skipped, phone 3 wrong; the rescue brings back
// the best one of the three out (phone 1, who joined first of them); after question 2 phone
// 0 is wrong and phone 1 right; phones 2 and 3, still out, answered and were refused.
func elimGame() ([]elimOutcome, []elimEventRec) {
	outs := []elimOutcome{
		{Phone: 0, JoinOrder: 1, Actions: []action{right, wrong}, Acked: []bool{true, true}, Refused: []bool{false, false},
			Points: []int{90, 0}, ResultOut: []bool{false, true}, ResultGot: []bool{true, true},
			Seen: []survivorSeen{{out: false, count: 1}, {out: false, count: 2, rescued: 1}, {out: true, count: 1}}},
		{Phone: 1, JoinOrder: 2, Actions: []action{wrong, right}, Acked: []bool{true, true}, Refused: []bool{false, false},
			Points: []int{0, 80}, ResultOut: []bool{true, false}, ResultGot: []bool{true, true},
			Seen: []survivorSeen{{out: true, count: 1}, {out: false, count: 2, rescued: 1}, {out: false, count: 1}}},
		{Phone: 2, JoinOrder: 3, Actions: []action{skip, right}, Acked: []bool{false, false}, Refused: []bool{false, true},
			Points: []int{0, 0}, ResultOut: []bool{true, true}, ResultGot: []bool{true, true},
			Seen: []survivorSeen{{out: true, count: 1}, {out: true, count: 2, rescued: 1}, {out: true, count: 1}}},
		{Phone: 3, JoinOrder: 4, Actions: []action{wrong, wrong}, Acked: []bool{true, false}, Refused: []bool{false, true},
			Points: []int{0, 0}, ResultOut: []bool{true, true}, ResultGot: []bool{true, true},
			Seen: []survivorSeen{{out: true, count: 1}, {out: true, count: 2, rescued: 1}, {out: true, count: 1}}},
	}
	events := []elimEventRec{
		{Question: 0, HostGot: true, HostCount: 1},
		{Question: -1, Best: 1, HostGot: true, HostCount: 2, HostRescued: 1},
		{Question: 1, HostGot: true, HostCount: 1},
	}
	return outs, events
}

func TestCheckEliminationReplaysWhoIsOutAfterEachRevealAndRescue(t *testing.T) {
	outs, events := elimGame()
	sp, ep, remain := checkElimination(outs, events)
	if len(sp) != 0 || len(ep) != 0 || remain != 1 {
		t.Fatalf("a round that went by the rules is reported: %q %q, %d remain", sp, ep, remain)
	}
	tests := []struct {
		name       string
		mutate     func(o []elimOutcome, e []elimEventRec)
		survivors  string
		eliminated string
	}{
		{"a phone told it is in after a wrong answer", func(o []elimOutcome, e []elimEventRec) { o[3].ResultOut[0] = false },
			"question 1: phone 3 was told out=false, the plan says true", ""},
		{"a phone told it is out after a right answer", func(o []elimOutcome, e []elimEventRec) { o[0].ResultOut[0] = true },
			"question 1: phone 0 was told out=true", ""},
		{"a rescued phone whose survivors frame says it is still out", func(o []elimOutcome, e []elimEventRec) { o[1].Seen[1].out = true },
			"phone 1 was told out=true with 2 remaining, the plan says out=false with 2", ""},
		{"the rescue brings back someone who joined later", func(o []elimOutcome, e []elimEventRec) {
			o[1].Seen[1].out, o[2].Seen[1].out = true, false
		}, "phone 2 was told out=false", ""},
		{"the host counts one survivor too many", func(o []elimOutcome, e []elimEventRec) { e[2].HostCount = 2 },
			"question 2: the host was told 2 remain", ""},
		{"the host never got the frame", func(o []elimOutcome, e []elimEventRec) { e[0] = elimEventRec{Question: 0} },
			"frame seen: false", ""},
		{"the rescue counts another number", func(o []elimOutcome, e []elimEventRec) { e[1].HostRescued = 2 },
			"told 2 rescued, the rule brings back 1", ""},
		{"a phone that missed a survivors frame", func(o []elimOutcome, e []elimEventRec) { o[2].Seen = o[2].Seen[:2] },
			"phone 2 got no survivors frame", ""},
		{"a phone that got no result", func(o []elimOutcome, e []elimEventRec) { o[1].ResultGot[1] = false },
			"question 2: phone 1 got no result", ""},
		{"an answer of a phone that is out was not refused", func(o []elimOutcome, e []elimEventRec) { o[2].Refused[1] = false },
			"", "question 2: phone 2 is out, its answer was not refused"},
		{"an answer of a phone that is in was refused", func(o []elimOutcome, e []elimEventRec) { o[1].Refused[1] = true },
			"", "question 2: phone 1 is in, its answer was refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, events := elimGame()
			tt.mutate(outs, events)
			sp, ep, _ := checkElimination(outs, events)
			for _, c := range []struct {
				got  []string
				want string
			}{{sp, tt.survivors}, {ep, tt.eliminated}} {
				if c.want == "" && len(c.got) != 0 || c.want != "" && !strings.Contains(strings.Join(c.got, "\n"), c.want) {
					t.Errorf("got %q, want a problem saying %q", c.got, c.want)
				}
			}
		})
	}
}

func TestARescueOfAllBringsEveryoneBack(t *testing.T) {
	outs, events := elimGame()
	events[1] = elimEventRec{Question: -1, All: true, HostGot: true, HostCount: 4, HostRescued: 3}
	for i := range outs {
		outs[i].Seen[1] = survivorSeen{out: false, count: 4, rescued: 3}
	}
	// Question 2 then: phone 0 wrong, phone 1 right, phones 2 and 3 answered and were acked.
	outs[2].Refused[1], outs[2].Acked[1], outs[2].Points[1], outs[2].ResultOut[1] = false, true, 70, false
	outs[3].Refused[1], outs[3].Acked[1] = false, true
	events[2].HostCount = 2
	for i, out := range []bool{true, false, false, true} {
		outs[i].Seen[2] = survivorSeen{out: out, count: 2}
	}
	if sp, ep, remain := checkElimination(outs, events); len(sp) != 0 || len(ep) != 0 || remain != 2 {
		t.Fatalf("got %q %q, %d remain; want no problem and 2", sp, ep, remain)
	}
}

func TestTheRescueFlagTakesANumberAShareOrAll(t *testing.T) {
	tests := []struct {
		in         string
		eliminated int
		best       int
		err        bool
	}{
		{"10%", 3000, 300, false},
		{"10%", 4, 1, false}, // at least one
		{"25", 3000, 25, false},
		{"all", 3000, 0, false},
		{"0", 0, 0, true},
		{"150%", 0, 0, true},
		{"some", 0, 0, true},
	}
	for _, tt := range tests {
		s, err := parseRescue(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("-rescue %s: error %v", tt.in, err)
			continue
		}
		if err == nil && s.best(tt.eliminated) != tt.best {
			t.Errorf("-rescue %s of %d eliminated: best %d, want %d", tt.in, tt.eliminated, s.best(tt.eliminated), tt.best)
		}
	}
}
