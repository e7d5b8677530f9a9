package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// searchIndexVersion is the version of the one migration that differs by database: the index
// that makes a search for any part of a question's words fast (search_text LIKE '%…%').
const searchIndexVersion = 10

// Go returns the migrations written in Go for dialect, to run with the SQL files of FS.
func Go(dialect goose.Dialect) []*goose.Migration {
	up, down := searchIndexPostgres, dropSearchIndexPostgres
	if dialect == goose.DialectSQLite3 {
		up, down = searchIndexSQLite, dropSearchIndexSQLite
	}
	return []*goose.Migration{goose.NewGoMigration(searchIndexVersion, &goose.GoFunc{RunTx: run(up)}, &goose.GoFunc{RunTx: run(down)})}
}

// searchIndexPostgres is a trigram index (pg_trgm, which a database's owner may add since
// PostgreSQL 13) on the folded text: LIKE '%dang vien%' reads the index, not every row.
var searchIndexPostgres = []string{
	`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
	`CREATE INDEX questions_search_trgm_idx ON questions USING gin (search_text gin_trgm_ops)`,
}

var dropSearchIndexPostgres = []string{`DROP INDEX IF EXISTS questions_search_trgm_idx`}

// searchIndexSQLite is an FTS5 table with the trigram tokenizer over the folded text, kept by
// triggers: LIKE '%dang vien%' on it reads the index.
var searchIndexSQLite = []string{
	`CREATE VIRTUAL TABLE questions_search USING fts5(search_text, content='questions', content_rowid='rowid', tokenize='trigram')`,
	`INSERT INTO questions_search (rowid, search_text) SELECT rowid, search_text FROM questions`,
	`CREATE TRIGGER questions_search_insert AFTER INSERT ON questions BEGIN
		INSERT INTO questions_search (rowid, search_text) VALUES (new.rowid, new.search_text);
	END`,
	`CREATE TRIGGER questions_search_delete AFTER DELETE ON questions BEGIN
		INSERT INTO questions_search (questions_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
	END`,
	`CREATE TRIGGER questions_search_update AFTER UPDATE OF search_text ON questions BEGIN
		INSERT INTO questions_search (questions_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
		INSERT INTO questions_search (rowid, search_text) VALUES (new.rowid, new.search_text);
	END`,
}

var dropSearchIndexSQLite = []string{
	`DROP TRIGGER IF EXISTS questions_search_update`,
	`DROP TRIGGER IF EXISTS questions_search_delete`,
	`DROP TRIGGER IF EXISTS questions_search_insert`,
	`DROP TABLE IF EXISTS questions_search`,
}

func run(stmts []string) func(ctx context.Context, tx *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}
}
