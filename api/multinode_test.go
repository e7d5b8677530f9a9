package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestTwoInstancesRunOneContest runs one contest on two servers sharing Postgres and Redis:
// phones on both see the same questions and results, commands work from either, and when the
// instance running the timers shuts down the other closes the question at its deadline.
func TestTwoInstancesRunOneContest(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	a := newTestServer(t, "production")
	rdb := testRedis(t)
	b := startServer(t, "production", a.DB, realtime.NewRedisStore(rdb), realtime.NewRedisBroker(rdb, a.log), realtime.NewRedisLease(rdb), a.log)
	orgA, orgB := a.login("admin"), b.login("admin")
	qs := questions(2)
	qs[1].TimeLimitSec = 5
	for i := range qs {
		qs[i].Normalize()
	}
	id, pin := orgA.makeContest("fixed", qs)
	_, v := a.host(ctx, orgA, id) // the first instance to load the contest conducts it
	hostB, _ := b.host(ctx, orgB, id)

	var phones []*phone
	for i := range 10 {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		p, _ := srv.join(ctx, pin, fmt.Sprintf("Thí sinh %d", i), "Chi bộ liên thôn")
		phones = append(phones, p)
	}
	// Each control panel shows every phone connected, wherever its socket is; a phone that
	// drops from one instance shows as disconnected on the other's control panel too.
	waitList(ctx, t, hostB, "every phone connected", func(connected map[string]bool) bool {
		for _, p := range phones {
			if !connected[p.id] {
				return false
			}
		}
		return true
	})
	gone := phones[0] // on the first instance
	gone.Client.Close()
	waitDisconnected(ctx, t, hostB, gone.id)
	gone.reconnect(ctx)
	waitList(ctx, t, hostB, "the phone back", func(connected map[string]bool) bool { return connected[gone.id] })

	// Each command goes to the other instance than the one before, as a load balancer would.
	orgs := []*browser{orgA, orgB}
	step := 0
	cmd := func(name string) {
		t.Helper()
		v = orgs[step%2].mustCommand(id, name, v)
		step++
	}
	cmd("start")
	cmd("next")
	var itemID string
	for i, p := range phones {
		f, err := p.Next(ctx, "item")
		if err != nil {
			t.Fatalf("phone %d: %v", i, err)
		}
		if itemID == "" {
			itemID = f.Item().ItemID
		} else if f.Item().ItemID != itemID {
			t.Fatal("phones on two instances got different questions")
		}
	}
	for i, p := range phones {
		choice := qs[0].Correct[0]
		if i%3 == 0 {
			choice = (choice + 1) % len(qs[0].Options)
		}
		if ack := p.answer(ctx, itemID, fmt.Sprint("a", i), choice); ack.T != "ack" {
			t.Fatalf("phone %d: %s", i, ack.Raw)
		}
	}
	cmd("close")
	cmd("reveal")
	for i, p := range phones {
		rev, err := p.Next(ctx, "reveal")
		if err != nil || rev.Reveal().Result == nil {
			t.Fatalf("phone %d: no reveal with its result: %v", i, err)
		}
		res := rev.Reveal().Result
		want := qs[0].Points
		if i%3 == 0 {
			want = 0
		}
		if res.Score != want {
			t.Errorf("phone %d on instance %d scored %d, want %d", i, i%2, res.Score, want)
		}
	}
	cmd("standings")
	f, err := hostB.Next(ctx, "standings")
	if err != nil {
		t.Fatal(err)
	}
	st := f.Standings()
	if len(st.Top) != 10 || st.Top[0].Score != qs[0].Points || st.Top[9].Score != 0 {
		t.Fatalf("standings on the second instance: %+v", st.Top)
	}

	// The conductor goes away during a 5-second question; the other instance closes it.
	cmd("next")
	opened := time.Now()
	a.stop()
	p := phones[1] // on instance b
	closed, err := p.Next(ctx, "closed")
	if err != nil {
		t.Fatalf("the question never closed after the conductor left: %v", err)
	}
	if took := closed.At.Sub(opened); took < 4*time.Second || took > 12*time.Second {
		t.Fatalf("the 5 s question closed after %v", took)
	}
}

// TestEliminationAndTheBuzzerWorkAcrossTwoInstances plays an elimination question and a
// buzzer question with the conductor on one server and the phones, control panel and
// commands on the other: scores, who is out, the press and its winner all cross the bus.
func TestEliminationAndTheBuzzerWorkAcrossTwoInstances(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	a := newTestServer(t, "production")
	rdb := testRedis(t)
	b := startServer(t, "production", a.DB, realtime.NewRedisStore(rdb), realtime.NewRedisBroker(rdb, a.log), realtime.NewRedisLease(rdb), a.log)
	orgA, orgB := a.login("admin"), b.login("admin")
	ids := orgA.bankQuestions(2)
	body := map[string]any{"title": "Hai máy chủ", "rounds": []map[string]any{
		{"title": "Rung chuông vàng", "kind": "elimination", "auto_close": false, "question_ids": ids[:1]},
		{"title": "Giành quyền", "kind": "buzzer", "question_ids": ids[1:]},
	}}
	var ct struct{ ID, PIN string }
	if st := orgA.do("POST", "/api/contests", body, &ct); st != 201 {
		t.Fatalf("create contest: HTTP %d", st)
	}
	_, _ = a.host(ctx, orgA, ct.ID) // the first instance to load the contest conducts it
	hc, v := b.host(ctx, orgB, ct.ID)
	h := &hostWatch{t: t, c: hc, version: v}
	right, _ := b.join(ctx, ct.PIN, "Nguyễn Văn An", "Chi bộ 1")
	wrong, _ := b.join(ctx, ct.PIN, "Trần Thị Bình", "Chi bộ 2")

	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "start"})
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "next"})
	f, err := right.Next(ctx, wire.TItem)
	if err != nil {
		t.Fatal(err)
	}
	item := f.Item()
	if a := right.answer(ctx, item.ItemID, "r1", 0); a.T != wire.TAck {
		t.Fatalf("answer: %s", a.Raw)
	}
	if a := wrong.answer(ctx, item.ItemID, "w1", 1); a.T != wire.TAck {
		t.Fatalf("answer: %s", a.Raw)
	}
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "close"})
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "reveal"})
	if sv := decode[wire.Survivors](t, h.until(ctx, wire.TSurvivors, nil)); sv.Count != 1 || sv.Names[0] != "Nguyễn Văn An" {
		t.Fatalf("survivors on the second instance: %+v", sv)
	}
	if f, err := wrong.Next(ctx, wire.TReveal); err != nil || f.Reveal().Result == nil || !f.Reveal().Result.Out {
		t.Fatalf("the wrong phone on the second instance was not told it is out: %s %v", f.Raw, err)
	}

	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "next"})
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "next"})
	if f, err = wrong.Next(ctx, wire.TItem); err != nil {
		t.Fatal(err)
	}
	if err := wrong.Send(wire.ClientFrame{T: wire.TBuzz, ItemID: f.Item().ItemID}); err != nil {
		t.Fatal(err)
	}
	buzz := decode[wire.Buzz](t, h.until(ctx, wire.TBuzz, func(f livetest.Frame) bool { return decode[wire.Buzz](t, f).Winner != nil }))
	if buzz.Winner.ParticipantID != wrong.id {
		t.Fatalf("the winner named by the conductor on the other instance: %+v", buzz.Winner)
	}
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "mark", "right": true})
	h.cmd(ctx, orgB, ct.ID, map[string]any{"cmd": "finish"})
	var res struct {
		Standings []struct {
			Name   string `json:"name"`
			Rounds []int  `json:"rounds"`
		} `json:"standings"`
	}
	if st := orgB.do("GET", "/api/contests/"+ct.ID+"/results", nil, &res); st != 200 {
		t.Fatalf("results: HTTP %d", st)
	}
	for _, s := range res.Standings {
		if s.Name == "Trần Thị Bình" && s.Rounds[1] != 100 {
			t.Errorf("the buzzer's winner has %v points by round, want 100 in the second", s.Rounds)
		}
	}
}
