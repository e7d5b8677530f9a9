package main

import (
	"hoithi/quiz/store/storetest"

	"bytes"
	"context"
	"encoding/json"
	"os"
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
	rep, log := runLoadgen(t, "-spawn", "-players", "30", "-questions", "2", "-drop", "0.1", "-pause", "200ms", "-timeout", "2m")
	if rep.Lost != 0 || !rep.StandingsOK || rep.Errors != 0 {
		t.Fatalf("lost %d, standings_ok %v, errors %d\n%s", rep.Lost, rep.StandingsOK, rep.Errors, log)
	}
	if rep.Mode != "embedded" || rep.Nodes != 1 || rep.Joined != 30 || rep.AnswersAcked == 0 ||
		rep.AnswersPersisted != rep.AnswersAcked || rep.Drops == 0 || rep.FanoutSamples != 60 || rep.ServerRSSMB <= 0 {
		t.Fatalf("the report does not describe the run asked for: %+v", rep)
	}
}

// TestThirtyPhonesSpreadOverThreeServersPlayOneContest runs loadgen with three servers of its
// own sharing a fresh Postgres database and Redis: phones spread over them, resume on
// another, and the organiser's commands go to each in turn, and nothing is lost or wrong.
func TestThirtyPhonesSpreadOverThreeServersPlayOneContest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts three servers")
	}
	base, redisURL := os.Getenv("HOITHI_TEST_DATABASE_URL"), os.Getenv("HOITHI_TEST_REDIS_URL")
	if base == "" || redisURL == "" {
		const why = "HOITHI_TEST_DATABASE_URL and HOITHI_TEST_REDIS_URL are needed for several servers"
		if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	t.Setenv("DATABASE_URL", storetest.EmptyDatabaseURL(t))
	t.Setenv("REDIS_URL", redisURL)
	t.Setenv("HOITHI_LOADGEN_USER", "")
	t.Setenv("HOITHI_LOADGEN_PASSWORD", "")
	rep, log := runLoadgen(t, "-spawn", "-nodes", "3", "-players", "30", "-questions", "2", "-drop", "0.1", "-pause", "200ms", "-timeout", "2m")
	if rep.Lost != 0 || !rep.StandingsOK || rep.Errors != 0 || rep.Nodes != 3 {
		t.Fatalf("lost %d, standings_ok %v, errors %d, nodes %d\n%s", rep.Lost, rep.StandingsOK, rep.Errors, rep.Nodes, log)
	}
	if rep.Mode != "production" || rep.Joined != 30 || rep.AnswersAcked == 0 || rep.AnswersPersisted != rep.AnswersAcked ||
		rep.Drops == 0 || rep.FanoutSamples != 60 || rep.ServerRSSMB <= 0 {
		t.Fatalf("the report does not describe the run asked for: %+v", rep)
	}
}

// runLoadgen runs loadgen with args and returns its JSON report and its progress log.
func runLoadgen(t *testing.T, args ...string) (Report, string) {
	t.Helper()
	var out, log bytes.Buffer
	m := NewMain(&out, &log)
	if err := m.ParseFlags(args); err != nil {
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
	return rep, log.String()
}
