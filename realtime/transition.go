package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// Commands about contestants rather than the state machine; every other command is the
// rules' (quiz.Step).
const (
	CmdKick = "kick"
	// CmdRejoin lets a contestant whose phone died join again from another, as themselves.
	CmdRejoin = "rejoin"
)

// finishedTTL is how long a finished contest's live state stays in Redis; the results
// themselves are in the database for good.
const finishedTTL = 48 * time.Hour

// Command applies an organiser command: the rules (quiz.Step) give the next state and its
// effects, and the transition stores them before anyone is told.
func (g *Game) Command(ctx context.Context, cmd quiz.Command) (quiz.LiveState, error) {
	switch cmd.Name {
	case CmdKick:
		err := g.kick(ctx, cmd.ParticipantID)
		return g.state(), err
	case CmdRejoin:
		err := g.allowRejoin(ctx, cmd.ParticipantID)
		return g.state(), err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if cmd.Version > g.st.Version {
		// The organiser saw a transition made on another instance that has not reached this
		// one yet: read it from the database.
		if err := g.reload(ctx); err != nil {
			return g.st, err
		}
	}
	out, err := quiz.Step(g.playAt(g.st), cmd, time.Now().UnixMilli())
	if err != nil {
		return g.st, err
	}
	if err := g.transition(ctx, out, &cmd); err != nil {
		return g.st, err
	}
	if g.deciding && !g.st.Paused {
		time.AfterFunc(decideWindow, g.decide)
	}
	return g.st, nil
}

func (g *Game) state() quiz.LiveState {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st
}

// transition carries out an outcome of the rules: it scores or seals the item left behind,
// stores the state with its ledger lines and audit entry (compare-and-swap on the version, so
// two instances cannot both apply a command), makes it current, and tells everyone. Everything
// that can fail is done before the state is stored. Callers hold mu.
func (g *Game) transition(ctx context.Context, out quiz.Outcome, cmd *quiz.Command) error {
	start := time.Now()
	next := out.State
	defer func() {
		g.e.log.Debug("transition", slog.String("contest", g.id), slog.String("phase", string(next.Phase)), slog.Duration("took", time.Since(start)))
	}()
	prev := g.st
	next.Version = prev.Version + 1
	live := g.e.cfg.Live
	if err := g.ensureBuilt(ctx); err != nil {
		return unavailable(g.e.log, "rebuild live state", err)
	}
	changes := out.Changes
	for i := range changes {
		changes[i].Version = next.Version
	}
	if out.Score {
		scored, err := g.scoreItem(ctx, prev.ItemIndex, next.Version)
		if err != nil {
			return unavailable(g.e.log, "score item", err)
		}
		changes = append(scored, changes...)
	} else if out.Seal && prev.ItemIndex >= 0 {
		if err := live.Seal(ctx, g.id, g.items[prev.ItemIndex].ID); err != nil {
			return unavailable(g.e.log, "seal item", err)
		}
	}
	g.board.tallies.Stamp(changes)

	var follow []followUp // the frames that follow the phase frame
	switch {
	case next.Phase == quiz.PhaseItemOpen && next.ItemIndex != prev.ItemIndex:
		follow = append(follow, g.itemFollowUp(next))
	case next.Phase == quiz.PhaseItemClosed && prev.Phase == quiz.PhaseItemOpen:
		it := g.items[next.ItemIndex]
		n, err := live.AnswerCount(ctx, g.id, it.ID)
		if err != nil {
			return unavailable(g.e.log, "count answers", err)
		}
		follow = append(follow, followUp{frame: &wire.Closed{T: wire.TClosed, ItemID: it.ID, Answered: n, Players: g.players()},
			ev: Event{Kind: wire.TClosed}, phase: true})
	}
	var audit *quiz.AuditEntry
	if cmd != nil && cmd.Name != quiz.CmdDeadline && cmd.Name != quiz.CmdDecide {
		audit = &quiz.AuditEntry{Version: next.Version, ActorID: cmd.ActorID, ActorName: cmd.ActorName, Command: *cmd}
	}
	revealing := next.Phase == quiz.PhaseReveal && prev.Phase != quiz.PhaseReveal
	showsStandings := next.Phase == quiz.PhaseStandings || next.Phase == quiz.PhaseFinished
	// The standings go out when they are first shown, and again when a correction changes them.
	ranking := showsStandings && (next.Phase != prev.Phase || len(changes) > 0)
	// The buzzer's state goes out when it changes, and with every mark (a right answer closes
	// the question with the state as it was).
	mark := markOf(changes)
	buzzing := next.ItemIndex == prev.ItemIndex && (next.Buzz != nil && !sameBuzz(prev.Buzz, next.Buzz) || mark != nil)
	rescued := countReason(changes, quiz.ReasonRescued)
	surviving := g.eliminationRound(next.RoundIndex) && (revealing || rescued > 0)
	frames := 1 + int64(len(follow)) + count(revealing, ranking, buzzing, surviving)
	last, err := live.NextSeq(ctx, g.id, frames, g.seq)
	if err != nil {
		return unavailable(g.e.log, "reserve event numbers", err)
	}
	err = g.e.cfg.Contests.SaveTransition(ctx, g.id, quiz.Transition{Prev: prev.Version, State: next, Changes: changes, Audit: audit})
	if quiz.ErrorCode(err) == quiz.ECONFLICT {
		if err := g.reload(ctx); err != nil {
			return err
		}
		return quiz.Errorf(quiz.ECONFLICT, "Một người khác vừa điều khiển cuộc thi này. Màn hình đã được cập nhật, vui lòng xem lại và bấm lại.")
	} else if err != nil {
		return unavailable(g.e.log, "save live state", err)
	}
	g.foldNew(changes)
	if next.Phase == quiz.PhaseFinished && prev.Phase != quiz.PhaseFinished {
		if err := g.e.cfg.Contests.UpdateContestStatus(ctx, g.id, quiz.StatusFinished); err != nil {
			g.e.log.Error("mark contest finished", slog.String("contest", g.id), slog.Any("error", err))
		}
		if err := live.Retire(ctx, g.id, finishedTTL); err != nil {
			g.e.log.Warn("retire live state", slog.String("contest", g.id), slog.Any("error", err))
		}
	}
	if mark != nil {
		g.lastMark = mark
	}
	g.setState(next)
	// The frames below are computed once the state is current, from the scores the
	// transition just folded in.
	if buzzing {
		if b := g.buzzView(); b != nil {
			b.T = wire.TBuzz
			follow = append(follow, followUp{frame: b, ev: Event{Kind: wire.TBuzz}})
		}
	}
	if revealing {
		if g.reveal, err = g.buildRevealAt(ctx, next.ItemIndex); err == nil && g.reveal != nil {
			r := *g.reveal
			r.T = wire.TReveal
			follow = append(follow, followUp{frame: &r, ev: Event{Kind: wire.TReveal, Personal: "result", ItemID: r.ItemID}, phase: true})
		} else {
			g.e.log.Error("compute reveal", slog.String("contest", g.id), slog.Any("error", err))
			g.needResync.Store(true)
		}
	}
	if surviving {
		sv := *g.survivorsNow() // snapshots from now on read the same copy
		sv.T, sv.Rescued = wire.TSurvivors, rescued
		follow = append(follow, followUp{frame: &sv, ev: Event{Kind: wire.TSurvivors, Personal: "me"}})
	}
	if ranking {
		g.standings = g.buildStandings(next.Phase == quiz.PhaseFinished)
		st := *g.standings
		st.T = wire.TStandings
		follow = append(follow, followUp{frame: &st, ev: Event{Kind: wire.TStandings, Personal: "me"}, phase: true})
	}
	phaseTo := ToAll
	for _, f := range follow {
		if f.phase {
			// Phones learn the phase from the frame that follows (a question, its close, the
			// answer, the standings, the final standings): one write less per phone at the
			// moments that count.
			phaseTo = ToHosts
		}
	}
	seq := last - frames + 1
	g.emit(ctx, seq, g.phaseFrame(), Event{State: liveEventOf(next), To: phaseTo, Scores: len(changes) > 0})
	for i, f := range follow {
		g.emit(ctx, seq+1+int64(i), f.frame, f.ev)
	}
	return nil
}

// followUp is a frame a transition sends after its phase frame; phase is set when it tells
// phones the new phase too.
type followUp struct {
	frame any
	ev    Event
	phase bool
}

// itemFollowUp is the frame of the item st opens. A shuffled item's frame is personal: each
// phone's copy says the order it shows the options in.
func (g *Game) itemFollowUp(st quiz.LiveState) followUp {
	body := g.itemAt(st)
	body.T = wire.TItem
	ev := Event{ItemID: body.ItemID, Kind: wire.TItem}
	if body.Shuffled {
		ev.Personal = "shown"
	}
	return followUp{frame: body, ev: ev, phase: true}
}

func count(flags ...bool) int64 {
	n := int64(0)
	for _, f := range flags {
		if f {
			n++
		}
	}
	return n
}

// countReason counts the changes of reason r.
func countReason(changes []quiz.ScoreChange, r quiz.ScoreReason) int {
	n := 0
	for _, ch := range changes {
		if ch.Reason == r {
			n++
		}
	}
	return n
}

// phaseFrame tells every screen where the contest is. Callers hold mu.
func (g *Game) phaseFrame() wire.Phase {
	st := g.st
	return wire.Phase{T: wire.TPhase, Phase: string(st.Phase), Version: st.Version, Paused: st.Paused, Locked: st.Locked,
		RemainingMs: g.pausedRemaining(), ItemIndex: st.ItemIndex, ItemCount: len(g.items), RoundTitle: g.roundTitle(), ClosesAt: st.ClosesAt,
		RoundIndex: st.RoundIndex}
}

// setState makes st current, resetting what belonged to the previous item, and re-arms the
// timer. Callers hold mu.
func (g *Game) setState(st quiz.LiveState) {
	if st.ItemIndex != g.st.ItemIndex {
		g.reveal, g.lastMark = nil, nil
		g.deliveredMu.Lock()
		g.deliveredItem = ""
		if st.ItemIndex >= 0 && st.ItemIndex < len(g.items) {
			g.deliveredItem = g.items[st.ItemIndex].ID
		}
		clear(g.deliveredAt)
		g.deliveredMu.Unlock()
	}
	g.st = st
	g.schedule()
	g.hostsDirty.Store(true) // scores and the players' list may have changed
}

// reload takes the live state and the scores from the database when they are newer than this
// instance's. Callers hold mu.
func (g *Game) reload(ctx context.Context) error {
	st, err := g.e.cfg.Contests.FindLiveState(ctx, g.id)
	if err != nil {
		return unavailable(g.e.log, "load live state", err)
	}
	if err := g.catchUpScores(ctx); err != nil {
		return unavailable(g.e.log, "load scores", err)
	}
	if st.Version > g.st.Version {
		g.setState(st)
		if err := g.restoreCaches(ctx); err != nil {
			return unavailable(g.e.log, "compute results", err)
		}
	}
	return nil
}

// applyRemote follows an event published by another instance.
func (g *Game) applyRemote(ev Event) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq = max(g.seq, ev.Seq)
	if ev.Scores {
		ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
		if err := g.catchUpScores(ctx); err != nil {
			g.e.log.Error("follow scores", slog.String("contest", g.id), slog.Any("error", err))
			g.needResync.Store(true)
		}
		cancel()
	}
	if st := ev.State.state(); st != nil && st.Version > g.st.Version {
		g.setState(*st)
		if g.st.Phase == quiz.PhaseStandings || g.st.Phase == quiz.PhaseFinished {
			g.standings = g.buildStandings(g.st.Phase == quiz.PhaseFinished)
		}
	}
	if ev.Kind == wire.TBuzz {
		var b wire.Buzz
		if json.Unmarshal(ev.Frame, &b) == nil {
			g.lastMark = b.Mark
		}
	}
	if ev.Kind == wire.TReveal {
		var r wire.Reveal
		if json.Unmarshal(ev.Frame, &r) == nil {
			r.T, r.Seq = "", 0
			g.reveal = &r
		}
	}
	if p := ev.Joined.participant(g.id); p != nil && g.participants[p.ID] == nil {
		g.addCached(p)
		g.hostsDirty.Store(true)
	}
	if p := g.participants[ev.Kick]; p != nil {
		g.markKicked(p)
	}
}

// emit numbers a frame with seq and publishes it with the extras of ev. Callers hold mu.
func (g *Game) emit(ctx context.Context, seq int64, frame any, ev Event) {
	g.seq = max(g.seq, seq)
	switch f := frame.(type) {
	case wire.Phase:
		f.Seq = seq
		frame = f
	case *wire.Item:
		f.Seq = seq
	case *wire.Closed:
		f.Seq = seq
	case *wire.Reveal:
		f.Seq = seq
	case *wire.Standings:
		f.Seq = seq
	case *wire.Buzz:
		f.Seq = seq
	case *wire.Survivors:
		f.Seq = seq
	}
	ev.ContestID, ev.Seq, ev.Frame = g.id, seq, mustJSON(frame)
	g.publish(ctx, ev)
}

// publish sends an event to every instance; if that fails, sockets are resynced later.
func (g *Game) publish(ctx context.Context, ev Event) {
	ev.Origin = g.e.id
	if err := g.e.cfg.Broker.Publish(ctx, ev); err != nil {
		g.e.log.Error("publish event", slog.Any("error", err))
		g.needResync.Store(true)
	}
}

// schedule arms the timer of the current state's deadline, as the round's rules give it
// (the open item's close, a steal window's end). Callers hold mu.
func (g *Game) schedule() {
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
	if !g.conductor || g.st.Paused {
		return
	}
	play := g.playAt(g.st)
	at := play.Kind().Deadline(play)
	if at == 0 {
		return
	}
	version := g.st.Version
	g.timer = time.AfterFunc(max(time.Until(time.UnixMilli(at)), 0), func() { g.deadline(version) })
}

// deadline sends the rules CmdDeadline if nothing changed since the timer was armed.
func (g *Game) deadline(version int64) {
	ctx, cancel := context.WithTimeout(g.e.ctx, 10*time.Second)
	defer cancel()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.st.Version != version || g.st.Paused || !g.conductor {
		return
	}
	if g.deciding {
		// Presses came in time: they are decided before the time is up.
		g.decideNow(ctx)
		if g.st.Version != version {
			return
		}
	}
	out, err := quiz.Step(g.playAt(g.st), quiz.Command{Name: quiz.CmdDeadline, Version: g.st.Version}, time.Now().UnixMilli())
	if quiz.ErrorCode(err) == quiz.ECONFLICT {
		return // nothing is due any more
	}
	if err == nil {
		err = g.transition(ctx, out, nil)
	}
	if err != nil {
		g.e.log.Error("deadline; retrying", slog.Any("error", err))
		g.timer = time.AfterFunc(time.Second, func() { g.deadline(version) })
	}
}

func unavailable(log *slog.Logger, what string, err error) error {
	log.Error(what, slog.Any("error", err))
	return quiz.Errorf(quiz.EUNAVAILABLE, "Không lưu được thay đổi vì máy chủ dữ liệu đang bận. Vui lòng thử lại.")
}

func mustJSON(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Errorf("marshal frame: %w", err))
	}
	return data
}
