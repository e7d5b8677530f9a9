package realtime

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
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
	url := redisURL(t)
	if url == "" {
		return stores
	}
	stores["redis"] = func(t *testing.T) LiveStore { return NewRedisStore(testRedis(t, url)) }
	return stores
}

// redisURL is the Redis the tests may use, or "" when none is set and none is required.
func redisURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("HOITHI_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
			t.Fatal("HOITHI_TEST_REDIS_URL is not set: the Redis tests cannot run")
		}
		t.Log("HOITHI_TEST_REDIS_URL is not set: only the in-process implementations are tested")
	}
	return url
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
						if err := s.Rebuild(context.Background(), c, nil, nil, 0); err != nil {
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
		first := AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{2}, Grade: 1, ElapsedMs: 1500, At: 1000}
		got, fresh, err := s.ClaimAnswer(ctx, c, "i1", first)
		if err != nil || !fresh || got.ClientID != "a" {
			t.Fatalf("first claim: %+v fresh=%v err=%v", got, fresh, err)
		}
		second := AnswerRecord{ParticipantID: "p1", ClientID: "b", Choice: []int{1}}
		got, fresh, err = s.ClaimAnswer(ctx, c, "i1", second)
		if err != nil || fresh || got.ClientID != "a" || len(got.Choice) != 1 || got.Choice[0] != 2 || got.Grade != 1 || got.ElapsedMs != 1500 || got.At != 1000 {
			t.Fatalf("second claim should return the first: %+v fresh=%v err=%v", got, fresh, err)
		}
		if n, _ := s.AnswerCount(ctx, c, "i1"); n != 1 {
			t.Fatalf("answer count = %d, want 1", n)
		}
		if rec, ok, err := s.Answer(ctx, c, "i1", "p1"); err != nil || !ok || rec.ClientID != "a" {
			t.Fatalf("stored answer: %+v %v %v", rec, ok, err)
		}
		if _, ok, _ := s.Answer(ctx, c, "i1", "p2"); ok {
			t.Fatal("an answer nobody gave was found")
		}
	}},
	{"racing claims for one participant store exactly one", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		var wg sync.WaitGroup
		var mu sync.Mutex
		fresh := 0
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := AnswerRecord{ParticipantID: "p1", ClientID: fmt.Sprint(i), Choice: []int{0}, Grade: 1}
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
		if recs, _ := s.Answers(ctx, c, "i1"); fresh != 1 || len(recs) != 1 {
			t.Fatalf("%d claims won and %d answers are stored; want 1 and 1", fresh, len(recs))
		}
	}},
	{"an item's answers are final once it is sealed", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		if _, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}, Grade: 1}); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := s.Seal(ctx, c, "i1"); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p2", ClientID: "b", Choice: []int{0}})
		if !errors.Is(err, ErrSealed) {
			t.Fatalf("a claim after sealing: %v, want ErrSealed", err)
		}
		if rec, fresh, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}}); err != nil || fresh || rec.ClientID != "a" {
			t.Fatalf("a resend of a stored answer after sealing: %+v %v %v", rec, fresh, err)
		}
		if _, fresh, err := s.ClaimAnswer(ctx, c, "i2", AnswerRecord{ParticipantID: "p2", ClientID: "c", Choice: []int{0}}); err != nil || !fresh {
			t.Fatalf("another item still takes answers: %v %v", fresh, err)
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
	{"a typed and an ordered answer come back as they were claimed and rebuilt", false, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		typed := AnswerRecord{ParticipantID: "p1", ClientID: "a", Text: "Đại hội chi bộ", Grade: 1, ElapsedMs: 900, At: 1000}
		ordered := AnswerRecord{ParticipantID: "p2", ClientID: "b", Order: []int{2, 0, 1}, Grade: 0.5, ElapsedMs: 1200, At: 1100}
		for _, rec := range []AnswerRecord{typed, ordered} {
			if _, fresh, err := s.ClaimAnswer(ctx, c, "i1", rec); err != nil || !fresh {
				t.Fatalf("claim %+v: fresh=%v err=%v", rec, fresh, err)
			}
		}
		if err := s.Rebuild(ctx, c, map[string][]AnswerRecord{"i2": {typed}}, nil, 1); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Answers(ctx, c, "i1")
		if len(got) != 2 {
			t.Fatalf("answers %+v", got)
		}
		for _, rec := range got {
			if want := map[string]AnswerRecord{"p1": typed, "p2": ordered}[rec.ParticipantID]; rec.Text != want.Text || !slices.Equal(rec.Order, want.Order) || rec.Grade != want.Grade {
				t.Errorf("stored %+v, claimed %+v", rec, want)
			}
		}
		if rec, ok, _ := s.Answer(ctx, c, "i2", "p1"); !ok || rec.Text != "Đại hội chi bộ" {
			t.Errorf("rebuilt typed answer %+v %v", rec, ok)
		}
	}},
	{"rebuild adds what the database holds and keeps what is there", true, func(t *testing.T, s LiveStore, c string) {
		ctx := context.Background()
		if built, _ := s.Built(ctx, c); built {
			t.Fatal("a new contest is not built")
		}
		answers := map[string][]AnswerRecord{
			"i1": {{ParticipantID: "p1", ClientID: "a", Choice: []int{1}, Grade: 1, ElapsedMs: 700},
				{ParticipantID: "p2", ClientID: "b", Choice: []int{0}}},
			"i2": {{ParticipantID: "p2", ClientID: "c", Choice: []int{2}, Grade: 1, ElapsedMs: 300}},
		}
		for range 2 {
			if err := s.Rebuild(ctx, c, answers, []string{"i1"}, 40); err != nil {
				t.Fatal(err)
			}
		}
		if built, _ := s.Built(ctx, c); !built {
			t.Fatal("rebuild marks the contest built")
		}
		if n, _ := s.AnswerCount(ctx, c, "i1"); n != 2 {
			t.Fatalf("answers to i1 after two rebuilds: %d, want 2", n)
		}
		if rec, ok, _ := s.Answer(ctx, c, "i2", "p2"); !ok || rec.Grade != 1 || rec.ElapsedMs != 300 {
			t.Fatalf("rebuilt answer %+v %v", rec, ok)
		}
		if _, _, err := s.ClaimAnswer(ctx, c, "i1", AnswerRecord{ParticipantID: "p3", ClientID: "d", Choice: []int{0}}); !errors.Is(err, ErrSealed) {
			t.Fatalf("an item named sealed took an answer after the rebuild: %v", err)
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

func TestLeaseContract(t *testing.T) {
	leases := map[string]Lease{"memory": &MemoryLease{}}
	if url := redisURL(t); url != "" {
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
	url := redisURL(t)
	if url == "" {
		t.Skip("no Redis to test")
	}
	rdb := testRedis(t, url)
	s := NewRedisStore(rdb)
	ctx := context.Background()
	c := uuid.NewString()
	if err := s.Rebuild(ctx, c, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	rec := AnswerRecord{ParticipantID: "p1", ClientID: "a", Choice: []int{0}}
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
			if err := s.Rebuild(ctx, c, map[string][]AnswerRecord{"i1": {{ParticipantID: "p1", ClientID: "a", Choice: []int{0}}}}, nil, 5); err != nil {
				t.Fatal(err)
			}
			if err := s.Retire(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
			if built, _ := s.Built(ctx, c); built {
				t.Fatal("a deleted contest is still in the live store")
			}
			if n, _ := s.AnswerCount(ctx, c, "i1"); n != 0 {
				t.Fatalf("a deleted contest still has %d answers", n)
			}
		})
	}
}
