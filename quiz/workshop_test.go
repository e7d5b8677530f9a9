package quiz

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestAWorkshopIsNamedAfterItsSourceAndItsDayInVietnam(t *testing.T) {
	late := time.Date(2026, 12, 1, 18, 30, 0, 0, time.UTC) // already 2 December in Hà Nội
	tests := []struct {
		name, source, want string
	}{
		{"a bank", "Điều lệ Đảng", "Tập huấn nhanh: Điều lệ Đảng – 02/12/2026"},
		{"a topic", "Quy định 24-QĐ/TW", "Tập huấn nhanh: Quy định 24-QĐ/TW – 02/12/2026"},
	}
	for _, tc := range tests {
		if got := WorkshopTitle(tc.source, late); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	long := WorkshopTitle(strings.Repeat("Bộ câu hỏi ", 30), late)
	if n := utf8.RuneCountInString(long); n != MaxTitleLen || !strings.HasSuffix(long, "… – 02/12/2026") {
		t.Errorf("a long bank title gives %q (%d characters), want it shortened to %d with its date kept", long, n, MaxTitleLen)
	}
	ct := Contest{Title: long, Rounds: []Round{{Scoring: WorkshopScoring, Items: []Item{{Question: Question{Type: TrueFalse, Prompt: "Đúng không?", Options: []string{"Đúng", "Sai"}, Correct: []int{0}}}}}}}
	if err := ct.Validate(); err != nil {
		t.Errorf("a contest with the shortened title is refused: %v", err)
	}
}

func TestAWorkshopRequestNamesOneSourceAndAReasonableCount(t *testing.T) {
	tests := []struct {
		name      string
		req       WorkshopRequest
		wantCount int
		wantTag   string
		ok        bool
	}{
		{"a bank gives all its questions up to a round's limit", WorkshopRequest{BankID: "b"}, MaxRoundItems, "", true},
		{"a bank with a count gives its first ones", WorkshopRequest{BankID: "b", Count: 12}, 12, "", true},
		{"a topic draws ten by default", WorkshopRequest{Tag: "  Điều lệ   Đảng "}, DefaultWorkshopCount, "Điều lệ Đảng", true},
		{"a topic with a count", WorkshopRequest{Tag: "Điều lệ Đảng", Count: 25}, 25, "Điều lệ Đảng", true},
		{"a blueprint alone is a source", WorkshopRequest{BlueprintID: "bp"}, MaxRoundItems, "", true},
		{"no source", WorkshopRequest{}, 0, "", false},
		{"a blank topic is no source", WorkshopRequest{Tag: "   "}, 0, "", false},
		{"two sources", WorkshopRequest{BankID: "b", Tag: "Điều lệ Đảng"}, 0, "", false},
		{"a negative count", WorkshopRequest{Tag: "Điều lệ Đảng", Count: -1}, 0, "", false},
		{"more than a round holds", WorkshopRequest{BankID: "b", Count: MaxRoundItems + 1}, 0, "", false},
		{"a topic longer than any tag", WorkshopRequest{Tag: strings.Repeat("x", MaxTagLen+1)}, 0, "", false},
	}
	for _, tc := range tests {
		req := tc.req
		err := req.Validate()
		if tc.ok != (err == nil) {
			t.Errorf("%s: error %v, want ok = %v", tc.name, err, tc.ok)
			continue
		}
		if err != nil {
			if ErrorCode(err) != EINVALID || !strings.ContainsAny(ErrorMessage(err), "ăâđêôơưạảãáàệ") {
				t.Errorf("%s: %v, want an EINVALID in Vietnamese", tc.name, err)
			}
			continue
		}
		if req.Count != tc.wantCount || req.Tag != tc.wantTag {
			t.Errorf("%s: count %d tag %q, want %d %q", tc.name, req.Count, req.Tag, tc.wantCount, tc.wantTag)
		}
	}
}

func TestABankWorkshopKeepsTheFirstQuestionsAndSaysHowManyItLeftOut(t *testing.T) {
	qs := make([]Question, 5)
	for i := range qs {
		qs[i].ID = string(rune('a' + i))
	}
	tests := []struct {
		n       int
		want    string
		leftOut int
	}{
		{10, "abcde", 0},
		{5, "abcde", 0},
		{3, "abc", 2},
	}
	for _, tc := range tests {
		kept, left := FirstQuestions(qs, tc.n)
		var got string
		for _, q := range kept {
			got += q.ID
		}
		if got != tc.want || left != tc.leftOut {
			t.Errorf("first %d: %q and %d left out, want %q and %d", tc.n, got, left, tc.want, tc.leftOut)
		}
	}
}

func TestATopicWorkshopDrawsAtRandomTheSameForASeedAndNeverTheSamePromptTwice(t *testing.T) {
	var qs []Question
	for i := range 30 {
		qs = append(qs, Question{ID: strconv.Itoa(i), Prompt: "Câu hỏi số " + strconv.Itoa(i)})
	}
	// The same question kept in two banks, written a little differently.
	qs = append(qs, Question{ID: "copy-1", Prompt: "Nhiệm vụ của đảng viên?"}, Question{ID: "copy-2", Prompt: "  nhiem vu cua DANG VIEN "})
	ids := func(qs []Question) []string {
		var out []string
		for _, q := range qs {
			out = append(out, q.ID)
		}
		return out
	}
	a, b := ids(DrawQuestions(qs, 10, 42)), ids(DrawQuestions(qs, 10, 42))
	if len(a) != 10 || !slices.Equal(a, b) {
		t.Errorf("two draws with seed 42: %v and %v, want the same ten", a, b)
	}
	if c := ids(DrawQuestions(qs, 10, 43)); slices.Equal(a, c) {
		t.Errorf("seeds 42 and 43 drew the same questions %v", a)
	}
	if first := ids(qs[:10]); slices.Equal(a, first) {
		t.Errorf("the draw kept the questions in their order: %v", a)
	}
	for seed := range uint64(50) {
		all := ids(DrawQuestions(qs, len(qs), seed))
		if len(all) != len(qs)-1 || slices.Contains(all, "copy-1") == slices.Contains(all, "copy-2") {
			t.Fatalf("seed %d: drew %d of %d with one copy of the repeated prompt, got %v", seed, len(all), len(qs)-1, all)
		}
	}
	if got := DrawQuestions(nil, 10, 1); len(got) != 0 {
		t.Errorf("a draw from nothing gave %v", got)
	}
}
