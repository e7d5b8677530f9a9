package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"hoithi/quiz"
)

// drawnQuestion is what a test reads of a drawn question.
type drawnQuestion struct {
	ID         string   `json:"id"`
	Tags       []string `json:"tags"`
	Difficulty int      `json:"difficulty"`
	BankTitle  string   `json:"bank_title"`
}

type drawAnswer struct {
	Seed       uint64          `json:"seed"`
	Questions  []drawnQuestion `json:"questions"`
	Shortfalls []struct {
		Message string `json:"message"`
	} `json:"shortfalls"`
}

func drawnIDs(qs []drawnQuestion) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

// tagged adds to a bank n questions of a topic and level.
func tagged(t *testing.T, b *browser, bankID, tag string, level, n int) {
	t.Helper()
	for i := range n {
		q := quiz.Question{Type: quiz.SingleChoice, Prompt: fmt.Sprintf("%s, mức %d, câu %d?", tag, level, i+1),
			Options: []string{"Có", "Không"}, Correct: []int{0}, Tags: []string{tag}, Difficulty: level}
		if st := b.do("POST", "/api/banks/"+bankID+"/questions", q, nil); st != 201 {
			t.Fatalf("add a question: HTTP %d", st)
		}
	}
}

// TestARoundIsDrawnFromABlueprint: an organiser's blueprint of two topics draws what it asks,
// the same for the same seed; a contest of two rounds drawn from it repeats no question and
// keeps each round's seed; a draw the banks cannot fill is refused, naming what is missing,
// unless the round takes what there is.
func TestARoundIsDrawnFromABlueprint(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			org := p.owner
			var bank struct{ ID string }
			if st := org.do("POST", "/api/banks", map[string]string{"title": "Điều lệ và quy định"}, &bank); st != 201 {
				t.Fatalf("create bank: HTTP %d", st)
			}
			for level := quiz.Recall; level <= quiz.Apply; level++ {
				tagged(t, org, bank.ID, "Điều lệ Đảng", level, 4)
			}
			tagged(t, org, bank.ID, "Quy định 24-QĐ/TW", 0, 6)

			var tags struct {
				Tags []struct {
					Tag     string `json:"tag"`
					Total   int    `json:"total"`
					Levels  []int  `json:"levels"`
					Unrated int    `json:"unrated"`
				} `json:"tags"`
			}
			org.do("GET", "/api/tags", nil, &tags)
			if len(tags.Tags) != 2 || tags.Tags[0].Tag != "Điều lệ Đảng" || !slices.Equal(tags.Tags[0].Levels, []int{4, 4, 4, 0}) || tags.Tags[1].Unrated != 6 {
				t.Errorf("topics %+v, want Điều lệ Đảng 4/4/4/0 and Quy định 24 with 6 unrated", tags.Tags)
			}
			var others struct{ Tags []any }
			p.other.do("GET", "/api/tags", nil, &others)
			if len(others.Tags) != 0 {
				t.Errorf("another organiser sees the topics of a bank not shared: %v", others.Tags)
			}

			parts := []map[string]any{{"tag": "điều lệ đảng", "levels": []int{2, 2, 1}}, {"tag": "Quy định 24-QĐ/TW", "any": 3}}
			var bp struct {
				ID            string `json:"id"`
				QuestionCount int    `json:"question_count"`
			}
			if st := org.do("POST", "/api/blueprints", map[string]any{"title": "Đề vòng loại", "parts": parts}, &bp); st != 201 || bp.QuestionCount != 8 {
				t.Fatalf("create blueprint: HTTP %d, %+v", st, bp)
			}
			var first, again drawAnswer
			org.do("POST", "/api/blueprints/draw", map[string]any{"blueprint_id": bp.ID}, &first)
			if first.Seed < 10000 || first.Seed > 99999 || len(first.Questions) != 8 || len(first.Shortfalls) != 0 || first.Questions[0].BankTitle != "Điều lệ và quy định" {
				t.Fatalf("a draw with no seed: %+v", first)
			}
			org.do("POST", "/api/blueprints/draw", map[string]any{"blueprint_id": bp.ID, "seed": first.Seed}, &again)
			if !slices.Equal(drawnIDs(first.Questions), drawnIDs(again.Questions)) {
				t.Errorf("the same seed drew %v, then %v", drawnIDs(first.Questions), drawnIDs(again.Questions))
			}
			var without drawAnswer
			org.do("POST", "/api/blueprints/draw", map[string]any{"blueprint_id": bp.ID, "seed": first.Seed, "exclude": drawnIDs(first.Questions)}, &without)
			for _, id := range drawnIDs(without.Questions) {
				if slices.Contains(drawnIDs(first.Questions), id) {
					t.Errorf("an excluded question %s was drawn", id)
				}
			}
			if len(without.Questions) != 8 || len(without.Shortfalls) != 0 {
				t.Errorf("a draw leaving out the first: %d questions, shortfalls %+v", len(without.Questions), without.Shortfalls)
			}
			var third drawAnswer
			org.do("POST", "/api/blueprints/draw", map[string]any{"blueprint_id": bp.ID, "exclude": append(drawnIDs(first.Questions), drawnIDs(without.Questions)...)}, &third)
			if len(third.Shortfalls) == 0 || third.Shortfalls[0].Message != "Chủ đề điều lệ đảng, mức nhận biết: cần 2, không còn câu nào" {
				t.Errorf("shortfalls after leaving out two draws: %+v", third.Shortfalls)
			}

			var ct struct {
				ID     string `json:"id"`
				Rounds []struct {
					Items []struct {
						Question struct {
							ID         string `json:"id"`
							Difficulty int    `json:"difficulty"`
						} `json:"question"`
					} `json:"items"`
					Settings struct {
						Draw *struct {
							BlueprintID string `json:"blueprint_id"`
							Seed        uint64 `json:"seed"`
						} `json:"draw"`
					} `json:"settings"`
				} `json:"rounds"`
			}
			small := map[string]any{"parts": []map[string]any{{"tag": "Điều lệ Đảng", "levels": []int{2, 1, 1}}, {"tag": "Quy định 24-QĐ/TW", "any": 2}}}
			body := map[string]any{"title": "Hội thi rút đề", "rounds": []map[string]any{
				{"title": "Vòng một", "scoring": "fixed", "draw": map[string]any{"blueprint": small, "seed": 11}},
				{"title": "Vòng hai", "scoring": "fixed", "draw": map[string]any{"blueprint": small, "seed": 12}},
			}}
			if st := org.do("POST", "/api/contests", body, &ct); st != 201 {
				t.Fatalf("a contest of two drawn rounds: HTTP %d", st)
			}
			seen := map[string]bool{}
			for i, r := range ct.Rounds {
				if len(r.Items) != 6 || r.Settings.Draw == nil || r.Settings.Draw.Seed != uint64(11+i) {
					t.Fatalf("round %d: %d questions, draw %+v; want 6 and seed %d", i+1, len(r.Items), r.Settings.Draw, 11+i)
				}
				for _, it := range r.Items {
					if seen[it.Question.ID] {
						t.Errorf("question %s is in both rounds", it.Question.ID)
					}
					seen[it.Question.ID] = true
				}
			}

			var saved struct {
				Rounds []struct {
					Settings struct {
						Draw struct {
							Seed  uint64 `json:"seed"`
							Parts []struct {
								Levels []int `json:"levels"`
							} `json:"parts"`
						} `json:"draw"`
					} `json:"settings"`
				} `json:"rounds"`
			}
			org.do("GET", "/api/contests/"+ct.ID, nil, &saved)
			if d := saved.Rounds[1].Settings.Draw; d.Seed != 12 || len(d.Parts) != 2 || !slices.Equal(d.Parts[0].Levels, []int{2, 1, 1, 0}) {
				t.Errorf("the saved contest's second round keeps the draw %+v", d)
			}

			var e apiErr
			body["rounds"] = append(body["rounds"].([]map[string]any), map[string]any{"title": "Vòng ba", "scoring": "fixed", "draw": map[string]any{"blueprint": small, "seed": 13}})
			if st := org.do("POST", "/api/contests", body, &e); st != 400 || !strings.Contains(e.Error.Message, "Vòng 3: không đủ câu hỏi theo đề mẫu. Chủ đề Điều lệ Đảng, mức nhận biết: cần 2, không còn câu nào.") {
				t.Errorf("a third round the bank cannot fill: HTTP %d %+v", st, e.Error)
			}
			body["rounds"].([]map[string]any)[2]["draw"].(map[string]any)["allow_short"] = true
			if st := org.do("POST", "/api/contests", body, &ct); st != 201 || len(ct.Rounds[2].Items) != 4 {
				t.Errorf("a short round that takes what there is: HTTP %d, %d questions", st, len(ct.Rounds[len(ct.Rounds)-1].Items))
			}
			if st := org.do("POST", "/api/contests", map[string]any{"title": "Hai cách", "rounds": []map[string]any{
				{"scoring": "fixed", "question_ids": []string{first.Questions[0].ID}, "draw": map[string]any{"blueprint_id": bp.ID}}}}, &e); st != 400 {
				t.Errorf("a round both chosen and drawn: HTTP %d", st)
			}
			if st := p.other.do("POST", "/api/blueprints/draw", map[string]any{"blueprint": small}, &without); st != 200 || len(without.Questions) != 0 {
				t.Errorf("another organiser drew %d questions from banks not shared (HTTP %d)", len(without.Questions), st)
			}
		})
	}
}
