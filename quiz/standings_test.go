package quiz

import (
	"slices"
	"testing"
)

// twoRounds is a contest of a quiz round of weight 1 and a final of weight 2.
func twoRounds(tieBreaks ...TieBreak) *Contest {
	return &Contest{Rounds: []Round{{ID: "r1", Weight: 1}, {ID: "r2", Weight: 2}}, TieBreaks: tieBreaks}
}

func players(ids ...string) []Participant {
	ps := make([]Participant, len(ids))
	for i, id := range ids {
		ps[i] = Participant{ID: id, Name: id, JoinOrder: i + 1}
	}
	return ps
}

func tallies(lines ...ScoreChange) Tallies {
	t := Tallies{}
	for _, l := range lines {
		t.Apply(l, -1)
	}
	return t
}

func order(s []Standing) (ids []string, ranks []int) {
	for _, x := range s {
		ids = append(ids, x.ParticipantID)
		ranks = append(ranks, x.Rank)
	}
	return ids, ranks
}

func TestStandings(t *testing.T) {
	tests := []struct {
		name      string
		contest   *Contest
		ps        []Participant
		lines     []ScoreChange
		wantIDs   []string
		wantRanks []int
	}{
		{
			name:    "a round of weight 2 counts twice",
			contest: twoRounds(),
			ps:      players("an", "binh"),
			lines: []ScoreChange{
				{ParticipantID: "an", RoundID: "r1", Points: 30},
				{ParticipantID: "binh", RoundID: "r1", Points: 10},
				{ParticipantID: "binh", RoundID: "r2", Points: 11}, // 10 + 22 = 32 > 30
			},
			wantIDs: []string{"binh", "an"}, wantRanks: []int{1, 2},
		},
		{
			name:    "with no rules, less time then who joined first break a tie",
			contest: twoRounds(),
			ps:      players("late", "first", "second"),
			lines: []ScoreChange{
				{ParticipantID: "late", RoundID: "r1", Points: 10, TimeMs: 500},
				{ParticipantID: "first", RoundID: "r1", Points: 10, TimeMs: 400},
				{ParticipantID: "second", RoundID: "r1", Points: 10, TimeMs: 400},
			},
			wantIDs: []string{"first", "second", "late"}, wantRanks: []int{1, 2, 3},
		},
		{
			name:    "number right breaks a tie before time when listed first",
			contest: twoRounds(TieBreak{Rule: TieCorrect}, TieBreak{Rule: TieTime}),
			ps:      players("quick", "many"),
			lines: []ScoreChange{
				{ParticipantID: "quick", RoundID: "r1", Points: 20, TimeMs: 100, Correct: 1},
				{ParticipantID: "many", RoundID: "r1", Points: 20, TimeMs: 900, Correct: 2},
			},
			wantIDs: []string{"many", "quick"}, wantRanks: []int{1, 2},
		},
		{
			name:    "the points of a named round break a tie",
			contest: twoRounds(TieBreak{Rule: TieRound, Round: 2}),
			ps:      players("a", "b"),
			lines: []ScoreChange{
				{ParticipantID: "a", RoundID: "r1", Points: 40},
				{ParticipantID: "b", RoundID: "r1", Points: 20},
				{ParticipantID: "b", RoundID: "r2", Points: 10},
			},
			wantIDs: []string{"b", "a"}, wantRanks: []int{1, 2},
		},
		{
			name: "a tie-break round decides a tie without counting in the total",
			contest: &Contest{Rounds: []Round{{ID: "r1"}, {ID: "tb", Weight: 5, Settings: RoundSettings{TieBreak: true}}},
				TieBreaks: []TieBreak{{Rule: TieRound, Round: 2}}},
			ps: players("a", "b", "c"),
			lines: []ScoreChange{
				{ParticipantID: "a", RoundID: "r1", Points: 50},
				{ParticipantID: "b", RoundID: "r1", Points: 50},
				{ParticipantID: "b", RoundID: "tb", Points: 10},
				{ParticipantID: "c", RoundID: "r1", Points: 55},
			},
			wantIDs: []string{"c", "b", "a"}, wantRanks: []int{1, 2, 3},
		},
		{
			name:    "earliest join breaks a tie when it is the rule",
			contest: twoRounds(TieBreak{Rule: TieJoin}),
			ps:      players("first", "second"),
			lines: []ScoreChange{
				{ParticipantID: "second", RoundID: "r1", Points: 10, TimeMs: 1},
				{ParticipantID: "first", RoundID: "r1", Points: 10, TimeMs: 999},
			},
			wantIDs: []string{"first", "second"}, wantRanks: []int{1, 2},
		},
		{
			name:    "contestants no rule separates share a rank",
			contest: twoRounds(TieBreak{Rule: TieCorrect}),
			ps:      players("a", "b", "c"),
			lines: []ScoreChange{
				{ParticipantID: "a", RoundID: "r1", Points: 10, Correct: 1},
				{ParticipantID: "b", RoundID: "r1", Points: 10, Correct: 1},
			},
			wantIDs: []string{"a", "b", "c"}, wantRanks: []int{1, 1, 3},
		},
		{
			name:    "a kicked contestant is left out and an adjustment counts",
			contest: twoRounds(),
			ps:      append(players("a", "b"), Participant{ID: "gone", JoinOrder: 3, Kicked: true}),
			lines: []ScoreChange{
				{ParticipantID: "a", RoundID: "r1", Points: 10},
				{ParticipantID: "b", RoundID: "r1", Points: 10},
				{ParticipantID: "b", RoundID: "r1", Points: -5, Reason: ReasonAdjust},
				{ParticipantID: "gone", RoundID: "r1", Points: 99},
			},
			wantIDs: []string{"a", "b"}, wantRanks: []int{1, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, ranks := order(Standings(tt.contest, tt.ps, tallies(tt.lines...)))
			if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(ranks, tt.wantRanks) {
				t.Fatalf("got %v ranks %v, want %v ranks %v", ids, ranks, tt.wantIDs, tt.wantRanks)
			}
		})
	}
}

func TestStandingsShowEachRoundsPointsAndTheWeightedTotal(t *testing.T) {
	s := Standings(twoRounds(), players("an"), tallies(
		ScoreChange{ParticipantID: "an", RoundID: "r1", Points: 30, Correct: 1, TimeMs: 1200},
		ScoreChange{ParticipantID: "an", RoundID: "r2", Points: 15, Correct: 1, TimeMs: 800},
	))
	if got := s[0]; got.Score != 60 || !slices.Equal(got.Rounds, []int{30, 15}) || got.Correct != 2 || got.TimeMs != 2000 {
		t.Fatalf("got %+v, want total 60 from rounds [30 15], 2 right in 2000 ms", got)
	}
}

func TestTieBreakRulesAreChecked(t *testing.T) {
	for name, tb := range map[string][]TieBreak{
		"an unknown rule":                {{Rule: "coin"}},
		"a round that does not exist":    {{Rule: TieRound, Round: 3}},
		"a round named on the time rule": {{Rule: TieTime, Round: 1}},
		"the same rule twice":            {{Rule: TieJoin}, {Rule: TieJoin}},
	} {
		if err := validTieBreaks(twoRounds(tb...)); ErrorCode(err) != EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
	if err := validTieBreaks(twoRounds(TieBreak{Rule: TieRound, Round: 2}, TieBreak{Rule: TieJoin})); err != nil {
		t.Errorf("valid rules refused: %v", err)
	}
}

func TestStampGivesEachChangeItsBeforeAndAfter(t *testing.T) {
	tl := tallies(ScoreChange{ParticipantID: "an", RoundID: "r1", Points: 40})
	changes := []ScoreChange{
		{ParticipantID: "an", RoundID: "r1", Points: 10},
		{ParticipantID: "an", RoundID: "r1", Points: -5},
		{ParticipantID: "binh", RoundID: "r1", Points: 7},
	}
	tl.Stamp(changes)
	got := [][2]int{{changes[0].Before, changes[0].After}, {changes[1].Before, changes[1].After}, {changes[2].Before, changes[2].After}}
	if want := [][2]int{{40, 50}, {50, 45}, {0, 7}}; !slices.Equal(got, want) {
		t.Fatalf("before/after: got %v, want %v", got, want)
	}
}
