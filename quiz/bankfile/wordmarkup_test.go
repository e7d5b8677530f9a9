package bankfile

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"
)

// msParagraph is a paragraph as Microsoft Word writes one: revision ids on the paragraph
// and its runs, spacing and the Vietnamese language in its properties, and the text cut into
// several runs wherever an edit or the spelling checker touched it.
func msParagraph(runs ...string) string {
	var sb strings.Builder
	sb.WriteString(`<w:p w:rsidR="00A31B2C" w:rsidRDefault="00A31B2C" w:rsidP="00F1E2D3" w14:paraId="1A2B3C4D" w14:textId="77777777">` +
		`<w:pPr><w:spacing w:before="60" w:after="60" w:line="288" w:lineRule="auto"/><w:jc w:val="both"/>` +
		`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:pPr>`)
	for _, r := range runs {
		sb.WriteString(r)
	}
	sb.WriteString(`</w:p>`)
	return sb.String()
}

// msRun is a run of text with Word's usual properties; bold gives it w:b and w:bCs.
func msRun(text string, bold bool) string {
	props := `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/>`
	if bold {
		props = `<w:b/><w:bCs/>` + props
	}
	return `<w:r w:rsidRPr="00C4D5E6"><w:rPr>` + props + `</w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

const (
	spellStart = `<w:proofErr w:type="spellStart"/>`
	spellEnd   = `<w:proofErr w:type="spellEnd"/>`
	tab        = `<w:r><w:tab/></w:r>`
)

// TestDOCXReadsWordsOwnMarkup reads a paper in the markup Microsoft Word writes, which neither
// LibreOffice nor pandoc produce: every word may be its own run (revision ids, the spelling
// checker's marks between them), the question and option labels are bold in every question, a
// bookmark where the cursor was, a page-break marker inside a run, tracked insertions and
// deletions, a content control around a paragraph, four options on one line split by tabs,
// and a key line at the end of each question.
func TestDOCXReadsWordsOwnMarkup(t *testing.T) {
	// The facts are those of "Đổi mới, nâng cao chất lượng sinh hoạt chi bộ" (Chinhphu.vn, 03/11/2015).
	title := msParagraph(`<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`,
		msRun("ĐỀ THI TRẮC NGHIỆM", true)) +
		msParagraph(msRun("Hội thi “Bí thư chi bộ giỏi”", true))
	q1 := msParagraph(msRun("Câu 1", true), msRun(": ", true), msRun("Huyện ", false), spellStart, msRun("Phúc", false),
		msRun(" Thọ", false), spellEnd, msRun(" đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?", false)) +
		msParagraph(msRun("A.", true), msRun(" 60%", false), tab, msRun("B.", true), msRun(" 90%", false), tab,
			msRun("C.", true), msRun(" 95%", false), tab, msRun("D.", true), msRun(" 100%", false)) +
		msParagraph(msRun("Đáp án: D", true))
	q2 := msParagraph(`<w:r><w:lastRenderedPageBreak/></w:r>`, msRun("Câu 2:", true), msRun(" Theo chỉ tiêu của huyện ", false),
		spellStart, msRun("Phúc Thọ", false), spellEnd,
		`<w:ins w:id="3" w:author="Nguyễn Văn An" w:date="2026-11-20T09:15:00Z">`+msRun(", mỗi kỳ sinh hoạt của tất cả các chi bộ", false)+`</w:ins>`,
		`<w:del w:id="4" w:author="Nguyễn Văn An" w:date="2026-11-20T09:16:00Z"><w:r><w:delText> (đã bỏ)</w:delText></w:r></w:del>`,
		msRun(" phải có tối thiểu bao nhiêu phần trăm đảng viên trong chi bộ tham dự?", false)) +
		`<w:sdt><w:sdtPr><w:id w:val="-1234"/></w:sdtPr><w:sdtContent>` +
		msParagraph(msRun("A.", true), msRun(" 60%", false)) + `</w:sdtContent></w:sdt>` +
		msParagraph(msRun("B.", true), msRun(" 70%", false)) +
		msParagraph(msRun("C.", true), msRun(" 80%", false)) +
		msParagraph(msRun("D.", true), msRun(" 9", false), msRun("0%", false)) +
		msParagraph(msRun("Đáp án: D", true)) +
		msParagraph(msRun("Giải thích:", true), msRun(" Huyện đề ra chỉ tiêu có từ 90% đảng viên trong chi bộ tham dự.", false))
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14 w15 wp14"><w:body>` +
		title + q1 + q2 +
		`<w:sectPr w:rsidR="00A31B2C"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>` +
		`</w:body></w:document>`
	res, err := readDOCX(docxOf(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || len(res.Items) != 2 || res.Found != 2 {
		t.Fatalf("found %d, items %+v, problems %+v", res.Found, res.Items, res.Problems)
	}
	q := res.Items[0].Question
	if q.Prompt != "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?" ||
		!slices.Equal(q.Options, []string{"60%", "90%", "95%", "100%"}) || !slices.Equal(q.Correct, []int{3}) {
		t.Errorf("question 1, options on one line and bold labels everywhere, is %+v", q)
	}
	q = res.Items[1].Question
	if q.Prompt != "Theo chỉ tiêu của huyện Phúc Thọ, mỗi kỳ sinh hoạt của tất cả các chi bộ phải có tối thiểu bao nhiêu phần trăm đảng viên trong chi bộ tham dự?" {
		t.Errorf("question 2's prompt (a tracked insertion kept, a deletion left out) is %q", q.Prompt)
	}
	if !slices.Equal(q.Options, []string{"60%", "70%", "80%", "90%"}) || !slices.Equal(q.Correct, []int{3}) ||
		q.Explanation != "Huyện đề ra chỉ tiêu có từ 90% đảng viên trong chi bộ tham dự." {
		t.Errorf("question 2 is %+v", q)
	}
}

// docxOf zips a whole word/document.xml, with the content types and relationships Word writes.
func docxOf(t *testing.T, document string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   document,
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
