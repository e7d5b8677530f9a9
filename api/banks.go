package api

import (
	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

type bankBody struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

func (s *Server) listBanks(c *fiber.Ctx) error {
	banks, err := s.banks.ListBanks(c.UserContext())
	if err != nil {
		return err
	}
	if banks == nil {
		banks = []quiz.Bank{}
	}
	return c.JSON(fiber.Map{"banks": banks})
}

func (s *Server) createBank(c *fiber.Ctx) error {
	var body bankBody
	if err := bind(c, &body); err != nil {
		return err
	}
	b := &quiz.Bank{Title: body.Title, Description: body.Description, OwnerID: currentUser(c).ID}
	if err := s.banks.CreateBank(c.UserContext(), b); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(b)
}

func (s *Server) getBank(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.banks.FindBank(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var qs []quiz.Question
	if text := c.Query("q"); text != "" {
		qs, err = s.banks.SearchQuestions(ctx, b.ID, text)
	} else {
		qs, err = s.banks.ListQuestions(ctx, b.ID)
	}
	if err != nil {
		return err
	}
	if qs == nil {
		qs = []quiz.Question{}
	}
	return c.JSON(fiber.Map{"bank": b, "questions": qs})
}

func (s *Server) updateBank(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.banks.FindBank(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var body bankBody
	if err := bind(c, &body); err != nil {
		return err
	}
	b.Title, b.Description = body.Title, body.Description
	if err := s.banks.UpdateBank(ctx, b); err != nil {
		return err
	}
	return c.JSON(b)
}

func (s *Server) deleteBank(c *fiber.Ctx) error {
	if err := s.banks.DeleteBank(c.UserContext(), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// questionBody is what an organiser may set on a question.
type questionBody struct {
	Type         quiz.QuestionType `json:"type"`
	Prompt       string            `json:"prompt"`
	Options      []string          `json:"options"`
	Correct      []int             `json:"correct"`
	TimeLimitSec int               `json:"time_limit_sec"`
	Points       int               `json:"points"`
	Explanation  string            `json:"explanation"`
	Source       string            `json:"source"`
	Topic        string            `json:"topic"`
	Difficulty   int               `json:"difficulty"`
}

func (b questionBody) applyTo(q *quiz.Question) {
	q.Type, q.Prompt, q.Options, q.Correct = b.Type, b.Prompt, b.Options, b.Correct
	q.TimeLimitSec, q.Points, q.Explanation, q.Source = b.TimeLimitSec, b.Points, b.Explanation, b.Source
	q.Topic, q.Difficulty = b.Topic, b.Difficulty
}

func (s *Server) createQuestion(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.banks.FindBank(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var body questionBody
	if err := bind(c, &body); err != nil {
		return err
	}
	q := &quiz.Question{BankID: b.ID}
	body.applyTo(q)
	if err := s.banks.CreateQuestion(ctx, q); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(q)
}

func (s *Server) updateQuestion(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := s.banks.FindQuestion(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var body questionBody
	if err := bind(c, &body); err != nil {
		return err
	}
	body.applyTo(q)
	if err := s.banks.UpdateQuestion(ctx, q); err != nil {
		return err
	}
	return c.JSON(q)
}

func (s *Server) deleteQuestion(c *fiber.Ctx) error {
	if err := s.banks.DeleteQuestion(c.UserContext(), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
