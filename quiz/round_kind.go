package quiz

// RoundType names the rules a round is played by.
type RoundType string

// Round types.
const (
	QuizRound        RoundType = "quiz"        // everyone answers every question; fixed or speed points
	EliminationRound RoundType = "elimination" // Rung chuông vàng: a wrong or missing answer eliminates
	SpeedOrderRound  RoundType = "speed_order" // Olympia tăng tốc: points by the order of right answers
	BuzzerRound      RoundType = "buzzer"      // the first press answers aloud; steals and the star of hope
)

// RoundKind is the rules of one type of round, as pure functions of the live state and the
// time: which settings it takes, which responses it accepts, the commands of its own, and
// how an item is scored. The engine executes them without knowing any; each kind is one file.
type RoundKind interface {
	// Validate checks and normalises the round's own settings before the contest is saved.
	Validate(r *Round) error
	// Accept decides whether a contestant may respond to the current item now, with r (a
	// choice, or a press of the buzzer); nil to accept. Play.Open has checked that the item is open.
	Accept(p *Play, participantID string, r Response) error
	// Deadline is the server time (unix ms) at which the engine sends CmdDeadline, or 0: the
	// open item's close for most kinds.
	Deadline(p *Play) int64
	// Score turns an item's responses into score changes (without ids, version or stamps).
	Score(in ScoreInput) []ScoreChange
	// Command applies a command only this kind knows; handled is false for any other.
	Command(p *Play, cmd Command, now int64) (out Outcome, handled bool, err error)
}

// roundKinds are the round types a contest can have.
var roundKinds = map[RoundType]RoundKind{
	QuizRound:        quizKind{},
	EliminationRound: elimKind{},
	SpeedOrderRound:  speedKind{},
	BuzzerRound:      buzzerKind{},
}

// RoundKindOf returns the rules of a round type.
func RoundKindOf(t RoundType) (RoundKind, bool) {
	k, ok := roundKinds[t]
	return k, ok
}

// ScoredResponse is one contestant's response to an item as the rules score it.
type ScoredResponse struct {
	ParticipantID string
	Response      Response
	Grade         float64 // from the question kind: 0 wrong … 1 right
	ElapsedMs     int64   // from when the item reached the phone, pauses left out
	At            int64   // server unix ms it arrived
}

// ScoreInput is what a round kind scores an item from.
type ScoreInput struct {
	Round *Round
	Item  *Item
	// Pos is the item's place in its round, from 0.
	Pos       int
	Responses []ScoredResponse
	// Players are the contestants in play (not kicked), in join order.
	Players []string
	// Tallies are the round's results so far, before this item.
	Tallies Tallies
}
