// Package realtime is the live engine: the per-contest state machine, the connection hub, the
// wire protocol (PROTOCOL.md), live state with answer-once and the leaderboard, and the event
// fan-out between instances.
package realtime

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AnswerRecord is an answer as the live store keeps it: enough to ack a resend, count the
// distribution and tell the phone its result, without a database round trip.
type AnswerRecord struct {
	ParticipantID string `json:"p"`
	ClientID      string `json:"id"`
	Choice        []int  `json:"c"`
	Correct       bool   `json:"ok"`
	Points        int    `json:"pts"`
	ElapsedMs     int64  `json:"ms"`
	At            int64  `json:"at"`
	JoinOrder     int    `json:"jo"`
}

// Entry is one contestant on the live leaderboard. Rank is 1-based.
type Entry struct {
	ParticipantID string
	Score         int
	TimeMs        int64
	Correct       int
	JoinOrder     int
	Rank          int
}

// LiveStore keeps the live state that every instance serving a contest shares: who answered
// what (at most once), the leaderboard and the event sequence. Two implementations: Redis for
// production, in process for the embedded default; one contract test suite covers both.
type LiveStore interface {
	// ClaimAnswer stores rec as the participant's answer to the item unless one is stored
	// already. It returns the stored record and whether rec is it, ErrScored once the item
	// has been scored, or ErrNotBuilt when the store lost the contest (a Redis restarted
	// empty): the caller rebuilds it and tries again.
	ClaimAnswer(ctx context.Context, contestID, itemID string, rec AnswerRecord) (AnswerRecord, bool, error)
	// ScoreItem adds the points and time of the item's correct answers to the leaderboard,
	// once: a second call for the same item changes nothing. Items are scored when their
	// answer is revealed, so standings never give away an answer early.
	ScoreItem(ctx context.Context, contestID, itemID string) error
	// Answer returns a participant's stored answer to an item.
	Answer(ctx context.Context, contestID, itemID, participantID string) (AnswerRecord, bool, error)
	// Answers returns every stored answer to an item.
	Answers(ctx context.Context, contestID, itemID string) ([]AnswerRecord, error)
	// AnswerCount returns how many answered an item.
	AnswerCount(ctx context.Context, contestID, itemID string) (int, error)

	// AddPlayer puts a participant on the leaderboard with no points (no-op if there already).
	AddPlayer(ctx context.Context, contestID, participantID string, joinOrder int) error
	// RemovePlayer takes a participant off the leaderboard (a kicked contestant).
	RemovePlayer(ctx context.Context, contestID, participantID string, joinOrder int) error
	// Leaderboard returns every player in rank order: score, then smaller time, then join order.
	Leaderboard(ctx context.Context, contestID string) ([]Entry, error)
	// Rank returns one player's entry; ok is false if it is not on the leaderboard.
	Rank(ctx context.Context, contestID, participantID string, joinOrder int) (e Entry, ok bool, err error)

	// NextSeq reserves n new event sequence numbers of the contest, all above floor (the
	// highest this instance has seen), and returns the last.
	NextSeq(ctx context.Context, contestID string, n, floor int64) (int64, error)
	// Seq returns the last event sequence number of the contest.
	Seq(ctx context.Context, contestID string) (int64, error)

	// Retire lets the contest's live state go: after ttl, or at once when ttl is 0 (a
	// deleted contest). A finished contest keeps it a while for phones still looking.
	Retire(ctx context.Context, contestID string, ttl time.Duration) error

	// SetPresence records which participants have a socket on this instance, replacing what
	// it recorded before, and changes the presence version. The record lapses after ttl
	// unless kept, so the phones of an instance that died stop counting as connected.
	SetPresence(ctx context.Context, contestID, instanceID string, participantIDs []string, ttl time.Duration) error
	// KeepPresence renews this instance's record for another ttl; it reports false if there
	// is none to renew (it lapsed, or Redis restarted empty), and the caller sets it again.
	KeepPresence(ctx context.Context, contestID, instanceID string, ttl time.Duration) (bool, error)
	// Presence returns the participants with a socket on an instance other than except
	// (the caller knows its own sockets better than its last record of them).
	Presence(ctx context.Context, contestID, except string) (map[string]bool, error)
	// PresenceVersion returns a number that changes whenever an instance sets its presence.
	PresenceVersion(ctx context.Context, contestID string) (int64, error)

	// Built reports whether the contest's live state has been loaded since the store started.
	Built(ctx context.Context, contestID string) (bool, error)
	// Rebuild adds players and answers taken from the database to the contest's live state,
	// scores the items named by scored, raises the event sequence to at least seqFloor
	// (phones ignore numbers they have seen), and marks it built. It only adds, and every
	// step is idempotent, so instances rebuilding at once cannot undo each other's work.
	Rebuild(ctx context.Context, contestID string, players []Entry, answers map[string][]AnswerRecord, scored []string, seqFloor int64) error
}

// ErrScored is returned by ClaimAnswer for an item already scored: its answers are final.
var ErrScored = errors.New("item already scored")

// ErrNotBuilt is returned by ClaimAnswer when the live store does not hold the contest.
var ErrNotBuilt = errors.New("live state not built")

// member is how a player is named on the leaderboard: its join order first, zero-padded, so
// that players with equal score and time sort by who joined first.
func member(participantID string, joinOrder int) string {
	return fmt.Sprintf("%09d:%s", joinOrder, participantID)
}

// parseMember splits a leaderboard member into join order and participant id.
func parseMember(m string) (string, int) {
	order, id, _ := strings.Cut(m, ":")
	n, _ := strconv.Atoi(order)
	return id, n
}

// compositeScore packs score and time into one sortable number: lower is better. It is exact
// in a float64 while |score| < 2^21 and time < 2^32 ms.
func compositeScore(score int, timeMs int64) float64 {
	return float64(-int64(score)*(1<<32) + timeMs)
}

// splitScore undoes compositeScore.
func splitScore(c float64) (int, int64) {
	v := int64(c)
	score := -floorDiv(v, 1<<32)
	return int(score), v + score*(1<<32)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
