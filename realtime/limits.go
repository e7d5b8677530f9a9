package realtime

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Counters count events per key in fixed windows (wrong PINs per address, joins per address
// and per contest, failed logins per account and per address). In production they live in
// Redis so every instance counts together; in the embedded default, in process.
type Counters interface {
	// Add adds n to key's count and returns the new count. A window of length window starts
	// with the first Add after the previous one ended; the count starts again from zero then.
	Add(ctx context.Context, key string, n int64, window time.Duration) (int64, error)
	// Count returns key's count in its current window, 0 when none is running.
	Count(ctx context.Context, key string) (int64, error)
}

// Limit allows at most Max events per Window; a zero Max allows everything.
type Limit struct {
	Max    int64
	Window time.Duration
}

// String is the limit as it is configured: "30/10m0s".
func (l Limit) String() string { return fmt.Sprintf("%d/%s", l.Max, l.Window) }

// ParseLimit reads a limit written as "count/duration", such as "30/10m"; "0" turns it off.
func ParseLimit(s string) (Limit, error) {
	if strings.TrimSpace(s) == "0" {
		return Limit{}, nil
	}
	n, d, ok := strings.Cut(s, "/")
	max, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
	if !ok || err != nil || max < 0 {
		return Limit{}, fmt.Errorf("giới hạn %q không hợp lệ: cần dạng số/thời gian, ví dụ 30/10m", s)
	}
	window, err := time.ParseDuration(strings.TrimSpace(d))
	if err != nil || window <= 0 {
		return Limit{}, fmt.Errorf("giới hạn %q không hợp lệ: cần dạng số/thời gian, ví dụ 30/10m", s)
	}
	return Limit{Max: max, Window: window}, nil
}

// Limits are the abuse limits of an instance (README, "Configuration"; PROTOCOL.md and
// API.md say what a client gets past each).
type Limits struct {
	// Counters hold the counts; in process when nil.
	Counters Counters
	// BadPINs is wrong PINs per client address, over sockets and GET /api/join/:pin together.
	BadPINs Limit
	// JoinsPerAddress and JoinsPerContest bound new contestants (resumes do not count).
	JoinsPerAddress Limit
	JoinsPerContest Limit
	// LoginFailuresPerAccount and LoginFailuresPerAddress count failed logins only.
	LoginFailuresPerAccount Limit
	LoginFailuresPerAddress Limit
	// SocketsPerAddress and Sockets cap the open websockets of this instance.
	SocketsPerAddress int
	Sockets           int
	// FirstByteTimeout closes a connection that sends nothing at all; JoinTimeout a phone
	// socket that sends no join or resume.
	FirstByteTimeout time.Duration
	JoinTimeout      time.Duration
}

// DefaultLimits are generous enough for a hall behind one carrier NAT (350 phones joining in
// a minute, some mistyping) and tight enough to make guessing slow: 30 wrong PINs an address
// in 10 minutes is 4,320 a day, so one address needs about 100 days on average to hit the PIN
// of one live contest among 900,000.
func DefaultLimits() Limits {
	return Limits{
		BadPINs:                 Limit{30, 10 * time.Minute},
		JoinsPerAddress:         Limit{600, time.Minute},
		JoinsPerContest:         Limit{12000, time.Minute},
		LoginFailuresPerAccount: Limit{10, 15 * time.Minute},
		LoginFailuresPerAddress: Limit{50, 15 * time.Minute},
		SocketsPerAddress:       2000,
		Sockets:                 20000,
		FirstByteTimeout:        10 * time.Second,
		JoinTimeout:             30 * time.Second,
	}
}

// Over reports whether key has already used up l.
func Over(ctx context.Context, c Counters, l Limit, key string) (bool, error) {
	if l.Max == 0 {
		return false, nil
	}
	n, err := c.Count(ctx, key)
	return n >= l.Max, err
}

// Take counts one event against l and reports whether it was still allowed.
func Take(ctx context.Context, c Counters, l Limit, key string) (bool, error) {
	if l.Max == 0 {
		return true, nil
	}
	n, err := c.Add(ctx, key, 1, l.Window)
	return n <= l.Max, err
}

// MemoryCounters are the in-process Counters of the embedded default.
type MemoryCounters struct {
	mu     sync.Mutex
	counts map[string]*memCount
	swept  time.Time
	// Now is the clock; time.Now when nil (tests move it by hand).
	Now func() time.Time
}

type memCount struct {
	n     int64
	until time.Time
}

var _ Counters = (*MemoryCounters)(nil)

// NewMemoryCounters returns empty in-process counters.
func NewMemoryCounters() *MemoryCounters { return &MemoryCounters{counts: map[string]*memCount{}} }

func (m *MemoryCounters) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// Add implements Counters.
func (m *MemoryCounters) Add(_ context.Context, key string, n int64, window time.Duration) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if now.Sub(m.swept) > time.Minute {
		// Ended windows go, so a flood of addresses does not grow the map for ever.
		m.swept = now
		for k, c := range m.counts {
			if !now.Before(c.until) {
				delete(m.counts, k)
			}
		}
	}
	c := m.counts[key]
	if c == nil || !now.Before(c.until) {
		c = &memCount{until: now.Add(window)}
		m.counts[key] = c
	}
	c.n += n
	return c.n, nil
}

// Count implements Counters.
func (m *MemoryCounters) Count(_ context.Context, key string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c := m.counts[key]; c != nil && m.now().Before(c.until) {
		return c.n, nil
	}
	return 0, nil
}

// RedisCounters are the Counters of production, shared by every instance.
type RedisCounters struct {
	rdb    redis.UniversalClient
	prefix string
}

var _ Counters = (*RedisCounters)(nil)

// NewRedisCounters returns counters on rdb.
// namespace keeps apart the counts of servers that share a Redis but not their clients (tests
// running at once); production passes "".
func NewRedisCounters(rdb redis.UniversalClient, namespace string) *RedisCounters {
	return &RedisCounters{rdb: rdb, prefix: "hoithi:limit:" + namespace}
}

// addScript adds to a counter and starts its window when it has none. KEYS: the counter.
// ARGV: amount, window in ms.
var addScript = redis.NewScript(`
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n
`)

// Add implements Counters.
func (r *RedisCounters) Add(ctx context.Context, key string, n int64, window time.Duration) (int64, error) {
	v, err := addScript.Run(ctx, r.rdb, []string{r.prefix + key}, n, window.Milliseconds()).Int64()
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", key, err)
	}
	return v, nil
}

// Count implements Counters.
func (r *RedisCounters) Count(ctx context.Context, key string) (int64, error) {
	v, err := r.rdb.Get(ctx, r.prefix+key).Int64()
	if err == redis.Nil {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("read count %s: %w", key, err)
	}
	return v, nil
}

// AddressKey is the part of a client address that limits count by: the address itself for
// IPv4, its /64 network for IPv6 (one phone or home gets a whole /64).
func AddressKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Is4() || ip.Is4In6() {
		return ip.Unmap().String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

func badPINKey(addr string) string { return "badpin:" + AddressKey(addr) }

// PINsExhausted reports whether addr has used up its wrong PINs.
func PINsExhausted(ctx context.Context, l Limits, addr string) (bool, error) {
	return Over(ctx, l.Counters, l.BadPINs, badPINKey(addr))
}

// CountBadPIN counts a wrong PIN from addr and reports whether it was still within the limit.
func CountBadPIN(ctx context.Context, l Limits, addr string) (bool, error) {
	return Take(ctx, l.Counters, l.BadPINs, badPINKey(addr))
}
