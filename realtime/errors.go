package realtime

import (
	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// WireError is the code and Vietnamese message of an error frame (PROTOCOL.md, "Errors").
// Every error a socket can get is listed here, so each message is written once.
type WireError struct {
	Code    string
	Message string
}

// Errors of the live protocol.
var (
	ErrBadFrame        = WireError{"bad_frame", "Khung dữ liệu không hợp lệ."}
	ErrBadAnswerID     = WireError{"bad_frame", "Mã câu trả lời không hợp lệ."}
	ErrUnknownType     = WireError{"unknown_type", "Loại thông điệp không được hỗ trợ."}
	ErrRateLimited     = WireError{"rate_limited", "Đồng chí thao tác quá nhanh, vui lòng chờ một chút."}
	ErrNotJoined       = WireError{"not_joined", "Đồng chí chưa vào cuộc thi."}
	ErrAlreadyJoined   = WireError{"already_joined", "Đồng chí đã vào cuộc thi rồi."}
	ErrPINNotFound     = WireError{"pin_not_found", "Không tìm thấy cuộc thi có mã PIN này. Vui lòng kiểm tra lại."}
	ErrTooManyPINs     = WireError{"rate_limited", "Đã nhập sai mã PIN quá nhiều lần từ mạng này. Vui lòng chờ ít phút rồi thử lại."}
	ErrTooManyJoins    = WireError{"rate_limited", "Có quá nhiều người vào thi cùng lúc. Vui lòng chờ một chút rồi thử lại."}
	ErrContestFinished = WireError{"contest_finished", quiz.ErrContestEnded.Message}
	ErrAccessEnded     = WireError{"access_ended", "Phiên làm việc của đồng chí đã kết thúc hoặc không còn quyền điều hành cuộc thi này. Vui lòng đăng nhập lại."}
	ErrLobbyLocked     = WireError{"lobby_locked", "Phòng chờ đã khoá: ban tổ chức không nhận thêm thí sinh. Nếu đồng chí đã vào thi trên máy này, hãy mở lại trang."}
	ErrTokenInvalid    = WireError{"token_invalid", "Phiên tham gia không còn hiệu lực. Vui lòng vào lại bằng mã PIN."}
	ErrKicked          = WireError{"kicked", "Ban tổ chức đã mời đồng chí rời cuộc thi."}
	ErrReplaced        = WireError{"replaced", "Đồng chí đã mở cuộc thi ở một cửa sổ khác."}
	ErrJoinTimeout     = WireError{"join_timeout", "Kết nối đã chờ quá lâu mà chưa vào thi. Vui lòng nhập lại mã PIN."}
	ErrUnavailable     = WireError{"unavailable", "Máy chủ đang bận, vui lòng thử lại sau giây lát."}
	ErrItemNotOpen     = WireError{"item_not_open", "Câu hỏi này không còn mở."}
	ErrItemNotYetOpen  = WireError{"item_not_open", "Câu hỏi này chưa mở."}
	ErrItemClosed      = WireError{"item_closed", "Đã hết giờ trả lời câu này."}
	ErrPaused          = WireError{"paused", "Cuộc thi đang tạm dừng."}
	ErrBadChoice       = WireError{"bad_choice", "Lựa chọn không hợp lệ cho câu hỏi này."}
	ErrNotANumber      = WireError{"invalid", quiz.ErrNotANumber.Message}
	ErrRetry           = WireError{"retry", "Chưa lưu được đáp án, đang gửi lại…"}
	ErrEliminated      = WireError{"eliminated", quiz.ErrEliminated.Message}
	ErrBuzzTaken       = WireError{"buzz_taken", quiz.ErrBuzzTaken.Message}
	ErrBuzzOut         = WireError{"buzz_out", quiz.ErrBuzzOut.Message}
)

// nameTakenCode is the code of a join whose name and unit another contestant has; its message
// names them (nameTaken).
const nameTakenCode = "name_taken"

// fail queues the error frame of e.
func (c *Conn) fail(e WireError) { c.sendError(e.Code, e.Message) }

// failAnswer queues the error frame of e about one answer.
func (c *Conn) failAnswer(e WireError, itemID, answerID string) {
	c.sendJSON(wire.Error{T: wire.TError, Code: e.Code, Message: e.Message, ItemID: itemID, AnswerID: answerID})
}

// kicked tells a phone its contestant was removed.
func (c *Conn) kicked() { c.sendJSON(wire.Kicked{T: wire.TKicked, Message: ErrKicked.Message}) }
