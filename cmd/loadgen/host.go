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
	"hoithi/realtime/wire"
)

// reveal is what the host screen learnt at an item's reveal.
type reveal struct {
	ItemID       string
	Correct      []int
	Answered     int
	Distribution []int
}

// revealSeen keeps of a reveal what every node must agree on.
func revealSeen(rv wire.Reveal) reveal {
	return reveal{ItemID: rv.ItemID, Correct: rv.Correct, Answered: rv.Answered, Distribution: rv.Distribution}
}

// seenItem is an item as a socket was shown it: which one, and its deadline.
type seenItem struct {
	ID       string
	Index    int
	ClosesAt int64
}

// itemSeen keeps of an item which one it is and its deadline.
func itemSeen(it wire.Item) seenItem {
	return seenItem{ID: it.ItemID, Index: it.Index, ClosesAt: it.ClosesAt}
}

// topLine is one line of a standings frame, as far as every node must agree on it.
type topLine struct {
	Rank          int
	ParticipantID string
	Score         int
}

// host follows the contest on a host socket, as the control panel does: the live version
// that commands must carry, the phase, the open item's deadline, and what it was shown of
// each question, so that the host sockets of several nodes can be compared.
type host struct {
	name     string // how problems name this socket
	c        *livetest.Client
	problems *problemLog
	// dial opens a host socket again when this one ends, as the control panel does: to its
	// own node first, then to the others.
	dial []func(ctx context.Context) (*livetest.Client, livetest.Frame, error)
	logf func(format string, args ...any)

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
	survivors []wire.Survivors  // the survivors frames of an elimination round, in order
	winners   map[[2]int]string // by question and attempt, the first winner a buzz frame named
	ended     error
}

// hostDialer opens a host socket of a contest at wsBase with header (the organiser's cookie
// and origin) and waits for its snapshot.
func hostDialer(wsBase, contestID string, header http.Header) func(ctx context.Context) (*livetest.Client, livetest.Frame, error) {
	return func(ctx context.Context) (*livetest.Client, livetest.Frame, error) {
		c, err := livetest.Dial(ctx, wsBase+"/ws/host?contest="+contestID, header)
		if err != nil {
			return nil, livetest.Frame{}, fmt.Errorf("host socket: %w", err)
		}
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		f, err := c.Next(wctx, "host_state", "error")
		if err != nil {
			c.Close()
			return nil, f, fmt.Errorf("host socket: %w", err)
		} else if f.T != wire.THostState {
			c.Close()
			return nil, f, fmt.Errorf("host socket: %s", f.Raw)
		}
		return c, f, nil
	}
}

// dialHost connects a host socket with the first of dial, and keeps the others to reconnect.
func dialHost(ctx context.Context, dial []func(context.Context) (*livetest.Client, livetest.Frame, error), problems *problemLog,
	name string, logf func(string, ...any)) (*host, error) {
	c, f, err := dial[0](ctx)
	if err != nil {
		return nil, err
	}
	h := &host{name: name, c: c, problems: problems, dial: dial, logf: logf, changed: make(chan struct{}), itemIdx: -1,
		items: map[int]seenItem{}, reveals: map[int]reveal{}, standings: map[int][]topLine{}, winners: map[[2]int]string{}}
	h.apply(f)
	return h, nil
}

// endedWhy says why the host socket stopped being read, if it did.
func (h *host) endedWhy() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ended == nil {
		return ""
	}
	why := h.ended.Error()
	if len(why) > 300 {
		why = why[:300] + "…"
	}
	return " (it stopped: " + why + ")"
}

// follow reads the host socket until ctx ends. Reading all the time matters: the server drops
// a host socket that does not keep up. When the socket ends (dropped as too slow, its node
// gone), it reconnects as the control panel does, and the new snapshot brings it up to date;
// it stops only when no node takes it within redialFor.
func (h *host) follow(ctx context.Context) {
	for {
		err := h.read(ctx)
		if ctx.Err() != nil {
			return
		}
		c, f, rerr := h.redial(ctx)
		if rerr != nil {
			h.update(func() { h.ended = fmt.Errorf("%v; reconnecting: %v", err, rerr) })
			return
		}
		h.logf("%s ended (%v) and reconnected", h.name, err)
		h.update(func() {
			h.c = c
			h.apply(f)
		})
	}
}

// read reads the socket until it ends or ctx does.
func (h *host) read(ctx context.Context) error {
	defer h.c.Close()
	for {
		f, err := h.c.Next(ctx)
		if err != nil {
			return err
		}
		h.update(func() { h.apply(f) })
	}
}

// redialFor is how long a host socket tries to reconnect before it gives up.
const redialFor = 20 * time.Second

// redial tries each node in turn, pausing between rounds, until one takes a host socket.
func (h *host) redial(ctx context.Context) (*livetest.Client, livetest.Frame, error) {
	until := time.Now().Add(redialFor)
	var err error
	for pause := 100 * time.Millisecond; time.Now().Before(until); pause = min(2*pause, 2*time.Second) {
		for _, dial := range h.dial {
			var c *livetest.Client
			var f livetest.Frame
			if c, f, err = dial(ctx); err == nil {
				return c, f, nil
			}
		}
		select {
		case <-ctx.Done():
			return nil, livetest.Frame{}, ctx.Err()
		case <-time.After(pause):
		}
	}
	return nil, livetest.Frame{}, err
}

// apply takes in one host frame. Callers hold mu, or own h alone.
func (h *host) apply(f livetest.Frame) {
	if f.T == wire.TReveal || f.T == wire.THostState && f.PhaseName() != "item_open" && f.PhaseName() != "item_closed" {
		h.hideKey = false
	}
	if h.hideKey && bytes.Contains(f.Raw, []byte(`"correct"`)) {
		h.problems.add(fmt.Sprintf("%s: a %q frame before the reveal holds the answer key", h.name, f.T))
	}
	if v := f.Version(); v > h.version {
		h.version = v
	}
	switch f.T {
	case wire.TPhase:
		h.phase = f.Phase().Phase
	case wire.TItem:
		h.openItem(itemSeen(f.Item()))
	case wire.TReveal:
		h.reveals[h.itemIdx] = revealSeen(f.Reveal())
	case wire.TStandings:
		h.noteStandings(f.Standings())
	case wire.TSurvivors:
		var sv wire.Survivors
		if err := f.Decode(&sv); err != nil {
			h.problems.add(fmt.Sprintf("%s: survivors frame %s: %v", h.name, f.Raw, err))
		}
		h.survivors = append(h.survivors, sv)
	case wire.TBuzz:
		var b wire.Buzz
		if err := f.Decode(&b); err != nil {
			h.problems.add(fmt.Sprintf("%s: buzz frame %s: %v", h.name, f.Raw, err))
		} else if k := [2]int{h.itemIdx, b.Attempt}; b.Winner != nil && h.winners[k] == "" && h.itemIdx >= 0 {
			h.winners[k] = b.Winner.ParticipantID
		}
	case wire.THostState:
		h.applySnapshot(f.HostState())
	case wire.TError, "undecodable":
		h.problems.add(fmt.Sprintf("%s: %s frame %s", h.name, f.T, f.Raw))
	}
}

// applySnapshot takes in a host_state: on connect, or again when the server resyncs.
func (h *host) applySnapshot(s wire.HostState) {
	h.phase = s.Phase
	if s.Item != nil && s.Item.Index != h.itemIdx {
		h.openItem(itemSeen(*s.Item))
		h.hideKey = s.Phase == "item_open" || s.Phase == "item_closed"
	}
	if s.Reveal != nil && h.itemIdx >= 0 {
		if _, ok := h.reveals[h.itemIdx]; !ok {
			h.reveals[h.itemIdx] = revealSeen(*s.Reveal)
		}
	}
	if s.Standings != nil && (s.Phase == "standings" || s.Phase == "finished") {
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
func (h *host) noteStandings(st wire.Standings) {
	top := make([]topLine, len(st.Top))
	for i, l := range st.Top {
		top[i] = topLine{Rank: l.Rank, ParticipantID: l.ParticipantID, Score: l.Score}
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

// shownWinners returns, by question and attempt, the first winner the socket was told.
func (h *host) shownWinners() map[[2]int]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.winners)
}

// shown is what a host socket was shown of the contest: per question the item, its reveal
// and the standings after it, and the final standings; in an elimination round each
// survivors frame's count and rescued, in a buzzer round each attempt's winner.
type shown struct {
	items     map[int]seenItem
	reveals   map[int]reveal
	standings map[int][]topLine
	finalTop  []topLine
	survivors [][2]int
	winners   map[[2]int]string
}

// shown returns a copy of what the socket was shown so far.
func (h *host) shown() shown {
	h.mu.Lock()
	defer h.mu.Unlock()
	sv := make([][2]int, len(h.survivors))
	for i, f := range h.survivors {
		sv[i] = [2]int{f.Count, f.Rescued}
	}
	return shown{items: maps.Clone(h.items), reveals: maps.Clone(h.reveals), standings: maps.Clone(h.standings),
		finalTop: h.finalTop, survivors: sv, winners: maps.Clone(h.winners)}
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
