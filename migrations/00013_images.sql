-- +goose Up
-- Pictures shown with a question's prompt, stored once each: the id is the SHA-256 (hex) of the
-- bytes, so the same picture uploaded twice, or shown by many questions, is one row. A question
-- and each contest's copy of it name their picture by that id ('' for none). BYTEA is
-- PostgreSQL's type for bytes; SQLite takes any type name and keeps a blob as it is.
CREATE TABLE images (
    id           TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    owner_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    data         BYTEA NOT NULL
);
ALTER TABLE questions ADD COLUMN image TEXT NOT NULL DEFAULT '';
ALTER TABLE round_items ADD COLUMN image TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE round_items DROP COLUMN image;
ALTER TABLE questions DROP COLUMN image;
DROP TABLE images;
