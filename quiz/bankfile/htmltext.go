package bankfile

import (
	"html"
	"path"
	"strings"
)

// htmlText is what a piece of Moodle HTML becomes in hoithi, which shows plain text: the text
// with line breaks where blocks and <br> were, entities decoded; and the media it refers to
// (images, embedded files) that hoithi cannot carry over, so the caller can say so.
type htmlText struct {
	Text  string
	Media []string
	// Pictures are the src of each <img>, as written, and Files the names of the other media:
	// Moodle XML carries pictures of the prompt in the file itself (Media lists both).
	Pictures []string
	Files    []string
}

// blockTags start or end a line of their own.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "tr": true,
	"table": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "hr": true,
}

// pluginFile is how Moodle names a file embedded in the question file.
const pluginFile = "@@PLUGINFILE@@"

// fromHTML turns HTML into text in one pass: each '<' looks ahead once for its '>', and once
// none is left the rest is text, so the work stays linear whatever the input. In HTML a line
// break in the source is a space; with breaks (Moodle's "auto format", what a trainer types
// in GIFT) it is a line break.
func fromHTML(s string, breaks bool) htmlText {
	var out htmlText
	var b strings.Builder
	skip := "" // inside <script> or <style>: drop everything up to its end tag
	tagsLeft := true
	fresh := true // nothing but spaces written since the last line break
	write := func(c byte) {
		b.WriteByte(c)
		if c == '\n' {
			fresh = true
		} else if c != ' ' {
			fresh = false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' || !tagsLeft || i+1 >= len(s) || !tagStart(s[i+1]) {
			switch {
			case skip != "":
			case !breaks && (c == '\n' || c == '\r' || c == '\t'):
				write(' ')
			default:
				write(c)
			}
			i++
			continue
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			tagsLeft = false
			continue
		}
		tag := s[i+1 : i+j]
		i += j + 1
		name, closing := tagName(tag)
		if skip != "" {
			if closing && name == skip {
				skip = ""
			}
			continue
		}
		switch {
		case name == "script" || name == "style":
			if !closing {
				skip = name
			}
		case name == "img" || name == "audio" || name == "video" || name == "source" || name == "embed" || name == "object":
			src := attr(tag, "src")
			switch {
			case name == "img":
				out.Pictures = append(out.Pictures, src)
				if src == "" {
					out.Media = append(out.Media, "hình ảnh")
				} else {
					out.Media = append(out.Media, mediaName(src))
				}
			case src != "":
				out.Media = append(out.Media, mediaName(src))
				out.Files = append(out.Files, mediaName(src))
			}
		case name == "a":
			if href := attr(tag, "href"); strings.Contains(href, pluginFile) {
				out.Media = append(out.Media, mediaName(href))
				out.Files = append(out.Files, mediaName(href))
			}
		case name == "br":
			write('\n')
		case blockTags[name] && !fresh:
			// A block starts a line of its own; several block edges in a row make one break.
			write('\n')
		}
	}
	out.Text = tidyLines(html.UnescapeString(b.String()))
	return out
}

func tagStart(c byte) bool {
	return c == '/' || c == '!' || c == '?' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// tagName returns a tag's lower-case name and whether it closes an element.
func tagName(tag string) (string, bool) {
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	end := strings.IndexAny(tag, " \t\r\n/")
	if end < 0 {
		end = len(tag)
	}
	return strings.ToLower(tag[:end]), closing
}

// attr returns the value of the attribute name in a tag's text, or "".
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		k := strings.Index(lower[from:], name)
		if k < 0 {
			return ""
		}
		k += from
		from = k + len(name)
		if k > 0 && !strings.ContainsRune(" \t\r\n", rune(lower[k-1])) {
			continue
		}
		rest := strings.TrimLeft(tag[from:], " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			v, _, _ := strings.Cut(rest[1:], string(q))
			return html.UnescapeString(v)
		}
		v, _, _ := strings.Cut(rest, " ")
		return html.UnescapeString(v)
	}
}

// mediaName is the file name a trainer recognises in a media reference.
func mediaName(src string) string {
	src = strings.TrimPrefix(src, pluginFile)
	src, _, _ = strings.Cut(src, "?")
	if name := path.Base(src); name != "." && name != "/" {
		return name
	}
	return src
}

// tidyLines collapses the white space of each line as HTML shows it, and keeps at most one
// empty line between paragraphs.
func tidyLines(s string) string {
	var b strings.Builder
	blank := 0
	for line := range strings.Lines(strings.ReplaceAll(s, "\r", "")) {
		f := strings.Fields(line)
		if len(f) == 0 {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank > 0 {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(strings.Join(f, " "))
	}
	return b.String()
}
