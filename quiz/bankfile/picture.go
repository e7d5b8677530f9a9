package bankfile

import (
	"slices"
	"strconv"

	"hoithi/quiz"
)

// maxPicturesBytes bounds what the pictures of one file unpack to, all together: pictures
// hardly compress, so a real file's pictures unpack to about the file's size; a file whose
// pictures unpack to more is a zip bomb, and the pictures past the bound are problems.
const maxPicturesBytes = 4 * MaxFileBytes

// pictureBudget counts the bytes of pictures a reader has unpacked so far.
type pictureBudget struct{ used int64 }

// take reports whether n more bytes of pictures may be unpacked, and counts them.
func (b *pictureBudget) take(n int64) bool {
	if n < 0 || b.used+n > maxPicturesBytes {
		return false
	}
	b.used += n
	return true
}

// picturesTooLarge is the problem of a picture past the file's budget.
const picturesTooLarge = "Ảnh của câu hỏi: các ảnh trong tệp giải nén ra quá lớn, ảnh này không đọc được. Hãy thu nhỏ ảnh hoặc chia thành nhiều tệp."

// pictureProblem checks a picture read with a question: "" when a phone can show it,
// otherwise the Vietnamese problem that makes the question one.
func pictureProblem(data []byte) string {
	if _, err := quiz.CheckImage(data); err != nil {
		return "Ảnh của câu hỏi: " + lowerFirst(quiz.ErrorMessage(err))
	}
	return ""
}

// tooManyPictures is the problem of a question showing n pictures; where, if not "", says
// where the second is.
func tooManyPictures(n int, where string) string {
	if where != "" {
		where = " (" + where + ")"
	}
	return "Câu hỏi có " + strconv.Itoa(n) + " ảnh" + where + ": mỗi câu chỉ hiện được một ảnh. Hãy giữ một ảnh, hoặc ghép các ảnh thành một."
}

// WriteOptions say how to write a file.
type WriteOptions struct {
	// Picture returns the bytes of the picture a question shows (its Image), as
	// quiz.ImageService.FindImage does. Without it, questions are written without their
	// pictures, each named in the Problems; so is a question whose picture is ENOTFOUND or no
	// longer a picture, while any other error stops the writing.
	Picture func(id string) ([]byte, error)
}

// picture is a question's picture being written: its bytes and what they are.
type picture struct {
	data []byte
	img  *quiz.Image
}

// WriteWith writes qs in format f as Write does, with each question's picture where the
// format holds one (.docx, Moodle XML, .xlsx). A question whose picture the format cannot
// hold, or that cannot be loaded, is written without it and named in the Problems.
func WriteWith(f Format, qs []quiz.Question, o WriteOptions) ([]byte, []Problem, error) {
	c, ok := codecs[f]
	if !ok {
		return nil, nil, quiz.Errorf(quiz.EINVALID, "Chưa ghi được tệp dạng %s.", f)
	}
	if len(qs) > MaxQuestions {
		return nil, nil, tooManyQuestions()
	}
	var problems []Problem
	pics := make([]*picture, len(qs))
	loaded := map[string]*picture{}
	for i, q := range qs {
		if q.Image == "" {
			continue
		}
		switch {
		case c.writePictures == nil:
			problems = append(problems, Problem{Line: i + 1, Message: "Câu hỏi có ảnh: định dạng " + string(f) + " không giữ được ảnh, câu được ghi không kèm ảnh.", Written: true})
			continue
		case o.Picture == nil:
			problems = append(problems, Problem{Line: i + 1, Message: "Câu hỏi có ảnh: câu được ghi không kèm ảnh.", Written: true})
			continue
		}
		p, seen := loaded[q.Image]
		if !seen {
			data, err := o.Picture(q.Image)
			if err != nil && quiz.ErrorCode(err) != quiz.ENOTFOUND {
				return nil, nil, err
			}
			if err == nil {
				if img, err := quiz.CheckImage(data); err == nil {
					p = &picture{data: data, img: img}
				}
			}
			loaded[q.Image] = p
		}
		if p == nil {
			problems = append(problems, Problem{Line: i + 1, Message: "Câu hỏi có ảnh nhưng ảnh không còn hoặc hỏng: câu được ghi không kèm ảnh.", Written: true})
			continue
		}
		pics[i] = p
	}
	var data []byte
	var left []Problem
	var err error
	if c.writePictures != nil {
		data, left, err = c.writePictures(qs, pics)
	} else {
		data, left, err = c.write(qs)
	}
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, left...)
	slices.SortStableFunc(problems, func(a, b Problem) int { return a.Line - b.Line })
	return data, problems, nil
}

// pictureName is the name a picture is written under in a file: its id's start and the
// extension of its kind.
func pictureName(p *picture) string {
	return "hinh-" + p.img.ID[:16] + pictureExtension(p.img.ContentType)
}

// pictureExtension is the file extension of a picture's content type.
func pictureExtension(contentType string) string {
	switch contentType {
	case "image/jpeg":
		return ".jpeg"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	}
	return ".png"
}

// pictureAt is the picture of question i, or nil.
func pictureAt(pics []*picture, i int) *picture {
	if i < len(pics) {
		return pics[i]
	}
	return nil
}
