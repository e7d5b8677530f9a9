package quiz

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// QuestionType says how a question is answered.
type QuestionType string

// Question types a bank can hold.
const (
	SingleChoice QuestionType = "single"    // exactly one option is right
	MultiChoice  QuestionType = "multi"     // one or more options are right; all must be chosen (or some, with partial credit)
	TrueFalse    QuestionType = "truefalse" // options are "Đúng" and "Sai"
	ShortAnswer  QuestionType = "short"     // a typed answer compared with the accepted answers
	Numeric      QuestionType = "numeric"   // a typed number within a tolerance of the value
	Ordering     QuestionType = "ordering"  // the options put in their right order
)

// Difficulty levels of the Vietnamese testing convention; 0 is "not set".
const (
	Recall     = 1 // nhận biết
	Understand = 2 // thông hiểu
	Apply      = 3 // vận dụng
	ApplyHigh  = 4 // vận dụng cao
	// MaxDifficulty is the highest level.
	MaxDifficulty = ApplyHigh
)

// DifficultyNames are the levels' names, by level (index 0 is "not set").
var DifficultyNames = []string{"", "nhận biết", "thông hiểu", "vận dụng", "vận dụng cao"}

// Limits on what a question may hold, so one bad import cannot fill the database or a phone screen.
const (
	MaxOptions      = 8
	MinTimeLimitSec = 5
	MaxTimeLimitSec = 600
	MaxPoints       = 10000
)

// TrueFalseOptions are the fixed options of a true/false question, in this order.
var TrueFalseOptions = []string{"Đúng", "Sai"}

// Bank is a named, reusable collection of questions owned by a trainer or organiser.
type Bank struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	OwnerID       string    `json:"owner_id"`
	OwnerName     string    `json:"owner_name"`  // the owner's display name, as stored now
	SharedWith    []string  `json:"shared_with"` // ids of users who may read it
	SharedAll     bool      `json:"shared_all"`  // every organiser and trainer may read it
	QuestionCount int       `json:"question_count"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Validate reports what is wrong with a bank, in words a trainer understands.
func (b *Bank) Validate() error {
	var err error
	if b.Title, err = CleanText(b.Title, TextRule{Field: "tên bộ câu hỏi", Max: MaxTitleLen, Required: true}); err != nil {
		return err
	}
	b.Description, err = CleanText(b.Description, TextRule{Field: "phần mô tả", Max: MaxDescriptionLen, Multiline: true})
	return err
}

// Question is one question of a bank. What its key is depends on its type: Correct holds the
// indexes of the right options (choice types); Answers the accepted answers (short answer);
// Value and Tolerance the number (numeric); an ordering question's Options are in their right
// order (phones see them shuffled).
type Question struct {
	ID       string       `json:"id"`
	BankID   string       `json:"bank_id"`
	Position int          `json:"position"`
	Type     QuestionType `json:"type"`
	Prompt   string       `json:"prompt"`
	Options  []string     `json:"options"`
	Correct  []int        `json:"correct"`
	// Partial gives a multiple-choice answer part of the points for the right options it
	// chose, less for the wrong ones (never below zero).
	Partial bool `json:"partial,omitempty"`
	// Answers are the accepted answers of a short-answer question.
	Answers []string `json:"answers,omitempty"`
	// NoDiacritics accepts a short answer typed without Vietnamese diacritics ("không dấu").
	NoDiacritics bool `json:"no_diacritics,omitempty"`
	// Value and Tolerance are a numeric question's key: right when |answer − Value| ≤ Tolerance.
	Value        float64 `json:"value,omitempty"`
	Tolerance    float64 `json:"tolerance,omitempty"`
	TimeLimitSec int     `json:"time_limit_sec"`
	Points       int     `json:"points"`
	Explanation  string  `json:"explanation"`
	// Source is the document the question comes from, such as "Điều lệ Đảng".
	Source string `json:"source"`
	// Tags are topics ("Điều lệ Đảng", "Quy định 24-QĐ/TW") a trainer filters and draws by.
	Tags []string `json:"tags"`
	// Difficulty is 0 (not set) or one of Recall … ApplyHigh.
	Difficulty int `json:"difficulty"`
	// Image is the id of an uploaded image shown with the prompt, or "". Validate checks its
	// form; the store, that the picture is stored.
	Image string `json:"image,omitempty"`
	// Version counts the question's saved forms: 1 when written, one more for each edit that
	// changed it. A contest's copy keeps the version it was copied from.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims text, fills defaults and puts the answer key in order.
func (q *Question) Normalize() {
	q.Prompt = strings.TrimSpace(q.Prompt)
	q.Explanation = strings.TrimSpace(q.Explanation)
	q.Source = strings.TrimSpace(q.Source)
	if q.Type == TrueFalse {
		q.Options = slices.Clone(TrueFalseOptions)
	}
	for i := range q.Options {
		q.Options[i] = strings.TrimSpace(q.Options[i])
	}
	if q.TimeLimitSec == 0 {
		q.TimeLimitSec = 20
	}
	if q.Points == 0 {
		q.Points = 100
	}
	q.Correct = slices.Compact(slices.Sorted(slices.Values(q.Correct)))
}

// Validate normalises q and reports the first problem, in Vietnamese.
func (q *Question) Validate() error {
	q.Normalize()
	kind, ok := KindOf(q.Type)
	if !ok {
		return Errorf(EINVALID, "Loại câu hỏi không hợp lệ: hãy chọn một đáp án, nhiều đáp án, đúng/sai, trả lời ngắn, điền số hoặc sắp xếp.")
	}
	var err error
	if q.Prompt, err = CleanText(q.Prompt, TextRule{Field: "nội dung câu hỏi", Max: MaxPromptLen, Required: true, Multiline: true}); err != nil {
		return err
	}
	if err := kind.Validate(q); err != nil {
		return err
	}
	q.clearUnused()
	if q.TimeLimitSec < MinTimeLimitSec || q.TimeLimitSec > MaxTimeLimitSec {
		return Errorf(EINVALID, "Thời gian trả lời phải từ %d đến %d giây.", MinTimeLimitSec, MaxTimeLimitSec)
	}
	if q.Points < 1 || q.Points > MaxPoints {
		return Errorf(EINVALID, "Điểm của câu hỏi phải từ 1 đến %d.", MaxPoints)
	}
	if q.Difficulty < 0 || q.Difficulty > MaxDifficulty {
		return Errorf(EINVALID, "Mức độ phải là 1 (nhận biết), 2 (thông hiểu), 3 (vận dụng), 4 (vận dụng cao), hoặc 0 nếu chưa xếp.")
	}
	if q.Explanation, err = CleanText(q.Explanation, TextRule{Field: "phần giải thích", Max: MaxExplanationLen, Multiline: true}); err != nil {
		return err
	}
	if q.Source, err = CleanText(q.Source, TextRule{Field: "nguồn", Max: MaxSourceLen}); err != nil {
		return err
	}
	if q.Image != "" && !IsImageID(q.Image) {
		return Errorf(EINVALID, "Ảnh của câu hỏi không hợp lệ: hãy bỏ ảnh rồi thêm lại.")
	}
	q.Tags, err = cleanTags(q.Tags)
	return err
}

// MaxTags is the most tags one question has.
const MaxTags = 20

// cleanTags checks each tag as a single-line text and drops the empty ones and the repeats
// (the same words in another case or spacing), keeping the first spelling.
func cleanTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t, err := CleanText(t, TextRule{Field: "chủ đề", Max: MaxTagLen})
		if err != nil {
			return nil, err
		}
		if t == "" || seen[NameKey(t)] {
			continue
		}
		seen[NameKey(t)] = true
		out = append(out, t)
	}
	if len(out) > MaxTags {
		return nil, Errorf(EINVALID, "Một câu hỏi có nhiều nhất %d chủ đề.", MaxTags)
	}
	return out, nil
}

// clearUnused empties the parts of the key that q's type does not use, so a question whose
// type was changed keeps no stale key.
func (q *Question) clearUnused() {
	if q.Type != ShortAnswer {
		q.Answers, q.NoDiacritics = nil, false
	}
	if q.Type != Numeric {
		q.Value, q.Tolerance = 0, 0
	}
	if q.Type != MultiChoice && q.Type != Ordering {
		q.Partial = false
	}
}

// OptionLabel returns the letter shown for option i: A, B, C…
func OptionLabel(i int) string { return string(rune('A' + i)) }

// BankService stores banks and their questions.
type BankService interface {
	CreateBank(ctx context.Context, b *Bank) error
	// FindBank returns a bank with its owner's name and whom it is shared with.
	FindBank(ctx context.Context, id string) (*Bank, error)
	// ListBanks returns, newest first, the banks viewer may read (CanReadBank), each with its
	// owner's name and sharing.
	ListBanks(ctx context.Context, viewer *User) ([]Bank, error)
	UpdateBank(ctx context.Context, b *Bank) error
	// ShareBank replaces whom a bank is shared with (read only); all shares it with every
	// organiser and trainer. An unknown user id is EINVALID.
	ShareBank(ctx context.Context, id string, userIDs []string, all bool) (*Bank, error)
	// CopyBank copies a bank with all its questions into a new bank of ownerID titled title.
	CopyBank(ctx context.Context, id, ownerID, title string) (*Bank, error)
	// DeleteBank removes a bank and its questions; contests keep their own copies.
	DeleteBank(ctx context.Context, id string) error

	// CreateQuestion appends q to its bank (q.Position is set to the end).
	CreateQuestion(ctx context.Context, q *Question) error
	// CreateQuestions appends several questions in one transaction: all or none.
	CreateQuestions(ctx context.Context, qs []Question) error
	FindQuestion(ctx context.Context, id string) (*Question, error)
	// QuestionBanks maps each of the question ids that still exist to its bank's id, in one
	// query however many there are.
	QuestionBanks(ctx context.Context, ids []string) (map[string]string, error)
	// ListQuestions returns a bank's questions by position.
	ListQuestions(ctx context.Context, bankID string) ([]Question, error)
	// SearchQuestions finds questions of a bank whose prompt contains text, ignoring diacritics.
	SearchQuestions(ctx context.Context, bankID, text string) ([]Question, error)
	// FindQuestions searches every bank viewer may read (or those of q.BankIDs among them).
	FindQuestions(ctx context.Context, viewer *User, q QuestionQuery) (*QuestionPage, error)
	// UpdateQuestion saves q's content as its next version, by user by, with a revision that
	// names what changed; an edit that changes nothing saves nothing. An edit of a version
	// that is no longer the latest (someone else saved meanwhile) is ECONFLICT.
	UpdateQuestion(ctx context.Context, q *Question, by *User) error
	// ListRevisions returns a question's edits, newest first.
	ListRevisions(ctx context.Context, questionID string) ([]Revision, error)
	DeleteQuestion(ctx context.Context, id string) error
}

// QuestionQuery is a search for questions across banks: every condition given must hold.
type QuestionQuery struct {
	// Text is found anywhere in the prompt, ignoring case and diacritics ("dang vien" finds
	// "đảng viên").
	Text string
	// BankIDs limits the search to these banks (among those the viewer may read).
	BankIDs []string
	// Tags: the question has every one of them.
	Tags []string
	// Difficulties and Types: the question has one of them.
	Difficulties []int
	Types        []QuestionType
	// Limit is the most questions answered: DefaultSearchLimit when 0, at most MaxSearchLimit.
	Limit int
	// After is the Next of the page before, to read the one that follows it; "" for the first.
	After string
	// after is After read by Validate.
	after searchCursor
}

// searchCursor is where a page of a search ended: the last question's bank, place and id, in
// the order questions are found.
type searchCursor struct {
	BankID   string
	Position int
	ID       string
}

// String is the cursor as a page's Next.
func (c searchCursor) String() string { return fmt.Sprintf("%s.%d.%s", c.BankID, c.Position, c.ID) }

// AfterCursor is where the page asked for starts: after this bank, place and id (all zero for
// the first page).
func (q *QuestionQuery) AfterCursor() (bankID string, position int, id string) {
	return q.after.BankID, q.after.Position, q.after.ID
}

// NextCursor is the Next of a page whose last question is q.
func NextCursor(q *Question) string {
	return searchCursor{BankID: q.BankID, Position: q.Position, ID: q.ID}.String()
}

// Limits of one search.
const (
	DefaultSearchLimit = 50
	MaxSearchLimit     = 200
	maxSearchText      = 200
)

// Validate checks a query and puts its limit in range.
func (q *QuestionQuery) Validate() error {
	if len([]rune(q.Text)) > maxSearchText {
		return Errorf(EINVALID, "Nội dung tìm kiếm dài quá %d ký tự.", maxSearchText)
	}
	if len(q.BankIDs) > 100 || len(q.Tags) > MaxTags || len(q.Types) > len(questionKinds) || len(q.Difficulties) > MaxDifficulty+1 {
		return Errorf(EINVALID, "Quá nhiều điều kiện tìm kiếm.")
	}
	for _, t := range q.Types {
		if _, ok := KindOf(t); !ok {
			return Errorf(EINVALID, "Loại câu hỏi “%s” không có.", t)
		}
	}
	for _, d := range q.Difficulties {
		if d < 0 || d > MaxDifficulty {
			return Errorf(EINVALID, "Mức độ phải từ 0 đến %d.", MaxDifficulty)
		}
	}
	if q.After != "" {
		parts := strings.Split(q.After, ".")
		pos, err := strconv.Atoi(parts[min(1, len(parts)-1)])
		if len(parts) != 3 || err != nil || parts[0] == "" || parts[2] == "" || pos < 0 {
			return Errorf(EINVALID, "Tham số after không hợp lệ: hãy dùng next của trang trước.")
		}
		q.after = searchCursor{BankID: parts[0], Position: pos, ID: parts[2]}
	}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultSearchLimit
	case q.Limit < 0 || q.Limit > MaxSearchLimit:
		return Errorf(EINVALID, "Mỗi lần tìm được tối đa %d câu hỏi.", MaxSearchLimit)
	}
	return nil
}

// QuestionPage is what a search found: at most the query's limit, in bank order (oldest bank
// first, then by position), and whether more questions match.
type QuestionPage struct {
	Questions []Question
	More      bool
	// Next is the query's After that reads the page after this one; "" when More is false.
	Next string
	// BankTitles names the banks searched, by id.
	BankTitles map[string]string
}
