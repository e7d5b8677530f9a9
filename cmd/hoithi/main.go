// Command hoithi runs live "Hội thi Bí thư chi bộ giỏi" contests: `hoithi serve` starts the
// server, `hoithi migrate` only applies the database migrations, `hoithi user` adds, resets
// and lists accounts for an admin who lost access, and `hoithi import` / `hoithi export` move
// question files in and out of a bank.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	neturl "net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"hoithi/api"
	"hoithi/quiz"
	"hoithi/quiz/sample"
	"hoithi/quiz/store"
	"hoithi/realtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain(os.Stdout, os.Stderr)
	if err := m.ParseFlags(os.Args[1:]); errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	} else if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := m.Run(ctx); err != nil {
		if m.Command == "user" || m.Command == "import" || m.Command == "export" {
			fmt.Fprintln(os.Stderr, err)
		} else {
			m.Log.Error("hoithi stopped", slog.Any("error", err))
		}
		m.Close()
		os.Exit(1)
	}
	if m.Command == "serve" {
		<-ctx.Done()
		// A second SIGINT or SIGTERM ends the process at once.
		stop()
		m.Log.Info("shutting down")
	}
	closed := make(chan error, 1)
	go func() { closed <- m.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			m.Log.Error("shutdown", slog.Any("error", err))
			os.Exit(1)
		}
	case <-time.After(shutdownDeadline):
		m.Log.Error("shutdown did not finish in time; exiting", slog.Duration("deadline", shutdownDeadline))
		os.Exit(1)
	}
}

// shutdownDeadline bounds the whole shutdown: sockets told 1001 and closed, requests in flight
// finished, stores closed.
const shutdownDeadline = 15 * time.Second

// Config is everything hoithi reads from its environment and flags.
type Config struct {
	Addr          string // HOITHI_ADDR or -addr, default :8080
	DatabaseURL   string // DATABASE_URL; empty means SQLite under DataDir
	RedisURL      string // REDIS_URL; empty means live state in process
	DataDir       string // HOITHI_DATA_DIR, default ./data
	AdminPassword string // HOITHI_ADMIN_PASSWORD, the first admin's password
	PublicURL     string // HOITHI_PUBLIC_URL, the address phones use; default http://<LAN IP>:<port>
	LogLevel      string // HOITHI_LOG_LEVEL: debug, info, warn, error
	LogFormat     string // HOITHI_LOG_FORMAT: text or json
	SecureCookies bool   // HOITHI_SECURE_COOKIES: true behind HTTPS
	PprofAddr     string // HOITHI_PPROF_ADDR: where /debug/pprof/ listens; empty turns it off
	// SessionIdle is HOITHI_SESSION_IDLE: how long a login may go unused before it ends.
	SessionIdle time.Duration
	// TrustedProxies (HOITHI_TRUSTED_PROXIES) are the load balancers whose X-Forwarded-For
	// names the client.
	TrustedProxies []netip.Prefix
	Limits         realtime.Limits // HOITHI_LIMIT_*, HOITHI_MAX_SOCKETS*
}

// Bounds of HOITHI_SESSION_IDLE: at least a minute, since use is recorded once a minute, and
// at most the 7 days after which every session ends anyway.
const (
	minSessionIdle = time.Minute
	maxSessionIdle = 7 * 24 * time.Hour
)

// sessionPurgeEvery is how often expired and idle sessions are removed from the database.
const sessionPurgeEvery = time.Hour

// userOptions configure the user service; tests make password hashes cheap with them.
var userOptions []store.UserOption

// Main is the program: its configuration and what it opened, so Close can undo it.
type Main struct {
	Command string
	Config  Config
	Log     *slog.Logger
	// Ready, when set, receives the address once the server listens (for tests).
	Ready chan string

	stdout, stderr io.Writer
	db             *store.DB
	rdb            *redis.Client
	engine         *realtime.Engine
	server         *api.Server
	pprof          *http.Server
	pprofAddr      string
	stopPurge      context.CancelFunc
	purgeDone      chan struct{}
	// user is the `hoithi user` action and its arguments.
	user userCommand
	// file is the `hoithi import` or `hoithi export` command and its arguments.
	file fileCommand
}

// NewMain returns a Main writing its messages to stdout and its log to stderr.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{stdout: stdout, stderr: stderr, Log: slog.New(slog.NewTextHandler(stderr, nil))}
}

const usage = `hoithi — tổ chức Hội thi Bí thư chi bộ giỏi trực tiếp trên điện thoại

Cách dùng:
  hoithi serve [-addr :8080]   chạy máy chủ
  hoithi migrate               chỉ cập nhật cơ sở dữ liệu
  hoithi user add TÊN --role organiser|trainer|judge|admin [--name "Họ tên"] [--password P]
                               tạo tài khoản (in mật khẩu tạo sẵn nếu không có --password)
  hoithi user reset TÊN [--password P]
                               đặt lại mật khẩu, mở khoá tài khoản, đăng xuất mọi thiết bị
  hoithi user list             liệt kê tài khoản
  hoithi import TỆP --bank TÊN [--format auto|xlsx|csv|aiken|gift|moodlexml|docx] [--dry-run] [--skip-bad]
                               nhập câu hỏi từ tệp vào bộ câu hỏi (tạo bộ mới nếu chưa có);
                               dòng cuối in ra là kết quả dạng JSON
  hoithi export --bank TÊN --format xlsx|csv|aiken|gift|moodlexml|docx -o TỆP
                               xuất bộ câu hỏi ra tệp

Biến môi trường:
  DATABASE_URL           postgres://… (bỏ trống: dùng SQLite trong HOITHI_DATA_DIR)
  REDIS_URL              redis://…    (bỏ trống: trạng thái trực tiếp giữ trong tiến trình)
  HOITHI_ADDR            địa chỉ lắng nghe, mặc định :8080
  HOITHI_DATA_DIR        thư mục dữ liệu, mặc định ./data
  HOITHI_ADMIN_PASSWORD  mật khẩu của tài khoản admin tạo ở lần chạy đầu
  HOITHI_PUBLIC_URL      địa chỉ điện thoại dùng để vào thi, mặc định http://<IP mạng LAN>:<cổng>
  HOITHI_LOG_LEVEL       debug | info | warn | error (mặc định info)
  HOITHI_LOG_FORMAT      text | json (mặc định text)
  HOITHI_SECURE_COOKIES  true khi chạy sau HTTPS
  HOITHI_PPROF_ADDR      địa chỉ (ví dụ 127.0.0.1:6060) mở /debug/pprof/ để đo hiệu năng; mặc định tắt
  HOITHI_SESSION_IDLE    đăng nhập hết hạn sau thời gian không dùng này, mặc định 12h (từ 1m đến 168h)
  HOITHI_TRUSTED_PROXIES các dải địa chỉ (CIDR, cách nhau bằng dấu phẩy) của bộ cân bằng tải
                         được tin X-Forwarded-For; mặc định không tin ai
  HOITHI_LIMIT_BAD_PINS             mã PIN sai mỗi địa chỉ, mặc định 30/10m
  HOITHI_LIMIT_JOINS_PER_ADDRESS    lượt vào thi mới mỗi địa chỉ, mặc định 600/1m
  HOITHI_LIMIT_JOINS_PER_CONTEST    lượt vào thi mới mỗi cuộc thi, mặc định 12000/1m
  HOITHI_LIMIT_LOGIN_PER_ACCOUNT    đăng nhập sai mỗi tài khoản, mặc định 10/15m
  HOITHI_LIMIT_LOGIN_PER_ADDRESS    đăng nhập sai mỗi địa chỉ, mặc định 50/15m
  HOITHI_MAX_SOCKETS_PER_ADDRESS    kết nối websocket mỗi địa chỉ, mặc định 2000
  HOITHI_MAX_SOCKETS                kết nối websocket mỗi máy chủ, mặc định 20000
`

// ParseFlags reads the subcommand, flags and environment.
func (m *Main) ParseFlags(args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(m.stdout, usage)
		return flag.ErrHelp
	}
	m.Command = args[0]
	switch m.Command {
	case "serve", "migrate", "user", "import", "export":
	default:
		return fmt.Errorf("lệnh không hợp lệ %q\n\n%s", m.Command, usage)
	}
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	m.Config = Config{
		Addr: env("HOITHI_ADDR", ":8080"), DatabaseURL: os.Getenv("DATABASE_URL"), RedisURL: os.Getenv("REDIS_URL"),
		DataDir: env("HOITHI_DATA_DIR", "data"), AdminPassword: os.Getenv("HOITHI_ADMIN_PASSWORD"),
		PublicURL: strings.TrimRight(os.Getenv("HOITHI_PUBLIC_URL"), "/"), LogLevel: env("HOITHI_LOG_LEVEL", "info"),
		LogFormat: env("HOITHI_LOG_FORMAT", "text"), PprofAddr: os.Getenv("HOITHI_PPROF_ADDR"),
	}
	if err := m.checkConfig(env); err != nil {
		return err
	}
	idle, err := parseSessionIdle(env("HOITHI_SESSION_IDLE", store.DefaultSessionIdle.String()))
	if err != nil {
		return err
	}
	m.Config.SessionIdle = idle
	switch m.Command {
	case "user":
		if m.user, err = parseUserCommand(args[1:], m.stderr); err != nil {
			return err
		}
	case "import", "export":
		if m.file, err = parseFileCommand(m.Command, args[1:], m.stderr); err != nil {
			return err
		}
	default:
		fs := flag.NewFlagSet("hoithi "+m.Command, flag.ContinueOnError)
		fs.SetOutput(m.stderr)
		fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "địa chỉ lắng nghe")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
	}
	if err := m.parseLimits(env); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(m.Config.LogLevel)); err != nil {
		return fmt.Errorf("HOITHI_LOG_LEVEL không hợp lệ: %q", m.Config.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	if m.Config.LogFormat == "json" {
		m.Log = slog.New(slog.NewJSONHandler(m.stderr, opts))
	} else {
		m.Log = slog.New(slog.NewTextHandler(m.stderr, opts))
	}
	slog.SetDefault(m.Log)
	return nil
}

// checkConfig refuses settings that would otherwise be taken silently for something else: a
// log format, a cookie switch or a public address written wrong.
func (m *Main) checkConfig(env func(k, def string) string) error {
	if f := m.Config.LogFormat; f != "text" && f != "json" {
		return fmt.Errorf("HOITHI_LOG_FORMAT không hợp lệ: %q (text hoặc json)", f)
	}
	if v := env("HOITHI_SECURE_COOKIES", ""); v != "" {
		secure, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("HOITHI_SECURE_COOKIES không hợp lệ: %q (true hoặc false)", v)
		}
		m.Config.SecureCookies = secure
	}
	if p := m.Config.PublicURL; p != "" {
		u, err := neturl.Parse(p)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("HOITHI_PUBLIC_URL không hợp lệ: %q (cần dạng http://192.168.1.10:8080 hoặc https://thi.example.vn)", p)
		}
	}
	return nil
}

// parseSessionIdle reads HOITHI_SESSION_IDLE, a Go duration such as 12h or 90m.
func parseSessionIdle(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d < minSessionIdle || d > maxSessionIdle {
		return 0, fmt.Errorf("HOITHI_SESSION_IDLE không hợp lệ: %q (ví dụ 12h hoặc 90m, từ 1m đến 168h)", v)
	}
	return d, nil
}

// parseLimits reads the trusted proxies and the abuse limits.
func (m *Main) parseLimits(env func(k, def string) string) error {
	for _, p := range strings.Split(os.Getenv("HOITHI_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return fmt.Errorf("HOITHI_TRUSTED_PROXIES không hợp lệ: %q (cần CIDR như 10.0.0.0/8)", p)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		m.Config.TrustedProxies = append(m.Config.TrustedProxies, prefix.Masked())
	}
	l := realtime.DefaultLimits()
	for name, dst := range map[string]*realtime.Limit{
		"HOITHI_LIMIT_BAD_PINS": &l.BadPINs, "HOITHI_LIMIT_JOINS_PER_ADDRESS": &l.JoinsPerAddress,
		"HOITHI_LIMIT_JOINS_PER_CONTEST": &l.JoinsPerContest, "HOITHI_LIMIT_LOGIN_PER_ACCOUNT": &l.LoginFailuresPerAccount,
		"HOITHI_LIMIT_LOGIN_PER_ADDRESS": &l.LoginFailuresPerAddress,
	} {
		if v := env(name, ""); v != "" {
			lim, err := realtime.ParseLimit(v)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			*dst = lim
		}
	}
	for name, dst := range map[string]*int{"HOITHI_MAX_SOCKETS_PER_ADDRESS": &l.SocketsPerAddress, "HOITHI_MAX_SOCKETS": &l.Sockets} {
		if v := env(name, ""); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fmt.Errorf("%s không hợp lệ: %q (cần một số, 0 là không giới hạn)", name, v)
			}
			*dst = n
		}
	}
	m.Config.Limits = l
	return nil
}

// Run opens the database (applying migrations) and, for serve, the live store and the server.
func (m *Main) Run(ctx context.Context) error {
	embedded := m.Config.DatabaseURL == ""
	dsn := m.Config.DatabaseURL
	if embedded {
		dsn = filepath.Join(m.Config.DataDir, "hoithi.db")
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	m.db = db
	if m.Command == "migrate" {
		fmt.Fprintln(m.stdout, "Cơ sở dữ liệu đã được cập nhật.")
		return nil
	}

	users := store.NewUserService(db, append(userOptions, store.WithSessionIdle(m.Config.SessionIdle))...)
	if m.Command == "user" {
		return m.user.run(ctx, users, m.stdout)
	}
	banks, contests := store.NewBankService(db), store.NewContestService(db)
	if m.Command == "import" || m.Command == "export" {
		m.file.images = store.NewImageService(db)
		return m.file.run(ctx, users, banks, m.stdout)
	}
	admin, password, err := m.ensureAdmin(ctx, users)
	if err != nil {
		return err
	}
	created := admin != nil
	if created && embedded {
		if err := loadSample(ctx, banks, admin.ID); err != nil {
			return err
		}
	}

	if err := m.startPurge(ctx, users); err != nil {
		return err
	}

	limits := m.Config.Limits
	var live realtime.LiveStore = realtime.NewMemoryStore()
	var broker realtime.Broker = &realtime.MemoryBroker{}
	var lease realtime.Lease = &realtime.MemoryLease{}
	mode := "embedded"
	ping := db.Ping
	if m.Config.RedisURL != "" {
		opt, err := redis.ParseURL(m.Config.RedisURL)
		if err != nil {
			return fmt.Errorf("REDIS_URL không hợp lệ: %w", err)
		}
		m.rdb = redis.NewClient(opt)
		if err := m.rdb.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("connect to redis: %w", err)
		}
		live, broker, lease = realtime.NewRedisStore(m.rdb), realtime.NewRedisBroker(m.rdb, m.Log), realtime.NewRedisLease(m.rdb)
		limits.Counters = realtime.NewRedisCounters(m.rdb, "")
		ping = func(ctx context.Context) error {
			if err := db.Ping(ctx); err != nil {
				return err
			}
			return m.rdb.Ping(ctx).Err()
		}
	}
	if !embedded || m.Config.RedisURL != "" {
		mode = "production"
	}

	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	public, unreachable := phoneAddress(ln.Addr().(*net.TCPAddr), m.Config.PublicURL, lanIP)
	joinURL := func(pin string) string { return public + "/join?pin=" + pin }

	m.engine = realtime.NewEngine(realtime.Config{Contests: contests, Live: live, Broker: broker, Lease: lease, Log: m.Log, JoinURL: joinURL, CommitWorkers: commitWorkers(db), Limits: &limits})
	m.engine.Start()
	m.server = api.NewServer(api.Config{Log: m.Log, Users: users, Banks: banks, Duplicates: banks, Contests: contests, Engine: m.engine, Blueprints: store.NewBlueprintService(db), Images: store.NewImageService(db),
		Mode: mode, Ping: ping, JoinURL: joinURL, SecureCookies: m.Config.SecureCookies, TrustedProxies: m.Config.TrustedProxies})
	go func() {
		if err := m.server.Serve(ln); err != nil {
			m.Log.Error("server stopped", slog.Any("error", err))
		}
	}()

	if m.Config.PprofAddr != "" {
		if m.pprof, m.pprofAddr, err = servePprof(m.Config.PprofAddr, m.Log); err != nil {
			return err
		}
	}

	port := ln.Addr().(*net.TCPAddr).Port
	fmt.Fprintf(m.stdout, "\nhoithi đang chạy (%s).\n", map[string]string{"embedded": "chế độ một máy: SQLite trong " + m.Config.DataDir, "production": "Postgres + Redis"}[mode])
	fmt.Fprintf(m.stdout, "  Mở trên máy này:        http://localhost:%d\n", port)
	if unreachable == "" {
		fmt.Fprintf(m.stdout, "  Điện thoại vào thi tại: %s/join\n", public)
	} else {
		fmt.Fprintf(m.stdout, "  Điện thoại vào thi:     chưa vào được — %s\n", unreachable)
	}
	if created {
		fmt.Fprintf(m.stdout, "  Đăng nhập:              tài khoản admin, mật khẩu %s\n", password)
		if m.Config.AdminPassword == "" {
			fmt.Fprintln(m.stdout, "                          (mật khẩu chỉ hiện một lần, hãy ghi lại)")
		}
	} else {
		fmt.Fprintln(m.stdout, "  Đăng nhập:              tài khoản admin đã tạo ở lần chạy đầu")
	}
	fmt.Fprintln(m.stdout, "  Dừng máy chủ:           Ctrl+C")
	if m.Ready != nil {
		m.Ready <- fmt.Sprintf("127.0.0.1:%d", port)
	}
	return nil
}

// commitWorkers is how many answer batches are written at once: SQLite has one writer.
func commitWorkers(db *store.DB) int {
	if db.Dialect() == store.Postgres {
		return 4
	}
	return 1
}

// ensureAdmin creates the first admin when there are no users yet, returning it and its
// password; it returns nil when users exist already.
func (m *Main) ensureAdmin(ctx context.Context, users quiz.UserService) (*quiz.User, string, error) {
	n, err := users.CountUsers(ctx)
	if err != nil || n > 0 {
		return nil, "", err
	}
	password := m.Config.AdminPassword
	if password == "" {
		password = quiz.GeneratePassword()
	}
	u := &quiz.User{Username: "admin", DisplayName: "Quản trị viên", Role: quiz.RoleAdmin}
	if err := users.CreateUser(ctx, u, password); err != nil {
		return nil, "", fmt.Errorf("create admin: %w", err)
	}
	return u, password, nil
}

// loadSample stores the sample question bank, owned by the first admin.
func loadSample(ctx context.Context, banks quiz.BankService, ownerID string) error {
	b, qs, err := sample.Bank()
	if err != nil {
		return fmt.Errorf("sample bank: %w", err)
	}
	b.OwnerID = ownerID
	if err := banks.CreateBank(ctx, &b); err != nil {
		return fmt.Errorf("store sample bank: %w", err)
	}
	for i := range qs {
		qs[i].BankID = b.ID
	}
	if err := banks.CreateQuestions(ctx, qs); err != nil {
		return fmt.Errorf("store sample questions: %w", err)
	}
	return nil
}

// startPurge removes expired and idle sessions now, then every hour until Close.
func (m *Main) startPurge(ctx context.Context, users quiz.UserService) error {
	purge := func(ctx context.Context) error {
		n, err := users.PurgeSessions(ctx)
		if err == nil && n > 0 {
			m.Log.Info("removed ended sessions", slog.Int64("count", n))
		}
		return err
	}
	if err := purge(ctx); err != nil {
		return err
	}
	ctx, m.stopPurge = context.WithCancel(context.WithoutCancel(ctx))
	m.purgeDone = make(chan struct{})
	go func() {
		defer close(m.purgeDone)
		t := time.NewTicker(sessionPurgeEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := purge(ctx); err != nil && ctx.Err() == nil {
					m.Log.Warn("remove ended sessions", slog.Any("error", err))
				}
			}
		}
	}()
	return nil
}

// phoneAddress is the address phones open, and, when phones cannot reach it, why (in
// Vietnamese, for the start-up message). It is HOITHI_PUBLIC_URL when set (a proxy may stand
// in front of a server on loopback); otherwise the
// address the server listens on, or, when it listens on every interface, the LAN address lan
// finds.
func phoneAddress(listen *net.TCPAddr, publicURL string, lan func() (string, bool)) (url, unreachable string) {
	port := strconv.Itoa(listen.Port)
	if publicURL != "" {
		// A public URL may be a proxy in front of a server that listens on loopback only.
		if u, err := neturl.Parse(publicURL); err == nil && isLoopbackHost(u.Hostname()) {
			return publicURL, "HOITHI_PUBLIC_URL trỏ vào chính máy này (" + u.Hostname() + "), điện thoại không mở được: hãy dùng địa chỉ LAN"
		}
		return publicURL, ""
	}
	if listen.IP.IsLoopback() {
		return "http://" + net.JoinHostPort(listen.IP.String(), port),
			"máy chủ chỉ nghe trên " + listen.IP.String() + ", chỉ máy này mở được: để điện thoại vào thi, đặt HOITHI_ADDR=:" + port
	}
	if !listen.IP.IsUnspecified() {
		return "http://" + net.JoinHostPort(listen.IP.String(), port), ""
	}
	ip, ok := lan()
	if !ok {
		return "http://" + net.JoinHostPort(ip, port),
			"máy này chưa nối mạng LAN nên điện thoại chưa vào được: hãy nối Wi-Fi của hội trường rồi chạy lại, hoặc đặt HOITHI_PUBLIC_URL"
	}
	return "http://" + net.JoinHostPort(ip, port), ""
}

// isLoopbackHost reports whether host names this machine only.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// lanIP guesses the address phones on the same Wi-Fi can reach: the first private IPv4
// address of an interface that is up, else its first other IPv4 address; ok is false when
// there is none and only "localhost" is left, which no phone can open.
func lanIP() (ip string, ok bool) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return "localhost", false
	}
	var other string
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := iface.Addrs()
		for _, a := range addrs {
			ipn, isNet := a.(*net.IPNet)
			if !isNet || ipn.IP.To4() == nil || !ipn.IP.IsGlobalUnicast() {
				continue
			}
			if ipn.IP.IsPrivate() {
				return ipn.IP.String(), true
			}
			if other == "" {
				other = ipn.IP.String()
			}
		}
	}
	if other != "" {
		return other, true
	}
	return "localhost", false
}

// Close shuts down in order: sockets told 1001, the HTTP server, then Redis and the database.
func (m *Main) Close() error {
	var errs []error
	if m.engine != nil {
		m.engine.Close()
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, m.server.Shutdown(ctx))
		cancel()
	}
	if m.pprof != nil {
		errs = append(errs, m.pprof.Close())
	}
	if m.stopPurge != nil {
		m.stopPurge()
		<-m.purgeDone
	}
	if m.rdb != nil {
		errs = append(errs, m.rdb.Close())
	}
	if m.db != nil {
		errs = append(errs, m.db.Close())
	}
	return errors.Join(errs...)
}
