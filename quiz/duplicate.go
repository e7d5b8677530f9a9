package quiz

import (
	"context"
	"slices"
)

// PromptKey is how two prompts are compared to find duplicates: the same words once case,
// spacing, punctuation and diacritics are set aside, so "dang vien la gi" repeats "Đảng viên
// là gì?". An import and a bank use this one rule.
func PromptKey(prompt string) string { return AnswerKey(prompt, true) }

// KeptPair is two questions of a bank the trainer said are not duplicates of each other
// ("Giữ cả hai") while both prompts had Key. A pair rather than a mark on each question, so a
// third question written later with the same prompt is still shown against both. The pair
// counts only while both prompts still have Key: a question edited to other words is checked
// afresh against whatever it now repeats. A is the smaller id.
type KeptPair struct {
	A, B string
	Key  string
}

// NewKeptPair orders the two ids of a pair.
func NewKeptPair(a, b, key string) KeptPair {
	if b < a {
		a, b = b, a
	}
	return KeptPair{A: a, B: b, Key: key}
}

// DuplicateGroup is two or more questions of one bank with the same PromptKey, by position.
type DuplicateGroup struct {
	Key       string
	Questions []Question
}

// DuplicateGroups finds a bank's duplicates: the questions (given by position) whose prompts
// share a key, grouped, in the order of each group's first question. A group all of whose
// pairs were kept is left out; one with a pair not kept (a question added or edited since) is
// shown whole, so the trainer sees it beside those already kept.
func DuplicateGroups(qs []Question, kept []KeptPair) []DuplicateGroup {
	keptSet := make(map[KeptPair]bool, len(kept))
	for _, p := range kept {
		keptSet[NewKeptPair(p.A, p.B, p.Key)] = true
	}
	var out []DuplicateGroup
	index := map[string]int{}
	for _, q := range qs {
		key := PromptKey(q.Prompt)
		if i, ok := index[key]; ok {
			out[i].Questions = append(out[i].Questions, q)
			continue
		}
		index[key] = len(out)
		out = append(out, DuplicateGroup{Key: key, Questions: []Question{q}})
	}
	return slices.DeleteFunc(out, func(g DuplicateGroup) bool {
		return len(g.Questions) < 2 || allKept(g, keptSet)
	})
}

func allKept(g DuplicateGroup, kept map[KeptPair]bool) bool {
	for i, a := range g.Questions {
		for _, b := range g.Questions[i+1:] {
			if !kept[NewKeptPair(a.ID, b.ID, g.Key)] {
				return false
			}
		}
	}
	return true
}

// MaxMerge is the most questions one merge or one "keep" names, a bound on one request.
const MaxMerge = 100

// Errors of a merge or a keep that does not name duplicates.
var (
	errNotDuplicates = Errorf(EINVALID, "Các câu hỏi này không trùng nhau (nội dung khác nhau), nên không gộp hay giữ chung được. Hãy tải lại trang.")
	errMergeNothing  = Errorf(EINVALID, "Hãy chọn câu giữ lại và ít nhất một câu trùng để gộp vào.")
	errKeepTooFew    = Errorf(EINVALID, "Hãy chọn ít nhất hai câu hỏi trùng nhau để giữ cả.")
	errTooMany       = Errorf(EINVALID, "Mỗi lần gộp hay giữ được tối đa %d câu hỏi.", MaxMerge)
	errRepeatedID    = Errorf(EINVALID, "Một câu hỏi được chọn hai lần.")
)

// MergedPart is how a merge is named among a revision's changed parts, so the kept question's
// history says it absorbed its duplicates.
const MergedPart = "gộp câu trùng"

// CheckMergeIDs checks a merge's request before anything is read: one question to keep,
// at least one other to fold into it, none named twice, at most MaxMerge in all.
func CheckMergeIDs(keep string, remove []string) error {
	if keep == "" || len(remove) == 0 {
		return errMergeNothing
	}
	return checkIDs(append([]string{keep}, remove...))
}

// CheckKeepIDs checks a keep's request before anything is read: two or more questions, none
// named twice, at most MaxMerge.
func CheckKeepIDs(ids []string) error {
	if len(ids) < 2 {
		return errKeepTooFew
	}
	return checkIDs(ids)
}

func checkIDs(ids []string) error {
	if len(ids) > MaxMerge {
		return errTooMany
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return errRepeatedID
		}
		seen[id] = true
	}
	return nil
}

// CheckKeep checks that qs, the questions a trainer said to keep, are two or more different
// questions of bankID with one prompt key, and returns the pairs to remember.
func CheckKeep(bankID string, qs []Question) ([]KeptPair, error) {
	if len(qs) < 2 {
		return nil, errKeepTooFew
	}
	key, err := sameKey(bankID, qs)
	if err != nil {
		return nil, err
	}
	var pairs []KeptPair
	for i, a := range qs {
		for _, b := range qs[i+1:] {
			pairs = append(pairs, NewKeptPair(a.ID, b.ID, key))
		}
	}
	return pairs, nil
}

// Merge folds duplicates into the question a trainer chose to keep and returns the kept
// question as it is to be saved. It keeps everything of keep — type, prompt, options, answer
// key, time, points, level — and takes from remove, in the order given: every tag keep lacks
// (the union, keep's first, each tag in the first spelling met), and, only when keep has
// none, the first explanation and the first source found. The questions of remove are then
// to be deleted; a contest already made keeps its own copies of them. All must be different
// questions of bankID with one prompt key.
func Merge(bankID string, keep Question, remove []Question) (Question, error) {
	if len(remove) == 0 {
		return Question{}, errMergeNothing
	}
	if _, err := sameKey(bankID, append([]Question{keep}, remove...)); err != nil {
		return Question{}, err
	}
	out := keep
	out.Tags = slices.Clone(keep.Tags)
	for _, r := range remove {
		out.Tags = append(out.Tags, r.Tags...)
		if out.Explanation == "" {
			out.Explanation = r.Explanation
		}
		if out.Source == "" {
			out.Source = r.Source
		}
	}
	tags, err := cleanTags(out.Tags)
	if err != nil {
		return Question{}, err
	}
	out.Tags = tags
	return out, nil
}

// sameKey checks that qs are different questions of bankID sharing one prompt key, and
// returns it.
func sameKey(bankID string, qs []Question) (string, error) {
	if len(qs) > MaxMerge {
		return "", errTooMany
	}
	seen := make(map[string]bool, len(qs))
	key := PromptKey(qs[0].Prompt)
	for _, q := range qs {
		switch {
		case q.BankID != bankID:
			return "", Errorf(ENOTFOUND, "Không tìm thấy câu hỏi trong bộ câu hỏi này.")
		case seen[q.ID]:
			return "", errRepeatedID
		case PromptKey(q.Prompt) != key:
			return "", errNotDuplicates
		}
		seen[q.ID] = true
	}
	return key, nil
}

// DuplicateService finds and resolves the duplicates of a bank.
type DuplicateService interface {
	// ListKeptPairs returns the pairs of bankID's questions said not to be duplicates.
	ListKeptPairs(ctx context.Context, bankID string) ([]KeptPair, error)
	// KeepDuplicates remembers that the questions ids of bankID, duplicates of each other,
	// are all to be kept (CheckKeep). An id not of that bank is ENOTFOUND.
	KeepDuplicates(ctx context.Context, bankID string, ids []string) error
	// MergeDuplicates merges the questions removeIDs of bankID into keepID (Merge) in one
	// transaction: keepID is saved as its next version, by user by, with a revision naming
	// MergedPart among what changed, and the others are deleted. It returns the kept question.
	MergeDuplicates(ctx context.Context, bankID, keepID string, removeIDs []string, by *User) (*Question, error)
}
