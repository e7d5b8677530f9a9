package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"hoithi/quiz"
)

// BankService stores question banks and their questions.
type BankService struct {
	db *DB
}

var _ quiz.BankService = (*BankService)(nil)

// NewBankService returns a BankService backed by db.
func NewBankService(db *DB) *BankService { return &BankService{db: db} }

var (
	errNoBank     = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy bộ câu hỏi.")
	errNoQuestion = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy câu hỏi.")
	errNoOwner    = quiz.Errorf(quiz.EINVALID, "Người tạo không còn trong danh sách người dùng.")
	// errUnknownUser is a share or co-organiser naming no user.
	errUnknownUser = quiz.Errorf(quiz.EINVALID, "Có người được chọn không còn trong danh sách người dùng. Vui lòng tải lại trang.")
)

type bankRow struct {
	ID            string
	Title         string
	Description   string
	OwnerID       *string
	SharedAll     bool
	OwnerName     string `gorm:"->"`
	QuestionCount int    `gorm:"->"`
	CreatedAt     int64  `gorm:"autoCreateTime:milli"`
	UpdatedAt     int64  `gorm:"autoUpdateTime:milli"`
}

func (bankRow) TableName() string { return "banks" }

func (r *bankRow) bank() quiz.Bank {
	return quiz.Bank{
		ID:            r.ID,
		Title:         r.Title,
		Description:   r.Description,
		OwnerID:       deref(r.OwnerID),
		OwnerName:     r.OwnerName,
		SharedAll:     r.SharedAll,
		SharedWith:    []string{},
		QuestionCount: r.QuestionCount,
		CreatedAt:     fromMillis(r.CreatedAt),
		UpdatedAt:     fromMillis(r.UpdatedAt),
	}
}

type questionRow struct {
	ID           string
	BankID       string
	Position     int
	Type         string
	Prompt       string
	Options      string
	Correct      string
	TimeLimitSec int
	Points       int
	Explanation  string
	Source       string
	Tags         string // JSON list
	Difficulty   int
	Image        string     // the id of its picture, or ""
	Key          keyColumns `gorm:"embedded"`
	Version      int
	SearchText   string
	CreatedAt    int64 `gorm:"autoCreateTime:milli"`
	UpdatedAt    int64 `gorm:"autoUpdateTime:milli"`
}

func (questionRow) TableName() string { return "questions" }

// newQuestionRow turns a validated question into a row; options and key become JSON.
func newQuestionRow(q *quiz.Question) (questionRow, error) {
	c, err := encodeQuestion(q)
	if err != nil {
		return questionRow{}, err
	}
	return questionRow{
		ID:           q.ID,
		BankID:       q.BankID,
		Position:     q.Position,
		Type:         string(q.Type),
		Prompt:       q.Prompt,
		Options:      c.options,
		Correct:      c.correct,
		TimeLimitSec: q.TimeLimitSec,
		Points:       q.Points,
		Explanation:  q.Explanation,
		Source:       q.Source,
		Tags:         c.tags,
		Difficulty:   q.Difficulty,
		Image:        q.Image,
		Key:          c.key,
		Version:      q.Version,
		SearchText:   quiz.Fold(q.Prompt),
		CreatedAt:    millis(q.CreatedAt),
		UpdatedAt:    millis(q.UpdatedAt),
	}, nil
}

func (r *questionRow) question() (quiz.Question, error) {
	q := quiz.Question{
		ID:           r.ID,
		BankID:       r.BankID,
		Position:     r.Position,
		Type:         quiz.QuestionType(r.Type),
		Prompt:       r.Prompt,
		TimeLimitSec: r.TimeLimitSec,
		Points:       r.Points,
		Explanation:  r.Explanation,
		Source:       r.Source,
		Difficulty:   r.Difficulty,
		Image:        r.Image,
		Version:      r.Version,
		CreatedAt:    fromMillis(r.CreatedAt),
		UpdatedAt:    fromMillis(r.UpdatedAt),
	}
	if err := decodeQuestion(&q, r.Options, r.Correct, r.Key); err != nil {
		return quiz.Question{}, fmt.Errorf("question %s: %w", r.ID, err)
	}
	if err := decodeTags(&q, r.Tags); err != nil {
		return quiz.Question{}, fmt.Errorf("question %s: %w", r.ID, err)
	}
	return q, nil
}

// keyColumns are the parts of a question's key beyond the right options, as the questions and
// round_items tables both keep them: the accepted answers of a short answer (JSON), its "không
// dấu", a numeric answer's value and tolerance, and partial credit.
type keyColumns struct {
	Answers      string
	NoDiacritics bool
	Value        float64
	Tolerance    float64
	Partial      bool
}

// updates are the key columns as UpdateQuestion sets them.
func (k keyColumns) updates(m map[string]any) map[string]any {
	m["answers"], m["no_diacritics"], m["value"], m["tolerance"], m["partial"] = k.Answers, k.NoDiacritics, k.Value, k.Tolerance, k.Partial
	return m
}

// encodedQuestion holds a question's options and answer key as stored.
type encodedQuestion struct {
	options, correct string
	key              keyColumns
	tags             string
}

func encodeQuestion(q *quiz.Question) (encodedQuestion, error) {
	options, err := json.Marshal(nonNil(q.Options))
	if err != nil {
		return encodedQuestion{}, fmt.Errorf("encode options: %w", err)
	}
	correct, err := json.Marshal(nonNil(q.Correct))
	if err != nil {
		return encodedQuestion{}, fmt.Errorf("encode answer key: %w", err)
	}
	answers, err := json.Marshal(nonNil(q.Answers))
	if err != nil {
		return encodedQuestion{}, fmt.Errorf("encode accepted answers: %w", err)
	}
	tags, err := json.Marshal(nonNil(q.Tags))
	if err != nil {
		return encodedQuestion{}, fmt.Errorf("encode tags: %w", err)
	}
	return encodedQuestion{options: string(options), correct: string(correct), tags: string(tags), key: keyColumns{Answers: string(answers),
		NoDiacritics: q.NoDiacritics, Value: q.Value, Tolerance: q.Tolerance, Partial: q.Partial}}, nil
}

// decodeTags reads a question's stored tags.
func decodeTags(q *quiz.Question, tags string) error {
	if err := json.Unmarshal([]byte(tags), &q.Tags); err != nil {
		return fmt.Errorf("decode tags: %w", err)
	}
	return nil
}

func decodeQuestion(q *quiz.Question, options, correct string, key keyColumns) error {
	if err := json.Unmarshal([]byte(options), &q.Options); err != nil {
		return fmt.Errorf("decode options: %w", err)
	}
	if err := json.Unmarshal([]byte(correct), &q.Correct); err != nil {
		return fmt.Errorf("decode answer key: %w", err)
	}
	if key.Answers != "" {
		if err := json.Unmarshal([]byte(key.Answers), &q.Answers); err != nil {
			return fmt.Errorf("decode accepted answers: %w", err)
		}
	}
	if len(q.Answers) == 0 {
		q.Answers = nil
	}
	q.NoDiacritics, q.Value, q.Tolerance, q.Partial = key.NoDiacritics, key.Value, key.Tolerance, key.Partial
	return nil
}

// nonNil makes a nil slice encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// bankReaderRow names a user a bank is shared with.
type bankReaderRow struct {
	BankID string
	UserID string
}

func (bankReaderRow) TableName() string { return "bank_readers" }

// bankColumns selects a bank with its owner's name and the number of its questions; banks
// joins the owner with ownerJoin.
const (
	bankColumns = "banks.*, " + ownerName + " AS owner_name, (SELECT COUNT(*) FROM questions WHERE questions.bank_id = banks.id) AS question_count"
	ownerName   = "COALESCE(NULLIF(owners.display_name, ''), owners.username, '')"
)

// selectBanks starts a query of banks with their owner's name and question count.
func selectBanks(tx *gorm.DB) *gorm.DB {
	return tx.Model(&bankRow{}).Select(bankColumns).Joins("LEFT JOIN users owners ON owners.id = banks.owner_id")
}

// addReaders fills in whom each bank is shared with, in one query for all of them.
func addReaders(tx *gorm.DB, banks []quiz.Bank) error {
	if len(banks) == 0 {
		return nil
	}
	index := make(map[string]int, len(banks))
	ids := make([]string, len(banks))
	for i, b := range banks {
		index[b.ID], ids[i] = i, b.ID
	}
	var rows []bankReaderRow
	if err := tx.Where("bank_id IN ?", ids).Order("bank_id, user_id").Find(&rows).Error; err != nil {
		return fmt.Errorf("load readers of %d banks: %w", len(ids), err)
	}
	for _, r := range rows {
		b := &banks[index[r.BankID]]
		b.SharedWith = append(b.SharedWith, r.UserID)
	}
	return nil
}

// CreateBank saves a new bank.
func (s *BankService) CreateBank(ctx context.Context, b *quiz.Bank) error {
	if err := b.Validate(); err != nil {
		return err
	}
	ms, t := now()
	row := bankRow{ID: newID(), Title: b.Title, Description: b.Description, OwnerID: nullable(b.OwnerID), CreatedAt: ms, UpdatedAt: ms}
	if err := s.db.Gorm(ctx).Create(&row).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
		return errNoOwner
	} else if err != nil {
		return fmt.Errorf("create bank: %w", err)
	}
	b.ID, b.QuestionCount, b.CreatedAt, b.UpdatedAt = row.ID, 0, t, t
	b.SharedWith, b.SharedAll = []string{}, false
	if saved, err := findBank(s.db.Gorm(ctx), b.ID); err == nil {
		b.OwnerName = saved.OwnerName
	}
	return nil
}

// FindBank returns a bank with its question count.
func (s *BankService) FindBank(ctx context.Context, id string) (*quiz.Bank, error) {
	return findBank(s.db.Gorm(ctx), id)
}

func findBank(tx *gorm.DB, id string) (*quiz.Bank, error) {
	var row bankRow
	if err := selectBanks(tx).Where("banks.id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoBank
	} else if err != nil {
		return nil, fmt.Errorf("find bank %s: %w", id, err)
	}
	b := []quiz.Bank{row.bank()}
	if err := addReaders(tx, b); err != nil {
		return nil, err
	}
	return &b[0], nil
}

// sharedWith narrows a query of banks to those viewer owns or was given, by name or with
// everyone: what a viewer other than an admin may read.
func sharedWith(query *gorm.DB, viewer *quiz.User) *gorm.DB {
	return query.Where("banks.owner_id = ? OR banks.shared_all = ? OR EXISTS (SELECT 1 FROM bank_readers WHERE bank_readers.bank_id = banks.id AND bank_readers.user_id = ?)",
		viewer.ID, true, viewer.ID)
}

// ListBanks returns the banks viewer may read, newest first, with their question counts,
// owners' names and sharing: two queries however many banks there are. The query narrows the
// list to banks viewer owns or was given; quiz.CanReadBank has the last word.
func (s *BankService) ListBanks(ctx context.Context, viewer *quiz.User) ([]quiz.Bank, error) {
	db := s.db.Gorm(ctx)
	query := selectBanks(db)
	if viewer == nil {
		return []quiz.Bank{}, nil
	} else if viewer.Role != quiz.RoleAdmin {
		query = sharedWith(query, viewer)
	}
	var rows []bankRow
	if err := query.Order("banks.created_at DESC, banks.id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list banks: %w", err)
	}
	banks := make([]quiz.Bank, len(rows))
	for i := range rows {
		banks[i] = rows[i].bank()
	}
	if err := addReaders(db, banks); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(banks, func(b quiz.Bank) bool { return !quiz.CanReadBank(viewer, &b) }), nil
}

// ShareBank replaces whom a bank is shared with, read only, and returns the bank. An id that
// names no user is EINVALID.
func (s *BankService) ShareBank(ctx context.Context, id string, userIDs []string, all bool) (*quiz.Bank, error) {
	var out *quiz.Bank
	err := s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		ms, _ := now()
		res := tx.Model(&bankRow{}).Where("id = ?", id).Updates(map[string]any{"shared_all": all, "updated_at": ms})
		if res.Error != nil {
			return fmt.Errorf("share bank %s: %w", id, res.Error)
		} else if res.RowsAffected == 0 {
			return errNoBank
		}
		if err := tx.Where("bank_id = ?", id).Delete(&bankReaderRow{}).Error; err != nil {
			return fmt.Errorf("clear readers of bank %s: %w", id, err)
		}
		rows := make([]bankReaderRow, 0, len(userIDs))
		for _, u := range slices.Compact(slices.Sorted(slices.Values(userIDs))) {
			rows = append(rows, bankReaderRow{BankID: id, UserID: u})
		}
		if len(rows) > 0 {
			if err := tx.Create(&rows).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
				return errUnknownUser
			} else if err != nil {
				return fmt.Errorf("add readers of bank %s: %w", id, err)
			}
		}
		b, err := findBank(tx, id)
		out = b
		return err
	})
	return out, err
}

// CopyBank copies a bank and all its questions, in their order, into a new bank owned by
// ownerID and titled title, in one transaction. The copy is shared with no one.
func (s *BankService) CopyBank(ctx context.Context, id, ownerID, title string) (*quiz.Bank, error) {
	var out *quiz.Bank
	err := s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		src, err := findBank(tx, id)
		if err != nil {
			return err
		}
		b := &quiz.Bank{Title: title, Description: src.Description, OwnerID: ownerID}
		if err := b.Validate(); err != nil {
			return err
		}
		ms, _ := now()
		row := bankRow{ID: newID(), Title: b.Title, Description: b.Description, OwnerID: nullable(ownerID), CreatedAt: ms, UpdatedAt: ms}
		if err := tx.Create(&row).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
			return errNoOwner
		} else if err != nil {
			return fmt.Errorf("create copy of bank %s: %w", id, err)
		}
		qs, err := listQuestions(tx.Where("bank_id = ?", id))
		if err != nil {
			return err
		}
		if len(qs) > 0 {
			ptrs := make([]*quiz.Question, len(qs))
			for i := range qs {
				qs[i].BankID = row.ID
				ptrs[i] = &qs[i]
			}
			if err := s.appendQuestions(tx, ptrs); err != nil {
				return err
			}
		}
		out, err = findBank(tx, row.ID)
		return err
	})
	return out, err
}

// UpdateBank changes a bank's title and description, then reloads b.
func (s *BankService) UpdateBank(ctx context.Context, b *quiz.Bank) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		ms, _ := now()
		res := tx.Model(&bankRow{}).Where("id = ?", b.ID).Updates(map[string]any{"title": b.Title, "description": b.Description, "updated_at": ms})
		if res.Error != nil {
			return fmt.Errorf("update bank %s: %w", b.ID, res.Error)
		} else if res.RowsAffected == 0 {
			return errNoBank
		}
		saved, err := findBank(tx, b.ID)
		if err != nil {
			return err
		}
		*b = *saved
		return nil
	})
}

// DeleteBank removes a bank and its questions; contests keep their own copies.
func (s *BankService) DeleteBank(ctx context.Context, id string) error {
	res := s.db.Gorm(ctx).Where("id = ?", id).Delete(&bankRow{})
	if res.Error != nil {
		return fmt.Errorf("delete bank %s: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoBank
	}
	return nil
}

// CreateQuestion appends q to its bank; q.Position is set to the end.
func (s *BankService) CreateQuestion(ctx context.Context, q *quiz.Question) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		return s.appendQuestions(tx, []*quiz.Question{q})
	})
}

// CreateQuestions appends several questions in one transaction: all or none.
func (s *BankService) CreateQuestions(ctx context.Context, qs []quiz.Question) error {
	ptrs := make([]*quiz.Question, len(qs))
	for i := range qs {
		if err := qs[i].Validate(); err != nil {
			return quiz.Errorf(quiz.EINVALID, "Câu %d: %s", i+1, quiz.ErrorMessage(err))
		}
		ptrs[i] = &qs[i]
	}
	if len(qs) == 0 {
		return nil
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		return s.appendQuestions(tx, ptrs)
	})
}

// appendQuestions gives validated questions ids and the next positions of their banks, then
// inserts them. Bumping the bank's updated_at first locks the bank row, so concurrent appends
// to one bank take turns and never share a position.
func (s *BankService) appendQuestions(tx *gorm.DB, qs []*quiz.Question) error {
	if err := imagesStored(tx, qs); err != nil {
		return err
	}
	ms, t := now()
	next := make(map[string]int)
	rows := make([]questionRow, len(qs))
	for i, q := range qs {
		if _, ok := next[q.BankID]; !ok {
			res := tx.Model(&bankRow{}).Where("id = ?", q.BankID).Update("updated_at", ms)
			if res.Error != nil {
				return fmt.Errorf("lock bank %s: %w", q.BankID, res.Error)
			} else if res.RowsAffected == 0 {
				return errNoBank
			}
			var last int
			if err := tx.Model(&questionRow{}).Where("bank_id = ?", q.BankID).Select("COALESCE(MAX(position), 0)").Scan(&last).Error; err != nil {
				return fmt.Errorf("find last position of bank %s: %w", q.BankID, err)
			}
			next[q.BankID] = last + 1
		}
		q.ID, q.Position, q.CreatedAt, q.UpdatedAt, q.Version = newID(), next[q.BankID], t, t, 1
		next[q.BankID]++
		row, err := newQuestionRow(q)
		if err != nil {
			return err
		}
		rows[i] = row
	}
	if err := tx.CreateInBatches(rows, s.db.batchSize(23)).Error; err != nil {
		return fmt.Errorf("insert %d questions: %w", len(rows), err)
	}
	return nil
}

// FindQuestion returns the question with that id.
func (s *BankService) FindQuestion(ctx context.Context, id string) (*quiz.Question, error) {
	return findQuestion(s.db.Gorm(ctx), id)
}

func findQuestion(tx *gorm.DB, id string) (*quiz.Question, error) {
	var row questionRow
	if err := tx.Where("id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoQuestion
	} else if err != nil {
		return nil, fmt.Errorf("find question %s: %w", id, err)
	}
	q, err := row.question()
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// QuestionBanks implements quiz.BankService.
func (s *BankService) QuestionBanks(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, BankID string }
	if err := s.db.Gorm(ctx).Model(&questionRow{}).Select("id, bank_id").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find banks of %d questions: %w", len(ids), err)
	}
	for _, r := range rows {
		out[r.ID] = r.BankID
	}
	return out, nil
}

// ListQuestions returns a bank's questions by position.
func (s *BankService) ListQuestions(ctx context.Context, bankID string) ([]quiz.Question, error) {
	return listQuestions(s.db.Gorm(ctx).Where("bank_id = ?", bankID))
}

// SearchQuestions finds questions of a bank whose prompt contains text, ignoring case and
// diacritics: "chi bo" finds "Chi bộ".
func (s *BankService) SearchQuestions(ctx context.Context, bankID, text string) ([]quiz.Question, error) {
	pattern := "%" + escapeLike(quiz.Fold(text)) + "%"
	return listQuestions(s.db.Gorm(ctx).Where(`bank_id = ? AND search_text LIKE ? ESCAPE '\'`, bankID, pattern))
}

func listQuestions(query *gorm.DB) ([]quiz.Question, error) {
	var rows []questionRow
	if err := query.Order("position, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	qs := make([]quiz.Question, len(rows))
	for i := range rows {
		q, err := rows[i].question()
		if err != nil {
			return nil, err
		}
		qs[i] = q
	}
	return qs, nil
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UpdateQuestion implements quiz.BankService: the bank and position stay as they are; q is
// reloaded. q.Version is the version the edit was made from (0: whatever is latest).
func (s *BankService) UpdateQuestion(ctx context.Context, q *quiz.Question, by *quiz.User) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return s.db.Gorm(ctx).Transaction(updateQuestion(q, by))
}

// updateQuestion is the transaction that saves a validated q as UpdateQuestion does. also
// names what else the edit did beyond the parts it changed (a merge): with it, a revision is
// saved even when no part changed.
func updateQuestion(q *quiz.Question, by *quiz.User, also ...string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		c, err := encodeQuestion(q)
		if err != nil {
			return err
		}
		old, err := findQuestion(tx, q.ID)
		if err != nil {
			return err
		}
		if q.Version != 0 && q.Version != old.Version {
			return errEditedMeanwhile
		}
		if q.Image != old.Image {
			if err := imagesStored(tx, []*quiz.Question{q}); err != nil {
				return err
			}
		}
		changed := append(quiz.ChangedParts(old, q), also...)
		if len(changed) == 0 {
			*q = *old
			return nil
		}
		ms, _ := now()
		res := tx.Model(&questionRow{}).Where("id = ? AND version = ?", q.ID, old.Version).Updates(c.key.updates(map[string]any{
			"type":           string(q.Type),
			"prompt":         q.Prompt,
			"options":        c.options,
			"correct":        c.correct,
			"time_limit_sec": q.TimeLimitSec,
			"points":         q.Points,
			"explanation":    q.Explanation,
			"source":         q.Source,
			"tags":           c.tags,
			"difficulty":     q.Difficulty,
			"image":          q.Image,
			"search_text":    quiz.Fold(q.Prompt),
			"version":        old.Version + 1,
			"updated_at":     ms,
		}))
		if res.Error != nil {
			return fmt.Errorf("update question %s: %w", q.ID, res.Error)
		} else if res.RowsAffected == 0 {
			return errEditedMeanwhile
		}
		list, err := json.Marshal(changed)
		if err != nil {
			return fmt.Errorf("encode changes: %w", err)
		}
		rev := revisionRow{ID: newID(), QuestionID: q.ID, Version: old.Version + 1, Changed: string(list), CreatedAt: ms}
		if by != nil {
			rev.ActorID, rev.ActorName = by.ID, by.DisplayName
		}
		if err := tx.Create(&rev).Error; err != nil {
			return fmt.Errorf("save revision of question %s: %w", q.ID, err)
		}
		saved, err := findQuestion(tx, q.ID)
		if err != nil {
			return err
		}
		*q = *saved
		return nil
	}
}

// errEditedMeanwhile is an edit made from a version someone else has since replaced.
var errEditedMeanwhile = quiz.Errorf(quiz.ECONFLICT, "Câu hỏi vừa được người khác sửa: hãy tải lại để xem bản mới rồi sửa lại.")

type revisionRow struct {
	ID         string
	QuestionID string
	Version    int
	ActorID    string
	ActorName  string
	Changed    string // JSON list
	CreatedAt  int64
}

func (revisionRow) TableName() string { return "question_revisions" }

// ListRevisions implements quiz.BankService.
func (s *BankService) ListRevisions(ctx context.Context, questionID string) ([]quiz.Revision, error) {
	var rows []revisionRow
	if err := s.db.Gorm(ctx).Where("question_id = ?", questionID).Order("version DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list revisions of question %s: %w", questionID, err)
	}
	out := make([]quiz.Revision, len(rows))
	for i, r := range rows {
		out[i] = quiz.Revision{Version: r.Version, At: fromMillis(r.CreatedAt), ActorID: r.ActorID, ActorName: r.ActorName}
		if err := json.Unmarshal([]byte(r.Changed), &out[i].Changed); err != nil {
			return nil, fmt.Errorf("decode revision %s: %w", r.ID, err)
		}
	}
	return out, nil
}

// DeleteQuestion removes a question from its bank. Contests that copied it keep their copy.
func (s *BankService) DeleteQuestion(ctx context.Context, id string) error {
	res := s.db.Gorm(ctx).Where("id = ?", id).Delete(&questionRow{})
	if res.Error != nil {
		return fmt.Errorf("delete question %s: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoQuestion
	}
	return nil
}
