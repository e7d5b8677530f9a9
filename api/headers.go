package api

import (
	"github.com/gofiber/fiber/v2"
)

// contentPolicy allows the web app only its own scripts, styles and connections. The built
// app has no inline script or style (Svelte sets styles through the DOM, which a policy does
// not govern), so neither needs 'unsafe-inline'; the icon is a data: URI. No page may be
// framed, the projector screen included: it is opened in its own window on the projector, and
// a framed control panel could be clicked through by another site.
const contentPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'"

// securityHeaders sets the headers every response carries.
func securityHeaders(c *fiber.Ctx) error {
	setSecurityHeaders(c)
	return c.Next()
}

func setSecurityHeaders(c *fiber.Ctx) {
	h := &c.Response().Header
	// connect-src names this host's websockets too: older browsers do not count ws: as 'self'.
	// A request too broken to parse has no host, and gets no page that could connect.
	policy := contentPolicy
	if host := string(c.Request().Host()); host != "" {
		policy += " ws://" + host + " wss://" + host
	}
	h.Set(fiber.HeaderContentSecurityPolicy, policy)
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	h.Set(fiber.HeaderReferrerPolicy, "same-origin")
	h.Set(fiber.HeaderXFrameOptions, "DENY")
}
