package api

import (
	"bytes"
	"context"
	"net/netip"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"hoithi/quiz"
	"hoithi/realtime"
)

// clientAddr is the address limits count for a request: the peer's, or, when the peer is a
// trusted proxy, the nearest address in X-Forwarded-For that is not one. It reads the header
// from the right, as the proxies appended to it: the left end is whatever the client chose
// to send, which is what Fiber v2's ProxyHeader hands back (gofiber/fiber#3781).
func (s *Server) clientAddr(c *fiber.Ctx) string {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	peer = peer.Unmap()
	if !s.trusted(peer) {
		return peer.String()
	}
	var hops []string
	c.Request().Header.VisitAll(func(k, v []byte) {
		if bytes.EqualFold(k, []byte(fiber.HeaderXForwardedFor)) {
			hops = append(hops, strings.Split(string(v), ",")...)
		}
	})
	cur := peer
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a proxy we trust would not write that: count the last hop we believe
		}
		cur = hop.Unmap()
		if !s.trusted(cur) {
			break
		}
	}
	return cur.String()
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// withAddr puts the client address into the request's locals, for the websocket handlers.
func (s *Server) withAddr(c *fiber.Ctx) error {
	c.Locals("addr", s.clientAddr(c))
	return c.Next()
}

// sockets counts the open websockets of this instance, in total and per client address.
type sockets struct {
	mu     sync.Mutex
	byAddr map[string]int
	total  int
}

func (k *sockets) open(addr string) {
	k.mu.Lock()
	k.byAddr[addr]++
	k.total++
	k.mu.Unlock()
}

func (k *sockets) closed(addr string) {
	k.mu.Lock()
	if k.byAddr[addr]--; k.byAddr[addr] <= 0 {
		delete(k.byAddr, addr)
	}
	k.total--
	k.mu.Unlock()
}

func (k *sockets) count(addr string) (mine, total int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.byAddr[addr], k.total
}

// socketRoom refuses an upgrade, before it happens, when this instance or the client's address
// has as many sockets open as allowed. Upgrades under way at the same moment may pass the
// caps by as many as are in flight; a slot is taken only once the socket is open, so a
// handshake that fails never holds one.
func (s *Server) socketRoom(c *fiber.Ctx) error {
	l := s.engine.Limits()
	mine, total := s.socks.count(realtime.AddressKey(c.Locals("addr").(string)))
	if l.Sockets > 0 && total >= l.Sockets {
		return quiz.Errorf(codeServerFull, "Máy chủ đang có quá nhiều kết nối. Vui lòng thử lại sau ít phút.")
	}
	if l.SocketsPerAddress > 0 && mine >= l.SocketsPerAddress {
		return quiz.Errorf(codeTooManyConnections, "Mạng của đồng chí đang có quá nhiều kết nối tới máy chủ. Vui lòng đóng bớt các trang đang mở rồi thử lại.")
	}
	return c.Next()
}

// holdSocket counts a websocket as open for as long as run runs.
func (s *Server) holdSocket(addr string, run func()) {
	key := realtime.AddressKey(addr)
	s.socks.open(key)
	defer s.socks.closed(key)
	run()
}

var errTooManyPINs = wireError(realtime.ErrTooManyPINs)

// countBadPIN counts a wrong PIN looked up over HTTP with those tried over sockets.
func (s *Server) countBadPIN(ctx context.Context, addr string) error {
	ok, err := realtime.CountBadPIN(ctx, s.engine.Limits(), addr)
	if err != nil {
		return err
	} else if !ok {
		return errTooManyPINs
	}
	return wireError(realtime.ErrPINNotFound)
}

// loginKeys are the counters of failed logins: one per account, one per address.
func loginKeys(username, addr string) (account, address string) {
	return "login:user:" + realtime.HashToken(strings.ToLower(strings.TrimSpace(username)))[:32],
		"login:addr:" + realtime.AddressKey(addr)
}

var errTooManyLogins = quiz.Errorf(quiz.ERATELIMIT,
	"Đăng nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại, hoặc nhờ quản trị viên đặt lại mật khẩu.")

// loginAllowed reports whether the account and the address still have failures to spare.
func (s *Server) loginAllowed(ctx context.Context, username, addr string) error {
	l := s.engine.Limits()
	account, address := loginKeys(username, addr)
	for _, k := range []struct {
		lim realtime.Limit
		key string
	}{{l.LoginFailuresPerAccount, account}, {l.LoginFailuresPerAddress, address}} {
		if over, err := realtime.Over(ctx, l.Counters, k.lim, k.key); err != nil {
			return err
		} else if over {
			return errTooManyLogins
		}
	}
	return nil
}

// loginFailed counts a failed login against the account and the address.
func (s *Server) loginFailed(ctx context.Context, username, addr string) {
	l := s.engine.Limits()
	account, address := loginKeys(username, addr)
	if _, err := realtime.Take(ctx, l.Counters, l.LoginFailuresPerAccount, account); err != nil {
		s.log.Warn("count failed login", "error", err)
	}
	if _, err := realtime.Take(ctx, l.Counters, l.LoginFailuresPerAddress, address); err != nil {
		s.log.Warn("count failed login", "error", err)
	}
}
