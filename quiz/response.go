package quiz

// Why a response is not taken. The engine tells the phone, and acks a response stored before.
var (
	ErrNotOpen    = Errorf(ECONFLICT, "Câu hỏi này không còn mở.")
	ErrNotYetOpen = Errorf(ECONFLICT, "Câu hỏi này chưa mở.")
	ErrClosed     = Errorf(ECONFLICT, "Đã hết giờ trả lời câu này.")
	ErrPaused     = Errorf(ECONFLICT, "Cuộc thi đang tạm dừng.")
)

// Open reports whether item i takes responses at server time now: ErrClosed, ErrPaused or
// ErrNotYetOpen if not.
func (p *Play) Open(i int, now int64) error {
	st := p.State
	open := st.Phase == PhaseItemOpen && st.ItemIndex == i
	switch {
	case open && st.Paused:
		return ErrPaused
	case open && now <= st.ClosesAt:
		return nil
	case open || i <= st.ItemIndex:
		return ErrClosed
	default:
		return ErrNotYetOpen
	}
}

// OpenDeadline is when the open, running item closes, or 0.
func (p *Play) OpenDeadline() int64 {
	if st := p.State; st.Phase == PhaseItemOpen && !st.Paused {
		return st.ClosesAt
	}
	return 0
}

// Accept checks a contestant's response to the open item i by its round's and question's
// rules, and returns it parsed with its grade.
func (p *Play) Accept(participantID string, i int, r Response, now int64) (Response, float64, error) {
	it, _, ok := p.Item(i)
	if !ok {
		return Response{}, 0, ErrNotOpen
	}
	var grade float64
	if !r.Buzz {
		var err error
		if r, grade, err = Grade(&it.Question, r); err != nil {
			return Response{}, 0, err
		}
	}
	if err := p.Open(i, now); err != nil {
		return Response{}, 0, err
	}
	if err := p.Kind().Accept(p, participantID, r); err != nil {
		return Response{}, 0, err
	}
	return r, grade, nil
}
