package quiz

import (
	"testing"
)

// threeItems is a contest of a quiz round of two questions (20 s) and a second round of one.
func threeItems() *Contest {
	q := Question{Type: SingleChoice, Options: []string{"A", "B"}, Correct: []int{0}, TimeLimitSec: 20, Points: 100}
	return &Contest{Rounds: []Round{
		{ID: "r1", Kind: QuizRound, Scoring: FixedPoints, Items: []Item{{ID: "i1", Question: q}, {ID: "i2", Question: q}}},
		{ID: "r2", Kind: QuizRound, Scoring: FixedPoints, Items: []Item{{ID: "i3", Question: q}}},
	}}
}

func lobby() LiveState { return LiveState{Phase: PhaseLobby, Version: 1, ItemIndex: -1} }

// run applies commands in turn at the given times, each with the version it sees, and
// returns every outcome; it fails the test on the first refusal.
func run(t *testing.T, c *Contest, st LiveState, steps ...step) (LiveState, []Outcome) {
	t.Helper()
	var outs []Outcome
	for _, s := range steps {
		p := NewPlay(c, st, Tallies{})
		s.cmd.Version = st.Version
		out, err := Step(p, s.cmd, s.at)
		if err != nil {
			t.Fatalf("%s at %d in %s: %v", s.cmd.Name, s.at, st.Phase, err)
		}
		st = out.State
		st.Version++
		outs = append(outs, out)
	}
	return st, outs
}

type step struct {
	cmd Command
	at  int64
}

func cmd(name string, at int64) step { return step{Command{Name: name}, at} }

func TestAContestOfTwoRoundsGoesThroughEachRoundsIntro(t *testing.T) {
	c := threeItems()
	type want struct {
		phase       Phase
		item, round int
		score       bool
	}
	steps := []step{cmd(CmdStart, 0), cmd(CmdNext, 10), cmd(CmdClose, 20), cmd(CmdReveal, 30), cmd(CmdNext, 40),
		cmd(CmdDeadline, 50), cmd(CmdStandings, 60), cmd(CmdNext, 70), cmd(CmdNext, 80), cmd(CmdClose, 90),
		cmd(CmdReveal, 100), cmd(CmdNext, 110)}
	wants := []want{{PhaseRoundIntro, -1, 0, false}, {PhaseItemOpen, 0, 0, false}, {PhaseItemClosed, 0, 0, false},
		{PhaseReveal, 0, 0, true}, {PhaseItemOpen, 1, 0, false}, {PhaseItemClosed, 1, 0, false},
		{PhaseStandings, 1, 0, true}, {PhaseRoundIntro, 1, 1, false}, {PhaseItemOpen, 2, 1, false},
		{PhaseItemClosed, 2, 1, false}, {PhaseReveal, 2, 1, true}, {PhaseFinished, 2, 1, false}}
	st := lobby()
	for i, s := range steps {
		var outs []Outcome
		st, outs = run(t, c, st, s)
		w := wants[i]
		if st.Phase != w.phase || st.ItemIndex != w.item || st.RoundIndex != w.round || outs[0].Score != w.score {
			t.Fatalf("after %s: phase %s item %d round %d score %v, want %+v", s.cmd.Name, st.Phase, st.ItemIndex, st.RoundIndex, outs[0].Score, w)
		}
	}
}

func TestAnOpenedItemClosesAtItsTimeLimitPlusGrace(t *testing.T) {
	st, _ := run(t, threeItems(), lobby(), cmd(CmdStart, 0), cmd(CmdNext, 1000))
	if st.OpensAt != 1000 || st.ClosesAt != 1000+20000+graceMs {
		t.Fatalf("opens %d closes %d", st.OpensAt, st.ClosesAt)
	}
}

func TestPauseKeepsTheTimeLeftAndDoesNotCountIt(t *testing.T) {
	st, _ := run(t, threeItems(), lobby(), cmd(CmdStart, 0), cmd(CmdNext, 0), cmd(CmdPause, 5000), cmd(CmdResume, 65000))
	if want := int64(65000 + 20000 + graceMs - 5000); st.ClosesAt != want {
		t.Errorf("closes at %d after a minute's pause, want %d", st.ClosesAt, want)
	}
	if st.PausedTotalMs != 60000 || st.Paused || st.PausedRemainingMs != 0 {
		t.Errorf("paused total %d (want 60000), paused %v, remaining %d", st.PausedTotalMs, st.Paused, st.PausedRemainingMs)
	}
}

func TestExtendAddsTimeToTheOpenItem(t *testing.T) {
	base := 20000 + graceMs
	tests := []struct {
		name      string
		steps     []step
		wantClose int64
		wantLeft  int64
	}{
		{"while it runs", []step{{Command{Name: CmdExtend, Seconds: 15}, 3000}}, int64(base + 15000), 0},
		{"while paused, to the time left", []step{cmd(CmdPause, 4000), {Command{Name: CmdExtend, Seconds: 10}, 5000}}, int64(base), int64(base - 4000 + 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := run(t, threeItems(), lobby(), append([]step{cmd(CmdStart, 0), cmd(CmdNext, 0)}, tt.steps...)...)
			if st.ClosesAt != tt.wantClose || st.PausedRemainingMs != tt.wantLeft {
				t.Fatalf("closes at %d, left %d; want %d, %d", st.ClosesAt, st.PausedRemainingMs, tt.wantClose, tt.wantLeft)
			}
		})
	}
}

func TestSkipDropsTheItemWithoutScoringIt(t *testing.T) {
	st, outs := run(t, threeItems(), lobby(), cmd(CmdStart, 0), cmd(CmdNext, 0), cmd(CmdSkip, 100))
	if last := outs[len(outs)-1]; !last.Seal || last.Score || st.Phase != PhaseItemOpen || st.ItemIndex != 1 {
		t.Fatalf("skip: seal %v score %v, now %s item %d; want the next item open, the skipped one sealed unscored", last.Seal, last.Score, st.Phase, st.ItemIndex)
	}
	st, _ = run(t, threeItems(), st, cmd(CmdSkip, 200))
	if st.Phase != PhaseRoundIntro || st.RoundIndex != 1 {
		t.Fatalf("skipping a round's last item: now %s round %d, want the next round's intro", st.Phase, st.RoundIndex)
	}
}

func TestFinishingDuringAQuestionScoresIt(t *testing.T) {
	st, outs := run(t, threeItems(), lobby(), cmd(CmdStart, 0), cmd(CmdNext, 0), cmd(CmdFinish, 100))
	if st.Phase != PhaseFinished || !outs[2].Score {
		t.Fatalf("finish: %s, score %v", st.Phase, outs[2].Score)
	}
}

func TestCommandsThatDoNotFitTheMomentAreRefused(t *testing.T) {
	c := threeItems()
	at := func(steps ...step) LiveState { st, _ := run(t, c, lobby(), steps...); return st }
	open := at(cmd(CmdStart, 0), cmd(CmdNext, 0))
	closed := at(cmd(CmdStart, 0), cmd(CmdNext, 0), cmd(CmdClose, 1))
	paused := at(cmd(CmdStart, 0), cmd(CmdNext, 0), cmd(CmdPause, 1))
	finished := at(cmd(CmdFinish, 0))
	tests := []struct {
		name string
		st   LiveState
		cmd  Command
		code string
	}{
		{"next before start", lobby(), Command{Name: CmdNext}, ECONFLICT},
		{"start twice", open, Command{Name: CmdStart}, ECONFLICT},
		{"next while a question is open", open, Command{Name: CmdNext}, ECONFLICT},
		{"next before the answer is shown", closed, Command{Name: CmdNext}, ECONFLICT},
		{"reveal while open", open, Command{Name: CmdReveal}, ECONFLICT},
		{"close when nothing is open", closed, Command{Name: CmdClose}, ECONFLICT},
		{"next while paused", paused, Command{Name: CmdNext}, ECONFLICT},
		{"resume when not paused", open, Command{Name: CmdResume}, ECONFLICT},
		{"anything but a correction once finished", finished, Command{Name: CmdStart}, ECONFLICT},
		{"extend a closed question", closed, Command{Name: CmdExtend, Seconds: 10}, ECONFLICT},
		{"extend by nothing", open, Command{Name: CmdExtend}, EINVALID},
		{"extend by more than ten minutes", open, Command{Name: CmdExtend, Seconds: 601}, EINVALID},
		{"skip in the lobby", lobby(), Command{Name: CmdSkip}, ECONFLICT},
		{"an unknown command", open, Command{Name: "dance"}, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cmd.Version = tt.st.Version
			if _, err := Step(NewPlay(c, tt.st, Tallies{}), tt.cmd, 10); ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
		})
	}
	if _, err := Step(NewPlay(c, open, Tallies{}), Command{Name: CmdClose, Version: open.Version - 1}, 10); err != ErrStaleVersion {
		t.Fatalf("a command for an older version: got %v, want ErrStaleVersion", err)
	}
}

func TestAnAdjustmentNeedsAReasonAndAContestantInPlay(t *testing.T) {
	c := threeItems()
	st, _ := run(t, c, lobby(), cmd(CmdStart, 0), cmd(CmdNext, 0))
	p := NewPlay(c, st, Tallies{})
	p.InPlay = func(id string) bool { return id == "an" }
	tests := []struct {
		name string
		cmd  Command
		code string
	}{
		{"no reason", Command{ParticipantID: "an", Points: 5, Reason: "  "}, EINVALID},
		{"zero points", Command{ParticipantID: "an", Reason: "Sai sót"}, EINVALID},
		{"someone not in the contest", Command{ParticipantID: "zed", Points: 5, Reason: "Sai sót"}, ENOTFOUND},
		{"a round that does not exist", Command{ParticipantID: "an", Points: 5, Reason: "Sai sót", Round: 3}, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cmd.Name, tt.cmd.Version = CmdAdjust, st.Version
			if _, err := Step(p, tt.cmd, 10); ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
		})
	}
	out, err := Step(p, Command{Name: CmdAdjust, Version: st.Version, ParticipantID: "an", Points: -20, Round: 2, Reason: " Trả lời sau hiệu lệnh ", ActorID: "u1", ActorName: "Bà Lan"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	ch := out.Changes[0]
	if len(out.Changes) != 1 || ch.RoundID != "r2" || ch.Points != -20 || ch.Reason != ReasonAdjust || ch.Note != "Trả lời sau hiệu lệnh" || ch.ActorName != "Bà Lan" || out.State.Phase != PhaseItemOpen {
		t.Fatalf("got %+v, state %s", out, out.State.Phase)
	}
	finished, _ := run(t, c, st, cmd(CmdFinish, 20))
	p = NewPlay(c, finished, Tallies{})
	p.InPlay = func(string) bool { return true }
	if _, err := Step(p, Command{Name: CmdAdjust, Version: finished.Version, ParticipantID: "an", Points: 5, Reason: "Phúc khảo"}, 30); err != nil {
		t.Fatalf("a correction after the finish: %v", err)
	}
}

func TestAResponseIsTakenOnlyWhileItsItemIsOpen(t *testing.T) {
	c := threeItems()
	st, _ := run(t, c, lobby(), cmd(CmdStart, 0), cmd(CmdNext, 0))
	paused, _ := run(t, c, st, cmd(CmdPause, 10))
	tests := []struct {
		name string
		st   LiveState
		item int
		r    Response
		at   int64
		want error
	}{
		{"in time", st, 0, Response{Choice: []int{1}}, 1000, nil},
		{"after the deadline", st, 0, Response{Choice: []int{1}}, st.ClosesAt + 1, ErrClosed},
		{"while paused", paused, 0, Response{Choice: []int{1}}, 20, ErrPaused},
		{"to a later item", st, 1, Response{Choice: []int{1}}, 20, ErrNotYetOpen},
		{"to an item that does not exist", st, 9, Response{Choice: []int{1}}, 20, ErrNotOpen},
		{"with an option that does not exist", st, 0, Response{Choice: []int{2}}, 20, ErrBadResponse},
		{"with two options on a single-choice item", st, 0, Response{Choice: []int{0, 1}}, 20, ErrBadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := NewPlay(c, tt.st, Tallies{}).Accept("an", tt.item, tt.r, tt.at); err != tt.want {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}
