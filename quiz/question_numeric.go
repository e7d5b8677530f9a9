package quiz

import (
	"math"
	"strconv"
	"strings"
)

// MaxNumber bounds a numeric question's value and tolerance, so every key prints and compares
// exactly as typed.
const MaxNumber = 1e12

// ErrNotANumber is a numeric answer that does not read as a number: the contestant may type
// it again.
var ErrNotANumber = Errorf(EINVALID, "Vui lòng nhập một số, ví dụ 1930 hoặc 3,5.")

// numericKind is the rules of numeric questions: a typed number is right when it is within
// the tolerance of the value.
type numericKind struct{}

// Validate implements QuestionKind.
func (numericKind) Validate(q *Question) error {
	q.Options, q.Correct, q.Answers = nil, nil, nil
	if math.IsNaN(q.Value) || math.Abs(q.Value) > MaxNumber {
		return Errorf(EINVALID, "Đáp án số phải là một số không quá %g.", MaxNumber)
	}
	if math.IsNaN(q.Tolerance) || q.Tolerance < 0 || q.Tolerance > MaxNumber {
		return Errorf(EINVALID, "Sai số cho phép phải là một số không âm.")
	}
	return nil
}

// Public implements QuestionKind: the prompt only.
func (numericKind) Public(q *Question) PublicQuestion {
	return PublicQuestion{Type: q.Type, Prompt: q.Prompt, Image: q.Image}
}

// ParseResponse implements QuestionKind: a number as ParseNumber reads it.
func (numericKind) ParseResponse(q *Question, r Response) (Response, error) {
	r, err := parseTyped(r)
	if err != nil {
		return Response{}, err
	}
	if _, ok := ParseNumber(r.Text); !ok {
		return Response{}, ErrNotANumber
	}
	return r, nil
}

// Grade implements QuestionKind.
func (numericKind) Grade(q *Question, r Response) float64 {
	v, ok := ParseNumber(r.Text)
	// A hair of slack so that 0.1 + 0.2 within 0 of 0.3 is right, as the trainer meant.
	if ok && math.Abs(v-q.Value) <= q.Tolerance+1e-9*math.Max(1, math.Abs(q.Value)) {
		return 1
	}
	return 0
}

// Tally implements QuestionKind: how many got it right.
func (k numericKind) Tally(q *Question, rs []Response) []int { return tallyRight(k, q, rs) }

// ParseNumber reads a number as a Vietnamese phone user types it: "3,5" and "3.5" are three
// and a half; "1.822", "1.000.000" and "1 822" use the dot or the space between thousands, as
// Vietnamese writes them; where both marks appear the last one is the decimal mark
// ("1.234,5", "1,234.5"). A leading + or − is allowed.
func ParseNumber(s string) (float64, bool) {
	s = strings.Join(strings.Fields(s), "")
	s = strings.ReplaceAll(s, "−", "-")
	if s == "" || len(s) > 40 {
		return 0, false
	}
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && comma >= 0:
		thousands := ","
		if comma > dot {
			thousands = "."
		}
		s = strings.ReplaceAll(s, thousands, "")
		s = strings.ReplaceAll(s, ",", ".")
	case comma >= 0:
		if strings.Count(s, ",") > 1 {
			if !groupedByThousands(s, ',') {
				return 0, false
			}
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.ReplaceAll(s, ",", ".")
		}
	case dot >= 0 && groupedByThousands(s, '.'):
		s = strings.ReplaceAll(s, ".", "")
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+') {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// groupedByThousands reports whether every mark in s is followed by exactly three digits and
// the first group has one to three: "1.822", "12.000.000".
func groupedByThousands(s string, mark byte) bool {
	parts := strings.Split(strings.TrimLeft(s, "+-"), string(mark))
	if len(parts) < 2 || len(parts[0]) < 1 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}
