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
	pictures := pictureRows(f, name)
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
		items := len(sheet.res.Items)
		if err := sheet.row(line, cells); err != nil {
			return nil, err
		}
		if at := pictures[line]; len(at) > 0 && len(sheet.res.Items) > items {
			rowPicture(f, name, sheet.res, at)
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

// writeXLSX writes questions as one sheet with the columns readXLSX reads; a question's
// picture is placed in its row, in a last column “Ảnh”, the row made tall enough to show it.
func writeXLSX(qs []quiz.Question, pics []*picture) ([]byte, []Problem, error) {
	rows, problems := sheetRows(qs)
	f := excelize.NewFile()
	defer f.Close()
	placed, heights, left := placePictures(qs, pics, problems, len(rows[0]))
	if len(placed) > 0 {
		rows[0] = append(rows[0], textCell(pictureHeader))
	}
	prepare := func(f *excelize.File) error {
		for _, p := range placed {
			if err := f.AddPictureFromBytes(questionSheet, p.cell, p.pic); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeQuestionSheet(f, rows, prepare, heights); err != nil {
		return nil, nil, err
	}
	problems = append(problems, left...)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), problems, nil
}

// writeQuestionSheet puts rows on the workbook's first sheet, renamed questionSheet, with a
// bold frozen header and columns wide enough to read. prepare, if not nil, sets up the sheet
// first: once its rows are streamed, excelize no longer changes it.
func writeQuestionSheet(f *excelize.File, rows [][]cell, prepare func(*excelize.File) error, heights map[int]float64) error {
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
		if h.Text == pictureHeader {
			width = pictureColumnWidth
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
		var opts []excelize.RowOpts
		if h, ok := heights[r]; ok {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(name, values, opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// The column writeXLSX places pictures in, and how large they are shown there: at most
// pictureBox pixels a side, in a column pictureColumnWidth characters wide.
const (
	pictureHeader      = "Ảnh"
	pictureBox         = 160
	pictureColumnWidth = 24
)

// placedPicture is a picture to add to the sheet, at cell.
type placedPicture struct {
	cell string
	pic  *excelize.Picture
}

// placePictures lays out the pictures of the questions written as rows (those not in
// problems) in the column after the last, cols: where each goes, the height of its row (by
// index in the rows, the header 0), and the problems of pictures a sheet cannot hold.
func placePictures(qs []quiz.Question, pics []*picture, problems []Problem, cols int) ([]placedPicture, map[int]float64, []Problem) {
	skipped := map[int]bool{}
	for _, p := range problems {
		skipped[p.Line-1] = true
	}
	var placed []placedPicture
	var left []Problem
	heights := map[int]float64{}
	row := 0
	for i := range qs {
		if skipped[i] {
			continue
		}
		row++
		p := pictureAt(pics, i)
		if p == nil {
			continue
		}
		if p.img.ContentType == "image/webp" {
			// excelize places PNG, JPEG and GIF pictures, not WebP ones.
			left = append(left, Problem{Line: i + 1, Message: "Câu hỏi có ảnh WebP, bảng tính Excel không giữ được: câu được ghi không kèm ảnh."})
			continue
		}
		scale := min(1, float64(pictureBox)/float64(p.img.Width), float64(pictureBox)/float64(p.img.Height))
		cell, _ := excelize.CoordinatesToCellName(cols+1, row+1)
		placed = append(placed, placedPicture{cell: cell, pic: &excelize.Picture{
			Extension: pictureExtension(p.img.ContentType), File: p.data,
			Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, LockAspectRatio: true, Positioning: "oneCell", OffsetX: 2, OffsetY: 2},
		}})
		// Points are three quarters of a pixel; 15 points is Excel's own row.
		heights[row] = max(15, (float64(p.img.Height)*scale+6)*0.75)
	}
	return placed, heights, left
}

// pictureRows are the cells holding pictures of a sheet, by the row their top left corner is
// in: any picture placed in a question's row is that question's.
func pictureRows(f *excelize.File, sheet string) map[int][]string {
	cells, err := f.GetPictureCells(sheet)
	if err != nil {
		return nil
	}
	rows := map[int][]string{}
	for _, c := range cells {
		if _, row, err := excelize.CellNameToCoordinates(c); err == nil && len(rows[row]) < maxBlockPictures {
			rows[row] = append(rows[row], c)
		}
	}
	return rows
}

// rowPicture gives the item just read the picture in its row, or makes it a problem: a row
// with two pictures, or one a phone cannot show.
func rowPicture(f *excelize.File, sheet string, res *Result, cells []string) {
	var found [][]byte
	for _, c := range cells {
		ps, err := f.GetPictures(sheet, c)
		if err != nil {
			continue
		}
		for _, p := range ps {
			found = append(found, p.File)
		}
	}
	last := len(res.Items) - 1
	problem := ""
	switch {
	case len(found) == 0:
		return
	case len(found) > 1:
		problem = tooManyPictures(len(found), "")
	default:
		problem = pictureProblem(found[0])
	}
	if problem != "" {
		res.Problems = append(res.Problems, Problem{Line: res.Items[last].Line, Message: problem})
		res.Items = res.Items[:last]
		return
	}
	res.Items[last].Picture = found[0]
}
