package bankfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"hoithi/quiz"
)

// readCSV reads a question sheet saved as CSV: UTF-8 with or without its BOM, separated by
// commas or, as Excel set to Vietnamese saves it, by semicolons (or tabs). Rows are numbered
// as a spreadsheet shows the file, the header being row 1.
func readCSV(data []byte) (*Result, error) {
	if err := checkFileSize(data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return nil, quiz.Errorf(quiz.EINVALID, "Tệp CSV không phải mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi: trong Excel hãy chọn File → Save As (Lưu thành) → kiểu “CSV UTF-8 (Comma delimited)”, rồi tải lên lại.")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = csvSeparator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	sheet := newSheetReader(CSV)
	row, end := 0, 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// LazyQuotes leaves few errors; what remains is a line the reader cannot split.
			var pe *csv.ParseError
			line := row + 1
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, quiz.Errorf(quiz.EINVALID, "Tệp CSV hỏng ở dòng %d: không tách được các cột.", line)
		}
		// encoding/csv skips blank lines; a spreadsheet shows each as an empty row.
		row += 1 + blankLines(data[end:])
		end = int(r.InputOffset())
		cells := make([]cell, min(len(rec), maxSheetColumns))
		for i := range cells {
			cells[i] = textCell(rec[i])
		}
		if err := sheet.row(row, cells); err != nil {
			return nil, err
		}
	}
	if sheet.layout == nil {
		return nil, headerMissing()
	}
	return sheet.res, nil
}

// blankLines counts the empty lines at the start of data.
func blankLines(data []byte) int {
	n := 0
	for {
		switch {
		case bytes.HasPrefix(data, []byte("\n")):
			data = data[1:]
		case bytes.HasPrefix(data, []byte("\r\n")):
			data = data[2:]
		default:
			return n
		}
		n++
	}
}

// csvSeparator guesses the separator from the first line: whichever of ";", "," and tab it
// holds most of outside quotes (a comma inside a quoted header does not count).
func csvSeparator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ';' || c == ',' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// writeCSV writes questions as a CSV sheet with the columns of readCSV, UTF-8 with its BOM
// so that Excel opens the Vietnamese text right, separated by semicolons and with a decimal
// comma ("3,5"), as Excel set to Vietnamese reads and writes it; they read back the same.
func writeCSV(qs []quiz.Question) ([]byte, []Problem, error) {
	rows, problems := sheetRows(qs)
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.Text
			if c.IsNumber {
				rec[i] = strings.Replace(strconv.FormatFloat(c.Number, 'f', -1, 64), ".", ",", 1)
			}
		}
		if err := w.Write(rec); err != nil {
			return nil, nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), problems, nil
}
