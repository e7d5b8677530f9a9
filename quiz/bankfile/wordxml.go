package bankfile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"hoithi/quiz"
)

// Limits on what is unpacked of one Word file: a real paper of 5,000 questions has a
// document.xml of a few tens of megabytes at most; a zip bomb is refused at these sizes.
const (
	maxWordXMLBytes   = 48 << 20 // document.xml
	maxWordPartBytes  = 4 << 20  // styles.xml, numbering.xml, the relationships
	maxStyleChain     = 16       // styles based on styles
	maxNumberingLevel = 9
	// maxXMLDepth bounds how deep elements nest: a real paper nests a few tens deep (a table
	// in a table in a text box), while encoding/xml keeps a record of every open element.
	maxXMLDepth = 256
	// maxListText bounds a list level's text (“Câu %1:”), which is put before every
	// paragraph of its list.
	maxListText = 64
)

// span is a piece of a paragraph's text with one formatting.
type span struct {
	text      string
	bold      bool
	underline bool
	// colored is text in a colour or highlighted, as some papers mark the right option;
	// only the run's own formatting counts (a style's colour is a link's or a heading's).
	colored bool
}

// wordBlock is one paragraph of a Word file, or one row of a table (its cells' text joined
// by tabs, so a row "A. … | B. …" reads like a line of options). index is the number of the
// paragraph in the file, counting every paragraph (those in tables too), 1-based; cells are
// the row's cells' plain text.
type wordBlock struct {
	index int
	spans []span
	cells []string
	// table numbers the tables, so the rows of one table are known as one.
	table int
	// pictures are the drawings in the block, in order.
	pictures []wordPicture
}

// text is the block's plain text.
func (b *wordBlock) text() string {
	var sb strings.Builder
	for _, s := range b.spans {
		sb.WriteString(s.text)
	}
	return sb.String()
}

// runStyle is the formatting a style or a run sets; nil is "not set here".
type runStyle struct {
	bold, underline *bool
}

// wordStyle is one style of styles.xml.
type wordStyle struct {
	basedOn string
	run     runStyle
}

// wordFile is what of a Word file the paragraphs need: its styles and its list numbering.
type wordFile struct {
	styles   map[string]wordStyle
	defaults runStyle
	// levels are the list levels by abstract numbering, nums the lists by numId.
	levels map[string]*[maxNumberingLevel]numLevel
	nums   map[string]wordNum
	count  map[string]*[maxNumberingLevel]int
}

type numLevel struct {
	start  int
	format string
	text   string
	set    bool
}

type wordNum struct {
	abstract string
	restart  bool
}

// readWordBlocks unpacks a .docx and returns its paragraphs and table rows in order, and
// where to find the pictures they show.
func readWordBlocks(data []byte) ([]wordBlock, *wordMedia, error) {
	notWord := quiz.Errorf(quiz.EINVALID, "Tệp không phải văn bản Word (.docx) đọc được: nếu là tệp .doc cũ, hãy mở bằng Word và lưu lại thành “Word Document (.docx)”.")
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, notWord
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	docPath := "word/document.xml"
	if rels, err := readZipPart(files["_rels/.rels"], maxWordPartBytes); err == nil && rels != nil {
		if target := officeDocumentTarget(rels); target != "" {
			docPath = strings.TrimPrefix(path.Clean("/"+target), "/")
		}
	}
	doc, err := readZipPart(files[docPath], maxWordXMLBytes)
	if err != nil {
		return nil, nil, err
	}
	if doc == nil {
		return nil, nil, notWord
	}
	w := &wordFile{styles: map[string]wordStyle{}, levels: map[string]*[maxNumberingLevel]numLevel{}, nums: map[string]wordNum{}, count: map[string]*[maxNumberingLevel]int{}}
	dir := path.Dir(docPath)
	if styles, err := readZipPart(files[path.Join(dir, "styles.xml")], maxWordPartBytes); err == nil && styles != nil {
		w.readStyles(styles)
	}
	if numbering, err := readZipPart(files[path.Join(dir, "numbering.xml")], maxWordPartBytes); err == nil && numbering != nil {
		w.readNumbering(numbering)
	}
	blocks, err := w.readDocument(doc)
	if err != nil {
		return nil, nil, quiz.Errorf(quiz.EINVALID, "Văn bản Word bị hỏng, không đọc được nội dung.")
	}
	return blocks, newWordMedia(files, docPath), nil
}

// readZipPart reads one part of the zip, refusing one that unpacks to more than limit
// bytes; a missing part is nil.
func readZipPart(f *zip.File, limit int64) ([]byte, error) {
	if f == nil {
		return nil, nil
	}
	tooLarge := quiz.Errorf(quiz.ETOOLARGE, "Văn bản Word quá lớn khi giải nén: hãy chia thành nhiều tệp.")
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooLarge
	}
	r, err := f.Open()
	if err != nil {
		return nil, quiz.Errorf(quiz.EINVALID, "Văn bản Word bị hỏng, không giải nén được.")
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, quiz.Errorf(quiz.EINVALID, "Văn bản Word bị hỏng, không giải nén được.")
	}
	if int64(len(b)) > limit {
		return nil, tooLarge
	}
	if !shallowXML(b, maxXMLDepth) {
		return nil, quiz.Errorf(quiz.EINVALID, "Văn bản Word bị hỏng, không đọc được nội dung.")
	}
	return b, nil
}

// shallowXML reports whether no element of b nests deeper than limit, in one pass over it.
func shallowXML(b []byte, limit int) bool {
	depth := 0
	skipTo := func(i int, end string) int {
		if j := bytes.Index(b[i:], []byte(end)); j >= 0 {
			return i + j + len(end) - 1
		}
		return len(b)
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) {
			continue
		}
		switch {
		case b[i+1] == '/':
			depth--
			i = skipTo(i, ">")
		case b[i+1] == '?':
			i = skipTo(i, "?>")
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			i = skipTo(i, "-->")
		case bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
			i = skipTo(i, "]]>")
		case b[i+1] == '!':
			i = skipTo(i, ">")
		default:
			// The tag's end, past quoted attribute values that may hold a '>'.
			j, quote := i+1, byte(0)
			for ; j < len(b); j++ {
				c := b[j]
				if quote != 0 {
					if c == quote {
						quote = 0
					}
				} else if c == '"' || c == '\'' {
					quote = c
				} else if c == '>' {
					break
				}
			}
			if j >= len(b) || b[j-1] != '/' {
				depth++
				if depth > limit {
					return false
				}
			}
			i = j
		}
	}
	return true
}

// officeDocumentTarget is the main document's path in the package relationships.
func officeDocumentTarget(rels []byte) string {
	var v struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(rels, &v) != nil {
		return ""
	}
	for _, r := range v.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return r.Target
		}
	}
	return ""
}

// wordVal is the w:val attribute of an element.
func wordVal(e xml.StartElement) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

// onOff reads a toggle such as <w:b/> or <w:b w:val="0"/>.
func onOff(e xml.StartElement) *bool {
	v, ok := wordVal(e)
	on := !ok || !(v == "0" || v == "false" || v == "off")
	return &on
}

// underlineOn reads <w:u w:val="single"/>: any underline but "none".
func underlineOn(e xml.StartElement) *bool {
	v, _ := wordVal(e)
	on := v != "none" && v != ""
	if _, ok := wordVal(e); !ok {
		on = true
	}
	return &on
}

// readRunProps reads the bold and underline of a w:rPr element the decoder is inside of.
func readRunProps(d *xml.Decoder, rs *runStyle, rStyle *string) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "b":
				rs.bold = onOff(t)
			case "u":
				rs.underline = underlineOn(t)
			case "rStyle":
				if rStyle != nil {
					*rStyle, _ = wordVal(t)
				}
			}
			if err := d.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// readStyles reads styles.xml: each style's bold and underline and what it is based on.
// A file whose styles cannot be read is read without them.
func (w *wordFile) readStyles(data []byte) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var id string
	var cur wordStyle
	inDefaults := false
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rPrDefault":
				inDefaults = true
			case "style":
				id, cur = "", wordStyle{}
				for _, a := range t.Attr {
					if a.Name.Local == "styleId" {
						id = a.Value
					}
				}
			case "basedOn":
				cur.basedOn, _ = wordVal(t)
			case "rPr":
				rs := &cur.run
				if inDefaults {
					rs = &w.defaults
				}
				if readRunProps(d, rs, nil) != nil {
					return
				}
			case "pPr", "tblPr", "trPr", "tcPr", "tblStylePr":
				if d.Skip() != nil {
					return
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "rPrDefault":
				inDefaults = false
			case "style":
				if id != "" {
					w.styles[id] = cur
				}
			}
		}
	}
}

// styled is the bold and underline a style gives, following what it is based on.
func (w *wordFile) styled(id string) runStyle {
	var rs runStyle
	for range maxStyleChain {
		s, ok := w.styles[id]
		if !ok {
			break
		}
		if rs.bold == nil {
			rs.bold = s.run.bold
		}
		if rs.underline == nil {
			rs.underline = s.run.underline
		}
		id = s.basedOn
	}
	return rs
}

// readNumbering reads numbering.xml: the text each list level puts before its paragraphs
// ("Câu %1:", "%1.", "A."), so that a paper numbered by Word's lists reads as typed.
func (w *wordFile) readNumbering(data []byte) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var abstract, numID string
	var num wordNum
	level := -1
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range t.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "abstractNum":
				abstract = attr("abstractNumId")
				if len(w.levels) < 10000 {
					w.levels[abstract] = &[maxNumberingLevel]numLevel{}
				}
			case "lvl":
				level = -1
				if l, err := strconv.Atoi(attr("ilvl")); err == nil && l >= 0 && l < maxNumberingLevel {
					level = l
				}
			case "start", "numFmt", "lvlText":
				v, _ := wordVal(t)
				if ls, ok := w.levels[abstract]; ok && level >= 0 && numID == "" {
					l := &ls[level]
					l.set = true
					switch t.Name.Local {
					case "start":
						l.start, _ = strconv.Atoi(v)
					case "numFmt":
						l.format = v
					case "lvlText":
						if len(v) <= maxListText {
							l.text = v
						}
					}
				}
			case "num":
				numID, num = attr("numId"), wordNum{}
			case "abstractNumId":
				num.abstract, _ = wordVal(t)
			case "startOverride":
				num.restart = true
			case "rPr", "pPr":
				if d.Skip() != nil {
					return
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abstract = ""
			case "num":
				if numID != "" && len(w.nums) < 10000 {
					w.nums[numID] = num
				}
				numID = ""
			}
		}
	}
}

// listText is the number Word shows before a paragraph of list numID at level ilvl, and
// counts it; "" for a bullet or an unknown list.
func (w *wordFile) listText(numID string, ilvl int) string {
	num, ok := w.nums[numID]
	if !ok || ilvl < 0 || ilvl >= maxNumberingLevel {
		return ""
	}
	levels, ok := w.levels[num.abstract]
	if !ok {
		return ""
	}
	// Lists sharing an abstract numbering continue one another, as in Word, unless one
	// restarts its count.
	key := "a" + num.abstract
	if num.restart {
		key = "n" + numID
	}
	count, ok := w.count[key]
	if !ok {
		count = &[maxNumberingLevel]int{}
		w.count[key] = count
	}
	l := levels[ilvl]
	if count[ilvl] == 0 {
		count[ilvl] = max(l.start, 0)
	} else {
		count[ilvl]++
	}
	for i := ilvl + 1; i < maxNumberingLevel; i++ {
		count[i] = 0
	}
	if !l.set || l.format == "bullet" || l.format == "none" {
		return ""
	}
	var sb strings.Builder
	text := l.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			n := int(text[i+1] - '1')
			v := count[n]
			if n != ilvl && v == 0 {
				v = max(levels[n].start, 1)
			}
			sb.WriteString(formatListNumber(v, levels[n].format))
			i++
			continue
		}
		sb.WriteByte(text[i])
	}
	return sb.String()
}

// formatListNumber writes n as a list level's format shows it.
func formatListNumber(n int, format string) string {
	switch format {
	case "upperLetter", "lowerLetter":
		if n < 1 || n > 26*4 {
			// Word writes AA, BBB… past Z; so far, a number says more.
			return strconv.Itoa(n)
		}
		s := strings.Repeat(string(rune('A'+(n-1)%26)), (n-1)/26+1)
		if format == "lowerLetter" {
			s = strings.ToLower(s)
		}
		return s
	case "upperRoman", "lowerRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

// docReader is the state of reading document.xml.
type docReader struct {
	w      *wordFile
	d      *xml.Decoder
	blocks []wordBlock
	paras  int
	tables int
	// depth of tables; only the outermost one is read as rows.
	tableDepth int
	row        *wordBlock
	cell       strings.Builder
}

// readDocument reads the body's paragraphs and table rows in order.
func (w *wordFile) readDocument(data []byte) ([]wordBlock, error) {
	r := &docReader{w: w, d: xml.NewDecoder(bytes.NewReader(data))}
	for {
		tok, err := r.d.Token()
		if errors.Is(err, io.EOF) {
			return r.blocks, nil
		}
		if err != nil {
			return nil, err
		}
		if err := r.element(tok); err != nil {
			return nil, err
		}
	}
}

// skipped are elements whose content is not the text a reader sees: deleted text, field
// codes, text boxes and drawings, and the older copy of content Word keeps for old readers.
var skipped = map[string]bool{
	"delText": true, "instrText": true, "txbxContent": true, "drawing": true, "pict": true,
	"object": true, "Fallback": true, "del": true, "sectPr": true, "footnoteReference": true,
}

func (r *docReader) element(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if skipped[t.Name.Local] {
			return r.d.Skip()
		}
		switch t.Name.Local {
		case "p":
			return r.paragraph()
		case "tbl":
			r.tableDepth++
			if r.tableDepth == 1 {
				r.tables++
			}
		case "tr":
			if r.tableDepth == 1 {
				r.row = &wordBlock{index: r.paras + 1, table: r.tables}
			}
		case "tc":
			if r.tableDepth == 1 && r.row != nil {
				r.cell.Reset()
				if len(r.row.cells) > 0 {
					r.row.spans = append(r.row.spans, span{text: "\t"})
				}
			}
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "tbl":
			r.tableDepth--
		case "tr":
			if r.tableDepth == 1 && r.row != nil {
				r.blocks = append(r.blocks, *r.row)
				r.row = nil
			}
		case "tc":
			if r.tableDepth == 1 && r.row != nil {
				r.row.cells = append(r.row.cells, strings.TrimSpace(r.cell.String()))
			}
		}
	}
	return nil
}

// paragraph reads one w:p the decoder has just entered.
func (r *docReader) paragraph() error {
	r.paras++
	b := wordBlock{index: r.paras}
	var pStyle, numID string
	ilvl := 0
	hasNum := false
	for {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipped[t.Name.Local] {
				if err := r.d.Skip(); err != nil {
					return err
				}
				continue
			}
			switch t.Name.Local {
			case "pPr":
				if err := r.paragraphProps(&pStyle, &numID, &ilvl, &hasNum); err != nil {
					return err
				}
				if hasNum {
					if text := r.w.listText(numID, ilvl); text != "" {
						b.spans = append(b.spans, span{text: text + " "})
					}
				}
			case "r":
				if err := r.run(&b, pStyle); err != nil {
					return err
				}
			case "p":
				// A paragraph inside a paragraph (in content Word nests); read as its own.
				if err := r.paragraph(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "p" {
				r.addParagraph(b)
				return nil
			}
		}
	}
}

// addParagraph puts a paragraph in the document, or in the table cell it is in.
func (r *docReader) addParagraph(b wordBlock) {
	if r.tableDepth > 0 && r.row != nil {
		if r.cell.Len() > 0 {
			r.cell.WriteString(" ")
			r.row.spans = append(r.row.spans, span{text: " "})
		}
		r.cell.WriteString(b.text())
		r.row.spans = append(r.row.spans, b.spans...)
		for _, p := range b.pictures {
			addPicture(r.row, p, 0)
		}
		return
	}
	r.blocks = append(r.blocks, b)
}

// paragraphProps reads a w:pPr: its style and its list.
func (r *docReader) paragraphProps(pStyle, numID *string, ilvl *int, hasNum *bool) error {
	depth := 1
	for depth > 0 {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "pStyle":
				*pStyle, _ = wordVal(t)
			case "numId":
				*numID, _ = wordVal(t)
				*hasNum = *numID != "" && *numID != "0"
			case "ilvl":
				v, _ := wordVal(t)
				*ilvl, _ = strconv.Atoi(v)
			case "rPr":
				// The paragraph mark's formatting, not the text's.
				if err := r.d.Skip(); err != nil {
					return err
				}
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// run reads one w:r: its formatting (direct, from its character style, from the
// paragraph's style, or the document's default) and its text.
func (r *docReader) run(b *wordBlock, pStyle string) error {
	var direct runStyle
	var rStyle string
	hidden, colored := false, false
	var text strings.Builder
	for {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "drawing", "pict", "object":
				p := wordPicture{problem: objectNotPicture}
				switch t.Name.Local {
				case "drawing":
					p, err = r.drawing()
				case "pict":
					p, err = r.vmlPicture()
				default:
					err = r.d.Skip()
				}
				if err != nil {
					return err
				}
				addPicture(b, p, spansLen(b.spans)+text.Len())
				continue
			}
			if skipped[t.Name.Local] {
				if err := r.d.Skip(); err != nil {
					return err
				}
				continue
			}
			switch t.Name.Local {
			case "rPr":
				hidden, err = r.runProps(&direct, &rStyle, &colored)
				if err != nil {
					return err
				}
			case "t":
				if err := r.charData(&text); err != nil {
					return err
				}
			case "tab", "ptab":
				text.WriteString("\t")
			case "br", "cr":
				text.WriteString("\n")
			case "noBreakHyphen":
				text.WriteString("-")
			}
		case xml.EndElement:
			if t.Name.Local == "r" {
				if hidden || text.Len() == 0 {
					return nil
				}
				rs := direct
				for _, from := range []runStyle{r.w.styled(rStyle), r.w.styled(pStyle), r.w.defaults} {
					if rs.bold == nil {
						rs.bold = from.bold
					}
					if rs.underline == nil {
						rs.underline = from.underline
					}
				}
				b.spans = append(b.spans, span{text: norm.NFC.String(text.String()), bold: rs.bold != nil && *rs.bold, underline: rs.underline != nil && *rs.underline, colored: colored})
				return nil
			}
		}
	}
}

// runProps reads a run's w:rPr; hidden is text Word does not show (w:vanish).
func (r *docReader) runProps(rs *runStyle, rStyle *string, colored *bool) (hidden bool, err error) {
	for {
		tok, err := r.d.Token()
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "b":
				rs.bold = onOff(t)
			case "u":
				rs.underline = underlineOn(t)
			case "rStyle":
				*rStyle, _ = wordVal(t)
			case "vanish":
				hidden = *onOff(t)
			case "color":
				v, _ := wordVal(t)
				*colored = v != "" && v != "auto" && v != "000000"
			case "highlight":
				v, _ := wordVal(t)
				*colored = v != "" && v != "none"
			}
			if err := r.d.Skip(); err != nil {
				return false, err
			}
		case xml.EndElement:
			return hidden, nil
		}
	}
}

// charData reads the text of a w:t.
func (r *docReader) charData(sb *strings.Builder) error {
	for {
		tok, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			if err := r.d.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
