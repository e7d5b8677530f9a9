package api_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// analysisAnswer is what the tests read of the analysis.
type analysisAnswer struct {
	Contestants int  `json:"contestants"`
	GroupSize   int  `json:"group_size"`
	Reliable    bool `json:"reliable"`
	Items       []struct {
		Prompt         string   `json:"prompt"`
		Eligible       int      `json:"eligible"`
		Difficulty     *float64 `json:"difficulty"`
		Discrimination *float64 `json:"discrimination"`
		Flags          []string `json:"flags"`
		Options        []struct {
			Count      int  `json:"count"`
			Upper      int  `json:"upper"`
			Lower      int  `json:"lower"`
			Correct    bool `json:"correct"`
			DrawsUpper bool `json:"draws_upper"`
		} `json:"options"`
		Source struct {
			QuestionID string `json:"question_id"`
			BankID     string `json:"bank_id"`
			CanEdit    bool   `json:"can_edit"`
			Reason     string `json:"reason"`
		} `json:"source"`
	} `json:"items"`
}

// playedContest is a contest of three questions the owner made from a bank shared read-only
// with the colleague, who co-organises it, with twelve contestants ranked c0 … c11 and their
// answers stored: the first question everyone got right, the second only the best three, the
// third has a wrong key (the better half chose B, the key says A).
func playedContest(t *testing.T, s *testServer, p *people) (contestID, bankID string, qids []string) {
	t.Helper()
	ctx := context.Background()
	var bank struct{ ID string }
	if st := p.owner.do("POST", "/api/banks", map[string]string{"title": "Điều lệ Đảng"}, &bank); st != 201 {
		t.Fatalf("create bank: HTTP %d", st)
	}
	for i, prompt := range []string{"Câu ai cũng biết", "Câu chỉ người giỏi biết", "Câu có đáp án sai"} {
		q := quiz.Question{Type: quiz.SingleChoice, Prompt: prompt, Options: []string{"Một", "Hai", "Ba", "Bốn"}, Correct: []int{0}, TimeLimitSec: 30, Points: 10}
		var created struct{ ID string }
		if st := p.owner.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			t.Fatalf("create question %d: HTTP %d", i+1, st)
		}
		qids = append(qids, created.ID)
	}
	if st := p.owner.do("PUT", "/api/banks/"+bank.ID+"/sharing", map[string]any{"user_ids": []string{p.ids["cung"]}}, nil); st != 200 {
		t.Fatalf("share bank: HTTP %d", st)
	}
	var ct struct{ ID string }
	if st := p.owner.do("POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "fixed", "question_ids": qids}, &ct); st != 201 {
		t.Fatalf("create contest: HTTP %d", st)
	}
	if st := p.owner.do("PUT", "/api/contests/"+ct.ID+"/organisers", map[string]any{"user_ids": []string{p.ids["cung"]}}, nil); st != 200 {
		t.Fatalf("name co-organisers: HTTP %d", st)
	}
	contest, err := s.Contests.FindContest(ctx, ct.ID)
	if err != nil {
		t.Fatal(err)
	}
	items := contest.Items()
	var answers []quiz.Answer
	var ledger []quiz.ScoreChange
	for i := range 12 {
		c := &quiz.Participant{ContestID: ct.ID, Name: fmt.Sprintf("Thí sinh %d", i), Unit: "Chi bộ thôn Đông"}
		if err := s.Contests.AddParticipant(ctx, c); err != nil {
			t.Fatal(err)
		}
		second, third := 1+i%3, 0
		if i < 3 {
			second = 0
		}
		if i < 6 {
			third = 1
		}
		for j, choice := range []int{0, second, third} {
			answers = append(answers, quiz.Answer{ContestID: ct.ID, ItemID: items[j].ID, ParticipantID: c.ID, ClientID: fmt.Sprint(i, j), Choice: []int{choice}})
		}
		ledger = append(ledger, quiz.ScoreChange{ParticipantID: c.ID, RoundID: contest.Rounds[0].ID, Points: 10 * (12 - i), Reason: quiz.ReasonAdjust, Note: "Điểm thử"})
	}
	if err := s.Contests.SaveAnswers(ctx, answers); err != nil {
		t.Fatal(err)
	}
	live, err := s.Contests.FindLiveState(ctx, ct.ID)
	if err != nil {
		t.Fatal(err)
	}
	next := live
	next.Version++
	if err := s.Contests.SaveTransition(ctx, ct.ID, quiz.Transition{Prev: live.Version, State: next, Changes: ledger}); err != nil {
		t.Fatal(err)
	}
	return ct.ID, bank.ID, qids
}

func near(v *float64, want float64) bool { return v != nil && math.Abs(*v-want) < 1e-9 }

func TestTheAnalysisShowsWhichQuestionsToFixAndWhoMayFixThem(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			id, bankID, qids := playedContest(t, s, p)
			var a analysisAnswer
			if st := p.owner.do("GET", "/api/contests/"+id+"/analysis", nil, &a); st != 200 {
				t.Fatalf("analysis: HTTP %d", st)
			}
			if a.Contestants != 12 || a.GroupSize != 3 || !a.Reliable || len(a.Items) != 3 {
				t.Fatalf("analysis of %d contestants in groups of %d (reliable %v), %d questions", a.Contestants, a.GroupSize, a.Reliable, len(a.Items))
			}
			tests := []struct {
				name  string
				p, d  float64
				flags []string
			}{
				{"a question everyone gets right is too easy and tells nobody apart", 1, 0, []string{"too_easy", "weak_discrimination", "unused_option"}},
				{"a question only the best get right discriminates fully", 0.25, 1, []string{}},
				{"a question with a wrong key has negative discrimination", 0.5, -1, []string{"negative_discrimination", "unused_option", "distractor_draws_upper"}},
			}
			for i, tt := range tests {
				it := a.Items[i]
				if it.Eligible != 12 || !near(it.Difficulty, tt.p) || !near(it.Discrimination, tt.d) || !slices.Equal(it.Flags, tt.flags) {
					t.Errorf("%s: eligible %d, p %v, D %v, flags %v; want p %v, D %v, flags %v", tt.name, it.Eligible, deref(it.Difficulty), deref(it.Discrimination), it.Flags, tt.p, tt.d, tt.flags)
				}
				if it.Source.QuestionID != qids[i] || it.Source.BankID != bankID || !it.Source.CanEdit || it.Source.Reason != "" {
					t.Errorf("%s: the owner's source %+v", tt.name, it.Source)
				}
			}
			if o := a.Items[2].Options[1]; o.Count != 6 || o.Upper != 3 || o.Lower != 0 || !o.DrawsUpper || o.Correct {
				t.Errorf("the option the better half chose: %+v", o)
			}

			// The colleague sees the same figures but may only read the bank; a question
			// deleted from it cannot be opened by anyone.
			if st := p.owner.do("DELETE", "/api/questions/"+qids[0], nil, nil); st != 204 {
				t.Fatalf("delete question: HTTP %d", st)
			}
			var seen analysisAnswer
			if st := p.colleague.do("GET", "/api/contests/"+id+"/analysis", nil, &seen); st != 200 {
				t.Fatalf("the colleague's analysis: HTTP %d", st)
			}
			if src := seen.Items[0].Source; src.CanEdit || src.Reason != "deleted" || src.BankID != "" {
				t.Errorf("a deleted question's source: %+v", src)
			}
			if src := seen.Items[1].Source; src.CanEdit || src.Reason != "read_only" || src.BankID != bankID {
				t.Errorf("the colleague's source of a question of a bank shared read-only: %+v", src)
			}
			if !near(seen.Items[2].Discrimination, -1) {
				t.Errorf("the colleague's D of the wrong key: %v", deref(seen.Items[2].Discrimination))
			}

			// The results file has the same analysis, one row per question.
			st, _, data := p.owner.download("/api/contests/" + id + "/results.xlsx")
			if st != 200 {
				t.Fatalf("results file: HTTP %d", st)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows("Phân tích câu hỏi")
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 6 {
				t.Fatalf("the analysis sheet has %d rows, want a note, a gap, a heading and 3 questions: %q", len(rows), rows)
			}
			if got := rows[5][:11]; !slices.Equal(got, []string{"1", "3", "Câu có đáp án sai", "A", "12", "0.5", "-1", "6", "6", "0", "0"}) {
				t.Errorf("the wrong key's row %q", got)
			}
			if note := rows[5][12]; note != "Phân biệt âm: nhóm điểm thấp đúng nhiều hơn nhóm điểm cao — kiểm tra lại đáp án. Có phương án sai không ai chọn: C, D. Có phương án sai thu hút nhóm điểm cao: B" {
				t.Errorf("the wrong key's notes %q", note)
			}
		})
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
