package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hoithi/quiz"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A GIFT file of three good questions and an essay question (line 6), a kind hoithi lacks.
const giftFile = `// Câu hỏi tập huấn
::Câu 1:: Cơ quan lãnh đạo cao nhất của chi bộ là gì? {=Đại hội chi bộ ~Chi ủy ~Bí thư chi bộ}

::Câu 2:: Chi bộ họp định kỳ mỗi tháng một lần. {T}

::Câu 3:: Hãy nêu cách đồng chí chuẩn bị một buổi sinh hoạt chi bộ. {}

::Câu 4:: Bí thư chi bộ do ai bầu? {=Chi bộ hoặc chi ủy ~Đảng ủy cấp trên}
`

// upload posts data as a question file with the query q and decodes the answer into out.
func (b *browser) upload(bankID string, q url.Values, data []byte, out any) int {
	b.t.Helper()
	return b.do("POST", "/api/banks/"+bankID+"/import?"+q.Encode(), data, out)
}

// download gets a file, returning its status, headers and bytes.
func (b *browser) download(path string) (int, http.Header, []byte) {
	b.t.Helper()
	resp, err := b.http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, data
}

type importOut struct {
	Format    string `json:"format"`
	Questions int    `json:"questions"`
	Imported  int    `json:"imported"`
	Skipped   int    `json:"skipped"`
	Rejected  bool   `json:"rejected"`
	Errors    []struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
	Duplicates []struct {
		Line       int    `json:"line"`
		QuestionID string `json:"question_id"`
		Of         int    `json:"of"`
	} `json:"duplicates"`
	Items []struct {
		Line    int    `json:"line"`
		Type    string `json:"type"`
		Prompt  string `json:"prompt"`
		Picture bool   `json:"picture"`
	} `json:"items"`
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// TestAQuestionFileIsPreviewedThenImportedOrRefusedWhole: the trainer sees what a file holds
// and its problems by line before anything is saved; a file with problems is imported only
// when the bad items are to be skipped; the same file again is found to repeat the bank.
func TestAQuestionFileIsPreviewedThenImportedOrRefusedWhole(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			org := s.login("admin")
			var bank bankOut
			if st := org.do("POST", "/api/banks", map[string]string{"title": "Tập huấn"}, &bank); st != 201 {
				t.Fatalf("create bank: HTTP %d", st)
			}
			count := func() int {
				var b struct {
					Questions []json.RawMessage `json:"questions"`
				}
				org.do("GET", "/api/banks/"+bank.ID, nil, &b)
				return len(b.Questions)
			}
			gift := []byte(giftFile)
			named := url.Values{"filename": {"tap-huan.gift"}}

			var prev importOut
			q := url.Values{"filename": {"tap-huan.gift"}, "dry_run": {"true"}}
			if st := org.upload(bank.ID, q, gift, &prev); st != 200 {
				t.Fatalf("preview: HTTP %d %+v", st, prev.Error)
			}
			if prev.Format != "gift" || prev.Questions != 4 || len(prev.Items) != 3 || prev.Imported != 0 || prev.Skipped != 1 || !prev.Rejected {
				t.Fatalf("preview %+v", prev)
			}
			if len(prev.Errors) != 1 || prev.Errors[0].Line != 6 || prev.Errors[0].Message == "" {
				t.Fatalf("the preview's problems: %+v, want one at line 6", prev.Errors)
			}
			if it := prev.Items[1]; it.Line != 4 || it.Type != "truefalse" || !strings.Contains(it.Prompt, "họp định kỳ") {
				t.Fatalf("the preview's second question: %+v", it)
			}
			if n := count(); n != 0 {
				t.Fatalf("the preview saved %d questions", n)
			}

			var refused importOut
			if st := org.upload(bank.ID, named, gift, &refused); st != 422 || refused.Error.Code != "import_rejected" {
				t.Fatalf("a file with problems: HTTP %d %+v, want 422 import_rejected", st, refused.Error)
			}
			if n := count(); n != 0 {
				t.Fatalf("a refused file saved %d questions", n)
			}

			var done importOut
			q = url.Values{"filename": {"tap-huan.gift"}, "skip_bad": {"1"}}
			if st := org.upload(bank.ID, q, gift, &done); st != 201 || done.Imported != 3 || done.Skipped != 1 {
				t.Fatalf("import skipping the bad item: HTTP %d %+v", st, done)
			}
			if n := count(); n != 3 {
				t.Fatalf("the bank has %d questions, want 3", n)
			}

			var again importOut
			q = url.Values{"filename": {"tap-huan.gift"}, "skip_bad": {"1"}, "skip_duplicates": {"1"}}
			if st := org.upload(bank.ID, q, gift, &again); st != 200 || again.Imported != 0 || again.Skipped != 4 || len(again.Duplicates) != 3 ||
				again.Duplicates[0].QuestionID == "" {
				t.Fatalf("the same file again: HTTP %d %+v", st, again)
			}
			if n := count(); n != 3 {
				t.Fatalf("duplicates were imported: the bank has %d questions", n)
			}

			// Out again, in every format, and the GIFT back in another bank.
			for _, f := range []string{"gift", "aiken", "moodlexml", "csv", "xlsx", "docx"} {
				st, h, data := org.download("/api/banks/" + bank.ID + "/export?format=" + f)
				if st != 200 || len(data) == 0 || !strings.Contains(h.Get("Content-Disposition"), "attachment") || h.Get("X-Skipped-Questions") == "" {
					t.Fatalf("export %s: HTTP %d %v", f, st, h)
				}
				var other bankOut
				org.do("POST", "/api/banks", map[string]string{"title": "Bản " + f}, &other)
				// Aiken holds single-choice questions only: the true/false one is left out, and said so.
				left := map[string]string{"aiken": "1"}[f]
				if left == "" {
					left = "0"
				}
				if got := h.Get("X-Skipped-Questions"); got != left {
					t.Fatalf("export %s left out %s questions, want %s", f, got, left)
				}
				var back importOut
				if st := org.upload(other.ID, url.Values{"format": {f}}, data, &back); st != 201 || back.Rejected || back.Skipped != 0 ||
					fmt.Sprint(3-back.Imported) != left {
					t.Fatalf("the %s export read back: HTTP %d %+v", f, st, back)
				}
			}

			st, h, data := org.download("/api/question-template.xlsx")
			if st != 200 || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") {
				t.Fatalf("template: HTTP %d %v", st, h)
			}
			x, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the template is not an Excel file: %v", err)
			}
			rows, _ := x.GetRows(x.GetSheetName(0))
			if len(rows) == 0 || !strings.Contains(strings.Join(rows[0], "|"), "Câu hỏi") {
				t.Fatalf("the template's header: %v", rows)
			}
		})
	}
}

// TestBadImportsGetClearAnswers: a file of no known format, a format that does not exist, an
// empty or oversized file, a bank one may only read.
func TestBadImportsGetClearAnswers(t *testing.T) {
	s := newTestServer(t, "embedded")
	p := s.people(t)
	f := p.fixture(t)
	var bank bankOut
	p.owner.do("POST", "/api/banks", map[string]string{"title": "Nhập thử"}, &bank)
	cases := []struct {
		name   string
		who    *browser
		bank   string
		q      url.Values
		data   []byte
		status int
		code   string
	}{
		{"a file of no known format", p.owner, bank.ID, url.Values{"filename": {"anh.png"}}, []byte("\x89PNG\r\n\x1a\n"), 400, "invalid"},
		{"a format that does not exist", p.owner, bank.ID, url.Values{"format": {"pdf"}}, []byte(giftFile), 400, "invalid"},
		{"an empty file", p.owner, bank.ID, url.Values{"format": {"gift"}}, nil, 400, "invalid"},
		{"a bad flag", p.owner, bank.ID, url.Values{"format": {"gift"}, "dry_run": {"có"}}, []byte(giftFile), 400, "invalid"},
		{"a bank shared to read only", p.colleague, f.bank, url.Values{"format": {"gift"}}, []byte(giftFile), 403, "forbidden"},
		{"a bank of someone else", p.other, f.bank, url.Values{"format": {"gift"}}, []byte(giftFile), 404, "not_found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out importOut
			if st := c.who.upload(c.bank, c.q, c.data, &out); st != c.status || out.Error.Code != c.code || out.Error.Message == "" {
				t.Fatalf("HTTP %d %+v, want %d %s", st, out.Error, c.status, c.code)
			}
		})
	}
	// A file over 10 MB is refused from its length; a JSON route still takes no more than 1 MB
	// (TestEveryErrorIsClearJSON), but an upload may have more.
	if st, e := announceBody(t, s.URL, "/api/banks/"+bank.ID+"/import?format=gift", 10<<20+1); st != 413 || e.Error.Code != "too_large" {
		t.Fatalf("a file over 10 MB: HTTP %d %+v", st, e)
	}
	var big importOut
	if st := p.owner.upload(bank.ID, url.Values{"format": {"gift"}}, append([]byte(giftFile), bytes.Repeat([]byte("\n"), 2<<20)...), &big); st != 422 {
		t.Fatalf("a 2 MB question file: HTTP %d %+v, want it read (and refused for its essay question)", st, big.Error)
	}
	if st, _, _ := p.colleague.download(fmt.Sprintf("/api/banks/%s/export?format=gift", f.bank)); st != 200 {
		t.Fatalf("a colleague exports a bank shared with them: HTTP %d", st)
	}
}

// TestQuestionsAreSearchedInEveryBankOneMayRead: the owner and a colleague the bank is shared
// with find its question typed without diacritics; someone else does not; bad filters are 400.
func TestQuestionsAreSearchedInEveryBankOneMayRead(t *testing.T) {
	s := newTestServer(t, "embedded")
	p := s.people(t)
	p.fixture(t)
	var found struct {
		Questions []struct {
			Prompt    string `json:"prompt"`
			BankTitle string `json:"bank_title"`
		} `json:"questions"`
		More bool   `json:"more"`
		Next string `json:"next"`
	}
	if st := p.owner.do("GET", "/api/questions", nil, &found); st != 200 || len(found.Questions) != 1 || found.Questions[0].BankTitle != "Bộ câu hỏi của chi bộ" || found.More || found.Next != "" {
		t.Fatalf("the owner's search: HTTP %d %+v", st, found)
	}
	word := url.QueryEscape(quizFold(found.Questions[0].Prompt))
	for _, c := range []struct {
		who  *browser
		want int
	}{{p.owner, 1}, {p.colleague, 1}, {p.other, 0}} {
		found.Questions = nil
		if st := c.who.do("GET", "/api/questions?q="+word, nil, &found); st != 200 || len(found.Questions) != c.want {
			t.Errorf("search %q: HTTP %d, %d found, want %d", word, st, len(found.Questions), c.want)
		}
	}
	for _, bad := range []string{"difficulty=khó", "difficulty=9", "type=essay", "limit=1000", "limit=x", "after=x"} {
		var e apiErr
		if st := p.owner.do("GET", "/api/questions?"+bad, nil, &e); st != 400 || e.Error.Code != "invalid" {
			t.Errorf("%s: HTTP %d %+v", bad, st, e)
		}
	}
}

// quizFold is a prompt's first two words without diacritics, as a trainer types a search.
func quizFold(prompt string) string {
	return strings.Join(strings.Fields(quiz.Fold(prompt))[:2], " ")
}

// TestAnEditOfAnOldVersionIsRefusedAndTheHistorySaysWhoChangedWhat: two trainers editing the
// same question: the second, made from the version the first replaced, is refused (nothing of
// the first is lost); the history names who changed which parts; it is read by whoever may read
// the bank.
func TestAnEditOfAnOldVersionIsRefusedAndTheHistorySaysWhoChangedWhat(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			p := s.people(t)
			f := p.fixture(t)
			var q struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
				Points  int    `json:"points"`
			}
			var page struct {
				Questions []json.RawMessage `json:"questions"`
			}
			p.owner.do("GET", "/api/banks/"+f.bank, nil, &page)
			if err := json.Unmarshal(page.Questions[0], &q); err != nil || q.Version != 1 {
				t.Fatalf("the question: %+v %v", q, err)
			}
			body := map[string]any{}
			_ = json.Unmarshal(page.Questions[0], &body)
			body["points"], body["version"] = 250, 1
			if st := p.owner.do("PUT", "/api/questions/"+q.ID, body, &q); st != 200 || q.Version != 2 || q.Points != 250 {
				t.Fatalf("the first edit: HTTP %d %+v", st, q)
			}
			body["points"], body["explanation"] = 50, "Sửa từ bản cũ"
			var e apiErr
			if st := p.owner.do("PUT", "/api/questions/"+q.ID, body, &e); st != 409 || e.Error.Code != "conflict" {
				t.Fatalf("an edit of version 1 after version 2: HTTP %d %+v", st, e)
			}
			var h struct {
				Version   int `json:"version"`
				Revisions []struct {
					Version   int      `json:"version"`
					ActorName string   `json:"actor_name"`
					Changed   []string `json:"changed"`
				} `json:"revisions"`
			}
			if st := p.colleague.do("GET", "/api/questions/"+q.ID+"/history", nil, &h); st != 200 || h.Version != 2 || len(h.Revisions) != 1 ||
				h.Revisions[0].ActorName == "" || !slices.Equal(h.Revisions[0].Changed, []string{"điểm"}) {
				t.Fatalf("the history as the colleague reads it: HTTP %d %+v", st, h)
			}
			if st := p.other.do("GET", "/api/questions/"+q.ID+"/history", nil, nil); st != 404 {
				t.Fatalf("the history of a question of a bank one may not read: HTTP %d", st)
			}
		})
	}
}

// TestThePreviewSaysWhichQuestionsShowAPicture: a Moodle XML question with its picture
// embedded is previewed as showing one; the others are not.
func TestThePreviewSaysWhichQuestionsShowAPicture(t *testing.T) {
	const png1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
	file := `<quiz>
<question type="truefalse"><questiontext format="html"><text><![CDATA[<p>Chi bộ họp định kỳ mỗi tháng một lần.</p><img src="@@PLUGINFILE@@/hop.png">]]></text>
<file name="hop.png" path="/" encoding="base64">` + png1x1 + `</file></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
<question type="truefalse"><questiontext><text>Bí thư chi bộ do chi bộ bầu.</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
</quiz>`
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, mode)
			org := s.login("admin")
			var bank bankOut
			if st := org.do("POST", "/api/banks", map[string]string{"title": "Ảnh"}, &bank); st != 201 {
				t.Fatalf("create bank: HTTP %d", st)
			}
			var prev importOut
			q := url.Values{"filename": {"anh.xml"}, "dry_run": {"true"}}
			if st := org.upload(bank.ID, q, []byte(file), &prev); st != 200 || len(prev.Items) != 2 {
				t.Fatalf("preview: HTTP %d %+v", st, prev)
			}
			if !prev.Items[0].Picture || prev.Items[1].Picture || prev.Items[0].Prompt != "Chi bộ họp định kỳ mỗi tháng một lần." {
				t.Fatalf("the preview's questions: %+v, want a picture on the first only", prev.Items)
			}
		})
	}
}
