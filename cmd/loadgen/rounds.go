package main

import "context"

// The round kinds -round plays: one round of that kind makes the whole contest.
const (
	roundQuiz        = "quiz"
	roundElimination = "elimination"
	roundBuzzer      = "buzzer"
)

// contestRound is how the contest's one round is made of its question ids, nil for the
// single quiz round the API makes by default.
func contestRound(cfg Config) func(ids []string) map[string]any {
	switch {
	case cfg.Round == roundElimination:
		return func(ids []string) map[string]any { return shuffled(eliminationRound(ids, cfg.AutoClose), cfg.Shuffle) }
	case cfg.Round == roundBuzzer:
		return buzzerRound(cfg.Steal)
	case cfg.Shuffle:
		return func(ids []string) map[string]any {
			return shuffled(map[string]any{"title": "Vòng thử tải", "kind": roundQuiz, "scoring": "speed", "auto_close": cfg.AutoClose,
				"question_ids": ids}, true)
		}
	}
	return nil
}

// shuffled adds the setting that sends each phone the options in its own order, when on.
func shuffled(round map[string]any, on bool) map[string]any {
	if on {
		round["settings"] = map[string]any{"shuffle_options": true}
	}
	return round
}

// planFor adapts the plan to the round kind: buzzer phones press rather than answer, and stay
// connected, since a press has no id to resend by.
func planFor(cfg Config, pp planParams) planParams {
	if cfg.Round == roundBuzzer {
		pp.SkipFrac, pp.WrongFrac, pp.DropFrac = 1, 0, 0
	}
	return pp
}

// prepareRound sets up what the round kind follows, once the phones have joined, and returns
// how it plays a question.
func (r *run) prepareRound() func(ctx context.Context, q int) error {
	cfg := r.cfg
	switch cfg.Round {
	case roundElimination:
		r.elim = newElimRun(cfg.Rescue, cfg.Players, len(r.phones), cfg.Questions)
		return r.eliminationQuestion
	case roundBuzzer:
		r.buzz = newBuzzRun(cfg.Seed, cfg.PressLead, cfg.Steal, cfg.Players, len(r.phones), cfg.Questions)
		return r.buzzerQuestion
	}
	return r.question
}

// checkRound makes the round kind's own checks, once the phones' goroutines have returned,
// with the results the server computed.
func (r *run) checkRound(rep *Report, results []standing) []string {
	switch r.cfg.Round {
	case roundElimination:
		joinOrder := make(map[string]int, len(results))
		for _, s := range results {
			joinOrder[s.ParticipantID] = s.JoinOrder
		}
		return r.checkEliminationRun(rep, joinOrder)
	case roundBuzzer:
		return r.checkBuzzerRun(rep, results)
	}
	return nil
}
