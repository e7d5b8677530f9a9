package api

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
	"hoithi/realtime"
)

const (
	sessionCookie = "hoithi_session"
	sessionTTL    = 7 * 24 * time.Hour
	csrfHeader    = "X-CSRF-Token"
)

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Errorf("random token: %w", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// loadSession puts the logged-in user and session, if any, into the request's locals.
func (s *Server) loadSession(c *fiber.Ctx) error {
	token := c.Cookies(sessionCookie)
	if token == "" {
		return c.Next()
	}
	sess, user, err := s.users.FindSession(c.UserContext(), realtime.HashToken(token))
	if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return c.Next()
	} else if err != nil {
		return err
	}
	c.Locals("user", user)
	c.Locals("session", sess)
	return c.Next()
}

// errNotLoggedIn answers a request that needs a session and has none (or one that ended).
var errNotLoggedIn = quiz.Errorf(quiz.EUNAUTHORIZED, "Vui lòng đăng nhập.")

func currentUser(c *fiber.Ctx) *quiz.User {
	u, _ := c.Locals("user").(*quiz.User)
	return u
}

func currentSession(c *fiber.Ctx) *quiz.Session {
	sess, _ := c.Locals("session").(*quiz.Session)
	return sess
}

// checkCSRF requires the session's CSRF token on every state-changing request but the login.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if c.Path() == "/api/login" {
		return c.Next()
	}
	sess := currentSession(c)
	if sess == nil {
		return errNotLoggedIn
	}
	if subtle.ConstantTimeCompare([]byte(c.Get(csrfHeader)), []byte(sess.CSRFToken)) != 1 {
		return quiz.Errorf(codeCSRF, "Phiên làm việc không hợp lệ, vui lòng tải lại trang.")
	}
	return c.Next()
}

// loggedIn lets through anyone logged in, whatever their role.
func (s *Server) loggedIn(c *fiber.Ctx) error {
	if currentUser(c) == nil {
		return errNotLoggedIn
	}
	return c.Next()
}

// require lets through only users whose role can do what role need allows.
func (s *Server) require(need quiz.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := currentUser(c)
		if u == nil {
			return errNotLoggedIn
		} else if !u.Role.Can(need) {
			return quiz.Errorf(quiz.EFORBIDDEN, "Tài khoản của đồng chí không có quyền làm việc này.")
		}
		return c.Next()
	}
}

func (s *Server) login(c *fiber.Ctx) error {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	// Only failures count: an organiser who logs in every day is never locked out, and a
	// guesser is stopped per account and per address.
	addr := s.clientAddr(c)
	if err := s.loginAllowed(c.UserContext(), body.Username, addr); err != nil {
		return err
	}
	user, err := s.users.Authenticate(c.UserContext(), body.Username, body.Password)
	if code := quiz.ErrorCode(err); code == quiz.EUNAUTHORIZED || code == quiz.ENOTFOUND || code == quiz.EINVALID {
		s.loginFailed(c.UserContext(), body.Username, addr)
		return quiz.Errorf(codeBadCredentials, "Sai tên đăng nhập hoặc mật khẩu.")
	} else if err != nil {
		return err
	}
	token := randomToken()
	sess := &quiz.Session{ID: realtime.HashToken(token), UserID: user.ID, CSRFToken: randomToken(), ExpiresAt: time.Now().Add(sessionTTL)}
	if err := s.users.CreateSession(c.UserContext(), sess); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure})
	return c.JSON(sessionView{User: viewUser(user), CSRFToken: sess.CSRFToken})
}

func (s *Server) logout(c *fiber.Ctx) error {
	if sess := currentSession(c); sess != nil {
		if err := s.users.DeleteSession(c.UserContext(), sess.ID); err != nil {
			return err
		}
	}
	s.clearCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// clearCookie tells the browser to forget its session cookie.
func (s *Server) clearCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure})
}

func (s *Server) me(c *fiber.Ctx) error {
	u, sess := currentUser(c), currentSession(c)
	if u == nil {
		return errNotLoggedIn
	}
	return c.JSON(sessionView{User: viewUser(u), CSRFToken: sess.CSRFToken})
}
