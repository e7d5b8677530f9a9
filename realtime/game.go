package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// graceMs is added to an item's deadline for the network delay of the last tap.
const graceMs = 500

// Game is the live state machine of one contest on this instance. Commands take mu for
// writing and publish their events while holding it, so events leave in state order;
// snapshots take it for reading.
type Game struct {
	e       *Engine
	id      string
	contest *quiz.Contest
	items   []quiz.Item
	rounds  []*quiz.Round // the round of each item
	itemIdx map[string]int

	mu           sync.RWMutex
	st           quiz.LiveState
	seq          int64
	reveal       *wire.Reveal
	standings    *wire.Standings
	participants map[string]*quiz.Participant
	names        map[string]*quiz.Participant // by quiz.ParticipantKey
	active       int                          // participants not kicked
	timer        *time.Timer

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
	// shownSeq is the seq of the last contest frame queued to this instance's sockets. The
	// host frames the loop sends itself (progress, participants) carry it, not seq: seq counts
	// frames published, which may still be on their way through the bus, and a client that
	// saw a later seq first would drop them.
	shownSeq atomic.Int64
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
	g := &Game{e: e, id: id, contest: c, itemIdx: map[string]int{}, st: c.Live,
		participants: map[string]*quiz.Participant{}, names: map[string]*quiz.Participant{}, deliveredAt: map[string]time.Time{}, quit: make(chan struct{})}
	for i := range c.Rounds {
		for _, it := range c.Rounds[i].Items {
			g.itemIdx[it.ID] = len(g.items)
			g.items = append(g.items, it)
			g.rounds = append(g.rounds, &c.Rounds[i])
		}
		g.autoClose = g.autoClose || c.Rounds[i].AutoClose
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
	if g.seq, err = e.cfg.Live.Seq(ctx, id); err != nil {
		return nil, err
	}
	g.shownSeq.Store(g.seq)
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
	var players []Entry
	for _, p := range g.participants {
		if !p.Kicked {
			players = append(players, Entry{ParticipantID: p.ID, JoinOrder: p.JoinOrder})
		}
	}
	answers, err := g.e.cfg.Contests.ListAnswers(ctx, g.id)
	if err != nil {
		return fmt.Errorf("load answers of %s: %w", g.id, err)
	}
	byItem := map[string][]AnswerRecord{}
	for _, a := range answers {
		order := 0
		if p := g.participants[a.ParticipantID]; p != nil {
			order = p.JoinOrder
		}
		byItem[a.ItemID] = append(byItem[a.ItemID], AnswerRecord{ParticipantID: a.ParticipantID, ClientID: a.ClientID,
			Choice: a.Choice, Correct: a.Correct, Points: a.Points, ElapsedMs: a.ElapsedMs, At: a.CreatedAt.UnixMilli(), JoinOrder: order})
	}
	var scored []string
	for i := 0; i <= g.st.ItemIndex && i < len(g.items); i++ {
		if i < g.st.ItemIndex || itemScored(g.st.Phase) {
			scored = append(scored, g.items[i].ID)
		}
	}
	g.e.log.Info("live state rebuilt from the database", slog.String("contest", g.id), slog.Int("players", len(players)), slog.Int("answers", len(answers)))
	return live.Rebuild(ctx, g.id, players, byItem, scored, g.seq)
}

// itemScored reports whether the current item counts on the leaderboard in phase p: from
// its reveal on (or once the organiser moves past it without revealing).
func itemScored(p quiz.Phase) bool {
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
		g.standings, err = g.buildStandings(ctx, g.st.Phase == quiz.PhaseFinished)
	}
	return err
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

// sameName returns the contestant who joined with p's name and unit, if any.
func (g *Game) sameName(p *quiz.Participant) *quiz.Participant {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if same := g.names[quiz.ParticipantKey(p.Name, p.Unit)]; same != nil {
		cp := *same
		return &cp
	}
	return nil
}

func (g *Game) finished() bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.Phase == quiz.PhaseFinished
}

// participant returns the cached copy of p, adding p if this instance has not seen it.
func (g *Game) participant(p *quiz.Participant) *quiz.Participant {
	g.mu.Lock()
	defer g.mu.Unlock()
	if cur := g.participants[p.ID]; cur != nil {
		return cur
	}
	g.addCached(p)
	return p
}

// addCached adds a participant this instance had not seen. Callers hold mu (or own g).
func (g *Game) addCached(p *quiz.Participant) {
	g.participants[p.ID] = p
	if k := quiz.ParticipantKey(p.Name, p.Unit); g.names[k] == nil || p.Kicked {
		g.names[k] = p
	}
	if !p.Kicked {
		g.active++
	}
}

func (g *Game) addParticipant(ctx context.Context, p *quiz.Participant) error {
	if err := g.e.cfg.Live.AddPlayer(ctx, g.id, p.ID, p.JoinOrder); err != nil {
		return err
	}
	g.participant(p)
	g.hostsDirty.Store(true)
	return nil
}

// players counts contestants not kicked. Callers hold mu.
func (g *Game) players() int { return g.active }

// playerCount is players for callers that do not hold mu.
func (g *Game) playerCount() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.active
}

func (g *Game) current() (quiz.Item, *quiz.Round, bool) {
	i := g.st.ItemIndex
	if i < 0 || i >= len(g.items) {
		return quiz.Item{}, nil, false
	}
	return g.items[i], g.rounds[i], true
}

func (g *Game) itemAt(i int) *wire.Item {
	st := g.st
	st.ItemIndex = i
	return g.itemBodyAt(st)
}

// itemBodyAt is the current item of st as phones see it.
func (g *Game) itemBodyAt(st quiz.LiveState) *wire.Item {
	i := st.ItemIndex
	it, r := g.items[i], g.rounds[i]
	q := it.Question
	return &wire.Item{ItemID: it.ID, Index: i, Count: len(g.items), RoundTitle: r.Title, Type: string(q.Type),
		Prompt: q.Prompt, Options: q.Options, Points: q.Points, TimeLimitMs: int64(q.TimeLimitSec) * 1000,
		OpensAt: st.OpensAt, ClosesAt: st.ClosesAt}
}

// roundTitle is the title of the round being played, or of the first round before it starts.
func (g *Game) roundTitle() string {
	if _, r, ok := g.current(); ok {
		return r.Title
	} else if len(g.rounds) > 0 {
		return g.rounds[0].Title
	}
	return ""
}

func (g *Game) remaining() int64 {
	if g.st.Paused {
		return g.st.PausedRemainingMs
	}
	return 0
}

// attachPhone makes c the socket of participant p and sends it hello and a snapshot. The
// snapshot and the registration happen under the read lock, so no event can slip between them.
func (g *Game) attachPhone(ctx context.Context, c *Conn, p *quiz.Participant, token string) {
	c.ident.Store(&identity{game: g, participantID: p.ID, joinOrder: p.JoinOrder})
	if c.joinTimer != nil {
		// Only this connection's reader gets here, and ServePhone reads it after the reader.
		c.joinTimer.Stop()
		c.joinTimer = nil
	}
	c.sendJSON(wire.Hello{T: "hello", Token: token, ParticipantID: p.ID, ContestID: g.id, ServerTime: time.Now().UnixMilli(),
		PingMs: c.every().Milliseconds()})
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.e.register(c)
	st, err := g.phoneState(ctx, p)
	if err != nil {
		g.e.tellUnavailable(c, "phone snapshot", err)
		return
	}
	c.send(outFrame{data: st, itemID: g.openItemID()})
	g.phonesChanged()
}

// shown records that the frame numbered seq was queued to this instance's sockets.
func (g *Game) shown(seq int64) {
	for {
		cur := g.shownSeq.Load()
		if seq <= cur || g.shownSeq.CompareAndSwap(cur, seq) {
			return
		}
	}
}

// phonesChanged notes that a phone attached to or left this instance.
func (g *Game) phonesChanged() {
	g.presenceDirty.Store(true)
	g.hostsDirty.Store(true)
}

func (g *Game) openItemID() string {
	if it, _, ok := g.current(); ok && g.st.Phase == quiz.PhaseItemOpen {
		return it.ID
	}
	return ""
}

// phoneState builds the snapshot of one phone. Callers hold mu.
func (g *Game) phoneState(ctx context.Context, p *quiz.Participant) ([]byte, error) {
	live := g.e.cfg.Live
	st := wire.State{T: "state", Seq: g.seq, ServerTime: time.Now().UnixMilli(),
		Contest: wire.ContestInfo{ID: g.id, Title: g.contest.Title, ItemCount: len(g.items)},
		Phase:   string(g.st.Phase), Version: g.st.Version, Paused: g.st.Paused, RemainingMs: g.remaining(),
		Me: wire.Me{ParticipantID: p.ID, Name: p.Name, Unit: p.Unit, Players: g.players()}}
	entry, ok, err := live.Rank(ctx, g.id, p.ID, p.JoinOrder)
	if err != nil {
		return nil, err
	}
	if ok {
		st.Me.Score = entry.Score
		if g.st.ItemIndex >= 0 {
			st.Me.Rank = entry.Rank
		}
	}
	if it, _, ok := g.current(); ok && g.st.Phase != quiz.PhaseFinished {
		st.Item = g.itemAt(g.st.ItemIndex)
		rec, answered, err := live.Answer(ctx, g.id, it.ID, p.ID)
		if err != nil {
			return nil, err
		}
		if answered {
			st.Answer = &wire.AnswerRef{AnswerID: rec.ClientID, Choice: rec.Choice}
		}
		if g.reveal != nil && g.reveal.ItemID == it.ID {
			st.Reveal = g.reveal
			st.Result = resultFor(it.ID, rec, answered, entry, st.Me.Players)
		}
	}
	if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
		st.Standings = g.standings
	}
	return json.Marshal(st)
}

func resultFor(itemID string, rec AnswerRecord, answered bool, e Entry, players int) *wire.Result {
	r := &wire.Result{ItemID: itemID, Answered: answered, Choice: rec.Choice, Score: e.Score, Rank: e.Rank, Players: players}
	if answered {
		r.Correct, r.Points = rec.Correct, rec.Points
	}
	if r.Choice == nil {
		r.Choice = []int{}
	}
	return r
}

// attachHost registers a host socket and sends it the host snapshot.
func (g *Game) attachHost(c *Conn) {
	c.ident.Store(&identity{game: g})
	ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
	defer cancel()
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.e.register(c)
	hs, err := g.hostState(ctx)
	if err != nil {
		g.e.tellUnavailable(c, "host snapshot", err)
		return
	}
	c.snapSeq.Store(g.seq)
	c.send(outFrame{data: hs})
}

// hostState builds the snapshot of a host screen. Callers hold mu.
func (g *Game) hostState(ctx context.Context) ([]byte, error) {
	hs := wire.HostState{T: "host_state", Seq: g.seq, ServerTime: time.Now().UnixMilli(),
		Contest: wire.ContestInfo{ID: g.id, Title: g.contest.Title, ItemCount: len(g.items), PIN: g.contest.PIN, JoinURL: g.e.cfg.JoinURL(g.contest.PIN)},
		Phase:   string(g.st.Phase), Version: g.st.Version, Paused: g.st.Paused, Locked: g.st.Locked, RemainingMs: g.remaining(), Players: g.players()}
	if it, _, ok := g.current(); ok && g.st.Phase != quiz.PhaseFinished {
		hs.Item = g.itemAt(g.st.ItemIndex)
		n, err := g.e.cfg.Live.AnswerCount(ctx, g.id, it.ID)
		if err != nil {
			return nil, err
		}
		hs.Answered = n
		if g.reveal != nil && g.reveal.ItemID == it.ID {
			hs.Reveal = g.reveal
		}
	}
	if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
		hs.Standings = g.standings
	}
	ps, err := g.hostParticipants(ctx)
	if err != nil {
		return nil, err
	}
	hs.Participants = ps
	return json.Marshal(hs)
}

// resync sends every socket of this instance a fresh snapshot.
func (g *Game) resync(phones, hosts []*Conn) {
	ctx, cancel := context.WithTimeout(g.e.ctx, 10*time.Second)
	defer cancel()
	g.mu.RLock()
	defer g.mu.RUnlock()
	for _, c := range phones {
		if p := g.participants[c.participantID()]; p != nil {
			if st, err := g.phoneState(ctx, p); err == nil {
				c.send(outFrame{data: st, itemID: g.openItemID()})
			}
		}
	}
	if len(hosts) == 0 {
		return
	}
	if hs, err := g.hostState(ctx); err == nil {
		for _, c := range hosts {
			c.snapSeq.Store(g.seq)
			c.send(outFrame{data: hs})
		}
	}
}

// hostParticipants lists contestants for the control panel, in join order. Callers hold mu.
func (g *Game) hostParticipants(ctx context.Context) ([]wire.Participant, error) {
	lb, err := g.e.cfg.Live.Leaderboard(ctx, g.id)
	if err != nil {
		return nil, err
	}
	scores := make(map[string]int, len(lb))
	for _, e := range lb {
		scores[e.ParticipantID] = e.Score
	}
	conn := g.connectedHere(ctx)
	out := make([]wire.Participant, 0, len(g.participants))
	for _, p := range g.participants {
		out = append(out, wire.Participant{ID: p.ID, Name: p.Name, Unit: p.Unit, JoinOrder: p.JoinOrder,
			Connected: conn[p.ID], Kicked: p.Kicked, Score: scores[p.ID]})
	}
	slices.SortFunc(out, func(a, b wire.Participant) int { return a.JoinOrder - b.JoinOrder })
	return out, nil
}

// connectedHere returns the participants with a socket on any instance: this instance's own,
// and the others' as recorded in the live store.
func (g *Game) connectedHere(ctx context.Context) map[string]bool {
	conn := g.e.connected(g.id)
	if elsewhere, err := g.e.cfg.Live.Presence(ctx, g.id, g.e.id); err == nil {
		for id := range elsewhere {
			conn[id] = true
		}
	} else {
		g.e.log.Warn("read presence", slog.String("contest", g.id), slog.Any("error", err))
	}
	return conn
}

// closeWhenAllAnswered closes the open item of an auto-closing round once every contestant
// who is connected, or was within the reconnect grace, has answered it. The conductor checks on
// every host tick; last is what the previous check saw (answers, contestants waited for), so
// the answers themselves are read only when either changed.
func (g *Game) closeWhenAllAnswered(ctx context.Context, last *[2]int) {
	g.mu.RLock()
	playing := g.autoClose && g.st.Phase != quiz.PhaseFinished
	g.mu.RUnlock()
	if !playing {
		return
	}
	now := time.Now()
	for id := range g.connectedHere(ctx) {
		g.seenAt[id] = now
	}
	g.mu.RLock()
	it, r, ok := g.current()
	open := ok && g.conductor && r.AutoClose && g.st.Phase == quiz.PhaseItemOpen && !g.st.Paused
	idx, version := g.st.ItemIndex, g.st.Version
	waiting := map[string]bool{}
	if open {
		for id, at := range g.seenAt {
			if p := g.participants[id]; p != nil && !p.Kicked && now.Sub(at) <= g.e.cfg.ReconnectGrace {
				waiting[id] = true
			}
		}
	}
	g.mu.RUnlock()
	if !open {
		*last = [2]int{-1, -1}
		return
	}
	live := g.e.cfg.Live
	n, err := live.AnswerCount(ctx, g.id, it.ID)
	if err != nil {
		return
	}
	seen := [2]int{n, len(waiting)}
	if seen == *last || len(waiting) == 0 || n < len(waiting) {
		*last = seen
		return
	}
	*last = seen
	recs, err := live.Answers(ctx, g.id, it.ID)
	if err != nil {
		return
	}
	for _, rec := range recs {
		delete(waiting, rec.ParticipantID)
	}
	if len(waiting) == 0 {
		g.deadline(idx, version)
	}
}

// Timing of the game's background loop.
const (
	hostTick   = 250 * time.Millisecond // answer counts to host screens, at most this often
	leaseTTL   = 6 * time.Second        // how long a dead conductor holds up the timers
	leaseEvery = 8                      // renew the lease every leaseEvery host ticks (2 s)
)

// listTicks is how many host ticks apart the participant list goes to host screens when it
// changed: twice a second up to a thousand players, then more rarely as it grows (every 5 s
// at ten thousand), since each copy holds every player and is rebuilt in full.
func listTicks(players int) int {
	return max(2, 2*players/1000)
}

// loop runs in the background while the game is loaded: it sends this instance's host screens
// the answer count four times a second and the participant list when it changed (listTicks), and
// every two seconds renews the conductor lease and checks the live store still holds the game.
func (g *Game) loop() {
	tick := time.NewTicker(hostTick)
	defer tick.Stop()
	lastCount, lastItem, n, lastList, lastPresence := -1, "", 0, -listTicks(0), -listTicks(0)
	autoClose := [2]int{-1, -1} // what the last auto-close check saw
	lastRecheck := time.Now()
	var rechecking atomic.Bool // a check of the host screens' access is under way
	presenceV := int64(-1)
	var unwatched time.Time // since when the game has been finished with no socket here
	for {
		select {
		case <-g.quit:
			return
		case <-tick.C:
		}
		n++
		ctx, cancel := context.WithTimeout(g.e.ctx, 2*time.Second)
		if n%leaseEvery == 0 {
			if g.unwatchedFor(&unwatched) >= g.e.cfg.UnloadFinishedAfter {
				cancel()
				// From its own goroutine: stop closes quit, and this loop returns below.
				go g.e.unload(g)
				<-g.quit
				return
			}
			g.conduct(ctx)
			if v, err := g.keepPresence(ctx); err == nil && v != presenceV {
				presenceV = v
				g.hostsDirty.Store(true) // phones came or went on some instance
			}
		}
		if n-lastPresence >= listTicks(g.playerCount()) && g.presenceDirty.Swap(false) {
			lastPresence = n
			g.publishPresence(ctx)
		}
		g.closeWhenAllAnswered(ctx, &autoClose)
		_, hosts := g.e.sockets(g.id)
		if time.Since(lastRecheck) >= g.e.cfg.HostRecheck && len(hosts) > 0 && !rechecking.Load() {
			lastRecheck = time.Now()
			rechecking.Store(true)
			go func() {
				defer rechecking.Store(false)
				g.recheckHosts(hosts)
			}()
		}
		if len(hosts) == 0 {
			cancel()
			continue
		}
		g.mu.RLock()
		itemID := g.openItemID()
		players := g.players()
		seq := g.shownSeq.Load()
		var ps []wire.Participant
		var err error
		if n-lastList >= listTicks(players) && g.hostsDirty.Swap(false) {
			lastList = n
			if ps, err = g.hostParticipants(ctx); err != nil {
				g.hostsDirty.Store(true)
			}
		}
		g.mu.RUnlock()
		var frames []func(seq int64) any
		if ps != nil {
			frames = append(frames, func(seq int64) any { return wire.Participants{T: "participants", Seq: seq, Participants: ps} })
		}
		if itemID != "" {
			count, err := g.e.cfg.Live.AnswerCount(ctx, g.id, itemID)
			if err == nil && (count != lastCount || itemID != lastItem) {
				lastCount, lastItem = count, itemID
				frames = append(frames, func(seq int64) any {
					return wire.Progress{T: "progress", Seq: seq, ItemID: itemID, Answered: count, Players: players}
				})
			}
		}
		sendToHosts(hosts, seq, frames)
		cancel()
	}
}

// unwatchedFor returns how long the game has been finished with no socket on this instance,
// keeping the start of that stretch in since.
func (g *Game) unwatchedFor(since *time.Time) time.Duration {
	phones, hosts := g.e.sockets(g.id)
	if !g.finished() || len(phones)+len(hosts) > 0 {
		*since = time.Time{}
		return 0
	}
	if since.IsZero() {
		*since = time.Now()
	}
	return time.Since(*since)
}

// recheckHosts closes the host screens whose user may no longer run the contest. It runs
// beside the loop, as the check reads the database.
func (g *Game) recheckHosts(hosts []*Conn) {
	for _, c := range hosts {
		if c.allowed == nil || c.closingDown() {
			continue
		}
		ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
		ok := c.allowed(ctx)
		cancel()
		if !ok {
			c.fail(ErrAccessEnded)
			c.closeAfter(CloseAccessEnded)
		}
	}
}

// sendToHosts sends host screens the frames the loop makes itself, numbered with seq (the
// last frame queued to them) or with the seq of a snapshot a screen got since, whichever is
// later, so no screen sees the number go back. Each frame is marshalled once per number.
func sendToHosts(hosts []*Conn, seq int64, frames []func(seq int64) any) {
	if len(frames) == 0 {
		return
	}
	bySeq := map[int64][][]byte{}
	for _, c := range hosts {
		n := max(seq, c.snapSeq.Load())
		data, ok := bySeq[n]
		if !ok {
			for _, f := range frames {
				data = append(data, mustJSON(f(n)))
			}
			bySeq[n] = data
		}
		for _, d := range data {
			c.send(outFrame{data: d})
		}
	}
}

// presenceTTL is how long this instance's record of its connected phones holds without
// renewal: the phones of an instance that died stop counting as connected after it.
const presenceTTL = 10 * time.Second

// publishPresence records in the live store which participants are connected here.
func (g *Game) publishPresence(ctx context.Context) {
	here := g.e.connected(g.id)
	ids := make([]string, 0, len(here))
	for id := range here {
		ids = append(ids, id)
	}
	if err := g.e.cfg.Live.SetPresence(ctx, g.id, g.e.id, ids, presenceTTL); err != nil {
		g.presenceDirty.Store(true)
		g.e.log.Warn("set presence", slog.String("contest", g.id), slog.Any("error", err))
	}
}

// keepPresence renews this instance's presence record, setting it again if the store lost it,
// and returns the presence version.
func (g *Game) keepPresence(ctx context.Context) (int64, error) {
	live := g.e.cfg.Live
	kept, err := live.KeepPresence(ctx, g.id, g.e.id, presenceTTL)
	if err != nil {
		return 0, err
	}
	if !kept {
		g.publishPresence(ctx)
	}
	return live.PresenceVersion(ctx, g.id)
}

// conduct takes or renews the conductor lease; the conductor runs the timers, rebuilds the
// live store if it lost the game (a Redis restarted empty), and resends snapshots after
// events may have been lost.
func (g *Game) conduct(ctx context.Context) {
	ok, err := g.e.cfg.Lease.Acquire(ctx, g.id, g.e.id, leaseTTL)
	if err != nil {
		g.e.log.Warn("conductor lease", slog.String("contest", g.id), slog.Any("error", err))
		return // keep whatever role this instance had until the store answers again
	}
	g.mu.Lock()
	if g.conductor != ok {
		g.conductor = ok
		g.schedule()
		if ok {
			g.e.log.Info("conducting contest", slog.String("contest", g.id))
		}
	}
	g.mu.Unlock()
	if !ok {
		return
	}
	g.mu.RLock()
	err = g.ensureBuilt(ctx)
	g.mu.RUnlock()
	if err != nil {
		g.e.log.Error("rebuild live state", slog.String("contest", g.id), slog.Any("error", err))
		return
	}
	if g.needResync.Load() {
		if err := g.e.cfg.Broker.Publish(ctx, Event{ContestID: g.id, Seq: g.currentSeq(), Origin: g.e.id, Resync: true}); err == nil {
			g.needResync.Store(false)
		}
	}
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

var answerIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// answer handles one answer frame: checks it against the open item, claims it once in the
// live store, waits until it is durable, then acks. See PROTOCOL.md.
func (g *Game) answer(ctx context.Context, c *Conn, f wire.ClientFrame) {
	now := time.Now()
	id := c.ident.Load()
	if !answerIDPattern.MatchString(f.AnswerID) {
		c.failAnswer(ErrBadAnswerID, f.ItemID, f.AnswerID)
		return
	}
	g.mu.RLock()
	idx, known := g.itemIdx[f.ItemID]
	st := g.st
	p := g.participants[id.participantID]
	g.mu.RUnlock()
	if !known {
		c.failAnswer(ErrItemNotOpen, f.ItemID, f.AnswerID)
		return
	}
	if p == nil || p.Kicked {
		c.failAnswer(ErrKicked, f.ItemID, f.AnswerID)
		return
	}
	item, round := g.items[idx], g.rounds[idx]
	q := item.Question
	if !validChoice(q, f.Choice) {
		c.failAnswer(ErrBadChoice, f.ItemID, f.AnswerID)
		return
	}
	open := st.Phase == quiz.PhaseItemOpen && st.ItemIndex == idx
	if !open || st.Paused || now.UnixMilli() > st.ClosesAt {
		// A resend of an answer stored before the close still gets its ack.
		rec, ok, err := g.e.cfg.Live.Answer(ctx, g.id, item.ID, p.ID)
		if err != nil {
			g.e.tellUnavailable(c, "read answer", err)
			return
		}
		switch {
		case ok:
			g.persistAndAck(ctx, c, item.ID, rec)
		case open && st.Paused:
			c.failAnswer(ErrPaused, f.ItemID, f.AnswerID)
		case open || idx <= st.ItemIndex:
			c.failAnswer(ErrItemClosed, f.ItemID, f.AnswerID)
		default:
			c.failAnswer(ErrItemNotYetOpen, f.ItemID, f.AnswerID)
		}
		return
	}
	limit := int64(q.TimeLimitSec) * 1000
	start, ok := g.deliveredTime(p.ID, item.ID)
	if !ok {
		start = time.UnixMilli(st.OpensAt)
	}
	elapsed := max(0, now.Sub(start).Milliseconds()-st.PausedTotalMs)
	elapsed = min(elapsed, limit)
	rec := AnswerRecord{ParticipantID: p.ID, ClientID: f.AnswerID, Choice: slices.Sorted(slices.Values(f.Choice)),
		ElapsedMs: elapsed, At: now.UnixMilli(), JoinOrder: p.JoinOrder}
	if quiz.IsCorrect(q.Correct, f.Choice) {
		rec.Correct = true
		rec.Points = quiz.Score(round.Scoring, q.Points, elapsed, limit)
	}
	stored, _, err := g.e.cfg.Live.ClaimAnswer(ctx, g.id, item.ID, rec)
	if errors.Is(err, ErrNotBuilt) {
		g.mu.RLock()
		err = g.ensureBuilt(ctx)
		g.mu.RUnlock()
		if err == nil {
			stored, _, err = g.e.cfg.Live.ClaimAnswer(ctx, g.id, item.ID, rec)
		}
	}
	if errors.Is(err, ErrScored) {
		c.failAnswer(ErrItemClosed, f.ItemID, f.AnswerID)
		return
	} else if err != nil {
		g.e.log.Error("claim answer", slog.Any("error", err))
		c.failAnswer(ErrRetry, f.ItemID, f.AnswerID)
		return
	}
	g.persistAndAck(ctx, c, item.ID, stored)
}

// persistAndAck makes the stored answer durable (idempotently) and acks it.
func (g *Game) persistAndAck(ctx context.Context, c *Conn, itemID string, rec AnswerRecord) {
	a := quiz.Answer{ID: uuid.Must(uuid.NewV7()).String(), ContestID: g.id, ItemID: itemID, ParticipantID: rec.ParticipantID,
		ClientID: rec.ClientID, Choice: rec.Choice, Correct: rec.Correct, Points: rec.Points, ElapsedMs: rec.ElapsedMs,
		CreatedAt: time.UnixMilli(rec.At)}
	if err := g.e.commit.save(ctx, a); err != nil {
		c.failAnswer(ErrRetry, itemID, rec.ClientID)
		return
	}
	c.sendJSON(wire.Ack{T: "ack", ItemID: itemID, AnswerID: rec.ClientID, Choice: rec.Choice})
}

func validChoice(q quiz.Question, choice []int) bool {
	if len(choice) == 0 || len(choice) > len(q.Options) {
		return false
	}
	if q.Type != quiz.MultiChoice && len(choice) != 1 {
		return false
	}
	seen := map[int]bool{}
	for _, c := range choice {
		if c < 0 || c >= len(q.Options) || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}

func mustJSON(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Errorf("marshal frame: %w", err))
	}
	return data
}
