package api

import (
	"cmp"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

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
// read: a bank's first ones, or those drawn with seed (a fresh one when 0) by a blueprint or
// by a topic (a blueprint of one part: that many questions of the topic, of any level).
func (s *Server) workshopQuestions(ctx context.Context, u *quiz.User, req *quiz.WorkshopRequest, seed uint64) (*workshopPick, error) {
	if req.BankID != "" {
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
	bp, source := &quiz.Blueprint{Parts: []quiz.BlueprintPart{{Tag: req.Tag, Any: req.Count}}}, req.Tag
	if req.BlueprintID != "" {
		var err error
		if bp, err = s.blueprints.FindBlueprint(ctx, req.BlueprintID); err != nil {
			return nil, err
		}
		if err := quiz.CheckBlueprint(u, bp); err != nil {
			return nil, err
		}
		source = bp.Title
	}
	pool, err := s.blueprints.BlueprintPool(ctx, u, bp.Parts)
	if err != nil {
		return nil, err
	}
	seed = cmp.Or(seed, quiz.NewSeed())
	d, err := quiz.DrawQuestions(pool, bp, seed, nil)
	switch {
	case err != nil:
		return nil, err
	case len(d.Questions) == 0 && req.Tag != "":
		return nil, quiz.NoTaggedQuestions(req.Tag)
	case req.BlueprintID != "" && len(d.Shortfalls) > 0:
		// A blueprint says how many of each it needs: a workshop short of them is refused as a
		// round drawn from it would be, naming what is missing.
		return nil, d.ShortError(1)
	}
	return &workshopPick{questions: d.Questions, source: source, leftOut: len(pool) - len(d.Questions), seed: seed}, nil
}
