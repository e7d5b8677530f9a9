package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"hoithi/api"
	"hoithi/quiz"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// bankQuestions makes a bank of n single-choice questions of 100 points whose right option is
// A, and returns their ids.
func (b *browser) bankQuestions(n int) []string {
	b.t.Helper()
	var bank quiz.Bank
	if st := b.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi nhiều vòng"}, &bank); st != 201 {
		b.t.Fatalf("create bank: HTTP %d", st)
	}
	ids := make([]string, n)
	for i := range ids {
		q := quiz.Question{Type: quiz.SingleChoice, Prompt: "Câu hỏi vòng thi " + string(rune('1'+i)) + "?",
			Options: []string{"Đúng", "Sai"}, Correct: []int{0}, TimeLimitSec: 60, Points: 100}
		var created quiz.Question
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			b.t.Fatalf("create question: HTTP %d", st)
		}
		ids[i] = created.ID
	}
	return ids
}

// roundsContest makes, through the API, a contest of three rounds: a quiz of one question, an
// elimination of two, and a buzzer question of weight 2 with steals; ties are broken by the
// number of right answers. Every question's right option is A.
func (b *browser) roundsContest() (id, pin string) {
	b.t.Helper()
	ids := b.bankQuestions(4)
	body := map[string]any{
		"title": "Chung kết Hội thi",
		"rounds": []map[string]any{
			{"title": "Khởi động", "kind": "quiz", "scoring": "fixed", "auto_close": false, "question_ids": ids[:1]},
			{"title": "Rung chuông vàng", "kind": "elimination", "auto_close": false, "question_ids": ids[1:3]},
			{"title": "Về đích", "kind": "buzzer", "weight": 2, "question_ids": ids[3:],
				"settings": map[string]any{"wrong_penalty": 50, "no_negative": true, "steal_sec": 30, "intro": "Bấm chuông giành quyền trả lời."}},
		},
		"tie_breaks": []map[string]any{{"rule": "correct"}},
	}
	var ct struct {
		ID     string `json:"id"`
		PIN    string `json:"pin"`
		Rounds []struct {
			Kind   string `json:"kind"`
			Weight int    `json:"weight"`
		} `json:"rounds"`
	}
	if st := b.do("POST", "/api/contests", body, &ct); st != 201 {
		b.t.Fatalf("create contest: HTTP %d", st)
	}
	if len(ct.Rounds) != 3 || ct.Rounds[1].Kind != "elimination" || ct.Rounds[2].Weight != 2 {
		b.t.Fatalf("the contest's rounds came back as %+v", ct.Rounds)
	}
	return ct.ID, ct.PIN
}

// hostWatch follows a host screen's frames, keeping the live version of the last phase frame.
type hostWatch struct {
	t       *testing.T
	c       *livetest.Client
	version int64
}

// until reads host frames until one of type typ satisfies ok (any when ok is nil).
func (h *hostWatch) until(ctx context.Context, typ string, ok func(livetest.Frame) bool) livetest.Frame {
	h.t.Helper()
	for {
		f, err := h.c.Next(ctx)
		if err != nil {
			h.t.Fatalf("waiting for %s on the host screen: %v", typ, err)
		}
		if f.T == wire.TPhase {
			h.version = f.Version()
		}
		if f.T == typ && (ok == nil || ok(f)) {
			return f
		}
	}
}

// cmd sends an organiser command with arguments at the version the host screen last saw, and
// waits for the phase frame it makes.
func (h *hostWatch) cmd(ctx context.Context, b *browser, id string, args map[string]any) {
	h.t.Helper()
	body := map[string]any{"version": h.version}
	for k, v := range args {
		body[k] = v
	}
	var out struct {
		Version int64  `json:"version"`
		Message string `json:"message"`
	}
	if st := b.do("POST", "/api/contests/"+id+"/commands", body, &out); st != 200 {
		h.t.Fatalf("command %v: HTTP %d %s", args, st, out.Message)
	}
	h.until(ctx, wire.TPhase, func(f livetest.Frame) bool { return f.Version() == out.Version })
}

func decode[T any](t *testing.T, f livetest.Frame) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(f.Raw, &v); err != nil {
		t.Fatalf("%s frame: %v", f.T, err)
	}
	return v
}

func TestAContestOfAQuizAnEliminationAndABuzzerRound(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.roundsContest()
			hc, v := s.host(ctx, org, id)
			h := &hostWatch{t: t, c: hc, version: v}
			an, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")
			binh, _ := s.join(ctx, pin, "Trần Thị Bình", "Chi bộ 2")
			cuc, _ := s.join(ctx, pin, "Lê Thị Cúc", "Chi bộ 3")
			phones := []*phone{an, binh, cuc}
			item := func() wire.Item {
				t.Helper()
				var it wire.Item
				for _, p := range phones {
					f, err := p.Next(ctx, wire.TItem)
					if err != nil {
						t.Fatal(err)
					}
					it = decode[wire.Item](t, f)
				}
				return it
			}
			mustAck := func(p *phone, itemID, answerID string, choice int) {
				t.Helper()
				if f := p.answer(ctx, itemID, answerID, choice); f.T != wire.TAck {
					t.Fatalf("answer %s: %s", answerID, f.Raw)
				}
			}

			// Round 1, a quiz: An and Bình are right, Cúc is wrong.
			h.cmd(ctx, org, id, map[string]any{"cmd": "start"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q1 := item()
			mustAck(an, q1.ItemID, "a1", 0)
			mustAck(binh, q1.ItemID, "b1", 0)
			mustAck(cuc, q1.ItemID, "c1", 1)
			h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})

			// Round 2, Rung chuông vàng: Bình is wrong and Cúc does not answer; both are out.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q2 := item()
			mustAck(an, q2.ItemID, "a2", 0)
			mustAck(binh, q2.ItemID, "b2", 1)
			h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})
			sv := decode[wire.Survivors](t, h.until(ctx, wire.TSurvivors, nil))
			if sv.Count != 1 || !slices.Equal(sv.Names, []string{"Nguyễn Văn An"}) {
				t.Fatalf("the projector shows %d remaining (%v), want An alone", sv.Count, sv.Names)
			}
			for _, c := range []struct {
				p   *phone
				out bool
			}{{an, false}, {binh, true}, {cuc, true}} {
				f, err := c.p.Next(ctx, wire.TReveal)
				if err != nil {
					t.Fatal(err)
				}
				if r := decode[wire.Reveal](t, f); r.Result == nil || r.Result.Out != c.out {
					t.Fatalf("%s: the reveal says out=%v, want %v: %s", c.p.id, r.Result != nil && r.Result.Out, c.out, f.Raw)
				}
			}

			// The organiser rescues Bình; Cúc stays out and her answer is refused.
			h.cmd(ctx, org, id, map[string]any{"cmd": "rescue", "participant_ids": []string{binh.id}, "reason": "Cứu trợ sau câu 1"})
			sv = decode[wire.Survivors](t, h.until(ctx, wire.TSurvivors, nil))
			if sv.Count != 2 || sv.Rescued != 1 {
				t.Fatalf("after the rescue: %d remain, %d rescued; want 2 and 1", sv.Count, sv.Rescued)
			}
			f, err := binh.Next(ctx, wire.TSurvivors) // after the reveal: she is out
			if err == nil {
				f, err = binh.Next(ctx, wire.TSurvivors) // after the rescue
			}
			if err != nil {
				t.Fatal(err)
			}
			if me := decode[wire.Survivors](t, f).Me; me == nil || me.Out {
				t.Fatalf("Bình's phone was not told she is back: %s", f.Raw)
			}
			// The control panel's list says who is out, so a rescue by name can be chosen from it.
			h.until(ctx, wire.TParticipants, func(f livetest.Frame) bool {
				out := map[string]bool{}
				for _, p := range f.Participants().Participants {
					out[p.ID] = p.Out
				}
				return out[cuc.id] && !out[binh.id] && !out[an.id]
			})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q3 := item()
			if f := cuc.answer(ctx, q3.ItemID, "c3", 0); f.T != wire.TError || f.Code() != "eliminated" {
				t.Fatalf("an eliminated contestant's answer: %s", f.Raw)
			}
			mustAck(an, q3.ItemID, "a3", 0)
			mustAck(binh, q3.ItemID, "b3", 0)
			h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})

			// Round 3, the buzzer (weight 2): Bình wins the first press and is wrong (her points
			// in the round stay at 0); An steals and is right.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q4 := item()
			press := func(p *phone) {
				t.Helper()
				if err := p.Send(wire.ClientFrame{T: wire.TBuzz, ItemID: q4.ItemID}); err != nil {
					t.Fatal(err)
				}
				if f, err := p.Next(ctx, wire.TPressed, wire.TError); err != nil || f.T != wire.TPressed {
					t.Fatalf("press: %s %v", f.Raw, err)
				}
			}
			press(binh)
			buzz := decode[wire.Buzz](t, h.until(ctx, wire.TBuzz, func(f livetest.Frame) bool { return decode[wire.Buzz](t, f).Winner != nil }))
			if buzz.Winner.ParticipantID != binh.id {
				t.Fatalf("the winner is %+v, want Bình", buzz.Winner)
			}
			if f, err := an.Next(ctx, wire.TBuzz); err != nil || decode[wire.Buzz](t, f).Winner == nil {
				t.Fatalf("An's phone was not told who won: %s %v", f.Raw, err)
			}
			// A phone reloaded after pressing still shows that it pressed; one that did not, not.
			if st := binh.reconnect(ctx).State(); st.Pressed == nil || st.Pressed.ItemID != q4.ItemID || st.Pressed.Attempt != 0 {
				t.Fatalf("Bình's snapshot after her press: pressed %+v", st.Pressed)
			}
			if st := an.reconnect(ctx).State(); st.Pressed != nil {
				t.Fatalf("An's snapshot before any press: pressed %+v", st.Pressed)
			}
			h.cmd(ctx, org, id, map[string]any{"cmd": "mark", "right": false})
			buzz = decode[wire.Buzz](t, h.until(ctx, wire.TBuzz, nil))
			if buzz.Attempt != 1 || buzz.StealUntil == 0 || !slices.Contains(buzz.Out, binh.id) || buzz.Mark == nil || buzz.Mark.Points != 0 {
				t.Fatalf("after a wrong answer: %+v", buzz)
			}
			if err := binh.Send(wire.ClientFrame{T: wire.TBuzz, ItemID: q4.ItemID}); err != nil {
				t.Fatal(err)
			}
			if f, err := binh.Next(ctx, wire.TPressed, wire.TError); err != nil || f.Code() != "buzz_out" {
				t.Fatalf("a second press by the contestant marked wrong: %s %v", f.Raw, err)
			}
			press(an)
			buzz = decode[wire.Buzz](t, h.until(ctx, wire.TBuzz, func(f livetest.Frame) bool { return decode[wire.Buzz](t, f).Winner != nil }))
			if buzz.Winner.ParticipantID != an.id {
				t.Fatalf("the steal went to %+v, want An", buzz.Winner)
			}
			h.cmd(ctx, org, id, map[string]any{"cmd": "mark", "right": true})
			if m := decode[wire.Buzz](t, h.until(ctx, wire.TBuzz, nil)).Mark; m == nil || !m.Right || m.ParticipantID != an.id || m.Points != 100 {
				t.Fatalf("the right mark reached the screens as %+v", m)
			}

			// A correction with its reason, then the final standings.
			h.cmd(ctx, org, id, map[string]any{"cmd": "adjust", "participant_id": cuc.id, "round": 1, "points": 200, "reason": "Phúc khảo câu 1"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "finish"})

			var res struct {
				Standings []struct {
					Name   string `json:"name"`
					Rank   int    `json:"rank"`
					Score  int    `json:"score"`
					Rounds []int  `json:"rounds"`
				} `json:"standings"`
			}
			if st := org.do("GET", "/api/contests/"+id+"/results", nil, &res); st != 200 {
				t.Fatalf("results: HTTP %d", st)
			}
			type line struct {
				name   string
				rank   int
				score  int
				rounds []int
			}
			want := []line{
				{"Nguyễn Văn An", 1, 500, []int{100, 200, 100}}, // 100 + 200 + 100 × 2
				{"Trần Thị Bình", 2, 200, []int{100, 100, 0}},   // ties with Cúc; more right answers
				{"Lê Thị Cúc", 3, 200, []int{200, 0, 0}},
			}
			if len(res.Standings) != len(want) {
				t.Fatalf("results: %+v", res.Standings)
			}
			for i, w := range want {
				g := res.Standings[i]
				if g.Name != w.name || g.Rank != w.rank || g.Score != w.score || !slices.Equal(g.Rounds, w.rounds) {
					t.Errorf("line %d: %+v, want %+v", i+1, g, w)
				}
			}

			var audit struct {
				Version      int64 `json:"version"`
				ScoreChanges []struct {
					Name      string `json:"name"`
					Reason    string `json:"reason"`
					Points    int    `json:"points"`
					Before    int    `json:"before"`
					After     int    `json:"after"`
					Note      string `json:"note"`
					ActorName string `json:"actor_name"`
				} `json:"score_changes"`
				Commands []struct {
					Version int64  `json:"version"`
					Cmd     string `json:"cmd"`
					Name    string `json:"name"`
					Right   bool   `json:"right"`
				} `json:"commands"`
			}
			if st := org.do("GET", "/api/contests/"+id+"/audit", nil, &audit); st != 200 {
				t.Fatalf("audit: HTTP %d", st)
			}
			var reasons []string
			for _, ch := range audit.ScoreChanges {
				reasons = append(reasons, ch.Reason)
				if ch.Reason == "adjust" && (ch.Name != "Lê Thị Cúc" || ch.Points != 200 || ch.Before != 0 || ch.After != 200 || ch.Note != "Phúc khảo câu 1" || ch.ActorName == "") {
					t.Errorf("the adjustment's audit line: %+v", ch)
				}
			}
			for _, r := range []string{"answer", "eliminated", "rescued", "buzz_wrong", "steal_right", "adjust"} {
				if !slices.Contains(reasons, r) {
					t.Errorf("the audit log has no %q line: %v", r, reasons)
				}
			}
			if n := len(audit.Commands); n < 15 {
				t.Errorf("the audit log lists %d commands", n)
			}
			// A panel that has the log asks only for what came after it.
			last := audit.Commands[len(audit.Commands)-1]
			if last.Cmd != "finish" || audit.Version != last.Version {
				t.Errorf("the log ends with %+v at version %d", last, audit.Version)
			}
			var tail struct {
				Version      int64             `json:"version"`
				ScoreChanges []json.RawMessage `json:"score_changes"`
				Commands     []json.RawMessage `json:"commands"`
			}
			if st := org.do("GET", fmt.Sprintf("/api/contests/%s/audit?after=%d", id, audit.Version-2), nil, &tail); st != 200 ||
				tail.Version != audit.Version || len(tail.Commands) != 2 || len(tail.ScoreChanges) != 1 {
				t.Errorf("the log after version %d: HTTP %d, %d commands, %d score changes, version %d; want the adjustment and the finish",
					audit.Version-2, st, len(tail.Commands), len(tail.ScoreChanges), tail.Version)
			}
			if st := org.do("GET", fmt.Sprintf("/api/contests/%s/audit?after=%d", id, audit.Version), nil, &tail); st != 200 ||
				tail.Version != audit.Version || len(tail.Commands)+len(tail.ScoreChanges) != 0 {
				t.Errorf("the log after its last version: HTTP %d, %+v", st, tail)
			}
			if st := org.do("GET", "/api/contests/"+id+"/audit?after=hôm-qua", nil, nil); st != 400 {
				t.Errorf("a bad after: HTTP %d, want 400", st)
			}
			// The marks name the contestant who answered, though the command did not.
			var marks []string
			for _, c := range audit.Commands {
				if c.Cmd == "mark" {
					marks = append(marks, fmt.Sprintf("%s %v", c.Name, c.Right))
				}
			}
			if want := []string{"Trần Thị Bình false", "Nguyễn Văn An true"}; !slices.Equal(marks, want) {
				t.Errorf("the audit log's marks: %q, want %q", marks, want)
			}
		})
	}
}

// lossyBus loses the first event of one kind, as a bus failing over would.
type lossyBus struct {
	realtime.Broker
	kind string
	lost *atomic.Bool
}

func (b lossyBus) Publish(ctx context.Context, ev realtime.Event) error {
	if ev.Kind == b.kind && b.lost.CompareAndSwap(false, true) {
		return nil
	}
	return b.Broker.Publish(ctx, ev)
}

// TestABuzzerQuestionGetsItsWinnerWhenThePressEventIsLost: the conductor learns of presses by an
// event; if that event is lost, the instance that took the press tells it again.
func TestABuzzerQuestionGetsItsWinnerWhenThePressEventIsLost(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	lost := &atomic.Bool{}
	s := newTestServer(t, "embedded", func(e *realtime.Config, _ *api.Config) { e.Broker = lossyBus{e.Broker, "press", lost} })
	org := s.login("admin")
	ids := org.bankQuestions(1)
	var ct struct {
		ID  string `json:"id"`
		PIN string `json:"pin"`
	}
	body := map[string]any{"title": "Giành quyền trả lời", "rounds": []map[string]any{{"title": "Về đích", "kind": "buzzer", "question_ids": ids}}}
	if st := org.do("POST", "/api/contests", body, &ct); st != 201 {
		t.Fatalf("create contest: HTTP %d", st)
	}
	c, v := s.host(ctx, org, ct.ID)
	h := &hostWatch{t: t, c: c, version: v}
	an, _ := s.join(ctx, ct.PIN, "Nguyễn Văn An", "Chi bộ 1")
	h.cmd(ctx, org, ct.ID, map[string]any{"cmd": "start"})
	h.cmd(ctx, org, ct.ID, map[string]any{"cmd": "next"})
	it, err := an.Next(ctx, wire.TItem)
	if err != nil {
		t.Fatal(err)
	}
	if err := an.Send(wire.ClientFrame{T: wire.TBuzz, ItemID: it.Item().ItemID}); err != nil {
		t.Fatal(err)
	}
	f, err := an.Next(ctx, wire.TBuzz)
	if err != nil {
		t.Fatalf("no winner was named: %v", err)
	}
	if b := decode[wire.Buzz](t, f); b.Winner == nil || b.Winner.ParticipantID != an.id {
		t.Fatalf("the buzz frame: %s", f.Raw)
	}
	if !lost.Load() {
		t.Fatal("the press event was not lost: the test proves nothing")
	}
}
