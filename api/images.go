package api

import (
	"context"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// imageView answers an upload: the picture as stored, and where it is served.
type imageView struct {
	ID          string `json:"id"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
}

func viewImage(img *quiz.Image) imageView {
	return imageView{ID: img.ID, URL: wire.ImagePath(img.ID), ContentType: img.ContentType, Size: img.Size, Width: img.Width, Height: img.Height}
}

var errNoImage = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy ảnh.")

// uploadImage stores the request's body, the picture's bytes, for the caller's questions: 201
// when it is new, 200 with the same id when it was stored before (by anyone). The raw body is
// read, never one the server would first decompress: a picture is compressed already, and a
// Content-Encoding would let a small body grow without bound.
func (s *Server) uploadImage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	data := c.Request().Body()
	img, err := quiz.CheckImage(data)
	if err != nil {
		return err
	}
	if stored, _, err := s.images.FindImage(ctx, img.ID); err == nil {
		return c.JSON(viewImage(stored))
	} else if quiz.ErrorCode(err) != quiz.ENOTFOUND {
		return err
	}
	img.OwnerID = currentUser(c).ID
	if err := s.images.SaveImage(ctx, img, data); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(viewImage(img))
}

// image serves a picture to anyone: phones are not logged in, and its id cannot be guessed
// without its bytes. The id is the content, so the picture never changes: browsers keep it a
// year without asking again, and one that asks with its ETag is told it has it already.
func (s *Server) image(c *fiber.Ctx) error {
	id := c.Params("id")
	if !quiz.IsImageID(id) {
		return errNoImage
	}
	etag := `"` + id + `"`
	if etagMatches(c.Get(fiber.HeaderIfNoneMatch), etag) {
		if _, _, err := s.pictures.get(c.UserContext(), id, s.images.FindImage); err != nil {
			return err
		}
		cacheForever(c, etag)
		return c.SendStatus(fiber.StatusNotModified)
	}
	img, data, err := s.pictures.get(c.UserContext(), id, s.images.FindImage)
	if err != nil {
		return err
	}
	cacheForever(c, etag)
	// Only the four types CheckImage lets in are ever stored, never HTML or SVG; nosniff
	// (securityHeaders) keeps a browser from reading the bytes as anything else.
	c.Set(fiber.HeaderContentType, img.ContentType)
	return c.Send(data)
}

func cacheForever(c *fiber.Ctx, etag string) {
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderETag, etag)
}

// pictureCacheBytes is how much of the pictures served an instance keeps in memory.
const pictureCacheBytes = 64 << 20

// pictureCache keeps the pictures served last in memory. When a question with a picture
// opens, every phone in the hall asks for it within the same second; without the cache each
// would read its bytes (up to 2 MB) from the database, and a thousand phones a gigabyte. The
// pictures never change (the id is their hash), so nothing is ever stale; the oldest go
// first when the cache is full, and phones asking together for one not yet kept wait for the
// one read of it.
type pictureCache struct {
	mu      sync.Mutex
	max     int
	size    int
	kept    map[string]*pictureLoad
	order   []string // ids kept, oldest first
	loading map[string]*pictureLoad
}

// pictureLoad is a picture read from the database, or being read (until done is closed).
type pictureLoad struct {
	done chan struct{}
	img  *quiz.Image
	data []byte
	err  error
}

func newPictureCache(max int) *pictureCache {
	return &pictureCache{max: max, kept: map[string]*pictureLoad{}, loading: map[string]*pictureLoad{}}
}

// get returns the picture of that id from memory, or reads it with find once for every
// caller asking at the same time. The read goes on if the first caller leaves (the others
// may still want it), for at most ten seconds.
func (p *pictureCache) get(ctx context.Context, id string, find func(context.Context, string) (*quiz.Image, []byte, error)) (*quiz.Image, []byte, error) {
	p.mu.Lock()
	if l, ok := p.kept[id]; ok {
		p.mu.Unlock()
		return l.img, l.data, nil
	}
	l, reading := p.loading[id]
	if !reading {
		l = &pictureLoad{done: make(chan struct{})}
		p.loading[id] = l
	}
	p.mu.Unlock()
	if !reading {
		readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		l.img, l.data, l.err = find(readCtx, id)
		cancel()
		p.mu.Lock()
		delete(p.loading, id)
		if l.err == nil {
			p.keep(id, l)
		}
		p.mu.Unlock()
		close(l.done)
	}
	select {
	case <-l.done:
		return l.img, l.data, l.err
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

// keep adds a picture read, dropping the oldest kept until it fits. Callers hold mu.
func (p *pictureCache) keep(id string, l *pictureLoad) {
	if len(l.data) > p.max {
		return
	}
	for p.size+len(l.data) > p.max && len(p.order) > 0 {
		oldest := p.order[0]
		p.order = p.order[1:]
		p.size -= len(p.kept[oldest].data)
		delete(p.kept, oldest)
	}
	p.kept[id] = l
	p.order = append(p.order, id)
	p.size += len(l.data)
}
