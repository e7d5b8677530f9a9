package realtime

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// itemAt is the current item of st as phones see it: what its question kind lets them see.
func (g *Game) itemAt(st quiz.LiveState) *wire.Item {
	i := st.ItemIndex
	it, at := g.items[i], g.places[i]
	q := &it.Question
	pub := quiz.PublicQuestion{Type: q.Type, Prompt: q.Prompt, Options: q.Options}
	if kind, ok := quiz.KindOf(q.Type); ok {
		pub = kind.Public(q)
	}
	if pub.Options == nil {
		pub.Options = []string{} // typed answers show no options
	}
	item := &wire.Item{ItemID: it.ID, Index: i, Count: len(g.items), RoundTitle: g.contest.Rounds[at.Round].Title, Type: string(pub.Type),
		Prompt: pub.Prompt, Options: pub.Options, Points: q.Points, TimeLimitMs: int64(q.TimeLimitSec) * 1000,
		OpensAt: st.OpensAt, ClosesAt: st.ClosesAt, Shuffled: quiz.ShufflesOptions(&g.contest.Rounds[at.Round], &it)}
	if pub.Image != "" {
		item.Image = wire.ImagePath(pub.Image)
	}
	return item
}

// shownTo is the order participant p's phone shows the options of item idx in, or nil when
// every phone shows them as they are.
func (g *Game) shownTo(idx int, participantID string) []int {
	return quiz.ShownOptions(&g.contest.Rounds[g.places[idx].Round], &g.items[idx], participantID)
}

// roundsOf describes a contest's rounds for the screens; a game keeps it from its loading on,
// as rounds never change.
func roundsOf(c *quiz.Contest) []wire.Round {
	out := make([]wire.Round, len(c.Rounds))
	for i, r := range c.Rounds {
		out[i] = wire.Round{Title: r.Title, Kind: string(r.Kind), Intro: r.Settings.Intro, Weight: r.EffectiveWeight(), Items: len(r.Items),
			TieBreak: r.Settings.TieBreak, Star: r.Settings.Star, StealSec: r.Settings.StealSec}
	}
	return out
}

// survivorsNow is who remains, while an elimination round is under way. Callers hold mu.
func (g *Game) survivorsNow() *wire.Survivors {
	if !g.eliminationRound(g.st.RoundIndex) || g.st.Phase == quiz.PhaseLobby {
		return nil
	}
	g.board.rankMu.Lock()
	defer g.board.rankMu.Unlock()
	if g.board.survivors == nil || g.board.survivorsAt != g.st.Version {
		g.board.survivors, g.board.survivorsAt = g.survivorsView(), g.st.Version
	}
	return g.board.survivors
}

// showsItem reports whether screens show the current item in the state's phase.
func (g *Game) showsItem() bool {
	switch g.st.Phase {
	case quiz.PhaseItemOpen, quiz.PhaseItemClosed, quiz.PhaseReveal, quiz.PhaseStandings:
		return g.st.ItemIndex >= 0 && g.st.ItemIndex < len(g.items)
	}
	return false
}

// attachPhone makes c the socket of participant p and sends it hello and a snapshot. The
// snapshot and the registration happen under the read lock, so no event can slip between them.
func (g *Game) attachPhone(ctx context.Context, c *Conn, p *quiz.Participant, token string) {
	c.ident.Store(&identity{game: g, participantID: p.ID, joinOrder: p.JoinOrder})
	if c.joinTimer != nil {
		// Only this connection's reader gets here, and ServePhone reads it after the reader.
		c.joinTimer.Stop()
		c.joinTimer = nil
	}
	c.sendJSON(wire.Hello{T: wire.THello, Token: token, ParticipantID: p.ID, ContestID: g.id, ServerTime: time.Now().UnixMilli(),
		PingMs: c.every().Milliseconds()})
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.e.register(c)
	st, err := g.phoneState(ctx, p)
	if err != nil {
		g.e.tellUnavailable(c, "phone snapshot", err)
		return
	}
	c.send(outFrame{data: st, itemID: g.openItemID()})
	g.phonesChanged()
}

// phoneState builds the snapshot of one phone. Callers hold mu.
func (g *Game) phoneState(ctx context.Context, p *quiz.Participant) ([]byte, error) {
	st := wire.State{T: wire.TState, Seq: g.seq, ServerTime: time.Now().UnixMilli(),
		Contest: wire.ContestInfo{ID: g.id, Title: g.contest.Title, ItemCount: len(g.items)},
		Phase:   string(g.st.Phase), Version: g.st.Version, Paused: g.st.Paused, RemainingMs: g.pausedRemaining(),
		Me:     wire.Me{ParticipantID: p.ID, Name: p.Name, Unit: p.Unit, Players: g.players(), Out: g.out(p.ID)},
		Rounds: g.rounds, RoundIndex: g.st.RoundIndex, Buzz: g.buzzView()}
	var mine quiz.Standing
	if g.st.ItemIndex >= 0 {
		// Before the first question nobody has a place: no need to rank the room as it joins.
		var ok bool
		if mine, ok = g.place(p.ID); ok {
			st.Me.Score, st.Me.Rank = mine.Score, mine.Rank
		}
	}
	if it, _, ok := g.current(); ok && g.showsItem() {
		st.Item = g.itemAt(g.st)
		st.Item.Shown = g.shownTo(g.st.ItemIndex, p.ID)
		rec, answered, err := g.e.cfg.Live.Answer(ctx, g.id, it.ID, p.ID)
		if err != nil {
			return nil, err
		}
		if answered {
			sent := g.sent(it.ID, rec)
			st.Answer = &sent
		}
		if g.st.Buzz != nil && g.st.Phase == quiz.PhaseItemOpen {
			attempt := attemptOf(g.st.Buzz)
			press, pressed, err := g.e.cfg.Live.Answer(ctx, g.id, pressKey(it.ID, attempt), p.ID)
			if err != nil {
				return nil, err
			}
			if pressed {
				st.Pressed = &wire.Pressed{T: wire.TPressed, ItemID: it.ID, Attempt: attempt, At: press.At}
			}
		}
		if g.reveal != nil && g.reveal.ItemID == it.ID {
			st.Reveal = g.reveal
			st.Result = g.resultFor(it.ID, rec, answered, mine, st.Me.Players)
		}
	}
	if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
		st.Standings = g.standings
	}
	st.Survivors = g.survivorsNow()
	return json.Marshal(st)
}

// attachHost registers a host socket and sends it the host snapshot.
func (g *Game) attachHost(c *Conn) {
	c.ident.Store(&identity{game: g})
	ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
	defer cancel()
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.e.register(c)
	hs, err := g.hostState(ctx)
	if err != nil {
		g.e.tellUnavailable(c, "host snapshot", err)
		return
	}
	c.sendSeq(outFrame{data: hs}, g.seq)
}

// hostState builds the snapshot of a host screen. Callers hold mu.
func (g *Game) hostState(ctx context.Context) ([]byte, error) {
	hs := wire.HostState{T: wire.THostState, Seq: g.seq, ServerTime: time.Now().UnixMilli(),
		Contest: wire.ContestInfo{ID: g.id, Title: g.contest.Title, ItemCount: len(g.items), PIN: g.contest.PIN, JoinURL: g.e.cfg.JoinURL(g.contest.PIN)},
		Phase:   string(g.st.Phase), Version: g.st.Version, Paused: g.st.Paused, Locked: g.st.Locked, RemainingMs: g.pausedRemaining(), Players: g.players(),
		Rounds: g.rounds, RoundIndex: g.st.RoundIndex, Buzz: g.buzzView(), Survivors: g.survivorsNow()}
	if it, _, ok := g.current(); ok && g.showsItem() {
		hs.Item = g.itemAt(g.st)
		n, err := g.e.cfg.Live.AnswerCount(ctx, g.id, it.ID)
		if err != nil {
			return nil, err
		}
		hs.Answered = n
		if g.reveal != nil && g.reveal.ItemID == it.ID {
			hs.Reveal = g.reveal
		}
	}
	if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
		hs.Standings = g.standings
	}
	hs.Participants = g.hostParticipants(ctx)
	return json.Marshal(hs)
}

// resync sends every socket of this instance a fresh snapshot.
func (g *Game) resync(phones, hosts []*Conn) {
	ctx, cancel := context.WithTimeout(g.e.ctx, 10*time.Second)
	defer cancel()
	g.mu.RLock()
	defer g.mu.RUnlock()
	for _, c := range phones {
		if p := g.participants[c.participantID()]; p != nil {
			if st, err := g.phoneState(ctx, p); err == nil {
				c.send(outFrame{data: st, itemID: g.openItemID()})
			}
		}
	}
	if len(hosts) == 0 {
		return
	}
	if hs, err := g.hostState(ctx); err == nil {
		for _, c := range hosts {
			c.sendSeq(outFrame{data: hs}, g.seq)
		}
	}
}

// hostParticipants lists contestants for the control panel, in join order. Callers hold mu.
func (g *Game) hostParticipants(ctx context.Context) []wire.Participant {
	ranked, at := g.rank()
	conn := g.connectedHere(ctx)
	out := make([]wire.Participant, 0, len(g.participants))
	for _, p := range g.participants {
		hp := wire.Participant{ID: p.ID, Name: p.Name, Unit: p.Unit, JoinOrder: p.JoinOrder, Connected: conn[p.ID], Kicked: p.Kicked,
			Out: g.out(p.ID)}
		if i, ok := at[p.ID]; ok {
			hp.Score = ranked[i].Score
		}
		out = append(out, hp)
	}
	slices.SortFunc(out, func(a, b wire.Participant) int { return a.JoinOrder - b.JoinOrder })
	return out
}

// connectedHere returns the participants with a socket on any instance: this instance's own,
// and the others' as recorded in the live store.
func (g *Game) connectedHere(ctx context.Context) map[string]bool {
	conn := g.e.connected(g.id)
	if elsewhere, err := g.e.cfg.Live.Presence(ctx, g.id, g.e.id); err == nil {
		for id := range elsewhere {
			conn[id] = true
		}
	} else {
		g.e.log.Warn("read presence", slog.String("contest", g.id), slog.Any("error", err))
	}
	return conn
}
