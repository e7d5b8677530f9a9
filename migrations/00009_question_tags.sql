-- +goose Up
-- A question's one topic becomes a list of topic tags (JSON), in the bank and in each
-- contest's own copy; difficulty becomes the four levels of the Vietnamese convention (1 nhận
-- biết … 4 vận dụng cao), the old fifth level joining the fourth.
ALTER TABLE questions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE round_items ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
UPDATE questions SET tags = '["' || replace(replace(topic, '\', '\\'), '"', '\"') || '"]' WHERE topic <> '';
UPDATE round_items SET tags = '["' || replace(replace(topic, '\', '\\'), '"', '\"') || '"]' WHERE topic <> '';
UPDATE questions SET difficulty = 4 WHERE difficulty > 4;
UPDATE round_items SET difficulty = 4 WHERE difficulty > 4;
ALTER TABLE questions DROP COLUMN topic;
ALTER TABLE round_items DROP COLUMN topic;

-- +goose Down
ALTER TABLE questions ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE round_items ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE questions DROP COLUMN tags;
ALTER TABLE round_items DROP COLUMN tags;
