package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"hoithi/quiz"
)

// ImageService stores the pictures questions show.
type ImageService struct {
	db *DB
}

var _ quiz.ImageService = (*ImageService)(nil)

// NewImageService returns an ImageService backed by db.
func NewImageService(db *DB) *ImageService { return &ImageService{db: db} }

var (
	errNoImage = quiz.Errorf(quiz.ENOTFOUND, "Không tìm thấy ảnh.")
	// errImageNotStored is a question naming a picture that was never uploaded.
	errImageNotStored = quiz.Errorf(quiz.EINVALID, "Ảnh của câu hỏi chưa được tải lên máy chủ: hãy bỏ ảnh rồi thêm lại.")
)

type imageRow struct {
	ID          string
	ContentType string
	Size        int
	Width       int
	Height      int
	OwnerID     *string
	CreatedAt   int64
	Data        []byte
}

func (imageRow) TableName() string { return "images" }

func (r *imageRow) image() *quiz.Image {
	return &quiz.Image{ID: r.ID, ContentType: r.ContentType, Size: r.Size, Width: r.Width, Height: r.Height,
		OwnerID: deref(r.OwnerID), CreatedAt: fromMillis(r.CreatedAt)}
}

// SaveImage implements quiz.ImageService. The bytes are checked again (quiz.CheckImage), so
// what is stored is always a picture whose id is its hash, whoever the caller; img is set to
// what is stored: for a picture stored before, its first owner and time.
func (s *ImageService) SaveImage(ctx context.Context, img *quiz.Image, data []byte) error {
	checked, err := quiz.CheckImage(data)
	if err != nil {
		return err
	}
	ms, _ := now()
	row := imageRow{ID: checked.ID, ContentType: checked.ContentType, Size: checked.Size, Width: checked.Width, Height: checked.Height,
		OwnerID: nullable(img.OwnerID), CreatedAt: ms, Data: data}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, DoNothing: true}).Create(&row).Error
		if errors.Is(err, gorm.ErrForeignKeyViolated) {
			return errNoOwner
		} else if err != nil {
			return fmt.Errorf("save image %s: %w", row.ID, err)
		}
		var saved imageRow
		if err := tx.Omit("data").Where("id = ?", row.ID).Take(&saved).Error; err != nil {
			return fmt.Errorf("reload image %s: %w", row.ID, err)
		}
		*img = *saved.image()
		return nil
	})
}

// FindImage implements quiz.ImageService.
func (s *ImageService) FindImage(ctx context.Context, id string) (*quiz.Image, []byte, error) {
	if !quiz.IsImageID(id) {
		return nil, nil, errNoImage
	}
	var row imageRow
	if err := s.db.Gorm(ctx).Where("id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, errNoImage
	} else if err != nil {
		return nil, nil, fmt.Errorf("find image %s: %w", id, err)
	}
	return row.image(), row.Data, nil
}

// imagesStored refuses questions that name a picture not stored: the form of an id is checked
// by Validate, but only the database knows whether it was uploaded. One query for them all.
func imagesStored(tx *gorm.DB, qs []*quiz.Question) error {
	var ids []string
	for _, q := range qs {
		if q.Image != "" {
			ids = append(ids, q.Image)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var found []string
	if err := tx.Model(&imageRow{}).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return fmt.Errorf("find %d images: %w", len(ids), err)
	}
	if len(found) == len(ids) {
		return nil
	}
	for i, q := range qs {
		if q.Image != "" && !slices.Contains(found, q.Image) {
			if len(qs) == 1 {
				return errImageNotStored
			}
			return quiz.Errorf(quiz.EINVALID, "Câu %d: %s", i+1, quiz.ErrorMessage(errImageNotStored))
		}
	}
	return nil
}
