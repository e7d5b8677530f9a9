package api

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// reasonLabels are the ledger's reasons in words, for the audit sheet.
var reasonLabels = map[quiz.ScoreReason]string{
	quiz.ReasonAnswer:     "Trả lời câu hỏi", // right, or partly right with partial credit
	quiz.ReasonAdjust:     "Sửa điểm",
	quiz.ReasonEliminated: "Bị loại",
	quiz.ReasonRescued:    "Được cứu trợ",
	quiz.ReasonBuzzRight:  "Giành quyền, trả lời đúng",
	quiz.ReasonBuzzWrong:  "Giành quyền, trả lời sai",
	quiz.ReasonStealRight: "Cướp quyền, trả lời đúng",
	quiz.ReasonStealWrong: "Cướp quyền, trả lời sai",
	quiz.ReasonStar:       "Chọn ngôi sao hy vọng",
}

// resultsWorkbook is the results of a contest as an Excel file: a sheet of standings (a
// heading with the title, PIN and number of contestants, then one row per contestant in rank
// order, with each round's points), a sheet of every answer (what was chosen, typed or put in
// order, and whether it was right), a sheet of every score change, and the item analysis.
func resultsWorkbook(r *record) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, answers, log, analysis = "Kết quả", "Câu trả lời", "Nhật ký điểm", "Phân tích câu hỏi"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("name sheet: %w", err)
	}
	for _, name := range []string{answers, log, analysis} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("add sheet: %w", err)
		}
	}
	head := []any{"Hạng", "Họ và tên", "Chi bộ / đơn vị", "Tổng điểm"}
	for _, rd := range r.contest.Rounds {
		label := rd.Title
		if w := rd.EffectiveWeight(); w != 1 {
			label = fmt.Sprintf("%s (hệ số %d)", rd.Title, w)
		}
		head = append(head, label)
	}
	head = append(head, "Số câu đúng", "Tổng thời gian trả lời đúng (giây)")
	rows := [][]any{
		{r.sum.Title},
		{"Mã PIN: " + r.sum.PIN, "Số thí sinh: " + fmt.Sprint(len(r.standings))},
		{},
		head,
	}
	for _, s := range r.standings {
		row := []any{s.Rank, s.Name, s.Unit, s.Score}
		for _, p := range s.Rounds {
			row = append(row, p)
		}
		rows = append(rows, append(row, s.Correct, float64(s.TimeMs)/1000))
	}
	if err := writeRows(f, sheet, rows); err != nil {
		return nil, err
	}
	_ = f.SetColWidth(sheet, "B", "C", 32)
	if err := writeRows(f, answers, answerRows(r)); err != nil {
		return nil, err
	}
	_ = f.SetColWidth(answers, "C", "D", 40)
	_ = f.SetColWidth(answers, "F", "H", 28)
	audit := viewAudit(r, -1)
	logRows := [][]any{{"Thời điểm", "Thí sinh", "Vòng", "Câu", "Điểm", "Trước", "Sau", "Lý do", "Ghi chú", "Người thực hiện"}}
	for _, ch := range audit.ScoreChanges {
		item := any("")
		if ch.Item > 0 {
			item = ch.Item
		}
		logRows = append(logRows, []any{ch.At.Local().Format("02/01/2006 15:04:05"), ch.Name, ch.Round, item, ch.Points, ch.Before, ch.After,
			reasonLabels[ch.Reason], ch.Note, ch.ActorName})
	}
	if err := writeRows(f, log, logRows); err != nil {
		return nil, err
	}
	_ = f.SetColWidth(log, "A", "B", 24)
	_ = f.SetColWidth(log, "H", "I", 30)
	if err := writeRows(f, analysis, analysisRows(r)); err != nil {
		return nil, err
	}
	_ = f.SetColWidth(analysis, "C", "D", 40)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write results file: %w", err)
	}
	return buf.Bytes(), nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("write %s row: %w", sheet, err)
		}
	}
	return nil
}
