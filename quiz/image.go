package quiz

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/gif" // pictures a question may show
	_ "image/jpeg"
	_ "image/png"
	"time"

	_ "golang.org/x/image/webp"
)

// MaxImageBytes is the largest picture a question may show: phones on a hall's Wi-Fi load it
// while the countdown runs.
const MaxImageBytes = 2 << 20

// Image is a picture shown with a question's prompt, stored once however many questions show
// it: its ID is the SHA-256 (hex) of its bytes.
type Image struct {
	ID          string    `json:"id"`
	ContentType string    `json:"content_type"` // image/png, image/jpeg, image/gif or image/webp
	Size        int       `json:"size"`         // bytes
	Width       int       `json:"width"`
	Height      int       `json:"height"`
	OwnerID     string    `json:"owner_id"` // who first uploaded it
	CreatedAt   time.Time `json:"created_at"`
}

// ImageID is the id of a picture of these bytes.
func ImageID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// IsImageID reports whether id has the form of an ImageID: 64 lower-case hex digits. Anything
// else names no picture, so it is refused before any look-up.
func IsImageID(id string) bool {
	if len(id) != 2*sha256.Size {
		return false
	}
	for _, r := range id {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// ImageService stores pictures.
type ImageService interface {
	// SaveImage stores data as img (its ID, size and type already set by CheckImage); saving
	// a picture already stored is not an error and keeps the first one's owner.
	SaveImage(ctx context.Context, img *Image, data []byte) error
	// FindImage returns a picture and its bytes; ENOTFOUND when there is none of that id.
	FindImage(ctx context.Context, id string) (*Image, []byte, error)
}

// MaxImageSide is the most pixels a picture may have on a side: a bigger one would take a cheap
// phone's memory to show, for nothing a phone screen can display.
const MaxImageSide = 8000

// CheckImage reads what data is: a PNG, JPEG, GIF or WebP picture of at most MaxImageBytes and
// MaxImageSide pixels a side, or an EINVALID / ETOOLARGE error saying, in Vietnamese, what to
// do instead. Only the header is decoded.
func CheckImage(data []byte) (*Image, error) {
	if len(data) > MaxImageBytes {
		return nil, Errorf(ETOOLARGE, "Ảnh lớn hơn %d MB: hãy thu nhỏ ảnh (ví dụ lưu lại dạng JPEG, rộng khoảng 1.600 điểm ảnh) rồi tải lên lại.", MaxImageBytes>>20)
	}
	if len(data) == 0 {
		return nil, Errorf(EINVALID, "Tệp ảnh trống.")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, Errorf(EINVALID, "Tệp này không phải ảnh PNG, JPEG, GIF hoặc WebP (ảnh dạng EMF, WMF, TIFF hay HEIC không hiện được trên điện thoại): hãy lưu ảnh dạng PNG hoặc JPEG rồi tải lên lại.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
		return nil, Errorf(EINVALID, "Ảnh %d×%d điểm ảnh quá lớn: mỗi chiều nhiều nhất %d điểm ảnh.", cfg.Width, cfg.Height, MaxImageSide)
	}
	return &Image{ID: ImageID(data), ContentType: "image/" + format, Size: len(data), Width: cfg.Width, Height: cfg.Height}, nil
}
