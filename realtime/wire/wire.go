// Package wire is the live protocol's frames (realtime/PROTOCOL.md) as Go types: the one
// definition the engine sends, and every Go client (livetest, loadgen, the tests) reads. The
// frontend's TypeScript types are generated from it (frontend/src/lib/wire.ts).
package wire

// Frame types a client sends.
const (
	TJoin   = "join"
	TResume = "resume"
	TAnswer = "answer"
	TPing   = "ping"
	TBuzz   = "buzz" // a press of the buzzer; the server's buzz frame has the same type
)

// Frame types the server sends.
const (
	THello        = "hello"
	TState        = "state"
	TItem         = "item"
	TPhase        = "phase"
	TClosed       = "closed"
	TReveal       = "reveal"
	TStandings    = "standings"
	TAck          = "ack"
	TPong         = "pong"
	TError        = "error"
	TKicked       = "kicked"
	THostState    = "host_state"
	TParticipants = "participants"
	TProgress     = "progress"
	TSurvivors    = "survivors"
	TPressed      = "pressed"
)

// ClientFrame is any frame a client sends; a field its type does not use stays empty.
type ClientFrame struct {
	T        string `json:"t"`
	PIN      string `json:"pin,omitempty"`
	Name     string `json:"name,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Token    string `json:"token,omitempty"`
	LastSeq  int64  `json:"last_seq,omitempty"`
	ItemID   string `json:"item_id,omitempty"`
	AnswerID string `json:"answer_id,omitempty"`
	Choice   []int  `json:"choice,omitempty"`
	// Text is a typed answer (short answer, numeric).
	Text string `json:"text,omitempty"`
	// Order is an ordering answer: the shown positions of the options, in the order put.
	Order      []int `json:"order,omitempty"`
	ClientTime int64 `json:"client_time,omitempty"`
}

// Hello is the server's first frame to a phone that joined or resumed.
type Hello struct {
	T             string `json:"t"`
	Token         string `json:"token"`
	ParticipantID string `json:"participant_id"`
	ContestID     string `json:"contest_id"`
	ServerTime    int64  `json:"server_time"`
	// PingMs is how often the phone should ping: the server's pace, slower in a big crowd.
	PingMs int64 `json:"ping_ms"`
}

// ImagePath is where the picture of that id is served (GET /api/images/:id): what an item
// names as its image.
func ImagePath(id string) string { return "/api/images/" + id }

// Item is a question as phones see it, never with its answer key: the "item" frame, and the
// open item of a snapshot (without t and seq).
type Item struct {
	T           string   `json:"t,omitempty"`
	Seq         int64    `json:"seq,omitempty"`
	ItemID      string   `json:"item_id"`
	Index       int      `json:"index"`
	Count       int      `json:"count"`
	RoundTitle  string   `json:"round_title"`
	Type        string   `json:"type"`
	Prompt      string   `json:"prompt"`
	Options     []string `json:"options"`
	Points      int      `json:"points"`
	TimeLimitMs int64    `json:"time_limit_ms"`
	OpensAt     int64    `json:"opens_at"`
	ClosesAt    int64    `json:"closes_at"`
	// Shuffled says each phone shows the options in an order of its own, so screens shared
	// by the room show them without letters.
	Shuffled bool `json:"shuffled,omitempty"`
	// Shown is, in a phone's own copy of a shuffled item, the option indexes in the order
	// this phone shows them: Options[Shown[0]] first, labelled A. Choices stay indexes of
	// Options.
	Shown []int `json:"shown,omitempty"`
	// Image is the path of the picture shown with the prompt (ImagePath), absent when none.
	Image string `json:"image,omitempty"`
}

// Phase tells every screen where the contest is after a transition.
type Phase struct {
	T           string `json:"t"`
	Seq         int64  `json:"seq"`
	Phase       string `json:"phase"`
	Version     int64  `json:"version"`
	Paused      bool   `json:"paused"`
	Locked      bool   `json:"locked"`
	RemainingMs int64  `json:"remaining_ms"`
	ItemIndex   int    `json:"item_index"`
	ItemCount   int    `json:"item_count"`
	RoundTitle  string `json:"round_title"`
	ClosesAt    int64  `json:"closes_at"`
	// RoundIndex is the round being played or introduced: an index into the snapshot's rounds.
	RoundIndex int `json:"round_index"`
}

// Round is one round of the contest as screens describe it: the projector shows its intro.
type Round struct {
	Title string `json:"title"`
	// Kind is "quiz", "elimination", "speed_order" or "buzzer".
	Kind   string `json:"kind"`
	Intro  string `json:"intro"`
	Weight int    `json:"weight"`
	Items  int    `json:"items"`
	// TieBreak marks a round that only separates contestants with the same total.
	TieBreak bool `json:"tie_break"`
	// Star says contestants may play a star of hope (buzzer rounds).
	Star bool `json:"star"`
	// StealSec is how long a steal is open after a wrong answer (buzzer rounds), 0 for none.
	StealSec int `json:"steal_sec"`
}

// Survivors is who remains in an elimination round, sent after each of its reveals and after
// a rescue. A phone's copy carries its own place and whether it is out, in Me.
type Survivors struct {
	T          string `json:"t,omitempty"`
	Seq        int64  `json:"seq,omitempty"`
	RoundIndex int    `json:"round_index"`
	// Count is how many remain; Names the first 50 of them, best first.
	Count   int      `json:"count"`
	Names   []string `json:"names"`
	Players int      `json:"players"`
	// Rescued is how many the rescue that sent this frame brought back (0 after a reveal).
	Rescued int      `json:"rescued"`
	Me      *MyPlace `json:"me,omitempty"`
}

// Buzz is the state of a buzzer question, sent whenever it changes: who won the right to
// answer, the next presses with their gaps, who was marked wrong, the steal window, the star.
type Buzz struct {
	T      string `json:"t,omitempty"`
	Seq    int64  `json:"seq,omitempty"`
	ItemID string `json:"item_id"`
	// Attempt is 0 for the first presses, then one more per steal.
	Attempt int       `json:"attempt"`
	Winner  *Presser  `json:"winner"`
	Presses []Presser `json:"presses"`
	// Out are the participant ids marked wrong on this question: they may not press again.
	Out        []string `json:"out"`
	StealUntil int64    `json:"steal_until"`
	Star       *Presser `json:"star"`
	// Mark is the host's last mark on this question, if any.
	Mark *Mark `json:"mark"`
}

// Presser is a contestant on the buzzer, with how long after the first press they pressed.
type Presser struct {
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	GapMs         int64  `json:"gap_ms"`
}

// Mark is the host's mark of an answer given aloud.
type Mark struct {
	ParticipantID string `json:"participant_id"`
	Right         bool   `json:"right"`
	Points        int    `json:"points"`
}

// Pressed acknowledges a press of the buzzer: it counts, and the server is deciding.
type Pressed struct {
	T       string `json:"t"`
	ItemID  string `json:"item_id"`
	Attempt int    `json:"attempt"`
	At      int64  `json:"at"`
}

// Closed says the open item no longer takes answers.
type Closed struct {
	T        string `json:"t"`
	Seq      int64  `json:"seq"`
	ItemID   string `json:"item_id"`
	Answered int    `json:"answered"`
	Players  int    `json:"players"`
}

// Reveal is the answer key and how the room answered: the "reveal" frame, and the reveal of a
// snapshot (without t and seq). A phone's reveal frame carries its own Result.
type Reveal struct {
	T            string `json:"t,omitempty"`
	Seq          int64  `json:"seq,omitempty"`
	ItemID       string `json:"item_id"`
	Correct      []int  `json:"correct"`
	Distribution []int  `json:"distribution"`
	Answered     int    `json:"answered"`
	Players      int    `json:"players"`
	Explanation  string `json:"explanation"`
	Source       string `json:"source"`
	// Answers are a short-answer question's accepted answers; NoDiacritics says they were
	// accepted typed without diacritics too.
	Answers      []string `json:"answers,omitempty"`
	NoDiacritics bool     `json:"no_diacritics,omitempty"`
	// Value and Tolerance are a numeric question's key: right within Tolerance of Value.
	Value     *float64 `json:"value,omitempty"`
	Tolerance float64  `json:"tolerance,omitempty"`
	// Order is an ordering question's right order: the shown positions of the options, first
	// to last.
	Order  []int   `json:"order,omitempty"`
	Result *Result `json:"result,omitempty"`
}

// Result is one phone's own outcome of an item.
type Result struct {
	ItemID   string `json:"item_id"`
	Answered bool   `json:"answered"`
	Choice   []int  `json:"choice"`
	// Text is the answer typed (short answer, numeric), Order the shown positions as put
	// (ordering).
	Text    string `json:"text,omitempty"`
	Order   []int  `json:"order,omitempty"`
	Correct bool   `json:"correct"`
	Points  int    `json:"points"`
	Score   int    `json:"score"`
	Rank    int    `json:"rank"`
	Players int    `json:"players"`
	// Out is set when the contestant is out of the elimination round (by this item or before).
	Out bool `json:"out"`
}

// Standings is the top of the standings: the "standings" frame, and the standings of a
// snapshot (without t and seq). A phone's standings frame carries its own place in Me.
type Standings struct {
	T       string     `json:"t,omitempty"`
	Seq     int64      `json:"seq,omitempty"`
	Final   bool       `json:"final"`
	Players int        `json:"players"`
	Top     []Standing `json:"top"`
	Me      *MyPlace   `json:"me,omitempty"`
}

// Standing is one line of the standings.
type Standing struct {
	Rank          int    `json:"rank"`
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	Score         int    `json:"score"`
	TimeMs        int64  `json:"time_ms"`
	Correct       int    `json:"correct"`
	JoinOrder     int    `json:"join_order"`
}

// MyPlace is a phone's own score and place.
type MyPlace struct {
	Score   int `json:"score"`
	Rank    int `json:"rank"`
	Players int `json:"players"`
	// Out is set while the contestant is out of the elimination round being played.
	Out bool `json:"out"`
}

// ContestInfo names the contest in a snapshot; host snapshots add its PIN and join address.
type ContestInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	ItemCount int    `json:"item_count"`
	PIN       string `json:"pin,omitempty"`
	JoinURL   string `json:"join_url,omitempty"`
}

// Me is the phone's contestant in its snapshot.
type Me struct {
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	Score         int    `json:"score"`
	Rank          int    `json:"rank"`
	Players       int    `json:"players"`
	// Out is set while the contestant is out of the elimination round being played.
	Out bool `json:"out"`
}

// AnswerRef is the answer a phone gave to the open item, in its snapshot: as it sent it.
type AnswerRef struct {
	AnswerID string `json:"answer_id"`
	Choice   []int  `json:"choice"`
	Text     string `json:"text,omitempty"`
	Order    []int  `json:"order,omitempty"`
}

// State is a phone's snapshot: everything it shows, after a join, a resume or lost events.
type State struct {
	T           string      `json:"t"`
	Seq         int64       `json:"seq"`
	ServerTime  int64       `json:"server_time"`
	Contest     ContestInfo `json:"contest"`
	Phase       string      `json:"phase"`
	Version     int64       `json:"version"`
	Paused      bool        `json:"paused"`
	RemainingMs int64       `json:"remaining_ms"`
	Me          Me          `json:"me"`
	Rounds      []Round     `json:"rounds"`
	RoundIndex  int         `json:"round_index"`
	Item        *Item       `json:"item"`
	Answer      *AnswerRef  `json:"answer"`
	Reveal      *Reveal     `json:"reveal"`
	Result      *Result     `json:"result"`
	Standings   *Standings  `json:"standings"`
	Buzz        *Buzz       `json:"buzz"`
	// Pressed is this phone's press of the buzzer in the current attempt, if it pressed.
	Pressed   *Pressed   `json:"pressed"`
	Survivors *Survivors `json:"survivors"`
}

// Ack says an answer is stored for good.
type Ack struct {
	T        string `json:"t"`
	ItemID   string `json:"item_id"`
	AnswerID string `json:"answer_id"`
	Choice   []int  `json:"choice"`
	Text     string `json:"text,omitempty"`
	Order    []int  `json:"order,omitempty"`
}

// Pong answers a ping with the server's clock.
type Pong struct {
	T          string `json:"t"`
	ClientTime int64  `json:"client_time"`
	ServerTime int64  `json:"server_time"`
}

// Error is a refusal: a machine-readable code and a Vietnamese message to show the person.
// ItemID and AnswerID name the answer it is about, if any.
type Error struct {
	T        string `json:"t"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	ItemID   string `json:"item_id,omitempty"`
	AnswerID string `json:"answer_id,omitempty"`
}

// Kicked tells a phone the organiser removed its contestant; the socket closes with 4001.
type Kicked struct {
	T       string `json:"t"`
	Message string `json:"message"`
}

// Participant is a contestant as the control panel lists it.
type Participant struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	JoinOrder int    `json:"join_order"`
	Connected bool   `json:"connected"`
	Kicked    bool   `json:"kicked"`
	// Out is true while the contestant is out of the elimination round being played.
	Out   bool `json:"out"`
	Score int  `json:"score"`
}

// HostState is a host screen's snapshot.
type HostState struct {
	T            string        `json:"t"`
	Seq          int64         `json:"seq"`
	ServerTime   int64         `json:"server_time"`
	Contest      ContestInfo   `json:"contest"`
	Phase        string        `json:"phase"`
	Version      int64         `json:"version"`
	Paused       bool          `json:"paused"`
	Locked       bool          `json:"locked"`
	RemainingMs  int64         `json:"remaining_ms"`
	Rounds       []Round       `json:"rounds"`
	RoundIndex   int           `json:"round_index"`
	Item         *Item         `json:"item"`
	Answered     int           `json:"answered"`
	Players      int           `json:"players"`
	Participants []Participant `json:"participants"`
	Reveal       *Reveal       `json:"reveal"`
	Standings    *Standings    `json:"standings"`
	Buzz         *Buzz         `json:"buzz"`
	Survivors    *Survivors    `json:"survivors"`
}

// Participants is the control panel's list of contestants, sent when it changed.
type Participants struct {
	T            string        `json:"t"`
	Seq          int64         `json:"seq"`
	Participants []Participant `json:"participants"`
}

// Progress is how many have answered the open item, sent to host screens as it changes.
type Progress struct {
	T        string `json:"t"`
	Seq      int64  `json:"seq"`
	ItemID   string `json:"item_id"`
	Answered int    `json:"answered"`
	Players  int    `json:"players"`
}
