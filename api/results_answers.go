package api

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hoithi/quiz"
)

// maxTyped is how many different typed answers the results list for one question: the most
// frequent, enough for a trainer to see what the room thought.
const maxTyped = 10

// questionResultView is how the room answered one question of a contest, as the results page
// shows it: the key in words, how many answered and got it wholly right, and for typed
// answers what was typed most.
type questionResultView struct {
	ItemID   string            `json:"item_id"`
	Round    int               `json:"round"` // from 1
	Item     int               `json:"item"`  // place in its round, from 1
	Type     quiz.QuestionType `json:"type"`
	Prompt   string            `json:"prompt"`
	Key      string            `json:"key"`
	Answered int               `json:"answered"`
	Right    int               `json:"right"`
	Typed    []typedView       `json:"typed"`
}

// typedView is one answer typed, with how many typed it (ignoring case, spacing and
// punctuation) and whether it was accepted.
type typedView struct {
	Text    string `json:"text"`
	Count   int    `json:"count"`
	Correct bool   `json:"correct"`
}

// keyText is a question's key as a person reads it: the right options' letters, the accepted
// answers, the number and its tolerance, or the items in their order.
func keyText(q *quiz.Question) string {
	switch q.Type {
	case quiz.ShortAnswer:
		return strings.Join(q.Answers, " / ")
	case quiz.Numeric:
		if q.Tolerance > 0 {
			return vnNumber(q.Value) + " (± " + vnNumber(q.Tolerance) + ")"
		}
		return vnNumber(q.Value)
	case quiz.Ordering:
		return strings.Join(q.Options, " → ")
	}
	letters := make([]string, len(q.Correct))
	for i, c := range q.Correct {
		letters[i] = quiz.OptionLabel(c)
	}
	return strings.Join(letters, ", ")
}

// answerText is a stored answer as a person reads it, in the terms of keyText.
func answerText(q *quiz.Question, a *quiz.Answer) string {
	switch q.Type {
	case quiz.ShortAnswer, quiz.Numeric:
		return a.Text
	case quiz.Ordering:
		items := make([]string, 0, len(a.Order))
		for _, o := range a.Order {
			if o >= 0 && o < len(q.Options) {
				items = append(items, q.Options[o])
			}
		}
		return strings.Join(items, " → ")
	}
	letters := make([]string, len(a.Choice))
	for i, c := range a.Choice {
		letters[i] = quiz.OptionLabel(c)
	}
	return strings.Join(letters, ", ")
}

// gradeOf is a stored answer's grade by its question's rules (0 … 1).
func gradeOf(q *quiz.Question, a *quiz.Answer) float64 {
	if k, ok := quiz.KindOf(q.Type); ok {
		return k.Grade(q, quiz.Response{Choice: a.Choice, Text: a.Text, Order: a.Order})
	}
	return 0
}

// vnNumber writes a number as Vietnamese does: a decimal comma.
func vnNumber(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// viewQuestionResults sums up the answers of every question of a contest, in play order.
func viewQuestionResults(r *record) []questionResultView {
	byItem := map[string][]*quiz.Answer{}
	for i := range r.answers {
		a := &r.answers[i]
		byItem[a.ItemID] = append(byItem[a.ItemID], a)
	}
	out := []questionResultView{}
	for ri, rd := range r.contest.Rounds {
		for ii := range rd.Items {
			it := &rd.Items[ii]
			q := &it.Question
			v := questionResultView{ItemID: it.ID, Round: ri + 1, Item: ii + 1, Type: q.Type, Prompt: q.Prompt, Key: keyText(q), Typed: []typedView{}}
			typed := map[string]*typedView{}
			for _, a := range byItem[it.ID] {
				if _, ok := r.names[a.ParticipantID]; !ok {
					continue
				}
				v.Answered++
				if a.Correct {
					v.Right++
				}
				if q.Type != quiz.ShortAnswer && q.Type != quiz.Numeric {
					continue
				}
				k := quiz.AnswerKey(a.Text, false)
				if t := typed[k]; t != nil {
					t.Count++
				} else {
					typed[k] = &typedView{Text: a.Text, Count: 1, Correct: a.Correct}
				}
			}
			for _, t := range typed {
				v.Typed = append(v.Typed, *t)
			}
			slices.SortFunc(v.Typed, func(a, b typedView) int {
				return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Text, b.Text))
			})
			v.Typed = v.Typed[:min(len(v.Typed), maxTyped)]
			out = append(out, v)
		}
	}
	return out
}

// answerRows are every contestant's answer to every question, for the results file: one row
// each, in play order and then in rank order.
func answerRows(r *record) [][]any {
	byKey := map[[2]string]*quiz.Answer{}
	for i := range r.answers {
		a := &r.answers[i]
		byKey[[2]string{a.ItemID, a.ParticipantID}] = a
	}
	rows := [][]any{{"Vòng", "Câu", "Câu hỏi", "Đáp án", "Hạng", "Họ và tên", "Chi bộ / đơn vị", "Câu trả lời", "Kết quả", "Thời gian (giây)"}}
	for ri, rd := range r.contest.Rounds {
		for ii := range rd.Items {
			it := &rd.Items[ii]
			q := &it.Question
			for _, s := range r.standings {
				a := byKey[[2]string{it.ID, s.ParticipantID}]
				row := []any{ri + 1, ii + 1, q.Prompt, keyText(q), s.Rank, s.Name, s.Unit}
				if a == nil {
					rows = append(rows, append(row, "", "Không trả lời", ""))
					continue
				}
				verdict := "Sai"
				switch g := gradeOf(q, a); {
				case g >= 1:
					verdict = "Đúng"
				case g > 0:
					verdict = fmt.Sprintf("Đúng một phần (%d%%)", int(g*100+0.5))
				}
				rows = append(rows, append(row, answerText(q, a), verdict, float64(a.ElapsedMs)/1000))
			}
		}
	}
	for _, rd := range r.contest.Rounds {
		if rd.Settings.ShuffleOptions {
			return append(rows, []any{}, []any{shuffledLettersNote})
		}
	}
	return rows
}

// shuffledLettersNote ends the answers sheet of a contest with a round that shuffled the
// options on each phone: its letters are the bank's order, not what each contestant saw.
const shuffledLettersNote = "Ghi chú: ở vòng đảo thứ tự đáp án, các chữ cái A, B, C… là thứ tự phương án trong bộ câu hỏi; mỗi điện thoại đã hiện các phương án theo thứ tự riêng."
