package realtime

import (
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// stuckSocket is a phone that stopped reading: every write blocks until released.
type stuckSocket struct {
	release  chan struct{}
	mu       sync.Mutex
	writes   int
	controls []int
}

func (s *stuckSocket) ReadMessage() (int, []byte, error) { <-s.release; return 0, nil, io.EOF }
func (s *stuckSocket) WriteMessage(int, []byte) error {
	<-s.release
	s.mu.Lock()
	s.writes++
	s.mu.Unlock()
	return nil
}
func (s *stuckSocket) WriteControl(t int, data []byte, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(data) >= 2 {
		s.controls = append(s.controls, int(data[0])<<8|int(data[1]))
	}
	return nil
}
func (s *stuckSocket) SetReadLimit(int64)                {}
func (s *stuckSocket) SetReadDeadline(time.Time) error   { return nil }
func (s *stuckSocket) SetWriteDeadline(time.Time) error  { return nil }
func (s *stuckSocket) SetPongHandler(func(string) error) {}
func (s *stuckSocket) Close() error                      { return nil }

// TestASlowPhoneIsDroppedNotWaitedFor: broadcasting to a phone that does not read never
// blocks the sender; once its queue is full the phone is closed with 4003 and resumes later.
func TestASlowPhoneIsDroppedNotWaitedFor(t *testing.T) {
	sock := &stuckSocket{release: make(chan struct{})}
	c := newConn(sock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for range 10 * sendQueueLen {
			c.send(outFrame{data: []byte(`{"t":"progress"}`)})
		}
	}()
	select {
	case <-sent:
	case <-time.After(10 * time.Second):
		t.Fatal("sending to a phone that does not read blocked the sender")
	}
	select {
	case <-c.done:
	default:
		t.Fatal("a phone whose queue overflowed was not dropped")
	}
	close(sock.release)
	c.wait()
	sock.mu.Lock()
	defer sock.mu.Unlock()
	if len(sock.controls) == 0 || sock.controls[len(sock.controls)-1] != CloseTooSlow {
		t.Fatalf("close frames sent: %v, want %d last", sock.controls, CloseTooSlow)
	}
	if sock.writes > sendQueueLen+1 {
		t.Fatalf("the writer went on writing %d frames after the drop", sock.writes)
	}
}

// answeringSocket is a phone so quick that its answer is handled while the question's frame
// is still being written: WriteMessage calls onWrite before returning, and fails if told to.
type answeringSocket struct {
	stuckSocket
	onWrite func()
	fail    bool
	written chan struct{}
}

func (s *answeringSocket) WriteMessage(int, []byte) error {
	defer close(s.written)
	s.onWrite()
	if s.fail {
		return io.ErrClosedPipe
	}
	return nil
}

// TestAnAnswerIsTimedFromTheQuestionsWrite: an answer handled before the writer goroutine has
// returned from writing the question is timed from that write, never from the opening; a write
// that fails leaves the phone to be timed from when the question does reach it.
func TestAnAnswerIsTimedFromTheQuestionsWrite(t *testing.T) {
	for _, fail := range []bool{false, true} {
		g := &Game{deliveredItem: "item-1", deliveredAt: map[string]time.Time{}}
		sock := &answeringSocket{stuckSocket: stuckSocket{release: make(chan struct{})}, fail: fail, written: make(chan struct{})}
		close(sock.release)
		var seenDuringWrite bool
		sock.onWrite = func() { _, seenDuringWrite = g.deliveredTime("p1", "item-1") }
		c := newConn(sock, slog.New(slog.NewTextHandler(io.Discard, nil)))
		c.ident.Store(&identity{game: g, participantID: "p1"})
		c.send(outFrame{data: []byte(`{"t":"item"}`), itemID: "item-1"})
		<-sock.written
		c.shut(1000)
		c.wait()
		if !seenDuringWrite {
			t.Fatalf("write fails=%v: the question's delivery was not known while it was being written", fail)
		}
		if _, after := g.deliveredTime("p1", "item-1"); after == fail {
			t.Fatalf("write fails=%v: after the write, delivery recorded=%v", fail, after)
		}
	}
}

// recordingSocket writes at once and remembers what was written, in order.
type recordingSocket struct {
	stuckSocket
	frames []string
	pings  int
}

func (s *recordingSocket) WriteMessage(_ int, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frames = append(s.frames, string(data))
	return nil
}

func (s *recordingSocket) WriteControl(t int, data []byte, d time.Time) error {
	if t == websocket.PingMessage {
		s.mu.Lock()
		s.pings++
		s.mu.Unlock()
		return nil
	}
	return s.stuckSocket.WriteControl(t, data, d)
}

// TestAnIdlePhoneHoldsNoWriterAndIsStillPinged: between bursts a connection has no writer
// goroutine; every burst arrives complete and in order, and pings keep going while it is idle.
func TestAnIdlePhoneHoldsNoWriterAndIsStillPinged(t *testing.T) {
	defer func(d time.Duration) { pingEvery = d }(pingEvery)
	pingEvery = 20 * time.Millisecond
	sock := &recordingSocket{stuckSocket: stuckSocket{release: make(chan struct{})}}
	c := newConn(sock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var want []string
	for burst := range 3 {
		for i := range 5 {
			f := fmt.Sprintf(`{"t":"progress","n":%d}`, burst*5+i)
			want = append(want, f)
			c.send(outFrame{data: []byte(f)})
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			c.qmu.Lock()
			idle := !c.writing
			c.qmu.Unlock()
			if idle {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the writer never went away after its queue emptied")
			}
			time.Sleep(time.Millisecond)
		}
	}
	pinged := func() int {
		sock.mu.Lock()
		defer sock.mu.Unlock()
		return sock.pings
	}
	for deadline := time.Now().Add(5 * time.Second); pinged() < 3; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d pings written to an idle connection in 5 s at one per 20 ms", pinged())
		}
	}
	c.shut(1000)
	c.wait()
	sock.mu.Lock()
	defer sock.mu.Unlock()
	if !slices.Equal(sock.frames, want) {
		t.Fatalf("frames written %v, want %v", sock.frames, want)
	}
	if len(sock.controls) != 1 || sock.controls[0] != 1000 {
		t.Fatalf("close frames %v, want one with 1000", sock.controls)
	}
}

// BenchmarkPingingTenThousandIdlePhones is the cost of the server's pings at 10,000 phones:
// each of them silent (pinged at every check) or pinging by itself (only checked). One op
// is one check of one phone, written to its socket when due; at one check every pingEvery,
// 10,000 phones cost 10,000/3 s × ns/op of CPU a second.
func BenchmarkPingingTenThousandIdlePhones(b *testing.B) {
	for _, tc := range []struct {
		name  string
		heard bool
	}{{"silent phones", false}, {"phones that ping", true}} {
		b.Run(tc.name, func(b *testing.B) {
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			socks := make([]*recordingSocket, 10000)
			conns := make([]*Conn, len(socks))
			for i := range conns {
				socks[i] = &recordingSocket{stuckSocket: stuckSocket{release: make(chan struct{})}}
				conns[i] = newConn(socks[i], log)
				conns[i].pinger.Stop()
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				c := conns[i%len(conns)]
				c.heard.Store(tc.heard)
				c.ping()
			}
			for _, c := range conns {
				for {
					c.qmu.Lock()
					idle := !c.writing
					c.qmu.Unlock()
					if idle {
						break
					}
					runtime.Gosched()
				}
			}
			b.StopTimer()
			for _, c := range conns {
				c.shut(1000)
				c.wait()
			}
		})
	}
}
