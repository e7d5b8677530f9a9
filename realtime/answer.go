package realtime

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"time"

	"github.com/google/uuid"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

var answerIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// refusals maps the rules' reasons for not taking a response to the protocol's errors.
var refusals = map[error]WireError{
	quiz.ErrNotOpen:       ErrItemNotOpen,
	quiz.ErrNotYetOpen:    ErrItemNotYetOpen,
	quiz.ErrClosed:        ErrItemClosed,
	quiz.ErrPaused:        ErrPaused,
	quiz.ErrBadResponse:   ErrBadChoice,
	quiz.ErrEliminated:    ErrEliminated,
	quiz.ErrBuzzTaken:     ErrBuzzTaken,
	quiz.ErrBuzzOut:       ErrBuzzOut,
	quiz.ErrBuzzNotInPlay: ErrKicked,
}

// answer handles one answer frame: the rules check it against the open item, it is claimed
// once in the live store, made durable, then acked. See PROTOCOL.md.
func (g *Game) answer(ctx context.Context, c *Conn, f wire.ClientFrame) {
	now := time.Now()
	id := c.ident.Load()
	if !answerIDPattern.MatchString(f.AnswerID) {
		c.failAnswer(ErrBadAnswerID, f.ItemID, f.AnswerID)
		return
	}
	g.mu.RLock()
	idx, known := g.itemIdx[f.ItemID]
	p := g.participants[id.participantID]
	st := g.st
	play := g.playAt(st)
	var resp quiz.Response
	var grade float64
	var err error
	if known && p != nil && !p.Kicked {
		resp, grade, err = play.Accept(p.ID, idx, quiz.Response{Choice: f.Choice}, now.UnixMilli())
	}
	g.mu.RUnlock()
	switch {
	case !known:
		c.failAnswer(ErrItemNotOpen, f.ItemID, f.AnswerID)
		return
	case p == nil || p.Kicked:
		c.failAnswer(ErrKicked, f.ItemID, f.AnswerID)
		return
	case err == quiz.ErrBadResponse:
		c.failAnswer(ErrBadChoice, f.ItemID, f.AnswerID)
		return
	case err != nil:
		// A resend of an answer stored before the close still gets its ack.
		rec, ok, rerr := g.e.cfg.Live.Answer(ctx, g.id, f.ItemID, p.ID)
		if rerr != nil {
			g.e.tellUnavailable(c, "read answer", rerr)
		} else if ok {
			g.persistAndAck(ctx, c, f.ItemID, rec)
		} else if w, listed := refusals[err]; listed {
			c.failAnswer(w, f.ItemID, f.AnswerID)
		} else {
			c.sendError(quiz.ErrorCode(err), quiz.ErrorMessage(err))
		}
		return
	}
	item := g.items[idx]
	limit := int64(item.Question.TimeLimitSec) * 1000
	start, ok := g.deliveredTime(p.ID, item.ID)
	if !ok {
		start = time.UnixMilli(st.OpensAt)
	}
	elapsed := min(max(0, now.Sub(start).Milliseconds()-st.PausedTotalMs), limit)
	rec := AnswerRecord{ParticipantID: p.ID, ClientID: f.AnswerID, Choice: resp.Choice, Grade: grade, ElapsedMs: elapsed, At: now.UnixMilli()}
	stored, _, err := g.e.cfg.Live.ClaimAnswer(ctx, g.id, item.ID, rec)
	if errors.Is(err, ErrNotBuilt) {
		g.mu.RLock()
		err = g.ensureBuilt(ctx)
		g.mu.RUnlock()
		if err == nil {
			stored, _, err = g.e.cfg.Live.ClaimAnswer(ctx, g.id, item.ID, rec)
		}
	}
	if errors.Is(err, ErrSealed) {
		c.failAnswer(ErrItemClosed, f.ItemID, f.AnswerID)
		return
	} else if err != nil {
		g.e.log.Error("claim answer", slog.Any("error", err))
		c.failAnswer(ErrRetry, f.ItemID, f.AnswerID)
		return
	}
	g.persistAndAck(ctx, c, item.ID, stored)
}

// persistAndAck makes the stored answer durable (idempotently) and acks it. The answer keeps
// its grade for the record; its points are the ledger's.
func (g *Game) persistAndAck(ctx context.Context, c *Conn, itemID string, rec AnswerRecord) {
	a := quiz.Answer{ID: uuid.Must(uuid.NewV7()).String(), ContestID: g.id, ItemID: itemID, ParticipantID: rec.ParticipantID,
		ClientID: rec.ClientID, Choice: rec.Choice, Correct: rec.Grade >= 1, ElapsedMs: rec.ElapsedMs, CreatedAt: time.UnixMilli(rec.At)}
	if err := g.e.commit.save(ctx, a); err != nil {
		c.failAnswer(ErrRetry, itemID, rec.ClientID)
		return
	}
	c.sendJSON(wire.Ack{T: wire.TAck, ItemID: itemID, AnswerID: rec.ClientID, Choice: rec.Choice})
}

// delivered records when the open item first reached a participant's phone. It is called
// just before the frame is written, so an answer can never be handled before its question's
// delivery is known; it reports whether this call made the record.
func (g *Game) delivered(participantID, itemID string, at time.Time) bool {
	g.deliveredMu.Lock()
	defer g.deliveredMu.Unlock()
	if g.deliveredItem != itemID {
		return false
	}
	if _, ok := g.deliveredAt[participantID]; !ok {
		g.deliveredAt[participantID] = at
		return true
	}
	return false
}

// undelivered withdraws a record made by delivered whose write then failed: the question did
// not reach that phone, and it is timed from when it does.
func (g *Game) undelivered(participantID, itemID string, at time.Time) {
	g.deliveredMu.Lock()
	defer g.deliveredMu.Unlock()
	if g.deliveredItem == itemID && g.deliveredAt[participantID].Equal(at) {
		delete(g.deliveredAt, participantID)
	}
}

// deliveredTime returns when the item reached the participant, or false if unknown.
func (g *Game) deliveredTime(participantID, itemID string) (time.Time, bool) {
	g.deliveredMu.Lock()
	defer g.deliveredMu.Unlock()
	t, ok := g.deliveredAt[participantID]
	return t, ok && g.deliveredItem == itemID
}
