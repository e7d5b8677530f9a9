package bankfile

import (
	"strings"
	"testing"
	"time"
)

// hostileFiles are files of close to the largest size built to make a careless reader work
// once per pair of bytes (or hold many times its size), one set a format.
func hostileFiles() map[string]struct {
	format Format
	data   string
} {
	const n = MaxFileBytes / 16
	return map[string]struct {
		format Format
		data   string
	}{
		"GIFT: open braces never closed":           {GIFT, strings.Repeat("{", n)},
		"GIFT: one huge answer block":              {GIFT, "Câu hỏi {" + strings.Repeat("~a ", n/3) + "}"},
		"GIFT: HTML tags never closed":             {GIFT, "[html]" + strings.Repeat("<a", n/2) + "{T}"},
		"GIFT: titles never closed":                {GIFT, strings.Repeat(":", n) + "{T}"},
		"GIFT: backslashes":                        {GIFT, strings.Repeat(`\`, n) + "{T}"},
		"GIFT: weights never closed":               {GIFT, "{" + strings.Repeat("~%", n/2) + "}"},
		"GIFT: one question a line":                {GIFT, strings.Repeat("a{T}\n\n", n/6)},
		"GIFT: empty paragraphs in HTML":           {GIFT, "[html]" + strings.Repeat(" ", n/2) + strings.Repeat("<p>", n/6) + "{T}"},
		"Aiken: options of no question":            {Aiken, strings.Repeat("A. x\n", n/5)},
		"Aiken: one prompt of many lines":          {Aiken, strings.Repeat("Câu\n", n/4) + "A. a\nB. b\nANSWER: A\n"},
		"Moodle XML: many answers":                 {MoodleXML, "<quiz><question type=\"multichoice\"><questiontext><text>Câu</text></questiontext>" + strings.Repeat("<answer fraction=\"100\"><text>a</text></answer>", n/48) + "</question></quiz>"},
		"Moodle XML: many tags":                    {MoodleXML, "<quiz><question type=\"truefalse\"><questiontext><text>Câu</text></questiontext><tags>" + strings.Repeat("<tag><text>t</text></tag>", n/26) + "</tags></question></quiz>"},
		"Moodle XML: many questions":               {MoodleXML, "<quiz>" + strings.Repeat("<question type=\"essay\"/>", n/24) + "</quiz>"},
		"Moodle XML: a long category path":         {MoodleXML, "<quiz><question type=\"category\"><category><text>" + strings.Repeat("a/", n/2) + "</text></category></question></quiz>"},
		"Moodle XML: many attributes":              {MoodleXML, "<quiz><question type=\"truefalse\"><questiontext" + strings.Repeat(" b=\"x\"", n/6) + "><text>Câu</text></questiontext></question></quiz>"},
		"Moodle XML: a picture that is not base64": {MoodleXML, pictureQuestion(strings.Repeat("!", n))},
		"Moodle XML: a picture of zeros":           {MoodleXML, pictureQuestion(strings.Repeat("A", n))},
		"Moodle XML: many pictures":                {MoodleXML, "<quiz>" + strings.Repeat(pictureQuestion(tinyPNG)[len("<quiz>"):len(pictureQuestion(tinyPNG))-len("</quiz>")], n/400) + "</quiz>"},
		"Moodle XML: many pictures in a prompt":    {MoodleXML, "<quiz><question type=\"truefalse\"><questiontext format=\"html\"><text>" + strings.Repeat("&lt;img src=\"@@PLUGINFILE@@/a.png\"&gt;", n/40) + "</text></questiontext></question></quiz>"},
	}
}

// tinyPNG is a picture of one pixel, in base64.
const tinyPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

// pictureQuestion is a Moodle XML file of one question whose prompt shows the picture of
// base64 data.
func pictureQuestion(data string) string {
	return "<quiz><question type=\"truefalse\"><questiontext format=\"html\"><text>Chi bộ họp định kỳ mỗi tháng một lần.&lt;img src=\"@@PLUGINFILE@@/a.png\"&gt;</text><file name=\"a.png\" path=\"/\" encoding=\"base64\">" + data +
		"</file></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>"
}

func TestReadersDoNotChokeOnHostileFiles(t *testing.T) {
	for name, f := range hostileFiles() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			r, err := Read([]byte(f.data), f.format)
			took := time.Since(start)
			t.Logf("%d bytes in %v", len(f.data), took)
			// Linear readers take under a second here (a few with -race on a busy machine); a reader doing
			// work per pair of bytes would take hours.
			if took > time.Minute {
				t.Fatalf("reading took %v", took)
			}
			if err == nil && len(r.Problems) > maxProblems {
				t.Fatalf("%d problems, more than %d", len(r.Problems), maxProblems)
			}
		})
	}
}
