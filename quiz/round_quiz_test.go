package quiz

import (
	"slices"
	"testing"
)

func TestAQuizRoundScoresRightAnswers(t *testing.T) {
	q := Question{Points: 100, TimeLimitSec: 20}
	tests := []struct {
		name   string
		round  Round
		pos    int
		before []ScoreChange // earlier lines of the round, with the place of their item
		places []int
		rs     []ScoredResponse
		want   map[string]int
	}{
		{
			name:  "fixed points for right answers only",
			round: Round{ID: "r", Scoring: FixedPoints},
			rs:    []ScoredResponse{{ParticipantID: "a", Grade: 1, ElapsedMs: 19000}, {ParticipantID: "b", Grade: 0}},
			want:  map[string]int{"a": 100},
		},
		{
			name:  "speed points halve at the deadline",
			round: Round{ID: "r", Scoring: SpeedPoints},
			rs:    []ScoredResponse{{ParticipantID: "a", Grade: 1, ElapsedMs: 0}, {ParticipantID: "b", Grade: 1, ElapsedMs: 10000}, {ParticipantID: "c", Grade: 1, ElapsedMs: 20000}},
			want:  map[string]int{"a": 100, "b": 75, "c": 50},
		},
		{
			name:   "a streak bonus grows with answers right in a row",
			round:  Round{ID: "r", Scoring: FixedPoints, Settings: RoundSettings{StreakBonus: 10}},
			pos:    2,
			before: []ScoreChange{{ParticipantID: "a", RoundID: "r", Correct: 1, Streak: 1}, {ParticipantID: "a", RoundID: "r", Correct: 1, Streak: 2}, {ParticipantID: "b", RoundID: "r", Correct: 1, Streak: 1}},
			places: []int{0, 1, 0},
			rs:     []ScoredResponse{{ParticipantID: "a", Grade: 1}, {ParticipantID: "b", Grade: 1}},
			want:   map[string]int{"a": 120, "b": 100}, // b missed item 1: the streak starts again
		},
		{
			name:   "the streak bonus stops growing after five",
			round:  Round{ID: "r", Scoring: FixedPoints, Settings: RoundSettings{StreakBonus: 10}},
			pos:    9,
			before: []ScoreChange{{ParticipantID: "a", RoundID: "r", Correct: 1, Streak: 9}},
			places: []int{8},
			rs:     []ScoredResponse{{ParticipantID: "a", Grade: 1}},
			want:   map[string]int{"a": 150},
		},
		{
			name:  "a partly right answer earns its share of the points",
			round: Round{ID: "r", Scoring: FixedPoints},
			rs:    []ScoredResponse{{ParticipantID: "a", Grade: 0.5}, {ParticipantID: "b", Grade: 1.0 / 3}, {ParticipantID: "c", Grade: 0}},
			want:  map[string]int{"a": 50, "b": 33},
		},
		{
			name:  "a partly right answer's share is taken of its speed points",
			round: Round{ID: "r", Scoring: SpeedPoints},
			rs:    []ScoredResponse{{ParticipantID: "a", Grade: 0.5, ElapsedMs: 10000}, {ParticipantID: "b", Grade: 0.75, ElapsedMs: 0}},
			want:  map[string]int{"a": 38, "b": 75}, // round(100 × 0.75 × 0.5) and round(100 × 1 × 0.75)
		},
		{
			name:   "a partly right answer earns no streak bonus and ends the streak",
			round:  Round{ID: "r", Scoring: FixedPoints, Settings: RoundSettings{StreakBonus: 10}},
			pos:    1,
			before: []ScoreChange{{ParticipantID: "a", RoundID: "r", Correct: 1, Streak: 1}},
			places: []int{0},
			rs:     []ScoredResponse{{ParticipantID: "a", Grade: 0.5}},
			want:   map[string]int{"a": 50},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := Tallies{}
			for i, l := range tt.before {
				tl.Apply(l, tt.places[i])
			}
			got := map[string]int{}
			for _, ch := range (quizKind{}).Score(ScoreInput{Round: &tt.round, Item: &Item{Question: q}, Pos: tt.pos, Responses: tt.rs, Tallies: tl}) {
				got[ch.ParticipantID] += ch.Points
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestChoiceQuestionsParseGradeAndTally(t *testing.T) {
	multi := &Question{Type: MultiChoice, Options: []string{"A", "B", "C"}, Correct: []int{0, 2}}
	r, grade, err := Grade(multi, Response{Choice: []int{2, 0}})
	if err != nil || grade != 1 || !slices.Equal(r.Choice, []int{0, 2}) {
		t.Fatalf("the right options in another order: %v %v %v", r, grade, err)
	}
	if _, grade, _ := Grade(multi, Response{Choice: []int{0}}); grade != 0 {
		t.Error("a missing option should be wrong")
	}
	if _, _, err := Grade(multi, Response{Choice: []int{0, 0}}); err != ErrBadResponse {
		t.Error("the same option twice should be refused")
	}
	k, _ := KindOf(MultiChoice)
	if got := k.Tally(multi, []Response{{Choice: []int{0, 2}}, {Choice: []int{1}}}); !slices.Equal(got, []int{1, 1, 1}) {
		t.Errorf("tally %v", got)
	}
	if pub := k.Public(multi); len(pub.Options) != 3 || pub.Prompt != multi.Prompt {
		t.Errorf("public %+v", pub)
	}
}

func TestOnlyAWhollyRightAnswerCountsAsCorrectInAQuizRound(t *testing.T) {
	round := Round{ID: "r", Scoring: SpeedPoints}
	rs := []ScoredResponse{{ParticipantID: "a", Grade: 1, ElapsedMs: 4000}, {ParticipantID: "b", Grade: 0.5, ElapsedMs: 3000}}
	lines := (quizKind{}).Score(ScoreInput{Round: &round, Item: &Item{Question: Question{Points: 100, TimeLimitSec: 20}}, Responses: rs})
	if len(lines) != 2 {
		t.Fatalf("lines %+v", lines)
	}
	for _, l := range lines {
		switch l.ParticipantID {
		case "a":
			if l.Correct != 1 || l.TimeMs != 4000 || l.Streak != 1 {
				t.Errorf("the right answer's line %+v", l)
			}
		case "b":
			if l.Correct != 0 || l.TimeMs != 0 || l.Streak != 0 || l.Points != 46 {
				t.Errorf("the partly right answer's line %+v: want 46 points, not correct, no time", l)
			}
		}
	}
}
