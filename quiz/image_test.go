package quiz

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func encoded(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckImage(t *testing.T) {
	// A PNG header claiming 9000×10 pixels: only the header is read, so this is cheap to refuse.
	huge := encoded(t, "png", 9000, 1)
	cases := []struct {
		name     string
		data     []byte
		wantType string
		wantW    int
		wantCode string
		wantText string
	}{
		{name: "a PNG is taken with its size", data: encoded(t, "png", 40, 30), wantType: "image/png", wantW: 40},
		{name: "a JPEG is taken", data: encoded(t, "jpeg", 16, 16), wantType: "image/jpeg", wantW: 16},
		{name: "a GIF is taken", data: encoded(t, "gif", 8, 4), wantType: "image/gif", wantW: 8},
		{name: "an empty file is refused", data: nil, wantCode: EINVALID, wantText: "trống"},
		{name: "a Word drawing is refused with what to save instead", data: []byte("\x01\x00\x00\x00 EMF"), wantCode: EINVALID, wantText: "PNG hoặc JPEG"},
		{name: "a picture wider than the limit is refused", data: huge, wantCode: EINVALID, wantText: "9000×1"},
		{name: "a file over 2 MB is refused before it is read", data: make([]byte, MaxImageBytes+1), wantCode: ETOOLARGE, wantText: "thu nhỏ"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, err := CheckImage(c.data)
			if c.wantCode != "" {
				var qe *Error
				if !errors.As(err, &qe) || qe.Code != c.wantCode || !strings.Contains(qe.Message, c.wantText) {
					t.Fatalf("err = %v, want %s containing %q", err, c.wantCode, c.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if img.ContentType != c.wantType || img.Width != c.wantW || img.Size != len(c.data) || img.ID != ImageID(c.data) || len(img.ID) != 64 {
				t.Fatalf("image = %+v", img)
			}
		})
	}
}

func TestAQuestionNamesItsPictureByItsID(t *testing.T) {
	id := ImageID([]byte("ảnh"))
	cases := []struct {
		name, image string
		ok          bool
	}{
		{name: "a question without a picture is fine", image: "", ok: true},
		{name: "a question naming a picture by its id is fine", image: id, ok: true},
		{name: "an id in capitals is refused", image: strings.ToUpper(id)},
		{name: "an id cut short is refused", image: id[:63]},
		{name: "a path is refused", image: "../../etc/passwd"},
		{name: "a web address is refused", image: "https://example.com/anh.png"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := Question{Type: SingleChoice, Prompt: "Ảnh chụp hội nghị nào?", Options: []string{"Đại hội", "Hội nghị"}, Correct: []int{0}, Image: c.image}
			err := q.Validate()
			if c.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.ok && (ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "Ảnh")) {
				t.Fatalf("err = %v, want EINVALID about the picture", err)
			}
		})
	}
}

func TestEveryKindShowsThePhoneTheQuestionsPicture(t *testing.T) {
	id := ImageID([]byte("ảnh"))
	qs := []Question{
		{Type: SingleChoice, Options: []string{"A", "B"}, Correct: []int{0}},
		{Type: MultiChoice, Options: []string{"A", "B"}, Correct: []int{0, 1}},
		{Type: TrueFalse, Correct: []int{0}},
		{Type: ShortAnswer, Answers: []string{"Chi bộ"}},
		{Type: Numeric, Value: 1930},
		{Type: Ordering, Options: []string{"Một", "Hai", "Ba"}},
	}
	if len(qs) != len(questionKinds) {
		t.Fatalf("%d kinds tested, %d registered", len(qs), len(questionKinds))
	}
	for _, q := range qs {
		q.Prompt, q.Image = "Ảnh này chụp ở đâu?", id
		if err := q.Validate(); err != nil {
			t.Fatalf("%s: %v", q.Type, err)
		}
		kind, _ := KindOf(q.Type)
		if pub := kind.Public(&q); pub.Image != id {
			t.Errorf("a %s question shows the phone picture %q, want %q", q.Type, pub.Image, id)
		}
	}
}
