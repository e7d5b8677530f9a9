package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hoithi/frontend"
)

// noBuild is what the server shows when the web app was never built into the binary.
const noBuild = "<!doctype html><meta charset=utf-8><title>hoithi</title><p>Giao diện chưa được biên dịch: chạy <code>make run</code>."

// static serves the embedded web app: hashed assets cached for a year, index.html (never
// cached) for every page route, each in the precompressed form the browser accepts.
func (s *Server) static() {
	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		panic(err)
	}
	files, err := loadAssets(dist)
	if err != nil {
		panic(err)
	}
	s.app.Get("/*", files.serve)
}

// asset is one file of the built app with the compressed copies the build wrote beside it
// (name.br, name.gz), so the server never compresses on the request path: a hall's laptop
// serves three hundred phones their first load at the same moment.
type asset struct {
	raw, br, gz []byte
	ctype       string
	cache       string
	etag        string
	// scripts and styles are the SHA-256 hashes (base64) of the page's inline scripts and
	// styles, which its Content-Security-Policy allows by name.
	scripts, styles []string
}

// assets is the built app by path ("index.html", "assets/index-abc.js").
type assets map[string]*asset

func loadAssets(dist fs.FS) (assets, error) {
	files := assets{}
	err := fs.WalkDir(dist, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return err
		}
		raw, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		a := &asset{raw: raw, ctype: mime.TypeByExtension(path.Ext(p))}
		if a.ctype == "" {
			a.ctype = fiber.MIMEOctetStream
		}
		// A copy that is not smaller is not worth its Content-Encoding.
		if br, err := fs.ReadFile(dist, p+".br"); err == nil && len(br) < len(raw) {
			a.br = br
		}
		if gz, err := fs.ReadFile(dist, p+".gz"); err == nil && len(gz) < len(raw) {
			a.gz = gz
		}
		if strings.HasPrefix(p, "assets/") {
			// The name carries the content's hash: a new build is a new name.
			a.cache = "public, max-age=31536000, immutable"
		} else {
			// Always asked again (a 304 when unchanged), so a new build reaches every phone.
			a.cache = "no-cache"
			sum := sha256.Sum256(raw)
			a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		}
		if strings.HasSuffix(p, ".html") {
			a.scripts, a.styles = inlineHashes(raw)
		}
		files[p] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	if files["index.html"] == nil {
		files["index.html"] = &asset{raw: []byte(noBuild), ctype: fiber.MIMETextHTMLCharsetUTF8, cache: "no-cache"}
	}
	return files, nil
}

func (files assets) serve(c *fiber.Ctx) error {
	p := strings.TrimPrefix(path.Clean(c.Path()), "/")
	if strings.HasPrefix(p, "ws/") || p == "ws" {
		return fiber.ErrNotFound
	}
	a := files[p]
	if a == nil || p == "" {
		if path.Ext(p) != "" && p != "index.html" {
			return fiber.ErrNotFound
		}
		a = files["index.html"]
	}
	c.Set(fiber.HeaderCacheControl, a.cache)
	c.Set(fiber.HeaderContentType, a.ctype)
	if a.scripts != nil || a.styles != nil {
		c.Set(fiber.HeaderContentSecurityPolicy, contentPolicy(string(c.Request().Host()), a.scripts, a.styles))
	}
	if a.br != nil || a.gz != nil {
		c.Vary(fiber.HeaderAcceptEncoding)
	}
	if a.etag != "" {
		c.Set(fiber.HeaderETag, a.etag)
		if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && etagMatches(inm, a.etag) {
			return c.SendStatus(fiber.StatusNotModified)
		}
	}
	body := a.raw
	switch enc := chooseEncoding(c.Get(fiber.HeaderAcceptEncoding), a.br != nil, a.gz != nil); enc {
	case "br":
		body = a.br
		c.Set(fiber.HeaderContentEncoding, enc)
	case "gzip":
		body = a.gz
		c.Set(fiber.HeaderContentEncoding, enc)
	}
	return c.Send(body)
}

// inlineTag finds an inline script (one without src) or style element and its content.
var inlineTag = regexp.MustCompile(`(?is)<(script|style)((?:\s[^>]*)?)>(.*?)</(?:script|style)>`)

// inlineHashes returns the base64 SHA-256 of every inline script and style of an HTML page,
// as a Content-Security-Policy names them.
func inlineHashes(html []byte) (scripts, styles []string) {
	for _, m := range inlineTag.FindAllSubmatch(html, -1) {
		tag, attrs, body := strings.ToLower(string(m[1])), string(m[2]), m[3]
		if tag == "script" && strings.Contains(strings.ToLower(attrs), "src=") {
			continue
		}
		sum := sha256.Sum256(body)
		h := base64.StdEncoding.EncodeToString(sum[:])
		if tag == "script" {
			scripts = append(scripts, h)
		} else {
			styles = append(styles, h)
		}
	}
	return scripts, styles
}

// etagMatches reads an If-None-Match list ("*", or tags, weak or not).
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// chooseEncoding picks brotli, then gzip, among those the Accept-Encoding header allows and
// the asset has; "" means the file as it is. A coding with q=0 is refused, as is any coding
// "*;q=0" leaves out.
func chooseEncoding(header string, haveBr, haveGzip bool) string {
	if header == "" || (!haveBr && !haveGzip) {
		return ""
	}
	q := map[string]float64{}
	star := -1.0
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		if name == "*" {
			star = weight
		} else {
			q[name] = weight
		}
	}
	accepts := func(name string) bool {
		if w, ok := q[name]; ok {
			return w > 0
		}
		return star > 0
	}
	switch {
	case haveBr && accepts("br"):
		return "br"
	case haveGzip && (accepts("gzip") || accepts("x-gzip")):
		return "gzip"
	}
	return ""
}
