// Package store keeps hoithi's users, banks, contests and answers in PostgreSQL or, for the
// embedded default, in a SQLite file, through GORM.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/google/uuid"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"hoithi/migrations"
)

// DefaultSQLitePath is the database file Open uses when it is given no DSN.
const DefaultSQLitePath = "data/hoithi.db"

// Dialect names returned by DB.Dialect.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// sqlitePragmas make every SQLite connection enforce foreign keys, use the write-ahead log, wait
// for a lock held by another process rather than fail, and take the write lock when a
// transaction begins so two transactions never deadlock upgrading a read lock.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_txlock=immediate"

// postgresMaxConns bounds the connections one instance holds, so that several instances
// behind a load balancer stay under the server's max_connections.
const postgresMaxConns = 16

// DB is an open, migrated database.
type DB struct {
	gorm *gorm.DB
}

// Open connects to the database named by dsn and applies any pending migrations. A dsn
// starting with postgres:// or postgresql:// is a PostgreSQL URL; anything else is the path of
// a SQLite file, DefaultSQLitePath when empty, whose directory is created if need be.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg := &gorm.Config{
		Logger:                 errorLogger{logger.NewSlogLogger(slog.Default(), logger.Config{LogLevel: logger.Error, IgnoreRecordNotFoundError: true})},
		TranslateError:         true,
		SkipDefaultTransaction: true,
		DisableAutomaticPing:   true,
	}
	var (
		dialector gorm.Dialector
		dialect   goose.Dialect
		gooseOpts []goose.ProviderOption
	)
	if isPostgres(dsn) {
		dialector, dialect = postgres.Open(dsn), goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		gooseOpts = append(gooseOpts, goose.WithSessionLocker(locker))
	} else {
		path, err := sqlitePath(dsn)
		if err != nil {
			return nil, err
		}
		dialector, dialect = sqlite.Open(path), goose.DialectSQLite3
	}

	g, err := gorm.Open(dialector, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialector.Name(), err)
	}
	db := &DB{gorm: g}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialector.Name(), err)
	}
	if db.Dialect() == SQLite {
		// One connection serialises every statement in the process, so concurrent writers queue
		// in Go instead of failing with "database is locked".
		sqlDB.SetMaxOpenConns(1)
	} else {
		sqlDB.SetMaxOpenConns(postgresMaxConns)
		sqlDB.SetMaxIdleConns(postgresMaxConns)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	if err := db.Ping(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrate(ctx, sqlDB, dialect, gooseOpts); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

func isPostgres(dsn string) bool {
	lower := strings.ToLower(dsn)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// sqlitePath creates the directory of the SQLite file named by dsn and returns the driver DSN.
func sqlitePath(dsn string) (string, error) {
	if dsn == "" {
		dsn = DefaultSQLitePath
	}
	file, query, _ := strings.Cut(dsn, "?")
	if name := strings.TrimPrefix(file, "file:"); name != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(name), 0o750); err != nil {
			return "", fmt.Errorf("create database directory: %w", err)
		}
	}
	if query != "" {
		return file + "?" + query + "&" + sqlitePragmas, nil
	}
	return file + "?" + sqlitePragmas, nil
}

// migrate applies the pending embedded migrations, logging each one applied.
func migrate(ctx context.Context, sqlDB *sql.DB, dialect goose.Dialect, opts []goose.ProviderOption) error {
	opts = append(opts, goose.WithDisableGlobalRegistry(true), goose.WithGoMigrations(migrations.Go(dialect)...))
	p, err := goose.NewProvider(dialect, sqlDB, migrations.FS, opts...)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		slog.InfoContext(ctx, "applied migration", slog.String("file", r.Source.Path), slog.Duration("duration", r.Duration))
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.gorm.DB()
	if err == nil {
		err = sqlDB.PingContext(ctx)
	}
	if err != nil {
		return fmt.Errorf("ping %s database: %w", db.Dialect(), err)
	}
	return nil
}

// Dialect names the database behind db: Postgres or SQLite.
func (db *DB) Dialect() string { return db.gorm.Dialector.Name() }

// Gorm returns a GORM session bound to ctx, for store code that needs a query of its own.
// SQLite has a single connection: inside a transaction, use only the transaction's handle, or
// the call waits for the connection the transaction holds.
func (db *DB) Gorm(ctx context.Context) *gorm.DB { return db.gorm.WithContext(ctx) }

// batchSize is how many rows of the given number of columns one INSERT carries. The SQLite
// driver binds parameters in time quadratic in their number, so its statements stay small.
func (db *DB) batchSize(columns int) int {
	params := 5000
	if db.Dialect() == SQLite {
		params = 500
	}
	return max(1, params/columns)
}

// errorLogger logs failed statements without their parameters, which hold password hashes and
// tokens. It leaves out the failures callers expect and turn into domain errors: a missing row,
// a duplicate key, a missing parent row, and a cancelled request.
type errorLogger struct{ logger.Interface }

// LogMode keeps the filter when GORM changes the level.
func (l errorLogger) LogMode(level logger.LogLevel) logger.Interface {
	return errorLogger{l.Interface.LogMode(level)}
}

// Trace passes a failed statement on to be logged unless its error is an expected one. It
// returns at once for a statement that succeeded: building its SQL text costs more than
// running a batch insert.
func (l errorLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err == nil || errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, context.Canceled) {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}

// ParamsFilter drops the parameters of every logged statement.
func (errorLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

// newID returns a fresh time-ordered id.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// millis is how times are stored: unix milliseconds.
func millis(t time.Time) int64 { return t.UnixMilli() }

// fromMillis turns a stored time back into a UTC time.Time.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// now returns the current time as stored, and as a time.Time equal to what a read returns.
func now() (int64, time.Time) {
	ms := time.Now().UnixMilli()
	return ms, fromMillis(ms)
}

// nullable stores an empty string as NULL.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// deref reads a nullable string, NULL being empty.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
