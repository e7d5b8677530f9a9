package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/realtime/wire"
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
	ratePerSecond = 20
	rateBurst     = 40
	floodLimit    = 100 // rate-limited frames in a row before the socket is closed
)

// pingEvery is how often an open connection of a hall-sized instance is checked, and pinged if
// nothing came from it since the last check (a variable so tests can shorten it); see paceFor.
// A phone that pings by itself, as the web app does at the pace hello gives it, is pinged
// only when its own ping is late.
var pingEvery = 3 * time.Second

// paceFor is how often sockets are checked when the instance serves n of them: every
// pingEvery up to a thousand (a hall: a lost phone shows as disconnected within ~10 s), then
// more rarely as the crowd grows, to at most every 10 s, so that keeping ten thousand phones
// alive costs about a thousand round trips a second, not three thousand, while they wait for
// the next question.
func paceFor(n int) time.Duration {
	return max(pingEvery, min(pingEvery*time.Duration(max(n, 1000))/1000, 10*time.Second))
}

// silenceFor is how long a connection checked every pace may stay silent before it is closed:
// three checks without a word.
func silenceFor(pace time.Duration) time.Duration { return 3*pace + time.Second }

// Close codes of the protocol.
const (
	CloseKicked   = 4001
	CloseReplaced = 4002
	CloseTooSlow  = 4003
	// CloseJoinTimeout closes a phone socket that sent no join or resume in time.
	CloseJoinTimeout = 4004
	// CloseAccessEnded closes a host screen whose user may no longer run the contest (logged
	// out, password changed, account disabled, no longer a co-organiser).
	CloseAccessEnded = 4005
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
	ping   bool   // a websocket ping instead of data
	pooled bool   // data came from getFrameBuf and goes back once written
}

// framePool holds the buffers of per-phone frames (a shared frame with one phone's part in
// it): ten thousand of them at every reveal and standings would otherwise be garbage at once.
var framePool sync.Pool

// getFrameBuf returns an empty buffer of at least n bytes' capacity.
func getFrameBuf(n int) []byte {
	if b, ok := framePool.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]byte, 0, n)
}

func putFrameBuf(b []byte) {
	b = b[:0]
	framePool.Put(&b)
}

// Conn is one websocket: one reader (the handler goroutine) and at most one writer goroutine,
// fed by a bounded queue. The writer runs while there is something to write and exits when the
// queue is empty, so an idle phone costs no goroutine, stack or channel buffer of its own; the
// next frame starts a new one. A connection whose queue is full is dropped, never waited for.
type Conn struct {
	sock Socket

	qmu     sync.Mutex
	queue   []outFrame // frames waiting; queue[head:] are still to be written
	head    int
	writing bool // a writer goroutine owns the socket; stays set after the final close

	done    chan struct{} // closed by shut: the writer sends the close frame and stops
	stopped chan struct{} // closed once the close frame is written and no writer will run again
	closing sync.Once
	// closeCode is the code of the close frame the writer sends when it stops.
	closeCode atomic.Int32
	// closeQueued is set once a close was queued behind the frames already waiting.
	closeQueued atomic.Bool
	pinger      *time.Timer
	pingEvery   time.Duration
	// pace, when set, is the instance's current pingEvery (paceFor its sockets), in ns.
	pace  *atomic.Int64
	heard atomic.Bool // something arrived since the last ping check
	log   *slog.Logger

	// ident is set once a phone has joined or resumed, or a host has attached. The writer reads
	// it too, hence atomic.
	ident atomic.Pointer[identity]
	host  bool
	// hostSeq is, on a host screen, the seq of the last contest frame or snapshot queued to it;
	// hostSeqMu makes reading it and queuing the next frame one step, so the frames the
	// game's loop numbers itself never carry a seq below one queued before them.
	hostSeqMu sync.Mutex
	hostSeq   int64
	// allowed, on a host screen, says whether its user may still run the contest.
	allowed func(context.Context) bool

	tokens    float64
	lastToken time.Time
	floods    int
	addr      string      // the client's address, as limits count it
	joinTimer *time.Timer // closes a phone socket that has not joined in time
}

func newConn(sock Socket, log *slog.Logger) *Conn {
	c := &Conn{sock: sock, done: make(chan struct{}), stopped: make(chan struct{}), log: log,
		tokens: rateBurst, lastToken: time.Now(), pingEvery: pingEvery}
	c.pinger = time.AfterFunc(c.pingEvery, c.ping)
	return c
}

// ping queues a websocket ping, so a phone that vanished without a word is noticed (its pong
// never comes and the read deadline passes), and re-arms itself.
func (c *Conn) ping() {
	if c.isDone() {
		return
	}
	if !c.heard.Swap(false) {
		c.send(outFrame{ping: true})
	}
	c.pinger.Reset(c.every())
}

// every is how often the connection is checked and, when silent, pinged.
func (c *Conn) every() time.Duration {
	if c.pace != nil {
		if d := time.Duration(c.pace.Load()); d > 0 {
			return d
		}
	}
	return c.pingEvery
}

// silence is how long the connection may stay silent before it is closed.
func (c *Conn) silence() time.Duration { return silenceFor(c.every()) }

// awaitIdentity closes the connection if it has not joined or resumed within d: an open
// socket that never says who it is only holds memory and a slot of its address.
func (c *Conn) awaitIdentity(d time.Duration) {
	if d <= 0 {
		d = DefaultLimits().JoinTimeout
	}
	c.joinTimer = time.AfterFunc(d, func() {
		if c.ident.Load() == nil && !c.closingDown() {
			c.fail(ErrJoinTimeout)
			c.closeAfter(CloseJoinTimeout)
		}
	})
}

func (c *Conn) isDone() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// enqueue adds f to the queue, starting a writer if none runs. It reports false when the queue
// is full.
func (c *Conn) enqueue(f outFrame) bool {
	c.qmu.Lock()
	if c.isDone() {
		c.qmu.Unlock()
		return true
	}
	if len(c.queue)-c.head >= sendQueueLen {
		c.qmu.Unlock()
		return false
	}
	c.queue = append(c.queue, f)
	start := !c.writing
	c.writing = true
	c.qmu.Unlock()
	if start {
		go c.writeLoop()
	}
	return true
}

// send queues a frame without blocking; a full queue drops the connection (it resumes later).
func (c *Conn) send(f outFrame) {
	if !c.enqueue(f) {
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

// sendSeq queues a contest frame numbered seq to a host screen (or a snapshot of seq).
func (c *Conn) sendSeq(f outFrame, seq int64) {
	c.hostSeqMu.Lock()
	defer c.hostSeqMu.Unlock()
	c.hostSeq = max(c.hostSeq, seq)
	c.send(f)
}

// sendLatest queues to a host screen the frames made by frames for the seq of the last
// contest frame queued to it.
func (c *Conn) sendLatest(frames func(seq int64) [][]byte) {
	c.hostSeqMu.Lock()
	defer c.hostSeqMu.Unlock()
	for _, d := range frames(c.hostSeq) {
		c.send(outFrame{data: d})
	}
}

// sendError queues an error frame.
func (c *Conn) sendError(code, message string) {
	c.sendJSON(wire.Error{T: wire.TError, Code: code, Message: message})
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
		c.pinger.Stop()
		c.qmu.Lock()
		close(c.done)
		start := !c.writing
		c.writing = true
		c.qmu.Unlock()
		if start {
			go c.writeLoop()
		}
	})
}

// wait returns once the writer has sent the close frame and stopped for good.
func (c *Conn) wait() { <-c.stopped }

// closingDown reports whether the connection is being closed: frames from the peer are no
// longer handled.
func (c *Conn) closingDown() bool {
	return c.isDone() || c.closeQueued.Load()
}

// closeAfter queues a close with code after the frames already queued, so a last message
// (such as "kicked") reaches the phone first.
func (c *Conn) closeAfter(code int) {
	c.closeQueued.Store(true)
	if !c.enqueue(outFrame{close: code}) {
		c.shut(code)
	}
}

// writeLoop is the only goroutine that writes to the socket: it writes what is queued, then
// exits; after shut it sends the close frame and closes stopped.
func (c *Conn) writeLoop() {
	for {
		c.qmu.Lock()
		if c.isDone() {
			c.queue, c.head = nil, 0
			c.qmu.Unlock()
			_ = c.sock.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(int(c.closeCode.Load()), ""), time.Now().Add(time.Second))
			close(c.stopped)
			return
		}
		if c.head == len(c.queue) {
			c.queue, c.head = c.queue[:0], 0
			c.writing = false
			c.qmu.Unlock()
			return
		}
		f := c.queue[c.head]
		c.queue[c.head] = outFrame{}
		c.head++
		c.qmu.Unlock()
		if f.close != 0 {
			c.shut(f.close)
			continue
		}
		err := c.write(f)
		if f.pooled {
			putFrameBuf(f.data)
		}
		if err != nil {
			c.shut(websocket.CloseGoingAway)
		}
	}
}

// write puts one frame on the socket.
func (c *Conn) write(f outFrame) error {
	now := time.Now()
	if f.ping {
		return c.sock.WriteControl(websocket.PingMessage, nil, now.Add(writeTimeout))
	}
	id := c.ident.Load()
	recorded := f.itemID != "" && id != nil && id.game.delivered(id.participantID, f.itemID, now)
	_ = c.sock.SetWriteDeadline(now.Add(writeTimeout))
	err := c.sock.WriteMessage(websocket.TextMessage, f.data)
	if err != nil && recorded {
		id.game.undelivered(id.participantID, f.itemID, now)
	}
	return err
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
	_ = c.sock.SetReadDeadline(time.Now().Add(c.silence()))
	c.sock.SetPongHandler(func(string) error {
		c.heard.Store(true)
		return c.sock.SetReadDeadline(time.Now().Add(c.silence()))
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
		c.heard.Store(true)
		_ = c.sock.SetReadDeadline(now.Add(c.silence()))
		if !c.allow(now) {
			// One error per burst: answering every flooded frame would flood the writer.
			if c.floods == 1 {
				c.fail(ErrRateLimited)
			}
			if c.floods == floodLimit+1 {
				// Closed after what is queued, so the phone still learns why.
				c.closeAfter(websocket.ClosePolicyViolation)
			}
			continue
		}
		onFreshStack(func() { handle(data) })
		// A frame may take seconds to handle (a join while the database is slow); the peer's
		// silence counts from when the reader can hear it again.
		if !c.closingDown() {
			_ = c.sock.SetReadDeadline(time.Now().Add(c.silence()))
		}
	}
}

// onFreshStack runs f on a short-lived goroutine and waits for it. Handling a frame can go
// deep (SQL drivers, Redis, JSON); on the long-lived reader that would leave every idle
// connection holding a stack grown for its join.
func onFreshStack(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}
