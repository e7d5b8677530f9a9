package realtime

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"hoithi/quiz"
)

// committer stores answers in batches: whatever queued while one batch was being written goes
// into the next, so a burst of answers costs few transactions.
type committer struct {
	in    chan commitReq
	store quiz.ContestService
	log   *slog.Logger
}

type commitReq struct {
	a    quiz.Answer
	done chan error
}

const maxBatch = 500

func newCommitter(store quiz.ContestService, log *slog.Logger) *committer {
	return &committer{in: make(chan commitReq, 4*maxBatch), store: store, log: log}
}

// save stores a and returns once it is durable.
func (c *committer) save(ctx context.Context, a quiz.Answer) error {
	req := commitReq{a: a, done: make(chan error, 1)}
	select {
	case c.in <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *committer) run(ctx context.Context) {
	for {
		var batch []commitReq
		select {
		case <-ctx.Done():
			return
		case r := <-c.in:
			batch = append(batch, r)
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-c.in:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		answers := make([]quiz.Answer, len(batch))
		for i, r := range batch {
			answers[i] = r.a
		}
		wctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := c.store.SaveAnswers(wctx, answers)
		cancel()
		if err != nil {
			c.log.Error("save answers", slog.Int("count", len(answers)), slog.Any("error", err))
			err = errors.Join(errRetry, err)
		}
		for _, r := range batch {
			r.done <- err
		}
	}
}

var errRetry = errors.New("answer not stored")
