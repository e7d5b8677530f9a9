package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestFlagsForSeveralNodes(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		args      []string
		wantErr   string
		wantNodes int
		wantURLs  []string
	}{
		{name: "one spawned node by default", args: []string{"-spawn"}, wantNodes: 1},
		{name: "three spawned nodes with Postgres and Redis", env: map[string]string{"DATABASE_URL": "postgres://x", "REDIS_URL": "redis://y"},
			args: []string{"-spawn", "-nodes", "3"}, wantNodes: 3},
		{name: "three spawned nodes without Redis are refused", env: map[string]string{"DATABASE_URL": "postgres://x"},
			args: []string{"-spawn", "-nodes", "3"}, wantErr: "several nodes need Postgres and Redis"},
		{name: "three spawned nodes without Postgres are refused", env: map[string]string{"REDIS_URL": "redis://y"},
			args: []string{"-spawn", "-nodes", "3"}, wantErr: "several nodes need Postgres and Redis"},
		{name: "no nodes is refused", args: []string{"-spawn", "-nodes", "0"}, wantErr: "-nodes must be between"},
		{name: "a list of running servers", env: map[string]string{"HOITHI_LOADGEN_PASSWORD": "p"},
			args: []string{"-url", "http://127.0.0.1:8081/, http://127.0.0.1:8082"}, wantNodes: 2,
			wantURLs: []string{"http://127.0.0.1:8081", "http://127.0.0.1:8082"}},
		{name: "a list that disagrees with -nodes", env: map[string]string{"HOITHI_LOADGEN_PASSWORD": "p"},
			args: []string{"-url", "http://127.0.0.1:8081,http://127.0.0.1:8082", "-nodes", "3"}, wantErr: "-nodes 3 with 2 addresses"},
		{name: "a server given twice", env: map[string]string{"HOITHI_LOADGEN_PASSWORD": "p"},
			args: []string{"-url", "http://127.0.0.1:8081,http://127.0.0.1:8081/"}, wantErr: "given twice"},
		{name: "a list with a hole", env: map[string]string{"HOITHI_LOADGEN_PASSWORD": "p"},
			args: []string{"-url", "http://127.0.0.1:8081,"}, wantErr: "want http://host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"DATABASE_URL", "REDIS_URL", "HOITHI_LOADGEN_PASSWORD"} {
				t.Setenv(k, tt.env[k])
			}
			m := NewMain(io.Discard, io.Discard)
			err := m.ParseFlags(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Config.Nodes != tt.wantNodes || !slices.Equal(m.Config.URLs, tt.wantURLs) {
				t.Fatalf("nodes %d, urls %q; want %d, %q", m.Config.Nodes, m.Config.URLs, tt.wantNodes, tt.wantURLs)
			}
		})
	}
}

func TestSameContestNeedsDistinctProductionInstances(t *testing.T) {
	bases := []string{"http://a", "http://b"}
	tests := []struct {
		name    string
		hs      []health
		wantErr string
	}{
		{"two production instances", []health{{Mode: "production", Instance: "x"}, {Mode: "production", Instance: "y"}}, ""},
		{"an embedded server among them", []health{{Mode: "production", Instance: "x"}, {Mode: "embedded", Instance: "y"}}, "http://b runs in embedded mode"},
		{"one instance twice", []health{{Mode: "production", Instance: "x"}, {Mode: "production", Instance: "x"}}, "the same instance x"},
		{"an instance without a name", []health{{Mode: "production", Instance: "x"}, {Mode: "production"}}, "does not name its instance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mode, err := sameContest(bases, tt.hs)
			switch {
			case tt.wantErr == "" && (err != nil || mode != "production"):
				t.Fatalf("got %q, %v", mode, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got error %v, want one with %q", err, tt.wantErr)
			}
		})
	}
	if mode, err := sameContest(bases[:1], []health{{Mode: "embedded"}}); err != nil || mode != "embedded" {
		t.Fatalf("one embedded server: %q, %v", mode, err)
	}
}

func TestFlagsForTheRoundKinds(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		round   string
	}{
		{name: "a quiz by default", args: []string{"-spawn"}, round: roundQuiz},
		{name: "an elimination round with a rescue of all", args: []string{"-spawn", "-round", "elimination", "-rescue", "all"}, round: roundElimination},
		{name: "a buzzer round with steals", args: []string{"-spawn", "-round", "buzzer", "-steal", "10"}, round: roundBuzzer},
		{name: "a kind the server has but loadgen does not play", args: []string{"-spawn", "-round", "speed_order"}, wantErr: "want quiz, elimination or buzzer"},
		{name: "a rescue of nobody", args: []string{"-spawn", "-round", "elimination", "-rescue", "0"}, wantErr: "-rescue"},
		{name: "presses after the deadline", args: []string{"-spawn", "-round", "buzzer", "-press-lead", "10s"}, wantErr: "-press-lead"},
		{name: "a steal too short for its presses", args: []string{"-spawn", "-round", "buzzer", "-steal", "1"}, wantErr: "-steal 1"},
		{name: "a quiz with the options shuffled on each phone", args: []string{"-spawn", "-shuffle"}, round: roundQuiz},
		{name: "an elimination round with the options shuffled", args: []string{"-spawn", "-round", "elimination", "-shuffle"}, round: roundElimination},
		{name: "a buzzer round cannot shuffle", args: []string{"-spawn", "-round", "buzzer", "-shuffle"}, wantErr: "-shuffle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain(io.Discard, io.Discard)
			err := m.ParseFlags(tt.args)
			switch {
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got error %v, want one with %q", err, tt.wantErr)
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr == "" && m.Config.Round != tt.round:
				t.Fatalf("round %q, want %q", m.Config.Round, tt.round)
			}
		})
	}
}
