package wire

// FrameType is one type of frame the server sends: its t, and a value of its Go type.
type FrameType struct {
	T    string
	Type any
}

// ServerFrames is every frame the server sends, the one list that the frontend's types are
// generated from and that the Go test client decodes by. A frame added to the protocol is added
// here, and nowhere else.
var ServerFrames = []FrameType{
	{THello, Hello{}},
	{TState, State{}},
	{THostState, HostState{}},
	{TPhase, Phase{}},
	{TItem, Item{}},
	{TClosed, Closed{}},
	{TReveal, Reveal{}},
	{TStandings, Standings{}},
	{TAck, Ack{}},
	{TKicked, Kicked{}},
	{TError, Error{}},
	{TPong, Pong{}},
	{TParticipants, Participants{}},
	{TProgress, Progress{}},
	{TSurvivors, Survivors{}},
	{TBuzz, Buzz{}},
	{TPressed, Pressed{}},
}

// ClientFrameTypes is every t a client sends in a ClientFrame.
var ClientFrameTypes = []string{TJoin, TResume, TAnswer, TPing, TBuzz}
