package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
)

// runUser runs `hoithi user …` against the database env names and returns what it printed.
func runUser(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, log bytes.Buffer
	m := NewMain(&out, &log)
	if err := m.ParseFlags(append([]string{"user"}, args...)); err != nil {
		return "", err
	}
	err := m.Run(context.Background())
	if cerr := m.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	return out.String(), err
}

// databases are the two places `hoithi user` finds accounts: the embedded SQLite file and
// DATABASE_URL. Each gives the environment and a store over the same database.
func databases(t *testing.T) map[string]func(t *testing.T) (map[string]string, string) {
	return map[string]func(t *testing.T) (map[string]string, string){
		"embedded": func(t *testing.T) (map[string]string, string) {
			dir := t.TempDir()
			return map[string]string{"DATABASE_URL": "", "HOITHI_DATA_DIR": dir}, filepath.Join(dir, "hoithi.db")
		},
		"production": func(t *testing.T) (map[string]string, string) {
			url := storetest.EmptyDatabaseURL(t)
			return map[string]string{"DATABASE_URL": url}, url
		},
	}
}

var generated = regexp.MustCompile(`[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}`)

// TestAnAdminWhoLostAccessGetsBackInFromTheCommandLine: add prints a readable password that
// logs in, list shows the accounts, reset re-enables a disabled account with a new password
// and logs it out everywhere.
func TestAnAdminWhoLostAccessGetsBackInFromTheCommandLine(t *testing.T) {
	for mode, open := range databases(t) {
		t.Run(mode, func(t *testing.T) {
			env, dsn := open(t)
			ctx := t.Context()

			out, err := runUser(t, env, "add", "BanToChuc", "--role", "organiser", "--name", "Ban tổ chức huyện")
			if err != nil {
				t.Fatalf("user add: %v", err)
			}
			password := generated.FindString(out)
			if password == "" || !strings.Contains(out, "bantochuc") {
				t.Fatalf("user add prints no readable password:\n%s", out)
			}
			if _, err := runUser(t, env, "add", "quantri", "--role", "admin", "--password", "mat-khau-quan-tri"); err != nil {
				t.Fatalf("user add with a password: %v", err)
			}

			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			users := store.NewUserService(db, userOptions...)
			u, err := users.Authenticate(ctx, "bantochuc", password)
			if err != nil || u.DisplayName != "Ban tổ chức huyện" || u.Role != quiz.RoleOrganiser {
				t.Fatalf("the printed password does not log in: %+v %v", u, err)
			}
			if _, err := users.Authenticate(ctx, "quantri", "mat-khau-quan-tri"); err != nil {
				t.Fatalf("the given password does not log in: %v", err)
			}

			disabled := true
			if _, err := users.UpdateUser(ctx, u.ID, quiz.UserChange{Disabled: &disabled}); err != nil {
				t.Fatal(err)
			}
			listed, err := runUser(t, env, "list")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(listed), "\n")
			if len(lines) != 3 || !strings.Contains(lines[1], "bantochuc") || !strings.Contains(lines[1], "đã khoá") ||
				!strings.Contains(lines[2], "quantri") || !strings.Contains(lines[2], "hoạt động") {
				t.Fatalf("user list:\n%s", listed)
			}

			other := &quiz.User{Username: "giangvien", Role: quiz.RoleTrainer}
			if err := users.CreateUser(ctx, other, "mat-khau-giang-vien"); err != nil {
				t.Fatal(err)
			}
			if err := users.CreateSession(ctx, &quiz.Session{ID: "phien-cu", UserID: other.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			out, err = runUser(t, env, "reset", "giangvien")
			if err != nil {
				t.Fatalf("user reset: %v", err)
			}
			if _, err := users.Authenticate(ctx, "giangvien", generated.FindString(out)); err != nil {
				t.Fatalf("the reset password does not log in (%v):\n%s", err, out)
			}
			if _, _, err := users.FindSession(ctx, "phien-cu"); quiz.ErrorCode(err) != quiz.ENOTFOUND {
				t.Fatalf("a session from before the reset still works: %v", err)
			}
			if _, err := runUser(t, env, "reset", "bantochuc", "--password", "mat-khau-moi-nhe"); err != nil {
				t.Fatal(err)
			}
			if _, err := users.Authenticate(ctx, "bantochuc", "mat-khau-moi-nhe"); err != nil {
				t.Fatalf("a reset does not enable a disabled account again: %v", err)
			}
		})
	}
}

// TestUserCommandMistakesAreExplained: each mistake is refused with a Vietnamese message.
func TestUserCommandMistakesAreExplained(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "", "HOITHI_DATA_DIR": t.TempDir()}
	if _, err := runUser(t, env, "add", "bantochuc", "--role", "organiser", "--password", "mat-khau-du-dai"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no action", nil, "thiếu việc"},
		{"an unknown action", []string{"remove", "bantochuc"}, "không hợp lệ"},
		{"add without a username", []string{"add", "--role", "judge"}, "thiếu tên đăng nhập"},
		{"add without a role", []string{"add", "giamkhao"}, "thiếu --role"},
		{"an unknown role", []string{"add", "khach", "--role", "guest"}, "Vai trò người dùng không hợp lệ"},
		{"a taken username", []string{"add", "BanToChuc", "--role", "trainer"}, "đã có người dùng"},
		{"a short password", []string{"add", "giamkhao", "--role", "judge", "--password", "ngan"}, "ít nhất 8 ký tự"},
		{"a reset of nobody", []string{"reset", "ai-do"}, "không tìm thấy người dùng \"ai-do\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := runUser(t, env, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// TestSessionIdleIsCheckedAtStart: a wrong HOITHI_SESSION_IDLE stops hoithi before it starts.
func TestSessionIdleIsCheckedAtStart(t *testing.T) {
	cases := []struct {
		value string
		want  time.Duration
	}{
		{"", 12 * time.Hour},
		{"30m", 30 * time.Minute},
		{"168h", 168 * time.Hour},
		{"12", 0},
		{"30s", 0},
		{"200h", 0},
		{"mười hai giờ", 0},
	}
	for _, c := range cases {
		t.Run("HOITHI_SESSION_IDLE="+c.value, func(t *testing.T) {
			t.Setenv("HOITHI_SESSION_IDLE", c.value)
			m := NewMain(&bytes.Buffer{}, &bytes.Buffer{})
			err := m.ParseFlags([]string{"migrate"})
			if c.want == 0 {
				if err == nil || !strings.Contains(err.Error(), "HOITHI_SESSION_IDLE không hợp lệ") {
					t.Fatalf("accepted, or refused unclearly: %v", err)
				}
			} else if err != nil || m.Config.SessionIdle != c.want {
				t.Fatalf("idle = %v, %v; want %v", m.Config.SessionIdle, err, c.want)
			}
		})
	}
}

// TestEndedSessionsAreRemovedAtStart: sessions that expired or sat idle while the server was
// down are gone once it is up again; a live one stays.
func TestEndedSessionsAreRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	m, _, _ := start(t, dir, nil)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(dir, "hoithi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	admin, err := store.NewUserService(db).FindUserByUsername(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for id, clock := range map[string]time.Time{"con-dung": now, "bo-quen": now.Add(-13 * time.Hour), "het-han": now.Add(-8 * 24 * time.Hour)} {
		users := store.NewUserService(db, store.WithClock(func() time.Time { return clock }))
		if err := users.CreateSession(ctx, &quiz.Session{ID: id, UserID: admin.ID, ExpiresAt: clock.Add(7 * 24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}

	m2, _, _ := start(t, dir, nil)
	defer m2.Close()
	var ids []string
	if err := db.Gorm(ctx).Table("sessions").Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != "con-dung" {
		t.Fatalf("sessions after the start: %v, want only the live one", ids)
	}
}
