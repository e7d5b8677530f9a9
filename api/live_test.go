package api_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// choiceFor is what phone i answers to question q: right, wrong, or nothing (-1).
func choiceFor(i, q int, item quiz.Question) []int {
	switch {
	case i%10 == 9:
		return nil
	case (i+q)%3 == 0:
		// a wrong answer: the first option not in the key
		for o := range item.Options {
			if !slices.Contains(item.Correct, o) {
				return []int{o}
			}
		}
	}
	return item.Correct
}

// TestFiftyPhonesPlayAContest plays a whole contest of five questions with 50 phones over
// real websockets and checks every ack, score and rank against the answers sent, in both
// modes. Some phones resend, change their mind, or drop and resume mid-question.
func TestFiftyPhonesPlayAContest(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := newTestServer(t, mode)
			org := s.login("admin")
			qs := questions(5)
			for i := range qs {
				qs[i].Normalize()
			}
			contestID, pin := org.makeContest("fixed", qs)
			host, version := s.host(ctx, org, contestID)

			const n = 50
			phones := make([]*phone, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					p, st := s.join(ctx, pin, fmt.Sprintf("Thí sinh %02d", i), "Chi bộ "+fmt.Sprint(i%7))
					if got := decodeState(t, st); got.Phase != "lobby" {
						t.Errorf("phone %d: joined into phase %q, want lobby", i, got.Phase)
					}
					phones[i] = p
				}()
			}
			wg.Wait()
			if t.Failed() {
				return
			}
			version = org.mustCommand(contestID, "start", version)

			expected := make([]int, n) // what each phone should have scored, from what it sent
			for q, item := range qs {
				version = org.mustCommand(contestID, "next", version)
				var itemID string
				for i, p := range phones {
					f, err := p.Next(ctx, "item")
					if err != nil {
						t.Fatalf("phone %d, question %d: %v", i, q+1, err)
					}
					if hasAnswerKey(f.Raw) {
						t.Fatalf("the item frame carries the answer key: %s", f.Raw)
					}
					if itemID == "" {
						itemID = f.Item().ItemID
					} else if f.Item().ItemID != itemID {
						t.Fatalf("phones got different items")
					}
				}
				acked := make([][]int, n)
				for i, p := range phones {
					wg.Add(1)
					go func() {
						defer wg.Done()
						choice := choiceFor(i, q, item)
						if choice == nil {
							return
						}
						if q == 2 && i%5 == 1 {
							// loses Wi-Fi before answering, comes back to the open question
							st := decodeState(t, p.reconnect(ctx))
							if st.Phase != "item_open" || st.Item == nil || st.Item.ItemID != itemID || st.Answer != nil {
								t.Errorf("phone %d resumed into %+v", i, st)
								return
							}
						}
						id := fmt.Sprintf("p%d-q%d", i, q)
						ack := p.answer(ctx, itemID, id, choice...)
						if ack.T != "ack" || ack.Ack().AnswerID != id || !slices.Equal(ack.Ack().Choice, choice) {
							t.Errorf("phone %d: answer not acked: %s", i, ack.Raw)
							return
						}
						if i%4 == 0 {
							// the ack was slow: the phone sends the same answer again
							if again := p.answer(ctx, itemID, id, choice...); again.T != "ack" || again.Ack().AnswerID != id {
								t.Errorf("phone %d: resend not acked the same: %s", i, again.Raw)
							}
						}
						if i%6 == 0 {
							// a second, different answer: the first one stands
							if other := p.answer(ctx, itemID, id+"-x", (choice[0]+1)%len(item.Options)); other.T != "ack" || other.Ack().AnswerID != id || !slices.Equal(other.Ack().Choice, choice) {
								t.Errorf("phone %d: a second answer replaced the first: %s", i, other.Raw)
							}
						}
						if q == 3 && i%5 == 2 {
							// drops after the ack: the snapshot shows the stored answer
							st := decodeState(t, p.reconnect(ctx))
							if st.Answer == nil || st.Answer.AnswerID != id {
								t.Errorf("phone %d: stored answer missing after resume: %+v", i, st)
							}
						}
						acked[i] = choice
					}()
				}
				wg.Wait()
				if t.Failed() {
					return
				}
				version = org.mustCommand(contestID, "close", version)
				version = org.mustCommand(contestID, "reveal", version)
				for i, p := range phones {
					rev, err := p.Next(ctx, "reveal")
					if err != nil {
						t.Fatalf("phone %d: no reveal: %v", i, err)
					}
					r := rev.Reveal().Result
					if r == nil {
						t.Fatalf("phone %d: the reveal carries no result of its own: %s", i, rev.Raw)
					}
					right := acked[i] != nil && quiz.IsCorrect(item.Correct, acked[i])
					if right {
						expected[i] += item.Points
					}
					if r.Answered != (acked[i] != nil) || r.Correct != right || r.Score != expected[i] || !slices.Equal(r.Choice, nonNil(acked[i])) {
						t.Errorf("phone %d, question %d: result %s; sent %v, expected total %d", i, q+1, rev.Raw, acked[i], expected[i])
					}
				}
				version = org.mustCommand(contestID, "standings", version)
				for i, p := range phones {
					if f, err := p.Next(ctx, "standings"); err != nil || f.Standings().Me == nil {
						t.Fatalf("phone %d: no rank after standings: %v", i, err)
					}
				}
			}
			org.mustCommand(contestID, "next", version) // after the last item: finished

			var results struct {
				Standings []quiz.Standing `json:"standings"`
			}
			if st := org.do("GET", "/api/contests/"+contestID+"/results", nil, &results); st != 200 {
				t.Fatalf("results: HTTP %d", st)
			}
			if len(results.Standings) != n {
				t.Fatalf("results list %d contestants, want %d", len(results.Standings), n)
			}
			byID := map[string]quiz.Standing{}
			for k, r := range results.Standings {
				byID[r.ParticipantID] = r
				if k > 0 && r.Score > results.Standings[k-1].Score {
					t.Errorf("results out of order at rank %d", r.Rank)
				}
			}
			for i, p := range phones {
				f, err := p.Next(ctx, "standings")
				if err != nil || f.Standings().Me == nil {
					t.Fatalf("phone %d: no final standings with its rank: %v", i, err)
				}
				me := f.Standings().Me
				want := byID[p.id]
				if me.Score != expected[i] || want.Score != expected[i] || me.Rank != want.Rank {
					t.Errorf("phone %d: final score %d rank %d; results say %d rank %d; expected score %d", i, me.Score, me.Rank, want.Score, want.Rank, expected[i])
				}
			}

			// Every acked answer is in the database, once.
			answers, err := s.Contests.ListAnswers(ctx, contestID)
			if err != nil {
				t.Fatal(err)
			}
			answered := 0
			for i := range n {
				for q, item := range qs {
					if choiceFor(i, q, item) != nil {
						answered++
					}
				}
			}
			if len(answers) != answered {
				t.Errorf("%d answers stored, %d acked", len(answers), answered)
			}

			// The host screen saw the final top ten, the same as the results.
			var final wire.Standings
			for {
				f, err := host.Next(ctx, "standings")
				if err != nil {
					t.Fatal(err)
				}
				if final = f.Standings(); final.Final {
					break
				}
			}
			for k, row := range final.Top {
				if row.ParticipantID != results.Standings[k].ParticipantID || row.Score != results.Standings[k].Score {
					t.Errorf("screen rank %d: %s %d, results: %s %d", k+1, row.Name, row.Score, results.Standings[k].Name, results.Standings[k].Score)
				}
			}
		})
	}
}

func nonNil(c []int) []int {
	if c == nil {
		return []int{}
	}
	return c
}
