package store

import (
	"encoding/json"
	"fmt"

	"hoithi/quiz"
)

// liveRow is a contest's live state as its live_state column keeps it: the store's own format,
// so a change to the domain type does not change what is on disk by accident.
type liveRow struct {
	Phase             string `json:"phase"`
	Version           int64  `json:"version"`
	ItemIndex         int    `json:"item_index"`
	RoundIndex        int    `json:"round_index"`
	OpensAt           int64  `json:"opens_at"`
	ClosesAt          int64  `json:"closes_at"`
	Paused            bool   `json:"paused"`
	PausedRemainingMs int64  `json:"paused_remaining_ms"`
	PausedTotalMs     int64  `json:"paused_total_ms"`
	PausedAt          int64  `json:"paused_at"`
	Locked            bool   `json:"locked"`
}

func encodeLive(st quiz.LiveState) (string, error) {
	data, err := json.Marshal(liveRow{Phase: string(st.Phase), Version: st.Version, ItemIndex: st.ItemIndex, RoundIndex: st.RoundIndex,
		OpensAt: st.OpensAt, ClosesAt: st.ClosesAt, Paused: st.Paused, PausedRemainingMs: st.PausedRemainingMs,
		PausedTotalMs: st.PausedTotalMs, PausedAt: st.PausedAt, Locked: st.Locked})
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
		PausedTotalMs: r.PausedTotalMs, PausedAt: r.PausedAt, Locked: r.Locked}, nil
}
