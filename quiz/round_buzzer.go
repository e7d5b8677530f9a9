package quiz

import (
	"cmp"
	"slices"
)

// buzzerKind is the buzzer round (giành quyền trả lời): the host reads a question, the first
// press by server time wins the right to answer aloud, the host marks the answer, and after a
// wrong one the others may press to steal. A contestant may play a star of hope (ngôi sao hy
// vọng) on a question before anyone presses, to double it.
type buzzerKind struct{}

// MaxStealSec bounds the steal window: longer, and the hall waits in silence.
const MaxStealSec = 60

// maxPresses is how many presses of an attempt the screens show, the winner first.
const maxPresses = 10

// Why a press or a buzzer command is not taken.
var (
	ErrBuzzTaken     = Errorf(ECONFLICT, "Đã có đồng chí khác giành quyền trả lời câu này.")
	ErrBuzzOut       = Errorf(ECONFLICT, "Đồng chí đã trả lời sai câu này nên không bấm chuông lại được.")
	ErrBuzzNotInPlay = Errorf(ECONFLICT, "Đồng chí không còn tham gia cuộc thi nên không bấm chuông được.")
	ErrNoWinner      = Errorf(ECONFLICT, "Chưa có đồng chí nào giành quyền trả lời câu này.")
	ErrNoPress       = Errorf(ECONFLICT, "Chưa có lượt bấm chuông nào hợp lệ.")
	ErrStarOff       = Errorf(EINVALID, "Vòng thi này không dùng ngôi sao hy vọng.")
	ErrStarTooLate   = Errorf(ECONFLICT, "Chỉ chọn ngôi sao hy vọng khi câu hỏi đang mở và chưa có ai bấm chuông.")
	ErrStarTaken     = Errorf(ECONFLICT, "Câu hỏi này đã có thí sinh chọn ngôi sao hy vọng.")
	ErrStarUsed      = Errorf(ECONFLICT, "Thí sinh này đã dùng ngôi sao hy vọng trong vòng thi này.")
)

// Validate implements RoundKind. Points are the item's, fixed: speed is what wins the buzzer,
// not what a right answer earns.
func (buzzerKind) Validate(r *Round) error {
	if r.Scoring == "" {
		r.Scoring = FixedPoints
	}
	if r.Scoring != FixedPoints {
		return Errorf(EINVALID, "Vòng giành quyền trả lời chỉ tính điểm cố định cho mỗi câu.")
	}
	s := &r.Settings
	if s.WrongPenalty < 0 || s.WrongPenalty > MaxPoints {
		return Errorf(EINVALID, "Điểm trừ khi trả lời sai phải từ 0 đến %d.", MaxPoints)
	}
	if s.StealPenalty < 0 || s.StealPenalty > MaxPoints {
		return Errorf(EINVALID, "Điểm trừ khi giành lại quyền trả lời mà sai phải từ 0 đến %d.", MaxPoints)
	}
	if s.StealSec < 0 || s.StealSec > MaxStealSec {
		return Errorf(EINVALID, "Thời gian giành lại quyền trả lời phải từ 0 đến %d giây.", MaxStealSec)
	}
	// Answers are given aloud: no phone shows options to shuffle, and the results should not
	// say they were.
	s.ShuffleOptions = false
	if r.AutoClose {
		// Nobody but the winner answers, so "everyone has answered" never comes.
		return Errorf(EINVALID, "Vòng giành quyền trả lời không dùng “tự kết thúc khi mọi người đã trả lời”.")
	}
	return nil
}

// Accept implements RoundKind: a press, from a contestant in play who was not marked wrong on
// this item, while nobody holds the right to answer.
func (buzzerKind) Accept(p *Play, participantID string, r Response) error {
	if !r.Buzz {
		return ErrBadResponse
	}
	if !p.InPlay(participantID) {
		return ErrBuzzNotInPlay
	}
	b := buzzOf(p.State)
	if b.Winner != "" {
		return ErrBuzzTaken
	}
	if slices.Contains(b.Out, participantID) {
		return ErrBuzzOut
	}
	return nil
}

// Deadline implements RoundKind: the time to press, or the steal window; none while the
// winner answers aloud, since the host decides when that ends.
func (buzzerKind) Deadline(p *Play) int64 {
	if buzzOf(p.State).Winner != "" {
		return 0
	}
	return p.OpenDeadline()
}

// Score implements RoundKind: nothing, since the host's marks wrote the item's lines.
func (buzzerKind) Score(ScoreInput) []ScoreChange { return nil }

// Command implements RoundKind: the engine's decide, the host's mark and star, and the
// deadline, which cannot come while someone answers aloud.
func (k buzzerKind) Command(p *Play, cmd Command, now int64) (Outcome, bool, error) {
	var out Outcome
	var err error
	switch cmd.Name {
	case CmdDecide:
		out, err = k.decide(p, cmd)
	case CmdMark:
		out, err = k.mark(p, cmd, now)
	case CmdStar:
		out, err = k.star(p, cmd)
	case CmdDeadline:
		if buzzOf(p.State).Winner == "" {
			// The time to press or to steal is over: the common machine closes the item.
			return Outcome{}, false, nil
		}
		err = conflict("Đang chờ người dẫn chương trình chấm câu trả lời, chưa hết giờ.")
	default:
		return Outcome{}, false, nil
	}
	return out, true, err
}

// decide gives the right to answer to the earliest press by server time; of equal times, to
// the one given first (the engine gives them in arrival order).
func (buzzerKind) decide(p *Play, cmd Command) (Outcome, error) {
	st := p.State
	if st.Phase != PhaseItemOpen {
		return Outcome{}, ErrNotOpen
	}
	b := buzzOf(st)
	if b.Winner != "" {
		return Outcome{}, ErrBuzzTaken
	}
	var presses []Press
	seen := map[string]bool{}
	for _, x := range cmd.Presses {
		if seen[x.ParticipantID] || slices.Contains(b.Out, x.ParticipantID) || !p.InPlay(x.ParticipantID) {
			continue
		}
		seen[x.ParticipantID] = true
		presses = append(presses, Press{ParticipantID: x.ParticipantID, At: x.At})
	}
	if len(presses) == 0 {
		return Outcome{}, ErrNoPress
	}
	slices.SortStableFunc(presses, func(a, b Press) int { return cmp.Compare(a.At, b.At) })
	presses = presses[:min(len(presses), maxPresses)]
	for i := range presses {
		presses[i].GapMs = presses[i].At - presses[0].At
	}
	b.Winner, b.Presses, b.StealUntil = presses[0].ParticipantID, presses, 0
	st.Buzz = b
	return Outcome{State: st}, nil
}

// mark is the host's mark of the winner's answer. A right one earns the item's points (twice
// them on the winner's star) and closes the item; a wrong one costs the penalty and opens a
// steal to those not yet out, if the round has steals and anyone is left.
func (buzzerKind) mark(p *Play, cmd Command, now int64) (Outcome, error) {
	st := p.State
	b := buzzOf(st)
	if st.Phase != PhaseItemOpen || b.Winner == "" {
		return Outcome{}, ErrNoWinner
	}
	it, r, _ := p.Item(st.ItemIndex)
	s := &r.Settings
	starred := b.Star == b.Winner
	steal := b.Attempt > 0
	line := ScoreChange{ParticipantID: b.Winner, RoundID: r.ID, ItemID: it.ID, ActorID: cmd.ActorID, ActorName: cmd.ActorName}
	if cmd.Right {
		line.Points, line.Correct, line.Reason = it.Question.Points, 1, ReasonBuzzRight
		if starred {
			line.Points *= 2
		}
		if steal {
			line.Reason = ReasonStealRight
		}
		// The time of a right answer given aloud is how long the contestant took to press, so
		// that the "time of correct answers" tie-break weighs it as it weighs a typed answer.
		if len(b.Presses) > 0 {
			line.TimeMs = max(b.Presses[0].At-st.OpensAt, 0)
		}
		st.Phase, st.ClosesAt, st.Buzz = PhaseItemClosed, min(st.ClosesAt, now), b
		return Outcome{State: st, Changes: []ScoreChange{line}}, nil
	}
	penalty := s.WrongPenalty
	line.Reason = ReasonBuzzWrong
	if steal {
		penalty, line.Reason = s.StealPenalty, ReasonStealWrong
	}
	if starred {
		// The star doubles what a right answer earns; a miss costs the question's points.
		penalty = it.Question.Points
	}
	if s.NoNegative {
		penalty = min(penalty, max(p.Tallies.Points(b.Winner, r.ID), 0))
	}
	line.Points = -penalty
	b.Out = append(b.Out, b.Winner)
	if s.StealSec > 0 && slices.ContainsFunc(p.Active(), func(id string) bool { return !slices.Contains(b.Out, id) }) {
		b.Attempt++
		b.Winner, b.Presses = "", nil
		b.StealUntil = now + int64(s.StealSec)*1000
		st.ClosesAt = b.StealUntil
	} else {
		st.Phase, st.ClosesAt = PhaseItemClosed, min(st.ClosesAt, now)
	}
	st.Buzz = b
	return Outcome{State: st, Changes: []ScoreChange{line}}, nil
}

// star plays a contestant's star of hope on the open item, right after the host reads it: once
// per contestant in the round, one star per item. The line it writes marks the star as used.
func (buzzerKind) star(p *Play, cmd Command) (Outcome, error) {
	st := p.State
	if r := p.Round(); r == nil || !r.Settings.Star {
		return Outcome{}, ErrStarOff
	}
	if !p.InPlay(cmd.ParticipantID) {
		return Outcome{}, Errorf(ENOTFOUND, "Không tìm thấy thí sinh này trong cuộc thi.")
	}
	b := buzzOf(st)
	if st.Phase != PhaseItemOpen || b.Attempt > 0 || b.Winner != "" || len(b.Presses) > 0 {
		return Outcome{}, ErrStarTooLate
	}
	it, r, _ := p.Item(st.ItemIndex)
	if b.Star != "" {
		return Outcome{}, ErrStarTaken
	}
	if t := p.Tallies.Of(cmd.ParticipantID, r.ID); t != nil && t.StarUsed {
		return Outcome{}, ErrStarUsed
	}
	b.Star = cmd.ParticipantID
	st.Buzz = b
	line := ScoreChange{ParticipantID: cmd.ParticipantID, RoundID: r.ID, ItemID: it.ID, Reason: ReasonStar, ActorID: cmd.ActorID, ActorName: cmd.ActorName}
	return Outcome{State: st, Changes: []ScoreChange{line}}, nil
}

// buzzOf returns a copy of the item's buzzer state to change, a fresh one when the item has
// none yet: the engine keeps the old state until the new one is saved.
func buzzOf(st LiveState) *BuzzState {
	if st.Buzz == nil {
		return &BuzzState{}
	}
	b := *st.Buzz
	b.Presses, b.Out = slices.Clone(b.Presses), slices.Clone(b.Out)
	return &b
}
