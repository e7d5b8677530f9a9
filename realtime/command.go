package realtime

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// Commands an organiser sends from the control panel (API.md, "Commands").
const (
	CmdStart     = "start"
	CmdNext      = "next"
	CmdClose     = "close"
	CmdReveal    = "reveal"
	CmdStandings = "standings"
	CmdPause     = "pause"
	CmdResume    = "resume"
	CmdKick      = "kick"
	// CmdRejoin lets a contestant whose phone died join again from another, as themselves.
	CmdRejoin = "rejoin"
	CmdFinish = "finish"
	CmdLock   = "lock"   // "Khoá phòng chờ": no new contestants; resumes still work
	CmdUnlock = "unlock" // opens the lobby again
)

// finishedTTL is how long a finished contest's live state stays in Redis; the results
// themselves are in the database for good.
const finishedTTL = 48 * time.Hour

// topN is how many lines of the standings the screen and phones get.
const topN = 10

func conflict(format string, args ...any) error { return quiz.Errorf(quiz.ECONFLICT, format, args...) }

// Command applies an organiser command. version must be the live version the organiser saw,
// so a double press or two organisers at once never skip a question. The new state is stored
// before anyone is told of it.
func (g *Game) Command(ctx context.Context, cmd string, version int64, participantID string) (quiz.LiveState, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if cmd == CmdKick {
		return g.st, g.kick(ctx, participantID)
	}
	if cmd == CmdRejoin {
		return g.st, g.allowRejoin(ctx, participantID)
	}
	if version > g.st.Version {
		// The organiser saw a transition made on another instance that has not reached this
		// one yet: read it from the database.
		if err := g.reload(ctx); err != nil {
			return g.st, err
		}
	}
	if version != g.st.Version {
		return g.st, conflict("Màn hình điều khiển chưa cập nhật (trạng thái đã thay đổi). Vui lòng xem lại và bấm lại.")
	}
	now := time.Now().UnixMilli()
	next := g.st
	phase := g.st.Phase
	if phase == quiz.PhaseFinished {
		return g.st, conflict("Cuộc thi đã kết thúc.")
	}
	if g.st.Paused && cmd != CmdResume && cmd != CmdFinish && cmd != CmdLock && cmd != CmdUnlock {
		return g.st, conflict("Cuộc thi đang tạm dừng. Bấm “Tiếp tục” trước.")
	}
	switch cmd {
	case CmdStart:
		if phase != quiz.PhaseLobby {
			return g.st, conflict("Cuộc thi đã bắt đầu rồi.")
		}
		next.Phase = quiz.PhaseRoundIntro
	case CmdNext:
		switch phase {
		case quiz.PhaseRoundIntro, quiz.PhaseReveal, quiz.PhaseStandings:
		case quiz.PhaseLobby:
			return g.st, conflict("Hãy bấm “Bắt đầu” trước.")
		case quiz.PhaseItemClosed:
			// Moving on would leave the room without the right answer.
			return g.st, conflict("Hãy bấm “Công bố đáp án” trước khi sang câu tiếp theo.")
		default:
			return g.st, conflict("Câu hỏi đang mở. Hãy kết thúc câu hỏi trước.")
		}
		if next.ItemIndex+1 >= len(g.items) {
			next.Phase = quiz.PhaseFinished
		} else {
			limit := int64(g.items[next.ItemIndex+1].Question.TimeLimitSec) * 1000
			next.ItemIndex++
			next.Phase = quiz.PhaseItemOpen
			next.OpensAt, next.ClosesAt = now, now+limit+graceMs
			next.PausedTotalMs, next.PausedRemainingMs, next.PausedAt = 0, 0, 0
		}
	case CmdClose:
		if phase != quiz.PhaseItemOpen {
			return g.st, conflict("Không có câu hỏi nào đang mở.")
		}
		next.Phase = quiz.PhaseItemClosed
		next.ClosesAt = min(next.ClosesAt, now)
	case CmdReveal:
		if phase != quiz.PhaseItemClosed {
			return g.st, conflict("Chỉ công bố đáp án sau khi câu hỏi đã kết thúc.")
		}
		next.Phase = quiz.PhaseReveal
	case CmdStandings:
		if phase != quiz.PhaseReveal && phase != quiz.PhaseItemClosed && phase != quiz.PhaseRoundIntro {
			return g.st, conflict("Chưa thể xem bảng xếp hạng lúc này.")
		}
		next.Phase = quiz.PhaseStandings
	case CmdPause:
		if phase == quiz.PhaseLobby {
			return g.st, conflict("Cuộc thi chưa bắt đầu.")
		}
		next.Paused, next.PausedAt = true, now
		if phase == quiz.PhaseItemOpen {
			next.PausedRemainingMs = max(0, next.ClosesAt-now)
		}
	case CmdResume:
		if !g.st.Paused {
			return g.st, conflict("Cuộc thi không tạm dừng.")
		}
		next.Paused = false
		if phase == quiz.PhaseItemOpen {
			next.ClosesAt = now + next.PausedRemainingMs
			next.PausedTotalMs += now - next.PausedAt
		}
		next.PausedRemainingMs, next.PausedAt = 0, 0
	case CmdFinish:
		next.Phase, next.Paused = quiz.PhaseFinished, false
	case CmdLock:
		if g.st.Locked {
			return g.st, conflict("Phòng chờ đã khoá rồi.")
		}
		next.Locked = true
	case CmdUnlock:
		if !g.st.Locked {
			return g.st, conflict("Phòng chờ đang mở.")
		}
		next.Locked = false
	default:
		return g.st, quiz.Errorf(quiz.EINVALID, "Lệnh điều khiển không hợp lệ.")
	}
	if err := g.transition(ctx, next); err != nil {
		return g.st, err
	}
	return g.st, nil
}

// transition stores next, makes it current and tells everyone. Callers hold mu. Everything
// that can fail is done before the state is stored (compare-and-swap on the version, so two
// instances cannot both apply a command); the events go out after.
func (g *Game) transition(ctx context.Context, next quiz.LiveState) error {
	start := time.Now()
	defer func() {
		g.e.log.Debug("transition", slog.String("contest", g.id), slog.String("phase", string(next.Phase)), slog.Duration("took", time.Since(start)))
	}()
	prev := g.st
	next.Version = prev.Version + 1
	live := g.e.cfg.Live
	if err := g.ensureBuilt(ctx); err != nil {
		return unavailable(g.e.log, "rebuild live state", err)
	}
	if prev.ItemIndex >= 0 && (next.ItemIndex != prev.ItemIndex || itemScored(next.Phase)) {
		if err := live.ScoreItem(ctx, g.id, g.items[prev.ItemIndex].ID); err != nil {
			return unavailable(g.e.log, "score item", err)
		}
	}
	var second any // the frame that follows the phase frame, if any
	ev := Event{}
	var reveal *wire.Reveal
	var standings *wire.Standings
	var err error
	switch {
	case next.Phase == quiz.PhaseItemOpen && next.ItemIndex != prev.ItemIndex:
		body := *g.itemBodyAt(next)
		body.T = "item"
		second, ev.ItemID, ev.Kind = &body, body.ItemID, "item"
	case next.Phase == quiz.PhaseItemClosed && prev.Phase == quiz.PhaseItemOpen:
		it := g.items[next.ItemIndex]
		n, err := live.AnswerCount(ctx, g.id, it.ID)
		if err != nil {
			return unavailable(g.e.log, "count answers", err)
		}
		second, ev.Kind = &wire.Closed{T: "closed", ItemID: it.ID, Answered: n, Players: g.players()}, "closed"
	case next.Phase == quiz.PhaseReveal && prev.Phase != quiz.PhaseReveal:
		if reveal, err = g.buildRevealAt(ctx, next.ItemIndex); err == nil && reveal != nil {
			r := *reveal
			r.T = "reveal"
			second, ev.Kind, ev.Personal, ev.ItemID = &r, "reveal", "result", r.ItemID
		}
	case next.Phase == quiz.PhaseStandings && prev.Phase != quiz.PhaseStandings,
		next.Phase == quiz.PhaseFinished:
		if standings, err = g.buildStandings(ctx, next.Phase == quiz.PhaseFinished); err == nil {
			st := *standings
			st.T = "standings"
			second, ev.Kind, ev.Personal = &st, "standings", "me"
		}
	}
	if err != nil {
		return unavailable(g.e.log, "compute results", err)
	}
	frames := int64(1)
	if second != nil {
		frames = 2
	}
	last, err := live.NextSeq(ctx, g.id, frames, g.seq)
	if err != nil {
		return unavailable(g.e.log, "reserve event numbers", err)
	}
	if err := g.e.cfg.Contests.SaveLiveState(ctx, g.id, next, prev.Version); quiz.ErrorCode(err) == quiz.ECONFLICT {
		if err := g.reload(ctx); err != nil {
			return err
		}
		return conflict("Một người khác vừa điều khiển cuộc thi này. Màn hình đã được cập nhật, vui lòng xem lại và bấm lại.")
	} else if err != nil {
		return unavailable(g.e.log, "save live state", err)
	}
	if next.Phase == quiz.PhaseFinished {
		if err := g.e.cfg.Contests.UpdateContestStatus(ctx, g.id, quiz.StatusFinished); err != nil {
			g.e.log.Error("mark contest finished", slog.String("contest", g.id), slog.Any("error", err))
		}
		if err := live.Retire(ctx, g.id, finishedTTL); err != nil {
			g.e.log.Warn("retire live state", slog.String("contest", g.id), slog.Any("error", err))
		}
	}
	if reveal != nil {
		g.reveal = reveal
	}
	if standings != nil {
		g.standings = standings
	}
	g.setState(next)
	seq := last - frames + 1
	state := next
	phaseTo := ToAll
	if ev.Kind == "item" || ev.Kind == "closed" || ev.Kind == "reveal" || ev.Kind == "standings" {
		// Phones learn the phase from the frame that follows (a question, its close, the
		// answer, the standings, the final standings): one write less per phone at the
		// moments that count.
		phaseTo = ToHosts
	}
	g.emit(ctx, seq, wire.Phase{T: "phase", Phase: string(next.Phase), Version: next.Version, Paused: next.Paused, Locked: next.Locked, RemainingMs: g.remaining(),
		ItemIndex: next.ItemIndex, ItemCount: len(g.items), RoundTitle: g.roundTitle(), ClosesAt: next.ClosesAt}, Event{State: &state, To: phaseTo})
	if second != nil {
		g.emit(ctx, seq+1, second, ev)
	}
	return nil
}

// setState makes st current, resetting what belonged to the previous item, and re-arms the
// timer. Callers hold mu.
func (g *Game) setState(st quiz.LiveState) {
	if st.ItemIndex != g.st.ItemIndex {
		g.reveal = nil
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

// reload takes the live state from the database when it is newer than this instance's.
// Callers hold mu.
func (g *Game) reload(ctx context.Context) error {
	st, err := g.e.cfg.Contests.FindLiveState(ctx, g.id)
	if err != nil {
		return unavailable(g.e.log, "load live state", err)
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
	if ev.State != nil && ev.State.Version > g.st.Version {
		g.setState(*ev.State)
	}
	switch ev.Kind {
	case "reveal":
		var r wire.Reveal
		if json.Unmarshal(ev.Frame, &r) == nil {
			r.T, r.Seq = "", 0
			g.reveal = &r
		}
	case "standings":
		var st wire.Standings
		if json.Unmarshal(ev.Frame, &st) == nil {
			st.T, st.Seq = "", 0
			g.standings = &st
		}
	}
	if p := ev.Joined; p != nil && g.participants[p.ID] == nil {
		g.addCached(p)
		g.hostsDirty.Store(true)
	}
	if p := g.participants[ev.Kick]; p != nil && !p.Kicked {
		p.Kicked = true
		g.active--
		g.hostsDirty.Store(true)
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

// schedule arms the timer that closes the open item at its deadline. Callers hold mu.
func (g *Game) schedule() {
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
	if !g.conductor || g.st.Phase != quiz.PhaseItemOpen || g.st.Paused {
		return
	}
	idx, version := g.st.ItemIndex, g.st.Version
	wait := time.Until(time.UnixMilli(g.st.ClosesAt))
	g.timer = time.AfterFunc(max(wait, 0), func() { g.deadline(idx, version) })
}

// deadline closes item idx if nothing changed since the timer was armed.
func (g *Game) deadline(idx int, version int64) {
	ctx, cancel := context.WithTimeout(g.e.ctx, 10*time.Second)
	defer cancel()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.st.Phase != quiz.PhaseItemOpen || g.st.ItemIndex != idx || g.st.Version != version || g.st.Paused {
		return
	}
	next := g.st
	next.Phase = quiz.PhaseItemClosed
	if err := g.transition(ctx, next); err != nil {
		g.e.log.Error("close item at its deadline; retrying", slog.Any("error", err))
		g.timer = time.AfterFunc(time.Second, func() { g.deadline(idx, version) })
	}
}

// kick removes a contestant: off the leaderboard, its phone told and disconnected.
func (g *Game) kick(ctx context.Context, participantID string) error {
	p := g.participants[participantID]
	if p == nil {
		return quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy thí sinh này.")
	}
	if err := g.e.cfg.Contests.SetParticipantKicked(ctx, p.ID, true); err != nil {
		return unavailable(g.e.log, "kick participant", err)
	}
	if err := g.e.cfg.Live.RemovePlayer(ctx, g.id, p.ID, p.JoinOrder); err != nil {
		return unavailable(g.e.log, "remove player", err)
	}
	if !p.Kicked {
		p.Kicked = true
		g.active--
	}
	g.hostsDirty.Store(true)
	g.publish(ctx, Event{ContestID: g.id, Seq: g.seq, Kick: p.ID})
	return nil
}

// rejoinWindow is how long a contestant let back in has to join from the other phone.
const rejoinWindow = 10 * time.Minute

// allowRejoin lets a contestant join again from another phone, under the same name and unit,
// within rejoinWindow: the next such join takes over the contestant, score and all, and the
// old phone's token stops working.
func (g *Game) allowRejoin(ctx context.Context, participantID string) error {
	p := g.participants[participantID]
	if p == nil {
		return quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy thí sinh này.")
	} else if p.Kicked {
		return conflict("Thí sinh này đã bị mời ra khỏi cuộc thi.")
	}
	if err := g.e.cfg.Contests.AllowRejoin(ctx, p.ID, time.Now().Add(rejoinWindow)); err != nil {
		return unavailable(g.e.log, "allow rejoin", err)
	}
	return nil
}

func unavailable(log *slog.Logger, what string, err error) error {
	log.Error(what, slog.Any("error", err))
	return quiz.Errorf(quiz.EUNAVAILABLE, "Không lưu được thay đổi vì máy chủ dữ liệu đang bận. Vui lòng thử lại.")
}

// buildRevealAt computes the reveal of item idx: its key and how the room answered.
func (g *Game) buildRevealAt(ctx context.Context, idx int) (*wire.Reveal, error) {
	if idx < 0 || idx >= len(g.items) {
		return nil, nil
	}
	it := g.items[idx]
	recs, err := g.e.cfg.Live.Answers(ctx, g.id, it.ID)
	if err != nil {
		return nil, err
	}
	dist := make([]int, len(it.Question.Options))
	for _, r := range recs {
		for _, c := range r.Choice {
			if c >= 0 && c < len(dist) {
				dist[c]++
			}
		}
	}
	return &wire.Reveal{ItemID: it.ID, Correct: it.Question.Correct, Distribution: dist, Answered: len(recs),
		Players: g.players(), Explanation: it.Question.Explanation, Source: it.Question.Source}, nil
}

// buildStandings computes the top of the live leaderboard.
func (g *Game) buildStandings(ctx context.Context, final bool) (*wire.Standings, error) {
	lb, err := g.e.cfg.Live.Leaderboard(ctx, g.id)
	if err != nil {
		return nil, err
	}
	top := make([]wire.Standing, 0, topN)
	for _, e := range lb[:min(topN, len(lb))] {
		s := wire.Standing{Rank: e.Rank, ParticipantID: e.ParticipantID, Score: e.Score, TimeMs: e.TimeMs, Correct: e.Correct, JoinOrder: e.JoinOrder}
		if p := g.participants[e.ParticipantID]; p != nil {
			s.Name, s.Unit = p.Name, p.Unit
		}
		top = append(top, s)
	}
	return &wire.Standings{Final: final, Players: len(lb), Top: top}, nil
}

// sendPersonal sends each phone of this instance the shared frame of a reveal or the
// standings with its own part added ("result" or "me"): one read of the answers and the
// leaderboard, then one frame per phone. If those cannot be read, phones get the shared frame.
func (g *Game) sendPersonal(ev Event, phones []*Conn) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(g.e.ctx, 5*time.Second)
	defer cancel()
	shared := func(err error) {
		g.e.log.Error("personal frames", slog.String("contest", g.id), slog.Any("error", err))
		for _, c := range phones {
			c.send(outFrame{data: ev.Frame})
		}
	}
	lb, err := g.e.cfg.Live.Leaderboard(ctx, g.id)
	if err != nil {
		shared(err)
		return
	}
	entries := make(map[string]Entry, len(lb))
	for _, e := range lb {
		entries[e.ParticipantID] = e
	}
	var answers map[string]AnswerRecord
	if ev.Personal == "result" {
		recs, err := g.e.cfg.Live.Answers(ctx, g.id, ev.ItemID)
		if err != nil {
			shared(err)
			return
		}
		answers = make(map[string]AnswerRecord, len(recs))
		for _, r := range recs {
			answers[r.ParticipantID] = r
		}
	}
	for _, c := range phones {
		pid := c.participantID()
		e := entries[pid]
		var part any = wire.MyPlace{Score: e.Score, Rank: e.Rank, Players: len(lb)}
		if ev.Personal == "result" {
			rec, ok := answers[pid]
			part = resultFor(ev.ItemID, rec, ok, e, len(lb))
		}
		c.send(outFrame{data: withMember(ev.Frame, ev.Personal, part), pooled: true})
	}
	g.e.log.Debug("personal frames queued", slog.String("contest", g.id), slog.String("part", ev.Personal),
		slog.Int("phones", len(phones)), slog.Duration("took", time.Since(start)))
}

// withMember returns the JSON object frame with one more member, key, holding v, in a buffer
// from framePool that the writer gives back once the frame is written.
func withMember(frame []byte, key string, v any) []byte {
	part := mustJSON(v)
	out := getFrameBuf(len(frame) + len(key) + len(part) + 4)
	out = append(out, frame[:len(frame)-1]...)
	if len(frame) > 2 {
		out = append(out, ',')
	}
	out = append(out, '"')
	out = append(out, key...)
	out = append(out, `":`...)
	out = append(out, part...)
	return append(out, '}')
}
