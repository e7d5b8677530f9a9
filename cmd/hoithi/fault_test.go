package main

import (
	"hoithi/quiz/store/storetest"

	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestFaultTheOnlyServerKilledMidQuestionLosesNothing kills the laptop's server with SIGKILL
// while a question is open and starts it again on the same data directory and port: every
// phone comes back as itself to the same question, the question still closes at its first
// deadline, and every acked answer counts.
func TestFaultTheOnlyServerKilledMidQuestionLosesNothing(t *testing.T) {
	services(t, false, false)
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	addr, env := freeAddr(t), map[string]string{"HOITHI_DATA_DIR": t.TempDir()}
	srv := startNode(t, "hoithi", addr, env)
	org := login(t, srv.base())
	id, pin := org.createContest(srv.base(), question(1, 8), question(2, 8))
	const n = 20
	phones := joinAll(ctx, t, n, pin, srv.ws())
	b := newBook(n, 2)

	org.press(srv.base(), id, "start")
	org.press(srv.base(), id, "next")
	it := nextItem(ctx, t, phones)
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i < n/2 })

	srv.kill()
	killed := time.Now()
	srv = startNode(t, "hoithi after the crash", addr, env)
	back := time.Since(killed)
	everyPhone(t, phones, func(i int, p *phone) error { return resumeInto(ctx, p, srv.ws(), it, b, i, 0) })
	resumed := time.Since(killed)
	if time.Now().UnixMilli() > it.ClosesAt-1000 {
		t.Fatalf("the restart took %v: no time left to answer", resumed)
	}
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i >= n/2 })

	late := make([]time.Duration, n)
	everyPhone(t, phones, func(i int, p *phone) error {
		f, err := p.next(ctx, "closed")
		late[i] = f.At.Sub(time.UnixMilli(it.ClosesAt))
		return err
	})
	for i, d := range late {
		if d < -200*time.Millisecond || d > 3*time.Second {
			t.Fatalf("phone %d: the question closed %v after its deadline, not at it", i, d)
		}
	}
	t.Logf("server back %v after the kill, all %d phones resumed after %v; question closed %v after its deadline",
		back.Round(time.Millisecond), n, resumed.Round(time.Millisecond), late[0].Round(time.Millisecond))

	org = login(t, srv.base())
	org.press(srv.base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 0, b)
	org.press(srv.base(), id, "next")
	it = nextItem(ctx, t, phones)
	answerEach(ctx, t, phones, it.ItemID, 1, b, func(int) bool { return true })
	org.press(srv.base(), id, "close")
	org.press(srv.base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 1, b)
	org.press(srv.base(), id, "next")
	if lost := expectStandings(t, org, srv.base(), id, phones, b); lost > 0 {
		t.Errorf("%d acked right answers lost", lost)
	}
	inOrder(t, phones)
}

// TestFaultTheConductorKilledMidQuestionIsReplaced runs a contest on three servers sharing
// PostgreSQL and Redis and kills, with SIGKILL, the one running the contest's timers while a
// question is open: its phones move to the other servers as themselves, the question still
// closes, and the organiser finishes the contest from a surviving server.
func TestFaultTheConductorKilledMidQuestionIsReplaced(t *testing.T) {
	services(t, true, true)
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rs := startRedis(t)
	env := map[string]string{"DATABASE_URL": storetest.EmptyDatabaseURL(t), "REDIS_URL": rs.url()}
	var nodes []*node
	for _, name := range []string{"hoithi-1", "hoithi-2", "hoithi-3"} {
		nodes = append(nodes, startNode(t, name, freeAddr(t), env))
	}
	org := login(t, nodes[0].base())
	id, pin := org.createContest(nodes[0].base(), question(1, 8), question(2, 8))
	const n = 21
	phones := joinAll(ctx, t, n, pin, nodes[0].ws(), nodes[1].ws(), nodes[2].ws()) // phone i on nodes[i%3]
	b := newBook(n, 2)

	org.press(nodes[1].base(), id, "start")
	org.press(nodes[2].base(), id, "next")
	it := nextItem(ctx, t, phones)
	conductor := rs.conductor(t, id, nodes)
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i%2 == 0 })

	conductor.kill()
	killed := time.Now()
	takeover := make(chan time.Duration, 1)
	go func() {
		for ctx.Err() == nil {
			if h, err := rs.holder(id); err == nil && h != "" && h != conductor.instance {
				takeover <- time.Since(killed)
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	var survivors []*node
	for _, nd := range nodes {
		if nd != conductor {
			survivors = append(survivors, nd)
		}
	}
	everyPhone(t, phones, func(i int, p *phone) error {
		if nodes[i%3] != conductor {
			return nil
		}
		return resumeInto(ctx, p, survivors[i%2].ws(), it, b, i, 0)
	})
	moved := 0
	for i := range phones {
		if nodes[i%3] == conductor {
			moved++
		}
	}
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i%2 == 1 })

	late := make([]time.Duration, n)
	everyPhone(t, phones, func(i int, p *phone) error {
		f, err := p.next(ctx, "closed")
		late[i] = f.At.Sub(time.UnixMilli(it.ClosesAt))
		return err
	})
	// A dead conductor's lease lasts up to 6 s more, and the survivors try to take it every 2 s.
	const handover = 6*time.Second + 2*time.Second + time.Second
	for i, d := range late {
		if d < -200*time.Millisecond || d > handover {
			t.Fatalf("phone %d: the question closed %v after its deadline", i, d)
		}
	}
	var took time.Duration
	select {
	case took = <-takeover:
	case <-ctx.Done():
		t.Fatal("no surviving server took the contest over")
	}
	if took > handover {
		t.Errorf("a surviving server took the contest over only %v after the conductor died", took)
	}
	t.Logf("conductor killed %v before the deadline; %d phones moved; %s took over %v after the kill; the question closed %v after its deadline",
		time.UnixMilli(it.ClosesAt).Sub(killed).Round(time.Millisecond), moved, rs.conductor(t, id, survivors).name,
		took.Round(time.Millisecond), late[0].Round(time.Millisecond))

	org.press(survivors[0].base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 0, b)
	org.press(survivors[1].base(), id, "next")
	it = nextItem(ctx, t, phones)
	answerEach(ctx, t, phones, it.ItemID, 1, b, func(int) bool { return true })
	org.press(survivors[0].base(), id, "close")
	org.press(survivors[1].base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 1, b)
	org.press(survivors[0].base(), id, "next")
	if lost := expectStandings(t, org, survivors[1].base(), id, phones, b); lost > 0 {
		t.Errorf("%d acked right answers lost", lost)
	}
	inOrder(t, phones)
}

// TestFaultRedisRestartedEmptyMidContestLosesNoAnswer kills Redis under two servers while a
// question is open and brings it back empty, after three seconds or at once: while it is down
// the organiser and the phones are told to try again, never acked falsely; once it is back the
// contest goes on and every answer acked before it went down counts.
func TestFaultRedisRestartedEmptyMidContestLosesNoAnswer(t *testing.T) {
	services(t, true, true)
	t.Parallel()
	for _, tc := range []struct {
		name   string
		outage time.Duration
	}{
		{"after three seconds down", 3 * time.Second},
		{"at once", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			redisRestartedEmpty(t, tc.outage)
		})
	}
}

// redisRestartedEmpty plays one question on two servers whose Redis is killed after six
// answers and started again, empty, outage later.
func redisRestartedEmpty(t *testing.T, outage time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rs := startRedis(t)
	env := map[string]string{"DATABASE_URL": storetest.EmptyDatabaseURL(t), "REDIS_URL": rs.url()}
	nodes := []*node{startNode(t, "hoithi-1", freeAddr(t), env)}
	nodes = append(nodes, startNode(t, "hoithi-2", freeAddr(t), env))
	org := login(t, nodes[0].base())
	id, pin := org.createContest(nodes[0].base(), question(1, 60))
	// The control panel and the projector screen are open before the phones join.
	org.screen(ctx, nodes[0], id)
	org.screen(ctx, nodes[1], id)
	const n = 10
	phones := joinAll(ctx, t, n, pin, nodes[0].ws(), nodes[1].ws())
	b := newBook(n, 1)

	org.press(nodes[0].base(), id, "start")
	org.press(nodes[1].base(), id, "next")
	it := nextItem(ctx, t, phones)
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i < 6 })
	version := org.version(nodes[1].base(), id)

	rs.proc.kill()
	down := time.Now()
	if outage > 0 {
		var wg sync.WaitGroup
		for _, nd := range nodes {
			wg.Go(func() {
				st, _, e := org.command(nd.base(), id, "close", version)
				if st != 503 || e.Code != "unavailable" || !vietnamese(e.Message) || leaksInternals(e.body) {
					t.Errorf("%s: closing the question while Redis is down answered HTTP %d %s", nd.name, st, e.body)
				}
			})
		}
		// Phones 6 and 7, one on each server, answer while Redis is down.
		everyPhone(t, phones[6:8], func(k int, p *phone) error {
			f, err := p.answer(ctx, it.ItemID, answerID(6+k, 0), choiceFor(6+k, 0))
			if err != nil {
				return err
			}
			if f.T != "error" || (f.Code() != "retry" && f.Code() != "unavailable") || !vietnamese(f.Error().Message) {
				return fmt.Errorf("%s answered while Redis was down and got %s", p.name, f.Raw)
			}
			return nil
		})
		wg.Wait()
		time.Sleep(time.Until(down.Add(outage)))
	}

	rs.start()
	up := time.Now()
	var ackedAfter, closedAfter time.Duration
	var mu sync.Mutex
	everyPhone(t, phones[6:8], func(k int, p *phone) error {
		i := 6 + k
		for {
			f, err := p.answer(ctx, it.ItemID, answerID(i, 0), choiceFor(i, 0))
			if err != nil {
				return err
			}
			if f.T == "ack" {
				if f.Ack().AnswerID != answerID(i, 0) {
					return fmt.Errorf("%s resent its answer and got %s", p.name, f.Raw)
				}
				b[i][0] = choiceFor(i, 0)
				mu.Lock()
				ackedAfter = max(ackedAfter, time.Since(up))
				mu.Unlock()
				return nil
			}
			if time.Since(up) > 10*time.Second {
				return fmt.Errorf("%s: still no ack 10 s after Redis came back: %s", p.name, f.Raw)
			}
			time.Sleep(500 * time.Millisecond)
		}
	})
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i == 8 })
	for {
		st, _, e := org.command(nodes[0].base(), id, "close", version)
		if st == 200 {
			closedAfter = time.Since(up)
			break
		}
		if time.Since(up) > 10*time.Second {
			t.Fatalf("closing the question still fails 10 s after Redis came back: HTTP %d %s", st, e.body)
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Logf("Redis down %v; once back, answers were acked after %v and the close command worked after %v",
		up.Sub(down).Round(time.Millisecond), ackedAfter.Round(time.Millisecond), closedAfter.Round(time.Millisecond))

	org.press(nodes[1].base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 0, b)
	org.press(nodes[0].base(), id, "standings")
	wrong := make([]string, n)
	everyPhone(t, phones, func(i int, p *phone) error {
		f, err := p.next(ctx, "standings")
		if err == nil && f.Standings().Me == nil {
			err = fmt.Errorf("%s: standings without its own rank: %s", p.name, f.Raw)
		}
		if want, _ := b.score(i, 0); err == nil && (f.Standings().Me.Score != want || f.Standings().Me.Rank < 1) {
			wrong[i] = fmt.Sprintf("%s, acked %d points, got %s", p.name, want, f.Raw)
		}
		return err
	})
	report(t, "phones got a score or rank in the standings that does not match their acks", n, wrong)
	org.press(nodes[1].base(), id, "next")
	if lost := expectStandings(t, org, nodes[0].base(), id, phones, b); lost > 0 {
		t.Errorf("%d acked right answers lost", lost)
	}
	inOrder(t, phones)
}

// TestFaultTwoHundredPhonesDroppingAtOnceAllComeBack drops every phone of a room at the same
// moment during a question, as when the hall's Wi-Fi access point restarts; all of them
// resume at once to the question they left and the contest goes on.
func TestFaultTwoHundredPhonesDroppingAtOnceAllComeBack(t *testing.T) {
	services(t, false, false)
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	srv := startNode(t, "hoithi", freeAddr(t), map[string]string{"HOITHI_DATA_DIR": t.TempDir()})
	org := login(t, srv.base())
	id, pin := org.createContest(srv.base(), question(1, 60))
	const n = 200
	phones := joinAll(ctx, t, n, pin, srv.ws())
	b := newBook(n, 1)

	org.press(srv.base(), id, "start")
	org.press(srv.base(), id, "next")
	it := nextItem(ctx, t, phones)
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i%2 == 0 })

	for _, p := range phones {
		p.Close()
	}
	dropped := time.Now()
	everyPhone(t, phones, func(i int, p *phone) error { return resumeInto(ctx, p, srv.ws(), it, b, i, 0) })
	t.Logf("%d phones resumed %v after dropping at once", n, time.Since(dropped).Round(time.Millisecond))
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i%2 == 1 && i%5 != 1 })

	org.press(srv.base(), id, "close")
	org.press(srv.base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 0, b)
	org.press(srv.base(), id, "next")
	if lost := expectStandings(t, org, srv.base(), id, phones, b); lost > 0 {
		t.Errorf("%d acked right answers lost", lost)
	}
	inOrder(t, phones)
}

// TestFaultAbusiveSocketsAreCutOffWithoutHurtingTheContest hammers a server during a question
// from sockets guessing PINs, sending oversized frames and flooding pings: each is cut off
// with the close code PROTOCOL.md gives (the PIN guessers once their address has used its 30
// wrong PINs), while the contestants' answers are still acked and
// scored, and the server's memory stays bounded.
func TestFaultAbusiveSocketsAreCutOffWithoutHurtingTheContest(t *testing.T) {
	services(t, false, false)
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	srv := startNode(t, "hoithi", freeAddr(t), map[string]string{"HOITHI_DATA_DIR": t.TempDir()})
	org := login(t, srv.base())
	id, pin := org.createContest(srv.base(), question(1, 60))
	const n = 20
	phones := joinAll(ctx, t, n, pin, srv.ws())
	b := newBook(n, 1)
	org.press(srv.base(), id, "start")
	org.press(srv.base(), id, "next")
	it := nextItem(ctx, t, phones)
	before, err := srv.rssMB()
	if err != nil {
		t.Fatal(err)
	}

	var answeredPINs atomic.Int64
	abuses := []struct {
		name    string
		sockets int
		flood   func(c *livetest.Client)
		code    int
		check   func(frames []livetest.Frame) error
	}{
		{
			name: "guessing PINs", sockets: 50, code: 1008,
			flood: func(c *livetest.Client) {
				for range 200 {
					guess := fmt.Sprintf("%06d", rand.IntN(1000000))
					if guess == pin {
						continue
					}
					if c.Send(wire.ClientFrame{T: wire.TJoin, PIN: guess, Name: "Kẻ dò mã", Unit: "Không có"}) != nil {
						return
					}
				}
			},
			check: func(frames []livetest.Frame) error {
				// The limit is per address, and all these sockets share one.
				answeredPINs.Add(int64(count(frames, "pin_not_found")))
				if count(frames, "rate_limited") != 1 {
					return fmt.Errorf("not told once that its address had tried too many PINs (%d frames received)", len(frames))
				}
				return nil
			},
		},
		{
			name: "sending 5 KB frames", sockets: 20, code: 1009,
			flood: func(c *livetest.Client) {
				_ = c.SendRaw([]byte(`{"t":"ping","client_time":1,"pad":"` + strings.Repeat("x", 5000) + `"}`))
			},
			check: func([]livetest.Frame) error { return nil },
		},
		{
			name: "flooding pings", sockets: 20, code: 1008,
			flood: func(c *livetest.Client) {
				for i := range 1000 {
					if c.Send(wire.ClientFrame{T: wire.TPing, ClientTime: int64(i)}) != nil {
						return
					}
				}
			},
			check: func(frames []livetest.Frame) error {
				if count(frames, "rate_limited") == 0 {
					return fmt.Errorf("never told it was rate limited (%d frames received)", len(frames))
				}
				return nil
			},
		},
	}
	var wg sync.WaitGroup
	peak := before
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				if rss, err := srv.rssMB(); err == nil {
					peak = max(peak, rss)
				}
			}
		}
	}()
	codes := make([][]int, len(abuses))
	problems := make([][]string, len(abuses))
	for j, a := range abuses {
		codes[j], problems[j] = make([]int, a.sockets), make([]string, a.sockets)
		for k := range a.sockets {
			wg.Go(func() {
				c, err := livetest.Dial(ctx, srv.ws()+"/ws/play", nil)
				if err != nil {
					problems[j][k] = err.Error()
					return
				}
				defer c.Close()
				a.flood(c)
				select {
				case <-c.Closed():
				case <-time.After(15 * time.Second):
					problems[j][k] = "still open 15 s later"
					return
				}
				codes[j][k] = c.CloseCode
				if err := a.check(c.Drain()); err != nil {
					problems[j][k] = fmt.Sprintf("closed with %d, %v", c.CloseCode, err)
				}
			})
		}
	}
	started := time.Now()
	answerEach(ctx, t, phones, it.ItemID, 0, b, func(i int) bool { return i%7 != 3 })
	acked := time.Since(started)
	wg.Wait()
	close(stop)
	<-sampled
	for j, a := range abuses {
		tally := map[int]int{}
		for _, c := range codes[j] {
			tally[c]++
		}
		if tally[a.code] != a.sockets {
			t.Errorf("the %d sockets %s ended with close codes %v (code:sockets), want %d for all", a.sockets, a.name, tally, a.code)
		}
		report(t, "sockets "+a.name+" were not answered as PROTOCOL.md says", a.sockets, problems[j])
	}
	if n := answeredPINs.Load(); n != 30 {
		t.Errorf("50 sockets from one address were told %d times in all that a PIN was wrong, want 30 (the limit per address)", n)
	}
	t.Logf("the contestants' answers were acked within %v during the abuse", acked.Round(time.Millisecond))
	after, err := srv.rssMB()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("server memory: %.1f MB before the abuse, %.1f MB at its peak, %.1f MB after", before, peak, after)
	if peak-before > 100 {
		t.Errorf("the server grew by %.1f MB under the abuse", peak-before)
	}

	org.press(srv.base(), id, "close")
	org.press(srv.base(), id, "reveal")
	expectResults(ctx, t, phones, it.ItemID, 0, b)
	org.press(srv.base(), id, "next")
	if lost := expectStandings(t, org, srv.base(), id, phones, b); lost > 0 {
		t.Errorf("%d acked right answers lost", lost)
	}
	inOrder(t, phones)
}

// count is how many of frames are errors with code.
func count(frames []livetest.Frame, code string) int {
	n := 0
	for _, f := range frames {
		if f.T == "error" && f.Code() == code {
			n++
		}
	}
	return n
}

// vietnamese reports whether a message is written for a Vietnamese reader: it has letters
// with Vietnamese diacritics.
func vietnamese(msg string) bool {
	return strings.ContainsFunc(msg, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) })
}

// leaksInternals reports whether an error body shows what only the server log should.
func leaksInternals(body string) bool {
	lower := strings.ToLower(body)
	for _, s := range []string{"redis", "dial tcp", "connection refused", "goroutine", ".go:", "panic"} {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// phone is a contestant's phone. It applies frames as the web app does: a frame numbered
// lower than one it applied is ignored, so the test notes every such frame that carried news.
type phone struct {
	*livetest.Client
	t     *testing.T
	name  string
	token string
	id    string
	mark  int64 // seq of the last contest frame applied
	fresh bool  // mark comes from a snapshot, which may overtake frames already on their way
	stale []string
}

// dial opens a phone socket to ws, retrying while the server is not (yet) there.
func dial(ctx context.Context, ws string) (*livetest.Client, error) {
	for {
		c, err := livetest.Dial(ctx, ws+"/ws/play", nil)
		if err == nil {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// join dials ws and joins the contest with pin; it returns the phone and its first snapshot.
func join(ctx context.Context, t *testing.T, ws, pin, name string) (*phone, livetest.Frame, error) {
	c, err := dial(ctx, ws)
	if err != nil {
		return nil, livetest.Frame{}, err
	}
	p := &phone{Client: c, t: t, name: name}
	t.Cleanup(func() { p.Close() })
	if err := p.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: name, Unit: "Chi bộ thôn Đông"}); err != nil {
		return nil, livetest.Frame{}, err
	}
	hello, err := p.next(ctx, "hello", "error")
	if err != nil {
		return nil, hello, err
	} else if hello.T != "hello" {
		return nil, hello, fmt.Errorf("%s: join refused: %s", name, hello.Raw)
	}
	p.token, p.id = hello.Hello().Token, hello.Hello().ParticipantID
	st, err := p.next(ctx, "state")
	return p, st, err
}

// joinAll joins n phones, phone i on wss[i%len(wss)], at most 32 at a time.
func joinAll(ctx context.Context, t *testing.T, n int, pin string, wss ...string) []*phone {
	t.Helper()
	phones := make([]*phone, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 32)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			phones[i], _, errs[i] = join(ctx, t, wss[i%len(wss)], pin, fmt.Sprintf("Thí sinh %03d", i))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("phone %d could not join: %v", i, err)
		}
	}
	return phones
}

// resume drops the phone's socket, if it still has one, and resumes its identity on ws,
// retrying the dial while no server listens there. It returns the hello and the snapshot.
func (p *phone) resume(ctx context.Context, ws string) (livetest.Frame, livetest.Frame, error) {
	p.Close()
	c, err := dial(ctx, ws)
	if err != nil {
		return livetest.Frame{}, livetest.Frame{}, fmt.Errorf("%s: redial: %w", p.name, err)
	}
	p.Client = c
	if err := c.Send(wire.ClientFrame{T: wire.TResume, Token: p.token, LastSeq: p.mark}); err != nil {
		return livetest.Frame{}, livetest.Frame{}, err
	}
	hello, err := p.next(ctx, "hello", "error")
	if err != nil {
		return hello, livetest.Frame{}, err
	} else if hello.T != "hello" {
		return hello, livetest.Frame{}, fmt.Errorf("%s: resume refused: %s", p.name, hello.Raw)
	}
	st, err := p.next(ctx, "state")
	return hello, st, err
}

// next returns the next frame of one of types, applying every frame on the way.
func (p *phone) next(ctx context.Context, types ...string) (livetest.Frame, error) {
	for {
		f, err := p.Client.Next(ctx)
		if err != nil {
			return f, fmt.Errorf("%s waiting for %v: %w", p.name, types, err)
		}
		p.apply(f)
		if len(types) == 0 || slices.Contains(types, f.T) {
			return f, nil
		}
	}
}

// nextResult waits for the phone's result of an item: in its `reveal` frame, or in a `state`
// snapshot (the server resends snapshots after events were lost).
func (p *phone) nextResult(ctx context.Context, itemID string) (livetest.Frame, wire.Result, error) {
	for {
		f, err := p.next(ctx, "reveal", "state")
		if err != nil {
			return f, wire.Result{}, err
		}
		r := f.Reveal().Result
		if f.T == wire.TState {
			r = f.State().Result
		}
		if r != nil && r.ItemID == itemID {
			return f, *r, nil
		}
	}
}

// apply follows the numbering of a frame the way the web app's SeqFilter does.
func (p *phone) apply(f livetest.Frame) {
	switch {
	case f.T == "state":
		p.mark, p.fresh = f.Seq, true
	case f.Seq == 0:
	case f.Seq < p.mark && !p.fresh:
		p.stale = append(p.stale, fmt.Sprintf("%s #%d after #%d", f.T, f.Seq, p.mark))
	case f.Seq > p.mark:
		p.mark, p.fresh = f.Seq, false
	}
}

// answer sends an answer and returns the ack or error that answers it.
func (p *phone) answer(ctx context.Context, itemID, answerID string, choice int) (livetest.Frame, error) {
	if err := p.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: itemID, AnswerID: answerID, Choice: []int{choice}}); err != nil {
		return livetest.Frame{}, fmt.Errorf("%s: send answer: %w", p.name, err)
	}
	return p.next(ctx, "ack", "error")
}

// decode is f as its wire type T, or an error naming the frame when it is another type.
func decode[T any](f livetest.Frame) (T, error) {
	v, ok := f.Body.(T)
	if !ok {
		return v, fmt.Errorf("want a %T frame, got %s", v, f.Raw)
	}
	return v, nil
}

// everyPhone runs f for every phone at once and stops the test if any of them failed.
func everyPhone(t *testing.T, phones []*phone, f func(i int, p *phone) error) {
	t.Helper()
	errs := make([]error, len(phones))
	var wg sync.WaitGroup
	for i, p := range phones {
		wg.Go(func() { errs[i] = f(i, p) })
	}
	wg.Wait()
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		t.Fatalf("%d of %d phones failed, first: %v", len(failed), len(phones), errors.Join(failed[:min(3, len(failed))]...))
	}
}

// inOrder fails the test for every frame a phone would have ignored as older than one it
// had applied.
func inOrder(t *testing.T, phones []*phone) {
	t.Helper()
	stale := make([]string, len(phones))
	for i, p := range phones {
		if len(p.stale) > 0 {
			stale[i] = fmt.Sprintf("%s: %s", p.name, strings.Join(p.stale, ", "))
		}
	}
	report(t, "phones got frames numbered below ones they had applied, which a phone ignores", len(phones), stale)
}

// book is what each phone was told is stored: the choice acked for each question, -1 for none.
type book [][]int

// newBook is the book of phones that have not answered any of the questions yet.
func newBook(phones, questions int) book {
	b := make(book, phones)
	for i := range b {
		b[i] = slices.Repeat([]int{-1}, questions)
	}
	return b
}

// score is what phone i should have after question q is revealed.
func (b book) score(i, q int) (points, correct int) {
	for _, c := range b[i][:q+1] {
		if c == 1 {
			points, correct = points+100, correct+1
		}
	}
	return points, correct
}

// choiceFor is what phone i picks on question q: mostly the right option 1, sometimes 2.
func choiceFor(i, q int) int {
	if (i+q)%3 == 0 {
		return 2
	}
	return 1
}

// answerID is the id phone i gives its answer to question q, kept for every resend.
func answerID(i, q int) string { return fmt.Sprintf("p%d-q%d", i, q) }

// answerEach has every phone i that pick chooses answer question q and requires its ack.
func answerEach(ctx context.Context, t *testing.T, phones []*phone, itemID string, q int, b book, pick func(i int) bool) {
	t.Helper()
	everyPhone(t, phones, func(i int, p *phone) error {
		if !pick(i) {
			return nil
		}
		c := choiceFor(i, q)
		f, err := p.answer(ctx, itemID, answerID(i, q), c)
		if err != nil {
			return err
		}
		if f.T != "ack" || f.Ack().AnswerID != answerID(i, q) || !slices.Equal(f.Ack().Choice, []int{c}) {
			return fmt.Errorf("%s: answer not acked: %s", p.name, f.Raw)
		}
		b[i][q] = c
		return nil
	})
}

// nextItem waits for the question every phone gets and returns it.
func nextItem(ctx context.Context, t *testing.T, phones []*phone) wire.Item {
	t.Helper()
	items := make([]wire.Item, len(phones))
	everyPhone(t, phones, func(i int, p *phone) error {
		f, err := p.next(ctx, "item")
		if err != nil {
			return err
		}
		items[i], err = decode[wire.Item](f)
		return err
	})
	for i := range items {
		if items[i].ItemID != items[0].ItemID || items[i].ClosesAt != items[0].ClosesAt {
			t.Fatalf("phones got different questions: %+v and %+v", items[0], items[i])
		}
	}
	return items[0]
}

// resumeInto resumes phone i on ws and checks it came back as the same contestant to the open
// question it left, with the answer it was acked, if any.
func resumeInto(ctx context.Context, p *phone, ws string, it wire.Item, b book, i, q int) error {
	hello, st, err := p.resume(ctx, ws)
	if err != nil {
		return err
	}
	h, err := decode[wire.Hello](hello)
	if err != nil {
		return err
	}
	if h.ParticipantID != p.id {
		return fmt.Errorf("%s came back as another contestant: %s", p.name, hello.Raw)
	}
	s, err := decode[wire.State](st)
	if err != nil {
		return err
	}
	if s.Phase != "item_open" || s.Item == nil || s.Item.ItemID != it.ItemID || s.Me.ParticipantID != p.id {
		return fmt.Errorf("%s resumed into %s", p.name, st.Raw)
	}
	if s.Item.ClosesAt != it.ClosesAt {
		return fmt.Errorf("%s: the deadline moved from %d to %d", p.name, it.ClosesAt, s.Item.ClosesAt)
	}
	switch want := b[i][q]; {
	case want < 0 && s.Answer != nil:
		return fmt.Errorf("%s never answered but the snapshot shows an answer: %s", p.name, st.Raw)
	case want >= 0 && (s.Answer == nil || s.Answer.AnswerID != answerID(i, q) || !slices.Equal(s.Answer.Choice, []int{want})):
		return fmt.Errorf("%s was acked %d but the snapshot shows %s", p.name, want, st.Raw)
	}
	return nil
}

// expectResults checks the result each phone gets with the reveal of question q against
// the answers it was acked.
func expectResults(ctx context.Context, t *testing.T, phones []*phone, itemID string, q int, b book) {
	t.Helper()
	wrong := make([]string, len(phones))
	everyPhone(t, phones, func(i int, p *phone) error {
		f, r, err := p.nextResult(ctx, itemID)
		if err != nil {
			return err
		}
		sent := b[i][q]
		points := 0
		if sent == 1 {
			points = 100
		}
		score, _ := b.score(i, q)
		if r.ItemID != itemID || r.Answered != (sent >= 0) || (sent >= 0 && !slices.Equal(r.Choice, []int{sent})) ||
			r.Correct != (sent == 1) || r.Points != points || r.Score != score || r.Rank < 1 || r.Players != len(phones) {
			wrong[i] = fmt.Sprintf("%s, acked %d, expected score %d of %d players, got %s", p.name, sent, score, len(phones), f.Raw)
		}
		return nil
	})
	report(t, fmt.Sprintf("phones got a result for question %d that does not match what they were acked", q+1), len(phones), wrong)
}

// report fails the test once for the problems found on some of n phones, with a few examples.
func report(t *testing.T, what string, n int, problems []string) {
	t.Helper()
	problems = slices.DeleteFunc(problems, func(s string) bool { return s == "" })
	if len(problems) == 0 {
		return
	}
	t.Errorf("%d of %d %s:\n\t%s", len(problems), n, what, strings.Join(problems[:min(4, len(problems))], "\n\t"))
}

// expectStandings checks the final results the organiser gets against every ack, and
// returns how many acked right answers they leave out.
func expectStandings(t *testing.T, org *organiser, base, contestID string, phones []*phone, b book) (lost int) {
	t.Helper()
	res := org.results(base, contestID)
	if len(res) != len(phones) {
		t.Errorf("the results list %d contestants, %d joined", len(res), len(phones))
	}
	last := len(b[0]) - 1
	wrong := make([]string, len(phones))
	acked := 0
	for i, p := range phones {
		points, correct := b.score(i, last)
		got := res[p.id]
		if got.Score != points || got.Correct != correct {
			wrong[i] = fmt.Sprintf("%s: %d points (%d right), acked %d (%d right)", p.name, got.Score, got.Correct, points, correct)
		}
		acked += correct
		lost += max(0, correct-got.Correct)
	}
	report(t, "contestants have final results that do not match their acks", len(phones), wrong)
	t.Logf("the final results count %d of the %d acked right answers", acked-lost, acked)
	return lost
}
