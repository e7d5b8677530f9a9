package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestTheServerDoesWhatPROTOCOLmdSaysAtTheEdges checks the cases PROTOCOL.md spells out under
// "Edge cases", as a client written from it would meet them.
func TestTheServerDoesWhatPROTOCOLmdSaysAtTheEdges(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newTestServer(t, "embedded")
	org := s.login("admin")
	id, pin := org.makeContest("fixed", questions(2))

	p := s.dialPhone(ctx)
	if err := p.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 5}); err != nil {
		t.Fatal(err)
	}
	if f, err := p.Next(ctx, "pong", "error"); err != nil || f.T != "pong" {
		t.Errorf("a ping before join: got %s %v, want pong", f.Raw, err)
	}
	for name, raw := range map[string]string{"an empty object": `{}`, "a frame without t": `{"pin":"1"}`} {
		_ = p.SendRaw([]byte(raw))
		if f, err := p.Next(ctx, "error"); err != nil || f.Code() != "unknown_type" {
			t.Errorf("%s: got %s %v, want unknown_type", name, f.Raw, err)
		}
	}

	// A second window of the same contestant takes over; the first is told why and closed.
	first, _ := s.join(ctx, pin, "Phạm Văn Đức", "Chi bộ 4")
	second := s.dialPhone(ctx)
	_ = second.Send(wire.ClientFrame{T: wire.TResume, Token: first.token})
	if _, err := second.Next(ctx, "state"); err != nil {
		t.Fatal(err)
	}
	second.token = first.token
	if f, err := first.Next(ctx, "error"); err != nil || f.Code() != "replaced" {
		t.Errorf("the replaced window got %s %v, want error replaced", f.Raw, err)
	}
	<-first.Closed()
	if first.CloseCode != 4002 {
		t.Errorf("the replaced window was closed with %d, want 4002", first.CloseCode)
	}

	// A command without a version is a stale one.
	if st := org.do("POST", "/api/contests/"+id+"/commands", map[string]any{"cmd": "start"}, nil); st != http.StatusConflict {
		t.Errorf("a command without version: HTTP %d, want 409", st)
	}

	// A host socket for a contest that does not exist is refused before the upgrade.
	_, err := livetest.Dial(ctx, s.WS+"/ws/host?contest=00000000-0000-0000-0000-000000000000", org.cookieHeader())
	if err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("/ws/host for an unknown contest: %v, want HTTP 404", err)
	}

	// The first reveal comes before any score: ranks follow join order until then.
	_, v := s.host(ctx, org, id)
	v = org.mustCommand(id, "start", v)
	v = org.mustCommand(id, "next", v)
	st := decodeState(t, second.reconnect(ctx))
	if st.Me.Score != 0 || st.Me.Rank != 1 {
		t.Errorf("before the first reveal: score %d rank %d, want 0 and 1 (join order)", st.Me.Score, st.Me.Rank)
	}

	// A finished contest's PIN says the contest has ended, on the page and on the socket.
	org.mustCommand(id, "finish", v)
	var e apiErr
	if st := s.browser().do("GET", "/api/join/"+pin, nil, &e); st != http.StatusGone || e.Error.Code != "contest_finished" || e.Error.Message == "" {
		t.Errorf("the PIN of a finished contest: HTTP %d %+v, want 410 contest_finished", st, e)
	}
	late := s.dialPhone(ctx)
	_ = late.Send(wire.ClientFrame{T: wire.TJoin, PIN: pin, Name: "Hoàng Văn Em", Unit: "Chi bộ 5"})
	if f, err := late.Next(ctx, "error", "hello"); err != nil || f.Code() != "contest_finished" {
		t.Errorf("joining a finished contest: %s %v, want contest_finished", f.Raw, err)
	}
}
