package bankfile

import (
	"context"
	"errors"

	"hoithi/quiz"
)

// ImportOptions say what to do with a file read for a bank.
type ImportOptions struct {
	// Format is the file's format, or "" to tell it from the name and the content.
	Format Format
	// Filename is the file's name, to tell its format by.
	Filename string
	// DryRun reads and checks the file and saves nothing: a preview.
	DryRun bool
	// SkipBad imports the good questions of a file with problems; otherwise such a file is
	// rejected and nothing of it is saved.
	SkipBad bool
	// SkipDuplicates leaves out the questions the bank (or the file, above them) already has.
	SkipDuplicates bool
	// Images stores the pictures of the file's questions, as owned by OwnerID.
	Images  quiz.ImageService
	OwnerID string
}

// Duplicate is a question of the file whose prompt the bank or the file already has (the same
// words once case, spacing, punctuation and diacritics are set aside).
type Duplicate struct {
	Line int `json:"line"`
	// QuestionID is the bank's question it repeats, or "" when it repeats the file's own
	// question at Of.
	QuestionID string `json:"question_id"`
	Of         int    `json:"of"`
}

// Report is what an import found and did, as the API answers it and the command line prints
// it: Questions found in the file, Imported (0 on a dry run or a rejected file), Skipped (the
// questions left out for their problems or as duplicates), Errors by line.
type Report struct {
	Format     Format      `json:"format"`
	Questions  int         `json:"questions"`
	Imported   int         `json:"imported"`
	Skipped    int         `json:"skipped"`
	Errors     []Problem   `json:"errors"`
	Duplicates []Duplicate `json:"duplicates"`
	// Items are the good questions, for a preview.
	Items []Item `json:"-"`
	// Rejected is true when the file had problems and SkipBad was not asked: nothing was saved.
	Rejected bool `json:"rejected"`
}

// ErrRejected is the answer to an import of a file with problems when the bad items are not
// to be skipped.
func ErrRejected(r *Report) error {
	return quiz.Errorf(quiz.EINVALID, "Tệp có %d câu hỏi không đọc được nên chưa nhập câu nào: hãy sửa tệp, hoặc chọn bỏ qua các câu lỗi để nhập %d câu còn lại.",
		len(r.Errors), len(r.Items))
}

// Import reads data as a question file and adds its questions to bank bankID in one
// transaction: all of them, or (with problems and SkipBad) the good ones, or none. A file that
// cannot be read at all is an error; a file with problems is a Report with Rejected set.
func Import(ctx context.Context, banks quiz.BankService, bankID string, data []byte, o ImportOptions) (*Report, error) {
	f := o.Format
	if f == "" {
		var err error
		if f, err = Detect(o.Filename, data); err != nil {
			return nil, err
		}
	}
	res, err := Read(data, f)
	if err != nil {
		return nil, err
	}
	existing, err := banks.ListQuestions(ctx, bankID)
	if err != nil {
		return nil, err
	}
	rep := &Report{Format: res.Format, Questions: res.Found, Errors: nonNilProblems(res.Problems), Duplicates: []Duplicate{}}
	seen := make(map[string]Duplicate, len(existing)+len(res.Items))
	for _, q := range existing {
		seen[quiz.PromptKey(q.Prompt)] = Duplicate{QuestionID: q.ID}
	}
	for _, it := range res.Items {
		key := quiz.PromptKey(it.Question.Prompt)
		if d, dup := seen[key]; dup {
			d.Line = it.Line
			rep.Duplicates = append(rep.Duplicates, d)
			if o.SkipDuplicates {
				rep.Skipped++
				continue
			}
		} else {
			seen[key] = Duplicate{Of: it.Line}
		}
		rep.Items = append(rep.Items, it)
	}
	rep.Skipped += len(res.Problems)
	if len(res.Problems) > 0 && !o.SkipBad {
		rep.Rejected = true
		return rep, nil
	}
	if o.DryRun || len(rep.Items) == 0 {
		return rep, nil
	}
	qs := make([]quiz.Question, len(rep.Items))
	for i, it := range rep.Items {
		qs[i] = it.Question
		qs[i].ID, qs[i].BankID = "", bankID
	}
	if err := savePictures(ctx, rep.Items, qs, o); err != nil {
		return nil, err
	}
	if err := banks.CreateQuestions(ctx, qs); err != nil {
		return nil, err
	}
	rep.Imported = len(qs)
	return rep, nil
}

// savePictures stores the pictures of items, each once however many questions show it, and
// gives each question its picture's id. A picture saved for questions that then fail to be
// created stays stored: it is stored by its bytes' hash, so importing the file again reuses it.
func savePictures(ctx context.Context, items []Item, qs []quiz.Question, o ImportOptions) error {
	saved := map[string]bool{}
	for i, it := range items {
		if len(it.Picture) == 0 {
			continue
		}
		if o.Images == nil {
			return errors.New("bankfile: a file with pictures imported without ImportOptions.Images")
		}
		id := quiz.ImageID(it.Picture)
		if !saved[id] {
			img, err := quiz.CheckImage(it.Picture)
			if err != nil {
				return err
			}
			img.OwnerID = o.OwnerID
			if err := o.Images.SaveImage(ctx, img, it.Picture); err != nil {
				return err
			}
			saved[id] = true
		}
		qs[i].Image = id
	}
	return nil
}

func nonNilProblems(ps []Problem) []Problem {
	if ps == nil {
		return []Problem{}
	}
	return ps
}
