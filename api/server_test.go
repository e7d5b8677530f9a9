package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"

	"hoithi/api"
	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// modes are the two ways hoithi runs: the embedded default, and Postgres with Redis.
var modes = []string{"embedded", "production"}

// testServer is a whole hoithi server on a loopback port, as a user meets it.
type testServer struct {
	t        *testing.T
	URL      string
	WS       string
	DB       *store.DB
	Contests *store.ContestService
	Engine   *realtime.Engine
	log      *slog.Logger
	stop     func()
}

const adminPassword = "matkhau-thu-nghiem"

// fastHashes makes password hashes cheap: under the race detector one at the default cost
// takes more than a second.
var fastHashes = store.WithPasswordCost(bcrypt.MinCost)

// serverOption adjusts a test server's configuration before it starts.
type serverOption func(*realtime.Config, *api.Config)

func newTestServer(t *testing.T, mode string, opts ...serverOption) *testServer {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	var db *store.DB
	var live realtime.LiveStore
	var broker realtime.Broker
	var lease realtime.Lease = &realtime.MemoryLease{}
	switch mode {
	case "embedded":
		db = storetest.Open(t, store.SQLite)
		live, broker = realtime.NewMemoryStore(), &realtime.MemoryBroker{}
	case "production":
		db = storetest.Open(t, store.Postgres)
		rdb := testRedis(t)
		live, broker, lease = realtime.NewRedisStore(rdb), realtime.NewRedisBroker(rdb, log), realtime.NewRedisLease(rdb)
		// Tests share one Redis and all come from 127.0.0.1: each server counts on its own.
		counters := realtime.NewRedisCounters(rdb, uuid.NewString()+":")
		opts = append([]serverOption{func(c *realtime.Config, _ *api.Config) { c.Limits.Counters = counters }}, opts...)
	}
	users := store.NewUserService(db, fastHashes)
	ctx := context.Background()
	if err := users.CreateUser(ctx, &quiz.User{Username: "admin", DisplayName: "Quản trị", Role: quiz.RoleAdmin}, adminPassword); err != nil {
		t.Fatal(err)
	}
	if err := users.CreateUser(ctx, &quiz.User{Username: "trainer", DisplayName: "Giảng viên", Role: quiz.RoleTrainer}, adminPassword); err != nil {
		t.Fatal(err)
	}
	return startServer(t, mode, db, live, broker, lease, log, opts...)
}

// startServer runs the engine and HTTP server over db on a fresh loopback port.
func startServer(t *testing.T, mode string, db *store.DB, live realtime.LiveStore, broker realtime.Broker, lease realtime.Lease, log *slog.Logger, opts ...serverOption) *testServer {
	t.Helper()
	users, banks, contests := store.NewUserService(db, fastHashes), store.NewBankService(db), store.NewContestService(db)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	joinURL := func(pin string) string { return base + "/join?pin=" + pin }
	// A lost phone is waited for a second, not ten, before a question closes by itself.
	limits := realtime.DefaultLimits()
	ecfg := realtime.Config{Contests: contests, Live: live, Broker: broker, Lease: lease, Log: log, JoinURL: joinURL, Limits: &limits,
		ReconnectGrace: time.Second}
	acfg := api.Config{Log: log, Users: users, Banks: banks, Duplicates: banks, Contests: contests, Blueprints: store.NewBlueprintService(db), Images: store.NewImageService(db), Mode: mode, Ping: db.Ping, JoinURL: joinURL}
	for _, opt := range opts {
		opt(&ecfg, &acfg)
	}
	engine := realtime.NewEngine(ecfg)
	engine.Start()
	acfg.Engine = engine
	srv := api.NewServer(acfg)
	go func() { _ = srv.Serve(ln) }()
	s := &testServer{t: t, URL: base, WS: "ws://" + ln.Addr().String(), DB: db, Contests: contests, Engine: engine, log: log}
	s.stop = func() {
		engine.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	t.Cleanup(s.stop)
	return s
}

// restart stops the embedded server and starts a new process-like one over the same
// database, with empty in-process live state, as after a crash.
func (s *testServer) restart(t *testing.T) *testServer {
	t.Helper()
	s.stop()
	return startServer(t, "embedded", s.DB, realtime.NewMemoryStore(), &realtime.MemoryBroker{}, &realtime.MemoryLease{}, s.log)
}

func testRedis(t *testing.T) *redis.Client {
	t.Helper()
	url := os.Getenv("HOITHI_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
			t.Fatal("HOITHI_TEST_REDIS_URL is not set: production-mode tests cannot run")
		}
		t.Skip("HOITHI_TEST_REDIS_URL is not set")
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// browser is an HTTP client with a cookie jar and the CSRF token, like the web app.
type browser struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func (s *testServer) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: s.t, base: s.URL, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// login logs in and keeps the CSRF token.
func (s *testServer) login(username string) *browser {
	b := s.browser()
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if status := b.do("POST", "/api/login", map[string]string{"username": username, "password": adminPassword}, &out); status != 200 {
		s.t.Fatalf("login as %s: HTTP %d", username, status)
	}
	b.csrf = out.CSRF
	return b
}

// do sends a JSON request and decodes the JSON answer into out; it returns the status.
func (b *browser) do(method, path string, body any, out any) int {
	b.t.Helper()
	return b.doWith(method, path, body, nil, out)
}

// doWith is do with headers of the caller's own, set over the ones do sets.
func (b *browser) doWith(method, path string, body any, headers map[string]string, out any) int {
	b.t.Helper()
	var rd io.Reader
	contentType := "application/json"
	if raw, ok := body.([]byte); ok { // a file's bytes, such as a picture
		rd, contentType = bytes.NewReader(raw), "application/octet-stream"
	} else if body != nil {
		data, _ := json.Marshal(body)
		rd = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, b.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if b.csrf != "" {
		req.Header.Set("X-CSRF-Token", b.csrf)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			b.t.Fatalf("%s %s: HTTP %d, not JSON: %q", method, path, resp.StatusCode, data)
		}
	}
	return resp.StatusCode
}

// cookieHeader returns the session cookie for a websocket dial.
func (b *browser) cookieHeader() http.Header {
	req, _ := http.NewRequest("GET", b.base, nil)
	h := http.Header{}
	for _, c := range b.http.Jar.Cookies(req.URL) {
		h.Add("Cookie", c.Name+"="+c.Value)
	}
	h.Set("Origin", b.base)
	return h
}

type apiErr struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// makeContest creates a bank with qs and a contest of them whose questions close at their
// deadline or at the organiser's command, returning the contest id and PIN.
func (b *browser) makeContest(scoring string, qs []quiz.Question) (string, string) {
	b.t.Helper()
	return b.makeContestClosing(scoring, qs, false)
}

// makeContestClosing is makeContest with the round's auto_close setting.
func (b *browser) makeContestClosing(scoring string, qs []quiz.Question, autoClose bool) (string, string) {
	b.t.Helper()
	var bank quiz.Bank
	if st := b.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi thử"}, &bank); st != 201 {
		b.t.Fatalf("create bank: HTTP %d", st)
	}
	var ids []string
	for i, q := range qs {
		var created quiz.Question
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			b.t.Fatalf("create question %d: HTTP %d", i+1, st)
		}
		ids = append(ids, created.ID)
	}
	var ct struct {
		ID  string `json:"id"`
		PIN string `json:"pin"`
	}
	body := map[string]any{"title": "Hội thi thử", "scoring": scoring, "round_title": "Vòng kiến thức", "question_ids": ids, "auto_close": autoClose}
	if st := b.do("POST", "/api/contests", body, &ct); st != 201 {
		b.t.Fatalf("create contest: HTTP %d", st)
	}
	return ct.ID, ct.PIN
}

// command sends an organiser command with the version given, returning the status and the
// new version.
func (b *browser) command(contestID, cmd string, version int64) (int, int64) {
	b.t.Helper()
	var out struct {
		Version int64 `json:"version"`
	}
	st := b.do("POST", "/api/contests/"+contestID+"/commands", map[string]any{"cmd": cmd, "version": version}, &out)
	return st, out.Version
}

// mustCommand sends a command that must succeed and returns the new version.
func (b *browser) mustCommand(contestID, cmd string, version int64) int64 {
	b.t.Helper()
	st, v := b.command(contestID, cmd, version)
	if st != 200 {
		b.t.Fatalf("command %s at version %d: HTTP %d", cmd, version, st)
	}
	return v
}

// phone is a contestant's phone in a test.
type phone struct {
	*livetest.Client
	t     *testing.T
	ws    string
	token string
	id    string
}

func (s *testServer) dialPhone(ctx context.Context) *phone {
	s.t.Helper()
	c, err := livetest.Dial(ctx, s.WS+"/ws/play", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { c.Close() })
	return &phone{Client: c, t: s.t, ws: s.WS}
}

// join dials and joins with a PIN, returning the phone after its first state snapshot.
func (s *testServer) join(ctx context.Context, pin, name, unit string) (*phone, livetest.Frame) {
	s.t.Helper()
	p := s.dialPhone(ctx)
	if err := p.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: name, Unit: unit}); err != nil {
		s.t.Fatal(err)
	}
	hello, err := p.Next(ctx, "hello", "error")
	if err != nil || hello.T != "hello" {
		s.t.Fatalf("join %s: %+v %v", name, hello, err)
	}
	p.token, p.id = hello.Hello().Token, hello.Hello().ParticipantID
	st, err := p.Next(ctx, "state")
	if err != nil {
		s.t.Fatalf("join %s: no state: %v", name, err)
	}
	return p, st
}

// reconnect drops the phone's connection and resumes on a new one, returning the snapshot.
func (p *phone) reconnect(ctx context.Context) livetest.Frame {
	p.t.Helper()
	p.Client.Close()
	c, err := livetest.Dial(ctx, p.ws+"/ws/play", nil)
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { c.Close() })
	p.Client = c
	if err := c.Send(wire.ClientFrame{T: wire.TResume, Token: p.token, LastSeq: 0}); err != nil {
		p.t.Fatal(err)
	}
	if f, err := c.Next(ctx, "hello", "error"); err != nil || f.T != "hello" {
		p.t.Fatalf("resume: %+v %v", f, err)
	}
	st, err := c.Next(ctx, "state")
	if err != nil {
		p.t.Fatalf("resume: no state: %v", err)
	}
	return st
}

// answer sends an answer and waits for its ack or error.
func (p *phone) answer(ctx context.Context, itemID, answerID string, choice ...int) livetest.Frame {
	p.t.Helper()
	if err := p.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: itemID, AnswerID: answerID, Choice: choice}); err != nil {
		p.t.Fatal(err)
	}
	f, err := p.Next(ctx, "ack", "error")
	if err != nil {
		p.t.Fatalf("answer %s: %v", answerID, err)
	}
	return f
}

// decodeState is the phone's snapshot in f, failing the test when f is not one.
func decodeState(t *testing.T, f livetest.Frame) wire.State {
	t.Helper()
	s, ok := f.Body.(wire.State)
	if !ok {
		t.Fatalf("want a state frame, got %s", f.Raw)
	}
	return s
}

// hostVersion connects a host socket and returns it with the version from host_state.
func (s *testServer) host(ctx context.Context, b *browser, contestID string) (*livetest.Client, int64) {
	s.t.Helper()
	c, err := livetest.Dial(ctx, s.WS+"/ws/host?contest="+contestID, b.cookieHeader())
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { c.Close() })
	f, err := c.Next(ctx, "host_state")
	if err != nil {
		s.t.Fatal(err)
	}
	return c, f.Version()
}

func questions(n int) []quiz.Question {
	var qs []quiz.Question
	for i := range n {
		switch i % 3 {
		case 0:
			qs = append(qs, quiz.Question{Type: quiz.SingleChoice, Prompt: fmt.Sprintf("Câu hỏi một đáp án số %d?", i+1),
				Options: []string{"Phương án A", "Phương án B", "Phương án C", "Phương án D"}, Correct: []int{i % 4}, TimeLimitSec: 30, Points: 100})
		case 1:
			qs = append(qs, quiz.Question{Type: quiz.MultiChoice, Prompt: fmt.Sprintf("Câu hỏi nhiều đáp án số %d?", i+1),
				Options: []string{"Một", "Hai", "Ba", "Bốn"}, Correct: []int{0, 2}, TimeLimitSec: 30, Points: 200})
		case 2:
			qs = append(qs, quiz.Question{Type: quiz.TrueFalse, Prompt: fmt.Sprintf("Nhận định số %d là đúng?", i+1),
				Correct: []int{1}, TimeLimitSec: 30, Points: 50})
		}
	}
	return qs
}

func hasAnswerKey(raw []byte) bool { return strings.Contains(string(raw), `"correct"`) }
