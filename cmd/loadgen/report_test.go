package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheResultsPutTheRoundKindsInATableOfTheirOwn(t *testing.T) {
	dir := t.TempDir()
	runs := []Report{
		{Mode: "embedded", Nodes: 1, Players: 1000, AnswersSent: 4750, AnswersAcked: 4750, AnswersPersisted: 4750, FanoutP99: 90, AckP99: 40, StandingsMs: 300, StandingsOK: true},
		{Mode: "production", Shuffled: true, Nodes: 1, Players: 10000, AnswersSent: 47500, AnswersAcked: 47500, AnswersPersisted: 47500, FanoutP99: 400, AckP99: 40, StandingsMs: 300, StandingsOK: true},
		{Mode: "embedded", Nodes: 1, Players: 10000, Round: roundElimination, FanoutP99: 140, AckSamples: 30000, AckP99: 60, StandingsMs: 450, StandingsOK: true,
			Survivors: ptr(1700), Rescued: ptr(300), SurvivorsOK: ptr(true), EliminatedOK: ptr(true), EliminatedRefused: ptr(20000)},
		{Mode: "production", Nodes: 1, Players: 500, Round: roundBuzzer, FanoutP99: 20, StandingsMs: 40, StandingsOK: true,
			BuzzP50: 163, BuzzP99: 180, BuzzSamples: 2500, BuzzSpreadMs: 48, BuzzTaken: ptr(0), WinnersOK: ptr(true), BuzzScoresOK: ptr(false)},
	}
	var files []string
	for i, r := range runs {
		data, _ := json.Marshal(r)
		f := filepath.Join(dir, string(rune('a'+i))+".json")
		if err := os.WriteFile(f, append([]byte("progress\n"), data...), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var b strings.Builder
	if err := writeResults(&b, files); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| embedded | 1000 | 4750 / 4750 / 4750 | 0 |",
		"| production, options shuffled per phone | 10000 | 47500 / 47500 / 47500 | 0 | 0 | **400** ✗ |",
		"| elimination | embedded | 10000 | 140 ✓ | 60 ✓ | 450 ✓ | true | 1700 / 300 | true | 20000 | – | – | – | – |",
		"| buzzer | production | 500 | 20 ✓ | – | 40 ✓ | true | – | – | – | 163 / 180 | 48 | 0 | false |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the results have no line with %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\n| mode | phones |") != 1 || strings.Count(out, "\n| round | mode |") != 1 {
		t.Errorf("want one quiz table and one table of round kinds:\n%s", out)
	}
}
