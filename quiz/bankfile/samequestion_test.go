package bankfile

import (
	"slices"
	"strings"
	"testing"

	"hoithi/quiz"
)

// officeQuestions are questions of every kind, in Vietnamese, with every field a sheet holds.
func officeQuestions() []quiz.Question {
	return []quiz.Question{
		{Type: quiz.SingleChoice, Prompt: "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?",
			Options: []string{"60%", "90%", "95%", "100%"}, Correct: []int{3}, Explanation: "Chỉ tiêu: “100% chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần”.",
			Difficulty: quiz.Recall, Tags: []string{"Sinh hoạt chi bộ", "Phúc Thọ"}, Points: 100, TimeLimitSec: 20, Source: "“Đổi mới, nâng cao chất lượng sinh hoạt chi bộ” (Chinhphu.vn, 03/11/2015)"},
		{Type: quiz.MultiChoice, Prompt: "Huyện Nậm Pồ đã triển khai sinh hoạt chi bộ mẫu tại những xã nào?",
			Options: []string{"Phìn Hồ", "Nà Hỳ", "Mường Mươn", "Nà Khoa", "Mường Chà"}, Correct: []int{0, 1, 3}, Partial: true,
			Difficulty: quiz.Understand, Tags: []string{"Sinh hoạt chi bộ"}, Points: 200, TimeLimitSec: 45},
		{Type: quiz.MultiChoice, Prompt: "Chọn hai phương án đúng.", Options: []string{"Một", "Hai", "Ba"}, Correct: []int{0, 2}},
		{Type: quiz.TrueFalse, Prompt: "Đúng hay sai: Chi bộ bản Púng Giắt 1 hiện có 21 đảng viên.", Correct: []int{0}, Difficulty: quiz.Apply},
		{Type: quiz.TrueFalse, Prompt: "Đúng hay sai: Chi bộ 4 có 12 đảng viên chính thức.", Correct: []int{1}, Explanation: "Sai: 09 đảng viên chính thức."},
		{Type: quiz.ShortAnswer, Prompt: "Chi bộ là nền tảng của Đảng, là … ở cơ sở.", Answers: []string{"hạt nhân chính trị", "Hạt nhân chính trị của Đảng"}, NoDiacritics: true, Difficulty: quiz.ApplyHigh},
		{Type: quiz.ShortAnswer, Prompt: "Xã Mường Mươn thuộc huyện nào?", Answers: []string{"Mường Chà"}},
		{Type: quiz.Numeric, Prompt: "Chi bộ bản Púng Giắt 1 hiện có bao nhiêu đảng viên?", Value: 21, Tags: []string{"Điện Biên"}},
		{Type: quiz.Numeric, Prompt: "Một số có phần thập phân?", Value: 1.822, Tolerance: 0.25},
		{Type: quiz.Numeric, Prompt: "Một số âm lớn?", Value: -1234567.5},
		{Type: quiz.Ordering, Prompt: "Xếp các cấp thi theo thứ tự tổ chức.", Options: []string{"Cơ sở", "Huyện", "Tỉnh"}, TimeLimitSec: 60},
	}
}

// sameQuestions fails unless got holds want's questions, field by field, once validated.
func sameQuestions(t *testing.T, want, got []quiz.Question) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read back %d questions, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if err := w.Validate(); err != nil {
			t.Fatalf("question %d is not valid: %v", i+1, err)
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("question %d read back is not valid: %v", i+1, err)
		}
		check := func(field string, ok bool) {
			if !ok {
				t.Errorf("question %d: %s differs:\nwant %+v\n got %+v", i+1, field, w, g)
			}
		}
		check("type", w.Type == g.Type)
		check("prompt", w.Prompt == g.Prompt)
		check("options", slices.Equal(w.Options, g.Options))
		check("correct", slices.Equal(w.Correct, g.Correct))
		check("partial", w.Partial == g.Partial)
		check("answers", slices.Equal(w.Answers, g.Answers))
		check("no diacritics", w.NoDiacritics == g.NoDiacritics)
		check("value", w.Value == g.Value)
		check("tolerance", w.Tolerance == g.Tolerance)
		check("time limit", w.TimeLimitSec == g.TimeLimitSec)
		check("points", w.Points == g.Points)
		check("explanation", w.Explanation == g.Explanation)
		check("source", w.Source == g.Source)
		check("tags", slices.Equal(w.Tags, g.Tags))
		check("difficulty", w.Difficulty == g.Difficulty)
	}
}

// problemSays fails unless res names a problem at line whose message contains part.
func problemSays(t *testing.T, res *Result, line int, part string) {
	t.Helper()
	for _, p := range res.Problems {
		if p.Line == line {
			if !containsFold(p.Message, part) {
				t.Errorf("problem at %d is %q, want it to say %q", line, p.Message, part)
			}
			return
		}
	}
	t.Errorf("no problem at %d (problems: %+v)", line, res.Problems)
}

func containsFold(s, part string) bool {
	return strings.Contains(quiz.Fold(s), quiz.Fold(part))
}

// checkRealSheet asserts what each row of testdata/sheet/questions.fods (as LibreOffice
// saved it to .xlsx or .csv) becomes: a title, a blank row, the header on row 3 with an
// "STT" column hoithi does not read, then one question a row.
func checkRealSheet(t *testing.T, res *Result) {
	t.Helper()
	if res.Found != 7 || len(res.Items) != 6 || len(res.Problems) != 1 {
		t.Fatalf("found %d, items %d, problems %+v", res.Found, len(res.Items), res.Problems)
	}
	problemSays(t, res, 9, "chưa có đáp án đúng")
	lines := []int{4, 5, 6, 7, 8, 10}
	for i, it := range res.Items {
		if it.Line != lines[i] {
			t.Errorf("item %d at row %d, want %d", i+1, it.Line, lines[i])
		}
	}
	want := []quiz.Question{
		{Type: quiz.SingleChoice, Prompt: "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?",
			Options: []string{"60%", "90%", "95%", "100%"}, Correct: []int{3}, Explanation: "Chỉ tiêu: “100% chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần”.",
			Difficulty: quiz.Recall, Tags: []string{"Sinh hoạt chi bộ", "Phúc Thọ"}, Points: 100, TimeLimitSec: 20, Source: "“Đổi mới, nâng cao chất lượng sinh hoạt chi bộ” (Chinhphu.vn, 03/11/2015)"},
		{Type: quiz.MultiChoice, Prompt: "Huyện Nậm Pồ đã triển khai sinh hoạt chi bộ mẫu tại những xã nào?",
			Options: []string{"Phìn Hồ", "Nà Hỳ", "Mường Mươn", "Nà Khoa"}, Correct: []int{0, 1, 3}, Explanation: "“Triển khai sinh hoạt chi bộ mẫu tại các xã Nà Khoa, Phìn Hồ, Nà Hỳ.”",
			Difficulty: quiz.Understand, Tags: []string{"Sinh hoạt chi bộ"}, Points: 200, TimeLimitSec: 30, Source: "“Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng” (ĐBP, 15/10/2023)"},
		{Type: quiz.TrueFalse, Prompt: "Chi bộ bản Púng Giắt 1 hiện có 21 đảng viên.", Correct: []int{0}, Explanation: "Ông Lò Văn Chơ cho biết: “Chi bộ hiện có 21 đảng viên.”", Difficulty: quiz.Recall, Points: 100},
		{Type: quiz.Numeric, Prompt: "Chi bộ bản Púng Giắt 1 hiện có bao nhiêu đảng viên?", Value: 21, Difficulty: quiz.Apply, Points: 100},
		{Type: quiz.ShortAnswer, Prompt: "Chi bộ là nền tảng của Đảng, là … ở cơ sở.", Answers: []string{"hạt nhân chính trị"}, Points: 100},
		{Type: quiz.SingleChoice, Prompt: "Hội thi Bí thư chi bộ giỏi thường được tổ chức qua các cấp theo thứ tự nào?",
			Options: []string{"Tỉnh → huyện → cơ sở", "Cơ sở → huyện → tỉnh", "Huyện → cơ sở → tỉnh", "Chỉ tổ chức ở cấp tỉnh"}, Correct: []int{1}},
	}
	sameQuestions(t, want, res.Questions())
}

// fuzzRead is the check of every reader's fuzz target: no panic, every question found is an
// item or a problem, and every item is a valid question.
func fuzzRead(t *testing.T, read func([]byte) (*Result, error), data []byte) {
	res, err := read(data)
	if err != nil {
		if quiz.ErrorCode(err) == quiz.EINTERNAL {
			t.Fatalf("an error without a message for the trainer: %v", err)
		}
		return
	}
	if res.Found != len(res.Items)+len(res.Problems) {
		t.Fatalf("found %d, but %d items and %d problems", res.Found, len(res.Items), len(res.Problems))
	}
	for _, it := range res.Items {
		q := it.Question
		if err := q.Validate(); err != nil {
			t.Fatalf("item at %d does not validate: %v", it.Line, err)
		}
		if it.Line < 1 {
			t.Fatalf("item at line %d", it.Line)
		}
	}
	for _, p := range res.Problems {
		if p.Line < 1 || p.Message == "" {
			t.Fatalf("problem %+v", p)
		}
	}
}
