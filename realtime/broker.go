package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Event is what one instance tells every instance (itself included) about a contest. Frame,
// when set, is a shared frame marshalled once and sent as it is to the sockets named by To.
// Personal asks each instance to send its own phones their personal frame of that kind.
type Event struct {
	ContestID string          `json:"c"`
	Seq       int64           `json:"s"`
	To        Audience        `json:"to,omitempty"`
	Frame     json.RawMessage `json:"f,omitempty"`
	ItemID    string          `json:"i,omitempty"` // the item a frame is about ("item" frames record delivery)
	Personal  string          `json:"p,omitempty"` // "result" or "me"
	Kick      string          `json:"k,omitempty"` // participant to disconnect
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

// MemoryBroker delivers events within the one process of the embedded default.
type MemoryBroker struct {
	mu   sync.RWMutex
	subs []func(Event)
}

var _ Broker = (*MemoryBroker)(nil)

// Publish implements Broker: subscribers run synchronously, so order is kept.
func (b *MemoryBroker) Publish(_ context.Context, ev Event) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, fn := range b.subs {
		fn(ev)
	}
	return nil
}

// Subscribe implements Broker.
func (b *MemoryBroker) Subscribe(ctx context.Context, fn func(Event)) error {
	b.mu.Lock()
	b.subs = append(b.subs, fn)
	b.mu.Unlock()
	<-ctx.Done()
	return nil
}

// RedisBroker fans events out through one Redis pub/sub channel shared by all instances.
type RedisBroker struct {
	rdb     redis.UniversalClient
	channel string
	log     *slog.Logger
}

var _ Broker = (*RedisBroker)(nil)

// NewRedisBroker returns a broker on rdb.
func NewRedisBroker(rdb redis.UniversalClient, log *slog.Logger) *RedisBroker {
	return &RedisBroker{rdb: rdb, channel: "hoithi:events", log: log}
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

// Subscribe implements Broker. go-redis resubscribes by itself after a lost connection.
func (b *RedisBroker) Subscribe(ctx context.Context, fn func(Event)) error {
	sub := b.rdb.Subscribe(ctx, b.channel)
	defer sub.Close()
	if _, err := sub.Receive(ctx); err != nil {
		return fmt.Errorf("subscribe to events: %w", err)
	}
	ch := sub.Channel(redis.WithChannelSize(4096))
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			var ev Event
			if err := json.Unmarshal([]byte(msg.Payload), &ev); err != nil {
				b.log.Error("bad event on the bus", slog.Any("error", err))
				continue
			}
			fn(ev)
		}
	}
}
