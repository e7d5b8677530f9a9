package api

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"hoithi/quiz"
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

func (s *Server) createContest(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var body struct {
		Title       string           `json:"title"`
		Scoring     quiz.ScoringMode `json:"scoring"`
		RoundTitle  string           `json:"round_title"`
		QuestionIDs []string         `json:"question_ids"`
		// AutoClose defaults to on, as people expect from Kahoot.
		AutoClose *bool `json:"auto_close"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if len(body.QuestionIDs) == 0 {
		return quiz.Errorf(quiz.EINVALID, "Vui lòng chọn ít nhất một câu hỏi.")
	} else if len(body.QuestionIDs) > 200 {
		return quiz.Errorf(quiz.EINVALID, "Một cuộc thi có nhiều nhất 200 câu hỏi.")
	}
	u := currentUser(c)
	round := quiz.Round{Title: body.RoundTitle, Kind: "quiz", Scoring: body.Scoring, AutoClose: body.AutoClose == nil || *body.AutoClose}
	seen := map[string]bool{}
	readable := map[string]bool{} // bank id: whether the caller may read it
	for _, id := range body.QuestionIDs {
		if seen[id] {
			return quiz.Errorf(quiz.EINVALID, "Một câu hỏi được chọn hai lần.")
		}
		seen[id] = true
		q, err := s.banks.FindQuestion(ctx, id)
		if quiz.ErrorCode(err) == quiz.ENOTFOUND {
			return errQuestionGone
		} else if err != nil {
			return err
		}
		ok, known := readable[q.BankID]
		if !known {
			b, err := s.banks.FindBank(ctx, q.BankID)
			if err != nil {
				return err
			}
			ok = quiz.CanReadBank(u, b)
			readable[q.BankID] = ok
		}
		if !ok {
			return errQuestionGone
		}
		round.Items = append(round.Items, quiz.Item{QuestionID: q.ID, Question: *q})
	}
	ct := &quiz.Contest{Title: body.Title, OwnerID: u.ID, Rounds: []quiz.Round{round}}
	if err := s.contests.CreateContest(ctx, ct); err != nil {
		return err
	}
	ct.OwnerName = u.Name()
	return c.Status(fiber.StatusCreated).JSON(s.contestView(u, ct))
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
		Cmd           string `json:"cmd"`
		Version       int64  `json:"version"`
		ParticipantID string `json:"participant_id"`
		Round         int    `json:"round"`
		Points        int    `json:"points"`
		Reason        string `json:"reason"`
		Seconds       int    `json:"seconds"`
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
	st, err := g.Command(ctx, quiz.Command{Name: body.Cmd, Version: body.Version, ParticipantID: body.ParticipantID, Round: body.Round,
		Points: body.Points, Reason: body.Reason, Seconds: body.Seconds, ActorID: u.ID, ActorName: u.Name()})
	if err != nil {
		return err
	}
	return c.JSON(commandView{Version: st.Version, Phase: st.Phase})
}

// standings computes the results from the score ledger, the record that outlives any live
// state.
func (s *Server) standings(c *fiber.Ctx) (contestSummaryView, []quiz.Standing, error) {
	ctx := c.UserContext()
	sum, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return contestSummaryView{}, nil, err
	}
	ps, err := s.contests.ListParticipants(ctx, sum.ID)
	if err != nil {
		return contestSummaryView{}, nil, err
	}
	ct, err := s.contests.FindContest(ctx, sum.ID)
	if err != nil {
		return contestSummaryView{}, nil, err
	}
	changes, err := s.contests.ListScoreChanges(ctx, sum.ID, -1)
	if err != nil {
		return contestSummaryView{}, nil, err
	}
	t := quiz.Tallies{}
	t.Fold(ct, changes)
	return viewContestSummary(currentUser(c), sum), quiz.Standings(ct, ps, t), nil
}

func (s *Server) results(c *fiber.Ctx) error {
	sum, st, err := s.standings(c)
	if err != nil {
		return err
	}
	return c.JSON(viewResults(sum, st))
}

func (s *Server) resultsXLSX(c *fiber.Ctx) error {
	sum, st, err := s.standings(c)
	if err != nil {
		return err
	}
	data, err := resultsWorkbook(sum, st)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="ket-qua-%s.xlsx"`, sum.PIN))
	return c.Send(data)
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
