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
	quiz.ErrNotANumber:    ErrNotANumber,
	quiz.ErrEliminated:    ErrEliminated,
	quiz.ErrBuzzTaken:     ErrBuzzTaken,
	quiz.ErrBuzzOut:       ErrBuzzOut,
	quiz.ErrBuzzNotInPlay: ErrKicked,
}

// checked is a response the rules have looked at: its item, who sent it and the state it was
// checked in, parsed and graded, or the rules' refusal.
type checked struct {
	idx   int
	p     *quiz.Participant
	st    quiz.LiveState
	resp  quiz.Response
	grade float64
	err   error
}

// check runs a response to item f.ItemID through the rules. It reports false, having told the
// phone, when the item does not exist or the contestant is no longer in the contest.
func (g *Game) check(c *Conn, f wire.ClientFrame, r quiz.Response, now time.Time) (checked, bool) {
	g.mu.RLock()
	idx, known := g.itemIdx[f.ItemID]
	x := checked{idx: idx, p: g.participants[c.participantID()], st: g.st}
	if known && x.p != nil && !x.p.Kicked {
		x.resp, x.grade, x.err = g.playAt(x.st).Accept(x.p.ID, idx, r, now.UnixMilli())
	}
	g.mu.RUnlock()
	switch {
	case !known:
		c.failAnswer(ErrItemNotOpen, f.ItemID, f.AnswerID)
	case x.p == nil || x.p.Kicked:
		c.failAnswer(ErrKicked, f.ItemID, f.AnswerID)
	default:
		return x, true
	}
	return x, false
}

// refuse tells the phone why the rules did not take its response.
func refuse(c *Conn, f wire.ClientFrame, err error) {
	if w, listed := refusals[err]; listed {
		c.failAnswer(w, f.ItemID, f.AnswerID)
	} else {
		c.sendError(quiz.ErrorCode(err), quiz.ErrorMessage(err))
	}
}

// claim stores rec under key once in the live store, rebuilding the live store first when it
// lost the contest. The phone is told when the claim cannot be made; ok is false then.
func (g *Game) claim(ctx context.Context, c *Conn, f wire.ClientFrame, key string, rec AnswerRecord) (stored AnswerRecord, fresh, ok bool) {
	stored, fresh, err := g.e.cfg.Live.ClaimAnswer(ctx, g.id, key, rec)
	if errors.Is(err, ErrNotBuilt) {
		g.mu.RLock()
		err = g.ensureBuilt(ctx)
		g.mu.RUnlock()
		if err == nil {
			stored, fresh, err = g.e.cfg.Live.ClaimAnswer(ctx, g.id, key, rec)
		}
	}
	if errors.Is(err, ErrSealed) {
		c.failAnswer(ErrItemClosed, f.ItemID, f.AnswerID)
		return stored, false, false
	} else if err != nil {
		g.e.log.Error("claim a response", slog.String("key", key), slog.Any("error", err))
		c.failAnswer(ErrRetry, f.ItemID, f.AnswerID)
		return stored, false, false
	}
	return stored, fresh, true
}

// answer handles one answer frame: the rules check it against the open item, it is claimed
// once in the live store, made durable, then acked. See PROTOCOL.md.
func (g *Game) answer(ctx context.Context, c *Conn, f wire.ClientFrame) {
	now := time.Now()
	if !answerIDPattern.MatchString(f.AnswerID) {
		c.failAnswer(ErrBadAnswerID, f.ItemID, f.AnswerID)
		return
	}
	x, ok := g.check(c, f, quiz.Response{Choice: f.Choice, Text: f.Text, Order: f.Order}, now)
	switch {
	case !ok:
		return
	case x.err == quiz.ErrBadResponse:
		c.failAnswer(ErrBadChoice, f.ItemID, f.AnswerID)
		return
	case x.err != nil:
		// A resend of an answer stored before the close still gets its ack.
		rec, stored, err := g.e.cfg.Live.Answer(ctx, g.id, f.ItemID, x.p.ID)
		if err != nil {
			g.e.tellUnavailable(c, "read answer", err)
		} else if stored {
			g.persistAndAck(ctx, c, f.ItemID, rec)
		} else {
			refuse(c, f, x.err)
		}
		return
	}
	item := g.items[x.idx]
	limit := int64(item.Question.TimeLimitSec) * 1000
	start, delivered := g.deliveredTime(x.p.ID, item.ID)
	if !delivered {
		start = time.UnixMilli(x.st.OpensAt)
	}
	elapsed := min(max(0, now.Sub(start).Milliseconds()-x.st.PausedTotalMs), limit)
	rec := AnswerRecord{ParticipantID: x.p.ID, ClientID: f.AnswerID, Choice: x.resp.Choice, Text: x.resp.Text, Order: x.resp.Order,
		Grade: x.grade, ElapsedMs: elapsed, At: now.UnixMilli()}
	if stored, _, ok := g.claim(ctx, c, f, item.ID, rec); ok {
		g.persistAndAck(ctx, c, item.ID, stored)
	}
}

// persistAndAck makes the stored answer durable (idempotently) and acks it. The answer keeps
// its grade for the record; its points are the ledger's.
func (g *Game) persistAndAck(ctx context.Context, c *Conn, itemID string, rec AnswerRecord) {
	a := quiz.Answer{ID: uuid.Must(uuid.NewV7()).String(), ContestID: g.id, ItemID: itemID, ParticipantID: rec.ParticipantID,
		ClientID: rec.ClientID, Choice: rec.Choice, Text: rec.Text, Order: rec.Order, Correct: rec.Grade >= 1, ElapsedMs: rec.ElapsedMs,
		CreatedAt: time.UnixMilli(rec.At)}
	if err := g.e.commit.save(ctx, a); err != nil {
		c.failAnswer(ErrRetry, itemID, rec.ClientID)
		return
	}
	sent := g.sent(itemID, rec)
	c.sendJSON(wire.Ack{T: wire.TAck, ItemID: itemID, AnswerID: rec.ClientID, Choice: sent.Choice, Text: sent.Text, Order: sent.Order})
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

// sent is a stored answer as the phone sent it: its choice ([] if none), its text, and an
// ordering answer's shown positions (the record keeps right-order indexes).
func (g *Game) sent(itemID string, rec AnswerRecord) wire.AnswerRef {
	ref := wire.AnswerRef{AnswerID: rec.ClientID, Choice: rec.Choice, Text: rec.Text}
	if ref.Choice == nil {
		ref.Choice = []int{}
	}
	if len(rec.Order) > 0 {
		if i, ok := g.itemIdx[itemID]; ok {
			ref.Order = quiz.ShownPositions(&g.items[i].Question, rec.Order)
		}
	}
	return ref
}
