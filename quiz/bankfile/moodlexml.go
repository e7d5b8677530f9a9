package bankfile

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"math"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"hoithi/quiz"
)

// Moodle XML is Moodle's full export: <quiz> holding <question type="…"> elements. The
// reader follows Moodle's own (question/format/xml/format.php) for the kinds hoithi has.

// Bounds on the XML a file may hold, so that no file can make the reader work or hold much
// more than its size: elements nested deeper than any Moodle export, and elements in all.
const (
	maxMoodleXMLDepth = 32
	maxMoodleXMLNodes = 500000
)

// xmlNode is one element of a <question>, with its text and children.
type xmlNode struct {
	name     string
	attrs    []xml.Attr
	text     []byte
	children []*xmlNode
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns n's first child called name, or an empty node.
func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return &xmlNode{name: name}
}

func (n *xmlNode) all(name string) []*xmlNode {
	var cs []*xmlNode
	for _, c := range n.children {
		if c.name == name {
			cs = append(cs, c)
		}
	}
	return cs
}

// value is the trimmed text of n's child name, or of that child's <text>.
func (n *xmlNode) value(name string) string {
	c := n.child(name)
	if t := c.child("text"); len(t.text) > 0 {
		return strings.TrimSpace(string(t.text))
	}
	return strings.TrimSpace(string(c.text))
}

// rich is the text of an element holding <text> in its format attribute's format, as plain
// text, with the media it refers to.
func (n *xmlNode) rich() htmlText {
	s := string(n.child("text").text)
	switch n.attr("format") {
	case "plain_text":
		return htmlText{Text: strings.TrimSpace(s)}
	case "markdown":
		return htmlText{Text: strings.TrimSpace(strings.NewReplacer("**", "", "__", "").Replace(s))}
	case "moodle_auto_format":
		return fromHTML(s, true)
	}
	return fromHTML(s, false)
}

// notXML is the error for a file that is not Moodle XML at all.
var notXML = quiz.Errorf(quiz.EINVALID, "Tệp không phải Moodle XML (cần thẻ <quiz> chứa các thẻ <question>).")

func readMoodleXML(data []byte) (*Result, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// The text is UTF-8 already (Read checks it); a label such as "ISO-8859-1" on ASCII
	// text changes nothing.
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	r := &Result{}
	var (
		root     string
		stack    []*xmlNode
		question *xmlNode
		start    int
		depth    int
		nodes    int
		category []string
	)
	for !r.enough() {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root == "" {
				return nil, notXML
			}
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				line = syn.Line
			}
			r.Problems = append(r.Problems, Problem{Line: line, Message: "Tệp XML bị lỗi từ đây, phần sau không đọc được: " + err.Error()})
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if nodes++; depth > maxMoodleXMLDepth || nodes > maxMoodleXMLNodes {
				r.Problems = append(r.Problems, Problem{Line: line, Message: "Tệp XML lồng quá sâu hoặc quá nhiều thẻ so với một tệp Moodle: phần sau không đọc được."})
				return r, nil
			}
			n := &xmlNode{name: t.Name.Local, attrs: t.Attr}
			switch {
			case root == "":
				root = t.Name.Local
				if root != "quiz" && root != "question" {
					return nil, notXML
				}
				if root == "question" {
					question, stack, start = n, []*xmlNode{n}, line
				}
			case len(stack) > 0:
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
				stack = append(stack, n)
			case depth == 2 && t.Name.Local == "question":
				question, stack, start = n, []*xmlNode{n}, line
			}
		case xml.EndElement:
			depth--
			if len(stack) == 0 {
				continue
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				category = readXMLQuestion(r, start, question, category)
			}
		case xml.CharData:
			if len(stack) > 0 && keepsText(stack) {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
	if root == "" {
		return nil, notXML
	}
	return r, nil
}

// xmlKinds names, in Vietnamese, the Moodle kinds hoithi does not have.
var xmlKinds = map[string]string{
	"essay":            "tự luận (essay)",
	"matching":         "ghép đôi (matching)",
	"match":            "ghép đôi (matching)",
	"randomsamatch":    "ghép đôi ngẫu nhiên (randomsamatch)",
	"cloze":            "điền khuyết nhiều chỗ (cloze)",
	"multianswer":      "điền khuyết nhiều chỗ (cloze)",
	"description":      "đoạn mô tả (description)",
	"calculated":       "tính theo công thức (calculated)",
	"calculatedmulti":  "tính theo công thức (calculatedmulti)",
	"calculatedsimple": "tính theo công thức (calculatedsimple)",
	"ddwtos":           "kéo thả vào chỗ trống (ddwtos)",
	"gapselect":        "chọn từ điền chỗ trống (gapselect)",
	"ddimageortext":    "kéo thả lên hình (ddimageortext)",
	"ddmarker":         "kéo thả lên hình (ddmarker)",
	"random":           "chọn ngẫu nhiên (random)",
}

// readXMLQuestion reads one <question> and adds it, or its problem, to r. A category
// question gives the tags of the questions after it, which it returns.
func readXMLQuestion(r *Result, line int, n *xmlNode, category []string) []string {
	typ := n.attr("type")
	if typ == "category" {
		return categoryTags(n.value("category"))
	}
	switch typ {
	case "multichoice", "truefalse", "shortanswer", "numerical", "ordering":
	default:
		name, ok := xmlKinds[typ]
		if !ok {
			name = "“" + typ + "”"
		}
		reject(r, line, unsupportedKind(name))
		return category
	}
	questionText := n.child("questiontext")
	text := questionText.rich()
	if len(text.Files) > 0 {
		reject(r, line, mediaProblem(text.Files))
		return category
	}
	pic, picProblem := xmlPicture(n, questionText, text.Pictures)
	if picProblem != "" {
		reject(r, line, picProblem)
		return category
	}
	q := quiz.Question{Prompt: text.Text, Explanation: n.child("generalfeedback").rich().Text}
	q.Tags = addTags(nil, category...)
	for _, t := range n.child("tags").all("tag") {
		tag := t.value("text")
		if tag == "" { // written <tag>name</tag>, without <text>
			tag = string(t.text)
		}
		q.Tags = addTags(q.Tags, tag)
	}
	if g := n.value("defaultgrade"); g != "" {
		// Moodle's default mark 1 is hoithi's default 100 points.
		if v, err := strconv.ParseFloat(g, 64); err == nil && v > 0 && v <= quiz.MaxPoints {
			q.Points = int(math.Round(v * 100))
		}
	}
	answers := n.all("answer")
	var problem string
	switch typ {
	case "multichoice":
		problem = xmlChoice(&q, answers, n.value("single"))
	case "truefalse":
		problem = xmlTrueFalse(&q, answers)
	case "shortanswer":
		// usecase is left aside: hoithi compares typed answers ignoring case, always.
		q.Type = quiz.ShortAnswer
		for _, a := range answers {
			t := a.rich().Text
			if !full(a) || t == "*" {
				continue
			}
			answer, ok := unstar(t)
			if !ok {
				problem = wildcardProblem(t)
				break
			}
			q.Answers = append(q.Answers, answer)
		}
		if problem == "" && len(q.Answers) == 0 {
			problem = "Câu trả lời ngắn chưa có đáp án được chấp nhận (cần một <answer fraction=\"100\">)."
		}
	case "numerical":
		problem = xmlNumeric(&q, answers)
	case "ordering":
		problem = xmlOrdering(&q, answers, n.value("gradingtype"))
	}
	if problem != "" {
		reject(r, line, problem)
		return category
	}
	keep(r, line, q)
	if pic != nil && len(r.Items) > 0 && r.Items[len(r.Items)-1].Line == line {
		r.Items[len(r.Items)-1].Picture = pic
	}
	return category
}

// keepsText reports whether the text of the element on top of stack is kept: the files a
// question embeds are kept only where a picture of its prompt may be (<questiontext>'s
// <file>, Moodle 1.9's <image_base64>); those of feedback and answers are never read.
func keepsText(stack []*xmlNode) bool {
	switch stack[len(stack)-1].name {
	case "file":
		return len(stack) == 3 && stack[1].name == "questiontext"
	case "image_base64":
		return len(stack) == 2
	}
	return true
}

// xmlPicture is the picture a question's prompt shows: an <img> of a <file> the question
// carries (src="@@PLUGINFILE@@/name"), or Moodle 1.9's <image> with its <image_base64>. A
// picture outside the file, a second picture, or bytes that are not a picture are a problem.
func xmlPicture(q, questionText *xmlNode, srcs []string) ([]byte, string) {
	type pictureRef struct{ name, src string }
	var refs []pictureRef
	if img := q.value("image"); img != "" {
		refs = append(refs, pictureRef{name: img})
	}
	for _, src := range srcs {
		refs = append(refs, pictureRef{name: mediaName(src), src: src})
	}
	switch {
	case len(refs) == 0:
		return nil, ""
	case len(refs) > 1:
		return nil, tooManyPictures(len(refs), "")
	}
	ref := refs[0]
	var encoded []byte
	switch {
	case ref.src == "":
		encoded = q.child("image_base64").text
		if len(bytes.TrimSpace(encoded)) == 0 {
			return nil, "Ảnh “" + ref.name + "” của câu hỏi không có trong tệp (thiếu thẻ <image_base64>): hãy thêm câu này bằng tay và tải ảnh lên."
		}
	case strings.HasPrefix(ref.src, "data:") && strings.Contains(ref.src, ";base64,"):
		// A picture pasted into the editor, written in the src itself.
		ref.name = "dán vào câu hỏi"
		_, data, _ := strings.Cut(ref.src, ";base64,")
		encoded = []byte(data)
	case strings.HasPrefix(ref.src, pluginFile+"/"):
		name, err := url.PathUnescape(strings.TrimPrefix(ref.src, pluginFile))
		if err != nil {
			name = strings.TrimPrefix(ref.src, pluginFile)
		}
		for _, f := range questionText.all("file") {
			p := f.attr("path")
			if p == "" {
				p = "/"
			}
			if path.Join(p, f.attr("name")) == path.Clean(name) {
				if enc := f.attr("encoding"); enc != "" && enc != "base64" {
					return nil, "Ảnh “" + ref.name + "” được ghi theo kiểu “" + enc + "”, không phải base64 như Moodle ghi: không đọc được."
				}
				encoded = f.text
				break
			}
		}
		if encoded == nil {
			return nil, "Ảnh “" + ref.name + "” của câu hỏi không có trong tệp (thiếu thẻ <file name=\"" + ref.name + "\">): hãy xuất lại từ Moodle, hoặc thêm câu này bằng tay và tải ảnh lên."
		}
	default:
		return nil, "Ảnh “" + ref.name + "” nằm ngoài tệp (" + shortSrc(ref.src) + ") nên không lấy được: hãy thêm câu này bằng tay và tải ảnh lên."
	}
	data, err := decodeBase64(encoded)
	if err != nil {
		return nil, "Ảnh “" + ref.name + "” trong tệp bị hỏng (không phải base64): không đọc được."
	}
	if problem := pictureProblem(data); problem != "" {
		return nil, problem
	}
	return data, ""
}

// decodeBase64 decodes base64 as Moodle writes it, line breaks and spaces between the
// characters ignored, in one pass.
func decodeBase64(s []byte) ([]byte, error) {
	clean := make([]byte, 0, len(s))
	for _, c := range s {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			clean = append(clean, c)
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	return out[:n], err
}

// shortSrc is the address of a picture, cut short for a message.
func shortSrc(src string) string {
	if utf8.RuneCountInString(src) > 80 {
		return string([]rune(src)[:80]) + "…"
	}
	return src
}

// fraction is an answer's share of the marks in percent ("100", "33.33333", "-50").
func fraction(a *xmlNode) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(a.attr("fraction")), 64)
	if err != nil || math.IsNaN(v) {
		return 0
	}
	return v
}

func full(a *xmlNode) bool { return fraction(a) >= 99.99 }

// xmlChoice reads a multichoice question: <single>true</single> (Moodle's default) has one
// right answer, of full marks; otherwise every answer of positive marks is right, and
// Moodle's marking by fractions is partial credit.
func xmlChoice(q *quiz.Question, answers []*xmlNode, single string) string {
	var whole, some []int
	for i, a := range answers {
		t := a.rich()
		if len(t.Media) > 0 {
			return mediaProblem(t.Media)
		}
		q.Options = append(q.Options, t.Text)
		if full(a) {
			whole = append(whole, i)
		}
		if fraction(a) > 0 {
			some = append(some, i)
		}
	}
	if single == "false" || single == "0" {
		q.Type, q.Correct, q.Partial = quiz.MultiChoice, some, true
		if len(some) == 0 {
			return "Câu hỏi chưa có đáp án đúng (cần ít nhất một <answer> có fraction dương)."
		}
		return ""
	}
	q.Type = quiz.SingleChoice
	switch {
	case len(whole) == 1:
		q.Correct = whole
	case len(whole) > 1:
		return "Câu một đáp án có nhiều phương án cùng được trọn điểm: chỉ được có một phương án đúng."
	case len(some) == 1:
		q.Correct = some
	default:
		return "Câu hỏi chưa có đáp án đúng (cần một <answer fraction=\"100\">)."
	}
	return ""
}

func xmlTrueFalse(q *quiz.Question, answers []*xmlNode) string {
	q.Type = quiz.TrueFalse
	for _, a := range answers {
		if !full(a) {
			continue
		}
		switch strings.ToLower(a.value("text")) {
		case "true":
			q.Correct = []int{0}
		case "false":
			q.Correct = []int{1}
		}
		if len(q.Correct) > 0 {
			return ""
		}
	}
	return "Câu đúng/sai chưa có đáp án đúng (cần <answer fraction=\"100\"> với true hoặc false)."
}

// xmlNumeric reads a numerical question: the first answer of full marks is the key.
func xmlNumeric(q *quiz.Question, answers []*xmlNode) string {
	q.Type = quiz.Numeric
	for _, a := range answers {
		text := a.value("text")
		if !full(a) || text == "*" {
			continue
		}
		v, ok := number(text)
		if !ok {
			return "Đáp án số “" + text + "” không đọc được."
		}
		q.Value = v
		if t := a.value("tolerance"); t != "" {
			tol, ok := number(t)
			if !ok {
				return "Sai số “" + t + "” không đọc được."
			}
			q.Tolerance = math.Abs(tol)
		}
		return ""
	}
	return "Câu điền số chưa có đáp án trọn điểm (cần một <answer fraction=\"100\">)."
}

// xmlOrdering reads an ordering question (the qtype_ordering plugin): the items in their
// right order, which is the answers' order by fraction. Any grading other than all or
// nothing gives partial credit; hoithi's is by items in their place.
func xmlOrdering(q *quiz.Question, answers []*xmlNode, grading string) string {
	q.Type = quiz.Ordering
	sorted := slices.Clone(answers)
	slices.SortStableFunc(sorted, func(a, b *xmlNode) int {
		fa, fb := fraction(a), fraction(b)
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	})
	for _, a := range sorted {
		t := a.rich()
		if len(t.Media) > 0 {
			return mediaProblem(t.Media)
		}
		q.Options = append(q.Options, t.Text)
	}
	g := strings.ToUpper(grading)
	q.Partial = g != "ALL_OR_NOTHING" && g != "-1"
	return ""
}

// writeMoodleXML writes questions as Moodle exports them; a question's picture is a <file>
// of its <questiontext>, shown under the prompt by an <img> (the prompt is then HTML).
func writeMoodleXML(qs []quiz.Question, pics []*picture) ([]byte, []Problem, error) {
	var b strings.Builder
	var problems []Problem
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n")
	for i, q := range qs {
		typ, ok := map[quiz.QuestionType]string{
			quiz.SingleChoice: "multichoice", quiz.MultiChoice: "multichoice", quiz.TrueFalse: "truefalse",
			quiz.ShortAnswer: "shortanswer", quiz.Numeric: "numerical", quiz.Ordering: "ordering",
		}[q.Type]
		if !ok {
			problems = append(problems, Problem{Line: i + 1, Message: "Loại câu hỏi không hợp lệ: bỏ qua câu này."})
			continue
		}
		fmtText := func(tag, s string) {
			b.WriteString("    <" + tag + " format=\"plain_text\">\n      <text>" + xmlEscape(s) + "</text>\n    </" + tag + ">\n")
		}
		b.WriteString("  <question type=\"" + typ + "\">\n")
		b.WriteString("    <name>\n      <text>" + xmlEscape(questionName(q.Prompt)) + "</text>\n    </name>\n")
		if p := pictureAt(pics, i); p != nil {
			name := pictureName(p)
			prompt := strings.ReplaceAll(html.EscapeString(q.Prompt), "\n", "<br>")
			b.WriteString("    <questiontext format=\"html\">\n      <text>" + xmlEscape("<p>"+prompt+"</p><p><img src=\""+pluginFile+"/"+name+"\" alt=\"\"></p>") + "</text>\n")
			b.WriteString("      <file name=\"" + name + "\" path=\"/\" encoding=\"base64\">" + base64.StdEncoding.EncodeToString(p.data) + "</file>\n    </questiontext>\n")
		} else {
			fmtText("questiontext", q.Prompt)
		}
		fmtText("generalfeedback", q.Explanation)
		points := q.Points
		if points == 0 {
			points = 100
		}
		b.WriteString("    <defaultgrade>" + formatFloat(float64(points)/100) + "</defaultgrade>\n")
		b.WriteString("    <hidden>0</hidden>\n")
		answer := func(fraction, text string, extra string) {
			b.WriteString("    <answer fraction=\"" + fraction + "\" format=\"plain_text\">\n      <text>" + xmlEscape(text) + "</text>\n" + extra + "    </answer>\n")
		}
		switch q.Type {
		case quiz.SingleChoice, quiz.MultiChoice:
			single := q.Type == quiz.SingleChoice
			b.WriteString("    <single>" + strconv.FormatBool(single) + "</single>\n")
			b.WriteString("    <shuffleanswers>false</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n")
			share := 100.0
			if len(q.Correct) > 0 && !single {
				share = 100 / float64(len(q.Correct))
			}
			for j, o := range q.Options {
				f := "0"
				switch {
				case slices.Contains(q.Correct, j):
					f = percent(share)
				case single:
				case q.Partial:
					f = percent(-share)
				default:
					f = "-100"
				}
				answer(f, o, "")
			}
		case quiz.TrueFalse:
			t, f := "100", "0"
			if len(q.Correct) == 1 && q.Correct[0] == 1 {
				t, f = "0", "100"
			}
			answer(t, "true", "")
			answer(f, "false", "")
		case quiz.ShortAnswer:
			b.WriteString("    <usecase>0</usecase>\n")
			for _, a := range q.Answers {
				answer("100", literalStar(a), "")
			}
		case quiz.Numeric:
			answer("100", formatFloat(q.Value), "      <tolerance>"+formatFloat(q.Tolerance)+"</tolerance>\n")
		case quiz.Ordering:
			grading := "ALL_OR_NOTHING"
			if q.Partial {
				grading = "ABSOLUTE_POSITION"
			}
			b.WriteString("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n")
			b.WriteString("    <gradingtype>" + grading + "</gradingtype>\n")
			for j, o := range q.Options {
				answer(strconv.Itoa(j+1), o, "")
			}
		}
		if len(q.Tags) > 0 {
			b.WriteString("    <tags>\n")
			for _, t := range q.Tags {
				b.WriteString("      <tag><text>" + xmlEscape(t) + "</text></tag>\n")
			}
			b.WriteString("    </tags>\n")
		}
		b.WriteString("  </question>\n")
	}
	b.WriteString("</quiz>\n")
	return []byte(b.String()), problems, nil
}

// questionName is the name Moodle lists a question by: the start of its prompt.
func questionName(prompt string) string {
	s := strings.Join(strings.Fields(prompt), " ")
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return s
}

// xmlEscape escapes text for an XML element, keeping line breaks and tabs as they are and
// replacing what XML cannot hold.
func xmlEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '\r':
			b.WriteString("&#xD;")
		case c == '\n' || c == '\t' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF):
			b.WriteRune(c)
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}
