package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
)

// orderingKind is the rules of ordering questions: the options are stored in their right
// order; a phone sees them shuffled (the same way for everyone, so the projector can show the
// same list) and sends the displayed positions in the order it puts them.
type orderingKind struct{}

// Validate implements QuestionKind.
func (orderingKind) Validate(q *Question) error {
	q.Correct, q.Answers = nil, nil
	if len(q.Options) < 2 {
		return Errorf(EINVALID, "Câu hỏi sắp xếp cần ít nhất 2 mục.")
	} else if len(q.Options) > MaxOptions {
		return Errorf(EINVALID, "Câu hỏi sắp xếp có nhiều nhất %d mục.", MaxOptions)
	}
	var err error
	for i := range q.Options {
		if q.Options[i], err = CleanText(q.Options[i], TextRule{Field: "mục " + OptionLabel(i), Max: MaxOptionLen, Required: true}); err != nil {
			return err
		}
	}
	for i := range q.Options {
		for j := range i {
			if NameKey(q.Options[i]) == NameKey(q.Options[j]) {
				return Errorf(EINVALID, "Hai mục %s và %s giống nhau: không thể biết thứ tự đúng.", OptionLabel(j), OptionLabel(i))
			}
		}
	}
	return nil
}

// Public implements QuestionKind: the options in their shown order.
func (orderingKind) Public(q *Question) PublicQuestion {
	shown := ShownOrder(q)
	opts := make([]string, len(shown))
	for i, o := range shown {
		opts[i] = q.Options[o]
	}
	return PublicQuestion{Type: q.Type, Prompt: q.Prompt, Options: opts, Image: q.Image}
}

// ParseResponse implements QuestionKind: every shown position once. The response is kept as
// the right-order indexes the contestant put first, second…
func (orderingKind) ParseResponse(q *Question, r Response) (Response, error) {
	n := len(q.Options)
	if len(r.Order) != n || len(r.Choice) > 0 || r.Text != "" {
		return Response{}, ErrBadResponse
	}
	seen := make([]bool, n)
	for _, p := range r.Order {
		if p < 0 || p >= n || seen[p] {
			return Response{}, ErrBadResponse
		}
		seen[p] = true
	}
	shown := ShownOrder(q)
	order := make([]int, n)
	for i, p := range r.Order {
		order[i] = shown[p]
	}
	return Response{Order: order}, nil
}

// Grade implements QuestionKind: right when every item is in its place; with partial credit,
// the share of items in their place.
func (orderingKind) Grade(q *Question, r Response) float64 {
	if len(r.Order) != len(q.Options) {
		return 0
	}
	placed := 0
	for i, o := range r.Order {
		if o == i {
			placed++
		}
	}
	if placed == len(r.Order) {
		return 1
	}
	if q.Partial {
		return float64(placed) / float64(len(r.Order))
	}
	return 0
}

// Tally implements QuestionKind: how many put everything in order.
func (k orderingKind) Tally(q *Question, rs []Response) []int { return tallyRight(k, q, rs) }

// ShownOrder is the order a phone shows an ordering question's options in: shown[i] is the
// right-order index of the option shown i-th. It depends only on the question, so every
// phone, the projector and a reload show the same list; it is never the right order.
func ShownOrder(q *Question) []int {
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	h.Write([]byte(q.Prompt))
	for _, o := range q.Options {
		h.Write([]byte(o))
	}
	n := len(q.Options)
	shown := rand.New(rand.NewPCG(h.Sum64(), 0x686f69746869)).Perm(n)
	if n > 1 && slices.IsSorted(shown) {
		shown = append(shown[1:], shown[0])
	}
	return shown
}

// ShownPositions turns a parsed ordering response (right-order indexes) back into what the
// phone sent: the shown positions in the order the contestant put them. It is how a phone
// that reloads finds its list as it left it.
func ShownPositions(q *Question, order []int) []int {
	shown := ShownOrder(q)
	at := make([]int, len(shown))
	for p, o := range shown {
		at[o] = p
	}
	out := make([]int, 0, len(order))
	for _, o := range order {
		if o >= 0 && o < len(at) {
			out = append(out, at[o])
		}
	}
	return out
}
