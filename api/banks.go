package api

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

type bankBody struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// bankFor loads a bank the caller may read, or edit when edit is set (quiz.CheckBank).
func (s *Server) bankFor(c *fiber.Ctx, id string, edit bool) (*quiz.Bank, error) {
	b, err := s.banks.FindBank(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if err := quiz.CheckBank(currentUser(c), b, edit); err != nil {
		return nil, err
	}
	return b, nil
}

// questionFor loads a question whose bank the caller may read, or edit when edit is set.
func (s *Server) questionFor(c *fiber.Ctx, id string, edit bool) (*quiz.Question, error) {
	q, err := s.banks.FindQuestion(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if _, err := s.bankFor(c, q.BankID, edit); quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return nil, quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy câu hỏi.")
	} else if err != nil {
		return nil, err
	}
	return q, nil
}

func (s *Server) listBanks(c *fiber.Ctx) error {
	u := currentUser(c)
	banks, err := s.banks.ListBanks(c.UserContext(), u)
	if err != nil {
		return err
	}
	out := bankListView{Banks: make([]bankView, len(banks))}
	for i := range banks {
		out.Banks[i] = viewBank(u, &banks[i])
	}
	return c.JSON(out)
}

func (s *Server) createBank(c *fiber.Ctx) error {
	var body bankBody
	if err := bind(c, &body); err != nil {
		return err
	}
	u := currentUser(c)
	b := &quiz.Bank{Title: body.Title, Description: body.Description, OwnerID: u.ID}
	if err := s.banks.CreateBank(c.UserContext(), b); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(viewBank(u, b))
}

func (s *Server) getBank(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.bankFor(c, c.Params("id"), false)
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
	return c.JSON(viewBankPage(currentUser(c), b, qs))
}

func (s *Server) updateBank(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.bankFor(c, c.Params("id"), true)
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
	return c.JSON(viewBank(currentUser(c), b))
}

func (s *Server) deleteBank(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	if err := s.banks.DeleteBank(c.UserContext(), b.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// shareBank replaces whom a bank is shared with, read only: named organisers and trainers,
// or all of them.
func (s *Server) shareBank(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body struct {
		UserIDs []string `json:"user_ids"`
		All     bool     `json:"all"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	ids, err := s.pickUsers(c, body.UserIDs, b.OwnerID, quiz.CanShareWith,
		"Chỉ chia sẻ được bộ câu hỏi với ban tổ chức hoặc giảng viên đang hoạt động.")
	if err != nil {
		return err
	}
	shared, err := s.banks.ShareBank(ctx, b.ID, ids, body.All)
	if err != nil {
		return err
	}
	return c.JSON(viewBank(currentUser(c), shared))
}

// pickUsers checks that every id names a user that fits, leaving out the owner, who needs no
// share; anyone else is EINVALID with message.
func (s *Server) pickUsers(c *fiber.Ctx, ids []string, ownerID string, fits func(*quiz.User) bool, message string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	} else if len(ids) > 500 {
		return nil, quiz.Errorf(quiz.EINVALID, "Danh sách người dùng quá dài.")
	}
	users, err := s.users.ListUsers(c.UserContext())
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*quiz.User, len(users))
	for i := range users {
		byID[users[i].ID] = &users[i]
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id == ownerID {
			continue
		}
		if u := byID[id]; u == nil || !fits(u) {
			return nil, quiz.Errorf(quiz.EINVALID, "%s", message)
		}
		out = append(out, id)
	}
	return out, nil
}

// copyBank copies a bank the caller may read, with all its questions, into a bank of theirs.
func (s *Server) copyBank(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	var body struct {
		Title string `json:"title"`
	}
	if len(c.Body()) > 0 {
		if err := bind(c, &body); err != nil {
			return err
		}
	}
	title := body.Title
	if title == "" {
		title = copyTitle(b.Title)
	}
	u := currentUser(c)
	copied, err := s.banks.CopyBank(c.UserContext(), b.ID, u.ID, title)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(viewBank(u, copied))
}

// copyTitle names a copy "… (bản sao)", shortening the original to keep within 200 characters.
func copyTitle(title string) string {
	const suffix = " (bản sao)"
	if limit := 200 - utf8.RuneCountInString(suffix); utf8.RuneCountInString(title) > limit {
		title = string([]rune(title)[:limit])
	}
	return title + suffix
}

func (s *Server) createQuestion(c *fiber.Ctx) error {
	ctx := c.UserContext()
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body questionFields
	if err := bind(c, &body); err != nil {
		return err
	}
	q := &quiz.Question{BankID: b.ID}
	body.applyTo(q)
	if err := s.banks.CreateQuestion(ctx, q); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(viewQuestion(q))
}

func (s *Server) updateQuestion(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := s.questionFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	var body struct {
		questionFields
		// Version is the version the edit was made from: an edit of one someone else has since
		// replaced is refused rather than lost over theirs. 0 edits whatever is latest.
		Version int `json:"version"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	body.applyTo(q)
	q.Version = body.Version
	if err := s.banks.UpdateQuestion(ctx, q, currentUser(c)); err != nil {
		return err
	}
	return c.JSON(viewQuestion(q))
}

// questionHistory answers the edits of a question the caller may read, newest first.
func (s *Server) questionHistory(c *fiber.Ctx) error {
	q, err := s.questionFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	revs, err := s.banks.ListRevisions(c.UserContext(), q.ID)
	if err != nil {
		return err
	}
	out := historyView{Version: q.Version, CreatedAt: q.CreatedAt, Revisions: make([]revisionView, len(revs))}
	for i, r := range revs {
		out.Revisions[i] = revisionView{Version: r.Version, At: r.At, ActorName: r.ActorName, Changed: nonNil(r.Changed)}
	}
	return c.JSON(out)
}

// historyView answers GET /api/questions/:id/history.
type historyView struct {
	Version   int            `json:"version"`
	CreatedAt time.Time      `json:"created_at"`
	Revisions []revisionView `json:"revisions"`
}

// revisionView is one edit of a question.
type revisionView struct {
	Version   int       `json:"version"`
	At        time.Time `json:"at"`
	ActorName string    `json:"actor_name"`
	Changed   []string  `json:"changed"`
}

func (s *Server) deleteQuestion(c *fiber.Ctx) error {
	q, err := s.questionFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	if err := s.banks.DeleteQuestion(c.UserContext(), q.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// questionSearchView answers GET /api/questions: the questions found, each with its bank.
type questionSearchView struct {
	Questions []foundQuestionView `json:"questions"`
	More      bool                `json:"more"`
	Next      string              `json:"next"`
}

// foundQuestionView is a question a search found, with the title of its bank.
type foundQuestionView struct {
	questionView
	BankTitle string `json:"bank_title"`
}

// findQuestions searches every bank the caller may read: ?q= text, bank=, tag= (each may be
// given several times), difficulty=, type=, limit=, after=.
func (s *Server) findQuestions(c *fiber.Ctx) error {
	args := c.Context().QueryArgs()
	all := func(name string) []string {
		var out []string
		for _, v := range args.PeekMulti(name) {
			if v := strings.TrimSpace(string(v)); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	q := quiz.QuestionQuery{Text: c.Query("q"), BankIDs: all("bank"), Tags: all("tag"), After: c.Query("after")}
	for _, t := range all("type") {
		q.Types = append(q.Types, quiz.QuestionType(t))
	}
	for _, d := range all("difficulty") {
		n, err := strconv.Atoi(d)
		if err != nil {
			return quiz.Errorf(quiz.EINVALID, "Mức độ phải là một số từ 0 đến %d.", quiz.MaxDifficulty)
		}
		q.Difficulties = append(q.Difficulties, n)
	}
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			return quiz.Errorf(quiz.EINVALID, "Tham số limit phải là một số.")
		}
		q.Limit = n
	}
	u := currentUser(c)
	page, err := s.banks.FindQuestions(c.UserContext(), u, q)
	if err != nil {
		return err
	}
	out := questionSearchView{Questions: make([]foundQuestionView, len(page.Questions)), More: page.More, Next: page.Next}
	for i := range page.Questions {
		out.Questions[i] = foundQuestionView{questionView: viewQuestion(&page.Questions[i]), BankTitle: page.BankTitles[page.Questions[i].BankID]}
	}
	return c.JSON(out)
}
