package quiz

import (
	"slices"
	"time"
)

// Revision is one saved edit of a question: who made its Version, when, and which parts
// changed, named in Vietnamese.
type Revision struct {
	Version   int
	At        time.Time
	ActorID   string
	ActorName string
	Changed   []string
}

// ChangedParts names, in Vietnamese and in the order a form shows them, the parts of a
// question that differ between before and after (both validated).
func ChangedParts(before, after *Question) []string {
	var out []string
	add := func(changed bool, name string) {
		if changed {
			out = append(out, name)
		}
	}
	add(before.Type != after.Type, "loại câu hỏi")
	add(before.Prompt != after.Prompt, "nội dung")
	add(!slices.Equal(before.Options, after.Options), "phương án")
	add(!slices.Equal(before.Correct, after.Correct), "đáp án đúng")
	add(!slices.Equal(before.Answers, after.Answers) || before.NoDiacritics != after.NoDiacritics, "đáp án được chấp nhận")
	add(before.Value != after.Value || before.Tolerance != after.Tolerance, "đáp án số")
	add(before.Partial != after.Partial, "điểm từng phần")
	add(before.TimeLimitSec != after.TimeLimitSec, "thời gian")
	add(before.Points != after.Points, "điểm")
	add(before.Explanation != after.Explanation, "giải thích")
	add(before.Source != after.Source, "nguồn")
	add(!slices.Equal(before.Tags, after.Tags), "chủ đề")
	add(before.Difficulty != after.Difficulty, "mức độ")
	add(before.Image != after.Image, "hình ảnh")
	return out
}
