-- +goose Up
-- The keys of the question kinds beyond choices, in the bank and in each contest's own copy:
-- accepted answers of a short answer (JSON list) and whether they may be typed without
-- diacritics; a numeric answer's value and tolerance; partial credit (multiple choice, ordering).
ALTER TABLE questions ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE questions ADD COLUMN no_diacritics BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE questions ADD COLUMN value DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN tolerance DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE round_items ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE round_items ADD COLUMN no_diacritics BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE round_items ADD COLUMN value DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE round_items ADD COLUMN tolerance DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE round_items ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;
-- What a typed answer said, and an ordering answer's order (JSON list of the right-order
-- indexes of the options put first, second…).
ALTER TABLE answers ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE answers ADD COLUMN answer_order TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE answers DROP COLUMN answer_order;
ALTER TABLE answers DROP COLUMN text;
ALTER TABLE round_items DROP COLUMN partial;
ALTER TABLE round_items DROP COLUMN tolerance;
ALTER TABLE round_items DROP COLUMN value;
ALTER TABLE round_items DROP COLUMN no_diacritics;
ALTER TABLE round_items DROP COLUMN answers;
ALTER TABLE questions DROP COLUMN partial;
ALTER TABLE questions DROP COLUMN tolerance;
ALTER TABLE questions DROP COLUMN value;
ALTER TABLE questions DROP COLUMN no_diacritics;
ALTER TABLE questions DROP COLUMN answers;
