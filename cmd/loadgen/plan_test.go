package main

import (
	"reflect"
	"testing"
	"time"
)

func testParams(players int) planParams {
	return planParams{Seed: 7, Players: players, Questions: 3, Options: 4,
		ThinkMin: 200 * time.Millisecond, ThinkMax: 800 * time.Millisecond,
		SkipFrac: 0.05, WrongFrac: 0.25, DropFrac: 0.02,
		BackMin: 100 * time.Millisecond, BackMax: 500 * time.Millisecond, CorrectFor: correctOption}
}

func TestPlanHasTheSharesAskedForInEveryQuestion(t *testing.T) {
	plan := makePlan(testParams(1000))
	for q, steps := range plan {
		count := map[action]int{}
		drops := 0
		for _, s := range steps {
			count[s.Action]++
			if s.Drop != noDrop {
				drops++
			}
		}
		if count[skip] != 50 || count[wrong] != 250 || count[right] != 700 {
			t.Errorf("question %d: %v, want 50 skip, 250 wrong, 700 right", q+1, count)
		}
		if drops != 20 {
			t.Errorf("question %d: %d drops, want 20", q+1, drops)
		}
	}
}

func TestPlanAnswersRightWithTheKeyAndWrongWithAnotherOption(t *testing.T) {
	for q, steps := range makePlan(testParams(500)) {
		for i, s := range steps {
			switch {
			case s.Action == right && s.Choice != correctOption(q):
				t.Fatalf("question %d, phone %d: a right answer chooses %d, the key is %d", q+1, i, s.Choice, correctOption(q))
			case s.Action == wrong && (s.Choice == correctOption(q) || s.Choice < 0 || s.Choice >= 4):
				t.Fatalf("question %d, phone %d: a wrong answer chooses %d (key %d)", q+1, i, s.Choice, correctOption(q))
			}
		}
	}
}

func TestPlanTimesStayInTheirRanges(t *testing.T) {
	p := testParams(2000)
	p.DropFrac = 0.5
	for q, steps := range makePlan(p) {
		for i, s := range steps {
			if s.Think < p.ThinkMin || s.Think > p.ThinkMax {
				t.Fatalf("question %d, phone %d: think %s outside %s–%s", q+1, i, s.Think, p.ThinkMin, p.ThinkMax)
			}
			if s.Drop == noDrop {
				continue
			}
			if s.Back < p.BackMin || s.Back > p.BackMax {
				t.Fatalf("question %d, phone %d: away %s outside %s–%s", q+1, i, s.Back, p.BackMin, p.BackMax)
			}
			if s.Drop == dropBeforeAnswer && (s.DropAt <= 0 || s.DropAt >= s.Think) {
				t.Fatalf("question %d, phone %d: drops at %s, not before answering at %s", q+1, i, s.DropAt, s.Think)
			}
			if s.Drop == dropIdle && s.Action != skip || s.Drop != dropIdle && s.Action == skip {
				t.Fatalf("question %d, phone %d: drop %s for a phone that does %s", q+1, i, s.Drop, s.Action)
			}
		}
	}
}

func TestPlanExercisesEveryKindOfDrop(t *testing.T) {
	p := testParams(2000)
	p.DropFrac = 0.5
	seen := map[dropKind]bool{}
	for _, steps := range makePlan(p) {
		for _, s := range steps {
			seen[s.Drop] = true
		}
	}
	for _, k := range []dropKind{dropIdle, dropBeforeAnswer, dropAfterSend, dropAfterAck} {
		if !seen[k] {
			t.Errorf("no phone drops %s", k)
		}
	}
}

func TestPlanIsTheSameForTheSameSeedAndDiffersForAnother(t *testing.T) {
	a, b := makePlan(testParams(300)), makePlan(testParams(300))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two plans from the same seed differ")
	}
	p := testParams(300)
	p.Seed = 8
	if reflect.DeepEqual(a, makePlan(p)) {
		t.Fatal("another seed gives the same plan")
	}
}

func TestASmallRunStillHasOneOfEachShare(t *testing.T) {
	tests := []struct {
		frac float64
		n    int
		want int
	}{
		{0.02, 30, 1},
		{0.02, 50, 1},
		{0.02, 1000, 20},
		{0.25, 30, 8},
		{0, 1000, 0},
		{1, 3, 3},
		{0.05, 0, 0},
	}
	for _, tt := range tests {
		if got := share(tt.frac, tt.n); got != tt.want {
			t.Errorf("share(%v, %d) = %d, want %d", tt.frac, tt.n, got, tt.want)
		}
	}
}

func TestParseSeconds(t *testing.T) {
	tests := []struct {
		in       string
		lo, hi   time.Duration
		wantsErr bool
	}{
		{"0.2-0.8", 200 * time.Millisecond, 800 * time.Millisecond, false},
		{"1", time.Second, time.Second, false},
		{" 0.5 - 2 ", 500 * time.Millisecond, 2 * time.Second, false},
		{"0.8-0.2", 0, 0, true},
		{"fast", 0, 0, true},
		{"0.2-", 0, 0, true},
	}
	for _, tt := range tests {
		lo, hi, err := parseSeconds(tt.in)
		if (err != nil) != tt.wantsErr || lo != tt.lo || hi != tt.hi {
			t.Errorf("parseSeconds(%q) = %s, %s, %v", tt.in, lo, hi, err)
		}
	}
}
