package store_test

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

func TestBankKeepsItsQuestionsInOrder(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		b := &quiz.Bank{Title: "  Điều lệ Đảng  ", Description: "Ôn tập"}
		must(t, banks.CreateBank(ctx, b))
		if b.ID == "" || b.Title != "Điều lệ Đảng" || b.CreatedAt.IsZero() {
			t.Fatalf("created bank = %+v", b)
		}

		first := question("Chi bộ họp thường kỳ mấy lần một tháng?")
		first.BankID = b.ID
		must(t, banks.CreateQuestion(ctx, &first))
		more := []quiz.Question{question("Câu thứ hai"), question("Câu thứ ba")}
		for i := range more {
			more[i].BankID = b.ID
		}
		must(t, banks.CreateQuestions(ctx, more))
		if first.Position != 1 || more[0].Position != 2 || more[1].Position != 3 {
			t.Fatalf("positions = %d, %d, %d; want 1, 2, 3", first.Position, more[0].Position, more[1].Position)
		}

		found, err := banks.FindBank(ctx, b.ID)
		must(t, err)
		if found.QuestionCount != 3 || found.Title != b.Title || !found.CreatedAt.Equal(b.CreatedAt) {
			t.Fatalf("found bank = %+v, want 3 questions and %+v", found, b)
		}
		list, err := banks.ListBanks(ctx, admin)
		must(t, err)
		if len(list) != 1 || list[0].QuestionCount != 3 {
			t.Fatalf("listed banks = %+v", list)
		}

		b.Title = "Điều lệ Đảng (sửa đổi)"
		must(t, banks.UpdateBank(ctx, b))
		if found, _ := banks.FindBank(ctx, b.ID); found.Title != "Điều lệ Đảng (sửa đổi)" {
			t.Fatalf("title after update = %q", found.Title)
		}

		edited := more[0]
		edited.Prompt = "Câu thứ hai, đã sửa"
		edited.Correct = []int{2}
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		got, err := banks.FindQuestion(ctx, edited.ID)
		must(t, err)
		if got.Position != 2 || got.Prompt != "Câu thứ hai, đã sửa" || !slices.Equal(got.Correct, []int{2}) || got.BankID != b.ID {
			t.Fatalf("question after update = %+v", got)
		}

		must(t, banks.DeleteQuestion(ctx, first.ID))
		qs, err := banks.ListQuestions(ctx, b.ID)
		must(t, err)
		if len(qs) != 2 || qs[0].ID != more[0].ID || qs[1].ID != more[1].ID {
			t.Fatalf("questions after delete = %+v", qs)
		}
		if !slices.Equal(qs[1].Options, []string{"Có", "Không", "Tùy"}) || !slices.Equal(qs[1].Correct, []int{1}) {
			t.Fatalf("options and key did not round-trip: %+v", qs[1])
		}

		must(t, banks.DeleteBank(ctx, b.ID))
		_, err = banks.FindBank(ctx, b.ID)
		wantCode(t, err, quiz.ENOTFOUND)
		_, err = banks.FindQuestion(ctx, more[1].ID)
		wantCode(t, err, quiz.ENOTFOUND)
	})
}

func TestQuestionBanksNamesTheBankOfEachQuestionThatIsLeft(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		a, b := &quiz.Bank{Title: "Điều lệ Đảng"}, &quiz.Bank{Title: "Nghiệp vụ"}
		must(t, banks.CreateBank(ctx, a))
		must(t, banks.CreateBank(ctx, b))
		qa, qb, gone := question("Câu của bộ A"), question("Câu của bộ B"), question("Câu đã xoá")
		qa.BankID, qb.BankID, gone.BankID = a.ID, b.ID, a.ID
		for _, q := range []*quiz.Question{&qa, &qb, &gone} {
			must(t, banks.CreateQuestion(ctx, q))
		}
		must(t, banks.DeleteQuestion(ctx, gone.ID))
		got, err := banks.QuestionBanks(ctx, []string{qa.ID, qb.ID, gone.ID, "no-such-question"})
		must(t, err)
		if want := map[string]string{qa.ID: a.ID, qb.ID: b.ID}; !maps.Equal(got, want) {
			t.Fatalf("banks = %v, want %v", got, want)
		}
		if none, err := banks.QuestionBanks(ctx, nil); err != nil || len(none) != 0 {
			t.Fatalf("no ids: %v, %v", none, err)
		}
	})
}

func TestBankServiceRefusesWhatItCannotDo(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		banks := store.NewBankService(db)
		b, qs := newBank(t, db, "Câu có sẵn")
		orphan := question("Câu không có bộ")
		orphan.BankID = "no-such-bank"
		bad := question("")
		bad.BankID = b.ID

		cases := []struct {
			name string
			do   func() error
			code string
		}{
			{"a bank without a title is invalid", func() error { return banks.CreateBank(t.Context(), &quiz.Bank{Title: "  "}) }, quiz.EINVALID},
			{"a missing bank is not found", func() error { _, err := banks.FindBank(t.Context(), "no-such-bank"); return err }, quiz.ENOTFOUND},
			{"updating a missing bank is not found", func() error { return banks.UpdateBank(t.Context(), &quiz.Bank{ID: "no-such-bank", Title: "X"}) }, quiz.ENOTFOUND},
			{"deleting a missing bank is not found", func() error { return banks.DeleteBank(t.Context(), "no-such-bank") }, quiz.ENOTFOUND},
			{"a question for a missing bank is not found", func() error { return banks.CreateQuestion(t.Context(), &orphan) }, quiz.ENOTFOUND},
			{"a question without a prompt is invalid", func() error { return banks.CreateQuestion(t.Context(), &bad) }, quiz.EINVALID},
			{"one invalid question in an import saves none", func() error {
				good := question("Câu hợp lệ")
				good.BankID = b.ID
				return banks.CreateQuestions(t.Context(), []quiz.Question{good, bad})
			}, quiz.EINVALID},
			{"updating a missing question is not found", func() error {
				q := question("Câu đã xoá")
				q.ID = "no-such-question"
				return banks.UpdateQuestion(t.Context(), &q, admin)
			}, quiz.ENOTFOUND},
			{"deleting a missing question is not found", func() error { return banks.DeleteQuestion(t.Context(), "no-such-question") }, quiz.ENOTFOUND},
			{"a bank owned by an unknown user is invalid", func() error {
				return banks.CreateBank(t.Context(), &quiz.Bank{Title: "Bộ lạ", OwnerID: "no-such-user"})
			}, quiz.EINVALID},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantCode(t, c.do(), c.code) })
		}
		if found, _ := banks.FindBank(t.Context(), b.ID); found.QuestionCount != len(qs) {
			t.Errorf("question count = %d after refused changes, want %d", found.QuestionCount, len(qs))
		}
	})
}

func TestSearchIgnoresDiacriticsAndCase(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		b, _ := newBank(t, db,
			"Chi bộ họp thường kỳ mỗi tháng một lần",
			"Nhiệm vụ của Bí thư chi bộ là gì?",
			"Đảng viên có bao nhiêu quyền?",
			"Tỉ lệ 100% đảng viên tham gia",
		)
		other, _ := newBank(t, db, "Chi bộ của bộ khác")
		cases := []struct {
			name, text string
			want       []string
		}{
			{"text without accents finds text with them", "chi bo", []string{"Chi bộ họp thường kỳ mỗi tháng một lần", "Nhiệm vụ của Bí thư chi bộ là gì?"}},
			{"capitals and accents in the query do not matter", "BÍ THƯ", []string{"Nhiệm vụ của Bí thư chi bộ là gì?"}},
			{"đ matches d", "dang vien", []string{"Đảng viên có bao nhiêu quyền?", "Tỉ lệ 100% đảng viên tham gia"}},
			{"a percent sign is matched literally", "0%", []string{"Tỉ lệ 100% đảng viên tham gia"}},
			{"an underscore is not a wildcard", "chi_bo", nil},
			{"an empty query finds every question of the bank", "", []string{"Chi bộ họp thường kỳ mỗi tháng một lần", "Nhiệm vụ của Bí thư chi bộ là gì?", "Đảng viên có bao nhiêu quyền?", "Tỉ lệ 100% đảng viên tham gia"}},
		}
		banks := store.NewBankService(db)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				qs, err := banks.SearchQuestions(t.Context(), b.ID, c.text)
				must(t, err)
				var got []string
				for _, q := range qs {
					got = append(got, q.Prompt)
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("search %q = %q, want %q", c.text, got, c.want)
				}
			})
		}
		if qs, _ := banks.SearchQuestions(t.Context(), other.ID, "nhiem vu"); len(qs) != 0 {
			t.Errorf("search found questions of another bank: %+v", qs)
		}
	})
}

func TestConcurrentAppendsGetDistinctPositions(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		b, _ := newBank(t, db)
		banks := store.NewBankService(db)
		const n = 20
		positions := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				q := question(fmt.Sprintf("Câu %d", i))
				q.BankID = b.ID
				if err := banks.CreateQuestion(t.Context(), &q); err != nil {
					t.Error(err)
				}
				positions[i] = q.Position
			})
		}
		wg.Wait()
		slices.Sort(positions)
		for i, p := range positions {
			if p != i+1 {
				t.Fatalf("positions = %v, want 1..%d", positions, n)
			}
		}
	})
}

// TestTopicTagsAndLevelsAreKeptAndCopiedIntoContests: a question's tags and difficulty level
// come back as saved, after an edit, and in a contest's own copy of it.
func TestTopicTagsAndLevelsAreKeptAndCopiedIntoContests(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		b := &quiz.Bank{Title: "Tập huấn"}
		must(t, banks.CreateBank(ctx, b))
		q := question("Cơ quan lãnh đạo cao nhất của chi bộ?")
		q.BankID, q.Tags, q.Difficulty = b.ID, []string{"Điều lệ Đảng", " điều lệ  đảng ", "Sinh hoạt chi bộ"}, quiz.Understand
		must(t, banks.CreateQuestion(ctx, &q))
		got, err := banks.FindQuestion(ctx, q.ID)
		must(t, err)
		if !slices.Equal(got.Tags, []string{"Điều lệ Đảng", "Sinh hoạt chi bộ"}) || got.Difficulty != quiz.Understand {
			t.Fatalf("saved tags %q, level %d", got.Tags, got.Difficulty)
		}
		got.Tags = []string{"Quy định 24-QĐ/TW"}
		must(t, banks.UpdateQuestion(ctx, got, admin))
		edited, err := banks.FindQuestion(ctx, q.ID)
		must(t, err)
		if !slices.Equal(edited.Tags, []string{"Quy định 24-QĐ/TW"}) {
			t.Fatalf("edited tags %q", edited.Tags)
		}
		contests := store.NewContestService(db)
		c := &quiz.Contest{Title: "Hội thi", Rounds: []quiz.Round{{Title: "Vòng 1", Scoring: quiz.FixedPoints, Items: []quiz.Item{{Question: *edited}}}}}
		must(t, contests.CreateContest(ctx, c))
		found, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		if it := found.Rounds[0].Items[0].Question; !slices.Equal(it.Tags, edited.Tags) || it.Difficulty != quiz.Understand {
			t.Fatalf("the contest's copy has tags %q, level %d", it.Tags, it.Difficulty)
		}
		bad := question("Quá nhiều chủ đề")
		bad.BankID = b.ID
		for i := range quiz.MaxTags + 1 {
			bad.Tags = append(bad.Tags, fmt.Sprintf("Chủ đề %d", i))
		}
		if err := banks.CreateQuestion(ctx, &bad); quiz.ErrorCode(err) != quiz.EINVALID {
			t.Fatalf("%d tags: %v", len(bad.Tags), err)
		}
	})
}
