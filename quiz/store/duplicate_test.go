package store_test

import (
	"slices"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// groupIDs lists the ids of each duplicate group of a bank, as the bank page finds them.
func groupIDs(t *testing.T, banks *store.BankService, bankID string) [][]string {
	t.Helper()
	qs, err := banks.ListQuestions(t.Context(), bankID)
	must(t, err)
	kept, err := banks.ListKeptPairs(t.Context(), bankID)
	must(t, err)
	var out [][]string
	for _, g := range quiz.DuplicateGroups(qs, kept) {
		var ids []string
		for _, q := range g.Questions {
			ids = append(ids, q.ID)
		}
		out = append(out, ids)
	}
	return out
}

func TestDuplicatesKeptBothStayKeptUntilAPromptChanges(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		b, qs := newBank(t, db, "Đảng viên là gì?", "dang vien la gi", "Chi bộ họp mấy lần?", "Chi bộ họp mấy lần")
		if got := groupIDs(t, banks, b.ID); len(got) != 2 {
			t.Fatalf("groups before = %v, want two", got)
		}

		must(t, banks.KeepDuplicates(ctx, b.ID, []string{qs[2].ID, qs[3].ID}))
		must(t, banks.KeepDuplicates(ctx, b.ID, []string{qs[3].ID, qs[2].ID})) // a second press changes nothing
		if got := groupIDs(t, banks, b.ID); !slices.EqualFunc(got, [][]string{{qs[0].ID, qs[1].ID}}, slices.Equal) {
			t.Fatalf("groups after keeping the second pair = %v", got)
		}

		// Edited to another prompt and back: the two are checked afresh.
		edited := qs[3]
		edited.Prompt = "Chi bộ họp mấy lần một năm?"
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		edited.Prompt = "Chi bộ họp mấy lần?"
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		if got := groupIDs(t, banks, b.ID); len(got) != 1 {
			t.Fatalf("groups after an edit back to the same words = %v, want the kept pair to stay kept (same key)", got)
		}
		edited.Prompt = "Chi bộ họp mấy lần một quý?"
		must(t, banks.UpdateQuestion(ctx, &edited, admin))
		third := question("Chi bộ họp mấy lần một quý")
		third.BankID = b.ID
		must(t, banks.CreateQuestion(ctx, &third))
		if got := groupIDs(t, banks, b.ID); len(got) != 2 {
			t.Fatalf("groups after a new repeat of the edited question = %v, want two", got)
		}

		must(t, banks.DeleteQuestion(ctx, qs[2].ID))
		if n := countRows(t, ctx, db, "kept_duplicates", "bank_id = ?", b.ID); n != 0 {
			t.Fatalf("%d kept pairs left after a question of the pair was deleted", n)
		}
		must(t, banks.KeepDuplicates(ctx, b.ID, []string{qs[0].ID, qs[1].ID}))
		must(t, banks.DeleteBank(ctx, b.ID))
		if n := countRows(t, ctx, db, "kept_duplicates", "bank_id = ?", b.ID); n != 0 {
			t.Fatalf("%d kept pairs left after their bank was deleted", n)
		}
	})
}

func TestAMergeKeepsOneQuestionWithTheOthersTagsAndSaysSoInItsHistory(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		b := &quiz.Bank{Title: "Công tác đảng viên"}
		must(t, banks.CreateBank(ctx, b))
		qs := []quiz.Question{question("Đảng viên là gì?"), question("dang vien la gi"), question("ĐẢNG VIÊN LÀ GÌ"), question("Chi bộ là gì?")}
		qs[0].Tags = []string{"Điều lệ Đảng"}
		qs[1].Tags, qs[1].Explanation, qs[1].Source = []string{"điều lệ đảng", "Đảng viên"}, "Theo Điều 1.", "Điều lệ Đảng"
		for i := range qs {
			qs[i].BankID = b.ID
		}
		must(t, banks.CreateQuestions(ctx, qs))
		merged, err := banks.MergeDuplicates(ctx, b.ID, qs[0].ID, []string{qs[1].ID, qs[2].ID}, &quiz.User{ID: "u1", DisplayName: "Đồng chí Hoa"})
		must(t, err)
		if !slices.Equal(merged.Tags, []string{"Điều lệ Đảng", "Đảng viên"}) || merged.Explanation != "Theo Điều 1." || merged.Source != "Điều lệ Đảng" || merged.Version != 2 {
			t.Fatalf("merged = %+v", merged)
		}
		left, err := banks.ListQuestions(ctx, b.ID)
		must(t, err)
		if len(left) != 2 || left[0].ID != qs[0].ID || left[1].ID != qs[3].ID {
			t.Fatalf("questions after the merge = %+v", left)
		}
		revs, err := banks.ListRevisions(ctx, qs[0].ID)
		must(t, err)
		if len(revs) != 1 || revs[0].ActorName != "Đồng chí Hoa" || !slices.Contains(revs[0].Changed, quiz.MergedPart) || !slices.Contains(revs[0].Changed, "chủ đề") {
			t.Fatalf("history after the merge = %+v", revs)
		}

		// A merge that adds nothing is still in the history.
		again := question("Đảng viên là gì")
		again.BankID = b.ID
		must(t, banks.CreateQuestion(ctx, &again))
		_, err = banks.MergeDuplicates(ctx, b.ID, qs[0].ID, []string{again.ID}, admin)
		must(t, err)
		if revs, _ := banks.ListRevisions(ctx, qs[0].ID); len(revs) != 2 || !slices.Equal(revs[0].Changed, []string{quiz.MergedPart}) {
			t.Fatalf("history after a merge that added nothing = %+v", revs)
		}
	})
}

func TestARefusedMergeOrKeepChangesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks := store.NewBankService(db)
		b, qs := newBank(t, db, "Đảng viên là gì?", "dang vien la gi", "Chi bộ là gì?")
		other, theirs := newBank(t, db, "Đảng viên là gì?")
		cases := []struct {
			name   string
			keep   string
			remove []string
			code   string
		}{
			{"another prompt", qs[0].ID, []string{qs[2].ID}, quiz.EINVALID},
			{"a question of another bank", qs[0].ID, []string{theirs[0].ID}, quiz.ENOTFOUND},
			{"a question that does not exist", qs[0].ID, []string{"no-such-question"}, quiz.ENOTFOUND},
			{"the kept question among those removed", qs[0].ID, []string{qs[0].ID, qs[1].ID}, quiz.EINVALID},
			{"nothing to remove", qs[0].ID, nil, quiz.EINVALID},
		}
		for _, c := range cases {
			t.Run("a merge naming "+c.name, func(t *testing.T) {
				_, err := banks.MergeDuplicates(ctx, b.ID, c.keep, c.remove, admin)
				wantCode(t, err, c.code)
			})
			if len(c.remove) > 0 {
				t.Run("a keep naming "+c.name, func(t *testing.T) {
					wantCode(t, banks.KeepDuplicates(ctx, b.ID, append([]string{c.keep}, c.remove...)), c.code)
				})
			}
		}
		left, err := banks.ListQuestions(ctx, b.ID)
		must(t, err)
		if len(left) != 3 || left[0].Version != 1 {
			t.Fatalf("questions after refused merges = %+v", left)
		}
		if n := countRows(t, ctx, db, "kept_duplicates", "1 = 1"); n != 0 {
			t.Fatalf("%d kept pairs after refused keeps", n)
		}
		if got, _ := banks.ListQuestions(ctx, other.ID); len(got) != 1 {
			t.Fatalf("the other bank lost its question: %+v", got)
		}
	})
}
