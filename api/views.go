package api

import (
	"time"

	"hoithi/quiz"
)

// The API's answers are the types below, each built from the domain by one function, with
// exactly the members API.md documents: a change to a domain struct does not change what
// clients receive unless one of these functions is changed too.

// contestSummaryView is a contest as the organiser's list and the results page show it.
type contestSummaryView struct {
	ID               string             `json:"id"`
	Title            string             `json:"title"`
	PIN              string             `json:"pin"`
	Status           quiz.ContestStatus `json:"status"`
	Phase            quiz.Phase         `json:"phase"`
	ParticipantCount int                `json:"participant_count"`
	ItemCount        int                `json:"item_count"`
	OwnerID          string             `json:"owner_id"`
	OwnerName        string             `json:"owner_name"`
	CoOrganisers     []string           `json:"co_organisers"`
	CanManage        bool               `json:"can_manage"`
	CreatedAt        time.Time          `json:"created_at"`
	FinishedAt       *time.Time         `json:"finished_at"`
}

func viewContestSummary(u *quiz.User, sum *quiz.ContestSummary) contestSummaryView {
	ct := &sum.Contest
	return contestSummaryView{ID: ct.ID, Title: ct.Title, PIN: ct.PIN, Status: ct.Status, Phase: ct.Live.Phase,
		ParticipantCount: sum.ParticipantCount, ItemCount: sum.ItemCount, OwnerID: ct.OwnerID, OwnerName: ct.OwnerName,
		CoOrganisers: nonNil(ct.CoOrganisers), CanManage: quiz.CanManageContest(u, ct), CreatedAt: ct.CreatedAt, FinishedAt: ct.FinishedAt}
}

// contestListView answers GET /api/contests.
type contestListView struct {
	Contests []contestSummaryView `json:"contests"`
}

// contestView is a contest with its rounds, as the control panel loads it.
type contestView struct {
	ID           string             `json:"id"`
	Title        string             `json:"title"`
	PIN          string             `json:"pin"`
	Status       quiz.ContestStatus `json:"status"`
	JoinURL      string             `json:"join_url"`
	Rounds       []roundView        `json:"rounds"`
	TieBreaks    []tieBreakView     `json:"tie_breaks"`
	Live         liveView           `json:"live"`
	OwnerID      string             `json:"owner_id"`
	OwnerName    string             `json:"owner_name"`
	CoOrganisers []string           `json:"co_organisers"`
	CanManage    bool               `json:"can_manage"`
	CreatedAt    time.Time          `json:"created_at"`
	FinishedAt   *time.Time         `json:"finished_at"`
}

// viewContest adds the join address and what the caller may do to a contest.
func viewContest(u *quiz.User, ct *quiz.Contest, joinURL string) contestView {
	rounds := make([]roundView, len(ct.Rounds))
	for i := range ct.Rounds {
		rounds[i] = viewRound(&ct.Rounds[i])
	}
	return contestView{ID: ct.ID, Title: ct.Title, PIN: ct.PIN, Status: ct.Status, JoinURL: joinURL,
		Rounds: rounds, TieBreaks: viewTieBreaks(ct), Live: viewLive(ct.Live), OwnerID: ct.OwnerID, OwnerName: ct.OwnerName, CoOrganisers: nonNil(ct.CoOrganisers),
		CanManage: quiz.CanManageContest(u, ct), CreatedAt: ct.CreatedAt, FinishedAt: ct.FinishedAt}
}

// roundView is one round of a contestView.
type roundView struct {
	ID      string           `json:"id"`
	Title   string           `json:"title"`
	Kind    quiz.RoundType   `json:"kind"`
	Scoring quiz.ScoringMode `json:"scoring"`
	// AutoClose: each question closes once every connected contestant has answered.
	AutoClose bool         `json:"auto_close"`
	Weight    int          `json:"weight"`
	Settings  settingsBody `json:"settings"`
	Items     []itemView   `json:"items"`
}

func viewRound(r *quiz.Round) roundView {
	items := make([]itemView, len(r.Items))
	for i := range r.Items {
		items[i] = viewItem(&r.Items[i])
	}
	st := r.Settings
	return roundView{ID: r.ID, Title: r.Title, Kind: r.Kind, Scoring: r.Scoring, AutoClose: r.AutoClose, Weight: r.Weight,
		Settings: settingsBody{Intro: st.Intro, StreakBonus: st.StreakBonus, TieBreak: st.TieBreak, GoldenBell: st.GoldenBell,
			OrderPoints: nonNil(st.OrderPoints), WrongPenalty: st.WrongPenalty, NoNegative: st.NoNegative, StealSec: st.StealSec,
			StealPenalty: st.StealPenalty, Star: st.Star, ShuffleOptions: st.ShuffleOptions, Draw: viewRoundDraw(st.Draw)},
		Items: items}
}

// tieBreakView is one of a contest's tie-break rules, in the order they apply.
type tieBreakView = tieBreakBody

// viewTieBreaks lists the contest's tie-break rules, or the default ones when it has none.
func viewTieBreaks(ct *quiz.Contest) []tieBreakView {
	rules := ct.TieBreaks
	if len(rules) == 0 {
		rules = quiz.DefaultTieBreaks
	}
	out := make([]tieBreakView, len(rules))
	for i, t := range rules {
		out[i] = tieBreakView{Rule: t.Rule, Round: t.Round}
	}
	return out
}

// itemView is one item of a roundView, with the question as copied into the contest.
type itemView struct {
	ID       string           `json:"id"`
	Position int              `json:"position"`
	Question itemQuestionView `json:"question"`
}

func viewItem(it *quiz.Item) itemView {
	return itemView{ID: it.ID, Position: it.Position, Question: itemQuestionView{ID: it.QuestionID, Version: it.Question.Version,
		questionFields: fieldsOf(&it.Question)}}
}

// itemQuestionView is a contest's copy of a question: what it holds, and the bank question
// it was copied from (empty when that question was deleted). A copy has no bank, place in a
// bank or times of its own.
type itemQuestionView struct {
	ID string `json:"id"`
	// Version is the version of the bank question it was copied from (0 for copies made
	// before questions had versions).
	Version int `json:"version"`
	questionFields
}

// liveView is where a contest's live state machine is, as far as a page loading the contest
// needs it; the clock and the pause bookkeeping come over the host socket.
type liveView struct {
	Phase     quiz.Phase `json:"phase"`
	Version   int64      `json:"version"`
	ItemIndex int        `json:"item_index"`
	Paused    bool       `json:"paused"`
	Locked    bool       `json:"locked"`
}

func viewLive(st quiz.LiveState) liveView {
	return liveView{Phase: st.Phase, Version: st.Version, ItemIndex: st.ItemIndex, Paused: st.Paused, Locked: st.Locked}
}

// commandView answers a command: the live version and phase it led to.
type commandView struct {
	Version int64      `json:"version"`
	Phase   quiz.Phase `json:"phase"`
}

// joinView answers a PIN look-up from a phone.
type joinView struct {
	ContestID string     `json:"contest_id"`
	Title     string     `json:"title"`
	Phase     quiz.Phase `json:"phase"`
	Locked    bool       `json:"locked"`
}

// standingView is one line of a contest's results.
type standingView struct {
	Rank          int    `json:"rank"`
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	Score         int    `json:"score"`
	TimeMs        int64  `json:"time_ms"`
	Correct       int    `json:"correct"`
	JoinOrder     int    `json:"join_order"`
	// Rounds are the points of each round before weights, in round order.
	Rounds []int `json:"rounds"`
}

func viewStanding(s *quiz.Standing) standingView {
	return standingView{Rank: s.Rank, ParticipantID: s.ParticipantID, Name: s.Name, Unit: s.Unit, Score: s.Score,
		TimeMs: s.TimeMs, Correct: s.Correct, JoinOrder: s.JoinOrder, Rounds: nonNil(s.Rounds)}
}

// resultsView answers GET /api/contests/:id/results.
type resultsView struct {
	Contest   contestSummaryView `json:"contest"`
	Rounds    []resultRoundView  `json:"rounds"`
	TieBreaks []tieBreakView     `json:"tie_breaks"`
	Standings []standingView     `json:"standings"`
	// Questions are how the room answered each question, in play order.
	Questions []questionResultView `json:"questions"`
}

// resultRoundView names a round of the results: the columns of each standing's rounds.
type resultRoundView struct {
	Title  string         `json:"title"`
	Kind   quiz.RoundType `json:"kind"`
	Weight int            `json:"weight"`
	// TieBreak marks a round that counts only to separate contestants with the same total.
	TieBreak bool `json:"tie_break"`
	// ShuffleOptions: phones showed the options in orders of their own, so the letters of the
	// results (the bank's order) are not the ones each contestant saw.
	ShuffleOptions bool `json:"shuffle_options"`
}

func viewResults(r *record) resultsView {
	out := make([]standingView, len(r.standings))
	for i := range r.standings {
		out[i] = viewStanding(&r.standings[i])
	}
	rounds := make([]resultRoundView, len(r.contest.Rounds))
	for i := range r.contest.Rounds {
		rd := &r.contest.Rounds[i]
		rounds[i] = resultRoundView{Title: rd.Title, Kind: rd.Kind, Weight: rd.EffectiveWeight(), TieBreak: rd.Settings.TieBreak,
			ShuffleOptions: rd.Settings.ShuffleOptions}
	}
	return resultsView{Contest: r.sum, Rounds: rounds, TieBreaks: viewTieBreaks(r.contest), Standings: out, Questions: viewQuestionResults(r)}
}

// auditView answers GET /api/contests/:id/audit: every score change and every command (of the
// versions after the one asked for). Version is the last version it holds, to ask after next.
type auditView struct {
	Version      int64             `json:"version"`
	ScoreChanges []scoreChangeView `json:"score_changes"`
	Commands     []commandLogView  `json:"commands"`
}

// scoreChangeView is one line of the score ledger.
type scoreChangeView struct {
	ID            string           `json:"id"`
	At            time.Time        `json:"at"`
	ParticipantID string           `json:"participant_id"`
	Name          string           `json:"name"`
	Round         int              `json:"round"` // from 1
	Item          int              `json:"item"`  // place of the question in its round, from 1; 0 for none
	Points        int              `json:"points"`
	Before        int              `json:"before"`
	After         int              `json:"after"`
	Reason        quiz.ScoreReason `json:"reason"`
	Note          string           `json:"note"`
	ActorName     string           `json:"actor_name"`
}

// commandLogView is one organiser command of the audit log.
type commandLogView struct {
	At            time.Time `json:"at"`
	Version       int64     `json:"version"`
	Cmd           string    `json:"cmd"`
	ActorName     string    `json:"actor_name"`
	ParticipantID string    `json:"participant_id"`
	Name          string    `json:"name"`
	Round         int       `json:"round"`
	Points        int       `json:"points"`
	Seconds       int       `json:"seconds"`
	Reason        string    `json:"reason"`
	// Rescue and mark arguments.
	ParticipantIDs []string `json:"participant_ids"`
	All            bool     `json:"all"`
	Best           int      `json:"best"`
	Right          bool     `json:"right"`
}

func viewAudit(r *record, after int64) auditView {
	rounds := map[string]int{}
	for i, rd := range r.contest.Rounds {
		rounds[rd.ID] = i + 1
	}
	places := r.contest.ItemPlaces()
	out := auditView{Version: max(after, 0), ScoreChanges: make([]scoreChangeView, len(r.ledger)), Commands: make([]commandLogView, len(r.audit))}
	for i, ch := range r.ledger {
		out.Version = max(out.Version, ch.Version)
		item := 0
		if at, ok := places[ch.ItemID]; ok {
			item = at.Pos + 1
		}
		out.ScoreChanges[i] = scoreChangeView{ID: ch.ID, At: ch.At, ParticipantID: ch.ParticipantID, Name: r.names[ch.ParticipantID],
			Round: rounds[ch.RoundID], Item: item, Points: ch.Points, Before: ch.Before, After: ch.After, Reason: ch.Reason,
			Note: ch.Note, ActorName: ch.ActorName}
	}
	// A command that names no contestant but changed the score of exactly one (a buzzer mark:
	// the winner is in the live state, not the command) is shown with that contestant.
	subject := map[int64]string{}
	for _, ch := range r.ledger {
		if who, seen := subject[ch.Version]; !seen {
			subject[ch.Version] = ch.ParticipantID
		} else if who != ch.ParticipantID {
			subject[ch.Version] = ""
		}
	}
	for i, a := range r.audit {
		out.Version = max(out.Version, a.Version)
		c := a.Command
		if c.ParticipantID == "" && len(c.ParticipantIDs) == 0 {
			c.ParticipantID = subject[a.Version]
		}
		out.Commands[i] = commandLogView{At: a.At, Version: a.Version, Cmd: c.Name, ActorName: a.ActorName, ParticipantID: c.ParticipantID,
			Name: r.names[c.ParticipantID], Round: c.Round, Points: c.Points, Seconds: c.Seconds, Reason: c.Reason,
			ParticipantIDs: nonNil(c.ParticipantIDs), All: c.All, Best: c.Best, Right: c.Right}
	}
	return out
}

// bankView is a bank as the API shows it to one user.
type bankView struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	OwnerID       string    `json:"owner_id"`
	OwnerName     string    `json:"owner_name"`
	SharedWith    []string  `json:"shared_with"`
	SharedAll     bool      `json:"shared_all"`
	CanEdit       bool      `json:"can_edit"`
	QuestionCount int       `json:"question_count"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func viewBank(u *quiz.User, b *quiz.Bank) bankView {
	return bankView{ID: b.ID, Title: b.Title, Description: b.Description, OwnerID: b.OwnerID, OwnerName: b.OwnerName,
		SharedWith: nonNil(b.SharedWith), SharedAll: b.SharedAll, CanEdit: quiz.CanEditBank(u, b), QuestionCount: b.QuestionCount,
		CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt}
}

// bankListView answers GET /api/banks.
type bankListView struct {
	Banks []bankView `json:"banks"`
}

// bankPageView is a bank with its questions (or those a search found), as the bank editor
// loads it.
type bankPageView struct {
	Bank      bankView       `json:"bank"`
	Questions []questionView `json:"questions"`
}

func viewBankPage(u *quiz.User, b *quiz.Bank, qs []quiz.Question) bankPageView {
	out := bankPageView{Bank: viewBank(u, b), Questions: make([]questionView, len(qs))}
	for i := range qs {
		out.Questions[i] = viewQuestion(&qs[i])
	}
	return out
}

// questionView is a question of a bank.
type questionView struct {
	ID       string `json:"id"`
	BankID   string `json:"bank_id"`
	Position int    `json:"position"`
	Version  int    `json:"version"`
	questionFields
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func viewQuestion(q *quiz.Question) questionView {
	return questionView{ID: q.ID, BankID: q.BankID, Position: q.Position, Version: q.Version, questionFields: fieldsOf(q),
		CreatedAt: q.CreatedAt, UpdatedAt: q.UpdatedAt}
}

// questionFields are what a question holds: what an organiser sends to write one and what
// every view of a question shows. This is the api's one list of them.
type questionFields struct {
	Type         quiz.QuestionType `json:"type"`
	Prompt       string            `json:"prompt"`
	Options      []string          `json:"options"`
	Correct      []int             `json:"correct"`
	Partial      bool              `json:"partial"`
	Answers      []string          `json:"answers"`
	NoDiacritics bool              `json:"no_diacritics"`
	Value        float64           `json:"value"`
	Tolerance    float64           `json:"tolerance"`
	TimeLimitSec int               `json:"time_limit_sec"`
	Points       int               `json:"points"`
	Explanation  string            `json:"explanation"`
	Source       string            `json:"source"`
	Tags         []string          `json:"tags"`
	Difficulty   int               `json:"difficulty"`
	// Image is the id of the picture shown with the prompt (GET /api/images/:id), or "".
	Image string `json:"image"`
}

func fieldsOf(q *quiz.Question) questionFields {
	return questionFields{Type: q.Type, Prompt: q.Prompt, Options: nonNil(q.Options), Correct: nonNil(q.Correct),
		Partial: q.Partial, Answers: nonNil(q.Answers), NoDiacritics: q.NoDiacritics, Value: q.Value, Tolerance: q.Tolerance,
		TimeLimitSec: q.TimeLimitSec, Points: q.Points, Explanation: q.Explanation, Source: q.Source, Tags: nonNil(q.Tags),
		Difficulty: q.Difficulty, Image: q.Image}
}

func (f questionFields) applyTo(q *quiz.Question) {
	q.Type, q.Prompt, q.Options, q.Correct = f.Type, f.Prompt, f.Options, f.Correct
	q.Partial, q.Answers, q.NoDiacritics, q.Value, q.Tolerance = f.Partial, f.Answers, f.NoDiacritics, f.Value, f.Tolerance
	q.TimeLimitSec, q.Points, q.Explanation, q.Source = f.TimeLimitSec, f.Points, f.Explanation, f.Source
	q.Tags, q.Difficulty, q.Image = f.Tags, f.Difficulty, f.Image
}

// userView is a user as the admin's list and the session show them.
type userView struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        quiz.Role `json:"role"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
}

func viewUser(u *quiz.User) userView {
	return userView{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: u.Role, Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

// userListView answers GET /api/users.
type userListView struct {
	Users []userView `json:"users"`
}

// newUserView answers the creation of an account: the password only when it was generated,
// so that it is shown this once.
type newUserView struct {
	User     userView `json:"user"`
	Password string   `json:"password,omitempty"`
}

// passwordView answers a password reset with the password now set.
type passwordView struct {
	Password string `json:"password"`
}

// sessionView answers a login and /api/me: who is logged in and the token every change
// must carry.
type sessionView struct {
	User      userView `json:"user"`
	CSRFToken string   `json:"csrf_token"`
}

// colleagueView is a user as the share dialogs list them.
type colleagueView struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        quiz.Role `json:"role"`
}

func viewColleague(u *quiz.User) colleagueView {
	return colleagueView{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: u.Role}
}

// colleagueListView answers GET /api/colleagues.
type colleagueListView struct {
	Users []colleagueView `json:"users"`
}

// healthView answers /healthz.
type healthView struct {
	Status   string `json:"status"`
	Mode     string `json:"mode"`
	Instance string `json:"instance"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
