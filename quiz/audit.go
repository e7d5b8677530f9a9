package quiz

import "time"

// AuditEntry is one organiser command that changed a contest, as the audit log keeps it: who
// sent what, with which arguments, and the live state version it made. With the score
// ledger it is the audit log.
type AuditEntry struct {
	ID        string    `json:"id"`
	ContestID string    `json:"contest_id"`
	Version   int64     `json:"version"`
	ActorID   string    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Command   Command   `json:"command"`
	At        time.Time `json:"at"`
}

// Transition is one change of a contest's live state with the ledger lines and the audit
// entry it wrote: saved as one, or not at all.
type Transition struct {
	// Prev is the version the state must still have (compare-and-swap).
	Prev    int64
	State   LiveState
	Changes []ScoreChange
	Audit   *AuditEntry
}
