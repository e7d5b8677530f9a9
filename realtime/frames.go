package realtime

import "hoithi/quiz"

// inFrame is any frame a client sends; fields unused by its type stay empty.
type inFrame struct {
	T          string `json:"t"`
	PIN        string `json:"pin"`
	Name       string `json:"name"`
	Unit       string `json:"unit"`
	Token      string `json:"token"`
	LastSeq    int64  `json:"last_seq"`
	ItemID     string `json:"item_id"`
	AnswerID   string `json:"answer_id"`
	Choice     []int  `json:"choice"`
	ClientTime int64  `json:"client_time"`
}

// itemBody is a question as phones see it: never the answer key.
type itemBody struct {
	T           string            `json:"t,omitempty"`
	Seq         int64             `json:"seq,omitempty"`
	ItemID      string            `json:"item_id"`
	Index       int               `json:"index"`
	Count       int               `json:"count"`
	RoundTitle  string            `json:"round_title"`
	Type        quiz.QuestionType `json:"type"`
	Prompt      string            `json:"prompt"`
	Options     []string          `json:"options"`
	Points      int               `json:"points"`
	TimeLimitMs int64             `json:"time_limit_ms"`
	OpensAt     int64             `json:"opens_at"`
	ClosesAt    int64             `json:"closes_at"`
}

type phaseFrame struct {
	T           string     `json:"t"`
	Seq         int64      `json:"seq"`
	Phase       quiz.Phase `json:"phase"`
	Version     int64      `json:"version"`
	Paused      bool       `json:"paused"`
	Locked      bool       `json:"locked"`
	RemainingMs int64      `json:"remaining_ms"`
	ItemIndex   int        `json:"item_index"`
	ItemCount   int        `json:"item_count"`
	RoundTitle  string     `json:"round_title"`
	ClosesAt    int64      `json:"closes_at"`
}

type closedFrame struct {
	T        string `json:"t"`
	Seq      int64  `json:"seq"`
	ItemID   string `json:"item_id"`
	Answered int    `json:"answered"`
	Players  int    `json:"players"`
}

// revealBody is the answer key and how the room answered.
type revealBody struct {
	T            string `json:"t,omitempty"`
	Seq          int64  `json:"seq,omitempty"`
	ItemID       string `json:"item_id"`
	Correct      []int  `json:"correct"`
	Distribution []int  `json:"distribution"`
	Answered     int    `json:"answered"`
	Players      int    `json:"players"`
	Explanation  string `json:"explanation"`
	Source       string `json:"source"`
}

// resultBody is one phone's own outcome of an item.
type resultBody struct {
	ItemID   string `json:"item_id"`
	Answered bool   `json:"answered"`
	Choice   []int  `json:"choice"`
	Correct  bool   `json:"correct"`
	Points   int    `json:"points"`
	Score    int    `json:"score"`
	Rank     int    `json:"rank"`
	Players  int    `json:"players"`
}

// standingsBody is the top of the standings.
type standingsBody struct {
	T       string          `json:"t,omitempty"`
	Seq     int64           `json:"seq,omitempty"`
	Final   bool            `json:"final"`
	Players int             `json:"players"`
	Top     []quiz.Standing `json:"top"`
}

// meScore is a phone's own place, carried by the standings frames it gets.
type meScore struct {
	Score   int `json:"score"`
	Rank    int `json:"rank"`
	Players int `json:"players"`
}

type helloFrame struct {
	T             string `json:"t"`
	Token         string `json:"token"`
	ParticipantID string `json:"participant_id"`
	ContestID     string `json:"contest_id"`
	ServerTime    int64  `json:"server_time"`
	// PingMs is how often the phone should ping: the server's pace, slower in a big crowd.
	PingMs int64 `json:"ping_ms"`
}

type contestInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	ItemCount int    `json:"item_count"`
	PIN       string `json:"pin,omitempty"`
	JoinURL   string `json:"join_url,omitempty"`
}

type meInfo struct {
	ParticipantID string `json:"participant_id"`
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	Score         int    `json:"score"`
	Rank          int    `json:"rank"`
	Players       int    `json:"players"`
}

type answerRef struct {
	AnswerID string `json:"answer_id"`
	Choice   []int  `json:"choice"`
}

type stateFrame struct {
	T           string         `json:"t"`
	Seq         int64          `json:"seq"`
	ServerTime  int64          `json:"server_time"`
	Contest     contestInfo    `json:"contest"`
	Phase       quiz.Phase     `json:"phase"`
	Version     int64          `json:"version"`
	Paused      bool           `json:"paused"`
	RemainingMs int64          `json:"remaining_ms"`
	Me          meInfo         `json:"me"`
	Item        *itemBody      `json:"item"`
	Answer      *answerRef     `json:"answer"`
	Reveal      *revealBody    `json:"reveal"`
	Result      *resultBody    `json:"result"`
	Standings   *standingsBody `json:"standings"`
}

type ackFrame struct {
	T        string `json:"t"`
	ItemID   string `json:"item_id"`
	AnswerID string `json:"answer_id"`
	Choice   []int  `json:"choice"`
}

type pongFrame struct {
	T          string `json:"t"`
	ClientTime int64  `json:"client_time"`
	ServerTime int64  `json:"server_time"`
}

// HostParticipant is a contestant as the control panel lists it.
type HostParticipant struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	JoinOrder int    `json:"join_order"`
	Connected bool   `json:"connected"`
	Kicked    bool   `json:"kicked"`
	Score     int    `json:"score"`
}

type hostStateFrame struct {
	T            string            `json:"t"`
	Seq          int64             `json:"seq"`
	ServerTime   int64             `json:"server_time"`
	Contest      contestInfo       `json:"contest"`
	Phase        quiz.Phase        `json:"phase"`
	Version      int64             `json:"version"`
	Paused       bool              `json:"paused"`
	Locked       bool              `json:"locked"`
	RemainingMs  int64             `json:"remaining_ms"`
	Item         *itemBody         `json:"item"`
	Answered     int               `json:"answered"`
	Players      int               `json:"players"`
	Participants []HostParticipant `json:"participants"`
	Reveal       *revealBody       `json:"reveal"`
	Standings    *standingsBody    `json:"standings"`
}

type participantsFrame struct {
	T            string            `json:"t"`
	Seq          int64             `json:"seq"`
	Participants []HostParticipant `json:"participants"`
}

type progressFrame struct {
	T        string `json:"t"`
	Seq      int64  `json:"seq"`
	ItemID   string `json:"item_id"`
	Answered int    `json:"answered"`
	Players  int    `json:"players"`
}
