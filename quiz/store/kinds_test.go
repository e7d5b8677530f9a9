package store_test

import (
	"slices"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// kindQuestions are one question of each kind with a key beyond its options.
func kindQuestions(bankID string) []quiz.Question {
	return []quiz.Question{
		{BankID: bankID, Type: quiz.ShortAnswer, Prompt: "Cơ quan lãnh đạo cao nhất của chi bộ?", Answers: []string{"Đại hội chi bộ", "Hội nghị đảng viên"}, NoDiacritics: true},
		{BankID: bankID, Type: quiz.Numeric, Prompt: "Đảng Cộng sản Việt Nam thành lập năm nào?", Value: 1930, Tolerance: 0.5},
		{BankID: bankID, Type: quiz.Ordering, Prompt: "Sắp xếp các bước của một buổi sinh hoạt chi bộ", Options: []string{"Khai mạc", "Thảo luận", "Biểu quyết"}, Partial: true},
		{BankID: bankID, Type: quiz.MultiChoice, Prompt: "Những việc nào là nhiệm vụ của chi bộ?", Options: []string{"Giáo dục đảng viên", "Thu thuế", "Kết nạp đảng viên"}, Correct: []int{0, 2}, Partial: true},
	}
}

// sameKey reports whether two questions have the same kind and key.
func sameKey(a, b quiz.Question) bool {
	return a.Type == b.Type && slices.Equal(a.Answers, b.Answers) && a.NoDiacritics == b.NoDiacritics && a.Value == b.Value &&
		a.Tolerance == b.Tolerance && a.Partial == b.Partial && slices.Equal(a.Options, b.Options) && slices.Equal(a.Correct, b.Correct)
}

func TestEveryQuestionKindKeepsItsKeyInTheBankAndInAContest(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks, contests := store.NewBankService(db), store.NewContestService(db)
		b, _ := newBank(t, db)
		qs := kindQuestions(b.ID)
		must(t, banks.CreateQuestions(ctx, qs))
		listed, err := banks.ListQuestions(ctx, b.ID)
		must(t, err)
		for i := range qs {
			if !sameKey(listed[i], qs[i]) {
				t.Errorf("question %d saved as %+v, want %+v", i+1, listed[i], qs[i])
			}
		}

		edited := listed[1]
		edited.Value, edited.Tolerance = 1945, 0
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		if got, _ := banks.FindQuestion(ctx, edited.ID); got.Value != 1945 || got.Tolerance != 0 {
			t.Errorf("numeric key after an edit: %v ± %v", got.Value, got.Tolerance)
		}

		c := &quiz.Contest{Title: "Hội thi", Rounds: []quiz.Round{{Scoring: quiz.FixedPoints}}}
		for _, q := range listed {
			c.Rounds[0].Items = append(c.Rounds[0].Items, quiz.Item{Question: q})
		}
		must(t, contests.CreateContest(ctx, c))
		must(t, banks.DeleteBank(ctx, b.ID))
		got, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		for i, it := range got.Items() {
			if !sameKey(it.Question, listed[i]) {
				t.Errorf("item %d copied as %+v, want %+v", i+1, it.Question, listed[i])
			}
		}
	})
}

func TestATypedOrOrderedAnswerIsStoredAsSent(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		contests := store.NewContestService(db)
		c := newContest(t, db, 2)
		ps := join(t, db, c.ID, 1)
		items := c.Items()
		must(t, contests.SaveAnswers(ctx, []quiz.Answer{
			{ContestID: c.ID, ItemID: items[0].ID, ParticipantID: ps[0].ID, ClientID: "a", Text: "dai hoi chi bo", Correct: true},
			{ContestID: c.ID, ItemID: items[1].ID, ParticipantID: ps[0].ID, ClientID: "b", Order: []int{2, 0, 1}},
		}))
		got, err := contests.ListAnswers(ctx, c.ID)
		must(t, err)
		byClient := map[string]quiz.Answer{}
		for _, a := range got {
			byClient[a.ClientID] = a
		}
		if a := byClient["a"]; a.Text != "dai hoi chi bo" || !a.Correct || len(a.Order) != 0 {
			t.Errorf("typed answer read back as %+v", a)
		}
		if b := byClient["b"]; !slices.Equal(b.Order, []int{2, 0, 1}) || b.Text != "" {
			t.Errorf("ordered answer read back as %+v", b)
		}
	})
}
