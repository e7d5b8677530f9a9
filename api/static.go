package api

import (
	"io/fs"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hoithi/frontend"
)

// static serves the embedded web app: hashed assets cached for a year, index.html (never
// cached) for every page route.
func (s *Server) static() {
	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		panic(err)
	}
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		index = []byte("<!doctype html><meta charset=utf-8><title>hoithi</title><p>Giao diện chưa được biên dịch: chạy <code>make run</code>.")
	}
	s.app.Get("/*", func(c *fiber.Ctx) error {
		p := strings.TrimPrefix(path.Clean(c.Path()), "/")
		if strings.HasPrefix(p, "ws/") || p == "ws" {
			return fiber.ErrNotFound
		}
		if p != "" && p != "index.html" {
			if data, err := fs.ReadFile(dist, p); err == nil {
				if strings.HasPrefix(p, "assets/") {
					c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
				}
				c.Type(path.Ext(p))
				return c.Send(data)
			}
			if path.Ext(p) != "" {
				return fiber.ErrNotFound
			}
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Type("html", "utf-8")
		return c.Send(index)
	})
}
