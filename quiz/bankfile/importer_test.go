package bankfile

import (
	"context"
	"slices"
	"sync"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
)

// pictureShelf keeps the pictures an import stores, in memory, as the image store would:
// a picture saved again keeps its first owner.
type pictureShelf struct {
	mu     sync.Mutex
	saves  int
	images map[string]quiz.Image
	data   map[string][]byte
	// db, when set, is the database's image store too: a question saved there may show only
	// a picture stored there (with no owner here, as the test's owners are no accounts).
	db quiz.ImageService
}

func (s *pictureShelf) SaveImage(ctx context.Context, img *quiz.Image, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saves++
	if _, ok := s.images[img.ID]; !ok {
		s.images[img.ID], s.data[img.ID] = *img, data
	}
	if s.db != nil {
		return s.db.SaveImage(ctx, &quiz.Image{}, data)
	}
	return nil
}

func (s *pictureShelf) FindImage(_ context.Context, id string) (*quiz.Image, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	img, ok := s.images[id]
	if !ok {
		return nil, nil, quiz.Errorf(quiz.ENOTFOUND, "Không có ảnh này.")
	}
	return &img, s.data[id], nil
}

// createdQuestions is a bank store that also records the questions an import creates, with
// their pictures' ids (which the store keeps once questions have a column for them).
type createdQuestions struct {
	quiz.BankService
	created []quiz.Question
}

func (c *createdQuestions) CreateQuestions(ctx context.Context, qs []quiz.Question) error {
	c.created = append(c.created, qs...)
	return c.BankService.CreateQuestions(ctx, qs)
}

func TestAnImportStoresEachPictureOnceAndGivesItsQuestionsItsID(t *testing.T) {
	ctx := t.Context()
	qs, pictures := picturedQuestions(t)
	data, _, err := WriteWith(DOCX, qs, WriteOptions{Picture: loader(pictures)})
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, store.SQLite)
	banks := &createdQuestions{BankService: store.NewBankService(db)}
	b := &quiz.Bank{Title: "Ảnh sinh hoạt chi bộ"}
	if err := banks.CreateBank(ctx, b); err != nil {
		t.Fatal(err)
	}
	shelf := &pictureShelf{images: map[string]quiz.Image{}, data: map[string][]byte{}, db: store.NewImageService(db)}
	o := ImportOptions{Format: DOCX, Images: shelf, OwnerID: "trainer-1", DryRun: true}

	preview, err := Import(ctx, banks, b.ID, data, o)
	if err != nil {
		t.Fatal(err)
	}
	var shown []int
	for i, it := range preview.Items {
		if it.Picture != nil {
			shown = append(shown, i+1)
		}
	}
	if !slices.Equal(shown, []int{1, 4, 8, 11}) || shelf.saves != 0 || len(banks.created) != 0 {
		t.Fatalf("the preview shows pictures on %v and stored %d: want 1, 4, 8, 11 and nothing stored", shown, shelf.saves)
	}

	o.DryRun = false
	rep, err := Import(ctx, banks, b.ID, data, o)
	if err != nil || rep.Imported != len(qs) {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	if shelf.saves != 3 || len(shelf.images) != 3 {
		t.Errorf("%d pictures saved (%d kept), want the 3 different ones once each", shelf.saves, len(shelf.images))
	}
	for i, q := range banks.created {
		if q.Image != qs[i].Image {
			t.Errorf("question %d created with picture %q, want %q", i+1, q.Image, qs[i].Image)
		}
		if img, ok := shelf.images[q.Image]; q.Image != "" && (!ok || img.OwnerID != "trainer-1" || img.ContentType == "") {
			t.Errorf("question %d: picture stored as %+v", i+1, img)
		}
	}

	// Without a store for pictures the import cannot keep them: a mistake of the caller's,
	// not the trainer's, and nothing is created.
	o.Images = nil
	before := len(banks.created)
	if _, err := Import(ctx, banks, b.ID, data, o); err == nil || quiz.ErrorCode(err) != quiz.EINTERNAL {
		t.Errorf("an import of pictures without Images: err = %v", err)
	}
	if len(banks.created) != before {
		t.Errorf("questions were created without their pictures")
	}
}
