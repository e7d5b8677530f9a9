package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// Targets of DESIGN.md, as the benchmark table checks them.
const (
	targetFanoutP99Ms = 150
	targetAckP99Ms    = 100
	targetStandingsMs = 500
	targetKiBPerPhone = 32 // server_kb_per_phone is in KiB, as /proc counts it
)

// writeResults turns the last JSON line of each loadgen output file into bench/RESULTS.md:
// the machine, one row per run, and each figure marked against its target.
func writeResults(w io.Writer, files []string) error {
	var rows []Report
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
		var r Report
		if err := json.Unmarshal(lines[len(lines)-1], &r); err != nil {
			return fmt.Errorf("%s: the last line is not a loadgen report: %w", f, err)
		}
		rows = append(rows, r)
	}
	mark := func(v, target float64) string {
		if v <= target {
			return fmt.Sprintf("%.0f ✓", v)
		}
		return fmt.Sprintf("**%.0f** ✗", v)
	}
	fmt.Fprintf(w, "# Benchmark results\n\nWritten by `make bench` on %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Machine: %s, %d cores, %s memory, %s. The load generator runs on the same machine and shares its cores.\n\n",
		cpuModel(), runtime.NumCPU(), memTotal(), runtime.Version())
	fmt.Fprintf(w, "Each run: one contest of 5 questions (10 s limit, speed scoring); phones answer 0.3–2.3 s after the question opens (all answers inside 2 s, as the target is put), 25%% wrong, 5%% never; 2%% drop and resume mid-question. "+
		"Targets (DESIGN.md): fan-out p99 < %d ms, ack p99 < %d ms, standings < %d ms, lost = 0, < 32 KiB server memory per phone.\n\n",
		targetFanoutP99Ms, targetAckP99Ms, targetStandingsMs)
	fmt.Fprintln(w, "| mode | phones | answers sent / acked / stored | lost | fan-out p50 | fan-out p99 (ms) | ack p99 (ms) | standings (ms) | standings right | joining (s) | server RSS (MiB) | KiB per phone | server CPU (s) | errors |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		mode := r.Mode
		if r.Nodes > 1 {
			mode = fmt.Sprintf("%s, %d nodes", r.Mode, r.Nodes)
		}
		fmt.Fprintf(w, "| %s | %d | %d / %d / %d | %d | %.0f | %s | %s | %s | %v | %.1f | %.0f | %s | %.1f | %d |\n",
			mode, r.Players, r.AnswersSent, r.AnswersAcked, r.AnswersPersisted, r.Lost, r.FanoutP50,
			mark(r.FanoutP99, targetFanoutP99Ms), mark(r.AckP99, targetAckP99Ms), mark(r.StandingsMs, targetStandingsMs),
			r.StandingsOK, r.JoinS, r.ServerRSSMB, mark(r.ServerKBPerPhone, targetKiBPerPhone), r.ServerCPUS, r.Errors)
	}
	return nil
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	var kb int64
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "MemTotal:") {
			fmt.Sscan(strings.TrimPrefix(line, "MemTotal:"), &kb)
		}
	}
	return fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
}
