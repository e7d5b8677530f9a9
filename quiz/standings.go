package quiz

import (
	"cmp"
	"slices"
)

// TieBreakRule names one way to order contestants with the same total.
type TieBreakRule string

// Tie-break rules a contest can list, in the order it chooses.
const (
	TieTime    TieBreakRule = "time"    // less total time on right answers first
	TieCorrect TieBreakRule = "correct" // more right answers first
	TieRound   TieBreakRule = "round"   // more points in the named round first (a tie-break round: weight 0)
	TieJoin    TieBreakRule = "join"    // who joined first
)

// TieBreak is one rule of a contest's ordered tie-breaks.
type TieBreak struct {
	Rule TieBreakRule `json:"rule"`
	// Round is the round of TieRound, numbered from 1 as the contest shows them.
	Round int `json:"round,omitempty"`
}

// DefaultTieBreaks are used by a contest that lists none: less time, then who joined first.
var DefaultTieBreaks = []TieBreak{{Rule: TieTime}, {Rule: TieJoin}}

// MaxWeight bounds a round's weight (hệ số).
const MaxWeight = 100

// Standing is one line of the standings. Score is the total: each round's points times its
// weight. Contestants whom no tie-break rule separates share a rank.
type Standing struct {
	Rank          int    `json:"rank"`
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	Score         int    `json:"score"`
	// Rounds are the points of each round, by round position, before weights.
	Rounds    []int `json:"rounds"`
	TimeMs    int64 `json:"time_ms"`
	Correct   int   `json:"correct"`
	JoinOrder int   `json:"join_order"`
}

// Standings ranks the contestants of c who were not kicked from their tallies, by the
// weighted total and then the contest's tie-break rules: the one ranking rule of live play
// and of the final results.
func Standings(c *Contest, ps []Participant, t Tallies) []Standing {
	out := make([]Standing, 0, len(ps))
	for _, p := range ps {
		if p.Kicked {
			continue
		}
		s := Standing{ParticipantID: p.ID, Name: p.Name, Unit: p.Unit, JoinOrder: p.JoinOrder, Rounds: make([]int, len(c.Rounds))}
		for i := range c.Rounds {
			r := &c.Rounds[i]
			x := t.Of(p.ID, r.ID)
			if x == nil {
				continue
			}
			s.Rounds[i] = x.Points
			s.Score += x.Points * r.EffectiveWeight()
			s.TimeMs += x.TimeMs
			s.Correct += x.Correct
		}
		out = append(out, s)
	}
	rules := c.TieBreaks
	if len(rules) == 0 {
		rules = DefaultTieBreaks
	}
	compare := func(a, b Standing) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		for _, rule := range rules {
			var d int
			switch rule.Rule {
			case TieTime:
				d = cmp.Compare(a.TimeMs, b.TimeMs)
			case TieCorrect:
				d = cmp.Compare(b.Correct, a.Correct)
			case TieRound:
				if i := rule.Round - 1; i >= 0 && i < len(a.Rounds) {
					d = cmp.Compare(b.Rounds[i], a.Rounds[i])
				}
			case TieJoin:
				d = cmp.Compare(a.JoinOrder, b.JoinOrder)
			}
			if d != 0 {
				return d
			}
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b Standing) int {
		if d := compare(a, b); d != 0 {
			return d
		}
		return cmp.Compare(a.JoinOrder, b.JoinOrder) // a stable order for lines that share a rank
	})
	for i := range out {
		if i > 0 && compare(out[i-1], out[i]) == 0 {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	return out
}

// validTieBreaks checks a contest's tie-break rules against its rounds.
func validTieBreaks(c *Contest) error {
	if len(c.TieBreaks) > 6 {
		return Errorf(EINVALID, "Có nhiều nhất 6 tiêu chí phụ để xếp hạng khi bằng điểm.")
	}
	seen := map[TieBreak]bool{}
	for _, tb := range c.TieBreaks {
		switch tb.Rule {
		case TieTime, TieCorrect, TieJoin:
			if tb.Round != 0 {
				return Errorf(EINVALID, "Tiêu chí phụ “%s” không gắn với vòng thi nào.", tb.Rule)
			}
		case TieRound:
			if tb.Round < 1 || tb.Round > len(c.Rounds) {
				return Errorf(EINVALID, "Tiêu chí phụ “điểm của một vòng” phải chọn một vòng của cuộc thi.")
			}
		default:
			return Errorf(EINVALID, "Tiêu chí phụ không hợp lệ: chọn thời gian, số câu đúng, điểm một vòng hoặc thứ tự vào thi.")
		}
		if seen[tb] {
			return Errorf(EINVALID, "Mỗi tiêu chí phụ chỉ chọn một lần.")
		}
		seen[tb] = true
	}
	return nil
}
