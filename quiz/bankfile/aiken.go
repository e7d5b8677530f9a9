package bankfile

import (
	"bytes"
	"strings"

	"hoithi/quiz"
)

// Aiken is Moodle's simplest format: the question on a line, options "A. …" or "A) …", then
// "ANSWER: B". It holds single-choice questions only, and nothing else of them.

// aikenOption reads an option line "A. text", "B) text" (also "B)text", as Moodle accepts):
// its label and text.
func aikenOption(line string) (byte, string, bool) {
	if len(line) < 3 || line[0] < 'A' || line[0] > 'Z' || (line[1] != '.' && line[1] != ')') {
		return 0, "", false
	}
	if line[1] == '.' && line[2] != ' ' && line[2] != '\t' {
		return 0, "", false // "A.B. Smith": a sentence, not an option
	}
	return line[0], strings.TrimSpace(line[2:]), true
}

// aikenAnswer reads an answer line "ANSWER: B" (any case): what follows the colon.
func aikenAnswer(line string) (string, bool) {
	if len(line) < 7 || !strings.EqualFold(line[:7], "ANSWER:") {
		return "", false
	}
	return strings.TrimSpace(line[7:]), true
}

// aikenQuestion is a question being read.
type aikenQuestion struct {
	line    int
	prompt  []string
	labels  []byte
	options []string
}

func readAiken(data []byte) (*Result, error) {
	r := &Result{}
	var cur *aikenQuestion
	n, marks := 0, 0 // marks counts option and answer lines, without which it is not Aiken
	for raw := range bytes.Lines(data) {
		if r.enough() {
			return r, nil
		}
		n++
		line := strings.TrimSpace(string(raw))
		if line == "" {
			continue
		}
		if answer, ok := aikenAnswer(line); ok {
			marks++
			if cur == nil {
				r.Problems = append(r.Problems, Problem{Line: n, Message: "Dòng ANSWER: không thuộc câu hỏi nào (thiếu dòng câu hỏi và các phương án phía trên)."})
				continue
			}
			cur.finish(r, answer)
			cur = nil
			continue
		}
		if label, text, ok := aikenOption(line); ok {
			marks++
			if cur == nil {
				r.Problems = append(r.Problems, Problem{Line: n, Message: "Phương án nằm ngoài câu hỏi nào (thiếu dòng câu hỏi phía trên)."})
				continue
			}
			cur.labels = append(cur.labels, label)
			cur.options = append(cur.options, text)
			continue
		}
		if cur != nil && len(cur.options) > 0 {
			reject(r, cur.line, "Câu hỏi chưa có đáp án đúng (cần dòng ANSWER: … sau các phương án).")
			cur = nil
		}
		if cur == nil {
			cur = &aikenQuestion{line: n}
		}
		cur.prompt = append(cur.prompt, line)
	}
	if cur != nil {
		reject(r, cur.line, "Câu hỏi chưa có đáp án đúng (cần dòng ANSWER: … sau các phương án).")
	}
	if marks == 0 {
		return nil, quiz.Errorf(quiz.EINVALID, "Tệp không có câu hỏi Aiken nào (câu hỏi, các phương án A. B. C., rồi dòng ANSWER: …).")
	}
	return r, nil
}

// finish adds the question with its answer letter to r.
func (a *aikenQuestion) finish(r *Result, answer string) {
	q := quiz.Question{Type: quiz.SingleChoice, Prompt: strings.Join(a.prompt, "\n"), Options: a.options}
	letter := strings.ToUpper(strings.TrimRight(answer, ".)"))
	if len(letter) != 1 {
		reject(r, a.line, "Dòng ANSWER: cần đúng một chữ cái của phương án đúng (ví dụ ANSWER: B); Aiken chỉ có câu một đáp án.")
		return
	}
	i := bytes.IndexByte(a.labels, letter[0])
	if i < 0 {
		reject(r, a.line, "Đáp án "+letter+" không phải một trong các phương án của câu hỏi.")
		return
	}
	q.Correct = []int{i}
	keep(r, a.line, q)
}

func writeAiken(qs []quiz.Question) ([]byte, []Problem, error) {
	var b strings.Builder
	var problems []Problem
	for i, q := range qs {
		if q.Type != quiz.SingleChoice || len(q.Correct) != 1 || q.Correct[0] < 0 || q.Correct[0] >= len(q.Options) || len(q.Options) > 26 {
			problems = append(problems, Problem{Line: i + 1, Message: "Aiken chỉ ghi được câu hỏi một đáp án: bỏ qua câu này."})
			continue
		}
		prompt := strings.Join(strings.Fields(q.Prompt), " ")
		if _, _, ok := aikenOption(prompt); ok {
			problems = append(problems, Problem{Line: i + 1, Message: "Nội dung câu hỏi bắt đầu giống một phương án (“A. …”), Aiken không ghi được: bỏ qua câu này."})
			continue
		}
		if _, ok := aikenAnswer(prompt); ok {
			problems = append(problems, Problem{Line: i + 1, Message: "Nội dung câu hỏi bắt đầu bằng “ANSWER:”, Aiken không ghi được: bỏ qua câu này."})
			continue
		}
		b.WriteString(prompt + "\n")
		for j, o := range q.Options {
			b.WriteString(quiz.OptionLabel(j) + ". " + strings.Join(strings.Fields(o), " ") + "\n")
		}
		b.WriteString("ANSWER: " + quiz.OptionLabel(q.Correct[0]) + "\n\n")
	}
	return []byte(b.String()), problems, nil
}
