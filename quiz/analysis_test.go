package quiz

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// room is a contest of n contestants c0…c(n-1), ranked in that order, who joined at t0.
type room struct {
	contest   *Contest
	ps        []Participant
	standings []Standing
	ledger    []ScoreChange
	answers   []Answer
}

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func newRoom(n int, rounds ...Round) *room {
	r := &room{contest: &Contest{ID: "k", Rounds: rounds}}
	for i := range n {
		id := fmt.Sprintf("c%d", i)
		r.ps = append(r.ps, Participant{ID: id, JoinOrder: i + 1, CreatedAt: t0})
		r.standings = append(r.standings, Standing{Rank: i + 1, ParticipantID: id, Score: 100 * (n - i)})
	}
	return r
}

// answer stores contestant i's response to an item, a minute after t0 plus at seconds.
func (r *room) answer(item string, i int, resp Response, at int) {
	r.answers = append(r.answers, Answer{ItemID: item, ParticipantID: fmt.Sprintf("c%d", i), Choice: resp.Choice,
		Text: resp.Text, Order: resp.Order, CreatedAt: t0.Add(time.Minute + time.Duration(at)*time.Second)})
}

func choiceItem(id string, options int, key ...int) Item {
	opts := make([]string, options)
	for i := range opts {
		opts[i] = fmt.Sprintf("Phương án %d", i+1)
	}
	return Item{ID: id, QuestionID: "q-" + id, Question: Question{Type: SingleChoice, Prompt: "Câu " + id, Options: opts, Correct: key}}
}

func quizRound(items ...Item) Round { return Round{ID: "r1", Kind: QuizRound, Items: items} }

func near(a *float64, want float64) bool { return a != nil && math.Abs(*a-want) < 1e-9 }

func TestItemAnalysisFiguresWhatTheRoomDid(t *testing.T) {
	tests := []struct {
		name  string
		room  func() *room
		check func(t *testing.T, a Analysis)
	}{
		{
			name: "a question everyone gets right is too easy and tells the strong from the weak not at all",
			room: func() *room {
				r := newRoom(10, quizRound(choiceItem("i1", 4, 0)))
				for i := range 10 {
					r.answer("i1", i, Response{Choice: []int{0}}, i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if !near(it.Difficulty, 1) || !near(it.Discrimination, 0) {
					t.Fatalf("p %v D %v, want 1 and 0", *it.Difficulty, it.Discrimination)
				}
				want := []AnalysisFlag{FlagTooEasy, FlagWeakDiscrimination, FlagUnusedOption}
				if !slices.Equal(it.Flags, want) {
					t.Fatalf("flags %v, want %v", it.Flags, want)
				}
				if !it.Options[1].Unused || it.Options[0].Unused || it.Options[0].Count != 10 {
					t.Fatalf("options %+v: the unchosen wrong ones are unused, the key chosen by all", it.Options)
				}
			},
		},
		{
			name: "a question only the best get right discriminates well and raises no flag",
			room: func() *room {
				r := newRoom(10, quizRound(choiceItem("i1", 4, 0)))
				for i := range 10 {
					choice := 1 + i%3
					if i < 3 {
						choice = 0
					}
					r.answer("i1", i, Response{Choice: []int{choice}}, i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if a.GroupSize != 3 || !near(it.Difficulty, 0.3) || !near(it.Discrimination, 1) {
					t.Fatalf("groups of %d, p %v, D %v; want 3, 0.3 and 1", a.GroupSize, *it.Difficulty, it.Discrimination)
				}
				if len(it.Flags) != 0 {
					t.Fatalf("flags %v, want none", it.Flags)
				}
				if it.Upper != (GroupResult{Eligible: 3, Right: 3}) || it.Lower != (GroupResult{Eligible: 3, Right: 0}) {
					t.Fatalf("upper %+v lower %+v", it.Upper, it.Lower)
				}
			},
		},
		{
			name: "a wrong key shows as negative discrimination and a wrong option drawing the best",
			room: func() *room {
				r := newRoom(10, quizRound(choiceItem("i1", 3, 0))) // the right answer is really option 2
				for i := range 10 {
					choice := 0
					if i < 5 {
						choice = 1
					}
					r.answer("i1", i, Response{Choice: []int{choice}}, i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if !near(it.Discrimination, -1) {
					t.Fatalf("D %v, want -1", it.Discrimination)
				}
				want := []AnalysisFlag{FlagNegativeDiscrimination, FlagUnusedOption, FlagDistractorDrawsUpper}
				if !slices.Equal(it.Flags, want) {
					t.Fatalf("flags %v, want %v", it.Flags, want)
				}
				if o := it.Options[1]; !o.DrawsUpper || o.Upper != 3 || o.Lower != 0 || o.Count != 5 {
					t.Fatalf("option 2: %+v", o)
				}
			},
		},
		{
			name: "under ten contestants the discrimination is not given, only the share right",
			room: func() *room {
				r := newRoom(5, quizRound(choiceItem("i1", 4, 0)))
				r.answer("i1", 4, Response{Choice: []int{0}}, 0)
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if a.Reliable || it.Discrimination != nil || a.GroupSize != 1 {
					t.Fatalf("reliable %v, D %v, groups of %d", a.Reliable, it.Discrimination, a.GroupSize)
				}
				if !near(it.Difficulty, 0.2) || len(it.Flags) != 0 || it.Options[1].Unused {
					t.Fatalf("p %v flags %v options %+v", *it.Difficulty, it.Flags, it.Options)
				}
			},
		},
		{
			name: "a contestant who could answer and did not counts as not right",
			room: func() *room {
				r := newRoom(4, quizRound(choiceItem("i1", 2, 0)))
				r.answer("i1", 0, Response{Choice: []int{0}}, 0)
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if it.Eligible != 4 || it.Answered != 1 || !near(it.Difficulty, 0.25) {
					t.Fatalf("eligible %d answered %d p %v", it.Eligible, it.Answered, *it.Difficulty)
				}
			},
		},
		{
			name: "a contestant who joined after a question closed is not counted on it",
			room: func() *room {
				r := newRoom(3, quizRound(choiceItem("i1", 2, 0), choiceItem("i2", 2, 0)))
				r.ps[2].CreatedAt = t0.Add(time.Hour) // joined between the two questions
				r.answer("i1", 0, Response{Choice: []int{0}}, 0)
				r.answer("i1", 1, Response{Choice: []int{1}}, 1)
				r.answer("i2", 2, Response{Choice: []int{0}}, 7200)
				return r
			},
			check: func(t *testing.T, a Analysis) {
				if a.Items[0].Eligible != 2 || !near(a.Items[0].Difficulty, 0.5) {
					t.Fatalf("first question: eligible %d p %v", a.Items[0].Eligible, *a.Items[0].Difficulty)
				}
				if a.Items[1].Eligible != 3 {
					t.Fatalf("second question: eligible %d, want 3", a.Items[1].Eligible)
				}
			},
		},
		{
			name: "a kicked contestant is left out of every question",
			room: func() *room {
				r := newRoom(3, quizRound(choiceItem("i1", 2, 0)))
				r.answer("i1", 0, Response{Choice: []int{0}}, 0)
				r.answer("i1", 2, Response{Choice: []int{0}}, 0)
				r.ps[2].Kicked = true
				r.standings = r.standings[:2] // the standings leave them out
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if a.Contestants != 2 || it.Eligible != 2 || it.Right != 1 || it.Options[0].Count != 1 {
					t.Fatalf("contestants %d eligible %d right %d options %+v", a.Contestants, it.Eligible, it.Right, it.Options)
				}
			},
		},
		{
			name: "in an elimination round only those still on the floor count",
			room: func() *room {
				rd := Round{ID: "r1", Kind: EliminationRound, Items: []Item{choiceItem("i1", 2, 0), choiceItem("i2", 2, 0)}}
				r := newRoom(4, rd)
				for i := range 4 {
					choice := 0
					if i >= 2 {
						choice = 1
					}
					r.answer("i1", i, Response{Choice: []int{choice}}, 0)
				}
				r.answer("i2", 0, Response{Choice: []int{0}}, 60)
				at := t0.Add(2 * time.Minute)
				r.ledger = []ScoreChange{
					{ParticipantID: "c0", RoundID: "r1", ItemID: "i1", Reason: ReasonAnswer, Correct: 1, At: at},
					{ParticipantID: "c1", RoundID: "r1", ItemID: "i1", Reason: ReasonAnswer, Correct: 1, At: at},
					{ParticipantID: "c2", RoundID: "r1", ItemID: "i1", Reason: ReasonEliminated, At: at},
					{ParticipantID: "c3", RoundID: "r1", ItemID: "i1", Reason: ReasonEliminated, At: at},
					{ParticipantID: "c0", RoundID: "r1", ItemID: "i2", Reason: ReasonAnswer, Correct: 1, At: at.Add(time.Minute)},
					{ParticipantID: "c1", RoundID: "r1", ItemID: "i2", Reason: ReasonEliminated, At: at.Add(time.Minute)},
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				if it := a.Items[0]; it.Eligible != 4 || !near(it.Difficulty, 0.5) {
					t.Fatalf("first question: eligible %d p %v", it.Eligible, *it.Difficulty)
				}
				if it := a.Items[1]; it.Eligible != 2 || it.Answered != 1 || !near(it.Difficulty, 0.5) {
					t.Fatalf("second question: eligible %d answered %d p %v", it.Eligible, it.Answered, *it.Difficulty)
				}
			},
		},
		{
			name: "buzzer rounds and questions never reached are left out with their reason",
			room: func() *room {
				r := newRoom(3,
					quizRound(choiceItem("i1", 2, 0), choiceItem("i2", 2, 0), choiceItem("i3", 2, 0), choiceItem("i4", 2, 0)),
					Round{ID: "r2", Kind: BuzzerRound, Items: []Item{choiceItem("b1", 2, 0)}})
				r.answer("i1", 0, Response{Choice: []int{0}}, 0)
				r.answer("i3", 0, Response{Choice: []int{0}}, 60)
				return r
			},
			check: func(t *testing.T, a Analysis) {
				got := []Exclusion{}
				for _, it := range a.Items {
					got = append(got, it.Excluded)
				}
				want := []Exclusion{"", "", "", ExcludedNotPlayed, ExcludedBuzzer}
				if !slices.Equal(got, want) {
					t.Fatalf("exclusions %q, want %q", got, want)
				}
				if it := a.Items[1]; it.Eligible != 3 || !near(it.Difficulty, 0) || !slices.Equal(it.Flags, []AnalysisFlag{FlagTooHard}) {
					t.Fatalf("the question nobody answered: eligible %d p %v flags %v", it.Eligible, it.Difficulty, it.Flags)
				}
			},
		},
		{
			name: "typed answers list the commonest wrong ones, compared as the question compares them",
			room: func() *room {
				short := Item{ID: "s", Question: Question{Type: ShortAnswer, Prompt: "Thủ đô?", Answers: []string{"Hà Nội"}}}
				num := Item{ID: "n", Question: Question{Type: Numeric, Prompt: "Bao nhiêu?", Value: 5}}
				r := newRoom(6, quizRound(short, num))
				for i, s := range []string{"Hà Nội", "Huế", "huế!", "  Huế ", "Đà Nẵng", "đà nẵng"} {
					r.answer("s", i, Response{Text: s}, i)
				}
				for i, s := range []string{"3,5", "3.5", "7", "5"} {
					r.answer("n", i, Response{Text: s}, 60+i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				want := []WrongAnswer{{Text: "Huế", Count: 3}, {Text: "Đà Nẵng", Count: 2}}
				if got := a.Items[0].WrongAnswers; !slices.Equal(got, want) {
					t.Fatalf("short answer: %+v, want %+v", got, want)
				}
				want = []WrongAnswer{{Text: "3,5", Count: 2}, {Text: "7", Count: 1}}
				if got := a.Items[1].WrongAnswers; !slices.Equal(got, want) {
					t.Fatalf("numeric: %+v, want %+v", got, want)
				}
				if a.Items[0].Options != nil {
					t.Fatalf("a typed question has no options: %+v", a.Items[0].Options)
				}
			},
		},
		{
			name: "an ordering question lists the wrong orders put, in the options' words",
			room: func() *room {
				ord := Item{ID: "o", Question: Question{Type: Ordering, Prompt: "Sắp xếp", Options: []string{"Khai mạc", "Thảo luận", "Biểu quyết"}}}
				r := newRoom(4, Round{ID: "r1", Kind: SpeedOrderRound, Items: []Item{ord}})
				for i, order := range [][]int{{0, 1, 2}, {1, 0, 2}, {1, 0, 2}, {2, 1, 0}} {
					r.answer("o", i, Response{Order: order}, i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				want := []WrongAnswer{{Text: "Thảo luận → Khai mạc → Biểu quyết", Count: 2}, {Text: "Biểu quyết → Thảo luận → Khai mạc", Count: 1}}
				if it := a.Items[0]; !slices.Equal(it.WrongAnswers, want) || !near(it.Difficulty, 0.25) {
					t.Fatalf("wrong orders %+v, p %v; want %+v and 0.25", it.WrongAnswers, it.Difficulty, want)
				}
			},
		},
		{
			name: "ties at a group's edge are settled by standings order, so the groups keep their size",
			room: func() *room {
				r := newRoom(11, quizRound(choiceItem("i1", 2, 0)))
				for i := range r.standings {
					r.standings[i].Score = 100 // everyone tied
				}
				for i := range 3 {
					r.answer("i1", i, Response{Choice: []int{0}}, i)
				}
				return r
			},
			check: func(t *testing.T, a Analysis) {
				it := a.Items[0]
				if a.GroupSize != 3 || it.Upper != (GroupResult{3, 3}) || it.Lower != (GroupResult{3, 0}) {
					t.Fatalf("groups of %d: upper %+v lower %+v", a.GroupSize, it.Upper, it.Lower)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.room()
			tt.check(t, Analyse(r.contest, r.ps, r.standings, r.ledger, r.answers))
		})
	}
}
