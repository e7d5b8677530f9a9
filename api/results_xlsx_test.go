package api

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

func TestTheResultsWorkbookHasAHeadingThenOneRowPerContestantInRankOrder(t *testing.T) {
	contest := &quiz.Contest{Rounds: []quiz.Round{{ID: "r1", Title: "Kiến thức", Weight: 1}, {ID: "r2", Title: "Chung kết", Weight: 2}}}
	tests := []struct {
		name      string
		standings []quiz.Standing
		rows      [][]string // after the heading
	}{
		{"a contest nobody joined has the heading only", nil, nil},
		{"each round has its column and times are in seconds with their fraction", []quiz.Standing{
			{Rank: 1, Name: "Nguyễn Thị Hoa", Unit: "Chi bộ thôn Đông", Score: 300, Rounds: []int{100, 100}, Correct: 3, TimeMs: 12345},
			{Rank: 2, Name: "Trần Văn Khải", Unit: "Chi bộ thôn Tây", Score: 0, Rounds: []int{0, 0}, Correct: 0, TimeMs: 0},
		}, [][]string{
			{"1", "Nguyễn Thị Hoa", "Chi bộ thôn Đông", "300", "100", "100", "3", "12.345"},
			{"2", "Trần Văn Khải", "Chi bộ thôn Tây", "0", "0", "0", "0", "0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &record{sum: contestSummaryView{Title: "Hội thi Bí thư chi bộ giỏi", PIN: "123456"}, contest: contest, standings: tt.standings}
			got := sheetRows(t, r, "Kết quả")
			want := append([][]string{
				{"Hội thi Bí thư chi bộ giỏi"},
				{"Mã PIN: 123456", fmt.Sprintf("Số thí sinh: %d", len(tt.standings))},
				nil,
				{"Hạng", "Họ và tên", "Chi bộ / đơn vị", "Tổng điểm", "Kiến thức", "Chung kết (hệ số 2)", "Số câu đúng", "Tổng thời gian trả lời đúng (giây)"},
			}, tt.rows...)
			if len(got) != len(want) {
				t.Fatalf("%d rows, want %d: %q", len(got), len(want), got)
			}
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Errorf("row %d is %q, want %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

func TestTheResultsWorkbookListsEveryScoreChangeWithItsReason(t *testing.T) {
	contest := &quiz.Contest{Rounds: []quiz.Round{{ID: "r1", Title: "Kiến thức", Items: []quiz.Item{{ID: "i1"}, {ID: "i2"}}}}}
	at := time.Date(2026, 12, 1, 3, 4, 5, 0, time.UTC)
	r := &record{contest: contest, names: map[string]string{"p1": "Nguyễn Thị Hoa"}, ledger: []quiz.ScoreChange{
		{ParticipantID: "p1", RoundID: "r1", ItemID: "i2", Points: 100, After: 100, Reason: quiz.ReasonAnswer, At: at},
		{ParticipantID: "p1", RoundID: "r1", Points: -20, Before: 100, After: 80, Reason: quiz.ReasonAdjust, Note: "Nhắc bài", ActorName: "Bà Lan", At: at},
	}}
	got := sheetRows(t, r, "Nhật ký điểm")
	if len(got) != 3 {
		t.Fatalf("rows %q", got)
	}
	if want := []string{"Trả lời câu hỏi", "Sửa điểm"}; got[1][7] != want[0] || got[2][7] != want[1] {
		t.Errorf("reasons %q / %q, want %q", got[1][7], got[2][7], want)
	}
	if got[1][3] != "2" || got[2][4] != "-20" || got[2][5] != "100" || got[2][6] != "80" || got[2][8] != "Nhắc bài" || got[2][9] != "Bà Lan" {
		t.Errorf("rows %q", got)
	}
}

func sheetRows(t *testing.T, r *record, sheet string) [][]string {
	t.Helper()
	data, err := resultsWorkbook(r)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not an Excel file: %v", err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTheResultsWorkbookShowsWhatEachContestantChoseTypedOrOrdered(t *testing.T) {
	contest := &quiz.Contest{Rounds: []quiz.Round{{ID: "r1", Title: "Kiến thức", Items: []quiz.Item{
		{ID: "i1", Question: quiz.Question{Type: quiz.ShortAnswer, Prompt: "Cơ quan lãnh đạo cao nhất của chi bộ?", Answers: []string{"Đại hội chi bộ"}, NoDiacritics: true}},
		{ID: "i2", Question: quiz.Question{Type: quiz.Numeric, Prompt: "Năm thành lập Đảng?", Value: 1930, Tolerance: 0.5}},
		{ID: "i3", Question: quiz.Question{ID: "q3", Type: quiz.Ordering, Prompt: "Sắp xếp", Options: []string{"Khai mạc", "Thảo luận", "Biểu quyết"}, Partial: true}},
		{ID: "i4", Question: quiz.Question{Type: quiz.MultiChoice, Prompt: "Chọn", Options: []string{"A", "B", "C"}, Correct: []int{0, 2}}},
	}}}}
	standings := []quiz.Standing{{Rank: 1, ParticipantID: "p1", Name: "Nguyễn Thị Hoa", Unit: "Chi bộ 1"}, {Rank: 2, ParticipantID: "p2", Name: "Trần Văn Khải", Unit: "Chi bộ 2"}}
	r := &record{contest: contest, standings: standings, names: map[string]string{"p1": "Nguyễn Thị Hoa", "p2": "Trần Văn Khải"}, answers: []quiz.Answer{
		{ItemID: "i1", ParticipantID: "p1", Text: "dai hoi chi bo", Correct: true, ElapsedMs: 2500},
		{ItemID: "i2", ParticipantID: "p1", Text: "1.930", Correct: true},
		{ItemID: "i2", ParticipantID: "p2", Text: "1931"},
		{ItemID: "i3", ParticipantID: "p1", Order: []int{1, 0, 2}},
		{ItemID: "i4", ParticipantID: "p2", Choice: []int{0, 2}, Correct: true},
	}}
	got := sheetRows(t, r, "Câu trả lời")
	if len(got) != 1+4*2 {
		t.Fatalf("%d rows, want a heading and 8: %q", len(got), got)
	}
	want := map[int][]string{
		1: {"1", "1", "Cơ quan lãnh đạo cao nhất của chi bộ?", "Đại hội chi bộ", "1", "Nguyễn Thị Hoa", "Chi bộ 1", "dai hoi chi bo", "Đúng", "2.5"},
		2: {"1", "1", "Cơ quan lãnh đạo cao nhất của chi bộ?", "Đại hội chi bộ", "2", "Trần Văn Khải", "Chi bộ 2", "", "Không trả lời"},
		3: {"1", "2", "Năm thành lập Đảng?", "1930 (± 0,5)", "1", "Nguyễn Thị Hoa", "Chi bộ 1", "1.930", "Đúng", "0"},
		4: {"1", "2", "Năm thành lập Đảng?", "1930 (± 0,5)", "2", "Trần Văn Khải", "Chi bộ 2", "1931", "Sai", "0"},
		5: {"1", "3", "Sắp xếp", "Khai mạc → Thảo luận → Biểu quyết", "1", "Nguyễn Thị Hoa", "Chi bộ 1", "Thảo luận → Khai mạc → Biểu quyết", "Đúng một phần (33%)", "0"},
		8: {"1", "4", "Chọn", "A, C", "2", "Trần Văn Khải", "Chi bộ 2", "A, C", "Đúng", "0"},
	}
	for i, w := range want {
		if !slices.Equal(got[i], w) {
			t.Errorf("row %d is %q, want %q", i+1, got[i], w)
		}
	}
}

func TestTheResultsWorkbookAnalysesEachQuestion(t *testing.T) {
	at := time.Date(2026, 12, 1, 3, 4, 5, 0, time.UTC)
	contest := &quiz.Contest{Rounds: []quiz.Round{
		{ID: "r1", Title: "Kiến thức", Kind: quiz.QuizRound, Items: []quiz.Item{
			{ID: "i1", Question: quiz.Question{Type: quiz.SingleChoice, Prompt: "Chọn", Options: []string{"Một", "Hai", "Ba"}, Correct: []int{0}}},
			{ID: "i2", Question: quiz.Question{Type: quiz.ShortAnswer, Prompt: "Cơ quan lãnh đạo cao nhất của chi bộ?", Answers: []string{"Đại hội chi bộ"}}},
		}},
		{ID: "r2", Title: "Giành quyền", Kind: quiz.BuzzerRound, Items: []quiz.Item{{ID: "b1", Question: quiz.Question{Type: quiz.SingleChoice, Prompt: "Nói", Options: []string{"A", "B"}, Correct: []int{1}}}}},
	}}
	ps := []quiz.Participant{{ID: "p1", CreatedAt: at}, {ID: "p2", CreatedAt: at}}
	r := &record{contest: contest, participants: ps, standings: []quiz.Standing{{Rank: 1, ParticipantID: "p1"}, {Rank: 2, ParticipantID: "p2"}},
		answers: []quiz.Answer{
			{ItemID: "i1", ParticipantID: "p1", Choice: []int{0}, CreatedAt: at.Add(time.Minute)},
			{ItemID: "i1", ParticipantID: "p2", Choice: []int{1}, CreatedAt: at.Add(time.Minute)},
			{ItemID: "i2", ParticipantID: "p1", Text: "Chi uỷ", CreatedAt: at.Add(2 * time.Minute)},
			{ItemID: "i2", ParticipantID: "p2", Text: "chi uỷ!", CreatedAt: at.Add(2 * time.Minute)},
		}}
	got := sheetRows(t, r, "Phân tích câu hỏi")
	want := [][]string{
		{"Chỉ có 2 thí sinh (cần ít nhất 10): độ phân biệt không có ý nghĩa nên không tính."},
		nil,
		{"Vòng", "Câu", "Câu hỏi", "Đáp án", "Số thí sinh được tính", "Tỉ lệ đúng (p)", "Độ phân biệt (D)", "Chọn A", "Chọn B", "Chọn C", "Câu trả lời sai thường gặp", "Nhận xét"},
		{"1", "1", "Chọn", "A", "2", "0.5", "", "1", "1", "0"},
		{"1", "2", "Cơ quan lãnh đạo cao nhất của chi bộ?", "Đại hội chi bộ", "2", "0", "", "", "", "", "Chi uỷ (2)", "Quá khó: dưới 20% trả lời đúng"},
		{"2", "1", "Nói", "B", "0", "", "", "", "", "", "", "Vòng giành quyền trả lời: thí sinh trả lời miệng, không phân tích"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d is %q, want %q", i+1, got[i], want[i])
		}
	}
}
