package realtime

import (
	"context"
	"slices"
	"sync"
	"time"
)

// MemoryStore is the in-process LiveStore of the embedded default.
type MemoryStore struct {
	mu       sync.Mutex
	contests map[string]*memContest
}

var _ LiveStore = (*MemoryStore)(nil)

type memContest struct {
	answers map[string]map[string]AnswerRecord // item -> participant -> answer
	sealed  map[string]bool
	seq     int64
	built   bool

	presence  map[string]memPresence // instance -> its connected participants
	presenceV int64
}

type memPresence struct {
	ids   map[string]bool
	until time.Time
}

// NewMemoryStore returns an empty in-process live store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{contests: map[string]*memContest{}}
}

func (s *MemoryStore) contest(id string) *memContest {
	c := s.contests[id]
	if c == nil {
		c = newMemContest()
		s.contests[id] = c
	}
	return c
}

func newMemContest() *memContest {
	return &memContest{answers: map[string]map[string]AnswerRecord{}, sealed: map[string]bool{}, presence: map[string]memPresence{}}
}

// ClaimAnswer implements LiveStore.
func (s *MemoryStore) ClaimAnswer(_ context.Context, contestID, itemID string, rec AnswerRecord) (AnswerRecord, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	if stored, ok := c.answers[itemID][rec.ParticipantID]; ok {
		return cloneRecord(stored), false, nil
	} else if c.sealed[itemID] {
		return AnswerRecord{}, false, ErrSealed
	}
	c.claim(itemID, rec)
	return cloneRecord(rec), true, nil
}

// claim stores rec unless the participant answered the item already.
func (c *memContest) claim(itemID string, rec AnswerRecord) {
	byP := c.answers[itemID]
	if byP == nil {
		byP = map[string]AnswerRecord{}
		c.answers[itemID] = byP
	}
	if _, ok := byP[rec.ParticipantID]; !ok {
		byP[rec.ParticipantID] = cloneRecord(rec)
	}
}

// Seal implements LiveStore.
func (s *MemoryStore) Seal(_ context.Context, contestID, itemID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contest(contestID).sealed[itemID] = true
	return nil
}

// Answer implements LiveStore.
func (s *MemoryStore) Answer(_ context.Context, contestID, itemID, participantID string) (AnswerRecord, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.contest(contestID).answers[itemID][participantID]
	return cloneRecord(rec), ok, nil
}

// Answers implements LiveStore.
func (s *MemoryStore) Answers(_ context.Context, contestID, itemID string) ([]AnswerRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byP := s.contest(contestID).answers[itemID]
	out := make([]AnswerRecord, 0, len(byP))
	for _, r := range byP {
		out = append(out, cloneRecord(r))
	}
	return out, nil
}

// AnswerCount implements LiveStore.
func (s *MemoryStore) AnswerCount(_ context.Context, contestID, itemID string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.contest(contestID).answers[itemID]), nil
}

// NextSeq implements LiveStore.
func (s *MemoryStore) NextSeq(_ context.Context, contestID string, n, floor int64) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	c.seq = max(c.seq, floor) + n
	return c.seq, nil
}

// Seq implements LiveStore.
func (s *MemoryStore) Seq(_ context.Context, contestID string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.contest(contestID).seq, nil
}

// Retire implements LiveStore. A finished contest stays until the process ends: it is small,
// and the embedded default runs one event at a time.
func (s *MemoryStore) Retire(_ context.Context, contestID string, ttl time.Duration) error {
	if ttl == 0 {
		s.mu.Lock()
		delete(s.contests, contestID)
		s.mu.Unlock()
	}
	return nil
}

// Built implements LiveStore.
func (s *MemoryStore) Built(_ context.Context, contestID string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.contest(contestID).built, nil
}

// Rebuild implements LiveStore.
func (s *MemoryStore) Rebuild(_ context.Context, contestID string, answers map[string][]AnswerRecord, sealed []string, seqFloor int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	for item, recs := range answers {
		if c.sealed[item] {
			continue
		}
		for _, r := range recs {
			c.claim(item, r)
		}
	}
	for _, item := range sealed {
		c.sealed[item] = true
	}
	c.seq = max(c.seq, seqFloor)
	c.built = true
	return nil
}

func cloneRecord(r AnswerRecord) AnswerRecord {
	r.Choice = slices.Clone(r.Choice)
	r.Order = slices.Clone(r.Order)
	return r
}

// SetPresence implements LiveStore.
func (s *MemoryStore) SetPresence(_ context.Context, contestID, instanceID string, participantIDs []string, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	ids := make(map[string]bool, len(participantIDs))
	for _, id := range participantIDs {
		ids[id] = true
	}
	c.presence[instanceID] = memPresence{ids: ids, until: time.Now().Add(ttl)}
	c.presenceV++
	return nil
}

// KeepPresence implements LiveStore.
func (s *MemoryStore) KeepPresence(_ context.Context, contestID, instanceID string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	p, ok := c.presence[instanceID]
	if !ok || time.Now().After(p.until) {
		return false, nil
	}
	p.until = time.Now().Add(ttl)
	c.presence[instanceID] = p
	return true, nil
}

// Presence implements LiveStore.
func (s *MemoryStore) Presence(_ context.Context, contestID, except string) (map[string]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	now := time.Now()
	for inst, p := range s.contest(contestID).presence {
		if inst != except && now.Before(p.until) {
			for id := range p.ids {
				out[id] = true
			}
		}
	}
	return out, nil
}

// PresenceVersion implements LiveStore.
func (s *MemoryStore) PresenceVersion(_ context.Context, contestID string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.contest(contestID).presenceV, nil
}
