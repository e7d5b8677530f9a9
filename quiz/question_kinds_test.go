package quiz

import (
	"slices"
	"testing"
)

func grade(t *testing.T, q Question, r Response) float64 {
	t.Helper()
	if err := q.Validate(); err != nil {
		t.Fatalf("question refused: %v", err)
	}
	_, g, err := Grade(&q, r)
	if err != nil {
		return -1
	}
	return g
}

func TestShortAnswersAreComparedAsAPersonWouldReadThem(t *testing.T) {
	q := Question{Type: ShortAnswer, Prompt: "Cơ quan lãnh đạo cao nhất của chi bộ?", Answers: []string{"Đại hội chi bộ", "hội nghị đảng viên"}}
	noAccents := q
	noAccents.Answers = slices.Clone(q.Answers)
	noAccents.NoDiacritics = true
	for _, tc := range []struct {
		q    Question
		text string
		want float64
	}{
		{q, "Đại hội chi bộ", 1},
		{q, "  đại HỘI   chi bộ. ", 1},
		{q, "Hội nghị đảng viên!", 1},
		{q, "dai hoi chi bo", 0},
		{noAccents, "dai hoi chi bo", 1},
		{noAccents, "DAI HOI, CHI BO", 1},
		{q, "Đại hội", 0},
		{q, "Dại hội chi bộ", 0},
		{q, "", -1},
		{q, "!!!", 0},
	} {
		if got := grade(t, tc.q, Response{Text: tc.text}); got != tc.want {
			t.Errorf("%q (không dấu %v): grade %v, want %v", tc.text, tc.q.NoDiacritics, got, tc.want)
		}
	}
}

func TestAShortAnswerQuestionNeedsAnAcceptedAnswerWithLetters(t *testing.T) {
	for _, answers := range [][]string{nil, {"  "}, {"?!"}} {
		q := Question{Type: ShortAnswer, Prompt: "Hỏi?", Answers: answers}
		if err := q.Validate(); err == nil {
			t.Errorf("answers %q accepted", answers)
		}
	}
}

func TestNumbersAreReadTheWayVietnamesePhonesTypeThem(t *testing.T) {
	for _, tc := range []struct {
		text string
		want float64
		ok   bool
	}{
		{"1930", 1930, true},
		{"3,5", 3.5, true},
		{"3.5", 3.5, true},
		{"1.822", 1822, true},
		{"1.000.000", 1e6, true},
		{"1 822", 1822, true},
		{"1.234,5", 1234.5, true},
		{"1,234.5", 1234.5, true},
		{"-2", -2, true},
		{"−2", -2, true},
		{"12,000,000", 12e6, true},
		{"1,2,3", 0, false},
		{"hai", 0, false},
		{"1e999", 0, false},
		{"", 0, false},
	} {
		got, ok := ParseNumber(tc.text)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestANumericAnswerIsRightWithinItsTolerance(t *testing.T) {
	q := Question{Type: Numeric, Prompt: "Bao nhiêu?", Value: 0.3, Tolerance: 0}
	wide := Question{Type: Numeric, Prompt: "Bao nhiêu?", Value: 100, Tolerance: 5}
	for _, tc := range []struct {
		q    Question
		text string
		want float64
	}{
		{q, "0,3", 1},
		{q, "0.30", 1},
		{q, "0.31", 0},
		{wide, "105", 1},
		{wide, "94,9", 0},
		{wide, "một trăm", -1},
	} {
		if got := grade(t, tc.q, Response{Text: tc.text}); got != tc.want {
			t.Errorf("%q against %v±%v: grade %v, want %v", tc.text, tc.q.Value, tc.q.Tolerance, got, tc.want)
		}
	}
	bad := Question{Type: Numeric, Prompt: "Bao nhiêu?", Value: 1, Tolerance: -1}
	if err := bad.Validate(); err == nil {
		t.Error("a negative tolerance was accepted")
	}
}

func TestAnOrderingQuestionIsShuffledTheSameWayForEveryoneAndGradedByPlace(t *testing.T) {
	q := Question{ID: "q1", Type: Ordering, Prompt: "Sắp xếp các bước", Options: []string{"Chuẩn bị", "Khai mạc", "Thảo luận", "Biểu quyết"}}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	shown := ShownOrder(&q)
	if slices.IsSorted(shown) {
		t.Fatalf("the phone is shown the right order %v", shown)
	}
	if !slices.Equal(shown, ShownOrder(&q)) {
		t.Fatal("the shown order changes between calls")
	}
	pub := (orderingKind{}).Public(&q)
	for i, o := range shown {
		if pub.Options[i] != q.Options[o] {
			t.Fatalf("shown option %d is %q, want %q", i, pub.Options[i], q.Options[o])
		}
	}
	// The contestant puts the shown positions in the right order: position of 0, of 1, …
	right := make([]int, len(shown))
	for p, o := range shown {
		right[o] = p
	}
	if g := grade(t, q, Response{Order: right}); g != 1 {
		t.Errorf("the right order graded %v", g)
	}
	swapped := slices.Clone(right)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	if g := grade(t, q, Response{Order: swapped}); g != 0 {
		t.Errorf("two swapped graded %v without partial credit", g)
	}
	q.Partial = true
	if g := grade(t, q, Response{Order: swapped}); g != 0.5 {
		t.Errorf("two of four swapped graded %v with partial credit, want 0.5", g)
	}
	for _, bad := range [][]int{{0, 1, 2}, {0, 0, 1, 2}, {0, 1, 2, 4}} {
		if g := grade(t, q, Response{Order: bad}); g != -1 {
			t.Errorf("order %v accepted", bad)
		}
	}
}

func TestPartialCreditGivesPartOfAMultipleChoiceAndNeverLessThanNothing(t *testing.T) {
	q := Question{Type: MultiChoice, Prompt: "Chọn các ý đúng", Options: []string{"A", "B", "C", "D"}, Correct: []int{0, 1}, Partial: true}
	for _, tc := range []struct {
		choice []int
		want   float64
	}{
		{[]int{0, 1}, 1},
		{[]int{0}, 0.5},
		{[]int{0, 2}, 0},
		{[]int{2, 3}, 0},
		{[]int{0, 1, 2}, 0.5},
	} {
		if got := grade(t, q, Response{Choice: tc.choice}); got != tc.want {
			t.Errorf("choice %v: grade %v, want %v", tc.choice, got, tc.want)
		}
	}
	q.Partial = false
	if got := grade(t, q, Response{Choice: []int{0}}); got != 0 {
		t.Errorf("half right without partial credit graded %v", got)
	}
}

func TestAnOrderingAnswerReadsBackAsTheListThePhoneSent(t *testing.T) {
	q := &Question{ID: "q1", Type: Ordering, Prompt: "Sắp xếp", Options: []string{"Một", "Hai", "Ba", "Bốn", "Năm"}}
	sent := []int{3, 0, 4, 1, 2}
	r, _, err := Grade(q, Response{Order: sent})
	if err != nil {
		t.Fatal(err)
	}
	if got := ShownPositions(q, r.Order); !slices.Equal(got, sent) {
		t.Fatalf("sent %v, read back %v", sent, got)
	}
}
