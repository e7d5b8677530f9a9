package api

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// resultsWorkbook is the results of a contest as an Excel file: a heading with the title, PIN
// and number of contestants, then one row per contestant in rank order.
func resultsWorkbook(sum contestSummaryView, st []quiz.Standing) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Kết quả"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("name sheet: %w", err)
	}
	rows := [][]any{
		{sum.Title},
		{"Mã PIN: " + sum.PIN, "Số thí sinh: " + fmt.Sprint(len(st))},
		{},
		{"Hạng", "Họ và tên", "Chi bộ / đơn vị", "Điểm", "Số câu đúng", "Tổng thời gian trả lời đúng (giây)"},
	}
	for _, r := range st {
		rows = append(rows, []any{r.Rank, r.Name, r.Unit, r.Score, r.Correct, float64(r.TimeMs) / 1000})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("write results row: %w", err)
		}
	}
	_ = f.SetColWidth(sheet, "B", "C", 32)
	_ = f.SetColWidth(sheet, "D", "F", 14)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write results file: %w", err)
	}
	return buf.Bytes(), nil
}
