package api

import (
	"cmp"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

// errNoBlueprintWorkshop answers a workshop asked of a blueprint, which cannot be made yet.
var errNoBlueprintWorkshop = quiz.Errorf(quiz.EINVALID, "Chưa mở được phiên tập huấn từ cấu trúc đề. Vui lòng chọn một bộ câu hỏi hoặc một chủ đề.")

// workshopView is a new workshop: the contest, and what of its source it leaves out.
type workshopView struct {
	contestView
	LeftOut int `json:"left_out"`
	// Seed draws the same questions again from the same topic; 0 for a bank.
	Seed uint64 `json:"seed"`
}

// createWorkshop makes a workshop ("Tập huấn nhanh"): a contest of one relaxed quiz round of a
// bank's first questions or of questions drawn from a topic, made by newContest as any other.
func (s *Server) createWorkshop(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var body struct {
		BankID      string `json:"bank_id"`
		Tag         string `json:"tag"`
		BlueprintID string `json:"blueprint_id"`
		Count       int    `json:"count"`
		Title       string `json:"title"`
		Seed        uint64 `json:"seed"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	req := quiz.WorkshopRequest{BankID: body.BankID, Tag: body.Tag, BlueprintID: body.BlueprintID, Count: body.Count, Title: body.Title}
	if err := req.Validate(); err != nil {
		return err
	}
	u := currentUser(c)
	pick, err := s.workshopQuestions(ctx, u, &req, body.Seed)
	if err != nil {
		return err
	}
	ids := make([]string, len(pick.questions))
	for i, q := range pick.questions {
		ids[i] = q.ID
	}
	autoClose := quiz.WorkshopAutoClose
	ct, err := s.newContest(ctx, u, &contestBody{
		Title: cmp.Or(req.Title, quiz.WorkshopTitle(pick.source, time.Now())),
		Rounds: []roundBody{{Title: quiz.WorkshopRoundTitle, Kind: quiz.QuizRound, Scoring: quiz.WorkshopScoring,
			AutoClose: &autoClose, QuestionIDs: ids}},
	})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(workshopView{contestView: s.contestView(u, ct), LeftOut: pick.leftOut, Seed: pick.seed})
}

// workshopPick is what a workshop asks: its questions, the name of where they come from, how
// many of the source's it leaves out, and the seed of a topic's draw.
type workshopPick struct {
	questions []quiz.Question
	source    string
	leftOut   int
	seed      uint64
}

// workshopQuestions picks a workshop's questions from its source, which u must be able to
// read: a bank's first ones, or a topic's drawn with seed (a fresh one when 0).
func (s *Server) workshopQuestions(ctx context.Context, u *quiz.User, req *quiz.WorkshopRequest, seed uint64) (*workshopPick, error) {
	switch {
	case req.BlueprintID != "":
		return nil, errNoBlueprintWorkshop
	case req.BankID != "":
		b, err := s.banks.FindBank(ctx, req.BankID)
		if err != nil {
			return nil, err
		}
		if err := quiz.CheckBank(u, b, false); err != nil {
			return nil, err
		}
		all, err := s.banks.ListQuestions(ctx, b.ID)
		if err != nil {
			return nil, err
		}
		if len(all) == 0 {
			return nil, quiz.ErrEmptyBank
		}
		qs, leftOut := quiz.FirstQuestions(all, req.Count)
		return &workshopPick{questions: qs, source: b.Title, leftOut: leftOut}, nil
	}
	all, err := s.banks.TaggedQuestions(ctx, u, req.Tag)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, quiz.NoTaggedQuestions(req.Tag)
	}
	seed = cmp.Or(seed, quiz.NewWorkshopSeed())
	qs := quiz.DrawQuestions(all, req.Count, seed)
	return &workshopPick{questions: qs, source: req.Tag, leftOut: len(all) - len(qs), seed: seed}, nil
}
