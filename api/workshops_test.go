package api_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"hoithi/realtime/wire"
)

// workshopAnswer is what POST /api/workshops answers, as far as these tests read it.
type workshopAnswer struct {
	ID     string `json:"id"`
	PIN    string `json:"pin"`
	Title  string `json:"title"`
	Rounds []struct {
		Kind      string `json:"kind"`
		Scoring   string `json:"scoring"`
		AutoClose bool   `json:"auto_close"`
		Items     []struct {
			Question struct {
				ID     string `json:"question_id"`
				Prompt string `json:"prompt"`
			} `json:"question"`
		} `json:"items"`
	} `json:"rounds"`
	LeftOut int    `json:"left_out"`
	Seed    uint64 `json:"seed"`
}

// prompts lists the prompts of a workshop's questions in play order.
func (w workshopAnswer) prompts() []string {
	var out []string
	for _, r := range w.Rounds {
		for _, it := range r.Items {
			out = append(out, it.Question.Prompt)
		}
	}
	return out
}

// sixKinds are a question of every kind, each with its explanation, tagged "Điều lệ Đảng".
var sixKinds = []map[string]any{
	{"type": "single", "prompt": "Đảng viên dự bị có quyền biểu quyết không?", "options": []string{"Có", "Không"}, "correct": []int{1}, "explanation": "Điều 5: đảng viên dự bị không biểu quyết."},
	{"type": "multi", "prompt": "Những việc nào là nhiệm vụ của chi bộ?", "options": []string{"Giáo dục đảng viên", "Thu thuế", "Kết nạp đảng viên"}, "correct": []int{0, 2}, "explanation": "Điều 24 nêu nhiệm vụ của chi bộ."},
	{"type": "truefalse", "prompt": "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.", "correct": []int{0}, "explanation": "Hướng dẫn 12-HD/BTCTW."},
	{"type": "short", "prompt": "Cơ quan lãnh đạo cao nhất của chi bộ là gì?", "answers": []string{"Đại hội chi bộ"}, "no_diacritics": true, "explanation": "Điều 10: đại hội là cơ quan lãnh đạo cao nhất."},
	{"type": "numeric", "prompt": "Đảng Cộng sản Việt Nam thành lập năm nào?", "value": 1930, "explanation": "Ngày 3 tháng 2 năm 1930."},
	{"type": "ordering", "prompt": "Sắp xếp các bước của buổi sinh hoạt chi bộ", "options": []string{"Khai mạc", "Thảo luận", "Biểu quyết"}, "explanation": "Theo Hướng dẫn 12-HD/BTCTW."},
}

// bankOf makes a bank titled title of qs, each tagged with tags, and returns its id.
func (b *browser) bankOf(title string, qs []map[string]any, tags ...string) string {
	b.t.Helper()
	var bank struct{ ID string }
	if st := b.do("POST", "/api/banks", map[string]string{"title": title}, &bank); st != 201 {
		b.t.Fatalf("create bank: HTTP %d", st)
	}
	for i, q := range qs {
		q = maps.Clone(q)
		q["tags"] = tags
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, nil); st != 201 {
			b.t.Fatalf("create question %d: HTTP %d", i+1, st)
		}
	}
	return bank.ID
}

// TestATrainerOpensAWorkshopOfABankAndEveryRevealExplains: in one call a trainer has a live
// quiz of the bank's questions in their order, relaxed (fixed points, closing once everyone
// answered) and named after the bank and the day; the trainer runs it from the control panel,
// and at each reveal, whatever the kind of question, the phone and the projector get its
// explanation.
func TestATrainerOpensAWorkshopOfABankAndEveryRevealExplains(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			tr := s.login("trainer")
			bank := tr.bankOf("Điều lệ Đảng", sixKinds, "Điều lệ Đảng")
			var w workshopAnswer
			if st := tr.do("POST", "/api/workshops", map[string]any{"bank_id": bank}, &w); st != 201 {
				t.Fatalf("open a workshop: HTTP %d", st)
			}
			today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006")
			if w.Title != "Tập huấn nhanh: Điều lệ Đảng – "+today {
				t.Errorf("the workshop is titled %q", w.Title)
			}
			if len(w.Rounds) != 1 || w.Rounds[0].Kind != "quiz" || w.Rounds[0].Scoring != "fixed" || !w.Rounds[0].AutoClose {
				t.Errorf("the workshop's rounds %+v, want one quiz round of fixed points closing by itself", w.Rounds)
			}
			var want []string
			for _, q := range sixKinds {
				want = append(want, q["prompt"].(string))
			}
			if got := w.prompts(); !slices.Equal(got, want) || w.LeftOut != 0 || w.Seed != 0 {
				t.Errorf("the workshop asks %q (%d left out, seed %d), want the bank's questions in order", got, w.LeftOut, w.Seed)
			}
			var list struct {
				Contests []struct{ ID string } `json:"contests"`
			}
			if tr.do("GET", "/api/contests", nil, &list); len(list.Contests) != 1 || list.Contests[0].ID != w.ID {
				t.Errorf("the trainer's contests: %+v, want the workshop", list.Contests)
			}

			hc, v := s.host(ctx, tr, w.ID)
			h := &hostWatch{t: t, c: hc, version: v}
			p, _ := s.join(ctx, w.PIN, "Nguyễn Văn An", "Chi bộ 1")
			h.cmd(ctx, tr, w.ID, map[string]any{"cmd": "start"})
			for i, q := range sixKinds {
				h.cmd(ctx, tr, w.ID, map[string]any{"cmd": "next"})
				if _, err := p.Next(ctx, wire.TItem); err != nil {
					t.Fatal(err)
				}
				h.cmd(ctx, tr, w.ID, map[string]any{"cmd": "close"})
				h.cmd(ctx, tr, w.ID, map[string]any{"cmd": "reveal"})
				f, err := p.Next(ctx, wire.TReveal)
				if err != nil {
					t.Fatal(err)
				}
				onScreen := decode[wire.Reveal](t, h.until(ctx, wire.TReveal, nil))
				if r := decode[wire.Reveal](t, f); r.Explanation != q["explanation"] || onScreen.Explanation != q["explanation"] {
					t.Errorf("question %d (%s): the phone's reveal explains %q, the projector's %q; want %q", i+1, q["type"], r.Explanation, onScreen.Explanation, q["explanation"])
				}
				if i < len(sixKinds)-1 {
					h.cmd(ctx, tr, w.ID, map[string]any{"cmd": "standings"})
				}
			}

			if st := tr.do("POST", "/api/workshops", map[string]any{"bank_id": bank, "count": 2, "title": "Ôn tập đầu giờ"}, &w); st != 201 {
				t.Fatalf("open a workshop of two questions: HTTP %d", st)
			}
			if got := w.prompts(); w.Title != "Ôn tập đầu giờ" || !slices.Equal(got, want[:2]) || w.LeftOut != 4 {
				t.Errorf("a workshop of the first two: %q titled %q, %d left out; want %q and 4 left out", got, w.Title, w.LeftOut, want[:2])
			}
			if st := tr.do("DELETE", "/api/contests/"+w.ID, nil, nil); st != 204 {
				t.Errorf("the trainer deletes a workshop she opened: HTTP %d", st)
			}
		})
	}
}

// TestAWorkshopByTopicDrawsFromEveryBankOneMayRead: the questions of a topic are drawn from
// the trainer's banks and those shared with them, never one twice (the same prompt in two
// banks is asked once) and never from a bank they may not read; a seed draws the same again.
func TestAWorkshopByTopicDrawsFromEveryBankOneMayRead(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			admin, tr := s.login("admin"), s.login("trainer")
			tr.bankOf("Của giảng viên", sixKinds[:4], "Điều lệ Đảng")
			shared := admin.bankOf("Dùng chung", append([]map[string]any{sixKinds[0]}, sixKinds[4:]...), "Điều lệ Đảng")
			if st := admin.do("PUT", "/api/banks/"+shared+"/sharing", map[string]any{"user_ids": []string{}, "all": true}, nil); st != 200 {
				t.Fatalf("share: HTTP %d", st)
			}
			admin.bankOf("Riêng của quản trị", []map[string]any{{"type": "truefalse", "prompt": "Câu riêng?", "correct": []int{0}}}, "Điều lệ Đảng", "Bí mật")

			var all workshopAnswer
			if st := tr.do("POST", "/api/workshops", map[string]any{"tag": "Điều lệ Đảng", "count": 20}, &all); st != 201 {
				t.Fatalf("open a workshop by topic: HTTP %d", st)
			}
			got := all.prompts()
			slices.Sort(got)
			var want []string
			for _, q := range sixKinds {
				want = append(want, q["prompt"].(string))
			}
			slices.Sort(want)
			if !slices.Equal(got, want) || all.LeftOut != 1 || all.Seed == 0 {
				t.Errorf("a workshop of all of “Điều lệ Đảng” asks %q (%d left out, seed %d), want each of %q once and the copy left out", got, all.LeftOut, all.Seed, want)
			}
			if !strings.HasPrefix(all.Title, "Tập huấn nhanh: Điều lệ Đảng – ") {
				t.Errorf("the workshop is titled %q", all.Title)
			}
			var a, b workshopAnswer
			tr.do("POST", "/api/workshops", map[string]any{"tag": "Điều lệ Đảng", "count": 3, "seed": 7}, &a)
			tr.do("POST", "/api/workshops", map[string]any{"tag": "Điều lệ Đảng", "count": 3, "seed": 7}, &b)
			if len(a.prompts()) != 3 || !slices.Equal(a.prompts(), b.prompts()) || a.Seed != 7 {
				t.Errorf("two draws of 3 with seed 7: %q and %q (seed %d)", a.prompts(), b.prompts(), a.Seed)
			}
			var ten workshopAnswer
			tr.do("POST", "/api/workshops", map[string]any{"tag": "Điều lệ Đảng"}, &ten)
			if n := len(ten.prompts()); n != 6 {
				t.Errorf("a draw of the default ten from six questions asks %d", n)
			}
		})
	}
}

// TestAWorkshopThatCannotBeMadeSaysWhyInVietnamese: a bank with nothing in it, a topic with
// nothing the trainer may read (even if others' banks have it), a bank they may not see, a
// blueprint, and requests that are not one source.
func TestAWorkshopThatCannotBeMadeSaysWhyInVietnamese(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			admin, tr := s.login("admin"), s.login("trainer")
			empty := tr.bankOf("Chưa có câu", nil)
			mine := tr.bankOf("Có câu", sixKinds[:1], "Điều lệ Đảng")
			private := admin.bankOf("Riêng của quản trị", sixKinds[:1], "Bí mật")
			judge := s.people(t).judge
			cases := []struct {
				name    string
				b       *browser
				body    map[string]any
				status  int
				code    string
				message string
			}{
				{"a bank with no question", tr, map[string]any{"bank_id": empty}, 400, "invalid", "Bộ câu hỏi chưa có câu nào."},
				{"a topic nobody uses", tr, map[string]any{"tag": "Không ai dùng"}, 400, "invalid", "Chưa có câu hỏi nào thuộc chủ đề “Không ai dùng”"},
				{"a topic only others' banks have", tr, map[string]any{"tag": "Bí mật"}, 400, "invalid", "Chưa có câu hỏi nào thuộc chủ đề “Bí mật”"},
				{"a bank not shared with the trainer", tr, map[string]any{"bank_id": private}, 404, "not_found", "Không tìm thấy bộ câu hỏi."},
				{"a bank that does not exist", tr, map[string]any{"bank_id": "khong-co"}, 404, "not_found", ""},
				{"a blueprint", tr, map[string]any{"blueprint_id": "bp-1"}, 400, "invalid", "cấu trúc đề"},
				{"no source", tr, map[string]any{"count": 5}, 400, "invalid", "Chọn một nguồn câu hỏi"},
				{"a bank and a topic", tr, map[string]any{"bank_id": mine, "tag": "Điều lệ Đảng"}, 400, "invalid", "Chọn một nguồn câu hỏi"},
				{"more questions than a round holds", tr, map[string]any{"bank_id": mine, "count": 201}, 400, "invalid", "từ 1 đến 200"},
				{"a judge", judge, map[string]any{"bank_id": mine}, 403, "forbidden", ""},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					var e apiErr
					if st := c.b.do("POST", "/api/workshops", c.body, &e); st != c.status || e.Error.Code != c.code || !isVietnamese(e.Error.Message) || !strings.Contains(e.Error.Message, c.message) {
						t.Fatalf("HTTP %d %+v, want %d %s saying %q", st, e.Error, c.status, c.code, c.message)
					}
				})
			}
		})
	}
}
