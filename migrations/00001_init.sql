-- +goose Up

-- Times are BIGINT unix milliseconds (UTC) so both dialects store, compare and sort them alike.
-- JSON values (options, answer keys, choices, live state, audit detail) are TEXT.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- A session id is the SHA-256 hex of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE banks (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX banks_owner_id_idx ON banks (owner_id);

-- search_text is quiz.Fold(prompt): lower case without diacritics, for accent-free search.
CREATE TABLE questions (
    id             TEXT PRIMARY KEY,
    bank_id        TEXT NOT NULL REFERENCES banks (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    prompt         TEXT NOT NULL,
    options        TEXT NOT NULL,
    correct        TEXT NOT NULL,
    time_limit_sec INTEGER NOT NULL,
    points         INTEGER NOT NULL,
    explanation    TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL DEFAULT '',
    difficulty     INTEGER NOT NULL DEFAULT 0,
    search_text    TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX questions_bank_id_position_idx ON questions (bank_id, position);
CREATE INDEX questions_bank_id_search_text_idx ON questions (bank_id, search_text);

-- last_join_order is the join order given to the latest participant; incrementing it in the
-- join transaction serialises concurrent joins of one contest.
CREATE TABLE contests (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    pin             TEXT NOT NULL,
    status          TEXT NOT NULL,
    owner_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    live_state      TEXT NOT NULL,
    last_join_order INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
-- A PIN is unique among contests that are not finished; finished contests give theirs back.
CREATE UNIQUE INDEX contests_pin_active_idx ON contests (pin) WHERE status <> 'finished';
CREATE INDEX contests_created_at_idx ON contests (created_at);

CREATE TABLE rounds (
    id         TEXT PRIMARY KEY,
    contest_id TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    scoring    TEXT NOT NULL,
    UNIQUE (contest_id, position)
);

-- An item is a copy of a question taken when the contest was made. question_id names the bank
-- question it came from, which may since have been edited or deleted, so it has no foreign key.
CREATE TABLE round_items (
    id             TEXT PRIMARY KEY,
    round_id       TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    question_id    TEXT,
    type           TEXT NOT NULL,
    prompt         TEXT NOT NULL,
    options        TEXT NOT NULL,
    correct        TEXT NOT NULL,
    time_limit_sec INTEGER NOT NULL,
    points         INTEGER NOT NULL,
    explanation    TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL DEFAULT '',
    difficulty     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, position)
);

-- token_hash is the SHA-256 hex of the resume token kept on the phone.
CREATE TABLE participants (
    id         TEXT PRIMARY KEY,
    contest_id TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    join_order INTEGER NOT NULL,
    token_hash TEXT UNIQUE,
    kicked     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    UNIQUE (contest_id, join_order)
);

-- One answer per item and participant: the first stored answer wins.
CREATE TABLE answers (
    id             TEXT PRIMARY KEY,
    contest_id     TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    item_id        TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    client_id      TEXT NOT NULL DEFAULT '',
    choice         TEXT NOT NULL,
    correct        BOOLEAN NOT NULL,
    points         INTEGER NOT NULL,
    elapsed_ms     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    UNIQUE (item_id, participant_id)
);
CREATE INDEX answers_contest_id_idx ON answers (contest_id);
CREATE INDEX answers_participant_id_idx ON answers (participant_id);

-- One judge's score for one criterion of a performance (judged rounds).
CREATE TABLE judge_scores (
    id             TEXT PRIMARY KEY,
    contest_id     TEXT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    item_id        TEXT NOT NULL REFERENCES round_items (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    judge_id       TEXT NOT NULL REFERENCES users (id),
    criterion      TEXT NOT NULL DEFAULT '',
    score          DOUBLE PRECISION NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (item_id, participant_id, judge_id, criterion)
);
CREATE INDEX judge_scores_contest_id_idx ON judge_scores (contest_id);

-- A manual change to a participant's score, for a round or (round_id null) the whole contest.
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

-- Who did what and why. No foreign keys: the log outlives the contests and users it names.
CREATE TABLE audit_log (
    id         TEXT PRIMARY KEY,
    contest_id TEXT,
    actor_id   TEXT,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_contest_id_created_at_idx ON audit_log (contest_id, created_at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE score_adjustments;
DROP TABLE judge_scores;
DROP TABLE answers;
DROP TABLE participants;
DROP TABLE round_items;
DROP TABLE rounds;
DROP TABLE contests;
DROP TABLE questions;
DROP TABLE banks;
DROP TABLE sessions;
DROP TABLE users;
