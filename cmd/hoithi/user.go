package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"hoithi/quiz"
)

// userCommand is `hoithi user add|reset|list`: account care from the machine that runs
// hoithi, for an admin who lost access to the web pages.
type userCommand struct {
	action   string // add, reset or list
	username string
	role     string
	name     string
	password string
}

const userUsage = `Cách dùng:
  hoithi user add TÊN --role organiser|trainer|judge|admin [--name "Họ tên"] [--password P]
  hoithi user reset TÊN [--password P]
  hoithi user list`

// parseUserCommand reads the arguments after `hoithi user`. The username comes before the
// flags, as the usage shows it.
func parseUserCommand(args []string, stderr io.Writer) (userCommand, error) {
	var u userCommand
	if len(args) == 0 {
		return u, fmt.Errorf("thiếu việc cần làm (add, reset hoặc list)\n\n%s", userUsage)
	}
	u.action, args = args[0], args[1:]
	switch u.action {
	case "add", "reset":
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return u, fmt.Errorf("thiếu tên đăng nhập\n\n%s", userUsage)
		}
		u.username, args = args[0], args[1:]
	case "list":
	default:
		return u, fmt.Errorf("việc không hợp lệ %q\n\n%s", u.action, userUsage)
	}
	fs := flag.NewFlagSet("hoithi user "+u.action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if u.action == "add" {
		fs.StringVar(&u.role, "role", "", "vai trò: organiser, trainer, judge hoặc admin")
		fs.StringVar(&u.name, "name", "", "tên hiển thị")
	}
	if u.action != "list" {
		fs.StringVar(&u.password, "password", "", "mật khẩu (bỏ trống: tạo sẵn và in ra)")
	}
	if err := fs.Parse(args); err != nil {
		return u, err
	} else if fs.NArg() > 0 {
		return u, fmt.Errorf("thừa tham số %q\n\n%s", fs.Arg(0), userUsage)
	}
	if u.action == "add" && u.role == "" {
		return u, fmt.Errorf("thiếu --role (organiser, trainer, judge hoặc admin)\n\n%s", userUsage)
	}
	return u, nil
}

// run does the action against users and prints the outcome to out.
func (u userCommand) run(ctx context.Context, users quiz.UserService, out io.Writer) error {
	switch u.action {
	case "add":
		return u.add(ctx, users, out)
	case "reset":
		return u.reset(ctx, users, out)
	default:
		return listUsers(ctx, users, out)
	}
}

func (u userCommand) add(ctx context.Context, users quiz.UserService, out io.Writer) error {
	password := u.password
	if password == "" {
		password = quiz.GeneratePassword()
	}
	user := &quiz.User{Username: u.username, DisplayName: u.name, Role: quiz.Role(u.role)}
	if err := users.CreateUser(ctx, user, password); err != nil {
		return userError(err)
	}
	fmt.Fprintf(out, "Đã tạo tài khoản %s (%s).\n", user.Username, user.Role)
	if u.password == "" {
		fmt.Fprintf(out, "Mật khẩu: %s\n(mật khẩu chỉ hiện một lần, hãy ghi lại)\n", password)
	}
	return nil
}

// reset sets a new password, enables the account again and ends all its sessions.
func (u userCommand) reset(ctx context.Context, users quiz.UserService, out io.Writer) error {
	user, err := users.FindUserByUsername(ctx, u.username)
	if quiz.ErrorCode(err) == quiz.ENOTFOUND {
		return fmt.Errorf("không tìm thấy người dùng %q (xem `hoithi user list`)", u.username)
	} else if err != nil {
		return err
	}
	password := u.password
	if password == "" {
		password = quiz.GeneratePassword()
	}
	if err := quiz.ValidatePassword(password); err != nil {
		return userError(err)
	}
	if user.Disabled {
		enabled := false
		if _, err := users.UpdateUser(ctx, user.ID, quiz.UserChange{Disabled: &enabled}); err != nil {
			return userError(err)
		}
	}
	if err := users.SetPassword(ctx, user.ID, password, ""); err != nil {
		return userError(err)
	}
	fmt.Fprintf(out, "Đã đặt lại mật khẩu của %s; tài khoản đang hoạt động và đã đăng xuất khỏi mọi thiết bị.\n", user.Username)
	if u.password == "" {
		fmt.Fprintf(out, "Mật khẩu mới: %s\n", password)
	}
	return nil
}

// listUsers prints every account as a table.
func listUsers(ctx context.Context, users quiz.UserService, out io.Writer) error {
	all, err := users.ListUsers(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "TÊN ĐĂNG NHẬP\tTÊN HIỂN THỊ\tVAI TRÒ\tTRẠNG THÁI\tNGÀY TẠO")
	for _, u := range all {
		state := "hoạt động"
		if u.Disabled {
			state = "đã khoá"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Role, state, u.CreatedAt.Local().Format("02/01/2006"))
	}
	return w.Flush()
}

// userError shows a domain error's Vietnamese message as it is.
func userError(err error) error {
	if code := quiz.ErrorCode(err); code != quiz.EINTERNAL {
		return fmt.Errorf("%s", quiz.ErrorMessage(err))
	}
	return err
}
