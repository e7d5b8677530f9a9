package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a hoithi server loadgen started itself.
type server struct {
	URL      string
	Dir      string // data directory; also holds the log
	Password string
	Mode     string // from /healthz: embedded or production
	Instance string // from /healthz: its name in conductor leases
	cmd      *exec.Cmd
	exited   chan struct{}
	logPath  string
}

// buildServer compiles cmd/hoithi into dir and returns the binary's path.
func buildServer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "hoithi")
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/hoithi")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/hoithi: %w\n%s", err, out)
	}
	return bin, nil
}

// moduleRoot finds the directory of the hoithi module loadgen is run from.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run loadgen inside the hoithi module, or give -bin")
	}
	return filepath.Dir(mod), nil
}

// startServer runs `bin serve` on a free loopback port with its data in dir and waits until
// /healthz answers.
func startServer(ctx context.Context, bin, dir, password string) (*server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Dir: dir, Password: password,
		exited: make(chan struct{}), logPath: filepath.Join(dir, "server.log")}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(bin, "serve", "-addr", fmt.Sprintf("127.0.0.1:%d", port))
	// Thousands of phones joining from eight loopback addresses within seconds are a load
	// test, not a hall: the join limits are off.
	cmd.Env = serverEnv(os.Environ(), map[string]string{"HOITHI_DATA_DIR": dir, "HOITHI_ADMIN_PASSWORD": password,
		"HOITHI_PUBLIC_URL": s.URL, "HOITHI_LIMIT_JOINS_PER_ADDRESS": "0", "HOITHI_LIMIT_JOINS_PER_CONTEST": "0"})
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group, so a Ctrl+C reaches loadgen alone and loadgen stops the server in
	// order; killed with loadgen if loadgen itself is killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s.cmd = cmd
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	if err := s.waitHealthy(ctx); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%s: %w\n%s", s.URL, err, s.LogTail(30))
	}
	return s, nil
}

// serverEnv is loadgen's environment for the server, with set replacing what it names.
// DATABASE_URL and REDIS_URL pass through, so the server runs in whatever mode they choose.
func serverEnv(environ []string, set map[string]string) []string {
	out := make([]string, 0, len(environ)+len(set))
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; !ok && k != "HOITHI_ADDR" {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitHealthy polls /healthz until it answers 200, the server exits, or a minute passes, and
// keeps the mode and instance it reports.
func (s *server) waitHealthy(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/healthz", nil)
		if resp, err := client.Do(req); err == nil {
			var h health
			err := json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && err == nil {
				s.Mode, s.Instance = h.Mode, h.Instance
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("the server exited before it was healthy (%s)", s.cmd.ProcessState)
		case <-ctx.Done():
			return fmt.Errorf("the server was not healthy in time: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// health is the answer of GET /healthz.
type health struct {
	Status   string `json:"status"`
	Mode     string `json:"mode"`
	Instance string `json:"instance"`
}

// Stop asks the server to shut down (it closes every socket with 1001) and kills it if it
// has not stopped within ten seconds.
func (s *server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// LogTail returns the last n lines the server logged. The banner it prints on start, which
// holds the admin password, is left out.
func (s *server) LogTail(n int) string {
	data, err := os.ReadFile(s.logPath)
	if err != nil {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, "level=") || strings.HasPrefix(l, "{") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// cluster is the servers loadgen started: one, or -nodes of them sharing a database and
// Redis. Its resident size and CPU time are those of all its servers together.
type cluster struct {
	servers []*server

	rssMu  sync.Mutex
	rssMax float64
}

// SampleRSS reads the servers' resident sizes now and returns their sum in MB, remembering
// the largest sum seen. A server whose size cannot be read counts 0.
func (c *cluster) SampleRSS() float64 {
	mb := 0.0
	for _, s := range c.servers {
		mb += readRSS(s.cmd.Process.Pid)
	}
	c.rssMu.Lock()
	c.rssMax = max(c.rssMax, mb)
	c.rssMu.Unlock()
	return mb
}

// MaxRSS returns the largest summed resident size sampled, in MB.
func (c *cluster) MaxRSS() float64 {
	c.rssMu.Lock()
	defer c.rssMu.Unlock()
	return c.rssMax
}

// watchRSS samples the resident sizes every half second until ctx ends.
func (c *cluster) watchRSS(ctx context.Context) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.SampleRSS()
		}
	}
}

// CPUSeconds returns the CPU time the servers have used so far, together.
func (c *cluster) CPUSeconds() float64 {
	sum := 0.0
	for _, s := range c.servers {
		sum += s.CPUSeconds()
	}
	return sum
}

// Stop stops every server, all at once.
func (c *cluster) Stop() {
	var wg sync.WaitGroup
	for _, s := range c.servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Stop()
		}()
	}
	wg.Wait()
}

// LogTails returns the last n lines each server logged, under its address.
func (c *cluster) LogTails(n int) string {
	var b strings.Builder
	for i, s := range c.servers {
		fmt.Fprintf(&b, "--- last lines of the log of node %d, %s (%s)\n%s\n", i, s.URL, s.logPath, s.LogTail(n))
	}
	b.WriteString("---")
	return b.String()
}

// readRSS returns VmRSS of a process in MB, from /proc.
func readRSS(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	return parseVmRSS(data)
}

func parseVmRSS(status []byte) float64 {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, err := strconv.ParseFloat(f[0], 64)
				if err == nil {
					return kb / 1024
				}
			}
		}
	}
	return 0
}

// clockTicks is the unit of the CPU times in /proc/<pid>/stat (USER_HZ, 100 on Linux).
const clockTicks = 100

// CPUSeconds returns the CPU time the server has used so far, user and system.
func (s *server) CPUSeconds() float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	return parseStatCPU(data)
}

// parseStatCPU reads utime and stime from a /proc/<pid>/stat line, in seconds. The command
// name in parentheses may hold spaces, so fields are counted from its closing parenthesis.
func parseStatCPU(stat []byte) float64 {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(stat[i+1:]))
	// After the name: state is field 3 of the line, utime 14 and stime 15.
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseFloat(f[11], 64)
	stime, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return (utime + stime) / clockTicks
}

// selfCPUSeconds returns the CPU time loadgen itself has used so far.
func selfCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// loadAverage returns the first field of /proc/loadavg: how busy the machine is with
// everything, loadgen and the server included.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// randomPassword makes the admin password of a spawned server.
func randomPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// raiseNoFile lifts the open-file limit to need, or as high as the hard limit allows, and
// returns the soft limit in force.
func raiseNoFile(need uint64) (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, fmt.Errorf("read the open-file limit: %w", err)
	}
	if lim.Cur >= need {
		return lim.Cur, nil
	}
	want := syscall.Rlimit{Cur: need, Max: max(lim.Max, need)}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err == nil {
		return need, nil
	}
	// Only root may raise the hard limit; up to it is the best left.
	want = syscall.Rlimit{Cur: lim.Max, Max: lim.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
		return lim.Cur, fmt.Errorf("raise the open-file limit to %d: %w", lim.Max, err)
	}
	return lim.Max, nil
}
