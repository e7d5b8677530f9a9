package quiz

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user may do.
type Role string

// Roles of users who log in. Contestants never log in: they join with a PIN.
const (
	RoleAdmin     Role = "admin"     // everything, including users
	RoleOrganiser Role = "organiser" // banks, contests, the control panel
	RoleTrainer   Role = "trainer"   // banks
	RoleJudge     Role = "judge"     // scores judged rounds
)

// Can reports whether a user of role r may do what needs role need.
func (r Role) Can(need Role) bool {
	switch r {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return need == RoleOrganiser || need == RoleTrainer
	default:
		return r == need
	}
}

// User is someone who logs in: an admin, organiser, trainer or judge.
type User struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        Role      `json:"role"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a user before it is saved.
func (u *User) Validate() error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	var err error
	if u.DisplayName, err = CleanText(u.DisplayName, TextRule{Field: "tên hiển thị", Max: MaxDisplayNameLen}); err != nil {
		return err
	}
	if u.Username == "" || utf8.RuneCountInString(u.Username) > 64 || strings.ContainsAny(u.Username, " \t\r\n") {
		return Errorf(EINVALID, "Tên đăng nhập không hợp lệ (tối đa 64 ký tự, không có dấu cách).")
	}
	switch u.Role {
	case RoleAdmin, RoleOrganiser, RoleTrainer, RoleJudge:
	default:
		return Errorf(EINVALID, "Vai trò người dùng không hợp lệ.")
	}
	return nil
}

// Session is a logged-in browser. The cookie holds a random token; only its hash is stored.
type Session struct {
	ID        string    `json:"-"` // SHA-256 hex of the cookie token
	UserID    string    `json:"user_id"`
	CSRFToken string    `json:"-"`
	ExpiresAt time.Time `json:"expires_at"`
	CreatedAt time.Time `json:"created_at"`
}

// UserService stores users and their sessions.
type UserService interface {
	// CreateUser saves u with a password hash of password (bcrypt). A taken username is ECONFLICT.
	CreateUser(ctx context.Context, u *User, password string) error
	// Authenticate returns the user whose username and password match, or EUNAUTHORIZED.
	Authenticate(ctx context.Context, username, password string) (*User, error)
	FindUser(ctx context.Context, id string) (*User, error)
	CountUsers(ctx context.Context) (int, error)

	// CreateSession stores s (s.ID is the token hash).
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns an unexpired session by token hash, with its user.
	FindSession(ctx context.Context, id string) (*Session, *User, error)
	DeleteSession(ctx context.Context, id string) error
}
