package bankfile

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// testPicture is a small picture of kind ("png", "jpeg" or "gif"), w×h pixels, its colours
// made from seed so that two pictures of different seeds differ.
func testPicture(t testing.TB, kind string, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x*7) + seed, G: uint8(y*5) ^ seed, B: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	var err error
	switch kind {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// picturedQuestions are officeQuestions with pictures on some: the first and the eighth show
// the same one. pictures are the bytes by id.
func picturedQuestions(t testing.TB) ([]quiz.Question, map[string][]byte) {
	qs := officeQuestions()
	pictures := map[string][]byte{}
	show := func(i int, data []byte) {
		id := quiz.ImageID(data)
		pictures[id] = data
		qs[i].Image = id
	}
	bac := testPicture(t, "png", 640, 360, 1)
	show(0, bac)
	show(3, testPicture(t, "jpeg", 120, 200, 2))
	show(7, bac)
	show(10, testPicture(t, "gif", 30, 20, 3))
	return qs, pictures
}

// loader loads pictures from a map, as the image store does: ENOTFOUND for one it lacks.
func loader(pictures map[string][]byte) func(id string) ([]byte, error) {
	return func(id string) ([]byte, error) {
		data, ok := pictures[id]
		if !ok {
			return nil, quiz.Errorf(quiz.ENOTFOUND, "Không có ảnh này.")
		}
		return data, nil
	}
}

func TestAPictureWrittenIntoAFileComesBackWithItsQuestion(t *testing.T) {
	for _, f := range []Format{DOCX, MoodleXML, XLSX} {
		t.Run(string(f), func(t *testing.T) {
			qs, pictures := picturedQuestions(t)
			data, problems, err := WriteWith(f, qs, WriteOptions{Picture: loader(pictures)})
			if err != nil || len(problems) > 0 {
				t.Fatalf("write: %v %+v", err, problems)
			}
			res, err := Read(data, f)
			if err != nil || len(res.Problems) > 0 {
				t.Fatalf("read back: %v %+v", err, res)
			}
			if len(res.Items) != len(qs) {
				t.Fatalf("read back %d questions, want %d", len(res.Items), len(qs))
			}
			want := make([]quiz.Question, len(qs))
			for i, q := range qs {
				want[i] = q
				if f == MoodleXML {
					want[i] = asMoodleKeepsIt(q)
				}
				got := res.Items[i].Picture
				if q.Image == "" && got != nil {
					t.Errorf("question %d has a picture it did not have", i+1)
				}
				if q.Image != "" && !bytes.Equal(got, pictures[q.Image]) {
					t.Errorf("question %d: picture of %d bytes came back as %d bytes", i+1, len(pictures[q.Image]), len(got))
				}
			}
			sameQuestions(t, want, res.Questions())
		})
	}
}

// asMoodleKeepsIt is q as Moodle XML keeps it: no level, source, time limit or typing
// without diacritics, and a question of several answers graded by fractions.
func asMoodleKeepsIt(q quiz.Question) quiz.Question {
	q.Difficulty, q.Source, q.TimeLimitSec, q.NoDiacritics = 0, "", 0, false
	if q.Type == quiz.MultiChoice {
		q.Partial = true
	}
	return q
}

func TestAPictureTheFormatCannotHoldIsNamedAndItsQuestionWrittenWithoutIt(t *testing.T) {
	qs, pictures := picturedQuestions(t)
	webp := quiz.ImageID([]byte("webp"))
	tests := []struct {
		name  string
		f     Format
		o     WriteOptions
		lines []int
		says  string
	}{
		{"GIFT holds no pictures", GIFT, WriteOptions{Picture: loader(pictures)}, []int{1, 4, 8, 11}, "không giữ được ảnh"},
		{"nor CSV", CSV, WriteOptions{Picture: loader(pictures)}, []int{1, 4, 8, 11}, "không giữ được ảnh"},
		{"nor Aiken", Aiken, WriteOptions{Picture: loader(pictures)}, []int{1, 4, 8, 11}, "không giữ được ảnh"},
		{"Word without a way to load the pictures", DOCX, WriteOptions{}, []int{1, 4, 8, 11}, "không kèm ảnh"},
		{"a picture no longer stored", MoodleXML, WriteOptions{Picture: loader(map[string][]byte{webp: nil})}, []int{1, 4, 8, 11}, "không còn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, problems, err := WriteWith(tt.f, qs, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, p := range problems {
				if strings.Contains(p.Message, "ảnh") {
					lines = append(lines, p.Line)
					if !strings.Contains(p.Message, tt.says) {
						t.Errorf("problem %q, want it to say %q", p.Message, tt.says)
					}
				}
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("pictures named at %v, want %v", lines, tt.lines)
			}
			// The questions are in the file all the same.
			res, err := Read(data, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(res.Items, func(it Item) bool { return it.Question.Prompt == qs[0].Prompt && it.Picture == nil }) {
				t.Errorf("the first question is not in the file without its picture")
			}
		})
	}
	if data, problems, err := Write(DOCX, qs); err != nil || len(problems) != 4 || len(data) == 0 {
		t.Errorf("Write without pictures: %d problems, %v", len(problems), err)
	}
	broken := errors.New("the database is down")
	if _, _, err := WriteWith(DOCX, qs, WriteOptions{Picture: func(string) ([]byte, error) { return nil, broken }}); !errors.Is(err, broken) {
		t.Errorf("a store that fails: err = %v, want it returned", err)
	}
}

func TestAPictureIsWrittenOnceHoweverManyQuestionsShowIt(t *testing.T) {
	qs, pictures := picturedQuestions(t)
	data, _, err := WriteWith(DOCX, qs, WriteOptions{Picture: loader(pictures)})
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var media []string
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "word/media/") {
			media = append(media, f.Name)
		}
	}
	if len(media) != 3 {
		t.Errorf("media parts %v, want 3 (one picture is shown twice)", media)
	}
}

// wordPaper is a .docx holding body (the inside of w:body) and the parts given, with the
// relationships rels of the document (Relationship elements).
func wordPaper(t testing.TB, body, rels string, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	add("word/document.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>`+body+`</w:body></w:document>`))
	add("word/_rels/document.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	for name, data := range parts {
		add(name, data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Pieces of a Word paper: an inline picture of relationship rel, a drawing that is a chart,
// a VML picture, and a relationship to a part.
func inlinePicture(rel string) string {
	return `<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Hình 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="` + rel + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

const chartDrawing = `<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId9"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`

func vmlPicture(rel string) string {
	return `<w:r><w:pict><v:shape style="width:60pt;height:40pt"><v:imagedata r:id="` + rel + `" o:title=""/></v:shape></w:pict></w:r>`
}

func relTo(id, target string) string {
	return `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="` + target + `"/>`
}

const question = `<w:p><w:r><w:t>Câu 1: Ảnh dưới đây chụp buổi sinh hoạt chi bộ nào?</w:t></w:r></w:p>`
const options = `<w:p><w:r><w:t>A. Sinh hoạt thường kỳ</w:t></w:r></w:p><w:p><w:r><w:t>B. Sinh hoạt chuyên đề</w:t></w:r></w:p><w:p><w:r><w:t>Đáp án: B</w:t></w:r></w:p>`

func TestAPictureInAWordQuestionIsKeptOrNamed(t *testing.T) {
	png1, png2 := testPicture(t, "png", 40, 30, 1), testPicture(t, "png", 40, 30, 2)
	media := map[string][]byte{"word/media/image1.png": png1, "word/media/image2.png": png2}
	rels := relTo("rId1", "media/image1.png") + relTo("rId2", "media/image2.png") + relTo("rIdStyles", "styles.xml") +
		relTo("rIdGone", "media/image9.png") + `<Relationship Id="rIdWeb" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/a.png" TargetMode="External"/>` +
		relTo("rIdEMF", "media/image3.emf")
	media["word/styles.xml"] = []byte(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`)
	media["word/media/image3.emf"] = append([]byte{1, 0, 0, 0, 0x6c, 0, 0, 0}, bytes.Repeat([]byte{0x20, 0x45, 0x4d, 0x46}, 30)...)
	tests := []struct {
		name    string
		body    string
		picture []byte
		says    string
	}{
		{"a picture under the prompt is the question's", question + `<w:p>` + inlinePicture("rId1") + `</w:p>` + options, png1, ""},
		{"a picture in the prompt's own paragraph", `<w:p><w:r><w:t>Câu 1: Ảnh dưới đây chụp buổi sinh hoạt chi bộ nào?</w:t></w:r>` + inlinePicture("rId2") + `</w:p>` + options, png2, ""},
		{"a VML picture, as older Word writes one", question + `<w:p>` + vmlPicture("rId1") + `</w:p>` + options, png1, ""},
		{"two pictures", question + `<w:p>` + inlinePicture("rId1") + `</w:p><w:p>` + inlinePicture("rId2") + `</w:p>` + options, nil, "2 ảnh (ảnh thứ hai ở đoạn 3)"},
		{"a picture in an option", question + `<w:p><w:r><w:t>A. Sinh hoạt thường kỳ</w:t></w:r>` + inlinePicture("rId1") + `</w:p><w:p><w:r><w:t>B. Sinh hoạt chuyên đề</w:t></w:r></w:p><w:p><w:r><w:t>Đáp án: B</w:t></w:r></w:p>`, nil, "ảnh trong phương án"},
		{"a picture in the explanation", question + options + `<w:p><w:r><w:t>Giải thích: xem ảnh</w:t></w:r>` + inlinePicture("rId1") + `</w:p>`, nil, "phần đáp án hay giải thích"},
		{"a chart", question + `<w:p>` + chartDrawing + `</w:p>` + options, nil, "biểu đồ"},
		{"a shape drawn in VML", question + `<w:p><w:r><w:pict><v:rect style="width:60pt"/></w:pict></w:r></w:p>` + options, nil, "hình vẽ"},
		{"an embedded object", question + `<w:p><w:r><w:object><v:shape><v:imagedata r:id="rId1"/></v:shape></w:object></w:r></w:p>` + options, nil, "đối tượng nhúng"},
		{"a picture pointing to no part", question + `<w:p>` + inlinePicture("rIdGone") + `</w:p>` + options, nil, "không có trong tệp Word"},
		{"a picture pointing to no relationship", question + `<w:p>` + inlinePicture("rId404") + `</w:p>` + options, nil, "không có trong tệp Word"},
		{"a picture pointing to a part that is no picture", question + `<w:p>` + inlinePicture("rIdStyles") + `</w:p>` + options, nil, "không phải ảnh"},
		{"a picture linked to a file outside", question + `<w:p>` + inlinePicture("rIdWeb") + `</w:p>` + options, nil, "liên kết"},
		{"a Word drawing saved as EMF", question + `<w:p>` + inlinePicture("rIdEMF") + `</w:p>` + options, nil, "PNG hoặc JPEG"},
		{"a horizontal line under the explanation is decoration", question + options + `<w:p><w:r><w:pict><v:rect style="width:0;height:1.5pt" o:hralign="center" o:hrstd="t" o:hr="t" fillcolor="#a0a0a0" stroked="f"/></w:pict></w:r></w:p>`, nil, ""},
		{"a line drawn between the questions is decoration", question + options + `<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`, nil, ""},
		{"a text box is no picture", question + `<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:prstGeom prst="rect"/></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>Chú thích</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>` + options, nil, "khung chữ"},
		{"a logo above the first question is not a question's", `<w:p>` + inlinePicture("rId1") + `</w:p>` + question + options, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(wordPaper(t, tt.body, rels, media), DOCX)
			if err != nil {
				t.Fatal(err)
			}
			if res.Found != 1 {
				t.Fatalf("found %d questions", res.Found)
			}
			if tt.says != "" {
				if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, tt.says) {
					t.Fatalf("problems %+v, want one saying %q", res.Problems, tt.says)
				}
				return
			}
			if len(res.Items) != 1 {
				t.Fatalf("problems %+v", res.Problems)
			}
			it := res.Items[0]
			if !bytes.Equal(it.Picture, tt.picture) {
				t.Errorf("picture of %d bytes, want %d", len(it.Picture), len(tt.picture))
			}
			if it.Question.Prompt != "Ảnh dưới đây chụp buổi sinh hoạt chi bộ nào?" || !slices.Equal(it.Question.Correct, []int{1}) {
				t.Errorf("question %+v", it.Question)
			}
		})
	}
}

func TestWordPicturesThatUnpackToTooMuchAreProblemsReadInLinearTime(t *testing.T) {
	// A media part of 3 MB of zeros (a few kilobytes packed), and many questions each showing
	// a part of 2 MB of zeros: each one is refused before it is read, or once the file's
	// pictures have unpacked to their bound.
	parts := map[string][]byte{"word/media/big.png": make([]byte, 3<<20)}
	var body strings.Builder
	var rels strings.Builder
	rels.WriteString(relTo("rIdBig", "media/big.png"))
	body.WriteString(question + `<w:p>` + inlinePicture("rIdBig") + `</w:p>` + options)
	const n = 40
	for i := range n {
		name := "media/p" + strconv.Itoa(i) + ".png"
		parts["word/"+name] = append(testPicture(t, "png", 4, 4, uint8(i)), make([]byte, 2<<20-200)...)
		rels.WriteString(relTo("rIdP"+strconv.Itoa(i), name))
		body.WriteString(`<w:p><w:r><w:t>Câu ` + strconv.Itoa(i+2) + `: Ảnh nào?</w:t></w:r></w:p><w:p>` + inlinePicture("rIdP"+strconv.Itoa(i)) + `</w:p>` + options)
	}
	data := wordPaper(t, body.String(), rels.String(), parts)
	if len(data) > MaxFileBytes {
		t.Fatalf("the file is %d bytes", len(data))
	}
	start := time.Now()
	res, err := Read(data, DOCX)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes read in %v", len(data), time.Since(start))
	if res.Found != n+1 || len(res.Items)+len(res.Problems) != n+1 {
		t.Fatalf("found %d, items %d, problems %d", res.Found, len(res.Items), len(res.Problems))
	}
	problemSays(t, res, 1, "lớn hơn 2 MB")
	if !strings.Contains(res.Problems[len(res.Problems)-1].Message, "giải nén ra quá lớn") {
		t.Errorf("the last problem is %q, want the bound on all the pictures", res.Problems[len(res.Problems)-1].Message)
	}
	if time.Since(start) > time.Minute {
		t.Fatalf("took %v", time.Since(start))
	}
}

func TestDOCXReadsThePicturesOfAPaperLibreOfficeWrote(t *testing.T) {
	data, err := os.ReadFile("testdata/docx/pictures.docx")
	if err != nil {
		t.Fatal(err)
	}
	png, jpg := readTestdata(t, "docx/co-do.png"), readTestdata(t, "docx/xanh.jpg")
	res, err := Read(data, DOCX)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 5 || len(res.Items) != 3 || len(res.Problems) != 2 {
		t.Fatalf("found %d, items %+v, problems %+v", res.Found, len(res.Items), res.Problems)
	}
	want := [][]byte{png, jpg, nil}
	for i, it := range res.Items {
		if !bytes.Equal(it.Picture, want[i]) {
			t.Errorf("question %d: a picture of %d bytes, want %d", i+1, len(it.Picture), len(want[i]))
		}
	}
	if q := res.Items[1].Question; !strings.HasPrefix(q.Prompt, "Huyện Phúc Thọ đặt chỉ tiêu") || !slices.Equal(q.Correct, []int{3}) {
		t.Errorf("the question with a picture in its prompt's paragraph: %+v", q)
	}
	if !strings.Contains(res.Problems[0].Message, "Câu 3: câu hỏi có ảnh trong phương án") {
		t.Errorf("a picture in an option: %q", res.Problems[0].Message)
	}
	if !strings.Contains(res.Problems[1].Message, "Câu 5: câu hỏi có 2 ảnh") {
		t.Errorf("two pictures: %q", res.Problems[1].Message)
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// resavedPictureQuestions are the questions of the files written with pictures and saved
// again by LibreOffice (testdata/docx/libreoffice-resaved-pictures.docx and
// testdata/sheet/libreoffice-resaved-pictures.xlsx).
func resavedPictureQuestions(t testing.TB) ([]quiz.Question, map[string][]byte) {
	png, jpg := readTestdata(t, "docx/co-do.png"), readTestdata(t, "docx/xanh.jpg")
	return []quiz.Question{
		{Type: quiz.SingleChoice, Prompt: "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?", Options: []string{"60%", "90%", "95%", "100%"}, Correct: []int{3}, Image: quiz.ImageID(png)},
		{Type: quiz.TrueFalse, Prompt: "Đúng hay sai: Chi bộ bản Púng Giắt 1 hiện có 21 đảng viên.", Correct: []int{0}, Image: quiz.ImageID(jpg)},
		{Type: quiz.Numeric, Prompt: "Chi bộ bản Púng Giắt 1 hiện có bao nhiêu đảng viên?", Value: 21},
	}, map[string][]byte{quiz.ImageID(png): png, quiz.ImageID(jpg): jpg}
}

func TestPicturesWrittenThenSavedAgainByLibreOfficeComeBack(t *testing.T) {
	for _, tt := range []struct {
		file string
		f    Format
	}{{"docx/libreoffice-resaved-pictures.docx", DOCX}, {"sheet/libreoffice-resaved-pictures.xlsx", XLSX}} {
		t.Run(tt.file, func(t *testing.T) {
			want, pictures := resavedPictureQuestions(t)
			res, err := Read(readTestdata(t, tt.file), tt.f)
			if err != nil || len(res.Problems) > 0 {
				t.Fatalf("%v %+v", err, res)
			}
			sameQuestions(t, want, res.Questions())
			for i, it := range res.Items {
				if !bytes.Equal(it.Picture, pictures[want[i].Image]) {
					t.Errorf("question %d: a picture of %d bytes, want %d", i+1, len(it.Picture), len(pictures[want[i].Image]))
				}
			}
		})
	}
}

func TestAPictureInAMoodleQuestionIsKeptOrNamed(t *testing.T) {
	png := base64.StdEncoding.EncodeToString(testPicture(t, "png", 30, 20, 1))
	file := func(name, data string) string {
		return `<file name="` + name + `" path="/" encoding="base64">` + data + `</file>`
	}
	question := func(text, files string) string {
		return `<quiz><question type="truefalse"><questiontext format="html"><text><![CDATA[` + text + `]]></text>` + files +
			`</questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`
	}
	tests := []struct {
		name string
		data string
		says string
	}{
		{"a picture of the file, its name escaped", question(`<p>Chi bộ họp định kỳ mỗi tháng một lần.</p><p><img src="@@PLUGINFILE@@/h%E1%BB%8Dp%20chi%20b%E1%BB%99.png" alt=""></p>`, file("họp chi bộ.png", png)), ""},
		{"a picture in a folder of the file", question(`<p>Chi bộ họp định kỳ mỗi tháng một lần.</p><img src="@@PLUGINFILE@@/anh/hop.png">`, `<file name="hop.png" path="/anh/" encoding="base64">`+png+`</file>`), ""},
		{"base64 broken over lines, as Moodle writes it", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="@@PLUGINFILE@@/hop.png">`, file("hop.png", png[:20]+"\n  "+png[20:]+"\n")), ""},
		{"a picture pasted into the editor", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="data:image/png;base64,`+png+`">`, ""), ""},
		{"a picture on a web site", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="https://example.com/hop.png">`, ""), "nằm ngoài tệp"},
		{"a picture the file lacks", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="@@PLUGINFILE@@/hop.png">`, file("khac.png", png)), "không có trong tệp"},
		{"base64 that is not base64", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="@@PLUGINFILE@@/hop.png">`, file("hop.png", "không phải base64!")), "không phải base64"},
		{"bytes that are no picture", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="@@PLUGINFILE@@/hop.png">`, file("hop.png", base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 không phải ảnh")))), "PNG hoặc JPEG"},
		{"two pictures", question(`Chi bộ họp định kỳ mỗi tháng một lần.<img src="@@PLUGINFILE@@/hop.png"><img src="@@PLUGINFILE@@/hop.png">`, file("hop.png", png)), "2 ảnh"},
		{"a sound", question(`Chi bộ họp định kỳ mỗi tháng một lần.<audio src="@@PLUGINFILE@@/hop.mp3"></audio>`, file("hop.mp3", png)), "hop.mp3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]byte(tt.data), MoodleXML)
			if err != nil {
				t.Fatal(err)
			}
			if tt.says != "" {
				if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, tt.says) {
					t.Fatalf("problems %+v, want one saying %q", res.Problems, tt.says)
				}
				return
			}
			if len(res.Items) != 1 {
				t.Fatalf("problems %+v", res.Problems)
			}
			it := res.Items[0]
			if _, err := quiz.CheckImage(it.Picture); err != nil || it.Question.Prompt != "Chi bộ họp định kỳ mỗi tháng một lần." {
				t.Errorf("picture %v, prompt %q", err, it.Question.Prompt)
			}
		})
	}
}

func TestAPictureInASheetRowIsTheQuestionsOrNamed(t *testing.T) {
	qs, pictures := picturedQuestions(t)
	data, _, err := WriteWith(XLSX, qs[:4], WriteOptions{Picture: loader(pictures)})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// A second picture in the first question's row, one placed at the far right of the
	// second's, and a header row with a logo.
	extra := testPicture(t, "png", 10, 10, 9)
	for _, cell := range []string{"B2", "Z3", "A1"} {
		if err := f.AddPictureFromBytes(questionSheet, cell, &excelize.Picture{Extension: ".png", File: extra}); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(buf.Bytes(), XLSX)
	if err != nil {
		t.Fatal(err)
	}
	problemSays(t, res, 2, "2 ảnh")
	if len(res.Items) != 3 || res.Items[0].Line != 3 || !bytes.Equal(res.Items[0].Picture, extra) {
		t.Fatalf("items %+v, want the second row's picture, anywhere in its row, to be its question's", res.Items)
	}
	if !bytes.Equal(res.Items[2].Picture, pictures[qs[3].Image]) || res.Items[1].Picture != nil {
		t.Errorf("the other rows' pictures are not theirs")
	}
}

func TestAMoodlePromptWrittenAsHTMLForItsPictureComesBackAsTyped(t *testing.T) {
	data := testPicture(t, "png", 20, 20, 4)
	qs := sampleQuestions()
	for i := range qs {
		qs[i].Image = quiz.ImageID(data)
		qs[i].Prompt += "\n\nDòng <b>thứ hai</b> & “ngoặc” 'đơn' <img src=x>"
	}
	file, problems, err := WriteWith(MoodleXML, qs, WriteOptions{Picture: func(string) ([]byte, error) { return data, nil }})
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %+v", err, problems)
	}
	res, err := Read(file, MoodleXML)
	if err != nil || len(res.Problems) > 0 || len(res.Items) != len(qs) {
		t.Fatalf("%v %+v", err, res)
	}
	for i, it := range res.Items {
		if it.Question.Prompt != qs[i].Prompt || !bytes.Equal(it.Picture, data) {
			t.Errorf("question %d came back as %q, want %q", i+1, it.Question.Prompt, qs[i].Prompt)
		}
	}
}

func TestAWordQuestionLeftOutLeavesNoPictureInTheFile(t *testing.T) {
	data := testPicture(t, "png", 20, 20, 5)
	qs := []quiz.Question{{Type: quiz.SingleChoice, Prompt: "Câu có phương án đọc thành hai?", Options: []string{"Một B. hai", "Ba"}, Correct: []int{0}, Image: quiz.ImageID(data)}}
	file, problems, err := WriteWith(DOCX, qs, WriteOptions{Picture: func(string) ([]byte, error) { return data, nil }})
	if err != nil || len(problems) != 1 {
		t.Fatalf("%v %+v", err, problems)
	}
	if bytes.Contains(file, []byte("word/media/")) {
		t.Errorf("the file holds the picture of a question left out")
	}
}
