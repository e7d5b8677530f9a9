package bankfile

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"hoithi/quiz"
)

// GIFT is Moodle's text format: "::title:: text {answers}", questions apart by blank lines.
// The reader follows Moodle's own (question/format/gift/format.php): comment lines "//" are
// dropped, "\" escapes ~ = # { } : and \n, and the answer block's shape says the kind.

// Escaped characters stand for themselves while a question is taken apart; they are private
// use characters, which no question may hold (quiz.CleanText refuses them).
var giftEscapes = map[byte]rune{
	'\\': '\uE000', ':': '\uE001', '#': '\uE002', '=': '\uE003',
	'{': '\uE004', '}': '\uE005', '~': '\uE006', 'n': '\uE007',
}

const giftPlaceholders = "\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007"

var giftUnescaper = strings.NewReplacer(
	"\uE000", `\`, "\uE001", ":", "\uE002", "#", "\uE003", "=",
	"\uE004", "{", "\uE005", "}", "\uE006", "~", "\uE007", "\n",
)

// giftHide replaces each escape by its placeholder.
func giftHide(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if r, ok := giftEscapes[s[i+1]]; ok {
				b.WriteRune(r)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// giftChunk is one question's text (or a $CATEGORY line) and the line it starts on.
type giftChunk struct {
	lines []int // the number of each line kept
	text  string
}

// giftChunks splits a file into questions at blank lines, dropping comment lines.
func giftChunks(data []byte) []giftChunk {
	var chunks []giftChunk
	var cur []string
	var nums []int
	n := 0
	flush := func() {
		if len(cur) > 0 {
			chunks = append(chunks, giftChunk{lines: nums, text: strings.Join(cur, "\n")})
			cur, nums = cur[:0], nil
		}
	}
	for raw := range bytes.Lines(data) {
		n++
		line := strings.TrimRight(string(raw), "\r\n")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "//"):
		default:
			cur = append(cur, line)
			nums = append(nums, n)
		}
	}
	flush()
	return chunks
}

func readGIFT(data []byte) (*Result, error) {
	r := &Result{}
	var tags []string
	blocks := 0
	for _, c := range giftChunks(data) {
		if r.enough() {
			return r, nil
		}
		text, line := c.text, c.lines[0]
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "$CATEGORY:") {
			first, rest, _ := strings.Cut(t, "\n")
			tags = categoryTags(strings.TrimPrefix(first, "$CATEGORY:"))
			if strings.TrimSpace(rest) == "" {
				continue
			}
			text, line = rest, c.lines[1]
		}
		if strings.Contains(text, "{") {
			blocks++
		}
		readGIFTQuestion(r, line, text, tags)
	}
	if blocks == 0 {
		return nil, quiz.Errorf(quiz.EINVALID, "Tệp không có câu hỏi GIFT nào (câu hỏi và đáp án trong ngoặc nhọn, ví dụ {=đúng ~sai}).")
	}
	return r, nil
}

// giftText is one piece of GIFT text as hoithi shows it: escapes restored, a leading
// [html] / [moodle] / [markdown] / [plain] applied.
func giftText(s string) htmlText {
	s = strings.TrimSpace(s)
	format := "moodle"
	if strings.HasPrefix(s, "[") {
		if end := strings.IndexByte(s, ']'); end > 0 {
			switch f := s[1:end]; f {
			case "html", "moodle", "markdown", "plain":
				format, s = f, s[end+1:]
			}
		}
	}
	s = giftUnescaper.Replace(s)
	switch format {
	case "html":
		return fromHTML(s, false)
	case "moodle":
		return fromHTML(s, true)
	case "markdown":
		s = strings.NewReplacer("**", "", "__", "").Replace(s)
	}
	return htmlText{Text: strings.TrimSpace(s)}
}

// readGIFTQuestion reads one question and adds it, or its problem, to r.
func readGIFTQuestion(r *Result, line int, text string, tags []string) {
	if strings.ContainsAny(text, giftPlaceholders) {
		reject(r, line, "Câu hỏi có ký tự ẩn (vùng dùng riêng của Unicode): vui lòng gõ lại.")
		return
	}
	text = giftHide(strings.TrimSpace(text))
	if strings.HasPrefix(text, "::") {
		if end := strings.Index(text[2:], "::"); end >= 0 {
			text = text[2+end+2:]
		}
	}
	open := strings.IndexByte(text, '{')
	if open < 0 {
		reject(r, line, "Không thấy phần đáp án trong ngoặc nhọn { … }: đoạn này là phần mô tả (description), chưa được hỗ trợ: bỏ qua.")
		return
	}
	end := strings.IndexByte(text[open:], '}')
	if end < 0 {
		reject(r, line, "Phần đáp án thiếu dấu đóng ngoặc “}”.")
		return
	}
	end += open
	before, block, after := text[:open], text[open+1:end], strings.TrimSpace(text[end+1:])
	if strings.Contains(after, "{") {
		reject(r, line, unsupportedKind("nhiều chỗ trống trong một câu (cloze)"))
		return
	}
	promptText := before
	if after != "" {
		// A word left out, as Moodle shows it: "Grant is _____ in Grant's tomb."
		sep := " "
		if c, _ := utf8.DecodeRuneInString(after); unicode.IsPunct(c) {
			sep = ""
		}
		promptText = strings.TrimRight(before, " \t") + " _____" + sep + after
	}
	prompt := giftText(promptText)
	// A GIFT file is text only: an <img> names a picture the file does not hold (Moodle
	// exports GIFT without its files), so the question is a problem; Moodle XML carries them.
	if len(prompt.Media) > 0 {
		reject(r, line, mediaProblem(prompt.Media))
		return
	}
	q := quiz.Question{Prompt: prompt.Text, Tags: addTags(nil, tags...)}
	if i := strings.Index(block, "####"); i >= 0 {
		q.Explanation = giftText(block[i+4:]).Text
		block = block[:i]
	}
	block = strings.TrimSpace(block)
	var problem string
	switch {
	case block == "":
		problem = unsupportedKind("tự luận (essay)")
	case strings.HasPrefix(block, "#"):
		problem = giftNumeric(&q, block[1:])
	case strings.Contains(block, "~"):
		problem = giftChoice(&q, block)
	case strings.Contains(block, "=") && strings.Contains(block, "->"):
		problem = unsupportedKind("ghép đôi (matching)")
	default:
		word, _, _ := strings.Cut(block, "#")
		switch strings.ToUpper(strings.TrimSpace(word)) {
		case "T", "TRUE":
			q.Type, q.Correct = quiz.TrueFalse, []int{0}
		case "F", "FALSE":
			q.Type, q.Correct = quiz.TrueFalse, []int{1}
		default:
			problem = giftShort(&q, block)
		}
	}
	if problem != "" {
		reject(r, line, problem)
		return
	}
	keep(r, line, q)
}

// giftAnswer is one answer of a block: its weight in percent, and its text.
type giftAnswer struct {
	weight float64
	text   string
}

// giftAnswers splits a block at each '=' (full marks) and '~' (no marks unless weighted
// "%50%"), dropping each answer's feedback after '#'.
func giftAnswers(block string) ([]giftAnswer, string) {
	var answers []giftAnswer
	for i := 0; i < len(block); {
		c := block[i]
		j := i + 1
		for j < len(block) && block[j] != '=' && block[j] != '~' {
			j++
		}
		part := block[i:j]
		i = j
		weight := 0.0
		switch c {
		case '=':
			weight, part = 100, part[1:]
		case '~':
			part = part[1:]
		default:
			if strings.TrimSpace(part) == "" {
				continue
			}
			weight = 100 // a first answer without a mark, as Moodle reads {four}
		}
		part, _, _ = strings.Cut(part, "#")
		part = strings.TrimSpace(part)
		if strings.HasPrefix(part, "%") {
			end := strings.IndexByte(part[1:], '%')
			if end < 0 {
				return nil, "Trọng số của phương án phải viết dạng %50%."
			}
			w, err := strconv.ParseFloat(strings.TrimSpace(part[1:1+end]), 64)
			if err != nil || math.IsNaN(w) || w < -100 || w > 100 {
				return nil, "Trọng số của phương án phải là số phần trăm từ -100 đến 100 (ví dụ %50%)."
			}
			weight, part = w, strings.TrimSpace(part[2+end:])
		}
		answers = append(answers, giftAnswer{weight: weight, text: part})
	}
	return answers, ""
}

// giftChoice reads a multiple-choice block: one answer of full marks is a single-choice
// question; several weighted answers (none full) a multiple-choice one with partial credit,
// as Moodle grades it.
func giftChoice(q *quiz.Question, block string) string {
	answers, problem := giftAnswers(block)
	if problem != "" {
		return problem
	}
	full, some := []int{}, []int{}
	for i, a := range answers {
		t := giftText(a.text)
		if len(t.Media) > 0 {
			return mediaProblem(t.Media)
		}
		q.Options = append(q.Options, t.Text)
		if a.weight >= 99.99 {
			full = append(full, i)
		}
		if a.weight > 0 {
			some = append(some, i)
		}
	}
	switch {
	case len(full) == 1:
		q.Type, q.Correct = quiz.SingleChoice, full
	case len(full) > 1:
		return "Có nhiều phương án cùng được trọn điểm (=): câu một đáp án chỉ có một phương án đúng; câu nhiều đáp án ghi trọng số, ví dụ {~%50%a ~%50%b ~%-100%c}."
	case len(some) > 1:
		q.Type, q.Correct, q.Partial = quiz.MultiChoice, some, true
	case len(some) == 1:
		q.Type, q.Correct = quiz.SingleChoice, some
	default:
		return "Câu hỏi chưa có đáp án đúng (cần một phương án “=”, hoặc trọng số dương như ~%50%)."
	}
	return ""
}

// giftShort reads a short-answer block: the answers of full marks are the accepted ones.
func giftShort(q *quiz.Question, block string) string {
	answers, problem := giftAnswers(block)
	if problem != "" {
		return problem
	}
	q.Type = quiz.ShortAnswer
	for _, a := range answers {
		t := giftText(a.text)
		if a.weight < 99.99 || t.Text == "*" {
			continue
		}
		answer, ok := unstar(t.Text)
		if !ok {
			return wildcardProblem(t.Text)
		}
		q.Answers = append(q.Answers, answer)
	}
	if len(q.Answers) == 0 {
		return "Câu trả lời ngắn chưa có đáp án được chấp nhận (cần dạng {=đáp án})."
	}
	return ""
}

// giftNumeric reads a numeric block: "1822", "1822:5", "1..5", or several answers of which
// the first of full marks is the key ("=1822:0 =%50%1822:2").
func giftNumeric(q *quiz.Question, block string) string {
	q.Type = quiz.Numeric
	block = strings.TrimSpace(block)
	if !strings.HasPrefix(block, "=") {
		v, _, _ := strings.Cut(block, "~")
		block = "=" + v
	}
	answers, problem := giftAnswers(block)
	if problem != "" {
		return problem
	}
	for _, a := range answers {
		if a.weight < 99.99 {
			continue
		}
		value, tolerance, ok := giftNumber(giftUnescaper.Replace(a.text))
		if !ok {
			return "Đáp án số “" + giftUnescaper.Replace(a.text) + "” không đọc được (cần dạng {#1822}, {#1822:5} hoặc {#1..5})."
		}
		q.Value, q.Tolerance = value, tolerance
		return ""
	}
	return "Câu điền số chưa có đáp án trọn điểm (cần dạng {#1822} hoặc {#=1822:0})."
}

// giftNumber reads "v", "v:tolerance" or "min..max".
func giftNumber(s string) (value, tolerance float64, ok bool) {
	s = strings.TrimSpace(s)
	if lo, hi, found := strings.Cut(s, ".."); found {
		a, ok1 := number(lo)
		b, ok2 := number(hi)
		if !ok1 || !ok2 {
			return 0, 0, false
		}
		if a > b {
			a, b = b, a
		}
		return tidyFloat((a + b) / 2), tidyFloat((b - a) / 2), true
	}
	v, t, found := strings.Cut(s, ":")
	value, ok = number(v)
	if !ok {
		return 0, 0, false
	}
	if found {
		if tolerance, ok = number(t); !ok {
			return 0, 0, false
		}
	}
	return value, math.Abs(tolerance), true
}

// number reads a number written with a decimal point, or failing that as a Vietnamese
// trainer types it ("3,5").
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
		return v, true
	}
	return quiz.ParseNumber(s)
}

// tidyFloat drops the binary noise of an arithmetic step: (3.141+3.142)/2 is 3.1415.
func tidyFloat(v float64) float64 {
	t, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return t
}

// giftWrite writes text so that readGIFT reads it back the same: special characters
// escaped, and marked [plain] where it could be taken for HTML, a format or a comment.
func giftWrite(s string) string {
	e := giftEscape(s)
	if strings.ContainsAny(s, "<&") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "%") || strings.HasPrefix(s, "//") {
		return "[plain]" + e
	}
	return e
}

// giftEscape escapes GIFT's special characters in text.
func giftEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "~", `\~`, "=", `\=`, "#", `\#`, "{", `\{`, "}", `\}`, ":", `\:`, "\n", `\n`).Replace(s)
}

// formatFloat writes a number the shortest way that reads back the same.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// percent writes a weight the way Moodle writes its grades: 33.33333, 50, -12.5.
func percent(v float64) string {
	s := strconv.FormatFloat(v, 'f', 5, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func writeGIFT(qs []quiz.Question) ([]byte, []Problem, error) {
	var b strings.Builder
	var problems []Problem
	category := categoryPath(nil)
	for i, q := range qs {
		if q.Type == quiz.Ordering {
			problems = append(problems, Problem{Line: i + 1, Message: "GIFT không có câu hỏi sắp xếp: bỏ qua câu này."})
			continue
		}
		if _, ok := quiz.KindOf(q.Type); !ok {
			problems = append(problems, Problem{Line: i + 1, Message: "Loại câu hỏi không hợp lệ: bỏ qua câu này."})
			continue
		}
		if c := categoryPath(q.Tags); c != category {
			b.WriteString("$CATEGORY: " + c + "\n\n")
			category = c
		}
		b.WriteString(giftWrite(q.Prompt) + " {")
		switch q.Type {
		case quiz.SingleChoice, quiz.MultiChoice:
			b.WriteString(giftChoiceBlock(q))
		case quiz.TrueFalse:
			if len(q.Correct) == 1 && q.Correct[0] == 1 {
				b.WriteString("F")
			} else {
				b.WriteString("T")
			}
		case quiz.ShortAnswer:
			for _, a := range q.Answers {
				b.WriteString("\n\t=" + giftWrite(literalStar(a)))
			}
			b.WriteString("\n")
		case quiz.Numeric:
			b.WriteString("#" + formatFloat(q.Value))
			if q.Tolerance != 0 {
				b.WriteString(":" + formatFloat(q.Tolerance))
			}
		}
		if q.Explanation != "" {
			if !strings.HasSuffix(b.String(), "\n") {
				b.WriteString("\n")
			}
			b.WriteString("\t####" + giftWrite(q.Explanation) + "\n")
		}
		b.WriteString("}\n\n")
	}
	return []byte(b.String()), problems, nil
}

// giftChoiceBlock writes the options of a choice question: "=" for the one right option of
// a single-choice question; weights for a multiple-choice one (each right option 100/k, each
// wrong one −100/k with partial credit, −100 without, the nearest Moodle has to all or
// nothing).
func giftChoiceBlock(q quiz.Question) string {
	var b strings.Builder
	right := make(map[int]bool, len(q.Correct))
	for _, c := range q.Correct {
		right[c] = true
	}
	share := 100.0
	if len(q.Correct) > 0 {
		share = 100 / float64(len(q.Correct))
	}
	for i, o := range q.Options {
		b.WriteString("\n\t")
		switch {
		case q.Type == quiz.SingleChoice && right[i]:
			b.WriteString("=")
		case q.Type == quiz.SingleChoice:
			b.WriteString("~")
		case right[i]:
			b.WriteString("~%" + percent(share) + "%")
		case q.Partial:
			b.WriteString("~%" + percent(-share) + "%")
		default:
			b.WriteString("~%-100%")
		}
		b.WriteString(giftWrite(o))
	}
	b.WriteString("\n")
	return b.String()
}
