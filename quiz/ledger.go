package quiz

import "time"

// ScoreReason says why a contestant's score changed.
type ScoreReason string

// Reasons of score changes.
const (
	ReasonAnswer ScoreReason = "answer" // a right (or, with partial credit, partly right) answer, scored by the round's rules
	ReasonAdjust ScoreReason = "adjust" // the organiser's correction, with a note saying why
	// ReasonEliminated takes a contestant out of an elimination round (no points); ReasonRescued
	// brings one back (cứu trợ).
	ReasonEliminated ScoreReason = "eliminated"
	ReasonRescued    ScoreReason = "rescued"
	// ReasonBuzzRight and ReasonBuzzWrong are the host's marks of an answer given aloud after
	// winning the buzzer; ReasonStealRight and ReasonStealWrong the same for a steal.
	ReasonBuzzRight  ScoreReason = "buzz_right"
	ReasonBuzzWrong  ScoreReason = "buzz_wrong"
	ReasonStealRight ScoreReason = "steal_right"
	ReasonStealWrong ScoreReason = "steal_wrong"
	// ReasonStar records that a contestant played their star of hope (no points by itself).
	ReasonStar ScoreReason = "star"
)

// MaxAdjustment bounds one correction, so a slip of the keyboard cannot bury a contestant.
const MaxAdjustment = 100000

// ScoreChange is one line of a contest's score ledger: who gained or lost what, in which
// round and item, why, and who decided it. The ledger is append-only; scores and standings
// are folded from it, and it is the audit log of every score.
type ScoreChange struct {
	ID            string      `json:"id"`
	ContestID     string      `json:"contest_id"`
	Version       int64       `json:"version"` // the live state version whose transition wrote it
	ParticipantID string      `json:"participant_id"`
	RoundID       string      `json:"round_id"`
	ItemID        string      `json:"item_id"` // empty for a change not tied to an item
	Points        int         `json:"points"`
	TimeMs        int64       `json:"time_ms"` // response time of a right answer
	Correct       int         `json:"correct"` // 1 for a right answer
	Streak        int         `json:"streak"`  // right answers in a row, this one included
	Reason        ScoreReason `json:"reason"`
	Note          string      `json:"note"` // the organiser's words, for an adjustment
	ActorID       string      `json:"actor_id"`
	ActorName     string      `json:"actor_name"`
	Before        int         `json:"before"` // the contestant's points in the round before
	After         int         `json:"after"`
	At            time.Time   `json:"at"`
}

// Tally is a contestant's result in one round, folded from the ledger.
type Tally struct {
	Points  int
	TimeMs  int64
	Correct int
	// Streak is how many right answers in a row ended with the item at LastRight (its place
	// in the round, -1 before any).
	Streak    int
	LastRight int
	// Out is set while the contestant is eliminated from the round.
	Out bool
	// StarUsed is set once the contestant has played the round's star of hope.
	StarUsed bool
}

// Tallies are every contestant's results, by participant and round.
type Tallies map[string]map[string]*Tally

// Of returns a contestant's tally of a round, or nil.
func (t Tallies) Of(participantID, roundID string) *Tally { return t[participantID][roundID] }

// Points returns a contestant's points in a round.
func (t Tallies) Points(participantID, roundID string) int {
	if x := t.Of(participantID, roundID); x != nil {
		return x.Points
	}
	return 0
}

// Apply adds one ledger line; pos is the place in its round of the line's item (-1 if none).
func (t Tallies) Apply(ch ScoreChange, pos int) {
	rounds := t[ch.ParticipantID]
	if rounds == nil {
		rounds = map[string]*Tally{}
		t[ch.ParticipantID] = rounds
	}
	x := rounds[ch.RoundID]
	if x == nil {
		x = &Tally{LastRight: -1}
		rounds[ch.RoundID] = x
	}
	x.Points += ch.Points
	x.TimeMs += ch.TimeMs
	x.Correct += ch.Correct
	if ch.Correct > 0 && pos >= 0 {
		x.Streak, x.LastRight = ch.Streak, pos
	}
	switch ch.Reason {
	case ReasonEliminated:
		x.Out = true
	case ReasonRescued:
		x.Out = false
	case ReasonStar:
		x.StarUsed = true
	}
}

// Fold adds ledger lines of contest c, in ledger order.
func (t Tallies) Fold(c *Contest, changes []ScoreChange) {
	places := c.ItemPlaces()
	for _, ch := range changes {
		pos := -1
		if at, ok := places[ch.ItemID]; ok {
			pos = at.Pos
		}
		t.Apply(ch, pos)
	}
}

// Stamp fills in the before and after of each change from the tallies, in order, without
// applying them: what the audit log shows.
func (t Tallies) Stamp(changes []ScoreChange) {
	running := map[[2]string]int{}
	for i := range changes {
		ch := &changes[i]
		k := [2]string{ch.ParticipantID, ch.RoundID}
		before, ok := running[k]
		if !ok {
			before = t.Points(ch.ParticipantID, ch.RoundID)
		}
		ch.Before, ch.After = before, before+ch.Points
		running[k] = ch.After
	}
}
