package bankfile

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"hoithi/quiz"
)

// The columns of a question sheet (.xlsx or .csv), found by their header's name.
type column int

const (
	colPrompt column = iota
	colAnswer
	colExplanation
	colDifficulty
	colTags
	colPoints
	colKind
	colTime
	colSource
	colNoDiacritics
	colTolerance
	colCount
)

// sheetHeaders are the headers a writer puts on a sheet, in this order after the prompt and
// the option columns; the first name of each column in columnNames.
var sheetHeaders = map[column]string{
	colPrompt:       "Câu hỏi",
	colAnswer:       "Đáp án",
	colExplanation:  "Giải thích",
	colDifficulty:   "Mức độ",
	colTags:         "Chủ đề",
	colPoints:       "Điểm",
	colKind:         "Loại",
	colTime:         "Thời gian (giây)",
	colSource:       "Nguồn",
	colNoDiacritics: "Không dấu",
	colTolerance:    "Sai số",
}

// columnNames are the headers each column is known by, as headerKey writes them: the
// Vietnamese names trainers type, with or without diacritics, and the English ones of sheets
// exported from elsewhere.
var columnNames = map[string]column{
	"cau hoi": colPrompt, "noi dung": colPrompt, "noi dung cau hoi": colPrompt, "question": colPrompt,
	"dap an": colAnswer, "dap an dung": colAnswer, "answer": colAnswer, "correct": colAnswer,
	"giai thich": colExplanation, "loi giai": colExplanation, "huong dan giai": colExplanation, "explanation": colExplanation,
	"muc do": colDifficulty, "do kho": colDifficulty, "difficulty": colDifficulty,
	"chu de": colTags, "the": colTags, "tags": colTags, "topic": colTags,
	"diem": colPoints, "points": colPoints,
	"loai": colKind, "loai cau hoi": colKind, "kieu": colKind, "type": colKind,
	"thoi gian": colTime, "thoi gian giay": colTime, "thoi gian s": colTime, "time": colTime, "time limit": colTime,
	"nguon": colSource, "source": colSource,
	"khong dau": colNoDiacritics, "chap nhan khong dau": colNoDiacritics, "no diacritics": colNoDiacritics,
	"sai so": colTolerance, "tolerance": colTolerance,
}

// kindNames are the values of the "Loại" column, as headerKey writes them, and what each is.
var kindNames = map[string]struct {
	t       quiz.QuestionType
	partial bool
}{
	"mot dap an": {t: quiz.SingleChoice}, "mot lua chon": {t: quiz.SingleChoice}, "single": {t: quiz.SingleChoice},
	"nhieu dap an": {t: quiz.MultiChoice}, "nhieu lua chon": {t: quiz.MultiChoice}, "multi": {t: quiz.MultiChoice},
	"nhieu dap an tung phan": {t: quiz.MultiChoice, partial: true}, "nhieu dap an diem tung phan": {t: quiz.MultiChoice, partial: true},
	"multi partial": {t: quiz.MultiChoice, partial: true}, "partial": {t: quiz.MultiChoice, partial: true},
	"dung sai": {t: quiz.TrueFalse}, "truefalse": {t: quiz.TrueFalse}, "true false": {t: quiz.TrueFalse},
	"tra loi ngan": {t: quiz.ShortAnswer}, "dien tu": {t: quiz.ShortAnswer}, "short": {t: quiz.ShortAnswer},
	"dien so": {t: quiz.Numeric}, "so": {t: quiz.Numeric}, "numeric": {t: quiz.Numeric},
	"sap xep": {t: quiz.Ordering}, "ordering": {t: quiz.Ordering},
}

// unsupportedKinds are kinds of question trainers write that hoithi does not hold, as
// headerKey writes them, with the name a message gives them.
var unsupportedKinds = map[string]string{
	"tu luan": "tự luận (essay)", "essay": "tự luận (essay)",
	"ghep doi": "ghép đôi (matching)", "noi cot": "ghép đôi (matching)", "matching": "ghép đôi (matching)",
	"dien khuyet": "điền khuyết (cloze)", "cloze": "điền khuyết (cloze)",
}

// kindLabels are the "Loại" values a writer puts, by type.
var kindLabels = map[quiz.QuestionType]string{
	quiz.SingleChoice: "một đáp án",
	quiz.MultiChoice:  "nhiều đáp án",
	quiz.TrueFalse:    "đúng sai",
	quiz.ShortAnswer:  "trả lời ngắn",
	quiz.Numeric:      "điền số",
	quiz.Ordering:     "sắp xếp",
}

// partialLabel is the "Loại" of a multiple-choice question with partial credit.
const partialLabel = "nhiều đáp án (điểm từng phần)"

// headerRowsScanned is how far down a sheet its header row is looked for, below a title or
// a note a trainer put above it.
const headerRowsScanned = 20

// cell is one cell of a sheet. Number is set for a cell a spreadsheet stores as a number, so
// that 1.822 typed in a number cell is read as it is stored, not as Vietnamese typing
// (where "1.822" is a thousand eight hundred twenty-two).
type cell struct {
	Text     string
	Number   float64
	IsNumber bool
}

// textCell is a cell holding text.
func textCell(s string) cell { return cell{Text: s} }

// numberCell is a cell holding a number, with its text as a person reads it ("1", not "1.0").
func numberCell(v float64) cell {
	return cell{Text: strconv.FormatFloat(v, 'f', -1, 64), Number: v, IsNumber: true}
}

// headerKey is how a header or a "Loại" value is compared: folded (no case, no diacritics)
// and with every run of punctuation or spaces as one space, so "Thời gian (giây)" and
// "thoi gian giay" are the same column.
func headerKey(s string) string {
	s = quiz.Fold(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// sheetLayout is where each column of a sheet is: col[c] is the 0-based index of column c
// or -1; options holds the index of option A, B, C… in letter order.
type sheetLayout struct {
	col     [colCount]int
	options []int
}

// findLayout reads a header row: nil when it lacks the prompt or answer column.
func findLayout(row []cell) *sheetLayout {
	l := &sheetLayout{}
	for i := range l.col {
		l.col[i] = -1
	}
	opts := make([]int, quiz.MaxOptions)
	for i := range opts {
		opts[i] = -1
	}
	for i, c := range row {
		k := headerKey(c.Text)
		if col, ok := columnNames[k]; ok {
			if l.col[col] < 0 {
				l.col[col] = i
			}
			continue
		}
		k = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(k, "phuong an "), "lua chon "), "option ")
		if len(k) == 1 && k[0] >= 'a' && int(k[0]-'a') < quiz.MaxOptions && opts[k[0]-'a'] < 0 {
			opts[k[0]-'a'] = i
		}
	}
	if l.col[colPrompt] < 0 || l.col[colAnswer] < 0 {
		return nil
	}
	// Options are A, B, C… without a gap: a sheet with A, B and D has two options.
	for _, o := range opts {
		if o < 0 {
			break
		}
		l.options = append(l.options, o)
	}
	return l
}

// sheetReader reads the questions of a sheet row by row, so a large sheet is never held
// whole: the header is looked for in the first rows, each non-empty row under it is a
// question.
type sheetReader struct {
	layout  *sheetLayout
	scanned int
	res     *Result
}

func newSheetReader(format Format) *sheetReader {
	return &sheetReader{res: &Result{Format: format, Items: []Item{}, Problems: []Problem{}}}
}

// maxSheetColumns bounds the cells of a row that are read: far more than any header has.
const maxSheetColumns = 64

// row reads the row numbered line (as the spreadsheet shows it). It fails only when the sheet
// holds more than MaxQuestions questions.
func (r *sheetReader) row(line int, row []cell) error {
	if r.layout == nil {
		if r.scanned < headerRowsScanned {
			r.scanned++
			r.layout = findLayout(row)
		}
		return nil
	}
	if rowEmpty(row) {
		return nil
	}
	r.res.Found++
	if r.res.Found > MaxQuestions {
		return tooManyQuestions()
	}
	q, err := r.layout.question(row)
	if err == nil {
		err = q.Validate()
	}
	if err != nil {
		r.res.Problems = append(r.res.Problems, Problem{Line: line, Message: quiz.ErrorMessage(err)})
		return nil
	}
	r.res.Items = append(r.res.Items, Item{Line: line, Question: q})
	return nil
}

// headerMissing is the error of a sheet without a header row.
func headerMissing() error {
	return quiz.Errorf(quiz.EINVALID, "Không tìm thấy dòng tiêu đề của bảng câu hỏi: cần ít nhất cột “Câu hỏi” và cột “Đáp án” (hãy tải tệp mẫu để xem cách ghi).")
}

func rowEmpty(row []cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// get returns the cell of column c in row, or an empty cell.
func (l *sheetLayout) get(row []cell, c column) cell {
	if i := l.col[c]; i >= 0 && i < len(row) {
		return cell{Text: strings.TrimSpace(row[i].Text), Number: row[i].Number, IsNumber: row[i].IsNumber}
	}
	return cell{}
}

// question reads one row into a question, not yet validated.
func (l *sheetLayout) question(row []cell) (quiz.Question, error) {
	d := draft{where: sheetColumnName}
	for c := range d.fields {
		d.fields[c] = l.get(row, column(c))
	}
	for _, i := range l.options {
		s := ""
		if i < len(row) {
			s = strings.TrimSpace(row[i].Text)
		}
		d.options = append(d.options, s)
	}
	for len(d.options) > 0 && d.options[len(d.options)-1] == "" {
		d.options = d.options[:len(d.options)-1]
	}
	for i, o := range d.options {
		if o == "" {
			return quiz.Question{}, quiz.Errorf(quiz.EINVALID, "Phương án %s còn trống trong khi các phương án sau có nội dung.", quiz.OptionLabel(i))
		}
	}
	return d.question()
}

// sheetColumnName names a column in a message: cột “Đáp án”.
func sheetColumnName(c column) string { return "cột “" + sheetHeaders[c] + "”" }

// draft is a question as a file writes it, field by field as text (the columns of a sheet,
// the lines of a Word paper), before it is read into a quiz.Question. where names a field
// in a message, as the file shows it.
type draft struct {
	fields  [colCount]cell
	options []string
	where   func(column) string
}

func (d *draft) get(c column) cell { return d.fields[c] }

// question reads the draft into a question, not yet validated.
func (d *draft) question() (quiz.Question, error) {
	q := quiz.Question{Prompt: d.get(colPrompt).Text, Explanation: d.get(colExplanation).Text, Source: d.get(colSource).Text}
	if q.Prompt == "" {
		return q, quiz.Errorf(quiz.EINVALID, "Chưa có nội dung câu hỏi (%s).", d.where(colPrompt))
	}
	if err := d.readKind(&q); err != nil {
		return q, err
	}
	var err error
	if q.Difficulty, err = parseDifficulty(d.get(colDifficulty)); err != nil {
		return q, err
	}
	q.Tags = splitTags(d.get(colTags).Text)
	if q.Points, err = parseWhole(d.get(colPoints), d.where(colPoints)); err != nil {
		return q, err
	}
	if q.TimeLimitSec, err = parseWhole(d.get(colTime), d.where(colTime)); err != nil {
		return q, err
	}
	return q, nil
}

// readKind fills the type and the answer key of q from the "Loại" column, or, without one,
// from what the row holds: options and letters are a choice question, "Đúng"/"Sai" a
// true/false one, a number a numeric one, other text a short answer.
func (d *draft) readKind(q *quiz.Question) error {
	options, answer := d.options, d.get(colAnswer)
	kindText := d.get(colKind).Text
	if kindText != "" {
		k, ok := kindNames[headerKey(kindText)]
		if name, unsupported := unsupportedKinds[headerKey(kindText)]; unsupported {
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi dạng %s chưa được hỗ trợ: bỏ qua.", name)
		}
		if !ok {
			return quiz.Errorf(quiz.EINVALID, "Loại câu hỏi “%s” không rõ: hãy ghi một đáp án, nhiều đáp án, đúng sai, trả lời ngắn, điền số hoặc sắp xếp.", kindText)
		}
		q.Type, q.Partial = k.t, k.partial
	} else {
		switch {
		case len(options) == 2 && trueFalseAnswer(options[0]) >= 0 && trueFalseAnswer(options[1]) == 1-trueFalseAnswer(options[0]):
			q.Type = quiz.TrueFalse
		case len(options) > 0:
			q.Type = quiz.SingleChoice
			if letters, err := parseLetters(answer.Text, len(options)); err == nil && len(letters) > 1 {
				q.Type = quiz.MultiChoice
			}
		case trueFalseAnswer(answer.Text) >= 0:
			q.Type = quiz.TrueFalse
		case answer.Text == "":
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi chưa có đáp án đúng (%s).", d.where(colAnswer))
		default:
			if _, ok := sheetNumber(answer); ok {
				q.Type = quiz.Numeric
			} else {
				q.Type = quiz.ShortAnswer
			}
		}
	}
	switch q.Type {
	case quiz.SingleChoice, quiz.MultiChoice:
		q.Options = options
		if answer.Text == "" {
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi chưa có đáp án đúng (%s: ghi chữ cái của phương án đúng, như B hoặc AC).", d.where(colAnswer))
		}
		letters, err := parseLetters(answer.Text, len(options))
		if err != nil {
			return err
		}
		q.Correct = letters
	case quiz.TrueFalse:
		c := trueFalseAnswer(answer.Text)
		if c < 0 && len(options) == 2 {
			// A sheet with A = Đúng, B = Sai and the letter in "Đáp án".
			if letters, err := parseLetters(answer.Text, 2); err == nil && len(letters) == 1 {
				c = letters[0]
				if trueFalseAnswer(options[0]) == 1 {
					c = 1 - c
				}
			}
		}
		if c < 0 {
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi đúng sai cần đáp án “Đúng” hoặc “Sai” (%s).", d.where(colAnswer))
		}
		q.Correct = []int{c}
	case quiz.ShortAnswer:
		for a := range strings.SplitSeq(answer.Text, "|") {
			if a = strings.TrimSpace(a); a != "" {
				q.Answers = append(q.Answers, a)
			}
		}
		if len(q.Answers) == 0 {
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi trả lời ngắn chưa có đáp án (%s; nhiều đáp án được chấp nhận thì ngăn cách bằng “|”).", d.where(colAnswer))
		}
		q.NoDiacritics = yes(d.get(colNoDiacritics).Text)
	case quiz.Numeric:
		v, ok := sheetNumber(answer)
		if !ok {
			return quiz.Errorf(quiz.EINVALID, "Câu hỏi điền số cần một số ở %s (đang có “%s”).", d.where(colAnswer), answer.Text)
		}
		q.Value = v
		if tol := d.get(colTolerance); tol.Text != "" {
			if q.Tolerance, ok = sheetNumber(tol); !ok {
				return quiz.Errorf(quiz.EINVALID, "%s phải là một số (đang có “%s”).", capitalFirst(d.where(colTolerance)), tol.Text)
			}
		}
	case quiz.Ordering:
		// The options are in their right order, unless "Đáp án" gives it by letters.
		q.Options = options
		if answer.Text != "" {
			order, err := parseLetters(answer.Text, len(options))
			if err != nil {
				return err
			}
			if len(order) != len(options) {
				return quiz.Errorf(quiz.EINVALID, "Câu hỏi sắp xếp: %s phải ghi đủ %d phương án theo thứ tự đúng (như C, A, B, D), hoặc để trống nếu các phương án đã theo thứ tự đúng.", d.where(colAnswer), len(options))
			}
			q.Options = make([]string, len(order))
			for i, o := range order {
				q.Options[i] = options[o]
			}
		}
	}
	return nil
}

// parseLetters reads the letters of an answer ("B", "AC", "A, C", "a;c") as option indexes in
// the order written; each must name one of n options, once.
func parseLetters(s string, n int) ([]int, error) {
	var out []int
	for _, r := range s {
		switch {
		case r == ',' || r == ';' || r == '-' || r == '/' || r == '&' || unicode.IsSpace(r):
			continue
		case unicode.IsLetter(r) && unicode.ToUpper(r) >= 'A' && unicode.ToUpper(r) <= 'Z':
			i := int(unicode.ToUpper(r) - 'A')
			if i >= n {
				return nil, quiz.Errorf(quiz.EINVALID, "Đáp án “%s” chỉ đến phương án %c, nhưng câu hỏi chỉ có %d phương án.", s, unicode.ToUpper(r), n)
			}
			if slices.Contains(out, i) {
				return nil, quiz.Errorf(quiz.EINVALID, "Đáp án “%s” ghi phương án %c hai lần.", s, unicode.ToUpper(r))
			}
			out = append(out, i)
		default:
			return nil, quiz.Errorf(quiz.EINVALID, "Đáp án “%s” không đọc được: hãy ghi chữ cái của phương án đúng, như B, hoặc A, C khi có nhiều đáp án.", s)
		}
	}
	if len(out) == 0 {
		return nil, quiz.Errorf(quiz.EINVALID, "Câu hỏi chưa có đáp án đúng (cột “Đáp án”).")
	}
	return out, nil
}

// trueFalseAnswer reads "Đúng" (0) or "Sai" (1), also "Đ" and "S", or returns -1. A Latin
// "D" is option D, not "Đ" without its stroke.
func trueFalseAnswer(s string) int {
	if t := strings.TrimSpace(s); len(s) > 16 || t == "" || t == "D" || t == "d" {
		return -1
	}
	switch headerKey(s) {
	case "dung", "d", "true", "t", "yes":
		return 0
	case "sai", "s", "false", "f", "no":
		return 1
	}
	return -1
}

// yes reads a "Không dấu" cell: any mark of yes.
func yes(s string) bool {
	switch headerKey(s) {
	case "x", "co", "1", "dung", "true", "yes", "y", "v":
		return true
	}
	return false
}

// sheetNumber reads a number: as stored in a number cell, or as a Vietnamese person types it.
func sheetNumber(c cell) (float64, bool) {
	if c.IsNumber {
		return c.Number, true
	}
	return quiz.ParseNumber(c.Text)
}

// parseWhole reads a whole number (points, seconds); an empty cell is 0 (the default).
func parseWhole(c cell, where string) (int, error) {
	if c.Text == "" {
		return 0, nil
	}
	v, ok := sheetNumber(c)
	if !ok || v != math.Trunc(v) || v < 0 || v > 1e6 {
		return 0, quiz.Errorf(quiz.EINVALID, "%s phải là một số nguyên dương (đang có “%s”).", capitalFirst(where), c.Text)
	}
	return int(v), nil
}

// parseDifficulty reads "Mức độ": a level's name, its initials (NB, TH, VD, VDC) or 1–4.
func parseDifficulty(c cell) (int, error) {
	if strings.TrimSpace(c.Text) == "" {
		return 0, nil
	}
	k := headerKey(c.Text)
	if k == "" {
		return 0, nil
	}
	switch k {
	case "nb":
		return quiz.Recall, nil
	case "th":
		return quiz.Understand, nil
	case "vd":
		return quiz.Apply, nil
	case "vdc":
		return quiz.ApplyHigh, nil
	}
	for i, name := range quiz.DifficultyNames {
		if i > 0 && k == headerKey(name) {
			return i, nil
		}
	}
	if v, ok := sheetNumber(c); ok && v == math.Trunc(v) && v >= 1 && v <= quiz.MaxDifficulty {
		return int(v), nil
	}
	return 0, quiz.Errorf(quiz.EINVALID, "Mức độ “%s” không rõ: hãy ghi nhận biết, thông hiểu, vận dụng, vận dụng cao (hoặc NB, TH, VD, VDC, hoặc 1 đến 4).", c.Text)
}

// splitTags reads "Chủ đề": tags separated by ";" or ",", each once.
func splitTags(s string) []string {
	var tags []string
	for t := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == ',' }) {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// sheetRows lays out questions as a sheet: the header row, then one row per question a sheet
// can hold; the others are Problems. Numbers are number cells (a writer of text formats writes
// their text the way sheetNumber reads it back).
func sheetRows(qs []quiz.Question) ([][]cell, []Problem) {
	nopts := 4
	for _, q := range qs {
		if q.Type != quiz.TrueFalse {
			nopts = max(nopts, min(len(q.Options), quiz.MaxOptions))
		}
	}
	header := []cell{textCell(sheetHeaders[colPrompt])}
	for i := range nopts {
		header = append(header, textCell(quiz.OptionLabel(i)))
	}
	for c := colAnswer; c < colCount; c++ {
		header = append(header, textCell(sheetHeaders[c]))
	}
	rows := [][]cell{header}
	var problems []Problem
	for i, q := range qs {
		row, err := sheetRow(q, nopts)
		if err != nil {
			problems = append(problems, Problem{Line: i + 1, Message: quiz.ErrorMessage(err)})
			continue
		}
		rows = append(rows, row)
	}
	return rows, problems
}

// sheetRow is one question's row under the header sheetRows writes.
func sheetRow(q quiz.Question, nopts int) ([]cell, error) {
	if _, ok := kindLabels[q.Type]; !ok {
		return nil, quiz.Errorf(quiz.EINVALID, "Loại câu hỏi “%s” không ghi được vào bảng tính.", q.Type)
	}
	for _, t := range q.Tags {
		if strings.ContainsAny(t, ",;") {
			return nil, quiz.Errorf(quiz.EINVALID, "Chủ đề “%s” có dấu phẩy hoặc chấm phẩy, là dấu ngăn cách các chủ đề trong bảng tính: hãy đổi tên chủ đề.", t)
		}
	}
	row := []cell{textCell(q.Prompt)}
	opts := make([]cell, nopts)
	if q.Type != quiz.TrueFalse {
		for i, o := range q.Options {
			if i < nopts {
				opts[i] = textCell(o)
			}
		}
	}
	row = append(row, opts...)
	var answer, tolerance, noDiacritics cell
	kind := kindLabels[q.Type]
	switch q.Type {
	case quiz.SingleChoice, quiz.MultiChoice:
		var letters []string
		for _, c := range q.Correct {
			letters = append(letters, quiz.OptionLabel(c))
		}
		answer = textCell(strings.Join(letters, ", "))
		if q.Partial {
			kind = partialLabel
		}
	case quiz.TrueFalse:
		answer = textCell(quiz.TrueFalseOptions[0])
		if slices.Equal(q.Correct, []int{1}) {
			answer = textCell(quiz.TrueFalseOptions[1])
		}
	case quiz.ShortAnswer:
		for _, a := range q.Answers {
			if strings.Contains(a, "|") {
				return nil, quiz.Errorf(quiz.EINVALID, "Đáp án “%s” có dấu “|”, là dấu ngăn cách các đáp án trong bảng tính.", a)
			}
		}
		answer = textCell(strings.Join(q.Answers, " | "))
		if q.NoDiacritics {
			noDiacritics = textCell("x")
		}
	case quiz.Numeric:
		answer = numberCell(q.Value)
		if q.Tolerance != 0 {
			tolerance = numberCell(q.Tolerance)
		}
	case quiz.Ordering:
		var letters []string
		for i := range q.Options {
			letters = append(letters, quiz.OptionLabel(i))
		}
		answer = textCell(strings.Join(letters, ", "))
	}
	difficulty := cell{}
	if q.Difficulty > 0 && q.Difficulty < len(quiz.DifficultyNames) {
		difficulty = textCell(quiz.DifficultyNames[q.Difficulty])
	}
	row = append(row, answer, textCell(q.Explanation), difficulty, textCell(strings.Join(q.Tags, "; ")),
		wholeCell(q.Points), textCell(kind), wholeCell(q.TimeLimitSec), textCell(q.Source), noDiacritics, tolerance)
	return row, nil
}

// wholeCell is a number cell, or an empty one for 0 (the default).
func wholeCell(v int) cell {
	if v == 0 {
		return cell{}
	}
	return numberCell(float64(v))
}

// capitalFirst puts a message's first letter in capitals.
func capitalFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
