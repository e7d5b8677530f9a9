package quiz

import "testing"

func TestWhoMayReadEditRunAndManage(t *testing.T) {
	admin := &User{ID: "a", Role: RoleAdmin}
	owner := &User{ID: "o", Role: RoleOrganiser}
	reader := &User{ID: "r", Role: RoleTrainer}
	colleague := &User{ID: "c", Role: RoleOrganiser}
	stranger := &User{ID: "s", Role: RoleOrganiser}
	judge := &User{ID: "j", Role: RoleJudge}
	gone := &User{ID: "o", Role: RoleOrganiser, Disabled: true}

	bank := &Bank{OwnerID: "o", SharedWith: []string{"r", "j"}}
	everyone := &Bank{OwnerID: "o", SharedAll: true}
	orphan := &Bank{}
	contest := &Contest{OwnerID: "o", CoOrganisers: []string{"c", "r"}}
	orphanContest := &Contest{}
	workshop := &Contest{OwnerID: "r"}

	cases := []struct {
		name                    string
		u                       *User
		b                       *Bank
		c                       *Contest
		read, edit, run, manage bool
	}{
		{"the admin may do everything", admin, bank, contest, true, true, true, true},
		{"the admin owns what has no owner", admin, orphan, orphanContest, true, true, true, true},
		{"the owner may do everything with their own", owner, bank, contest, true, true, true, true},
		{"a disabled owner may do nothing", gone, bank, contest, false, false, false, false},
		{"a trainer it is shared with reads, and cannot run a contest even if named", reader, bank, contest, true, false, false, false},
		{"a trainer runs and manages the workshop they opened", reader, bank, workshop, true, false, true, true},
		{"a judge does not run a contest even as its owner", judge, bank, &Contest{OwnerID: "j"}, false, false, false, false},
		{"a co-organiser runs the contest but does not manage it", colleague, everyone, contest, true, false, true, false},
		{"a stranger sees nothing named for others", stranger, bank, contest, false, false, false, false},
		{"a bank shared with all is read by any organiser", stranger, everyone, orphanContest, true, false, false, false},
		{"a judge named on a bank still may not read it", judge, bank, contest, false, false, false, false},
		{"nobody else owns what has no owner", owner, orphan, orphanContest, false, false, false, false},
		{"someone not logged in may do nothing", nil, everyone, contest, false, false, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := [4]bool{CanReadBank(c.u, c.b), CanEditBank(c.u, c.b), CanRunContest(c.u, c.c), CanManageContest(c.u, c.c)}
			if want := [4]bool{c.read, c.edit, c.run, c.manage}; got != want {
				t.Fatalf("read, edit, run, manage = %v, want %v", got, want)
			}
			if err := CheckBank(c.u, c.b, true); (err == nil) != c.edit || (!c.read && ErrorCode(err) != ENOTFOUND) || (c.read && !c.edit && ErrorCode(err) != EFORBIDDEN) {
				t.Fatalf("CheckBank to edit: %v", err)
			}
			if err := CheckContest(c.u, c.c, true); (err == nil) != c.manage || (!c.run && ErrorCode(err) != ENOTFOUND) || (c.run && !c.manage && ErrorCode(err) != EFORBIDDEN) {
				t.Fatalf("CheckContest to manage: %v", err)
			}
		})
	}
}

func TestGeneratedPasswordsAreReadableAndDifferent(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		p := GeneratePassword()
		if len(p) != 14 || p[4] != '-' || p[9] != '-' || ValidatePassword(p) != nil {
			t.Fatalf("password %q is not like k7pq-3mzt-x9ab", p)
		}
		for _, r := range p {
			if r == '0' || r == 'o' || r == '1' || r == 'l' || r == 'i' {
				t.Fatalf("password %q has a character easy to misread", p)
			}
		}
		if seen[p] {
			t.Fatalf("password %q came twice", p)
		}
		seen[p] = true
	}
}
