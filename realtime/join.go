package realtime

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/fasthttp/websocket"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

func (e *Engine) join(ctx context.Context, c *Conn, f wire.ClientFrame) {
	if e.gameOf(c) != nil {
		c.fail(ErrAlreadyJoined)
		return
	}
	limits := e.cfg.Limits
	if over, err := PINsExhausted(ctx, *limits, c.addr); over || err != nil {
		e.refusePINs(c, err)
		return
	}
	contest, err := e.cfg.Contests.FindContestByPIN(ctx, f.PIN)
	if errors.Is(err, quiz.ErrContestEnded) {
		c.fail(ErrContestFinished)
		return
	} else if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		// People mistype now and then; a script guessing PINs from one address, over any
		// number of sockets, is cut off.
		if ok, err := CountBadPIN(ctx, *limits, c.addr); !ok || err != nil {
			e.refusePINs(c, err)
			return
		}
		c.fail(ErrPINNotFound)
		return
	} else if err != nil {
		e.tellUnavailable(c, "find contest by pin", err)
		return
	}
	g, err := e.Game(ctx, contest.ID)
	if err != nil {
		e.tellUnavailable(c, "load game", err)
		return
	}
	if g.finished() {
		c.fail(ErrContestFinished)
		return
	}
	if g.locked() {
		c.fail(ErrLobbyLocked)
		return
	}
	p := &quiz.Participant{ContestID: contest.ID, Name: f.Name, Unit: f.Unit}
	if err := p.Validate(); err != nil {
		c.sendError(quiz.ErrorCode(err), quiz.ErrorMessage(err))
		return
	}
	if same := g.sameName(p); same != nil {
		if !same.Kicked {
			// The organiser may have let this contestant back in from this phone.
			token := newToken()
			back, err := e.cfg.Contests.Rejoin(ctx, contest.ID, quiz.ParticipantKey(p.Name, p.Unit), HashToken(token))
			if err == nil {
				g.attachPhone(ctx, c, g.known(back), token)
				return
			} else if quiz.ErrorCode(err) != quiz.ENOTFOUND {
				e.tellUnavailable(c, "rejoin", err)
				return
			}
		}
		e.refuseName(c, same, p)
		return
	}
	if !e.allowJoin(ctx, c, contest.ID) {
		c.fail(ErrTooManyJoins)
		return
	}
	token := newToken()
	p.TokenHash = HashToken(token)
	if err := e.cfg.Contests.AddParticipant(ctx, p); quiz.ErrorCode(err) == quiz.ECONFLICT {
		// Joined a moment ago on another instance, or with a second phone at once.
		c.sendError(nameTakenCode, quiz.NameTakenMessage(p.Name, p.Unit))
		return
	} else if err != nil {
		e.tellUnavailable(c, "add participant", err)
		return
	}
	g.known(p)
	g.hostsDirty.Store(true)
	g.publish(ctx, Event{ContestID: g.id, Seq: g.currentSeq(), Joined: joinedEventOf(p)})
	g.attachPhone(ctx, c, p, token)
}

// refuseName answers a join whose name and unit belong to same: a kicked contestant stays
// out (told as if resuming), anyone else is asked to tell themselves apart.
func (e *Engine) refuseName(c *Conn, same, p *quiz.Participant) {
	if same.Kicked {
		c.kicked()
		c.fail(ErrKicked)
		c.closeAfter(CloseKicked)
		return
	}
	c.sendError(nameTakenCode, quiz.NameTakenMessage(p.Name, p.Unit))
}

// refusePINs closes a socket whose address has tried too many wrong PINs.
func (e *Engine) refusePINs(c *Conn, err error) {
	if err != nil {
		e.tellUnavailable(c, "count wrong pins", err)
		return
	}
	c.fail(ErrTooManyPINs)
	c.closeAfter(websocket.ClosePolicyViolation)
}

// allowJoin counts a new contestant against the limits of its address and contest. When the
// counters cannot be reached, the join goes ahead: a hall must not stop for them.
func (e *Engine) allowJoin(ctx context.Context, c *Conn, contestID string) bool {
	l := e.cfg.Limits
	ok, err := Take(ctx, l.Counters, l.JoinsPerAddress, "join:addr:"+AddressKey(c.addr))
	if err == nil && ok {
		ok, err = Take(ctx, l.Counters, l.JoinsPerContest, "join:contest:"+contestID)
	}
	if err != nil {
		e.log.Warn("count joins", slog.Any("error", err))
		return true
	}
	return ok
}

func (e *Engine) resume(ctx context.Context, c *Conn, f wire.ClientFrame) {
	if e.gameOf(c) != nil {
		// One identity per socket: a second would stay "connected" in another room.
		c.fail(ErrAlreadyJoined)
		return
	}
	if f.Token == "" || len(f.Token) > 128 {
		c.fail(ErrTokenInvalid)
		return
	}
	p, err := e.cfg.Contests.FindParticipantByToken(ctx, HashToken(f.Token))
	if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		c.fail(ErrTokenInvalid)
		return
	} else if err != nil {
		e.tellUnavailable(c, "find participant", err)
		return
	}
	if p.Kicked {
		c.kicked()
		c.fail(ErrKicked)
		c.closeAfter(CloseKicked)
		return
	}
	g, err := e.Game(ctx, p.ContestID)
	if err != nil {
		e.tellUnavailable(c, "load game", err)
		return
	}
	g.attachPhone(ctx, c, g.known(p), f.Token)
}

// tellUnavailable logs an infrastructure failure and tells the client to try again.
func (e *Engine) tellUnavailable(c *Conn, what string, err error) {
	e.log.Error(what, slog.Any("error", err))
	c.fail(ErrUnavailable)
}

// newToken returns a random resume token.
func newToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Errorf("random token: %w", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how a resume token is stored: its SHA-256 in hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
