// Command loadgen plays a whole hoithi contest with many simulated phones, over the live
// protocol (realtime/PROTOCOL.md) and the organiser's HTTP API (api/API.md), checks that no
// answer was lost and every rank is right, and prints what it measured as one JSON line.
//
//	go run ./cmd/loadgen -spawn -players 1000 -questions 5
//	HOITHI_LOADGEN_PASSWORD=… go run ./cmd/loadgen -url http://127.0.0.1:8080 -players 200
//
// Progress goes to stderr; the last line on stdout is the JSON report. The exit code is 1
// when any check failed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == "results" {
		// loadgen results FILE… writes the benchmark table from the outputs of earlier runs.
		if err := writeResults(os.Stdout, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen results:", err)
			os.Exit(1)
		}
		return
	}
	m := NewMain(os.Stdout, os.Stderr)
	if err := m.ParseFlags(os.Args[1:]); errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	} else if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	err := m.Run(ctx)
	m.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// Config is what a run does, from the flags and the environment.
type Config struct {
	Players, Questions int
	URL                string // a running server; empty with Spawn
	Spawn              bool
	Bin                string // the hoithi binary to spawn; built from ./cmd/hoithi when empty
	Think              string
	ThinkMin, ThinkMax time.Duration
	TimeLimit          time.Duration
	Seed               uint64
	Timeout            time.Duration
	DialConcurrency    int
	SkipFrac           float64
	WrongFrac          float64
	DropFrac           float64
	Keep               bool   // keep the spawned server's data directory
	User, Password     string // HOITHI_LOADGEN_USER, HOITHI_LOADGEN_PASSWORD
}

// Main is the program: its configuration and the server it started, so Close can stop it.
type Main struct {
	Config Config

	stdout, stderr io.Writer
	server         *server
	dir            string
}

// NewMain returns a Main printing its report to stdout and its progress to stderr.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{stdout: stdout, stderr: stderr}
}

// errFailed is returned by Run when the run finished but a check failed.
var errFailed = errors.New("checks failed")

// ParseFlags reads the flags and the environment.
func (m *Main) ParseFlags(args []string) error {
	c := &m.Config
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(m.stderr)
	fs.IntVar(&c.Players, "players", 50, "phones that join the contest")
	fs.IntVar(&c.Questions, "questions", 5, "questions in the contest (1–200)")
	fs.StringVar(&c.URL, "url", "", "address of a running hoithi server, e.g. http://127.0.0.1:8080")
	fs.BoolVar(&c.Spawn, "spawn", false, "start a hoithi server of its own on a free loopback port, and stop it at the end")
	fs.StringVar(&c.Bin, "bin", "", "the hoithi binary -spawn runs (default: go build ./cmd/hoithi into a temporary directory)")
	fs.StringVar(&c.Think, "think", "0.2-0.8", "seconds a phone thinks before answering, MIN-MAX, drawn uniformly")
	limit := fs.Int("limit", 10, "time limit of each question in seconds (5–600)")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of who answers what, when, and who drops")
	fs.DurationVar(&c.Timeout, "timeout", 10*time.Minute, "the whole run stops after this long")
	fs.IntVar(&c.DialConcurrency, "dial-concurrency", 200, "websocket connections opened at once")
	fs.Float64Var(&c.SkipFrac, "skip", 0.05, "share of phones that do not answer a question")
	fs.Float64Var(&c.WrongFrac, "wrong", 0.25, "share of phones that answer a question wrong")
	fs.Float64Var(&c.DropFrac, "drop", 0.02, "share of phones that drop their connection during a question and resume")
	fs.BoolVar(&c.Keep, "keep", false, "keep the spawned server's data directory and log")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: loadgen -players N -questions Q (-spawn | -url URL) [flags]")
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "\nEnvironment: HOITHI_LOADGEN_USER (default admin) and HOITHI_LOADGEN_PASSWORD log in;\n"+
			"with -spawn, DATABASE_URL and REDIS_URL pass through to the server, and the database\n"+
			"(if DATABASE_URL is set, or the embedded SQLite file) is read to count stored answers.")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var err error
	if c.ThinkMin, c.ThinkMax, err = parseSeconds(c.Think); err != nil {
		return fmt.Errorf("-think: %w", err)
	}
	c.TimeLimit = time.Duration(*limit) * time.Second
	c.User, c.Password = os.Getenv("HOITHI_LOADGEN_USER"), os.Getenv("HOITHI_LOADGEN_PASSWORD")
	if c.User == "" {
		c.User = "admin"
	}
	switch {
	case c.Spawn == (c.URL != ""):
		return errors.New("give either -spawn or -url")
	case c.Players < 1:
		return errors.New("-players must be at least 1")
	case c.Questions < 1 || c.Questions > 200:
		return errors.New("-questions must be between 1 and 200")
	case *limit < 5 || *limit > 600:
		return errors.New("-limit must be between 5 and 600 seconds")
	case c.ThinkMax > c.TimeLimit-time.Second:
		return fmt.Errorf("-think: a phone must answer at least a second before the %d s limit", *limit)
	case c.DialConcurrency < 1:
		return errors.New("-dial-concurrency must be at least 1")
	case c.SkipFrac < 0 || c.WrongFrac < 0 || c.DropFrac < 0 || c.SkipFrac+c.WrongFrac > 1 || c.DropFrac > 1:
		return errors.New("-skip, -wrong and -drop are shares between 0 and 1, and -skip plus -wrong at most 1")
	case c.URL != "" && c.Password == "":
		return errors.New("-url needs HOITHI_LOADGEN_PASSWORD (and HOITHI_LOADGEN_USER unless it is admin)")
	}
	if c.URL != "" {
		u, err := url.Parse(c.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("-url %q: want http://host:port", c.URL)
		}
		c.URL = strings.TrimRight(c.URL, "/")
	}
	return nil
}

// Run plays one contest and prints the report. It returns errFailed when a check failed,
// or the error that stopped the run.
func (m *Main) Run(ctx context.Context) error {
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, m.Config.Timeout)
	defer cancel()
	start := time.Now()
	r := &run{cfg: m.Config, stderr: m.stderr, start: start,
		problems: &problemLog{w: m.stderr, start: start, limit: 30}, correct: correctOption}
	rep := &Report{Players: m.Config.Players, Questions: m.Config.Questions, AnswersPersisted: -1, ServerRSSMB: -1,
		ServerCPUS: -1, LoadgenCPUS: -1}
	err := m.play(ctx, r, rep)
	switch {
	case err != nil && parent.Err() != nil:
		err = fmt.Errorf("interrupted: %w", err)
	case err != nil && ctx.Err() != nil:
		err = fmt.Errorf("timed out after %s: %w", m.Config.Timeout, err)
	}
	if err != nil {
		rep.Error = err.Error()
	}
	rep.Errors = r.problems.count()
	rep.DurationS = round1(time.Since(start).Seconds())
	if rep.Failed() && m.server != nil {
		fmt.Fprintf(m.stderr, "--- last lines of the server log (%s)\n%s\n---\n", m.server.logPath, m.server.LogTail(20))
	}
	if r.problems.hidden > 0 {
		fmt.Fprintf(m.stderr, "(%d more problems not shown)\n", r.problems.hidden)
	}
	if encErr := json.NewEncoder(m.stdout).Encode(rep); encErr != nil {
		return fmt.Errorf("print report: %w", encErr)
	}
	if err != nil {
		return err
	}
	if rep.Failed() {
		return errFailed
	}
	return nil
}

// play does the run, filling rep as it goes.
func (m *Main) play(ctx context.Context, r *run, rep *Report) error {
	cfg := m.Config
	limit, err := raiseNoFile(uint64(cfg.Players) + 1024)
	if err != nil {
		r.logf("%v", err)
	} else if limit < uint64(cfg.Players)+64 {
		r.logf("the open-file limit is %d, below what %d phones need", limit, cfg.Players)
	}

	base, password, dbPath := cfg.URL, cfg.Password, os.Getenv("DATABASE_URL")
	if cfg.Spawn {
		if password == "" {
			password = randomPassword()
		}
		s, mode, err := m.spawn(ctx, r, password)
		if err != nil {
			return err
		}
		base, rep.Mode = s.URL, mode
		r.serverCPU = s.CPUSeconds
		if dbPath == "" {
			dbPath = filepath.Join(s.Dir, "hoithi.db")
		}
	} else {
		if rep.Mode, err = healthMode(ctx, base); err != nil {
			return err
		}
		r.logf("server %s is up (%s)", base, rep.Mode)
	}
	wsBase := "ws" + strings.TrimPrefix(base, "http")

	r.org = newOrganiser(base)
	if err := r.org.login(ctx, cfg.User, password); err != nil {
		if cfg.Spawn && os.Getenv("DATABASE_URL") != "" {
			err = fmt.Errorf("%w (this database already has users, so the server kept their passwords: "+
				"set HOITHI_LOADGEN_USER and HOITHI_LOADGEN_PASSWORD)", err)
		}
		return err
	}
	contestID, pin, err := r.org.makeContest(ctx, cfg.Questions, cfg.TimeLimit)
	if err != nil {
		return err
	}
	r.contestID = contestID
	r.logf("contest %s (PIN %s): %d questions of %d s, speed scoring", contestID, pin, cfg.Questions, int(cfg.TimeLimit.Seconds()))
	if r.host, err = dialHost(ctx, wsBase, contestID, r.org, r.problems); err != nil {
		return err
	}
	r.version, _ = r.host.state()
	hostCtx, stopHost := context.WithCancel(ctx)
	defer stopHost()
	go r.host.follow(hostCtx)

	r.plan = makePlan(planParams{Seed: cfg.Seed, Players: cfg.Players, Questions: cfg.Questions, Options: len(options),
		ThinkMin: cfg.ThinkMin, ThinkMax: cfg.ThinkMax, SkipFrac: cfg.SkipFrac, WrongFrac: cfg.WrongFrac, DropFrac: cfg.DropFrac,
		BackMin: 100 * time.Millisecond, BackMax: 500 * time.Millisecond, CorrectFor: correctOption})
	if r.dialer, err = newPhoneDialer(wsBase+"/ws/play", cfg.DialConcurrency); err != nil {
		return err
	}

	var rssBase float64
	if m.server != nil {
		rssBase = m.server.SampleRSS()
		rssCtx, stopRSS := context.WithCancel(ctx)
		defer stopRSS()
		go m.server.watchRSS(rssCtx)
	}
	joinStart := r.clock()
	r.phones = r.join(ctx, pin)
	rep.Joined = len(r.phones)
	rep.JoinS = round1(time.Since(joinStart.at).Seconds())
	r.logf("%d of %d phones joined in %s", len(r.phones), cfg.Players, r.since(joinStart))
	if m.server != nil {
		rss := m.server.SampleRSS()
		rep.ServerKBPerPhone = round1((rss - rssBase) * 1024 / float64(max(1, len(r.phones))))
		r.logf("server resident size %.0f MB (%.0f MB before the phones joined)", rss, rssBase)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(r.phones) == 0 {
		return errors.New("no phone could join")
	}

	r.rounds = make([]*round, cfg.Questions)
	for q := range r.rounds {
		r.rounds[q] = newRound(cfg.Players, len(r.phones))
	}
	r.final = newRound(cfg.Players, len(r.phones))
	phoneCtx, stopPhones := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, p := range r.phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.run(phoneCtx)
		}()
	}
	phonesDone := false
	stop := func() {
		if !phonesDone {
			phonesDone = true
			stopPhones()
			wg.Wait()
		}
	}
	defer m.fill(r, rep)
	defer stop()

	r.logf("load average %s (everything on this machine counts)", loadAverage())
	played := r.clock()
	if err := r.command(ctx, "start"); err != nil {
		return err
	}
	for q := range cfg.Questions {
		if err := r.question(ctx, q); err != nil {
			return err
		}
		if m.server != nil {
			m.server.SampleRSS()
		}
	}
	finishAt := r.clock()
	if err := r.command(ctx, "next"); err != nil {
		return err
	}
	r.awaitMe(ctx, r.final, finishAt.at, "the finish")
	r.logf("finished: final standings to every rank %s; load average %s", r.since(finishAt), loadAverage())
	end := r.clock()
	rep.LoadgenCPUS = round1(end.self - played.self)
	if m.server != nil {
		m.server.SampleRSS()
		rep.ServerCPUS = round1(end.server - played.server)
	}
	stop()
	return m.verify(ctx, r, rep, dbPath)
}

// verify checks, once the contest is over, what the phones were told against the results
// and the database, and counts the answers lost.
func (m *Main) verify(ctx context.Context, r *run, rep *Report, dbPath string) error {
	results, err := r.org.results(ctx, r.contestID)
	if err != nil {
		return err
	}
	outs, sent, acked, unacked := r.outcomes()
	problems := checkStandings(outs, results)
	rep.StandingsOK = len(problems) == 0
	for q := range m.Config.Questions {
		rv, ok := r.host.revealOf(q)
		if !ok {
			problems = append(problems, fmt.Sprintf("question %d: the host socket saw no reveal", q+1))
			continue
		}
		problems = append(problems, checkReveal(q, rv, acked[q], unacked[q], len(options))...)
	}

	var stored map[answerKey]string
	if dbPath != "" {
		if stored, err = storedAnswers(ctx, dbPath, r.contestID); err != nil {
			problems = append(problems, fmt.Sprintf("count the stored answers: %v", err))
		} else {
			rep.AnswersPersisted = len(stored)
		}
	} else {
		r.logf("answers_persisted is -1: with -url, loadgen reads the database only when DATABASE_URL is set")
	}
	var lostProblems []string
	rep.Lost, lostProblems = countLost(sent, stored)
	r.lostCounted = true
	for _, p := range append(problems, lostProblems...) {
		r.problems.add(p)
	}
	return nil
}

// fill copies what the phones counted and measured into the report.
func (m *Main) fill(r *run, rep *Report) {
	rep.AnswersSent, rep.AnswersAcked = int(r.answersSent.Load()), int(r.answersAcked.Load())
	rep.Resends, rep.Retries = int(r.resends.Load()), int(r.retries.Load())
	rep.Drops, rep.ServerCloses = int(r.drops.Load()), int(r.serverCloses.Load())
	rep.FanoutP50, rep.FanoutP99, rep.FanoutMax, rep.FanoutSamples = r.fanout.summary()
	rep.AckP50, rep.AckP99, rep.AckMax, rep.AckSamples = r.ackLat.summary()
	_, rep.JoinP99, _, _ = r.joinLat.summary()
	rep.StandingsMs = round1(r.standingsMs)
	if m.server != nil {
		rep.ServerRSSMB = round1(m.server.MaxRSS())
	}
	if !r.lostCounted {
		// The run stopped before the database could be read: what was never acked is all
		// that is known to be lost.
		rep.Lost = rep.AnswersSent - rep.AnswersAcked
	}
}

// spawn builds (unless -bin) and starts a server of loadgen's own.
func (m *Main) spawn(ctx context.Context, r *run, password string) (*server, string, error) {
	dir, err := os.MkdirTemp("", "hoithi-loadgen-")
	if err != nil {
		return nil, "", fmt.Errorf("temporary directory: %w", err)
	}
	m.dir = dir
	bin := m.Config.Bin
	if bin == "" {
		r.logf("building ./cmd/hoithi")
		if bin, err = buildServer(ctx, dir); err != nil {
			return nil, "", err
		}
	}
	s, mode, err := startServer(ctx, bin, dir, password)
	if err != nil {
		return nil, "", err
	}
	m.server = s
	r.logf("server %s is up (%s), pid %d, data in %s", s.URL, mode, s.cmd.Process.Pid, dir)
	return s, mode, nil
}

// healthMode asks a running server whether it is healthy and in which mode it runs.
func healthMode(ctx context.Context, base string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
	if err != nil {
		return "", fmt.Errorf("health check: %w", err)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return "", fmt.Errorf("health check: %w", err)
	}
	defer resp.Body.Close()
	var h struct {
		Status string `json:"status"`
		Mode   string `json:"mode"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("health check: HTTP %d %s", resp.StatusCode, h.Status)
	}
	return h.Mode, nil
}

// Close stops the spawned server and removes its directory unless -keep.
func (m *Main) Close() {
	s, dir := m.server, m.dir
	m.server, m.dir = nil, ""
	if s != nil {
		s.Stop()
	}
	if dir == "" {
		return
	}
	if m.Config.Keep {
		fmt.Fprintf(m.stderr, "kept the server's data and log in %s\n", dir)
		return
	}
	_ = os.RemoveAll(dir)
}
