package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The question kinds a run's contest is made of (-kinds).
const (
	kindsSingle = "single" // every question single-choice
	kindsMixed  = "mixed"  // single choice, short answer and ordering in turn
)

// questionKind is how generated question q is answered.
func (r *run) questionKind(q int) string {
	if r.cfg.Kinds != kindsMixed {
		return "single"
	}
	return [...]string{"single", "short", "ordering"}[q%3]
}

// orderingItems are a generated ordering question's items, in their right order.
var orderingItems = []string{"Bước một", "Bước hai", "Bước ba", "Bước bốn"}

// questionBody is generated question q as the bank API takes it. A short-answer question
// accepts the text of its key option, typed without diacritics too.
func questionBody(kind string, q int, limit time.Duration) map[string]any {
	body := map[string]any{"type": kind, "time_limit_sec": int(limit / time.Second), "points": questionPoints}
	switch kind {
	case "short":
		body["prompt"] = fmt.Sprintf("Câu hỏi thử tải số %d: gõ tên phương án đúng.", q+1)
		body["answers"], body["no_diacritics"] = []string{options[correctOption(q)]}, true
	case "ordering":
		body["prompt"] = fmt.Sprintf("Câu hỏi thử tải số %d: xếp các bước theo thứ tự.", q+1)
		body["options"] = orderingItems
	default:
		body["prompt"] = fmt.Sprintf("Câu hỏi thử tải số %d: phương án nào đúng?", q+1)
		body["options"], body["correct"] = options, []int{correctOption(q)}
	}
	return body
}

// response is what a phone sends for its planned option choice of a question of that kind,
// shown with the options shown (an ordering question's, shuffled): the option itself; its
// text, right ones typed as people do (lower case, no diacritics); or the order
// of the shown items, right or with the first two swapped.
type response struct {
	choice []int
	text   string
	order  []int
}

func responseFor(kind string, choice, correct int, shown []string) (response, error) {
	switch kind {
	case "short":
		if choice == correct {
			return response{choice: []int{}, text: strings.ToLower(strings.NewReplacer("ư", "u", "ơ", "o", "á", "a").Replace(options[choice]))}, nil
		}
		return response{choice: []int{}, text: options[choice]}, nil
	case "ordering":
		order := make([]int, len(orderingItems))
		for k, it := range orderingItems {
			at := slices.Index(shown, it)
			if at < 0 {
				return response{}, fmt.Errorf("the ordering item %q is not among the shown %q", it, shown)
			}
			order[k] = at
		}
		if choice != correct {
			order[0], order[1] = order[1], order[0]
		}
		return response{choice: []int{}, order: order}, nil
	}
	return response{choice: []int{choice}}, nil
}

// distribution is what a reveal's distribution must be for the acked option choices of a
// question of that kind: per option, or for typed and ordered answers one count of the right
// ones.
func distribution(kind string, acked []int, correct int) []int {
	if kind == "single" {
		dist := make([]int, len(options))
		for _, c := range acked {
			dist[c]++
		}
		return dist
	}
	right := 0
	for _, c := range acked {
		if c == correct {
			right++
		}
	}
	return []int{right}
}

// is reports whether a frame's choice, text and order are this response.
func (r response) is(choice []int, text string, order []int) bool {
	return slices.Equal(choice, r.choice) && text == r.text && slices.Equal(order, r.order)
}
