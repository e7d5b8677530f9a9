package realtime

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
	"github.com/google/uuid"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// Config is what the engine needs from the rest of the program.
type Config struct {
	Contests quiz.ContestService
	Live     LiveStore
	Broker   Broker
	// Lease elects the instance that runs a contest's timers; in process when nil.
	Lease Lease
	Log   *slog.Logger
	// JoinURL turns a PIN into the address phones open (printed as a QR code on the screen).
	JoinURL func(pin string) string
	// CommitWorkers is how many batches of answers are written at once: 1 for SQLite, which
	// has one writer anyway; a few for PostgreSQL.
	CommitWorkers int
	// HostRecheck is how often a host screen's access to its contest is checked again; 5 s
	// when zero.
	HostRecheck time.Duration
	// ReconnectGrace is how long a contestant whose phone lost its connection (a reload, a
	// locked screen, a Wi-Fi hiccup) is still waited for before a question closes because
	// everyone else has answered; 10 s when zero.
	ReconnectGrace time.Duration
	// Limits bound what one address or contest may do; DefaultLimits, counted in process,
	// when nil.
	Limits *Limits
	// UnloadFinishedAfter is how long a finished contest with no socket on this instance
	// stays loaded (10 minutes when zero); it is loaded again when someone opens it.
	UnloadFinishedAfter time.Duration
}

// Engine runs the live contests of one instance: their state machines, the sockets connected
// to this instance, and the group commit of answers.
type Engine struct {
	cfg Config
	log *slog.Logger
	id  string // this instance, as named in events and leases

	gamesMu sync.Mutex
	games   map[string]*Game

	roomsMu sync.RWMutex
	rooms   map[string]*room

	// conns is every socket this instance serves, joined or not, so Close reaches them all.
	connsMu sync.Mutex
	conns   map[*Conn]struct{}
	closing bool // set by Close: new sockets are turned away; guarded by connsMu
	// pace is paceFor(len(conns)) in ns, read by every connection when it re-arms its pinger.
	pace     atomic.Int64
	handlers sync.WaitGroup
	// stopped is set by Close under gamesMu: no game is loaded after it.
	stopped bool

	commit *committer
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// room is the sockets of one contest connected to this instance.
type room struct {
	phones map[string]*Conn // by participant
	hosts  map[*Conn]struct{}
}

// NewEngine returns an engine; Start runs it.
func NewEngine(cfg Config) *Engine {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.CommitWorkers < 1 {
		cfg.CommitWorkers = 1
	}
	if cfg.HostRecheck <= 0 {
		cfg.HostRecheck = 5 * time.Second
	}
	if cfg.ReconnectGrace <= 0 {
		cfg.ReconnectGrace = 10 * time.Second
	}
	if cfg.Lease == nil {
		cfg.Lease = &MemoryLease{}
	}
	if cfg.JoinURL == nil {
		cfg.JoinURL = func(pin string) string { return "/join?pin=" + pin }
	}
	if cfg.Limits == nil {
		l := DefaultLimits()
		cfg.Limits = &l
	}
	if cfg.Limits.Counters == nil {
		cfg.Limits.Counters = NewMemoryCounters()
	}
	if cfg.UnloadFinishedAfter <= 0 {
		cfg.UnloadFinishedAfter = 10 * time.Minute
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Engine{cfg: cfg, log: cfg.Log, id: uuid.NewString(), games: map[string]*Game{}, rooms: map[string]*room{}, conns: map[*Conn]struct{}{},
		commit: newCommitter(cfg.Contests, cfg.Log), ctx: ctx, cancel: cancel}
}

// Start subscribes to the event bus and starts the answer committer.
func (e *Engine) Start() {
	for range e.cfg.CommitWorkers {
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			e.commit.run(e.ctx)
		}()
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for e.ctx.Err() == nil {
			if err := e.cfg.Broker.Subscribe(e.ctx, e.onEvent); err != nil {
				e.log.Error("event subscription lost; retrying", slog.Any("error", err))
				select {
				case <-e.ctx.Done():
				case <-time.After(time.Second):
				}
			}
		}
	}()
}

// Close tells every socket the server is going away (1001), waits for their handlers, and
// stops the engine. It returns within a few seconds whatever the sockets and games are doing:
// sockets that do not finish their close in time are cut, and sockets that arrive meanwhile
// are turned away with 1001.
func (e *Engine) Close() {
	e.connsMu.Lock()
	e.closing = true
	conns := make([]*Conn, 0, len(e.conns))
	for c := range e.conns {
		conns = append(conns, c)
	}
	e.connsMu.Unlock()
	for _, c := range conns {
		c.shut(websocket.CloseGoingAway)
	}
	// A handler returns at the peer's close frame or closeWait later; one whose writer is stuck
	// on a phone that stopped reading is cut off after a little longer.
	if !waitFor(&e.handlers, closeWait+time.Second) {
		e.connsMu.Lock()
		for c := range e.conns {
			_ = c.sock.Close()
		}
		e.connsMu.Unlock()
		e.handlers.Wait()
	}
	e.gamesMu.Lock()
	e.stopped = true
	games := make([]*Game, 0, len(e.games))
	for _, g := range e.games {
		games = append(games, g)
	}
	e.gamesMu.Unlock()
	for _, g := range games {
		g.stop()
	}
	e.cancel()
	e.wg.Wait()
}

// waitFor waits for wg up to d and reports whether it finished.
func waitFor(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// track adds a new socket to the instance's list; it reports false once Close has begun.
func (e *Engine) track(c *Conn) bool {
	e.connsMu.Lock()
	defer e.connsMu.Unlock()
	if e.closing {
		return false
	}
	e.conns[c] = struct{}{}
	e.pace.Store(int64(paceFor(len(e.conns))))
	c.pace = &e.pace
	e.handlers.Add(1)
	return true
}

// untrack removes a socket whose handler is about to return. Close cuts sockets only while
// they are listed (under connsMu), so it never touches a connection already handed back.
func (e *Engine) untrack(c *Conn) {
	e.connsMu.Lock()
	delete(e.conns, c)
	e.pace.Store(int64(paceFor(len(e.conns))))
	e.connsMu.Unlock()
	e.handlers.Done()
}

// ID names this instance in events and conductor leases.
func (e *Engine) ID() string { return e.id }

// Limits returns the abuse limits and the counters they are counted in, which the HTTP side
// shares (a wrong PIN counts the same over a socket and over GET /api/join/:pin).
func (e *Engine) Limits() Limits { return *e.cfg.Limits }

// loadedGame returns the contest's game if this instance has loaded it.
func (e *Engine) loadedGame(contestID string) *Game {
	e.gamesMu.Lock()
	defer e.gamesMu.Unlock()
	return e.games[contestID]
}

// Game returns the live game of a contest, loading it (and rebuilding its live state from
// the database when the live store lost it) on first use.
func (e *Engine) Game(ctx context.Context, contestID string) (*Game, error) {
	e.gamesMu.Lock()
	defer e.gamesMu.Unlock()
	if g := e.games[contestID]; g != nil {
		return g, nil
	}
	if e.stopped {
		return nil, quiz.Errorf(quiz.EUNAVAILABLE, "Máy chủ đang tắt, vui lòng thử lại sau giây lát.")
	}
	// The game keeps its id for as long as it is loaded: never let it share memory with a
	// caller's buffer.
	contestID = strings.Clone(contestID)
	g, err := loadGame(ctx, e, contestID)
	if err != nil {
		return nil, err
	}
	e.games[contestID] = g
	return g, nil
}

// Loaded reports whether this instance holds the contest's game in memory.
func (e *Engine) Loaded(contestID string) bool { return e.loadedGame(contestID) != nil }

// unload drops a finished game nobody here is watching: its loop and timers stop and its
// memory goes. The live state stays in the store until it retires, and the next socket or
// command loads the game again.
func (e *Engine) unload(g *Game) {
	e.gamesMu.Lock()
	if e.games[g.id] != g {
		e.gamesMu.Unlock()
		return
	}
	delete(e.games, g.id)
	e.gamesMu.Unlock()
	e.roomsMu.Lock()
	if r := e.rooms[g.id]; r != nil && len(r.phones) == 0 && len(r.hosts) == 0 {
		delete(e.rooms, g.id)
	}
	e.roomsMu.Unlock()
	g.stop()
	e.log.Info("finished contest unloaded", slog.String("contest", g.id))
}

// Forget drops a deleted contest's game from memory and its live state from the store.
func (e *Engine) Forget(contestID string) {
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	if err := e.cfg.Live.Retire(ctx, contestID, 0); err != nil {
		e.log.Warn("remove live state", slog.String("contest", contestID), slog.Any("error", err))
	}
	e.gamesMu.Lock()
	g := e.games[contestID]
	delete(e.games, contestID)
	e.gamesMu.Unlock()
	if g != nil {
		g.stop()
	}
	e.roomsMu.Lock()
	r := e.rooms[contestID]
	delete(e.rooms, contestID)
	e.roomsMu.Unlock()
	if r != nil {
		for _, c := range r.phones {
			c.shut(websocket.CloseGoingAway)
		}
		for c := range r.hosts {
			c.shut(websocket.CloseGoingAway)
		}
	}
}

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
		} else if f.T == "ping" {
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
	case "ping":
		c.sendJSON(wire.Pong{T: "pong", ClientTime: f.ClientTime, ServerTime: time.Now().UnixMilli()})
	case "join":
		e.join(ctx, c, f)
	case "resume":
		e.resume(ctx, c, f)
	case "answer":
		g := e.gameOf(c)
		if g == nil {
			c.fail(ErrNotJoined)
			return
		}
		g.answer(ctx, c, f)
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
				g.attachPhone(ctx, c, g.participant(back), token)
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
	if err := g.addParticipant(ctx, p); err != nil {
		e.tellUnavailable(c, "add player", err)
		return
	}
	joined := *p
	g.publish(ctx, Event{ContestID: g.id, Seq: g.currentSeq(), Joined: &joined})
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
	g.attachPhone(ctx, c, g.participant(p), f.Token)
}

// tellUnavailable logs an infrastructure failure and tells the client to try again.
func (e *Engine) tellUnavailable(c *Conn, what string, err error) {
	e.log.Error(what, slog.Any("error", err))
	c.fail(ErrUnavailable)
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
				c.send(outFrame{data: ev.Frame})
			}
		}
	}
	if g != nil && ev.Frame != nil {
		g.shown(ev.Seq)
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

// committer stores answers in batches: whatever queued while one batch was being written goes
// into the next, so a burst of answers costs few transactions.
type committer struct {
	in    chan commitReq
	store quiz.ContestService
	log   *slog.Logger
}

type commitReq struct {
	a    quiz.Answer
	done chan error
}

const maxBatch = 500

func newCommitter(store quiz.ContestService, log *slog.Logger) *committer {
	return &committer{in: make(chan commitReq, 4*maxBatch), store: store, log: log}
}

// save stores a and returns once it is durable.
func (c *committer) save(ctx context.Context, a quiz.Answer) error {
	req := commitReq{a: a, done: make(chan error, 1)}
	select {
	case c.in <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *committer) run(ctx context.Context) {
	for {
		var batch []commitReq
		select {
		case <-ctx.Done():
			return
		case r := <-c.in:
			batch = append(batch, r)
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-c.in:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		answers := make([]quiz.Answer, len(batch))
		for i, r := range batch {
			answers[i] = r.a
		}
		wctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := c.store.SaveAnswers(wctx, answers)
		cancel()
		if err != nil {
			c.log.Error("save answers", slog.Int("count", len(answers)), slog.Any("error", err))
			err = errors.Join(errRetry, err)
		}
		for _, r := range batch {
			r.done <- err
		}
	}
}

var errRetry = errors.New("answer not stored")
