// Package migrations holds the versioned SQL schema of hoithi, embedded in the binary.
//
// Every SQL file is a goose migration that runs unchanged on PostgreSQL and SQLite: ids are
// TEXT (UUIDv7 strings made in Go), times are BIGINT unix milliseconds in UTC, and JSON values
// are TEXT. The one migration that must differ by database, the search index, is in Go
// (search_index.go).
package migrations

import "embed"

// FS holds the migration files, applied in version order by store.Open.
//
//go:embed *.sql
var FS embed.FS
