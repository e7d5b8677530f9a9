package quiz

import (
	"context"
	"crypto/rand"
	"math/big"
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
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        Role   `json:"role"`
	// Disabled users cannot log in and their sessions stop working; their banks and contests stay.
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

// Name is how others see the user: the display name, or the username when it has none.
func (u *User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

// Validate checks a user before it is saved.
func (u *User) Validate() error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	if u.Username == "" || utf8.RuneCountInString(u.Username) > 64 || strings.ContainsAny(u.Username, " \t\r\n") {
		return Errorf(EINVALID, "Tên đăng nhập không hợp lệ (tối đa 64 ký tự, không có dấu cách).")
	}
	if utf8.RuneCountInString(u.DisplayName) > 120 {
		return Errorf(EINVALID, "Tên hiển thị dài quá 120 ký tự.")
	}
	return u.Role.Validate()
}

// Validate reports whether r is one of the roles a user may have.
func (r Role) Validate() error {
	switch r {
	case RoleAdmin, RoleOrganiser, RoleTrainer, RoleJudge:
		return nil
	}
	return Errorf(EINVALID, "Vai trò người dùng không hợp lệ: chọn admin, organiser, trainer hoặc judge.")
}

// Password length limits; bcrypt reads at most 72 bytes.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 72
)

// ValidatePassword checks a new password's length.
func ValidatePassword(password string) error {
	if len(password) < MinPasswordLen {
		return Errorf(EINVALID, "Mật khẩu cần ít nhất %d ký tự.", MinPasswordLen)
	} else if len(password) > MaxPasswordLen {
		return Errorf(EINVALID, "Mật khẩu dài quá %d byte.", MaxPasswordLen)
	}
	return nil
}

// GeneratePassword makes a password easy to read aloud and type on a phone, such as
// k7pq-3mzt-x9ab: no 0/O or 1/l, about 59 bits.
func GeneratePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	var b strings.Builder
	for i := range 12 {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic("random password: " + err.Error())
		}
		b.WriteByte(alphabet[n.Int64()])
	}
	return b.String()
}

// UserChange is what an admin changes on a user; nil fields stay as they are.
type UserChange struct {
	DisplayName *string
	Role        *Role
	Disabled    *bool
}

// Session is a logged-in browser. The cookie holds a random token; only its hash is stored.
type Session struct {
	ID        string    `json:"-"` // SHA-256 hex of the cookie token
	UserID    string    `json:"user_id"`
	CSRFToken string    `json:"-"`
	ExpiresAt time.Time `json:"expires_at"`
	// LastSeenAt is refreshed at most once a minute; a session idle for longer than the idle
	// timeout ends.
	LastSeenAt time.Time `json:"last_seen_at"`
	CreatedAt  time.Time `json:"created_at"`
}

// UserService stores users and their sessions.
type UserService interface {
	// CreateUser saves u with a password hash of password (bcrypt). A taken username is ECONFLICT.
	CreateUser(ctx context.Context, u *User, password string) error
	// Authenticate returns the enabled user whose username and password match, or EUNAUTHORIZED.
	Authenticate(ctx context.Context, username, password string) (*User, error)
	FindUser(ctx context.Context, id string) (*User, error)
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// ListUsers returns every user, by username.
	ListUsers(ctx context.Context) ([]User, error)
	CountUsers(ctx context.Context) (int, error)
	// UpdateUser applies ch to the user. Disabling ends all the user's sessions. Leaving no
	// enabled admin is ECONFLICT.
	UpdateUser(ctx context.Context, id string, ch UserChange) (*User, error)
	// SetPassword replaces the user's password and ends every session of theirs but keep.
	SetPassword(ctx context.Context, id, password, keep string) error
	// ChangePassword is SetPassword after checking the current password (EINVALID if wrong).
	ChangePassword(ctx context.Context, id, current, next, keep string) error

	// CreateSession stores s (s.ID is the token hash).
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns a session that has not expired nor been idle too long, by token
	// hash, with its user, who is enabled. It refreshes the session's LastSeenAt.
	FindSession(ctx context.Context, id string) (*Session, *User, error)
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of the user but keep.
	DeleteUserSessions(ctx context.Context, userID, keep string) error
	// PurgeSessions removes expired and idle sessions, returning how many.
	PurgeSessions(ctx context.Context) (int64, error)
}
