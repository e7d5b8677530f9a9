package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"hoithi/quiz"
)

// ContestService stores contests with their rounds and items, participants and answers.
type ContestService struct {
	db *DB
	// pin draws a candidate PIN; tests replace it to force collisions.
	pin func() (string, error)
}

var _ quiz.ContestService = (*ContestService)(nil)

// NewContestService returns a ContestService backed by db.
func NewContestService(db *DB) *ContestService { return &ContestService{db: db, pin: randomPIN} }

// pinAttempts is how many PINs CreateContest draws before giving up; with 900,000 PINs and a
// few hundred contests open at once, even two collisions in a row are rare.
const pinAttempts = 10

var (
	errNoContest     = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy cuộc thi.")
	errNoPIN         = quiz.Errorf(quiz.ENOTFOUND, "Không có cuộc thi nào đang mở với mã PIN này.")
	errNoParticipant = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy thí sinh.")
	errPINTaken      = errors.New("pin taken")
)

type contestRow struct {
	ID        string
	Title     string
	PIN       string `gorm:"column:pin"`
	Status    string
	OwnerID   *string
	OwnerName string `gorm:"->"`
	// ParticipantCount and ItemCount are read only by the summary queries.
	ParticipantCount int `gorm:"->"`
	ItemCount        int `gorm:"->"`
	LiveState        string
	LiveVersion      int64
	TieBreaks        string
	LastJoinOrder    int
	CreatedAt        int64 `gorm:"autoCreateTime:milli"`
	UpdatedAt        int64 `gorm:"autoUpdateTime:milli"`
	FinishedAt       *int64
}

func (contestRow) TableName() string { return "contests" }

func (r *contestRow) contest() (*quiz.Contest, error) {
	c := &quiz.Contest{
		ID:        r.ID,
		Title:     r.Title,
		PIN:       r.PIN,
		Status:    quiz.ContestStatus(r.Status),
		OwnerID:   deref(r.OwnerID),
		OwnerName: r.OwnerName,
		CreatedAt: fromMillis(r.CreatedAt),
		UpdatedAt: fromMillis(r.UpdatedAt),
	}
	if r.FinishedAt != nil {
		t := fromMillis(*r.FinishedAt)
		c.FinishedAt = &t
	}
	var err error
	if c.Live, err = decodeLive(r.LiveState); err != nil {
		return nil, fmt.Errorf("contest %s: %w", r.ID, err)
	}
	if r.TieBreaks != "" {
		var tb []tieBreakRow
		if err := json.Unmarshal([]byte(r.TieBreaks), &tb); err != nil {
			return nil, fmt.Errorf("decode tie-breaks of contest %s: %w", r.ID, err)
		}
		for _, t := range tb {
			c.TieBreaks = append(c.TieBreaks, quiz.TieBreak{Rule: quiz.TieBreakRule(t.Rule), Round: t.Round})
		}
	}
	return c, nil
}

// contestOrganiserRow names a co-organiser of a contest.
type contestOrganiserRow struct {
	ContestID string
	UserID    string
}

func (contestOrganiserRow) TableName() string { return "contest_organisers" }

// summaryColumns selects a contest with its owner's name and counts; the owner is joined with
// selectContests.
const summaryColumns = "contests.*, " + ownerName + " AS owner_name, " +
	"(SELECT COUNT(*) FROM participants WHERE participants.contest_id = contests.id AND participants.kicked = ?) AS participant_count, " +
	"(SELECT COUNT(*) FROM round_items JOIN rounds ON rounds.id = round_items.round_id WHERE rounds.contest_id = contests.id) AS item_count"

// selectContests starts a query of contests with their owner's name, and their counts when
// summary is set.
func selectContests(tx *gorm.DB, summary bool) *gorm.DB {
	q := tx.Model(&contestRow{}).Joins("LEFT JOIN users owners ON owners.id = contests.owner_id")
	if summary {
		return q.Select(summaryColumns, false)
	}
	return q.Select("contests.*, " + ownerName + " AS owner_name")
}

// addCoOrganisers fills in the co-organisers of each contest, in one query for all of them.
func addCoOrganisers(tx *gorm.DB, contests []*quiz.Contest) error {
	if len(contests) == 0 {
		return nil
	}
	index := make(map[string]*quiz.Contest, len(contests))
	ids := make([]string, len(contests))
	for i, c := range contests {
		c.CoOrganisers = []string{}
		index[c.ID], ids[i] = c, c.ID
	}
	var rows []contestOrganiserRow
	if err := tx.Where("contest_id IN ?", ids).Order("contest_id, user_id").Find(&rows).Error; err != nil {
		return fmt.Errorf("load co-organisers of %d contests: %w", len(ids), err)
	}
	for _, r := range rows {
		c := index[r.ContestID]
		c.CoOrganisers = append(c.CoOrganisers, r.UserID)
	}
	return nil
}

type roundRow struct {
	ID        string
	ContestID string
	Position  int
	Title     string
	Kind      string
	Scoring   string
	AutoClose bool
	Weight    int
	Settings  string
}

// tieBreakRow is a tie-break rule as the contests.tie_breaks column keeps it.
type tieBreakRow struct {
	Rule  string `json:"rule"`
	Round int    `json:"round,omitempty"`
}

// roundSettingsRow is a round's settings as the rounds.settings column keeps them.
type roundSettingsRow struct {
	Intro        string `json:"intro,omitempty"`
	StreakBonus  int    `json:"streak_bonus,omitempty"`
	TieBreak     bool   `json:"tie_break,omitempty"`
	GoldenBell   int    `json:"golden_bell,omitempty"`
	OrderPoints  []int  `json:"order_points,omitempty"`
	WrongPenalty int    `json:"wrong_penalty,omitempty"`
	NoNegative   bool   `json:"no_negative,omitempty"`
	StealSec     int    `json:"steal_sec,omitempty"`
	StealPenalty int    `json:"steal_penalty,omitempty"`
	Star         bool   `json:"star,omitempty"`
	Shuffle      bool   `json:"shuffle_options,omitempty"`
	// Draw keeps how the round was drawn, its blueprint's parts as they were then.
	Draw *roundDrawRow `json:"draw,omitempty"`
}

type roundDrawRow struct {
	BlueprintID string    `json:"blueprint_id,omitempty"`
	Title       string    `json:"title"`
	Parts       []partRow `json:"parts"`
	Seed        uint64    `json:"seed"`
}

func encodeRound(r *quiz.Round, contestID string) (roundRow, error) {
	st := r.Settings
	settings, err := json.Marshal(roundSettingsRow{Intro: st.Intro, StreakBonus: st.StreakBonus, TieBreak: st.TieBreak, GoldenBell: st.GoldenBell,
		OrderPoints: st.OrderPoints, WrongPenalty: st.WrongPenalty, NoNegative: st.NoNegative, StealSec: st.StealSec, StealPenalty: st.StealPenalty, Star: st.Star,
		Shuffle: st.ShuffleOptions, Draw: drawRowOf(st.Draw)})
	if err != nil {
		return roundRow{}, fmt.Errorf("encode round settings: %w", err)
	}
	return roundRow{ID: r.ID, ContestID: contestID, Position: r.Position, Title: r.Title, Kind: string(r.Kind), Scoring: string(r.Scoring),
		AutoClose: r.AutoClose, Weight: r.Weight, Settings: string(settings)}, nil
}

func (r *roundRow) round() (quiz.Round, error) {
	var st roundSettingsRow
	if r.Settings != "" {
		if err := json.Unmarshal([]byte(r.Settings), &st); err != nil {
			return quiz.Round{}, fmt.Errorf("decode settings of round %s: %w", r.ID, err)
		}
	}
	return quiz.Round{ID: r.ID, ContestID: r.ContestID, Position: r.Position, Title: r.Title, Kind: quiz.RoundType(r.Kind),
		Scoring: quiz.ScoringMode(r.Scoring), AutoClose: r.AutoClose, Weight: r.Weight,
		Settings: quiz.RoundSettings{Intro: st.Intro, StreakBonus: st.StreakBonus, TieBreak: st.TieBreak, GoldenBell: st.GoldenBell,
			OrderPoints: st.OrderPoints, WrongPenalty: st.WrongPenalty, NoNegative: st.NoNegative, StealSec: st.StealSec, StealPenalty: st.StealPenalty, Star: st.Star,
			ShuffleOptions: st.Shuffle, Draw: st.Draw.draw()}}, nil
}

func drawRowOf(d *quiz.RoundDraw) *roundDrawRow {
	if d == nil {
		return nil
	}
	return &roundDrawRow{BlueprintID: d.BlueprintID, Title: d.Title, Parts: partRows(d.Parts), Seed: d.Seed}
}

func (r *roundDrawRow) draw() *quiz.RoundDraw {
	if r == nil {
		return nil
	}
	parts := make([]quiz.BlueprintPart, len(r.Parts))
	for i, p := range r.Parts {
		parts[i] = p.part()
	}
	return &quiz.RoundDraw{BlueprintID: r.BlueprintID, Title: r.Title, Parts: parts, Seed: r.Seed}
}

func (roundRow) TableName() string { return "rounds" }

type itemRow struct {
	ID           string
	RoundID      string
	Position     int
	QuestionID   *string
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
	// QuestionVersion is the version of the bank's question this copy was made from.
	QuestionVersion int
}

func (itemRow) TableName() string { return "round_items" }

func (r *itemRow) item() (quiz.Item, error) {
	it := quiz.Item{
		ID:         r.ID,
		RoundID:    r.RoundID,
		Position:   r.Position,
		QuestionID: deref(r.QuestionID),
		Question: quiz.Question{
			ID:           deref(r.QuestionID),
			Type:         quiz.QuestionType(r.Type),
			Prompt:       r.Prompt,
			TimeLimitSec: r.TimeLimitSec,
			Points:       r.Points,
			Explanation:  r.Explanation,
			Source:       r.Source,
			Difficulty:   r.Difficulty,
			Image:        r.Image,
			Version:      r.QuestionVersion,
		},
	}
	if err := decodeQuestion(&it.Question, r.Options, r.Correct, r.Key); err != nil {
		return quiz.Item{}, fmt.Errorf("item %s: %w", r.ID, err)
	}
	if err := decodeTags(&it.Question, r.Tags); err != nil {
		return quiz.Item{}, fmt.Errorf("item %s: %w", r.ID, err)
	}
	return it, nil
}

type participantRow struct {
	ID          string
	ContestID   string
	Name        string
	Unit        string
	JoinOrder   int
	TokenHash   *string
	NameKey     string
	Kicked      bool
	RejoinUntil *int64
	CreatedAt   int64 `gorm:"autoCreateTime:milli"`
}

func (participantRow) TableName() string { return "participants" }

func (r *participantRow) participant() *quiz.Participant {
	return &quiz.Participant{
		ID:        r.ID,
		ContestID: r.ContestID,
		Name:      r.Name,
		Unit:      r.Unit,
		JoinOrder: r.JoinOrder,
		TokenHash: deref(r.TokenHash),
		Kicked:    r.Kicked,
		CreatedAt: fromMillis(r.CreatedAt),
	}
}

type answerRow struct {
	ID            string
	ContestID     string
	ItemID        string
	ParticipantID string
	ClientID      string
	Choice        string
	Text          string
	AnswerOrder   string
	Correct       bool
	ElapsedMs     int64
	CreatedAt     int64 `gorm:"autoCreateTime:milli"`
}

func (answerRow) TableName() string { return "answers" }

// randomPIN draws a 6-digit PIN that does not start with 0.
func randomPIN() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(900000))
	if err != nil {
		return "", fmt.Errorf("draw pin: %w", err)
	}
	return fmt.Sprint(100000 + n.Int64()), nil
}

// CreateContest saves c with its rounds and items, open with its lobby showing, under a PIN
// that no unfinished contest uses. Items keep the question content they carry, so later edits
// to a bank do not change the contest.
func (s *ContestService) CreateContest(ctx context.Context, c *quiz.Contest) error {
	if err := c.Validate(); err != nil {
		return err
	}
	ms, t := now()
	c.ID, c.Status, c.CreatedAt, c.UpdatedAt, c.FinishedAt, c.CoOrganisers = newID(), quiz.StatusOpen, t, t, nil, []string{}
	c.Live = quiz.LiveState{Phase: quiz.PhaseLobby, Version: 1, ItemIndex: -1}
	live, err := encodeLive(c.Live)
	if err != nil {
		return err
	}
	tbs := make([]tieBreakRow, len(c.TieBreaks))
	for i, t := range c.TieBreaks {
		tbs[i] = tieBreakRow{Rule: string(t.Rule), Round: t.Round}
	}
	tieBreaks, err := json.Marshal(tbs)
	if err != nil {
		return fmt.Errorf("encode tie-breaks: %w", err)
	}

	var rounds []roundRow
	var items []itemRow
	for i := range c.Rounds {
		r := &c.Rounds[i]
		r.ID, r.ContestID, r.Position = newID(), c.ID, i+1
		row, err := encodeRound(r, c.ID)
		if err != nil {
			return err
		}
		rounds = append(rounds, row)
		for j := range r.Items {
			it := &r.Items[j]
			it.ID, it.RoundID, it.Position = newID(), r.ID, j+1
			it.QuestionID = cmp.Or(it.QuestionID, it.Question.ID)
			it.Question.ID = it.QuestionID
			q := &it.Question
			enc, err := encodeQuestion(q)
			if err != nil {
				return err
			}
			items = append(items, itemRow{
				ID: it.ID, RoundID: r.ID, Position: it.Position, QuestionID: nullable(it.QuestionID),
				Type: string(q.Type), Prompt: q.Prompt, Options: enc.options, Correct: enc.correct,
				TimeLimitSec: q.TimeLimitSec, Points: q.Points, Explanation: q.Explanation,
				Source: q.Source, Tags: enc.tags, Difficulty: q.Difficulty, Image: q.Image, Key: enc.key, QuestionVersion: q.Version,
			})
		}
	}

	for range pinAttempts {
		if c.PIN, err = s.pin(); err != nil {
			return err
		}
		row := contestRow{ID: c.ID, Title: c.Title, PIN: c.PIN, Status: string(c.Status), OwnerID: nullable(c.OwnerID), LiveState: live, LiveVersion: c.Live.Version, TieBreaks: string(tieBreaks), CreatedAt: ms, UpdatedAt: ms}
		err = s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
				return errPINTaken
			} else if errors.Is(err, gorm.ErrForeignKeyViolated) {
				return errNoOwner
			} else if err != nil {
				return fmt.Errorf("insert contest: %w", err)
			}
			if err := tx.Create(&rounds).Error; err != nil {
				return fmt.Errorf("insert %d rounds: %w", len(rounds), err)
			}
			if err := tx.CreateInBatches(&items, s.db.batchSize(20)).Error; err != nil {
				return fmt.Errorf("insert %d items: %w", len(items), err)
			}
			return nil
		})
		if !errors.Is(err, errPINTaken) {
			break
		}
	}
	if errors.Is(err, errPINTaken) {
		return fmt.Errorf("create contest: no free pin after %d attempts", pinAttempts)
	} else if err != nil {
		return fmt.Errorf("create contest: %w", err)
	}
	return nil
}

// FindContest loads a contest with its rounds and items, in play order, and its co-organisers.
func (s *ContestService) FindContest(ctx context.Context, id string) (*quiz.Contest, error) {
	return s.findContest(ctx, id)
}

// FindContestSummary loads a contest without its rounds, with its counts and co-organisers:
// what the access rules and the results need.
func (s *ContestService) FindContestSummary(ctx context.Context, id string) (*quiz.ContestSummary, error) {
	list, err := s.summaries(s.db.Gorm(ctx), selectContests(s.db.Gorm(ctx), true).Where("contests.id = ?", id))
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errNoContest
	}
	return &list[0], nil
}

// ListContests lists the contests viewer may run, newest first, with their counts and
// co-organisers: two queries however many contests there are. The query narrows the list to
// contests viewer owns or co-organises; quiz.CanRunContest has the last word.
func (s *ContestService) ListContests(ctx context.Context, viewer *quiz.User) ([]quiz.ContestSummary, error) {
	if viewer == nil {
		return []quiz.ContestSummary{}, nil
	}
	db := s.db.Gorm(ctx)
	query := selectContests(db, true)
	if viewer.Role != quiz.RoleAdmin {
		query = query.Where("contests.owner_id = ? OR EXISTS (SELECT 1 FROM contest_organisers WHERE contest_organisers.contest_id = contests.id AND contest_organisers.user_id = ?)", viewer.ID, viewer.ID)
	}
	list, err := s.summaries(db, query.Order("contests.created_at DESC, contests.id DESC"))
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(c quiz.ContestSummary) bool { return !quiz.CanRunContest(viewer, &c.Contest) }), nil
}

func (s *ContestService) summaries(db, query *gorm.DB) ([]quiz.ContestSummary, error) {
	var rows []contestRow
	if err := query.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list contests: %w", err)
	}
	list := make([]quiz.ContestSummary, len(rows))
	ptrs := make([]*quiz.Contest, len(rows))
	for i := range rows {
		c, err := rows[i].contest()
		if err != nil {
			return nil, err
		}
		list[i] = quiz.ContestSummary{Contest: *c, ParticipantCount: rows[i].ParticipantCount, ItemCount: rows[i].ItemCount}
		ptrs[i] = &list[i].Contest
	}
	if err := addCoOrganisers(db, ptrs); err != nil {
		return nil, err
	}
	return list, nil
}

// SetCoOrganisers replaces the co-organisers of a contest. An id that names no user is
// EINVALID.
func (s *ContestService) SetCoOrganisers(ctx context.Context, id string, userIDs []string) error {
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		ms, _ := now()
		res := tx.Model(&contestRow{}).Where("id = ?", id).Update("updated_at", ms)
		if res.Error != nil {
			return fmt.Errorf("lock contest %s: %w", id, res.Error)
		} else if res.RowsAffected == 0 {
			return errNoContest
		}
		if err := tx.Where("contest_id = ?", id).Delete(&contestOrganiserRow{}).Error; err != nil {
			return fmt.Errorf("clear co-organisers of contest %s: %w", id, err)
		}
		rows := make([]contestOrganiserRow, 0, len(userIDs))
		for _, u := range slices.Compact(slices.Sorted(slices.Values(userIDs))) {
			rows = append(rows, contestOrganiserRow{ContestID: id, UserID: u})
		}
		if len(rows) == 0 {
			return nil
		}
		if err := tx.Create(&rows).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
			return errUnknownUser
		} else if err != nil {
			return fmt.Errorf("add co-organisers of contest %s: %w", id, err)
		}
		return nil
	})
}

// endedPINMemory is how long after its finish a contest's PIN still says it has ended.
const endedPINMemory = 7 * 24 * time.Hour

// FindContestByPIN finds the open contest with that PIN, without its rounds: every phone that
// joins asks, and needs no more than the contest's id. A PIN only a contest that finished in
// the last week had is quiz.ErrContestEnded; any other is ENOTFOUND.
func (s *ContestService) FindContestByPIN(ctx context.Context, pin string) (*quiz.Contest, error) {
	var row contestRow
	pin = strings.TrimSpace(pin)
	err := s.db.Gorm(ctx).Where("pin = ? AND status = ?", pin, string(quiz.StatusOpen)).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		var n int64
		ms, _ := now()
		since := ms - endedPINMemory.Milliseconds()
		if err := s.db.Gorm(ctx).Model(&contestRow{}).Where("pin = ? AND status = ? AND finished_at > ?", pin, string(quiz.StatusFinished), since).
			Count(&n).Error; err != nil {
			return nil, fmt.Errorf("find finished contest by pin: %w", err)
		} else if n > 0 {
			return nil, quiz.ErrContestEnded
		}
		return nil, errNoPIN
	} else if err != nil {
		return nil, fmt.Errorf("find contest by pin: %w", err)
	}
	return row.contest()
}

func (s *ContestService) findContest(ctx context.Context, id string) (*quiz.Contest, error) {
	db := s.db.Gorm(ctx)
	var row contestRow
	if err := selectContests(db, false).Where("contests.id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoContest
	} else if err != nil {
		return nil, fmt.Errorf("find contest: %w", err)
	}
	c, err := row.contest()
	if err != nil {
		return nil, err
	}
	if err := addCoOrganisers(db, []*quiz.Contest{c}); err != nil {
		return nil, err
	}

	var rounds []roundRow
	if err := db.Where("contest_id = ?", c.ID).Order("position").Find(&rounds).Error; err != nil {
		return nil, fmt.Errorf("load rounds of contest %s: %w", c.ID, err)
	}
	var items []itemRow
	err = db.Model(&itemRow{}).Select("round_items.*").
		Joins("JOIN rounds ON rounds.id = round_items.round_id").
		Where("rounds.contest_id = ?", c.ID).
		Order("rounds.position, round_items.position").
		Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("load items of contest %s: %w", c.ID, err)
	}

	index := make(map[string]int, len(rounds))
	c.Rounds = make([]quiz.Round, len(rounds))
	for i := range rounds {
		if c.Rounds[i], err = rounds[i].round(); err != nil {
			return nil, err
		}
		index[rounds[i].ID] = i
	}
	for i := range items {
		it, err := items[i].item()
		if err != nil {
			return nil, fmt.Errorf("load contest %s: %w", c.ID, err)
		}
		r := &c.Rounds[index[it.RoundID]]
		r.Items = append(r.Items, it)
	}
	return c, nil
}

// UpdateContestStatus changes the status; StatusFinished also sets FinishedAt, and any other
// status clears it. Reopening a contest whose PIN another contest has taken since is ECONFLICT.
func (s *ContestService) UpdateContestStatus(ctx context.Context, id string, status quiz.ContestStatus) error {
	ms, _ := now()
	var finishedAt *int64
	switch status {
	case quiz.StatusFinished:
		finishedAt = &ms
	case quiz.StatusDraft, quiz.StatusOpen:
	default:
		return quiz.Errorf(quiz.EINVALID, "Trạng thái cuộc thi không hợp lệ.")
	}
	res := s.db.Gorm(ctx).Model(&contestRow{}).Where("id = ?", id).
		Updates(map[string]any{"status": string(status), "finished_at": finishedAt, "updated_at": ms})
	if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
		return quiz.Errorf(quiz.ECONFLICT, "Mã PIN của cuộc thi này đã được một cuộc thi khác dùng, không mở lại được.")
	} else if res.Error != nil {
		return fmt.Errorf("update status of contest %s: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoContest
	}
	return nil
}

// FindLiveState returns the stored live state of a contest.
func (s *ContestService) FindLiveState(ctx context.Context, id string) (quiz.LiveState, error) {
	var row contestRow
	err := s.db.Gorm(ctx).Select("live_state").Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return quiz.LiveState{}, errNoContest
	} else if err != nil {
		return quiz.LiveState{}, fmt.Errorf("load live state of contest %s: %w", id, err)
	}
	st, err := decodeLive(row.LiveState)
	if err != nil {
		return quiz.LiveState{}, fmt.Errorf("contest %s: %w", id, err)
	}
	return st, nil
}

// DeleteContest removes a contest with its rounds, items, participants and answers.
func (s *ContestService) DeleteContest(ctx context.Context, id string) error {
	res := s.db.Gorm(ctx).Where("id = ?", id).Delete(&contestRow{})
	if res.Error != nil {
		return fmt.Errorf("delete contest %s: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoContest
	}
	return nil
}

// AddParticipant saves p and gives it the next join order of its contest. The contest's
// counter is incremented in the same transaction, which makes concurrent joins take turns on
// the contest row: join orders run 1, 2, 3… with no gaps or repeats.
func (s *ContestService) AddParticipant(ctx context.Context, p *quiz.Participant) error {
	if err := p.Validate(); err != nil {
		return err
	}
	ms, t := now()
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		var orders []int
		err := tx.Raw("UPDATE contests SET last_join_order = last_join_order + 1 WHERE id = ? RETURNING last_join_order", p.ContestID).Scan(&orders).Error
		if err != nil {
			return fmt.Errorf("next join order of contest %s: %w", p.ContestID, err)
		} else if len(orders) == 0 {
			return errNoContest
		}
		row := participantRow{ID: newID(), ContestID: p.ContestID, Name: p.Name, Unit: p.Unit, JoinOrder: orders[0], TokenHash: nullable(p.TokenHash),
			NameKey: quiz.ParticipantKey(p.Name, p.Unit), CreatedAt: ms}
		if err := tx.Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return quiz.Errorf(quiz.ECONFLICT, "%s", quiz.NameTakenMessage(p.Name, p.Unit))
		} else if err != nil {
			return fmt.Errorf("insert participant: %w", err)
		}
		p.ID, p.JoinOrder, p.Kicked, p.CreatedAt = row.ID, row.JoinOrder, false, t
		return nil
	})
}

// AllowRejoin implements quiz.ContestService.
func (s *ContestService) AllowRejoin(ctx context.Context, id string, until time.Time) error {
	res := s.db.Gorm(ctx).Model(&participantRow{}).Where("id = ? AND NOT kicked", id).Update("rejoin_until", millis(until))
	if res.Error != nil {
		return fmt.Errorf("allow participant %s to rejoin: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoParticipant
	}
	return nil
}

// Rejoin implements quiz.ContestService. The token changes in the statement that checks the
// permission, so two phones rejoining at once cannot both become the contestant.
func (s *ContestService) Rejoin(ctx context.Context, contestID, nameKey, tokenHash string) (*quiz.Participant, error) {
	ms, _ := now()
	res := s.db.Gorm(ctx).Model(&participantRow{}).
		Where("contest_id = ? AND name_key = ? AND NOT kicked AND rejoin_until > ?", contestID, nameKey, ms).
		Updates(map[string]any{"token_hash": tokenHash, "rejoin_until": nil})
	if res.Error != nil {
		return nil, fmt.Errorf("rejoin participant: %w", res.Error)
	} else if res.RowsAffected == 0 {
		return nil, errNoParticipant
	}
	return s.FindParticipantByToken(ctx, tokenHash)
}

// FindParticipant returns the participant with that id.
func (s *ContestService) FindParticipant(ctx context.Context, id string) (*quiz.Participant, error) {
	return s.findParticipant(ctx, "id = ?", id)
}

// FindParticipantByToken finds a participant by the SHA-256 hex of its resume token.
func (s *ContestService) FindParticipantByToken(ctx context.Context, tokenHash string) (*quiz.Participant, error) {
	return s.findParticipant(ctx, "token_hash = ?", tokenHash)
}

func (s *ContestService) findParticipant(ctx context.Context, where string, arg string) (*quiz.Participant, error) {
	var row participantRow
	if err := s.db.Gorm(ctx).Where(where, arg).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoParticipant
	} else if err != nil {
		return nil, fmt.Errorf("find participant: %w", err)
	}
	return row.participant(), nil
}

// ListParticipants returns the participants of a contest in join order.
func (s *ContestService) ListParticipants(ctx context.Context, contestID string) ([]quiz.Participant, error) {
	var rows []participantRow
	if err := s.db.Gorm(ctx).Where("contest_id = ?", contestID).Order("join_order").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list participants of contest %s: %w", contestID, err)
	}
	ps := make([]quiz.Participant, len(rows))
	for i := range rows {
		ps[i] = *rows[i].participant()
	}
	return ps, nil
}

// SetParticipantKicked marks a participant kicked out, or lets it back in.
func (s *ContestService) SetParticipantKicked(ctx context.Context, id string, kicked bool) error {
	res := s.db.Gorm(ctx).Model(&participantRow{}).Where("id = ?", id).Update("kicked", kicked)
	if res.Error != nil {
		return fmt.Errorf("set participant %s kicked: %w", id, res.Error)
	} else if res.RowsAffected == 0 {
		return errNoParticipant
	}
	return nil
}

// SaveAnswers stores answers in one transaction. An answer for an item and participant that
// already has one is skipped, not an error: the first stored answer wins. Answers without an id
// or time get one.
//
// Rows go in sorted by item and participant, so concurrent batches that overlap take their
// row locks in the same order and cannot deadlock each other.
func (s *ContestService) SaveAnswers(ctx context.Context, answers []quiz.Answer) error {
	type key struct{ item, participant string }
	seen := make(map[key]bool, len(answers))
	rows := make([]answerRow, 0, len(answers))
	ms, _ := now()
	for i := range answers {
		a := &answers[i]
		k := key{a.ItemID, a.ParticipantID}
		if seen[k] {
			continue
		}
		seen[k] = true
		if a.ID == "" {
			a.ID = newID()
		}
		if a.CreatedAt.IsZero() {
			a.CreatedAt = fromMillis(ms)
		}
		choice, err := json.Marshal(nonNil(a.Choice))
		if err != nil {
			return fmt.Errorf("encode choice: %w", err)
		}
		order, err := json.Marshal(nonNil(a.Order))
		if err != nil {
			return fmt.Errorf("encode order: %w", err)
		}
		rows = append(rows, answerRow{
			ID: a.ID, ContestID: a.ContestID, ItemID: a.ItemID, ParticipantID: a.ParticipantID,
			ClientID: a.ClientID, Choice: string(choice), Text: a.Text, AnswerOrder: string(order), Correct: a.Correct,
			ElapsedMs: a.ElapsedMs, CreatedAt: millis(a.CreatedAt),
		})
	}
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, func(a, b answerRow) int {
		return cmp.Or(strings.Compare(a.ItemID, b.ItemID), strings.Compare(a.ParticipantID, b.ParticipantID))
	})
	onConflict := clause.OnConflict{Columns: []clause.Column{{Name: "item_id"}, {Name: "participant_id"}}, DoNothing: true}
	err := s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Clauses(onConflict).CreateInBatches(&rows, s.db.batchSize(11)).Error
	})
	if err != nil {
		return fmt.Errorf("save %d answers: %w", len(rows), err)
	}
	return nil
}

// ListAnswers returns every stored answer of a contest, oldest first.
func (s *ContestService) ListAnswers(ctx context.Context, contestID string) ([]quiz.Answer, error) {
	var rows []answerRow
	if err := s.db.Gorm(ctx).Where("contest_id = ?", contestID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list answers of contest %s: %w", contestID, err)
	}
	answers := make([]quiz.Answer, len(rows))
	for i, r := range rows {
		answers[i] = quiz.Answer{
			ID: r.ID, ContestID: r.ContestID, ItemID: r.ItemID, ParticipantID: r.ParticipantID,
			ClientID: r.ClientID, Text: r.Text, Correct: r.Correct, ElapsedMs: r.ElapsedMs,
			CreatedAt: fromMillis(r.CreatedAt),
		}
		if err := json.Unmarshal([]byte(r.Choice), &answers[i].Choice); err != nil {
			return nil, fmt.Errorf("decode choice of answer %s: %w", r.ID, err)
		}
		if r.AnswerOrder != "" && r.AnswerOrder != "[]" {
			if err := json.Unmarshal([]byte(r.AnswerOrder), &answers[i].Order); err != nil {
				return nil, fmt.Errorf("decode order of answer %s: %w", r.ID, err)
			}
		}
	}
	return answers, nil
}
