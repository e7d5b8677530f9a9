package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// action is what a phone does with one question.
type action int

const (
	skip  action = iota // never answers
	right               // answers with the key
	wrong               // answers with another option
)

func (a action) String() string { return [...]string{"skip", "right", "wrong"}[a] }

// dropKind is when a phone loses its connection during a question, if it does.
type dropKind int

const (
	noDrop           dropKind = iota
	dropIdle                  // a phone that does not answer drops and comes back
	dropBeforeAnswer          // drops while thinking, answers after it resumed
	dropAfterSend             // drops right after sending, before the ack: resends the same answer_id
	dropAfterAck              // drops once acked: the snapshot must show the stored answer
)

func (k dropKind) String() string {
	return [...]string{"none", "idle", "before_answer", "after_send", "after_ack"}[k]
}

// step is what one phone does with one question.
type step struct {
	Action action
	Choice int           // the option sent, when Action is not skip
	Think  time.Duration // from the item reaching the phone to the answer
	Drop   dropKind
	DropAt time.Duration // from the item reaching the phone, for dropIdle and dropBeforeAnswer
	Back   time.Duration // how long the phone stays away before it resumes
}

// planParams shapes the plan of a run.
type planParams struct {
	Seed                uint64
	Players, Questions  int
	Options             int
	ThinkMin, ThinkMax  time.Duration
	SkipFrac, WrongFrac float64
	DropFrac            float64
	BackMin, BackMax    time.Duration
	CorrectFor          func(question int) int
}

// share is how many of n phones a fraction stands for: at least one when the fraction is not
// zero, so that a small run still exercises every path.
func share(frac float64, n int) int {
	if frac <= 0 || n == 0 {
		return 0
	}
	return min(n, max(1, int(math.Round(frac*float64(n)))))
}

// makePlan decides, from the seed alone, what every phone does with every question: exactly
// share(SkipFrac) phones skip, share(WrongFrac) answer wrong, the rest right, and
// share(DropFrac) phones drop mid-question. plan[q][i] is phone i's step for question q.
func makePlan(p planParams) [][]step {
	kinds := []dropKind{dropBeforeAnswer, dropAfterSend, dropAfterAck}
	nSkip, nWrong, nDrop := share(p.SkipFrac, p.Players), share(p.WrongFrac, p.Players), share(p.DropFrac, p.Players)
	plan := make([][]step, p.Questions)
	for q := range plan {
		rng := rand.New(rand.NewPCG(p.Seed, uint64(q)))
		correct := p.CorrectFor(q)
		steps := make([]step, p.Players)
		order := rng.Perm(p.Players)
		for rank, i := range order {
			s := &steps[i]
			switch {
			case rank < nSkip:
				s.Action = skip
			case rank < nSkip+nWrong:
				s.Action = wrong
				s.Choice = (correct + 1 + rng.IntN(p.Options-1)) % p.Options
			default:
				s.Action = right
				s.Choice = correct
			}
			s.Think = between(rng, p.ThinkMin, p.ThinkMax)
		}
		for _, i := range rng.Perm(p.Players)[:nDrop] {
			s := &steps[i]
			s.Back = between(rng, p.BackMin, p.BackMax)
			if s.Action == skip {
				s.Drop, s.DropAt = dropIdle, between(rng, p.ThinkMin, p.ThinkMax)
				continue
			}
			s.Drop = kinds[rng.IntN(len(kinds))]
			if s.Drop == dropBeforeAnswer {
				s.DropAt = time.Duration(float64(s.Think) * (0.2 + 0.6*rng.Float64()))
			}
		}
		plan[q] = steps
	}
	return plan
}

// between draws a duration uniformly from [lo, hi].
func between(rng *rand.Rand, lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(rng.Int64N(int64(hi-lo)+1))
}

// parseSeconds reads a range of seconds such as "0.2-0.8" (or one number, "0.5").
func parseSeconds(s string) (time.Duration, time.Duration, error) {
	lo, hi, found := strings.Cut(s, "-")
	if !found {
		hi = lo
	}
	a, err := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	if err != nil {
		return 0, 0, fmt.Errorf("range %q: %w", s, err)
	}
	b, err := strconv.ParseFloat(strings.TrimSpace(hi), 64)
	if err != nil {
		return 0, 0, fmt.Errorf("range %q: %w", s, err)
	}
	if a < 0 || b < a {
		return 0, 0, fmt.Errorf("range %q: want MIN-MAX seconds with 0 <= MIN <= MAX", s)
	}
	return time.Duration(a * float64(time.Second)), time.Duration(b * float64(time.Second)), nil
}
