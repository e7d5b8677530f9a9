package quiz

import "slices"

// choiceKind is the rules of the choice questions: one right option (single, true/false) or
// several, all of which must be chosen (multi).
type choiceKind struct{ multi bool }

// Validate implements QuestionKind.
func (k choiceKind) Validate(q *Question) error {
	var err error
	q.Answers = nil
	if len(q.Options) < 2 {
		return Errorf(EINVALID, "Câu hỏi cần ít nhất 2 phương án trả lời.")
	} else if len(q.Options) > MaxOptions {
		return Errorf(EINVALID, "Câu hỏi có nhiều nhất %d phương án trả lời.", MaxOptions)
	}
	for i := range q.Options {
		if q.Options[i], err = CleanText(q.Options[i], TextRule{Field: "phương án " + OptionLabel(i), Max: MaxOptionLen, Required: true}); err != nil {
			return err
		}
	}
	if len(q.Correct) == 0 {
		return Errorf(EINVALID, "Vui lòng chọn đáp án đúng.")
	}
	for _, c := range q.Correct {
		if c < 0 || c >= len(q.Options) {
			return Errorf(EINVALID, "Đáp án đúng phải là một trong các phương án đã nhập.")
		}
	}
	if !k.multi && len(q.Correct) != 1 {
		return Errorf(EINVALID, "Câu hỏi một đáp án chỉ được có đúng một đáp án đúng.")
	}
	return nil
}

// Public implements QuestionKind.
func (choiceKind) Public(q *Question) PublicQuestion {
	return PublicQuestion{Type: q.Type, Prompt: q.Prompt, Options: slices.Clone(q.Options), Image: q.Image}
}

// ParseResponse implements QuestionKind: one option, or several distinct ones of a multi
// question.
func (k choiceKind) ParseResponse(q *Question, r Response) (Response, error) {
	if len(r.Choice) == 0 || len(r.Choice) > len(q.Options) || (!k.multi && len(r.Choice) != 1) {
		return Response{}, ErrBadResponse
	}
	choice := cloneSorted(r.Choice)
	for i, c := range choice {
		if c < 0 || c >= len(q.Options) || (i > 0 && choice[i-1] == c) {
			return Response{}, ErrBadResponse
		}
	}
	return Response{Choice: choice}, nil
}

// Grade implements QuestionKind: right only when the choice is exactly the key. A multi
// question with partial credit gives each right option chosen 1/len(key) and takes as much
// for each wrong one, never below 0.
func (k choiceKind) Grade(q *Question, r Response) float64 {
	if IsCorrect(q.Correct, r.Choice) {
		return 1
	}
	if !k.multi || !q.Partial || len(q.Correct) == 0 {
		return 0
	}
	net := 0
	for _, c := range r.Choice {
		if slices.Contains(q.Correct, c) {
			net++
		} else {
			net--
		}
	}
	return max(0, float64(net)/float64(len(q.Correct)))
}

// Tally implements QuestionKind.
func (choiceKind) Tally(q *Question, rs []Response) []int {
	dist := make([]int, len(q.Options))
	for _, r := range rs {
		for _, c := range r.Choice {
			if c >= 0 && c < len(dist) {
				dist[c]++
			}
		}
	}
	return dist
}
