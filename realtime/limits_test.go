package realtime

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

// countersUnderTest is one Counters implementation and a way to let a key's window end: the
// in-process counters move their clock, Redis is waited on until the key expires.
type countersUnderTest struct {
	c      Counters
	expire func(t *testing.T, key string, window time.Duration)
}

func counterImpls(t *testing.T) map[string]func(t *testing.T) countersUnderTest {
	impls := map[string]func(t *testing.T) countersUnderTest{
		"memory": func(t *testing.T) countersUnderTest {
			var mu sync.Mutex
			now := time.Unix(1_800_000_000, 0)
			m := NewMemoryCounters()
			m.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			return countersUnderTest{c: m, expire: func(_ *testing.T, _ string, w time.Duration) {
				mu.Lock()
				now = now.Add(w)
				mu.Unlock()
			}}
		},
	}
	url := os.Getenv("HOITHI_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
			t.Fatal("HOITHI_TEST_REDIS_URL is not set: the Redis counters cannot be tested")
		}
		return impls
	}
	impls["redis"] = func(t *testing.T) countersUnderTest {
		rdb := testRedis(t, url)
		ns := uuid.NewString() + ":"
		return countersUnderTest{c: NewRedisCounters(rdb, ns), expire: func(t *testing.T, key string, _ time.Duration) {
			deadline := time.Now().Add(5 * time.Second)
			for rdb.Exists(context.Background(), "hoithi:limit:"+ns+key).Val() == 1 {
				if time.Now().After(deadline) {
					t.Fatalf("counter %s never expired", key)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}}
	}
	return impls
}

func TestCountersContract(t *testing.T) {
	ctx := context.Background()
	const window = 300 * time.Millisecond
	cases := []struct {
		name string
		run  func(t *testing.T, u countersUnderTest, key string)
	}{
		{"a key never counted is at zero", func(t *testing.T, u countersUnderTest, key string) {
			if n, err := u.c.Count(ctx, key); err != nil || n != 0 {
				t.Fatalf("Count = %d, %v; want 0", n, err)
			}
		}},
		{"additions in one window add up", func(t *testing.T, u countersUnderTest, key string) {
			for i := int64(1); i <= 3; i++ {
				if n, err := u.c.Add(ctx, key, 1, time.Minute); err != nil || n != i {
					t.Fatalf("Add #%d = %d, %v", i, n, err)
				}
			}
			if n, _ := u.c.Add(ctx, key, 5, time.Minute); n != 8 {
				t.Fatalf("Add 5 = %d, want 8", n)
			}
			if n, _ := u.c.Count(ctx, key); n != 8 {
				t.Fatalf("Count = %d, want 8", n)
			}
		}},
		{"a new window starts from zero", func(t *testing.T, u countersUnderTest, key string) {
			for range 4 {
				if _, err := u.c.Add(ctx, key, 1, window); err != nil {
					t.Fatal(err)
				}
			}
			u.expire(t, key, window)
			if n, _ := u.c.Count(ctx, key); n != 0 {
				t.Fatalf("Count after the window = %d, want 0", n)
			}
			if n, _ := u.c.Add(ctx, key, 1, window); n != 1 {
				t.Fatalf("first Add of the new window = %d, want 1", n)
			}
		}},
		{"keys are counted apart", func(t *testing.T, u countersUnderTest, key string) {
			_, _ = u.c.Add(ctx, key+":a", 2, time.Minute)
			if n, _ := u.c.Count(ctx, key+":b"); n != 0 {
				t.Fatalf("another key counts %d, want 0", n)
			}
		}},
		{"a limit lets exactly its maximum through", func(t *testing.T, u countersUnderTest, key string) {
			l := Limit{Max: 3, Window: time.Minute}
			var allowed int
			for range 10 {
				if ok, err := Take(ctx, u.c, l, key); err != nil {
					t.Fatal(err)
				} else if ok {
					allowed++
				}
			}
			if over, _ := Over(ctx, u.c, l, key); allowed != 3 || !over {
				t.Fatalf("%d of 10 allowed (over: %v), want 3 and over", allowed, over)
			}
		}},
	}
	for name, open := range counterImpls(t) {
		t.Run(name, func(t *testing.T) {
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t), "test:"+uuid.NewString()) })
			}
		})
	}
}

func TestLimitsAreWrittenAsCountPerDuration(t *testing.T) {
	cases := []struct {
		in   string
		want Limit
		bad  bool
	}{
		{"30/10m", Limit{30, 10 * time.Minute}, false},
		{" 600 / 1m ", Limit{600, time.Minute}, false},
		{"0", Limit{}, false},
		{"30", Limit{}, true},
		{"-1/1m", Limit{}, true},
		{"30/soon", Limit{}, true},
		{"30/0s", Limit{}, true},
	}
	for _, c := range cases {
		got, err := ParseLimit(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("ParseLimit(%q) = %v, %v; want %v (refused: %v)", c.in, got, err, c.want, c.bad)
		}
	}
}

func TestLimitsCountAnIPv6NetworkAsOneAddress(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":                "203.0.113.7",
		"::ffff:203.0.113.7":         "203.0.113.7",
		"2001:db8:1:2:aaaa::1":       "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:ffff:0:9": "2001:db8:1:2::/64",
		"2001:db8:1:3::1":            "2001:db8:1:3::/64",
		"not an address":             "invalid IP",
	} {
		if got := AddressKey(in); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
