package bankfile

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"hoithi/quiz"
)

// wordPicture is a drawing in a paragraph of a Word file: a picture, by the relationship
// naming its part (rel), or something else (a shape, a chart, an embedded object, a linked
// picture), by the problem it makes; a line drawn across the page (neither) is no part of a
// question. at is where it sits in the paragraph's text (bytes); para is the paragraph's
// number.
type wordPicture struct {
	at, para int
	rel      string
	problem  string
}

// maxBlockPictures bounds the drawings one paragraph records: no question shows more than one.
const maxBlockPictures = 16

// Problems of drawings that are not pictures a phone can show.
const (
	drawingNotPicture = "Câu hỏi có hình vẽ, biểu đồ hay khung chữ của Word (không phải ảnh): hãy chụp hoặc lưu nó thành ảnh PNG/JPEG rồi chèn ảnh đó vào câu hỏi."
	objectNotPicture  = "Câu hỏi có đối tượng nhúng (công thức, bảng tính…), không phải ảnh: hãy lưu nó thành ảnh PNG/JPEG rồi chèn ảnh đó vào câu hỏi."
	pictureLinked     = "Ảnh của câu hỏi chỉ được liên kết tới một tệp ngoài văn bản (không nằm trong tệp Word) nên không lấy được: hãy chèn ảnh vào văn bản (Insert › Pictures) rồi lưu lại."
)

// drawing reads a w:drawing (DrawingML) the decoder has just entered: a picture (pic:pic
// with an a:blip), a line (papers draw them between parts), or another kind of drawing.
func (r *docReader) drawing() (wordPicture, error) {
	var p wordPicture
	picture, line, text := false, false, false
	err := r.inside(func(t xml.StartElement) {
		switch t.Name.Local {
		case "graphicData":
			picture = strings.HasSuffix(attrValue(t, "uri"), "/picture")
		case "blip":
			if p.rel == "" {
				p.rel = attrValue(t, "embed")
			}
			if p.rel == "" && attrValue(t, "link") != "" {
				p.problem = pictureLinked
			}
		case "prstGeom":
			line = line || strings.Contains(strings.ToLower(attrValue(t, "prst")), "line") || strings.Contains(strings.ToLower(attrValue(t, "prst")), "connector")
		case "cNvCnPr":
			line = true
		case "txbx", "txbxContent":
			text = true
		}
	})
	if err != nil {
		return p, err
	}
	switch {
	case !picture && line && !text:
		p.rel, p.problem = "", ""
	case !picture:
		p.rel, p.problem = "", drawingNotPicture
	case p.rel == "" && p.problem == "":
		p.problem = drawingNotPicture
	}
	return p, nil
}

// vmlPicture reads a w:pict (VML, as older Word writes pictures): a shape showing only a
// v:imagedata is a picture; a line or Word's horizontal line (o:hr) is decoration; any other
// shape or a text box is neither.
func (r *docReader) vmlPicture() (wordPicture, error) {
	var p wordPicture
	other, line := false, false
	err := r.inside(func(t xml.StartElement) {
		switch t.Name.Local {
		case "imagedata":
			if p.rel == "" {
				p.rel = attrValue(t, "id")
			}
		case "textbox", "txbxContent", "OLEObject":
			other = true
		case "line":
			line = true
		case "rect":
			line = line || attrValue(t, "hr") == "t"
		}
	})
	if err != nil {
		return p, err
	}
	if line && !other && p.rel == "" {
		return wordPicture{}, nil
	}
	if other || p.rel == "" {
		p.rel, p.problem = "", drawingNotPicture
	}
	return p, nil
}

// inside calls fn with each element within the one the decoder has just entered, to its end.
func (r *docReader) inside(fn func(xml.StartElement)) error {
	for depth := 1; depth > 0; {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			fn(t)
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// attrValue is the value of the attribute name (any namespace), or "".
func attrValue(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// addPicture records a drawing of block b at offset at; a line is left out.
func addPicture(b *wordBlock, p wordPicture, at int) {
	if p.rel == "" && p.problem == "" || len(b.pictures) >= maxBlockPictures {
		return
	}
	p.at, p.para = at, b.index
	b.pictures = append(b.pictures, p)
}

// spansLen is the length of the text of spans.
func spansLen(spans []span) int {
	n := 0
	for _, s := range spans {
		n += len(s.text)
	}
	return n
}

// wordMedia finds the pictures of a Word file: the main document's relationships name the
// parts (word/media/…) holding them. A part is unpacked once, however many questions show it,
// and all of them together within the file's picture budget.
type wordMedia struct {
	files  map[string]*zip.File
	rels   map[string]wordRel
	dir    string
	budget pictureBudget
	read   map[string]pictureRead
}

type wordRel struct{ target, mode string }

type pictureRead struct {
	data    []byte
	problem string
}

// newWordMedia reads the relationships of the document at docPath.
func newWordMedia(files map[string]*zip.File, docPath string) *wordMedia {
	m := &wordMedia{files: files, rels: map[string]wordRel{}, dir: path.Dir(docPath), read: map[string]pictureRead{}}
	relsPath := path.Join(m.dir, "_rels", path.Base(docPath)+".rels")
	data, err := readZipPart(files[relsPath], maxWordPartBytes)
	if err != nil || data == nil {
		return m
	}
	var v struct {
		Rels []struct {
			ID         string `xml:"Id,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &v) != nil {
		return m
	}
	for _, r := range v.Rels {
		if len(m.rels) >= 100000 {
			break
		}
		m.rels[r.ID] = wordRel{target: r.Target, mode: r.TargetMode}
	}
	return m
}

// picture returns the bytes of the picture of relationship id, or the problem it makes: a
// missing or external part, one too large, or one that is no picture a phone shows.
func (m *wordMedia) picture(id string) ([]byte, string) {
	if m == nil {
		return nil, "Ảnh của câu hỏi không có trong tệp Word: hãy chèn lại ảnh rồi lưu lại."
	}
	rel, ok := m.rels[id]
	if !ok {
		return nil, "Ảnh của câu hỏi không có trong tệp Word (văn bản trỏ tới một ảnh không có): hãy chèn lại ảnh rồi lưu lại."
	}
	if strings.EqualFold(rel.mode, "External") {
		return nil, pictureLinked
	}
	name := strings.TrimPrefix(path.Clean("/"+path.Join(m.dir, rel.target)), "/")
	if strings.HasPrefix(rel.target, "/") {
		name = strings.TrimPrefix(path.Clean(rel.target), "/")
	}
	if got, ok := m.read[name]; ok {
		return got.data, got.problem
	}
	data, problem := m.unpack(name)
	if problem == "" {
		problem = pictureProblem(data)
	}
	if problem != "" {
		data = nil
	}
	m.read[name] = pictureRead{data: data, problem: problem}
	return data, problem
}

// unpack reads a media part, refusing one larger than a picture may be before reading it.
func (m *wordMedia) unpack(name string) ([]byte, string) {
	f := m.files[name]
	if f == nil || !strings.HasPrefix(name, m.dir+"/media/") && !strings.HasPrefix(name, "media/") {
		return nil, "Ảnh của câu hỏi không có trong tệp Word (văn bản trỏ tới một phần không phải ảnh): hãy chèn lại ảnh rồi lưu lại."
	}
	tooLarge := "Ảnh của câu hỏi lớn hơn " + strconv.Itoa(quiz.MaxImageBytes>>20) + " MB: hãy thu nhỏ ảnh (ví dụ lưu lại dạng JPEG, rộng khoảng 1.600 điểm ảnh) rồi chèn lại."
	if f.UncompressedSize64 > quiz.MaxImageBytes {
		return nil, tooLarge
	}
	if !m.budget.take(int64(f.UncompressedSize64)) {
		return nil, picturesTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, "Ảnh của câu hỏi bị hỏng trong tệp Word, không giải nén được."
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, quiz.MaxImageBytes+1))
	if err != nil {
		return nil, "Ảnh của câu hỏi bị hỏng trong tệp Word, không giải nén được."
	}
	if len(data) > quiz.MaxImageBytes {
		return nil, tooLarge
	}
	if int64(len(data)) > int64(f.UncompressedSize64) && !m.budget.take(int64(len(data))-int64(f.UncompressedSize64)) {
		return nil, picturesTooLarge
	}
	return data, ""
}

// docxMedia are the pictures a Word file being written holds: each once, as
// word/media/<name>, with its relationship.
type docxMedia struct {
	ids   map[string]string // picture id → relationship id
	parts []docxPart
	shown int
}

type docxPart struct {
	rel, name, contentType string
	data                   []byte
}

// Sizes in a Word file are in EMU: 9,525 to a pixel at 96 dpi. A picture is shown at its
// size, made smaller to fit 15 cm wide and 12 cm high.
const (
	emuPerPixel   = 9525
	maxPictureCX  = 5400000
	maxPictureCY  = 4320000
	pictureRelPre = "rIdHinh"
)

// paragraph is a paragraph showing pic, inline, as Word and LibreOffice insert a picture.
func (m *docxMedia) paragraph(pic *picture) string {
	rel, ok := m.ids[pic.img.ID]
	if !ok {
		rel = pictureRelPre + strconv.Itoa(len(m.parts)+1)
		m.ids[pic.img.ID] = rel
		m.parts = append(m.parts, docxPart{rel: rel, name: pictureName(pic), contentType: pic.img.ContentType, data: pic.data})
	}
	m.shown++
	cx, cy := int64(pic.img.Width)*emuPerPixel, int64(pic.img.Height)*emuPerPixel
	if cx > maxPictureCX {
		cx, cy = maxPictureCX, cy*maxPictureCX/cx
	}
	if cy > maxPictureCY {
		cx, cy = cx*maxPictureCY/cy, maxPictureCY
	}
	cx, cy = max(cx, 1), max(cy, 1)
	ext := `cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"`
	id := strconv.Itoa(m.shown)
	return `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent ` + ext + `/><wp:docPr id="` + id + `" name="Hình ` + id + `"/>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:pic><pic:nvPicPr><pic:cNvPr id="` + id + `" name="` + pictureName(pic) + `"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + rel + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
		`</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
}

// contentTypes are the [Content_Types].xml entries of the pictures' kinds.
func (m *docxMedia) contentTypes() string {
	var sb strings.Builder
	seen := map[string]bool{}
	for _, p := range m.parts {
		ext := strings.TrimPrefix(path.Ext(p.name), ".")
		if !seen[ext] {
			seen[ext] = true
			sb.WriteString(`<Default Extension="` + ext + `" ContentType="` + p.contentType + `"/>`)
		}
	}
	return sb.String()
}

// relationships are the document's relationships to its pictures.
func (m *docxMedia) relationships() string {
	var sb strings.Builder
	for _, p := range m.parts {
		sb.WriteString(`<Relationship Id="` + p.rel + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/` + p.name + `"/>`)
	}
	return sb.String()
}
