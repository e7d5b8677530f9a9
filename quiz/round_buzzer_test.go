package quiz

import (
	"fmt"
	"slices"
	"testing"
)

// buzzContest is a buzzer round of two questions worth 10 points, 20 s to press, with s.
func buzzContest(s RoundSettings) *Contest {
	q := Question{Type: SingleChoice, Options: []string{"A", "B"}, Correct: []int{0}, TimeLimitSec: 20, Points: 10}
	return &Contest{Rounds: []Round{{ID: "r", Kind: BuzzerRound, Scoring: FixedPoints, Settings: s,
		Items: []Item{{ID: "i1", Question: q}, {ID: "i2", Question: q}}}}}
}

// buzzGame plays a buzzer contest through Step and Play.Accept as the engine does: each
// outcome's state is saved with the next version and its lines are added to the tallies.
type buzzGame struct {
	t       *testing.T
	c       *Contest
	st      LiveState
	tallies Tallies
	players []string
	lines   []ScoreChange
}

// newBuzzGame is the first question of a buzzer round with s open at 0, for an, binh and chi.
func newBuzzGame(t *testing.T, s RoundSettings) *buzzGame {
	g := &buzzGame{t: t, c: buzzContest(s), st: lobby(), tallies: Tallies{}, players: []string{"an", "binh", "chi"}}
	g.must(Command{Name: CmdStart}, 0)
	g.must(Command{Name: CmdNext}, 0)
	return g
}

func (g *buzzGame) play() *Play {
	p := NewPlay(g.c, g.st, g.tallies)
	p.InPlay = func(id string) bool { return slices.Contains(g.players, id) }
	p.Active = func() []string { return g.players }
	return p
}

// do sends cmd at server time at; on success the game moves on.
func (g *buzzGame) do(cmd Command, at int64) error {
	cmd.Version = g.st.Version
	p := g.play()
	out, err := Step(p, cmd, at)
	if err != nil {
		return err
	}
	for _, ch := range out.Changes {
		pos := -1
		if place, ok := g.c.ItemPlaces()[ch.ItemID]; ok {
			pos = place.Pos
		}
		g.tallies.Apply(ch, pos)
	}
	g.lines = append(g.lines, out.Changes...)
	g.st = out.State
	g.st.Version++
	return nil
}

func (g *buzzGame) must(cmd Command, at int64) {
	g.t.Helper()
	if err := g.do(cmd, at); err != nil {
		g.t.Fatalf("%s at %d: %v", cmd.Name, at, err)
	}
}

// press is a contestant's press of the open item at server time at.
func (g *buzzGame) press(id string, at int64) error {
	_, _, err := g.play().Accept(id, g.st.ItemIndex, Response{Buzz: true}, at)
	return err
}

// win has id press at at and the engine decide on that press alone.
func (g *buzzGame) win(id string, at int64) {
	g.t.Helper()
	if err := g.press(id, at); err != nil {
		g.t.Fatalf("%s presses at %d: %v", id, at, err)
	}
	g.must(Command{Name: CmdDecide, Presses: []Press{{ParticipantID: id, At: at}}}, at)
}

func (g *buzzGame) mark(right bool, at int64) {
	g.t.Helper()
	g.must(Command{Name: CmdMark, Right: right}, at)
}

func (g *buzzGame) buzz() BuzzState {
	if g.st.Buzz == nil {
		return BuzzState{}
	}
	return *g.st.Buzz
}

// ledger is the lines written so far, as the audit log reads them.
func (g *buzzGame) ledger() []string {
	var out []string
	for _, ch := range g.lines {
		out = append(out, fmt.Sprintf("%s %s %+d", ch.ParticipantID, ch.Reason, ch.Points))
	}
	return out
}

func TestTheFirstPressByServerTimeWinsTheRightToAnswer(t *testing.T) {
	tests := []struct {
		name    string
		out     []string // marked wrong before these presses
		presses []Press
		winner  string
		order   []string
		gaps    []int64
	}{
		{
			name:    "the earliest server time wins whatever the order they came in",
			presses: []Press{{ParticipantID: "binh", At: 1200}, {ParticipantID: "an", At: 1100}, {ParticipantID: "chi", At: 1350}},
			winner:  "an", order: []string{"an", "binh", "chi"}, gaps: []int64{0, 100, 250},
		},
		{
			name:    "of two presses at the same time the one that came first wins",
			presses: []Press{{ParticipantID: "chi", At: 1100}, {ParticipantID: "an", At: 1100}},
			winner:  "chi", order: []string{"chi", "an"}, gaps: []int64{0, 0},
		},
		{
			name:    "a press of a contestant marked wrong on the item counts for nothing",
			out:     []string{"an"},
			presses: []Press{{ParticipantID: "an", At: 1000}, {ParticipantID: "binh", At: 1200}},
			winner:  "binh", order: []string{"binh"}, gaps: []int64{0},
		},
		{
			name:    "a press of someone not in play counts for nothing",
			presses: []Press{{ParticipantID: "kicked", At: 1000}, {ParticipantID: "binh", At: 1200}},
			winner:  "binh", order: []string{"binh"}, gaps: []int64{0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newBuzzGame(t, RoundSettings{StealSec: 5})
			g.st.Buzz = &BuzzState{Out: tt.out}
			g.must(Command{Name: CmdDecide, Presses: tt.presses}, 2000)
			b := g.buzz()
			var order []string
			var gaps []int64
			for _, x := range b.Presses {
				order, gaps = append(order, x.ParticipantID), append(gaps, x.GapMs)
			}
			if b.Winner != tt.winner || !slices.Equal(order, tt.order) || !slices.Equal(gaps, tt.gaps) {
				t.Fatalf("winner %q, presses %v with gaps %v; want %q, %v, %v", b.Winner, order, gaps, tt.winner, tt.order, tt.gaps)
			}
			if g.st.Phase != PhaseItemOpen || (buzzerKind{}).Deadline(g.play()) != 0 {
				t.Fatalf("while the winner answers aloud: phase %s, deadline %d; want the item open with no timer", g.st.Phase, (buzzerKind{}).Deadline(g.play()))
			}
		})
	}
}

func TestTheScreensShowTheFirstTenPresses(t *testing.T) {
	g := newBuzzGame(t, RoundSettings{})
	var presses []Press
	for i := range 12 {
		id := fmt.Sprintf("p%02d", i)
		g.players = append(g.players, id)
		presses = append(presses, Press{ParticipantID: id, At: int64(1000 + i)})
	}
	g.must(Command{Name: CmdDecide, Presses: presses}, 2000)
	if b := g.buzz(); len(b.Presses) != 10 || b.Presses[9].ParticipantID != "p09" || b.Presses[9].GapMs != 9 {
		t.Fatalf("presses %+v, want p00…p09", b.Presses)
	}
}

func TestTheHostsMarkScoresTheAnswerGivenAloud(t *testing.T) {
	type want struct {
		ledger  []string
		phase   Phase
		attempt int
		out     []string
	}
	tests := []struct {
		name     string
		settings RoundSettings
		players  []string
		before   int // an's points in the round before the question
		play     func(g *buzzGame)
		want     want
	}{
		{
			name:     "a right answer earns the question's points and closes it",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(true, 4000) },
			want:     want{[]string{"an buzz_right +10"}, PhaseItemClosed, 0, nil},
		},
		{
			name:     "a wrong answer costs the penalty and lets the others steal",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5},
			before:   20,
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000) },
			want:     want{[]string{"an buzz_wrong -5"}, PhaseItemOpen, 1, []string{"an"}},
		},
		{
			name:     "without negative points a wrong answer takes only what the contestant has",
			settings: RoundSettings{WrongPenalty: 5, NoNegative: true},
			before:   3,
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000) },
			want:     want{[]string{"an buzz_wrong -3"}, PhaseItemClosed, 0, []string{"an"}},
		},
		{
			name:     "a wrong answer at zero points is still written down",
			settings: RoundSettings{WrongPenalty: 5, NoNegative: true},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000) },
			want:     want{[]string{"an buzz_wrong +0"}, PhaseItemClosed, 0, []string{"an"}},
		},
		{
			name:     "negative points are allowed unless the round forbids them",
			settings: RoundSettings{WrongPenalty: 5},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000) },
			want:     want{[]string{"an buzz_wrong -5"}, PhaseItemClosed, 0, []string{"an"}},
		},
		{
			name:     "a right steal earns the question's points",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5, StealPenalty: 3},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000); g.win("binh", 5000); g.mark(true, 7000) },
			want:     want{[]string{"an buzz_wrong -5", "binh steal_right +10"}, PhaseItemClosed, 1, []string{"an"}},
		},
		{
			name:     "a wrong steal costs the steal penalty and opens another steal",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5, StealPenalty: 3},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000); g.win("binh", 5000); g.mark(false, 7000) },
			want:     want{[]string{"an buzz_wrong -5", "binh steal_wrong -3"}, PhaseItemOpen, 2, []string{"an", "binh"}},
		},
		{
			name:     "no steal opens when everyone in play is out",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5, StealPenalty: 3},
			players:  []string{"an", "binh"},
			play:     func(g *buzzGame) { g.win("an", 1000); g.mark(false, 4000); g.win("binh", 5000); g.mark(false, 7000) },
			want:     want{[]string{"an buzz_wrong -5", "binh steal_wrong -3"}, PhaseItemClosed, 1, []string{"an", "binh"}},
		},
		{
			name:     "the end of the steal window closes the question",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5},
			play: func(g *buzzGame) {
				g.win("an", 1000)
				g.mark(false, 4000)
				g.must(Command{Name: CmdDeadline}, (buzzerKind{}).Deadline(g.play()))
			},
			want: want{[]string{"an buzz_wrong -5"}, PhaseItemClosed, 1, []string{"an"}},
		},
		{
			name:     "the star doubles a right answer",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5, Star: true},
			play: func(g *buzzGame) {
				g.must(Command{Name: CmdStar, ParticipantID: "an"}, 500)
				g.win("an", 1000)
				g.mark(true, 4000)
			},
			want: want{[]string{"an star +0", "an buzz_right +20"}, PhaseItemClosed, 0, nil},
		},
		{
			name:     "a miss on the star costs the question's points",
			settings: RoundSettings{WrongPenalty: 5, StealSec: 5, Star: true},
			before:   30,
			play: func(g *buzzGame) {
				g.must(Command{Name: CmdStar, ParticipantID: "an"}, 500)
				g.win("an", 1000)
				g.mark(false, 4000)
			},
			want: want{[]string{"an star +0", "an buzz_wrong -10"}, PhaseItemOpen, 1, []string{"an"}},
		},
		{
			name:     "someone else's star does not double a steal",
			settings: RoundSettings{StealSec: 5, Star: true},
			play: func(g *buzzGame) {
				g.must(Command{Name: CmdStar, ParticipantID: "an"}, 500)
				g.win("an", 1000)
				g.mark(false, 4000)
				g.win("chi", 5000)
				g.mark(true, 7000)
			},
			want: want{[]string{"an star +0", "an buzz_wrong -10", "chi steal_right +10"}, PhaseItemClosed, 1, []string{"an"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newBuzzGame(t, tt.settings)
			if tt.players != nil {
				g.players = tt.players
			}
			if tt.before != 0 {
				g.tallies.Apply(ScoreChange{ParticipantID: "an", RoundID: "r", Points: tt.before, Reason: ReasonAdjust}, -1)
			}
			tt.play(g)
			b := g.buzz()
			if got := g.ledger(); !slices.Equal(got, tt.want.ledger) {
				t.Fatalf("ledger %q, want %q", got, tt.want.ledger)
			}
			if g.st.Phase != tt.want.phase || b.Attempt != tt.want.attempt || !slices.Equal(b.Out, tt.want.out) {
				t.Fatalf("phase %s, attempt %d, out %v; want %s, %d, %v", g.st.Phase, b.Attempt, b.Out, tt.want.phase, tt.want.attempt, tt.want.out)
			}
			if g.st.Phase == PhaseItemOpen && (b.Winner != "" || len(b.Presses) != 0 || b.StealUntil == 0 || b.StealUntil != g.st.ClosesAt) {
				t.Fatalf("an open steal: %+v, the question closing at %d; want no winner, no presses, presses taken until the window ends", b, g.st.ClosesAt)
			}
		})
	}
}

func TestARightAnswerGivenAloudCountsTheTimeToPress(t *testing.T) {
	g := newBuzzGame(t, RoundSettings{StealSec: 5})
	g.win("an", 1200)
	g.mark(false, 4000)
	g.win("binh", 4700)
	g.mark(true, 7000)
	if n := len(g.lines); n != 2 || g.lines[0].TimeMs != 0 || g.lines[1].TimeMs != 4700 {
		t.Fatalf("lines %+v: want no time for the wrong answer and 4700 ms for the steal", g.lines)
	}
	if tl := g.tallies.Of("binh", "r"); tl == nil || tl.TimeMs != 4700 || tl.Correct != 1 {
		t.Fatalf("Bình's tally %+v", tl)
	}
}

func TestAStealTakesPressesUntilItsWindowEnds(t *testing.T) {
	g := newBuzzGame(t, RoundSettings{WrongPenalty: 5, StealSec: 5})
	g.win("an", 1000)
	g.mark(false, 4000)
	if d := (buzzerKind{}).Deadline(g.play()); d != 9000 {
		t.Fatalf("the engine's timer for the steal: %d, want 9000", d)
	}
	tests := []struct {
		who  string
		at   int64
		want error
	}{
		{"binh", 8999, nil},
		{"binh", 9000, nil},
		{"binh", 9001, ErrClosed},
		{"an", 6000, ErrBuzzOut},
	}
	for _, tt := range tests {
		if err := g.press(tt.who, tt.at); err != tt.want {
			t.Errorf("%s presses at %d: got %v, want %v", tt.who, tt.at, err, tt.want)
		}
	}
}

func TestTheStarIsPlayedOncePerRoundBeforeAnyonePresses(t *testing.T) {
	star := func(id string) Command { return Command{Name: CmdStar, ParticipantID: id} }
	tests := []struct {
		name     string
		settings RoundSettings
		play     func(g *buzzGame)
		cmd      Command
		want     error
		code     string
	}{
		{"in a round without stars", RoundSettings{}, func(*buzzGame) {}, star("an"), ErrStarOff, EINVALID},
		{"by someone not in the contest", RoundSettings{Star: true}, func(*buzzGame) {}, star("zed"), nil, ENOTFOUND},
		{"after a press", RoundSettings{Star: true}, func(g *buzzGame) { g.win("binh", 1000) }, star("an"), ErrStarTooLate, ECONFLICT},
		{"during a steal", RoundSettings{Star: true, StealSec: 5}, func(g *buzzGame) { g.win("binh", 1000); g.mark(false, 2000) }, star("an"), ErrStarTooLate, ECONFLICT},
		{"once the question is closed", RoundSettings{Star: true}, func(g *buzzGame) { g.must(Command{Name: CmdClose}, 1000) }, star("an"), ErrStarTooLate, ECONFLICT},
		{"a second star on one question", RoundSettings{Star: true}, func(g *buzzGame) { g.must(star("binh"), 500) }, star("an"), ErrStarTaken, ECONFLICT},
		{"a second star by one contestant in the round", RoundSettings{Star: true}, func(g *buzzGame) {
			g.must(star("an"), 500)
			g.win("an", 1000)
			g.mark(true, 2000)
			g.must(Command{Name: CmdReveal}, 3000)
			g.must(Command{Name: CmdNext}, 4000)
		}, star("an"), ErrStarUsed, ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newBuzzGame(t, tt.settings)
			tt.play(g)
			err := g.do(tt.cmd, 5000)
			if ErrorCode(err) != tt.code || (tt.want != nil && err != tt.want) {
				t.Fatalf("got %v, want %v (%s)", err, tt.want, tt.code)
			}
		})
	}
}

func TestBuzzerCommandsAndPressesThatDoNotFitTheMomentAreRefused(t *testing.T) {
	tests := []struct {
		name string
		play func(g *buzzGame) error
		want error
		code string
	}{
		{"a choice instead of a press", func(g *buzzGame) error {
			_, _, err := g.play().Accept("an", g.st.ItemIndex, Response{Choice: []int{0}}, 1000)
			return err
		}, ErrBadResponse, EINVALID},
		{"a press once someone has won the right to answer", func(g *buzzGame) error { g.win("an", 1000); return g.press("binh", 1100) }, ErrBuzzTaken, ECONFLICT},
		{"a press by someone not in play", func(g *buzzGame) error { return g.press("kicked", 1000) }, ErrBuzzNotInPlay, ECONFLICT},
		{"a press by someone marked wrong on the question", func(g *buzzGame) error {
			g.win("an", 1000)
			g.mark(false, 2000)
			return g.press("an", 3000)
		}, ErrBuzzOut, ECONFLICT},
		{"a second decision on the same presses", func(g *buzzGame) error {
			g.win("an", 1000)
			return g.do(Command{Name: CmdDecide, Presses: []Press{{ParticipantID: "binh", At: 900}}}, 1100)
		}, ErrBuzzTaken, ECONFLICT},
		{"a decision on presses that all count for nothing", func(g *buzzGame) error {
			return g.do(Command{Name: CmdDecide, Presses: []Press{{ParticipantID: "kicked", At: 900}}}, 1100)
		}, ErrNoPress, ECONFLICT},
		{"a mark before anyone has won the right to answer", func(g *buzzGame) error { return g.do(Command{Name: CmdMark, Right: true}, 1000) }, ErrNoWinner, ECONFLICT},
		{"a mark once the question is closed", func(g *buzzGame) error {
			g.win("an", 1000)
			g.mark(true, 2000)
			return g.do(Command{Name: CmdMark}, 3000)
		}, ErrNoWinner, ECONFLICT},
		{"the deadline while the winner answers aloud", func(g *buzzGame) error { g.win("an", 1000); return g.do(Command{Name: CmdDeadline}, 30000) }, nil, ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newBuzzGame(t, RoundSettings{StealSec: 5})
			err := tt.play(g)
			if ErrorCode(err) != tt.code || (tt.want != nil && err != tt.want) {
				t.Fatalf("got %v, want %v (%s)", err, tt.want, tt.code)
			}
		})
	}
}

func TestTheTimeToPressEndsTheQuestionWhenNobodyPresses(t *testing.T) {
	g := newBuzzGame(t, RoundSettings{StealSec: 5})
	at := (buzzerKind{}).Deadline(g.play())
	if at != 20000+graceMs {
		t.Fatalf("deadline %d, want the question's time", at)
	}
	g.must(Command{Name: CmdDeadline}, at)
	if g.st.Phase != PhaseItemClosed || len(g.lines) != 0 || (buzzerKind{}).Deadline(g.play()) != 0 {
		t.Fatalf("phase %s, lines %v", g.st.Phase, g.ledger())
	}
}

func TestAMarkLeavesTheSavedStateAsItWas(t *testing.T) {
	g := newBuzzGame(t, RoundSettings{StealSec: 5})
	g.win("an", 1000)
	saved := g.st
	before := *saved.Buzz
	g.mark(false, 2000)
	if saved.Buzz.Winner != before.Winner || len(saved.Buzz.Out) != 0 || len(saved.Buzz.Presses) != 1 || saved.Buzz.Attempt != 0 {
		t.Fatalf("the state before the mark became %+v", *saved.Buzz)
	}
	// Two outcomes worked out from states that share their lists (a retried command) stay apart.
	out := make([]string, 1, 4)
	out[0] = "an"
	first, second := g.st, g.st
	first.Buzz = &BuzzState{Attempt: 1, Winner: "binh", Out: out}
	second.Buzz = &BuzzState{Attempt: 1, Winner: "chi", Out: out}
	g.st = first
	g.mark(false, 3000)
	afterFirst := g.st
	g.st = second
	g.mark(false, 3000)
	if !slices.Equal(afterFirst.Buzz.Out, []string{"an", "binh"}) {
		t.Fatalf("out after binh's wrong steal: %v", afterFirst.Buzz.Out)
	}
}

func TestABuzzerRoundsSettingsAreChecked(t *testing.T) {
	tests := []struct {
		name  string
		round Round
		ok    bool
	}{
		{"fixed points with steals and penalties", Round{Scoring: FixedPoints, Settings: RoundSettings{WrongPenalty: 5, StealSec: 5, StealPenalty: 10, Star: true}}, true},
		{"no scoring given means fixed points", Round{}, true},
		{"speed points", Round{Scoring: SpeedPoints}, false},
		{"a negative penalty", Round{Scoring: FixedPoints, Settings: RoundSettings{WrongPenalty: -5}}, false},
		{"a steal penalty over the most a question is worth", Round{Scoring: FixedPoints, Settings: RoundSettings{StealPenalty: MaxPoints + 1}}, false},
		{"a steal window over a minute", Round{Scoring: FixedPoints, Settings: RoundSettings{StealSec: 61}}, false},
		{"closing when everyone has answered", Round{Scoring: FixedPoints, AutoClose: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := (buzzerKind{}).Validate(&tt.round)
			if (err == nil) != tt.ok || (err != nil && ErrorCode(err) != EINVALID) {
				t.Fatalf("got %v, want ok %v", err, tt.ok)
			}
			if tt.ok && tt.round.Scoring != FixedPoints {
				t.Fatalf("scoring %q, want fixed", tt.round.Scoring)
			}
		})
	}
	c := buzzContest(RoundSettings{StealSec: 5})
	c.Title, c.Rounds[0].Scoring = "Hội thi", ""
	c.Rounds[0].Items[0].Question.Prompt, c.Rounds[0].Items[1].Question.Prompt = "Câu một?", "Câu hai?"
	if err := c.Validate(); err != nil || c.Rounds[0].Scoring != FixedPoints {
		t.Fatalf("a contest with a buzzer round: %v, scoring %q", err, c.Rounds[0].Scoring)
	}
	if got := (buzzerKind{}).Score(ScoreInput{Responses: []ScoredResponse{{ParticipantID: "an", Grade: 1}}}); len(got) != 0 {
		t.Fatalf("the reveal scored %v again", got)
	}
}
