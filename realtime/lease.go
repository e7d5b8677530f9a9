package realtime

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lease elects, for each contest, the one instance that runs its timers (the conductor).
// Holding it is renewed by acquiring it again before it expires; an instance that dies simply
// stops renewing and another takes over.
type Lease interface {
	// Acquire takes or renews the contest's lease for holder, for ttl. It reports whether
	// holder has it now.
	Acquire(ctx context.Context, contestID, holder string, ttl time.Duration) (bool, error)
	// Release gives the lease up if holder has it.
	Release(ctx context.Context, contestID, holder string) error
}

// MemoryLease is the lease of the embedded default, where one process is the only instance.
type MemoryLease struct {
	mu      sync.Mutex
	holders map[string]memLease
}

type memLease struct {
	holder  string
	expires time.Time
}

var _ Lease = (*MemoryLease)(nil)

// Acquire implements Lease.
func (l *MemoryLease) Acquire(_ context.Context, contestID, holder string, ttl time.Duration) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.holders == nil {
		l.holders = map[string]memLease{}
	}
	cur, ok := l.holders[contestID]
	if ok && cur.holder != holder && time.Now().Before(cur.expires) {
		return false, nil
	}
	l.holders[contestID] = memLease{holder: holder, expires: time.Now().Add(ttl)}
	return true, nil
}

// Release implements Lease.
func (l *MemoryLease) Release(_ context.Context, contestID, holder string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.holders[contestID].holder == holder {
		delete(l.holders, contestID)
	}
	return nil
}

// RedisLease is SET NX PX on hoithi:{contestID}:lease, renewed by its holder.
type RedisLease struct{ rdb redis.UniversalClient }

var _ Lease = (*RedisLease)(nil)

// NewRedisLease returns a lease on rdb.
func NewRedisLease(rdb redis.UniversalClient) *RedisLease { return &RedisLease{rdb: rdb} }

var acquireScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == false or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`)

var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`)

// Acquire implements Lease.
func (l *RedisLease) Acquire(ctx context.Context, contestID, holder string, ttl time.Duration) (bool, error) {
	n, err := acquireScript.Run(ctx, l.rdb, []string{key(contestID, "lease")}, holder, ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("acquire conductor lease: %w", err)
	}
	return n == 1, nil
}

// Release implements Lease.
func (l *RedisLease) Release(ctx context.Context, contestID, holder string) error {
	if err := releaseScript.Run(ctx, l.rdb, []string{key(contestID, "lease")}, holder).Err(); err != nil && err != redis.Nil {
		return fmt.Errorf("release conductor lease: %w", err)
	}
	return nil
}
