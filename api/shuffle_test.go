package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/realtime"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// shuffleQuestions are a shuffled round's questions: a single choice whose right option is C,
// a multiple choice whose right options are A and C, and a true/false.
func shuffleQuestions() []quiz.Question {
	return []quiz.Question{
		{Type: quiz.SingleChoice, Prompt: "Chi bộ họp thường kỳ bao lâu một lần?", Options: []string{"Hai tháng", "Ba tháng", "Mỗi tháng", "Nửa năm"},
			Correct: []int{2}, TimeLimitSec: 60, Points: 100},
		{Type: quiz.MultiChoice, Prompt: "Những việc nào thuộc nhiệm vụ của bí thư chi bộ?", Options: []string{"Chuẩn bị nội dung họp", "Thu thuế", "Kết nạp đảng viên", "Xử phạt hành chính"},
			Correct: []int{0, 2}, TimeLimitSec: 60, Points: 100},
		{Type: quiz.TrueFalse, Prompt: "Đảng viên phải sinh hoạt chi bộ?", Correct: []int{0}, TimeLimitSec: 60, Points: 100},
	}
}

// shuffledContest makes a contest of two quiz rounds: the first, of shuffleQuestions, with
// shuffle_options; the second, one single choice whose right option is A, without it.
func (b *browser) shuffledContest() (id, pin string) {
	b.t.Helper()
	var bank quiz.Bank
	if st := b.do("POST", "/api/banks", map[string]string{"title": "Bộ câu hỏi đảo đáp án"}, &bank); st != 201 {
		b.t.Fatalf("create bank: HTTP %d", st)
	}
	qs := append(shuffleQuestions(), quiz.Question{Type: quiz.SingleChoice, Prompt: "Vòng hai: câu hỏi không đảo?",
		Options: []string{"Một", "Hai", "Ba", "Bốn"}, Correct: []int{0}, TimeLimitSec: 60, Points: 100})
	ids := make([]string, len(qs))
	for i, q := range qs {
		var created quiz.Question
		if st := b.do("POST", "/api/banks/"+bank.ID+"/questions", q, &created); st != 201 {
			b.t.Fatalf("create question %d: HTTP %d", i+1, st)
		}
		ids[i] = created.ID
	}
	body := map[string]any{
		"title": "Hội thi đảo đáp án",
		"rounds": []map[string]any{
			{"title": "Đảo đáp án", "kind": "quiz", "scoring": "fixed", "auto_close": false, "question_ids": ids[:3], "settings": map[string]any{"shuffle_options": true}},
			{"title": "Giữ nguyên", "kind": "quiz", "scoring": "fixed", "auto_close": false, "question_ids": ids[3:]},
		},
	}
	var ct struct {
		ID     string `json:"id"`
		PIN    string `json:"pin"`
		Rounds []struct {
			Settings struct {
				ShuffleOptions bool `json:"shuffle_options"`
			} `json:"settings"`
		} `json:"rounds"`
	}
	if st := b.do("POST", "/api/contests", body, &ct); st != 201 {
		b.t.Fatalf("create contest: HTTP %d", st)
	}
	if len(ct.Rounds) != 2 || !ct.Rounds[0].Settings.ShuffleOptions || ct.Rounds[1].Settings.ShuffleOptions {
		b.t.Fatalf("the contest's rounds came back as %+v", ct.Rounds)
	}
	return ct.ID, ct.PIN
}

// keyless reads a phone's frames until one of type typ, failing on any that holds an answer
// key.
func keyless(ctx context.Context, t *testing.T, p *phone, typ string) livetest.Frame {
	t.Helper()
	for {
		f, err := p.Next(ctx)
		if err != nil {
			t.Fatalf("waiting for %s: %v", typ, err)
		}
		if hasAnswerKey(f.Raw) {
			t.Fatalf("a phone got the answer key before the reveal: %s", f.Raw)
		}
		if f.T == typ {
			return f
		}
	}
}

// rightByDisplay is what a contestant who taps the right options where their phone shows
// them sends: the options' own indexes, found through shown.
func rightByDisplay(shown, correct []int) []int {
	var choice []int
	for _, o := range shown {
		if slices.Contains(correct, o) {
			choice = append(choice, o)
		}
	}
	slices.Sort(choice)
	return choice
}

func TestEachPhoneShowsTheOptionsInItsOwnOrder(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			id, pin := org.shuffledContest()
			hc, v := s.host(ctx, org, id)
			h := &hostWatch{t: t, c: hc, version: v}
			var phones []*phone
			for i := range 8 {
				p, _ := s.join(ctx, pin, fmt.Sprintf("Đồng chí %d", i+1), "Chi bộ thôn Đông")
				phones = append(phones, p)
			}
			qs := shuffleQuestions()
			h.cmd(ctx, org, id, map[string]any{"cmd": "start"})

			for q, want := range qs[:2] {
				h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
				screen := decode[wire.Item](t, h.until(ctx, wire.TItem, nil))
				if !screen.Shuffled || screen.Shown != nil {
					t.Fatalf("question %d on the projector: shuffled %v, shown %v; want shuffled and no order of a phone's", q+1, screen.Shuffled, screen.Shown)
				}
				orders := map[string]bool{}
				for i, p := range phones {
					it := decode[wire.Item](t, keyless(ctx, t, p, wire.TItem))
					if it.ItemID != screen.ItemID || !slices.Equal(it.Options, want.Options) {
						t.Fatalf("phone %d got question %s with options %v, want %s with %v in their own order", i, it.ItemID, it.Options, screen.ItemID, want.Options)
					}
					if !slices.Equal(it.Shown, quiz.OptionOrder(it.ItemID, p.id, len(want.Options))) {
						t.Fatalf("phone %d shows the options in the order %v, not its own", i, it.Shown)
					}
					orders[fmt.Sprint(it.Shown)] = true
					if ack := p.answer(ctx, it.ItemID, fmt.Sprintf("p%d-q%d", i, q), rightByDisplay(it.Shown, want.Correct)...); ack.T != wire.TAck {
						t.Fatalf("phone %d: %s", i, ack.Raw)
					}
				}
				if len(orders) < 2 {
					t.Fatalf("8 phones all showed question %d's options in one order", q+1)
				}
				// A phone that reloads shows the order it showed before.
				before := quiz.OptionOrder(screen.ItemID, phones[3].id, len(want.Options))
				if st := decodeState(t, phones[3].reconnect(ctx)); st.Item == nil || !slices.Equal(st.Item.Shown, before) {
					t.Fatalf("after a reload the phone shows %+v, want the order %v", st.Item, before)
				}
				h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
				for _, p := range phones {
					keyless(ctx, t, p, wire.TClosed)
				}
				h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})
				for i, p := range phones {
					f, err := p.Next(ctx, wire.TReveal)
					if err != nil {
						t.Fatal(err)
					}
					r := f.Reveal()
					if !slices.Equal(r.Correct, want.Correct) || r.Result == nil || !r.Result.Correct || r.Result.Points != 100 {
						t.Fatalf("phone %d at the reveal of question %d: %s", i, q+1, f.Raw)
					}
					if r.Distribution[want.Correct[0]] != len(phones) {
						t.Fatalf("the reveal counts %v, want all %d on the right option's own index", r.Distribution, len(phones))
					}
				}
			}

			// True/false keeps Đúng before Sai, and a round without the setting shuffles nothing.
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			if it := decode[wire.Item](t, keyless(ctx, t, phones[0], wire.TItem)); it.Shuffled || it.Shown != nil {
				t.Fatalf("a true/false question was shuffled: %+v", it)
			}
			h.cmd(ctx, org, id, map[string]any{"cmd": "close"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "reveal"})
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"}) // the second round's intro
			h.cmd(ctx, org, id, map[string]any{"cmd": "next"})
			f := keyless(ctx, t, phones[1], wire.TItem)
			if strings.Contains(string(f.Raw), `"shown"`) || strings.Contains(string(f.Raw), `"shuffled"`) {
				t.Fatalf("a round without shuffle_options sent a phone %s", f.Raw)
			}
			if st := decodeState(t, phones[1].reconnect(ctx)); st.Item == nil || st.Item.Shown != nil {
				t.Fatalf("a reload in a round without shuffle_options: %+v", st.Item)
			}
		})
	}
}

// TestPhonesOnTwoInstancesEachGetTheirOwnOrder: the instance a phone is connected to sends it
// its own order, whichever instance opened the question.
func TestPhonesOnTwoInstancesEachGetTheirOwnOrder(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	a := newTestServer(t, "production")
	rdb := testRedis(t)
	b := startServer(t, "production", a.DB, realtime.NewRedisStore(rdb), realtime.NewRedisBroker(rdb, a.log), realtime.NewRedisLease(rdb), a.log)
	orgA := a.login("admin")
	id, pin := orgA.shuffledContest()
	_, v := a.host(ctx, orgA, id)
	var phones []*phone
	for i := range 6 {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		p, _ := srv.join(ctx, pin, fmt.Sprintf("Đồng chí %d", i+1), "Chi bộ liên thôn")
		phones = append(phones, p)
	}
	v = orgA.mustCommand(id, "start", v)
	v = orgA.mustCommand(id, "next", v)
	want := shuffleQuestions()[0]
	orders := map[string]bool{}
	var itemID string
	for i, p := range phones {
		it := decode[wire.Item](t, keyless(ctx, t, p, wire.TItem))
		itemID = it.ItemID
		if !slices.Equal(it.Shown, quiz.OptionOrder(it.ItemID, p.id, len(want.Options))) {
			t.Fatalf("phone %d on instance %d shows %v, not its own order", i, i%2, it.Shown)
		}
		orders[fmt.Sprint(it.Shown)] = true
		if ack := p.answer(ctx, it.ItemID, fmt.Sprint("a", i), rightByDisplay(it.Shown, want.Correct)...); ack.T != wire.TAck {
			t.Fatalf("phone %d: %s", i, ack.Raw)
		}
	}
	if len(orders) < 2 {
		t.Fatal("6 phones on two instances all showed one order")
	}
	if st := decodeState(t, phones[1].reconnect(ctx)); st.Item == nil || !slices.Equal(st.Item.Shown, quiz.OptionOrder(itemID, phones[1].id, 4)) {
		t.Fatalf("a phone reloaded on the second instance: %+v", st.Item)
	}
	v = orgA.mustCommand(id, "close", v)
	orgA.mustCommand(id, "reveal", v)
	for i, p := range phones {
		f, err := p.Next(ctx, wire.TReveal)
		if err != nil {
			t.Fatal(err)
		}
		if r := f.Reveal().Result; r == nil || !r.Correct {
			t.Fatalf("phone %d on instance %d answered right by its own display and got %s", i, i%2, f.Raw)
		}
	}
}
