package api

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
	"hoithi/quiz/bankfile"
)

var contentTypes = map[bankfile.Format]string{
	bankfile.XLSX:      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	bankfile.DOCX:      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	bankfile.CSV:       "text/csv; charset=utf-8",
	bankfile.Aiken:     "text/plain; charset=utf-8",
	bankfile.GIFT:      "text/plain; charset=utf-8",
	bankfile.MoodleXML: "application/xml; charset=utf-8",
}

var extensions = map[bankfile.Format]string{
	bankfile.XLSX: "xlsx", bankfile.DOCX: "docx", bankfile.CSV: "csv", bankfile.Aiken: "aiken.txt",
	bankfile.GIFT: "gift.txt", bankfile.MoodleXML: "xml",
}

// sendFile answers data as a download named name: an ASCII name for old browsers, the
// Vietnamese one (RFC 5987) for the others.
func sendFile(c *fiber.Ctx, data []byte, contentType, name string) error {
	ascii := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '-'
	}, quiz.Fold(name))
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(name)))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(data)
}
