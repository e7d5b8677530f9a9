package store_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// fastHashes makes password hashes cheap: under the race detector one at the default cost
// takes more than a second.
var fastHashes = store.WithPasswordCost(bcrypt.MinCost)

// clock is a time a test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

func newUser(t *testing.T, users *store.UserService, username string, role quiz.Role) *quiz.User {
	t.Helper()
	u := &quiz.User{Username: username, DisplayName: "Đồng chí " + username, Role: role}
	must(t, users.CreateUser(t.Context(), u, "mat-khau-"+username))
	return u
}

func TestSessionsEndWhenIdleOrExpired(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		c := &clock{t: time.UnixMilli(1_800_000_000_000)}
		users := store.NewUserService(db, fastHashes, store.WithClock(c.now), store.WithSessionIdle(12*time.Hour))
		u := newUser(t, users, "bantochuc", quiz.RoleOrganiser)
		start := c.now()
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "dang-dung", UserID: u.ID, CSRFToken: "x", ExpiresAt: start.Add(7 * 24 * time.Hour)}))

		seen := func(want time.Time) {
			t.Helper()
			s, _, err := users.FindSession(ctx, "dang-dung")
			must(t, err)
			if !s.LastSeenAt.Equal(want) {
				t.Fatalf("last seen %v, want %v", s.LastSeenAt, want)
			}
		}
		c.add(30 * time.Second)
		seen(start) // used within the minute: not written again
		c.add(31 * time.Second)
		seen(c.now())
		for range 13 { // in use every 11 hours, well past the 12 hour idle timeout in total
			c.add(11 * time.Hour)
			seen(c.now())
		}
		c.add(12 * time.Hour)
		_, _, err := users.FindSession(ctx, "dang-dung")
		wantCode(t, err, quiz.ENOTFOUND)

		// However often it is used, a session ends 7 days after the login.
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "tuan-le", UserID: u.ID, ExpiresAt: c.now().Add(7 * 24 * time.Hour)}))
		for range 15 {
			c.add(11 * time.Hour)
			_, _, err = users.FindSession(ctx, "tuan-le")
			must(t, err)
		}
		c.add(11 * time.Hour)
		_, _, err = users.FindSession(ctx, "tuan-le")
		wantCode(t, err, quiz.ENOTFOUND)

		must(t, users.CreateSession(ctx, &quiz.Session{ID: "moi", UserID: u.ID, ExpiresAt: c.now().Add(7 * 24 * time.Hour)}))
		n, err := users.PurgeSessions(ctx)
		must(t, err)
		if n != 2 || countRows(t, ctx, db, "sessions", "1 = 1") != 1 || countRows(t, ctx, db, "sessions", "id = ?", "moi") != 1 {
			t.Fatalf("purged %d sessions, want the idle and the expired one, and the new one kept", n)
		}
	})
}

func TestDisabledUsersAreLockedOutAtOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users := store.NewUserService(db, fastHashes)
		newUser(t, users, "admin", quiz.RoleAdmin)
		u := newUser(t, users, "bantochuc", quiz.RoleOrganiser)
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "a", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "b", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))

		yes := true
		got, err := users.UpdateUser(ctx, u.ID, quiz.UserChange{Disabled: &yes})
		must(t, err)
		if !got.Disabled || got.DisplayName != u.DisplayName || got.Role != u.Role {
			t.Fatalf("disabled user = %+v", got)
		}
		if n := countRows(t, ctx, db, "sessions", "user_id = ?", u.ID); n != 0 {
			t.Fatalf("%d sessions of a disabled user are left", n)
		}
		_, err = users.Authenticate(ctx, "bantochuc", "mat-khau-bantochuc")
		wantCode(t, err, quiz.EUNAUTHORIZED)

		// A session made as the account was being disabled still does not work.
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "c", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		_, _, err = users.FindSession(ctx, "c")
		wantCode(t, err, quiz.ENOTFOUND)

		no, name, judge := false, "  Ban giám khảo ", quiz.RoleJudge
		got, err = users.UpdateUser(ctx, u.ID, quiz.UserChange{Disabled: &no, DisplayName: &name, Role: &judge})
		must(t, err)
		if got.Disabled || got.DisplayName != "Ban giám khảo" || got.Role != quiz.RoleJudge {
			t.Fatalf("enabled user = %+v", got)
		}
		_, err = users.Authenticate(ctx, "bantochuc", "mat-khau-bantochuc")
		must(t, err)
		guest := quiz.Role("guest")
		_, err = users.UpdateUser(ctx, u.ID, quiz.UserChange{Role: &guest})
		wantCode(t, err, quiz.EINVALID)
		_, err = users.UpdateUser(ctx, "khong-co", quiz.UserChange{Disabled: &yes})
		wantCode(t, err, quiz.ENOTFOUND)

		list, err := users.ListUsers(ctx)
		must(t, err)
		if len(list) != 2 || list[0].Username != "admin" || list[1].Username != "bantochuc" {
			t.Fatalf("users = %+v, want both by username", list)
		}
		found, err := users.FindUserByUsername(ctx, " BanToChuc ")
		must(t, err)
		if found.ID != u.ID {
			t.Fatalf("found %+v by username", found)
		}
	})
}

func TestTheLastEnabledAdminStays(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users := store.NewUserService(db, fastHashes)
		a, b := newUser(t, users, "admin", quiz.RoleAdmin), newUser(t, users, "quantri", quiz.RoleAdmin)
		yes, no, organiser := true, false, quiz.RoleOrganiser

		_, err := users.UpdateUser(ctx, b.ID, quiz.UserChange{Disabled: &yes})
		must(t, err)
		_, err = users.UpdateUser(ctx, a.ID, quiz.UserChange{Disabled: &yes})
		wantCode(t, err, quiz.ECONFLICT)
		_, err = users.UpdateUser(ctx, a.ID, quiz.UserChange{Role: &organiser})
		wantCode(t, err, quiz.ECONFLICT)
		_, err = users.UpdateUser(ctx, b.ID, quiz.UserChange{Role: &organiser})
		must(t, err) // a disabled admin is not the last enabled one
		if u, _ := users.FindUser(ctx, a.ID); u.Role != quiz.RoleAdmin || u.Disabled {
			t.Fatalf("the last admin was changed: %+v", u)
		}

		// Two admins disabling each other at the same moment: one of them stays.
		admin := quiz.RoleAdmin
		_, err = users.UpdateUser(ctx, b.ID, quiz.UserChange{Role: &admin, Disabled: &no})
		must(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, id := range []string{a.ID, b.ID} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = users.UpdateUser(ctx, id, quiz.UserChange{Disabled: &yes})
			}()
		}
		wg.Wait()
		codes := []string{quiz.ErrorCode(errs[0]), quiz.ErrorCode(errs[1])}
		slices.Sort(codes)
		if codes[0] != "" || codes[1] != quiz.ECONFLICT {
			t.Fatalf("concurrent disables: %v, want one done and one conflict", errs)
		}
		if n := countRows(t, ctx, db, "users", "role = ? AND disabled = ?", "admin", false); n != 1 {
			t.Fatalf("%d enabled admins, want 1", n)
		}
	})
}

func TestPasswordChangesEndOtherSessions(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users := store.NewUserService(db, fastHashes)
		u := newUser(t, users, "giangvien", quiz.RoleTrainer)
		for _, id := range []string{"may-tinh", "dien-thoai", "may-tinh-bang"} {
			must(t, users.CreateSession(ctx, &quiz.Session{ID: id, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		}

		wantCode(t, users.ChangePassword(ctx, u.ID, "sai-mat-khau", "mat-khau-moi-1", "may-tinh"), quiz.EINVALID)
		wantCode(t, users.ChangePassword(ctx, u.ID, "mat-khau-giangvien", "ngan", "may-tinh"), quiz.EINVALID)
		if n := countRows(t, ctx, db, "sessions", "user_id = ?", u.ID); n != 3 {
			t.Fatalf("a refused change ended sessions: %d left", n)
		}
		must(t, users.ChangePassword(ctx, u.ID, "mat-khau-giangvien", "mat-khau-moi-1", "may-tinh"))
		if n := countRows(t, ctx, db, "sessions", "user_id = ?", u.ID); n != 1 || countRows(t, ctx, db, "sessions", "id = ?", "may-tinh") != 1 {
			t.Fatal("a password change did not keep exactly the session it came from")
		}
		_, err := users.Authenticate(ctx, "giangvien", "mat-khau-moi-1")
		must(t, err)

		must(t, users.SetPassword(ctx, u.ID, "mat-khau-moi-2", ""))
		if n := countRows(t, ctx, db, "sessions", "user_id = ?", u.ID); n != 0 {
			t.Fatalf("a reset left %d sessions", n)
		}
		wantCode(t, users.SetPassword(ctx, "khong-co", "mat-khau-moi-3", ""), quiz.ENOTFOUND)

		must(t, users.CreateSession(ctx, &quiz.Session{ID: "x", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		must(t, users.CreateSession(ctx, &quiz.Session{ID: "y", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		must(t, users.DeleteUserSessions(ctx, u.ID, ""))
		if n := countRows(t, ctx, db, "sessions", "user_id = ?", u.ID); n != 0 {
			t.Fatalf("logging out everywhere left %d sessions", n)
		}
	})
}

func TestBanksAreSharedAndCopied(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users, banks := store.NewUserService(db, fastHashes), store.NewBankService(db)
		owner, reader := newUser(t, users, "chu", quiz.RoleOrganiser), newUser(t, users, "doc", quiz.RoleTrainer)
		other := newUser(t, users, "khac", quiz.RoleOrganiser)
		b := &quiz.Bank{Title: "Điều lệ Đảng", Description: "Ôn tập", OwnerID: owner.ID}
		must(t, banks.CreateBank(ctx, b))
		qs := []quiz.Question{question("Câu một"), question("Câu hai"), question("Câu ba")}
		for i := range qs {
			qs[i].BankID = b.ID
		}
		must(t, banks.CreateQuestions(ctx, qs))
		mine := &quiz.Bank{Title: "Của người khác", OwnerID: other.ID}
		must(t, banks.CreateBank(ctx, mine))

		listed := func(viewer *quiz.User) []string {
			t.Helper()
			list, err := banks.ListBanks(ctx, viewer)
			must(t, err)
			var ids []string
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			return ids
		}
		if got := listed(reader); len(got) != 0 {
			t.Fatalf("an unshared bank is listed for a reader: %v", got)
		}
		shared, err := banks.ShareBank(ctx, b.ID, []string{reader.ID, other.ID, reader.ID}, false)
		must(t, err)
		want := []string{reader.ID, other.ID}
		slices.Sort(want)
		if !slices.Equal(shared.SharedWith, want) || shared.SharedAll || shared.OwnerName != "Đồng chí chu" || shared.QuestionCount != 3 {
			t.Fatalf("shared bank = %+v", shared)
		}
		if got := listed(reader); !slices.Equal(got, []string{b.ID}) {
			t.Fatalf("the reader's banks = %v", got)
		}
		if got := listed(other); !slices.Equal(got, []string{mine.ID, b.ID}) {
			t.Fatalf("the other organiser's banks = %v, want theirs then the shared one", got)
		}
		if got := listed(admin); len(got) != 2 {
			t.Fatalf("the admin's banks = %v", got)
		}
		judge := &quiz.User{ID: reader.ID, Role: quiz.RoleJudge}
		if got := listed(judge); len(got) != 0 {
			t.Fatalf("a judge's banks = %v", got)
		}

		_, err = banks.ShareBank(ctx, b.ID, nil, true)
		must(t, err)
		stranger := newUser(t, users, "la", quiz.RoleTrainer)
		if got := listed(stranger); !slices.Equal(got, []string{b.ID}) {
			t.Fatalf("a bank shared with all is not listed for a trainer: %v", got)
		}
		found, err := banks.FindBank(ctx, b.ID)
		must(t, err)
		if !found.SharedAll || len(found.SharedWith) != 0 {
			t.Fatalf("after sharing with all: %+v", found)
		}
		_, err = banks.ShareBank(ctx, b.ID, []string{"khong-co"}, false)
		wantCode(t, err, quiz.EINVALID)
		if found, _ := banks.FindBank(ctx, b.ID); !found.SharedAll {
			t.Fatal("a refused share changed the bank")
		}
		_, err = banks.ShareBank(ctx, "khong-co", nil, false)
		wantCode(t, err, quiz.ENOTFOUND)

		copied, err := banks.CopyBank(ctx, b.ID, reader.ID, "Điều lệ Đảng (bản sao)")
		must(t, err)
		if copied.OwnerID != reader.ID || copied.QuestionCount != 3 || copied.Description != "Ôn tập" || copied.SharedAll || len(copied.SharedWith) != 0 {
			t.Fatalf("copy = %+v", copied)
		}
		got, err := banks.ListQuestions(ctx, copied.ID)
		must(t, err)
		for i, q := range got {
			if q.Prompt != qs[i].Prompt || q.Position != i+1 || q.ID == qs[i].ID || !slices.Equal(q.Correct, qs[i].Correct) {
				t.Fatalf("copied question %d = %+v, want a copy of %+v", i, q, qs[i])
			}
		}
		_, err = banks.CopyBank(ctx, b.ID, reader.ID, " ")
		wantCode(t, err, quiz.EINVALID)
		_, err = banks.CopyBank(ctx, "khong-co", reader.ID, "Bản sao")
		wantCode(t, err, quiz.ENOTFOUND)
		must(t, banks.DeleteBank(ctx, b.ID))
		if n := countRows(t, ctx, db, "bank_readers", "bank_id = ?", b.ID); n != 0 {
			t.Fatalf("a deleted bank left %d shares", n)
		}
	})
}

func TestContestListsCountWithoutLoadingEachContest(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		users, contests := store.NewUserService(db, fastHashes), store.NewContestService(db)
		owner, co, other := newUser(t, users, "chu", quiz.RoleOrganiser), newUser(t, users, "cung", quiz.RoleOrganiser), newUser(t, users, "khac", quiz.RoleOrganiser)
		older := newContest(t, db, 1) // no owner: the admin's only
		c := newContest(t, db, 3)
		must(t, db.Gorm(ctx).Exec("UPDATE contests SET owner_id = ? WHERE id = ?", owner.ID, c.ID).Error)
		ps := join(t, db, c.ID, 4)
		must(t, contests.SetParticipantKicked(ctx, ps[1].ID, true))

		must(t, contests.SetCoOrganisers(ctx, c.ID, []string{co.ID, co.ID}))
		for _, viewer := range []*quiz.User{owner, co, admin} {
			list, err := contests.ListContests(ctx, viewer)
			must(t, err)
			if len(list) == 0 || list[0].ID != c.ID || list[0].ParticipantCount != 3 || list[0].ItemCount != 3 ||
				list[0].OwnerName != "Đồng chí chu" || !slices.Equal(list[0].CoOrganisers, []string{co.ID}) || list[0].Rounds != nil {
				t.Fatalf("%s's contests = %+v", viewer.Username, list)
			}
		}
		if list, _ := contests.ListContests(ctx, admin); len(list) != 2 || list[1].ID != older.ID || list[1].ItemCount != 1 || len(list[1].CoOrganisers) != 0 {
			t.Fatalf("the admin's contests = %+v", list)
		}
		if list, _ := contests.ListContests(ctx, other); len(list) != 0 {
			t.Fatalf("another organiser's contests = %+v", list)
		}

		sum, err := contests.FindContestSummary(ctx, c.ID)
		must(t, err)
		if sum.ParticipantCount != 3 || sum.ItemCount != 3 || sum.OwnerID != owner.ID || sum.PIN != c.PIN {
			t.Fatalf("summary = %+v", sum)
		}
		full, err := contests.FindContest(ctx, c.ID)
		must(t, err)
		if !slices.Equal(full.CoOrganisers, []string{co.ID}) || full.OwnerName != "Đồng chí chu" || len(full.Items()) != 3 {
			t.Fatalf("contest = %+v", full)
		}

		wantCode(t, contests.SetCoOrganisers(ctx, c.ID, []string{"khong-co"}), quiz.EINVALID)
		wantCode(t, contests.SetCoOrganisers(ctx, "khong-co", nil), quiz.ENOTFOUND)
		_, err = contests.FindContestSummary(ctx, "khong-co")
		wantCode(t, err, quiz.ENOTFOUND)
		must(t, contests.SetCoOrganisers(ctx, c.ID, nil))
		if list, _ := contests.ListContests(ctx, co); len(list) != 0 {
			t.Fatalf("a former co-organiser's contests = %+v", list)
		}
	})
}
