package api

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestEveryErrorCodeHasTheStatusAPImdGivesIt compares statusOf with the code table of API.md:
// every code the api sends as a quiz.Error is documented, with the status it gets.
func TestEveryErrorCodeHasTheStatusAPImdGivesIt(t *testing.T) {
	data, err := os.ReadFile("API.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]map[int]bool{}
	for _, m := range regexp.MustCompile("(?m)^  \\| `(\\w+)` \\| (\\d{3}) \\|").FindAllStringSubmatch(string(data), -1) {
		status, _ := strconv.Atoi(m[2])
		if documented[m[1]] == nil {
			documented[m[1]] = map[int]bool{}
		}
		documented[m[1]][status] = true
	}
	if len(documented) < 10 {
		t.Fatalf("found only %d codes in API.md", len(documented))
	}
	for code, status := range statusOf {
		if !documented[code][status] {
			t.Errorf("code %s answers %d, which API.md does not say", code, status)
		}
	}
}
