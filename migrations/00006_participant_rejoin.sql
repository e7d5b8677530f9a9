-- +goose Up
-- Until this time (unix ms) the organiser lets the contestant join again from another phone,
-- under the same name and unit, as themselves.
ALTER TABLE participants ADD COLUMN rejoin_until BIGINT;

-- +goose Down
ALTER TABLE participants DROP COLUMN rejoin_until;
