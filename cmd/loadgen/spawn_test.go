package main

import (
	"slices"
	"testing"
)

func TestParseVmRSS(t *testing.T) {
	status := "Name:\thoithi\nVmPeak:\t 1300000 kB\nVmRSS:\t   51200 kB\nThreads:\t8\n"
	if got := parseVmRSS([]byte(status)); got != 50 {
		t.Fatalf("VmRSS 51200 kB read as %v MB, want 50", got)
	}
	if got := parseVmRSS([]byte("Name:\tx\n")); got != 0 {
		t.Fatalf("no VmRSS read as %v", got)
	}
}

func TestServerEnvPassesTheDatabaseThroughAndSetsItsOwn(t *testing.T) {
	env := serverEnv([]string{"PATH=/bin", "DATABASE_URL=postgres://x", "REDIS_URL=redis://y",
		"HOITHI_DATA_DIR=/elsewhere", "HOITHI_ADDR=:8080", "HOITHI_LOG_LEVEL=warn"},
		map[string]string{"HOITHI_DATA_DIR": "/tmp/d", "HOITHI_ADMIN_PASSWORD": "p"})
	slices.Sort(env)
	want := []string{"DATABASE_URL=postgres://x", "HOITHI_ADMIN_PASSWORD=p", "HOITHI_DATA_DIR=/tmp/d",
		"HOITHI_LOG_LEVEL=warn", "PATH=/bin", "REDIS_URL=redis://y"}
	if !slices.Equal(env, want) {
		t.Fatalf("got %q, want %q", env, want)
	}
}

func TestRandomPasswordsAreSixteenCharactersAndDiffer(t *testing.T) {
	a, b := randomPassword(), randomPassword()
	if len(a) != 16 || len(b) != 16 || a == b {
		t.Fatalf("%q and %q", a, b)
	}
}

func TestParseStatCPU(t *testing.T) {
	// A command name with a space and a parenthesis, as /proc allows.
	stat := "1234 (hoi thi) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 50 0 0 20 0 9 0 100 0 0\n"
	if got := parseStatCPU([]byte(stat)); got != 3 {
		t.Fatalf("utime 250 + stime 50 ticks read as %v s, want 3", got)
	}
	if got := parseStatCPU([]byte("garbage")); got != 0 {
		t.Fatalf("garbage read as %v", got)
	}
}
