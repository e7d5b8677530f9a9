package realtime

import (
	"context"
	"slices"
	"sync"
	"time"

	"hoithi/quiz"
)

// MemoryStore is the in-process LiveStore of the embedded default.
type MemoryStore struct {
	mu       sync.Mutex
	contests map[string]*memContest
}

var _ LiveStore = (*MemoryStore)(nil)

type memContest struct {
	answers map[string]map[string]AnswerRecord // item -> participant -> answer
	players map[string]*Entry
	scored  map[string]bool
	sorted  []Entry        // cached rank order; nil when stale
	pos     map[string]int // index of each player in sorted
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
	return &memContest{answers: map[string]map[string]AnswerRecord{}, players: map[string]*Entry{}, scored: map[string]bool{},
		presence: map[string]memPresence{}}
}

// ClaimAnswer implements LiveStore.
func (s *MemoryStore) ClaimAnswer(_ context.Context, contestID, itemID string, rec AnswerRecord) (AnswerRecord, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	if stored, ok := c.answers[itemID][rec.ParticipantID]; ok {
		return cloneRecord(stored), false, nil
	} else if c.scored[itemID] {
		return AnswerRecord{}, false, ErrScored
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

// ScoreItem implements LiveStore.
func (s *MemoryStore) ScoreItem(_ context.Context, contestID, itemID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contest(contestID).score(itemID)
	return nil
}

// score adds an item's correct answers to the players still on the leaderboard, once.
func (c *memContest) score(itemID string) {
	if c.scored[itemID] {
		return
	}
	c.scored[itemID] = true
	for pid, rec := range c.answers[itemID] {
		if e := c.players[pid]; e != nil && rec.Correct {
			e.Score += rec.Points
			e.TimeMs += rec.ElapsedMs
			e.Correct++
		}
	}
	c.sorted = nil
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

// AddPlayer implements LiveStore.
func (s *MemoryStore) AddPlayer(_ context.Context, contestID, participantID string, joinOrder int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	if _, ok := c.players[participantID]; ok {
		return nil
	}
	e := &Entry{ParticipantID: participantID, JoinOrder: joinOrder}
	c.players[participantID] = e
	// A newcomer has no points and joined last, so it nearly always ranks last: append it
	// rather than sort the whole room again for every phone that joins.
	if n := len(c.sorted); n > 0 && rankedBefore(c.sorted[n-1], *e) {
		e.Rank = n + 1
		c.sorted = append(c.sorted, *e)
		c.pos[participantID] = n
	} else {
		c.sorted = nil
	}
	return nil
}

// rankedBefore reports whether a ranks above b.
func rankedBefore(a, b Entry) bool {
	return quiz.CompareStandings(a.standing(), b.standing()) < 0
}

func (e Entry) standing() quiz.Standing {
	return quiz.Standing{ParticipantID: e.ParticipantID, Score: e.Score, TimeMs: e.TimeMs, Correct: e.Correct, JoinOrder: e.JoinOrder}
}

// RemovePlayer implements LiveStore.
func (s *MemoryStore) RemovePlayer(_ context.Context, contestID, participantID string, _ int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	delete(c.players, participantID)
	c.sorted = nil
	return nil
}

// ranked returns the cached rank order, sorting again only after a change.
func (c *memContest) ranked() []Entry {
	if c.sorted != nil {
		return c.sorted
	}
	st := make([]quiz.Standing, 0, len(c.players))
	for _, e := range c.players {
		st = append(st, e.standing())
	}
	quiz.SortStandings(st)
	out := make([]Entry, len(st))
	c.pos = make(map[string]int, len(st))
	for i, s := range st {
		out[i] = Entry{ParticipantID: s.ParticipantID, Score: s.Score, TimeMs: s.TimeMs, Correct: s.Correct, JoinOrder: s.JoinOrder, Rank: s.Rank}
		c.pos[s.ParticipantID] = i
	}
	c.sorted = out
	return out
}

// Leaderboard implements LiveStore.
func (s *MemoryStore) Leaderboard(_ context.Context, contestID string) ([]Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.contest(contestID).ranked()), nil
}

// Rank implements LiveStore.
func (s *MemoryStore) Rank(_ context.Context, contestID, participantID string, _ int) (Entry, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	ranked := c.ranked()
	if i, ok := c.pos[participantID]; ok {
		return ranked[i], true, nil
	}
	return Entry{}, false, nil
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
func (s *MemoryStore) Rebuild(_ context.Context, contestID string, players []Entry, answers map[string][]AnswerRecord, scored []string, seqFloor int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contest(contestID)
	for _, p := range players {
		if _, ok := c.players[p.ParticipantID]; !ok {
			c.players[p.ParticipantID] = &Entry{ParticipantID: p.ParticipantID, JoinOrder: p.JoinOrder}
			c.sorted = nil
		}
	}
	for item, recs := range answers {
		if c.scored[item] {
			continue
		}
		for _, r := range recs {
			c.claim(item, r)
		}
	}
	for _, item := range scored {
		c.score(item)
	}
	c.seq = max(c.seq, seqFloor)
	c.built = true
	return nil
}

func cloneRecord(r AnswerRecord) AnswerRecord {
	r.Choice = slices.Clone(r.Choice)
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
