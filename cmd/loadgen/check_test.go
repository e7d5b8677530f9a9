package main

import (
	"strings"
	"testing"
)

func got(points ...int) []resultRec {
	out := make([]resultRec, len(points))
	score := 0
	for i, p := range points {
		score += p
		out[i] = resultRec{got: true, points: p, score: score}
	}
	return out
}

func TestCheckStandings(t *testing.T) {
	results := []standing{
		{Rank: 1, ParticipantID: "a", Score: 190},
		{Rank: 2, ParticipantID: "b", Score: 100},
		{Rank: 3, ParticipantID: "c", Score: 0},
	}
	good := func() []outcome {
		return []outcome{
			{Phone: 0, ParticipantID: "a", Results: got(95, 95), Final: meRec{got: true, score: 190, rank: 1, players: 3}},
			{Phone: 1, ParticipantID: "b", Results: got(100, 0), Final: meRec{got: true, score: 100, rank: 2, players: 3}},
			{Phone: 2, ParticipantID: "c", Results: got(0, 0), Final: meRec{got: true, score: 0, rank: 3, players: 3}},
		}
	}
	if p := checkStandings(good(), results); len(p) != 0 {
		t.Fatalf("phones that agree with the results are reported: %v", p)
	}
	tests := []struct {
		name   string
		mutate func(o []outcome) []outcome
		want   string
	}{
		{"a wrong final rank", func(o []outcome) []outcome { o[1].Final.rank = 1; return o }, "phone 1 was told rank 1"},
		{"a wrong final score", func(o []outcome) []outcome { o[0].Final.score = 180; return o }, "phone 0 was told rank 1 with 180"},
		{"no final rank at all", func(o []outcome) []outcome { o[2].Final = meRec{}; return o }, "phone 2 never got its final rank"},
		{"results that do not add up", func(o []outcome) []outcome { o[0].Results = got(95, 90); return o }, "add up to 185"},
		{"a missing result", func(o []outcome) []outcome { o[1].Results[1] = resultRec{}; return o }, "phone 1 got 1 of 2 results"},
		{"a wrong player count", func(o []outcome) []outcome { o[2].Final.players = 4; return o }, "told 4 players"},
		{"a phone the results do not know", func(o []outcome) []outcome { o[2].ParticipantID = "z"; return o }, "not in the results"},
		{"a phone missing from the run", func(o []outcome) []outcome { return o[:2] }, "the results list 3 contestants, 2 phones joined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := checkStandings(tt.mutate(good()), results)
			if len(p) == 0 || !strings.Contains(strings.Join(p, "\n"), tt.want) {
				t.Fatalf("got %q, want a problem saying %q", p, tt.want)
			}
		})
	}
}

func TestCountLost(t *testing.T) {
	sent := []sentAnswer{
		{Phone: 0, ParticipantID: "a", ItemID: "i1", AnswerID: "q1-p1", Acked: true},
		{Phone: 1, ParticipantID: "b", ItemID: "i1", AnswerID: "q1-p2", Acked: true},
	}
	stored := map[answerKey]string{{"a", "i1"}: "q1-p1", {"b", "i1"}: "q1-p2"}
	if lost, p := countLost(sent, stored); lost != 0 || len(p) != 0 {
		t.Fatalf("all stored: lost %d, %v", lost, p)
	}
	if lost, p := countLost(sent, nil); lost != 0 || len(p) != 0 {
		t.Fatalf("acked, database unknown: lost %d, %v", lost, p)
	}

	tests := []struct {
		name   string
		sent   []sentAnswer
		stored map[answerKey]string
		lost   int
		want   string
	}{
		{"an answer never acked", append(sent[:1:1], sentAnswer{Phone: 1, ParticipantID: "b", ItemID: "i1", AnswerID: "q1-p2"}),
			map[answerKey]string{{"a", "i1"}: "q1-p1"}, 1, "never acked"},
		{"an acked answer not in the database", sent, map[answerKey]string{{"a", "i1"}: "q1-p1"}, 1, "not in the database"},
		{"another answer stored in its place", sent, map[answerKey]string{{"a", "i1"}: "q1-p1", {"b", "i1"}: "other"}, 1, "holds other"},
		{"a stored answer nobody sent", sent, map[answerKey]string{{"a", "i1"}: "q1-p1", {"b", "i1"}: "q1-p2", {"c", "i1"}: "x"}, 0, "no phone sent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lost, p := countLost(tt.sent, tt.stored)
			if lost != tt.lost || !strings.Contains(strings.Join(p, "\n"), tt.want) {
				t.Fatalf("lost %d %q, want %d and a problem saying %q", lost, p, tt.lost, tt.want)
			}
		})
	}
}

func TestCheckReveal(t *testing.T) {
	acked := []int{1, 1, 2, 0}
	dist := distribution("single", acked, 1)
	if p := checkReveal(0, reveal{Answered: 4, Distribution: []int{1, 2, 1, 0}}, dist, 4, 0); len(p) != 0 {
		t.Fatalf("a matching reveal is reported: %v", p)
	}
	if p := checkReveal(0, reveal{Answered: 4, Distribution: []int{2, 1, 1, 0}}, dist, 4, 0); len(p) == 0 {
		t.Fatal("a reveal with another distribution passes")
	}
	if p := checkReveal(0, reveal{Answered: 5, Distribution: []int{1, 2, 1, 1}}, dist, 4, 0); len(p) == 0 {
		t.Fatal("a reveal counting an answer nobody was acked for passes")
	}
	if p := checkReveal(0, reveal{Answered: 5, Distribution: []int{1, 2, 1, 1}}, dist, 4, 1); len(p) != 0 {
		t.Fatalf("an answer sent but not acked may be stored: %v", p)
	}
	if p := checkReveal(0, reveal{Answered: 3}, dist, 4, 1); len(p) == 0 {
		t.Fatal("a reveal missing an acked answer passes")
	}
	// Typed and ordered answers are counted as one number: how many were wholly right.
	for _, kind := range []string{"short", "ordering"} {
		if p := checkReveal(0, reveal{Answered: 4, Distribution: []int{2}}, distribution(kind, acked, 1), 4, 0); len(p) != 0 {
			t.Fatalf("%s: a matching reveal is reported: %v", kind, p)
		}
		if p := checkReveal(0, reveal{Answered: 4, Distribution: []int{1, 2, 1, 0}}, distribution(kind, acked, 1), 4, 0); len(p) == 0 {
			t.Fatalf("%s: a reveal counting options passes", kind)
		}
	}
}

func TestResponsesOfEachKind(t *testing.T) {
	shown := []string{"Bước ba", "Bước một", "Bước bốn", "Bước hai"}
	tests := []struct {
		name            string
		kind            string
		choice, correct int
		want            response
	}{
		{"a single-choice answer is the option", "single", 2, 1, response{choice: []int{2}}},
		{"a right short answer is the key typed without diacritics", "short", 1, 1, response{choice: []int{}, text: "phuong an b"}},
		{"a wrong short answer is another option's text", "short", 3, 1, response{choice: []int{}, text: "Phương án D"}},
		{"a right order puts the shown items back in order", "ordering", 0, 0, response{choice: []int{}, order: []int{1, 3, 0, 2}}},
		{"a wrong order swaps the first two", "ordering", 1, 0, response{choice: []int{}, order: []int{3, 1, 0, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := responseFor(tt.kind, tt.choice, tt.correct, shown)
			if err != nil {
				t.Fatal(err)
			}
			if !got.is(tt.want.choice, tt.want.text, tt.want.order) {
				t.Fatalf("response %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := responseFor("ordering", 0, 0, shown[:3]); err == nil {
		t.Fatal("an ordering item missing from the shown options is not reported")
	}
}

func TestCheckItemsNamesEveryPhoneShownAnotherItemOrDeadline(t *testing.T) {
	want := seenItem{ID: "i1", Index: 0, ClosesAt: 1000}
	seen := map[int]seenItem{
		0: want,
		1: {ID: "i1", Index: 0, ClosesAt: 1300},
		2: want,
		3: {ID: "i9", Index: 0, ClosesAt: 1000},
	}
	p := checkItems(0, want, seen)
	if len(p) != 2 || !strings.Contains(p[0], "phone 1 was shown item i1 closing at 1300") || !strings.Contains(p[1], "phone 3 was shown item i9") {
		t.Fatalf("got %q", p)
	}
	if p := checkItems(0, want, map[int]seenItem{0: want, 5: want}); len(p) != 0 {
		t.Fatalf("phones shown the host's item are reported: %q", p)
	}
}

func TestCompareShownFindsWhereTwoHostSocketsDisagree(t *testing.T) {
	good := func() shown {
		return shown{
			items:     map[int]seenItem{0: {ID: "i1", ClosesAt: 1000}, 1: {ID: "i2", Index: 1, ClosesAt: 2000}},
			reveals:   map[int]reveal{0: {ItemID: "i1", Correct: []int{1}, Answered: 3, Distribution: []int{0, 3}}, 1: {ItemID: "i2", Correct: []int{0}, Answered: 2, Distribution: []int{2, 0}}},
			standings: map[int][]topLine{0: {{Rank: 1, ParticipantID: "a", Score: 90}}, 1: {{Rank: 1, ParticipantID: "a", Score: 180}}},
			finalTop:  []topLine{{Rank: 1, ParticipantID: "a", Score: 180}},
			survivors: [][2]int{{7, 0}, {9, 2}},
			winners:   map[[2]int]string{{0, 0}: "a", {1, 0}: "c"},
		}
	}
	if p := compareShown("node 1", "node 0", good(), good(), 2); len(p) != 0 {
		t.Fatalf("sockets shown the same are reported: %q", p)
	}
	tests := []struct {
		name   string
		mutate func(s *shown)
		want   string
	}{
		{"another deadline", func(s *shown) { s.items[1] = seenItem{ID: "i2", Index: 1, ClosesAt: 2100} }, "as item 2"},
		{"a missing item", func(s *shown) { delete(s.items, 0) }, "as item 1 none"},
		{"another distribution", func(s *shown) {
			s.reveals[0] = reveal{ItemID: "i1", Correct: []int{1}, Answered: 3, Distribution: []int{1, 2}}
		}, "as the reveal of question 1"},
		{"other standings", func(s *shown) { s.standings[1] = []topLine{{Rank: 1, ParticipantID: "b", Score: 180}} }, "as the standings after question 2"},
		{"no final standings", func(s *shown) { s.finalTop = nil }, "as the final standings none"},
		{"other survivors", func(s *shown) { s.survivors = [][2]int{{7, 0}, {8, 1}} }, "as the survivors (count, rescued) of each reveal and rescue [[7 0] [8 1]]"},
		{"another winner", func(s *shown) { s.winners = map[[2]int]string{{0, 0}: "b"} }, "as the buzzer's winners"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good()
			tt.mutate(&s)
			p := compareShown("node 1", "node 0", s, good(), 2)
			if len(p) != 1 || !strings.Contains(p[0], tt.want) || !strings.HasPrefix(p[0], "node 1 was shown") {
				t.Fatalf("got %q, want one problem with %q", p, tt.want)
			}
		})
	}
}
