-- +goose Up
-- Pairs of a bank's questions with one prompt that the trainer said are not duplicates ("Giữ
-- cả hai"), with the prompt key they shared: a pair ends with either question, and stops
-- counting once either prompt is edited to another key.
CREATE TABLE kept_duplicates (
    bank_id    TEXT NOT NULL REFERENCES banks (id) ON DELETE CASCADE,
    question_a TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    question_b TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    prompt_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (question_a, question_b)
);
CREATE INDEX kept_duplicates_bank_idx ON kept_duplicates (bank_id);

-- +goose Down
DROP TABLE kept_duplicates;
