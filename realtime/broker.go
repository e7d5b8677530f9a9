package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Event is what one instance tells every instance (itself included) about a contest. Frame,
// when set, is a shared frame marshalled once and sent as it is to the sockets named by To.
// Personal asks each instance to send its own phones their personal frame of that kind.
type Event struct {
	ContestID string          `json:"c"`
	Seq       int64           `json:"s"`
	Origin    string          `json:"o,omitempty"` // the instance that published it
	To        Audience        `json:"to,omitempty"`
	Frame     json.RawMessage `json:"f,omitempty"`
	Kind      string          `json:"kd,omitempty"` // the frame's type, for instances that cache it
	ItemID    string          `json:"i,omitempty"`  // the item a frame is about ("item" frames record delivery)
	Personal  string          `json:"p,omitempty"`  // "result", "me" or "shown"
	Kick      string          `json:"k,omitempty"`  // participant to disconnect

	// State is the live state after a transition, so every instance follows it.
	State *liveEvent `json:"st,omitempty"`
	// Scores is set when the transition wrote ledger lines: instances read them.
	Scores bool `json:"sc,omitempty"`
	// Joined is a contestant who just joined on the publishing instance.
	Joined *joinedEvent `json:"j,omitempty"`
	// Resync asks every instance to send each of its sockets a fresh snapshot, after events
	// may have been lost (the live store was unreachable or lost its data).
	Resync bool `json:"r,omitempty"`
}

// Audience says which sockets of a contest a frame goes to.
type Audience string

// Audiences of an event frame.
const (
	ToAll    Audience = ""      // phones and host screens
	ToHosts  Audience = "hosts" // control panels and projector screens
	ToPhones Audience = "phones"
)

// Broker carries events between the instances serving a contest. Each instance has one
// subscription, fanned out locally; events of one contest arrive in the order published.
type Broker interface {
	Publish(ctx context.Context, ev Event) error
	// Subscribe calls fn for every event until ctx ends. It is called once per instance.
	Subscribe(ctx context.Context, fn func(Event)) error
}

// MemoryBroker delivers events within the one process of the embedded default. Delivery is
// asynchronous and in order, as it is through Redis, so publishing never waits for sockets.
type MemoryBroker struct {
	mu   sync.RWMutex
	subs []*memorySub
}

// memorySub is one subscription; gone is closed when it ends, so a publisher never waits on a
// subscriber that left (the instance is shutting down).
type memorySub struct {
	ch   chan Event
	gone chan struct{}
}

var _ Broker = (*MemoryBroker)(nil)

// Publish implements Broker.
func (b *MemoryBroker) Publish(ctx context.Context, ev Event) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, s := range b.subs {
		select {
		case s.ch <- ev:
		case <-s.gone:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Subscribe implements Broker.
func (b *MemoryBroker) Subscribe(ctx context.Context, fn func(Event)) error {
	s := &memorySub{ch: make(chan Event, 4096), gone: make(chan struct{})}
	b.mu.Lock()
	b.subs = append(b.subs, s)
	b.mu.Unlock()
	defer func() {
		close(s.gone)
		b.mu.Lock()
		b.subs = slices.DeleteFunc(b.subs, func(x *memorySub) bool { return x == s })
		b.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-s.ch:
			fn(ev)
		}
	}
}

// RedisBroker fans events out through one Redis pub/sub channel shared by all instances.
type RedisBroker struct {
	rdb     redis.UniversalClient
	channel string
	log     *slog.Logger
}

var _ Broker = (*RedisBroker)(nil)

// NewRedisBroker returns a broker on rdb. Pub/sub channels ignore the database number, so the
// channel is named after it: deployments on different databases of one Redis stay apart.
func NewRedisBroker(rdb redis.UniversalClient, log *slog.Logger) *RedisBroker {
	channel := "hoithi:events"
	if c, ok := rdb.(*redis.Client); ok {
		channel = fmt.Sprintf("hoithi:events:db%d", c.Options().DB)
	}
	return &RedisBroker{rdb: rdb, channel: channel, log: log}
}

// Publish implements Broker.
func (b *RedisBroker) Publish(ctx context.Context, ev Event) error {
	data, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	if err := b.rdb.Publish(ctx, b.channel, data).Err(); err != nil {
		return fmt.Errorf("publish event: %w", err)
	}
	return nil
}

// Subscribe implements Broker. go-redis resubscribes by itself after a lost connection;
// events published meanwhile are lost, so each resubscription is passed on as an Event with
// Resync set and no contest: every contest of this instance reloads and resends snapshots.
func (b *RedisBroker) Subscribe(ctx context.Context, fn func(Event)) error {
	sub := b.rdb.Subscribe(ctx, b.channel)
	// Receive waits on the socket and not on ctx: closing the subscription is what ends it.
	stop := context.AfterFunc(ctx, func() { _ = sub.Close() })
	defer func() {
		stop()
		_ = sub.Close()
	}()
	subscribed, failures := false, 0
	for {
		msg, err := sub.Receive(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if failures++; failures == 1 {
				b.log.Warn("event subscription interrupted; reconnecting", slog.Any("error", err))
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(min(time.Duration(failures)*100*time.Millisecond, 2*time.Second)):
			}
			continue
		}
		failures = 0
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" {
				if subscribed {
					fn(Event{Resync: true})
				}
				subscribed = true
			}
		case *redis.Message:
			var ev Event
			if err := json.Unmarshal([]byte(m.Payload), &ev); err != nil {
				b.log.Error("bad event on the bus", slog.Any("error", err))
				continue
			}
			fn(ev)
		}
	}
}
