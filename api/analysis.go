package api

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

// analysisView is the item analysis of a contest, as the results page shows it.
type analysisView struct {
	Contestants int                `json:"contestants"`
	GroupSize   int                `json:"group_size"`
	Reliable    bool               `json:"reliable"`
	Items       []itemAnalysisView `json:"items"`
}

// itemAnalysisView is the analysis of one question of the contest, with the bank question it
// was copied from.
type itemAnalysisView struct {
	ItemID         string               `json:"item_id"`
	Round          int                  `json:"round"`
	Item           int                  `json:"item"`
	Type           quiz.QuestionType    `json:"type"`
	Prompt         string               `json:"prompt"`
	Key            string               `json:"key"`
	Excluded       quiz.Exclusion       `json:"excluded"`
	Eligible       int                  `json:"eligible"`
	Answered       int                  `json:"answered"`
	Right          int                  `json:"right"`
	Difficulty     *float64             `json:"difficulty"`
	Discrimination *float64             `json:"discrimination"`
	Upper          analysisGroupView    `json:"upper"`
	Lower          analysisGroupView    `json:"lower"`
	Options        []analysisOptionView `json:"options"`
	WrongAnswers   []wrongAnswerView    `json:"wrong_answers"`
	Flags          []quiz.AnalysisFlag  `json:"flags"`
	Source         analysisSourceView   `json:"source"`
}

// analysisGroupView is how the upper or lower group did on a question.
type analysisGroupView struct {
	Eligible int `json:"eligible"`
	Right    int `json:"right"`
}

// analysisOptionView is one option of a choice question with how often it was chosen.
type analysisOptionView struct {
	Text       string `json:"text"`
	Correct    bool   `json:"correct"`
	Count      int    `json:"count"`
	Upper      int    `json:"upper"`
	Lower      int    `json:"lower"`
	Unused     bool   `json:"unused"`
	DrawsUpper bool   `json:"draws_upper"`
}

// wrongAnswerView is one wrong answer typed or put in order, with how many gave it.
type wrongAnswerView struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Why the caller cannot fix a question in its bank from the analysis.
const (
	sourceDeleted  = "deleted"   // the bank question is gone
	sourceReadOnly = "read_only" // the caller may read its bank, not edit it
	sourceHidden   = "hidden"    // the caller may not read its bank
)

// analysisSourceView is the bank question an item was copied from, and whether the caller may
// open it to fix it.
type analysisSourceView struct {
	QuestionID string `json:"question_id"`
	BankID     string `json:"bank_id"`
	CanEdit    bool   `json:"can_edit"`
	Reason     string `json:"reason"`
}

// analysis computes a record's item analysis; its answers must be loaded.
func (r *record) analysis() quiz.Analysis {
	return quiz.Analyse(r.contest, r.participants, r.standings, r.ledger, r.answers)
}

func (s *Server) analysis(c *fiber.Ctx) error {
	r, err := s.record(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	if r.answers, err = s.contests.ListAnswers(ctx, r.contest.ID); err != nil {
		return err
	}
	sources, err := s.questionSources(ctx, currentUser(c), r.contest)
	if err != nil {
		return err
	}
	return c.JSON(viewAnalysis(r, r.analysis(), sources))
}

// questionSources finds, for each item of a contest, the bank its question came from and
// whether u may edit it: one query for the questions, one per bank.
func (s *Server) questionSources(ctx context.Context, u *quiz.User, ct *quiz.Contest) (map[string]analysisSourceView, error) {
	var ids []string
	for _, it := range ct.Items() {
		if it.QuestionID != "" {
			ids = append(ids, it.QuestionID)
		}
	}
	bankOf, err := s.banks.QuestionBanks(ctx, ids)
	if err != nil {
		return nil, err
	}
	banks := map[string]*quiz.Bank{}
	out := map[string]analysisSourceView{}
	for _, it := range ct.Items() {
		src := analysisSourceView{QuestionID: it.QuestionID, Reason: sourceDeleted}
		if bankID, ok := bankOf[it.QuestionID]; ok {
			b, seen := banks[bankID]
			if !seen {
				if b, err = s.banks.FindBank(ctx, bankID); quiz.ErrorCode(err) == quiz.ENOTFOUND {
					b = nil
				} else if err != nil {
					return nil, err
				}
				banks[bankID] = b
			}
			switch {
			case b == nil:
			case quiz.CanEditBank(u, b):
				src.BankID, src.CanEdit, src.Reason = bankID, true, ""
			case quiz.CanReadBank(u, b):
				src.BankID, src.Reason = bankID, sourceReadOnly
			default:
				src.Reason = sourceHidden
			}
		}
		out[it.ID] = src
	}
	return out, nil
}

func viewAnalysis(r *record, a quiz.Analysis, sources map[string]analysisSourceView) analysisView {
	items := map[string]*quiz.Item{}
	for _, rd := range r.contest.Rounds {
		for i := range rd.Items {
			items[rd.Items[i].ID] = &rd.Items[i]
		}
	}
	out := analysisView{Contestants: a.Contestants, GroupSize: a.GroupSize, Reliable: a.Reliable, Items: make([]itemAnalysisView, len(a.Items))}
	for i, ia := range a.Items {
		q := &items[ia.ItemID].Question
		v := itemAnalysisView{ItemID: ia.ItemID, Round: ia.Round, Item: ia.Item, Type: ia.Type, Prompt: ia.Prompt, Key: keyText(q),
			Excluded: ia.Excluded, Eligible: ia.Eligible, Answered: ia.Answered, Right: ia.Right,
			Difficulty: ia.Difficulty, Discrimination: ia.Discrimination,
			Upper: analysisGroupView(ia.Upper), Lower: analysisGroupView(ia.Lower),
			Options: []analysisOptionView{}, WrongAnswers: []wrongAnswerView{}, Flags: ia.Flags, Source: sources[ia.ItemID]}
		if v.Flags == nil {
			v.Flags = []quiz.AnalysisFlag{}
		}
		if isChoice(q.Type) {
			for o, text := range q.Options {
				ov := analysisOptionView{Text: text}
				if o < len(ia.Options) {
					x := ia.Options[o]
					ov = analysisOptionView{Text: text, Correct: x.Correct, Count: x.Count, Upper: x.Upper, Lower: x.Lower, Unused: x.Unused, DrawsUpper: x.DrawsUpper}
				} else {
					ov.Correct = slices.Contains(q.Correct, o)
				}
				v.Options = append(v.Options, ov)
			}
		}
		for _, w := range ia.WrongAnswers {
			v.WrongAnswers = append(v.WrongAnswers, wrongAnswerView(w))
		}
		out.Items[i] = v
	}
	return out
}

func isChoice(t quiz.QuestionType) bool {
	return t == quiz.SingleChoice || t == quiz.MultiChoice || t == quiz.TrueFalse
}

// flagLabels are the analysis flags in words a trainer reads, for the results file.
var flagLabels = map[quiz.AnalysisFlag]string{
	quiz.FlagTooHard:                "Quá khó: dưới 20% trả lời đúng",
	quiz.FlagTooEasy:                "Quá dễ: trên 90% trả lời đúng",
	quiz.FlagWeakDiscrimination:     "Phân biệt kém: nhóm điểm cao và nhóm điểm thấp trả lời đúng gần như nhau",
	quiz.FlagNegativeDiscrimination: "Phân biệt âm: nhóm điểm thấp đúng nhiều hơn nhóm điểm cao — kiểm tra lại đáp án",
	quiz.FlagUnusedOption:           "Có phương án sai không ai chọn",
	quiz.FlagDistractorDrawsUpper:   "Có phương án sai thu hút nhóm điểm cao",
}

// exclusionLabels say in words why a question has no figures.
var exclusionLabels = map[quiz.Exclusion]string{
	quiz.ExcludedBuzzer:    "Vòng giành quyền trả lời: thí sinh trả lời miệng, không phân tích",
	quiz.ExcludedNotPlayed: "Câu hỏi chưa được phát",
}

// analysisRows are the item analysis as the results file's sheet: a heading that says how
// the groups were made, then one row per question with its share right, discrimination, how
// many chose each option (or the commonest wrong answers) and its flags in words.
func analysisRows(r *record) [][]any {
	a := r.analysis()
	options := 0
	for _, it := range r.contest.Items() {
		if isChoice(it.Question.Type) {
			options = max(options, len(it.Question.Options))
		}
	}
	note := fmt.Sprintf("Nhóm điểm cao và nhóm điểm thấp: mỗi nhóm %d thí sinh (27%% của %d thí sinh theo tổng điểm).", a.GroupSize, a.Contestants)
	if !a.Reliable {
		note = fmt.Sprintf("Chỉ có %d thí sinh (cần ít nhất %d): độ phân biệt không có ý nghĩa nên không tính.", a.Contestants, quiz.MinReliable)
	}
	head := []any{"Vòng", "Câu", "Câu hỏi", "Đáp án", "Số thí sinh được tính", "Tỉ lệ đúng (p)", "Độ phân biệt (D)"}
	for o := range options {
		head = append(head, "Chọn "+quiz.OptionLabel(o))
	}
	head = append(head, "Câu trả lời sai thường gặp", "Nhận xét")
	rows := [][]any{{note}, {}, head}
	byID := map[string]*quiz.Item{}
	for _, rd := range r.contest.Rounds {
		for i := range rd.Items {
			byID[rd.Items[i].ID] = &rd.Items[i]
		}
	}
	for _, ia := range a.Items {
		q := &byID[ia.ItemID].Question
		row := []any{ia.Round, ia.Item, ia.Prompt, keyText(q), ia.Eligible, figure(ia.Difficulty), figure(ia.Discrimination)}
		for o := range options {
			if o < len(ia.Options) {
				row = append(row, ia.Options[o].Count)
			} else {
				row = append(row, "")
			}
		}
		wrong := make([]string, len(ia.WrongAnswers))
		for i, w := range ia.WrongAnswers {
			wrong[i] = fmt.Sprintf("%s (%d)", w.Text, w.Count)
		}
		var notes []string
		if ia.Excluded != "" {
			notes = append(notes, exclusionLabels[ia.Excluded])
		}
		for _, f := range ia.Flags {
			label := flagLabels[f]
			var which []string
			for o, oc := range ia.Options {
				if (f == quiz.FlagUnusedOption && oc.Unused) || (f == quiz.FlagDistractorDrawsUpper && oc.DrawsUpper) {
					which = append(which, quiz.OptionLabel(o))
				}
			}
			if len(which) > 0 {
				label += ": " + strings.Join(which, ", ")
			}
			notes = append(notes, label)
		}
		rows = append(rows, append(row, strings.Join(wrong, "; "), strings.Join(notes, ". ")))
	}
	return rows
}

// figure is a share or a difference rounded to two decimals, or an empty cell when there is
// none.
func figure(v *float64) any {
	if v == nil {
		return ""
	}
	return math.Round(*v*100) / 100
}
