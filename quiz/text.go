package quiz

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and strips Vietnamese diacritics ("Bí thư chi bộ" -> "bi thu chi bo"),
// so a search typed without accents still finds what it means.
func Fold(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch base, ok := foldTable[r]; {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case ok:
			b.WriteRune(base)
		case unicode.Is(unicode.Mn, r) || r > maxFolded:
			// A mark of decomposed text, or a letter of another script: the slow, general way.
			return foldSlow(s)
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// maxFolded is the last letter foldTable covers (Latin Extended Additional, where most
// Vietnamese letters with two marks are).
const maxFolded = 0x1EFF

// foldTable maps each lower-case Latin letter with diacritics up to maxFolded to its letter
// without them (đ to d), worked out once from Unicode's decompositions.
var foldTable = func() map[rune]rune {
	t := map[rune]rune{'đ': 'd'}
	for r := rune(0xC0); r <= maxFolded; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) > 1 && d[0] < utf8.RuneSelf && unicode.Is(unicode.Mn, d[1]) {
			t[r] = d[0]
		}
	}
	return t
}()

// foldSlow is Fold for any text: NFD splits each letter from its marks, the marks are
// dropped, and NFC joins what is left.
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case !unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

// Longest free-text fields, in characters (API.md, "Limits"). Every free-text field is copied
// into frames, screens and spreadsheets, so each is bounded by what real content needs.
const (
	MaxTitleLen       = 200  // contest, round and bank titles
	MaxDescriptionLen = 2000 // a bank's description
	MaxPromptLen      = 1000 // a question
	MaxOptionLen      = 300  // one answer option
	MaxExplanationLen = 2000 // the explanation shown at the reveal
	MaxSourceLen      = 300  // the source document, such as "Hướng dẫn 12-HD/BTCTW"
	MaxTagLen         = 100  // one topic tag, such as "Quy định 24-QĐ/TW"
	MaxDisplayNameLen = 100  // a user's display name
	MaxNameLen        = 80   // a contestant's name
	MaxUnitLen        = 120  // a contestant's chi bộ / đơn vị
	MaxReasonLen      = 300  // why an organiser corrected a score
)

// TextRule says how one free-text field is cleaned and checked by CleanText.
type TextRule struct {
	// Field names the field in messages, in lower case: "tên cuộc thi".
	Field string
	Max   int
	// Required refuses an empty value.
	Required bool
	// Multiline keeps line breaks and tabs; otherwise every run of white space becomes one space.
	Multiline bool
	// Person is for a contestant's name or unit: it must hold a letter, since it is the only
	// way the hall and the organisers tell people apart.
	Person bool
}

// CleanText puts s in one Unicode form (NFC: a name typed on two keyboards compares equal),
// trims it and checks it against r. Control characters (other than line breaks and tabs in a
// multi-line field) and invisible format characters (zero-width spaces, bidi overrides such as
// U+202E that would flip text on the projector) are refused, not silently removed, so what is
// stored is what the person sees.
func CleanText(s string, r TextRule) (string, error) {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	if r.Multiline {
		s = strings.TrimSpace(s)
	} else {
		s = strings.Join(strings.Fields(s), " ")
	}
	if s == "" {
		if r.Required {
			return "", Errorf(EINVALID, "Vui lòng nhập %s.", r.Field)
		}
		return "", nil
	}
	if n := utf8.RuneCountInString(s); n > r.Max {
		return "", Errorf(EINVALID, "%s dài quá %d ký tự (đang có %d).", capitalise(r.Field), r.Max, n)
	}
	letter := false
	for _, c := range s {
		switch {
		case c == utf8.RuneError:
			return "", Errorf(EINVALID, "%s có ký tự không đọc được.", capitalise(r.Field))
		case r.Multiline && (c == '\n' || c == '\t'):
		case unicode.IsControl(c) || unicode.Is(unicode.Cf, c) || unicode.Is(unicode.Co, c):
			return "", Errorf(EINVALID, "%s có ký tự ẩn hoặc ký tự điều khiển (%U): vui lòng gõ lại.", capitalise(r.Field), c)
		case unicode.IsLetter(c):
			letter = true
		}
	}
	if r.Person && !letter {
		return "", Errorf(EINVALID, "%s phải có chữ cái.", capitalise(r.Field))
	}
	return s, nil
}

// NameKey is how two contestants' names (or units) are compared: the same letters with their
// diacritics, ignoring case and spacing. "Nguyễn  văn An" and "nguyễn Văn an" are one person;
// "Lê" and "Lệ" are not.
func NameKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

func capitalise(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}
