-- +goose Up
-- A quiz round may close each question as soon as every connected contestant has answered.
ALTER TABLE rounds ADD COLUMN auto_close BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE rounds DROP COLUMN auto_close;
