package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
)

func TestContestKeepsItsOwnCopyOfBankQuestions(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks, contests := store.NewBankService(db), store.NewContestService(db)
		_, qs := newBank(t, db, "Câu một", "Câu hai", "Câu ba")

		c := &quiz.Contest{Title: "Vòng sơ khảo", Rounds: []quiz.Round{
			{Title: "Khởi động", Scoring: quiz.FixedPoints, Items: []quiz.Item{{Question: qs[2]}, {Question: qs[0]}}},
			{Scoring: quiz.SpeedPoints, Items: []quiz.Item{{Question: qs[1]}}},
		}}
		must(t, contests.CreateContest(ctx, c))
		if c.Status != quiz.StatusOpen || c.Live != (quiz.LiveState{Phase: quiz.PhaseLobby, Version: 1, ItemIndex: -1}) {
			t.Fatalf("new contest status %q, live %+v", c.Status, c.Live)
		}

		edited := qs[2]
		edited.Prompt = "Câu ba, đã sửa"
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		must(t, banks.DeleteQuestion(ctx, qs[0].ID))

		got, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		var prompts, from []string
		for _, it := range got.Items() {
			prompts = append(prompts, it.Question.Prompt)
			from = append(from, it.QuestionID)
		}
		if want := []string{"Câu ba", "Câu một", "Câu hai"}; !slices.Equal(prompts, want) {
			t.Errorf("item prompts = %q, want %q", prompts, want)
		}
		if want := []string{qs[2].ID, qs[0].ID, qs[1].ID}; !slices.Equal(from, want) {
			t.Errorf("items copied from %q, want %q", from, want)
		}
		if len(got.Rounds) != 2 || got.Rounds[0].Title != "Khởi động" || got.Rounds[1].Title != "Vòng 2" || got.Rounds[1].Scoring != quiz.SpeedPoints {
			t.Errorf("rounds = %+v", got.Rounds)
		}
		it := got.Rounds[0].Items[0]
		if it.ID != c.Rounds[0].Items[0].ID || it.Position != 1 || !slices.Equal(it.Question.Options, qs[2].Options) || !slices.Equal(it.Question.Correct, qs[2].Correct) {
			t.Errorf("first item = %+v", it)
		}
		if got.PIN != c.PIN || got.Live != c.Live || !got.CreatedAt.Equal(c.CreatedAt) || got.FinishedAt != nil {
			t.Errorf("found contest %+v, saved %+v", got, c)
		}
	})
}

func TestPINs(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		seen := make(map[string]bool)
		for range 20 {
			c := newContest(t, db, 1)
			if !regexp.MustCompile(`^[1-9][0-9]{5}$`).MatchString(c.PIN) {
				t.Fatalf("PIN %q is not 6 digits without a leading zero", c.PIN)
			}
			if seen[c.PIN] {
				t.Fatalf("PIN %q given twice", c.PIN)
			}
			seen[c.PIN] = true
		}

		draws := []string{"111111", "111111", "111111", "222222", "111111"}
		store.SetPINSource(contests, func() (string, error) {
			pin := draws[0]
			draws = draws[1:]
			return pin, nil
		})
		create := func() *quiz.Contest {
			c := &quiz.Contest{Title: "Hội thi", Rounds: []quiz.Round{{Scoring: quiz.FixedPoints, Items: []quiz.Item{{Question: question("Câu hỏi")}}}}}
			must(t, contests.CreateContest(ctx, c))
			return c
		}
		first := create()
		second := create()
		if first.PIN != "111111" || second.PIN != "222222" {
			t.Fatalf("PINs = %s, %s; a PIN in use should be drawn again", first.PIN, second.PIN)
		}

		must(t, contests.UpdateContestStatus(ctx, first.ID, quiz.StatusFinished))
		third := create()
		if third.PIN != "111111" {
			t.Fatalf("PIN = %s, want the PIN of the finished contest back", third.PIN)
		}
		found, err := contests.FindContestByPIN(ctx, "111111")
		must(t, err)
		if found.ID != third.ID || found.Title != third.Title {
			t.Fatalf("PIN 111111 found contest %s, want the open one %s", found.ID, third.ID)
		}
		wantCode(t, contests.UpdateContestStatus(ctx, first.ID, quiz.StatusOpen), quiz.ECONFLICT)

		// A PIN whose contest finished says so for a week, then is simply unknown.
		must(t, contests.UpdateContestStatus(ctx, third.ID, quiz.StatusFinished))
		if _, err = contests.FindContestByPIN(ctx, "111111"); !errors.Is(err, quiz.ErrContestEnded) {
			t.Fatalf("the PIN of a contest that just finished: %v, want ErrContestEnded", err)
		}
		weekAgo := time.Now().Add(-8 * 24 * time.Hour).UnixMilli()
		must(t, db.Gorm(ctx).Exec("UPDATE contests SET finished_at = ? WHERE pin = ?", weekAgo, "111111").Error)
		_, err = contests.FindContestByPIN(ctx, "111111")
		wantCode(t, err, quiz.ENOTFOUND)
		_, err = contests.FindContestByPIN(ctx, "999999")
		wantCode(t, err, quiz.ENOTFOUND)
	})
}

func TestContestStatus(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		older := newContest(t, db, 1)
		c := newContest(t, db, 2)

		must(t, contests.UpdateContestStatus(ctx, c.ID, quiz.StatusFinished))
		got, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		if got.Status != quiz.StatusFinished || got.FinishedAt == nil || got.FinishedAt.Before(c.CreatedAt) {
			t.Fatalf("finished contest: status %q, finished at %v", got.Status, got.FinishedAt)
		}
		must(t, contests.UpdateContestStatus(ctx, c.ID, quiz.StatusOpen))
		if got, _ := contests.FindContest(ctx, c.ID); got.FinishedAt != nil {
			t.Errorf("reopened contest still has finished at %v", got.FinishedAt)
		}
		wantCode(t, contests.UpdateContestStatus(ctx, c.ID, "paused"), quiz.EINVALID)
		wantCode(t, contests.UpdateContestStatus(ctx, "no-such-contest", quiz.StatusFinished), quiz.ENOTFOUND)
		_, err = contests.FindContest(ctx, "no-such-contest")
		wantCode(t, err, quiz.ENOTFOUND)
		wantCode(t, contests.CreateContest(ctx, &quiz.Contest{Title: "Không có vòng"}), quiz.EINVALID)

		list, err := contests.ListContests(ctx, admin)
		must(t, err)
		if len(list) != 2 || list[0].ID != c.ID || list[1].ID != older.ID || list[0].Rounds != nil || list[0].Live.Phase != quiz.PhaseLobby {
			t.Fatalf("listed contests = %+v, want newest first without rounds", list)
		}
	})
}

func TestLiveStateRoundTrips(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 3)
		st := quiz.LiveState{
			Phase: quiz.PhaseItemOpen, Version: 7, ItemIndex: 2, OpensAt: 1767225600123, ClosesAt: 1767225620123,
			Paused: true, PausedRemainingMs: 4500, PausedTotalMs: 1200, PausedAt: 1767225615623,
		}
		must(t, contests.SaveTransition(ctx, c.ID, quiz.Transition{Prev: c.Live.Version, State: st}))
		got, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		if got.Live != st {
			t.Fatalf("live state = %+v, want %+v", got.Live, st)
		}
		live, err := contests.FindLiveState(ctx, c.ID)
		must(t, err)
		if live != st {
			t.Fatalf("FindLiveState = %+v, want %+v", live, st)
		}
		wantCode(t, contests.SaveTransition(ctx, "no-such-contest", quiz.Transition{Prev: 1, State: st}), quiz.ENOTFOUND)
	})
}

func TestOnlyOneOfTwoRacingTransitionsIsSaved(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 3)
		prev := c.Live.Version
		a := c.Live
		a.Phase, a.Version = quiz.PhaseRoundIntro, prev+1
		b := a
		b.Phase = quiz.PhaseFinished
		must(t, contests.SaveTransition(ctx, c.ID, quiz.Transition{Prev: prev, State: a}))
		wantCode(t, contests.SaveTransition(ctx, c.ID, quiz.Transition{Prev: prev, State: b}), quiz.ECONFLICT)
		live, err := contests.FindLiveState(ctx, c.ID)
		must(t, err)
		if live != a {
			t.Fatalf("after a lost race the stored state is %+v, want %+v", live, a)
		}
	})
}

func TestFiftyPhonesJoiningAtOnceGetJoinOrdersOneToFifty(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		contests := store.NewContestService(db)
		c := newContest(t, db, 1)
		other := newContest(t, db, 1)
		join(t, db, other.ID, 3)

		const n = 50
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				p := quiz.Participant{ContestID: c.ID, Name: fmt.Sprintf("Đồng chí %d", i), Unit: "Chi bộ 1", TokenHash: fmt.Sprintf("token-%d", i)}
				if err := contests.AddParticipant(t.Context(), &p); err != nil {
					t.Errorf("join %d: %v", i, err)
				}
			})
		}
		wg.Wait()

		ps, err := contests.ListParticipants(t.Context(), c.ID)
		must(t, err)
		if len(ps) != n {
			t.Fatalf("%d participants stored, want %d", len(ps), n)
		}
		for i, p := range ps {
			if p.JoinOrder != i+1 {
				t.Fatalf("participant %d has join order %d, want %d", i, p.JoinOrder, i+1)
			}
		}
	})
}

func TestParticipants(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 1)
		p := quiz.Participant{ContestID: c.ID, Name: "  Nguyễn   Văn An ", Unit: "Chi bộ thôn Đông", TokenHash: "abc123"}
		must(t, contests.AddParticipant(ctx, &p))
		if p.ID == "" || p.JoinOrder != 1 || p.Name != "Nguyễn Văn An" {
			t.Fatalf("added participant = %+v", p)
		}

		byToken, err := contests.FindParticipantByToken(ctx, "abc123")
		must(t, err)
		if *byToken != p {
			t.Fatalf("found by token %+v, want %+v", byToken, p)
		}
		must(t, contests.SetParticipantKicked(ctx, p.ID, true))
		if got, _ := contests.FindParticipant(ctx, p.ID); !got.Kicked {
			t.Error("participant is not kicked")
		}

		cases := []struct {
			name string
			err  error
			code string
		}{
			{"an unknown token is not found", second(contests.FindParticipantByToken(ctx, "nope")), quiz.ENOTFOUND},
			{"an empty token is not found", second(contests.FindParticipantByToken(ctx, "")), quiz.ENOTFOUND},
			{"an unknown id is not found", second(contests.FindParticipant(ctx, "nope")), quiz.ENOTFOUND},
			{"kicking an unknown participant is not found", contests.SetParticipantKicked(ctx, "nope", true), quiz.ENOTFOUND},
			{"joining an unknown contest is not found", contests.AddParticipant(ctx, &quiz.Participant{ContestID: "nope", Name: "A", Unit: "B"}), quiz.ENOTFOUND},
			{"joining without a name is invalid", contests.AddParticipant(ctx, &quiz.Participant{ContestID: c.ID, Unit: "B"}), quiz.EINVALID},
			{"the kicked contestant's name and unit, in other case and spacing, are taken",
				contests.AddParticipant(ctx, &quiz.Participant{ContestID: c.ID, Name: "nguyễn văn  AN", Unit: "chi bộ thôn đông"}), quiz.ECONFLICT},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.err, tc.code) })
		}
		if ps, _ := contests.ListParticipants(ctx, c.ID); len(ps) != 1 {
			t.Errorf("%d participants after refused joins, want 1", len(ps))
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestTheFirstStoredAnswerWins(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 2)
		items := c.Items()
		ps := join(t, db, c.ID, 2)
		answer := func(item, p int, choice ...int) quiz.Answer {
			return quiz.Answer{ContestID: c.ID, ItemID: items[item].ID, ParticipantID: ps[p].ID, ClientID: fmt.Sprint(item, p, choice), Choice: choice, Correct: len(choice) == 1 && choice[0] == 1, ElapsedMs: 1500}
		}

		firstBatch := []quiz.Answer{answer(0, 0, 1), answer(0, 1, 2)}
		must(t, contests.SaveAnswers(ctx, firstBatch))
		must(t, contests.SaveAnswers(ctx, []quiz.Answer{answer(0, 0, 2), answer(1, 0, 0)}))
		must(t, contests.SaveAnswers(ctx, firstBatch[:1]))
		must(t, contests.SaveAnswers(ctx, []quiz.Answer{answer(1, 1, 0), answer(1, 1, 1)}))
		must(t, contests.SaveAnswers(ctx, nil))

		got, err := contests.ListAnswers(ctx, c.ID)
		must(t, err)
		choices := make(map[string][]int)
		for _, a := range got {
			choices[a.ItemID+"/"+a.ParticipantID] = a.Choice
		}
		want := map[string][]int{
			items[0].ID + "/" + ps[0].ID: {1},
			items[0].ID + "/" + ps[1].ID: {2},
			items[1].ID + "/" + ps[0].ID: {0},
			items[1].ID + "/" + ps[1].ID: {0},
		}
		if len(got) != len(want) {
			t.Fatalf("%d answers stored, want %d: %+v", len(got), len(want), got)
		}
		for k, w := range want {
			if !slices.Equal(choices[k], w) {
				t.Errorf("answer %s has choice %v, want the first one %v", k, choices[k], w)
			}
		}
		for _, a := range got {
			if a.ID == firstBatch[0].ID && (a.ClientID != firstBatch[0].ClientID || !a.Correct || a.ElapsedMs != 1500 || !a.CreatedAt.Equal(firstBatch[0].CreatedAt)) {
				t.Errorf("stored answer %+v, saved %+v", a, firstBatch[0])
			}
		}
	})
}

func TestTwentyConcurrentBatchesStoreEveryAnswerOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		contests := store.NewContestService(db)
		c := newContest(t, db, 5)
		items := c.Items()
		ps := join(t, db, c.ID, 40)

		var all []quiz.Answer
		for _, it := range items {
			for _, p := range ps {
				all = append(all, quiz.Answer{ContestID: c.ID, ItemID: it.ID, ParticipantID: p.ID, Choice: []int{0}})
			}
		}
		// Every goroutine saves an overlapping, shuffled half of all answers, so batches
		// race on the same rows in different orders.
		const goroutines = 20
		var wg sync.WaitGroup
		for g := range goroutines {
			batch := slices.Clone(all)
			rand.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
			batch = batch[:len(batch)/2]
			for i := range batch {
				batch[i].ClientID = fmt.Sprint(g)
			}
			wg.Go(func() {
				if err := contests.SaveAnswers(t.Context(), batch); err != nil {
					t.Errorf("goroutine %d: %v", g, err)
				}
			})
		}
		wg.Wait()
		must(t, contests.SaveAnswers(t.Context(), all))

		got, err := contests.ListAnswers(t.Context(), c.ID)
		must(t, err)
		if len(got) != len(all) {
			t.Fatalf("%d answers stored, want %d", len(got), len(all))
		}
		seen := make(map[string]bool)
		for _, a := range got {
			k := a.ItemID + "/" + a.ParticipantID
			if seen[k] {
				t.Fatalf("answer %s stored twice", k)
			}
			seen[k] = true
		}
	})
}

func TestDeletingAContestDeletesEverythingInIt(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 2)
		kept := newContest(t, db, 1)
		ps := join(t, db, c.ID, 2)
		join(t, db, kept.ID, 1)
		must(t, contests.SaveAnswers(ctx, []quiz.Answer{{ContestID: c.ID, ItemID: c.Items()[0].ID, ParticipantID: ps[0].ID, Choice: []int{1}}}))

		must(t, contests.DeleteContest(ctx, c.ID))
		_, err := contests.FindContest(ctx, c.ID)
		wantCode(t, err, quiz.ENOTFOUND)
		_, err = contests.FindParticipant(ctx, ps[0].ID)
		wantCode(t, err, quiz.ENOTFOUND)
		wantCode(t, contests.DeleteContest(ctx, c.ID), quiz.ENOTFOUND)
		for table, where := range map[string]string{
			"rounds":       "contest_id = ?",
			"round_items":  "round_id IN (SELECT id FROM rounds WHERE contest_id = ?)",
			"participants": "contest_id = ?",
			"answers":      "contest_id = ?",
		} {
			if n := countRows(t, ctx, db, table, where, c.ID); n != 0 {
				t.Errorf("%d rows left in %s", n, table)
			}
		}
		if n := countRows(t, ctx, db, "round_items", "1 = 1"); n != 1 {
			t.Errorf("%d items left, want the other contest's 1", n)
		}
		if got, err := contests.FindContest(ctx, kept.ID); err != nil || len(got.Items()) != 1 {
			t.Errorf("the other contest was touched: %+v, %v", got, err)
		}
	})
}

// BenchmarkSaveAnswers measures one group commit: a batch of 300 answers to one item.
func BenchmarkSaveAnswers(b *testing.B) {
	for _, dialect := range storetest.Dialects(b) {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			contests := store.NewContestService(db)
			c := &quiz.Contest{Title: "Đo tốc độ", Rounds: []quiz.Round{{Scoring: quiz.SpeedPoints, Items: []quiz.Item{{Question: question("Câu hỏi")}}}}}
			if err := contests.CreateContest(b.Context(), c); err != nil {
				b.Fatal(err)
			}
			ps := make([]quiz.Participant, 300)
			for i := range ps {
				ps[i] = quiz.Participant{ContestID: c.ID, Name: fmt.Sprint("Thí sinh ", i), Unit: "Chi bộ"}
				if err := contests.AddParticipant(b.Context(), &ps[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				batch := make([]quiz.Answer, len(ps))
				for j, p := range ps {
					batch[j] = quiz.Answer{ContestID: c.ID, ItemID: fmt.Sprint("item-", i), ParticipantID: p.ID, Choice: []int{j % 4}, ElapsedMs: int64(j)}
				}
				if err := contests.SaveAnswers(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
