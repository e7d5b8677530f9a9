package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// storedAnswers reads which answer the database holds for each contestant and item of a
// contest. dsn is a PostgreSQL URL or the path of the embedded SQLite file, which is opened
// read-only while the server still runs.
func storedAnswers(ctx context.Context, dsn, contestID string) (map[answerKey]string, error) {
	var dialector gorm.Dialector
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		dialector = postgres.Open(dsn)
	} else {
		dialector = sqlite.Open("file:" + dsn + "?mode=ro&_pragma=busy_timeout(5000)")
	}
	db, err := gorm.Open(dialector, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	defer sqlDB.Close()
	rows, err := db.WithContext(ctx).Raw("SELECT participant_id, item_id, client_id FROM answers WHERE contest_id = ?", contestID).Rows()
	if err != nil {
		return nil, fmt.Errorf("read answers of %s: %w", contestID, err)
	}
	defer rows.Close()
	out := map[answerKey]string{}
	for rows.Next() {
		var k answerKey
		var id string
		if err := rows.Scan(&k.participant, &k.item, &id); err != nil {
			return nil, fmt.Errorf("read answers of %s: %w", contestID, err)
		}
		out[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read answers of %s: %w", contestID, err)
	}
	return out, nil
}
