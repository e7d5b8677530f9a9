package api

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"hoithi/quiz"
)

// pictureReads counts the database reads of a picture cache's loader, each one held until release.
type pictureReads struct {
	n       atomic.Int32
	release chan struct{}
}

func (r *pictureReads) find(_ context.Context, id string) (*quiz.Image, []byte, error) {
	r.n.Add(1)
	<-r.release
	if id == "missing" {
		return nil, nil, errNoImage
	}
	return &quiz.Image{ID: id}, make([]byte, 10), nil
}

func TestAHallAskingForOnePictureAtOnceReadsItOnce(t *testing.T) {
	p := newPictureCache(100)
	reads := &pictureReads{release: make(chan struct{})}
	var wg sync.WaitGroup
	var started sync.WaitGroup
	for range 50 {
		wg.Add(1)
		started.Add(1)
		go func() {
			defer wg.Done()
			started.Done()
			if _, data, err := p.get(context.Background(), "a", reads.find); err != nil || len(data) != 10 {
				t.Errorf("got %d bytes, %v", len(data), err)
			}
		}()
	}
	started.Wait()
	close(reads.release)
	wg.Wait()
	// Phones that asked after the read ended were served from memory: still one read.
	if _, _, err := p.get(context.Background(), "a", reads.find); err != nil {
		t.Fatal(err)
	}
	if n := reads.n.Load(); n != 1 {
		t.Fatalf("%d reads of one picture asked for by 51 phones", n)
	}
}

func TestThePictureCacheKeepsTheNewestWithinItsSizeAndNoMisses(t *testing.T) {
	p := newPictureCache(25) // two pictures of 10 bytes
	reads := &pictureReads{release: make(chan struct{})}
	close(reads.release)
	ctx := context.Background()
	for _, id := range []string{"a", "b", "c", "c", "b"} {
		if _, _, err := p.get(ctx, id, reads.find); err != nil {
			t.Fatal(err)
		}
	}
	if n := reads.n.Load(); n != 3 {
		t.Fatalf("%d reads, want 3 (a, b, c; then c and b from memory)", n)
	}
	if _, kept := p.kept["a"]; kept || p.size != 20 {
		t.Fatalf("kept %v (%d bytes), want b and c only", p.order, p.size)
	}
	for range 2 {
		if _, _, err := p.get(ctx, "missing", reads.find); quiz.ErrorCode(err) != quiz.ENOTFOUND {
			t.Fatalf("a missing picture: %v", err)
		}
	}
	if n := reads.n.Load(); n != 5 {
		t.Fatalf("%d reads: a picture not found was kept", n)
	}
}
