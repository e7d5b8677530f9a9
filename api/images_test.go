package api_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// pictureSeq makes each picture of a test run its own.
var pictureSeq atomic.Uint32

// picture is a PNG no other call made; noise makes it as big as w×h×4 bytes and more.
func picture(w, h int, noise bool) []byte {
	n := pictureSeq.Add(1)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: uint8(n), G: uint8(n >> 8), B: uint8(n >> 16), A: 255})
	if noise {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		for i := range img.Pix {
			img.Pix[i] = byte(r.Uint32())
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// postImage uploads data as a picture, with the Content-Encoding given (or none).
func (b *browser) postImage(data []byte, encoding string, out any) int {
	b.t.Helper()
	headers := map[string]string{"Content-Type": "image/png"}
	if encoding != "" {
		headers["Content-Encoding"] = encoding
	}
	return b.doWith("POST", "/api/images", data, headers, out)
}

// fetchImage gets a picture with an If-None-Match header (or none), as a phone would: not
// logged in.
func fetchImage(t *testing.T, base, path, ifNoneMatch string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, data
}

type imageOut struct {
	ID          string `json:"id"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	apiErr
}

func TestATrainerUploadsAPictureAndAnyPhoneLoadsItOnceForAYear(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			trainer := s.login("trainer")
			data := picture(40, 30, false)

			var up imageOut
			if st := trainer.postImage(data, "", &up); st != 201 {
				t.Fatalf("upload: HTTP %d %+v", st, up.Error)
			}
			if up.ID != quiz.ImageID(data) || up.URL != "/api/images/"+up.ID || up.ContentType != "image/png" || up.Size != len(data) || up.Width != 40 || up.Height != 30 {
				t.Fatalf("uploaded = %+v", up)
			}
			var again imageOut
			if st := s.login("admin").postImage(data, "", &again); st != 200 || again.ID != up.ID {
				t.Fatalf("the same picture again: HTTP %d %+v, want 200 with id %s", st, again, up.ID)
			}

			st, h, got := fetchImage(t, s.URL, up.URL, "")
			if st != 200 || !bytes.Equal(got, data) {
				t.Fatalf("a phone fetches the picture: HTTP %d, %d bytes, want 200 and %d", st, len(got), len(data))
			}
			etag := `"` + up.ID + `"`
			for name, want := range map[string]string{
				"Content-Type":           "image/png",
				"Cache-Control":          "public, max-age=31536000, immutable",
				"ETag":                   etag,
				"X-Content-Type-Options": "nosniff",
			} {
				if h.Get(name) != want {
					t.Errorf("%s: %q, want %q", name, h.Get(name), want)
				}
			}
			for _, tag := range []string{etag, "W/" + etag, `"other", ` + etag} {
				if st, h, body := fetchImage(t, s.URL, up.URL, tag); st != 304 || len(body) != 0 || h.Get("ETag") != etag {
					t.Errorf("If-None-Match %s: HTTP %d with %d bytes, want 304 and none", tag, st, len(body))
				}
			}
			if st, _, body := fetchImage(t, s.URL, up.URL, `"other"`); st != 200 || !bytes.Equal(body, data) {
				t.Errorf("another ETag: HTTP %d, want the picture", st)
			}

			for path, why := range map[string]string{
				wire.ImagePath(quiz.ImageID([]byte("chưa tải lên"))): "an id never uploaded",
				"/api/images/" + up.ID[:10]:                          "an id cut short",
				"/api/images/" + up.ID + ".png":                      "an id with an extension",
			} {
				st, h, body := fetchImage(t, s.URL, path, "")
				var e apiErr
				_ = json.Unmarshal(body, &e)
				if st != 404 || e.Error.Code != "not_found" || !isVietnamese(e.Error.Message) || h.Get("Cache-Control") != "" {
					t.Errorf("%s: HTTP %d %+v (Cache-Control %q), want 404 not_found not cached", why, st, e.Error, h.Get("Cache-Control"))
				}
			}
		})
	}
}

func TestOnlyAPictureOfAtMostTwoMegabytesIsTaken(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			org := s.login("admin")
			// Over 1 MB, which a JSON body may not be, but under 2 MB: taken.
			big := picture(600, 600, true)
			if len(big) <= 1<<20 || len(big) > quiz.MaxImageBytes {
				t.Fatalf("the big picture has %d bytes", len(big))
			}
			var up imageOut
			if st := org.postImage(big, "", &up); st != 201 || up.Size != len(big) {
				t.Fatalf("a %d-byte picture: HTTP %d %+v", len(big), st, up.Error)
			}
			// Refused from its Content-Length, before a byte of it is sent.
			if st, e := announceBody(t, s.URL, "/api/images", quiz.MaxImageBytes+1); st != 413 || e.Error.Code != "too_large" || !isVietnamese(e.Error.Message) {
				t.Fatalf("a body over 2 MB: HTTP %d %+v, want 413 too_large", st, e)
			}
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			_, _ = zw.Write(picture(20, 20, false))
			_ = zw.Close()
			for _, c := range []struct {
				name, encoding string
				data           []byte
			}{
				{"a web page", "", []byte("<!doctype html><script>alert(1)</script>")},
				{"an SVG drawing", "", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)},
				{"an empty body", "", nil},
			} {
				var out imageOut
				if st := org.postImage(c.data, c.encoding, &out); st != 400 || out.Error.Code != "invalid" || !isVietnamese(out.Error.Message) {
					t.Errorf("%s: HTTP %d %+v, want 400 invalid", c.name, st, out.Error)
				}
			}
			// A compressed body is refused before anything unpacks it, as on every route.
			var out imageOut
			if st := org.postImage(gz.Bytes(), "gzip", &out); st != 415 || out.Error.Code != "unsupported_encoding" || !isVietnamese(out.Error.Message) {
				t.Errorf("a gzipped picture: HTTP %d %+v, want 415 unsupported_encoding", st, out.Error)
			}
		})
	}
}

func TestWhoMayUploadAPicture(t *testing.T) {
	s := newTestServer(t, "embedded")
	p := s.people(t)
	anonymous := s.browser()
	for _, c := range []struct {
		name string
		b    *browser
		want int
		code string
	}{
		{"an organiser", p.other, 201, ""},
		{"a trainer", p.trainer, 201, ""},
		{"a judge", p.judge, 403, "forbidden"},
		{"someone not logged in", anonymous, 401, "unauthorized"},
	} {
		var out imageOut
		if st := c.b.postImage(picture(10, 10, false), "", &out); st != c.want || out.Error.Code != c.code {
			t.Errorf("%s: HTTP %d %+v, want %d %s", c.name, st, out.Error, c.want, c.code)
		}
	}
	noCSRF := *p.trainer
	noCSRF.csrf = ""
	var out imageOut
	if st := noCSRF.postImage(picture(10, 10, false), "", &out); st != 403 || out.Error.Code != "csrf" {
		t.Errorf("without the CSRF token: HTTP %d %+v, want 403 csrf", st, out.Error)
	}
}

func TestAQuestionsPictureGoesWithItIntoTheContestAndOntoEveryScreen(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			var up imageOut
			if st := org.postImage(picture(64, 48, false), "", &up); st != 201 {
				t.Fatalf("upload: HTTP %d", st)
			}
			var bank quiz.Bank
			org.do("POST", "/api/banks", map[string]string{"title": "Ảnh tư liệu"}, &bank)

			q := questions(1)[0]
			q.Image = quiz.ImageID([]byte("chưa tải lên"))
			var e apiErr
			if st := org.do("POST", "/api/banks/"+bank.ID+"/questions", q, &e); st != 400 || e.Error.Code != "invalid" || !isVietnamese(e.Error.Message) {
				t.Fatalf("a question naming a picture never uploaded: HTTP %d %+v, want 400 invalid", st, e.Error)
			}
			q.Image = up.ID
			var created struct {
				ID    string `json:"id"`
				Image string `json:"image"`
			}
			if st := org.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 || created.Image != up.ID {
				t.Fatalf("a question with its picture: HTTP %d, image %q", st, created.Image)
			}

			var ct struct{ ID, PIN string }
			org.do("POST", "/api/contests", map[string]any{"title": "Hội thi ảnh", "scoring": "fixed", "question_ids": []string{created.ID}}, &ct)
			var contest struct {
				Rounds []struct {
					Items []struct {
						Question struct {
							Image string `json:"image"`
						} `json:"question"`
					} `json:"items"`
				} `json:"rounds"`
			}
			if st := org.do("GET", "/api/contests/"+ct.ID, nil, &contest); st != 200 || contest.Rounds[0].Items[0].Question.Image != up.ID {
				t.Fatalf("the contest's copy: HTTP %d %+v", st, contest)
			}

			host, version := s.host(ctx, org, ct.ID)
			mai, _ := s.join(ctx, ct.PIN, "Lê Thị Mai", "Chi bộ thôn Bắc")
			version = org.mustCommand(ct.ID, "start", version)
			org.mustCommand(ct.ID, "next", version)
			f, err := mai.Next(ctx, wire.TItem)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Item().Image; got != up.URL {
				t.Fatalf("the phone's item shows picture %q, want %q", got, up.URL)
			}
			hf, err := host.Next(ctx, wire.TItem)
			if err != nil {
				t.Fatal(err)
			}
			if got := hf.Item().Image; got != up.URL {
				t.Fatalf("the screens' item shows picture %q, want %q", got, up.URL)
			}
			if item := mai.reconnect(ctx).State().Item; item == nil || item.Image != up.URL {
				t.Fatalf("a phone coming back sees the item %+v, want its picture", item)
			}
		})
	}
}

func TestAWordFilesPicturesAreStoredOnImportAndWrittenBackOnExport(t *testing.T) {
	file, err := os.ReadFile("../quiz/bankfile/testdata/docx/libreoffice-resaved-pictures.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			org := s.login("trainer")
			var bank quiz.Bank
			org.do("POST", "/api/banks", map[string]string{"title": "Ảnh từ tệp Word"}, &bank)
			var rep importOut
			if st := org.upload(bank.ID, url.Values{"format": {"docx"}}, file, &rep); st != 201 || rep.Imported != 3 {
				t.Fatalf("import: HTTP %d %+v", st, rep)
			}
			var page struct {
				Questions []struct {
					Image string `json:"image"`
				} `json:"questions"`
			}
			org.do("GET", "/api/banks/"+bank.ID, nil, &page)
			var pictures [][]byte
			// The file's first two questions show a picture, its third none.
			for i, q := range page.Questions {
				if (q.Image != "") != (i < 2) {
					t.Fatalf("question %d shows picture %q", i+1, q.Image)
				} else if q.Image == "" {
					continue
				}
				st, h, data := fetchImage(t, s.URL, wire.ImagePath(q.Image), "")
				if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "image/") {
					t.Fatalf("question %d's picture: HTTP %d %s", i+1, st, h.Get("Content-Type"))
				}
				pictures = append(pictures, data)
			}
			st, _, docx := org.download("/api/banks/" + bank.ID + "/export?format=docx")
			if st != 200 {
				t.Fatalf("export: HTTP %d", st)
			}
			zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
			if err != nil {
				t.Fatal(err)
			}
			var media [][]byte
			for _, f := range zr.File {
				if strings.HasPrefix(f.Name, "word/media/") {
					r, _ := f.Open()
					b, _ := io.ReadAll(r)
					media = append(media, b)
				}
			}
			for i, p := range pictures {
				if !slices.ContainsFunc(media, func(m []byte) bool { return bytes.Equal(m, p) }) {
					t.Errorf("the exported file lacks question %d's picture (%d pictures in it)", i+1, len(media))
				}
			}
			// A format that holds no pictures writes every question all the same, and says how
			// many without their picture.
			st, h, csv := org.download("/api/banks/" + bank.ID + "/export?format=csv")
			if st != 200 || h.Get("X-Skipped-Questions") != "0" || h.Get("X-Questions-Without-Picture") != strconv.Itoa(len(pictures)) || len(csv) == 0 {
				t.Errorf("a CSV export: HTTP %d, skipped %q, without picture %q, want 0 and %d", st, h.Get("X-Skipped-Questions"), h.Get("X-Questions-Without-Picture"), len(pictures))
			}
		})
	}
}
