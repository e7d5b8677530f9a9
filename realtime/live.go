// Package realtime is the live engine: it executes the contest rules of package quiz without
// knowing them — the connection hub, the live state shared by instances (answer-once, event
// sequence, presence), the event fan-out, the conductor lease, timers and the group commit of
// answers. The wire protocol is PROTOCOL.md; its frames are package wire.
package realtime

import (
	"context"
	"errors"
	"time"
)

// AnswerRecord is a response as the live store keeps it: enough to ack a resend, tally the
// room and score the item, without a database round trip.
type AnswerRecord struct {
	ParticipantID string  `json:"p"`
	ClientID      string  `json:"id"`
	Choice        []int   `json:"c"`
	Text          string  `json:"x,omitempty"` // what was typed (short answer, numeric)
	Order         []int   `json:"o,omitempty"` // ordering: right-order indexes, as quiz parses them
	Grade         float64 `json:"g"`           // the question kind's grade: 0 wrong … 1 right
	ElapsedMs     int64   `json:"ms"`          // from when the item reached the phone, pauses left out
	At            int64   `json:"at"`          // server unix ms it arrived
}

// LiveStore keeps the live state that every instance serving a contest shares: who responded
// to what (at most once), which items take no more responses, the event sequence and who is
// connected where. Scores are not here: they are the ledger in the database, folded in each
// instance's memory. Two implementations: Redis for production, in process for the embedded
// default; one contract test suite covers both.
type LiveStore interface {
	// ClaimAnswer stores rec as the participant's answer to the item unless one is stored
	// already. It returns the stored record and whether rec is it, ErrSealed once the item
	// takes no more answers, or ErrNotBuilt when the store lost the contest (a Redis restarted
	// empty): the caller rebuilds it and tries again.
	ClaimAnswer(ctx context.Context, contestID, itemID string, rec AnswerRecord) (AnswerRecord, bool, error)
	// Seal makes an item's answers final: claims after it are ErrSealed, a resend of a stored
	// answer still gets it back. Items are sealed before they are scored.
	Seal(ctx context.Context, contestID, itemID string) error
	// Answer returns a participant's stored answer to an item.
	Answer(ctx context.Context, contestID, itemID, participantID string) (AnswerRecord, bool, error)
	// Answers returns every stored answer to an item.
	Answers(ctx context.Context, contestID, itemID string) ([]AnswerRecord, error)
	// AnswerCount returns how many answered an item.
	AnswerCount(ctx context.Context, contestID, itemID string) (int, error)

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
	// Rebuild adds answers taken from the database to the contest's live state, seals the
	// items named by sealed, raises the event sequence to at least seqFloor (phones ignore
	// numbers they have seen), and marks it built. It only adds, and every step is
	// idempotent, so instances rebuilding at once cannot undo each other's work.
	Rebuild(ctx context.Context, contestID string, answers map[string][]AnswerRecord, sealed []string, seqFloor int64) error
}

// ErrSealed is returned by ClaimAnswer for an item whose answers are final.
var ErrSealed = errors.New("item sealed")

// ErrNotBuilt is returned by ClaimAnswer when the live store does not hold the contest.
var ErrNotBuilt = errors.New("live state not built")
