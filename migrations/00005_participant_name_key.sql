-- +goose Up
-- name_key is quiz.ParticipantKey(name, unit): the name and unit ignoring case and spacing.
-- Two contestants of one contest may not share it, and a kicked contestant keeps theirs, so
-- the same person cannot join again under the same name. Older rows stay NULL (never equal).
ALTER TABLE participants ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX participants_contest_id_name_key_idx ON participants (contest_id, name_key);

-- +goose Down
DROP INDEX participants_contest_id_name_key_idx;
ALTER TABLE participants DROP COLUMN name_key;
