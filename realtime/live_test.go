package realtime

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

// liveStores returns every LiveStore implementation to run the contract against: in process
// always, and Redis when HOITHI_TEST_REDIS_URL names a server.
func liveStores(t *testing.T) map[string]func(t *testing.T) LiveStore {
	t.Helper()
	stores := map[string]func(t *testing.T) LiveStore{
		"memory": func(*testing.T) LiveStore { return NewMemoryStore() },
	}
	url := os.Getenv("HOITHI_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
			t.Fatal("HOITHI_TEST_REDIS_URL is not set: the Redis contract tests cannot run")
		}
		t.Log("HOITHI_TEST_REDIS_URL is not set: only the in-process store is tested")
		return stores
	}
	stores["redis"] = func(t *testing.T) LiveStore { return NewRedisStore(testRedis(t, url)) }
	return stores
}

func testRedis(t testing.TB, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("parse redis url: %v", err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { rdb.Close() })
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis at %s does not answer: %v", url, err)
	}
	return rdb
}

func TestLiveStoreContract(t *testing.T) {
	for name, open := range liveStores(t) {
		t.Run(name, func(t *testing.T) {
			for _, tc := range liveContract {
				t.Run(tc.name, func(t *testing.T) {
					s, c := open(t), uuid.NewString()
					if !tc.unbuilt {
						if err := s.Rebuild(context.Background(), c, nil, nil, nil, 0); err != nil {
							t.Fatal(err)
						}
					}
					tc.run(t, s, c)
				})
			}
		})
	}
}

var liveContract = []struct {
	name    string
	unbuilt bool // starts on a contest the store has never held
	run     func(t *testing.T, s LiveStore, contest string)
}{
	{"an answer is stored once and a different second answer gets the first back", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		mustAdd(t, s, c, "p1", 1)
		first := AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{2}, Correct: true, Points: 100, ElapsedMs: 1500, JoinOrder: 1}
		got, fresh, err := s.ClaimAnswer(ctx, c, "i1", first)
		if err != nil || !fresh || got.ClientID != "a" {
			t.Fatalf("first claim: %+v fresh=%v err=%v", got, fresh, err)
		}
		second := AnswerRecord{ParticipantID: "p1", ClientID: "b", Choice: []int{1}, Correct: false, JoinOrder: 1}
		got, fresh, err = s.ClaimAnswer(ctx, c, "i1", second)
		if err != nil || fresh || got.ClientID != "a" || len(got.Choice) != 1 || got.Choice[0] != 2 {
			t.Fatalf("second claim should return the first: %+v fresh=%v err=%v", got, fresh, err)
		}
		if e, _, _ := s.Rank(ctx, c, "p1", 1); e.Score != 0 {
			t.Fatalf("an answer scores before its item is scored: %+v", e)
		}
		mustScore(t, s, c, "i1")
		mustScore(t, s, c, "i1")
		e, ok, err := s.Rank(ctx, c, "p1", 1)
		if err != nil || !ok || e.Score != 100 || e.TimeMs != 1500 || e.Correct != 1 || e.Rank != 1 {
			t.Fatalf("the first answer is scored once: %+v ok=%v err=%v", e, ok, err)
		}
		if n, _ := s.AnswerCount(ctx, c, "i1"); n != 1 {
			t.Fatalf("answer count = %d, want 1", n)
		}
	}},
	{"racing claims for one participant store exactly one", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		mustAdd(t, s, c, "p1", 1)
		var wg sync.WaitGroup
		var mu sync.Mutex
		fresh := 0
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := AnswerRecord{ParticipantID: "p1", ClientID: fmt.Sprint(i), Choice: []int{0}, Correct: true, Points: 10, JoinOrder: 1}
				_, f, err := s.ClaimAnswer(ctx, c, "i1", rec)
				if err != nil {
					t.Error(err)
				}
				if f {
					mu.Lock()
					fresh++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		mustScore(t, s, c, "i1")
		e, _, _ := s.Rank(ctx, c, "p1", 1)
		if fresh != 1 || e.Score != 10 {
			t.Fatalf("%d claims won and the score is %d; want 1 and 10", fresh, e.Score)
		}
	}},
	{"the leaderboard ranks by score, then time, then join order", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		for i, p := range []string{"slow", "fastB", "fastA", "none", "top"} {
			mustAdd(t, s, c, p, i+1)
		}
		claims := []AnswerRecord{
			{ParticipantID: "slow", Points: 100, ElapsedMs: 9000, JoinOrder: 1},
			{ParticipantID: "fastB", Points: 100, ElapsedMs: 2000, JoinOrder: 2},
			{ParticipantID: "fastA", Points: 100, ElapsedMs: 2000, JoinOrder: 3},
			{ParticipantID: "top", Points: 150, ElapsedMs: 19000, JoinOrder: 5},
		}
		for _, r := range claims {
			r.Correct, r.ClientID, r.Choice = true, "x", []int{0}
			if _, _, err := s.ClaimAnswer(ctx, c, "i1", r); err != nil {
				t.Fatal(err)
			}
		}
		mustScore(t, s, c, "i1")
		lb, err := s.Leaderboard(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"top", "fastB", "fastA", "slow", "none"}
		if len(lb) != len(want) {
			t.Fatalf("leaderboard has %d entries, want %d", len(lb), len(want))
		}
		for i, w := range want {
			if lb[i].ParticipantID != w || lb[i].Rank != i+1 {
				t.Errorf("rank %d: %+v, want %s", i+1, lb[i], w)
			}
		}
		if lb[0].Score != 150 || lb[0].TimeMs != 19000 || lb[4].Score != 0 {
			t.Errorf("scores decoded wrong: %+v / %+v", lb[0], lb[4])
		}
	}},
	{"a wrong answer is stored but scores nothing", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		mustAdd(t, s, c, "p1", 1)
		if _, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{3}, Points: 0, ElapsedMs: 500, JoinOrder: 1}); err != nil {
			t.Fatal(err)
		}
		mustScore(t, s, c, "i1")
		rec, ok, _ := s.Answer(ctx, c, "i1", "p1")
		e, _, _ := s.Rank(ctx, c, "p1", 1)
		if !ok || rec.Choice[0] != 3 || e.Score != 0 || e.TimeMs != 0 {
			t.Fatalf("answer %+v ok=%v, entry %+v", rec, ok, e)
		}
	}},
	{"a removed player leaves the leaderboard and scores no more", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		mustAdd(t, s, c, "p1", 1)
		mustAdd(t, s, c, "p2", 2)
		if err := s.RemovePlayer(ctx, c, "p1", 1); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}, Correct: true, Points: 10, JoinOrder: 1}); err != nil {
			t.Fatal(err)
		}
		mustScore(t, s, c, "i1")
		lb, _ := s.Leaderboard(ctx, c)
		if len(lb) != 1 || lb[0].ParticipantID != "p2" {
			t.Fatalf("leaderboard after removal: %+v", lb)
		}
		if _, ok, _ := s.Rank(ctx, c, "p1", 1); ok {
			t.Fatal("a removed player still has a rank")
		}
	}},
	{"an item's answers are final once it is scored", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		mustAdd(t, s, c, "p1", 1)
		mustAdd(t, s, c, "p2", 2)
		if _, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}, Correct: true, Points: 10, JoinOrder: 1}); err != nil {
			t.Fatal(err)
		}
		mustScore(t, s, c, "i1")
		_, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p2", ClientID: "b", Choice: []int{0}, Correct: true, Points: 10, JoinOrder: 2})
		if !errors.Is(err, ErrScored) {
			t.Fatalf("a claim after scoring: %v, want ErrScored", err)
		}
		if rec, fresh, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}, JoinOrder: 1}); err != nil || fresh || rec.ClientID != "a" {
			t.Fatalf("a resend of a stored answer after scoring: %+v %v %v", rec, fresh, err)
		}
	}},
	{"the event sequence only grows", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		a, _ := s.NextSeq(ctx, c, 1, 0)
		b, _ := s.NextSeq(ctx, c, 2, 0)
		cur, _ := s.Seq(ctx, c)
		if a != 1 || b != 3 || cur != 3 {
			t.Fatalf("seq %d, %d, current %d", a, b, cur)
		}
		// An instance that has seen higher numbers than the store (which lost them) asks
		// for numbers above those.
		if d, _ := s.NextSeq(ctx, c, 2, 50); d != 52 {
			t.Fatalf("seq above a floor of 50: %d, want 52", d)
		}
	}},
	{"rebuild adds what the database holds and keeps what is there", true, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		if built, _ := s.Built(ctx, c); built {
			t.Fatal("a new contest is not built")
		}
		mustAdd(t, s, c, "stale", 9)
		players := []Entry{{ParticipantID: "p1", JoinOrder: 1}, {ParticipantID: "p2", JoinOrder: 2}}
		answers := map[string][]AnswerRecord{
			"i1": {{ParticipantID: "p1", ClientID: "a", Choice: []int{1}, Correct: true, Points: 80, ElapsedMs: 700, JoinOrder: 1},
				{ParticipantID: "p2", ClientID: "b", Choice: []int{0}, JoinOrder: 2}},
			"i2": {{ParticipantID: "p2", ClientID: "c", Choice: []int{2}, Correct: true, Points: 90, ElapsedMs: 300, JoinOrder: 2}},
		}
		if err := s.Rebuild(ctx, c, players, answers, []string{"i1", "i2"}, 40); err != nil {
			t.Fatal(err)
		}
		if built, _ := s.Built(ctx, c); !built {
			t.Fatal("rebuild marks the contest built")
		}
		lb, _ := s.Leaderboard(ctx, c)
		if len(lb) != 3 || lb[0].ParticipantID != "p2" || lb[0].Score != 90 || lb[1].Score != 80 || lb[2].ParticipantID != "stale" {
			t.Fatalf("leaderboard after rebuild: %+v", lb)
		}
		if err := s.Rebuild(ctx, c, players, answers, []string{"i1", "i2"}, 40); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Leaderboard(ctx, c); again[0].Score != 90 || again[1].Score != 80 {
			t.Fatalf("a second rebuild counted answers twice: %+v", again)
		}
		if n, _ := s.AnswerCount(ctx, c, "i1"); n != 2 {
			t.Fatalf("answers to i1 after rebuild: %d", n)
		}
		if seq, _ := s.NextSeq(ctx, c, 1, 0); seq != 41 {
			t.Fatalf("the event sequence after a rebuild restarts at %d, want 41", seq)
		}
	}},
	{"each instance's connected phones are seen by the others until its record lapses", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		if kept, err := s.KeepPresence(ctx, c, "A", time.Minute); kept || err != nil {
			t.Fatalf("kept a record never set: %v %v", kept, err)
		}
		v0, _ := s.PresenceVersion(ctx, c)
		if err := s.SetPresence(ctx, c, "A", []string{"p1", "p2"}, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPresence(ctx, c, "B", []string{"p3"}, time.Second); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPresence(ctx, c, "C", nil, time.Minute); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.PresenceVersion(ctx, c); v == v0 {
			t.Fatal("setting presence left its version as it was")
		}
		if got, err := s.Presence(ctx, c, "A"); err != nil || !maps.Equal(got, map[string]bool{"p3": true}) {
			t.Fatalf("seen from A: %v %v, want p3", got, err)
		}
		if got, _ := s.Presence(ctx, c, "B"); !maps.Equal(got, map[string]bool{"p1": true, "p2": true}) {
			t.Fatalf("seen from B: %v, want p1 and p2", got)
		}
		// A phone moves from A to B.
		if err := s.SetPresence(ctx, c, "A", []string{"p1"}, time.Minute); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Presence(ctx, c, "B"); !maps.Equal(got, map[string]bool{"p1": true}) {
			t.Fatalf("seen from B after p2 left A: %v", got)
		}
		v1, _ := s.PresenceVersion(ctx, c)
		if kept, err := s.KeepPresence(ctx, c, "C", time.Minute); !kept || err != nil {
			t.Fatalf("an instance with no phones could not keep its record: %v %v", kept, err)
		}
		if v, _ := s.PresenceVersion(ctx, c); v != v1 {
			t.Fatal("keeping a record changed the presence version")
		}
		time.Sleep(1500 * time.Millisecond) // B died: its record lapses
		if got, _ := s.Presence(ctx, c, "A"); len(got) != 0 {
			t.Fatalf("a lapsed record still counts: %v", got)
		}
		if kept, _ := s.KeepPresence(ctx, c, "B", time.Minute); kept {
			t.Fatal("a lapsed record was kept instead of being set again")
		}
	}},
}

func mustScore(t *testing.T, s LiveStore, contest, item string) {
	t.Helper()
	if err := s.ScoreItem(context.Background(), contest, item); err != nil {
		t.Fatal(err)
	}
}

func mustAdd(t *testing.T, s LiveStore, contest, p string, order int) {
	t.Helper()
	if err := s.AddPlayer(context.Background(), contest, p, order); err != nil {
		t.Fatal(err)
	}
}

func TestCompositeScoreRoundTrips(t *testing.T) {
	for _, c := range []struct {
		score int
		ms    int64
	}{{0, 0}, {100, 1500}, {1_000_000, 4_000_000_000}, {-50, 20}} {
		s, ms := splitScore(compositeScore(c.score, c.ms))
		if s != c.score || ms != c.ms {
			t.Errorf("(%d, %d) came back as (%d, %d)", c.score, c.ms, s, ms)
		}
	}
}

func TestLeaseContract(t *testing.T) {
	leases := map[string]Lease{"memory": &MemoryLease{}}
	if url := os.Getenv("HOITHI_TEST_REDIS_URL"); url != "" {
		leases["redis"] = NewRedisLease(testRedis(t, url))
	}
	for name, l := range leases {
		t.Run(name+": one holder at a time, and another takes over when it expires", func(t *testing.T) {
			ctx := context.Background()
			c := uuid.NewString()
			if ok, err := l.Acquire(ctx, c, "a", time.Second); !ok || err != nil {
				t.Fatalf("a free lease: %v %v", ok, err)
			}
			if ok, _ := l.Acquire(ctx, c, "b", time.Second); ok {
				t.Fatal("a second holder got a held lease")
			}
			if ok, _ := l.Acquire(ctx, c, "a", time.Second); !ok {
				t.Fatal("the holder could not renew")
			}
			time.Sleep(1100 * time.Millisecond)
			if ok, _ := l.Acquire(ctx, c, "b", time.Second); !ok {
				t.Fatal("an expired lease was not taken over")
			}
			_ = l.Release(ctx, c, "a") // not the holder any more: no effect
			if ok, _ := l.Acquire(ctx, c, "a", time.Second); ok {
				t.Fatal("release by a former holder freed the lease")
			}
			_ = l.Release(ctx, c, "b")
			if ok, _ := l.Acquire(ctx, c, "a", time.Second); !ok {
				t.Fatal("a released lease is free")
			}
		})
	}
}

// TestARedisThatLostTheContestSaysSo: after Redis restarted empty, a claim is refused with
// ErrNotBuilt rather than stored into a half-empty live state.
func TestARedisThatLostTheContestSaysSo(t *testing.T) {
	url := os.Getenv("HOITHI_TEST_REDIS_URL")
	if url == "" {
		t.Skip("HOITHI_TEST_REDIS_URL is not set")
	}
	rdb := testRedis(t, url)
	s := NewRedisStore(rdb)
	ctx := context.Background()
	c := uuid.NewString()
	if err := s.Rebuild(ctx, c, []Entry{{ParticipantID: "p1", JoinOrder: 1}}, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	rec := AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}, JoinOrder: 1}
	if _, _, err := s.ClaimAnswer(ctx, c, "i1", rec); err != nil {
		t.Fatal(err)
	}
	keys, _ := rdb.Keys(ctx, "hoithi:{"+c+"}:*").Result()
	rdb.Del(ctx, keys...)
	if _, _, err := s.ClaimAnswer(ctx, c, "i1", rec); !errors.Is(err, ErrNotBuilt) {
		t.Fatalf("a claim on a lost contest: %v, want ErrNotBuilt", err)
	}
}

func TestRetiredContestsLeaveTheStore(t *testing.T) {
	for name, open := range liveStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, c := open(t), uuid.NewString()
			if err := s.Rebuild(ctx, c, []Entry{{ParticipantID: "p1", JoinOrder: 1}}, nil, nil, 5); err != nil {
				t.Fatal(err)
			}
			if err := s.Retire(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
			if built, _ := s.Built(ctx, c); built {
				t.Fatal("a deleted contest is still in the live store")
			}
			if lb, _ := s.Leaderboard(ctx, c); len(lb) != 0 {
				t.Fatalf("a deleted contest still has a leaderboard: %+v", lb)
			}
		})
	}
}
