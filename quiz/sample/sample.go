// Package sample holds the Vietnamese question bank loaded on first start, so a newcomer can run
// a contest at once.
package sample

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"hoithi/quiz"
)

//go:embed bank.json
var bankJSON []byte

// file is the layout of bank.json.
type file struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Questions   []quiz.Question `json:"questions"`
}

// Bank returns the sample bank and its questions in order, validated and without IDs.
func Bank() (quiz.Bank, []quiz.Question, error) {
	var f file
	dec := json.NewDecoder(bytes.NewReader(bankJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return quiz.Bank{}, nil, fmt.Errorf("decode sample bank: %w", err)
	}
	b := quiz.Bank{Title: f.Title, Description: f.Description, QuestionCount: len(f.Questions)}
	if err := b.Validate(); err != nil {
		return quiz.Bank{}, nil, fmt.Errorf("sample bank: %w", err)
	}
	for i := range f.Questions {
		if err := f.Questions[i].Validate(); err != nil {
			return quiz.Bank{}, nil, fmt.Errorf("sample bank question %d: %w", i+1, err)
		}
	}
	return b, f.Questions, nil
}
