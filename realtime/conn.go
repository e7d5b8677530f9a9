package realtime

import (
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
)

// Socket is the part of a websocket connection the engine uses; *websocket.Conn of
// github.com/gofiber/contrib/websocket (fasthttp/websocket underneath) satisfies it.
type Socket interface {
	ReadMessage() (int, []byte, error)
	WriteMessage(messageType int, data []byte) error
	WriteControl(messageType int, data []byte, deadline time.Time) error
	SetReadLimit(limit int64)
	SetReadDeadline(t time.Time) error
	SetWriteDeadline(t time.Time) error
	SetPongHandler(h func(string) error)
	Close() error
}

// Limits of a connection (PROTOCOL.md).
const (
	MaxFrameBytes = 4096
	sendQueueLen  = 48 // above the burst a client may send, each frame answered
	writeTimeout  = 10 * time.Second
	pingEvery     = 20 * time.Second
	readTimeout   = 60 * time.Second
	ratePerSecond = 20
	rateBurst     = 40
	floodLimit    = 100 // rate-limited frames in a row before the socket is closed
)

// Close codes of the protocol.
const (
	CloseKicked   = 4001
	CloseReplaced = 4002
	CloseTooSlow  = 4003
)

// identity is who is on the other end of a connection.
type identity struct {
	game          *Game
	participantID string // empty for a host
	joinOrder     int
}

// contestID returns the contest of the connection, or "" before it joined.
func (c *Conn) contestID() string {
	if id := c.ident.Load(); id != nil {
		return id.game.id
	}
	return ""
}

// participantID returns the contestant on a phone connection.
func (c *Conn) participantID() string {
	if id := c.ident.Load(); id != nil {
		return id.participantID
	}
	return ""
}

// outFrame is one frame queued for a connection's writer.
type outFrame struct {
	data   []byte
	itemID string // set on "item" frames: the writer records when it reached this phone
	close  int    // when non-zero, send a close frame with this code and stop
}

// Conn is one websocket: one reader (the handler goroutine) and one writer goroutine fed by a
// bounded queue. A connection whose queue is full is dropped, never waited for.
type Conn struct {
	sock    Socket
	out     chan outFrame
	done    chan struct{}
	closing sync.Once
	// closeCode is the code of the close frame the writer sends when it stops.
	closeCode atomic.Int32
	// closeQueued is set once a close was queued behind the frames already waiting.
	closeQueued atomic.Bool
	log         *slog.Logger

	// ident is set once a phone has joined or resumed, or a host has attached. The writer reads
	// it too, hence atomic.
	ident atomic.Pointer[identity]
	host  bool

	tokens    float64
	lastToken time.Time
	floods    int
	badPINs   int // wrong PINs tried; the reader alone touches it
}

func newConn(sock Socket, log *slog.Logger) *Conn {
	return &Conn{sock: sock, out: make(chan outFrame, sendQueueLen), done: make(chan struct{}), log: log,
		tokens: rateBurst, lastToken: time.Now()}
}

// send queues a frame without blocking; a full queue drops the connection (it resumes later).
func (c *Conn) send(f outFrame) {
	select {
	case <-c.done:
	case c.out <- f:
	default:
		c.shut(CloseTooSlow)
	}
}

// sendJSON marshals v and queues it.
func (c *Conn) sendJSON(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		c.log.Error("marshal frame", slog.Any("error", err))
		return
	}
	c.send(outFrame{data: data})
}

// sendError queues an error frame.
func (c *Conn) sendError(code, message string, extra ...string) {
	f := map[string]string{"t": "error", "code": code, "message": message}
	for i := 0; i+1 < len(extra); i += 2 {
		f[extra[i]] = extra[i+1]
	}
	c.sendJSON(f)
}

// closeWait is how long a closing connection waits for the peer's close frame. Reading until
// then drains what the peer had sent, so the kernel does not reset the connection and throw
// away the last frames and the close code on their way out.
const closeWait = time.Second

// shut stops the connection: the writer sends a close frame with code and returns, and the
// reader, which discards frames from now on, returns at the peer's close or after closeWait.
// Only the writer writes frames, and the handler waits for it, so nothing touches the socket
// after the handler returns.
func (c *Conn) shut(code int) {
	c.closing.Do(func() {
		c.closeCode.Store(int32(code))
		_ = c.sock.SetReadDeadline(time.Now().Add(closeWait))
		close(c.done)
	})
}

// closingDown reports whether the connection is being closed: frames from the peer are no
// longer handled.
func (c *Conn) closingDown() bool {
	select {
	case <-c.done:
		return true
	default:
		return c.closeQueued.Load()
	}
}

// closeAfter queues a close with code after the frames already queued, so a last message
// (such as "kicked") reaches the phone first.
func (c *Conn) closeAfter(code int) {
	c.closeQueued.Store(true)
	select {
	case <-c.done:
	case c.out <- outFrame{close: code}:
	default:
		c.shut(code)
	}
}

// writeLoop is the only goroutine that writes to the socket.
func (c *Conn) writeLoop() {
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	defer func() {
		_ = c.sock.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(int(c.closeCode.Load()), ""), time.Now().Add(time.Second))
	}()
	for {
		select {
		case <-c.done:
			return
		case f := <-c.out:
			if f.close != 0 {
				c.shut(f.close)
				return
			}
			now := time.Now()
			id := c.ident.Load()
			recorded := f.itemID != "" && id != nil && id.game.delivered(id.participantID, f.itemID, now)
			_ = c.sock.SetWriteDeadline(now.Add(writeTimeout))
			if err := c.sock.WriteMessage(websocket.TextMessage, f.data); err != nil {
				if recorded {
					id.game.undelivered(id.participantID, f.itemID, now)
				}
				c.shut(websocket.CloseGoingAway)
				return
			}
		case <-ping.C:
			if err := c.sock.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout)); err != nil {
				c.shut(websocket.CloseGoingAway)
				return
			}
		}
	}
}

// allow applies the token-bucket rate limit to one incoming frame.
func (c *Conn) allow(now time.Time) bool {
	c.tokens = min(rateBurst, c.tokens+now.Sub(c.lastToken).Seconds()*ratePerSecond)
	c.lastToken = now
	if c.tokens < 1 {
		c.floods++
		return false
	}
	c.tokens--
	c.floods = 0
	return true
}

// readLoop reads frames and hands each to handle until the socket fails or closes. It
// answers oversize, flooding and unreadable frames itself.
func (c *Conn) readLoop(handle func(data []byte)) {
	c.sock.SetReadLimit(MaxFrameBytes)
	_ = c.sock.SetReadDeadline(time.Now().Add(readTimeout))
	c.sock.SetPongHandler(func(string) error {
		return c.sock.SetReadDeadline(time.Now().Add(readTimeout))
	})
	for {
		_, data, err := c.sock.ReadMessage()
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				c.shut(websocket.CloseMessageTooBig)
			}
			return
		}
		if c.closingDown() {
			continue
		}
		now := time.Now()
		_ = c.sock.SetReadDeadline(now.Add(readTimeout))
		if !c.allow(now) {
			// One error per burst: answering every flooded frame would flood the writer.
			if c.floods == 1 {
				c.sendError("rate_limited", "Bạn thao tác quá nhanh, vui lòng chờ một chút.")
			}
			if c.floods == floodLimit+1 {
				// Closed after what is queued, so the phone still learns why.
				c.closeAfter(websocket.ClosePolicyViolation)
			}
			continue
		}
		handle(data)
	}
}
