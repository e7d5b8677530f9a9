// Package bankfile reads and writes the question files trainers already keep: Excel sheets and
// CSV, Aiken, GIFT and Moodle XML from Moodle, and Word papers in the Vietnamese "Câu 1: …
// A. … Đáp án: B" convention. Reading never stops at the first bad question: every question it
// finds is either returned, validated, or named in a Problem by its line (or row), in
// Vietnamese, so a trainer can fix the file or choose to skip the bad items.
package bankfile

import (
	"hoithi/quiz"
)

// Format is a kind of question file.
type Format string

// The formats hoithi reads and writes.
const (
	XLSX      Format = "xlsx"
	CSV       Format = "csv"
	Aiken     Format = "aiken"
	GIFT      Format = "gift"
	MoodleXML Format = "moodlexml"
	DOCX      Format = "docx"
)

// Limits on one file: larger files are refused before they are read.
const (
	MaxFileBytes = 10 << 20
	MaxQuestions = 5000
)

// Item is one question read from a file, with where it starts. Its Question has been
// validated (quiz.Question.Validate) and has no ID or BankID yet.
type Item struct {
	Line     int           `json:"line"`
	Question quiz.Question `json:"question"`
}

// Problem is one question (or one part of the file) that could not be read, by the line of a
// text file, the row of a sheet, or the paragraph of a Word file (1-based). Message is
// Vietnamese and says what to fix. Kinds a format has and hoithi lacks (essay, matching,
// cloze…) are problems too, named as such, never imported half-read.
type Problem struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Result is what reading a file found. Found counts every question the file holds, good or
// not; Items are the good ones in file order; each of the others is in Problems.
type Result struct {
	Format   Format    `json:"format"`
	Found    int       `json:"questions"`
	Items    []Item    `json:"items"`
	Problems []Problem `json:"errors"`
}

// Questions returns the good questions in file order.
func (r *Result) Questions() []quiz.Question {
	qs := make([]quiz.Question, len(r.Items))
	for i, it := range r.Items {
		qs[i] = it.Question
	}
	return qs
}
