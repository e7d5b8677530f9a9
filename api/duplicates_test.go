package api_test

import (
	"slices"
	"testing"

	"hoithi/quiz"
)

// duplicatesOut is GET /api/banks/:id/duplicates as the bank page reads it.
type duplicatesOut struct {
	Groups []struct {
		Key       string `json:"key"`
		Questions []struct {
			ID      string   `json:"id"`
			Prompt  string   `json:"prompt"`
			Tags    []string `json:"tags"`
			Version int      `json:"version"`
		} `json:"questions"`
	} `json:"groups"`
}

func (d duplicatesOut) ids() [][]string {
	var out [][]string
	for _, g := range d.Groups {
		var ids []string
		for _, q := range g.Questions {
			ids = append(ids, q.ID)
		}
		out = append(out, ids)
	}
	return out
}

// dupBank has b make a bank of one question per prompt, each with the tags given by index.
func dupBank(t *testing.T, b *browser, prompts []string, tags map[int][]string) (string, []string) {
	t.Helper()
	var bank struct{ ID string }
	if st := b.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi có câu trùng"}, &bank); st != 201 {
		t.Fatalf("create bank: HTTP %d", st)
	}
	ids := make([]string, len(prompts))
	for i, p := range prompts {
		q := quiz.Question{Type: quiz.TrueFalse, Prompt: p, Correct: []int{0}, Tags: tags[i]}
		var out struct{ ID string }
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, &out); st != 201 {
			t.Fatalf("create question %q: HTTP %d", p, st)
		}
		ids[i] = out.ID
	}
	return bank.ID, ids
}

func TestATrainerMergesOneGroupOfDuplicatesAndKeepsAnother(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			trainer := s.login("trainer")
			bank, ids := dupBank(t, trainer, []string{"Đảng viên có mấy nhiệm vụ?", "Chi bộ họp mấy lần một tháng?", "dang vien co may nhiem vu", "Chi bộ họp mấy lần 1 tháng?", "Chi bộ họp mấy lần một tháng"},
				map[int][]string{0: {"Điều lệ Đảng"}, 2: {"Đảng viên", "điều lệ đảng"}})
			var d duplicatesOut
			if st := trainer.do("GET", "/api/banks/"+bank+"/duplicates", nil, &d); st != 200 {
				t.Fatalf("list duplicates: HTTP %d", st)
			}
			if got := d.ids(); !slices.EqualFunc(got, [][]string{{ids[0], ids[2]}, {ids[1], ids[4]}}, slices.Equal) {
				t.Fatalf("groups = %v", got)
			}

			if st := trainer.do("POST", "/api/banks/"+bank+"/duplicates/merge", map[string]any{"keep": ids[0], "remove": []string{ids[2]}}, &d); st != 200 {
				t.Fatalf("merge: HTTP %d", st)
			}
			if got := d.ids(); !slices.EqualFunc(got, [][]string{{ids[1], ids[4]}}, slices.Equal) {
				t.Fatalf("groups after the merge = %v", got)
			}
			if st := trainer.do("POST", "/api/banks/"+bank+"/duplicates/keep", map[string]any{"question_ids": []string{ids[4], ids[1]}}, &d); st != 200 || len(d.Groups) != 0 {
				t.Fatalf("keep: HTTP %d, groups left %v", st, d.ids())
			}

			var page struct {
				Questions []struct {
					ID   string   `json:"id"`
					Tags []string `json:"tags"`
				} `json:"questions"`
			}
			trainer.do("GET", "/api/banks/"+bank, nil, &page)
			if len(page.Questions) != 4 || page.Questions[0].ID != ids[0] || !slices.Equal(page.Questions[0].Tags, []string{"Điều lệ Đảng", "Đảng viên"}) {
				t.Fatalf("bank after the merge = %+v", page.Questions)
			}
			var h struct {
				Revisions []struct {
					ActorName string   `json:"actor_name"`
					Changed   []string `json:"changed"`
				} `json:"revisions"`
			}
			trainer.do("GET", "/api/questions/"+ids[0]+"/history", nil, &h)
			if len(h.Revisions) != 1 || !slices.Contains(h.Revisions[0].Changed, "gộp câu trùng") || h.Revisions[0].ActorName != "Giảng viên" {
				t.Fatalf("history of the kept question = %+v", h.Revisions)
			}
		})
	}
}

func TestAMergeOrKeepThatNamesNoDuplicatesIsRefusedAndChangesNothing(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			trainer, admin := s.login("trainer"), s.login("admin")
			bank, ids := dupBank(t, trainer, []string{"Đảng viên có mấy nhiệm vụ?", "dang vien co may nhiem vu", "Chi bộ là gì?"}, nil)
			_, theirs := dupBank(t, admin, []string{"Đảng viên có mấy nhiệm vụ?"}, nil)
			merge, keep := "/api/banks/"+bank+"/duplicates/merge", "/api/banks/"+bank+"/duplicates/keep"
			cases := []struct {
				name   string
				path   string
				body   any
				status int
				code   string
			}{
				{"a merge of two different prompts", merge, map[string]any{"keep": ids[0], "remove": []string{ids[2]}}, 400, "invalid"},
				{"a merge of a question of another bank", merge, map[string]any{"keep": ids[0], "remove": []string{theirs[0]}}, 404, "not_found"},
				{"a merge of an unknown question", merge, map[string]any{"keep": "no-such-question", "remove": []string{ids[1]}}, 404, "not_found"},
				{"a merge into a question named among those removed", merge, map[string]any{"keep": ids[0], "remove": []string{ids[1], ids[0]}}, 400, "invalid"},
				{"a merge with nothing to remove", merge, map[string]any{"keep": ids[0]}, 400, "invalid"},
				{"a merge whose body is not JSON", merge, "keep", 400, "bad_json"},
				{"a keep of one question", keep, map[string]any{"question_ids": []string{ids[0]}}, 400, "invalid"},
				{"a keep of two different prompts", keep, map[string]any{"question_ids": []string{ids[0], ids[2]}}, 400, "invalid"},
				{"a keep with a question of another bank", keep, map[string]any{"question_ids": []string{ids[0], theirs[0]}}, 404, "not_found"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					var e apiErr
					if st := trainer.do("POST", c.path, c.body, &e); st != c.status || e.Error.Code != c.code || !isVietnamese(e.Error.Message) {
						t.Fatalf("HTTP %d %+v, want %d %s with a Vietnamese message", st, e.Error, c.status, c.code)
					}
				})
			}
			var d duplicatesOut
			trainer.do("GET", "/api/banks/"+bank+"/duplicates", nil, &d)
			if got := d.ids(); !slices.EqualFunc(got, [][]string{{ids[0], ids[1]}}, slices.Equal) || d.Groups[0].Questions[0].Version != 1 {
				t.Fatalf("groups after refused merges and keeps = %v", got)
			}
		})
	}
}
