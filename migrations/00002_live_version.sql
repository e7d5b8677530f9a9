-- +goose Up
-- The live state's version as a column, so instances can compare-and-swap it.
ALTER TABLE contests ADD COLUMN live_version BIGINT NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE contests DROP COLUMN live_version;
