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
// server it builds and starts itself on the embedded default, and reads its JSON verdict: a
// single-choice, a short-answer and an ordering question.
func TestThirtyPhonesPlayASpawnedServerWithNothingLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts a server")
	}
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_URL", "")
	t.Setenv("HOITHI_LOADGEN_PASSWORD", "")
	rep, log := runLoadgen(t, "-spawn", "-players", "30", "-questions", "3", "-kinds", "mixed", "-drop", "0.1", "-pause", "200ms", "-timeout", "2m")
	if rep.Lost != 0 || !rep.StandingsOK || rep.Errors != 0 {
		t.Fatalf("lost %d, standings_ok %v, errors %d\n%s", rep.Lost, rep.StandingsOK, rep.Errors, log)
	}
	if rep.Mode != "embedded" || rep.Nodes != 1 || rep.Joined != 30 || rep.AnswersAcked == 0 ||
		rep.AnswersPersisted != rep.AnswersAcked || rep.Drops == 0 || rep.FanoutSamples != 90 || rep.ServerRSSMB <= 0 {
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
		rep.Drops == 0 || rep.FanoutSamples != 90 || rep.ServerRSSMB <= 0 {
		t.Fatalf("the report does not describe the run asked for: %+v", rep)
	}
}

// TestTwentyPhonesPlayAnEliminationAndABuzzerRound runs loadgen's two other round kinds on
// the embedded default: every phone's out flag, the rescue and the refusals of an elimination
// round; one winner per buzzer question and steal, the earliest press, known to every phone
// and scored.
func TestTwentyPhonesPlayAnEliminationAndABuzzerRound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts a server")
	}
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_URL", "")
	t.Setenv("HOITHI_LOADGEN_PASSWORD", "")
	t.Run("elimination", func(t *testing.T) {
		rep, log := runLoadgen(t, "-spawn", "-round", "elimination", "-players", "20", "-questions", "2", "-drop", "0.1", "-rescue", "2",
			"-pause", "200ms", "-timeout", "2m")
		if rep.Errors != 0 || rep.Lost != 0 || rep.SurvivorsOK == nil || !*rep.SurvivorsOK || !*rep.EliminatedOK || !rep.StandingsOK {
			t.Fatalf("errors %d, lost %d, report %+v\n%s", rep.Errors, rep.Lost, rep, log)
		}
		if rep.Round != "elimination" || *rep.Rescued != 2 || *rep.EliminatedRefused == 0 || rep.AnswersPersisted != rep.AnswersAcked {
			t.Fatalf("the report does not describe the run asked for: %+v", rep)
		}
	})
	t.Run("buzzer", func(t *testing.T) {
		// With steals: each first winner is marked wrong, the others press again, and the
		// steal's winner is marked right.
		rep, log := runLoadgen(t, "-spawn", "-round", "buzzer", "-steal", "3", "-players", "20", "-questions", "2", "-pause", "200ms", "-timeout", "2m")
		if rep.Errors != 0 || rep.WinnersOK == nil || !*rep.WinnersOK || !*rep.BuzzScoresOK || !rep.StandingsOK {
			t.Fatalf("errors %d, report %+v\n%s", rep.Errors, rep, log)
		}
		if rep.Round != "buzzer" || rep.BuzzSamples != 80 || rep.BuzzP50 <= 0 {
			t.Fatalf("the report does not describe the run asked for: %+v", rep)
		}
	})
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
