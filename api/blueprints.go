package api

import (
	"context"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

// blueprintView is a blueprint as the API answers it.
type blueprintView struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	OwnerID       string     `json:"owner_id"`
	OwnerName     string     `json:"owner_name"`
	Parts         []partView `json:"parts"`
	QuestionCount int        `json:"question_count"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// partView is one part of a blueprint, as the API takes and answers it.
type partView struct {
	Tag     string              `json:"tag"`
	Types   []quiz.QuestionType `json:"types"`
	BankIDs []string            `json:"bank_ids"`
	Levels  []int               `json:"levels"`
	Any     int                 `json:"any"`
}

func viewParts(parts []quiz.BlueprintPart) []partView {
	out := make([]partView, len(parts))
	for i, p := range parts {
		levels := slices.Clone(p.Levels)
		for len(levels) < quiz.MaxDifficulty {
			levels = append(levels, 0)
		}
		out[i] = partView{Tag: p.Tag, Types: nonNil(p.Types), BankIDs: nonNil(p.BankIDs), Levels: levels, Any: p.Any}
	}
	return out
}

func partsOf(parts []partView) []quiz.BlueprintPart {
	out := make([]quiz.BlueprintPart, len(parts))
	for i, p := range parts {
		out[i] = quiz.BlueprintPart{Tag: p.Tag, Types: p.Types, BankIDs: p.BankIDs, Levels: p.Levels, Any: p.Any}
	}
	return out
}

func viewBlueprint(bp *quiz.Blueprint) blueprintView {
	return blueprintView{ID: bp.ID, Title: bp.Title, OwnerID: bp.OwnerID, OwnerName: bp.OwnerName, Parts: viewParts(bp.Parts),
		QuestionCount: bp.Total(), CreatedAt: bp.CreatedAt, UpdatedAt: bp.UpdatedAt}
}

// blueprintBody is what writes a blueprint.
type blueprintBody struct {
	Title string     `json:"title"`
	Parts []partView `json:"parts"`
}

type blueprintListView struct {
	Blueprints []blueprintView `json:"blueprints"`
}

func (s *Server) listBlueprints(c *fiber.Ctx) error {
	list, err := s.blueprints.ListBlueprints(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	out := blueprintListView{Blueprints: make([]blueprintView, len(list))}
	for i := range list {
		out.Blueprints[i] = viewBlueprint(&list[i])
	}
	return c.JSON(out)
}

func (s *Server) createBlueprint(c *fiber.Ctx) error {
	var body blueprintBody
	if err := bind(c, &body); err != nil {
		return err
	}
	bp := &quiz.Blueprint{OwnerID: currentUser(c).ID, Title: body.Title, Parts: partsOf(body.Parts)}
	if err := s.blueprints.CreateBlueprint(c.UserContext(), bp); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(viewBlueprint(bp))
}

// blueprintFor loads a blueprint the caller may use.
func (s *Server) blueprintFor(ctx context.Context, u *quiz.User, id string) (*quiz.Blueprint, error) {
	bp, err := s.blueprints.FindBlueprint(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := quiz.CheckBlueprint(u, bp); err != nil {
		return nil, err
	}
	return bp, nil
}

func (s *Server) getBlueprint(c *fiber.Ctx) error {
	bp, err := s.blueprintFor(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(viewBlueprint(bp))
}

func (s *Server) updateBlueprint(c *fiber.Ctx) error {
	var body blueprintBody
	if err := bind(c, &body); err != nil {
		return err
	}
	bp, err := s.blueprintFor(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	bp.Title, bp.Parts = body.Title, partsOf(body.Parts)
	if err := s.blueprints.UpdateBlueprint(c.UserContext(), bp); err != nil {
		return err
	}
	return c.JSON(viewBlueprint(bp))
}

func (s *Server) deleteBlueprint(c *fiber.Ctx) error {
	bp, err := s.blueprintFor(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	if err := s.blueprints.DeleteBlueprint(c.UserContext(), bp.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// drawBody names what to draw: a saved blueprint, or one given whole (its parts; a title is
// not needed), and the seed (0: the server picks one).
type drawBody struct {
	BlueprintID string         `json:"blueprint_id"`
	Blueprint   *blueprintBody `json:"blueprint"`
	Seed        uint64         `json:"seed"`
}

// draw draws what body names from the banks u may read, leaving out exclude.
func (s *Server) draw(ctx context.Context, u *quiz.User, body drawBody, exclude map[string]bool) (*quiz.Draw, *quiz.Blueprint, error) {
	var bp *quiz.Blueprint
	switch {
	case body.BlueprintID != "" && body.Blueprint != nil:
		return nil, nil, quiz.Errorf(quiz.EINVALID, "Hãy chọn một đề mẫu đã lưu hoặc gửi một đề mẫu, không gửi cả hai.")
	case body.BlueprintID != "":
		var err error
		if bp, err = s.blueprintFor(ctx, u, body.BlueprintID); err != nil {
			return nil, nil, err
		}
	case body.Blueprint != nil:
		bp = &quiz.Blueprint{Title: body.Blueprint.Title, Parts: partsOf(body.Blueprint.Parts)}
		if err := quiz.ValidateParts(bp.Parts); err != nil {
			return nil, nil, err
		}
		var err error
		if bp.Title, err = quiz.CleanText(bp.Title, quiz.TextRule{Field: "tên đề mẫu", Max: quiz.MaxTitleLen}); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, quiz.Errorf(quiz.EINVALID, "Hãy chọn đề mẫu để rút câu hỏi.")
	}
	pool, err := s.blueprints.BlueprintPool(ctx, u, bp.Parts)
	if err != nil {
		return nil, nil, err
	}
	seed := body.Seed
	if seed == 0 {
		seed = quiz.NewSeed()
	}
	d, err := quiz.DrawQuestions(pool, bp, seed, exclude)
	return d, bp, err
}

// drawView is what a draw gives.
type drawView struct {
	Seed       uint64              `json:"seed"`
	Questions  []foundQuestionView `json:"questions"`
	Shortfalls []shortfallView     `json:"shortfalls"`
}

// shortfallView is one count a draw could not fill.
type shortfallView struct {
	Part    int    `json:"part"`
	Tag     string `json:"tag"`
	Level   int    `json:"level"`
	Want    int    `json:"want"`
	Have    int    `json:"have"`
	Message string `json:"message"`
}

// drawBlueprint answers what a blueprint draws with a seed, saving nothing: the blueprint
// editor's "Thử rút đề" and the round editor's draw.
func (s *Server) drawBlueprint(c *fiber.Ctx) error {
	var body struct {
		drawBody
		Exclude []string `json:"exclude"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if len(body.Exclude) > maxQuestions {
		return quiz.Errorf(quiz.EINVALID, "Một cuộc thi có nhiều nhất %d câu hỏi.", maxQuestions)
	}
	exclude := map[string]bool{}
	for _, id := range body.Exclude {
		exclude[id] = true
	}
	ctx := c.UserContext()
	d, _, err := s.draw(ctx, currentUser(c), body.drawBody, exclude)
	if err != nil {
		return err
	}
	titles := map[string]string{}
	out := drawView{Seed: d.Seed, Questions: make([]foundQuestionView, len(d.Questions)), Shortfalls: make([]shortfallView, len(d.Shortfalls))}
	for i := range d.Questions {
		q := &d.Questions[i]
		title, ok := titles[q.BankID]
		if !ok {
			if b, err := s.banks.FindBank(ctx, q.BankID); err == nil {
				title = b.Title
			} else if quiz.ErrorCode(err) != quiz.ENOTFOUND {
				return err
			}
			titles[q.BankID] = title
		}
		out.Questions[i] = foundQuestionView{questionView: viewQuestion(q), BankTitle: title}
	}
	for i, sf := range d.Shortfalls {
		out.Shortfalls[i] = shortfallView{Part: sf.Part, Tag: sf.Tag, Level: sf.Level, Want: sf.Want, Have: sf.Have, Message: sf.Message()}
	}
	return c.JSON(out)
}

// tagView is a topic with its questions counted by level.
type tagView struct {
	Tag     string `json:"tag"`
	Total   int    `json:"total"`
	Levels  []int  `json:"levels"`
	Unrated int    `json:"unrated"`
}

type tagListView struct {
	Tags []tagView `json:"tags"`
}

// listTags answers the topics of the banks the caller may read, for the blueprint editor.
func (s *Server) listTags(c *fiber.Ctx) error {
	tags, err := s.blueprints.ListTags(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	out := tagListView{Tags: make([]tagView, len(tags))}
	for i := range tags {
		t := &tags[i]
		out.Tags[i] = tagView{Tag: t.Tag, Total: t.Total(), Levels: t.Levels[:], Unrated: t.Unrated}
	}
	return c.JSON(out)
}

// drawRound fills a round of a new contest from its draw, leaving out exclude, and keeps the
// draw in its settings; a draw short of what the blueprint asks is refused unless allowShort.
func (s *Server) drawRound(ctx context.Context, u *quiz.User, n int, body drawBody, allowShort bool, exclude map[string]bool, round *quiz.Round) error {
	d, bp, err := s.draw(ctx, u, body, exclude)
	if err != nil {
		return err
	}
	if !allowShort {
		if err := d.ShortError(n); err != nil {
			return err
		}
	}
	if len(d.Questions) == 0 {
		return quiz.Errorf(quiz.EINVALID, "Vòng %d: đề mẫu không rút được câu hỏi nào.", n)
	}
	for _, q := range d.Questions {
		round.Items = append(round.Items, quiz.Item{QuestionID: q.ID, Question: q})
	}
	round.Settings.Draw = &quiz.RoundDraw{BlueprintID: bp.ID, Title: bp.Title, Parts: bp.Parts, Seed: d.Seed}
	return nil
}
