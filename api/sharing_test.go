package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hoithi/api"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// bankOut is a bank as the API answers it.
type bankOut struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	OwnerID       string   `json:"owner_id"`
	OwnerName     string   `json:"owner_name"`
	SharedWith    []string `json:"shared_with"`
	SharedAll     bool     `json:"shared_all"`
	CanEdit       bool     `json:"can_edit"`
	QuestionCount int      `json:"question_count"`
}

// TestBanksAreSharedToReadAndCopiedToEdit: a bank shared with every organiser and trainer
// shows in their lists, read only; a copy is theirs to edit, with every question, and leaves
// the original as it was; only organisers and trainers can be given a bank.
func TestBanksAreSharedToReadAndCopiedToEdit(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			f := p.fixture(t)

			var b bankOut
			if st := p.owner.do("PUT", "/api/banks/"+f.bank+"/sharing", map[string]any{"user_ids": []string{p.ids["chu"]}, "all": true}, &b); st != 200 {
				t.Fatalf("share with everyone: HTTP %d", st)
			}
			if !b.SharedAll || len(b.SharedWith) != 0 || !b.CanEdit || b.OwnerName != "Đồng chí Chủ" || b.OwnerID != p.ids["chu"] {
				t.Fatalf("shared bank = %+v, want shared with all, not with its owner", b)
			}
			var list struct{ Banks []bankOut }
			p.trainer.do("GET", "/api/banks", nil, &list)
			if len(list.Banks) != 1 || list.Banks[0].ID != f.bank || list.Banks[0].CanEdit {
				t.Fatalf("the trainer's banks = %+v, want the shared bank, read only", list.Banks)
			}
			var e apiErr
			if st := p.trainer.do("PUT", "/api/banks/"+f.bank, map[string]string{"title": "Của tôi"}, &e); st != 403 || !strings.Contains(e.Error.Message, "chỉ được chia sẻ để xem") {
				t.Fatalf("a reader renames the bank: HTTP %d %+v", st, e)
			}
			if st := p.judge.do("GET", "/api/banks/"+f.bank, nil, nil); st != 403 {
				t.Fatalf("a judge opens a bank shared with everyone: HTTP %d", st)
			}

			var copied bankOut
			if st := p.trainer.do("POST", "/api/banks/"+f.bank+"/copy", nil, &copied); st != 201 {
				t.Fatalf("copy: HTTP %d", st)
			}
			if copied.Title != "Bộ câu hỏi của chi bộ (bản sao)" || copied.OwnerID != p.ids["trainer"] || !copied.CanEdit ||
				copied.QuestionCount != 1 || copied.SharedAll || len(copied.SharedWith) != 0 {
				t.Fatalf("copy = %+v, want the trainer's own, unshared, with the question", copied)
			}
			var opened struct {
				Questions []struct{ ID, Prompt string }
			}
			p.trainer.do("GET", "/api/banks/"+copied.ID, nil, &opened)
			if len(opened.Questions) != 1 || opened.Questions[0].ID == f.question {
				t.Fatalf("the copy's questions = %+v, want a copy of the one question", opened.Questions)
			}
			edited := questions(1)[0]
			edited.Prompt = "Câu hỏi đã sửa trong bản sao?"
			if st := p.trainer.do("PUT", "/api/questions/"+opened.Questions[0].ID, edited, nil); st != 200 {
				t.Fatalf("edit the copy: HTTP %d", st)
			}
			p.owner.do("GET", "/api/banks/"+f.bank, nil, &opened)
			if len(opened.Questions) != 1 || opened.Questions[0].Prompt == edited.Prompt {
				t.Fatalf("editing the copy changed the original: %+v", opened.Questions)
			}
			if st := p.colleague.do("POST", "/api/banks/"+f.bank+"/copy", map[string]string{"title": "Ôn tập tháng Mười"}, &copied); st != 201 || copied.Title != "Ôn tập tháng Mười" {
				t.Fatalf("copy with a title: HTTP %d %+v", st, copied)
			}

			for _, c := range []struct {
				name string
				ids  []string
			}{
				{"a judge", []string{p.ids["giamkhao"]}},
				{"the admin", []string{p.ids["admin"]}},
				{"nobody known", []string{"khong-co"}},
			} {
				if st := p.owner.do("PUT", "/api/banks/"+f.bank+"/sharing", map[string]any{"user_ids": c.ids}, &e); st != 400 || e.Error.Code != "invalid" {
					t.Errorf("share with %s: HTTP %d %+v, want 400 invalid", c.name, st, e)
				}
			}
			p.owner.do("PUT", "/api/banks/"+f.bank+"/sharing", map[string]any{"user_ids": []string{}, "all": false}, nil)
			if st := p.colleague.do("GET", "/api/banks/"+f.bank, nil, nil); st != 404 {
				t.Fatalf("a bank no longer shared still opens: HTTP %d", st)
			}
		})
	}
}

// TestCoOrganisersRunAContestTheOwnerManages: co-organisers see the contest in their list
// and may run it, but only organisers can be named, and only the owner or the admin names
// them; a contest's answer names its owner.
func TestCoOrganisersRunAContestTheOwnerManages(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			f := p.fixture(t)

			var ct struct {
				OwnerID      string   `json:"owner_id"`
				OwnerName    string   `json:"owner_name"`
				CoOrganisers []string `json:"co_organisers"`
				CanManage    bool     `json:"can_manage"`
			}
			p.colleague.do("GET", "/api/contests/"+f.contest, nil, &ct)
			if ct.OwnerID != p.ids["chu"] || ct.OwnerName != "Đồng chí Chủ" || len(ct.CoOrganisers) != 1 || ct.CoOrganisers[0] != p.ids["cung"] || ct.CanManage {
				t.Fatalf("the colleague sees %+v", ct)
			}
			var e apiErr
			if st := p.owner.do("PUT", "/api/contests/"+f.contest+"/organisers", map[string]any{"user_ids": []string{p.ids["trainer"]}}, &e); st != 400 || e.Error.Code != "invalid" {
				t.Fatalf("name a trainer co-organiser: HTTP %d %+v", st, e)
			}
			if st := p.admin.do("PUT", "/api/contests/"+f.contest+"/organisers", map[string]any{"user_ids": []string{p.ids["khac"], p.ids["chu"]}}, &ct); st != 200 || len(ct.CoOrganisers) != 1 || ct.CoOrganisers[0] != p.ids["khac"] {
				t.Fatalf("the admin names co-organisers: HTTP %d %+v", st, ct)
			}
			if st := p.colleague.do("GET", "/api/contests/"+f.contest, nil, nil); st != 404 {
				t.Fatalf("a former co-organiser still opens the contest: HTTP %d", st)
			}
			var list struct {
				Contests []struct {
					ID               string `json:"id"`
					ParticipantCount int    `json:"participant_count"`
					ItemCount        int    `json:"item_count"`
					CanManage        bool   `json:"can_manage"`
				} `json:"contests"`
			}
			p.other.do("GET", "/api/contests", nil, &list)
			if len(list.Contests) != 1 || list.Contests[0].ID != f.contest || list.Contests[0].ItemCount != 1 || list.Contests[0].CanManage {
				t.Fatalf("the new co-organiser's contests = %+v", list.Contests)
			}
		})
	}
}

// TestBanksAndContestsFromBeforeOwnersBelongToTheAdmin: rows with no owner are the admin's.
func TestBanksAndContestsFromBeforeOwnersBelongToTheAdmin(t *testing.T) {
	s := newTestServer(t, "embedded")
	p := s.people(t)
	f := p.fixture(t)
	if err := s.DB.Gorm(t.Context()).Exec("UPDATE banks SET owner_id = NULL").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB.Gorm(t.Context()).Exec("UPDATE contests SET owner_id = NULL").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB.Gorm(t.Context()).Exec("DELETE FROM bank_readers").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB.Gorm(t.Context()).Exec("DELETE FROM contest_organisers").Error; err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		b    *browser
		want int
	}{"the admin": {p.admin, 200}, "the former owner": {p.owner, 404}} {
		for _, path := range []string{"/api/banks/" + f.bank, "/api/contests/" + f.contest} {
			if st := c.b.do("GET", path, nil, nil); st != c.want {
				t.Errorf("%s opens %s: HTTP %d, want %d", name, path, st, c.want)
			}
		}
	}
	var banks struct{ Banks []bankOut }
	p.admin.do("GET", "/api/banks", nil, &banks)
	if len(banks.Banks) != 1 || !banks.Banks[0].CanEdit || banks.Banks[0].OwnerID != "" || banks.Banks[0].OwnerName != "" {
		t.Fatalf("the admin's banks = %+v", banks.Banks)
	}
}

// TestAHostScreenClosesWhenItsUserMayNoLongerRunTheContest: an open control panel or
// projector is closed (4005, access_ended) once its user is no longer a co-organiser, or has
// logged out of every device.
func TestAHostScreenClosesWhenItsUserMayNoLongerRunTheContest(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode, func(e *realtime.Config, _ *api.Config) { e.HostRecheck = 100 * time.Millisecond })
			p := s.people(t)
			f := p.fixture(t)
			co, _ := s.host(ctx, p.colleague, f.contest)
			owner, _ := s.host(ctx, p.owner, f.contest)
			ownerToo, _ := s.host(ctx, p.owner, f.contest)
			if st := p.owner.do("PUT", "/api/contests/"+f.contest+"/organisers", map[string]any{"user_ids": []string{}}, nil); st != 200 {
				t.Fatalf("remove the co-organiser: HTTP %d", st)
			}
			expectAccessEnded(ctx, t, co, "the former co-organiser's screen")
			_ = owner.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 1})
			if _, err := owner.Next(ctx, "pong"); err != nil {
				t.Fatalf("the owner's screen closed too: %v", err)
			}
			if st := p.owner.do("POST", "/api/logout-all", nil, nil); st != 204 {
				t.Fatalf("log out everywhere: HTTP %d", st)
			}
			expectAccessEnded(ctx, t, owner, "a screen of a user who logged out everywhere")
			expectAccessEnded(ctx, t, ownerToo, "the other screen of that user")
		})
	}
}

func expectAccessEnded(ctx context.Context, t *testing.T, c *livetest.Client, who string) {
	t.Helper()
	f, err := c.Next(ctx, "error")
	if err != nil || f.Code() != "access_ended" || f.Error().Message == "" {
		t.Fatalf("%s: got %s %v, want error access_ended", who, f.Raw, err)
	}
	<-c.Closed()
	if c.CloseCode != 4005 {
		t.Fatalf("%s was closed with %d, want 4005", who, c.CloseCode)
	}
}
