package livetest

import (
	"strings"
	"testing"
	"time"

	"hoithi/realtime/wire"
)

const revealFrame = `{"t":"reveal","seq":7,"item_id":"i1","correct":[2],"distribution":[1,0,5,0],"answered":6,"players":7,` +
	`"explanation":"","source":"","result":{"item_id":"i1","answered":true,"choice":[2],"correct":true,"points":90,"score":190,"rank":1,"players":7}}`

func TestAFrameIsReadAsTheWireTypeItsTypeNames(t *testing.T) {
	cases := []struct {
		name, data string
		wantT      string
		wantErr    string // "" when the frame is read
	}{
		{"a reveal is read with the phone's result", revealFrame, wire.TReveal, ""},
		{"a type the protocol does not have is kept without a body", `{"t":"dance","seq":3}`, "dance", ""},
		{"a member the wire type lacks is the server drifting", `{"t":"pong","client_time":1,"server_time":2,"skew":0}`, "undecodable", "unknown field"},
		{"null where the frontend expects an array is refused", `{"t":"ack","item_id":"i1","answer_id":"a","choice":null}`, "undecodable", "frame.choice is null"},
		{"a member of the wrong JSON type is refused", `{"t":"closed","seq":1,"item_id":"i1","answered":"3","players":4}`, "undecodable", "cannot unmarshal"},
		{"text that is not JSON is refused", `{"t":`, "undecodable", "undecodable frame"},
	}
	for _, c := range cases {
		f, err := Parse([]byte(c.data), time.Now())
		if f.T != c.wantT {
			t.Errorf("%s: type %q, want %q", c.name, f.T, c.wantT)
		}
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr) || f.Err == nil):
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.wantErr)
		}
	}
	f, _ := Parse([]byte(revealFrame), time.Now())
	if r := f.Reveal(); f.Seq != 7 || r.Result == nil || r.Result.Score != 190 || r.Distribution[2] != 5 {
		t.Errorf("the reveal read as %+v (seq %d)", r, f.Seq)
	}
	if f.Ack().ItemID != "" || f.Code() != "" || f.PhaseName() != "" {
		t.Error("a reveal also reads as an ack, an error or a phase")
	}
}

// BenchmarkParse is what reading one phone's reveal costs the load generator.
func BenchmarkParse(b *testing.B) {
	data := []byte(revealFrame)
	for b.Loop() {
		if _, err := Parse(data, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
