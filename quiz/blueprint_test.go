package quiz

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// bankOf makes n questions of a topic and level, with ids and prompts told apart by prefix.
func bankOf(prefix, tag string, level, n int) []Question {
	qs := make([]Question, n)
	for i := range qs {
		qs[i] = Question{ID: fmt.Sprintf("%s-%02d", prefix, i), BankID: "b1", Type: SingleChoice,
			Prompt: fmt.Sprintf("Câu %s số %d?", prefix, i), Tags: []string{tag}, Difficulty: level}
	}
	return qs
}

// examplePool is a bank with 6 questions of each of the first three levels about the Party's
// statutes and 8 of no level about Quy định 24.
func examplePool() []Question {
	var pool []Question
	pool = append(pool, bankOf("dl1", "Điều lệ Đảng", Recall, 6)...)
	pool = append(pool, bankOf("dl2", "Điều lệ Đảng", Understand, 6)...)
	pool = append(pool, bankOf("dl3", "Điều lệ Đảng", Apply, 6)...)
	return append(pool, bankOf("qd", "Quy định 24-QĐ/TW", 0, 8)...)
}

var example = Blueprint{Title: "Đề vòng một", Parts: []BlueprintPart{
	{Tag: "điều lệ  đảng", Levels: []int{4, 4, 2}},
	{Tag: "Quy định 24-QĐ/TW", Any: 5},
}}

func ids(qs []Question) []string {
	out := make([]string, len(qs))
	for i := range qs {
		out[i] = qs[i].ID
	}
	return out
}

func mustDraw(t *testing.T, pool []Question, bp Blueprint, seed uint64, exclude map[string]bool) *Draw {
	t.Helper()
	if err := bp.Validate(); err != nil {
		t.Fatal(err)
	}
	d, err := DrawQuestions(pool, &bp, seed, exclude)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestABlueprintDrawsWhatItAsksFor(t *testing.T) {
	d := mustDraw(t, examplePool(), example, 48213, nil)
	if len(d.Questions) != 15 || len(d.Shortfalls) != 0 {
		t.Fatalf("drew %d questions with shortfalls %v, want 15 and none", len(d.Questions), d.Shortfalls)
	}
	var got []string
	for _, q := range d.Questions {
		got = append(got, q.ID[:3])
	}
	want := strings.Split("dl1 dl1 dl1 dl1 dl2 dl2 dl2 dl2 dl3 dl3 qd- qd- qd- qd- qd-", " ")
	if !slices.Equal(got, want) {
		t.Errorf("drawn in the order %v, want the levels from nhận biết, then Quy định 24: %v", got, want)
	}
	seen := map[string]bool{}
	for _, q := range d.Questions {
		if seen[q.ID] {
			t.Errorf("%s drawn twice", q.ID)
		}
		seen[q.ID] = true
	}
}

func TestTheSameSeedDrawsTheSameQuestionsWhateverThePoolsOrder(t *testing.T) {
	pool := examplePool()
	first := ids(mustDraw(t, pool, example, 7, nil).Questions)
	reversed := slices.Clone(pool)
	slices.Reverse(reversed)
	if again := ids(mustDraw(t, reversed, example, 7, nil).Questions); !slices.Equal(first, again) {
		t.Errorf("the pool in another order drew %v, want %v", again, first)
	}
	differ := 0
	for seed := uint64(8); seed < 18; seed++ {
		if !slices.Equal(first, ids(mustDraw(t, pool, example, seed, nil).Questions)) {
			differ++
		}
	}
	if differ < 9 {
		t.Errorf("only %d of 10 other seeds drew other questions", differ)
	}
}

func TestADrawLeavesOutWhatItMust(t *testing.T) {
	one := func(tag string, any int, levels ...int) Blueprint {
		return Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: tag, Levels: levels, Any: any}}}
	}
	cases := []struct {
		name    string
		pool    []Question
		bp      Blueprint
		exclude map[string]bool
		want    []string // ids drawn, in any order
		short   []string // shortfall messages
	}{
		{"questions of the other rounds are not drawn again",
			bankOf("a", "Điều lệ Đảng", Recall, 3), one("Điều lệ Đảng", 0, 2), map[string]bool{"a-00": true}, []string{"a-01", "a-02"}, nil},
		{"a question whose prompt another round already asks is not drawn",
			append(bankOf("a", "Điều lệ Đảng", Recall, 2), Question{ID: "z", Prompt: "câu A số 0", Tags: []string{"Khác"}}),
			one("Điều lệ Đảng", 0, 2), map[string]bool{"z": true}, []string{"a-01"}, []string{"Chủ đề Điều lệ Đảng, mức nhận biết: cần 2, chỉ có 1 câu"}},
		{"two questions of the same prompt are not both drawn",
			append(bankOf("a", "Điều lệ Đảng", Recall, 1), Question{ID: "b", Prompt: "CÂU A, SỐ 0 ?", Tags: []string{"Điều lệ Đảng"}, Difficulty: Recall}),
			one("Điều lệ Đảng", 0, 2), nil, nil, []string{"Chủ đề Điều lệ Đảng, mức nhận biết: cần 2, chỉ có 1 câu"}},
		{"a level that is short is named, the rest is drawn",
			append(bankOf("a", "Điều lệ Đảng", Recall, 3), bankOf("c", "Điều lệ Đảng", Apply, 1)...), one("Điều lệ Đảng", 0, 2, 0, 2),
			nil, nil, []string{"Chủ đề Điều lệ Đảng, mức vận dụng: cần 2, chỉ có 1 câu"}},
		{"a topic no question has is short of every question",
			bankOf("a", "Điều lệ Đảng", Recall, 3), one("Quy định 24", 2), nil, []string{}, []string{"Chủ đề Quy định 24, mọi mức: cần 2, không còn câu nào"}},
		{"a part with no topic draws from every topic",
			append(bankOf("a", "Điều lệ Đảng", Recall, 1), bankOf("b", "Quy định 24", 0, 1)...), one("", 2), nil, []string{"a-00", "b-00"}, nil},
		{"any level takes the unrated questions too",
			bankOf("a", "Điều lệ Đảng", 0, 2), one("Điều lệ Đảng", 2), nil, []string{"a-00", "a-01"}, nil},
		{"only the kinds asked are drawn",
			append(bankOf("a", "Điều lệ Đảng", Recall, 2), Question{ID: "n", Type: Numeric, Prompt: "Bao nhiêu?", Tags: []string{"Điều lệ Đảng"}, Difficulty: Recall}),
			Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: "Điều lệ Đảng", Types: []QuestionType{Numeric}, Any: 1}}}, nil, []string{"n"}, nil},
		{"only the banks asked are drawn",
			append(bankOf("a", "Điều lệ Đảng", Recall, 2), Question{ID: "o", BankID: "b2", Prompt: "Ở bộ khác?", Tags: []string{"Điều lệ Đảng"}}),
			Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: "Điều lệ Đảng", BankIDs: []string{"b2"}, Any: 1}}}, nil, []string{"o"}, nil},
		{"a question two parts could take counts for the first",
			[]Question{{ID: "x", Prompt: "Cả hai?", Tags: []string{"Điều lệ Đảng", "Quy định 24"}, Difficulty: Recall}},
			Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: "Quy định 24", Any: 1}, {Tag: "Điều lệ Đảng", Levels: []int{1}}}},
			nil, []string{"x"}, []string{"Chủ đề Điều lệ Đảng, mức nhận biết: cần 1, không còn câu nào"}},
		{"a level is drawn before any level in a part",
			append(bankOf("a", "Điều lệ Đảng", Recall, 1), bankOf("b", "Điều lệ Đảng", 0, 1)...), one("Điều lệ Đảng", 1, 1),
			nil, []string{"a-00", "b-00"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustDraw(t, c.pool, c.bp, 1, c.exclude)
			var short []string
			for _, s := range d.Shortfalls {
				short = append(short, s.Message())
			}
			if !slices.Equal(short, c.short) {
				t.Errorf("shortfalls %q, want %q", short, c.short)
			}
			got := ids(d.Questions)
			for _, id := range got {
				if c.exclude[id] {
					t.Errorf("drew %s, which was excluded", id)
				}
			}
			if c.want != nil {
				slices.Sort(got)
				if !slices.Equal(got, c.want) {
					t.Errorf("drew %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestABlueprintThatCannotBeDrawnIsRefusedInVietnamese(t *testing.T) {
	cases := []struct {
		name string
		bp   Blueprint
		want string
	}{
		{"no title", Blueprint{Parts: example.Parts}, "tên đề mẫu"},
		{"no part", Blueprint{Title: "Đề"}, "ít nhất một phần"},
		{"a part of no question", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: "Điều lệ Đảng"}}}, "Phần 1: hãy nhập số câu"},
		{"a fifth level", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Levels: []int{1, 1, 1, 1, 1}}}}, "chỉ có 4 mức độ"},
		{"a negative count", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Levels: []int{2, -1}}}}, "từ 0 đến 200"},
		{"more than a round holds", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Any: 150}, {Any: 51}}}, "Đề mẫu rút 201 câu"},
		{"an unknown kind", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Any: 1, Types: []QuestionType{"essay"}}}}, "“essay” không có"},
		{"a topic too long", Blueprint{Title: "Đề", Parts: []BlueprintPart{{Any: 1, Tag: strings.Repeat("a", 101)}}}, "Phần 1:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.bp.Validate()
			if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), c.want) {
				t.Errorf("Validate() = %v, want invalid mentioning %q", err, c.want)
			}
		})
	}
	if _, err := DrawQuestions(nil, &example, 0, nil); ErrorCode(err) != EINVALID {
		t.Errorf("a draw with seed 0: %v, want invalid", err)
	}
	bp := example
	if err := bp.Validate(); err != nil || len(bp.Parts[1].Levels) != MaxDifficulty {
		t.Errorf("the example: %v, levels %v, want valid with four counts", err, bp.Parts[1].Levels)
	}
}

func TestAShortDrawIsAnErrorThatNamesEachShortfall(t *testing.T) {
	d := mustDraw(t, bankOf("a", "Điều lệ Đảng", Apply, 1), Blueprint{Title: "Đề", Parts: []BlueprintPart{{Tag: "Điều lệ Đảng", Levels: []int{0, 0, 2}}}}, 3, nil)
	err := d.ShortError(2)
	if want := "Vòng 2: không đủ câu hỏi theo đề mẫu. Chủ đề Điều lệ Đảng, mức vận dụng: cần 2, chỉ có 1 câu."; ErrorMessage(err) != want {
		t.Errorf("got %q, want %q", ErrorMessage(err), want)
	}
	if seed := NewSeed(); seed < 10000 || seed > 99999 {
		t.Errorf("a new seed %d is not five digits", seed)
	}
}
