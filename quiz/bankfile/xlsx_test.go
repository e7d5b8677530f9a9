package bankfile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

func TestXLSXRoundTripKeepsEveryKindAndField(t *testing.T) {
	want := officeQuestions()
	data, problems, err := writeXLSX(want, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("writeXLSX: %v %v", problems, err)
	}
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || res.Found != len(want) || res.Format != XLSX {
		t.Fatalf("found %d, problems %+v", res.Found, res.Problems)
	}
	if res.Items[0].Line != 2 {
		t.Errorf("first question on row %d, want 2", res.Items[0].Line)
	}
	sameQuestions(t, want, res.Questions())
}

// sheetFile builds a workbook from rows of cell values (strings or numbers) on one sheet.
func sheetFile(t *testing.T, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	first := f.GetSheetName(0)
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName(first, name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXReadsTheFirstSheetWithAHeader(t *testing.T) {
	data := sheetFile(t, map[string][][]any{
		"Bìa":     {{"Bộ câu hỏi"}, {"Năm 2026"}},
		"Câu hỏi": {{"Câu hỏi", "A", "B", "Đáp án"}, {"Hỏi một?", "x", "y", "B"}},
		"Khác":    {{"Câu hỏi", "Đáp án"}, {"Không đọc", "Đúng"}},
	}, "Bìa", "Câu hỏi", "Khác")
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 1 || res.Items[0].Question.Prompt != "Hỏi một?" {
		t.Fatalf("got %+v", res)
	}
}

func TestXLSXNumberCellsReadAsTheNumberShown(t *testing.T) {
	data := sheetFile(t, map[string][][]any{"S": {
		{"Câu hỏi", "Đáp án", "Loại", "Điểm", "Thời gian (giây)", "Mức độ", "Sai số"},
		{"Năm nào?", 1945.0, "trả lời ngắn", 100.0, 30.0, 2.0},
		{"Bao nhiêu?", 1.822, "điền số", 50, 20, 1, 0.5},
		{"Gõ chữ?", "1.822", "điền số"},
	}}, "S")
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 3 {
		t.Fatalf("got %+v", res)
	}
	if q := res.Items[0].Question; !slices.Equal(q.Answers, []string{"1945"}) || q.Points != 100 || q.TimeLimitSec != 30 || q.Difficulty != 2 {
		t.Errorf("a float cell read as %+v", q)
	}
	if q := res.Items[1].Question; q.Value != 1.822 || q.Tolerance != 0.5 {
		t.Errorf("a number cell 1.822 read as %v ± %v", q.Value, q.Tolerance)
	}
	if q := res.Items[2].Question; q.Value != 1822 {
		t.Errorf("text typed 1.822 the Vietnamese way read as %v, want 1822", q.Value)
	}
}

// rewriteZip returns data with the entry name's content changed by edit.
func rewriteZip(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			content = []byte(edit(string(content)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXNumbersStoredAsFloatsReadAsTheIntendedText(t *testing.T) {
	data := sheetFile(t, map[string][][]any{"S": {
		{"Câu hỏi", "Đáp án", "Loại", "Điểm", "Mức độ"},
		{"Năm nào?", 1945, "trả lời ngắn", 100, 2},
	}}, "S")
	// As programs other than Excel store them: 1945.0, 1.0E2.
	data = rewriteZip(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		for cell, v := range map[string]string{"B2": "1945.0", "D2": "1.0E2", "E2": "2.0"} {
			s = regexp.MustCompile(`(<c r="`+cell+`"[^>]*><v>)[^<]*`).ReplaceAllString(s, "${1}"+v)
			if !strings.Contains(s, "<v>"+v+"</v>") {
				t.Fatalf("cell %s not rewritten in %s", cell, s)
			}
		}
		return s
	})
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 {
		t.Fatalf("got %+v", res)
	}
	if q := res.Items[0].Question; !slices.Equal(q.Answers, []string{"1945"}) || q.Points != 100 || q.Difficulty != quiz.Understand {
		t.Errorf("read as %+v", q)
	}
}

func TestXLSXNamesBadRowsByTheRowExcelShows(t *testing.T) {
	data := sheetFile(t, map[string][][]any{"S": {
		{"Danh sách câu hỏi"},
		{},
		{"Câu hỏi", "A", "B", "Đáp án", "Loại"},
		{"Tốt?", "x", "y", "A"},
		{"Loại lạ?", "x", "y", "A", "tự luận"},
		{"Loại khác?", "x", "y", "A", "câu đố"},
		{},
		{"Thiếu?", "x", "y"},
	}}, "S")
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 4 || len(res.Items) != 1 || res.Items[0].Line != 4 {
		t.Fatalf("got %+v", res)
	}
	problemSays(t, res, 5, "Câu hỏi dạng tự luận (essay) chưa được hỗ trợ: bỏ qua.")
	problemSays(t, res, 6, "Loại câu hỏi “câu đố” không rõ")
	problemSays(t, res, 8, "chưa có đáp án đúng")
}

func TestXLSXRefusesWhatItCannotRead(t *testing.T) {
	bomb := zipBomb(t, "xl/worksheets/sheet1.xml", xlsxUnzipLimit+1<<20)
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"a file that is not a workbook", []byte("Câu hỏi,Đáp án\n"), "xlsx"},
		{"a workbook without a question sheet", sheetFile(t, map[string][][]any{"S": {{"Tên", "Tuổi"}}}, "S"), "Câu hỏi"},
		{"a small file that unzips to more than any sheet needs", bomb, "quá lớn khi giải nén"},
		{"a file over the size limit", bytes.Repeat([]byte("x"), MaxFileBytes+1), "MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readXLSX(tt.data)
			if err == nil || !strings.Contains(quiz.ErrorMessage(err), tt.says) {
				t.Errorf("err = %v, want it to say %q", err, tt.says)
			}
		})
	}
}

// zipBomb is a zip whose one entry name says it unzips to n bytes, as a bomb's entry does.
// Its data is a few bytes deflated: the readers refuse it by what it declares, before
// unpacking anything (and archive/zip refuses an entry that unpacks to more than it
// declares), so the test need not compress megabytes of zeros.
func zipBomb(t *testing.T, name string, n int) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(make([]byte, 1024)); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(n)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(deflated.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplateHasTheHeadersTheGuideAndExamplesThatReadBack(t *testing.T) {
	data, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Câu hỏi" || got[1] != "Hướng dẫn" {
		t.Errorf("sheets %v, want Câu hỏi and Hướng dẫn", got)
	}
	header, err := f.GetRows("Câu hỏi")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(header[0][:10], "|") != "Câu hỏi|A|B|C|D|Đáp án|Giải thích|Mức độ|Chủ đề|Điểm" {
		t.Errorf("header %v", header[0])
	}
	guide, err := f.GetRows("Hướng dẫn")
	if err != nil {
		t.Fatal(err)
	}
	explained := map[string]bool{}
	for _, row := range guide {
		if len(row) > 0 {
			explained[row[0]] = true
		}
	}
	for _, h := range header[0] {
		if !explained[h] && len(h) > 1 {
			t.Errorf("the guide does not explain column %q", h)
		}
	}
	dvs, err := f.GetDataValidations("Câu hỏi")
	if err != nil || len(dvs) != 2 {
		t.Errorf("the template offers %d drop-down lists, want Loại and Mức độ: %v", len(dvs), err)
	}
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || len(res.Items) != len(templateExamples) {
		t.Fatalf("the examples read back as %+v", res)
	}
	sameQuestions(t, templateExamples, res.Questions())
	for _, q := range res.Questions() {
		if q.Source == "" {
			t.Errorf("example %q names no source", q.Prompt)
		}
	}
}

func TestXLSXReadsTheRealFile(t *testing.T) {
	data, err := os.ReadFile("testdata/sheet/libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	checkRealSheet(t, res)
}

func FuzzReadXLSX(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, readXLSX, data) })
}

func TestXLSXWrittenSheetOpenedAndSavedByLibreOfficeReadsTheSame(t *testing.T) {
	data, err := os.ReadFile("testdata/sheet/libreoffice-resaved.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems %+v", res.Problems)
	}
	sameQuestions(t, officeQuestions(), res.Questions())
}
