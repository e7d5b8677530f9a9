package api_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// kindsContest makes, through the API, a contest of a quiz round with a short answer (accepted
// without diacritics), a numeric, an ordering and a multiple-choice question (both with
// partial credit), then a speed-order round of one short answer.
func (b *browser) kindsContest() (id, pin string) {
	b.t.Helper()
	var bank quiz.Bank
	if st := b.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi đủ loại"}, &bank); st != 201 {
		b.t.Fatalf("create bank: HTTP %d", st)
	}
	qs := []map[string]any{
		{"type": "short", "prompt": "Cơ quan lãnh đạo cao nhất của chi bộ là gì?", "answers": []string{"Đại hội chi bộ", "Hội nghị đảng viên"}, "no_diacritics": true, "time_limit_sec": 60},
		{"type": "numeric", "prompt": "Đảng Cộng sản Việt Nam thành lập năm nào?", "value": 1930, "tolerance": 0, "time_limit_sec": 60},
		{"type": "ordering", "prompt": "Sắp xếp các bước của buổi sinh hoạt chi bộ", "options": []string{"Khai mạc", "Thảo luận", "Biểu quyết"}, "partial": true, "points": 90, "time_limit_sec": 60},
		{"type": "multi", "prompt": "Những việc nào là nhiệm vụ của chi bộ?", "options": []string{"Giáo dục đảng viên", "Thu thuế", "Kết nạp đảng viên"}, "correct": []int{0, 2}, "partial": true, "time_limit_sec": 60},
		{"type": "short", "prompt": "Tên gọi của tổ chức cơ sở đảng nhỏ nhất?", "answers": []string{"Chi bộ"}, "time_limit_sec": 60},
	}
	ids := make([]string, len(qs))
	for i, q := range qs {
		var created map[string]any
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			b.t.Fatalf("create question %d: HTTP %d %v", i+1, st, created)
		}
		ids[i] = created["id"].(string)
	}
	body := map[string]any{
		"title": "Hội thi đủ loại câu hỏi",
		"rounds": []map[string]any{
			{"title": "Kiến thức", "kind": "quiz", "scoring": "fixed", "auto_close": false, "question_ids": ids[:4]},
			{"title": "Tăng tốc", "kind": "speed_order", "auto_close": false, "question_ids": ids[4:]},
		},
	}
	var ct struct {
		ID  string `json:"id"`
		PIN string `json:"pin"`
	}
	if st := b.do("POST", "/api/contests", body, &ct); st != 201 {
		b.t.Fatalf("create contest: HTTP %d", st)
	}
	return ct.ID, ct.PIN
}

func TestAContestOfTypedAndOrderedQuestionsIsPlayedScoredAndRecorded(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.kindsContest()
			hc, v := s.host(ctx, org, id)
			h := &hostWatch{t: t, c: hc, version: v}
			an, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")
			binh, _ := s.join(ctx, pin, "Trần Thị Bình", "Chi bộ 2")
			phones := []*phone{an, binh}
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
				if hasAnswerKey(mustNext(t, ctx, h, wire.TItem)) {
					t.Fatalf("the item frame gives the key away: %+v", it)
				}
				return it
			}
			send := func(p *phone, f wire.ClientFrame) wire.Ack {
				t.Helper()
				f.T = wire.TAnswer
				if err := p.Send(f); err != nil {
					t.Fatal(err)
				}
				got, err := p.Next(ctx, wire.TAck, wire.TError)
				if err != nil || got.T != wire.TAck {
					t.Fatalf("answer %s: %s %v", f.AnswerID, got.Raw, err)
				}
				return got.Ack()
			}
			// reveal closes and reveals the open item and returns each phone's reveal, in order.
			reveal := func() []wire.Reveal {
				t.Helper()
				h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
				h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})
				var out []wire.Reveal
				for _, p := range phones {
					f, err := p.Next(ctx, wire.TReveal)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, decode[wire.Reveal](t, f))
				}
				return out
			}
			wantResult := func(r wire.Reveal, who string, correct bool, points int) {
				t.Helper()
				if r.Result == nil || r.Result.Correct != correct || r.Result.Points != points {
					t.Errorf("%s's result %+v, want correct=%v and %d points", who, r.Result, correct, points)
				}
			}

			// A short answer: An types it without diacritics, which the question accepts, and
			// reloads her phone before the close; Bình is wrong.
			h.cmd(ctx, org, id, map[string]any{"cmd": "start"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q1 := item()
			if q1.Type != "short" || len(q1.Options) != 0 {
				t.Fatalf("the short-answer item reads %+v", q1)
			}
			if ack := send(an, wire.ClientFrame{ItemID: q1.ItemID, AnswerID: "a1", Text: "dai hoi chi bo"}); ack.Text != "dai hoi chi bo" {
				t.Errorf("the ack of a typed answer %+v", ack)
			}
			send(binh, wire.ClientFrame{ItemID: q1.ItemID, AnswerID: "b1", Text: "Chi uỷ"})
			if st := decodeState(t, an.reconnect(ctx)); st.Answer == nil || st.Answer.Text != "dai hoi chi bo" || st.Answer.AnswerID != "a1" {
				t.Fatalf("after a reload the phone's answer is %+v", st.Answer)
			}
			rs := reveal()
			if r := rs[0]; !slices.Equal(r.Answers, []string{"Đại hội chi bộ", "Hội nghị đảng viên"}) || !r.NoDiacritics || !slices.Equal(r.Distribution, []int{1}) {
				t.Errorf("the short answer's reveal %+v: want the accepted answers and 1 right", r)
			}
			if rs[0].Result == nil || rs[0].Result.Text != "dai hoi chi bo" || rs[1].Result.Text != "Chi uỷ" {
				t.Errorf("the results do not say what was typed: %+v %+v", rs[0].Result, rs[1].Result)
			}
			wantResult(rs[0], "An", true, 100)
			wantResult(rs[1], "Bình", false, 0)

			// A number: "1.930" is 1930 as Vietnamese writes it; 1931 is off by one.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q2 := item()
			if f := func() wire.Error {
				if err := binh.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: q2.ItemID, AnswerID: "bx", Text: "một nghìn"}); err != nil {
					t.Fatal(err)
				}
				f, _ := binh.Next(ctx, wire.TAck, wire.TError)
				return f.Error()
			}(); f.Code != "invalid" || f.ItemID != q2.ItemID || f.AnswerID != "bx" {
				t.Errorf("words for a number should be refused with a message, got %+v", f)
			}
			send(an, wire.ClientFrame{ItemID: q2.ItemID, AnswerID: "a2", Text: "1.930"})
			send(binh, wire.ClientFrame{ItemID: q2.ItemID, AnswerID: "b2", Text: "1931"})
			rs = reveal()
			if r := rs[0]; r.Value == nil || *r.Value != 1930 || r.Tolerance != 0 || !slices.Equal(r.Distribution, []int{1}) {
				t.Errorf("the numeric reveal %+v: want 1930 and 1 right", r)
			}
			wantResult(rs[0], "An", true, 100)
			wantResult(rs[1], "Bình", false, 0)

			// Ordering with partial credit: An puts the items right, Bình swaps the first two
			// and has one of three in its place.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q3 := item()
			right := []string{"Khai mạc", "Thảo luận", "Biểu quyết"}
			if len(q3.Options) != 3 || slices.Equal(q3.Options, right) {
				t.Fatalf("the ordering item shows %v: want the three items shuffled", q3.Options)
			}
			order := make([]int, 3)
			for i, o := range right {
				order[i] = slices.Index(q3.Options, o)
			}
			swapped := []int{order[1], order[0], order[2]}
			if ack := send(an, wire.ClientFrame{ItemID: q3.ItemID, AnswerID: "a3", Order: order}); !slices.Equal(ack.Order, order) {
				t.Errorf("the ack says %v, the phone sent %v", ack.Order, order)
			}
			send(binh, wire.ClientFrame{ItemID: q3.ItemID, AnswerID: "b3", Order: swapped})
			if st := decodeState(t, binh.reconnect(ctx)); st.Answer == nil || !slices.Equal(st.Answer.Order, swapped) {
				t.Fatalf("after a reload Bình's order is %+v, she sent %v", st.Answer, swapped)
			}
			rs = reveal()
			if !slices.Equal(rs[0].Order, order) || !slices.Equal(rs[0].Distribution, []int{1}) {
				t.Errorf("the ordering reveal says the right order is %v (%v right), want %v", rs[0].Order, rs[0].Distribution, order)
			}
			wantResult(rs[0], "An", true, 90)
			wantResult(rs[1], "Bình", false, 30)
			if !slices.Equal(rs[1].Result.Order, swapped) {
				t.Errorf("Bình's result says she sent %v, she sent %v", rs[1].Result.Order, swapped)
			}

			// Multiple choice with partial credit: An chooses one of the two right options.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q4 := item()
			send(an, wire.ClientFrame{ItemID: q4.ItemID, AnswerID: "a4", Choice: []int{0}})
			send(binh, wire.ClientFrame{ItemID: q4.ItemID, AnswerID: "b4", Choice: []int{2, 0}})
			rs = reveal()
			if !slices.Equal(rs[0].Correct, []int{0, 2}) || !slices.Equal(rs[0].Distribution, []int{2, 0, 1}) {
				t.Errorf("the multiple-choice reveal %+v", rs[0])
			}
			wantResult(rs[0], "An", false, 50)
			wantResult(rs[1], "Bình", true, 100)

			// Speed order with typed answers: the first right answer earns 40, the next 30.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			q5 := item()
			send(binh, wire.ClientFrame{ItemID: q5.ItemID, AnswerID: "b5", Text: "chi bộ"})
			send(an, wire.ClientFrame{ItemID: q5.ItemID, AnswerID: "a5", Text: "  Chi  bộ! "})
			rs = reveal()
			wantResult(rs[0], "An", true, 30)
			wantResult(rs[1], "Bình", true, 40)

			var res struct {
				Standings []struct {
					Name  string `json:"name"`
					Score int    `json:"score"`
				} `json:"standings"`
				Questions []struct {
					Type  string `json:"type"`
					Key   string `json:"key"`
					Right int    `json:"right"`
					Typed []struct {
						Text    string `json:"text"`
						Count   int    `json:"count"`
						Correct bool   `json:"correct"`
					} `json:"typed"`
				} `json:"questions"`
			}
			if st := org.do("GET", "/api/contests/"+id+"/results", nil, &res); st != 200 {
				t.Fatalf("results: HTTP %d", st)
			}
			if len(res.Standings) != 2 || res.Standings[0].Score != 100+100+90+50+30 || res.Standings[1].Score != 0+0+30+100+40 {
				t.Errorf("standings %+v: want An 370, Bình 170", res.Standings)
			}
			if len(res.Questions) != 5 {
				t.Fatalf("results list %d questions, want 5", len(res.Questions))
			}
			short := res.Questions[0]
			if short.Key != "Đại hội chi bộ / Hội nghị đảng viên" || short.Right != 1 || len(short.Typed) != 2 ||
				!slices.ContainsFunc(short.Typed, func(x struct {
					Text    string `json:"text"`
					Count   int    `json:"count"`
					Correct bool   `json:"correct"`
				}) bool {
					return x.Text == "dai hoi chi bo" && x.Correct
				}) {
				t.Errorf("the short answer's results %+v", short)
			}
			if res.Questions[1].Key != "1930" || res.Questions[2].Key != "Khai mạc → Thảo luận → Biểu quyết" || res.Questions[3].Key != "A, C" {
				t.Errorf("keys in the results: %q, %q, %q", res.Questions[1].Key, res.Questions[2].Key, res.Questions[3].Key)
			}
			if speed := res.Questions[4]; speed.Right != 2 || len(speed.Typed) != 1 || speed.Typed[0].Count != 2 {
				t.Errorf("the speed-order question's results %+v: two typed the same answer", speed)
			}
		})
	}
}

// mustNext reads the host screen's frames up to one of type typ and returns its bytes.
func mustNext(t *testing.T, ctx context.Context, h *hostWatch, typ string) []byte {
	t.Helper()
	return h.until(ctx, typ, nil).Raw
}

// TestAPartlyRightOrderSurvivesARestart restarts the embedded server while an
// ordering question with partial credit is open: the live state rebuilt from the database
// keeps the order sent, and scores it by its share.
func TestAPartlyRightOrderSurvivesARestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", []quiz.Question{
		{Type: quiz.Ordering, Prompt: "Sắp xếp các bước", Options: []string{"Khai mạc", "Thảo luận", "Biểu quyết", "Bế mạc"}, Partial: true, TimeLimitSec: 60, Points: 100},
	})
	_, v := s.host(ctx, org, id)
	a, _ := s.join(ctx, pin, "Phạm Văn Dũng", "Chi bộ 5")
	v = org.mustCommand(id, "start", v)
	v = org.mustCommand(id, "next", v)
	f, err := a.Next(ctx, "item")
	if err != nil {
		t.Fatal(err)
	}
	item := f.Item()
	// The first two in place, the last two swapped: half right.
	right := []string{"Khai mạc", "Thảo luận", "Biểu quyết", "Bế mạc"}
	order := []int{slices.Index(item.Options, right[0]), slices.Index(item.Options, right[1]), slices.Index(item.Options, right[3]), slices.Index(item.Options, right[2])}
	if err := a.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: item.ItemID, AnswerID: "before", Order: order}); err != nil {
		t.Fatal(err)
	}
	if ack, err := a.Next(ctx, "ack", "error"); err != nil || ack.T != "ack" {
		t.Fatalf("%s %v", ack.Raw, err)
	}

	s2 := s.restart(t)
	a.ws = s2.WS
	if st := decodeState(t, a.reconnect(ctx)); st.Answer == nil || !slices.Equal(st.Answer.Order, order) {
		t.Fatalf("after the restart the phone's answer is %+v, it sent %v", st.Answer, order)
	}
	org2 := s2.login("admin")
	v = org2.mustCommand(id, "close", v)
	org2.mustCommand(id, "reveal", v)
	rv, err := a.Next(ctx, "reveal")
	if err != nil {
		t.Fatal(err)
	}
	if r := rv.Reveal().Result; r == nil || r.Points != 50 || r.Correct || !slices.Equal(r.Order, order) {
		t.Fatalf("the result after the restart %+v: want 50 points for half the items in place", r)
	}
}
