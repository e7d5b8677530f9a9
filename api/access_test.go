package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// people are the accounts of an access test, logged in: the admin, the owner of a bank and a
// contest, a colleague the bank is shared with who also co-organises the contest, another
// organiser, a trainer and a judge.
type people struct {
	admin, owner, colleague, other, trainer, judge *browser
	ids                                            map[string]string // username → id
}

// addUser has the admin create an account with the test password and returns its id.
func addUser(t *testing.T, admin *browser, username, name, role string) string {
	t.Helper()
	var out struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	body := map[string]string{"username": username, "display_name": name, "role": role, "password": adminPassword}
	if st := admin.do("POST", "/api/users", body, &out); st != 201 {
		t.Fatalf("create user %s: HTTP %d", username, st)
	}
	return out.User.ID
}

func (s *testServer) people(t *testing.T) *people {
	t.Helper()
	p := &people{admin: s.login("admin"), ids: map[string]string{}}
	for _, u := range []struct{ name, display, role string }{
		{"chu", "Đồng chí Chủ", "organiser"},
		{"cung", "Đồng chí Cùng", "organiser"},
		{"khac", "Đồng chí Khác", "organiser"},
		{"giamkhao", "Giám khảo", "judge"},
	} {
		p.ids[u.name] = addUser(t, p.admin, u.name, u.display, u.role)
	}
	var users struct {
		Users []struct{ ID, Username string } `json:"users"`
	}
	p.admin.do("GET", "/api/users", nil, &users)
	for _, u := range users.Users {
		p.ids[u.Username] = u.ID
	}
	p.owner, p.colleague, p.other, p.trainer, p.judge = s.login("chu"), s.login("cung"), s.login("khac"), s.login("trainer"), s.login("giamkhao")
	return p
}

// fixture is what the owner made: a bank of one question (showing a picture) shared read-only
// with the colleague, a contest of that question the colleague co-organises, and a blueprint
// that draws it.
type fixture struct{ bank, question, contest, blueprint, image string }

func (p *people) fixture(t *testing.T) fixture {
	t.Helper()
	var f fixture
	var bank struct{ ID string }
	if st := p.owner.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi của chi bộ"}, &bank); st != 201 {
		t.Fatalf("create bank: HTTP %d", st)
	}
	var img struct{ ID string }
	if st := p.owner.do("POST", "/api/images", picture(8, 8, false), &img); st != 201 {
		t.Fatalf("upload a picture: HTTP %d", st)
	}
	q := struct{ ID string }{}
	withPicture := questions(1)[0]
	withPicture.Image = img.ID
	if st := p.owner.do("POST", "/api/banks/"+bank.ID+"/questions", withPicture, &q); st != 201 {
		t.Fatalf("create question: HTTP %d", st)
	}
	if st := p.owner.do("PUT", "/api/banks/"+bank.ID+"/sharing", map[string]any{"user_ids": []string{p.ids["cung"]}}, nil); st != 200 {
		t.Fatalf("share bank: HTTP %d", st)
	}
	var ct struct{ ID string }
	body := map[string]any{"title": "Hội thi của chi bộ", "scoring": "fixed", "question_ids": []string{q.ID}}
	if st := p.owner.do("POST", "/api/contests", body, &ct); st != 201 {
		t.Fatalf("create contest: HTTP %d", st)
	}
	if st := p.owner.do("PUT", "/api/contests/"+ct.ID+"/organisers", map[string]any{"user_ids": []string{p.ids["cung"]}}, nil); st != 200 {
		t.Fatalf("name co-organisers: HTTP %d", st)
	}
	var bp struct{ ID string }
	if st := p.owner.do("POST", "/api/blueprints", map[string]any{"title": "Đề mẫu của chi bộ", "parts": []map[string]any{{"any": 1}}}, &bp); st != 201 {
		t.Fatalf("create blueprint: HTTP %d", st)
	}
	f.bank, f.question, f.contest, f.blueprint, f.image = bank.ID, q.ID, ct.ID, bp.ID, img.ID
	return f
}

// dialHost opens /ws/host for a contest as b and returns the HTTP status of the handshake.
func (s *testServer) dialHost(t *testing.T, b *browser, contestID string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, resp, err := websocket.DefaultDialer.DialContext(ctx, s.WS+"/ws/host?contest="+contestID, b.cookieHeader())
	if conn != nil {
		conn.Close()
	}
	if resp == nil {
		t.Fatalf("dial host socket: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestEveryRoleGetsTheAnswerItsAccessAllows calls every bank and contest route as each kind
// of user: the admin and the owner may do everything, a colleague may read a shared bank and
// run a contest they co-organise but not change or delete them, anyone else is told the bank
// or contest does not exist, a trainer (who runs only the workshops they open) may not make
// a contest, and a judge is refused what their role does not allow.
func TestEveryRoleGetsTheAnswerItsAccessAllows(t *testing.T) {
	type want struct{ admin, owner, colleague, other, trainer, judge int }
	read := want{200, 200, 200, 404, 404, 403}
	write := want{200, 200, 403, 404, 404, 403}
	run := want{200, 200, 200, 404, 404, 403}
	manage := want{200, 200, 403, 404, 404, 403}
	own := want{200, 200, 404, 404, 404, 403} // a blueprint is its owner's alone
	cases := []struct {
		name         string
		method, path string
		body         func(f fixture) any
		fresh        bool // the call changes or deletes the fixture, so one that succeeds gets its own
		want         want
	}{
		{"list banks", "GET", "/api/banks", nil, false, want{200, 200, 200, 200, 200, 403}},
		{"create a bank", "POST", "/api/banks", func(fixture) any { return map[string]string{"title": "Bộ mới"} }, false, want{201, 201, 201, 201, 201, 403}},
		{"open a bank", "GET", "/api/banks/{bank}", nil, false, read},
		{"search a bank", "GET", "/api/banks/{bank}?q=cau", nil, false, read},
		{"rename a bank", "PUT", "/api/banks/{bank}", func(fixture) any { return map[string]string{"title": "Tên mới"} }, false, write},
		{"delete a bank", "DELETE", "/api/banks/{bank}", nil, true, want{204, 204, 403, 404, 404, 403}},
		{"add a question", "POST", "/api/banks/{bank}/questions", func(fixture) any { return questions(2)[1] }, false, want{201, 201, 403, 404, 404, 403}},
		{"edit a question", "PUT", "/api/questions/{question}", func(fixture) any { return questions(1)[0] }, false, write},
		{"delete a question", "DELETE", "/api/questions/{question}", nil, true, want{204, 204, 403, 404, 404, 403}},
		{"share a bank", "PUT", "/api/banks/{bank}/sharing", func(fixture) any { return map[string]any{"user_ids": []string{}, "all": true} }, true, write},
		{"list a bank's duplicates", "GET", "/api/banks/{bank}/duplicates", nil, false, read},
		{"merge duplicates", "POST", "/api/banks/{bank}/duplicates/merge", func(f fixture) any { return map[string]any{"keep": f.question, "remove": []string{}} }, false, want{400, 400, 403, 404, 404, 403}},
		{"keep duplicates", "POST", "/api/banks/{bank}/duplicates/keep", func(f fixture) any { return map[string]any{"question_ids": []string{f.question}} }, false, want{400, 400, 403, 404, 404, 403}},
		{"copy a bank", "POST", "/api/banks/{bank}/copy", func(fixture) any { return map[string]string{} }, false, want{201, 201, 201, 404, 404, 403}},
		{"open a workshop of the bank", "POST", "/api/workshops", func(f fixture) any { return map[string]string{"bank_id": f.bank} }, false, want{201, 201, 201, 404, 404, 403}},
		{"list contests", "GET", "/api/contests", nil, false, want{200, 200, 200, 200, 200, 403}},
		{"make a contest of the bank's question", "POST", "/api/contests", func(f fixture) any {
			return map[string]any{"title": "Hội thi khác", "scoring": "speed", "question_ids": []string{f.question}}
		}, false, want{201, 201, 201, 404, 403, 403}},
		{"open a contest", "GET", "/api/contests/{contest}", nil, false, run},
		{"send a command", "POST", "/api/contests/{contest}/commands", func(fixture) any { return map[string]any{"cmd": "start", "version": 1} }, true, run},
		{"see the results", "GET", "/api/contests/{contest}/results", nil, false, run},
		{"download the results", "GET", "/api/contests/{contest}/results.xlsx", nil, false, run},
		{"see the item analysis", "GET", "/api/contests/{contest}/analysis", nil, false, run},
		{"show the QR code", "GET", "/api/contests/{contest}/qr.png", nil, false, run},
		{"name co-organisers", "PUT", "/api/contests/{contest}/organisers", func(fixture) any { return map[string]any{"user_ids": []string{}} }, true, manage},
		{"delete a contest", "DELETE", "/api/contests/{contest}", nil, true, want{204, 204, 403, 404, 404, 403}},
		{"open the control panel socket", "WS", "/ws/host?contest={contest}", nil, false, want{101, 101, 101, 404, 404, 403}},
		{"list colleagues", "GET", "/api/colleagues", nil, false, want{200, 200, 200, 200, 200, 403}},
		{"upload a picture", "POST", "/api/images", func(fixture) any { return picture(8, 8, false) }, false, want{201, 201, 201, 201, 201, 403}},
		{"see a question's picture", "GET", "/api/images/{image}", nil, false, want{200, 200, 200, 200, 200, 200}},
		{"list users", "GET", "/api/users", nil, false, want{200, 403, 403, 403, 403, 403}},
		{"list the topics", "GET", "/api/tags", nil, false, want{200, 200, 200, 200, 200, 403}},
		{"list blueprints", "GET", "/api/blueprints", nil, false, want{200, 200, 200, 200, 200, 403}},
		{"make a blueprint", "POST", "/api/blueprints", func(fixture) any {
			return map[string]any{"title": "Đề mới", "parts": []map[string]any{{"any": 1}}}
		}, false, want{201, 201, 201, 201, 201, 403}},
		{"open a blueprint", "GET", "/api/blueprints/{blueprint}", nil, false, own},
		{"change a blueprint", "PUT", "/api/blueprints/{blueprint}", func(fixture) any {
			return map[string]any{"title": "Đề đã sửa", "parts": []map[string]any{{"any": 1}}}
		}, false, own},
		{"draw from a blueprint", "POST", "/api/blueprints/draw", func(f fixture) any { return map[string]any{"blueprint_id": f.blueprint} }, false, own},
		{"delete a blueprint", "DELETE", "/api/blueprints/{blueprint}", nil, true, want{204, 204, 404, 404, 404, 403}},
		{"make a contest drawn from a blueprint", "POST", "/api/contests", func(f fixture) any {
			return map[string]any{"title": "Hội thi rút đề", "rounds": []map[string]any{{"scoring": "fixed", "draw": map[string]any{"blueprint_id": f.blueprint}}}}
		}, false, want{201, 201, 404, 404, 403, 403}},
	}
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			shared := p.fixture(t)
			for _, c := range cases {
				for _, who := range []struct {
					name string
					b    *browser
					want int
				}{
					{"the admin", p.admin, c.want.admin}, {"the owner", p.owner, c.want.owner}, {"a colleague it is shared with", p.colleague, c.want.colleague},
					{"another organiser", p.other, c.want.other}, {"a trainer", p.trainer, c.want.trainer}, {"a judge", p.judge, c.want.judge},
				} {
					t.Run(c.name+" as "+who.name, func(t *testing.T) {
						f := shared
						if c.fresh && who.want < 400 {
							f = p.fixture(t)
						}
						path := strings.NewReplacer("{bank}", f.bank, "{question}", f.question, "{contest}", f.contest, "{blueprint}", f.blueprint, "{image}", f.image).Replace(c.path)
						var st int
						if c.method == "WS" {
							st = s.dialHost(t, who.b, f.contest)
						} else {
							var body any
							if c.body != nil {
								body = c.body(f)
							}
							var e apiErr
							var out any
							if who.want >= 400 {
								out = &e
							}
							st = who.b.do(c.method, path, body, out)
							if wantCode := map[int]string{403: "forbidden", 404: "not_found"}[who.want]; wantCode != "" && (e.Error.Code != wantCode || !isVietnamese(e.Error.Message)) {
								t.Errorf("error %+v, want %s with a Vietnamese message", e.Error, wantCode)
							}
						}
						if st != who.want {
							t.Fatalf("%s %s: HTTP %d, want %d", c.method, path, st, who.want)
						}
					})
				}
			}

			t.Run("each list shows only what its reader may see", func(t *testing.T) {
				for _, who := range []struct {
					name            string
					b               *browser
					bank, contest   bool
					canEdit, manage bool
				}{
					{"the admin", p.admin, true, true, true, true},
					{"the owner", p.owner, true, true, true, true},
					{"the colleague", p.colleague, true, true, false, false},
					{"another organiser", p.other, false, false, false, false},
					{"a trainer", p.trainer, false, false, false, false},
				} {
					var banks struct {
						Banks []struct {
							ID      string `json:"id"`
							CanEdit bool   `json:"can_edit"`
						} `json:"banks"`
					}
					who.b.do("GET", "/api/banks", nil, &banks)
					i := slices.IndexFunc(banks.Banks, func(b struct {
						ID      string `json:"id"`
						CanEdit bool   `json:"can_edit"`
					}) bool {
						return b.ID == shared.bank
					})
					if (i >= 0) != who.bank || (i >= 0 && banks.Banks[i].CanEdit != who.canEdit) {
						t.Errorf("%s: bank listed = %v (%+v), want %v with can_edit %v", who.name, i >= 0, banks.Banks, who.bank, who.canEdit)
					}
					var contests struct {
						Contests []struct {
							ID        string `json:"id"`
							CanManage bool   `json:"can_manage"`
						} `json:"contests"`
					}
					who.b.do("GET", "/api/contests", nil, &contests)
					j := slices.IndexFunc(contests.Contests, func(c struct {
						ID        string `json:"id"`
						CanManage bool   `json:"can_manage"`
					}) bool {
						return c.ID == shared.contest
					})
					if (j >= 0) != who.contest || (j >= 0 && contests.Contests[j].CanManage != who.manage) {
						t.Errorf("%s: contest listed = %v (%+v), want %v with can_manage %v", who.name, j >= 0, contests.Contests, who.contest, who.manage)
					}
				}
			})
		})
	}
}

// cookieOf is the session cookie b sends, to check a browser was told to forget it.
func cookieOf(b *browser) string {
	req, _ := http.NewRequest("GET", b.base, nil)
	for _, c := range b.http.Jar.Cookies(req.URL) {
		if c.Name == "hoithi_session" {
			return c.Value
		}
	}
	return ""
}
