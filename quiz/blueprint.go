package quiz

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Blueprint (đề mẫu) is a recipe for a round: so many questions of each topic and level,
// drawn at random from the banks the drawing user may read, so a trainer need not pick them
// one by one and the same seed always draws the same questions.
type Blueprint struct {
	ID        string
	OwnerID   string
	OwnerName string // the owner's display name, as stored now
	Title     string
	Parts     []BlueprintPart
	CreatedAt time.Time
	UpdatedAt time.Time
}

// BlueprintPart draws questions of one topic: Levels[i] of level i+1 (nhận biết … vận dụng
// cao), then Any more of any level, the unrated ones included.
type BlueprintPart struct {
	// Tag is the topic the questions carry, compared ignoring case and spacing; "" for any.
	Tag string `json:"tag"`
	// Types, when given, are the only kinds drawn.
	Types []QuestionType `json:"types"`
	// BankIDs, when given, are the only banks drawn from (among those the user may read).
	BankIDs []string `json:"bank_ids"`
	// Levels are the counts of nhận biết, thông hiểu, vận dụng and vận dụng cao questions.
	Levels []int `json:"levels"`
	// Any is how many more questions of any level.
	Any int `json:"any"`
}

// Limits of a blueprint.
const (
	MaxBlueprintParts = 20
	maxPartBanks      = 100
	// MaxSeed is the largest seed: the largest integer a browser's number holds exactly.
	MaxSeed = 1<<53 - 1
)

// Count is how many questions the part draws of level (1 … MaxDifficulty), or of any level
// when level is 0.
func (p *BlueprintPart) Count(level int) int {
	if level == 0 {
		return p.Any
	}
	if level > len(p.Levels) {
		return 0
	}
	return p.Levels[level-1]
}

// Total is how many questions the part draws.
func (p *BlueprintPart) Total() int {
	n := p.Any
	for _, c := range p.Levels {
		n += c
	}
	return n
}

// Total is how many questions the blueprint draws.
func (bp *Blueprint) Total() int {
	n := 0
	for i := range bp.Parts {
		n += bp.Parts[i].Total()
	}
	return n
}

// Validate cleans a blueprint and reports the first problem, in Vietnamese: a title, at least
// one question and at most a round's worth, counts of the four known levels, topics as a
// question's topics are written.
func (bp *Blueprint) Validate() error {
	var err error
	if bp.Title, err = CleanText(bp.Title, TextRule{Field: "tên đề mẫu", Max: MaxTitleLen, Required: true}); err != nil {
		return err
	}
	return ValidateParts(bp.Parts)
}

// ValidateParts cleans the parts of a blueprint (also one given whole to a draw, without a
// title) and reports the first problem.
func ValidateParts(parts []BlueprintPart) error {
	if len(parts) == 0 {
		return Errorf(EINVALID, "Đề mẫu cần ít nhất một phần.")
	} else if len(parts) > MaxBlueprintParts {
		return Errorf(EINVALID, "Một đề mẫu có nhiều nhất %d phần.", MaxBlueprintParts)
	}
	total := 0
	for i := range parts {
		p := &parts[i]
		inPart := func(err error) error {
			var e *Error
			if errors.As(err, &e) {
				return Errorf(e.Code, "Phần %d: %s", i+1, e.Message)
			}
			return err
		}
		var err error
		if p.Tag, err = CleanText(p.Tag, TextRule{Field: "chủ đề", Max: MaxTagLen}); err != nil {
			return inPart(err)
		}
		if len(p.Levels) > MaxDifficulty {
			return inPart(Errorf(EINVALID, "chỉ có %d mức độ: nhận biết, thông hiểu, vận dụng, vận dụng cao.", MaxDifficulty))
		}
		p.Levels = append(slices.Clone(p.Levels), make([]int, MaxDifficulty-len(p.Levels))...)
		for level := 0; level <= MaxDifficulty; level++ {
			if n := p.Count(level); n < 0 || n > MaxRoundItems {
				return inPart(Errorf(EINVALID, "số câu mỗi mức phải từ 0 đến %d.", MaxRoundItems))
			}
		}
		if p.Total() == 0 {
			return inPart(Errorf(EINVALID, "hãy nhập số câu cần rút cho ít nhất một mức độ."))
		}
		total += p.Total()
		if len(p.Types) > len(questionKinds) || len(p.BankIDs) > maxPartBanks {
			return inPart(Errorf(EINVALID, "quá nhiều loại câu hỏi hoặc bộ câu hỏi."))
		}
		for _, t := range p.Types {
			if _, ok := KindOf(t); !ok {
				return inPart(Errorf(EINVALID, "loại câu hỏi “%s” không có.", t))
			}
		}
		p.Types, p.BankIDs = nonNilSlice(p.Types), nonNilSlice(p.BankIDs)
	}
	if total > MaxRoundItems {
		return Errorf(EINVALID, "Đề mẫu rút %d câu; một vòng thi có nhiều nhất %d câu hỏi.", total, MaxRoundItems)
	}
	return nil
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// matches reports whether q may be drawn by the part, whatever its level; key is the part's
// NameKey(Tag), worked out once for the whole pool.
func (p *BlueprintPart) matches(q *Question, key string) bool {
	if len(p.BankIDs) > 0 && !slices.Contains(p.BankIDs, q.BankID) {
		return false
	}
	if len(p.Types) > 0 && !slices.Contains(p.Types, q.Type) {
		return false
	}
	if p.Tag == "" {
		return true
	}
	return slices.ContainsFunc(q.Tags, func(t string) bool { return NameKey(t) == key })
}

// Shortfall is one count of a blueprint that the questions at hand cannot fill.
type Shortfall struct {
	Part  int    // the part, from 1
	Tag   string // the part's topic, "" for any
	Level int    // the level, 0 for any level
	Want  int
	Have  int
}

// Message says the shortfall in a trainer's words: "Chủ đề Điều lệ Đảng, mức vận dụng: cần
// 2, chỉ có 1 câu".
func (s Shortfall) Message() string {
	topic := "Mọi chủ đề"
	if s.Tag != "" {
		topic = "Chủ đề " + s.Tag
	}
	level := "mọi mức"
	if s.Level > 0 && s.Level <= MaxDifficulty {
		level = "mức " + DifficultyNames[s.Level]
	}
	if s.Have == 0 {
		return fmt.Sprintf("%s, %s: cần %d, không còn câu nào", topic, level, s.Want)
	}
	return fmt.Sprintf("%s, %s: cần %d, chỉ có %d câu", topic, level, s.Want, s.Have)
}

// Draw is what a blueprint drew with a seed.
type Draw struct {
	Seed      uint64
	Questions []Question // part by part; in a part, by level from nhận biết, then those of any level
	// Shortfalls are the counts that could not be filled; empty when the draw is whole.
	Shortfalls []Shortfall
}

// ShortError is the error of a round that a draw could not fill, naming each shortfall.
func (d *Draw) ShortError(round int) error {
	if len(d.Shortfalls) == 0 {
		return nil
	}
	msg := fmt.Sprintf("Vòng %d: không đủ câu hỏi theo đề mẫu.", round)
	for _, s := range d.Shortfalls {
		msg += " " + s.Message() + "."
	}
	return &Error{Code: EINVALID, Message: msg}
}

// DrawQuestions draws bp's questions from pool with seed. The draw depends only on the pool's
// questions, not the order they came in: the same pool and seed draw the same questions in
// the same order. No question is drawn twice, nor one in exclude (by id: those of the
// contest's other rounds), nor two of the same prompt (AnswerKey, without diacritics), the
// excluded questions' prompts included. The parts draw in order, so a question two parts
// could take counts for the first; in a part the levels draw before "any level". A count the
// pool cannot fill is drawn as far as it goes and named in Shortfalls.
func DrawQuestions(pool []Question, bp *Blueprint, seed uint64, exclude map[string]bool) (*Draw, error) {
	if seed == 0 || seed > MaxSeed {
		return nil, Errorf(EINVALID, "Mã rút đề phải là một số từ 1 đến %d.", uint64(MaxSeed))
	}
	order := make([]*Question, len(pool))
	for i := range pool {
		order[i] = &pool[i]
	}
	slices.SortFunc(order, func(a, b *Question) int { return cmp.Compare(a.ID, b.ID) })
	rng := rand.New(rand.NewPCG(seed, 0x6864_6974_6869)) // the second word only sets the stream
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })

	taken := map[string]bool{}
	prompts := map[string]bool{}
	promptOf := make(map[string]string, len(order))
	for _, q := range order {
		promptOf[q.ID] = AnswerKey(q.Prompt, true)
		if exclude[q.ID] {
			prompts[promptOf[q.ID]] = true
		}
	}
	d := &Draw{Seed: seed, Questions: []Question{}, Shortfalls: []Shortfall{}}
	for pi := range bp.Parts {
		p := &bp.Parts[pi]
		tagKey := NameKey(p.Tag)
		for _, level := range []int{Recall, Understand, Apply, ApplyHigh, 0} {
			want := p.Count(level)
			have := 0
			for _, q := range order {
				if have == want {
					break
				}
				prompt := promptOf[q.ID]
				if taken[q.ID] || exclude[q.ID] || prompts[prompt] || !p.matches(q, tagKey) || level != 0 && q.Difficulty != level {
					continue
				}
				taken[q.ID], prompts[prompt] = true, true
				d.Questions = append(d.Questions, *q)
				have++
			}
			if have < want {
				d.Shortfalls = append(d.Shortfalls, Shortfall{Part: pi + 1, Tag: p.Tag, Level: level, Want: want, Have: have})
			}
		}
	}
	return d, nil
}

// NewSeed picks a seed short enough to read aloud and type again: five digits.
func NewSeed() uint64 { return 10000 + rand.Uint64N(90000) }

// CanUseBlueprint reports whether u may see, change and draw with bp: its owner or an admin.
func CanUseBlueprint(u *User, bp *Blueprint) bool {
	if u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || u.Role.Can(RoleTrainer) && bp.OwnerID != "" && bp.OwnerID == u.ID
}

// CheckBlueprint is nil when u may use bp, else ENOTFOUND: another's blueprint is not told
// apart from one that does not exist.
func CheckBlueprint(u *User, bp *Blueprint) error {
	if !CanUseBlueprint(u, bp) {
		return errBlueprintNotFound
	}
	return nil
}

var errBlueprintNotFound = Errorf(ENOTFOUND, "Không tìm thấy đề mẫu.")

// TagCount is a topic of the banks a user may read, with how many questions it has of each
// level.
type TagCount struct {
	Tag     string // the spelling most questions use
	Levels  [MaxDifficulty]int
	Unrated int // questions of no level
}

// Total is how many questions carry the tag.
func (t *TagCount) Total() int {
	n := t.Unrated
	for _, c := range t.Levels {
		n += c
	}
	return n
}

// BlueprintService stores blueprints and gives them what to draw from.
type BlueprintService interface {
	CreateBlueprint(ctx context.Context, bp *Blueprint) error
	// FindBlueprint returns a blueprint with its owner's name.
	FindBlueprint(ctx context.Context, id string) (*Blueprint, error)
	// ListBlueprints returns, newest first, the blueprints viewer owns (every one for an admin).
	ListBlueprints(ctx context.Context, viewer *User) ([]Blueprint, error)
	UpdateBlueprint(ctx context.Context, bp *Blueprint) error
	DeleteBlueprint(ctx context.Context, id string) error
	// BlueprintPool returns the questions parts may draw from among the banks viewer may read
	// now: those of the parts' topics, banks and kinds (a superset DrawQuestions narrows).
	BlueprintPool(ctx context.Context, viewer *User, parts []BlueprintPart) ([]Question, error)
	// ListTags returns the topics of the banks viewer may read, with their counts by level,
	// in alphabetical order.
	ListTags(ctx context.Context, viewer *User) ([]TagCount, error)
}
