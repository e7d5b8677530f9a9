package api

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

func TestTheResultsWorkbookHasAHeadingThenOneRowPerContestantInRankOrder(t *testing.T) {
	sum := contestSummaryView{Title: "Hội thi Bí thư chi bộ giỏi", PIN: "123456"}
	tests := []struct {
		name      string
		standings []quiz.Standing
		rows      [][]string // after the heading
	}{
		{"a contest nobody joined has the heading only", nil, nil},
		{"times are in seconds with their fraction", []quiz.Standing{
			{Rank: 1, Name: "Nguyễn Thị Hoa", Unit: "Chi bộ thôn Đông", Score: 300, Correct: 3, TimeMs: 12345},
			{Rank: 2, Name: "Trần Văn Khải", Unit: "Chi bộ thôn Tây", Score: 0, Correct: 0, TimeMs: 0},
		}, [][]string{
			{"1", "Nguyễn Thị Hoa", "Chi bộ thôn Đông", "300", "3", "12.345"},
			{"2", "Trần Văn Khải", "Chi bộ thôn Tây", "0", "0", "0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := resultsWorkbook(sum, tt.standings)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not an Excel file: %v", err)
			}
			got, err := f.GetRows("Kết quả")
			if err != nil {
				t.Fatal(err)
			}
			want := append([][]string{
				{"Hội thi Bí thư chi bộ giỏi"},
				{"Mã PIN: 123456", fmt.Sprintf("Số thí sinh: %d", len(tt.standings))},
				nil,
				{"Hạng", "Họ và tên", "Chi bộ / đơn vị", "Điểm", "Số câu đúng", "Tổng thời gian trả lời đúng (giây)"},
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
