package bankfile

import (
	"reflect"
	"strings"
	"testing"

	"hoithi/quiz"
)

// itemAt returns the question read at line.
func itemAt(t *testing.T, r *Result, line int) quiz.Question {
	t.Helper()
	for _, it := range r.Items {
		if it.Line == line {
			return it.Question
		}
	}
	t.Fatalf("no question read at line %d; problems %v", line, r.Problems)
	return quiz.Question{}
}

// problemAt returns the problem named at line.
func problemAt(t *testing.T, r *Result, line int) string {
	t.Helper()
	for _, p := range r.Problems {
		if p.Line == line {
			return p.Message
		}
	}
	t.Fatalf("no problem at line %d; problems %v", line, r.Problems)
	return ""
}

func readFixture(t *testing.T, name string, f Format) *Result {
	t.Helper()
	r, err := Read(fixture(t, name), f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGIFTReadsMoodlesTestFile(t *testing.T) {
	r := readFixture(t, "questions.gift.txt", GIFT)
	if r.Found != 9 || len(r.Items) != 7 {
		t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
	}
	if msg := problemAt(t, r, 2); !strings.Contains(msg, "tự luận (essay)") {
		t.Errorf("essay: %q", msg)
	}
	if msg := problemAt(t, r, 5); !strings.Contains(msg, "ghép đôi (matching)") {
		t.Errorf("matching: %q", msg)
	}
	if q := itemAt(t, r, 14); q.Type != quiz.SingleChoice || q.Prompt != "What's between orange and green in the spectrum?" ||
		!reflect.DeepEqual(q.Options, []string{"yellow", "red", "blue"}) || q.Correct[0] != 0 {
		t.Errorf("single choice with feedback and [plain] = %+v", q)
	}
	if q := itemAt(t, r, 22); q.Type != quiz.MultiChoice || !q.Partial || !reflect.DeepEqual(q.Correct, []int{0, 2}) ||
		!reflect.DeepEqual(q.Options, []string{"yellow", "red", "off-beige", "blue"}) {
		t.Errorf("weighted multiple choice = %+v", q)
	}
	if q := itemAt(t, r, 31); q.Type != quiz.Numeric || q.Value != 3 || q.Tolerance != 2 {
		t.Errorf("numeric range with wrong-answer feedback = %+v", q)
	}
	if q := itemAt(t, r, 34); q.Type != quiz.ShortAnswer || !reflect.DeepEqual(q.Answers, []string{"Frog"}) {
		t.Errorf("short answer takes only the answers of full marks: %+v", q)
	}
	if q := itemAt(t, r, 41); q.Type != quiz.TrueFalse || q.Correct[0] != 1 ||
		q.Explanation != "This is, of course, a Hitchiker's Guide to the Galaxy reference." {
		t.Errorf("true/false with general feedback = %+v", q)
	}
	for _, line := range []int{46, 49} {
		if q := itemAt(t, r, line); q.Type != quiz.TrueFalse || q.Correct[0] != 0 || q.Prompt != "TSL is blablabla." {
			t.Errorf("line %d: {T} and {TRUE} = %+v", line, q)
		}
	}
}

func TestGIFTReadsCategoriesAndHTML(t *testing.T) {
	r := readFixture(t, "questions_in_category.gift.txt", GIFT)
	if r.Found != 4 || len(r.Items) != 3 {
		t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
	}
	q := itemAt(t, r, 14)
	if q.Prompt != "Listen to this greeting:\n\nWhat language is being spoken?" || q.Correct[0] != 1 {
		t.Errorf("[html] with escaped = and : = %q %v", q.Prompt, q.Correct)
	}
	if !reflect.DeepEqual(q.Tags, []string{"Default for New Features"}) {
		t.Errorf("$CATEGORY tags = %q", q.Tags)
	}
	if q := itemAt(t, r, 22); !reflect.DeepEqual(q.Answers, []string{"Moodler"}) {
		t.Errorf("=%%100%%Moodler# = %+v", q)
	}
	if q := itemAt(t, r, 27); q.Prompt != "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment." || q.Type != quiz.TrueFalse {
		t.Errorf("[html] span = %+v", q)
	}
}

func TestGIFTReadsTheDocumentedExamples(t *testing.T) {
	r := readFixture(t, "gift_examples.txt", GIFT)
	if r.Found != 43 || len(r.Items) != 40 {
		t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
	}
	for _, line := range []int{55, 61, 177} {
		if msg := problemAt(t, r, line); !strings.Contains(msg, "matching") {
			t.Errorf("line %d: %q", line, msg)
		}
	}
	tests := []struct {
		line  int
		check func(q quiz.Question) bool
		what  string
	}{
		{10, func(q quiz.Question) bool { return q.Prompt == "Grant is _____ in Grant's tomb." && q.Correct[0] == 1 }, "a missing word keeps the sentence around it"},
		{16, func(q quiz.Question) bool { return q.Type == quiz.Numeric && q.Value == 1822 && q.Tolerance == 1 }, "{#1822:1}"},
		{45, func(q quiz.Question) bool {
			return q.Prompt == "Two plus two equals _____." && reflect.DeepEqual(q.Answers, []string{"four", "4"})
		}, "short answer in a sentence"},
		{72, func(q quiz.Question) bool { return q.Value == 3.1415 && q.Tolerance == 0.0005 }, "{#3.1415:0.0005}"},
		{74, func(q quiz.Question) bool { return q.Value == 3.1415 && q.Tolerance == 0.0005 }, "{#3.141..3.142}"},
		{76, func(q quiz.Question) bool { return q.Value == 1822 && q.Tolerance == 0 }, "{#=1822:0 =%50%1822:2} takes the answer of full marks"},
		{90, func(q quiz.Question) bool {
			return q.Prompt == "Japanese characters originally\ncame from what country?" && q.Answers[0] == "China"
		}, "a title and a prompt on two lines"},
		{108, func(q quiz.Question) bool { return q.Prompt == "Who's buried in Grant's tomb?" }, "[markdown]"},
		{115, func(q quiz.Question) bool { return q.Type == quiz.SingleChoice && q.Correct[0] == 2 }, "a half-credit option is not the right one"},
		{130, func(q quiz.Question) bool {
			return q.Type == quiz.MultiChoice && q.Partial && reflect.DeepEqual(q.Correct, []int{1, 2})
		}, "two answers of 50%"},
		{143, func(q quiz.Question) bool {
			return reflect.DeepEqual(q.Options, []string{"= 2 + 2", "= 2 + 3", "= 2 + 4"}) && q.Correct[0] == 1
		}, "escaped ="},
		{148, func(q quiz.Question) bool {
			return reflect.DeepEqual(q.Options, []string{"~", "=", "#", "{", "}", `\`}) && q.Correct[0] == 5
		}, "every escape"},
		{202, func(q quiz.Question) bool { return q.Type == quiz.Numeric && q.Value == 1822 }, "numeric answers with feedback over two lines"},
	}
	for _, tt := range tests {
		if q := itemAt(t, r, tt.line); !tt.check(q) {
			t.Errorf("line %d (%s): %+v", tt.line, tt.what, q)
		}
	}
}

func TestGIFTNamesWhatItCannotRead(t *testing.T) {
	data := strings.Join([]string{
		"Câu không có ngoặc đóng {=a ~b",
		"",
		"Câu có hai đáp án trọn điểm {=Một =Hai ~Ba}",
		"",
		"Câu có hình [html]<img src=\"@@PLUGINFILE@@/so-do.png\"> {T}",
		"",
		"Câu không có đáp án đúng {~Một ~Hai}",
		"",
		"// chú thích",
		"Câu trọng số sai {~%abc%Một =Hai}",
		"",
		"Điền số {#một}",
		"",
		"Trả lời ngắn {=Phúc* =%50%Hà Nội}",
		"",
		"{=100% ~95%} chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi {=quý ~năm} một lần.",
	}, "\n")
	r, err := Read([]byte(data), GIFT)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{1: "}", 3: "trọn điểm", 5: "so-do.png", 7: "chưa có đáp án đúng", 10: "Trọng số", 12: "không đọc được", 14: "dấu *", 16: "cloze"}
	if len(r.Problems) != len(want) || len(r.Items) != 0 || r.Found != 8 {
		t.Fatalf("found %d, items %v, problems %v", r.Found, r.Items, r.Problems)
	}
	for line, says := range want {
		if msg := problemAt(t, r, line); !strings.Contains(msg, says) {
			t.Errorf("line %d: %q, want it to say %q", line, msg, says)
		}
	}
}

func TestGIFTRoundTripKeepsEveryKindItHolds(t *testing.T) {
	qs := sampleQuestions()
	left := roundTrip(t, GIFT, qs, holds{explanation: true, tags: true})
	if len(left) != 1 || qs[left[0]].Type != quiz.Ordering {
		t.Fatalf("left out %v, want the ordering question only", left)
	}
}

func TestGIFTMultipleChoiceComesBackWithPartialCredit(t *testing.T) {
	// Moodle marks a multiple-answer question by its weights, so GIFT cannot say "all or
	// nothing": such a question comes back with partial credit.
	q := sampleQuestions()[1]
	q.Partial = false
	data, _, _ := Write(GIFT, []quiz.Question{q})
	r, err := Read(data, GIFT)
	if err != nil || len(r.Items) != 1 || !r.Items[0].Question.Partial || !reflect.DeepEqual(r.Items[0].Question.Correct, []int{0, 1}) {
		t.Fatalf("read back %+v, %v\n%s", r, err, data)
	}
}

func FuzzReadGIFT(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, GIFT, data)
	})
}
