package main

import (
	"math"
	"slices"
	"sync"
)

// Report is the JSON line loadgen prints last on stdout: what was sent, what came back, how
// fast, and whether every check passed.
type Report struct {
	Mode string `json:"mode"`
	// Nodes is how many servers shared the contest, the phones spread over them.
	Nodes     int `json:"nodes"`
	Players   int `json:"players"`
	Joined    int `json:"joined"`
	Questions int `json:"questions"`

	AnswersSent  int `json:"answers_sent"`
	AnswersAcked int `json:"answers_acked"`
	// AnswersPersisted is the answers of the contest in the database, -1 when loadgen cannot
	// read the database.
	AnswersPersisted int `json:"answers_persisted"`
	// Lost counts answers sent and never acked, plus answers acked and not in the database.
	Lost    int `json:"lost"`
	Resends int `json:"resends"`
	Retries int `json:"retries"`

	FanoutP50     float64 `json:"fanout_p50_ms"`
	FanoutP99     float64 `json:"fanout_p99_ms"`
	FanoutMax     float64 `json:"fanout_max_ms"`
	FanoutSamples int     `json:"fanout_samples"`
	AckP50        float64 `json:"ack_p50_ms"`
	AckP99        float64 `json:"ack_p99_ms"`
	AckMax        float64 `json:"ack_max_ms"`
	AckSamples    int     `json:"ack_samples"`
	// StandingsMs is the slowest, over the questions and the finish, of the time from the
	// standings command to the last phone holding its standings frame (with its own rank).
	StandingsMs float64 `json:"standings_ms"`
	// StandingsOK says every phone's final rank and score equal the results the server
	// computes from the database, and its score is the sum of the points in its reveal frames.
	StandingsOK bool    `json:"standings_ok"`
	JoinP99     float64 `json:"join_p99_ms"`
	JoinS       float64 `json:"join_s"`

	// ServerRSSMB is the largest resident size of the spawned servers seen, -1 when loadgen did
	// not start them. With several nodes it is the sum over the nodes, sampled together.
	ServerRSSMB float64 `json:"server_rss_mb"`
	// ServerKBPerPhone is how much that resident size grew per phone joined, in KiB (the
	// "kB" of /proc/PID/status); ServerRSSMB is in MiB likewise.
	ServerKBPerPhone float64 `json:"server_kb_per_phone"`

	// ServerCPUS and LoadgenCPUS are the CPU seconds each used while the phones played (from
	// start to finish), -1 when not measured: on one machine they share the cores, so a busy
	// loadgen slows the server. ServerCPUS is the sum over the spawned nodes.
	ServerCPUS  float64 `json:"server_cpu_s"`
	LoadgenCPUS float64 `json:"loadgen_cpu_s"`

	// Round is the kind of the contest's one round (-round); empty for a quiz.
	Round string `json:"round,omitempty"`
	// Elimination rounds: Survivors remain at the end and Rescued were brought back;
	// SurvivorsOK says every phone's result.out and survivors me.out and the host's count
	// agreed with the plan, EliminatedOK that exactly the answers of phones that were out
	// were refused as eliminated (EliminatedRefused of them).
	Survivors         *int  `json:"survivors,omitempty"`
	Rescued           *int  `json:"rescued,omitempty"`
	SurvivorsOK       *bool `json:"survivors_ok,omitempty"`
	EliminatedRefused *int  `json:"eliminated_refused,omitempty"`
	EliminatedOK      *bool `json:"eliminated_ok,omitempty"`
	// Buzzer rounds: BuzzP50… are the time from the first press sent to the buzz frame naming
	// the winner on each phone; BuzzTaken counts presses refused as too late; WinnersOK says
	// each question had one winner, the earliest press, told to every phone; BuzzScoresOK that
	// the results give each winner the question's points.
	BuzzP50     float64 `json:"buzz_p50_ms,omitempty"`
	BuzzP99     float64 `json:"buzz_p99_ms,omitempty"`
	BuzzMax     float64 `json:"buzz_max_ms,omitempty"`
	BuzzSamples int     `json:"buzz_samples,omitempty"`
	BuzzTaken   *int    `json:"buzz_taken,omitempty"`
	// BuzzSpreadMs is the longest time, over the questions, from the first press loadgen sent
	// to the last: meant to be under 50 ms, more when loadgen's own timers ran late.
	BuzzSpreadMs float64 `json:"buzz_spread_ms,omitempty"`
	WinnersOK    *bool   `json:"winners_ok,omitempty"`
	BuzzScoresOK *bool   `json:"buzz_scores_ok,omitempty"`

	Drops        int `json:"drops"`
	ServerCloses int `json:"server_closes"`
	Errors       int `json:"errors"`

	DurationS float64 `json:"duration_s"`
	Error     string  `json:"error,omitempty"`
}

// Failed reports whether the run should exit non-zero.
func (r *Report) Failed() bool {
	return r.Error != "" || r.Lost > 0 || !r.StandingsOK || r.Errors > 0 || r.Joined < r.Players ||
		notOK(r.SurvivorsOK) || notOK(r.EliminatedOK) || notOK(r.WinnersOK) || notOK(r.BuzzScoresOK)
}

// notOK reports whether a check that was made failed.
func notOK(b *bool) bool { return b != nil && !*b }

// percentile returns the p-th percentile (0–100) of xs by the nearest-rank method, or 0 for
// no samples. xs is not modified.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// round1 rounds to one decimal, which is all the precision a millisecond latency has here.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// samples collects latencies from many goroutines.
type samples struct {
	mu sync.Mutex
	xs []float64
}

func (s *samples) add(ms float64) {
	s.mu.Lock()
	s.xs = append(s.xs, ms)
	s.mu.Unlock()
}

// summary returns p50, p99, max and the count.
func (s *samples) summary() (p50, p99, maxv float64, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.xs) == 0 {
		return 0, 0, 0, 0
	}
	return round1(percentile(s.xs, 50)), round1(percentile(s.xs, 99)), round1(slices.Max(s.xs)), len(s.xs)
}
