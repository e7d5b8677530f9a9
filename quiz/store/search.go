package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"hoithi/quiz"
)

// rareMatches is how many matches in the whole index make a text common enough to be found by
// walking the questions rather than through the index.
const rareMatches = 500

// FindQuestions implements quiz.BankService. The text is matched as a part of the folded
// prompt (search_text LIKE '%…%'), read from the trigram index of each database (migration
// 10); tags are matched as whole JSON strings in the stored list.
func (s *BankService) FindQuestions(ctx context.Context, viewer *quiz.User, q quiz.QuestionQuery) (*quiz.QuestionPage, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	page := &quiz.QuestionPage{Questions: []quiz.Question{}, BankTitles: map[string]string{}}
	query, err := s.matching(ctx, viewer, q, page.BankTitles)
	if err != nil || query == nil {
		return page, err
	}
	if bankID, pos, id := q.AfterCursor(); bankID != "" {
		query = query.Where("(bank_id > ? OR bank_id = ? AND (position > ? OR position = ? AND id > ?))", bankID, bankID, pos, pos, id)
	}
	var rows []questionRow
	if err := query.Order("bank_id, position, id").Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find questions: %w", err)
	}
	if len(rows) > q.Limit {
		rows, page.More = rows[:q.Limit], true
	}
	for i := range rows {
		qu, err := rows[i].question()
		if err != nil {
			return nil, err
		}
		page.Questions = append(page.Questions, qu)
	}
	if page.More {
		page.Next = quiz.NextCursor(&page.Questions[len(page.Questions)-1])
	}
	return page, nil
}

// matching builds the query of the questions q finds in the banks viewer may read, and names
// those banks in titles; nil when viewer may read none of them.
func (s *BankService) matching(ctx context.Context, viewer *quiz.User, q quiz.QuestionQuery, titles map[string]string) (*gorm.DB, error) {
	readable, err := s.readableBanks(ctx, viewer)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, b := range readable {
		if len(q.BankIDs) == 0 || slices.Contains(q.BankIDs, b.ID) {
			ids = append(ids, b.ID)
			titles[b.ID] = b.Title
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	query := s.db.Gorm(ctx).Where("bank_id IN ?", ids)
	if text := quiz.Fold(q.Text); text != "" {
		if s.db.Dialect() == SQLite && utf8.RuneCountInString(text) >= 3 {
			// A phrase of the trigram index is the text as a part of the prompt. Reading every
			// match of a common word from the index costs more than walking the questions in
			// order until a page is full, so the index is used only for rarer texts.
			phrase := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
			var n int64
			err := s.db.Gorm(ctx).Raw("SELECT count(*) FROM (SELECT rowid FROM questions_search WHERE questions_search MATCH ? LIMIT ?)", phrase, rareMatches).Scan(&n).Error
			if err != nil {
				return nil, fmt.Errorf("count matches: %w", err)
			}
			if n < rareMatches {
				query = query.Where("rowid IN (SELECT rowid FROM questions_search WHERE questions_search MATCH ?)", phrase)
			}
		}
		query = query.Where(`search_text LIKE ? ESCAPE '\'`, "%"+escapeLike(text)+"%")
	}
	for _, tag := range q.Tags {
		cond, arg, err := hasTag(strings.TrimSpace(tag))
		if err != nil {
			return nil, err
		}
		query = query.Where(cond, arg)
	}
	if len(q.Difficulties) > 0 {
		query = query.Where("difficulty IN ?", q.Difficulties)
	}
	if len(q.Types) > 0 {
		types := make([]string, len(q.Types))
		for i, t := range q.Types {
			types[i] = string(t)
		}
		query = query.Where("type IN ?", types)
	}
	return query, nil
}

// hasTag is the condition (and its argument) of a question whose stored list of tags holds tag
// as a whole JSON string.
func hasTag(tag string) (string, string, error) {
	quoted, err := json.Marshal(tag)
	if err != nil {
		return "", "", fmt.Errorf("encode tag: %w", err)
	}
	return `tags LIKE ? ESCAPE '\'`, "%" + escapeLike(string(quoted)) + "%", nil
}

// readableBanks lists the id and title of every bank viewer may read (quiz.CanReadBank), in
// one query and without what ListBanks adds (counts, owners, readers).
func (s *BankService) readableBanks(ctx context.Context, viewer *quiz.User) ([]bankRow, error) {
	if viewer == nil || viewer.Disabled || viewer.Role != quiz.RoleAdmin && !viewer.Role.Can(quiz.RoleTrainer) {
		return nil, nil
	}
	query := s.db.Gorm(ctx).Model(&bankRow{}).Select("banks.id, banks.title")
	if viewer.Role != quiz.RoleAdmin {
		query = sharedWith(query, viewer)
	}
	var rows []bankRow
	if err := query.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list readable banks: %w", err)
	}
	return rows, nil
}
