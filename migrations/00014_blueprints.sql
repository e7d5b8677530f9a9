-- +goose Up
-- A blueprint (đề mẫu) is its owner's recipe for a round: its parts (topic, kinds, banks and
-- the count of each level) are one JSON list, read and written whole.
CREATE TABLE blueprints (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    parts      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX blueprints_owner_idx ON blueprints (owner_id, created_at);

-- +goose Down
DROP TABLE blueprints;
