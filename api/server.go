package api

import (
	"context"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"hoithi/quiz"
	"hoithi/realtime"
)

// Server is the HTTP server: the API, the embedded web app and the websocket endpoints.
type Server struct {
	app      *fiber.App
	log      *slog.Logger
	users    quiz.UserService
	banks    quiz.BankService
	dups     quiz.DuplicateService
	contests quiz.ContestService
	images   quiz.ImageService
	pictures *pictureCache
	engine   *realtime.Engine
	mode     string
	ping     func(context.Context) error
	joinURL  func(pin string) string
	secure   bool
	proxies  []netip.Prefix
	socks    sockets

	// blueprints draws rounds by topic and level.
	blueprints quiz.BlueprintService
}

// Config wires a Server to its services.
type Config struct {
	Log      *slog.Logger
	Users    quiz.UserService
	Banks    quiz.BankService
	Contests quiz.ContestService
	Engine   *realtime.Engine
	// Duplicates finds and resolves the duplicates of a bank.
	Duplicates quiz.DuplicateService
	// Blueprints stores blueprints and reads the questions they draw from.
	Blueprints quiz.BlueprintService
	// Images stores the pictures questions show.
	Images quiz.ImageService
	// Mode is "embedded" or "production", as /healthz reports it.
	Mode string
	// Ping checks the database and live store for /healthz.
	Ping func(context.Context) error
	// JoinURL is the address phones open for a PIN.
	JoinURL func(pin string) string
	// SecureCookies marks cookies Secure (behind HTTPS).
	SecureCookies bool
	// TrustedProxies are the load balancers whose X-Forwarded-For names the client; with
	// none, the peer's address is the client's.
	TrustedProxies []netip.Prefix
}

// NewServer builds the Fiber app with every route.
func NewServer(cfg Config) *Server {
	s := &Server{log: cfg.Log, users: cfg.Users, banks: cfg.Banks, dups: cfg.Duplicates, contests: cfg.Contests, images: cfg.Images,
		pictures: newPictureCache(pictureCacheBytes), engine: cfg.Engine,
		mode: cfg.Mode, ping: cfg.Ping, joinURL: cfg.JoinURL, secure: cfg.SecureCookies, proxies: cfg.TrustedProxies,
		socks: sockets{byAddr: map[string]int{}}, blueprints: cfg.Blueprints}
	proxies := make([]string, len(cfg.TrustedProxies))
	for i, p := range cfg.TrustedProxies {
		proxies[i] = p.String()
	}
	s.app = fiber.New(fiber.Config{
		// X-Forwarded-Host and -Proto count only from these; the client address is read by
		// clientAddr, not Fiber's ProxyHeader, which takes the header's spoofable left end.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          proxies,
		AppName:                 "hoithi",
		BodyLimit:               smallBody, // uploads get more: bodyLimits
		ErrorHandler:            errorHandler(cfg.Log),
		DisableStartupMessage:   true,
		ReadTimeout:             30 * time.Second,
		IdleTimeout:             120 * time.Second,
		// Gives the 4 KiB request reader back once a request is read with nothing behind it.
		// A websocket would otherwise keep it for its whole life, under its own reader: 40 MB
		// of the server's memory with 10,000 phones.
		ReduceMemoryUsage: true,
		// Strings from the request (params, queries, headers) are copies. Without it they alias
		// fasthttp's request buffer, which the next request on the server overwrites: a contest
		// id taken from /ws/host?contest= and kept by the engine turned into another contest's
		// id, and that game's frames went to the other contest's screens.
		Immutable: true,
	})
	s.app.Server().HeaderReceived = bodyLimits
	s.routes()
	return s
}

// App returns the Fiber app, for tests that call app.Test.
func (s *Server) App() *fiber.App { return s.app }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	d := s.engine.Limits().FirstByteTimeout
	if d <= 0 {
		d = realtime.DefaultLimits().FirstByteTimeout
	}
	return s.app.Listener(firstByteListener{ln, d})
}

// firstByteListener gives every accepted connection a read deadline for its first byte. With
// ReduceMemoryUsage fasthttp waits for a request's first byte with no deadline of its own
// (ReadTimeout starts after it), so without this a connection that never speaks stays open
// for ever.
type firstByteListener struct {
	net.Listener
	timeout time.Duration
}

func (l firstByteListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		_ = c.SetReadDeadline(time.Now().Add(l.timeout))
	}
	return c, err
}

// Shutdown stops accepting connections and waits for requests in flight, up to ctx.
func (s *Server) Shutdown(ctx context.Context) error { return s.app.ShutdownWithContext(ctx) }

func (s *Server) routes() {
	app := s.app
	app.Use(recover.New(), securityHeaders)
	app.Get("/healthz", s.health)

	api := app.Group("/api")
	api.Use(plainBodies, s.loadSession, s.checkCSRF)
	api.Post("/login", s.sameOrigin, jsonOnly, s.login)
	api.Post("/logout", s.logout)
	api.Get("/me", s.me)
	api.Post("/me/password", s.loggedIn, s.changeMyPassword)
	api.Post("/logout-all", s.loggedIn, s.logoutAll)
	api.Get("/join/:pin", s.lookupPIN)
	api.Get("/images/:id", s.image)

	banks := api.Group("", s.require(quiz.RoleTrainer))
	banks.Get("/banks", s.listBanks)
	banks.Post("/banks", s.createBank)
	banks.Get("/banks/:id", s.getBank)
	banks.Put("/banks/:id", s.updateBank)
	banks.Delete("/banks/:id", s.deleteBank)
	banks.Put("/banks/:id/sharing", s.shareBank)
	banks.Post("/banks/:id/copy", s.copyBank)
	banks.Post("/banks/:id/questions", s.createQuestion)
	banks.Post("/banks/:id/import", s.importQuestions)
	banks.Get("/banks/:id/export", s.exportQuestions)
	banks.Get("/banks/:id/duplicates", s.listDuplicates)
	banks.Post("/banks/:id/duplicates/merge", s.mergeDuplicates)
	banks.Post("/banks/:id/duplicates/keep", s.keepDuplicates)
	banks.Get("/question-template.xlsx", s.questionTemplate)
	banks.Put("/questions/:id", s.updateQuestion)
	banks.Delete("/questions/:id", s.deleteQuestion)
	banks.Get("/questions/:id/history", s.questionHistory)
	banks.Get("/colleagues", s.colleagues)
	banks.Get("/questions", s.findQuestions)
	banks.Post("/workshops", s.createWorkshop)
	banks.Get("/tags", s.listTags)
	banks.Get("/blueprints", s.listBlueprints)
	banks.Post("/blueprints", s.createBlueprint)
	banks.Post("/blueprints/draw", s.drawBlueprint)
	banks.Get("/blueprints/:id", s.getBlueprint)
	banks.Put("/blueprints/:id", s.updateBlueprint)
	banks.Delete("/blueprints/:id", s.deleteBlueprint)
	banks.Post("/images", s.uploadImage)

	users := api.Group("/users", s.require(quiz.RoleAdmin))
	users.Get("", s.listUsers)
	users.Post("", s.createUser)
	users.Put("/:id", s.updateUser)
	users.Post("/:id/password", s.resetPassword)

	// A trainer runs the workshops they made (quiz.CanRunContest); only organisers make
	// contests of their own choosing.
	contests := api.Group("/contests", s.require(quiz.RoleTrainer))
	contests.Get("", s.listContests)
	contests.Post("", s.require(quiz.RoleOrganiser), s.createContest)
	contests.Get("/:id", s.getContest)
	contests.Delete("/:id", s.deleteContest)
	contests.Put("/:id/organisers", s.setOrganisers)
	contests.Post("/:id/commands", s.command)
	contests.Get("/:id/results", s.results)
	contests.Get("/:id/results.xlsx", s.resultsXLSX)
	contests.Get("/:id/analysis", s.analysis)
	contests.Get("/:id/audit", s.auditLog)
	contests.Get("/:id/qr.png", s.qr)
	api.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })

	// Frames are small: 1 KiB buffers, and write buffers shared between connections, keep the
	// memory of ten thousand idle phones down.
	wsConfig := websocket.Config{EnableCompression: false, ReadBufferSize: 1024, WriteBufferSize: 1024,
		WriteBufferPool: &sync.Pool{}, HandshakeTimeout: 10 * time.Second}
	app.Get("/ws/play", upgradeOnly, s.withAddr, s.socketRoom, websocket.New(func(c *websocket.Conn) {
		addr := c.Locals("addr").(string)
		s.holdSocket(addr, func() { s.engine.ServePhone(c, addr) })
	}, wsConfig))
	app.Get("/ws/host", upgradeOnly, s.withAddr, s.socketRoom, s.loadSession, s.require(quiz.RoleTrainer), s.sameOrigin, s.hostContest,
		websocket.New(func(c *websocket.Conn) {
			allowed := c.Locals("allowed").(func(context.Context) bool)
			s.holdSocket(c.Locals("addr").(string), func() { s.engine.ServeHost(c, c.Locals("contest").(string), allowed) })
		}, wsConfig))

	s.static()
}

// plainBodies refuses a request whose body is compressed (Content-Encoding): the framework would
// inflate it whole, with no bound, before any handler could look at its size, so a small
// compressed body could take the server's memory. Browsers never compress what they send.
func plainBodies(c *fiber.Ctx) error {
	if enc := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); enc != "" && !strings.EqualFold(enc, "identity") {
		return errEncodedBody
	}
	return c.Next()
}

var errEncodedBody = &quiz.Error{Code: codeEncodedBody, Message: "Dữ liệu gửi lên không được nén (Content-Encoding): hãy gửi nguyên bản."}

// jsonOnly refuses a body that is not declared JSON: a cross-site HTML form can post only
// form encodings and plain text.
func jsonOnly(c *fiber.Ctx) error {
	if !c.Is("json") {
		return fiber.ErrUnsupportedMediaType
	}
	return c.Next()
}

func upgradeOnly(c *fiber.Ctx) error {
	if websocket.IsWebSocketUpgrade(c) {
		return c.Next()
	}
	return fiber.ErrUpgradeRequired
}

// sameOrigin refuses a host socket opened by another site with the organiser's cookie.
func (s *Server) sameOrigin(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	if u, err := url.Parse(origin); origin != "" && (err != nil || u.Host != string(c.Request().Host())) {
		return quiz.Errorf(quiz.EFORBIDDEN, "Kết nối từ trang khác bị từ chối.")
	}
	return c.Next()
}

// hostContest lets a host socket through only for a contest the caller may run.
func (s *Server) hostContest(c *fiber.Ctx) error {
	sum, err := s.contestFor(c, c.Query("contest"), false)
	if err != nil {
		return err
	}
	c.Locals("contest", sum.ID)
	c.Locals("allowed", s.stillRuns(currentSession(c).ID, sum.ID))
	return c.Next()
}

// stillRuns says, for an open host screen, whether the session it was opened with still lets
// its user run the contest: not after a logout, a password change, a disabled account or the
// end of a co-organiser's role. A database that does not answer keeps the screen open.
func (s *Server) stillRuns(sessionID, contestID string) func(context.Context) bool {
	return func(ctx context.Context) bool {
		_, u, err := s.users.FindSession(ctx, sessionID)
		if quiz.ErrorCode(err) == quiz.ENOTFOUND {
			return false
		} else if err != nil {
			return true
		}
		sum, err := s.contests.FindContestSummary(ctx, contestID)
		if quiz.ErrorCode(err) == quiz.ENOTFOUND {
			return false
		} else if err != nil {
			return true
		}
		return quiz.CheckContest(u, &sum.Contest, false) == nil
	}
}

func (s *Server) health(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	if err := s.ping(ctx); err != nil {
		s.log.Warn("health check failed", slog.Any("error", err))
		return c.Status(fiber.StatusServiceUnavailable).JSON(healthView{Status: "unavailable", Mode: s.mode, Instance: s.engine.ID()})
	}
	return c.JSON(healthView{Status: "ok", Mode: s.mode, Instance: s.engine.ID()})
}
