package quiz

import (
	"cmp"
	"slices"
)

// speedKind is Olympia's tăng tốc: right answers score by the order they reached the server,
// such as 40, 30, 20, 10; answers that arrived in the same millisecond share the better value.
type speedKind struct{}

// DefaultOrderPoints are the points by order of a speed-order round that sets none.
var DefaultOrderPoints = []int{40, 30, 20, 10}

// maxOrderPoints bounds how many places a speed-order round scores.
const maxOrderPoints = 10

// Validate implements RoundKind: the order points default to DefaultOrderPoints and never
// rise, since a later answer must not earn more than an earlier one.
func (speedKind) Validate(r *Round) error {
	s := &r.Settings
	if len(s.OrderPoints) == 0 {
		s.OrderPoints = slices.Clone(DefaultOrderPoints)
	}
	if len(s.OrderPoints) > maxOrderPoints {
		return Errorf(EINVALID, "Điểm theo thứ tự trả lời có nhiều nhất %d mức.", maxOrderPoints)
	}
	for i, v := range s.OrderPoints {
		if v < 0 || v > MaxPoints {
			return Errorf(EINVALID, "Điểm của người trả lời đúng thứ %d phải từ 0 đến %d.", i+1, MaxPoints)
		}
		if i > 0 && v > s.OrderPoints[i-1] {
			return Errorf(EINVALID, "Điểm của người trả lời đúng thứ %d không được cao hơn người thứ %d.", i+1, i)
		}
	}
	return nil
}

// Accept implements RoundKind: anyone in play may answer an open question, with a choice.
func (speedKind) Accept(_ *Play, _ string, r Response) error {
	if r.Buzz {
		return ErrBadResponse
	}
	return nil
}

// Deadline implements RoundKind: the open question closes at its time.
func (speedKind) Deadline(p *Play) int64 { return p.OpenDeadline() }

// Score implements RoundKind. Places are counted as in a race: two right answers in the same
// server millisecond share a place and the next takes the place after them (1, 1, 3). A right
// answer past the last value earns nothing but still counts as right.
func (speedKind) Score(in ScoreInput) []ScoreChange {
	values := in.Round.Settings.OrderPoints
	if len(values) == 0 {
		values = DefaultOrderPoints
	}
	var right []ScoredResponse
	for _, r := range in.Responses {
		if r.Grade >= 1 {
			right = append(right, r)
		}
	}
	slices.SortStableFunc(right, func(a, b ScoredResponse) int { return cmp.Compare(a.At, b.At) })
	out := make([]ScoreChange, 0, len(right))
	place := 0
	for i, r := range right {
		if i > 0 && r.At != right[i-1].At {
			place = i
		}
		points := 0
		if place < len(values) {
			points = values[place]
		}
		out = append(out, ScoreChange{ParticipantID: r.ParticipantID, Points: points, TimeMs: r.ElapsedMs, Correct: 1, Reason: ReasonAnswer})
	}
	return out
}

// Command implements RoundKind: a speed-order round has no commands of its own.
func (speedKind) Command(*Play, Command, int64) (Outcome, bool, error) {
	return Outcome{}, false, nil
}
