package api_test

import (
	"regexp"
	"strings"
	"testing"
)

// userOut is a user as the API answers it.
type userOut struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
	Disabled    bool   `json:"disabled"`
}

var readablePassword = regexp.MustCompile(`^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$`)

// loginWith logs in with a password and returns the browser and the HTTP status.
func (s *testServer) loginWith(username, password string) (*browser, int) {
	b := s.browser()
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	st := b.do("POST", "/api/login", map[string]string{"username": username, "password": password}, &out)
	b.csrf = out.CSRF
	return b, st
}

// TestTheAdminManagesAccounts: the admin adds accounts (with a readable password shown once
// when none is given), renames, changes roles, disables and resets them; a disabled account
// is locked out at once; an admin cannot lock themselves out.
func TestTheAdminManagesAccounts(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			admin := s.login("admin")

			var created struct {
				User     userOut `json:"user"`
				Password string  `json:"password"`
			}
			if st := admin.do("POST", "/api/users", map[string]string{"username": "BanToChuc", "display_name": "Ban tổ chức", "role": "organiser"}, &created); st != 201 {
				t.Fatalf("create user: HTTP %d", st)
			}
			if !readablePassword.MatchString(created.Password) || created.User.Username != "bantochuc" || created.User.Disabled {
				t.Fatalf("created %+v with password %q, want a readable password", created.User, created.Password)
			}
			org, st := s.loginWith("bantochuc", created.Password)
			if st != 200 {
				t.Fatalf("the generated password does not log in: HTTP %d", st)
			}

			var given map[string]any
			admin.do("POST", "/api/users", map[string]string{"username": "giamkhao", "role": "judge", "password": "mat-khau-giam-khao"}, &given)
			if _, shown := given["password"]; shown {
				t.Fatalf("a password the admin chose is sent back: %v", given)
			}

			cases := []struct {
				name         string
				method, path string
				body         any
				status       int
				code         string
			}{
				{"a taken username", "POST", "/api/users", map[string]string{"username": "BANTOCHUC", "role": "trainer"}, 409, "conflict"},
				{"an unknown role", "POST", "/api/users", map[string]string{"username": "khach", "role": "guest"}, 400, "invalid"},
				{"a short password", "POST", "/api/users", map[string]string{"username": "khach", "role": "trainer", "password": "ngan"}, 400, "invalid"},
				{"the admin disables themselves", "PUT", "/api/users/" + s.userID(admin, "admin"), map[string]any{"disabled": true}, 409, "conflict"},
				{"the admin demotes themselves", "PUT", "/api/users/" + s.userID(admin, "admin"), map[string]any{"role": "organiser"}, 409, "conflict"},
				{"a change to nobody", "PUT", "/api/users/khong-co", map[string]any{"display_name": "Ai"}, 404, "not_found"},
				{"an organiser lists users", "GET", "/api/users", nil, 403, "forbidden"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					b := admin
					if strings.HasPrefix(c.name, "an organiser") {
						b = org
					}
					var e apiErr
					if st := b.do(c.method, c.path, c.body, &e); st != c.status || e.Error.Code != c.code || !isVietnamese(e.Error.Message) {
						t.Fatalf("HTTP %d %+v, want %d %s with a Vietnamese message", st, e, c.status, c.code)
					}
				})
			}

			var changed userOut
			body := map[string]any{"display_name": "Ban tổ chức huyện", "role": "trainer"}
			if st := admin.do("PUT", "/api/users/"+created.User.ID, body, &changed); st != 200 || changed.DisplayName != "Ban tổ chức huyện" || changed.Role != "trainer" {
				t.Fatalf("rename and change role: HTTP %d %+v", st, changed)
			}
			if st := org.do("POST", "/api/contests", map[string]any{"title": "Hội thi"}, nil); st != 403 {
				t.Fatalf("after becoming a trainer the open session still makes contests: HTTP %d", st)
			}

			if st := admin.do("PUT", "/api/users/"+created.User.ID, map[string]any{"disabled": true}, &changed); st != 200 || !changed.Disabled {
				t.Fatalf("disable: HTTP %d %+v", st, changed)
			}
			if st := org.do("GET", "/api/banks", nil, nil); st != 401 {
				t.Fatalf("a disabled user's open session still works: HTTP %d", st)
			}
			var e apiErr
			if _, st := s.loginWith("bantochuc", created.Password); st != 401 {
				t.Fatalf("a disabled user logs in: HTTP %d", st)
			}
			s.browser().do("POST", "/api/login", map[string]string{"username": "bantochuc", "password": created.Password}, &e)
			if e.Error.Code != "bad_credentials" {
				t.Fatalf("a disabled user is told %+v, want the same bad_credentials as a wrong password", e)
			}

			var list struct {
				Users []userOut `json:"users"`
			}
			admin.do("GET", "/api/users", nil, &list)
			if len(list.Users) != 4 || list.Users[1].Username != "bantochuc" || !list.Users[1].Disabled {
				t.Fatalf("users = %+v, want 4 by username with bantochuc disabled", list.Users)
			}

			admin.do("PUT", "/api/users/"+created.User.ID, map[string]any{"disabled": false}, nil)
			again, st := s.loginWith("bantochuc", created.Password)
			if st != 200 {
				t.Fatalf("an enabled user cannot log in again: HTTP %d", st)
			}
			var reset struct {
				Password string `json:"password"`
			}
			if st := admin.do("POST", "/api/users/"+created.User.ID+"/password", nil, &reset); st != 200 || !readablePassword.MatchString(reset.Password) {
				t.Fatalf("reset: HTTP %d %+v", st, reset)
			}
			if st := again.do("GET", "/api/banks", nil, nil); st != 401 {
				t.Fatalf("a session from before the reset still works: HTTP %d", st)
			}
			if _, st := s.loginWith("bantochuc", created.Password); st != 401 {
				t.Fatalf("the old password still logs in: HTTP %d", st)
			}
			if _, st := s.loginWith("bantochuc", reset.Password); st != 200 {
				t.Fatalf("the reset password does not log in: HTTP %d", st)
			}
			if st := admin.do("POST", "/api/users/"+created.User.ID+"/password", map[string]string{"password": "mat-khau-chon-san"}, &reset); st != 200 || reset.Password != "mat-khau-chon-san" {
				t.Fatalf("reset to a chosen password: HTTP %d %+v", st, reset)
			}
		})
	}
}

// userID returns the id of a user, as the admin's list shows it.
func (s *testServer) userID(admin *browser, username string) string {
	var list struct {
		Users []userOut `json:"users"`
	}
	admin.do("GET", "/api/users", nil, &list)
	for _, u := range list.Users {
		if u.Username == username {
			return u.ID
		}
	}
	s.t.Fatalf("no user %s", username)
	return ""
}

// TestEveryoneLooksAfterTheirOwnPassword: a wrong current password is refused clearly; a
// change ends the user's other sessions but not this one; "log out everywhere" ends them all.
func TestEveryoneLooksAfterTheirOwnPassword(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			admin := s.login("admin")
			addUser(t, admin, "giamkhao", "Giám khảo", "judge")
			here, phone := s.login("giamkhao"), s.login("giamkhao")

			var e apiErr
			body := map[string]string{"current_password": "sai-mat-khau", "new_password": "mat-khau-moi-cua-toi"}
			if st := here.do("POST", "/api/me/password", body, &e); st != 400 || e.Error.Code != "invalid" || !strings.Contains(e.Error.Message, "Mật khẩu hiện tại không đúng") {
				t.Fatalf("a wrong current password: HTTP %d %+v", st, e)
			}
			body = map[string]string{"current_password": adminPassword, "new_password": "ngan"}
			if st := here.do("POST", "/api/me/password", body, &e); st != 400 || e.Error.Code != "invalid" {
				t.Fatalf("a short new password: HTTP %d %+v", st, e)
			}
			body = map[string]string{"current_password": adminPassword, "new_password": "mat-khau-moi-cua-toi"}
			if st := here.do("POST", "/api/me/password", body, nil); st != 204 {
				t.Fatalf("change password: HTTP %d", st)
			}
			if st := here.do("GET", "/api/me", nil, nil); st != 200 {
				t.Fatalf("the session that changed the password ended: HTTP %d", st)
			}
			if st := phone.do("GET", "/api/me", nil, nil); st != 401 {
				t.Fatalf("another session survived the password change: HTTP %d", st)
			}
			if _, st := s.loginWith("giamkhao", adminPassword); st != 401 {
				t.Fatalf("the old password still logs in: HTTP %d", st)
			}
			phone, st := s.loginWith("giamkhao", "mat-khau-moi-cua-toi")
			if st != 200 {
				t.Fatalf("the new password does not log in: HTTP %d", st)
			}

			if st := here.do("POST", "/api/logout-all", nil, nil); st != 204 {
				t.Fatalf("log out everywhere: HTTP %d", st)
			}
			if cookieOf(here) != "" {
				t.Error("the cookie is not cleared")
			}
			for name, b := range map[string]*browser{"this browser": here, "the phone": phone} {
				if st := b.do("GET", "/api/me", nil, nil); st != 401 {
					t.Errorf("%s is still logged in: HTTP %d", name, st)
				}
			}
			if st := s.browser().do("POST", "/api/logout-all", nil, nil); st != 401 {
				t.Errorf("log out everywhere without a session: HTTP %d", st)
			}
		})
	}
}

// TestColleaguesAreTheEnabledOrganisersAndTrainers: the share dialogs offer only them.
func TestColleaguesAreTheEnabledOrganisersAndTrainers(t *testing.T) {
	s := newTestServer(t, "embedded")
	admin := s.login("admin")
	addUser(t, admin, "bantochuc", "Ban tổ chức", "organiser")
	addUser(t, admin, "giamkhao", "Giám khảo", "judge")
	gone := addUser(t, admin, "danghi", "Đã nghỉ", "organiser")
	admin.do("PUT", "/api/users/"+gone, map[string]any{"disabled": true}, nil)

	var out struct {
		Users []map[string]any `json:"users"`
	}
	if st := s.login("trainer").do("GET", "/api/colleagues", nil, &out); st != 200 {
		t.Fatalf("colleagues: HTTP %d", st)
	}
	var names []string
	for _, u := range out.Users {
		names = append(names, u["username"].(string)+":"+u["role"].(string))
		if _, ok := u["disabled"]; ok || len(u) != 4 {
			t.Errorf("a colleague carries more than id, username, display_name and role: %v", u)
		}
	}
	if strings.Join(names, ",") != "bantochuc:organiser,trainer:trainer" {
		t.Fatalf("colleagues = %v, want the enabled organiser and trainer", names)
	}
}
