package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisStore is the LiveStore of production: every key of a contest sits under one hash tag,
// hoithi:{contestID}:…, so the store also works on Redis Cluster.
type RedisStore struct {
	rdb redis.UniversalClient
}

var _ LiveStore = (*RedisStore)(nil)

// NewRedisStore returns a live store on rdb.
func NewRedisStore(rdb redis.UniversalClient) *RedisStore { return &RedisStore{rdb: rdb} }

func key(contestID, name string) string { return "hoithi:{" + contestID + "}:" + name }

func answersKey(contestID, itemID string) string { return key(contestID, "ans:"+itemID) }

// claimScript stores an answer once, unless the item is sealed. KEYS: answers hash, sealed
// set, built flag. ARGV: participant, record JSON, item. Returns nil when stored now, the
// record stored before, or the status "sealed" or "notbuilt".
var claimScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[3]) == 0 then return {ok='notbuilt'} end
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev then return prev end
if redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 1 then return {ok='sealed'} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return false
`)

// seqScript raises a counter to at least ARGV[2], adds ARGV[1] and returns it.
var seqScript = redis.NewScript(`
local cur = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[2])) + tonumber(ARGV[1])
redis.call('SET', KEYS[1], cur)
return cur
`)

// ClaimAnswer implements LiveStore.
func (s *RedisStore) ClaimAnswer(ctx context.Context, contestID, itemID string, rec AnswerRecord) (AnswerRecord, bool, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return AnswerRecord{}, false, err
	}
	keys := []string{answersKey(contestID, itemID), key(contestID, "sealed"), key(contestID, "built")}
	res, err := claimScript.Run(ctx, s.rdb, keys, rec.ParticipantID, data, itemID).Result()
	if errors.Is(err, redis.Nil) {
		return rec, true, nil
	} else if err != nil {
		return AnswerRecord{}, false, fmt.Errorf("claim answer: %w", err)
	} else if res == "sealed" {
		return AnswerRecord{}, false, ErrSealed
	} else if res == "notbuilt" {
		return AnswerRecord{}, false, ErrNotBuilt
	}
	var stored AnswerRecord
	if err := json.Unmarshal([]byte(fmt.Sprint(res)), &stored); err != nil {
		return AnswerRecord{}, false, fmt.Errorf("decode stored answer: %w", err)
	}
	return stored, false, nil
}

// Seal implements LiveStore.
func (s *RedisStore) Seal(ctx context.Context, contestID, itemID string) error {
	if err := s.rdb.SAdd(ctx, key(contestID, "sealed"), itemID).Err(); err != nil {
		return fmt.Errorf("seal item: %w", err)
	}
	return nil
}

// Answer implements LiveStore.
func (s *RedisStore) Answer(ctx context.Context, contestID, itemID, participantID string) (AnswerRecord, bool, error) {
	data, err := s.rdb.HGet(ctx, answersKey(contestID, itemID), participantID).Bytes()
	if errors.Is(err, redis.Nil) {
		return AnswerRecord{}, false, nil
	} else if err != nil {
		return AnswerRecord{}, false, fmt.Errorf("get answer: %w", err)
	}
	var rec AnswerRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return AnswerRecord{}, false, fmt.Errorf("decode answer: %w", err)
	}
	return rec, true, nil
}

// Answers implements LiveStore.
func (s *RedisStore) Answers(ctx context.Context, contestID, itemID string) ([]AnswerRecord, error) {
	all, err := s.rdb.HGetAll(ctx, answersKey(contestID, itemID)).Result()
	if err != nil {
		return nil, fmt.Errorf("get answers: %w", err)
	}
	out := make([]AnswerRecord, 0, len(all))
	for _, v := range all {
		var rec AnswerRecord
		if err := json.Unmarshal([]byte(v), &rec); err != nil {
			return nil, fmt.Errorf("decode answer: %w", err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// AnswerCount implements LiveStore.
func (s *RedisStore) AnswerCount(ctx context.Context, contestID, itemID string) (int, error) {
	n, err := s.rdb.HLen(ctx, answersKey(contestID, itemID)).Result()
	if err != nil {
		return 0, fmt.Errorf("count answers: %w", err)
	}
	return int(n), nil
}

// NextSeq implements LiveStore.
func (s *RedisStore) NextSeq(ctx context.Context, contestID string, n, floor int64) (int64, error) {
	n, err := seqScript.Run(ctx, s.rdb, []string{key(contestID, "seq")}, n, floor).Int64()
	if err != nil {
		return 0, fmt.Errorf("next seq: %w", err)
	}
	return n, nil
}

// Seq implements LiveStore.
func (s *RedisStore) Seq(ctx context.Context, contestID string) (int64, error) {
	n, err := s.rdb.Get(ctx, key(contestID, "seq")).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("read seq: %w", err)
	}
	return n, nil
}

// Retire implements LiveStore.
func (s *RedisStore) Retire(ctx context.Context, contestID string, ttl time.Duration) error {
	iter := s.rdb.Scan(ctx, 0, "hoithi:{"+contestID+"}:*", 100).Iterator()
	pipe := s.rdb.Pipeline()
	for iter.Next(ctx) {
		if ttl == 0 {
			pipe.Del(ctx, iter.Val())
		} else {
			pipe.Expire(ctx, iter.Val(), ttl)
		}
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("list live keys: %w", err)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("retire live state: %w", err)
	}
	return nil
}

// Built implements LiveStore.
func (s *RedisStore) Built(ctx context.Context, contestID string) (bool, error) {
	n, err := s.rdb.Exists(ctx, key(contestID, "built")).Result()
	if err != nil {
		return false, fmt.Errorf("check live state: %w", err)
	}
	return n == 1, nil
}

// Rebuild implements LiveStore.
func (s *RedisStore) Rebuild(ctx context.Context, contestID string, answers map[string][]AnswerRecord, sealed []string, seqFloor int64) error {
	// The built flag goes first so the claims below are accepted; an instance answering
	// meanwhile only adds what Rebuild would add too.
	if err := s.rdb.Set(ctx, key(contestID, "built"), "1", 0).Err(); err != nil {
		return fmt.Errorf("mark live state: %w", err)
	}
	if err := s.fill(ctx, contestID, answers, sealed, seqFloor); err != nil {
		// Not built after all: the next use rebuilds again.
		s.rdb.Del(context.WithoutCancel(ctx), key(contestID, "built"))
		return err
	}
	return nil
}

// fill is the part of Rebuild that follows the built flag.
func (s *RedisStore) fill(ctx context.Context, contestID string, answers map[string][]AnswerRecord, sealed []string, seqFloor int64) error {
	for item, recs := range answers {
		for _, r := range recs {
			if _, _, err := s.ClaimAnswer(ctx, contestID, item, r); err != nil && !errors.Is(err, ErrSealed) {
				return err
			}
		}
	}
	for _, item := range sealed {
		if err := s.Seal(ctx, contestID, item); err != nil {
			return err
		}
	}
	if err := seqScript.Run(ctx, s.rdb, []string{key(contestID, "seq")}, 0, seqFloor).Err(); err != nil {
		return fmt.Errorf("restore event seq: %w", err)
	}
	return nil
}

// presenceIndexTTL is how long the set naming a contest's instances with phones outlives its
// last update; each instance's own record lapses much sooner.
const presenceIndexTTL = time.Hour

func presenceKey(contestID, instanceID string) string { return key(contestID, "presence:"+instanceID) }

// SetPresence implements LiveStore.
func (s *RedisStore) SetPresence(ctx context.Context, contestID, instanceID string, participantIDs []string, ttl time.Duration) error {
	k, index, version := presenceKey(contestID, instanceID), key(contestID, "presence"), key(contestID, "presence:v")
	// The empty member keeps the record in existence for an instance with no phones.
	members := make([]any, 1, len(participantIDs)+1)
	members[0] = ""
	for _, id := range participantIDs {
		members = append(members, id)
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, k)
		p.SAdd(ctx, k, members...)
		p.PExpire(ctx, k, ttl)
		p.SAdd(ctx, index, instanceID)
		p.Expire(ctx, index, presenceIndexTTL)
		p.Incr(ctx, version)
		p.Expire(ctx, version, presenceIndexTTL)
		return nil
	})
	if err != nil {
		return fmt.Errorf("set presence: %w", err)
	}
	return nil
}

// KeepPresence implements LiveStore.
func (s *RedisStore) KeepPresence(ctx context.Context, contestID, instanceID string, ttl time.Duration) (bool, error) {
	pipe := s.rdb.Pipeline()
	renewed := pipe.PExpire(ctx, presenceKey(contestID, instanceID), ttl)
	pipe.Expire(ctx, key(contestID, "presence"), presenceIndexTTL)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("keep presence: %w", err)
	}
	return renewed.Val(), nil
}

// Presence implements LiveStore.
func (s *RedisStore) Presence(ctx context.Context, contestID, except string) (map[string]bool, error) {
	index := key(contestID, "presence")
	instances, err := s.rdb.SMembers(ctx, index).Result()
	if err != nil {
		return nil, fmt.Errorf("read presence: %w", err)
	}
	pipe := s.rdb.Pipeline()
	var cmds []*redis.StringSliceCmd
	for _, inst := range instances {
		if inst != except {
			cmds = append(cmds, pipe.SMembers(ctx, presenceKey(contestID, inst)))
		}
	}
	if len(cmds) > 0 {
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("read presence: %w", err)
		}
	}
	out := map[string]bool{}
	for _, c := range cmds {
		for _, id := range c.Val() {
			if id != "" {
				out[id] = true
			}
		}
	}
	return out, nil
}

// PresenceVersion implements LiveStore.
func (s *RedisStore) PresenceVersion(ctx context.Context, contestID string) (int64, error) {
	v, err := s.rdb.Get(ctx, key(contestID, "presence:v")).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, fmt.Errorf("read presence version: %w", err)
	}
	return v, nil
}
