package api

import (
	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

// duplicateListView answers GET /api/banks/:id/duplicates and the merges and keeps: the
// bank's duplicate groups left.
type duplicateListView struct {
	Groups []duplicateGroupView `json:"groups"`
}

// duplicateGroupView is two or more questions of a bank with one prompt, by position.
type duplicateGroupView struct {
	Key       string         `json:"key"`
	Questions []questionView `json:"questions"`
}

// duplicatesOf answers the duplicate groups of bank b that the trainer has not kept.
func (s *Server) duplicatesOf(c *fiber.Ctx, b *quiz.Bank) error {
	ctx := c.UserContext()
	qs, err := s.banks.ListQuestions(ctx, b.ID)
	if err != nil {
		return err
	}
	kept, err := s.dups.ListKeptPairs(ctx, b.ID)
	if err != nil {
		return err
	}
	groups := quiz.DuplicateGroups(qs, kept)
	out := duplicateListView{Groups: make([]duplicateGroupView, len(groups))}
	for i, g := range groups {
		out.Groups[i] = duplicateGroupView{Key: g.Key, Questions: make([]questionView, len(g.Questions))}
		for j := range g.Questions {
			out.Groups[i].Questions[j] = viewQuestion(&g.Questions[j])
		}
	}
	return c.JSON(out)
}

// listDuplicates answers the duplicate groups of a bank the caller may read.
func (s *Server) listDuplicates(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	return s.duplicatesOf(c, b)
}

// mergeDuplicates keeps one question of a group and folds the others into it (quiz.Merge).
func (s *Server) mergeDuplicates(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body struct {
		Keep   string   `json:"keep"`
		Remove []string `json:"remove"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if _, err := s.dups.MergeDuplicates(c.UserContext(), b.ID, body.Keep, body.Remove, currentUser(c)); err != nil {
		return err
	}
	return s.duplicatesOf(c, b)
}

// keepDuplicates remembers that questions of one prompt are all to be kept.
func (s *Server) keepDuplicates(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body struct {
		QuestionIDs []string `json:"question_ids"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if err := s.dups.KeepDuplicates(c.UserContext(), b.ID, body.QuestionIDs); err != nil {
		return err
	}
	return s.duplicatesOf(c, b)
}
