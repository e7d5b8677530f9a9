// Package bankfile reads and writes the question files trainers already keep: Excel sheets and
// CSV, Aiken, GIFT and Moodle XML from Moodle, and Word papers in the Vietnamese "Câu 1: …
// A. … Đáp án: B" convention. Reading never stops at the first bad question: every question it
// finds is either returned, validated, or named in a Problem by its line (or row), in
// Vietnamese, so a trainer can fix the file or choose to skip the bad items.
package bankfile

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
	"unicode/utf8"

	"hoithi/quiz"
)

// Format is a kind of question file.
type Format string

// The formats hoithi reads and writes.
const (
	XLSX      Format = "xlsx"
	CSV       Format = "csv"
	Aiken     Format = "aiken"
	GIFT      Format = "gift"
	MoodleXML Format = "moodlexml"
	DOCX      Format = "docx"
)

// Limits on one file: larger files are refused before they are read.
const (
	MaxFileBytes = 10 << 20
	MaxQuestions = 5000
)

// Item is one question read from a file, with where it starts. Its Question has been
// validated (quiz.Question.Validate) and has no ID or BankID yet.
type Item struct {
	Line     int           `json:"line"`
	Question quiz.Question `json:"question"`
	// Picture is the bytes of the picture the file shows with the question, if any: the
	// import stores it (ImportOptions.Images) and sets Question.Image to its id.
	Picture []byte `json:"-"`
}

// Problem is one question (or one part of the file) that could not be read, by the line of a
// text file, the row of a sheet, or the paragraph of a Word file (1-based). Message is
// Vietnamese and says what to fix. Kinds a format has and hoithi lacks (essay, matching,
// cloze…) are problems too, named as such, never imported half-read.
type Problem struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
	// Written marks a problem of writing a file that did not leave the question out: it is
	// in the file, without its picture.
	Written bool `json:"-"`
}

// LeftOut counts the problems of writing a file that left their question out.
func LeftOut(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if !p.Written {
			n++
		}
	}
	return n
}

// Result is what reading a file found. Found counts every question the file holds, good or
// not; Items are the good ones in file order; each of the others is in Problems.
type Result struct {
	Format   Format    `json:"format"`
	Found    int       `json:"questions"`
	Items    []Item    `json:"items"`
	Problems []Problem `json:"errors"`
}

// Questions returns the good questions in file order.
func (r *Result) Questions() []quiz.Question {
	qs := make([]quiz.Question, len(r.Items))
	for i, it := range r.Items {
		qs[i] = it.Question
	}
	return qs
}

// codec reads and writes one format. read returns an error only when data is not of the
// format at all; write names in Problems the questions the format cannot hold (Line is the
// 1-based index in qs) and leaves them out. A format that holds pictures writes with
// writePictures instead, given each question's picture (nil for none).
type codec struct {
	read          func(data []byte) (*Result, error)
	write         func(qs []quiz.Question) ([]byte, []Problem, error)
	writePictures func(qs []quiz.Question, pics []*picture) ([]byte, []Problem, error)
}

// codecs are the formats hoithi reads and writes, one entry a line.
var codecs = map[Format]codec{
	Aiken:     {read: readAiken, write: writeAiken},
	GIFT:      {read: readGIFT, write: writeGIFT},
	MoodleXML: {read: readMoodleXML, writePictures: writeMoodleXML},
	XLSX:      {read: readXLSX, writePictures: writeXLSX},
	CSV:       {read: readCSV, write: writeCSV},
	DOCX:      {read: readDOCX, writePictures: writeDOCX},
}

// textFormat reports whether f is plain text, which hoithi reads only as UTF-8. CSV checks
// its own, to tell the trainer which of Excel's CSV kinds to save as.
func textFormat(f Format) bool {
	switch f {
	case Aiken, GIFT, MoodleXML:
		return true
	}
	return false
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Read reads a question file of format f. A file too large, not of the format or holding
// too many questions is an error (quiz.Error, Vietnamese); otherwise every question found is
// in the Result, good or not.
func Read(data []byte, f Format) (*Result, error) {
	c, ok := codecs[f]
	if !ok {
		return nil, quiz.Errorf(quiz.EINVALID, "Chưa đọc được tệp dạng %s.", f)
	}
	if len(data) > MaxFileBytes {
		return nil, quiz.Errorf(quiz.ETOOLARGE, "Tệp quá lớn: tối đa %d MB.", MaxFileBytes>>20)
	}
	if textFormat(f) {
		data = bytes.TrimPrefix(data, utf8BOM)
		if err := checkUTF8(data); err != nil {
			return nil, err
		}
	}
	r, err := c.read(data)
	if err != nil {
		return nil, err
	}
	if r.Found > MaxQuestions {
		return nil, tooManyQuestions()
	}
	if len(r.Problems) > maxProblems {
		return nil, quiz.Errorf(quiz.EINVALID, "Tệp có hơn %d chỗ không đọc được: có lẽ đây không phải tệp dạng %s.", maxProblems, f)
	}
	r.Format = f
	return r, nil
}

// checkUTF8 refuses text that is not UTF-8, naming the usual culprits: UTF-16 ("Unicode" in
// Notepad and Excel) and the old Vietnamese code pages (TCVN3, VNI, Windows-1258).
func checkUTF8(data []byte) error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return quiz.Errorf(quiz.EINVALID, "Tệp được lưu dạng UTF-16 (\"Unicode\"): hãy lưu lại với bảng mã UTF-8 rồi nhập lại.")
	}
	if !utf8.Valid(data) {
		return quiz.Errorf(quiz.EINVALID, "Tệp không phải văn bản UTF-8 (có thể là bảng mã cũ TCVN3, VNI hay Windows-1258): hãy lưu lại với bảng mã UTF-8 rồi nhập lại.")
	}
	return nil
}

func tooManyQuestions() error {
	return quiz.Errorf(quiz.ETOOLARGE, "Tệp có hơn %d câu hỏi: mỗi lần chỉ nhập được tối đa %d câu, hãy chia thành nhiều tệp.", MaxQuestions, MaxQuestions)
}

// Write writes qs in format f, without their pictures (WriteWith writes them). Questions the
// format cannot hold are named in the Problems (Line is the 1-based index in qs) and left out
// of the file; a question with a picture is written without it and named too.
func Write(f Format, qs []quiz.Question) ([]byte, []Problem, error) {
	return WriteWith(f, qs, WriteOptions{})
}

// ParseFormat reads a format's name as typed on the command line ("gift", "moodlexml" or
// "xml"…); "auto" is not a format but a request to Detect one.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "xml" {
		return MoodleXML, nil
	}
	for _, f := range []Format{XLSX, CSV, Aiken, GIFT, MoodleXML, DOCX} {
		if s == string(f) {
			return f, nil
		}
	}
	return "", quiz.Errorf(quiz.EINVALID, "Định dạng “%s” không có: hãy chọn xlsx, csv, aiken, gift, moodlexml hoặc docx.", s)
}

// sniffBytes is how much of a file Detect looks at: enough for a header row or the first
// questions, little enough to be quick on any file.
const sniffBytes = 64 << 10

// Detect tells a question file's format from its name, or failing that from its content.
func Detect(filename string, data []byte) (Format, error) {
	switch strings.ToLower(path.Ext(filename)) {
	case ".xlsx":
		return XLSX, nil
	case ".csv":
		return CSV, nil
	case ".docx":
		return DOCX, nil
	case ".xml":
		return MoodleXML, nil
	case ".gift":
		return GIFT, nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		if f, ok := detectZip(data); ok {
			return f, nil
		}
		return "", quiz.Errorf(quiz.EINVALID, "Tệp nén này không phải tệp Word (.docx) hay Excel (.xlsx).")
	}
	head := bytes.TrimPrefix(data, utf8BOM)
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	text := string(head)
	switch {
	case strings.HasPrefix(strings.TrimSpace(text), "<") && strings.Contains(text, "<quiz"):
		return MoodleXML, nil
	case aikenAnswerLine(text):
		return Aiken, nil
	case giftAnswerBlock(text):
		return GIFT, nil
	case csvHeader(text):
		return CSV, nil
	}
	return "", quiz.Errorf(quiz.EINVALID, "Không nhận ra dạng tệp: hãy chọn định dạng (xlsx, csv, aiken, gift, moodlexml hoặc docx).")
}

// detectZip tells a Word file from an Excel one by the part each must hold.
func detectZip(data []byte) (Format, bool) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", false
	}
	for _, f := range z.File {
		switch f.Name {
		case "word/document.xml":
			return DOCX, true
		case "xl/workbook.xml":
			return XLSX, true
		}
	}
	return "", false
}

// aikenAnswerLine reports whether text has a line "ANSWER: B".
func aikenAnswerLine(text string) bool {
	for line := range strings.Lines(text) {
		if _, ok := aikenAnswer(strings.TrimSpace(line)); ok {
			return true
		}
	}
	return false
}

// giftAnswerBlock reports whether text has an answer block such as {=a ~b}, {T} or {#4}.
func giftAnswerBlock(text string) bool {
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			return false
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return false
		}
		block := strings.TrimSpace(text[i+1 : i+j])
		switch strings.ToUpper(block) {
		case "T", "F", "TRUE", "FALSE":
			return true
		}
		if strings.ContainsAny(block, "=~") || strings.HasPrefix(block, "#") {
			return true
		}
		text = text[i+j:]
	}
}

// csvHeader reports whether the first line is a header row naming the question column.
func csvHeader(text string) bool {
	line, _, _ := strings.Cut(text, "\n")
	return strings.ContainsAny(line, ",;\t") && strings.Contains(quiz.Fold(line), "cau hoi")
}
