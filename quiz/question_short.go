package quiz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Limits of typed answers.
const (
	MaxAnswers    = 20  // accepted answers of one short-answer question
	MaxAnswerLen  = 200 // one accepted answer, or one typed response
	maxTypedBytes = 4 * MaxAnswerLen
)

// shortKind is the rules of short-answer questions: a typed answer is right when it equals
// one of the accepted answers after AnswerKey's normalisation.
type shortKind struct{}

// Validate implements QuestionKind.
func (shortKind) Validate(q *Question) error {
	q.Options, q.Correct = nil, nil
	if len(q.Answers) == 0 {
		return Errorf(EINVALID, "Vui lòng nhập ít nhất một đáp án được chấp nhận.")
	}
	if len(q.Answers) > MaxAnswers {
		return Errorf(EINVALID, "Câu hỏi có nhiều nhất %d đáp án được chấp nhận.", MaxAnswers)
	}
	var err error
	for i := range q.Answers {
		if q.Answers[i], err = CleanText(q.Answers[i], TextRule{Field: "đáp án được chấp nhận", Max: MaxAnswerLen, Required: true}); err != nil {
			return err
		}
		if AnswerKey(q.Answers[i], q.NoDiacritics) == "" {
			return Errorf(EINVALID, "Đáp án được chấp nhận “%s” không có chữ hay số nào.", q.Answers[i])
		}
	}
	return nil
}

// Public implements QuestionKind: the prompt only.
func (shortKind) Public(q *Question) PublicQuestion {
	return PublicQuestion{Type: q.Type, Prompt: q.Prompt, Image: q.Image}
}

// ParseResponse implements QuestionKind: any text of a sensible length.
func (shortKind) ParseResponse(q *Question, r Response) (Response, error) {
	return parseTyped(r)
}

// Grade implements QuestionKind.
func (shortKind) Grade(q *Question, r Response) float64 {
	got := AnswerKey(r.Text, q.NoDiacritics)
	if got == "" {
		return 0
	}
	for _, a := range q.Answers {
		if AnswerKey(a, q.NoDiacritics) == got {
			return 1
		}
	}
	return 0
}

// Tally implements QuestionKind: how many got it right (the reveal shows the accepted answer).
func (k shortKind) Tally(q *Question, rs []Response) []int { return tallyRight(k, q, rs) }

// AnswerKey is how a typed answer is compared with an accepted one: one Unicode form, lower
// case, punctuation and symbols taken as spaces, runs of spaces as one; without diacritics
// (and đ as d) when noDiacritics. "  Đại hội  Chi bộ!" and "đại hội chi bộ" compare equal;
// so do "dai hoi chi bo" and "Đại hội chi bộ" when the question accepts "không dấu".
func AnswerKey(s string, noDiacritics bool) string {
	s = strings.ToLower(norm.NFC.String(s))
	s = strings.Map(func(c rune) rune {
		if unicode.IsPunct(c) || unicode.IsSymbol(c) {
			return ' '
		}
		return c
	}, s)
	if noDiacritics {
		return Fold(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// parseTyped checks a typed response: some text, not too long, no hidden characters.
func parseTyped(r Response) (Response, error) {
	if len(r.Text) > maxTypedBytes || len(r.Choice) > 0 || len(r.Order) > 0 {
		return Response{}, ErrBadResponse
	}
	t, err := CleanText(r.Text, TextRule{Field: "câu trả lời", Max: MaxAnswerLen, Required: true})
	if err != nil {
		return Response{}, ErrBadResponse
	}
	return Response{Text: t}, nil
}

// tallyRight counts the right responses, for kinds whose reveal has no options to count.
func tallyRight(k QuestionKind, q *Question, rs []Response) []int {
	n := 0
	for _, r := range rs {
		if k.Grade(q, r) >= 1 {
			n++
		}
	}
	return []int{n}
}
