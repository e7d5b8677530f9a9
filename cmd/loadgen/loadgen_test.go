package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestThirtyPhonesPlayASpawnedServerWithNothingLost runs loadgen as a user would, against a
// server it builds and starts itself on the embedded default, and reads its JSON verdict.
func TestThirtyPhonesPlayASpawnedServerWithNothingLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts a server")
	}
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_URL", "")
	t.Setenv("HOITHI_LOADGEN_PASSWORD", "")
	var out, log bytes.Buffer
	m := NewMain(&out, &log)
	if err := m.ParseFlags([]string{"-spawn", "-players", "30", "-questions", "2", "-drop", "0.1", "-timeout", "2m"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	err := m.Run(ctx)
	m.Close()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var rep Report
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rep); err != nil {
		t.Fatalf("the last line is not the JSON report: %v\n%s", err, out.String())
	}
	if rep.Lost != 0 || !rep.StandingsOK || rep.Errors != 0 {
		t.Fatalf("lost %d, standings_ok %v, errors %d\n%s", rep.Lost, rep.StandingsOK, rep.Errors, log.String())
	}
	if rep.Mode != "embedded" || rep.Joined != 30 || rep.AnswersAcked == 0 || rep.AnswersPersisted != rep.AnswersAcked ||
		rep.Drops == 0 || rep.FanoutSamples != 60 || rep.ServerRSSMB <= 0 {
		t.Fatalf("the report does not describe the run asked for: %+v", rep)
	}
}
