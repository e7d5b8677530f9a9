package api_test

import (
	"bufio"
	"context"
	"math"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hoithi/quiz"
	"hoithi/realtime/wire"
)

// docMember is one row of a type's table in API.md.
type docMember struct {
	name, typ string
	optional  bool
}

// readAPIRoutes reads which type each route answers, from API.md's route tables ("| `GET
// /api/banks` | | `BankList` |") and lists ("- `GET /api/me` → `200 Session`").
func readAPIRoutes(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("API.md")
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]string{}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile("(?m)^\\| `((?:GET|POST|PUT|DELETE) [^`]+)`[^|]*\\|(?:[^|\\\\]|\\\\.)*\\| `(?:\\d{3} )?([A-Z]\\w+)`"),
		regexp.MustCompile("(?m)^- `((?:GET|POST|PUT|DELETE) [^`]+)`.*?→ `(?:\\d{3} )?([A-Z]\\w+)`"),
	} {
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			routes[m[1]] = m[2]
		}
	}
	if len(routes) < 20 {
		t.Fatalf("found only %d routes in API.md: %v", len(routes), routes)
	}
	return routes
}

// readAPITypes reads the answer types API.md documents: a level-four heading naming the type,
// then a table whose rows start with a member in backquotes and its type, or with …`T`: every
// member of type T.
func readAPITypes(t *testing.T) map[string][]docMember {
	t.Helper()
	f, err := os.Open("API.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile("^#### `(\\w+)`$")
	row := regexp.MustCompile("^\\| `(\\w+)` \\| ([^|]+?) \\|")
	embed := regexp.MustCompile("^\\| …`(\\w+)` \\|")
	types := map[string][]docMember{}
	embeds := map[string][]string{}
	embedded := map[string]bool{} // types met inside others, which need no route of their own
	current, inTable := "", false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := heading.FindStringSubmatch(line); m != nil {
			if _, dup := types[m[1]]; dup {
				t.Fatalf("API.md documents %s twice", m[1])
			}
			current, inTable = m[1], false
			types[current] = nil
			continue
		}
		if current == "" {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			if inTable {
				current = ""
			}
			continue
		}
		inTable = true
		if m := embed.FindStringSubmatch(line); m != nil {
			embeds[current] = append(embeds[current], m[1])
		}
		if m := row.FindStringSubmatch(line); m != nil {
			typ, optional := strings.CutSuffix(m[2], "?")
			types[current] = append(types[current], docMember{name: m[1], typ: typ, optional: optional})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for typ, inner := range embeds {
		for _, e := range inner {
			embedded[e] = true
			ms, ok := types[e]
			if !ok {
				t.Fatalf("API.md's %s takes the members of %s, which it does not document", typ, e)
			}
			types[typ] = append(types[typ], ms...)
		}
	}
	// A type that is embedded but also a route's answer (Contest in Workshop) stays.
	answers := map[string]bool{}
	for _, typ := range readAPIRoutes(t) {
		answers[typ] = true
	}
	for e := range embedded {
		if !answers[e] {
			delete(types, e)
		}
	}
	return types
}

// docChecker compares real JSON with the types API.md documents and notes which types it met.
type docChecker struct {
	t     *testing.T
	types map[string][]docMember
	seen  map[string]bool
}

// check reports where value, found at path, is not what typ says.
func (d *docChecker) check(path string, value any, typ string) {
	d.t.Helper()
	if inner, ok := strings.CutSuffix(typ, " or null"); ok {
		if value != nil {
			d.check(path, value, inner)
		}
		return
	}
	if strings.HasPrefix(typ, "[") && strings.HasSuffix(typ, "]") {
		list, ok := value.([]any)
		if !ok {
			d.t.Errorf("%s is %#v, API.md says a list %s", path, value, typ)
			return
		}
		for i, v := range list {
			d.check(path+"["+strconv.Itoa(i)+"]", v, typ[1:len(typ)-1])
		}
		return
	}
	switch typ {
	case "string":
		if _, ok := value.(string); !ok {
			d.t.Errorf("%s is %#v, API.md says a string", path, value)
		}
	case "integer":
		if n, ok := value.(float64); !ok || n != math.Trunc(n) {
			d.t.Errorf("%s is %#v, API.md says an integer", path, value)
		}
	case "number":
		if _, ok := value.(float64); !ok {
			d.t.Errorf("%s is %#v, API.md says a number", path, value)
		}
	case "boolean":
		if _, ok := value.(bool); !ok {
			d.t.Errorf("%s is %#v, API.md says a boolean", path, value)
		}
	case "time":
		s, _ := value.(string)
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			d.t.Errorf("%s is %#v, API.md says an RFC 3339 time", path, value)
		}
	default:
		members, known := d.types[typ]
		if !known {
			d.t.Fatalf("%s: API.md names a type %q it does not document", path, typ)
		}
		d.seen[typ] = true
		obj, ok := value.(map[string]any)
		if !ok {
			d.t.Errorf("%s is %#v, API.md says a %s object", path, value, typ)
			return
		}
		documented := map[string]bool{}
		for _, m := range members {
			documented[m.name] = true
			v, present := obj[m.name]
			if !present {
				if !m.optional {
					d.t.Errorf("%s (%s) has no %q, which API.md documents", path, typ, m.name)
				}
				continue
			}
			d.check(path+"."+m.name, v, m.typ)
		}
		for k := range obj {
			if !documented[k] {
				d.t.Errorf("%s (%s) has %q, which API.md does not document", path, typ, k)
			}
		}
	}
}

// TestEveryAnswerHasExactlyTheMembersAPImdDocuments calls each route as a client would and
// walks the JSON it gets against API.md's tables: a member added, removed or retyped on
// either side fails here.
func TestEveryAnswerHasExactlyTheMembersAPImdDocuments(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			s := newTestServer(t, mode)
			admin := s.login("admin")
			d := &docChecker{t: t, types: readAPITypes(t), seen: map[string]bool{}}
			routes, called := readAPIRoutes(t), map[string]bool{}
			// call sends a request to route (as API.md names it; args fill its :params in
			// turn) and checks the answer against the type API.md gives the route.
			call := func(b *browser, route string, body any, status int, args ...string) map[string]any {
				t.Helper()
				typ, ok := routes[route]
				if status >= 400 {
					typ, ok = "Error", true
				}
				if !ok {
					t.Fatalf("API.md gives %s no answer type", route)
				}
				called[route] = true
				method, path, _ := strings.Cut(route, " ")
				parts := strings.Split(path, "/")
				for i, p := range parts {
					if strings.HasPrefix(p, ":") && len(args) > 0 {
						parts[i], args = args[0], args[1:]
					}
				}
				path = strings.Join(parts, "/")
				var raw any
				if st := b.do(method, path, body, &raw); st != status {
					t.Fatalf("%s %s: HTTP %d, want %d: %v", method, path, st, status, raw)
				}
				d.check(method+" "+path, raw, typ)
				obj, _ := raw.(map[string]any)
				return obj
			}

			call(admin, "GET /healthz", nil, 200)
			call(s.browser(), "POST /api/login", map[string]string{"username": "admin", "password": adminPassword}, 200)
			call(admin, "GET /api/me", nil, 200)
			call(admin, "GET /api/contests/:id", nil, 404, "no-such-contest")

			created := call(admin, "POST /api/users", map[string]string{"username": "hoa", "display_name": "Nguyễn Thị Hoa", "role": "organiser"}, 201)
			if _, ok := created["password"]; !ok {
				t.Error("a generated password is not in the answer")
			}
			given := call(admin, "POST /api/users", map[string]string{"username": "khai", "display_name": "Trần Văn Khải", "role": "trainer", "password": "mat-khau-da-chon"}, 201)
			if _, ok := given["password"]; ok {
				t.Error("a password the admin chose is sent back")
			}
			hoa := created["user"].(map[string]any)["id"].(string)
			call(admin, "GET /api/users", nil, 200)
			call(admin, "PUT /api/users/:id", map[string]string{"display_name": "Nguyễn Thị Hoà"}, 200, hoa)
			call(admin, "POST /api/users/:id/password", map[string]string{}, 200, hoa)
			call(admin, "GET /api/colleagues", nil, 200)

			var uploaded any
			if st := admin.postImage(picture(20, 10, false), "", &uploaded); st != 201 {
				t.Fatalf("upload a picture: HTTP %d %v", st, uploaded)
			}
			called["POST /api/images"] = true
			d.check("POST /api/images", uploaded, routes["POST /api/images"])
			imageID := uploaded.(map[string]any)["id"].(string)

			bankID := call(admin, "POST /api/banks", map[string]string{"title": "Điều lệ Đảng"}, 201)["id"].(string)
			call(admin, "PUT /api/banks/:id", map[string]string{"title": "Điều lệ Đảng (2026)"}, 200, bankID)
			call(admin, "PUT /api/banks/:id/sharing", map[string]any{"user_ids": []string{hoa}, "all": false}, 200, bankID)
			var ids []string
			typed := quiz.Question{Type: quiz.ShortAnswer, Prompt: "Cơ quan lãnh đạo cao nhất của chi bộ?", Answers: []string{"Đại hội chi bộ"}, NoDiacritics: true,
				Tags: []string{"Điều lệ Đảng"}, Difficulty: quiz.Recall, Image: imageID}
			for _, q := range append([]quiz.Question{typed}, questions(3)...) {
				ids = append(ids, call(admin, "POST /api/banks/:id/questions", q, 201, bankID)["id"].(string))
			}
			edited := questions(3)[2]
			edited.Points = 300
			call(admin, "PUT /api/questions/:id", edited, 200, ids[3])
			if h := call(admin, "GET /api/questions/:id/history", nil, 200, ids[3]); len(h["revisions"].([]any)) != 1 {
				t.Errorf("the history of an edited question: %v", h)
			}
			call(admin, "GET /api/banks", nil, 200)
			call(admin, "GET /api/banks/:id", nil, 200, bankID)
			if found := call(admin, "GET /api/questions", nil, 200); len(found["questions"].([]any)) == 0 {
				t.Error("a search of every bank found nothing")
			}
			call(admin, "POST /api/banks/:id/copy", map[string]string{}, 201, bankID)
			dups := make([]string, 4)
			for i, p := range []string{"Đảng viên là gì?", "dang vien la gi", "Chi bộ là gì?", "chi bo la gi"} {
				dups[i] = call(admin, "POST /api/banks/:id/questions", quiz.Question{Type: quiz.TrueFalse, Prompt: p, Correct: []int{0}}, 201, bankID)["id"].(string)
			}
			if d := call(admin, "GET /api/banks/:id/duplicates", nil, 200, bankID); len(d["groups"].([]any)) != 2 {
				t.Errorf("the bank's duplicates: %v", d)
			}
			call(admin, "POST /api/banks/:id/duplicates/keep", map[string]any{"question_ids": dups[2:]}, 200, bankID)
			call(admin, "POST /api/banks/:id/duplicates/merge", map[string]any{"keep": dups[0], "remove": dups[1:2]}, 200, bankID)
			if tags := call(admin, "GET /api/tags", nil, 200); len(tags["tags"].([]any)) != 1 {
				t.Errorf("the topics: %v", tags)
			}
			parts := []map[string]any{{"tag": "Điều lệ Đảng", "levels": []int{1}}, {"any": 2}}
			bpID := call(admin, "POST /api/blueprints", map[string]any{"title": "Đề vòng một", "parts": parts}, 201)["id"].(string)
			call(admin, "PUT /api/blueprints/:id", map[string]any{"title": "Đề vòng một (sửa)", "parts": parts}, 200, bpID)
			call(admin, "GET /api/blueprints", nil, 200)
			call(admin, "GET /api/blueprints/:id", nil, 200, bpID)
			short := map[string]any{"blueprint": map[string]any{"parts": []map[string]any{{"tag": "Không có", "any": 1}}}}
			if d := call(admin, "POST /api/blueprints/draw", short, 200); len(d["shortfalls"].([]any)) != 1 {
				t.Errorf("a draw of a topic no question has: %v", d)
			}
			drawn := call(admin, "POST /api/contests", map[string]any{"title": "Hội thi rút đề", "rounds": []map[string]any{
				{"title": "Vòng rút", "scoring": "fixed", "draw": map[string]any{"blueprint_id": bpID, "seed": 48213}}}}, 201)
			if d := drawn["rounds"].([]any)[0].(map[string]any)["settings"].(map[string]any)["draw"]; d == nil {
				t.Error("a drawn round keeps no draw")
			}
			// A question file: imported, then previewed again to show its error and duplicates.
			for _, q := range []url.Values{{"format": {"gift"}, "skip_bad": {"1"}}, {"format": {"gift"}, "dry_run": {"1"}}} {
				route := "POST /api/banks/:id/import"
				called[route] = true
				var raw any
				st := admin.upload(bankID, q, []byte(giftFile), &raw)
				if want := map[bool]int{true: 201, false: 200}[q.Get("dry_run") == ""]; st != want {
					t.Fatalf("import %v: HTTP %d, want %d: %v", q, st, want, raw)
				}
				d.check(route, raw, routes[route])
			}
			if st, _, _ := admin.download("/api/banks/" + bankID + "/export?format=gift"); st != 200 {
				t.Fatalf("export: HTTP %d", st)
			}
			called["GET /api/banks/:id/export"] = true
			if st, _, _ := admin.download("/api/question-template.xlsx"); st != 200 {
				t.Fatalf("template: HTTP %d", st)
			}
			called["GET /api/question-template.xlsx"] = true

			ct := call(admin, "POST /api/contests", map[string]any{"title": "Hội thi thử", "scoring": "fixed", "round_title": "Vòng một", "question_ids": ids, "auto_close": false}, 201)
			id, pin := ct["id"].(string), ct["pin"].(string)
			call(admin, "PUT /api/contests/:id/organisers", map[string]any{"user_ids": []string{hoa}}, 200, id)
			call(admin, "POST /api/workshops", map[string]any{"bank_id": bankID, "count": 2}, 201)
			call(admin, "GET /api/join/:pin", nil, 200, pin)
			mai, _ := s.join(ctx, pin, "Lê Thị Mai", "Chi bộ thôn Bắc")
			live := call(admin, "GET /api/contests/:id", nil, 200, id)["live"].(map[string]any)
			res := call(admin, "POST /api/contests/:id/commands", map[string]any{"cmd": "start", "version": live["version"]}, 200, id)
			res = call(admin, "POST /api/contests/:id/commands", map[string]any{"cmd": "next", "version": res["version"]}, 200, id)
			it, err := mai.Next(ctx, wire.TItem)
			if err != nil {
				t.Fatal(err)
			}
			if err := mai.Send(wire.ClientFrame{T: wire.TAnswer, ItemID: it.Item().ItemID, AnswerID: "a1", Text: "chi uy"}); err != nil {
				t.Fatal(err)
			}
			if f, err := mai.Next(ctx, "ack", "error"); err != nil || f.T != "ack" {
				t.Fatalf("typed answer: %+v %v", f, err)
			}
			res = call(admin, "POST /api/contests/:id/commands", map[string]any{"cmd": "adjust", "version": res["version"],
				"participant_id": mai.id, "points": 10, "reason": "Điểm khuyến khích"}, 200, id)
			call(admin, "POST /api/contests/:id/commands", map[string]any{"cmd": "finish", "version": res["version"]}, 200, id)
			call(admin, "GET /api/contests/:id/audit", nil, 200, id)
			call(admin, "GET /api/contests", nil, 200)
			results := call(admin, "GET /api/contests/:id/results", nil, 200, id)
			if a := call(admin, "GET /api/contests/:id/analysis", nil, 200, id); len(a["items"].([]any)) != 4 {
				t.Errorf("the analysis has %v, want 4 questions", a["items"])
			}
			if n := len(results["standings"].([]any)); n != 1 {
				t.Errorf("the results have %d lines, want 1", n)
			}
			if results["contest"].(map[string]any)["finished_at"] == nil {
				t.Error("a finished contest has no finished_at")
			}

			for route := range routes {
				if !called[route] {
					t.Errorf("API.md's %s answers %s, which this test does not call", route, routes[route])
				}
			}
			var missed []string
			for name := range d.types {
				if !d.seen[name] {
					missed = append(missed, name)
				}
			}
			slices.Sort(missed)
			if len(missed) > 0 {
				t.Errorf("API.md documents types no route answered here: %v", missed)
			}
		})
	}
}
