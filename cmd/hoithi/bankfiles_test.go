package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runHoithi runs `hoithi ARGS…` against the database env names and returns what it printed.
func runHoithi(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, log bytes.Buffer
	m := NewMain(&out, &log)
	if err := m.ParseFlags(args); err != nil {
		return "", err
	}
	err := m.Run(context.Background())
	if cerr := m.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	return out.String(), err
}

// importLine is the JSON object `hoithi import` prints last.
type importLine struct {
	Format    string `json:"format"`
	Questions int    `json:"questions"`
	Imported  int    `json:"imported"`
	Skipped   int    `json:"skipped"`
	Errors    []struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
}

func lastLine(t *testing.T, out string) importLine {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var l importLine
	dec := json.NewDecoder(strings.NewReader(lines[len(lines)-1]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		t.Fatalf("the last line is not the import's JSON: %v\n%s", err, out)
	}
	return l
}

// TestQuestionFilesGoInAndOutFromTheCommandLine: a trainer's GIFT file with an essay question
// is refused whole, then imported without it; the bank goes out as a Word paper and comes back;
// a real Word paper and a Moodle XML file from elsewhere come in.
func TestQuestionFilesGoInAndOutFromTheCommandLine(t *testing.T) {
	for mode, open := range databases(t) {
		t.Run(mode, func(t *testing.T) {
			env, _ := open(t)
			if _, err := runHoithi(t, env, "user", "add", "quantri", "--role", "admin", "--password", "mat-khau-quan-tri"); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			gift := filepath.Join(dir, "tap-huan.gift")
			writeErr := os.WriteFile(gift, []byte(`::Câu 1:: Cơ quan lãnh đạo cao nhất của chi bộ là gì? {=Đại hội chi bộ ~Chi ủy ~Bí thư chi bộ}

::Câu 2:: Hãy nêu cách chuẩn bị một buổi sinh hoạt chi bộ. {}

::Câu 3:: Chi bộ họp định kỳ mỗi tháng một lần. {T}
`), 0o644)
			if writeErr != nil {
				t.Fatal(writeErr)
			}

			out, err := runHoithi(t, env, "import", gift, "--bank", "Tập huấn")
			if err == nil {
				t.Fatalf("a file with an essay question was imported:\n%s", out)
			}
			l := lastLine(t, out)
			if l.Format != "gift" || l.Questions != 3 || l.Imported != 0 || l.Skipped != 1 || len(l.Errors) != 1 || l.Errors[0].Line != 3 {
				t.Fatalf("the refusal: %+v\n%s", l, out)
			}
			if !strings.Contains(out, "Dòng 3:") {
				t.Errorf("the problem is not shown by its line:\n%s", out)
			}

			out, err = runHoithi(t, env, "import", gift, "--bank", "Tập huấn", "--skip-bad")
			if l := lastLine(t, out); err != nil || l.Imported != 2 || l.Skipped != 1 {
				t.Fatalf("import skipping the essay: %v %+v\n%s", err, l, out)
			}

			paper := filepath.Join(dir, "tap-huan.docx")
			if out, err := runHoithi(t, env, "export", "--bank", "Tập huấn", "--format", "docx", "-o", paper); err != nil || !strings.Contains(out, "Đã ghi 2 câu hỏi") {
				t.Fatalf("export: %v\n%s", err, out)
			}
			out, err = runHoithi(t, env, "import", paper, "--bank", "Bản Word", "--dry-run")
			if l := lastLine(t, out); err != nil || l.Format != "docx" || l.Questions != 2 || l.Imported != 0 {
				t.Fatalf("the Word paper read back: %v %+v\n%s", err, l, out)
			}

			for _, real := range []string{"../../quiz/bankfile/testdata/docx/dapan.docx", "../../quiz/bankfile/testdata/moodle/multichoice.moodle.xml"} {
				out, err := runHoithi(t, env, "import", real, "--bank", "Tệp thật", "--skip-bad")
				if l := lastLine(t, out); err != nil || l.Imported == 0 {
					t.Fatalf("%s: %v %+v\n%s", real, err, l, out)
				}
			}

			// A Word paper's two pictures are stored on import and written back on export.
			out, err = runHoithi(t, env, "import", "../../quiz/bankfile/testdata/docx/libreoffice-resaved-pictures.docx", "--bank", "Ảnh")
			if l := lastLine(t, out); err != nil || l.Imported != 3 {
				t.Fatalf("a Word paper with pictures: %v %+v\n%s", err, l, out)
			}
			pictured := filepath.Join(dir, "anh.docx")
			if out, err := runHoithi(t, env, "export", "--bank", "Ảnh", "--format", "docx", "-o", pictured); err != nil {
				t.Fatalf("export with pictures: %v\n%s", err, out)
			}
			zr, err := zip.OpenReader(pictured)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			media := 0
			for _, f := range zr.File {
				if strings.HasPrefix(f.Name, "word/media/") {
					media++
				}
			}
			if media != 2 {
				t.Errorf("the exported paper holds %d pictures, want 2", media)
			}
		})
	}
}

// TestFileCommandMistakesAreExplained: each mistake says what is missing, in Vietnamese.
func TestFileCommandMistakesAreExplained(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import"}, "thiếu tệp"},
		{[]string{"import", "a.gift"}, "thiếu --bank"},
		{[]string{"import", "a.gift", "--bank", "B", "--format", "pdf"}, "không có"},
		{[]string{"export", "--bank", "B", "--format", "gift"}, "thiếu -o"},
		{[]string{"export", "--bank", "B", "-o", "x"}, "thiếu --format"},
	} {
		var out, log bytes.Buffer
		err := NewMain(&out, &log).ParseFlags(tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want it to say %q", tc.args, err, tc.want)
		}
	}
}
