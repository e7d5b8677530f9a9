package quiz

import (
	"math/rand/v2"
	"time"
	"unicode/utf8"
)

// A workshop ("Tập huấn nhanh") is a contest a trainer opens in two clicks to practise with a
// room: one relaxed quiz round of a bank's questions, or of questions drawn by topic, each
// reveal showing the question's explanation (every reveal carries it).

// DefaultWorkshopCount is how many questions a workshop by topic draws when no count is given:
// about a quarter of an hour with the explanations read out.
const DefaultWorkshopCount = 10

// Workshop round: fixed points, since a workshop is for learning rather than racing, and each
// question closed as soon as everyone connected has answered, so nobody waits on a countdown.
const (
	WorkshopRoundTitle = "Tập huấn"
	WorkshopScoring    = FixedPoints
	WorkshopAutoClose  = true
)

// vietnam is the time zone a workshop's date is written in (no summer time there).
var vietnam = time.FixedZone("ICT", 7*60*60)

// WorkshopTitle names a workshop after where its questions come from and its day in Vietnam,
// shortening a long source so the title stays within MaxTitleLen.
func WorkshopTitle(source string, at time.Time) string {
	date := at.In(vietnam).Format("02/01/2006")
	prefix, suffix := "Tập huấn nhanh: ", " – "+date
	room := MaxTitleLen - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(suffix)
	if r := []rune(source); len(r) > room {
		source = string(r[:room-1]) + "…"
	}
	return prefix + source + suffix
}

// FirstQuestions keeps a bank's first n questions, in their order, and says how many it left
// out.
func FirstQuestions(qs []Question, n int) (kept []Question, leftOut int) {
	if len(qs) <= n {
		return qs, 0
	}
	return qs[:n], len(qs) - n
}

// DrawQuestions draws up to n of qs at random, the same ones for the same seed, never two
// whose prompts read the same (ignoring case, spacing, punctuation and diacritics): the same
// question kept in two banks is asked once.
func DrawQuestions(qs []Question, n int, seed uint64) []Question {
	order := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)).Perm(len(qs))
	seen := map[string]bool{}
	var out []Question
	for _, i := range order {
		if len(out) == n {
			break
		}
		key := AnswerKey(qs[i].Prompt, true)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, qs[i])
	}
	return out
}

// NewWorkshopSeed picks the seed of a draw; it stays below 2^53 so a browser reads it exactly.
func NewWorkshopSeed() uint64 { return 1 + rand.Uint64N(1<<53-1) }

// ErrEmptyBank answers a workshop asked of a bank with no question.
var ErrEmptyBank = Errorf(EINVALID, "Bộ câu hỏi chưa có câu nào.")

// NoTaggedQuestions answers a workshop asked of a topic no question the caller may read has;
// a topic only others' banks carry gets the same answer, so topics cannot be probed.
func NoTaggedQuestions(tag string) error {
	return Errorf(EINVALID, "Chưa có câu hỏi nào thuộc chủ đề “%s” trong các bộ câu hỏi đồng chí được xem.", tag)
}

// WorkshopRequest is what a workshop is asked to be made of: one source of questions (a bank,
// a topic or a blueprint), how many questions, and a title of its own if any.
type WorkshopRequest struct {
	BankID, Tag, BlueprintID string
	// Count is at most how many questions: for a bank its first ones (all up to MaxRoundItems
	// when 0), for a topic drawn at random (DefaultWorkshopCount when 0).
	Count int
	// Title replaces the one WorkshopTitle gives when not empty.
	Title string
}

// Validate checks a workshop request and fills in its count.
func (r *WorkshopRequest) Validate() error {
	var err error
	if r.Tag, err = CleanText(r.Tag, TextRule{Field: "chủ đề", Max: MaxTagLen}); err != nil {
		return err
	}
	if r.Title, err = CleanText(r.Title, TextRule{Field: "tên phiên tập huấn", Max: MaxTitleLen}); err != nil {
		return err
	}
	n := 0
	for _, s := range []string{r.BankID, r.Tag, r.BlueprintID} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return Errorf(EINVALID, "Chọn một nguồn câu hỏi cho phiên tập huấn: một bộ câu hỏi, một chủ đề hoặc một cấu trúc đề.")
	}
	switch {
	case r.Count == 0 && r.Tag != "":
		r.Count = DefaultWorkshopCount
	case r.Count == 0:
		r.Count = MaxRoundItems
	case r.Count < 1 || r.Count > MaxRoundItems:
		return Errorf(EINVALID, "Số câu hỏi của phiên tập huấn phải từ 1 đến %d.", MaxRoundItems)
	}
	return nil
}
