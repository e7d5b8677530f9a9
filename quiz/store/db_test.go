package store_test

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pressly/goose/v3"

	"hoithi/migrations"
	"hoithi/quiz"
	"hoithi/quiz/store"
	"hoithi/quiz/store/storetest"
)

func TestOpenMakesTheSQLiteFileAndKeepsItsData(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "data", "hoithi.db")
	db, err := store.Open(ctx, path)
	must(t, err)
	if db.Dialect() != store.SQLite {
		t.Errorf("dialect = %q, want %q", db.Dialect(), store.SQLite)
	}
	must(t, db.Ping(ctx))
	b := &quiz.Bank{Title: "Bộ câu hỏi"}
	must(t, store.NewBankService(db).CreateBank(ctx, b))
	must(t, db.Close())

	db, err = store.Open(ctx, path)
	must(t, err)
	defer db.Close()
	if _, err := store.NewBankService(db).FindBank(ctx, b.ID); err != nil {
		t.Fatalf("bank lost after reopening: %v", err)
	}
}

func TestMigrationsGoDownAndUpAgain(t *testing.T) {
	eachDialect(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		sqlDB, err := db.Gorm(ctx).DB()
		must(t, err)
		dialect := goose.DialectSQLite3
		if db.Dialect() == store.Postgres {
			dialect = goose.DialectPostgres
		}
		p, err := goose.NewProvider(dialect, sqlDB, migrations.FS, goose.WithDisableGlobalRegistry(true), goose.WithGoMigrations(migrations.Go(dialect)...))
		must(t, err)
		_, err = p.DownTo(ctx, 0)
		must(t, err)
		_, err = p.Up(ctx)
		must(t, err)
		must(t, store.NewBankService(db).CreateBank(ctx, &quiz.Bank{Title: "Sau khi chạy lại"}))
	})
}

func TestServersStartingTogetherMigrateOnce(t *testing.T) {
	base := os.Getenv(storetest.DatabaseURLEnv)
	if base == "" {
		if os.Getenv(storetest.RequireServicesEnv) == "1" {
			t.Fatalf("%s is not set", storetest.DatabaseURLEnv)
		}
		t.Skipf("%s is not set", storetest.DatabaseURLEnv)
	}
	ctx := t.Context()
	admin, err := sql.Open("pgx", base)
	must(t, err)
	t.Cleanup(func() { _ = admin.Close() })
	name := "hoithi_t_empty_" + strings.ToLower(rand.Text()[:10])
	_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
	must(t, err)
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	must(t, err)
	u.Path = "/" + name

	const servers = 4
	var wg sync.WaitGroup
	for range servers {
		wg.Go(func() {
			db, err := store.Open(ctx, u.String())
			if err != nil {
				t.Error(err)
				return
			}
			defer db.Close()
			if db.Dialect() != store.Postgres {
				t.Errorf("dialect = %q, want %q", db.Dialect(), store.Postgres)
			}
		})
	}
	wg.Wait()
}
