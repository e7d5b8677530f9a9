// Package migrations holds the versioned SQL schema of hoithi, embedded in the binary.
//
// Every file is a goose migration that runs unchanged on PostgreSQL and SQLite: ids are TEXT
// (UUIDv7 strings made in Go), times are BIGINT unix milliseconds in UTC, and JSON values are
// TEXT.
package migrations

import "embed"

// FS holds the migration files, applied in version order by store.Open.
//
//go:embed *.sql
var FS embed.FS
