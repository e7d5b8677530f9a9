// Command loadgen plays a whole hoithi contest with many simulated phones, over the live
// protocol (realtime/PROTOCOL.md) and the organiser's HTTP API (api/API.md), checks that no
// answer was lost and every rank is right, and prints what it measured as one JSON line.
//
//	go run ./cmd/loadgen -spawn -players 1000 -questions 5
//	HOITHI_LOADGEN_PASSWORD=… go run ./cmd/loadgen -url http://127.0.0.1:8080 -players 200
//	DATABASE_URL=postgres://… REDIS_URL=redis://… go run ./cmd/loadgen -spawn -nodes 3 -players 1000
//	go run ./cmd/loadgen -spawn -round elimination -players 10000 -rescue 10%
//	go run ./cmd/loadgen -spawn -round buzzer -players 500
//
// -round chooses the kind of the contest's one round: a quiz (the default), an elimination
// round (Rung chuông vàng) with a rescue after the first question, or a buzzer round where
// every phone presses within the same 50 ms of each question.
//
// With several nodes (servers sharing one database and Redis), phones are spread over them
// round-robin, a phone that drops resumes on the next node, and the organiser's commands go
// to each node in turn, as behind a load balancer; a host socket on every node checks that
// they all show the same contest.
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
	"hoithi/realtime/livetest"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
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
	if os.Getenv("GOGC") == "" {
		// Ten thousand simulated phones make a large heap; collecting it every few seconds
		// took about a tenth of a second of CPU each time, on the cores the server under test
		// needs. Memory is cheap here: collect a quarter as often.
		debug.SetGCPercent(400)
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
	URLs               []string // running servers sharing one contest; empty with Spawn
	Spawn              bool
	Nodes              int    // servers the phones are spread over
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
	Pause              time.Duration // the organiser's pause after start and after a close
	AutoClose          bool          // the round closes a question once everyone connected answered
	Keep               bool          // keep the spawned server's data directory
	User, Password     string        // HOITHI_LOADGEN_USER, HOITHI_LOADGEN_PASSWORD
	Round              string        // roundQuiz, roundElimination or roundBuzzer
	Kinds              string        // kindsSingle or kindsMixed
	Shuffle            bool          // the round's shuffle_options: each phone gets the options in its own order
	Rescue             rescueSpec    // elimination: whom the rescue after question 1 brings back
	Steal              int           // buzzer: the round's steal_sec
	PressLead          time.Duration // buzzer: from a question's opening to the instant phones press at
}

// Main is the program: its configuration and the servers it started, so Close can stop them.
type Main struct {
	Config Config

	stdout, stderr io.Writer
	cluster        *cluster
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
	urls := fs.String("url", "", "address of a running hoithi server, e.g. http://127.0.0.1:8080, or a comma-separated list of servers that share one database and Redis")
	fs.BoolVar(&c.Spawn, "spawn", false, "start a hoithi server of its own on a free loopback port, and stop it at the end")
	fs.IntVar(&c.Nodes, "nodes", 1, "servers -spawn starts, sharing DATABASE_URL and REDIS_URL (both needed above 1); with -url, the number of addresses")
	fs.StringVar(&c.Bin, "bin", "", "the hoithi binary -spawn runs (default: go build ./cmd/hoithi into a temporary directory)")
	fs.StringVar(&c.Think, "think", "0.2-0.8", "seconds a phone thinks before answering, MIN-MAX, drawn uniformly")
	limit := fs.Int("limit", 10, "time limit of each question in seconds (5–600)")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of who answers what, when, and who drops")
	fs.DurationVar(&c.Timeout, "timeout", 10*time.Minute, "the whole run stops after this long")
	fs.IntVar(&c.DialConcurrency, "dial-concurrency", 200, "websocket connections opened at once")
	fs.Float64Var(&c.SkipFrac, "skip", 0.05, "share of phones that do not answer a question")
	fs.Float64Var(&c.WrongFrac, "wrong", 0.25, "share of phones that answer a question wrong")
	fs.Float64Var(&c.DropFrac, "drop", 0.02, "share of phones that drop their connection during a question and resume")
	fs.BoolVar(&c.AutoClose, "auto-close", false, "make the round close each question once every connected phone has answered (with -skip 0 it closes before the deadline)")
	fs.DurationVar(&c.Pause, "pause", time.Second, "how long the organiser waits after start before the first question, and after closing a question before revealing it, as on a real control panel")
	fs.BoolVar(&c.Keep, "keep", false, "keep the spawned servers' data directories and logs")
	fs.StringVar(&c.Round, "round", roundQuiz, "the kind of the contest's one round: quiz, elimination or buzzer")
	fs.StringVar(&c.Kinds, "kinds", kindsSingle, "the questions: single (every one single-choice) or mixed (single choice, short answer and ordering in turn; not with -round buzzer)")
	fs.BoolVar(&c.Shuffle, "shuffle", false, "quiz, elimination: each phone is sent the options in an order of its own (the round's shuffle_options); phones still answer by the options' own indexes, and check they got their own order")
	rescue := fs.String("rescue", "10%", "elimination: whom the organiser rescues after the first reveal: the best N, a share of the eliminated such as 10%, or all")
	fs.IntVar(&c.Steal, "steal", 0, "buzzer: seconds the others may steal after a wrong answer; with steals the host marks each first winner wrong and everyone presses again, the one marked wrong to be refused (0: no steals, every first winner is marked right)")
	fs.DurationVar(&c.PressLead, "press-lead", time.Second, "buzzer: how long after a question opens every phone presses (each within 50 ms after it)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: loadgen -players N -questions Q (-spawn [-nodes K] | -url URL[,URL…]) [flags]")
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
	if c.Kinds != kindsSingle && c.Kinds != kindsMixed {
		return fmt.Errorf("-kinds must be %s or %s", kindsSingle, kindsMixed)
	} else if c.Kinds == kindsMixed && c.Round == roundBuzzer {
		return errors.New("-kinds mixed is for quiz and elimination rounds: buzzer questions are answered aloud")
	}
	if c.Rescue, err = parseRescue(*rescue); err != nil {
		return err
	}
	c.User, c.Password = os.Getenv("HOITHI_LOADGEN_USER"), os.Getenv("HOITHI_LOADGEN_PASSWORD")
	if c.User == "" {
		c.User = "admin"
	}
	nodesSet := false
	fs.Visit(func(f *flag.Flag) { nodesSet = nodesSet || f.Name == "nodes" })
	switch {
	case c.Spawn == (*urls != ""):
		return errors.New("give either -spawn or -url")
	case c.Nodes < 1 || c.Nodes > maxNodes:
		return fmt.Errorf("-nodes must be between 1 and %d", maxNodes)
	case c.Spawn && c.Nodes > 1 && (os.Getenv("DATABASE_URL") == "" || os.Getenv("REDIS_URL") == ""):
		return fmt.Errorf("-nodes %d: several nodes need Postgres and Redis to share the contest: set DATABASE_URL and REDIS_URL", c.Nodes)
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
	case c.Round != roundQuiz && c.Round != roundElimination && c.Round != roundBuzzer:
		return fmt.Errorf("-round %q: want quiz, elimination or buzzer", c.Round)
	case c.Shuffle && c.Round == roundBuzzer:
		return errors.New("-shuffle: a buzzer round is answered aloud, its options are never shuffled")
	case c.Steal < 0 || c.Steal > 60:
		return errors.New("-steal must be between 0 and 60 seconds")
	case c.Round == roundBuzzer && (c.PressLead < 0 || c.PressLead+pressWindow > c.TimeLimit-time.Second):
		return fmt.Errorf("-press-lead: the presses must come at least a second before the %d s limit", *limit)
	case c.Round == roundBuzzer && c.Steal > 0 && c.PressLead+pressWindow > time.Duration(c.Steal)*time.Second-time.Second:
		return fmt.Errorf("-steal %d: the steal's presses must come at least a second before it closes, -press-lead after it opens", c.Steal)
	case !c.Spawn && c.Password == "":
		return errors.New("-url needs HOITHI_LOADGEN_PASSWORD (and HOITHI_LOADGEN_USER unless it is admin)")
	}
	if c.Spawn {
		return nil
	}
	if c.URLs, err = parseURLs(*urls); err != nil {
		return err
	}
	if nodesSet && c.Nodes != len(c.URLs) {
		return fmt.Errorf("-nodes %d with %d addresses in -url", c.Nodes, len(c.URLs))
	}
	c.Nodes = len(c.URLs)
	if c.Nodes > maxNodes {
		return fmt.Errorf("-url: at most %d servers", maxNodes)
	}
	return nil
}

// maxNodes bounds -nodes: every node is a whole server on this machine.
const maxNodes = 16

// parseURLs reads the comma-separated server addresses of -url.
func parseURLs(list string) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(list, ",") {
		raw = strings.TrimSpace(raw)
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("-url %q: want http://host:port, or several separated by commas", raw)
		}
		raw = strings.TrimRight(raw, "/")
		if slices.Contains(out, raw) {
			return nil, fmt.Errorf("-url: %s is given twice", raw)
		}
		out = append(out, raw)
	}
	return out, nil
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
	rep := &Report{Round: m.Config.Round, Shuffled: m.Config.Shuffle, Nodes: m.Config.Nodes, Players: m.Config.Players, Questions: m.Config.Questions, AnswersPersisted: -1,
		ServerRSSMB: -1, ServerCPUS: -1, LoadgenCPUS: -1}
	if rep.Round == roundQuiz {
		rep.Round = "" // a quiz run's report is what it always was
	}
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
	if rep.Failed() && m.cluster != nil {
		fmt.Fprintln(m.stderr, m.cluster.LogTails(20))
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

	bases, password, dbPath := cfg.URLs, cfg.Password, os.Getenv("DATABASE_URL")
	if cfg.Spawn {
		if password == "" {
			password = randomPassword()
		}
		c, err := m.spawn(ctx, r, password)
		if err != nil {
			return err
		}
		bases = nil
		hs := make([]health, len(c.servers))
		for i, s := range c.servers {
			bases = append(bases, s.URL)
			hs[i] = health{Status: "ok", Mode: s.Mode, Instance: s.Instance}
		}
		if rep.Mode, err = sameContest(bases, hs); err != nil {
			return err
		}
		r.serverCPU = c.CPUSeconds
		if dbPath == "" {
			dbPath = filepath.Join(c.servers[0].Dir, "hoithi.db")
		}
	} else {
		hs := make([]health, len(bases))
		for i, base := range bases {
			if hs[i], err = healthOf(ctx, base); err != nil {
				return err
			}
			r.logf("server %s is up (%s, instance %s)", base, hs[i].Mode, hs[i].Instance)
		}
		if rep.Mode, err = sameContest(bases, hs); err != nil {
			return err
		}
	}
	wsBases := make([]string, len(bases))
	for i, base := range bases {
		wsBases[i] = "ws" + strings.TrimPrefix(base, "http")
	}

	r.org = newOrganiser(bases)
	if err := r.org.login(ctx, cfg.User, password); err != nil {
		if cfg.Spawn && os.Getenv("DATABASE_URL") != "" {
			err = fmt.Errorf("%w (this database already has users, so the server kept their passwords: "+
				"set HOITHI_LOADGEN_USER and HOITHI_LOADGEN_PASSWORD)", err)
		}
		return err
	}
	contestID, pin, err := r.org.makeContest(ctx, cfg.Questions, cfg.TimeLimit, cfg.AutoClose, r.questionKind, contestRound(cfg))
	if err != nil {
		return err
	}
	r.contestID = contestID
	r.logf("contest %s (PIN %s): one %s round of %d questions of %d s", contestID, pin, cfg.Round, cfg.Questions, int(cfg.TimeLimit.Seconds()))
	hostCtx, stopHost := context.WithCancel(ctx)
	defer stopHost()
	for i := range bases {
		name := "host"
		if len(bases) > 1 {
			name = fmt.Sprintf("host socket on node %d", i)
		}
		// Its own node first, then the others: where a control panel reconnects to.
		var dial []func(context.Context) (*livetest.Client, livetest.Frame, error)
		for j := range bases {
			k := (i + j) % len(bases)
			dial = append(dial, hostDialer(wsBases[k], contestID, r.org.hostHeader(bases[k])))
		}
		h, err := dialHost(ctx, dial, r.problems, name, r.logf)
		if err != nil {
			return fmt.Errorf("%s: %w", bases[i], err)
		}
		r.hosts = append(r.hosts, h)
		go h.follow(hostCtx)
	}
	r.host = r.hosts[0]
	r.version, _ = r.host.state()

	r.plan = makePlan(planFor(cfg, planParams{Seed: cfg.Seed, Players: cfg.Players, Questions: cfg.Questions, Options: len(options),
		ThinkMin: cfg.ThinkMin, ThinkMax: cfg.ThinkMax, SkipFrac: cfg.SkipFrac, WrongFrac: cfg.WrongFrac, DropFrac: cfg.DropFrac,
		BackMin: 100 * time.Millisecond, BackMax: 500 * time.Millisecond, CorrectFor: correctOption}))
	playURLs := make([]string, len(wsBases))
	for i, ws := range wsBases {
		playURLs[i] = ws + "/ws/play"
	}
	if r.dialer, err = newPhoneDialer(playURLs, cfg.DialConcurrency); err != nil {
		return err
	}

	var rssBase float64
	if m.cluster != nil {
		rssBase = m.cluster.SampleRSS()
		rssCtx, stopRSS := context.WithCancel(ctx)
		defer stopRSS()
		go m.cluster.watchRSS(rssCtx)
	}
	joinStart := r.clock()
	r.phones = r.join(ctx, pin)
	rep.Joined = len(r.phones)
	rep.JoinS = round1(time.Since(joinStart.at).Seconds())
	r.logf("%d of %d phones joined in %s", len(r.phones), cfg.Players, r.since(joinStart))
	if m.cluster != nil {
		rss := m.cluster.SampleRSS()
		rep.ServerKBPerPhone = round1((rss - rssBase) * 1024 / float64(max(1, len(r.phones))))
		what := "server resident size"
		if n := len(m.cluster.servers); n > 1 {
			what = fmt.Sprintf("resident size of the %d servers together", n)
		}
		r.logf("%s %.0f MB (%.0f MB before the phones joined)", what, rss, rssBase)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(r.phones) == 0 {
		return errors.New("no phone could join")
	}

	r.barriers = make([]*barriers, cfg.Questions)
	for q := range r.barriers {
		r.barriers[q] = newBarriers(cfg.Players, len(r.phones))
	}
	r.final = newBarriers(cfg.Players, len(r.phones))
	play := r.prepareRound()
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
	sleep(ctx, cfg.Pause)
	for q := range cfg.Questions {
		if err := play(ctx, q); err != nil {
			return err
		}
		if m.cluster != nil {
			m.cluster.SampleRSS()
		}
	}
	quiet()
	finishAt := r.clock()
	if err := r.command(ctx, "next"); err != nil {
		return err
	}
	r.awaitMe(ctx, r.final, finishAt.at, "the finish")
	r.logf("finished: final standings to every rank %s; load average %s", r.since(finishAt), loadAverage())
	end := r.clock()
	rep.LoadgenCPUS = round1(end.self - played.self)
	if m.cluster != nil {
		m.cluster.SampleRSS()
		rep.ServerCPUS = round1(end.server - played.server)
	}
	for _, h := range r.hosts {
		if !h.await(ctx, 10*time.Second, func() bool { return h.finalTop != nil }) {
			r.problems.add(fmt.Sprintf("%s: no final standings", h.name))
		}
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
		problems = append(problems, checkReveal(q, rv, distribution(r.questionKind(q), acked[q], r.correct(q)), len(acked[q]), unacked[q])...)
	}

	problems = append(problems, r.checkItems()...)
	problems = append(problems, r.checkRound(rep, results)...)
	problems = append(problems, checkHosts(r.hosts, m.Config.Questions)...)

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
	if m.cluster != nil {
		rep.ServerRSSMB = round1(m.cluster.MaxRSS())
	}
	if !r.lostCounted {
		// The run stopped before the database could be read: what was never acked is all
		// that is known to be lost.
		rep.Lost = rep.AnswersSent - rep.AnswersAcked
	}
}

// spawn builds (unless -bin) and starts the servers of loadgen's own: -nodes of them, each
// with its own port and data directory, all healthy.
func (m *Main) spawn(ctx context.Context, r *run, password string) (*cluster, error) {
	dir, err := os.MkdirTemp("", "hoithi-loadgen-")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	m.dir = dir
	bin := m.Config.Bin
	if bin == "" {
		r.logf("building ./cmd/hoithi")
		if bin, err = buildServer(ctx, dir); err != nil {
			return nil, err
		}
	}
	c := &cluster{servers: make([]*server, m.Config.Nodes)}
	m.cluster = c
	// The first server migrates the database and creates the admin; the others start once it
	// is healthy, so they find both done.
	errs := make([]error, len(c.servers))
	start := func(i int) {
		c.servers[i], errs[i] = startServer(ctx, bin, filepath.Join(dir, fmt.Sprintf("node%d", i)), password)
	}
	start(0)
	var wg sync.WaitGroup
	for i := 1; i < len(c.servers) && errs[0] == nil; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start(i)
		}()
	}
	wg.Wait()
	// Only the servers that started are stopped by Close.
	c.servers = slices.DeleteFunc(c.servers, func(s *server) bool { return s == nil })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, s := range c.servers {
		r.logf("node %d: server %s is up (%s, instance %s), pid %d, data in %s", i, s.URL, s.Mode, s.Instance,
			s.cmd.Process.Pid, s.Dir)
	}
	return c, nil
}

// healthOf asks a running server whether it is healthy, in which mode it runs and what it is
// called.
func healthOf(ctx context.Context, base string) (health, error) {
	var h health
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
	if err != nil {
		return h, fmt.Errorf("health check of %s: %w", base, err)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return h, fmt.Errorf("health check of %s: %w", base, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != http.StatusOK {
		return h, fmt.Errorf("health check of %s: HTTP %d %s", base, resp.StatusCode, h.Status)
	}
	return h, nil
}

// sameContest checks that the healthy servers at bases can share one contest, and returns
// their mode: one server may be anything, several must all be in production mode (Postgres
// and Redis) and be different instances.
func sameContest(bases []string, hs []health) (string, error) {
	if len(hs) == 1 {
		return hs[0].Mode, nil
	}
	seen := map[string]string{}
	for i, h := range hs {
		if h.Mode != "production" {
			return "", fmt.Errorf("%s runs in %s mode: several nodes share a contest only with Postgres and Redis", bases[i], h.Mode)
		}
		if h.Instance == "" {
			return "", fmt.Errorf("%s does not name its instance in /healthz", bases[i])
		}
		if other, ok := seen[h.Instance]; ok {
			return "", fmt.Errorf("%s and %s are the same instance %s", other, bases[i], h.Instance)
		}
		seen[h.Instance] = bases[i]
	}
	return hs[0].Mode, nil
}

// Close stops the spawned servers and removes their directory unless -keep.
func (m *Main) Close() {
	c, dir := m.cluster, m.dir
	m.cluster, m.dir = nil, ""
	if c != nil {
		c.Stop()
	}
	if dir == "" {
		return
	}
	if m.Config.Keep {
		fmt.Fprintf(m.stderr, "kept the servers' data and logs in %s\n", dir)
		return
	}
	_ = os.RemoveAll(dir)
}
