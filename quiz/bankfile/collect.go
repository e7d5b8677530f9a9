package bankfile

import (
	"slices"
	"strings"

	"hoithi/quiz"
)

// maxProblems bounds the problems one file may have before reading it stops: a file with
// more is not the format it was read as, and the list would only bury the first ones.
const maxProblems = MaxQuestions

// enough reports whether reading may stop: the file holds more questions, or more
// problems, than it may (Read then refuses it).
func (r *Result) enough() bool {
	return r.Found > MaxQuestions || len(r.Problems) > maxProblems
}

// keep validates a question read at line and adds it to r, as an Item or, when it does not
// validate, as a Problem carrying the validation's Vietnamese message.
func keep(r *Result, line int, q quiz.Question) {
	r.Found++
	if err := q.Validate(); err != nil {
		r.Problems = append(r.Problems, Problem{Line: line, Message: quiz.ErrorMessage(err)})
		return
	}
	r.Items = append(r.Items, Item{Line: line, Question: q})
}

// reject adds a question found at line that cannot be read, saying why.
func reject(r *Result, line int, message string) {
	r.Found++
	r.Problems = append(r.Problems, Problem{Line: line, Message: message})
}

// categoryTags turns a Moodle category path ("$course$/top/Điều lệ Đảng/Chương II") into
// tags, one a component, leaving out Moodle's own "$course$" and "top"; "//" is a slash
// inside a name.
func categoryTags(p string) []string {
	const slash = "\x00"
	p = strings.ReplaceAll(strings.TrimSpace(p), "//", slash)
	var tags []string
	for i, part := range strings.Split(p, "/") {
		part = strings.TrimSpace(strings.ReplaceAll(part, slash, "/"))
		if part == "" || (strings.HasPrefix(part, "$") && strings.HasSuffix(part, "$")) || (i <= 1 && part == "top") {
			continue
		}
		tags = append(tags, part)
	}
	return tags
}

// categoryPath is the Moodle category path that categoryTags reads back as tags.
func categoryPath(tags []string) string {
	parts := []string{"$course$"}
	for _, t := range tags {
		parts = append(parts, strings.ReplaceAll(t, "/", "//"))
	}
	return strings.Join(parts, "/")
}

// maxTags bounds the tags one question takes from a file, which also bounds the work of
// keeping them distinct.
const maxTags = 20

// addTags appends tags not already in have, keeping their order, up to maxTags.
func addTags(have []string, tags ...string) []string {
	for _, t := range tags {
		if len(have) >= maxTags {
			break
		}
		if t = strings.Join(strings.Fields(t), " "); t != "" && !slices.Contains(have, t) {
			have = append(have, t)
		}
	}
	return have
}

// mediaProblem is the message for a question whose text needs a picture or file hoithi
// cannot import with it.
func mediaProblem(media []string) string {
	return "Câu hỏi có hình ảnh hoặc tệp đính kèm (" + strings.Join(media, ", ") + ") mà hoithi chưa nhập kèm được: bỏ qua. Hãy thêm câu này bằng tay và tải hình lên."
}

// unsupportedKind is the message for a question of a kind hoithi does not have.
func unsupportedKind(name string) string {
	return "Câu hỏi dạng " + name + " chưa được hỗ trợ: bỏ qua."
}

// In a Moodle short answer "*" stands for any characters and "\*" for an asterisk; hoithi's
// accepted answers are literal.
func literalStar(s string) string { return strings.ReplaceAll(s, "*", `\*`) }

// unstar reads an accepted answer as hoithi compares it: an escaped asterisk is one. An
// answer with a wildcard cannot be read.
func unstar(s string) (string, bool) {
	if strings.Contains(strings.ReplaceAll(s, `\*`, ""), "*") {
		return "", false
	}
	return strings.ReplaceAll(s, `\*`, "*"), true
}

// wildcardProblem is the message for an accepted answer using Moodle's wildcard.
func wildcardProblem(answer string) string {
	return "Đáp án được chấp nhận “" + answer + "” dùng dấu * (thay cho ký tự bất kỳ) của Moodle, hoithi không có: hãy ghi rõ từng đáp án."
}
