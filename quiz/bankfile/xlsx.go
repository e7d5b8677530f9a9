package bankfile

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// Limits on what excelize unpacks of one workbook, so that a small file that unzips to
// gigabytes (a zip bomb) is refused instead of filling the memory: a real question sheet of
// 5,000 rows unzips to a few megabytes.
const (
	xlsxUnzipLimit    = 64 << 20
	xlsxUnzipXMLLimit = 16 << 20
)

// questionSheet is the name of the sheet writeXLSX and Template write the questions on.
const questionSheet = "Câu hỏi"

// readXLSX reads a question sheet from an Excel workbook: the first sheet, in the order the
// workbook shows its tabs, with a header row (one with "Câu hỏi" and "Đáp án") in its first
// rows; the sheets before it (a cover, instructions) and after it are not read. Rows are
// numbered as Excel shows them.
func readXLSX(data []byte) (*Result, error) {
	if err := checkFileSize(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		// excelize's error for its unzip limits has no variable to compare with.
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, quiz.Errorf(quiz.ETOOLARGE, "Bảng tính quá lớn khi giải nén: hãy chia thành nhiều tệp.")
		}
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, quiz.Errorf(quiz.EINVALID, "Tệp không mở được như bảng tính Excel (.xlsx): nếu là tệp .xls cũ hoặc có đặt mật khẩu, hãy mở bằng Excel và lưu lại thành “Excel Workbook (.xlsx)” không mật khẩu.")
		}
		return nil, quiz.Errorf(quiz.EINVALID, "Tệp không phải bảng tính Excel (.xlsx) đọc được, hoặc đã bị hỏng.")
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		res, err := readWorksheet(f, name)
		if err != nil || res != nil {
			return res, err
		}
	}
	return nil, headerMissing()
}

// readWorksheet reads one sheet of a workbook: nil when it has no header row.
func readWorksheet(f *excelize.File, name string) (*Result, error) {
	rows, err := f.Rows(name)
	if err != nil {
		// A chart sheet or a damaged one: not the question sheet.
		return nil, nil
	}
	defer rows.Close()
	sheet := newSheetReader(XLSX)
	for line := 1; rows.Next(); line++ {
		if sheet.layout == nil && sheet.scanned >= headerRowsScanned {
			return nil, nil
		}
		texts, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, quiz.Errorf(quiz.EINVALID, "Trang “%s” bị hỏng ở dòng %d.", name, line)
		}
		cells := make([]cell, min(len(texts), maxSheetColumns))
		for i := range cells {
			cells[i] = xlsxCell(f, name, i+1, line, texts[i])
		}
		if err := sheet.row(line, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, quiz.Errorf(quiz.EINVALID, "Trang “%s” bị hỏng, không đọc hết được.", name)
	}
	if sheet.layout == nil {
		return nil, nil
	}
	return sheet.res, nil
}

// xlsxCell is one cell as stored: a number cell keeps its number and reads as the number a
// person sees ("1", not the "1.0" some programs store), any other cell is its text.
func xlsxCell(f *excelize.File, sheet string, col, row int, raw string) cell {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return textCell(raw)
	}
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return textCell(raw)
	}
	if t, err := f.GetCellType(sheet, name); err != nil || (t != excelize.CellTypeNumber && t != excelize.CellTypeUnset) {
		return textCell(raw)
	}
	return numberCell(v)
}

// writeXLSX writes questions as one sheet with the columns readXLSX reads.
func writeXLSX(qs []quiz.Question) ([]byte, []Problem, error) {
	rows, problems := sheetRows(qs)
	f := excelize.NewFile()
	defer f.Close()
	if err := writeQuestionSheet(f, rows, nil); err != nil {
		return nil, nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), problems, nil
}

// writeQuestionSheet puts rows on the workbook's first sheet, renamed questionSheet, with a
// bold frozen header and columns wide enough to read. prepare, if not nil, sets up the sheet
// first: once its rows are streamed, excelize no longer changes it.
func writeQuestionSheet(f *excelize.File, rows [][]cell, prepare func(*excelize.File) error) error {
	if err := f.SetSheetName(f.GetSheetName(0), questionSheet); err != nil {
		return err
	}
	if prepare != nil {
		if err := prepare(f); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(questionSheet)
	if err != nil {
		return err
	}
	header := rows[0]
	for i, h := range header {
		width := 14.0
		switch h.Text {
		case sheetHeaders[colPrompt]:
			width = 50
		case sheetHeaders[colExplanation]:
			width = 40
		case sheetHeaders[colSource], sheetHeaders[colTags]:
			width = 30
		case sheetHeaders[colKind], sheetHeaders[colTime]:
			width = 18
		}
		if len(h.Text) == 1 {
			width = 25
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for r, row := range rows {
		values := make([]any, len(row))
		for i, c := range row {
			style := wrap
			if r == 0 {
				style = bold
			}
			switch {
			case c.IsNumber:
				values[i] = excelize.Cell{StyleID: style, Value: c.Number}
			default:
				values[i] = excelize.Cell{StyleID: style, Value: c.Text}
			}
		}
		name, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(name, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}
