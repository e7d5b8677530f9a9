package quiz

import (
	"hash/fnv"
	"math/rand/v2"
)

// ShufflesOptions reports whether each contestant sees the options of item it of round r in
// an order of their own: the round asks for it (Settings.ShuffleOptions), contestants pick
// among options on their phones there (not in a buzzer round, answered aloud), and the
// question is a single or multiple choice. True/false keeps Đúng before Sai; an ordering
// question is already shuffled once for everyone (ShownOrder).
func ShufflesOptions(r *Round, it *Item) bool {
	if r == nil || it == nil || !r.Settings.ShuffleOptions || r.Kind == BuzzerRound {
		return false
	}
	q := &it.Question
	return (q.Type == SingleChoice || q.Type == MultiChoice) && len(q.Options) > 1
}

// ShownOptions is the order one contestant's phone shows the options of item it of round r
// in: shown[p] is the index of the option displayed at place p (labelled A, B… by place), or
// nil when the round does not shuffle them. Answers, the key and the results keep the
// options' own indexes; only the display changes.
func ShownOptions(r *Round, it *Item, participantID string) []int {
	if !ShufflesOptions(r, it) {
		return nil
	}
	return OptionOrder(it.ID, participantID, len(it.Question.Options))
}

// OptionOrder is a permutation of n options for one contestant and one item, a pure function
// of the two ids: the same on every instance and after a reload, different from one
// contestant to the next, every order as likely. It never reads the answer key, so the place
// of the right option says nothing about it.
func OptionOrder(itemID, participantID string, n int) []int {
	h := fnv.New64a()
	h.Write([]byte(itemID))
	h.Write([]byte{0})
	h.Write([]byte(participantID))
	return rand.New(rand.NewPCG(h.Sum64(), 0x73687566666c65)).Perm(n)
}
