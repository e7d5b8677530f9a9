package realtime

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// ServePhone runs one phone socket from the client address addr until it closes. It returns
// only after the writer has stopped, so the caller may recycle the connection.
func (e *Engine) ServePhone(sock Socket, addr string) {
	c := newConn(sock, e.log)
	c.addr = addr
	if !e.admit(c) {
		return
	}
	defer e.untrack(c)
	c.awaitIdentity(e.cfg.Limits.JoinTimeout)
	e.serve(c, func(data []byte) { e.handlePhone(c, data) })
	if c.joinTimer != nil {
		c.joinTimer.Stop()
	}
}

// admit tracks a new socket, or closes it with 1001 and reports false once the instance is
// closing.
func (e *Engine) admit(c *Conn) bool {
	if e.track(c) {
		return true
	}
	c.shut(websocket.CloseGoingAway)
	c.wait()
	return false
}

// ServeHost runs one host socket (control panel or projector screen) of a contest. The caller
// has checked that the user may run it; allowed, when not nil, asks again every
// HostRecheck, and a screen whose user may no longer run the contest is closed with 4005.
func (e *Engine) ServeHost(sock Socket, contestID string, allowed func(context.Context) bool) {
	c := newConn(sock, e.log)
	c.host = true
	c.allowed = allowed
	if !e.admit(c) {
		return
	}
	defer e.untrack(c)
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	g, err := e.Game(ctx, contestID)
	cancel()
	if err != nil {
		c.sendError(quiz.ErrorCode(err), quiz.ErrorMessage(err))
		c.closeAfter(websocket.CloseNormalClosure)
		c.wait()
		return
	}
	e.serve(c, func(data []byte) {
		var f wire.ClientFrame
		if err := json.Unmarshal(data, &f); err != nil {
			c.fail(ErrBadFrame)
		} else if f.T == wire.TPing {
			c.sendJSON(wire.Pong{T: "pong", ClientTime: f.ClientTime, ServerTime: time.Now().UnixMilli()})
		} else {
			c.fail(ErrUnknownType)
		}
	}, func() { g.attachHost(c) })
}

// serve runs optional setup, then the reader until the socket ends, and returns once the
// writer has stopped.
func (e *Engine) serve(c *Conn, handle func([]byte), setup ...func()) {
	for _, f := range setup {
		f()
	}
	c.readLoop(handle)
	e.detach(c)
	c.shut(websocket.CloseNormalClosure)
	c.wait()
}

func (e *Engine) handlePhone(c *Conn, data []byte) {
	var f wire.ClientFrame
	if err := json.Unmarshal(data, &f); err != nil {
		c.fail(ErrBadFrame)
		return
	}
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	switch f.T {
	case wire.TPing:
		c.sendJSON(wire.Pong{T: "pong", ClientTime: f.ClientTime, ServerTime: time.Now().UnixMilli()})
	case wire.TJoin:
		e.join(ctx, c, f)
	case wire.TResume:
		e.resume(ctx, c, f)
	case wire.TAnswer, wire.TBuzz:
		g := e.gameOf(c)
		if g == nil {
			c.fail(ErrNotJoined)
			return
		}
		if f.T == wire.TBuzz {
			g.press(ctx, c, f)
		} else {
			g.answer(ctx, c, f)
		}
	default:
		c.fail(ErrUnknownType)
	}
}

func (e *Engine) gameOf(c *Conn) *Game {
	if id := c.ident.Load(); id != nil {
		return id.game
	}
	return nil
}

// register adds a connection to its contest's room; a phone replaces any older socket of the
// same participant, which is closed with 4002.
func (e *Engine) register(c *Conn) {
	e.roomsMu.Lock()
	defer e.roomsMu.Unlock()
	r := e.rooms[c.contestID()]
	if r == nil {
		r = &room{phones: map[string]*Conn{}, hosts: map[*Conn]struct{}{}}
		e.rooms[c.contestID()] = r
	}
	if c.host {
		r.hosts[c] = struct{}{}
		return
	}
	pid := c.participantID()
	if old := r.phones[pid]; old != nil && old != c {
		old.fail(ErrReplaced)
		old.closeAfter(CloseReplaced)
	}
	r.phones[pid] = c
}

// detach removes a connection from its room.
func (e *Engine) detach(c *Conn) {
	e.roomsMu.Lock()
	r := e.rooms[c.contestID()]
	if r != nil {
		if c.host {
			delete(r.hosts, c)
		} else if r.phones[c.participantID()] == c {
			delete(r.phones, c.participantID())
		}
	}
	e.roomsMu.Unlock()
	if r != nil && !c.host {
		if g := e.gameOf(c); g != nil {
			g.phonesChanged()
		}
	}
}

// connected reports which participants have a socket on this instance.
func (e *Engine) connected(contestID string) map[string]bool {
	e.roomsMu.RLock()
	defer e.roomsMu.RUnlock()
	out := map[string]bool{}
	if r := e.rooms[contestID]; r != nil {
		for id := range r.phones {
			out[id] = true
		}
	}
	return out
}

// onEvent follows an event from the bus: an event from another instance first updates this
// instance's copy of the game, then every event goes to this instance's sockets.
func (e *Engine) onEvent(ev Event) {
	if ev.ContestID == "" && ev.Resync {
		e.resyncAll()
		return
	}
	g := e.loadedGame(ev.ContestID)
	if g != nil && ev.Origin != e.id {
		g.applyRemote(ev)
	}
	if ev.Kind == eventPress {
		if g != nil {
			g.pressed()
		}
		return
	}
	if ev.Frame == nil && ev.Kick == "" && ev.Personal == "" && !ev.Resync {
		return // news for the instances' copies of the game only, such as a join
	}
	phones, hosts := e.sockets(ev.ContestID)
	// A frame with a personal part reaches each phone once, with that phone's part in it.
	personal := ev.Personal != "" && g != nil && len(phones) > 0
	if ev.Frame != nil {
		f := outFrame{data: ev.Frame, itemID: ev.ItemID}
		if ev.To != ToHosts && !personal {
			for _, c := range phones {
				c.send(f)
			}
		}
		if ev.To != ToPhones {
			for _, c := range hosts {
				c.sendSeq(outFrame{data: ev.Frame}, ev.Seq)
			}
		}
	}
	if ev.Kick != "" {
		for _, c := range phones {
			if c.participantID() == ev.Kick {
				c.kicked()
				c.closeAfter(CloseKicked)
			}
		}
	}
	if g == nil {
		return
	}
	if personal {
		g.sendPersonal(ev, phones)
	}
	if ev.Resync {
		g.resync(phones, hosts)
	}
}

// resyncAll follows a lost stretch of the event bus: every loaded game takes its state from
// the database again and every socket gets a fresh snapshot.
func (e *Engine) resyncAll() {
	e.gamesMu.Lock()
	games := make([]*Game, 0, len(e.games))
	for _, g := range e.games {
		games = append(games, g)
	}
	e.gamesMu.Unlock()
	for _, g := range games {
		ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
		g.mu.Lock()
		err := g.reload(ctx)
		g.mu.Unlock()
		cancel()
		if err != nil {
			e.log.Warn("reload after lost events", slog.String("contest", g.id), slog.Any("error", err))
		}
		phones, hosts := e.sockets(g.id)
		g.resync(phones, hosts)
	}
}

// sockets returns the phones and host screens of a contest connected to this instance.
func (e *Engine) sockets(contestID string) (phones, hosts []*Conn) {
	e.roomsMu.RLock()
	defer e.roomsMu.RUnlock()
	r := e.rooms[contestID]
	if r == nil {
		return nil, nil
	}
	phones = make([]*Conn, 0, len(r.phones))
	for _, c := range r.phones {
		phones = append(phones, c)
	}
	for c := range r.hosts {
		hosts = append(hosts, c)
	}
	return phones, hosts
}
