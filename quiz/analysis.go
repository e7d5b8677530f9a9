package quiz

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The conventions of classical item analysis the figures follow.
const (
	// GroupShare is the share of contestants, by total score, in each of the upper and lower
	// groups: Kelley's 27% (T. L. Kelley, "The selection of upper and lower groups for the
	// validation of test items", J. Educ. Psychol. 30, 1939), the split at which the
	// difference between the groups is most clearly told from chance.
	GroupShare = 0.27
	// MinReliable is the fewest ranked contestants for which the discrimination and the
	// options' figures mean anything: under ten, each group holds one or two people and a
	// single lucky answer swings D by half or more.
	MinReliable = 10
	// TooHard and TooEasy bound the share right (p) outside which a question tells the room
	// little: the usual bands of classroom test analysis.
	TooHard = 0.2
	TooEasy = 0.9
	// GoodDiscrimination, FairDiscrimination and WeakDiscrimination are Ebel's bands of D
	// (R. L. Ebel, Essentials of Educational Measurement, 1972): 0.4 and over very good,
	// 0.3–0.39 reasonably good, 0.2–0.29 marginal (to improve), under 0.2 poor (to revise or
	// drop). Under 0 the weaker contestants did better than the stronger ones, most often
	// because the key is wrong.
	GoodDiscrimination = 0.4
	FairDiscrimination = 0.3
	WeakDiscrimination = 0.2
	// MaxWrongAnswers is how many of the most common wrong typed answers an item lists.
	MaxWrongAnswers = 5
)

// AnalysisFlag names something about a question a trainer should look at.
type AnalysisFlag string

// Flags of item analysis.
const (
	FlagTooHard                AnalysisFlag = "too_hard"                // p < TooHard
	FlagTooEasy                AnalysisFlag = "too_easy"                // p > TooEasy
	FlagWeakDiscrimination     AnalysisFlag = "weak_discrimination"     // 0 ≤ D < WeakDiscrimination
	FlagNegativeDiscrimination AnalysisFlag = "negative_discrimination" // D < 0: check the key
	FlagUnusedOption           AnalysisFlag = "unused_option"           // a wrong option nobody chose
	FlagDistractorDrawsUpper   AnalysisFlag = "distractor_draws_upper"  // a wrong option the upper group chose more than the lower
)

// Exclusion says why an item has no figures.
type Exclusion string

// Reasons an item is left out of the analysis.
const (
	// ExcludedBuzzer is an item of a buzzer round: one contestant answers aloud and the host
	// marks it, so there is no answer of the room to analyse.
	ExcludedBuzzer Exclusion = "buzzer"
	// ExcludedNotPlayed is an item the contest never reached or skipped.
	ExcludedNotPlayed Exclusion = "not_played"
)

// Analysis is the item analysis of a contest: each question's difficulty, discrimination and
// the choices made, from the stored answers and the final standings.
type Analysis struct {
	// Contestants are the ranked contestants (not kicked) the groups are drawn from.
	Contestants int
	// GroupSize is how many contestants are in each of the upper and lower groups.
	GroupSize int
	// Reliable is set when there are at least MinReliable contestants; otherwise the
	// discrimination and the options' flags are left out as noise.
	Reliable bool
	Items    []ItemAnalysis
}

// ItemAnalysis is the analysis of one item of a contest, in play order.
type ItemAnalysis struct {
	ItemID string
	// QuestionID is the bank question the item was copied from, or "".
	QuestionID string
	Round      int // from 1
	Item       int // place in its round, from 1
	Type       QuestionType
	Prompt     string
	// Excluded is why the item has no figures, or "".
	Excluded Exclusion
	// Eligible are the contestants who could answer it, Answered those of them who did,
	// Right those who were wholly right.
	Eligible, Answered, Right int
	// Difficulty is p, Right over Eligible; nil when nobody could answer.
	Difficulty *float64
	// Upper and Lower are the item's results in the upper and lower groups.
	Upper, Lower GroupResult
	// Discrimination is D, the upper group's p minus the lower group's; nil when a group has
	// nobody who could answer, or the contest is not Reliable.
	Discrimination *float64
	// Options are how often each option was chosen (choice questions only).
	Options []OptionCount
	// WrongAnswers are the most common wrong answers typed or put in order, most common first.
	WrongAnswers []WrongAnswer
	Flags        []AnalysisFlag
}

// GroupResult is how one of the groups did on an item.
type GroupResult struct {
	Eligible, Right int
}

// OptionCount is how many chose one option of a choice question, in all and in each group.
type OptionCount struct {
	Count, Upper, Lower int
	// Correct marks an option of the key.
	Correct bool
	// Unused marks a wrong option nobody chose; DrawsUpper one the upper group chose more
	// than the lower (both only in a Reliable analysis).
	Unused, DrawsUpper bool
}

// WrongAnswer is one wrong answer as first typed, with how many gave it, compared as the
// question's kind compares answers.
type WrongAnswer struct {
	Text  string
	Count int
}

// Analyse computes the item analysis of contest c from its contestants, their standings (in
// rank order, as Standings gives them), the score ledger and the stored answers.
//
// A contestant "could answer" an item when they are ranked (not kicked: a kicked contestant
// is left out of every item, as the standings leave them out, since when they were kicked is
// not kept) and:
//   - in an elimination round, they were on the floor when it was played: the round's rules
//     write a ledger line for that item (a right answer or an elimination) for exactly those;
//   - in any other round, they joined before the item closed. The close is not stored; it is
//     taken as the latest of the item's answers and ledger lines, or for an item nobody
//     answered, the first answer to a later item. Someone who joined in the last moments an
//     item was open, after every answer to it, is counted as unable to answer it; an item
//     nobody answered that comes before one that was played counts as played (a skip is not
//     told apart from a question nobody could answer).
//
// A contestant who could answer and did not counts as not right. An item is wholly right when
// its kind grades it 1 (a partly right multiple choice is not).
//
// The upper and lower groups are the first and last GroupSize contestants in standings
// order, GroupSize being 27% of the ranked contestants rounded, at least one: where the
// total at a group's edge is shared, the standings' tie-break rules (then join order) decide
// who is in, so the groups are always the same size and never overlap.
func Analyse(c *Contest, ps []Participant, standings []Standing, ledger []ScoreChange, answers []Answer) Analysis {
	n := len(standings)
	a := Analysis{Contestants: n, Reliable: n >= MinReliable, Items: []ItemAnalysis{}}
	if n >= 2 {
		a.GroupSize = max(1, int(math.Round(GroupShare*float64(n))))
	}
	group := map[string]int{} // +1 upper, -1 lower
	for i, s := range standings {
		switch {
		case i < a.GroupSize:
			group[s.ParticipantID] = 1
		case i >= n-a.GroupSize:
			group[s.ParticipantID] = -1
		}
	}
	joined := map[string]time.Time{}
	for _, p := range ps {
		joined[p.ID] = p.CreatedAt
	}
	byItem := map[string][]*Answer{}
	closeAt := map[string]time.Time{}
	later := func(id string, t time.Time) {
		if t.After(closeAt[id]) {
			closeAt[id] = t
		}
	}
	for i := range answers {
		an := &answers[i]
		byItem[an.ItemID] = append(byItem[an.ItemID], an)
		later(an.ItemID, an.CreatedAt)
	}
	onFloor := map[[2]string]bool{}
	for _, ch := range ledger {
		if ch.ItemID == "" {
			continue
		}
		later(ch.ItemID, ch.At)
		if ch.Reason == ReasonAnswer || ch.Reason == ReasonEliminated {
			onFloor[[2]string{ch.ItemID, ch.ParticipantID}] = true
		}
	}
	// An item nobody answered closed before the first answer to a later one; the last item
	// with activity marks how far the contest got.
	items := c.Items()
	var next time.Time
	reached := -1
	for i := len(items) - 1; i >= 0; i-- {
		id := items[i].ID
		if t, ok := closeAt[id]; ok {
			reached = max(reached, i)
			next = t
			for _, an := range byItem[id] {
				if an.CreatedAt.Before(next) {
					next = an.CreatedAt
				}
			}
			continue
		}
		if !next.IsZero() {
			closeAt[id] = next
		}
	}
	idx := 0
	for ri := range c.Rounds {
		rd := &c.Rounds[ri]
		for ii := range rd.Items {
			it := &rd.Items[ii]
			ia := ItemAnalysis{ItemID: it.ID, QuestionID: it.QuestionID, Round: ri + 1, Item: ii + 1,
				Type: it.Question.Type, Prompt: it.Question.Prompt, Flags: []AnalysisFlag{}}
			_, active := closeAt[it.ID]
			switch {
			case rd.Kind == BuzzerRound:
				ia.Excluded = ExcludedBuzzer
			case rd.Kind == EliminationRound && !hasFloor(onFloor, it.ID, standings):
				ia.Excluded = ExcludedNotPlayed
			case rd.Kind != EliminationRound && !active && idx > reached:
				ia.Excluded = ExcludedNotPlayed
			default:
				could := func(pid string) bool {
					if rd.Kind == EliminationRound {
						return onFloor[[2]string{it.ID, pid}]
					}
					end, ok := closeAt[it.ID]
					return !ok || !joined[pid].After(end)
				}
				analyseItem(&ia, &a, it, standings, group, could, byItem[it.ID])
			}
			a.Items = append(a.Items, ia)
			idx++
		}
	}
	return a
}

// hasFloor reports whether any ranked contestant was on the floor for an elimination item.
func hasFloor(onFloor map[[2]string]bool, itemID string, standings []Standing) bool {
	for _, s := range standings {
		if onFloor[[2]string{itemID, s.ParticipantID}] {
			return true
		}
	}
	return false
}

// analyseItem fills in the figures of one played item.
func analyseItem(ia *ItemAnalysis, a *Analysis, it *Item, standings []Standing, group map[string]int, could func(string) bool, answers []*Answer) {
	q := &it.Question
	kind, _ := KindOf(q.Type)
	mine := map[string]*Answer{}
	for _, an := range answers {
		mine[an.ParticipantID] = an
	}
	choice := q.Type == SingleChoice || q.Type == MultiChoice || q.Type == TrueFalse
	if choice {
		ia.Options = make([]OptionCount, len(q.Options))
		for _, c := range q.Correct {
			if c >= 0 && c < len(ia.Options) {
				ia.Options[c].Correct = true
			}
		}
	}
	wrong := map[string]*WrongAnswer{}
	var wrongOrder []string
	for _, s := range standings {
		pid := s.ParticipantID
		if !could(pid) {
			continue
		}
		g := group[pid]
		ia.Eligible++
		tally := func(r *GroupResult, right bool) {
			r.Eligible++
			if right {
				r.Right++
			}
		}
		an := mine[pid]
		right := false
		if an != nil {
			ia.Answered++
			r := Response{Choice: an.Choice, Text: an.Text, Order: an.Order}
			right = kind != nil && kind.Grade(q, r) >= 1
			if right {
				ia.Right++
			}
			if choice {
				for _, o := range slices.Compact(slices.Sorted(slices.Values(an.Choice))) {
					if o < 0 || o >= len(ia.Options) {
						continue
					}
					oc := &ia.Options[o]
					oc.Count++
					switch g {
					case 1:
						oc.Upper++
					case -1:
						oc.Lower++
					}
				}
			} else if !right {
				if key, text := wrongKey(q, an); key != "" {
					if w := wrong[key]; w != nil {
						w.Count++
					} else {
						wrong[key] = &WrongAnswer{Text: text, Count: 1}
						wrongOrder = append(wrongOrder, key)
					}
				}
			}
		}
		switch g {
		case 1:
			tally(&ia.Upper, right)
		case -1:
			tally(&ia.Lower, right)
		}
	}
	if !choice {
		ia.WrongAnswers = []WrongAnswer{}
		for _, k := range wrongOrder {
			ia.WrongAnswers = append(ia.WrongAnswers, *wrong[k])
		}
		slices.SortStableFunc(ia.WrongAnswers, func(x, y WrongAnswer) int { return cmp.Compare(y.Count, x.Count) })
		ia.WrongAnswers = ia.WrongAnswers[:min(len(ia.WrongAnswers), MaxWrongAnswers)]
	}
	if ia.Eligible > 0 {
		p := float64(ia.Right) / float64(ia.Eligible)
		ia.Difficulty = &p
		if p < TooHard {
			ia.Flags = append(ia.Flags, FlagTooHard)
		} else if p > TooEasy {
			ia.Flags = append(ia.Flags, FlagTooEasy)
		}
	}
	if !a.Reliable {
		return
	}
	if ia.Upper.Eligible > 0 && ia.Lower.Eligible > 0 {
		d := float64(ia.Upper.Right)/float64(ia.Upper.Eligible) - float64(ia.Lower.Right)/float64(ia.Lower.Eligible)
		ia.Discrimination = &d
		if d < 0 {
			ia.Flags = append(ia.Flags, FlagNegativeDiscrimination)
		} else if d < WeakDiscrimination {
			ia.Flags = append(ia.Flags, FlagWeakDiscrimination)
		}
	}
	var unused, draws bool
	for i := range ia.Options {
		oc := &ia.Options[i]
		if oc.Correct {
			continue
		}
		oc.Unused = oc.Count == 0 && ia.Answered > 0
		oc.DrawsUpper = oc.Upper > oc.Lower
		unused = unused || oc.Unused
		draws = draws || oc.DrawsUpper
	}
	if unused {
		ia.Flags = append(ia.Flags, FlagUnusedOption)
	}
	if draws {
		ia.Flags = append(ia.Flags, FlagDistractorDrawsUpper)
	}
}

// wrongKey is how a wrong typed or ordered answer is compared with others, as its kind
// compares it with the key, and the words it is shown in: a short answer by AnswerKey, a
// number by its value, an order by the options put.
func wrongKey(q *Question, an *Answer) (key, text string) {
	switch q.Type {
	case ShortAnswer:
		return AnswerKey(an.Text, q.NoDiacritics), strings.TrimSpace(an.Text)
	case Numeric:
		if v, ok := ParseNumber(an.Text); ok {
			return strconv.FormatFloat(v, 'g', -1, 64), strings.TrimSpace(an.Text)
		}
		return "", ""
	case Ordering:
		keys := make([]string, 0, len(an.Order))
		words := make([]string, 0, len(an.Order))
		for _, o := range an.Order {
			if o >= 0 && o < len(q.Options) {
				keys = append(keys, strconv.Itoa(o))
				words = append(words, q.Options[o])
			}
		}
		return strings.Join(keys, ","), strings.Join(words, " → ")
	}
	return "", ""
}
