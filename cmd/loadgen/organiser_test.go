package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestACommandGoesToTheNextServerWhenOneCannotBeReached: as a load balancer would, the
// organiser sends a command to the next server when one is gone, but never sends again a
// command a server answered, even with a refusal.
func TestACommandGoesToTheNextServerWhenOneCannotBeReached(t *testing.T) {
	var got atomic.Int32
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		if r.URL.Path == "/api/contests/refused/commands" {
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"error":{"code":"conflict","message":"Màn hình điều khiển chưa cập nhật."}}`))
			return
		}
		_, _ = w.Write([]byte(`{"version":8}`))
	}))
	defer live.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close() // connection refused from now on

	o := newOrganiser([]string{dead.URL, live.URL})
	for i := range 3 { // whichever server's turn it is
		v, err := o.command(t.Context(), "c1", "next", 7, nil)
		if err != nil || v != 8 {
			t.Fatalf("command %d: version %d, %v", i, v, err)
		}
	}
	got.Store(0)
	if _, err := o.command(t.Context(), "refused", "next", 7, nil); err == nil {
		t.Fatal("a refused command succeeded")
	}
	if n := got.Load(); n != 1 {
		t.Fatalf("a refused command was sent %d times", n)
	}
}

// TestAHostSocketReconnectsAndCatchesUpFromTheSnapshot: a host socket that the server drops
// (too slow, or its node gone) reconnects, and the new snapshot brings it up to date.
func TestAHostSocketReconnectsAndCatchesUpFromTheSnapshot(t *testing.T) {
	var conns atomic.Int32
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		n := conns.Add(1)
		st := wire.HostState{T: wire.THostState, Seq: int64(n), Phase: "lobby", Version: int64(n), Participants: []wire.Participant{},
			Rounds: []wire.Round{}}
		if n > 1 {
			st.Phase = "item_open"
			st.Item = &wire.Item{T: wire.TItem, ItemID: "i1", Index: 0, ClosesAt: 5000, Options: []string{}}
		}
		data, _ := json.Marshal(st)
		_ = c.WriteMessage(websocket.TextMessage, data)
		if n == 1 {
			return // dropped at once
		}
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	ws := "ws" + srv.URL[len("http"):]
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	problems := &problemLog{}
	h, err := dialHost(ctx, []func(context.Context) (*livetest.Client, livetest.Frame, error){hostDialer(ws, "c1", nil)}, problems, "host", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	go h.follow(ctx)
	if !h.await(ctx, 20*time.Second, func() bool { return h.itemIdx == 0 && h.version == 2 }) {
		t.Fatalf("the host socket did not catch up after it was dropped: %v", h.endedWhy())
	}
}
