package main

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// pressWindow is how far apart the phones of a buzzer question press: each aims at the same
// server instant plus its own jitter within it, so that the server has to sort presses that
// arrive all but together.
const pressWindow = 50 * time.Millisecond

// buzzPhone is what a phone keeps of a buzzer round: its clock offset from ping and pong, the
// press it is about to make, and per question and attempt (0, and 1 for the steal) its press,
// the server's answer to it and the winner it was told.
type buzzPhone struct {
	offsetMs float64 // server clock minus this phone's, in ms
	opensAt  int64   // of the item being played, server ms
	attempt  int     // of the open question: 0, 1 once a steal opened
	timer    <-chan time.Time

	presses [][]pressRec // [question][attempt]
}

// pressRec is one press of one attempt, as the phone made it and was told.
type pressRec struct {
	sentAt    time.Time
	pressedAt int64 // the at of its pressed reply, 0 for none
	taken     bool  // its press got buzz_taken
	out       bool  // its press got buzz_out: it was marked wrong on this question
	winner    string
}

// attempts is how many attempts each question has: the first presses, and the steal when
// the round has steals (the first winner is then marked wrong).
func attempts(steal int) int {
	if steal > 0 {
		return 2
	}
	return 1
}

func newBuzzPhone(questions, steal int) *buzzPhone {
	b := &buzzPhone{presses: make([][]pressRec, questions)}
	for q := range b.presses {
		b.presses[q] = make([]pressRec, attempts(steal))
	}
	return b
}

// pressC is when the phone presses the buzzer; nil when it is not about to.
func (p *phone) pressC() <-chan time.Time {
	if p.buzz == nil {
		return nil
	}
	return p.buzz.timer
}

// ping asks the server's time, for the clock offset.
func (p *phone) ping() {
	if p.conn != nil {
		_ = p.conn.send(wire.ClientFrame{T: wire.TPing, ClientTime: time.Now().UnixMilli()})
	}
}

// onPong updates the clock offset as PROTOCOL.md's "Clock" says; only buzzer phones need it.
func (p *phone) onPong(pong wire.Pong, at time.Time) {
	if p.buzz == nil || pong.ClientTime == 0 {
		return
	}
	now := float64(at.UnixMicro()) / 1000
	rtt := now - float64(pong.ClientTime)
	p.buzz.offsetMs = float64(pong.ServerTime) + rtt/2 - now
}

// aimPress sets the first press of question idx: at the common server instant (the item's
// opening plus the lead) plus this phone's jitter.
func (p *phone) aimPress(idx int) {
	p.buzz.attempt = 0
	p.aimAt(p.buzz.opensAt+p.r.buzz.lead.Milliseconds(), p.r.buzz.jitter[idx][p.i])
}

// aimAt sets a press at server time ms plus jitter, turned into the phone's own clock by the
// offset.
func (p *phone) aimAt(ms int64, jitter time.Duration) {
	local := time.UnixMicro(int64((float64(ms) - p.buzz.offsetMs) * 1000)).Add(jitter)
	p.buzz.timer = time.After(max(0, time.Until(local)))
}

// press presses the buzzer once for the open question's attempt.
func (p *phone) press() {
	p.buzz.timer = nil
	if p.q < 0 || p.conn == nil {
		return
	}
	pr := &p.buzz.presses[p.q][p.buzz.attempt]
	if !pr.sentAt.IsZero() {
		return
	}
	now := time.Now()
	pr.sentAt = now
	p.r.buzz.qs[p.q][p.buzz.attempt].notePress(now)
	// A failed write means the connection is going; there is no resume in a buzzer run, so
	// the missing reply is reported.
	_ = p.conn.send(wire.ClientFrame{T: wire.TBuzz, ItemID: p.itemID})
}

// onPressed records that the press counts and when it reached the server.
func (p *phone) onPressed(f livetest.Frame) {
	var pr wire.Pressed
	if p.buzz == nil || p.q < 0 || f.Decode(&pr) != nil || pr.ItemID != p.itemID || pr.Attempt < 0 || pr.Attempt >= len(p.buzz.presses[p.q]) {
		p.problem("unexpected frame %s", f.Raw)
		return
	}
	rec := &p.buzz.presses[p.q][pr.Attempt]
	if rec.pressedAt != 0 || rec.taken {
		p.problem("question %d: a second reply to one press: %s", p.q+1, f.Raw)
		return
	}
	rec.pressedAt = pr.At
	p.r.buzz.qs[p.q][pr.Attempt].replied.mark(p.i)
}

// onBuzzTaken records a press that came after the winner was named (or, with out, from the
// contestant marked wrong).
func (p *phone) onBuzzTaken(out bool) {
	a := p.buzz.attempt
	if out {
		p.buzz.presses[p.q][a].out = true
		p.r.buzz.qs[p.q][a].replied.mark(p.i)
		return
	}
	p.buzz.presses[p.q][a].taken = true
	p.r.buzz.taken.Add(1)
	bq := p.r.buzz.qs[p.q][a]
	bq.taken.Add(1)
	bq.replied.mark(p.i)
}

// onBuzz records the winner each attempt's first buzz frame with one names, and when it
// came; when a steal opens to this phone, it aims its second press.
func (p *phone) onBuzz(f livetest.Frame) {
	var b wire.Buzz
	if p.buzz == nil || p.q < 0 || f.Decode(&b) != nil {
		p.problem("unexpected frame %s", f.Raw)
		return
	}
	switch {
	case b.ItemID != p.itemID:
		p.problem("question %d: a buzz frame of item %s: %s", p.q+1, b.ItemID, f.Raw)
		return
	case b.Attempt < 0 || b.Attempt >= len(p.buzz.presses[p.q]):
		p.problem("question %d: a buzz frame of attempt %d, loadgen opens %d: %s", p.q+1, b.Attempt, len(p.buzz.presses[p.q]), f.Raw)
		return
	case b.Winner == nil && b.Attempt > p.buzz.attempt && b.StealUntil > 0:
		// The steal is open: everyone not marked wrong presses again, at the common instant
		// the lead after it opened.
		// The one marked wrong presses too, as a hopeful contestant would: it must be
		// refused (buzz_out).
		p.buzz.attempt = b.Attempt
		opened := b.StealUntil - int64(p.r.cfg.Steal)*1000
		p.aimAt(opened+p.r.buzz.lead.Milliseconds(), p.r.buzz.jitter[p.q][p.i])
		return
	case b.Winner == nil:
		return
	}
	rec := &p.buzz.presses[p.q][b.Attempt]
	switch was := rec.winner; {
	case was == "":
		rec.winner = b.Winner.ParticipantID
		bq := p.r.buzz.qs[p.q][b.Attempt]
		bq.toldAt.add(float64(f.At.UnixMicro()) / 1000)
		bq.told.mark(p.i)
	case was != b.Winner.ParticipantID:
		p.problem("question %d: told %s won, then %s", p.q+1, was, b.Winner.ParticipantID)
	}
}

// checkBuzzResult checks a buzzer question's result: the question's points for the winner
// marked right (the last attempt's), none for the others (a wrong answer costs nothing here).
func (p *phone) checkBuzzResult(q int, res wire.Result) {
	want, recs := 0, p.buzz.presses[q]
	w := recs[len(recs)-1].winner
	if w != "" && w == p.participantID {
		want = questionPoints
	}
	if res.Points != want {
		p.problem("question %d: %d points in the result, want %d (winner %q)", q+1, res.Points, want, w)
	}
}

// buzzAttempt is one attempt of a buzzer question as the driver follows it.
type buzzAttempt struct {
	replied    *countdown   // the phone's press was answered, pressed or buzz_taken
	told       *countdown   // the phone was told the winner
	firstPress atomic.Int64 // unix ns of the earliest press sent
	lastPress  atomic.Int64 // and of the latest
	taken      atomic.Int64 // presses refused as too late
	toldAt     samples      // unix ms, when each phone was told the winner
}

func (b *buzzAttempt) notePress(at time.Time) {
	ns := at.UnixNano()
	for {
		cur := b.firstPress.Load()
		if cur != 0 && cur <= ns || b.firstPress.CompareAndSwap(cur, ns) {
			break
		}
	}
	for {
		cur := b.lastPress.Load()
		if cur >= ns || b.lastPress.CompareAndSwap(cur, ns) {
			return
		}
	}
}

// buzzRun is the organiser's side of a buzzer round.
type buzzRun struct {
	lead   time.Duration     // from the item's (or steal's) opening to the instant phones aim at
	jitter [][]time.Duration // [question][phone], within pressWindow
	qs     [][]*buzzAttempt  // [question][attempt]
	taken  atomic.Int64
	lat    samples // first press sent to the winner on each phone, ms
	// spreadMs is the longest, over the attempts, from the first press sent to the last:
	// above pressWindow, loadgen itself was late (its timers on busy cores).
	spreadMs float64
}

func newBuzzRun(seed uint64, lead time.Duration, steal, players, joined, questions int) *buzzRun {
	b := &buzzRun{lead: lead, jitter: pressJitter(seed, players, questions), qs: make([][]*buzzAttempt, questions)}
	for q := range b.qs {
		for range attempts(steal) {
			b.qs[q] = append(b.qs[q], &buzzAttempt{replied: newCountdown(players, joined), told: newCountdown(players, joined)})
		}
	}
	return b
}

// pressJitter draws, from the seed alone, each phone's delay within pressWindow for each
// question.
func pressJitter(seed uint64, players, questions int) [][]time.Duration {
	out := make([][]time.Duration, questions)
	for q := range out {
		rng := rand.New(rand.NewPCG(seed, 1<<32+uint64(q)))
		out[q] = make([]time.Duration, players)
		for i := range out[q] {
			out[q][i] = time.Duration(rng.Int64N(int64(pressWindow) + 1))
		}
	}
	return out
}

// buzzerQuestion plays question q of a buzzer round: next, every phone presses, the winner
// reaches every phone; with steals the host marks it wrong and everyone presses again (its
// own press refused); the host marks the (last) winner right; reveal, results, standings.
func (r *run) buzzerQuestion(ctx context.Context, q int) error {
	rd := r.barriers[q]
	quiet()
	start := r.clock()
	if err := r.command(ctx, "next"); err != nil {
		return err
	}
	if missing := rd.item.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("question %d: %d phones never got the item", q+1, missing))
	}
	line := fmt.Sprintf("question %d/%d: item at every phone %s", q+1, r.cfg.Questions, r.since(start))
	if !r.host.await(ctx, 10*time.Second, func() bool { return r.host.itemIdx == q }) {
		return fmt.Errorf("question %d: the host socket never saw the item", q+1)
	}
	for a, bq := range r.buzz.qs[q] {
		what := fmt.Sprintf("question %d", q+1)
		if a > 0 {
			what += ", the steal,"
			if err := r.commandWith(ctx, "mark", map[string]any{"right": false}); err != nil {
				return err
			}
		}
		if missing := bq.replied.wait(ctx, r.host.deadline()); missing > 0 {
			r.problems.add(fmt.Sprintf("%s: %d presses got neither pressed nor buzz_taken", what, missing))
		}
		pressed := r.since(start)
		if !r.host.await(ctx, 10*time.Second, func() bool { return r.host.winners[[2]int{q, a}] != "" }) {
			return fmt.Errorf("%s: the host socket was never told a winner", what)
		}
		if missing := bq.told.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
			r.problems.add(fmt.Sprintf("%s: %d phones were never told the winner", what, missing))
		}
		first := float64(bq.firstPress.Load()) / 1e6
		spread := float64(bq.lastPress.Load())/1e6 - first
		r.buzz.spreadMs = max(r.buzz.spreadMs, spread)
		bq.toldAt.mu.Lock()
		for _, at := range bq.toldAt.xs {
			r.buzz.lat.add(at - first)
		}
		bq.toldAt.mu.Unlock()
		prefix := "; "
		if a > 0 {
			prefix = "; steal: "
		}
		line += prefix + fmt.Sprintf("every press answered %s (sent within %.0f ms, %d too late); winner at every phone %s",
			pressed, spread, bq.taken.Load(), r.since(start))
	}
	if err := r.commandWith(ctx, "mark", map[string]any{"right": true}); err != nil {
		return err
	}
	sleep(ctx, r.cfg.Pause)
	quiet()
	revealAt := r.clock()
	if err := r.command(ctx, "reveal"); err != nil {
		return err
	}
	if missing := rd.results.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("question %d: %d phones never got their result", q+1, missing))
	}
	line += "; reveal to every result " + r.since(revealAt)
	quiet()
	standingsAt := r.clock()
	if err := r.command(ctx, "standings"); err != nil {
		return err
	}
	r.awaitMe(ctx, rd, standingsAt.at, fmt.Sprintf("question %d", q+1))
	r.logf("%s; standings to every rank %s", line, r.since(standingsAt))
	return nil
}

// buzzOutcome is one phone's press of one buzzer question and what it was told.
type buzzOutcome struct {
	Phone         int
	ParticipantID string
	JoinOrder     int
	PressedAt     int64 // the server's at in its pressed reply, 0 for none
	Taken         bool  // its press got buzz_taken
	Winner        string
}

// checkBuzzer checks question q of a buzzer round: every press was answered; the host and
// every phone were told the same one winner; and the winner is the press the server got
// first (by its at, equal milliseconds: who joined first) among those it said count.
func checkBuzzer(what string, outs []buzzOutcome, hostWinner string) []string {
	var problems []string
	var first *buzzOutcome
	for i := range outs {
		o := &outs[i]
		switch {
		case o.PressedAt == 0 && !o.Taken:
			problems = append(problems, fmt.Sprintf("%s: phone %d pressed and got neither pressed nor buzz_taken", what, o.Phone))
		case o.PressedAt != 0 && (first == nil || cmp.Or(cmp.Compare(o.PressedAt, first.PressedAt), cmp.Compare(o.JoinOrder, first.JoinOrder)) < 0):
			first = o
		}
		if o.Winner != hostWinner {
			problems = append(problems, fmt.Sprintf("%s: phone %d was told %q won, the host %q", what, o.Phone, o.Winner, hostWinner))
		}
	}
	switch {
	case hostWinner == "":
		problems = append(problems, fmt.Sprintf("%s: no winner", what))
	case first == nil:
		problems = append(problems, fmt.Sprintf("%s: %s won, no press counted", what, hostWinner))
	case first.ParticipantID != hostWinner:
		problems = append(problems, fmt.Sprintf("%s: %s won, phone %d (%s) pressed first, at %d", what, hostWinner, first.Phone, first.ParticipantID, first.PressedAt))
	}
	return problems
}

// checkBuzzScores checks that each contestant's score in the results is the question's
// points for every question it won (every winner is marked right).
func checkBuzzScores(wins map[string]int, results []standing) []string {
	var problems []string
	for _, s := range results {
		if want := wins[s.ParticipantID] * questionPoints; s.Score != want {
			problems = append(problems, fmt.Sprintf("%s has %d points in the results, won %d questions: want %d", s.ParticipantID, s.Score, wins[s.ParticipantID], want))
		}
	}
	return problems
}

// checkBuzzerRun gathers the round from the phones and the host, once the phones'
// goroutines have returned, and checks it.
func (r *run) checkBuzzerRun(rep *Report, results []standing) []string {
	joinOrder := make(map[string]int, len(results))
	for _, s := range results {
		joinOrder[s.ParticipantID] = s.JoinOrder
	}
	var problems []string
	wins := map[string]int{}
	hw := r.host.shownWinners()
	for q := range r.cfg.Questions {
		var wrong string // marked wrong, whose press in the steal must be refused
		for a := range r.buzz.qs[q] {
			what := fmt.Sprintf("question %d", q+1)
			if a > 0 {
				what = fmt.Sprintf("question %d, steal %d", q+1, a)
			}
			outs := make([]buzzOutcome, 0, len(r.phones))
			for _, p := range r.phones {
				pr := p.buzz.presses[q][a]
				switch {
				case p.participantID == wrong && !pr.out:
					problems = append(problems, fmt.Sprintf("%s: phone %d, marked wrong, pressed and was not refused buzz_out (pressed at %d)", what, p.i, pr.pressedAt))
				case p.participantID == wrong:
					pr.taken = true // refused, as it should be: it takes no part in the steal
				case pr.out:
					problems = append(problems, fmt.Sprintf("%s: phone %d was refused buzz_out, never marked wrong", what, p.i))
				}
				outs = append(outs, buzzOutcome{Phone: p.i, ParticipantID: p.participantID, JoinOrder: joinOrder[p.participantID],
					PressedAt: pr.pressedAt, Taken: pr.taken, Winner: pr.winner})
			}
			w := hw[[2]int{q, a}]
			problems = append(problems, checkBuzzer(what, outs, w)...)
			wrong = w
		}
		if right := wrong; right != "" {
			wins[right]++ // the last attempt's winner is the one marked right
		}
	}
	winnersOK := len(problems) == 0
	scores := checkBuzzScores(wins, results)
	rep.WinnersOK, rep.BuzzScoresOK = ptr(winnersOK), ptr(len(scores) == 0)
	rep.BuzzTaken = ptr(int(r.buzz.taken.Load()))
	rep.BuzzSpreadMs = round1(r.buzz.spreadMs)
	rep.BuzzP50, rep.BuzzP99, rep.BuzzMax, rep.BuzzSamples = r.buzz.lat.summary()
	return append(problems, scores...)
}

// buzzerRound is the round of an -round buzzer contest, for POST /api/contests.
func buzzerRound(steal int) func(ids []string) map[string]any {
	return func(ids []string) map[string]any {
		return map[string]any{"title": "Giành quyền trả lời thử tải", "kind": roundBuzzer, "auto_close": false,
			"settings": map[string]any{"steal_sec": steal}, "question_ids": ids}
	}
}
