package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"hoithi/quiz"
)

// Password length limits; bcrypt reads at most 72 bytes.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 72
)

// UserService stores users and their sessions.
type UserService struct {
	db *DB
}

var _ quiz.UserService = (*UserService)(nil)

// NewUserService returns a UserService backed by db.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

type userRow struct {
	ID           string
	Username     string
	DisplayName  string
	Role         string
	PasswordHash string
	CreatedAt    int64 `gorm:"autoCreateTime:milli"`
}

func (userRow) TableName() string { return "users" }

func (r *userRow) user() *quiz.User {
	return &quiz.User{
		ID:          r.ID,
		Username:    r.Username,
		DisplayName: r.DisplayName,
		Role:        quiz.Role(r.Role),
		CreatedAt:   fromMillis(r.CreatedAt),
	}
}

type sessionRow struct {
	ID        string
	UserID    string
	CSRFToken string `gorm:"column:csrf_token"`
	ExpiresAt int64
	CreatedAt int64 `gorm:"autoCreateTime:milli"`
}

func (sessionRow) TableName() string { return "sessions" }

// passwordCost is the bcrypt cost of new password hashes. Test binaries use the minimum: under
// the race detector one hash at the default cost takes more than a second.
var passwordCost = func() int {
	if testing.Testing() {
		return bcrypt.MinCost
	}
	return bcrypt.DefaultCost
}()

// dummyHash is compared against when a username does not exist, so a failed login takes as
// long whether or not the name is taken.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("hoithi-no-such-user"), passwordCost)
	return h
})

var errNoUser = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy người dùng.")

// CreateUser saves u with a bcrypt hash of password. A taken username is ECONFLICT.
func (s *UserService) CreateUser(ctx context.Context, u *quiz.User, password string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if len(password) < MinPasswordLen {
		return quiz.Errorf(quiz.EINVALID, "Mật khẩu cần ít nhất %d ký tự.", MinPasswordLen)
	} else if len(password) > MaxPasswordLen {
		return quiz.Errorf(quiz.EINVALID, "Mật khẩu dài quá %d byte.", MaxPasswordLen)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), passwordCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	ms, t := now()
	row := userRow{ID: newID(), Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), PasswordHash: string(hash), CreatedAt: ms}
	if err := s.db.Gorm(ctx).Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
		return quiz.Errorf(quiz.ECONFLICT, "Tên đăng nhập “%s” đã có người dùng.", u.Username)
	} else if err != nil {
		return fmt.Errorf("create user %q: %w", u.Username, err)
	}
	u.ID, u.CreatedAt = row.ID, t
	return nil
}

// Authenticate returns the user whose username and password match, or EUNAUTHORIZED.
func (s *UserService) Authenticate(ctx context.Context, username, password string) (*quiz.User, error) {
	var row userRow
	err := s.db.Gorm(ctx).Where("username = ?", strings.ToLower(strings.TrimSpace(username))).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return nil, quiz.Errorf(quiz.EUNAUTHORIZED, "Sai tên đăng nhập hoặc mật khẩu.")
	} else if err != nil {
		return nil, fmt.Errorf("find user %q: %w", username, err)
	}
	if bcrypt.CompareHashAndPassword([]byte(row.PasswordHash), []byte(password)) != nil {
		return nil, quiz.Errorf(quiz.EUNAUTHORIZED, "Sai tên đăng nhập hoặc mật khẩu.")
	}
	return row.user(), nil
}

// FindUser returns the user with that id.
func (s *UserService) FindUser(ctx context.Context, id string) (*quiz.User, error) {
	var row userRow
	if err := s.db.Gorm(ctx).Where("id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoUser
	} else if err != nil {
		return nil, fmt.Errorf("find user %s: %w", id, err)
	}
	return row.user(), nil
}

// CountUsers returns how many users there are, so a fresh install can ask for its first admin.
func (s *UserService) CountUsers(ctx context.Context) (int, error) {
	var n int64
	if err := s.db.Gorm(ctx).Model(&userRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return int(n), nil
}

// CreateSession stores sess; sess.ID is the hash of the cookie token.
func (s *UserService) CreateSession(ctx context.Context, sess *quiz.Session) error {
	if sess.ID == "" || sess.UserID == "" {
		return quiz.Errorf(quiz.EINVALID, "Phiên đăng nhập thiếu mã hoặc người dùng.")
	}
	if sess.CreatedAt.IsZero() {
		_, sess.CreatedAt = now()
	}
	row := sessionRow{ID: sess.ID, UserID: sess.UserID, CSRFToken: sess.CSRFToken, ExpiresAt: millis(sess.ExpiresAt), CreatedAt: millis(sess.CreatedAt)}
	if err := s.db.Gorm(ctx).Create(&row).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
		return errNoUser
	} else if err != nil {
		return fmt.Errorf("create session for user %s: %w", sess.UserID, err)
	}
	sess.ExpiresAt, sess.CreatedAt = fromMillis(row.ExpiresAt), fromMillis(row.CreatedAt)
	return nil
}

// FindSession returns an unexpired session by token hash, with its user. A missing or expired
// session is ENOTFOUND.
func (s *UserService) FindSession(ctx context.Context, id string) (*quiz.Session, *quiz.User, error) {
	var row sessionRow
	err := s.db.Gorm(ctx).Where("id = ? AND expires_at > ?", id, millis(time.Now())).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, quiz.Errorf(quiz.ENOTFOUND, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	} else if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	u, err := s.FindUser(ctx, row.UserID)
	if err != nil {
		return nil, nil, fmt.Errorf("find user of session: %w", err)
	}
	sess := &quiz.Session{ID: row.ID, UserID: row.UserID, CSRFToken: row.CSRFToken, ExpiresAt: fromMillis(row.ExpiresAt), CreatedAt: fromMillis(row.CreatedAt)}
	return sess, u, nil
}

// DeleteSession removes a session; removing one that is already gone is not an error.
func (s *UserService) DeleteSession(ctx context.Context, id string) error {
	if err := s.db.Gorm(ctx).Where("id = ?", id).Delete(&sessionRow{}).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
