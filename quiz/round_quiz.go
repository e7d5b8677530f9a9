package quiz

// quizKind is the knowledge quiz: everyone answers every question; a right answer earns the
// item's points, fixed or by speed, plus a bonus for answers right in a row when the round has
// one.
type quizKind struct{}

// MaxStreakBonus bounds the bonus per answer in a row, so a typo cannot outweigh the round.
const MaxStreakBonus = 1000

// streakCap is the most answers in a row that raise the bonus: the sixth right answer in a row
// and every one after it earn five times the bonus.
const streakCap = 5

// Validate implements RoundKind.
func (quizKind) Validate(r *Round) error {
	if r.Scoring != FixedPoints && r.Scoring != SpeedPoints {
		return Errorf(EINVALID, "Cách tính điểm không hợp lệ: chọn điểm cố định hoặc điểm theo tốc độ.")
	}
	if r.Settings.StreakBonus < 0 || r.Settings.StreakBonus > MaxStreakBonus {
		return Errorf(EINVALID, "Điểm thưởng trả lời đúng liên tiếp phải từ 0 đến %d.", MaxStreakBonus)
	}
	return nil
}

// Accept implements RoundKind: anyone in play may answer an open question, with a choice.
func (quizKind) Accept(_ *Play, _ string, r Response) error {
	if r.Buzz {
		return ErrBadResponse
	}
	return nil
}

// Deadline implements RoundKind: the open question closes at its time.
func (quizKind) Deadline(p *Play) int64 { return p.OpenDeadline() }

// Score implements RoundKind. The n-th right answer in a row earns the streak bonus n-1 times
// (at most streakCap times) on top of its points. An answer partly right (a grade between 0
// and 1: multiple choice or ordering with partial credit) earns that share of the points it
// would have earned, speed included, but is not a right answer: it counts no correct answer,
// no time and no streak.
func (quizKind) Score(in ScoreInput) []ScoreChange {
	q := &in.Item.Question
	limit := int64(q.TimeLimitSec) * 1000
	var out []ScoreChange
	for _, r := range in.Responses {
		if r.Grade <= 0 {
			continue
		}
		if r.Grade < 1 {
			if points := PartialScore(in.Round.Scoring, q.Points, r.ElapsedMs, limit, r.Grade); points > 0 {
				out = append(out, ScoreChange{ParticipantID: r.ParticipantID, Points: points, Reason: ReasonAnswer})
			}
			continue
		}
		streak := 1
		if t := in.Tallies.Of(r.ParticipantID, in.Round.ID); t != nil && t.LastRight == in.Pos-1 {
			streak = t.Streak + 1
		}
		points := Score(in.Round.Scoring, q.Points, r.ElapsedMs, limit) + in.Round.Settings.StreakBonus*min(streak-1, streakCap)
		out = append(out, ScoreChange{ParticipantID: r.ParticipantID, Points: points, TimeMs: r.ElapsedMs, Correct: 1, Streak: streak, Reason: ReasonAnswer})
	}
	return out
}

// Command implements RoundKind: a quiz round has no commands of its own.
func (quizKind) Command(*Play, Command, int64) (Outcome, bool, error) { return Outcome{}, false, nil }
