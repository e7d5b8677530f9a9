package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"hoithi/quiz"
)

var _ quiz.DuplicateService = (*BankService)(nil)

// keptDuplicateRow is a pair of questions said not to be duplicates; deleting either question
// or the bank deletes it (ON DELETE CASCADE).
type keptDuplicateRow struct {
	BankID    string
	QuestionA string
	QuestionB string
	PromptKey string
	CreatedAt int64
}

func (keptDuplicateRow) TableName() string { return "kept_duplicates" }

// ListKeptPairs implements quiz.DuplicateService.
func (s *BankService) ListKeptPairs(ctx context.Context, bankID string) ([]quiz.KeptPair, error) {
	var rows []keptDuplicateRow
	if err := s.db.Gorm(ctx).Where("bank_id = ?", bankID).Order("question_a, question_b").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list kept duplicates of bank %s: %w", bankID, err)
	}
	out := make([]quiz.KeptPair, len(rows))
	for i, r := range rows {
		out[i] = quiz.KeptPair{A: r.QuestionA, B: r.QuestionB, Key: r.PromptKey}
	}
	return out, nil
}

// KeepDuplicates implements quiz.DuplicateService. A pair kept before is kept again with the
// key the prompts have now.
func (s *BankService) KeepDuplicates(ctx context.Context, bankID string, ids []string) error {
	if err := quiz.CheckKeepIDs(ids); err != nil {
		return err
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		qs, err := questionsOf(tx, bankID, ids)
		if err != nil {
			return err
		}
		pairs, err := quiz.CheckKeep(bankID, qs)
		if err != nil {
			return err
		}
		ms, _ := now()
		rows := make([]keptDuplicateRow, len(pairs))
		for i, p := range pairs {
			rows[i] = keptDuplicateRow{BankID: bankID, QuestionA: p.A, QuestionB: p.B, PromptKey: p.Key, CreatedAt: ms}
		}
		err = tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "question_a"}, {Name: "question_b"}},
			DoUpdates: clause.AssignmentColumns([]string{"prompt_key", "created_at"}),
		}).CreateInBatches(rows, s.db.batchSize(5)).Error
		if errors.Is(err, gorm.ErrForeignKeyViolated) {
			return errNotInBank // deleted meanwhile
		} else if err != nil {
			return fmt.Errorf("keep %d duplicates of bank %s: %w", len(ids), bankID, err)
		}
		return nil
	})
}

// MergeDuplicates implements quiz.DuplicateService: the kept question is read, merged and
// saved, and the others deleted, in one transaction, so a refused merge changes nothing.
func (s *BankService) MergeDuplicates(ctx context.Context, bankID, keepID string, removeIDs []string, by *quiz.User) (*quiz.Question, error) {
	if err := quiz.CheckMergeIDs(keepID, removeIDs); err != nil {
		return nil, err
	}
	var out *quiz.Question
	err := s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		qs, err := questionsOf(tx, bankID, append([]string{keepID}, removeIDs...))
		if err != nil {
			return err
		}
		merged, err := quiz.Merge(bankID, qs[0], qs[1:])
		if err != nil {
			return err
		}
		if err := merged.Validate(); err != nil {
			return err
		}
		if err := updateQuestion(&merged, by, quiz.MergedPart)(tx); err != nil {
			return err
		}
		res := tx.Where("bank_id = ? AND id IN ?", bankID, removeIDs).Delete(&questionRow{})
		if res.Error != nil {
			return fmt.Errorf("delete %d merged questions: %w", len(removeIDs), res.Error)
		} else if res.RowsAffected != int64(len(removeIDs)) {
			return errEditedMeanwhile
		}
		out = &merged
		return nil
	})
	return out, err
}

// questionsOf loads the questions ids of bankID (checked by quiz.CheckMergeIDs or
// CheckKeepIDs), in the order of ids; an id that is not one of that bank's questions is
// ENOTFOUND.
func questionsOf(tx *gorm.DB, bankID string, ids []string) ([]quiz.Question, error) {
	found, err := listQuestions(tx.Where("bank_id = ? AND id IN ?", bankID, ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]quiz.Question, len(found))
	for _, q := range found {
		byID[q.ID] = q
	}
	out := make([]quiz.Question, len(ids))
	for i, id := range ids {
		q, ok := byID[id]
		if !ok {
			return nil, errNotInBank
		}
		out[i] = q
	}
	return out, nil
}

// errNotInBank is a merge or keep naming a question the bank does not hold (any more).
var errNotInBank = quiz.Errorf(quiz.ENOTFOUND, "Có câu hỏi được chọn không còn trong bộ câu hỏi này. Hãy tải lại trang.")
