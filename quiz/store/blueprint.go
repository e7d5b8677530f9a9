package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"

	"hoithi/quiz"
)

// BlueprintService stores blueprints and reads the questions they draw from.
type BlueprintService struct {
	db *DB
}

var _ quiz.BlueprintService = (*BlueprintService)(nil)

// NewBlueprintService returns a BlueprintService backed by db.
func NewBlueprintService(db *DB) *BlueprintService { return &BlueprintService{db: db} }

var errNoBlueprint = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy đề mẫu.")

type blueprintRow struct {
	ID        string
	OwnerID   string
	Title     string
	Parts     string // JSON list of quiz.BlueprintPart
	OwnerName string `gorm:"->"`
	CreatedAt int64
	UpdatedAt int64
}

func (blueprintRow) TableName() string { return "blueprints" }

func (r *blueprintRow) blueprint() (quiz.Blueprint, error) {
	bp := quiz.Blueprint{ID: r.ID, OwnerID: r.OwnerID, OwnerName: r.OwnerName, Title: r.Title,
		CreatedAt: fromMillis(r.CreatedAt), UpdatedAt: fromMillis(r.UpdatedAt)}
	var err error
	if bp.Parts, err = decodeParts(r.Parts); err != nil {
		return quiz.Blueprint{}, fmt.Errorf("decode parts of blueprint %s: %w", r.ID, err)
	}
	return bp, nil
}

// partRow is a blueprint's part as the blueprints.parts column (and a round's settings.draw)
// keeps it.
type partRow struct {
	Tag     string   `json:"tag,omitempty"`
	Types   []string `json:"types,omitempty"`
	BankIDs []string `json:"bank_ids,omitempty"`
	Levels  []int    `json:"levels"`
	Any     int      `json:"any,omitempty"`
}

func partRows(parts []quiz.BlueprintPart) []partRow {
	rows := make([]partRow, len(parts))
	for i, p := range parts {
		rows[i] = partRow{Tag: p.Tag, BankIDs: p.BankIDs, Levels: p.Levels, Any: p.Any}
		for _, t := range p.Types {
			rows[i].Types = append(rows[i].Types, string(t))
		}
	}
	return rows
}

func (r partRow) part() quiz.BlueprintPart {
	p := quiz.BlueprintPart{Tag: r.Tag, Types: []quiz.QuestionType{}, BankIDs: nonNil(r.BankIDs), Levels: nonNil(r.Levels), Any: r.Any}
	for _, t := range r.Types {
		p.Types = append(p.Types, quiz.QuestionType(t))
	}
	return p
}

func encodeParts(parts []quiz.BlueprintPart) (string, error) {
	data, err := json.Marshal(partRows(parts))
	if err != nil {
		return "", fmt.Errorf("encode blueprint parts: %w", err)
	}
	return string(data), nil
}

func decodeParts(data string) ([]quiz.BlueprintPart, error) {
	var rows []partRow
	if err := json.Unmarshal([]byte(data), &rows); err != nil {
		return nil, err
	}
	parts := make([]quiz.BlueprintPart, len(rows))
	for i, r := range rows {
		parts[i] = r.part()
	}
	return parts, nil
}

func selectBlueprints(tx *gorm.DB) *gorm.DB {
	return tx.Model(&blueprintRow{}).Select("blueprints.*, " + ownerName + " AS owner_name").
		Joins("LEFT JOIN users owners ON owners.id = blueprints.owner_id")
}

// CreateBlueprint implements quiz.BlueprintService.
func (s *BlueprintService) CreateBlueprint(ctx context.Context, bp *quiz.Blueprint) error {
	if err := bp.Validate(); err != nil {
		return err
	}
	parts, err := encodeParts(bp.Parts)
	if err != nil {
		return err
	}
	ms, t := now()
	row := blueprintRow{ID: newID(), OwnerID: bp.OwnerID, Title: bp.Title, Parts: parts, CreatedAt: ms, UpdatedAt: ms}
	if err := s.db.Gorm(ctx).Omit("OwnerName").Create(&row).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
		return errNoOwner
	} else if err != nil {
		return fmt.Errorf("create blueprint: %w", err)
	}
	bp.ID, bp.CreatedAt, bp.UpdatedAt = row.ID, t, t
	if saved, err := s.FindBlueprint(ctx, bp.ID); err == nil {
		bp.OwnerName = saved.OwnerName
	}
	return nil
}

// FindBlueprint implements quiz.BlueprintService.
func (s *BlueprintService) FindBlueprint(ctx context.Context, id string) (*quiz.Blueprint, error) {
	var row blueprintRow
	if err := selectBlueprints(s.db.Gorm(ctx)).Where("blueprints.id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoBlueprint
	} else if err != nil {
		return nil, fmt.Errorf("find blueprint %s: %w", id, err)
	}
	bp, err := row.blueprint()
	return &bp, err
}

// ListBlueprints implements quiz.BlueprintService.
func (s *BlueprintService) ListBlueprints(ctx context.Context, viewer *quiz.User) ([]quiz.Blueprint, error) {
	if viewer == nil {
		return []quiz.Blueprint{}, nil
	}
	query := selectBlueprints(s.db.Gorm(ctx))
	if viewer.Role != quiz.RoleAdmin {
		query = query.Where("blueprints.owner_id = ?", viewer.ID)
	}
	var rows []blueprintRow
	if err := query.Order("blueprints.created_at DESC, blueprints.id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list blueprints: %w", err)
	}
	out := make([]quiz.Blueprint, len(rows))
	for i := range rows {
		var err error
		if out[i], err = rows[i].blueprint(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UpdateBlueprint implements quiz.BlueprintService: its title and parts; the owner stays.
func (s *BlueprintService) UpdateBlueprint(ctx context.Context, bp *quiz.Blueprint) error {
	if err := bp.Validate(); err != nil {
		return err
	}
	parts, err := encodeParts(bp.Parts)
	if err != nil {
		return err
	}
	ms, t := now()
	res := s.db.Gorm(ctx).Model(&blueprintRow{}).Where("id = ?", bp.ID).
		Updates(map[string]any{"title": bp.Title, "parts": parts, "updated_at": ms})
	if res.Error != nil {
		return fmt.Errorf("update blueprint %s: %w", bp.ID, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoBlueprint
	}
	bp.UpdatedAt = t
	return nil
}

// DeleteBlueprint implements quiz.BlueprintService. Contests drawn from it keep their
// questions and the record of the draw.
func (s *BlueprintService) DeleteBlueprint(ctx context.Context, id string) error {
	res := s.db.Gorm(ctx).Where("id = ?", id).Delete(&blueprintRow{})
	if res.Error != nil {
		return fmt.Errorf("delete blueprint %s: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoBlueprint
	}
	return nil
}

// readableBankIDs lists the ids of the banks viewer may read.
func (s *BlueprintService) readableBankIDs(ctx context.Context, viewer *quiz.User) ([]string, error) {
	banks, err := (&BankService{db: s.db}).readableBanks(ctx, viewer)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(banks))
	for i, b := range banks {
		ids[i] = b.ID
	}
	return ids, nil
}

// tagGroup is how many questions of some banks have one list of tags and one level: what a
// GROUP BY over the questions leaves of them, far fewer rows than questions.
type tagGroup struct {
	Tags       string
	Difficulty int
	N          int
}

func (s *BlueprintService) tagGroups(ctx context.Context, bankIDs []string) ([]tagGroup, error) {
	var groups []tagGroup
	if len(bankIDs) == 0 {
		return groups, nil
	}
	err := s.db.Gorm(ctx).Model(&questionRow{}).Select("tags, difficulty, COUNT(*) AS n").
		Where("bank_id IN ?", bankIDs).Group("tags, difficulty").Order("tags, difficulty").Scan(&groups).Error
	if err != nil {
		return nil, fmt.Errorf("count questions by tag: %w", err)
	}
	return groups, nil
}

// ListTags implements quiz.BlueprintService: one query that counts the questions by their
// list of tags and level, folded here into one count per tag (its spellings, told apart only by
// case or spacing, are one tag, named as most of its questions write it).
func (s *BlueprintService) ListTags(ctx context.Context, viewer *quiz.User) ([]quiz.TagCount, error) {
	ids, err := s.readableBankIDs(ctx, viewer)
	if err != nil {
		return nil, err
	}
	groups, err := s.tagGroups(ctx, ids)
	if err != nil {
		return nil, err
	}
	counts := map[string]*quiz.TagCount{}
	spellings := map[string]map[string]int{}
	for _, g := range groups {
		var tags []string
		if err := json.Unmarshal([]byte(g.Tags), &tags); err != nil {
			return nil, fmt.Errorf("decode tags %q: %w", g.Tags, err)
		}
		for _, t := range tags {
			key := quiz.NameKey(t)
			c := counts[key]
			if c == nil {
				c = &quiz.TagCount{}
				counts[key], spellings[key] = c, map[string]int{}
			}
			spellings[key][t] += g.N
			if g.Difficulty >= 1 && g.Difficulty <= quiz.MaxDifficulty {
				c.Levels[g.Difficulty-1] += g.N
			} else {
				c.Unrated += g.N
			}
		}
	}
	out := make([]quiz.TagCount, 0, len(counts))
	for key, c := range counts {
		best, most := "", 0
		for sp, n := range spellings[key] {
			if n > most || n == most && sp < best {
				best, most = sp, n
			}
		}
		c.Tag = best
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b quiz.TagCount) int {
		return cmp.Or(cmp.Compare(quiz.Fold(a.Tag), quiz.Fold(b.Tag)), cmp.Compare(a.Tag, b.Tag))
	})
	return out, nil
}

// BlueprintPool implements quiz.BlueprintService: the questions of the readable banks (those
// the parts name, when every part names some) that carry one of the parts' tags, as stored
// (each spelling of it), and are of one of their kinds when every part names kinds.
func (s *BlueprintService) BlueprintPool(ctx context.Context, viewer *quiz.User, parts []quiz.BlueprintPart) ([]quiz.Question, error) {
	ids, err := s.readableBankIDs(ctx, viewer)
	if err != nil {
		return nil, err
	}
	anyTag, anyBank, anyType := false, false, false
	keys, banks, types := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range parts {
		anyTag = anyTag || p.Tag == ""
		anyBank = anyBank || len(p.BankIDs) == 0
		anyType = anyType || len(p.Types) == 0
		keys[quiz.NameKey(p.Tag)] = true
		for _, b := range p.BankIDs {
			banks[b] = true
		}
		for _, t := range p.Types {
			types[string(t)] = true
		}
	}
	if !anyBank {
		ids = slices.DeleteFunc(ids, func(id string) bool { return !banks[id] })
	}
	if len(ids) == 0 {
		return []quiz.Question{}, nil
	}
	query := s.db.Gorm(ctx).Where("bank_id IN ?", ids)
	if !anyTag {
		groups, err := s.tagGroups(ctx, ids)
		if err != nil {
			return nil, err
		}
		spelled := map[string]bool{}
		for _, g := range groups {
			var tags []string
			if err := json.Unmarshal([]byte(g.Tags), &tags); err != nil {
				return nil, fmt.Errorf("decode tags %q: %w", g.Tags, err)
			}
			for _, t := range tags {
				if keys[quiz.NameKey(t)] {
					spelled[t] = true
				}
			}
		}
		if len(spelled) == 0 {
			return []quiz.Question{}, nil
		}
		var conds []string
		var args []any
		for _, t := range slices.Sorted(maps.Keys(spelled)) {
			cond, arg, err := hasTag(t)
			if err != nil {
				return nil, err
			}
			conds, args = append(conds, cond), append(args, arg)
		}
		query = query.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	if !anyType {
		query = query.Where("type IN ?", slices.Sorted(maps.Keys(types)))
	}
	return listQuestions(query)
}
