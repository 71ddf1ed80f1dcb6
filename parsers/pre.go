package parsers

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Text drawn in a fixed-width font (<pre>) may be a two-column table: the
// labels padded with spaces to the column where the values start, long
// labels and values wrapped inside their column, list items as "* " lines,
// sections underlined with "=". A reader sees the columns; preColumns reads
// them so.

// preColumns reads a <pre> laid out in two columns and reports whether it
// was one.
func (l *linearizer) preColumns(pre *html.Node) bool {
	text := textOf(pre, 1<<20)
	if len(text) > 1<<20 || !strings.Contains(text, "  ") {
		return false
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	col := valueColumn(lines)
	if col == 0 {
		return false
	}
	l.flush()
	var group []string
	for i, line := range lines {
		switch {
		case strings.TrimSpace(line) == "":
			l.preGroup(pre, group, col)
			group = group[:0]
		case i+1 < len(lines) && isUnderline(lines[i+1]):
			l.preGroup(pre, group, col)
			group = group[:0]
			l.preGroup(pre, []string{line}, col)
		case isUnderline(line):
		default:
			group = append(group, line)
		}
	}
	l.preGroup(pre, group, col)
	return true
}

// preGroup reads lines up to a blank one: a label in the left column and
// its value in the right, or text.
func (l *linearizer) preGroup(pre *html.Node, lines []string, col int) {
	if len(lines) == 0 {
		return
	}
	var left, right []string
	for _, line := range lines {
		r := []rune(line)
		if len(r) <= col {
			left = append(left, strings.TrimSpace(line))
			continue
		}
		left = append(left, strings.TrimSpace(string(r[:col])))
		right = append(right, strings.TrimSpace(string(r[col:])))
	}
	label := collapseSpace(strings.Join(left, " "))
	m := dict.lookup(label)
	if !m.found() {
		m = dict.lookupFuzzy(label, l.scope())
	}
	if !m.found() {
		for _, line := range lines {
			l.preBlock(pre, strings.TrimSpace(line))
		}
		return
	}
	if m.section != "" {
		l.tokens = append(l.tokens, token{kind: tokSection, text: m.section, how: m.how, node: pre})
	} else {
		l.tokens = append(l.tokens, token{kind: tokLabel, text: label, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: pre})
	}
	// The value: a "* " line starts an item, other lines continue the one
	// before (a paragraph wrapped in its column).
	var cur strings.Builder
	for _, r := range right {
		switch {
		case r == "":
		case strings.HasPrefix(r, "* ") || strings.HasPrefix(r, "- ") || strings.HasPrefix(r, "• "):
			l.preBlock(pre, cur.String())
			cur.Reset()
			cur.WriteString(strings.TrimSpace(r[strings.IndexByte(r, ' '):]))
		default:
			if cur.Len() > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(r)
		}
	}
	l.preBlock(pre, cur.String())
}

func (l *linearizer) preBlock(pre *html.Node, text string) {
	text = collapseSpace(text)
	if text == "" {
		return
	}
	// "Mappa https://.../map.jpg" inside a value: the map's label and its
	// image, as the observatory shows a territory's map.
	if head, rest, ok := strings.Cut(text, " "); ok && looksLikeImagePath(rest) {
		if m := dict.lookup(head); m.field != nil && m.field.mapLink {
			l.tokens = append(l.tokens, token{kind: tokLabel, text: head, field: m.field, how: m.how, node: pre},
				token{kind: tokText, text: rest, node: pre})
			return
		}
	}
	l.tokens = append(l.tokens, token{kind: tokText, text: text, node: pre})
}

// valueColumn finds where the right column starts: the position (in
// characters) after a run of two or more spaces that most lines share, and
// at least three do. 0 when the text has no such column.
func valueColumn(lines []string) int {
	count := map[int]int{}
	for _, line := range lines {
		if p := columnAfterGap(line); p > 0 {
			count[p]++
		}
	}
	best, n := 0, 0
	for p, c := range count {
		if c > n || c == n && p < best {
			best, n = p, c
		}
	}
	if n < 3 && !knownLeft(lines, best, n) {
		return 0
	}
	return best
}

// knownLeft reports whether every one of the n lines whose value starts at
// col begins with a known label: a table of one or two rows ("Stato di
// avanzamento      Progetto") reads as columns too.
func knownLeft(lines []string, col, n int) bool {
	known := 0
	for _, line := range lines {
		if columnAfterGap(line) != col {
			continue
		}
		r := []rune(line)
		if m := dict.lookup(strings.TrimSpace(string(r[:col]))); m.field == nil {
			return false
		}
		known++
	}
	return known == n && n > 0
}

// columnAfterGap is the position of the first character after the first
// run of two or more spaces in line, past some text; 0 when there is none.
func columnAfterGap(line string) int {
	pos, spaces, text := 0, 0, false
	for _, r := range line {
		switch {
		case r == ' ':
			spaces++
		case spaces >= 2 && text:
			return pos
		default:
			spaces, text = 0, true
		}
		pos++
	}
	return 0
}

// isUnderline reports whether a line is a heading's underline: "====" or
// "----".
func isUnderline(line string) bool {
	t := strings.TrimSpace(line)
	return utf8.RuneCountInString(t) >= 3 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}

// Text in a <pre> may be a mail: a mailing list's archive shows messages
// so, and a message may quote another ("> ") that carries the record as
// "Label: value" lines, or a "Label:" line with the value on the lines
// below. Lines ending in a space go on in the next one (format=flowed,
// as mail clients wrap long lines), "== Name ==" lines are headings and
// a "-- " line starts the signature. A reader of the message reads the
// record in the quoted lines; preLines reads it so.

// minPreLabels is how many lines of a <pre> must begin with a known label
// and a colon for it to be read line by line.
const minPreLabels = 3

// preLine is a line of a <pre>, without its quoting marks.
type preLine struct {
	depth int // how many times the line is quoted
	text  string
}

// preLines reads a <pre> that holds the record as labelled lines, at the
// quoting depth where most of them are, and reports whether it did.
func (l *linearizer) preLines(pre *html.Node) bool {
	text := textOf(pre, 1<<20)
	if len(text) > 1<<20 || !strings.Contains(text, ":") {
		return false
	}
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines := make([]preLine, len(raw))
	labelled := map[int]int{}
	for i, r := range raw {
		d, t := unquote(r)
		lines[i] = preLine{depth: d, text: t}
		if k := strings.IndexByte(t, ':'); k > 0 && k <= dict.longest+lookupSlack {
			if m := dict.lookup(t[:k]); m.field != nil && m.how != matchFuzzy {
				labelled[d]++
			}
		}
	}
	depth, best := 0, 0
	for d, c := range labelled {
		if c > best || c == best && d < depth {
			depth, best = d, c
		}
	}
	if best < minPreLabels {
		return false
	}
	l.flush()
	var cur strings.Builder
	emit := func() {
		if cur.Len() > 0 {
			l.preLineBlock(pre, cur.String())
			cur.Reset()
		}
	}
	signed := false
	for _, ln := range lines {
		if ln.depth != depth {
			emit()
			continue
		}
		t := ln.text
		switch {
		case signed:
			continue
		case t == "-- " || t == "--":
			emit()
			signed = true // the signature: not the message's text
			continue
		case strings.TrimSpace(t) == "":
			emit()
			continue
		}
		if s := cur.String(); s != "" && !strings.HasSuffix(s, " ") {
			emit()
		}
		cur.WriteString(t)
	}
	emit()
	return true
}

// unquote takes the quoting marks off a mail's line ("> > text"): how
// many there were, and the text after them.
func unquote(line string) (int, string) {
	depth := 0
	for {
		t := strings.TrimLeft(line, " ")
		if !strings.HasPrefix(t, ">") {
			break
		}
		depth++
		line = strings.TrimPrefix(t[1:], " ")
	}
	return depth, line
}

// preLineBlock emits a line of a mail as a block: a "== Name ==" heading
// as that heading, other lines as text, read as any block is ("Label:
// value").
func (l *linearizer) preLineBlock(pre *html.Node, text string) {
	text = collapseSpace(text)
	if h := strings.Trim(text, "=# "); h != text && h != "" && strings.HasPrefix(text, "=") {
		text = h
	}
	l.flush()
	l.buf.WriteString(text)
	l.blockNode = pre
	l.flush()
}
