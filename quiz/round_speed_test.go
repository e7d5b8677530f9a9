package quiz

import (
	"slices"
	"testing"
)

func TestASpeedOrderRoundScoresRightAnswersByArrival(t *testing.T) {
	type line struct {
		points, correct int
	}
	right := func(id string, at int64) ScoredResponse {
		return ScoredResponse{ParticipantID: id, Grade: 1, At: at, ElapsedMs: at - 1000}
	}
	tests := []struct {
		name   string
		points []int
		rs     []ScoredResponse
		want   map[string]line
	}{
		{
			name:   "the first right answer earns the first value, whatever order they are listed in",
			points: []int{40, 30, 20, 10},
			rs:     []ScoredResponse{right("chi", 3500), right("an", 2100), right("binh", 2900)},
			want:   map[string]line{"an": {40, 1}, "binh": {30, 1}, "chi": {20, 1}},
		},
		{
			name:   "answers in the same millisecond share the better value and the next takes the place after",
			points: []int{40, 30, 20, 10},
			rs:     []ScoredResponse{right("an", 2000), right("binh", 2000), right("chi", 2001), right("dung", 2001), right("em", 2002)},
			want:   map[string]line{"an": {40, 1}, "binh": {40, 1}, "chi": {20, 1}, "dung": {20, 1}, "em": {0, 1}},
		},
		{
			name:   "right answers past the last value earn nothing but count as right",
			points: []int{40, 30},
			rs:     []ScoredResponse{right("an", 1), right("binh", 2), right("chi", 3)},
			want:   map[string]line{"an": {40, 1}, "binh": {30, 1}, "chi": {0, 1}},
		},
		{
			name:   "wrong answers get nothing and take no place",
			points: []int{40, 30, 20, 10},
			rs:     []ScoredResponse{{ParticipantID: "an", Grade: 0, At: 1}, {ParticipantID: "binh", Grade: 0.5, At: 2}, right("chi", 3)},
			want:   map[string]line{"chi": {40, 1}},
		},
		{
			name: "a round that sets no values scores 40, 30, 20, 10",
			rs:   []ScoredResponse{right("an", 1), right("binh", 2), right("chi", 3), right("dung", 4), right("em", 5)},
			want: map[string]line{"an": {40, 1}, "binh": {30, 1}, "chi": {20, 1}, "dung": {10, 1}, "em": {0, 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Round{ID: "r", Kind: SpeedOrderRound, Settings: RoundSettings{OrderPoints: tt.points}}
			got := map[string]line{}
			for _, ch := range (speedKind{}).Score(ScoreInput{Round: &r, Item: &Item{}, Responses: tt.rs, Tallies: Tallies{}}) {
				if ch.Reason != ReasonAnswer {
					t.Fatalf("line %+v", ch)
				}
				got[ch.ParticipantID] = line{ch.Points, ch.Correct}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Fatalf("%s: got %v, want %v", id, got[id], w)
				}
			}
		})
	}
}

func TestASpeedOrderRoundIsValidated(t *testing.T) {
	tests := []struct {
		name   string
		points []int
		want   []int // after validation; nil when refused
	}{
		{"no values get 40, 30, 20, 10", nil, []int{40, 30, 20, 10}},
		{"values that fall are kept", []int{50, 30, 30, 0}, []int{50, 30, 30, 0}},
		{"a single value is enough", []int{10}, []int{10}},
		{"a value that rises is refused", []int{30, 40}, nil},
		{"a negative value is refused", []int{10, -5}, nil},
		{"a value above the most a question can earn is refused", []int{MaxPoints + 1}, nil},
		{"more than ten values are refused", []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Round{Kind: SpeedOrderRound, Settings: RoundSettings{OrderPoints: tt.points}}
			err := (speedKind{}).Validate(&r)
			if tt.want == nil {
				if ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
					t.Fatalf("got %v, want a refusal", err)
				}
				return
			}
			if err != nil || !slices.Equal(r.Settings.OrderPoints, tt.want) {
				t.Fatalf("got %v %v, want %v", err, r.Settings.OrderPoints, tt.want)
			}
		})
	}
	r := Round{Kind: SpeedOrderRound}
	_ = (speedKind{}).Validate(&r)
	r.Settings.OrderPoints[0] = 99
	if DefaultOrderPoints[0] != 40 {
		t.Fatal("changing one round's values changed the default")
	}
}

func TestASpeedOrderRoundTakesChoicesWhileTheQuestionIsOpen(t *testing.T) {
	q := Question{Type: SingleChoice, Options: []string{"A", "B"}, Correct: []int{0}, TimeLimitSec: 20, Points: 40}
	c := &Contest{Rounds: []Round{{ID: "r", Kind: SpeedOrderRound, Items: []Item{{ID: "s1", Question: q}}}}}
	st := LiveState{Phase: PhaseItemOpen, Version: 3, ItemIndex: 0, ClosesAt: 21500}
	p := NewPlay(c, st, Tallies{})
	if _, grade, err := p.Accept("an", 0, Response{Choice: []int{0}}, 500); err != nil || grade != 1 {
		t.Fatalf("a right choice: %v %v", grade, err)
	}
	if _, _, err := p.Accept("an", 0, Response{Buzz: true}, 500); err != ErrBadResponse {
		t.Fatalf("a press of the buzzer: got %v, want ErrBadResponse", err)
	}
	if got := p.Kind().Deadline(p); got != 21500 {
		t.Fatalf("deadline %d, want the question's close", got)
	}
	if _, handled, _ := p.Kind().Command(p, Command{Name: CmdRescue}, 500); handled {
		t.Fatal("a speed-order round took a rescue")
	}
}
