// Package livetest is a websocket client that speaks PROTOCOL.md, for tests and the load
// generator: it dials, sends frames and waits for the frames it expects.
package livetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
)

// Frame is one frame received, decoded loosely; Raw keeps the exact bytes.
type Frame struct {
	T        string          `json:"t"`
	Seq      int64           `json:"seq"`
	Code     string          `json:"code"`
	Message  string          `json:"message"`
	ItemID   string          `json:"item_id"`
	AnswerID string          `json:"answer_id"`
	Choice   []int           `json:"choice"`
	Phase    string          `json:"phase"`
	Version  int64           `json:"version"`
	Token    string          `json:"token"`
	Correct  json.RawMessage `json:"correct"`
	// Result is a phone's own result, in its reveal frame and its snapshot.
	Result *Result `json:"result"`
	// Final is set on the standings frame of a finished contest.
	Final bool `json:"final"`
	// Me is a phone's own place, in its standings frames and its snapshot.
	Me  *Me             `json:"me"`
	Raw json.RawMessage `json:"-"`
	At  time.Time       `json:"-"`
}

// Result is a phone's own result of one item.
type Result struct {
	ItemID   string `json:"item_id"`
	Answered bool   `json:"answered"`
	Choice   []int  `json:"choice"`
	Correct  bool   `json:"correct"`
	Points   int    `json:"points"`
	Score    int    `json:"score"`
	Rank     int    `json:"rank"`
	Players  int    `json:"players"`
}

// Me is a phone's own score and place.
type Me struct {
	Score   int `json:"score"`
	Rank    int `json:"rank"`
	Players int `json:"players"`
}

// Decode unmarshals the whole frame into v.
func (f Frame) Decode(v any) error { return json.Unmarshal(f.Raw, v) }

// Client is one websocket connection. A reader goroutine queues every frame received.
type Client struct {
	conn    *websocket.Conn
	frames  chan Frame
	writeMu sync.Mutex
	closed  chan struct{}
	// CloseCode is the close code the server sent, once the connection has ended.
	CloseCode int
}

// Dial opens a websocket to url (ws://host/ws/play or /ws/host?contest=…) with optional
// headers such as a session cookie.
func Dial(ctx context.Context, url string, header http.Header) (*Client, error) {
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	conn, resp, err := d.DialContext(ctx, url, header)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: %w (HTTP %d)", url, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	c := &Client{conn: conn, frames: make(chan Frame, 1024), closed: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *Client) read() {
	defer close(c.closed)
	defer close(c.frames)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			if ce, ok := err.(*websocket.CloseError); ok {
				c.CloseCode = ce.Code
			}
			return
		}
		var f Frame
		if err := json.Unmarshal(data, &f); err != nil {
			f = Frame{T: "undecodable"}
		}
		f.Raw, f.At = data, time.Now()
		c.frames <- f
	}
}

// Send writes v as one JSON text frame.
func (c *Client) Send(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.SendRaw(data)
}

// SendRaw writes data as one text frame, as it is.
func (c *Client) SendRaw(data []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.conn.WriteMessage(websocket.TextMessage, data)
}

// Next returns the next frame whose type is one of types (any type when none are given),
// dropping the others, or an error when ctx ends or the connection closes first.
func (c *Client) Next(ctx context.Context, types ...string) (Frame, error) {
	for {
		select {
		case <-ctx.Done():
			return Frame{}, fmt.Errorf("waiting for %v: %w", types, ctx.Err())
		case f, ok := <-c.frames:
			if !ok {
				return Frame{}, fmt.Errorf("waiting for %v: connection closed (code %d)", types, c.CloseCode)
			}
			if len(types) == 0 || slices.Contains(types, f.T) {
				return f, nil
			}
		}
	}
}

// Drain returns the frames already received, without waiting.
func (c *Client) Drain() []Frame {
	var out []Frame
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				return out
			}
			out = append(out, f)
		default:
			return out
		}
	}
}

// Closed is closed when the connection has ended.
func (c *Client) Closed() <-chan struct{} { return c.closed }

// Close drops the connection abruptly, as a phone losing Wi-Fi would.
func (c *Client) Close() error { return c.conn.UnderlyingConn().Close() }

// Frames is the channel of frames received, closed when the connection ends.
func (c *Client) Frames() <-chan Frame { return c.frames }
