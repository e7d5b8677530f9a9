package api

import (
	"errors"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"
	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
	"hoithi/realtime"
)

// contestSummary is a contest as the organiser's list shows it.
type contestSummary struct {
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

func viewSummary(u *quiz.User, sum *quiz.ContestSummary) contestSummary {
	ct := &sum.Contest
	return contestSummary{ID: ct.ID, Title: ct.Title, PIN: ct.PIN, Status: ct.Status, Phase: ct.Live.Phase,
		ParticipantCount: sum.ParticipantCount, ItemCount: sum.ItemCount, OwnerID: ct.OwnerID, OwnerName: ct.OwnerName,
		CoOrganisers: nonNil(ct.CoOrganisers), CanManage: quiz.CanManageContest(u, ct), CreatedAt: ct.CreatedAt, FinishedAt: ct.FinishedAt}
}

// contestView is a contest with its rounds, as the control panel loads it.
type contestView struct {
	ID           string             `json:"id"`
	Title        string             `json:"title"`
	PIN          string             `json:"pin"`
	Status       quiz.ContestStatus `json:"status"`
	JoinURL      string             `json:"join_url"`
	Rounds       []roundView        `json:"rounds"`
	Live         quiz.LiveState     `json:"live"`
	OwnerID      string             `json:"owner_id"`
	OwnerName    string             `json:"owner_name"`
	CoOrganisers []string           `json:"co_organisers"`
	CanManage    bool               `json:"can_manage"`
	CreatedAt    time.Time          `json:"created_at"`
	FinishedAt   *time.Time         `json:"finished_at"`
}

// roundView is one round of a contestView.
type roundView struct {
	ID      string           `json:"id"`
	Title   string           `json:"title"`
	Scoring quiz.ScoringMode `json:"scoring"`
	// AutoClose: each question closes once every connected contestant has answered.
	AutoClose bool       `json:"auto_close"`
	Items     []itemView `json:"items"`
}

// itemView is one item of a roundView, with the question as copied into the contest.
type itemView struct {
	ID       string        `json:"id"`
	Position int           `json:"position"`
	Question quiz.Question `json:"question"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

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
	out := make([]contestSummary, len(list))
	for i := range list {
		out[i] = viewSummary(u, &list[i])
	}
	return c.JSON(fiber.Map{"contests": out})
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

// contestView adds the join address and what the caller may do to a contest.
func (s *Server) contestView(u *quiz.User, ct *quiz.Contest) contestView {
	rounds := make([]roundView, len(ct.Rounds))
	for i, r := range ct.Rounds {
		items := make([]itemView, len(r.Items))
		for j, it := range r.Items {
			items[j] = itemView{ID: it.ID, Position: it.Position, Question: it.Question}
		}
		rounds[i] = roundView{ID: r.ID, Title: r.Title, Scoring: r.Scoring, AutoClose: r.AutoClose, Items: items}
	}
	return contestView{ID: ct.ID, Title: ct.Title, PIN: ct.PIN, Status: ct.Status, JoinURL: s.joinURL(ct.PIN),
		Rounds: rounds, Live: ct.Live, OwnerID: ct.OwnerID, OwnerName: ct.OwnerName, CoOrganisers: nonNil(ct.CoOrganisers),
		CanManage: quiz.CanManageContest(u, ct), CreatedAt: ct.CreatedAt, FinishedAt: ct.FinishedAt}
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
	return c.JSON(fiber.Map{"version": st.Version, "phase": st.Phase})
}

// standings computes the results from the score ledger, the record that outlives any live
// state.
func (s *Server) standings(c *fiber.Ctx) (contestSummary, []quiz.Standing, error) {
	ctx := c.UserContext()
	sum, err := s.contestFor(c, c.Params("id"), false)
	if err != nil {
		return contestSummary{}, nil, err
	}
	ps, err := s.contests.ListParticipants(ctx, sum.ID)
	if err != nil {
		return contestSummary{}, nil, err
	}
	ct, err := s.contests.FindContest(ctx, sum.ID)
	if err != nil {
		return contestSummary{}, nil, err
	}
	changes, err := s.contests.ListScoreChanges(ctx, sum.ID, -1)
	if err != nil {
		return contestSummary{}, nil, err
	}
	t := quiz.Tallies{}
	t.Fold(ct, changes)
	return viewSummary(currentUser(c), sum), quiz.Standings(ct, ps, t), nil
}

func (s *Server) results(c *fiber.Ctx) error {
	sum, st, err := s.standings(c)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"contest": sum, "standings": st})
}

func (s *Server) resultsXLSX(c *fiber.Ctx) error {
	sum, st, err := s.standings(c)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Kết quả"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	rows := [][]any{
		{sum.Title},
		{"Mã PIN: " + sum.PIN, "Số thí sinh: " + fmt.Sprint(len(st))},
		{},
		{"Hạng", "Họ và tên", "Chi bộ / đơn vị", "Điểm", "Số câu đúng", "Tổng thời gian trả lời đúng (giây)"},
	}
	for _, r := range st {
		rows = append(rows, []any{r.Rank, r.Name, r.Unit, r.Score, r.Correct, float64(r.TimeMs) / 1000})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("write results row: %w", err)
		}
	}
	_ = f.SetColWidth(sheet, "B", "C", 32)
	_ = f.SetColWidth(sheet, "D", "F", 14)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write results file: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="ket-qua-%s.xlsx"`, sum.PIN))
	return c.Send(buf.Bytes())
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
		return newError(fiber.StatusGone, realtime.ErrContestFinished.Code, quiz.ErrorMessage(err))
	} else if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return s.countBadPIN(ctx, addr)
	} else if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"contest_id": ct.ID, "title": ct.Title, "phase": ct.Live.Phase, "locked": ct.Live.Locked})
}
