package bankfile

import (
	"reflect"
	"strings"
	"testing"

	"hoithi/quiz"
)

func TestAikenReadsMoodlesExample(t *testing.T) {
	r, err := Read(fixture(t, "questions.aiken.txt"), Aiken)
	if err != nil {
		t.Fatal(err)
	}
	if r.Found != 2 || len(r.Items) != 2 || len(r.Problems) != 0 {
		t.Fatalf("found %d, items %d, problems %v", r.Found, len(r.Items), r.Problems)
	}
	q := r.Items[0].Question
	if q.Type != quiz.SingleChoice || q.Prompt != "The Moodle project was started by:" ||
		!reflect.DeepEqual(q.Options, []string{"Petr Skoda", "Martin Dougiamas", "Eloy Lafuente", "Tim Hunt"}) ||
		!reflect.DeepEqual(q.Correct, []int{1}) {
		t.Fatalf("first question = %+v", q)
	}
	// Aiken is plain text: what looks like HTML is kept as typed.
	if q := r.Items[1]; q.Line != 8 || !strings.Contains(q.Question.Prompt, `<html class="cool"> & images:`) || q.Question.Correct[0] != 0 {
		t.Fatalf("second question = %+v", q)
	}
}

func TestAikenNamesEveryBadQuestionByItsLine(t *testing.T) {
	r, err := Read(fixture(t, "aiken_errors.txt"), Aiken)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, it := range r.Items {
		lines = append(lines, it.Line)
	}
	if !reflect.DeepEqual(lines, []int{9, 18}) {
		t.Fatalf("good questions at lines %v, want 9 and 18", lines)
	}
	// "A)Correct (No space)" is an option, as Moodle reads it.
	if q := r.Items[1].Question; !reflect.DeepEqual(q.Options, []string{"Incorrect (No space)", "Correct (No space)"}) || q.Correct[0] != 1 {
		t.Fatalf("second good question = %+v", q)
	}
	want := map[int]string{
		1:  "ít nhất 2 phương án",
		5:  "Phương án nằm ngoài câu hỏi",
		7:  "ANSWER: không thuộc câu hỏi nào",
		14: "chưa có đáp án đúng",
	}
	if len(r.Problems) != len(want) {
		t.Fatalf("problems = %v", r.Problems)
	}
	for _, p := range r.Problems {
		if !strings.Contains(p.Message, want[p.Line]) || want[p.Line] == "" {
			t.Errorf("line %d: %q, want it to say %q", p.Line, p.Message, want[p.Line])
		}
	}
	if r.Found != 4 {
		t.Errorf("found %d questions, want 4 (two good, two bad)", r.Found)
	}
}

func TestAikenReadsVietnameseOptionsAndTheirAnswer(t *testing.T) {
	data := "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?\r\nA. 60%\r\nB. 90%\r\nC. 95%\r\nD. 100%\r\nAnswer: D\r\n\r\nCâu thiếu đáp án đúng\nA. Một\nB. Hai\nANSWER: E\n"
	r, err := Read([]byte(data), Aiken)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 1 || r.Items[0].Question.Correct[0] != 3 || r.Items[0].Question.Options[3] != "100%" {
		t.Fatalf("items = %+v", r.Items)
	}
	if len(r.Problems) != 1 || r.Problems[0].Line != 8 || !strings.Contains(r.Problems[0].Message, "Đáp án E") {
		t.Fatalf("problems = %v", r.Problems)
	}
}

func TestAikenRoundTripKeepsSingleChoiceQuestions(t *testing.T) {
	qs := sampleQuestions()
	left := roundTrip(t, Aiken, qs, holds{})
	for _, i := range left {
		if qs[i].Type == quiz.SingleChoice {
			t.Errorf("single-choice question %d left out", i+1)
		}
	}
	if len(left) != len(qs)-1 {
		t.Errorf("left out %v, want every question but the single-choice one", left)
	}
}

func TestAikenWriteLeavesOutWhatItWouldMisread(t *testing.T) {
	q := sampleQuestions()[0]
	q.Prompt = "A. Câu hỏi bắt đầu như một phương án"
	_, problems, err := Write(Aiken, []quiz.Question{q})
	if err != nil || len(problems) != 1 || problems[0].Line != 1 {
		t.Fatalf("problems = %v, %v", problems, err)
	}
}

func FuzzReadAiken(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, Aiken, data)
	})
}

// checkRead reads data as a fuzz target does: whatever the input, no panic, and every
// question returned is valid.
func checkRead(t *testing.T, f Format, data []byte) {
	r, err := Read(data, f)
	if err != nil {
		if _, ok := err.(*quiz.Error); !ok {
			t.Fatalf("error %v is not a quiz.Error", err)
		}
		return
	}
	if len(r.Items) > r.Found || r.Found > MaxQuestions {
		t.Fatalf("found %d, items %d", r.Found, len(r.Items))
	}
	for _, it := range r.Items {
		q := it.Question
		if err := q.Validate(); err != nil {
			t.Fatalf("item at line %d does not validate: %v", it.Line, err)
		}
		if !reflect.DeepEqual(q, it.Question) {
			t.Fatalf("item at line %d changes when validated again", it.Line)
		}
		if it.Line < 1 {
			t.Fatalf("item line %d", it.Line)
		}
	}
}
