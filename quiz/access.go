package quiz

import "slices"

// The access rules for banks and contests live here and only here: the API asks these
// functions, the store only loads what they need (owner, sharing, co-organisers).
//
// A bank or contest whose owner is unknown (made before owners were recorded, or whose owner
// was removed) belongs to the admin only.

// Messages of the access errors. A user who may not see something is told it does not
// exist, so ids cannot be probed.
var (
	errBankNotFound     = Errorf(ENOTFOUND, "Không tìm thấy bộ câu hỏi.")
	errBankReadOnly     = Errorf(EFORBIDDEN, "Bộ câu hỏi này chỉ được chia sẻ để xem. Hãy tạo bản sao nếu đồng chí muốn sửa.")
	errContestNotFound  = Errorf(ENOTFOUND, "Không tìm thấy cuộc thi.")
	errContestOwnerOnly = Errorf(EFORBIDDEN, "Chỉ người tạo cuộc thi hoặc quản trị viên mới được xoá cuộc thi hay đổi ban tổ chức.")
)

// CanReadBank reports whether u may see bank b and its questions, use them in contests and
// copy them: an admin, the owner, or an organiser or trainer it is shared with.
func CanReadBank(u *User, b *Bank) bool {
	switch {
	case u == nil || u.Disabled:
		return false
	case u.Role == RoleAdmin:
		return true
	case !u.Role.Can(RoleTrainer):
		return false
	case b.OwnerID != "" && b.OwnerID == u.ID:
		return true
	}
	return b.SharedAll || slices.Contains(b.SharedWith, u.ID)
}

// CanEditBank reports whether u may change or delete bank b, its questions and its sharing:
// the admin or the owner.
func CanEditBank(u *User, b *Bank) bool {
	if u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || (u.Role.Can(RoleTrainer) && b.OwnerID != "" && b.OwnerID == u.ID)
}

// CheckBank returns nil when u may read bank b (and edit it, when edit is set): ENOTFOUND when
// u may not even see it, EFORBIDDEN when u may only read it.
func CheckBank(u *User, b *Bank, edit bool) error {
	if !CanReadBank(u, b) {
		return errBankNotFound
	} else if edit && !CanEditBank(u, b) {
		return errBankReadOnly
	}
	return nil
}

// CanRunContest reports whether u may open contest c's control panel and projector, send it
// commands and see its results: the admin, the owner (an organiser, or a trainer who opened a
// workshop), or a co-organiser.
func CanRunContest(u *User, c *Contest) bool {
	switch {
	case u == nil || u.Disabled:
		return false
	case u.Role == RoleAdmin:
		return true
	case !u.Role.Can(RoleTrainer):
		return false
	case c.OwnerID != "" && c.OwnerID == u.ID:
		return true
	}
	return u.Role.Can(RoleOrganiser) && slices.Contains(c.CoOrganisers, u.ID)
}

// CanManageContest reports whether u may delete contest c or change its co-organisers: the
// admin or the owner.
func CanManageContest(u *User, c *Contest) bool {
	if u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || (u.Role.Can(RoleTrainer) && c.OwnerID != "" && c.OwnerID == u.ID)
}

// CheckContest returns nil when u may run contest c (and manage it, when manage is set):
// ENOTFOUND when u may not see it, EFORBIDDEN when u is only a co-organiser.
func CheckContest(u *User, c *Contest, manage bool) error {
	if !CanRunContest(u, c) {
		return errContestNotFound
	} else if manage && !CanManageContest(u, c) {
		return errContestOwnerOnly
	}
	return nil
}

// CanShareWith reports whether a bank may be shared with u: enabled organisers and trainers.
func CanShareWith(u *User) bool {
	return !u.Disabled && (u.Role == RoleOrganiser || u.Role == RoleTrainer)
}

// CanCoOrganise reports whether u may be named a co-organiser of a contest: enabled organisers.
func CanCoOrganise(u *User) bool {
	return !u.Disabled && u.Role == RoleOrganiser
}
