package quiz

// Commands an organiser sends from the control panel (api/API.md, "Commands").
const (
	CmdStart     = "start"
	CmdNext      = "next"
	CmdClose     = "close"
	CmdReveal    = "reveal"
	CmdStandings = "standings"
	CmdPause     = "pause"
	CmdResume    = "resume"
	CmdFinish    = "finish"
	CmdLock      = "lock"   // "Khoá phòng chờ": no new contestants; resumes still work
	CmdUnlock    = "unlock" // opens the lobby again
	CmdExtend    = "extend" // more time for the open item: Seconds
	CmdSkip      = "skip"   // drop the current item: its answers count for nothing
	CmdAdjust    = "adjust" // correct a contestant's points in a round: Points, Reason
	CmdRescue    = "rescue" // elimination: bring back All, the Best n, or ParticipantIDs
	CmdMark      = "mark"   // buzzer: the answer given aloud is Right or not
	CmdStar      = "star"   // buzzer: ParticipantID plays the star of hope on the current item
	// CmdDecide is the engine's own command when presses arrived on a buzzer item: Presses
	// are the current attempt's presses as the live store holds them.
	CmdDecide = "decide"
	// CmdDeadline is the engine's own command when the open item's time is up.
	CmdDeadline = "deadline"
)

// MaxExtendSec bounds one extension of an item's time.
const MaxExtendSec = 600

// Command is an organiser's command with its arguments. Version is the live state version the
// organiser saw, so a double press or two organisers at once never skip a question.
type Command struct {
	Name    string
	Version int64
	// ParticipantID is whom the command is about (adjust, star); ParticipantIDs whom a
	// rescue brings back, unless All or Best (the best n of the round so far) is given.
	ParticipantID  string
	ParticipantIDs []string
	All            bool
	Best           int
	// Right is the host's mark of an answer given aloud (mark).
	Right bool
	// Presses are a buzzer item's presses (decide), from the live store.
	Presses []Press
	// Round is the round an adjustment is for, numbered from 1; the current round when 0.
	Round   int
	Points  int
	Reason  string
	Seconds int
	// ActorID and ActorName are who sent it, for the ledger.
	ActorID, ActorName string
}

// Play is the live state of a contest with what the rules read from it: its items in play
// order and each contestant's results so far.
type Play struct {
	Contest *Contest
	State   LiveState
	Tallies Tallies
	// InPlay reports whether a participant takes part (joined and not kicked).
	InPlay func(participantID string) bool
	// Active lists the participants who take part, in join order.
	Active func() []string

	items   []Item
	roundOf []int // the round of each item
}

// NewPlay returns the play of contest c in state st.
func NewPlay(c *Contest, st LiveState, t Tallies) *Play {
	p := &Play{Contest: c, State: st, Tallies: t, InPlay: func(string) bool { return false }, Active: func() []string { return nil }}
	for ri, r := range c.Rounds {
		for _, it := range r.Items {
			p.items = append(p.items, it)
			p.roundOf = append(p.roundOf, ri)
		}
	}
	return p
}

// Items returns every item in play order.
func (p *Play) Items() []Item { return p.items }

// Item returns item i and its round, or false when there is none.
func (p *Play) Item(i int) (*Item, *Round, bool) {
	if i < 0 || i >= len(p.items) {
		return nil, nil, false
	}
	return &p.items[i], &p.Contest.Rounds[p.roundOf[i]], true
}

// Round returns the round being played or introduced.
func (p *Play) Round() *Round {
	if i := p.State.RoundIndex; i >= 0 && i < len(p.Contest.Rounds) {
		return &p.Contest.Rounds[i]
	}
	return nil
}

// Kind returns the rules of the round being played.
func (p *Play) Kind() RoundKind {
	if r := p.Round(); r != nil {
		if k, ok := RoundKindOf(r.Kind); ok {
			return k
		}
	}
	return quizKind{}
}

// Outcome is what a command does: the next state, and the effects the engine carries out with
// it, in the same transaction.
type Outcome struct {
	State LiveState
	// Score asks for the item of the previous state to be scored by its round's rules from
	// its responses, which no longer change.
	Score bool
	// Seal closes the previous state's item to responses without scoring it (a skipped item).
	Seal bool
	// Changes are score changes the command makes itself, such as an adjustment.
	Changes []ScoreChange
}

func conflict(format string, args ...any) error { return Errorf(ECONFLICT, format, args...) }

// ErrStaleVersion is a command sent for a state that has changed since the organiser saw it.
var ErrStaleVersion = conflict("Màn hình điều khiển chưa cập nhật (trạng thái đã thay đổi). Vui lòng xem lại và bấm lại.")

// whilePaused are the commands a paused contest still takes.
var whilePaused = map[string]bool{CmdResume: true, CmdFinish: true, CmdLock: true, CmdUnlock: true, CmdAdjust: true, CmdExtend: true}

// Step applies a command to the play at server time now (unix ms): the next state and its
// effects, or an error in words the organiser understands. It changes nothing itself.
func Step(p *Play, cmd Command, now int64) (Outcome, error) {
	st := p.State
	if cmd.Version != st.Version {
		return Outcome{}, ErrStaleVersion
	}
	if cmd.Name == CmdAdjust {
		return adjust(p, cmd, now)
	}
	if st.Phase == PhaseFinished {
		return Outcome{}, conflict("Cuộc thi đã kết thúc.")
	}
	if st.Paused && !whilePaused[cmd.Name] {
		return Outcome{}, conflict("Cuộc thi đang tạm dừng. Bấm “Tiếp tục” trước.")
	}
	if out, handled, err := p.Kind().Command(p, cmd, now); handled {
		return out, err
	}
	next := st
	out := Outcome{}
	itemOpen := st.Phase == PhaseItemOpen || st.Phase == PhaseItemClosed
	switch cmd.Name {
	case CmdStart:
		if st.Phase != PhaseLobby {
			return Outcome{}, conflict("Cuộc thi đã bắt đầu rồi.")
		}
		next.Phase, next.RoundIndex = PhaseRoundIntro, 0
	case CmdNext:
		switch st.Phase {
		case PhaseRoundIntro, PhaseReveal, PhaseStandings:
		case PhaseLobby:
			return Outcome{}, conflict("Hãy bấm “Bắt đầu” trước.")
		case PhaseItemClosed:
			// Moving on would leave the room without the right answer.
			return Outcome{}, conflict("Hãy bấm “Công bố đáp án” trước khi sang câu tiếp theo.")
		default:
			return Outcome{}, conflict("Câu hỏi đang mở. Hãy kết thúc câu hỏi trước.")
		}
		next = p.advance(next, now)
	case CmdClose, CmdDeadline:
		if st.Phase != PhaseItemOpen {
			return Outcome{}, conflict("Không có câu hỏi nào đang mở.")
		}
		next.Phase = PhaseItemClosed
		next.ClosesAt = min(next.ClosesAt, now)
	case CmdReveal:
		if st.Phase != PhaseItemClosed {
			return Outcome{}, conflict("Chỉ công bố đáp án sau khi câu hỏi đã kết thúc.")
		}
		next.Phase, out.Score = PhaseReveal, true
	case CmdStandings:
		if st.Phase != PhaseReveal && st.Phase != PhaseItemClosed && st.Phase != PhaseRoundIntro {
			return Outcome{}, conflict("Chưa thể xem bảng xếp hạng lúc này.")
		}
		next.Phase, out.Score = PhaseStandings, st.Phase == PhaseItemClosed
	case CmdPause:
		if st.Phase == PhaseLobby {
			return Outcome{}, conflict("Cuộc thi chưa bắt đầu.")
		}
		next.Paused, next.PausedAt = true, now
		if st.Phase == PhaseItemOpen {
			next.PausedRemainingMs = max(0, next.ClosesAt-now)
		}
	case CmdResume:
		if !st.Paused {
			return Outcome{}, conflict("Cuộc thi không tạm dừng.")
		}
		next.Paused = false
		if st.Phase == PhaseItemOpen {
			next.ClosesAt = now + next.PausedRemainingMs
			next.PausedTotalMs += now - next.PausedAt
		}
		next.PausedRemainingMs, next.PausedAt = 0, 0
	case CmdFinish:
		next.Phase, next.Paused, out.Score = PhaseFinished, false, itemOpen
	case CmdLock:
		if st.Locked {
			return Outcome{}, conflict("Phòng chờ đã khoá rồi.")
		}
		next.Locked = true
	case CmdUnlock:
		if !st.Locked {
			return Outcome{}, conflict("Phòng chờ đang mở.")
		}
		next.Locked = false
	case CmdExtend:
		if st.Phase != PhaseItemOpen {
			return Outcome{}, conflict("Chỉ thêm giờ khi câu hỏi đang mở.")
		}
		if cmd.Seconds < 1 || cmd.Seconds > MaxExtendSec {
			return Outcome{}, Errorf(EINVALID, "Số giây thêm phải từ 1 đến %d.", MaxExtendSec)
		}
		add := int64(cmd.Seconds) * 1000
		if st.Paused {
			next.PausedRemainingMs += add
		} else {
			next.ClosesAt = max(next.ClosesAt, now) + add
		}
	case CmdSkip:
		if !itemOpen {
			return Outcome{}, conflict("Chỉ bỏ qua được câu hỏi đang mở hoặc vừa kết thúc.")
		}
		next, out.Seal = p.advance(next, now), true
	default:
		return Outcome{}, Errorf(EINVALID, "Lệnh điều khiển không hợp lệ.")
	}
	out.State = next
	return out, nil
}

// graceMs is added to an item's deadline for the network delay of the last tap.
const graceMs = 500

// advance moves past the current item or round intro: the next item of the round, the next
// round's intro, or the end.
func (p *Play) advance(st LiveState, now int64) LiveState {
	i := st.ItemIndex + 1
	if st.Phase == PhaseRoundIntro || (i < len(p.items) && p.roundOf[i] == st.RoundIndex) {
		return p.OpenItem(st, i, now)
	}
	return p.NextRound(st)
}

// OpenItem is st with item i open from now, for its time limit and a grace for the network.
func (p *Play) OpenItem(st LiveState, i int, now int64) LiveState {
	it := p.items[i]
	st.ItemIndex, st.RoundIndex, st.Phase = i, p.roundOf[i], PhaseItemOpen
	st.OpensAt, st.ClosesAt = now, now+int64(it.Question.TimeLimitSec)*1000+graceMs
	st.PausedTotalMs, st.PausedRemainingMs, st.PausedAt, st.Paused = 0, 0, 0, false
	st.Buzz = nil
	return st
}

// NextRound is st at the next round's intro, or finished after the last round. The items of
// the round not played are passed over.
func (p *Play) NextRound(st LiveState) LiveState {
	if st.RoundIndex+1 < len(p.Contest.Rounds) {
		st.RoundIndex, st.Phase = st.RoundIndex+1, PhaseRoundIntro
		// The next item to open is the new round's first.
		for i, r := range p.roundOf {
			if r == st.RoundIndex {
				st.ItemIndex = i - 1
				break
			}
		}
	} else {
		st.Phase = PhaseFinished
	}
	st.Paused, st.Buzz = false, nil
	return st
}

// RoundItems returns the indexes (in play order) of the first and one past the last item of
// round r.
func (p *Play) RoundItems(r int) (first, end int) {
	first = -1
	for i, x := range p.roundOf {
		if x == r {
			if first < 0 {
				first = i
			}
			end = i + 1
		}
	}
	return first, end
}

// adjust is an organiser's correction of a contestant's points in a round.
func adjust(p *Play, cmd Command, now int64) (Outcome, error) {
	if !p.InPlay(cmd.ParticipantID) {
		return Outcome{}, Errorf(ENOTFOUND, "Không tìm thấy thí sinh này trong cuộc thi.")
	}
	ri := cmd.Round - 1
	if cmd.Round == 0 {
		ri = p.State.RoundIndex
	}
	if ri < 0 || ri >= len(p.Contest.Rounds) {
		return Outcome{}, Errorf(EINVALID, "Vòng thi cần sửa điểm không có trong cuộc thi.")
	}
	if cmd.Points == 0 || cmd.Points < -MaxAdjustment || cmd.Points > MaxAdjustment {
		return Outcome{}, Errorf(EINVALID, "Số điểm cộng hoặc trừ phải khác 0 và không quá %d.", MaxAdjustment)
	}
	reason, err := CleanText(cmd.Reason, TextRule{Field: "lý do sửa điểm", Max: MaxReasonLen, Required: true})
	if err != nil {
		return Outcome{}, err
	}
	ch := ScoreChange{ParticipantID: cmd.ParticipantID, RoundID: p.Contest.Rounds[ri].ID, Points: cmd.Points,
		Reason: ReasonAdjust, Note: reason, ActorID: cmd.ActorID, ActorName: cmd.ActorName}
	return Outcome{State: p.State, Changes: []ScoreChange{ch}}, nil
}
