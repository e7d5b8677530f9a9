package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// scoreboard is this instance's copy of a contest's scores: the ledger folded into tallies,
// and the standings ranked from them by quiz.Standings when someone needs them. Tallies
// change under the game's mu (write); ranked is rebuilt under rankMu by readers.
type scoreboard struct {
	tallies quiz.Tallies
	version int64 // the highest ledger version folded in; -1 before any (lines of contests played before the ledger have 0)
	// itemID and itemPoints are what each contestant earned on the item scored last.
	itemID     string
	itemPoints map[string]int

	rankMu sync.Mutex
	ranked []quiz.Standing // nil when stale
	rankOf map[string]int  // index in ranked of each participant
	// survivors is who remains in an elimination round as of state version survivorsAt.
	survivors   *wire.Survivors
	survivorsAt int64
}

func newScoreboard() scoreboard {
	return scoreboard{tallies: quiz.Tallies{}, version: -1, itemPoints: map[string]int{}}
}

// stale drops the ranking after a change of scores or of who plays.
func (b *scoreboard) stale() {
	b.rankMu.Lock()
	b.ranked, b.rankOf, b.survivors = nil, nil, nil
	b.rankMu.Unlock()
}

// catchUpScores folds the ledger lines written since this instance last looked. Callers hold
// mu for writing (or own g).
func (g *Game) catchUpScores(ctx context.Context) error {
	changes, err := g.e.cfg.Contests.ListScoreChanges(ctx, g.id, g.board.version)
	if err != nil {
		return fmt.Errorf("load scores of %s: %w", g.id, err)
	}
	g.foldNew(changes)
	return nil
}

// foldNew folds lines read from the ledger, keeps what each contestant earned on the item
// scored last, and raises the version folded.
func (g *Game) foldNew(changes []quiz.ScoreChange) {
	if len(changes) == 0 {
		return
	}
	b := &g.board
	b.tallies.Fold(g.contest, changes)
	for _, ch := range changes {
		if ch.ItemID != "" {
			if ch.ItemID != b.itemID {
				b.itemID, b.itemPoints = ch.ItemID, map[string]int{}
			}
			b.itemPoints[ch.ParticipantID] += ch.Points
		}
		b.version = max(b.version, ch.Version)
	}
	b.stale()
}

// rank returns the standings of every contestant in play and where each is in them. Callers
// hold mu (for reading at least).
func (g *Game) rank() ([]quiz.Standing, map[string]int) {
	b := &g.board
	b.rankMu.Lock()
	defer b.rankMu.Unlock()
	if b.ranked == nil {
		ps := make([]quiz.Participant, 0, len(g.participants))
		for _, p := range g.participants {
			ps = append(ps, *p)
		}
		b.ranked = quiz.Standings(g.contest, ps, b.tallies)
		b.rankOf = make(map[string]int, len(b.ranked))
		for i, s := range b.ranked {
			b.rankOf[s.ParticipantID] = i
		}
	}
	return b.ranked, b.rankOf
}

// place returns a contestant's line of the standings, or false if not in play.
func (g *Game) place(participantID string) (quiz.Standing, bool) {
	ranked, at := g.rank()
	if i, ok := at[participantID]; ok {
		return ranked[i], true
	}
	return quiz.Standing{}, false
}

// scoreItem seals item idx and scores it by its round's rules: the ledger lines, with their
// round, item and version, for the transition to stamp and save. Callers hold mu.
func (g *Game) scoreItem(ctx context.Context, idx int, version int64) ([]quiz.ScoreChange, error) {
	it := g.items[idx]
	live := g.e.cfg.Live
	if err := live.Seal(ctx, g.id, it.ID); err != nil {
		return nil, err
	}
	recs, err := live.Answers(ctx, g.id, it.ID)
	if err != nil {
		return nil, err
	}
	at := g.places[idx]
	round := &g.contest.Rounds[at.Round]
	kind, ok := quiz.RoundKindOf(round.Kind)
	if !ok {
		return nil, fmt.Errorf("round %s has an unknown kind %q", round.ID, round.Kind)
	}
	in := quiz.ScoreInput{Round: round, Item: &it, Pos: at.Pos, Tallies: g.board.tallies}
	for _, r := range recs {
		if p := g.participants[r.ParticipantID]; p != nil && !p.Kicked {
			in.Responses = append(in.Responses, quiz.ScoredResponse{ParticipantID: r.ParticipantID,
				Response: r.response(), Grade: r.Grade, ElapsedMs: r.ElapsedMs, At: r.At})
		}
	}
	in.Players = g.activeIDs()
	changes := kind.Score(in)
	for i := range changes {
		changes[i].RoundID, changes[i].ItemID, changes[i].Version = round.ID, it.ID, version
	}
	return changes, nil
}

// buildRevealAt computes the reveal of item idx: its key and how the room answered.
func (g *Game) buildRevealAt(ctx context.Context, idx int) (*wire.Reveal, error) {
	if idx < 0 || idx >= len(g.items) {
		return nil, nil
	}
	it := g.items[idx]
	recs, err := g.e.cfg.Live.Answers(ctx, g.id, it.ID)
	if err != nil {
		return nil, err
	}
	q := &it.Question
	kind, _ := quiz.KindOf(q.Type)
	rs := make([]quiz.Response, len(recs))
	for i, r := range recs {
		rs[i] = r.response()
	}
	dist := make([]int, len(q.Options))
	if kind != nil {
		dist = kind.Tally(q, rs)
	}
	rv := &wire.Reveal{ItemID: it.ID, Correct: nonNilInts(q.Correct), Distribution: dist, Answered: len(recs),
		Players: g.players(), Explanation: q.Explanation, Source: q.Source}
	switch q.Type {
	case quiz.ShortAnswer:
		rv.Answers = q.Answers
		rv.NoDiacritics = q.NoDiacritics
	case quiz.Numeric:
		v := q.Value
		rv.Value, rv.Tolerance = &v, q.Tolerance
	case quiz.Ordering:
		// The options are stored in their right order: 0, 1, 2…
		right := make([]int, len(q.Options))
		for i := range right {
			right[i] = i
		}
		rv.Order = quiz.ShownPositions(q, right)
	}
	return rv, nil
}

// topN is how many lines of the standings the screen and phones get.
const topN = 10

// buildStandings is the top of the standings. Callers hold mu.
func (g *Game) buildStandings(final bool) *wire.Standings {
	ranked, _ := g.rank()
	top := make([]wire.Standing, 0, topN)
	for _, s := range ranked[:min(topN, len(ranked))] {
		top = append(top, wire.Standing{Rank: s.Rank, ParticipantID: s.ParticipantID, Name: s.Name, Unit: s.Unit, Score: s.Score,
			TimeMs: s.TimeMs, Correct: s.Correct, JoinOrder: s.JoinOrder})
	}
	return &wire.Standings{Final: final, Players: len(ranked), Top: top}
}

// resultFor is one phone's outcome of an item.
func (g *Game) resultFor(itemID string, rec AnswerRecord, answered bool, s quiz.Standing, players int) *wire.Result {
	sent := g.sent(itemID, rec)
	r := &wire.Result{ItemID: itemID, Answered: answered, Choice: sent.Choice, Text: sent.Text, Order: sent.Order,
		Score: s.Score, Rank: s.Rank, Players: players, Out: g.out(s.ParticipantID)}
	if answered {
		r.Correct = rec.Grade >= 1
	}
	if g.board.itemID == itemID {
		r.Points = g.board.itemPoints[s.ParticipantID]
	}
	return r
}

// sendPersonal sends each phone of this instance the shared frame of a reveal or the
// standings with its own part added ("result" or "me"): one read of the answers, then one
// frame per phone. If the answers cannot be read, phones get the shared frame. An item
// frame's part ("shown") is sendShown's.
func (g *Game) sendPersonal(ev Event, phones []*Conn) {
	if ev.Personal == "shown" {
		g.sendShown(ev, phones)
		return
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
	defer cancel()
	var answers map[string]AnswerRecord
	if ev.Personal == "result" {
		recs, err := g.e.cfg.Live.Answers(ctx, g.id, ev.ItemID)
		if err != nil {
			g.e.log.Error("personal frames", slog.String("contest", g.id), slog.Any("error", err))
			for _, c := range phones {
				c.send(outFrame{data: ev.Frame})
			}
			return
		}
		answers = make(map[string]AnswerRecord, len(recs))
		for _, r := range recs {
			answers[r.ParticipantID] = r
		}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	ranked, at := g.rank()
	for _, c := range phones {
		pid := c.participantID()
		var s quiz.Standing
		if i, ok := at[pid]; ok {
			s = ranked[i]
		}
		var part any = wire.MyPlace{Score: s.Score, Rank: s.Rank, Players: len(ranked), Out: g.out(pid)}
		if ev.Personal == "result" {
			rec, ok := answers[pid]
			part = g.resultFor(ev.ItemID, rec, ok, s, len(ranked))
		}
		c.send(outFrame{data: withMember(ev.Frame, ev.Personal, part), pooled: true})
	}
	g.e.log.Debug("personal frames queued", slog.String("contest", g.id), slog.String("part", ev.Personal),
		slog.Int("phones", len(phones)), slog.Duration("took", time.Since(start)))
}

// sendShown sends each phone of this instance its copy of a shuffled item's frame: the shared
// frame with the order this phone shows the options in. Each copy's write is when the item
// reached that phone, as for the shared frame.
func (g *Game) sendShown(ev Event, phones []*Conn) {
	start := time.Now()
	g.mu.RLock()
	defer g.mu.RUnlock()
	defer func() {
		g.e.log.Debug("personal frames queued", slog.String("contest", g.id), slog.String("part", ev.Personal),
			slog.Int("phones", len(phones)), slog.Duration("took", time.Since(start)))
	}()
	idx, ok := g.itemIdx[ev.ItemID]
	for _, c := range phones {
		var shown []int
		if ok {
			shown = g.shownTo(idx, c.participantID())
		}
		if shown == nil {
			c.send(outFrame{data: ev.Frame, itemID: ev.ItemID})
			continue
		}
		c.send(outFrame{data: withMember(ev.Frame, ev.Personal, shown), itemID: ev.ItemID, pooled: true})
	}
}

// withMember returns the JSON object frame with one more member, key, holding v, in a buffer
// from framePool that the writer gives back once the frame is written.
func withMember(frame []byte, key string, v any) []byte {
	part := mustJSON(v)
	out := getFrameBuf(len(frame) + len(key) + len(part) + 4)
	out = append(out, frame[:len(frame)-1]...)
	if len(frame) > 2 {
		out = append(out, ',')
	}
	out = append(out, '"')
	out = append(out, key...)
	out = append(out, `":`...)
	out = append(out, part...)
	return append(out, '}')
}

// response is the record's response as the question kinds read it.
func (r AnswerRecord) response() quiz.Response {
	return quiz.Response{Choice: r.Choice, Text: r.Text, Order: r.Order}
}

// nonNilInts makes a nil list encode as [] rather than null.
func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}
