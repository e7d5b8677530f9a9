package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"sync"
	"time"

	"hoithi/realtime/livetest"
)

// reveal is what the host screen learnt at an item's reveal.
type reveal struct {
	ItemID       string `json:"item_id"`
	Correct      []int  `json:"correct"`
	Answered     int    `json:"answered"`
	Distribution []int  `json:"distribution"`
}

// seenItem is an item as a socket was shown it: which one, and its deadline.
type seenItem struct {
	ID       string `json:"item_id"`
	Index    int    `json:"index"`
	ClosesAt int64  `json:"closes_at"`
}

// topLine is one line of a standings frame, as far as every node must agree on it.
type topLine struct {
	Rank          int    `json:"rank"`
	ParticipantID string `json:"participant_id"`
	Score         int    `json:"score"`
}

// standingsBody is the body of a standings frame.
type standingsBody struct {
	Final bool      `json:"final"`
	Top   []topLine `json:"top"`
}

// host follows the contest on a host socket, as the control panel does: the live version
// that commands must carry, the phase, the open item's deadline, and what it was shown of
// each question, so that the host sockets of several nodes can be compared.
type host struct {
	name     string // how problems name this socket
	c        *livetest.Client
	problems *problemLog

	mu        sync.Mutex
	changed   chan struct{}
	version   int64
	phase     string
	itemIdx   int
	closesAt  int64
	hideKey   bool
	items     map[int]seenItem
	reveals   map[int]reveal
	standings map[int][]topLine // after each question
	finalTop  []topLine         // nil until the final standings
	ended     error
}

// dialHost connects a host socket of a contest, with header (the organiser's cookie and
// origin), and waits for its snapshot.
func dialHost(ctx context.Context, wsBase, contestID string, header http.Header, problems *problemLog, name string) (*host, error) {
	c, err := livetest.Dial(ctx, wsBase+"/ws/host?contest="+contestID, header)
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
	h := &host{name: name, c: c, problems: problems, changed: make(chan struct{}), itemIdx: -1,
		items: map[int]seenItem{}, reveals: map[int]reveal{}, standings: map[int][]topLine{}}
	h.apply(f)
	return h, nil
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

// apply takes in one host frame. Callers hold mu, or own h alone.
func (h *host) apply(f livetest.Frame) {
	if f.T == "reveal" || f.T == "host_state" && f.Phase != "item_open" && f.Phase != "item_closed" {
		h.hideKey = false
	}
	if h.hideKey && bytes.Contains(f.Raw, []byte(`"correct"`)) {
		h.problems.add(fmt.Sprintf("%s: a %q frame before the reveal holds the answer key", h.name, f.T))
	}
	if f.Version > h.version {
		h.version = f.Version
	}
	switch f.T {
	case "phase":
		h.phase = f.Phase
	case "item":
		var it seenItem
		if err := f.Decode(&it); err != nil {
			h.problems.add(fmt.Sprintf("%s: item: %v", h.name, err))
			return
		}
		h.openItem(it)
	case "reveal":
		var rv reveal
		if err := f.Decode(&rv); err != nil {
			h.problems.add(fmt.Sprintf("%s: reveal: %v", h.name, err))
			return
		}
		h.reveals[h.itemIdx] = rv
	case "standings":
		var st standingsBody
		if err := f.Decode(&st); err != nil {
			h.problems.add(fmt.Sprintf("%s: standings: %v", h.name, err))
			return
		}
		h.noteStandings(st)
	case "host_state":
		h.applySnapshot(f)
	case "error":
		h.problems.add(fmt.Sprintf("%s: error frame %s", h.name, f.Raw))
	}
}

// applySnapshot takes in a host_state: on connect, or again when the server resyncs.
func (h *host) applySnapshot(f livetest.Frame) {
	var s struct {
		Item      *seenItem      `json:"item"`
		Reveal    *reveal        `json:"reveal"`
		Standings *standingsBody `json:"standings"`
	}
	if err := f.Decode(&s); err != nil {
		h.problems.add(fmt.Sprintf("%s: host_state: %v", h.name, err))
		return
	}
	h.phase = f.Phase
	if s.Item != nil && s.Item.Index != h.itemIdx {
		h.openItem(*s.Item)
		h.hideKey = f.Phase == "item_open" || f.Phase == "item_closed"
	}
	if s.Reveal != nil && h.itemIdx >= 0 {
		if _, ok := h.reveals[h.itemIdx]; !ok {
			h.reveals[h.itemIdx] = *s.Reveal
		}
	}
	if s.Standings != nil && (f.Phase == "standings" || f.Phase == "finished") {
		h.noteStandings(*s.Standings)
	}
}

// openItem notes the item now open.
func (h *host) openItem(it seenItem) {
	if it.Index != h.itemIdx {
		h.items[it.Index] = it
	}
	h.itemIdx, h.closesAt, h.hideKey = it.Index, it.ClosesAt, true
}

// noteStandings keeps the standings shown after the current question, or the final ones.
func (h *host) noteStandings(st standingsBody) {
	top := st.Top
	if top == nil {
		top = []topLine{}
	}
	switch {
	case st.Final:
		h.finalTop = top
	case h.itemIdx >= 0:
		h.standings[h.itemIdx] = top
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

// shown is what a host socket was shown of the contest: per question the item, its reveal
// and the standings after it, and the final standings.
type shown struct {
	items     map[int]seenItem
	reveals   map[int]reveal
	standings map[int][]topLine
	finalTop  []topLine
}

// shown returns a copy of what the socket was shown so far.
func (h *host) shown() shown {
	h.mu.Lock()
	defer h.mu.Unlock()
	return shown{items: maps.Clone(h.items), reveals: maps.Clone(h.reveals), standings: maps.Clone(h.standings),
		finalTop: h.finalTop}
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
