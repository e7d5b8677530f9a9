package realtime

import (
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// frozenSocket is a phone whose network froze after it sent one ping: reads and writes block
// until the socket is closed.
type frozenSocket struct {
	once   sync.Once
	pinged bool
	closed chan struct{}
}

func (s *frozenSocket) ReadMessage() (int, []byte, error) {
	if !s.pinged {
		s.pinged = true
		return 1, []byte(`{"t":"ping","client_time":1}`), nil
	}
	<-s.closed
	return 0, nil, io.EOF
}
func (s *frozenSocket) WriteMessage(int, []byte) error            { <-s.closed; return io.ErrClosedPipe }
func (s *frozenSocket) WriteControl(int, []byte, time.Time) error { return nil }
func (s *frozenSocket) SetReadLimit(int64)                        {}
func (s *frozenSocket) SetReadDeadline(time.Time) error           { return nil }
func (s *frozenSocket) SetWriteDeadline(time.Time) error          { return nil }
func (s *frozenSocket) SetPongHandler(func(string) error)         {}
func (s *frozenSocket) Close() error                              { s.once.Do(func() { close(s.closed) }); return nil }

// TestCloseCutsASocketThatCannotFinishItsClose: a phone that never joined and whose network
// froze mid-write does not hold up the shutdown; a socket that arrives during it is turned away.
func TestCloseCutsASocketThatCannotFinishItsClose(t *testing.T) {
	e := NewEngine(Config{Live: NewMemoryStore(), Broker: &MemoryBroker{}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.Start()
	sock := &frozenSocket{closed: make(chan struct{})}
	served := make(chan struct{})
	go func() {
		defer close(served)
		e.ServePhone(sock, "127.0.0.1")
	}()
	for {
		e.connsMu.Lock()
		n := len(e.conns)
		e.connsMu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		e.Close()
	}()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for a frozen socket")
	}
	if took := time.Since(start); took > closeWait+3*time.Second {
		t.Errorf("Close took %v", took)
	}
	select {
	case <-sock.closed:
	default:
		t.Error("the frozen socket was not cut")
	}
	<-served
	late := &frozenSocket{closed: make(chan struct{}), pinged: true}
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.ServePhone(late, "127.0.0.1")
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a socket that arrived after Close was served")
	}
}

// TestTheCrowdSetsThePaceOfPings: a hall is checked every 3 s (a lost phone shows within
// ~10 s); a province-size crowd more rarely, so keeping the 10,000 phones of the targets alive
// costs at most a thousand round trips a second.
func TestTheCrowdSetsThePaceOfPings(t *testing.T) {
	for _, c := range []struct {
		sockets int
		pace    time.Duration
	}{{0, 3 * time.Second}, {350, 3 * time.Second}, {1000, 3 * time.Second}, {2000, 6 * time.Second}, {10000, 10 * time.Second}, {50000, 10 * time.Second}} {
		got := paceFor(c.sockets)
		if got != c.pace {
			t.Errorf("%d sockets: every %v, want %v", c.sockets, got, c.pace)
		}
		if perSecond := float64(c.sockets) / got.Seconds(); c.sockets <= 10000 && perSecond > 1000 {
			t.Errorf("%d sockets: %.0f pings a second", c.sockets, perSecond)
		}
		if silenceFor(got) != 3*got+time.Second {
			t.Errorf("%d sockets: silent for %v before the close", c.sockets, silenceFor(got))
		}
	}
}
