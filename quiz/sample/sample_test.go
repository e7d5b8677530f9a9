package sample

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"hoithi/quiz"
)

// sharedDir is the folder holding the seed articles and contest rules the questions are written from.
var sharedDir = filepath.Join("..", "..", "..", "shared")

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
		if q.Explanation == "" || q.Topic == "" {
			t.Errorf("question %d: explanation and topic must be filled", i+1)
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

func TestNoTwoPromptsAreTheSame(t *testing.T) {
	_, qs := load(t)
	first := map[string]int{}
	for i, q := range qs {
		key := quiz.Fold(q.Prompt)
		if j, ok := first[key]; ok {
			t.Errorf("questions %d and %d have the same prompt", j+1, i+1)
		}
		first[key] = i
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

// sourceFile returns the file a question's source names: "seeds/<name>.txt" or "CONTEST_RULES.md".
func sourceFile(source string) (string, bool) {
	name, _, _ := strings.Cut(source, " ")
	if name == "CONTEST_RULES.md" {
		return name, true
	}
	if rest, ok := strings.CutPrefix(name, "seeds/"); ok && rest != "" && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".txt") {
		return name, true
	}
	return "", false
}

func TestEverySourceNamesASeedFileOrTheContestRules(t *testing.T) {
	_, qs := load(t)
	for i, q := range qs {
		if _, ok := sourceFile(q.Source); !ok {
			t.Errorf("question %d: source %q does not start with a seeds/ file or CONTEST_RULES.md", i+1, q.Source)
		}
		if !strings.Contains(q.Source, " — ") {
			t.Errorf("question %d: source %q does not name the article after the file", i+1, q.Source)
		}
	}
}

func TestEverySourceFileExists(t *testing.T) {
	if _, err := os.Stat(sharedDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent; cannot check source files", sharedDir)
	} else if err != nil {
		t.Fatal(err)
	}
	_, qs := load(t)
	for i, q := range qs {
		name, ok := sourceFile(q.Source)
		if !ok {
			t.Errorf("question %d: source %q names no file", i+1, q.Source)
			continue
		}
		if _, err := os.Stat(filepath.Join(sharedDir, filepath.FromSlash(name))); err != nil {
			t.Errorf("question %d: source file %s: %v", i+1, name, err)
		}
	}
}
