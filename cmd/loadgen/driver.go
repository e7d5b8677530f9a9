package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// countdown is a barrier the phones pass one by one; each phone counts once.
type countdown struct {
	left atomic.Int64
	seen []atomic.Bool
	done chan struct{}
}

func newCountdown(players, n int) *countdown {
	c := &countdown{seen: make([]atomic.Bool, players), done: make(chan struct{})}
	c.left.Store(int64(n))
	if n <= 0 {
		close(c.done)
	}
	return c
}

// mark counts phone i, once; it reports whether this was the first time.
func (c *countdown) mark(i int) bool {
	if !c.seen[i].CompareAndSwap(false, true) {
		return false
	}
	if c.left.Add(-1) == 0 {
		close(c.done)
	}
	return true
}

// wait waits until every phone passed or until the deadline; it returns how many did not.
func (c *countdown) wait(ctx context.Context, deadline time.Time) int {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-c.done:
	case <-t.C:
	case <-ctx.Done():
	}
	return int(max(0, c.left.Load()))
}

// barriers are what the driver waits for in one question (or the finish): every phone passing each.
type barriers struct {
	item    *countdown // the item reached the phone
	settled *countdown // answered and acked, back from a drop
	results *countdown // the phone holds its result
	me      *countdown // the phone holds its rank after the standings
	lastMe  atomic.Int64
}

func newBarriers(players, joined int) *barriers {
	return &barriers{item: newCountdown(players, joined), settled: newCountdown(players, joined),
		results: newCountdown(players, joined), me: newCountdown(players, joined)}
}

// noteMe remembers the latest time a phone received its rank.
func (b *barriers) noteMe(at time.Time) {
	ns := at.UnixNano()
	for {
		cur := b.lastMe.Load()
		if ns <= cur || b.lastMe.CompareAndSwap(cur, ns) {
			return
		}
	}
}

// problemLog counts failed checks and prints the first few of them.
type problemLog struct {
	mu     sync.Mutex
	n      int
	w      io.Writer
	start  time.Time
	shown  int
	limit  int
	hidden int
}

func (l *problemLog) add(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	if l.shown < l.limit {
		l.shown++
		fmt.Fprintf(l.w, "[%6.1fs] PROBLEM %s\n", time.Since(l.start).Seconds(), msg)
	} else {
		l.hidden++
	}
}

func (l *problemLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// run is one load test: the contest, its phones and what they measured.
type run struct {
	cfg      Config
	stderr   io.Writer
	start    time.Time
	org      *organiser
	host     *host   // the host socket on the first node, which the driver follows
	hosts    []*host // one host socket per node, hosts[0] being host
	dialer   *phoneDialer
	plan     [][]step
	correct  func(q int) int
	barriers []*barriers
	final    *barriers
	phones   []*phone
	problems *problemLog

	contestID string
	version   int64

	fanout, ackLat, joinLat samples

	answersSent, answersAcked, resends, retries, drops, serverCloses atomic.Int64
	// refused counts answers refused on purpose (a phone out of an elimination round),
	// rescued the contestants the rescues brought back.
	refused, rescued atomic.Int64
	elim             *elimRun // an elimination round's events, nil in other runs
	buzz             *buzzRun // a buzzer round's presses, nil in other runs
	standingsMs      float64
	lostCounted      bool
	// serverCPU reads the CPU seconds the spawned server used; nil with -url.
	serverCPU func() float64
}

// logf prints a progress line on stderr.
func (r *run) logf(format string, args ...any) {
	fmt.Fprintf(r.stderr, "[%6.1fs] %s\n", time.Since(r.start).Seconds(), fmt.Sprintf(format, args...))
}

// command sends an organiser command with the latest version known. A stale version (the
// deadline closed the item meanwhile) is retried with the version the host socket saw; a
// close that the deadline made needless is skipped.
func (r *run) command(ctx context.Context, cmd string) error {
	return r.commandWith(ctx, cmd, nil)
}

// commandWith sends a command with its arguments (a rescue's, a mark's), as command does.
func (r *run) commandWith(ctx context.Context, cmd string, args map[string]any) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		hv, phase := r.host.state()
		if cmd == "close" && phase != "item_open" && phase != "" {
			return nil
		}
		var v int64
		v, err = r.org.command(ctx, r.contestID, cmd, max(r.version, hv), args)
		if err == nil {
			r.version = max(r.version, v)
			return nil
		}
		var ae *apiError
		if !errors.As(err, &ae) || ae.Status != 409 {
			return err
		}
		r.host.await(ctx, 500*time.Millisecond, func() bool { return r.host.version > max(r.version, hv) })
	}
	return err
}

// join brings every phone into the lobby, a bounded number at a time.
func (r *run) join(ctx context.Context, pin string) []*phone {
	work := make(chan *phone)
	var mu sync.Mutex
	var joined []*phone
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range r.cfg.DialConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := p.join(ctx, pin); err != nil {
					if failed.Add(1) <= 10 {
						r.problems.add(fmt.Sprintf("phone %d: %v", p.i, err))
					} else {
						r.problems.add("a phone could not join")
					}
					continue
				}
				mu.Lock()
				joined = append(joined, p)
				n := len(joined)
				mu.Unlock()
				if n%1000 == 0 {
					r.logf("%d phones joined", n)
				}
			}
		}()
	}
feed:
	for i := range r.cfg.Players {
		select {
		case work <- newPhone(r, i):
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return joined
}

// stageClock marks the start of a stage: the time, and the CPU the server and loadgen had
// used, so a slow stage shows whether the server was busy, loadgen was, or neither (then
// something else on the machine had the cores).
type stageClock struct {
	at           time.Time
	server, self float64
}

func (r *run) clock() stageClock {
	c := stageClock{at: time.Now(), server: -1, self: selfCPUSeconds()}
	if r.serverCPU != nil {
		c.server = r.serverCPU()
	}
	return c
}

// since describes the stage begun at c.
func (r *run) since(c stageClock) string {
	now := r.clock()
	if c.server < 0 {
		return fmt.Sprintf("%d ms [loadgen %.2f CPU-s]", now.at.Sub(c.at).Milliseconds(), now.self-c.self)
	}
	return fmt.Sprintf("%d ms [server %.2f, loadgen %.2f CPU-s]", now.at.Sub(c.at).Milliseconds(), now.server-c.server, now.self-c.self)
}

// question plays one question: next, answers, close, reveal, results, standings.
func (r *run) question(ctx context.Context, q int) error {
	fanout, settled, results, err := r.playItem(ctx, q)
	if err != nil {
		return err
	}
	quiet()
	standingsAt := r.clock()
	if err := r.command(ctx, "standings"); err != nil {
		return err
	}
	r.awaitMe(ctx, r.barriers[q], standingsAt.at, fmt.Sprintf("question %d", q+1))
	r.logf("question %d/%d: item at every phone %s; all answered and back %s; reveal to every result %s; standings to every rank %s",
		q+1, r.cfg.Questions, fanout, settled, results, r.since(standingsAt))
	return nil
}

// playItem plays question q up to every phone's result: next, answers, close, reveal. It
// returns how long the item took to reach every phone, to be answered, and the reveal to
// reach every phone.
func (r *run) playItem(ctx context.Context, q int) (fanout, settled, results string, err error) {
	rd := r.barriers[q]
	quiet()
	start := r.clock()
	if err := r.command(ctx, "next"); err != nil {
		return "", "", "", err
	}
	missing := rd.item.wait(ctx, time.Now().Add(30*time.Second))
	fanout = r.since(start)
	if missing > 0 {
		r.problems.add(fmt.Sprintf("question %d: %d phones never got the item", q+1, missing))
	}
	if !r.host.await(ctx, 10*time.Second, func() bool { return r.host.itemIdx == q }) {
		return "", "", "", fmt.Errorf("question %d: the host socket never saw the item%s", q+1, r.host.endedWhy())
	}
	deadline := r.host.deadline()
	if missing := rd.settled.wait(ctx, deadline.Add(time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("question %d: %d phones had not answered, been acked or come back by the deadline", q+1, missing))
	}
	settled = r.since(start)
	if err := r.command(ctx, "close"); err != nil {
		return "", "", "", err
	}
	sleep(ctx, r.cfg.Pause)
	quiet()
	revealAt := r.clock()
	if err := r.command(ctx, "reveal"); err != nil {
		return "", "", "", err
	}
	if missing := rd.results.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("question %d: %d phones never got their result", q+1, missing))
	}
	return fanout, settled, r.since(revealAt), nil
}

// quiet collects loadgen's own garbage before a timed moment: ten thousand phones decoding a
// broadcast allocate in a burst, and a collection triggered by that burst would run on the
// shared cores while the very broadcast it is timing goes out.
func quiet() { runtime.GC() }

// awaitMe waits for every phone's rank after a standings command sent at from, and returns
// how long the last one took.
func (r *run) awaitMe(ctx context.Context, rd *barriers, from time.Time, what string) float64 {
	if missing := rd.me.wait(ctx, time.Now().Add(30*time.Second)); missing > 0 {
		r.problems.add(fmt.Sprintf("%s: %d phones never got their rank", what, missing))
		return 0
	}
	sms := ms(time.Unix(0, rd.lastMe.Load()).Sub(from))
	r.standingsMs = max(r.standingsMs, sms)
	return sms
}

// outcomes collects what the phones ended with. Their goroutines must have returned.
func (r *run) outcomes() ([]outcome, []sentAnswer, [][]int, []int) {
	outs := make([]outcome, 0, len(r.phones))
	var sent []sentAnswer
	acked := make([][]int, r.cfg.Questions)
	unacked := make([]int, r.cfg.Questions)
	for _, p := range r.phones {
		outs = append(outs, outcome{Phone: p.i, ParticipantID: p.participantID, Results: p.results, Final: p.final})
		for q, a := range p.answers {
			// An answer refused on purpose (out of an elimination round) is not stored, nor lost.
			if !a.sent || a.refused {
				continue
			}
			sent = append(sent, sentAnswer{Phone: p.i, ParticipantID: p.participantID, ItemID: a.itemID, AnswerID: a.id, Acked: a.acked})
			if a.acked {
				acked[q] = append(acked[q], a.choice)
			} else {
				unacked[q]++
			}
		}
	}
	return outs, sent, acked, unacked
}

// checkItems checks that every phone, on whichever node, was shown the item the first host
// socket saw for each question, with the same deadline. Their goroutines must have returned.
func (r *run) checkItems() []string {
	var problems []string
	for q := range r.cfg.Questions {
		want, ok := r.host.shown().items[q]
		if !ok {
			problems = append(problems, fmt.Sprintf("question %d: the host socket saw no item", q+1))
			continue
		}
		got := make(map[int]seenItem, len(r.phones))
		for _, p := range r.phones {
			if p.items[q].ID != "" {
				got[p.i] = p.items[q]
			}
		}
		problems = append(problems, checkItems(q, want, got)...)
	}
	return problems
}
