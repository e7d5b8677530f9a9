package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/quiz"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestNothingIsRevealedBeforeTheReveal collects every frame a phone and the host screen get
// until the reveal and looks for the answer key.
func TestNothingIsRevealedBeforeTheReveal(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("speed", questions(2))
			host, v := s.host(ctx, org, id)
			p, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")
			v = org.mustCommand(id, "start", v)
			v = org.mustCommand(id, "next", v)
			item, err := p.Next(ctx, "item")
			if err != nil {
				t.Fatal(err)
			}
			p.reconnect(ctx) // a snapshot mid-question must not carry the key either
			if ack := p.answer(ctx, item.Item().ItemID, "a1", 1); ack.T != "ack" {
				t.Fatalf("answer: %s", ack.Raw)
			}
			v = org.mustCommand(id, "close", v)
			if _, err := host.Next(ctx, "closed"); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond) // let throttled host frames arrive too
			for _, f := range append(p.Drain(), host.Drain()...) {
				if hasAnswerKey(f.Raw) {
					t.Fatalf("a %q frame before the reveal carries the key: %s", f.T, f.Raw)
				}
			}
			org.mustCommand(id, "reveal", v)
			rev, err := p.Next(ctx, "reveal")
			if err != nil || !slices.Equal(rev.Reveal().Correct, []int{0}) {
				t.Fatalf("the reveal gives the key: %s %v", rev.Raw, err)
			}
		})
	}
}

// TestResponseTimeCountsFromWhenThePhoneGotTheQuestion: a phone whose connection was down
// when the question opened is timed from the moment the question reached it, not from the
// opening, so a bad network costs it nothing.
func TestResponseTimeCountsFromWhenThePhoneGotTheQuestion(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			qs := []quiz.Question{{Type: quiz.SingleChoice, Prompt: "Câu hỏi tốc độ?", Options: []string{"Đúng", "Sai", "Không biết"},
				Correct: []int{0}, TimeLimitSec: 10, Points: 1000}}
			id, pin := org.makeContest("speed", qs)
			host, v := s.host(ctx, org, id)
			onTime, _ := s.join(ctx, pin, "Người đúng giờ", "Chi bộ 1")
			late, _ := s.join(ctx, pin, "Người mạng chậm", "Chi bộ 2")
			v = org.mustCommand(id, "start", v)
			late.Client.Close() // its Wi-Fi drops before the question opens
			waitDisconnected(ctx, t, host, late.id)
			v = org.mustCommand(id, "next", v)
			item, err := onTime.Next(ctx, "item")
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Second)
			st := decodeState(t, late.reconnect(ctx)) // the question reaches it now, 2 s late
			if st.Item == nil || st.Item.ItemID != item.Item().ItemID {
				t.Fatalf("the late phone resumed without the question: %+v", st)
			}
			if a := late.answer(ctx, item.Item().ItemID, "late", 0); a.T != "ack" {
				t.Fatalf("late answer: %s", a.Raw)
			}
			if a := onTime.answer(ctx, item.Item().ItemID, "ontime", 0); a.T != "ack" {
				t.Fatalf("on-time answer: %s", a.Raw)
			}
			answers, err := s.Contests.ListAnswers(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]quiz.Answer{}
			for _, a := range answers {
				got[a.ClientID] = a
			}
			if got["late"].ElapsedMs > 1000 || got["ontime"].ElapsedMs < 2000 {
				t.Fatalf("elapsed: late phone %d ms (want under 1000), on-time phone %d ms (want over 2000)", got["late"].ElapsedMs, got["ontime"].ElapsedMs)
			}
			org.mustCommand(id, "reveal", org.mustCommand(id, "close", v))
			changes, err := s.Contests.ListScoreChanges(ctx, id, -1)
			if err != nil {
				t.Fatal(err)
			}
			points := map[string]int{}
			for _, ch := range changes {
				points[ch.ParticipantID] += ch.Points
			}
			if points[late.id] <= points[onTime.id] || points[onTime.id] > 900 {
				t.Fatalf("points: late phone %d, on-time phone %d", points[late.id], points[onTime.id])
			}
		})
	}
}

// waitDisconnected waits until the control panel shows a contestant as disconnected: until
// then the server still writes to its old socket, as it would to a phone whose Wi-Fi died
// without a word.
func waitDisconnected(ctx context.Context, t *testing.T, host *livetest.Client, participantID string) {
	t.Helper()
	waitList(ctx, t, host, "the phone disconnected", func(connected map[string]bool) bool {
		on, listed := connected[participantID]
		return listed && !on
	})
}

// waitList waits for a participant list on a host socket for which ok holds; ok gets every
// listed contestant and whether it is shown connected.
func waitList(ctx context.Context, t *testing.T, host *livetest.Client, what string, ok func(connected map[string]bool) bool) {
	t.Helper()
	for {
		f, err := host.Next(ctx, "participants")
		if err != nil {
			t.Fatalf("the control panel never showed %s: %v", what, err)
		}
		connected := map[string]bool{}
		for _, p := range f.Participants().Participants {
			connected[p.ID] = p.Connected
		}
		if ok(connected) {
			return
		}
	}
}

// TestAnAckedAnswerIsAlreadyInTheDatabase checks durability before the ack, not after.
func TestAnAckedAnswerIsAlreadyInTheDatabase(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			_, v := s.host(ctx, org, id)
			p, _ := s.join(ctx, pin, "Trần Thị Bình", "Chi bộ 3")
			v = org.mustCommand(id, "start", v)
			org.mustCommand(id, "next", v)
			item, _ := p.Next(ctx, "item")
			// Two sends of the same answer racing each other, then a different one.
			_ = p.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: item.Item().ItemID, AnswerID: "same", Choice: []int{2}})
			_ = p.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: item.Item().ItemID, AnswerID: "same", Choice: []int{2}})
			for range 2 {
				ack, err := p.Next(ctx, "ack", "error")
				if err != nil || ack.T != "ack" || ack.Ack().AnswerID != "same" {
					t.Fatalf("ack: %s %v", ack.Raw, err)
				}
				answers, err := s.Contests.ListAnswers(ctx, id)
				if err != nil || len(answers) != 1 || answers[0].ClientID != "same" {
					t.Fatalf("at the ack the database holds %+v (%v)", answers, err)
				}
			}
			if ack := p.answer(ctx, item.Item().ItemID, "other", 1); ack.Ack().AnswerID != "same" || ack.Ack().Choice[0] != 2 {
				t.Fatalf("a second answer must get the first one's ack: %s", ack.Raw)
			}
		})
	}
}

// TestAPhoneResumesAfterEveryDrop drops one phone in every phase of a contest and checks it
// comes back each time as the same contestant, with its answer and score.
func TestAPhoneResumesAfterEveryDrop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(2))
	_, v := s.host(ctx, org, id)
	p, _ := s.join(ctx, pin, "Lê Văn Cường", "Chi bộ 4")
	first := p.id
	expect := func(phase string, score int) wire.State {
		t.Helper()
		st := decodeState(t, p.reconnect(ctx))
		if st.Phase != phase || st.Me.Score != score {
			t.Fatalf("after a drop in %s: phase %s, score %d (want %d)", phase, st.Phase, st.Me.Score, score)
		}
		return st
	}
	expect("lobby", 0)
	expect("lobby", 0)
	v = org.mustCommand(id, "start", v)
	expect("round_intro", 0)
	v = org.mustCommand(id, "next", v)
	st := expect("item_open", 0)
	if a := p.answer(ctx, st.Item.ItemID, "q1", 0); a.T != "ack" {
		t.Fatalf("answer: %s", a.Raw)
	}
	for range 3 {
		if st := expect("item_open", 0); st.Answer == nil || st.Answer.AnswerID != "q1" {
			t.Fatalf("the stored answer is not in the snapshot: %+v", st)
		}
	}
	v = org.mustCommand(id, "close", v)
	expect("item_closed", 0) // not scored before the reveal: the score would give the answer away
	v = org.mustCommand(id, "reveal", v)
	full := decodeState(t, p.reconnect(ctx))
	if full.Result == nil || !full.Result.Correct || full.Result.Points != 100 {
		t.Fatalf("the snapshot after the reveal lacks the result: %+v", full)
	}
	v = org.mustCommand(id, "standings", v)
	if st := expect("standings", 100); st.Me.Rank != 1 {
		t.Fatalf("rank %d", st.Me.Rank)
	}
	org.mustCommand(id, "finish", v)
	expect("finished", 100)
	if p.id != first {
		t.Fatal("the phone changed identity")
	}
}

// TestARestartedServerLosesNothing restarts the engine over the same database in the middle
// of a question (the embedded default keeps live state in process, so it is rebuilt).
func TestARestartedServerLosesNothing(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(2))
	_, v := s.host(ctx, org, id)
	a, _ := s.join(ctx, pin, "Phạm Văn Dũng", "Chi bộ 5")
	b, _ := s.join(ctx, pin, "Hoàng Thị Em", "Chi bộ 5")
	v = org.mustCommand(id, "start", v)
	v = org.mustCommand(id, "next", v)
	item, _ := a.Next(ctx, "item")
	if ack := a.answer(ctx, item.Item().ItemID, "before", 0); ack.T != "ack" {
		t.Fatal(string(ack.Raw))
	}

	s2 := s.restart(t)
	b.ws, a.ws = s2.WS, s2.WS
	if st := decodeState(t, a.reconnect(ctx)); st.Phase != "item_open" || st.Answer == nil || st.Answer.AnswerID != "before" {
		t.Fatalf("after the restart phone A sees %+v", st)
	}
	if st := decodeState(t, b.reconnect(ctx)); st.Phase != "item_open" || st.Answer != nil {
		t.Fatalf("after the restart phone B sees %+v", st)
	}
	if ack := b.answer(ctx, item.Item().ItemID, "after", 0); ack.T != "ack" {
		t.Fatalf("answer after the restart: %s", ack.Raw)
	}
	org2 := s2.login("admin")
	v = org2.mustCommand(id, "close", v)
	v = org2.mustCommand(id, "reveal", v)
	org2.mustCommand(id, "standings", v)
	st, err := a.Next(ctx, "standings")
	if err != nil || st.Standings().Me == nil || st.Standings().Me.Score != 100 {
		t.Fatalf("phone A's score after the restart: %s %v", st.Raw, err)
	}
}

// TestBadFramesGetErrorsAndTheConnectionLives sends every kind of bad frame.
func TestBadFramesGetErrorsAndTheConnectionLives(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(1))
	_, v := s.host(ctx, org, id)

	p := s.dialPhone(ctx)
	cases := []struct {
		name  string
		frame string
		code  string
	}{
		{"not JSON", `{"t":`, "bad_frame"},
		{"a JSON array", `[1,2]`, "bad_frame"},
		{"an unknown type", `{"t":"dance"}`, "unknown_type"},
		{"an organiser command from a phone", `{"t":"start","version":1}`, "unknown_type"},
		{"an answer before joining", `{"t":"answer","item_id":"x","answer_id":"a","choice":[0]}`, "not_joined"},
		{"a wrong PIN", `{"t":"join","pin":"000000","name":"A","unit":"B"}`, "pin_not_found"},
		{"a join without a name", `{"t":"join","pin":"` + pin + `","name":"  ","unit":"Chi bộ"}`, "invalid"},
		{"a resume with a made-up token", `{"t":"resume","token":"made-up"}`, "token_invalid"},
	}
	for _, c := range cases {
		if err := p.SendRaw([]byte(c.frame)); err != nil {
			t.Fatal(err)
		}
		f, err := p.Next(ctx, "error")
		if err != nil || f.Code() != c.code || f.Error().Message == "" {
			t.Errorf("%s: got %s (%v), want error %s with a message", c.name, f.Raw, err, c.code)
		}
	}
	_ = p.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 1})
	if f, err := p.Next(ctx, "pong"); err != nil || f.T != "pong" {
		t.Fatalf("the connection stopped working after bad frames: %v", err)
	}

	joined, _ := s.join(ctx, pin, "Đỗ Văn Phúc", "Chi bộ 6")
	v = org.mustCommand(id, "start", v)
	org.mustCommand(id, "next", v)
	item, _ := joined.Next(ctx, "item")
	itemID := item.Item().ItemID
	for name, frame := range map[string]any{
		"an option that does not exist":       wire.ClientFrame{T: wire.TAnswer, ItemID: itemID, AnswerID: "a1", Choice: []int{7}},
		"two options on a single-choice item": wire.ClientFrame{T: wire.TAnswer, ItemID: itemID, AnswerID: "a2", Choice: []int{0, 1}},
		"an answer id with spaces":            wire.ClientFrame{T: wire.TAnswer, ItemID: itemID, AnswerID: "a b", Choice: []int{0}},
		"an item that does not exist":         wire.ClientFrame{T: wire.TAnswer, ItemID: "nope", AnswerID: "a3", Choice: []int{0}},
		// malformed on purpose: no wire.ClientFrame can say it
		"a choice of the wrong type (a string)": map[string]any{"t": "answer", "item_id": itemID, "answer_id": "a4", "choice": "A"},
	} {
		data, _ := json.Marshal(frame)
		_ = joined.SendRaw(data)
		f, err := joined.Next(ctx, "error", "ack")
		if err != nil || f.T != "error" {
			t.Errorf("%s: got %s (%v), want an error", name, f.Raw, err)
		}
	}
	if ack := joined.answer(ctx, item.Item().ItemID, "good", 0); ack.T != "ack" {
		t.Fatalf("a good answer after bad ones: %s", ack.Raw)
	}

	// An oversized frame closes the connection cleanly with 1009.
	big := s.dialPhone(ctx)
	_ = big.SendRaw([]byte(`{"t":"ping","pad":"` + strings.Repeat("x", 5000) + `"}`))
	select {
	case <-big.Closed():
		if big.CloseCode != websocket.CloseMessageTooBig {
			t.Errorf("oversized frame: closed with %d, want 1009", big.CloseCode)
		}
	case <-ctx.Done():
		t.Fatal("an oversized frame did not close the connection")
	}

	// A flood gets rate-limited, then closed with 1008; the server and contest carry on.
	flood := s.dialPhone(ctx)
	for range 300 {
		if flood.Send(wire.ClientFrame{T: wire.TPing}) != nil {
			break
		}
	}
	limited := false
	for f := range drainUntilClosed(ctx, flood.Client) {
		if f.Code() == "rate_limited" {
			limited = true
		}
	}
	if !limited || flood.CloseCode != websocket.ClosePolicyViolation {
		t.Errorf("flood: rate limited %v, closed with %d (want 1008)", limited, flood.CloseCode)
	}
	_ = joined.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 2})
	if _, err := joined.Next(ctx, "pong"); err != nil {
		t.Fatalf("a contestant lost its connection because of another's flood: %v", err)
	}
}

func drainUntilClosed(ctx context.Context, c *livetest.Client) <-chan livetest.Frame {
	out := make(chan livetest.Frame)
	go func() {
		defer close(out)
		for {
			f, err := c.Next(ctx)
			if err != nil {
				return
			}
			out <- f
		}
	}()
	return out
}

// TestHostSocketsAreForOrganisersOnly: no cookie, a trainer (who runs only the workshops they
// open), or another site's page cannot open the control panel's socket.
func TestHostSocketsAreForOrganisersOnly(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, _ := org.makeContest("fixed", questions(1))
	trainer := s.login("trainer")
	evil := org.cookieHeader()
	evil.Set("Origin", "http://evil.example")
	for name, h := range map[string]http.Header{"no login": nil, "a trainer": trainer.cookieHeader(), "another site": evil} {
		if _, err := livetest.Dial(ctx, s.WS+"/ws/host?contest="+id, h); err == nil {
			t.Errorf("%s opened a host socket", name)
		}
	}
}

// TestCommandsAreIdempotent: a stale version changes nothing, so a double press on "next"
// does not skip a question.
func TestCommandsAreIdempotent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(3))
	_, v := s.host(ctx, org, id)
	p, _ := s.join(ctx, pin, "Vũ Thị Giang", "Chi bộ 7")
	v = org.mustCommand(id, "start", v)
	v1 := org.mustCommand(id, "next", v)
	var e apiErr
	if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "next", "version": v}, &e); st != 409 || e.Error.Code != "conflict" || e.Error.Message == "" {
		t.Fatalf("a repeated next: HTTP %d %+v", st, e)
	}
	if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "reveal", "version": v1}, &e); st != 409 {
		t.Fatalf("reveal while the question is open: HTTP %d", st)
	}
	if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "jump", "version": v1}, &e); st != 400 || e.Error.Code != "invalid" {
		t.Fatalf("an unknown command: HTTP %d %+v", st, e)
	}
	st := decodeState(t, p.reconnect(ctx))
	if st.Version != v1 || st.Item == nil || st.Item.Index != 0 {
		t.Fatalf("after a double press: version %d (want %d), question %+v (want the first)", st.Version, v1, st.Item)
	}
}

// TestAnItemClosesAtItsDeadlineAndPauseStopsTheClock runs a 5-second question with a pause.
func TestAnItemClosesAtItsDeadlineAndPauseStopsTheClock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	qs := []quiz.Question{{Type: quiz.TrueFalse, Prompt: "Nhận định ngắn?", Correct: []int{0}, TimeLimitSec: 5, Points: 10}}
	id, pin := org.makeContest("fixed", qs)
	_, v := s.host(ctx, org, id)
	p, _ := s.join(ctx, pin, "Bùi Văn Hải", "Chi bộ 8")
	v = org.mustCommand(id, "start", v)
	opened := time.Now()
	v = org.mustCommand(id, "next", v)
	item, _ := p.Next(ctx, "item")
	v = org.mustCommand(id, "pause", v)
	if f := p.answer(ctx, item.Item().ItemID, "while-paused", 0); f.Code() != "paused" {
		t.Fatalf("an answer while paused: %s", f.Raw)
	}
	time.Sleep(2 * time.Second)
	org.mustCommand(id, "resume", v)
	closed, err := p.Next(ctx, "closed")
	if err != nil {
		t.Fatal(err)
	}
	took := closed.At.Sub(opened)
	if took < 6500*time.Millisecond || took > 9*time.Second {
		t.Fatalf("a 5 s question paused for 2 s closed after %v", took)
	}
	if f := p.answer(ctx, item.Item().ItemID, "too-late", 0); f.Code() != "item_closed" {
		t.Fatalf("an answer after the deadline: %s", f.Raw)
	}
}

// TestKickedContestantsStayOut: a kicked phone is told and closed with 4001, and cannot
// resume.
func TestKickedContestantsStayOut(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(1))
	host, _ := s.host(ctx, org, id)
	p, _ := s.join(ctx, pin, "Người gây rối", "Chi bộ 9")
	var out apiErr
	if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "kick", "participant_id": p.id}, &out); st != 200 {
		t.Fatalf("kick: HTTP %d %+v", st, out)
	}
	if f, err := p.Next(ctx, "kicked"); err != nil || !strings.Contains(string(f.Raw), "rời") {
		t.Fatalf("kicked frame: %s %v", f.Raw, err)
	}
	<-p.Closed()
	if p.CloseCode != 4001 {
		t.Fatalf("closed with %d, want 4001", p.CloseCode)
	}
	c, _ := livetest.Dial(ctx, s.WS+"/ws/play", nil)
	defer c.Close()
	_ = c.Send(wire.ClientFrame{T: wire.TResume, Token: p.token})
	if f, err := c.Next(ctx, "error"); err != nil || f.Code() != "kicked" {
		t.Fatalf("resume after a kick: %s %v", f.Raw, err)
	}
	for {
		f, err := host.Next(ctx, "participants")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(f.Raw), `"kicked":true`) {
			break
		}
	}
}

// TestAQuestionClosesWhenEveryConnectedContestantHasAnswered: with auto_close (the default),
// a question stays open while a connected contestant has not answered, and closes by itself
// once every connected one has; a phone that lost its connection is not waited for. Then
// "next" does not skip the reveal.
func TestAQuestionClosesWhenEveryConnectedContestantHasAnswered(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContestClosing("fixed", questions(2), true)
			host, v := s.host(ctx, org, id)
			a, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")
			b, _ := s.join(ctx, pin, "Trần Thị Bình", "Chi bộ 2")
			gone, _ := s.join(ctx, pin, "Lê Văn Cường", "Chi bộ 3")
			v = org.mustCommand(id, "start", v)
			org.mustCommand(id, "next", v)
			item, err := a.Next(ctx, "item")
			if err != nil {
				t.Fatal(err)
			}
			if ack := a.answer(ctx, item.Item().ItemID, "a1", 1); ack.T != "ack" {
				t.Fatalf("answer: %s", ack.Raw)
			}
			// b has not answered yet: the question stays open while the host sees the count
			for {
				f, err := host.Next(ctx, "progress", "closed")
				if err != nil {
					t.Fatal(err)
				}
				if f.T == "closed" {
					t.Fatal("the question closed while a connected contestant had not answered")
				}
				if f.Progress().Answered == 1 {
					break
				}
			}
			gone.Close() // lost Wi-Fi: not waited for
			if ack := b.answer(ctx, item.Item().ItemID, "b1", 0); ack.T != "ack" {
				t.Fatalf("answer: %s", ack.Raw)
			}
			closed, err := a.Next(ctx, "closed")
			if err != nil {
				t.Fatalf("the question did not close once every connected contestant answered: %v", err)
			}
			if until := item.At.Add(25 * time.Second); closed.At.After(until) {
				t.Fatalf("closed only at its deadline")
			}
			ph, err := host.Next(ctx, "phase")
			for err == nil && ph.PhaseName() != "item_closed" {
				ph, err = host.Next(ctx, "phase")
			}
			if err != nil {
				t.Fatal(err)
			}
			v = ph.Version()
			if st, _ := org.command(id, "next", v); st != 409 {
				t.Fatalf("next from a closed question: HTTP %d, want 409 (the reveal must not be skipped)", st)
			}
			v = org.mustCommand(id, "reveal", v)
			org.mustCommand(id, "next", v)
		})
	}
}

// TestAContestantWhosePhoneDiedIsLetBackInOnAnother: the same name and unit are refused from
// a second phone, until the organiser presses "Cho vào lại": then the next join with them is
// the same contestant, score and all, the old phone's token stops working, and the
// permission is used up.
func TestAContestantWhosePhoneDiedIsLetBackInOnAnother(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(2))
			_, v := s.host(ctx, org, id)
			old, _ := s.join(ctx, pin, "Nguyễn Thị Hoa", "Chi bộ 7")
			v = org.mustCommand(id, "start", v)
			v = org.mustCommand(id, "next", v)
			item, _ := old.Next(ctx, "item")
			if ack := old.answer(ctx, item.Item().ItemID, "h1", 0); ack.T != "ack" {
				t.Fatalf("answer: %s", ack.Raw)
			}
			v = org.mustCommand(id, "close", v)
			org.mustCommand(id, "reveal", v)
			old.Close() // the battery died

			second := func() livetest.Frame {
				p := s.dialPhone(ctx)
				_ = p.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "nguyễn thị  hoa", Unit: "Chi bộ 7"})
				f, err := p.Next(ctx, "hello", "error")
				if err != nil {
					t.Fatal(err)
				}
				if f.T == "hello" {
					st, err := p.Next(ctx, "state")
					if err != nil {
						t.Fatal(err)
					}
					if got := decodeState(t, st); got.Me.Score != 100 {
						t.Errorf("back on another phone with %d points, want the 100 scored", got.Me.Score)
					}
				}
				return f
			}
			if f := second(); f.Code() != "name_taken" {
				t.Fatalf("another phone before the organiser let it: %s, want name_taken", f.Raw)
			}
			var out apiErr
			if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "rejoin", "participant_id": old.id}, &out); st != 200 {
				t.Fatalf("rejoin: HTTP %d %+v", st, out)
			}
			f := second()
			if f.T != "hello" || f.Hello().ParticipantID != old.id || f.Hello().Token == old.token {
				t.Fatalf("the join after 'Cho vào lại': %s, want hello as %s with a new token", f.Raw, old.id)
			}
			c, _ := livetest.Dial(ctx, s.WS+"/ws/play", nil)
			defer c.Close()
			_ = c.Send(wire.ClientFrame{T: wire.TResume, Token: old.token})
			if f, err := c.Next(ctx, "error", "hello"); err != nil || f.Code() != "token_invalid" {
				t.Errorf("the dead phone's token after the rejoin: %s %v, want token_invalid", f.Raw, err)
			}
			if f := second(); f.Code() != "name_taken" {
				t.Errorf("a third phone after the rejoin was used: %s, want name_taken", f.Raw)
			}
		})
	}
}
