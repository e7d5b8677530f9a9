package bankfile

import (
	"archive/zip"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/sample"
)

func TestDOCXRoundTripKeepsEveryKindAndField(t *testing.T) {
	want := officeQuestions()
	data, problems, err := writeDOCX(want, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("writeDOCX: %v %v", problems, err)
	}
	res, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || res.Found != len(want) || res.Format != DOCX {
		t.Fatalf("found %d, problems %+v", res.Found, res.Problems)
	}
	sameQuestions(t, want, res.Questions())
}

func TestDOCXRoundTripOfTheSampleBank(t *testing.T) {
	_, want, err := sample.Bank()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i].Tags = nil
	}
	data, problems, err := writeDOCX(want, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("writeDOCX: %v %v", problems, err)
	}
	res, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems %+v", res.Problems)
	}
	sameQuestions(t, want, res.Questions())
}

func TestDOCXWriteNamesQuestionsItWouldMisread(t *testing.T) {
	qs := []quiz.Question{
		{Type: quiz.SingleChoice, Prompt: "Tốt?", Options: []string{"x", "y"}, Correct: []int{0}},
		{Type: quiz.SingleChoice, Prompt: "Dòng một\nĐáp án: A", Options: []string{"x", "y"}, Correct: []int{0}},
		{Type: quiz.SingleChoice, Prompt: "Hỏi?", Options: []string{"x B. y", "z"}, Correct: []int{0}},
		{Type: quiz.SingleChoice, Prompt: "Hỏi?", Options: []string{"x", "y"}, Correct: []int{0}, Explanation: "Vì thế.\nCâu 2: không phải câu hỏi"},
		{Type: quiz.SingleChoice, Prompt: "Cũng tốt?", Options: []string{"x", "y"}, Correct: []int{1}},
	}
	data, problems, err := writeDOCX(qs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
	}
	if !slices.Equal(lines, []int{2, 3, 4}) {
		t.Errorf("problems at %v, want 2, 3, 4: %+v", lines, problems)
	}
	res, err := readDOCX(data)
	if err != nil || len(res.Items) != 2 || res.Items[1].Question.Prompt != "Cũng tốt?" {
		t.Fatalf("read back %+v %v", res, err)
	}
}

// paperCheck is what one question of a real paper becomes: the sample question it was
// written from (by index in quiz/sample/bank.json), and the paragraph it starts at.
type paperCheck struct {
	para, sample int
}

func TestDOCXReadsTheRealPapers(t *testing.T) {
	_, bank, err := sample.Bank()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file     string
		found    int
		items    []paperCheck
		problems map[int]string
		check    func(t *testing.T, res *Result)
	}{
		{"dapan.docx", 7, []paperCheck{{5, 0}, {12, 1}, {15, 2}, {24, 8}, {31, 3}}, map[int]string{34: "Câu 6: không tìm thấy đáp án đúng"},
			func(t *testing.T, res *Result) {
				if e := res.Items[2].Question.Explanation; !strings.HasSuffix(e, "\nChỉ tiêu do huyện đề ra.") {
					t.Errorf("the explanation of several paragraphs is %q", e)
				}
				if e := res.Items[4].Question.Explanation; !strings.HasPrefix(e, "Sai. Chỉ tiêu là") {
					t.Errorf("the explanation under Hướng dẫn giải is %q", e)
				}
				q := res.Items[5].Question
				if q.Type != quiz.Numeric || q.Value != 21 || q.Difficulty != quiz.Recall || !slices.Equal(q.Tags, []string{"Sinh hoạt chi bộ", "Điện Biên"}) {
					t.Errorf("the numeric question with its level and tags is %+v", q)
				}
			}},
		{"marks.docx", 10, []paperCheck{{4, 17}, {9, 18}, {14, 19}, {19, 21}, {24, 23}, {29, 25}, {34, 22}, {39, 26}, {44, 5}, {47, 28}}, nil, nil},
		{"key-rows.docx", 6, []paperCheck{{4, 27}, {7, 29}, {12, 30}, {17, 31}, {20, 32}, {25, 20}}, nil, nil},
		{"key-columns.docx", 5, []paperCheck{{4, 27}, {7, 29}, {12, 30}, {17, 31}, {20, 32}}, nil, nil},
		{"key-lines.docx", 5, []paperCheck{{2, 27}, {5, 29}, {10, 30}, {15, 31}, {18, 32}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/docx/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := readDOCX(data)
			if err != nil {
				t.Fatal(err)
			}
			if res.Found != tt.found || len(res.Problems) != len(tt.problems) || len(res.Items) < len(tt.items) {
				t.Fatalf("found %d, %d items, problems %+v", res.Found, len(res.Items), res.Problems)
			}
			for line, msg := range tt.problems {
				problemSays(t, res, line, msg)
			}
			for i, c := range tt.items {
				got, want := res.Items[i], bank[c.sample]
				if got.Line != c.para {
					t.Errorf("question %d starts at paragraph %d, want %d", i+1, got.Line, c.para)
				}
				q := got.Question
				if q.Type != want.Type || q.Prompt != want.Prompt || !slices.Equal(q.Options, want.Options) || !slices.Equal(q.Correct, want.Correct) {
					t.Errorf("question %d is\n%+v\nwant\n%+v", i+1, q, want)
				}
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// paper builds a .docx whose body is the given WordprocessingML paragraphs.
func paper(t testing.TB, body string) []byte { return paperWith(t, body, nil) }

// paperWith builds a .docx with other parts too (word/styles.xml, word/numbering.xml).
func paperWith(t testing.TB, body string, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	all := map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`}
	for name, content := range parts {
		all[name] = strings.ReplaceAll(content, "NS", ns)
	}
	for name, content := range all {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDOCXReadsWordsListNumberingAndStyles(t *testing.T) {
	numbering := `<w:numbering NS>
		<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Câu %1:"/></w:lvl></w:abstractNum>
		<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
		<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
		<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
		<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
	</w:numbering>`
	styles := `<w:styles NS>
		<w:style w:type="character" w:styleId="Dung"><w:rPr><w:b/></w:rPr></w:style>
		<w:style w:type="character" w:styleId="DungGach"><w:basedOn w:val="Dung"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>
	</w:styles>`
	item := func(num, text, style string) string {
		props := ""
		if style != "" {
			props = `<w:rPr><w:rStyle w:val="` + style + `"/></w:rPr>`
		}
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + num + `"/></w:numPr></w:pPr><w:r>` + props + `<w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := item("1", "Hỏi một?", "") + item("2", "x", "") + item("2", "y", "Dung") + item("2", "z", "") +
		item("1", "Hỏi hai?", "") + item("3", "x", "DungGach") + item("3", "y", "")
	res, err := readDOCX(paperWith(t, body, map[string]string{"word/numbering.xml": numbering, "word/styles.xml": styles}))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 || len(res.Problems) > 0 {
		t.Fatalf("items %+v, problems %+v", res.Items, res.Problems)
	}
	if q := res.Items[0].Question; q.Prompt != "Hỏi một?" || !slices.Equal(q.Options, []string{"x", "y", "z"}) || !slices.Equal(q.Correct, []int{1}) {
		t.Errorf("question 1, numbered by Word with its options, is %+v", q)
	}
	if q := res.Items[1].Question; q.Prompt != "Hỏi hai?" || !slices.Equal(q.Options, []string{"x", "y"}) || !slices.Equal(q.Correct, []int{0}) {
		t.Errorf("question 2, whose options restart at A, is %+v", q)
	}
}

// para is a paragraph of plain runs; a run "**x**" is bold, "__x__" underlined.
func para(runs ...string) string {
	var sb strings.Builder
	sb.WriteString("<w:p>")
	for _, r := range runs {
		props := ""
		if s, ok := strings.CutPrefix(r, "**"); ok {
			r, props = strings.TrimSuffix(s, "**"), "<w:rPr><w:b/></w:rPr>"
		} else if s, ok := strings.CutPrefix(r, "__"); ok {
			r, props = strings.TrimSuffix(s, "__"), `<w:rPr><w:u w:val="single"/></w:rPr>`
		}
		sb.WriteString("<w:r>" + props + `<w:t xml:space="preserve">` + r + "</w:t></w:r>")
	}
	sb.WriteString("</w:p>")
	return sb.String()
}

func TestDOCXReadsEachConvention(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		correct []int
		options int
	}{
		{"Câu 1: and Đáp án", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("Đáp án: B"), []int{1}, 2},
		{"Câu 1. with options on one line", para("Câu 1. Hỏi?") + para("A. x\u00a0\u00a0\u00a0B. y") + para("C. z\tD. t") + para("Đáp án: D"), []int{3}, 4},
		{"Câu 1) with lower-case options", para("Câu 1) Hỏi?") + para("a. x") + para("b. y") + para("ĐA: a"), []int{0}, 2},
		{"Câu hỏi 1: with A)", para("Câu hỏi 1: Hỏi?") + para("A) x") + para("B) y") + para("Đáp án đúng: B"), []int{1}, 2},
		{"a bold Câu 1 without a mark", para("**Câu 1**", " Hỏi?") + para("A. x") + para("B. y") + para("Đáp án là A"), []int{0}, 2},
		{"Câu 1 with its points", para("Câu 1 (0,25 điểm): Hỏi?") + para("A. x") + para("B. y") + para("Đáp án: B."), []int{1}, 2},
		{"the answer with its option", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("Đáp án: B. y"), []int{1}, 2},
		{"the answer as the option's text", para("Câu 1: Hỏi?") + para("A. Hà Nội") + para("B. Huế") + para("Đáp án: Huế"), []int{1}, 2},
		{"several answers", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("C. z") + para("Đáp án: A và C"), []int{0, 2}, 3},
		{"a leading star", para("Câu 1: Hỏi?") + para("A. x") + para("*B. y"), []int{1}, 2},
		{"a star after the letter", para("Câu 1: Hỏi?") + para("A. *x") + para("B. y"), []int{0}, 2},
		{"a trailing star", para("Câu 1: Hỏi?") + para("A. x") + para("B. y (*)"), []int{1}, 2},
		{"bold", para("Câu 1: Hỏi?") + para("A. x") + para("B. ", "**y**"), []int{1}, 2},
		{"underline", para("Câu 1: Hỏi?") + para("A. x") + para("__B. y__"), []int{1}, 2},
		{"red", para("Câu 1: Hỏi?") + para("A. x") + `<w:p><w:r><w:t xml:space="preserve">B. </w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>y</w:t></w:r></w:p>`, []int{1}, 2},
		{"highlighted", para("Câu 1: Hỏi?") + `<w:p><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>A. x</w:t></w:r></w:p>` + para("B. y"), []int{0}, 2},
		{"a bold letter only", para("Câu 1: Hỏi?") + para("A. x") + para("**B.**", " y"), []int{1}, 2},
		{"everything bold marks nothing, the key does", para("**Câu 1: Hỏi?**") + para("**A. x**") + para("**B. y**") + para("Bảng đáp án: 1-B"), []int{1}, 2},
		{"a key of lines after HẾT", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("Câu 2: Hỏi?") + para("A. x") + para("B. y") + para("HẾT") + para("ĐÁP ÁN") + para("1.B  2: A"), []int{1}, 2},
		{"a key table after each part", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + keyTable("B") + para("Phần II") + para("Câu 1: Hỏi hai?") + para("A. x") + para("B. y") + keyTable("A"), []int{1}, 2},
		{"the answer on the line after Đáp án", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("Đáp án:") + para("B") + para("Câu 2: Hỏi hai?") + para("A. x") + para("B. y") + para("Đáp án") + para("A"), []int{1}, 2},
		{"a key under ĐÁP ÁN without HẾT", para("Câu 1: Hỏi?") + para("A. x") + para("B. y") + para("Câu 2: Hỏi hai?") + para("A. x") + para("B. y") + para("ĐÁP ÁN") + para("1-B 2-A"), []int{1}, 2},
		{"true/false by Đúng or Sai", para("Câu 1: Đúng hay sai?") + para("Đáp án: Đúng"), []int{0}, 2},
		{"line breaks inside one paragraph", `<w:p><w:r><w:t>Câu 1: Hỏi?</w:t><w:br/><w:t>A. x</w:t><w:br/><w:t>B. y</w:t><w:br/><w:t>Đáp án: A</w:t></w:r></w:p>`, []int{0}, 2},
		{"deleted and hidden text is not read", `<w:p><w:r><w:t>Câu 1: Hỏi?</w:t></w:r><w:del><w:r><w:delText>Câu 9:</w:delText></w:r></w:del></w:p>` + para("A. x") + para("B. y") + `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Đáp án: A</w:t></w:r><w:r><w:t>Đáp án: B</w:t></w:r></w:p>`, []int{1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readDOCX(paper(t, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) == 0 || len(res.Problems) > 0 {
				t.Fatalf("items %+v, problems %+v", res.Items, res.Problems)
			}
			q := res.Items[0].Question
			if q.Prompt != "Hỏi?" && q.Prompt != "Đúng hay sai?" || !slices.Equal(q.Correct, tt.correct) || len(q.Options) != tt.options {
				t.Errorf("got %+v", q)
			}
			// A second question, “Hỏi hai?”, has the answer A.
			if strings.Contains(tt.body, "Hỏi hai?") {
				if len(res.Items) != 2 || !slices.Equal(res.Items[1].Question.Correct, []int{0}) {
					t.Errorf("the second question is %+v", res.Items[1:])
				}
			}
		})
	}
}

// keyTable is an answer-key table of one question, number 1.
func keyTable(answer string) string {
	cell := func(s string) string { return "<w:tc>" + para(s) + "</w:tc>" }
	return "<w:tbl><w:tr>" + cell("Câu") + cell("1") + "</w:tr><w:tr>" + cell("Đáp án") + cell(answer) + "</w:tr></w:tbl>"
}

func TestDOCXHeadingsAreNotQuestions(t *testing.T) {
	body := para("ĐỀ THI HỘI THI BÍ THƯ CHI BỘ GIỎI") + para("Phần I. Trắc nghiệm") +
		para("Câu 1: Hỏi một?") + para("A. x") + para("B. y") + para("Đáp án: A") +
		para("PHẦN II. ĐÚNG SAI") + para("Câu 2: Hỏi hai?") + para("A. x") + para("B. y") + para("C. z") +
		para("II. CÂU HỎI KHÓ HƠN") + para("Câu 3: Hỏi ba?") + para("A. x") + para("B. y") + para("Đáp án: B")
	res, err := readDOCX(paper(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 3 || len(res.Items) != 2 {
		t.Fatalf("found %d, items %+v, problems %+v", res.Found, res.Items, res.Problems)
	}
	if got := res.Items[0].Question.Options; !slices.Equal(got, []string{"x", "y"}) {
		t.Errorf("the heading after question 1 became part of it: %q", got)
	}
	if got := res.Items[1].Question.Options; !slices.Equal(got, []string{"x", "y"}) {
		t.Errorf("question 3 is %q", got)
	}
	problemSays(t, res, 8, "Câu 2: không tìm thấy đáp án đúng")
}

func TestDOCXNamesEveryBadQuestionByParagraphAndNumber(t *testing.T) {
	body := para("Câu 1: Tốt?") + para("A. x") + para("B. y") + para("Đáp án: A") + // 1–4
		para("Câu 2: Chữ lạ?") + para("A. x") + para("B. y") + para("Đáp án: E") + // 5–8
		para("Câu 3: Trình bày vai trò của chi bộ.") + // 9, an essay
		para("Câu 4: Không đánh dấu?") + para("A. x") + para("B. y") + // 10–12
		para("Câu 5: Hai đáp án?") + para("A. x") + para("B. y") + para("Đáp án: A") + para("Loại: một đáp án") // 13–17
	res, err := readDOCX(paper(t, body+para("Đáp án: B")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 5 || len(res.Items) != 2 {
		t.Fatalf("found %d, items %+v, problems %+v", res.Found, res.Items, res.Problems)
	}
	problemSays(t, res, 5, "Câu 2: đáp án “E” chỉ đến phương án E")
	problemSays(t, res, 9, "Câu 3: không tìm thấy đáp án đúng")
	problemSays(t, res, 9, "tự luận")
	problemSays(t, res, 10, "Câu 4: không tìm thấy đáp án đúng")
}

func TestDOCXRefusesWhatItCannotRead(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"a file that is not a Word file", []byte("Câu 1: Hỏi?\nA. x\n"), ".docx"},
		{"a Word file without its document", zipBomb(t, "word/other.xml", 1<<20), ".docx"},
		{"a small file that unzips to more than any paper needs", zipBomb(t, "word/document.xml", maxWordXMLBytes+1<<20), "quá lớn"},
		{"a broken document", paper(t, "<w:p><w:r><w:t>Câu 1"), "hỏng"},
		{"elements nested a million deep", paper(t, strings.Repeat("<w:p>", 1_000_000)), "hỏng"},
		{"more questions than a file may hold", paper(t, strings.Repeat(para("Câu 1: Hỏi?")+para("Đáp án: Đúng"), MaxQuestions+1)), "5000"},
		{"a file over the size limit", bytes.Repeat([]byte("x"), MaxFileBytes+1), "MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readDOCX(tt.data)
			if err == nil || !strings.Contains(quiz.ErrorMessage(err), tt.says) {
				t.Errorf("err = %v, want it to say %q", err, tt.says)
			}
		})
	}
}

func TestDOCXReadsTwoThousandQuestions(t *testing.T) {
	data, err := os.ReadFile("testdata/docx/questions-2000.docx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 2000 || len(res.Items) != 2000 {
		t.Fatalf("found %d, items %d, problems %+v", res.Found, len(res.Items), res.Problems[:min(3, len(res.Problems))])
	}
	_, bank, err := sample.Bank()
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range res.Items {
		want := bank[i%len(bank)]
		if q := it.Question; q.Prompt != want.Prompt || !slices.Equal(q.Correct, want.Correct) || q.Explanation != want.Explanation {
			t.Fatalf("question %d is %+v, want %+v", i+1, q, want)
		}
	}
}

func BenchmarkReadDOCX2000(b *testing.B) {
	data, err := os.ReadFile("testdata/docx/questions-2000.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res, err := readDOCX(data)
		if err != nil || len(res.Items) != 2000 {
			b.Fatalf("%d items, %v", len(res.Items), err)
		}
	}
}

func FuzzReadDOCX(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, readDOCX, data) })
}

// FuzzReadDOCXBody fuzzes what is inside the zip, which FuzzReadDOCX's mutations seldom
// reach past the zip's checksums: the input is the paper's word/document.xml.
func FuzzReadDOCXBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, err := z.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		fuzzRead(t, readDOCX, buf.Bytes())
	})
}

func TestDOCXWrittenPaperOpenedAndSavedByLibreOfficeReadsTheSame(t *testing.T) {
	data, err := os.ReadFile("testdata/docx/libreoffice-resaved.docx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems %+v", res.Problems)
	}
	sameQuestions(t, officeQuestions(), res.Questions())
}
