package bankfile

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"hoithi/quiz"
)

// fixture reads a file from testdata/moodle.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "moodle", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sampleQuestions are one question of every kind, in Vietnamese, with the characters the
// text formats must escape; their facts come from the sample articles the seed bank cites.
func sampleQuestions() []quiz.Question {
	return []quiz.Question{
		{
			Type:        quiz.SingleChoice,
			Prompt:      "Theo bài viết về huyện Phúc Thọ, chất lượng sinh hoạt chi bộ là một trong những yếu tố quyết định điều gì của Đảng?",
			Options:     []string{"Số lượng đảng viên kết nạp mới", "Sức sống, sự tồn tại và phát triển", "Kinh phí hoạt động hằng năm", "Quy mô tổ chức bộ máy"},
			Correct:     []int{1},
			Explanation: "Trích: “chất lượng sinh hoạt chi bộ là một trong những yếu tố quyết định sức sống, sự tồn tại và phát triển của Đảng”.\nNguồn: Chinhphu.vn, 03/11/2015.",
			Tags:        []string{"Sinh hoạt chi bộ"},
			Points:      100,
		},
		{
			Type:    quiz.MultiChoice,
			Prompt:  "Chất lượng sinh hoạt chi bộ quyết định những gì của Đảng? {chọn tất cả} = ~ # :",
			Options: []string{"Sức sống", "Sự tồn tại và phát triển", "Kinh phí hoạt động hằng năm", "Quy mô tổ chức bộ máy"},
			Correct: []int{0, 1},
			Partial: true,
			Tags:    []string{"Sinh hoạt chi bộ", "Huyện Phúc Thọ"},
			Points:  200,
		},
		{
			Type:    quiz.TrueFalse,
			Prompt:  "Huyện Phúc Thọ đặt chỉ tiêu 100% chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
			Correct: []int{0},
			Tags:    []string{"Sinh hoạt chi bộ", "Huyện Phúc Thọ"},
			Points:  100,
		},
		{
			Type:    quiz.ShortAnswer,
			Prompt:  "Đồng chí Ngọ Duy Hiểu là Bí thư Huyện ủy của huyện nào?",
			Answers: []string{"Phúc Thọ", "huyện Phúc Thọ"},
			Points:  150,
		},
		{
			Type:        quiz.Numeric,
			Prompt:      "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần?",
			Value:       100,
			Explanation: "100% chi bộ.",
			Points:      100,
		},
		{
			Type:      quiz.Numeric,
			Prompt:    "Bài viết về huyện Phúc Thọ đăng trên Chinhphu.vn năm nào?",
			Value:     2015,
			Tolerance: 0.5,
			Points:    100,
		},
		{
			Type:    quiz.Ordering,
			Prompt:  "Sắp xếp các bài viết mẫu theo năm đăng, từ sớm nhất:\nChinhphu.vn, LĐTĐ, Viện KSND tỉnh Tuyên Quang, ĐBP.",
			Options: []string{"Chinhphu.vn", "LĐTĐ", "Viện KSND tỉnh Tuyên Quang", "ĐBP"},
			Partial: true,
			Points:  100,
		},
	}
}

// holds names the fields a format keeps.
type holds struct {
	points, explanation, tags bool
}

// roundTrip writes qs in f, reads the file back and checks every question the format holds
// comes back field by field; it returns the indexes of the questions left out.
func roundTrip(t *testing.T, f Format, qs []quiz.Question, h holds) []int {
	t.Helper()
	data, problems, err := Write(f, qs)
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[int]bool{}
	var left []int
	for _, p := range problems {
		skipped[p.Line-1] = true
		left = append(left, p.Line-1)
	}
	if got, err := Detect("", data); got != f || err != nil {
		t.Errorf("the file written is detected as %q, %v", got, err)
	}
	// A BOM, as Windows editors write, must change nothing.
	r, err := Read(append([]byte("\uFEFF"), data...), f)
	if err != nil {
		t.Fatalf("reading back: %v\n%s", err, data)
	}
	if len(r.Problems) > 0 {
		t.Fatalf("reading back: %v\n%s", r.Problems, data)
	}
	var want []quiz.Question
	for i, q := range qs {
		if skipped[i] {
			continue
		}
		if err := q.Validate(); err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		if !h.points {
			q.Points = 100
		}
		if !h.explanation {
			q.Explanation = ""
		}
		if !h.tags {
			q.Tags = nil
		}
		want = append(want, q)
	}
	if len(r.Items) != len(want) {
		t.Fatalf("read back %d questions, want %d\n%s", len(r.Items), len(want), data)
	}
	for i, it := range r.Items {
		got, w := it.Question, want[i]
		if len(got.Tags) == 0 && len(w.Tags) == 0 {
			got.Tags, w.Tags = nil, nil
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("question %d came back\n%+v\nwant\n%+v\nfile:\n%s", i+1, got, w, data)
		}
	}
	return left
}

func TestReadRefusesWhatItCannotRead(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format Format
		code   string
		says   string
	}{
		{"a file over 10 MB", bytes.Repeat([]byte("a"), MaxFileBytes+1), GIFT, quiz.ETOOLARGE, "10 MB"},
		{"text in an old Vietnamese code page", []byte("C\xe2u h\xecoi\nA. m\xf4t\nB. hai\nANSWER: A\n"), Aiken, quiz.EINVALID, "UTF-8"},
		{"text saved as UTF-16", []byte("\xff\xfeA\x00"), GIFT, quiz.EINVALID, "UTF-16"},
		{"a format hoithi does not read yet", []byte("x"), Format("pdf"), quiz.EINVALID, "pdf"},
		{"an Aiken file with no question", []byte("chỉ là một dòng chữ\n"), Aiken, quiz.EINVALID, "ANSWER"},
		{"a GIFT file with no answer block", []byte("Câu hỏi không có đáp án\n"), GIFT, quiz.EINVALID, "ngoặc nhọn"},
		{"an XML file that is not Moodle's", []byte("<html><body/></html>"), MoodleXML, quiz.EINVALID, "<quiz>"},
		{"a Moodle XML file that is not XML", []byte("Câu 1: …"), MoodleXML, quiz.EINVALID, "<quiz>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data, tt.format)
			if quiz.ErrorCode(err) != tt.code || !strings.Contains(quiz.ErrorMessage(err), tt.says) {
				t.Fatalf("err = %v, want %s saying %q", err, tt.code, tt.says)
			}
		})
	}
}

func TestReadRefusesMoreThanMaxQuestions(t *testing.T) {
	var b strings.Builder
	for range MaxQuestions + 1 {
		b.WriteString("Câu hỏi?{T}\n\n")
	}
	_, err := Read([]byte(b.String()), GIFT)
	if quiz.ErrorCode(err) != quiz.ETOOLARGE || !strings.Contains(quiz.ErrorMessage(err), "5000") {
		t.Fatalf("err = %v", err)
	}
}

func TestWriteRefusesMoreThanMaxQuestions(t *testing.T) {
	_, _, err := Write(GIFT, make([]quiz.Question, MaxQuestions+1))
	if quiz.ErrorCode(err) != quiz.ETOOLARGE {
		t.Fatalf("err = %v", err)
	}
}

func zipWith(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<x/>"))
	z.Close()
	return buf.Bytes()
}

func TestDetectTellsTheFormat(t *testing.T) {
	tests := []struct {
		name     string
		filename string
		data     []byte
		want     Format
	}{
		{"a Word file by its name", "de-thi.docx", nil, DOCX},
		{"an Excel file by its name", "Bộ câu hỏi.XLSX", nil, XLSX},
		{"a CSV file by its name", "cau-hoi.csv", nil, CSV},
		{"a Moodle XML file by its name", "export.xml", nil, MoodleXML},
		{"a GIFT file by its name", "bai.gift", nil, GIFT},
		{"a Word file without a name", "upload", zipWith(t, "word/document.xml"), DOCX},
		{"an Excel file without a name", "upload", zipWith(t, "xl/workbook.xml"), XLSX},
		{"a Moodle XML export saved as .txt", "export.txt", fixture(t, "multichoice.moodle.xml"), MoodleXML},
		{"an Aiken file", "questions.txt", fixture(t, "questions.aiken.txt"), Aiken},
		{"a GIFT file", "questions.txt", fixture(t, "questions.gift.txt"), GIFT},
		{"a GIFT file with a BOM", "", append([]byte("\uFEFF"), fixture(t, "gift_examples.txt")...), GIFT},
		{"a CSV file with a header row", "danh-sach.txt", []byte("Câu hỏi,A,B,C,D,Đáp án\nHỏi?,a,b,c,d,A\n"), CSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.filename, tt.data)
			if err != nil || got != tt.want {
				t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDetectSaysWhenItCannotTell(t *testing.T) {
	for name, data := range map[string][]byte{
		"plain text":           []byte("Một đoạn văn bản bình thường."),
		"a zip of other files": zipWith(t, "readme.txt"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Detect("tep", data); quiz.ErrorCode(err) != quiz.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestParseFormatReadsTheFlag(t *testing.T) {
	for in, want := range map[string]Format{"gift": GIFT, " Aiken ": Aiken, "MOODLEXML": MoodleXML, "xml": MoodleXML, "xlsx": XLSX, "csv": CSV, "docx": DOCX} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"auto", "pdf", ""} {
		if _, err := ParseFormat(in); quiz.ErrorCode(err) != quiz.EINVALID {
			t.Errorf("ParseFormat(%q) err = %v", in, err)
		}
	}
}

func TestHTMLBecomesTheTextATrainerTyped(t *testing.T) {
	tests := []struct {
		name, in, want string
		media          []string
	}{
		{"paragraphs and breaks", "<p>Dòng một</p><p>Dòng <b>hai</b><br />Dòng ba</p>", "Dòng một\nDòng hai\nDòng ba", nil},
		{"entities", "Đảng &amp; Nhà nước &lt;2015&gt; &quot;x&quot; &#7899;", "Đảng & Nhà nước <2015> \"x\" ớ", nil},
		{"a comparison that is no tag", "a < b và c > d", "a < b và c > d", nil},
		{"an embedded image", `Xem hình <img src="@@PLUGINFILE@@/so%20do.png" alt="sơ đồ"> rồi trả lời`, "Xem hình rồi trả lời", []string{"so%20do.png"}},
		{"a link to an embedded file", `<a href="@@PLUGINFILE@@/bonjour.mp3">Nghe</a>`, "Nghe", []string{"bonjour.mp3"}},
		{"a script", "Câu <script>alert(1)</script>hỏi", "Câu hỏi", nil},
		{"a tag never closed", "Câu <b hỏi", "Câu <b hỏi", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fromHTML(tt.in, false)
			if got.Text != tt.want || !reflect.DeepEqual(got.Media, tt.media) {
				t.Fatalf("fromHTML = %q %q, want %q %q", got.Text, got.Media, tt.want, tt.media)
			}
		})
	}
}

func TestCategoriesBecomeTags(t *testing.T) {
	tests := map[string][]string{
		"$course$/top/Điều lệ Đảng/Chương II": {"Điều lệ Đảng", "Chương II"},
		"$course$/Default for New Features":   {"Default for New Features"},
		"$system$/top":                        nil,
		"$course$/Nghị quyết 21//NQ-TW":       {"Nghị quyết 21/NQ-TW"},
	}
	for in, want := range tests {
		if got := categoryTags(in); !reflect.DeepEqual(got, want) {
			t.Errorf("categoryTags(%q) = %q, want %q", in, got, want)
		}
		if want != nil {
			if back := categoryTags(categoryPath(want)); !reflect.DeepEqual(back, want) {
				t.Errorf("categoryPath(%q) reads back as %q", want, back)
			}
		}
	}
}
