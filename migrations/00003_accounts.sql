-- +goose Up
-- Accounts: users can be disabled, sessions end after a time without use, banks are shared
-- read-only and contests have co-organisers.

ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;

-- last_seen_at is refreshed at most once a minute; sessions idle longer than the idle timeout end.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_last_seen_at_idx ON sessions (last_seen_at);

-- shared_all shares a bank read-only with every organiser and trainer.
ALTER TABLE banks ADD COLUMN shared_all BOOLEAN NOT NULL DEFAULT FALSE;

-- Users a bank is shared with, read-only.
CREATE TABLE bank_readers (
    bank_id TEXT NOT NULL REFERENCES banks (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (bank_id, user_id)
);
CREATE INDEX bank_readers_user_id_idx ON bank_readers (user_id);

-- Users besides the owner who may run a contest.
CREATE TABLE contest_organisers (
    contest_id TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, user_id)
);
CREATE INDEX contest_organisers_user_id_idx ON contest_organisers (user_id);
CREATE INDEX contests_owner_id_idx ON contests (owner_id);

-- +goose Down
DROP INDEX contests_owner_id_idx;
DROP TABLE contest_organisers;
DROP TABLE bank_readers;
ALTER TABLE banks DROP COLUMN shared_all;
DROP INDEX sessions_last_seen_at_idx;
ALTER TABLE sessions DROP COLUMN last_seen_at;
ALTER TABLE users DROP COLUMN disabled;
