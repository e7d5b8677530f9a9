package realtime

import "hoithi/quiz"

// liveEvent is a live state as events carry it between instances: the bus's own format.
type liveEvent struct {
	Phase             string   `json:"ph"`
	Version           int64    `json:"v"`
	ItemIndex         int      `json:"i"`
	RoundIndex        int      `json:"r"`
	OpensAt           int64    `json:"o"`
	ClosesAt          int64    `json:"c"`
	Paused            bool     `json:"p,omitempty"`
	PausedRemainingMs int64    `json:"pr,omitempty"`
	PausedTotalMs     int64    `json:"pt,omitempty"`
	PausedAt          int64    `json:"pa,omitempty"`
	Locked            bool     `json:"l,omitempty"`
	Buzz              *buzzRow `json:"b,omitempty"`
}

func liveEventOf(st quiz.LiveState) *liveEvent {
	return &liveEvent{Phase: string(st.Phase), Version: st.Version, ItemIndex: st.ItemIndex, RoundIndex: st.RoundIndex,
		OpensAt: st.OpensAt, ClosesAt: st.ClosesAt, Paused: st.Paused, PausedRemainingMs: st.PausedRemainingMs,
		PausedTotalMs: st.PausedTotalMs, PausedAt: st.PausedAt, Locked: st.Locked, Buzz: buzzRowOf(st.Buzz)}
}

func (e *liveEvent) state() *quiz.LiveState {
	if e == nil {
		return nil
	}
	return &quiz.LiveState{Phase: quiz.Phase(e.Phase), Version: e.Version, ItemIndex: e.ItemIndex, RoundIndex: e.RoundIndex,
		OpensAt: e.OpensAt, ClosesAt: e.ClosesAt, Paused: e.Paused, PausedRemainingMs: e.PausedRemainingMs,
		PausedTotalMs: e.PausedTotalMs, PausedAt: e.PausedAt, Locked: e.Locked, Buzz: e.Buzz.state()}
}

// joinedEvent is a contestant who just joined, as events carry it.
type joinedEvent struct {
	ID        string `json:"id"`
	Name      string `json:"n"`
	Unit      string `json:"u"`
	JoinOrder int    `json:"o"`
}

func joinedEventOf(p *quiz.Participant) *joinedEvent {
	return &joinedEvent{ID: p.ID, Name: p.Name, Unit: p.Unit, JoinOrder: p.JoinOrder}
}

func (e *joinedEvent) participant(contestID string) *quiz.Participant {
	if e == nil {
		return nil
	}
	return &quiz.Participant{ID: e.ID, ContestID: contestID, Name: e.Name, Unit: e.Unit, JoinOrder: e.JoinOrder}
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
