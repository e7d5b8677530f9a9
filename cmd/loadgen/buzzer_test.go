package main

import (
	"strings"
	"testing"
	"time"
)

// presses is a buzzer question of four phones: b's press reached the server first, a's in the
// same millisecond as c's, d's after the winner was named; everyone was told b won.
func presses() []buzzOutcome {
	return []buzzOutcome{
		{Phone: 0, ParticipantID: "a", JoinOrder: 2, PressedAt: 1010, Winner: "b"},
		{Phone: 1, ParticipantID: "b", JoinOrder: 4, PressedAt: 1003, Winner: "b"},
		{Phone: 2, ParticipantID: "c", JoinOrder: 1, PressedAt: 1010, Winner: "b"},
		{Phone: 3, ParticipantID: "d", JoinOrder: 3, Taken: true, Winner: "b"},
	}
}

func TestCheckBuzzerWantsTheEarliestPressToWinEverywhere(t *testing.T) {
	if p := checkBuzzer("question 1", presses(), "b"); len(p) != 0 {
		t.Fatalf("a question won by the earliest press is reported: %q", p)
	}
	tests := []struct {
		name   string
		mutate func(o []buzzOutcome) string // returns the host's winner
		want   string
	}{
		{"a later press wins", func(o []buzzOutcome) string {
			for i := range o {
				o[i].Winner = "a"
			}
			return "a"
		}, "a won, phone 1 (b) pressed first, at 1003"},
		{"equal milliseconds go to who joined later", func(o []buzzOutcome) string {
			o[1].PressedAt = 1020
			for i := range o {
				o[i].Winner = "a"
			}
			return "a"
		}, "phone 2 (c) pressed first"},
		{"a phone told another winner", func(o []buzzOutcome) string { o[3].Winner = "a"; return "b" },
			`phone 3 was told "a" won, the host "b"`},
		{"a phone never told the winner", func(o []buzzOutcome) string { o[0].Winner = ""; return "b" },
			`phone 0 was told "" won`},
		{"a press with no reply", func(o []buzzOutcome) string { o[3].Taken = false; return "b" },
			"phone 3 pressed and got neither"},
		{"no winner at all", func(o []buzzOutcome) string {
			for i := range o {
				o[i].Winner = ""
			}
			return ""
		}, "question 1: no winner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := presses()
			hw := tt.mutate(o)
			p := checkBuzzer("question 1", o, hw)
			if !strings.Contains(strings.Join(p, "\n"), tt.want) {
				t.Fatalf("got %q, want a problem saying %q", p, tt.want)
			}
		})
	}
}

func TestCheckBuzzScoresWantsTheQuestionsPointsForEachWin(t *testing.T) {
	results := []standing{{ParticipantID: "a", Score: 200}, {ParticipantID: "b", Score: 100}, {ParticipantID: "c", Score: 0}}
	if p := checkBuzzScores(map[string]int{"a": 2, "b": 1}, results); len(p) != 0 {
		t.Fatalf("scores that match the wins are reported: %q", p)
	}
	p := checkBuzzScores(map[string]int{"a": 1, "b": 1, "c": 1}, results)
	if len(p) != 2 || !strings.Contains(p[0], "a has 200 points in the results, won 1") || !strings.Contains(p[1], "c has 0 points") {
		t.Fatalf("got %q", p)
	}
}

func TestPressesFallWithinFiftyMillisecondsAndFollowTheSeed(t *testing.T) {
	a, b, c := pressJitter(7, 500, 3), pressJitter(7, 500, 3), pressJitter(8, 500, 3)
	spread := map[time.Duration]bool{}
	for q := range a {
		for i, d := range a[q] {
			if d < 0 || d > pressWindow {
				t.Fatalf("question %d, phone %d presses %s after the instant", q+1, i, d)
			}
			if d != b[q][i] {
				t.Fatal("the same seed gives other presses")
			}
			spread[d/time.Millisecond] = true
		}
	}
	if len(spread) < 40 {
		t.Errorf("500 phones press in only %d distinct milliseconds", len(spread))
	}
	same := 0
	for i := range a[0] {
		if a[0][i] == c[0][i] {
			same++
		}
	}
	if same > 10 {
		t.Errorf("another seed gives %d of 500 presses the same", same)
	}
}
