package realtime

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
	"github.com/google/uuid"

	"hoithi/quiz"
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
