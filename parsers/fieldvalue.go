package parsers

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fieldValue is a field's value as a reader sees it, from its blocks.
type fieldValue struct {
	// lines are the value as shown, one per block: text, else an image's
	// source or a link's target; ticked and unticked options are marked.
	lines []string
	// texts are the blocks' texts that count: options not chosen are left
	// out, decorations removed.
	texts []string
	// check is the state of a lone checkbox with no text of its own, for
	// yes/no fields.
	check checkState
}

// isPageNumber reports whether a block is a page's number, as documents
// converted from print show between two lines: "Pagina 2 di 5", "Page 3".
func isPageNumber(s string) bool {
	if len(s) < 3 || len(s) > 24 || s[0] != 'P' && s[0] != 'p' {
		return false
	}
	f := strings.Fields(foldText(s))
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	switch f[0] {
	case "pagina", "pag.", "pag", "page", "p.":
	default:
		return false
	}
	for i, w := range f[1:] {
		if i == 1 && (w == "di" || w == "of" || w == "/") {
			continue
		}
		if _, err := strconv.Atoi(w); err != nil {
			return false
		}
	}
	return len(f) >= 2
}

// jsonText reads a value as a data view shows it: a quoted string without
// its quotes and escapes, null as nothing, the comma after it left out.
func jsonText(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ",")
	if s == "null" {
		return ""
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	return s
}

// cutPictographs takes emoji and pictographic symbols, and the space after
// them, off the start of a value's line ("▫️ Singoli cittadini"), and
// returns the line and what it took.
func cutPictographs(s string) (rest, dropped string) {
	if len(s) < 3 || s[0] < 0xe2 {
		return s, "" // no emoji starts with an ASCII or Latin byte
	}
	i := strings.IndexByte(s, ' ')
	if i <= 0 || !pictographs(s[:i]) {
		return s, ""
	}
	return strings.TrimSpace(s[i:]), s[:i]
}

// blockScalar is the style of a YAML block scalar's indicator ('>' folded,
// '|' literal, with or without a chomping sign), 0 when s is none.
func blockScalar(s string) byte {
	switch s {
	case ">", ">-", ">+":
		return '>'
	case "|", "|-", "|+":
		return '|'
	}
	return 0
}

// inCode reports whether n sits in code or preformatted text, where a
// value may be written in a data language's syntax.
func inCode(n *html.Node) bool {
	for d := 0; n != nil && d < 6; d, n = d+1, n.Parent {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Code || n.DataAtom == atom.Pre) {
			return true
		}
	}
	return false
}

// yamlUnquote reads a single-quoted YAML scalar ('No', 'l”Amministrazione')
// as its text; other texts are returned as they are.
func yamlUnquote(s string) string {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return s
	}
	inner := s[1 : len(s)-1]
	if strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
		return s // not one quoted scalar: 'a' and 'b'
	}
	return strings.ReplaceAll(inner, "''", "'")
}

const (
	tickOn  = "☑"
	tickOff = "☐"
)

// valueOf reads a field's blocks. A decoration never starts a value; a
// checkbox or radio button counts by its option text when ticked, and is
// left out when not; a lone box with no text is a yes or a no.
func (a *assembler) valueOf(f *openField) fieldValue {
	var v fieldValue
	lone, boxes, lastText := checkNone, 0, -1
	var lastLine *html.Node // the element drawing the last line of text
	quoted := strings.HasPrefix(f.tok.text, "\"")
	for i := range f.blocks {
		b := &f.blocks[i]
		if quoted {
			// A key of a data view ("\"durata_mesi\": 12"): its values are
			// JSON, quoted strings and null.
			b.text = jsonText(b.text)
		} else if b.check == checkNone && inCode(b.node) {
			b.text = yamlUnquote(b.text) // 'No' in YAML shown as code
		}
		if t, dropped := cutPictographs(b.text); dropped != "" {
			// "▫️ Singoli cittadini": an emoji before an item or a line.
			a.explain.decoration(dropped, b.node, "before a line of the value of "+f.label)
			b.text = t
		}
		if i == 0 || len(v.texts) == 0 {
			if t, dropped := trimValueDecor(b.text); dropped != "" {
				a.explain.decoration(dropped, b.node, "before the value of "+f.label)
				b.text = t
			}
		}
		if b.check != checkNone {
			boxes++
			mark := tickOff
			if b.check == checkOn {
				mark = tickOn
			}
			switch {
			case b.text == "":
				lone = b.check
				v.lines = append(v.lines, mark)
			case b.check == checkOn:
				v.lines = append(v.lines, mark+" "+b.text)
				v.texts = append(v.texts, b.text)
			default:
				v.lines = append(v.lines, mark+" "+b.text)
				a.explain.unused(*b, "an option not chosen")
			}
			continue
		}
		if b.text != "" && len(b.links()) == 0 && len(b.images()) == 0 && (isSeparator(b.text) || isPageNumber(b.text)) {
			// "A, B" drawn as items: the comma between them; a dash
			// standing for no value; a page number between two lines.
			b.text = ""
			continue
		}
		switch {
		case b.text != "" && lastText >= 0 && (f.fold || wrapped(&f.blocks[lastText], b) || lineWrap(lastLine, b.node)) && len(v.texts) > 0:
			// The same paragraph on the next line.
			f.blocks[lastText].text += " " + b.text
			f.blocks[lastText].top = b.top // the next line follows this one
			lastLine = b.node
			v.lines[len(v.lines)-1] += " " + b.text
			v.texts[len(v.texts)-1] += " " + b.text
			b.text = ""
		case b.text != "":
			lastText, lastLine = i, b.node
			v.lines = append(v.lines, b.text)
			v.texts = append(v.texts, b.text)
		case len(b.images()) > 0 && b.images()[0].src != "":
			v.lines = append(v.lines, b.images()[0].src)
		case len(b.images()) > 0:
			v.lines = append(v.lines, b.images()[0].alt)
		case len(b.links()) > 0:
			v.lines = append(v.lines, b.links()[0].href)
		}
	}
	switch {
	case boxes == 1 && lone != checkNone:
		v.check = lone
	case boxes == 1 && len(v.texts) == 0 && f.def != nil && f.def.kind == kindBool:
		// One box, not ticked, beside "Sì": the answer is no.
		for _, b := range f.blocks {
			if yes, err := ParseBool(b.text); b.check == checkOff && err == nil && yes {
				v.check = checkOff
			}
		}
	}
	return v
}
