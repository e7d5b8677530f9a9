package api_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// TestEveryErrorIsClearJSON walks through the mistakes users and scripts make and checks each
// gets the documented status, a machine-readable code and a Vietnamese message.
func TestEveryErrorIsClearJSON(t *testing.T) {
	s := newTestServer(t, "embedded")
	anon := s.browser()
	org := s.login("admin")
	trainer := s.login("trainer")
	noCSRF := s.login("admin")
	noCSRF.csrf = ""
	var bank quiz.Bank
	org.do("POST", "/api/banks", map[string]string{"title": "Ngân hàng"}, &bank)
	var other quiz.Bank
	org.do("POST", "/api/banks", map[string]string{"title": "Ngân hàng khác"}, &other)
	var q quiz.Question
	org.do("POST", "/api/banks/"+other.ID+"/questions", questions(1)[0], &q)

	cases := []struct {
		name   string
		b      *browser
		method string
		path   string
		body   any
		status int
		code   string
	}{
		{"a visitor asks for the banks", anon, "GET", "/api/banks", nil, 401, "unauthorized"},
		{"a visitor asks who they are", anon, "GET", "/api/me", nil, 401, "unauthorized"},
		{"a wrong password", anon, "POST", "/api/login", map[string]string{"username": "admin", "password": "sai-mat-khau"}, 401, "bad_credentials"},
		{"an unknown user", anon, "POST", "/api/login", map[string]string{"username": "ai-do", "password": "sai-mat-khau"}, 401, "bad_credentials"},
		{"a trainer makes a contest", trainer, "POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "fixed", "question_ids": []string{q.ID}}, 403, "forbidden"},
		{"a change without the CSRF token", noCSRF, "POST", "/api/banks", map[string]string{"title": "X"}, 403, "csrf"},
		{"a bank without a title", org, "POST", "/api/banks", map[string]string{"title": "  "}, 400, "invalid"},
		{"a question without a right answer", org, "POST", "/api/banks/" + bank.ID + "/questions",
			map[string]any{"type": "single", "prompt": "Hỏi?", "options": []string{"A", "B"}}, 400, "invalid"},
		{"a question of an unknown type", org, "POST", "/api/banks/" + bank.ID + "/questions",
			map[string]any{"type": "essay", "prompt": "Hỏi?", "options": []string{"A", "B"}, "correct": []int{0}}, 400, "invalid"},
		{"a bank that does not exist", org, "GET", "/api/banks/khong-co", nil, 404, "not_found"},
		{"a contest with no questions", org, "POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "fixed", "question_ids": []string{}}, 400, "invalid"},
		{"a contest with an unknown scoring", org, "POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "lucky", "question_ids": []string{q.ID}}, 400, "invalid"},
		{"a contest of a question that is gone", org, "POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "fixed", "question_ids": []string{"khong-co"}}, 404, "not_found"},
		{"a PIN nobody uses", anon, "GET", "/api/join/999999", nil, 404, "pin_not_found"},
		{"a route that does not exist", org, "GET", "/api/khong-co", nil, 404, "not_found"},
		{"a plain visit to the phone socket", anon, "GET", "/ws/play", nil, 426, "upgrade_required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e apiErr
			if st := c.b.do(c.method, c.path, c.body, &e); st != c.status || e.Error.Code != c.code || !isVietnamese(e.Error.Message) {
				t.Fatalf("HTTP %d %+v; want %d %s with a Vietnamese message", st, e, c.status, c.code)
			}
		})
	}

	t.Run("a body that is not JSON", func(t *testing.T) {
		req, _ := http.NewRequest("POST", s.URL+"/api/banks", strings.NewReader("{title:"))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", org.csrf)
		resp, err := org.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e apiErr
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != 400 || e.Error.Code != "bad_json" || !isVietnamese(e.Error.Message) {
			t.Fatalf("HTTP %d %+v (%v), want 400 bad_json with a Vietnamese message", resp.StatusCode, e, err)
		}
	})
	t.Run("a body over 1 MB", func(t *testing.T) {
		if st, e := announceBody(t, s.URL, "/api/banks", 2<<20); st != 413 || e.Error.Code != "too_large" {
			t.Fatalf("HTTP %d %+v, want 413 too_large", st, e)
		}
	})
	t.Run("a compressed body", func(t *testing.T) {
		// 64 MB of JSON in about 64 KB: inflated by the server it would take its memory.
		var zipped bytes.Buffer
		zw := gzip.NewWriter(&zipped)
		zw.Write([]byte(`{"username":"admin","password":"`))
		zw.Write(make([]byte, 64<<20))
		zw.Close()
		for _, path := range []string{"/api/login", "/api/banks/" + bank.ID + "/import?filename=a.csv"} {
			var e apiErr
			st := org.doWith("POST", path, zipped.Bytes(), map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"}, &e)
			if st != 415 || e.Error.Code != "unsupported_encoding" || !isVietnamese(e.Error.Message) {
				t.Fatalf("%s: HTTP %d %+v, want 415 unsupported_encoding", path, st, e)
			}
		}
	})
	t.Run("nothing saved is lost by a bad edit", func(t *testing.T) {
		var q quiz.Question
		good := map[string]any{"type": "truefalse", "prompt": "Chi bộ họp định kỳ?", "correct": []int{0}}
		if st := org.do("POST", "/api/banks/"+bank.ID+"/questions", good, &q); st != 201 {
			t.Fatalf("create: HTTP %d", st)
		}
		bad := map[string]any{"type": "truefalse", "prompt": "", "correct": []int{0}}
		if st := org.do("PUT", "/api/questions/"+q.ID, bad, nil); st != 400 {
			t.Fatalf("bad edit: HTTP %d", st)
		}
		var got struct {
			Questions []quiz.Question `json:"questions"`
		}
		org.do("GET", "/api/banks/"+bank.ID, nil, &got)
		if len(got.Questions) != 1 || got.Questions[0].Prompt != "Chi bộ họp định kỳ?" {
			t.Fatalf("after a bad edit the bank holds %+v", got.Questions)
		}
	})
}

func isVietnamese(msg string) bool {
	return msg != "" && strings.ContainsAny(msg, "àáảãạăâđèéêìíòóôơùúưỳýịọụệộờớởợừứửựữẫẩậấầắằẳặ")
}

// TestSessionCookiesAreLockedDown: the session cookie is HttpOnly and SameSite, and logout
// ends the session.
// announceBody posts to path a body of length bytes, announced and not sent: the server must
// answer from the length alone, so the answer is read whole rather than lost to a connection
// reset halfway through the upload.
func announceBody(t *testing.T, base, path string, length int) (int, apiErr) {
	t.Helper()
	host := strings.TrimPrefix(base, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, host, length)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a body of %d bytes: %v", length, err)
	}
	defer resp.Body.Close()
	var e apiErr
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		t.Fatalf("HTTP %d, not an error: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, e
}

func TestSessionCookiesAreLockedDown(t *testing.T) {
	s := newTestServer(t, "embedded")
	resp, err := http.Post(s.URL+"/api/login", "application/json", strings.NewReader(`{"username":"admin","password":"`+adminPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookie := resp.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(strings.ToLower(cookie), "samesite=lax") {
		t.Fatalf("session cookie: %s", cookie)
	}
	org := s.login("admin")
	if st := org.do("POST", "/api/logout", nil, nil); st != 204 {
		t.Fatalf("logout: HTTP %d", st)
	}
	if st := org.do("GET", "/api/me", nil, nil); st != 401 {
		t.Fatalf("after logout /api/me: HTTP %d", st)
	}
}

// TestBanksCanBeSearchedWithoutDiacritics: a trainer types "bi thu" and finds "Bí thư".
func TestBanksCanBeSearchedWithoutDiacritics(t *testing.T) {
	s := newTestServer(t, "embedded")
	tr := s.login("trainer")
	var bank quiz.Bank
	tr.do("POST", "/api/banks", map[string]string{"title": "Ôn tập"}, &bank)
	for _, p := range []string{"Bí thư chi bộ có nhiệm vụ gì?", "Đảng viên sinh hoạt mấy lần?"} {
		tr.do("POST", "/api/banks/"+bank.ID+"/questions", map[string]any{"type": "truefalse", "prompt": p, "correct": []int{0}}, nil)
	}
	var got struct {
		Questions []quiz.Question `json:"questions"`
	}
	tr.do("GET", "/api/banks/"+bank.ID+"?q=bi%20thu", nil, &got)
	if len(got.Questions) != 1 || !strings.HasPrefix(got.Questions[0].Prompt, "Bí thư") {
		t.Fatalf("search for 'bi thu' found %+v", got.Questions)
	}
}

// TestResultsDownloadAsExcel plays a one-question contest and opens the .xlsx.
func TestResultsDownloadAsExcel(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(1))
	_, v := s.host(ctx, org, id)
	a, _ := s.join(ctx, pin, "Nguyễn Thị Hoa", "Chi bộ thôn Đông")
	b, _ := s.join(ctx, pin, "Trần Văn Khải", "Chi bộ thôn Tây")
	v = org.mustCommand(id, "start", v)
	v = org.mustCommand(id, "next", v)
	item, _ := a.Next(ctx, "item")
	a.answer(ctx, item.Item().ItemID, "a", 0)
	b.answer(ctx, item.Item().ItemID, "b", 1)
	org.mustCommand(id, "finish", v)

	resp, err := org.http.Get(s.URL + "/api/contests/" + id + "/results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("HTTP %d, %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatalf("not an Excel file: %v", err)
	}
	rows, err := f.GetRows("Kết quả")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[4][1] != "Nguyễn Thị Hoa" || rows[4][3] != "100" || rows[5][1] != "Trần Văn Khải" || rows[5][3] != "0" {
		t.Fatalf("sheet rows: %q", rows)
	}
}
