package store_test

import (
	"context"
	"fmt"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
)

// eachDialect runs f once per dialect, in parallel, each with a fresh database.
func eachDialect(t *testing.T, f func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, dialect := range storetest.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			f(t, storetest.Open(t, dialect))
		})
	}
}

// wantCode fails t unless err carries the domain error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := quiz.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

// must fails t on an unexpected error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func question(prompt string) quiz.Question {
	return quiz.Question{Type: quiz.SingleChoice, Prompt: prompt, Options: []string{"Có", "Không", "Tùy"}, Correct: []int{1}}
}

// newBank saves a bank holding one question per prompt.
func newBank(t *testing.T, db *store.DB, prompts ...string) (*quiz.Bank, []quiz.Question) {
	t.Helper()
	ctx := t.Context()
	banks := store.NewBankService(db)
	b := &quiz.Bank{Title: "Nghiệp vụ công tác Đảng"}
	must(t, banks.CreateBank(ctx, b))
	qs := make([]quiz.Question, len(prompts))
	for i, p := range prompts {
		qs[i] = question(p)
		qs[i].BankID = b.ID
	}
	if len(qs) > 0 {
		must(t, banks.CreateQuestions(ctx, qs))
	}
	return b, qs
}

// newContest saves an open contest with one round of n items.
func newContest(t *testing.T, db *store.DB, n int) *quiz.Contest {
	t.Helper()
	c := &quiz.Contest{Title: "Hội thi Bí thư chi bộ giỏi", Rounds: []quiz.Round{{Scoring: quiz.SpeedPoints}}}
	for i := range n {
		c.Rounds[0].Items = append(c.Rounds[0].Items, quiz.Item{Question: question(fmt.Sprintf("Câu hỏi số %d", i+1))})
	}
	must(t, store.NewContestService(db).CreateContest(t.Context(), c))
	return c
}

// join adds n participants to a contest.
func join(t *testing.T, db *store.DB, contestID string, n int) []quiz.Participant {
	t.Helper()
	ps := make([]quiz.Participant, n)
	for i := range ps {
		ps[i] = quiz.Participant{ContestID: contestID, Name: fmt.Sprintf("Thí sinh %d", i+1), Unit: "Chi bộ thôn Đông", TokenHash: fmt.Sprintf("%s-%d", contestID, i)}
		must(t, store.NewContestService(db).AddParticipant(t.Context(), &ps[i]))
	}
	return ps
}

func countRows(t *testing.T, ctx context.Context, db *store.DB, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	must(t, db.Gorm(ctx).Table(table).Where(where, args...).Count(&n).Error)
	return n
}

// admin is who sees every bank and contest in the lists.
var admin = &quiz.User{ID: "admin", Username: "admin", Role: quiz.RoleAdmin}
