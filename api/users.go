package api

import (
	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

func (s *Server) listUsers(c *fiber.Ctx) error {
	users, err := s.users.ListUsers(c.UserContext())
	if err != nil {
		return err
	}
	out := userListView{Users: make([]userView, len(users))}
	for i := range users {
		out.Users[i] = viewUser(&users[i])
	}
	return c.JSON(out)
}

// colleagues lists the enabled organisers and trainers, whom banks can be shared with and
// contests co-organised by.
func (s *Server) colleagues(c *fiber.Ctx) error {
	users, err := s.users.ListUsers(c.UserContext())
	if err != nil {
		return err
	}
	out := colleagueListView{Users: make([]colleagueView, 0, len(users))}
	for i := range users {
		if quiz.CanShareWith(&users[i]) {
			out.Users = append(out.Users, viewColleague(&users[i]))
		}
	}
	return c.JSON(out)
}

func (s *Server) createUser(c *fiber.Ctx) error {
	var body struct {
		Username    string    `json:"username"`
		DisplayName string    `json:"display_name"`
		Role        quiz.Role `json:"role"`
		Password    string    `json:"password"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	password, generated := body.Password, body.Password == ""
	if generated {
		password = quiz.GeneratePassword()
	}
	u := &quiz.User{Username: body.Username, DisplayName: body.DisplayName, Role: body.Role}
	if err := s.users.CreateUser(c.UserContext(), u, password); err != nil {
		return err
	}
	out := newUserView{User: viewUser(u)}
	if generated {
		out.Password = password
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (s *Server) updateUser(c *fiber.Ctx) error {
	var body struct {
		DisplayName *string    `json:"display_name"`
		Role        *quiz.Role `json:"role"`
		Disabled    *bool      `json:"disabled"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	id := c.Params("id")
	if me := currentUser(c); id == me.ID {
		if body.Disabled != nil && *body.Disabled {
			return quiz.Errorf(quiz.ECONFLICT, "Đồng chí không thể tự khoá tài khoản của mình.")
		} else if body.Role != nil && *body.Role != me.Role {
			return quiz.Errorf(quiz.ECONFLICT, "Đồng chí không thể tự đổi vai trò của mình.")
		}
	}
	u, err := s.users.UpdateUser(c.UserContext(), id, quiz.UserChange{DisplayName: body.DisplayName, Role: body.Role, Disabled: body.Disabled})
	if err != nil {
		return err
	}
	return c.JSON(viewUser(u))
}

// resetPassword sets a user's password (a readable one is generated when none is given) and
// ends every session of theirs.
func (s *Server) resetPassword(c *fiber.Ctx) error {
	var body struct {
		Password string `json:"password"`
	}
	if len(c.Body()) > 0 {
		if err := bind(c, &body); err != nil {
			return err
		}
	}
	password := body.Password
	if password == "" {
		password = quiz.GeneratePassword()
	}
	if err := s.users.SetPassword(c.UserContext(), c.Params("id"), password, ""); err != nil {
		return err
	}
	return c.JSON(passwordView{Password: password})
}

// changeMyPassword lets anyone logged in change their own password; their other sessions end,
// this one stays.
func (s *Server) changeMyPassword(c *fiber.Ctx) error {
	var body struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if err := s.users.ChangePassword(c.UserContext(), currentUser(c).ID, body.Current, body.New, currentSession(c).ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// logoutAll ends every session of the caller, on every device, this one included.
func (s *Server) logoutAll(c *fiber.Ctx) error {
	if err := s.users.DeleteUserSessions(c.UserContext(), currentUser(c).ID, ""); err != nil {
		return err
	}
	s.clearCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}
