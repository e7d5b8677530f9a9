package realtime

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// decideWindow is how long the conductor waits after the first press of an attempt before it
// names the winner: presses taken by other instances at an earlier server time are still on
// their way to the live store.
const decideWindow = 150 * time.Millisecond

// pressKey names the presses of one attempt on a buzzer item in the live store.
func pressKey(itemID string, attempt int) string { return fmt.Sprintf("%s#%d", itemID, attempt) }

func attemptOf(b *quiz.BuzzState) int {
	if b == nil {
		return 0
	}
	return b.Attempt
}

func sameBuzz(a, b *quiz.BuzzState) bool { return reflect.DeepEqual(a, b) }

// press handles a press of the buzzer: the rules check it, the live store keeps the first
// press of each contestant per attempt, the phone is told it counts, and the conductor is
// told presses have come.
func (g *Game) press(ctx context.Context, c *Conn, f wire.ClientFrame) {
	now := time.Now()
	x, ok := g.check(c, f, quiz.Response{Buzz: true}, now)
	if !ok {
		return
	} else if x.err != nil {
		refuse(c, f, x.err)
		return
	}
	attempt := attemptOf(x.st.Buzz)
	key := pressKey(f.ItemID, attempt)
	rec := AnswerRecord{ParticipantID: x.p.ID, ClientID: cmp.Or(f.AnswerID, "press"), At: now.UnixMilli()}
	stored, fresh, ok := g.claim(ctx, c, f, key, rec)
	if !ok {
		return
	}
	c.sendJSON(wire.Pressed{T: wire.TPressed, ItemID: f.ItemID, Attempt: attempt, At: stored.At})
	if fresh {
		if _, told := g.pressTold.LoadOrStore(key, true); !told {
			g.publish(ctx, Event{ContestID: g.id, Seq: g.currentSeq(), Kind: eventPress})
			g.remindUndecided(f.ItemID, attempt, 1)
		}
	}
}

// Reminders of presses no winner was named for.
const (
	remindAfter = time.Second
	maxReminds  = 5
)

// remindUndecided tells the conductor again of the presses of an attempt if, remindAfter after
// this instance took its first one, the attempt still has no winner: the event that told it
// may have been lost on the bus (an instance restarting, Redis failing over), and a question
// must not wait for a winner for ever. A reminder is harmless: the conductor names a winner
// once.
func (g *Game) remindUndecided(itemID string, attempt, n int) {
	time.AfterFunc(remindAfter, func() {
		g.mu.RLock()
		it, _, ok := g.current()
		undecided := ok && it.ID == itemID && g.st.Phase == quiz.PhaseItemOpen && attemptOf(g.st.Buzz) == attempt &&
			(g.st.Buzz == nil || g.st.Buzz.Winner == "")
		g.mu.RUnlock()
		select {
		case <-g.quit:
			return
		default:
		}
		if !undecided || n > maxReminds {
			return
		}
		ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
		defer cancel()
		g.publish(ctx, Event{ContestID: g.id, Seq: g.currentSeq(), Kind: eventPress})
		g.remindUndecided(itemID, attempt, n+1)
	})
}

// eventPress is the event that tells the conductor presses have come.
const eventPress = "press"

// pressed is the conductor's cue that an attempt has presses: it names the winner after
// decideWindow.
func (g *Game) pressed() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.conductor || g.st.Buzz != nil && g.st.Buzz.Winner != "" || g.deciding {
		return
	}
	g.deciding = true
	time.AfterFunc(decideWindow, g.decide)
}

// decide names the winner of the current attempt from the presses in the live store.
func (g *Game) decide() {
	ctx, cancel := context.WithTimeout(g.e.ctx, 10*time.Second)
	defer cancel()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.deciding {
		g.decideNow(ctx)
	}
}

// decideNow names the winner of the current attempt, if it has presses. Callers hold mu.
func (g *Game) decideNow(ctx context.Context) {
	if g.st.Paused {
		return // decided after the resume (Command)
	}
	g.deciding = false
	it, _, ok := g.current()
	if !ok || g.st.Phase != quiz.PhaseItemOpen || g.st.Buzz != nil && g.st.Buzz.Winner != "" {
		return
	}
	recs, err := g.e.cfg.Live.Answers(ctx, g.id, pressKey(it.ID, attemptOf(g.st.Buzz)))
	if err != nil {
		g.e.log.Error("read presses", slog.Any("error", err))
		return
	}
	if len(recs) == 0 {
		return
	}
	order := func(id string) int {
		if p := g.participants[id]; p != nil {
			return p.JoinOrder
		}
		return 0
	}
	slices.SortFunc(recs, func(a, b AnswerRecord) int {
		return cmp.Or(cmp.Compare(a.At, b.At), cmp.Compare(order(a.ParticipantID), order(b.ParticipantID)))
	})
	presses := make([]quiz.Press, len(recs))
	for i, r := range recs {
		presses[i] = quiz.Press{ParticipantID: r.ParticipantID, At: r.At}
	}
	out, err := quiz.Step(g.playAt(g.st), quiz.Command{Name: quiz.CmdDecide, Version: g.st.Version, Presses: presses}, time.Now().UnixMilli())
	if err == nil {
		err = g.transition(ctx, out, nil)
	}
	if err != nil && quiz.ErrorCode(err) != quiz.ECONFLICT {
		g.e.log.Error("name the buzzer's winner", slog.Any("error", err))
	}
}

// buzzView is the current buzzer state as screens see it. Callers hold mu.
func (g *Game) buzzView() *wire.Buzz {
	b := g.st.Buzz
	it, _, ok := g.current()
	if b == nil || !ok {
		return nil
	}
	who := func(id string, gap int64) *wire.Presser {
		if p := g.participants[id]; p != nil {
			return &wire.Presser{ParticipantID: id, Name: p.Name, Unit: p.Unit, GapMs: gap}
		}
		return &wire.Presser{ParticipantID: id, GapMs: gap}
	}
	v := &wire.Buzz{ItemID: it.ID, Attempt: b.Attempt, Presses: []wire.Presser{}, Out: slices.Clone(b.Out), Mark: g.lastMark}
	if b.StealUntil > 0 && b.Winner == "" {
		v.StealUntil = g.st.ClosesAt // the steal's time, paused or extended like any other
	}
	if v.Out == nil {
		v.Out = []string{}
	}
	if b.Winner != "" {
		v.Winner = who(b.Winner, 0)
	}
	for _, p := range b.Presses {
		v.Presses = append(v.Presses, *who(p.ParticipantID, p.GapMs))
	}
	if b.Star != "" {
		v.Star = who(b.Star, 0)
	}
	return v
}

// markOf is the host's mark among a transition's ledger lines, if any.
func markOf(changes []quiz.ScoreChange) *wire.Mark {
	for _, ch := range changes {
		switch ch.Reason {
		case quiz.ReasonBuzzRight, quiz.ReasonStealRight:
			return &wire.Mark{ParticipantID: ch.ParticipantID, Right: true, Points: ch.Points}
		case quiz.ReasonBuzzWrong, quiz.ReasonStealWrong:
			return &wire.Mark{ParticipantID: ch.ParticipantID, Points: ch.Points}
		}
	}
	return nil
}
