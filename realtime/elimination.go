package realtime

import (
	"slices"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// eliminationRound reports whether round r is played by elimination (Rung chuông vàng).
func (g *Game) eliminationRound(r int) bool {
	return r >= 0 && r < len(g.contest.Rounds) && g.contest.Rounds[r].Kind == quiz.EliminationRound
}

// maxSurvivorNames is how many names of those who remain the screens get.
const maxSurvivorNames = 50

// survivorsView is who remains in the elimination round being played. Callers hold mu.
func (g *Game) survivorsView() *wire.Survivors {
	ids := quiz.Survivors(g.playAt(g.st), g.st.RoundIndex)
	v := &wire.Survivors{RoundIndex: g.st.RoundIndex, Count: len(ids), Names: []string{}, Players: g.players()}
	for _, id := range ids[:min(len(ids), maxSurvivorNames)] {
		if p := g.participants[id]; p != nil {
			v.Names = append(v.Names, p.Name)
		}
	}
	return v
}

// out reports whether a contestant is out of the round being played. Callers hold mu.
func (g *Game) out(participantID string) bool {
	if !g.eliminationRound(g.st.RoundIndex) {
		return false
	}
	t := g.board.tallies.Of(participantID, g.contest.Rounds[g.st.RoundIndex].ID)
	return t != nil && t.Out
}

// activeIDs lists the contestants in play, in join order. Callers hold mu.
func (g *Game) activeIDs() []string {
	ps := make([]*quiz.Participant, 0, len(g.participants))
	for _, p := range g.participants {
		if !p.Kicked {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b *quiz.Participant) int { return a.JoinOrder - b.JoinOrder })
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}
