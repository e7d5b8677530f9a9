package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hoithi/quiz"
	"hoithi/quiz/bankfile"
)

// fileCommand is `hoithi import FILE --bank NAME …` or `hoithi export --bank NAME --format F
// -o FILE`: question files in and out of a bank from the machine that runs hoithi.
type fileCommand struct {
	action string // import or export
	file   string // the file read (import) or written (export)
	bank   string // the bank's title or id
	format string
	opts   bankfile.ImportOptions
	// images stores the pictures an import reads and gives an export the ones it writes.
	images quiz.ImageService
}

const fileUsage = `Cách dùng:
  hoithi import TỆP --bank TÊN [--format auto|xlsx|csv|aiken|gift|moodlexml|docx] [--dry-run] [--skip-bad] [--skip-duplicates]
  hoithi export --bank TÊN --format xlsx|csv|aiken|gift|moodlexml|docx -o TỆP`

// errRejected ends `hoithi import` with a non-zero status once its report is printed.
var errRejected = errors.New("tệp có câu hỏi lỗi nên chưa nhập câu nào (thêm --skip-bad để nhập các câu còn lại)")

// parseFileCommand reads the arguments after `hoithi import` or `hoithi export`. For import the
// file comes first, as the usage shows it.
func parseFileCommand(action string, args []string, stderr io.Writer) (fileCommand, error) {
	f := fileCommand{action: action}
	if action == "import" {
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return f, fmt.Errorf("thiếu tệp cần nhập\n\n%s", fileUsage)
		}
		f.file, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("hoithi "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.bank, "bank", "", "tên (hoặc mã) bộ câu hỏi")
	if action == "import" {
		fs.StringVar(&f.format, "format", "auto", "định dạng tệp")
		fs.BoolVar(&f.opts.DryRun, "dry-run", false, "chỉ đọc và kiểm tra, không lưu gì")
		fs.BoolVar(&f.opts.SkipBad, "skip-bad", false, "nhập các câu đúng, bỏ qua các câu lỗi")
		fs.BoolVar(&f.opts.SkipDuplicates, "skip-duplicates", false, "bỏ qua các câu bộ câu hỏi đã có")
	} else {
		fs.StringVar(&f.format, "format", "", "định dạng tệp")
		fs.StringVar(&f.file, "o", "", "tệp ghi ra")
	}
	if err := fs.Parse(args); err != nil {
		return f, err
	} else if fs.NArg() > 0 {
		return f, fmt.Errorf("thừa tham số %q\n\n%s", fs.Arg(0), fileUsage)
	}
	switch {
	case f.bank == "":
		return f, fmt.Errorf("thiếu --bank\n\n%s", fileUsage)
	case action == "export" && f.file == "":
		return f, fmt.Errorf("thiếu -o TỆP\n\n%s", fileUsage)
	case action == "export" && f.format == "":
		return f, fmt.Errorf("thiếu --format\n\n%s", fileUsage)
	}
	if f.format != "auto" {
		format, err := bankfile.ParseFormat(f.format)
		if err != nil {
			return f, errors.New(quiz.ErrorMessage(err))
		}
		f.opts.Format = format
	}
	f.opts.Filename = filepath.Base(f.file)
	return f, nil
}

// run does the command against the banks, as the first admin, printing to out.
func (f fileCommand) run(ctx context.Context, users quiz.UserService, banks quiz.BankService, out io.Writer) error {
	admin, err := firstAdmin(ctx, users)
	if err != nil {
		return err
	}
	if f.action == "export" {
		return f.export(ctx, admin, banks, out)
	}
	return f.importFile(ctx, admin, banks, out)
}

// importFile reads the file into the bank (made, owned by the admin, if no bank has that
// title), prints each problem by line, and ends with the report as one line of JSON.
func (f fileCommand) importFile(ctx context.Context, admin *quiz.User, banks quiz.BankService, out io.Writer) error {
	data, err := readFile(f.file)
	if err != nil {
		return err
	}
	b, err := findBank(ctx, admin, banks, f.bank)
	if quiz.ErrorCode(err) == quiz.ENOTFOUND && !f.opts.DryRun {
		b = &quiz.Bank{Title: f.bank, OwnerID: admin.ID}
		if err = banks.CreateBank(ctx, b); err == nil {
			fmt.Fprintf(out, "Đã tạo bộ câu hỏi “%s”.\n", b.Title)
		}
	} else if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		b, err = &quiz.Bank{Title: f.bank}, nil // a dry run into a bank still to be made
	}
	if err != nil {
		return userError(err)
	}
	f.opts.Images, f.opts.OwnerID = f.images, admin.ID
	rep, err := bankfile.Import(ctx, banks, b.ID, data, f.opts)
	if err != nil {
		return userError(err)
	}
	for _, p := range rep.Errors {
		fmt.Fprintf(out, "Dòng %d: %s\n", p.Line, p.Message)
	}
	for _, d := range rep.Duplicates {
		fmt.Fprintf(out, "Dòng %d: câu hỏi trùng với một câu đã có.\n", d.Line)
	}
	line, err := json.Marshal(struct {
		Format    bankfile.Format    `json:"format"`
		Questions int                `json:"questions"`
		Imported  int                `json:"imported"`
		Skipped   int                `json:"skipped"`
		Errors    []bankfile.Problem `json:"errors"`
	}{rep.Format, rep.Questions, rep.Imported, rep.Skipped, rep.Errors})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", line)
	if rep.Rejected {
		return errRejected
	}
	return nil
}

// export writes the bank's questions to the file in the format asked for.
func (f fileCommand) export(ctx context.Context, admin *quiz.User, banks quiz.BankService, out io.Writer) error {
	b, err := findBank(ctx, admin, banks, f.bank)
	if err != nil {
		return userError(err)
	}
	qs, err := banks.ListQuestions(ctx, b.ID)
	if err != nil {
		return err
	}
	var o bankfile.WriteOptions
	if f.images != nil {
		o.Picture = func(id string) ([]byte, error) {
			_, data, err := f.images.FindImage(ctx, id)
			return data, err
		}
	}
	data, left, err := bankfile.WriteWith(f.opts.Format, qs, o)
	if err != nil {
		return userError(err)
	}
	if err := os.WriteFile(f.file, data, 0o644); err != nil {
		return fmt.Errorf("không ghi được %s: %w", f.file, err)
	}
	for _, p := range left {
		if p.Written {
			fmt.Fprintf(out, "Câu %d: %s\n", p.Line, p.Message)
		} else {
			fmt.Fprintf(out, "Câu %d bị bỏ qua: %s\n", p.Line, p.Message)
		}
	}
	fmt.Fprintf(out, "Đã ghi %d câu hỏi của “%s” vào %s.\n", len(qs)-bankfile.LeftOut(left), b.Title, f.file)
	return nil
}

// readFile reads a question file, refusing one over the limit before reading it.
func readFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("không mở được %s: %w", name, err)
	}
	if st.Size() > bankfile.MaxFileBytes {
		return nil, fmt.Errorf("%s quá lớn (%d MB): mỗi tệp câu hỏi tối đa %d MB", name, st.Size()>>20, bankfile.MaxFileBytes>>20)
	}
	return os.ReadFile(name)
}

// findBank finds the bank with this id, or else this title, among all banks; two banks of the
// same title must be told apart by id.
func findBank(ctx context.Context, admin *quiz.User, banks quiz.BankService, name string) (*quiz.Bank, error) {
	all, err := banks.ListBanks(ctx, admin)
	if err != nil {
		return nil, err
	}
	var found []quiz.Bank
	for _, b := range all {
		if b.ID == name {
			return &b, nil
		}
		if quiz.NameKey(b.Title) == quiz.NameKey(name) {
			found = append(found, b)
		}
	}
	switch len(found) {
	case 0:
		return nil, quiz.Errorf(quiz.ENOTFOUND, "Không có bộ câu hỏi “%s”.", name)
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, b := range found {
		ids[i] = b.ID
	}
	return nil, quiz.Errorf(quiz.ECONFLICT, "Có %d bộ câu hỏi tên “%s”: hãy dùng mã của một bộ (%s).", len(found), name, strings.Join(ids, ", "))
}

// firstAdmin is the account the command acts as: the first admin by username.
func firstAdmin(ctx context.Context, users quiz.UserService) (*quiz.User, error) {
	all, err := users.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Role == quiz.RoleAdmin && !all[i].Disabled {
			return &all[i], nil
		}
	}
	return nil, errors.New("chưa có tài khoản quản trị: hãy chạy `hoithi serve` một lần, hoặc `hoithi user add … --role admin`")
}
