-- +goose Up
-- Questions count their saved forms; each edit is a revision (who, when, which parts changed);
-- a contest's copy of a question keeps the version it was copied from.
ALTER TABLE questions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE round_items ADD COLUMN question_version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE question_revisions (
    id          TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    actor_name  TEXT NOT NULL DEFAULT '',
    changed     TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX question_revisions_question_version_idx ON question_revisions (question_id, version);

-- +goose Down
DROP TABLE question_revisions;
ALTER TABLE round_items DROP COLUMN question_version;
ALTER TABLE questions DROP COLUMN version;
