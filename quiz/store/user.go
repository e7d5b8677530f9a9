package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"hoithi/quiz"
)

// DefaultSessionIdle is how long a session may go unused before it ends, unless configured.
const DefaultSessionIdle = 12 * time.Hour

// lastSeenEvery is how often a session in use has its last_seen_at written: at most once a
// minute, so a busy control panel does not write on every request.
const lastSeenEvery = time.Minute

// UserService stores users and their sessions.
type UserService struct {
	db    *DB
	now   func() time.Time
	idle  time.Duration
	cost  int
	dummy func() []byte
}

var _ quiz.UserService = (*UserService)(nil)

// UserOption configures a UserService.
type UserOption func(*UserService)

// WithClock makes the service read the time from now, so tests can move it.
func WithClock(now func() time.Time) UserOption { return func(s *UserService) { s.now = now } }

// WithSessionIdle sets how long a session may go unused before it ends.
func WithSessionIdle(d time.Duration) UserOption { return func(s *UserService) { s.idle = d } }

// WithPasswordCost sets the bcrypt cost of new password hashes. Tests use bcrypt.MinCost: under
// the race detector one hash at the default cost takes more than a second.
func WithPasswordCost(cost int) UserOption { return func(s *UserService) { s.cost = cost } }

// NewUserService returns a UserService backed by db.
func NewUserService(db *DB, opts ...UserOption) *UserService {
	s := &UserService{db: db, now: time.Now, idle: DefaultSessionIdle, cost: bcrypt.DefaultCost}
	for _, o := range opts {
		o(s)
	}
	// Compared against when a username does not exist or is disabled, so a failed login takes
	// as long whatever the reason.
	s.dummy = sync.OnceValue(func() []byte {
		h, _ := bcrypt.GenerateFromPassword([]byte("hoithi-no-such-user"), s.cost)
		return h
	})
	return s
}

type userRow struct {
	ID           string
	Username     string
	DisplayName  string
	Role         string
	PasswordHash string
	Disabled     bool
	CreatedAt    int64 `gorm:"autoCreateTime:milli"`
}

func (userRow) TableName() string { return "users" }

func (r *userRow) user() *quiz.User {
	return &quiz.User{
		ID:          r.ID,
		Username:    r.Username,
		DisplayName: r.DisplayName,
		Role:        quiz.Role(r.Role),
		Disabled:    r.Disabled,
		CreatedAt:   fromMillis(r.CreatedAt),
	}
}

type sessionRow struct {
	ID         string
	UserID     string
	CSRFToken  string `gorm:"column:csrf_token"`
	ExpiresAt  int64
	LastSeenAt int64
	CreatedAt  int64 `gorm:"autoCreateTime:milli"`
}

func (sessionRow) TableName() string { return "sessions" }

func (r *sessionRow) session() *quiz.Session {
	return &quiz.Session{ID: r.ID, UserID: r.UserID, CSRFToken: r.CSRFToken, ExpiresAt: fromMillis(r.ExpiresAt),
		LastSeenAt: fromMillis(r.LastSeenAt), CreatedAt: fromMillis(r.CreatedAt)}
}

var (
	errNoUser       = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy người dùng.")
	errNoSession    = quiz.Errorf(quiz.ENOTFOUND, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	errBadLogin     = quiz.Errorf(quiz.EUNAUTHORIZED, "Sai tên đăng nhập hoặc mật khẩu.")
	errLastAdmin    = quiz.Errorf(quiz.ECONFLICT, "Không thể khoá hay đổi vai trò của quản trị viên cuối cùng đang hoạt động: hãy tạo hoặc mở khoá một quản trị viên khác trước.")
	errWrongCurrent = quiz.Errorf(quiz.EINVALID, "Mật khẩu hiện tại không đúng.")
)

// clock returns the current time as stored, and as a time.Time equal to what a read returns.
func (s *UserService) clock() (int64, time.Time) {
	ms := s.now().UnixMilli()
	return ms, fromMillis(ms)
}

func (s *UserService) hash(password string) (string, error) {
	if err := quiz.ValidatePassword(password); err != nil {
		return "", err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(hash), nil
}

// CreateUser saves u with a bcrypt hash of password. A taken username is ECONFLICT.
func (s *UserService) CreateUser(ctx context.Context, u *quiz.User, password string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	hash, err := s.hash(password)
	if err != nil {
		return err
	}
	ms, t := s.clock()
	row := userRow{ID: newID(), Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), PasswordHash: hash, Disabled: u.Disabled, CreatedAt: ms}
	if err := s.db.Gorm(ctx).Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
		return quiz.Errorf(quiz.ECONFLICT, "Tên đăng nhập “%s” đã có người dùng.", u.Username)
	} else if err != nil {
		return fmt.Errorf("create user %q: %w", u.Username, err)
	}
	u.ID, u.CreatedAt = row.ID, t
	return nil
}

func (s *UserService) findRow(tx *gorm.DB, where string, arg string) (*userRow, error) {
	var row userRow
	if err := tx.Where(where, arg).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoUser
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return &row, nil
}

// Authenticate returns the enabled user whose username and password match, or EUNAUTHORIZED:
// the same answer for an unknown name, a wrong password and a disabled account.
func (s *UserService) Authenticate(ctx context.Context, username, password string) (*quiz.User, error) {
	row, err := s.findRow(s.db.Gorm(ctx), "username = ?", strings.ToLower(strings.TrimSpace(username)))
	if quiz.ErrorCode(err) == quiz.ENOTFOUND || (err == nil && row.Disabled) {
		_ = bcrypt.CompareHashAndPassword(s.dummy(), []byte(password))
		return nil, errBadLogin
	} else if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(row.PasswordHash), []byte(password)) != nil {
		return nil, errBadLogin
	}
	return row.user(), nil
}

// FindUser returns the user with that id.
func (s *UserService) FindUser(ctx context.Context, id string) (*quiz.User, error) {
	row, err := s.findRow(s.db.Gorm(ctx), "id = ?", id)
	if err != nil {
		return nil, err
	}
	return row.user(), nil
}

// FindUserByUsername returns the user with that username, whatever its case.
func (s *UserService) FindUserByUsername(ctx context.Context, username string) (*quiz.User, error) {
	row, err := s.findRow(s.db.Gorm(ctx), "username = ?", strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return nil, err
	}
	return row.user(), nil
}

// ListUsers returns every user, by username.
func (s *UserService) ListUsers(ctx context.Context) ([]quiz.User, error) {
	var rows []userRow
	if err := s.db.Gorm(ctx).Order("username").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	users := make([]quiz.User, len(rows))
	for i := range rows {
		users[i] = *rows[i].user()
	}
	return users, nil
}

// CountUsers returns how many users there are, so a fresh install can ask for its first admin.
func (s *UserService) CountUsers(ctx context.Context) (int, error) {
	var n int64
	if err := s.db.Gorm(ctx).Model(&userRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return int(n), nil
}

// UpdateUser applies ch to the user with that id and returns it. Disabling ends every session
// of the user. A change that would leave no enabled admin is ECONFLICT and changes nothing.
func (s *UserService) UpdateUser(ctx context.Context, id string, ch quiz.UserChange) (*quiz.User, error) {
	var out *quiz.User
	err := s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		if ch.Role != nil || ch.Disabled != nil {
			// Taking the enabled admins' rows first, in one order, makes two admins demoting
			// each other at once take turns: the second sees the first's change.
			if err := s.lockAdmins(tx); err != nil {
				return err
			}
		}
		row, err := s.findRow(tx, "id = ?", id)
		if err != nil {
			return err
		}
		u := row.user()
		if ch.DisplayName != nil {
			u.DisplayName = *ch.DisplayName
		}
		if ch.Role != nil {
			u.Role = *ch.Role
		}
		if ch.Disabled != nil {
			u.Disabled = *ch.Disabled
		}
		if err := u.Validate(); err != nil {
			return err
		}
		wasAdmin := row.Role == string(quiz.RoleAdmin) && !row.Disabled
		if wasAdmin && (u.Role != quiz.RoleAdmin || u.Disabled) {
			var others int64
			if err := tx.Model(&userRow{}).Where("role = ? AND disabled = ? AND id <> ?", string(quiz.RoleAdmin), false, id).Count(&others).Error; err != nil {
				return fmt.Errorf("count admins: %w", err)
			} else if others == 0 {
				return errLastAdmin
			}
		}
		err = tx.Model(&userRow{}).Where("id = ?", id).
			Updates(map[string]any{"display_name": u.DisplayName, "role": string(u.Role), "disabled": u.Disabled}).Error
		if err != nil {
			return fmt.Errorf("update user %s: %w", id, err)
		}
		if u.Disabled && !row.Disabled {
			if err := tx.Where("user_id = ?", id).Delete(&sessionRow{}).Error; err != nil {
				return fmt.Errorf("end sessions of user %s: %w", id, err)
			}
		}
		out = u
		return nil
	})
	return out, err
}

// lockAdmins locks the rows of the enabled admins until the transaction ends. SQLite needs no
// lock: its transactions take the write lock when they begin.
func (s *UserService) lockAdmins(tx *gorm.DB) error {
	if s.db.Dialect() != Postgres {
		return nil
	}
	var ids []string
	err := tx.Model(&userRow{}).Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("role = ? AND disabled = ?", string(quiz.RoleAdmin), false).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return fmt.Errorf("lock admins: %w", err)
	}
	return nil
}

// SetPassword replaces the user's password and ends every session of theirs except keep
// (empty: all of them).
func (s *UserService) SetPassword(ctx context.Context, id, password, keep string) error {
	hash, err := s.hash(password)
	if err != nil {
		return err
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", id).Update("password_hash", hash)
		if res.Error != nil {
			return fmt.Errorf("set password of user %s: %w", id, res.Error)
		} else if res.RowsAffected == 0 {
			return errNoUser
		}
		return deleteSessions(tx, id, keep)
	})
}

// ChangePassword sets a new password after checking the current one, which is EINVALID when
// wrong, and ends every other session of the user but keep.
func (s *UserService) ChangePassword(ctx context.Context, id, current, next, keep string) error {
	row, err := s.findRow(s.db.Gorm(ctx), "id = ?", id)
	if err != nil {
		return err
	}
	if bcrypt.CompareHashAndPassword([]byte(row.PasswordHash), []byte(current)) != nil {
		return errWrongCurrent
	}
	return s.SetPassword(ctx, id, next, keep)
}

// CreateSession stores sess; sess.ID is the hash of the cookie token. It counts as seen now.
func (s *UserService) CreateSession(ctx context.Context, sess *quiz.Session) error {
	if sess.ID == "" || sess.UserID == "" {
		return quiz.Errorf(quiz.EINVALID, "Phiên đăng nhập thiếu mã hoặc người dùng.")
	}
	ms, t := s.clock()
	if sess.CreatedAt.IsZero() {
		sess.CreatedAt = t
	}
	row := sessionRow{ID: sess.ID, UserID: sess.UserID, CSRFToken: sess.CSRFToken, ExpiresAt: millis(sess.ExpiresAt), LastSeenAt: ms, CreatedAt: millis(sess.CreatedAt)}
	if err := s.db.Gorm(ctx).Create(&row).Error; errors.Is(err, gorm.ErrForeignKeyViolated) {
		return errNoUser
	} else if err != nil {
		return fmt.Errorf("create session for user %s: %w", sess.UserID, err)
	}
	*sess = *row.session()
	return nil
}

// FindSession returns a session by token hash, with its user. A session that is missing,
// expired, unused for longer than the idle timeout, or whose user is disabled is ENOTFOUND.
// A session last seen a minute ago or more is marked seen now.
func (s *UserService) FindSession(ctx context.Context, id string) (*quiz.Session, *quiz.User, error) {
	db := s.db.Gorm(ctx)
	ms, _ := s.clock()
	var row sessionRow
	err := db.Where("id = ? AND expires_at > ? AND last_seen_at > ?", id, ms, ms-s.idle.Milliseconds()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, errNoSession
	} else if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	u, err := s.FindUser(ctx, row.UserID)
	if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return nil, nil, errNoSession
	} else if err != nil {
		return nil, nil, fmt.Errorf("find user of session: %w", err)
	} else if u.Disabled {
		return nil, nil, errNoSession
	}
	if ms-row.LastSeenAt >= lastSeenEvery.Milliseconds() {
		if err := db.Model(&sessionRow{}).Where("id = ?", id).Update("last_seen_at", ms).Error; err != nil {
			return nil, nil, fmt.Errorf("mark session seen: %w", err)
		}
		row.LastSeenAt = ms
	}
	return row.session(), u, nil
}

// DeleteSession removes a session; removing one that is already gone is not an error.
func (s *UserService) DeleteSession(ctx context.Context, id string) error {
	if err := s.db.Gorm(ctx).Where("id = ?", id).Delete(&sessionRow{}).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of the user except keep (empty: all of them).
func (s *UserService) DeleteUserSessions(ctx context.Context, userID, keep string) error {
	return deleteSessions(s.db.Gorm(ctx), userID, keep)
}

func deleteSessions(tx *gorm.DB, userID, keep string) error {
	if err := tx.Where("user_id = ? AND id <> ?", userID, keep).Delete(&sessionRow{}).Error; err != nil {
		return fmt.Errorf("end sessions of user %s: %w", userID, err)
	}
	return nil
}

// PurgeSessions removes expired and idle sessions, which FindSession no longer returns, and
// reports how many.
func (s *UserService) PurgeSessions(ctx context.Context) (int64, error) {
	ms, _ := s.clock()
	res := s.db.Gorm(ctx).Where("expires_at <= ? OR last_seen_at <= ?", ms, ms-s.idle.Milliseconds()).Delete(&sessionRow{})
	if res.Error != nil {
		return 0, fmt.Errorf("purge sessions: %w", res.Error)
	}
	return res.RowsAffected, nil
}
