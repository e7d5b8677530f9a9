package store_test

import (
	"slices"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// TestABlueprintIsKeptForItsOwner: saved, listed (for its owner and the admin only), changed
// and deleted; a blueprint of no known owner is refused.
func TestABlueprintIsKeptForItsOwner(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users, bps := store.NewUserService(db), store.NewBlueprintService(db)
		owner := &quiz.User{Username: "chu", DisplayName: "Đồng chí Chủ", Role: quiz.RoleTrainer}
		other := &quiz.User{Username: "khac", DisplayName: "Khác", Role: quiz.RoleTrainer}
		admin := &quiz.User{Username: "qt", DisplayName: "Quản trị", Role: quiz.RoleAdmin}
		for _, u := range []*quiz.User{owner, other, admin} {
			must(t, users.CreateUser(ctx, u, "mat-khau-dai-1"))
		}
		bp := &quiz.Blueprint{OwnerID: owner.ID, Title: "Đề vòng một", Parts: []quiz.BlueprintPart{
			{Tag: "Điều lệ Đảng", Levels: []int{4, 4, 2}}, {Tag: "Quy định 24-QĐ/TW", Any: 5}}}
		must(t, bps.CreateBlueprint(ctx, bp))
		if bp.ID == "" || bp.OwnerName != "Đồng chí Chủ" {
			t.Fatalf("saved as %+v, want an id and the owner's name", bp)
		}
		got, err := bps.FindBlueprint(ctx, bp.ID)
		must(t, err)
		if got.Title != bp.Title || len(got.Parts) != 2 || !slices.Equal(got.Parts[0].Levels, []int{4, 4, 2, 0}) || got.Parts[1].Any != 5 || got.Total() != 15 {
			t.Errorf("read back %+v, want what was saved", got)
		}
		for _, c := range []struct {
			who  *quiz.User
			want int
		}{{owner, 1}, {other, 0}, {admin, 1}} {
			list, err := bps.ListBlueprints(ctx, c.who)
			must(t, err)
			if len(list) != c.want {
				t.Errorf("%s lists %d blueprints, want %d", c.who.Username, len(list), c.want)
			}
		}
		got.Title, got.Parts = "Đề vòng hai", []quiz.BlueprintPart{{Any: 3}}
		must(t, bps.UpdateBlueprint(ctx, got))
		again, err := bps.FindBlueprint(ctx, bp.ID)
		must(t, err)
		if again.Title != "Đề vòng hai" || again.Total() != 3 || again.OwnerID != owner.ID {
			t.Errorf("after the change: %+v", again)
		}
		must(t, bps.DeleteBlueprint(ctx, bp.ID))
		_, err = bps.FindBlueprint(ctx, bp.ID)
		wantCode(t, err, quiz.ENOTFOUND)
		wantCode(t, bps.DeleteBlueprint(ctx, bp.ID), quiz.ENOTFOUND)
		wantCode(t, bps.UpdateBlueprint(ctx, again), quiz.ENOTFOUND)
		wantCode(t, bps.CreateBlueprint(ctx, &quiz.Blueprint{OwnerID: "no-such-user", Title: "Đề", Parts: []quiz.BlueprintPart{{Any: 1}}}), quiz.EINVALID)
		wantCode(t, bps.CreateBlueprint(ctx, &quiz.Blueprint{OwnerID: owner.ID, Title: "Đề"}), quiz.EINVALID)
	})
}

// TestABlueprintDrawsOnlyFromTheBanksItsUserMayRead: the topics and their counts, and the pool
// of a blueprint, come from the banks the user may read now, by the parts' topics (in any
// case), banks and kinds.
func TestABlueprintDrawsOnlyFromTheBanksItsUserMayRead(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users, banks, bps := store.NewUserService(db), store.NewBankService(db), store.NewBlueprintService(db)
		owner := &quiz.User{Username: "chu", DisplayName: "Chủ", Role: quiz.RoleTrainer}
		other := &quiz.User{Username: "khac", DisplayName: "Khác", Role: quiz.RoleTrainer}
		must(t, users.CreateUser(ctx, owner, "mat-khau-chu-1"))
		must(t, users.CreateUser(ctx, other, "mat-khau-khac-1"))
		mine := &quiz.Bank{Title: "Của tôi", OwnerID: owner.ID}
		theirs := &quiz.Bank{Title: "Của người khác", OwnerID: other.ID}
		must(t, banks.CreateBank(ctx, mine))
		must(t, banks.CreateBank(ctx, theirs))
		add := func(b *quiz.Bank, prompt string, level int, tags ...string) quiz.Question {
			q := question(prompt)
			q.BankID, q.Difficulty, q.Tags = b.ID, level, tags
			must(t, banks.CreateQuestion(ctx, &q))
			return q
		}
		a := add(mine, "Nhiệm vụ của đảng viên?", quiz.Recall, "Điều lệ Đảng")
		b := add(mine, "Quyền của đảng viên?", quiz.Recall, "điều lệ  đảng", "Quy định 24-QĐ/TW")
		c := add(mine, "Đảng viên dự bị?", quiz.Apply, "Điều lệ Đảng")
		d := add(mine, "Sinh hoạt chi bộ?", 0, "Sinh hoạt chi bộ")
		add(theirs, "Của người khác?", quiz.Recall, "Điều lệ Đảng")

		tags, err := bps.ListTags(ctx, owner)
		must(t, err)
		want := []quiz.TagCount{
			{Tag: "Điều lệ Đảng", Levels: [4]int{2, 0, 1, 0}},
			{Tag: "Quy định 24-QĐ/TW", Levels: [4]int{1, 0, 0, 0}},
			{Tag: "Sinh hoạt chi bộ", Unrated: 1},
		}
		if !slices.Equal(tags, want) {
			t.Errorf("tags %+v, want %+v", tags, want)
		}
		pool := func(parts ...quiz.BlueprintPart) []string {
			t.Helper()
			qs, err := bps.BlueprintPool(ctx, owner, parts)
			must(t, err)
			var got []string
			for _, q := range qs {
				got = append(got, q.Prompt)
			}
			slices.Sort(got)
			return got
		}
		sorted := func(qs ...quiz.Question) []string {
			var out []string
			for _, q := range qs {
				out = append(out, q.Prompt)
			}
			slices.Sort(out)
			return out
		}
		for _, tc := range []struct {
			name  string
			parts []quiz.BlueprintPart
			want  []string
		}{
			{"a topic in another case", []quiz.BlueprintPart{{Tag: "ĐIỀU LỆ ĐẢNG", Any: 1}}, sorted(a, b, c)},
			{"two topics", []quiz.BlueprintPart{{Tag: "Quy định 24-QĐ/TW", Any: 1}, {Tag: "Sinh hoạt chi bộ", Any: 1}}, sorted(b, d)},
			{"any topic", []quiz.BlueprintPart{{Any: 1}}, sorted(a, b, c, d)},
			{"a topic no one wrote", []quiz.BlueprintPart{{Tag: "Nghị quyết 21", Any: 1}}, nil},
			{"a bank one may not read", []quiz.BlueprintPart{{BankIDs: []string{theirs.ID}, Any: 1}}, nil},
			{"a kind no question has", []quiz.BlueprintPart{{Types: []quiz.QuestionType{quiz.Numeric}, Any: 1}}, nil},
		} {
			if got := pool(tc.parts...); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
		}
		tags, err = bps.ListTags(ctx, &quiz.User{ID: "x", Role: quiz.RoleJudge})
		must(t, err)
		if len(tags) != 0 {
			t.Errorf("a judge sees tags %v", tags)
		}
	})
}
