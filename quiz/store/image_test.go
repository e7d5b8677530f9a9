package store_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"hoithi/quiz"
	"hoithi/quiz/store"
)

// picture is a small PNG, different for each shade.
func picture(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 30, 20))
	img.Set(0, 0, color.RGBA{R: shade, A: 255})
	var buf bytes.Buffer
	must(t, png.Encode(&buf, img))
	return buf.Bytes()
}

func TestAPictureIsStoredOnceAndComesBackAsItWasSent(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		images := store.NewImageService(db)
		users := store.NewUserService(db)
		first, second := newUser(t, users, "nguoidau", quiz.RoleTrainer), newUser(t, users, "nguoisau", quiz.RoleTrainer)
		data := picture(t, 1)

		img := &quiz.Image{OwnerID: first.ID}
		must(t, images.SaveImage(ctx, img, data))
		if img.ID != quiz.ImageID(data) || img.ContentType != "image/png" || img.Size != len(data) || img.Width != 30 || img.Height != 20 || img.OwnerID != first.ID || img.CreatedAt.IsZero() {
			t.Fatalf("saved image = %+v", img)
		}
		again := &quiz.Image{OwnerID: second.ID}
		must(t, images.SaveImage(ctx, again, data))
		if *again != *img {
			t.Fatalf("the same picture saved again = %+v, want the first %+v", again, img)
		}
		if n := countRows(t, ctx, db, "images", "1 = 1"); n != 1 {
			t.Fatalf("%d rows for one picture saved twice", n)
		}

		got, bytesBack, err := images.FindImage(ctx, img.ID)
		must(t, err)
		if *got != *img || !bytes.Equal(bytesBack, data) {
			t.Fatalf("found %+v (%d bytes), want %+v (%d bytes)", got, len(bytesBack), img, len(data))
		}

		for _, id := range []string{quiz.ImageID([]byte("chưa tải lên")), "không-phải-mã-ảnh", ""} {
			_, _, err := images.FindImage(ctx, id)
			wantCode(t, err, quiz.ENOTFOUND)
		}
		wantCode(t, images.SaveImage(ctx, &quiz.Image{}, []byte("<svg onload=alert(1)>")), quiz.EINVALID)
		wantCode(t, images.SaveImage(ctx, &quiz.Image{OwnerID: "no-such-user"}, picture(t, 2)), quiz.EINVALID)
		anonymous := &quiz.Image{}
		must(t, images.SaveImage(ctx, anonymous, picture(t, 3)))
		if anonymous.OwnerID != "" {
			t.Fatalf("a picture saved without an owner has owner %q", anonymous.OwnerID)
		}
	})
}

func TestAQuestionShowsOnlyAStoredPictureAndItsCopiesKeepIt(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		banks, images := store.NewBankService(db), store.NewImageService(db)
		b, _ := newBank(t, db)
		img := &quiz.Image{}
		must(t, images.SaveImage(ctx, img, picture(t, 1)))
		missing := quiz.ImageID([]byte("chưa tải lên"))

		q := question("Ảnh chụp trụ sở nào?")
		q.BankID, q.Image = b.ID, img.ID
		must(t, banks.CreateQuestion(ctx, &q))
		got, err := banks.FindQuestion(ctx, q.ID)
		must(t, err)
		if got.Image != img.ID {
			t.Fatalf("saved question shows picture %q, want %q", got.Image, img.ID)
		}

		bad := question("Ảnh chưa tải lên")
		bad.BankID, bad.Image = b.ID, missing
		wantCode(t, banks.CreateQuestion(ctx, &bad), quiz.EINVALID)
		batch := []quiz.Question{question("Câu có ảnh"), question("Câu có ảnh chưa tải lên")}
		batch[0].BankID, batch[0].Image, batch[1].BankID, batch[1].Image = b.ID, img.ID, b.ID, missing
		err = banks.CreateQuestions(ctx, batch)
		if wantCode(t, err, quiz.EINVALID); !strings.HasPrefix(quiz.ErrorMessage(err), "Câu 2:") {
			t.Fatalf("a batch with a missing picture: %q does not name the question", quiz.ErrorMessage(err))
		}
		if n := countRows(t, ctx, db, "questions", "bank_id = ?", b.ID); n != 1 {
			t.Fatalf("the refused batch left %d questions, want the first one only", n)
		}

		edit := *got
		edit.Image = missing
		wantCode(t, banks.UpdateQuestion(ctx, &edit, admin), quiz.EINVALID)
		copied, err := banks.CopyBank(ctx, b.ID, "", "Bản sao")
		must(t, err)
		copies, err := banks.ListQuestions(ctx, copied.ID)
		must(t, err)
		if len(copies) != 1 || copies[0].Image != img.ID {
			t.Fatalf("the bank's copy = %+v", copies)
		}

		c := &quiz.Contest{Title: "Hội thi", Rounds: []quiz.Round{{Title: "Vòng 1", Scoring: quiz.FixedPoints, Items: []quiz.Item{{Question: *got}}}}}
		must(t, store.NewContestService(db).CreateContest(ctx, c))
		found, err := store.NewContestService(db).FindContest(ctx, c.ID)
		must(t, err)
		if it := found.Rounds[0].Items[0].Question; it.Image != img.ID {
			t.Fatalf("the contest's copy shows picture %q, want %q", it.Image, img.ID)
		}

		edit = *got
		edit.Image = ""
		must(t, banks.UpdateQuestion(ctx, &edit, admin))
		if edit.Image != "" || edit.Version != 2 {
			t.Fatalf("the picture taken off: image %q, version %d", edit.Image, edit.Version)
		}
		revs, err := banks.ListRevisions(ctx, q.ID)
		must(t, err)
		if len(revs) != 1 || len(revs[0].Changed) != 1 || revs[0].Changed[0] != "hình ảnh" {
			t.Fatalf("the history of taking the picture off: %+v", revs)
		}
		if found, _ := store.NewContestService(db).FindContest(ctx, c.ID); found.Rounds[0].Items[0].Question.Image != img.ID {
			t.Fatal("taking the bank question's picture off changed the contest's copy")
		}
	})
}
