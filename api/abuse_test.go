package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/api"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// behindProxy makes the test server trust the loopback network as its load balancer, so each
// request can say which client it comes from in X-Forwarded-For.
func behindProxy(_ *realtime.Config, a *api.Config) {
	a.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
}

// withLimits changes the server's limits.
func withLimits(change func(l *realtime.Limits)) serverOption {
	return func(c *realtime.Config, _ *api.Config) { change(c.Limits) }
}

// from is the header of a request forwarded for client addr.
func from(addr string) http.Header { return http.Header{"X-Forwarded-For": {addr}} }

// get sends a GET with header and returns the status, the error code and the body.
func (s *testServer) get(path string, header http.Header) (int, string, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.URL+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var e apiErr
	_ = json.Unmarshal(body, &e)
	return resp.StatusCode, e.Error.Code, body
}

// dialFrom opens a phone socket forwarded for client addr.
func (s *testServer) dialFrom(ctx context.Context, addr string) (*livetest.Client, error) {
	c, err := livetest.Dial(ctx, s.WS+"/ws/play", from(addr))
	if err == nil {
		s.t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// joinFrom joins over a new socket from addr and returns the socket and the first frame that
// answers the join (hello or error).
func (s *testServer) joinFrom(ctx context.Context, addr, pin, name, unit string) (*livetest.Client, livetest.Frame) {
	s.t.Helper()
	c, err := s.dialFrom(ctx, addr)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := c.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: name, Unit: unit}); err != nil {
		s.t.Fatal(err)
	}
	f, err := c.Next(ctx, "hello", "error")
	if err != nil {
		s.t.Fatalf("join %s: %v", name, err)
	}
	return c, f
}

func TestWrongPINsAreLimitedPerAddressAcrossSocketsAndHTTP(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := newTestServer(t, mode, behindProxy)
			org := s.login("admin")
			_, pin := org.makeContest("fixed", questions(1))
			limit := realtime.DefaultLimits().BadPINs

			const guesser, attempts = "203.0.113.7", 10000
			var sock *livetest.Client
			answered, refused, sockets := 0, 0, 0
			start := time.Now()
			for i := range attempts {
				guess := fmt.Sprintf("%06d", 100000+i)
				if guess == pin {
					continue
				}
				if i%3 == 0 {
					switch st, code, _ := s.get("/api/join/"+guess, from(guesser)); {
					case st == 404 && code == "pin_not_found":
						answered++
					case st == 429 && code == "rate_limited":
						refused++
					default:
						t.Fatalf("guess %d over HTTP: %d %s", i, st, code)
					}
					continue
				}
				if sock == nil {
					var err error
					if sock, err = s.dialFrom(ctx, guesser); err != nil {
						t.Fatal(err)
					}
					sockets++
				}
				_ = sock.Send(wire.ClientFrame{T: wire.TJoin, PIN: guess, Name: "Máy dò", Unit: "X"})
				f, err := sock.Next(ctx, "error")
				switch {
				case err == nil && f.Code() == "pin_not_found":
					answered++
				case err == nil && f.Code() == "rate_limited":
					refused++
					<-sock.Closed()
					if sock.CloseCode != websocket.ClosePolicyViolation {
						t.Fatalf("a socket over the limit was closed with %d, want 1008", sock.CloseCode)
					}
					sock = nil
				default:
					t.Fatalf("guess %d over a socket: %+v %v", i, f, err)
				}
			}
			took := time.Since(start)
			t.Logf("from one address, %d wrong PINs over %d sockets and HTTP in %v: %d answered, %d refused (limit %s)",
				answered+refused, sockets, took.Round(time.Millisecond), answered, refused, limit)
			if int64(answered) != limit.Max {
				t.Errorf("%d wrong PINs answered, want exactly the limit %d", answered, limit.Max)
			}

			// The live PIN is not found from that address, over a socket or HTTP...
			_, f := s.joinFrom(ctx, guesser, pin, "Máy dò", "X")
			if f.Code() != "rate_limited" {
				t.Errorf("the live PIN from the guessing address: %s, want rate_limited", f.Raw)
			}
			if st, code, _ := s.get("/api/join/"+pin, from(guesser)); st != 429 || code != "rate_limited" {
				t.Errorf("the live PIN over HTTP from the guessing address: %d %s, want 429 rate_limited", st, code)
			}
			// ...while the hall next door, behind another address, joins.
			if st, _, _ := s.get("/api/join/"+pin, from("198.51.100.20")); st != 200 {
				t.Errorf("another address looking up the live PIN: HTTP %d, want 200", st)
			}
			if _, f := s.joinFrom(ctx, "198.51.100.20", pin, "Nguyễn Văn An", "Chi bộ 1"); f.T != "hello" {
				t.Errorf("another address joining: %s", f.Raw)
			}
		})
	}
}

func TestAHallBehindOneAddressJoinsAndMistypes(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := newTestServer(t, mode, behindProxy)
			org := s.login("admin")
			_, pin := org.makeContest("fixed", questions(1))
			const hall, people = "100.64.0.1", 350
			start := time.Now()
			for i := range people {
				if i%20 == 0 {
					// Now and then someone mistypes the PIN first.
					c, f := s.joinFrom(ctx, hall, "99999", "Thí sinh", "Chi bộ")
					if f.Code() != "pin_not_found" {
						t.Fatalf("a mistyped PIN: %s", f.Raw)
					}
					c.Close()
				}
				c, f := s.joinFrom(ctx, hall, pin, fmt.Sprintf("Đồng chí %03d", i), "Chi bộ "+fmt.Sprint(i%12))
				if f.T != "hello" {
					t.Fatalf("phone %d of a hall behind one address: %s", i+1, f.Raw)
				}
				c.Close()
			}
			t.Logf("%d phones joined from one address in %v, %d mistyped PINs among them", people, time.Since(start).Round(time.Millisecond), people/20)
		})
	}
}

func TestJoinsAreLimitedPerAddressAndPerContest(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode, behindProxy, withLimits(func(l *realtime.Limits) {
				l.JoinsPerAddress = realtime.Limit{Max: 5, Window: time.Minute}
				l.JoinsPerContest = realtime.Limit{Max: 8, Window: time.Minute}
			}))
			org := s.login("admin")
			_, pin := org.makeContest("fixed", questions(1))
			joined := map[string]int{}
			var token string
			for _, addr := range []string{"192.0.2.1", "192.0.2.2"} {
				for i := range 6 {
					_, f := s.joinFrom(ctx, addr, pin, fmt.Sprintf("Người %s-%d", addr, i), "Chi bộ")
					if f.T == "hello" {
						joined[addr]++
						token = f.Hello().Token
					} else if f.Code() != "rate_limited" {
						t.Fatalf("join %d from %s: %s", i, addr, f.Raw)
					}
				}
			}
			if joined["192.0.2.1"] != 5 || joined["192.0.2.2"] != 3 {
				t.Fatalf("joined %v, want 5 from the first address (its limit) and 3 from the second (the contest's 8)", joined)
			}
			// A resume is not a new contestant: it always goes through.
			c, _ := s.dialFrom(ctx, "192.0.2.2")
			_ = c.Send(wire.ClientFrame{T: wire.TResume, Token: token})
			if f, err := c.Next(ctx, "hello", "error"); err != nil || f.T != "hello" {
				t.Fatalf("a resume after the limits were reached: %s %v", f.Raw, err)
			}
		})
	}
}

func TestTheOrganiserCanLockTheLobby(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			host, v := s.host(ctx, org, id)
			early, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ 1")

			locked := org.mustCommand(id, "lock", v)
			f, err := host.Next(ctx, "phase")
			if err != nil || !f.Phase().Locked || f.Version() != locked {
				t.Fatalf("phase frame after lock: %s %v", f.Raw, err)
			}
			if st, _ := org.command(id, "lock", v); st != 409 {
				t.Errorf("lock at a stale version: HTTP %d, want 409", st)
			}
			if st, _ := org.command(id, "lock", locked); st != 409 {
				t.Errorf("lock of a locked lobby: HTTP %d, want 409", st)
			}
			late := s.dialPhone(ctx)
			_ = late.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "Trần Thị Bình", Unit: "Chi bộ 2"})
			if f, err := late.Next(ctx, "error", "hello"); err != nil || f.Code() != "lobby_locked" || !strings.Contains(f.Error().Message, "Phòng chờ đã khoá") {
				t.Fatalf("a join into a locked lobby: %s %v", f.Raw, err)
			}
			var look struct {
				Locked bool `json:"locked"`
			}
			if st := s.browser().do("GET", "/api/join/"+pin, nil, &look); st != 200 || !look.Locked {
				t.Errorf("the PIN look-up of a locked lobby: HTTP %d, locked %v", st, look.Locked)
			}
			early.reconnect(ctx) // a contestant who joined before the lock comes back
			second, err := livetest.Dial(ctx, s.WS+"/ws/host?contest="+id, org.cookieHeader())
			if err != nil {
				t.Fatal(err)
			}
			defer second.Close()
			hs, _ := second.Next(ctx, "host_state")
			if !hs.HostState().Locked {
				t.Errorf("host_state of a locked lobby: %s", hs.Raw)
			}

			v = org.mustCommand(id, "unlock", locked)
			if _, f := s.join(ctx, pin, "Trần Thị Bình", "Chi bộ 2"); f.T != "state" {
				t.Fatalf("a join after unlock: %s", f.Raw)
			}
			org.mustCommand(id, "start", v)
		})
	}
}

func TestAKickedContestantStaysOutAndNamesAreNotShared(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			first, _ := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ thôn Đông")

			twin := s.dialPhone(ctx)
			_ = twin.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "nguyễn  văn AN", Unit: " chi bộ thôn đông"})
			f, err := twin.Next(ctx, "error", "hello")
			if err != nil || f.Code() != "name_taken" || !strings.Contains(f.Error().Message, "Đã có thí sinh tên") || !strings.Contains(f.Error().Message, "thôn đông") {
				t.Fatalf("a second contestant with the same name and unit: %s %v", f.Raw, err)
			}
			if _, f := s.join(ctx, pin, "Nguyễn Văn An", "Chi bộ thôn Tây"); f.T != "state" {
				t.Fatalf("the same name in another unit is another person: %s", f.Raw)
			}

			if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "kick", "participant_id": first.id}, nil); st != 200 {
				t.Fatalf("kick: HTTP %d", st)
			}
			<-first.Closed()
			again := s.dialPhone(ctx)
			_ = again.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "Nguyễn Văn An", Unit: "Chi bộ thôn Đông"})
			if f, err := again.Next(ctx, "error", "hello"); err != nil || f.Code() != "kicked" {
				t.Fatalf("the kicked contestant joining again with its name: %s %v", f.Raw, err)
			}
			<-again.Closed()
			if again.CloseCode != 4001 {
				t.Errorf("the kicked contestant's new socket closed with %d, want 4001", again.CloseCode)
			}
			c, _ := livetest.Dial(ctx, s.WS+"/ws/play", nil)
			defer c.Close()
			_ = c.Send(wire.ClientFrame{T: wire.TResume, Token: first.token})
			if f, err := c.Next(ctx, "error", "hello"); err != nil || f.Code() != "kicked" {
				t.Fatalf("the kicked phone's stored token: %s %v", f.Raw, err)
			}
		})
	}
}

func TestASocketHasOneIdentity(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			host, _ := s.host(ctx, org, id)
			a, _ := s.join(ctx, pin, "Lê Văn Cường", "Chi bộ 4")
			b, _ := s.join(ctx, pin, "Phạm Thị Dung", "Chi bộ 4")
			b.Client.Close()
			waitDisconnected(ctx, t, host, b.id)

			for name, frame := range map[string]wire.ClientFrame{
				"a resume with another contestant's token": {T: wire.TResume, Token: b.token},
				"a second join": {T: wire.TJoin, PIN: pin, Name: "Người thứ ba", Unit: "Chi bộ 4"},
			} {
				_ = a.Send(frame)
				if f, err := a.Next(ctx, "error", "hello"); err != nil || f.Code() != "already_joined" {
					t.Errorf("%s on a joined socket: %s %v", name, f.Raw, err)
				}
			}
			// The next change of the list shows what the refused frames left behind.
			c, _ := s.join(ctx, pin, "Người thứ ba", "Chi bộ 4")
			waitList(ctx, t, host, "the first and third contestants connected, not the second", func(conn map[string]bool) bool {
				return conn[a.id] && conn[c.id] && !conn[b.id] && len(conn) == 3
			})
		})
	}
}

func TestLoginCountsFailuresOnly(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode, behindProxy)
			login := func(addr, user, password string) (int, string) {
				req, _ := http.NewRequest("POST", s.URL+"/api/login", strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, password)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", addr)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var e apiErr
				_ = json.NewDecoder(resp.Body).Decode(&e)
				return resp.StatusCode, e.Error.Code
			}
			for i := range 25 {
				if st, _ := login("192.0.2.10", "admin", adminPassword); st != 200 {
					t.Fatalf("successful login %d: HTTP %d", i+1, st)
				}
			}
			// Ten failures for one account, from ten addresses, lock that account only.
			for i := range 10 {
				if st, code := login(fmt.Sprintf("198.51.100.%d", i+1), "admin", "sai-mat-khau"); st != 401 || code != "bad_credentials" {
					t.Fatalf("wrong password %d: %d %s", i+1, st, code)
				}
			}
			if st, code := login("192.0.2.10", "admin", adminPassword); st != 429 || code != "rate_limited" {
				t.Errorf("the right password after 10 failures: %d %s, want 429 rate_limited", st, code)
			}
			if st, _ := login("192.0.2.10", "trainer", adminPassword); st != 200 {
				t.Errorf("another account from the same address: HTTP %d, want 200", st)
			}
			// Fifty failures from one address, each for another account, lock that address.
			for i := range 50 {
				if st, _ := login("203.0.113.50", fmt.Sprintf("khach%d", i), "x"); st != 401 {
					t.Fatalf("failure %d from one address: HTTP %d", i+1, st)
				}
			}
			if st, _ := login("203.0.113.50", "trainer", adminPassword); st != 429 {
				t.Errorf("a good login from an address with 50 failures: HTTP %d, want 429", st)
			}
			if st, _ := login("203.0.113.51", "trainer", adminPassword); st != 200 {
				t.Errorf("a good login from the next address: HTTP %d, want 200", st)
			}
		})
	}
}

func TestLoginTakesJSONFromThisSiteOnly(t *testing.T) {
	s := newTestServer(t, "embedded")
	cases := []struct {
		name, contentType, origin, body string
		status                          int
		code                            string
	}{
		{"a form post", "application/x-www-form-urlencoded", "", "username=admin&password=" + adminPassword, 415, "bad_json"},
		{"plain text", "text/plain", "", `{"username":"admin","password":"` + adminPassword + `"}`, 415, "bad_json"},
		{"JSON from another site", "application/json", "https://evil.example", `{"username":"admin","password":"` + adminPassword + `"}`, 403, "forbidden"},
		{"JSON that is not JSON", "application/json", "", `{"username":`, 400, "bad_json"},
		{"JSON from this site", "application/json; charset=utf-8", s.URL, `{"username":"admin","password":"` + adminPassword + `"}`, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", s.URL+"/api/login", strings.NewReader(c.body))
			req.Header.Set("Content-Type", c.contentType)
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e apiErr
			_ = json.NewDecoder(resp.Body).Decode(&e)
			if resp.StatusCode != c.status || e.Error.Code != c.code {
				t.Fatalf("HTTP %d %q, want %d %q", resp.StatusCode, e.Error.Code, c.status, c.code)
			}
		})
	}
}

func TestSilentAndCrowdedConnectionsAreRefused(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			const deadline = 300 * time.Millisecond
			s := newTestServer(t, mode, behindProxy, withLimits(func(l *realtime.Limits) {
				l.FirstByteTimeout, l.JoinTimeout = deadline, deadline
			}))

			// A connection that never sends a byte is closed.
			raw, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			_ = raw.SetReadDeadline(time.Now().Add(10 * time.Second))
			start := time.Now()
			if _, err := raw.Read(make([]byte, 1)); err != io.EOF {
				t.Fatalf("a silent connection: %v, want closed by the server", err)
			}
			t.Logf("a connection that sent nothing was closed after %v (deadline %v)", time.Since(start).Round(time.Millisecond), deadline)

			// A socket that never joins is told and closed.
			idle, _ := s.dialFrom(ctx, "192.0.2.30")
			start = time.Now()
			if f, err := idle.Next(ctx, "error"); err != nil || f.Code() != "join_timeout" {
				t.Fatalf("a socket that never joined: %s %v", f.Raw, err)
			}
			<-idle.Closed()
			if idle.CloseCode != realtime.CloseJoinTimeout {
				t.Errorf("closed with %d, want %d", idle.CloseCode, realtime.CloseJoinTimeout)
			}
			t.Logf("a socket that never joined was closed after %v", time.Since(start).Round(time.Millisecond))

			// Caps per address and in total, before the upgrade, with a JSON error.
			s = newTestServer(t, mode, behindProxy, withLimits(func(l *realtime.Limits) { l.SocketsPerAddress, l.Sockets = 3, 5 }))
			open := func(addr string) (*livetest.Client, int, string) {
				c, err := s.dialFrom(ctx, addr)
				if err == nil {
					// A pong proves the server is serving the socket, so it counts.
					_ = c.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 1})
					if _, err := c.Next(ctx, "pong"); err != nil {
						t.Fatal(err)
					}
					return c, 101, ""
				}
				st, code, _ := s.get("/ws/play", http.Header{"X-Forwarded-For": {addr}, "Connection": {"Upgrade"}, "Upgrade": {"websocket"},
					"Sec-Websocket-Version": {"13"}, "Sec-Websocket-Key": {"dGhlIHNhbXBsZSBub25jZQ=="}})
				if st == 101 {
					t.Fatalf("a dial refused (%v) but the upgrade was not", err)
				}
				return nil, st, code
			}
			var first *livetest.Client
			for i := range 3 {
				c, st, code := open("192.0.2.40")
				if st != 101 {
					t.Fatalf("socket %d of an address under its cap: %d %s", i+1, st, code)
				}
				if first == nil {
					first = c
				}
			}
			if _, st, code := open("192.0.2.40"); st != 429 || code != "too_many_connections" {
				t.Fatalf("a 4th socket from one address: %d %s, want 429 too_many_connections", st, code)
			}
			for i := range 2 {
				if _, st, code := open("192.0.2.41"); st != 101 {
					t.Fatalf("socket %d from another address: %d %s", i+1, st, code)
				}
			}
			if _, st, code := open("192.0.2.42"); st != 503 || code != "server_full" {
				t.Fatalf("a 6th socket on a server capped at 5: %d %s, want 503 server_full", st, code)
			}
			first.Close()
			for {
				if c, err := s.dialFrom(ctx, "192.0.2.42"); err == nil {
					c.Close()
					break
				}
				select {
				case <-ctx.Done():
					t.Fatal("a closed socket never gave its slot back")
				case <-time.After(20 * time.Millisecond):
				}
			}
		})
	}
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	s := newTestServer(t, "embedded")
	cases := []struct {
		name, path string
		status     int
		code       string
	}{
		{"the web app", "/", 200, ""},
		{"a page route", "/join?pin=123456", 200, ""},
		{"the health check", "/healthz", 200, ""},
		{"an API call without a session", "/api/me", 401, "unauthorized"},
		{"an unknown file", "/nothing.png", 404, "not_found"},
		{"a missing asset", "/assets/none.js", 404, "not_found"},
		{"a socket address opened as a page", "/ws/play", 426, "upgrade_required"},
		{"an address of 10,000 characters", "/api/join/" + strings.Repeat("9", 10000), 414, "uri_too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", s.URL+c.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e apiErr
			_ = json.NewDecoder(resp.Body).Decode(&e)
			if resp.StatusCode != c.status || e.Error.Code != c.code {
				t.Fatalf("HTTP %d %q, want %d %q", resp.StatusCode, e.Error.Code, c.status, c.code)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe") {
				t.Errorf("Content-Security-Policy %q allows something unsafe", csp)
			}
			u, _ := url.Parse(s.URL)
			if resp.StatusCode == 200 && !strings.Contains(csp, "ws://"+u.Host) {
				t.Errorf("Content-Security-Policy %q does not let the app open its sockets", csp)
			}
			for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
				if got := resp.Header.Get(h); got != want {
					t.Errorf("%s: %q, want %q", h, got, want)
				}
			}
		})
	}
}

func TestFreeTextIsBounded(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			var bank struct {
				ID string `json:"id"`
			}
			org.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi"}, &bank)
			q := questions(1)[0]
			var created struct {
				ID string `json:"id"`
			}
			org.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created)
			long := strings.Repeat("x", 200000)
			long1000 := q
			long1000.Prompt = strings.Repeat("c", 1001)
			cases := []struct {
				name, method, path string
				body               any
			}{
				{"a bank title of 200,000 characters", "POST", "/api/banks", map[string]string{"title": long}},
				{"a bank description of 2,001 characters", "POST", "/api/banks", map[string]string{"title": "B", "description": strings.Repeat("d", 2001)}},
				{"a question of 1,001 characters", "POST", "/api/banks/" + bank.ID + "/questions", long1000},
				{"a round title of 200,000 characters", "POST", "/api/contests", map[string]any{"title": "Hội thi", "scoring": "fixed", "round_title": long, "question_ids": []string{created.ID}}},
				{"a contest title with a right-to-left override", "POST", "/api/contests", map[string]any{"title": "Hội thi\u202e", "scoring": "fixed", "question_ids": []string{created.ID}}},
			}
			for _, c := range cases {
				var e apiErr
				if st := org.do(c.method, c.path, c.body, &e); st != 400 || e.Error.Code != "invalid" || !isVietnamese(e.Error.Message) {
					t.Errorf("%s: HTTP %d %+v, want 400 invalid with a message", c.name, st, e.Error)
				}
			}
			_, pin := org.makeContest("fixed", questions(1))
			for name, n := range map[string][2]string{
				"a name with a right-to-left override": {"An\u202enav", "Chi bộ"},
				"a unit with a zero-width space":       {"Nguyễn Văn An", "Chi\u200b bộ"},
				"a name of digits only":                {"0000", "Chi bộ"},
				"a name of 81 characters":              {strings.Repeat("a", 81), "Chi bộ"},
			} {
				p := s.dialPhone(ctx)
				_ = p.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: n[0], Unit: n[1]})
				if f, err := p.Next(ctx, "error", "hello"); err != nil || f.Code() != "invalid" || !isVietnamese(f.Error().Message) {
					t.Errorf("%s: %s %v, want invalid", name, f.Raw, err)
				}
			}
		})
	}
}

func TestFinishedGamesAreUnloadedAndComeBack(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode, func(c *realtime.Config, _ *api.Config) { c.UnloadFinishedAfter = time.Millisecond })
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			host, v := s.host(ctx, org, id)
			p, _ := s.join(ctx, pin, "Vũ Thị Giang", "Chi bộ 7")
			org.mustCommand(id, "finish", v)
			if f, err := p.Next(ctx, "standings"); err != nil || !f.Standings().Final {
				t.Fatalf("final standings: %s %v", f.Raw, err)
			}
			if !s.Engine.Loaded(id) {
				t.Fatal("the game is not loaded while its screens are open")
			}
			host.Close()
			p.Client.Close()
			start := time.Now()
			for s.Engine.Loaded(id) {
				select {
				case <-ctx.Done():
					t.Fatal("a finished game with no socket left stayed loaded")
				case <-time.After(20 * time.Millisecond):
				}
			}
			t.Logf("unloaded %v after its last socket closed", time.Since(start).Round(time.Millisecond))
			var res struct {
				Standings []struct {
					Name string `json:"name"`
				} `json:"standings"`
			}
			if st := org.do("GET", "/api/contests/"+id+"/results", nil, &res); st != 200 || len(res.Standings) != 1 {
				t.Fatalf("results of an unloaded contest: HTTP %d %+v", st, res)
			}
			again, err := livetest.Dial(ctx, s.WS+"/ws/host?contest="+id, org.cookieHeader())
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if f, err := again.Next(ctx, "host_state"); err != nil || f.PhaseName() != "finished" {
				t.Fatalf("the screen of an unloaded contest: %s %v", f.Raw, err)
			}
		})
	}
}

func TestAPhoneThatFallsSilentShowsDisconnectedWithinSeconds(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.makeContest("fixed", questions(1))
			host, _ := s.host(ctx, org, id)

			// A phone whose Wi-Fi went: its TCP connection stays open, nothing comes from it,
			// not even the pongs a live websocket answers pings with.
			conn, _, err := websocket.DefaultDialer.DialContext(ctx, s.WS+"/ws/play", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.WriteJSON(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "Người mất sóng", Unit: "Chi bộ 9"})
			var hello wire.Hello
			for hello.T != "hello" {
				if err := conn.ReadJSON(&hello); err != nil {
					t.Fatal(err)
				}
			}
			silent := time.Now()
			waitList(ctx, t, host, "the phone connected", func(c map[string]bool) bool { return c[hello.ParticipantID] })
			waitDisconnected(ctx, t, host, hello.ParticipantID)
			took := time.Since(silent)
			t.Logf("a phone that fell silent showed as disconnected on the control panel after %v", took.Round(100*time.Millisecond))
			if took > 12*time.Second {
				t.Errorf("a silent phone showed as disconnected after %v, want within about 10 s", took)
			}
		})
	}
}

func TestTheClientAddressCannotBeSpoofed(t *testing.T) {
	cases := []struct {
		name  string
		opts  []serverOption
		xff   func(i int) string // what reaches the server in X-Forwarded-For
		other string             // a header that is another client, who must still get in
	}{
		{"without trusted proxies a client's own header is ignored", nil,
			func(i int) string { return fmt.Sprintf("10.9.%d.%d", i/250, i%250) }, ""},
		{"behind a trusted proxy the address it appended counts, not what the client wrote", []serverOption{behindProxy},
			func(i int) string { return fmt.Sprintf("10.9.%d.%d, 203.0.113.9", i/250, i%250) }, "10.9.0.0, 203.0.113.10"},
		{"a chain of trusted proxies is skipped from the right", []serverOption{behindProxy},
			func(i int) string { return fmt.Sprintf("10.9.%d.%d, 203.0.113.9, 127.0.0.5", i/250, i%250) }, "203.0.113.11, 127.0.0.5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestServer(t, "embedded", c.opts...)
			limit := realtime.DefaultLimits().BadPINs.Max
			for i := range int(limit) + 5 {
				st, code, _ := s.get(fmt.Sprintf("/api/join/%06d", 100000+i), from(c.xff(i)))
				if int64(i) < limit && st != 404 {
					t.Fatalf("wrong PIN %d: HTTP %d, want 404", i+1, st)
				} else if int64(i) >= limit && (st != 429 || code != "rate_limited") {
					t.Fatalf("wrong PIN %d with a new made-up address: %d %s, want 429 rate_limited", i+1, st, code)
				}
			}
			if c.other != "" {
				if st, _, _ := s.get("/api/join/100000", from(c.other)); st != 404 {
					t.Errorf("another client behind the proxy: HTTP %d, want 404 (not limited)", st)
				}
			}
		})
	}
}
