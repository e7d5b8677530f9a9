package main

import (
	"math"
	"slices"
	"sync"
)

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
