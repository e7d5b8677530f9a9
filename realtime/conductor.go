package realtime

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

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
	version := g.st.Version
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
		g.deadline(version)
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
		if n-lastPresence >= listTicks(g.playersNow()) && g.presenceDirty.Swap(false) {
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
		var ps []wire.Participant
		if n-lastList >= listTicks(players) && g.hostsDirty.Swap(false) {
			lastList = n
			ps = g.hostParticipants(ctx)
		}
		g.mu.RUnlock()
		var frames []func(seq int64) any
		if ps != nil {
			frames = append(frames, func(seq int64) any { return wire.Participants{T: wire.TParticipants, Seq: seq, Participants: ps} })
		}
		if itemID != "" {
			count, err := g.e.cfg.Live.AnswerCount(ctx, g.id, itemID)
			if err == nil && (count != lastCount || itemID != lastItem) {
				lastCount, lastItem = count, itemID
				frames = append(frames, func(seq int64) any {
					return wire.Progress{T: wire.TProgress, Seq: seq, ItemID: itemID, Answered: count, Players: players}
				})
			}
		}
		sendToHosts(hosts, frames)
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

// sendToHosts sends host screens the frames the loop makes itself, numbered with the seq of
// the last contest frame queued to each screen, so no screen sees the number go back. Each
// frame is marshalled once per number.
func sendToHosts(hosts []*Conn, frames []func(seq int64) any) {
	if len(frames) == 0 {
		return
	}
	var mu sync.Mutex
	bySeq := map[int64][][]byte{}
	for _, c := range hosts {
		c.sendLatest(func(n int64) [][]byte {
			mu.Lock()
			defer mu.Unlock()
			data, ok := bySeq[n]
			if !ok {
				for _, f := range frames {
					data = append(data, mustJSON(f(n)))
				}
				bySeq[n] = data
			}
			return data
		})
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
