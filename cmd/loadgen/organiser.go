package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// organiser is the control panel's side of the HTTP API (API.md): a session cookie and the
// CSRF token that goes with it. With several nodes it logs in and sets up on the first, then
// sends each command to the next node in turn, as a load balancer would: the session is in
// the shared database, so the cookie and token are good on every node. The cookies are kept
// by hand rather than in a jar, so they reach nodes on other hosts too.
type organiser struct {
	bases []string
	turn  atomic.Uint64
	http  *http.Client
	csrf  string

	mu      sync.Mutex
	cookies map[string]*http.Cookie
}

func newOrganiser(bases []string) *organiser {
	return &organiser{bases: bases, http: &http.Client{Timeout: 60 * time.Second}, cookies: map[string]*http.Cookie{}}
}

// next returns the node the next request goes to.
func (o *organiser) next() string {
	return o.bases[(o.turn.Add(1)-1)%uint64(len(o.bases))]
}

// apiError is an error answer of the API.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Message)
}

// do sends a JSON request to the node at base and decodes a 2xx JSON answer into out; any
// other status is an *apiError.
func (o *organiser) do(ctx context.Context, base, method, path string, body, out any) error {
	where := path // what errors name: with several nodes, the node too
	if len(o.bases) > 1 {
		where = base + path
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("%s %s: encode body: %w", method, where, err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, where, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if o.csrf != "" {
		req.Header.Set("X-CSRF-Token", o.csrf)
	}
	o.addCookies(req.Header)
	resp, err := o.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, where, err)
	}
	defer resp.Body.Close()
	o.keepCookies(resp)
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w", method, where, err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		_ = json.Unmarshal(data, &e)
		return fmt.Errorf("%s %s: %w", method, where, &apiError{Status: resp.StatusCode, Code: e.Error.Code, Message: e.Error.Message})
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: answer is not the JSON expected: %w", method, where, err)
		}
	}
	return nil
}

// failover sends a request to the next node, and to the ones after it while a node cannot be
// reached at all, as a load balancer would when a server has died. An answer of the API,
// even an error, is the answer: a command the server refused is not sent again.
func (o *organiser) failover(ctx context.Context, method, path string, body, out any) error {
	var err error
	for range o.bases {
		err = o.do(ctx, o.next(), method, path, body, out)
		var api *apiError
		if err == nil || errors.As(err, &api) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// login opens a session and keeps its CSRF token.
func (o *organiser) login(ctx context.Context, user, password string) error {
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if err := o.do(ctx, o.bases[0], "POST", "/api/login", map[string]string{"username": user, "password": password}, &out); err != nil {
		return fmt.Errorf("log in as %s: %w", user, err)
	}
	o.csrf = out.CSRF
	return nil
}

// questionPoints and the four options are what every generated question has.
const questionPoints = 100

var options = []string{"Phương án A", "Phương án B", "Phương án C", "Phương án D"}

// correctOption is the key of generated question q: deterministic, and not always the same
// option.
func correctOption(q int) int { return (q*3 + 1) % len(options) }

// makeContest creates a bank of n generated questions, of the kinds kind says, and a contest of them
// with speed scoring, returning the contest id and PIN. With round, the contest is the one
// round it makes of the question ids instead (an elimination or buzzer round).
func (o *organiser) makeContest(ctx context.Context, n int, limit time.Duration, autoClose bool, kind func(q int) string, round func(ids []string) map[string]any) (string, string, error) {
	var bank struct {
		ID string `json:"id"`
	}
	stamp := time.Now().Format("2006-01-02 15:04:05")
	if err := o.do(ctx, o.bases[0], "POST", "/api/banks", map[string]string{"title": "Thử tải " + stamp,
		"description": "Câu hỏi do loadgen tạo để thử tải."}, &bank); err != nil {
		return "", "", fmt.Errorf("create bank: %w", err)
	}
	ids := make([]string, n)
	for q := range n {
		body := questionBody(kind(q), q, limit)
		var created struct {
			ID string `json:"id"`
		}
		if err := o.do(ctx, o.bases[0], "POST", "/api/banks/"+bank.ID+"/questions", body, &created); err != nil {
			return "", "", fmt.Errorf("create question %d: %w", q+1, err)
		}
		ids[q] = created.ID
	}
	var ct struct {
		ID  string `json:"id"`
		PIN string `json:"pin"`
	}
	body := map[string]any{"title": "Hội thi thử tải " + stamp, "scoring": "speed", "round_title": "Vòng thử tải", "question_ids": ids, "auto_close": autoClose}
	if round != nil {
		body = map[string]any{"title": "Hội thi thử tải " + stamp, "rounds": []map[string]any{round(ids)}}
	}
	if err := o.do(ctx, o.bases[0], "POST", "/api/contests", body, &ct); err != nil {
		return "", "", fmt.Errorf("create contest: %w", err)
	}
	return ct.ID, ct.PIN, nil
}

// command sends an organiser command at version, with its arguments if any, and returns the
// new version.
func (o *organiser) command(ctx context.Context, contestID, cmd string, version int64, args map[string]any) (int64, error) {
	var out struct {
		Version int64 `json:"version"`
	}
	body := map[string]any{"cmd": cmd, "version": version}
	for k, v := range args {
		body[k] = v
	}
	err := o.failover(ctx, "POST", "/api/contests/"+contestID+"/commands", body, &out)
	if err != nil {
		return 0, fmt.Errorf("command %s at version %d: %w", cmd, version, err)
	}
	return out.Version, nil
}

// standing is one line of the results the server computes from the stored answers.
type standing struct {
	Rank          int    `json:"rank"`
	ParticipantID string `json:"participant_id"`
	Score         int    `json:"score"`
	Correct       int    `json:"correct"`
	JoinOrder     int    `json:"join_order"`
}

// results fetches the final results of a contest.
func (o *organiser) results(ctx context.Context, contestID string) ([]standing, error) {
	var out struct {
		Standings []standing `json:"standings"`
	}
	if err := o.failover(ctx, "GET", "/api/contests/"+contestID+"/results", nil, &out); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return out.Standings, nil
}

// keepCookies remembers the cookies an answer sets, and forgets those it deletes.
func (o *organiser) keepCookies(resp *http.Response) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(o.cookies, c.Name)
		} else {
			o.cookies[c.Name] = c
		}
	}
}

// addCookies puts the cookies kept into h.
func (o *organiser) addCookies(h http.Header) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range o.cookies {
		h.Add("Cookie", (&http.Cookie{Name: c.Name, Value: c.Value}).String())
	}
}

// hostHeader is what a control panel's websocket to the node at base sends: the session
// cookie and the node's own origin.
func (o *organiser) hostHeader(base string) http.Header {
	h := http.Header{}
	o.addCookies(h)
	h.Set("Origin", base)
	return h
}
