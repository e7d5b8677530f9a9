package quiz

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"
)

// ScoringMode says how a correct answer is scored in a quiz round.
type ScoringMode string

// Scoring modes of a quiz round.
const (
	FixedPoints ScoringMode = "fixed" // a correct answer earns the item's points
	SpeedPoints ScoringMode = "speed" // round(points * (1 - elapsed/limit/2)): half to full points
)

// ContestStatus is where a contest is in its life; the live phase is kept in LiveState.
type ContestStatus string

// Contest statuses.
const (
	StatusDraft    ContestStatus = "draft"    // being prepared; phones cannot join
	StatusOpen     ContestStatus = "open"     // lobby open or running; the PIN works
	StatusFinished ContestStatus = "finished" // over; results are final
)

// Contest is one event: a title, a PIN phones join with, and its rounds.
type Contest struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	PIN       string        `json:"pin"`
	Status    ContestStatus `json:"status"`
	OwnerID   string        `json:"owner_id"`
	OwnerName string        `json:"owner_name"`
	// CoOrganisers are the users, besides the owner, who may run the contest.
	CoOrganisers []string `json:"co_organisers"`
	Rounds       []Round  `json:"rounds"`
	// TieBreaks order contestants with the same total, first rule first; DefaultTieBreaks
	// when empty.
	TieBreaks  []TieBreak `json:"tie_breaks"`
	Live       LiveState  `json:"live"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	FinishedAt *time.Time `json:"finished_at"`
}

// Items returns every item of every round, in play order.
func (c *Contest) Items() []Item {
	var items []Item
	for _, r := range c.Rounds {
		items = append(items, r.Items...)
	}
	return items
}

// ItemPlace is where an item is played: its round and its place in that round, from 0.
type ItemPlace struct {
	Round, Pos int
	// Index is the item's place among all the contest's items, from 0.
	Index int
}

// ItemPlaces maps each item's id to where it is played.
func (c *Contest) ItemPlaces() map[string]ItemPlace {
	out := map[string]ItemPlace{}
	n := 0
	for ri, r := range c.Rounds {
		for pos, it := range r.Items {
			out[it.ID] = ItemPlace{Round: ri, Pos: pos, Index: n}
			n++
		}
	}
	return out
}

// Validate checks a contest before it is saved.
func (c *Contest) Validate() error {
	var err error
	if c.Title, err = CleanText(c.Title, TextRule{Field: "tên cuộc thi", Max: MaxTitleLen, Required: true}); err != nil {
		return err
	}
	if len(c.Rounds) == 0 {
		return Errorf(EINVALID, "Cuộc thi cần ít nhất một vòng thi.")
	}
	for i := range c.Rounds {
		if err := c.Rounds[i].validate(i); err != nil {
			return err
		}
	}
	return validTieBreaks(c)
}

// validate checks the i-th round of a contest; every problem names the round (by its title,
// or "Vòng N" before it has one) and, for a question, its place in the round.
func (r *Round) validate(i int) error {
	inRound := func(err error) error {
		return Errorf(EINVALID, "Vòng thi “%s”: %s", r.Title, ErrorMessage(err))
	}
	title, err := CleanText(r.Title, TextRule{Field: "tên vòng thi", Max: MaxTitleLen})
	if err != nil {
		return Errorf(EINVALID, "Vòng %d: %s", i+1, ErrorMessage(err))
	}
	r.Title = title
	if r.Title == "" {
		r.Title = fmt.Sprintf("Vòng %d", i+1)
	}
	if r.Kind == "" {
		r.Kind = QuizRound
	}
	kind, ok := RoundKindOf(r.Kind)
	if !ok {
		return inRound(Errorf(EINVALID, "loại vòng thi không hợp lệ."))
	}
	if err := kind.Validate(r); err != nil {
		return inRound(err)
	}
	if r.Weight == 0 {
		r.Weight = 1
	}
	if r.Weight < 0 || r.Weight > MaxWeight {
		return inRound(Errorf(EINVALID, "hệ số điểm phải từ 1 đến %d.", MaxWeight))
	}
	if r.Settings.Intro, err = CleanText(r.Settings.Intro, TextRule{Field: "phần giới thiệu thể lệ", Max: MaxExplanationLen, Multiline: true}); err != nil {
		return inRound(err)
	}
	if len(r.Items) == 0 {
		return inRound(Errorf(EINVALID, "chưa có câu hỏi nào."))
	}
	if len(r.Items) > MaxRoundItems {
		return inRound(Errorf(EINVALID, "một vòng thi có nhiều nhất %d câu hỏi.", MaxRoundItems))
	}
	for j := range r.Items {
		if err := r.Items[j].Question.Validate(); err != nil {
			return Errorf(EINVALID, "Vòng thi “%s”, câu %d: %s", r.Title, j+1, ErrorMessage(err))
		}
	}
	return nil
}

// MaxRoundItems is the most questions one round holds.
const MaxRoundItems = 200

// ContestSummary is a contest as a list shows it: without rounds, with how many
// contestants (not kicked out) and items it has.
type ContestSummary struct {
	Contest
	ParticipantCount int
	ItemCount        int
}

// Round is one round of a contest, played by the rules of its Kind.
type Round struct {
	ID        string      `json:"id"`
	ContestID string      `json:"contest_id"`
	Position  int         `json:"position"`
	Title     string      `json:"title"`
	Kind      RoundType   `json:"kind"`
	Scoring   ScoringMode `json:"scoring"`
	// AutoClose closes each question as soon as every connected contestant has answered.
	AutoClose bool `json:"auto_close"`
	// Weight (hệ số) is how many times the round's points count in the total (1 when 0). A
	// tie-break round (Settings.TieBreak) counts for nothing in it, whatever its weight.
	Weight   int           `json:"weight"`
	Settings RoundSettings `json:"settings"`
	Items    []Item        `json:"items"`
}

// EffectiveWeight is how many times the round's points count in the total.
func (r *Round) EffectiveWeight() int {
	if r.Settings.TieBreak {
		return 0
	}
	return max(r.Weight, 1)
}

// RoundSettings are the settings of a round's kind; each kind reads its own.
type RoundSettings struct {
	// Intro is the rules the projector shows before the round starts.
	Intro string `json:"intro,omitempty"`
	// StreakBonus (quiz) is added once per earlier right answer in a row, up to five times.
	StreakBonus int `json:"streak_bonus,omitempty"`
	// TieBreak marks a round played only to separate contestants with the same total: its
	// points count in a "round" tie-break rule, not in the total.
	TieBreak bool `json:"tie_break,omitempty"`
	// GoldenBell (elimination) is the place in the round, from 1, of the golden-bell
	// question, played as soon as one to three contestants remain; 0 for none.
	GoldenBell int `json:"golden_bell,omitempty"`
	// OrderPoints (speed order) are the points of the first, second… right answer by server
	// arrival, such as 40, 30, 20, 10; later right answers earn nothing.
	OrderPoints []int `json:"order_points,omitempty"`
	// WrongPenalty (buzzer) is what a wrong answer after winning the buzzer costs.
	WrongPenalty int `json:"wrong_penalty,omitempty"`
	// NoNegative (buzzer) keeps a contestant's points in the round from going below zero.
	NoNegative bool `json:"no_negative,omitempty"`
	// StealSec (buzzer) is how long the others may press to steal after a wrong answer; 0
	// for no steals. StealPenalty is what a wrong steal costs.
	StealSec     int `json:"steal_sec,omitempty"`
	StealPenalty int `json:"steal_penalty,omitempty"`
	// Star (buzzer) lets each contestant play a star of hope once in the round: the item's
	// points double, and a miss costs its value.
	Star bool `json:"star,omitempty"`
	// ShuffleOptions shows each contestant the options of a choice question in an order of
	// their own (ShownOptions), so a neighbour's phone gives nothing away.
	ShuffleOptions bool `json:"shuffle_options,omitempty"`
	// Draw is the blueprint and seed the round's questions were drawn with, if they were, so
	// the draw can be explained and repeated.
	Draw *RoundDraw `json:"draw,omitempty"`
}

// RoundDraw is how a round's questions were drawn: the blueprint as it was then, and the seed.
// The same banks drawn again with the seed, leaving out the same questions, give the same ones.
type RoundDraw struct {
	BlueprintID string          `json:"blueprint_id"` // "" for a blueprint given whole, not saved
	Title       string          `json:"title"`
	Parts       []BlueprintPart `json:"parts"`
	Seed        uint64          `json:"seed"`
}

// Item is one question as played in a round: a copy of the bank question taken when the
// contest was created, so later edits to the bank do not change a contest.
type Item struct {
	ID         string   `json:"id"`
	RoundID    string   `json:"round_id"`
	Position   int      `json:"position"`
	QuestionID string   `json:"question_id"` // the bank question it was copied from, if any
	Question   Question `json:"question"`
}

// Phase is where the live contest is.
type Phase string

// Phases of the live state machine.
const (
	PhaseLobby      Phase = "lobby"
	PhaseRoundIntro Phase = "round_intro"
	PhaseItemOpen   Phase = "item_open"
	PhaseItemClosed Phase = "item_closed"
	PhaseReveal     Phase = "reveal"
	PhaseStandings  Phase = "standings"
	PhaseFinished   Phase = "finished"
)

// LiveState is the durable part of the live state machine, saved on every transition so a
// restarted server continues where it was.
type LiveState struct {
	Phase     Phase `json:"phase"`
	Version   int64 `json:"version"`    // +1 on every transition; commands name the version they expect
	ItemIndex int   `json:"item_index"` // index into Contest.Items(), -1 before the first item
	// RoundIndex is the round being played, or introduced in PhaseRoundIntro (0 in the lobby).
	RoundIndex int   `json:"round_index"`
	OpensAt    int64 `json:"opens_at"`  // server unix ms the current item opened
	ClosesAt   int64 `json:"closes_at"` // server unix ms the current item closes (deadline)
	Paused     bool  `json:"paused"`
	// PausedRemainingMs is the time the open item had left when it was paused.
	PausedRemainingMs int64 `json:"paused_remaining_ms"`
	// PausedTotalMs is how long the current item has been paused, not counted as answer time.
	PausedTotalMs int64 `json:"paused_total_ms"`
	PausedAt      int64 `json:"paused_at"`
	// Locked is set while the organiser refuses new contestants; resumes still work.
	Locked bool `json:"locked"`
	// Buzz is the current item's buzzer state in a buzzer round, nil otherwise.
	Buzz *BuzzState `json:"buzz,omitempty"`
}

// ErrContestEnded is what a PIN of a contest that has finished finds (for a week after the
// finish, while nobody has taken the PIN since): the phone says the contest is over rather
// than that the PIN is wrong.
var ErrContestEnded = Errorf(ECONFLICT, "Cuộc thi này đã kết thúc. Cảm ơn đồng chí đã tham gia.")

// Participant is a contestant who joined a contest from a phone.
type Participant struct {
	ID        string    `json:"id"`
	ContestID string    `json:"contest_id"`
	Name      string    `json:"name"`
	Unit      string    `json:"unit"` // chi bộ / đơn vị
	JoinOrder int       `json:"join_order"`
	TokenHash string    `json:"-"`
	Kicked    bool      `json:"kicked"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate trims and checks what a contestant typed on the join page.
func (p *Participant) Validate() error {
	var err error
	if p.Name, err = CleanText(p.Name, TextRule{Field: "họ và tên", Max: MaxNameLen, Required: true, Person: true}); err != nil {
		return err
	}
	p.Unit, err = CleanText(p.Unit, TextRule{Field: "chi bộ / đơn vị", Max: MaxUnitLen, Required: true, Person: true})
	return err
}

// ParticipantKey is what makes two contestants of one contest the same person: their name
// and unit compared by NameKey, joined by a line break, which neither can hold.
func ParticipantKey(name, unit string) string { return NameKey(name) + "\n" + NameKey(unit) }

// NameTakenMessage tells a contestant that someone of that name and unit has joined already.
func NameTakenMessage(name, unit string) string {
	return fmt.Sprintf("Đã có thí sinh tên %s của %s trong cuộc thi. Nếu đó là đồng chí, hãy mở lại trang trên máy đã vào thi, hoặc nhờ Ban tổ chức bấm “Cho vào lại” để thi tiếp trên máy này; nếu không, hãy ghi thêm tên đệm hoặc năm sinh để phân biệt.", name, unit)
}

// Answer is one contestant's answer to one item; there is at most one per item and participant.
type Answer struct {
	ID            string    `json:"id"`
	ContestID     string    `json:"contest_id"`
	ItemID        string    `json:"item_id"`
	ParticipantID string    `json:"participant_id"`
	ClientID      string    `json:"client_id"` // the id the phone gave it, so a resend is recognised
	Choice        []int     `json:"choice"`
	Text          string    `json:"text"`    // what was typed (short answer, numeric)
	Order         []int     `json:"order"`   // ordering: the right-order indexes of the options put first, second…
	Correct       bool      `json:"correct"` // the question kind's grade when it arrived was 1; points are the ledger's
	ElapsedMs     int64     `json:"elapsed_ms"`
	CreatedAt     time.Time `json:"created_at"`
}

// IsCorrect reports whether choice is exactly the answer key (order does not matter).
func IsCorrect(key, choice []int) bool {
	a := slices.Sorted(slices.Values(key))
	b := slices.Compact(slices.Sorted(slices.Values(choice)))
	return slices.Equal(a, b)
}

// Score is the points a correct answer earns: fixed, or by speed with
// round(points * (1 - elapsed/limit/2)). elapsed is clamped to [0, limit].
func Score(mode ScoringMode, points int, elapsedMs, limitMs int64) int {
	if mode != SpeedPoints || limitMs <= 0 {
		return points
	}
	e := min(max(elapsedMs, 0), limitMs)
	return int(math.Round(float64(points) * (1 - float64(e)/float64(limitMs)/2)))
}

// PartialScore is the points of an answer graded grade (0 … 1): round(points × speed factor
// × grade), the speed factor being Score's.
func PartialScore(mode ScoringMode, points int, elapsedMs, limitMs int64, grade float64) int {
	factor := 1.0
	if mode == SpeedPoints && limitMs > 0 {
		e := min(max(elapsedMs, 0), limitMs)
		factor = 1 - float64(e)/float64(limitMs)/2
	}
	return int(math.Round(float64(points) * factor * min(max(grade, 0), 1)))
}

// ContestService stores contests, their participants and answers.
type ContestService interface {
	// CreateContest saves c with its rounds and items and gives it a PIN unused by any
	// contest that is not finished.
	CreateContest(ctx context.Context, c *Contest) error
	// FindContest loads a contest with its rounds, items and co-organisers.
	FindContest(ctx context.Context, id string) (*Contest, error)
	// FindContestSummary loads a contest without rounds, with its counts and co-organisers.
	FindContestSummary(ctx context.Context, id string) (*ContestSummary, error)
	// FindContestByPIN finds the open contest with that PIN, without its rounds.
	FindContestByPIN(ctx context.Context, pin string) (*Contest, error)
	// ListContests lists, newest first, the contests viewer may run (CanRunContest).
	ListContests(ctx context.Context, viewer *User) ([]ContestSummary, error)
	// SetCoOrganisers replaces a contest's co-organisers. An unknown user id is EINVALID.
	SetCoOrganisers(ctx context.Context, id string, userIDs []string) error
	// UpdateContestStatus changes the status; StatusFinished also sets FinishedAt.
	UpdateContestStatus(ctx context.Context, id string, status ContestStatus) error
	// SaveTransition stores a transition's state if the stored state still has version
	// t.Prev (compare-and-swap), with its ledger lines and audit entry, in one transaction;
	// otherwise it is ECONFLICT and nothing changes. Lines and entry without an id or time
	// get them.
	SaveTransition(ctx context.Context, id string, t Transition) error
	// ListScoreChanges returns the contest's ledger lines written after version after, in
	// the order they were written.
	ListScoreChanges(ctx context.Context, contestID string, after int64) ([]ScoreChange, error)
	// ListAudit returns the contest's audit entries of the versions after after (-1 for all),
	// oldest first.
	ListAudit(ctx context.Context, contestID string, after int64) ([]AuditEntry, error)
	// FindLiveState returns the stored live state of a contest.
	FindLiveState(ctx context.Context, id string) (LiveState, error)
	DeleteContest(ctx context.Context, id string) error

	// AddParticipant saves p and gives it the next join order of its contest. A contestant of
	// the same ParticipantKey (kicked or not) is ECONFLICT.
	AddParticipant(ctx context.Context, p *Participant) error
	FindParticipant(ctx context.Context, id string) (*Participant, error)
	// FindParticipantByToken finds a participant by the SHA-256 hex of its resume token.
	FindParticipantByToken(ctx context.Context, tokenHash string) (*Participant, error)
	ListParticipants(ctx context.Context, contestID string) ([]Participant, error)
	SetParticipantKicked(ctx context.Context, id string, kicked bool) error
	// AllowRejoin lets the participant join again from another phone until until, under the
	// same name and unit, as themselves.
	AllowRejoin(ctx context.Context, id string, until time.Time) error
	// Rejoin hands the participant of contestID with that name key (quiz.ParticipantKey) a new
	// resume token, if the organiser allowed it and until has not passed (then it is used up):
	// the old phone's token stops working. ENOTFOUND otherwise.
	Rejoin(ctx context.Context, contestID, nameKey, tokenHash string) (*Participant, error)

	// SaveAnswers stores answers in one transaction. An answer for an item and participant
	// that already has one is skipped, not an error: the first stored answer wins.
	SaveAnswers(ctx context.Context, answers []Answer) error
	// ListAnswers returns every stored answer of a contest.
	ListAnswers(ctx context.Context, contestID string) ([]Answer, error)
}

// BuzzState is the live state of a buzzer item (giành quyền trả lời): who pressed, who won
// the right to answer aloud, who was marked wrong, and the steal window.
type BuzzState struct {
	// Attempt counts the rounds of presses on the item: 0 for the first, then one per steal.
	Attempt int `json:"attempt"`
	// Winner has the right to answer now; empty while presses are awaited.
	Winner string `json:"winner"`
	// Presses are the current attempt's first presses in server order, the winner first.
	Presses []Press `json:"presses"`
	// Out are the contestants marked wrong on this item: they may not press again.
	Out []string `json:"out"`
	// StealUntil is when the steal window closes (server unix ms), 0 when none is open.
	StealUntil int64 `json:"steal_until"`
	// Star is the contestant who plays the star of hope on this item, if any.
	Star string `json:"star"`
}

// Press is one press of the buzzer, timed by the server.
type Press struct {
	ParticipantID string `json:"participant_id"`
	At            int64  `json:"at"`     // server unix ms it arrived
	GapMs         int64  `json:"gap_ms"` // after the first press of its attempt
}
