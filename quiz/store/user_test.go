package store_test

import (
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

func TestUsers(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users := store.NewUserService(db, fastHashes)
		u := &quiz.User{Username: " BanToChuc ", DisplayName: "Ban tổ chức", Role: quiz.RoleOrganiser}
		must(t, users.CreateUser(ctx, u, "mật-khẩu-đủ-dài"))
		if u.ID == "" || u.Username != "bantochuc" {
			t.Fatalf("created user = %+v", u)
		}

		cases := []struct {
			name, username, password string
			code                     string
		}{
			{"the right password logs in", "bantochuc", "mật-khẩu-đủ-dài", ""},
			{"the username is not case sensitive", "BANTOCHUC ", "mật-khẩu-đủ-dài", ""},
			{"a wrong password is refused", "bantochuc", "mật-khẩu-sai", quiz.EUNAUTHORIZED},
			{"an unknown user is refused the same way", "ai-do", "mật-khẩu-đủ-dài", quiz.EUNAUTHORIZED},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := users.Authenticate(ctx, c.username, c.password)
				wantCode(t, err, c.code)
				if c.code == "" && (got.ID != u.ID || got.Role != quiz.RoleOrganiser || got.DisplayName != "Ban tổ chức") {
					t.Errorf("authenticated as %+v, want %+v", got, u)
				}
			})
		}

		wantCode(t, users.CreateUser(ctx, &quiz.User{Username: "BANTOCHUC", Role: quiz.RoleTrainer}, "mật-khẩu-khác-nữa"), quiz.ECONFLICT)
		wantCode(t, users.CreateUser(ctx, &quiz.User{Username: "giamkhao", Role: quiz.RoleJudge}, "ngắn"), quiz.EINVALID)
		wantCode(t, users.CreateUser(ctx, &quiz.User{Username: "khach", Role: "guest"}, "mật-khẩu-đủ-dài"), quiz.EINVALID)

		n, err := users.CountUsers(ctx)
		must(t, err)
		if n != 1 {
			t.Errorf("CountUsers = %d, want 1", n)
		}
		found, err := users.FindUser(ctx, u.ID)
		must(t, err)
		if *found != *u {
			t.Errorf("found user %+v, want %+v", found, u)
		}
		_, err = users.FindUser(ctx, "no-such-user")
		wantCode(t, err, quiz.ENOTFOUND)
	})
}

func TestSessions(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users := store.NewUserService(db, fastHashes)
		u := &quiz.User{Username: "admin", Role: quiz.RoleAdmin}
		must(t, users.CreateUser(ctx, u, "correct horse battery"))

		live := &quiz.Session{ID: "hash-live", UserID: u.ID, CSRFToken: "csrf", ExpiresAt: time.Now().Add(time.Hour)}
		must(t, users.CreateSession(ctx, live))
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "hash-old", UserID: u.ID, CSRFToken: "csrf", ExpiresAt: time.Now().Add(-time.Second)}))

		s, su, err := users.FindSession(ctx, "hash-live")
		must(t, err)
		if su.ID != u.ID || s.CSRFToken != "csrf" || !s.ExpiresAt.Equal(live.ExpiresAt) || !s.CreatedAt.Equal(live.CreatedAt) {
			t.Fatalf("found session %+v of %+v, want %+v of %+v", s, su, live, u)
		}

		cases := []struct {
			name, id string
		}{
			{"an expired session is not found", "hash-old"},
			{"an unknown session is not found", "hash-unknown"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, _, err := users.FindSession(ctx, c.id)
				wantCode(t, err, quiz.ENOTFOUND)
			})
		}

		must(t, users.DeleteSession(ctx, "hash-live"))
		_, _, err = users.FindSession(ctx, "hash-live")
		wantCode(t, err, quiz.ENOTFOUND)
		must(t, users.DeleteSession(ctx, "hash-live"))
		wantCode(t, users.CreateSession(ctx, &quiz.Session{ID: "hash-x", UserID: "no-such-user", ExpiresAt: time.Now().Add(time.Hour)}), quiz.ENOTFOUND)
	})
}
