package quiz

import (
	"fmt"
	"slices"
	"testing"
)

func TestEachContestantSeesTheOptionsInAnOrderOfTheirOwn(t *testing.T) {
	four := []string{"Một", "Hai", "Ba", "Bốn"}
	item := func(typ QuestionType, opts []string) *Item {
		return &Item{ID: "item-1", Question: Question{Type: typ, Options: opts, Correct: []int{1}}}
	}
	shuffled := &Round{Kind: QuizRound, Settings: RoundSettings{ShuffleOptions: true}}
	tests := []struct {
		name  string
		round *Round
		item  *Item
		want  bool
	}{
		{"a single choice in a shuffled round is shuffled", shuffled, item(SingleChoice, four), true},
		{"a multiple choice in a shuffled round is shuffled", shuffled, item(MultiChoice, four), true},
		{"an elimination round may shuffle too", &Round{Kind: EliminationRound, Settings: RoundSettings{ShuffleOptions: true}}, item(SingleChoice, four), true},
		{"a speed-order round may shuffle too", &Round{Kind: SpeedOrderRound, Settings: RoundSettings{ShuffleOptions: true}}, item(SingleChoice, four), true},
		{"a round without the setting keeps the options in place", &Round{Kind: QuizRound}, item(SingleChoice, four), false},
		{"true/false keeps Đúng before Sai", shuffled, item(TrueFalse, TrueFalseOptions), false},
		{"an ordering question keeps its one shown order for everyone", shuffled, item(Ordering, four), false},
		{"a short answer has no options to shuffle", shuffled, item(ShortAnswer, nil), false},
		{"a buzzer round, answered aloud, keeps the options in place", &Round{Kind: BuzzerRound, Settings: RoundSettings{ShuffleOptions: true}}, item(SingleChoice, four), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShufflesOptions(tt.round, tt.item); got != tt.want {
				t.Fatalf("ShufflesOptions = %v, want %v", got, tt.want)
			}
			shown := ShownOptions(tt.round, tt.item, "p-1")
			if tt.want != (shown != nil) {
				t.Fatalf("ShownOptions = %v, want an order: %v", shown, tt.want)
			}
		})
	}
}

func TestAContestantsOrderOfOptions(t *testing.T) {
	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"is every option once", func(t *testing.T) {
			for n := 2; n <= MaxOptions; n++ {
				got := slices.Sorted(slices.Values(OptionOrder("item", "p", n)))
				for i, o := range got {
					if o != i {
						t.Fatalf("OptionOrder(%d) = %v: not a permutation", n, got)
					}
				}
			}
		}},
		{"is the same after a reload and on every server", func(t *testing.T) {
			a, b := OptionOrder("item-7", "p-3", 4), OptionOrder("item-7", "p-3", 4)
			if !slices.Equal(a, b) {
				t.Fatalf("%v then %v", a, b)
			}
		}},
		{"differs between neighbours", func(t *testing.T) {
			orders := map[string]bool{}
			for p := range 20 {
				orders[fmt.Sprint(OptionOrder("item-7", fmt.Sprintf("p-%d", p), 4))] = true
			}
			if len(orders) < 10 {
				t.Fatalf("20 contestants saw only %d orders of 4 options", len(orders))
			}
		}},
		{"differs from one question to the next", func(t *testing.T) {
			same := 0
			for i := range 50 {
				if slices.Equal(OptionOrder(fmt.Sprintf("item-%d", i), "p", 4), OptionOrder(fmt.Sprintf("item-%d", i+1), "p", 4)) {
					same++
				}
			}
			if same > 10 {
				t.Fatalf("%d of 50 consecutive questions had the same order", same)
			}
		}},
		{"puts the right option at each place about a quarter of the time", func(t *testing.T) {
			const players = 1000
			for _, right := range []int{0, 1, 3} {
				at := make([]int, 4)
				for p := range players {
					shown := OptionOrder("item-42", fmt.Sprintf("participant-%d", p), 4)
					at[slices.Index(shown, right)]++
				}
				for place, n := range at {
					if n < 200 || n > 300 {
						t.Fatalf("right option %d at place %d for %d of %d contestants (all places: %v)", right, place, n, players, at)
					}
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

func TestABuzzerRoundIsSavedWithoutShuffledOptions(t *testing.T) {
	r := Round{Kind: BuzzerRound, Scoring: FixedPoints, Settings: RoundSettings{ShuffleOptions: true}}
	if err := (buzzerKind{}).Validate(&r); err != nil {
		t.Fatal(err)
	}
	if r.Settings.ShuffleOptions {
		t.Fatal("a buzzer round, answered aloud, kept shuffle_options: its results would say phones shuffled the options")
	}
}
