package store_test

import (
	"slices"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

func TestATransitionSavesItsLedgerLinesAndAuditEntryOrNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 2)
		ps := join(t, db, c.ID, 2)
		r := c.Rounds[0]
		next := c.Live
		next.Version, next.Phase = 2, quiz.PhaseReveal
		line := func(p quiz.Participant, points int, reason quiz.ScoreReason) quiz.ScoreChange {
			return quiz.ScoreChange{Version: next.Version, ParticipantID: p.ID, RoundID: r.ID, ItemID: r.Items[0].ID, Points: points, Reason: reason, After: points}
		}
		audit := &quiz.AuditEntry{Version: next.Version, ActorID: "u1", ActorName: "Nguyễn Thị Lan",
			Command: quiz.Command{Name: quiz.CmdAdjust, ParticipantID: ps[1].ID, Round: 1, Points: -5, Reason: "Nhắc bài"}}
		must(t, contests.SaveTransition(ctx, c.ID, quiz.Transition{Prev: 1, State: next,
			Changes: []quiz.ScoreChange{line(ps[0], 100, quiz.ReasonAnswer), line(ps[1], -5, quiz.ReasonAdjust)}, Audit: audit}))

		// A transition that lost the race writes none of its lines.
		lost := next
		lost.Phase = quiz.PhaseFinished
		wantCode(t, contests.SaveTransition(ctx, c.ID, quiz.Transition{Prev: 1, State: lost,
			Changes: []quiz.ScoreChange{line(ps[0], 999, quiz.ReasonAnswer)}, Audit: &quiz.AuditEntry{Command: quiz.Command{Name: quiz.CmdFinish}}}), quiz.ECONFLICT)
		wantCode(t, contests.SaveTransition(ctx, "no-such-contest", quiz.Transition{Prev: 1, State: next}), quiz.ENOTFOUND)

		got, err := contests.ListScoreChanges(ctx, c.ID, 0)
		must(t, err)
		var points []int
		for _, ch := range got {
			points = append(points, ch.Points)
			if ch.ID == "" || ch.At.IsZero() || ch.ContestID != c.ID || ch.Version != 2 || ch.RoundID != r.ID {
				t.Errorf("line %+v lacks its id, time, contest, version or round", ch)
			}
		}
		if !slices.Equal(points, []int{100, -5}) {
			t.Fatalf("ledger points %v, want [100 -5]", points)
		}
		if later, err := contests.ListScoreChanges(ctx, c.ID, 2); err != nil || len(later) != 0 {
			t.Fatalf("lines after version 2: %v %v", later, err)
		}
		if later, err := contests.ListAudit(ctx, c.ID, 2); err != nil || len(later) != 0 {
			t.Fatalf("audit entries after version 2: %v %v", later, err)
		}
		log, err := contests.ListAudit(ctx, c.ID, 1)
		must(t, err)
		if len(log) != 1 || log[0].ActorName != "Nguyễn Thị Lan" || log[0].Command.Name != quiz.CmdAdjust || log[0].Command.Reason != "Nhắc bài" ||
			log[0].Command.Points != -5 || log[0].Command.ParticipantID != ps[1].ID || log[0].Version != 2 {
			t.Fatalf("audit log %+v", log)
		}
	})
}

func TestRoundWeightsSettingsAndTieBreaksRoundTrip(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := &quiz.Contest{Title: "Chung kết", TieBreaks: []quiz.TieBreak{{Rule: quiz.TieRound, Round: 2}, {Rule: quiz.TieCorrect}},
			Rounds: []quiz.Round{
				{Title: "Kiến thức", Scoring: quiz.FixedPoints, Weight: 2, Settings: quiz.RoundSettings{Intro: "Mỗi câu 20 giây.", StreakBonus: 10}, Items: []quiz.Item{{Question: question("Câu 1")}}},
				{Title: "Phụ", Scoring: quiz.FixedPoints, Settings: quiz.RoundSettings{TieBreak: true}, Items: []quiz.Item{{Question: question("Câu 2")}}},
			}}
		must(t, contests.CreateContest(ctx, c))
		got, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		r0, r1 := got.Rounds[0], got.Rounds[1]
		if r0.Kind != quiz.QuizRound || r0.Weight != 2 || r0.Settings.StreakBonus != 10 || r0.Settings.Intro != "Mỗi câu 20 giây." || r1.Weight != 1 || !r1.Settings.TieBreak {
			t.Fatalf("rounds %+v %+v", r0, r1)
		}
		if !slices.Equal(got.TieBreaks, c.TieBreaks) {
			t.Fatalf("tie-breaks %v, want %v", got.TieBreaks, c.TieBreaks)
		}
	})
}
