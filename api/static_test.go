package api_test

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hoithi/frontend"
)

// get fetches path from the server with the given request headers.
func get(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// A bare transport: Go's client would otherwise ask for gzip itself and unpack it.
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func distFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(frontend.Dist, "dist/"+name)
	if err != nil {
		t.Fatalf("the build has no %s: %v", name, err)
	}
	return b
}

// TestTheWebAppArrivesCompressedAndCached checks what a phone's first load costs: the page and
// its script come in the smallest form the browser accepts, the script is cached for good and
// the page is asked for again each time, so a new build is seen at once.
func TestTheWebAppArrivesCompressedAndCached(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			_, page := get(t, s.URL+"/join", nil)
			script := regexp.MustCompile(`src="/(assets/[^"]+\.js)"`).FindSubmatch(page)
			if script == nil {
				t.Fatalf("the page names no script:\n%s", page)
			}
			js := string(script[1])

			tests := []struct {
				name, path, accept string
				wantEncoding       string
				wantBody           []byte
				wantCache          string
				wantType           string
			}{
				{"a browser that reads brotli gets the brotli script", "/" + js, "gzip, deflate, br", "br", distFile(t, js+".br"), "public, max-age=31536000, immutable", "text/javascript"},
				{"a browser that reads only gzip gets the gzip script", "/" + js, "gzip", "gzip", distFile(t, js+".gz"), "public, max-age=31536000, immutable", "text/javascript"},
				{"a browser that refuses brotli gets gzip", "/" + js, "br;q=0, gzip", "gzip", distFile(t, js+".gz"), "public, max-age=31536000, immutable", "text/javascript"},
				{"a browser that asks for nothing gets the plain script", "/" + js, "", "", distFile(t, js), "public, max-age=31536000, immutable", "text/javascript"},
				{"a browser that accepts only identity gets the plain script", "/" + js, "identity, *;q=0", "", distFile(t, js), "public, max-age=31536000, immutable", "text/javascript"},
				{"the join page comes compressed and is never cached", "/join?pin=123456", "br", "br", distFile(t, "index.html.br"), "no-cache", "text/html"},
				{"the front page is the same page", "/", "gzip", "gzip", distFile(t, "index.html.gz"), "no-cache", "text/html"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					h := map[string]string{}
					if tt.accept != "" {
						h["Accept-Encoding"] = tt.accept
					}
					res, body := get(t, s.URL+tt.path, h)
					if res.StatusCode != http.StatusOK {
						t.Fatalf("status %d", res.StatusCode)
					}
					if got := res.Header.Get("Content-Encoding"); got != tt.wantEncoding {
						t.Errorf("Content-Encoding %q, want %q", got, tt.wantEncoding)
					}
					if !bytes.Equal(body, tt.wantBody) {
						t.Errorf("the body (%d bytes) is not the %q copy (%d bytes)", len(body), tt.wantEncoding, len(tt.wantBody))
					}
					if got := res.Header.Get("Vary"); !strings.Contains(got, "Accept-Encoding") {
						t.Errorf("Vary %q: a shared cache could hand brotli to a browser that cannot read it", got)
					}
					if got := res.Header.Get("Cache-Control"); got != tt.wantCache {
						t.Errorf("Cache-Control %q, want %q", got, tt.wantCache)
					}
					if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.wantType) {
						t.Errorf("Content-Type %q, want %s", got, tt.wantType)
					}
				})
			}

			t.Run("an unchanged page is answered 304 without a body", func(t *testing.T) {
				res, _ := get(t, s.URL+"/join", map[string]string{"Accept-Encoding": "br"})
				etag := res.Header.Get("ETag")
				if etag == "" {
					t.Fatal("the page has no ETag")
				}
				res, body := get(t, s.URL+"/join", map[string]string{"Accept-Encoding": "br", "If-None-Match": etag})
				if res.StatusCode != http.StatusNotModified || len(body) != 0 {
					t.Fatalf("status %d with %d bytes, want 304 and none", res.StatusCode, len(body))
				}
			})

			t.Run("a missing asset is 404, not the page", func(t *testing.T) {
				res, _ := get(t, s.URL+"/assets/nothing-here.js", nil)
				if res.StatusCode != http.StatusNotFound {
					t.Fatalf("status %d, want 404", res.StatusCode)
				}
			})
		})
	}
}
