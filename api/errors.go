// Package api is the HTTP side of hoithi: routes, handlers, sessions and CSRF, the embedded
// web app, and the websocket upgrades handed to the live engine. API.md documents it.
package api

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
	"hoithi/realtime"
)

// Codes the API adds to the domain's (quiz.EINVALID…): errors of HTTP itself, of sessions and
// of the socket limits. The framework's own refusals (*fiber.Error) are given codes in
// errorHandler and nowhere else. Like every error of the api they are *quiz.Error values; statusOf
// gives each code its one HTTP status.
const (
	codeBadJSON            = "bad_json"
	codeCSRF               = "csrf"
	codeBadCredentials     = "bad_credentials"
	codeServerFull         = "server_full"
	codeTooManyConnections = "too_many_connections"
	codeMethodNotAllowed   = "method_not_allowed"
	codeUpgradeRequired    = "upgrade_required"
	codeURITooLong         = "uri_too_long"
	codeTimeout            = "timeout"
	codeImportRejected     = "import_rejected"
	codeEncodedBody        = "unsupported_encoding"
)

var statusOf = map[string]int{
	quiz.EINVALID:                    fiber.StatusBadRequest,
	quiz.ENOTFOUND:                   fiber.StatusNotFound,
	quiz.ECONFLICT:                   fiber.StatusConflict,
	quiz.EUNAUTHORIZED:               fiber.StatusUnauthorized,
	quiz.EFORBIDDEN:                  fiber.StatusForbidden,
	quiz.ETOOLARGE:                   fiber.StatusRequestEntityTooLarge,
	quiz.ERATELIMIT:                  fiber.StatusTooManyRequests,
	quiz.EUNAVAILABLE:                fiber.StatusServiceUnavailable,
	quiz.EINTERNAL:                   fiber.StatusInternalServerError,
	codeBadJSON:                      fiber.StatusBadRequest,
	codeImportRejected:               fiber.StatusUnprocessableEntity,
	codeEncodedBody:                  fiber.StatusUnsupportedMediaType,
	codeCSRF:                         fiber.StatusForbidden,
	codeBadCredentials:               fiber.StatusUnauthorized,
	codeServerFull:                   fiber.StatusServiceUnavailable,
	codeTooManyConnections:           fiber.StatusTooManyRequests,
	realtime.ErrPINNotFound.Code:     fiber.StatusNotFound,
	realtime.ErrContestFinished.Code: fiber.StatusGone,
}

// wireError is an error of the live protocol said over HTTP, with the same code and message
// a socket gets.
func wireError(w realtime.WireError) *quiz.Error {
	return &quiz.Error{Code: w.Code, Message: w.Message}
}

// errorView is the body of every error answer.
type errorView struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// errorHandler turns every error into {"error":{"code","message"}} with a Vietnamese message;
// only internal errors are logged, with their detail.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		status, code, message := fiber.StatusInternalServerError, quiz.EINTERNAL, quiz.ErrorMessage(err)
		var fe *fiber.Error
		var qe *quiz.Error
		switch {
		case errors.As(err, &qe):
			code, status = qe.Code, statusOf[qe.Code]
			if status == 0 {
				status = fiber.StatusBadRequest
			}
		case errors.As(err, &fe):
			status = fe.Code
			switch fe.Code {
			case fiber.StatusNotFound:
				code, message = quiz.ENOTFOUND, "Không tìm thấy địa chỉ này."
			case fiber.StatusRequestEntityTooLarge:
				code, message = quiz.ETOOLARGE, "Dữ liệu gửi lên quá lớn: một tệp câu hỏi tối đa 10 MB, một ảnh tối đa 2 MB, mọi dữ liệu khác tối đa 1 MB."
			case fiber.StatusUnsupportedMediaType:
				code, message = codeBadJSON, "Dữ liệu gửi lên phải ở dạng JSON."
			case fiber.StatusMethodNotAllowed:
				code, message = codeMethodNotAllowed, "Phương thức không được hỗ trợ."
			case fiber.StatusUpgradeRequired:
				code, message = codeUpgradeRequired, "Địa chỉ này chỉ dành cho kết nối websocket."
			case fiber.StatusTooManyRequests:
				code, message = quiz.ERATELIMIT, "Đồng chí thao tác quá nhiều lần, vui lòng chờ một phút."
			case fiber.StatusBadRequest:
				code, message = quiz.EINVALID, "Yêu cầu không hợp lệ."
			case fiber.StatusRequestURITooLong, fiber.StatusRequestHeaderFieldsTooLarge:
				// fasthttp cannot tell a long address from long headers: both overflow its
				// request buffer. A long address is what a person or script sends.
				status, code, message = fiber.StatusRequestURITooLong, codeURITooLong, "Địa chỉ yêu cầu quá dài."
			case fiber.StatusRequestTimeout:
				code, message = codeTimeout, "Yêu cầu gửi lên quá chậm."
			default:
				if fe.Code < 500 {
					code, message = quiz.EINVALID, "Yêu cầu không hợp lệ."
				} else {
					code = quiz.EINTERNAL
				}
			}
		}
		setSecurityHeaders(c)
		if status >= 500 && status != fiber.StatusServiceUnavailable {
			log.Error("request failed", slog.String("method", c.Method()), slog.String("path", c.Path()), slog.Any("error", err))
		}
		return c.Status(status).JSON(errorView{Error: errorBody{Code: code, Message: message}})
	}
}

var errBadJSON = quiz.Errorf(codeBadJSON, "Dữ liệu gửi lên không đúng định dạng JSON.")

// bind decodes a JSON body into v, with a clear error for anything that is not that JSON.
func bind(c *fiber.Ctx, v any) error {
	if err := c.BodyParser(v); err != nil {
		return errBadJSON
	}
	return nil
}
