package quiz

import (
	"cmp"
	"slices"
)

// elimKind is Rung chuông vàng: everyone on the floor answers every question, and a wrong or
// missing answer leaves it. The organiser may bring eliminated contestants back (cứu trợ)
// between questions, and the golden-bell question is held back until one to three remain.
type elimKind struct{}

// goldenBellAt is how many contestants may remain for the golden-bell question to be played.
const goldenBellAt = 3

// ErrEliminated is an answer from a contestant who is out of the round: they watch the rest.
var ErrEliminated = Errorf(ECONFLICT, "Đồng chí đã bị loại ở vòng thi này. Mời đồng chí tiếp tục theo dõi các câu hỏi còn lại.")

// Validate implements RoundKind.
func (elimKind) Validate(r *Round) error {
	if r.Scoring != FixedPoints && r.Scoring != SpeedPoints {
		return Errorf(EINVALID, "Cách tính điểm không hợp lệ: chọn điểm cố định hoặc điểm theo tốc độ.")
	}
	if g := r.Settings.GoldenBell; g < 0 || g > len(r.Items) {
		return Errorf(EINVALID, "Câu hỏi chuông vàng phải là một câu của vòng thi (từ 1 đến %d), hoặc để trống nếu không có.", len(r.Items))
	}
	return nil
}

// Accept implements RoundKind: only a contestant still on the floor answers, with a choice.
func (elimKind) Accept(p *Play, participantID string, r Response) error {
	if r.Buzz {
		return ErrBadResponse
	}
	if rd := p.Round(); rd != nil {
		if t := p.Tallies.Of(participantID, rd.ID); t != nil && t.Out {
			return ErrEliminated
		}
	}
	return nil
}

// Deadline implements RoundKind: the open question closes at its time.
func (elimKind) Deadline(p *Play) int64 { return p.OpenDeadline() }

// Score implements RoundKind: a right answer earns the item's points; a wrong answer, or none,
// eliminates. Contestants already out are left alone.
func (elimKind) Score(in ScoreInput) []ScoreChange {
	q := &in.Item.Question
	limit := int64(q.TimeLimitSec) * 1000
	byID := make(map[string]ScoredResponse, len(in.Responses))
	for _, r := range in.Responses {
		byID[r.ParticipantID] = r
	}
	var out []ScoreChange
	for _, id := range in.Players {
		if t := in.Tallies.Of(id, in.Round.ID); t != nil && t.Out {
			continue
		}
		r, answered := byID[id]
		if !answered || r.Grade < 1 {
			out = append(out, ScoreChange{ParticipantID: id, Reason: ReasonEliminated})
			continue
		}
		points := Score(in.Round.Scoring, q.Points, r.ElapsedMs, limit)
		out = append(out, ScoreChange{ParticipantID: id, Points: points, TimeMs: r.ElapsedMs, Correct: 1, Reason: ReasonAnswer})
	}
	return out
}

// Command implements RoundKind: rescues, and next and skip, which hold the golden-bell
// question back.
func (elimKind) Command(p *Play, cmd Command, now int64) (Outcome, bool, error) {
	st := p.State
	switch cmd.Name {
	case CmdRescue:
		out, err := rescue(p, cmd)
		return out, true, err
	case CmdNext:
		// Other moments get the common machine's refusals.
		if st.Phase != PhaseRoundIntro && st.Phase != PhaseReveal && st.Phase != PhaseStandings {
			return Outcome{}, false, nil
		}
		next, err := nextElimItem(p, now)
		return Outcome{State: next}, true, err
	case CmdSkip:
		if st.Phase != PhaseItemOpen && st.Phase != PhaseItemClosed {
			return Outcome{}, false, nil
		}
		next, err := nextElimItem(p, now)
		return Outcome{State: next, Seal: true}, true, err
	}
	return Outcome{}, false, nil
}

// nextElimItem is the state after the current item or round intro of an elimination round:
// the golden-bell question once one to three remain or nothing else is left, the round's end
// after it, or else the next other question.
func nextElimItem(p *Play, now int64) (LiveState, error) {
	st := p.State
	ri := st.RoundIndex
	first, end := p.RoundItems(ri)
	bell := -1
	if g := p.Contest.Rounds[ri].Settings.GoldenBell; g > 0 && first+g-1 < end {
		bell = first + g - 1
	}
	cur := st.ItemIndex
	played := cur >= first && cur < end
	if played && cur == bell {
		return p.NextRound(st), nil
	}
	plain := -1
	for i := max(cur+1, first); i < end; i++ {
		if i != bell {
			plain = i
			break
		}
	}
	// A round with nothing left to play ends even with nobody on the floor: a rescue then
	// would change nothing. Before its first question nobody can be out.
	if plain < 0 && bell < 0 {
		return p.NextRound(st), nil
	}
	if played {
		n := len(Survivors(p, ri))
		if n == 0 {
			return LiveState{}, conflict("Không còn thí sinh nào trên sàn thi. Hãy cứu trợ để có thí sinh thi tiếp câu sau.")
		}
		if bell >= 0 && n <= goldenBellAt {
			return p.OpenItem(st, bell, now), nil
		}
	}
	if plain >= 0 {
		return p.OpenItem(st, plain, now), nil
	}
	return p.OpenItem(st, bell, now), nil
}

// rescue brings eliminated contestants back to the floor of the current round: all of them,
// the best n, or those named.
func rescue(p *Play, cmd Command) (Outcome, error) {
	st := p.State
	ri := st.RoundIndex
	first, _ := p.RoundItems(ri)
	between := st.Phase == PhaseReveal || st.Phase == PhaseStandings || (st.Phase == PhaseRoundIntro && first >= 0 && st.ItemIndex >= first)
	if !between {
		return Outcome{}, conflict("Chỉ cứu trợ được giữa hai câu hỏi, sau khi đã công bố đáp án.")
	}
	ways := 0
	for _, set := range []bool{cmd.All, cmd.Best != 0, len(cmd.ParticipantIDs) > 0} {
		if set {
			ways++
		}
	}
	switch {
	case ways == 0:
		return Outcome{}, Errorf(EINVALID, "Hãy chọn cứu trợ tất cả, một số thí sinh điểm cao nhất, hoặc từng thí sinh.")
	case ways > 1:
		return Outcome{}, Errorf(EINVALID, "Chỉ chọn một cách cứu trợ: tất cả, theo điểm cao nhất, hoặc từng thí sinh.")
	case cmd.Best < 0:
		return Outcome{}, Errorf(EINVALID, "Số thí sinh được cứu trợ phải lớn hơn 0.")
	}
	note, err := CleanText(cmd.Reason, TextRule{Field: "lý do cứu trợ", Max: MaxReasonLen})
	if err != nil {
		return Outcome{}, err
	}
	round := &p.Contest.Rounds[ri]
	isOut := func(id string) bool {
		t := p.Tallies.Of(id, round.ID)
		return t != nil && t.Out
	}
	var back []string
	if len(cmd.ParticipantIDs) > 0 {
		for _, id := range cmd.ParticipantIDs {
			switch {
			case !p.InPlay(id):
				return Outcome{}, Errorf(ENOTFOUND, "Không tìm thấy thí sinh được chọn cứu trợ trong cuộc thi.")
			case !isOut(id):
				return Outcome{}, Errorf(EINVALID, "Một thí sinh được chọn vẫn đang thi ở vòng này, không cần cứu trợ. Hãy chỉ chọn thí sinh đã bị loại.")
			case !slices.Contains(back, id):
				back = append(back, id)
			}
		}
	} else {
		var out []string
		for _, id := range p.Active() {
			if isOut(id) {
				out = append(out, id)
			}
		}
		if cmd.Best > 0 {
			out = rankInRound(p, round, out)
			out = out[:min(cmd.Best, len(out))]
		}
		back = out
	}
	if len(back) == 0 {
		return Outcome{}, conflict("Không có thí sinh nào bị loại để cứu trợ.")
	}
	changes := make([]ScoreChange, len(back))
	for i, id := range back {
		changes[i] = ScoreChange{ParticipantID: id, RoundID: round.ID, Reason: ReasonRescued, Note: note, ActorID: cmd.ActorID, ActorName: cmd.ActorName}
	}
	return Outcome{State: st, Changes: changes}, nil
}

// Survivors returns who remains on the floor of round round (from 0): contestants in play and
// not out, best first by points in the round, then less time, then who joined first.
func Survivors(p *Play, round int) []string {
	if round < 0 || round >= len(p.Contest.Rounds) {
		return nil
	}
	r := &p.Contest.Rounds[round]
	var in []string
	for _, id := range p.Active() {
		if t := p.Tallies.Of(id, r.ID); t == nil || !t.Out {
			in = append(in, id)
		}
	}
	return rankInRound(p, r, in)
}

// rankInRound orders ids (in join order) by points in round r, then less time; the stable
// sort keeps join order for the rest.
func rankInRound(p *Play, r *Round, ids []string) []string {
	tally := func(id string) Tally {
		if t := p.Tallies.Of(id, r.ID); t != nil {
			return *t
		}
		return Tally{}
	}
	slices.SortStableFunc(ids, func(a, b string) int {
		ta, tb := tally(a), tally(b)
		if d := cmp.Compare(tb.Points, ta.Points); d != 0 {
			return d
		}
		return cmp.Compare(ta.TimeMs, tb.TimeMs)
	})
	return ids
}
