package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// start runs `hoithi serve` on the embedded default in dir and returns its printed message
// and address.
func start(t *testing.T, dir string, env map[string]string) (*Main, string, string) {
	t.Helper()
	for k, v := range map[string]string{"DATABASE_URL": "", "REDIS_URL": "", "HOITHI_DATA_DIR": dir, "HOITHI_ADMIN_PASSWORD": ""} {
		t.Setenv(k, v)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, log bytes.Buffer
	m := NewMain(&out, &log)
	m.Ready = make(chan string, 1)
	if err := m.ParseFlags([]string{"serve", "-addr", "127.0.0.1:0"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	return m, out.String(), <-m.Ready
}

// TestFirstStartPrintsHowToLogInAndLoadsTheSampleBank is what a newcomer sees.
func TestFirstStartPrintsHowToLogInAndLoadsTheSampleBank(t *testing.T) {
	dir := t.TempDir()
	m, out, addr := start(t, dir, nil)
	// This server listens on 127.0.0.1 only, so it says phones cannot reach it.
	if !strings.Contains(out, "http://localhost:") || !strings.Contains(out, "HOITHI_ADDR=:") || !strings.Contains(out, "mật khẩu") {
		t.Fatalf("the first start does not say where to open and how to log in:\n%s", out)
	}
	password := strings.Fields(out[strings.Index(out, "mật khẩu")+len("mật khẩu"):])[0]

	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Post("http://"+addr+"/api/login", "application/json",
		strings.NewReader(`{"username":"admin","password":"`+password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("the printed password does not log in: HTTP %d", resp.StatusCode)
	}
	cookie := resp.Header.Get("Set-Cookie")
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/banks", nil)
	req.Header.Set("Cookie", strings.Split(cookie, ";")[0])
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var banks struct {
		Banks []struct {
			QuestionCount int `json:"question_count"`
		} `json:"banks"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&banks)
	resp.Body.Close()
	if len(banks.Banks) != 1 || banks.Banks[0].QuestionCount < 30 {
		t.Fatalf("the sample bank is not there: %+v", banks)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	m2, out2, _ := start(t, dir, nil)
	defer m2.Close()
	if strings.Contains(out2, password) {
		t.Fatalf("the password is printed again on the second start:\n%s", out2)
	}
}

// TestAdminPasswordComesFromTheEnvironment, and a too-short one is refused clearly.
func TestAdminPasswordComesFromTheEnvironment(t *testing.T) {
	m, out, _ := start(t, t.TempDir(), map[string]string{"HOITHI_ADMIN_PASSWORD": "mat-khau-hoi-thi"})
	defer m.Close()
	if !strings.Contains(out, "mat-khau-hoi-thi") {
		t.Fatalf("the configured password is not shown:\n%s", out)
	}
}

// TestProfilesAreServedOnlyWhereAsked: HOITHI_PPROF_ADDR opens Go's profiles on an address of
// their own; the public server never serves them.
func TestProfilesAreServedOnlyWhereAsked(t *testing.T) {
	m, _, addr := start(t, t.TempDir(), map[string]string{"HOITHI_PPROF_ADDR": "127.0.0.1:0"})
	defer m.Close()
	res, err := http.Get("http://" + m.pprofAddr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body := new(bytes.Buffer)
	_, _ = body.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(body.String(), "goroutine profile") {
		t.Fatalf("profiles: HTTP %d %.200s", res.StatusCode, body.String())
	}
	res, err = http.Get("http://" + addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body.Reset()
	_, _ = body.ReadFrom(res.Body)
	res.Body.Close()
	if strings.Contains(body.String(), "goroutine profile") {
		t.Fatal("the public server serves Go's profiles")
	}
}

// TestThePhoneAddressIsOneThePhonesCanReach: the start-up message never prints a phone address
// the server does not listen on, and says why phones cannot join when they cannot.
func TestThePhoneAddressIsOneThePhonesCanReach(t *testing.T) {
	lan := func() (string, bool) { return "192.168.1.10", true }
	noLAN := func() (string, bool) { return "localhost", false }
	tcp := func(ip string) *net.TCPAddr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 8080} }
	cases := []struct {
		name         string
		listen       *net.TCPAddr
		public       string
		lan          func() (string, bool)
		url          string
		saysWhyNot   string
		reachableToo bool
	}{
		{"every interface, on a LAN", tcp("0.0.0.0"), "", lan, "http://192.168.1.10:8080", "", true},
		{"every interface, no LAN", tcp("0.0.0.0"), "", noLAN, "http://localhost:8080", "chưa nối mạng LAN", false},
		{"loopback only", tcp("127.0.0.1"), "", lan, "http://127.0.0.1:8080", "HOITHI_ADDR=:8080", false},
		{"loopback behind a proxy", tcp("127.0.0.1"), "https://thi.example.vn", lan, "https://thi.example.vn", "", true},
		{"one interface", tcp("10.0.0.7"), "", lan, "http://10.0.0.7:8080", "", true},
		{"a public URL behind a proxy", tcp("0.0.0.0"), "https://thi.example.vn", lan, "https://thi.example.vn", "", true},
		{"a public URL naming this machine", tcp("0.0.0.0"), "http://localhost:8080", lan, "http://localhost:8080", "HOITHI_PUBLIC_URL", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url, why := phoneAddress(c.listen, c.public, c.lan)
			if url != c.url {
				t.Errorf("address %q, want %q", url, c.url)
			}
			if c.reachableToo != (why == "") || !strings.Contains(why, c.saysWhyNot) {
				t.Errorf("says %q, want it to say %q", why, c.saysWhyNot)
			}
		})
	}
}

// TestSettingsAreReadFromTheEnvironmentOrRefused: limits, proxies, log format, cookies and the
// public address are read at start; one written wrong stops the start with a message naming
// it, instead of being taken for something else.
func TestSettingsAreReadFromTheEnvironmentOrRefused(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		bad  string // part of the error, if refused
		ok   func(c Config) bool
	}{
		{"the defaults hold with nothing set", nil, "", func(c Config) bool {
			return c.Limits.BadPINs.Max == 30 && c.Limits.SocketsPerAddress == 2000 && len(c.TrustedProxies) == 0
		}},
		{"a limit is a count per duration", map[string]string{"HOITHI_LIMIT_BAD_PINS": "5/1m", "HOITHI_LIMIT_JOINS_PER_ADDRESS": "0"}, "", func(c Config) bool {
			return c.Limits.BadPINs.Max == 5 && c.Limits.BadPINs.Window == time.Minute && c.Limits.JoinsPerAddress.Max == 0
		}},
		{"proxies are CIDRs or addresses", map[string]string{"HOITHI_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7"}, "", func(c Config) bool {
			return len(c.TrustedProxies) == 2 && c.TrustedProxies[1].String() == "192.168.1.7/32"
		}},
		{"a socket cap is a number", map[string]string{"HOITHI_MAX_SOCKETS": "50"}, "", func(c Config) bool { return c.Limits.Sockets == 50 }},
		{"a limit without a duration is refused", map[string]string{"HOITHI_LIMIT_LOGIN_PER_ACCOUNT": "10"}, "HOITHI_LIMIT_LOGIN_PER_ACCOUNT", nil},
		{"a proxy that is not an address is refused", map[string]string{"HOITHI_TRUSTED_PROXIES": "loadbalancer"}, "HOITHI_TRUSTED_PROXIES", nil},
		{"a socket cap that is not a number is refused", map[string]string{"HOITHI_MAX_SOCKETS_PER_ADDRESS": "many"}, "HOITHI_MAX_SOCKETS_PER_ADDRESS", nil},
		{"a log format that is neither text nor json is refused", map[string]string{"HOITHI_LOG_FORMAT": "xml"}, "HOITHI_LOG_FORMAT", nil},
		{"json logs", map[string]string{"HOITHI_LOG_FORMAT": "json"}, "", func(c Config) bool { return c.LogFormat == "json" }},
		{"a cookie switch that is not a yes or no is refused", map[string]string{"HOITHI_SECURE_COOKIES": "có"}, "HOITHI_SECURE_COOKIES", nil},
		{"secure cookies written as 1", map[string]string{"HOITHI_SECURE_COOKIES": "1"}, "", func(c Config) bool { return c.SecureCookies }},
		{"a public address without http:// is refused", map[string]string{"HOITHI_PUBLIC_URL": "192.168.1.10:8080"}, "HOITHI_PUBLIC_URL", nil},
		{"a public address with a query is refused", map[string]string{"HOITHI_PUBLIC_URL": "http://192.168.1.10:8080/?a=1"}, "HOITHI_PUBLIC_URL", nil},
		{"a public address behind HTTPS", map[string]string{"HOITHI_PUBLIC_URL": "https://thi.example.vn/"}, "", func(c Config) bool { return c.PublicURL == "https://thi.example.vn" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"HOITHI_TRUSTED_PROXIES", "HOITHI_LIMIT_BAD_PINS", "HOITHI_LIMIT_JOINS_PER_ADDRESS", "HOITHI_LIMIT_JOINS_PER_CONTEST",
				"HOITHI_LIMIT_LOGIN_PER_ACCOUNT", "HOITHI_LIMIT_LOGIN_PER_ADDRESS", "HOITHI_MAX_SOCKETS_PER_ADDRESS", "HOITHI_MAX_SOCKETS",
				"HOITHI_LOG_FORMAT", "HOITHI_SECURE_COOKIES", "HOITHI_PUBLIC_URL"} {
				t.Setenv(k, c.env[k])
			}
			var out, log bytes.Buffer
			m := NewMain(&out, &log)
			err := m.ParseFlags([]string{"serve"})
			if c.bad != "" {
				if err == nil || !strings.Contains(err.Error(), c.bad) {
					t.Fatalf("got %v, want an error naming %s", err, c.bad)
				}
				return
			}
			if err != nil || !c.ok(m.Config) {
				t.Fatalf("got %v, %+v", err, m.Config)
			}
		})
	}
}
