package api

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// contentPolicy allows the web app only its own scripts, styles and connections, and the
// inline scripts and styles of the page whose SHA-256 hashes are given (the join page's own
// few lines, in index.html so a phone on a slow network sees the PIN field before the app's
// script arrives); never 'unsafe-inline'. Svelte sets styles through the DOM, which a policy
// does not govern; the icon is a data: URI. No page may be framed, the projector screen
// included: it is opened in its own window on the projector, and a framed control panel could
// be clicked through by another site. connect-src names this host's websockets too: older
// browsers do not count ws: as 'self'.
func contentPolicy(host string, scripts, styles []string) string {
	var b strings.Builder
	b.WriteString("default-src 'self'; script-src 'self'")
	for _, h := range scripts {
		b.WriteString(" 'sha256-" + h + "'")
	}
	b.WriteString("; style-src 'self'")
	for _, h := range styles {
		b.WriteString(" 'sha256-" + h + "'")
	}
	b.WriteString("; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
		"frame-ancestors 'none'; connect-src 'self'")
	// A request too broken to parse has no host, and gets no page that could connect.
	if host != "" {
		b.WriteString(" ws://" + host + " wss://" + host)
	}
	return b.String()
}

// securityHeaders sets the headers every response carries.
func securityHeaders(c *fiber.Ctx) error {
	setSecurityHeaders(c)
	return c.Next()
}

func setSecurityHeaders(c *fiber.Ctx) {
	h := &c.Response().Header
	h.Set(fiber.HeaderContentSecurityPolicy, contentPolicy(string(c.Request().Host()), nil, nil))
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	h.Set(fiber.HeaderReferrerPolicy, "same-origin")
	h.Set(fiber.HeaderXFrameOptions, "DENY")
}
