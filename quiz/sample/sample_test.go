package sample

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"hoithi/quiz"
)

func load(t *testing.T) (quiz.Bank, []quiz.Question) {
	t.Helper()
	b, qs, err := Bank()
	if err != nil {
		t.Fatalf("the sample bank does not load: %v", err)
	}
	return b, qs
}

func TestSampleBankHasEnoughQuestionsToRunAContest(t *testing.T) {
	b, qs := load(t)
	if len(qs) < 30 {
		t.Errorf("the sample bank has %d questions, want at least 30", len(qs))
	}
	if b.QuestionCount != len(qs) {
		t.Errorf("QuestionCount = %d, want %d", b.QuestionCount, len(qs))
	}
	if b.Title == "" || b.Description == "" {
		t.Error("the sample bank needs a title and a description")
	}
}

func TestEverySampleQuestionValidates(t *testing.T) {
	_, qs := load(t)
	for i := range qs {
		q := qs[i]
		if err := q.Validate(); err != nil {
			t.Errorf("question %d: %v", i+1, err)
		}
		if q.ID != "" || q.BankID != "" {
			t.Errorf("question %d: IDs are left to the caller, got %q/%q", i+1, q.ID, q.BankID)
		}
		if q.Explanation == "" || len(q.Tags) == 0 {
			t.Errorf("question %d: explanation and a topic tag must be filled", i+1)
		}
		if q.Difficulty < 1 || q.Difficulty > 3 {
			t.Errorf("question %d: difficulty %d, want 1–3", i+1, q.Difficulty)
		}
		if n := utf8.RuneCountInString(q.Prompt); n > 250 {
			t.Errorf("question %d: prompt has %d characters, too long for a phone screen", i+1, n)
		}
	}
}

func TestAllThreeQuestionTypesAppear(t *testing.T) {
	_, qs := load(t)
	seen := map[quiz.QuestionType]int{}
	for i, q := range qs {
		seen[q.Type]++
		switch q.Type {
		case quiz.MultiChoice:
			if len(q.Correct) < 2 {
				t.Errorf("question %d: a multi-choice question needs at least two right options", i+1)
			}
			if !strings.Contains(q.Prompt, "Chọn tất cả các đáp án đúng") {
				t.Errorf("question %d: a multi-choice prompt must say that several answers may be right", i+1)
			}
		case quiz.SingleChoice:
			if len(q.Options) != 4 {
				t.Errorf("question %d: a single-choice question has %d options, want 4", i+1, len(q.Options))
			}
		}
	}
	for _, typ := range []quiz.QuestionType{quiz.SingleChoice, quiz.MultiChoice, quiz.TrueFalse} {
		if seen[typ] == 0 {
			t.Errorf("no %s question in the sample bank", typ)
		}
	}
}

// TestNoTwoPromptsAreTheSame: the sample bank opens with no "câu hỏi trùng nhau" notice.
func TestNoTwoPromptsAreTheSame(t *testing.T) {
	_, qs := load(t)
	for i := range qs {
		qs[i].ID = fmt.Sprint(i + 1)
	}
	for _, g := range quiz.DuplicateGroups(qs, nil) {
		var numbers []string
		for _, q := range g.Questions {
			numbers = append(numbers, q.ID)
		}
		t.Errorf("questions %v have the same prompt", numbers)
	}
}

func TestOptionsWithinAQuestionAreDistinct(t *testing.T) {
	_, qs := load(t)
	for i, q := range qs {
		seen := map[string]bool{}
		for _, o := range q.Options {
			key := quiz.Fold(o)
			if seen[key] {
				t.Errorf("question %d: option %q appears twice", i+1, o)
			}
			seen[key] = true
		}
	}
}

// sources maps each source a question may name (the article's title, outlet and date) to the
// copy of that text kept in testdata, so every quotation can be checked against it.
func sources(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "sources.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files map[string]string
	if err := json.Unmarshal(raw, &files); err != nil {
		t.Fatalf("testdata/sources.json: %v", err)
	}
	texts := make(map[string]string, len(files))
	for source, name := range files {
		text, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		texts[source] = squeeze(string(text))
	}
	return texts
}

// squeeze folds away what differs between a quotation and the page it came from without
// changing its words: case, spacing, quotation marks and the look-alike letter Ð used for Đ.
func squeeze(s string) string {
	s = strings.NewReplacer("Ð", "Đ", "ð", "đ").Replace(s)
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) || strings.ContainsRune("\"“”", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// quotations returns the outermost “…” passages of s, split at ellipses and inner quotes.
func quotations(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '“':
			if depth == 0 {
				start = i + len("“")
			}
			depth++
		case r == '”' && depth > 0:
			depth--
			if depth == 0 {
				out = append(out, strings.FieldsFunc(s[start:i], func(r rune) bool { return strings.ContainsRune("…“”", r) })...)
			}
		}
	}
	return out
}

func TestEverySourceNamesAnArticleWithItsOutletAndDate(t *testing.T) {
	_, qs := load(t)
	known := sources(t)
	for i, q := range qs {
		if _, ok := known[q.Source]; !ok {
			t.Errorf("question %d: source %q is none of the articles the bank is written from", i+1, q.Source)
		}
		if strings.Contains(q.Source, "seeds/") || strings.Contains(q.Source, ".txt") || strings.Contains(q.Source, ".md") {
			t.Errorf("question %d: source %q shows a file name to the contestants", i+1, q.Source)
		}
	}
}

func TestEveryQuotationIsFoundInTheArticleItCites(t *testing.T) {
	_, qs := load(t)
	known := sources(t)
	for i, q := range qs {
		text, ok := known[q.Source]
		if !ok {
			continue
		}
		for _, quote := range quotations(q.Explanation) {
			if utf8.RuneCountInString(strings.TrimSpace(quote)) < 12 || slices.Contains(q.Options, strings.TrimSpace(quote)) {
				continue
			}
			if !strings.Contains(text, squeeze(quote)) {
				t.Errorf("question %d: the explanation quotes %q, which its source does not say", i+1, quote)
			}
		}
	}
}

func TestTheRightAnswerIsSpreadOverTheLetters(t *testing.T) {
	_, qs := load(t)
	var key [4]int
	singles := 0
	for _, q := range qs {
		if q.Type == quiz.SingleChoice {
			key[q.Correct[0]]++
			singles++
		}
	}
	for letter, n := range key {
		if n*5 < singles || n*3 > singles {
			t.Errorf("option %c is the right answer in %d of %d single-choice questions, want between a fifth and a third", 'A'+letter, n, singles)
		}
	}
}
