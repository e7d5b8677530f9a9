package quiz

import (
	"strings"
	"testing"
)

func TestFreeTextIsCleanedAndBounded(t *testing.T) {
	name := TextRule{Field: "họ và tên", Max: MaxNameLen, Required: true, Person: true}
	title := TextRule{Field: "tên vòng thi", Max: MaxTitleLen}
	prompt := TextRule{Field: "nội dung câu hỏi", Max: MaxPromptLen, Required: true, Multiline: true}
	cases := []struct {
		name    string
		in      string
		rule    TextRule
		want    string
		refused string // part of the message when refused
	}{
		{"a name keeps its diacritics and loses extra spaces", "  Nguyễn   Văn\tAn ", name, "Nguyễn Văn An", ""},
		{"a name typed with combining accents is stored precomposed", "Nguye\u0302\u0303n", name, "Nguyễn", ""},
		{"an empty name is refused", "   ", name, "", "Vui lòng nhập họ và tên"},
		{"a name of digits only is refused", "12345", name, "", "phải có chữ cái"},
		{"a name of punctuation only is refused", "... ---", name, "", "phải có chữ cái"},
		{"a name with a right-to-left override is refused", "An\u202Enav", name, "", "U+202E"},
		{"a name with a zero-width space is refused", "Nguyễn\u200BAn", name, "", "U+200B"},
		{"a name with a control character is refused", "An\x07", name, "", "U+0007"},
		{"a name of 81 characters is refused", strings.Repeat("a", 81), name, "", "dài quá 80 ký tự"},
		{"a name of 80 characters is kept", strings.Repeat("ă", 80), name, strings.Repeat("ă", 80), ""},
		{"an empty round title is allowed", "", title, "", ""},
		{"a round title of 200,000 characters is refused", strings.Repeat("x", 200000), title, "", "Tên vòng thi dài quá 200 ký tự"},
		{"a question keeps its line breaks", "Dòng một\r\nDòng hai", prompt, "Dòng một\nDòng hai", ""},
		{"a question with a bidi isolate is refused", "Câu\u2066 hỏi", prompt, "", "U+2066"},
		{"a question of 1,001 characters is refused", strings.Repeat("b", 1001), prompt, "", "dài quá 1000 ký tự"},
		{"invalid UTF-8 is refused", "An\xff", name, "", "không đọc được"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CleanText(c.in, c.rule)
			if c.refused != "" {
				if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), c.refused) {
					t.Fatalf("got %q, %v; want refused with %q", got, err, c.refused)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestNamesDifferingOnlyInCaseAndSpacingAreOnePerson(t *testing.T) {
	if NameKey("Nguyễn  Văn AN") != NameKey(" nguyễn văn an") {
		t.Error("case and spacing should not make two names")
	}
	if NameKey("Nguye\u0302\u0303n") != NameKey("Nguyễn") {
		t.Error("the same letters typed on two keyboards should be one name")
	}
	if NameKey("Lê Văn An") == NameKey("Lệ Văn An") {
		t.Error("names that differ in a diacritic are different people")
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Bí thư chi bộ", "bi thu chi bo"},
		{"ĐẢNG VIÊN", "dang vien"},
		{"  Điều   lệ\tĐảng ", "dieu le dang"},
		{"Nghị quyết 21-NQ/TW", "nghi quyet 21-nq/tw"},
		{"already plain", "already plain"},
		// Decomposed input (as some Mac and Word files carry it) folds the same way.
		{"Bi\u0301 thu\u031b", "bi thu"},
		{"Ñandú 東京", "nandu 東京"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Đảng viên có nhiệm vụ tuyệt đối trung thành với mục đích lý tưởng cách mạng của Đảng"
	for b.Loop() {
		Fold(s)
	}
}
