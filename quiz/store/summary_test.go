package store_test

import (
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// countQueries counts the statements that read from db from now on.
func countQueries(t *testing.T, db *store.DB) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	cb := db.Gorm(t.Context()).Callback()
	must(t, cb.Query().After("gorm:query").Register("test:count_queries", count))
	must(t, cb.Row().After("gorm:row").Register("test:count_rows", count))
	return &n
}

func TestTheContestListCostsTwoQueriesHoweverManyContestsItHolds(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		queries := countQueries(t, db)
		list := func() []quiz.ContestSummary {
			t.Helper()
			queries.Store(0)
			list, err := contests.ListContests(ctx, admin)
			must(t, err)
			if n := queries.Load(); n == 0 {
				t.Fatal("no query was counted")
			} else if n > 2 {
				t.Errorf("listing %d contests took %d queries, want at most 2", len(list), n)
			}
			return list
		}

		first := newContest(t, db, 3)
		ps := join(t, db, first.ID, 3)
		list()
		for i := range 19 {
			c := newContest(t, db, i+1)
			join(t, db, c.ID, i%4)
		}
		must(t, contests.SetParticipantKicked(ctx, ps[2].ID, true))
		got := list()
		if len(got) != 20 {
			t.Fatalf("listed %d contests, want 20", len(got))
		}
		for i, c := range got[:19] {
			if want := 19 - i; c.ItemCount != want || c.ParticipantCount != (want-1)%4 {
				t.Errorf("contest %d lists %d items and %d contestants, want %d and %d", i, c.ItemCount, c.ParticipantCount, want, (want-1)%4)
			}
		}
		if last := got[19]; last.ID != first.ID || last.ItemCount != 3 || last.ParticipantCount != 2 {
			t.Errorf("the first contest lists %d items and %d contestants, want 3 and 2 (the kicked one left out)", last.ItemCount, last.ParticipantCount)
		}
	})
}
