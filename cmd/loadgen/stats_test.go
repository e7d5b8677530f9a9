package main

import "testing"

func TestPercentile(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(100 - i) // 100 … 1, unsorted on purpose
	}
	tests := []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"no samples give zero", nil, 99, 0},
		{"one sample is every percentile", []float64{7}, 50, 7},
		{"the median of 1…100 by nearest rank is 50", hundred, 50, 50},
		{"p99 of 1…100 is 99", hundred, 99, 99},
		{"p100 is the maximum", hundred, 100, 100},
		{"p0 is the minimum", hundred, 0, 1},
		{"p99 of ten samples is the largest", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 99, 10},
		{"p50 of four samples is the second", []float64{4, 1, 3, 2}, 50, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.xs, tt.p); got != tt.want {
				t.Fatalf("percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
			}
		})
	}
}

func TestPercentileLeavesItsInputAlone(t *testing.T) {
	xs := []float64{3, 1, 2}
	percentile(xs, 50)
	if xs[0] != 3 || xs[1] != 1 || xs[2] != 2 {
		t.Fatalf("percentile sorted its input: %v", xs)
	}
}

func TestReportFailsOnAnyLossErrorOrWrongStandings(t *testing.T) {
	ok := Report{Players: 10, Joined: 10, StandingsOK: true}
	if ok.Failed() {
		t.Fatal("a clean run is reported as failed")
	}
	for name, r := range map[string]Report{
		"an answer lost":            {Players: 10, Joined: 10, StandingsOK: true, Lost: 1},
		"wrong standings":           {Players: 10, Joined: 10},
		"a failed check":            {Players: 10, Joined: 10, StandingsOK: true, Errors: 1},
		"a phone that never joined": {Players: 10, Joined: 9, StandingsOK: true},
		"a run that stopped":        {Players: 10, Joined: 10, StandingsOK: true, Error: "timed out"},
	} {
		if !r.Failed() {
			t.Errorf("%s does not fail the run", name)
		}
	}
}
