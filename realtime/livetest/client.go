// Package livetest is a websocket client that speaks PROTOCOL.md, for tests and the load
// generator: it dials, sends frames and waits for the frames it expects.
package livetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fasthttp/websocket"

	"hoithi/realtime/wire"
)

// Frame is one frame received: its type and sequence number, the frame decoded into the wire
// type its t names, and the exact bytes.
type Frame struct {
	T   string
	Seq int64
	// Body is the frame as its wire type (wire.Hello, wire.State, …), nil for a type the
	// protocol does not have.
	Body any
	Raw  json.RawMessage
	At   time.Time
	// Err is why a frame of type "undecodable" did not decode: bad JSON, or a frame that is not
	// what its wire type says.
	Err error
}

// bodies is the Go type of each frame the server sends, by its t.
var bodies = func() map[string]reflect.Type {
	m := make(map[string]reflect.Type, len(wire.ServerFrames))
	for _, f := range wire.ServerFrames {
		m[f.T] = reflect.TypeOf(f.Type)
	}
	return m
}()

// decodeBody decodes data as a value of type rt, refusing members rt does not have: a member
// the wire types lack is the server drifting from the protocol.
func decodeBody(data []byte, rt reflect.Type) (any, error) {
	v := reflect.New(rt)
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v.Interface()); err != nil {
		return nil, err
	}
	if err := noNullArrays(v.Elem(), "frame"); err != nil {
		return nil, err
	}
	return v.Elem().Interface(), nil
}

// noNullArrays fails on a nil slice that encoding/json does not leave out: it came as null
// (or not at all), where the frontend's types (generated from the wire types) promise an array.
func noNullArrays(v reflect.Value, path string) error {
	if at, ok := nullArray(v); !ok {
		return fmt.Errorf("%s%s is null or missing, not an array", path, at)
	}
	return nil
}

// nullArray finds a nil slice member in v, returning where it is; the path is built only
// for the one found, so that a frame that is right costs no allocation.
func nullArray(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			return nullArray(v.Elem())
		}
	case reflect.Slice:
		if k := v.Type().Elem().Kind(); k != reflect.Struct && k != reflect.Pointer {
			return "", true
		}
		for i := range v.Len() {
			if at, ok := nullArray(v.Index(i)); !ok {
				return fmt.Sprintf("[%d]%s", i, at), false
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fv := v.Field(i)
			tag := v.Type().Field(i).Tag.Get("json")
			if fv.Kind() == reflect.Slice && fv.IsNil() && !strings.Contains(tag, ",omitempty") {
				name, _, _ := strings.Cut(tag, ",")
				return "." + name, false
			}
			if at, ok := nullArray(fv); !ok {
				name, _, _ := strings.Cut(tag, ",")
				return "." + name + at, false
			}
		}
	}
	return "", true
}

// Parse decodes one frame received at at. A frame of a type the protocol does not have is
// returned with a nil Body; a frame that does not decode as its type is an error.
func Parse(data []byte, at time.Time) (Frame, error) {
	var env struct {
		T   string `json:"t"`
		Seq int64  `json:"seq"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		err = fmt.Errorf("undecodable frame %q: %w", data, err)
		return Frame{T: "undecodable", Raw: data, At: at, Err: err}, err
	}
	f := Frame{T: env.T, Seq: env.Seq, Raw: data, At: at}
	if rt, ok := bodies[env.T]; ok {
		body, err := decodeBody(data, rt)
		if err != nil {
			err = fmt.Errorf("%s frame %q: %w", env.T, data, err)
			return Frame{T: "undecodable", Raw: data, At: at, Err: err}, err
		}
		f.Body = body
	}
	return f, nil
}

// ParseQuick is Parse without its strict checks (members the wire type lacks, null arrays),
// decoding the frame once: for clients by the thousand, such as the load generator's phones,
// where Parse's cost would be measured instead of the server's. The type is read from the
// frame's first member, where the server puts it; any other frame goes through Parse.
func ParseQuick(data []byte, at time.Time) (Frame, error) {
	t, ok := leadingType(data)
	rt, known := bodies[t]
	if !ok || !known {
		return Parse(data, at)
	}
	v := reflect.New(rt)
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		err = fmt.Errorf("%s frame %q: %w", t, data, err)
		return Frame{T: "undecodable", Raw: data, At: at, Err: err}, err
	}
	f := Frame{T: t, Raw: data, At: at, Body: v.Elem().Interface()}
	if seq := v.Elem().FieldByName("Seq"); seq.IsValid() && seq.Kind() == reflect.Int64 {
		f.Seq = seq.Int()
	}
	return f, nil
}

// leadingType reads t from a frame that begins {"t":"…", as every frame the server sends does.
func leadingType(data []byte) (string, bool) {
	const lead = `{"t":"`
	if !bytes.HasPrefix(data, []byte(lead)) {
		return "", false
	}
	rest := data[len(lead):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return "", false
	}
	return string(rest[:end]), true
}

// Decode unmarshals the whole frame into v.
func (f Frame) Decode(v any) error { return json.Unmarshal(f.Raw, v) }

// body returns f's Body as a T, or the zero T when f is another type of frame.
func body[T any](f Frame) T {
	v, _ := f.Body.(T)
	return v
}

// Hello is f as a hello frame (zero for another type).
func (f Frame) Hello() wire.Hello { return body[wire.Hello](f) }

// State is f as a phone's snapshot (zero for another type).
func (f Frame) State() wire.State { return body[wire.State](f) }

// HostState is f as a host screen's snapshot (zero for another type).
func (f Frame) HostState() wire.HostState { return body[wire.HostState](f) }

// Item is f as an item frame (zero for another type).
func (f Frame) Item() wire.Item { return body[wire.Item](f) }

// Phase is f as a phase frame (zero for another type).
func (f Frame) Phase() wire.Phase { return body[wire.Phase](f) }

// Closed is f as a closed frame (zero for another type).
func (f Frame) Closed() wire.Closed { return body[wire.Closed](f) }

// Reveal is f as a reveal frame (zero for another type).
func (f Frame) Reveal() wire.Reveal { return body[wire.Reveal](f) }

// Standings is f as a standings frame (zero for another type).
func (f Frame) Standings() wire.Standings { return body[wire.Standings](f) }

// Ack is f as an ack frame (zero for another type).
func (f Frame) Ack() wire.Ack { return body[wire.Ack](f) }

// Pong is f as a pong frame (zero for another type).
func (f Frame) Pong() wire.Pong { return body[wire.Pong](f) }

// Error is f as an error frame (zero for another type). It is not Go's error interface.
func (f Frame) Error() wire.Error { return body[wire.Error](f) }

// Kicked is f as a kicked frame (zero for another type).
func (f Frame) Kicked() wire.Kicked { return body[wire.Kicked](f) }

// Participants is f as a participants frame (zero for another type).
func (f Frame) Participants() wire.Participants { return body[wire.Participants](f) }

// Progress is f as a progress frame (zero for another type).
func (f Frame) Progress() wire.Progress { return body[wire.Progress](f) }

// Code is the code of an error frame, "" for any other frame.
func (f Frame) Code() string { return f.Error().Code }

// PhaseName is where the contest is by a phase frame or a snapshot, "" for any other frame.
func (f Frame) PhaseName() string {
	switch b := f.Body.(type) {
	case wire.Phase:
		return b.Phase
	case wire.State:
		return b.Phase
	case wire.HostState:
		return b.Phase
	}
	return ""
}

// Version is the live version a phase frame or a snapshot carries, 0 for any other frame.
func (f Frame) Version() int64 {
	switch b := f.Body.(type) {
	case wire.Phase:
		return b.Version
	case wire.State:
		return b.Version
	case wire.HostState:
		return b.Version
	}
	return 0
}

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
		// A frame that does not decode as its type arrives as "undecodable", with the reason.
		f, _ := Parse(data, time.Now())
		c.frames <- f
	}
}

// Send writes f as one JSON text frame.
func (c *Client) Send(f wire.ClientFrame) error {
	data, err := json.Marshal(f)
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
// dropping the others, or an error when ctx ends, the connection closes or a frame does not
// decode first.
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
			if f.Err != nil {
				return f, fmt.Errorf("waiting for %v: %w", types, f.Err)
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
