package realtime

import (
	"context"
	"time"

	"hoithi/quiz"
)

// sameName returns the contestant who joined with p's name and unit, if any.
func (g *Game) sameName(p *quiz.Participant) *quiz.Participant {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if same := g.names[quiz.ParticipantKey(p.Name, p.Unit)]; same != nil {
		cp := *same
		return &cp
	}
	return nil
}

// known returns the cached copy of p, caching p first if this instance has not seen it.
func (g *Game) known(p *quiz.Participant) *quiz.Participant {
	g.mu.Lock()
	defer g.mu.Unlock()
	if cur := g.participants[p.ID]; cur != nil {
		return cur
	}
	g.addCached(p)
	return p
}

// addCached adds a participant this instance had not seen. Callers hold mu (or own g).
func (g *Game) addCached(p *quiz.Participant) {
	g.participants[p.ID] = p
	if k := quiz.ParticipantKey(p.Name, p.Unit); g.names[k] == nil || p.Kicked {
		g.names[k] = p
	}
	if !p.Kicked {
		g.active++
	}
	g.board.stale()
}

// players counts contestants not kicked. Callers hold mu.
func (g *Game) players() int { return g.active }

// playersNow is players for callers that do not hold mu.
func (g *Game) playersNow() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.active
}

// kick removes a contestant: out of the standings, its phone told and disconnected.
func (g *Game) kick(ctx context.Context, participantID string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.participants[participantID]
	if p == nil {
		return quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy thí sinh này.")
	}
	if err := g.e.cfg.Contests.SetParticipantKicked(ctx, p.ID, true); err != nil {
		return unavailable(g.e.log, "kick participant", err)
	}
	g.markKicked(p)
	g.publish(ctx, Event{ContestID: g.id, Seq: g.seq, Kick: p.ID})
	return nil
}

// markKicked records a kick in this instance's copy. Callers hold mu.
func (g *Game) markKicked(p *quiz.Participant) {
	if !p.Kicked {
		p.Kicked = true
		g.active--
		g.board.stale()
	}
	g.hostsDirty.Store(true)
}

// rejoinWindow is how long a contestant let back in has to join from the other phone.
const rejoinWindow = 10 * time.Minute

// allowRejoin lets a contestant join again from another phone, under the same name and unit,
// within rejoinWindow: the next such join takes over the contestant, score and all, and the
// old phone's token stops working.
func (g *Game) allowRejoin(ctx context.Context, participantID string) error {
	g.mu.RLock()
	p := g.participants[participantID]
	kicked := p != nil && p.Kicked
	g.mu.RUnlock()
	if p == nil {
		return quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy thí sinh này.")
	} else if kicked {
		return quiz.Errorf(quiz.ECONFLICT, "Thí sinh này đã bị mời ra khỏi cuộc thi.")
	}
	if err := g.e.cfg.Contests.AllowRejoin(ctx, p.ID, time.Now().Add(rejoinWindow)); err != nil {
		return unavailable(g.e.log, "allow rejoin", err)
	}
	return nil
}
