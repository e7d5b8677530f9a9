package livetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"hoithi/realtime/wire"
)

func TestQuickParsingReadsEveryFrameAsStrictParsingDoes(t *testing.T) {
	frames := []any{
		wire.Standings{T: wire.TStandings, Seq: 42, Players: 2, Top: []wire.Standing{{Rank: 1, ParticipantID: "p1", Name: "Nguyễn Văn An", Score: 900}}, Me: &wire.MyPlace{Score: 900, Rank: 1, Players: 2}},
		wire.Ack{T: wire.TAck, AnswerID: "a1", ItemID: "i1", Choice: []int{2}},
		wire.Phase{T: wire.TPhase, Seq: 7, Phase: "item_open", Version: 3},
		wire.Pong{T: wire.TPong, ClientTime: 5, ServerTime: 6},
	}
	at := time.UnixMilli(1)
	for _, v := range frames {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		strict, err := Parse(data, at)
		if err != nil {
			t.Fatal(err)
		}
		quick, err := ParseQuick(data, at)
		if err != nil {
			t.Fatal(err)
		}
		if quick.T != strict.T || quick.Seq != strict.Seq || !reflect.DeepEqual(quick.Body, strict.Body) {
			t.Errorf("%s: quick %+v, strict %+v", data, quick, strict)
		}
	}
	// A frame that does not start with its type, or is not JSON, is still read (or refused) as Parse does.
	for _, raw := range []string{`{"seq":3,"t":"phase","phase":"lobby","version":1}`, `{"t":"ph`, `nonsense`} {
		strict, serr := Parse([]byte(raw), at)
		quick, qerr := ParseQuick([]byte(raw), at)
		if (serr == nil) != (qerr == nil) || quick.T != strict.T || quick.Seq != strict.Seq {
			t.Errorf("%s: quick %+v (%v), strict %+v (%v)", raw, quick, qerr, strict, serr)
		}
	}
}
