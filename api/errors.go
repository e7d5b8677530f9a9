// Package api is the HTTP side of hoithi: routes, handlers, sessions and CSRF, the embedded
// web app, and the websocket upgrades handed to the live engine. API.md documents it.
package api

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
)

// apiError is an error with an API code more specific than the domain's, such as
// bad_credentials or csrf.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func newError(status int, code, message string) error {
	return &apiError{status: status, code: code, message: message}
}

var statusOf = map[string]int{
	quiz.EINVALID:      fiber.StatusBadRequest,
	quiz.ENOTFOUND:     fiber.StatusNotFound,
	quiz.ECONFLICT:     fiber.StatusConflict,
	quiz.EUNAUTHORIZED: fiber.StatusUnauthorized,
	quiz.EFORBIDDEN:    fiber.StatusForbidden,
	quiz.ETOOLARGE:     fiber.StatusRequestEntityTooLarge,
	quiz.ERATELIMIT:    fiber.StatusTooManyRequests,
	quiz.EUNAVAILABLE:  fiber.StatusServiceUnavailable,
	quiz.EINTERNAL:     fiber.StatusInternalServerError,
}

// errorHandler turns every error into {"error":{"code","message"}} with a Vietnamese message;
// only internal errors are logged, with their detail.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		status, code, message := fiber.StatusInternalServerError, quiz.EINTERNAL, quiz.ErrorMessage(err)
		var ae *apiError
		var fe *fiber.Error
		var qe *quiz.Error
		switch {
		case errors.As(err, &ae):
			status, code, message = ae.status, ae.code, ae.message
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
				code, message = quiz.ETOOLARGE, "Dữ liệu gửi lên quá lớn (tối đa 1 MB)."
			case fiber.StatusMethodNotAllowed:
				code, message = "method_not_allowed", "Phương thức không được hỗ trợ."
			case fiber.StatusUpgradeRequired:
				code, message = "upgrade_required", "Địa chỉ này chỉ dành cho kết nối websocket."
			case fiber.StatusTooManyRequests:
				code, message = quiz.ERATELIMIT, "Đồng chí thao tác quá nhiều lần, vui lòng chờ một phút."
			case fiber.StatusBadRequest:
				code, message = quiz.EINVALID, "Yêu cầu không hợp lệ."
			case fiber.StatusRequestURITooLong, fiber.StatusRequestHeaderFieldsTooLarge:
				// fasthttp cannot tell a long address from long headers: both overflow its
				// request buffer. A long address is what a person or script sends.
				status, code, message = fiber.StatusRequestURITooLong, "uri_too_long", "Địa chỉ yêu cầu quá dài."
			case fiber.StatusRequestTimeout:
				code, message = "timeout", "Yêu cầu gửi lên quá chậm."
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
		return c.Status(status).JSON(fiber.Map{"error": fiber.Map{"code": code, "message": message}})
	}
}

// bind decodes a JSON body into v, with a clear error for anything that is not that JSON.
func bind(c *fiber.Ctx, v any) error {
	if err := c.BodyParser(v); err != nil {
		return newError(fiber.StatusBadRequest, "bad_json", "Dữ liệu gửi lên không đúng định dạng JSON.")
	}
	return nil
}
