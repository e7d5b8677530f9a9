package quiz

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func dupQuestion(id, prompt string, tags ...string) Question {
	return Question{ID: id, BankID: "b1", Type: SingleChoice, Prompt: prompt, Options: []string{"Có", "Không"}, Correct: []int{0}, Tags: tags}
}

func TestPromptsAreTheSameOnceCaseSpacingPunctuationAndDiacriticsAreSetAside(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		same bool
	}{
		{"a prompt typed without diacritics repeats the one with them", "Đảng viên là gì?", "dang vien la gi", true},
		{"extra spaces and another case repeat it", "  Chi bộ   họp  mấy lần?", "chi bộ họp mấy lần", true},
		{"punctuation is set aside", "Chi bộ, họp: mấy lần!", "Chi bộ họp mấy lần", true},
		{"another word is another question", "Chi bộ họp mấy lần một tháng?", "Chi bộ họp mấy lần một năm?", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := PromptKey(c.a) == PromptKey(c.b); got != c.same {
				t.Fatalf("PromptKey(%q) = %q, PromptKey(%q) = %q; same = %v, want %v", c.a, PromptKey(c.a), c.b, PromptKey(c.b), got, c.same)
			}
		})
	}
}

func TestABanksDuplicatesAreGroupedByPrompt(t *testing.T) {
	bank := []Question{
		dupQuestion("q1", "Đảng viên là gì?"),
		dupQuestion("q2", "Chi bộ họp mấy lần?"),
		dupQuestion("q3", "dang vien la gi"),
		dupQuestion("q4", "Chi bộ họp mấy lần"),
		dupQuestion("q5", "Ai là bí thư?"),
		dupQuestion("q6", "ĐẢNG VIÊN LÀ GÌ"),
	}
	key := PromptKey("Đảng viên là gì")
	cases := []struct {
		name string
		kept []KeptPair
		want [][]string
	}{
		{"two groups, in the order of their first question, each by position", nil, [][]string{{"q1", "q3", "q6"}, {"q2", "q4"}}},
		{"a pair kept leaves its group out", []KeptPair{NewKeptPair("q4", "q2", PromptKey("Chi bộ họp mấy lần"))}, [][]string{{"q1", "q3", "q6"}}},
		{"a group with one pair not kept is shown whole",
			[]KeptPair{{A: "q1", B: "q3", Key: key}, {A: "q3", B: "q6", Key: key}}, [][]string{{"q1", "q3", "q6"}, {"q2", "q4"}}},
		{"a group whose every pair was kept is left out",
			[]KeptPair{{A: "q1", B: "q3", Key: key}, {A: "q3", B: "q6", Key: key}, {A: "q1", B: "q6", Key: key}}, [][]string{{"q2", "q4"}}},
		{"a pair kept under a prompt since changed no longer counts",
			[]KeptPair{NewKeptPair("q2", "q4", PromptKey("Chi bộ họp mấy lần một năm"))}, [][]string{{"q1", "q3", "q6"}, {"q2", "q4"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got [][]string
			for _, g := range DuplicateGroups(bank, c.kept) {
				var ids []string
				for _, q := range g.Questions {
					ids = append(ids, q.ID)
					if PromptKey(q.Prompt) != g.Key {
						t.Errorf("question %s in group %q has key %q", q.ID, g.Key, PromptKey(q.Prompt))
					}
				}
				got = append(got, ids)
			}
			if !slices.EqualFunc(got, c.want, slices.Equal) {
				t.Fatalf("groups = %v, want %v", got, c.want)
			}
		})
	}
	if g := DuplicateGroups([]Question{dupQuestion("q1", "Một câu")}, nil); len(g) != 0 {
		t.Fatalf("a bank without duplicates has groups %v", g)
	}
}

func TestAMergeKeepsTheChosenQuestionAndGainsWhatItLacks(t *testing.T) {
	withText := func(q Question, explanation, source string) Question {
		q.Explanation, q.Source = explanation, source
		return q
	}
	keep := dupQuestion("q1", "Đảng viên là gì?", "Điều lệ Đảng", "Chi bộ")
	keep.Points, keep.Difficulty = 200, Understand
	cases := []struct {
		name                string
		keep                Question
		remove              []Question
		tags                []string
		explanation, source string
		refused             string
		refusedCode         string
	}{
		{"the tags are the union, the kept question's spelling first", keep,
			[]Question{dupQuestion("q2", "dang vien la gi", "chi bộ", "Quy định 24-QĐ/TW"), dupQuestion("q3", "Đảng viên là gì", "Quy định 24-QĐ/TW", "Đảng viên")},
			[]string{"Điều lệ Đảng", "Chi bộ", "Quy định 24-QĐ/TW", "Đảng viên"}, "", "", "", ""},
		{"an explanation and a source are taken only when the kept question has none", keep,
			[]Question{withText(dupQuestion("q2", "dang vien la gi"), "", "Điều lệ Đảng, Điều 1"), withText(dupQuestion("q3", "Đảng viên là gì"), "Theo Điều 1.", "Hướng dẫn 12")},
			[]string{"Điều lệ Đảng", "Chi bộ"}, "Theo Điều 1.", "Điều lệ Đảng, Điều 1", "", ""},
		{"the kept question's own explanation and source stay", withText(keep, "Giải thích gốc", "Nguồn gốc"),
			[]Question{withText(dupQuestion("q2", "dang vien la gi"), "Giải thích khác", "Nguồn khác")},
			[]string{"Điều lệ Đảng", "Chi bộ"}, "Giải thích gốc", "Nguồn gốc", "", ""},
		{"a question of another prompt is refused", keep, []Question{dupQuestion("q2", "Chi bộ là gì?")}, nil, "", "", "không trùng nhau", EINVALID},
		{"a question of another bank is not found", keep, []Question{{ID: "q9", BankID: "b2", Prompt: "Đảng viên là gì?"}}, nil, "", "", "Không tìm thấy", ENOTFOUND},
		{"merging a question into itself is refused", keep, []Question{keep}, nil, "", "", "hai lần", EINVALID},
		{"a merge with nothing to remove is refused", keep, nil, nil, "", "", "ít nhất một câu", EINVALID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Merge("b1", c.keep, c.remove)
			if c.refused != "" {
				if ErrorCode(err) != c.refusedCode || !strings.Contains(ErrorMessage(err), c.refused) {
					t.Fatalf("error = %v, want %s with %q", err, c.refusedCode, c.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != c.keep.ID || got.Prompt != c.keep.Prompt || got.Points != 200 || got.Difficulty != Understand {
				t.Errorf("merged = %+v, want the kept question's own content", got)
			}
			if !slices.Equal(got.Tags, c.tags) || got.Explanation != c.explanation || got.Source != c.source {
				t.Errorf("merged tags %q, explanation %q, source %q; want %q, %q, %q", got.Tags, got.Explanation, got.Source, c.tags, c.explanation, c.source)
			}
		})
	}
	if Merge("b1", keep, []Question{dupQuestion("q2", "dang vien la gi", "Mới")}); !slices.Equal(keep.Tags, []string{"Điều lệ Đảng", "Chi bộ"}) {
		t.Errorf("a merge changed the question it was given: %q", keep.Tags)
	}
}

func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("q%d", i+1)
	}
	return ids
}

func TestAMergeRequestNamesOneQuestionToKeepAndOthersOnce(t *testing.T) {
	for _, c := range []struct {
		name   string
		keep   string
		remove []string
		ok     bool
	}{
		{"one kept and two folded in is a merge", "q1", []string{"q2", "q3"}, true},
		{"no question to keep is refused", "", []string{"q2"}, false},
		{"nothing to fold in is refused", "q1", nil, false},
		{"the kept question among those folded in is refused", "q1", []string{"q2", "q1"}, false},
		{"a question named twice is refused", "q1", []string{"q2", "q2"}, false},
		{"a hundred questions in all is a merge", "q0", manyIDs(99), true},
		{"a hundred and one is refused", "q0", manyIDs(100), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckMergeIDs(c.keep, c.remove); (err == nil) != c.ok || (err != nil && ErrorCode(err) != EINVALID) {
				t.Fatalf("error = %v, want ok %v", err, c.ok)
			}
		})
	}
}

func TestKeepingDuplicatesRemembersEveryPairOfTheGroup(t *testing.T) {
	key := PromptKey("Đảng viên là gì")
	got, err := CheckKeep("b1", []Question{dupQuestion("q3", "Đảng viên là gì?"), dupQuestion("q1", "dang vien la gi"), dupQuestion("q2", "ĐẢNG VIÊN LÀ GÌ")})
	if err != nil {
		t.Fatal(err)
	}
	want := []KeptPair{{"q1", "q3", key}, {"q2", "q3", key}, {"q1", "q2", key}}
	if !slices.Equal(got, want) {
		t.Fatalf("pairs = %v, want %v", got, want)
	}
	for _, c := range []struct {
		name string
		qs   []Question
		code string
	}{
		{"one question alone is refused", []Question{dupQuestion("q1", "Đảng viên là gì?")}, EINVALID},
		{"two different prompts are refused", []Question{dupQuestion("q1", "Đảng viên là gì?"), dupQuestion("q2", "Chi bộ là gì?")}, EINVALID},
		{"a question named twice is refused", []Question{dupQuestion("q1", "Đảng viên là gì?"), dupQuestion("q1", "Đảng viên là gì?")}, EINVALID},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := CheckKeep("b1", c.qs); ErrorCode(err) != c.code {
				t.Fatalf("error = %v, want %s", err, c.code)
			}
		})
	}
	if err := CheckKeepIDs([]string{"q1"}); ErrorCode(err) != EINVALID {
		t.Errorf("a keep of one id: %v", err)
	}
	if err := CheckKeepIDs(manyIDs(MaxMerge + 1)); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "tối đa 100") {
		t.Errorf("a keep of %d ids: %v", MaxMerge+1, err)
	}
}
