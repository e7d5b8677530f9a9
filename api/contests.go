package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"hoithi/quiz"
	"hoithi/quiz/bankfile"
	"hoithi/realtime"
)

// contestFor loads a contest, without its rounds, that the caller may run, or manage when
// manage is set (quiz.CheckContest).
func (s *Server) contestFor(c *fiber.Ctx, id string, manage bool) (*quiz.ContestSummary, error) {
	sum, err := s.contests.FindContestSummary(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if err := quiz.CheckContest(currentUser(c), &sum.Contest, manage); err != nil {
		return nil, err
	}
	return sum, nil
}

func (s *Server) listContests(c *fiber.Ctx) error {
	u := currentUser(c)
	list, err := s.contests.ListContests(c.UserContext(), u)
	if err != nil {
		return err
	}
	out := contestListView{Contests: make([]contestSummaryView, len(list))}
	for i := range list {
		out.Contests[i] = viewContestSummary(u, &list[i])
	}
	return c.JSON(out)
}

// roundBody is one round of a new contest.
type roundBody struct {
	Title   string           `json:"title"`
	Kind    quiz.RoundType   `json:"kind"`
	Scoring quiz.ScoringMode `json:"scoring"`
	// AutoClose defaults to on, as people expect from Kahoot, except in buzzer rounds.
	AutoClose   *bool        `json:"auto_close"`
	Weight      int          `json:"weight"`
	Settings    settingsBody `json:"settings"`
	QuestionIDs []string     `json:"question_ids"`
}

// settingsBody is a round's settings as the API takes and gives them.
type settingsBody struct {
	Intro        string `json:"intro"`
	StreakBonus  int    `json:"streak_bonus"`
	TieBreak     bool   `json:"tie_break"`
	GoldenBell   int    `json:"golden_bell"`
	OrderPoints  []int  `json:"order_points"`
	WrongPenalty int    `json:"wrong_penalty"`
	NoNegative   bool   `json:"no_negative"`
	StealSec     int    `json:"steal_sec"`
	StealPenalty int    `json:"steal_penalty"`
	Star         bool   `json:"star"`
}

func (b settingsBody) settings() quiz.RoundSettings {
	return quiz.RoundSettings{Intro: b.Intro, StreakBonus: b.StreakBonus, TieBreak: b.TieBreak, GoldenBell: b.GoldenBell,
		OrderPoints: b.OrderPoints, WrongPenalty: b.WrongPenalty, NoNegative: b.NoNegative, StealSec: b.StealSec,
		StealPenalty: b.StealPenalty, Star: b.Star}
}

// tieBreakBody is one of a new contest's tie-break rules.
type tieBreakBody struct {
	Rule  quiz.TieBreakRule `json:"rule"`
	Round int               `json:"round"`
}

// Limits of one contest.
const (
	maxRounds         = 10
	maxRoundQuestions = quiz.MaxRoundItems
	maxQuestions      = 500
)

// contestBody is a new contest as POST /api/contests takes it.
type contestBody struct {
	Title     string         `json:"title"`
	Rounds    []roundBody    `json:"rounds"`
	TieBreaks []tieBreakBody `json:"tie_breaks"`
	// A contest of one quiz round may be given by these instead of rounds.
	Scoring     quiz.ScoringMode `json:"scoring"`
	RoundTitle  string           `json:"round_title"`
	QuestionIDs []string         `json:"question_ids"`
	AutoClose   *bool            `json:"auto_close"`
}

func (s *Server) createContest(c *fiber.Ctx) error {
	var body contestBody
	if err := bind(c, &body); err != nil {
		return err
	}
	u := currentUser(c)
	ct, err := s.newContest(c.UserContext(), u, &body)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s.contestView(u, ct))
}

// newContest makes and saves the contest body describes, owned by u, of copies of bank
// questions u may read: the one way a contest is made, whether by POST /api/contests or as a
// workshop.
func (s *Server) newContest(ctx context.Context, u *quiz.User, body *contestBody) (*quiz.Contest, error) {
	if len(body.Rounds) == 0 {
		body.Rounds = []roundBody{{Title: body.RoundTitle, Kind: quiz.QuizRound, Scoring: body.Scoring, AutoClose: body.AutoClose, QuestionIDs: body.QuestionIDs}}
	} else if len(body.Rounds) > maxRounds {
		return nil, quiz.Errorf(quiz.EINVALID, "Một cuộc thi có nhiều nhất %d vòng thi.", maxRounds)
	}
	ct := &quiz.Contest{Title: body.Title, OwnerID: u.ID}
	for _, tb := range body.TieBreaks {
		ct.TieBreaks = append(ct.TieBreaks, quiz.TieBreak{Rule: tb.Rule, Round: tb.Round})
	}
	readable := map[string]bool{} // bank id: whether the caller may read it
	total := 0
	for i, rb := range body.Rounds {
		n := len(rb.QuestionIDs)
		if n == 0 {
			return nil, quiz.Errorf(quiz.EINVALID, "Vòng %d: vui lòng chọn ít nhất một câu hỏi.", i+1)
		} else if n > maxRoundQuestions {
			return nil, quiz.Errorf(quiz.EINVALID, "Vòng %d: một vòng thi có nhiều nhất %d câu hỏi.", i+1, maxRoundQuestions)
		}
		if total += n; total > maxQuestions {
			return nil, quiz.Errorf(quiz.EINVALID, "Một cuộc thi có nhiều nhất %d câu hỏi.", maxQuestions)
		}
		kind := cmp.Or(rb.Kind, quiz.QuizRound)
		scoring := rb.Scoring
		if scoring == "" && kind != quiz.QuizRound {
			scoring = quiz.FixedPoints
		}
		autoClose := kind != quiz.BuzzerRound
		if rb.AutoClose != nil {
			autoClose = *rb.AutoClose
		}
		round := quiz.Round{Title: rb.Title, Kind: kind, Scoring: scoring, AutoClose: autoClose, Weight: rb.Weight, Settings: rb.Settings.settings()}
		items, err := s.pickQuestions(ctx, u, rb.QuestionIDs, readable)
		if err != nil {
			return nil, err
		}
		round.Items = items
		ct.Rounds = append(ct.Rounds, round)
	}
	if err := s.contests.CreateContest(ctx, ct); err != nil {
		return nil, err
	}
	ct.OwnerName = u.Name()
	return ct, nil
}

// pickQuestions copies the bank questions of a round, refusing one the caller may not read;
// readable remembers, by bank, what was found.
func (s *Server) pickQuestions(ctx context.Context, u *quiz.User, ids []string, readable map[string]bool) ([]quiz.Item, error) {
	seen := map[string]bool{}
	var items []quiz.Item
	for _, id := range ids {
		if seen[id] {
			return nil, quiz.Errorf(quiz.EINVALID, "Một câu hỏi được chọn hai lần trong cùng một vòng.")
		}
		seen[id] = true
		q, err := s.banks.FindQuestion(ctx, id)
		if quiz.ErrorCode(err) == quiz.ENOTFOUND {
			return nil, errQuestionGone
		} else if err != nil {
			return nil, err
		}
		ok, known := readable[q.BankID]
		if !known {
			b, err := s.banks.FindBank(ctx, q.BankID)
			if err != nil {
				return nil, err
			}
			ok = quiz.CanReadBank(u, b)
			readable[q.BankID] = ok
		}
		if !ok {
			return nil, errQuestionGone
		}
		items = append(items, quiz.Item{QuestionID: q.ID, Question: *q})
	}
	return items, nil
}

// errQuestionGone answers a contest made of a question that is gone or that the caller may not
// use: the same answer for both, so ids cannot be probed.
var errQuestionGone = quiz.Errorf(quiz.ENOTFOUND, "Có câu hỏi đã bị xoá khỏi bộ câu hỏi hoặc không còn được chia sẻ với đồng chí. Vui lòng tải lại trang và chọn lại.")

// contestView is viewContest with this server's join address.
func (s *Server) contestView(u *quiz.User, ct *quiz.Contest) contestView {
	return viewContest(u, ct, s.joinURL(ct.PIN))
}

func (s *Server) getContest(c *fiber.Ctx) error {
	ct, err := s.contests.FindContest(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	u := currentUser(c)
	if err := quiz.CheckContest(u, ct, false); err != nil {
		return err
	}
	return c.JSON(s.contestView(u, ct))
}

func (s *Server) deleteContest(c *fiber.Ctx) error {
	sum, err := s.contestFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	s.engine.Forget(sum.ID)
	if err := s.contests.DeleteContest(c.UserContext(), sum.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// setOrganisers replaces the co-organisers of a contest: enabled organisers other than the
// owner.
func (s *Server) setOrganisers(c *fiber.Ctx) error {
	ctx := c.UserContext()
	sum, err := s.contestFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body struct {
		UserIDs []string `json:"user_ids"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	ids, err := s.pickUsers(c, body.UserIDs, sum.OwnerID, quiz.CanCoOrganise,
		"Chỉ mời được ban tổ chức đang hoạt động cùng điều hành cuộc thi.")
	if err != nil {
		return err
	}
	if err := s.contests.SetCoOrganisers(ctx, sum.ID, ids); err != nil {
		return err
	}
	ct, err := s.contests.FindContest(ctx, sum.ID)
	if err != nil {
		return err
	}
	return c.JSON(s.contestView(currentUser(c), ct))
}

func (s *Server) command(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var body struct {
		Cmd            string   `json:"cmd"`
		Version        int64    `json:"version"`
		ParticipantID  string   `json:"participant_id"`
		ParticipantIDs []string `json:"participant_ids"`
		All            bool     `json:"all"`
		Best           int      `json:"best"`
		Right          bool     `json:"right"`
		Round          int      `json:"round"`
		Points         int      `json:"points"`
		Reason         string   `json:"reason"`
		Seconds        int      `json:"seconds"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	sum, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	g, err := s.engine.Game(ctx, sum.ID)
	if err != nil {
		return err
	}
	u := currentUser(c)
	if body.Cmd == quiz.CmdDeadline || body.Cmd == quiz.CmdDecide {
		return quiz.Errorf(quiz.EINVALID, "Lệnh điều khiển không hợp lệ.")
	}
	st, err := g.Command(ctx, quiz.Command{Name: body.Cmd, Version: body.Version, ParticipantID: body.ParticipantID,
		ParticipantIDs: body.ParticipantIDs, All: body.All, Best: body.Best, Right: body.Right, Round: body.Round,
		Points: body.Points, Reason: body.Reason, Seconds: body.Seconds, ActorID: u.ID, ActorName: u.Name()})
	if err != nil {
		return err
	}
	return c.JSON(commandView{Version: st.Version, Phase: st.Phase})
}

// record is what a contest's results are made of: the score ledger, the record that outlives
// any live state, folded into standings by the contest's rules, and the audit log.
type record struct {
	sum       contestSummaryView
	contest   *quiz.Contest
	standings []quiz.Standing
	ledger    []quiz.ScoreChange
	audit     []quiz.AuditEntry // the commands, read only for the audit log
	answers   []quiz.Answer     // every stored answer, read only for the results and their file
	names     map[string]string // participant id -> name
	// participants are every contestant, kicked or not, with when they joined.
	participants []quiz.Participant
}

func (s *Server) record(c *fiber.Ctx) (*record, error) {
	ctx := c.UserContext()
	sum, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return nil, err
	}
	ps, err := s.contests.ListParticipants(ctx, sum.ID)
	if err != nil {
		return nil, err
	}
	ct, err := s.contests.FindContest(ctx, sum.ID)
	if err != nil {
		return nil, err
	}
	ledger, err := s.contests.ListScoreChanges(ctx, sum.ID, -1)
	if err != nil {
		return nil, err
	}
	t := quiz.Tallies{}
	t.Fold(ct, ledger)
	return &record{sum: viewContestSummary(currentUser(c), sum), contest: ct, standings: quiz.Standings(ct, ps, t),
		ledger: ledger, names: namesOf(ps), participants: ps}, nil
}

// namesOf maps each contestant's id to their name.
func namesOf(ps []quiz.Participant) map[string]string {
	names := make(map[string]string, len(ps))
	for _, p := range ps {
		names[p.ID] = p.Name
	}
	return names
}

func (s *Server) results(c *fiber.Ctx) error {
	r, err := s.record(c)
	if err != nil {
		return err
	}
	if r.answers, err = s.contests.ListAnswers(c.UserContext(), r.contest.ID); err != nil {
		return err
	}
	return c.JSON(viewResults(r))
}

// auditLog answers the audit log, whole or (?after=V) only what the versions after V wrote, so
// that a control panel following a contest of thousands fetches each reveal's lines once.
func (s *Server) auditLog(c *fiber.Ctx) error {
	after := int64(-1)
	if v := c.Query("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return quiz.Errorf(quiz.EINVALID, "Tham số after phải là một số phiên bản (số nguyên không âm).")
		}
		after = n
	}
	ctx := c.UserContext()
	sum, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	r := &record{}
	if r.contest, err = s.contests.FindContest(ctx, sum.ID); err != nil {
		return err
	}
	ps, err := s.contests.ListParticipants(ctx, sum.ID)
	if err != nil {
		return err
	}
	r.names = namesOf(ps)
	if r.ledger, err = s.contests.ListScoreChanges(ctx, sum.ID, after); err != nil {
		return err
	}
	if r.audit, err = s.contests.ListAudit(ctx, sum.ID, after); err != nil {
		return err
	}
	return c.JSON(viewAudit(r, after))
}

func (s *Server) resultsXLSX(c *fiber.Ctx) error {
	r, err := s.record(c)
	if err != nil {
		return err
	}
	if r.answers, err = s.contests.ListAnswers(c.UserContext(), r.contest.ID); err != nil {
		return err
	}
	data, err := resultsWorkbook(r)
	if err != nil {
		return err
	}
	return sendFile(c, data, contentTypes[bankfile.XLSX], "ket-qua-"+r.sum.PIN+".xlsx")
}

func (s *Server) qr(c *fiber.Ctx) error {
	ct, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(s.joinURL(ct.PIN), qrcode.Medium, 512)
	if err != nil {
		return fmt.Errorf("qr code: %w", err)
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, "private, max-age=3600")
	return c.Send(png)
}

func (s *Server) lookupPIN(c *fiber.Ctx) error {
	ctx, addr := c.UserContext(), s.clientAddr(c)
	if over, err := realtime.PINsExhausted(ctx, s.engine.Limits(), addr); err != nil {
		return err
	} else if over {
		return errTooManyPINs
	}
	ct, err := s.contests.FindContestByPIN(ctx, c.Params("pin"))
	if errors.Is(err, quiz.ErrContestEnded) {
		return wireError(realtime.ErrContestFinished)
	} else if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return s.countBadPIN(ctx, addr)
	} else if err != nil {
		return err
	}
	return c.JSON(joinView{ContestID: ct.ID, Title: ct.Title, Phase: ct.Live.Phase, Locked: ct.Live.Locked})
}
