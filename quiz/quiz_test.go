package quiz

import "testing"

func TestFoldIgnoresVietnameseDiacritics(t *testing.T) {
	for in, want := range map[string]string{
		"Bí thư Chi bộ giỏi":  "bi thu chi bo gioi",
		"ĐẢNG   viên":         "dang vien",
		"Nghị quyết 21-NQ/TW": "nghi quyet 21-nq/tw",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSpeedScoreHalvesAtTheDeadline(t *testing.T) {
	cases := []struct {
		name           string
		mode           ScoringMode
		elapsed, limit int64
		points, want   int
	}{
		{"an instant answer earns full points", SpeedPoints, 0, 20000, 1000, 1000},
		{"an answer at half time earns three quarters", SpeedPoints, 10000, 20000, 1000, 750},
		{"an answer at the deadline earns half", SpeedPoints, 20000, 20000, 1000, 500},
		{"a late answer is clamped to half", SpeedPoints, 30000, 20000, 1000, 500},
		{"fixed points ignore time", FixedPoints, 19000, 20000, 10, 10},
		{"rounding is to the nearest point", SpeedPoints, 1, 3, 10, 8},
	}
	for _, c := range cases {
		if got := Score(c.mode, c.points, c.elapsed, c.limit); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

func TestMultiChoiceNeedsExactlyTheRightOptions(t *testing.T) {
	if !IsCorrect([]int{0, 2}, []int{2, 0}) {
		t.Error("the right options in another order should be correct")
	}
	if IsCorrect([]int{0, 2}, []int{0}) || IsCorrect([]int{0, 2}, []int{0, 1, 2}) {
		t.Error("missing or extra options should be wrong")
	}
}

func TestQuestionValidationExplainsTheProblem(t *testing.T) {
	q := Question{Type: SingleChoice, Prompt: "Câu hỏi?", Options: []string{"A", "B"}, Correct: []int{0, 1}}
	err := q.Validate()
	if ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
		t.Fatalf("two answers on a single-choice question: got %v", err)
	}
	tf := Question{Type: TrueFalse, Prompt: "Đúng hay sai?", Correct: []int{1}}
	if err := tf.Validate(); err != nil || len(tf.Options) != 2 {
		t.Fatalf("a true/false question gets its two options: %v %v", err, tf.Options)
	}
}
