package bankfile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"hoithi/quiz"
)

// A Word paper in the Vietnamese convention:
//
//	ĐỀ THI …                       (anything before “Câu 1” is the paper's heading)
//	Phần I. …                      (section headings are not questions)
//	Câu 1: Nội dung câu hỏi?       (also “Câu 1.”, “Câu 1)”, “Câu hỏi 1:”, a bold “Câu 1”,
//	                                “Câu 1 (0,5 điểm):”, or Word's own list numbering)
//	A. …   B. …                    (one or several on a line, “A)” or “a.”; a table of them)
//	C. …
//	D. …
//	Đáp án: B                      (or “Đáp án đúng:”, “ĐA:”; or * before or after the right
//	                                option, or the right option in bold, underlined, in
//	                                colour or highlighted, or the answer key at the end)
//	Giải thích: …                  (or “Lời giải”, “Hướng dẫn giải”; may go on several lines)
//	HẾT                            (the questions end)
//	Bảng đáp án                    (“1-A 2.C 3: B”, or a table Câu | Đáp án)
//
// Lines “Loại:”, “Mức độ:”, “Chủ đề:”, “Điểm:”, “Thời gian:”, “Nguồn:”, “Sai số:” and
// “Không dấu:” in a question give what a sheet's columns of those names give.

// paperLine is one line of a paper: a paragraph, a line of one (split at its line breaks),
// or a table row.
type paperLine struct {
	para     int
	text     string
	spans    []span
	table    int
	cells    []string
	pictures []wordPicture
}

// paperOption is one option as a paper writes it, with how it is marked.
type paperOption struct {
	text                  string
	star                  bool
	bold, underline       bool // the option's text
	labelBold, labelUnder bool // its letter only
	colored               bool // the option's text in a colour or highlighted
}

// paperQuestion is a question being read.
type paperQuestion struct {
	number, para int
	prompt       []string
	options      []paperOption
	answer       string
	hasAnswer    bool
	explanation  []string
	meta         map[column]string
	phase        int
	// pictures are those of the prompt; pictureProblem is set by a drawing elsewhere in the
	// question (an option, the explanation) or one that is no picture.
	pictures       []wordPicture
	pictureProblem string
}

// The parts of a question, in the order a paper writes them.
const (
	inPrompt = iota
	inOptions
	inAnswer
	inExplanation
)

// readDOCX reads a Word paper in the Vietnamese convention.
func readDOCX(data []byte) (*Result, error) {
	if err := checkFileSize(data); err != nil {
		return nil, err
	}
	blocks, media, err := readWordBlocks(data)
	if err != nil {
		return nil, err
	}
	return readPaper(paperLines(blocks), media)
}

// paperLines splits paragraphs at their line breaks; a table row stays one line.
func paperLines(blocks []wordBlock) []paperLine {
	var lines []paperLine
	for _, b := range blocks {
		if b.table > 0 {
			spans := make([]span, len(b.spans))
			for i, s := range b.spans {
				s.text = strings.ReplaceAll(s.text, "\n", " ")
				spans[i] = s
			}
			lines = append(lines, paperLine{para: b.index, text: joinSpans(spans), spans: spans, table: b.table, cells: b.cells, pictures: b.pictures})
			continue
		}
		var cur []span
		// pos is where the text read so far ends in the paragraph; a picture goes with the
		// line it sits in.
		pos, pics := 0, b.pictures
		flush := func() {
			l := paperLine{para: b.index, text: joinSpans(cur), spans: cur}
			for len(pics) > 0 && pics[0].at <= pos {
				l.pictures = append(l.pictures, pics[0])
				pics = pics[1:]
			}
			lines = append(lines, l)
			cur = nil
		}
		for _, s := range b.spans {
			for {
				before, after, found := strings.Cut(s.text, "\n")
				pos += len(before)
				if before != "" {
					cur = append(cur, span{text: before, bold: s.bold, underline: s.underline, colored: s.colored})
				}
				if !found {
					break
				}
				flush()
				pos++
				s.text = after
			}
		}
		pos = math.MaxInt
		flush()
	}
	return lines
}

func joinSpans(spans []span) string {
	var sb strings.Builder
	for _, s := range spans {
		sb.WriteString(s.text)
	}
	return sb.String()
}

// paperReader is the state of reading a paper's lines.
type paperReader struct {
	res   *Result
	media *wordMedia
	cur   *paperQuestion
	done  []*paperQuestion
	// key is the answer key being read, by question number; bound is how many of done
	// it has been given to, so that a paper with a key after each part gives each part
	// its own.
	key   map[int]string
	bound int
	ended bool // after “HẾT” or the answer key's heading
	// afterBareAnswer is set by a line “Đáp án:” alone in a question without its answer:
	// the next line is that answer, or, holding “1-A 2-C”, the paper's answer key.
	afterBareAnswer bool
}

func readPaper(lines []paperLine, media *wordMedia) (*Result, error) {
	p := &paperReader{res: &Result{Format: DOCX, Items: []Item{}, Problems: []Problem{}}, key: map[int]string{}, media: media}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.table > 0 && (i == 0 || lines[i-1].table != l.table) {
			end := i
			for end < len(lines) && lines[end].table == l.table {
				end++
			}
			if p.ended || isKeyTable(lines[i:end]) {
				p.close()
				p.afterBareAnswer = false
				p.readKeyTable(lines[i:end])
				p.bindKey()
				i = end - 1
				continue
			}
		}
		if err := p.line(l); err != nil {
			return nil, err
		}
	}
	p.close()
	p.bindKey()
	for _, q := range p.done {
		p.finish(q)
	}
	return p.res, nil
}

// bindKey gives the answer key read so far to the questions before it that lack an answer,
// and starts a new key.
func (p *paperReader) bindKey() {
	if len(p.key) == 0 {
		return
	}
	for _, q := range p.done[p.bound:] {
		if a, ok := p.key[q.number]; ok && !q.hasAnswer {
			q.answer, q.hasAnswer = a, true
		}
	}
	p.bound = len(p.done)
	p.key = map[int]string{}
}

// What a line of a paper was to the question being read: where a picture on it goes.
type lineRole int

const (
	roleNone   lineRole = iota // not part of a question: the heading, the answer key
	rolePrompt                 // the question's start or its prompt
	roleOption                 // options
	roleAfter                  // the answer, the explanation, what else a question has
)

// line reads one line of the paper, and the pictures on it.
func (p *paperReader) line(l paperLine) error {
	role, err := p.readLine(l)
	if err != nil || len(l.pictures) == 0 || p.cur == nil || role == roleNone {
		return err
	}
	q := p.cur
	for _, pic := range l.pictures {
		problem := pic.problem
		switch {
		case problem != "":
		case role == roleOption:
			problem = "Câu hỏi có ảnh trong phương án trả lời (đoạn " + strconv.Itoa(pic.para) + "): hoithi chỉ hiện ảnh ở nội dung câu hỏi. Hãy đưa ảnh lên ngay dưới dòng “Câu …:”, hoặc ghi phương án bằng chữ."
		case role == roleAfter:
			problem = "Câu hỏi có ảnh ở phần đáp án hay giải thích (đoạn " + strconv.Itoa(pic.para) + "): hoithi chỉ hiện ảnh ở nội dung câu hỏi. Hãy đưa ảnh lên ngay dưới dòng “Câu …:”."
		default:
			q.pictures = append(q.pictures, pic)
			continue
		}
		if q.pictureProblem == "" {
			q.pictureProblem = problem
		}
	}
	return nil
}

// readLine reads the text of one line of the paper.
func (p *paperReader) readLine(l paperLine) (lineRole, error) {
	t := strings.TrimSpace(l.text)
	if t == "" {
		switch {
		case p.cur == nil || p.ended:
			return roleNone, nil
		case p.cur.phase == inPrompt && !p.afterBareAnswer:
			return rolePrompt, nil
		case p.cur.phase == inOptions:
			return roleOption, nil
		}
		return roleAfter, nil
	}
	if p.ended {
		scanKey(t, p.key)
		return roleNone, nil
	}
	if p.afterBareAnswer {
		p.afterBareAnswer = false
		entries := map[int]string{}
		if scanKey(t, entries); len(entries) == 0 && p.cur != nil {
			p.cur.answer, p.cur.hasAnswer, p.cur.phase = t, true, inAnswer
			return roleAfter, nil
		}
		p.close()
		p.ended = true
		scanKey(t, p.key)
		return roleNone, nil
	}
	if rest, ok := keyHeadingRest(t); ok && strings.TrimSpace(rest) == "" && p.cur != nil && !p.cur.hasAnswer && (p.cur.phase >= inOptions || len(p.cur.prompt) > 0) {
		if k := headerKey(strings.TrimSuffix(t, ":")); k == "dap an" || k == "dap an dung" {
			p.afterBareAnswer = true
			return roleAfter, nil
		}
	}
	if isEnd(t) || isKeyHeading(t) {
		p.close()
		p.ended = true
		if rest, ok := keyHeadingRest(t); ok {
			scanKey(rest, p.key)
		}
		return roleNone, nil
	}
	if n, rest, ok := questionStart(l); ok {
		p.close()
		p.res.Found++
		if p.res.Found > MaxQuestions {
			return roleNone, tooManyQuestions()
		}
		p.cur = &paperQuestion{number: n, para: l.para, meta: map[column]string{}}
		if rest != "" {
			p.cur.prompt = append(p.cur.prompt, rest)
		}
		return rolePrompt, nil
	}
	q := p.cur
	if q == nil {
		return roleNone, nil
	}
	if isPartHeading(t) {
		p.close()
		return roleNone, nil
	}
	if rest, ok := answerLine(t); ok && q.phase >= inOptions || ok && len(q.prompt) > 0 {
		q.answer, q.hasAnswer, q.phase = rest, true, inAnswer
		return roleAfter, nil
	}
	if rest, ok := explanationLine(t); ok && (q.phase >= inOptions || len(q.prompt) > 0) {
		q.phase = inExplanation
		if rest != "" {
			q.explanation = append(q.explanation, rest)
		}
		return roleAfter, nil
	}
	if c, v, ok := metaLine(t); ok && len(q.prompt) > 0 {
		q.meta[c] = v
		return roleAfter, nil
	}
	opts := splitOptions(l, len(q.options))
	if len(opts) == 0 && q.phase >= inOptions && isCapitalHeading(t) {
		p.close()
		return roleNone, nil
	}
	switch q.phase {
	case inExplanation:
		q.explanation = append(q.explanation, t)
		return roleAfter, nil
	case inAnswer:
		return roleAfter, nil
	}
	if len(opts) > 0 && len(q.options)+len(opts) <= 26 {
		q.options = append(q.options, opts...)
		q.phase = inOptions
		return roleOption, nil
	}
	if q.phase == inPrompt {
		q.prompt = append(q.prompt, t)
		return rolePrompt, nil
	}
	if n := len(q.options); n > 0 {
		// An option's text that went on to the next paragraph.
		q.options[n-1].text += " " + t
	}
	return roleOption, nil
}

// close ends the question being read.
func (p *paperReader) close() {
	if p.cur != nil {
		p.done = append(p.done, p.cur)
		p.cur = nil
	}
}

// finish reads a question into an Item or a Problem, now that the answer key is known.
func (p *paperReader) finish(q *paperQuestion) {
	d := draft{where: paperLineName}
	d.fields[colPrompt] = textCell(strings.Join(q.prompt, "\n"))
	d.fields[colExplanation] = textCell(strings.Join(q.explanation, "\n"))
	for c, v := range q.meta {
		d.fields[c] = textCell(v)
	}
	for _, o := range q.options {
		d.options = append(d.options, o.text)
	}
	answer, hasAnswer := q.answer, q.hasAnswer
	if !hasAnswer && len(q.options) > 0 {
		answer, hasAnswer = markedOptions(q.options)
	} else if hasAnswer && len(q.options) > 0 {
		answer = optionLetters(answer, q.options)
	}
	fail := func(msg string) {
		p.res.Problems = append(p.res.Problems, Problem{Line: q.para, Message: "Câu " + strconv.Itoa(q.number) + ": " + msg})
	}
	if !hasAnswer || strings.TrimSpace(answer) == "" {
		if len(q.options) == 0 {
			fail("không tìm thấy đáp án đúng (dòng “Đáp án: …”). Nếu là câu tự luận thì chưa được hỗ trợ: bỏ qua.")
		} else {
			fail("không tìm thấy đáp án đúng (ghi dòng “Đáp án: B”, đánh dấu * hoặc in đậm, gạch chân phương án đúng, hoặc thêm bảng đáp án cuối đề).")
		}
		return
	}
	d.fields[colAnswer] = textCell(answer)
	question, err := d.question()
	if err == nil {
		err = question.Validate()
	}
	if err != nil {
		fail(lowerFirst(quiz.ErrorMessage(err)))
		return
	}
	var picture []byte
	switch {
	case q.pictureProblem != "":
		fail(lowerFirst(q.pictureProblem))
		return
	case len(q.pictures) > 1:
		fail(lowerFirst(tooManyPictures(len(q.pictures), "ảnh thứ hai ở đoạn "+strconv.Itoa(q.pictures[1].para))))
		return
	case len(q.pictures) == 1:
		var problem string
		if picture, problem = p.media.picture(q.pictures[0].rel); problem != "" {
			fail(lowerFirst(problem))
			return
		}
	}
	p.res.Items = append(p.res.Items, Item{Line: q.para, Question: question, Picture: picture})
}

// paperLineName names a field in a message, as a paper writes it: dòng “Đáp án: …”.
func paperLineName(c column) string {
	if c == colPrompt {
		return "phần nội dung sau “Câu …:”"
	}
	if c == colTime {
		return "dòng “Thời gian: … giây”"
	}
	return "dòng “" + sheetHeaders[c] + ": …”"
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// markedOptions is the answer a paper marks on its options: by a star, or by underlining,
// bold or colour that some options have and others not (a paper that prints every letter in
// bold marks nothing by it).
func markedOptions(opts []paperOption) (string, bool) {
	marks := []func(o paperOption) bool{
		func(o paperOption) bool { return o.star },
		func(o paperOption) bool { return o.underline },
		func(o paperOption) bool { return o.bold },
		func(o paperOption) bool { return o.labelUnder },
		func(o paperOption) bool { return o.labelBold },
		func(o paperOption) bool { return o.colored },
	}
	for _, marked := range marks {
		var letters []string
		for i, o := range opts {
			if marked(o) {
				letters = append(letters, quiz.OptionLabel(i))
			}
		}
		if len(letters) > 0 && (len(letters) < len(opts) || len(opts) == 1) {
			return strings.Join(letters, ", "), true
		}
	}
	return "", false
}

// optionLetters reads an answer written for a question with options: letters ("B", "A, C",
// "A và C"), a letter and its option ("B. Sinh hoạt chi bộ"), or the option's text; what it
// cannot read is returned as written, for the message to quote.
func optionLetters(answer string, opts []paperOption) string {
	answer = strings.TrimSpace(answer)
	n := len(opts)
	try := func(s string) bool {
		_, err := parseLetters(s, n)
		return err == nil
	}
	if try(answer) {
		return answer
	}
	if s := strings.ReplaceAll(answer, " và ", ","); try(s) {
		return s
	}
	if i := strings.IndexAny(answer, ".):"); i > 0 && try(answer[:i]) {
		return answer[:i]
	}
	if trueFalseAnswer(answer) >= 0 {
		return answer
	}
	for i, o := range opts {
		if quiz.NameKey(o.text) == quiz.NameKey(answer) {
			return quiz.OptionLabel(i)
		}
	}
	return answer
}

// questionStart reads “Câu 12: …” (“Câu 12.”, “Câu 12)”, “Câu hỏi 12:”, “Câu 12 (0,5
// điểm):”, or a bold “Câu 12” followed by the text).
func questionStart(l paperLine) (int, string, bool) {
	t := strings.TrimLeftFunc(l.text, unicode.IsSpace)
	lead := len(l.text) - len(t)
	rest, ok := cutWordFold(t, "câu hỏi")
	if !ok {
		if rest, ok = cutWordFold(t, "câu"); !ok {
			return 0, "", false
		}
	}
	rest = strings.TrimLeft(rest, " \t\u00a0")
	digits := 0
	for digits < len(rest) && digits < 6 && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits == 0 || digits == 6 {
		return 0, "", false
	}
	n, _ := strconv.Atoi(rest[:digits])
	afterNumber := lead + (len(t) - len(rest)) + digits
	rest = rest[digits:]
	trimmed := strings.TrimLeft(rest, " \t\u00a0")
	// “Câu 1 (0,5 điểm):”: the points of a written exam, not hoithi's.
	if strings.HasPrefix(trimmed, "(") {
		if end := strings.IndexByte(trimmed, ')'); end > 0 && end < 40 {
			trimmed = strings.TrimLeft(trimmed[end+1:], " \t\u00a0")
		}
	}
	switch {
	case trimmed == "":
	case strings.ContainsRune(":.)-–", firstRune(trimmed)) && !startsWithDigitAfterMark(trimmed):
		_, size := utf8.DecodeRuneInString(trimmed)
		trimmed = trimmed[size:]
	case len(trimmed) < len(rest) && allFormatted(l.spans, lead, afterNumber, func(s span) bool { return s.bold }):
		// “Câu 1” in bold, then the text.
	default:
		return 0, "", false
	}
	return n, strings.TrimSpace(trimmed), true
}

// startsWithDigitAfterMark tells “Câu 1.2” (a numbered sub-question, not a start) apart.
func startsWithDigitAfterMark(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return len(s) > size && s[size] >= '0' && s[size] <= '9'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// cutWordFold cuts word from the start of s, ignoring case (not diacritics), when no letter
// follows it (“Câu 1”, “Câu1”, “ĐA:”, but not “Đáp ánh”).
func cutWordFold(s, word string) (string, bool) {
	i, j := 0, 0
	for j < len(word) {
		if i >= len(s) {
			return "", false
		}
		a, na := utf8.DecodeRuneInString(s[i:])
		b, nb := utf8.DecodeRuneInString(word[j:])
		if unicode.ToLower(a) != unicode.ToLower(b) && !(b == ' ' && unicode.IsSpace(a)) {
			return "", false
		}
		i, j = i+na, j+nb
	}
	if i < len(s) {
		if unicode.IsLetter(firstRune(s[i:])) {
			return "", false
		}
	}
	return s[i:], true
}

// answerLine reads “Đáp án: B” (“Đáp án đúng: B”, “ĐA: B”, “Đáp án là B”).
func answerLine(t string) (string, bool) {
	for _, w := range []string{"đáp án đúng", "đáp án", "đa"} {
		rest, ok := cutWordFold(t, w)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if r, ok := cutWordFold(rest, "là"); ok {
			return strings.TrimSpace(strings.TrimLeft(r, ":")), true
		}
		if rest != "" && strings.ContainsRune(":-–=", firstRune(rest)) {
			_, size := utf8.DecodeRuneInString(rest)
			return strings.TrimSpace(rest[size:]), true
		}
	}
	return "", false
}

// explanationLine reads “Giải thích: …” (“Lời giải”, “Hướng dẫn giải”, alone on a line or
// followed by the text).
func explanationLine(t string) (string, bool) {
	for _, w := range []string{"giải thích", "lời giải", "hướng dẫn giải", "hướng dẫn", "gợi ý"} {
		rest, ok := cutWordFold(t, w)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if r, ok := cutWordFold(rest, "chi tiết"); ok {
			rest = strings.TrimSpace(r)
		}
		if rest == "" {
			return "", true
		}
		if strings.ContainsRune(":.-–", firstRune(rest)) {
			_, size := utf8.DecodeRuneInString(rest)
			return strings.TrimSpace(rest[size:]), true
		}
	}
	return "", false
}

// paperMeta are the columns a paper may give on lines of their own.
var paperMeta = map[column]bool{colKind: true, colDifficulty: true, colTags: true, colPoints: true, colTime: true, colSource: true, colTolerance: true, colNoDiacritics: true}

// metaLine reads “Mức độ: thông hiểu” and the other lines named like a sheet's columns.
func metaLine(t string) (column, string, bool) {
	name, value, ok := strings.Cut(t, ":")
	if !ok || len(name) > 40 {
		return 0, "", false
	}
	c, ok := columnNames[headerKey(name)]
	if !ok || !paperMeta[c] {
		return 0, "", false
	}
	value = strings.TrimSpace(value)
	if c == colTime {
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(value, "giây"), "s"))
	}
	return c, value, true
}

// isEnd reads “HẾT” (also “--- HẾT ---”, “Hết.”).
func isEnd(t string) bool {
	if len(t) > 40 {
		return false
	}
	if r := firstRune(strings.TrimLeft(t, " -–—_.*=")); r != 'H' && r != 'h' {
		return false
	}
	return headerKey(t) == "het"
}

// keyHeadings are the headings of an answer key, as headerKey writes them.
var keyHeadings = []string{"bang dap an", "dap an", "dap an tham khao", "bang dap an tham khao", "dap an va huong dan cham", "bang dap an dung"}

// isKeyHeading reads the heading of an answer key: “Bảng đáp án”, “ĐÁP ÁN” alone.
func isKeyHeading(t string) bool {
	_, ok := keyHeadingRest(t)
	return ok
}

// keyHeadingRest is what follows a key's heading on its line (“Bảng đáp án: 1-A 2-B”).
func keyHeadingRest(t string) (string, bool) {
	name, rest, _ := strings.Cut(t, ":")
	if len(name) > 40 || !keyHeadingStart(name) {
		return "", false
	}
	if strings.TrimSpace(rest) != "" && !strings.ContainsAny(rest, "0123456789") {
		// “Đáp án: B”: a question's answer, not a key.
		return "", false
	}
	k := headerKey(name)
	if !slicesContains(keyHeadings, k) {
		return "", false
	}
	// “Đáp án: B” is a question's answer, “Đáp án: 1-A 2-C” a key.
	if strings.TrimSpace(rest) != "" && (k == "dap an" || k == "dap an dung") {
		entries := map[int]string{}
		scanKey(rest, entries)
		if len(entries) < 2 {
			return "", false
		}
	}
	return rest, true
}

// keyHeadingStart tells, without folding the line, whether it may be a key's heading: its
// first word is “Bảng” or “Đáp”, as typed.
func keyHeadingStart(s string) bool {
	word, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	switch strings.ToLower(word) {
	case "bảng", "bang", "đáp", "dap":
		return true
	}
	return false
}

// isPartHeading reads “Phần I. Trắc nghiệm”, “PHẦN 2”: the question before it has ended.
func isPartHeading(t string) bool {
	if r := firstRune(t); r != 'P' && r != 'p' {
		return false
	}
	if len(t) > 24 {
		// Only the heading's first words matter; folding a whole paragraph costs.
		t = strings.ToValidUTF8(t[:24], "")
	}
	rest, ok := strings.CutPrefix(headerKey(t), "phan ")
	if !ok {
		return false
	}
	word, _, _ := strings.Cut(rest, " ")
	_, err := strconv.Atoi(word)
	return err == nil || isRoman(word) || word == "thu" || word == "mot" || word == "hai" || word == "ba"
}

// isCapitalHeading reads a line in capitals after a question's options (“II. TỰ LUẬN”):
// a heading, which ends the question before it.
func isCapitalHeading(t string) bool {
	letters, upper := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 6 && upper == letters && strings.Contains(strings.TrimSpace(t), " ")
}

func isRoman(s string) bool {
	return s != "" && strings.Trim(s, "ivxlc") == ""
}

// isKeyTable tells an answer-key table (a row “Câu | 1 | 2 …” over “Đáp án | A | C …”, or
// columns “Câu | Đáp án”) from a table of the questions.
func isKeyTable(rows []paperLine) bool {
	for _, r := range rows {
		for _, c := range r.cells {
			k := headerKey(c)
			for _, h := range keyHeadings {
				if k == h {
					return true
				}
			}
			if k == "da" {
				return true
			}
		}
	}
	return false
}

// readKeyTable reads an answer key laid out as a table: rows of numbers over rows of
// answers, columns of numbers beside columns of answers, or cells “1-A”.
func (p *paperReader) readKeyTable(rows []paperLine) {
	isNumberHeader := func(s string) bool {
		k := headerKey(s)
		return k == "cau" || k == "cau hoi" || k == "cau so" || k == "stt"
	}
	isAnswerHeader := func(s string) bool {
		k := headerKey(s)
		return k == "da" || slicesContains(keyHeadings, k)
	}
	// Rows: “Câu | 1 | 2 | 3” then “Đáp án | A | C | B”.
	for i := 0; i+1 < len(rows); i++ {
		top, bottom := rows[i].cells, rows[i+1].cells
		if len(top) > 1 && isNumberHeader(top[0]) && len(bottom) > 0 && isAnswerHeader(bottom[0]) {
			for j := 1; j < len(top) && j < len(bottom); j++ {
				if n, err := strconv.Atoi(strings.TrimSpace(top[j])); err == nil && strings.TrimSpace(bottom[j]) != "" {
					keyEntry(p.key, n, strings.TrimSpace(bottom[j]))
				}
			}
			i++
		}
	}
	// Columns: a header row “Câu | Đáp án | Câu | Đáp án”, then a number and an answer.
	for i, r := range rows {
		var pairs []int
		for j := 0; j+1 < len(r.cells); j++ {
			if isNumberHeader(r.cells[j]) && isAnswerHeader(r.cells[j+1]) {
				pairs = append(pairs, j)
			}
		}
		if len(pairs) == 0 {
			continue
		}
		for _, below := range rows[i+1:] {
			for _, j := range pairs {
				if j+1 < len(below.cells) {
					if n, err := strconv.Atoi(strings.TrimSpace(below.cells[j])); err == nil && strings.TrimSpace(below.cells[j+1]) != "" {
						keyEntry(p.key, n, strings.TrimSpace(below.cells[j+1]))
					}
				}
			}
		}
		break
	}
	// Cells “1-A”, “2.C”.
	for _, r := range rows {
		for _, c := range r.cells {
			scanKey(c, p.key)
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// scanKey reads the entries of an answer key's line: “1-A 2.C 3: B 4) AC 5-Đ”, also “1A
// 2B”. An entry already read (from a table's rows) is kept.
func scanKey(t string, key map[int]string) {
	rs := []rune(t)
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) || (i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))) {
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsDigit(rs[j]) && j-i < 6 {
			j++
		}
		n, err := strconv.Atoi(string(rs[i:j]))
		if err != nil || (j < len(rs) && unicode.IsDigit(rs[j])) {
			i = j + 1
			continue
		}
		k := j
		for k < len(rs) && (rs[k] == ' ' || rs[k] == '\t' || rs[k] == '\u00a0') {
			k++
		}
		if k < len(rs) && strings.ContainsRune("-.:)–=", rs[k]) {
			k++
		}
		for k < len(rs) && (rs[k] == ' ' || rs[k] == '\t' || rs[k] == '\u00a0') {
			k++
		}
		w := k
		for w < len(rs) && unicode.IsLetter(rs[w]) && w-k < 8 {
			w++
		}
		word := string(rs[k:w])
		if word != "" && (w == len(rs) || !unicode.IsLetter(rs[w])) && keyWord(word) {
			keyEntry(key, n, word)
		}
		i = max(w, j)
	}
}

// keyEntry records the answer of question n, unless the key already has one; a key holds
// no more entries than a file has questions.
func keyEntry(key map[int]string, n int, answer string) {
	if _, seen := key[n]; !seen && len(key) <= MaxQuestions {
		key[n] = answer
	}
}

// keyWord is an answer in a key: option letters, or Đ/S, Đúng/Sai.
func keyWord(w string) bool {
	if trueFalseAnswer(w) >= 0 {
		return true
	}
	for _, r := range w {
		if u := unicode.ToUpper(r); u < 'A' || u > 'H' {
			return false
		}
	}
	return true
}

// splitOptions reads the options of a line, “A. …” or several, “A. …   B. …”, starting
// with the letter after the next options read so far; none when the line is not options.
func splitOptions(l paperLine, next int) []paperOption {
	text := l.text
	start, ok := optionLabelAt(text, 0, next, true)
	if !ok {
		return nil
	}
	var opts []paperOption
	for letter := next; ; letter++ {
		label := start
		bodyStart := label.end
		bodyEnd := len(text)
		nextStart, found := findOptionLabel(text, bodyStart, letter+1)
		if found {
			bodyEnd = nextStart.begin
		}
		o := paperOption{star: label.star}
		body := text[bodyStart:bodyEnd]
		trimmed := strings.TrimSpace(body)
		bs := bodyStart + strings.Index(body, trimmed)
		be := bs + len(trimmed)
		switch {
		case strings.HasPrefix(trimmed, "*"):
			o.star, bs = true, bs+1
		case strings.HasSuffix(trimmed, "(*)"):
			o.star, be = true, be-3
		case strings.HasSuffix(trimmed, "*"):
			o.star, be = true, be-1
		}
		if bs > be {
			be = bs
		}
		o.text = strings.TrimSpace(text[bs:be])
		o.bold = allFormatted(l.spans, bs, be, func(s span) bool { return s.bold })
		o.underline = allFormatted(l.spans, bs, be, func(s span) bool { return s.underline })
		o.labelBold = allFormatted(l.spans, label.letter, label.end, func(s span) bool { return s.bold })
		o.labelUnder = allFormatted(l.spans, label.letter, label.end, func(s span) bool { return s.underline })
		o.colored = allFormatted(l.spans, bs, be, func(s span) bool { return s.colored })
		opts = append(opts, o)
		if !found || letter+1 >= 26 {
			return opts
		}
		start = nextStart
	}
}

// optionLabel is where an option's label “A.” is in a line: begin (a star before it
// included), the letter, and end after its mark.
type optionLabel struct {
	begin, letter, end int
	star               bool
}

// optionLabelAt reads the label of option number letter at i (after spaces, and a star):
// “A.”, “A)”, “a.”, followed by a space or the end (or anything, at the start of a line).
func optionLabelAt(text string, i, letter int, lineStart bool) (optionLabel, bool) {
	l := optionLabel{begin: i}
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if strings.HasPrefix(text[i:], "\u00a0") {
		i += len("\u00a0")
	}
	if i < len(text) && text[i] == '*' {
		l.star = true
		i++
		for i < len(text) && text[i] == ' ' {
			i++
		}
	}
	if i+1 >= len(text) || letter >= 26 {
		return l, false
	}
	c := text[i]
	if c != byte('A'+letter) && c != byte('a'+letter) {
		return l, false
	}
	if text[i+1] != '.' && text[i+1] != ')' {
		return l, false
	}
	l.letter, l.end = i, i+2
	if l.end < len(text) && !lineStart {
		if r := firstRune(text[l.end:]); !unicode.IsSpace(r) && r != '*' {
			return l, false
		}
	}
	return l, true
}

// findOptionLabel finds the next option's label in text after from: after white space.
func findOptionLabel(text string, from, letter int) (optionLabel, bool) {
	if letter >= 26 {
		return optionLabel{}, false
	}
	for i := from; i < len(text); i++ {
		c := text[i]
		if c != byte('A'+letter) && c != byte('a'+letter) {
			continue
		}
		// Back over a star and spaces to white space before the label.
		j := i
		if j > from && text[j-1] == '*' {
			j--
		}
		if j == from || (text[j-1] != ' ' && text[j-1] != '\t' && !strings.HasSuffix(text[:j], "\u00a0")) {
			continue
		}
		if l, ok := optionLabelAt(text, j, letter, false); ok && l.letter == i {
			return l, true
		}
	}
	return optionLabel{}, false
}

// allFormatted reports whether every non-space character of text[from:to] is in a span
// with the formatting, and there is at least one.
func allFormatted(spans []span, from, to int, has func(span) bool) bool {
	pos, seen := 0, false
	for _, s := range spans {
		end := pos + len(s.text)
		lo, hi := max(pos, from), min(end, to)
		if lo < hi && strings.TrimSpace(s.text[lo-pos:hi-pos]) != "" {
			if !has(s) {
				return false
			}
			seen = true
		}
		pos = end
		if pos >= to {
			break
		}
	}
	return seen
}

// writeDOCX writes questions as a Word paper in the convention readDOCX reads: “Câu 1:” in
// bold, the options “A. …” a line each, “Đáp án: …”, the lines of what else a question has,
// “Giải thích: …”, and “HẾT” at the end; a question's picture is in a paragraph of its own
// under “Câu 1:”, as Word inserts a picture. A question whose text would read as something
// else (a line of its prompt starting “Đáp án:”) is a Problem.
func writeDOCX(qs []quiz.Question, pics []*picture) ([]byte, []Problem, error) {
	var body bytes.Buffer
	var problems []Problem
	media := &docxMedia{ids: map[string]string{}}
	n := 0
	for i, q := range qs {
		paras, err := paperParagraphs(q, n+1, pictureAt(pics, i), media)
		if err != nil {
			problems = append(problems, Problem{Line: i + 1, Message: quiz.ErrorMessage(err)})
			continue
		}
		n++
		body.WriteString(paras)
	}
	body.WriteString(wordParagraph(false, "", "HẾT"))
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` + media.contentTypes() + `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` + media.relationships() + `</Relationships>`},
		// Times New Roman 13 pt, as Vietnamese papers are set.
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` + body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	for _, m := range media.parts {
		parts = append(parts, struct{ name, content string }{"word/media/" + m.name, string(m.data)})
	}
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			return nil, nil, err
		}
		if _, err := w.Write([]byte(p.content)); err != nil {
			return nil, nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), problems, nil
}

// paperParagraphs writes one question as paragraphs numbered n, with its picture (if not nil).
func paperParagraphs(q quiz.Question, n int, pic *picture, media *docxMedia) (string, error) {
	if _, ok := kindLabels[q.Type]; !ok {
		return "", quiz.Errorf(quiz.EINVALID, "Loại câu hỏi “%s” không ghi được vào văn bản Word.", q.Type)
	}
	row, err := sheetRow(q, max(len(q.Options), 1))
	if err != nil {
		return "", err
	}
	// The picture goes under the prompt once the rest is known to be written: a question left
	// out leaves no picture in the file.
	head := wordParagraph(true, "Câu "+strconv.Itoa(n)+": ", q.Prompt)
	if err := paperSafe(q.Prompt, true); err != nil {
		return "", err
	}
	var sb strings.Builder
	if q.Type != quiz.TrueFalse {
		for i, o := range q.Options {
			if _, ok := findOptionLabel(" "+o, 0, i+1); ok {
				return "", quiz.Errorf(quiz.EINVALID, "Phương án %s có “%s.” ở giữa, sẽ bị đọc thành hai phương án: hãy sửa lại.", quiz.OptionLabel(i), quiz.OptionLabel(i+1))
			}
			sb.WriteString(wordParagraph(false, "", quiz.OptionLabel(i)+". "+o))
		}
	}
	// The row's cells after the options: Đáp án, Giải thích, Mức độ, Chủ đề, Điểm, Loại,
	// Thời gian, Nguồn, Không dấu, Sai số.
	cells := map[column]cell{}
	for c, i := colAnswer, 1+max(len(q.Options), 1); c < colCount; c, i = c+1, i+1 {
		cells[c] = row[i]
	}
	text := func(c cell) string {
		if c.IsNumber {
			return strings.Replace(strconv.FormatFloat(c.Number, 'f', -1, 64), ".", ",", 1)
		}
		return c.Text
	}
	sb.WriteString(wordParagraph(false, "", "Đáp án: "+text(cells[colAnswer])))
	if q.Type != quiz.SingleChoice && q.Type != quiz.MultiChoice && q.Type != quiz.TrueFalse || q.Partial {
		sb.WriteString(wordParagraph(false, "", "Loại: "+cells[colKind].Text))
	}
	for _, c := range []column{colTolerance, colNoDiacritics, colDifficulty, colTags, colPoints, colTime, colSource} {
		v := text(cells[c])
		if v == "" {
			continue
		}
		if c == colNoDiacritics {
			v = "có"
		}
		if err := paperSafe(v, false); err != nil {
			return "", err
		}
		name := sheetHeaders[c]
		if c == colTime {
			name, v = "Thời gian", v+" giây"
		}
		sb.WriteString(wordParagraph(false, "", name+": "+v))
	}
	if q.Explanation != "" {
		if err := paperSafe(q.Explanation, false); err != nil {
			return "", err
		}
		sb.WriteString(wordParagraph(false, "", "Giải thích: "+q.Explanation))
	}
	if pic != nil {
		head += media.paragraph(pic)
	}
	return head + sb.String(), nil
}

// paperSafe refuses text with a line that readDOCX would read as another part of a paper.
func paperSafe(s string, prompt bool) error {
	for i, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if i == 0 {
			// The first line follows “Câu 1:” or “Giải thích:” on its paragraph.
			continue
		}
		_, _, start := questionStart(paperLine{text: t})
		_, answer := answerLine(t)
		_, explanation := explanationLine(t)
		_, _, meta := metaLine(t)
		_, option := optionLabelAt(t, 0, 0, true)
		if start || answer || explanation || meta || isEnd(t) || isKeyHeading(t) || (prompt && option) || isPartHeading(t) || (!prompt && isCapitalHeading(t)) {
			return quiz.Errorf(quiz.EINVALID, "Có dòng “%s” sẽ bị đọc nhầm thành một phần khác của đề (câu mới, đáp án, giải thích…): hãy sửa lại dòng đó.", t)
		}
	}
	return nil
}

// wordParagraph is a paragraph: a bold lead (“Câu 1: ”), then text, its line breaks kept.
func wordParagraph(boldLead bool, lead, text string) string {
	var sb strings.Builder
	sb.WriteString(`<w:p>`)
	if lead != "" {
		sb.WriteString(`<w:r>`)
		if boldLead {
			sb.WriteString(`<w:rPr><w:b/></w:rPr>`)
		}
		sb.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(&sb, []byte(lead))
		sb.WriteString(`</w:t></w:r>`)
	}
	sb.WriteString(`<w:r>`)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			sb.WriteString(`<w:br/>`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				sb.WriteString(`<w:tab/>`)
			}
			sb.WriteString(`<w:t xml:space="preserve">`)
			xml.EscapeText(&sb, []byte(part))
			sb.WriteString(`</w:t>`)
		}
	}
	sb.WriteString(`</w:r></w:p>`)
	return sb.String()
}
