package quiz

import "slices"

// Response is what a contestant sent for an item: the options chosen (choice questions), the
// text typed (short answer, numeric), the options in the order put (ordering), or a press of
// the button (buzzer rounds, where the answer itself is given aloud).
type Response struct {
	Choice []int  `json:"choice,omitempty"`
	Text   string `json:"text,omitempty"`
	Order  []int  `json:"order,omitempty"`
	Buzz   bool   `json:"buzz,omitempty"`
}

// QuestionKind is the rules of one question type: what makes a question of that type
// complete, what a phone may see of it, what counts as a response, and how right one is.
// Each kind is one file; Kinds registers them.
type QuestionKind interface {
	// Validate checks the type's own parts of a normalised question (options, answer key)
	// and reports the first problem in Vietnamese.
	Validate(q *Question) error
	// Public is the question as a phone may see it before the reveal: never the key.
	Public(q *Question) PublicQuestion
	// ParseResponse checks a response against the question and returns it normalised (a
	// choice in ascending order), or ErrBadResponse.
	ParseResponse(q *Question, r Response) (Response, error)
	// Grade says how right a parsed response is: 0 (wrong) to 1 (right).
	Grade(q *Question, r Response) float64
	// Tally counts the responses for the reveal: one count per option (choice and ordering
	// show their options), or one count of the right responses (typed answers).
	Tally(q *Question, rs []Response) []int
}

// PublicQuestion is the part of a question a phone may see while it is open.
type PublicQuestion struct {
	Type    QuestionType
	Prompt  string
	Options []string
	// Image is the id of the picture shown with the prompt, or "".
	Image string
}

// ErrBadResponse is a response that cannot be an answer to its question (an option that
// does not exist, two options of a single-choice question).
var ErrBadResponse = Errorf(EINVALID, "Lựa chọn không hợp lệ cho câu hỏi này.")

// questionKinds are the question types a bank can hold.
var questionKinds = map[QuestionType]QuestionKind{
	SingleChoice: choiceKind{},
	TrueFalse:    choiceKind{},
	MultiChoice:  choiceKind{multi: true},
	ShortAnswer:  shortKind{},
	Numeric:      numericKind{},
	Ordering:     orderingKind{},
}

// KindOf returns the rules of a question type.
func KindOf(t QuestionType) (QuestionKind, bool) {
	k, ok := questionKinds[t]
	return k, ok
}

// Grade parses and grades a response to q in one step: a response that is not a valid
// answer is ErrBadResponse.
func Grade(q *Question, r Response) (Response, float64, error) {
	k, ok := KindOf(q.Type)
	if !ok {
		return Response{}, 0, ErrBadResponse
	}
	r, err := k.ParseResponse(q, r)
	if err != nil {
		return Response{}, 0, err
	}
	return r, k.Grade(q, r), nil
}

func cloneSorted(s []int) []int { return slices.Sorted(slices.Values(s)) }
