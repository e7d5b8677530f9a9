package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// Game is the live state of one contest on this instance: the state machine the rules of
// package quiz drive, its participants, and its scores. Commands take mu for writing and
// publish their events while holding it, so events leave in state order; snapshots take it
// for reading.
type Game struct {
	e       *Engine
	id      string
	contest *quiz.Contest
	base    quiz.Play // the contest's items in play order; playAt fills in the rest
	items   []quiz.Item
	itemIdx map[string]int
	places  []quiz.ItemPlace // where each item is played, by index
	rounds  []wire.Round     // the rounds as snapshots describe them

	mu           sync.RWMutex
	st           quiz.LiveState
	seq          int64
	reveal       *wire.Reveal
	standings    *wire.Standings
	participants map[string]*quiz.Participant
	names        map[string]*quiz.Participant // by quiz.ParticipantKey
	active       int                          // participants not kicked
	timer        *time.Timer
	board        scoreboard
	// deciding is set while a decision on the buzzer's presses is due; lastMark is the
	// host's last mark on the current item.
	deciding  bool
	lastMark  *wire.Mark
	pressTold sync.Map // press keys this instance has told the conductor about

	deliveredMu   sync.Mutex
	deliveredItem string
	deliveredAt   map[string]time.Time // participant -> when the current item reached its phone

	conductor  bool       // this instance holds the lease and runs the timers; guarded by mu
	rebuildMu  sync.Mutex // one rebuild of the live store at a time; taken after mu
	hostsDirty atomic.Bool
	// presenceDirty is set when a phone attaches to or leaves this instance: the live store's
	// record of who is connected here is out of date.
	presenceDirty atomic.Bool
	needResync    atomic.Bool // an event may have been lost; tell every socket again
	// seenAt is when each contestant last had a socket on any instance, as the background
	// loop saw it; only that loop touches it.
	seenAt map[string]time.Time
	// autoClose is set when some round closes its questions once everyone has answered.
	autoClose bool
	quit      chan struct{}
	quitOnce  sync.Once
}

func loadGame(ctx context.Context, e *Engine, id string) (*Game, error) {
	c, err := e.cfg.Contests.FindContest(ctx, id)
	if err != nil {
		return nil, err
	}
	ps, err := e.cfg.Contests.ListParticipants(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load participants of %s: %w", id, err)
	}
	g := &Game{e: e, id: id, contest: c, base: *quiz.NewPlay(c, c.Live, nil), itemIdx: map[string]int{}, st: c.Live,
		participants: map[string]*quiz.Participant{}, names: map[string]*quiz.Participant{}, deliveredAt: map[string]time.Time{},
		board: newScoreboard(), quit: make(chan struct{})}
	g.items, g.rounds = g.base.Items(), roundsOf(c)
	g.places = make([]quiz.ItemPlace, len(g.items))
	for itemID, at := range c.ItemPlaces() {
		g.itemIdx[itemID] = at.Index
		g.places[at.Index] = at
	}
	for _, r := range c.Rounds {
		g.autoClose = g.autoClose || r.AutoClose
	}
	// Everyone counts as just seen when the game is loaded: after a restart, phones that are
	// on their way back are waited for.
	g.seenAt = make(map[string]time.Time, len(ps))
	for i := range ps {
		g.addCached(&ps[i])
		g.seenAt[ps[i].ID] = time.Now()
	}
	if c.Status == quiz.StatusFinished {
		g.st.Phase = quiz.PhaseFinished
	}
	if err := g.catchUpScores(ctx); err != nil {
		return nil, err
	}
	if g.seq, err = e.cfg.Live.Seq(ctx, id); err != nil {
		return nil, err
	}
	if err := g.ensureBuilt(ctx); err != nil {
		return nil, err
	}
	if err := g.restoreCaches(ctx); err != nil {
		return nil, err
	}
	g.conduct(ctx)
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		g.loop()
	}()
	return g, nil
}

// playAt is the rules' view of the game in state st. Callers hold mu.
func (g *Game) playAt(st quiz.LiveState) *quiz.Play {
	p := g.base
	p.State, p.Tallies = st, g.board.tallies
	p.InPlay = func(id string) bool {
		pp := g.participants[id]
		return pp != nil && !pp.Kicked
	}
	p.Active = g.activeIDs
	return &p
}

// ensureBuilt rebuilds the live store from the database when it does not hold this contest
// (a fresh embedded process, or a Redis that lost its data). Callers hold mu (or own g).
func (g *Game) ensureBuilt(ctx context.Context) error {
	g.rebuildMu.Lock()
	defer g.rebuildMu.Unlock()
	live := g.e.cfg.Live
	built, err := live.Built(ctx, g.id)
	if err != nil || built {
		return err
	}
	g.needResync.Store(true)
	answers, err := g.e.cfg.Contests.ListAnswers(ctx, g.id)
	if err != nil {
		return fmt.Errorf("load answers of %s: %w", g.id, err)
	}
	byItem := map[string][]AnswerRecord{}
	for _, a := range answers {
		byItem[a.ItemID] = append(byItem[a.ItemID], AnswerRecord{ParticipantID: a.ParticipantID, ClientID: a.ClientID,
			Choice: a.Choice, Text: a.Text, Order: a.Order, Grade: g.regrade(a), ElapsedMs: a.ElapsedMs, At: a.CreatedAt.UnixMilli()})
	}
	var sealed []string
	for i := 0; i <= g.st.ItemIndex && i < len(g.items); i++ {
		if i < g.st.ItemIndex || itemSealed(g.st.Phase) {
			sealed = append(sealed, g.items[i].ID)
		}
	}
	g.e.log.Info("live state rebuilt from the database", slog.String("contest", g.id), slog.Int("answers", len(answers)))
	return live.Rebuild(ctx, g.id, byItem, sealed, g.seq)
}

// itemSealed reports whether the current item takes no more answers in phase p: from its
// reveal on (or once the organiser moves past it).
func itemSealed(p quiz.Phase) bool {
	return p != quiz.PhaseItemOpen && p != quiz.PhaseItemClosed
}

// restoreCaches recomputes the reveal and standings a restarted server was showing.
func (g *Game) restoreCaches(ctx context.Context) error {
	var err error
	if g.st.Phase == quiz.PhaseReveal || g.st.Phase == quiz.PhaseStandings {
		if g.reveal, err = g.buildRevealAt(ctx, g.st.ItemIndex); err != nil {
			return err
		}
	}
	if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
		g.standings = g.buildStandings(g.st.Phase == quiz.PhaseFinished)
	}
	return nil
}

func (g *Game) stop() {
	g.quitOnce.Do(func() {
		close(g.quit)
		g.mu.Lock()
		if g.timer != nil {
			g.timer.Stop()
		}
		conductor := g.conductor
		g.conductor = false
		g.mu.Unlock()
		if conductor {
			// Hand over at once rather than when the lease expires.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_ = g.e.cfg.Lease.Release(ctx, g.id, g.e.id)
			cancel()
		}
	})
}

func (g *Game) currentSeq() int64 {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.seq
}

// locked reports whether the organiser has closed the lobby to new contestants.
func (g *Game) locked() bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.Locked
}

func (g *Game) finished() bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.Phase == quiz.PhaseFinished
}

func (g *Game) current() (quiz.Item, *quiz.Round, bool) {
	i := g.st.ItemIndex
	if i < 0 || i >= len(g.items) {
		return quiz.Item{}, nil, false
	}
	return g.items[i], &g.contest.Rounds[g.places[i].Round], true
}

// round is the round being played or introduced.
func (g *Game) round() *quiz.Round {
	if i := g.st.RoundIndex; i >= 0 && i < len(g.contest.Rounds) {
		return &g.contest.Rounds[i]
	}
	return nil
}

// roundTitle is the title of the round being played or introduced.
func (g *Game) roundTitle() string {
	if r := g.round(); r != nil {
		return r.Title
	}
	return ""
}

// pausedRemaining is the time the open item had left when it was paused, or 0.
func (g *Game) pausedRemaining() int64 {
	if g.st.Paused {
		return g.st.PausedRemainingMs
	}
	return 0
}

func (g *Game) openItemID() string {
	if it, _, ok := g.current(); ok && g.st.Phase == quiz.PhaseItemOpen {
		return it.ID
	}
	return ""
}

// phonesChanged notes that a phone attached to or left this instance.
func (g *Game) phonesChanged() {
	g.presenceDirty.Store(true)
	g.hostsDirty.Store(true)
}

// regrade is a stored answer's grade again: the database keeps whether it was right, not a
// partial grade, and the item's question kind gives the same grade from the same response.
func (g *Game) regrade(a quiz.Answer) float64 {
	if i, ok := g.itemIdx[a.ItemID]; ok {
		q := &g.items[i].Question
		if kind, ok := quiz.KindOf(q.Type); ok {
			return kind.Grade(q, quiz.Response{Choice: a.Choice, Text: a.Text, Order: a.Order})
		}
	}
	if a.Correct {
		return 1
	}
	return 0
}
