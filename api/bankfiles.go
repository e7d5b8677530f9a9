package api

import (
	"bytes"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"hoithi/quiz"
	"hoithi/quiz/bankfile"
)

// Bodies: the JSON routes take up to smallBody; a question file and a picture up to their own
// limits.
const (
	smallBody  = 1 << 20
	uploadBody = bankfile.MaxFileBytes
	imageBody  = quiz.MaxImageBytes
)

// bodyLimits lets the upload of a question file have a body of uploadBody, and that of a
// picture one of imageBody; every other request keeps the server's smallBody. It runs on the
// request's headers, before its body is read, so a body too large is refused without being
// read.
func bodyLimits(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	path := h.RequestURI()
	if bytes.HasPrefix(path, []byte("/api/banks/")) && bytes.Contains(path, []byte("/import")) {
		return fasthttp.RequestConfig{MaxRequestBodySize: uploadBody}
	}
	if path, _, _ := bytes.Cut(path, []byte("?")); string(path) == "/api/images" {
		return fasthttp.RequestConfig{MaxRequestBodySize: imageBody}
	}
	return fasthttp.RequestConfig{}
}

// importView answers POST /api/banks/:id/import: what the file holds and what was done.
type importView struct {
	bankfile.Report
	Items []importItemView `json:"items"`
}

// importItemView is one good question of the file, for the preview.
type importItemView struct {
	Line int `json:"line"`
	// Picture says the file shows a picture with the question, stored with it on import.
	Picture bool `json:"picture"`
	questionFields
}

func viewImport(r *bankfile.Report) importView {
	items := make([]importItemView, len(r.Items))
	for i := range r.Items {
		items[i] = importItemView{Line: r.Items[i].Line, Picture: len(r.Items[i].Picture) > 0, questionFields: fieldsOf(&r.Items[i].Question)}
	}
	return importView{Report: *r, Items: items}
}

// flag reads a boolean query parameter: absent, "0"/"false" or "1"/"true".
func flag(c *fiber.Ctx, name string) (bool, error) {
	v := c.Query(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, quiz.Errorf(quiz.EINVALID, "Tham số %s phải là true hoặc false.", name)
	}
	return b, nil
}

// importQuestions reads the request's body as a question file for a bank the caller may edit.
// A dry run previews it; otherwise its questions are added, or the file is refused (with
// import_rejected) when it has problems the trainer did not choose to skip.
func (s *Server) importQuestions(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), true)
	if err != nil {
		return err
	}
	o := bankfile.ImportOptions{Filename: c.Query("filename"), Images: s.images, OwnerID: currentUser(c).ID}
	if f := c.Query("format"); f != "" && f != "auto" {
		if o.Format, err = bankfile.ParseFormat(f); err != nil {
			return err
		}
	}
	for name, dst := range map[string]*bool{"dry_run": &o.DryRun, "skip_bad": &o.SkipBad, "skip_duplicates": &o.SkipDuplicates} {
		if *dst, err = flag(c, name); err != nil {
			return err
		}
	}
	if len(c.Body()) == 0 {
		return quiz.Errorf(quiz.EINVALID, "Tệp trống: hãy chọn tệp câu hỏi.")
	}
	rep, err := bankfile.Import(c.UserContext(), s.banks, b.ID, c.Body(), o)
	if err != nil {
		return err
	}
	if rep.Rejected && !o.DryRun {
		return &quiz.Error{Code: codeImportRejected, Message: quiz.ErrorMessage(bankfile.ErrRejected(rep))}
	}
	status := fiber.StatusOK
	if rep.Imported > 0 {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(viewImport(rep))
}

// exportQuestions answers a bank's questions as a file of the format asked for. Questions the
// format cannot hold are left out and counted in X-Skipped-Questions; those written without
// their picture, in X-Questions-Without-Picture.
func (s *Server) exportQuestions(c *fiber.Ctx) error {
	b, err := s.bankFor(c, c.Params("id"), false)
	if err != nil {
		return err
	}
	f, err := bankfile.ParseFormat(c.Query("format"))
	if err != nil {
		return err
	}
	qs, err := s.banks.ListQuestions(c.UserContext(), b.ID)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	data, skipped, err := bankfile.WriteWith(f, qs, bankfile.WriteOptions{Picture: func(id string) ([]byte, error) {
		_, data, err := s.images.FindImage(ctx, id)
		return data, err
	}})
	if err != nil {
		return err
	}
	c.Set("X-Skipped-Questions", strconv.Itoa(bankfile.LeftOut(skipped)))
	c.Set("X-Questions-Without-Picture", strconv.Itoa(len(skipped)-bankfile.LeftOut(skipped)))
	return sendFile(c, data, contentTypes[f], b.Title+"."+extensions[f])
}

// questionTemplate answers the Excel template with its Vietnamese headers and guide.
func (s *Server) questionTemplate(c *fiber.Ctx) error {
	data, err := bankfile.Template()
	if err != nil {
		return err
	}
	return sendFile(c, data, contentTypes[bankfile.XLSX], "mau-cau-hoi.xlsx")
}
