package api

import (
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
	CreatedAt        time.Time          `json:"created_at"`
	FinishedAt       *time.Time         `json:"finished_at"`
}

// summary loads a contest as the list shows it, with its participants.
func (s *Server) summary(c *fiber.Ctx, id string) (contestSummary, []quiz.Participant, error) {
	ctx := c.UserContext()
	ct, err := s.contests.FindContest(ctx, id)
	if err != nil {
		return contestSummary{}, nil, err
	}
	ps, err := s.contests.ListParticipants(ctx, id)
	if err != nil {
		return contestSummary{}, nil, err
	}
	n := 0
	for _, p := range ps {
		if !p.Kicked {
			n++
		}
	}
	return contestSummary{ID: ct.ID, Title: ct.Title, PIN: ct.PIN, Status: ct.Status, Phase: ct.Live.Phase,
		ParticipantCount: n, ItemCount: len(ct.Items()), CreatedAt: ct.CreatedAt, FinishedAt: ct.FinishedAt}, ps, nil
}

func (s *Server) listContests(c *fiber.Ctx) error {
	list, err := s.contests.ListContests(c.UserContext())
	if err != nil {
		return err
	}
	out := make([]contestSummary, 0, len(list))
	for _, ct := range list {
		sum, _, err := s.summary(c, ct.ID)
		if err != nil {
			return err
		}
		out = append(out, sum)
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
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if len(body.QuestionIDs) == 0 {
		return quiz.Errorf(quiz.EINVALID, "Vui lòng chọn ít nhất một câu hỏi.")
	} else if len(body.QuestionIDs) > 200 {
		return quiz.Errorf(quiz.EINVALID, "Một cuộc thi có nhiều nhất 200 câu hỏi.")
	}
	round := quiz.Round{Title: body.RoundTitle, Kind: "quiz", Scoring: body.Scoring}
	seen := map[string]bool{}
	for _, id := range body.QuestionIDs {
		if seen[id] {
			return quiz.Errorf(quiz.EINVALID, "Một câu hỏi được chọn hai lần.")
		}
		seen[id] = true
		q, err := s.banks.FindQuestion(ctx, id)
		if quiz.ErrorCode(err) == quiz.ENOTFOUND {
			return quiz.Errorf(quiz.EINVALID, "Có câu hỏi đã bị xoá khỏi bộ câu hỏi. Vui lòng tải lại trang và chọn lại.")
		} else if err != nil {
			return err
		}
		round.Items = append(round.Items, quiz.Item{QuestionID: q.ID, Question: *q})
	}
	ct := &quiz.Contest{Title: body.Title, OwnerID: currentUser(c).ID, Rounds: []quiz.Round{round}}
	if err := s.contests.CreateContest(ctx, ct); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s.contestView(ct))
}

// contestView adds the join address to a contest.
func (s *Server) contestView(ct *quiz.Contest) fiber.Map {
	return fiber.Map{"id": ct.ID, "title": ct.Title, "pin": ct.PIN, "status": ct.Status, "join_url": s.joinURL(ct.PIN),
		"rounds": ct.Rounds, "live": ct.Live, "created_at": ct.CreatedAt, "finished_at": ct.FinishedAt}
}

func (s *Server) getContest(c *fiber.Ctx) error {
	ct, err := s.contests.FindContest(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(s.contestView(ct))
}

func (s *Server) deleteContest(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := s.contests.FindContest(c.UserContext(), id); err != nil {
		return err
	}
	s.engine.Forget(id)
	if err := s.contests.DeleteContest(c.UserContext(), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) command(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var body struct {
		Cmd           string `json:"cmd"`
		Version       int64  `json:"version"`
		ParticipantID string `json:"participant_id"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if _, err := s.contests.FindContest(ctx, c.Params("id")); err != nil {
		return err
	}
	g, err := s.engine.Game(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	st, err := g.Command(ctx, body.Cmd, body.Version, body.ParticipantID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"version": st.Version, "phase": st.Phase})
}

// standings computes the results from the stored answers, the record that outlives any
// live state.
func (s *Server) standings(c *fiber.Ctx) (contestSummary, []quiz.Standing, error) {
	sum, ps, err := s.summary(c, c.Params("id"))
	if err != nil {
		return sum, nil, err
	}
	answers, err := s.contests.ListAnswers(c.UserContext(), sum.ID)
	if err != nil {
		return sum, nil, err
	}
	return sum, quiz.ComputeStandings(ps, answers), nil
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
	ct, err := s.contests.FindContest(c.UserContext(), c.Params("id"))
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
	if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return s.countBadPIN(ctx, addr)
	} else if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"contest_id": ct.ID, "title": ct.Title, "phase": ct.Live.Phase, "locked": ct.Live.Locked})
}
