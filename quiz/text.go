package quiz

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and strips Vietnamese diacritics ("Bí thư chi bộ" -> "bi thu chi bo"),
// so a search typed without accents still finds what it means.
func Fold(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("đ", "d", "Đ", "d").Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return strings.Join(strings.Fields(out), " ")
}
