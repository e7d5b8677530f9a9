package main

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	"hoithi/realtime/livetest"
)

// reveal is what the host screen learnt at an item's reveal.
type reveal struct {
	Answered     int   `json:"answered"`
	Distribution []int `json:"distribution"`
}

// host follows the contest on a host socket, as the control panel does: the live version
// that commands must carry, the phase, the open item's deadline and the reveals.
type host struct {
	c        *livetest.Client
	problems *problemLog

	mu       sync.Mutex
	changed  chan struct{}
	version  int64
	phase    string
	itemIdx  int
	closesAt int64
	hideKey  bool
	reveals  map[int]reveal
	ended    error
}

// dialHost connects the host socket of a contest and waits for its snapshot.
func dialHost(ctx context.Context, wsBase, contestID string, org *organiser, problems *problemLog) (*host, error) {
	c, err := livetest.Dial(ctx, wsBase+"/ws/host?contest="+contestID, org.hostHeader())
	if err != nil {
		return nil, fmt.Errorf("host socket: %w", err)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	f, err := c.Next(wctx, "host_state", "error")
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("host socket: %w", err)
	} else if f.T != "host_state" {
		c.Close()
		return nil, fmt.Errorf("host socket: %s", f.Raw)
	}
	return &host{c: c, problems: problems, changed: make(chan struct{}), version: f.Version, phase: f.Phase,
		itemIdx: -1, reveals: map[int]reveal{}}, nil
}

// follow reads the host socket until ctx ends or the socket closes. Reading all the time
// matters: the server drops a host socket that does not keep up.
func (h *host) follow(ctx context.Context) {
	defer h.c.Close()
	for {
		f, err := h.c.Next(ctx)
		if err != nil {
			h.update(func() { h.ended = err })
			return
		}
		h.update(func() { h.apply(f) })
	}
}

// apply takes in one host frame. Callers hold mu.
func (h *host) apply(f livetest.Frame) {
	if f.T == "reveal" {
		h.hideKey = false
	}
	if h.hideKey && bytes.Contains(f.Raw, []byte(`"correct"`)) {
		h.problems.add(fmt.Sprintf("host: a %q frame before the reveal holds the answer key", f.T))
	}
	if f.Version > h.version {
		h.version = f.Version
	}
	switch f.T {
	case "phase":
		h.phase = f.Phase
	case "item":
		var it struct {
			Index    int   `json:"index"`
			ClosesAt int64 `json:"closes_at"`
		}
		if err := f.Decode(&it); err != nil {
			h.problems.add(fmt.Sprintf("host: item: %v", err))
			return
		}
		h.itemIdx, h.closesAt, h.hideKey = it.Index, it.ClosesAt, true
	case "reveal":
		var rv reveal
		if err := f.Decode(&rv); err != nil {
			h.problems.add(fmt.Sprintf("host: reveal: %v", err))
			return
		}
		h.reveals[h.itemIdx] = rv
	case "error":
		h.problems.add(fmt.Sprintf("host: error frame %s", f.Raw))
	}
}

func (h *host) update(fn func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fn()
	close(h.changed)
	h.changed = make(chan struct{})
}

// state returns the version and phase last seen.
func (h *host) state() (int64, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.version, h.phase
}

// deadline returns when the last item the host saw closes.
func (h *host) deadline() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return time.UnixMilli(h.closesAt)
}

// revealOf returns the reveal of item idx.
func (h *host) revealOf(idx int) (reveal, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	rv, ok := h.reveals[idx]
	return rv, ok
}

// await waits until cond holds (called under mu), ctx ends, or timeout passes.
func (h *host) await(ctx context.Context, timeout time.Duration, cond func() bool) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		h.mu.Lock()
		ok, ch, ended := cond(), h.changed, h.ended
		h.mu.Unlock()
		if ok {
			return true
		} else if ended != nil {
			return false
		}
		select {
		case <-ch:
		case <-t.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}
