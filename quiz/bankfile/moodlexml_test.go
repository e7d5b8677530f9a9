package bankfile

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"hoithi/quiz"
)

func TestMoodleXMLReadsEveryKindHoithiHas(t *testing.T) {
	tests := []struct {
		file  string
		line  int
		check func(q quiz.Question) bool
	}{
		{"multichoice.moodle.xml", 12, func(q quiz.Question) bool {
			return q.Type == quiz.MultiChoice && q.Partial && reflect.DeepEqual(q.Correct, []int{2, 4}) &&
				reflect.DeepEqual(q.Options, []string{"Tokyo", "Spain", "London", "Barcelona", "Paris"}) &&
				q.Explanation == "Berlin, Paris and London" && reflect.DeepEqual(q.Tags, []string{"Default for C1"}) && q.Points == 100
		}},
		{"truefalse.moodle.xml", 12, func(q quiz.Question) bool {
			return q.Type == quiz.TrueFalse && q.Correct[0] == 0 && q.Prompt == "The answer is true." &&
				q.Explanation == "You should have selected true."
		}},
		{"shortanswer.moodle.xml", 12, func(q quiz.Question) bool {
			// toad (80%) and * (0%) are not accepted answers: hoithi has no partly right answer.
			return q.Type == quiz.ShortAnswer && reflect.DeepEqual(q.Answers, []string{"frog"}) && q.Prompt == "Name an amphibian: __________"
		}},
		{"numerical_export.xml", 2, func(q quiz.Question) bool {
			return q.Type == quiz.Numeric && q.Value == 42 && q.Tolerance == 0.001 &&
				q.Explanation == "General feedback: Think Hitch-hikers guide to the Galaxy."
		}},
		{"ordering.moodle.xml", 12, func(q quiz.Question) bool {
			return q.Type == quiz.Ordering && q.Partial &&
				reflect.DeepEqual(q.Options, []string{"Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"}) &&
				q.Explanation == `The correct answer is "Modular Object Oriented Dynamic Learning Environment".`
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := readFixture(t, tt.file, MoodleXML)
			if r.Found != 1 || len(r.Items) != 1 {
				t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
			}
			if q := itemAt(t, r, tt.line); !tt.check(q) {
				t.Fatalf("read %+v", q)
			}
		})
	}
}

func TestMoodleXMLNestedCategoriesBecomeTags(t *testing.T) {
	r := readFixture(t, "nested_categories_with_questions.xml", MoodleXML)
	if r.Found != 5 || len(r.Items) != 4 {
		t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
	}
	want := map[int][]string{15: {"Iota"}, 83: {"Iota", "Kappa"}, 123: {"Iota", "Kappa", "Lambda"}, 163: {"Iota", "Mu"}}
	for line, tags := range want {
		if q := itemAt(t, r, line); !reflect.DeepEqual(q.Tags, tags) {
			t.Errorf("line %d tags %q, want %q", line, q.Tags, tags)
		}
	}
	if msg := problemAt(t, r, 55); !strings.Contains(msg, "tự luận (essay)") {
		t.Errorf("essay: %q", msg)
	}
}

func TestMoodleXMLNamesKindsHoithiLacks(t *testing.T) {
	r := readFixture(t, "matching.moodle.xml", MoodleXML)
	if len(r.Items) != 0 || r.Found != 1 || !strings.Contains(problemAt(t, r, 12), "ghép đôi (matching)") {
		t.Fatalf("items %v, problems %v", r.Items, r.Problems)
	}
	r = readFixture(t, "old_image_tag.xml", MoodleXML)
	if len(r.Items) != 1 || r.Found != 2 {
		t.Fatalf("items %v, problems %v", r.Items, r.Problems)
	}
	if msg := problemAt(t, r, 16); !strings.Contains(msg, "cloze") {
		t.Errorf("cloze: %q", msg)
	}
}

func TestMoodleXMLKeepsThePictureOfMoodle19sImageTag(t *testing.T) {
	r := readFixture(t, "old_image_tag.xml", MoodleXML)
	q := itemAt(t, r, 36)
	if q.Prompt != `This is a multichoice question with an image in the old "image" field that was used in Moodle 1.9` || !slices.Equal(q.Correct, []int{2}) {
		t.Errorf("read %+v", q)
	}
	img, err := quiz.CheckImage(r.Items[0].Picture)
	if err != nil || img.ContentType != "image/png" || img.Width != 16 || img.Height != 16 {
		t.Errorf("picture %+v, %v; want moodle.png, a PNG of 16×16", img, err)
	}
}

func TestMoodleXMLReadsVietnameseHTML(t *testing.T) {
	data := `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Sinh hoạt chi bộ</text></category></question>
  <question type="multichoice">
    <name><text>Câu 1</text></name>
    <questiontext format="html"><text><![CDATA[<p dir="ltr">Theo bài viết về huyện <strong>Phúc Thọ</strong>,
chất lượng sinh hoạt chi bộ quyết định điều gì của Đảng?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Sức sống, sự tồn tại &amp;amp; phát triển.&lt;/p&gt;&lt;img src="@@PLUGINFILE@@/x.png"&gt;</text></generalfeedback>
    <defaultgrade>2.5000000</defaultgrade>
    <single>true</single>
    <answer fraction="0" format="html"><text>Kinh phí hoạt động</text></answer>
    <answer fraction="100" format="html"><text><![CDATA[<p>Sức sống, sự tồn tại và phát triển</p>]]></text></answer>
    <tags><tag><text>Huyện Phúc Thọ</text></tag><tag><text>Sinh hoạt chi bộ</text></tag><tag>Chinhphu.vn</tag></tags>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text><![CDATA[<p>Xem sơ đồ <img src="@@PLUGINFILE@@/so-do.png" alt="Sơ đồ"></p>]]></text></questiontext>
    <answer fraction="100"><text>A</text></answer><answer fraction="0"><text>B</text></answer>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text>Hai đáp án trọn điểm</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>A</text></answer><answer fraction="100"><text>B</text></answer>
  </question>
</quiz>`
	r, err := Read([]byte(data), MoodleXML)
	if err != nil {
		t.Fatal(err)
	}
	q := itemAt(t, r, 4)
	if q.Prompt != "Theo bài viết về huyện Phúc Thọ, chất lượng sinh hoạt chi bộ quyết định điều gì của Đảng?" ||
		q.Options[1] != "Sức sống, sự tồn tại và phát triển" || q.Correct[0] != 1 || q.Points != 250 ||
		q.Explanation != "Sức sống, sự tồn tại & phát triển." || !reflect.DeepEqual(q.Tags, []string{"Sinh hoạt chi bộ", "Huyện Phúc Thọ", "Chinhphu.vn"}) {
		t.Errorf("read %+v", q)
	}
	if msg := problemAt(t, r, 15); !strings.Contains(msg, "so-do.png") || !strings.Contains(msg, "không có trong tệp") {
		t.Errorf("a picture in the prompt the file lacks: %q", msg)
	}
	if msg := problemAt(t, r, 19); !strings.Contains(msg, "trọn điểm") {
		t.Errorf("two right answers: %q", msg)
	}
}

func TestMoodleXMLCannotBeMadeToBlowUp(t *testing.T) {
	tests := map[string]string{
		"an entity it does not know": `<quiz><question type="truefalse"><questiontext><text>&xxe;</text></questiontext></question></quiz>`,
		"a DTD with entities":        `<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><quiz><question type="truefalse"><questiontext><text>&b;</text></questiontext></question></quiz>`,
		"nesting deeper than Moodle": "<quiz><question>" + strings.Repeat("<a>", 1000) + strings.Repeat("</a>", 1000) + "</question></quiz>",
		"a file cut short":           `<quiz><question type="truefalse"><questiontext><text>Câu`,
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := Read([]byte(data), MoodleXML)
			if err != nil {
				t.Fatalf("err = %v, want the problem named in the result", err)
			}
			if len(r.Items) != 0 || len(r.Problems) == 0 {
				t.Fatalf("items %v, problems %v", r.Items, r.Problems)
			}
		})
	}
}

func TestMoodleXMLRoundTripKeepsEveryKind(t *testing.T) {
	if left := roundTrip(t, MoodleXML, sampleQuestions(), holds{points: true, explanation: true, tags: true}); len(left) != 0 {
		t.Fatalf("left out %v", left)
	}
}

func TestMoodleXMLWritesWhatMoodleReads(t *testing.T) {
	data, _, err := Write(MoodleXML, sampleQuestions()[:2])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<question type="multichoice">`, "<single>true</single>", "<single>false</single>",
		`<answer fraction="100" format="plain_text">`, `<answer fraction="50" format="plain_text">`, `<answer fraction="-50" format="plain_text">`,
		"<defaultgrade>2</defaultgrade>", "<tag><text>Huyện Phúc Thọ</text></tag>",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("file lacks %s:\n%s", want, data)
		}
	}
}

func FuzzReadMoodleXML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, MoodleXML, data)
	})
}

func TestMoodleXMLReadsFractionsAsMoodleWritesThem(t *testing.T) {
	data := `<quiz><question type="multichoice"><questiontext format="plain_text"><text>Chất lượng sinh hoạt chi bộ quyết định những gì của Đảng?</text></questiontext>
<single>false</single>
<answer fraction="33.33333"><text>Sức sống</text></answer>
<answer fraction="33.33333"><text>Sự tồn tại</text></answer>
<answer fraction="-50"><text>Kinh phí hoạt động hằng năm</text></answer>
<answer fraction="33.33334"><text>Sự phát triển</text></answer>
</question></quiz>`
	r, err := Read([]byte(data), MoodleXML)
	if err != nil || len(r.Items) != 1 {
		t.Fatalf("%+v, %v", r, err)
	}
	if q := r.Items[0].Question; q.Type != quiz.MultiChoice || !q.Partial || !reflect.DeepEqual(q.Correct, []int{0, 1, 3}) {
		t.Fatalf("read %+v", q)
	}
}
