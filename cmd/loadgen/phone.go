package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// answerState is one phone's answer to one question.
type answerState struct {
	itemID   string
	id       string
	choice   int      // the option planned: the key, or another for a wrong answer
	resp     response // what was sent for it
	sent     bool
	lastSent time.Time
	sends    int
	acks     int
	acked    bool
	failed   bool // refused with an error other than retry
	refused  bool // refused on purpose: the phone is out of an elimination round
}

// resultRec is what a phone learnt of one question at its reveal.
type resultRec struct {
	got    bool
	points int
	score  int
}

// meRec is a phone's own place, from its standings frame.
type meRec struct {
	got     bool
	score   int
	rank    int
	players int
}

// phone is one simulated contestant. Everything in it belongs to its own goroutine (join,
// then run); the driver reads it only after that goroutine has returned.
type phone struct {
	r    *run
	i    int
	node int // the node it is connected to, or was last
	conn *wsConn

	token, participantID string
	lastSeq              int64

	q        int // index of the current item, -1 before the first
	itemID   string
	gotAt    time.Time // when the current item reached this phone
	shown    []string  // the current item's options as shown (an ordering question's shuffled)
	hideKey  bool      // between an item and its reveal: no frame may carry "correct"
	st       step
	dropped  bool
	resumed  bool
	finished bool

	answerC, dropC, retryC <-chan time.Time

	items   []seenItem // each question's item as this phone was first shown it
	answers []answerState
	results []resultRec
	final   meRec

	elim *elimPhone // what an elimination round adds, nil in other runs
	buzz *buzzPhone // what a buzzer round adds, nil in other runs
}

// newPhone makes phone i, which joins node i modulo the nodes: phones spread round-robin.
func newPhone(r *run, i int) *phone {
	p := &phone{r: r, i: i, node: i % r.dialer.nodes(), q: -1, items: make([]seenItem, r.cfg.Questions),
		answers: make([]answerState, r.cfg.Questions), results: make([]resultRec, r.cfg.Questions)}
	switch r.cfg.Round {
	case roundElimination:
		p.elim = newElimPhone(r.cfg.Questions)
	case roundBuzzer:
		p.buzz = newBuzzPhone(r.cfg.Questions, r.cfg.Steal)
	}
	return p
}

// problem records a failed check of this phone.
func (p *phone) problem(format string, args ...any) {
	who := fmt.Sprintf("phone %d: ", p.i)
	if p.r.dialer.nodes() > 1 {
		who = fmt.Sprintf("phone %d (node %d): ", p.i, p.node)
	}
	p.r.problems.add(who + fmt.Sprintf(format, args...))
}

// join dials, joins the contest with its PIN and waits for the lobby snapshot. It retries
// when the server says it is unavailable for a moment.
func (p *phone) join(ctx context.Context, pin string) error {
	start := time.Now()
	for attempt := 1; ; attempt++ {
		err := p.tryJoin(ctx, pin)
		if err == nil {
			p.r.joinLat.add(ms(time.Since(start)))
			return nil
		}
		var unavailable errUnavailable
		if !errors.As(err, &unavailable) || attempt == 5 {
			return err
		}
		if !sleep(ctx, time.Second) {
			return ctx.Err()
		}
	}
}

// errUnavailable is the server's "try again in a moment".
type errUnavailable struct{ msg string }

func (e errUnavailable) Error() string { return "server unavailable: " + e.msg }

func (p *phone) tryJoin(ctx context.Context, pin string) error {
	c, err := p.r.dialer.dial(ctx, p.node)
	if err != nil {
		return err
	}
	err = c.send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: fmt.Sprintf("Thí sinh %05d", p.i+1), Unit: fmt.Sprintf("Chi bộ số %d", p.i%97+1)})
	if err == nil {
		err = p.greet(ctx, c, "lobby")
	}
	if err != nil {
		c.abort()
		return fmt.Errorf("join: %w", err)
	}
	p.conn = c
	return nil
}

// greet waits for hello and the state snapshot after a join or resume, and applies the
// snapshot; want is the phase a join expects ("" for a resume).
func (p *phone) greet(ctx context.Context, c *wsConn, want string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, f, err := c.next(ctx)
	if err != nil {
		return fmt.Errorf("waiting for hello: %w", err)
	}
	switch {
	case f.T == wire.TError && f.Code() == "unavailable":
		return errUnavailable{f.Error().Message}
	case f.T != wire.THello:
		return fmt.Errorf("got %s instead of hello", f.Raw)
	}
	h := f.Hello()
	if p.token != "" && (h.Token != p.token || h.ParticipantID != p.participantID) {
		p.problem("resumed as %s, joined as %s", h.ParticipantID, p.participantID)
	}
	p.token, p.participantID = h.Token, h.ParticipantID
	m, f, err := c.next(ctx)
	if err != nil {
		return fmt.Errorf("waiting for state: %w", err)
	}
	if f.T == wire.TError && f.Code() == "unavailable" {
		return errUnavailable{f.Error().Message}
	} else if f.T != wire.TState {
		return fmt.Errorf("got %s instead of state", f.Raw)
	}
	s := f.State()
	if (s.Phase == "item_open" || s.Phase == "item_closed") && bytes.Contains(f.Raw, []byte(`"correct"`)) {
		p.problem("a snapshot before the reveal holds the answer key: %s", f.Raw)
	}
	if want != "" && s.Phase != want {
		return fmt.Errorf("joined into phase %q, want %q", s.Phase, want)
	}
	p.lastSeq = max(p.lastSeq, s.Seq)
	if want == "" {
		p.resumed = true
		p.applySnapshot(s, m.at)
	}
	return nil
}

// applySnapshot picks up where the phone was after a resume.
func (p *phone) applySnapshot(s wire.State, at time.Time) {
	if s.Item != nil && s.Item.ItemID != p.itemID && s.Phase == "item_open" {
		// The phone was away when this item opened; it learns of it now, too late to time it.
		p.startItem(s.Item.Index, s.Item.ItemID, s.Item.ClosesAt, s.Item.Options, at)
	}
	if p.q >= 0 && s.Item != nil && s.Item.ItemID == p.itemID {
		// Closing early moves the deadline; until then every node must show the same one.
		if was := p.items[p.q].ClosesAt; s.Phase == "item_open" && s.Item.ClosesAt != was {
			p.problem("question %d: a snapshot says the item closes at %d, it was shown closing at %d", p.q+1, s.Item.ClosesAt, was)
		}
		a := &p.answers[p.q]
		switch {
		case a.acked && (s.Answer == nil || s.Answer.AnswerID != a.id):
			p.problem("question %d: the snapshot after resume does not hold the acked answer %s: %+v", p.q+1, a.id, s.Answer)
		case !a.acked && a.sent && s.Answer != nil && s.Answer.AnswerID != a.id:
			p.problem("question %d: the snapshot holds answer %s, this phone sent only %s", p.q+1, s.Answer.AnswerID, a.id)
		}
		switch {
		case a.sent && !a.acked && !a.failed:
			// Resent in any phase: an answer stored before the question closed (by itself,
			// once everyone had answered, while this phone was away) still gets its ack.
			p.r.resends.Add(1)
			p.sendAnswer()
		case s.Phase == "item_open" && !a.sent && !a.failed && p.st.Action != skip:
			p.answerC = time.After(max(0, p.st.Think-time.Since(p.gotAt)))
		}
	}
	if s.Result != nil {
		p.onResult(*s.Result)
	}
	if s.Phase == "finished" {
		p.finished = true
	}
	if s.Phase == "standings" || s.Phase == "finished" {
		p.onMe(meRec{got: true, score: s.Me.Score, rank: s.Me.Rank, players: s.Me.Players}, at)
	}
	p.maybeSettle()
}

// run plays the contest until ctx ends.
func (p *phone) run(ctx context.Context) {
	defer func() {
		if p.conn != nil {
			p.conn.abort()
		}
	}()
	// Phones ping every 5–10 s (PROTOCOL.md); spread so they do not all ping at once.
	ping := time.NewTicker(5*time.Second + time.Duration(rand.Int64N(int64(5*time.Second))))
	defer ping.Stop()
	if p.buzz != nil {
		p.ping() // the clock offset its presses aim by
	}
	for {
		var in <-chan inbound
		if p.conn != nil {
			in = p.conn.in
		}
		select {
		case <-ctx.Done():
			return
		case m, ok := <-in:
			if !ok {
				p.lost(ctx)
				continue
			}
			p.handle(m)
		case <-p.answerC:
			p.answerC = nil
			p.sendAnswer()
			if p.st.Drop == dropAfterSend && !p.dropped {
				p.drop(ctx)
			}
		case <-p.retryC:
			p.retryC = nil
			p.sendAnswer()
		case <-p.dropC:
			p.dropC = nil
			p.drop(ctx)
		case <-p.pressC():
			p.press()
		case <-ping.C:
			if p.conn != nil {
				_ = p.conn.send(wire.ClientFrame{T: wire.TPing, ClientTime: time.Now().UnixMilli()})
			}
		}
	}
}

// strictEvery is how often a phone decodes its frames strictly (livetest.Parse: no member the
// wire types lack, no null arrays); the others decode quickly, so that at ten thousand phones
// the load generator's cores measure the server rather than its own checks.
const strictEvery = 50

// handle acts on one frame.
func (p *phone) handle(m inbound) {
	parse := livetest.ParseQuick
	if p.i%strictEvery == 0 {
		parse = livetest.Parse
	}
	f, err := parse(m.data, m.at)
	if err != nil {
		p.problem("%v", err)
		return
	}
	p.lastSeq = max(p.lastSeq, f.Seq)
	s := f.State()
	if f.T == wire.TReveal || f.T == wire.TState && s.Phase != "item_open" && s.Phase != "item_closed" {
		p.hideKey = false
	}
	if p.hideKey && bytes.Contains(f.Raw, []byte(`"correct"`)) {
		p.problem("question %d: a %q frame before the reveal holds the answer key: %s", p.q+1, f.T, f.Raw)
	}
	switch f.T {
	case wire.TItem:
		it := f.Item()
		p.r.fanout.add(float64(f.At.UnixMicro())/1000 - float64(it.OpensAt))
		if p.buzz != nil {
			p.buzz.opensAt = it.OpensAt
		}
		p.startItem(it.Index, it.ItemID, it.ClosesAt, it.Options, f.At)
	case wire.TAck:
		p.onAck(f.Ack(), f)
	case wire.TError:
		p.onError(f.Error(), f)
	case wire.TReveal:
		res := f.Reveal().Result
		if res == nil {
			p.problem("question %d: a reveal without this phone's result: %s", p.q+1, f.Raw)
			return
		}
		p.onResult(*res)
	case wire.TPhase:
		if f.Phase().Phase == "finished" {
			p.finished = true
		}
	case wire.TStandings:
		st := f.Standings()
		if st.Me == nil {
			p.problem("standings without this phone's rank: %s", f.Raw)
			return
		}
		p.finished = p.finished || st.Final
		p.onMe(meRec{got: true, score: st.Me.Score, rank: st.Me.Rank, players: st.Me.Players}, f.At)
	case wire.TState:
		// The server resends snapshots when events may have been lost.
		p.applySnapshot(s, f.At)
	case wire.TSurvivors:
		p.onSurvivors(f)
	case wire.TBuzz:
		p.onBuzz(f)
	case wire.TPressed:
		p.onPressed(f)
	case wire.TPong:
		p.onPong(f.Pong(), f.At)
	case wire.TClosed:
	default:
		p.problem("unexpected frame %s", f.Raw)
	}
}

// startItem begins question idx, shown at at: the answer after the planned think time, the
// planned drop.
func (p *phone) startItem(idx int, itemID string, closesAt int64, shown []string, at time.Time) {
	if idx < 0 || idx >= len(p.answers) {
		p.problem("item index %d out of range", idx)
		return
	}
	if p.q >= 0 && idx <= p.q {
		p.problem("item %d again after item %d", idx+1, p.q+1)
		return
	}
	p.q, p.itemID, p.gotAt, p.hideKey, p.shown = idx, itemID, at, true, shown
	p.items[idx] = seenItem{ID: itemID, Index: idx, ClosesAt: closesAt}
	p.st = p.r.plan[idx][p.i]
	p.dropped, p.resumed = false, false
	p.answerC, p.dropC, p.retryC = nil, nil, nil
	p.answers[idx] = answerState{itemID: itemID}
	if p.st.Action != skip {
		p.answerC = time.After(max(0, p.st.Think-time.Since(at)))
	}
	if p.st.Drop == dropIdle || p.st.Drop == dropBeforeAnswer {
		p.dropC = time.After(max(0, p.st.DropAt-time.Since(at)))
	}
	if p.buzz != nil {
		p.aimPress(idx)
	}
	p.r.barriers[idx].item.mark(p.i)
	p.maybeSettle()
}

// sendAnswer sends the planned answer, or again the one sent already.
func (p *phone) sendAnswer() {
	if p.q < 0 || p.st.Action == skip || p.conn == nil {
		return
	}
	a := &p.answers[p.q]
	if a.acked || a.failed {
		return
	}
	if !a.sent {
		resp, err := responseFor(p.r.questionKind(p.q), p.st.Choice, p.r.correct(p.q), p.shown)
		if err != nil {
			p.problem("question %d: %v", p.q+1, err)
			a.failed = true
			return
		}
		a.id, a.choice, a.resp, a.sent = fmt.Sprintf("q%d-p%d", p.q+1, p.i+1), p.st.Choice, resp, true
		p.r.answersSent.Add(1)
	}
	a.lastSent = time.Now()
	a.sends++
	// A failed write means the connection is going: the reader notices, and the phone resends
	// after it resumed.
	_ = p.conn.send(wire.ClientFrame{T: wire.TAnswer, ItemID: a.itemID, AnswerID: a.id, Choice: a.resp.choice, Text: a.resp.text, Order: a.resp.order})
}

func (p *phone) onAck(ack wire.Ack, f livetest.Frame) {
	if p.q < 0 || ack.ItemID != p.itemID {
		p.problem("ack for item %s, not the current one: %s", ack.ItemID, f.Raw)
		return
	}
	a := &p.answers[p.q]
	switch {
	case !a.sent:
		p.problem("question %d: ack for an answer never sent: %s", p.q+1, f.Raw)
		return
	case ack.AnswerID != a.id || !a.resp.is(ack.Choice, ack.Text, ack.Order):
		p.problem("question %d: ack %s for the answer %s %+v", p.q+1, f.Raw, a.id, a.resp)
	}
	a.acks++
	if a.acks > a.sends {
		p.problem("question %d: %d acks for %d sends of %s", p.q+1, a.acks, a.sends, a.id)
	}
	if !a.acked {
		a.acked = true
		p.r.answersAcked.Add(1)
		p.r.ackLat.add(ms(f.At.Sub(a.lastSent)))
	}
	if p.st.Drop == dropAfterAck && !p.dropped {
		p.dropC = time.After(time.Duration(rand.Int64N(int64(50 * time.Millisecond))))
	}
	p.maybeSettle()
}

func (p *phone) onError(e wire.Error, f livetest.Frame) {
	var a *answerState
	if p.q >= 0 && e.AnswerID != "" && e.AnswerID == p.answers[p.q].id {
		a = &p.answers[p.q]
	}
	if e.Code == "retry" && a != nil {
		// The server could not store it just now: the same frame again after a second.
		p.r.retries.Add(1)
		p.retryC = time.After(time.Second)
		return
	}
	if p.expectedRefusal(e, a) {
		return
	}
	p.problem("error frame %s", f.Raw)
	if a != nil {
		a.failed = true
		p.maybeSettle()
	}
}

// onResult checks the result in a reveal frame against what the phone sent and was acked.
func (p *phone) onResult(res wire.Result) {
	q := p.q
	if q < 0 || res.ItemID != p.itemID {
		p.problem("result for item %s, not the current one", res.ItemID)
		return
	}
	if p.results[q].got {
		return
	}
	a := p.answers[q]
	switch {
	case p.buzz != nil:
		p.checkBuzzResult(q, res)
	case a.acked:
		good := a.choice == p.r.correct(q)
		if !res.Answered || !a.resp.is(res.Choice, res.Text, res.Order) || res.Correct != good {
			p.problem("question %d: result %+v for the acked answer %+v (right: %v)", q+1, res, a.resp, good)
		}
		if good && (res.Points < questionPoints/2 || res.Points > questionPoints) || !good && res.Points != 0 {
			p.problem("question %d: %d points for a %s answer", q+1, res.Points, map[bool]string{true: "right", false: "wrong"}[good])
		}
	case !a.sent && (res.Answered || res.Points != 0):
		p.problem("question %d: result %+v though this phone never answered", q+1, res)
	}
	p.results[q] = resultRec{got: true, points: res.Points, score: res.Score}
	if p.elim != nil {
		p.elim.resultOut[q], p.elim.resultGot[q] = res.Out, true
	}
	if sum := p.pointsUpTo(q); res.Score != sum {
		p.problem("question %d: result score %d, the points of its results add up to %d", q+1, res.Score, sum)
	}
	p.r.barriers[q].results.mark(p.i)
}

func (p *phone) pointsUpTo(q int) int {
	sum := 0
	for _, r := range p.results[:q+1] {
		sum += r.points
	}
	return sum
}

// onMe records the phone's rank after the standings of the current question, or the final one.
func (p *phone) onMe(me meRec, at time.Time) {
	rd := p.r.final
	if p.finished {
		p.final = me
	} else if p.q >= 0 {
		rd = p.r.barriers[p.q]
		if sum := p.pointsUpTo(p.q); me.score != sum {
			p.problem("question %d: me score %d, the points of its results add up to %d", p.q+1, me.score, sum)
		}
	} else {
		p.problem("standings with a rank before any question")
		return
	}
	if rd.me.mark(p.i) {
		rd.noteMe(at)
	}
}

// maybeSettle tells the driver when this phone is done with the open question: answered and
// acked (or refused) if it answers, back from its drop if it drops.
func (p *phone) maybeSettle() {
	if p.q < 0 {
		return
	}
	a := p.answers[p.q]
	answered := p.st.Action == skip || a.acked || a.failed
	back := p.st.Drop == noDrop || p.resumed
	if answered && back {
		p.r.barriers[p.q].settled.mark(p.i)
	}
}

// drop loses the connection on purpose, stays away a moment and resumes.
func (p *phone) drop(ctx context.Context) {
	if p.dropped || p.conn == nil {
		return
	}
	p.dropped = true
	p.r.drops.Add(1)
	p.conn.abort()
	p.conn = nil
	if !sleep(ctx, p.st.Back) {
		return
	}
	p.resume(ctx)
}

// lost handles a connection the server closed.
func (p *phone) lost(ctx context.Context) {
	code := p.conn.code
	p.conn = nil
	if ctx.Err() != nil {
		return
	}
	p.r.serverCloses.Add(1)
	p.r.logf("phone %d: the server closed the connection (code %d); resuming", p.i, code)
	if code == 4001 || code == 4002 {
		p.problem("closed with code %d", code)
		return
	}
	p.resume(ctx)
}

// resume reconnects with the phone's token, a few times if need be, each time to the next
// node, so that with several nodes every resume crosses to another server.
func (p *phone) resume(ctx context.Context) {
	for attempt := 1; ctx.Err() == nil; attempt++ {
		err := p.tryResume(ctx)
		if err == nil {
			return
		}
		if attempt == 5 {
			p.problem("resume failed: %v", err)
			return
		}
		sleep(ctx, time.Second)
	}
}

func (p *phone) tryResume(ctx context.Context) error {
	p.node = (p.node + 1) % p.r.dialer.nodes()
	c, err := p.r.dialer.dial(ctx, p.node)
	if err != nil {
		return err
	}
	if err := c.send(wire.ClientFrame{T: wire.TResume, Token: p.token, LastSeq: p.lastSeq}); err != nil {
		c.abort()
		return err
	}
	p.conn = c
	if err := p.greet(ctx, c, ""); err != nil {
		c.abort()
		p.conn = nil
		return fmt.Errorf("resume: %w", err)
	}
	return nil
}

// sleep waits d or until ctx ends; it reports whether the whole wait happened.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
