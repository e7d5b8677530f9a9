package store

import (
	"encoding/json"
	"fmt"

	"hoithi/quiz"
)

// liveRow is a contest's live state as its live_state column keeps it: the store's own format,
// so a change to the domain type does not change what is on disk by accident.
type liveRow struct {
	Phase             string   `json:"phase"`
	Version           int64    `json:"version"`
	ItemIndex         int      `json:"item_index"`
	RoundIndex        int      `json:"round_index"`
	OpensAt           int64    `json:"opens_at"`
	ClosesAt          int64    `json:"closes_at"`
	Paused            bool     `json:"paused"`
	PausedRemainingMs int64    `json:"paused_remaining_ms"`
	PausedTotalMs     int64    `json:"paused_total_ms"`
	PausedAt          int64    `json:"paused_at"`
	Locked            bool     `json:"locked"`
	Buzz              *buzzRow `json:"buzz,omitempty"`
}

func encodeLive(st quiz.LiveState) (string, error) {
	data, err := json.Marshal(liveRow{Phase: string(st.Phase), Version: st.Version, ItemIndex: st.ItemIndex, RoundIndex: st.RoundIndex,
		OpensAt: st.OpensAt, ClosesAt: st.ClosesAt, Paused: st.Paused, PausedRemainingMs: st.PausedRemainingMs,
		PausedTotalMs: st.PausedTotalMs, PausedAt: st.PausedAt, Locked: st.Locked, Buzz: buzzRowOf(st.Buzz)})
	if err != nil {
		return "", fmt.Errorf("encode live state: %w", err)
	}
	return string(data), nil
}

func decodeLive(data string) (quiz.LiveState, error) {
	var r liveRow
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return quiz.LiveState{}, fmt.Errorf("decode live state: %w", err)
	}
	return quiz.LiveState{Phase: quiz.Phase(r.Phase), Version: r.Version, ItemIndex: r.ItemIndex, RoundIndex: r.RoundIndex,
		OpensAt: r.OpensAt, ClosesAt: r.ClosesAt, Paused: r.Paused, PausedRemainingMs: r.PausedRemainingMs,
		PausedTotalMs: r.PausedTotalMs, PausedAt: r.PausedAt, Locked: r.Locked, Buzz: r.Buzz.state()}, nil
}

// buzzRow is a buzzer item's state in this format.
type buzzRow struct {
	Attempt    int        `json:"attempt"`
	Winner     string     `json:"winner,omitempty"`
	Presses    []pressRow `json:"presses,omitempty"`
	Out        []string   `json:"out,omitempty"`
	StealUntil int64      `json:"steal_until,omitempty"`
	Star       string     `json:"star,omitempty"`
}

type pressRow struct {
	ParticipantID string `json:"p"`
	At            int64  `json:"at"`
	GapMs         int64  `json:"gap"`
}

func buzzRowOf(b *quiz.BuzzState) *buzzRow {
	if b == nil {
		return nil
	}
	r := &buzzRow{Attempt: b.Attempt, Winner: b.Winner, Out: b.Out, StealUntil: b.StealUntil, Star: b.Star}
	for _, p := range b.Presses {
		r.Presses = append(r.Presses, pressRow{ParticipantID: p.ParticipantID, At: p.At, GapMs: p.GapMs})
	}
	return r
}

func (r *buzzRow) state() *quiz.BuzzState {
	if r == nil {
		return nil
	}
	b := &quiz.BuzzState{Attempt: r.Attempt, Winner: r.Winner, Out: r.Out, StealUntil: r.StealUntil, Star: r.Star}
	for _, p := range r.Presses {
		b.Presses = append(b.Presses, quiz.Press{ParticipantID: p.ParticipantID, At: p.At, GapMs: p.GapMs})
	}
	return b
}
