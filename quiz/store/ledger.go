package store

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"hoithi/quiz"
)

type scoreChangeRow struct {
	ID            string
	ContestID     string
	Version       int64
	ParticipantID string
	RoundID       string
	ItemID        string
	Points        int
	TimeMs        int64
	Correct       int
	Streak        int
	Reason        string
	Note          string
	ActorID       string
	ActorName     string
	PointsBefore  int
	PointsAfter   int
	CreatedAt     int64
}

func (scoreChangeRow) TableName() string { return "score_changes" }

func (r *scoreChangeRow) change() quiz.ScoreChange {
	return quiz.ScoreChange{ID: r.ID, ContestID: r.ContestID, Version: r.Version, ParticipantID: r.ParticipantID,
		RoundID: r.RoundID, ItemID: r.ItemID, Points: r.Points, TimeMs: r.TimeMs, Correct: r.Correct, Streak: r.Streak,
		Reason: quiz.ScoreReason(r.Reason), Note: r.Note, ActorID: r.ActorID, ActorName: r.ActorName,
		Before: r.PointsBefore, After: r.PointsAfter, At: fromMillis(r.CreatedAt)}
}

type auditRow struct {
	ID        string
	ContestID string
	ActorID   string
	ActorName string
	Action    string
	Detail    string
	Version   int64
	CreatedAt int64
}

func (auditRow) TableName() string { return "audit_log" }

// auditDetail is a command's arguments as the audit log's detail column keeps them.
type auditDetail struct {
	ParticipantID string `json:"participant_id,omitempty"`
	Round         int    `json:"round,omitempty"`
	Points        int    `json:"points,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Seconds       int    `json:"seconds,omitempty"`
	// Rescue and mark arguments.
	ParticipantIDs []string `json:"participant_ids,omitempty"`
	All            bool     `json:"all,omitempty"`
	Best           int      `json:"best,omitempty"`
	Right          bool     `json:"right,omitempty"`
}

// SaveTransition implements quiz.ContestService.
func (s *ContestService) SaveTransition(ctx context.Context, id string, t quiz.Transition) error {
	live, err := encodeLive(t.State)
	if err != nil {
		return err
	}
	ms, at := now()
	rows := make([]scoreChangeRow, len(t.Changes))
	for i := range t.Changes {
		ch := &t.Changes[i]
		if ch.ID == "" {
			ch.ID = newID()
		}
		if ch.At.IsZero() {
			ch.At = at
		}
		ch.ContestID = id
		rows[i] = scoreChangeRow{ID: ch.ID, ContestID: id, Version: ch.Version, ParticipantID: ch.ParticipantID, RoundID: ch.RoundID,
			ItemID: ch.ItemID, Points: ch.Points, TimeMs: ch.TimeMs, Correct: ch.Correct, Streak: ch.Streak, Reason: string(ch.Reason),
			Note: ch.Note, ActorID: ch.ActorID, ActorName: ch.ActorName, PointsBefore: ch.Before, PointsAfter: ch.After, CreatedAt: ch.At.UnixMilli()}
	}
	var audit *auditRow
	if a := t.Audit; a != nil {
		if a.ID == "" {
			a.ID = newID()
		}
		if a.At.IsZero() {
			a.At = at
		}
		a.ContestID = id
		c := a.Command
		detail, err := json.Marshal(auditDetail{ParticipantID: c.ParticipantID, Round: c.Round, Points: c.Points, Reason: c.Reason, Seconds: c.Seconds,
			ParticipantIDs: c.ParticipantIDs, All: c.All, Best: c.Best, Right: c.Right})
		if err != nil {
			return fmt.Errorf("encode audit detail: %w", err)
		}
		audit = &auditRow{ID: a.ID, ContestID: id, ActorID: a.ActorID, ActorName: a.ActorName, Action: c.Name, Detail: string(detail),
			Version: a.Version, CreatedAt: a.At.UnixMilli()}
	}
	return s.db.Gorm(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&contestRow{}).Where("id = ? AND live_version = ?", id, t.Prev).
			Updates(map[string]any{"live_state": live, "live_version": t.State.Version, "updated_at": ms})
		if res.Error != nil {
			return fmt.Errorf("save live state of contest %s: %w", id, res.Error)
		} else if res.RowsAffected == 0 {
			var n int64
			if err := tx.Model(&contestRow{}).Where("id = ?", id).Count(&n).Error; err != nil {
				return fmt.Errorf("find contest %s: %w", id, err)
			} else if n == 0 {
				return errNoContest
			}
			return quiz.Errorf(quiz.ECONFLICT, "Trạng thái cuộc thi vừa được thay đổi ở nơi khác. Vui lòng thử lại.")
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(&rows, s.db.batchSize(17)).Error; err != nil {
				return fmt.Errorf("insert %d score changes: %w", len(rows), err)
			}
		}
		if audit != nil {
			if err := tx.Create(audit).Error; err != nil {
				return fmt.Errorf("insert audit entry: %w", err)
			}
		}
		return nil
	})
}

// ListScoreChanges implements quiz.ContestService.
func (s *ContestService) ListScoreChanges(ctx context.Context, contestID string, after int64) ([]quiz.ScoreChange, error) {
	var rows []scoreChangeRow
	err := s.db.Gorm(ctx).Where("contest_id = ? AND version > ?", contestID, after).Order("version, created_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list score changes of contest %s: %w", contestID, err)
	}
	out := make([]quiz.ScoreChange, len(rows))
	for i := range rows {
		out[i] = rows[i].change()
	}
	return out, nil
}

// ListAudit implements quiz.ContestService.
func (s *ContestService) ListAudit(ctx context.Context, contestID string, after int64) ([]quiz.AuditEntry, error) {
	var rows []auditRow
	if err := s.db.Gorm(ctx).Where("contest_id = ? AND version > ?", contestID, after).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list audit of contest %s: %w", contestID, err)
	}
	out := make([]quiz.AuditEntry, len(rows))
	for i, r := range rows {
		var d auditDetail
		if err := json.Unmarshal([]byte(r.Detail), &d); err != nil {
			return nil, fmt.Errorf("decode audit entry %s: %w", r.ID, err)
		}
		out[i] = quiz.AuditEntry{ID: r.ID, ContestID: r.ContestID, Version: r.Version, ActorID: r.ActorID, ActorName: r.ActorName,
			At: fromMillis(r.CreatedAt), Command: quiz.Command{Name: r.Action, Version: r.Version - 1, ParticipantID: d.ParticipantID,
				Round: d.Round, Points: d.Points, Reason: d.Reason, Seconds: d.Seconds, ActorID: r.ActorID, ActorName: r.ActorName,
				ParticipantIDs: d.ParticipantIDs, All: d.All, Best: d.Best, Right: d.Right}}
	}
	return out, nil
}
