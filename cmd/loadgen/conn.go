package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// inbound is one frame as it arrived, stamped by the reader the moment it was read.
type inbound struct {
	data []byte
	at   time.Time
}

// wsConn is one phone's websocket. livetest.Client fits a test's handful of phones; a phone
// here must also pick its source address and keep a small buffer, since thousands run in one
// process (a livetest.Client buffers 1024 decoded frames, about 250 KB).
//
// A reader goroutine queues frames; only the phone's own goroutine writes.
type wsConn struct {
	ws   *websocket.Conn
	in   chan inbound
	gone chan struct{}
	once sync.Once
	// code is the close code the server sent; it is set before in is closed.
	code int
}

// inboundQueue is how many frames a phone may have unread before its reader stops reading
// (and the server, after its own queue fills, drops the phone as too slow).
const inboundQueue = 32

func (c *wsConn) readLoop() {
	defer close(c.in)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				c.code = ce.Code
			}
			return
		}
		select {
		case c.in <- inbound{data: data, at: time.Now()}:
		case <-c.gone:
			return
		}
	}
}

// send writes f as one JSON text frame.
func (c *wsConn) send(f wire.ClientFrame) error {
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode frame: %w", err)
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if err := c.ws.WriteMessage(websocket.TextMessage, data); err != nil {
		return fmt.Errorf("write frame: %w", err)
	}
	return nil
}

// abort drops the TCP connection without a close frame, as a phone losing Wi-Fi would.
func (c *wsConn) abort() {
	c.once.Do(func() {
		close(c.gone)
		_ = c.ws.NetConn().Close()
	})
}

// next waits for the next frame, decoded, or fails when ctx ends or the connection closes.
func (c *wsConn) next(ctx context.Context) (inbound, livetest.Frame, error) {
	select {
	case <-ctx.Done():
		return inbound{}, livetest.Frame{}, ctx.Err()
	case m, ok := <-c.in:
		if !ok {
			return inbound{}, livetest.Frame{}, fmt.Errorf("connection closed (code %d)", c.code)
		}
		f, err := livetest.Parse(m.data, m.at)
		return m, f, err
	}
}

// phoneDialer opens phone websockets to the nodes, a bounded number at a time, spreading
// them over several loopback source addresses when the servers are on this machine so that
// ten thousand connections never run out of source ports.
type phoneDialer struct {
	ws      websocket.Dialer
	urls    []string // /ws/play of each node
	sem     chan struct{}
	sources []net.IP
	next    atomic.Uint32
}

// loopbackSources are the source addresses phones use towards a server on loopback.
func loopbackSources() []net.IP {
	ips := make([]net.IP, 8)
	for i := range ips {
		ips[i] = net.IPv4(127, 0, 0, byte(i+1))
	}
	return ips
}

func newPhoneDialer(wsURLs []string, concurrency int) (*phoneDialer, error) {
	d := &phoneDialer{urls: wsURLs, sem: make(chan struct{}, concurrency)}
	loopback := true
	for _, wsURL := range wsURLs {
		u, err := url.Parse(wsURL)
		if err != nil {
			return nil, fmt.Errorf("phone url %q: %w", wsURL, err)
		}
		ip := net.ParseIP(u.Hostname())
		loopback = loopback && ip != nil && ip.IsLoopback() && ip.To4() != nil
	}
	if loopback {
		d.sources = loopbackSources()
	}
	d.ws = websocket.Dialer{
		HandshakeTimeout: 15 * time.Second,
		ReadBufferSize:   2048,
		WriteBufferSize:  1024,
		WriteBufferPool:  &sync.Pool{},
		NetDialContext:   d.netDial,
	}
	return d, nil
}

func (d *phoneDialer) netDial(ctx context.Context, network, addr string) (net.Conn, error) {
	nd := net.Dialer{Timeout: 10 * time.Second}
	if len(d.sources) > 0 {
		nd.LocalAddr = &net.TCPAddr{IP: d.sources[d.next.Add(1)%uint32(len(d.sources))]}
	}
	return nd.DialContext(ctx, network, addr)
}

// nodes returns how many nodes the dialer spreads phones over.
func (d *phoneDialer) nodes() int { return len(d.urls) }

// dial opens one phone websocket to node n and starts its reader.
func (d *phoneDialer) dial(ctx context.Context, n int) (*wsConn, error) {
	select {
	case d.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-d.sem }()
	u := d.urls[n]
	ws, resp, err := d.ws.DialContext(ctx, u, nil)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: %w (HTTP %d)", u, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("dial %s: %w", u, err)
	}
	c := &wsConn{ws: ws, in: make(chan inbound, inboundQueue), gone: make(chan struct{})}
	go c.readLoop()
	return c, nil
}
