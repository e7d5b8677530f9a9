package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"hoithi/quiz"
	"hoithi/realtime/livetest"
)

// TestMain removes the hoithi binary the fault tests built, once they have all run.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// adminPassword is the first admin's password of every server these tests start.
const adminPassword = "mat-khau-thu-loi"

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

// services skips a test that runs real server processes when it cannot have what it needs,
// or fails it when HOITHI_REQUIRE_SERVICES=1.
func services(t *testing.T, postgres, redis bool) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts real server processes")
	}
	missing := ""
	if postgres && os.Getenv("HOITHI_TEST_DATABASE_URL") == "" {
		missing = "HOITHI_TEST_DATABASE_URL is not set"
	}
	if _, err := exec.LookPath("redis-server"); redis && err != nil {
		missing = "redis-server is not on PATH"
	}
	if missing == "" {
		return
	}
	if os.Getenv("HOITHI_REQUIRE_SERVICES") == "1" {
		t.Fatal(missing)
	}
	t.Skip(missing)
}

// binary builds hoithi once for the whole test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			buildErr = fmt.Errorf("the go tool is not on PATH: %w", err)
			return
		}
		if buildDir, buildErr = os.MkdirTemp("", "hoithi-fault-"); buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "hoithi")
		cmd := exec.Command(goTool, "build", "-o", buildBin, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// output collects what a child process writes, safe to read while it runs.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// process is a child process the test started and always ends.
type process struct {
	name string
	cmd  *exec.Cmd
	out  *output
	done chan struct{}
}

// spawn starts a child process; it is killed when the test ends, and its output is shown if
// the test failed.
func spawn(t *testing.T, name string, env []string, bin string, args ...string) *process {
	t.Helper()
	p := &process{name: name, cmd: exec.Command(bin, args...), out: &output{}, done: make(chan struct{})}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("--- output of %s ---\n%s", name, p.out.String())
		}
	})
	return p
}

// kill ends the process at once, as a crash or a pulled plug would, and waits for it.
func (p *process) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// rssMB is the resident memory of the process.
func (p *process) rssMB() (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("read memory of %s: %w", p.name, err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for %s", p.name)
}

// node is one hoithi server process.
type node struct {
	*process
	addr     string
	instance string // its name in conductor leases
}

func (n *node) base() string { return "http://" + n.addr }
func (n *node) ws() string   { return "ws://" + n.addr }

// childEnv is the test's environment without any hoithi setting, plus env.
func childEnv(env map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "HOITHI_") || k == "DATABASE_URL" || k == "REDIS_URL" {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// startNode runs `hoithi serve` on addr with env and waits until /healthz answers 200.
func startNode(t *testing.T, name, addr string, env map[string]string) *node {
	t.Helper()
	env = withDefaults(env, map[string]string{"HOITHI_ADMIN_PASSWORD": adminPassword, "HOITHI_PUBLIC_URL": "http://" + addr, "HOITHI_LOG_LEVEL": "info"})
	n := &node{process: spawn(t, name, childEnv(env), binary(t), "serve", "-addr", addr), addr: addr}
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var health struct {
			Status   string `json:"status"`
			Instance string `json:"instance"`
		}
		resp, err := client.Get(n.base() + "/healthz")
		if err == nil {
			_ = json.NewDecoder(resp.Body).Decode(&health)
			resp.Body.Close()
			if resp.StatusCode == 200 && health.Status == "ok" {
				n.instance = health.Instance
				return n
			}
		}
		if n.exited() {
			t.Fatalf("%s exited before it was healthy:\n%s", name, n.out.String())
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not healthy after 30 s (last error %v):\n%s", name, err, n.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// withDefaults returns a copy of a with the values of b it does not set.
func withDefaults(a, b map[string]string) map[string]string {
	out := maps.Clone(b)
	maps.Copy(out, a)
	return out
}

// redisServer is a private redis-server process that a test may kill and restart.
type redisServer struct {
	t    *testing.T
	addr string
	proc *process
	rdb  *redis.Client
}

// startRedis runs an empty redis-server without persistence on a free loopback port.
func startRedis(t *testing.T) *redisServer {
	t.Helper()
	r := &redisServer{t: t, addr: freeAddr(t)}
	r.rdb = redis.NewClient(&redis.Options{Addr: r.addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { r.rdb.Close() })
	r.start()
	return r
}

func (r *redisServer) url() string { return "redis://" + r.addr + "/0" }

// start runs redis-server on the server's port and waits until it answers PING.
func (r *redisServer) start() {
	r.t.Helper()
	_, port, _ := net.SplitHostPort(r.addr)
	r.proc = spawn(r.t, "redis-server", os.Environ(), "redis-server", "--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--loglevel", "warning", "--dir", r.t.TempDir())
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := r.rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return
		}
		if r.proc.exited() || time.Now().After(deadline) {
			r.t.Fatalf("redis-server on %s did not start: %v\n%s", r.addr, err, r.proc.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// holder is the instance named in the contest's conductor lease, "" if none.
func (r *redisServer) holder(contestID string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h, err := r.rdb.Get(ctx, "hoithi:{"+contestID+"}:lease").Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return h, err
}

// conductor returns the node that holds the contest's conductor lease.
func (r *redisServer) conductor(t *testing.T, contestID string, nodes []*node) *node {
	t.Helper()
	holder, err := r.holder(contestID)
	if err != nil {
		t.Fatalf("read the conductor lease: %v", err)
	}
	for _, n := range nodes {
		if n.instance == holder {
			return n
		}
	}
	t.Fatalf("the lease names %q, which is none of the servers", holder)
	return nil
}

// organiser is the control panel in a browser: a cookie jar and the CSRF token. Its
// session is in the database, so it works on every server sharing it.
type organiser struct {
	t    *testing.T
	http *http.Client
	csrf string
}

// login logs in as the admin on the server at base.
func login(t *testing.T, base string) *organiser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	o := &organiser{t: t, http: &http.Client{Jar: jar, Timeout: 20 * time.Second}}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if st, body := o.do("POST", base+"/api/login", map[string]string{"username": "admin", "password": adminPassword}, &out); st != 200 {
		t.Fatalf("log in: HTTP %d %s", st, body)
	}
	o.csrf = out.CSRF
	return o
}

// do sends a JSON request and decodes a JSON answer into out; it returns the status and body,
// status 0 when the request failed. It may be called from any goroutine.
func (o *organiser) do(method, url string, body, out any) (int, []byte) {
	o.t.Helper()
	var rd io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		o.t.Errorf("%s %s: %v", method, url, err)
		return 0, nil
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if o.csrf != "" {
		req.Header.Set("X-CSRF-Token", o.csrf)
	}
	resp, err := o.http.Do(req)
	if err != nil {
		o.t.Errorf("%s %s: %v", method, url, err)
		return 0, nil
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			o.t.Errorf("%s %s: HTTP %d, not JSON: %q", method, url, resp.StatusCode, data)
		}
	}
	return resp.StatusCode, data
}

// question is a single-choice question of the tests: option 1 is right.
func question(n, seconds int) quiz.Question {
	return quiz.Question{Type: quiz.SingleChoice, Prompt: fmt.Sprintf("Câu hỏi số %d về công tác chi bộ?", n),
		Options: []string{"Phương án A", "Phương án B", "Phương án C", "Phương án D"}, Correct: []int{1},
		TimeLimitSec: seconds, Points: 100}
}

// createContest makes a bank of qs and a fixed-points contest of them, returning its id and PIN.
func (o *organiser) createContest(base string, qs ...quiz.Question) (string, string) {
	o.t.Helper()
	var bank quiz.Bank
	if st, body := o.do("POST", base+"/api/banks", map[string]string{"title": "Bộ câu hỏi thử lỗi"}, &bank); st != 201 {
		o.t.Fatalf("create bank: HTTP %d %s", st, body)
	}
	var ids []string
	for _, q := range qs {
		var created quiz.Question
		if st, body := o.do("POST", base+"/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			o.t.Fatalf("create question: HTTP %d %s", st, body)
		}
		ids = append(ids, created.ID)
	}
	var ct struct {
		ID  string `json:"id"`
		PIN string `json:"pin"`
	}
	body := map[string]any{"title": "Hội thi thử chịu lỗi", "scoring": "fixed", "round_title": "Vòng kiến thức", "question_ids": ids, "auto_close": false}
	if st, data := o.do("POST", base+"/api/contests", body, &ct); st != 201 {
		o.t.Fatalf("create contest: HTTP %d %s", st, data)
	}
	return ct.ID, ct.PIN
}

// version is the live version the control panel would show now.
func (o *organiser) version(base, contestID string) int64 {
	o.t.Helper()
	var ct struct {
		Live quiz.LiveState `json:"live"`
	}
	if st, body := o.do("GET", base+"/api/contests/"+contestID, nil, &ct); st != 200 {
		o.t.Fatalf("get contest: HTTP %d %s", st, body)
	}
	return ct.Live.Version
}

// command sends an organiser command at version and returns the status, the new version and
// the error the API gave, if any.
func (o *organiser) command(base, contestID, cmd string, version int64) (int, int64, apiError) {
	o.t.Helper()
	var out struct {
		Version int64 `json:"version"`
	}
	st, body := o.do("POST", base+"/api/contests/"+contestID+"/commands", map[string]any{"cmd": cmd, "version": version}, &out)
	var e struct {
		Error apiError `json:"error"`
	}
	if st != 200 {
		_ = json.Unmarshal(body, &e)
		e.Error.body = string(body)
	}
	return st, out.Version, e.Error
}

// press sends cmd at the version the panel shows now; it must work.
func (o *organiser) press(base, contestID, cmd string) {
	o.t.Helper()
	if st, _, e := o.command(base, contestID, cmd, o.version(base, contestID)); st != 200 {
		o.t.Fatalf("command %s: HTTP %d %s", cmd, st, e.body)
	}
}

// screen opens a host screen (control panel or projector) of the contest on nd, which
// follows the contest until the test ends.
func (o *organiser) screen(ctx context.Context, nd *node, contestID string) {
	o.t.Helper()
	c, err := livetest.Dial(ctx, nd.ws()+"/ws/host?contest="+contestID, o.cookies(nd.base()))
	if err != nil {
		o.t.Fatal(err)
	}
	o.t.Cleanup(func() { c.Close() })
	if _, err := c.Next(ctx, "host_state"); err != nil {
		o.t.Fatalf("host screen on %s: %v", nd.name, err)
	}
	go func() {
		for {
			if _, err := c.Next(context.Background()); err != nil {
				return
			}
		}
	}()
}

// cookies is the session cookie header for a websocket to the server at base.
func (o *organiser) cookies(base string) http.Header {
	u, _ := url.Parse(base)
	h := http.Header{}
	for _, c := range o.http.Jar.Cookies(u) {
		h.Add("Cookie", c.Name+"="+c.Value)
	}
	return h
}

// results are the final standings the organiser downloads, by participant.
func (o *organiser) results(base, contestID string) map[string]quiz.Standing {
	o.t.Helper()
	var res struct {
		Standings []quiz.Standing `json:"standings"`
	}
	if st, body := o.do("GET", base+"/api/contests/"+contestID+"/results", nil, &res); st != 200 {
		o.t.Fatalf("results: HTTP %d %s", st, body)
	}
	out := map[string]quiz.Standing{}
	for _, s := range res.Standings {
		out[s.ParticipantID] = s
	}
	return out
}

// apiError is an error answer of the API, with the whole body to show in a failure.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	body    string
}
