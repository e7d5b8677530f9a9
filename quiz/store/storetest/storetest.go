// Package storetest gives each test a fresh, migrated, empty database, SQLite or PostgreSQL.
//
// PostgreSQL tests need HOITHI_TEST_DATABASE_URL, the URL of a role that may create
// databases. The migrations are applied once, to a template database named after a hash of
// the migration files; each test then gets its own copy (CREATE DATABASE … TEMPLATE), dropped
// when the test ends. Without the URL PostgreSQL tests are skipped, unless
// HOITHI_REQUIRE_SERVICES=1, when they fail.
package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"hoithi/migrations"
	"hoithi/quiz/store"
)

// Environment variables read by Open.
const (
	DatabaseURLEnv     = "HOITHI_TEST_DATABASE_URL"
	RequireServicesEnv = "HOITHI_REQUIRE_SERVICES"
)

// templateLockID is the advisory lock taken, in the database of DatabaseURLEnv, while one test
// process builds the template, so processes started together do not build it twice.
const templateLockID = 0x686f69746869 // "hoithi"

// testMaxConns bounds each test database's pool, so many tests in parallel stay under the
// server's max_connections.
const testMaxConns = 4

// Dialects returns the dialects every store test runs against.
func Dialects(t testing.TB) []string {
	t.Helper()
	return []string{store.SQLite, store.Postgres}
}

// Open returns a fresh, migrated, empty database of the dialect, closed and removed when t ends.
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	switch dialect {
	case store.SQLite:
		db, err := store.Open(ctx, filepath.Join(t.TempDir(), "hoithi.db"))
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	case store.Postgres:
		return openPostgres(ctx, t)
	default:
		t.Fatalf("storetest: unknown dialect %q", dialect)
		return nil
	}
}

func openPostgres(ctx context.Context, t testing.TB) *store.DB {
	t.Helper()
	base := os.Getenv(DatabaseURLEnv)
	if base == "" {
		if os.Getenv(RequireServicesEnv) == "1" {
			t.Fatalf("%s is not set but %s=1: PostgreSQL tests must run", DatabaseURLEnv, RequireServicesEnv)
		}
		t.Skipf("%s is not set", DatabaseURLEnv)
	}
	tpl, err := postgresTemplate()
	if err != nil {
		t.Fatalf("prepare template database: %v", err)
	}

	name := "hoithi_t_" + randomHex(8)
	if err := retryInUse(ctx, func() error {
		_, err := tpl.admin.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tpl.name))
		return err
	}); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := tpl.admin.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})

	dsn, err := withDatabase(base, name)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	sqlDB, err := db.Gorm(ctx).DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(testMaxConns)
	sqlDB.SetMaxIdleConns(testMaxConns)
	return db
}

// template is a migrated database that test databases are copied from.
type template struct {
	admin *sql.DB // connected to the database of DatabaseURLEnv, to create and drop others
	name  string
}

// postgresTemplate connects to the server once per test process and makes sure the template
// database for the current migrations exists.
var postgresTemplate = sync.OnceValues(func() (template, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	base := os.Getenv(DatabaseURLEnv)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return template{}, fmt.Errorf("connect to %s: %w", DatabaseURLEnv, err)
	}
	admin.SetMaxOpenConns(testMaxConns)
	sum, err := migrationsHash()
	if err != nil {
		_ = admin.Close()
		return template{}, err
	}
	tpl := template{admin: admin, name: "hoithi_tpl_" + sum}
	if err := buildTemplate(ctx, admin, base, tpl.name); err != nil {
		_ = admin.Close()
		return template{}, err
	}
	return tpl, nil
})

// buildTemplate creates and migrates the template database tpl unless it exists. It migrates a
// database with a temporary name and renames it when done, so a template that exists is
// always complete, even after a test process was killed half way.
func buildTemplate(ctx context.Context, admin *sql.DB, base, tpl string) (err error) {
	conn, err := admin.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", templateLockID); err != nil {
		return fmt.Errorf("lock template: %w", err)
	}
	defer func() {
		if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", templateLockID); uerr != nil && err == nil {
			err = fmt.Errorf("unlock template: %w", uerr)
		}
	}()

	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tpl).Scan(&exists); err != nil {
		return fmt.Errorf("look for template %s: %w", tpl, err)
	} else if exists {
		return nil
	}

	build := tpl + "_build"
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", build)); err != nil {
		return fmt.Errorf("drop unfinished template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+build); err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	dsn, err := withDatabase(base, build)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("migrate template: %w", err)
	}
	if err := db.Close(); err != nil {
		return err
	}
	// The server may take a moment to end the backends of the connections just closed.
	return retryInUse(ctx, func() error {
		_, err := conn.ExecContext(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", build, tpl))
		return err
	})
}

// retryInUse runs f until it does not fail with object_in_use (55006), which CREATE DATABASE
// and ALTER DATABASE report while another session is still connected to the database.
func retryInUse(ctx context.Context, f func() error) error {
	for {
		err := f()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "55006" {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (gave up: %w)", err, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// migrationsHash names the current set of migrations, so a changed migration gets a new template.
func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// withDatabase returns the URL base with its database name replaced.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", DatabaseURLEnv, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// EmptyDatabaseURL creates an empty, unmigrated PostgreSQL database for one test and returns
// its URL, for servers the test starts as processes (they migrate it themselves). It is
// dropped, connections and all, when the test ends.
func EmptyDatabaseURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(DatabaseURLEnv)
	if base == "" {
		if os.Getenv(RequireServicesEnv) == "1" {
			t.Fatalf("%s is not set but %s=1: PostgreSQL tests must run", DatabaseURLEnv, RequireServicesEnv)
		}
		t.Skipf("%s is not set", DatabaseURLEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	name := "hoithi_e_" + randomHex(8)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := withDatabase(base, name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
