package quiz

import (
	"slices"
	"testing"
)

// elimContest is an elimination round "r1" of n questions (20 s, 100 points) with the golden
// bell at place bell, then a quiz round "r2" of one question.
func elimContest(n, bell int, scoring ScoringMode) *Contest {
	q := Question{Type: SingleChoice, Options: []string{"A", "B"}, Correct: []int{0}, TimeLimitSec: 20, Points: 100}
	r1 := Round{ID: "r1", Kind: EliminationRound, Scoring: scoring, Settings: RoundSettings{GoldenBell: bell}}
	for i := range n {
		r1.Items = append(r1.Items, Item{ID: "e" + string(rune('1'+i)), Question: q})
	}
	return &Contest{Rounds: []Round{r1, {ID: "r2", Kind: QuizRound, Scoring: FixedPoints, Items: []Item{{ID: "q1", Question: q}}}}}
}

// floor is the contestants of the elimination tests, in join order.
var floor = []string{"an", "binh", "chi", "dung", "em", "giang"}

// elimPlay is the play of c in st with the given ledger lines of round r1 and contestants.
func elimPlay(c *Contest, st LiveState, players []string, lines ...ScoreChange) *Play {
	t := Tallies{}
	for _, l := range lines {
		if l.RoundID == "" {
			l.RoundID = "r1"
		}
		t.Apply(l, -1)
	}
	p := NewPlay(c, st, t)
	p.Active = func() []string { return slices.Clone(players) }
	p.InPlay = func(id string) bool { return slices.Contains(players, id) }
	return p
}

// out are lines that eliminate ids from r1.
func out(ids ...string) []ScoreChange {
	var l []ScoreChange
	for _, id := range ids {
		l = append(l, ScoreChange{ParticipantID: id, Reason: ReasonEliminated})
	}
	return l
}

// at is the state at phase with item i (in play order) of round r.
func at(phase Phase, i, r int) LiveState {
	return LiveState{Phase: phase, Version: 7, ItemIndex: i, RoundIndex: r, ClosesAt: 1 << 40}
}

func TestAnEliminationRoundKeepsOnlyRightAnswersOnTheFloor(t *testing.T) {
	type line struct {
		reason  ScoreReason
		points  int
		correct int
	}
	tests := []struct {
		name    string
		scoring ScoringMode
		before  []ScoreChange
		rs      []ScoredResponse
		want    map[string]line
	}{
		{
			name:    "a wrong answer eliminates and a right one earns the item's points",
			scoring: FixedPoints,
			rs:      []ScoredResponse{{ParticipantID: "an", Grade: 1, ElapsedMs: 4000}, {ParticipantID: "binh", Grade: 0, ElapsedMs: 3000}},
			want:    map[string]line{"an": {ReasonAnswer, 100, 1}, "binh": {ReasonEliminated, 0, 0}, "chi": {ReasonEliminated, 0, 0}},
		},
		{
			name:    "no answer at all eliminates",
			scoring: FixedPoints,
			want:    map[string]line{"an": {ReasonEliminated, 0, 0}, "binh": {ReasonEliminated, 0, 0}, "chi": {ReasonEliminated, 0, 0}},
		},
		{
			name:    "speed points reward the quicker survivor",
			scoring: SpeedPoints,
			rs:      []ScoredResponse{{ParticipantID: "an", Grade: 1, ElapsedMs: 0}, {ParticipantID: "binh", Grade: 1, ElapsedMs: 10000}, {ParticipantID: "chi", Grade: 1, ElapsedMs: 20000}},
			want:    map[string]line{"an": {ReasonAnswer, 100, 1}, "binh": {ReasonAnswer, 75, 1}, "chi": {ReasonAnswer, 50, 1}},
		},
		{
			name:    "contestants already out are not scored, even for a right answer",
			scoring: FixedPoints,
			before:  out("binh", "chi"),
			rs:      []ScoredResponse{{ParticipantID: "an", Grade: 1}, {ParticipantID: "binh", Grade: 1}},
			want:    map[string]line{"an": {ReasonAnswer, 100, 1}},
		},
		{
			name:    "a rescued contestant is on the floor again",
			scoring: FixedPoints,
			before:  append(out("binh", "chi"), ScoreChange{ParticipantID: "chi", Reason: ReasonRescued}),
			rs:      []ScoredResponse{{ParticipantID: "an", Grade: 1}},
			want:    map[string]line{"an": {ReasonAnswer, 100, 1}, "chi": {ReasonEliminated, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := elimContest(3, 0, tt.scoring)
			p := elimPlay(c, at(PhaseItemClosed, 0, 0), nil, tt.before...)
			got := map[string]line{}
			in := ScoreInput{Round: &c.Rounds[0], Item: &c.Rounds[0].Items[0], Responses: tt.rs, Players: []string{"an", "binh", "chi"}, Tallies: p.Tallies}
			for _, ch := range (elimKind{}).Score(in) {
				if _, twice := got[ch.ParticipantID]; twice {
					t.Fatalf("two lines for %s", ch.ParticipantID)
				}
				got[ch.ParticipantID] = line{ch.Reason, ch.Points, ch.Correct}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Fatalf("%s: got %v, want %v", id, got[id], w)
				}
			}
		})
	}
}

func TestAnEliminatedContestantWatchesTheRestOfTheRound(t *testing.T) {
	c := elimContest(3, 0, FixedPoints)
	lines := append(out("binh", "chi"), ScoreChange{ParticipantID: "chi", Reason: ReasonRescued})
	p := elimPlay(c, at(PhaseItemOpen, 1, 0), floor, lines...)
	tests := []struct {
		name string
		who  string
		r    Response
		want error
	}{
		{"a contestant on the floor answers", "an", Response{Choice: []int{0}}, nil},
		{"an eliminated contestant is refused", "binh", Response{Choice: []int{0}}, ErrEliminated},
		{"a rescued contestant answers again", "chi", Response{Choice: []int{1}}, nil},
		{"nobody presses a buzzer", "an", Response{Buzz: true}, ErrBadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := p.Accept(tt.who, 1, tt.r, 100); err != tt.want {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
	if ErrorCode(ErrEliminated) != ECONFLICT || ErrorMessage(ErrEliminated) == "" {
		t.Fatalf("ErrEliminated: %v", ErrEliminated)
	}
}

func TestSurvivorsAreRankedByPointsThenTimeThenJoinOrder(t *testing.T) {
	c := elimContest(3, 0, SpeedPoints)
	lines := []ScoreChange{
		{ParticipantID: "an", Points: 80, TimeMs: 5000}, {ParticipantID: "binh", Points: 90, TimeMs: 9000},
		{ParticipantID: "chi", Points: 80, TimeMs: 4000}, {ParticipantID: "dung", Points: 80, TimeMs: 5000},
		{ParticipantID: "em", Points: 100}, {ParticipantID: "em", Reason: ReasonEliminated},
		{ParticipantID: "giang", Points: 500, RoundID: "r2"},
	}
	p := elimPlay(c, at(PhaseReveal, 0, 0), floor, lines...)
	if got, want := Survivors(p, 0), []string{"binh", "chi", "an", "dung", "giang"}; !slices.Equal(got, want) {
		t.Fatalf("survivors %v, want %v", got, want)
	}
	if got := Survivors(p, 5); got != nil {
		t.Fatalf("a round that does not exist has survivors %v", got)
	}
}

func TestARescueBringsEliminatedContestantsBack(t *testing.T) {
	// an, chi and dung are out with 80 points; chi was quicker, dung joined after an.
	lines := []ScoreChange{
		{ParticipantID: "an", Points: 80, TimeMs: 5000}, {ParticipantID: "chi", Points: 80, TimeMs: 4000},
		{ParticipantID: "dung", Points: 80, TimeMs: 5000}, {ParticipantID: "em", Points: 40},
		{ParticipantID: "giang", Points: 100},
	}
	lines = append(lines, out("an", "chi", "dung", "em")...)
	tests := []struct {
		name  string
		phase Phase
		cmd   Command
		want  []string
	}{
		{"all of them", PhaseReveal, Command{All: true}, []string{"an", "chi", "dung", "em"}},
		{"the best two, quicker first on equal points", PhaseReveal, Command{Best: 2}, []string{"chi", "an"}},
		{"the best three, who joined first on equal points and time", PhaseStandings, Command{Best: 3}, []string{"chi", "an", "dung"}},
		{"more than are out: all of them", PhaseReveal, Command{Best: 9}, []string{"chi", "an", "dung", "em"}},
		{"those named, each once", PhaseStandings, Command{ParticipantIDs: []string{"em", "an", "em"}}, []string{"em", "an"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := elimContest(3, 0, FixedPoints)
			st := at(tt.phase, 1, 0)
			p := elimPlay(c, st, floor, lines...)
			tt.cmd.Name, tt.cmd.Version, tt.cmd.Reason = CmdRescue, st.Version, " Cứu trợ sau câu 2 "
			tt.cmd.ActorID, tt.cmd.ActorName = "u1", "Bà Lan"
			o, err := Step(p, tt.cmd, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ch := range o.Changes {
				if ch.Reason != ReasonRescued || ch.Points != 0 || ch.RoundID != "r1" || ch.Note != "Cứu trợ sau câu 2" || ch.ActorName != "Bà Lan" || ch.ActorID != "u1" {
					t.Fatalf("line %+v", ch)
				}
				got = append(got, ch.ParticipantID)
				p.Tallies.Apply(ch, -1)
			}
			if !slices.Equal(got, tt.want) || o.State != st {
				t.Fatalf("rescued %v, want %v; state %+v", got, tt.want, o.State)
			}
			for _, id := range tt.want {
				if !slices.Contains(Survivors(p, 0), id) {
					t.Fatalf("%s is not on the floor after the rescue", id)
				}
			}
		})
	}
}

func TestARescueIsRefusedWhenItCannotBe(t *testing.T) {
	c := elimContest(3, 0, FixedPoints)
	lines := append([]ScoreChange{{ParticipantID: "an", Points: 100}}, out("binh")...)
	tests := []struct {
		name  string
		st    LiveState
		lines []ScoreChange
		cmd   Command
		code  string
	}{
		{"while a question is open", at(PhaseItemOpen, 1, 0), lines, Command{All: true}, ECONFLICT},
		{"before the answer is revealed", at(PhaseItemClosed, 1, 0), lines, Command{All: true}, ECONFLICT},
		{"at the round's intro before any question", at(PhaseRoundIntro, -1, 0), lines, Command{All: true}, ECONFLICT},
		{"when nobody is out", at(PhaseReveal, 1, 0), lines[:1], Command{All: true}, ECONFLICT},
		{"naming a contestant who is still on the floor", at(PhaseReveal, 1, 0), lines, Command{ParticipantIDs: []string{"binh", "an"}}, EINVALID},
		{"naming someone not in the contest", at(PhaseReveal, 1, 0), lines, Command{ParticipantIDs: []string{"zed"}}, ENOTFOUND},
		{"without saying whom", at(PhaseReveal, 1, 0), lines, Command{}, EINVALID},
		{"saying whom in two ways", at(PhaseReveal, 1, 0), lines, Command{All: true, Best: 1}, EINVALID},
		{"for fewer than one", at(PhaseReveal, 1, 0), lines, Command{Best: -1}, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cmd.Name, tt.cmd.Version = CmdRescue, tt.st.Version
			_, err := Step(elimPlay(c, tt.st, floor, tt.lines...), tt.cmd, 10)
			if ErrorCode(err) != tt.code || ErrorMessage(err) == "" {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
		})
	}
}

func TestTheGoldenBellWaitsForOneToThreeContestants(t *testing.T) {
	everyone := floor // six contestants
	tests := []struct {
		name  string
		items int
		bell  int
		cmd   string
		st    LiveState
		out   []string
		// wantItem is the item opened, in play order; -1 for the next round's intro.
		wantItem int
		wantSeal bool
	}{
		{"the first question opens after the intro", 6, 3, CmdNext, at(PhaseRoundIntro, -1, 0), nil, 0, false},
		{"a golden bell placed first waits at the intro", 6, 1, CmdNext, at(PhaseRoundIntro, -1, 0), nil, 1, false},
		{"it is passed over while more than three remain", 6, 3, CmdNext, at(PhaseReveal, 1, 0), []string{"an", "binh"}, 3, false},
		{"it is played as soon as three remain", 6, 3, CmdNext, at(PhaseReveal, 1, 0), []string{"an", "binh", "chi"}, 2, false},
		{"it is played when one remains, from the standings", 6, 5, CmdNext, at(PhaseStandings, 3, 0), []string{"an", "binh", "chi", "dung", "em"}, 4, false},
		{"it is played last when the other questions run out", 6, 3, CmdNext, at(PhaseReveal, 5, 0), nil, 2, false},
		{"skipping a question still passes over it", 6, 3, CmdSkip, at(PhaseItemOpen, 1, 0), nil, 3, true},
		{"without a golden bell the questions go in order", 6, 0, CmdNext, at(PhaseReveal, 1, 0), []string{"an", "binh", "chi", "dung"}, 2, false},
		{"after the golden bell the round ends, whatever is left", 6, 3, CmdNext, at(PhaseReveal, 2, 0), []string{"an", "binh", "chi"}, -1, false},
		{"skipping the golden bell ends the round too", 6, 3, CmdSkip, at(PhaseItemClosed, 2, 0), []string{"an", "binh", "chi"}, -1, true},
		{"after the last question the round ends even with nobody left", 3, 0, CmdNext, at(PhaseReveal, 2, 0), everyone, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := elimContest(tt.items, tt.bell, FixedPoints)
			p := elimPlay(c, tt.st, everyone, out(tt.out...)...)
			o, err := Step(p, Command{Name: tt.cmd, Version: tt.st.Version}, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if o.Seal != tt.wantSeal || o.Score {
				t.Fatalf("seal %v score %v, want seal %v", o.Seal, o.Score, tt.wantSeal)
			}
			if tt.wantItem < 0 {
				if o.State.Phase != PhaseRoundIntro || o.State.RoundIndex != 1 {
					t.Fatalf("now %s round %d, want the next round's intro", o.State.Phase, o.State.RoundIndex)
				}
				return
			}
			if o.State.Phase != PhaseItemOpen || o.State.ItemIndex != tt.wantItem || o.State.OpensAt != 1000 {
				t.Fatalf("now %s item %d, want item %d open", o.State.Phase, o.State.ItemIndex, tt.wantItem)
			}
		})
	}
}

func TestTheGoldenBellOfTheLastRoundEndsTheContest(t *testing.T) {
	c := elimContest(4, 2, FixedPoints)
	c.Rounds = c.Rounds[:1]
	st := at(PhaseReveal, 1, 0)
	o, err := Step(elimPlay(c, st, floor, out("an", "binh", "chi", "dung")...), Command{Name: CmdNext, Version: st.Version}, 10)
	if err != nil || o.State.Phase != PhaseFinished {
		t.Fatalf("after the golden bell of the last round: %v, %s", err, o.State.Phase)
	}
}

func TestNextIsRefusedWhenNobodyIsLeftOnTheFloor(t *testing.T) {
	for _, bell := range []int{0, 4} {
		c := elimContest(4, bell, FixedPoints)
		st := at(PhaseReveal, 1, 0)
		p := elimPlay(c, st, floor, out(floor...)...)
		_, err := Step(p, Command{Name: CmdNext, Version: st.Version}, 10)
		if ErrorCode(err) != ECONFLICT || ErrorMessage(err) == "" {
			t.Fatalf("golden bell %d: got %v, want a conflict asking for a rescue", bell, err)
		}
		o, err := Step(p, Command{Name: CmdRescue, Version: st.Version, Best: 1}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range o.Changes {
			p.Tallies.Apply(ch, -1)
		}
		if o, err = Step(p, Command{Name: CmdNext, Version: st.Version}, 10); err != nil || o.State.Phase != PhaseItemOpen {
			t.Fatalf("golden bell %d: next after a rescue: %v, %s", bell, err, o.State.Phase)
		}
	}
}

func TestAnEliminationRoundLeavesOtherMomentsToTheCommonRules(t *testing.T) {
	c := elimContest(3, 2, FixedPoints)
	tests := []struct {
		name string
		st   LiveState
		cmd  string
		code string
	}{
		{"next in the lobby", LiveState{Phase: PhaseLobby, Version: 1, ItemIndex: -1}, CmdNext, ECONFLICT},
		{"next while a question is open", at(PhaseItemOpen, 0, 0), CmdNext, ECONFLICT},
		{"next before the answer is revealed", at(PhaseItemClosed, 0, 0), CmdNext, ECONFLICT},
		{"skip between questions", at(PhaseReveal, 0, 0), CmdSkip, ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Step(elimPlay(c, tt.st, floor), Command{Name: tt.cmd, Version: tt.st.Version}, 10)
			if ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
		})
	}
}

func TestAnEliminationRoundIsValidated(t *testing.T) {
	tests := []struct {
		name    string
		scoring ScoringMode
		bell    int
		ok      bool
	}{
		{"fixed points without a golden bell", FixedPoints, 0, true},
		{"speed points with the golden bell last", SpeedPoints, 3, true},
		{"no scoring chosen", "", 0, false},
		{"a golden bell past the last question", FixedPoints, 4, false},
		{"a golden bell before the first question", FixedPoints, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := elimContest(3, tt.bell, tt.scoring).Rounds[0]
			err := (elimKind{}).Validate(&r)
			if (err == nil) != tt.ok || (err != nil && (ErrorCode(err) != EINVALID || ErrorMessage(err) == "")) {
				t.Fatalf("got %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestAGoldenBellRoundPlaysFromTheFirstQuestionToTheLastSurvivor(t *testing.T) {
	c := elimContest(6, 6, FixedPoints)
	tallies := Tallies{}
	st := LiveState{Phase: PhaseLobby, Version: 1, ItemIndex: -1}
	var opened []int
	// right are who answers each item (by play order) right; everyone else answers wrong.
	right := map[int][]string{0: {"an", "binh", "chi", "giang"}, 1: {"an", "binh", "chi"}, 2: {"an", "chi"}, 5: {"an"}}
	play := func() *Play {
		p := elimPlay(c, st, floor)
		p.Tallies = tallies
		return p
	}
	do := func(cmd Command) {
		t.Helper()
		p := play()
		cmd.Version = st.Version
		o, err := Step(p, cmd, 1000)
		if err != nil {
			t.Fatalf("%s in %s of item %d: %v", cmd.Name, st.Phase, st.ItemIndex, err)
		}
		if o.Score {
			it, r, _ := p.Item(st.ItemIndex)
			pos := p.Contest.ItemPlaces()[it.ID].Pos
			var rs []ScoredResponse
			for _, id := range floor {
				g := 0.0
				if slices.Contains(right[st.ItemIndex], id) {
					g = 1
				}
				rs = append(rs, ScoredResponse{ParticipantID: id, Grade: g, ElapsedMs: 3000})
			}
			for _, ch := range p.Kind().Score(ScoreInput{Round: r, Item: it, Pos: pos, Responses: rs, Players: floor, Tallies: tallies}) {
				ch.RoundID = r.ID
				tallies.Apply(ch, pos)
			}
		}
		for _, ch := range o.Changes {
			tallies.Apply(ch, -1)
		}
		st = o.State
		st.Version++
		if st.Phase == PhaseItemOpen {
			opened = append(opened, st.ItemIndex)
		}
	}
	question := func() { do(Command{Name: CmdNext}); do(Command{Name: CmdClose}); do(Command{Name: CmdReveal}) }
	do(Command{Name: CmdStart})
	question() // dung and em are out
	question() // giang is out: three remain, but a rescue follows
	do(Command{Name: CmdRescue, Best: 1})
	if got, want := Survivors(play(), 0), []string{"an", "binh", "chi", "giang"}; !slices.Equal(got, want) {
		t.Fatalf("after rescuing the best one: %v, want %v", got, want)
	}
	question() // binh and giang are out: two remain
	question() // the golden bell: only an rings it
	do(Command{Name: CmdNext})
	if !slices.Equal(opened, []int{0, 1, 2, 5}) || st.Phase != PhaseRoundIntro || st.RoundIndex != 1 {
		t.Fatalf("opened %v, now %s of round %d; want 0, 1, 2, the golden bell 5, then the next round", opened, st.Phase, st.RoundIndex)
	}
	if got := Survivors(play(), 0); !slices.Equal(got, []string{"an"}) {
		t.Fatalf("the round ends with %v on the floor, want an", got)
	}
	if got := tallies.Points("an", "r1"); got != 400 {
		t.Fatalf("an has %d points in the round, want 400", got)
	}
}
