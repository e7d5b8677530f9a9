-- +goose Up
-- The score ledger: every change of a contestant's points, automatic or by hand, append-only.
-- Scores and standings are folded from it; version is the live state version whose transition
-- wrote the line, so an instance catches up by reading the lines above the version it has.
CREATE TABLE score_changes (
    id             TEXT PRIMARY KEY,
    contest_id     TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    version        BIGINT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    round_id       TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    item_id        TEXT NOT NULL DEFAULT '',
    points         INTEGER NOT NULL,
    time_ms        BIGINT NOT NULL DEFAULT 0,
    correct        INTEGER NOT NULL DEFAULT 0,
    streak         INTEGER NOT NULL DEFAULT 0,
    reason         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    actor_id       TEXT NOT NULL DEFAULT '',
    actor_name     TEXT NOT NULL DEFAULT '',
    points_before  INTEGER NOT NULL DEFAULT 0,
    points_after   INTEGER NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);
CREATE INDEX score_changes_contest_id_version_idx ON score_changes (contest_id, version);
CREATE INDEX score_changes_participant_id_idx ON score_changes (participant_id);

-- Contests played before the ledger scored right answers as they were stored.
INSERT INTO score_changes (id, contest_id, version, participant_id, round_id, item_id, points, time_ms, correct, reason, created_at)
SELECT 'a-' || a.id, a.contest_id, 0, a.participant_id, ri.round_id, a.item_id, a.points, a.elapsed_ms, 1, 'answer', a.created_at
FROM answers a JOIN round_items ri ON ri.id = a.item_id
WHERE a.correct;

-- An answer keeps its grade; its points are the ledger's.
ALTER TABLE answers DROP COLUMN points;

-- Corrections are ledger lines now.
DROP TABLE score_adjustments;

-- weight (hệ số) multiplies a round's points in the total; settings are its kind's own (JSON).
ALTER TABLE rounds ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rounds ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
-- The contest's ordered tie-break rules (JSON); empty means less time, then who joined first.
ALTER TABLE contests ADD COLUMN tie_breaks TEXT NOT NULL DEFAULT '[]';
-- The live state version a command made, with its arguments in detail.
ALTER TABLE audit_log ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE answers ADD COLUMN points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log DROP COLUMN actor_name;
ALTER TABLE audit_log DROP COLUMN version;
ALTER TABLE contests DROP COLUMN tie_breaks;
ALTER TABLE rounds DROP COLUMN settings;
ALTER TABLE rounds DROP COLUMN weight;
CREATE TABLE score_adjustments (
    id             TEXT PRIMARY KEY,
    contest_id     TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    round_id       TEXT REFERENCES rounds (id) ON DELETE CASCADE,
    points         INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    actor_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX score_adjustments_contest_id_idx ON score_adjustments (contest_id);
DROP TABLE score_changes;
