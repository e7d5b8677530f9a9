package api_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"hoithi/api"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// sealedContest is one contest of the sealing test, with what belongs to it.
type sealedContest struct {
	id, pin string
	mu      sync.Mutex
	players map[string]bool
}

// checkFrame reports a frame of another contest on a socket of c.
func checkFrame(t *testing.T, c *sealedContest, who string, f livetest.Frame) {
	var contestID string
	var listed []wire.Participant
	switch b := f.Body.(type) {
	case wire.Hello:
		contestID = b.ContestID
	case wire.State:
		contestID = b.Contest.ID
	case wire.HostState:
		contestID, listed = b.Contest.ID, b.Participants
	case wire.Participants:
		listed = b.Participants
	}
	if contestID != "" && contestID != c.id {
		t.Errorf("%s of contest %s got a %s frame of contest %s", who, c.id, f.T, contestID)
	}
	for _, p := range listed {
		if p.Unit != "Chi bộ "+c.pin {
			t.Errorf("%s of contest %s got a %s frame listing %s, not of its contest: %.200s", who, c.id, f.T, p.ID, f.Raw)
			return
		}
	}
}

// TestNoSocketGetsAFrameOfAnotherContest runs several contests one after another and then at
// once on one server, with host screens that come and go, and checks every frame every
// socket received belongs to the contest it joined or hosts.
func TestNoSocketGetsAFrameOfAnotherContest(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			play := func(c *sealedContest, phones int) {
				var wg sync.WaitGroup
				stop := make(chan struct{})
				// host screens that reconnect again and again
				for h := range 3 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for n := 0; ; n++ {
							cl, err := livetest.Dial(ctx, s.WS+"/ws/host?contest="+c.id, org.cookieHeader())
							if err != nil {
								t.Error(err)
								return
							}
							deadline := time.After(time.Duration(50+h*70) * time.Millisecond)
						read:
							for {
								select {
								case f, ok := <-cl.Frames():
									if !ok {
										break read
									}
									checkFrame(t, c, fmt.Sprintf("host %d", h), f)
								case <-deadline:
									break read
								}
							}
							cl.Close()
							select {
							case <-stop:
								return
							default:
							}
						}
					}()
				}
				var pids []*phone
				for i := range phones {
					p, st := s.join(ctx, c.pin, fmt.Sprintf("Người %d", i), "Chi bộ "+c.pin)
					c.mu.Lock()
					c.players[p.id] = true
					c.mu.Unlock()
					checkFrame(t, c, "phone", st)
					pids = append(pids, p)
				}
				host, version := s.host(ctx, org, c.id)
				defer host.Close()
				version = org.mustCommand(c.id, "start", version)
				for range 2 {
					version = org.mustCommand(c.id, "next", version)
					version = org.mustCommand(c.id, "close", version)
					version = org.mustCommand(c.id, "reveal", version)
					version = org.mustCommand(c.id, "standings", version)
				}
				org.mustCommand(c.id, "finish", version)
				close(stop)
				wg.Wait()
				for _, p := range pids {
					for _, f := range p.Drain() {
						checkFrame(t, c, "phone", f)
					}
				}
				for _, f := range host.Drain() {
					checkFrame(t, c, "control panel", f)
				}
			}
			newContest := func() *sealedContest {
				id, pin := org.makeContest("fixed", questions(2))
				return &sealedContest{id: id, pin: pin, players: map[string]bool{}}
			}
			for range 3 {
				play(newContest(), 5)
			}
			var wg sync.WaitGroup
			for range 3 {
				c := newContest()
				wg.Add(1)
				go func() {
					defer wg.Done()
					play(c, 5)
				}()
			}
			wg.Wait()
		})
	}
}

// slowBus delivers every event a moment late, in order, as a busy Redis would.
type slowBus struct {
	realtime.Broker
	delay time.Duration
}

func (b slowBus) Subscribe(ctx context.Context, fn func(realtime.Event)) error {
	ch := make(chan realtime.Event, 1024)
	go func() {
		for ev := range ch {
			time.Sleep(b.delay) // the bus's latency, not a wait of the test
			fn(ev)
		}
	}()
	defer close(ch)
	return b.Broker.Subscribe(ctx, func(ev realtime.Event) { ch <- ev })
}

// TestHostFramesNeverGoBackInSeq: a host screen that drops frames with a lower seq than it has
// seen (as PROTOCOL.md allows) loses nothing its snapshot does not hold, even when the bus is
// slow and a question closes by itself on the server's own loop.
func TestHostFramesNeverGoBackInSeq(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded", func(e *realtime.Config, _ *api.Config) { e.Broker = slowBus{e.Broker, 150 * time.Millisecond} })
	org := s.login("admin")
	id, pin := org.makeContestClosing("fixed", questions(2), true)
	host, v := s.host(ctx, org, id)
	p, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")
	v = org.mustCommand(id, "start", v)
	org.mustCommand(id, "next", v)
	item, err := p.Next(ctx, "item")
	if err != nil {
		t.Fatal(err)
	}
	if ack := p.answer(ctx, item.Item().ItemID, "a1", 1); ack.T != "ack" {
		t.Fatalf("answer: %s", ack.Raw)
	}
	// A client as PROTOCOL.md allows: it drops any frame whose seq is lower than the last it
	// applied. It may drop event frames a snapshot already holds, nothing else.
	last, snap := int64(0), int64(0)
	for {
		f, err := host.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Seq < last {
			if f.Seq > snap || f.T == "participants" || f.T == "progress" {
				t.Fatalf("a %s frame with seq %d came after seq %d and would be dropped: %s", f.T, f.Seq, last, f.Raw)
			}
			continue
		}
		last = f.Seq
		if f.T == "host_state" {
			snap = f.Seq
		}
		if f.T == "phase" && f.PhaseName() == "item_closed" {
			return
		}
	}
}
