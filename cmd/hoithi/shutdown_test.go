package main

import (
	"context"
	"syscall"
	"testing"
	"time"

	"hoithi/quiz/store/storetest"
	"hoithi/realtime/livetest"
	"hoithi/realtime/wire"
)

// TestShutdownClosesEverySocketAndExitsInTime runs a server through several contests, leaves
// sockets open in every state — finished contests' phones, phones in an open question with its
// timer running, control panel and projector screens, sockets that never joined, one that
// never sent a byte — then sends SIGTERM: the process must exit within its deadline and every
// websocket must be closed with 1001, in both modes.
func TestShutdownClosesEverySocketAndExitsInTime(t *testing.T) {
	for _, mode := range []string{"embedded", "production"} {
		t.Run(mode, func(t *testing.T) {
			services(t, mode == "production", mode == "production")
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			env := map[string]string{"HOITHI_DATA_DIR": t.TempDir()}
			if mode == "production" {
				env = map[string]string{"DATABASE_URL": storetest.EmptyDatabaseURL(t), "REDIS_URL": startRedis(t).url()}
			}
			srv := startNode(t, "hoithi", freeAddr(t), env)
			org := login(t, srv.base())
			var sockets []*livetest.Client
			host := func(id string) {
				c, err := livetest.Dial(ctx, srv.ws()+"/ws/host?contest="+id, org.cookies(srv.base()))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.Next(ctx, "host_state"); err != nil {
					t.Fatal(err)
				}
				sockets = append(sockets, c)
			}
			for range 2 { // finished contests whose phones and screens stay open
				id, pin := org.createContest(srv.base(), question(1, 30))
				host(id)
				for _, p := range joinAll(ctx, t, 3, pin, srv.ws()) {
					sockets = append(sockets, p.Client)
				}
				for _, cmd := range []string{"start", "next", "close", "reveal", "next"} {
					org.press(srv.base(), id, cmd)
				}
			}
			// a contest with a question open and its deadline timer armed
			id, pin := org.createContest(srv.base(), question(1, 60), question(2, 60))
			host(id)
			host(id)
			phones := joinAll(ctx, t, 5, pin, srv.ws())
			org.press(srv.base(), id, "start")
			org.press(srv.base(), id, "next")
			it := nextItem(ctx, t, phones)
			if _, err := phones[0].answer(ctx, it.ItemID, "a-0", 1); err != nil {
				t.Fatal(err)
			}
			for _, p := range phones {
				sockets = append(sockets, p.Client)
			}
			// sockets that never joined: one pinged, one said nothing at all
			for i := range 2 {
				c, err := livetest.Dial(ctx, srv.ws()+"/ws/play", nil)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					if err := c.Send(wire.ClientFrame{T: wire.TPing, ClientTime: 1}); err != nil {
						t.Fatal(err)
					}
					if _, err := c.Next(ctx, "pong", "error"); err != nil {
						t.Fatal(err)
					}
				}
				sockets = append(sockets, c)
			}

			// phones that keep coming back while the server shuts down, as phones told 1001 do
			stopDialing := make(chan struct{})
			defer close(stopDialing)
			go func() {
				for {
					select {
					case <-stopDialing:
						return
					default:
					}
					c, err := livetest.Dial(ctx, srv.ws()+"/ws/play", nil)
					if err != nil {
						continue
					}
					_ = c.Send(wire.ClientFrame{T: wire.TResume, Token: "not-a-phone-of-this-server"})
					<-c.Closed()
				}
			}()

			start := time.Now()
			if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			select {
			case <-srv.done:
			case <-time.After(5 * time.Second):
				t.Fatalf("still running 5 s after SIGTERM:\n%s", srv.out.String())
			}
			took := time.Since(start)
			for i, c := range sockets {
				select {
				case <-c.Closed():
				case <-time.After(5 * time.Second):
					t.Fatalf("socket %d still open after the server exited", i)
				}
				if c.CloseCode != 1001 {
					t.Errorf("socket %d closed with %d, want 1001 (going away)", i, c.CloseCode)
				}
			}
			if code := srv.cmd.ProcessState.ExitCode(); code != 0 {
				t.Errorf("exit code %d after SIGTERM, want 0:\n%s", code, srv.out.String())
			}
			t.Logf("exited %v after SIGTERM with %d sockets open", took.Round(time.Millisecond), len(sockets))
		})
	}
}
